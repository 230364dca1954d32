"""The operator's own spreadsheet, both ways: a package as an Excel workbook (`kinerja templat`) and a
filled workbook back into the package's CSV files (`kinerja impor`). The CSV files stay the source of
truth, diffable and reviewable in a pull request; the workbook is a way to fill them.

Template: a first sheet "Petunjuk" (instructions in Bahasa, every column explained), then one sheet per
resource named after it: row 1 the column names, the package's rows below (or none, `kosong`), typed
cells (numbers as numbers, dates as dates, text as text even when it looks like a number), drop-down
lists of the allowed values and of the IDs other tables refer to, number formats.

Import: every cell is read back into the CSV text of its column (the file's own delimiter, decimal and
thousands characters, line ending, BOM). A cell whose value did not change keeps its exact text, and a
row that did not change keeps its exact line, so a workbook made by `templat` and imported unchanged
gives the package back byte for byte, and an edit changes only the lines it touched. Problems are
located where the operator typed them: `berkas.xlsx!lembar!B12: what is wrong and what was expected`.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import re
import shlex
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from generator import contract, fmt, xlsx
from generator.domain.dates import written_date
from generator.load import PackageSpec, ResourceSpec
from generator.load.csvfile import KOMA, detect_style
from generator.problems import KESALAHAN, PERINGATAN, column_letter

GUIDE = "Petunjuk"
LISTS = "_daftar"  # hidden sheet holding drop-down lists too long for a validation formula
ROWS = 2000  # rows below the data that drop-downs reach, for rows the operator adds
SHEET_ROWS = 1_048_576  # rows of one Excel sheet, the header's included
# A workbook made with `templat --kosong` says so in a hidden defined name: its rows are added to the tables
# (or replace the rows with the same key); the package's rows it never showed are not removed.
MODE_NAME, ADD_ONLY = "kinerja_isian", '"tambah"'
# Each table's CSV as it was when the workbook was made (a hidden defined name per table, as the mode is: Excel
# and LibreOffice keep them): `impor` refuses to overwrite a CSV edited since (`stale`).
SNAPSHOT_PREFIX = "kinerja_csv_"


def snapshot(data: bytes) -> str:
    """A CSV file's fingerprint as the workbook keeps it."""
    return hashlib.sha256(data).hexdigest()[:32]
# Sizes of a workbook's parts once unpacked: a templat workbook of 20.000 survey answers is ~4 MB. A part
# far larger (a 300 MB comment packed into 400 KB) would hold the reader for many minutes.
PART_LIMIT = 64 * 1024 * 1024
# All parts together: 23 sheets of 64 MB each passed the per-part limit (a 23 MB file, ~25 minutes, 2,7 GB).
TOTAL_LIMIT = 2 * PART_LIMIT
MAX_DIGITS = 26  # digits a number of the package may have (Decimal's 28, less the two of sen)
EXCEL_DIGITS = 15  # significant digits Excel keeps of a number (Rp18.123.456.789.012,34 has 16)
ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
          "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}  # what a failed formula shows
BOM = "\ufeff"
TYPE_WORDS = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "ya/tidak",
              "date": "tanggal"}


# --- the CSV files as they are ---------------------------------------------------------------

@dataclass
class CsvFile:
    """A table file as written: its records as text cells, and each record's exact line(s)."""

    header: list[str]
    records: list[list[str]]
    raw: list[str]  # each record's text including its line ending
    header_raw: str
    bom: bool = False
    newline: str = "\n"
    delimiter: str = ","
    decimal: str = "."
    group: str | None = None

    @classmethod
    def read(cls, spec: ResourceSpec) -> "CsvFile":
        data = spec.path.read_bytes() if spec.path.is_file() else b""
        text = data.decode("utf-8")
        bom = text.startswith(BOM)
        text = text[1:] if bom else text
        chunks = _records(text)
        # the ending of the header line: a line break typed inside a quoted cell (CRLF from Excel) is no ending
        newline = "\r\n" if chunks and chunks[0].endswith("\r\n") else "\n"
        # the file's own style, detected from its header as the loader does (load/csvfile.py)
        style = detect_style(chunks[0].rstrip("\r\n"), [f["name"] for f in spec.fields]) if chunks else KOMA
        rows = [next(csv.reader([c], delimiter=style.delimiter), []) for c in chunks]
        header = rows[0] if rows else [f["name"] for f in spec.fields]
        return cls(header, rows[1:], chunks[1:], chunks[0] if chunks else "", bom, newline, style.delimiter,
                   style.decimal, style.group)

    def fields(self, spec: ResourceSpec) -> dict[str, dict]:
        """The schema's fields, numbers in this file's own style (which may differ from the schema's
        `decimalChar`: an operator's Excel may have saved the file the Indonesian way)."""
        out = {}
        for f in spec.fields:
            if f.get("type") in ("number", "integer"):
                f = {**{k: v for k, v in f.items() if k not in ("decimalChar", "groupChar")}, "decimalChar": self.decimal,
                     **({"groupChar": self.group} if self.group else {})}
            out[f["name"]] = f
        return out


def _records(text: str) -> list[str]:
    """`text` cut into CSV records, each with its own line ending (a quoted cell may hold newlines)."""
    out, start, quotes = [], 0, 0
    for match in re.finditer(r'"|\r\n|\n', text):
        token = match.group(0)
        if token == '"':
            quotes += 1
        elif quotes % 2 == 0:
            out.append(text[start:match.end()])
            start, quotes = match.end(), 0
    if start < len(text):
        out.append(text[start:])
    return out


# --- values: CSV text <-> spreadsheet cells --------------------------------------------------

