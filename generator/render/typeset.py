"""PDF documents and preview images with Typst (the `typst` wheel: no system packages, no network).

Byte-identical output: the fonts are the ones built into the wheel (Libertinus Serif, SIL Open Font
Licence 1.1; system fonts are ignored, so every machine typesets alike), the document date and the
timestamp come from the data, and the Typst version is pinned (it is written into the PDF). Templates
live in `render/templates/*.typ` and read their content as JSON from `sys.inputs.data`, so data is
only ever shown as text.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import hashlib
import importlib.resources
import json
import os
import re
import threading

from generator import cache
from generator.render import kept


class TypesetError(Exception):
    """Typst refused a document (a template bug, never the data's fault)."""


@functools.lru_cache(maxsize=None)
def template(name: str) -> bytes:
    return importlib.resources.files("generator.render").joinpath("templates", name).read_bytes()


# The longest text a document sets whole. Typst breaks a paragraph into lines by weighing all its breaks
# together, which grows much faster than the paragraph: 49 cells of 100.000 letters took 160 s and 19 GB
# to typeset. The longest cell in the seed packages has 1.109 letters; the portal's pages show any text
# whole, and a document says where it cut one.
LONGEST_TEXT = 5_000
CUT = " … (terpotong di dokumen ini; teks lengkapnya ada di portal)"


def _shortened(value):
    """`value` with every text longer than LONGEST_TEXT cut at a space before it, saying so."""
    if isinstance(value, str) and len(value) > LONGEST_TEXT:
        head = value[:LONGEST_TEXT]
        return (head[:head.rfind(" ")] if " " in head[LONGEST_TEXT // 2:] else head).rstrip() + CUT
    if isinstance(value, dict):
        return {k: _shortened(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shortened(v) for v in value]
    return value


def _inputs(data: dict) -> dict[str, str]:
    return {"data": json.dumps(_shortened(data), ensure_ascii=False, sort_keys=True, allow_nan=False)}


def _timestamp(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def pdf(name: str, data: dict, day: dt.date, standards: tuple[str, ...] = ("ua-1",)) -> bytes:
    """A tagged PDF (PDF/UA-1: title, language, alt text on every figure are build checks) dated `day`."""
    return _pdf_job(name, data, day, standards)()


def pdf_soon(name: str, data: dict, day: dt.date,
             standards: tuple[str, ...] = ("ua-1",)) -> concurrent.futures.Future[bytes]:
    """`pdf`, typeset on a thread of its own while the caller goes on: Typst lets go of Python's lock as it
    works, so a page module can set its document going before the other pages render (the registry's
    `start`). The data is read now: changing it afterwards changes nothing."""
    job = _pdf_job(name, data, day, standards)
    with _POOL_LOCK:
        if _POOL["pool"] is None:
            _POOL["pool"] = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="typst")
        return _POOL["pool"].submit(job)


def _pdf_job(name: str, data: dict, day: dt.date, standards: tuple[str, ...]):
    options = {"pdf_standards": tuple(standards), "timestamp": _timestamp(day)}
    text = _inputs(data)["data"]
    return lambda: kept.get(lambda: _name(name, text, options, ".pdf"), lambda: _compiled(name, text, **options))


_POOL: dict = {"pool": None}
_POOL_LOCK = threading.Lock()


def _forget() -> None:
    """In a child made by fork: the parent's thread is not there."""
    global _POOL_LOCK
    _POOL_LOCK = threading.Lock()
    _POOL["pool"] = None


os.register_at_fork(after_in_child=_forget)


def png_pages(name: str, pages: list[dict], ppi: float = 96.0) -> list[bytes]:
    """One PNG per item of `pages`, from a template that sets each item of its `halaman` on a page of its
    own, drawn from that item alone (no page numbers, nothing carried from page to page). Each image is
    kept on its own, so after an edit Typst draws only the pages whose item changed, in one run."""
    options = {"format": "png", "ppi": ppi}

    def make(missing: list[int]) -> list[bytes]:
        out = _compiled(name, _inputs({"halaman": [pages[i] for i in missing]})["data"], **options)
        return list(out) if isinstance(out, list) else [out]
    return kept.get_many(len(pages), lambda: [_name(name, _inputs(page)["data"], options, ".png") for page in pages],
                         make)


def _name(name: str, data: str, options: dict, suffix: str) -> str:
    """What a document is kept under: its template's bytes, its data, the options and Typst's version."""
    text = json.dumps([name, hashlib.sha256(template(name)).hexdigest(), data, sorted(options.items()),
                       cache.tool_version("typst")], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + suffix


# A tagged PDF refuses text its fonts have no glyph for (an emoji pasted into a note, a CJK name), where an
# untagged one would print an empty box: Typst names the text.
NO_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed with font')
NOT_PRINTABLE = "?"  # what the PDF shows instead; the pages keep the text as written
# Scripts and symbols none of the document's fonts has, replaced all at once after the first refusal (Typst
# names one text per run): CJK, Hangul, emoji and their variation selectors.
NO_FONT = re.compile("[\u2e80-\u9fff\uac00-\ud7af\ufe00-\ufe0f\U0001f000-\U0001faff]")


@functools.lru_cache(maxsize=64)
def _compiled(name: str, data: str, **options):
    """Typst's output for a template, its data (JSON text) and options. The same three give the same bytes,
    so a process keeps the last ones (`kinerja serve` and the tests rebuild the same documents). Text the
    document's fonts cannot show is printed as NOT_PRINTABLE, one refusal at a time (the data's fault, not
    the template's: the build goes on, and the web pages show the text as written)."""
    import typst

    for _ in range(100):
        try:
            return typst.compile(template(name), font_paths=[], ignore_system_fonts=True, sys_inputs={"data": data},
                                 **{k: list(v) if isinstance(v, tuple) else v for k, v in options.items()})
        except Exception as exc:  # typst raises its own error type; say which document failed
            missing = NO_GLYPH.search(str(exc))
            text = _rust_text(missing.group(1)) if missing else None
            if not text or text not in data:
                raise TypesetError(f"Typst gagal menyusun {name}: {exc}") from exc
            data = NO_FONT.sub(NOT_PRINTABLE, data.replace(text, NOT_PRINTABLE))
    raise TypesetError(f"Typst gagal menyusun {name}: terlalu banyak teks yang tidak dapat dicetak")


def _rust_text(quoted: str) -> str | None:
    """The text of a string as Typst's message quotes it (Rust's escapes: \\u{1f600}, \\", \\\\)."""
    try:
        return re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), quoted) \
            .replace('\\"', '"').replace("\\\\", "\\")
    except (ValueError, OverflowError):
        return None
