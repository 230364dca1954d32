"""Capaian (achievement) per indicator, year and target document, and the averages built on it.

Rules (docs/domain.md §3, PermenPANRB 8/2021), stated again on the Metodologi page:
- higher-better: R / T × 100; lower-better: (2T − R) / T × 100, floored at 0;
- range [lo, hi]: inside → 100; above → compared with hi; below → compared with lo;
- yes/no: 100 when the target is met, else 0; levels and categories: the values on the declared scale;
- no realisasi: no capaian (*belum tersedia*), excluded from every average and listed as excluded;
- the raw capaian is always published; an optional cap (package setting) applies to averages only.
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from generator.compute.scales import Scale
from generator.compute.targets import end_targets, target_table
from generator.domain.sakip import DIBAWA, SEMENTARA
from generator.domain.tree import ancestors
from generator.domain.values import as_decimal, decimals, mean, round_half_up, row_dicts

NAIK, RENDAH = "tinggi_lebih_baik", "rendah_lebih_baik"


def _ratio(real, ref, lower_better: bool) -> float:
    """Capaian of `real` against a reference value, in the indicator's good direction, computed in decimal
    arithmetic from the figures as written: 120,01 of 200 is exactly 60,005 (rounded half up: 60,01, class B),
    where binary floats give 60,00499… (60,00, class CC)."""
    r, t = as_decimal(real), as_decimal(ref)
    return float(max((2 * t - r) / t * 100, Decimal(0)) if lower_better else r / t * 100)


def capaian_values(target, realisasi, polaritas, jenis_target, batas_atas=None) -> np.ndarray:
    """Vectorised capaian; NaN where there is no realisasi (or no usable target)."""
    t = np.asarray(pd.to_numeric(pd.Series(target), errors="coerce"), dtype=float)
    r = np.asarray(pd.to_numeric(pd.Series(realisasi), errors="coerce"), dtype=float)
    kind = np.asarray(pd.Series(jenis_target, dtype=object))
    lower = np.asarray(pd.Series(polaritas, dtype=object)) == RENDAH
    hi = np.asarray(pd.to_numeric(pd.Series(batas_atas if batas_atas is not None else [np.nan] * len(t)),
                                  errors="coerce"), dtype=float)
    # Range: inside → 100; outside → compare with the nearer bound.
    is_range = (kind == "rentang") & ~np.isnan(hi)
    above, below = r > hi, r < t
    inside = is_range & ~above & ~below
    ref = np.where(is_range & above, hi, t)
    # Yes/no: met or not.
    yes_no = kind == "ya_tidak"
    met_yes_no = np.where(lower, r <= t, r >= t)
    # A ratio to a target of 0 is undefined; so is "at least nothing" (higher is better). A lower-is-better
    # yes/no target of "Tidak Ada" (0 insiden) is met or not; a range from 0 (0-2,3) is met inside it and
    # compared with its upper bound above it.
    by_zero = (t == 0) & ~(yes_no & lower) & ~(is_range & (hi > 0))
    missing = np.isnan(r) | np.isnan(t) | by_zero | (~yes_no & ~inside & (ref == 0))
    out = np.full(len(t), np.nan)
    for i in np.flatnonzero(~missing):
        out[i] = ((100.0 if met_yes_no[i] else 0.0) if yes_no[i] else
                  100.0 if inside[i] else _ratio(r[i], ref[i], lower[i]))
    return out


def met(capaian) -> bool | None:
    """Tercapai: capaian of at least 100 as shown, rounded half up to 2 decimals like its class (99,996 reads
    100,00 and is tercapai: a page never says "100,00%, belum tercapai"). The one threshold behind `tercapai`
    in the annual table and *on track* in the quarterly progress. None when there is no capaian."""
    if capaian is None or pd.isna(capaian):
        return None
    return bool(round_half_up(capaian) >= 100)


def capaian_value(target, realisasi, polaritas=NAIK, jenis_target="angka", batas_atas=None) -> float | None:
    """One capaian, for tests and explanations: 88,19 / 81 → 108,88."""
    value = capaian_values([target], [realisasi], [polaritas], [jenis_target],
                           [batas_atas] if batas_atas is not None else None)[0]
    return None if np.isnan(value) else float(value)


def capaian_table(t, sc: dict[str, Scale]) -> pd.DataFrame:
    """Every annual target row with its realisasi, capaian, category, predicate, trend and Renstra progress."""
    ind = t["indikator"].set_index("id")
    rows = target_table(t["target"], t["dokumen"], t.settings.urutan_dokumen_target)
    real = t["realisasi"][["indikator", "tahun", "nilai", "label", "status", "sumber"]].rename(
        columns={"nilai": "realisasi", "label": "realisasi_label", "status": "status_realisasi",
                 "sumber": "sumber_realisasi"})
    df = rows.merge(real, on=["indikator", "tahun"], how="left")
    for col in ("polaritas", "jenis_target", "skala", "iku", "node", "nama", "satuan"):
        df[col] = df["indikator"].map(ind[col])
    df["sasaran"] = df["node"].map(ancestors(t["node"], "sasaran"))
    df["capaian"] = capaian_values(df["target"], df["realisasi"], df["polaritas"], df["jenis_target"], df["batas_atas"])
    df.loc[df["status_realisasi"].isna(), "status_realisasi"] = "tidak_ada"

    category_scale = sc.get(t.settings.skala_kategori_capaian)  # absent only in a package without realisasi
    classes = [category_scale.classify(v) if category_scale is not None else None for v in df["capaian"]]
    df["kategori"] = [k.kode if k else None for k in classes]
    df["interpretasi"] = [k.interpretasi if k else None for k in classes]
    df["tercapai"] = pd.array([met(c) for c in df["capaian"]], dtype="boolean")
    # a realisasi's class as it is printed (4,195 is below 4,2), an IKM's at 2 decimals (PermenPANRB 14/2017)
    mutu = t.settings.skala_mutu_ikm
    predicates = [sc[s].classify(v, 2 if s == mutu else max(2, decimals(label, v))) if isinstance(s, str) and s in sc
                  else None for s, v, label in zip(df["skala"], df["realisasi"], df["realisasi_label"])]
    df["predikat"] = [k.label if k else None for k in predicates]
    df["tren"] = _trend(df, t["realisasi"])
    df["progres_renstra"] = _progress(df, t)
    return df.sort_values(["indikator", "tahun", "urutan_dokumen"], kind="stable").reset_index(drop=True)


def _trend(df: pd.DataFrame, realisasi: pd.DataFrame) -> list:
    """Compared with the previous year's realisasi, in the indicator's good direction."""
    previous = {(i, y): v for i, y, v in zip(realisasi["indikator"], realisasi["tahun"], realisasi["nilai"])}
    out = []
    for i, y, r, pol in zip(df["indikator"], df["tahun"], df["realisasi"], df["polaritas"]):
        before = previous.get((i, y - 1))
        if pd.isna(r) or before is None or pd.isna(before):
            out.append(None)
        elif r == before:
            out.append("tetap")
        else:
            better = r > before if pol == NAIK else r < before
            out.append("membaik" if better else "memburuk")
    return out


def _progress(df: pd.DataFrame, t) -> np.ndarray:
    """Realisasi against the Renstra end-of-period target, as a capaian (a range target with its upper bound:
    inside the range is 100)."""
    end = end_targets(t["target"], t["dokumen"])
    ref = df["indikator"].map({i: r["nilai"] for i, r in end.items()})
    upper = df["indikator"].map({i: r["batas_atas"] for i, r in end.items()})
    return capaian_values(ref, df["realisasi"], df["polaritas"], df["jenis_target"], upper)


def capped(values: pd.Series, cap) -> pd.Series:
    """Capaian as averaged: clipped at the package's cap (`Settings.batas_capaian_rata_rata`), if any."""
    return values if cap is None else values.clip(upper=float(cap))


