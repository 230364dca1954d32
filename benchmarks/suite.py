#!/usr/bin/env python3
"""Where the test suite's time goes: runs pytest once and accounts for the machine's processor while it runs.

    .venv/bin/python benchmarks/suite.py                 # the whole suite as `make test` runs it
    .venv/bin/python benchmarks/suite.py --json -- -m browser   # arguments after -- go to pytest
    .venv/bin/python benchmarks/suite.py -- -p no:xdist tests/test_capaian.py   # one pytest process, no workers

Reports (seconds):
- `wall_s`: the run, start to end; `sibuk_s`, `diam_s`, `dicuri_s`: processor time of the whole machine
  from /proc/stat in that time (busy, idle and iowait, stolen by the host). On a 2-core machine `sibuk_s`
  near 2 × `wall_s` means the run is bound by work, not by waiting: more workers will not help.
- `cpu_s`: processor time of the run's own processes by kind (pytest workers, Chromium renderers, the GPU
  and browser processes, Playwright's driver, `kinerja` commands the tests start, vl-convert's drawer),
  sampled from /proc every quarter second. Only processes that descend from this run are counted, and
  only for what they use after the sampling starts (a process born later counts from its start), so the
  host's own agents are left out; a process that ends between two samples loses at most its last quarter
  second.
- `modul_s`: pytest's own durations (setup + call + teardown) summed per test module, in worker-seconds;
  `tes_terlama`: the ten longest test phases.

Measure on a quiet machine, several times: other work on the same host shows as `dicuri_s` and longer runs.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
DURATION = re.compile(r"^\s*([\d.]+)s (call|setup|teardown)\s+(\S+?)(?:::(\S+))?\s*$")


def machine() -> tuple[int, int, int]:
    """(busy, idle, steal) ticks of the whole machine so far."""
    with open("/proc/stat", encoding="ascii") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (cpu + [0] * 8)[:8]
    return user + nice + system + irq + softirq, idle + iowait, steal


def kind(cmdline: list[str]) -> str:
    """What a process is, from its command line (Chromium rewrites its own into one string; its zygote
    starts as /proc/self/exe)."""
    if len(cmdline) == 1:
        cmdline = cmdline[0].split(" ")
    head = cmdline[0] if cmdline else ""
    text = " ".join(cmdline)
    if "chrom" in Path(head).name or head == "/proc/self/exe" and any(a.startswith("--type=") for a in cmdline):
        found = [a.removeprefix("--type=") for a in cmdline if a.startswith("--type=")]
        return "chromium " + (found[0] if found else "browser")
    if Path(head).name in ("node", "nodejs") or "playwright" in text and "driver" in text:
        return "playwright (node)"
    if "drawer.py" in text:
        return "vl-convert (drawer)"
    if "-m generator" in text or Path(head).name == "kinerja":
        return "kinerja (proses anak)"
    python = Path(head).name.startswith("python")
    if python and "-c" in cmdline and "exec(eval(" in text:  # how execnet starts an xdist worker
        return "pekerja pytest"
    if Path(head).name in ("pytest", "py.test") or python and "-m pytest" in text:
        return "pytest (induk)"
    if python and "multiprocessing" in text:  # a fork server's or spawned pool's children, Dask's workers
        return "kumpulan proses (anggota, MkDocs, Dask)"
    return "lain: " + Path(head).name[:30]


class Sampler(threading.Thread):
    """Processor time per process kind of `root`'s descendants, sampled until stopped."""

    def __init__(self, root: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.seen: dict[tuple[int, int], list] = {}  # (pid, start time) -> [kind, ticks counted]
        self.total: collections.Counter = collections.Counter()
        self.stop = threading.Event()
        self.samples = 0  # taken so far: a caller may wait until a moment has been sampled (`wait_for_sample`)
        self._sampled = threading.Condition()

    def start(self) -> None:
        """Processes already running are counted from now on, not for what they used before."""
        self.sample(count=False)
        super().start()

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.every)
        self.sample()

    def sample(self, count: bool = True) -> None:
        stats, parents = {}, {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(name)
            parents[pid] = int(fields[1])
            stats[pid] = (int(fields[11]) + int(fields[12]), int(fields[19]))
        for pid, (ticks, started) in stats.items():
            if not self._descends(pid, parents):
                continue
            # The command line is read at every sample: a child seen between fork and exec is still a copy of
            # its parent (the same program name, too), and a wrapper script may exec the real program.
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmdline = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
            except OSError:
                continue
            entry = self.seen.get((pid, started))
            if entry is None:
                entry = self.seen[(pid, started)] = [kind(cmdline), 0 if count else ticks]
            elif cmdline:  # (a process that has just exited shows none)
                entry[0] = kind(cmdline)
            self.total[entry[0]] += (ticks - entry[1]) / TICK
            entry[1] = ticks
        with self._sampled:
            self.samples += 1
            self._sampled.notify_all()

    def wait_for_sample(self, timeout: float = 60) -> bool:
        """Wait until a sample begun after this call is complete. A process's time is seen only while it
        runs: what it used since the last sample is lost when it exits, so a caller that must not lose it
        (a test) keeps the process until then."""
        with self._sampled:
            target = self.samples + 2  # the sample under way may have read the process before this call
            return self._sampled.wait_for(lambda: self.samples >= target, timeout)

    def _descends(self, pid: int, parents: dict[int, int]) -> bool:
        for _ in range(64):
            if pid == self.root:
                return True
            pid = parents.get(pid, 0)
            if pid <= 1:
                return False
        return False


def durations(text: str) -> tuple[dict[str, float], list[tuple[float, str]]]:
    per_module: collections.Counter = collections.Counter()
    phases = []
    for line in text.splitlines():
        m = DURATION.match(line)
        if m:
            seconds = float(m.group(1))
            per_module[m.group(3)] += seconds
            phases.append((seconds, f"{m.group(2)} {m.group(3)}::{m.group(4) or ''}"))
    return dict(per_module.most_common()), sorted(phases, reverse=True)[:10]


PARALLEL = ["-n", "auto", "--dist", "worksteal"]  # as `make test` runs the suite


def pytest_command(theirs: list[str]) -> list[str]:
    """The pytest command: every duration (whatever PYTEST_ADDOPTS asks: its options come first, and the last
    one counts), the arguments given after `--`, and `make test`'s workers unless those arguments choose
    their own (`-n`, `--numprocesses`, `-p no:xdist`). Before, any argument replaced the workers: a run
    of `-- -m browser` ran in one process and its times were not the suite's."""
    own = any(a.startswith(("-n", "--numprocesses")) or a in ("no:xdist", "-pno:xdist") for a in theirs)
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0", "--durations-min=0",
            *([] if own else PARALLEL), *theirs]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ours, theirs = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--json", action="store_true", help="last line: one JSON object with the results")
    args = p.parse_args(ours)
    command = pytest_command(theirs)
    before, started = machine(), time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    output = proc.communicate()[0]
    wall = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    after = machine()
    per_module, longest = durations(output)
    summary = next((line for line in reversed(output.splitlines()) if " in " in line and ("passed" in line or "failed" in line)), "")
    result = {"perintah": " ".join(command[1:]), "kode_keluar": proc.returncode, "ringkasan": summary.strip("= "),
              "wall_s": round(wall, 1), "inti": os.cpu_count(),
              "sibuk_s": round((after[0] - before[0]) / TICK, 1), "diam_s": round((after[1] - before[1]) / TICK, 1),
              "dicuri_s": round((after[2] - before[2]) / TICK, 1),
              "cpu_s": {k: round(v, 1) for k, v in sampler.total.most_common() if v >= 0.05},
              "modul_s": {k: round(v, 1) for k, v in per_module.items()},
              "tes_terlama": [[round(s, 1), name] for s, name in longest],
              # pytest's short summary: which tests failed (a timing run that failed says which)
              "gagal": [line.split(" - ")[0] for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))]}
    if proc.returncode not in (0, 1):
        print(output[-3000:], file=sys.stderr)
    print(f"{result['ringkasan']}: {result['wall_s']} s; prosesor mesin sibuk {result['sibuk_s']} s, diam "
          f"{result['diam_s']} s, dicuri {result['dicuri_s']} s ({result['inti']} inti)")
    print("detik-CPU proses rangkaian tes per jenis:")
    for name, seconds in result["cpu_s"].items():
        print(f"  {seconds:8.1f}  {name}")
    print("detik-pekerja per modul tes (durasi pytest):")
    for name, seconds in list(result["modul_s"].items())[:15]:
        print(f"  {seconds:8.1f}  {name}")
    for line in result["gagal"]:
        print(f"gagal: {line}")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
