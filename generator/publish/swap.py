"""Replacing the output folder so that it always holds either the previous site or the new one.

MkDocs builds into a temporary folder in the workspace (`.kinerja/<output>/`, beside the output, so on the
same file system); only a complete site is put in place, with two renames, the previous one moved into
the workspace first. Nothing temporary ever appears next to the output. SIGINT and SIGTERM wait until
both renames are done; a SIGKILL between them is repaired by `recover`, which every build runs first.
"""
from __future__ import annotations

import contextlib
import shutil
import signal
import tempfile
import threading
from pathlib import Path

SIGNALS = (signal.SIGINT, signal.SIGTERM)


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
    one goes to the workspace `work` and is removed there."""
    old = None
    with signals_held():
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix="lama-", dir=work))
            old.rmdir()
            out.rename(old)
        new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def recover(out: Path, work: Path) -> None:
    """Clean up after a build that was killed outright: put back a previous site moved aside but not
    replaced, and remove unfinished new sites."""
    if not work.is_dir():
        return
    if not out.exists():
        previous = sorted(work.glob("lama-*"))
        if previous:
            previous[-1].rename(out)
    for leftover in sorted(work.glob("baru-*")) + sorted(work.glob("lama-*")):
        shutil.rmtree(leftover, ignore_errors=True)
