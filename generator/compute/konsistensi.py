"""Recompute every figure the report prints and list those that do not match.

A printed value with d decimals stands for an interval of ± ½·10⁻ᵈ, and so does a realisasi the
report gives with d decimals (88,19 may be 88,185…88,195); a recomputed figure is computed on those
intervals. A row is listed only when the printed interval and the recomputed interval do not meet,
so rounding alone never makes a row; truncation (114,3 for 114,39), sums printed as averages,
figures taken from another indicator, and the same figure printed differently in two tables do.
Budget amounts are exact Rupiah; printed percentages of budget are read to 2 decimals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from generator import fmt
from generator.domain.ikm import UNSUR
from generator.domain.values import as_decimal, decimals, percent, present, round_half_up, row_dicts
from generator.compute.capaian import capaian_values
from generator.compute.triwulan import plan_checks
from generator.domain.tree import belanja_tree, is_under
from generator.load import Tables

EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi + EPS and other.lo <= self.hi + EPS


def _written(value) -> str:
    """A number as its label would print it, decimal comma and all its decimals (85.655 → "85,655"): `decimals`
    reads a point before three digits as Rupiah's thousands, so `str(85.655)` would have none."""
    return str(as_decimal(value)).replace(".", ",")


def printed(value: float, label) -> Interval:
    half = 0.5 * 10 ** -decimals(label, value)
    return Interval(value - half, value + half)


def _intervals(cap: pd.DataFrame) -> list[Interval | None]:
    """Capaian of each target/realisasi pair of the capaian table over the realisasi's printed precision (None
    without one), in one vectorised `capaian_values` call."""
    if cap.empty:
        return []
    halves, real = [], list(cap["realisasi"])
    for value, label, kind in zip(real, cap["realisasi_label"], cap["jenis_target"]):
        exact = pd.isna(value) or kind in ("level", "ya_tidak")
        halves.append(0.0 if exact else 0.5 * 10 ** -decimals(label, value))
    twice = lambda column: list(cap[column]) * 2  # noqa: E731
    values = capaian_values(twice("target"), [r - h for r, h in zip(real, halves)] + [r + h for r, h in zip(real, halves)],
                            twice("polaritas"), twice("jenis_target"), twice("batas_atas"))
    n = len(real)
    return [None if pd.isna(r) or np.isnan(values[i]) or np.isnan(values[n + i]) else
            Interval(float(min(values[i], values[n + i])), float(max(values[i], values[n + i])))
            for i, r in enumerate(real)]


@dataclass(frozen=True)
class CapaianRows:
    """The capaian table's rows as records, each with its capaian interval (`_intervals`), found by (indikator, tahun): made
    once per consistency table, where a filter of the whole table per printed figure took most of its time."""

    records: list[dict]
    intervals: list[Interval | None]
    by_key: dict[tuple, list[int]]

    def where(self, keep) -> list[Interval]:
        """The intervals (those there are) of the rows `keep(record)` accepts, in table order."""
        return [i for r, i in zip(self.records, self.intervals) if i is not None and keep(r)]


def capaian_rows(cap: pd.DataFrame) -> CapaianRows:
    records = row_dicts(cap)
    by_key: dict[tuple, list[int]] = {}
    for n, r in enumerate(records):
        by_key.setdefault((r["indikator"], r["tahun"]), []).append(n)
    return CapaianRows(records, _intervals(cap), by_key)


def _mean(intervals: list[Interval]) -> Interval:
    return Interval(sum(i.lo for i in intervals) / len(intervals), sum(i.hi for i in intervals) / len(intervals))


def shown(label) -> str:
    """A printed label in the portal's number format when it is a bare number written with a decimal point
    ('91.00' → '91,00': the report's own typography, not another figure); any other label as printed."""
    text = str(label).strip()
    match = re.fullmatch(r"-?\d+\.(\d{1,2}|\d{4,})", text)
    return fmt.angka(float(text), len(match.group(1))) if match else str(label)


NOT_RECOMPUTED = "tidak dihitung ulang"  # two printed figures compared with each other, none recomputed


def _n(value, places=2) -> str:
    return "" if value is None else fmt.angka(value, places)


