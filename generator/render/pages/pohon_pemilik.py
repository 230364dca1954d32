"""One page per owner level (`pohon/pemilik-<level>.md`): who is accountable for what. For every PK level
the package records (JPT, Eselon III, Sub Koordinator/JF, JF/JP): the positions that sign, the nodes and
indicators each one owns, their level and, where performance data is published, their status."""
from __future__ import annotations

from generator.domain import pohon as vocab
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link
from generator.render.pohon_teks import Bacaan
from generator.render.words import KOMPONEN, LEVEL, PEMILIK, PEMILIK_URAIAN


def _path(owner: str) -> str:
    return f"pohon/pemilik-{owner.replace('_', '-')}.md"


def _owners(frame) -> list[str]:
    present = set(frame["pemilik"].dropna())
    return [o for o in vocab.PEMILIK if o in present]


def page_paths(ctx: PageContext) -> list[tuple[str, str]]:
    """(title, path) of each owner level's page, most senior first; none when the package records no owner."""
    levels = _owners(ctx.res.pohon) + [o for o in _owners(ctx.res.pohon_indikator) if o not in _owners(ctx.res.pohon)]
    return [(PEMILIK[o], _path(o)) for o in vocab.PEMILIK if o in levels]


def _rows(b: Bacaan, owner: str) -> list[dict]:
    """What `owner` is accountable for, grouped by position: nodes it owns with their indicators, and indicators
    it owns on nodes owned by someone else."""
    groups: dict[str, list[dict]] = {}
    for tree in b.trees:
        if tree is not b.utama and tree.jenis == "nomenklatur" and b.utama.jenis == "kondisi":
            continue  # the five-stage tree says who owns what; the budget tree repeats it
        for node in tree.nodes:
            indicators = tree.indicators.get(node["id"], [])
            mine = [i for i in indicators if (i.get("pemilik") or node.get("pemilik")) == owner]
            if node.get("pemilik") != owner and not mine:
                continue
            jabatan = node.get("jabatan") if node.get("pemilik") == owner else (mine[0].get("jabatan") if mine else None)
            key = jabatan or "Jabatan tidak disebut dokumen"
            comp = KOMPONEN.get(node["komponen"]) if node.get("komponen") else "–"
            for n, ind in enumerate(mine or [None]):
                groups.setdefault(key, []).append({
                    "simpul": node["nama"] if n == 0 else "″", "jenis": b.kind_label(tree, node) if n == 0 else "",
                    "komponen": comp if n == 0 else "″", "indikator": ind["nama"] if ind else "–",
                    "level": b.level_text(ind.get("level") if ind else node.get("level")),
                    "status": b.status(ind)["teks"] if ind else None,
                    "lintas": bool(node.get("lintas")) and n == 0})
    return [{"jabatan": k, "baris": v} for k, v in groups.items()]


def build(ctx: PageContext) -> PageSet:
    paths = page_paths(ctx)
    if not paths:
        return PageSet()
    b = Bacaan(ctx)
    pages = {}
    for owner in [o for o in vocab.PEMILIK if _path(o) in {p for _, p in paths}]:
        path = _path(owner)
        j = b.settings.of("pemilik", owner)
        groups = _rows(b, owner)
        pages[path] = ctx.env.get_template("pohon_pemilik.md.j2").render(
            judul=PEMILIK[owner], uraian=PEMILIK_URAIAN[owner], level=LEVEL[j.level] if j else None,
            komponen=", ".join(KOMPONEN[k].lower() for k in j.komponen) if j else None, kelompok=groups,
            jumlah=sum(1 for g in groups for r in g["baris"] if r["indikator"] != "–"),
            kinerja=b.kinerja, tahun_data=ctx.year, peta=md_link("pohon/tahap-5.md", path),
            pohon=md_link("pohon.md", path), lainnya=[{"judul": t, "tautan": md_link(p, path)} for t, p in paths if p != path],
            **ctx.common)
    return PageSet(pages=pages)
