"""`kinerja build --data katalog.json`: the pages of a multi-agency portal (see generator.katalog).

Each member goes through the single-package steps (validate → compute → render) and its pages are put
under `<id>/`; relative links inside a member keep working. The root gets the kabupaten overview
(every OPD's capaian, serapan and IKM side by side, sortable, with a comparability caveat), the shared
pages and `data/opd.csv`. Members unchanged since the last successful build come from the cache.
"""
from __future__ import annotations

import concurrent.futures
import csv
import datetime as dt
import io
import multiprocessing
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from generator import berkas, fmt
from generator.charts import vendor_files
from generator.compute.results import compute_all
from generator.katalog import Catalog, Member, cached, read_catalog, source_key, store
from generator.problems import Report
from generator.render import Site, environment, title_text
from generator.riwayat import read_history
from generator.validate import validate_package

ROOT_PAGES = ("tentang.md",)  # hand-written pages shared by the whole portal (site_src/)


@dataclass
class MemberSite:
    """What a member contributes, cached between builds."""

    site: Site
    ringkasan: dict
    warnings: list[str]
    extra: dict
    epoch: int


@dataclass
class Timings:
    """Seconds spent per phase (summed over members), for benchmarks/scale.py."""

    phases: dict[str, float] = field(default_factory=dict)

    def add(self, phase: str, seconds: float) -> None:
        self.phases[phase] = self.phases.get(phase, 0.0) + seconds


def _prefix_nav(nav, prefix: str):
    if isinstance(nav, list):
        return [e for e in (_prefix_nav(item, prefix) for item in nav) if e is not None]
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            if isinstance(value, str) and value in ROOT_PAGES:
                continue
            out[title] = _prefix_nav(value, prefix)
        return out or None
    return f"{prefix}{nav}"


GROUP = 25  # members per navigation group: with navigation.prune a page lists its own group only
KINDS = ("Dinas", "Badan", "Sekretariat", "Kecamatan", "Kelurahan", "Bagian", "UPTD")


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


def overview_row(member: Member, t, res) -> dict:
    year = t.settings["tahun_laporan"]
    inst = t["instansi"].iloc[0]
    ring = res.ringkasan[res.ringkasan["tahun"] == year].to_dict("records") if len(res.ringkasan) else []
    r = ring[0] if ring else {}
    ikm = res.ikm[res.ikm["tahun"] == year].to_dict("records") if len(res.ikm) else []
    lines = res.anggaran[(res.anggaran["tahun"] == year) & (res.anggaran["tingkat"] == "total")]
    total = lines.to_dict("records")[0] if len(lines) else {}
    return {"id": member.id, "nama": str(inst["nama_singkat"] or inst["nama"]), "tahun": year,
            "rata_rata": r.get("rata_rata"), "kategori": r.get("kategori"), "indikator": r.get("jumlah"),
            "tercapai": r.get("tercapai"), "tidak_tercapai": r.get("tidak_tercapai"), "tanpa_data": r.get("tanpa_data"),
            "pagu": total.get("pagu"), "realisasi": total.get("realisasi"), "serapan": total.get("serapan"),
            "ikm": ikm[0]["ikm"] if ikm else None, "mutu": ikm[0]["mutu"] if ikm else None,
            "sintetis": bool(t.settings.get("sintetis"))}


def _member(job: tuple) -> tuple[list, "MemberSite | None", dict[str, float]]:
    """validate → compute → render one member (in a worker process when there are several). Returns its
    problems, its pages (None when invalid) and the seconds per phase."""
    from generator import charts
    from generator.build import source_date_epoch, source_files, theme_extra
    from generator.render import render_site

    member, src, key, site_url, svg = job
    phases: dict[str, float] = {}
    started = time.perf_counter()
    validated = validate_package(member.path, timings=phases, cache=src / ".kinerja-cache" / f"{member.id}-validasi.json")
    phases["validate"] = time.perf_counter() - started - phases.get("load", 0.0)
    if not validated.report.ok:
        return validated.report.problems, None, phases
    t = validated.tables
    started = time.perf_counter()
    res = compute_all(t)
    phases["compute"] = time.perf_counter() - started
    started = time.perf_counter()
    source = source_files(validated.package)
    attachments = berkas.read(validated.package, t)
    epoch = source_date_epoch(t)
    history = read_history(validated.package.root, t, dt.datetime.fromtimestamp(epoch, dt.timezone.utc))
    url = f"{site_url.rstrip('/')}/{member.id}/" if site_url else None
    with charts.static_images(svg):
        site = render_site(t, res, source, attachments, history, url)
    site.files.update(source)
    site.files.update(attachments)
    entry = MemberSite(site, overview_row(member, t, res), validated.report.lines(), theme_extra(t), epoch)
    store(src, member, key, entry)
    phases["render"] = time.perf_counter() - started
    return validated.report.problems, entry, phases


def _run_members(jobs: list[tuple], parallel: bool = True) -> list[tuple]:
    """Members in parallel, one process per core (fork where the platform has it); in order. Not from a
    server's worker thread (`kinerja serve`): forking a threaded process can deadlock the children."""
    workers = min(len(jobs), os.cpu_count() or 1) if parallel else 1
    if workers < 2:
        return [_member(job) for job in jobs]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_member, jobs, chunksize=1))


