"""Named regression tests for the hostile-input classes of issue 12, one or more per class, each pinning the
exact message, the exit status and, where a build is involved, that nothing outside the output changed.

The classes: numbers at the edges, text at the edges, file shapes (encodings, line endings, quotes, row
counts, the two Excel CSV styles), JSON shapes, schemas the operator loosened, where output goes, and
messages that repeat. tests/test_fuzz.py generates inputs of the same classes; the failing examples it
found are kept here by name. tools/hostile_campaign.py measures the same classes before and after a change.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, EXAMPLE, ROOT, tree_hashes

SUMMARY = "Paket data "


def rows_of(path: Path, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delimiter))


def write_rows(path: Path, rows, delimiter: str = ",", terminator: str = "\n") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(pkg: Path, file: str, key: str, column: str, value: str) -> None:
    """Set `column` in the first row of data/`file` whose first cell is `key`."""
    path = pkg / "data" / file
    delimiter = ";" if file in ("anggaran.csv", "belanja.csv") else ","
    rows = rows_of(path, delimiter)
    row = next(r for r in rows[1:] if r[0] == key)
    row[rows[0].index(column)] = value
    write_rows(path, rows, delimiter)


def errors(pkg: Path, out: list[str]) -> list[str]:
    """Error lines (not warnings, not the summary), with the package's folder cut off the front."""
    prefix = f"{pkg}/"
    return [line.removeprefix(prefix) for line in out
            if not line.startswith(SUMMARY) and ": peringatan: " not in line]


def only_error(run, pkg: Path) -> str:
    status, out, err = run("validate", pkg)
    found = errors(pkg, out)
    assert status == 1, out + err
    assert len(found) == 1, "\n".join(found)
    assert not any("Traceback" in line for line in out + err)
    return found[0]


# --- numbers at the edges ----------------------------------------------------------------------------------

def test_excel_scientific_notation_in_rupiah_is_refused_with_the_fix(pkg, run):
    """Excel shows 9.079.049.540 as 9,07905E+09 when the column is narrow: accepting it would publish
    Rp9.079.050.000, a figure that is not in the spreadsheet."""
    set_cell(pkg, "anggaran.csv", "t-1", "pagu", "9,07905E+09")
    assert only_error(run, pkg) == (
        'data/anggaran.csv:2:4: kolom "pagu": nilai "9,07905E+09" tidak sah; yang diharapkan angka format Indonesia '
        "(titik pemisah ribuan, koma desimal), misalnya 9.079.049.540,00; angka ditulis dalam notasi ilmiah, yang di "
        "Excel sudah memotong digitnya: format sel sebagai Angka, bukan Ilmiah, lalu simpan ulang")


@pytest.mark.parametrize("word", ["NaN", "nan", "inf", "-Infinity", "#DIV/0!", "1e999"])
def test_non_finite_words_are_not_numbers(pkg, run, word):
    """NaN and its relatives were once reported as "smaller than the minimum 0", or accepted."""
    set_cell(pkg, "realisasi.csv", "iku-ips", "nilai", word)
    line = only_error(run, pkg)
    assert line.startswith(f'data/realisasi.csv:8:3: kolom "nilai": nilai "{word}" tidak sah; ')
    assert "batas minimum" not in line


def test_nan_message_says_what_to_write(pkg, run):
    set_cell(pkg, "realisasi.csv", "iku-ips", "nilai", "NaN")
    assert only_error(run, pkg) == (
        'data/realisasi.csv:8:3: kolom "nilai": nilai "NaN" tidak sah; yang diharapkan angka dengan titik sebagai '
        "pemisah desimal, misalnya 88.19; NaN atau tak hingga bukan angka: isi nilai yang sebenarnya, atau kosongkan "
        "(-) bila belum ada")


def test_full_width_digits_are_refused(pkg, run):
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "８８.１９")
    assert only_error(run, pkg) == (
        'data/realisasi.csv:2:3: kolom "nilai": nilai "８８.１９" tidak sah; yang diharapkan angka dengan titik sebagai '
        "pemisah desimal, misalnya 88.19; angka memakai digit selain 0-9 (misalnya angka lebar penuh): ketik ulang "
        "dengan angka 0-9")


def test_integer_beyond_any_real_count_is_refused(pkg, run):
    """Once a TypeError in pandas (cannot cast to int64)."""
    set_cell(pkg, "pegawai.csv", "1.4.1", "jumlah", "99999999999999999999999")
    assert only_error(run, pkg) == (
        'data/pegawai.csv:2:5: kolom "jumlah": nilai "99999999999999999999999" di luar jangkauan wajar (1.000 triliun '
        "atau lebih; tidak ada anggaran, jumlah atau indeks sebesar itu); periksa jumlah digitnya")


def test_negative_percentage_is_below_the_unit_bound(pkg, run):
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "-88.19")
    assert only_error(run, pkg) == (
        'data/realisasi.csv:2:3: nilai -88,19 di bawah batas satuan "persen" indikator "iku-kepuasan-informasi" '
        "(paling kecil 0); periksa tanda minusnya, atau nyatakan batas lain di kinerja.batas_satuan "
        "(datapackage.json) bila nilainya memang boleh negatif")


def test_index_above_its_scale_is_refused(pkg, run):
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "188.19")
    assert only_error(run, pkg) == (
        'data/realisasi.csv:2:3: nilai 188,19 di luar skala "mutu-ikm" indikator "iku-kepuasan-informasi" '
        "(25 sampai 100); periksa angkanya (mungkin salah letak koma atau titik)")


def test_negative_pagu_is_refused(pkg, run):
    set_cell(pkg, "anggaran.csv", "t-1", "pagu", "-9.079.049.540,00")
    assert only_error(run, pkg) == 'data/anggaran.csv:2:4: kolom "pagu": nilai -9.079.049.540,00 lebih kecil dari batas minimum 0'


# --- text at the edges ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("ch, name", [("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B"), ("\u202e", "U+202E")])
def test_control_character_in_a_cell_is_named(pkg, run, ch, name):
    set_cell(pkg, "indikator.csv", "iku-ips", "nama", f"Indeks{ch}Pembangunan")
    line = only_error(run, pkg)
    assert line.startswith(f'data/indikator.csv:5:3: kolom "nama": sel memuat karakter kendali tak terlihat {name}')
    assert line.endswith("di posisi 7; hapus karakter itu (biasanya terbawa saat menyalin dari sistem lain)")


def test_identifier_too_long_for_a_file_name(pkg, run):
    path = pkg / "data" / "indikator.csv"
    rows = rows_of(path)
    rows.append(["x" * 400] + rows[1][1:])
    write_rows(path, rows)
    assert only_error(run, pkg) == ('data/indikator.csv:50:1: kolom "id": ID sepanjang 400 karakter; yang diharapkan '
                                    "paling banyak 100 karakter, karena ID menjadi nama halaman dan berkas")


# --- file shapes ------------------------------------------------------------------------------------------------

def test_old_mac_line_endings_read_like_any_other(pkg, run):
    """CR alone (Excel for old Mac) was a csv.Error traceback."""
    path = pkg / "data" / "realisasi.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    status, out, err = run("validate", pkg)
    assert status == 0, out + err
    assert errors(pkg, out) == []


