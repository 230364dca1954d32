"""Excel workbooks (.xlsx) that are the same bytes for the same content, with cells that stay data.

Two writers, each for what it is made for. The operator's workbook (`kinerja templat`: lists, input
messages, a guide sheet; read back by `kinerja impor`) is written with openpyxl: it stamps the save time
into `docProps/core.xml` and the ZIP entries, and `workbook_bytes` replaces both with the data's own date
and a fixed entry time. The open-data downloads (one plain sheet per table, dozens per build) are written
with XlsxWriter (`sheet_bytes`), which writes only, about three times faster, with fixed ZIP times and
the creation date it is given. Either way a workbook written twice from the same data is byte-identical
(as every other file of the site), and a value is written so that Excel shows it and never runs it: text
is always text (a cell that starts with `=` is not a formula), numbers are numbers, characters a
workbook cannot hold are refused by the caller or replaced.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can hold: no clock in the file
EPOCH = dt.datetime(2000, 1, 1)
# Characters an .xlsx cell cannot hold (XML 1.0 has no place for them): openpyxl's own rule, used by both writers.
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
CELL_LIMIT = 32767  # characters Excel keeps in one cell; the CSV beside the workbook holds the whole text
REPLACEMENT = "\ufffd"


# Both writers are imported where a workbook is written, not with this module: a build whose workbooks are
# all kept from the last one (render.kept) loads neither (openpyxl alone took ~0,13 s).

def illegal(text: str) -> bool:
    """Whether `text` holds a character an .xlsx cell cannot store (control characters)."""
    return bool(ILLEGAL.search(text))


def put(cell, value, replace_illegal: bool = True) -> None:
    """Write `value` into `cell`: str as text (never a formula), numbers and booleans as themselves."""
    if isinstance(value, str):
        if replace_illegal:
            value = ILLEGAL.sub(REPLACEMENT, value)
        cell.value = value
        cell.data_type = "s"  # openpyxl reads "=..." as a formula; data never is one
    else:
        cell.value = value


def workbook_bytes(wb, when: dt.datetime | None) -> bytes:
    """The workbook as .xlsx bytes, identical for identical content: `when` (the data's date) is the
    creation and modification date; entries keep openpyxl's order, a fixed time and fixed attributes."""
    stamp_time = (when or EPOCH).replace(tzinfo=None)
    wb.properties.creator = "Kinerja Terbuka"
    wb.properties.lastModifiedBy = "Kinerja Terbuka"
    wb.properties.created = stamp_time
    raw = io.BytesIO()
    # What `wb.save` does, into an uncompressed archive: the entries are compressed once, below, not
    # deflated by openpyxl, inflated and deflated again (the bytes are the same either way).
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()
    wb.properties.modified = stamp_time
    from openpyxl.writer.excel import ExcelWriter

    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    stamp = stamp_time.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o100644 << 16
            zout.writestr(entry, data, compresslevel=9)
    return out.getvalue()


def sheet_bytes(title: str, header: list[str], rows: list[list], places: list[int], when: dt.datetime | None,
                notes: list[tuple[str, str]] = ()) -> bytes:
    """One sheet as .xlsx bytes (XlsxWriter): a bold, frozen header row, each column as wide as its title
    (10-48 characters), then `rows` of typed values: None is an empty cell, a bool a boolean, a finite
    int or float a number (with `places` decimals shown where given), a date a date cell (31/12/2025),
    anything else text. `when` (the
    data's date) is the creation date. `notes`, (column, what it holds): a second sheet "Keterangan kolom",
    so a reader of the workbook alone learns what a column name such as porsi_silpa means."""
    import xlsxwriter  # here, not at the top: most builds take their workbooks from render.kept

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    book.set_properties({"author": "Kinerja Terbuka", "created": (when or EPOCH).replace(tzinfo=None)})
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    shown = {p: book.add_format({"num_format": "0." + "0" * p}) for p in set(places) if p}
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for c, name in enumerate(header):
        sheet.write_string(0, c, _text(name), bold)
        sheet.set_column(c, c, max(10, min(48, len(name) + 4)))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
            elif isinstance(value, (int, float)) and _finite(value):
                sheet.write_number(r, c, value, shown.get(places[c]) if c < len(places) else None)
            else:
                sheet.write_string(r, c, _text(str(value)))
    sheet.freeze_panes(1, 0)
    if notes:
        guide = book.add_worksheet("Keterangan kolom")
        for c, (name, width) in enumerate((("Kolom", 24), ("Keterangan", 90))):
            guide.write_string(0, c, name, bold)
            guide.set_column(c, c, width)
        for r, (column, note) in enumerate(notes, start=1):
            guide.write_string(r, 0, _text(column))
            guide.write_string(r, 1, _text(note))
        guide.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def _finite(number: int | float) -> bool:
    """Whether a cell can hold `number` as a number (an integer beyond a float's range cannot)."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _text(value: str) -> str:
    return ILLEGAL.sub(REPLACEMENT, value)[:CELL_LIMIT]
