"""Operators' own spreadsheets: the package as an .xlsx workbook and back (`kinerja templat`, `kinerja
impor`), every published table in the Indonesian Excel style and as .xlsx, and `kinerja baru`."""
from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import math
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import parse_decimal
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from conftest import DATAPACKAGE, EXAMPLE, tree_hashes

from generator import workbook, xlsx
from generator.commands import main as main_command
from generator.load import open_package
from generator.render import open_data, unduhan


def _fill_from_csv(book: Path, package: Path, out: Path) -> None:
    """An empty template filled in the way an operator types: numbers as numbers, dates as dates, text."""
    pkg, _ = open_package(package)
    wb = load_workbook(book)
    for name, spec in pkg.resources.items():
        ws = wb[name]
        table = workbook.CsvFile.read(spec)
        header = [c.value for c in ws[1]]
        position = {h: i for i, h in enumerate(table.header)}
        fields = {f["name"]: f for f in spec.fields}
        for r, record in enumerate(table.records, start=2):
            for c, column in enumerate(header, start=1):
                ws.cell(row=r, column=c).value = workbook.to_cell(record[position[column]], fields[column],
                                                                  set(spec.schema.get("missingValues", [""])))
    wb.save(out)


@pytest.mark.parametrize("source", [DATAPACKAGE, EXAMPLE], ids=["bawaan", "contoh"])
def test_template_filled_and_imported_reproduces_the_package_byte_for_byte(tmp_path, run, source):
    package = tmp_path / "paket"
    shutil.copytree(source, package)
    before = tree_hashes(package)
    # the workbook with the package's rows, imported unchanged
    assert run("templat", package, "--out", tmp_path / "isi.xlsx")[0] == 0
    status, _, err = run("impor", tmp_path / "isi.xlsx", "--data", package)
    assert status == 0 and err[-1] == "Tidak ada perubahan: isi buku kerja sama dengan berkas CSV paket."
    # an empty workbook, filled with the package's values as typed, imported
    assert run("templat", package, "--out", tmp_path / "kosong.xlsx", "--kosong")[0] == 0
    _fill_from_csv(tmp_path / "kosong.xlsx", package, tmp_path / "terisi.xlsx")
    status, _, err = run("impor", tmp_path / "terisi.xlsx", "--data", package)
    assert status == 0, err
    assert tree_hashes(package) == before


def test_a_filled_workbook_is_not_replaced_by_a_new_template_unless_asked(tmp_path, run):
    """An operator who runs `kinerja templat --out isi.xlsx` again, by habit, keeps what they typed into isi.xlsx."""
    book = tmp_path / "isi.xlsx"
    assert run("templat", DATAPACKAGE, "--out", book)[0] == 0
    wb = load_workbook(book)
    wb["realisasi"]["C2"].value = 12345
    wb.save(book)
    filled = book.read_bytes()
    status, _, err = run("templat", DATAPACKAGE, "--out", book)
    assert status == 2 and "sudah ada (mungkin sudah diisi)" in err[-1] and "--timpa" in err[-1]
    assert book.read_bytes() == filled
    assert run("templat", DATAPACKAGE, "--out", book, "--timpa")[0] == 0
    assert load_workbook(book)["realisasi"]["C2"].value != 12345 and not list(tmp_path.glob("*.sementara"))


def test_a_text_longer_than_an_excel_cell_stops_the_template(tmp_path, run):
    """Excel keeps 32.767 letters of a cell: the workbook of a package with a longer text came back from
    `impor` shortened (an unedited workbook "changed" two rows in every table with one). `templat` names
    each such cell and writes no workbook."""
    pkg = tmp_path / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    path = pkg / "data" / "unit_kerja.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[2][1] = "Unit " * 7_000
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    status, _, err = run("templat", pkg, "--out", tmp_path / "isi.xlsx")
    assert status == 1 and err[0] == (f"{pkg}/data/unit_kerja.csv:3:2: sel berisi 35.000 huruf; buku kerja Excel hanya "
                                      "memuat 32.767 huruf per sel, sehingga sisanya akan hilang saat diimpor kembali; "
                                      "persingkat teks itu di CSV, atau ubah tabel ini langsung di CSV"), err
    assert not (tmp_path / "isi.xlsx").exists()


def test_template_is_the_same_bytes_for_the_same_data(tmp_path, run):
    for name in ("a.xlsx", "b.xlsx"):
        assert run("templat", DATAPACKAGE, "--out", tmp_path / name)[0] == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames[0] == "Petunjuk" and "realisasi" in wb.sheetnames and "target_triwulan" in wb.sheetnames
    ws = wb["realisasi"]
    assert [c.value for c in ws[1]] == ["indikator", "tahun", "nilai", "label", "status", "sumber", "catatan"]
    assert ws["C3"].value == 88.19 and ws["D3"].value == "88,19%" and ws["B3"].value == 2025
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["E2:E2000"] == '"final,sementara,dibawa,tidak_ada"'
    assert lists["A2:A2000"] == "='indikator'!$A$2:$A$2000"
    assert wb["anggaran"]["D2"].value == 9079049540 and wb["anggaran"]["D2"].number_format == "#,##0.00"
    assert wb["node"]["D3"].value == "1.1.1" and wb["node"]["D3"].data_type == "s"  # text that looks like a number


def test_an_edit_changes_only_its_line_in_the_files_own_style(tmp_path, run, pkg):
    assert run("templat", pkg, "--out", tmp_path / "isi.xlsx")[0] == 0
    wb = load_workbook(tmp_path / "isi.xlsx")
    wb["realisasi"]["C3"].value = 88.5
    wb["anggaran"]["E2"].value = 8357182306.25
    wb["realisasi"].append(["iku-kepuasan-informasi", 2023, None, None, "tidak_ada", "Uji impor", None])
    wb.save(tmp_path / "isi.xlsx")
    before = {p: p.read_bytes() for p in (pkg / "data").glob("*.csv")}
    status, _, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg)
    assert status == 0, err
    assert f"{pkg / 'data' / 'realisasi.csv'}: 1 baris diubah, 1 baris baru, 0 baris dihapus" in err
    changed = {p.name for p, data in before.items() if p.read_bytes() != data}
    assert changed == {"realisasi.csv", "anggaran.csv"}
    old, new = before[pkg / "data" / "realisasi.csv"].decode().splitlines(), (pkg / "data" / "realisasi.csv").read_text().splitlines()
    assert [n for o, n in zip(old, new) if o != n] == [
        'iku-kepuasan-informasi,2025,88.5,"88,19%",final,LKjIP 2025 Tabel 3.3; Tabel 3.5,'
        '"Survei elektronik 1 Juli - 31 Oktober 2025, mutu layanan Baik"']
    assert new[-1] == "iku-kepuasan-informasi,2023,,,tidak_ada,Uji impor," and len(new) == len(old) + 1
    line = (pkg / "data" / "anggaran.csv").read_text().splitlines()[1]
    assert line == ("t-1;lkjip-2025;Jumlah (seluruh sasaran strategis);9.079.049.540,00;8.357.182.306,25;92,05;"
                    "LKjIP 2025 Tabel 3.17 baris jumlah dan Bab III 3.4")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_workbook_older_than_its_csv_never_undoes_the_csv(tmp_path_factory, run, filled_book, data):
    """A colleague edits a CSV (or `git pull` brings an edit) between `templat` and `impor`: the workbook still
    holds the table as it was, and importing it would quietly restore the old rows. `impor` refuses (exit 1,
    one line per such table, every file as it was), also after the workbook was saved again by a spreadsheet
    (openpyxl here, as Excel would: the fingerprints are defined names, which Excel and LibreOffice keep); with
    `--timpa` the workbook wins; a table whose CSV is unchanged imports as before."""
    package = tmp_path_factory.mktemp("basi") / "p"
    shutil.copytree(DATAPACKAGE, package)
    names = sorted(p.stem for p in (package / "data").glob("*.csv"))
    edited = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    typed = data.draw(st.booleans())  # the operator also typed a value into the realisasi sheet
    wb = load_workbook(filled_book)
    if typed:
        wb["realisasi"]["C3"].value = 88.5
    book = package.parent / "isi.xlsx"
    wb.save(book)
    for name in edited:  # a row added at the end of the CSV, as a colleague would
        path = package / "data" / f"{name}.csv"
        path.write_bytes(path.read_bytes() + path.read_bytes().splitlines(keepends=True)[-1])
    before = tree_hashes(package)
    status, _, err = run("impor", book, "--data", package)
    changing = {n for n in edited} | ({"realisasi"} if typed else set())
    refused = sorted(n for n in edited if n in changing)
    assert status == 1 and tree_hashes(package) == before, err
    assert sorted(line.split(":", 1)[0] for line in err[:-1]) == [str(package / "data" / f"{n}.csv") for n in refused], err
    assert all(": berkas ini diubah sesudah buku kerja isi.xlsx dibuat; " in line for line in err[:-1])
    assert err[-1] == f"Tidak ada berkas yang diubah: {len(refused)} tabel berubah sesudah buku kerja dibuat."
    status, _, err = run("impor", book, "--data", package, "--timpa", "--periksa")
    assert tree_hashes(package) == before and not any("diubah sesudah buku kerja" in line for line in err), err


def test_the_printed_next_step_runs_as_printed_for_a_path_with_spaces(tmp_path, run):
    """"Setelah diisi: kinerja impor ..." is pasted into a shell as it is: a folder or workbook named with
    spaces and brackets (as Windows and browsers name them) is quoted, there and on the guide sheet."""
    import shlex

    folder = tmp_path / "Data Dinas (2026)"
    shutil.copytree(DATAPACKAGE, folder)
    book = tmp_path / "Isian Kinerja (final).xlsx"
    status, _, err = run("templat", folder, "--out", book)
    assert status == 0
    command = err[0].split("Setelah diisi: ", 1)[1]
    assert shlex.split(command) == ["kinerja", "impor", str(book), "--data", str(folder)]
    guide = [c.value for row in load_workbook(book)["Petunjuk"].iter_rows() for c in row if isinstance(c.value, str)]
    step = next(v for v in guide if v.startswith("3. Jalankan: "))
    assert shlex.split(step.removeprefix("3. Jalankan: "))[-2:] == ["--data", str(folder)]


