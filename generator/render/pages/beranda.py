"""The home page (`index.md`): the answers a citizen looks for first (average capaian, indicators met,
budget absorption, satisfaction), a chart per sasaran and per survey."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from generator import contract, fmt
from generator.domain import pohon as pohon_vocab
from generator.domain.ikm import NAMA_UNSUR
from generator.domain.tree import LEVELS
from generator.domain.values import present
from generator.render import charts
from generator.render.context import PageContext, PageSet
from generator.render.pages.sasaran import page_path as sasaran_path
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
    mutu = res.scales.get(t.settings.skala_mutu_ikm)
    for s in surveys:
        if present(s.get("ikm")):
            cards.append({"judul": f"Kepuasan masyarakat {s['tahun']}", "angka": fmt.angka(s["ikm"]),
                          "status": f"mutu {s['mutu']} · {s['kinerja']}", "kelas": status_class(mutu, s["mutu"]),
                          "teks": f"Indeks Kepuasan Masyarakat (25–100) untuk {s['layanan']}."})
    return cards


def _root(nodes: pd.DataFrame) -> str | None:
    roots = nodes[nodes["tingkat"] == "tujuan"]["id"]
    return roots.iloc[0] if len(roots) else None


def tree_only(ctx: PageContext) -> PageSet:
    """A package without realisasi (a performance tree, perhaps with targets): the home page says plainly that
    performance data has not been published and leads to the tree."""
    tree = ctx.res.pohon
    kind = "kondisi" if (tree["pohon"] == "kondisi").any() else "nomenklatur"
    nodes = tree[tree["pohon"] == kind]
    found = nodes["jenis"].fillna("tanpa_jenis").value_counts().to_dict()
    order = (*pohon_vocab.JENIS_KONDISI, *LEVELS, "tanpa_jenis")
    counts = {k: int(found[k]) for k in order if k in found}
    page = ctx.env.get_template("beranda_pohon.md.j2").render(
        jenis=kind, jumlah=counts, simpul=len(nodes), lintas=int(nodes["lintas"].sum()) if len(nodes) else 0,
        indikator=int((ctx.res.pohon_indikator["pohon"] == kind).sum()), target=len(ctx.t["target"]),
        komposit=ctx.t["komponen_indikator"]["indikator"].nunique(),
        akar=nodes[nodes["induk"].isna()]["nama"].tolist()[:1], **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Beranda": PATH}])


def build(ctx: PageContext) -> PageSet:
    if not contract.publishes_performance(ctx.t.descriptor):
        return tree_only(ctx)
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
        if len(frame):
            placed = charts.embed(charts.capaian_sasaran(
                charts.slug("capaian", s["id"]), f"Sasaran {s['nomor'] or s['id']}: {s['nama']}", frame, year,
                item["rata_rata"]), PATH, ctx.options.static_svg)
            files.update(placed.files)
            item["grafik"] = placed.html
        sasaran.append(item)
    found = res.ringkasan[res.ringkasan["tahun"] == year] if len(res.ringkasan) else res.ringkasan
    overall = found.iloc[0].to_dict() if len(found) else None
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
    page = ctx.env.get_template("beranda.md.j2").render(
        sasaran=sasaran, ringkasan=overall, dikecualikan=excluded, total=total,
        kartu=headline_cards(ctx, overall, excluded, total, surveys), survei=surveys, **ctx.common)
    return PageSet(pages={PATH: page, **files}, nav=[{"Beranda": PATH}])
