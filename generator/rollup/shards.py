"""Split a catalog into shards: catalogs of consecutive members, each built into its own site by an
independent job (`kinerja build --data shard-01.json --out situs/shard-01`: one CI matrix entry, or one
machine), and the roll-up catalog that assembles what they publish (`kinerja rekap --data rekap.json`).

The shard catalogs sit beside the original (member folders stay where they are, relative to the same
folder), so a shard is an ordinary catalog: the same build, the same caches, the same checks.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.publish.catalog import Catalog
from generator.rollup.catalog import ROLLUP


def split(count: int, parts: int) -> list[range]:
    """`count` members in `parts` consecutive runs whose sizes differ by at most one."""
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    runs, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        runs.append(range(start, end))
        start = end
    return runs


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_shards(catalog: Catalog, parts: int, sites: str = "situs", address: str | None = None) -> list[str]:
    """shard-01.json ... beside the catalog, then rekap.json; returns their paths (rekap.json last).
    `address`: where the shard sites are published (shard-01 at `address`shard-01/), for the roll-up's links."""
    folder = catalog.file.parent
    runs = split(len(catalog.anggota), parts)
    width = max(2, len(str(len(runs))))
    written, sources = [], []
    for k, run in enumerate(runs, start=1):
        name = f"shard-{k:0{width}d}"
        members = [catalog.anggota[i] for i in run]
        _write(folder / f"{name}.json", {
            "judul": f"{catalog.judul} (bagian {k} dari {len(runs)})", "pemerintah_daerah": catalog.pemerintah_daerah,
            "sintetis": catalog.sintetis, "grafik_svg": catalog.grafik_svg,
            "anggota": [{"id": m.id, "path": m.path.resolve().relative_to(folder.resolve()).as_posix()} for m in members]})
        written.append(str(folder / f"{name}.json"))
        source = {"id": name, "nama": f"{catalog.judul}, bagian {k} dari {len(runs)}", "situs": f"{sites}/{name}"}
        if address:
            source["alamat"] = f"{address.rstrip('/')}/{name}/"
        sources.append(source)
    _write(folder / ROLLUP, {"judul": f"Rekap {catalog.judul}", "wilayah": catalog.pemerintah_daerah,
                             "sintetis": catalog.sintetis, "sumber": sources})
    written.append(str(folder / ROLLUP))
    return written
