"""One page per indicator (`indikator/<id>.md`): what it measures, every target and realisasi, and where
each figure comes from (resource, spreadsheet row, table in the report), so an auditor can trace it.

The helpers here (status of an indicator in a year, links to source CSVs, directory URLs) are shared
with the other page modules of this package, which is why they are public.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

import pandas as pd
from markupsafe import Markup

from generator import fmt
from generator.compute.capaian import ancestors, capped
from generator.load import ROW, Tables
from generator.pages import PageContext, PageSet
from generator.render import show_value, title_text

TINGKAT = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
           "sub_kegiatan": "Sub kegiatan"}
JENIS_DOKUMEN = {"pk_perubahan": "PK Perubahan", "pk": "Perjanjian Kinerja", "rkt": "RKT", "renstra": "Renstra",
                 "lkjip": "Laporan Kinerja", "rencana_aksi": "Rencana Aksi"}
POLARITAS = {"tinggi_lebih_baik": "makin tinggi makin baik", "rendah_lebih_baik": "makin rendah makin baik"}
JENIS_TARGET = {"angka": "angka", "rentang": "rentang nilai", "level": "level",
                "kategori": "kategori", "ya_tidak": "ya/tidak (ada/tidak ada)"}
# A realisasi status in words; "dibawa" is spelled out so a citizen need not guess what it means.
STATUS = {"final": "final", "sementara": "sementara (dapat berubah)",
          "dibawa": "nilai tahun sebelumnya dipakai lagi", "tidak_ada": "belum tersedia"}


def ada(v) -> bool:
    """A value is present: not None, NA or NaN."""
    return v is not None and v is not pd.NA and not (isinstance(v, float) and v != v)


def page_path(indicator_id: str) -> str:
    return f"indikator/{indicator_id}.md"


def md_link(target: str, from_page: str) -> Markup:
    """A relative Markdown link target between two source files (MkDocs rewrites and checks it).
    Marked safe: it is built from IDs (pattern `[a-z0-9._-]`) and percent-quoted package paths."""
    rel = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return Markup(quote(rel, safe="/._-#"))


def built_url(md_path: str) -> str:
    """The URL MkDocs serves a source file at, relative to the site root. mkdocs.yml sets
    use_directory_urls: true, so `a/b.md` is `a/b/` and `index.md` is the root; other files keep their path."""
    if not md_path.endswith(".md"):
        return md_path
    base = md_path[:-3]
    if base == "index":
        return ""
    return base[:-len("index")] if base.endswith("/index") else base + "/"


def html_link(target: str, from_page: str) -> Markup:
    """A relative href for raw HTML, which MkDocs neither rewrites nor checks: it must point at the
    built URL of `target` (a source path, optionally with #anchor) from the built URL of `from_page`."""
    path, _, anchor = target.partition("#")
    here, there = built_url(from_page), built_url(path)
    rel = posixpath.relpath(there or ".", here or ".")
    if rel == ".":
        rel = "./"
    elif there.endswith("/") or not there:
        rel += "/"
    return Markup(quote(rel + (f"#{anchor}" if anchor else ""), safe="/._-#"))


def source_csv(t: Tables, resource: str) -> str | None:
    """Where the build publishes a resource's CSV (`data/sumber/<path in the package>`), if it has one."""
    for res in t.descriptor.get("resources", []):
        if isinstance(res, dict) and res.get("name") == resource and isinstance(res.get("path"), str):
            return "data/sumber/" + res["path"].replace("\\", "/").removeprefix("./")
    return None


def provenance(t: Tables, resource: str, row, sumber, from_page: str) -> dict:
    """Where a figure comes from: the CSV (with a link), its spreadsheet row, and the report table."""
    path = source_csv(t, resource)
    return {"berkas": posixpath.basename(path) if path else f"{resource}.csv",
            "tautan": md_link(path, from_page) if path else None,
            "baris": int(row) if ada(row) else None, "sumber": sumber if ada(sumber) else None}


def target_text(t: Tables, ind: dict, value, label, upper=None) -> str:
    """A target as shown; a range target (jenis rentang) as 'low – high'."""
    shown = show_value(t, ind, value, label)
    if ind["jenis_target"] == "rentang" and ada(upper):
        shown = f"{shown} – {show_value(t, ind, upper, None)}"
    return shown


def same_text(printed, shown: str) -> bool:
    """Whether the printed label says what the page shows, ignoring spaces and the kind of dash."""
    def norm(x):
        return str(x).replace("–", "-").replace(" ", "")
    return norm(printed) == norm(shown)


class Lookup:
    """Indexes of the tables and results the indicator, tree and budget pages read again and again."""

    def __init__(self, ctx: PageContext):
        t, res = ctx.t, ctx.res
        self.t, self.res, self.year = t, res, ctx.year
        self.nodes = {r["id"]: r for r in t["node"].to_dict("records")}
        self.docs = {r["id"]: r for r in t["dokumen"].to_dict("records")}
        self.replaced_by = {r["menggantikan"]: r["id"] for r in self.docs.values() if ada(r["menggantikan"])}
        self.units = {r["id"]: r for r in t["unit_kerja"].to_dict("records")}
        self.indicators = t["indikator"].to_dict("records")
        self.by_id = {r["id"]: r for r in self.indicators}
        self.sasaran_of = ancestors(t["node"], "sasaran")
        cap = res.capaian
        self.chosen = {(r["indikator"], r["tahun"]): r for r in cap[cap["dipilih"]].to_dict("records")}
        self.capaian_rows = {(r["indikator"], r["tahun"], r["dokumen"]): r for r in cap.to_dict("records")}
        self.real = {(r["indikator"], r["tahun"]): r for r in t["realisasi"].to_dict("records")}
        self.sasaran_pages = {nid for nid, n in self.nodes.items() if n["tingkat"] == "sasaran"}
        self.targets: dict[str, list[dict]] = {}
        for r in t["target"].to_dict("records"):
            self.targets.setdefault(r["indikator"], []).append(r)
        self.realisations: dict[str, list[dict]] = {}
        for r in t["realisasi"].sort_values("tahun", kind="stable").to_dict("records"):
            self.realisations.setdefault(r["indikator"], []).append(r)
        self.order = t.settings.get("urutan_dokumen_target", [])

    def node_code(self, node: dict) -> str:
        """The code a reader finds in the report: the number of a tujuan/sasaran (1.1.1), the letter code
        of the report's budget table for the others (A.1), else whichever code the node has."""
        keys = ("nomor", "kode", "kode_laporan") if node["tingkat"] in ("tujuan", "sasaran") else \
            ("kode_laporan", "kode", "nomor")
        for key in keys:
            if ada(node.get(key)) and str(node[key]).strip():
                return str(node[key])
        return ""

    def node_label(self, node: dict) -> str:
        code = self.node_code(node)
        return f"{TINGKAT.get(node['tingkat'], node['tingkat'])} {code}".strip()

    def doc_title(self, doc_id) -> str:
        doc = self.docs.get(doc_id)
        if not doc:
            return str(doc_id)
        kind = JENIS_DOKUMEN.get(doc["jenis"])
        return f"{doc['judul']} ({kind})" if kind and kind.lower() not in doc["judul"].lower() else doc["judul"]

    def status(self, ind: dict, year: int) -> dict:
        """An indicator in a year, as the tree and lists show it: target, realisasi, capaian, kategori."""
        tg, rl = self.chosen.get((ind["id"], year)), self.real.get((ind["id"], year))
        has_cap = tg is not None and ada(tg["capaian"])
        return {
            "target": target_text(self.t, ind, tg["target"], tg["target_label"], tg["batas_atas"]) if tg else None,
            "realisasi": show_value(self.t, ind, rl["nilai"], rl["label"]) if rl and ada(rl["nilai"]) else None,
            "status": rl["status"] if rl else "tidak_ada",
            "capaian": float(tg["capaian"]) if has_cap else None,
            "kategori": tg["kategori"] if has_cap and ada(tg["kategori"]) else None,
            "interpretasi": tg["interpretasi"] if has_cap and ada(tg["interpretasi"]) else None,
            "berlaku": bool(tg["berlaku"]) if tg else False,
            "ada_target": tg is not None,
        }

    def mean_capaian(self, indicator_ids: list[str], year: int) -> float | None:
        """Mean capaian of the active indicators with data, capped as the package says (as for a sasaran)."""
        values = [self.chosen[(i, year)]["capaian"] for i in indicator_ids
                  if (i, year) in self.chosen and self.chosen[(i, year)]["berlaku"]
                  and ada(self.chosen[(i, year)]["capaian"])]
        if not values:
            return None
        return float(capped(pd.Series(values, dtype=float), self.t.settings.get("batas_capaian_rata_rata")).mean())


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
        shown = target_text(t, ind, r["nilai"], r["label"], r.get("batas_atas"))
        out.append({"tahun": r["tahun"], "dokumen": lk.doc_title(r["dokumen"]), "nilai": shown,
                    "tercetak": r["label"] if ada(r["label"]) and not same_text(r["label"], shown) else None,
                    "status": status, "alasan": why,
                    "asal": provenance(t, "target", r[ROW], r["sumber"], path)})
    return out


def _realisasi_rows(lk: Lookup, ind: dict, path: str) -> list[dict]:
    t = lk.t
    rows = lk.realisations.get(ind["id"], [])
    out = []
    for r in rows:
        value = show_value(t, ind, r["nilai"], r["label"]) if ada(r["nilai"]) else "belum tersedia"
        out.append({"tahun": r["tahun"], "nilai": value,
                    "tercetak": r["label"] if ada(r["label"]) and r["label"] != "-" and not same_text(r["label"], value) else None,
                    "status": STATUS.get(r["status"], r["status"]), "catatan": r["catatan"] if ada(r["catatan"]) else None,
                    "asal": provenance(t, "realisasi", r[ROW], r["sumber"], path)})
    return out


def _capaian_rows(lk: Lookup, ind: dict) -> list[dict]:
    """Per year up to the report year: the applicable target against the realisasi. Later years have
    targets only; they are listed with every other target."""
    years = sorted(y for y in {r["tahun"] for r in lk.targets.get(ind["id"], []) if r["jenis"] == "tahunan"}
                   | {r["tahun"] for r in lk.realisations.get(ind["id"], [])} if y <= lk.year)
    out = []
    for y in years:
        s = lk.status(ind, y)
        tg = lk.chosen.get((ind["id"], y))
        out.append({
            "tahun": y, "target": s["target"] or "–", "dokumen": lk.doc_title(tg["dokumen"]) if tg else None,
            "realisasi": s["realisasi"] or "belum tersedia",
            "capaian": fmt.persen(s["capaian"]) if s["capaian"] is not None else "belum tersedia",
            "kategori": f"{s['kategori']} ({s['interpretasi']})" if s["kategori"] and s["interpretasi"] else s["kategori"],
            "predikat": tg["predikat"] if tg and ada(tg["predikat"]) and tg["predikat"] != s["realisasi"] else None,
            "tren": tg["tren"] if tg and ada(tg["tren"]) else None,
            "progres": fmt.persen(tg["progres_renstra"]) if tg and ada(tg["progres_renstra"]) else None,
            "diganti": bool(tg is not None and not tg["berlaku"]),
        })
    return out


def _now(lk: Lookup, ind: dict) -> dict:
    """The report year's status in one line, for a reader who wants only the answer."""
    s = lk.status(ind, lk.year)
    return {**s, "status_kata": STATUS.get(s["status"], s["status"]),
            "capaian_teks": fmt.persen(s["capaian"]) if s["capaian"] is not None else None}


def indicator_page(ctx: PageContext, lk: Lookup, ind: dict) -> str:
    t = lk.t
    path = page_path(ind["id"])
    node = lk.nodes.get(ind["node"], {})
    sasaran_id = lk.sasaran_of.get(ind["node"])
    sasaran = lk.nodes.get(sasaran_id) if sasaran_id else None
    unit = lk.units.get(ind["unit"])
    replacement = lk.by_id.get(ind["diganti_oleh"]) if ada(ind["diganti_oleh"]) else None
    replaces = [r for r in lk.indicators if r["diganti_oleh"] == ind["id"]]
    end = [r for r in lk.targets.get(ind["id"], []) if r["jenis"] == "akhir_periode"]
    scale = t["skala"][t["skala"]["id"] == ind["skala"]] if ada(ind["skala"]) else t["skala"].iloc[0:0]
    return ctx.env.get_template("indikator.md.j2").render(
        ind=ind, simpul=node, simpul_label=lk.node_label(node) if node else "",
        sasaran=sasaran, sasaran_tautan=md_link(f"sasaran/{sasaran_id}.md", path) if sasaran else None,
        pohon_tautan=md_link("pohon.md", path) + Markup(f"#pohon-{ind['node']}") if node else md_link("pohon.md", path),
        polaritas=POLARITAS.get(ind["polaritas"], ind["polaritas"]),
        jenis_target=JENIS_TARGET.get(ind["jenis_target"], ind["jenis_target"]),
        skala=scale.iloc[0]["nama"] if len(scale) else None,
        unit=unit, renstra=lk.doc_title(ind["renstra"]) if ada(ind["renstra"]) else None,
        pengganti={"nama": replacement["nama"], "tautan": md_link(page_path(replacement["id"]), path)} if replacement else None,
        digantikan=[{"nama": r["nama"], "tautan": md_link(page_path(r["id"]), path)} for r in replaces],
        target=_target_rows(lk, ind, path), realisasi=_realisasi_rows(lk, ind, path),
        capaian=_capaian_rows(lk, ind),
        target_akhir=show_value(t, ind, end[0]["nilai"], end[0]["label"]) if end else None,
        kini=_now(lk, ind),
        asal=provenance(t, "indikator", ind[ROW], ind["sumber"], path),
        capaian_csv=md_link("data/capaian.csv", path), metodologi=md_link("metodologi.md", path),
        **ctx.common)


def nav_groups(lk: Lookup) -> list[dict]:
    """Indicators grouped by the sasaran they serve, in the order of the node table."""
    groups: dict[str, list] = {}
    for ind in lk.indicators:
        groups.setdefault(lk.sasaran_of.get(ind["node"]) or "", []).append(ind)
    nav = []
    for key in [n for n in lk.nodes if n in groups] + ([""] if "" in groups else []):
        node = lk.nodes.get(key)
        title = f"Sasaran {lk.node_code(node) or key}" if node else "Tujuan dan lainnya"
        nav.append({title_text(title): [
            {title_text(i["nama"] + (" (diganti)" if ada(i["diganti_oleh"]) else "")): page_path(i["id"])}
            for i in groups[key]]})
    return nav


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    pages = {page_path(ind["id"]): indicator_page(ctx, lk, ind) for ind in lk.indicators}
    return PageSet(pages=pages, nav=[{"Indikator": nav_groups(lk)}] if pages else [])
