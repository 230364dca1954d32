"""The `kinerja` command: one module per subcommand, each with `register(subparsers)` and `run(args)`.
Help and errors are in Bahasa Indonesia; usage errors exit 2, invalid data 1, success 0."""
from __future__ import annotations

import sys

from generator import __version__
from generator.commands import baru, build, contoh, ikm, impor, pecah, rekap, serve, templat, validate
from generator.commands.common import EXIT_USAGE, Parser

COMMANDS = {"validate": validate, "build": build, "serve": serve, "ikm": ikm, "contoh": contoh, "baru": baru,
            "templat": templat, "impor": impor, "rekap": rekap, "pecah": pecah}


def parser() -> Parser:
    p = Parser(prog="kinerja", description="Kinerja Terbuka: portal kinerja dari paket data Frictionless.")
    p.add_argument("--version", action="version", version=f"kinerja {__version__}",
                   help="tampilkan versi program lalu keluar")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser, title="perintah")
    for module in COMMANDS.values():
        module.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = COMMANDS.get(args.perintah)
    if command is None:
        parser().print_help(sys.stderr)
        return EXIT_USAGE
    return command.run(args)
