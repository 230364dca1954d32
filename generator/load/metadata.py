"""The descriptor's metadata the generator reads (title, name, version, created, licenses, sources, ...): each
of the JSON type the pages print it as, and `created`, the date every build takes as its clock, a real
moment between 1970 (SOURCE_DATE_EPOCH starts there) and 2100.
"""
from __future__ import annotations

import datetime as dt

from generator.problems import Problem

TEXT = ("name", "title", "description", "version", "homepage", "image")
OBJECT_LISTS = {"licenses": ("name", "title", "path"), "sources": ("title", "path", "email"),
                "contributors": ("title", "path", "email", "organization")}


def created_datetime(value) -> dt.datetime | None:
    """`created` as an aware UTC datetime, or None when it is not a valid moment in 1970-2100."""
    if not isinstance(value, str) or not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    stamp = stamp.replace(tzinfo=dt.timezone.utc) if stamp.tzinfo is None else stamp.astimezone(dt.timezone.utc)
    return stamp if 1970 <= stamp.year <= 2100 else None


def metadata_problems(descriptor: dict, raw: str, display: str) -> list[Problem]:
    from generator.load.jsonfile import locate

    problems = []

    def bad(key: str, value, message: str) -> None:
        problems.append(Problem(display, *locate(raw, key, value), message))

    for key in TEXT:
        if key in descriptor and not isinstance(descriptor[key], str):
            bad(key, descriptor[key], f'"{key}" harus berupa teks')
    if "keywords" in descriptor and (not isinstance(descriptor["keywords"], list)
                                     or not all(isinstance(k, str) for k in descriptor["keywords"])):
        bad("keywords", descriptor["keywords"], '"keywords" harus berupa daftar teks')
    for key, texts in OBJECT_LISTS.items():
        if key not in descriptor:
            continue
        value = descriptor[key]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            bad(key, value, f'"{key}" harus berupa daftar objek, misalnya [{{"title": "..."}}]')
            continue
        for item in value:
            for text in texts:
                if text in item and not isinstance(item[text], str):
                    bad(text, item[text], f'"{key}": "{text}" harus berupa teks')
            if "roles" in item and (not isinstance(item["roles"], list) or not all(isinstance(r, str) for r in item["roles"])):
                bad("roles", item["roles"], f'"{key}": "roles" harus berupa daftar teks')
    if "created" in descriptor and created_datetime(descriptor["created"]) is None:
        bad("created", descriptor["created"],
            f'"created" {descriptor["created"]!r} bukan waktu yang sah; yang diharapkan tanggal dan waktu ISO 8601 '
            'antara tahun 1970 dan 2100, misalnya "2026-02-13T00:00:00Z"')
    return problems
