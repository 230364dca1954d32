"""Benchmark values an indicator is compared with (a national, provincial or regional value): the
package's `pembanding` rows, plus the national value an index's own breakdown carries
(`subindeks.nilai_nasional` on its `indeks` row), so a value printed in one place is not typed twice."""
from __future__ import annotations

import pandas as pd

from generator import fmt
from generator.domain.values import present, row_dicts

COLUMNS = ["indikator", "tahun", "tingkat", "wilayah", "nilai", "label", "sumber", "catatan", "asal"]


def benchmarks(t) -> pd.DataFrame:
    """One row per (indicator, year, level, region); the package's own rows first."""
    rows = []
    for r in row_dicts(t["pembanding"]):
        rows.append({**{c: r.get(c) for c in COLUMNS}, "asal": "pembanding"})
    seen = {(r["indikator"], r["tahun"], r["tingkat"]) for r in rows}
    sub = t["subindeks"]
    for r in row_dicts(sub[(sub["jenis"] == "indeks") & sub["nilai_nasional"].map(present)]):
        if (r["indikator"], r["tahun"], "nasional") in seen:
            continue
        rows.append({"indikator": r["indikator"], "tahun": int(r["tahun"]), "tingkat": "nasional", "wilayah": None,
                     "nilai": float(r["nilai_nasional"]), "label": fmt.angka(r["nilai_nasional"], 2),
                     "sumber": r["sumber"], "catatan": f"Nilai nasional pada rincian {r['nama']}", "asal": "subindeks"})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["indikator", "tahun", "tingkat"], kind="stable").reset_index(drop=True)


def latest_for(frame: pd.DataFrame, indikator: str, tahun: int) -> list[dict]:
    """The benchmarks that apply to a value of `tahun`: per level, the latest year not after it."""
    mine = frame[(frame["indikator"] == indikator) & (frame["tahun"] <= tahun)]
    out = []
    for _, group in mine.groupby("tingkat", sort=True):
        out.append(group.sort_values("tahun", kind="stable").iloc[-1].to_dict())
    return out