def over_cap(rows: pd.DataFrame, limit) -> pd.DataFrame:
    """The rows whose capaian an average counts at the cap instead of its own value (none without a cap):
    what a page names beside a capped average, so a reader can trace it."""
    if limit is None:
        return rows.iloc[0:0]
    return rows[rows["capaian"].notna() & (rows["capaian"] > float(limit))]


def summary(cap: pd.DataFrame, year: int, limit) -> dict:
    """Overall figures for a year over the active IKU: average, met / not met / without data."""
    rows = cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["iku"] == True)]  # noqa: E712
    with_data = rows[rows["capaian"].notna()]
    average = mean(capped(with_data["capaian"], limit))
    carried = with_data[with_data["status_realisasi"] == DIBAWA]
    provisional = with_data[with_data["status_realisasi"] == SEMENTARA]
    return {
        "tahun": year,
        "rata_rata": average,
        "jumlah": int(len(rows)),
        "tercapai": int((with_data["tercapai"] == True).sum()),  # noqa: E712
        "tidak_tercapai": int((with_data["tercapai"] == False).sum()),  # noqa: E712
        "tanpa_data": int(rows["capaian"].isna().sum()),
        "dikecualikan": sorted(rows.loc[rows["capaian"].isna(), "indikator"]),
        "dibawa": int(len(carried)),
        "dibawa_indikator": sorted(carried["indikator"]),
        "sementara": int(len(provisional)),
        "sementara_indikator": sorted(provisional["indikator"]),
    }


