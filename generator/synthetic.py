"""`kinerja contoh`: a SYNTHETIC kabupaten, N perangkat daerah (OPD) data packages and the catalog that
joins them, for demonstrations and the scale benchmark (benchmarks/scale.py).

Every OPD gets a realistic shape: a tujuan, 4 sasaran, 8 programs, 16 kegiatan and 48 sub kegiatan;
40 indicators (8 IKU including an IKM, about one in five lower-better); a Renstra, a PK and an LKjIP
per year with targets and realisations (a few missing in the last year); budgets for every node and
year whose parts add up exactly (Indonesian number format, `;`-separated, as an Excel export); survey
answers U1-U9 in realistic proportions for the last year. Everything is labelled synthetic: package
title, `kinerja.sintetis`, every `sumber` cell, and the catalog.

Deterministic: each OPD draws from `random.Random(f"{seed}:{opd id}")`, whose sequence Python
guarantees for a given seed; amounts are Decimals. The same arguments give byte-identical files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from generator import contract

SUMBER = "Data sintetis (contoh kabupaten), dibangkitkan oleh kinerja contoh"
CATALOG_TITLE = "Portal Kinerja Kabupaten Sintetis"  # with MEMBER_PREFIX, how `kinerja contoh` knows its own output
MEMBER_PREFIX = "contoh-kabupaten-"
OPD = [
    ("disdik", "Dinas Pendidikan"), ("dinkes", "Dinas Kesehatan"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"), ("dinsos", "Dinas Sosial"),
    ("disnaker", "Dinas Tenaga Kerja"), ("dlh", "Dinas Lingkungan Hidup"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"), ("dishub", "Dinas Perhubungan"),
    ("diskominfo", "Dinas Komunikasi dan Informatika"), ("dkukm", "Dinas Koperasi dan Usaha Kecil Menengah"),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), ("dispora", "Dinas Kepemudaan dan Olahraga"),
    ("disbudpar", "Dinas Kebudayaan dan Pariwisata"), ("dispusip", "Dinas Perpustakaan dan Kearsipan"),
    ("diskan", "Dinas Perikanan"), ("distan", "Dinas Pertanian"),
    ("disperindag", "Dinas Perindustrian dan Perdagangan"), ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana"), ("dkp", "Dinas Ketahanan Pangan"),
    ("dperkim", "Dinas Perumahan dan Kawasan Permukiman"), ("satpolpp", "Satuan Polisi Pamong Praja"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah"), ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah"), ("bapenda", "Badan Pendapatan Daerah"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik"), ("inspektorat", "Inspektorat Daerah"),
    ("setda", "Sekretariat Daerah"), ("setwan", "Sekretariat DPRD"), ("rsud", "Rumah Sakit Umum Daerah"),
]
TEMA = ["akses layanan", "mutu layanan", "tata kelola", "akuntabilitas kinerja", "partisipasi masyarakat",
        "pemanfaatan teknologi informasi", "kapasitas aparatur", "ketepatan waktu layanan"]
LAYANAN = ["Layanan administrasi", "Layanan informasi", "Layanan pengaduan"]
PENDIDIKAN = (["SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2", "S3"], [0.05, 0.09, 0.37, 0.13, 0.30, 0.05, 0.01])
PEKERJAAN = (["PNS/ASN", "TNI/Polri", "Pegawai Swasta", "Wiraswasta", "Pelajar/Mahasiswa", "Lainnya"],
             [0.22, 0.03, 0.27, 0.21, 0.15, 0.12])
UNSUR_MU = [3.30, 3.22, 2.95, 3.55, 3.28, 3.18, 3.35, 3.05, 3.12]  # mean score per element, before a person's mood
RESOURCES = ("instansi", "unit_kerja", "dokumen", "node", "indikator", "target", "realisasi", "skala", "skala_kelas",
             "anggaran", "survei", "jawaban_survei", "kondisi", "indikator_kondisi",
             "target_triwulan", "realisasi_triwulan", "anggaran_triwulan")
# Words of the five-stage tree (kondisi): varied enough that no two conditions read alike (the redundancy rule).
HASIL_KEGIATAN = ["Meningkatnya ketepatan jadwal layanan", "Meluasnya jangkauan layanan ke desa", "Terpadunya data antarbidang",
                  "Meningkatnya keandalan sistem informasi", "Menurunnya keluhan pengguna layanan",
                  "Meningkatnya kepatuhan pada standar pelayanan", "Tertibnya administrasi keuangan",
                  "Meningkatnya kompetensi petugas", "Meningkatnya partisipasi warga dalam perencanaan",
                  "Terjaminnya keamanan data", "Cepatnya tindak lanjut pengaduan", "Tersedianya informasi publik yang mutakhir",
                  "Meningkatnya mutu dokumen perencanaan", "Terpeliharanya sarana kantor",
                  "Dimanfaatkannya hasil evaluasi", "Terkoordinasinya kegiatan lintas bidang"]
SARANA = ["melalui penguatan kelembagaan", "melalui pembenahan proses layanan", "melalui pemanfaatan data",
          "melalui kemitraan dengan masyarakat", "melalui peningkatan kapasitas aparatur", "melalui digitalisasi layanan",
          "melalui pengawasan mutu", "melalui perbaikan sarana"]
KERJA = ["Tersedianya", "Terlaksananya", "Tersusunnya", "Terbangunnya", "Terkelolanya", "Terpenuhinya"]
OBJEK = ["dokumen perencanaan", "pelatihan petugas", "sistem pelaporan", "sarana pendukung", "basis data pelayanan",
         "standar operasional", "forum koordinasi", "kanal pengaduan", "aplikasi layanan", "bahan sosialisasi",
         "laporan pemantauan", "kajian kebutuhan"]
SKALA = [("kategori-capaian", "Kategori capaian indikator (konvensi Tabel 3.1 LKjIP)", "interval"),
         ("mutu-ikm", "Mutu pelayanan menurut IKM (PermenPANRB 14/2017)", "interval")]
SKALA_KELAS = [  # skala, kode, urutan, bawah, bawah inklusif, atas, atas inklusif, rentang, interpretasi
    ("kategori-capaian", "AA", 1, "90", "tidak", "", "", ">90-100", "Sangat Memuaskan"),
    ("kategori-capaian", "A", 2, "80", "tidak", "90", "ya", ">80-90", "Memuaskan"),
    ("kategori-capaian", "BB", 3, "70", "tidak", "80", "ya", ">70-80", "Sangat Baik"),
    ("kategori-capaian", "B", 4, "60", "tidak", "70", "ya", ">60-70", "Baik"),
    ("kategori-capaian", "CC", 5, "50", "tidak", "60", "ya", ">50-60", "Cukup"),
    ("kategori-capaian", "C", 6, "30", "tidak", "50", "ya", ">30-50", "Kurang"),
    ("kategori-capaian", "D", 7, "0", "ya", "30", "ya", "0-30", "Sangat Kurang"),
    ("mutu-ikm", "A", 1, "88.31", "ya", "100.00", "ya", "88,31 - 100,00", "Sangat Baik"),
    ("mutu-ikm", "B", 2, "76.61", "ya", "88.30", "ya", "76,61 - 88,30", "Baik"),
    ("mutu-ikm", "C", 3, "65.00", "ya", "76.60", "ya", "65,00 - 76,60", "Kurang Baik"),
    ("mutu-ikm", "D", 4, "25.00", "ya", "64.99", "ya", "25,00 - 64,99", "Tidak Baik"),
]


def q(value, places: int = 2) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def indo(value: Decimal, places: int = 2) -> str:
    """1234567.5 -> '1.234.567,50' (as an Indonesian-locale spreadsheet prints it)."""
    text = f"{q(value, places):,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def opd_list(n: int) -> list[tuple[str, str]]:
    extra = [(f"kecamatan-{k:03d}", f"Kecamatan Contoh {k}") for k in range(1, max(0, n - len(OPD)) + 1)]
    return (OPD + extra)[:n]


class Draw:
    def __init__(self, key: str):
        self.rng = random.Random(key)

    def u(self) -> float:
        return self.rng.random()

    def between(self, low: float, high: float) -> float:
        return low + (high - low) * self.u()

    def normal(self, sd: float) -> float:
        return self.rng.gauss(0.0, sd)

    def pick(self, options: list, weights: list[float]):
        return self.rng.choices(options, weights)[0]


def _indicators(draw: Draw, nodes: list[dict], first_year: int) -> list[dict]:
    """40 indicators: 2 per sasaran (IKU; the first is the IKM), 1 per program and kegiatan, 1 for the first
    sub kegiatan of every other kegiatan."""
    out = []
    for node in nodes:
        level, nid = node["tingkat"], node["id"]
        if level == "sasaran":
            count = 2
        elif level in ("program", "kegiatan"):
            count = 1
        elif level == "sub_kegiatan" and nid.endswith("-1-1"):
            count = 1
        else:
            continue
        for k in range(count):
            if level == "sasaran" and nid == "s-1" and k == 0:
                out.append({"id": "iku-ikm", "node": nid, "nama": "Indeks Kepuasan Masyarakat (IKM)", "satuan": "nilai",
                            "polaritas": "tinggi_lebih_baik", "jenis_target": "angka", "skala": "mutu-ikm", "iku": True,
                            "_dasar": 78.0, "_naik": 1.2})
                continue
            lower = draw.u() < 0.2
            tema = TEMA[(len(out) * 3 + k) % len(TEMA)]
            if lower:
                spec = {"nama": f"Rata-rata waktu penyelesaian {tema} ({node['nomor']})", "satuan": "hari",
                        "polaritas": "rendah_lebih_baik", "_dasar": round(draw.between(5, 20)), "_naik": -0.5}
            else:
                spec = {"nama": f"Persentase {tema} yang memenuhi standar ({node['nomor']})", "satuan": "persen",
                        "polaritas": "tinggi_lebih_baik", "_dasar": round(draw.between(55, 85), 1), "_naik": 2.0}
            out.append({"id": f"ind-{nid}-{k + 1}", "node": nid, "jenis_target": "angka", "skala": None,
                        "iku": level == "sasaran", **spec})
    return out


def _survey(draw: Draw, year: int, n: int) -> tuple[list[dict], Decimal]:
    """n respondents' answers (about 2% of cells blank) and the IKM they give (exact, then rounded)."""
    rows, sums, counts = [], [0] * 9, [0] * 9
    start = dt.date(year, 7, 1)
    for number in range(1, n + 1):
        mood = draw.normal(0.42)
        row = {"survei": f"skm-{year}", "responden": f"R{year}-{number:05d}",
               "tanggal": (start + dt.timedelta(days=int(draw.u() * 120))).isoformat(),
               "layanan": draw.pick(LAYANAN, [0.5, 0.3, 0.2]), "jenis_kelamin": draw.pick(["L", "P"], [0.53, 0.47]),
               "usia": str(int(min(75, max(17, round(37 + draw.normal(11.5)))))),
               "pendidikan": draw.pick(*PENDIDIKAN), "pekerjaan": draw.pick(*PEKERJAAN)}
        for i, mu in enumerate(UNSUR_MU):
            score = min(4, max(1, int(q(mu + mood + draw.normal(0.55), 0))))
            if draw.u() < 0.02:
                row[f"u{i + 1}"] = ""
            else:
                row[f"u{i + 1}"] = str(score)
                sums[i] += score
                counts[i] += 1
        rows.append(row)
    nrr = [Decimal(s) / Decimal(c) for s, c in zip(sums, counts) if c]
    return rows, q(sum(nrr) / len(nrr) * 25, 2) if nrr else Decimal(0)