def _number(text: str, fld: dict) -> Decimal | None:
    """A number cell of the CSV, read with its column's decimal and thousands characters."""
    group, decimal = fld.get("groupChar"), fld.get("decimalChar", ".")
    value = text.strip()
    if group:
        value = value.replace(group, "")
    if decimal != ".":
        value = value.replace(decimal, ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _missing(spec: ResourceSpec) -> set[str]:
    return set(spec.schema.get("missingValues", [""]))


def to_cell(text: str, fld: dict, missing: set[str]):
    """What a CSV cell is in the workbook: a number, a date, or the text itself. Missing values that are
    not blank (`-`) stay as typed, so they come back as typed."""
    kind = fld.get("type", "string")
    if text == "" or (text in missing and kind != "string"):
        return text or None
    if kind == "integer" and (whole := _integer(text, fld.get("groupChar"))) is not None:
        return whole
    if kind == "number":
        value = _number(text, fld)
        if value is not None and len(value.normalize().as_tuple().digits) > EXCEL_DIGITS:
            return text  # Excel keeps 15 significant digits: as a number it would come back changed
        if value is not None:
            return int(value) if value == value.to_integral() and abs(value) < 2 ** 53 else float(value)
    if kind == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return dt.datetime.strptime(text, "%Y-%m-%d")
    return text


def _integer(text: str, *groups: str | None) -> int | None:
    """An integer as written: 2400, or with a thousands character of `groups` between groups of three
    digits (2.400 in a file saved by Excel with Indonesian settings); else None."""
    value = text.strip()
    for group in filter(None, groups):
        if re.fullmatch(rf"-?[1-9][0-9]{{0,2}}(?:{re.escape(group)}[0-9]{{3}})+", value):
            value = value.replace(group, "")
            break
    return int(value) if re.fullmatch(r"-?[0-9]+", value) else None


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class BeyondSen(ValueError):
    """A Rupiah amount with more than 2 decimals: no amount of money, and rounding it would change it."""


def number_text(value: Decimal, fld: dict) -> str:
    """A new number in its column's style: 88.19; Rupiah 9.079.049.540,00; a percent 92,05."""
    decimal, group = fld.get("decimalChar", "."), fld.get("groupChar")
    if fld.get("x-rupiah"):
        if value != value.quantize(Decimal("0.01")):
            raise BeyondSen(value)  # from_cell says so: rounding it would change what was typed
        value = value.quantize(Decimal("0.01"))
        whole, _, cents = format(value, "f").partition(".")
        if group:
            sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
            whole = sign + f"{int(digits):,}".replace(",", group)
        return f"{whole}{decimal}{cents}"
    return _plain(value).replace(".", decimal)


@dataclass
class CellProblem:
    sheet: str
    cell: str
    message: str
    level: str = KESALAHAN


@dataclass(frozen=True)
class Shown:
    """A number cell formatted as a percentage: Excel keeps 33,33% as 0.3333, while the operator typed and
    sees 33,33. The cell is read as shown, without its percent sign."""

    number: Decimal


def _excel_number(value: float) -> Decimal:
    """A float of a cell as Excel shows it: at most 15 significant digits (a formula's 10*3.333 is
    33.330000000000005 in the file and 33,333 on screen; a typed number never has more)."""
    return Decimal(format(value, ".15g"))


def from_cell(value, fld: dict, spec: ResourceSpec, spec_problem) -> str | None:
    """A workbook cell as CSV text of its column, or None after reporting why it cannot be one."""
    try:
        return _from_cell(value, fld, spec, spec_problem)
    except BeyondSen:
        return spec_problem("jumlah Rupiah paling banyak 2 desimal (sen); yang diharapkan misalnya 1.250.000,50")
    except InvalidOperation:  # a number beyond what a decimal of the package can hold (1e30 Rupiah with sen)
        shown = _plain(_excel_number(value)) if isinstance(value, float) else one_line(str(value))
        return spec_problem(f"angka {shown} terlalu besar; yang diharapkan angka dengan paling banyak "
                            f"{MAX_DIGITS} digit")


def _from_cell(value, fld: dict, spec: ResourceSpec, spec_problem) -> str | None:
    kind = fld.get("type", "string")
    if value is None:
        return ""
    if isinstance(value, Shown):
        if kind == "number":
            return number_text(value.number, fld)
        if kind == "string":  # written as an Indonesian page prints it (a label column holds "82,35%")
            return _plain(value.number).replace(".", ",") + "%"
        return spec_problem(f"berisi persentase {_plain(value.number).replace('.', ',')}%; yang diharapkan "
                            f"{TYPE_WORDS.get(kind, kind)}. Ubah format sel menjadi Angka atau Umum lalu ketik ulang nilainya")
    if isinstance(value, str) and len(value) > xlsx.CELL_LIMIT:
        count, limit = (f"{n:,}".replace(",", ".") for n in (len(value), xlsx.CELL_LIMIT))
        return spec_problem(f"sel berisi {count} huruf; yang diharapkan paling banyak {limit} huruf per sel (batas "
                            "Excel: teks lebih panjang tidak dapat ditulis kembali ke buku kerja). Persingkat teksnya, "
                            "atau ubah tabel ini langsung di CSV")
    if isinstance(value, str) and value.strip() in ERRORS:  # a failed formula's result pasted as a value
        return spec_problem(f"sel berisi galat {value.strip()} (hasil rumus yang gagal, ditempel sebagai nilai); "
                            "yang diharapkan nilai yang diketik, atau sel kosong")
    if isinstance(value, str):
        text = value
        if text == "" or text.strip() in _missing(spec):
            return text.strip()
        if kind == "string":
            return text
        if kind == "integer":  # as typed: 2400, or 2.400 / 2,400 with thousands (no integer reads otherwise)
            if _integer(text) is not None:
                return text.strip()
            if (whole := _integer(text, ".", ",")) is not None:
                return str(whole)
            return spec_problem(f'"{one_line(text)}" bukan bilangan bulat; yang diharapkan {_whole_words(fld)}')
        if kind == "number":
            bare = _bare_number(text)
            rupiah = fld.get("x-rupiah") or text.lstrip().startswith("Rp")  # Rupiah has no third decimal
            if AMBIGUOUS.fullmatch(bare) and not (rupiah and "." in bare):
                whole, _, tail = bare.replace(",", ".").partition(".")
                return spec_problem(f'"{one_line(text)}" dapat dibaca {whole},{tail} (desimal) atau {whole}{tail} (ribuan); '
                                    "yang diharapkan angka yang tidak mendua: ketik nilainya sebagai angka (sel berformat "
                                    f"Angka atau Umum, bukan Teks), atau {whole}{tail} bila maksudnya ribuan")
            parsed = _typed_text_number(text)
            if parsed is None:
                return spec_problem(f'"{text}" bukan angka; yang diharapkan angka yang diketik sebagai angka, '
                                    "misalnya 88,19 (pengaturan Indonesia) atau 88.19")
            return number_text(parsed, fld)
        if kind == "boolean":
            allowed = list(fld.get("trueValues", ["true"])) + list(fld.get("falseValues", ["false"]))
            if text.strip() in allowed:
                return text.strip()
            return spec_problem(f'"{text}" tidak sah; yang diharapkan salah satu dari: {", ".join(allowed)}')
        if kind == "date":  # as typed: 2026-2-3, 3/2/2026, 3 Februari 2026 (domain.dates.written_date)
            if (day := written_date(text)) is not None:
                return day.isoformat()
            return spec_problem(f'"{text}" bukan tanggal; yang diharapkan tanggal, misalnya 13/02/2026 atau 2026-02-13')
        return text
    if isinstance(value, bool):
        if kind == "boolean":
            return (fld.get("trueValues") or ["true"])[0] if value else (fld.get("falseValues") or ["false"])[0]
        return spec_problem(f"nilai benar/salah tidak sah untuk kolom bertipe {TYPE_WORDS.get(kind, kind)}")
    if isinstance(value, (dt.time, dt.timedelta)):
        return spec_problem(f"berisi jam atau lama waktu ({_clock(value)}); yang diharapkan "
                            f"{TYPE_WORDS.get(kind, kind)}. Ubah format sel menjadi Angka, Umum atau Teks lalu ketik ulang nilainya")
    if isinstance(value, (dt.datetime, dt.date)):
        if kind == "date":
            return value.strftime("%Y-%m-%d")
        if kind == "string":
            return value.strftime("%Y-%m-%d")
        return spec_problem(f"berisi tanggal {value:%d/%m/%Y}; yang diharapkan {TYPE_WORDS.get(kind, kind)}. "
                            "Ubah format sel menjadi Angka atau Umum lalu ketik ulang nilainya")
    if isinstance(value, (int, float)):
        number = _excel_number(value) if isinstance(value, float) else Decimal(value)
        if kind in ("string", "integer") and abs(number) >= 10 ** EXCEL_DIGITS:
            # a NIP or an account code pasted into a General cell: Excel kept its first 15 digits only
            return spec_problem(f"berisi angka {_plain(number)} yang lebih dari {EXCEL_DIGITS} digit: Excel hanya menyimpan "
                                f"{EXCEL_DIGITS} digit pertama sebuah angka, sisanya sudah menjadi 0. Ubah format sel "
                                "menjadi Teks lalu ketik ulang nilainya")
        if kind == "integer":
            if number != number.to_integral():
                return spec_problem(f"{_plain(number)} bukan bilangan bulat; yang diharapkan bilangan bulat")
            return str(int(number))
        if kind == "number":
            return number_text(number, fld)
        if kind == "string":
            return _plain(number)
        return spec_problem(f"berisi angka {_plain(number)}; yang diharapkan {TYPE_WORDS.get(kind, kind)}")
    return str(value)


def _whole_words(fld: dict) -> str:
    """What an integer column expects, in its own terms: its range when the schema gives one (a triwulan
    is 1 sampai 4, not "misalnya 2026"), a year for a year."""
    if fld.get("name", "").startswith("tahun"):
        return "tahun sebagai bilangan bulat, misalnya 2026"
    limits = fld.get("constraints") or {}
    low, high = limits.get("minimum"), limits.get("maximum")
    if low is not None and high is not None:
        return f"bilangan bulat {fmt.angka(low, 0)} sampai {fmt.angka(high, 0)}, ditulis dengan angka"
    return "bilangan bulat, misalnya 12"


def _clock(value: dt.time | dt.timedelta) -> str:
    """A time or a duration as Excel shows it (12:30:00; 336:00:00 for 14 days), not as Python writes it."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    seconds = int(value.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """A message with what the operator typed in it, kept to one line: a line break or other control
    character typed in a cell is shown as its escape (\\n, \\r, \\x07), so every problem stays one line."""
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}")
                        if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


# One group of exactly three digits after a point or a comma: 4.125 is 4,125 to one reader and 4125 to another.
AMBIGUOUS = re.compile(r"-?[1-9][0-9]{0,2}[.,][0-9]{3}")  # 0,385 is decimals only


def _bare_number(text: str) -> str:
    """A number typed as text without what dresses it: spaces, a leading Rp or Rp., a trailing % or the ,-
    that says an amount has no sen (Rp. 7.000.000,-)."""
    return re.sub(r"(?<=[0-9])[,.]-$", "", re.sub(r"^\s*(Rp\.?)?\s*|\s*%?\s*$", "", text))


def _typed_text_number(text: str) -> Decimal | None:
    """A number typed as text: `88,19`, `1.234.567,89`, `88.19`, `1,234,567.89`, `Rp 9.000`; else None."""
    value = _bare_number(text)
    # a thousands group follows a first digit that is not 0 (0.385 is decimals)
    if re.fullmatch(r"-?[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]+)?|-?[0-9]+,[0-9]+", value):
        value = value.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?", value):
        value = value.replace(",", "")
    elif not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def same(old: str, new: str, fld: dict, missing: set[str]) -> bool:
    """Whether two CSV cells of a column say the same: equal text, or equal numbers (3.50 and 3.5)."""
    if old == new:
        return True
    if fld.get("type") in ("number", "integer") and old not in missing and new not in missing:
        a, b = _number(old, fld), _number(new, fld)
        return a is not None and b is not None and a == b
    return (old in missing and new in missing) and (old.strip() == "") == (new.strip() == "")


# --- template ------------------------------------------------------------------------------

def _formats(fld: dict) -> str:
    kind = fld.get("type", "string")
    if fld.get("x-rupiah"):
        return "#,##0.00"
    return {"integer": "0", "number": "General", "date": "yyyy-mm-dd", "string": "@"}.get(kind, "General")


def _allowed(fld: dict) -> list[str]:
    if fld.get("type") == "boolean":
        return list(fld.get("trueValues", ["true"])) + list(fld.get("falseValues", ["false"]))
    return [str(v) for v in (fld.get("constraints") or {}).get("enum", [])]


def _guide(ws, pkg: PackageSpec, folder: str, names: list[str], empty: bool = False) -> None:
    title = pkg.descriptor.get("title") or pkg.descriptor.get("name") or "paket data"
    lines = [
        (f"Buku kerja paket data: {title}", True),
        (f"Dibuat oleh `kinerja templat` dari folder {folder}. Berkas CSV di folder paket tetap menjadi sumber data; "
         "buku kerja ini alat untuk mengisinya.", False),
        ("", False),
        ("Cara memakai", True),
        ("1. Isi atau ubah baris di lembar tabel (satu lembar per tabel). Tambahkan baris baru di bawah baris terakhir.", False),
        ("2. Simpan sebagai Buku Kerja Excel (.xlsx).", False),
        (f"3. Jalankan: kinerja impor NAMA-BERKAS.xlsx --data {shlex.quote(folder)}", False),
        ("4. Periksa perubahan yang ditulis ke berkas CSV (misalnya dengan git diff), lalu kinerja validate dan kinerja build.", False),
        ("", False),
        ("Aturan", True),
        ("- Baris 1 setiap lembar adalah nama kolom: jangan diubah, dipindah atau dihapus. Jangan mengganti nama lembar.", False),
        ("- Angka diketik sebagai angka, dengan tanda desimal menurut pengaturan Excel Anda (88,19 pada pengaturan "
         "Indonesia). Rupiah diketik sebagai angka tanpa Rp; titik ribuannya ditampilkan oleh format sel.", False),
        ("- Sel kosong (atau -) berarti belum ada data. Jangan mengisi 0 untuk data yang belum ada.", False),
        ("- Kolom berdaftar (misalnya status, jenis, indikator) diisi dengan memilih dari daftar.", False),
        ("- Tanggal diketik sebagai tanggal; kolom teks menyimpan apa yang diketik apa adanya (misalnya nomor 1.1.2).", False),
        ("- Lembar yang dihapus dari buku kerja tidak mengubah tabelnya. " + (
            "Buku kerja ini kosong (kinerja templat --kosong): baris yang diisi ditambahkan ke tabel, baris dengan "
            "ID yang sudah ada di paket menggantikan baris itu, dan baris paket yang tidak tampil di sini tidak terhapus."
            if empty else "Baris yang dihapus dari lembar ikut terhapus dari tabel."), False),
        ("- Masalah dilaporkan per sel, misalnya: NAMA-BERKAS.xlsx!realisasi!C12: apa yang salah dan apa yang diharapkan. "
         "Bila ada masalah, tidak ada berkas yang diubah.", False),
        *_quarterly_missing(pkg),
        ("", False),
        ("Kolom setiap lembar", True),
    ]
    for text, bold in lines:
        ws.append([text])
        if bold:
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append(["Lembar", "Kolom", "Judul", "Tipe", "Wajib", "Nilai yang boleh", "Keterangan"])
    for c in range(1, 8):
        ws.cell(row=ws.max_row, column=c).font = Font(bold=True)
    for name in names:
        spec = pkg.resources[name]
        for fld in spec.fields:
            required = "wajib" if (fld.get("constraints") or {}).get("required") else ""
            row = [name, fld["name"], _CSV_TITLE.sub("", fld.get("title", "")),
                   TYPE_WORDS.get(fld.get("type", "string"), fld.get("type", "")), required, ", ".join(_allowed(fld)),
                   _workbook_note(fld)]
            ws.append([None] * 7)
            for c, value in enumerate(row, start=1):
                xlsx.put(ws.cell(row=ws.max_row, column=c), value)
    ws.column_dimensions["A"].width = 24
    for letter, width in zip("BCDEFG", (22, 34, 14, 8, 30, 70)):
        ws.column_dimensions[letter].width = width


# What a schema says of how the CSV writes a number ("Angka dengan titik desimal", "Rupiah dengan titik pemisah
# ribuan dan koma desimal, misalnya ..."): in the workbook a number is a number cell, shown in the operator's
# own Excel settings (the guide's rule), so these words contradicted it there.
_CSV_FORMAT = re.compile(r"^(?:Angka dengan titik desimal|Rupiah dengan titik pemisah ribuan dan koma desimal, "
                         r"misalnya [0-9.,]+?)[.;,]?(?:\s+|$)")
_CSV_TITLE = re.compile(r"\s*\((?:titik desimal)\)")


def _workbook_note(fld: dict) -> str:
    """A column's description as the guide sheet shows it: the schema's words, with what they say of the
    CSV's number format replaced by what holds in a workbook."""
    note = fld.get("description", "")
    rest = _CSV_FORMAT.sub("", note, count=1)
    if rest == note:
        return note
    lead = "Rupiah, diketik sebagai angka" if fld.get("x-rupiah") else "Angka, diketik sebagai angka"
    return f"{lead}; {rest[0].lower()}{rest[1:]}" if rest else f"{lead}."


QUARTERLY = ("target_triwulan", "realisasi_triwulan", "anggaran_triwulan")  # the progress of a running year


def _quarterly_missing(pkg: PackageSpec) -> list[tuple[str, bool]]:
    """The guide's line for a package without the quarterly tables: an operator who works only in Excel
    found no sheet for TW I-IV and nothing saying where it was (the default package has none)."""
    missing = [name for name in QUARTERLY if name not in pkg.resources]
    if not missing:
        return []
    return [(f"- Lembar {fmt.daftar(missing)} (progres per triwulan) tidak ada di buku kerja ini, karena paket data "
             'belum menyebut tabelnya di "resources" datapackage.json. Untuk mengisi progres triwulan: jalankan '
             f"kinerja tabel {shlex.quote(pkg.display_root)} {' '.join(missing)}, lalu buat ulang buku kerja ini dengan "
             "kinerja templat. Tabel lain yang belum ada (survei, PPID, pohon lima tahap): kinerja tabel "
             f"{shlex.quote(pkg.display_root)} menampilkan daftarnya.", False)]


NO_WRAP = Alignment(wrap_text=False)  # one object for every text cell: openpyxl keeps each distinct style once


def template(pkg: PackageSpec, folder: str, empty: bool = False, when: dt.datetime | None = None) -> tuple[bytes, list[str]]:
    """The package as a workbook. Returns the bytes, and problems that stop it (cells a workbook cannot
    hold) as `file:row:column: message` lines."""
    problems: list[str] = []
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE
    names = list(pkg.resources)
    _guide(guide, pkg, folder, names, empty)
    if empty:
        wb.defined_names[MODE_NAME] = DefinedName(MODE_NAME, attr_text=ADD_ONLY, hidden=True)
    else:  # rows come back as the whole table: an edit made to the CSV meanwhile would be undone
        for name in names:
            wb.defined_names[SNAPSHOT_PREFIX + name] = DefinedName(
                SNAPSHOT_PREFIX + name, attr_text=f'"{snapshot(pkg.resources[name].path.read_bytes())}"', hidden=True)
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    list_column = 0
    ids: dict[tuple[str, str], str] = {}
    files = {name: CsvFile.read(pkg.resources[name]) for name in names}
    for name in names:
        spec = pkg.resources[name]
        ws = wb.create_sheet(name[:31])
        table = files[name]
        order = [h for h in table.header if h in {f["name"] for f in spec.fields}] + \
            [f["name"] for f in spec.fields if f["name"] not in table.header]
        fields = table.fields(spec)
        for c, column in enumerate(order, start=1):
            cell = ws.cell(row=1, column=c)
            xlsx.put(cell, column)
            cell.font = Font(bold=True)
            ws.column_dimensions[get_column_letter(c)].width = max(12, min(45, len(column) + 4))
            ids[(name, column)] = f"{quote_sheetname(ws.title)}!${get_column_letter(c)}$2:${get_column_letter(c)}${ROWS}"
        missing = _missing(spec)
        if not empty and len(table.records) >= SHEET_ROWS:  # the header takes the sheet's first row
            problems.append(f"{spec.display}:{SHEET_ROWS + 1}:1: tabel {name} berisi {fmt.angka(len(table.records), 0)} "
                            f"baris; satu lembar Excel memuat paling banyak {fmt.angka(SHEET_ROWS - 1, 0)} baris di "
                            "bawah judulnya; ubah tabel ini langsung di CSV, atau buat templat kosong untuk baris baru "
                            "(kinerja templat --kosong)")
            continue
        if not empty:
            position = {h: i for i, h in enumerate(table.header)}
            for r, record in enumerate(table.records, start=2):
                for c, column in enumerate(order, start=1):
                    text = record[position[column]] if column in position and position[column] < len(record) else ""
                    if xlsx.illegal(text):
                        problems.append(f"{spec.display}:{r}:{position.get(column, c - 1) + 1}: sel berisi karakter "
                                        "kendali yang tidak dapat disimpan di buku kerja Excel; hapus karakter itu dari CSV")
                        continue
                    if len(text) > xlsx.CELL_LIMIT:  # Excel would keep the first part, and `impor` write it back
                        count, limit = (f"{n:,}".replace(",", ".") for n in (len(text), xlsx.CELL_LIMIT))
                        problems.append(f"{spec.display}:{r}:{position.get(column, c - 1) + 1}: sel berisi {count} "
                                        f"huruf; buku kerja Excel hanya memuat {limit} huruf per sel, sehingga sisanya "
                                        "akan hilang saat diimpor kembali; persingkat teks itu di CSV, atau ubah tabel "
                                        "ini langsung di CSV")
                        continue
                    xlsx.put(ws.cell(row=r, column=c), to_cell(text, fields[column], missing), replace_illegal=False)
        for c, column in enumerate(order, start=1):
            fld = fields[column]
            letter = get_column_letter(c)
            number_format = _formats(fld)
            text = fld.get("type", "string") == "string"
            for r in range(2, max(ws.max_row, 2) + 1):
                cell = ws.cell(row=r, column=c)
                cell.number_format = number_format
                if text:
                    cell.alignment = NO_WRAP
            # the rows below the data: a column's own format is what Excel gives a cell typed there (in a
            # text column 1.10 stays 1.10 and 0812 keeps its 0, instead of becoming a number or a date)
            column_format = ws.column_dimensions[letter]
            column_format.number_format = number_format
            if text:
                column_format.alignment = NO_WRAP
            values = _allowed(fld)
            if values:
                formula = '"' + ",".join(values) + '"'
                if len(formula) > 250 or any("," in v or '"' in v for v in values):
                    list_column += 1
                    col = get_column_letter(list_column)
                    for i, v in enumerate(values, start=1):
                        xlsx.put(lists.cell(row=i, column=list_column), v)
                    formula = f"{quote_sheetname(LISTS)}!${col}$1:${col}${len(values)}"
                _validation(ws, letter, formula, f"Pilih salah satu: {', '.join(values)}"[:250])
        ws.freeze_panes = "A2"
    for name in names:  # drop-downs of the IDs a column refers to
        spec = pkg.resources[name]
        ws = wb[name[:31]]
        header = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
        for fk in spec.schema.get("foreignKeys", []):
            cols = fk.get("fields")
            cols = [cols] if isinstance(cols, str) else list(cols or [])
            ref = fk.get("reference") or {}
            target = ref.get("resource") or name
            ref_cols = ref.get("fields")
            ref_cols = [ref_cols] if isinstance(ref_cols, str) else list(ref_cols or [])
            if len(cols) != 1 or len(ref_cols) != 1 or (target, ref_cols[0]) not in ids or cols[0] not in header:
                continue
            letter = get_column_letter(header.index(cols[0]) + 1)
            _validation(ws, letter, "=" + ids[(target, ref_cols[0])],
                        f"Pilih ID dari lembar {target} (kolom {ref_cols[0]})", strict=False)
    return xlsx.workbook_bytes(wb, when), problems


def _validation(ws, letter: str, formula: str, message: str, strict: bool = True) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict,
                        showInputMessage=True, promptTitle="Pilih dari daftar", prompt=message[:250],
                        errorTitle="Nilai tidak sah", error=message[:250])
    dv.add(f"{letter}2:{letter}{ROWS}")
    ws.add_data_validation(dv)