def consistency_table(t: Tables, cap: pd.DataFrame, lines: pd.DataFrame, ikm: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict] = []
    rows += _printed_figures(t, capaian_rows(cap), lines)
    rows += _printed_twice(t, cap)
    rows += _budget_percentages(t)
    rows += _budget_sums(t, lines)
    rows += _prose_counts(t)
    rows += _report_targets(t)
    rows += _renstra_period(t, cap)
    rows += _staff_totals(t)
    rows += plan_checks(t)
    rows += _survey_realisasi(t, ikm)
    rows += _survey_printed(t, ikm)
    columns = ["pemeriksaan", "objek", "tahun", "sumber", "tercetak", "dihitung", "selisih", "keterangan", "rujukan"]
    df = pd.DataFrame(rows, columns=columns)
    df.insert(0, "no", range(1, len(df) + 1))
    return df


def _row(kind, what, year, source, shown, computed: str, diff, note, ref) -> dict:
    return {"pemeriksaan": kind, "objek": what, "tahun": int(year), "sumber": source, "tercetak": shown,
            "dihitung": computed, "selisih": None if diff is None else float(round_half_up(diff, 4)),
            "keterangan": note, "rujukan": ref}


def _printed_figures(t: Tables, cap: CapaianRows, lines: pd.DataFrame) -> list[dict]:
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    node_names = dict(zip(t["node"]["id"], t["node"]["nama"]))
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    real = {(r["indikator"], r["tahun"]): r for r in row_dicts(t["realisasi"])}
    parent_of = dict(zip(t["node"]["id"], t["node"]["induk"]))
    out = []
    for a in row_dicts(t["angka_laporan"]):
        p = printed(a["nilai"], a["label"])
        year = a["tahun"]
        if a["jenis"] == "capaian":
            found = _capaian_row(a, cap)
            what = f"Capaian {names[a['indikator']]} {year}"
            if found is None:
                out.append(_row("capaian", what, year, a["sumber"], a["label"], "", None,
                                "capaian tercetak, tetapi data tidak memuat realisasi atau target untuk menghitungnya", a["id"]))
                continue
            r, interval = found
            if interval and not interval.meets(p):
                note = _explain_capaian(a, r, interval)
                out.append(_row("capaian", what, year, a["sumber"], a["label"], _n(interval.mid),
                                a["nilai"] - interval.mid, note, a["id"]))
        elif a["jenis"] == "rata_rata_capaian":
            out += _average(a, p, cap, tier, node_names)
        elif a["jenis"] == "realisasi":
            r = real.get((a["indikator"], year))
            what = f"Realisasi {names[a['indikator']]} {year}"
            if r is None or pd.isna(r["nilai"]):
                out.append(_row("realisasi", what, year, a["sumber"], a["label"], "tidak ada", None,
                                "realisasi tercetak di sini tidak ada di tabel lain laporan (data mencatat tanpa realisasi)", a["id"]))
            elif not printed(r["nilai"], r["label"]).meets(p):
                out.append(_row("realisasi", what, year, a["sumber"], a["label"], shown(r["label"]), a["nilai"] - r["nilai"],
                                f"tabel lain mencatat realisasi {shown(r['label'])} ({r['sumber']})", a["id"]))
        elif a["jenis"] in ("jumlah_program", "jumlah_kegiatan"):
            level = "program" if a["jenis"] == "jumlah_program" else "kegiatan"
            have = lines[(lines["tahun"] == year) & (lines["tingkat"] == level)]["id"]
            counted = sum(1 for nid in have if is_under(parent_of, nid, a["node"]))
            if counted != a["nilai"]:
                out.append(_row(a["jenis"], f"Jumlah {level} {node_names[a['node']]}", year, a["sumber"], a["label"],
                                str(counted), a["nilai"] - counted,
                                f"tabel anggaran rinci memuat {counted} {level} dengan realisasi untuk simpul ini", a["id"]))
        elif a["jenis"] in ("silpa", "serapan"):
            line = lines[(lines["id"] == a["node"]) & (lines["tahun"] == year)]
            if line.empty:
                continue
            s = line.iloc[0]["serapan"]
            if not present(s):  # no realisasi to compare the printed figure with
                continue
            value = Decimal(100) - s if a["jenis"] == "silpa" else s
            if not printed(float(value), "0,00").meets(p):
                out.append(_row(a["jenis"], f"{a['jenis'].upper()} {node_names[a['node']]}", year, a["sumber"], a["label"],
                                _n(value), a["nilai"] - float(value), "berbeda dari realisasi ÷ pagu", a["id"]))
    return out