def _trend(ind: dict, i: int) -> Decimal:
    """The target `i` years after the first: a steady step (`_naik`) from `_dasar`, held where it would leave
    what the unit allows, so a long span stays a valid package: a time no shorter than 1, a percentage or
    an index no higher than 100 (a step of -0,5 day a year reached 0 after 10-40 years, and capaian of a
    lower-is-better target of 0 is undefined)."""
    target = Decimal(str(ind["_dasar"])) + Decimal(str(ind["_naik"])) * i
    if ind["polaritas"] == "rendah_lebih_baik":
        target = max(target, Decimal(1))
    elif ind["satuan"] in ("persen", "nilai"):
        target = min(target, Decimal(100))
    return q(target, 2)


def opd_tables(opd_id: str, nama: str, years: list[int], responden: int, seed: int,
               running: bool = False) -> dict[str, list[dict]]:
    """One OPD's tables. `running`: the OPD has moved on to the year after `years` and reported its
    first two quarters (PK and Rencana Aksi of that year, realisasi and spending of TW I-II)."""
    draw = Draw(f"{seed}:{opd_id}")
    first, last = years[0], years[-1]
    src = SUMBER
    t: dict[str, list[dict]] = {}
    t["instansi"] = [{"id": opd_id, "nama": f"{nama} Kabupaten Sintetis", "nama_singkat": nama,
                      "pemerintah_daerah": "Pemerintah Kabupaten Sintetis", "provinsi": "Provinsi Contoh",
                      "alamat": "Kompleks Perkantoran Fiktif, Kota Contoh", "kepala_nama": f"Kepala {nama} (fiktif)",
                      "kepala_jabatan": "Kepala", "visi": "Kabupaten Sintetis yang maju dan melayani (visi fiktif)",
                      "misi": "Misi fiktif untuk data contoh", "tujuan_organisasi": f"Meningkatnya kinerja {nama.lower()}",
                      "sumber": src}]
    t["unit_kerja"] = [{"id": "pimpinan", "nama": "Kepala", "pimpinan_nama": f"Kepala {nama} (fiktif)", "sumber": src},
                       {"id": "sekretariat", "nama": "Sekretariat", "induk": "pimpinan", "sumber": src}] + [
                      {"id": f"bidang-{b}", "nama": f"Bidang {b}", "induk": "pimpinan", "sumber": src} for b in (1, 2, 3)]
    renstra = f"renstra-{first}-{last}"
    docs = [{"id": renstra, "jenis": "renstra", "judul": f"Rencana Strategis {first}-{last}", "tahun_mulai": first,
             "tahun_selesai": last, "sumber": src}]
    for y in years:
        docs.append({"id": f"pk-{y}", "jenis": "pk", "judul": f"Perjanjian Kinerja {y}", "tahun": y, "tahun_mulai": y,
                     "tahun_selesai": y, "tanggal": dt.date(y, 1, 20).isoformat(), "sumber": src})
        signed = dt.date(y + 1, 2, 12)
        docs.append({"id": f"lkjip-{y}", "jenis": "lkjip", "judul": f"Laporan Kinerja {y} (sintetis)", "tahun": y,
                     "tahun_mulai": y, "tahun_selesai": y, "pihak_pertama": f"Kepala {nama} (fiktif)",
                     "tanggal": signed.isoformat(), "sumber": src})
    t["dokumen"] = docs
    nodes = [{"id": "t-1", "tingkat": "tujuan", "nomor": "1", "nama": f"Meningkatnya kinerja {nama.lower()}", "unit": "pimpinan"}]
    for s in range(1, 5):
        nodes.append({"id": f"s-{s}", "tingkat": "sasaran", "induk": "t-1", "nomor": f"1.{s}",
                      "nama": f"Meningkatnya {TEMA[s - 1]} {nama.lower()}", "unit": "sekretariat" if s == 4 else f"bidang-{min(s, 3)}"})
        for p in (1, 2):
            pid = f"p-{s}-{p}"
            nodes.append({"id": pid, "tingkat": "program", "induk": f"s-{s}", "nomor": f"1.{s}.{p}",
                          "nama": f"Program {TEMA[(s + p) % len(TEMA)]} {s}.{p}", "unit": f"bidang-{(s + p) % 3 + 1}"})
            for k in (1, 2):
                kid = f"k-{s}-{p}-{k}"
                nodes.append({"id": kid, "tingkat": "kegiatan", "induk": pid, "nomor": f"1.{s}.{p}.{k}",
                              "nama": f"Kegiatan {TEMA[(s + p + k) % len(TEMA)]} {s}.{p}.{k}", "unit": f"bidang-{(s + k) % 3 + 1}"})
                for n in (1, 2, 3):
                    nodes.append({"id": f"sk-{s}-{p}-{k}-{n}", "tingkat": "sub_kegiatan", "induk": kid,
                                  "nomor": f"1.{s}.{p}.{k}.{n}", "nama": f"Sub kegiatan {s}.{p}.{k}.{n}",
                                  "unit": f"bidang-{(s + k + n) % 3 + 1}"})
    for node in nodes:
        node["sumber"] = src
    t["node"] = nodes
    indicators = _indicators(draw, nodes, first)
    answers, ikm_last = _survey(draw, last, responden)
    targets, reals, ikm_of = [], [], {}
    # two realisations not yet available in the last year: an IKU and a kegiatan indicator
    missing = {"ind-s-3-2", next(i["id"] for i in indicators if i["id"].startswith("ind-k-"))}
    for ind in indicators:
        for i, y in enumerate(years):
            target = _trend(ind, i)
            targets.append({"indikator": ind["id"], "tahun": y, "dokumen": f"pk-{y}", "jenis": "tahunan",
                            "nilai": format(target, "f"), "label": indo(target), "sumber": src})
            if ind["id"] == "iku-ikm" and y == last:
                value = ikm_last
            else:
                ratio = Decimal(str(round(draw.between(0.86, 1.16), 4)))
                value = q(target * ratio if ind["polaritas"] == "tinggi_lebih_baik" else target / ratio, 2)
                if ind["satuan"] in ("persen", "nilai"):  # a percentage, an index of at most 100 (IKM)
                    value = min(value, Decimal(100))
            if ind["id"] == "iku-ikm":
                ikm_of[y] = value  # each year's survey is the indicator's realisasi, as the survey page says
            if y == last and ind["id"] in missing:
                reals.append({"indikator": ind["id"], "tahun": y, "status": "tidak_ada", "sumber": src})
            else:
                reals.append({"indikator": ind["id"], "tahun": y, "nilai": format(value, "f"), "label": indo(value),
                              "status": "final", "sumber": src})
        end = _trend(ind, len(years) - 1)
        targets.append({"indikator": ind["id"], "tahun": last, "dokumen": renstra, "jenis": "akhir_periode",
                        "nilai": format(end, "f"), "label": indo(end), "sumber": src})
    t["indikator"] = [{k: v for k, v in ind.items() if not k.startswith("_")} | {
        "unit": "sekretariat", "renstra": renstra, "sumber": src} for ind in indicators]
    t["target"], t["realisasi"] = targets, reals
    t["skala"] = [{"id": i, "nama": n, "jenis": j, "sumber": "Konvensi LKjIP dan PermenPANRB 14/2017"} for i, n, j in SKALA]
    t["skala_kelas"] = [{"skala": s, "kode": c, "urutan": u, "label": c, "batas_bawah": lo, "bawah_inklusif": li,
                         "batas_atas": hi, "atas_inklusif": hii, "rentang_tercetak": r, "interpretasi": it}
                        for s, c, u, lo, li, hi, hii, r, it in SKALA_KELAS]
    t["anggaran"] = _budgets(draw, nodes, years, src)
    # the population served is larger than any sample drawn from it: with more respondents than the usual
    # 25.000 (a load test), it grows with them, so the package stays valid
    populasi = max(25000, 2 * responden)
    t["survei"] = [{"id": f"skm-{y}", "indikator": "iku-ikm", "layanan": "Seluruh layanan", "tahun": y,
                    "ikm": format(ikm_of[y], "f"),
                    "responden": responden if y == last else 300, "populasi": populasi, "sumber": src} for y in years]
    t["jawaban_survei"] = answers
    _quarters(t, Draw(f"{seed}:{opd_id}:triwulan"), indicators, years, running)
    t["kondisi"], t["indikator_kondisi"] = _kondisi(nama, nodes, indicators, src)
    return t