@pytest.mark.parametrize("codec, said", [("utf-16", 'UTF-16 (Excel: "Teks Unicode")'),
                                         ("utf-16-le", 'UTF-16 (Excel: "Teks Unicode")'),
                                         ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_utf16_export_is_named_as_utf16(pkg, run, codec, said):
    """Was reported as Windows-1252; UTF-32 (whose little-endian BOM begins as UTF-16's) was named UTF-16."""
    path = pkg / "data" / "realisasi.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    line = only_error(run, pkg)
    assert line.startswith(f"data/realisasi.csv:1:1: berkas tersimpan sebagai {said}, bukan UTF-8; ")


def test_unclosed_quote_is_named_once_where_it_opens(pkg, run):
    """Was 134 lines about shifted rows, none naming the quote."""
    path = pkg / "data" / "realisasi.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"82,35%"', '"82,35%', 1), encoding="utf-8")
    assert only_error(run, pkg) == (
        'data/realisasi.csv:2:4: tanda kutip (") di sel ini dibuka tetapi tidak ditutup, sehingga baris 2 sampai 3 '
        "terbaca sebagai satu sel; tambahkan tanda kutip penutup di akhir sel, atau hapus tanda kutip pembukanya")


def test_quote_open_until_the_end_of_the_file(pkg, run):
    path = pkg / "data" / "target.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'iku-ips,2030,"tidak ditutup\n', encoding="utf-8")
    line = only_error(run, pkg)
    assert line.endswith(': tanda kutip (") dibuka di baris ini tetapi tidak ditutup sampai akhir berkas; '
                         "tutup atau hapus tanda kutip itu")


def test_header_only_where_one_row_is_required(pkg, run):
    path = pkg / "data" / "instansi.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert only_error(run, pkg) == ("data/instansi.csv:1:1: tabel instansi hanya berisi baris judul; yang diharapkan "
                                    "tepat 1 baris profil instansi")


def test_second_row_where_exactly_one_is_allowed(pkg, run):
    path = pkg / "data" / "instansi.csv"
    rows = rows_of(path)
    rows.append(["instansi-kedua"] + rows[1][1:])
    write_rows(path, rows)
    assert only_error(run, pkg) == ("data/instansi.csv:3:1: tabel instansi berisi 2 baris; yang diharapkan tepat 1 "
                                    "baris profil instansi, hapus baris 3")


def test_tab_separated_file_is_one_line_not_missing_columns(pkg, run):
    path = pkg / "data" / "realisasi.csv"
    write_rows(path, rows_of(path), delimiter="\t")
    line = only_error(run, pkg)
    assert line.startswith('data/realisasi.csv:1:1: kolom dipisahkan dengan tab (Excel: "Teks (dibatasi tab)"), bukan CSV; ')


# --- the two Excel CSV styles, detected per file ----------------------------------------------------------------

def _tables(run, pkg: Path):
    from generator.validate import validate_package

    result = validate_package(pkg)
    assert result.report.ok, [str(p) for p in result.report.errors]
    return result.tables


def test_indonesian_excel_style_in_a_comma_file_reads_the_same_numbers(pkg, run, tmp_path):
    """realisasi.csv saved from Indonesian Excel: `;` between cells, decimal comma, BOM, CRLF."""
    path = pkg / "data" / "realisasi.csv"
    rows = rows_of(path)
    col = rows[0].index("nilai")
    for r in rows[1:]:
        r[col] = r[col].replace(".", ",")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    status, lines, err = run("validate", pkg)
    assert status == 0, lines + err
    mine = _tables(run, pkg)["realisasi"]
    theirs = _tables(run, DATAPACKAGE)["realisasi"]
    assert mine["nilai"].astype("float64").equals(theirs["nilai"].astype("float64"))  # NaN where both are empty
    assert 88.19 in mine["nilai"].tolist()


def test_english_excel_style_in_a_semicolon_file_reads_the_same_rupiah(pkg, run):
    """anggaran.csv saved from English Excel: `,` between cells and a decimal point, no thousands dots."""
    path = pkg / "data" / "anggaran.csv"
    rows = rows_of(path, ";")
    for r in rows[1:]:
        for i in (3, 4, 5):
            r[i] = r[i].replace(".", "").replace(",", ".")
    write_rows(path, rows, ",", "\r\n")
    status, lines, err = run("validate", pkg)
    assert status == 0, lines + err
    mine = _tables(run, pkg)["anggaran"]
    assert mine["pagu"].iloc[0] == 9_079_049_540
    assert mine["pagu"].tolist() == _tables(run, DATAPACKAGE)["anggaran"]["pagu"].tolist()


# --- JSON shapes ------------------------------------------------------------------------------------------------

def test_nan_in_the_descriptor_is_not_json(pkg, run):
    path = pkg / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    assert '"batas_capaian_rata_rata": null' in text
    path.write_text(text.replace('"batas_capaian_rata_rata": null', '"batas_capaian_rata_rata": NaN'), encoding="utf-8")
    line = only_error(run, pkg)
    assert line.endswith(": NaN bukan nilai JSON yang sah; tulis angkanya, atau null bila kosong")
    assert line.startswith("datapackage.json:")


def test_deeply_nested_descriptor_is_one_line(pkg, run):
    """Was a RecursionError."""
    path = pkg / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"keywords": [', '"x": ' + "[" * 100000 + "]" * 100000 + ', "keywords": [', 1),
                    encoding="utf-8")
    assert only_error(run, pkg) == ("datapackage.json:1:1: struktur JSON bertingkat terlalu dalam; yang diharapkan "
                                    "paling banyak 32 tingkat")


def test_a_key_written_twice_in_the_descriptor_is_refused_where_it_repeats(pkg, run):
    """`"tahun_laporan": 1999, ..., "tahun_laporan": 2025` built with exit 0: JSON keeps the last value without a
    word, so an operator's edit could be silently undone by an older line further down."""
    from generator.load.jsonfile import locate

    path = pkg / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    assert text.count('"tahun_laporan": 2025,') == 1
    path.write_text(text.replace('"tahun_laporan": 2025,', '"tahun_laporan": 1999, "tahun_laporan": 2025,'), encoding="utf-8")
    line, column = locate(path.read_text(encoding="utf-8"), "tahun_laporan", 2025)
    assert only_error(run, pkg) == (f'datapackage.json:{line}:{column}: kunci "tahun_laporan" ditulis dua kali '
                                    "dalam satu objek; JSON hanya memakai yang terakhir, jadi hapus salah satunya")


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.integers() | st.text(max_size=4),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12),
       st.data())
def test_a_repeated_key_is_found_at_its_second_place(value, data):
    """Against the definition: write a JSON object with one of its keys repeated (anywhere in the nesting);
    `parse_json` names that key at the second place it is written, and a document without a repeat parses."""
    import json as js

    from generator.load.jsonfile import parse_json
    from generator.problems import line_column

    assert parse_json(js.dumps(value, indent=1).encode("utf-8")) == (value, None)
    key = data.draw(st.text(max_size=3), label="key")
    text = js.dumps({"a": value, key: 1}, indent=1)
    second = text.rindex(js.dumps(key) + ": 1")
    doubled = text[:second] + js.dumps(key) + ": 0,\n " + text[second:]
    found, problem = parse_json(doubled.encode("utf-8"))
    at = doubled.index(js.dumps(key) + ": 1", second)
    assert found is None and problem == (*line_column(doubled, at), f"kunci {js.dumps(key, ensure_ascii=False)} ditulis "
                                         "dua kali dalam satu objek; JSON hanya memakai yang terakhir, jadi hapus salah "
                                         "satunya"), (doubled, problem)


def test_setting_of_the_wrong_type(pkg, run):
    path = pkg / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    d["kinerja"]["tahun_laporan"] = "2025"
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    line = only_error(run, pkg)
    assert line.endswith(': kinerja.tahun_laporan "2025" tidak sah; yang diharapkan tahun 2000-2100, misalnya 2025 '
                         '(atau null bila paket tidak memuat realisasi)')


def test_out_of_range_date_in_metadata(pkg, run):
    path = pkg / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    d["created"] = "99999-01-01T00:00:00Z"
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    line = only_error(run, pkg)
    assert line.endswith(""""created" '99999-01-01T00:00:00Z' bukan waktu yang sah; yang diharapkan tanggal dan waktu """
                         """ISO 8601 antara tahun 1970 dan 2100, misalnya "2026-02-13T00:00:00Z\"""")


# --- schemas the operator edited --------------------------------------------------------------------------------

def _edit_schema(pkg: Path, name: str, fn) -> None:
    path = pkg / "schemas" / f"{name}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    fn(next(f for f in schema["fields"] if f["name"] == fn.field), schema)
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")


def test_loosened_id_pattern_is_refused_before_any_id_becomes_a_path(pkg, run):
    """An ID with ../ once wrote a file outside the build folder, and one with a quote broke an attribute."""
    def drop(fld, schema):
        fld["constraints"].pop("pattern")
    drop.field = "id"
    _edit_schema(pkg, "indikator", drop)
    for f in ("indikator.csv", "target.csv", "realisasi.csv"):
        p = pkg / "data" / f
        p.write_text(p.read_text(encoding="utf-8").replace("iku-ips", '../../../../ips"x'), encoding="utf-8")
    status, out, err = run("validate", pkg)
    assert status == 1
    found = errors(pkg, out)
    assert found[0].startswith('schemas/indikator.json:')
    assert found[0].endswith('kolom "id" pada skema "indikator": pola (pattern) ^[a-z0-9][a-z0-9._-]*$ diubah atau '
                             "dihapus; skema paket boleh lebih ketat dari skema baku (generator/schemas/indikator.json), "
                             "tidak lebih longgar")


