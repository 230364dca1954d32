"""One page per indicator (`indikator/<id>.md`): what it measures, its history as a chart (realisasi per
year against the targets and the Renstra end target), every target and realisasi, and where each figure
comes from (resource, spreadsheet row, table in the report), so an auditor can trace it."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from generator import fmt
from generator.domain import pohon as pohon_vocab
from generator.domain.values import present
from generator.load import ROW
from generator.render import charts
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.escape import title_text
from generator.render.links import md_link, provenance
from generator.render.lookup import Lookup
from generator.render.metadata import msind_section
from generator.render.pohon_teks import nomenklatur_page
from generator.render.values import same_text, series_label, target_text
from generator.compute.targets import PLAN_ONLY
from generator.compute.triwulan import COUNTED, DIGANTI, earlier_missing
from generator.domain.triwulan import TRIWULAN
from generator.render.words import (AKUMULASI, BELUM_TERSEDIA, JENIS_DOKUMEN, JENIS_TARGET, LEVEL, PEMILIK, POLARITAS,
                                    achievement, status_progres, status_realisasi)


def page_path(indicator_id: str) -> str:
    return f"indikator/{indicator_id}.md"



def _target_rows(lk: Lookup, ind: dict, path: str) -> list[dict]:
    """Every target row of the indicator, with whether it applies and why."""
    t = lk.t
    rows = list(lk.targets.get(ind["id"], []))
    doc_rank = {d: n for n, d in enumerate(lk.docs)}
    rows.sort(key=lambda r: (r["tahun"], r["jenis"] != "tahunan", doc_rank.get(r["dokumen"], len(doc_rank))))
    per_year: dict[int, int] = {}
    for r in rows:
        if r["jenis"] == "tahunan":
            per_year[r["tahun"]] = per_year.get(r["tahun"], 0) + 1
    order = ", ".join(JENIS_DOKUMEN.get(k, k) for k in lk.order)
    out = []
    for r in rows:
        c = lk.capaian_rows.get((ind["id"], r["tahun"], r["dokumen"]))
        replacement = lk.replaced_by.get(r["dokumen"])
        if r["jenis"] != "tahunan":
            status, why = "target akhir periode", "target pada akhir periode Renstra; dasar progres Renstra"
        elif lk.docs.get(r["dokumen"], {}).get("jenis") in PLAN_ONLY:
            status = "rencana aksi"
            why = "jumlah tahunan dalam Rencana Aksi: pembanding target triwulannya, bukan target yang berlaku"
        elif c is not None and c["dipilih"] and c["berlaku"]:
            status = "berlaku"
            why = (f"didahulukan menurut urutan dokumen ({order})" if per_year[r["tahun"]] > 1
                   else "satu-satunya target tahun ini")
        elif c is not None and c["dipilih"]:
            status = "sudah diganti"
            why = (f"dokumennya diganti oleh {lk.doc_title(replacement)}" if replacement else "dokumennya sudah diganti") + \
                  "; indikator ini tidak lagi menjadi janji kinerja tahun itu dan tidak ikut rata-rata"
        elif replacement:
            status, why = "sudah diganti", f"dokumennya diganti oleh {lk.doc_title(replacement)}"
        else:
            chosen = lk.chosen.get((ind["id"], r["tahun"]))
            status = "tidak dipakai"
            why = f"target dari {lk.doc_title(chosen['dokumen'])} didahulukan" if chosen else "tidak dipakai"
        shown = lk.target(ind, r)
        out.append({"tahun": r["tahun"], "dokumen": lk.doc_title(r["dokumen"]), "nilai": shown,
                    "tercetak": r["label"] if present(r["label"]) and not same_text(r["label"], shown) else None,
                    "status": status, "alasan": why,
                    "asal": provenance(t, "target", r[ROW], r["sumber"], path)})
    return out


def _realisasi_rows(lk: Lookup, ind: dict, path: str) -> list[dict]:
    t = lk.t
    rows = lk.realisations.get(ind["id"], [])
    out = []
    for r in rows:
        value = lk.value(ind, r["nilai"], r["label"]) if present(r["nilai"]) else "belum tersedia"
        computed = bool(r.get("dihitung"))  # a composite's realisasi, computed from its components
        out.append({"tahun": r["tahun"], "nilai": value,
                    "tercetak": r["label"] if present(r["label"]) and r["label"] != "-" and not same_text(r["label"], value) else None,
                    "status": status_realisasi(r["status"]), "catatan": r["catatan"] if present(r["catatan"]) else None,
                    "asal": None if computed else provenance(t, "realisasi", r[ROW], r["sumber"], path),
                    "rincian": r["rincian"] if computed else None})
    return out


def _composite(lk: Lookup, ind: dict, path: str) -> dict | None:
    """A composite indicator's formula and components, or the composites this indicator is a component of."""
    mine, part_of = lk.components.get(ind["id"], []), lk.part_of.get(ind["id"], [])
    if not mine and not part_of:
        return None
    names = {r["komponen"]: lk.by_id[r["komponen"]]["nama"] for r in mine if r["komponen"] in lk.by_id}
    return {"rumus": pohon_vocab.formula(pohon_vocab.composite_parts(mine)[ind["id"]]) if mine else None,
            "komponen": [{"simbol": r["simbol"] if present(r["simbol"]) else None, "bobot": fmt.angka(r["bobot"], None),
                          "nama": names.get(r["komponen"], r["komponen"]),
                          "tautan": md_link(page_path(r["komponen"]), path)} for r in mine],
            "bagian_dari": [{"simbol": r["simbol"] if present(r["simbol"]) else None, "bobot": fmt.angka(r["bobot"], None),
                             "nama": lk.by_id[r["indikator"]]["nama"] if r["indikator"] in lk.by_id else r["indikator"],
                             "tautan": md_link(page_path(r["indikator"]), path)} for r in part_of]}


