"""The Laporan Kinerja (LKjIP) as a document model: a list of blocks (headings, paragraphs, tables,
lists, a bar chart) in the order PermenPANRB 53/2014 gives a report: Ringkasan Eksekutif, Bab I
Pendahuluan, Bab II Perencanaan Kinerja (Renstra, IKU, RKT, PK), Bab III Akuntabilitas Kinerja (capaian
and its comparisons, analysis per sasaran, budget, efficiency), Bab IV Penutup, Lampiran (PK, Rencana
Aksi, and where this document differs from the printed report).

The portal page (Markdown) and the PDF (Typst) both render this one model, so they cannot disagree.
Every figure is a computed result formatted here (`fmt`, `values`); the analysis text is the
package's (`narasi`, each with its source), and where the package has none the document says so.
Blocks hold plain strings: each renderer escapes them for its own syntax.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from generator import fmt
from generator.compute.pembanding import latest_for
from generator.domain.dates import data_date
from generator.domain.sakip import DIBAWA, NARASI
from generator.domain.tree import code_key
from generator.domain.values import present, row_dicts
from generator.render import istilah
from generator.render.lookup import Lookup
from generator.render.words import (BELUM_TERSEDIA, JENIS_DOKUMEN, NO_INDICATOR, POLARITAS, SINGKATAN, TINGKAT, achievement,
                                    serapan_text)

TIDAK_DIMUAT = "Paket data tidak memuat {apa}; bagian ini tidak diisi oleh portal."
BULAN_LAPORAN = "Februari"


def heading(level: int, text: str, anchor: str) -> dict:
    return {"jenis": "judul", "level": level, "teks": text, "id": anchor}


def para(text: str, sumber: str | None = None, kelas: str | None = None) -> dict:
    return {"jenis": "paragraf", "teks": text, "sumber": sumber, "kelas": kelas}


def absent(what: str) -> dict:
    return para(TIDAK_DIMUAT.format(apa=what), kelas="kosong")


def items(rows: list[str]) -> dict:
    return {"jenis": "daftar", "butir": rows}


LONG_CELL = 24  # characters; an `auto` column holding a longer cell becomes a share of the width


def _fit(widths: list[str] | None, rows: list[list[str]]) -> list[str] | None:
    """Typst gives an `auto` column its unbroken width and the `fr` columns only what is left, so one
    long cell from the data (a target label with its document) can squeeze the rest to nothing. Such a
    column gets a share (`0.8fr`) instead, where its text wraps."""
    if widths is None:
        return None
    longest = [max((len(str(r[i])) for r in rows if i < len(r)), default=0) for i in range(len(widths))]
    return [("0.8fr" if w == "auto" and n > LONG_CELL else w) for w, n in zip(widths, longest)]


def table(caption: str, columns: list[str], rows: list[list[str]], numeric: list[bool] | None = None,
          widths: list[str] | None = None, note: str | None = None) -> dict:
    return {"jenis": "tabel", "judul": caption, "kolom": columns, "baris": rows,
            "angka": numeric or [False] * len(columns), "lebar": _fit(widths, rows), "catatan": note}


SUMMED = " * Laporan tidak mencetak anggaran sasaran ini; serapannya dihitung dari baris anggaran di bawahnya."


def _serapan(r: dict) -> tuple[str, bool]:
    """A sasaran's serapan as a table cell, marked * when it was added up from the lines beneath it
    (`compute.anggaran.sasaran_budget`), and whether it was."""
    mark = present(r.get("serapan")) and present(r.get("serapan_dijumlah"))
    return serapan_text(r.get("serapan"), r.get("pagu"), "–") + (" *" if mark else ""), bool(mark)


def _txt(value, default: str = "–") -> str:
    """A data cell as text; missing (None, NaN, empty) becomes `default`."""
    return str(value) if present(value) and str(value).strip() else default


def _quarter(lk: Lookup, indicator: str, row: dict | None) -> str:
    """One quarter's Rencana Aksi target as the triwulan page shows it; a quarter the plan leaves out is a dash."""
    if row is None:
        return "–"
    if indicator not in lk.by_id:
        return _txt(row["label"])
    return lk.quarter(lk.by_id[indicator], row["nilai"], row["label"])


def _date(value) -> str | None:
    return fmt.tanggal(value) if present(value) else None


class Builder:
    """Collects the blocks and numbers the tables (Tabel 1, 2, ...) in reading order."""

    def __init__(self):
        self.blocks: list[dict] = []
        self.tables = 0

    def add(self, *blocks: dict) -> None:
        for b in blocks:
            if b["jenis"] == "tabel":
                self.tables += 1
                b["nomor"] = self.tables
            self.blocks.append(b)


