"""Every published table also as a spreadsheet opens it: beside the canonical `data/<name>.csv` (comma,
dot decimals, UTF-8: for programs and for citing), `data/excel/<name>.csv` in the Indonesian Excel style
(semicolon, decimal comma, UTF-8 with a BOM, so a double click in Excel with Indonesian settings shows
columns and numbers) and `data/excel/<name>.xlsx` (numbers as numbers, text as text: opens the same in
every language setting).

Both are made from the canonical CSV text itself, so the three files hold the same cells; only how a value
is written changes: a number 88.19 → 88,19 (or a number cell), a yes/no true → ya (or a BENAR/SALAH cell), a
date a date cell in the workbook; and the workbook's text cells drop the apostrophe that
keeps formula-like text from running in a CSV (`domain.text.spreadsheet_text`): a workbook's text cell is
never run, and the apostrophe would show as part of the text.
Numbers are written without thousands separators: `9079049540,5` cannot be misread, while `9.079.049.540`
could be read as text by a spreadsheet set to English.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from generator import cache, xlsx
from generator.domain.text import spreadsheet_text
from generator.render import kept
from generator.render.open_data import CATALOG_TABLES, TABLES

FOLDER = "excel"
PUBLISHED = re.compile(r"^(?P<dir>(?:[^/]+/)*?)data/(?P<name>[a-z_]+)\.csv$")
BOM = "\ufeff"
YA_TIDAK = {"true": "ya", "false": "tidak"}  # a yes/no as a reader of the Indonesian file says it


def _columns(name: str) -> dict:
    return {**TABLES, **CATALOG_TABLES}[name]["columns"]


def indonesian_csv(name: str, text: str) -> bytes:
    """The canonical CSV of table `name` in the Indonesian Excel style: `;`, decimal comma, BOM."""
    kinds = [kind for kind, _places, _desc in _columns(name).values()]
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for n, row in enumerate(rows):
        if n == 0:
            writer.writerow(row)
            continue
        writer.writerow([cell.replace(".", ",") if kind == "number" else YA_TIDAK.get(cell, cell) if kind == "boolean"
                         else cell for cell, kind in zip(row, kinds)])
    return (BOM + out.getvalue()).encode("utf-8")


def _typed(cell: str, kind: str):
    """A canonical cell as the spreadsheet value it stands for; anything unexpected stays text."""
    if cell == "":
        return None
    try:
        if kind == "integer":
            return int(cell)
        if kind == "number":
            value = float(cell)
            return int(value) if value.is_integer() and "." not in cell else value
    except ValueError:
        return cell
    if kind == "boolean" and cell in ("true", "false"):
        return cell == "true"
    if kind == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cell):
        try:
            return dt.date.fromisoformat(cell)
        except ValueError:
            return cell
    return spreadsheet_text(cell)  # a workbook's text cell is never run: no protective apostrophe to show


def workbook(name: str, text: str, when: dt.datetime | None) -> bytes:
    """The canonical CSV of table `name` as an .xlsx: a sheet with a bold frozen header and typed cells, and a
    sheet saying what each column holds (the published datapackage.json's descriptions)."""
    spec = _columns(name)
    kinds = [kind for kind, _places, _desc in spec.values()]
    places = [p if kind == "number" else 0 for kind, p, _desc in spec.values()]
    rows = list(csv.reader(io.StringIO(text)))
    typed = [[_typed(cell, kind) for cell, kind in zip(row, kinds)] for row in rows[1:]]
    return xlsx.sheet_bytes(name, rows[0] if rows else [], typed, places, when,
                            [(column, desc) for column, (_kind, _places, desc) in spec.items()])


def variants(pages: dict[str, str], when: dt.datetime | None) -> dict[str, bytes]:
    """For every published table among `pages` (`data/<name>.csv`, at the root or under a folder), its
    Indonesian-style CSV and its workbook under `data/excel/`."""
    out = {}
    known = {**TABLES, **CATALOG_TABLES}
    for path, text in pages.items():
        match = PUBLISHED.match(path)
        if not match or match.group("name") not in known:
            continue
        base = f"{match.group('dir')}data/{FOLDER}/{match.group('name')}"
        out[f"{base}.csv"] = indonesian_csv(match.group("name"), text)
        out[f"{base}.xlsx"] = _kept_workbook(match.group("name"), text, when)
    return out


def _kept_workbook(name: str, text: str, when: dt.datetime | None) -> bytes:
    """`workbook`, kept between builds (`render.kept`): writing a workbook is the slow part of this step,
    and most tables are unchanged by an edit. The key covers the generator's code and XlsxWriter's version."""
    return kept.get(lambda: cache.key("xlsx", name, text, when.isoformat() if when is not None else "")[:32] + ".xlsx",
                    lambda: workbook(name, text, when))
