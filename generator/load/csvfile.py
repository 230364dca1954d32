"""Read one CSV file the way an operator's spreadsheet wrote it, or say exactly why it cannot be read.

Excel writes two styles, and a package may hold both: with English settings `,` between cells and a
decimal point (`88.19`); with Indonesian settings `;` between cells, a decimal comma and dots between
thousands (`88,19`, `9.079.049.540,00`). The style is detected per file from its header row, so an operator
can save any table from their own Excel without editing `datapackage.json`. The style decides how numbers
are read (`Style`), never the descriptor's `dialect` or a schema's `decimalChar`.

Everything else an export can carry is dealt with here, once: one or more UTF-8 BOMs, CRLF or old Mac CR
line endings, UTF-16 ("Teks Unicode") and Windows-1252 ("CSV (Comma delimited)") exports, tab-separated
text, NUL and other control characters, an unclosed quote, rows with too few or too many cells. What a
spreadsheet leaves around a table without meaning anything (blank rows, rows of separators only, empty
untitled columns at the right, empty cells past the last column) is left out with a warning.
The result is a DataFrame of the cells as text (index = spreadsheet row, header = row 1); typing the cells
is `load.cells`' job, checking them `validate.cells`'.
"""
from __future__ import annotations

import csv
import difflib
import io
import os
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from generator import fmt
from generator.problems import PERINGATAN, Problem, os_reason

BOM = b"\xef\xbb\xbf"
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a long free-text cell is data, not an attack on the reader


@dataclass(frozen=True)
class Style:
    """How one file writes cells and numbers."""

    delimiter: str
    decimal: str
    group: str | None
    nama: str  # in messages

    @property
    def example(self) -> str:
        return "9.079.049.540,00 atau 88,19" if self.decimal == "," else "88.19"


KOMA = Style(",", ".", None, 'pemisah "," dengan titik desimal (88.19)')
TITIK_KOMA = Style(";", ",", ".", 'pemisah ";" dengan koma desimal dan titik ribuan (88,19; 9.079.049.540,00), '
                                  "seperti Excel berpengaturan Indonesia")
STYLES = {",": KOMA, ";": TITIK_KOMA}

# Characters no cell may hold: C0 controls but tab, line feed and carriage return; DEL; C1 controls; the
# byte-order mark / zero-width no-break space; the two non-characters; bidirectional overrides, which can
# make a name read backwards. They are invisible in a spreadsheet, break the Atom feed (XML) and charts.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_CONTROL_BYTES = np.zeros(256, dtype=bool)
_CONTROL_BYTES[[*range(0, 9), 11, 12, *range(14, 32), 127]] = True
_CONTROL_UTF8 = (b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xe2\x80\xaa", b"\xe2\x80\xab", b"\xe2\x80\xac",
                 b"\xe2\x80\xad", b"\xe2\x80\xae", b"\xe2\x81\xa6", b"\xe2\x81\xa7", b"\xe2\x81\xa8", b"\xe2\x81\xa9")


def control_name(ch: str) -> str:
    """U+0000 (NUL) etc.: how a message names an invisible character."""
    names = {0: "NUL", 9: "tab", 0x1B: "ESC", 0x7F: "DEL", 0xFEFF: "BOM", 0x85: "NEL"}
    code = ord(ch)
    return f"U+{code:04X}" + (f" ({names[code]})" if code in names else "")


@dataclass
class RawTable:
    """A file's cells as text: `frame` has the header's names as columns and the spreadsheet row of each
    record as index (header = 1); blank rows are left out (and reported)."""

    frame: pd.DataFrame
    header: list[str]
    style: Style
    controls: bool = False  # whether some cell holds a control character (then every cell is searched)
    typed: dict[str, pd.Series] = field(default_factory=dict)  # columns already converted by the cell checks


SAVE_AS = 'simpan ulang dari Excel dengan "Simpan Sebagai" → "CSV UTF-8 (Comma delimited) (*.csv)"'


def read_csv_file(path: Path, display: str, names: list[str], lenient: bool = True) -> tuple[RawTable | None, list[Problem]]:
    """The file's cells as text and no problems, or None and the problems that stop it from being read
    (missing, empty, not UTF-8, wrong header, broken rows). `names`: the columns the schema expects."""
    expected = ", ".join(names)

    def fail(row: int, col: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, row, col, message)]

    if not path.exists():
        return fail(1, 1, f"berkas tidak ditemukan; resource di datapackage.json menunjuk ke berkas ini "
                          f"(kolom yang diharapkan: {expected})" + _other_case(path))
    data, problem = file_bytes(path, display)
    return (None, [problem]) if problem else read_csv_bytes(data, display, names, lenient)


