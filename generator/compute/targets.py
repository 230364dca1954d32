"""Which target applies to an indicator in a year, when several documents set one.

A document that another document supersedes (`dokumen.menggantikan`, e.g. the PK amended by a PK
Perubahan) no longer sets active commitments. Among an indicator's targets for a year, the applicable
one (`dipilih`) is taken from the non-superseded documents by the package's `urutan_dokumen_target`
(default: PK Perubahan, PK, RKT, Renstra, LKjIP), then by the order of the documents table. If all of
an indicator's targets for that year come from superseded documents, the indicator was replaced
mid-year: its applicable row is kept for display but is not `berlaku` (not in averages or counts).
Every target stays in the data and the published tables: only the choice is made here.

A Rencana Aksi breaks the PK's commitment into quarters; the annual figure it prints (its TOTAL column)
is kept and shown beside the PK's, but never becomes the applicable target (`PLAN_ONLY`).
"""
from __future__ import annotations

import pandas as pd

from generator.domain.values import row_dicts
from generator.load import ROW


PLAN_ONLY = ("rencana_aksi",)  # document kinds whose annual targets are never the applicable one


def superseded_documents(dokumen: pd.DataFrame) -> set[str]:
    """Documents some other document declares it replaces (transitively)."""
    replaced_by = {old: new for new, old in zip(dokumen["id"], dokumen["menggantikan"]) if isinstance(old, str)}
    return set(replaced_by)


def end_targets(target: pd.DataFrame, dokumen: pd.DataFrame) -> dict[str, dict]:
    """Per indicator, the Renstra end-of-period target a reader compares with: from a Renstra no later
    document replaces (`menggantikan`), then the latest period's end (`tahun`), then the later row. One rule
    for the capaian against it (`progres_renstra`), the LKjIP, the indicator and sasaran pages: with an old
    Renstra's end target still in the package, the LKjIP printed one period's target beside the other's
    capaian."""
    end = target[target["jenis"] == "akhir_periode"]
    if end.empty:
        return {}
    replaced = superseded_documents(dokumen)
    ranked = end.assign(_in_force=~end["dokumen"].isin(replaced), _at=range(len(end)))
    ranked = ranked.sort_values(["_in_force", "tahun", "_at"], kind="stable")
    return {r["indikator"]: {k: v for k, v in r.items() if not k.startswith("_")}
            for r in row_dicts(ranked.drop_duplicates("indikator", keep="last"))}


def target_table(target: pd.DataFrame, dokumen: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """All annual targets, with `jenis_dokumen`, `urutan_dokumen`, `diganti`, `dipilih` and `berlaku`."""
    annual = target[target["jenis"] == "tahunan"].drop(columns=[ROW, "jenis"])
    docs = dokumen[["id", "jenis", ROW]].rename(columns={"id": "dokumen", "jenis": "jenis_dokumen", ROW: "urutan_dokumen"})
    df = annual.merge(docs, on="dokumen", how="left").rename(
        columns={"nilai": "target", "label": "target_label", "sumber": "sumber_target"})
    df["diganti"] = df["dokumen"].isin(superseded_documents(dokumen))
    rank = {kind: n for n, kind in enumerate(order)}
    df["_rank"] = df["jenis_dokumen"].map(lambda k: rank.get(k, len(rank)))
    candidates = df[~df["jenis_dokumen"].isin(PLAN_ONLY)]
    ordered = candidates.sort_values(["indikator", "tahun", "diganti", "_rank", "urutan_dokumen"], kind="stable")
    first = ~ordered.duplicated(["indikator", "tahun"], keep="first")
    df["dipilih"] = first.reindex(df.index, fill_value=False)
    df["berlaku"] = df["dipilih"] & ~df["diganti"]
    return df.drop(columns=["_rank"]).reset_index(drop=True)


def applicable_targets(target: pd.DataFrame, dokumen: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """One row per (indikator, tahun): the applicable annual target (`nilai`, `label`, `dokumen`, ...)."""
    table = target_table(target, dokumen, order)
    chosen = table[table["dipilih"]].rename(
        columns={"target": "nilai", "target_label": "label", "sumber_target": "sumber"})
    return chosen.sort_values(["indikator", "tahun"]).reset_index(drop=True)
