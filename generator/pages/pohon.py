"""The performance tree (`pohon.md`): tujuan → sasaran → program → kegiatan → sub kegiatan, each node with
its indicators, their status in the report year, and its budget.

Built as native nested <details>/<summary>: every browser makes a summary focusable and toggles it with
Enter or Space, with no JavaScript. The tree is raw HTML (mkdocs.yml has no md_in_html), so every text
is escaped here with `render.md`, which turns < > & and Markdown syntax into numeric entities; no data
ever goes into an attribute (ids and hrefs are built from IDs, which the schema limits to [a-z0-9._-]).
"""
from __future__ import annotations

from markupsafe import Markup

from generator import fmt
from generator.pages import PageContext, PageSet
from generator.pages.indikator import TINGKAT, Lookup, ada, html_link, page_path
from generator.render import md

PATH = "pohon.md"


def _budget(lk: Lookup) -> dict[str, dict]:
    lines = lk.res.anggaran[lk.res.anggaran["tahun"] == lk.year]
    return {r["id"]: r for r in lines.to_dict("records") if r["tingkat"] not in ("jenis_belanja", "total")}


def _children(lk: Lookup) -> dict[str | None, list[dict]]:
    """Children per parent, in the order of the node table; nodes whose parent is missing are roots."""
    out: dict[str | None, list[dict]] = {}
    for node in lk.nodes.values():
        parent = node["induk"] if ada(node["induk"]) and node["induk"] in lk.nodes else None
        out.setdefault(parent, []).append(node)
    return out


def _indicator_item(lk: Lookup, ind: dict) -> str:
    s = lk.status(ind, lk.year)
    link = html_link(page_path(ind["id"]), PATH)
    parts = []
    if s["target"] is not None:
        parts.append(f"target {md(s['target'])}")
    if s["realisasi"] is not None:
        parts.append(f"realisasi {md(s['realisasi'])}")
    if s["capaian"] is not None:
        kategori = f" ({md(s['kategori'])}, {md(s['interpretasi'])})" if s["kategori"] and s["interpretasi"] else ""
        parts.append(f"capaian <strong>{md(fmt.persen(s['capaian']))}</strong>{kategori}")
    elif s["ada_target"] or s["realisasi"] is None:
        parts.append("<strong>belum tersedia</strong>")
    if ada(ind["diganti_oleh"]):
        parts.append("indikator lama, sudah diganti")
    elif s["ada_target"] and not s["berlaku"]:
        parts.append("targetnya dari dokumen yang sudah diganti")
    if not s["ada_target"] and s["realisasi"] is None:
        parts = [f"tidak ada target maupun realisasi tahun {lk.year}"]
    iku = ' <span class="pohon-iku">IKU</span>' if ind["iku"] is True else ""
    return f'<li><a href="{link}">{md(ind["nama"])}</a>{iku}<br><span class="pohon-nilai">{"; ".join(parts)}</span></li>'


def _summary_badges(lk: Lookup, node: dict, indicators: list[dict], budget: dict | None) -> str:
    """The short status shown on the closed node: capaian (or belum tersedia) and serapan."""
    badges = []
    if indicators:
        if node["tingkat"] == "sasaran":
            rows = lk.res.sasaran[(lk.res.sasaran["sasaran"] == node["id"]) & (lk.res.sasaran["tahun"] == lk.year)]
            mean = float(rows.iloc[0]["rata_rata"]) if len(rows) and ada(rows.iloc[0]["rata_rata"]) else None
        else:
            mean = lk.mean_capaian([i["id"] for i in indicators], lk.year)
        active = [i for i in indicators if lk.status(i, lk.year)["berlaku"]]
        with_data = [i for i in active if lk.status(i, lk.year)["capaian"] is not None]
        if mean is not None and len(active) == 1:
            badges.append(f'<span class="pohon-lencana">capaian {md(fmt.persen(mean))}</span>')
        elif mean is not None:
            badges.append(f'<span class="pohon-lencana">rata-rata capaian {md(fmt.persen(mean))} '
                          f'({len(with_data)} dari {len(active)} indikator)</span>')
        elif active:
            badges.append('<span class="pohon-lencana pohon-kosong">capaian belum tersedia</span>')
    if budget is not None and budget["serapan"] is not None:
        badges.append(f'<span class="pohon-lencana">serapan {md(fmt.persen(budget["serapan"]))}</span>')
    return " ".join(badges)


def _node(lk: Lookup, node: dict, kids: dict, budget: dict, by_node: dict, depth: int) -> list[str]:
    indicators = by_node.get(node["id"], [])
    line = budget.get(node["id"])
    opened = " open" if depth == 0 else ""
    out = [f'<details class="pohon-simpul pohon-{node["tingkat"].replace("_", "-")}" id="pohon-{node["id"]}"{opened}>',
           f'<summary><span class="pohon-tingkat">{md(lk.node_label(node))}</span> '
           f'<span class="pohon-nama">{md(node["nama"])}</span> {_summary_badges(lk, node, indicators, line)}</summary>',
           '<div class="pohon-isi">']
    facts = []
    if ada(node.get("sasaran_uraian")):
        facts.append(f"Sasaran {md(TINGKAT.get(node['tingkat'], '').lower())}: {md(node['sasaran_uraian'])}")
    if ada(node.get("kode")) and node["kode"] != lk.node_code(node):
        facts.append(f"Kode resmi: {md(node['kode'])}")
    unit = lk.units.get(node["unit"])
    parent = lk.nodes.get(node["induk"]) if ada(node["induk"]) else None
    if unit and (parent is None or parent["unit"] != node["unit"]):  # said once where it changes
        facts.append(f"Penanggung jawab: {md(unit['nama'])}")
    if line is not None:
        facts.append(f"Anggaran {lk.year}: pagu {md(fmt.rupiah(line['pagu']))} · realisasi "
                     f"{md(fmt.rupiah(line['realisasi']))} · serapan {md(fmt.persen(line['serapan']))}")
    elif node["tingkat"] in ("program", "kegiatan", "sub_kegiatan"):
        facts.append(f"Anggaran {lk.year}: tidak ada dalam laporan realisasi")
    if node["id"] in lk.sasaran_pages:
        href = html_link(f"sasaran/{node['id']}.md", PATH)
        facts.append(f'<a href="{href}">Halaman sasaran ini</a>')
    if facts:
        out.append('<p class="pohon-fakta">' + "<br>".join(facts) + "</p>")
    if indicators:
        out.append('<ul class="pohon-indikator">' + "".join(_indicator_item(lk, i) for i in indicators) + "</ul>")
    for child in kids.get(node["id"], []):
        out.extend(_node(lk, child, kids, budget, by_node, depth + 1))
    out.append("</div>")
    out.append("</details>")
    return out


def tree_html(lk: Lookup) -> Markup:
    """The whole tree as one raw HTML block (no blank lines, so Markdown keeps it as one block)."""
    kids, budget = _children(lk), _budget(lk)
    by_node: dict[str, list[dict]] = {}
    for ind in lk.indicators:
        by_node.setdefault(ind["node"], []).append(ind)
    lines = ['<div class="pohon">']
    for root in kids.get(None, []):
        lines.extend(_node(lk, root, kids, budget, by_node, 0))
    lines.append("</div>")
    return Markup("\n".join(lines))


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    counts = {k: sum(1 for n in lk.nodes.values() if n["tingkat"] == k)
              for k in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")}
    page = ctx.env.get_template("pohon.md.j2").render(pohon=tree_html(lk), jumlah=counts,
                                                      indikator=len(lk.indicators), **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Pohon kinerja": PATH}])
