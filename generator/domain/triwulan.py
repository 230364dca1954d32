"""The quarterly vocabulary of the annual cycle: Rencana Aksi targets and realisasi per quarter (TW I-IV).

`akumulasi` is a property of an indicator, stated in the data package (`indikator.akumulasi`), because
the same number means different things for different measures: 12 konten in TW II of a per-quarter
series is the quarter's own output, 60% in TW II of a cumulative series is everything so far, and an
index is simply its latest measurement.
"""
from __future__ import annotations

KUMULATIF, PER_TRIWULAN, NILAI_TERAKHIR = "kumulatif", "per_triwulan", "nilai_terakhir"
AKUMULASI = {
    KUMULATIF: "setiap nilai sudah total s.d. triwulan itu",
    PER_TRIWULAN: "nilai triwulan itu saja; s.d. triwulan = jumlah triwulan sampai saat itu",
    NILAI_TERAKHIR: "pengukuran terakhir yang berlaku (indeks, persentase)",
}
TRIWULAN = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
