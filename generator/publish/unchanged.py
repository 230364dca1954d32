"""A build whose inputs are those the site in the output folder was made from: nothing to do.

`kinerja build` run again without an edit (after a commit that touched no data; `make build`, which builds four
portals when one changed) made every page again and ran MkDocs, to find that no file of the site changed: ~2 s
for the default package. The build now first compares what it would read with what the site in `--out` was
made from; when both are the same and the site is as that build left it, it says so and stops.

What a single-package build reads (`inputs_key`): the generator's code, templates and schemas and the tools'
versions (`cache.code_key`) and every installed package's version (a plugin or theme upgrade), the package
folder byte for byte, what its history page takes from git (`load.history.git_fingerprint`), the MkDocs
configuration and the theme folder it names (`mkdocs.read_beside`), the hand-written pages, the site's
address and the Python version. Nothing else: the data's own date, not the clock, dates a site. Where a
build could read something else, there is no key and the build always runs: a configuration that reads
another file, code beside it or the environment (`read_beside` says None), a package or pages folder holding
a symbolic link (a link's target may lie anywhere), and a catalog (its members have their own caches).

"As that build left it" (`site_stamp`): the path, kind, size, inode and modification time of every file and
folder in the output. A file edited, added, removed or replaced there makes the next build a full one, which
puts the site back as the data says. (Not the change time: removing the previous site, which shares files
with this one after an incremental build, changes it after the stamp is taken.)
"""
from __future__ import annotations

import functools
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import cache

STATE = "tanpa-perubahan.json"


@dataclass(frozen=True)
class Remembered:
    """What the build that made the site reported: the counts and the warnings it printed."""

    pages: int
    charts: int
    warnings: list[str]


@functools.lru_cache(maxsize=None)
def _installed() -> str:
    """Every installed distribution, sorted: MkDocs plugins, themes and Markdown extensions are found among them.

    Read from the names of the `*.dist-info`/`*.egg-info` folders on `sys.path` (name and version) and the time
    each was written (a reinstall of the same version), not from their METADATA files: parsing those took
    ~0,07 s of every build, these names ~1 ms."""
    found = []
    # each folder once, by its absolute name: "" (the working folder) and the same folder named in PYTHONPATH
    # are one place, so the same installation gives the same key however the program was started
    for entry in dict.fromkeys(os.path.abspath(entry or ".") for entry in sys.path):
        try:
            with os.scandir(entry) as listing:
                found += [f"{entry}/{e.name} {e.stat().st_mtime_ns}" for e in listing
                          if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:  # a path entry that is a zip file or is gone
            continue
    return "\n".join(sorted(found))


def _folder(folder: Path) -> str | None:
    """`cache.folder_digest` of a folder that holds no symbolic link (None when it holds one)."""
    for path in folder.rglob("*"):
        if path.is_symlink():
            return None
    return cache.folder_digest(folder)


def inputs_key(data: Path, config: Path, pages_dir: Path | None, site_url: str | None) -> str | None:
    """A key of everything a build of the package `data` reads (see the module's docstring), or None when it
    could read something the key cannot cover."""
    from generator.load.history import git_fingerprint
    from generator.publish import mkdocs

    folder = data if data.is_dir() else data.parent
    beside = mkdocs.read_beside(config)
    if beside is None:
        return None
    parts = [cache.code_key(), _installed(), sys.version, f"url={site_url}", str(folder.resolve())]
    for name, where in (("paket", folder), ("halaman", pages_dir), *(("tema", f) for f in beside)):
        digest = _folder(where) if where is not None else "-"
        if digest is None:
            return None
        parts.append(f"{name}={digest}")
    try:
        parts.append(hashlib.sha256(config.read_bytes()).hexdigest())
    except OSError:
        return None
    parts.append(git_fingerprint(folder))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def site_stamp(out: Path) -> str | None:
    """Every file and folder in `out` as the file system describes it (path, kind, size, inode, modification
    time), hashed; None when there is no site. A write to the site changes it."""
    if not out.is_dir():
        return None
    digest = hashlib.sha256()
    for top, dirs, files in os.walk(out):
        dirs.sort()
        for name in sorted(files) + dirs:
            path = os.path.join(top, name)
            st = os.lstat(path)
            digest.update(f"{os.path.relpath(path, out)}\0{st.st_mode}\0{st.st_size}\0{st.st_ino}\0"
                          f"{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def recall(state: Path, out: Path, key: str | None) -> Remembered | None:
    """What the build that made the site in `out` reported, when it was made from `key` and is as it left
    it; else None (build)."""
    if key is None:
        return None
    known = cache.read_json(state / STATE)
    if known.get("kunci") != key or known.get("situs") is None or known.get("situs") != site_stamp(out):
        return None
    try:
        return Remembered(int(known["halaman"]), int(known["grafik"]), [str(w) for w in known["peringatan"]])
    except (KeyError, TypeError, ValueError):
        return None


def remember(state: Path, out: Path, key: str | None, pages: int, charts: int, warnings: list[str]) -> None:
    """The site now in `out` was made from `key` (nothing is kept without a key)."""
    if key is None:
        forget(state)
        return
    cache.write_json(state / STATE, {"kunci": key, "situs": site_stamp(out), "halaman": pages, "grafik": charts,
                                     "peringatan": list(warnings)})


def forget(state: Path) -> None:
    try:
        (state / STATE).unlink()
    except FileNotFoundError:
        pass
