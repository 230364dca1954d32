"""Stage 5, publish: `kinerja build`, in the order it happens.

    1. recover     put back a site a killed build left moved aside
       refuse      an output folder that is not safe to replace (the package, a repository, a file, ...)
       unchanged   a single package whose inputs are those the site already there was made from: stop here
    2. prepare     the pipeline for one package, or for every member of a catalog: pages in memory
    3. write       the Markdown sources into the workspace (`.kinerja/<output>/halaman/`)
    4. engine      MkDocs into a temporary folder in the workspace
    5. manifest    checksums of every published file
    6. swap        the temporary folder takes the output's place, atomically
    7. remember    the caches that make the next build faster

An unsafe output stops the build at step 1 (a usage error), invalid data at step 2, before anything is
written; a failure at 4-6 leaves the previous site as it was. Dates come from the data (`SOURCE_DATE_EPOCH`), never from the clock, so the same data gives a
byte-identical site.
"""
from __future__ import annotations

import contextlib
import json

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import cache, stops
from generator.outputs import unwritable
from generator.publish import catalog as catalog_build
from generator.publish import incremental, manifest, mkdocs, pipeline, swap, unchanged, workspace
from generator.publish.executor import Executor, ExecutorError
from generator.publish.workspace import Workspace
from generator.problems import Report, os_reason
from generator.render import drawer
from generator.render.kept import kept
from generator.render.context import RenderOptions, Site


class OutputRefused(Exception):
    """The output folder may not be replaced (`swap.refusal`): a usage error, nothing was written."""


class BuildError(Exception):
    """The build stopped; `report` says why (problems in `subject`: the data package, the hand-written
    pages), or the message (site engine failure)."""

    def __init__(self, message: str, report: Report | None = None, subject: str = "Paket data"):
        super().__init__(message)
        self.report, self.subject = report, subject


@dataclass
class Prepared:
    """Pages in memory, ready to write: the site, the warnings, and for a catalog the member folders
    rebuilt this time (`incremental.ROOT` for a single package: all its pages are its own; None for pages that
    keep no previous site, such as a roll-up's overview)."""

    site: Site
    warnings: list[str]
    changed: list[str] | None = None
    is_catalog: bool = False
    unchanged: list[str] = field(default_factory=list)  # a catalog's member folders taken from the cache
    sections: dict[str, str] = field(default_factory=dict)  # a catalog's member folder → its cache key


@dataclass
class BuildResult:
    pages: int
    charts: int
    written: int  # files of the published site added, changed or removed (manifest.changed_files)
    warnings: list[str]
    seconds: float
    out: Path
    phases: dict[str, float] = field(default_factory=dict)
    untouched: bool = False  # the inputs were those of the site already there: nothing was made (publish.unchanged)


def prepare(data: Path, ws: Workspace, site_url: str | None = None,
            progress: Callable[[str], None] = lambda step: None, timings: catalog_build.Timings | None = None,
            parallel: bool = True, executor: Executor | None = None, worker_root: str | None = None) -> Prepared:
    """Step 2 for whatever `data` is: one package, or a catalog of packages (its members through
    `executor`: local processes unless a Dask cluster is given). Raises BuildError when the data is invalid
    or the executor cannot run the members. Writes only the caches of `ws`."""
    options = RenderOptions(site_url=site_url, templates=str(ws.cache / "jinja"))
    file = catalog_build.catalog_file(data)
    if file is not None:
        try:
            ready, report = catalog_build.prepare(file, ws, options, progress, timings, parallel, executor, worker_root)
        except ExecutorError as exc:
            raise BuildError(str(exc)) from exc
        if ready is None:
            raise BuildError("data tidak sah", report)
        return Prepared(ready.site, ready.warnings, ready.changed, is_catalog=True, unchanged=ready.unchanged,
                        sections=ready.sections)
    progress("Memeriksa, menghitung dan menyusun halaman")
    drawer.start()  # vl-convert starts up while the package is checked (render/drawer.py)
    if parallel and not incremental.usable_soon(ws.cache):  # MkDocs renders every page: its helper gets ready
        mkdocs.warm_up()
    checked_file = ws.cache / "validasi.json"
    known = cache.read_json(checked_file)
    with kept(ws.cache / "render"):  # chart images and Typst documents kept between builds of this package
        outcome = pipeline.run(data, options, known.get("paket") if isinstance(known.get("paket"), dict) else {})
    if timings is not None:
        for phase, seconds in outcome.seconds.items():
            timings.add(phase, seconds)
    if not outcome.ok:
        raise BuildError("data tidak sah", outcome.report)
    cache.write_json(checked_file, {"paket": outcome.checked})
    return Prepared(outcome.site, outcome.report.lines(), changed=[incremental.ROOT])


