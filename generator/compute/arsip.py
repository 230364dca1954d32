"""The year archive: which years a package publishes, and the package as it stood for one of them.

The current year is the package's `tahun_laporan`; every earlier year with a Laporan Kinerja (a `dokumen`
of jenis lkjip for that year) stays published at its own address. A year's view is the same pipeline over
`as_of(t, year)`: the tables restricted to what belonged to that year, so the 2025 pages of a package that
has moved on to 2026 are the 2025 pages it published before (docs/domain.md, "Tahun dan arsip").

What belonged to year Y:
- a document belongs once its year has begun: `tahun` (or `tahun_mulai` for a multi-year plan) ≤ Y;
  a document that supersedes another but starts later does not supersede it in Y;
- targets and quarterly targets of those documents (a Renstra's targets for later years included: they
  were already set); realisasi, quarterly realisasi and budget, surveys, staff counts of years ≤ Y;
  budget rows of those documents;
- indicators and tree nodes that have data in Y; an indicator or node that has data only in later years
  was introduced later and is left out (an indicator or node with no data at all stays, as it always did).
"""
from __future__ import annotations

import dataclasses
import functools

import pandas as pd

from generator import contract
from generator.domain import sakip
from generator.domain.values import present
from generator.load import Tables

REPORT_KIND = sakip.REPORT_KIND


def _starts(dokumen: pd.DataFrame) -> dict[str, int]:
    return {d: int(y if present(y) else y0) for d, y, y0 in zip(dokumen["id"], dokumen["tahun"], dokumen["tahun_mulai"])}


def report_document(t: Tables, year: int | None) -> str | None:
    """The Laporan Kinerja of `year` (`domain.sakip.report_document`), None while the year runs."""
    return sakip.report_document(t["dokumen"], t.settings.dokumen_laporan, year)


def published_years(t: Tables) -> list[int]:
    """The current year first, then the earlier years, newest first: those the package lists in
    `kinerja.tahun_arsip`, or when it lists none every earlier year with a Laporan Kinerja."""
    current = t.settings.tahun_laporan
    if current is None:
        return []
    if t.settings.tahun_arsip is not None:
        earlier = {y for y in t.settings.tahun_arsip if y < current}
    else:
        docs = t["dokumen"]
        earlier = {int(y) for k, y in zip(docs["jenis"], docs["tahun"])
                   if k == REPORT_KIND and present(y) and int(y) < current}
    return [current, *sorted(earlier, reverse=True)]


def latest_report_year(t: Tables) -> int | None:
    """The newest published year whose results are out: the report year itself once it has a Laporan Kinerja
    or annual realisasi, while it runs the last year before it (whose pages, report and pre-check are under
    `<year>/`). None when no published year has results. Reviewers' pages that describe "the" report (the
    Laporan Kinerja, its pre-check, the DIP item) take their year here."""
    measured = set(t["realisasi"]["tahun"].dropna().astype(int))
    return next((y for y in published_years(t) if report_document(t, y) is not None or y in measured), None)


def as_of(t: Tables, year: int) -> Tables:
    """The package as it stood for `year` (see the module docstring). Row numbers (`_baris`) are kept, so
    every figure still points at its row in the package's files."""
    f = t.frames
    start = _starts(f["dokumen"])
    known = {d for d, s in start.items() if s <= year}
    out = dict(f)
    docs = f["dokumen"][f["dokumen"]["id"].isin(known)].copy()
    docs["menggantikan"] = docs["menggantikan"].where(docs["menggantikan"].isin(known) | docs["menggantikan"].isna(), None)
    out["dokumen"] = docs
    out["target"] = f["target"][f["target"]["dokumen"].isin(known)]
    out["target_triwulan"] = f["target_triwulan"][f["target_triwulan"]["dokumen"].isin(known)
                                                  & (f["target_triwulan"]["tahun"] <= year)]
    for name in ("realisasi", "realisasi_triwulan", "anggaran_triwulan", "belanja", "survei", "subindeks", "pegawai",
                 "layanan_informasi"):
        out[name] = f[name][f[name]["tahun"] <= year]
    out["anggaran"] = f["anggaran"][f["anggaran"]["dokumen"].isin(known)]
    out["jawaban_survei"] = f["jawaban_survei"][f["jawaban_survei"]["survei"].isin(set(out["survei"]["id"]))]
    a = f["angka_laporan"]
    out["angka_laporan"] = a[(a["tahun"] <= year) & (a["dokumen"].isna() | a["dokumen"].isin(known))]

    # Indicators and nodes introduced after `year`: data in the package, none in the year's view.
    def used(frames: dict, column: str, names: tuple[str, ...]) -> set:
        return set().union(*(set(frames[n][column].dropna()) for n in names))

    ind_tables = ("target", "realisasi", "target_triwulan", "realisasi_triwulan")
    later = used(f, "indikator", ind_tables) - used(out, "indikator", ind_tables)
    ind = f["indikator"][~f["indikator"]["id"].isin(later)].copy()
    ind["diganti_oleh"] = ind["diganti_oleh"].where(~ind["diganti_oleh"].isin(later), None)
    out["indikator"] = ind
    out["node"] = _nodes_of_year(f, out, set(ind["id"]))
    out["indikator"] = ind[ind["node"].isin(set(out["node"]["id"]))]
    _drop_dangling(out)
    settings = dataclasses.replace(t.settings, tahun_laporan=year,
                                   dokumen_laporan=report_document(Tables(out, t.settings, t.descriptor), year))
    return Tables(out, settings, t.descriptor)


