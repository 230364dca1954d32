"""A hostile-input campaign against `kinerja validate`, `build`, `ikm` and catalogs, as a careless operator
and an attacker would try them. Each case mutates a fresh copy of a package and says what a correct
tool must do; the campaign counts the cases that end otherwise:

    traceback  an exception escaped the command, or an exit status other than 0, 1, 2
    wrong      the input was accepted (or refused) against expectation, or a fact the case checks is false
    lost       a file outside the build and output folders changed, or a previous site did not survive
    live       data-derived text is live (markup, formula, invalid XML) in a published file

    .venv/bin/python tools/hostile_campaign.py [-k SUBSTRING] [--builds | --only-builds] [--show]

With KAMPANYE_GENERATOR=<folder>, the generator package is imported from that folder instead (for a
before/after count: `git archive <commit> generator | tar -x -C <folder>`).

It is a measuring tool (numbers before and after a change), not a test: tests/test_fuzz.py and the named
regression tests are what `make test` runs.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("KAMPANYE_GENERATOR") or str(ROOT))
DEFAULT = ROOT / "datapackage"
EXAMPLE = ROOT / "examples" / "contoh-sintetis"
LINE = re.compile(r"^(?P<file>.+?):(?P<row>\d+):(?P<col>\d+): ")


@dataclass
class Case:
    name: str
    klass: str
    make: object  # (tmp: Path) -> dict(args=[...], expect={...}, checks=[callable(result)->str|None])
    build: bool = False


@dataclass
class Result:
    status: int | None
    out: list[str]
    err: list[str]
    crash: str = ""
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


CASES: list[Case] = []


def case(klass: str, build: bool = False):
    def wrap(fn):
        CASES.append(Case(fn.__name__, klass, fn, build))
        return fn
    return wrap


# --- helpers ---------------------------------------------------------------------------------------

def copy(src: Path, tmp: Path, name: str = "pkg") -> Path:
    target = tmp / name
    shutil.copytree(src, target)
    return target


def delim(path: Path) -> str:
    return ";" if path.name in ("anggaran.csv", "belanja.csv") else ","


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delim(path)))


def write_rows(path: Path, rows, delimiter=None, terminator="\n") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter or delim(path), lineterminator=terminator).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(pkg: Path, file: str, key: str, column: str, value: str) -> None:
    """Set `column` of the first row whose first cell is `key` (or row index when key is an int)."""
    path = pkg / "data" / file
    rows = rows_of(path)
    col = rows[0].index(column)
    target = next(r for r in rows[1:] if r[0] == key) if isinstance(key, str) else rows[key]
    target[col] = value
    write_rows(path, rows)


def descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def save_descriptor(pkg: Path, d: dict) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


def resource(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def schema_edit(pkg: Path, name: str, fn) -> None:
    path = pkg / "schemas" / f"{name}.json"
    s = json.loads(path.read_text(encoding="utf-8"))
    fn(s)
    path.write_text(json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8")


def field_of(s: dict, name: str) -> dict:
    return next(f for f in s["fields"] if f["name"] == name)


def tree(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    if folder.is_file():
        return {"": hashlib.sha256(folder.read_bytes()).hexdigest()}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".kinerja" not in p.parts}


def contains(text: str):
    def check(r: Result):
        joined = "\n".join(r.out + r.err)
        return None if text in joined else f"output lacks {text!r}"
    return check


def v(pkg: Path, expect=(1,), checks=()):
    return dict(args=["validate", str(pkg)], expect=set(expect), checks=list(checks), pkg=pkg)


# --- numbers at the edges ------------------------------------------------------------------------------

NONFINITE = ["inf", "-inf", "NaN", "nan", "Infinity", "#DIV/0!", "#N/A", "#VALUE!", "1.#INF", "1e999"]
for _i, _word in enumerate(NONFINITE):
    def _make(tmp, word=_word):
        pkg = copy(DEFAULT, tmp)
        set_cell(pkg, "realisasi.csv", "iku-ips", "nilai", word)
        return v(pkg, checks=[lambda r: None if "lebih kecil dari batas minimum" not in "\n".join(r.out) else "NaN as minimum"])
    _make.__name__ = f"realisasi_nilai_{_i}_{re.sub(r'[^a-z0-9]', '', _word.lower()) or 'x'}"
    case("numbers")(_make)


@case("numbers")
def survei_ikm_nan(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "survei.csv", "skm-informasi-publik-2025", "ikm", "NaN")
    return v(pkg, checks=[lambda r: None if "lebih kecil dari batas minimum" not in "\n".join(r.out) else "NaN as minimum"])


@case("numbers")
def pagu_scientific(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "anggaran.csv", "t-1", "pagu", "9,07905E+09")
    return v(pkg, checks=[contains("Ilmiah")])


@case("numbers")
def target_scientific(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "target.csv", "iku-ips", "nilai", "2.6E+00")
    return v(pkg)


@case("numbers")
def pegawai_scientific(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "pegawai.csv", "1.4.1", "jumlah", "1E+1")
    return v(pkg)


@case("numbers")
def pegawai_huge_integer(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "pegawai.csv", "1.4.1", "jumlah", "99999999999999999999999")
    return v(pkg)


@case("numbers")
def realisasi_far_beyond(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "1e300")
    return v(pkg)


@case("numbers")
def pagu_far_beyond(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "anggaran.csv", "t-1", "pagu", "9.079.049.540.000.000.000.000,00")
    return v(pkg)


@case("numbers")
def fullwidth_digits(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "８８.１９")
    return v(pkg)


@case("numbers")
def arabic_indic_digits(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "target.csv", "iku-kepuasan-informasi", "tahun", "٢٠٢٤")
    return v(pkg)


@case("numbers")
def odd_separators(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "8.8.19")
    return v(pkg)


@case("numbers")
def odd_group_in_rupiah(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "anggaran.csv", "t-1", "pagu", "9.079.049.54,0,00")
    return v(pkg)


@case("numbers")
def negative_pagu(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "anggaran.csv", "t-1", "pagu", "-9.079.049.540,00")
    return v(pkg)


@case("numbers")
def negative_percentage(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "-88.19")
    return v(pkg)


@case("numbers")
def ikm_above_scale(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "realisasi.csv", "iku-kepuasan-informasi", "nilai", "188.19")
    return v(pkg)


@case("numbers")
def negative_zero_pagu(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "realisasi.csv", "iku-ips", "nilai", "-0")
    return v(pkg, expect=(0, 1))


@case("numbers")
def year_with_decimal(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "target.csv", "iku-ips", "tahun", "2024.0")
    return v(pkg)


# --- text at the edges ---------------------------------------------------------------------------------

for _i, _ch in enumerate(["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe"]):
    def _make(tmp, ch=_ch):
        pkg = copy(DEFAULT, tmp)
        set_cell(pkg, "indikator.csv", "iku-ips", "nama", f"Indeks{ch}Pembangunan")
        return v(pkg)
    _make.__name__ = f"control_char_{ord(_ch):04x}"
    case("text")(_make)


@case("text")
def nul_in_commit_free_text_unit(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "unit_kerja.csv", "pimpinan", "pimpinan_nama", "Bayu\x00")
    return v(pkg)


@case("text")
def very_long_identifier(tmp):
    pkg = copy(DEFAULT, tmp)
    path = pkg / "data" / "indikator.csv"
    rows = rows_of(path)
    new = list(rows[1])
    new[0] = "x" * 400
    rows.append(new)
    write_rows(path, rows)
    return v(pkg)


@case("text", build=True)
def very_long_identifier_build(tmp):
    pkg = copy(DEFAULT, tmp)
    path = pkg / "data" / "indikator.csv"
    rows = rows_of(path)
    new = list(rows[1])
    new[0] = "x" * 300
    rows.append(new)
    write_rows(path, rows)
    return dict(args=["build", "--data", str(pkg), "--out", str(tmp / "site")], expect={1}, checks=[], pkg=pkg)


# --- file shapes --------------------------------------------------------------------------------------

@case("files")
def cr_only_line_endings(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    p.write_bytes(p.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    return v(pkg, expect=(0,))


@case("files")
def utf16_with_bom(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16"))
    return v(pkg, checks=[contains("UTF-16")])


@case("files")
def utf16_no_bom(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16-le"))
    return v(pkg, checks=[contains("UTF-16")])


@case("files")
def bom_inside_header(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    p.write_bytes(p.read_bytes().replace(b",tahun,", b",\xef\xbb\xbftahun,", 1))
    return v(pkg, expect=(0, 1))


@case("files")
def double_bom(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    p.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + p.read_bytes())
    return v(pkg, expect=(0, 1))


@case("files")
def unclosed_quote(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace('"82,35%"', '"82,35%', 1), encoding="utf-8")

    def one_line(r):
        lines = [x for x in r.out if LINE.match(x)]
        return None if len(lines) <= 3 and any("kutip" in x for x in lines) else f"{len(lines)} lines, none naming the quote"
    return v(pkg, checks=[one_line])


@case("files")
def instansi_header_only(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "instansi.csv"
    p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return v(pkg)


@case("files")
def instansi_two_rows(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "instansi.csv"
    rows = rows_of(p)
    second = list(rows[1])
    second[0] = "instansi-kedua"
    rows.append(second)
    write_rows(p, rows)
    return v(pkg)


for _name in ("node", "indikator", "dokumen", "skala", "target", "realisasi", "anggaran", "unit_kerja", "skala_kelas"):
    def _make(tmp, name=_name):
        pkg = copy(DEFAULT, tmp)
        p = pkg / "data" / f"{name}.csv"
        p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        return v(pkg, expect=(0, 1))
    _make.__name__ = f"header_only_{_name}"
    case("files")(_make)


@case("files")
def tab_separated(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    write_rows(p, rows_of(p), delimiter="\t")
    return v(pkg, expect=(1,), checks=[contains("tab")])


@case("files")
def indonesian_excel_realisasi(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    rows = rows_of(p)
    col = rows[0].index("nilai")
    for r in rows[1:]:
        r[col] = r[col].replace(".", ",")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    p.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return v(pkg, expect=(0,))


@case("files")
def english_excel_anggaran(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "anggaran.csv"
    rows = rows_of(p)
    for r in rows[1:]:
        for i in (3, 4, 5):
            r[i] = r[i].replace(".", "").replace(",", ".")
    write_rows(p, rows, delimiter=",", terminator="\r\n")
    return v(pkg, expect=(0,))


@case("files")
def extra_cells(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    rows = rows_of(p)
    rows[3] = rows[3] + ["x", "y"]
    write_rows(p, rows)
    return v(pkg)


@case("files")
def csv_is_a_folder(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "realisasi.csv"
    p.unlink()
    p.mkdir()
    return v(pkg)


@case("files")
def huge_field(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "indikator.csv", "iku-ips", "definisi", "x" * 200_000)
    return v(pkg, expect=(0, 1))


@case("files")
def nul_byte_in_file(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "node.csv"
    p.write_bytes(p.read_bytes().replace(b"Meningkatkan", b"Mening\x00katkan", 1))
    return v(pkg)


@case("files")
def binary_garbage(tmp):
    pkg = copy(DEFAULT, tmp)
    (pkg / "data" / "target.csv").write_bytes(bytes(range(256)) * 40)
    return v(pkg)


@case("files")
def blank_lines_inside(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "target.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join(lines[:5] + [""] + lines[5:]) + "\n\n", encoding="utf-8")
    return v(pkg, expect=(0, 1))


@case("files")
def mac_roman(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "data" / "instansi.csv"
    p.write_bytes(p.read_text(encoding="utf-8").replace("\n", "\r").encode("mac_roman", "replace"))
    return v(pkg)


# --- JSON shapes ---------------------------------------------------------------------------------------

def _descriptor_case(mutate, expect=(1,), checks=()):
    def make(tmp):
        pkg = copy(DEFAULT, tmp)
        d = descriptor(pkg)
        mutate(d)
        save_descriptor(pkg, d)
        return v(pkg, expect, checks)
    return make


JSON_CASES = {
    "resources_object": lambda d: d.update(resources={}),
    "resource_path_int": lambda d: resource(d, "realisasi").update(path=5),
    "resource_encoding_int": lambda d: resource(d, "realisasi").update(encoding=5),
    "resource_dialect_delim_int": lambda d: resource(d, "anggaran").update(dialect={"delimiter": 5}),
    "resource_dialect_list": lambda d: resource(d, "anggaran").update(dialect=[";"]),
    "resource_dialect_delim_long": lambda d: resource(d, "anggaran").update(dialect={"delimiter": ";;"}),
    "inline_schema_fields_str": lambda d: resource(d, "realisasi").update(schema={"fields": "x"}),
    "inline_schema_fields_ints": lambda d: resource(d, "realisasi").update(schema={"fields": [1, 2]}),
    "settings_year_str": lambda d: d["kinerja"].update(tahun_laporan="2025"),
    "settings_ppid_list": lambda d: d["kinerja"].update(ppid=[]),
    "settings_order_dict": lambda d: d["kinerja"].update(urutan_dokumen_target={"a": 1}),
    "settings_kinerja_list": lambda d: d.update(kinerja=[1]),
    "created_far_future": lambda d: d.update(created="99999-01-01T00:00:00Z"),
    "created_year_1": lambda d: d.update(created="0001-01-01T00:00:00Z"),
    "created_int": lambda d: d.update(created=5),
    "created_garbage": lambda d: d.update(created="kemarin"),
    "licenses_str": lambda d: d.update(licenses="CC-BY"),
    "licenses_ints": lambda d: d.update(licenses=[5]),
    "title_list": lambda d: d.update(title=["x"]),
    "name_dict": lambda d: d.update(name={"a": 1}),
    "sources_str": lambda d: d.update(sources="x"),
    "resource_schema_list": lambda d: resource(d, "realisasi").update(schema=["schemas/realisasi.json"]),
}
IGNORED = {"resource_dialect_delim_long", "resource_dialect_delim_int", "resource_dialect_list"}  # the style is detected
for _name, _mutate in JSON_CASES.items():
    _make = _descriptor_case(_mutate, expect=(0, 1) if _name in IGNORED else (1,))
    _make.__name__ = f"json_{_name}"
    case("json")(_make)


@case("json")
def deeply_nested_descriptor(tmp):
    pkg = copy(DEFAULT, tmp)
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(text.replace('"keywords": [', '"x": ' + "[" * 100000 + "]" * 100000 + ', "keywords": [', 1),
                                          encoding="utf-8")
    return v(pkg)


@case("json")
def nan_literal_in_descriptor(tmp):
    pkg = copy(DEFAULT, tmp)
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(text.replace('"batas_capaian_rata_rata": null', '"batas_capaian_rata_rata": NaN'),
                                          encoding="utf-8")
    return v(pkg)


@case("json")
def infinity_literal_in_descriptor(tmp):
    pkg = copy(DEFAULT, tmp)
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(text.replace('"hari_jawab": 10', '"hari_jawab": Infinity'), encoding="utf-8")
    return v(pkg)


@case("json")
def descriptor_utf16(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "datapackage.json"
    p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16"))
    return v(pkg)


SCHEMA_CASES = {
    "fields_not_list": lambda s: s.update(fields={"a": 1}),
    "field_name_int": lambda s: field_of(s, "catatan").update(name=5),
    "field_type_int": lambda s: field_of(s, "catatan").update(type=5),
    "field_type_unknown": lambda s: field_of(s, "catatan").update(type="angka"),
    "constraints_list": lambda s: field_of(s, "nilai").update(constraints=[]),
    "constraint_minimum_str": lambda s: field_of(s, "nilai").update(constraints={"minimum": "nol"}),
    "missing_values_str": lambda s: s.update(missingValues="-"),
    "primary_key_int": lambda s: s.update(primaryKey=5),
    "foreign_keys_fields_int": lambda s: s.update(foreignKeys=[{"fields": 5, "reference": {"resource": "indikator", "fields": ["id"]}}]),
    "foreign_keys_str": lambda s: s.update(foreignKeys="x"),
    "foreign_key_missing_reference": lambda s: s.update(foreignKeys=[{"fields": ["indikator"]}]),
    "enum_not_list": lambda s: field_of(s, "status").update(constraints={"required": True, "enum": "final"}),
    "pattern_invalid_regex": lambda s: field_of(s, "catatan").update(constraints={"pattern": "(["}),
    "schema_is_list": lambda s: (s.clear(), s.update({"0": []})),
    "true_values_int": lambda s: field_of(s, "catatan").update(type="boolean", trueValues=5),
    "decimal_char_long": lambda s: field_of(s, "nilai").update(decimalChar=",,"),
}
for _name, _mutate in SCHEMA_CASES.items():
    def _make(tmp, mutate=_mutate):
        pkg = copy(DEFAULT, tmp)
        schema_edit(pkg, "realisasi", mutate)
        return v(pkg)
    _make.__name__ = f"schema_{_name}"
    case("json")(_make)


@case("json")
def schema_deeply_nested(tmp):
    pkg = copy(DEFAULT, tmp)
    (pkg / "schemas" / "realisasi.json").write_text('{"fields": ' + "[" * 100000 + "]" * 100000 + "}", encoding="utf-8")
    return v(pkg)


@case("json")
def schema_nan(tmp):
    pkg = copy(DEFAULT, tmp)
    p = pkg / "schemas" / "survei.json"
    p.write_text(p.read_text(encoding="utf-8").replace('"minimum": 25', '"minimum": NaN'), encoding="utf-8")
    return v(pkg)


# --- schemas the operator edited ---------------------------------------------------------------------------

def _loosen(name, fn, file, key, column, value, expect=(1,)):
    def make(tmp):
        pkg = copy(DEFAULT, tmp)
        schema_edit(pkg, name, fn)
        if file:
            set_cell(pkg, file, key, column, value)
        return v(pkg, expect)
    return make


def _drop(name, key):
    def fn(s):
        f = field_of(s, name)
        f.get("constraints", {}).pop(key, None)
    return fn


LOOSE = {
    "id_pattern_dotdot": ("node", _drop("id", "pattern"), None, None, None, None),
    "status_enum_dropped": ("realisasi", _drop("status", "enum"), "realisasi.csv", "iku-ips", "status", "foo"),
    "pagu_minimum_dropped": ("anggaran", _drop("pagu", "minimum"), "anggaran.csv", "t-1", "pagu", "-5,00"),
    "required_dropped": ("indikator", _drop("nama", "required"), "indikator.csv", "iku-ips", "nama", ""),
    "missing_values_widened": ("target", lambda s: s.update(missingValues=["", "-", "0"]), None, None, None, None),
    "primary_key_dropped": ("realisasi", lambda s: s.pop("primaryKey"), None, None, None, None),
    "foreign_keys_dropped": ("indikator", lambda s: s.pop("foreignKeys"), "indikator.csv", "iku-ips", "node", "tidak-ada"),
    "ikm_max_dropped": ("survei", _drop("ikm", "maximum"), "survei.csv", "skm-informasi-publik-2025", "ikm", "500"),
    "enum_widened": ("indikator", lambda s: field_of(s, "polaritas")["constraints"].update(
        enum=["tinggi_lebih_baik", "rendah_lebih_baik", "naik"]), "indikator.csv", "iku-ips", "polaritas", "naik"),
}
for _name, (_res, _fn, _file, _key, _col, _val) in LOOSE.items():
    _make = _loosen(_res, _fn, _file, _key, _col, _val)
    _make.__name__ = f"loosened_{_name}"
    case("schemas")(_make)


@case("schemas", build=True)
def loosened_pattern_id_traversal_build(tmp):
    pkg = copy(DEFAULT, tmp)
    schema_edit(pkg, "indikator", _drop("id", "pattern"))
    for f in ("indikator.csv", "target.csv", "realisasi.csv", "angka_laporan.csv", "subindeks.csv", "survei.csv"):
        p = pkg / "data" / f
        p.write_text(p.read_text(encoding="utf-8").replace("iku-ips", "../../../../ips\"x"), encoding="utf-8")
    return dict(args=["build", "--data", str(pkg), "--out", str(tmp / "site")], expect={1}, checks=[], pkg=pkg)


# --- where output goes --------------------------------------------------------------------------------------

def _out_case(where, expect=(2,)):
    def make(tmp):
        repo = tmp / "repo"
        repo.mkdir()
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        pkg = copy(DEFAULT, repo, "datapackage")
        (repo / "catatan.txt").write_text("milik operator\n", encoding="utf-8")
        (repo / "afile.txt").write_text("x\n", encoding="utf-8")
        target = {"package": pkg, "repo": repo, "file": repo / "afile.txt", "parent-of-package": repo,
                  "inside-package": pkg / "situs", "foreign-folder": repo / "dokumen-saya",
                  "data-folder": pkg / "data", "home-like": tmp}[where]
        if where == "foreign-folder":
            target.mkdir()
            (target / "penting.docx").write_bytes(b"PK")
        return dict(args=["build", "--data", str(pkg), "--out", str(target)], expect=set(expect), checks=[], pkg=pkg,
                    watch=tmp)
    return make


for _where in ("package", "repo", "file", "inside-package", "foreign-folder", "data-folder", "home-like"):
    _make = _out_case(_where)
    _make.__name__ = f"out_{_where.replace('-', '_')}"
    case("output", build=True)(_make)


@case("output", build=True)
def killed_between_renames_then_invalid(tmp):
    """A previous site moved aside into the workspace (the state a SIGKILL between the renames leaves), then an
    invalid build: the previous site must be back."""
    pkg = copy(DEFAULT, tmp)
    out = tmp / "site"
    ws = tmp / ".kinerja" / "site"
    (ws / "lama-abc").mkdir(parents=True)
    (ws / "lama-abc" / "index.html").write_text("situs lama\n", encoding="utf-8")
    (ws / "lama-abc" / "data").mkdir()
    (ws / "lama-abc" / "data" / "manifest.json").write_text('{"generator": {"nama": "kinerja-terbuka"}}\n', encoding="utf-8")
    (ws / "baru-def").mkdir()
    set_cell(pkg, "realisasi.csv", "iku-ips", "status", "salah")

    def restored(r):
        return None if (out / "index.html").is_file() and (out / "index.html").read_text() == "situs lama\n" \
            else "previous site not restored"
    return dict(args=["build", "--data", str(pkg), "--out", str(out)], expect={1}, checks=[restored], pkg=pkg,
                lost_check=restored)


# --- what the package can make the build do ----------------------------------------------------------------

@case("git", build=True)
def nested_git_fsmonitor(tmp):
    pkg = copy(DEFAULT, tmp)
    marker = tmp / "DIJALANKAN"
    subprocess.run(["git", "init", "-q", str(pkg)], check=True)
    subprocess.run(["git", "-C", str(pkg), "-c", "user.name=x", "-c", "user.email=x@x", "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(pkg), "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "x"], check=True)
    (pkg / "data" / "realisasi.csv").write_text((pkg / "data" / "realisasi.csv").read_text() + "\n", encoding="utf-8")
    hook = tmp / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    subprocess.run(["git", "-C", str(pkg), "config", "core.fsmonitor", str(hook)], check=True)
    subprocess.run(["git", "-C", str(pkg), "config", "core.hooksPath", str(tmp)], check=True)
    (tmp / "post-index-change").write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    (tmp / "post-index-change").chmod(0o755)

    def not_run(r):
        return "a command from the package's git config ran" if marker.exists() else None
    return dict(args=["build", "--data", str(pkg), "--out", str(tmp / "site")], expect={0, 1}, checks=[not_run], pkg=pkg,
                live_check=not_run)


@case("git", build=True)
def git_file_claims_other_repo(tmp):
    pkg = copy(DEFAULT, tmp)
    other = tmp / "lain"
    other.mkdir()
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    (other / "x").write_text("x", encoding="utf-8")
    subprocess.run(["git", "-C", str(other), "-c", "user.name=x", "-c", "user.email=x@x", "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(other), "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm",
                    "RIWAYAT PALSU"], check=True)
    (pkg / ".git").write_text(f"gitdir: {other / '.git'}\n", encoding="utf-8")

    def no_fake(r):
        feed = tmp / "site" / "riwayat.xml"
        return "history read from the repository the folder claims" if feed.exists() and "RIWAYAT PALSU" in \
            feed.read_text(encoding="utf-8") else None
    return dict(args=["build", "--data", str(pkg), "--out", str(tmp / "site")], expect={0}, checks=[no_fake], pkg=pkg)


# --- what is published as is ------------------------------------------------------------------------------

def _attachment(name, content, expect=(1,)):
    def make(tmp):
        pkg = copy(EXAMPLE, tmp)
        (pkg / "berkas" / name).write_bytes(content)
        path = pkg / "data" / "informasi.csv"
        rows = rows_of(path)
        col = rows[0].index("berkas")
        row = next(r for r in rows[1:] if r[col])
        row[col] = f"berkas/{name}"
        write_rows(path, rows)
        return v(pkg, expect)
    return make


ATTACH = {
    "html": ("laporan.html", b"<html><script>alert(1)</script></html>"),
    "svg_script": ("bagan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "xml_entity": ("data.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    "pdf_that_is_html": ("laporan.pdf", b"<html><script>alert(1)</script></html>"),
    "js": ("skrip.js", b"alert(1)"),
    "no_extension": ("berkas", b"%PDF-1.4"),
}
for _name, (_file, _content) in ATTACH.items():
    _make = _attachment(_file, _content)
    _make.__name__ = f"attachment_{_name}"
    case("published")(_make)


@case("published")
def attachment_dotdot_inside(tmp):
    pkg = copy(EXAMPLE, tmp)
    path = pkg / "data" / "informasi.csv"
    rows = rows_of(path)
    col = rows[0].index("berkas")
    row = next(r for r in rows[1:] if r[col])
    row[col] = "data/../" + row[col]
    write_rows(path, rows)
    return v(pkg, expect=(0,))


@case("published", build=True)
def csv_injection_in_results(tmp):
    pkg = copy(DEFAULT, tmp)
    set_cell(pkg, "indikator.csv", "iku-kepuasan-informasi", "nama", "=HYPERLINK(\"http://x\",\"klik\")")
    set_cell(pkg, "node.csv", "s-1-1-1", "nama", "@SUM(1+1)*cmd|' /C calc'!A0")
    out = tmp / "site"

    def neutral(r):
        bad = []
        for p in sorted((out / "data").glob("*.csv")) if out.exists() else []:
            for row in csv.reader(io.StringIO(p.read_text(encoding="utf-8"))):
                for cell in row:
                    if cell[:1] in ("=", "@", "+", "\t", "\r") or (cell[:1] == "-" and not re.fullmatch(r"-[0-9.]+", cell)):
                        bad.append(f"{p.name}:{cell[:30]}")
        return ("formula cells: " + ", ".join(bad[:3])) if bad else None
    return dict(args=["build", "--data", str(pkg), "--out", str(out)], expect={0, 1}, checks=[], pkg=pkg,
                live_check=neutral)


@case("published", build=True)
def control_chars_in_commit_subject(tmp):
    repo = tmp / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    pkg = copy(DEFAULT, repo, "datapackage")
    git = ["git", "-C", str(repo), "-c", "user.name=x", "-c", "user.email=x@x"]
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "Perbarui\x01 realisasi \x1b[31m"], check=True)
    out = tmp / "site"

    def valid_feed(r):
        import xml.etree.ElementTree as ET
        feed = out / "riwayat.xml"
        if not feed.exists():
            return "no feed"
        try:
            ET.fromstring(feed.read_bytes())
        except ET.ParseError as exc:
            return f"invalid Atom feed: {exc}"
        return None
    return dict(args=["build", "--data", str(pkg), "--out", str(out)], expect={0}, checks=[], pkg=pkg, live_check=valid_feed)


# --- messages that mislead ----------------------------------------------------------------------------------

@case("messages")
def dotdot_path_inside_package(tmp):
    pkg = copy(DEFAULT, tmp)
    d = descriptor(pkg)
    resource(d, "realisasi")["path"] = "data/../data/realisasi.csv"
    save_descriptor(pkg, d)
    return v(pkg, expect=(0,))


@case("messages")
def english_descriptor_message(tmp):
    pkg = copy(DEFAULT, tmp)
    d = descriptor(pkg)
    resource(d, "realisasi")["name"] = "Realisasi Kinerja"
    save_descriptor(pkg, d)

    def bahasa(r):
        english = [x for x in r.out if re.search(r"\b(does not match|is not|required property|is too)\b", x)]
        return f"English message: {english[0][:100]}" if english else None
    return v(pkg, checks=[bahasa])


@case("messages")
def many_repeated_errors(tmp):
    pkg = copy(EXAMPLE, tmp)
    p = pkg / "data" / "jawaban_survei.csv"
    rows = rows_of(p)
    col = rows[0].index("u1")
    for r in rows[1:]:
        r[col] = "5"
    write_rows(p, rows)
    n = len(rows) - 1

    def counted(r):
        lines = [x for x in r.out if LINE.match(x)]
        if len(lines) > 5:
            return f"{len(lines)} lines for one repeated mistake"
        return None if any("baris lain" in x for x in lines) else "no count of the repeated rows"
    return v(pkg, checks=[counted])


def _ikm_case(content: bytes, expect=(1,), checks=()):
    def make(tmp):
        f = tmp / "jawaban.csv"
        f.write_bytes(content)
        return dict(args=["ikm", str(f)], expect=set(expect), checks=list(checks), pkg=None)
    return make


_IKM_ROWS = "u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + "".join("3,3,4,3,3,4,3,3,4\n" for _ in range(20))
IKM = {
    "tab_separated": (_IKM_ROWS.replace(",", "\t").encode(), (0,)),
    "utf16": (_IKM_ROWS.encode("utf-16"), (0, 1)),
    "cr_only": (_IKM_ROWS.replace("\n", "\r").encode(), (0,)),
    "nul_bytes": (_IKM_ROWS.replace("3,4\n", "3,\x00\n", 1).encode(), (1,)),
    "fullwidth": (_IKM_ROWS.replace("3,3,4,3", "３,3,4,3", 1).encode(), (1,)),
    "unclosed_quote": (_IKM_ROWS.replace("3,3,4,3", '"3,3,4,3', 1).encode(), (1,)),
    "huge_field": (("u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + "x" * 300_000 + ",3,3,3,3,3,3,3,3\n").encode(), (1,)),
}
for _name, (_content, _expect) in IKM.items():
    _make = _ikm_case(_content, _expect)
    _make.__name__ = f"ikm_{_name}"
    case("messages")(_make)


# --- catalogs ------------------------------------------------------------------------------------------------

def _catalog_case(body: str | None, mutate_member=None, expect=(1,)):
    def make(tmp):
        cat = tmp / "kab"
        cat.mkdir()
        copy(DEFAULT, cat, "opd-a")
        text = body if body is not None else json.dumps({"judul": "K", "anggota": [{"id": "opd-a", "path": "opd-a"}]})
        (cat / "katalog.json").write_text(text, encoding="utf-8")
        return dict(args=["validate", str(cat)], expect=set(expect), checks=[], pkg=cat)
    return make


CATALOG = {
    "deeply_nested": '{"judul": "K", "x": ' + "[" * 100000 + "]" * 100000 + ', "anggota": [{"id": "opd-a", "path": "opd-a"}]}',
    "nan": '{"judul": NaN, "anggota": [{"id": "opd-a", "path": "opd-a"}]}',
    "sintetis_string": '{"judul": "K", "sintetis": "false", "anggota": [{"id": "opd-a", "path": "opd-a"}]}',
    "judul_object": '{"judul": {"a": 1}, "anggota": [{"id": "opd-a", "path": "opd-a"}]}',
    "long_id": '{"judul": "K", "anggota": [{"id": "' + "a" * 300 + '", "path": "opd-a"}]}',
    "path_outside": '{"judul": "K", "anggota": [{"id": "opd-a", "path": "../../etc"}]}',
    "top_list": '[1, 2]',
    "utf16": None,
}
for _name, _body in CATALOG.items():
    _make = _catalog_case(_body)
    _make.__name__ = f"catalog_{_name}"
    case("catalog")(_make)


# --- running -------------------------------------------------------------------------------------------------

def run_main(args: list[str]) -> Result:
    from generator.commands import main

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    crash = ""
    status = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 — that is what the campaign counts
            crash = traceback.format_exc()
    text_out, text_err = out.getvalue(), err.getvalue()
    if "Traceback (most recent call last)" in text_out + text_err:
        crash = crash or "traceback printed"
    return Result(status, text_out.splitlines(), text_err.splitlines(), crash, time.perf_counter() - started)


def live_scan(out: Path) -> str | None:
    """Markers of live data-derived content in a built site."""
    if not out.is_dir():
        return None
    for p in out.rglob("*"):
        if p.suffix in (".html", ".svg", ".xml") and p.is_file():
            text = p.read_text(encoding="utf-8", errors="replace")
            if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
                return f"control character in {p.relative_to(out)}"
    return None


def evaluate(c: Case, tmp: Path) -> tuple[str, str, Result | None]:
    if c.name == "catalog_utf16":
        spec = _catalog_case('{"judul": "K", "anggota": [{"id": "opd-a", "path": "opd-a"}]}')(tmp)
        (tmp / "kab" / "katalog.json").write_bytes((tmp / "kab" / "katalog.json").read_text().encode("utf-16"))
    else:
        spec = c.make(tmp)
    watch = spec.get("watch") or spec.get("pkg")
    before = tree(watch) if watch else {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        r = run_main(spec["args"])
    finally:
        os.chdir(cwd)
    if r.crash or r.status not in (0, 1, 2):
        return "traceback", (r.crash.strip().splitlines() or [f"exit {r.status}"])[-1][:160], r
    if "lost_check" in spec and (msg := spec["lost_check"](r)):
        return "lost", msg, r
    if watch and spec["args"][0] == "build":
        after = tree(watch)
        out = Path(spec["args"][spec["args"].index("--out") + 1]).resolve()
        try:
            rel_out = out.relative_to(Path(watch).resolve()).as_posix()
        except ValueError:
            rel_out = None
        inside = (lambda k: rel_out is not None and (rel_out == "." or k == rel_out or k.startswith(rel_out + "/")))
        # a file that existed must not change or vanish, unless it was part of a previous kinerja site
        changed = [k for k in before if after.get(k) != before[k] and not (inside(k) and "lama_site" in spec)]
        changed += [k for k in after if k not in before and not inside(k)]
        if changed:
            return "lost", f"{len(changed)} files changed or removed, e.g. {sorted(changed)[0]}", r
    if "live_check" in spec and (msg := spec["live_check"](r)):
        return "live", msg, r
    if spec["args"][0] == "build" and "--out" in spec["args"]:
        msg = live_scan(Path(spec["args"][spec["args"].index("--out") + 1]))
        if msg:
            return "live", msg, r
    if r.status not in spec["expect"]:
        first = next((x for x in r.out + r.err if LINE.match(x)), (r.out + r.err + [""])[0])
        return "wrong", f"exit {r.status}, expected {sorted(spec['expect'])}: {first[:140]}", r
    for check in spec["checks"]:
        if (msg := check(r)):
            return "wrong", msg, r
    return "ok", "", r


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("-k", default="")
    p.add_argument("--builds", action="store_true", help="include the cases that build a site (slow)")
    p.add_argument("--only-builds", action="store_true", help="only the cases that build a site")
    p.add_argument("--show", action="store_true", help="print each case's output")
    args = p.parse_args()
    counts: dict[str, dict[str, int]] = {}
    failures = []
    started = time.perf_counter()
    for c in CASES:
        if args.k not in c.name or (c.build and not (args.builds or args.only_builds)) \
                or (args.only_builds and not c.build):
            continue
        with tempfile.TemporaryDirectory(prefix="kampanye-") as tmp:
            outcome, msg, r = evaluate(c, Path(tmp))
        counts.setdefault(c.klass, {}).setdefault(outcome, 0)
        counts[c.klass][outcome] += 1
        if outcome != "ok":
            failures.append((c.klass, c.name, outcome, msg))
        print(f"{outcome:9} {c.klass:9} {c.name:45} {msg}", flush=True)
        if args.show and r is not None:
            for line in (r.out + r.err)[:8]:
                print("          " + re.sub(r"/tmp/kampanye-[^/]+/", "", line)[:300])
    total = {k: sum(v.get(k, 0) for v in counts.values()) for k in ("ok", "traceback", "wrong", "lost", "live")}
    print(json.dumps({"per_class": counts, "total": total, "cases": sum(total.values()),
                      "seconds": round(time.perf_counter() - started, 1)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
