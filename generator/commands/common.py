"""What every command shares: exit statuses, argparse in Bahasa Indonesia, signals, progress lines."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import stops
from generator.problems import visible

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # as a shell reports a command stopped by SIGINT / SIGTERM

# argparse's own words, in Bahasa: it looks them up through gettext at the time it prints them.
_WORDS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "optional arguments": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "diharapkan satu argumen",
    "expected at most one argument": "diharapkan paling banyak satu argumen",
    "expected at least one argument": "diharapkan paling sedikit satu argumen",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s dapat berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "argumen eksplisit %r diabaikan",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
}


def _translate(message: str) -> str:
    return _WORDS.get(message, message)


def _translate_plural(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "diharapkan %s argumen"
    return _translate(singular if n == 1 else plural)


argparse._ = _translate  # type: ignore[attr-defined]
argparse.ngettext = _translate_plural  # type: ignore[attr-defined]


def whole_number(text: str) -> int:
    """An argument that must be a whole number; argparse names the type in its error message."""
    return int(text)


whole_number.__name__ = "bilangan bulat"


class Parser(argparse.ArgumentParser):
    """argparse in Bahasa Indonesia, exiting with status 2 on a usage error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"kinerja: kesalahan penggunaan: {visible(message)}\n")


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl+C: unwinding runs every cleanup, the old site stays."""


def terminated(signum, frame):
    """SIGTERM's handler: remembered (generator.stops), so that it stops the build even where Python drops it."""
    stops.stop(Terminated)


def interrupted(signum, frame):
    """SIGINT's handler (Ctrl+C): as Python's own, and remembered like `terminated`."""
    stops.stop(KeyboardInterrupt)


def quiet_stops(previous):
    """A `sys.unraisablehook` for a build: a stop Python dropped (see publish.swap) is not printed as a
    traceback, the build raises it again before the swap; anything else goes to `previous`."""
    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            previous(unraisable)
    return hook


def build_failed(exc, out, subject: str | None = None) -> int:
    """A build or roll-up that stopped on its input: each problem line, the summary (of `subject`, else of what
    the error says was checked), and that the previous site in `out` is untouched (exit 1). `exc`: a
    `publish.BuildError`."""
    if exc.report is not None:
        for line in exc.report.lines():
            print(line, file=sys.stderr)
        print(exc.report.summary(subject or exc.subject), file=sys.stderr)
    else:
        print(f"kinerja: {exc}", file=sys.stderr)
    print(f"Situs di {out} tidak diubah.", file=sys.stderr)
    return EXIT_INVALID


def usage_error(message: str) -> int:
    """One line (`problems.visible`: a path or value typed by the user may hold line breaks or controls)."""
    print(f"kinerja: kesalahan penggunaan: {visible(message)}", file=sys.stderr)
    return EXIT_USAGE


def missing(path: Path, what: str) -> int:
    return usage_error(f"{what} '{path}' tidak ditemukan")


def catalog_given(path: Path, command) -> int | None:
    """A usage error when `path` is a kabupaten catalog where one agency's package is meant (a workbook holds one
    package's tables), with `command(member folder, quoted for the shell)` to run instead; None otherwise."""
    import shlex

    from generator.publish.catalog import catalog_file, read_catalog

    file = catalog_file(path)
    catalog = read_catalog(file)[0] if file is not None else None
    if catalog is None:  # not a catalog that reads (any other .json file): the package's own checks say what it is
        return None
    member = shlex.quote(str(catalog.anggota[0].path))
    return usage_error(f"'{path}' adalah katalog portal banyak OPD ({file.name}), bukan paket data; buku kerja dibuat "
                       f"per paket OPD, misalnya: {command(member)}")


def seconds_text(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",") + " detik"


class Progress:
    """One line per build step on stderr, with the time the previous step took."""

    def __init__(self):
        self._step, self._started = None, time.perf_counter()

    def __call__(self, step: str) -> None:
        self._finish()
        self._step, self._started = step, time.perf_counter()
        print(f"  {step} ...", end="", file=sys.stderr, flush=True)

    def _finish(self) -> None:
        if self._step is not None:
            print(f" {seconds_text(time.perf_counter() - self._started)}", file=sys.stderr, flush=True)

    def done(self) -> None:
        self._finish()
        self._step = None

    def failed(self) -> None:
        if self._step is not None:
            print(" gagal", file=sys.stderr, flush=True)
        self._step = None
