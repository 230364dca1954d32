"""What a reader's browser downloads for the first view of each kind of page, as GitHub Pages serves it.

Serves a built site from a local HTTP server that gzips text responses the way GitHub Pages does
(`Content-Encoding: gzip` for HTML, CSS, JavaScript, JSON, SVG, XML), opens one page of each kind in
headless Chromium with an empty cache, at a phone's viewport (375 × 800) and a desktop's (1280 × 800),
waits until the network is quiet without scrolling or touching anything, and counts the bytes the
server sent (every request, including those of workers). Budget (issue 15): home page on a phone
≤ 150 KB, every page kind ≤ 250 KB.

    .venv/bin/python benchmarks/first_view.py site            # a table per page kind
    .venv/bin/python benchmarks/first_view.py site --json     # one JSON object: {width: {page: bytes}}
    .venv/bin/python benchmarks/first_view.py site --detail   # every request of every page
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", "/")
BUDGET_HOME_PHONE = 150_000
BUDGET_ANY = 250_000

# One page of each kind, relative to the site root (only those the site has are measured).
KINDS = {
    "beranda": "", "profil": "profil/", "sasaran": "sasaran/s-1-1-1/", "indikator": "indikator/iku-indeks-spbe/",
    "pohon": "pohon/", "anggaran": "anggaran/", "survei": "survei/", "ppid": "ppid/", "dip": "ppid/dip/",
    "kategori dip": "ppid/berkala/", "laporan layanan": "ppid/laporan-layanan/", "standar layanan": "ppid/standar-layanan/",
    "kepatuhan": "ppid/kepatuhan/", "data terbuka": "data-terbuka/", "riwayat": "riwayat/", "metodologi": "metodologi/",
    "konsistensi": "konsistensi/", "glosarium": "glosarium/", "tentang": "tentang/", "404": "tidak-ada/",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, with a log of bytes sent per path."""

    log: list[tuple[str, int]] = []

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            # GitHub Pages answers a missing page with the site's 404.html.
            root = Path(self.directory)
            missing = next((p / "404.html" for p in [root, *root.iterdir()] if (p / "404.html").is_file()), None)
            body = missing.read_bytes() if missing else b"not found"
            return self._send(404, body, "text/html", True)
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and str(path).endswith(COMPRESSED)
        return self._send(200, body, kind, zipped)

    def _send(self, status, body, kind, zipped):
        import io

        if zipped:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        Handler.log.append((self.path, len(body)))
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Handler, directory=str(site.resolve().parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{site.resolve().name}/"


def first_view(browser, url: str, width: int, javascript: bool = True) -> list[tuple[str, int]]:
    """(path, bytes sent) of every request the page's first view made, in a fresh context (empty cache)."""
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone,
                                  device_scale_factor=2 if phone else 1, java_script_enabled=javascript,
                                  locale="id-ID")
    try:
        Handler.log.clear()
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        return list(Handler.log)
    finally:
        context.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("--nojs", action="store_true", help="with JavaScript turned off")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    results: dict[int, dict[str, int]] = {}
    detail: dict[str, list] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width in (375, 1280):
            results[width] = {}
            for kind, rel in KINDS.items():
                if kind != "404" and not (args.site / rel / "index.html").is_file():
                    continue
                log = first_view(browser, base + rel, width, not args.nojs)
                results[width][kind] = sum(n for _, n in log)
                detail[f"{width} {kind}"] = log
        browser.close()
    server.shutdown()
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"{'halaman':<18} {'375 px':>10} {'1280 px':>10}")
    for kind in results[375]:
        print(f"{kind:<18} {results[375][kind] / 1000:>8.1f}KB {results[1280].get(kind, 0) / 1000:>8.1f}KB")
    if args.detail:
        for key, log in detail.items():
            print(f"\n{key}")
            for path, n in sorted(log, key=lambda item: -item[1]):
                print(f"  {n / 1000:>8.1f}KB {path}")
    over = [k for w in results for k, n in results[w].items() if n > BUDGET_ANY or (k == "beranda" and w == 375 and n > BUDGET_HOME_PHONE)]
    print(f"\nAnggaran: beranda di ponsel ≤ {BUDGET_HOME_PHONE // 1000} KB, setiap halaman ≤ {BUDGET_ANY // 1000} KB; "
          + ("terlampaui: " + ", ".join(sorted(set(over))) if over else "semua terpenuhi"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