def _other_case(path: Path) -> str:
    """The file named in another letter case, when there is one (Target.CSV for target.csv): the same file on
    Windows and macOS disks, another on Linux and in CI."""
    try:
        found = sorted(e.name for e in os.scandir(path.parent) if e.name.casefold() == path.name.casefold())
    except OSError:
        return ""
    return (f"; di foldernya ada {found[0]}: nama berkas membedakan huruf besar dan kecil (di Linux dan GitHub "
            f"Actions), ganti namanya menjadi {path.name}") if found else ""


def file_bytes(path: Path, display: str) -> tuple[bytes, Problem | None]:
    """An existing resource file's bytes, or why they cannot be read: not a regular file (a folder, or a named
    pipe, which would block its reader for ever, so it is never opened), no permission."""
    if not path.is_file():
        return b"", Problem(display, 1, 1, "bukan berkas (mungkin folder); yang diharapkan berkas CSV")
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return b"", Problem(display, 1, 1, f"berkas tidak dapat dibaca ({os_reason(exc)}); periksa izin berkas")


def unreadable(path: Path, display: str) -> Problem | None:
    """Why an existing resource file cannot be read as text at all (as `read_csv_file` would say), for the
    commands that read the package's files as text before anything else (kinerja templat, kinerja impor). A
    missing file is None here: validation reports it."""
    if not path.exists() and not path.is_symlink():
        return None
    data, problem = file_bytes(path, display)
    if problem:
        return problem
    if wide := _wide(data):
        return Problem(display, 1, 1, f"berkas tersimpan sebagai {wide}, bukan UTF-8; {SAVE_AS}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return encoding_problem(display, data, exc)
    return None


def read_csv_bytes(data: bytes, display: str, names: list[str], lenient: bool = True
                   ) -> tuple[RawTable | None, list[Problem]]:
    """`read_csv_file` for bytes already read (a file as it was in an earlier git commit, for instance).

    `lenient`: what a spreadsheet leaves around a table without meaning anything (rows of separators only,
    untitled empty columns at the right) is left out with a warning, not refused; the file's cells are all
    still read, so nothing an operator typed is lost. A roll-up's harvest hands the bytes to another reader
    as they are, so it asks for the strict answer (each such row or column an error)."""
    expected = ", ".join(names)

    def fail(row: int, col: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, row, col, message)]

    if wide := _wide(data):
        return fail(1, 1, f"berkas tersimpan sebagai {wide}, bukan UTF-8; {SAVE_AS}")
    while data.startswith(BOM):
        data = data[len(BOM):]
    if b"\r" in data:  # CRLF from Windows, CR alone from old Mac Excel: one line ending for the reader
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if not data.strip():
        return fail(1, 1, f"berkas kosong; yang diharapkan minimal baris judul kolom: {expected}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [encoding_problem(display, data, exc)]
    header_end = text.find("\n")
    header_line = text if header_end < 0 else text[:header_end]
    style, header, tab = _detect(header_line.replace("\ufeff", ""), names)
    if tab:
        return fail(1, 1, "kolom dipisahkan dengan tab (Excel: \"Teks (dibatasi tab)\"), bukan CSV; " + SAVE_AS
                    + ' atau dari Excel berpengaturan Indonesia sebagai CSV dengan pemisah ";"')
    untitled = _untitled(header) if lenient else 0
    if untitled:
        header = header[:-untitled]
    problems = check_header(display, header, names)
    if problems and (lower := _header_below(text, names)) is not None:
        first = shown_heading(header_line.strip())[:60]
        return fail(1, 1, f"baris judul kolom ada di baris {lower}, bukan di baris 1; hapus baris di atasnya "
                          f'(baris 1: "{first}"{", ditambahkan sebagian versi Excel" if first.lower().startswith("sep=") else ""}): '
                          f"baris pertama berkas harus judul kolom ({expected})")
    if problems:
        return None, problems
    body = "" if header_end < 0 else text[header_end + 1:]
    body = body.rstrip("\n") + "\n" if body.strip("\n") else ""  # blank lines after the last record are harmless
    frame, problems = _parse(display, header, body, style, lenient, len(header) + untitled)
    if untitled and frame is not None:
        problems.insert(0, _untitled_warning(display, len(header), untitled))
    if frame is None:
        return None, problems
    first_newline = data.find(b"\n")
    controls = first_newline >= 0 and has_control_bytes(data[first_newline + 1:])
    return RawTable(frame, header, style, controls), problems


def _untitled(header: list[str]) -> int:
    """How many headings at the right end of a header row are blank (Excel keeps such columns once a cell
    right of the table was used), when some heading is not."""
    tail = len(header)
    while tail > 0 and not header[tail - 1].strip():
        tail -= 1
    return len(header) - tail if tail else 0


def _untitled_warning(display: str, width: int, untitled: int) -> Problem:
    span = f"kolom ke-{width + 1}" + (f" sampai ke-{width + untitled}" if untitled > 1 else "")
    return Problem(display, 1, width + 1, f"{span} di ujung kanan tidak berjudul dan kosong, jadi tidak dibaca "
                                          "(Excel menyimpannya bila sel di kanan tabel pernah diisi); tidak ada "
                                          "yang perlu diubah, atau hapus kolom itu lalu simpan ulang", PERINGATAN)


def _wide(data: bytes) -> str:
    """How a file in a two- or four-byte encoding was saved, as the message says it: 'UTF-16 (Excel: "Teks
    Unicode")' or "UTF-32" (with or without a BOM; UTF-32's little-endian BOM begins with UTF-16's), else ""."""
    head = data[:400]
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or (
            len(head) >= 8 and head.count(b"\x00") * 4 >= len(head) * 3):  # three bytes in four zero: ASCII in UTF-32
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(head) >= 4 and head.count(b"\x00") * 3 >= len(head)):  # every other byte is zero: ASCII in UTF-16
        return 'UTF-16 (Excel: "Teks Unicode")'
    return ""


