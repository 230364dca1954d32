"""One page per sasaran strategis (`sasaran/<id>.md`): its indicators year by year (target, realisasi,
status, capaian, category, trend), a chart per indicator, its programmes' budget, and a short
narrative whose counts come from the computed node averages."""
from __future__ import annotations

import pandas as pd

from generator import fmt
from generator.compute.triwulan import sasaran_progress
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present, row_dicts
from generator.render import charts
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import md_link
from generator.render.escape import title_text
from generator.render.lookup import Lookup
from generator.render.values import status_class
from generator.render.words import BELUM_TERSEDIA, status_realisasi, summed_from


def page_path(sasaran_id: str) -> str:
    return f"sasaran/{sasaran_id}.md"


def nav_title(node: dict) -> str:
    """What the sasaran is about, after its number: the menu says more than a code."""
    return title_text(f"{node['nomor'] or node['id']} {node['nama']}")


def _indicator_rows(lk: Lookup, ind: dict, category_scale) -> tuple[list[dict], list[dict]]:
    """Rows of the yearly table up to the report year, and the chart's points."""
    years = {y for (i, y) in lk.chosen if i == ind["id"]} | {y for (i, y) in lk.real if i == ind["id"]}
    rows, points = [], []
    for y in sorted(y for y in years if y <= lk.year):  # later Renstra years: the indicator page
        tg, rl = lk.chosen.get((ind["id"], y)), lk.real.get((ind["id"], y))
        has_cap = tg is not None and present(tg["capaian"])
        rows.append({
            "tahun": y,
            "target": lk.applied(ind, tg) if tg else "–",
            "dokumen": (lk.docs[tg["dokumen"]]["judul"] + ("" if tg["berlaku"] else " (sudah diganti)")) if tg else "",
            "realisasi": lk.value(ind, rl["nilai"], rl["label"]) if rl else BELUM_TERSEDIA,
            "status": status_realisasi(rl["status"]) if rl else BELUM_TERSEDIA,
            "capaian": fmt.persen(tg["capaian"]) if has_cap else BELUM_TERSEDIA,
            "kategori": tg["kategori"] if tg and present(tg["kategori"]) else None,
            "kelas": status_class(category_scale, tg["kategori"]) if tg and present(tg["kategori"]) else "",
            "berlaku": bool(tg["berlaku"]) if tg else False,
            "tren": tg["tren"] if tg and present(tg["tren"]) else None,
        })
        points.append({"tahun": y, "target": tg["target"] if tg else None, "realisasi": rl["nilai"] if rl else None,
                       "target_teks": rows[-1]["target"], "realisasi_teks": rows[-1]["realisasi"],
                       "capaian_teks": rows[-1]["capaian"], "status": rl["status"] if rl else None})
    return rows, points


def _end_target(lk: Lookup, ind: dict) -> dict | None:
    """The Renstra end-of-period target, where the package has one."""
    r = lk.end.get(ind["id"])
    return {"tahun": r["tahun"], "nilai": r["nilai"], "teks": lk.target(ind, r)} if r else None


def _planned(lk: Lookup, programs: list[dict]) -> dict | None:
    """While the year runs and before its report: the programmes' pagu of the year as planned (RKT, PK) and
    their spending to the latest quarter (`Lookup.running_budget`); None when the package has none of it."""
    if not lk.running or any(p["anggaran"] for p in programs):
        return None
    return lk.running_budget(programs, [p["nama"] for p in programs])


