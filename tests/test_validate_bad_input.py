"""`kinerja validate` on a copy of the default package broken in one realistic way at a time.

Each test makes the kind of mistake an operator makes when editing CSV files exported from
Excel (or datapackage.json in a text editor) and checks three things: the exit status, the exact
`file:row:column:` prefix of the problem line, and the part of the Indonesian message that tells
the operator how to fix it. Where practical the test also pins the number of error lines, so a
noisy cascade (one mistake reported many times) makes it fail.
"""
from __future__ import annotations

import contextlib

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE as DEFAULT, ROOT, default_tables, edit_csv
from generator import fmt
from generator.contract import RESOURCES

SUMMARY_PREFIX = "Paket data "
WARNING_MARK = ": peringatan: "
SEMICOLON_FILES = {"anggaran.csv", "belanja.csv"}
BOM = b"\xef\xbb\xbf"


# --- helpers ---------------------------------------------------------------------------------

def problem_lines(out: list[str]) -> list[str]:
    """The `file:row:column: message` lines, without the summary line."""
    return [line for line in out if not line.startswith(SUMMARY_PREFIX)]


def error_lines(out: list[str]) -> list[str]:
    return [line for line in problem_lines(out) if WARNING_MARK not in line]


def warning_lines(out: list[str]) -> list[str]:
    return [line for line in problem_lines(out) if WARNING_MARK in line]


def only_error(out: list[str]) -> str:
    """The single error line of a run; fails (showing all of them) when there is not exactly one."""
    errors = error_lines(out)
    assert len(errors) == 1, "expected exactly one error line, got:\n" + "\n".join(errors)
    return errors[0]


def at(file: Path, row: int, column: int) -> str:
    """The prefix a problem line starts with: `FILE:ROW:COLUMN: `."""
    return f"{file}:{row}:{column}: "


def column_of(csv_path: Path, name: str) -> int:
    """1-based position of column `name` in the file's header row."""
    delimiter = ";" if csv_path.name in SEMICOLON_FILES else ","
    text = csv_path.read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
    return header.index(name) + 1


def row_starting_with(csv_path: Path, prefix: str) -> int:
    """Spreadsheet row (header = 1) of the only line starting with `prefix` (no cell in the package spans lines)."""
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    rows = [number for number, line in enumerate(lines, start=1) if line.startswith(prefix)]
    assert len(rows) == 1, f"{prefix!r} starts {len(rows)} lines of {csv_path}"
    return rows[0]


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character `index` of `text`."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def set_descriptor_path(pkg: Path, resource_path: str, value: str) -> tuple[int, int]:
    """Point a resource's `"path"` at `value`; return the line and column of that `"path"` key."""
    descriptor = pkg / "datapackage.json"
    old = f'"path": "{resource_path}"'
    new = f'"path": {json.dumps(value)}'
    text = descriptor.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {descriptor}"
    text = text.replace(old, new)
    descriptor.write_text(text, encoding="utf-8")
    return line_and_column(text, text.index(new))


# Files opened by this process while `recording_opens()` is active. Audit hooks cannot be
# removed, so one hook is installed on first use and does nothing outside the context.
_opened: list[str] | None = None
_hook_installed = False


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.path.abspath(os.fsdecode(args[0])))


@contextmanager
def recording_opens():
    """Collect the absolute path of every file opened (for reading or writing) inside the block."""
    global _opened, _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


# --- 1. the default package ------------------------------------------------------------------

def test_default_package_is_valid_with_exactly_the_four_known_warnings(pkg, run):
    """The shipped package validates; its findings are the belanja.csv sum defects kept from the report, and
    the Kepala Dinas decision the report prints but the package cannot publish (no file)."""
    status, out, _ = run("validate", pkg)
    belanja = pkg / "data" / "belanja.csv"
    assert status == 0
    assert error_lines(out) == []
    warnings = warning_lines(out)
    pagu, realisasi = column_of(belanja, "pagu"), column_of(belanja, "realisasi")
    daerah, operasi = row_starting_with(belanja, "t315-belanja-daerah;"), row_starting_with(belanja, "t315-belanja-operasi;")
    informasi = pkg / "data" / "informasi.csv"
    assert [w.split("peringatan: ")[0] for w in warnings] == [
        at(belanja, daerah, pagu), at(belanja, daerah, realisasi), at(belanja, operasi, realisasi),
        at(informasi, 2, column_of(informasi, "berkas"))]
    assert all("tidak sama dengan" in w and "selisih Rp2.000.000" in w for w in warnings[:3])
    assert warnings[3].endswith('informasi berkala "kepdis-tim-lkj-2025" belum diumumkan: tidak ada berkas maupun '
                                "halaman; daftar periksa kepatuhan akan mencatatnya belum tersedia")
    assert out[-1] == "Paket data sah, dengan 4 peringatan."


# --- 2-3. missing and empty files --------------------------------------------------------------

def test_missing_resource_file_is_reported_at_its_path(pkg, run):
    """A deleted CSV is one error at row 1, column 1 of the file the descriptor names."""
    (pkg / "data" / "realisasi.csv").unlink()
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(pkg / "data" / "realisasi.csv", 1, 1))
    assert "berkas tidak ditemukan" in error


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_title_row_above_the_header_is_one_line(tmp_path_factory, run, data):
    """A title row (or Excel's `sep=,` line) put above a table's header read as every column missing, eight
    lines for one cause. It is one line at 1:1 naming the line the header is on."""
    pkg = tmp_path_factory.mktemp("judul") / "p"
    shutil.copytree(DEFAULT, pkg)
    path = data.draw(st.sampled_from(sorted((pkg / "data").glob("*.csv"))))
    above = data.draw(st.lists(st.one_of(st.just("sep=,"), st.just("sep=;"),
                                         st.text(alphabet="ABCDEFGHIJ abc 2025:;,", min_size=1, max_size=30)),
                               min_size=1, max_size=3))
    path.write_bytes("".join(f"{line}\n" for line in above).encode("utf-8") + path.read_bytes())
    status, out, _ = run("validate", pkg)
    assert status == 1
    error = only_error(out)
    assert error.startswith(f"{at(path, 1, 1)}baris judul kolom ada di baris {len(above) + 1}, bukan di baris 1; "
                            "hapus baris di atasnya"), error


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
       form=st.sampled_from(["%d/%m/%Y", "%m/%d/%y", "%d-%m-%Y", "%d.%m.%Y"]),
       where=st.sampled_from([("dokumen.csv", "tanggal_tercetak"), ("informasi.csv", "waktu_pembuatan")]))
def test_a_printed_date_a_spreadsheet_turned_into_numbers_is_warned(tmp_path_factory, run, day, form, where):
    """"24 November 2025" as the document prints it came back from LibreOffice as 11/24/25 and was published
    as a date the document never printed. Valid (a document may print numbers), with one warning at the cell."""
    pkg = tmp_path_factory.mktemp("tercetak") / "p"
    shutil.copytree(DEFAULT, pkg)
    file, column = where
    path = pkg / "data" / file
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    written = day.strftime(form)
    rows[1][rows[0].index(column)] = written
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    status, out, _ = run("validate", pkg)
    said = [line for line in out if "berbentuk tanggal angka" in line]
    assert status == 0 and said == [f'{at(path, 2, rows[0].index(column) + 1)}peringatan: "{written}" berbentuk tanggal '
                                    "angka, bentuk yang ditulis spreadsheet bila sel dibacanya sebagai tanggal lalu CSV "
                                    "disimpan ulang; kolom ini memuat tanggal seperti tercetak di dokumen (misalnya 24 "
                                    "November 2025): tulis seperti tercetak, dengan format kolom Teks agar tidak diubah "
                                    "lagi"], out


def test_a_file_named_in_another_case_is_named_in_the_message(pkg, run):
    """Target.CSV is target.csv on a Windows disk and another file on Linux and in CI: said so, with the fix."""
    (pkg / "data" / "target.csv").rename(pkg / "data" / "Target.CSV")
    status, out, _ = run("validate", pkg)
    assert status == 1 and only_error(out).startswith(at(pkg / "data" / "target.csv", 1, 1))
    assert only_error(out).endswith("; di foldernya ada Target.CSV: nama berkas membedakan huruf besar dan kecil (di "
                                    "Linux dan GitHub Actions), ganti namanya menjadi target.csv")


def test_a_windows_path_separator_is_named_as_such(pkg, run):
    descriptor = pkg / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace('"data/realisasi.csv"', '"data\\\\realisasi.csv"'),
                          encoding="utf-8")
    status, out, _ = run("validate", pkg)
    said = [line for line in out if "realisasi.csv" in line and str(descriptor) in line]
    assert status == 0 and len(said) == 1 and said[0].endswith(
        'sebaiknya ditulis "data/realisasi.csv" (standar Data Package memakai garis miring / sebagai pemisah folder, '
        "bukan \\ seperti Windows)"), out


@pytest.mark.parametrize("content", [b"", BOM + b"\r\n"], ids=["zero-bytes", "bom-and-blank-line"])
def test_empty_file_is_reported_once(pkg, run, content):
    """An empty file (or Excel's empty 'CSV UTF-8': just a BOM) is one 'berkas kosong' error, not a cascade."""
    (pkg / "data" / "target.csv").write_bytes(content)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(pkg / "data" / "target.csv", 1, 1))
    assert "berkas kosong" in error


# --- 4-6. header, BOM, encoding --------------------------------------------------------------

@pytest.mark.parametrize("file, old, new, bom", [
    ("indikator.csv", "polaritas", "polaritsa", False),
    ("node.csv", "id,tingkat", "idd,tingkat", True),  # first column right after Excel's BOM
], ids=["polaritsa", "first-column-after-bom"])
def test_misspelt_column_header_suggests_the_right_name(pkg, run, file, old, new, bom):
    """A typo in a header is one error at row 1 and that column, naming the column it probably meant."""
    path = pkg / "data" / file
    expected = old.split(",")[0]
    column = column_of(path, expected)
    edit_csv(path, old, new)
    if bom:
        path.write_bytes(BOM + path.read_bytes())
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, 1, column))
    assert f'mungkin maksudnya "{expected}"' in error
    assert "\ufeff" not in error


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["sumber", "id", "nama", "polaritas"]), st.data())
def test_an_invisible_character_in_a_header_is_named_in_its_message(name, data):
    """A NUL after "sumber" gave 'judul kolom "sumber" tidak dikenal; mungkin maksudnya "sumber"?': the character
    that makes the header wrong was dropped from the message. It is named, wherever it is in the name."""
    from generator.load.csvfile import CONTROL, check_header

    char = data.draw(st.characters(codec="utf-8").filter(CONTROL.fullmatch), label="char")
    at = data.draw(st.integers(0, len(name)), label="at")
    wrong = name[:at] + char + name[at:]
    names = ["id", "nama", "polaritas", "sumber"]
    header = [wrong if n == name else n for n in names]
    [problem] = check_header("x.csv", header, names)
    named = name[:at] + f"<U+{ord(char):04X}>" + name[at:]
    assert (problem.row, problem.column) == (1, names.index(name) + 1)
    assert problem.message.startswith(f'judul kolom "{named}" tidak dikenal'), problem.message
    assert char not in problem.message


