"""What a page puts in its <head> for other systems: Open Graph and Twitter card tags with a preview
image (the agency, the page's headline figure and its status), and schema.org JSON-LD where a page
describes a dataset.

MkDocs carries page metadata as YAML front matter; the theme (theme/main.html, block extrahead) prints
it. The generator keeps writing plain Markdown: `apply` prepends front matter to the generated pages
after every page module has run. Preview images are typeset together (one Typst document, one page per
portal page) and stored beside each page's built HTML (`<page>/pratinjau.png`), so the same relative
name works under a catalog member's folder and the absolute URL is the page's canonical URL plus
`pratinjau.png`.
"""
from __future__ import annotations

import html
import json
import re

from generator import fmt
from generator.domain.values import present, row_dicts
from generator.render import typeset
from generator.render.words import achievement

PREVIEW = "pratinjau.png"
PPI = 96  # 800 × 420 px: above every chat app's minimum, a few tens of KB each
WIDTH, HEIGHT = 800, 420
GOOD, BAD, NEUTRAL = "#007A5A", "#C15400", "#595959"


def preview_path(page: str) -> str:
    """Where a page's preview image is published: inside the folder MkDocs builds the page into."""
    base = page[:-3]
    if base == "index" or base.endswith("/index"):
        folder = base[:-len("index")]
    else:
        folder = base + "/"
    return folder + PREVIEW


def page_title(text: str) -> str:
    """The page's H1, as a reader sees it (entities of the Markdown escape undone)."""
    body = strip_front_matter(text)
    match = re.search(r"^# (.+)$", body, flags=re.M)
    title = match.group(1).strip() if match else ""
    title = re.sub(r"\s*\{[#.][^}]*\}\s*$", "", title)
    return html.unescape(re.sub(r"<[^>]+>", "", title))


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


