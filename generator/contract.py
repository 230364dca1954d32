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
# A package that publishes performance (it lists `realisasi`) needs the whole set; a package that publishes a
# performance tree only (the five-stage `kondisi`, or `node` + `indikator` with targets but no realisasi yet)
# needs the agency, its units, its documents and the tree: see `missing_required`.
REQUIRED = ("instansi", "unit_kerja", "dokumen", "node", "indikator", "target", "realisasi",
            "skala", "skala_kelas", "anggaran")
REQUIRED_ALWAYS = ("instansi", "unit_kerja", "dokumen")
OPTIONAL = ("subindeks", "belanja", "survei", "jawaban_survei", "angka_laporan", "pegawai",
            "informasi", "layanan_informasi", "standar_layanan", "riwayat", "narasi", "pembanding", "temuan",
            "target_triwulan", "realisasi_triwulan", "anggaran_triwulan",
            "kondisi", "indikator_kondisi", "komponen_indikator", "pemilik_kinerja")
RESOURCES = REQUIRED + OPTIONAL


def publishes_performance(descriptor: dict) -> bool:
    """Whether a package publishes performance data (it lists `realisasi`): capaian, the category scale and the
    report year apply. Without it the package is a tree (and targets), and its portal says so."""
    return any(isinstance(r, dict) and r.get("name") == "realisasi" for r in descriptor.get("resources", []) or [])


def missing_required(listed) -> list[str]:
    """The required resources a package that lists `listed` lacks. With `realisasi` (performance data) every
    resource of REQUIRED; without it, a tree: `kondisi`, or `node` with `indikator`."""
    names = set(listed)
    if "realisasi" in names:
        needed = REQUIRED
    elif "kondisi" in names:
        needed = REQUIRED_ALWAYS + (("indikator",) if "node" in names else ()) + (("node",) if "indikator" in names else ())
    elif names & {"node", "indikator", "target"}:
        needed = REQUIRED_ALWAYS + ("node", "indikator")
    else:
        needed = REQUIRED
    return [n for n in needed if n not in names]


@lru_cache(maxsize=None)
def canonical_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def optional_fields(name: str) -> frozenset[str]:
    """Canonical fields a package's schema may lack: not required and in no key. A package written for an
    earlier version of the generator (before `indikator.akumulasi`, say) still loads; the column reads as
    empty, which each rule already handles as "not given"."""
    schema = canonical_schema(name)
    keyed = set(schema.get("primaryKey", []) if isinstance(schema.get("primaryKey"), list) else [schema.get("primaryKey")])
    for fk in schema.get("foreignKeys", []):
        keyed.update(fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]])
    return frozenset(f["name"] for f in schema["fields"]
                     if not f.get("constraints", {}).get("required") and f["name"] not in keyed)


@lru_cache(maxsize=None)
def canonical_resources() -> tuple[dict, ...]:
    return tuple(json.loads((SCHEMA_DIR / "resources.json").read_text(encoding="utf-8")))