def test_a_workbook_edit_imports_when_only_other_csvs_changed(tmp_path, run, pkg):
    assert run("templat", pkg, "--out", tmp_path / "isi.xlsx")[0] == 0
    wb = load_workbook(tmp_path / "isi.xlsx")
    wb["realisasi"]["C3"].value = 88.5
    wb.save(tmp_path / "isi.xlsx")
    book = load_workbook(tmp_path / "isi.xlsx")  # LibreOffice and Excel keep a workbook's defined names
    assert book.defined_names["kinerja_csv_realisasi"].attr_text == \
        f'"{workbook.snapshot((pkg / "data" / "realisasi.csv").read_bytes())}"'
    status, _, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg)
    assert status == 0 and f"{pkg / 'data' / 'realisasi.csv'}: 1 baris diubah, 0 baris baru, 0 baris dihapus" in err, err


def test_import_problems_are_located_in_the_workbook_and_nothing_is_written(tmp_path, run, pkg):
    assert run("templat", pkg, "--out", tmp_path / "isi.xlsx")[0] == 0
    wb = load_workbook(tmp_path / "isi.xlsx")
    wb["realisasi"]["C3"].value = "delapan puluh"
    wb["realisasi"]["E4"].value = "selesai"
    wb["target"]["B5"].value = 2025.5
    wb.save(tmp_path / "isi.xlsx")
    before = tree_hashes(pkg)
    status, _, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg)
    assert status == 1
    assert 'isi.xlsx!realisasi!C3: kolom "nilai": "delapan puluh" bukan angka; yang diharapkan angka yang diketik sebagai ' \
           "angka, misalnya 88,19 (pengaturan Indonesia) atau 88.19" in err
    assert 'isi.xlsx!target!B5: kolom "tahun": 2025.5 bukan bilangan bulat; yang diharapkan bilangan bulat' in err
    assert any(line.startswith("isi.xlsx!realisasi!E4: ") and '"selesai"' in line for line in err), err
    assert err[-1].startswith("Tidak ada berkas yang diubah: ")
    assert tree_hashes(pkg) == before


def _with_results(book: Path, results: dict[str, str]) -> None:
    """Give formulas their saved results, as Excel does on saving (openpyxl writes a formula without one)."""
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        for formula, value in results.items():
            data = data.replace(f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
            data = data.replace(f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
        parts[name] = data
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_is_read_by_its_saved_result_and_named_when_it_has_none(tmp_path, run, pkg):
    """A formula typed into a cell counts by the result Excel saved with it; one never calculated (saved by
    a program that does not calculate) is named at its cell. Nothing is written either way."""
    assert run("templat", pkg, "--out", tmp_path / "isi.xlsx")[0] == 0
    wb = load_workbook(tmp_path / "isi.xlsx")
    old = wb["realisasi"]["C3"].value
    wb["realisasi"]["C3"].value = "=80+8.5"
    wb.save(tmp_path / "isi.xlsx")
    before = tree_hashes(pkg)
    status, _, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg)
    assert status == 1 and "isi.xlsx!realisasi!C3: sel berisi rumus yang belum dihitung; buka berkas di Excel lalu " \
                          "simpan ulang, atau ketik nilainya" in err, err
    _with_results(tmp_path / "isi.xlsx", {"80+8.5": "88.5"})
    status, out, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg, "--periksa")
    # the value changed, its label "88,19%" did not: the pages would print one number and compute from another
    assert status == 0 and [line for line in err if "isi.xlsx!" in line] == [
        'isi.xlsx!realisasi!D3: peringatan: label "88,19%" mencetak angka lain dari nilainya (88,5): halaman mencetak '
        "label, capaian dihitung dari nilai; yang diharapkan label yang mencetak nilai itu, atau nilai yang tercetak di "
        "label"], err
    assert old != 88.5 and any(line.endswith("realisasi.csv: 1 baris diubah, 0 baris baru, 0 baris dihapus (belum "
                                              "ditulis: --periksa)") for line in out + err), (out, err)
    assert tree_hashes(pkg) == before


def test_import_refuses_what_is_not_a_workbook(tmp_path, run, pkg):
    (tmp_path / "bukan.xlsx").write_text("indikator,tahun\n", encoding="utf-8")
    before = tree_hashes(pkg)
    status, _, err = run("impor", tmp_path / "bukan.xlsx", "--data", pkg)
    assert status == 1 and err[0].startswith(f"{tmp_path / 'bukan.xlsx'}:1:1: bukan buku kerja Excel (.xlsx)")
    assert "(ini berkas teks, misalnya CSV: CSV tabel tidak perlu diimpor, taruh langsung di folder data/" in err[0]
    # what a spreadsheet saves when .xlsx was not chosen: said by what it is, with how to save it right
    (tmp_path / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with zipfile.ZipFile(tmp_path / "isi.ods", "w") as ods:
        ods.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", "<office:document-content/>")
    for name, said in (("lama.xls", "(ini buku kerja Excel 97-2003 (.xls): buka lalu Simpan Sebagai Buku Kerja Excel (.xlsx))"),
                       ("isi.ods", "(ini lembar kerja OpenDocument (.ods, LibreOffice): Simpan Sebagai Excel 2007-365 (.xlsx))")):
        status, _, err = run("impor", tmp_path / name, "--data", pkg)
        assert status == 1 and len(err) == 1 and said in err[0], err
    assert run("templat", pkg, "--out", tmp_path / "isi.csv")[0] == 2
    assert run("impor", tmp_path / "tidak-ada.xlsx", "--data", pkg)[0] == 2
    assert tree_hashes(pkg) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda v: round(v, 4)),
                       st.integers(-10**9, 10**9),
                       st.sampled_from(["88,19", "1.234.567,89", "88.19", "1,234.5", "Rp 9.000", "-", ""])))
def test_any_number_typed_reads_back_as_that_number(value):
    """A number cell, typed as a number or as text in either style, becomes CSV text that the column's own
    reading gives back as the same number (or an empty/no-data cell)."""
    pkg, _ = open_package(DATAPACKAGE)
    for name, column in (("realisasi", "nilai"), ("anggaran", "realisasi")):
        spec = pkg.resources[name]
        fld = next(f for f in spec.fields if f["name"] == column)
        problems = []
        text = workbook.from_cell(value, fld, spec, problems.append)
        if problems or text in ("", "-"):
            continue
        expected = Decimal(repr(value)) if isinstance(value, float) else Decimal(value) if isinstance(value, int) \
            else workbook._typed_text_number(value)
        if fld.get("x-rupiah"):
            expected = expected.quantize(Decimal("0.01"))
        assert workbook._number(text, fld) == expected, (value, text)


@settings(max_examples=150, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
       form=st.sampled_from(["{y}-{m}-{d}", "{y}-{m:02}-{d:02}", "{d}/{m}/{y}", "{d:02}-{m:02}-{y}", "{d}.{m}.{y}"]),
       spaces=st.sampled_from(["", " ", "\t"]), impossible=st.booleans())
def test_a_date_typed_as_text_in_either_order_reads_as_that_date(day, form, spaces, impossible):
    """A date column's cell typed as text (a cell formatted Teks): year first as ISO writes it, with or without
    the leading zeros (2026-2-3), or day first as Indonesians write it (3/2/2026), becomes that date in ISO
    form; a day the month does not have (30 February, month 13) is refused with the forms expected, never
    copied into the CSV."""
    pkg, _ = open_package(DATAPACKAGE)
    spec = pkg.resources["dokumen"]
    fld = next(f for f in spec.fields if f.get("type") == "date")
    y, m, d = (day.year, 13, day.day) if impossible and day.day <= 12 else \
        (day.year, day.month, 31 if impossible else day.day)
    problems = []
    text = workbook.from_cell(spaces + form.format(y=y, m=m, d=d) + spaces, fld, spec, problems.append)
    try:
        meant = dt.date(y, m, d)
    except ValueError:
        meant = None
    if meant is None:
        assert text is None and len(problems) == 1 and "bukan tanggal" in problems[0] and "2026-02-13" in problems[0]
    else:
        assert problems == [] and text == meant.isoformat()


_NOT_A_DIGIT = st.characters(blacklist_categories=("Nd", "Cs"), blacklist_characters="-")
_LETTERS = st.text(_NOT_A_DIGIT, min_size=1, max_size=20).filter(
    lambda s: s.strip() not in ("", "-") and not ILLEGAL_CHARACTERS_RE.search(s))
# what an operator can type into a cell that no column of that type can hold: the cell, and the bad values
BAD_CELLS = {
    ("target", "B5"): st.one_of(_LETTERS, st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: v != int(v)),
                                st.from_regex(r"\A[0-9]{4}[.,][0-9]{1,2}\Z"), st.from_regex(r"\A[٠-٩]{4}\Z")),
    ("realisasi", "C3"): st.one_of(_LETTERS, st.from_regex(r"\A[0-9]{1,3}[a-zA-Z]{1,3}\Z"),
                                   st.from_regex(r"\A[0-9]{1,2},[0-9]{3},[0-9]{2}\Z"), st.from_regex(r"\A[٠-٩]{2}\Z")),
    ("realisasi", "E4"): _LETTERS.filter(lambda s: s.strip() not in ("final", "sementara", "dibawa", "tidak_ada")),
    ("anggaran", "D2"): st.one_of(_LETTERS, st.from_regex(r"\ARp ?[0-9]{1,3}(\.[0-9]{3}){1,3},[0-9]{2}[a-z]\Z")),
}


