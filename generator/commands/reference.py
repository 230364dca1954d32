"""The command-line reference (`docs/cli.md`), generated from the parser itself so it cannot drift:
`python -m generator.commands.reference > docs/cli.md`; a test checks the file is current."""
from __future__ import annotations

from generator.commands import COMMANDS, parser


def _help(p) -> str:
    return p.format_help().replace("\r", "")


def reference() -> str:
    root = parser()
    sub = next(a for a in root._actions if a.__class__.__name__ == "_SubParsersAction")
    out = ["# Perintah `kinerja`", "",
           "Dibuat otomatis dari parser perintah (`python -m generator.commands.reference > docs/cli.md`); "
           "jangan disunting dengan tangan.", "",
           "Keluar 0 bila berhasil, 1 bila data tidak sah, 2 bila salah pemakaian, 130/143 bila dihentikan.", "",
           "```text", _help(root).rstrip(), "```", ""]
    for name in COMMANDS:
        out += [f"## `kinerja {name}`", "", "```text", _help(sub.choices[name]).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    import os

    os.environ["COLUMNS"] = "100"
    print(reference(), end="")
