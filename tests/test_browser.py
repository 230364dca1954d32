"""The built portal in a real browser: Debian's headless Chromium driven by Playwright.

The site is served from a subpath (/portal/), as a GitHub Pages project site would be. Every page
must load without console errors or failed requests, never contact another host, and not scroll
sideways at phone width. Screenshots land in test-results/ for a human to look at.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import DATAPACKAGE, ROOT

PAGES = ["", "profil/", "tentang/", "metodologi/", "konsistensi/"] + [f"sasaran/s-1-1-{n}/" for n in range(1, 6)]
SHOTS = ROOT / "test-results"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


_ROOTS: dict[str, Path] = {}


def _built_root(url: str) -> Path:
    return _ROOTS[url]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """Build the default package and serve it at http://127.0.0.1:PORT/portal/."""
    from generator.build import build_site

    root = tmp_path_factory.mktemp("serve")
    src = root / "src"
    src.mkdir()
    (src / "tentang.md").write_bytes((ROOT / "site_src" / "tentang.md").read_bytes())
    build_site(DATAPACKAGE, root / "portal", ROOT / "mkdocs.yml", src)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/portal/"
    _ROOTS[url] = root / "portal"
    yield url
    server.shutdown()




def visit(browser, url: str, width: int, shot: str | None = None):
    """Load a page; return (page text, console errors, failed requests, foreign requests, scroll width)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    page = context.new_page()
    errors, failed, foreign = [], [], []
    host = urlparse(url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in (host, "") and
            not r.url.startswith(("data:", "blob:")) else None)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    text = page.inner_text("body")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if shot:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / shot), full_page=True)
    context.close()
    return text, errors, failed, foreign, scroll


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_stays_on_this_host(browser, portal, path):
    name = (path.strip("/").replace("/", "-") or "beranda")
    _, errors, failed, foreign, _ = visit(browser, portal + path, 1280, f"{name}-desktop.png")
    assert errors == [] and failed == [] and foreign == []


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_on_a_phone(browser, portal, path):
    name = (path.strip("/").replace("/", "-") or "beranda")
    _, _, _, _, scroll = visit(browser, portal + path, 375, f"{name}-375.png")
    assert scroll <= 375


def test_sasaran_page_shows_the_report_figures(browser, portal):
    text, *_ = visit(browser, portal + "sasaran/s-1-1-1/", 375)
    assert "88,19%" in text and "81%" in text and "belum tersedia" in text
    assert "Rp285.697.300" in text


def test_navigation_reaches_every_sasaran_from_home(browser, portal):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(portal, wait_until="networkidle")
    page.get_by_role("link", name="Meningkatnya keamanan informasi lingkungan Pemerintah Daerah").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/portal/sasaran/s-1-1-4/")
    assert "Level 2" in page.inner_text("body")
    context.close()


def test_every_generated_page_loads_cleanly_at_both_widths(browser, portal, tmp_path_factory):
    """All pages the build produced (discovered, not listed): no console error, failed or off-host
    request, and no sideways scroll at 375 px."""
    sitemap_pages = []
    built = _built_root(portal)
    for index in sorted(built.rglob("index.html")):
        rel = index.parent.relative_to(built).as_posix()
        if rel in ("", "."):
            sitemap_pages.append("")
        elif not rel.startswith(("assets", "search")):
            sitemap_pages.append(rel + "/")
    assert len(sitemap_pages) > 50
    problems = []
    for path in sitemap_pages:
        for width in (1280, 375):
            _, errors, failed, foreign, scroll = visit(browser, portal + path, width)
            if errors or failed or foreign or (width == 375 and scroll > 375):
                problems.append((path, width, errors, failed, foreign, scroll))
    assert problems == []
