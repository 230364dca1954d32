"""Render the loaded tables into Markdown pages (Jinja2 templates) and a navigation tree.

Every value a template prints is escaped for Markdown and HTML by the environment's `finalize`
hook, unless the code marks it safe with `Markup`: a payload like `<img src=x onerror=...>` or
`[x](javascript:...)` in an indicator name shows as text. Output is plain Markdown, so the site
engine (MkDocs Material today) can be replaced.
"""
from __future__ import annotations

import functools
import html
import importlib
import re
from dataclasses import dataclass, field

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import charts, fmt
from generator import pages, publish
from generator.compute.ikm import NAMA_UNSUR
from generator.pages import PageContext
from generator.compute.results import Results
from generator.load import Tables

# Characters that can start Markdown/HTML syntax inline: links and images need [ ], emphasis * _ ~,
# code `, attribute lists { }, table cells |, headings #, raw HTML < > &, escapes \.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#|~<>&"}

STATUS = {
    "final": "final",
    "sementara": "sementara",
    "dibawa": "nilai pengukuran tahun sebelumnya",
    "tidak_ada": "belum tersedia",
}


def md(value) -> str:
    """Escape text for Markdown and HTML: every special character becomes a numeric entity."""
    if isinstance(value, Markup):
        return str(value)
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    text = re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", str(value))  # a newline would break a table or paragraph
    return "".join(_MD_SPECIAL.get(ch, ch) for ch in text)


def title_text(value: str) -> str:
    """A data-derived site name or nav title. MkDocs prints these unescaped, and Material's <title>
    applies `striptags`, which unescapes entities again; so angle brackets never reach them at all."""
    return html.escape(str(value).replace("<", "‹").replace(">", "›"))


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment per process: templates compile once, not once per page set (a catalog renders
    dozens). Nothing mutates it after creation."""
    env = Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                      finalize=md, autoescape=False, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(angka=fmt.angka, persen=fmt.persen, rupiah=fmt.rupiah,
                       rupiah_singkat=fmt.rupiah_singkat, tanggal=fmt.tanggal)
    return env


@dataclass
class Site:
    """Generated pages (relative path → Markdown) and the navigation for them."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    site_name: str = "Kinerja Terbuka"
    files: dict[str, bytes] = field(default_factory=dict)  # binary files (the source ZIP)
    package: dict = field(default_factory=dict)  # the source package's name, title, version, created


def _present(v) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and v != v)


def _scale_label(t: Tables, scale_id, value) -> str | None:
    """The class a value falls in on a scale: 'Level 2', 'Informatif'."""
    if not _present(scale_id) or not _present(value):
        return None
    kinds = dict(zip(t["skala"]["id"], t["skala"]["jenis"]))
    classes = t["skala_kelas"][t["skala_kelas"]["skala"] == scale_id]
    for c in classes.to_dict("records"):
        if kinds.get(scale_id) == "ordinal":
            if _present(c["nilai"]) and c["nilai"] == value:
                return c["label"]
            continue
        low_ok = not _present(c["batas_bawah"]) or (value >= c["batas_bawah"] if c["bawah_inklusif"] else value > c["batas_bawah"])
        high_ok = not _present(c["batas_atas"]) or (value <= c["batas_atas"] if c["atas_inklusif"] else value < c["batas_atas"])
        if low_ok and high_ok:
            return c["label"]
    return None


def show_value(t: Tables, ind: dict, value, label=None) -> str:
    """A target or realisasi as a citizen reads it: '81%', '4,16', 'Level 2', 'Informatif (90)'.

    Levels and categories keep the label the document printed ('Level 2', 'Level III'), since
    that is what the reader will find in the signed document.
    """
    if not _present(value):
        return "belum tersedia"
    if ind["jenis_target"] in ("level", "ya_tidak", "kategori") and _present(label) and str(label).strip():
        return str(label)
    if ind["jenis_target"] in ("level", "ya_tidak"):
        return _scale_label(t, ind["skala"], value) or fmt.angka(value, None)
    if ind["jenis_target"] == "kategori":
        label = _scale_label(t, ind["skala"], value)
        return f"{label} ({fmt.angka(value, None)})" if label else fmt.angka(value, None)
    number = fmt.angka(value, printed_decimals(label))
    return f"{number}%" if ind["satuan"].strip().lower() in ("persen", "%", "persentase") else number


