"""The file side of `kinerja ikm`: read a raw e-survey export of IKM answers (CSV), or say exactly
what is wrong with it; and present a computed result as text or JSON.

Such exports vary: Excel writes a BOM and, in an Indonesian locale, semicolons; tools add their own
columns. So the delimiter is detected, only u1..u9 are required (any order, other columns ignored, but a
score column past the nine, u10 or "Unsur (12)", is refused: its scores would silently count for nothing),
and every problem is located as `file:row:col:` (row 1 = header) like `kinerja validate` does.
Rows must have as many cells as the header: a missing or extra delimiter would otherwise shift the
scores into the wrong unsur without anyone noticing. Fully blank lines are skipped.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from generator.domain.ikm import NAMA_UNSUR, SKOR, UNSUR
from generator.load.csvfile import _wide, encoding_problem, more
from generator.problems import Problem, os_reason

BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t")
KOSONG = ("", "-")  # the survey schema's missingValues
DIHARAPKAN = "kolom u1 sampai u9 berisi skor 1-4 (kolom lain boleh ada dan diabaikan)"
SKOR_SAH = "skor 1, 2, 3 atau 4, atau kosong bila tidak dijawab"


GROUP = "survei"  # the column that names each answer's survey (the package's jawaban_survei has it)


def read_answers(path: str | Path, display: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The answers as a DataFrame of u1..u9 (float, NaN = not answered), plus the survey each answer belongs
    to (column GROUP, text) when the file names it, and no problems; or None and the problems, sorted by
    position. `display` is the file name used in messages (default: path)."""
    path = Path(path)
    name = display if display is not None else str(path)

    def problem(row: int, col: int, msg: str) -> list[Problem]:
        return [Problem(name, row, col, msg)]

    if not path.exists():
        return None, problem(1, 1, f"berkas tidak ditemukan; yang diharapkan berkas CSV hasil ekspor survei dengan {DIHARAPKAN}")
    if not path.is_file():
        return None, problem(1, 1, "bukan berkas (mungkin folder); yang diharapkan berkas CSV hasil ekspor survei")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, problem(1, 1, f"berkas tidak dapat dibaca ({os_reason(exc)})")
    wide = _wide(data)
    if wide and not wide.startswith("UTF-16"):
        return None, problem(1, 1, f'berkas tersimpan sebagai {wide}, bukan UTF-8; simpan ulang sebagai "CSV UTF-8 (Comma '
                                   'delimited)"')
    if wide:  # Excel's "Teks Unicode": UTF-16, tab-separated
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None, problem(1, 1, "berkas tampak seperti UTF-16 tetapi tidak dapat dibaca; simpan ulang sebagai "
                                       '"CSV UTF-8 (Comma delimited)"')
    body = data
    while body.startswith(BOM):
        body = body[len(BOM):]
    if b"\r" in body:  # CRLF, or CR alone from old Mac Excel
        body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if not body.strip():
        return None, problem(1, 1, f"berkas kosong; yang diharapkan baris judul kolom dengan {DIHARAPKAN}, "
                                   "lalu satu baris per responden")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [encoding_problem(name, body, exc, DELIMITERS)]

    delimiter, header = _detect(text)
    columns, problems = _check_header(name, header)
    if problems:
        return None, problems
    problems = _check_rows(name, text, delimiter, header)
    if problems:
        return None, problems
    group = next((i for i, h in enumerate(header) if h.strip() == GROUP), None)
    used = sorted([*columns.values(), *([group] if group is not None else [])])
    try:
        raw = pd.read_csv(io.StringIO(text), sep=delimiter, header=0, usecols=used,
                          dtype=str, na_filter=False, keep_default_na=False, skip_blank_lines=False, index_col=False)
    except (pd.errors.ParserError, ValueError) as exc:
        return None, [_parser_problem(name, str(exc))]
    raw.columns = [_heading(header[i]) for i in used]  # usecols keeps file order
    scores, problems = _scores(name, raw, columns)
    if group is not None:
        scores[GROUP] = raw[GROUP].str.strip().to_numpy()
    return (None, problems) if problems else (scores, [])


def _parser_problem(name: str, error: str) -> Problem:
    """pandas's tokenizer error, in Indonesian, at its row (its 'row' counts from 0 = header, its 'line' from 1)."""
    match = re.search(r"EOF inside string starting at row (\d+)", error)
    if match:
        return Problem(name, int(match.group(1)) + 1, 1, 'tanda kutip (") dibuka di baris ini tetapi tidak ditutup '
                                                         "sampai akhir berkas; tutup atau hapus tanda kutip itu")
    match = re.search(r"line (\d+)", error)
    return Problem(name, int(match.group(1)) if match else 1, 1,
                   f"berkas CSV tidak dapat dibaca di baris ini (pesan pembaca CSV: {error.strip()})")