@pytest.mark.parametrize("file", ["indikator.csv", "node.csv", "anggaran.csv", "realisasi.csv"])
def test_utf8_bom_from_excel_is_accepted(pkg, run, file):
    """Excel's 'CSV UTF-8' starts the file with a BOM; the package stays valid, keys and lookups included."""
    path = pkg / "data" / file
    path.write_bytes(BOM + path.read_bytes())
    status, out, _ = run("validate", pkg)
    assert status == 0
    assert error_lines(out) == []


# (file, line prefix of the row, column holding the first non-ASCII character, edit to make, decoded bad text)
CP1252_CASES = [
    ("instansi.csv", "diskominfosp-beltim,", "visi", None, "“Beltim"),
    ("node.csv", "sk-gaji-tunjangan,", "nama",
     ("Penyediaan Gaji dan Tunjangan,", "Penyediaan Gaji dan Tunjangan Pégawai,"), "Pégawai"),
]


def _save_as_cp1252(pkg: Path, file: str, prefix: str, column: str, edit) -> tuple[Path, int, int]:
    path = pkg / "data" / file
    if edit:
        edit_csv(path, *edit)
    row, col = row_starting_with(path, prefix), column_of(path, column)
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    return path, row, col


@pytest.mark.parametrize("file, prefix, column, edit, bad_text", CP1252_CASES, ids=["instansi-quotes", "node-e-acute"])
def test_windows_1252_export_points_at_the_first_bad_byte(pkg, run, file, prefix, column, edit, bad_text):
    """A file saved as 'CSV (Comma delimited)' (Windows-1252) is one error at the cell of the first non-UTF-8 byte."""
    path, row, col = _save_as_cp1252(pkg, file, prefix, column, edit)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row, col))
    assert "UTF-8" in error


@pytest.mark.parametrize("file, prefix, column, edit, bad_text", CP1252_CASES, ids=["instansi-quotes", "node-e-acute"])
def test_windows_1252_message_shows_the_offending_text(pkg, run, file, prefix, column, edit, bad_text):
    """The message quotes the text 'as read in Windows-1252'; that quote must include the bad character itself."""
    _save_as_cp1252(pkg, file, prefix, column, edit)
    _, out, _ = run("validate", pkg)
    error = only_error(out)
    assert "terbaca sebagai" in error
    assert bad_text in error


# --- 7-8. numbers ----------------------------------------------------------------------------

def test_decimal_comma_in_dot_decimal_column_suggests_the_dot_form(pkg, run):
    """`"88,19"` where the schema expects 88.19 is an error at that cell that tells the operator to write 88.19."""
    path = pkg / "data" / "realisasi.csv"
    edit_csv(path, "iku-kepuasan-informasi,2025,88.19,", 'iku-kepuasan-informasi,2025,"88,19",')
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, "iku-kepuasan-informasi,2025,"), column_of(path, "nilai")))
    assert "tulis 88.19" in error


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups=st.lists(st.integers(0, 999), min_size=1, max_size=3), head=st.integers(1, 999),
       column=st.sampled_from([("angka_laporan.csv", "t33-kepuasan,", "nilai", False),
                               ("pegawai.csv", None, "jumlah", True)]))
def test_commas_between_groups_of_three_say_both_readings_or_the_only_one(tmp_path_factory, run, groups, head, column):
    """"1,500" in a file of decimal points: English Excel's thousands, or a decimal comma? The advice was
    "tulis 1.500", which stores 1,5 where 1500 was meant, and in an integer column went in a circle
    ("tulis 1.300", then "hanya bilangan bulat"). A number column is told both readings; an integer column
    (and 1,234,567) the whole number. Each suggestion, written in, is valid."""
    file, prefix, name, integer = column
    text = ",".join([str(head), *(f"{g:03d}" for g in groups)])
    pkg = tmp_path_factory.mktemp("ribuan") / "p"
    shutil.copytree(DEFAULT, pkg)
    path = pkg / "data" / file
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at_row = 1 if prefix is None else next(n for n, r in enumerate(rows) if ",".join(r).startswith(prefix))
    rows[at_row][rows[0].index(name)] = text
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    whole = text.replace(",", "")
    if integer or len(groups) > 1:
        assert status == 1 and error.endswith(f"koma di sini memisahkan ribuan, yang tidak dipakai berkas ini: tulis {whole}")
        suggestions = [whole]
    else:
        decimal = format(Decimal(text.replace(",", ".")).normalize(), "f")
        assert status == 1 and error.endswith(f"tulis {decimal} atau {whole}, sesuai angka yang dimaksud"), error
        suggestions = [decimal, whole]
    for suggestion in suggestions:
        rows[at_row][rows[0].index(name)] = suggestion
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        status, out, _ = run("validate", pkg)
        assert not error_lines(out), (suggestion, out)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999999"), places=2),
       column=st.sampled_from([("angka_laporan.csv", "t33-kepuasan,", "nilai", ","),
                               ("anggaran.csv", "s-1-1-1;", "realisasi", ";")]))
def test_a_negative_in_brackets_says_it_is_excels_accounting_format(tmp_path_factory, run, value, column):
    """Excel's Accounting format writes -1.234,00 as "(1.234,00)" into the CSV. It was "nilai tidak sah" with
    no word on why; now the line says what the brackets mean and how to write the number, in the file's own
    style. Written that way, the cell is a number (a column that allows no negatives then says so itself)."""
    file, prefix, name, delimiter = column
    if delimiter == ",":
        inner = format(value, "f")
    else:
        whole, cents = format(value, "f").split(".")
        inner = f"{int(whole):,}".replace(",", ".") + "," + cents
    pkg = tmp_path_factory.mktemp("kurung") / "p"
    shutil.copytree(DEFAULT, pkg)
    path = pkg / "data" / file
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    at_row = next(n for n, r in enumerate(rows) if delimiter.join(r).startswith(prefix))
    col = rows[0].index(name)

    def write(cell: str) -> list[str]:
        rows[at_row][col] = cell
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=delimiter, lineterminator="\n").writerows(rows)
        return run("validate", pkg)[1]

    lines = [line for line in error_lines(write(f"({inner})")) if line.startswith(at(path, at_row + 1, col + 1))]
    assert len(lines) == 1 and lines[0].endswith(
        "; angka di antara tanda kurung adalah cara Excel (format Akuntansi) menulis bilangan negatif: bila memang "
        f"negatif, tulis -{inner}, format selnya sebagai Angka, bukan Akuntansi, lalu simpan ulang"), lines
    again = [line for line in error_lines(write(f"-{inner}")) if line.startswith(at(path, at_row + 1, col + 1))]
    assert not [line for line in again if "tidak sah; yang diharapkan angka" in line], again


ANGGARAN_S111 = "s-1-1-1;lkjip-2025;Meningkatkan akses masyarakat atas layanan informasi dan penyelenggaraan Pemerintahan;"


@pytest.mark.parametrize("file, row_prefix, column, old, bad, expected", [
    ("anggaran.csv", "s-1-1-1;lkjip-2025;", "pagu", ANGGARAN_S111 + "285.697.300,00;", "abc", "9.079.049.540,00"),
    ("target.csv", "iku-kepuasan-informasi,2024,pk-2024,", "nilai", "iku-kepuasan-informasi,2024,pk-2024,tahunan,80,",
     "tinggi", "88.19"),
], ids=["anggaran-pagu-abc", "target-nilai-tinggi"])
def test_text_in_number_column_is_a_type_error_at_that_cell(pkg, run, file, row_prefix, column, old, bad, expected):
    """A word in a number column is one type error at that cell, showing the number format the column expects."""
    path = pkg / "data" / file
    separator = old[-1]
    edit_csv(path, old, old[:-1].rsplit(separator, 1)[0] + separator + bad + separator)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, row_prefix), column_of(path, column)))
    assert f'nilai "{bad}" tidak sah' in error
    assert f"misalnya {expected}" in error


def test_dot_decimal_in_indonesian_number_column_is_not_misread(pkg, run):
    """`285697300.00` in a Rupiah column (groupChar ".", decimalChar ",") must not silently become Rp28.569.730.000.

    A "." followed by two digits is not a thousands group, so the cell is an error telling the
    operator the column uses Indonesian format, rather than a value a hundred times too large.
    """
    path = pkg / "data" / "anggaran.csv"
    edit_csv(path, ";285.697.300,00;272.526.280,00;95,38;", ";285697300.00;272.526.280,00;95,38;")
    status, out, _ = run("validate", pkg)
    assert status == 1
    error = only_error(out)
    assert error.startswith(at(path, row_starting_with(path, "s-1-1-1;lkjip-2025;"), column_of(path, "pagu")))
    assert "format Indonesia" in error


# --- 9-10. keys ------------------------------------------------------------------------------

def _duplicate_node_row(pkg: Path) -> tuple[Path, int, int, str]:
    path = pkg / "data" / "node.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    original = row_starting_with(path, "s-1-1-2,")
    path.write_text("".join(lines) + lines[original - 1], encoding="utf-8")
    return path, len(lines) + 1, original, "(s-1-1-2)"


def _reuse_realisasi_key(pkg: Path) -> tuple[Path, int, int, str]:
    path = pkg / "data" / "realisasi.csv"
    original = row_starting_with(path, "iku-ips,2024,")
    edit_csv(path, "iku-ips,2025,2.76,", "iku-ips,2024,2.76,")
    return path, original + 1, original, "(iku-ips, 2024)"


DUPLICATES = pytest.mark.parametrize("make_duplicate", [_duplicate_node_row, _reuse_realisasi_key],
                                     ids=["node-row-copied", "realisasi-year-retyped"])