def _narasi(t, year: int) -> list[dict]:
    frame = t["narasi"]
    return row_dicts(frame[frame["tahun"] == year].sort_values(["jenis", "urutan", "id"], kind="stable"))


def _text_blocks(rows: list[dict]) -> list[dict]:
    return [para(r["teks"], sumber=r["sumber"]) for r in rows]


def _pick(rows: list[dict], jenis: str, node=None, any_node: bool = False) -> list[dict]:
    """The package's analysis text of one kind: for one sasaran, or for the whole report (no node)."""
    return [r for r in rows if r["jenis"] == jenis and (any_node or (r["node"] == node if node else not present(r["node"])))]


def model(ctx, lk: Lookup | None = None) -> dict:
    t, res, year = ctx.t, ctx.res, ctx.year
    lk = lk or Lookup(ctx)
    inst = ctx.common["instansi"]
    docs = t["dokumen"].set_index("id")
    report_id = t.settings.dokumen_laporan
    report = docs.loc[report_id].to_dict() if report_id in docs.index else None
    signed = report["tanggal"] if report and present(report["tanggal"]) else None
    stamp = signed or data_date(t) or dt.date(year + 1, 1, 1)
    narasi = _narasi(t, year)
    cap = res.capaian
    b = Builder()
    name = inst["nama"]
    short = inst["nama_singkat"] if present(inst["nama_singkat"]) else name

    # Indicators the report is about: the IKU with the applicable target of the year.
    iku = cap[(cap["tahun"] == year) & cap["dipilih"] & (cap["iku"] == True)]  # noqa: E712
    iku = iku.assign(_s=iku["sasaran"].map(lambda s: code_key(_txt(lk.nodes[s]["nomor"], "")) if s in lk.nodes
                                           else code_key(""))).sort_values(["_s", "indikator"], kind="stable")
    iku_rows = row_dicts(iku)
    ring = row_dicts(res.ringkasan[res.ringkasan["tahun"] == year])
    overall = ring[0] if ring else None
    per_sasaran = {r["sasaran"]: r for r in row_dicts(res.sasaran[res.sasaran["tahun"] == year])}
    year_rows = row_dicts(cap[cap["tahun"] == year])
    lines = res.anggaran[res.anggaran["tahun"] == year]
    total_line = row_dicts(lines[lines["tingkat"] == "total"])
    total = total_line[0] if total_line else None
    sasaran_nodes = [n for n in lk.nodes.values() if n["tingkat"] == "sasaran"]
    sasaran_nodes.sort(key=lambda n: (code_key(_txt(n["nomor"], "")), n["id"]))  # 1.1.2 before 1.1.10
    category = res.scales.get(t.settings.skala_kategori_capaian)

    def ind_of(i):
        return lk.by_id[i]

    def value(i, v, label=None):
        return lk.value(ind_of(i), v, label) if present(v) else BELUM_TERSEDIA

    def target(r):
        return lk.applied(ind_of(r["indikator"]), r) if present(r["target"]) else BELUM_TERSEDIA

    # --- Ringkasan Eksekutif --------------------------------------------------------------------
    b.add(heading(1, "Ringkasan Eksekutif", "ringkasan"))
    if overall and present(overall["rata_rata"]):
        b.add(para(f"Pada tahun {year}, {name} mengukur {overall['jumlah']} indikator kinerja utama (IKU) pada "
                   f"{len(sasaran_nodes)} sasaran strategis. Rata-rata capaian {overall['jumlah'] - overall['tanpa_data']} "
                   f"IKU yang memiliki realisasi adalah {fmt.persen(overall['rata_rata'])} (kategori "
                   f"{_txt(overall['kategori'], '–')}, {_txt(overall['interpretasi'], '–')}); {overall['tercapai']} IKU mencapai "
                   f"target, {overall['tidak_tercapai']} belum mencapai target, dan {overall['tanpa_data']} belum memiliki "
                   "realisasi sehingga tidak ikut dirata-rata."
                   + (f" Dalam rata-rata itu, {capped}." if (capped := lk.capped(year)) else "")))
    else:
        b.add(para(f"Belum ada IKU dengan realisasi untuk tahun {year}."))
    if total and present(total["pagu"]):
        b.add(para(f"Anggaran {year} sebesar {fmt.rupiah(total['pagu'], sen=True)} terealisasi "
                   f"{fmt.rupiah(total['realisasi'], sen=True)} atau {fmt.persen(total['serapan'])}; sisa anggaran "
                   f"{fmt.persen(total['porsi_silpa'])}."))
    rows, summed = [], False
    for s in sasaran_nodes:
        r = per_sasaran.get(s["id"], {})
        k = category.classify(r.get("rata_rata")) if category is not None and present(r.get("rata_rata")) else None
        cell, added = _serapan(r)
        summed = summed or added
        rows.append([_txt(s["nomor"], ""), s["nama"], NO_INDICATOR if s["id"] not in lk.served
                     else fmt.persen(r.get("rata_rata"), kosong=BELUM_TERSEDIA),
                     k.kode if k else "–", cell])
    b.add(table(f"Capaian dan serapan anggaran per sasaran strategis {year}",
                ["No.", "Sasaran strategis", "Rata-rata capaian", "Kategori", "Serapan anggaran"], rows,
                [False, False, True, False, True], ["auto", "1fr", "auto", "auto", "auto"],
                note=SUMMED.strip() if summed else None))
    b.add(para("Ringkasan ini disusun portal dari hasil perhitungan atas paket data; angka yang berbeda dari laporan "
               "tercetak dijelaskan pada Lampiran C."))

    # --- Bab I ------------------------------------------------------------------------------------
    b.add(heading(1, "Bab I Pendahuluan", "bab-1"))
    b.add(heading(2, "1.1 Latar Belakang", "latar-belakang"))
    b.add(*(_text_blocks(_pick(narasi, "latar_belakang")) or [absent("uraian latar belakang")]))
    b.add(heading(2, "1.2 Tugas, Fungsi dan Struktur Organisasi", "organisasi"))
    facts = []
    if present(inst.get("dasar_hukum")):
        facts.append(f"Dasar pembentukan: {inst['dasar_hukum']}.")
    if present(inst.get("alamat")):
        facts.append(f"Alamat: {inst['alamat']}.")
    if facts:
        b.add(para(" ".join(facts), sumber=inst.get("sumber")))
    functions = [f.strip() for f in str(inst.get("fungsi") or "").split(";") if f.strip()]
    if functions:
        b.add(para("Fungsi:"), items(functions))
    units = row_dicts(t["unit_kerja"])
    if units:
        b.add(table("Unit kerja dan pimpinannya", ["Unit kerja", "Pimpinan", "Jabatan"],
                    [[u["nama"], _txt(u["pimpinan_nama"], "–"), _txt(u["pimpinan_jabatan"], "–")] for u in units],
                    widths=["1fr", "1fr", "1fr"]))
    b.add(heading(2, "1.3 Kepegawaian", "pegawai"))
    staff = t["pegawai"]
    if len(staff):
        years = sorted(set(staff["tahun"]))
        for tabel, group in staff.groupby("tabel", sort=True):
            first = group.iloc[0]
            by = {}
            for r in row_dicts(group):
                by.setdefault(r["uraian"], {})[r["tahun"]] = r["jumlah"]
            b.add(table(f"Pegawai menurut {str(first['kategori']).replace('_', ' ')} (Tabel {tabel} laporan)",
                        ["Uraian"] + [str(y) for y in years],
                        [[u] + [fmt.angka(v.get(y), 0, kosong="–") for y in years] for u, v in by.items()],
                        [False] + [True] * len(years), ["1fr"] + ["auto"] * len(years)))
    else:
        b.add(absent("data kepegawaian"))
    b.add(heading(2, "1.4 Isu Strategis", "isu-strategis"))
    b.add(*(_text_blocks(_pick(narasi, "isu_strategis", any_node=True)) or [absent("uraian isu strategis")]))

    # --- Bab II -----------------------------------------------------------------------------------
    b.add(heading(1, "Bab II Perencanaan Kinerja", "bab-2"))
    b.add(heading(2, "2.1 Rencana Strategis", "renstra"))
    plan = []
    if present(inst.get("visi")):
        plan.append(f"Visi yang didukung: {inst['visi']}.")
    if present(inst.get("misi")):
        plan.append(f"Misi: {inst['misi']}.")
    if present(inst.get("tujuan_organisasi")):
        plan.append(f"Tujuan: {inst['tujuan_organisasi']}.")
    if plan:
        b.add(para(" ".join(plan), sumber=inst.get("sumber")))
    b.add(para(f"Sasaran strategis ({len(sasaran_nodes)}):"),
          items([f"{_txt(s['nomor'], '')} {s['nama']}".strip() for s in sasaran_nodes]))
    renstra = [d for d in lk.docs.values() if d["jenis"] == "renstra" and d["tahun_mulai"] <= year <= d["tahun_selesai"]
               and d["id"] not in lk.replaced_by]
    tg = t["target"]
    for doc in renstra:
        span = list(range(int(doc["tahun_mulai"]), int(doc["tahun_selesai"]) + 1))
        mine = tg[tg["dokumen"] == doc["id"]]
        rows = []
        for i in dict.fromkeys(iku["indikator"]):
            own = mine[mine["indikator"] == i]
            yearly = {r["tahun"]: r for r in row_dicts(own[own["jenis"] == "tahunan"])}
            end = row_dicts(own[own["jenis"] == "akhir_periode"])
            rows.append([ind_of(i)["nama"]] + [lk.target(ind_of(i), yearly[y]) if y in yearly else "–" for y in span]
                        + [lk.target(ind_of(i), end[0]) if end else "–"])
        b.add(table(f"Target IKU menurut {doc['judul']}", ["Indikator"] + [str(y) for y in span] + ["Akhir periode"],
                    rows, [False] + [True] * (len(span) + 1), ["1fr"] + ["auto"] * (len(span) + 1),
                    note="Tanda – : target tidak dimuat paket data."))
    b.add(heading(2, "2.2 Indikator Kinerja Utama", "iku"))
    rows = []
    for i in dict.fromkeys(iku["indikator"]):
        ind = ind_of(i)
        rows.append([ind["nama"], ind["satuan"], _txt(ind["definisi"], "belum diisi"), _txt(ind["rumus"], "belum diisi"),
                     _txt(ind["sumber_data"], "belum diisi"), lk.units.get(ind["unit"], {}).get("nama", ind["unit"])])
    b.add(table("Indikator kinerja utama, definisi operasional dan sumber datanya",
                ["Indikator", "Satuan", "Definisi operasional", "Rumus", "Sumber data", "Penanggung jawab"], rows,
                widths=["1.2fr", "auto", "1.6fr", "1.2fr", "1fr", "0.9fr"]))
    b.add(heading(2, "2.3 Rencana Kinerja Tahunan", "rkt"))
    rkt = [d for d in lk.docs.values() if d["jenis"] == "rkt" and d["tahun"] == year]
    if rkt:
        for doc in rkt:
            mine = tg[(tg["dokumen"] == doc["id"]) & (tg["tahun"] == year)]
            rows = [[ind_of(r["indikator"])["nama"], lk.target(ind_of(r["indikator"]), r)] for r in row_dicts(mine)]
            b.add(table(f"Target {doc['judul']}", ["Indikator", f"Target {year}"], rows, [False, True], ["1fr", "auto"]))
    else:
        b.add(absent(f"Rencana Kinerja Tahunan {year}"))
    b.add(heading(2, "2.4 Perjanjian Kinerja", "pk"))
    heads = _head_pk(lk, cap, year)
    if heads:
        for doc_id in heads:
            doc = lk.docs[doc_id]
            mine = [r for r in year_rows if r["dokumen"] == doc_id]
            rows = [[ind_of(r["indikator"])["nama"], target(r),
                     "berlaku" if r["berlaku"] else "diganti"] for r in mine]
            note = None
            if doc_id in lk.replaced_by:
                note = f"Diganti oleh {lk.docs[lk.replaced_by[doc_id]]['judul']}."
            b.add(table(f"{doc['judul']} ({_txt(doc['tanggal_tercetak'], _date(doc['tanggal']) or 'tanggal tidak dimuat')})",
                        ["Indikator", f"Target {year}", "Status"], rows, [False, True, False], ["1fr", "auto", "auto"],
                        note=note))
    else:
        b.add(absent(f"Perjanjian Kinerja {year}"))

    # --- Bab III ----------------------------------------------------------------------------------
    b.add(heading(1, "Bab III Akuntabilitas Kinerja", "bab-3"))
    b.add(heading(2, "3.1 Kerangka Pengukuran", "kerangka"))
    b.add(para("Capaian indikator dengan polaritas makin tinggi makin baik = realisasi ÷ target × 100; makin rendah "
               "makin baik = (2 × target − realisasi) ÷ target × 100, paling kecil 0; level dan ya/tidak dibandingkan "
               "pada skala paket data. Indikator tanpa realisasi tidak dihitung sebagai 0, melainkan dikecualikan dari "
               "rata-rata. Cara hitung lengkap ada di halaman Metodologi portal."))
    if category is not None:
        b.add(table("Kategori capaian", ["Kategori", "Rentang capaian", "Interpretasi"],
                    [[c["kode"], _txt(c.get("rentang_tercetak"), ""), _txt(c.get("interpretasi"), "")] for c in category.classes],
                    widths=["auto", "auto", "1fr"]))
    b.add(heading(2, f"3.2 Capaian Indikator Kinerja Utama {year}", "capaian"))
    rows, bars = [], []
    for r in iku_rows:
        i = r["indikator"]
        rows.append([lk.nodes[r["sasaran"]]["nomor"] if r["sasaran"] in lk.nodes else "", ind_of(i)["nama"],
                     ind_of(i)["satuan"], target(r),
                     value(i, r["realisasi"], r["realisasi_label"]), fmt.persen(r["capaian"], kosong=BELUM_TERSEDIA),
                     _txt(r["kategori"], "–")])
        if present(r["capaian"]):
            bars.append({"label": ind_of(i)["nama"], "nilai": round(float(r["capaian"]), 2),
                         "teks": fmt.persen(r["capaian"]), "status": achievement(r["tercapai"])})
    if overall:
        rows.append(["", "Rata-rata capaian IKU dengan realisasi", "", "", "", fmt.persen(overall["rata_rata"]),
                     _txt(overall["kategori"], "–")])
    b.add(table(f"Target, realisasi dan capaian IKU {year}",
                ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Kategori"], rows,
                [False, False, False, True, True, True, False], ["auto", "1fr", "auto", "auto", "auto", "auto", "auto"],
                note=(f"Tanpa realisasi: {', '.join(ind_of(i)['nama'] for i in overall['dikecualikan'].split('; ') if i)}."
                      if overall and overall["dikecualikan"] else None)))
    if bars:
        b.add({"jenis": "grafik", "judul": f"Capaian IKU {year} (garis: target 100%)",
               "alt": "Diagram batang capaian setiap IKU; " + "; ".join(f"{x['label']} {x['teks']}" for x in bars),
               "batang": bars, "acuan": 100})
    carried = iku[iku["status_realisasi"] == DIBAWA]
    if len(carried):
        b.add(para("Realisasi berikut adalah nilai tahun sebelumnya yang dipakai lagi, bukan pengukuran baru: "
                   + ", ".join(ind_of(i)["nama"] for i in carried["indikator"]) + "."))

    b.add(heading(2, "3.3 Perbandingan dengan Tahun Sebelumnya", "tahun-lalu"))
    rows = []
    for r in iku_rows:
        i = r["indikator"]
        before = lk.real.get((i, year - 1))
        rows.append([ind_of(i)["nama"], value(i, before["nilai"], before["label"]) if before else BELUM_TERSEDIA,
                     value(i, r["realisasi"], r["realisasi_label"]), _txt(r["tren"], "tidak dapat dibandingkan")])
    b.add(table(f"Realisasi {year - 1} dan {year}", ["Indikator", f"Realisasi {year - 1}", f"Realisasi {year}", "Tren"],
                rows, [False, True, True, False], ["1fr", "auto", "auto", "auto"]))

    b.add(heading(2, "3.4 Perbandingan dengan Target Jangka Menengah", "jangka-menengah"))
    rows = []
    for r in iku_rows:
        i = r["indikator"]
        end = lk.end.get(i)
        rows.append([ind_of(i)["nama"], value(i, r["realisasi"], r["realisasi_label"]),
                     lk.target(ind_of(i), end) + f" ({end['tahun']})" if end else "tidak dimuat",
                     fmt.persen(r["progres_renstra"], kosong="–")])
    b.add(table("Realisasi terhadap target akhir periode Renstra",
                ["Indikator", f"Realisasi {year}", "Target akhir Renstra", "Capaian terhadap target akhir"], rows,
                [False, True, True, True], ["1fr", "auto", "auto", "auto"]))

    b.add(heading(2, "3.5 Perbandingan dengan Pembanding Nasional atau Wilayah Lain", "pembanding"))
    rows = []
    for r in iku_rows:
        i = r["indikator"]
        for bm in latest_for(res.pembanding, i, year):
            rows.append([ind_of(i)["nama"], value(i, r["realisasi"], r["realisasi_label"]),
                         f"{bm['label']} ({str(bm['tingkat']).replace('_', '/')}, {bm['tahun']})", bm["sumber"]])
    if rows:
        b.add(table("Realisasi dan nilai pembanding", ["Indikator", f"Realisasi {year}", "Pembanding", "Sumber"], rows,
                    [False, True, True, False], ["1fr", "auto", "auto", "1fr"]))
        without = [ind_of(i)["nama"] for i in iku["indikator"] if not latest_for(res.pembanding, i, year)]
        if without:
            b.add(para("Tanpa nilai pembanding di paket data: " + "; ".join(without) + "."))
    else:
        b.add(absent("nilai pembanding nasional atau wilayah lain"))

    b.add(heading(2, "3.6 Analisis Capaian per Sasaran", "analisis"))
    for s in sasaran_nodes:
        b.add(heading(3, f"Sasaran {_txt(s['nomor'], '')} {s['nama']}".replace("  ", " "), f"sasaran-{s['id']}"))
        r = per_sasaran.get(s["id"], {})
        mine = [x for x in year_rows if x["dipilih"] and x["sasaran"] == s["id"] and x["node"] == s["id"]]
        if present(r.get("rata_rata")):
            b.add(para(f"Rata-rata capaian {int(r['dengan_data'])} dari {int(r['indikator'])} indikator yang berlaku: "
                       f"{fmt.persen(r['rata_rata'])}."
                       + (f" Dalam rata-rata itu, {capped}." if (capped := lk.capped(year, s["id"])) else "")))
        rows = [[ind_of(x["indikator"])["nama"], target(x),
                 value(x["indikator"], x["realisasi"], x["realisasi_label"]),
                 fmt.persen(x["capaian"], kosong=BELUM_TERSEDIA), "berlaku" if x["berlaku"] else "diganti"]
                for x in mine]
        if rows:
            b.add(table(f"Indikator Sasaran {_txt(s['nomor'], s['id'])} {year}",
                        ["Indikator", "Target", "Realisasi", "Capaian", "Status target"], rows,
                        [False, True, True, True, False], ["1fr", "auto", "auto", "auto", "auto"]))
        for kind in ("penyebab_keberhasilan", "hambatan", "upaya", "solusi"):
            part = _pick(narasi, kind, s["id"])
            b.add(para(f"{NARASI[kind]}:", kelas="subjudul"))
            b.add(*(_text_blocks(part) or [absent(f"{NARASI[kind].lower()} untuk sasaran ini")]))
        programmes = [n for n in lk.nodes.values() if n["tingkat"] == "program" and n["induk"] == s["id"]]
        if programmes:
            b.add(para("Program pendukung: " + "; ".join(p["nama"] for p in programmes) + "."))

    b.add(heading(2, "3.7 Akuntabilitas Keuangan", "anggaran"))
    if total and present(total["pagu"]):
        summed = f" Laporan tidak mencetak jumlah anggaran instansi; angka ini jumlah seluruh {total['dijumlah']}." \
            if present(total.get("dijumlah")) else ""
        if present(total["realisasi"]):
            b.add(para(f"Pagu {fmt.rupiah(total['pagu'], sen=True)}, realisasi {fmt.rupiah(total['realisasi'], sen=True)}, "
                       f"serapan {fmt.persen(total['serapan'])}, sisa anggaran (SILPA) {fmt.rupiah(total['silpa'], sen=True)} "
                       f"({fmt.persen(total['porsi_silpa'])}).{summed}"))
        else:
            b.add(para(f"Pagu {fmt.rupiah(total['pagu'], sen=True)}; realisasi seluruhnya belum ada di paket data, jadi "
                       f"serapan dan sisa anggaran belum dapat dihitung.{summed}"))
    belanja = lk.belanja_tables(year)
    for g in belanja:  # as the Anggaran page: each printed table apart, its lines under their parents
        rows = [["\u2003" * r["kedalaman"] + str(r["uraian"]), fmt.rupiah(r["pagu"], sen=True),
                 fmt.rupiah(r["realisasi"], sen=True) if present(r["realisasi"]) else "–",
                 serapan_text(r["serapan"], r["pagu"], "–")] for r in g["baris"]]
        b.add(table(f"Anggaran menurut jenis belanja {year}" + (f" ({g['sumber']})" if len(belanja) > 1 else ""),
                    ["Jenis belanja", "Pagu", "Realisasi", "Serapan"], rows, [False, True, True, True],
                    ["1fr", "auto", "auto", "auto"]))
    programmes, rest = lk.programmes(row_dicts(lines[lines["tingkat"] != "jenis_belanja"]))
    for caption, chosen in (
            ("Anggaran menurut sasaran", sorted(row_dicts(lines[lines["tingkat"] == "sasaran"]),
                                                key=lambda x: code_key(_txt(x["kode"], "")))),
            # the budget tree as the Anggaran page orders it: each programme, its kegiatan, their sub kegiatan
            ("Anggaran menurut program, kegiatan dan sub kegiatan", [r for p in programmes for r in (p, *p["rincian"])] + rest)):
        if not chosen:
            continue
        rows = [[_txt(x["kode"], ""), x["uraian"], fmt.rupiah(x["pagu"], sen=True), fmt.rupiah(x["realisasi"], sen=True),
                 serapan_text(x["serapan"], x["pagu"], "–")] for x in chosen]
        b.add(table(f"{caption} {year}", ["Kode", "Uraian", "Pagu", "Realisasi", "Serapan"], rows,
                    [False, False, True, True, True], ["auto", "1fr", "auto", "auto", "auto"]))
    if not len(lines):
        b.add(absent(f"anggaran {year}"))

    b.add(heading(2, "3.8 Analisis Efisiensi Penggunaan Sumber Daya", "efisiensi"))
    rows, summed = [], False
    for s in sasaran_nodes:
        r = per_sasaran.get(s["id"], {})
        cell, added = _serapan(r)
        summed = summed or added
        rows.append([_txt(s["nomor"], ""), s["nama"], fmt.persen(r.get("rata_rata"), kosong=BELUM_TERSEDIA), cell,
                     (fmt.angka(r.get("efisiensi"), 2) + " poin") if present(r.get("efisiensi")) else "–"])
    b.add(table(f"Capaian dan serapan anggaran per sasaran {year}",
                ["No.", "Sasaran", "Rata-rata capaian", "Serapan", "Selisih"], rows,
                [False, False, True, True, True], ["auto", "1fr", "auto", "auto", "auto"],
                note="Selisih = rata-rata capaian − serapan anggaran; di atas 0 berarti capaian lebih tinggi dari "
                     "bagian anggaran yang terpakai (konvensi yang dijelaskan di halaman Metodologi)."
                     + (SUMMED if summed else "")))
    eff = _pick(narasi, "efisiensi", any_node=True)
    b.add(*(_text_blocks(eff) or [absent("analisis efisiensi yang ditulis instansi; tabel di atas adalah hitungan portal")]))

    # --- Bab IV -----------------------------------------------------------------------------------
    b.add(heading(1, "Bab IV Penutup", "bab-4"))
    b.add(heading(2, "4.1 Kesimpulan", "kesimpulan"))
    if overall and present(overall["rata_rata"]):
        b.add(para(f"Rata-rata capaian IKU {year} adalah {fmt.persen(overall['rata_rata'])} ({_txt(overall['kategori'], '–')}); "
                   f"{overall['tercapai']} dari {overall['jumlah']} IKU mencapai target dan {overall['tanpa_data']} belum "
                   "memiliki realisasi."))
    b.add(*_text_blocks(_pick(narasi, "kesimpulan", any_node=True)))
    b.add(heading(2, "4.2 Rekomendasi", "rekomendasi"))
    b.add(*(_text_blocks(_pick(narasi, "rekomendasi")) or [absent("rekomendasi")]))

    # --- Lampiran ---------------------------------------------------------------------------------
    b.add(heading(1, "Lampiran", "lampiran"))
    b.add(heading(2, "A. Perjanjian Kinerja", "lampiran-pk"))
    pk_docs = [d for d in lk.docs.values() if d["jenis"] in ("pk", "pk_perubahan") and d["tahun"] == year]
    for doc in pk_docs:
        mine = [r for r in year_rows if r["dokumen"] == doc["id"]]
        if not mine:
            continue
        rows = [[ind_of(r["indikator"])["nama"], target(r)]
                for r in mine]
        signer = " — ".join(x for x in (doc["pihak_pertama"], doc["pihak_kedua"]) if present(x))
        b.add(table(f"{doc['judul']}" + (f"; {signer}" if signer else "") +
                    f" ({_txt(doc['tanggal_tercetak'], _date(doc['tanggal']) or 'tanggal tidak dimuat')})",
                    ["Indikator", f"Target {year}"], rows, [False, True], ["1fr", "auto"]))
    if not pk_docs:
        b.add(absent(f"Perjanjian Kinerja {year}"))
    b.add(heading(2, "B. Rencana Aksi", "rencana-aksi"))
    quarterly = t["target_triwulan"] if "target_triwulan" in t else None
    if quarterly is not None and len(quarterly[quarterly["tahun"] == year]):
        q = quarterly[quarterly["tahun"] == year]
        rows = []
        for i, group in q.groupby("indikator", sort=True):
            by = {int(r["triwulan"]): r for r in row_dicts(group)}
            rows.append([ind_of(i)["nama"] if i in lk.by_id else i] + [_quarter(lk, i, by.get(n)) for n in (1, 2, 3, 4)])
        b.add(table(f"Target triwulan Rencana Aksi {year}", ["Indikator", "TW I", "TW II", "TW III", "TW IV"], rows,
                    [False, True, True, True, True], ["1fr", "auto", "auto", "auto", "auto"]))
    else:
        b.add(absent(f"target triwulan Rencana Aksi {year}"))
    b.add(heading(2, "C. Perbedaan dengan Laporan Tercetak", "perbedaan"))
    kons = res.konsistensi
    found = t["temuan"]
    b.add(para(f"Dokumen ini memakai angka hasil perhitungan ulang. Perhitungan ulang menemukan {len(kons)} angka "
               f"tercetak yang berbeda lebih dari pembulatannya, dan pemeriksaan naskah mencatat {len(found)} "
               "ketidakkonsistenan lain; semuanya dijelaskan di halaman Catatan konsistensi portal."))
    if len(kons):
        b.add(table("Angka tercetak yang berbeda dari perhitungan ulang", ["Angka", "Sumber", "Tercetak", "Hitung ulang"],
                    [[r["objek"], r["sumber"], r["tercetak"], _txt(r["dihitung"], "–")] for r in row_dicts(kons)],
                    [False, False, True, True], ["1.2fr", "1fr", "0.6fr", "0.9fr"]))
    if shortened := istilah.used(_words(b.blocks)):  # as a report lists them, for the abbreviations it uses
        b.add(heading(2, "D. Daftar Singkatan", istilah.OWN_LIST.strip("{#}")))
        b.add(table("Singkatan yang dipakai dalam laporan ini", ["Singkatan", "Kepanjangan"],
                    [list(SINGKATAN[k]) for k in shortened], [False, False], ["auto", "1fr"]))

    return {
        "judul": f"Laporan Kinerja Tahun {year}",
        "instansi": name, "singkat": short, "pemerintah_daerah": inst["pemerintah_daerah"], "tahun": year,
        "tanggal": _date(signed) if signed else None, "tanggal_iso": stamp.isoformat(),
        "tanggal_data": _date(data_date(t)),
        "penanda_tangan": report["pihak_pertama"] if report and present(report["pihak_pertama"]) else None,
        "tempat": inst["pemerintah_daerah"],
        "paket": str(t.descriptor.get("title") or t.descriptor.get("name") or ""),
        "versi": str(t.descriptor.get("version") or ""),
        "sintetis": bool(t.settings.sintetis),
        "blok": b.blocks,
    }