def test_loosened_minimum_is_refused(pkg, run):
    def drop(fld, schema):
        fld["constraints"].pop("minimum")
    drop.field = "pagu"
    _edit_schema(pkg, "anggaran", drop)
    line = only_error(run, pkg)
    assert line.startswith("schemas/anggaran.json:")
    assert line.endswith(': kolom "pagu" pada skema "anggaran": batas minimum 0 dihapus atau dilonggarkan; skema paket '
                         "boleh lebih ketat dari skema baku (generator/schemas/anggaran.json), tidak lebih longgar")


def test_widened_enum_is_refused(pkg, run):
    def widen(fld, schema):
        fld["constraints"]["enum"] = fld["constraints"]["enum"] + ["naik"]
    widen.field = "polaritas"
    _edit_schema(pkg, "indikator", widen)
    line = only_error(run, pkg)
    assert line.endswith(': kolom "polaritas" pada skema "indikator": daftar pilihan (enum) ditambah naik; skema paket '
                         "boleh lebih ketat dari skema baku (generator/schemas/indikator.json), tidak lebih longgar")


def test_stricter_schema_is_allowed(pkg, run):
    def tighten(fld, schema):
        fld["constraints"]["maximum"] = 100_000_000_000
    tighten.field = "pagu"
    _edit_schema(pkg, "anggaran", tighten)
    status, out, err = run("validate", pkg)
    assert status == 0, out + err


# --- messages that repeat ---------------------------------------------------------------------------------------

def test_one_repeated_mistake_is_one_line_with_a_count(tmp_path, run):
    pkg = tmp_path / "contoh"
    import shutil
    shutil.copytree(EXAMPLE, pkg)
    path = pkg / "data" / "jawaban_survei.csv"
    rows = rows_of(path)
    col = rows[0].index("u1")
    for r in rows[1:]:
        r[col] = "5"
    write_rows(path, rows)
    n = len(rows) - 1
    line = only_error(run, pkg)
    others = f"{n - 1:,}".replace(",", ".")
    assert f" … dan {others} baris lain dengan masalah yang sama (baris 3, 4, 5, 6, 7, …)" in line
    assert line.startswith('data/jawaban_survei.csv:2:')


# --- where output goes ------------------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    """A git work tree with the default package as datapackage/ and files of the operator beside it."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    import shutil
    shutil.copytree(DATAPACKAGE, root / "datapackage")
    (root / "catatan.txt").write_text("milik operator\n", encoding="utf-8")
    (root / "dokumen-saya").mkdir()
    (root / "dokumen-saya" / "penting.docx").write_bytes(b"PK\x03\x04")
    return root


UNSAFE = {
    "datapackage": "adalah atau memuat paket data",
    ".": "adalah atau memuat paket data",
    "catatan.txt": "adalah berkas, bukan folder; situs dibangun ke sebuah folder, misalnya site/",
    "datapackage/situs": "berada di dalam paket data",
    "datapackage/data": "berada di dalam paket data",
    "dokumen-saya": "tidak kosong dan bukan situs hasil kinerja build",
}


@pytest.mark.parametrize("target", list(UNSAFE))
def test_unsafe_out_is_a_usage_error_that_changes_nothing(repo, run, target):
    """`kinerja build --out datapackage` once deleted the whole package and exited 0."""
    before = tree_hashes(repo.parent)
    status, out, err = run("build", "--data", repo / "datapackage", "--out", repo / target,
                           "--config", ROOT / "mkdocs.yml", "--src", ROOT / "site_src")
    assert status == 2, out + err
    message = next(line for line in err if line.startswith("kinerja: "))
    assert f"folder hasil '{repo / target}' {UNSAFE[target]}" in message
    assert message.endswith("Tidak ada yang diubah.")
    assert tree_hashes(repo.parent) == before
    assert not (repo / ".kinerja").exists() and not (repo.parent / ".kinerja").exists()


ROLLUP_UNSAFE = {
    "datapackage": "adalah atau memuat sumber katalog rekap",
    ".": "adalah atau memuat katalog rekap",
    "datapackage/data": "berada di dalam sumber katalog rekap",
    "dokumen-saya": "tidak kosong dan bukan situs hasil kinerja build",
}


@pytest.mark.parametrize("target", list(ROLLUP_UNSAFE))
def test_rollup_out_is_checked_as_a_builds_is(repo, run, target):
    """`kinerja rekap --out dokumen-saya` once replaced the operator's folder with the roll-up's site (exit 0),
    and `--out datapackage` would have replaced its own source: the roll-up's output is refused as a build's."""
    (repo / "rekap.json").write_text(json.dumps({"judul": "R", "sumber": [{"id": "a", "paket": "datapackage"}]}),
                                     encoding="utf-8")
    before = tree_hashes(repo.parent)
    status, out, err = run("rekap", "--data", repo / "rekap.json", "--out", repo / target, "--config", ROOT / "mkdocs.yml")
    assert status == 2, out + err
    assert f"folder hasil '{repo / target}' {ROLLUP_UNSAFE[target]}" in err[-1] and err[-1].endswith("Tidak ada yang diubah.")
    assert tree_hashes(repo.parent) == before and not (repo / ".kinerja").exists()


def test_git_work_tree_as_out_is_refused(tmp_path, run):
    other = tmp_path / "lain"
    other.mkdir()
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    before = tree_hashes(tmp_path)
    status, out, err = run("build", "--data", DATAPACKAGE, "--out", other, "--config", ROOT / "mkdocs.yml")
    assert status == 2
    assert any("adalah repositori git; mengganti folder ini akan menghapusnya" in line for line in err)
    assert tree_hashes(tmp_path) == before


@pytest.mark.parametrize("target, said", [
    ("tema/x", "berada di dalam folder tema (theme.custom_dir)"),
    ("situs/bagian", "berada di dalam situs hasil kinerja build"),
])
def test_out_inside_the_theme_or_an_earlier_site_is_refused(repo, run, target, said):
    """`--out theme/x` was accepted: the build (even a failed one) wrote its work folder into the theme, and the
    next build published the site inside itself. `--out site/sub` put the work folder into the earlier site."""
    import shutil

    shutil.copytree(ROOT / "theme", repo / "tema")
    (repo / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: theme", "custom_dir: tema"), encoding="utf-8")
    assert "custom_dir: tema" in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "situs" / "data").mkdir(parents=True)  # an earlier site: its manifest names the generator
    (repo / "situs" / "data" / "manifest.json").write_text('{"generator": {"nama": "kinerja-terbuka"}}\n', encoding="utf-8")
    before = tree_hashes(repo.parent)
    status, out, err = run("build", "--data", repo / "datapackage", "--out", repo / target,
                           "--config", repo / "mkdocs.yml", "--src", ROOT / "site_src")
    assert status == 2, out + err
    assert f"folder hasil '{repo / target}' {said}" in err[-1] and err[-1].endswith("Tidak ada yang diubah."), err
    assert tree_hashes(repo.parent) == before


@pytest.mark.parametrize("link", [".kinerja", ".kinerja/situs", ".kinerja/situs/cache"])
def test_a_work_folder_that_is_a_link_is_refused_and_nothing_is_written_through_it(repo, run, link):
    """A `.kinerja` (or a folder in it) planted as a link to the data package made the build write its work
    folder, its lock and its pages into the package, even when it then failed."""
    place = repo / link
    place.parent.mkdir(parents=True, exist_ok=True)
    place.symlink_to(repo / "datapackage", target_is_directory=True)
    before = tree_hashes(repo / "datapackage")
    status, out, err = run("build", "--data", repo / "datapackage", "--out", repo / "situs",
                           "--config", ROOT / "mkdocs.yml", "--src", ROOT / "site_src")
    assert status == 2, out + err
    assert f"'{place}' di folder kerjanya adalah tautan simbolik" in err[-1], err
    assert tree_hashes(repo / "datapackage") == before and not (repo / "situs").exists()


