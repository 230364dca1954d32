"""The update history (`riwayat.md`) and its Atom feed (`riwayat.xml`): each version of the package
with its date, summary and what changed (targets, realisasi and budget rows, from → to).

Versions come from `generator.riwayat` (git history, else the package's changelog); the comparison
from `compute.riwayat`. The feed is XML built with ElementTree, so every data value is escaped by the
serializer; entry ids are stable (commit sha or changelog version), dates come from the history, never
the clock.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from generator import fmt
from generator.compute.riwayat import changes, count_words
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link

PATH = "riwayat.md"
FEED = "riwayat.xml"
SHOWN = 200  # changes listed per version on the page; the rest are counted
ATOM = "http://www.w3.org/2005/Atom"


def _anchor(version_id: str) -> str:
    return "v-" + "".join(ch for ch in version_id.lower() if ch.isalnum() or ch in "-_")[:12]


def entries(ctx: PageContext) -> list[dict]:
    history = ctx.inputs.history
    if history is None:
        return []
    items = []
    versions = history.versions
    for n, v in enumerate(versions):
        older = versions[n + 1] if n + 1 < len(versions) else None
        rows = changes(older.frames if older is not None else None, v.frames) if v.frames is not None else []
        first = older is None and history.lainnya == 0
        if v.frames is None and history.asal == "git":
            ringkas = v.catatan or "Tabel tidak dapat dibaca"
        elif history.asal == "log":
            ringkas = v.rincian or ""
        elif first:
            ringkas = "Versi pertama dalam riwayat"
        elif older is not None and older.frames is None:
            ringkas = "Tidak dapat dibandingkan dengan versi sebelumnya"
        else:
            ringkas = count_words(rows)
        label = ("belum di-commit" if v.id == "kerja" else f"versi {v.id[:7]}" if history.asal == "git" else f"versi {v.id}")
        items.append({"id": v.id, "label": label,
                      "jangkar": _anchor(v.id), "tanggal": v.tanggal, "tanggal_teks": fmt.tanggal(v.tanggal.date()),
                      "ringkasan": v.ringkasan, "ringkas": ringkas, "baris": rows[:SHOWN],
                      "lebih": max(0, len(rows) - SHOWN), "jumlah": len(rows)})
    return items


def feed(ctx: PageContext, items: list[dict]) -> str:
    """Atom 1.0. Links are absolute when the build knows the site's address (`--url`), else relative to
    the feed, which sits at the site root."""
    inst = ctx.common["instansi"]
    base = ctx.options.site_url.rstrip("/") + "/" if ctx.options.site_url else ""
    page = f"{base}riwayat/"
    name = ctx.t.descriptor.get("name") or "paket"
    root = ET.Element("feed", xmlns=ATOM)
    root.set("xml:lang", "id")
    title = f"Riwayat pembaruan data {inst['nama']}" + (" (DATA SINTETIS)" if ctx.common.get("sintetis") else "")
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "id").text = f"urn:kinerja-terbuka:{name}:riwayat"
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=page)
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED}")
    updated = items[0]["tanggal"] if items else None
    ET.SubElement(root, "updated").text = (updated.isoformat() if updated else "1970-01-01T00:00:00+00:00")
    ET.SubElement(ET.SubElement(root, "author"), "name").text = str(inst["nama"])
    ET.SubElement(root, "generator").text = "Kinerja Terbuka"
    for item in items:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "title").text = f"{item['tanggal_teks']}: {item['ringkasan']}"
        ET.SubElement(entry, "id").text = f"urn:kinerja-terbuka:{name}:versi:{item['id']}"
        ET.SubElement(entry, "updated").text = item["tanggal"].isoformat()
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=f"{page}#{item['jangkar']}")
        lines = [item["ringkas"] + "."] + [f"{r['data']} {r['objek']}: {r['kolom']} {r['dari']} → {r['ke']}"
                                           for r in item["baris"][:20]]
        if item["jumlah"] > 20:
            lines.append(f"… dan {item['jumlah'] - 20} perubahan lain di halaman riwayat.")
        ET.SubElement(entry, "summary", type="text").text = "\n".join(lines)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def build(ctx: PageContext) -> PageSet:
    items = entries(ctx)
    history = ctx.inputs.history
    for item in items:
        item["jangkar_md"] = Markup("{#" + item["jangkar"] + "}")
    page = ctx.env.get_template("riwayat.md.j2").render(
        versi=items, asal=history.asal if history else "", lainnya=history.lainnya if history else 0,
        dangkal=history.dangkal if history else False, umpan=md_link(FEED, PATH), data=md_link("data-terbuka.md", PATH),
        **ctx.common)
    return PageSet(pages={PATH: page, FEED: feed(ctx, items)}, nav=[{"Riwayat pembaruan": PATH}])