@DUPLICATES
def test_duplicate_primary_key_points_at_the_duplicate_and_the_original(pkg, run, make_duplicate):
    """A repeated key is one error at the later row, first key column, naming the row it repeats."""
    path, row, original, _ = make_duplicate(pkg)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row, 1))
    assert f"sudah dipakai di baris {original}" in error


@DUPLICATES
def test_duplicate_primary_key_message_shows_only_the_key_values(pkg, run, make_duplicate):
    """`kunci (indikator, tahun) = (...)` must list the key's values, not every cell of the row."""
    _, _, _, key_values = make_duplicate(pkg)
    _, out, _ = run("validate", pkg)
    error = only_error(out)
    assert f"= {key_values} (sudah dipakai" in error


def test_broken_foreign_key_is_reported_at_the_referring_cell(pkg, run):
    """An indicator attached to a node that does not exist is one error at that row's `node` cell."""
    path = pkg / "data" / "indikator.csv"
    edit_csv(path, "iku-ips,s-1-1-3,", "iku-ips,s-9-9-9,")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, "iku-ips,"), column_of(path, "node")))
    assert 'nilai "s-9-9-9" tidak ditemukan' in error
    assert "tabel node" in error


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_id_with_a_space_or_another_case_says_which_id_it_almost_is(tmp_path_factory, run, data):
    """An operator's `ind-ats ` (a space Excel does not show) or `IKU-ADUAN` was only "tidak ditemukan": the
    line now says what differs and names the ID that exists. Any realisasi row, any indicator ID, spaces of
    any kind before or after it, or its letters in any other case."""
    pkg = tmp_path_factory.mktemp("rujukan") / "pkg"
    shutil.copytree(DEFAULT, pkg)
    path = pkg / "data" / "realisasi.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    row = data.draw(st.integers(2, len(rows)), label="baris")
    wanted = rows[row - 1][0]
    spaced = data.draw(st.booleans(), label="spasi")
    if spaced:
        before, after = data.draw(st.tuples(st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["", " ", "  "]))
                                  .filter(lambda t: any(t)), label="spasi")
        typed = before + wanted + after
    else:
        flips = data.draw(st.lists(st.booleans(), min_size=len(wanted), max_size=len(wanted))
                          .filter(lambda f: any(f and c.isalpha() for f, c in zip(f, wanted))), label="huruf")
        typed = "".join(c.swapcase() if f else c for f, c in zip(flips, wanted))
    rows[row - 1][0] = typed
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1 and error.startswith(at(path, row, 1)), error
    if spaced:
        assert error.endswith(f'(ada spasi di awal atau akhir sel; hapus spasi itu: "{wanted}" ada)'), error
    else:
        assert error.endswith(f'(huruf besar dan kecilnya berbeda: yang ada "{wanted}"; ID dibandingkan persis, '
                              "huruf demi huruf)"), error


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(["target", "realisasi", "indikator", "survei"]), schema=st.booleans(),
       suffix=st.one_of(st.sampled_from([".html", ".htm", ".svg", ".xhtml", ".js", ".txt", ".csv.html", ""]),
                        st.from_regex(r"\.[a-z]{1,5}", fullmatch=True).filter(lambda s: s not in (".csv", ".json"))))
def test_a_table_or_schema_file_that_is_not_csv_or_json_is_refused(tmp_path_factory, run, table, schema, suffix):
    """A table renamed target.html with a <script> in a cell was "Paket data sah" and published byte for byte
    under data/sumber/, where the browser ran the script on the portal's own address. A table must be a .csv
    and a schema a .json; anything else is one error at its path."""
    pkg = tmp_path_factory.mktemp("akhiran") / "pkg"
    shutil.copytree(DEFAULT, pkg)
    folder, ending = ("schemas", ".json") if schema else ("data", ".csv")
    old = f"{folder}/{table}{ending}"
    new = f"{folder}/{table}{suffix}"
    (pkg / old).rename(pkg / new)
    descriptor = pkg / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    key = "schema" if schema else "path"
    assert text.count(f'"{key}": "{old}"') == 1
    text = text.replace(f'"{key}": "{old}"', f'"{key}": "{new}"')
    descriptor.write_text(text, encoding="utf-8")
    line, column = line_and_column(text, text.index(f'"{key}": "{new}"'))
    status, out, _ = run("validate", pkg)
    error = next(line for line in error_lines(out) if f'"{new}"' in line)
    assert status == 1 and error.startswith(at(descriptor, line, column)), out
    assert (f"bukan berkas .json; yang diharapkan berkas JSON berakhiran .json" if schema
            else "bukan berkas .csv; yang diharapkan berkas CSV berakhiran .csv") in error


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.integers(0, 600))
def test_a_descriptor_of_thousands_of_tables_is_refused_before_any_is_read(tmp_path_factory, run, extra):
    """8.000 resources all naming target.csv were each read and checked whole: 169 s and 1,1 GB for one
    validate. Beyond the limit the descriptor is one error at its "resources", and nothing is read."""
    from generator.load.package import MAX_RESOURCES

    pkg = tmp_path_factory.mktemp("banyak") / "pkg"
    shutil.copytree(DEFAULT, pkg)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    first = descriptor["resources"][0]
    descriptor["resources"] += [{**first, "name": f"salinan-{n}"} for n in range(extra)]
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    count = len(descriptor["resources"])
    with recording_opens() as opened:
        status, out, _ = run("validate", pkg)
    said = [line for line in out if "yang diharapkan paling banyak" in line and " resource; " in line]
    if count > MAX_RESOURCES:
        assert status == 1 and len(said) == 1 and f"deskriptor memuat {count:,} resource".replace(",", ".") in said[0]
        assert not [path for path in opened if path.endswith(".csv")], opened
    else:
        assert said == []


# --- 11. paths outside the package -------------------------------------------------------------

@pytest.fixture
def outside_file(tmp_path) -> Path:
    """A readable, perfectly valid realisasi.csv that lives next to (not inside) the package."""
    secret = tmp_path / "di-luar" / "realisasi.csv"
    secret.parent.mkdir()
    secret.write_bytes((Path(__file__).resolve().parent.parent / "datapackage" / "data" / "realisasi.csv").read_bytes())
    return secret


OUTSIDE_PATHS = pytest.mark.parametrize("kind", ["dotdot-etc-passwd", "absolute-etc-passwd", "dotdot-real-file",
                                                 "absolute-real-file", "symlink-in-data"])


def _point_outside(pkg: Path, outside_file: Path, kind: str) -> tuple[str, int, int]:
    """Make resource realisasi point outside the package; return the path value and its JSON position."""
    if kind == "symlink-in-data":
        link = pkg / "data" / "realisasi.csv"
        link.unlink()
        link.symlink_to(outside_file)
        value = "data/realisasi.csv"
        text = (pkg / "datapackage.json").read_text(encoding="utf-8")
        return value, *line_and_column(text, text.index(f'"path": "{value}"'))
    value = {"dotdot-etc-passwd": "../../etc/passwd", "absolute-etc-passwd": "/etc/passwd",
             "dotdot-real-file": "../di-luar/realisasi.csv", "absolute-real-file": str(outside_file)}[kind]
    return value, *set_descriptor_path(pkg, "data/realisasi.csv", value)


@OUTSIDE_PATHS
def test_path_outside_package_is_refused_at_its_json_line(pkg, run, outside_file, kind):
    """A resource path that leaves the package folder is an error at the `"path"` key in datapackage.json."""
    value, line, column = _point_outside(pkg, outside_file, kind)
    status, out, _ = run("validate", pkg)
    assert status == 1
    refusals = [e for e in error_lines(out) if "ke luar folder paket" in e]
    assert len(refusals) == 1, "\n".join(out)
    assert refusals[0].startswith(at(pkg / "datapackage.json", line, column))
    assert f'path "{value}"' in refusals[0]


@OUTSIDE_PATHS
def test_path_outside_package_is_never_opened(pkg, run, outside_file, kind):
    """Validation must not open the file an outside path names, not even to report on it."""
    value, _, _ = _point_outside(pkg, outside_file, kind)
    forbidden = {Path("/etc/passwd").resolve(), outside_file.resolve(), (pkg / value).resolve()}
    with recording_opens() as opened:
        status, _, _ = run("validate", pkg)
    assert status == 1
    touched = {Path(p).resolve() for p in opened} & forbidden
    assert not touched, f"opened outside the package: {sorted(map(str, touched))}"


def test_path_outside_package_is_reported_once_in_indonesian(pkg, run):
    """One refused path is one error line: no second, English 'is not safe' line at datapackage.json:1:1."""
    set_descriptor_path(pkg, "data/realisasi.csv", "../../etc/passwd")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert "ke luar folder paket" in error


@pytest.mark.parametrize("edit, key, said", [
    (lambda d: d["contributors"][1].__setitem__("email", "tim kinerja"), '"email"',
     'nilai "contributors[].email" bukan alamat surel yang sah'),
    (lambda d: d.__setitem__("licenses", [{"title": "Lisensi tanpa nama"}]), '"licenses"',
     'setiap lisensi wajib memiliki "name" (misalnya "CC-BY-4.0") atau "path" (alamat teks lisensinya)'),
])
def test_a_descriptor_value_the_standard_refuses_is_named_at_its_line(pkg, run, edit, key, said):
    """Two of the standard's own checks (a contributor's e-mail, a licence without name or path) were
    'datapackage.json:1:1: ... nilai tidak sah menurut standar': neither the value nor its line."""
    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    edit(data)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    descriptor.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.lstrip().startswith(key))
    column = text.splitlines()[line - 1].index(key) + 1
    status, out, _ = run("validate", pkg)
    assert status == 1
    assert only_error(out) == f"{descriptor}:{line}:{column}: deskriptor tidak memenuhi standar Data Package: {said}"


# --- 12-17. domain rules ---------------------------------------------------------------------

@pytest.mark.parametrize("file, row_prefix, column, old, new, allowed", [
    ("indikator.csv", "iku-ips,", "polaritas", "(IPS),indeks,tinggi_lebih_baik,", "(IPS),indeks,naik,",
     "tinggi_lebih_baik, rendah_lebih_baik"),
    ("indikator.csv", "iku-ips,", "jenis_target", "(IPS),indeks,tinggi_lebih_baik,angka,",
     "(IPS),indeks,tinggi_lebih_baik,persentase,", "angka, rentang, level, kategori, ya_tidak"),
    ("realisasi.csv", "iku-ips,2024,", "status", "iku-ips,2024,2.76,\"2,76\",final,", "iku-ips,2024,2.76,\"2,76\",Final,",
     "final, sementara, dibawa, tidak_ada"),
], ids=["polaritas-naik", "jenis_target-persentase", "status-Final-autocapitalised"])
def test_unknown_code_value_lists_the_allowed_values(pkg, run, file, row_prefix, column, old, new, allowed):
    """A value outside a column's enum is one error at that cell listing every allowed value."""
    path = pkg / "data" / file
    edit_csv(path, old, new)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, row_prefix), column_of(path, column)))
    assert f"pilihan yang sah: {allowed}" in error


