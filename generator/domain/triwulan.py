"""The quarterly vocabulary of the annual cycle: Rencana Aksi targets and realisasi per quarter (TW I-IV).

`akumulasi` is a property of an indicator, stated in the data package (`indikator.akumulasi`), because
the same number means different things for different measures: 12 konten in TW II of a per-quarter
series is the quarter's own output, 60% in TW II of a cumulative series is everything so far, and an
index is simply its latest measurement.
"""
from __future__ import annotations

from generator.domain.values import present
from generator.fmt import daftar

KUMULATIF, PER_TRIWULAN, NILAI_TERAKHIR = "kumulatif", "per_triwulan", "nilai_terakhir"
AKUMULASI = {
    KUMULATIF: "setiap nilai sudah total s.d. triwulan itu",
    PER_TRIWULAN: "nilai triwulan itu saja; s.d. triwulan = jumlah triwulan sampai saat itu",
    NILAI_TERAKHIR: "pengukuran terakhir yang berlaku (indeks, persentase)",
}
TRIWULAN = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}



def unreported(given: list[bool], added_up: bool) -> list[list[int]]:
    """Per quarter (TW I-IV, `given[n]`: is quarter n+1 reported), the quarters whose missing figure leaves the
    figure to date unknown: the quarter itself, and where the quarters are added up (per_triwulan realisasi,
    spending per quarter) every quarter before it too. A quarter not reported is never counted as 0: TW I 8,
    TW II missing, TW III 14 is not "22 s.d. TW III". An empty list: the figure to date is known."""
    return [[p + 1 for p in range(n + 1) if not given[p]] if added_up else ([] if given[n] else [n + 1])
            for n in range(len(given))]


def first_after_gap(given: list[bool]) -> tuple[int, list[int]] | None:
    """The first reported quarter whose figure to date is still unknown because quarters before it were
    not reported (quarters added up), with those quarters; None when there is no such gap."""
    for n, missing in enumerate(unreported(given, True)):
        if given[n] and missing:
            return n + 1, missing
    return None


def named_quarters(quarters) -> str:
    """TW I, TW II dan TW III: quarters named in a sentence."""
    return daftar(TRIWULAN[int(q)] for q in quarters)


def reported_up_to(realisasi_triwulan, anggaran_triwulan, year: int) -> int | None:
    """The latest quarter of `year` with any reported figure (realisasi or budget): where the year stands,
    taken from the data, never from the calendar."""
    r, a = realisasi_triwulan, anggaran_triwulan
    quarters = [q for y, q, v, s in zip(r["tahun"], r["triwulan"], r["nilai"], r["status"])
                if y == year and present(v) and s != "tidak_ada"]
    quarters += [q for y, q, v in zip(a["tahun"], a["triwulan"], a["realisasi"]) if y == year and present(v)]
    return int(max(quarters)) if quarters else None
