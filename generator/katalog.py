"""One portal for many perangkat daerah: a catalog (`katalog.json`) lists member data packages; each is
validated, computed and rendered exactly as a single package would be, under its own folder
(`<id>/...`), and a kabupaten overview, shared pages and a combined download sit at the root.

The catalog file:

    {"judul": "Portal Kinerja Kabupaten X", "pemerintah_daerah": "Pemerintah Kabupaten X",
     "sintetis": false, "anggota": [{"id": "disdik", "path": "disdik"}, ...]}

`path` is a package folder relative to the catalog, never outside it. A member whose source files are
byte-identical to the last successful build (same generator version) is not validated, computed or
rendered again: its pages come from the cache under the pages folder (`.kinerja-cache/`), so after one
OPD changes only that OPD is regenerated, and unchanged pages are not rewritten.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.package import safe_relative
from generator.problems import Problem, Report

CATALOG = "katalog.json"
CACHE = ".kinerja-cache"
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Member:
    id: str
    path: Path


@dataclass
class Catalog:
    file: Path
    judul: str
    pemerintah_daerah: str
    sintetis: bool
    anggota: list[Member] = field(default_factory=list)
    grafik_svg: bool = False  # pre-rendered SVG per chart: off by default at this scale (see charts.STATIC_SVG)


def catalog_file(path: Path) -> Path | None:
    """The catalog `path` names (the file, or a folder holding katalog.json without a datapackage.json)."""
    if path.is_file() and path.name.endswith(".json") and path.name != "datapackage.json":
        return path
    if path.is_dir() and (path / CATALOG).is_file() and not (path / "datapackage.json").is_file():
        return path / CATALOG
    return None


def read_catalog(file: Path) -> tuple[Catalog | None, Report]:
    report = Report()

    def err(message: str) -> None:
        report.problems.append(Problem(str(file), 1, 1, message))

    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, col = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        report.problems.append(Problem(str(file), line, col, f"katalog bukan JSON yang sah ({exc}); yang diharapkan "
                                                             'objek dengan "judul" dan daftar "anggota"'))
        return None, report
    members = data.get("anggota") if isinstance(data, dict) else None
    if not isinstance(members, list) or not members:
        err('katalog tidak memiliki daftar "anggota"; yang diharapkan [{"id": "disdik", "path": "disdik"}, ...]')
        return None, report
    catalog = Catalog(file, str(data.get("judul") or "Portal Kinerja"), str(data.get("pemerintah_daerah") or ""),
                      bool(data.get("sintetis", False)), grafik_svg=bool(data.get("grafik_svg", False)))
    seen = set()
    for n, m in enumerate(members, start=1):
        mid = m.get("id") if isinstance(m, dict) else None
        rel = m.get("path") if isinstance(m, dict) else None
        if not isinstance(mid, str) or not ID.match(mid):
            err(f'anggota ke-{n}: id "{mid}" tidak sah; yang diharapkan huruf kecil, angka dan tanda -, misalnya "disdik"')
            continue
        if mid in seen:
            err(f'anggota ke-{n}: id "{mid}" ganda; setiap anggota wajib ber-id unik')
            continue
        seen.add(mid)
        folder = safe_relative(file.parent, rel) if isinstance(rel, str) else None
        if folder is None:
            err(f'anggota "{mid}": path "{rel}" ditolak; yang diharapkan folder paket data di dalam folder katalog')
        elif not (folder / "datapackage.json").is_file():
            err(f'anggota "{mid}": folder "{rel}" tidak memuat datapackage.json')
        else:
            catalog.anggota.append(Member(mid, folder))
    return (catalog if report.ok else None), report


def source_key(folder: Path, options: str = "") -> str:
    """sha256 over every file of a package folder (paths and bytes), the generator version and the build
    options: equal keys mean the member would build to the same pages."""
    digest = hashlib.sha256(f"{__version__}|{options}".encode("utf-8"))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached(src: Path, member: Member, key: str):
    path = src / CACHE / f"{member.id}.pickle"
    if not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            stored_key, value = pickle.load(f)
    except Exception:  # a cache from another version or a torn write: rebuild the member
        return None
    return value if stored_key == key else None


def store(src: Path, member: Member, key: str, value) -> None:
    folder = src / CACHE
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{member.id}.tmp"
    with tmp.open("wb") as f:
        pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(folder / f"{member.id}.pickle")
