"""Quarterly progress of the current year: Rencana Aksi targets against realisasi per quarter (TW I-IV),
to date, before any LKjIP exists.

How a quarter's number becomes a figure *to date* is the indicator's `akumulasi` (data, not code;
`domain/triwulan.py`):
- per_triwulan: each quarter is its own amount; to date = the sum of the quarters so far;
- kumulatif: each quarter already is the total so far; to date = the latest quarter's value;
- nilai_terakhir: the latest measurement stands (an index, a percentage); to date = the latest value;
- empty: the quarters are shown as printed and nothing is summed (no status).
A target quarter the Rencana Aksi leaves blank plans nothing new; the realisasi to date of quarter q
exists only once quarter q itself is reported. Capaian to date is `capaian_values` of the two (the one
definition, polarity included), and a quarter is *on track* (`sesuai_rencana`) exactly when that capaian
is met (`capaian.met`), else *behind* (`tertinggal`).

Quarterly budget: realisasi per quarter (never cumulative in the data), summed to date, against the
year's pagu and the planned withdrawals (`rencana`) to date.
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from generator import fmt
from generator.compute.anggaran import TOTAL_ID
from generator.compute.capaian import RENDAH, capaian_values, met
from generator.compute.targets import superseded_documents, target_table
from generator.domain.anggaran import total_parts, year_pagu
from generator.domain.tree import ancestors
from generator.domain.triwulan import KUMULATIF, NILAI_TERAKHIR, PER_TRIWULAN, TRIWULAN, reported_up_to, unreported
from generator.domain.values import as_decimal, percent, present, row_dicts
from generator.load import ROW

QUARTERS = (1, 2, 3, 4)
SESUAI, TERTINGGAL, BELUM_DILAPORKAN, BELUM_DIHITUNG, TANPA_TARGET, TANPA_AKUMULASI, DIGANTI = (
    "sesuai_rencana", "tertinggal", "belum_dilaporkan", "belum_dapat_dihitung", "tanpa_target", "akumulasi_kosong",
    "diganti")
# Where an indicator stands at a quarter and can be judged or counted as not yet reported: the summaries' statuses.
COUNTED = (SESUAI, TERTINGGAL, BELUM_DILAPORKAN, BELUM_DIHITUNG)
COLUMNS = ["indikator", "nama", "node", "sasaran", "iku", "satuan", "polaritas", "jenis_target", "akumulasi", "tahun",
           "triwulan", "dokumen", "target", "target_label", "target_sd", "batas_atas_sd", "realisasi", "realisasi_label",
           "status_realisasi", "realisasi_sd", "capaian_sd", "status", "target_tahunan", "target_tahunan_label",
           "dokumen_tahunan"]


def to_date(values: list, akumulasi) -> list:
    """The figure to date after each quarter, from the quarters' own values (None = blank)."""
    out, running, latest = [], None, None
    for v in values:
        if present(v):
            # summed in decimals, as written: 15,05 + 29,8 + 25 + 30,145 is 99,995 (binary: 99,99499…)
            running = float((as_decimal(running) if running is not None else Decimal(0)) + as_decimal(v))
            latest = float(v)
        if akumulasi == PER_TRIWULAN:
            out.append(running)
        elif akumulasi in (KUMULATIF, NILAI_TERAKHIR):
            out.append(latest)
        else:
            out.append(None)
    return out


def realised_to_date(values: list, akumulasi) -> list:
    """Like `to_date`, but quarter q has a figure to date only once quarter q itself is reported, and, where
    the quarters are added up (per_triwulan), every quarter before it too: a quarter not reported is never
    counted as 0 (TW I 8, TW II missing, TW III 14 was "22 s.d. TW III")."""
    running = to_date(values, akumulasi)
    missing = unreported([present(v) for v in values], akumulasi == PER_TRIWULAN)
    return [r if not gone else None for r, gone in zip(running, missing)]


def earlier_missing(realisasi: dict, akumulasi, quarter: int) -> list[int] | None:
    """The quarters whose missing realisasi leaves the figure to date at `quarter` unknown, when they are more
    than `quarter` itself (an earlier quarter of a per_triwulan series that has reported some quarter), so that
    a page can name them rather than say the latest quarter was not reported; None otherwise (a series with
    no realisasi yet is simply not reported). `realisasi`: {quarter: value}."""
    given = [present(realisasi.get(q)) for q in QUARTERS]
    missing = unreported(given, akumulasi == PER_TRIWULAN)[quarter - 1]
    return missing if any(given) and missing and missing != [quarter] else None