def test_zero_target_for_higher_is_better_indicator_is_an_error(pkg, run):
    """Target 0 makes capaian = realisasi / target undefined: one error at the target's `nilai`."""
    path = pkg / "data" / "target.csv"
    edit_csv(path, "iku-kepuasan-informasi,2024,pk-2024,tahunan,80,", "iku-kepuasan-informasi,2024,pk-2024,tahunan,0,")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, "iku-kepuasan-informasi,2024,pk-2024,"),
                               column_of(path, "nilai")))
    assert "pembagian dengan nol" in error


@settings(max_examples=200, deadline=None)
@given(label=st.text(st.sampled_from("0123456789.,-− %abc"), max_size=24),
       value=st.decimals(-10**9, 10**9, places=3, allow_nan=False, allow_infinity=False))
def test_reading_a_printed_label_never_fails(label, value):
    """A label is the operator's text: whatever digits, points and commas it holds, reading its number
    (`prints_value`, `decimals`) answers and never stops the run ("1.500.000" stopped validate and build with
    "kesalahan internal (InvalidOperation)")."""
    from generator.domain.values import decimals, prints_value

    assert prints_value(label, value) in (True, False)
    assert decimals(label, value) >= 0


@settings(max_examples=100, deadline=None)
@given(value=st.integers(1_000, 10**12), unit=st.sampled_from(["", " kunjungan", " orang", "%"]))
def test_a_number_grouped_in_thousands_prints_its_value(value, unit):
    """'1.500.000 kunjungan' prints 1500000 (points group thousands, the operators' own way), not 1500001."""
    from generator.domain.values import prints_value

    label = fmt.angka(value, 0) + unit
    assert "." in label and prints_value(label, value) and not prints_value(label, value + 1)


def test_a_target_printed_with_thousands_points_validates(pkg, run):
    """The next agency counts visitors: target 1500000 printed "1.500.000 kunjungan", realisasi 1200000 printed
    "1.200.000 kunjungan". Both stopped `validate` with "kesalahan internal"; the package is valid."""
    with open(pkg / "data" / "indikator.csv", "a", encoding="utf-8") as f:
        f.write("iku-kunjungan,s-1-1-1,Jumlah kunjungan portal,kunjungan,tinggi_lebih_baik,angka,,tidak,,,,ikp,,,,uji,\n")
    with open(pkg / "data" / "target.csv", "a", encoding="utf-8") as f:
        f.write("iku-kunjungan,2025,pk-perubahan-2025,tahunan,1500000,,1.500.000 kunjungan,uji\n")
    with open(pkg / "data" / "realisasi.csv", "a", encoding="utf-8") as f:
        f.write('iku-kunjungan,2025,1200000,"1.200.000 kunjungan",final,uji,\n')
    status, out, err = run("validate", pkg)
    assert status == 0, out + err
    assert not [line for line in out + err if "kunjungan" in line or "internal" in line]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_report_code_given_to_two_nodes_of_a_level_is_named(data):
    """Two programmes both numbered "B" in the report (or two sasaran "1.1.2") were shown as two rows with the
    same code, without a word: a warning at every later row of a (tingkat, code) pair, naming the first node;
    the same code on nodes of different levels, or the nomenclature `kode`, is fine."""
    from generator.load import ROW, Tables
    from generator.validate import rules

    t = default_tables()
    node = t["node"].copy()
    codes = st.one_of(st.none(), st.sampled_from(["A", "B", " b", "1.1.2", "C.2.5"]))
    for column in ("nomor", "kode_laporan", "kode"):
        node[column] = data.draw(st.lists(codes, min_size=len(node), max_size=len(node)))
    found = rules.node_codes(Tables({**t.frames, "node": node}, t.settings, t.descriptor))
    expected = []
    for column in ("nomor", "kode_laporan"):
        first: dict[tuple, str] = {}
        for r in node.to_dict("records"):
            if not isinstance(r[column], str):  # None, read back as NaN
                continue
            key = (r["tingkat"], r[column].strip().lower())
            if key in first:
                expected.append((r[ROW], column, first[key]))
            first.setdefault(key, r["id"])
    assert [(i.row, i.column) for i in found] == [(row, column) for row, column, _ in expected]
    assert all("sudah dipakai" in i.message and f"\"{first_id}\"" in i.message and i.level == "peringatan"
               for i, (_, _, first_id) in zip(found, expected))


def _budget_warnings(anggaran, node=None):
    """`rules.budgets` over the default package with `anggaran` (and `node`) in place of its own."""
    from generator.load import Tables
    from generator.validate import rules

    t = default_tables()
    frames = {**t.frames, "anggaran": anggaran, **({"node": node} if node is not None else {})}
    return [i for i in rules.budgets(Tables(frames, t.settings, t.descriptor)) if i.resource == "anggaran"]


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_realisasi_on_a_plan_line_is_named_not_ignored(data):
    """Realisasi typed on a line of a PK or RKT was dropped without a word (the budget pages read a year's
    realisasi from the LKjIP's lines, and said the year was still running): each such cell is now a warning
    at its own row and column, naming the document and where realisasi belongs."""
    from decimal import Decimal

    ang = default_tables()["anggaran"].copy()
    plans = [i for i, d in zip(ang.index, ang["dokumen"]) if not d.startswith("lkjip")]
    chosen = data.draw(st.lists(st.sampled_from(plans), min_size=1, max_size=4, unique=True))
    for i in chosen:
        ang.at[i, "realisasi"] = Decimal(data.draw(st.integers(0, int(ang.at[i, "pagu"]))))
    found = [i for i in _budget_warnings(ang) if "tidak dipakai" in i.message]
    assert sorted((i.row, i.column) for i in found) == sorted((ang.at[i, "_baris"], "realisasi") for i in chosen)
    assert all("yang diharapkan realisasi dicatat pada baris dokumen berjenis lkjip" in i.message for i in found)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_line_outside_the_printed_total_is_named(data):
    """A second tujuan's programme given a line while neither that tujuan nor its sasaran has one: the
    Anggaran page's programmes then added up to more than the printed total beside them, with no word.
    Lines left out above a programme of the first tujuan (its sasaran) leave it inside the total: no
    warning; a line whose tujuan has none is named at its `node` cell, whether the total is one tujuan's
    line or the sum of several."""
    import pandas as pd

    t = default_tables()
    ang = t["anggaran"]
    lkjip = ang[ang["dokumen"] == "lkjip-2025"]
    sasaran = [n for n in lkjip["node"] if n.startswith("s-")]
    dropped = data.draw(st.lists(st.sampled_from(sasaran), unique=True))
    ang = ang[~((ang["dokumen"] == "lkjip-2025") & ang["node"].isin(dropped))]
    assert not [i for i in _budget_warnings(ang) if "berada di luar jumlah instansi" in i.message]
    node = pd.concat([t["node"], pd.DataFrame([
        {"id": "t-2", "tingkat": "tujuan", "induk": None, "nama": "Tujuan kedua"},
        {"id": "s-2", "tingkat": "sasaran", "induk": "t-2", "nama": "Sasaran kedua"},
        {"id": "p-2", "tingkat": "program", "induk": "s-2", "nama": "Program kedua"}])], ignore_index=True)
    extra = {**lkjip.iloc[-1].to_dict(), "node": data.draw(st.sampled_from(["s-2", "p-2"])), "_baris": 999}
    found = [i for i in _budget_warnings(pd.concat([ang, pd.DataFrame([extra])], ignore_index=True), node)
             if "berada di luar jumlah instansi" in i.message]
    assert [(i.row, i.column) for i in found] == [(999, "node")]
    assert f'baris "{extra["node"]}" di dokumen lkjip-2025 berada di luar jumlah instansi (baris tujuan "t-1")' \
        in found[0].message
    # with the second tujuan's own line the total is the two tujuan's sum, and a third tujuan's programme
    # without a line above it is outside that
    node = pd.concat([node, pd.DataFrame([{"id": "t-3", "tingkat": "tujuan", "induk": None, "nama": "Tujuan ketiga"},
                                          {"id": "p-3", "tingkat": "program", "induk": "t-3", "nama": "Program"}])],
                     ignore_index=True)
    lines = pd.DataFrame([{**extra, "node": "t-2", "_baris": 998}, {**extra, "node": "p-3", "_baris": 997}])
    found = [i for i in _budget_warnings(pd.concat([ang, pd.DataFrame([extra]), lines], ignore_index=True), node)
             if "berada di luar jumlah instansi" in i.message]
    assert [(i.row, i.column) for i in found] == [(997, "node")]
    assert '(baris tujuan "t-1", "t-2")' in found[0].message


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_a_zero_target_of_a_lower_is_better_indicator_says_how_to_keep_it(data):
    """"0 insiden" is a promise a PK signs, and as a number it has no capaian. The error at the target's
    `nilai` (any annual target of any indicator made lower-is-better) names the way to keep the figure as
    signed: a yes/no target on the ya-tidak scale; a higher-is-better one gets no such hint."""
    from generator.load import Tables
    from generator.validate import rules

    t = default_tables()
    target = t["target"].copy()
    numeric = set(t["indikator"].loc[t["indikator"]["jenis_target"] == "angka", "id"])
    i = data.draw(st.sampled_from([n for n, ind in zip(target.index, target["indikator"]) if ind in numeric]))
    lower = data.draw(st.booleans())
    target.at[i, "nilai"] = 0
    ind = t["indikator"].copy()
    ind.loc[ind["id"] == target.at[i, "indikator"], "polaritas"] = "rendah_lebih_baik" if lower else "tinggi_lebih_baik"
    found = [x for x in rules.targets(Tables({**t.frames, "target": target, "indikator": ind}, t.settings, t.descriptor))
             if x.resource == "target" and x.row == target.at[i, "_baris"] and "target 0" in x.message]
    assert len(found) == 1 and found[0].column == "nilai"
    assert ("dicatat dengan jenis_target ya_tidak dan skala ya-tidak" in found[0].message) == lower


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_part_that_does_not_add_up_is_found_with_levels_left_out(data):
    """The report's lines add up at every level. With any of its in-between lines left out (a report that
    prints no kegiatan, say), a sub kegiatan whose pagu is changed by Rp1 is still found: the line to check
    is the nearest one above it that the document has (`domain.tree.line_children`); before, a parent was
    checked only against its direct children, and the change went unnoticed."""
    from decimal import Decimal

    t = default_tables()
    ang = t["anggaran"]
    lkjip = ang[ang["dokumen"] == "lkjip-2025"]
    parent = dict(zip(t["node"]["id"], t["node"]["induk"]))
    has_child = {parent[n] for n in lkjip["node"]}
    middle = sorted(n for n in lkjip["node"] if n in has_child and not n.startswith("t-"))
    leaves = sorted(n for n in lkjip["node"] if n not in has_child)
    dropped = set(data.draw(st.lists(st.sampled_from(middle), unique=True)))
    leaf = data.draw(st.sampled_from(leaves))
    kept = ang[~((ang["dokumen"] == "lkjip-2025") & ang["node"].isin(dropped))].copy()
    at = kept.index[(kept["dokumen"] == "lkjip-2025") & (kept["node"] == leaf)][0]
    kept.at[at, "pagu"] = kept.at[at, "pagu"] + Decimal(1)
    above = parent[leaf]
    while above in dropped:
        above = parent[above]
    row = lkjip.loc[lkjip["node"] == above, "_baris"].iloc[0]
    found = [i for i in _budget_warnings(kept) if "tidak sama dengan pagu induknya" in i.message]
    assert [(i.row, i.column) for i in found] == [(row, "pagu")], (dropped, leaf, found)
    assert f'baris di bawah simpul "{above}" di dokumen lkjip-2025' in found[0].message and "selisih Rp1" in found[0].message


