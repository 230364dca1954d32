"""The date a package speaks for, the one clock every build uses: its `created`, else the report
document's date. Never the machine's clock, so the same data gives the same site."""
from __future__ import annotations

import calendar
import datetime as dt
import re


def data_datetime(t) -> dt.datetime | None:
    """`created` (UTC; a time without zone is read as UTC), else midnight UTC of the report document's
    date, else None."""
    created = t.descriptor.get("created")
    if isinstance(created, str) and created:
        try:
            stamp = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            stamp = None
        if stamp is not None:
            return stamp.replace(tzinfo=dt.timezone.utc) if stamp.tzinfo is None else stamp.astimezone(dt.timezone.utc)
    docs = t["dokumen"].set_index("id")
    doc = t.settings.dokumen_laporan
    if doc in docs.index:
        day = docs.loc[doc, "tanggal"]
        if day is not None and day == day:
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return None


def data_date(t) -> dt.date | None:
    """The day the data speaks for (see `data_datetime`): what freshness and "future" dates are judged by."""
    stamp = data_datetime(t)
    return stamp.date() if stamp is not None else None


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day: 31 Agustus + 6 = 28/29 Februari."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Month names as Indonesians write them in a date, in full and short (Agu, Agt and Ags all occur).
_BULAN = {name: number for number, names in enumerate(
    (("januari", "jan"), ("februari", "feb", "pebruari"), ("maret", "mar"), ("april", "apr"), ("mei",),
     ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags", "agus"), ("september", "sep", "sept"),
     ("oktober", "okt"), ("november", "nov", "nop", "nopember"), ("desember", "des")), start=1) for name in names}
_YEAR_FIRST = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_NAMED = re.compile(r"([0-9]{1,2})\s+([A-Za-z]+)\.?\s+([0-9]{4})")


def written_date(text: str) -> dt.date | None:
    """A date as people type it, or None: year first (2026-02-13, 2026-2-3), day first in the Indonesian
    order (13/02/2026, 13-2-2026, 13.2.2026) or with the month's name (13 Februari 2026, 13 Feb. 2026). A
    day the month does not have (30 Februari) is None. The import reads these (`workbook`); validation
    names the ISO form to write (`load.cells`)."""
    text = text.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif (match := _NAMED.fullmatch(text)) and match.group(2).lower() in _BULAN:
        day, month, year = int(match.group(1)), _BULAN[match.group(2).lower()], int(match.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_readings(text: str) -> list[dt.date]:
    """Every date a typed date can be: `written_date`'s, and for digits between slashes also month first, as
    Excel with American settings writes it ("1/6/2026": 1 Juni, or 6 Januari; "6/13/2026" only 13 Juni).
    Validation names them all, so an operator never writes the wrong one on the tool's word."""
    text = text.strip()
    found = [day] if (day := written_date(text)) is not None else []
    match = _DAY_FIRST.fullmatch(text)
    if match and text.count("/") == 2:
        first, second, year = (int(g) for g in match.groups())
        try:
            american = dt.date(year, first, second)
        except ValueError:
            american = None
        if american is not None and american not in found:
            found.append(american)
    return found
