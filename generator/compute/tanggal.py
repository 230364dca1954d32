"""The date a package speaks for, the one clock every build uses: its `created`, else the report
document's date. Never the machine's clock, so the same data gives the same site."""
from __future__ import annotations

import datetime as dt

from generator.load import Tables


def data_datetime(t: Tables) -> dt.datetime | None:
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
    doc = t.settings.get("dokumen_laporan")
    if doc in docs.index:
        day = docs.loc[doc, "tanggal"]
        if day is not None and day == day:
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return None
