"""Budget absorption (serapan) per programme, kegiatan, sub kegiatan, sasaran, jenis belanja and agency.

serapan = realisasi / pagu × 100 (docs/domain.md §4), computed on exact Decimals and rounded half up
to 2 decimals; SILPA share = 100 − serapan, from the exact serapan. Roll-ups sum a line's children in the
same document (the lines just under it, `domain.tree.line_children`) so a reader can see whether the parts
add up to the whole. Efficiency per sasaran (a convention of e-SAKIP tools) is the sasaran's average capaian
minus its serapan; above 0 reads as efficient.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from generator.domain.anggaran import total_parts
from generator.domain.tree import ancestors, line_above, line_children
from generator.domain.values import as_decimal, percent, present, row_dicts


def _code(row: dict) -> str:
    for key in ("kode", "nomor", "kode_laporan"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return row["id"]


TOTAL_ID = "_jumlah"  # the computed agency total (a node id cannot start with "_")
ORDER = {"total": 0, "tujuan": 1, "sasaran": 2, "program": 3, "kegiatan": 4, "sub_kegiatan": 5, "jenis_belanja": 6}


def budget_lines(t) -> pd.DataFrame:
    """Realised budget lines (documents of kind lkjip) and jenis belanja, with serapan and roll-ups.

    The agency's total of a year (`tingkat` total) is its tujuan's line, as the report prints "Jumlah
    (seluruh sasaran strategis)". An agency with several tujuan has one line each (`tingkat` tujuan), and
    its total is their sum; a report that prints no tujuan line (many print only their programmes) has as
    total the sum of its top lines when they are sasaran or programmes (`domain.anggaran.total_parts`). A
    computed total is said to be one (`TOTAL_ID`, its `sumber`, `dijumlah`: what was added up): every page,
    CSV and the report take the one total per year."""
    docs = t["dokumen"].set_index("id")
    realised = [d for d in docs.index if docs.loc[d, "jenis"] == "lkjip"]
    nodes = {r["id"]: r for r in row_dicts(t["node"])}
    parent_of = {nid: n["induk"] for nid, n in nodes.items()}
    ang = t["anggaran"][t["anggaran"]["dokumen"].isin(realised)]
    rows = []
    tier = {nid: n["tingkat"] for nid, n in nodes.items()}
    for doc, part in ang.groupby("dokumen", sort=True):
        by_node = {r["node"]: r for r in row_dicts(part)}
        parts, summed = total_parts(by_node, parent_of, tier)
        children = line_children(parent_of, by_node)
        for nid, r in by_node.items():
            node = nodes[nid]
            kids = [by_node[k] for k in children.get(nid, [])]
            printed = nid in parts and summed is None  # the one tujuan line: the total as the report prints it
            rows.append({
                "kode": _code(node), "id": nid, "tingkat": "total" if printed else node["tingkat"],
                "uraian": "Jumlah seluruh sasaran" if printed else node["nama"],
                "tahun": int(docs.loc[doc, "tahun"]), "dokumen": doc,
                "pagu": r["pagu"], "realisasi": r["realisasi"],
                "pagu_rincian": sum((k["pagu"] for k in kids), Decimal(0)) if kids else None,
                # summed only when every part has a realisasi: a missing one is unknown, never 0
                "realisasi_rincian": (sum((k["realisasi"] for k in kids), Decimal(0))
                                      if kids and all(present(k["realisasi"]) for k in kids) else None),
                "sumber": r["sumber"], "dijumlah": None,
            })
        if summed:
            spent = [by_node[n]["realisasi"] for n in parts]
            rows.append({"kode": "", "id": TOTAL_ID, "tingkat": "total", "uraian": f"Jumlah seluruh {summed}",
                         "tahun": int(docs.loc[doc, "tahun"]), "dokumen": doc,
                         "pagu": sum((by_node[n]["pagu"] for n in parts), Decimal(0)),
                         "realisasi": sum(spent, Decimal(0)) if all(present(x) for x in spent) else None,
                         "pagu_rincian": None, "realisasi_rincian": None,
                         "sumber": f"dihitung: jumlah {len(parts)} baris {summed} dokumen ini", "dijumlah": summed})
    for r in row_dicts(t["belanja"]):
        rows.append({"kode": r["jenis"], "id": r["id"], "tingkat": "jenis_belanja", "uraian": r["uraian"],
                     "tahun": int(r["tahun"]), "dokumen": None, "pagu": r["pagu"], "realisasi": r["realisasi"],
                     "pagu_rincian": None, "realisasi_rincian": None, "sumber": r["sumber"], "dijumlah": None})
    df = pd.DataFrame(rows, columns=["kode", "id", "tingkat", "uraian", "tahun", "dokumen", "pagu", "realisasi",
                                     "pagu_rincian", "realisasi_rincian", "sumber", "dijumlah"])
    df["serapan"] = [percent(r, p) for r, p in zip(df["realisasi"], df["pagu"])]
    df["silpa"] = [p - r if r is not None and not pd.isna(r) else None for p, r in zip(df["pagu"], df["realisasi"])]
    # the unspent share of the exact quotient, rounded once (1.155.000 of 20.000.000: 5,775 → 5,78), not 100
    # minus the rounded serapan (100 − 94,23 = 5,77)
    df["porsi_silpa"] = [percent(s, p) for s, p in zip(df["silpa"], df["pagu"])]
    df["_o"] = df["tingkat"].map(ORDER)
    return df.sort_values(["tahun", "_o", "kode", "id"], kind="stable").drop(columns="_o").reset_index(drop=True)


def sasaran_budget(lines: pd.DataFrame, node: pd.DataFrame) -> pd.DataFrame:
    """Per sasaran and year: pagu, realisasi and serapan. The sasaran's own line as the report prints it; where
    the report prints none for it (many print only their programmes), the sum of the topmost lines beneath it
    (`dijumlah`: how many lines were added up), as the agency's total is the sum of the top lines when no
    tujuan line is printed (`budget_lines`). Realisasi is summed only when every part has one."""
    columns = ["sasaran", "tahun", "pagu", "realisasi", "serapan", "dijumlah", "dijumlah_tingkat"]
    own = lines[lines["tingkat"] == "sasaran"]
    rows = [{"sasaran": r["id"], "tahun": r["tahun"], "pagu": r["pagu"], "realisasi": r["realisasi"],
             "serapan": r["serapan"], "dijumlah": None, "dijumlah_tingkat": None} for r in row_dicts(own)]
    printed = set(zip(own["id"], own["tahun"]))
    parent = dict(zip(node["id"], node["induk"]))
    sasaran_of = ancestors(node, "sasaran")
    tree = lines[lines["dokumen"].notna() & (lines["id"] != TOTAL_ID)]
    for (doc, year), part in tree.groupby(["dokumen", "tahun"], sort=True):
        ids = set(part["id"])
        by_id = {r["id"]: r for r in row_dicts(part)}
        groups: dict[str, list[str]] = {}
        for n in sorted(ids):
            s = sasaran_of.get(n)
            if s is None or n == s or (s, year) in printed or sasaran_of.get(line_above(parent, n, ids)) == s:
                continue
            groups.setdefault(s, []).append(n)
        for s, parts in sorted(groups.items()):
            spent = [by_id[n]["realisasi"] for n in parts]
            pagu = sum((by_id[n]["pagu"] for n in parts), Decimal(0))
            realisasi = sum(spent, Decimal(0)) if all(present(x) for x in spent) else None
            tiers = {by_id[n]["tingkat"] for n in parts}
            rows.append({"sasaran": s, "tahun": year, "pagu": pagu, "realisasi": realisasi,
                         "serapan": percent(realisasi, pagu), "dijumlah": len(parts),
                         "dijumlah_tingkat": tiers.pop() if len(tiers) == 1 else None})
    return pd.DataFrame(rows, columns=columns).drop_duplicates(["sasaran", "tahun"])


def sasaran_summary(averages: pd.DataFrame, lines: pd.DataFrame, node: pd.DataFrame) -> pd.DataFrame:
    """Per sasaran and year: average capaian, serapan (`sasaran_budget`) and efficiency (capaian − serapan). A
    sasaran with a budget but no indicator that year keeps its serapan (no average, no efficiency)."""
    serapan = sasaran_budget(lines, node).rename(columns={"dijumlah": "serapan_dijumlah",
                                                          "dijumlah_tingkat": "serapan_dijumlah_tingkat"})
    df = averages.merge(serapan, on=["sasaran", "tahun"], how="outer", sort=False)
    df["serapan_dijumlah"] = [int(n) if present(n) else None for n in df["serapan_dijumlah"]]
    df["serapan_dijumlah_tingkat"] = [v if present(v) else None for v in df["serapan_dijumlah_tingkat"]]
    # in decimals, as the figures are written (65,165 − 50,05 is 15,115, which rounds to 15,12)
    df["efisiensi"] = [float(as_decimal(c) - as_decimal(s)) if present(s) and present(c) else None
                       for c, s in zip(df["rata_rata"], df["serapan"])]
    return df
