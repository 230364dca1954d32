"""PDF documents and preview images with Typst (the `typst` wheel: no system packages, no network).

Byte-identical output: the fonts are the ones built into the wheel (Libertinus Serif, SIL Open Font
Licence 1.1; system fonts are ignored, so every machine typesets alike), the document date and the
timestamp come from the data, and the Typst version is pinned (it is written into the PDF). Templates
live in `render/templates/*.typ` and read their content as JSON from `sys.inputs.data`, so data is
only ever shown as text.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json


class TypesetError(Exception):
    """Typst refused a document (a template bug, never the data's fault)."""


@functools.lru_cache(maxsize=None)
def template(name: str) -> bytes:
    return importlib.resources.files("generator.render").joinpath("templates", name).read_bytes()


def _inputs(data: dict) -> dict[str, str]:
    return {"data": json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)}


def _timestamp(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def pdf(name: str, data: dict, day: dt.date, standards: tuple[str, ...] = ("ua-1",)) -> bytes:
    """A tagged PDF (PDF/UA-1: title, language, alt text on every figure are build checks) dated `day`."""
    import typst

    try:
        return typst.compile(template(name), font_paths=[], ignore_system_fonts=True, sys_inputs=_inputs(data),
                             pdf_standards=list(standards), timestamp=_timestamp(day))
    except Exception as exc:  # typst raises its own error type; say which document failed
        raise TypesetError(f"Typst gagal menyusun {name}: {exc}") from exc


def png(name: str, data: dict, ppi: float = 96.0) -> list[bytes]:
    """One PNG per page of the document."""
    import typst

    try:
        out = typst.compile(template(name), font_paths=[], ignore_system_fonts=True, sys_inputs=_inputs(data),
                            format="png", ppi=ppi)
    except Exception as exc:
        raise TypesetError(f"Typst gagal menyusun {name}: {exc}") from exc
    return out if isinstance(out, list) else [out]
