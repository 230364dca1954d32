"""The performance tree (`pohon.md`), drawn and listed from one model (`compute/pohon.py`).

The drawing is the picture agencies, evaluators and citizens know: boxes and connectors in tiers labelled
with the PK level that owns them, cross-cutting nodes marked, each box coloured by its capaian category
where data exists. It is static SVG made at build time (text in the SVG, a title and a description,
readable without JavaScript): a wide top-down picture that scrolls sideways on screens and fits a landscape
page on paper, and a narrow one for phones. Below it, the same tree as native nested <details>
(`templates/_pohon_simpul.html.j2`): focusable and toggled with Enter or Space without JavaScript, the view
for keyboards and screen readers, with every fact the drawing has and more (budget, links).

The primary tree is the five-stage one (`kondisi`) when the package has it, else the nomenclature tree
(`node`); a package with both gets the nomenclature tree on `pohon/nomenklatur.md`. The other tree pages
(how it was built, the Tahap 5 crosswalk, one page per owner level, cross-cutting) are their own modules;
this one lists them in the navigation.
"""
from __future__ import annotations

from markupsafe import Markup

from generator import fmt
from generator.compute.pohon import KONDISI, NOMENKLATUR
from generator.domain.values import present, row_dicts
from generator.render import pohon_gambar as gambar
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import html_link, md_link
from generator.render.lookup import Lookup
from generator.render.pages import pohon_cara, pohon_lintas, pohon_pemilik, pohon_peta
from generator.render.pages.indikator import page_path as indicator_path
from generator.render.pages.sasaran import page_path as sasaran_path
from generator.render.pohon_teks import PATH, PATH_NOMENKLATUR, Bacaan, Pohon
from generator.render.values import status_class
from generator.render.words import JENIS_KONDISI, KOMPONEN, LINTAS, TINGKAT, pagu_nol, serapan_text


def page_path(kind: str = KONDISI, primary: bool = True) -> str:
    return PATH if primary else PATH_NOMENKLATUR


# --- the nested list --------------------------------------------------------------------------------------

def _part(awal: str, tebal: str = "", akhir: str = "") -> dict:
    """A piece of an indicator's status line; `tebal` is shown in bold."""
    return {"awal": awal, "tebal": tebal, "akhir": akhir}


def _fact(teks: str, tautan=None) -> dict:
    return {"teks": teks, "tautan": tautan}


def _budget(lk: Lookup) -> dict[str, dict]:
    if lk.year is None:
        return {}
    lines = lk.res.anggaran[lk.res.anggaran["tahun"] == lk.year]
    return {r["id"]: r for r in row_dicts(lines) if r["tingkat"] not in ("jenis_belanja", "total")}


def _measured(b: Bacaan, ind: dict, here: str) -> dict:
    """An indicator of the package (targets, realisasi) as the list shows it."""
    lk = b.lk
    if lk.year is None:
        targets = sorted(lk.targets.get(ind["id"], []), key=lambda r: r["tahun"])
        shown = [f"{r['tahun']}: {lk.value(ind, r['nilai'], r['label'])}" for r in targets if r["jenis"] == "tahunan"]
        parts = [_part("target " + "; ".join(shown))] if shown else []
        parts.append(_part("", "realisasi belum dipublikasikan"))
    else:
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
    return {"nama": ind["nama"], "tautan": html_link(indicator_path(ind["id"]), here), "iku": ind["iku"] is True,
            "bagian": parts}


def _tree_indicator(b: Bacaan, tree: Pohon, node: dict, ti: dict, here: str) -> dict:
    """An indicator of the tree: the package's own (status and link) or, on a five-stage tree, as stated."""
    lk = b.lk
    link = ti.get("indikator")
    shown = _measured(b, lk.by_id[link], here) if link and link in lk.by_id else {
        "nama": ti["nama"], "tautan": None, "iku": False, "bagian": []}
    if tree.jenis == KONDISI:
        shown["nama"] = ti["nama"]
        level = b.levels_by_stage(ti) or b.level_text(ti.get("level"))
        shown["bagian"] = [_part(level)] + shown["bagian"]
        if not link and b.kinerja:
            shown["bagian"].append(_part("", "belum terhubung ke indikator terukur"))
    elif ti.get("level_dari") == "tercetak" or ti.get("pemilik") != node.get("pemilik"):
        owner = b.owner_text(ti.get("pemilik"), ti.get("jabatan")) if ti.get("pemilik") else None
        if owner:
            shown["bagian"] = [_part(f"pemilik {owner}")] + shown["bagian"]
    return shown


