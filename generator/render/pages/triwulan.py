"""Quarterly progress of the report year (`triwulan.md`): Rencana Aksi targets to date against realisasi
to date (on track / behind), and the budget spent to date, as the quarters arrive and before any
Laporan Kinerja exists. For a finished year whose package holds the Rencana Aksi but no quarterly
realisasi, the page shows the quarterly targets as printed. Figures come from `compute.triwulan`."""
from __future__ import annotations

import pandas as pd

from generator import fmt
from generator.compute.anggaran import ORDER
from generator.compute.triwulan import (BELUM_DIHITUNG, BELUM_DILAPORKAN, COUNTED, QUARTERS, SESUAI, TERTINGGAL,
                                        budget_gap, budget_quarter, earlier_missing,
                                       progress_summary)
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present, row_dicts
from generator.render import charts
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import md_link
from generator.render.lookup import Lookup
from generator.render.pages.indikator import page_path as indicator_path
from generator.render.values import series_label, target_text
from generator.render.words import AKUMULASI, budget_unknown, status_progres

PATH = "triwulan.md"


def nav_title(ctx: PageContext) -> str:
    return ctx.common["progres_judul"]


def _rows(ctx: PageContext, lk: Lookup, mine: pd.DataFrame, quarter: int | None) -> list[dict]:
    out = []
    for i, part in mine.groupby("indikator", sort=False):
        ind = lk.by_id[i]
        part = part.sort_values("triwulan")
        now = part[part["triwulan"] == quarter].iloc[0] if quarter else None
        earlier = earlier_missing(dict(zip(part["triwulan"], part["realisasi"])), part.iloc[0]["akumulasi"],
                                  quarter) if quarter else None
        # figures to date with as many decimals as the quarters were given with
        widest = series_label(ind, list(part["target_label"]) + list(part["realisasi_label"]))
        out.append({
            "nama": ind["nama"], "tautan": md_link(indicator_path(i), PATH), "iku": bool(ind["iku"]),
            "rencana": " · ".join(f"{TRIWULAN[q]} {lk.quarter(ind, v, lb)}"
                                  for q, v, lb in zip(part["triwulan"], part["target"], part["target_label"])),
            "tahunan": part.iloc[0]["target_tahunan_label"] if present(part.iloc[0]["target_tahunan_label"]) else None,
            "target_sd": target_text(lk.scales, ind, now["target_sd"], widest, now["batas_atas_sd"])
            if now is not None and present(now["target_sd"]) else "–",
            "realisasi_sd": lk.value(ind, now["realisasi_sd"], widest) if now is not None and present(now["realisasi_sd"]) else "–",
            "capaian_sd": fmt.persen(now["capaian_sd"]) if now is not None and present(now["capaian_sd"]) else None,
            "status": now["status"] if now is not None else None,
            "status_kata": status_progres(now["status"], earlier) if now is not None else None,
            "akumulasi": AKUMULASI.get(part.iloc[0]["akumulasi"]) if present(part.iloc[0]["akumulasi"]) else None,
        })
    return out


def _not_quarterly(ctx: PageContext, lk: Lookup, mine: pd.DataFrame) -> dict | None:
    """The year's indicators with a target in force but no Rencana Aksi quarters (most often one measured
    once a year, such as a survey's IKM): not on this page, and the page says so rather than leave them
    out without a word."""
    planned = {i for (i, y), tg in lk.chosen.items() if y == ctx.year and present(tg["berlaku"]) and bool(tg["berlaku"])}
    # a Rencana Aksi quarter (`dokumen`); an indicator reported by quarter without one is on this page, unjudged
    targeted = set(mine.loc[mine["dokumen"].map(present), "indikator"]) if len(mine) else set()
    shown = set(mine["indikator"]) if len(mine) else set()
    left = planned - targeted
    if not left or not targeted:
        return None
    return {"dinilai": len(targeted), "jumlah": len(planned | shown), "tanpa_target": len(shown - targeted),
            "iku": [r["nama"] for r in lk.indicators if r["id"] in left and bool(r["iku"])]}