def test_killed_between_renames_then_invalid_build_puts_the_previous_site_back(pkg, tmp_path, run):
    """The state a SIGKILL between the two renames leaves: the previous site moved aside, no site in place.
    The next build is invalid; the previous site must be back all the same."""
    out = tmp_path / "site"
    aside = tmp_path / ".kinerja" / "site" / "lama-abc"
    (aside / "data").mkdir(parents=True)
    (aside / "index.html").write_text("situs lama\n", encoding="utf-8")
    (aside / "data" / "manifest.json").write_text('{"generator": {"nama": "kinerja-terbuka"}}\n', encoding="utf-8")
    (tmp_path / ".kinerja" / "site" / "baru-def").mkdir()
    set_cell(pkg, "realisasi.csv", "iku-ips", "status", "salah")
    status, lines, err = run("build", "--data", pkg, "--out", out, "--config", ROOT / "mkdocs.yml")
    assert status == 1
    assert (out / "index.html").read_text(encoding="utf-8") == "situs lama\n"
    assert not aside.exists() and not (tmp_path / ".kinerja" / "site" / "baru-def").exists()


# --- what is published as is -------------------------------------------------------------------------------------

ACTIVE = {
    "laporan.html": (b"<html><script>alert(1)</script></html>",
                     'berkas "berkas/laporan.html" adalah halaman HTML, yang dapat menjalankan skrip bila dibuka dari '
                     "alamat portal; terbitkan sebagai PDF (atau gambar PNG)."),
    "bagan.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                  'berkas "berkas/bagan.svg" adalah gambar SVG, yang dapat menjalankan skrip bila dibuka dari alamat '
                  "portal; terbitkan sebagai PDF (atau gambar PNG)."),
    "laporan.pdf": (b"<html><script>alert(1)</script></html>",
                    'berkas "berkas/laporan.pdf" berakhiran .pdf tetapi isinya bukan PDF (terbaca sebagai HTML atau '
                    "XML); simpan ulang dari aplikasinya sebagai PDF yang sebenarnya"),
}


@pytest.mark.parametrize("name", list(ACTIVE))
def test_active_attachment_is_refused(tmp_path, run, name):
    """Attachments are copied onto the portal's own origin: HTML or SVG there could run a script."""
    import shutil
    pkg = tmp_path / "contoh"
    shutil.copytree(EXAMPLE, pkg)
    content, message = ACTIVE[name]
    (pkg / "berkas" / name).write_bytes(content)
    path = pkg / "data" / "informasi.csv"
    rows = rows_of(path)
    col = rows[0].index("berkas")
    row = next(r for r in rows[1:] if r[col])
    row[col] = f"berkas/{name}"
    write_rows(path, rows)
    line = only_error(run, pkg)
    assert line.startswith(f"data/informasi.csv:2:{col + 1}: {message}")


def test_formula_text_is_neutralised_and_numbers_stay_numbers():
    from generator.domain.text import spreadsheet_safe

    assert spreadsheet_safe('=HYPERLINK("http://x","klik")') == '\'=HYPERLINK("http://x","klik")'
    assert spreadsheet_safe("@SUM(1+1)*cmd|' /C calc'!A0") == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert spreadsheet_safe("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert spreadsheet_safe("\t=1") == "'\t=1"
    for harmless in ("-2,5", "+1.234", "-10%", "@diskominfo", "-", "Belanja Daerah", "2025-2026"):
        assert spreadsheet_safe(harmless) == harmless
    # after a sign, anything more than one number is arithmetic to a spreadsheet: a phone number opens as a
    # negative number, a range of years as their difference
    for computed in ("+62 719 123", "+62-719-9220007", "-1-1", "-2/3", "-(1)", "-10:30", "--", "-2025-2026"):
        assert spreadsheet_safe(computed) == "'" + computed


_WORDS = st.text(st.sampled_from("abc XYZ 0123,.:;()-+/%'\""), max_size=12)
_ACTIVE_PART = st.one_of(
    st.builds(lambda name, inner: f"{name}({inner})", st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,9}", fullmatch=True), _WORDS),
    st.builds(lambda a, b: f"{a}|{b}", _WORDS, _WORDS),
    st.builds(lambda a, b: f"{a}!{b}", _WORDS, _WORDS))


@settings(max_examples=40)
@given(sign=st.sampled_from("+-"), before=_WORDS, active=_ACTIVE_PART, harmless=_WORDS)
def test_a_signed_cell_is_refused_in_a_package_exactly_when_it_reaches_beyond_arithmetic(sign, before, active, harmless):
    """A package's own CSVs are published as they are (data/sumber/, the ZIP), so a text cell a spreadsheet would
    run must not reach them. After "+" or "-", a function call, a DDE link ("cmd|' /C calc'") or a reference
    to another sheet ("!") is refused, wherever it stands in the cell; words and arithmetic after a sign
    (the report's "- (keterangan ...)", a phone number) are kept, and neutralised in every CSV the build
    writes. Checked on the rule and through validation of an indicator's name."""
    from generator.domain.text import ACTIVE, runs_code, spreadsheet_safe

    bad, kept = sign + before + active, sign + harmless
    assert runs_code(bad)
    assert runs_code(kept) == (ACTIVE.search(kept) is not None)
    for cell in (bad, kept):
        assert spreadsheet_safe(cell) in (cell, "'" + cell)
        lines = _validated_name(cell)
        refused = [line for line in lines if "yang dijalankan spreadsheet sebagai rumus" in line]
        assert bool(refused) == runs_code(cell), (cell, lines[:3])
        if refused:
            assert refused[0].startswith(f"{DATAPACKAGE}/data/indikator.csv:2:") and f'diawali "{sign}"' in refused[0]


def _validated_name(name: str) -> list[str]:
    """Problem lines of the default package's indicator table with the first indicator's name set to `name`
    (the table checked alone, in memory)."""
    from generator.load.csvfile import read_csv_bytes
    from generator.load.package import open_package
    from generator.validate.cells import check_table

    pkg, _ = open_package(DATAPACKAGE)
    spec = pkg.resources["indikator"]
    rows = rows_of(DATAPACKAGE / "data" / "indikator.csv")
    rows[1][rows[0].index("nama")] = name
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    raw, problems = read_csv_bytes(out.getvalue().encode("utf-8"), spec.display, [f["name"] for f in spec.fields])
    assert raw is not None, problems
    return [f"{p.file}:{p.row}:{p.column}: {p.message}" for p in check_table(spec, raw, {}, pkg)]


@given(st.sampled_from("+-"), st.lists(st.tuples(st.sampled_from(["+", "-", "*", "/", "^", "&", ":", " ", "--"]),
                                                 st.from_regex(r"[0-9]{1,4}(?:[.,][0-9]{1,3})?%?", fullmatch=True)),
                                       min_size=1, max_size=4),
       st.from_regex(r"[0-9]{1,4}", fullmatch=True))
def test_arithmetic_after_a_sign_is_always_neutralised(sign, rest, first):
    """A signed number followed by any operator and another number is a formula that a spreadsheet computes
    (no function needed): every such cell is published with the apostrophe."""
    from generator.domain.text import spreadsheet_safe

    text = sign + first + "".join(op + number for op, number in rest)
    assert spreadsheet_safe(text) == "'" + text


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12).map(lambda t: "'" * (len(t) % 3) + t))
def test_a_protected_cell_never_runs_and_gives_its_text_back(text):
    """spreadsheet_safe: what it publishes is never formula-like, and spreadsheet_text gives the text back
    exactly (the workbook shows "+Meningkatkan akses", not "'+Meningkatkan akses"), also for text that
    itself begins with apostrophes."""
    from generator.domain.text import formula_like, spreadsheet_safe, spreadsheet_text

    cell = spreadsheet_safe(text)
    assert not formula_like(cell) and spreadsheet_text(cell) == text


def test_escaping_drops_control_characters_for_xml_and_html():
    """A commit subject with ESC or NUL made the Atom feed invalid XML."""
    from generator.render.escape import attr, md, title_text

    assert md("Indeks\x00Pembangunan\x1b") == "IndeksPembangunan"
    assert attr('a"\x0b<b>') == "a&#34;&#60;b&#62;"
    assert "\u202e" not in title_text("Dinas\u202eX")


