"""Split a catalog into shards: catalogs of consecutive members, each built into its own site by an
independent job (`kinerja build --data shard-01.json --out situs/shard-01`: one CI matrix entry, or one
machine), and the roll-up catalog that assembles what they publish (`kinerja rekap --data rekap.json`).

The shard catalogs sit beside the original (member folders stay where they are, relative to the same
folder), so a shard is an ordinary catalog: the same build, the same caches, the same checks.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from generator.outputs import write_all
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


SPLIT_FROM = "dipecah_dari"  # in each catalog `kinerja pecah` writes: the name of the catalog it split
SHARD = re.compile(r"^shard-[0-9]+\.json$")


def _text(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def written_by_split(path: Path, source: Path) -> bool:
    """Whether `path` is a catalog an earlier `kinerja pecah` of the catalog `source` wrote (beside it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    return path != source and isinstance(data, dict) and data.get(SPLIT_FROM) == source.name


def plan_shards(catalog: Catalog, parts: int, sites: str = "situs", address: str | None = None) -> dict[Path, bytes]:
    """shard-01.json ... beside the catalog, then rekap.json, as bytes (rekap.json last). `sites`: the folder,
    relative to the catalog's, where each shard's site is built; `address`: where the shard sites are
    published (shard-01 at `address`shard-01/), for the roll-up's links."""
    folder = catalog.file.parent
    runs = split(len(catalog.anggota), parts)
    width = max(2, len(str(len(runs))))
    files, sources = {}, []
    for k, run in enumerate(runs, start=1):
        name = f"shard-{k:0{width}d}"
        members = [catalog.anggota[i] for i in run]
        files[folder / f"{name}.json"] = _text({
            "judul": f"{catalog.judul} (bagian {k} dari {len(runs)})", "pemerintah_daerah": catalog.pemerintah_daerah,
            "sintetis": catalog.sintetis, "grafik_svg": catalog.grafik_svg, SPLIT_FROM: catalog.file.name,
            "anggota": [{"id": m.id, "path": m.path.resolve().relative_to(folder.resolve()).as_posix()} for m in members]})
        source = {"id": name, "nama": f"{catalog.judul}, bagian {k} dari {len(runs)}", "situs": f"{sites}/{name}"}
        if address:
            source["alamat"] = f"{address.rstrip('/')}/{name}/"
        sources.append(source)
    files[folder / ROLLUP] = _text({"judul": f"Rekap {catalog.judul}", "wilayah": catalog.pemerintah_daerah,
                                    "sintetis": catalog.sintetis, SPLIT_FROM: catalog.file.name, "sumber": sources})
    return files


def stale_shards(catalog: Catalog, files: dict[Path, bytes]) -> list[Path]:
    """Shard catalogs an earlier split of the same catalog wrote that the new split does not: removed, so the
    folder holds exactly the new split."""
    folder = catalog.file.parent
    return [p for p in sorted(folder.glob("shard-*.json"))
            if SHARD.match(p.name) and p not in files and written_by_split(p, catalog.file)]


def write_shards(catalog: Catalog, parts: int, sites: str = "situs", address: str | None = None) -> list[str]:
    """Write the split (all files or none, outputs.write_all), remove an earlier split's extra shards; returns the
    paths written (rekap.json last). The caller has checked that no file written is anyone else's."""
    files = plan_shards(catalog, parts, sites, address)
    stale = stale_shards(catalog, files)
    write_all(files)
    for path in stale:
        path.unlink(missing_ok=True)
    return [str(p) for p in files]
