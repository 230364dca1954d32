"""One member of a catalog as a job any executor can carry: plain data in (`MemberJob`), plain data out
(`MemberOutcome`), the work in between the one pipeline.

The job names the package twice: `path`, where the worker that runs it reads the package (the same
folder on this machine, or the catalog's shared or uploaded folder as a cluster's workers see it), and
`display`, the path the operator gave, which every problem line names. A worker answers with problems
located under `path`; `MemberOutcome.shown` puts them back under `display`, so a member checked on a
cluster reports `file:row:column` exactly as a local build does.

`code` is the generator's code key on the machine that made the job: a worker whose installed generator
differs would publish other pages under the same cache key, so it refuses the job instead.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from generator import cache
from generator.problems import Problem
from generator.publish import pipeline
from generator.render.context import RenderOptions, Site
from generator.render.kept import kept


@dataclass
class MemberResult:
    """What a member contributes to the portal, cached between builds."""

    site: Site
    headline: dict
    warnings: list[str]


@dataclass(frozen=True)
class MemberJob:
    id: str
    path: str  # the package folder as the worker sees it
    display: str  # the package folder as the operator named it (problem lines)
    options: RenderOptions
    checked: dict = field(default_factory=dict)  # validation cache of the last build (table → check key)
    code: str = ""  # the code key of the generator that made the job ("" = do not check)
    kept: str = ""  # where this member's slow render results are kept between builds (render.kept; "" = not kept)
    digest: str = ""  # the package's bytes as the build read them (cache.folder_digest; "" = do not check)


@dataclass
class MemberOutcome:
    problems: list[Problem]
    result: MemberResult | None
    seconds: dict[str, float]
    checked: dict[str, str]
    worker: str = ""  # host:pid that ran it (diagnostics, benchmarks)

    def shown(self, job: MemberJob) -> "MemberOutcome":
        """The outcome with every problem under the operator's path instead of the worker's."""
        if job.path == job.display:
            return self
        problems = [dataclasses.replace(p, file=relocate(p.file, job.path, job.display)) for p in self.problems]
        result = self.result
        if result is not None:
            result = dataclasses.replace(result, warnings=[p.line() for p in problems])
        return dataclasses.replace(self, problems=problems, result=result)


def relocate(file: str, root: str, display: str) -> str:
    if file == root:
        return display
    prefix = root.rstrip("/") + "/"
    return display.rstrip("/") + "/" + file[len(prefix):] if file.startswith(prefix) else file


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_member(job: MemberJob) -> MemberOutcome:
    """One member through the pipeline, wherever it runs."""
    if job.code and job.code != cache.code_key():
        message = (f"pekerja {worker_name()} menjalankan generator yang berbeda (kunci kode {cache.code_key()[:12]}, "
                   f"yang diharapkan {job.code[:12]}); pasang versi Kinerja Terbuka dan alat yang sama di setiap pekerja")
        return MemberOutcome([Problem(job.path, 1, 1, message)], None, {}, {}, worker_name())
    if job.digest and cache.folder_digest(Path(job.path)) != job.digest:
        # a copy on the workers (`--folder-pekerja`) that was not updated: its pages would be published, and
        # kept, under the key of the package the operator sees
        state = "berbeda dari paket ini" if Path(job.path).is_dir() else "tidak ada"
        message = (f"salinan paket di pekerja {worker_name()} ({job.path}) {state}; salin lagi folder katalog ke "
                   "folder pekerja (--folder-pekerja), lalu bangun lagi")
        return MemberOutcome([Problem(job.path, 1, 1, message)], None, {}, {}, worker_name())
    options = job.options
    url = f"{options.site_url.rstrip('/')}/{job.id}/" if options.site_url else None
    # A member on this machine keeps its workbooks, images and documents in the build's workspace, as a
    # single package does: after an edit only what the edit changed is made again.
    with kept(Path(job.kept)) if job.kept else contextlib.nullcontext():
        outcome = pipeline.run(Path(job.path), dataclasses.replace(options, site_url=url), job.checked)
    if not outcome.ok:
        return MemberOutcome(outcome.report.problems, None, outcome.seconds, {}, worker_name())
    entry = MemberResult(outcome.site, outcome.headline, outcome.report.lines())
    return MemberOutcome(outcome.report.problems, entry, outcome.seconds, outcome.checked, worker_name())
