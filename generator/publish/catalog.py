"""One portal for many perangkat daerah: a catalog (`katalog.json`) lists member data packages; each goes
through the one pipeline exactly as a single package would, under its own folder (`<id>/...`), and a
kabupaten overview, the shared pages and a combined table sit at the root.

    {"judul": "Portal Kinerja Kabupaten X", "pemerintah_daerah": "Pemerintah Kabupaten X",
     "sintetis": false, "anggota": [{"id": "disdik", "path": "disdik"}, ...]}

`path` is a package folder relative to the catalog, never outside it. A member whose files are
byte-identical to the last successful build (same generator code, same options) is not run again: its
result comes from the cache, so after one OPD changes only that OPD is regenerated.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd
from markupsafe import Markup

from generator import cache, fmt
from generator.publish.executor import Executor, LocalExecutor
from generator.publish.member import MemberJob, MemberResult, run_member
from generator.publish.nav import part_nav
from generator.publish.pipeline import phone_header
from generator.publish.workspace import Workspace
from generator.domain.values import present, round_half_up
from generator.load import locate, safe_relative
from generator.load.jsonfile import read_json_file
from generator.problems import Problem, Report
from generator.render import HANDWRITTEN_NAV, head, open_data, unduhan
from generator.render.context import RenderOptions, Site
from generator.render.environment import environment
from generator.render.escape import title_text

CATALOG = "katalog.json"
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_MAX = 100  # a member's id is its folder in the portal
GROUP = 25  # members per navigation group: with navigation.prune a page lists its own group only
KINDS = ("Dinas", "Badan", "Sekretariat", "Kecamatan", "Kelurahan", "Bagian", "UPTD")


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
    grafik_svg: bool = False  # a pre-rendered SVG per chart: off by default at this scale (~65 ms a chart)


def catalog_file(path: Path) -> Path | None:
    """Whether `path` names a catalog, and its file: a .json file other than datapackage.json, or a folder
    holding katalog.json and no datapackage.json. The one place this is decided."""
    if path.is_file() and path.name.endswith(".json") and path.name != "datapackage.json":
        return path
    if path.is_dir() and (path / CATALOG).is_file() and not (path / "datapackage.json").is_file():
        return path / CATALOG
    return None


def read_catalog(file: Path) -> tuple[Catalog | None, Report]:
    report = Report()

    def err(message: str, key: str | None = None, value=None, member: int | None = None) -> None:
        """`member`: the member's index, to point at its own line when an earlier member has the same value (at
        its id when it lacks `key`)."""
        if member is not None and isinstance(members[member], dict) and key not in members[member]:
            key, value = "id", members[member].get("id")
        nth = sum(1 for m in members[:member] if isinstance(m, dict) and key in m and m[key] == value) if member else 0
        line, col = locate(text, key, value, nth) if key else (1, 1)
        report.problems.append(Problem(str(file), line, col, message))

    data, text, failure = read_json_file(file, "katalog", 'objek dengan "judul" dan daftar "anggota"')
    if failure is not None:
        report.problems.append(failure)
        return None, report
    members = data.get("anggota") if isinstance(data, dict) else None
    if not isinstance(members, list) or not members:
        err('katalog tidak memiliki daftar "anggota"; yang diharapkan [{"id": "disdik", "path": "disdik"}, ...]')
        return None, report
    for key in ("judul", "pemerintah_daerah"):
        if key in data and not isinstance(data[key], str):
            err(f'"{key}" katalog harus berupa teks', key, data[key])
    for key in ("sintetis", "grafik_svg"):
        if key in data and not isinstance(data[key], bool):
            err(f'"{key}" katalog harus true atau false (tanpa tanda kutip)', key, data[key])
    if not report.ok:
        return None, report
    catalog = Catalog(file, str(data.get("judul") or "Portal Kinerja"), str(data.get("pemerintah_daerah") or ""),
                      bool(data.get("sintetis", False)), grafik_svg=bool(data.get("grafik_svg", False)))
    seen, folders = set(), {}
    for n, m in enumerate(members, start=1):
        mid = m.get("id") if isinstance(m, dict) else None
        rel = m.get("path") if isinstance(m, dict) else None
        if not isinstance(mid, str) or not ID.fullmatch(mid) or len(mid) > ID_MAX:
            err(f'anggota ke-{n}: id "{str(mid)[:80]}" tidak sah; yang diharapkan huruf kecil, angka dan tanda -, paling '
                f'banyak {ID_MAX} karakter, misalnya "disdik"', "id", mid, n - 1)
            continue
        if mid in seen:
            err(f'anggota ke-{n}: id "{mid}" ganda; setiap anggota wajib ber-id unik', "id", mid, n - 1)
            continue
        seen.add(mid)
        folder = safe_relative(file.parent, rel) if isinstance(rel, str) else None
        if rel is None or rel == "" or not isinstance(rel, str):
            err(f'anggota "{mid}": ' + ('tidak ada "path"' if rel in (None, "") else '"path" bukan teks')
                + '; yang diharapkan folder paket data di dalam folder katalog, misalnya "path": "disdik"', "path", rel, n - 1)
        elif folder is None:
            absolute = Path(rel).is_absolute()
            err(f'anggota "{mid}": path "{rel}" ditolak; yang diharapkan folder paket data di dalam folder katalog'
                + (', ditulis relatif terhadap folder katalog (misalnya "disdik", bukan "/…/disdik")' if absolute else ""),
                "path", rel, n - 1)
        elif not (folder / "datapackage.json").is_file():
            err(f'anggota "{mid}": folder "{rel}" tidak memuat datapackage.json', "path", rel, n - 1)
        elif (twice := folders.get(resolved := folder.resolve())) is not None:
            # one agency under two names: the overview and the roll-ups would count it twice
            err(f'anggota "{mid}": folder "{rel}" sudah dipakai anggota "{twice}"; yang diharapkan satu folder paket '
                "untuk setiap anggota", "path", rel, n - 1)
        else:
            folders[resolved] = mid
            catalog.anggota.append(Member(mid, folder))
    return (catalog if report.ok else None), report


# --- members ---------------------------------------------------------------------------------------

@dataclass
class Timings:
    """Seconds spent per phase (summed over members), for benchmarks/scale.py."""

    phases: dict[str, float] = field(default_factory=dict)

    def add(self, phase: str, seconds: float) -> None:
        self.phases[phase] = self.phases.get(phase, 0.0) + seconds


def jobs_for(catalog: Catalog, members: list[Member], options: RenderOptions, validation: dict,
             executor: Executor, worker_root: str | None = None, kept_root: Path | None = None,
             digests: dict[str, str] | None = None) -> list[MemberJob]:
    """One job per member. Locally a job reads the folder the operator named, and keeps its render results
    in `kept_root/<id>`; on a cluster, the absolute folder (shared with the workers), or its place under
    `worker_root` (the catalog folder as uploaded to the workers), and nothing is kept, compiled templates
    included (a worker's disk is not the build's workspace). A worker checks that the package it reads is
    the one this build read (`digests`, by member): a results' cache key names these bytes."""
    jobs = []
    base = catalog.file.parent.resolve()
    digests = digests or {}
    for member in members:
        known = validation.get(str(member.path.resolve()))
        if isinstance(executor, LocalExecutor):
            path = str(member.path)
        elif worker_root:
            path = str(PurePosixPath(worker_root) / member.path.resolve().relative_to(base).as_posix())
        else:
            path = str(member.path.resolve())
        local = isinstance(executor, LocalExecutor)
        jobs.append(MemberJob(member.id, path, str(member.path),
                              options if local else dataclasses.replace(options, templates=None),
                              known if isinstance(known, dict) else {}, cache.code_key(),
                              str(kept_root / member.id) if local and kept_root is not None else "",
                              "" if local else digests.get(member.id, "")))
    return jobs


