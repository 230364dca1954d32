"""The performance tree (`pohon.md`): tujuan → sasaran → program → kegiatan → sub kegiatan, each node with
its indicators, their status in the report year, and its budget.

Native nested <details>/<summary> (`templates/_pohon_simpul.html.j2`): every browser makes a summary
focusable and toggles it with Enter or Space, with no JavaScript. This module builds the model the
template draws; the figures come from the computed results (node averages, capaian, serapan).
"""
from __future__ import annotations

from markupsafe import Markup

from generator import fmt
from generator.domain.values import present
from generator.render.context import PageContext, PageSet
from generator.render.links import html_link
from generator.render.lookup import Lookup
from generator.render.pages.indikator import page_path as indicator_path
from generator.render.pages.sasaran import page_path as sasaran_path
from generator.render.words import TINGKAT

PATH = "pohon.md"


def _budget(lk: Lookup) -> dict[str, dict]:
    lines = lk.res.anggaran[lk.res.anggaran["tahun"] == lk.year]
    return {r["id"]: r for r in lines.to_dict("records") if r["tingkat"] not in ("jenis_belanja", "total")}


def _children(lk: Lookup) -> dict[str | None, list[dict]]:
    """Children per parent, in the order of the node table; nodes whose parent is missing are roots."""
    out: dict[str | None, list[dict]] = {}
    for node in lk.nodes.values():
        parent = node["induk"] if present(node["induk"]) and node["induk"] in lk.nodes else None
        out.setdefault(parent, []).append(node)
    return out


def _part(awal: str, tebal: str = "", akhir: str = "") -> dict:
    """A piece of an indicator's status line; `tebal` is shown in bold."""
    return {"awal": awal, "tebal": tebal, "akhir": akhir}


def _fact(teks: str, tautan=None) -> dict:
    return {"teks": teks, "tautan": tautan}


def _indicator(lk: Lookup, ind: dict) -> dict:
    s = lk.status(ind, lk.year)
    parts = []
    if s["target"] is not None:
        parts.append(_part(f"target {s['target']}"))
    if s["realisasi"] is not None:
        parts.append(_part(f"realisasi {s['realisasi']}"))
    if s["capaian"] is not None:
        kategori = f" ({s['kategori']}, {s['interpretasi']})" if s["kategori"] and s["interpretasi"] else ""
        parts.append(_part("capaian ", fmt.persen(s["capaian"]), kategori))
    elif s["ada_target"] or s["realisasi"] is None:
        parts.append(_part("", "belum tersedia"))
    if present(ind["diganti_oleh"]):
        parts.append(_part("indikator lama, sudah diganti"))
    elif s["ada_target"] and not s["berlaku"]:
        parts.append(_part("targetnya dari dokumen yang sudah diganti"))
    if not s["ada_target"] and s["realisasi"] is None:
        parts = [_part(f"tidak ada target maupun realisasi tahun {lk.year}")]
    return {"nama": ind["nama"], "tautan": html_link(indicator_path(ind["id"]), PATH), "iku": ind["iku"] is True,
            "bagian": parts}


def _badges(lk: Lookup, node: dict, indicators: list[dict], budget: dict | None) -> list[dict]:
    """The short status shown on the closed node: capaian (or belum tersedia) and serapan."""
    badges = []
    if indicators:
        average = lk.node_average(node["id"], lk.year)
        mean = float(average["rata_rata"]) if average and present(average["rata_rata"]) else None
        active = int(average["indikator"]) if average else 0
        with_data = int(average["dengan_data"]) if average else 0
        if mean is not None and active == 1:
            badges.append({"teks": f"capaian {fmt.persen(mean)}", "kosong": False})
        elif mean is not None:
            badges.append({"teks": f"rata-rata capaian {fmt.persen(mean)} ({with_data} dari {active} indikator)", "kosong": False})
        elif active:
            badges.append({"teks": "capaian belum tersedia", "kosong": True})
    if budget is not None and budget["serapan"] is not None:
        badges.append({"teks": f"serapan {fmt.persen(budget['serapan'])}", "kosong": False})
    return badges


def _facts(lk: Lookup, node: dict, line: dict | None) -> list[dict]:
    facts = []
    if present(node.get("sasaran_uraian")):
        facts.append(_fact(f"Sasaran {TINGKAT.get(node['tingkat'], '').lower()}: {node['sasaran_uraian']}"))
    if present(node.get("kode")) and node["kode"] != lk.node_code(node):
        facts.append(_fact(f"Kode resmi: {node['kode']}"))
    unit = lk.units.get(node["unit"])
    parent = lk.nodes.get(node["induk"]) if present(node["induk"]) else None
    if unit and (parent is None or parent["unit"] != node["unit"]):  # said once where it changes
        facts.append(_fact(f"Penanggung jawab: {unit['nama']}"))
    if line is not None:
        facts.append(_fact(f"Anggaran {lk.year}: pagu {fmt.rupiah(line['pagu'])} · realisasi "
                              f"{fmt.rupiah(line['realisasi'])} · serapan {fmt.persen(line['serapan'])}"))
    elif node["tingkat"] in ("program", "kegiatan", "sub_kegiatan"):
        facts.append(_fact(f"Anggaran {lk.year}: tidak ada dalam laporan realisasi"))
    if node["id"] in lk.sasaran_pages:
        facts.append(_fact("Halaman sasaran ini", html_link(sasaran_path(node["id"]), PATH)))
    return facts


def _node(lk: Lookup, node: dict, kids: dict, budget: dict, by_node: dict, depth: int) -> dict:
    indicators = by_node.get(node["id"], [])
    line = budget.get(node["id"])
    return {"id": node["id"], "kelas": Markup(node["tingkat"].replace("_", "-")), "buka": depth == 0,
            "label": lk.node_label(node), "nama": node["nama"], "lencana": _badges(lk, node, indicators, line),
            "fakta": _facts(lk, node, line), "indikator": [_indicator(lk, i) for i in indicators],
            "anak": [_node(lk, child, kids, budget, by_node, depth + 1) for child in kids.get(node["id"], [])]}


def tree_model(lk: Lookup) -> list[dict]:
    """The roots of the tree, each node with its badges, facts, indicators and children."""
    kids, budget = _children(lk), _budget(lk)
    by_node: dict[str, list[dict]] = {}
    for ind in lk.indicators:
        by_node.setdefault(ind["node"], []).append(ind)
    return [_node(lk, root, kids, budget, by_node, 0) for root in kids.get(None, [])]


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    counts = {k: sum(1 for n in lk.nodes.values() if n["tingkat"] == k)
              for k in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")}
    tree = Markup(ctx.env.get_template("_pohon_simpul.html.j2").render(akar=tree_model(lk)).rstrip("\n"))
    page = ctx.env.get_template("pohon.md.j2").render(pohon=tree, jumlah=counts, indikator=len(lk.indicators),
                                                      **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Pohon kinerja": PATH}])
