"""The home page (`index.md`): the answers a citizen looks for first (average capaian, indicators met,
budget absorption, satisfaction), a chart per sasaran and per survey."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from generator import fmt
from generator.compute.triwulan import progress_summary
from generator.domain.ikm import NAMA_UNSUR
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present
from generator.render import charts
from generator.render.context import PageContext, PageSet
from generator.render.pages.sasaran import page_path as sasaran_path
from generator.render.pages.triwulan import PATH as triwulan_path
from generator.render.values import status_class

PATH = "index.md"


def headline_cards(ctx: PageContext, overall, excluded: str, total: dict, surveys: list[dict]) -> list[dict]:
    """The answers a citizen looks for first, each with a status colour and one sentence."""
    t, res, year = ctx.t, ctx.res, ctx.year
    cards = []
    category = res.scales.get(t.settings.skala_kategori_capaian)
    if overall and present(overall.get("rata_rata")):
        cards.append({"judul": f"Capaian kinerja {year}", "angka": fmt.persen(overall["rata_rata"]),
                      "status": f"{overall['kategori']} · {overall['interpretasi']}",
                      "kelas": status_class(category, overall["kategori"]),
                      "teks": f"Rata-rata capaian {overall['jumlah'] - overall['tanpa_data']} dari {overall['jumlah']} "
                              "Indikator Kinerja Utama yang datanya tersedia."})
        cap = res.capaian
        active = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["iku"] == True) & cap["capaian"].notna()]  # noqa: E712
        worst = active.loc[active["capaian"].idxmin(), "kategori"] if len(active) else None
        worst = worst if present(worst) else None
        missing = f"; {overall['tanpa_data']} belum tersedia ({excluded}), tidak dihitung sebagai 0" if overall["tanpa_data"] else ""
        cards.append({"judul": "Indikator tercapai",
                      "angka": f"{overall['tercapai']} dari {overall['jumlah'] - overall['tanpa_data']}",
                      "status": f"terendah: {worst}" if worst else "",
                      "kelas": status_class(category, worst),
                      "teks": f"{overall['tidak_tercapai']} tidak tercapai{missing}."})
    if total and present(total.get("serapan")):
        cards.append({"judul": f"Serapan anggaran {year}", "angka": fmt.persen(total["serapan"]), "status": "",
                      "kelas": Markup(""),
                      "teks": f"{fmt.rupiah_singkat(total['realisasi'])} terpakai dari pagu {fmt.rupiah_singkat(total['pagu'])}; "
                              f"sisa {fmt.rupiah_singkat(total['silpa'])} ({fmt.persen(total['porsi_silpa'])})."})
    cards.extend(progress_cards(ctx))
    mutu = res.scales.get(t.settings.skala_mutu_ikm)
    for s in surveys:
        if present(s.get("ikm")):
            cards.append({"judul": f"Kepuasan masyarakat {s['tahun']}", "angka": fmt.angka(s["ikm"]),
                          "status": f"mutu {s['mutu']} · {s['kinerja']}", "kelas": status_class(mutu, s["mutu"]),
                          "teks": f"Indeks Kepuasan Masyarakat (25–100) untuk {s['layanan']}."})
    return cards


def progress_cards(ctx: PageContext) -> list[dict]:
    """While the year runs: where it stands at its latest reported quarter (compute.triwulan)."""
    res, year, quarter = ctx.res, ctx.year, ctx.common["triwulan_terakhir"]
    if not ctx.common["berjalan"] or not quarter:
        return []
    cards = []
    s = progress_summary(res.triwulan, year, quarter)
    sd = TRIWULAN[quarter]
    if s["indikator"]:
        cards.append({"judul": f"Progres s.d. {sd} {year}", "angka": f"{s['sesuai']} dari {s['indikator']}",
                      "status": "sesuai rencana", "kelas": Markup(""),
                      "teks": f"indikator memenuhi target Rencana Aksi s.d. {sd}; {s['tertinggal']} tertinggal"
                              + (f", {s['belum_dilaporkan']} belum melapor" if s["belum_dilaporkan"] else "") + "."})
    budget = res.anggaran_triwulan
    if budget is not None and len(budget):
        total = budget[(budget["tahun"] == year) & (budget["triwulan"] == quarter) & (budget["tingkat"] == "total")]
        if len(total) and present(total.iloc[0]["serapan_sd"]):
            r = total.iloc[0]
            cards.append({"judul": f"Serapan anggaran s.d. {sd} {year}", "angka": fmt.persen(r["serapan_sd"]),
                          "status": "", "kelas": Markup(""),
                          "teks": f"{fmt.rupiah_singkat(r['realisasi_sd'])} terpakai dari pagu {fmt.rupiah_singkat(r['pagu'])}."})
    return cards


def _sasaran_progress(progress: pd.DataFrame | None, sasaran: str, year: int, quarter: int | None) -> str:
    """A sasaran's line in the running year's table: how many of its indicators are on track at the latest
    reported quarter (the same counts as the progress card, restricted to the sasaran)."""
    if progress is None or not quarter:
        return f"belum ada realisasi {year}"
    s = progress_summary(progress[progress["sasaran"] == sasaran], year, quarter)
    if not s["indikator"]:
        return f"belum ada realisasi {year}"
    return f"{s['sesuai']} dari {s['indikator']} indikator sesuai rencana"


def _root(nodes: pd.DataFrame) -> str | None:
    roots = nodes[nodes["tingkat"] == "tujuan"]["id"]
    return roots.iloc[0] if len(roots) else None


def build(ctx: PageContext) -> PageSet:
    t, res, year = ctx.t, ctx.res, ctx.year
    files: dict[str, str] = {}
    cap = res.capaian
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    nodes = t["node"]
    summaries = {r["sasaran"]: r for r in res.sasaran[res.sasaran["tahun"] == year].to_dict("records")}
    # Home charts: capaian of each sasaran's own active indicators this year (those its average uses).
    active = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["node"] == cap["sasaran"])]
    sasaran = []
    for s in nodes[nodes["tingkat"] == "sasaran"].to_dict("records"):
        summary = summaries.get(s["id"])
        item = {**s, "halaman": Markup(sasaran_path(s["id"])),
                "rata_rata": summary["rata_rata"] if summary else None,
                "serapan": summary["serapan"] if summary else None, "grafik": None}
        mine = active[active["sasaran"] == s["id"]]
        order = [i for i in t["indikator"]["id"] if i in set(mine["indikator"])]
        frame = pd.DataFrame([{"nama": names[i], **mine[mine["indikator"] == i][["capaian", "tercapai"]].iloc[0].to_dict()}
                              for i in order])
        if len(frame) and frame["capaian"].notna().any():  # a running year has targets, no capaian yet
            placed = charts.embed(charts.capaian_sasaran(
                charts.slug("capaian", s["id"]), f"Sasaran {s['nomor'] or s['id']}: {s['nama']}", frame, year,
                item["rata_rata"]), PATH, ctx.options.static_svg)
            files.update(placed.files)
            item["grafik"] = placed.html
        sasaran.append(item)
    found = res.ringkasan[res.ringkasan["tahun"] == year] if len(res.ringkasan) else res.ringkasan
    overall = found.iloc[0].to_dict() if len(found) else None
    quarter = ctx.common["triwulan_terakhir"]
    running = ctx.common["berjalan"] and overall is None  # no annual capaian yet: the quarters are the answer
    if running:
        for item in sasaran:
            item["progres"] = _sasaran_progress(res.triwulan, item["id"], year, quarter)
    excluded = "; ".join(names[i] for i in (overall or {}).get("dikecualikan", "").split("; ") if i in names)
    surveys = res.ikm[res.ikm["tahun"] == year].to_dict("records") if len(res.ikm) else []
    for v in surveys:
        scores = [(NAMA_UNSUR[u], v.get(f"nrr_{u}")) for u in NAMA_UNSUR]
        v["grafik"] = None
        if any(present(n) for _, n in scores):
            placed = charts.embed(charts.nrr_unsur(
                charts.slug("nrr", v["survei"]), f"Nilai per unsur pelayanan: {v['layanan']} {v['tahun']}",
                pd.DataFrame(scores, columns=["unsur", "nrr"]), v["ikm"], v["mutu"]), PATH, ctx.options.static_svg)
            files.update(placed.files)
            v["grafik"] = placed.html
    lines = res.anggaran[(res.anggaran["tahun"] == year) & (res.anggaran["tingkat"] != "jenis_belanja")]
    total = next((r for r in lines.to_dict("records") if r["id"] == _root(nodes)), {})
    progress = res.triwulan is not None and bool((res.triwulan["tahun"] == year).any())
    page = ctx.env.get_template("beranda.md.j2").render(
        sasaran=sasaran, ringkasan=overall, dikecualikan=excluded, total=total,
        kartu=headline_cards(ctx, overall, excluded, total, surveys), survei=surveys,
        kosong=f"belum ada realisasi {year}" if running else "–", berjalan_tanpa_capaian=running,
        sd=TRIWULAN[quarter] if running and quarter else None,
        progres=Markup(triwulan_path) if progress else None, **ctx.common)
    return PageSet(pages={PATH: page, **files}, nav=[{"Beranda": PATH}])
