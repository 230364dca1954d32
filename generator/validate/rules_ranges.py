"""Values a unit or a scale cannot hold: a target or realisasi, yearly or of a quarter, outside the range of the
indicator's own interval scale (an IKM of 188 on the 25-100 mutu scale, an SPBE index of 6 on a 0-5 scale), or outside
the bounds of its unit (a negative share of satisfied citizens). The bounds per unit are a convention of
the package (`kinerja.batas_satuan`, default: persen and % not below zero); the scales are its tables.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from generator import fmt
from generator.domain.triwulan import PER_TRIWULAN
from generator.load import ROW, Tables
from generator.problems import CellIssue


def scale_ranges(t: Tables) -> dict[str, tuple[float, float]]:
    """Interval scale → (lowest, highest) value its classes cover; ±inf where a class is open-ended."""
    kinds = dict(zip(t["skala"]["id"], t["skala"]["jenis"]))
    out = {}
    for scale, classes in t["skala_kelas"].groupby("skala", sort=False):
        if kinds.get(scale) != "interval" or not len(classes):
            continue
        low = pd.to_numeric(classes["batas_bawah"], errors="coerce")
        high = pd.to_numeric(classes["batas_atas"], errors="coerce")
        out[scale] = (-math.inf if low.isna().any() else float(low.min()),
                      math.inf if high.isna().any() else float(high.max()))
    return out


def _n(value: float) -> str:
    return fmt.angka(value, None)


def values_in_range(t: Tables) -> list[CellIssue]:
    issues: list[CellIssue] = []
    ind = t["indikator"].set_index("id")
    ranges = scale_ranges(t)
    for resource, columns in (("target", ("nilai", "batas_atas")), ("realisasi", ("nilai",)),
                              ("target_triwulan", ("nilai",)), ("realisasi_triwulan", ("nilai",))):
        frame = t[resource]
        if not len(frame):
            continue
        satuan = frame["indikator"].map(ind["satuan"]) if len(ind) else pd.Series([None] * len(frame))
        skala = frame["indikator"].map(ind["skala"]) if len(ind) else pd.Series([None] * len(frame))
        if resource.endswith("_triwulan") and len(ind):
            # a quarter of an amount summed over the year (`per_triwulan`) is a part of the figure, which alone
            # the scale bounds; a running total or a measurement is the figure itself
            skala = skala.where(frame["indikator"].map(ind["akumulasi"]).ne(PER_TRIWULAN).to_numpy(), None)
        for column in columns:
            values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")
            for i in np.flatnonzero(~np.isnan(values)):
                v = float(values[i])
                row, name = int(frame[ROW].iloc[i]), frame["indikator"].iloc[i]
                bounds = t.settings.bounds_of(satuan.iloc[i]) if isinstance(satuan.iloc[i], str) else None
                if bounds is not None:
                    lo, hi = bounds
                    if lo is not None and v < lo:
                        issues.append(CellIssue(resource, row, column,
                                                f'nilai {_n(v)} di bawah batas satuan "{satuan.iloc[i]}" indikator "{name}" '
                                                f"(paling kecil {_n(lo)}); periksa tanda minusnya, atau nyatakan batas lain "
                                                "di kinerja.batas_satuan (datapackage.json) bila nilainya memang boleh negatif"))
                        continue
                    if hi is not None and v > hi:
                        issues.append(CellIssue(resource, row, column,
                                                f'nilai {_n(v)} di atas batas satuan "{satuan.iloc[i]}" indikator "{name}" '
                                                f"(paling besar {_n(hi)}); periksa angkanya"))
                        continue
                scale = skala.iloc[i]
                if isinstance(scale, str) and scale in ranges:
                    lo, hi = ranges[scale]
                    if not lo <= v <= hi:
                        span = f"{_n(lo) if lo > -math.inf else '…'} sampai {_n(hi) if hi < math.inf else '…'}"
                        issues.append(CellIssue(resource, row, column,
                                                f'nilai {_n(v)} di luar skala "{scale}" indikator "{name}" ({span}); '
                                                "periksa angkanya (mungkin salah letak koma atau titik)"))
    return issues


RULES = [values_in_range]