def sasaran_page(ctx: PageContext, lk: Lookup, s: dict, files: dict[str, str]) -> str:
    t, res, year = ctx.t, ctx.res, ctx.year
    path = page_path(s["id"])
    category_scale = res.scales.get(t.settings.skala_kategori_capaian)
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    svg = ctx.options.static_svg
    indicators = []
    for ind in row_dicts(t["indikator"][t["indikator"]["node"] == s["id"]]):
        rows, points = _indicator_rows(lk, ind, category_scale)
        end = _end_target(lk, ind)
        # A chart only where it shows a comparison: a realisasi, a trajectory or an end target.
        # Yes/no indicators have no scale worth drawing.
        drawable = ind["jenis_target"] != "ya_tidak" and (
            any(present(p["realisasi"]) for p in points) or sum(present(p["target"]) for p in points) > 1 or end)
        chart = None
        if drawable:
            placed = charts.embed(charts.target_realisasi(
                charts.slug("indikator", ind["id"]), "Target dan realisasi per tahun", pd.DataFrame(points),
                ind["satuan"], end, nama=ind["nama"]), path, svg, ctx.env)
            files.update(placed.files)
            chart = placed.html
        replaced = ind["diganti_oleh"]
        indicators.append({**ind, "baris": rows, "grafik": chart,
                           "pengganti": names.get(replaced) if present(replaced) else None})
    budget = {r["id"]: r for r in row_dicts(res.anggaran[res.anggaran["tahun"] == year])
              if r["tingkat"] != "jenis_belanja"}
    nodes = t["node"]
    programs = [{**p, "anggaran": budget.get(p["id"])}
                for p in row_dicts(nodes[(nodes["tingkat"] == "program") & (nodes["induk"] == s["id"])])]
    planned = _planned(lk, programs)
    # Budget chart: the kegiatan under this sasaran's programs, else the programs themselves.
    kegiatan = nodes[(nodes["tingkat"] == "kegiatan") & nodes["induk"].isin([p["id"] for p in programs])]
    spent = [budget[k] for k in kegiatan["id"] if k in budget]
    level = "kegiatan" if spent else "program"  # said in the title: the table above it lists the programmes
    spent = spent or [p["anggaran"] for p in programs if p["anggaran"]]
    budget_chart = None
    if spent:
        placed = charts.embed(charts.anggaran(
            charts.slug("anggaran", s["id"]), f"Pagu dan realisasi anggaran {year} per {level}",
            pd.DataFrame([{"uraian": b["uraian"], "pagu": b["pagu"], "realisasi": b["realisasi"]} for b in spent]), year),
            path, svg, ctx.env)
        files.update(placed.files)
        budget_chart = placed.html
    found = res.sasaran[(res.sasaran["sasaran"] == s["id"]) & (res.sasaran["tahun"] == year)]
    summary = found.iloc[0].to_dict() if len(found) else None
    if summary:
        summary["serapan_catatan"] = summed_from(summary["serapan_dijumlah"], summary["serapan_dijumlah_tingkat"]) \
            if present(summary["serapan"]) else None
        summary["dibatasi"] = lk.capped(year, s["id"])
    average = lk.node_average(s["id"], year) or {}
    narrative = {"jumlah": int(average.get("indikator", 0)), "tercapai": int(average.get("tercapai", 0)),
                 "tidak": int(average.get("tidak_tercapai", 0)),
                 "kosong": int(average.get("indikator", 0)) - int(average.get("dengan_data", 0))}
    quarter = ctx.common["triwulan_terakhir"] if ctx.common["berjalan"] else None
    return ctx.env.get_template("sasaran.md.j2").render(istilah=Istilah(path, ctx.common["glosarium"], ctx.env),
        sasaran=s, indikator=indicators, program=programs, rencana=planned, ringkasan=summary, grafik_anggaran=budget_chart,
        narasi=narrative, progres=md_link("triwulan.md", path) if quarter else None,
        # where the year stands, as the home page's row for this sasaran says it
        progres_sasaran=sasaran_progress(res.triwulan, s["id"], year, quarter), sd=TRIWULAN.get(quarter),
        **ctx.common)


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    nodes = ctx.t["node"]
    pages: dict[str, str] = {}
    nav = []
    for s in row_dicts(nodes[nodes["tingkat"] == "sasaran"]):
        pages[page_path(s["id"])] = sasaran_page(ctx, lk, s, pages)
        nav.append({nav_title(s): page_path(s["id"])})
    return PageSet(pages=pages, nav=[{"Sasaran strategis": nav}] if nav else [])