# --- import --------------------------------------------------------------------------------

@dataclass
class Intake:
    """What a workbook says about each table: the new CSV text of the tables it changes, where each CSV
    row came from in the workbook, and the problems found."""

    texts: dict[str, str] = field(default_factory=dict)  # resource → new CSV text (changed tables only)
    origin: dict[str, dict[int, int]] = field(default_factory=dict)  # resource → CSV row → sheet row
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # resource → column name → sheet letter
    problems: list[CellProblem] = field(default_factory=list)
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # resource → (changed, new, removed)
    adds_only: bool = False  # made by `templat --kosong`: rows are added or replaced, never removed
    ignored: int = 0  # sheets and cells left out (not a table of the package, no column heading)
    sheets: dict[str, str] = field(default_factory=dict)  # resource → the sheet it was read from, as titled
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)  # resource → merged cells
    snapshots: dict[str, str] = field(default_factory=dict)  # resource → its CSV's fingerprint when the book was made

    def stale(self, pkg: PackageSpec) -> list[str]:
        """The tables this workbook would change whose CSV was edited after the workbook was made: importing
        them would undo that edit (the workbook holds the whole table as it was)."""
        return [name for name in self.texts if name in self.snapshots
                and self.snapshots[name] != snapshot(pkg.resources[name].path.read_bytes())]

    def merged_range(self, table: str, column: int, row: int) -> str | None:
        """The merged range ("A2:A3") holding this cell of the table's sheet other than as its first cell: Excel
        keeps a merged range's content in its first cell only, so the others read as empty."""
        for left, top, right, bottom in self.merged.get(table, []):
            if left <= column <= right and top <= row <= bottom and (column, row) != (left, top):
                return f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
        return None


