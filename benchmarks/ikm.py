#!/usr/bin/env python3
"""IKM and validation at a million survey answers.

    python benchmarks/ikm.py [--jawaban 1000000] [--json]

Writes N synthetic answers (U1-U9, ~2% blank) for the default package's 2025 survey into a copy of the
package in a temporary folder, then times: `kinerja ikm` on the CSV (read + compute), the pure
computation `compute_ikm` on the loaded table, `kinerja validate` of the whole package (frictionless reads
every row), and the same validation with the build's cache after a first successful run (unchanged
tables skip the cell checks).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_answers(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    header = "survei,responden,tanggal,layanan,jenis_kelamin,usia,pendidikan,pekerjaan," + ",".join(f"u{i}" for i in range(1, 10))
    with path.open("w", encoding="utf-8") as f:
        f.write(header + "\n")
        for k in range(1, n + 1):
            mood = rng.gauss(0, 0.4)
            scores = ["" if rng.random() < 0.02 else str(min(4, max(1, round(3.2 + mood + rng.gauss(0, 0.5)))))
                      for _ in range(9)]
            if all(s == "" for s in scores):
                scores[0] = "3"
            f.write(f"skm-informasi-publik-2025,R{k:07d},2025-08-01,Layanan informasi publik,"
                    f"{'L' if rng.random() < 0.5 else 'P'},{rng.randint(17, 70)},SMA/SMK,Lainnya," + ",".join(scores) + "\n")


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jawaban", type=int, default=1_000_000)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    from generator.compute.ikm import compute_ikm
    from generator.validate import validate_package

    work = Path(tempfile.mkdtemp(prefix="kinerja-ikm-"))
    try:
        pkg = work / "paket"
        shutil.copytree(ROOT / "datapackage", pkg)
        answers = pkg / "data" / "jawaban_survei.csv"
        tulis_s, _ = timed(lambda: write_answers(answers, args.jawaban))
        cli = [sys.executable, "-m", "generator"]
        ikm_cli_s, done = timed(lambda: subprocess.run(cli + ["ikm", str(answers), "--json", "--data", str(ROOT / "datapackage")],
                                                       capture_output=True, text=True, check=True, cwd=ROOT))
        hasil = json.loads(done.stdout)
        full_s, validated = timed(lambda: validate_package(pkg))
        assert validated.report.ok, validated.report.lines()[:5]
        scale = None
        from generator.compute.scales import scales

        tables = validated.tables
        scale = scales(tables["skala"], tables["skala_kelas"])["mutu-ikm"]
        mine = tables["jawaban_survei"]
        compute_s, h = timed(lambda: compute_ikm(mine, scale))
        first_cached_s, first = timed(lambda: validate_package(pkg, checked={}))
        cached_s, again = timed(lambda: validate_package(pkg, checked=first.checked))
        assert again.report.ok
        report = {"jawaban": args.jawaban, "ikm": hasil["ikm"], "mutu": hasil["mutu"], "tulis_csv_s": round(tulis_s, 2),
                  "ikm_cli_s": round(ikm_cli_s, 2), "ikm_hitung_s": round(compute_s, 3),
                  "validasi_penuh_s": round(full_s, 2), "validasi_cache_pertama_s": round(first_cached_s, 2),
                  "validasi_tanpa_perubahan_s": round(cached_s, 2), "ikm_dari_tabel": h.ikm_dibulatkan}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.json:
        for key, value in report.items():
            print(f"{key:>28}: {value}")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
