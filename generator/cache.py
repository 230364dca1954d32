"""Every cache of a build, and the one rule that keeps them honest: a key covers everything the cached
result depends on, so a cache can only ever give what a clean build would.

Every key starts with `code_key()`: a hash of the generator's own code, templates and schemas and of
the versions of the tools whose output lands in the site. Upgrading the tool, or editing a page
module or a template, therefore invalidates every cache at once; the data's own bytes are added by
the caller. The caches live in one folder per output (`build.workspace`), which git ignores.

A cache is read only if this user's tool wrote it (`seal`/`unseal`): every entry carries an HMAC made with a
key kept in the user's own cache folder, never beside the data. A repository or a copied folder that brings
its own `.kinerja/` (committed by mistake, or planted in a pull request) would otherwise hand the build
compiled templates and pickles to run, images to publish, or a list of "stale" files to delete.
"""
from __future__ import annotations

import errno
import functools
import hashlib
import hmac
import json
import os
import pickle
import secrets
import stat
import tempfile
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


MAC = 32  # bytes of the HMAC-SHA256 in front of every cache entry
SECRET_NAME = "kunci-simpanan"


def secret_file() -> Path | None:
    """Where this user's cache key lives: their own cache folder (XDG), never the workspace or the data. None
    when the user has no home to name (a container without HOME: "~" would be a folder in the working one). A
    relative XDG_CACHE_HOME is ignored, as the XDG specification says."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kinerja-terbuka" / SECRET_NAME if os.path.isabs(base) else None


@functools.lru_cache(maxsize=1)
def secret() -> bytes:
    """This user's cache key: read, or made once (32 random bytes, mode 0600). Where it can be neither read
    nor made, a key for this process only: caches then last one process, and stay safe."""
    path = secret_file()
    for _ in range(2 if path is not None else 0):
        try:
            return _own_secret(path)
        except FileNotFoundError:
            try:
                _make_secret(path)
            except FileExistsError:
                continue  # another build made it first: read theirs
            except OSError:
                break
        except OSError:
            break
    return secrets.token_bytes(MAC)


def _make_secret(path: Path) -> None:
    """Write a new key whole beside `path`, then link it into place: a build starting alongside reads either
    no key or the whole one, never half of it (FileExistsError when another build's came first)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".kunci.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(MAC))
        os.link(tmp, path)
    finally:
        os.unlink(tmp)


def _own_secret(path: Path) -> bytes:
    """The key in `path` if it is a regular file of this user that no one else may read, else OSError."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077 or info.st_size != MAC:
        raise OSError(errno.EPERM, "kunci simpanan tidak dapat dipercaya", str(path))
    data = path.read_bytes()
    if len(data) != MAC:
        raise OSError(errno.EIO, "kunci simpanan belum lengkap", str(path))
    return data


def seal(data: bytes) -> bytes:
    """`data` as a cache entry: its HMAC, then the bytes."""
    return hmac.new(secret(), data, hashlib.sha256).digest() + data


def unseal(entry: bytes | None) -> bytes | None:
    """The bytes of a cache entry this user's tool wrote, or None (absent, torn, or from anywhere else)."""
    if entry is None or len(entry) < MAC:
        return None
    data = entry[MAC:]
    return data if hmac.compare_digest(entry[:MAC], hmac.new(secret(), data, hashlib.sha256).digest()) else None


def read_sealed(path: Path) -> bytes | None:
    try:
        return unseal(path.read_bytes())
    except OSError:
        return None


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
        data = read_sealed(self._path(name))
        if data is None:
            return None
        try:
            stored, value = pickle.loads(data)
        except Exception:  # a cache of another version: rebuild
            return None
        return value if stored == wanted else None

    def put(self, name: str, wanted: str, value) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(name)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(seal(pickle.dumps((wanted, value), protocol=pickle.HIGHEST_PROTOCOL)))
        tmp.replace(path)


def read_json(path: Path) -> dict:
    """A JSON object this user's tool wrote with `write_json`; {} for anything else."""
    sealed = read_sealed(path)
    try:
        data = json.loads(sealed.decode("utf-8")) if sealed is not None else None
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict) -> None:
    write_sealed(path, (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def write_sealed(path: Path, data: bytes) -> None:
    """`data` as a cache entry at `path`: written whole, then renamed (never a torn entry, also beside
    another build writing the same one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(seal(data))
    tmp.replace(path)


def template_bytecode(folder: Path | None):
    """Jinja2's bytecode cache for compiled templates: kept in memory for this process (`kinerja serve` and
    the tests build many sites) and, given `folder`, on disk for the next process. Jinja2 checks each
    template's source checksum and the Python version itself; the folder's name carries the code key, so
    an edited template, theme or an upgrade compiles again."""
    import jinja2

    target = folder / code_key()[:16] if folder is not None else None

    class Kept(jinja2.BytecodeCache):
        """Compiled code is run as it is read: from disk, only an entry this user's tool sealed."""

        def _file(self, bucket) -> Path:
            return target / f"{bucket.key}.jinja"

        def load_bytecode(self, bucket) -> None:
            if bucket.key in _COMPILED:
                bucket.bytecode_from_string(_COMPILED[bucket.key])  # resets itself when the source changed
            if bucket.code is None and target is not None:
                data = read_sealed(self._file(bucket))
                if data is not None:
                    bucket.bytecode_from_string(data)
                    if bucket.code is not None:
                        _COMPILED[bucket.key] = data
            elif bucket.code is not None and target is not None and not self._file(bucket).exists():
                write_sealed(self._file(bucket), _COMPILED[bucket.key])  # this folder keeps it too, for the next process

        def dump_bytecode(self, bucket) -> None:
            _COMPILED[bucket.key] = bucket.bytecode_to_string()
            if target is not None:
                write_sealed(self._file(bucket), _COMPILED[bucket.key])

    return Kept()


_COMPILED: dict[str, bytes] = {}
