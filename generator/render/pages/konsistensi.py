"""Where the report contradicts itself (`konsistensi.md`): every printed figure that the recomputation
does not reproduce beyond its rounding, with both places it comes from; then the findings of a
line-by-line reading of the report that no recomputation can make (the package's `temuan`), each with
both places, the arithmetic and the simplest explanation. A finding that explains computed rows (two
typos behind six budget rows) is linked from them. First, the headline average where the report printed
another figure than the portal shows, and why. Publishes `data/temuan.csv`."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from generator import fmt
from generator.domain.sakip import TEMUAN
from generator.domain.values import present, row_dicts
from generator.render import open_data
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import md_link

PATH = "konsistensi.md"
CSV = "data/temuan.csv"
ANCHOR = "angka-ringkasan"  # the headline average's note; the home page links to it


def explained_rows(kons: pd.DataFrame, temuan: pd.DataFrame) -> dict[str, list[int]]:
    """Per finding, the numbers of the computed rows it explains: rows whose `rujukan` names one of the
    ids in the finding's `menjelaskan`."""
    out: dict[str, list[int]] = {}
    for f in row_dicts(temuan):
        ids = {x.strip() for x in str(f["menjelaskan"] or "").split(";") if x.strip()}
        if not ids:
            continue
        out[f["id"]] = [int(r["no"]) for r in row_dicts(kons)
                        if ids & {x.strip() for x in str(r["rujukan"] or "").split(",")}]
    return out


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
    kons = ctx.res.konsistensi
    temuan = ctx.t["temuan"]
    explains = explained_rows(kons, temuan)
    by_row: dict[int, list[str]] = {}
    for fid, numbers in explains.items():
        for n in numbers:
            by_row.setdefault(n, []).append(fid)
    rows = [{**r, "temuan": [Markup(f"#temuan-{fid}") for fid in by_row.get(int(r["no"]), [])]}
            for r in row_dicts(kons)]
    findings = [{**f, "anchor": Markup("{#temuan-" + f["id"] + "}"), "jenis_kata": TEMUAN.get(f["jenis"], f["jenis"]),
                 "baris": explains.get(f["id"], [])} for f in row_dicts(temuan)]
    page = ctx.env.get_template("konsistensi.md.j2").render(
        baris=rows, temuan=findings, unduh_temuan=md_link(CSV, PATH), ringkasan=headline(ctx),
        istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env), **ctx.common)
    published = temuan.assign(menjelaskan=[", ".join(str(n) for n in explains.get(i, [])) or None
                                           if present(m) else None for i, m in zip(temuan["id"], temuan["menjelaskan"])])
    return PageSet(pages={PATH: page, CSV: open_data.csv_text("temuan", published)}, nav=[{"Catatan konsistensi": PATH}])