def _inputs_of(data: Path) -> list[tuple[Path, str]]:
    """What a build reads and its output must never replace: the package folder; for a catalog, the
    catalog file and each member's folder (a folder beside them, e.g. the shards' sites, is allowed).
    A catalog that cannot be read protects its whole folder."""
    catalog = catalog_build.catalog_file(data)
    folder = data if data.is_dir() else data.parent
    if catalog is None:
        return [(folder, "paket data")]
    try:
        members = json.loads(catalog.read_text(encoding="utf-8"))["anggota"]
        paths = [catalog.parent / m["path"] for m in members]
    except Exception:  # an invalid catalog is reported by validation; here only its folder is kept safe
        return [(folder, "katalog dan paket datanya")]
    return [(catalog, "katalog"), *((p, "paket data anggota katalog") for p in paths)]


def build_site(data: Path, out: Path, config: Path, pages_dir: Path | None = None,
               progress: Callable[[str], None] = lambda step: None, site_url: str | None = None,
               timings: catalog_build.Timings | None = None, executor: Executor | None = None,
               worker_root: str | None = None) -> BuildResult:
    """Build one package, or a catalog of packages (`katalog.json`) into one portal in `out`.
    `pages_dir`: the hand-written pages (site_src/); `timings` collects seconds per phase; `executor`
    runs a catalog's members (publish.executor), `worker_root` is the catalog folder as its workers see it."""
    started = time.perf_counter()
    protected = [*_inputs_of(data), (config, "konfigurasi MkDocs")]
    if pages_dir is not None:
        protected.append((pages_dir, "folder halaman tulisan tangan"))
    if (theme := mkdocs.theme_folder(config)) is not None:
        protected.append((theme, "folder tema (theme.custom_dir)"))
    with claim(out, protected, progress) as (out, ws):
        key = unchanged.inputs_key(data, config, pages_dir, site_url) if catalog_build.catalog_file(data) is None \
            else None
        if (known := unchanged.recall(ws.cache, out, key)) is not None:
            progress("Tidak ada yang berubah sejak pembangunan terakhir: situs dibiarkan seperti adanya")
            return BuildResult(known.pages, known.charts, 0, known.warnings, time.perf_counter() - started, out,
                               untouched=True)
        unchanged.forget(ws.cache)
        ready = prepare(data, ws, site_url, progress, timings, executor=executor, worker_root=worker_root)
        result = publish(ready, out, config, pages_dir, progress, site_url, timings, started)
        # kept only when the inputs did not change while they were read (an edit saved during the build)
        after = unchanged.inputs_key(data, config, pages_dir, site_url) if key is not None else None
        unchanged.remember(ws.cache, out, key if after == key else None, result.pages, result.charts, result.warnings)
        return result


@contextlib.contextmanager
def claim(out: Path, protected: list[tuple[Path, str]],
          progress: Callable[[str], None] = lambda step: None) -> Iterator[tuple[Path, Workspace]]:
    """The output folder (resolved) and its workspace, held for the build (`workspace.exclusive`: another
    build into the same folder waits), before anything is read. `out` is refused (OutputRefused) when
    replacing it would lose what the user keeps there or what the build reads (`protected`), or when it
    cannot be written; a killed build's previous site comes back first."""
    given = out
    out = out.absolute()
    # the site and the build's work folder (.kinerja/ beside it) are written in the folder that holds it; what
    # an existing `out` is, swap.refusal says
    try:
        there = out.exists() or out.is_symlink()
    except OSError:  # a name the file system cannot hold: unwritable says so
        there = False
    reason = (None if there else unwritable(out, folder=True)) or unwritable(_real(out.parent), folder=True)
    if reason is not None:
        raise OutputRefused(f"folder hasil '{given}' {reason}")
    if (link := workspace.linked(Workspace.for_output(out.resolve()))) is not None:
        raise OutputRefused(f"folder hasil '{given}' tidak dapat dipakai: '{link}' di folder kerjanya adalah tautan "
                            "simbolik; hapus tautan itu (folder kerja .kinerja/ dibuat ulang oleh pembangunan)")
    ws = recover(out)
    reason = swap.refusal(out, protected)
    if reason is not None:
        raise OutputRefused(f"folder hasil '{given}' {reason}")
    try:  # what permissions alone do not tell (a system folder, a read-only disk) shows here, before any work
        ws.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputRefused(f"folder hasil '{given}' tidak dapat dipakai: folder kerjanya '{ws.root}' tidak dapat "
                            f"dibuat ({os_reason(exc)})") from None
    waiting = "Menunggu proses kinerja lain yang memakai folder hasil ini selesai"
    with workspace.exclusive(ws, lambda: progress(waiting)):
        swap.recover(out.resolve(), ws.root)  # what the build before this one may have left
        yield out.resolve(), ws