@pytest.fixture(scope="module")
def filled_book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("buku")
    from generator.commands import main

    assert main(["templat", str(DATAPACKAGE), "--out", str(folder / "isi.xlsx")]) == 0
    return folder / "isi.xlsx"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_generated_bad_cell_is_located_and_nothing_is_written(tmp_path, run, pkg, filled_book, data):
    """Whatever is typed into a cell that its column cannot hold, the import names that cell of the workbook,
    one line per problem, exits 1 and leaves every file of the package as it was."""
    (sheet, cell) = data.draw(st.sampled_from(sorted(BAD_CELLS)))
    value = data.draw(BAD_CELLS[(sheet, cell)])
    wb = load_workbook(filled_book)
    wb[sheet][cell].value = value
    wb[sheet][cell].data_type = "s" if isinstance(value, str) else "n"  # text that starts with "=" stays text
    book = tmp_path / "isi.xlsx"
    wb.save(book)
    before = tree_hashes(pkg)
    status, out, err = run("impor", book, "--data", pkg)
    assert status == 1, (value, err)
    assert any(line.startswith(f"isi.xlsx!{sheet}!{cell}: ") for line in err), (value, err)
    # one line per problem, each located (in the workbook, or the package's own warnings at file:row:column)
    assert all(re.match(r"(isi\.xlsx![a-z_]+![A-Z]+[0-9]+|\S+:[0-9]+:[0-9]+): ", line) for line in err[:-1]), (value, err)
    assert err[-1].startswith("Tidak ada berkas yang diubah: ") and out == []
    assert tree_hashes(pkg) == before


# A cell an operator's spreadsheet may hold: empty, numbers, text (with what a number or a formula looks like),
# a formula Excel never calculated, yes/no, a date.
_CELLS = st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)),
                   st.text(alphabet="abcXYZ -.,0123456789", max_size=8),
                   st.sampled_from(["-", " 88,19 ", "2025", "true", "=1+1", "=A2*2", ""]), st.booleans(),
                   st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))


@settings(max_examples=25, deadline=None)
@given(sheets=st.lists(st.tuples(st.sampled_from(["realisasi", "target", "dokumen", "bukan_tabel"]),
                                 st.integers(0, 2),  # header cells left off at the end (a column deleted)
                                 st.dictionaries(st.integers(2, 30), st.lists(_CELLS, max_size=9), max_size=8)),
                       min_size=1, max_size=3, unique_by=lambda sheet: sheet[0]),
       wrong_size=st.booleans())
def test_a_streamed_workbook_reads_as_the_whole_workbook_does(tmp_path_factory, sheets, wrong_size):
    """`kinerja impor` streams the sheets (openpyxl's read-only mode); whatever the sheets hold (rows left
    out, cells beyond the header, formulas without results, a deleted column, a sheet that is no table)
    and whatever size the file claims for them, it reads what reading the whole workbook reads."""
    from openpyxl import Workbook

    pkg, _ = open_package(DATAPACKAGE)
    wb = Workbook()
    wb.remove(wb.active)
    for name, cut, rows in sheets:
        ws = wb.create_sheet(name)
        header = [f["name"] for f in pkg.resources[name].fields] if name in pkg.resources else ["a", "b"]
        for c, title in enumerate(header[:len(header) - cut], start=1):
            ws.cell(row=1, column=c).value = title
        for r, values in rows.items():
            for c, value in enumerate(values, start=1):
                ws.cell(row=r, column=c).value = value
    book = tmp_path_factory.mktemp("buku") / "isi.xlsx"
    wb.save(book)
    if wrong_size:  # what another program may write: a size smaller than the sheet
        with zipfile.ZipFile(book) as archive:
            parts = {n: archive.read(n) for n in archive.namelist()}
        with zipfile.ZipFile(book, "w") as archive:
            for n, data in parts.items():
                archive.writestr(n, re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data))
    streamed = workbook.read_workbook(book, pkg)
    whole = workbook.read_workbook(book, pkg, read_only=False)
    assert streamed == whole


_DAMAGE = st.one_of(
    st.tuples(st.just("potong"), st.floats(0, 1)),                      # the part cut short
    st.tuples(st.just("ganti"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),  # bytes overwritten
    st.tuples(st.just("sisip"), st.floats(0, 1), st.sampled_from(
        [b"<", b">", b'"', b"&", b"</row>", b'<c r="ZZZ1"><v>x</v></c>', b' r="0"', b' t="z"', b"<f>1+</f>"])),
    st.tuples(st.just("hapus")))                                        # the part left out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_workbook_gets_one_clear_line_and_nothing_is_written(tmp_path, run, pkg, filled_book, data):
    """Whatever part of the workbook is damaged (a sheet, the shared strings, the styles, the workbook's own
    list of sheets), the import reads it or says, in one line at the file, that it cannot: never the
    generator's "kesalahan internal", and no file of the package changes."""
    with zipfile.ZipFile(filled_book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    damage = data.draw(_DAMAGE)
    body = parts[name]
    at = int(damage[1] * len(body)) if len(damage) > 1 else 0
    if damage[0] == "potong":
        parts[name] = body[:at]
    elif damage[0] == "ganti":
        parts[name] = body[:at] + damage[2] + body[at + len(damage[2]):]
    elif damage[0] == "sisip":
        parts[name] = body[:at] + damage[2] + body[at:]
    else:
        del parts[name]
    book = tmp_path / "isi.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    before = tree_hashes(pkg)
    status, _, err = run("impor", book, "--data", pkg, "--periksa")
    assert status in (0, 1) and not any("kesalahan internal" in line for line in err), (name, damage, err)
    if status == 1:
        assert err[0].startswith((f"{book}:1:1: bukan buku kerja Excel (.xlsx) yang dapat dibaca (", "isi.xlsx!",
                                  f"{pkg}/")), (name, damage, err)
    assert tree_hashes(pkg) == before


# --- downloads that open in Excel --------------------------------------------------------------------

def test_indonesian_csv_parses_with_the_indonesian_locale_to_the_same_numbers(default_site):
    """The Excel-style downloads hold the canonical cells: numbers in the Indonesian format, a yes/no as ya or
    tidak (it was English true/false), a date in the workbook as a date cell (it was ISO text)."""
    booleans = dates = 0
    for name, spec in open_data.TABLES.items():
        canonical = (default_site.site / "data" / f"{name}.csv").read_text(encoding="utf-8")
        raw = (default_site.site / "data" / "excel" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        ours = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        theirs = list(csv.reader(io.StringIO(canonical)))
        assert ours[0] == theirs[0] == list(spec["columns"]) and len(ours) == len(theirs)
        kinds = [k for k, _p, _d in spec["columns"].values()]
        numbers = 0
        for mine, base in zip(ours[1:], theirs[1:]):
            for a, b, kind in zip(mine, base, kinds):
                if kind == "number" and b:
                    assert parse_decimal(a, locale="id_ID") == Decimal(b), (name, a, b)
                    numbers += 1
                elif kind == "boolean" and b:
                    assert a == {"true": "ya", "false": "tidak"}[b], (name, a, b)
                    booleans += 1
                else:
                    assert a == b
        assert name not in ("capaian", "anggaran") or numbers > 50
        book = load_workbook(default_site.site / "data" / "excel" / f"{name}.xlsx")
        for row, base in zip(list(book[name].iter_rows(values_only=True))[1:], theirs[1:]):
            for value, b, kind in zip(row, base, kinds):
                if kind == "date" and b:
                    assert isinstance(value, dt.datetime) and value.date().isoformat() == b, (name, value, b)
                    dates += 1
        notes = list(book["Keterangan kolom"].iter_rows(values_only=True))
        assert notes == [("Kolom", "Keterangan"), *((c, d) for c, (_k, _p, d) in spec["columns"].items())], name
    assert booleans > 100 and dates > 10, (booleans, dates)
    book = load_workbook(default_site.site / "data" / "excel" / "capaian.xlsx")
    rows = list(book["capaian"].iter_rows(values_only=True))
    canonical = list(csv.DictReader(io.StringIO((default_site.site / "data" / "capaian.csv").read_text(encoding="utf-8"))))
    for row, base in zip(rows[1:], canonical):
        record = dict(zip(rows[0], row))
        assert (record["capaian"] is None) == (base["capaian"] == "")
        if base["capaian"]:
            assert Decimal(repr(record["capaian"])) == Decimal(base["capaian"])
        assert record["tahun"] == int(base["tahun"]) and record["berlaku"] == (base["berlaku"] == "true")


def test_data_terbuka_says_which_file_to_pick(default_site):
    page = (default_site.docs / "data-terbuka.md").read_text(encoding="utf-8")
    assert "- [capaian.csv](data/capaian.csv): Capaian kinerja per indikator, tahun dan dokumen target · " \
           "[Excel (.xlsx)](data/excel/capaian.xlsx) · [CSV Excel Indonesia](data/excel/capaian.csv)" in page
    assert "**CSV Excel Indonesia** (pemisah titik koma, koma desimal, ya/tidak, UTF-8 dengan BOM)" in page
    assert "**Excel (.xlsx)** untuk dibuka di Excel atau LibreOffice dengan pengaturan bahasa apa pun" in page


def test_a_formula_in_the_data_stays_text_in_every_download():
    import pandas as pd

    frame = pd.DataFrame([{"survei": "s", "layanan": "=HYPERLINK(\"http://x\")", "tahun": 2025, "ikm": 88.5}])
    canonical = open_data.csv_text("ikm", frame)
    made = unduhan.variants({"data/ikm.csv": canonical}, None)
    book = load_workbook(io.BytesIO(made["data/excel/ikm.xlsx"]))
    cell = book["ikm"]["B2"]
    # a text cell of a workbook is never run: it holds the text itself, without the CSV's protective apostrophe
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    assert next(csv.DictReader(io.StringIO(canonical)))["layanan"] == '\'=HYPERLINK("http://x")'
    header = [c.value for c in book["ikm"][1]]
    assert book["ikm"].cell(row=2, column=header.index("ikm") + 1).value == 88.5
    assert made["data/excel/ikm.csv"] == unduhan.variants({"data/ikm.csv": canonical}, None)["data/excel/ikm.csv"]


# --- a new agency ------------------------------------------------------------------------------------

def test_kinerja_baru_makes_a_valid_package_that_builds(tmp_path, run):
    folder = tmp_path / "dinas-baru"
    status, _, err = run("baru", folder, "--tahun", "2026", "--nama", "Dinas Perikanan")
    assert status == 0 and "kinerja validate" in "\n".join(err)
    status, out, _ = run("validate", folder)
    assert status == 0 and out[-1] == "Paket data sah, dengan 1 peringatan."
    assert "peringatan: belum ada realisasi 2026" in out[0]
    guide = (folder / "PETUNJUK.md").read_text(encoding="utf-8")
    assert f"kinerja templat {folder} --out isian.xlsx" in guide and "Januari 2027" in guide
    from generator.publish import build_site
    from conftest import ROOT, prepared_src

    result = build_site(folder, tmp_path / "site", ROOT / "mkdocs.yml", prepared_src(tmp_path))
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert result.pages > 15 and "Dinas Perikanan" in home and "Belum ada realisasi setahun penuh 2026" in home
    # again into the same folder: refused, nothing touched
    before = tree_hashes(folder)
    assert run("baru", folder, "--tahun", "2026")[0] == 2
    assert tree_hashes(folder) == before


def test_kinerja_baru_needs_a_year(tmp_path, run):
    assert run("baru", tmp_path / "x")[0] == 2
    assert run("baru", tmp_path / "x", "--tahun", "1999")[0] == 2
    assert not (tmp_path / "x").exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=st.integers(1990, 2110))
@example(year=2096)
@example(year=2097)
@example(year=2100)
def test_kinerja_baru_gives_a_valid_package_for_every_year_it_accepts(tmp_path_factory, run, year):
    """A year `baru` accepts gives a package `validate` accepts: 2097-2100 were accepted, and their five-year
    Renstra ended after 2100, the last year a package may name ('tahun_selesai 2101 melebihi batas')."""
    folder = tmp_path_factory.mktemp("baru") / "dinas"
    status, _, err = run("baru", folder, "--tahun", str(year))
    if not 2000 <= year <= 2096:
        assert (status, err) == (2, [f"kinerja: kesalahan penggunaan: --tahun {year} tidak sah; yang diharapkan tahun "
                                     "2000-2096 (periode Renstra 5 tahun berakhir paling lambat 2100), misalnya 2026"])
        assert not folder.exists()
        return
    assert status == 0, err
    status, out, _ = run("validate", folder)
    assert (status, out[-1]) == (0, "Paket data sah, dengan 1 peringatan."), out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nama=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
       pemda=st.sampled_from(["Pemerintah Kota Contoh", " ", "A\tB", "Kabupaten\u2028Baru"]))
@example(nama="", pemda="Pemerintah Kota Contoh")
@example(nama="Dinas \x1b[31mMerah", pemda="Pemerintah Kota Contoh")
@example(nama="=", pemda="Pemerintah Kota Contoh")
def test_kinerja_baru_gives_a_valid_package_for_every_name_it_accepts(tmp_path_factory, run, nama, pemda):
    """`baru --nama ''` wrote a package whose first table was already invalid ("kolom nama wajib diisi") and said
    it was ready: a name `baru` accepts gives a package `validate` accepts; any other is a usage error, nothing
    written."""
    folder = tmp_path_factory.mktemp("baru") / "dinas"
    status, _, err = run("baru", folder, "--tahun", "2026", "--nama", nama, "--pemda", pemda)
    if status == 2:
        assert len(err) == 1 and err[0].startswith("kinerja: kesalahan penggunaan: "), err
        assert not folder.exists()
        return
    assert status == 0, err
    status, out, _ = run("validate", folder)
    assert (status, out[-1]) == (0, "Paket data sah, dengan 1 peringatan."), out


def test_what_was_typed_is_shown_on_one_line():
    assert workbook.one_line('kolom "nilai": "8\r\n8\t\x07\u2028" bukan angka') == \
        'kolom "nilai": "8\\r\\n8\\t\\x07\\u2028" bukan angka'


# Numbers as the canonical CSVs carry them: at most 15 significant digits (Excel keeps 15, and XlsxWriter
# writes 16), plus the values no cell can hold as a number.
_CELL = st.one_of(st.none(), st.booleans(), st.integers(-10**15 + 1, 10**15 - 1),
                  st.decimals(-10**10, 10**10, places=4, allow_nan=False).map(float),
                  st.sampled_from([float("inf"), float("-inf"), float("nan"), 10**400]),
                  st.text(max_size=40), st.sampled_from(["=1+1", "+cmd|' /C calc'!A0", "@SUM(1)", "_x0041_", "a\x00b\x1fc"]))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _texts_as_excel_shows(book: bytes) -> dict[tuple[int, int], str]:
    """Every text cell, {(row, column) from 0: text}, read from the workbook's XML as Excel reads it: `_xHHHH_`
    is that character (ECMA-376's escape, which XlsxWriter writes for a carriage return and for text that
    itself looks like an escape; openpyxl decodes only some of them)."""
    from xml.etree import ElementTree

    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        names = archive.namelist()
        strings = ["".join(t.text or "" for t in si.iter(f"{_MAIN}t"))
                   for si in ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))] \
            if "xl/sharedStrings.xml" in names else []
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    out = {}
    for cell in sheet.iter(f"{_MAIN}c"):
        if cell.get("t") == "s":
            letters, row = coordinate_from_string(cell.get("r"))
            text = strings[int(cell.find(f"{_MAIN}v").text)]
            out[(row - 1, column_index_from_string(letters) - 1)] = re.sub(
                r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)
    return out


