"""The command line speaks Bahasa Indonesia throughout, argparse's own words included, and its reference
in docs/cli.md is generated from the parser."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.problems import visible
from generator.publish.executor import PROCESSES, cores, process_count

ENGLISH = ("usage:", "show this help", "positional arguments", "options:", "optional arguments", "error:",
           "required", "invalid choice", "unrecognized arguments", "expected one argument")


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["validate", "--help"], ["serve", "--help"],
                                  ["ikm", "--help"], ["contoh", "--help"]])
def test_help_is_in_bahasa(run, argv):
    status, out, err = run(*argv)
    text = "\n".join(out + err)
    assert status == 0 and text.startswith("penggunaan: kinerja")
    assert not [w for w in ENGLISH if w in text.lower()], text


# What a placeholder in `--help` may say: Bahasa words for what the value is (or a name read alike in both).
PLACEHOLDERS = {"PAKET", "KATALOG", "FOLDER", "BERKAS.yml", "BERKAS.xlsx", "BERKAS.csv", "JUMLAH", "ANGKA", "TAHUN",
                "NAMA", "PEMDA", "URL", "ALAMAT", "ID", "N", "TABEL", "PERINTAH"}


def test_every_command_names_its_values_in_bahasa():
    """Every option and argument of every command shows a Bahasa placeholder (`--out FOLDER`, not
    `--out OUT`; `[PAKET]`, not `[path]`), and its help is a sentence; the commands' own names stay."""
    from generator.commands import COMMANDS, parser

    top = parser()
    subs = next(a for a in top._actions if a.dest == "perintah").choices
    assert set(subs) == set(COMMANDS)
    shown = {}
    for name, command in subs.items():
        for action in command._actions:
            if action.help == "==SUPPRESS==" or action.nargs == 0 or action.choices is not None:
                continue
            shown[f"{name} {'/'.join(action.option_strings) or action.dest}"] = action.metavar or action.dest.upper()
            assert action.help, f"{name} {action.dest}: no help"
    wrong = {where: metavar for where, metavar in shown.items() if metavar not in PLACEHOLDERS}
    assert not wrong, wrong
    assert shown["build --out"] == "FOLDER" and shown["validate path"] == "PAKET"


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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(text="\x00")  # found by a random run in CI: refused as any argument with a NUL is
@given(st.one_of(st.text(max_size=6), st.integers(-5, 0).map(str), st.sampled_from(["1\n", "2\x1b[31m", "\u202e4"]))
       .filter(lambda t: process_count(t) is None))
def test_a_process_count_that_is_not_a_whole_number_from_1_is_a_usage_error(run, monkeypatch, text):
    """`--proses` and `KINERJA_PROSES` take a whole number from 1; anything else stops before the build
    starts (exit 2, one Bahasa line). Checked before the data: the package named here does not exist."""
    status, out, err = run("build", "--data", ROOT / "datapackage", "--out", "/nonexistent/x", f"--proses={text}")  # "=": a value may start with "-"
    assert status == 2 and out == [] and err[-1] == visible(err[-1])
    if "\x00" in text:  # no argument may hold a NUL: refused, with its position, before the options are read
        assert err == ["kinerja: kesalahan penggunaan: argumen ke-6 ('--proses=" + visible(text) + "') memuat huruf "
                       "yang tidak dapat dipakai (pengodean selain UTF-8, atau karakter NUL); ganti nama berkas atau "
                       "folder itu dengan huruf biasa, lalu ulangi"], err
    else:
        assert err[-1].startswith("kinerja: kesalahan penggunaan: argumen --proses: '")
        assert err[-1].endswith("' bukan bilangan bulat 1 atau lebih")
    if text.strip() and "\x00" not in text:  # empty: no setting at all; NUL: no environment can hold it
        monkeypatch.setenv(PROCESSES, text)
        status, out, err = run("build", "--data", ROOT / "datapackage", "--config", ROOT / "mkdocs.yml",
                               "--out", "/nonexistent/x")
        assert status == 2 and err == [f"kinerja: kesalahan penggunaan: KINERJA_PROSES: '{visible(text)}' bukan "
                                       "bilangan bulat 1 atau lebih"], err


def test_the_process_count_is_given_or_every_core(monkeypatch):
    import os

    monkeypatch.setenv(PROCESSES, " 3 ")
    assert cores() == 3 and process_count("12") == 12 and process_count("٣") is None
    monkeypatch.delenv(PROCESSES)
    assert cores() == len(os.sched_getaffinity(0))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flag=st.sampled_from(["--opd", "--responden"]), value=st.integers(min_value=200_001, max_value=10 ** 30))
@example(flag="--opd", value=2001)
@example(flag="--responden", value=200_001)
def test_a_synthetic_kabupaten_too_large_to_hold_is_a_usage_error(run, tmp_path_factory, flag, value):
    """`kinerja contoh --opd 100000000` built every OPD's name before it wrote anything and grew until the kernel
    ended it (23,9 GB), leaving a half-written folder. The limits are said before any work."""
    out = tmp_path_factory.mktemp("contoh") / "kab"
    status, _, err = run("contoh", flag, value, "--out", out)
    assert status == 2 and err == ["kinerja: kesalahan penggunaan: --opd paling banyak 2.000 dan --responden paling "
                                   "banyak 200.000 per perintah; untuk lebih banyak OPD, bangkitkan beberapa katalog ke "
                                   "folder berbeda (--seed berbeda)"], err
    assert not out.exists() and list(out.parent.iterdir()) == []
