"""Every cell against its Table Schema field, vectorised, with one Indonesian line per distinct problem.

What frictionless checked row by row (types, required, unique, enum, pattern, minimum/maximum, lengths,
primary and foreign keys) is checked here a column at a time over the distinct texts of the column, so a
million survey answers cost seconds, and a mistake repeated in 4.999 rows is one line that says so
("… dan 4.998 baris lain dengan masalah yang sama"), with no cap on how many rows are counted. Beyond the
Table Schema, for every field: no invisible control characters, no text a spreadsheet would run as a
formula, identifiers short enough to become file names, numbers as `load.cells` defines them (finite, no
scientific notation, ASCII digits, within ±1.000 triliun), dates within 1900-2100.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from generator import fmt
from generator.domain.dates import date_readings
from generator.domain.text import runs_code
from generator.load import PackageSpec, ResourceSpec
from generator.load.cells import YEARS, Column, classify_number, type_column
from generator.load.csvfile import CONTROL, KOMA, TITIK_KOMA, RawTable, Style, control_name, more
from generator.problems import Problem

ID_PATTERN = "^[a-z0-9][a-z0-9._-]*$"  # the canonical identifier pattern (tools/make_schemas.py)
ID_MAX = 100  # identifiers become page and file names; a file name has at most 255 bytes
SHOWN = 80  # characters of a cell quoted in a message
# Rows a table must have (at least, at most): the agency's profile is one row, exactly; a portal needs its
# units, documents, performance tree and indicators.
ROWS = {"instansi": (1, 1, "profil instansi"), "unit_kerja": (1, None, "unit kerja"), "dokumen": (1, None, "dokumen"),
        "node": (1, None, "simpul pohon kinerja"), "indikator": (1, None, "indikator")}


@dataclass
class Finding:
    key: tuple
    row: int
    column: str | None
    message: str


@dataclass
class _Findings:
    spec: ResourceSpec
    items: dict[tuple, list[Finding]] = field(default_factory=dict)

    def add(self, key: tuple, rows: Iterable[int], column: str | None, message_of) -> None:
        """Record rows with the same problem; `message_of(row)` words it for the first row."""
        rows = [int(r) for r in rows]
        if not rows:
            return
        bucket = self.items.setdefault(key, [])
        if not bucket:
            bucket.append(Finding(key, rows[0], column, message_of(rows[0])))
            rows = rows[1:]
        bucket.extend(Finding(key, r, column, "") for r in rows)

    def problems(self) -> list[Problem]:
        out = []
        for bucket in self.items.values():
            first = bucket[0]
            rows = sorted({first.row} | {f.row for f in bucket[1:]})
            rest = [r for r in rows if r != first.row]
            out.append(Problem(self.spec.display, first.row, self.spec.column_number(first.column),
                               first.message + more([first.row] + rest)))
        return out



# The characters of a schema's simple patterns, named as an operator reads them.
_CLASS_WORDS = (("A-Za-z", "huruf"), ("a-zA-Z", "huruf"), ("A-Z", "huruf besar"), ("a-z", "huruf kecil"),
                ("0-9", "angka"), (".", "titik"), ("_", "garis bawah"), ("-", "tanda hubung"), ("/", "garis miring"))


def pattern_words(pattern: str) -> str | None:
    """A pattern of one character class repeated (`^[A-Za-z0-9.]+$`) said in words ("huruf, angka dan titik");
    None for any other pattern, which is then quoted as it is."""
    m = re.fullmatch(r"\^?\[([^\]^]+)\][+*]\$?", pattern)
    if not m:
        return None
    rest, names = m.group(1), []
    while rest:
        word = next(((chars, w) for chars, w in _CLASS_WORDS if rest.startswith(chars)), None)
        if word is None:
            return None
        names.append(word[1])
        rest = rest[len(word[0]):]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def shown(cell) -> str:
    """A cell as quoted in a message: control characters named, long text cut."""
    text = CONTROL.sub(lambda m: f"<{control_name(m.group())}>", str(cell))
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def number_expected(style: Style, rupiah: bool = False) -> str:
    if style.decimal == ",":
        return ("angka format Indonesia (titik pemisah ribuan, koma desimal), misalnya "
                + ("9.079.049.540,00" if rupiah else "88,19"))
    return "angka dengan titik sebagai pemisah desimal, misalnya 88.19"


def _expected(fld: dict, style: Style) -> str:
    kind = fld.get("type", "string")
    if kind == "number":
        return number_expected(style, bool(fld.get("x-rupiah")))
    if kind == "integer":
        return "bilangan bulat, misalnya 2025"
    if kind == "boolean":
        true = fld.get("trueValues", ["true"])
        false = fld.get("falseValues", ["false"])
        return f"{true[0]} atau {false[0]}"
    if kind == "date":
        return "tanggal berformat TTTT-BB-HH, misalnya 2025-07-01"
    if kind == "datetime":
        return "tanggal dan waktu ISO 8601, misalnya 2025-07-01T08:00:00"
    if kind == "year":
        return "tahun empat angka, misalnya 2025"
    return "teks"


# Commas between groups of three digits: thousands as Excel with English settings writes them (1,500), or a
# decimal comma (1,500 = 1,5)? Either reading is a different number.
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+")


def _hint(kind: str, cell: str, style: Style, integer: bool = False) -> str:
    text = str(cell).strip()
    if kind == "persen":
        return "; hapus tanda persen (%), tulis angkanya saja"
    if kind == "rupiah":
        return '; hapus "Rp", tulis angkanya saja'
    if kind == "ribuan" or kind == "koma" and integer and _GROUPED.fullmatch(text):  # 1,234,567; 1,300 as an integer
        return f"; koma di sini memisahkan ribuan, yang tidak dipakai berkas ini: tulis {text.replace(',', '')}"
    if kind == "koma" and _GROUPED.fullmatch(text):
        whole = text.replace(",", "")
        decimal = format(Decimal(text.replace(",", ".")).normalize(), "f")
        return (f"; {text} dapat berarti {decimal} (bila komanya desimal) atau {whole} (bila komanya pemisah ribuan, "
                f'seperti Excel berpengaturan Inggris); berkas ini memakai pemisah "," dan titik desimal tanpa pemisah '
                f"ribuan: tulis {decimal} atau {whole}, sesuai angka yang dimaksud")
    if kind == "koma":
        fixed = text.replace(".", "").replace(",", ".")
        return (f'; koma dipakai sebagai pemisah desimal, padahal berkas ini memakai pemisah "," dan titik desimal: '
                f"tulis {fixed}")
    if kind == "titik":
        return ('; berkas ini memakai pemisah ";" (format Indonesia, seperti Excel berpengaturan Indonesia): '
                "koma untuk desimal, titik untuk ribuan")
    if kind == "kurung":
        inner = text[1:-1].strip()
        write = f"bila memang negatif, tulis -{inner}, " if classify_number(inner, style, integer)[0] is not None else ""
        return ("; angka di antara tanda kurung adalah cara Excel (format Akuntansi) menulis bilangan negatif: "
                f"{write}format selnya sebagai Angka, bukan Akuntansi, lalu simpan ulang")
    if kind == "pecahan":
        return "; kolom ini hanya menerima bilangan bulat"
    if kind == "ilmiah":
        return ("; angka ditulis dalam notasi ilmiah, yang di Excel sudah memotong digitnya: format sel sebagai Angka, "
                "bukan Ilmiah, lalu simpan ulang")
    if kind == "takhingga":
        return "; NaN atau tak hingga bukan angka: isi nilai yang sebenarnya, atau kosongkan (-) bila belum ada"
    if kind == "excel":
        return "; sel berisi hasil rumus Excel yang gagal: perbaiki rumusnya atau ketik nilainya, lalu simpan ulang"
    if kind == "digit":
        return "; angka memakai digit selain 0-9 (misalnya angka lebar penuh): ketik ulang dengan angka 0-9"
    if kind == "tanggal_tulis":
        days = date_readings(text)
        if len(days) == 1:
            write = f"tulis {days[0].isoformat()}"
        else:  # 1/6/2026: day first (Indonesian) or month first (American Excel)
            write = (f"{text} dapat berarti {fmt.tanggal(days[0])} (tulis {days[0].isoformat()}) atau, bila Excel "
                     f"berpengaturan Amerika yang menulisnya, {fmt.tanggal(days[1])} (tulis {days[1].isoformat()}); "
                     "tulis tanggal yang dimaksud")
        return (f"; {write} (Excel mengubah tanggal yang diketik kembali ke bentuk pengaturannya saat menyimpan "
                "CSV: format kolomnya sebagai Teks dulu, atau mulai sel dengan ')")
    if kind == "tanggal" and style.decimal == ",":  # a file Excel saved with Indonesian settings
        return ("; bila Excel yang mengubahnya, format kolomnya sebagai Teks lalu ketik tanggal dalam bentuk itu "
                "(atau mulai sel dengan ')")
    return ""


def _type_message(fname: str, fld: dict, cell, kind: str, style: Style) -> str:
    if kind == "jangkauan":
        return (f'kolom "{fname}": nilai "{shown(cell)}" di luar jangkauan wajar (1.000 triliun atau lebih; '
                "tidak ada anggaran, jumlah atau indeks sebesar itu); periksa jumlah digitnya")
    if kind == "jangkauan_tanggal":
        return f'kolom "{fname}": tanggal "{shown(cell)}" di luar tahun {YEARS[0]}-{YEARS[1]}; periksa tahunnya'
    return f'kolom "{fname}": nilai "{shown(cell)}" tidak sah; yang diharapkan {_expected(fld, style)}{_hint(kind, cell, style, fld.get("type") == "integer")}'


def check_table(spec: ResourceSpec, raw: RawTable, raws: dict[str, RawTable | None], pkg: PackageSpec) -> list[Problem]:
    """Problems of one table whose file was read (`load.csvfile`); fills `raw.typed` with its typed columns."""
    findings = _Findings(spec)
    frame, style = raw.frame, raw.style
    default_missing = spec.schema.get("missingValues", [""])
    fields = spec.fields
    wrong_style = _indonesian_numbers_with_commas(raw, fields, default_missing)
    if wrong_style:
        findings.add(("gaya",), [1], None,
                     lambda r: f"angka di berkas ini berformat Indonesia (koma desimal, titik ribuan, misalnya "
                               f'"{shown(wrong_style[next(iter(wrong_style))])}"), tetapi kolomnya dipisahkan dengan ","; '
                               'simpan ulang dari Excel berpengaturan Indonesia (CSV dengan pemisah ";"), atau tulis '
                               "angkanya dengan titik desimal tanpa pemisah ribuan (88.19)")
    for fld in fields:
        name = fld["name"]
        if name not in frame:
            continue
        cells = frame[name]
        missing = cells.isin(list(fld.get("missingValues", default_missing))).to_numpy()
        constraints = fld.get("constraints") or {}
        if constraints.get("required") or name in _primary_key(spec.schema):
            rows = frame.index[missing]
            findings.add(("wajib", name), rows, name, lambda r: f'kolom "{name}" wajib diisi ({fld.get("title", name)})')
        present = cells[~missing]
        if raw.controls:
            _controls(findings, name, present)
        column = type_column(cells, fld, style, default_missing)
        raw.typed[name] = column.values
        if name not in wrong_style:
            _type_problems(findings, name, fld, cells, column, style)
        valid = ~missing & (column.kind == 0)
        constraints = fld.get("constraints") or {}
        if fld.get("type", "string") == "string" and "pattern" not in constraints and "enum" not in constraints:
            _formulas(findings, name, cells[valid])
        _constraints(findings, spec, name, fld, cells, column, valid)
    _keys(findings, spec, raw, raws, pkg)
    problems = findings.problems()
    low, high, what = ROWS.get(spec.name, (0, None, ""))
    n = len(frame)
    if n < low:
        problems.append(Problem(spec.display, 1, 1, f"tabel {spec.name} hanya berisi baris judul; yang diharapkan "
                                                    f"{'tepat ' if low == high else 'paling sedikit '}{low} baris {what}"
                                                    + (" (baris kosong tidak dihitung)" if n == 0 and len(raw.frame) else "")))
    elif high is not None and n > high:
        problems.append(Problem(spec.display, int(frame.index[high]), 1,
                                f"tabel {spec.name} berisi {n} baris; yang diharapkan tepat {high} baris {what}, "
                                f"hapus baris {', '.join(str(r) for r in frame.index[high:][:5])}"))
    return problems


def _indonesian_numbers_with_commas(raw: RawTable, fields: list[dict], default_missing) -> dict[str, str]:
    """A `,` file whose numbers are written the Indonesian way: a table of `;` re-saved with commas while its
    numbers stayed text. Column → first such cell, when every number that does not read with a decimal
    point reads as an Indonesian number and they are most of the file's numbers; else {}."""
    if raw.style.delimiter != ",":
        return {}
    wrong, total, first = 0, 0, {}
    for fld in fields:
        if fld.get("type") not in ("number", "integer") or fld["name"] not in raw.frame:
            continue
        cells = raw.frame[fld["name"]]
        cells = cells[~cells.isin(list(fld.get("missingValues", default_missing)))]
        total += len(cells)
        for text, count in cells.value_counts().items():
            if classify_number(str(text), KOMA, fld["type"] == "integer")[1] == "":
                continue
            if classify_number(str(text), TITIK_KOMA, fld["type"] == "integer")[1] != "":
                return {}
            wrong += int(count)
            first.setdefault(fld["name"], str(text))
    return first if wrong >= 2 and wrong * 2 >= total else {}


