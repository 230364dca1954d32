"""`data/manifest.json`: what made this site and what it holds, for anyone checking a copy: the generator
and tool versions, the sha256 of every source file of the package and of every published file (except
this one). No clock: the same inputs give the same bytes."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from generator import __version__
from generator.cache import tool_version
from generator.render.context import Site

PATH = "data/manifest.json"
TOOLS = ("mkdocs", "mkdocs-material", "altair", "vl-convert-python", "pandas", "frictionless", "jinja2")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: Path) -> list[tuple[str, os.DirEntry]]:
    """Every file under `folder` as (relative path, entry), in path order (folder by folder, as
    `sorted(folder.rglob("*"))` gives them), with one directory listing per folder."""
    found = []

    def walk(path: str, prefix: tuple[str, ...]) -> None:
        with os.scandir(path) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, (*prefix, entry.name))
                elif entry.is_file():
                    found.append(((*prefix, entry.name), entry))
    walk(str(folder), ())
    return [("/".join(parts), entry) for parts, entry in sorted(found, key=lambda item: item[0])]


def _known(previous: Path | None) -> tuple[dict[str, str], int]:
    """The previous site's checksums and when its manifest was written (0: none usable)."""
    try:
        file = previous / PATH
        known = json.loads(file.read_text(encoding="utf-8"))["berkas"]
        return (known, file.stat().st_mtime_ns) if isinstance(known, dict) else ({}, 0)
    except (TypeError, OSError, ValueError, KeyError):
        return {}, 0


def written_at(site: Path) -> int:
    """When the manifest of a built site was written (st_mtime_ns; 0 without a usable one): a file of the
    site not modified since is the file the build made."""
    return _known(site)[1]


def changed_files(before: dict[str, str], after: dict[str, str]) -> int:
    """How many files of a site differ between two manifests' checksums: added, changed or removed. What the
    reader gets new, whatever the build wrote on the way (a build after a failed one rewrites no page source)."""
    return sum(1 for rel, digest in after.items() if before.get(rel) != digest) + len(before.keys() - after.keys())


def published(site: Path) -> dict[str, str]:
    """The checksums a built site's manifest lists ({} for a folder without a usable one)."""
    return _known(site)[0]


def manifest(built: Path, site: Site, previous: Path | None = None) -> dict:
    """`previous`: the site this one replaces. A file of the new site that is the very same file as there
    (a hard link an incremental build made: same inode, not modified since that site's manifest was
    written) keeps its checksum from that manifest instead of being read again (a 33-OPD portal holds
    ~340 MB)."""
    sources = {rel.removeprefix("data/sumber/"): _sha256(data)
               for rel, data in sorted(site.files.items()) if rel.startswith("data/sumber/")}
    known, written = _known(previous)
    published = {}
    for rel, entry in _files(built):
        if rel == PATH:
            continue
        if rel in known:
            stat = entry.stat()
            try:
                old = os.stat(os.path.join(previous, rel))
            except OSError:
                old = None
            if old is not None and (old.st_ino, old.st_dev) == (stat.st_ino, stat.st_dev) and stat.st_mtime_ns < written:
                published[rel] = known[rel]
                continue
        with open(entry.path, "rb") as f:
            published[rel] = _sha256(f.read())
    body = {
        "generator": {"nama": "kinerja-terbuka", "versi": __version__},
        "alat": {name: tool_version(name) for name in TOOLS},
        "paket": {k: site.package.get(k, "") for k in ("name", "title", "version", "created")},
        "sumber": sources,
        "berkas": published,
    }
    return body


def write(built: Path, site: Site, previous: Path | None = None) -> dict[str, str]:
    """Write the manifest into the built site; returns the checksums it lists."""
    (built / "data").mkdir(exist_ok=True)
    body = manifest(built, site, previous)
    (built / PATH).write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return body["berkas"]
