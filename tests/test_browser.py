"""The built portal in a real browser: Debian's headless Chromium driven by Playwright.

The site is served from a subpath (/portal/), as a GitHub Pages project site would be. Every page the
build produced must load without console errors or failed requests, never contact another host, and not
scroll sideways at phone width. Screenshots of the main pages land in test-results/ for a person to look at.
"""
from __future__ import annotations

import os

import pytest

from conftest import serve, shared_folder, visit_all
from page_walk import every_page, walk
from test_accessibility import page_types

PAGES = ["", "profil/", "tentang/", "metodologi/", "konsistensi/"] + [f"sasaran/s-1-1-{n}/" for n in range(1, 6)]


@pytest.fixture(scope="module")
def portal(default_site) -> str:
    return serve(default_site.site)


def _problems(browser, portal: str, pages: list[str], width: int) -> list[tuple]:
    """Each page that did not load with status 200, cleanly (no console error, failed or off-host request)
    and within the width; screenshots of the main pages when SCREENSHOTS is set."""
    shots = {portal + p: f"{(p.strip('/').replace('/', '-') or 'beranda')}-{width}.png" for p in PAGES}
    return [(v.url, v.status, v.errors, v.failed, v.foreign, v.scroll)
            for v in visit_all(browser, [portal + p for p in pages], width, shots=shots)
            if v.status != 200 or v.errors or v.failed or v.foreign or v.scroll > width]


def test_every_generated_page_loads_cleanly_on_a_phone(browser, axe_source, tmp_path_factory, portal, default_site):
    """Every page the build produced, at 375 px: the accessibility tests' phone walk of the default portal,
    which loads every page (page_walk.EVERY)."""
    pages = every_page(default_site.site)
    assert len(pages) > 50 and set(PAGES) <= set(pages)
    visits = walk(browser, shared_folder(tmp_path_factory), "portal", default_site.site, page_types(default_site.site),
                  375, axe_source)
    assert sorted(visits) == sorted(pages)
    assert [(path, v.status, v.errors, v.failed, v.foreign, v.scroll) for path, v in visits.items()
            if v.status != 200 or v.errors or v.failed or v.foreign or v.scroll > 375] == []
    if os.environ.get("SCREENSHOTS"):  # the main pages, for a person to look at
        assert _problems(browser, portal, PAGES, 375) == []


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


HEADER_LINES = """[...document.querySelectorAll('.kt-header__instansi .md-ellipsis')].filter(e => e.offsetParent !== null)
  .map(e => [e.textContent.trim(), e.scrollWidth <= e.clientWidth])"""


def test_the_header_names_the_agency_without_cutting_it(browser, portal):
    """At 375 px the header read "Dinas Komunikasi, Informa…" over "Pemerintah Kabupaten Belitu…": both lines
    cut. Below the wide layout it shows the agency's short name without the region, over the region
    (publish/pipeline.phone_header, from instansi.csv); wide, the full name. No line is cut at either width."""
    shown = {width: visit_all(browser, [portal], width, inspect=lambda page: page.evaluate(HEADER_LINES))[0].result
             for width in (375, 1280)}
    assert shown == {
        375: [["Diskominfo SP", True], ["Kabupaten Belitung Timur", True]],
        1280: [["Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Belitung Timur", True],
               ["Pemerintah Kabupaten Belitung Timur", True]]}


def test_the_browser_refuses_anything_from_another_host(browser, portal, default_site):
    """No page loads from another host, and Material's script could: a polyfill from unpkg.com for browsers
    without ResizeObserver, the diagram library for a hand-written page with a Mermaid block. Every page now
    carries a Content-Security-Policy that lets the browser load from the portal's own host only; the
    charts (Vega compiles their expressions at run time) and the search still work under it."""
    import re

    pages = [p for p in default_site.site.rglob("*.html")]
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' '
                        r"'unsafe-inline' 'unsafe-eval';")
    assert len(pages) > 50 and [p for p in pages if not policy.search(p.read_text(encoding="utf-8"))] == []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(portal + "sasaran/s-1-1-1/")
    page.wait_for_load_state("load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # charts are drawn as they come into view
    page.wait_for_function("""() => [...document.querySelectorAll('[data-grafik]')].some(b => b.dataset.status === 'hidup')
        && [...document.querySelectorAll('[data-grafik][data-status]')].every(b => b.dataset.status !== 'memuat')""")
    assert "gagal" not in page.evaluate("[...document.querySelectorAll('[data-grafik]')].map(b => b.dataset.status)")
    assert refused == []  # the portal's own scripts, styles, charts and data pass
    blocked = page.evaluate("""() => new Promise(done => {
        document.addEventListener('securitypolicyviolation', e => done(e.blockedURI), {once: true});
        const s = document.createElement('script');
        s.src = 'https://unpkg.com/resize-observer-polyfill';
        document.head.appendChild(s);
      })""")
    context.close()
    assert blocked == "https://unpkg.com/resize-observer-polyfill"