def encoding_problem(display: str, body: bytes, exc: UnicodeDecodeError,
                     delimiters: tuple[str, ...] = (",", ";")) -> Problem:
    """Point at the first byte that is not UTF-8: usually an Excel 'CSV (Windows-1252/ANSI)' export. The
    cell is found with the delimiter the first line uses most (of `delimiters`; a tie goes to the first)."""
    line_start = body.rfind(b"\n", 0, exc.start) + 1
    line_end = body.find(b"\n", exc.start)
    row = body.count(b"\n", 0, exc.start) + 1
    first_line = body.split(b"\n", 1)[0].decode("cp1252", errors="replace")
    delimiter = max(delimiters, key=first_line.count)
    prefix = body[line_start:exc.start].decode("cp1252", errors="replace")
    column = len(next(csv.reader([prefix], delimiter=delimiter), [""])) if prefix else 1
    line = body[line_start: line_end if line_end >= 0 else len(body)].decode("cp1252", errors="replace").rstrip("\r")
    cells = next(csv.reader([line], delimiter=delimiter), [""])
    cell = cells[column - 1] if column <= len(cells) else line
    char = body[exc.start:exc.start + 1].decode("cp1252", errors="replace")
    bad = body[exc.start:exc.start + 1].hex().upper()
    return Problem(display, row, column,
                   f'teks bukan UTF-8: bita 0x{bad} ("{char}" dalam Windows-1252), sel terbaca sebagai "{cell[:80]}"; '
                   'berkas tampaknya disimpan Excel sebagai "CSV (Comma delimited)"/ANSI. '
                   'Yang diharapkan: simpan ulang sebagai "CSV UTF-8 (Comma delimited)"')


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _detect(header_line: str, names: list[str]) -> tuple[Style, list[str], bool]:
    """The file's style from its header row: the delimiter that splits it into the most expected column
    names (then into the most columns). Also whether the header is tab-separated."""
    wanted = set(names)
    best = None
    for delimiter in (",", ";", "\t"):
        cells = [c.strip() for c in _split(header_line, delimiter)]
        score = (len(wanted & set(cells)), len(cells))
        if best is None or score > best[0]:
            best = (score, delimiter, cells)
    (_, count), delimiter, cells = best
    if delimiter == "\t":
        return KOMA, cells, count > 1
    return STYLES[delimiter], cells, False


def detect_style(header_line: str, names: list[str]) -> Style:
    """The style of a file from its header row (also for writers that keep a file's own style)."""
    return _detect(header_line, names)[0]


def _header_below(text: str, names: list[str], lines: int = 10) -> int | None:
    """The line (2 to `lines`) that holds the table's header when a title row or a `sep=` line was put above
    it: one line for the operator instead of every column said missing. None when no line below does."""
    for number, line in enumerate(text.split("\n", lines)[1:lines], start=2):
        _, cells, _ = _detect(line.replace("\ufeff", ""), names)
        if set(names) <= {c.strip() for c in cells}:
            return number
    return None


