"""Which pagu is a year's.

A year's budget is printed in several documents: the Rencana Kinerja Tahunan before the year, the
Perjanjian Kinerja at its start, an amended PK when the budget changes (APBD-P, sometimes twice), and the
LKjIP after it ends. They can differ, and the latest stage is the one the money was spent against, so a
year's pagu is taken from the most recently amended document that states one: LKjIP, PK Perubahan, PK,
RKT, in that order; between two documents of the same kind, the one that replaces the other
(`dokumen.menggantikan`, followed through a chain of amendments); between two rows of one document, or
of documents neither of which replaces the other, the first row. The validation of spending to date, the
quarterly progress and the budget pages all take the year's pagu from here.
"""
from __future__ import annotations

import pandas as pd

from generator.domain.tree import line_above
from generator.domain.values import present

PAGU_ORDER = ("lkjip", "pk_perubahan", "pk", "rkt")  # the latest amended pagu of a year first


def _replacements(dokumen: pd.DataFrame) -> dict[str, int]:
    """How many documents each document replaces, following `menggantikan` through a chain (a loop counts
    each document once)."""
    if "menggantikan" not in dokumen:
        return {}
    replaces = {new: old for new, old in zip(dokumen["id"], dokumen["menggantikan"]) if present(old)}
    depth = {}
    for doc in replaces:
        seen, at = set(), doc
        while at in replaces and at not in seen:
            seen.add(at)
            at = replaces[at]
        depth[doc] = len(seen)
    return depth


def year_pagu(anggaran: pd.DataFrame, dokumen: pd.DataFrame) -> dict[tuple[str, int], tuple[object, str]]:
    """{(node, year): (pagu, document id)}: each node's pagu of each year its documents state one for.
    `anggaran` in the order of its file (the first row wins a tie)."""
    year_of, kind_of = dict(zip(dokumen["id"], dokumen["tahun"])), dict(zip(dokumen["id"], dokumen["jenis"]))
    rank = {k: n for n, k in enumerate(PAGU_ORDER)}
    later = _replacements(dokumen)
    chosen: dict[tuple[str, int], tuple[tuple[int, int], object, str]] = {}
    for node, doc, pagu in zip(anggaran["node"], anggaran["dokumen"], anggaran["pagu"]):
        year = year_of.get(doc)
        if not present(year):
            continue
        key = (node, int(year))
        mine = ((rank.get(kind_of.get(doc), len(rank)), -later.get(doc, 0)), pagu, doc)
        if key not in chosen or mine[0] < chosen[key][0]:
            chosen[key] = mine
    return {key: (pagu, doc) for key, (_, pagu, doc) in chosen.items()}


def total_parts(lines, parent: dict, tier: dict) -> tuple[list[str], str | None]:
    """Which budget lines make the agency's total, among `lines` (node ids of one document's lines, or of
    one year's), and what was added up. One tujuan line is the total as printed: ([it], None). Several tujuan
    are added up: (them, "tujuan"). Without a tujuan line, the top lines (no line above them, `line_above`)
    are added up when each is a sasaran or a programme: (them, "sasaran dan program", say); a report that
    prints only kegiatan or lower has no agency total: ([], None). Every page, CSV, the report and the
    validation take the total from here (`parent`: id → parent id, `tier`: id → tingkat)."""
    lines = list(lines)
    tujuan = [n for n in lines if tier.get(n) == "tujuan"]
    if len(tujuan) == 1:
        return tujuan, None
    if tujuan:
        return tujuan, "tujuan"
    members = set(lines)
    top = [n for n in lines if line_above(parent, n, members) is None]
    levels = [level for level in ("sasaran", "program") if any(tier.get(n) == level for n in top)]
    if not top or any(tier.get(n) not in ("sasaran", "program") for n in top):
        return [], None
    return top, " dan ".join(levels)
