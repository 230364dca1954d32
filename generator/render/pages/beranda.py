"""The home page (`index.md`): the answers a citizen looks for first (average capaian, indicators met,
budget absorption, satisfaction), a chart per sasaran and per survey."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup, escape

from generator import contract, fmt
from generator.compute.triwulan import progress_summary, sasaran_progress
from generator.domain import pohon as pohon_vocab
from generator.domain.dates import data_date
from generator.domain.ikm import NAMA_UNSUR
from generator.domain.tree import LEVELS
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present, row_dicts
from generator.render import charts
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import html_link
from generator.render.lookup import Lookup
from generator.render.pages.indikator import page_path as indicator_path
from generator.render.pages.konsistensi import ANCHOR as KONSISTENSI_ANGKA, PATH as KONSISTENSI
from generator.render.pages.sasaran import page_path as sasaran_path
from generator.render.pages.triwulan import PATH as triwulan_path
from generator.render.values import status_class
from generator.render.words import NO_INDICATOR, serapan_text, summed_from

PATH = "index.md"
# The home page's navigation title; a part of a larger portal (a kabupaten portal's member, an archive year)
# lists its home under the part's name as its summary: the portal's own home is "Beranda" (publish/nav.part_nav).
NAV_TITLE = "Beranda"
MEMBER_NAV_TITLE = "Ringkasan"


def _names(ids, names: dict) -> str:
    return "; ".join(names[i] for i in ids if i in names)


def _printed_note(overall: dict, istilah: Istilah) -> Markup | None:
    """Where the report printed another average: that it did, and why, with the consistency note."""
    printed = overall.get("rata_rata_tercetak")
    if not present(printed) or fmt.persen(printed) == fmt.persen(overall["rata_rata"]):
        return None
    why = ("karena laporan membulatkan capaian tiap indikator sebelum merata-ratakannya"
           if present(overall.get("rata_rata_dari_tercetak")) and fmt.persen(overall["rata_rata_dari_tercetak"]) ==
           fmt.persen(printed) else "dengan cara hitung lain")
    link = html_link(f"{KONSISTENSI}#{KONSISTENSI_ANGKA}", PATH)
    return Markup(f"Laporan mencetak {escape(fmt.persen(printed))}, {why} "
                  f'(<a href="{link}">Catatan konsistensi</a>).')


def headline_cards(ctx: PageContext, overall, total: dict, surveys: list[dict], istilah: Istilah) -> list[dict]:
    """The answers a citizen looks for first, each with a status colour and one short line on what it is
    made of: how many indicators, which are earlier measurements used again, which have no data yet, and
    where the report printed another figure."""
    t, res, year = ctx.t, ctx.res, ctx.year
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    cards = []
    category = res.scales.get(t.settings.skala_kategori_capaian)
    if overall and present(overall.get("rata_rata")):
        counted = overall["jumlah"] - overall["tanpa_data"]
        carried = [i for i in str(overall.get("dibawa_indikator") or "").split("; ") if i]
        parts = [Markup(f"Rata-rata {istilah('capaian')} {counted} dari {overall['jumlah']} {istilah('iku')}.")]
        if carried:
            parts.append(Markup(f" {len(carried)} di antaranya {istilah('dibawa', 'nilai tahun sebelumnya yang dipakai lagi')}:"
                                f" {escape(_names(carried, names))}."))
        provisional = [i for i in str(overall.get("sementara_indikator") or "").split("; ") if i]
        if provisional:
            parts.append(Markup(f" {len(provisional)} di antaranya {istilah('sementara', 'angka sementara')} yang masih "
                                f"dapat berubah: {escape(_names(provisional, names))}."))
        if (capped := Lookup(ctx).capped(year)) is not None:
            parts.append(Markup(f" {escape(capped[0].upper() + capped[1:])}."))
        if overall["tanpa_data"]:
            parts.append(Markup(f" {istilah('belum_tersedia', 'Belum ada data')}, tidak dihitung sebagai 0: "
                                f"{escape(_names(overall['dikecualikan'].split('; '), names))}."))
        cards.append({"judul": f"Capaian kinerja {year}", "angka": fmt.persen(overall["rata_rata"]),
                      # a capaian below the scale's floor (a negative realisasi) has no category: none is shown
                      "status": f"{overall['kategori']} · {overall['interpretasi']}" if present(overall["kategori"]) else "",
                      "kelas": status_class(category, overall["kategori"]), "teks": Markup("").join(parts),
                      "catatan": _printed_note(overall, istilah)})
        cap = res.capaian
        active = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["iku"] == True) & cap["capaian"].notna()]  # noqa: E712
        worst = active.loc[active["capaian"].idxmin(), "kategori"] if len(active) else None
        worst = worst if present(worst) else None
        cards.append({"judul": "Indikator tercapai",
                      "angka": f"{overall['tercapai']} dari {counted}",
                      "status": f"kategori terendah: {worst}" if worst else "",
                      "kelas": status_class(category, worst),
                      "teks": f"IKU yang sudah ada datanya dan mencapai target (capaian 100% atau lebih); "
                              f"{overall['tidak_tercapai']} tidak tercapai.", "catatan": None})
    if total and present(total.get("serapan")):
        cards.append({"judul": f"Serapan anggaran {year}", "angka": serapan_text(total["serapan"], total["pagu"]), "status": "",
                      "kelas": Markup(""),
                      "teks": Markup(f"{escape(fmt.rupiah_singkat(total['realisasi']))} dibelanjakan dari "
                                     f"{istilah('pagu')} {escape(fmt.rupiah_singkat(total['pagu']))}; sisa "
                                     f"{escape(fmt.rupiah_singkat(total['silpa']))} ({escape(fmt.persen(total['porsi_silpa']))})."),
                      "catatan": None})
    cards.extend(progress_cards(ctx, istilah))
    mutu = res.scales.get(t.settings.skala_mutu_ikm)
    for s in surveys:
        if present(s.get("ikm")):
            cards.append({"judul": f"Kepuasan masyarakat {s['tahun']}: {s['layanan']}", "angka": fmt.angka(s["ikm"]),
                          "status": f"mutu {s['mutu']} · {s['kinerja']}" if present(s["mutu"]) else "",
                          "kelas": status_class(mutu, s["mutu"]),
                          "teks": Markup(f"{istilah('ikm', 'Indeks Kepuasan Masyarakat')}, skala 25–100"
                                         + (f", dari {escape(fmt.angka(s['responden'], 0))} responden."
                                            if present(s.get("responden")) else ".")),
                          "catatan": None})
    return cards


def progress_cards(ctx: PageContext, istilah: Istilah) -> list[dict]:
    """While the year runs: where it stands at its latest reported quarter (compute.triwulan)."""
    res, year, quarter = ctx.res, ctx.year, ctx.common["triwulan_terakhir"]
    if not ctx.common["berjalan"] or not quarter:
        return []
    cards = []
    s = progress_summary(res.triwulan, year, quarter)
    sd = TRIWULAN[quarter]
    if s["indikator"]:
        cards.append({"judul": f"Progres s.d. {sd} {year}", "angka": f"{s['sesuai']} dari {s['indikator']}",
                      "status": "sesuai rencana", "kelas": Markup(""), "catatan": None,
                      "teks": Markup(f"indikator memenuhi target Rencana Aksi s.d. {istilah('triwulan', sd)}; "
                                     f"{s['tertinggal']} tertinggal"
                                     + (f", {s['belum_dilaporkan']} belum melapor" if s["belum_dilaporkan"] else "")
                                     + (f", {s['belum_dihitung']} belum dapat dihitung karena ada triwulan sebelumnya "
                                        "yang belum dilaporkan" if s["belum_dihitung"] else "") + ".")})
    # the budget stands at its own latest quarter with spending, which can be behind the indicators'; its total is
    # the Anggaran page's (`Lookup.total_to_date`)
    lk = Lookup(ctx)
    if lk.budget_quarter:
        r = lk.total_to_date()
        title = f"Serapan anggaran s.d. {TRIWULAN[lk.budget_quarter]} {year}"
        if present(r["serapan_sd"]):
            cards.append({"judul": title, "angka": fmt.persen(r["serapan_sd"]), "status": "", "kelas": Markup(""),
                          "catatan": None,
                          "teks": f"{fmt.rupiah_singkat(r['realisasi_sd'])} terpakai dari pagu {fmt.rupiah_singkat(r['pagu'])}."})
        elif (why := lk.spending_unknown(r["id"])) is not None:
            # spending reported, but not for every quarter up to this one: said, not left off the page
            cards.append({"judul": title, "angka": "–", "status": "", "kelas": Markup(""), "catatan": None,
                          "teks": f"Serapan {why} (tidak dianggap 0)."})
    return cards


def _tujuan(ctx: PageContext, files: dict[str, str]) -> list[dict]:
    """The tujuan that carry indicators of their own in force this year (a kabupaten's or an agency's
    outcome indicators, above its sasaran): each with its indicators, their capaian and a chart as a sasaran
    has. The home page's average counts these IKU; without this section they were counted and shown nowhere
    on it."""
    t, res, year = ctx.t, ctx.res, ctx.year
    cap = res.capaian
    nodes = t["node"]
    ids = set(nodes.loc[nodes["tingkat"] == "tujuan", "id"])
    active = cap[(cap["tahun"] == year) & cap["berlaku"] & cap["node"].isin(ids)]
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    out = []
    for u in row_dicts(nodes[nodes["id"].isin(set(active["node"]))]):
        mine = {r["indikator"]: r for r in row_dicts(active[active["node"] == u["id"]])}
        order = [i for i in t["indikator"]["id"] if i in mine]
        item = {**u, "grafik": None,
                "indikator": [{"nama": names[i], "tautan": Markup(indicator_path(i)), "capaian": mine[i]["capaian"],
                               "iku": bool(mine[i]["iku"])} for i in order]}
        frame = pd.DataFrame([{"nama": names[i], **{k: mine[i][k] for k in ("capaian", "tercapai", "status_realisasi")}}
                              for i in order])
        if frame["capaian"].notna().any():
            placed = charts.embed(charts.capaian_sasaran(
                charts.slug("capaian", u["id"]), f"Tujuan {u['nomor'] or u['id']}: {u['nama']}", frame, year),
                PATH, ctx.options.static_svg, ctx.env)
            files.update(placed.files)
            item["grafik"] = placed.html
        out.append(item)
    return out


def _sasaran_progress(progress: pd.DataFrame | None, sasaran: str, year: int, quarter: int | None,
                      targeted: bool = True) -> str:
    """A sasaran's line in the running year's table: how many of its indicators are on track at the latest
    reported quarter (the same counts as the progress card, restricted to the sasaran). Without progress, a
    sasaran whose indicators have no target of the year says so: "belum ada realisasi" read as a report
    still to come."""
    s = sasaran_progress(progress, sasaran, year, quarter)
    if s:
        return f"{s['sesuai']} dari {s['indikator']} indikator sesuai rencana"
    return f"belum ada realisasi {year}" if targeted else f"belum ada target {year}"


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
        # the top of the tree: its outcome(s), never a cross-cutting condition shared with other agencies
        akar=nodes[nodes["induk"].isna() & ~nodes["lintas"].astype(bool)]["nama"].tolist(), **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{NAV_TITLE: PATH}])


def build(ctx: PageContext) -> PageSet:
    if not contract.publishes_performance(ctx.t.descriptor):
        return tree_only(ctx)
    t, res, year = ctx.t, ctx.res, ctx.year
    files: dict[str, str] = {}
    cap = res.capaian
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    nodes = t["node"]
    summaries = {r["sasaran"]: r for r in row_dicts(res.sasaran[res.sasaran["tahun"] == year])}
    # Home charts: capaian of each sasaran's own active indicators this year (those its average uses).
    active = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["node"] == cap["sasaran"])]
    sasaran = []
    # a sasaran no indicator serves is not waiting for data: the table says so ("belum ada realisasi" misled)
    served = Lookup(ctx).served
    for s in row_dicts(nodes[nodes["tingkat"] == "sasaran"]):
        summary = summaries.get(s["id"])
        item = {**s, "halaman": Markup(sasaran_path(s["id"])), "tanpa_indikator": s["id"] not in served,
                "rata_rata": summary["rata_rata"] if summary else None,
                "serapan": summary["serapan"] if summary else None, "pagu": summary["pagu"] if summary else None,
                "grafik": None,
                "serapan_dijumlah": summed_from(summary["serapan_dijumlah"], summary["serapan_dijumlah_tingkat"])
                if summary else None,
                "dibawa": int(summary["dibawa"]) if summary and present(summary.get("dibawa")) else 0}
        mine = active[active["sasaran"] == s["id"]]
        order = [i for i in t["indikator"]["id"] if i in set(mine["indikator"])]
        frame = pd.DataFrame([{"nama": names[i], **mine[mine["indikator"] == i][["capaian", "tercapai", "status_realisasi"]]
                               .iloc[0].to_dict()} for i in order])
        if len(frame) and frame["capaian"].notna().any():  # a running year has targets, no capaian yet
            placed = charts.embed(charts.capaian_sasaran(
                charts.slug("capaian", s["id"]), f"Sasaran {s['nomor'] or s['id']}: {s['nama']}", frame, year,
                item["rata_rata"]), PATH, ctx.options.static_svg, ctx.env)
            files.update(placed.files)
            item["grafik"] = placed.html
        sasaran.append(item)
    tujuan = _tujuan(ctx, files)
    found = res.ringkasan[res.ringkasan["tahun"] == year] if len(res.ringkasan) else res.ringkasan
    overall = found.iloc[0].to_dict() if len(found) else None
    quarter = ctx.common["triwulan_terakhir"]
    running = ctx.common["berjalan"] and overall is None  # no annual capaian yet: the quarters are the answer
    if running:
        # the sasaran some indicator has a target of the year for, annual or quarterly, its own or beneath it
        lk = Lookup(ctx)
        of = {i["id"]: lk.sasaran_of.get(i["node"]) for i in lk.indicators}
        quarterly = t["target_triwulan"]
        targeted = set(cap.loc[cap["tahun"] == year, "sasaran"]) | \
            {of.get(i) for i in quarterly.loc[quarterly["tahun"] == year, "indikator"]}
        for item in sasaran:
            item["progres"] = NO_INDICATOR if item["tanpa_indikator"] else \
                _sasaran_progress(res.triwulan, item["id"], year, quarter, targeted=item["id"] in targeted)
    surveys = row_dicts(res.ikm[res.ikm["tahun"] == year]) if len(res.ikm) else []
    for v in surveys:
        scores = [(NAMA_UNSUR[u], v.get(f"nrr_{u}")) for u in NAMA_UNSUR]
        v["grafik"] = None
        if any(present(n) for _, n in scores):
            placed = charts.embed(charts.nrr_unsur(
                charts.slug("beranda-nrr", v["survei"]), f"Nilai per unsur pelayanan: {v['layanan']} {v['tahun']}",
                pd.DataFrame(scores, columns=["unsur", "nrr"]), v["ikm"], v["mutu"]), PATH, ctx.options.static_svg, ctx.env)
            files.update(placed.files)
            v["grafik"] = placed.html
    lines = res.anggaran[(res.anggaran["tahun"] == year) & (res.anggaran["tingkat"] != "jenis_belanja")]
    total = next((r for r in row_dicts(lines) if r["tingkat"] == "total"), {})  # budget_lines: one a year
    istilah = Istilah(PATH, ctx.common["glosarium"], ctx.env)
    progress = res.triwulan is not None and bool((res.triwulan["tahun"] == year).any())
    page = ctx.env.get_template("beranda.md.j2").render(
        sasaran=sasaran, tujuan=tujuan, ringkasan=overall, total=total,
        kartu=headline_cards(ctx, overall, total, surveys, istilah), survei=surveys, istilah=istilah,
        tanggal_data=fmt.tanggal(data_date(t)) if data_date(t) else None,
        kosong=f"belum ada realisasi {year}" if running else "–", tanpa_indikator=NO_INDICATOR,
        berjalan_tanpa_capaian=running,
        serapan_ada=any(present(s["serapan"]) for s in sasaran),
        sd=TRIWULAN[quarter] if running and quarter else None,
        progres=Markup(triwulan_path) if progress else None, **ctx.common)
    return PageSet(pages={PATH: page, **files}, nav=[{NAV_TITLE: PATH}])