def _capaian_row(a: dict, cap: CapaianRows) -> tuple[dict, Interval | None] | None:
    """The capaian table's row a printed capaian (an angka_laporan row) speaks of, and its interval: its
    document's row, else the applicable one; None when that row has no realisasi."""
    document = a["dokumen"]
    pick = [n for n in cap.by_key.get((a["indikator"], a["tahun"]), ())
            if (cap.records[n]["dokumen"] == document if isinstance(document, str) else cap.records[n]["dipilih"])]
    if not pick or pd.isna(cap.records[pick[0]]["realisasi"]):
        return None
    return cap.records[pick[0]], cap.intervals[pick[0]]


def printed_capaian_agrees(a: dict, cap: CapaianRows) -> bool:
    """Whether a printed capaian is the one the data give, shortened to its printed decimals (rounded, or cut
    as the 2025 LKjIP's 114,3 for 114,39): a mean of such figures differs from ours by the shortening only.
    `cap`: `capaian_rows` of the capaian table."""
    found = _capaian_row(a, cap)
    interval = found[1] if found is not None else None
    if interval is None:  # nothing to compare it with: not known to agree
        return False
    return interval.meets(printed(a["nilai"], a["label"])) or _cut(a, interval)


def _cut(a: dict, interval: Interval) -> bool:
    """A printed capaian that is the exact one with its further decimals cut off, not rounded."""
    places = decimals(a["label"], a["nilai"])
    truncated = np.floor(interval.mid * 10 ** places) / 10 ** places
    return bool(abs(truncated - a["nilai"]) < 10 ** -places / 2 and a["nilai"] < interval.lo)


def _explain_capaian(a: dict, r, interval: Interval) -> str:
    exact = interval.mid
    places = decimals(a["label"], a["nilai"])
    if _cut(a, interval):
        return f"angka dipotong, bukan dibulatkan: {fmt.angka(exact, places)} bila dibulatkan"
    if r["jenis_target"] in ("level", "ya_tidak"):
        return (f"realisasi {shown(r['realisasi_label'])} terhadap target {shown(r['target_label'])} memberi capaian "
                f"{fmt.angka(exact, 2)}; laporan memakai cara hitung lain")
    return f"realisasi {shown(r['realisasi_label'])} terhadap target {shown(r['target_label'])} memberi {fmt.angka(exact, 2)}"


def _average(a: dict, p: Interval, cap: CapaianRows, tier: dict, node_names: dict) -> list[dict]:
    year, node = a["tahun"], a["node"]
    if tier.get(node) == "tujuan":
        intervals = cap.where(lambda r: r["tahun"] == year and r["berlaku"] and r["iku"] == True)  # noqa: E712
        scope = "seluruh IKU"
    else:
        intervals = cap.where(lambda r: r["tahun"] == year and r["berlaku"] and r["node"] == node)
        scope = "indikator sasaran"
    what = f"Rata-rata capaian {node_names[node]} {year}"
    if not intervals:
        return [_row("rata_rata", what, year, a["sumber"], a["label"], "", None, "tidak ada capaian untuk dirata-rata", a["id"])]
    mean = _mean(intervals)
    if mean.meets(p):
        return []
    total = sum(i.mid for i in intervals)
    wider_i = cap.where(lambda r: r["tahun"] == year and r["dipilih"] and r["node"] == node)
    if len(intervals) > 1 and abs(total - a["nilai"]) <= 0.5 * 10 ** -decimals(a["label"], a["nilai"]) + 0.1:
        note = f"angka tercetak adalah jumlah {len(intervals)} capaian ({fmt.angka(total, 2)}), bukan rata-ratanya"
    elif len(wider_i) > len(intervals) and _mean(wider_i).meets(p):
        note = "rata-rata tercetak juga memasukkan indikator Perjanjian Kinerja sebelum perubahan"
    else:
        note = f"rata-rata {scope} yang berlaku ({len(intervals)} indikator dengan data) adalah {fmt.angka(mean.mid, 2)}"
    return [_row("rata_rata", what, year, a["sumber"], a["label"], _n(mean.mid), a["nilai"] - mean.mid, note, a["id"])]