def printed_decimals(label) -> int | None:
    """Decimal places of the number as the document printed it ('3,50 (nilai)' -> 2), else None."""
    match = re.search(r"\d+(?:,(\d+))?", str(label)) if _present(label) else None
    return len(match.group(1) or "") if match else None


def _row(frame: pd.DataFrame, **keys) -> dict | None:
    mask = pd.Series(True, index=frame.index)
    for k, v in keys.items():
        mask &= frame[k] == v
    hit = frame[mask]
    return hit.iloc[0].to_dict() if len(hit) else None


def render_site(t: Tables, res: Results, source: dict[str, bytes] | None = None,
                attachments: dict[str, bytes] | None = None, history=None, site_url: str | None = None) -> Site:
    """All pages. `source` is the source package's files (path → bytes) and `attachments` the files its
    items point at (path → bytes), offered for download; `history` the package's versions (riwayat)."""
    env = environment()
    year = t.settings["tahun_laporan"]
    inst = t["instansi"].iloc[0].to_dict()
    docs = t["dokumen"].set_index("id")
    report_doc = t.settings.get("dokumen_laporan")
    report = docs.loc[report_doc].to_dict() if report_doc in docs.index else None
    cap = res.capaian
    chosen = {(r["indikator"], r["tahun"]): r for r in cap[cap["dipilih"]].to_dict("records")}
    real = {(r["indikator"], r["tahun"]): r for r in t["realisasi"].to_dict("records")}
    years_of: dict[str, set] = {}
    for indicator, year_ in list(chosen) + list(real):
        years_of.setdefault(indicator, set()).add(year_)
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    nodes = t["node"]
    lines = res.anggaran[res.anggaran["tahun"] == year]
    budget = {r["id"]: r for r in lines.to_dict("records") if r["tingkat"] != "jenis_belanja"}
    common = {"instansi": inst, "tahun": year, "laporan": report, "sintetis": t.settings.get("sintetis", False)}

    site = Site(site_name=title_text(f"Kinerja {inst['nama_singkat'] or inst['nama']}"),
                package={k: str(t.descriptor.get(k) or "") for k in ("name", "title", "version", "created")})
    category_scale = res.scales.get(t.settings["skala_kategori_capaian"])
    sasaran_pages, sasaran = [], []
    ends = t["target"][t["target"]["jenis"] == "akhir_periode"]
    ends = {r["indikator"]: r for r in ends.to_dict("records")}  # Renstra end-of-period targets
    for s in nodes[nodes["tingkat"] == "sasaran"].to_dict("records"):
        path = f"sasaran/{s['id']}.md"
        indicators = []
        for ind in t["indikator"][t["indikator"]["node"] == s["id"]].to_dict("records"):
            rows, points = [], []
            for y in sorted(y for y in years_of.get(ind["id"], ()) if y <= year):  # later Renstra years: indikator page
                tg, rl = chosen.get((ind["id"], y)), real.get((ind["id"], y))
                rows.append({
                    "tahun": y,
                    "target": show_value(t, ind, tg["target"], tg["target_label"]) if tg else "–",
                    "dokumen": (docs.loc[tg["dokumen"], "judul"] + ("" if tg["berlaku"] else " (sudah diganti)")) if tg else "",
                    "realisasi": show_value(t, ind, rl["nilai"], rl["label"]) if rl else "belum tersedia",
                    "status": STATUS[rl["status"]] if rl else "belum tersedia",
                    "capaian": fmt.persen(tg["capaian"]) if tg and _present(tg["capaian"]) else "belum tersedia",
                    "_capaian": float(tg["capaian"]) if tg and _present(tg["capaian"]) else None,
                    "kategori": tg["kategori"] if tg and _present(tg["kategori"]) else None,
                    "kelas": status_class(category_scale, tg["kategori"]) if tg and _present(tg["kategori"]) else "",
                    "berlaku": bool(tg["berlaku"]) if tg else False,
                    "tren": tg["tren"] if tg and _present(tg["tren"]) else None,
                })
                points.append({"tahun": y, "target": tg["target"] if tg else None, "realisasi": rl["nilai"] if rl else None,
                               "target_teks": rows[-1]["target"], "realisasi_teks": rows[-1]["realisasi"],
                               "capaian_teks": rows[-1]["capaian"]})
            end = ends.get(ind["id"])
            end = {"tahun": end["tahun"], "nilai": end["nilai"], "teks": show_value(t, ind, end["nilai"], end["label"])} if end else None
            # A chart only where it shows a comparison: a realisasi, a trajectory or an end target.
            # Yes/no indicators have no scale worth drawing.
            drawable = ind["jenis_target"] != "ya_tidak" and (
                any(_present(p["realisasi"]) for p in points) or sum(_present(p["target"]) for p in points) > 1 or end)
            chart = Markup(charts.embed(charts.target_realisasi(
                charts.slug("indikator", ind["id"]), "Target dan realisasi per tahun", pd.DataFrame(points),
                ind["satuan"], end, nama=ind["nama"]),
                path, site.pages)) if drawable else None
            replaced = ind["diganti_oleh"]
            indicators.append({**ind, "baris": rows, "grafik": chart,
                               "pengganti": names.get(replaced) if _present(replaced) else None})
        programs = [{**p, "anggaran": budget.get(p["id"])}
                    for p in nodes[(nodes["tingkat"] == "program") & (nodes["induk"] == s["id"])].to_dict("records")]
        # Budget chart: the kegiatan under this sasaran's programs, else the programs themselves.
        kegiatan = nodes[(nodes["tingkat"] == "kegiatan") & nodes["induk"].isin([p["id"] for p in programs])]
        spent = [budget[k] for k in kegiatan["id"] if k in budget] or [p["anggaran"] for p in programs if p["anggaran"]]
        budget_chart = Markup(charts.embed(charts.anggaran(
            charts.slug("anggaran", s["id"]), f"Pagu dan realisasi anggaran {year}",
            pd.DataFrame([{"uraian": b["uraian"], "pagu": b["pagu"], "realisasi": b["realisasi"]} for b in spent]), year),
            path, site.pages)) if spent else None
        summary = _row(res.sasaran, sasaran=s["id"], tahun=year)
        now = [b for i in indicators for b in i["baris"] if b["tahun"] == year and b["berlaku"]]
        narrative = {"jumlah": len(now), "tercapai": sum(1 for b in now if b["_capaian"] is not None and b["_capaian"] >= 100),
                     "tidak": sum(1 for b in now if b["_capaian"] is not None and b["_capaian"] < 100),
                     "kosong": sum(1 for b in now if b["_capaian"] is None)}
        site.pages[path] = env.get_template("sasaran.md.j2").render(
            sasaran=s, indikator=indicators, program=programs, ringkasan=summary, grafik_anggaran=budget_chart, narasi=narrative, **common)
        sasaran_pages.append({title_text(f"Sasaran {s['nomor'] or s['id']}"): path})
        sasaran.append({**s, "halaman": Markup(path), "rata_rata": summary["rata_rata"] if summary else None,
                        "serapan": summary["serapan"] if summary else None})

    overall = _row(res.ringkasan, tahun=year) if len(res.ringkasan) else None
    excluded = "; ".join(names[i] for i in (overall or {}).get("dikecualikan", "").split("; ") if i in names)
    surveys = res.ikm[res.ikm["tahun"] == year].to_dict("records") if len(res.ikm) else []
    # Home charts: capaian of each sasaran's own active indicators this year (those its average uses).
    active = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["node"] == cap["sasaran"])]
    for s in sasaran:
        mine = active[active["sasaran"] == s["id"]]
        order = [i for i in t["indikator"]["id"] if i in set(mine["indikator"])]
        frame = pd.DataFrame([{"nama": names[i], "capaian": mine[mine["indikator"] == i]["capaian"].iloc[0]} for i in order])
        s["grafik"] = Markup(charts.embed(charts.capaian_sasaran(
            charts.slug("capaian", s["id"]), f"Sasaran {s['nomor'] or s['id']}: {s['nama']}", frame, year, s["rata_rata"]),
            "index.md", site.pages)) if len(frame) else None
    for v in surveys:
        scores = [(NAMA_UNSUR[u], v.get(f"nrr_{u}")) for u in NAMA_UNSUR]
        v["grafik"] = Markup(charts.embed(charts.nrr_unsur(
            charts.slug("nrr", v["survei"]), f"Nilai per unsur pelayanan: {v['layanan']} {v['tahun']}",
            pd.DataFrame(scores, columns=["unsur", "nrr"]), v["ikm"], v["mutu"]),
            "index.md", site.pages)) if any(_present(n) for _, n in scores) else None
    total = budget.get(_root(nodes)) or {}
    site.pages["index.md"] = env.get_template("beranda.md.j2").render(
        sasaran=sasaran, ringkasan=overall, dikecualikan=excluded, total=total,
        kartu=headline_cards(t, res, overall, excluded, total, surveys), survei=surveys, **common)
    site.pages["profil.md"] = env.get_template("profil.md.j2").render(unit=t["unit_kerja"].to_dict("records"), **common)
    site.pages["metodologi.md"] = env.get_template("metodologi.md.j2").render(skala=_scales(t), **_conventions(t), **common)
    site.pages["konsistensi.md"] = env.get_template("konsistensi.md.j2").render(
        baris=res.konsistensi.to_dict("records"), **common)
    for name, frame in (("capaian", cap), ("anggaran", res.anggaran), ("sasaran", res.sasaran),
                        ("ringkasan", res.ringkasan), ("ikm", res.ikm), ("konsistensi", res.konsistensi)):
        site.pages[f"data/{name}.csv"] = publish.csv_text(name, frame)
    site.pages["data/datapackage.json"] = publish.descriptor(
        t.descriptor.get("title", ""), t.descriptor, list(publish.TABLES))
    extra_nav = []
    ctx = PageContext(env, t, res, common, source, attachments or {}, history, site_url)
    for module in pages.MODULES:
        made = importlib.import_module(module).build(ctx)
        site.pages.update(made.pages)
        site.files.update(made.files)
        extra_nav.extend(made.nav)
    site.nav = [{"Beranda": "index.md"}, {"Profil": "profil.md"}, {"Sasaran strategis": sasaran_pages},
                *extra_nav,
                {"Metodologi": "metodologi.md"}, {"Catatan konsistensi": "konsistensi.md"},
                {"Tentang portal": "tentang.md"}]
    return site