def _owner(lk: Lookup, ind: dict) -> dict | None:
    """Who owns the indicator and at which level, from the tree model (`compute/pohon.py`)."""
    mine = lk.owners.get(ind["id"])
    if not mine:
        return None
    r = mine[0]
    return {"level": LEVEL.get(r["level"]) if present(r["level"]) else None,
            "level_peta": r["level_dari"] == "peta",
            "pemilik": PEMILIK.get(r["pemilik"]) if present(r["pemilik"]) else None,
            "jabatan": r["jabatan"] if present(r["jabatan"]) else None}


def _capaian_rows(lk: Lookup, ind: dict) -> list[dict]:
    """Per year up to the report year: the applicable target against the realisasi. Later years have
    targets only; they are listed with every other target."""
    years = sorted(y for y in {r["tahun"] for r in lk.targets.get(ind["id"], []) if r["jenis"] == "tahunan"}
                   | {r["tahun"] for r in lk.realisations.get(ind["id"], [])} if lk.year is None or y <= lk.year)
    out = []
    for y in years:
        s = lk.status(ind, y)
        tg = lk.chosen.get((ind["id"], y))
        out.append({
            "tahun": y, "target": s["target"] or "–", "dokumen": lk.doc_title(tg["dokumen"]) if tg else None,
            "realisasi": s["realisasi"] or "belum tersedia",
            "capaian": fmt.persen(s["capaian"]) if s["capaian"] is not None else "belum tersedia",
            "kategori": f"{s['kategori']} ({s['interpretasi']})" if s["kategori"] and s["interpretasi"] else s["kategori"],
            "predikat": tg["predikat"] if tg and present(tg["predikat"]) and tg["predikat"] != s["realisasi"] else None,
            "tren": tg["tren"] if tg and present(tg["tren"]) else None,
            "progres": fmt.persen(tg["progres_renstra"]) if tg and present(tg["progres_renstra"]) else None,
            "diganti": bool(tg is not None and not tg["berlaku"]),
            "tercapai": s["tercapai"], "kode": s["kategori"],
        })
    return out