def _quarters(t: dict, draw: Draw, indicators: list[dict], years: list[int], running: bool) -> None:
    """Quarterly data (drawn from a stream of its own, so the annual data stay as they were): a Rencana
    Aksi and four quarters of realisasi and spending for the last year, whose TW IV equals the year's
    annual figures; for a running OPD also the next year's PK, Rencana Aksi and its first two quarters."""
    last, src = years[-1], SUMBER
    iku = [i for i in indicators if i["iku"] and i["id"] != "iku-ikm"]  # the IKM is a yearly survey
    for ind in indicators:
        ind["akumulasi"] = "nilai_terakhir" if ind in iku else ""
    target = {(r["indikator"], r["tahun"]): Decimal(r["nilai"]) for r in t["target"] if r["jenis"] == "tahunan"}
    real = {(r["indikator"], r["tahun"]): Decimal(r["nilai"]) for r in t["realisasi"] if r.get("nilai")}
    t["indikator"] = [{**row, "akumulasi": next(i["akumulasi"] for i in indicators if i["id"] == row["id"])}
                      for row in t["indikator"]]
    plans, reports, spending = [], [], []
    span = [(last, 4, f"ra-{last}")] + ([(last + 1, 2, f"ra-{last + 1}")] if running else [])
    docs = t["dokumen"]
    for year, quarters, ra in span:
        docs.append({"id": ra, "jenis": "rencana_aksi", "judul": f"Rencana Aksi {year}", "tahun": year,
                     "tahun_mulai": year, "tahun_selesai": year, "tanggal": dt.date(year, 1, 31).isoformat(), "sumber": src})
        for ind in iku:
            goal = target.get((ind["id"], year))
            if goal is None:  # the running year: the PK target continues the Renstra's step
                goal = _trend(ind, len(years))
                t["target"].append({"indikator": ind["id"], "tahun": year, "dokumen": f"pk-{year}", "jenis": "tahunan",
                                    "nilai": format(goal, "f"), "label": indo(goal), "sumber": src})
            start = real.get((ind["id"], year - 1), goal)
            end = real.get((ind["id"], year))
            for quarter in range(1, 5):
                planned = q(start + (goal - start) * quarter / 4, 2)
                plans.append({"indikator": ind["id"], "tahun": year, "triwulan": quarter, "dokumen": ra,
                              "nilai": format(planned, "f"), "label": indo(planned), "sumber": src})
                if quarter > quarters or (year == last and end is None):
                    continue
                if year == last and quarter == 4:
                    value = end  # TW IV is the year's own figure
                else:
                    aim = end if end is not None else goal * Decimal(str(round(draw.between(0.9, 1.08), 4)))
                    value = q(start + (aim - start) * quarter / 4 + Decimal(str(round(draw.normal(0.6), 2))), 2)
                    value = min(value, Decimal(100)) if ind["satuan"] == "persen" else value
                reports.append({"indikator": ind["id"], "tahun": year, "triwulan": quarter, "nilai": format(value, "f"),
                                "label": indo(value), "status": "final" if year == last else "sementara", "sumber": src})
        budget = {r["node"]: r for r in t["anggaran"] if r["dokumen"] == f"lkjip-{last}"}
        programs = [n["id"] for n in t["node"] if n["tingkat"] == "program"]
        totals = [Decimal(0)] * quarters
        for pid in programs:
            pagu = Decimal(budget[pid]["pagu"].replace(".", "").replace(",", "."))
            if year != last:
                pagu = q(pagu * Decimal("1.05"), 0)
                t["anggaran"].append({"node": pid, "dokumen": f"pk-{year}", "uraian": budget[pid]["uraian"],
                                      "pagu": indo(pagu), "sumber": src})
                whole = q(pagu * Decimal(str(round(draw.between(0.30, 0.42), 4))), 0)
            else:
                whole = Decimal(budget[pid]["realisasi"].replace(".", "").replace(",", "."))
            shares = [Decimal("0.14"), Decimal("0.23"), Decimal("0.26")][:quarters - 1] if year == last else \
                [Decimal("0.40")]
            parts = [q(whole * w, 0) for w in shares]
            parts.append(whole - sum(parts))
            for quarter, amount in enumerate(parts, start=1):
                totals[quarter - 1] += amount
                spending.append({"node": pid, "tahun": year, "triwulan": quarter, "realisasi": indo(amount), "sumber": src})
        if year != last:  # the PK's pagu per sasaran is the sum of its programmes, the total the sum of those
            parent = {n["id"]: n.get("induk") for n in t["node"]}
            per_sasaran: dict[str, Decimal] = {}
            for r in [r for r in t["anggaran"] if r["dokumen"] == f"pk-{year}" and r["node"] in programs]:
                sid = parent[r["node"]]
                per_sasaran[sid] = per_sasaran.get(sid, Decimal(0)) + Decimal(r["pagu"].replace(".", "").replace(",", "."))
            for sid, amount in per_sasaran.items():
                uraian = budget[sid]["uraian"] if sid in budget else next(n["nama"] for n in t["node"] if n["id"] == sid)
                t["anggaran"].append({"node": sid, "dokumen": f"pk-{year}", "uraian": uraian,
                                      "pagu": indo(amount), "sumber": src})
            pagu_total = sum(per_sasaran.values())
            t["anggaran"].append({"node": "t-1", "dokumen": f"pk-{year}", "uraian": "Jumlah (seluruh sasaran strategis)",
                                  "pagu": indo(pagu_total), "sumber": src})
        for quarter, amount in enumerate(totals, start=1):
            spending.append({"node": "t-1", "tahun": year, "triwulan": quarter, "realisasi": indo(amount), "sumber": src})
    if running:
        year = last + 1
        docs.append({"id": f"pk-{year}", "jenis": "pk", "judul": f"Perjanjian Kinerja {year}", "tahun": year,
                     "tahun_mulai": year, "tahun_selesai": year, "tanggal": dt.date(year, 1, 20).isoformat(), "sumber": src})
    t["target_triwulan"], t["realisasi_triwulan"], t["anggaran_triwulan"] = plans, reports, spending


