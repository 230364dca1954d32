"""Indeks Kepuasan Masyarakat (IKM) from survey answers, as PermenPANRB 14/2017 prescribes.

NRR_u = Σ scores_u / respondents answering u; IKM = Σ NRR_u × 1/9 × 25 (25-100). The weight is
exactly 1/9, not the 0,111 some tools print (0,111 × 9 = 0,999 shifts every IKM down). Sums and
counts are taken with numpy; the last step is done in exact rational arithmetic, so a value that is
mathematically 88,305 rounds half up to 88,31 (A) instead of drifting to 88,3049999… (B).
Mutu is classified on the value rounded to 2 decimals, as the regulation's table is printed.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from generator.compute.scales import Kelas, Scale
from generator.domain.ikm import SKOR, UNSUR
from generator.domain.values import present, round_half_up

BOBOT = Fraction(1, len(UNSUR))
KONVERSI = 25
TIDAK_DIISI = "(tidak diisi)"
PERIODE = ("bulan", "triwulan", "tahun")  # derived from `tanggal`


@dataclass(frozen=True)
class IkmResult:
    responden: int  # rows with at least one answered unsur
    nrr: dict[str, float | None]  # per unsur; None when nobody answered it
    responden_unsur: dict[str, int]
    ikm: float | None  # unrounded, 25-100
    ikm_dibulatkan: float | None  # 2 decimals, half up
    nilai_interval: float | None  # ikm / 25, the 1-4 scale
    mutu: str | None  # class code of the mutu scale (A-D)
    kinerja: str | None  # the class interpretation (Sangat Baik ...)


def round_ikm(value, places: int = 2) -> float | None:
    """An IKM rounded half up, as a float (None stays None); see `domain.values.round_half_up`."""
    if not present(value):
        return None
    return float(round_half_up(value, places))


def classify_mutu(ikm, skala_mutu: Scale) -> Kelas | None:
    """The mutu class of an IKM value (25-100), classified on the value rounded to 2 decimals."""
    return skala_mutu.classify(round_ikm(ikm))


def _scores(answers: pd.DataFrame) -> np.ndarray:
    """The u1..u9 scores as a float array, NaN where not answered; refuses anything but 1-4."""
    missing = [u for u in UNSUR if u not in answers.columns]
    if missing:
        raise ValueError(f"kolom {', '.join(missing)} tidak ada pada data jawaban")
    try:
        # column by column: faster than a frame-wide to_numpy on nullable Int64
        arr = np.column_stack([answers[u].to_numpy(dtype="float64", na_value=np.nan) for u in UNSUR])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"skor jawaban harus berupa angka 1-4 atau kosong: {exc}") from None
    bad = ~np.isnan(arr) & ~np.isin(arr, SKOR)
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise ValueError(f"skor {arr[row, col]:g} pada baris data ke-{row + 1} kolom {UNSUR[col]} "
                         "tidak sah; yang diharapkan 1, 2, 3 atau 4, atau kosong")
    return arr


def _result(sums: np.ndarray, counts: np.ndarray, responden: int, skala_mutu: Scale) -> IkmResult:
    """IkmResult from per-unsur score sums and answer counts (integers, so the IKM can be exact)."""
    sums = [int(s) for s in sums]
    counts = [int(c) for c in counts]
    nrr = {u: (s / c if c else None) for u, s, c in zip(UNSUR, sums, counts)}
    responden_unsur = dict(zip(UNSUR, counts))
    if not all(counts):
        return IkmResult(int(responden), nrr, responden_unsur, None, None, None, None, None)
    exact = sum(Fraction(s, c) for s, c in zip(sums, counts)) * BOBOT * KONVERSI
    rounded = round_ikm(exact)
    kelas = skala_mutu.classify(rounded)
    return IkmResult(int(responden), nrr, responden_unsur, float(exact), rounded, float(exact / KONVERSI),
                    kelas.kode if kelas else None, kelas.interpretasi if kelas else None)


def compute_ikm(answers: pd.DataFrame, skala_mutu: Scale) -> IkmResult:
    """IKM of a set of answers: columns u1..u9 with scores 1-4, missing (NaN/NA/None) = not answered.

    Rows where no unsur is answered are not respondents. When some unsur has no answer at all the
    IKM is None: dividing the other eight by 9 would understate it and reweighting them by 1/8
    would not be the regulation's index, so neither is done silently; the NRR of the answered
    unsur are still returned. Raises ValueError on a score other than 1-4.
    """
    arr = _scores(answers)
    answered = ~np.isnan(arr)
    sums = np.where(answered, arr, 0.0).sum(axis=0)
    counts = answered.sum(axis=0)
    return _result(sums, counts, int(answered.any(axis=1).sum()), skala_mutu)


def why_undefined(result: IkmResult) -> str | None:
    """Why an IKM could not be computed from its answers (None when it was): no respondent at all, or an
    unsur no respondent answered (the index needs all nine). Said by `kinerja ikm` and the survey page."""
    if result.ikm is not None:
        return None
    if not result.responden:
        return "tidak ada responden yang menjawab"
    empty = [u.upper() for u in UNSUR if not result.responden_unsur[u]]
    return f"unsur {', '.join(empty)} tidak dijawab satu responden pun; IKM memerlukan kesembilan unsur"


def _label(value, by: str) -> str:
    """The group name of one distinct attribute value (or date, for a period)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return TIDAK_DIISI
    if by not in PERIODE:
        text = str(value).strip()
        return text if text else TIDAK_DIISI
    if isinstance(value, str):
        if value.strip() in ("", "-"):
            return TIDAK_DIISI
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f'tanggal "{value}" tidak sah; yang diharapkan TTTT-BB-HH, misalnya 2025-07-01') from None
    if not isinstance(value, (dt.date, pd.Timestamp, np.datetime64)):
        raise ValueError(f'tanggal "{value}" tidak sah; yang diharapkan TTTT-BB-HH, misalnya 2025-07-01')
    ts = pd.Timestamp(value)
    return {"bulan": f"{ts.year:04d}-{ts.month:02d}", "triwulan": f"{ts.year:04d}-T{ts.quarter}",
            "tahun": f"{ts.year:04d}"}[by]