def _badges(b: Bacaan, node: dict, line: dict | None) -> list[dict]:
    badges = []
    status = b.node_status(node)
    if status["teks"]:
        badges.append({"teks": status["teks"], "kosong": status["kategori"] is None})
    if node.get("lintas"):
        badges.append({"teks": LINTAS.lower(), "kosong": False})
    if line is not None and (line["serapan"] is not None or pagu_nol(line["pagu"])):
        badges.append({"teks": f"serapan {serapan_text(line['serapan'], line['pagu'], '–')}", "kosong": False})
    return badges


def _facts(b: Bacaan, tree: Pohon, node: dict, line: dict | None, here: str) -> list[dict]:
    lk = b.lk
    facts = []
    if tree.jenis == KONDISI:
        raw = b.kondisi[node["id"]]
        if node.get("masalah"):
            facts.append(_fact(f"Masalah (Tahap 2): {node['masalah']}"))
        facts.append(_fact(f"Diperkenalkan di Tahap {node['tahap']}"))
        if present(raw["komponen"]):
            printed = f" (tercetak: {raw['komponen_tercetak']})" if present(raw["komponen_tercetak"]) else ""
            facts.append(_fact(f"Komponen perencanaan: {KOMPONEN[raw['komponen']]}{printed}"))
        if node.get("pemilik"):
            printed = f"; tercetak: {raw['pemilik_tercetak']}" if present(raw["pemilik_tercetak"]) else ""
            note = b.owner_note(node)
            facts.append(_fact(f"Pemilik kinerja: {b.owner_text(node['pemilik'], node.get('jabatan'))}{printed}"
                               + (f"; {note}" if note else "")))
        if node.get("lintas"):
            facts.append(_fact(b.lintas_text(node)))
        if node.get("simpul") and node["simpul"] in lk.nodes:
            target = lk.nodes[node["simpul"]]
            facts.append(_fact(f"Dilaksanakan melalui {lk.node_label(target)}: {target['nama']}",
                               html_link(f"{PATH_NOMENKLATUR}#pohon-{target['id']}", here)))
        return facts
    raw = lk.nodes[node["id"]]
    if present(raw.get("sasaran_uraian")):
        facts.append(_fact(f"Sasaran {TINGKAT.get(raw['tingkat'], '').lower()}: {raw['sasaran_uraian']}"))
    if present(raw.get("kode")) and raw["kode"] != lk.node_code(raw):
        facts.append(_fact(f"Kode resmi: {raw['kode']}"))
    if node.get("pemilik"):
        note = b.owner_note(node)
        facts.append(_fact(f"Pemilik kinerja: {b.owner_text(node['pemilik'], node.get('jabatan'))}"
                           + (f"; {note}" if note else "")))
    unit = lk.units.get(raw["unit"])
    parent = lk.nodes.get(raw["induk"]) if present(raw["induk"]) else None
    if unit and (parent is None or parent["unit"] != raw["unit"]):  # said once where it changes
        facts.append(_fact(f"Penanggung jawab: {unit['nama']}"))
    if line is not None:
        facts.append(_fact(f"Anggaran {lk.year}: pagu {fmt.rupiah(line['pagu'])} · realisasi "
                           f"{fmt.rupiah(line['realisasi'])} · serapan {serapan_text(line['serapan'], line['pagu'], '–')}"))
    elif raw["tingkat"] in ("program", "kegiatan", "sub_kegiatan") and b.kinerja:
        facts.append(_fact(f"Anggaran {lk.year}: tidak ada dalam laporan realisasi"))
    if raw["id"] in lk.sasaran_pages:
        facts.append(_fact("Halaman sasaran ini", html_link(sasaran_path(raw["id"]), here)))
    return facts