@settings(max_examples=40, deadline=None)
@given(header=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4),
       rows=st.lists(st.lists(_CELL, min_size=4, max_size=4), max_size=6), data=st.data())
def test_a_download_workbook_holds_each_value_as_written_and_the_same_bytes_twice(header, rows, data):
    """xlsx.sheet_bytes (the open-data downloads): read back with openpyxl, every value is there with its
    type (text stays text, formulas included; numbers are numbers; a number that is not finite or too
    large for a float is shown as text, a character no cell can hold as U+FFFD), and the same input gives
    the same bytes."""
    rows = [row[:len(header)] for row in rows]
    places = [data.draw(st.sampled_from([0, 2])) for _ in header]
    when = dt.datetime(2025, 12, 31)
    made = xlsx.sheet_bytes("capaian", header, rows, places, when)
    assert made == xlsx.sheet_bytes("capaian", header, rows, places, when)
    sheet = load_workbook(io.BytesIO(made)).active
    assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in sheet[1])
    back = [list(r) for r in sheet.iter_rows(values_only=True)]
    texts = _texts_as_excel_shows(made)
    assert [texts[(0, c)] for c in range(len(header))] == [xlsx.ILLEGAL.sub("\ufffd", h) for h in header]
    for r, (row, read) in enumerate(zip(rows, back[1:] + [[None] * len(header)] * len(rows)), start=1):
        for c, (value, got) in enumerate(zip(row, read)):
            if value is None:
                assert got is None
            elif isinstance(value, str):
                assert texts[(r, c)] == xlsx.ILLEGAL.sub("\ufffd", value) and isinstance(got, str)
            elif isinstance(value, bool):
                assert got is value
            elif value != 10**400 and math.isfinite(value):  # 10**400: beyond a float, shown as text
                assert got == value and not isinstance(got, (str, bool))
            else:
                assert texts[(r, c)] == str(value)


# --- what operators do in Excel: percentages, an empty template, extra columns, failed formulas ------------------

def _edited(filled_book: Path, out: Path, edit) -> Path:
    wb = load_workbook(filled_book)
    edit(wb)
    wb.save(out)
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheet=st.sampled_from(["realisasi", "target", "dokumen", "anggaran"]), above=st.integers(1, 4),
       title=st.sampled_from(["Realisasi Kinerja Tahun 2025", "DATA TARGET", "Tabel 3.17", 2025, "catatan: jangan diubah"]))
def test_a_title_typed_above_a_sheets_header_is_one_line(tmp_path_factory, run, sheet, above, title):
    """A title typed above a sheet's header (rows inserted, the table's name in A1) was one line per column:
    each heading missing, the title "tidak dikenal". As for a CSV, it is now one line at A1 naming the row
    that holds the header; nothing is written."""
    folder = tmp_path_factory.mktemp("judul")
    pkg = folder / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    assert main_command(["templat", str(pkg), "--out", str(folder / "isi.xlsx")]) == 0

    def titled(wb):
        ws = wb[sheet]
        ws.insert_rows(1, above)
        ws["A1"] = title
    book = _edited(folder / "isi.xlsx", folder / "judul.xlsx", titled)
    before = tree_hashes(pkg)
    status, _, err = run("impor", book, "--data", pkg)
    mine = [line for line in err if line.startswith(f"judul.xlsx!{sheet}!")]
    assert status == 1 and len(mine) == 1, err
    assert mine[0].startswith(f"judul.xlsx!{sheet}!A1: baris judul kolom ada di baris {above + 1}, bukan di baris 1; "
                              f'hapus baris di atasnya (baris 1: "{title}"): baris pertama lembar harus judul kolom ('), mine
    assert tree_hashes(pkg) == before


def _csv_row(pkg: Path, name: str, row: int) -> list[str]:
    return next(itertools.islice(csv.reader((pkg / "data" / f"{name}.csv").open(encoding="utf-8")), row - 1, None))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hundredths=st.integers(0, 100_000), literal=st.booleans())
