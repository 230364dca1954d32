"""SAKIP evaluation pre-check: the Pengukuran and Pelaporan criteria an evaluator scores with the LKE
worksheet (PermenPANRB 88/2021), checked against the package, each `terpenuhi`, `tidak terpenuhi` or
`tidak dapat diperiksa dari data`, with what was counted and what is missing.

It scores nothing: it tells an agency, and its evaluator, which evidence the data holds. A criterion
that depends on a judgement or a document the package does not carry (a reviu by the APIP, the use
of results) is reported as not checkable, never as met.
"""
from __future__ import annotations

import pandas as pd

from generator import fmt
from generator.compute.arsip import latest_report_year
from generator.compute.pembanding import latest_for
from generator.domain.sakip import (PENYEBAB, PERMEN_EVALUASI, PERMEN_PELAPORAN, TERPENUHI, TIDAK_DAPAT,
                                    TIDAK_TERPENUHI, batas_laporan)
from generator.domain.values import present, row_dicts

COLUMNS = ["no", "komponen", "kode", "kriteria", "status", "jumlah", "terpenuhi", "bukti", "kurang", "halaman", "dasar"]
PELAPORAN = f"{PERMEN_EVALUASI}, Lampiran: komponen Pelaporan Kinerja (bobot 15)"
PENGUKURAN = f"{PERMEN_EVALUASI}, Lampiran: komponen Pengukuran Kinerja (bobot 30)"
ISI_LAPORAN = f"{PERMEN_PELAPORAN}, Lampiran III (sistematika Laporan Kinerja, Bab III Akuntabilitas Kinerja)"


def _row(komponen, kode, kriteria, status, jumlah, ok, bukti, kurang, halaman, dasar) -> dict:
    return {"komponen": komponen, "kode": kode, "kriteria": kriteria, "status": status, "jumlah": jumlah,
            "terpenuhi": ok, "bukti": bukti, "kurang": "; ".join(kurang), "halaman": halaman, "dasar": dasar}


def _share(items: list[tuple[str, bool]]) -> tuple[str, int, int, list[str]]:
    """Met when every item is; `kurang` names those that are not."""
    ok = sum(1 for _, good in items if good)
    missing = [name for name, good in items if not good]
    if not items:
        return TIDAK_DAPAT, 0, 0, []
    return (TERPENUHI if ok == len(items) else TIDAK_TERPENUHI), len(items), ok, missing


def pk_indicators(cap: pd.DataFrame, t, year: int) -> pd.DataFrame:
    """The indicators of the Perjanjian Kinerja in force for the year at the strategic level (tujuan and
    sasaran): what the Laporan Kinerja must report."""
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    rows = cap[(cap["tahun"] == year) & cap["berlaku"] & cap["jenis_dokumen"].isin(["pk", "pk_perubahan"])]
    return rows[rows["node"].map(tier).isin(["tujuan", "sasaran"])].sort_values(["sasaran", "indikator"])