def _kondisi(nama: str, nodes: list[dict], indicators: list[dict], src: str) -> tuple[list[dict], list[dict]]:
    """The five-stage tree of the OPD (docs/domain.md §9): an outcome, a CSF per sasaran, a kondisi antara utama
    per program, a kondisi antara per kegiatan and a kondisi operasional per sub kegiatan, each tied to its
    nomenclature node, with its level, component and owner as the crosswalk puts them; one cross-cutting
    condition with named partners. Indicators are stated in Tahap 4 and again in Tahap 5, linked to the
    package's measured indicator of the same node where there is one."""
    kinds = {"tujuan": ("outcome", "tujuan", None, "strategis"), "sasaran": ("csf", "sasaran", "jpt", "strategis"),
             "program": ("kondisi_antara_utama", "sasaran_program", "eselon_3", "taktikal_intermediate"),
             "kegiatan": ("kondisi_antara", "sasaran_kegiatan", "sub_koordinator_jf", "taktikal_immediate"),
             "sub_kegiatan": ("kondisi_operasional", "sasaran_sub_kegiatan", "jf_jp", "operasional")}
    stage = {"outcome": 1, "csf": 2}
    measured: dict[str, list[dict]] = {}
    for ind in indicators:
        measured.setdefault(ind["node"], []).append(ind)
    lower = nama.lower()
    conditions, rows = [], []
    counter = {"kegiatan": 0, "sub_kegiatan": 0}
    for n in nodes:
        kind, comp, owner, level = kinds[n["tingkat"]]
        parts = n["nomor"].split(".")
        if n["tingkat"] == "tujuan":
            name = f"Terwujudnya layanan {lower} yang berkualitas dan akuntabel"
        elif n["tingkat"] == "sasaran":
            name = n["nama"]
        elif n["tingkat"] == "program":
            s_, p_ = int(parts[1]), int(parts[2])
            name = f"Meningkatnya {TEMA[(s_ + p_) % len(TEMA)]} {SARANA[(2 * s_ + p_) % len(SARANA)]}"
        elif n["tingkat"] == "kegiatan":
            i = counter["kegiatan"]
            counter["kegiatan"] += 1
            name = HASIL_KEGIATAN[i % len(HASIL_KEGIATAN)]
        else:
            i = counter["sub_kegiatan"]
            counter["sub_kegiatan"] += 1
            name = f"{KERJA[i % len(KERJA)]} {OBJEK[i % len(OBJEK)]} {TEMA[(i // len(OBJEK) * 3 + i) % len(TEMA)]}"
        kid = "k-" + n["id"]
        parent = "k-" + n["induk"] if n.get("induk") else None
        conditions.append({"id": kid, "jenis": kind, "induk": parent, "nama": name,
                           "masalah": f"Rendahnya {TEMA[int(parts[1]) - 1]} {lower}" if kind == "csf" else None,
                           "tahap": stage.get(kind, 3), "komponen": comp, "pemilik": owner,
                           "node": n["id"] if n["tingkat"] != "tujuan" else None, "lintas": False, "sumber": src})
        own = measured.get(n["id"]) or [None]
        for k, ind in enumerate(own, start=1):
            label = ind["nama"] if ind else f"Jumlah keluaran: {name[0].lower()}{name[1:]}"
            for tahap in (4, 5):
                rows.append({"id": f"i-{n['id']}.{k}", "kondisi": kid, "tahap": tahap, "nama": label, "level": level,
                             "kondisi_tercetak": name, "indikator": ind["id"] if ind else None, "sumber": src})
    conditions.append({"id": "k-lintas-1", "jenis": "kondisi_antara_utama", "induk": "k-s-1",
                       "nama": "Terpadunya data statistik sektoral bersama perangkat daerah lain", "tahap": 3,
                       "komponen": "sasaran_program", "pemilik": "eselon_3", "lintas": True,
                       "mitra": "Badan Perencanaan Pembangunan Daerah; Dinas Komunikasi dan Informatika (fiktif)", "sumber": src})
    for tahap in (4, 5):
        rows.append({"id": "i-lintas-1.1", "kondisi": "k-lintas-1", "tahap": tahap, "nama": "Jumlah metadata statistik yang disepakati",
                     "level": "taktikal_intermediate", "kondisi_tercetak": conditions[-1]["nama"], "sumber": src})
    return conditions, rows