def test_a_percentage_typed_in_excel_is_read_as_the_number_shown(tmp_path_factory, filled_book, hundredths, literal):
    """Typing 41,25% into a cell, Excel keeps 0.4125 with a percent format and shows 41,25%: the operator meant
    41,25 (the column's unit is persen). It was written to the CSV as 0.4125, silently. A format whose % is
    quoted text (0.00"%") shows the number itself, and the number is taken as it is."""
    shown = Decimal(hundredths) / 100
    stored = float(shown / 100) if not literal else float(shown)
    folder = tmp_path_factory.mktemp("persen")

    def typed(wb):
        for cell in ("C16", "D16"):  # nilai (a number) and label (text: as an Indonesian page prints it)
            wb["realisasi"][cell].value = stored
            wb["realisasi"][cell].number_format = '0.00"%"' if literal else "0.00%"
    book = _edited(filled_book, folder / "isi.xlsx", typed)
    pkg, _ = open_package(DATAPACKAGE)
    intake = workbook.read_workbook(book, pkg)
    assert not intake.problems
    text = intake.texts.get("realisasi", (DATAPACKAGE / "data" / "realisasi.csv").read_text(encoding="utf-8"))
    row = next(itertools.islice(csv.reader(io.StringIO(text)), 15, None))
    assert row[:2] == ["pk-digitalisasi-administrasi", "2025"] and Decimal(row[2]) == shown, row
    if not literal:
        assert row[3] == workbook._plain(shown).replace(".", ",") + "%", row


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(digits=st.integers(1, 19), as_float=st.booleans())
def test_a_number_excel_cut_to_15_digits_is_refused_in_a_text_column(tmp_path_factory, filled_book, digits, as_float):
    """An 18-digit NIP or account code pasted into a General cell is kept by Excel as its first 15 digits and
    zeros (1,97902052006041E+17). Imported into a text column it became "197902052006041000", silently. A
    number of 16 digits or more in a text column is now refused at its cell; a shorter one is its digits."""
    number = int("7" * digits)
    stored = float(number) if as_float else number
    book = _edited(filled_book, tmp_path_factory.mktemp("nip") / "isi.xlsx",
                   lambda wb: setattr(wb["realisasi"]["G16"], "value", stored))
    pkg, _ = open_package(DATAPACKAGE)
    intake = workbook.read_workbook(book, pkg)
    if digits > workbook.EXCEL_DIGITS:
        assert [(p.sheet, p.cell) for p in intake.problems] == [("realisasi", "G16")], intake.problems
        assert "lebih dari 15 digit" in intake.problems[0].message and "format sel menjadi Teks" in intake.problems[0].message
    else:
        assert not intake.problems, intake.problems
        row = next(itertools.islice(csv.reader(io.StringIO(intake.texts["realisasi"])), 15, None))
        assert row[6] == str(number), row


def test_an_empty_template_adds_rows_and_removes_none(tmp_path, run, pkg):
    """A workbook of `templat --kosong` shows none of the package's rows, so an operator fills in only what is
    new. Imported, it removed every row it did not show (24 realisasi rows for one typed). Its rows are now
    added, or replace the row with the same key; a keyless table's row typed as the file has it is that row."""
    assert run("templat", pkg, "--kosong", "--out", tmp_path / "kosong.xlsx")[0] == 0
    wb = load_workbook(tmp_path / "kosong.xlsx")
    assert "templat --kosong" in " ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    before = (pkg / "data" / "realisasi.csv").read_text(encoding="utf-8").splitlines()
    wb["realisasi"].append(["pk-digitalisasi-administrasi", 2023, 40, "40%", "final", "uji", None])
    wb["realisasi"].append(["iku-kepuasan-informasi", 2024, 82.5, "82,5%", "final", "uji ganti", None])
    owners = _csv_row(pkg, "pemilik_kinerja", 2)
    wb["pemilik_kinerja"].append(owners)  # typed again as the file has it
    wb.save(tmp_path / "kosong.xlsx")
    status, _, err = run("impor", tmp_path / "kosong.xlsx", "--data", pkg)
    assert status == 0, err
    assert any(line.endswith("realisasi.csv: 1 baris diubah, 1 baris baru, 0 baris dihapus") for line in err), err
    after = (pkg / "data" / "realisasi.csv").read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1 and after[-1] == "pk-digitalisasi-administrasi,2023,40,40%,final,uji,"
    assert after[1] == 'iku-kepuasan-informasi,2024,82.5,"82,5%",final,uji ganti,'
    assert after[2:-1] == before[2:]
    assert not any("pemilik_kinerja.csv" in line for line in err)


def test_headings_and_cells_outside_the_table_are_said(tmp_path, run, pkg, filled_book):
    """A heading given twice is refused (the later column won, the edit in the first was lost without a word);
    data in a column without a heading, or a sheet that is no table, is named as not imported, and the last
    line no longer says the workbook equals the CSV files."""
    def twice(wb):
        ws = wb["realisasi"]
        ws["H1"] = "nilai"
        ws["C16"] = 99.9
    before = tree_hashes(pkg)
    status, _, err = run("impor", _edited(filled_book, tmp_path / "a.xlsx", twice), "--data", pkg)
    assert status == 1 and err[0] == 'a.xlsx!realisasi!H1: judul kolom "nilai" sudah ada di kolom C; yang ' \
                                     "diharapkan setiap kolom sekali (hapus salah satunya)", err

    def aside(wb):
        wb["realisasi"]["J5"] = "cek lagi"
        wb.create_sheet("Catatan")["A1"] = "rapat 3 Februari"  # a sheet of the operator's own (a renamed table's
        # sheet is refused: test_cells_an_operator_pastes_or_renames_are_read_as_meant)
    status, _, err = run("impor", _edited(filled_book, tmp_path / "b.xlsx", aside), "--data", pkg)
    assert status == 0
    assert "b.xlsx!realisasi!J5: peringatan: kolom J tidak berjudul, jadi isinya (mulai sel ini) tidak diimpor; beri " \
           "judul nama kolom tabel atau pindahkan isinya" in err, err
    assert err[-1] == "Tidak ada berkas CSV yang berubah; 2 lembar atau kolom diabaikan (lihat peringatan di atas): " \
                      "isiannya tidak diimpor."
    status, _, err = run("impor", _edited(filled_book, tmp_path / "c.xlsx", lambda wb: wb["realisasi"].cell(1, 16384, "x")),
                         "--data", pkg)
    assert status == 1 and len(err) == 2 and err[0].startswith('c.xlsx!realisasi!XFD1: judul kolom "x" tidak dikenal'), err
    assert tree_hashes(pkg) == before


def test_cells_excel_shows_otherwise_than_python_writes_them(tmp_path, run, pkg, filled_book):
    """A formula's result as Excel shows it (10*3.333 is 33.330000000000005 in the file); a failed formula
    named as one, not taken as text; a time or a duration said as Excel shows it, in Bahasa."""
    pkg_spec, _ = open_package(pkg)
    spec = pkg_spec.resources["realisasi"]
    fld = next(f for f in spec.fields if f["name"] == "nilai")
    assert workbook.from_cell(10 * 3.333, fld, spec, pytest.fail) == "33.33"
    assert workbook.from_cell(0.1 + 0.2, fld, spec, pytest.fail) == "0.3"
    said = []
    workbook.from_cell(dt.timedelta(days=14), fld, spec, said.append)
    workbook.from_cell(dt.time(12, 30), fld, spec, said.append)
    assert said == ["berisi jam atau lama waktu (336:00:00); yang diharapkan angka. Ubah format sel menjadi Angka, Umum "
                    "atau Teks lalu ketik ulang nilainya",
                    "berisi jam atau lama waktu (12:30:00); yang diharapkan angka. Ubah format sel menjadi Angka, Umum "
                    "atau Teks lalu ketik ulang nilainya"]
    book = _edited(filled_book, tmp_path / "isi.xlsx", lambda wb: setattr(wb["realisasi"]["G16"], "value", "=1/0"))
    with zipfile.ZipFile(book) as archive:  # the result Excel saves: an error value (t="e")
        parts = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, re.sub(rb'(<c r="G16"[^>]*?)(?: t="[^"]*")?><f>1/0</f><v\s*/?>(?:</v>)?',
                                          rb'\1 t="e"><f>1/0</f><v>#DIV/0!</v>', data))
    before = tree_hashes(pkg)
    status, _, err = run("impor", book, "--data", pkg)
    assert status == 1 and "isi.xlsx!realisasi!G16: rumus di sel ini menghasilkan galat #DIV/0!; yang diharapkan " \
                           "rumus yang menghasilkan nilai, atau nilai yang diketik" in err, err
    assert tree_hashes(pkg) == before


def test_new_rows_get_their_columns_formats(filled_book):
    """Formats reached only the package's rows: in a row the operator added, Excel turned a nomor 1.10 into the
    number 1.1 and 0812 into 812. Each column now carries its format, which a new cell takes."""
    wb = load_workbook(filled_book)
    ws = wb["node"]
    header = [c.value for c in ws[1]]
    for column, expected in (("nomor", "@"), ("id", "@"), ("urutan", "0")):
        if column in header:
            assert ws.column_dimensions[get_column_letter(header.index(column) + 1)].number_format == expected, column


