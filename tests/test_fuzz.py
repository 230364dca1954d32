"""Fuzzing every input the generator reads, with hypothesis (the same cases on every run: see conftest's profiles).

Each test mutates one kind of input of the default package, the synthetic example or a small catalog (the
two as members): table cells, rows, the bytes of a file (encodings, line endings, BOMs, truncation), the
JSON of `datapackage.json` (structure, types, the `kinerja` settings) and of a Table Schema (types,
loosened constraints), `katalog.json`, a raw survey export for `kinerja ikm`, the `--out` folder, and, in a
few builds, hostile text and interruptions. For every case:

- the exit status is 0, 1 or 2 and no traceback (or the last-resort "kesalahan internal" line) is printed;
- every problem line is `file:row:column: message` (JSON: `file:line:column`), inside the input, in Bahasa;
- validation opens no file for writing;
- a failed or interrupted build leaves the previous site byte for byte, and nothing outside the build's
  output and workspace changes;
- no data-derived text is live in the output: no script or event handler from data in HTML or SVG, the
  Atom feed and sitemaps are well-formed XML, JSON parses, no published CSV cell a spreadsheet would run.

`make test` runs a budget of cases (about a minute of CPU); `FUZZ_EXAMPLES=10` multiplies every test's
number of examples for a deep run, and `HYPOTHESIS_PROFILE=acak` draws new cases. Failing examples found here
are kept as named regression tests in tests/test_hostile_input.py.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, EXAMPLE, ROOT, prepared_src, tree_hashes
from generator.domain.text import web_address
from generator.load import safe_relative
from generator.rollup.catalog import read_rollup
from generator.commands import INTERNAL, main
from generator.domain.text import formula_like

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))
LINE = re.compile(r"^(?P<file>.+?):(?P<row>\d+):(?P<col>\d+): (?P<message>.+)$")
SUMMARY = ("Paket data ", "Berkas ")
ENGLISH = re.compile(r"\b(is not|does not|required property|at property|not found|unexpected|invalid|Traceback|"
                     r"Error\b|Exception|expected \w+ to|must be|cannot|could not)\b")
CASES: Counter = Counter()
SECONDS: Counter = Counter()


def fuzz(examples: int):
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None,
                    print_blob=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                            HealthCheck.data_too_large, HealthCheck.filter_too_much,
                                                            HealthCheck.large_base_example])


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    if CASES:
        line = "fuzz cases per class: " + ", ".join(f"{k} {v} ({SECONDS[k]:.1f} s)" for k, v in sorted(CASES.items()))
        print("\n" + line)
        if os.environ.get("FUZZ_REPORT"):  # xdist hides a worker's output: append the numbers to a file instead
            with open(os.environ["FUZZ_REPORT"], "a", encoding="utf-8") as f:
                f.write(line + "\n")


# --- running a command and checking what it printed --------------------------------------------------------

_writes: list[str] | None = None
_hooked = False


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _writes is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        if any(m in mode for m in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            _writes.append(os.fsdecode(args[0]))


@contextlib.contextmanager
def no_writes():
    global _writes, _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _writes = []
    try:
        yield _writes
    finally:
        _writes = None


def run(*args) -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue().splitlines(), err.getvalue().splitlines()


def check_output(status, out: list[str], err: list[str], roots: list[Path]) -> None:
    """The properties every run must have, whatever its input."""
    text = "\n".join(out + err)
    assert status in (0, 1, 2), f"exit {status}\n{text[-2000:]}"
    assert "Traceback" not in text and INTERNAL not in text, text[-3000:]
    for line in out:
        if line.startswith(SUMMARY) or not line.strip():
            continue
        match = LINE.match(line)
        assert match, f"not file:row:column: {line[:300]}"
        assert int(match["row"]) >= 1 and int(match["col"]) >= 1, line
        file = Path(match["file"]).resolve()
        assert any(file == r or r in file.parents for r in roots), f"problem outside the input: {line[:300]}"
        assert not ENGLISH.search(match["message"]), f"not Bahasa: {line[:300]}"
        assert "\x1b" not in line and "\x00" not in line, repr(line[:200])


def validate(path: Path, klass: str, roots: list[Path] | None = None) -> tuple[int, list[str]]:
    started = time.process_time()
    with no_writes() as writes:
        status, out, err = run("validate", path)
    SECONDS[klass] += time.process_time() - started
    CASES[klass] += 1
    assert not writes, f"validation wrote {writes[:3]}"
    check_output(status, out, err, roots or [path.resolve()])
    assert status in (0, 1)
    return status, out


# --- the packages, copied once per test module and restored after every example -------------------------------

@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATAPACKAGE, base / "bawaan")
    shutil.copytree(EXAMPLE, base / "contoh")
    kab = base / "kabupaten"
    kab.mkdir()
    shutil.copytree(DATAPACKAGE, kab / "opd-a")
    shutil.copytree(EXAMPLE, kab / "opd-b")
    (kab / "katalog.json").write_text(json.dumps({"judul": "Kabupaten Uji", "pemerintah_daerah": "Kabupaten Uji",
                                                  "anggota": [{"id": "opd-a", "path": "opd-a"},
                                                              {"id": "opd-b", "path": "opd-b"}]}), encoding="utf-8")
    return base


@contextlib.contextmanager
def replaced(path: Path, data: bytes):
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(original)


def csv_files(pkg: Path) -> list[Path]:
    return sorted((pkg / "data").glob("*.csv"))


def delimiter_of(text: str) -> str:
    head = text.split("\n", 1)[0]
    return ";" if head.count(";") > head.count(",") else ","


def read_rows(path: Path) -> tuple[list[list[str]], str]:
    text = path.read_text(encoding="utf-8-sig")
    d = delimiter_of(text)
    return list(csv.reader(io.StringIO(text), delimiter=d)), d


def write_rows(rows, delimiter: str, terminator: str = "\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return buffer.getvalue().encode("utf-8")


PACKAGES = st.sampled_from(["bawaan", "contoh"])
HOSTILE = ["", "-", "NaN", "nan", "inf", "-inf", "Infinity", "1e308", "1E+20", "9,07905E+09", "1.#INF", "#DIV/0!", "#N/A",
           "#VALUE!", "-0", "-0,00", "0", "-1", "-88.19", "１２", "٣", "1.2.3", "1,2,3", "1..2", "99999999999999999999",
           "1e-400", " 5 ", "5%", "Rp5", "1.234", "1.234,5", "1,234.5", "=1+1", "+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=x",
           "-2+3+cmd|x", "\x00", "a\x00b", "\x1b[31m", "\u202e", "\ufeff", "\ufffe", "\x85", "\r", "\n", "\r\n", '"', '""',
           "a,b", "a;b", "x" * 3000, "<script>alert(1)</script>", "]]>", "../../etc/passwd", 'a"b', "a'b", "2025-02-30",
           "0001-01-01", "9999-12-31", "31/12/2025", "2025-13-01", "ya", "tidak", "TRUE", "1", "final", "tidak_ada",
           "tinggi_lebih_baik", "pk-2025", "s-1-1-1", "iku-ips", "A" * 200, "ÿ", "漢字", "🙂"]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12),
                   st.from_regex(r"-?[0-9]{1,16}([.,][0-9]{1,4})?", fullmatch=True))


# --- 1. cells and rows ----------------------------------------------------------------------------------------

@fuzz(60)
@given(data=st.data())
def test_fuzz_cells(bench, data):
    pkg = bench / data.draw(PACKAGES)
    path = data.draw(st.sampled_from(csv_files(pkg)))
    rows, d = read_rows(path)
    if len(rows) < 2:
        rows.append([""] * len(rows[0]))
    for _ in range(data.draw(st.integers(1, 3))):
        r = data.draw(st.integers(1, len(rows) - 1))
        c = data.draw(st.integers(0, len(rows[0]) - 1))
        while len(rows[r]) <= c:
            rows[r].append("")
        rows[r][c] = data.draw(VALUES)
    with replaced(path, write_rows(rows, d)):
        validate(pkg, "sel")


ROW_OPS = ["hapus", "ganda", "sel-lebih", "sel-kurang", "kosong", "judul-saja", "dua-judul", "tukar-kolom", "hapus-kolom",
           "judul-bom", "judul-spasi"]


@fuzz(30)
@given(data=st.data())
def test_fuzz_rows(bench, data):
    pkg = bench / data.draw(PACKAGES)
    path = data.draw(st.sampled_from(csv_files(pkg)))
    rows, d = read_rows(path)
    op = data.draw(st.sampled_from(ROW_OPS))
    r = data.draw(st.integers(1, max(1, len(rows) - 1)))
    if op == "hapus" and len(rows) > 1:
        del rows[r]
    elif op == "ganda" and len(rows) > 1:
        rows.insert(r, list(rows[r]))
    elif op == "sel-lebih" and len(rows) > 1:
        rows[r] = rows[r] + ["x"] * data.draw(st.integers(1, 3))
    elif op == "sel-kurang" and len(rows) > 1:
        rows[r] = rows[r][:-data.draw(st.integers(1, max(1, len(rows[r]) - 1)))]
    elif op == "kosong":
        rows.insert(r, [])
    elif op == "judul-saja":
        rows = rows[:1]
    elif op == "dua-judul":
        rows.insert(r, list(rows[0]))
    elif op == "tukar-kolom":
        order = data.draw(st.permutations(range(len(rows[0]))))
        rows = [[row[i] if i < len(row) else "" for i in order] for row in rows]
    elif op == "hapus-kolom":
        c = data.draw(st.integers(0, len(rows[0]) - 1))
        rows = [row[:c] + row[c + 1:] for row in rows]
    elif op == "judul-bom":
        rows[0][data.draw(st.integers(0, len(rows[0]) - 1))] = "\ufeff" + rows[0][0]
    elif op == "judul-spasi":
        rows[0] = [f" {h} " for h in rows[0]]
    with replaced(path, write_rows(rows, d)):
        validate(pkg, "baris")


BYTE_OPS = ["cr", "crlf", "utf16", "utf16le", "cp1252", "bom2", "potong", "sisip", "hapus-bita", "balik", "tab", "titik-koma",
            "koma", "nul", "kosong"]


@fuzz(30)
@given(data=st.data())
def test_fuzz_bytes(bench, data):
    pkg = bench / data.draw(PACKAGES)
    path = data.draw(st.sampled_from(csv_files(pkg)))
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    op = data.draw(st.sampled_from(BYTE_OPS))
    rows, d = read_rows(path)
    if op == "cr":
        new = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    elif op == "crlf":
        new = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    elif op == "utf16":
        new = text.encode("utf-16")
    elif op == "utf16le":
        new = text.encode("utf-16-le")
    elif op == "cp1252":
        new = text.encode("cp1252", errors="replace") + "é".encode("cp1252")
    elif op == "bom2":
        new = b"\xef\xbb\xbf" * data.draw(st.integers(1, 3)) + raw
    elif op == "potong":
        new = raw[: data.draw(st.integers(0, len(raw)))]
    elif op == "sisip":
        at = data.draw(st.integers(0, len(raw)))
        new = raw[:at] + data.draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif op == "hapus-bita":
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        new = raw[:at] + raw[at + data.draw(st.integers(1, 8)):]
    elif op == "balik":
        new = bytes(reversed(raw))
    elif op in ("tab", "titik-koma", "koma"):
        new = write_rows(rows, {"tab": "\t", "titik-koma": ";", "koma": ","}[op], "\r\n")
    elif op == "nul":
        at = data.draw(st.integers(0, len(raw)))
        new = raw[:at] + b"\x00" + raw[at:]
    else:
        new = b""
    with replaced(path, new):
        validate(pkg, "bita")


def test_indonesian_excel_style_in_every_table_reads_the_same(bench):
    """Every table of both packages re-saved the way Excel with Indonesian settings writes it (`;`, decimal comma,
    BOM, CRLF) validates, and the loaded tables equal the originals."""
    from generator.validate import validate_package

    for name in ("bawaan", "contoh"):
        pkg = bench / name
        before = validate_package(pkg)
        assert before.report.ok
        originals = {p: p.read_bytes() for p in csv_files(pkg)}
        try:
            for path in originals:
                rows, d = read_rows(path)
                if d == ",":
                    rows = [rows[0]] + [[_indonesian(cell, field) for cell, field in zip(row, _kinds(pkg, path, rows[0]))]
                                        for row in rows[1:]]
                path.write_bytes(b"\xef\xbb\xbf" + write_rows(rows, ";", "\r\n"))
            after = validate_package(pkg)
            assert after.report.ok, after.report.lines()[:5]
            for table in before.tables.frames:
                assert before.tables[table].equals(after.tables[table]), table
        finally:
            for path, data in originals.items():
                path.write_bytes(data)


@fuzz(12)
@given(data=st.data())
def test_a_key_repeated_in_another_written_form_is_a_repeated_key(bench, data):
    """In a file Excel saved with Indonesian settings, "2.024" is the year 2024 (a thousands dot). A row whose
    key repeats another's, with its whole numbers written in that form, used to pass validation (the key was
    compared as written) and both rows were published. Every table with a key, any two of its rows: the
    repeat is one "baris ganda" line at the second row's key."""
    from generator.validate import validate_package

    pkg = bench / data.draw(PACKAGES)
    keyed = []
    for path in csv_files(pkg):
        schema = json.loads((pkg / "schemas" / f"{path.stem}.json").read_text(encoding="utf-8"))
        key = schema.get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        rows, _ = read_rows(path)
        if key and len(rows) > 2 and all(k in rows[0] for k in key):
            keyed.append((path, key))
    path, key = data.draw(st.sampled_from(keyed))
    rows, d = read_rows(path)
    kinds = dict(zip(rows[0], _kinds(pkg, path, rows[0])))
    first, again = sorted(data.draw(st.lists(st.integers(1, len(rows) - 1), min_size=2, max_size=2, unique=True)))
    if any(rows[first][rows[0].index(k)] == "" for k in key):
        return  # an empty key cell is its own problem
    if d == ",":
        rows = [rows[0]] + [[_indonesian(cell, kinds[h]) for cell, h in zip(row, rows[0])] for row in rows[1:]]
    for k in key:
        i = rows[0].index(k)
        cell = rows[first][i]
        rows[again][i] = _indonesian(cell, "number") if kinds[k] in ("integer", "year") else cell
    with replaced(path, b"\xef\xbb\xbf" + write_rows(rows, ";", "\r\n")):
        lines = validate_package(pkg).report.lines()
    where = f"{path}:{again + 1}:{rows[0].index(key[0]) + 1}: baris ganda: kunci"
    assert any(line.startswith(where) for line in lines), (where, lines[:5])


