"""Every cache of a build, and the one rule that keeps them honest: a key covers everything the cached
result depends on, so a cache can only ever give what a clean build would.

Every key starts with `code_key()`: a hash of the generator's own code, templates and schemas and of
the versions of the tools whose output lands in the site. Upgrading the tool, or editing a page
module or a template, therefore invalidates every cache at once; the data's own bytes are added by
the caller. The caches live in one folder per output (`build.workspace`), which git ignores.
"""
from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import pickle
import stat
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent
# Suffixes of the generator's own files that shape its output (code, templates, schemas, assets).
SOURCES = (".py", ".j2", ".json", ".js", ".css", ".html", ".svg", ".typ")
# Tools whose output lands in the site: a new version may render differently.
TOOLS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "altair", "vl-convert-python", "pandas",
         "numpy", "frictionless", "jinja2", "babel", "typst", "openpyxl", "lxml",
         "xlsxwriter")


@functools.lru_cache(maxsize=None)
def tool_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def folder_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """sha256 over the relative paths and bytes of the files under `folder` (those with `suffixes`)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if suffixes is None or path.suffix in suffixes:
                digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
                digest.update(file_digest(path))
    return digest.hexdigest()


def file_digest(path: Path) -> bytes:
    """sha256 of a regular file's bytes. Anything else (a named pipe, a device) is an OSError and is never
    opened: a pipe in place of a table kept `kinerja build` waiting forever for a writer."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "bukan berkas biasa", str(path))
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


@functools.lru_cache(maxsize=None)
def code_key(root: Path = GENERATOR) -> str:
    """What every generated page depends on besides the data: the generator's files and the tools'
    versions. Computed once per process (~20 ms)."""
    tools = "|".join(f"{name}={tool_version(name)}" for name in TOOLS)
    return hashlib.sha256(f"{folder_digest(root, SOURCES)}|{tools}".encode("utf-8")).hexdigest()


def key(*parts: str) -> str:
    """A cache key: the code key plus the caller's parts."""
    return hashlib.sha256("|".join((code_key(), *parts)).encode("utf-8")).hexdigest()


class PickleStore:
    """Values by name, each stored with its key; a value is returned only for the same key.
    Writes are atomic (write then rename), so an interrupted build leaves no torn entry."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / f"{hashlib.sha256(name.encode('utf-8')).hexdigest()[:24]}.pickle"

    def get(self, name: str, wanted: str):
        path = self._path(name)
        if not path.is_file():
            return None
        try:
            with path.open("rb") as f:
                stored, value = pickle.load(f)
        except Exception:  # a cache of another version or a torn file: rebuild
            return None
        return value if stored == wanted else None

    def put(self, name: str, wanted: str, value) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(name)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump((wanted, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)


def read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def template_bytecode(folder: Path | None):
    """Jinja2's bytecode cache for compiled templates: kept in memory for this process (`kinerja serve` and
    the tests build many sites) and, given `folder`, on disk for the next process. Jinja2 checks each
    template's source checksum and the Python version itself; the folder's name carries the code key, so
    an edited template, theme or an upgrade compiles again."""
    import jinja2

    target = folder / code_key()[:16] if folder is not None else None

    class Kept(jinja2.BytecodeCache):
        def __init__(self):
            self.disk = None
            if target is not None:
                target.mkdir(parents=True, exist_ok=True)
                self.disk = jinja2.FileSystemBytecodeCache(str(target))

        def load_bytecode(self, bucket) -> None:
            if bucket.key in _COMPILED:
                bucket.bytecode_from_string(_COMPILED[bucket.key])  # resets itself when the source changed
            if bucket.code is None and self.disk is not None:
                self.disk.load_bytecode(bucket)
                if bucket.code is not None:
                    _COMPILED[bucket.key] = bucket.bytecode_to_string()
            elif bucket.code is not None and self.disk is not None \
                    and not Path(self.disk._get_cache_filename(bucket)).exists():
                self.disk.dump_bytecode(bucket)  # this folder keeps it too, for the next process

        def dump_bytecode(self, bucket) -> None:
            _COMPILED[bucket.key] = bucket.bytecode_to_string()
            if self.disk is not None:
                self.disk.dump_bytecode(bucket)

    return Kept()


_COMPILED: dict[str, bytes] = {}
