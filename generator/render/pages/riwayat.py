"""The update history (`riwayat.md`) and its Atom feed (`riwayat.xml`), written from the data: for each
version that changed a published figure, what changed, from → to (targets, realisasi, budget and spending
rows, survey results), in the generator's own Bahasa. Versions that changed no published figure (text,
layout, documentation, the generator itself) are folded into one line. The maintainer's own note of a
version (the commit subject) is secondary detail only.

Versions come from `load.history` (git history, else the package's changelog, written by the operator);
the comparison from `compute.riwayat`. The feed is XML built with ElementTree, so every data value is
escaped by the serializer; entry ids are stable (commit sha or changelog version), dates come from the
history, never the clock.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from generator import fmt
from generator.compute.riwayat import changes, count_words
from generator.domain.dates import data_datetime
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link
from generator.render.lookup import Lookup
from generator.render.words import STATUS_REALISASI

PATH = "riwayat.md"
FEED = "riwayat.xml"
SHOWN = 200  # changes listed per version on the page; the rest are counted
ATOM = "http://www.w3.org/2005/Atom"


def _anchor(version_id: str) -> str:
    return "v-" + "".join(ch for ch in version_id.lower() if ch.isalnum() or ch in "-_")[:12]


def _worded(rows: list[dict]) -> list[dict]:
    """Status codes in the words the rest of the portal uses."""
    for r in rows:
        if r.get("kode_kolom") == "status":
            r["dari"], r["ke"] = (STATUS_REALISASI.get(v, v) for v in (r["dari"], r["ke"]))
    return rows


def entries(ctx: PageContext) -> list[dict]:
    """Every version, newest first, with what changed in it (`berubah`: a published figure changed, or
    there is something else worth a reader's line: the first version, a version that cannot be read, an
    operator's changelog entry)."""
    history = ctx.inputs.history
    if history is None:
        return []
    lk = Lookup(ctx)
    docs = {d: lk.doc_title(d) for d in lk.docs}
    items = []
    versions = history.versions
    for n, v in enumerate(versions):
        older = versions[n + 1] if n + 1 < len(versions) else None
        rows = _worded(changes(older.frames if older is not None else None, v.frames, docs)) if v.frames is not None else []
        first = older is None and history.lainnya == 0
        if v.frames is None and history.asal == "git":
            judul, berubah = v.catatan or "Tabel pada versi ini tidak dapat dibaca", True
        elif history.asal == "log":
            judul, berubah = v.ringkasan, True
        elif first and history.dangkal:
            # the oldest commit of a shallow clone: its date is when the copy begins (often a commit of code
            # only), not when the data first came; no dated entry for it, the page says the copy is partial
            judul, berubah = "Awal salinan: versi sebelumnya tidak ada di salinan ini", False
        elif first:
            judul, berubah = "Data pertama dalam riwayat", True
        elif older is not None and older.frames is None:
            judul, berubah = "Tidak dapat dibandingkan dengan versi sebelumnya", True
        else:
            judul, berubah = count_words(rows), bool(rows)
        label = ("belum di-commit" if v.id == "kerja" else f"versi {v.id[:7]}" if history.asal == "git" else f"versi {v.id}")
        items.append({"id": v.id, "label": label, "berubah": berubah, "judul": judul,
                      "jangkar": _anchor(v.id), "tanggal": v.tanggal, "tanggal_teks": fmt.tanggal(v.tanggal.date()),
                      # git: the maintainer's commit subject, shown small; the changelog: its details
                      "catatan": (v.rincian or "") if history.asal == "log" else
                                 ("Perubahan yang belum di-commit" if v.id == "kerja" else
                                  v.ringkasan if ctx.t.settings.catatan_commit else ""),
                      "baris": rows[:SHOWN], "lebih": max(0, len(rows) - SHOWN), "jumlah": len(rows)})
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
    shown = [i for i in items if i["berubah"]]
    # Atom requires the feed's date: its newest entry, else the data's own date (a package outside git
    # without a changelog), 1970 only when the package names no date at all
    updated = shown[0]["tanggal"] if shown else data_datetime(ctx.t)
    ET.SubElement(root, "updated").text = (updated.isoformat() if updated else "1970-01-01T00:00:00+00:00")
    ET.SubElement(ET.SubElement(root, "author"), "name").text = str(inst["nama"])
    ET.SubElement(root, "generator").text = "Kinerja Terbuka"
    for item in items:
        if not item["berubah"]:
            continue
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "title").text = f"{item['tanggal_teks']}: {item['judul']}"
        ET.SubElement(entry, "id").text = f"urn:kinerja-terbuka:{name}:versi:{item['id']}"
        ET.SubElement(entry, "updated").text = item["tanggal"].isoformat()
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=f"{page}#{item['jangkar']}")
        lines = [f"{r['data']} {r['objek']}{_column(r)}: {r['dari']} → {r['ke']}" for r in item["baris"][:20]]
        if item["jumlah"] > 20:
            lines.append(f"… dan {item['jumlah'] - 20} perubahan lain di halaman riwayat.")
        if item["catatan"]:
            lines.append(f"Catatan pengelola data: {item['catatan']}")
        ET.SubElement(entry, "summary", type="text").text = "\n".join(lines) or item["judul"] + "."
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _column(row: dict) -> str:
    """Which value of the row changed, when it is not the figure itself."""
    return "" if row["kode_kolom"] in ("nilai", "pagu", "ikm") and row["data"] != "Anggaran" else f" ({row['kolom']})"


def build(ctx: PageContext) -> PageSet:
    items = entries(ctx)
    history = ctx.inputs.history
    for item in items:
        item["jangkar_md"] = Markup("{#" + item["jangkar"] + "}")
        for r in item["baris"]:
            r["kolom_teks"] = _column(r)
    folded = [i for i in items if not i["berubah"]]
    page = ctx.env.get_template("riwayat.md.j2").render(
        versi=[i for i in items if i["berubah"]], terlipat=folded, asal=history.asal if history else "",
        lainnya=history.lainnya if history else 0, dangkal=history.dangkal if history else False,
        umpan=md_link(FEED, PATH), data=md_link("data-terbuka.md", PATH), **ctx.common)
    return PageSet(pages={PATH: page, FEED: feed(ctx, items)}, nav=[{"Riwayat pembaruan": PATH}])
