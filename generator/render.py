"""Render the loaded tables into Markdown pages (Jinja2 templates) and a navigation tree.

Every value a template prints is escaped for Markdown and HTML by the environment's `finalize`
hook, unless the code marks it safe with `Markup`: a payload like `<img src=x onerror=...>` or
`[x](javascript:...)` in an indicator name shows as text. Output is plain Markdown, so the site
engine (MkDocs Material today) can be replaced.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import fmt
from generator.compute.targets import applicable_targets
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


def environment() -> Environment:
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


def render_site(t: Tables) -> Site:
    env = environment()
    year = t.settings["tahun_laporan"]
    inst = t["instansi"].iloc[0].to_dict()
    docs = t["dokumen"].set_index("id")
    report_doc = t.settings.get("dokumen_laporan")
    report = docs.loc[report_doc].to_dict() if report_doc in docs.index else None
    chosen = applicable_targets(t["target"], t["dokumen"], t.settings["urutan_dokumen_target"])
    chosen = {(r["indikator"], r["tahun"]): r for r in chosen.to_dict("records")}
    real = {(r["indikator"], r["tahun"]): r for r in t["realisasi"].to_dict("records")}
    years_of: dict[str, set] = {}
    for indicator, year_ in list(chosen) + list(real):
        years_of.setdefault(indicator, set()).add(year_)
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    nodes = t["node"]
    budget = t["anggaran"]
    budget = {r["node"]: r for r in budget[budget["dokumen"] == report_doc].to_dict("records")} if report_doc else {}
    common = {"instansi": inst, "tahun": year, "laporan": report, "sintetis": t.settings.get("sintetis", False),
              "judul_paket": t.descriptor.get("title", "")}

    sasaran_pages = []
    site = Site(site_name=title_text(f"Kinerja {inst['nama_singkat'] or inst['nama']}"))
    for s in nodes[nodes["tingkat"] == "sasaran"].to_dict("records"):
        indicators = []
        for ind in t["indikator"][t["indikator"]["node"] == s["id"]].to_dict("records"):
            rows = []
            for y in sorted(years_of.get(ind["id"], ())):
                tg, rl = chosen.get((ind["id"], y)), real.get((ind["id"], y))
                rows.append({
                    "tahun": y,
                    "target": show_value(t, ind, tg["nilai"], tg["label"]) if tg else "–",
                    "dokumen": docs.loc[tg["dokumen"], "judul"] if tg else "",
                    "realisasi": show_value(t, ind, rl["nilai"], rl["label"]) if rl else "belum tersedia",
                    "status": STATUS[rl["status"]] if rl else "belum tersedia",
                    "sumber": rl["sumber"] if rl else (tg["sumber"] if tg else ""),
                })
            replaced = ind["diganti_oleh"]
            indicators.append({**ind, "baris": rows, "pengganti": names.get(replaced) if _present(replaced) else None})
        programs = [{**p, "anggaran": budget.get(p["id"])} for p in nodes[(nodes["tingkat"] == "program") & (nodes["induk"] == s["id"])].to_dict("records")]
        path = f"sasaran/{s['id']}.md"
        site.pages[path] = env.get_template("sasaran.md.j2").render(sasaran=s, indikator=indicators, program=programs, **common)
        sasaran_pages.append({title_text(f"Sasaran {s['nomor'] or s['id']}"): path})
    sasaran = [s for s in nodes[nodes["tingkat"] == "sasaran"].to_dict("records")]
    for s in sasaran:
        s["halaman"] = Markup(f"sasaran/{s['id']}.md")
        s["jumlah_indikator"] = int((t["indikator"]["node"] == s["id"]).sum())
        s["anggaran"] = budget.get(s["id"])
    site.pages["index.md"] = env.get_template("beranda.md.j2").render(sasaran=sasaran, **common)
    units = t["unit_kerja"].to_dict("records")
    site.pages["profil.md"] = env.get_template("profil.md.j2").render(unit=units, **common)
    site.nav = [{"Beranda": "index.md"}, {"Profil": "profil.md"}, {"Sasaran strategis": sasaran_pages},
                {"Tentang portal": "tentang.md"}]
    return site