def _category_not_met(rows: list[dict]) -> dict | None:
    """The latest year whose capaian has a category but did not meet its target (95,89%: AA, yet not
    tercapai): a reader sees both words on one line and needs to be told they measure different things."""
    return next((r for r in reversed(rows) if r["kode"] and present(r["tercapai"]) and not bool(r["tercapai"])), None)


def _renstra(lk: Lookup, ind: dict) -> dict | None:
    """The whole Renstra period: the Renstra's target for each year, the realisasi so far, whether each
    year met its applicable target, and the end-of-period target with the progress towards it."""
    if lk.year is None:  # a tree-only package: no report year, no performance published
        return None
    docs = lk.docs
    doc = docs.get(ind["renstra"]) if present(ind["renstra"]) else None
    if doc is None or doc["jenis"] != "renstra":
        own = [docs[r["dokumen"]] for r in lk.targets.get(ind["id"], [])
               if r["dokumen"] in docs and docs[r["dokumen"]]["jenis"] == "renstra"
               and docs[r["dokumen"]]["tahun_mulai"] <= lk.year <= docs[r["dokumen"]]["tahun_selesai"]]
        doc = own[0] if own else None
    if doc is None:
        return None
    plan = {r["tahun"]: r for r in lk.targets.get(ind["id"], []) if r["dokumen"] == doc["id"] and r["jenis"] == "tahunan"}
    end = next((r for r in lk.targets.get(ind["id"], []) if r["dokumen"] == doc["id"] and r["jenis"] == "akhir_periode"), None)
    rows, last = [], None
    for y in range(int(doc["tahun_mulai"]), int(doc["tahun_selesai"]) + 1):
        r = plan.get(y)
        s = lk.status(ind, y) if y <= lk.year else None
        tg = lk.chosen.get((ind["id"], y))
        if s and s["realisasi"]:
            last = {"tahun": y, "realisasi": s["realisasi"],
                    "progres": fmt.persen(tg["progres_renstra"]) if tg and present(tg["progres_renstra"]) else None}
            state = f"{achievement(s['tercapai'])}" + (f" ({fmt.persen(s['capaian'])})" if s["capaian"] is not None else "")
        elif y < lk.year or (y == lk.year and not lk.running):
            state = BELUM_TERSEDIA
        elif y == lk.year:
            state = f"belum ada realisasi {y} (tahun berjalan)"
        else:
            state = "tahun mendatang"
        rows.append({"tahun": y, "target": lk.target(ind, r) if r else "–",
                     "realisasi": s["realisasi"] if s and s["realisasi"] else "–", "keterangan": state,
                     "kini": y == lk.year})
    if not plan and end is None:
        return None
    first, last_year = int(doc["tahun_mulai"]), int(doc["tahun_selesai"])
    return {"judul": doc["judul"], "mulai": first, "selesai": last_year, "baris": rows,
            "periode": str(first) if first == last_year else f"{first}–{last_year}",  # one year: "2025", not "2025–2025"
            "sampai": min(lk.year, int(doc["tahun_selesai"])),
            "akhir": {"tahun": end["tahun"], "nilai": lk.target(ind, end)} if end else None,
            "terakhir": last}