def check_header(display: str, header: list[str], names: list[str]) -> list[Problem]:
    """The header must hold every expected column once, in any order."""
    expected = ", ".join(names)
    if header == names or (sorted(header) == sorted(names) and len(set(header)) == len(header)):
        return []
    problems = []
    # Columns without a heading at the right end (";;" after the last heading): Excel keeps them once a cell
    # right of the table was used. One line for all of them, not a "kosong" and a "dua kali" line each.
    tail = len(header)
    while tail > 0 and not header[tail - 1].strip():
        tail -= 1
    if tail < len(header) and tail > 0:
        span = f"kolom ke-{tail + 1}" + (f" sampai ke-{len(header)}" if len(header) > tail + 1 else "")
        problems.append(Problem(display, 1, tail + 1, f"{span} di ujung kanan tidak berjudul; hapus kolom itu "
                                                      "(Excel menyimpannya bila sel di kanan tabel pernah diisi), lalu "
                                                      "simpan ulang"))
        header = header[:tail]
    if sorted(header) == sorted(names) and len(set(header)) == len(header):
        return problems
    extra = [0]  # problems beyond HEADER_LINES: counted, said in one line

    def said(column: int, message: str) -> None:
        if len(problems) < HEADER_LINES:
            problems.append(Problem(display, 1, column, message))
        else:
            extra[0] += 1

    seen = set()
    for i, h in enumerate(header, start=1):
        if h in seen:
            said(i, f'judul kolom "{shown_heading(h)}" muncul dua kali; setiap kolom harus unik')
        seen.add(h)
    missing = [n for n in names if n not in header]
    for i, h in enumerate(header, start=1):
        if h in names:
            continue
        if len(problems) >= HEADER_LINES:  # no guess needed for a line that is not printed
            extra[0] += 1
            continue
        # named, not dropped: "sumber<NUL>" was said as 'judul kolom "sumber" tidak dikenal; mungkin maksudnya "sumber"?'
        shown = shown_heading(h)
        guess = difflib.get_close_matches(h[:GUESS_CHARS].strip().lower(), missing, n=1, cutoff=0.6)
        if guess:
            said(i, f'judul kolom "{shown}" tidak dikenal; mungkin maksudnya "{guess[0]}"? Kolom yang diharapkan: {expected}')
            missing.remove(guess[0])
        elif not h.strip():
            said(i, f"judul kolom kosong; kolom yang diharapkan: {expected}")
        else:
            said(i, f'judul kolom "{shown}" tidak dikenal; kolom yang diharapkan: {expected}')
    for n in missing:
        said(len(header) + 1, f'kolom "{n}" tidak ada; yang diharapkan kolom: {expected}')
    if extra[0]:
        problems.append(Problem(display, 1, 1, f"dan {fmt.angka(extra[0], 0)} masalah lain di baris judul kolom yang sama "
                                               f"(judul ganda, kosong, tidak dikenal atau kolom yang tidak ada); yang "
                                               f"diharapkan baris judul berisi kolom: {expected}"))
    return problems


# At most this many lines for one header row (a row of a million headings was a million lines), and the
# characters of a heading compared with the expected names for a guess (difflib is quadratic in them).
HEADER_LINES = 20
GUESS_CHARS = 100


def shown_heading(heading: str) -> str:
    """A heading as a message quotes it: invisible characters named, at most 80 characters."""
    return CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", heading[:80])[:80]


EXTRA_CELLS = 256