def test_a_workbook_is_read_whatever_its_name_and_a_huge_part_is_refused(tmp_path, run, pkg, filled_book, monkeypatch):
    """A browser saves a second download as "isian.xlsx (1)"; openpyxl refused it by its name. A part that
    unpacks far beyond a filled template (a 300 MB comment in 400 KB) held the reader for minutes: it is
    refused by its stated size before anything is read. A folder given as the workbook is said to be one."""
    shutil.copyfile(filled_book, tmp_path / "isian.xlsx (1)")
    status, _, err = run("impor", tmp_path / "isian.xlsx (1)", "--data", pkg)
    assert status == 0 and err[-1] == "Tidak ada perubahan: isi buku kerja sama dengan berkas CSV paket.", err
    monkeypatch.setattr(workbook, "PART_LIMIT", 10_000)
    sizes = {i.filename: i.file_size for i in zipfile.ZipFile(filled_book).infolist() if i.file_size > 10_000}
    assert sizes
    status, _, err = run("impor", filled_book, "--data", pkg)
    assert status == 1 and err == [f"{filled_book}:1:1: bukan buku kerja Excel (.xlsx) yang dapat dibaca (bagian "
                                   f"{next(iter(sizes))} berukuran {round(next(iter(sizes.values())) / 2**20)} MB "
                                   "setelah diurai, melebihi batas 0 MB per bagian); yang diharapkan berkas dari kinerja "
                                   "templat yang disimpan sebagai Buku Kerja Excel (.xlsx)"], err
    status, _, err = run("impor", pkg, "--data", pkg)
    assert status == 2 and err[-1].endswith(f"buku kerja '{pkg}' adalah folder; yang diharapkan berkas .xlsx dari "
                                            "kinerja templat"), err


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(share=st.floats(0.0, 1.5))
def test_a_workbook_whose_parts_together_unpack_too_far_is_refused(tmp_path_factory, run, filled_book, share):
    """Each part under its limit, but 23 sheets of 64 MB each (a 23 MB file) kept `impor` busy for ~25
    minutes and 2,7 GB: the parts together have a limit too, said before anything is read."""
    from conftest import DATAPACKAGE

    pkg = tmp_path_factory.mktemp("jumlah") / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    parts = [i.file_size for i in zipfile.ZipFile(filled_book).infolist()]
    limit = max(parts) + int(share * (sum(parts) - max(parts)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workbook, "TOTAL_LIMIT", limit)
        status, _, err = run("impor", filled_book, "--data", pkg, "--periksa")
    if sum(parts) > limit:
        assert status == 1 and len(err) == 1 and "seluruh bagiannya berukuran" in err[0] and \
            "melebihi batas" in err[0] and "per buku kerja" in err[0], err
    else:
        assert status == 0, err


def test_rows_a_message_names_are_the_workbooks_rows(tmp_path, run, pkg, filled_book):
    """With empty rows above the data, the sheet's rows are not the file's: a repeated problem's other rows and
    the row a duplicate key was first used in were given as the CSV's record numbers (5, 7 for sheet rows
    10, 12), which the operator cannot find."""
    def spaced(wb):
        ws = wb["realisasi"]
        ws.insert_rows(2, 4)
        for cell in ("E10", "E12", "E14"):
            ws[cell] = "selesai"
        for c in range(1, 8):
            ws.cell(row=33, column=c).value = ws.cell(row=9, column=c).value
    status, _, err = run("impor", _edited(filled_book, tmp_path / "isi.xlsx", spaced), "--data", pkg)
    assert status == 1
    assert any(line.startswith('isi.xlsx!realisasi!E10: kolom "status": nilai "selesai" tidak dikenal')
               and line.endswith("… dan 2 baris lain dengan masalah yang sama (baris 12, 14)") for line in err), err
    assert any(line.startswith("isi.xlsx!realisasi!A33: baris ganda") and "(sudah dipakai di baris 9)" in line
               for line in err), err


@settings(max_examples=40, deadline=None)
@given(crlf=st.booleans(), inside=st.lists(st.sampled_from(["\r\n", "\n", "\r", "a", ",", " "]), max_size=6))
def test_a_line_break_inside_a_cell_does_not_set_the_files_line_ending(tmp_path_factory, crlf, inside):
    """A cell holding a CRLF (typed in Excel with Alt+Enter) made an LF file read as CRLF, so the rows an
    import added ended in CRLF among LF rows."""
    from types import SimpleNamespace

    end = "\r\n" if crlf else "\n"
    path = tmp_path_factory.mktemp("baris") / "t.csv"
    path.write_bytes(f'id,catatan{end}a,"{"".join(inside)}"{end}b,x{end}'.encode())
    table = workbook.CsvFile.read(SimpleNamespace(path=path, fields=[{"name": "id"}, {"name": "catatan"}]))
    assert table.newline == end and [r[0] for r in table.records] == ["a", "b"]


# --- found by filling workbooks as operators do (each case passed `kinerja validate` or stopped the import) -------

@settings(max_examples=80, deadline=None)
@given(whole=st.integers(0, 999), tail=st.integers(0, 999), point=st.sampled_from(".,"), percent=st.booleans())
def test_a_number_typed_as_text_that_reads_two_ways_is_refused(whole, tail, point, percent):
    """"4.125" typed as text in a column of decimals was read as 4125 (a thousands point) and written so,
    silently; "3.12" was read as 3,12. One group of three digits after a point or a comma is decimals to one
    reader and thousands to another: the cell is named and the operator asked to type it unambiguously.
    After a 0 it can only be decimals ("0.385" was read as 385). A Rupiah amount has no third decimal:
    there a point is a thousands point, and three decimals are no amount (they were rounded to sen)."""
    pkg, _ = open_package(DATAPACKAGE)
    typed = f"{whole}{point}{tail:03d}" + ("%" if percent else "")
    for name, column in (("realisasi", "nilai"), ("subindeks", "nilai"), ("anggaran", "pagu")):
        spec = pkg.resources[name]
        fld = next(f for f in spec.fields if f["name"] == column)
        problems = []
        text = workbook.from_cell(typed, fld, spec, problems.append)
        if fld.get("x-rupiah") and point == "." and whole:
            assert problems == [] and workbook._number(text, fld) == whole * 1000 + tail
        elif whole == 0 and fld.get("x-rupiah"):
            assert text is None and problems == ["jumlah Rupiah paling banyak 2 desimal (sen); yang diharapkan misalnya "
                                                 "1.250.000,50"] or tail % 10 == 0 and problems == [], (typed, problems)
        elif whole == 0:
            assert problems == [] and workbook._number(text, fld) == Decimal(tail) / 1000, (typed, text)
        else:
            assert text is None and len(problems) == 1 and "desimal" in problems[0] and "ribuan" in problems[0]


def test_cells_an_operator_pastes_or_renames_are_read_as_meant(tmp_path, run, pkg, filled_book):
    """An error value pasted without its formula (#N/A) came in as the label "#N/A"; 1e30 in a Rupiah column
    ended in an internal error; a sheet renamed "Realisasi" was left out with a warning while the other sheets
    were imported (exit 0, the edit lost)."""
    def pasted(wb):
        wb["realisasi"]["D3"].value = "#N/A"
        wb["realisasi"]["D3"].data_type = "e"
        wb["anggaran"]["D3"].value = 1e30
    status, out, err = run("impor", _edited(filled_book, tmp_path / "isi.xlsx", pasted), "--data", pkg)
    assert status == 1 and out == []
    assert any(line.startswith("isi.xlsx!realisasi!D3: ") and "galat #N/A" in line for line in err), err
    assert any(line.startswith("isi.xlsx!anggaran!D3: ") and "terlalu besar" in line for line in err), err
    assert not any("kesalahan internal" in line for line in err)

    def edited(wb):
        wb["realisasi"]["C3"].value = 90
    book = _edited(filled_book, tmp_path / "isi-ganti.xlsx", edited)
    renamed = tmp_path / "ganti.xlsx"  # as Excel renames a sheet in case only (openpyxl would append a 1)
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                assert b'name="realisasi"' in data
                data = data.replace(b'name="realisasi"', b'name="Realisasi"')
            dst.writestr(item, data)
    status, out, err = run("impor", renamed, "--data", pkg)
    assert status == 0 and not any("diabaikan" in line for line in err), err
    assert _csv_row(pkg, "realisasi", 3)[:3] == ["iku-kepuasan-informasi", "2025", "90"]

    def duplicated(wb):  # a copy of a sheet beside it, "realisasi " (Excel allows it): which one is meant?
        copy = wb.copy_worksheet(wb["realisasi"])
        copy.title = "realisasi "
    status, out, err = run("impor", _edited(filled_book, tmp_path / "dua.xlsx", duplicated), "--data", pkg)
    assert status == 1 and any(line.startswith('dua.xlsx!realisasi !A1: lembar "realisasi " juga tabel realisasi')
                               for line in err), err

    def spaced(wb):  # a heading with a space after it: the same column (it read as unknown, and nilai as deleted)
        wb["realisasi"]["C1"].value = "nilai "
        wb["realisasi"]["C3"].value, wb["realisasi"]["D3"].value = 91, "91%"
    # --timpa: the workbook predates the import just above, which changed realisasi.csv
    status, out, err = run("impor", _edited(filled_book, tmp_path / "spasi.xlsx", spaced), "--data", pkg, "--timpa")
    assert status == 0 and not any("realisasi!" in line for line in err), err
    assert _csv_row(pkg, "realisasi", 3)[:3] == ["iku-kepuasan-informasi", "2025", "91"]

    def retitled(wb):  # renamed outright, its edit inside: read as a sheet of no table, the edit was lost (exit 0)
        wb["realisasi"]["C3"].value = 92
        wb["realisasi"].title = "Realisasi 2025"
        wb["anggaran"].title = "anggaran (2)"  # no rename of a table whose sheet has another
        wb.copy_worksheet(wb["anggaran (2)"]).title = "anggaran"
    before = {path.name: path.read_bytes() for path in (pkg / "data").glob("*.csv")}
    status, out, err = run("impor", _edited(filled_book, tmp_path / "judul.xlsx", retitled), "--data", pkg)
    assert status == 1 and len(err) == 3 and err[0] == (
        'judul.xlsx!Realisasi 2025!A1: lembar "Realisasi 2025" berjudul kolom tabel realisasi, tetapi buku kerja tidak '
        'punya lembar "realisasi"; nama lembar menentukan tabelnya: ganti namanya kembali menjadi "realisasi" lalu '
        "impor lagi"), err
    assert err[1].startswith('judul.xlsx!anggaran (2)!A1: peringatan: lembar "anggaran (2)" bukan tabel paket ini dan '
                             "diabaikan; tabel paket: ")
    assert err[2] == "Tidak ada berkas yang diubah: 1 kesalahan di buku kerja."
    assert {path.name: path.read_bytes() for path in (pkg / "data").glob("*.csv")} == before


def test_an_untouched_round_trip_keeps_amounts_excel_cannot_hold(tmp_path, run, pkg):
    """Rp18.123.456.789.012,34 has 16 significant digits, one more than Excel keeps: written as a number it
    came back as ...012,30. It goes into the workbook as its text, and comes back as it was."""
    budget = pkg / "data" / "anggaran.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(";")
    cells[3], cells[4] = "18.123.456.789.012,34", "17.000.000.000.000,07"
    lines[1] = ";".join(cells)
    budget.write_text("".join(lines), encoding="utf-8")
    before = tree_hashes(pkg)
    assert run("templat", pkg, "--out", tmp_path / "isi.xlsx")[0] == 0
    status, out, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg)
    assert status == 0 and tree_hashes(pkg) == before, (out, err)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counts=st.lists(st.integers(0, 10**12), min_size=1, max_size=6))