def _words(blocks: list[dict]) -> str:
    """Every word the report prints: headings, paragraphs and their sources, lists, tables and their notes."""
    out = []
    for b in blocks:
        out += [str(b.get(k) or "") for k in ("teks", "sumber", "judul", "catatan")]
        out += [str(x) for x in b.get("butir", [])] + [str(x) for x in b.get("kolom", [])]
        out += [str(x) for row in b.get("baris", []) for x in row]
    return "\n".join(out)


def _head_pk(lk: Lookup, cap: pd.DataFrame, year: int) -> list[str]:
    """The agency head's Perjanjian Kinerja of the year (the one setting targets on sasaran and tujuan),
    the amended one first, then the one it replaced."""
    tier = {nid: n["tingkat"] for nid, n in lk.nodes.items()}
    rows = cap[(cap["tahun"] == year) & cap["jenis_dokumen"].isin(["pk", "pk_perubahan"])]
    rows = rows[rows["node"].map(tier).isin(["tujuan", "sasaran"])]
    ids = list(dict.fromkeys(rows.sort_values("urutan_dokumen")["dokumen"]))
    return sorted(ids, key=lambda d: (lk.docs[d]["jenis"] != "pk_perubahan", ids.index(d)))


def headings(doc: dict, depth: int = 2) -> list[str]:
    """The document's headings down to `depth`: what the table of contents lists."""
    return [b["teks"] for b in doc["blok"] if b["jenis"] == "judul" and b["level"] <= depth]


__all__ = ["model", "headings", "TINGKAT", "JENIS_DOKUMEN", "POLARITAS"]