def build(ctx: PageContext) -> PageSet:
    res, year = ctx.res, ctx.year
    progress = res.triwulan if res.triwulan is not None else pd.DataFrame()
    mine = progress[progress["tahun"] == year] if len(progress) else progress
    budget = res.anggaran_triwulan
    spent = budget[budget["tahun"] == year] if budget is not None and len(budget) else None
    if not len(mine) and (spent is None or not len(spent)):
        return PageSet()
    lk = Lookup(ctx)
    quarter = ctx.common["triwulan_terakhir"]
    summary = progress_summary(progress, year, quarter)
    files: dict[str, str] = {}
    chart = None
    if quarter:
        # the indicators the summary counts, a late one among them, so that the chart's sentence says the same
        now = mine[(mine["triwulan"] == quarter) & mine["status"].isin(COUNTED)]
        if len(now):
            judged = now["status"].isin([SESUAI, TERTINGGAL]) & now["capaian_sd"].isna()  # a planned 0, lower is better
            frame = pd.DataFrame({"nama": now["nama"], "capaian": now["capaian_sd"], "tercapai": now["status"] == SESUAI,
                                  "tanpa_capaian": judged.map({True: "target 0, tanpa capaian", False: None}),
                                  "tanpa_data": (now["status"] == BELUM_DIHITUNG).map(
                                      {True: status_progres(BELUM_DIHITUNG), False: None})})
            placed = charts.embed(charts.capaian_sasaran(
                charts.slug("progres", str(year), str(quarter)), f"Capaian s.d. {TRIWULAN[quarter]} {year} terhadap "
                "target Rencana Aksi", frame, f"{year} s.d. {TRIWULAN[quarter]}",
                words=(status_progres(SESUAI).capitalize(), status_progres(TERTINGGAL).capitalize(),
                       "sesuai rencana (capaian s.d. triwulan 100% atau lebih)", status_progres(BELUM_DILAPORKAN))),
                PATH, ctx.options.static_svg, ctx.env)
            files.update(placed.files)
            chart = placed.html
    groups = []
    order = [n for n in lk.nodes if lk.nodes[n]["tingkat"] == "sasaran"]
    by_sasaran = {s: part for s, part in mine.groupby(mine["sasaran"].fillna(""), sort=False)} if len(mine) else {}
    for key in order + [""]:
        if key in by_sasaran:
            node = lk.nodes.get(key)
            groups.append({"judul": f"Sasaran {lk.node_code(node) or key}: {node['nama']}" if node else "Lainnya",
                           "baris": _rows(ctx, lk, by_sasaran[key], quarter)})
    lines = []
    at = budget_quarter(spent, year)  # the budget's own latest quarter, which can be behind the indicators'
    if at:
        now = spent[spent["triwulan"] == at]
        for r in sorted(row_dicts(now), key=lambda r: (ORDER.get(r["tingkat"], len(ORDER)), r["id"])):
            lines.append({**r, "serapan_teks": fmt.persen(r["serapan_sd"]) if present(r["serapan_sd"]) else "–",
                          "belum": budget_unknown(budget_gap(spent, r["id"], year, at), r["dijumlah"] if present(r["dijumlah"]) else None)
                          if not present(r["realisasi_sd"]) else None,
                          "rencana_teks": fmt.persen(r["rencana_persen_sd"]) if present(r["rencana_persen_sd"]) else None})
    total = next((r for r in lines if r["tingkat"] == "total"), None)
    if total is None and at and (own := lk.total_to_date())["id"] is not None and own["pagu"] is not None:
        # the agency's line has a pagu but no spending of its own (spending reported per programme): said, as on
        # the home and Anggaran pages, not left out of the summary
        total = {**own, "belum": lk.spending_unknown(own["id"]), "serapan_teks": "–", "rencana_teks": None}
    page = ctx.env.get_template("triwulan.md.j2").render(
        judul=nav_title(ctx), ringkasan=summary, sd=TRIWULAN[quarter] if quarter else None, grafik=chart,
        sd_anggaran=TRIWULAN[at] if at else None,
        kelompok=groups, anggaran=lines, total=total, tertinggal=[lk.by_id[i]["nama"] for i in summary["tertinggal_id"]],
        tanpa_triwulan=_not_quarterly(ctx, lk, mine),
        istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env), **ctx.common)
    return PageSet(pages={PATH: page, **files}, nav=[{nav_title(ctx): PATH}])