def precheck(t, cap: pd.DataFrame, bench: pd.DataFrame, per_sasaran: pd.DataFrame) -> pd.DataFrame:
    year = t.settings.tahun_laporan
    if year is None or latest_report_year(t) != year:  # a tree-only package, or a year still running: nothing to
        # pre-check yet (the last closed year's pre-check is under <year>/)
        return pd.DataFrame(columns=list(_row("", "", "", "", 0, 0, "", [], "", "")))
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    node_names = {r["id"]: f"{r['nomor'] or r['id']} {r['nama']}" for r in row_dicts(t["node"])}
    pk = pk_indicators(cap, t, year)
    with_data = pk[pk["realisasi"].notna()]
    out = []

    status, n, ok, missing = _share([(names[i], present(r)) for i, r in zip(pk["indikator"], pk["realisasi"])])
    out.append(_row("Pelaporan Kinerja", "pk_dilaporkan", "Capaian setiap indikator Perjanjian Kinerja disajikan",
                    status, n, ok, f"{ok} dari {n} indikator Perjanjian Kinerja {year} yang berlaku memiliki realisasi",
                    missing, "laporan-kinerja#capaian", PELAPORAN))

    status, n, ok, missing = _share([(names[i], present(c)) for i, c in zip(with_data["indikator"], with_data["capaian"])])
    out.append(_row("Pelaporan Kinerja", "banding_target", "Realisasi dibandingkan dengan target tahun ini",
                    status, n, ok, f"{ok} dari {n} indikator dengan realisasi memiliki target {year} dan capaiannya",
                    missing, "laporan-kinerja#capaian", ISI_LAPORAN))

    end = t["target"][t["target"]["jenis"] == "akhir_periode"]
    has_end = set(end["indikator"])
    status, n, ok, missing = _share([(names[i], i in has_end) for i in with_data["indikator"]])
    out.append(_row("Pelaporan Kinerja", "banding_renstra",
                    "Realisasi dibandingkan dengan target jangka menengah (akhir periode Renstra)",
                    status, n, ok, f"{ok} dari {n} indikator memiliki target akhir periode Renstra di paket data",
                    missing, "laporan-kinerja#renstra", ISI_LAPORAN))

    real = {(i, y): v for i, y, v in zip(t["realisasi"]["indikator"], t["realisasi"]["tahun"], t["realisasi"]["nilai"])}
    status, n, ok, missing = _share([(names[i], present(real.get((i, year - 1)))) for i in with_data["indikator"]])
    out.append(_row("Pelaporan Kinerja", "banding_tahun_lalu", "Realisasi dibandingkan dengan tahun-tahun sebelumnya",
                    status, n, ok, f"{ok} dari {n} indikator memiliki realisasi {year - 1}", missing,
                    "laporan-kinerja#tahun-lalu", ISI_LAPORAN))

    status, n, ok, missing = _share([(names[i], bool(latest_for(bench, i, year))) for i in with_data["indikator"]])
    out.append(_row("Pelaporan Kinerja", "banding_nasional",
                    "Realisasi dibandingkan dengan standar atau capaian nasional/wilayah lain",
                    status, n, ok, f"{ok} dari {n} indikator memiliki nilai pembanding di paket data", missing,
                    "laporan-kinerja#pembanding", ISI_LAPORAN))

    narasi = t["narasi"]
    narasi = narasi[narasi["tahun"] == year]
    sasaran_ids = [s for s in dict.fromkeys(pk["sasaran"]) if present(s)]

    def per_sasaran_items(kinds) -> list[tuple[str, bool]]:
        have = set(narasi.loc[narasi["jenis"].isin(kinds), "node"].dropna())
        return [(node_names.get(s, s), s in have) for s in sasaran_ids]

    status, n, ok, missing = _share(per_sasaran_items(PENYEBAB))
    out.append(_row("Pelaporan Kinerja", "analisis_penyebab", "Penyebab keberhasilan atau kegagalan dijelaskan",
                    status, n, ok, f"{ok} dari {n} sasaran memiliki analisis penyebab keberhasilan atau hambatan",
                    missing, "laporan-kinerja#analisis", ISI_LAPORAN))

    status, n, ok, missing = _share(per_sasaran_items(["efisiensi"]))
    computed = per_sasaran[(per_sasaran["tahun"] == year) & per_sasaran["efisiensi"].notna()]
    note = (f"{ok} dari {n} sasaran memiliki analisis efisiensi yang ditulis instansi; portal menghitung selisih capaian "
            f"dan serapan anggaran untuk {len(computed)} sasaran sebagai bahan analisis")
    out.append(_row("Pelaporan Kinerja", "analisis_efisiensi", "Efisiensi penggunaan sumber daya dianalisis",
                    status, n, ok, note, missing, "laporan-kinerja#efisiensi", ISI_LAPORAN))

    status, n, ok, missing = _share(per_sasaran_items(["solusi", "upaya"]))
    out.append(_row("Pelaporan Kinerja", "tindak_lanjut", "Upaya, solusi atau rekomendasi perbaikan disajikan",
                    status, n, ok, f"{ok} dari {n} sasaran memiliki upaya atau solusi", missing,
                    "laporan-kinerja#analisis", ISI_LAPORAN))

    docs = t["dokumen"].set_index("id")
    report = t.settings.dokumen_laporan
    deadline = batas_laporan(year) if year else None
    day = docs.loc[report, "tanggal"] if report in docs.index else None
    if deadline is None or not present(day):
        out.append(_row("Pelaporan Kinerja", "tepat_waktu", "Laporan Kinerja ditetapkan tepat waktu (akhir Februari)",
                        TIDAK_DAPAT, 0, 0, "paket data tidak memuat tanggal penetapan Laporan Kinerja", [],
                        "data-terbuka", PERMEN_PELAPORAN))
    else:
        good = day <= deadline
        out.append(_row("Pelaporan Kinerja", "tepat_waktu", "Laporan Kinerja ditetapkan tepat waktu (akhir Februari)",
                        TERPENUHI if good else TIDAK_TERPENUHI, 1, int(good),
                        f"ditandatangani {fmt.tanggal(day)}; batas {fmt.tanggal(deadline)}", [] if good else [fmt.tanggal(day)],
                        "laporan-kinerja", PERMEN_PELAPORAN))
    out.append(_row("Pelaporan Kinerja", "reviu_apip", "Laporan Kinerja direviu oleh APIP sebelum disampaikan",
                    TIDAK_DAPAT, 0, 0, "paket data tidak memuat hasil reviu Inspektorat", [], None, PELAPORAN))
    out.append(_row("Pelaporan Kinerja", "pemanfaatan", "Informasi kinerja dimanfaatkan untuk perbaikan perencanaan dan anggaran",
                    TIDAK_DAPAT, 0, 0, "pemanfaatan laporan dinilai evaluator dari dokumen dan wawancara", [], None,
                    PELAPORAN))

    iku = t["indikator"][t["indikator"]["iku"] == True]  # noqa: E712
    for code, column, label in (("definisi", "definisi", "Definisi operasional setiap IKU tersedia"),
                                ("rumus", "rumus", "Rumus atau cara pengukuran setiap IKU tersedia"),
                                ("sumber_data", "sumber_data", "Sumber data setiap IKU tersedia"),
                                ("penanggung_jawab", "unit", "Penanggung jawab setiap IKU ditetapkan")):
        status, n, ok, missing = _share([(r["nama"], present(r[column]) and bool(str(r[column]).strip()))
                                         for r in row_dicts(iku)])
        out.append(_row("Pengukuran Kinerja", code, label, status, n, ok, f"{ok} dari {n} IKU", missing,
                        "metadata-indikator", PENGUKURAN))

    levels = cap[(cap["tahun"] == year) & cap["berlaku"] & cap["jenis_dokumen"].isin(["pk", "pk_perubahan"])]
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    below = levels[levels["node"].map(tier).isin(["program", "kegiatan", "sub_kegiatan"])]
    status, n, ok, missing = _share([("indikator program/kegiatan dengan target Perjanjian Kinerja", len(below) > 0)])
    # how far down the tree the targets reach, level by level: "x dari y" as every other criterion says it
    reach = [f"{below.loc[below['node'].map(tier) == level, 'node'].nunique()} dari {count} {level.replace('_', ' ')}"
             for level in ("program", "kegiatan", "sub_kegiatan")
             if (count := int((t["node"]["tingkat"] == level).sum()))]
    out.append(_row("Pengukuran Kinerja", "berjenjang", "Pengukuran kinerja dilakukan berjenjang sampai program dan kegiatan",
                    status, n, ok, f"{below['indikator'].nunique()} indikator program/kegiatan/sub kegiatan memiliki target "
                    f"Perjanjian Kinerja {year}" + (f", pada {fmt.daftar(reach)} pohon kinerja" if reach else ""),
                    missing, "pohon", PENGUKURAN))
    if "realisasi_triwulan" in t and len(t["realisasi_triwulan"]):
        quarterly = t["realisasi_triwulan"]
        have = set(quarterly.loc[quarterly["tahun"] == year, "indikator"])
        status, n, ok, missing = _share([(names[i], i in have) for i in pk["indikator"]])
        out.append(_row("Pengukuran Kinerja", "berkala", "Capaian diukur berkala (triwulanan)", status, n, ok,
                        f"{ok} dari {n} indikator Perjanjian Kinerja memiliki realisasi triwulanan {year}", missing,
                        None, PENGUKURAN))
    else:
        out.append(_row("Pengukuran Kinerja", "berkala", "Capaian diukur berkala (triwulanan)", TIDAK_DAPAT, 0, 0,
                        "paket data tidak memuat realisasi triwulanan", [], None, PENGUKURAN))
    frame = pd.DataFrame(out, columns=COLUMNS[1:])
    frame.insert(0, "no", range(1, len(frame) + 1))
    return frame


def counts(frame: pd.DataFrame) -> dict[str, int]:
    return {s: int((frame["status"] == s).sum()) for s in (TERPENUHI, TIDAK_TERPENUHI, TIDAK_DAPAT)}