VALID: dict = {}  # each unchanged package validated once per test process


def same_cells(a, b) -> bool:
    keep = [c for c in a.columns if c != "_baris"]
    return a[keep].reset_index(drop=True).equals(b[keep].reset_index(drop=True))


@fuzz(15)
@given(data=st.data())
def test_what_a_spreadsheet_leaves_around_a_table_is_read_past(bench, data):
    """Excel and LibreOffice leave empty things around a table: rows of separators only (";;;;;", where cells
    were cleared), blank lines, untitled columns at the right (";;" after the last heading and after every row,
    once a cell right of the table was used), a row with empty cells beyond the last column. They hold
    nothing, so the table reads exactly as without them, with one warning line per kind at the first of them;
    they used to stop the build, each a "hapus ..." error. A cell that does hold something in an untitled
    column is still an error, at that cell, because it would not be read."""
    from generator.validate import validate_package

    name = data.draw(PACKAGES)
    pkg = bench / name
    path = data.draw(st.sampled_from(csv_files(pkg)))
    rows, d = read_rows(path)
    before = VALID.get(name) or VALID.setdefault(name, validate_package(pkg))
    width = len(rows[0])
    untitled = data.draw(st.integers(0, 3))
    spread = [row + [""] * untitled for row in rows]
    blank_at = sorted(data.draw(st.lists(st.integers(1, len(rows)), max_size=3)), reverse=True)
    for at in blank_at:  # separators only, of any count, or nothing at all
        spread.insert(at, [""] * data.draw(st.sampled_from([0, 2, width, width + untitled, width + 5])))
    longer = data.draw(st.integers(1, len(spread) - 1)) if len(spread) > 1 and data.draw(st.booleans()) else None
    if longer is not None and spread[longer]:
        spread[longer] = spread[longer] + [""] * data.draw(st.integers(1, 3))
    terminator = data.draw(st.sampled_from(["\n", "\r\n"]))
    written = write_rows(spread, d, terminator)
    with replaced(path, written):
        after = validate_package(pkg)
    mine = [line for line in after.report.lines() if line.startswith(f"{path}:")]
    assert before.report.ok and after.report.ok, mine
    assert not [line for line in mine if ": peringatan: " not in line], mine
    for table in before.tables.frames:  # the same cells; only the spreadsheet rows (`_baris`) move
        assert same_cells(before.tables[table], after.tables[table]), table
    if untitled:
        assert any(line.startswith(f"{path}:1:{width + 1}: peringatan: kolom ke-{width + 1}") for line in mine), mine
    records = list(csv.reader(io.StringIO(written.decode("utf-8").rstrip("\r\n")), delimiter=d))  # blank lines at the end: nothing
    empty = [n for n, record in enumerate(records[1:], start=2) if not any(record)]
    if empty:
        assert any(line.startswith(f"{path}:{empty[0]}:1: peringatan: baris kosong") for line in mine), (empty, mine)
    else:
        assert not any(": peringatan: baris kosong" in line for line in mine), mine
    # the same table with something typed into one untitled cell: an error at that cell, nothing else new
    if untitled and len(rows) > 1:
        r = data.draw(st.integers(1, len(rows) - 1))
        c = data.draw(st.integers(width, width + untitled - 1))
        typed = [row + [""] * untitled for row in rows]
        typed[r][c] = data.draw(st.sampled_from(["x", "88,19", "catatan"]))
        with replaced(path, write_rows(typed, d)):
            lines = validate_package(pkg).report.lines()
        errors = [line for line in lines if line.startswith(f"{path}:") and ": peringatan: " not in line]
        assert errors == [f"{path}:{r + 1}:{c + 1}: sel ini berisi data di kolom ke-{c + 1}, yang tidak berjudul di "
                          "baris 1, jadi tidak akan dibaca; pindahkan isinya ke kolom yang sesuai, atau hapus isinya"], errors


