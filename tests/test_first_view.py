"""What a reader's phone downloads before the first view, and the page a wrong address gets.

Both served as GitHub Pages serves them (gzip for text, the site's 404.html for a missing address) by the
server of benchmarks/first_view.py, and opened in headless Chromium with an empty cache. Budgets (issue 15):
the home page on a phone ≤ 150 KB, every page kind ≤ 250 KB, at 375 and 1280 px.
"""
from __future__ import annotations

import functools
import http.server
import importlib.util
import threading

import pytest

from conftest import ROOT, shot

_spec = importlib.util.spec_from_file_location("first_view", ROOT / "benchmarks" / "first_view.py")
first_view = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(first_view)


@pytest.fixture(scope="module")
def gz_portal(default_site):
    """The default portal under a subpath (a project site), gzipped like GitHub Pages."""
    server, base = first_view.serve(default_site.site)
    yield base
    server.shutdown()


@pytest.mark.parametrize("width", [375, 1280])
def test_first_view_of_every_page_kind_stays_within_the_budget(browser, default_site, gz_portal, width):
    sent = {}
    for kind, log in first_view.measure(browser, default_site.site, gz_portal, width).items():
        assert log, kind
        sent[kind] = sum(n for _, n in log)
        # the search index and the interactive chart bundle wait until the reader asks for them
        assert not [p for p, _ in log if "search_index.json" in p or "vega" in p.lower()], (kind, log)
    assert len(sent) >= 18, sent  # every page kind of the default package was measured
    over = {k: n for k, n in sent.items() if n > first_view.BUDGET_ANY}
    assert over == {}, f"over {first_view.BUDGET_ANY} B at {width} px: {over}"
    if width == 375:
        assert sent["beranda"] <= first_view.BUDGET_HOME_PHONE, sent["beranda"]


def test_search_index_loads_on_the_first_use_of_search(browser, gz_portal):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    try:
        page = context.new_page()
        asked = []
        page.on("request", lambda r: asked.append(r.url))
        page.goto(gz_portal, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert not any("search_index.json" in u for u in asked)
        with page.expect_response(lambda r: "search_index.json" in r.url and r.status == 200):
            page.get_by_placeholder("Cari").first.click()
        # typed, as a reader does: Material reads the field on keyup (or when its index becomes ready, which
        # may already have happened), so a programmatic fill alone can go unnoticed
        page.get_by_placeholder("Cari").first.press_sequentially("spbe")
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        assert "SPBE" in page.locator(".md-search-result").inner_text()
    finally:
        context.close()


@pytest.fixture(scope="module")
def root_portal(default_site):
    """The default portal at the root of a host (a user site or a custom domain, the case a build without
    --url serves), with GitHub Pages' answer to a missing address: 404.html, status 404."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(first_view.Handler, directory=str(default_site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("width", [375, 1280])
def test_missing_page_says_so_in_bahasa_and_leads_home_and_to_search(browser, root_portal, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
        response = page.goto(root_portal + "sasaran/tidak-ada/", wait_until="load")
        assert response.status == 404
        assert page.title().startswith("Halaman tidak ditemukan - ")
        article = page.locator("article").inner_text()
        assert "Halaman tidak ditemukan" in article and "Alamat yang dibuka tidak ada di portal ini." in article
        assert "Not found" not in page.locator("body").inner_text()
        # the main sections, each a working link
        sections = page.locator("article ul a")
        assert sections.count() >= 8
        assert "Anggaran" in sections.all_inner_texts() and "Glosarium" in sections.all_inner_texts()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"404-{width}.png")
        # search: the button opens the search field, by keyboard too
        page.locator(".kt-404__cari").focus()
        page.keyboard.press("Enter")
        search = page.locator("[data-md-component=search-query]")
        search.wait_for(state="visible")
        search.press_sequentially("anggaran")  # typed: Material reads the field on keyup
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        page.keyboard.press("Escape")
        # home
        page.get_by_role("link", name="Kembali ke beranda").click()
        page.wait_for_load_state("load")
        assert page.url.rstrip("/") == root_portal.rstrip("/")
        assert "Indeks SPBE" in page.locator("article").inner_text()
        assert errors == []
    finally:
        context.close()