def _budgets(draw: Draw, nodes: list[dict], years: list[int], src: str) -> list[dict]:
    """Pagu and realisasi per node and year; every parent is exactly the sum of its children."""
    children: dict[str, list[str]] = {}
    for n in nodes:
        if n.get("induk"):
            children.setdefault(n["induk"], []).append(n["id"])
    names = {n["id"]: n["nama"] for n in nodes}
    rows = []
    for i, y in enumerate(years):
        amounts: dict[str, tuple[Decimal, Decimal]] = {}

        def total(nid: str) -> tuple[Decimal, Decimal]:
            kids = children.get(nid)
            if not kids:
                pagu = Decimal(int(draw.between(40, 900)) * 1000) * 1000 * (1 + Decimal(i) / 20)
                pagu = q(pagu, 0)
                real = q(pagu * Decimal(str(round(draw.between(0.72, 0.995), 4))), 0)
                amounts[nid] = (pagu, real)
            else:
                parts = [total(k) for k in kids]
                amounts[nid] = (sum(p for p, _ in parts), sum(r for _, r in parts))
            return amounts[nid]

        total("t-1")
        for n in nodes:
            pagu, real = amounts[n["id"]]
            rows.append({"node": n["id"], "dokumen": f"lkjip-{y}",
                         "uraian": "Jumlah (seluruh sasaran strategis)" if n["tingkat"] == "tujuan" else names[n["id"]],
                         "pagu": indo(pagu), "realisasi": indo(real), "serapan_tercetak": indo(real / pagu * 100),
                         "sumber": src})
    return rows


