"""Excel workbooks (.xlsx) that are the same bytes for the same content, with cells that stay data.

openpyxl stamps the save time into `docProps/core.xml` and the ZIP entries; `workbook_bytes` replaces
both with the data's own date and a fixed entry time, so a workbook written twice from the same data is
byte-identical (as every other file of the site). `put` writes a value so that Excel shows it and never
runs it: text is always text (a cell that starts with `=` is not a formula), numbers are numbers,
characters a workbook cannot hold are refused by the caller or replaced.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can hold: no clock in the file
EPOCH = dt.datetime(2000, 1, 1)


# openpyxl is imported where a workbook is written, not with this module: a build whose workbooks are all
# kept from the last one (render.kept) never loads it (~0,13 s).

def illegal(text: str) -> bool:
    """Whether `text` holds a character an .xlsx cell cannot store (control characters)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return bool(ILLEGAL_CHARACTERS_RE.search(text))


def put(cell, value, replace_illegal: bool = True) -> None:
    """Write `value` into `cell`: str as text (never a formula), numbers and booleans as themselves."""
    if isinstance(value, str):
        if replace_illegal:
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
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