@fuzz(10)
@given(data=st.data())
def test_a_header_of_many_wrong_headings_is_a_bounded_number_of_lines(bench, data):
    """A header row of five million headings gave ten million lines (1,4 GB) and 5 GB of memory. The first
    problems of a header row are each a line, the rest one line that counts them, whatever the table."""
    from generator.load.csvfile import HEADER_LINES
    from generator.validate import validate_package

    pkg = bench / data.draw(PACKAGES)
    path = data.draw(st.sampled_from(csv_files(pkg)))
    rows, d = read_rows(path)
    unknown = data.draw(st.integers(HEADER_LINES, 3000), label="judul tak dikenal")
    wrong = [f"k{n}" for n in range(unknown)]  # distinct, far from every expected name: no guess
    with replaced(path, write_rows([wrong], d)):
        lines = validate_package(pkg).report.lines()
    mine = [line for line in lines if line.startswith(f"{path}:")]
    expected = len(rows[0]) + unknown  # each heading unknown, each expected column missing
    assert len(mine) == HEADER_LINES + 1, len(mine)
    assert mine[-1].startswith(f"{path}:1:1: dan ") and \
        mine[-1].split(" dan ", 1)[1].startswith(f"{expected - HEADER_LINES:,} masalah lain".replace(",", ".")), mine[-1]