def _write_csv(path: Path, schema: dict, rows: list[dict], delimiter: str) -> None:
    fields = [f["name"] for f in schema["fields"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow(["ya" if v is True else "tidak" if v is False else "" if v is None else str(v)
                         for v in (row.get(f) for f in fields)])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_opd(out: Path, opd_id: str, nama: str, years: list[int], responden: int, seed: int,
              running: bool = False) -> None:
    tables = opd_tables(opd_id, nama, years, responden, seed, running)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    canon = {r["name"]: r for r in contract.canonical_resources()}
    resources = []
    for name in RESOURCES:
        res = dict(canon[name])
        shutil.copyfile(contract.SCHEMA_DIR / f"{name}.json", out / res["schema"])
        delimiter = (res.get("dialect") or {}).get("delimiter", ",")
        _write_csv(out / res["path"], contract.canonical_schema(name), tables[name], delimiter)
        resources.append(res)
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"{MEMBER_PREFIX}{opd_id}", "title": f"SINTETIS: Kinerja {nama} Kabupaten Sintetis {years[0]}-{years[-1]}",
        "description": "Paket data SINTETIS untuk contoh dan uji skala, dibangkitkan oleh perintah kinerja contoh; bukan data resmi.",
        "version": "1.0.0", "created": f"{years[-1] + 1}-{'07-20' if running else '02-16'}T00:00:00Z",
        "licenses": [{"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal",
                      "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
        # A running OPD publishes its last finished year under /<year>/; the others publish one year.
        "kinerja": {"versi_standar": "1", "instansi": opd_id, "tahun_laporan": years[-1] + 1 if running else years[-1],
                    "dokumen_laporan": None if running else f"lkjip-{years[-1]}", "sintetis": True,
                    "tahun_arsip": [years[-1]] if running else []},
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def running_members(opd: int, berjalan: int | None = None) -> set[int]:
    """Which members (by position) are in the middle of the next year: `berjalan` of them, spread evenly;
    by default one in ten (at least one when there are two or more)."""
    count = (max(1, opd // 10) if opd > 1 else 0) if berjalan is None else min(berjalan, opd)
    if count <= 0:
        return set()
    step = max(1, opd // count)
    return {min(opd - 1, 1 + k * step) for k in range(count)}


def member_files() -> set[str]:
    """What `write_opd` writes into an OPD's folder (relative paths, folders included)."""
    canon = {r["name"]: r for r in contract.canonical_resources()}
    files = {"datapackage.json", "data", "schemas"}
    for name in RESOURCES:
        files |= {canon[name]["schema"], canon[name]["path"]}
    return files


def is_synthetic_member(folder: Path) -> bool:
    """Whether `folder` holds an OPD package `generate` wrote and nothing else: its descriptor's name and
    `sintetis` say so, and every file in it is one `write_opd` writes (a note, a built site or a document
    added by someone is not the command's to replace)."""
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        inside = {p.relative_to(folder).as_posix() for p in folder.rglob("*")}
        linked = any(p.is_symlink() for p in folder.rglob("*"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(descriptor, dict) and str(descriptor.get("name", "")).startswith(MEMBER_PREFIX) \
        and isinstance(descriptor.get("kinerja"), dict) and descriptor["kinerja"].get("sintetis") is True \
        and not linked and inside <= member_files()


def generate(out: Path, opd: int, years: list[int], responden: int, seed: int = 2025,
             berjalan: int | None = None) -> list[str]:
    """Write N OPD packages into `out/<id>/` and `out/katalog.json`; returns the OPD ids. `berjalan` OPDs
    (default one in ten) are in the middle of the year after `years`, with two quarters reported."""
    out.mkdir(parents=True, exist_ok=True)
    members = opd_list(opd)
    running = running_members(opd, berjalan)
    for n, (opd_id, nama) in enumerate(members):
        write_opd(out / opd_id, opd_id, nama, years, responden, seed, n in running)
    catalog = {"judul": CATALOG_TITLE, "pemerintah_daerah": "Pemerintah Kabupaten Sintetis",
               "sintetis": True, "anggota": [{"id": i, "path": i} for i, _ in members]}
    (out / "katalog.json").write_text(json.dumps(catalog, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [i for i, _ in members]
