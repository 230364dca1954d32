"""The citizen satisfaction survey page (`survei.md`): IKM per service and year, and, when the package
holds the respondents' answers, NRR per unsur, sample adequacy, margin of error and breakdowns by
respondent attribute (PermenPANRB 14/2017; Krejcie-Morgan for the sample).

Without answers the page says plainly which figures cannot be computed; it never invents them.
"""
from __future__ import annotations

import re

import pandas as pd

from generator import fmt
from generator.compute.ikm import TIDAK_DIISI, IkmResult, compute_ikm, ikm_breakdown, why_undefined
from generator.domain.ikm import NAMA_UNSUR, UNSUR
from generator.domain.values import present, row_dicts
from generator.render import charts as charts_api
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import md_link, source_csv
from generator.render.lookup import Lookup
from generator.render.pages.indikator import page_path

PATH = "survei.md"
# Respondent attributes worth a breakdown, with the heading a reader sees. Age is grouped first.
ATRIBUT = {"layanan": "Jenis layanan", "jenis_kelamin": "Jenis kelamin", "kelompok_usia": "Kelompok usia",
           "pendidikan": "Pendidikan", "pekerjaan": "Pekerjaan", "triwulan": "Triwulan pengisian"}
JENIS_KELAMIN = {"L": "Laki-laki", "P": "Perempuan"}
USIA = [(0, 20, "di bawah 20 tahun"), (20, 30, "20–29 tahun"), (30, 40, "30–39 tahun"), (40, 50, "40–49 tahun"),
        (50, 60, "50–59 tahun"), (60, 200, "60 tahun ke atas")]
ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV"}
# Schooling in its natural order; a value is ranked by the first prefix it starts with.
PENDIDIKAN = ("tidak", "sd", "smp", "sltp", "sma", "slta", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3")


def _age_group(value) -> str | None:
    if not present(value):
        return None
    for low, high, label in USIA:
        if low <= value < high:
            return label
    return None


def _order(by: str, value: str) -> tuple:
    """Groups in a reader's order: ages and schooling ascending, "Lainnya" and "(tidak diisi)" last."""
    last = 2 if value == TIDAK_DIISI else 1 if value.strip().lower() == "lainnya" else 0
    if by == "kelompok_usia":
        rank = next((n for n, (_, _, label) in enumerate(USIA) if label == value), len(USIA))
    elif by == "pendidikan":
        low = value.strip().lower()
        rank = next((n for n, p in enumerate(PENDIDIKAN) if low.startswith(p)), len(PENDIDIKAN))
    else:
        rank = 0
    return (last, rank)  # sorted() is stable: ties keep ikm_breakdown's order


def _label(by: str, value: str) -> str:
    if by == "jenis_kelamin":
        return JENIS_KELAMIN.get(value, value)
    if by == "triwulan":
        m = re.fullmatch(r"(\d{4})-T([1-4])", value)
        return f"Triwulan {ROMAWI[m.group(2)]} {m.group(1)}" if m else value
    return value


def _breakdowns(answers: pd.DataFrame, scale) -> list[dict]:
    """IKM per value of each respondent attribute present in the answers."""
    frame = answers.copy()
    if "usia" in frame:
        frame["kelompok_usia"] = [_age_group(v) for v in frame["usia"]]
    out = []
    for by, title in ATRIBUT.items():
        source = "tanggal" if by == "triwulan" else by
        if source not in frame or not frame[source].map(present).any():
            continue
        table = ikm_breakdown(frame, by, scale)
        rows = row_dicts(table)
        rows.sort(key=lambda r: _order(by, r["nilai"]))
        if len(rows) < 2:
            continue  # one group only repeats the overall figure
        out.append({"judul": title, "baris": [{
            "nilai": _label(by, r["nilai"]), "responden": r["responden"],
            "ikm": fmt.angka(r["ikm_dibulatkan"]) if r["ikm_dibulatkan"] is not None else "tidak dihitung",
            "mutu": f"{r['mutu']} ({r['kinerja']})" if r["mutu"] else "–"} for r in rows]})
    return out


def _unsur(h: IkmResult) -> tuple[list[dict], list[dict]]:
    """The nine unsur as the table shows them, and the ones with the lowest NRR as the table shows it (four
    decimals), the ones most in need of follow-up: every unsur that shows the lowest figure, none when all of
    them do (all 4, say: no unsur stands out)."""
    rows = [{"kode": u.upper(), "nama": NAMA_UNSUR[u], "responden": h.responden_unsur[u],
             "nrr": fmt.angka(h.nrr[u], 4) if h.nrr[u] is not None else "–",
             "konversi": fmt.angka(h.nrr[u] * 25) if h.nrr[u] is not None else "–", "_nrr": h.nrr[u],
             "judul": f"{u.upper()} {NAMA_UNSUR[u]}"} for u in UNSUR]
    answered = [r for r in rows if r["_nrr"] is not None]
    if not answered:
        return rows, []
    low = min(answered, key=lambda r: r["_nrr"])["nrr"]
    lowest = [r for r in answered if r["nrr"] == low]
    return rows, lowest if len(lowest) < len(answered) else []


def _as_printed(value) -> str:
    """A published IKM with the decimals it was published with, at least two (88,19; 81,90; 64,995)."""
    return fmt.angka(value, max(2, fmt.own_decimals(value)))


def _survey(lk: Lookup, s: dict, computed: dict, answers: pd.DataFrame, scale) -> dict:
    mine = answers[answers["survei"] == s["id"]]
    c = computed.get(s["id"], {})
    ind = lk.by_id.get(s["indikator"]) if present(s["indikator"]) else None
    n, population = c.get("responden"), c.get("populasi")
    item = {
        "id": s["id"], "layanan": s["layanan"], "tahun": s["tahun"],
        # a published value as published (64,995), not our rounding of it; its mutu is read from it rounded
        "ikm": (fmt.angka(c["ikm"]) if c.get("sumber_nilai") == "dihitung" else _as_printed(c["ikm"]))
        if present(c.get("ikm")) else "belum tersedia",
        "dibulatkan": fmt.angka(c["ikm"]) if c.get("sumber_nilai") != "dihitung" and present(c.get("ikm"))
        and fmt.own_decimals(c["ikm"]) > 2 else None,
        "mutu": c.get("mutu") if present(c.get("mutu")) else None, "kinerja": c.get("kinerja") if present(c.get("kinerja")) else None,
        "dihitung": c.get("sumber_nilai") == "dihitung",
        "tercetak": _as_printed(s["ikm"]) if present(s["ikm"]) else None,
        "mutu_tercetak": s["mutu_tercetak"] if present(s["mutu_tercetak"]) else None,
        "responden": fmt.angka(n, 0) if present(n) else None,
        "populasi": fmt.angka(population, 0) if present(population) else None,
        "sampel_minimum": fmt.angka(c["sampel_minimum"], 0) if present(c.get("sampel_minimum")) else None,
        "memadai": c.get("sampel_memadai") if present(c.get("sampel_memadai")) else None,
        "margin": fmt.angka(c["margin_error"]) if present(c.get("margin_error")) else None,
        "periode": (f"{fmt.tanggal(s['periode_mulai'])} – {fmt.tanggal(s['periode_selesai'])}"
                    if present(s["periode_mulai"]) and present(s["periode_selesai"]) else None),
        "metode": s["metode"] if present(s["metode"]) else None, "sumber": s["sumber"],
        "catatan": s["catatan"] if present(s["catatan"]) else None,
        "indikator": {"nama": ind["nama"], "tautan": md_link(page_path(ind["id"]), PATH)} if ind else None,
        "jawaban": 0, "unsur": [], "terendah": [], "rincian": [], "alasan": None,
    }
    if len(mine) and scale is not None:
        h = compute_ikm(mine, scale)
        item["jawaban"] = h.responden  # rows with an unsur answered: a blank row is no respondent
        item["unsur"], item["terendah"] = _unsur(h)
        item["rincian"] = _breakdowns(mine, scale)
        if not present(c.get("ikm")):
            item["alasan"] = why_undefined(h)
    return item


def build(ctx: PageContext) -> PageSet:
    lk = Lookup(ctx)
    t, res = ctx.t, ctx.res
    scale = res.scales.get(t.settings.skala_mutu_ikm)
    computed = {r["survei"]: r for r in row_dicts(res.ikm)} if len(res.ikm) else {}
    answers = t["jawaban_survei"]
    surveys = sorted(row_dicts(t["survei"]), key=lambda s: (-s["tahun"], str(s["layanan"])))
    items = [_survey(lk, s, computed, answers, scale) for s in surveys]
    files: dict[str, str] = {}
    for item in items:
        if item.get("unsur"):
            rows = pd.DataFrame([{"unsur": f"{u['kode']} {u['nama']}", "nrr": u["_nrr"]} for u in item["unsur"]])
            chart = charts_api.nrr_unsur(f"nrr-{item['id']}", f"Nilai per unsur, {item['layanan']} {item['tahun']}",
                                         rows, computed.get(item["id"], {}).get("ikm"),
                                         computed.get(item["id"], {}).get("mutu"))
            placed = charts_api.embed(chart, PATH, ctx.options.static_svg, ctx.env)
            files.update(placed.files)
            item["grafik"] = placed.html
    answers_csv = source_csv(t, "jawaban_survei")
    page = ctx.env.get_template("survei.md.j2").render(istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env),
        survei=items, ada_jawaban=any(i["jawaban"] for i in items),
        tanpa_tahun_ini=ctx.year is not None and bool(surveys) and not any(s["tahun"] == ctx.year for s in surveys),
        ada_responden=any(i["responden"] for i in items), jumlah_jawaban=len(answers),
        mutu=[c for c in (scale.classes if scale is not None else [])],
        unduh=md_link("data/ikm.csv", PATH),
        unduh_jawaban=md_link(answers_csv, PATH) if answers_csv and len(answers) else None,
        metodologi=md_link("metodologi.md", PATH), **ctx.common)
    return PageSet(pages={PATH: page, **files}, nav=[{"Survei kepuasan": PATH}])