@settings(max_examples=12, deadline=None)
@given(name=st.sampled_from(sorted(json.loads((DEFAULT / "datapackage.json").read_text(encoding="utf-8"))["resources"],
                                   key=lambda r: r["name"])).map(lambda r: r["path"]))
def test_a_missing_table_gets_the_same_line_from_a_build_as_from_validate(tmp_path_factory, name):
    """A build checks only what changed since its last valid run, keyed on the tables and those they refer
    to. With a table another one refers to deleted (dokumen.csv, node.csv, ...) that key could not be made,
    and the build said "tidak dapat dibaca atau ditulis ... ruang disk" instead of the missing file; whichever
    table is gone, the build's validation (`checked`) says what `kinerja validate` says."""
    import shutil

    from generator.validate import validate_package

    package = tmp_path_factory.mktemp("hilang") / "p"
    shutil.copytree(DEFAULT, package)
    (package / name).unlink()
    plain = validate_package(package).report.lines()
    built = validate_package(package, checked={}).report.lines()
    assert built == plain
    assert any(line.startswith(f"{package / name}:1:1: berkas tidak ditemukan") for line in built), built


def test_realisation_above_budget_is_an_error(pkg, run):
    """Realisasi larger than pagu in anggaran.csv is an error at the `realisasi` cell of that row."""
    path = pkg / "data" / "anggaran.csv"
    edit_csv(path, "Bangunan Kantor;9.514.900,00;9.240.195,00;", "Bangunan Kantor;9.514.900,00;9.614.900,00;")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, "sk-instalasi-listrik;lkjip-2025;"),
                               column_of(path, "realisasi")))
    assert "melebihi pagu" in error


def test_children_not_adding_up_to_parent_is_only_a_warning(pkg, run):
    """A child's pagu edited so the children no longer sum to the parent: a warning at the parent's pagu, exit 0."""
    path = pkg / "data" / "anggaran.csv"
    edit_csv(path, "Bangunan Kantor;9.514.900,00;9.240.195,00;", "Bangunan Kantor;9.614.900,00;9.240.195,00;")
    status, out, _ = run("validate", pkg)
    assert status == 0
    assert error_lines(out) == []
    mine = [w for w in warning_lines(out) if w.startswith(f"{path}:")]
    assert len(mine) == 1, "\n".join(mine)
    parent_row = row_starting_with(path, "k-adm-umum;lkjip-2025;")
    assert mine[0].startswith(at(path, parent_row, column_of(path, "pagu")) + "peringatan: ")
    assert '"k-adm-umum"' in mine[0] and "selisih Rp100.000" in mine[0]


def test_target_year_outside_document_period_is_an_error(pkg, run):
    """A Renstra 2025-2029 target moved to 2031 is an error at its `tahun` cell quoting the period."""
    path = pkg / "data" / "target.csv"
    edit_csv(path, "iku-ip-asn,2026,renstra-2025-2029,", "iku-ip-asn,2031,renstra-2025-2029,")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, "iku-ip-asn,2031,"), column_of(path, "tahun")))
    assert '"renstra-2025-2029" (2025-2029)' in error


@pytest.mark.parametrize("old, new, row_prefix, expected", [
    ("iku-ips,2024,2.76,", "iku-ips,2024,,", "iku-ips,2024,", "status final tetapi nilai kosong"),
    ("iku-ips,2024,2.76,", "iku-ips,2024,-,", "iku-ips,2024,", "status final tetapi nilai kosong"),
    ("iku-ip-asn,2024,-,-,tidak_ada", "iku-ip-asn,2024,0,-,tidak_ada", "iku-ip-asn,2024,", "status tidak_ada tetapi nilai terisi"),
], ids=["final-empty", "final-dash", "tidak_ada-with-zero"])
def test_realisation_status_and_value_must_agree(pkg, run, old, new, row_prefix, expected):
    """'No data' is the status tidak_ada with an empty value; a final empty value or a 'no data' 0 is an error."""
    path = pkg / "data" / "realisasi.csv"
    edit_csv(path, old, new)
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, row_prefix), column_of(path, "nilai")))
    assert expected in error


# --- 18-19. delimiter and descriptor syntax -----------------------------------------------------

def test_wrong_delimiter_is_one_error_about_the_separator(pkg, run):
    """anggaran.csv re-saved with commas (Excel in an English locale) is one error at 1:1 naming the separator."""
    path = pkg / "data" / "anggaran.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert problem_lines(out) == [error]  # no warnings or cell errors cascading from the unsplit rows
    assert error.startswith(at(path, 1, 1))
    assert 'pemisah ";"' in error


@pytest.mark.parametrize("old, new", [
    ('"version": "1.0.0",', '"version": "1.0.0"'),
    ('"sintetis": false', '"sintetis": false,'),
], ids=["missing-comma", "trailing-comma"])
def test_invalid_json_is_reported_at_its_line_and_column(pkg, run, old, new):
    """A JSON syntax slip is one error at the token where the parser stopped, exit 1."""
    descriptor = pkg / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    descriptor.write_text(text, encoding="utf-8")
    after = text.index(new) + len(new)
    stop = after + len(text[after:]) - len(text[after:].lstrip())  # next token after the slip
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(descriptor, *line_and_column(text, stop)))
    assert "JSON tidak sah" in error


# --- 20-22. hostile text, usage, tree levels ----------------------------------------------------

@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                                  "<script>alert('x')</script>"])
def test_markup_in_a_text_cell_is_just_text(pkg, run, name):
    """HTML or Markdown in a name is valid data; escaping it is the renderer's job, not the validator's."""
    edit_csv(pkg / "data" / "indikator.csv", "iku-indeks-spbe,s-1-1-2,Indeks SPBE,", f"iku-indeks-spbe,s-1-1-2,{name},")
    status, out, _ = run("validate", pkg)
    assert status == 0
    assert error_lines(out) == []


def test_validate_on_a_missing_folder_is_a_usage_error(tmp_path, run):
    """A PATH that does not exist is a usage error (exit 2) on stderr, with nothing on stdout."""
    missing = tmp_path / "tidak-ada"
    status, out, err = run("validate", missing)
    assert status == 2
    assert out == []
    assert any(str(missing) in line and "tidak ditemukan" in line for line in err)


def test_node_under_a_parent_at_the_wrong_level_is_an_error(pkg, run):
    """A kegiatan hung under another kegiatan (not a higher level) is an error at its `induk` cell naming the
    expected level."""
    path = pkg / "data" / "node.csv"
    edit_csv(path, "k-adm-kepegawaian,kegiatan,p-penunjang,", "k-adm-kepegawaian,kegiatan,k-adm-keuangan,")
    status, out, _ = run("validate", pkg)
    error = only_error(out)
    assert status == 1
    assert error.startswith(at(path, row_starting_with(path, "k-adm-kepegawaian,"), column_of(path, "induk")))
    assert '"k-adm-keuangan" bertingkat kegiatan' in error
    assert "induk bertingkat lebih tinggi (program)" in error


def test_node_skipping_a_level_is_a_warning(pkg, run):
    """A level the document does not print may be skipped (seed 000: sub kegiatan straight under their programme):
    valid, with a warning at the `induk` cell that names the skipped level."""
    path = pkg / "data" / "node.csv"
    edit_csv(path, "k-adm-keuangan,kegiatan,p-penunjang,", "k-adm-keuangan,kegiatan,s-1-1-5,")
    status, out, _ = run("validate", pkg)
    assert status == 0
    line = next(x for x in out if "k-adm-keuangan" in x and "dilompati" in x)
    assert line == (at(path, row_starting_with(path, "k-adm-keuangan,"), column_of(path, "induk"))
                    + 'peringatan: simpul "k-adm-keuangan" bertingkat kegiatan langsung di bawah "s-1-1-5" bertingkat '
                      "sasaran: tingkat program dilompati; isi bila dokumen memuatnya")




