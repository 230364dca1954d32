"""How the tree was built (`pohon/cara-menyusun.md`), in plain Bahasa, told with the package's own content:
its outcome (Tahap 1), its critical success factors turned from problems into conditions (Tahap 2), how many
conditions of each kind it broke them into (Tahap 3), its indicators by level (Tahap 4) and how they were
handed to planning components and officials (Tahap 5)."""
from __future__ import annotations

from generator.compute.pohon import KONDISI
from generator.domain import pohon as vocab
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link
from generator.render.pohon_teks import Bacaan
from generator.render.words import KOMPONEN, LEVEL, PEMILIK

PATH = "pohon/cara-menyusun.md"


def page_path(ctx: PageContext) -> str | None:
    """The page's path when the package has a tree built with the five-stage method."""
    return PATH if (ctx.res.pohon["pohon"] == KONDISI).any() else None


def _count(items, key, order) -> list[dict]:
    counts: dict = {}
    for i in items:
        counts[i.get(key)] = counts.get(i.get(key), 0) + 1
    return [{"kode": k, "jumlah": counts[k]} for k in list(order) + [None] if k in counts]


def build(ctx: PageContext) -> PageSet:
    if page_path(ctx) is None:
        return PageSet()
    b = Bacaan(ctx)
    tree = b.tree(KONDISI)

    def indicators(node):
        return [{"nama": i["nama"], "level": b.level_text(i.get("level"))} for i in tree.indicators.get(node["id"], [])]

    outcomes = [{"nama": n["nama"], "indikator": indicators(n)} for n in tree.nodes if n["jenis"] == "outcome"]
    csf = []
    for n in [n for n in tree.nodes if n["jenis"] == "csf"]:
        below: list[dict] = []
        stack = list(tree.children.get(n["id"], []))
        while stack:
            child = stack.pop(0)
            below.append(child)
            stack = tree.children.get(child["id"], []) + stack
        csf.append({"masalah": n.get("masalah"), "nama": n["nama"], "indikator": indicators(n),
                    "uraian": _count(below, "jenis", vocab.JENIS_KONDISI), "jumlah": len(below)})
    stage3 = [n for n in tree.nodes if n["jenis"] not in ("outcome", "csf")]
    latest = [i for v in tree.indicators.values() for i in v]
    page = ctx.env.get_template("pohon_cara.md.j2").render(
        outcome=outcomes, csf=csf, tahap3=_count(stage3, "jenis", vocab.JENIS_KONDISI), jumlah3=len(stage3),
        lintas=sum(1 for n in tree.nodes if n.get("lintas")),
        level=[{"teks": LEVEL.get(c["kode"], "level tidak tercetak"), "jumlah": c["jumlah"]}
               for c in _count(latest, "level", vocab.LEVEL)],
        jumlah_indikator=len(latest),
        komponen=[{"teks": KOMPONEN.get(c["kode"], "komponen tidak tercetak"), "jumlah": c["jumlah"]}
                  for c in _count([n for n in tree.nodes], "komponen", vocab.KOMPONEN)],
        pemilik=[{"teks": PEMILIK.get(c["kode"], "pemilik tidak tercetak"), "jumlah": c["jumlah"]}
                 for c in _count([n for n in tree.nodes], "pemilik", vocab.PEMILIK)],
        kinerja=b.kinerja, pohon=md_link("pohon.md", PATH), peta=md_link("pohon/tahap-5.md", PATH),
        lintas_tautan=md_link("pohon/lintas.md", PATH), **ctx.common)
    return PageSet(pages={PATH: page})