def test_git_configuration_inside_the_package_never_runs(tmp_path, run):
    """A package carrying its own .git with core.fsmonitor and hooks: a warning, and the command is not run."""
    import shutil
    pkg = tmp_path / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    marker = tmp_path / "DIJALANKAN"
    git = ["git", "-C", str(pkg), "-c", "user.name=x", "-c", "user.email=x@x"]
    subprocess.run(["git", "init", "-q", str(pkg)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "x"], check=True)
    hook = tmp_path / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    subprocess.run(["git", "-C", str(pkg), "config", "core.fsmonitor", str(hook)], check=True)
    status, out, err = run("validate", pkg)
    assert status == 0, out + err
    warning = next(line for line in out if line.startswith(f"{pkg}/.git:1:1: peringatan: "))
    assert warning.endswith("folder .git di dalam folder paket data diabaikan: riwayat pembaruan dibaca dari repositori "
                            "yang memuat folder paket, dan pengaturan git yang dibawa paket tidak pernah dijalankan; bila "
                            "paket ini sendiri akar repositorinya, pindahkan paketnya ke subfolder (misalnya datapackage/)")
    from generator.load.history import read_history, repository_of
    from generator.validate import validate_package

    assert repository_of(pkg) != pkg  # the package's own .git is never the repository history is read from
    history = read_history(pkg, validate_package(pkg).tables, None)
    assert history is not None
    assert not marker.exists()


def test_a_link_that_loops_or_a_descriptor_from_elsewhere_is_one_line(tmp_path, run):
    """`data/loop.csv -> loop.csv` stopped validate, build and ikm with "kesalahan internal (RuntimeError)"; a
    datapackage.json linked from another folder was "sah" to validate and an internal error to build."""
    import shutil

    pkg = tmp_path / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    (pkg / "data" / "loop.csv").symlink_to("loop.csv")
    status, out, err = run("validate", pkg)
    assert status == 0 and f"{pkg}/data/loop.csv:1:1: peringatan: berkas ini tautan simbolik yang berputar " \
        "(menunjuk ke dirinya sendiri) dan tidak dapat dibaca; hapus tautan itu" in out, out + err
    (pkg / "data" / "loop.csv").unlink()
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    (pkg / "datapackage.json").rename(elsewhere / "datapackage.json")
    (pkg / "datapackage.json").symlink_to(elsewhere / "datapackage.json")
    for command in (("validate", pkg), ("build", "--data", pkg, "--out", tmp_path / "situs")):
        status, out, err = run(*command)
        assert status == 1 and f"{pkg}/datapackage.json:1:1: datapackage.json adalah tautan ke berkas di luar folder " \
            "paket" in "\n".join(out + err), (command, out, err)
        assert not any("kesalahan internal" in line for line in out + err)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.integers(0xD800, 0xDFFF), key=st.sampled_from(["title", "description", "name"]),
       where=st.sampled_from(["awal", "tengah", "akhir"]))
def test_half_a_surrogate_pair_in_the_descriptor_is_one_line(tmp_path_factory, run, code, key, where):
    """"\\ud800" in datapackage.json is valid JSON but no character: validate stopped with an internal
    UnicodeEncodeError, or passed and the build failed. It is one error where it is written."""
    import shutil

    pkg = tmp_path_factory.mktemp("surrogat") / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    path = pkg / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    escape = f"\\u{code:04x}"
    value = {"awal": escape + "Kinerja", "tengah": "Kin" + escape + "erja", "akhir": "Kinerja" + escape}[where]
    start = text.index(f'"{key}": "') + len(f'"{key}": "')
    text = text[:start] + value + text[text.index('"', start):]
    path.write_text(text, encoding="utf-8")
    line = text[:text.index(escape)].count("\n") + 1
    column = text.index(escape) - text.rfind("\n", 0, text.index(escape))
    status, out, err = run("validate", pkg)
    assert status == 1 and out[0] == (f"{path}:{line}:{column}: {escape} bukan karakter (separuh pasangan UTF-16 tanpa "
                                      "pasangannya); hapus atau ganti dengan huruf yang dimaksud"), out + err


