"""Replacing the output folder so that it always holds either the previous site or the new one.

MkDocs builds into a temporary folder in the workspace (`.kinerja/<output>/`, beside the output, so on the
same file system); only a complete site is put in place, with two renames, the previous one moved into
the workspace first. Nothing temporary ever appears next to the output. SIGINT and SIGTERM wait until
both renames are done; a SIGKILL between them is repaired by `recover`, which every build runs first.

Replacing a folder deletes what was in it, so `refusal` decides first whether the output may be replaced
at all: never the data package or a folder holding it, never a folder inside the package, never a git work
tree or the folder the command runs in (or one above it), never a file or a link, and a folder that is not
empty only when it carries the marker of a site `kinerja build` made (`data/manifest.json` naming the
generator). Otherwise the build refuses (exit 2) before it writes anything.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from pathlib import Path

from generator.outputs import usual_mode
from generator.problems import os_reason

SIGNALS = (signal.SIGINT, signal.SIGTERM)
GONE = "hapus-"  # a replaced site on its way out (`discard`)

MARKER = "data/manifest.json"  # written by every build (publish/manifest.py); names the generator


def built_by_kinerja(folder: Path) -> bool:
    """Whether `folder` holds a site `kinerja build` made: its manifest names the generator."""
    try:
        body = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(body, dict) and isinstance(body.get("generator"), dict) \
        and body["generator"].get("nama") == "kinerja-terbuka"


def _within(path: Path, folder: Path) -> bool:
    """`path` is `folder` or lies below it."""
    return path == folder or folder in path.parents


def refusal(out: Path, protected: list[tuple[Path, str]]) -> str | None:
    """Why the output folder `out` must not be replaced, in Bahasa, or None. `protected`: folders and files the
    build reads (the data package or catalog, the MkDocs configuration, the hand-written pages) with what to
    call them."""
    if out.is_symlink():
        return "adalah tautan simbolik; yang diharapkan folder biasa (berikan alamat folder tujuannya)"
    if out.exists() and not out.is_dir():
        return "adalah berkas, bukan folder; situs dibangun ke sebuah folder, misalnya site/"
    target = out.resolve()
    if target == Path(target.anchor):
        return "adalah akar sistem berkas"
    for path, what in protected:
        place = path.resolve()
        if _within(place, target):
            return f"adalah atau memuat {what} ({path}); mengganti folder ini akan menghapusnya"
        if _within(target, place) and place.is_dir():
            return f"berada di dalam {what} ({path}); pilih folder di luarnya, misalnya site/"
    if _within(Path.cwd().resolve(), target):
        return "adalah folder kerja saat ini atau folder di atasnya; mengganti folder ini akan menghapus isinya"
    if ".kinerja" in target.parts:
        return "berada di dalam folder kerja .kinerja/; pilih folder lain, misalnya site/"
    # inside an earlier site: its folder would hold this build's work folder (.kinerja/), and the next build
    # of that site would publish this one inside it
    if (site := next((p for p in target.parents if built_by_kinerja(p)), None)) is not None:
        return f"berada di dalam situs hasil kinerja build ({site}); pilih folder di luarnya, misalnya site/"
    if not target.is_dir():
        return None
    if (target / ".git").exists():
        return "adalah repositori git; mengganti folder ini akan menghapusnya"
    try:
        empty = next(os.scandir(target), None) is None
    except OSError as exc:
        return f"tidak dapat dibaca ({os_reason(exc)})"
    if not empty and not built_by_kinerja(target):
        return ("tidak kosong dan bukan situs hasil kinerja build (tidak ada data/manifest.json dari Kinerja Terbuka); "
                "mengganti folder ini akan menghapus isinya. Pilih folder kosong atau folder situs sebelumnya")
    return None


def temporary(work: Path) -> Path:
    """An empty folder in the workspace `work` (on the output's file system) for the new site."""
    work.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="baru-", dir=work))


@contextlib.contextmanager
def signals_held():
    """SIGINT and SIGTERM wait until the block is done (in the main thread; other threads get none)."""
    blocked = threading.current_thread() is threading.main_thread()
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def replace_dir(new: Path, out: Path, work: Path) -> None:
    """Put `new` in place of `out` with renames, so `out` is always either the old or the new site; the old
    one goes to the workspace `work` and is removed there (`discard`). The new site gets the previous one's
    permissions, else a folder's usual ones: `new` was made private (0700), which a web server running as
    another user cannot read. Inside, every file and folder gets the usual permissions of this build
    (`same_modes`)."""
    old = None
    same_modes(new)
    try:
        new.chmod(stat.S_IMODE(out.stat().st_mode))
    except FileNotFoundError:
        new.chmod(usual_mode(0o777))
    with signals_held():
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix="lama-", dir=work))
            old.rmdir()
            out.rename(old)
        new.rename(out)
    if old is not None:
        discard(old)


def same_modes(site: Path) -> None:
    """Files and folders as a clean build under the current umask makes them: a rebuild keeps unchanged files
    from the previous site with that build's permissions, and a site built once under umask 077 then
    rebuilt under 022 was left with most files readable by their owner only (a web server running as
    another user refuses them)."""
    files, folders = usual_mode(0o666), usual_mode(0o777)
    for top, dirs, names in os.walk(site):
        for name in dirs:
            _set(os.path.join(top, name), folders)
        for name in names:
            _set(os.path.join(top, name), files)


def _set(path: str, mode: int) -> None:
    st = os.lstat(path)
    if not stat.S_ISLNK(st.st_mode) and stat.S_IMODE(st.st_mode) != mode:
        os.chmod(path, mode)


def discard(folder: Path) -> None:
    """Remove a site the build no longer needs without waiting for it. The folder is renamed `hapus-*`
    first, a name `recover` never puts back, and removed by `rm -rf` in a process of its own: on a 33-OPD
    portal, unlinking ~12.000 files is ~0,4 s the new site is already in place for. Where that process
    cannot start, the folder is removed here; a removal cut short is finished by the next build."""
    gone = folder.with_name(GONE + folder.name.split("-", 1)[-1])
    try:
        folder.rename(gone)
    except OSError:  # a name still taken: removed here, so no `lama-*` is ever half gone
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        subprocess.Popen(["rm", "-rf", "--", str(gone)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)
    except OSError:
        shutil.rmtree(gone, ignore_errors=True)


def recover(out: Path, work: Path) -> None:
    """Clean up after a build that was killed outright: put back a previous site moved aside but not
    replaced (the newest one, if several), and remove unfinished new sites. Runs before anything else a
    build does, so a build that then fails still leaves the previous site in place."""
    if not work.is_dir():
        return
    if not out.exists() and not out.is_symlink():
        previous = sorted((p for p in work.glob("lama-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
        if previous:
            previous[-1].rename(out)
    for leftover in sorted(work.glob("baru-*")) + sorted(work.glob("lama-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in sorted(work.glob(GONE + "*")):
        discard(leftover)
