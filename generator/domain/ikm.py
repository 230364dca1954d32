"""The nine elements (unsur) of the citizen satisfaction survey and their score range
(PermenPANRB 14/2017): one vocabulary for reading answers, computing the IKM and the pages."""
from __future__ import annotations

UNSUR = [f"u{i}" for i in range(1, 10)]
NAMA_UNSUR = {
    "u1": "Persyaratan",
    "u2": "Sistem, Mekanisme, dan Prosedur",
    "u3": "Waktu Penyelesaian",
    "u4": "Biaya/Tarif",
    "u5": "Produk Spesifikasi Jenis Pelayanan",
    "u6": "Kompetensi Pelaksana",
    "u7": "Perilaku Pelaksana",
    "u8": "Penanganan Pengaduan, Saran dan Masukan",
    "u9": "Sarana dan Prasarana",
}
SKOR = (1, 2, 3, 4)


def respondents(answers):
    """Which rows of a survey's answers are respondents: a row with at least one unsur answered. A blank row
    is nobody (validation warns of it; compute.ikm leaves it out)."""
    return answers[UNSUR].notna().any(axis=1)