# --- the portal ------------------------------------------------------------------------------------

def group_members(items: list[tuple[str, dict]]) -> list:
    """Navigation entries of the members. Up to GROUP members: a flat list. More: grouped by kind (Dinas,
    Badan, Kecamatan, ...; others under "Perangkat daerah lain"), a kind with more than GROUP members in
    numbered parts, so that every page lists the groups and its own group, not every member: a page's size
    stays the same however many members the catalog has."""
    if len(items) <= GROUP:
        return [entry for _, entry in items]
    kinds: dict[str, list[dict]] = {}
    for name, entry in items:
        first = name.split()[0] if name.split() else ""
        kinds.setdefault(first if first in KINDS else "Perangkat daerah lain", []).append(entry)
    out = []
    for kind, entries in kinds.items():
        if len(entries) <= GROUP:
            out.append({kind: entries})
            continue
        for start in range(0, len(entries), GROUP):
            part = entries[start:start + GROUP]
            out.append({f"{kind} {start + 1}–{start + len(part)}": part})
    return out


def _sort_key(value) -> Markup:
    return Markup(str(round_half_up(value, 4))) if present(value) else Markup("-1")


def _surveys(surveys: list[dict]) -> str:
    """Every survey of a member's year, as the roll-up names them: 'layanan: 88,19 (B); ...'."""
    return "; ".join(f"{s['layanan']}: {fmt.angka(s['ikm'])}" + (f" ({s['mutu']})" if present(s["mutu"]) else "")
                     for s in surveys if present(s["ikm"]))


