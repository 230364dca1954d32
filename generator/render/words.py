"""The words a reader sees for each coded value of the data: one definition each, for every page, chart
and summary. Codes stay in the data and the published CSVs; these are their Bahasa names."""
from __future__ import annotations

from generator.domain.values import present

BELUM_TERSEDIA = "belum tersedia"

# A realisasi's status; "dibawa" is spelled out so a citizen need not guess what it means.
STATUS_REALISASI = {
    "final": "final",
    "sementara": "sementara (dapat berubah)",
    "dibawa": "nilai tahun sebelumnya dipakai lagi",
    "tidak_ada": BELUM_TERSEDIA,
}
TINGKAT = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
           "sub_kegiatan": "Sub kegiatan"}
JENIS_DOKUMEN = {"pk_perubahan": "PK Perubahan", "pk": "Perjanjian Kinerja", "rkt": "RKT", "renstra": "Renstra",
                 "lkjip": "Laporan Kinerja", "rencana_aksi": "Rencana Aksi", "pohon_kinerja": "Pohon Kinerja"}
# The five-stage tree (docs/domain.md §9): kinds of condition, levels, planning components, PK levels of owners.
JENIS_KONDISI = {"outcome": "Outcome", "csf": "Faktor kunci keberhasilan (CSF)",
                 "kondisi_antara_utama": "Kondisi antara utama", "kondisi_antara": "Kondisi antara",
                 "kondisi_operasional": "Kondisi operasional"}
LEVEL = {"strategis": "Kinerja strategis", "taktikal_intermediate": "Kinerja taktikal intermediate",
         "taktikal_immediate": "Kinerja taktikal immediate", "operasional": "Kinerja operasional"}
KOMPONEN = {"tujuan": "Tujuan", "sasaran": "Sasaran strategis", "sasaran_program": "Sasaran program",
            "sasaran_kegiatan": "Sasaran kegiatan", "sasaran_sub_kegiatan": "Sasaran sub kegiatan"}
PEMILIK = {"jpt": "PK JPT", "eselon_3": "PK Eselon III", "sub_koordinator_jf": "PK Sub Koordinator/JF",
           "jf_jp": "PK JF/JP"}
# Who signs at each PK level, in plain words (for a citizen who does not know the abbreviations).
PEMILIK_URAIAN = {
    "jpt": "Jabatan Pimpinan Tinggi: kepala perangkat daerah (Kepala Dinas)",
    "eselon_3": "pejabat eselon III: Sekretaris dan Kepala Bidang",
    "sub_koordinator_jf": "sub koordinator atau pejabat fungsional yang memimpin kegiatan",
    "jf_jp": "pejabat fungsional dan pelaksana yang menjalankan sub kegiatan",
}
LINTAS = "Lintas perangkat daerah"
POLARITAS = {"tinggi_lebih_baik": "makin tinggi makin baik", "rendah_lebih_baik": "makin rendah makin baik"}
JENIS_TARGET = {"angka": "angka", "rentang": "rentang nilai", "level": "level",
                "kategori": "kategori", "ya_tidak": "ya/tidak (ada/tidak ada)"}
PERSEN = ("persen", "%", "persentase")

# Whether an indicator met its target in a year (capaian ≥ 100), as charts and lists say it.
TERCAPAI, TIDAK_TERCAPAI, TANPA_DATA = "Tercapai", "Belum tercapai", "Belum tersedia"


def status_realisasi(code) -> str:
    return STATUS_REALISASI.get(code, str(code)) if code is not None else BELUM_TERSEDIA


def achievement(tercapai) -> str:
    """Tercapai / Belum tercapai / Belum tersedia from the published `tercapai` flag (None: no capaian)."""
    if not present(tercapai):
        return TANPA_DATA
    return TERCAPAI if bool(tercapai) else TIDAK_TERCAPAI


def is_percent(satuan) -> bool:
    return str(satuan).strip().lower() in PERSEN
