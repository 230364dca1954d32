#!/usr/bin/env python3
"""Harvesting published portals over HTTP, as a provincial or national roll-up does (`kinerja rekap` with
`situs` addresses): how long it takes for S sources of N agencies each when every request waits for the
network.

    python benchmarks/harvest.py --opd 10 --sumber 10 --jeda 50 [--server 10] [--folder] [--simpan DIR] [--json]

A synthetic kabupaten portal of N OPD is built once (`kinerja contoh` and `kinerja build`, kept in DIR with
--simpan) and served from this machine; every request is answered after --jeda milliseconds, standing in
for the distance to a kabupaten's server; --server K spreads the sources over K servers (ports), as a
national roll-up reads many. The roll-up catalog names that portal S times (one source per kabupaten);
--folder names its folder instead (no server, no delay). Reports the seconds of the harvest step
(`rollup.harvest.harvest`), the agencies harvested and the requests answered. With --json the last line is
one JSON object.
"""
from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# The server, in a process of its own as a portal's server is: it serves a folder, answers each request after
# the delay, prints its port, and when stopped the number of requests it answered.
SERVER = """
import functools, http.server, signal, sys, threading, time
folder, delay, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
answered = [0]
class Distant(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def do_GET(self):
        answered[0] += 1
        time.sleep(delay)  # the network's delay this benchmark stands in for
        super().do_GET()
servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Distant, directory=folder))
           for _ in range(count)]
for server in servers:
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
def stop(*_):
    print(answered[0], flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print(" ".join(str(server.server_address[1]) for server in servers), flush=True)
threading.Event().wait()
"""


def portal(folder: Path, opd: int) -> Path:
    """The built portal of N synthetic OPD in `folder` (made once)."""
    site = folder / f"portal-{opd}"
    if not (site / "data" / "opd.csv").is_file():
        kinerja = [sys.executable, "-m", "generator"]
        subprocess.run([*kinerja, "contoh", "--opd", str(opd), "--responden", "300", "--out", str(folder / f"kab-{opd}")],
                       check=True, cwd=ROOT, capture_output=True)
        subprocess.run([*kinerja, "build", "--data", str(folder / f"kab-{opd}"), "--out", str(site),
                        "--config", str(ROOT / "mkdocs.yml")], check=True, cwd=ROOT, capture_output=True)
    return site


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--opd", type=int, default=10)
    p.add_argument("--sumber", type=int, default=3)
    p.add_argument("--jeda", type=float, default=50, help="milliseconds before each answer")
    p.add_argument("--folder", action="store_true", help="name the portal's folder, not its address (no server)")
    p.add_argument("--server", type=int, default=1, help="servers (ports) the sources are spread over")
    p.add_argument("--simpan", type=Path, help="keep (and reuse) the built portal in this folder")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)

    from generator.rollup.catalog import read_rollup
    harvesting = importlib.import_module("generator.rollup.harvest")  # the module (the package exports a function)

    with tempfile.TemporaryDirectory() as tmp:
        keep = args.simpan or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        site = portal(keep, args.opd)
        server = None if args.folder else subprocess.Popen(
            [sys.executable, "-c", SERVER, str(site.parent), str(args.jeda / 1000), str(args.server)],
            stdout=subprocess.PIPE, text=True)
        ports = server.stdout.readline().split() if server else []
        urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/{site.name}/" if ports else site.name
                for i in range(args.sumber)]
        work = Path(tmp) / "rekap"
        work.mkdir()
        catalog = site.parent / "rekap-uji.json"  # a folder source lies beside its roll-up catalog
        catalog.write_text(json.dumps({"judul": "Rekap", "wilayah": "Uji", "sintetis": True, "sumber": [
            {"id": f"kab-{i}", "nama": f"Kabupaten {i}", "situs": urls[i]} for i in range(args.sumber)]}), encoding="utf-8")
        rollup, report = read_rollup(catalog)
        assert rollup is not None, report.lines()
        started = time.perf_counter()
        agencies, report = harvesting.harvest(rollup, work / "panen")
        seconds = time.perf_counter() - started
        answered = [0]
        if server is not None:
            server.terminate()
            answered = [int(line) for line in server.communicate()[0].split()][-1:] or [0]
    assert report.ok and len(agencies) == args.opd * args.sumber, report.lines()[:5]
    result = {"opd": args.opd, "sumber": args.sumber, "jeda_ms": None if args.folder else args.jeda,
              "folder": args.folder, "server": 0 if args.folder else args.server, "panen_s": round(seconds, 2),
              "perangkat_daerah": len(agencies), "permintaan": answered[0],
              "pengambil": getattr(harvesting, "FETCHERS", 1), "per_server": getattr(harvesting, "PER_SERVER", 1)}
    how = "dari folder" if args.folder else f"{result['permintaan']} permintaan, jeda {args.jeda:g} ms"
    print(f"{result['perangkat_daerah']} perangkat daerah, {how}: {seconds:.2f} s")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
