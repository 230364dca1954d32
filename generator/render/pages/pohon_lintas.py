"""Cross-cutting conditions (`pohon/lintas.md`): the nodes of the five-stage tree shared beyond the agency
(Tahap 3: "identifikasi adanya crosscutting dengan organisasi lain"), with their indicator, partners, place
in the tree and owner."""
from __future__ import annotations

from generator.compute.pohon import KONDISI
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link
from generator.render.pohon_teks import Bacaan

PATH = "pohon/lintas.md"


def page_path(ctx: PageContext) -> str | None:
    """The page's path when the package has a five-stage tree (where cross-cutting is identified)."""
    return PATH if (ctx.res.pohon["pohon"] == KONDISI).any() else None


def build(ctx: PageContext) -> PageSet:
    if page_path(ctx) is None:
        return PageSet()
    b = Bacaan(ctx)
    tree = b.tree(KONDISI)
    items = []
    for node in tree.nodes:
        if not node.get("lintas"):
            continue
        parent = tree.by_id.get(node["induk"]) if node.get("induk") else None
        items.append({"nama": node["nama"], "mitra": node.get("mitra"),
                      "indikator": [{"nama": i["nama"], "level": b.level_text(i.get("level")),
                                     "status": b.status(i)["teks"]} for i in tree.indicators.get(node["id"], [])],
                      "induk": f"{b.kind_label(tree, parent)}: {parent['nama']}" if parent else None,
                      "pemilik": b.owner_text(node.get("pemilik"), node.get("jabatan")),
                      "catatan": b.kondisi[node["id"]]["catatan"] if node["id"] in b.kondisi else None,
                      "anak": len(tree.children.get(node["id"], []))})
    page = ctx.env.get_template("pohon_lintas.md.j2").render(
        kondisi=items, pohon=md_link("pohon.md", PATH), peta=md_link("pohon/tahap-5.md", PATH), **ctx.common)
    return PageSet(pages={PATH: page})
