"""The command line speaks Bahasa Indonesia throughout, argparse's own words included, and its reference
in docs/cli.md is generated from the parser."""
from __future__ import annotations


import pytest

from conftest import ROOT

ENGLISH = ("usage:", "show this help", "positional arguments", "options:", "optional arguments", "error:",
           "required", "invalid choice", "unrecognized arguments", "expected one argument")


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["validate", "--help"], ["serve", "--help"],
                                  ["ikm", "--help"], ["contoh", "--help"]])
def test_help_is_in_bahasa(run, argv):
    status, out, err = run(*argv)
    text = "\n".join(out + err)
    assert status == 0 and text.startswith("penggunaan: kinerja")
    assert not [w for w in ENGLISH if w in text.lower()], text


@pytest.mark.parametrize("argv, said", [
    (["build", "--bogus"], "argumen tidak dikenal: --bogus"),
    (["validate", "--format", "xml"], "pilihan tidak sah: 'xml'"),
    (["contoh"], "argumen berikut wajib diisi: --out"),
    (["contoh", "--opd", "banyak", "--out", "x"], "nilai bilangan bulat tidak sah: 'banyak'"),
    (["build", "--data"], "diharapkan satu argumen"),
    (["tidak-ada"], "pilihan tidak sah: 'tidak-ada'"),
])
def test_usage_errors_exit_2_in_bahasa(run, argv, said):
    status, out, err = run(*argv)
    assert status == 2
    text = "\n".join(err)
    assert said in text and "kinerja: kesalahan penggunaan:" in text, text
    assert not [w for w in ENGLISH if w in text.lower()], text


def test_the_cli_reference_is_generated_from_the_parser(monkeypatch):
    from generator.commands.reference import reference

    monkeypatch.setenv("COLUMNS", "100")
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), \
        "docs/cli.md is out of date: python -m generator.commands.reference > docs/cli.md"