def applicable_plan(target_triwulan: pd.DataFrame, dokumen: pd.DataFrame) -> pd.DataFrame:
    """Per (indikator, tahun), the quarterly targets of one Rencana Aksi: a document no other document
    supersedes (the Perubahan Rencana Aksi over the first one), then the first in the documents table."""
    if target_triwulan.empty:
        return target_triwulan
    replaced = superseded_documents(dokumen)
    order = {d: n for n, d in enumerate(dokumen["id"])}
    df = target_triwulan.assign(_diganti=target_triwulan["dokumen"].isin(replaced),
                                _urutan=target_triwulan["dokumen"].map(order))
    first = df.sort_values(["indikator", "tahun", "_diganti", "_urutan"], kind="stable").drop_duplicates(
        ["indikator", "tahun"])[["indikator", "tahun", "dokumen"]]
    return df.merge(first, on=["indikator", "tahun", "dokumen"]).drop(columns=["_diganti", "_urutan"])


def progress_table(t) -> pd.DataFrame:
    """One row per indicator, year and quarter for every (indicator, year) with quarterly targets or
    realisasi: each quarter as given, the figures to date, capaian to date and the status."""
    plan = applicable_plan(t["target_triwulan"], t["dokumen"])
    real = t["realisasi_triwulan"]
    keys = sorted(set(zip(plan["indikator"], plan["tahun"])) | set(zip(real["indikator"], real["tahun"])))
    if not keys:
        return pd.DataFrame(columns=COLUMNS)
    ind = t["indikator"].set_index("id")
    sasaran_of = ancestors(t["node"], "sasaran")
    table = target_table(t["target"], t["dokumen"], t.settings.urutan_dokumen_target)
    annual = {(r["indikator"], r["tahun"]): r for r in row_dicts(table[table["dipilih"]])}
    # Without an applicable annual target, the Rencana Aksi's own annual figure (its TOTAL column).
    own = {(r["indikator"], r["tahun"], r["dokumen"]): r for r in row_dicts(table)}
    plan_at = {(r["indikator"], r["tahun"], r["triwulan"]): r for r in row_dicts(plan)}
    real_at = {(r["indikator"], r["tahun"], r["triwulan"]): r for r in row_dicts(real)}
    rows, upper = [], []
    for i, year in keys:
        info = ind.loc[i]
        acc = info["akumulasi"] if present(info["akumulasi"]) else None
        planned = [plan_at.get((i, year, q)) for q in QUARTERS]
        reported = [real_at.get((i, year, q)) for q in QUARTERS]
        target_values = [p["nilai"] if p is not None else None for p in planned]
        real_values = [r["nilai"] if r is not None and r["status"] != "tidak_ada" else None for r in reported]
        target_sd = to_date(target_values, acc)
        real_sd = realised_to_date(real_values, acc)
        doc = next((p["dokumen"] for p in planned if p is not None), None)
        yearly = annual.get((i, year)) or own.get((i, year, doc))
        # A range target (2–4): the Rencana Aksi's quarters state its lower bound, as the annual row does; a
        # standing figure (not a sum of quarters) planned at that bound is planned within the year's range.
        ranged = (info["jenis_target"] == "rentang" and acc in (KUMULATIF, NILAI_TERAKHIR) and yearly is not None
                  and present(yearly.get("batas_atas")))
        for n, q in enumerate(QUARTERS):
            p, r = planned[n], reported[n]
            upper.append(yearly["batas_atas"] if ranged and present(target_sd[n])
                         and as_decimal(target_sd[n]) == as_decimal(yearly["target"]) else None)
            rows.append({
                "indikator": i, "nama": info["nama"], "node": info["node"], "sasaran": sasaran_of.get(info["node"]),
                "iku": bool(info["iku"]), "satuan": info["satuan"], "polaritas": info["polaritas"],
                "jenis_target": info["jenis_target"], "akumulasi": acc, "tahun": int(year), "triwulan": q,
                "dokumen": doc, "target": target_values[n], "target_label": p["label"] if p is not None else None,
                "target_sd": target_sd[n], "batas_atas_sd": upper[-1], "realisasi": real_values[n],
                "realisasi_label": r["label"] if r is not None else None,
                "status_realisasi": r["status"] if r is not None else None, "realisasi_sd": real_sd[n],
                "target_tahunan": yearly["target"] if yearly else None,
                "target_tahunan_label": yearly["target_label"] if yearly else None,
                "dokumen_tahunan": yearly["dokumen"] if yearly else None,
            })
    df = pd.DataFrame(rows, columns=[c for c in COLUMNS if c not in ("capaian_sd", "status")])
    df["capaian_sd"] = capaian_values(df["target_sd"], df["realisasi_sd"], df["polaritas"], df["jenis_target"], upper)
    df["status"] = [status(a, ts, rs, c, p == RENDAH) for a, ts, rs, c, p in
                    zip(df["akumulasi"], df["target_sd"], df["realisasi_sd"], df["capaian_sd"], df["polaritas"])]
    # A figure to date left unknown by an earlier quarter not reported, while later ones were (TW I and TW III of
    # a per_triwulan series): not "belum dilaporkan", which reads as if this quarter were the missing one. Up to
    # the year's latest reported quarter (`latest_quarter`); a quarter not yet reached is simply not reported.
    late = df["status"] == BELUM_DILAPORKAN
    latest = {int(y): latest_quarter(t, int(y)) or 0 for y in df.loc[late, "tahun"].unique()}
    for (_, year), part in df[df["tahun"].isin(list(latest))].groupby(["indikator", "tahun"], sort=False):
        quarters = dict(zip(part["triwulan"], part["realisasi"]))
        waiting = part[late[part.index]]
        for index, akumulasi, quarter in zip(waiting.index, waiting["akumulasi"], waiting["triwulan"]):
            if quarter <= latest[int(year)] and earlier_missing(quarters, akumulasi, int(quarter)):
                df.at[index, "status"] = BELUM_DIHITUNG
    # The year's applicable annual target comes from a document since replaced (a PK Perubahan that dropped the
    # indicator): its quarters are shown, but it is no longer a promise, and the counts leave it out, as the
    # year's averages do (`compute.targets`).
    dropped = [(i, y) for (i, y), r in annual.items() if not r["berlaku"]]
    if dropped:
        df.loc[pd.MultiIndex.from_frame(df[["indikator", "tahun"]]).isin(dropped), "status"] = DIGANTI
    return df[COLUMNS].sort_values(["tahun", "indikator", "triwulan"], kind="stable").reset_index(drop=True)