def _printed_twice(t: Tables, cap: pd.DataFrame) -> list[dict]:
    """The same figure (indicator, year, target document) printed with different values in different tables."""
    chosen = {(r["indikator"], r["tahun"]): r["dokumen"] for r in row_dicts(cap[cap["dipilih"]])}
    ours = {(r["indikator"], r["tahun"], r["dokumen"]): r["capaian"] for r in row_dicts(cap)}
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    a = t["angka_laporan"]
    a = a[(a["jenis"] == "capaian") & a["indikator"].notna()].copy()
    a["_doc"] = [d if isinstance(d, str) else chosen.get((i, y)) for d, i, y in zip(a["dokumen"], a["indikator"], a["tahun"])]
    out = []
    for (ind, year, _doc), group in a.groupby(["indikator", "tahun", "_doc"], sort=True):
        values = group.drop_duplicates("nilai")
        if len(values) > 1:
            shown = "; ".join(f"{r['label']} ({r['sumber'].replace('LKjIP 2025 ', '')})" for r in row_dicts(values))
            spread = float(values["nilai"].max() - values["nilai"].min())
            value = ours.get((ind, year, _doc))  # the data's capaian beside the two printed ones
            out.append(_row("beda_cetak", f"Capaian {names[ind]} {year}", year,
                            ", ".join(sorted(set(group["sumber"]))), shown,
                            _n(value) if present(value) else NOT_RECOMPUTED, spread,
                            "angka yang sama dicetak berbeda di tabel yang berbeda", ",".join(group["id"])))
    b = t["belanja"]
    for (kind, year), group in b.groupby(["jenis", "tahun"], sort=True):
        for col in ("pagu", "realisasi"):
            values = group.drop_duplicates(col)
            if len(values) > 1 and len(group) > 1 and len(group["uraian"].unique()) == 1:
                shown = "; ".join(f"{fmt.rupiah(r[col], sen=True)} ({r['sumber']})" for r in row_dicts(values))
                out.append(_row("beda_cetak", f"{col.capitalize()} {group.iloc[0]['uraian']} {year}", year,
                                ", ".join(group["sumber"]), shown, NOT_RECOMPUTED,
                                float(values[col].max() - values[col].min()),
                                "angka anggaran yang sama dicetak berbeda di dua tabel", ",".join(group["id"])))
    return out


def _survey_realisasi(t: Tables, ikm: pd.DataFrame) -> list[dict]:
    """A survey the package names as an indicator's realisasi (`survei.indikator`) against that realisasi of
    the same year: one figure, within the realisasi's printed decimals. The survey page says "Dipakai
    sebagai realisasi indikator"; a synthetic kabupaten showed IKM 79,13 there and 93,07 on the indicator's
    page while this page found nothing."""
    real = {(r["indikator"], r["tahun"]): r for r in row_dicts(t["realisasi"]) if present(r["nilai"])}
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    measured = {}
    for r in row_dicts(ikm):
        measured.setdefault(r["survei"], r)
    out = []
    for s in row_dicts(t["survei"]):
        r, m = real.get((s["indikator"], s["tahun"])), measured.get(s["id"])
        if not present(s["indikator"]) or r is None or m is None or not present(m["ikm"]):
            continue
        if printed(float(r["nilai"]), r["label"] if present(r["label"]) else _written(r["nilai"])).meets(
                Interval(float(m["ikm"]), float(m["ikm"]))):
            continue
        out.append(_row("survei", f"IKM {s['layanan']} {s['tahun']} dan realisasi {names.get(s['indikator'], s['indikator'])}",
                        s["tahun"], f"{r['sumber']}; {s['sumber']}", shown(r["label"]) if present(r["label"]) else _n(r["nilai"]),
                        _n(m["ikm"]), float(r["nilai"]) - float(m["ikm"]),
                        "survei ini disebut sebagai realisasi indikatornya, tetapi angkanya berbeda",
                        f"{s['id']},{s['indikator']}"))
    return out