@pytest.mark.parametrize("name, head, said", [
    ("paket.zip", b"PK\x03\x04", "'{p}' adalah arsip ZIP; paket data dibaca dari folder: ekstrak dulu (misalnya unzip "
                                 "{q} -d paket) lalu berikan folder yang memuat datapackage.json"),
    ("isian saya.xlsx", b"PK\x03\x04", "'{p}' adalah buku kerja Excel, bukan paket data; tulis isiannya ke paket "
                                        "dengan kinerja impor {q} --data FOLDER-PAKET, lalu berikan folder paketnya"),
    ("unduhan", b"PK\x03\x04", "'{p}' adalah arsip ZIP; paket data dibaca dari folder: ekstrak dulu (misalnya unzip "
                               "{q} -d paket) lalu berikan folder yang memuat datapackage.json"),
    ("realisasi.csv", b"indi", "'{p}' bukan deskriptor paket data; yang diharapkan folder paket data atau berkas "
                               "datapackage.json"),
    ("pipa", None, "'{p}' bukan berkas biasa; yang diharapkan folder paket data atau berkas datapackage.json"),
])
def test_a_file_given_in_place_of_the_package_says_what_to_give(tmp_path, run, name, head, said):
    """A zipped package, the operator's workbook or one of the tables given as the package was "bukan teks
    UTF-8" at line 2 or "JSON tidak sah" at 1:1 (and `build` refused its --out as inside "the package"); a
    named pipe kept the command waiting forever. Now a usage error saying what the file is and what to give
    instead, with the path as given (quoted for the shell where the line suggests a command). A catalog
    member that is such a file gets the same words as a problem of that file."""
    import shlex

    from generator.load.package import open_package

    path = tmp_path / name
    if head is None:
        os.mkfifo(path)
    else:
        path.write_bytes(head + b"\x00\x01rest")
    said = said.format(p=path, q=shlex.quote(str(path)))
    for command, flag in ((["validate", path], ""), (["build", "--data", path, "--out", tmp_path / "situs"], "--data ")):
        status, out, err = run(*command)
        assert (status, out, err[-1:]) == (2, [], [f"kinerja: kesalahan penggunaan: {flag}{said}"]), (command, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    if head is not None:
        assert [p.line() for p in open_package(path)[1]] == [f"{path}:1:1: {said}"]


def test_a_named_pipe_in_place_of_a_table_is_refused_by_build_as_by_validate(pkg, tmp_path, run):
    """`validate` said "bukan berkas" for a pipe in place of node.csv, but `build` waited forever: the
    validation cache hashed node.csv, which other tables point at, before anything checked what it was. Run
    in a child process with a time limit, so a hang fails this test instead of the run."""
    import subprocess

    (pkg / "data" / "node.csv").unlink()
    os.mkfifo(pkg / "data" / "node.csv")
    line = f"{pkg}/data/node.csv:1:1: bukan berkas (mungkin folder); yang diharapkan berkas CSV"
    status, out, _ = run("validate", pkg)
    assert status == 1 and out[0] == line, out
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(pkg), "--out", str(tmp_path / "situs")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "KINERJA_SIMPANAN"})
    assert done.returncode == 1 and line in done.stderr.splitlines(), done.stderr
    assert not (tmp_path / "situs").exists()


def test_the_data_folder_given_for_the_package_names_the_package_above(pkg, run):
    status, out, _ = run("validate", pkg / "data")
    assert status == 1 and out[0] == (f"{pkg}/data/datapackage.json:1:1: berkas datapackage.json tidak ditemukan; "
                                      "yang diharapkan: folder paket data berisi datapackage.json (folder "
                                      f"'{pkg.absolute()}' di atasnya memuatnya: berikan folder itu)"), out


def test_a_loop_of_parents_is_reported_once_where_it_closes(pkg, run):
    """The tujuan placed under one of its own sasaran: one error, at the row where the walk comes back."""
    edit_csv(pkg / "data" / "node.csv", "t-1,tujuan,,", "t-1,tujuan,s-1-1-1,")
    status, out, _ = run("validate", pkg)
    loops = [line for line in out if "berputar" in line]
    assert status == 1 and loops == [f"{pkg}/data/node.csv:2:3: rujukan induk berputar: t-1 → s-1-1-1 → t-1; induk "
                                     "tidak boleh menunjuk ke turunannya sendiri"], loops


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=40).map(lambda ps: {f"n{i}": f"n{p}" for i, p in enumerate(ps)}))
def test_every_loop_of_parents_is_found_once(parent_of):
    """Against the definition: a row is in a loop when walking up from it comes back to it; each loop is
    reported once, at a row of it, naming its rows in order. (Parents beyond the rows, n12 say, end a walk.)"""
    import pandas as pd

    from generator.load import ROW
    from generator.validate.rules import _cycles

    ids = list(parent_of)
    frame = pd.DataFrame({"id": ids, "induk": [parent_of[i] for i in ids], ROW: range(2, len(ids) + 2)})

    def up(node: str, steps: int) -> str | None:
        for _ in range(steps):
            node = parent_of.get(node)
            if node is None:
                return None
        return node

    in_loop = {n for n in ids if any(up(n, k) == n for k in range(1, len(ids) + 1))}
    found = []
    for issue in _cycles("node", frame, "induk"):
        names = issue.message.removeprefix("rujukan induk berputar: ").split("; ")[0].split(" → ")
        assert names[0] == names[-1] and all(parent_of[a] == b for a, b in zip(names, names[1:]))
        assert issue.row == ids.index(names[0]) + 2 and issue.column == "induk"
        found.append(frozenset(names))
    assert len(found) == len(set(found)) and set().union(*found) == in_loop


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 12)), min_size=1, max_size=40)
       .map(lambda ps: {f"n{i}": (None if p is None else f"n{p}") for i, p in enumerate(ps)}))
def test_every_row_has_its_depth_in_its_tree(parent_of):
    """Against the definition: a row without a parent among the rows is at level 1, any other one level
    below its parent; a row on a loop of parents, or leading into one, has no level (the loop is its error)."""
    import pandas as pd

    from generator.load import ROW
    from generator.validate.rules import _depths

    ids = list(parent_of)
    frame = pd.DataFrame({"id": ids, "induk": [parent_of[i] or "" for i in ids], ROW: range(2, len(ids) + 2)})

    def level(node: str) -> int | None:
        steps, seen = 1, {node}
        while parent_of.get(node) in parent_of:
            node = parent_of[node]
            if node in seen:
                return None
            seen.add(node)
            steps += 1
        return steps

    assert _depths(frame, "induk") == {n: level(n) for n in ids if level(n) is not None}


