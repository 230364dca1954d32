"""The built portal in a real browser: Debian's headless Chromium driven by Playwright.

The site is served from a subpath (/portal/), as a GitHub Pages project site would be. Every page the
build produced must load without console errors or failed requests, never contact another host, and not
scroll sideways at phone width. Screenshots of the main pages land in test-results/ for a person to look at.
"""
from __future__ import annotations

import pytest

from conftest import serve, visit_all

PAGES = ["", "profil/", "tentang/", "metodologi/", "konsistensi/"] + [f"sasaran/s-1-1-{n}/" for n in range(1, 6)]


@pytest.fixture(scope="module")
def portal(default_site) -> str:
    return serve(default_site.site)


def _pages(site) -> list[str]:
    """Every page of the built site, discovered from its index.html files, not listed."""
    out = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel in ("", "."):
            out.append("")
        elif not rel.startswith(("assets", "search")):
            out.append(rel + "/")
    return out


def _problems(browser, portal: str, pages: list[str], width: int) -> list[tuple]:
    """Each page that did not load with status 200, cleanly (no console error, failed or off-host request)
    and within the width; screenshots of the main pages when SCREENSHOTS is set."""
    shots = {portal + p: f"{(p.strip('/').replace('/', '-') or 'beranda')}-{width}.png" for p in PAGES}
    return [(v.url, v.status, v.errors, v.failed, v.foreign, v.scroll)
            for v in visit_all(browser, [portal + p for p in pages], width, shots=shots)
            if v.status != 200 or v.errors or v.failed or v.foreign or v.scroll > width]


def test_every_generated_page_loads_cleanly_on_a_phone(browser, portal, default_site):
    pages = _pages(default_site.site)
    assert len(pages) > 50 and set(PAGES) <= set(pages)
    assert _problems(browser, portal, pages, 375) == []


def test_main_pages_load_cleanly_on_a_desktop(browser, portal):
    assert _problems(browser, portal, PAGES, 1280) == []


def test_sasaran_page_shows_the_report_figures(browser, portal):
    [v] = visit_all(browser, [portal + "sasaran/s-1-1-1/"], 375)
    assert "88,19%" in v.text and "81%" in v.text and "belum tersedia" in v.text
    assert "Rp285.697.300" in v.text


def test_navigation_reaches_every_sasaran_from_home(browser, portal):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(portal, wait_until="networkidle")
    page.get_by_role("link", name="Meningkatnya keamanan informasi lingkungan Pemerintah Daerah").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/portal/sasaran/s-1-1-4/")
    assert "Level 2" in page.inner_text("body")
    context.close()
