"""The performance tree as one model, and composite indicators: pure functions over the loaded tables.

Two trees can be drawn. The *kondisi* tree is the one built with the five-stage method (outcome → CSF →
kondisi antara utama → kondisi antara → kondisi operasional, table `kondisi`, seed 003); the *nomenklatur*
tree is the budget structure (tujuan → sasaran → program → kegiatan → sub kegiatan, table `node`). Both
become the same frame (`tree_nodes`) and indicator frame (`tree_indicators`): every node with its row in the
drawing (its planning component, `baris`), its level, its owner, whether it is cross-cutting, and its
capaian in the report year. The SVG diagram, the keyboard list, the Tahap 5 table and the owner pages all
read these frames; none recomputes them.

Where the package does not state a node's level, component or owner, the package's crosswalk
(`Settings.pohon`, PermenPANRB 89/2021 by default) gives the expected one; `*_dari` columns say which
(`tercetak`: the package says so; `peta`: read from the crosswalk; `induk`: one row below the parent).

Composite indicators (`komponen_indikator`): realisasi = Σ bobot × component realisasi, computed for a
year when the composite has no value of its own and every component has one (seed 000:
0,5×a + 0,5×b). The computed rows join the given ones (`realisasi_efektif`) and flow into capaian like any.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from generator.compute.capaian import capped
from generator.domain import pohon as vocab
from generator.domain.sakip import DIBAWA, SEMENTARA
from generator.domain.values import as_decimal, mean, present, row_dicts
from generator.load import ROW, Tables
from generator.settings import PohonSettings

KONDISI, NOMENKLATUR = "kondisi", "nomenklatur"
NODE_COLUMNS = ["pohon", "id", "induk", "urutan", "jenis", "nama", "masalah", "tahap", "komponen", "komponen_dari",
                "baris", "level", "level_dari", "pemilik", "pemilik_dari", "pemilik_harapan", "jabatan", "unit",
                "lintas", "mitra", "simpul", "rata_rata", "kategori", "indikator", "dengan_data", "sumber", ROW]
INDICATOR_COLUMNS = ["pohon", "simpul_pohon", "id", "nama", "level", "level_dari", "level_tahap", "nama_tahap",
                     "pemilik", "jabatan", "indikator", "capaian", "kategori", "tercapai", "urutan"]
STATUS_ORDER = ("final", DIBAWA, SEMENTARA)  # a computed value is as firm as its weakest component


# --- composite indicators ---------------------------------------------------------------------------------

def composite_realisasi(realisasi: pd.DataFrame, komponen: pd.DataFrame) -> pd.DataFrame:
    """Realisasi computed from components, one row per (composite, year) that has no value of its own while
    every component has one. Columns of the realisasi table plus `dihitung` (True) and `rincian`, the worked
    computation ('0,5 × 80 + 0,5 × 60 = 70')."""
    columns = list(realisasi.columns) + ["dihitung", "rincian"]
    parts = vocab.composite_parts(row_dicts(komponen))
    if not parts:
        return pd.DataFrame(columns=columns)
    values: dict[tuple[str, int], tuple[Decimal, str]] = {}
    for r in row_dicts(realisasi):
        if present(r["nilai"]):
            values[(r["indikator"], int(r["tahun"]))] = (as_decimal(r["nilai"]), r["status"])
    rows = []
    for ind in vocab.composite_order(parts):
        years = sorted({y for (i, y) in values if i == parts[ind][0]["komponen"]})
        for year in years:
            if (ind, year) in values:
                continue  # the composite's own value stands; rules_pohon compares it with the components
            got = [values.get((p["komponen"], year)) for p in parts[ind]]
            if any(g is None for g in got):
                continue
            total = vocab.combine(parts[ind], [g[0] for g in got])
            status = max((g[1] for g in got), key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else 0)
            values[(ind, year)] = (total, status)
            rows.append({"indikator": ind, "tahun": year, "nilai": float(total), "label": None, "status": status,
                         "sumber": f"dihitung dari komponen: {vocab.formula(parts[ind])}", "catatan": None, ROW: pd.NA,
                         "dihitung": True, "rincian": vocab.worked(parts[ind], [g[0] for g in got], total)})
    return pd.DataFrame(rows, columns=columns)


def realisasi_efektif(t: Tables) -> pd.DataFrame:
    """The package's realisasi and the composites' computed ones; a composite row marked tidak_ada without a
    value is replaced by the computed one."""
    given = t["realisasi"].assign(dihitung=False, rincian=None)
    computed = composite_realisasi(t["realisasi"], t["komponen_indikator"])
    if computed.empty:
        return given
    key = set(zip(computed["indikator"], computed["tahun"]))
    keep = [(i, y) not in key for i, y in zip(given["indikator"], given["tahun"])]
    out = pd.concat([given[keep], computed.astype({"tahun": given["tahun"].dtype})], ignore_index=True)
    out["tahun"] = out["tahun"].astype("Int64")
    return out.sort_values(["indikator", "tahun"], kind="stable").reset_index(drop=True)


def with_realisasi(t: Tables, realisasi: pd.DataFrame) -> Tables:
    """The same package with another realisasi frame (the computed composites included)."""
    return Tables({**t.frames, "realisasi": realisasi}, t.settings, t.descriptor)


# --- the tree -------------------------------------------------------------------------------------------

def _jenjang_row(p: PohonSettings, kind: str, code) -> str | None:
    j = p.of(kind, code) if present(code) else None
    return j.level if j else None


def _expected_owner(p: PohonSettings, level) -> str | None:
    j = p.of("level", level) if present(level) else None
    return j.pemilik[0] if j and j.pemilik else None


def _component_of(p: PohonSettings, kind: str, code) -> str | None:
    """The planning component a kind of condition (or tier) carries under the crosswalk: the n-th kind of a
    level takes the level's n-th component (outcome → tujuan, csf → sasaran)."""
    j = p.of(kind, code) if present(code) else None
    if not j or not j.komponen:
        return None
    return j.komponen[min(getattr(j, kind).index(code), len(j.komponen) - 1)]


