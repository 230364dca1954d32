"""The Laporan Kinerja generated from the data (`laporan-kinerja.md`) and its PDF
(`dokumen/laporan-kinerja-<tahun>.pdf`): one document model (render/lkjip.py), two renderers, so the
page and the PDF cannot disagree. The PDF is typeset by Typst (render/typeset.py), byte-identical for
the same data."""
from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

from generator import fmt
from generator.render import lkjip, typeset
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link
from generator.render.tahun import while_running

PATH = "laporan-kinerja.md"


def pdf_path(year: int) -> str:
    return f"dokumen/laporan-kinerja-{year}.pdf"


def page_count(pdf: bytes) -> int:
    """Pages of a Typst PDF: its page tree's /Count (one per document)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts) if counts else 0


def applies(ctx: PageContext) -> bool:
    """A report needs a report year: a package that publishes only its tree (no realisasi yet) has none."""
    return ctx.year is not None


_STARTED = "lkjip.pdf"  # ctx.memo: the document model and its PDF on its way (`start`)


def _reported(ctx: PageContext) -> bool:
    """The year has its report (a running year has none yet: its page says so)."""
    return ctx.common["laporan_terakhir"] == ctx.year


def start(ctx: PageContext) -> None:
    """The PDF is typeset on a thread while the other pages render (Typst lets go of Python's lock)."""
    if applies(ctx) and _reported(ctx):
        ctx.memo[_STARTED] = _typeset(ctx)


def _typeset(ctx: PageContext):
    doc = lkjip.model(ctx)
    return doc, typeset.pdf_soon("lkjip.typ", doc, dt.date.fromisoformat(doc["tanggal_iso"]))


def build(ctx: PageContext) -> PageSet:
    if not applies(ctx):
        return PageSet()
    if not _reported(ctx):
        return PageSet(pages={PATH: while_running(ctx, PATH, f"Laporan Kinerja {ctx.year}", "laporan kinerja tahunan",
                                                  "Laporan Kinerja {tahun}")})
    year = ctx.year
    doc, job = ctx.memo.pop(_STARTED, None) or _typeset(ctx)
    pdf = job.result()
    for b in doc["blok"]:
        if b["jenis"] == "judul":
            b["anchor"] = Markup("{#" + b["id"] + "}")
            b["tanda"] = Markup("#" * (b["level"] + 1))
    page = ctx.env.get_template("lkjip.md.j2").render(
        doc=doc, unduh=md_link(pdf_path(year), PATH), ukuran=fmt.angka(len(pdf) / 1024, 0),
        halaman=page_count(pdf), konsistensi=md_link("konsistensi.md", PATH), lke=md_link("pra-evaluasi-sakip.md", PATH),
        **ctx.common)
    return PageSet(pages={PATH: page}, files={pdf_path(year): pdf}, nav=[])