def _quarters(lk: Lookup, ind: dict, latest: int | None) -> dict | None:
    """The report year's quarters: Rencana Aksi target, realisasi, both to date, status (compute.triwulan).
    `latest`: the package's latest reported quarter; a later one has simply not been reported yet, so only
    quarters up to it name an earlier quarter that keeps their figure to date unknown."""
    if lk.year is None:
        return None
    mine = [r for r in lk.quarters.get(ind["id"], []) if present(r["tahun"]) and r["tahun"] == lk.year]
    if not mine:
        return None
    first = mine[0]
    widest = series_label(ind, [r["target_label"] for r in mine] + [r["realisasi_label"] for r in mine])
    show = lambda v, label=None: lk.value(ind, v, label) if present(v) else "–"  # noqa: E731
    given = {int(r["triwulan"]): r["realisasi"] for r in mine}
    rows = [{"triwulan": TRIWULAN[int(r["triwulan"])],
             "target": r["target_label"] if present(r["target_label"]) else show(r["target"]),
             "target_sd": target_text(lk.scales, ind, r["target_sd"], widest, r["batas_atas_sd"])
             if present(r["target_sd"]) else "–",
             "realisasi": r["realisasi_label"] if present(r["realisasi_label"]) else show(r["realisasi"]),
             "realisasi_sd": show(r["realisasi_sd"], widest),
             "capaian_sd": fmt.persen(r["capaian_sd"]) if present(r["capaian_sd"]) else None,
             "status": status_progres(r["status"], earlier_missing(given, first["akumulasi"], int(r["triwulan"]))
                                      if latest and int(r["triwulan"]) <= latest else None)}
            for r in mine]
    # where the indicator stands at the package's latest quarter, for the page's one-line answer (the Progres
    # page's row): a running year's indicator said only "belum ada realisasi" above its quarterly realisasi
    at = next((row for r, row in zip(mine, rows) if latest and int(r["triwulan"]) == latest
               and r["status"] in COUNTED), None)
    return {"baris": rows, "kini": at, "dokumen": lk.doc_title(first["dokumen"]) if present(first["dokumen"]) else None,
            "akumulasi": AKUMULASI.get(first["akumulasi"]) if present(first["akumulasi"]) else None,
            "tahunan": first["target_tahunan_label"] if present(first["target_tahunan_label"]) else None,
            "diganti": first["status"] == DIGANTI,
            "ada_realisasi": any(present(r["realisasi"]) for r in mine)}


def _history_chart(ctx: PageContext, lk: Lookup, ind: dict, path: str, files: dict[str, str]) -> Markup | None:
    """Realisasi per year against the applicable target, every year with either (later Renstra years
    too: where the targets lead), and the Renstra end-of-period target as the last row. None where it
    would compare nothing, and for yes/no indicators (no scale worth drawing)."""
    years = sorted({y for (i, y) in lk.chosen if i == ind["id"]} | {y for (i, y) in lk.real if i == ind["id"]})
    points = []
    for y in years:
        tg, rl = lk.chosen.get((ind["id"], y)), lk.real.get((ind["id"], y))
        has_cap = tg is not None and present(tg["capaian"])
        points.append({"tahun": y, "target": tg["target"] if tg else None,
                       "realisasi": rl["nilai"] if rl and present(rl["nilai"]) else None,
                       "target_teks": lk.applied(ind, tg) if tg else "–",
                       "realisasi_teks": lk.value(ind, rl["nilai"], rl["label"]) if rl and present(rl["nilai"]) else "belum tersedia",
                       "capaian_teks": fmt.persen(tg["capaian"]) if has_cap else "belum tersedia",
                       "status": rl["status"] if rl else None})
    found = lk.end.get(ind["id"])
    end = {"tahun": found["tahun"], "nilai": found["nilai"], "teks": lk.target(ind, found)} if found else None
    drawable = ind["jenis_target"] != "ya_tidak" and (
        any(present(p["realisasi"]) for p in points) or sum(present(p["target"]) for p in points) > 1 or end)
    if not drawable or not points:
        return None
    placed = charts.embed(charts.target_realisasi(
        charts.slug("tren", ind["id"]), "Realisasi dan target per tahun", pd.DataFrame(points), ind["satuan"], end,
        nama=ind["nama"]), path, ctx.options.static_svg, ctx.env)
    files.update(placed.files)
    return placed.html


def _now(lk: Lookup, ind: dict) -> dict | None:
    """The report year's status in one line, for a reader who wants only the answer (None: a package without
    a report year, whose performance data is not published)."""
    if lk.year is None:
        return None
    s = lk.status(ind, lk.year)
    return {**s, "status_kata": status_realisasi(s["status"]),
            "capaian_teks": fmt.persen(s["capaian"]) if s["capaian"] is not None else None}


