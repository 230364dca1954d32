"""Structural checks of each table file: it exists, is not empty, is UTF-8, has the right columns,
and every cell satisfies its Table Schema (types, constraints, keys) as frictionless checks it.

Frictionless's findings are translated into one Indonesian line per problem that says what is
wrong and what was expected, with the spreadsheet row and column of the cell.
"""
from __future__ import annotations

import copy
import csv
import difflib
import hashlib
import io
import json
import re

import pandas as pd

from frictionless import Package as FrictionlessPackage

from generator.cache import code_key, file_digest
from generator.load import PackageSpec, ResourceSpec
from generator.problems import Problem

BOM = b"\xef\xbb\xbf"


def check_structure(pkg: PackageSpec, checked: dict[str, str] | None = None) -> list[Problem]:
    """All file-level and cell-level problems of the package's tables.

    `checked` (resource name → key) lists the tables that passed last time, keyed by `check_key`; a table
    whose key is unchanged skips the cell checks (frictionless reads every row: ~45 s for a million survey
    answers). The dict is updated with the keys of the tables that pass now; callers keep it only when the
    whole package is valid."""
    problems: list[Problem] = []
    healthy: list[str] = []
    for name, spec in pkg.resources.items():
        found = _preflight(spec)
        problems.extend(found)
        if not found:
            healthy.append(name)
    keys = {name: check_key(pkg, name) for name in healthy} if checked is not None else {}
    todo = [n for n in healthy if checked is None or checked.get(n) != keys[n]]
    # A table another changed table refers to is checked too: frictionless needs it for the keys.
    targets = {fk["reference"].get("resource") for n in todo for fk in pkg.resources[n].schema.get("foreignKeys", [])}
    todo = [n for n in healthy if n in todo or n in targets]
    found = _frictionless(pkg, todo)
    problems.extend(found)
    for name in todo:
        problems.extend(_grouped_numbers(pkg.resources[name]))
    if checked is not None:
        bad = {p.file for p in problems}
        for name in todo:
            if pkg.resources[name].display not in bad:
                checked[name] = keys[name]
    return problems


def check_key(pkg: PackageSpec, name: str) -> str:
    """sha256 of a table's bytes, its schema and the bytes of the tables its foreign keys point at."""
    spec = pkg.resources[name]
    digest = hashlib.sha256(code_key().encode("utf-8"))
    digest.update(json.dumps(spec.schema, sort_keys=True).encode("utf-8") + spec.delimiter.encode("utf-8"))
    digest.update(file_digest(spec.path))
    for fk in spec.schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or name
        if target in pkg.resources and target != name:
            digest.update(target.encode("utf-8") + file_digest(pkg.resources[target].path))
    return digest.hexdigest()


# --- files -----------------------------------------------------------------------------------

def _preflight(spec: ResourceSpec) -> list[Problem]:
    names = [f["name"] for f in spec.fields]
    expected = ", ".join(names)
    if not spec.path.is_file():
        return [Problem(spec.display, 1, 1, f'berkas tidak ditemukan; resource "{spec.name}" di datapackage.json '
                                            f"menunjuk ke berkas ini (kolom yang diharapkan: {expected})")]
    data = spec.path.read_bytes()
    body = data[len(BOM):] if data.startswith(BOM) else data
    if not body.strip():
        return [Problem(spec.display, 1, 1, f"berkas kosong; yang diharapkan minimal baris judul kolom: {expected}")]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [_encoding_problem(spec, body, exc)]
    return _check_header(spec, text, names)


