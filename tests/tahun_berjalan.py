"""A package one year on, as an operator would make it in July 2026: the default package (LKjIP 2025)
with the report year set to 2026, a PK 2026, a Rencana Aksi 2026 with quarterly targets, realisasi of
TW I and TW II, and the budget spent in those quarters. Every row added here is TEST DATA (its `sumber`
says so): it exists only in a temporary folder to test the annual cycle and is never published.

Rows are appended to the end of each file, as an operator adds them, so every 2025 row keeps its row
number and every 2025 figure keeps pointing at the same line.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator import contract

UJI = "DATA UJI tests/tahun_berjalan.py (bukan data resmi)"
# (indikator, akumulasi, PK 2026 target, Rencana Aksi TW I-IV, realisasi TW I-II)
SERIES = [
    ("iku-kepuasan-informasi", "nilai_terakhir", "83", ["81.5", "82", "82.5", "83"], ["82.1", "81"]),
    ("isk-diklat-pegawai", "per_triwulan", "4", ["1", "1", "1", "1"], ["1", "2"]),
    ("isk-mebel", "per_triwulan", "12", ["0", "6", "6", "0"], ["0", "4"]),
    ("isk-gaji-tunjangan", "nilai_terakhir", "67", ["67", "67", "67", "67"], ["66", "67"]),
    ("isk-kendaraan-dinas", "per_triwulan", "1", ["", "", "1", ""], ["0", "0"]),
]
# node, pagu 2026, realisasi TW I, TW II (Rupiah, Indonesian style)
BUDGET = [("t-1", "9.500.000.000,00", "1.900.000.000,00", "2.375.000.000,00")]


def _append(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "".join(line + "\n" for line in lines), encoding="utf-8")


def _set_column(path: Path, column: str, values: dict[str, str]) -> None:
    """Fill one column of the rows whose first cell is a key of `values` (the column is the last one)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].split(",")[-1] == column, f"{column} is not the last column of {path}"
    out = []
    for line in lines:
        key = line.split(",", 1)[0]
        if key in values:
            assert line.endswith(","), line
            line += values[key]
        out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")


def _label(value: str) -> str:
    """As a report prints it: a decimal comma (81,5); blank stays blank."""
    return value.replace(".", ",")


def make(source: Path, target: Path, year_data: bool = True) -> Path:
    """Copy `source` (the default package) to `target` and move it to 2026. `year_data=False`: only the
    report year changes (the case the issue starts from: 2026 with no 2026 rows)."""
    shutil.copytree(source, target)
    desc_path = target / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    desc["kinerja"]["tahun_laporan"] = 2026
    if not year_data:
        desc_path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return target
    desc["kinerja"]["dokumen_laporan"] = None
    desc["created"] = "2026-11-28T00:00:00Z"
    for name in ("realisasi_triwulan", "anggaran_triwulan"):
        res = next(r for r in contract.canonical_resources() if r["name"] == name)
        desc["resources"].append(res)
        shutil.copyfile(contract.SCHEMA_DIR / f"{name}.json", target / res["schema"])
    desc_path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    data = target / "data"
    _append(data / "dokumen.csv", [
        f'pk-2026,pk,Perjanjian Kinerja 2026 Kepala Dinas,2026,2026,2026,,,,Januari 2026,,{UJI}',
        f'rkt-2026,rkt,Rencana Kinerja Tahunan 2026,2026,2026,2026,,,,,,{UJI}',
        f'ra-2026,rencana_aksi,Rencana Aksi 2026 (Kepala Dinas),2026,2026,2026,,,,Januari 2026,,{UJI}',
    ])
    _set_column(data / "indikator.csv", "akumulasi", {i: acc for i, acc, *_ in SERIES})
    _append(data / "target.csv", [f"{i},2026,pk-2026,tahunan,{pk},,{pk},{UJI}" for i, _, pk, _, _ in SERIES])
    _append(data / "target_triwulan.csv", [
        f'{i},2026,{q},ra-2026,{v},"{_label(v)}",{UJI},' for i, _, _, plan, _ in SERIES for q, v in enumerate(plan, start=1)])
    (data / "realisasi_triwulan.csv").write_text(
        "indikator,tahun,triwulan,nilai,label,status,sumber,catatan\n"
        + "".join(f'{i},2026,{q},{v},"{_label(v)}",sementara,{UJI},\n' for i, _, _, _, real in SERIES
                  for q, v in enumerate(real, start=1)), encoding="utf-8")
    _append(data / "anggaran.csv", [f"{n};rkt-2026;Jumlah (seluruh sasaran strategis);{p};;;{UJI}" for n, p, *_ in BUDGET])
    (data / "anggaran_triwulan.csv").write_text(
        "node;tahun;triwulan;rencana;realisasi;sumber\n"
        + "".join(f"{n};2026;{q};;{v};{UJI}\n" for n, _, *real in BUDGET for q, v in enumerate(real, start=1)),
        encoding="utf-8")
    return target
