"""Which pagu is a year's.

A year's budget is printed in several documents: the Rencana Kinerja Tahunan before the year, the
Perjanjian Kinerja at its start, an amended PK when the budget changes (APBD-P), and the LKjIP after it
ends. They can differ, and the latest stage is the one the money was spent against, so a year's pagu is
taken from the most recently amended document that states one (LKjIP, PK Perubahan, PK, RKT, in that
order; a later row of the same kind does not replace an earlier one). The validation of spending to
date, the quarterly progress and the budget pages all take the year's pagu from here.
"""
from __future__ import annotations

import pandas as pd

from generator.domain.values import present

PAGU_ORDER = ("lkjip", "pk_perubahan", "pk", "rkt")  # the latest amended pagu of a year first


def year_pagu(anggaran: pd.DataFrame, dokumen: pd.DataFrame) -> dict[tuple[str, int], tuple[object, str]]:
    """{(node, year): (pagu, document id)}: each node's pagu of each year its documents state one for."""
    year_of, kind_of = dict(zip(dokumen["id"], dokumen["tahun"])), dict(zip(dokumen["id"], dokumen["jenis"]))
    rank = {k: n for n, k in enumerate(PAGU_ORDER)}
    chosen: dict[tuple[str, int], tuple[int, object, str]] = {}
    for node, doc, pagu in zip(anggaran["node"], anggaran["dokumen"], anggaran["pagu"]):
        year = year_of.get(doc)
        if not present(year):
            continue
        key, mine = (node, int(year)), (rank.get(kind_of.get(doc), len(rank)), pagu, doc)
        if key not in chosen or mine[0] < chosen[key][0]:
            chosen[key] = mine
    return {key: (pagu, doc) for key, (_, pagu, doc) in chosen.items()}