CSV_COLUMNS = ["id", "nama", "tahun", "rata_rata", "kategori", "indikator", "tercapai", "tidak_tercapai", "tanpa_data",
               "pagu", "realisasi", "serapan", "ikm", "mutu", "sintetis"]


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        cells = []
        for col in CSV_COLUMNS:
            v = r.get(col)
            if v is None or (isinstance(v, float) and v != v):
                cells.append("")
            elif isinstance(v, bool):
                cells.append("true" if v else "false")
            elif col in ("rata_rata", "serapan", "ikm"):
                cells.append(f"{float(v):.2f}")
            elif col in ("pagu", "realisasi"):
                cells.append(f"{v:.2f}")
            else:
                cells.append(str(v))
        writer.writerow(cells)
    return out.getvalue()


def _overview(catalog: Catalog, rows: list[dict]) -> str:
    env = environment()
    shown = []
    for r in rows:
        shown.append({**r, "tautan": Markup(f"{r['id']}/"),
                      "capaian_teks": fmt.persen(r["rata_rata"]) if r["rata_rata"] is not None else "belum tersedia",
                      "serapan_teks": fmt.persen(r["serapan"]) if r["serapan"] is not None else "belum tersedia",
                      "ikm_teks": fmt.angka(r["ikm"]) if r["ikm"] is not None else "belum tersedia",
                      "urut_capaian": Markup(f"{float(r['rata_rata']):.4f}") if r["rata_rata"] is not None else Markup("-1"),
                      "urut_serapan": Markup(f"{float(r['serapan']):.4f}") if r["serapan"] is not None else Markup("-1"),
                      "urut_ikm": Markup(f"{float(r['ikm']):.4f}") if r["ikm"] is not None else Markup("-1")})
    years = sorted({r["tahun"] for r in rows})
    return env.get_template("katalog_beranda.md.j2").render(
        katalog=catalog, baris=shown, tahun=", ".join(str(y) for y in years),
        sintetis=catalog.sintetis or any(r["sintetis"] for r in rows), jumlah=len(rows))


def prepare_catalog(file: Path, src: Path, progress: Callable[[str], None], site_url: str | None,
                    timings: Timings | None = None, parallel: bool = True):
    """validate (changed members) → compute → render → write the Markdown sources of the whole portal."""
    from generator.build import BuildError, Prepared, write_pages

    timings = timings or Timings()
    catalog, report = read_catalog(file)
    if catalog is None:
        raise BuildError("katalog tidak sah", report)
    entries: dict[str, MemberSite] = {}
    jobs = []
    options = f"svg={catalog.grafik_svg}|url={site_url or ''}"
    for member in catalog.anggota:
        key = source_key(member.path, options)
        hit = cached(src, member, key)
        if hit is not None:  # byte-identical to the last successful build: no need to check it again
            entries[member.id] = hit
        else:
            jobs.append((member, src, key, site_url, catalog.grafik_svg))
    progress(f"Memeriksa, menghitung dan menyusun {len(jobs)} dari {len(catalog.anggota)} OPD "
             f"(yang lain tidak berubah sejak pembangunan terakhir)")
    combined = Report()
    for (member, *_), (problems, entry, phases) in zip(jobs, _run_members(jobs, parallel)):
        combined.problems.extend(problems)
        for phase, seconds in phases.items():
            timings.add(phase, seconds)
        if entry is not None:
            entries[member.id] = entry
    if not combined.ok:
        raise BuildError("data tidak sah", combined)
    progress("Menyusun halaman kabupaten")
    started = time.perf_counter()
    site = Site(site_name=title_text(catalog.judul), package={"name": file.parent.name, "title": catalog.judul,
                                                               "version": "", "created": ""})
    members_nav, rows, warnings = [], [], []
    for member in catalog.anggota:
        entry = entries[member.id]
        prefix = f"{member.id}/"
        site.pages.update({prefix + k: v for k, v in entry.site.pages.items()})
        site.files.update({prefix + k: v for k, v in entry.site.files.items()})
        members_nav.append((entry.ringkasan["nama"], {title_text(entry.ringkasan["nama"]): _prefix_nav(entry.site.nav, prefix)}))
        rows.append(entry.ringkasan)
        warnings.extend(entry.warnings)
    site.pages["index.md"] = _overview(catalog, rows)
    site.pages["data/opd.csv"] = _csv(rows)
    site.nav = [{"Beranda": "index.md"}, {"Perangkat daerah": group_members(members_nav)}, {"Tentang portal": "tentang.md"}]
    site.pages.update(vendor_files(cache=src))
    written = write_pages(src, site)
    timings.add("gabung", time.perf_counter() - started)
    epoch = max(e.epoch for e in entries.values())
    first = entries[catalog.anggota[0].id].extra
    extra = {**first, "instansi": title_text(catalog.judul), "pemerintah_daerah": title_text(catalog.pemerintah_daerah),
             "sumber": title_text(f"Paket data {len(catalog.anggota)} perangkat daerah"),
             "sintetis": catalog.sintetis or any(r["sintetis"] for r in rows),
             "diperbarui": fmt.tanggal(dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()), "umpan": ""}
    return Prepared(site, extra, epoch, warnings, written, changed=[f"{member.id}/" for member, *_ in jobs])