@pytest.mark.parametrize("name", [[], {}, 5, None, ["target"]], ids=["daftar", "objek", "angka", "null", "daftar-nama"])
def test_a_resource_name_that_is_no_text_is_refused_at_its_line(pkg, run, name):
    """A resource whose name is a list was an internal error (TypeError in contract.missing_required, found by
    the descriptor fuzz): the required-resource check put every name in a set."""
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    at = next(n for n, r in enumerate(desc["resources"]) if r["name"] == "target")
    desc["resources"][at]["name"] = name
    (pkg / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
    status, out, err = run("validate", pkg)
    text = "\n".join(out + err)
    assert status == 1 and "kesalahan internal" not in text, text
    assert re.search(rf'datapackage\.json:[0-9]+:[0-9]+: resource ke-{at + 1}: setiap resource wajib memiliki "name" '
                     "berupa teks", text), text


def test_a_table_file_the_descriptor_does_not_list_is_said_not_read(pkg, run):
    """The yearly cycle asks an operator to fill `data/realisasi_triwulan.csv`; the default package does not
    list that table, and a file created beside the others was never read: "Paket data sah" and a site
    without the figures entered. Every CSV in data/ that datapackage.json does not list is now a warning
    at the file, with the entry to add for a table the portal knows; the package stays valid."""
    from generator import contract

    listed = {r["name"] for r in json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    known = [name for name in contract.RESOURCES if name not in listed]
    assert "realisasi_triwulan" in known
    for name in known:
        (pkg / "data" / f"{name}.csv").write_text("id\n", encoding="utf-8")
    (pkg / "data" / "catatan saya.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    status, out, _ = run("validate", pkg)
    assert status == 0
    said = {line.split(":", 1)[0].rsplit("/", 1)[-1]: line for line in out if "tidak dibaca" in line}
    assert set(said) == {f"{name}.csv" for name in known} | {"catatan saya.csv"}
    for name in known:
        assert said[f"{name}.csv"].endswith(
            f': peringatan: tabel "{name}" ini tidak dibaca karena datapackage.json tidak menyebutnya: jalankan '
            f"kinerja tabel {pkg} {name} (berkas ini dipakai apa adanya, skemanya disalin dan datapackage.json "
            "diperbarui)")
        assert f"data/{name}.csv:1:1:" in said[f"{name}.csv"]
    assert "bukan tabel yang dikenal portal" in said["catatan saya.csv"]
    assert out[-1].startswith("Paket data sah, dengan ")


def test_a_package_dated_before_the_report_it_cites_is_warned_at_created(pkg, run):
    """After the yearly cycle's step 4 a package cited "LKjIP 2026, dokumen bertanggal 12 Februari 2027" and
    said on every page that its data was updated in November 2026: `created` was never moved on. Said at
    the key, as a warning; the package's own date (21 November 2026) is after its report's (13 Februari
    2026), so the default package says nothing."""
    status, out, _ = run("validate", pkg)
    assert status == 0 and not [line for line in out if '("created")' in line]
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["created"] = "2026-02-10T00:00:00Z"
    text = json.dumps(descriptor, ensure_ascii=False, indent=2)
    (pkg / "datapackage.json").write_text(text, encoding="utf-8")
    status, out, _ = run("validate", pkg)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith('"created"'))
    said = [row for row in out if '("created")' in row]
    assert status == 0 and len(said) == 1
    assert said[0].startswith(f"{pkg / 'datapackage.json'}:{line}:")
    assert said[0].endswith(': peringatan: paket data bertanggal 10 Februari 2026 ("created"), lebih awal dari laporan '
                            '"lkjip-2025" bertanggal 13 Februari 2026: setiap halaman akan menyebut data diperbarui '
                            'sebelum laporan yang dikutipnya terbit. Isi "created" dengan waktu data ini disiapkan')


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.integers(1, 400))
def test_a_running_year_package_dated_before_a_document_it_holds_is_warned_at_created(tmp_path_factory, run, days):
    """A running year (`dokumen_laporan` null) whose `created` stayed at the 1 January `kinerja baru` wrote,
    while the LKjIP of the year before (dated in February) was entered: every page said "diperbarui 1 Januari"
    above figures up to TW II, and only the PPID dates were checked. The latest document dated after the
    package's date is named, however many days after."""
    import datetime as dt

    pkg = tmp_path_factory.mktemp("tanggal") / "pkg"
    shutil.copytree(DEFAULT, pkg)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["kinerja"]["dokumen_laporan"] = None
    report = dt.date(2026, 2, 13)  # lkjip-2025, the latest dated document of the default package
    day = report - dt.timedelta(days=days)
    descriptor["created"] = f"{day.isoformat()}T00:00:00Z"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    status, out, _ = run("validate", pkg)
    said = [row for row in out if '("created")' in row]
    assert len(said) == 1, out
    assert f'paket data bertanggal {fmt.tanggal(day)} ("created"), lebih awal dari dokumen "lkjip-2025" bertanggal ' \
           "13 Februari 2026: setiap halaman akan menyebut data diperbarui sebelum dokumen yang dimuatnya terbit" in said[0]


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_line_without_realisasi_above_lines_that_have_theirs_is_named(data):
    """The LKjIP's total (or any line) left without realisasi while every line under it gives its own: the
    Anggaran page said the realisasi was unknown and its chart gave the parts' sum, without a word to the
    operator. Each such line is now a warning at its realisasi cell, with the parts' sum; a line whose parts
    lack one too, or a plan's line (its realisasi is never read), is not."""
    from generator.domain.tree import line_children

    t = default_tables()
    ang = t["anggaran"].copy().astype(object)
    lkjip = [i for i, d in zip(ang.index, ang["dokumen"]) if d == "lkjip-2025"]
    blank = data.draw(st.lists(st.sampled_from(lkjip), min_size=1, max_size=6, unique=True))
    for i in blank:
        ang.at[i, "realisasi"] = None
    found = [i for i in _budget_warnings(ang) if i.message.startswith("realisasi kosong, padahal")]
    parent_of = dict(zip(t["node"]["id"], t["node"]["induk"]))
    mine = ang.loc[lkjip]
    by_node = {r["node"]: r for r in mine.to_dict("records")}
    expected = sorted(by_node[p]["_baris"] for p, kids in line_children(parent_of, by_node).items()
                      if kids and by_node[p]["realisasi"] is None and all(by_node[k]["realisasi"] is not None for k in kids))
    assert sorted(i.row for i in found) == expected and all(i.column == "realisasi" for i in found)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_level_or_category_value_off_its_ordinal_scale_or_its_label_is_named(data):
    """A category (`kategori`) on an ordinal scale was never checked against it: 7 on a 1-5 scale was published
    as capaian 233,33, AA. And a label naming one class with the value of another ("Utama" typed beside 2)
    printed one class while the capaian was computed from the other. Both are errors at their cell, for
    targets and realisasi, with what was expected."""
    from generator.load import Tables
    from generator.validate import rules

    kind = data.draw(st.sampled_from(["level", "kategori"]))
    ind = default_tables()["indikator"].copy()
    ind.loc[ind["id"] == "pk-kematangan-keamanan", "jenis_target"] = kind  # on the ordinal scale level-kami, 1-5
    table = data.draw(st.sampled_from(["target", "realisasi"]))
    frame = default_tables()[table].copy()
    rows = frame.index[(frame["indikator"] == "pk-kematangan-keamanan") & frame["nilai"].notna()]
    at = data.draw(st.sampled_from(list(rows)))
    value = data.draw(st.one_of(st.integers(-3, 9).map(float),
                                st.decimals(min_value=-10, max_value=10, places=2, allow_nan=False).map(float)))
    label = data.draw(st.sampled_from(["Level I", "level iv", " V ", "Level 2", "-", None]))
    frame.at[at, "nilai"], frame.at[at, "label"] = value, label
    t = default_tables()
    tables = Tables({**t.frames, "indikator": ind, table: frame}, t.settings, t.descriptor)
    check = rules.targets if table == "target" else rules.realisations
    found = [i for i in check(tables) if i.row == frame.at[at, "_baris"]]
    named = {"level i": 1, "level iv": 4, "v": 5}.get(str(label).strip().casefold())
    if value not in {1, 2, 3, 4, 5}:
        assert [(i.column, i.level) for i in found] == [("nilai", "kesalahan")], found
        assert f'bukan level pada skala "level-kami"; yang diharapkan salah satu dari: 1, 2, 3, 4, 5' in found[0].message
    elif named is not None and named != value:
        assert [(i.column, i.level) for i in found] == [("label", "kesalahan")], found
        assert (f'label "{label.strip()}" adalah kelas bernilai {named} pada skala "level-kami", tetapi nilainya '
                f"{int(value)}; yang diharapkan") in found[0].message
    elif kind == "level" and label == "Level 2" and value != 2:  # another level in digits: a warning
        assert [(i.column, i.level) for i in found] == [("label", "peringatan")], found
    else:
        assert found == []


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_range_from_zero_is_a_target_a_negative_target_is_refused(data):
    """A range 0-2,3 (a fertility rate, a share of complaints) divides by nothing: inside it is met (100),
    above it is compared with 2,3. It was refused as "pembagian dengan nol". A negative target turns the
    ratio around (-15 against -10, better when lower, read as capaian 50, C): refused at its cell."""
    from generator.compute.capaian import capaian_values
    from generator.load import Tables
    from generator.validate import rules
    from generator.validate.rules_ranges import values_in_range

    assert list(capaian_values([0, 0, 0], [1.5, 4.6, 0], ["rendah_lebih_baik"] * 3, ["rentang"] * 3,
                               [2.3, 2.3, 2.3])) == [100.0, 0.0, 100.0]
    assert list(capaian_values([0], [3.45], ["rendah_lebih_baik"], ["rentang"], [2.3])) == [50.0]
    t = default_tables()
    kind = data.draw(st.sampled_from(["angka", "rentang"]))
    unit = data.draw(st.sampled_from(["persen", "indeks"]))  # persen has a floor of its own (kinerja.batas_satuan)
    ind = t["indikator"].copy()
    ind.loc[ind["id"] == "iku-kepuasan-informasi", ["jenis_target", "satuan", "skala"]] = [kind, unit, None]  # no scale's range
    target = t["target"].copy()
    mine = target["indikator"] == "iku-kepuasan-informasi"
    target.loc[mine, "batas_atas"] = target.loc[mine, "nilai"] + 10 if kind == "rentang" else float("nan")
    at = data.draw(st.sampled_from(list(target.index[mine])))
    value = data.draw(st.one_of(st.just(0.0), st.decimals(min_value=-100, max_value=99, places=2).map(float)))
    target.at[at, "nilai"] = value
    tables = Tables({**t.frames, "indikator": ind, "target": target}, t.settings, t.descriptor)
    found = [i for i in rules.targets(tables) + values_in_range(tables)
             if i.resource == "target" and i.row == target.at[at, "_baris"] and i.column == "nilai"]
    if value < 0 and unit == "persen":  # one line, the unit's
        assert len(found) == 1 and 'di bawah batas satuan "persen"' in found[0].message, found
    elif value < 0:
        assert len(found) == 1 and "negatif: rumus capaian membagi dengan target" in found[0].message, found
        assert "; yang diharapkan target 0 atau lebih" in found[0].message
    elif value == 0 and kind == "angka":
        assert len(found) == 1 and "pembagian dengan nol" in found[0].message, found
    else:
        assert found == [], found


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_label_printing_another_number_than_its_value_is_named(data):
    """A realisasi of 98,75 labelled "98,5%" (a value changed in the workbook, its label left as it was): pages
    printed "98,8%" with capaian 103,95 %, which 98,8 / 95 is not. A label whose number is the value rounded
    to the label's own decimals is fine ("98,8%" for 98,75; "1.234,5"; the report's own "91.00"; "-2,07%" for a
    growth of -2,07); any other is a warning at the label."""
    from decimal import Decimal

    from generator import fmt
    from generator.domain.values import round_half_up
    from generator.load import Tables
    from generator.validate import rules

    t = default_tables()
    table = data.draw(st.sampled_from(["target", "realisasi"]))
    frame = t[table].copy()
    numeric = set(t["indikator"].loc[t["indikator"]["jenis_target"] == "angka", "id"])
    rows = frame.index[frame["indikator"].isin(numeric) & frame["nilai"].notna()]
    at = data.draw(st.sampled_from(list(rows)))
    value = float(data.draw(st.decimals(min_value=1, max_value=99999, places=3))) * data.draw(st.sampled_from([1, -1]))
    places = data.draw(st.integers(0, 3))
    shift = data.draw(st.sampled_from([0, 0, 1, -1, 7]))  # in units of the label's last decimal
    printed = round_half_up(value, places) + Decimal(shift) / 10 ** places
    label = fmt.angka(printed, places) + data.draw(st.sampled_from(["", "%", " orang"]))
    frame.at[at, "nilai"], frame.at[at, "label"] = value, label
    check = rules.targets if table == "target" else rules.realisations
    found = [i for i in check(Tables({**t.frames, table: frame}, t.settings, t.descriptor))
             if i.row == frame.at[at, "_baris"] and i.column == "label"]
    if shift == 0:
        assert found == [], found
    else:
        assert [i.level for i in found] == ["peringatan"], found
        assert f'label "{label}" mencetak angka lain dari nilainya ({fmt.angka(value, None)})' in found[0].message
        assert "; yang diharapkan label yang mencetak nilai itu" in found[0].message


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_quarterly_values_hold_to_the_scale_and_label_rules(data):
    """A quarter's realisasi of 7 on a 1-5 level scale, or a Rencana Aksi quarter labelled "12" beside 15,
    passed: the scale and label rules ran on the year's rows only, while the quarterly pages print the
    quarters' labels too."""
    from generator.load import Tables
    from generator.validate import rules

    t = default_tables()
    table = data.draw(st.sampled_from(["target_triwulan", "realisasi_triwulan"]))
    frame = t[table].copy()
    if frame.empty:  # the default package reports no quarter yet: the plan's rows, as if reported
        frame = t["target_triwulan"][list(frame.columns.drop(["status"]))].assign(status="final")
    at = data.draw(st.sampled_from(list(frame.index)))
    chosen = frame.at[at, "indikator"]
    ind = t["indikator"].copy()
    level = data.draw(st.booleans())
    if level:
        ind.loc[ind["id"] == chosen, ["jenis_target", "skala"]] = ["level", "level-kami"]
        frame.at[at, "nilai"], frame.at[at, "label"] = 7.0, "7"
    else:
        ind.loc[ind["id"] == chosen, "jenis_target"] = "angka"
        frame.at[at, "nilai"], frame.at[at, "label"] = 15.0, "12"
    tables = Tables({**t.frames, "indikator": ind, table: frame}, t.settings, t.descriptor)
    found = [i for i in rules.quarterly_values(tables) if i.resource == table and i.row == frame.at[at, "_baris"]]
    if level:
        assert [(i.column, i.level) for i in found] == [("nilai", "kesalahan")], found
        assert 'bukan level pada skala "level-kami"' in found[0].message
    else:
        assert [(i.column, i.level) for i in found] == [("label", "peringatan")], found
        assert 'label "12" mencetak angka lain dari nilainya (15)' in found[0].message


def test_a_rencana_aksi_quarter_planning_0_for_a_level_indicator_is_nothing_due():
    """A Rencana Aksi that plans Level 2 for TW IV writes 0 (nothing due) for TW I-III: not a level on the
    scale, and not an error; a quarter's realisasi of 0 on that scale still is one."""
    from generator.load import Tables
    from generator.validate import rules

    t = default_tables()
    plan = t["target_triwulan"].copy()
    at = plan.index[0]
    ind = t["indikator"].copy()
    ind.loc[ind["id"] == plan.at[at, "indikator"], ["jenis_target", "skala"]] = ["level", "level-kami"]
    plan.at[at, "nilai"], plan.at[at, "label"] = 0.0, "0"
    reported = plan[list(t["realisasi_triwulan"].columns.drop(["status"]))].assign(status="final")
    found = rules.quarterly_values(Tables({**t.frames, "indikator": ind, "target_triwulan": plan,
                                           "realisasi_triwulan": reported}, t.settings, t.descriptor))
    at_row = [(i.resource, i.column) for i in found if i.row == plan.at[at, "_baris"]]
    assert at_row == [("realisasi_triwulan", "nilai")], found


@settings(max_examples=40, deadline=None)
@given(name=st.text(st.sampled_from("RealisasiKnj _-.2é"), min_size=1, max_size=24).filter(
    lambda n: n.strip() and n not in RESOURCES))
def test_a_standard_table_listed_under_another_name_is_refused_with_the_name_to_write(tmp_path_factory, name):
    """`data/realisasi.csv` listed as "Realisasi Kinerja" was read by no page: the package was "sah" and the
    portal said only that it had no realisasi. Now one error at that name, with the name to write back."""
    from generator.load import open_package

    folder = tmp_path_factory.mktemp("nama")
    shutil.copytree(DEFAULT / "schemas", folder / "schemas")  # a link would point outside the package: refused
    descriptor = json.loads((DEFAULT / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "realisasi":
            resource["name"] = name
    text = json.dumps(descriptor, ensure_ascii=False, indent=2)
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    spec, problems = open_package(folder)
    line, column = line_and_column(text, text.index(f'"name": {json.dumps(name, ensure_ascii=False)}'))
    assert spec is None and [(p.row, p.column, p.message, p.level) for p in problems if p.level == "kesalahan"] == [
        (line, column, f'resource "{name}" menunjuk berkas tabel "realisasi" (realisasi.csv), tetapi bernama lain, '
                       'sehingga portal tidak membacanya sebagai tabel itu; yang diharapkan "name": "realisasi"',
         "kesalahan")]


def test_a_table_of_the_agencys_own_is_said_to_be_read_by_no_page(pkg, run):
    """A table the standard does not know (an agency's own, or a typo of a known name) is published by no page:
    a warning at its name, with the closest known table the package does not list."""
    descriptor = pkg / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8").replace('"name": "pegawai"', '"name": "pegawai_tambahan"')
    text = text.replace('"path": "data/pegawai.csv"', '"path": "data/pegawai_tambahan.csv"')
    descriptor.write_text(text, encoding="utf-8")
    (pkg / "data" / "pegawai.csv").rename(pkg / "data" / "pegawai_tambahan.csv")
    status, out, _ = run("validate", pkg)
    line, column = line_and_column(text, text.index('"name": "pegawai_tambahan"'))
    assert status == 0 and f'{at(descriptor, line, column)}peringatan: resource "pegawai_tambahan" bukan tabel yang ' \
        'dikenal portal dan tidak dipakai halaman mana pun; mungkin maksudnya "pegawai"?' in out, out


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(["A-Z", "a-z", "0-9", ".", "_", "-", "/"]), min_size=1, max_size=5, unique=True),
       repeat=st.sampled_from(["+", "*"]))
def test_a_simple_pattern_is_said_in_words(pieces, repeat):
    """A schema pattern of one repeated character class is named to the operator in words; the regular
    expression itself ("^[A-Za-z0-9.]+$") was the message."""
    from generator.validate.cells import pattern_words

    words = {"A-Z": "huruf besar", "a-z": "huruf kecil", "0-9": "angka", ".": "titik", "_": "garis bawah",
             "-": "tanda hubung", "/": "garis miring"}
    # a "-" between two other characters would make a range: kept last, as a schema writes it
    pieces = [p for p in pieces if p != "-"] + (["-"] if "-" in pieces else [])
    names = []
    for p in pieces:  # both cases side by side are letters, as a schema writes A-Za-z
        names.append(words[p])
        if names[-2:] in (["huruf besar", "huruf kecil"], ["huruf kecil", "huruf besar"]):
            names[-2:] = ["huruf"]
    said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    assert pattern_words(f"^[{''.join(pieces)}]{repeat}$") == said
    assert pattern_words(f"^[{''.join(pieces)}]{{2}}$") is None  # anything else is quoted as it is


def test_a_report_number_with_a_dash_is_refused_in_words(pkg, run):
    edit_csv(pkg / "data" / "node.csv", "s-1-1-2,sasaran,t-1,1.1.2,", "s-1-1-2,sasaran,t-1,SS-2,")
    status, out, _ = run("validate", pkg)
    assert status == 1
    assert any(line.endswith('kolom "nomor": nilai "SS-2" tidak sah; yang diharapkan hanya huruf, angka dan titik, '
                             "tanpa spasi atau tanda lain") for line in out), out


@settings(max_examples=40, deadline=None)
@given(level=st.integers(1, 5), written=st.integers(1, 5), word=st.sampled_from(["Level {}", "level {}", "Tingkat {} (BSSN)"]))
def test_a_level_label_written_in_digits_names_the_value_of_its_row(level, written, word):
    """Indeks KAMI (scale level-kami, classes "Level I" … "Level V", values 1-5): a realisasi of 2 labelled
    "Level 4" was valid and the page printed "Level 4" beside a capaian computed from 2. A label writing another
    level of the scale in digits is now a warning at the label; "Level IV" (a class name) was already an error."""
    from generator.load import Tables
    from generator.validate import rules

    t = default_tables()
    real = t["realisasi"].copy()
    row = real.index[(real["indikator"] == "iku-kesiapan-keamanan") & (real["tahun"] == 2025)][0]
    real.at[row, "nilai"] = float(level)
    real.at[row, "label"] = word.format(written)
    found = [i for i in rules.realisations(Tables({**t.frames, "realisasi": real}, t.settings, t.descriptor))
             if i.column == "label"]
    if written == level:
        assert found == []
    else:
        assert [(i.row, i.level) for i in found] == [(real.at[row, "_baris"], "peringatan")]
        assert f'menyebut level {written} pada skala "level-kami", tetapi nilainya {level}' in found[0].message


_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       form=st.sampled_from(["{d}/{m}/{y}", "{m}/{d}/{y}", "{d:02}-{m:02}-{y}", "{d}.{m}.{y}", "{y}-{m}-{d}",
                             "{d} {bulan} {y}", "{d} {singkat}. {y}", "{d} {bulan_kecil} {y}"]))