def indicator_page(ctx: PageContext, lk: Lookup, ind: dict, files: dict[str, str]) -> str:
    t = lk.t
    path = page_path(ind["id"])
    node = lk.nodes.get(ind["node"], {})
    sasaran_id = lk.sasaran_of.get(ind["node"])
    sasaran = lk.nodes.get(sasaran_id) if sasaran_id else None
    unit = lk.units.get(ind["unit"])
    replacement = lk.by_id.get(ind["diganti_oleh"]) if present(ind["diganti_oleh"]) else None
    replaces = [r for r in lk.indicators if r["diganti_oleh"] == ind["id"]]
    end = lk.end.get(ind["id"])
    scale = t["skala"][t["skala"]["id"] == ind["skala"]] if present(ind["skala"]) else t["skala"].iloc[0:0]
    tree = nomenklatur_page(ctx.res)
    rows = _capaian_rows(lk, ind)
    return ctx.env.get_template("indikator.md.j2").render(istilah=Istilah(path, ctx.common["glosarium"], ctx.env),
        ind=ind, simpul=node, simpul_label=lk.node_label(node) if node else "",
        sasaran=sasaran, sasaran_tautan=md_link(f"sasaran/{sasaran_id}.md", path) if sasaran else None,
        pohon_tautan=md_link(tree, path) + Markup(f"#pohon-{ind['node']}") if node else md_link(tree, path),
        polaritas=POLARITAS.get(ind["polaritas"], ind["polaritas"]),
        jenis_target=JENIS_TARGET.get(ind["jenis_target"], ind["jenis_target"]),
        skala=scale.iloc[0]["nama"] if len(scale) else None,
        unit=unit, renstra=lk.doc_title(ind["renstra"]) if present(ind["renstra"]) else None,
        pengganti={"nama": replacement["nama"], "tautan": md_link(page_path(replacement["id"]), path)} if replacement else None,
        digantikan=[{"nama": r["nama"], "tautan": md_link(page_path(r["id"]), path)} for r in replaces],
        target=_target_rows(lk, ind, path), realisasi=_realisasi_rows(lk, ind, path),
        komposit=_composite(lk, ind, path), pemilik=_owner(lk, ind),
        capaian=rows, kategori_belum=_category_not_met(rows), renstra_periode=_renstra(lk, ind), triwulan=_quarters(lk, ind, ctx.common["triwulan_terakhir"]),
        grafik=_history_chart(ctx, lk, ind, path, files),
        target_akhir=lk.target(ind, end) if end else None,
        kini=_now(lk, ind),
        asal=provenance(t, "indikator", ind[ROW], ind["sumber"], path),
        capaian_csv=md_link("data/capaian.csv", path), metodologi=md_link("metodologi.md", path),
        msind=msind_section(lk.msind.get(ind["id"], []), ind["id"], path, ctx.options.arsip),
        **ctx.common)


def nav_groups(lk: Lookup) -> list[dict]:
    """Indicators grouped by the sasaran they serve, in the order of the node table."""
    groups: dict[str, list] = {}
    for ind in lk.indicators:
        groups.setdefault(lk.sasaran_of.get(ind["node"]) or "", []).append(ind)
    nav = []
    for key in [n for n in lk.nodes if n in groups] + ([""] if "" in groups else []):
        node = lk.nodes.get(key)
        title = f"{lk.node_code(node) or key} {node['nama']}" if node else "Tujuan dan lainnya"
        nav.append({title_text(title): [
            {title_text(i["nama"] + (" (diganti)" if present(i["diganti_oleh"]) else "")): page_path(i["id"])}
            for i in groups[key]]})
    return nav


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    files: dict[str, str] = {}
    pages = {page_path(ind["id"]): indicator_page(ctx, lk, ind, files) for ind in lk.indicators}
    return PageSet(pages={**pages, **files}, nav=[{"Indikator": nav_groups(lk)}] if pages else [])