def status(akumulasi, target_sd, realisasi_sd, capaian, lower_better: bool = False) -> str:
    """Where an indicator stands at a quarter. Nothing planned to date is no target yet, whether or not a
    realisasi came in: an indicator whose first target is in TW IV was "belum dilaporkan" at TW I, counted in
    the Progres page's summary ("1 dari 6 sesuai rencana, 4 belum melaporkan") while its chart, over the
    indicators with a capaian, said "1 dari 2". A planned 0 of a lower-is-better figure (no maternal death
    by TW I) is a promise, not nothing planned: met while the realisasi to date is 0, with no capaian (a ratio
    to 0), as a yes/no "Tidak Ada" is; 1 death read "tidak ada target s.d. triwulan ini"."""
    if not present(akumulasi):
        return TANPA_AKUMULASI
    if not present(target_sd):
        return TANPA_TARGET
    if not present(realisasi_sd):
        return BELUM_DILAPORKAN
    if np.isnan(capaian):
        if lower_better and as_decimal(target_sd) == 0:
            return SESUAI if as_decimal(realisasi_sd) <= 0 else TERTINGGAL
        return TANPA_TARGET
    return SESUAI if met(capaian) else TERTINGGAL


def latest_quarter(t, year: int) -> int | None:
    """The latest quarter of `year` with any reported figure (`domain.triwulan.reported_up_to`)."""
    return reported_up_to(t["realisasi_triwulan"], t["anggaran_triwulan"], year)


