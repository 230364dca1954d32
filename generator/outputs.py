"""Where a command may write: the one check every command that writes makes before any work.

A mistyped output (a folder named like the file to write, a file where a folder is needed on the way, a
folder the user may not write, a name longer than the file system allows) is a usage error found before
anything is read or computed, so it costs nothing and changes nothing. What only writing can reveal (a full
disk, a file system that refuses a name) is caught where the command ends (commands.main): one line naming
the file and the reason, never an internal error.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.problems import os_reason

T = TypeVar("T")
NAME_MAX = 255  # bytes in one file name on the usual file systems (ext4, NTFS, APFS)


def unwritable(path: Path, folder: bool) -> str | None:
    """Why `path` cannot be written as a folder (`folder`) or a file, in Bahasa, or None: a phrase that
    follows the path as the caller names it ("--out 'x.xlsx' adalah folder; ...").

    Checked: each name's length, what already exists at `path`, and the nearest existing folder on the way,
    which must be a folder this user can write in."""
    long = next((part for part in path.parts if len(os.fsencode(part)) > NAME_MAX), None)
    if long is not None:
        return f"memuat nama yang terlalu panjang ('{long[:40]}...'; paling banyak {NAME_MAX} bita per nama)"
    try:
        if path.is_symlink():
            return "adalah tautan simbolik; berikan alamat tujuannya sendiri"
        if path.is_dir() and not folder:
            return "adalah folder; yang diharapkan nama berkas"
        if path.exists() and not path.is_dir() and folder:
            return "adalah berkas, bukan folder"
        place = path.absolute()
        if not (folder and place.is_dir()):
            place = place.parent
        while not place.exists() and place != place.parent:
            place = place.parent
        if not place.is_dir():
            return f"tidak dapat dibuat: '{_shown(place)}' adalah berkas, bukan folder"
        if not os.access(place, os.W_OK | os.X_OK):
            return f"tidak dapat ditulis: folder '{_shown(place)}' tidak boleh ditulis (izin ditolak)"
    except OSError as exc:
        return f"tidak dapat diperiksa ({os_reason(exc)})"
    return None


def _shown(place: Path) -> str:
    """A folder as the user would name it: relative to the working folder when it lies below it."""
    try:
        return str(place.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(place)


def cannot_replace(out: Path) -> str | None:
    """Why the folder `out` cannot be made anew beside itself and put in its place (`fill_folder`), in Bahasa,
    or None: it cannot be written, the folder that holds it cannot be written, or it is the working folder
    or one above it (the shell would be left in a folder that no longer exists)."""
    reason = unwritable(out, folder=True)
    if reason is not None:
        return reason
    try:
        target, here = out.absolute().resolve(), Path.cwd().resolve()
    except (OSError, RuntimeError) as exc:
        return f"tidak dapat diperiksa ({os_reason(exc) if isinstance(exc, OSError) else 'tautan berputar'})"
    if target == here or target in here.parents:
        return "adalah folder kerja saat ini atau folder di atasnya; pilih folder lain"
    return unwritable(target.parent, folder=True)


def usual_mode(mode: int) -> int:
    """`mode` as the user's umask leaves it: what a file or folder made the plain way would get."""
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def _mode(path: Path) -> int:
    """The permissions a file written at `path` gets: those of the file it replaces, else the usual ones."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return usual_mode(0o666)


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none. Each goes to a new temporary file beside its place first (created, never
    opened if it exists: a link there is not followed); only when all are written are they moved into place
    (a rename, which needs no space). On an error the temporary files are removed, the files that were there
    stay as they were, and the OSError names the file it was writing."""
    parts: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            handle, name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".sementara", dir=path.parent)
            parts.append((Path(name), path))
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.chmod(name, _mode(path))
    except BaseException as exc:  # a full disk, or a stop (Ctrl+C): no temporary file stays behind
        for part, _ in parts:
            part.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        target = parts[-1][1] if parts else next(iter(files))
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    for part, path in parts:
        os.replace(part, path)


def fill_folder(out: Path, make: Callable[[Path], T]) -> T:
    """`make(folder)` writes into a new folder beside `out`, which then takes `out`'s place (an existing `out`
    was checked by the caller: empty, or the command's own earlier output; `cannot_replace` said yes). All or
    nothing: when `make` or the writing fails, `out` stays as it was and the new folder is removed. The new
    folder gets the old one's permissions and owner (else a folder's usual ones)."""
    out = out.resolve() if out.name in ("", ".", "..") else out.absolute()  # `kab/opd/..` is kab, by name
    out.parent.mkdir(parents=True, exist_ok=True)
    # named before it is made, so that a stop arriving just as it appears still finds it to remove
    fresh = out.parent / f".{out.name[:40]}.baru-{secrets.token_hex(6)}"
    try:
        fresh.mkdir(mode=0o700)
        result = make(fresh)
        try:
            old = out.stat()
            fresh.chmod(stat.S_IMODE(old.st_mode))
            with contextlib.suppress(PermissionError):
                os.chown(fresh, old.st_uid, old.st_gid)
        except FileNotFoundError:
            fresh.chmod(usual_mode(0o777))  # as a folder made with mkdir would be (it was made private)
        if not out.exists():
            os.replace(fresh, out)
            return result
        aside = out.parent / f".{out.name[:40]}.lama-{secrets.token_hex(6)}"
        try:
            aside.mkdir(mode=0o700)
            os.replace(out, aside / "isi")
        except BaseException:
            with contextlib.suppress(OSError):
                aside.rmdir()
            raise
        try:
            os.replace(fresh, out)
        except BaseException:
            os.replace(aside / "isi", out)
            aside.rmdir()
            raise
        shutil.rmtree(aside, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        name = str(exc.filename or "")
        # named as the user will know it: inside `out` (a failed write() names no file at all)
        shown = str(out) + name[len(str(fresh)):] if name.startswith(str(fresh)) else (name or str(out))
        raise OSError(exc.errno, exc.strerror, shown) from None
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return result