def _average_notes(r: dict) -> list[str]:
    """What a member's average is made of that another's may not be: earlier values used again, a cap."""
    if not present(r["rata_rata"]):
        return []
    notes = [f"{int(r['dibawa'])} nilai tahun sebelumnya dipakai lagi"] if present(r.get("dibawa")) and r["dibawa"] else []
    if present(r.get("batas")):
        cap = fmt.angka(r["batas"], None)
        notes.append(f"rata-rata menghitung capaian di atas {cap}% sebagai {cap}%")
    return notes


def synthetic(catalog: Catalog, flags: list[bool]) -> tuple[bool, bool]:
    """(the whole portal is synthetic, only some members are): the catalog says so or every member is; else
    the members that are say so on their own pages and the overview names them."""
    whole = catalog.sintetis or all(flags)
    return whole, not whole and any(flags)


def overview(catalog: Catalog, rows: list[dict]) -> str:
    """The portal's home page: a row per member, and what makes the members' figures unlike each other (years,
    caps, figures carried from the year before, category scales) said where it occurs."""
    years = sorted({r["tahun"] for r in rows if r["tahun"] is not None})
    several_years = len({r["tahun"] for r in rows}) > 1
    scales = {r["skala_kelas"] for r in rows if r.get("skala")}  # classes and their bounds, not only the codes
    shown = []
    for r in rows:
        shown.append({**r, "tautan": Markup(f"{r['id']}/"),
                      "capaian_teks": fmt.persen(r["rata_rata"]) if present(r["rata_rata"]) else (
                          r.get("progres") or "belum tersedia"),
                      "capaian_kalimat": not present(r["rata_rata"]) and bool(r.get("progres")),  # a sentence: wraps
                      # a member in a running year: its last report's figures, and where the running year stands
                      "berjalan": r.get("progres") if present(r["rata_rata"]) else None,
                      "serapan_teks": fmt.persen(r["serapan"]) if present(r["serapan"]) else "belum tersedia",
                      "ikm_teks": fmt.angka(r["ikm"]) if present(r["ikm"]) else "belum tersedia",
                      "ikm_semua": [s for s in r.get("survei", []) if present(s["ikm"])],
                      "tahun_teks": (f"tahun {r['tahun']}" if r["tahun"] is not None else "belum ada tahun laporan")
                      if several_years else None,
                      "catatan_capaian": _average_notes(r),
                      "kategori_skala": r["skala"] if len(scales) > 1 and present(r["kategori"]) else None,
                      "urut_capaian": _sort_key(r["rata_rata"]), "urut_serapan": _sort_key(r["serapan"]),
                      "urut_ikm": _sort_key(r["ikm"])})
    whole, some = synthetic(catalog, [r["sintetis"] for r in rows])
    return environment().get_template("katalog_beranda.md.j2").render(
        katalog=catalog, baris=shown, tahun=", ".join(str(y) for y in years),
        sintetis=whole, sebagian=[r["nama"] for r in rows if r["sintetis"]] if some else [],
        skala=len(scales) if len(scales) > 1 else 0, jumlah=len(rows))


@dataclass
class Prepared:
    """A catalog's portal in memory, and what the build needs besides: the warnings of its members and
    the folders of the members rebuilt this time (for the incremental MkDocs run)."""

    site: Site
    warnings: list[str]
    changed: list[str]
    unchanged: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)  # member folder → its cache key (workspace.write_sources)