def progress_summary(progress: pd.DataFrame, year: int, quarter: int | None) -> dict:
    """Counts at the year's latest reported quarter, over indicators whose quarters can be added up."""
    rows = progress[(progress["tahun"] == year) & (progress["triwulan"] == quarter)] if quarter else progress.iloc[0:0]
    counted = rows[rows["status"].isin(COUNTED)]
    return {"tahun": year, "triwulan": quarter, "indikator": int(len(counted)),
            "sesuai": int((counted["status"] == SESUAI).sum()), "tertinggal": int((counted["status"] == TERTINGGAL).sum()),
            "belum_dilaporkan": int((counted["status"] == BELUM_DILAPORKAN).sum()),
            "belum_dihitung": int((counted["status"] == BELUM_DIHITUNG).sum()),
            "tertinggal_id": sorted(counted.loc[counted["status"] == TERTINGGAL, "indikator"]),
            "tanpa_akumulasi": int(progress[(progress["tahun"] == year) & (progress["triwulan"] == 1)
                                            & (progress["status"] == TANPA_AKUMULASI)]["indikator"].nunique())}


def sasaran_progress(progress: pd.DataFrame | None, sasaran: str, year: int, quarter: int | None) -> dict | None:
    """`progress_summary` over one sasaran's indicators (the home page's row, the sasaran's own page); None
    while none of them stands at the quarter."""
    if progress is None or not len(progress) or not quarter:
        return None
    s = progress_summary(progress[progress["sasaran"] == sasaran], year, quarter)
    return s if s["indikator"] else None


BUDGET_COLUMNS = ["id", "tingkat", "uraian", "tahun", "triwulan", "pagu", "dokumen_pagu", "rencana", "realisasi",
                  "rencana_sd", "realisasi_sd", "serapan_sd", "rencana_persen_sd", "dijumlah"]
PAGU_COLUMNS = ["id", "tahun", "pagu", "dokumen", "dijumlah"]
TO_DATE_COLUMNS = ["id", "pagu", "dokumen_pagu", "realisasi_sd", "serapan_sd", "dijumlah"]


def pagu_table(t) -> pd.DataFrame:
    """Each node's pagu of each year (`domain.anggaran.year_pagu`), with the document it comes from. A year
    whose total is a sum (`domain.anggaran.total_parts` over the nodes with a pagu that year: several
    tujuan, or programmes without a tujuan line) also has the agency's total (`TOTAL_ID`), as
    `budget_lines` has it for a report; its document is theirs when they share one."""
    chosen = year_pagu(t["anggaran"].sort_values(ROW), t["dokumen"])
    rows = [{"id": node, "tahun": year, "pagu": pagu, "dokumen": doc, "dijumlah": None}
            for (node, year), (pagu, doc) in sorted(chosen.items())]
    parent, tier = _tree(t)
    for year in sorted({r["tahun"] for r in rows}):
        mine = {r["id"]: r for r in rows if r["tahun"] == year}
        parts, summed = total_parts(mine, parent, tier)
        if summed:
            docs = {mine[n]["dokumen"] for n in parts}
            rows.append({"id": TOTAL_ID, "tahun": year, "pagu": sum((mine[n]["pagu"] for n in parts), Decimal(0)),
                         "dokumen": docs.pop() if len(docs) == 1 else None, "dijumlah": summed})
    return pd.DataFrame(rows, columns=PAGU_COLUMNS)


def _tree(t) -> tuple[dict, dict]:
    return dict(zip(t["node"]["id"], t["node"]["induk"])), dict(zip(t["node"]["id"], t["node"]["tingkat"]))