def _parse(display: str, header: list[str], body: str, style: Style, lenient: bool = False,
           titled_width: int = 0) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The records under the header as text, indexed by spreadsheet row, or the rows that are broken.
    `titled_width`: the header row's cells, untitled ones at the right included (`lenient` only)."""
    width = len(header)
    if not body:
        return pd.DataFrame({h: pd.Series([], dtype=object) for h in header}), []
    counts = _field_counts(body, style.delimiter)
    # Lenient: every cell is read, so that cells right of the last column are seen to be empty (and left out)
    # or not (and reported at the first of them), rather than cut off by the reader.
    # (at most EXTRA_CELLS more than the header row: a row of a million separators is a row with too many cells,
    # not a million columns in memory)
    full = max(width, min(int(counts.max(initial=0)), max(titled_width, width) + EXTRA_CELLS)) if lenient else width
    try:
        if counts.max(initial=0) > full + EXTRA_CELLS:  # refused below from the counts alone; pandas's reader
            raise pd.errors.ParserError("")           # took 3 s and 550 MB for one row of 100.000 cells
        with warnings.catch_warnings():  # a row longer than the header: counted below, reported in Bahasa
            warnings.simplefilter("ignore")
            frame = pd.read_csv(io.StringIO(body), sep=style.delimiter, header=None, names=list(range(full)),
                                dtype=object, keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                                quoting=csv.QUOTE_MINIMAL, doublequote=True, index_col=False)
    except pd.errors.ParserError as exc:
        match = re.search(r"EOF inside string starting at row (\d+)", str(exc))
        if match:
            return None, [Problem(display, int(match.group(1)) + 2, 1,
                                  'tanda kutip (") dibuka di baris ini tetapi tidak ditutup sampai akhir berkas; '
                                  "tutup atau hapus tanda kutip itu")]
        frame = None
    except (ValueError, MemoryError) as exc:  # pandas's other complaints about a malformed file
        return None, [Problem(display, 1, 1, f"berkas CSV tidak dapat dibaca ({type(exc).__name__}); {SAVE_AS}")]
    notes: list[Problem] = []
    filled_at = None
    if lenient and frame is not None and len(frame) == len(counts):
        # separators only, however many: a blank row (only a row whose first cell is empty can be one)
        maybe = np.flatnonzero((frame.iloc[:, 0].to_numpy() == "") & (counts > 0))
        if len(maybe):
            counts = counts.copy()
            counts[maybe[~(frame.iloc[maybe].to_numpy() != "").any(axis=1)]] = 0
    if full > width and frame is not None and len(frame) == len(counts):
        extra = frame.iloc[:, width:].to_numpy() != ""
        filled = extra.any(axis=1)
        filled_at = np.where(filled, extra.argmax(axis=1) + width + 1, 0)  # column (from 1) of the first such cell
        quiet = (counts > width) & (counts <= full) & ~filled  # a cell beyond `full` was not seen: not quiet
        if (beyond := quiet & (counts > max(titled_width, width))).any():
            rows = (np.flatnonzero(beyond) + 2).tolist()
            notes.append(Problem(display, rows[0], width + 1,
                                 f"sel di kanan kolom terakhir (kolom ke-{width}) kosong, jadi tidak dibaca; tidak ada "
                                 f'yang perlu diubah, atau hapus pemisah "{style.delimiter}" di ujung baris ini'
                                 + _more(rows), PERINGATAN))
        counts = np.where(quiet, width, counts)  # read as a row of the header's width
        frame = frame.iloc[:, :width]
    blank = counts == 0
    first = frame.iloc[:, 0].to_numpy() if frame is not None and len(frame) == len(counts) else None
    problems = _ragged(display, counts, width, style, filled_at, titled_width, first)
    if problems and '"' in body:
        problems = _open_quote(display, body, width, style) or problems
    if frame is None or problems:
        if not problems:  # pandas refused but every row has the right width: a quoting problem
            problems = [Problem(display, 2, 1, f'berkas CSV tidak dapat dibaca; periksa tanda kutip ("). {SAVE_AS}')]
        return None, problems
    if len(frame) != len(counts):  # the two readers disagree about where records end: quoting again
        return None, [Problem(display, 2, 1, f'berkas CSV tidak dapat dibaca; periksa tanda kutip ("). {SAVE_AS}')]
    frame.columns = header
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    first_empty = (frame.iloc[:, 0] == "").to_numpy()
    if first_empty.any():  # a row of delimiters only (";;;;;"), as Excel leaves where cells were cleared
        blank = blank | (first_empty & (frame == "").all(axis=1).to_numpy())
    if blank.any():
        rows = (np.flatnonzero(blank) + 2).tolist()
        if lenient:  # nothing in them to lose
            notes.append(Problem(display, rows[0], 1, "baris kosong, jadi tidak dibaca; tidak ada yang perlu diubah, atau "
                                                      "hapus baris ini" + _more(rows), PERINGATAN))
        else:
            notes.append(Problem(display, rows[0], 1, "baris kosong; hapus baris ini" + _more(rows)))
        frame = frame[~blank]
    return frame, notes