def test_a_date_typed_the_way_people_write_it_is_named_with_the_form_to_write(tmp_path_factory, run, day, form):
    """A date cell typed as "13 Februari 2026" or "2026-2-3" was only "bukan tanggal"; typed "13/02/2026" it
    already got the ISO form to write. Every way the import reads (domain.dates.written_date) now gets it.
    Digits between slashes are also how Excel with American settings writes a date, month first: "1/6/2026"
    was always told as 2026-06-01, which is 6 Januari to that Excel. Both readings are named where both are
    dates, in that order; "6/13/2026" can only be 13 Juni."""

    folder = tmp_path_factory.mktemp("tanggal") / "pkg"
    shutil.copytree(DEFAULT, folder)
    bulan = _MONTHS[day.month - 1]
    typed = form.format(d=day.day, m=day.month, y=day.year, bulan=bulan, singkat=bulan[:3], bulan_kecil=bulan.lower())
    edit_csv(folder / "data" / "dokumen.csv", "2025,2025,2025,\"Partono, S.Pd (Pt. Kepala Dinas)\",,2026-02-13,",
             f"2025,2025,2025,\"Partono, S.Pd (Pt. Kepala Dinas)\",,{typed},")
    status, out, _ = run("validate", folder)
    lines = [line for line in out if line.startswith(f"{folder / 'data' / 'dokumen.csv'}:18:9: ")]
    if typed == day.isoformat():  # already the form to write (2026-12-13)
        assert lines == []
    else:
        readings = [day]
        if "/" in typed:
            a, b, y = (int(part) for part in typed.split("/"))
            readings = []
            for d, m in ((a, b), (b, a)):
                with contextlib.suppress(ValueError):
                    if (reading := dt.date(y, m, d)) not in readings:
                        readings.append(reading)
        assert day in readings
        assert status == 1 and len(lines) == 1, lines
        if len(readings) == 1:
            assert f"; tulis {day.isoformat()} (" in lines[0], lines
        else:
            first, second = readings
            assert (f"; {typed} dapat berarti {fmt.tanggal(first)} (tulis {first.isoformat()}) atau, bila Excel "
                    f"berpengaturan Amerika yang menulisnya, {fmt.tanggal(second)} (tulis {second.isoformat()}); "
                    "tulis tanggal yang dimaksud (") in lines[0], lines
        # Excel writes a typed date back in its own form on every save: the line says how to keep it
        assert lines[0].endswith("format kolomnya sebagai Teks dulu, atau mulai sel dengan ')"), lines


@pytest.mark.parametrize("typed", ["01-Jul-25", "45839", "1 Jul"])
def test_a_date_excel_rewrote_in_a_file_of_semicolons_says_how_to_keep_it(tmp_path, run, typed):
    """Indonesian Excel writes a date cell back in its own form (01-Jul-25, or the day's serial number) each time
    it saves the CSV: the line for a date it cannot read says how to make Excel keep the typed form."""
    folder = tmp_path / "pkg"
    shutil.copytree(DEFAULT, folder)
    path = folder / "data" / "survei.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index("periode_mulai")
    rows[2][col] = typed
    rows = [rows[0]] + [[cell.replace(".", ",") if re.fullmatch(r"-?[0-9]+\.[0-9]+", cell) else cell for cell in row]
                        for row in rows[1:]]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    status, lines, _ = run("validate", folder)
    found = [line for line in lines if line.startswith(f"{path}:3:{col + 1}: ")]
    assert status == 1 and len(found) == 1, lines
    assert "format kolomnya sebagai Teks" in found[0] and "TTTT-BB-HH" in found[0], found
