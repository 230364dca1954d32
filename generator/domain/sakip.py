"""The vocabulary of performance reporting and its evaluation (SAKIP): what the analysis of a Laporan
Kinerja consists of (PermenPANRB 53/2014), the kinds of inconsistency a reading of the report records,
the evaluation components of PermenPANRB 88/2021 and the reporting deadline. Shared by the schemas,
the computation and the pages, so each word is defined once."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from generator.domain.values import present

REPORT_KIND = "lkjip"  # the document kind of a Laporan Kinerja

# Statuses of a realisasi (the schema's enum) that the computation and the pages treat apart.
DIBAWA = "dibawa"  # carried forward: the previous measurement used again
# Target kinds (`indikator.jenis_target`) whose value is a class of an ordinal scale (a level, yes/no, a
# category): the class's name is what a reader reads, the number is what capaian is computed from.
CLASS_KINDS = ("level", "ya_tidak", "kategori")
SEMENTARA = "sementara"  # provisional: the agency may still correct it

# Parts of the analysis a Laporan Kinerja gives per sasaran (PermenPANRB 53/2014, Lampiran, Bab III
# "analisis capaian kinerja") and in its closing chapter, in the order a report presents them.
NARASI = {
    "latar_belakang": "Latar belakang",
    "isu_strategis": "Isu strategis",
    "penyebab_keberhasilan": "Penyebab keberhasilan",
    "hambatan": "Hambatan dan penyebab kegagalan",
    "upaya": "Upaya yang telah dilakukan",
    "solusi": "Alternatif solusi dan tindak lanjut",
    "efisiensi": "Analisis efisiensi penggunaan sumber daya",
    "kesimpulan": "Kesimpulan",
    "rekomendasi": "Rekomendasi",
}
NARASI_JENIS = list(NARASI)
# The analysis of causes an evaluator looks for (success or failure, and what was done about it).
PENYEBAB = ("penyebab_keberhasilan", "hambatan")

# Kinds of inconsistency found by reading the report line by line (the `temuan` resource).
TEMUAN = {
    "narasi_kategori": "Kategori dalam teks berbeda dari tabel",
    "narasi_capaian": "Capaian dalam teks berbeda dari tabel",
    "narasi_kontradiksi": "Dua bagian teks saling bertentangan",
    "narasi_tren": "Klaim kenaikan/penurunan tidak didukung data",
    "narasi_data": "Teks tidak lengkap menurut tabelnya",
    "narasi_rumus": "Rumus tidak sesuai dengan indikatornya",
    "dicetak_dua_kali": "Angka yang sama tercetak berbeda",
    "jumlah_prosa": "Jumlah dalam teks berbeda dari tabel",
    "jumlah_pegawai": "Jumlah pegawai berbeda antartabel",
    "penjumlahan": "Jumlah tidak sama dengan rinciannya",
    "periode_target": "Target dari periode yang berbeda",
    "periode": "Tahun yang tidak sesuai",
    "tanggal": "Tanggal atau nomor dokumen berbeda",
    "identitas": "Identitas pejabat berbeda",
}
TEMUAN_JENIS = list(TEMUAN)

# Evaluation of SAKIP (PermenPANRB 88/2021): its four components and their weights.
PERMEN_EVALUASI = "PermenPANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"
PERMEN_PELAPORAN = ("PermenPANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja "
                    "dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah")
KOMPONEN = {
    "perencanaan": ("Perencanaan Kinerja", 30),
    "pengukuran": ("Pengukuran Kinerja", 30),
    "pelaporan": ("Pelaporan Kinerja", 15),
    "evaluasi": ("Evaluasi Akuntabilitas Kinerja Internal", 25),
}

# Statuses of a pre-check criterion.
TERPENUHI, TIDAK_TERPENUHI, TIDAK_DAPAT = "terpenuhi", "tidak terpenuhi", "tidak dapat diperiksa dari data"

# The Laporan Kinerja of a year is due by the end of February of the next year (PermenPANRB 53/2014).
BATAS_BULAN = 2


def batas_laporan(tahun: int) -> dt.date:
    """Last day the Laporan Kinerja of `tahun` may be signed: the end of February of the next year."""
    return dt.date(tahun + 1, BATAS_BULAN + 1, 1) - dt.timedelta(days=1)


def report_document(dokumen: pd.DataFrame, chosen: str | None, year: int | None) -> str | None:
    """The Laporan Kinerja of `year`: `chosen` (the package's `dokumen_laporan`) when it reports on that year,
    else the first lkjip document of that year, else None (a year still running has no report yet)."""
    if year is None:
        return None
    mine = dokumen[(dokumen["jenis"] == REPORT_KIND) & (dokumen["tahun"] == year)]["id"].tolist()
    if chosen in set(dokumen["id"]):
        row = dokumen[dokumen["id"] == chosen].iloc[0]
        if not present(row["tahun"]) or int(row["tahun"]) == year:
            return chosen
    return mine[0] if mine else None
