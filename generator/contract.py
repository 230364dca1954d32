"""The data standard the generator reads: resource names and the fields it relies on.

The canonical Table Schemas live in `generator/schemas/`; a package may add fields and
columns, but must keep the canonical ones with the same types, or the engine would read
something it does not understand.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).parent / "schemas"

# Resources every package must have; the others may be absent (an empty table is assumed).
REQUIRED = ("instansi", "unit_kerja", "dokumen", "node", "indikator", "target", "realisasi",
            "skala", "skala_kelas", "anggaran")
OPTIONAL = ("subindeks", "belanja", "survei", "jawaban_survei", "angka_laporan", "pegawai",
            "informasi", "layanan_informasi", "standar_layanan", "riwayat", "narasi", "pembanding", "temuan",
            "target_triwulan", "realisasi_triwulan", "anggaran_triwulan")
RESOURCES = REQUIRED + OPTIONAL


@lru_cache(maxsize=None)
def canonical_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def canonical_resources() -> tuple[dict, ...]:
    return tuple(json.loads((SCHEMA_DIR / "resources.json").read_text(encoding="utf-8")))