def test_whole_numbers_with_thousands_in_an_indonesian_file_come_back_byte_for_byte(tmp_path_factory, run, counts):
    """A file of `;` (Excel with Indonesian settings) may write a count as 2.400, which `validate` reads as
    2400. `templat` put it in the workbook as the text "2.400", and `impor` of that untouched workbook
    refused it ("bukan bilangan bulat"): the Excel route of a valid package was closed. The count is now a
    number in the workbook and comes back as the file wrote it."""
    folder = tmp_path_factory.mktemp("ribuan")
    pkg = folder / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    path = pkg / "data" / "pegawai.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    for row, count in zip(rows[1:], counts):
        row[rows[0].index("jumlah")] = f"{count:,}".replace(",", ".")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\n").writerows(rows)
    assert run("validate", pkg)[0] == 0
    before = tree_hashes(pkg)
    assert run("templat", pkg, "--out", folder / "isi.xlsx")[0] == 0
    assert [c.value for c in load_workbook(folder / "isi.xlsx")["pegawai"]["E"][1:len(counts) + 1]] == counts
    status, _, err = run("impor", folder / "isi.xlsx", "--data", pkg)
    assert status == 0 and err[-1] == "Tidak ada perubahan: isi buku kerja sama dengan berkas CSV paket.", err
    assert tree_hashes(pkg) == before


@settings(max_examples=200, deadline=None)
@given(number=st.integers(-10**12, 10**12), group=st.sampled_from([".", ","]), spaces=st.sampled_from(["", " "]))
def test_a_whole_number_typed_as_text_with_thousands_reads_as_that_number(number, group, spaces):
    """A count typed into a cell formatted Teks as 2.400 (or 2,400) has one reading as a whole number."""
    pkg, _ = open_package(DATAPACKAGE)
    spec = pkg.resources["pegawai"]
    fld = next(f for f in spec.fields if f["name"] == "jumlah")
    problems = []
    text = workbook.from_cell(spaces + f"{number:,}".replace(",", group) + spaces, fld, spec, problems.append)
    assert problems == [] and int(text) == number, (text, problems)


@settings(max_examples=100, deadline=None)
@given(typed=st.text(min_size=1, max_size=8).filter(lambda t: t.strip() and not re.fullmatch(r"\s*-?[0-9]+([.,][0-9]{3})*\s*", t)))
def test_a_whole_number_column_says_what_it_expects_in_its_own_terms(typed):
    """A triwulan typed "II" was told "yang diharapkan bilangan bulat, misalnya 2026". Each integer column now
    names its own range (1 sampai 4), a year column a year."""
    pkg, _ = open_package(DATAPACKAGE)
    for name, column, expected in (("target_triwulan", "triwulan", "yang diharapkan bilangan bulat 1 sampai 4, ditulis dengan angka"),
                                   ("target_triwulan", "tahun", "yang diharapkan tahun sebagai bilangan bulat, misalnya 2026"),
                                   ("pegawai", "jumlah", "yang diharapkan bilangan bulat, misalnya 12")):
        spec = pkg.resources[name]
        fld = next(f for f in spec.fields if f["name"] == column)
        problems = []
        assert workbook.from_cell(typed, fld, spec, problems.append) is None
        assert len(problems) == 1 and problems[0].endswith(expected), (column, problems)
        assert f'"{workbook.one_line(typed)}" bukan bilangan bulat' in problems[0]


@settings(max_examples=100, deadline=None)
@given(amount=st.integers(0, 10**13), form=st.sampled_from(["Rp. {},-", "Rp.{},-", "Rp {},-", "Rp{},-", "{},-", "Rp. {}.-"]))
def test_rupiah_written_with_rp_dot_and_a_closing_dash_reads_as_that_amount(amount, form):
    """"Rp. 7.000.000.000,-" (the dash: no sen) is how amounts are written in Indonesian documents; typed so
    in a Teks cell it was refused with "misalnya 88,19"."""
    pkg, _ = open_package(DATAPACKAGE)
    spec = pkg.resources["anggaran"]
    fld = next(f for f in workbook.CsvFile.read(spec).fields(spec).values() if f["name"] == "realisasi")
    problems = []
    text = workbook.from_cell(form.format(f"{amount:,}".replace(",", ".")), fld, spec, problems.append)
    assert problems == [] and workbook._number(text, fld) == amount, (text, problems)


@pytest.mark.parametrize("source", [DATAPACKAGE, EXAMPLE], ids=["bawaan", "contoh"])
def test_the_guide_sheet_says_one_thing_about_typing_numbers(tmp_path, run, source):
    """The guide said "Rupiah diketik ... tanpa titik ribuan" while the anggaran column's note said "Rupiah dengan
    titik pemisah ribuan", and target's "Angka dengan titik desimal" against "tanda desimal menurut pengaturan
    Excel Anda": the schema's words about the CSV. In the workbook every column says what a workbook cell holds."""
    assert run("templat", source, "--out", tmp_path / "isi.xlsx")[0] == 0
    guide = load_workbook(tmp_path / "isi.xlsx")[workbook.GUIDE]
    words = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value is not None)
    for said in ("titik desimal", "titik pemisah ribuan", "tanpa titik ribuan", "koma desimal"):
        assert said not in words, said
    notes = {(r[0].value, r[1].value): r[6].value for r in guide.iter_rows() if len(r) > 6 and r[1].value}
    assert notes[("anggaran", "pagu")] == "Rupiah, diketik sebagai angka."
    assert notes[("target", "nilai")].startswith("Angka, diketik sebagai angka; untuk level/kategori/ya-tidak: ")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_table_the_package_lacks_is_added_with_what_it_refers_to(tmp_path_factory, run, data):
    """An operator who works in Excel could not start the survey, the PPID register or the five-stage tree:
    `baru` writes none of them, `templat` has sheets only for listed tables, and adding one meant editing
    datapackage.json by hand. `kinerja tabel PAKET NAMA` adds any missing tables (and those they refer to),
    keeps a CSV already written, changes no other file, and the package stays valid with a sheet for each."""
    from generator import contract

    folder = tmp_path_factory.mktemp("tabel")
    pkg = folder / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    listed = [r["name"] for r in descriptor["resources"]]
    absent = [name for name in contract.RESOURCES if name not in listed]
    asked = data.draw(st.lists(st.sampled_from(absent), min_size=1, max_size=4, unique=True), label="tabel")
    written = data.draw(st.sampled_from([None, *asked]), label="csv yang sudah ditulis")
    if written is not None:  # an operator's own CSV, with the table's columns, before the entry exists
        header = ",".join(f["name"] for f in contract.canonical_schema(written)["fields"])
        (pkg / "data" / f"{written}.csv").write_text(header + "\n", encoding="utf-8")
    before = tree_hashes(pkg)
    status, out, err = run("tabel", pkg, *asked)
    assert status == 0, err
    after = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    added = [r["name"] for r in after["resources"][len(listed):]]
    assert {k: v for k, v in after.items() if k != "resources"} == {k: v for k, v in descriptor.items() if k != "resources"}
    assert after["resources"][:len(listed)] == descriptor["resources"] and set(asked) <= set(added)
    for name in added:  # what it refers to is in the package now
        for fk in contract.canonical_schema(name).get("foreignKeys", []):
            assert (fk["reference"].get("resource") or name) in set(listed) | set(added), (name, fk)
        assert (pkg / "schemas" / f"{name}.json").read_bytes() == (contract.SCHEMA_DIR / f"{name}.json").read_bytes()
    changed = {path for path, digest in tree_hashes(pkg).items() if before.get(path) != digest}
    assert changed == {"datapackage.json", *(f"schemas/{n}.json" for n in added),
                       *(f"data/{n}.csv" for n in added if n != written)}, changed
    status, out, _ = run("validate", pkg)
    assert status == 0 and not [line for line in out if "tidak dibaca" in line], out
    assert run("templat", pkg, "--out", folder / "isi.xlsx")[0] == 0
    assert set(added) <= set(load_workbook(folder / "isi.xlsx").sheetnames)


def test_a_sheet_of_a_table_the_package_lacks_says_how_to_add_it(tmp_path, run, pkg):
    """A sheet named "kondisi" (a table this tool knows) added to the workbook was "bukan tabel paket ini dan
    diabaikan" with no next step."""
    assert run("templat", pkg, "--out", tmp_path / "isi.xlsx")[0] == 0
    wb = load_workbook(tmp_path / "isi.xlsx")
    wb.create_sheet("kondisi")["A1"] = "id"
    wb.save(tmp_path / "isi.xlsx")
    status, _, err = run("impor", tmp_path / "isi.xlsx", "--data", pkg)
    assert status == 0 and f"isi.xlsx!kondisi!A1: peringatan: lembar \"kondisi\" bukan tabel paket ini dan diabaikan; " \
        f"tabel kondisi belum ada di paket: tambahkan dengan kinerja tabel {pkg} kondisi, lalu impor lagi" in err, err