def _capaian_of(cap: pd.DataFrame, year) -> dict[str, dict]:
    """The applicable capaian row of each indicator in the report year."""
    if year is None or cap.empty:
        return {}
    rows = cap[(cap["tahun"] == year) & cap["dipilih"]]
    return {r["indikator"]: r for r in row_dicts(rows)}


def _summary(ids: list[str], chosen: dict[str, dict], limit) -> dict:
    """Average capaian over the active indicators among `ids` that have one (same rule as node_averages)."""
    rows = [chosen[i] for i in ids if i in chosen and chosen[i]["berlaku"]]
    values = pd.Series([r["capaian"] for r in rows if present(r["capaian"])], dtype=float)
    return {"rata_rata": mean(capped(values, limit)), "indikator": len(rows), "dengan_data": int(len(values))}


def _kondisi_tree(t: Tables, p: PohonSettings, chosen: dict, classify, limit) -> tuple[list[dict], list[dict]]:
    kondisi = t["kondisi"]
    if kondisi.empty:
        return [], []
    ik = t["indikator_kondisi"].sort_values(["kondisi", ROW], kind="stable")
    by_kondisi: dict[str, list[dict]] = {}
    for r in row_dicts(ik):
        by_kondisi.setdefault(r["kondisi"], []).append(r)
    ids = set(kondisi["id"])
    records = row_dicts(kondisi)
    row_of: dict[str, int] = {}
    parent_of = {r["id"]: r["induk"] if present(r["induk"]) and r["induk"] in ids else None for r in records}

    def tier(r: dict, seen=()) -> tuple[int, str | None, str]:
        """The drawing row: printed component, else the kind's component, else one below the parent."""
        if present(r["komponen"]):
            return vocab.KOMPONEN.index(r["komponen"]), r["komponen"], "tercetak"
        comp = _component_of(p, "kondisi", r["jenis"])
        if comp:
            return vocab.KOMPONEN.index(comp), comp, "peta"
        parent = parent_of[r["id"]]
        parent_row = tier(by_id[parent], seen + (r["id"],))[0] if parent and parent not in seen else None
        if parent_row is not None:
            return min(parent_row + 1, len(vocab.KOMPONEN) - 1), None, "induk"
        return (1 if r["jenis"] != "outcome" else 0), None, "induk"

    by_id = {r["id"]: r for r in records}
    nodes, indicators = [], []
    for n, r in enumerate(records):
        row, comp, comp_from = tier(r)
        row_of[r["id"]] = row
        mine = by_kondisi.get(r["id"], [])
        per_indicator: dict[str, list[dict]] = {}
        for x in mine:
            per_indicator.setdefault(x["id"], []).append(x)
        stated = [x for x in sorted(mine, key=lambda x: (-int(x["tahap"]), x[ROW])) if present(x["level"])]
        level, level_from = (stated[0]["level"], "tercetak") if stated else (
            _jenjang_row(p, "komponen", comp) or _jenjang_row(p, "kondisi", r["jenis"]), "peta")
        if not level:
            level_from = None
        owner, owner_from = (r["pemilik"], "tercetak") if present(r["pemilik"]) else (None, None)
        linked = [x["indikator"] for x in mine if present(x["indikator"])]
        summary = _summary(list(dict.fromkeys(linked)), chosen, limit)
        k = classify(summary["rata_rata"])
        nodes.append({
            "pohon": KONDISI, "id": r["id"], "induk": parent_of[r["id"]], "urutan": n, "jenis": r["jenis"],
            "nama": r["nama"], "masalah": r["masalah"], "tahap": r["tahap"], "komponen": comp, "komponen_dari": comp_from,
            "baris": row, "level": level, "level_dari": level_from, "pemilik": owner, "pemilik_dari": owner_from,
            "pemilik_harapan": _expected_owner(p, level), "jabatan": r["jabatan"], "unit": r["unit"],
            "lintas": bool(r["lintas"]) if present(r["lintas"]) else False, "mitra": r["mitra"], "simpul": r["node"],
            **summary, "kategori": k, "sumber": r["sumber"], ROW: r[ROW]})
        for m, (iid, rows) in enumerate(per_indicator.items()):
            rows = sorted(rows, key=lambda x: int(x["tahap"]))
            last = rows[-1]
            levels = tuple((int(x["tahap"]), x["level"] if present(x["level"]) else None) for x in rows)
            named = [x for x in rows if present(x["level"])]
            link = next((x["indikator"] for x in reversed(rows) if present(x["indikator"])), None)
            c = chosen.get(link) if link else None
            indicators.append({
                "pohon": KONDISI, "simpul_pohon": r["id"], "id": iid, "nama": last["nama"],
                "level": named[-1]["level"] if named else None, "level_dari": "tercetak" if named else None,
                "level_tahap": levels, "nama_tahap": tuple((int(x["tahap"]), x["nama"]) for x in rows),
                "pemilik": owner, "jabatan": r["jabatan"], "indikator": link,
                "capaian": c["capaian"] if c is not None and present(c["capaian"]) else None,
                "kategori": c["kategori"] if c is not None and present(c["kategori"]) else None,
                "tercapai": c["tercapai"] if c is not None and present(c["tercapai"]) else None, "urutan": m})
    return nodes, indicators


