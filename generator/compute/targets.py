"""Which target applies to an indicator in a year, when several documents set one.

A PK Perubahan supersedes the PK it amends (`dokumen.menggantikan`); among the documents left,
the package's `urutan_dokumen_target` decides (default: PK Perubahan, PK, RKT, Renstra, LKjIP),
then the order of the documents table. Every target stays in the data: only the choice is made here.
"""
from __future__ import annotations

import pandas as pd

from generator.load import ROW


def applicable_targets(target: pd.DataFrame, dokumen: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """One row per (indikator, tahun) with the applicable annual target and the document it comes from."""
    annual = target[target["jenis"] == "tahunan"]
    docs = dokumen[["id", "jenis", "menggantikan", ROW]].rename(
        columns={"id": "dokumen", "jenis": "jenis_dokumen", ROW: "_urutan_dokumen"})
    merged = annual.drop(columns=[ROW]).merge(docs, on="dokumen", how="left")
    present = merged.groupby(["indikator", "tahun"])["dokumen"].agg(set)
    superseded = set()
    replaced_by = dict(zip(dokumen["id"], dokumen["menggantikan"]))
    for (ind, year), found in present.items():
        for doc in found:
            old = replaced_by.get(doc)
            while isinstance(old, str):
                if old in found:
                    superseded.add((ind, year, old))
                old = replaced_by.get(old)
    keep = [(i, y, d) not in superseded for i, y, d in zip(merged["indikator"], merged["tahun"], merged["dokumen"])]
    merged = merged[keep].copy()
    rank = {kind: n for n, kind in enumerate(order)}
    merged["_rank"] = merged["jenis_dokumen"].map(lambda k: rank.get(k, len(rank)))
    merged = merged.sort_values(["indikator", "tahun", "_rank", "_urutan_dokumen"], kind="stable")
    best = merged.drop_duplicates(["indikator", "tahun"], keep="first")
    return best.drop(columns=["_rank", "_urutan_dokumen", "menggantikan"]).reset_index(drop=True)