def prepare(file: Path, ws: Workspace, options: RenderOptions, progress: Callable[[str], None] = lambda step: None,
            timings: Timings | None = None, parallel: bool = True, executor: Executor | None = None,
            worker_root: str | None = None) -> tuple[Prepared | None, Report]:
    """Every member (from the cache when unchanged, else through `executor`: local processes by default)
    and the root pages; writes only the caches."""
    timings = timings or Timings()
    executor = executor or LocalExecutor(parallel)
    catalog, report = read_catalog(file)
    if catalog is None:
        return None, report
    options = RenderOptions(site_url=options.site_url, static_svg=catalog.grafik_svg, templates=options.templates)
    store = cache.PickleStore(ws.cache / "anggota")
    validation = cache.read_json(ws.cache / "validasi.json")
    entries: dict[str, MemberResult] = {}
    todo, keys, digests = [], {}, {}
    for member in catalog.anggota:
        digests[member.id] = cache.folder_digest(member.path)
        keys[member.id] = cache.key(digests[member.id], f"svg={options.static_svg}", f"url={options.site_url or ''}")
        hit = store.get(str(member.path.resolve()), keys[member.id])
        if hit is not None:  # byte-identical to the last successful build: no need to check it again
            entries[member.id] = hit
        else:
            todo.append(member)
    kept_root = ws.cache / "render"
    if kept_root.is_dir():  # a member that left the catalog leaves nothing behind
        members = {m.id for m in catalog.anggota}
        for folder in kept_root.iterdir():
            if folder.is_dir() and folder.name not in members:
                shutil.rmtree(folder, ignore_errors=True)
    jobs = jobs_for(catalog, todo, options, validation, executor, worker_root, kept_root, digests)
    where = "" if isinstance(executor, LocalExecutor) else f" di klaster Dask {getattr(executor, 'address', '')}"
    progress(f"Memeriksa, menghitung dan menyusun {len(jobs)} dari {len(catalog.anggota)} OPD{where} "
             f"(yang lain tidak berubah sejak pembangunan terakhir)")
    combined = Report()
    outcomes = executor.map(run_member, jobs) if jobs else []
    for member, job, outcome in zip(todo, jobs, outcomes):
        outcome = outcome.shown(job)
        combined.problems.extend(outcome.problems)
        for phase, seconds in outcome.seconds.items():
            timings.add(phase, seconds)
        if outcome.result is not None:
            entries[member.id] = outcome.result
            store.put(str(member.path.resolve()), keys[member.id], outcome.result)
            validation[str(member.path.resolve())] = outcome.checked
    if not combined.ok:
        return None, combined
    cache.write_json(ws.cache / "validasi.json", validation)
    progress("Menyusun halaman kabupaten")
    started = time.perf_counter()
    site = merge(catalog, entries)
    timings.add("gabung", time.perf_counter() - started)
    warnings = [line for member in catalog.anggota for line in entries[member.id].warnings]
    rebuilt = {member.id for member in todo}
    return Prepared(site, warnings, [f"{member.id}/" for member in todo],
                    [f"{m.id}/" for m in catalog.anggota if m.id not in rebuilt],
                    {f"{m.id}/": keys[m.id] for m in catalog.anggota}), combined


def merge(catalog: Catalog, entries: dict[str, MemberResult]) -> Site:
    """The portal: every member's pages under its folder, the overview and combined table at the root."""
    # no name: the catalog's folder is wherever the operator keeps it, and the same catalog must give the
    # same manifest from any folder (its title names it)
    site = Site(site_name=title_text(catalog.judul), package={"name": "", "title": catalog.judul,
                                                              "version": "", "created": ""})
    members_nav, rows = [], []
    whole, mixed = synthetic(catalog, [bool(entries[m.id].headline["sintetis"]) for m in catalog.anggota])
    for member in catalog.anggota:
        entry = entries[member.id]
        prefix = f"{member.id}/"
        row = {"id": member.id, **entry.headline}
        # every page names its agency in the browser tab (theme: htmltitle, which escapes it) and in a search
        # result (Material shows a page's tags under it, as HTML: escaped here); the members' pages share titles.
        # Where only some members' data are synthetic, their own pages say so (theme: kt_sintetis), not the others'.
        mark = {"kt_anggota": str(row["nama"]), "tags": [title_text(row["nama"])],
                **({"kt_sintetis": True} if mixed and row["sintetis"] else {})}
        site.pages.update({prefix + k: head.add_front_matter(v, mark) if k.endswith(".md") else v
                           for k, v in entry.site.pages.items()})
        site.files.update({prefix + k: v for k, v in entry.site.files.items()})
        members_nav.append((row["nama"], {title_text(row["nama"]): part_nav(entry.site.nav, prefix)}))
        rows.append(row)
    site.pages["index.md"] = overview(catalog, rows)
    site.pages["data/opd.csv"] = open_data.csv_text("opd", pd.DataFrame([{**r, "survei": _surveys(r["survei"])}
                                                                         for r in rows]))
    site.nav = [{"Beranda": "index.md"}, {"Perangkat daerah": group_members(members_nav)}, *HANDWRITTEN_NAV]
    site.epoch = max(e.site.epoch for e in entries.values())
    site.files.update(unduhan.variants({"data/opd.csv": site.pages["data/opd.csv"]},
                                       dt.datetime.fromtimestamp(site.epoch, dt.timezone.utc)))
    first = entries[catalog.anggota[0].id].site.extra
    site.extra = {**first, "instansi": title_text(catalog.judul), "pemerintah_daerah": title_text(catalog.pemerintah_daerah),
                  **phone_header(catalog.judul, catalog.pemerintah_daerah or ""),
                  "sumber": title_text(f"Paket data {len(catalog.anggota)} perangkat daerah"), "sintetis": whole,
                  "diperbarui": fmt.tanggal(dt.datetime.fromtimestamp(site.epoch, dt.timezone.utc).date()), "umpan": ""}
    return site