def _survey_printed(t: Tables, ikm: pd.DataFrame) -> list[dict]:
    """A survey whose answers are in the package against what its report printed: the IKM (within its two
    printed decimals), the mutu and the number of respondents. The page named the printed 80,00 beside the
    computed 75,79 (and a different mutu) while this page found nothing."""
    computed = {r["survei"]: r for r in row_dicts(ikm) if r["sumber_nilai"] == "dihitung"}
    out = []
    for s in row_dicts(t["survei"]):
        m = computed.get(s["id"])
        if m is None:
            continue
        what, where = f"IKM {s['layanan']} {s['tahun']}", s["sumber"]
        places = min(2, decimals(_written(s["ikm"]))) if present(s["ikm"]) else 2  # as printed, at most the 2 computed
        if present(s["ikm"]) and present(m["ikm"]) and not printed(
                float(s["ikm"]), f"{float(s['ikm']):.{places}f}").meets(Interval(float(m["ikm"]), float(m["ikm"]))):
            out.append(_row("survei", what, s["tahun"], where, _n(float(s["ikm"])), _n(m["ikm"]),
                            float(s["ikm"]) - float(m["ikm"]),
                            f"IKM tercetak berbeda dari hasil hitung ulang {len(UNSUR)} unsur atas jawaban responden "
                            "dalam paket data", s["id"]))
        if present(s["mutu_tercetak"]) and present(m["mutu"]) and \
                not _same_mutu(s["mutu_tercetak"], m["mutu"], m["kinerja"]):
            out.append(_row("survei", f"Mutu pelayanan {s['layanan']} {s['tahun']}", s["tahun"], where,
                            str(s["mutu_tercetak"]), f"{m['mutu']} ({m['kinerja']})", None,
                            "mutu tercetak berbeda dari mutu IKM hasil hitung ulang", s["id"]))
        if present(s["responden"]) and present(m["responden"]) and int(s["responden"]) != int(m["responden"]):
            out.append(_row("survei", f"Jumlah responden {s['layanan']} {s['tahun']}", s["tahun"], where,
                            fmt.angka(int(s["responden"]), 0), fmt.angka(int(m["responden"]), 0),
                            int(s["responden"]) - int(m["responden"]),
                            "jumlah responden tercetak berbeda dari baris jawaban yang menjawab paling sedikit satu "
                            "unsur", s["id"]))
    return out


def _same_mutu(shown_as, code, kinerja) -> bool:
    """A printed mutu names the computed one by its code, its words or both ("B", "Baik", "B (Baik)", "Baik
    (B)"); "Baik" does not name "Sangat Baik"."""
    words = set(re.findall(r"\w+", str(shown_as).lower()))
    own = set(re.findall(r"\w+", str(kinerja).lower())) if present(kinerja) else set()
    return words in ({str(code).lower()}, own, own | {str(code).lower()})


def _budget_percentages(t: Tables) -> list[dict]:
    docs = dict(zip(t["dokumen"]["id"], t["dokumen"]["tahun"]))
    names = dict(zip(t["node"]["id"], t["node"]["nama"]))
    out = []
    records = [(r, names.get(r["node"], r["uraian"]), docs.get(r["dokumen"]), r["node"]) for r in row_dicts(t["anggaran"])]
    records += [(r, r["uraian"], r["tahun"], r["id"]) for r in row_dicts(t["belanja"])]
    for r, what, year, ref in records:
        if r["realisasi"] is None or pd.isna(r["serapan_tercetak"]) or year is None:
            continue
        s = percent(r["realisasi"], r["pagu"])
        if s is not None and abs(float(s) - r["serapan_tercetak"]) > 0.005 + EPS:
            exact = Decimal(r["realisasi"]) / Decimal(r["pagu"]) * 100
            note = "angka dipotong, bukan dibulatkan" if abs(float(exact) - r["serapan_tercetak"]) < 0.01 else \
                f"realisasi {fmt.rupiah(r['realisasi'])} ÷ pagu {fmt.rupiah(r['pagu'])}"
            out.append(_row("serapan", f"Serapan {what} {year}", year, r["sumber"], fmt.angka(r["serapan_tercetak"], 2),
                            _n(s), r["serapan_tercetak"] - float(s), note, ref))
    return out