def _primary_key(schema: dict) -> list[str]:
    pk = schema.get("primaryKey") or []
    return [pk] if isinstance(pk, str) else list(pk)


def _uniques(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(cells.astype(object), use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def _rows_where(cells: pd.Series, bad_uniques: np.ndarray, codes: np.ndarray) -> np.ndarray:
    lookup = np.append(bad_uniques, False)
    return cells.index.to_numpy()[lookup[codes]]


def _controls(findings: _Findings, name: str, cells: pd.Series) -> None:
    codes, uniques = _uniques(cells)
    found = [CONTROL.search(str(u)) for u in uniques]
    bad = np.array([m is not None for m in found], dtype=bool)
    if not bad.any():
        return
    rows = _rows_where(cells, bad, codes)
    first = found[int(np.flatnonzero(bad)[0])]
    findings.add(("kendali", name), rows, name,
                 lambda r: f'kolom "{name}": sel memuat karakter kendali tak terlihat {control_name(first.group())} '
                           f"di posisi {first.start() + 1}; hapus karakter itu (biasanya terbawa saat menyalin dari "
                           "sistem lain)")


def _formulas(findings: _Findings, name: str, cells: pd.Series) -> None:
    codes, uniques = _uniques(cells)
    bad = np.array([runs_code(str(u)) for u in uniques], dtype=bool)
    if not bad.any():
        return
    rows = _rows_where(cells, bad, codes)
    first = str(uniques[int(np.flatnonzero(bad)[0])])
    sign = {"\t": "tab", "\r": "CR"}.get(first[:1], first[:1])
    what = ("" if sign not in "-+" else
            ' dan memuat pemanggilan fungsi, tautan "|" atau rujukan "!"')
    findings.add(("rumus", name), rows, name,
                 lambda r: f'kolom "{name}": teks "{shown(first)}" diawali "{sign}"{what}, yang dijalankan spreadsheet '
                           f'sebagai rumus saat berkas dibuka; tulis teksnya tanpa "{sign}" di depan')


def _type_problems(findings: _Findings, name: str, fld: dict, cells: pd.Series, column: Column, style: Style) -> None:
    for k, kind in enumerate(column.kinds):
        if k == 0:
            continue
        mask = column.kind == k
        rows = cells.index[mask]
        first = cells[rows[0]]
        findings.add(("tipe", name, kind), rows, name, lambda r, first=first, kind=kind: _type_message(name, fld, first, kind, style))


def _constraints(findings: _Findings, spec: ResourceSpec, name: str, fld: dict, cells: pd.Series, column: Column,
                 valid: np.ndarray) -> None:
    c = fld.get("constraints") or {}
    values = column.values
    kind = fld.get("type", "string")
    if not valid.any():
        return
    text = cells[valid]
    if "enum" in c:
        choices = list(c["enum"])
        allowed = {str(x) for x in choices} if kind == "string" else set(choices)
        probe = text if kind == "string" else values[valid]
        bad = ~probe.isin(list(allowed)).to_numpy()
        if bad.any():
            first = str(text.iloc[int(np.flatnonzero(bad)[0])])
            guess = difflib.get_close_matches(first.strip().lower(), [str(x) for x in choices], n=1, cutoff=0.6)
            hint = f' (mungkin maksudnya "{guess[0]}"?)' if guess else ""
            findings.add(("enum", name), text.index[bad], name,
                         lambda r: f'kolom "{name}": nilai "{shown(first)}" tidak dikenal{hint}; pilihan yang sah: '
                                   + ", ".join(str(x) for x in choices))
    if "pattern" in c and kind == "string":
        pattern = re.compile(c["pattern"])
        codes, uniques = _uniques(text)
        bad_u = np.array([pattern.fullmatch(str(u)) is None for u in uniques], dtype=bool)
        if bad_u.any():
            rows = _rows_where(text, bad_u, codes)
            first = str(uniques[int(np.flatnonzero(bad_u)[0])])
            if c["pattern"] == ID_PATTERN:
                slug = re.sub(r"[^a-z0-9._-]+", "-", first.strip().lower()).strip("-")[:ID_MAX] or "contoh-id"
                message = (f'kolom "{name}": ID "{shown(first)}" tidak sah; gunakan huruf kecil, angka, titik, garis bawah '
                           f'atau tanda hubung tanpa spasi, misalnya "{slug}"')
            elif (allowed := pattern_words(c["pattern"])) is not None:
                message = (f'kolom "{name}": nilai "{shown(first)}" tidak sah; yang diharapkan hanya {allowed}, tanpa '
                           "spasi atau tanda lain")
            else:
                message = f'kolom "{name}": nilai "{shown(first)}" tidak sesuai pola yang ditetapkan skema ({c["pattern"]})'
            findings.add(("pola", name), rows, name, lambda r: message)
    if c.get("pattern") == ID_PATTERN or fld.get("x-id"):
        long = text.str.len().to_numpy() > ID_MAX
        if long.any():
            n = int(text.str.len().to_numpy()[long][0])
            findings.add(("panjang_id", name), text.index[long], name,
                         lambda r: f'kolom "{name}": ID sepanjang {n} karakter; yang diharapkan paling banyak {ID_MAX} '
                                   "karakter, karena ID menjadi nama halaman dan berkas")
    if kind == "string":
        lengths = text.str.len().to_numpy()
        if "maxLength" in c and (lengths > c["maxLength"]).any():
            bad = lengths > c["maxLength"]
            findings.add(("maxLength", name), text.index[bad], name,
                         lambda r: f'kolom "{name}": teks sepanjang {int(lengths[bad][0])} karakter; yang diharapkan '
                                   f'paling banyak {c["maxLength"]} karakter')
        if "minLength" in c and (lengths < c["minLength"]).any():
            bad = lengths < c["minLength"]
            findings.add(("minLength", name), text.index[bad], name,
                         lambda r: f'kolom "{name}": teks sepanjang {int(lengths[bad][0])} karakter; yang diharapkan '
                                   f'paling sedikit {c["minLength"]} karakter')
    if kind in ("number", "integer", "year", "date", "datetime"):
        _bounds(findings, name, kind, c, cells, values, valid)
    if c.get("unique"):
        # values as read, not as written: "2.024" and "2024" are one year in a file of `;`
        read = text if kind == "string" else values[valid].astype(object)
        dup = read.duplicated(keep="first").to_numpy()
        if dup.any():
            first_row = {v: r for r, v in zip(read.index[::-1], read.to_numpy()[::-1])}
            rows = read.index[dup]
            v0, w0 = read[rows[0]], text[rows[0]]
            findings.add(("unik", name), rows, name,
                         lambda r: f'kolom "{name}": nilai "{shown(w0)}" ganda (sudah dipakai di baris {first_row[v0]}'
                                   f"{_read_as(text[first_row[v0]], w0)}); setiap nilai di kolom ini harus unik")


def _read_as(first: str, again: str) -> str:
    """Where a repeated value is written otherwise than its first use (a year with a thousands dot): both forms."""
    return "" if first == again else f', ditulis "{shown(first)}"; keduanya dibaca sebagai nilai yang sama'


def _bounds(findings: _Findings, name: str, kind: str, c: dict, cells: pd.Series, values: pd.Series,
            valid: np.ndarray) -> None:
    checks = (("minimum", np.less, "lebih kecil dari batas minimum"),
              ("maximum", np.greater, "melebihi batas maksimum"),
              ("exclusiveMinimum", np.less_equal, "harus lebih besar dari"),
              ("exclusiveMaximum", np.greater_equal, "harus lebih kecil dari"))
    subset = values[valid]
    if not len(subset) or not any(key in c for key, _, _ in checks):
        return
    if kind in ("date", "datetime"):
        arr = subset.to_numpy(dtype=object)
    elif subset.dtype == object:
        arr = np.array([float(v) for v in subset], dtype="float64")
    else:
        arr = subset.to_numpy(dtype="float64", na_value=np.nan)
    for key, broken, words in checks:
        if key not in c:
            continue
        bound = c[key]
        if kind in ("date", "datetime"):
            limit = _comparable(bound, arr[0])
            bad = np.array([broken(v, limit) for v in arr], dtype=bool)
        else:
            bad = broken(arr, float(bound))
        if bad.any():
            rows = subset.index[bad]
            cell = cells[rows[0]]
            findings.add((key, name), rows, name, lambda r, cell=cell, words=words, bound=bound:
                         f'kolom "{name}": nilai {shown(cell)} {words} {bound}')


def _comparable(bound, value):
    """A constraint's bound as the value's type (a date constraint is written as text)."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, dt.datetime) and isinstance(bound, str):
        return dt.datetime.fromisoformat(bound.replace("Z", "+00:00"))
    if isinstance(value, dt.date) and isinstance(bound, str):
        return dt.date.fromisoformat(bound[:10])
    if isinstance(value, Decimal):
        return Decimal(str(bound))
    return bound


def _keys(findings: _Findings, spec: ResourceSpec, raw: RawTable, raws: dict[str, RawTable | None],
          pkg: PackageSpec) -> None:
    frame = raw.frame
    pk = _primary_key(spec.schema)
    if pk and all(k in frame for k in pk) and len(frame):
        written = frame[pk].astype(object)
        filled = ~written.isin([""]).any(axis=1).to_numpy()
        # compared as read, not as written: "2.024" and "2024" are one year in a file of `;`; a cell that
        # does not read (its own problem) is compared as written
        keys = pd.DataFrame({k: _as_read(written[k], raw.typed.get(k)) for k in pk}, index=written.index)
        sub = keys[filled]
        dup = sub.duplicated(keep="first").to_numpy()
        if dup.any():
            tuples = list(map(tuple, sub.to_numpy()))
            first_row: dict = {}
            for r, t in zip(sub.index, tuples):
                first_row.setdefault(t, r)
            rows = sub.index[dup]
            t0 = tuples[int(np.flatnonzero(dup)[0])]
            shown_again = tuple(written.loc[rows[0]])
            shown_first = tuple(written.loc[first_row[t0]])
            findings.add(("kunci",), rows, pk[0],
                         lambda r: f"baris ganda: kunci ({', '.join(pk)}) = ({', '.join(shown(v) for v in shown_again)}) "
                                   f"(sudah dipakai di baris {first_row[t0]}"
                                   f"{_read_as(', '.join(map(str, shown_first)), ', '.join(map(str, shown_again)))}); "
                                   "yang diharapkan setiap kombinasi kunci muncul sekali")
    for fk in spec.schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target = ref.get("resource") or spec.name
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        if not all(f in frame for f in fields):
            continue
        if target == spec.name:
            target_frame = frame
        elif target in raws:
            if raws[target] is None:
                continue  # the table referred to is broken itself: its own problems say so
            target_frame = raws[target].frame
            if not len(target_frame) and ROWS.get(target, (0,))[0]:
                continue  # an empty table that must have rows: its own problem says so
        elif target in pkg.resources:
            continue
        else:
            target_frame = pd.DataFrame({f: pd.Series([], dtype=object) for f in ref_fields})
        if not all(f in target_frame for f in ref_fields):
            continue
        values = frame[fields].astype(object)
        filled = ~values.isin(_missing_of(spec, fields)).any(axis=1).to_numpy()
        values = values[filled]
        if not len(values):
            continue
        known = set(map(tuple, target_frame[ref_fields].astype(object).to_numpy()))
        tuples = list(map(tuple, values.to_numpy()))
        bad = np.array([t not in known for t in tuples], dtype=bool)
        if not bad.any():
            continue
        by_value: dict[tuple, list[int]] = {}
        for r, t, b in zip(values.index, tuples, bad):
            if b:
                by_value.setdefault(t, []).append(r)
        columns = ", ".join(fields)
        ref_columns = ", ".join(ref_fields)
        folded: dict[tuple, tuple] = {}  # filled on first need: the known IDs, each without spaces and case
        for t, rows in by_value.items():
            shown_value = ", ".join(shown(v) for v in t)
            hint = _near_key(t, known, folded)
            findings.add(("rujukan", columns, t), rows, fields[0],
                         lambda r, shown_value=shown_value, hint=hint:
                         f'kolom "{columns}": nilai "{shown_value}" tidak ditemukan di kolom "{ref_columns}" tabel '
                         f"{target}; yang diharapkan ID yang sudah ada di {target}{hint}")


def _near_key(wanted: tuple, known: set[tuple], folded: dict[tuple, tuple]) -> str:
    """Why an ID that is not found may be one that is, in the words of its fix: a space typed before or
    after it (invisible in Excel), or its letters in another case (IDs are compared exactly)."""
    if not all(isinstance(v, str) for v in wanted):
        return ""
    stripped = tuple(v.strip() for v in wanted)
    if stripped != wanted and stripped in known:
        return f' (ada spasi di awal atau akhir sel; hapus spasi itu: "{", ".join(map(shown, stripped))}" ada)'
    if not folded:
        for k in sorted(known, key=str, reverse=True):  # the first in order wins
            folded[tuple(str(v).strip().casefold() for v in k)] = k
    match = folded.get(tuple(v.casefold() for v in stripped))
    if match is not None:
        return (f' (huruf besar dan kecilnya berbeda: yang ada "{", ".join(map(shown, match))}"; ID dibandingkan '
                "persis, huruf demi huruf)")
    return ""


def _as_read(written: pd.Series, typed: pd.Series | None) -> pd.Series:
    """A key column's cells as read where they read, else as written."""
    if typed is None:
        return written
    typed = typed.astype(object)
    return typed.where(typed.notna(), written)


def _missing_of(spec: ResourceSpec, fields: list[str]) -> list[str]:
    default = spec.schema.get("missingValues", [""])
    out = set(default)
    for f in spec.fields:
        if f["name"] in fields:
            out |= set(f.get("missingValues", default))
    return sorted(out)
