"""Where a build keeps what it makes on the way to the site: the Markdown sources MkDocs reads and the
caches. One folder per output, beside it and ignored by git (`.kinerja/<output name>/`), so the
repository's tracked folders only ever hold what people write.

    .kinerja/site/halaman/   the pages MkDocs builds (hand-written ones copied in, generated ones written)
    .kinerja/site/cache/     every cache of this output (see generator.cache)
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import cache
from generator.outputs import write_all
from generator.problems import Problem, not_utf8
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

    @property
    def lock(self) -> Path:
        return self.root / ".kunci"  # inside: no other output's workspace can have its name


_HELD: dict[Path, int] = {}  # the workspaces this process has locked, and how many times over


def linked(ws: Workspace) -> Path | None:
    """The part of the workspace that is a symbolic link (`.kinerja/`, this output's folder in it, or a folder
    in that), or None. A build writes, moves and deletes under its workspace; through a link planted there it
    would do so wherever the link points (the data package, a home folder). The build itself makes no link."""
    try:
        for path in (ws.root.parent, ws.root):
            if path.is_symlink():
                return path
        if ws.root.is_dir():
            with os.scandir(ws.root) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        return Path(entry.path)
    except OSError:  # unreadable: making or locking the work folder says so, with the reason
        return None
    return None


@contextlib.contextmanager
def exclusive(ws: Workspace, waiting: Callable[[], None] = lambda: None, wait: bool = True) -> Iterator[bool]:
    """One build at a time per output: two builds into the same folder used to mix their pages (one writing
    the Markdown the other was building) and one's clean-up removed the other's new site (`swap.recover`),
    both ending "Selesai". The second waits (`waiting` is told once) until the first is done; `wait=False`
    does not wait and yields False (None when the lock file cannot be opened at all). A lock on a file in the
    workspace (`.kinerja/<output>/.kunci`): the process holding it may take it again, and the system releases
    it when the process ends, however it ends. Where the workspace's folder does not exist, nothing is locked
    (yields True): no build is there, and nothing is created."""
    if ws.lock in _HELD:
        _HELD[ws.lock] += 1
        try:
            yield True
        finally:
            _HELD[ws.lock] -= 1
        return
    if not ws.root.is_dir():  # no lock file either: a refused output leaves nothing beside it
        yield True
        return
    try:
        fd = os.open(ws.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
    except OSError:
        if wait:
            raise  # the command names the file and the reason
        yield None  # not waiting (a first look before the checks): the checks and the build say what is wrong
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                yield False
                return
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        _HELD[ws.lock] = 1
        try:
            yield True
        finally:
            del _HELD[ws.lock]
    finally:
        os.close(fd)  # the lock goes with it


@contextlib.contextmanager
def preview(data: Path) -> Iterator[Workspace]:
    """The workspace of `kinerja serve` for the package at `data` (resolved), beside it
    (`.kinerja/pratinjau-<name>/`), held while the preview runs. A second preview of the same package running
    at the same time gets its own (`pratinjau-<name>-2`, ...): the two used to write one pages folder, so
    each one's hand-written pages (another `--src`) replaced the other's, and each edit rebuilt both."""
    base, first = data.parent / ".kinerja", None
    for n in range(1, 100):
        ws = Workspace(base / (f"pratinjau-{data.name}" + (f"-{n}" if n > 1 else "")))
        ws.docs.mkdir(parents=True, exist_ok=True)
        first = first or ws
        with exclusive(ws, wait=False) as mine:
            if mine:
                yield ws
                return
        if mine is None:  # no lock file can be made here: no other preview can be told apart either
            break
    yield first  # as before any lock: the first folder, unlocked


@contextlib.contextmanager
def reading(site: Path) -> Iterator[None]:
    """A published site while a roll-up reads it: a build into it waits (see `exclusive`) until the reading is
    done, and the reading waits for a build that is running, so a roll-up never takes files from two
    versions of one site. Nothing is created: without a lock file no build has used that folder."""
    ws = Workspace.for_output(site)
    if ws.lock in _HELD:
        yield
        return
    try:
        fd = os.open(ws.lock, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def handwritten(folder: Path | None) -> dict[str, bytes]:
    """The hand-written pages (Markdown and assets) of the pages folder, e.g. `site_src/tentang.md`."""
    if folder is None or not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


# What MkDocs reads as a Markdown page (mkdocs.utils.markdown_extensions).
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def handwritten_problems(folder: Path | None, pages: dict[str, bytes], site: Site) -> list[Problem]:
    """What is wrong with the hand-written pages of `folder` (`pages`, as `handwritten` read them) for this
    portal, one located problem each: a page that is not UTF-8 (MkDocs stopped with an internal error), a page
    or file the generator also makes from the data package (it replaced the hand-written one without a word), a
    `README.md` beside an `index.md` (MkDocs leaves it out, and in strict mode stopped with a warning in
    English)."""
    made = set(site.pages) | set(site.files)
    every = set(pages) | made
    problems = []
    for rel, data in pages.items():
        shown = str(folder / rel)
        if rel.lower().endswith(_MARKDOWN) and (bad := not_utf8(shown, data, "berkas Markdown yang disimpan "
                                                                               "sebagai UTF-8")) is not None:
            problems.append(bad)
        if rel in made:
            problems.append(Problem(shown, 1, 1, f"'{rel}' juga dibuat dari paket data, sehingga halaman tulisan "
                                                 "tangan ini tidak akan tampil; yang diharapkan nama berkas lain"))
        elif (place := rel.rpartition("/"))[2].lower() == "readme.md" and place[0] + place[1] + "index.md" in every:
            problems.append(Problem(shown, 1, 1, "MkDocs tidak memakai README.md di folder yang juga berisi index.md; "
                                                 "yang diharapkan nama berkas lain"))
    return sorted(problems)


def write_sources(ws: Workspace, site: Site, pages: dict[str, bytes] | None,
                  sections: dict[str, str] | None = None) -> int:
    """Write the pages MkDocs reads into `ws.docs`: the hand-written `pages` (as `handwritten` read them), the
    generated pages and files;
    remove what an earlier build wrote and this one did not. Unchanged files are not rewritten, so MkDocs
    and browsers see them unchanged; a changed one is a new file, never the old one rewritten in place, which
    the published site may hold a link to (`mkdocs.LinkedCopies`). Returns how many were written.

    `sections`: folder prefix → a key of everything under it (a catalog member's cache key, which covers
    its data, the options and the generator's code). A folder whose key is the one the last build recorded
    holds exactly the files written then: it is not read back, which on a 33-OPD portal is ~10.000 files
    (200 MB) an incremental build would otherwise compare. The record is written last, so a build stopped
    half-way leaves a record without the keys of the folders it was writing: they are compared again."""
    docs = ws.docs
    docs.mkdir(parents=True, exist_ok=True)
    manifest = docs / MANIFEST
    previous, recorded = _read_manifest(manifest)
    contents = {**(pages or {}), **{rel: text.encode("utf-8") for rel, text in site.pages.items()},
                **site.files}
    sections = sections or {}
    same = {prefix for prefix, key in sections.items() if recorded.get(prefix) == key}
    # Until this build's record is written, only the folders it leaves alone keep their key.
    _write_manifest(manifest, previous | set(contents), {prefix: sections[prefix] for prefix in same})
    for stale in sorted(previous - set(contents)):
        (docs / stale).unlink(missing_ok=True)
    written, made = 0, set()
    for rel, data in sorted(contents.items()):
        top = rel.split("/", 1)[0] + "/"
        if top in same and rel in previous:
            continue
        path = docs / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if not path.is_file() or path.read_bytes() != data:
            write_all({path: data})  # beside it, then renamed over it: the old file is never opened for writing
            written += 1
    _write_manifest(manifest, set(contents), sections)
    return written


def _write_manifest(path: Path, files: set[str], sections: dict[str, str]) -> None:
    cache.write_json(path, {"berkas": sorted(files), "bagian": dict(sorted(sections.items()))})


def _read_manifest(path: Path) -> tuple[set[str], dict[str, str]]:
    """The files the last build wrote and its section keys: a record this user's tool wrote (`cache.read_json`:
    the files it names are removed, so a planted one could name the user's own), and of those only paths
    inside the pages folder."""
    record = cache.read_json(path)
    if not isinstance(record.get("berkas"), list):
        return set(), {}
    sections = record.get("bagian")
    sections = {k: v for k, v in sections.items() if isinstance(v, str)} if isinstance(sections, dict) else {}
    inside = {r for r in record["berkas"] if isinstance(r, str) and r and not r.startswith("/")
              and ".." not in r.split("/") and "\\" not in r}
    return inside, sections
