"""Where the report contradicts itself (`konsistensi.md`): every printed figure that the recomputation
does not reproduce beyond its rounding, with both places it comes from; and, first, the headline average
where the report printed another figure than the portal shows, and why."""
from __future__ import annotations

from markupsafe import Markup

from generator import fmt
from generator.domain.values import present
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah

PATH = "konsistensi.md"
ANCHOR = "angka-ringkasan"  # the headline average's note; the home page links to it


def headline(ctx: PageContext) -> dict | None:
    """The report year's average as printed and as computed, with the printed capaian it came from, when
    the two differ as a reader sees them (`compute.capaian.printed_average`)."""
    ring = ctx.res.ringkasan
    found = ring[ring["tahun"] == ctx.year] if len(ring) else ring
    if not len(found):
        return None
    r = found.iloc[0].to_dict()
    printed, ours = r.get("rata_rata_tercetak"), r.get("rata_rata")
    if not present(printed) or not present(ours) or fmt.persen(printed) == fmt.persen(ours):
        return None
    a = ctx.t["angka_laporan"]
    from_printed = r.get("rata_rata_dari_tercetak")
    parts = []
    if present(from_printed):
        cap = ctx.res.capaian
        averaged = set(cap[(cap["tahun"] == ctx.year) & cap["berlaku"] & (cap["iku"] == True)  # noqa: E712
                           & cap["capaian"].notna()]["indikator"])
        rows = a[(a["jenis"] == "capaian") & (a["tahun"] == ctx.year) & (a["sumber"] == r["sumber_tercetak"])]
        parts = [str(label) for i, label in zip(rows["indikator"], rows["label"]) if i in averaged]  # as the table prints them
    return {"tercetak": r["rata_rata_tercetak_label"], "sumber": r["sumber_tercetak"], "dihitung": fmt.persen(ours),
            "dari_tercetak": fmt.persen(from_printed) if present(from_printed) else None,
            "sama": present(from_printed) and fmt.persen(from_printed) == fmt.persen(printed), "angka": "; ".join(parts),
            "jumlah": int(r["jumlah"]) - int(r["tanpa_data"]), "jangkar": Markup("{#" + ANCHOR + "}")}


def build(ctx: PageContext) -> PageSet:
    page = ctx.env.get_template("konsistensi.md.j2").render(baris=ctx.res.konsistensi.to_dict("records"),
                                                         ringkasan=headline(ctx), istilah=Istilah(PATH), **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Catatan konsistensi": PATH}])
