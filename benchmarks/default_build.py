#!/usr/bin/env python3
"""Measure the single-agency build as an operator runs it: `kinerja build` of the default package, each run a new
process (imports included), wall-clock time.

    python benchmarks/default_build.py [--runs 5] [--json]

Three cases, in a temporary copy of the package: `bersih` (a new output folder and no workspace: every page,
chart, workbook and document made), `tanpa_perubahan` (run again with nothing changed), `satu_nilai` (one
realisasi changed to a value not used before, so no kept chart image or document fits it). Each case is run
`--runs` times, alternating, and reported as its median and range in seconds. A store shared between builds
(`KINERJA_SIMPANAN`) is turned off here. With --json the last line is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINERJA = [sys.executable, "-m", "generator"]
ROW = re.compile(r'^(iku-ip-asn,2025,)[0-9.]+,"[0-9,]+"', re.M)


def timed(*args: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "KINERJA_SIMPANAN"}
    started = time.perf_counter()
    done = subprocess.run([*KINERJA, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"kinerja {' '.join(args)} gagal:\n{done.stderr}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", action="store_true", help="last line: one JSON object with the results")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kinerja-bawaan-"))
    try:
        data = work / "paket"
        shutil.copytree(ROOT / "datapackage", data)
        realisasi = data / "data" / "realisasi.csv"
        assert ROW.search(realisasi.read_text(encoding="utf-8")), "baris realisasi IP ASN 2025 tidak ditemukan"
        common = ("--data", str(data), "--config", str(ROOT / "mkdocs.yml"), "--src", str(ROOT / "site_src"))
        cases: dict[str, list[float]] = {"bersih": [], "tanpa_perubahan": [], "satu_nilai": []}
        timed("build", *common, "--out", str(work / "site"))  # the folder the other two cases rebuild
        for n in range(args.runs):
            fresh = work / f"bersih-{n}"
            cases["bersih"].append(timed("build", *common, "--out", str(fresh)))
            shutil.rmtree(fresh)
            shutil.rmtree(work / ".kinerja" / fresh.name)
            cases["tanpa_perubahan"].append(timed("build", *common, "--out", str(work / "site")))
            value = f"{80 + n / 100:.2f}"  # a value no earlier run used: nothing kept fits it
            text = realisasi.read_text(encoding="utf-8")
            realisasi.write_text(ROW.sub(lambda m: f'{m.group(1)}{value},"{value.replace(".", ",")}"', text, count=1),
                                 encoding="utf-8")
            cases["satu_nilai"].append(timed("build", *common, "--out", str(work / "site")))
        report = {"runs": args.runs, "mesin": f"{os.cpu_count()} inti, Python {sys.version.split()[0]}",
                  **{name: {"median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2),
                            "max_s": round(max(times), 2)} for name, times in cases.items()}}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.json:
        for name, value in report.items():
            print(f"{name:>16}: {value}")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