def _detect(text: str) -> tuple[str, list[str]]:
    """The delimiter under which the header names the most score columns (then: the most columns)."""
    best = None
    sample = text[: 1 << 20]  # the header record; StringIO(text) would copy the whole file
    for delimiter in DELIMITERS:
        header = [h.strip("\ufeff") for h in next(csv.reader(io.StringIO(sample), delimiter=delimiter), [])]
        names = [_heading(h) for h in header]
        score = (sum(u in names for u in UNSUR), sum(_maksud(h) is not None for h in names), len(header))
        if best is None or score > best[0]:
            best = (score, delimiter, header)
    return best[1], best[2]


def _heading(judul: str) -> str:
    """A header cell as the columns are named: spaces around it dropped, and a score column's name in any
    case ("U1", as survey forms and spreadsheets write it, is u1; "U1. Persyaratan" is still a near miss)."""
    name = judul.strip()
    return name.lower() if name.lower() in UNSUR else name


def _compact(judul: str) -> str:
    return re.sub(r"[\s_.\-:()\[\]/]+", "", judul.strip().lower())


def _unsur_number(judul: str) -> int | None:
    """The unsur a header names by number, however written: U1, u 1, u_01, unsur1, "U1. Persyaratan",
    "Unsur (10)", "U10 Kebersihan" (one reading for the near misses and for columns past the nine)."""
    match = re.match(r"(?:unsur|u)0*(\d+)", _compact(judul))
    return int(match.group(1)) if match else None


def _maksud(judul: str) -> str | None:
    """The score column a near-miss header probably means: U1, u 1, u_01, unsur1, "U1. Persyaratan",
    "Persyaratan" -> u1. A header that already is exactly u1..u9 is not a near miss."""
    if _heading(judul) in UNSUR:
        return None
    compact = _compact(judul)
    number = _unsur_number(judul)
    if number is not None and 1 <= number <= len(UNSUR):
        return f"u{number}"
    for u, nama in NAMA_UNSUR.items():
        if compact == re.sub(r"[\s_.\-:()\[\]/,]+", "", nama.lower()):
            return u
    return None


