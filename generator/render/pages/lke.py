"""SAKIP evaluation pre-check (`pra-evaluasi-sakip.md`, `data/lke.csv`): the Pengukuran and Pelaporan
criteria of PermenPANRB 88/2021 checked against the data (compute/lke.py), each with its status, what
was counted, what is missing, the evidence on the portal and the regulation."""
from __future__ import annotations

from markupsafe import Markup

from generator.compute.lke import counts
from generator.domain import sakip
from generator.domain.values import row_dicts
from generator.render import open_data
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import built_url, html_link, md_link
from generator.render.tahun import while_running

PATH = "pra-evaluasi-sakip.md"
CSV = "data/lke.csv"
KELAS = {sakip.TERPENUHI: "tersedia", sakip.TIDAK_TERPENUHI: "belum", sakip.TIDAK_DAPAT: "kedaluwarsa"}
# Evidence keys of compute/lke.py → source pages.
HALAMAN = {"laporan-kinerja": "laporan-kinerja.md", "metadata-indikator": "metadata-indikator.md", "pohon": "pohon.md",
           "data-terbuka": "data-terbuka.md"}
SEKALI = {"metadata-indikator"}  # published once, not per year of the archive (pages/__init__.py, YEARLY)


def evidence(key, arsip: bool = False) -> str | None:
    """The source path (with anchor) of an evidence key such as `laporan-kinerja#capaian`. In a year of the
    archive (`<year>/`) a page published once, at the root, is one folder up."""
    if not isinstance(key, str) or not key:
        return None
    page, _, anchor = key.partition("#")
    if page not in HALAMAN:
        return None
    return ("../" if arsip and page in SEKALI else "") + HALAMAN[page] + (f"#{anchor}" if anchor else "")


def build(ctx: PageContext) -> PageSet:
    if ctx.year is None:  # nothing to pre-check without a report year (a tree-only package): the table
        return PageSet(pages={CSV: open_data.csv_text("lke", ctx.res.lke.assign(tautan=""))})  # stays, empty
    if ctx.common["laporan_terakhir"] != ctx.year:  # the year runs: its pre-check waits; the table stays, empty
        return PageSet(pages={PATH: while_running(ctx, PATH, f"Pra-evaluasi SAKIP {ctx.year}",
                                                "pra-evaluasi SAKIP atas Laporan Kinerja",
                                                "Pra-evaluasi SAKIP atas Laporan Kinerja {tahun}"),
                              CSV: open_data.csv_text("lke", ctx.res.lke.assign(tautan=""))}, nav=[])
    frame = ctx.res.lke
    rows = []
    for r in row_dicts(frame):
        where = evidence(r["halaman"], ctx.options.arsip)
        rows.append({**r, "kelas": Markup(KELAS[r["status"]]), "tautan": html_link(where, PATH) if where else None})
    groups = [{"nama": name, "baris": [r for r in rows if r["komponen"] == name]}
              for name in dict.fromkeys(r["komponen"] for r in rows)]
    page = ctx.env.get_template("lke.md.j2").render(
        baris=rows, kelompok=groups, jumlah=counts(frame),
        komponen=[{"nama": n, "bobot": w} for n, w in sakip.KOMPONEN.values()],
        unduh=md_link(CSV, PATH), lkjip=md_link("laporan-kinerja.md", PATH), konsistensi=md_link("konsistensi.md", PATH),
        istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env), **ctx.common)
    links = [evidence(k, ctx.options.arsip) for k in frame["halaman"]]
    published = frame.assign(tautan=[built_url(w.partition("#")[0]) + ("#" + w.partition("#")[2] if "#" in w else "")
                                     if w else "" for w in links])
    return PageSet(pages={PATH: page, CSV: open_data.csv_text("lke", published)}, nav=[])
