"""The vocabulary of a performance tree built with the five-stage method (PermenPANRB 89/2021; docs/domain.md
§9): the kinds of condition, the four levels of performance, the planning components and the PK levels of
the officials who own them. Shared by the schemas, the settings, validation, computation and the pages.

Codes only: which level fits which component and owner is a convention the package states
(`Settings.pohon`, default `DEFAULT_JENJANG`), and the words a reader sees are `render/words.py`'s.
"""
from __future__ import annotations

from decimal import Decimal

from generator.domain.values import as_decimal, present

# Kinds of condition, top to bottom: Tahap 1 (outcome), Tahap 2 (CSF), Tahap 3 (the three kinds of condition).
JENIS_KONDISI = ("outcome", "csf", "kondisi_antara_utama", "kondisi_antara", "kondisi_operasional")
# Levels of performance (Tahap 4), top to bottom.
LEVEL = ("strategis", "taktikal_intermediate", "taktikal_immediate", "operasional")
# Planning components (Tahap 5), top to bottom; the rows of the drawn tree.
KOMPONEN = ("tujuan", "sasaran", "sasaran_program", "sasaran_kegiatan", "sasaran_sub_kegiatan")
# PK levels of the owning official, most senior first.
PEMILIK = ("jpt", "eselon_3", "sub_koordinator_jf", "jf_jp")
# The nomenclature tree's tiers (domain/tree.py LEVELS) and the planning component each one carries.
KOMPONEN_TINGKAT = {"tujuan": "tujuan", "sasaran": "sasaran", "program": "sasaran_program",
                    "kegiatan": "sasaran_kegiatan", "sub_kegiatan": "sasaran_sub_kegiatan"}
# The crosswalk of docs/domain.md §9 (seed 003, Tahap 5): level ↔ components ↔ owners ↔ kinds of condition ↔
# nomenclature tiers. The first owner listed is the one the method expects; a package may state its own.
DEFAULT_JENJANG = (
    {"level": "strategis", "komponen": ("tujuan", "sasaran"), "pemilik": ("jpt",),
     "kondisi": ("outcome", "csf"), "tingkat": ("tujuan", "sasaran")},
    {"level": "taktikal_intermediate", "komponen": ("sasaran_program",), "pemilik": ("eselon_3",),
     "kondisi": ("kondisi_antara_utama",), "tingkat": ("program",)},
    {"level": "taktikal_immediate", "komponen": ("sasaran_kegiatan",), "pemilik": ("sub_koordinator_jf",),
     "kondisi": ("kondisi_antara",), "tingkat": ("kegiatan",)},
    {"level": "operasional", "komponen": ("sasaran_sub_kegiatan",), "pemilik": ("jf_jp",),
     "kondisi": ("kondisi_operasional",), "tingkat": ("sub_kegiatan",)},
)
DEFAULT_DASAR = ("PermenPANRB 89/2021 tentang Penjenjangan Kinerja Instansi Pemerintah: kinerja strategis "
                 "(tujuan dan sasaran, PK JPT), taktikal intermediate (hasil antara: sasaran program, PK Eselon III), "
                 "taktikal immediate (hasil langsung: sasaran kegiatan, PK Sub Koordinator/JF), operasional (sasaran "
                 "sub kegiatan, PK JF/JP)")


# --- composite indicators: realisasi = Σ bobot × component realisasi (seed 000: 0,5×a + 0,5×b) -------------

def composite_parts(rows) -> dict[str, list[dict]]:
    """Each composite's components in table order, from `komponen_indikator` records:
    {indikator: [{komponen, bobot, simbol}, ...]}."""
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["indikator"], []).append({"komponen": r["komponen"], "bobot": r["bobot"],
                                                   "simbol": r["simbol"] if present(r["simbol"]) else None})
    return out


def composite_order(parts: dict[str, list[dict]]) -> list[str]:
    """Composites after the composites they are made of; a cycle (a validation error) is left out."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(ind: str) -> bool:
        if ind in done:
            return True
        if ind in visiting:
            return False
        visiting.add(ind)
        ok = all(visit(p["komponen"]) for p in parts[ind] if p["komponen"] in parts)
        visiting.discard(ind)
        if ok:
            done.append(ind)
        return ok

    for ind in parts:
        visit(ind)
    return done


def combine(parts: list[dict], values: list) -> Decimal:
    """Σ bobot × value, exactly (weights and values as written)."""
    return sum((as_decimal(p["bobot"]) * as_decimal(v) for p, v in zip(parts, values)), Decimal(0))


def formula(parts: list[dict], names: dict[str, str] | None = None) -> str:
    """The composite's formula as people write it: '0,5 × a + 0,5 × b' (a component without a symbol by name)."""
    from generator import fmt

    names = names or {}
    return " + ".join(f"{fmt.angka(p['bobot'], None)} × {p['simbol'] or names.get(p['komponen'], p['komponen'])}"
                      for p in parts)


def worked(parts: list[dict], values: list, total) -> str:
    """The computation with its numbers, for an auditor: '0,5 × 80 + 0,5 × 60 = 70'."""
    from generator import fmt

    return " + ".join(f"{fmt.angka(p['bobot'], None)} × {fmt.angka(v, None)}" for p, v in zip(parts, values)) \
        + f" = {fmt.angka(total, None)}"