def _kinds(pkg: Path, path: Path, header: list[str]) -> list[str]:
    schema = json.loads((pkg / "schemas" / f"{path.stem}.json").read_text(encoding="utf-8"))
    kinds = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    return [kinds.get(h, "string") for h in header]


def _indonesian(cell: str, kind: str) -> str:
    if kind != "number" or not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell):
        return cell
    whole, _, frac = cell.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(reversed([digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)]))
    return sign + grouped + ("," + frac if frac else "")


# --- 2. JSON: descriptor, settings, schemas, catalog ---------------------------------------------------------

JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                                     st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=10)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=8)


def paths_of(value, prefix=()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths_of(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths_of(v, prefix + (i,))
    return out


def mutate_json(value, data) -> str:
    """The JSON text of `value` with one mutation at a random place: another value of any type, a deletion,
    very deep nesting, or a non-standard NaN/Infinity."""
    op = data.draw(st.sampled_from(["ganti", "hapus", "dalam", "nan", "ganti", "ganti"]))
    paths = [p for p in paths_of(value) if p]
    path = data.draw(st.sampled_from(paths))
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if op == "hapus":
        del parent[key]
    elif op == "dalam":
        parent[key] = "DALAM"
    elif op == "nan":
        parent[key] = "TAKANGKA"
    else:
        parent[key] = data.draw(JSON_VALUES)
    text = json.dumps(value, ensure_ascii=False, indent=2)
    depth = data.draw(st.sampled_from([40, 3000]))
    text = text.replace('"DALAM"', "[" * depth + "]" * depth)
    return text.replace('"TAKANGKA"', data.draw(st.sampled_from(["NaN", "Infinity", "-Infinity"])))


@fuzz(40)
@given(data=st.data())
def test_fuzz_descriptor(bench, data):
    pkg = bench / data.draw(PACKAGES)
    path = pkg / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    if data.draw(st.booleans()):  # half the time in the settings block, where the conventions live
        block = mutate_json(descriptor["kinerja"], data)
        descriptor["kinerja"] = "BLOK"
        text = json.dumps(descriptor, ensure_ascii=False, indent=2).replace('"BLOK"', block)
    else:
        text = mutate_json(descriptor, data)
    with replaced(path, text.encode("utf-8")):
        validate(pkg, "deskriptor")


LOOSEN = ["pattern", "enum", "minimum", "maximum", "required", "unique"]


@fuzz(40)
@given(data=st.data())
def test_fuzz_schema(bench, data):
    pkg = bench / data.draw(PACKAGES)
    path = data.draw(st.sampled_from(sorted((pkg / "schemas").glob("*.json"))))
    schema = json.loads(path.read_text(encoding="utf-8"))
    if data.draw(st.booleans()):  # an operator loosening a constraint
        field = data.draw(st.sampled_from(schema["fields"]))
        constraints = field.setdefault("constraints", {})
        key = data.draw(st.sampled_from(LOOSEN))
        if key in constraints and data.draw(st.booleans()):
            del constraints[key]
        else:
            constraints[key] = data.draw(st.one_of(JSON_VALUES, st.just(["x", "y"]), st.just(-1e9), st.just("(a+)+$")))
        text = json.dumps(schema, ensure_ascii=False, indent=2)
    else:
        text = mutate_json(schema, data)
    with replaced(path, text.encode("utf-8")):
        validate(pkg, "skema")


@fuzz(15)
@given(data=st.data())
def test_fuzz_catalog(bench, data):
    kab = bench / "kabupaten"
    path = kab / "katalog.json"
    catalog = json.loads(path.read_text(encoding="utf-8"))
    if data.draw(st.booleans()):
        text = mutate_json(catalog, data)
        with replaced(path, text.encode("utf-8")):
            validate(kab, "katalog", [kab.resolve()])
    else:
        member = kab / data.draw(st.sampled_from(["opd-a", "opd-b"]))
        target = data.draw(st.sampled_from(csv_files(member)))
        rows, d = read_rows(target)
        if len(rows) > 1:
            rows[data.draw(st.integers(1, len(rows) - 1))][0] = data.draw(VALUES)
        with replaced(target, write_rows(rows, d)):
            validate(kab, "katalog", [kab.resolve()])



HEADS = [b"PK\x03\x04", b"{}", b'{"resources": []}', b"\xef\xbb\xbf{", b"[", b"id,nama\n", b"\xff\xfe{\x00", b""]


@fuzz(30)
@given(name=st.one_of(st.just("datapackage.json"), st.sampled_from(["paket.zip", "isian.xlsx", "realisasi.csv"]),
                      st.text(alphabet="ab.-_ jsonzipxlcv", min_size=1, max_size=14).filter(
                          lambda n: n.strip(" ") not in ("", ".", ".."))),
       head=st.sampled_from(HEADS), rest=st.binary(max_size=40))
def test_fuzz_a_file_given_as_the_package(tmp_path_factory, name, head, rest):
    """Any file where the package folder is expected (a zipped package, a workbook, a table, a JSON of any
    shape, whatever its name): a usage line saying what it is, or the file's problems at their places;
    validation writes nothing."""
    folder = tmp_path_factory.mktemp("berkas")
    (folder / name).write_bytes(head + rest)
    status, out = (validate(folder / name, "berkas-paket", [folder.resolve()]) if name.lower().endswith(".json")
                   else (None, None))
    if status is None:
        with no_writes() as writes:
            status, out, err = run("validate", folder / name)
        assert not writes
        check_output(status, out, err, [folder.resolve()])
        assert status == 2 and out == [] and len(err) == 1 and err[0].startswith("kinerja: kesalahan penggunaan: '"), err
    assert status in (1, 2) and sorted(p.name for p in folder.iterdir()) == [name]

# --- 3. kinerja ikm on a raw export -----------------------------------------------------------------------------

@fuzz(20)
@given(data=st.data())
def test_fuzz_ikm_export(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("ikm")
    header = data.draw(st.permutations([f"u{i}" for i in range(1, 10)] + ["nama"]))
    delimiter = data.draw(st.sampled_from([",", ";", "\t"]))
    rows = [header] + [[data.draw(st.one_of(st.sampled_from(["1", "2", "3", "4", "", "-"]), VALUES))
                        if h != "nama" else "x" for h in header] for _ in range(data.draw(st.integers(0, 6)))]
    body = write_rows(rows, delimiter, data.draw(st.sampled_from(["\n", "\r\n", "\r"])))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    body = body.decode("utf-8").encode(encoding, errors="replace")
    file = folder / "jawaban.csv"
    file.write_bytes(body)
    started = time.process_time()
    status, out, err = run("ikm", file, "--data", DATAPACKAGE)
    SECONDS["ikm"] += time.process_time() - started
    CASES["ikm"] += 1
    check_output(status, [line for line in err if LINE.match(line)], [], [file.resolve()])
    assert status in (0, 1)


# --- 4. where the output goes ------------------------------------------------------------------------------------

@fuzz(12)
@given(data=st.data())
def test_fuzz_unsafe_out(tmp_path_factory, data):
    """Every unsafe --out is a usage error (exit 2) that changes nothing anywhere."""
    base = tmp_path_factory.mktemp("keluaran")
    repo = base / "repo"
    shutil.copytree(DATAPACKAGE, repo / "datapackage")
    (repo / ".git").mkdir()
    (repo / "catatan.txt").write_text("milik operator\n", encoding="utf-8")
    (repo / "dokumen").mkdir()
    (repo / "dokumen" / "surat.docx").write_bytes(b"PK\x03\x04")
    choice = data.draw(st.sampled_from(["paket", "repo", "berkas", "di-paket", "data", "asing", "di-asing", "tautan",
                                        "skema", "kerja"]))
    out = {"paket": repo / "datapackage", "repo": repo, "berkas": repo / "catatan.txt",
           "di-paket": repo / "datapackage" / "situs", "data": repo / "datapackage" / "data", "asing": repo / "dokumen",
           "di-asing": repo / "dokumen", "tautan": repo / "tautan", "skema": repo / "datapackage" / "schemas",
           "kerja": repo / ".kinerja" / "x"}[choice]
    if choice == "tautan":
        out.symlink_to(repo / "dokumen")
    before = tree_hashes(base)
    started = time.process_time()
    status, out_lines, err = run("build", "--data", repo / "datapackage", "--out", out, "--config", ROOT / "mkdocs.yml",
                                 "--src", ROOT / "site_src")
    SECONDS["keluaran"] += time.process_time() - started
    CASES["keluaran"] += 1
    check_output(status, out_lines, err, [base.resolve()])
    assert status == 2, "\n".join(err)
    assert any("kesalahan penggunaan" in line and "Tidak ada yang diubah" in line for line in err), err
    assert tree_hashes(base) == before


NAME = st.text(alphabet="abcxyz-_.0123456789é ", min_size=1, max_size=10).filter(lambda n: n not in (".", ".."))


def _writing_command(command: str, base: Path, out: Path) -> list:
    """The arguments of a command that writes `out` (a folder, or the workbook for templat)."""
    pkg = base / "repo" / "datapackage"
    return {"build": ["build", "--data", pkg, "--out", out, "--config", ROOT / "mkdocs.yml", "--src", ROOT / "site_src"],
            "rekap": ["rekap", "--data", base / "repo" / "rekap.json", "--out", out, "--config", ROOT / "mkdocs.yml"],
            "templat": ["templat", pkg, "--out", out],
            "contoh": ["contoh", "--opd", "1", "--responden", "5", "--tahun", "2025-2025", "--out", out],
            "baru": ["baru", out, "--tahun", "2026"]}[command]


@pytest.mark.parametrize("obstacle", ["berkas-di-jalan", "nama-panjang", "tautan", "jenis-lain", "sistem", "huruf-asing",
                                      "kerja"])
@pytest.mark.parametrize("command", ["build", "rekap", "templat", "contoh", "baru"])
@fuzz(3)
@given(data=st.data())
def test_fuzz_every_command_refuses_an_output_it_cannot_write(tmp_path_factory, command, obstacle, data):
    """Whatever stands in the way of a command's output (a file where a folder is needed, a folder where the
    workbook goes, a name longer than the file system takes, a link, a system folder), the command says so in
    one line before any work and nothing anywhere changes: no partial output, no work folder."""
    base = tmp_path_factory.mktemp("halangan")
    shutil.copytree(DATAPACKAGE, base / "repo" / "datapackage")
    (base / "repo" / "rekap.json").write_text(json.dumps({"judul": "R", "sumber": [{"id": "a", "paket": "datapackage"}]}),
                                              encoding="utf-8")
    (base / "repo" / "catatan.txt").write_text("milik operator\n", encoding="utf-8")
    workbook = command == "templat"
    tail = data.draw(st.lists(NAME, min_size=0, max_size=2), label="lanjutan")
    leaf = data.draw(NAME, label="nama") + (".xlsx" if workbook else "")
    if obstacle == "berkas-di-jalan":  # an existing file somewhere on the way
        out = base / "repo" / "catatan.txt"
        out = out.joinpath(*tail, leaf)
    elif obstacle == "nama-panjang":
        long = data.draw(st.text(alphabet="aé-_", min_size=128, max_size=300).filter(lambda n: len(n.encode()) > 255))
        out = base / "repo" / long / leaf if data.draw(st.booleans()) else base / "repo" / (long + leaf)
    elif obstacle == "tautan":
        target = base / "repo" / ("sasaran.xlsx" if workbook else "folder-lain")
        target.write_bytes(b"PK\x03\x04") if workbook else target.mkdir()
        out = base / "repo" / leaf
        out.symlink_to(target)
    elif obstacle == "jenis-lain":  # a folder named like the workbook, or a file where the folder goes
        out = base / "repo" / leaf
        out.mkdir() if workbook else out.write_text("milik operator\n", encoding="utf-8")
    elif obstacle == "huruf-asing":  # a name in another encoding (as Python keeps its bytes), or a NUL
        bad = data.draw(st.sampled_from(["\udcff", "\udce9t\udce9", "\x00", "a\x00b"]), label="huruf")
        out = base / "repo" / (bad + leaf)
    elif obstacle == "kerja":  # the working folder, or one above it, for the commands that make a folder anew
        out = Path(data.draw(st.sampled_from([".", "..", "../.."]), label="folder kerja"))
        if workbook:
            out = base / "repo"  # templat: a folder where the workbook goes
    else:
        out = Path("/proc").joinpath(*tail, leaf)
    before = tree_hashes(base)
    started = time.process_time()
    # the working folder: the package (build, rekap, templat) or an empty folder (contoh and baru would fill it)
    here = base / "repo" / ("datapackage" if command in ("build", "rekap", "templat") else "kosong/dalam")
    here.mkdir(parents=True, exist_ok=True)
    with contextlib.chdir(here) if obstacle == "kerja" else contextlib.nullcontext():
        status, out_lines, err = run(*_writing_command(command, base, out))
    SECONDS["halangan"] += time.process_time() - started
    CASES["halangan"] += 1
    check_output(status, out_lines, err, [base.resolve()])
    assert status == 2 or (obstacle == "sistem" and status == 1), (status, err)
    said = [line for line in err if line.startswith("kinerja: kesalahan penggunaan: ") or LINE.match(line)]
    assert len(said) == 1, err
    assert tree_hashes(base) == before
    assert not [p for p in base.rglob("*") if p.name == ".kinerja" or ".baru-" in p.name or p.suffix == ".sementara"]


ADDRESS_PARTS = ["https://", "http://", "javascript:", "ftp://", "org.github.io", "/repo/", '"', "'", "<script>",
                 "</title>", " ", "\n", "\t", "?q=1&r=2", "#x", "[::1]", ":8000", "@", "\\", "`", "{x}", "%22", "é"]


@fuzz(40)
@example(url="https://a\x00b/", command="build")  # refused as any argument with a NUL is, before --url is read
@given(url=st.one_of(st.text(max_size=30), st.lists(st.sampled_from(ADDRESS_PARTS), max_size=6).map("".join)),
       command=st.sampled_from(["build", "rekap"]))
def test_fuzz_site_address(url, command):
    """--url lands in every page's head (canonical link, Open Graph, sitemap, feed): one that is not a full
    http(s) address, or holds what would break out of an attribute (a quote, <, a space), is a usage error
    before any work (a `<script>` in it was live on every page, `javascript:` ended in MkDocs' English)."""
    status, out, err = run(command, "--data", "/tidak/ada", "--url", url)
    check_output(status, out, err, [Path("/tidak/ada")])
    said = [line for line in err if line.startswith("kinerja: kesalahan penggunaan: ")]
    assert status == 2 and len(said) == 1, err
    # Refused as any argument holding a NUL is (its position named), or for what --url must be; else accepted,
    # and the line is about the package that does not exist.
    accepted = not said[0].startswith(("kinerja: kesalahan penggunaan: --url ", "kinerja: kesalahan penggunaan: argumen ke-"))
    assert accepted == web_address(url), (url, said)
    if accepted:  # what is let through: http(s), a host, nothing an attribute or a line could break on
        assert url.startswith(("http://", "https://")) and not set(url) & set('"\'<> \n\t\\`')


@fuzz(16)
@given(data=st.data())
def test_fuzz_contoh_replaces_only_its_own_output(tmp_path_factory, data):
    """`kinerja contoh --out DIR` on a folder that holds anything it did not write (a real package, a site, a
    note) refuses and changes nothing; on its own earlier output it leaves exactly what a fresh run writes."""
    base = tmp_path_factory.mktemp("contoh")
    out = base / "kab"
    args = ["contoh", "--opd", "1", "--responden", "5", "--tahun", "2025-2025", "--out", out]
    ours = data.draw(st.booleans(), label="hasil sebelumnya")
    if ours:
        assert run(*args[:-2], "--opd", "2", "--out", out)[0] == 0  # an earlier run with another member list
    kinds = ["catatan", "paket-asli", "situs", "katalog-lain", "tautan"]
    kinds += ["catatan-di-anggota", "situs-di-anggota", "tautan-di-anggota"] if ours else []  # inside a member
    foreign = data.draw(st.lists(st.sampled_from(kinds), unique=True, max_size=2), label="milik pengguna")
    out.mkdir(exist_ok=True)
    for kind in foreign:
        name = f"{kind}-{data.draw(NAME, label='nama')}"
        if kind.endswith("-di-anggota"):
            member = out / data.draw(st.sampled_from(["disdik", "dinkes"]), label="anggota")
            where = member / data.draw(st.sampled_from(["", "data", "schemas"]), label="di") / name
            if kind == "catatan-di-anggota":
                where.write_text("milik pengguna\n", encoding="utf-8")
            elif kind == "situs-di-anggota":
                where.mkdir()
                (where / "index.html").write_text("<p>situs</p>", encoding="utf-8")
            else:
                where.symlink_to(DATAPACKAGE / "datapackage.json")
        elif kind == "catatan":
            (out / name).write_text("milik pengguna\n", encoding="utf-8")
        elif kind == "paket-asli":
            shutil.copytree(DATAPACKAGE, out / name, dirs_exist_ok=True)
        elif kind == "situs":
            (out / name / "data").mkdir(parents=True, exist_ok=True)
            (out / name / "index.html").write_text("<p>situs</p>", encoding="utf-8")
        elif kind == "katalog-lain":
            (out / "katalog.json").write_text(json.dumps({"judul": "Katalog Kabupaten Nyata", "anggota": []}),
                                              encoding="utf-8")
        else:
            (out / name).symlink_to(DATAPACKAGE)
    before = tree_hashes(out)
    status, out_lines, err = run(*args)
    check_output(status, out_lines, err, [base.resolve()])
    if foreign:
        assert status == 2 and "bukan hasil kinerja contoh" in err[-1], err
        assert tree_hashes(out) == before
    else:
        assert status == 0, err
        fresh = tmp_path_factory.mktemp("segar") / "kab"
        assert run(*args[:-1], fresh)[0] == 0
        assert tree_hashes(out) == tree_hashes(fresh)
        assert sorted(p.name for p in base.iterdir()) == ["kab"]


@fuzz(24)
@given(data=st.data())
def test_fuzz_pecah(bench, data):
    """`kinerja pecah` with any arguments and whatever lies beside the catalog: either a usage error that changes
    nothing, or the split written beside the catalog, replacing only an earlier split of the same catalog;
    the catalog, its members and anyone else's files stay as they were."""
    kab = bench / "kabupaten"
    shard = data.draw(st.one_of(st.integers(-2, 4), st.just(10**6)), label="shard")
    situs = data.draw(st.one_of(st.sampled_from(["situs", "situs/bangun", ".", "", "..", "../luar", "/tmp/situs",
                                                 "situs/../../x", "a\nb", "\\\\server\\s", "C:/situs"]), NAME),
                      label="situs")
    alamat = data.draw(st.one_of(st.none(), st.sampled_from(["https://org.github.io/repo/", "https://", "http://x",
                                                            "ftp://x.go.id/", "https://a b/", "javascript:alert(1)"]),
                                 st.text(max_size=20)), label="alamat")
    placed = {}
    for name in data.draw(st.lists(st.sampled_from(["shard-01.json", "shard-02.json", "shard-07.json", "rekap.json"]),
                                   unique=True, max_size=2), label="sudah ada"):
        mine = data.draw(st.booleans(), label="hasil pecah sebelumnya")
        body = {"dipecah_dari": "katalog.json", "anggota": []} if mine else {"judul": "milik pengguna"}
        (kab / name).write_text(json.dumps(body), encoding="utf-8")
        placed[name] = mine
    args = ["pecah", kab, "--shard", shard, "--situs", situs] + ([] if alamat is None else ["--alamat", alamat])
    before = tree_hashes(kab)
    try:
        status, out_lines, err = run(*args)
        check_output(status, [], err, [kab.resolve()])
        after = tree_hashes(kab)
        if status != 0:
            said = [line for line in err if line.startswith("kinerja: kesalahan penggunaan: ")]
            assert status == 2 and len(said) == 1 and err[-1] == said[0], err  # argparse's own shows the usage first
            assert after == before
            return
        written = [Path(line).name for line in out_lines]
        assert written[-1] == "rekap.json" and len(written) == min(shard, 2) + 1
        assert not [n for n, mine in placed.items() if not mine and n in written], "wrote over a file pecah did not write"
        for name, mine in placed.items():
            if name not in written:  # an earlier split's extra shard is removed, anyone else's file stays
                assert (name in after) == (not mine) and (mine or after[name] == before[name]), name
        unchanged = {k: v for k, v in before.items() if k not in written and k not in placed}
        assert {k: after.get(k) for k in unchanged} == unchanged
        rollup = json.loads((kab / "rekap.json").read_text(encoding="utf-8"))
        for source in rollup["sumber"]:
            assert safe_relative(kab, source["situs"]) is not None
            assert "alamat" not in source or urlsplit(source["alamat"]).netloc
    finally:
        for path in kab.glob("*.json"):
            if path.name != "katalog.json":
                path.unlink()


@fuzz(40)
@given(data=st.data())
def test_fuzz_rollup_catalog(bench, data):
    """A roll-up catalog mutated anywhere is read or refused with located lines in Bahasa, never an error."""
    catalog = {"judul": "Rekap Uji", "wilayah": "Provinsi Uji", "sintetis": False,
               "sumber": [{"id": "kab", "nama": "Kabupaten Uji", "paket": "kabupaten"},
                          {"id": "web", "situs": "https://kinerja.contoh.go.id/", "alamat": "https://contoh.go.id/"},
                          {"id": "opd", "situs": "bawaan"}]}
    text = mutate_json(catalog, data)
    file = bench / "rekap.json"
    started = time.process_time()
    try:
        file.write_text(text, encoding="utf-8")
        rollup, report = read_rollup(file)
    finally:
        file.unlink()
    SECONDS["rekap"] += time.process_time() - started
    CASES["rekap"] += 1
    assert (rollup is None) == (not report.ok)
    check_output(1, report.lines(), [], [file.resolve()])
    rows = text.count("\n") + 1
    assert all(p.row <= rows for p in report.problems), report.lines()


# --- 5. builds: hostile text, failures, interruptions ----------------------------------------------------------

TOKEN = "kt7331"
PAYLOADS = [f"<script>alert('{TOKEN}')</script>", f'"><img src=x onerror=alert("{TOKEN}")>',
            f"[{TOKEN}](javascript:alert(1))", f"</title><svg onload=alert('{TOKEN}')>", f"]]><{TOKEN}/>",
            f"{{{{ {TOKEN} }}}}", f"<!-- {TOKEN} -->", f"' onmouseover='{TOKEN}"]


class _Live(HTMLParser):
    """Data-derived markup that would run: an element or attribute whose name carries the token, an event
    handler or javascript: address carrying it, a script (other than JSON data) carrying it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        if TOKEN in tag:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if TOKEN in name or (name.startswith("on") and TOKEN in value) or \
                    (value.strip().lower().startswith("javascript:") and TOKEN in value):
                self.found.append(f"{tag} {name}={value[:60]}")
        if tag == "script":
            self._script = dict(attrs).get("type", "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, text):
        if self._script is not None and "json" not in self._script and TOKEN in text:
            self.found.append(f"script: {text[:60]}")


def live_content(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            parser = _Live()
            parser.feed(path.read_text(encoding="utf-8"))
            found += [f"{rel}: {x}" for x in parser.found]
        elif path.suffix in (".svg", ".xml"):
            raw = path.read_bytes()
            try:
                root = ET.fromstring(raw)
            except ET.ParseError as exc:
                found.append(f"{rel}: not well-formed XML ({exc})")
                continue
            for element in root.iter():
                if element.tag.split("}")[-1] == "script" or any(k.startswith("on") for k in element.attrib):
                    found.append(f"{rel}: <{element.tag}> can run")
        elif path.suffix == ".json":
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except ValueError as exc:
                found.append(f"{rel}: invalid JSON ({exc})")
        elif path.suffix == ".csv" and not rel.startswith("data/sumber/"):
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                found += [f"{rel}: formula {cell[:40]!r}" for cell in row if formula_like(cell)]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory, default_site) -> Path:
    """A previous site (a copy of the default build) for builds to replace or to leave alone."""
    base = tmp_path_factory.mktemp("bangun")
    shutil.copytree(default_site.site, base / "situs")
    return base


def _free_text(schema: dict) -> list[str]:
    keys = set()
    for fk in schema.get("foreignKeys", []):
        keys |= set(fk["fields"])
    pk = schema.get("primaryKey") or []
    keys |= set([pk] if isinstance(pk, str) else pk)
    return [f["name"] for f in schema["fields"] if f.get("type", "string") == "string" and f["name"] not in keys
            and not {"enum", "pattern"} & set(f.get("constraints", {})) and f["name"] != "berkas"]


@fuzz(2)
@given(data=st.data())
def test_fuzz_build_hostile_text(built, tmp_path_factory, data):
    """A build of a package whose free text carries markup: if it builds, nothing from the data is live; if it
    does not, the previous site is untouched. Nothing outside the output and its workspace changes."""
    work = tmp_path_factory.mktemp("teks")
    pkg = work / "paket"
    shutil.copytree(DATAPACKAGE, pkg)
    payload = data.draw(st.sampled_from(PAYLOADS))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for path in csv_files(pkg):
        schema = json.loads((pkg / "schemas" / f"{path.stem}.json").read_text(encoding="utf-8"))
        fields = _free_text(schema)
        rows, d = read_rows(path)
        for row in rows[1:]:
            for name in fields:
                i = rows[0].index(name)
                if i < len(row) and row[i] not in ("", "-") and rng.random() < 0.3:
                    row[i] = f"{payload} {row[i]}" if rng.random() < 0.5 else f"{row[i]} {payload}"
        path.write_bytes(write_rows(rows, d))
    out = built / "situs"
    before, package = tree_hashes(out), tree_hashes(pkg)
    started = time.process_time()
    status, lines, err = run("build", "--data", pkg, "--out", out, "--config", ROOT / "mkdocs.yml",
                             "--src", prepared_src(work))
    SECONDS["bangun"] += time.process_time() - started
    CASES["bangun"] += 1
    check_output(status, lines, err, [pkg.resolve()])
    assert tree_hashes(pkg) == package
    if status == 0:
        assert live_content(out) == []
    else:
        assert tree_hashes(out) == before


INTERRUPTIONS = {"menulis": "generator.publish.workspace.write_sources", "mkdocs": "generator.publish.mkdocs.build",
                 "manifest": "generator.publish.manifest.write"}


@fuzz(2)
@given(data=st.data())
def test_fuzz_build_interrupted_or_invalid(built, tmp_path_factory, data):
    """A build interrupted at any step (Ctrl+C), or refused for invalid data, leaves the previous site byte for
    byte and no temporary folder beside it."""
    work = tmp_path_factory.mktemp("henti")
    pkg = work / "paket"
    shutil.copytree(DATAPACKAGE, pkg)
    out = built / "situs"
    before = tree_hashes(out)
    where = data.draw(st.sampled_from(sorted(INTERRUPTIONS) + ["data"]))
    with pytest.MonkeyPatch.context() as patch:
        if where == "data":
            path = data.draw(st.sampled_from(csv_files(pkg)))
            rows, d = read_rows(path)
            rows.insert(1, [data.draw(st.sampled_from(HOSTILE[:40]))] * (len(rows[0]) + 1))
            path.write_bytes(write_rows(rows, d))
        else:
            def stop(*args, **kwargs):
                raise KeyboardInterrupt

            patch.setattr(INTERRUPTIONS[where], stop)
        started = time.process_time()
        status, lines, err = run("build", "--data", pkg, "--out", out, "--config", ROOT / "mkdocs.yml",
                                 "--src", prepared_src(work))
    SECONDS["henti"] += time.process_time() - started
    CASES["henti"] += 1
    assert status == (1 if where == "data" else 130), err
    assert "Traceback" not in "\n".join(err)
    assert tree_hashes(out) == before
    assert sorted(p.name for p in built.iterdir()) in (["situs"], [".kinerja", "situs"])
    workspace = built / ".kinerja" / "situs"
    assert not workspace.exists() or not list(workspace.glob("baru-*")) + list(workspace.glob("lama-*"))