class UnreadableWorkbook(Exception):
    """openpyxl could not read the file as a workbook: a damaged part (XML cut short, a value of the wrong
    type, a part missing). The file's fault, to be said as such, not an error of the generator. `reason`:
    what is wrong with it, in Bahasa."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# What openpyxl and zipfile raise, as the operator's words for what is wrong with the file.
_REASONS = {"BadZipFile": "bukan arsip ZIP, atau arsipnya rusak", "InvalidFileException": "bukan berkas .xlsx",
            "KeyError": "ada bagian buku kerja yang hilang", "ParseError": "isi XML-nya rusak",
            "ExpatError": "isi XML-nya rusak", "EOFError": "berkas terpotong", "zlib.error": "isi arsipnya rusak"}


def _reading(call, *args, **kwargs):
    """`call(*args, **kwargs)` of openpyxl or zipfile reading the workbook, whatever they raise told as
    UnreadableWorkbook (only their calls are wrapped, so an error of this module still shows as one)."""
    try:
        return call(*args, **kwargs)
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # noqa: BLE001 (openpyxl raises many types for one cause: a damaged file)
        name = type(exc).__name__
        raise UnreadableWorkbook(_REASONS.get(name, "isinya tidak dapat dibaca")) from exc


def _check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts would unpack far beyond any filled template (`PART_LIMIT`), before any
    is read, and one whose parts together would (`TOTAL_LIMIT`). The sizes the archive states bind: zipfile
    reads no entry past its stated size."""
    def mb(n: int) -> str:
        return f"{n / 1024 / 1024:,.0f}".replace(",", ".")
    total = 0
    for info in archive.infolist():
        if info.file_size > PART_LIMIT:
            raise UnreadableWorkbook(f"bagian {one_line(info.filename)} berukuran {mb(info.file_size)} MB setelah "
                                     f"diurai, melebihi batas {mb(PART_LIMIT)} MB per bagian")
        total += info.file_size
    if total > TOTAL_LIMIT:
        raise UnreadableWorkbook(f"seluruh bagiannya berukuran {mb(total)} MB setelah diurai, melebihi batas "
                                 f"{mb(TOTAL_LIMIT)} MB per buku kerja; pecah isiannya ke beberapa buku kerja "
                                 "(satu per beberapa tabel) dan impor satu per satu")


