"""The Tahap 5 crosswalk (`pohon/tahap-5.md`): every node of the tree with its indicator, level, planning
component and owner, and the package's own crosswalk (level ↔ component ↔ owner) it is read against.

What the package states is shown as stated; what the crosswalk supplies is marked as such, and where a
node's stages, level or owner disagree with each other or with the crosswalk, the row says so."""
from __future__ import annotations

from generator.render.context import PageContext, PageSet
from generator.render.links import md_link
from generator.render.pohon_teks import Bacaan
from generator.render.words import JENIS_KONDISI, KOMPONEN, LEVEL, PEMILIK, TINGKAT

PATH = "pohon/tahap-5.md"


def page_path(ctx: PageContext) -> str | None:
    """The page's path, or None when the package has no tree."""
    return PATH if len(ctx.res.pohon) else None


def crosswalk(b: Bacaan) -> list[dict]:
    """The package's crosswalk, one row per level."""
    return [{"level": LEVEL[j.level], "komponen": ", ".join(KOMPONEN[k] for k in j.komponen),
             "pemilik": ", ".join(PEMILIK[p] for p in j.pemilik), "kondisi": ", ".join(JENIS_KONDISI[k] for k in j.kondisi),
             "tingkat": ", ".join(TINGKAT[k] for k in j.tingkat)} for j in b.settings.jenjang]


def rows(b: Bacaan) -> list[dict]:
    """One row per (node, indicator) of the primary tree, in the tree's order."""
    tree = b.utama
    out = []
    for node in tree.nodes:
        notes = []
        if node.get("komponen_dari") == "peta":
            notes.append("komponen tidak tercetak: menurut peta jenjang")
        owner_note = b.owner_note(node)
        if owner_note:
            notes.append(f"pemilik {owner_note}")
        if node.get("lintas"):
            notes.append(b.lintas_text(node))
        comp = KOMPONEN.get(node["komponen"]) if node.get("komponen") else "–"
        raw = b.kondisi.get(node["id"]) if tree.jenis == "kondisi" else None
        printed = raw["komponen_tercetak"] if raw is not None and raw["komponen_tercetak"] else None
        indicators = tree.indicators.get(node["id"]) or [None]
        for n, ind in enumerate(indicators):
            mine = list(notes) if n == 0 else []
            level = b.level_text(ind.get("level")) if ind else "–"
            if ind is not None:
                stages = b.levels_by_stage(ind)
                if stages:
                    mine.append(f"level berbeda antartahap: {stages}")
                if ind.get("level_dari") == "peta":
                    mine.append("level tidak tercetak: menurut peta jenjang")
            owner = (ind or node).get("pemilik") or node.get("pemilik")
            jabatan = (ind or node).get("jabatan") or node.get("jabatan")
            status = b.status(ind)["teks"] if ind is not None else None
            out.append({"kondisi": node["nama"] if n == 0 else "″", "jenis": b.kind_label(tree, node) if n == 0 else "",
                        "indikator": ind["nama"] if ind else "belum ada indikator", "level": level,
                        "komponen": (comp + (f" (tercetak: {printed})" if printed else "")) if n == 0 else "″",
                        "pemilik": b.owner_text(owner, jabatan), "status": status, "catatan": "; ".join(mine)})
    return out


def build(ctx: PageContext) -> PageSet:
    path = page_path(ctx)
    if path is None:
        return PageSet()
    b = Bacaan(ctx)
    page = ctx.env.get_template("pohon_peta.md.j2").render(
        peta=crosswalk(b), dasar=b.settings.dasar, baris=rows(b), kinerja=b.kinerja, tahun_data=ctx.year,
        nama_pohon=b.utama.nama, jenis=b.utama.jenis, pohon=md_link("pohon.md", path), **ctx.common)
    return PageSet(pages={path: page})
