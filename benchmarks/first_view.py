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
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

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


# Pages opened together are each served under a prefix of their own (/lihat-N/...), which every relative
# address they ask for keeps, so the server tells their requests apart.
VIEW = re.compile(r"^/lihat-(\d+)(/.*)$")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, with a log of bytes sent per path."""

    log: list[tuple[str, int]] = []

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        view = VIEW.match(path)
        return super().translate_path(view.group(2) if view else path)

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


def measure(browser, site: Path, base: str, width: int, javascript: bool = True) -> dict[str, list[tuple[str, int]]]:
    """{kind: its first view's requests} for every page kind `site` (served at `base`) has, and the 404
    page. The 404 page asks for absolute addresses, so it is measured on its own."""
    kinds = [kind for kind, rel in KINDS.items() if kind != "404" and (site / rel / "index.html").is_file()]
    logs = first_views(browser, [base + KINDS[kind] for kind in kinds], width, javascript)
    logs += first_views(browser, [base + KINDS["404"]], width, javascript)
    return dict(zip(kinds + ["404"], logs))


def first_views(browser, urls: list[str], width: int, javascript: bool = True,
                batch: int = 8) -> list[list[tuple[str, int]]]:
    """For each URL, (path, bytes sent) of every request its first view made, in a fresh context (empty
    cache). Up to `batch` pages load at the same time, each in its own context, so their waits for a
    quiet network overlap; the server's log tells their requests apart by the prefix each is opened under.
    A page that asks for an absolute address (the 404 page does: it may be shown at any address) loses
    its prefix there, so a batch with such a request is measured again one page at a time."""
    views: list[list[tuple[str, int]]] = []
    for start in range(0, len(urls), batch):
        group = urls[start:start + batch]
        logs = _together(browser, group, width, javascript, alone=len(group) == 1)
        if logs is None:
            logs = [_together(browser, [url], width, javascript, alone=True)[0] for url in group]
        views += logs
    return views


def _together(browser, urls: list[str], width: int, javascript: bool,
              alone: bool = False) -> list[list[tuple[str, int]]] | None:
    """The first views of `urls`, opened at the same time; None if a request cannot be told apart (unless
    the page is `alone`: then every request is its own)."""
    phone = width < 600
    Handler.log.clear()
    opened = []
    try:
        for n, url in enumerate(urls):
            context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone,
                                          device_scale_factor=2 if phone else 1, java_script_enabled=javascript,
                                          locale="id-ID")
            opened.append(context)
            parts = urlsplit(url)
            context.new_page().goto(f"{parts.scheme}://{parts.netloc}/lihat-{n}{parts.path}", wait_until="commit")
        for context in opened:
            page = context.pages[0]
            page.bring_to_front()  # a page in the background draws no frames
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
    finally:
        for context in opened:
            context.close()
    logs: list[list[tuple[str, int]]] = [[] for _ in urls]
    for path, sent in Handler.log:
        view = VIEW.match(path)
        if view is not None and int(view.group(1)) < len(urls):
            logs[int(view.group(1))].append((view.group(2), sent))
        elif alone:
            logs[0].append((path, sent))
        else:
            return None
    return logs


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
            logs = measure(browser, args.site, base, width, not args.nojs)
            results[width] = {kind: sum(n for _, n in log) for kind, log in logs.items()}
            detail.update({f"{width} {kind}": log for kind, log in logs.items()})
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