def _list_node(b: Bacaan, tree: Pohon, node: dict, budget: dict, here: str, depth: int) -> dict:
    line = budget.get(node["id"]) if tree.jenis == NOMENKLATUR else None
    kelas = node["jenis"] if tree.jenis == NOMENKLATUR else (node["jenis"] or "kondisi")
    return {"id": node["id"], "kelas": Markup(str(kelas).replace("_", "-")), "buka": depth == 0,
            "label": b.kind_label(tree, node), "nama": node["nama"], "lencana": _badges(b, node, line),
            "fakta": _facts(b, tree, node, line, here),
            "indikator": [_tree_indicator(b, tree, node, ti, here) for ti in tree.indicators.get(node["id"], [])],
            "anak": [_list_node(b, tree, child, budget, here, depth + 1) for child in tree.children.get(node["id"], [])]}


def list_model(b: Bacaan, tree: Pohon, here: str) -> list[dict]:
    """The roots of the nested list, each node with its badges, facts, indicators and children."""
    budget = _budget(b.lk)
    return [_list_node(b, tree, root, budget, here, 0) for root in tree.children.get(None, [])]


# --- the drawing ------------------------------------------------------------------------------------------

def _boxes(b: Bacaan, tree: Pohon) -> list[gambar.Box]:
    scale = b.ctx.res.scales.get(b.ctx.t.settings.skala_kategori_capaian)
    boxes = []
    for node in tree.nodes:
        kind = b.short_kind(tree, node) + (" · LINTAS" if node.get("lintas") else "")
        parts = [("jenis", kind), ("nama", node["nama"])]
        for ti in tree.indicators.get(node["id"], []):
            parts.append(("indikator", b.indicator_line(ti)))
        if node.get("jabatan"):
            parts.append(("jabatan", node["jabatan"]))
        status = b.node_status(node)
        cls = "pohon-g-netral"
        if b.kinerja:
            if status["teks"]:
                parts.append(("status", status["teks"] + (f", kategori {status['kategori']}" if status["kategori"] else "")))
            cls = str(status_class(scale, status["kategori"])) if status["kategori"] else "pohon-g-kosong"
        boxes.append(gambar.Box(node["id"], node["induk"], int(node["baris"]), parts, cls, bool(node.get("lintas"))))
    return boxes


UNSTATED = "Komponen dan pemilik tidak tercetak"


def drawing(b: Bacaan, tree: Pohon, key: str) -> dict:
    """Both drawings of a tree, with their accessible title and description."""
    rows = sorted({int(n["baris"]) for n in tree.nodes})
    bands = {r: b.tier_label(r) for r in rows}
    # a node's row found from its place (no component printed, none its kind implies) is no statement of its
    # component or its owner: the phone drawing, which labels every box, says so rather than name the row's
    labels = {n["id"]: UNSTATED if n.get("komponen_dari") == "induk" else " · ".join(b.tier_label(int(n["baris"])))
              for n in tree.nodes}
    inst = b.ctx.common["instansi"]
    counts = {}
    for n in tree.nodes:
        word = (JENIS_KONDISI.get(n["jenis"]) if tree.jenis == KONDISI else TINGKAT.get(n["jenis"])) or "kondisi tanpa label"
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    lintas = sum(1 for n in tree.nodes if n.get("lintas"))
    desc = (f"{tree.nama} {inst['nama']}: {summary}" + (f"; {lintas} kondisi lintas perangkat daerah" if lintas else "")
            + ". Baris gambar dari atas: " + "; ".join(" · ".join(bands[r]) for r in rows)
            + ". Versi teks yang dapat dibuka-tutup ada di bawah gambar.")
    return {"kunci": key, "judul": f"{tree.nama}: {inst['nama']}", "uraian": desc,
            "lebar": gambar.wide(_boxes(b, tree), bands), "sempit": gambar.narrow(_boxes(b, tree), labels)}


def legend(b: Bacaan) -> list[dict]:
    """The colours of the drawing, in words (the colour only supports the text in each box)."""
    if not b.kinerja:
        return []
    scale = b.ctx.res.scales.get(b.ctx.t.settings.skala_kategori_capaian)
    items = [{"kelas": status_class(scale, c["kode"]), "kode": c["kode"], "teks": c["interpretasi"]}
             for c in (scale.classes if scale is not None else [])]
    return items + [{"kelas": Markup("pohon-g-kosong"), "kode": "–", "teks": "capaian belum tersedia"}]


# --- pages ------------------------------------------------------------------------------------------------

# The narrowest page column (px) that shows the wide drawing (a 45em window, theme/…/pohon.css, less Material's
# margins): a drawing no wider never scrolls, and the hint "geser ke samping" above it would send a reader
# looking for what is not there (a one-node tree).
NARROWEST_COLUMN = 600