def test_a_full_disk_met_where_no_file_is_named_is_one_line_in_bahasa(monkeypatch, run, pkg):
    """A disk that filled up while the pages were written was "kesalahan internal (OSError ...)", and while
    MkDocs wrote the site "[Errno 28] No space left on device" (English)."""
    import errno

    from generator.commands import validate
    from generator.publish.mkdocs import _Said

    def full(args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(validate, "run", full)
    status, out, err = run("validate", pkg)
    assert status == 1 and err == ["kinerja: tidak dapat menulis: ruang disk penuh; periksa ruang disk dan izin folder "
                                   "keluaran, lalu ulangi. Berkas dan situs yang sudah ada tidak diubah."], err
    said = _Said("mkdocs.yml")
    try:
        assert said.reason(OSError(errno.ENOSPC, "No space left on device", "/x/site/index.html")) == \
            "/x/site/index.html: ruang disk penuh"
    finally:
        said.close()


def test_a_repository_that_fetches_missing_objects_from_a_command_never_runs_it(tmp_path):
    """The repository holding a package said it was a partial clone whose promisor remote is `ext::<command>`,
    with `protocol.ext.allow=always`, and an old version of indikator.csv was missing: reading the history
    fetched it, running the command during `kinerja build`. Git now reaches no remote; the missing version
    is left out and the history is read."""
    import shutil

    from generator.domain.dates import data_datetime
    from generator.load.history import read_history
    from generator.validate import validate_package

    repo, marker = tmp_path / "repo", tmp_path / "DIJALANKAN"
    shutil.copytree(DATAPACKAGE, repo / "paket")
    git = ["git", "-C", str(repo), "-c", "user.name=x", "-c", "user.email=x@x"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for n, message in enumerate(("satu", "dua")):
        if n:
            path = repo / "paket" / "data" / "indikator.csv"
            path.write_text(path.read_text(encoding="utf-8").replace("Persentase", "Persentase baru", 1), encoding="utf-8")
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", message], check=True)
    old = subprocess.run(git + ["rev-parse", "HEAD~1:paket/data/indikator.csv"], check=True, capture_output=True,
                         text=True).stdout.strip()
    (repo / ".git" / "objects" / old[:2] / old[2:]).unlink()
    for key, value in (("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
                       ("remote.origin.promisor", "true"), ("protocol.ext.allow", "always"),
                       ("remote.origin.url", f"ext::sh -c touch% {marker}")):
        subprocess.run(git + ["config", key, value], check=True)
    checked = validate_package(repo / "paket")
    history = read_history(repo / "paket", checked.tables, data_datetime(checked.tables))
    assert not marker.exists()
    assert [v.ringkasan for v in history.versions] == ["dua", "satu"]
    assert "indikator" in history.versions[0].frames and "indikator" not in history.versions[1].frames


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stopped_command_says_so_in_one_line_and_leaves_nothing_half_written(tmp_path, signum, status):
    """Ctrl+C or SIGTERM in a command other than build (which has its own report) was a Python traceback; it
    is one line, the shell's status, and the folder `contoh` was filling is gone. Sent once the command is
    writing (its new folder exists: a condition, polled), not after a guessed delay."""
    import sys
    import time

    child = subprocess.Popen([sys.executable, "-m", "generator", "contoh", "--opd", "33", "--responden", "3000",
                              "--out", str(tmp_path / "kab")], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while not any(p.name.startswith(".kab.baru-") for p in tmp_path.iterdir()) and child.poll() is None:
            time.sleep(0.01)  # the poll's pace: the condition is the folder
        child.send_signal(signum)
        err = child.communicate(timeout=120)[1]
    finally:
        child.kill()
    assert child.returncode == status, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("kinerja: dihentikan sebelum selesai")
    assert list(tmp_path.iterdir()) == []


def test_a_build_started_in_another_folder_finds_the_pages_beside_its_configuration(tmp_path, run, monkeypatch):
    """`site_src` is looked for beside mkdocs.yml, as MkDocs finds its theme: started elsewhere with `--config`,
    the build used to stop in MkDocs' strict mode ("Aborted with 1 warnings", English, no page named)."""
    monkeypatch.chdir(tmp_path)
    status, _, err = run("build", "--data", DATAPACKAGE, "--config", ROOT / "mkdocs.yml", "--out", tmp_path / "situs")
    assert status == 0, err
    assert "Tentang portal ini" in (tmp_path / "situs" / "tentang" / "index.html").read_text(encoding="utf-8")


def test_missing_handwritten_pages_are_a_usage_error_before_any_work(tmp_path, run):
    import socket

    (tmp_path / "kosong").mkdir()
    with socket.socket() as free:  # a port nothing listens on, for the preview's own address check
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    for src, said in ((tmp_path / "tidak-ada", f"folder halaman tulisan tangan (--src) '{tmp_path}/tidak-ada' tidak "
                       "ditemukan"),
                      (tmp_path / "kosong", f"halaman 'Tentang portal' tidak ditemukan: yang diharapkan berkas "
                       f"'{tmp_path}/kosong/tentang.md' (folder halaman tulisan tangan, --src)")):
        for command in (["build", "--out", tmp_path / "situs"], ["serve", "--alamat", f"127.0.0.1:{port}"]):
            status, out, err = run(*command, "--data", DATAPACKAGE, "--src", src)
            assert (status, out, err) == (2, [], [f"kinerja: kesalahan penggunaan: {said}"]), (command, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kosong"]


def test_what_mkdocs_warned_about_is_named_when_it_stops_the_build(tmp_path):
    """Through the Python API nothing checks the pages first: MkDocs' strict mode stops the build, and the
    failure names the warning (the page the navigation lists), not only "Aborted with 1 warnings"."""
    from generator.publish import BuildError, build_site

    with pytest.raises(BuildError) as stopped:
        build_site(DATAPACKAGE, tmp_path / "situs", ROOT / "mkdocs.yml", tmp_path / "tanpa-halaman")
    said = str(stopped.value)
    assert said == ("MkDocs gagal membangun situs: peringatan MkDocs: navigasi menyebut 'tentang.md', tetapi halaman "
                    "itu tidak ada"), said
    assert "Aborted" not in said and not (tmp_path / "situs").exists()


@pytest.mark.parametrize("holder", ["pembangunan", "rekap"])
def test_a_build_waits_while_another_build_or_a_rollup_uses_its_folder(tmp_path, holder):
    """Two builds into one folder mixed their pages (one writing the Markdown the other was building) and both
    ended "Selesai" (seen: a site equal to neither package's); a roll-up reading a site while it was swapped
    could take files of two versions. A build now waits for the lock a build holds (`exclusive`) or a
    roll-up's reading shares (`reading`). Here this test holds it; the build says it waits, touches nothing,
    and finishes once it is free."""
    import os
    import sys

    from generator.publish.workspace import Workspace, exclusive, reading

    out = tmp_path / "situs"
    ws = Workspace.for_output(out)
    ws.root.mkdir(parents=True)
    ws.lock.touch()  # as any earlier build leaves it
    with exclusive(ws) if holder == "pembangunan" else reading(out):
        child = subprocess.Popen([sys.executable, "-m", "generator", "build", "--data", str(DATAPACKAGE),
                                  "--out", str(out)], cwd=ROOT, stderr=subprocess.PIPE)
        waiting = "  Menunggu proses kinerja lain yang memakai folder hasil ini selesai ..."
        try:
            said = b""
            while waiting.encode() not in said and (chunk := os.read(child.stderr.fileno(), 4096)):
                said += chunk  # the step's line ends only when the wait does
            assert said.decode() == f"Membangun situs dari {DATAPACKAGE}\n{waiting}", said
            assert not out.exists() and child.poll() is None and sorted(p.name for p in ws.root.iterdir()) == [".kunci"]
        except BaseException:
            child.kill()
            raise
    rest = child.communicate(timeout=300)[1].decode()
    assert child.returncode == 0, rest
    assert rest.startswith(" ") and "Selesai: 83 halaman" in rest and (out / "index.html").is_file()


def test_a_refused_output_leaves_no_lock_beside_it(tmp_path, run):
    """The lock of a build (`.kinerja/<out>/.kunci`) is made only in a workspace that exists: a build whose
    --out is refused leaves the folder as it was, where other outputs' workspaces already are."""
    (tmp_path / ".kinerja" / "situs-lain").mkdir(parents=True)
    package = tmp_path / "paket"
    shutil.copytree(DATAPACKAGE, package)
    before = tree_hashes(tmp_path)
    for out in (package / "situs", package, tmp_path):
        status, _, err = run("build", "--data", package, "--out", out)
        assert status == 2 and err[-1].startswith("kinerja: kesalahan penggunaan: folder hasil "), err
    assert tree_hashes(tmp_path) == before


def test_handwritten_pages_that_would_be_lost_or_stop_mkdocs_are_located_problems(tmp_path, run):
    """A page saved in Windows-1252 stopped MkDocs with an internal error (UnicodeDecodeError); a page named
    as one the generator makes ("profil.md") was replaced by it without a word; a README.md beside the home
    page stopped MkDocs' strict mode in English. Each is now one located line, exit 1, nothing written."""
    src = shutil.copytree(ROOT / "site_src", tmp_path / "halaman")
    (src / "catatan.md").write_bytes("# Catatan\n\nDisusun oleh tim\u00a0".encode() + b"Pengelola \x93Data\x94\n")
    (src / "profil.md").write_text("# Profil kami\n", encoding="utf-8")
    (src / "README.md").write_text("# Baca saya\n", encoding="utf-8")
    status, _, err = run("build", "--data", DATAPACKAGE, "--src", src, "--out", tmp_path / "situs")
    assert status == 1 and err[-5:] == [
        f"{src}/README.md:1:1: MkDocs tidak memakai README.md di folder yang juga berisi index.md; yang diharapkan "
        "nama berkas lain",
        f"{src}/catatan.md:3:28: bukan teks UTF-8 (bita 0x93); yang diharapkan berkas Markdown yang disimpan "
        "sebagai UTF-8",
        f"{src}/profil.md:1:1: 'profil.md' juga dibuat dari paket data, sehingga halaman tulisan tangan ini tidak akan "
        "tampil; yang diharapkan nama berkas lain",
        "Halaman tulisan tangan tidak sah: 3 kesalahan, 0 peringatan.",
        f"Situs di {tmp_path / 'situs'} tidak diubah."], err
    assert not (tmp_path / "situs").exists()


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=20),
                      min_size=1, max_size=6),
       where=st.data(), bad=st.sampled_from([b"\x80", b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80"]))
def test_the_first_byte_of_a_page_that_is_not_utf8_is_located(tmp_path_factory, lines, where, bad):
    """Any page, a byte that cannot start or continue UTF-8 put anywhere: the problem names the line and the
    letter it follows, counting letters, not bytes."""
    from generator.publish.workspace import handwritten, handwritten_problems
    from generator.render.context import Site

    row = where.draw(st.integers(0, len(lines) - 1))
    column = where.draw(st.integers(0, len(lines[row])))
    text = "\n".join(lines[:row] + [lines[row][:column]])
    rest = lines[row][column:] + "".join("\n" + line for line in lines[row + 1:])
    src = tmp_path_factory.mktemp("halaman")
    (src / "catatan.md").write_bytes(text.encode() + bad + (b" " if bad in (b"\xc3", b"\xe2\x80") else b"")
                                     + rest.encode())
    problems = handwritten_problems(src, handwritten(src), Site())
    assert [(p.row, p.column) for p in problems] == [(row + 1, column + 1)], problems
    assert problems[0].message.startswith(f"bukan teks UTF-8 (bita 0x{bad[0]:02X})")


@pytest.mark.parametrize("text, said", [
    (b"", "1:1: berkas konfigurasi kosong; yang diharapkan pasangan kunci: nilai, misalnya 'site_name: Kinerja Terbuka'"),
    (b"- a\n- b\n", "1:1: isi berkas bukan pasangan kunci: nilai; yang diharapkan konfigurasi MkDocs seperti "
                    "'site_name: Kinerja Terbuka' di baris pertama"),
    (b'!!python/object/apply:os.system ["true"]\n', "1:1: isi berkas bukan pasangan kunci: nilai; yang diharapkan "
                                                     "konfigurasi MkDocs seperti 'site_name: Kinerja Terbuka' di baris pertama"),
    (b"site_name: Kinerja\n\ttheme: material\n", "2:1: YAML tidak sah: tab dipakai sebagai indentasi (yang boleh hanya "
                                                 "spasi); yang diharapkan konfigurasi MkDocs yang sah"),
    (b"site_name: Dinas: Kominfo\n", "1:17: YAML tidak sah: tanda ':' di tempat yang tidak boleh (nilai yang memuat "
                                     "': ' perlu diapit tanda kutip); yang diharapkan konfigurasi MkDocs yang sah"),
    (b"site_name: Kinerja \x93Terbuka\x94\n", "1:20: bukan teks UTF-8 (bita 0x93); yang diharapkan konfigurasi MkDocs "
                                              "yang disimpan sebagai UTF-8"),
    pytest.param(b"site_name: A\nnav: " + b"[" * 5000 + b"]" * 5000 + b"\n",
                 "1:1: YAML bertingkat terlalu dalam; yang diharapkan konfigurasi MkDocs yang sah", id="5000-tingkat"),
    (b"site_name: A\ntheme:\n  name: material\nplugins:\n  - search\ntheme:\n  custom_dir: tema\n",
     "6:1: kunci 'theme' sudah ada di baris 2, dan YAML hanya memakai yang terakhir, sehingga isi yang pertama "
     "hilang; yang diharapkan satu kunci 'theme'"),
])
def test_a_configuration_mkdocs_cannot_read_is_one_located_line_before_any_work(tmp_path, run, text, said):
    """An empty mkdocs.yml or one that is a list ended in an internal error (TypeError) after every page was
    made; a YAML slip or another encoding ended in several lines of the YAML library's English. Now one
    located line in Bahasa, for build, serve and rekap alike, exit 1, nothing written."""
    import socket

    config = tmp_path / "mkdocs.yml"
    config.write_bytes(text)
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    with socket.socket() as free:  # a port nothing listens on, for the preview's own address check
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    for command in (["build", "--out", tmp_path / "situs"], ["serve", "--alamat", f"127.0.0.1:{port}"],
                    ["rekap", "--out", tmp_path / "rekap"]):
        status, out, err = run(*command, "--data", DATAPACKAGE, "--config", config)
        assert (status, out, err) == (1, [], [f"{config}:{said}", "Konfigurasi MkDocs tidak sah: 1 kesalahan, 0 peringatan."]), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "site_src"]


ENGLISH = re.compile(r"\b(expected|found|while|but|not allowed|cannot|scanning|parsing)\b")


@pytest.mark.parametrize("text, said", [
    ("\x85\x851", "1:3: isi berkas bukan pasangan kunci: nilai"),  # YAML's marks say 3:1 (NEL ends its lines)
    ('site_name: "A\x85B\u2028C"\ntheme: x\ntheme: y\n', "3:1: kunci 'theme' sudah ada di baris 2"),
    ("site_name: A\nnav: [\n", "3:1: YAML tidak sah: nilai tidak ditemukan; yang ada akhir berkas"),
    ('site_name: "A\\qB"\n', "1:15: YAML tidak sah: garis miring terbalik diikuti 'q' di dalam tanda kutip ganda"),
    ("site_name: &a A\ntheme: &a B\n", "2:8: YAML tidak sah: jangkar (&nama) yang sama ditulis dua kali"),
    ("site_name: A\n- b\n", "2:1: YAML tidak sah: indentasi tidak konsisten"),
    ("site_name: |0\n  A\n", "1:13: YAML tidak sah: angka indentasi teks blok harus 1 sampai 9"),
    ("site_name: !<x A\n", "1:15: YAML tidak sah: tag YAML (!...) tidak sah"),
])
def test_yaml_problems_are_located_as_an_editor_shows_the_file_and_said_in_bahasa(tmp_path, text, said):
    """YAML counts U+0085, U+2028 and U+2029 as line ends, editors do not: a configuration holding one was sent
    to a line the editor does not have. Any problem PyYAML names is said in Bahasa, never in its English."""
    from generator.publish.mkdocs import config_problems

    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    problems = config_problems(config)
    assert len(problems) == 1 and f"{problems[0].row}:{problems[0].column}: {problems[0].message}".startswith(said), problems
    assert not ENGLISH.search(problems[0].message)


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from("site_nam: -[]{}'\"\n\t#&*|>%@`,?\\ab1\x00\x85\u2028é!<"), max_size=60))
def test_a_configuration_that_passes_the_first_look_goes_to_mkdocs_without_an_internal_error(tmp_path_factory, text):
    """Whatever the configuration holds, either the first look locates what is wrong, or MkDocs itself reads it
    and answers with its own refusal (which the build reports), never with a Python error of its own."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.publish.mkdocs import config_problems

    config = tmp_path_factory.mktemp("konfigurasi") / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    problems = config_problems(config)
    lines = text.count("\n") + 1  # as an editor counts them: U+0085 and U+2028 end a line for YAML only
    assert all(1 <= p.row <= lines + 1 and p.column >= 1 for p in problems), problems
    assert not [p for p in problems if ENGLISH.search(p.message)], problems  # YAML's own words stay out
    if not problems:
        try:
            load_config(config_file=str(config))
        except (MkDocsException, SystemExit):
            pass


def test_a_configuration_that_is_a_folder_or_a_device_is_a_usage_error_that_says_so(tmp_path, run):
    """`--config` given a folder (the repository, say) or a device was "berkas konfigurasi ... tidak ditemukan",
    which the user could see was wrong; now it says what the path is and, for a folder holding mkdocs.yml,
    what to type."""
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "mkdocs.yml").write_text("site_name: A\n", encoding="utf-8")
    (tmp_path / "kosong").mkdir()
    expected = "yang diharapkan berkas konfigurasi MkDocs (mkdocs.yml)"
    for config, said in ((tmp_path / "repo", f"adalah folder; {expected}; mungkin maksudnya --config "
                                              f"{tmp_path / 'repo' / 'mkdocs.yml'}"),
                         (tmp_path / "kosong", f"adalah folder; {expected}"),
                         (Path("/dev/null"), f"bukan berkas biasa; {expected}")):
        for command in (["build", "--out", tmp_path / "situs"], ["serve"], ["rekap", "--out", tmp_path / "rekap"]):
            status, out, err = run(*command, "--data", DATAPACKAGE, "--config", config)
            assert (status, err) == (2, [f"kinerja: kesalahan penggunaan: --config '{config}' {said}"]), (command, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kosong", "repo"]


KEYS = st.sampled_from(["theme", "palette", "name", "features", "plugins", "search"])
SETTINGS = st.recursive(st.sampled_from(["x", "1", "true"]),
                        lambda inner: st.lists(st.tuples(KEYS, inner), min_size=1, max_size=4), max_leaves=12)


def _yaml(entries: list, indent: int, lines: list[str], under: str, found: list) -> None:
    """Block YAML of `entries` ([(key, value)], a value a scalar or such a list) appended to `lines`, and
    every key written a second time in one mapping appended to `found` as (line, column, key, under, first)."""
    first: dict[str, int] = {}
    for key, value in entries:
        line = len(lines) + 1
        if key in first:
            found.append((line, indent + 1, key, under, first[key]))
        else:
            first[key] = line
        if isinstance(value, list):
            lines.append(" " * indent + f"{key}:")
            _yaml(value, indent + 2, lines, f"{under}.{key}" if under else key, found)
        else:
            lines.append(" " * indent + f"{key}: {value}")


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(st.tuples(KEYS, SETTINGS), min_size=1, max_size=5))
def test_a_key_written_twice_at_any_depth_of_the_configuration_is_located(tmp_path_factory, entries):
    """YAML keeps the last of two same keys in one mapping and drops the first without a word: `theme:` twice
    at the top, or `palette:` twice under `theme:`, lost the first block's settings. Each second key is named
    at its line and column with the keys above it; the same key in two different mappings is not a problem."""
    from generator.publish.mkdocs import config_problems

    lines, found = [], []
    _yaml(entries, 0, lines, "", found)
    config = tmp_path_factory.mktemp("konfigurasi") / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = []
    for line, column, key, under, before in sorted(found):
        where = f" di bawah '{under}'" if under else ""
        expected.append(f"{config}:{line}:{column}: kunci '{key}'{where} sudah ada di baris {before}, dan YAML hanya "
                        f"memakai yang terakhir, sehingga isi yang pertama hilang; yang diharapkan satu kunci '{key}'{where}")
    assert [p.line() for p in config_problems(config)] == expected


def test_a_key_twice_under_an_anchor_is_named_where_it_is_written(tmp_path):
    """A mapping an alias repeats (`<<: *x`) is named at its anchor, not through the alias; `1:` and `"1":`
    are two different keys to YAML, not one written twice."""
    from generator.publish.mkdocs import config_problems

    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: A\nb: &x\n  c: 1\n  c: 2\ne:\n  <<: *x\n"1": a\n1: b\n', encoding="utf-8")
    assert [p.line() for p in config_problems(config)] == [
        f"{config}:4:3: kunci 'c' di bawah 'b' sudah ada di baris 3, dan YAML hanya memakai yang terakhir, sehingga "
        "isi yang pertama hilang; yang diharapkan satu kunci 'c' di bawah 'b'"]


def test_a_configuration_value_mkdocs_refuses_is_named_at_its_key(tmp_path, run):
    """A key MkDocs does not know (a typo) or a plugin that is not installed stopped the build with MkDocs'
    English ("Config value 'plugins': The "x" plugin is not installed"); now each is named at its line."""
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    config.write_text(text.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - peta-situs\n")
                      + "site_descripton: Portal kinerja\n", encoding="utf-8")
    lines = config.read_text(encoding="utf-8").splitlines()
    plugins, typo = lines.index("plugins:") + 1, len(lines)
    status, _, err = run("build", "--data", DATAPACKAGE, "--config", config, "--src", ROOT / "site_src",
                         "--out", tmp_path / "situs")
    assert status == 1 and err[-2:] == [
        f"kinerja: MkDocs gagal membangun situs: peringatan MkDocs: {config}:{typo}:1: MkDocs tidak mengenal kunci "
        f"'site_descripton' (salah ketik?); {config}:{plugins}:1: plugin 'peta-situs' tidak terpasang",
        f"Situs di {tmp_path / 'situs'} tidak diubah."], err


def test_a_theme_used_as_installed_builds_again_and_a_value_it_cannot_use_is_named_at_its_key(tmp_path, run):
    """A theme option the theme cannot use (`palette: 5`: MkDocs checks no theme option) ended in an internal
    error inside Material's base.html; now a line at the `theme` key, nothing published. The build after it,
    with Material as installed (no `custom_dir`), ended in another (the rebuild's key read the missing folder),
    and once fixed said "0 berkas berubah" for a site it had just made: the count is now of the site's files."""
    config, out = tmp_path / "mkdocs.yml", tmp_path / "situs"
    common = ("--data", DATAPACKAGE, "--config", config, "--src", ROOT / "site_src", "--out", out)
    refused = re.compile(f"kinerja: MkDocs gagal membangun situs: {re.escape(str(config))}:3:1: tema tidak dapat "
                         r"menyusun halaman dengan nilai di bawah 'theme' \(base\.html baris \d+\); yang diharapkan "
                         "nilai yang dikenal tema itu, seperti dalam dokumentasinya")
    bad, good = "site_name: Portal\n\ntheme:\n  name: material\n  palette: 5\n", "site_name: Portal\ntheme: material\n"
    config.write_text(bad, encoding="utf-8")
    status, _, err = run("build", *common)
    assert status == 1 and refused.fullmatch(err[-2]) and err[-1] == f"Situs di {out} tidak diubah.", err
    assert not out.exists()
    config.write_text(good, encoding="utf-8")
    status, _, err = run("build", *common)
    listed = json.loads((out / "data" / "manifest.json").read_text(encoding="utf-8"))["berkas"]
    assert status == 0 and f", {len(listed)} berkas berubah, " in err[-1], err
    status, _, err = run("build", *common)
    assert status == 0 and ", 0 berkas berubah, " in err[-1], err
    before = tree_hashes(out)
    config.write_text(bad, encoding="utf-8")
    status, _, err = run("build", *common)
    assert status == 1 and refused.fullmatch(err[-2]), err
    assert tree_hashes(out) == before


@pytest.mark.parametrize("setting, said", [
    ("copyright: [1]", "2:1: 'copyright' harus berupa teks, bukan daftar"),
    ("repo_url: 5", "2:1: 'repo_url' harus berupa teks, bukan bilangan bulat"),
    ("use_directory_urls: mungkin", "2:1: 'use_directory_urls' harus berupa ya/tidak (true/false), bukan teks"),
    ("extra_css: 5", "2:1: 'extra_css' harus berupa daftar, bukan bilangan bulat"),
    ("plugins:\n  search: 5", "2:1: pilihan untuk plugin 'search' tidak sah"),
    ("markdown_extensions: 5", "2:1: 'markdown_extensions' harus berupa daftar ekstensi Markdown"),
    ("theme:\n  name: material\n  locale: 5", "2:1: 'theme.locale' harus berupa teks"),
    ("watch: [tidak-ada]", "2:1: '{folder}/tidak-ada' tidak ada"),
])
def test_a_value_mkdocs_refuses_is_said_in_bahasa_at_its_key(tmp_path, setting, said):
    """MkDocs' own checks of its keys' values (a list where text belongs, a word where true/false belongs) came
    through in its English ("Expected type: <class 'str'> but received: <class 'list'>"). Read as MkDocs reads
    the configuration, each is now said in Bahasa at its key."""
    import logging

    from mkdocs.config import load_config

    from generator.publish.mkdocs import _Said

    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Portal\n{setting}\n", encoding="utf-8")
    said_by = _Said(str(config))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        with pytest.raises(BaseException):  # MkDocs' Abort after its own error lines
            load_config(config_file=str(config))
    finally:
        said_by.close()
    assert said_by.messages == [f"{config}:{said.format(folder=tmp_path)}"]
    assert not ENGLISH.search(said_by.messages[0])


def test_a_preview_whose_lock_cannot_be_made_uses_its_folder_as_before(tmp_path):
    """`kinerja serve` takes the next folder (`pratinjau-<paket>-2`) only when another preview holds the first;
    a lock file that cannot be opened at all (here a symbolic link, which the lock never follows) says
    nothing about other previews: the first folder is used, unlocked, and no other folder is made."""
    from generator.publish.workspace import preview

    package = tmp_path / "paket"
    package.mkdir()
    first = tmp_path / ".kinerja" / "pratinjau-paket"
    first.mkdir(parents=True)
    (first / ".kunci").symlink_to(tmp_path / "di-tempat-lain")
    with preview(package) as ws:
        assert ws.root == first
    assert sorted(p.name for p in (tmp_path / ".kinerja").iterdir()) == ["pratinjau-paket"]


@settings(max_examples=40, deadline=None)
@given(extra=st.one_of(st.integers(1, 600), st.integers(600, 5_000_000)), at=st.integers(0, 3),
       delimiter=st.sampled_from([",", ";"]), quoted=st.booleans(), typed=st.booleans())
def test_a_row_of_any_number_of_extra_cells_is_one_line_read_from_its_counts(extra, at, delimiter, quoted, typed):
    """One row ending in five million separators (a 5 MB file) was read by pandas into memory until the
    process was killed; two million quoted empty cells took 8,5 s and 1 GB before the one line that refuses
    it. Cells beyond the last column are now read only up to 256 more than the header (empty ones then left
    out with a warning); a longer row is refused from its count of cells alone. Either way one line, at the
    row, that names its number of cells."""
    from generator.load.csvfile import EXTRA_CELLS, read_csv_bytes

    rows = [f"{i}{delimiter}{i + 1}{delimiter}{i + 2}" for i in range(4)]
    cell = '""' if quoted else ""
    rows[at] += (delimiter + cell) * (extra - 1) + delimiter + ("x" if typed else cell)
    data = ("a" + delimiter + "b" + delimiter + "c\n" + "\n".join(rows) + "\n").encode()
    raw, problems = read_csv_bytes(data, "f.csv", ["a", "b", "c"])
    lines = [p.line() for p in problems]
    if extra <= EXTRA_CELLS and not typed:
        assert raw is not None and len(raw.frame) == 4 and lines == [
            f"f.csv:{at + 2}:4: peringatan: sel di kanan kolom terakhir (kolom ke-3) kosong, jadi tidak dibaca; tidak ada "
            f'yang perlu diubah, atau hapus pemisah "{delimiter}" di ujung baris ini'], lines
    else:
        column = 3 + extra if typed and extra <= EXTRA_CELLS else 4
        assert raw is None and lines == [
            f"f.csv:{at + 2}:{column}: baris ini memiliki {3 + extra} sel, lebih banyak dari 3 kolom judul; periksa "
            f'pemisah "{delimiter}" di dalam teks yang tidak diberi tanda kutip'], lines