def printed_average(angka_laporan: pd.DataFrame, tiers: dict, averaged: list[str], year: int, agrees) -> dict:
    """The overall average as the report printed it, beside ours: the printed figure and where, and the
    mean of the capaian the same table printed for the same indicators (`averaged`) when it printed them
    all and each is the one the data give. A report that rounds each capaian before averaging prints that
    mean, not the exact one: 110,89 from 108,9; 118,86; 106,1; 100; 114,3 and 117,2, where the realisasi
    give 110,91; a printed capaian that differs from the data's makes the difference more than rounding.
    `agrees(row)` says whether a printed capaian is the data's (compute.konsistensi.printed_capaian_agrees).
    Empty when nothing was printed."""
    rows = angka_laporan[(angka_laporan["jenis"] == "rata_rata_capaian") & (angka_laporan["tahun"] == year)]
    rows = rows[rows["node"].map(lambda n: tiers.get(n) == "tujuan")]
    if not len(rows):
        return {}
    top = rows.iloc[0]
    printed = angka_laporan[(angka_laporan["jenis"] == "capaian") & (angka_laporan["tahun"] == year)
                            & (angka_laporan["sumber"] == top["sumber"])]
    rows = {r["indikator"]: r for r in row_dicts(printed)}
    from_printed = (float(round_half_up(mean(rows[i]["nilai"] for i in averaged), decimals(top["label"], top["nilai"])))
                    if averaged and all(i in rows and agrees(rows[i]) for i in averaged) else None)
    return {"rata_rata_tercetak": float(top["nilai"]), "rata_rata_tercetak_label": str(top["label"]),
            "sumber_tercetak": str(top["sumber"]), "rata_rata_dari_tercetak": from_printed}


def node_averages(cap: pd.DataFrame, limit) -> pd.DataFrame:
    """Per tree node and year, over the active indicators set directly on the node: mean capaian (capped
    as the package says), how many indicators, how many with data, met and not met, and how many of the
    averaged values are carried forward (`dibawa`). The one definition
    of a node's average: sasaran pages, the tree and the published sasaran table all read it."""
    rows = cap[cap["berlaku"]]
    if rows.empty:  # no targets (a tree without performance data): no averages, with the columns readers expect
        return pd.DataFrame({"node": pd.Series(dtype=object), "tahun": pd.Series(dtype="Int64"),
                             **{c: pd.Series(dtype=float) for c in ("rata_rata", "indikator", "dengan_data", "tercapai",
                                                                    "tidak_tercapai")}})
    met = rows["tercapai"].astype("boolean")
    rows = rows.assign(_c=capped(rows["capaian"], limit), _met=met.eq(True).fillna(False).astype(int),
                       _not=met.eq(False).fillna(False).astype(int),
                       _carried=(rows["capaian"].notna() & (rows["status_realisasi"] == DIBAWA)).astype(int))
    grouped = rows.groupby(["node", "tahun"], sort=True)
    return grouped.agg(rata_rata=("_c", _mean), indikator=("indikator", "nunique"), dengan_data=("_c", "count"),
                       tercapai=("_met", "sum"), tidak_tercapai=("_not", "sum"), dibawa=("_carried", "sum")).reset_index()


def _mean(values: pd.Series) -> float:
    """A group's mean for `node_averages` (NaN when none has a capaian, as pandas' own mean)."""
    found = mean(values)
    return float("nan") if found is None else found


def sasaran_averages(averages: pd.DataFrame, sasaran_ids) -> pd.DataFrame:
    """The sasaran rows of `node_averages`, keyed by `sasaran`."""
    out = averages[averages["node"].isin(set(sasaran_ids))].rename(columns={"node": "sasaran"})
    return out.reset_index(drop=True)
