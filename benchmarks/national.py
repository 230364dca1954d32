#!/usr/bin/env python3
"""National simulation: N synthetic agency packages (`kinerja contoh`), each validated and computed (the
pipeline's first stages, the part of a national roll-up that needs the packages themselves), on the
local process pool and on a Dask LocalCluster with 1 and 2 workers. Reports throughput (packages/s) and
peak memory per worker, the figures the 18.000-package projection in benchmarks/README.md is built on.

    python benchmarks/national.py --paket 1000 [--responden 300] [--simpan DIR] [--json]

The packages are generated once into DIR (--simpan) and reused when they are already there. Every run
checks the same packages and must give the same headline figures (the run fails otherwise). With --json
the last line is one JSON object.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
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


def validate_compute(path: str) -> dict:
    """One package: validate (descriptor, files and cells, domain rules) and compute every result. Returns
    the report-year headline (to compare runs), the seconds per phase and this worker's peak memory."""
    from generator.compute.results import compute_all, headline
    from generator.validate import validate_package

    timings: dict[str, float] = {}
    started = time.perf_counter()
    validated = validate_package(Path(path), timings=timings)
    timings["validate"] = time.perf_counter() - started - timings.get("load", 0.0)
    line = None
    if validated.report.ok:
        started = time.perf_counter()
        line = headline(validated.tables, compute_all(validated.tables))
        timings["compute"] = time.perf_counter() - started
    return {"ok": validated.report.ok, "headline": line, "seconds": timings, "pid": os.getpid(),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def digest(results: list[dict]) -> str:
    text = json.dumps([r["headline"] for r in results], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def summary(name: str, workers: int, results: list[dict], wall: float, startup: float) -> dict:
    peaks: dict[int, float] = {}
    for r in results:
        peaks[r["pid"]] = max(peaks.get(r["pid"], 0.0), r["peak_mb"])
    phases: dict[str, float] = {}
    for r in results:
        for k, v in r["seconds"].items():
            phases[k] = phases.get(k, 0.0) + v
    n = len(results)
    return {"mesin": name, "pekerja": workers, "paket": n, "sah": sum(r["ok"] for r in results),
            "dinding_s": round(wall, 2), "mulai_s": round(startup, 2), "paket_per_s": round(n / wall, 2),
            "paket_per_s_per_pekerja": round(n / wall / workers, 3),
            "detik_per_paket": {k: round(v / n, 3) for k, v in sorted(phases.items())},
            "memori_puncak_per_pekerja_mb": round(max(peaks.values()), 1), "proses": len(peaks),
            "hasil": digest(results)}


def run_pool(paths: list[str], workers: int) -> dict:
    from generator.publish.executor import LocalExecutor

    started = time.perf_counter()
    results = LocalExecutor(workers=workers).map(validate_compute, paths)
    return summary("kumpulan proses", workers, results, time.perf_counter() - started, 0.0)


def run_cluster(paths: list[str], workers: int) -> dict:
    from distributed import LocalCluster

    from generator.publish.executor import DaskExecutor

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1", silence_logs=logging.ERROR) as cluster:
        startup = time.perf_counter() - started
        started = time.perf_counter()
        results = DaskExecutor(cluster.scheduler_address).map(validate_compute, paths)
        wall = time.perf_counter() - started
    return summary("Dask LocalCluster", workers, results, wall, startup)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--paket", type=int, default=1000)
    p.add_argument("--tahun", default="2021-2025")
    p.add_argument("--responden", type=int, default=300)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--simpan", type=Path, help="keep (and reuse) the generated packages in this folder")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    from generator.synthetic import generate

    first, last = (int(x) for x in args.tahun.split("-"))
    work = Path(tempfile.mkdtemp(prefix="kinerja-nasional-")) if args.simpan is None else args.simpan
    try:
        folder = work / f"paket-{args.paket}-{args.responden}-{args.seed}"
        started = time.perf_counter()
        if not (folder / "katalog.json").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            generate(folder, args.paket, list(range(first, last + 1)), args.responden, args.seed)
        contoh_s = time.perf_counter() - started
        members = json.loads((folder / "katalog.json").read_text(encoding="utf-8"))["anggota"]
        paths = [str(folder / m["path"]) for m in members]
        runs = [run_pool(paths, 2), run_cluster(paths, 1), run_cluster(paths, 2)]
        same = len({r["hasil"] for r in runs}) == 1
        report = {"paket": args.paket, "tahun": args.tahun, "responden_per_paket": args.responden,
                  "mesin": f"{platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}",
                  "contoh_s": round(contoh_s, 2), "hasil_sama": same, "jalan": runs}
    finally:
        if args.simpan is None:
            shutil.rmtree(work, ignore_errors=True)
    if not args.json:
        for r in report["jalan"]:
            print(f"{r['mesin']:>18} {r['pekerja']} pekerja: {r['paket_per_s']:6.2f} paket/s, "
                  f"{r['memori_puncak_per_pekerja_mb']:.0f} MB per pekerja, mulai {r['mulai_s']} s")
    print(json.dumps(report, ensure_ascii=False))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