def _page(ctx: PageContext, b: Bacaan, tree: Pohon, here: str, others: list[dict]) -> str:
    env = ctx.env
    svg = env.get_template("_pohon_gambar.svg.j2")
    pic = drawing(b, tree, "utama" if here == PATH else "nomenklatur")
    tree_html = Markup(env.get_template("_pohon_simpul.html.j2").render(akar=list_model(b, tree, here)).rstrip("\n"))
    counts: dict[str, int] = {}
    for n in tree.nodes:
        counts[n["jenis"] or "tanpa_jenis"] = counts.get(n["jenis"] or "tanpa_jenis", 0) + 1
    n_ind = sum(len(v) for v in tree.indicators.values())
    return env.get_template("pohon.md.j2").render(
        judul="Pohon kinerja" if here == PATH else tree.nama,
        pohon=tree_html, jenis=tree.jenis, nama_pohon=tree.nama, jumlah=counts, indikator=n_ind,
        lintas=sum(1 for n in tree.nodes if n.get("lintas")),
        geser=pic["lebar"]["lebar"] > NARROWEST_COLUMN,
        gambar_lebar=Markup(svg.render(g=pic["lebar"], judul=pic["judul"], uraian=pic["uraian"],
                                       kunci=f"{pic['kunci']}-lebar", kelas="pohon-lebar").strip()),
        gambar_sempit=Markup(svg.render(g=pic["sempit"], judul=pic["judul"], uraian=pic["uraian"],
                                        kunci=f"{pic['kunci']}-sempit", kelas="pohon-sempit").strip()),
        legenda=legend(b), kinerja=b.kinerja, tahun_data=ctx.year, lainnya=others,
        metodologi=md_link("metodologi.md", here), anggaran=md_link("anggaran.md", here) if b.kinerja else None,
        istilah=Istilah(here, ctx.common["glosarium"], ctx.env), **{k: v for k, v in ctx.common.items()})


def build(ctx: PageContext) -> PageSet:
    b = Bacaan(ctx)
    if b.utama is None:
        page = ctx.env.get_template("pohon.md.j2").render(
            istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env), judul="Pohon kinerja", pohon=None, jenis=None, nama_pohon=None, jumlah={}, indikator=0, lintas=0, geser=False, gambar_lebar=None,
            gambar_sempit=None, legenda=[], kinerja=b.kinerja, tahun_data=ctx.year, lainnya=[],
            metodologi=md_link("metodologi.md", PATH), anggaran=None, **ctx.common)
        return PageSet(pages={PATH: page}, nav=[{"Pohon kinerja": PATH}])
    subpages = [(title, path) for title, path in (
        ("Cara pohon ini disusun", pohon_cara.page_path(ctx)),
        ("Peta kinerja jabatan (Tahap 5)", pohon_peta.page_path(ctx)),
        ("Kondisi lintas perangkat daerah", pohon_lintas.page_path(ctx))) if path]
    owners = pohon_pemilik.page_paths(ctx)
    second = b.tree(NOMENKLATUR) if b.utama.jenis == KONDISI else None
    pages = {}
    links = [{"judul": t, "tautan": md_link(p, PATH), "pemilik": False} for t, p in subpages] + \
            [{"judul": t, "tautan": md_link(p, PATH), "pemilik": True} for t, p in owners]
    if second is not None:
        links.insert(0, {"judul": second.nama, "tautan": md_link(PATH_NOMENKLATUR, PATH), "pemilik": False})
    pages[PATH] = _page(ctx, b, b.utama, PATH, links)
    nav: list = [{"Gambar dan daftar pohon kinerja": PATH}]  # also the browser tab's title
    if second is not None:
        back = [{"judul": b.utama.nama, "tautan": md_link(PATH, PATH_NOMENKLATUR), "pemilik": False}]
        pages[PATH_NOMENKLATUR] = _page(ctx, b, second, PATH_NOMENKLATUR, back)
        nav.append({second.nama: PATH_NOMENKLATUR})
    nav += [{t: p} for t, p in subpages]
    if owners:
        nav.append({"Siapa bertanggung jawab": [{t: p} for t, p in owners]})
    return PageSet(pages=pages, nav=[{"Pohon kinerja": nav if len(nav) > 1 else PATH}])