def _encoding_problem(spec: ResourceSpec, body: bytes, exc: UnicodeDecodeError) -> Problem:
    """Point at the first byte that is not UTF-8: usually an Excel 'CSV (Windows-1252/ANSI)' export."""
    line_start = body.rfind(b"\n", 0, exc.start) + 1
    line_end = body.find(b"\n", exc.start)
    row = body.count(b"\n", 0, exc.start) + 1
    prefix = body[line_start:exc.start].decode("cp1252", errors="replace")
    column = len(next(csv.reader([prefix], delimiter=spec.delimiter))) if prefix else 1
    line = body[line_start: line_end if line_end >= 0 else len(body)].decode("cp1252", errors="replace").rstrip("\r")
    cells = next(csv.reader([line], delimiter=spec.delimiter), [""])
    cell = cells[column - 1] if column <= len(cells) else line
    char = body[exc.start:exc.start + 1].decode("cp1252", errors="replace")
    bad = body[exc.start:exc.start + 1].hex().upper()
    return Problem(spec.display, row, column,
                   f'teks bukan UTF-8: bita 0x{bad} ("{char}" dalam Windows-1252), sel terbaca sebagai "{cell[:80]}"; '
                   'berkas tampaknya disimpan Excel sebagai "CSV (Comma delimited)"/ANSI. '
                   'Yang diharapkan: simpan ulang sebagai "CSV UTF-8 (Comma delimited)"')


def _check_header(spec: ResourceSpec, text: str, names: list[str]) -> list[Problem]:
    header = next(csv.reader(io.StringIO(text), delimiter=spec.delimiter), [])
    header = [h.strip("\ufeff") for h in header]
    spec.header = header
    expected = ", ".join(names)
    if header == names or (sorted(header) == sorted(names) and len(set(header)) == len(header)):
        return []
    other = ";" if spec.delimiter == "," else ","
    if len(header) == 1 and other in header[0]:
        split = [h.strip() for h in header[0].split(other)]
        if set(split) & set(names):
            return [Problem(spec.display, 1, 1,
                            f'kolom dipisahkan dengan "{other}", padahal resource ini memakai pemisah "{spec.delimiter}"; '
                            f'yang diharapkan: simpan ulang dengan pemisah "{spec.delimiter}" '
                            f'atau ubah "dialect" resource "{spec.name}" di datapackage.json')]
    problems = []
    seen = set()
    for i, h in enumerate(header, start=1):
        if h in seen:
            problems.append(Problem(spec.display, 1, i, f'judul kolom "{h}" muncul dua kali; setiap kolom harus unik'))
        seen.add(h)
    missing = [n for n in names if n not in header]
    unknown = [(i, h) for i, h in enumerate(header, start=1) if h not in names]
    for i, h in unknown:
        guess = difflib.get_close_matches(h.strip().lower(), missing, n=1, cutoff=0.6)
        if guess:
            problems.append(Problem(spec.display, 1, i, f'judul kolom "{h}" tidak dikenal; mungkin maksudnya "{guess[0]}"? '
                                                        f"Kolom yang diharapkan: {expected}"))
            missing.remove(guess[0])
        elif not h.strip():
            problems.append(Problem(spec.display, 1, i, f"judul kolom kosong; kolom yang diharapkan: {expected}"))
        else:
            problems.append(Problem(spec.display, 1, i, f'judul kolom "{h}" tidak dikenal skema "{spec.name}"; '
                                                        f"kolom yang diharapkan: {expected}"))
    for n in missing:
        problems.append(Problem(spec.display, 1, len(header) + 1,
                                f'kolom "{n}" tidak ada; yang diharapkan kolom: {expected}'))
    return problems


# --- cells -----------------------------------------------------------------------------------

def _frictionless(pkg: PackageSpec, healthy: list[str]) -> list[Problem]:
    if not healthy:
        return []
    resources = []
    for name in healthy:
        spec = pkg.resources[name]
        schema = copy.deepcopy(spec.schema)
        # A reference to a table that is itself broken would only repeat its problems.
        schema["foreignKeys"] = [fk for fk in schema.get("foreignKeys", [])
                                 if fk["reference"].get("resource", name) in (healthy + [""])]
        schema["fieldsMatch"] = "equal"  # columns may come in any order; the set was checked above
        for fld in schema.get("fields", []):
            fld.pop("x-rupiah", None)
        resources.append({"name": name, "path": spec.path.relative_to(pkg.root.resolve()).as_posix(),
                          "type": "table", "format": "csv", "encoding": "utf-8",
                          "dialect": {"csv": {"delimiter": spec.delimiter}}, "schema": schema})
    descriptor = {"name": "paket", "resources": resources}
    report = FrictionlessPackage(descriptor, basepath=str(pkg.root.resolve())).validate(limit_errors=1000)
    problems = []
    for task in report.tasks:
        spec = pkg.resources[task.name]
        for error in task.errors:
            problems.append(translate(spec, error))
    for error in report.errors:
        problems.append(Problem(pkg.descriptor_display, 1, 1, f"pemeriksaan frictionless gagal: {error.note}"))
    return problems


