"""The budget page (`anggaran.md`): total and SILPA, each programme with its kegiatan and sub kegiatan
(ordered by the report's codes), the lowest serapan, and the breakdowns by jenis belanja and by sasaran.

Figures come from `res.anggaran` (exact Rupiah, serapan rounded half up); nothing is recomputed here
except sums for a total the package does not print, and those are said to be sums.
"""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from generator.domain.tree import code_key
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present, row_dicts
from generator.render import charts as charts_api
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import md_link, source_csv
from generator.render.lookup import Lookup
from generator.render.pages.triwulan import PATH as TRIWULAN_PATH
from generator.render.words import summed_from

PATH = "anggaran.md"
LOWEST = 5  # how many sub kegiatan the "lowest serapan" list shows


def _belanja(lk: Lookup, year: int) -> list[dict]:
    """The jenis belanja tables (`Lookup.belanja_tables`), each line indented under its parent."""
    return [{**g, "baris": [{**r, "indent": Markup("&#8195;" * r["kedalaman"])} for r in g["baris"]]}
            for g in lk.belanja_tables(year)]


def _belanja_notes(lk: Lookup) -> list[dict]:
    """The consistency notes about the jenis belanja lines: the same figure printed differently in two
    tables, first; then how many other notes there are (sums, percentages)."""
    ids = set(lk.t["belanja"]["id"])
    k = lk.res.konsistensi
    mine = [r for r in row_dicts(k) if set(str(r["rujukan"]).split(",")) & ids]
    return mine


def _sasaran(lk: Lookup, year: int) -> list[dict]:
    """Each sasaran with a budget this year: its printed line, or the sum of the lines beneath it
    (`compute.anggaran.sasaran_budget`, said to be one), with its average capaian and efficiency."""
    rows = lk.res.sasaran[(lk.res.sasaran["tahun"] == year) & lk.res.sasaran["pagu"].map(present)]
    out = []
    for s in sorted(row_dicts(rows), key=lambda s: code_key(lk.node_code(lk.nodes[s["sasaran"]]))):
        node = lk.nodes[s["sasaran"]]
        out.append({"nomor": lk.node_code(node), "nama": node["nama"],
                    "tautan": md_link(f"sasaran/{s['sasaran']}.md", PATH) if s["sasaran"] in lk.sasaran_pages else None,
                    "pagu": s["pagu"], "realisasi": s["realisasi"] if present(s["realisasi"]) else None,
                    "serapan": s["serapan"] if present(s["serapan"]) else None,
                    "dijumlah": summed_from(s["serapan_dijumlah"], s["serapan_dijumlah_tingkat"]),
                    "rata_rata": s.get("rata_rata") if present(s.get("rata_rata")) else None,
                    "efisiensi": s.get("efisiensi") if present(s.get("efisiensi")) else None})
    return out


def _total(lines: list[dict]) -> dict | None:
    """The agency's total of the year (`budget_lines`: as printed, or a sum marked `dijumlah`)."""
    return next((line for line in lines if line["tingkat"] == "total"), None)


def _running(lk: Lookup) -> dict | None:
    """While the year runs (no report of it yet): the agency's pagu of the year as planned and what it spent
    to the latest quarter with spending, then each programme's, by the report's codes (`Lookup.to_date`: the
    rows the Progres page prints). A reader looking here for this year's budget found only "not yet", while
    the package held the year's PK and its spending per quarter. None when the package has no figure of the
    year."""
    if not lk.running:
        return None
    total = lk.total_to_date()
    programmes = sorted(((lk.report_code(n, {"kode": ""}), n) for n in lk.nodes.values()
                         if n["tingkat"] == "program" and n["id"] in lk.to_date), key=lambda p: code_key(p[0]))
    table = lk.running_budget([n for _, n in programmes], [f"{code} {n['nama']}".strip() for code, n in programmes],
                              named=(total["dokumen_pagu"],) if total["dokumen_pagu"] else ())
    if total["pagu"] is None and total["realisasi_sd"] is None and table is None:
        return None
    # spending reported for some quarter: the page stands at that quarter, saying why a figure to it is unknown
    return {**total, "dokumen_nama": lk.docs[total["dokumen_pagu"]]["judul"] if total["dokumen_pagu"] in lk.docs else None,
            "dijumlah": total.get("dijumlah"), "belum": lk.spending_unknown(total.get("id")),
            "triwulan_teks": TRIWULAN[lk.budget_quarter] if lk.budget_quarter else None, "tabel": table}


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    year = ctx.year
    all_lines = lk.res.anggaran
    lines = row_dicts(all_lines[(all_lines["tahun"] == year) & (all_lines["tingkat"] != "jenis_belanja")])
    programmes, rest = lk.programmes(lines)
    subs = [r for p in programmes for r in p["rincian"] if r["tingkat"] == "sub_kegiatan"] + \
        [r for r in rest if r["tingkat"] == "sub_kegiatan"]
    lowest = sorted((r for r in subs if r["serapan"] is not None and present(r["serapan"])),
                    key=lambda r: (r["serapan"], code_key(r["kode"])))[:LOWEST]
    mismatched = [r for p in programmes for r in [p, *p["rincian"]] if r["pagu_rincian"] is not None]
    history = [r for r in row_dicts(all_lines[all_lines["tingkat"] == "total"].sort_values("tahun"))]
    belanja_csv = source_csv(lk.t, "belanja")
    anggaran_csv = source_csv(lk.t, "anggaran")
    files: dict[str, str] = {}
    charts = []
    if programmes:
        rows = pd.DataFrame([{"uraian": p["uraian"], "pagu": p["pagu"], "realisasi": p["realisasi"]} for p in programmes])
        chart = charts_api.anggaran(f"anggaran-program-{year}", f"Pagu dan realisasi per program {year}", rows, year)
        placed = charts_api.embed(chart, PATH, ctx.options.static_svg, ctx.env)
        files.update(placed.files)
        charts.append(placed.html)
    # While the year runs its spending comes by quarter, on the progress page: said here, where a reader
    # looks for the budget (the page only said the package held no realisasi for the year).
    quarterly = ctx.res.anggaran_triwulan
    progres = md_link(TRIWULAN_PATH, PATH) if quarterly is not None and len(quarterly) and (
        (quarterly["tahun"] == year) & quarterly["realisasi_sd"].notna()).any() else None
    page = ctx.env.get_template("anggaran.md.j2").render(istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env), progres=progres,
        sekarang=_running(lk) if not lines else None,
        total=_total(lines), program=programmes, lainnya=rest, terendah=lowest,
        jumlah_sub=len(subs), selisih=mismatched, belanja=_belanja(lk, year), catatan_belanja=_belanja_notes(lk),
        per_sasaran=_sasaran(lk, year),
        riwayat=history if len(history) > 1 else [],
        grafik=charts,
        unduh=md_link("data/anggaran.csv", PATH),
        unduh_triwulan=md_link("data/anggaran_triwulan.csv", PATH) if progres else None,
        sumber_anggaran=md_link(anggaran_csv, PATH) if anggaran_csv else None,
        sumber_belanja=md_link(belanja_csv, PATH) if belanja_csv and len(lk.t["belanja"]) else None,
        metodologi=md_link("metodologi.md", PATH), konsistensi=md_link("konsistensi.md", PATH),
        pohon=md_link("pohon.md", PATH), **ctx.common)
    return PageSet(pages={PATH: page, **files}, nav=[{"Anggaran": PATH}])