def test_a_table_name_it_does_not_know_changes_nothing(tmp_path, run, pkg):
    before = tree_hashes(pkg)
    status, _, err = run("tabel", pkg, "survei", "surve")
    assert status == 2 and err[-1].startswith("kinerja: kesalahan penggunaan: tabel surve tidak dikenal; yang "
                                              "diharapkan nama tabel Kinerja Terbuka: instansi, unit_kerja, "), err
    assert tree_hashes(pkg) == before
    from generator import contract

    status, out, _ = run("tabel", pkg)
    listed = {r["name"] for r in json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert status == 0 and [line.split(":")[0] for line in out] == [
        f"{'ada  ' if r['name'] in listed else 'belum'}  {r['name']}" for r in contract.canonical_resources()]
    assert tree_hashes(pkg) == before


def test_a_workbook_of_another_agency_is_refused(tmp_path, run):
    """A workbook made from the synthetic example's package, imported into the default package, replaced
    every table of it (exit 0)."""
    shutil.copytree(DATAPACKAGE, tmp_path / "pkg")
    assert run("templat", EXAMPLE, "--out", tmp_path / "lain.xlsx")[0] == 0
    before = tree_hashes(tmp_path / "pkg")
    status, out, err = run("impor", tmp_path / "lain.xlsx", "--data", tmp_path / "pkg")
    assert status == 1 and out == []
    assert any(line.startswith("lain.xlsx!instansi!A2: ") and "bukan instansi paket ini" in line for line in err), err
    assert tree_hashes(tmp_path / "pkg") == before


# --- package files the commands cannot read as text (found by trying every argument and file kind) ---------

def _within(seconds: float, call):
    """call() on a thread, failing the test if it has not returned in `seconds` (a reader blocked on a named
    pipe never returns)."""
    import threading

    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "perintah tidak selesai: menunggu berkas yang tidak pernah berakhir"
    return result["value"]


def test_a_named_pipe_or_folder_in_place_of_a_csv_is_named_at_its_path(tmp_path, run, pkg, filled_book):
    """A named pipe in place of realisasi.csv: `templat` waited on it for ever and `impor` ended in "kesalahan
    internal"; a folder in its place made `impor` name a temporary copy of the package. Both now say what
    `validate` says, at the operator's own path, and change nothing."""
    import os

    before = tree_hashes(pkg)
    target = pkg / "data" / "realisasi.csv"
    target.unlink()
    os.mkfifo(target)
    expected = f"{target}:1:1: bukan berkas (mungkin folder); yang diharapkan berkas CSV"
    status, _, err = _within(120, lambda: run("templat", pkg, "--out", tmp_path / "isi.xlsx"))
    assert status == 1 and err[0] == expected, err
    assert not (tmp_path / "isi.xlsx").exists()
    status, _, err = _within(120, lambda: run("impor", filled_book, "--data", pkg))
    assert status == 1 and err[0] == expected and "kesalahan internal" not in " ".join(err), err
    target.unlink()
    target.mkdir()
    status, _, err = run("impor", filled_book, "--data", pkg)
    assert status == 1 and err[0] == expected and "kinerja-impor-" not in " ".join(err), err
    target.rmdir()
    assert {k: v for k, v in tree_hashes(pkg).items() if k != "data/realisasi.csv"} == \
        {k: v for k, v in before.items() if k != "data/realisasi.csv"}


def test_a_named_pipe_beside_the_package_files_is_left_alone(tmp_path, run, pkg, filled_book):
    """A named pipe that is no resource (validation ignores it) stopped `impor` in its copy of the package."""
    import os

    def note(wb):
        ws = wb["realisasi"]
        column = next(c.column for c in ws[1] if c.value == "sumber")
        ws.cell(row=2, column=column).value = "LKjIP 2025 Tabel 3.3 (diperiksa ulang)"
    book = _edited(filled_book, tmp_path / "isi.xlsx", note)
    os.mkfifo(pkg / "catatan.pipe")
    status, _, err = _within(120, lambda: run("impor", book, "--data", pkg, "--periksa"))
    assert status == 0 and any(line.startswith(f"{pkg}/data/realisasi.csv: 1 baris diubah") for line in err), err


def test_a_package_csv_not_in_utf8_is_named_not_the_workbook(tmp_path, run, pkg, filled_book):
    """realisasi.csv saved by Excel as Windows-1252: `impor` said the operator's good workbook was unreadable
    ("bukan buku kerja Excel"). It names the CSV's cell, as `validate` does."""
    path = pkg / "data" / "realisasi.csv"
    text = path.read_text(encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if i > 1)
    first = text.splitlines()[row - 1]
    path.write_bytes(text.replace(first, first.replace(",", ",Caf\u00e9 ", 1), 1).encode("cp1252"))
    before = tree_hashes(pkg)
    _, validated, _ = run("validate", pkg)
    status, _, err = run("impor", filled_book, "--data", pkg)
    assert status == 1 and err[0].startswith(f"{path}:{row}:2: teks bukan UTF-8: bita 0xE9"), err
    assert not any(filled_book.name in line for line in err), err
    assert tree_hashes(pkg) == before


def test_a_table_longer_than_an_excel_sheet_stops_the_template(tmp_path, run, monkeypatch):
    """A valid package whose survey answers outnumber Excel's 1.048.576 rows ended in "kesalahan internal"
    (openpyxl's row limit). The limit is made small here so a short table reaches it."""
    monkeypatch.setattr(workbook, "SHEET_ROWS", 3)
    status, _, err = run("templat", DATAPACKAGE, "--out", tmp_path / "isi.xlsx")
    assert status == 1 and f"{DATAPACKAGE}/data/realisasi.csv:4:1: tabel realisasi berisi" in "\n".join(err), err
    assert any("satu lembar Excel memuat paling banyak 2 baris di bawah judulnya" in line for line in err), err
    assert not (tmp_path / "isi.xlsx").exists()
    status, _, err = run("templat", DATAPACKAGE, "--out", tmp_path / "kosong.xlsx", "--kosong")
    assert status == 0, err


def test_a_catalog_given_for_one_package_names_a_member_to_give(tmp_path, run, kabupaten_site, filled_book):
    """`templat` and `impor` work on one agency's package; a kabupaten's catalog folder was reported as a package
    without datapackage.json (exit 1). It is a usage error naming a member's folder, and nothing is written."""
    catalog = kabupaten_site.site.parent / "kabupaten"
    import json

    member = catalog / json.loads((catalog / "katalog.json").read_text(encoding="utf-8"))["anggota"][0]["path"]
    before = tree_hashes(catalog)
    status, out, err = run("templat", catalog, "--out", tmp_path / "isi opd.xlsx")
    assert (status, out) == (2, []) and err == [
        f"kinerja: kesalahan penggunaan: '{catalog}' adalah katalog portal banyak OPD (katalog.json), bukan paket data; "
        f"buku kerja dibuat per paket OPD, misalnya: kinerja templat {member} --out '{tmp_path / 'isi opd.xlsx'}'"]
    status, out, err = run("impor", filled_book, "--data", catalog)
    assert (status, out) == (2, []) and err == [
        f"kinerja: kesalahan penggunaan: '{catalog}' adalah katalog portal banyak OPD (katalog.json), bukan paket data; "
        f"buku kerja dibuat per paket OPD, misalnya: kinerja impor {filled_book} --data {member}"]
    assert not (tmp_path / "isi opd.xlsx").exists() and tree_hashes(catalog) == before


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from("ACF"), top=st.integers(2, 10), rows=st.integers(1, 3))
def test_a_merged_range_is_named_where_it_empties_cells(tmp_path_factory, run, filled_book, column, top, rows):
    """Operators merge the cells of rows that share a value (an indicator over its two years). Excel keeps the
    content in the first cell only, so the others read as empty: each merged range is named as a warning, and
    a required cell it emptied says why; nothing is written. The streamed reading finds the same ranges as
    the whole workbook."""
    from generator.load import open_package
    from generator.workbook import read_workbook

    tmp = tmp_path_factory.mktemp("gabung")
    pkg = tmp / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    cells = f"{column}{top}:{column}{top + rows}"
    book = _edited(filled_book, tmp / "gabung.xlsx", lambda wb: wb["realisasi"].merge_cells(cells))
    before = tree_hashes(pkg)
    status, out, err = run("impor", book, "--data", pkg)
    name = {"A": "indikator", "C": "nilai", "F": "sumber"}[column]
    assert out == [] and err[0] == (
        f"gabung.xlsx!realisasi!{column}{top}: peringatan: sel gabungan {cells}: Excel menyimpan isinya hanya di sel "
        "pertamanya, sel lainnya dibaca kosong; pisahkan gabungannya lalu isi setiap sel"), err
    if column != "C":  # a required column: the emptied cells are an error that names the range
        assert status == 1 and [line for line in err if "wajib diisi" in line] == [
            f'gabung.xlsx!realisasi!{column}{top + 1}: kolom "{name}" wajib diisi ({name.capitalize()})'
            + (f" … dan {rows - 1} baris lain dengan masalah yang sama (baris "
               f"{', '.join(str(r) for r in range(top + 2, top + rows + 1))})" if rows > 1 else "")
            + f" (sel ini bagian dari sel gabungan {cells}: pisahkan gabungannya lalu isi setiap sel)"], err
    # an optional value emptied (nilai of a row still planned) is said, and imported; else nothing is written
    assert status == 0 or tree_hashes(pkg) == before
    spec, _ = open_package(pkg)
    assert read_workbook(book, spec).merged == read_workbook(book, spec, read_only=False).merged == {
        "realisasi": [(ord(column) - 64, top, ord(column) - 64, top + rows)]}


@pytest.mark.parametrize("package, absent", [(DATAPACKAGE, ["realisasi_triwulan", "anggaran_triwulan"]),
                                             (EXAMPLE, [])])
def test_a_workbook_without_the_quarterly_sheets_says_where_they_are(tmp_path, run, package, absent):
    """An operator who works only in Excel found no sheet for the quarters' realisasi and spending in the
    default package's workbook, and nothing saying why (its tables are not yet in datapackage.json). The
    command and the guide sheet now name the tables left out and how to add them; a package that has them
    gets their sheets and no such line."""
    status, _, err = run("templat", package, "--out", tmp_path / "isi.xlsx")
    book = load_workbook(tmp_path / "isi.xlsx")
    guide = [c.value for c in book["Petunjuk"]["A"] if c.value and "progres per triwulan" in str(c.value)]
    assert status == 0
    if absent:
        named = " dan ".join(absent)
        assert err[-1].startswith(f"Catatan: paket data belum memuat tabel {named}, jadi buku kerja")
        assert len(guide) == 1 and guide[0].startswith(f"- Lembar {named} (progres per triwulan) tidak ada")
        assert not set(absent) & set(book.sheetnames)
    else:
        assert not err[-1].startswith("Catatan") and guide == []
        assert {"target_triwulan", "realisasi_triwulan", "anggaran_triwulan"} <= set(book.sheetnames)