def _check_header(name: str, header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Position (0-based) of each score column; problems for duplicates and missing ones."""
    names = [_heading(h) for h in header]
    columns: dict[str, int] = {}
    problems = []
    for i, h in enumerate(names):
        if h in UNSUR:
            if h in columns:
                problems.append(Problem(name, 1, i + 1, f'kolom "{h}" muncul dua kali (juga kolom ke-{columns[h] + 1}); '
                                                        "setiap unsur hanya boleh satu kolom"))
            else:
                columns[h] = i
    suggested = set()
    for i, h in enumerate(names):
        u = _maksud(h)
        if u and u not in columns and u not in suggested:
            suggested.add(u)
            problems.append(Problem(name, 1, i + 1,
                                    f'judul kolom "{h}" bukan nama kolom skor yang sah; mungkin maksudnya "{u}" '
                                    f"({u.upper()} {NAMA_UNSUR[u]})? Kolom skor wajib bernama u1 sampai u9 "
                                    "(huruf besar atau kecil), tanpa spasi atau kata lain"))
    for i, h in enumerate(names):  # u10, "Unsur (12)": a survey with more unsur than the nine, whose scores would go
        extra = _unsur_number(h)   # unnoticed into no IKM at all
        if extra is not None and extra > len(UNSUR):
            problems.append(Problem(name, 1, i + 1,
                                    f'kolom "{h}" tampak sebagai skor unsur ke-{extra}, tetapi IKM '
                                    f"(PermenPANRB 14/2017) dihitung dari {len(UNSUR)} unsur dan skor kolom ini tidak "
                                    f"akan dihitung; yang diharapkan {len(UNSUR)} kolom skor u1 sampai u{len(UNSUR)} "
                                    "(ganti nama kolom ini bila bukan skor, atau hapus)"))
    for u in UNSUR:
        if u not in columns and u not in suggested:
            problems.append(Problem(name, 1, len(header) + 1,
                                    f'kolom "{u}" ({u.upper()} {NAMA_UNSUR[u]}) tidak ada; yang diharapkan {DIHARAPKAN}'))
    return columns, sorted(problems)


def _widths(text: str, delimiter: str) -> list[int]:
    """Cells per record, header first; 0 for a blank line. Without quotes or lone CRs a record is a
    line, and counting delimiters is several times faster than the csv module on a large export."""
    if '"' not in text and text.count("\r") == text.count("\r\n"):
        lines = text.split("\n")
        if lines and lines[-1] in ("", "\r"):
            lines.pop()
        return [line.count(delimiter) + 1 if line.rstrip("\r") else 0 for line in lines]
    return [len(cells) for cells in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _check_rows(name: str, text: str, delimiter: str, header: list[str]) -> list[Problem]:
    """Every record has as many cells as the header (blank lines aside). Row = record number, so a
    quoted cell spanning lines does not shift the rows after it."""
    width = len(header)
    try:
        widths = np.array(_widths(text, delimiter), dtype="int64")
    except csv.Error as exc:
        reader, row = csv.reader(io.StringIO(text), delimiter=delimiter), 0
        try:  # the error path only: find the record the csv module stopped at
            for row, _ in enumerate(reader, start=1):
                pass
        except csv.Error:
            pass
        return [Problem(name, row + 1, 1, f"berkas CSV tidak dapat dibaca mulai baris ini ({exc}); "
                                          "periksa tanda kutip yang tidak ditutup")]
    bad = np.flatnonzero((widths != width) & (widths != 0))
    bad = bad[bad > 0]  # record 0 is the header itself
    shown = "tab" if delimiter == "\t" else delimiter
    problems = []
    for longer in (True, False):
        rows = [int(i) + 1 for i in bad if (widths[i] > width) == longer]
        if not rows:
            continue
        cells = int(widths[rows[0] - 1])
        if longer:
            problems.append(Problem(name, rows[0], width + 1,
                                    f"baris ini memiliki {cells} sel, lebih banyak dari jumlah kolom ({width}); "
                                    f'periksa pemisah "{shown}" di dalam teks yang tidak diberi tanda kutip' + more(rows)))
        else:
            problems.append(Problem(name, rows[0], cells + 1,
                                    f"baris ini hanya memiliki {cells} sel, padahal ada {width} kolom; "
                                    f'kolom "{header[cells].strip()}" dan seterusnya tidak terisi, '
                                    f'mungkin ada pemisah "{shown}" yang hilang' + more(rows)))
    return problems


def _classify(cell: str) -> tuple[float, str | None]:
    """(score or NaN, problem message or None) for one distinct cell text."""
    text = cell.strip()
    if text in KOSONG:
        return np.nan, None
    if re.fullmatch(r"[+-]?[0-9]+", text):
        value = int(text)
        if value in SKOR:
            return float(value), None
        return np.nan, f"skor {value} di luar rentang; yang diharapkan bilangan bulat 1 sampai 4, atau kosong bila tidak dijawab"
    if any(ch.isdigit() for ch in text) and not text.isascii():
        return np.nan, (f'nilai "{cell}" memakai digit selain 0-9 (misalnya angka lebar penuh); ketik ulang dengan '
                        "angka 0-9")
    if re.fullmatch(r"[+-]?([0-9]+[.,][0-9]*|[.,][0-9]+)", text):
        number = float(text.replace(",", "."))
        hint = f"; tulis {int(number)}" if number.is_integer() and int(number) in SKOR else ""
        return np.nan, f'nilai "{cell}" bukan bilangan bulat; yang diharapkan {SKOR_SAH}{hint}'
    return np.nan, (f'nilai "{cell}" bukan angka; yang diharapkan {SKOR_SAH} '
                    "(ekspor skornya, bukan teks pilihan jawaban)")


def _scores(name: str, raw: pd.DataFrame, columns: dict[str, int]) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert each score column through its few distinct texts (factorize), not cell by cell."""
    out = {}
    problems = []
    for u in UNSUR:
        codes, uniques = pd.factorize(raw[u].to_numpy(dtype=object))
        classified = [_classify(str(v)) for v in uniques]
        lookup = np.array([c[0] for c in classified] + [np.nan], dtype="float64")
        out[u] = lookup[codes]  # code -1 (never produced here) would read the trailing NaN
        by_message: dict[str, list[int]] = {}
        for code, (_, msg) in enumerate(classified):
            if msg:
                by_message.setdefault(msg, []).extend(int(i) + 2 for i in np.flatnonzero(codes == code))
        for msg, rows in by_message.items():  # one line per distinct problem, with how often it repeats
            rows.sort()
            problems.append(Problem(name, rows[0], columns[u] + 1, f'kolom "{u}": {msg}' + more(rows)))
    return pd.DataFrame(out, columns=UNSUR), sorted(problems)