def _grouped_numbers(spec: ResourceSpec) -> list[Problem]:
    """Frictionless drops a thousands separator wherever it stands, so `285697300.00` in an Indonesian
    column would silently read as 28.569.730.000. Require separators every three digits."""
    grouped = [f for f in spec.fields if f.get("type") == "number" and f.get("groupChar")]
    if not grouped:
        return []
    frame = pd.read_csv(spec.path, sep=spec.delimiter, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                        usecols=[f["name"] for f in grouped])
    missing = set(spec.schema.get("missingValues", [""]))
    problems = []
    for fld in grouped:
        g, d = re.escape(fld["groupChar"]), re.escape(fld.get("decimalChar", "."))
        pattern = rf"-?(\d{{1,3}}({g}\d{{3}})+|\d+)({d}\d+)?"
        cells = frame[fld["name"]].str.strip()
        numeric_looking = cells.str.fullmatch(r"-?[\d.,]+")  # other text is frictionless's type error
        bad = ~cells.isin(missing) & numeric_looking & ~cells.str.fullmatch(pattern)
        for index in cells[bad].index:
            problems.append(Problem(spec.display, int(index) + 2, spec.column_number(fld["name"]),
                                    f'kolom "{fld["name"]}": nilai "{cells[index]}" tidak sah; yang diharapkan '
                                    f"{_number_expected(fld)}{_type_hint(fld, cells[index])}"))
    return problems


TYPE_EXPECTED = {
    "integer": "bilangan bulat, misalnya 2025",
    "boolean": "ya atau tidak",
    "date": "tanggal berformat TTTT-BB-HH, misalnya 2025-07-01",
    "year": "tahun empat angka, misalnya 2025",
    "string": "teks",
}


def _number_expected(field: dict) -> str:
    if field.get("decimalChar") == ",":
        return "angka format Indonesia (titik pemisah ribuan, koma desimal), misalnya 9.079.049.540,00"
    return "angka dengan titik sebagai pemisah desimal, misalnya 88.19"


def _type_hint(field: dict, cell: str) -> str:
    text = str(cell).strip()
    if field["type"] in ("number", "integer"):
        if "%" in text:
            return "; hapus tanda persen (%), tulis angkanya saja"
        if text.lower().startswith("rp"):
            return '; hapus "Rp", tulis angkanya saja'
        if field.get("decimalChar", ".") == "." and re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d+|-?\d+,\d+", text):
            fixed = text.replace(".", "").replace(",", ".")
            return f"; koma dipakai sebagai pemisah desimal, padahal kolom ini memakai titik: tulis {fixed}"
        if field.get("decimalChar") == "," and re.fullmatch(r"-?\d+\.\d{1,2}|-?\d+(,\d{3})+(\.\d+)?", text):
            return "; kolom ini memakai format Indonesia: koma untuk desimal, titik untuk ribuan"
        if field["type"] == "integer" and re.fullmatch(r"-?\d+[.,]\d+", text):
            return "; kolom ini hanya menerima bilangan bulat"
    if field["type"] == "date" and re.fullmatch(r"\d{1,2}[/-]\d{1,2}[/-]\d{4}", text):
        d, m, y = re.split(r"[/-]", text)
        return f"; tulis {y}-{int(m):02d}-{int(d):02d}"
    return ""