# A number format that shows a number times 100: a % outside quotes and escapes (`0"%"` shows a plain %).
_QUOTED = re.compile(r'"[^"]*"|\\.')


def _percent_format(code: str | None) -> bool:
    return bool(code) and "%" in _QUOTED.sub("", code)


def _may_hold_percentages(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook's styles hold any percent format (Excel's built-in 9 and 10, or its own): only
    then are cells read with their formats, which is slower than values alone."""
    try:
        styles = archive.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        return False
    return bool(re.search(r'numFmtId="(?:9|10)"', styles)) or any(
        _percent_format(code) for code in re.findall(r'formatCode="([^"]*)"', styles))


def read_workbook(book: Path, pkg: PackageSpec, read_only: bool = True) -> Intake:
    """Every sheet named after a resource of `pkg`, as that resource's new CSV text.

    The sheets are streamed (openpyxl's read-only mode: values row by row, no cell objects), so a survey
    sheet of tens of thousands of answers reads in a fraction of the time and memory; `read_only=False`
    reads the whole workbook into memory first and must give the same result (tests compare the two)."""
    out = Intake()
    # Read from its bytes, once, not its name: openpyxl refuses a workbook whose name does not end in .xlsx
    # ("isian.xlsx (1)", as a browser saves a second download).
    content = book.read_bytes()
    archive = _reading(zipfile.ZipFile, io.BytesIO(content))
    _reading(_check_parts, archive)
    wb = _reading(load_workbook, io.BytesIO(content), data_only=True, read_only=read_only)
    formulas = None
    try:
        # The formulas themselves are read only when there are any (a second read of the workbook): a
        # formula cell without a saved result reads as empty and must be told apart.
        if _reading(_has_formulas, archive):
            formulas = _reading(load_workbook, io.BytesIO(content), data_only=False, read_only=read_only)
        percent = _reading(_may_hold_percentages, archive)
        mode = wb.defined_names.get(MODE_NAME)
        out.adds_only = mode is not None and mode.attr_text == ADD_ONLY
        for name in pkg.resources:
            kept = wb.defined_names.get(SNAPSHOT_PREFIX + name)
            if kept is not None and isinstance(kept.attr_text, str):
                out.snapshots[name] = kept.attr_text.strip('"')
        tables = {name.casefold(): name for name in pkg.resources}
        others: list[str] = []  # sheets no table is named after
        for title in wb.sheetnames:
            if title in (GUIDE, LISTS):
                continue
            table = title if title in pkg.resources else tables.get(title.strip().casefold())  # "Realisasi"
            if table is not None and table in out.sheets:  # "realisasi" and "Realisasi ": which one is meant?
                out.problems.append(CellProblem(title, "A1", f'lembar "{title}" juga tabel {table}, yang sudah dibaca '
                                                             f'dari lembar "{out.sheets[table]}"; yang diharapkan satu '
                                                             "lembar per tabel (hapus atau ganti nama salah satunya)"))
                continue
            if table is not None:
                out.sheets[table] = title
                merged = _reading(_merged_ranges, archive, _reading(wb.__getitem__, title))
                if merged:
                    out.merged[table] = merged
                for left, top, right, bottom in merged:
                    if bottom >= 2 and (right, bottom) != (left, top):  # cells of the table, more than one
                        first = f"{get_column_letter(left)}{max(top, 2)}"
                        out.problems.append(CellProblem(title, first, f"sel gabungan {get_column_letter(left)}{top}:"
                                                        f"{get_column_letter(right)}{bottom}: Excel menyimpan isinya "
                                                        "hanya di sel pertamanya, sel lainnya dibaca kosong; pisahkan "
                                                        "gabungannya lalu isi setiap sel", PERINGATAN))
            if table is not None and table != title:
                _sheet(out, table, _reading(wb.__getitem__, title),
                       _reading(formulas.__getitem__, title) if formulas is not None else None,
                       pkg.resources[table], percent, title)
                continue
            if title not in pkg.resources:
                others.append(title)
                continue
            _sheet(out, title, _reading(wb.__getitem__, title),
                   _reading(formulas.__getitem__, title) if formulas is not None else None, pkg.resources[title],
                   percent)
        for title in others:
            renamed = _renamed(title, _reading(wb.__getitem__, title), pkg, out)
            if renamed is not None:  # its edits would be lost without a word
                out.problems.append(CellProblem(title, "A1", f'lembar "{title}" berjudul kolom tabel {renamed}, tetapi '
                                                             f'buku kerja tidak punya lembar "{renamed}"; nama lembar '
                                                             f'menentukan tabelnya: ganti namanya kembali menjadi '
                                                             f'"{renamed}" lalu impor lagi'))
                continue
            known = title in contract.RESOURCES  # a table this tool knows, not yet in the package: the way to add it
            out.problems.append(CellProblem(title, "A1", f'lembar "{title}" bukan tabel paket ini dan diabaikan; '
                                                         + (f"tabel {title} belum ada di paket: tambahkan dengan kinerja "
                                                            f"tabel {shlex.quote(pkg.display_root)} {title}, lalu impor lagi"
                                                            if known else f"tabel paket: {', '.join(pkg.resources)}"),
                                            PERINGATAN))
            out.ignored += 1
    finally:
        wb.close()
        archive.close()
        if formulas is not None:
            formulas.close()
    return out


def _renamed(title: str, ws, pkg: PackageSpec, out: Intake) -> str | None:
    """The table whose sheet `title` is, renamed by the operator ("Realisasi 2025"): its headings are exactly
    that table's columns, and no sheet carries the table's name. A copy kept beside the table's own sheet
    ("realisasi (2)") is no rename."""
    header = {h.strip() for h in next(_rows(ws, 1), ()) if isinstance(h, str) and h.strip()}
    for name, spec in pkg.resources.items():
        if name not in out.sheets and header == {f["name"] for f in spec.fields}:
            return name
    return None


# A merged range in a worksheet's XML, after its rows: <mergeCell ref="A2:A3"/>.
_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')


def _merged_ranges(archive: zipfile.ZipFile, ws) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet as (first column, first row, last column, last row). A streamed sheet
    has no cells to ask, so its part is searched, in pieces (a large sheet is never held whole)."""
    from openpyxl.utils.cell import range_boundaries

    if hasattr(ws, "merged_cells"):
        return sorted(tuple(r.bounds) for r in ws.merged_cells.ranges)
    path = getattr(ws, "_worksheet_path", None)
    if not path or path not in archive.namelist():
        return []
    found, tail = [], b""
    with archive.open(path) as part:
        while chunk := part.read(1 << 20):
            text = tail + chunk
            found += [m.group(1) + b":" + m.group(2) for m in _MERGE.finditer(text)]
            tail = text[-200:]  # a range cut between two pieces is found whole in the next (found twice: kept once)
    return sorted(tuple(range_boundaries(ref.decode("ascii"))) for ref in dict.fromkeys(found))


# A formula in a worksheet's XML: an <f> element (`<f>`, `<f t="shared" .../>`, or with a namespace prefix).
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether any worksheet of the workbook holds a formula (the file has already been read as a workbook).
    Each sheet is read in pieces, so a large one is never held whole."""
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        with archive.open(name) as part:
            tail = b""
            while chunk := part.read(1 << 20):
                if _FORMULA.search(tail + chunk):
                    return True
                tail = chunk[-64:]
    return False


def _rows(ws, first: int, width: int | None = None, percent: bool = False):
    """A sheet's rows from row `first` as tuples of values (`width` of them, where given), every row down to
    the last one in the file: a streamed sheet is told to forget the size its file states, which a program
    other than Excel may have written wrong, so no row is left unread. With `percent`, cells are read with
    their formats, and a number formatted as a percentage comes as `Shown`."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows = ws.iter_rows(min_row=first, max_col=width, values_only=not percent)
    while (row := _reading(next, rows, None)) is not None:
        if percent:
            row = tuple(Shown(_excel_number(c.value) * 100 if isinstance(c.value, float) else Decimal(c.value) * 100)
                        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
                        and _percent_format(c.number_format) else c.value for c in row)
        yield row


def _header_below(ws, fields: dict, rows: int = 10) -> int | None:
    """The row (2 to `rows`) holding every column name of the table, when a title or notes were typed above
    the header (as `load.csvfile` finds it in a CSV); None when no row does."""
    for number, row in enumerate(itertools.islice(_rows(ws, 2), rows - 1), start=2):
        if set(fields) <= {h.strip() for h in row if isinstance(h, str)}:
            return number
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _sheet(out: Intake, name: str, ws, ws_formulas, spec: ResourceSpec, percent: bool = False,
           title: str | None = None) -> None:
    """Sheet `title` (the table's `name` unless the operator renamed it in case only) as table `name`."""
    sheet = title or name
    existing = CsvFile.read(spec)
    fields = existing.fields(spec)
    # a heading's spaces before or after are invisible in Excel ("nilai " is column nilai)
    header = [h.strip() if isinstance(h, str) else h for h in next(_rows(ws, 1), ())]
    while header and _blank(header[-1]):
        header.pop()
    bad = False
    said = len(out.problems)
    seen: dict[object, str] = {}
    for c, h in enumerate(header, start=1):
        if _blank(h):
            continue  # a column without a heading is no column of the table (its cells are looked at below)
        if h in seen:
            out.problems.append(CellProblem(sheet, f"{column_letter(c)}1", f'judul kolom "{h}" sudah ada di kolom '
                                            f"{seen[h]}; yang diharapkan setiap kolom sekali (hapus salah satunya)"))
            bad = True
        elif h not in fields:
            shown = one_line(str(h)) if not isinstance(h, float) else _plain(_excel_number(h))
            out.problems.append(CellProblem(sheet, f"{column_letter(c)}1", f'judul kolom "{shown}" tidak dikenal; yang '
                                            f"diharapkan nama kolom tabel {name}: {', '.join(fields)}"))
            bad = True
        seen.setdefault(h, column_letter(c))
    for missing_column in [f for f in fields if f not in header]:
        out.problems.append(CellProblem(sheet, f"{column_letter(len(header) + 1)}1",
                                        f'kolom "{missing_column}" tidak ada; jangan menghapus kolom dari lembar'))
        bad = True
    if bad and (lower := _header_below(ws, fields)) is not None:
        # a title typed above the table: one line for the sheet, not one per column said unknown or missing
        del out.problems[said:]
        first = " ".join(one_line(str(h)) for h in header if not _blank(h))[:60]
        out.problems.append(CellProblem(sheet, "A1", f"baris judul kolom ada di baris {lower}, bukan di baris 1; hapus "
                                                     f'baris di atasnya (baris 1: "{first}"): baris pertama lembar harus '
                                                     f"judul kolom ({', '.join(fields)})"))
    if bad:
        return
    letters = {h: column_letter(c) for c, h in enumerate(header, start=1) if not _blank(h)}
    out.columns[name] = letters
    rows: list[tuple[int, dict[str, str]]] = []
    width = len(header)
    cols = [column_letter(c) for c in range(1, width + 1)]
    unnamed: set[str] = set()  # columns without a heading already reported
    # the formulas' rows go along with the values' rows: the same file, read twice
    raws = _rows(ws_formulas, 2, width) if ws_formulas is not None else itertools.repeat((None,) * width)
    # rows as long as they are in the file: a cell beyond the last heading is found, not cut off unseen
    for r, values, raws_of_row in zip(itertools.count(2), _rows(ws, 2, None, percent) if width else (), raws):
        beyond = next((c for c in range(width, len(values)) if not _blank(values[c])), None)
        if beyond is not None:
            _unnamed(out, sheet, column_letter(beyond + 1), r, unnamed)
        values = values[:width]
        if all(_blank(v) for v in values):
            continue
        record = {}
        for column, letter, value, raw in zip(header, cols, values, raws_of_row):
            where = f"{letter}{r}"
            if _blank(column):
                if not _blank(value):
                    _unnamed(out, sheet, letter, r, unnamed)
                continue
            formula = isinstance(raw, str) and raw.startswith("=")
            if value is None and formula:
                out.problems.append(CellProblem(sheet, where, "sel berisi rumus yang belum dihitung; buka berkas di Excel "
                                                             "lalu simpan ulang, atau ketik nilainya"))
                continue
            if formula and isinstance(value, str) and value.strip() in ERRORS:
                out.problems.append(CellProblem(sheet, where, f'rumus di sel ini menghasilkan galat {value.strip()}; '
                                                             "yang diharapkan rumus yang menghasilkan nilai, atau "
                                                             "nilai yang diketik"))
                continue

            def problem(message, where=where):
                out.problems.append(CellProblem(sheet, where, f'kolom "{column}": {message}'))
                return None

            text = from_cell(value, fields[column], spec, problem)
            # A cell that cannot be read goes in empty, so the package check still sees the rest of its row
            # (what it says about this cell is left out: the problem above already names it).
            record[column] = text if text is not None else ""
        rows.append((r, record))
    if name == "instansi" and "id" in existing.header and not out.adds_only:
        _same_agency(out, sheet, existing, rows)
    text, origin, counts = _merge(existing, fields, spec, rows, out.adds_only)
    old = "".join([existing.header_raw, *existing.raw])
    if text != (BOM if existing.bom else "") + old:
        out.texts[name] = text
    out.origin[name] = origin
    out.counts[name] = counts


def _same_agency(out: Intake, sheet: str, existing: CsvFile, rows: list[tuple[int, dict[str, str]]]) -> None:
    """A workbook made from another agency's package would replace every table of this one: refused when its
    agency is not this package's (an agency renamed keeps its id; a new id is changed in instansi.csv)."""
    ours = {r[existing.header.index("id")] for r in existing.records if len(r) > existing.header.index("id")}
    theirs = [(r, record.get("id", "")) for r, record in rows]
    if ours and theirs and not any(ident in ours for _, ident in theirs):
        r, ident = theirs[0]
        out.problems.append(CellProblem(sheet, f"A{r}", f'instansi "{one_line(ident)}" bukan instansi paket ini '
                                        f'("{one_line(sorted(ours)[0])}"): buku kerja ini dibuat dari paket instansi lain; '
                                        "yang diharapkan buku kerja dari `kinerja templat` paket ini (bila ID instansi "
                                        "memang berganti, ubah instansi.csv langsung)"))


def _unnamed(out: Intake, name: str, letter: str, row: int, reported: set[str]) -> None:
    """A warning, once per column, that a column without a heading holds data, which is not imported."""
    if letter in reported:
        return
    reported.add(letter)
    out.ignored += 1
    out.problems.append(CellProblem(name, f"{letter}{row}", f"kolom {letter} tidak berjudul, jadi isinya (mulai sel "
                                                            "ini) tidak diimpor; beri judul nama kolom tabel atau "
                                                            "pindahkan isinya", PERINGATAN))


def _key(spec: ResourceSpec) -> list[str]:
    pk = spec.schema.get("primaryKey") or []
    return [pk] if isinstance(pk, str) else list(pk)


def _merge(existing: CsvFile, fields: dict, spec: ResourceSpec, rows: list[tuple[int, dict[str, str]]],
           adds_only: bool = False) -> tuple[str, dict[int, int], tuple[int, int, int]]:
    """The table's new text: rows in workbook order; an unchanged row keeps its line, an unchanged cell
    its text; the header, delimiter, line ending and BOM of the file as they were. `adds_only` (a workbook
    of `templat --kosong`): the file's rows stay where they are, a workbook row with the key of one of them
    takes its place, the others are added at the end; none is removed."""
    missing = _missing(spec)
    header = existing.header if existing.header else list(fields)
    position = {h: i for i, h in enumerate(header)}
    key = [k for k in _key(spec) if k in position]

    def cells(record: list[str]) -> dict[str, str]:
        return {h: record[i] if i < len(record) else "" for h, i in position.items()}

    olds = [cells(r) for r in existing.records]
    by_key = {}
    for n, old in enumerate(olds):
        if key:
            by_key.setdefault(tuple(old[k] for k in key), n)
    # a keyless table in a `--kosong` workbook: a row typed again as the file has it is that row, not a new one
    by_value: dict[tuple, list[int]] = {}
    if adds_only and not key:
        for n, old in enumerate(olds):
            by_value.setdefault(_said(old, header, fields, missing), []).append(n)
    used: set[int] = set()
    placed: list[tuple[int | None, str, int]] = []  # (the file's row it replaces, its line, its sheet row)
    changed, new = 0, 0

    def kept(n: int) -> str:
        raw = existing.raw[n]
        return raw if raw.endswith(("\n", "\r")) else raw + existing.newline

    for index, (sheet_row, record) in enumerate(rows):
        match = None
        if key:  # the row with the same key (its exact text first, then an equal value: 2025 = 2025.0)
            wanted = tuple(record.get(k, "") for k in key)
            if by_key.get(wanted) is not None and by_key[wanted] not in used:
                match = by_key[wanted]
            else:
                match = next((n for n, old in enumerate(olds) if n not in used and all(
                    same(old[k], w, fields[k], missing) for k, w in zip(key, wanted))), None)
        elif adds_only:
            match = next((n for n in by_value.get(_said(record, header, fields, missing), ()) if n not in used), None)
        elif index < len(olds):  # no key: rows correspond by position
            match = index
        if match is not None:
            used.add(match)
            old = olds[match]
            if all(same(old[h], record.get(h, ""), fields.get(h, {}), missing) for h in header):
                line = kept(match)
            else:
                values = [old[h] if same(old[h], record.get(h, ""), fields.get(h, {}), missing) else record.get(h, "")
                          for h in header]
                line = _line(values, existing)
                changed += 1
        else:
            line = _line([record.get(h, "") for h in header], existing)
            new += 1
        placed.append((match, line, sheet_row))
    if adds_only:
        lines = [kept(n) for n in range(len(olds))]
        origin = {}
        for match, line, sheet_row in placed:
            if match is not None:
                lines[match] = line
                origin[match + 2] = sheet_row
        for match, line, sheet_row in placed:
            if match is None:
                lines.append(line)
                origin[len(lines) + 1] = sheet_row
        removed = 0
    else:
        lines = [line for _, line, _ in placed]
        origin = {n + 2: sheet_row for n, (_, _, sheet_row) in enumerate(placed)}
        removed = len(olds) - len(used)
    if lines and existing.raw and not existing.raw[-1].endswith(("\n", "\r")) and lines[-1] == existing.raw[-1] + existing.newline:
        lines[-1] = existing.raw[-1]  # the file ended without a line ending: so does its copy
    head = existing.header_raw or _line(header, existing)
    return (BOM if existing.bom else "") + head + "".join(lines), origin, (changed, new, removed)


def _said(record: dict[str, str], header: list[str], fields: dict, missing: set[str]) -> tuple:
    """What a row says, cell by cell, as `same` compares cells: numbers by value (3.50 is 3.5), a missing value
    by whether it is blank, other text as it is."""
    out = []
    for h in header:
        text, fld = record.get(h, ""), fields.get(h, {})
        if text in missing:
            out.append(("kosong", text.strip() == ""))
        elif fld.get("type") in ("number", "integer") and (number := _number(text, fld)) is not None:
            out.append(("angka", number.normalize()))
        else:
            out.append(("teks", text))
    return tuple(out)


def _line(values: list[str], existing: CsvFile) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=existing.delimiter, lineterminator=existing.newline).writerow(values)
    return buffer.getvalue()