def _order(nilai: str):
    """Sort key: groups in order of their value (numerically when it is a number), "(tidak diisi)" last."""
    try:
        return (nilai == TIDAK_DIISI, 0, float(nilai), nilai)
    except ValueError:
        return (nilai == TIDAK_DIISI, 1, 0.0, nilai)


def ikm_breakdown(answers: pd.DataFrame, by: str, skala_mutu: Scale) -> pd.DataFrame:
    """IKM per value of a respondent attribute (a column such as layanan, jenis_kelamin, pendidikan),
    or per period of `tanggal` with by = "bulan" (YYYY-MM), "triwulan" (YYYY-Tn) or "tahun" (YYYY).

    Columns: kelompok (= by), nilai, responden, ikm (unrounded, None when undefined), mutu, kinerja,
    ikm_dibulatkan. Only respondents (rows with at least one answer) form groups; a blank attribute is
    the group "(tidak diisi)", listed last; the others are sorted by nilai (numerically if numbers).
    Distinct values are labelled once (factorize), so a million rows group in well under a second.
    """
    arr = _scores(answers)
    if by in answers.columns:
        column = answers[by]
    elif by in PERIODE:
        if "tanggal" not in answers.columns:
            raise ValueError(f'rincian per {by} memerlukan kolom "tanggal"')
        column = answers["tanggal"]
    else:
        raise ValueError(f'kolom "{by}" tidak ada; pilih kolom atribut responden atau {", ".join(PERIODE)}')
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    labels = [_label(v, by) for v in uniques] + [TIDAK_DIISI]  # code -1 (missing) -> the last label
    names = sorted(set(labels), key=_order)
    position = {name: i for i, name in enumerate(names)}
    group = np.array([position[label] for label in labels])[np.where(codes < 0, len(uniques), codes)]

    answered = ~np.isnan(arr)
    respondent = answered.any(axis=1)
    group, answered, scores = group[respondent], answered[respondent], np.where(answered, arr, 0.0)[respondent]
    k = len(names)
    responden = np.bincount(group, minlength=k)
    sums = np.stack([np.bincount(group, weights=scores[:, j], minlength=k) for j in range(len(UNSUR))], axis=1)
    counts = np.stack([np.bincount(group, weights=answered[:, j], minlength=k) for j in range(len(UNSUR))], axis=1)
    rows = []
    for i, nilai in enumerate(names):
        if not responden[i]:
            continue
        h = _result(sums[i], counts[i], int(responden[i]), skala_mutu)
        rows.append({"kelompok": by, "nilai": nilai, "responden": h.responden, "ikm": h.ikm,
                     "ikm_dibulatkan": h.ikm_dibulatkan, "mutu": h.mutu, "kinerja": h.kinerja})
    columns = ["kelompok", "nilai", "responden", "ikm", "mutu", "kinerja", "ikm_dibulatkan"]
    # object columns keep None (not NaN) where an IKM is undefined
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype="int64" if c == "responden" else object)
                         for c in columns})


def _exact(x) -> Fraction:
    return Fraction(str(x)) if not isinstance(x, Fraction) else x


def krejcie_morgan(populasi: int, chi2: float = 3.841, p: float = 0.5, d: float = 0.05) -> int:
    """Minimum sample (Krejcie & Morgan 1970): s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), rounded up.
    Computed in exact decimals so a result that is a whole number is not pushed up by float error."""
    if int(populasi) != populasi or populasi < 1:
        raise ValueError("populasi harus bilangan bulat positif")
    c, pp, dd, n = _exact(chi2), _exact(p), _exact(d), int(populasi)
    s = c * n * pp * (1 - pp) / (dd * dd * (n - 1) + c * pp * (1 - pp))
    return math.ceil(s)


def margin_of_error(responden: int, populasi: int | None = None, chi2: float = 3.841, p: float = 0.5) -> float:
    """Margin of error as a proportion (0.05 = 5 %): sqrt(χ²·P(1−P)/n), times the finite population
    correction sqrt((N−n)/(N−1)) when the population N is known (0 when every member answered)."""
    if int(responden) != responden or responden < 1:
        raise ValueError("jumlah responden harus bilangan bulat positif")
    e = math.sqrt(chi2 * p * (1 - p) / responden)
    if populasi is None:
        return e
    if int(populasi) != populasi or populasi < responden:
        raise ValueError("populasi harus bilangan bulat dan tidak lebih kecil dari jumlah responden")
    if populasi == responden:
        return 0.0
    return e * math.sqrt((populasi - responden) / (populasi - 1))