def _budget_sums(t: Tables, lines: pd.DataFrame) -> list[dict]:
    out = []
    for r in row_dicts(lines):
        for col in ("pagu", "realisasi"):
            parts = r[f"{col}_rincian"]
            if parts is not None and not pd.isna(parts) and r[col] is not None and parts != r[col]:
                out.append(_row("penjumlahan", f"{col.capitalize()} {r['uraian']} {r['tahun']}", r["tahun"], r["sumber"],
                                fmt.rupiah(r[col], sen=True), fmt.rupiah(parts, sen=True), float(r[col] - parts),
                                "jumlah rinciannya berbeda dari angka induk", r["id"]))
    rows, kids = belanja_tree(t["belanja"])
    for parent, children in sorted(kids.items()):
        p = rows[parent]
        for col in ("pagu", "realisasi"):
            if not present(p[col]) or not all(present(c[col]) for c in children):
                continue  # an empty figure is not a sum to check
            total = sum((c[col] for c in children), Decimal(0))
            if total != p[col]:
                parts = " + ".join(c["uraian"] for c in children)
                out.append(_row("penjumlahan", f"{col.capitalize()} {p['uraian']} {p['tahun']}", p["tahun"], p["sumber"],
                                fmt.rupiah(p[col], sen=True), fmt.rupiah(total, sen=True), float(p[col] - total),
                                f"{parts} = {fmt.rupiah(total, sen=True)}", p["id"]))
    return out


def _prose_counts(t: Tables) -> list[dict]:
    """Counts the report states in prose (how many sasaran, how many indicators) against the tree: the
    sasaran under the node, and the IKU set on them."""
    parent_of = dict(zip(t["node"]["id"], t["node"]["induk"]))
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    names = {r["id"]: r["nomor"] if isinstance(r["nomor"], str) else r["nama"] for r in row_dicts(t["node"])}
    iku = t["indikator"][t["indikator"]["iku"] == True]  # noqa: E712
    out = []
    for a in row_dicts(t["angka_laporan"]):
        if a["jenis"] not in ("jumlah_sasaran", "jumlah_indikator") or not isinstance(a["node"], str):
            continue
        sasaran = [n for n, k in tier.items() if k == "sasaran" and is_under(parent_of, n, a["node"])]
        if a["jenis"] == "jumlah_sasaran":
            counted, what = len(sasaran), "sasaran strategis"
        else:
            counted = int(iku["node"].map(lambda n: any(is_under(parent_of, n, s) for s in sasaran)).sum())
            what = f"indikator kinerja utama pada {len(sasaran)} sasaran"
        if counted != a["nilai"]:
            out.append(_row("jumlah_prosa", f"Jumlah {what} di bawah {names.get(a['node'], a['node'])}", a["tahun"], a["sumber"],
                            a["label"], str(counted), a["nilai"] - counted,
                            f"pohon kinerja paket data memuat {counted} {what}", a["id"]))
    return out


def _report_targets(t: Tables) -> list[dict]:
    """A target the report prints for itself (document of the report) that differs from the target the
    signed Perjanjian Kinerja in force sets for the same indicator and year."""
    docs = t["dokumen"].set_index("id")
    report = t.settings.dokumen_laporan
    if report not in docs.index:
        return []
    replaced = set(t["dokumen"]["menggantikan"].dropna())
    tg = t["target"][t["target"]["jenis"] == "tahunan"]
    kinds = tg["dokumen"].map(docs["jenis"])
    signed = tg[kinds.isin(["pk", "pk_perubahan"]) & ~tg["dokumen"].isin(replaced)]
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    out = []
    for r in row_dicts(tg[tg["dokumen"] == report]):
        pk = signed[(signed["indikator"] == r["indikator"]) & (signed["tahun"] == r["tahun"])]
        differs = pk[pk["nilai"] != r["nilai"]]
        if len(differs):
            p = differs.iloc[0]
            out.append(_row("target", f"Target {names[r['indikator']]} {r['tahun']}", r["tahun"], r["sumber"], r["label"],
                            f"{p['label']} ({docs.loc[p['dokumen'], 'judul']})", float(r["nilai"] - p["nilai"]),
                            f"target yang ditandatangani adalah {p['label']} ({p['sumber']})", r["indikator"]))
    return out