def _owners(t: Tables) -> tuple[dict[str, dict], dict[str, dict]]:
    """`pemilik_kinerja` rows by node and by indicator."""
    by_node, by_indicator = {}, {}
    for r in row_dicts(t["pemilik_kinerja"]):
        if present(r["node"]):
            by_node.setdefault(r["node"], r)
        elif present(r["indikator"]):
            by_indicator.setdefault(r["indikator"], r)
    return by_node, by_indicator


def _nomenklatur_tree(t: Tables, p: PohonSettings, chosen: dict, simpul: pd.DataFrame, year, classify
                      ) -> tuple[list[dict], list[dict]]:
    node = t["node"]
    if node.empty:
        return [], []
    ids = set(node["id"])
    by_node, by_indicator = _owners(t)
    averages = {r["node"]: r for r in row_dicts(simpul[simpul["tahun"] == year])} if year is not None else {}
    per_node: dict[str, list[dict]] = {}
    for r in row_dicts(t["indikator"]):
        per_node.setdefault(r["node"], []).append(r)
    nodes, indicators = [], []
    for n, r in enumerate(row_dicts(node)):
        comp = vocab.KOMPONEN_TINGKAT[r["tingkat"]]
        own = by_node.get(r["id"])
        level, level_from = (own["level"], "tercetak") if own is not None and present(own["level"]) else (
            _jenjang_row(p, "tingkat", r["tingkat"]), "peta")
        avg = averages.get(r["id"])
        average = float(avg["rata_rata"]) if avg is not None and present(avg["rata_rata"]) else None
        nodes.append({
            "pohon": NOMENKLATUR, "id": r["id"], "induk": r["induk"] if present(r["induk"]) and r["induk"] in ids else None,
            "urutan": n, "jenis": r["tingkat"], "nama": r["nama"], "masalah": None, "tahap": None, "komponen": comp,
            "komponen_dari": "tingkat", "baris": vocab.KOMPONEN.index(comp), "level": level,
            "level_dari": level_from if level else None,
            "pemilik": own["pemilik"] if own is not None else None, "pemilik_dari": "pk" if own is not None else None,
            "pemilik_harapan": _expected_owner(p, level),
            "jabatan": own["jabatan"] if own is not None and present(own["jabatan"]) else None, "unit": r["unit"],
            "lintas": False, "mitra": None, "simpul": r["id"], "rata_rata": average,
            "indikator": int(avg["indikator"]) if avg is not None else 0,
            "dengan_data": int(avg["dengan_data"]) if avg is not None else 0, "kategori": classify(average),
            "sumber": r["sumber"], ROW: r[ROW]})
        for m, ind in enumerate(per_node.get(r["id"], [])):
            io = by_indicator.get(ind["id"])
            c = chosen.get(ind["id"])
            ilevel = io["level"] if io is not None and present(io["level"]) else level
            indicators.append({
                "pohon": NOMENKLATUR, "simpul_pohon": r["id"], "id": ind["id"], "nama": ind["nama"], "level": ilevel,
                "level_dari": "tercetak" if io is not None and present(io["level"]) else ("peta" if ilevel else None),
                "level_tahap": (), "nama_tahap": (),
                "pemilik": io["pemilik"] if io is not None else (own["pemilik"] if own is not None else None),
                "jabatan": (io["jabatan"] if io is not None and present(io["jabatan"]) else None) if io is not None
                else (own["jabatan"] if own is not None and present(own["jabatan"]) else None),
                "indikator": ind["id"],
                "capaian": c["capaian"] if c is not None and present(c["capaian"]) else None,
                "kategori": c["kategori"] if c is not None and present(c["kategori"]) else None,
                "tercapai": c["tercapai"] if c is not None and present(c["tercapai"]) else None, "urutan": m})
    return nodes, indicators


def tree_frames(t: Tables, cap: pd.DataFrame, simpul: pd.DataFrame, year, category) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both trees (kondisi first, then nomenklatur) as one node frame and one indicator frame; see the module
    docstring. `category` classifies a capaian (the package's category scale), or is None."""
    p = t.settings.pohon
    limit = t.settings.batas_capaian_rata_rata
    chosen = _capaian_of(cap, year)

    def classify(value):
        k = category.classify(value) if category is not None and value is not None else None
        return k.kode if k else None

    kn, ki = _kondisi_tree(t, p, chosen, classify, limit)
    nn, ni = _nomenklatur_tree(t, p, chosen, simpul, year, classify)
    nodes = pd.DataFrame(kn + nn, columns=NODE_COLUMNS)
    nodes["tahap"] = nodes["tahap"].astype("Int64")  # a stage is a whole number, with or without nomenklatur rows
    indicators = pd.DataFrame(ki + ni, columns=INDICATOR_COLUMNS)
    return nodes, indicators