PALETTE = ["AA", "A", "BB", "B", "CC", "C", "D"]  # the theme's status colours, best to worst


def status_class(scale, code) -> Markup:
    """CSS class of a class's status colour: its rank on its own scale mapped onto the theme's 7-step
    palette, so capaian categories (AA…D) and IKM mutu (A…D) share one colour language."""
    if scale is None or not _present(code):
        return Markup("")
    ranks = [c["kode"] for c in scale.classes]
    if code not in ranks:
        return Markup("")
    position = ranks.index(code) / max(len(ranks) - 1, 1)
    return Markup(f"kt-kategori--{PALETTE[round(position * (len(PALETTE) - 1))]}")


def headline_cards(t: Tables, res: Results, overall, excluded: str, total: dict, surveys: list[dict]) -> list[dict]:
    """The answers a citizen looks for first, each with a status colour and one sentence."""
    cards = []
    category = res.scales.get(t.settings["skala_kategori_capaian"])
    year = t.settings["tahun_laporan"]
    if overall and _present(overall.get("rata_rata")):
        cards.append({"judul": f"Capaian kinerja {year}", "angka": fmt.persen(overall["rata_rata"]),
                      "status": f"{overall['kategori']} · {overall['interpretasi']}",
                      "kelas": status_class(category, overall["kategori"]),
                      "teks": f"Rata-rata capaian {overall['jumlah'] - overall['tanpa_data']} dari {overall['jumlah']} "
                              "Indikator Kinerja Utama yang datanya tersedia."})
        cap = res.capaian
        active = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["iku"] == True) & cap["capaian"].notna()]  # noqa: E712
        worst = category.classify(active["capaian"].min()) if len(active) else None
        missing = f"; {overall['tanpa_data']} belum tersedia ({excluded}), tidak dihitung sebagai 0" if overall["tanpa_data"] else ""
        cards.append({"judul": "Indikator tercapai",
                      "angka": f"{overall['tercapai']} dari {overall['jumlah'] - overall['tanpa_data']}",
                      "status": f"terendah: {worst.kode}" if worst else "",
                      "kelas": status_class(category, worst.kode if worst else None),
                      "teks": f"{overall['tidak_tercapai']} tidak tercapai{missing}."})
    if total and _present(total.get("serapan")):
        cards.append({"judul": f"Serapan anggaran {year}", "angka": fmt.persen(total["serapan"]), "status": "",
                      "kelas": Markup(""),
                      "teks": f"{fmt.rupiah_singkat(total['realisasi'])} terpakai dari pagu {fmt.rupiah_singkat(total['pagu'])}; "
                              f"sisa {fmt.rupiah_singkat(total['silpa'])} ({fmt.persen(total['porsi_silpa'])})."})
    mutu = res.scales.get(t.settings.get("skala_mutu_ikm", "mutu-ikm"))
    for s in surveys:
        if _present(s.get("ikm")):
            cards.append({"judul": f"Kepuasan masyarakat {s['tahun']}", "angka": fmt.angka(s["ikm"]),
                          "status": f"mutu {s['mutu']} · {s['kinerja']}", "kelas": status_class(mutu, s["mutu"]),
                          "teks": f"Indeks Kepuasan Masyarakat (25–100) untuk {s['layanan']}."})
    return cards