def _renstra_period(t: Tables, cap: pd.DataFrame) -> list[dict]:
    """A capaian printed "against the Renstra" that uses the year's annual target although the Renstra
    sets a different end-of-period target: the comparison with the medium-term target is not made."""
    docs = dict(zip(t["dokumen"]["id"], t["dokumen"]["jenis"]))
    tg = t["target"]
    end = {(r["indikator"], r["dokumen"]): r for r in row_dicts(tg[tg["jenis"] == "akhir_periode"])}
    annual = {(r["indikator"], r["dokumen"], r["tahun"]): r for r in row_dicts(tg[tg["jenis"] == "tahunan"])}
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    real = {(r["indikator"], r["tahun"]): r for r in row_dicts(t["realisasi"])}
    ind = t["indikator"].set_index("id")
    out = []
    for a in row_dicts(t["angka_laporan"]):
        if a["jenis"] != "capaian" or docs.get(a["dokumen"]) != "renstra":
            continue
        key = (a["indikator"], a["dokumen"])
        year_target = annual.get((a["indikator"], a["dokumen"], a["tahun"]))
        r = real.get((a["indikator"], a["tahun"]))
        if key not in end or year_target is None or r is None or pd.isna(r["nilai"]):
            continue
        e = end[key]
        if e["nilai"] == year_target["nilai"]:
            continue
        i = ind.loc[a["indikator"]]
        against = capaian_values([e["nilai"]], [r["nilai"]], [i["polaritas"]], [i["jenis_target"]], [e["batas_atas"]])[0]
        out.append(_row("periode_target", f"Capaian {names[a['indikator']]} terhadap Renstra {a['tahun']}", a["tahun"],
                        a["sumber"], a["label"], _n(against), a["nilai"] - float(against),
                        f"tabel memakai target tahun {a['tahun']} ({year_target['label']}), bukan target akhir periode "
                        f"Renstra {e['tahun']} ({e['label']}); terhadap target akhir, capaiannya {_n(against)}",
                        a["id"]))
    return out


def _staff_totals(t: Tables) -> list[dict]:
    """Staff totals: each table's JUMLAH against the sum of its rows and against the other tables of the
    same year (the most common total). The eselon table counts structural positions only, so it is
    compared with its own rows but not with the headcount."""
    staff = t["pegawai"]
    out = []
    if not len(staff):
        return out
    is_total = staff["uraian"].str.strip().str.upper() == "JUMLAH"
    for year, group in staff.groupby("tahun", sort=True):
        totals = group[is_total.loc[group.index] & group["jumlah"].notna()]
        for r in row_dicts(totals):
            parts = group[(group["tabel"] == r["tabel"]) & ~is_total.loc[group.index]]["jumlah"].dropna()
            if len(parts) and int(parts.sum()) != int(r["jumlah"]):
                out.append(_row("jumlah_pegawai", f"Jumlah pegawai Tabel {r['tabel']} {year}", year, r["sumber"],
                                str(r["jumlah"]), str(int(parts.sum())), int(r["jumlah"]) - int(parts.sum()),
                                "jumlah rinciannya berbeda dari baris JUMLAH", f"{r['tabel']}:{year}"))
        totals = totals[totals["kategori"] != "eselon"]
        common = totals["jumlah"].mode()
        if len(totals) > 2 and len(common) == 1:
            usual = int(common.iloc[0])
            agree = ", ".join(sorted(totals.loc[totals["jumlah"] == usual, "tabel"]))
            for r in row_dicts(totals[totals["jumlah"] != usual]):
                out.append(_row("jumlah_pegawai", f"Jumlah pegawai {year}", year, r["sumber"], str(r["jumlah"]),
                                str(usual), int(r["jumlah"]) - usual,
                                f"Tabel {agree} mencatat {usual} pegawai pada tahun yang sama", f"{r['tabel']}:{year}"))
    return out
