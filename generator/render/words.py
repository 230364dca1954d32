"""The words a reader sees for each coded value of the data: one definition each, for every page, chart
and summary. Codes stay in the data and the published CSVs; these are their Bahasa names."""
from __future__ import annotations

from generator.domain.triwulan import AKUMULASI as _AKUMULASI
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

# Quarterly progress (compute.triwulan): where an indicator stands against its Rencana Aksi to date.
STATUS_PROGRES = {
    "sesuai_rencana": "sesuai rencana",
    "tertinggal": "tertinggal dari rencana",
    "belum_dilaporkan": "belum dilaporkan",
    "tanpa_target": "tidak ada target s.d. triwulan ini",
    "akumulasi_kosong": "tidak dijumlahkan (akumulasi belum ditetapkan)",
}
AKUMULASI = {code: f"{code.replace('_', ' ')}: {meaning}" for code, meaning in _AKUMULASI.items()}


def status_progres(code) -> str:
    return STATUS_PROGRES.get(code, str(code)) if code is not None else STATUS_PROGRES["belum_dilaporkan"]