def _root(nodes: pd.DataFrame) -> str | None:
    roots = nodes[nodes["tingkat"] == "tujuan"]["id"]
    return roots.iloc[0] if len(roots) else None


def _scales(t: Tables) -> list[dict]:
    used = set(t["indikator"]["skala"].dropna()) | {t.settings["skala_kategori_capaian"], t.settings.get("skala_mutu_ikm")}
    out = []
    for s in t["skala"].to_dict("records"):
        if s["id"] in used:
            classes = t["skala_kelas"][t["skala_kelas"]["skala"] == s["id"]].sort_values("urutan")
            out.append({**s, "kelas": classes.to_dict("records")})
    return out


def _conventions(t: Tables) -> dict:
    cap = t.settings.get("batas_capaian_rata_rata")
    words = {"pk_perubahan": "PK Perubahan", "pk": "Perjanjian Kinerja", "rkt": "RKT", "renstra": "Renstra",
             "lkjip": "Laporan Kinerja", "rencana_aksi": "Rencana Aksi"}
    return {
        "batas_text": (f"Untuk rata-rata, capaian di atas {fmt.angka(cap, None)}% dihitung sebagai {fmt.angka(cap, None)}% (konvensi paket)."
                       if cap else "Paket ini tidak membatasi capaian untuk rata-rata."),
        "urutan": ", ".join(words.get(k, k) for k in t.settings["urutan_dokumen_target"]),
    }