def script_json(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: `<`, `>`, `&` and the line separators
    written as escapes, so no text in the data can close the element or open another."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _yaml(value) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(meta: dict) -> str:
    lines = [f"{k}: {_yaml(v)}" for k, v in sorted(meta.items()) if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def add_front_matter(text: str, meta: dict) -> str:
    """`text` with `meta`'s keys at the top of its front matter (added when it has none)."""
    if text.startswith("---\n"):
        return front_matter(meta).removesuffix("---\n\n") + text[4:]
    return front_matter(meta) + text


def _facts(ctx) -> dict[str, dict]:
    """Headline figure and status per page, from the computed results (nothing is computed here)."""
    from generator.render.pages.indikator import page_path as indikator_path
    from generator.render.pages.sasaran import page_path as sasaran_path

    res, year = ctx.res, ctx.year
    out: dict[str, dict] = {}
    if year is None:  # a tree-only package: no figures yet, each page is described by its title
        return out
    ring = row_dicts(res.ringkasan[res.ringkasan["tahun"] == year])
    if ring and present(ring[0]["rata_rata"]):
        r = ring[0]
        fact = {"angka": fmt.persen(r["rata_rata"]), "status": f"Kategori {r['kategori']}" if present(r["kategori"]) else None,
                "warna": NEUTRAL,
                "keterangan": f"Rata-rata capaian {r['jumlah'] - r['tanpa_data']} indikator kinerja utama {year}; {r['tercapai']} tercapai, "
                              + (f"{r['tidak_tercapai']} tidak tercapai, " if r["tidak_tercapai"] else "")
                              + f"{r['tanpa_data']} belum tersedia"}
        out["index.md"] = fact
        out["laporan-kinerja.md"] = fact
    cap = res.capaian
    chosen = cap[(cap["tahun"] == year) & cap["dipilih"]]
    for r in row_dicts(chosen):
        status = achievement(r["tercapai"])
        out[indikator_path(r["indikator"])] = {
            "angka": fmt.persen(r["capaian"]) if present(r["capaian"]) else None, "status": status,
            "warna": GOOD if r["tercapai"] is True else BAD if r["tercapai"] is False else NEUTRAL,
            "keterangan": f"Capaian {year}" + ("" if r["berlaku"] else " (indikator sudah diganti)")}
    for r in row_dicts(res.sasaran[res.sasaran["tahun"] == year]):
        if present(r["rata_rata"]):
            out[sasaran_path(r["sasaran"])] = {"angka": fmt.persen(r["rata_rata"]), "status": None, "warna": NEUTRAL,
                                                "keterangan": f"Rata-rata capaian sasaran {year}"}
    total = row_dicts(res.anggaran[(res.anggaran["tahun"] == year) & (res.anggaran["tingkat"] == "total")]) \
        if len(res.anggaran) else []
    if total and present(total[0]["serapan"]):
        out["anggaran.md"] = {"angka": fmt.persen(total[0]["serapan"]), "status": None, "warna": NEUTRAL,
                              "keterangan": f"Serapan anggaran {year}: {fmt.rupiah_singkat(total[0]['realisasi'])} "
                                            f"dari {fmt.rupiah_singkat(total[0]['pagu'])}"}
    ikm = row_dicts(res.ikm[res.ikm["tahun"] == year]) if "tahun" in res.ikm else []
    if ikm and present(ikm[0]["ikm"]):
        out["survei.md"] = {"angka": fmt.angka(ikm[0]["ikm"], 2), "status": f"Mutu {ikm[0]['mutu']}" if present(ikm[0]["mutu"]) else None,
                            "warna": NEUTRAL, "keterangan": f"Indeks Kepuasan Masyarakat {year}"}
    if len(res.lke):
        met = int((res.lke["status"] == "terpenuhi").sum())
        out["pra-evaluasi-sakip.md"] = {"angka": f"{met}/{len(res.lke)}", "status": None, "warna": NEUTRAL,
                                        "keterangan": "kriteria LKE yang terpenuhi menurut data"}
    if len(res.kepatuhan):
        ok = int((res.kepatuhan["status"] == "tersedia").sum())
        fact = {"angka": f"{ok}/{len(res.kepatuhan)}", "status": None, "warna": NEUTRAL,
                "keterangan": "item keterbukaan informasi tersedia"}
        out["ppid/kepatuhan.md"] = fact
    return out


def nav_titles(nav) -> dict[str, str]:
    """{page path: its navigation title as a reader sees it} (nav titles are stored escaped)."""
    out: dict[str, str] = {}
    for entry in nav if isinstance(nav, list) else [nav]:
        for title, value in entry.items() if isinstance(entry, dict) else ():
            if isinstance(value, str):
                out.setdefault(value, html.unescape(title))
            else:
                out.update({k: v for k, v in nav_titles(value).items() if k not in out})
    return out


def _with(title: str, *parts: str) -> str:
    """`title · part · ...`, leaving out a part the title already says (the agency in its home page's
    heading, the year in "Triwulan 2025")."""
    return " · ".join([title, *(p for p in parts if p and p not in title)])


def apply(site, ctx, meta: dict[str, dict], images: bool = True) -> None:
    """Prepend front matter (Open Graph, JSON-LD) to every generated Markdown page of `site`, and add one
    preview image per page to `site.files`. `meta`: extra keys per page from the page modules.

    A page of an earlier year (the archive, `options.arsip`) names its year in its titles
    (`kt_tahun_arsip`, printed by the theme in the browser tab): its pages carry the same headings as the
    current year's, and a reader with both open, or a search engine, must tell them apart."""
    inst = ctx.common["instansi"]
    agency = str(inst["nama_singkat"] or inst["nama"])
    synthetic = bool(ctx.common.get("sintetis"))
    facts = _facts(ctx)
    previews = []
    archived = str(ctx.year) if ctx.options.arsip and ctx.year is not None else None
    named = nav_titles(site.nav) if archived else {}  # only an archive page needs its nav title
    pages = sorted(p for p in site.pages if p.endswith(".md"))
    for path in pages:
        title = page_title(site.pages[path]) or agency
        fact = facts.get(path, {})
        description = " · ".join(x for x in (fact.get("angka") and f"{fact['angka']}", fact.get("status"),
                                             fact.get("keterangan")) if x) or f"{title}: {agency}"
        if synthetic:
            description = "DATA SINTETIS. " + description
        alt = f"{agency}: {title}" + (f", {description}" if fact else "")
        own = {"kt_og_judul": _with(title, archived, agency), "kt_og_deskripsi": description, **meta.get(path, {})}
        if archived and archived not in named.get(path, title):
            own["kt_tahun_arsip"] = archived
        if images:
            own.update(kt_og_gambar=PREVIEW, kt_og_gambar_alt=alt, kt_og_lebar=WIDTH, kt_og_tinggi=HEIGHT)
        # a page that already carries front matter keeps it; ours goes first
        site.pages[path] = add_front_matter(site.pages[path], own)
        previews.append({"instansi": agency, "judul": title, "angka": fact.get("angka"), "status": fact.get("status"),
                         "warna": fact.get("warna", NEUTRAL), "keterangan": fact.get("keterangan"),
                         "sintetis": synthetic})
    rendered = typeset.png_pages("pratinjau.typ", previews, PPI) if previews and images else []
    for path, image in zip(pages, rendered):
        site.files[preview_path(path)] = image
