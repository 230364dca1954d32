"""Images and documents kept between builds, under a hash of everything they are made from.

Drawing a chart's static SVG (vl-convert, ~65 ms a chart) and typesetting a PDF or the preview images
(Typst, ~0,2-0,3 s a document) are the slow steps of rendering, and both are pure: the same input gives
the same bytes. Inside `kept(folder)` each result is stored in `folder` under the hash its caller gives
(the input's bytes and the tool's version), so the next build of the same package makes again only what
its data changed. Entries a build did not use are removed when its block ends: the folder holds one
build's results, never a growing history. Outside the block (members on a cluster, the tests) nothing is
kept on disk; the callers' in-process caches still apply. The folder is the build's workspace cache
(`publish.prepare` for a package, `publish.member.run_member` in `cache/render/<id>/` for a catalog's
member on this machine), never the pipeline's own choice.

`KINERJA_SIMPANAN` names a second folder that every build on the machine shares, inside and outside
`kept` (several packages or catalogs built side by side, a test run's many builds of the same packages):
a result missing from the build's own folder is taken from there, and what a build makes is put there
too. Entries are named by the hash of their inputs, so an entry never goes stale; nothing is removed from
the shared folder (delete it whenever you like).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from generator import cache

_STATE: dict = {"folder": None, "used": set()}
SHARED = "KINERJA_SIMPANAN"


@contextlib.contextmanager
def kept(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    _STATE["folder"], _STATE["used"] = folder, set()
    try:
        yield
        for stale in folder.iterdir():
            if stale.is_file() and stale.name not in _STATE["used"]:
                stale.unlink(missing_ok=True)
    finally:
        _STATE["folder"], _STATE["used"] = None, set()


def get(name_of: Callable[[], str], make: Callable[[], bytes]) -> bytes:
    """The bytes kept under `name_of()` (a hash of the inputs plus a suffix), made and kept when missing.
    The name is asked for only where something is kept (inside `kept`, or with a shared store): elsewhere,
    hashing the inputs would be wasted work."""
    name, data = find(name_of)
    if data is None:
        data = make()
        keep(name, data)
    return data


def find(name_of: Callable[[], str]) -> tuple[str | None, bytes | None]:
    """What `get` looks up, without making anything: (the name, its kept bytes or None); (None, None)
    where nothing is kept. For a caller that makes the missing result later and hands it to `keep`."""
    if not _keeping():
        return None, None
    name = name_of()
    return name, _lookup(name)


def keep(name: str | None, data: bytes) -> None:
    """Keep what a caller made for a name `find` gave (nothing when that name is None: nothing is kept)."""
    if name is not None:
        _store(name, data)


def get_many(count: int, names_of: Callable[[], list[str]], make: Callable[[list[int]], list[bytes]]) -> list[bytes]:
    """`count` results at once: those kept are taken, the others made by one call, `make(indexes)` (the
    positions of the missing ones, in order), and kept. For work with a fixed cost per call, such as one
    Typst run for the preview images of all pages an edit changed. As in `get`, the names are asked for
    only where something is kept."""
    if not _keeping():
        return make(list(range(count)))
    names = names_of()
    found = [_lookup(name) for name in names]
    missing = [i for i, data in enumerate(found) if data is None]
    if missing:
        for i, data in zip(missing, make(missing), strict=True):
            _store(names[i], data)
            found[i] = data
    return found


def _keeping() -> bool:
    return _STATE["folder"] is not None or bool(os.environ.get(SHARED))


def _lookup(name: str) -> bytes | None:
    """The kept bytes of `name`: from the build's own folder, else from the shared store (and then into
    the build's folder too); None when neither has them."""
    folder, shared = _STATE["folder"], os.environ.get(SHARED)
    if folder is not None:
        _STATE["used"].add(name)
        if (data := cache.read_sealed(folder / name)) is not None:
            return data
    if shared and (data := cache.read_sealed(Path(shared) / name)) is not None:
        if folder is not None:
            _put(folder / name, data)
        return data
    return None


def _store(name: str, data: bytes) -> None:
    """Keep what was made: in the build's folder, and in the shared store (which only saves time: one it
    cannot write to is no error)."""
    folder, shared = _STATE["folder"], os.environ.get(SHARED)
    if shared:
        with contextlib.suppress(OSError):
            _put(Path(shared) / name, data)
    if folder is not None:
        _put(folder / name, data)


def _put(path: Path, data: bytes) -> None:
    """Sealed (`cache.seal`: published as it is, a planted image or document must never be read back),
    written whole, then renamed: never a torn entry, also with builds side by side."""
    cache.write_sealed(path, data)
