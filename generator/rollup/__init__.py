"""A provincial or national roll-up (`kinerja rekap`), without one giant site.

    1. read      the roll-up catalog (`rekap.json`, rollup.catalog): its sources
    2. harvest   every agency's published open data, from portals (folders or addresses) or from packages
                 run through the pipeline (rollup.harvest), into `.kinerja/<output>/panen/`
    3. compute   one table per measure across every agency, with DuckDB (rollup.tables)
    4. publish   the tables as open data and a small overview site linking each portal (rollup.site),
                 by the same steps as a portal: MkDocs, manifest, atomic swap

The sources are typically the shards of a large catalog, each built as an independent job (a CI matrix,
one machine each): the roll-up only reads what they published, so it costs a fraction of a portal build,
and building the shards one by one gives the same roll-up.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from generator.problems import Report
from generator.publish import BuildError, BuildResult, Prepared, claim, publish
from generator.publish.executor import Executor, ExecutorError
from generator.publish.workspace import Workspace
from generator.rollup import site as overview
from generator.rollup.catalog import is_url, read_rollup, rollup_file
from generator.rollup.harvest import harvest
from generator.rollup.tables import compute


def prepare(data: Path, ws: Workspace, executor: Executor | None = None,
            progress: Callable[[str], None] = lambda step: None):
    """Steps 1-3 and the overview's pages in memory; raises BuildError with the problems."""
    file = rollup_file(data)
    if file is None:
        raise BuildError("katalog rekap tidak ditemukan", Report([_missing(data)]))
    rollup, report = read_rollup(file)
    if rollup is None:
        raise BuildError("katalog rekap tidak sah", report)
    progress(f"Mengumpulkan data terbuka {len(rollup.sumber)} sumber")
    try:
        agencies, report = harvest(rollup, ws.root / "panen", executor)
    except ExecutorError as exc:
        raise BuildError(str(exc)) from exc
    if not report.ok:
        raise BuildError("sumber rekap tidak sah", report)
    progress(f"Menghitung rekap {len(agencies)} perangkat daerah")
    tables = compute(ws.root / "panen", agencies, {s.id: s.nama for s in rollup.sumber})
    return overview.build(rollup, agencies, tables), report.lines(), tables


def _inputs_of(data: Path) -> list[tuple[Path, str]]:
    """What a roll-up reads and its output must never replace: the roll-up catalog and every source folder
    (a package, a catalog, a published portal). A catalog that cannot be read protects itself: the roll-up
    then stops at its problems (`prepare`), before anything is replaced."""
    file = rollup_file(data)
    rollup = read_rollup(file)[0] if file is not None else None
    if rollup is None:
        return [(file or data, "katalog rekap")]
    folders = [Path(s.situs) if s.situs is not None and not is_url(s.situs) else s.paket for s in rollup.sumber]
    return [(file, "katalog rekap"), *((f, "sumber katalog rekap") for f in folders if f is not None)]


def _missing(data: Path):
    from generator.problems import Problem

    return Problem(str(data), 1, 1, "bukan katalog rekap; yang diharapkan berkas rekap.json atau folder yang memuatnya")


def build_rollup(data: Path, out: Path, config: Path, executor: Executor | None = None,
                 progress: Callable[[str], None] = lambda step: None, site_url: str | None = None) -> BuildResult:
    started = time.perf_counter()
    with claim(out, [*_inputs_of(data), (config, "konfigurasi MkDocs")], progress) as (out, ws):
        site, warnings, _ = prepare(data, ws, executor, progress)
        return publish(Prepared(site, warnings, is_catalog=True), out, config, None, progress, site_url,
                       started=started)
