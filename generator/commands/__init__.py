"""The `kinerja` command: one module per subcommand, each with `register(subparsers)` and `run(args)`.
Help and errors are in Bahasa Indonesia; usage errors exit 2, invalid data 1, success 0.

Whatever the input, an operator never sees a Python traceback: every input problem the generator knows is
a `file:row:column` line, and an error nobody foresaw is one Bahasa line asking to report it (exit 1;
`KINERJA_JEJAK=1` shows the traceback to a maintainer). The fuzz suite (tests/test_fuzz.py) fails on that
line, so it is a last resort, not a way to hide bugs."""
from __future__ import annotations

import errno
import gc
import os
import re
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import NoReturn

from generator import __version__, stops
from generator.commands import baru, build, contoh, ikm, impor, pecah, rekap, serve, tabel, templat, validate
from generator.commands.common import (EXIT_INTERRUPTED, EXIT_INVALID, EXIT_TERMINATED, EXIT_USAGE, Parser, Terminated,
                                       terminated, usage_error)
from generator.problems import os_reason, visible

INTERNAL = "kinerja: kesalahan internal"
# What the operating system may refuse while writing without naming a file: the user's to fix, never a bug.
_USERS_TO_FIX = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}
_SURROGATE = re.compile("[\ud800-\udfff]")

COMMANDS = {"validate": validate, "build": build, "serve": serve, "ikm": ikm, "contoh": contoh, "baru": baru,
            "tabel": tabel, "templat": templat, "impor": impor, "rekap": rekap, "pecah": pecah}


def parser() -> Parser:
    p = Parser(prog="kinerja", description="Kinerja Terbuka: portal kinerja dari paket data Frictionless.")
    p.add_argument("--version", action="version", version=f"kinerja {__version__}",
                   help="tampilkan versi program lalu keluar")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser, title="perintah")
    for module in COMMANDS.values():
        module.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # the `kinerja` program itself, not a call from Python (as the tests make)
    if program:
        gc.freeze()  # the modules imported so far live as long as the process: no collection needs to walk them
    try:
        status = _command(argv)
    finally:
        if program:
            # The process ends now: its last collection at shutdown need not walk what the command made
            # (0,2 s of a 2,5 s build), the operating system takes the memory back.
            gc.freeze()
    if program and status in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        _end_stopped(status)
    return status


def _end_stopped(status: int) -> NoReturn:
    """A stopped program ends here, with the status a shell expects (130/143), before the interpreter shuts
    down. A stop that lands inside code Python runs from a string (`exec`/`eval` of text, the way dataclasses
    and namedtuples make their methods; which such code MkDocs or its libraries were running was not pinned
    down) leaves CPython's mark of an unhandled KeyboardInterrupt although the build caught and reported it
    (`_Py_UnhandledKeyboardInterrupt` read as 1); run as `python -m generator`, the interpreter then ends the
    process by SIGINT at shutdown (status -2: 5 of 120 builds stopped while MkDocs ran). The report is printed
    and the old site is in place; nothing is left for the shutdown to do."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def _command(argv: list[str] | None) -> int:
    given = sys.argv[1:] if argv is None else argv
    for n, arg in enumerate(given, start=1):
        # Every argument ends up in UTF-8 text (pages, JSON, CSV, messages): a name in another encoding (bytes
        # Python keeps as lone surrogates) or a NUL cannot, and would fail half-way through the work.
        if "\x00" in arg or _SURROGATE.search(arg):
            return usage_error(f"argumen ke-{n} ('{arg.encode('utf-8', 'replace').decode('utf-8')}') memuat huruf "
                               "yang tidak dapat dipakai (pengodean selain UTF-8, atau karakter NUL); ganti nama "
                               "berkas atau folder itu dengan huruf biasa, lalu ulangi")
    args = parser().parse_args(argv)
    stops.forget_stops()  # a stop sent to an earlier command of this process (tests run many) is not this one's
    command = COMMANDS.get(args.perintah)
    if command is None:
        parser().print_help(sys.stderr)
        return EXIT_USAGE
    if argv is None and threading.current_thread() is threading.main_thread():
        # SIGTERM (a CI job cancelled, `kill`) unwinds as Ctrl+C does: every cleanup runs (`build` sets its own)
        signal.signal(signal.SIGTERM, terminated)
    try:
        status = command.run(args)
        if argv is None and status in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            # The program is stopping with the status a shell expects (130/143); nothing that runs while the
            # interpreter shuts down (a second Ctrl+C, an embedded runtime's own handler) may change it.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        return status
    except KeyboardInterrupt as exc:  # Ctrl+C or SIGTERM outside a build (which reports its own): no traceback
        return _stopped(type(exc), argv)
    except OSError as exc:
        if exc.filename is None and exc.errno in _USERS_TO_FIX:  # a full disk, met where no file is named
            print(f"kinerja: tidak dapat menulis: {os_reason(exc)}; periksa ruang disk dan izin folder keluaran, lalu "
                  "ulangi. Berkas dan situs yang sudah ada tidak diubah.", file=sys.stderr)
            return EXIT_INVALID
        if exc.filename is None:
            return _internal(exc)
        # The operating system refused a file on the way (a full disk, a folder that turned read-only): the
        # user's to fix, not a bug to report. Outputs were checked before any work (generator.outputs).
        print(visible(f"{exc.filename}:1:1: tidak dapat dibaca atau ditulis: {os_reason(exc)}; periksa berkas atau "
                      "folder itu dan ruang disk, lalu ulangi. Berkas dan situs yang sudah ada tidak diubah."), file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # noqa: BLE001 — the last resort described above
        if (stop := stops.first_stop()) is not None:  # e.g. a module a stop left half-imported: not a bug
            return _stopped(stop, argv)
        return _internal(exc)


def _stopped(stop: type[BaseException], argv: list[str] | None) -> int:
    stops.forget_stops()  # reported here: a later command or build of this process is not stopped by it
    if argv is None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print("kinerja: dihentikan sebelum selesai; berkas yang belum selesai ditulis dibuang, berkas dan situs yang "
          "sudah ada tidak diubah.", file=sys.stderr)
    return EXIT_TERMINATED if issubclass(stop, Terminated) else EXIT_INTERRUPTED


def _internal(exc: Exception) -> int:
    if os.environ.get("KINERJA_JEJAK"):
        traceback.print_exception(exc)
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" di {Path(where.filename).name}:{where.lineno}" if where else ""
    print(f"{INTERNAL} ({type(exc).__name__}{place}); situs yang sudah ada tidak diganti. Laporkan ke pengelola "
          "Kinerja Terbuka beserta perintah dan paket datanya (KINERJA_JEJAK=1 menampilkan rinciannya).",
          file=sys.stderr)
    return EXIT_INVALID