def recover(out: Path) -> Workspace:
    """Put back the site a build killed mid-swap left aside (`swap.recover`), unless a build running into the
    same folder holds it (then the site and what lies aside are that build's). Returns `out`'s workspace."""
    ws = Workspace.for_output(out.resolve())
    if workspace.linked(ws) is not None:  # nothing is moved or removed through a link (`claim` refuses it)
        return ws
    with workspace.exclusive(ws, wait=False) as free:
        if free:
            swap.recover(out.resolve(), ws.root)
    return ws


def handwritten_pages(folder: Path | None, site: Site) -> dict[str, bytes]:
    """The hand-written pages of `folder`, read once; BuildError when one would be lost or would stop MkDocs
    (`workspace.handwritten_problems`)."""
    pages = workspace.handwritten(folder)
    if problems := workspace.handwritten_problems(folder, pages, site):
        raise BuildError("halaman tulisan tangan tidak sah", Report(problems), "Halaman tulisan tangan")
    return pages


def _real(folder: Path) -> Path:
    """`folder` with its links followed (a link on the way to --out is fine; --out itself may not be one)."""
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder


def publish(ready: Prepared, out: Path, config: Path, pages_dir: Path | None = None,
            progress: Callable[[str], None] = lambda step: None, site_url: str | None = None,
            timings: catalog_build.Timings | None = None, started: float | None = None) -> BuildResult:
    """Steps 3-7 for pages in memory (a portal, or a roll-up's overview): write, MkDocs, manifest, swap."""
    started = time.perf_counter() if started is None else started
    out = out.resolve()
    ws = Workspace.for_output(out)
    swap.recover(out, ws.root)
    workspace.write_sources(ws, ready.site, handwritten_pages(pages_dir, ready.site), ready.sections)
    progress("Membangun situs dengan MkDocs")
    engine_started = time.perf_counter()
    state, target = ws.cache, None
    try:
        with swap.signals_held():  # a signal now is delivered inside `try`, which removes the folder
            target = swap.temporary(ws.root)
        key = mkdocs.build(config, ws.docs, target, ready.site, site_url, changed=ready.changed,
                           previous=out, state=state if ready.changed is not None else None,
                           templates=ws.cache / "jinja", sections=ready.sections)
        written = manifest.changed_files(manifest.published(out), manifest.write(
            target, ready.site, previous=out if ready.unchanged else None))
        stops.raise_if_stopped()  # a stop Python dropped on the way still stops the build here
        if key is not None:
            incremental.forget(state)  # from here until `remember`, the next build is a full one
    except mkdocs.EngineError as exc:
        mkdocs.discard(target)
        raise BuildError(str(exc)) from exc
    except BaseException:
        if target is not None:
            mkdocs.discard(target)
        raise
    swap.replace_dir(target, out, ws.root)
    if key is not None:
        incremental.remember(state, out, key, ready.sections)
    if timings is not None:
        timings.add("mkdocs", time.perf_counter() - engine_started)
    pages = sum(1 for name in ready.site.pages if name.endswith(".md"))
    charts = sum(1 for name in ready.site.pages if (name.startswith("grafik/") or "/grafik/" in name)
                 and name.endswith(".json"))
    return BuildResult(pages, charts, written, ready.warnings, time.perf_counter() - started, out,
                       dict(timings.phases) if timings is not None else {})