def budget_progress(t, pagu: pd.DataFrame) -> pd.DataFrame:
    """Per node, year and quarter of `anggaran_triwulan`: spent in the quarter and to date, the year's
    pagu (`pagu_table`), serapan and planned share to date."""
    aq = t["anggaran_triwulan"]
    if aq.empty:
        return pd.DataFrame(columns=BUDGET_COLUMNS)
    nodes = {r["id"]: r for r in row_dicts(t["node"])}
    pagu = {(n, int(y)): (p, d) for n, y, p, d in zip(pagu["id"], pagu["tahun"], pagu["pagu"], pagu["dokumen"])}
    rows = []
    for (node, year), part in aq.groupby(["node", "tahun"], sort=True):
        by_q = {int(r["triwulan"]): r for r in row_dicts(part)}
        spent_sd, plan_sd = Decimal(0), Decimal(0)
        whole, doc = pagu.get((node, int(year)), (None, None))
        n = nodes[node]
        missing = unreported([q in by_q and present(by_q[q]["realisasi"]) for q in QUARTERS], True)
        # the plan to date is added up too: a quarter whose plan is missing leaves it unknown, never smaller
        unplanned = unreported([q in by_q and present(by_q[q]["rencana"]) for q in QUARTERS], True)
        for q in QUARTERS:
            r = by_q.get(q)
            spent = r["realisasi"] if r is not None and present(r["realisasi"]) else None
            plan = r["rencana"] if r is not None and present(r["rencana"]) else None
            if spent is not None:
                spent_sd += spent
            if plan is not None:
                plan_sd += plan
            known = not missing[q - 1]  # a quarter not reported before it: the sum is unknown, never smaller
            rows.append({"id": node, "tingkat": n["tingkat"], "uraian": n["nama"], "tahun": int(year), "triwulan": q,
                         "pagu": whole, "dokumen_pagu": doc,
                         "rencana": plan, "realisasi": spent,
                         "rencana_sd": plan_sd if not unplanned[q - 1] else None,
                         "realisasi_sd": spent_sd if known else None,
                         "serapan_sd": percent(spent_sd, whole) if known else None,
                         "rencana_persen_sd": None, "dijumlah": None})
    df = pd.DataFrame(_agency_total(rows, _tree(t), pagu), columns=BUDGET_COLUMNS)
    df["rencana_persen_sd"] = [percent(p, w) if present(p) else None for p, w in zip(df["rencana_sd"], df["pagu"])]
    return df


def _agency_total(rows: list[dict], tree: tuple[dict, dict], pagu: dict) -> list[dict]:
    """The agency's total of each year and quarter (`tingkat` total), by the rule `budget_lines` follows
    (`domain.anggaran.total_parts`, over the nodes with a pagu or spending that year): its one tujuan's rows,
    or their sum (`TOTAL_ID`, after all other rows; the parts keep their own). A sum exists only where every
    part's figure does: a part without a pagu leaves the agency's pagu unknown, and one that has not reported a
    quarter its spending, never smaller."""
    parent, tier = tree
    years = sorted({r["tahun"] for r in rows})
    totals = {year: total_parts(sorted({r["id"] for r in rows if r["tahun"] == year}
                                       | {n for n, y in pagu if y == year and n != TOTAL_ID}), parent, tier)
              for year in years}
    out = [{**r, "tingkat": "total", "uraian": "Jumlah seluruh sasaran"}
           if r["id"] in totals[r["tahun"]][0] and totals[r["tahun"]][1] is None else r for r in rows]
    for year in years:
        parts, summed = totals[year]
        if not summed:
            continue
        own = [pagu.get((n, year), (None, None)) for n in parts]
        whole = sum((p for p, _ in own), Decimal(0)) if all(p is not None and present(p) for p, _ in own) else None
        docs = {d for _, d in own}
        doc = docs.pop() if len(docs) == 1 and whole is not None else None
        for q in QUARTERS:
            at = {r["id"]: r for r in rows if r["tahun"] == year and r["triwulan"] == q}
            sums = {k: sum((at[n][k] for n in parts), Decimal(0)) if all(n in at and present(at[n][k]) for n in parts)
                    else None for k in ("rencana", "realisasi", "rencana_sd", "realisasi_sd")}
            out.append({"id": TOTAL_ID, "tingkat": "total", "uraian": f"Jumlah seluruh {summed}", "tahun": year,
                        "triwulan": q, "pagu": whole, "dokumen_pagu": doc, **sums,
                        "serapan_sd": percent(sums["realisasi_sd"], whole) if sums["realisasi_sd"] is not None else None,
                        "rencana_persen_sd": None, "dijumlah": summed})
    return out


def budget_quarter(progress: pd.DataFrame | None, year: int | None) -> int | None:
    """The latest quarter of `year` with any spending reported (`budget_progress` rows): where the budget
    stands, which can be behind the indicators' latest quarter (`latest_quarter`)."""
    if progress is None or not len(progress) or year is None:
        return None
    rows = progress[(progress["tahun"] == year) & progress["realisasi"].notna()]
    return int(rows["triwulan"].max()) if len(rows) else None