def _open_quote(display: str, body: str, width: int, style: Style) -> list[Problem]:
    """A quote left open swallows the line breaks after it, so the rows below shift: name the quote, not the
    shifted rows. Found as the first record of the wrong width that spans several lines of the file."""
    reader = csv.reader(io.StringIO(body), delimiter=style.delimiter)
    start = 1
    for record in reader:
        end = reader.line_num
        if end > start and len(record) != width:
            column = next((i for i, cell in enumerate(record) if "\n" in cell), 0) + 1
            return [Problem(display, start + 1, column,
                            f'tanda kutip (") di sel ini dibuka tetapi tidak ditutup, sehingga baris {start + 1} sampai '
                            f"{end + 1} terbaca sebagai satu sel; tambahkan tanda kutip penutup di akhir sel, atau hapus "
                            "tanda kutip pembukanya")]
        start = end + 1
    return []


def _field_counts(body: str, delimiter: str) -> np.ndarray:
    """Cells per record (0 for a blank line). Without quotes a record is a line (counted in C); with quotes
    the csv module finds where records end."""
    if '"' not in body:
        lines = body[:-1].split("\n")
        counts = np.fromiter((line.count(delimiter) + 1 if line else 0 for line in lines), dtype=np.int64, count=len(lines))
        return counts
    return np.fromiter((len(r) for r in csv.reader(io.StringIO(body), delimiter=delimiter)), dtype=np.int64)


def _ragged(display: str, counts: np.ndarray, width: int, style: Style, filled_at: np.ndarray | None = None,
            titled_width: int = 0, whole_rows: np.ndarray | None = None) -> list[Problem]:
    """Rows with too few or too many cells, one line each kind. `filled_at`: per row, the column (from 1) of
    its first non-empty cell right of the header's last column, where the reader saw every cell;
    `whole_rows`: per row, its first cell as read (a whole row quoted as one cell is told as such)."""
    problems = []
    filled = counts > 0
    for label, mask in (("lebih", filled & (counts > width)), ("kurang", filled & (counts < width))):
        if not mask.any():
            continue
        rows = (np.flatnonzero(mask) + 2).tolist()
        n = int(counts[rows[0] - 2])
        column = min(n, width) + (1 if label == "lebih" else 0)
        if label == "lebih" and filled_at is not None and filled_at[rows[0] - 2] > 0:
            column = int(filled_at[rows[0] - 2])
        if label == "lebih" and column <= titled_width:
            message = (f"sel ini berisi data di kolom ke-{column}, yang tidak berjudul di baris 1, jadi tidak akan "
                       "dibaca; pindahkan isinya ke kolom yang sesuai, atau hapus isinya")
        elif label == "lebih":
            message = (f"baris ini memiliki {n} sel, lebih banyak dari {width} kolom judul; periksa pemisah "
                       f'"{style.delimiter}" di dalam teks yang tidak diberi tanda kutip')
        elif n == 1 and whole_rows is not None and whole_rows[rows[0] - 2].count(style.delimiter) >= width - 1:
            message = (f'seluruh baris ini tersimpan sebagai satu sel di antara tanda kutip ("), sehingga pemisah '
                       f'"{style.delimiter}" di dalamnya tidak memisahkan kolom; hapus tanda kutip di awal dan akhir '
                       "baris (terjadi bila berkas dibuka di Excel yang tidak memisahkan kolomnya, lalu disimpan lagi)")
        else:
            message = (f"baris ini hanya memiliki {n} sel, kurang dari {width} kolom judul; mungkin ada pemisah "
                       f'"{style.delimiter}" yang terhapus, sehingga isi sel bergeser ke kolom lain')
        problems.append(Problem(display, rows[0], column, message + _more(rows)))
    return problems


def _more(rows: list[int]) -> str:
    """'… dan 4.998 baris lain dengan masalah yang sama (baris 3, 4, 5, …)' for a repeated problem."""
    if len(rows) < 2:
        return ""
    others = rows[1:]
    shown = ", ".join(str(r) for r in others[:5]) + (", …" if len(others) > 5 else "")
    return f" … dan {_count(len(others))} baris lain dengan masalah yang sama (baris {shown})"


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def more(rows: list[int]) -> str:
    return _more(rows)


def has_control_bytes(data: bytes) -> bool:
    """Whether UTF-8 bytes hold a character of `CONTROL` (checked in C, not per cell)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    if _CONTROL_BYTES[arr].any():
        return True
    lead = np.flatnonzero(arr[:-1] == 0xC2)
    if lead.size and ((arr[lead + 1] >= 0x80) & (arr[lead + 1] <= 0x9F)).any():
        return True
    return any(seq in data for seq in _CONTROL_UTF8)