UNLINK = {("survei", "indikator"), ("kondisi", "node")}  # rows that stay without the link: results, a tree's place


@functools.lru_cache(maxsize=1)
def references() -> tuple[tuple[str, str, str], ...]:
    """(table, column, the table it names) for every column the schemas declare a foreign key to an indicator
    or a node, but the indicator table's own (the view chooses its indicators by their node)."""
    return tuple((r["name"], field, fk["reference"]["resource"]) for r in contract.canonical_resources()
                 for fk in contract.canonical_schema(r["name"]).get("foreignKeys", [])
                 for field in (fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]])
                 if fk["reference"].get("resource") in ("indikator", "node") and r["name"] != "indikator")


def _drop_dangling(frames: dict) -> None:
    """Rows that name an indicator or a node left out of the year's view go with it: a 2024 figure that the
    2025 report prints, of an indicator the 2024 view does not have (no target or realisasi up to 2024),
    stopped the build of the 2024 archive with an internal error. A survey and a kondisi stay, unlinked
    (`UNLINK`); a composite indicator that lost a component loses its formula, not just that part (a
    weighted sum of the parts left would be a figure nobody reported)."""
    kept = {"indikator": set(frames["indikator"]["id"]), "node": set(frames["node"]["id"])}
    k = frames["komponen_indikator"]
    broken = set(k.loc[k["komponen"].notna() & ~k["komponen"].isin(kept["indikator"]), "indikator"])
    frames["komponen_indikator"] = k[~k["indikator"].isin(broken)]
    for name, column, target in references():
        f = frames[name]
        gone = f[column].notna() & ~f[column].isin(kept[target])
        if not gone.any():
            continue
        if (name, column) in UNLINK:
            f = f.copy()
            f[column] = f[column].where(~gone, None)
            frames[name] = f
        else:
            frames[name] = f[~gone]


def _nodes_of_year(full: dict, year: dict, indicators: set) -> pd.DataFrame:
    """Nodes with data (an indicator, a budget line) in the package but none in the year's view and no
    child kept are left out, from the leaves up."""
    nodes = full["node"]
    own_full = set(full["indikator"]["node"]) | set(full["anggaran"]["node"]) | set(full["anggaran_triwulan"]["node"])
    own_year = set(full["indikator"][full["indikator"]["id"].isin(indicators)]["node"]) | set(year["anggaran"]["node"]) \
        | set(year["anggaran_triwulan"]["node"])
    children: dict[str, list[str]] = {}
    for nid, parent in zip(nodes["id"], nodes["induk"]):
        if present(parent):
            children.setdefault(parent, []).append(nid)
    keep: dict[str, bool] = {}

    def kept(nid: str) -> bool:
        if nid not in keep:
            keep[nid] = True  # a cycle (rejected by validation) ends here
            below = [kept(c) for c in children.get(nid, [])]
            keep[nid] = nid in own_year or any(below) or (nid not in own_full and not any(
                c in own_full for c in _descendants(nid, children)))
        return keep[nid]

    return nodes[[kept(n) for n in nodes["id"]]]


def _descendants(nid: str, children: dict[str, list[str]]) -> list[str]:
    out, todo = [], list(children.get(nid, []))
    while todo:
        n = todo.pop()
        out.append(n)
        todo.extend(children.get(n, []))
    return out