def budget_gap(progress: pd.DataFrame, node: str, year: int, quarter: int) -> list[int]:
    """Why `node`'s spending to date at `quarter` of `year` (`budget_progress`) is unknown: the quarters up to
    it not reported (spending is added up quarter by quarter, a missing one never counts as 0). An empty list
    for a sum whose own quarters are all there but a part's are not, or when nothing is missing."""
    mine = progress[(progress["id"] == node) & (progress["tahun"] == year)]
    given = [bool(((mine["triwulan"] == q) & mine["realisasi"].map(present)).any()) for q in QUARTERS]
    return unreported(given, True)[quarter - 1]


def budget_to_date(progress: pd.DataFrame, pagu: pd.DataFrame, year: int, quarter: int | None) -> pd.DataFrame:
    """While a year runs: per node with a pagu for `year` or spending reported for it, the year's pagu (and
    its document) and what was spent to `quarter` (`budget_quarter`) with its serapan, as `budget_progress`
    computed them. A node whose pagu is planned but whose spending to that quarter is not reported has no
    realisasi (None), never 0."""
    rows: dict[str, dict] = {}
    for r in row_dicts(pagu[pagu["tahun"] == year]):
        rows[r["id"]] = {"id": r["id"], "pagu": r["pagu"], "dokumen_pagu": r["dokumen"], "realisasi_sd": None,
                         "serapan_sd": None, "dijumlah": r["dijumlah"]}
    if quarter and progress is not None and len(progress):
        at = progress[(progress["tahun"] == year) & (progress["triwulan"] == quarter)]
        for r in row_dicts(at):
            rows[r["id"]] = {k: r[k] if present(r[k]) else None for k in TO_DATE_COLUMNS}
    return pd.DataFrame(list(rows.values()), columns=TO_DATE_COLUMNS)


def plan_checks(t) -> list[dict]:
    """Rencana Aksi series whose quarters do not add up to the annual target the same document prints:
    neither their sum nor their last value equals it (or, when the indicator's `akumulasi` is known, the
    reading it names does not). Kept as printed; listed on the consistency page."""
    tq = t["target_triwulan"]
    if tq.empty:
        return []
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    acc = dict(zip(t["indikator"]["id"], t["indikator"]["akumulasi"]))
    annual = t["target"][t["target"]["jenis"] == "tahunan"]
    annual = {(r["indikator"], r["tahun"], r["dokumen"]): r for r in row_dicts(annual)}
    out = []
    for (i, year, doc), part in tq.groupby(["indikator", "tahun", "dokumen"], sort=True):
        total = annual.get((i, year, doc))
        if total is None or not present(total["nilai"]):
            continue
        part = part.sort_values("triwulan")
        values = [float(v) for v in part["nilai"] if present(v)]
        if not values:
            continue
        readings = {PER_TRIWULAN: sum(values), KUMULATIF: values[-1], NILAI_TERAKHIR: values[-1]}
        a = acc.get(i) if present(acc.get(i)) else None
        wanted = [readings[a]] if a else list(readings.values())
        if any(abs(w - float(total["nilai"])) < 1e-9 for w in wanted):
            continue
        shown = ", ".join(f"{TRIWULAN[int(q)]} {lb if present(lb) else '–'}" for q, lb in zip(part["triwulan"], part["label"]))
        computed = f"jumlah {fmt.angka(readings[PER_TRIWULAN], None)}; triwulan terakhir {fmt.angka(values[-1], None)}"
        reading = {PER_TRIWULAN: "jumlah triwulan", KUMULATIF: "nilai triwulan terakhir",
                   NILAI_TERAKHIR: "nilai triwulan terakhir"}
        note = (f"{shown}: jumlahnya maupun nilai triwulan terakhirnya tidak sama dengan target tahunan {total['label']} "
                "dalam Rencana Aksi yang sama" if not a else
                f"{shown}: {reading[a]} (akumulasi {a}) tidak sama dengan target tahunan {total['label']} "
                "dalam Rencana Aksi yang sama")
        out.append({"pemeriksaan": "triwulan", "objek": f"Target triwulan {names.get(i, i)} {year}", "tahun": int(year),
                    "sumber": part.iloc[0]["sumber"], "tercetak": str(total["label"]), "dihitung": computed,
                    "selisih": float(total["nilai"]) - (wanted[0] if a else readings[PER_TRIWULAN]),
                    "keterangan": note, "rujukan": f"{i}/{doc}"})
    return out

