#!/usr/bin/env python3
"""Measure a kabupaten-scale build: generate N synthetic OPD packages (`kinerja contoh`) in a temporary
folder, build them into one portal, time each phase, count pages and charts, measure peak memory; then
change one OPD's realisasi and rebuild (the incremental case).

    python benchmarks/scale.py --opd 33 [--tahun 2021-2025] [--responden 2000] [--json]

Phases (seconds): validate (structure and rules, summed over members), load (pandas), compute, render
(Markdown, charts), gabung (the kabupaten pages and writing the sources), mkdocs. Member work runs in
one process per core, so the member phases are summed CPU-side time and `generator_s` is wall time
from start until MkDocs starts. peak_mb: the largest resident set of this process or any child
(getrusage). With --json the last line is one JSON object; `proses` is how many processes the build
could use (`KINERJA_PROSES`, else one per core). A store shared between builds (`KINERJA_SIMPANAN`) is
turned off here: every chart, document and workbook is made, as in a first build.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kb, children_kb) / 1024


def site_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(data: Path, out: Path, src: Path):
    from generator.publish import build_site
    from generator.publish.catalog import Timings

    timings = Timings()
    started = time.perf_counter()
    marks = {}
    result = build_site(data, out, ROOT / "mkdocs.yml", src, progress=lambda step: marks.setdefault(step, time.perf_counter()),
                        timings=timings)
    total = time.perf_counter() - started
    mkdocs_start = marks.get("Membangun situs dengan MkDocs", started)
    return result, timings.phases, total, mkdocs_start - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--opd", type=int, default=33)
    p.add_argument("--tahun", default="2021-2025")
    p.add_argument("--responden", type=int, default=2000)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--json", action="store_true", help="last line: one JSON object with the results")
    p.add_argument("--simpan", type=Path, help="keep the generated packages and site in this folder")
    args = p.parse_args(argv)
    from generator.publish.executor import cores
    from generator.render.kept import SHARED
    from generator.synthetic import generate

    os.environ.pop(SHARED, None)

    first, last = (int(x) for x in args.tahun.split("-"))
    work = Path(tempfile.mkdtemp(prefix="kinerja-skala-")) if args.simpan is None else args.simpan
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        ids = generate(work / "kabupaten", args.opd, list(range(first, last + 1)), args.responden, args.seed)
        contoh_s = time.perf_counter() - started
        src = work / "src"
        shutil.rmtree(src, ignore_errors=True)
        src.mkdir()
        shutil.copyfile(ROOT / "site_src" / "tentang.md", src / "tentang.md")
        out = work / "site"
        result, phases, total, generator_s = build(work / "kabupaten", out, src)
        pages = result.pages
        size = site_bytes(out)
        html_pages = sum(1 for _ in out.rglob("*.html"))
        # Incremental: one OPD's realisasi changes.
        realisasi = work / "kabupaten" / ids[len(ids) // 2] / "data" / "realisasi.csv"
        lines = realisasi.read_text(encoding="utf-8").splitlines(keepends=True)
        head, row = lines[0], lines[1].split(",")
        row[2] = str(round(float(row[2]) + 1.5, 2)) if row[2] else "1"
        realisasi.write_text(head + ",".join(row) + "".join(lines[2:]), encoding="utf-8")
        again, phases_again, incremental_s, generator_again = build(work / "kabupaten", out, src)
        report = {
            "opd": args.opd, "tahun": args.tahun, "responden_per_opd": args.responden,
            "mesin": f"{platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}",
            "proses": cores(), "contoh_s": round(contoh_s, 2), "total_s": round(total, 2), "generator_s": round(generator_s, 2),
            "mkdocs_s": round(phases.get("mkdocs", 0.0), 2),
            "fase_s": {k: round(v, 2) for k, v in sorted(phases.items())},
            "pages": pages, "html": html_pages, "charts": result.charts, "site_mb": round(size / 1e6, 1),
            "bytes_per_page": round(size / max(html_pages, 1)),
            "peak_mb": round(peak_mb(), 1),
            "incremental_s": round(incremental_s, 2), "incremental_generator_s": round(generator_again, 2),
            "incremental_mkdocs_s": round(phases_again.get("mkdocs", 0.0), 2),
            "incremental_written": again.written,
        }
    finally:
        if args.simpan is None:
            shutil.rmtree(work, ignore_errors=True)
    if not args.json:
        for key, value in report.items():
            print(f"{key:>24}: {value}")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
