"""The date a package speaks for, the one clock every build uses: its `created`, else the report
document's date. Never the machine's clock, so the same data gives the same site."""
from __future__ import annotations

import calendar
import datetime as dt


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
