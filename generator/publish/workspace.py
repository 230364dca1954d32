"""Where a build keeps what it makes on the way to the site: the Markdown sources MkDocs reads and the
caches. One folder per output, beside it and ignored by git (`.kinerja/<output name>/`), so the
repository's tracked folders only ever hold what people write.

    .kinerja/site/halaman/   the pages MkDocs builds (hand-written ones copied in, generated ones written)
    .kinerja/site/cache/     every cache of this output (see generator.cache)
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.render.context import Site

MANIFEST = ".generated.json"  # in the pages folder: what the last build wrote, so stale pages are removed


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def for_output(cls, out: Path) -> "Workspace":
        out = out.resolve()
        return cls(out.parent / ".kinerja" / out.name)

    @property
    def docs(self) -> Path:
        return self.root / "halaman"

    @property
    def cache(self) -> Path:
        return self.root / "cache"


def handwritten(folder: Path | None) -> dict[str, bytes]:
    """The hand-written pages (Markdown and assets) of the pages folder, e.g. `site_src/tentang.md`."""
    if folder is None or not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def write_sources(ws: Workspace, site: Site, pages_dir: Path | None) -> int:
    """Write the pages MkDocs reads into `ws.docs`: the hand-written pages, the generated pages and files;
    remove what an earlier build wrote and this one did not. Unchanged
    files are not rewritten, so MkDocs and browsers see them unchanged. Returns how many were written."""
    docs = ws.docs
    docs.mkdir(parents=True, exist_ok=True)
    manifest = docs / MANIFEST
    try:
        previous = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        previous = set()
    contents = {**handwritten(pages_dir), **{rel: text.encode("utf-8") for rel, text in site.pages.items()},
                **site.files}
    for stale in sorted(previous - set(contents)):
        (docs / stale).unlink(missing_ok=True)
    written = 0
    for rel, data in sorted(contents.items()):
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written += 1
    manifest.write_text(json.dumps(sorted(contents), indent=1) + "\n", encoding="utf-8")
    return written


def clear(ws: Workspace) -> None:
    shutil.rmtree(ws.root, ignore_errors=True)