def translate(spec: ResourceSpec, error) -> Problem:
    """One frictionless error as one Indonesian line at the cell it concerns."""
    fields = {f["name"]: f for f in spec.fields}
    row = getattr(error, "row_number", None) or 1
    fname = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    col = spec.column_number(fname)
    kind = error.type
    if kind == "type-error" and fname in fields:
        field = fields[fname]
        expected = _number_expected(field) if field["type"] == "number" else TYPE_EXPECTED.get(field["type"], field["type"])
        msg = f'kolom "{fname}": nilai "{cell}" tidak sah; yang diharapkan {expected}{_type_hint(field, cell)}'
    elif kind == "constraint-error" and fname in fields:
        msg = _constraint_message(fields[fname], fname, cell, error.note)
    elif kind == "unique-error":
        msg = f'kolom "{fname}": nilai "{cell}" ganda{_position(error.note)}; setiap nilai di kolom ini harus unik'
    elif kind == "primary-key":
        pk = spec.schema.get("primaryKey") or []
        pk = [pk] if isinstance(pk, str) else pk
        col = spec.column_number(pk[0] if pk else None)
        cells = getattr(error, "cells", None) or []
        values = ", ".join(str(cells[spec.column_number(k) - 1]) for k in pk if spec.column_number(k) <= len(cells))
        msg = (f"baris ganda: kunci ({', '.join(pk)}) = ({values}){_position(error.note)}; "
               "yang diharapkan setiap kombinasi kunci muncul sekali")
    elif kind == "foreign-key":
        msg, col = _foreign_key_message(spec, error.note)
    elif kind == "blank-row":
        msg = "baris kosong; hapus baris ini"
    elif kind == "extra-cell":
        msg = (f"baris ini memiliki sel lebih banyak dari jumlah kolom ({len(spec.header)}); "
               f'periksa pemisah "{spec.delimiter}" di dalam teks yang tidak diberi tanda kutip')
        col = getattr(error, "field_number", None) or col
    elif kind == "missing-cell":
        msg = f'baris ini kekurangan sel: kolom "{fname}" tidak terisi; yang diharapkan {len(spec.header)} sel per baris'
    else:
        msg = f"pemeriksaan frictionless ({kind}): {error.note}"
    return Problem(spec.display, row, col, msg)


def _position(note: str) -> str:
    match = re.search(r"position (\d+)", note or "")
    return f" (sudah dipakai di baris {match.group(1)})" if match else ""


def _constraint_message(field: dict, fname: str, cell, note: str) -> str:
    constraints = field.get("constraints", {})
    match = re.search(r'constraint "(\w+)"', note or "")
    name = match.group(1) if match else ""
    if name == "required":
        return f'kolom "{fname}" wajib diisi ({field.get("title", fname)})'
    if name == "enum":
        choices = [str(c) for c in constraints.get("enum", [])]
        guess = difflib.get_close_matches(str(cell).strip().lower(), choices, n=1, cutoff=0.6)
        hint = f' (mungkin maksudnya "{guess[0]}"?)' if guess else ""
        return f'kolom "{fname}": nilai "{cell}" tidak dikenal{hint}; pilihan yang sah: {", ".join(choices)}'
    if name == "minimum":
        return f'kolom "{fname}": nilai {cell} lebih kecil dari batas minimum {constraints.get("minimum")}'
    if name == "maximum":
        return f'kolom "{fname}": nilai {cell} melebihi batas maksimum {constraints.get("maximum")}'
    if name == "pattern":
        slug = re.sub(r"[^a-z0-9._-]+", "-", str(cell).strip().lower()).strip("-") or "contoh-id"
        return (f'kolom "{fname}": ID "{cell}" tidak sah; gunakan huruf kecil, angka, titik, garis bawah atau '
                f'tanda hubung tanpa spasi, misalnya "{slug}"')
    if name == "unique":
        return f'kolom "{fname}": nilai "{cell}" ganda; setiap nilai di kolom ini harus unik'
    return f'kolom "{fname}": nilai "{cell}" melanggar batasan {name or note}'


def _foreign_key_message(spec: ResourceSpec, note: str) -> tuple[str, int]:
    match = re.search(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]*)" as "([^"]+)"', note or "")
    if not match:
        return f"rujukan tidak ditemukan: {note}", 1
    columns, values, table, ref = match.groups()
    first = columns.split(",")[0].strip()
    table = table or spec.name
    return (f'kolom "{columns}": nilai "{values}" tidak ditemukan di kolom "{ref}" tabel {table}; '
            f"yang diharapkan ID yang sudah ada di {table}", spec.column_number(first))
