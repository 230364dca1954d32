"""What a citizen sees on a phone and a desktop, measured in Chromium on every page type of the default
package, the synthetic example and a synthetic kabupaten (issue 15): no table cut at the screen's edge
and no column hidden without its name, and the first view of each page type within its transfer budget.

Each site is visited once per width (every page type, every <details> opened so that chart data tables
are laid out too); the tests read those visits. The default package's and the example's visits are the
accessibility tests' own (page_walk): one load of each page for both.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import default_tables, shared_folder
from page_walk import walk
from test_accessibility import page_types

WIDTHS = (375, 1280)


def kabupaten_types(site: Path) -> dict[str, str]:
    """The kabupaten's own pages and one member's pages, one per page type."""
    members = sorted(p.parent.parent.name for p in site.glob("*/profil/index.html"))
    first = members[0]
    types = {f"{first}/{kind}": f"{first}/{path}" for kind, path in page_types(site / first).items()}
    for kind, path in page_types(site).items():
        if path.split("/")[0] not in members:
            types[kind] = path
    return types


@pytest.fixture(scope="module")
def sites(default_site, example_site, kabupaten_site):
    """name: (site, its name in page_walk, whether axe runs on the same visit: the accessibility tests')."""
    return {"bawaan": (default_site.site, "portal", True), "contoh": (example_site.site, "contoh", True),
            "kabupaten": (kabupaten_site.site, "kabupaten", False)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["bawaan", "contoh", "kabupaten"])
def test_no_table_is_cut_on_any_page_type(browser, axe_source, tmp_path_factory, sites, name, width):
    site, walked, with_axe = sites[name]
    types = page_types(site) if with_axe else kabupaten_types(site)
    visits = walk(browser, shared_folder(tmp_path_factory), walked, site, types, width, axe_source if with_axe else None)
    assert len(visits) >= 18
    problems = [f"{path or 'beranda'} ({width} px): {p}" for path, v in visits.items() for p in v.tables]
    assert [path for path, v in visits.items() if v.status != 200] == []
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_wide_long_table_keeps_its_sideways_scrollbar_and_header_in_sight(browser, default_site, width):
    """The Tahap 5 table of the default package is wider than a desktop's text column and thousands of pixels
    tall: its columns beyond the edge could only be reached with the scrollbar below its last row. A table
    that scrolls sideways now scrolls inside a box no taller than the screen, its header row on top."""
    from conftest import serve

    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(serve(default_site.site) + "pohon/tahap-5/")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => {
          const head = w.querySelector('thead th');
          w.scrollTop = w.scrollHeight;  // to the last row: the header must still be at the box's top
          return {geser: w.classList.contains('kt-geser'), tinggi: w.getBoundingClientRect().height,
                  kepala: head ? Math.round(head.getBoundingClientRect().top - w.getBoundingClientRect().top) : null};
        })""")
    page.emulate_media(media="print")  # on paper every row, and nothing laid over the table
    printed = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap.kt-geser')].map(w => {
          const after = w.nextElementSibling || w.parentElement.nextElementSibling;
          return {tinggi: getComputedStyle(w).maxHeight, kepala: getComputedStyle(w.querySelector('th')).position,
                  tumpang: !!after && after.getBoundingClientRect().top < w.querySelector('table').getBoundingClientRect().bottom - 1};
        })""")
    page.close()
    assert all(p == {"tinggi": "none", "kepala": "static", "tumpang": False} for p in printed), printed
    if width == 1280:
        assert boxes, "tabel Tahap 5 muat di kolom teks: periksa apakah tes ini masih menguji sesuatu"
    for box in boxes:
        assert box["geser"] and box["tinggi"] <= 800 and box["kepala"] is not None and abs(box["kepala"]) <= 1, box


def test_the_portals_name_is_shown_whole_in_the_phone_menu(browser, default_site):
    """The menu's title read "Kinerja Diskominfo SP K…" on a 375 px phone: the agency's name is the reader's
    one sign of where they are, so it wraps instead."""
    from conftest import serve

    page = browser.new_page(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(serve(default_site.site))
    page.evaluate("document.getElementById('__drawer').checked = true")
    title = page.evaluate("""() => { const t = document.querySelector('.md-nav--primary > .md-nav__title');
        return {teks: t.textContent.trim(), lebar: t.scrollWidth, tampak: t.clientWidth,
                tinggi: t.scrollHeight, terlihat: t.clientHeight}; }""")
    page.close()
    assert title["teks"] == "Kinerja Diskominfo SP Kabupaten Belitung Timur", title
    assert title["lebar"] <= title["tampak"] and title["tinggi"] <= title["terlihat"], title


@pytest.mark.parametrize("running", [False, True])
def test_a_sasaran_no_indicator_serves_says_so(running):
    """A new sasaran (1.1.6) with no indicator yet: the home table said "belum ada realisasi 2026" (running
    year) or "–", and the LKjIP summary "belum tersedia", as if its data were still to come. Both now say it has
    no indicator yet, as its own page does."""
    import sys

    import pandas as pd

    from generator.compute.results import compute_all
    from generator.load import ROW, Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import beranda, lkjip

    sys.path.insert(0, str(Path(__file__).parent))
    import test_tahun_berjalan

    t = test_tahun_berjalan._tables_2026() if running else default_tables()
    node = t["node"]
    row = {**node[node["id"] == "s-1-1-5"].iloc[0].to_dict(), "id": "s-1-1-6", "nomor": "1.1.6", "kode_laporan": "6",
           "nama": "Sasaran baru tanpa indikator", ROW: 999}
    tables = Tables({**t.frames, "node": pd.concat([node, pd.DataFrame([row])], ignore_index=True)},
                    t.settings, t.descriptor)
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                        modules=(beranda, lkjip)).pages
    line = next(x for x in pages["index.md"].splitlines() if "Sasaran baru tanpa indikator" in x)
    assert line.split("|")[2].strip() == "belum ada indikator kinerja", line
    others = [x for x in pages["index.md"].splitlines() if x.startswith("| 1.1.1 [")]
    assert others and "belum ada indikator kinerja" not in others[0]
    if not running:
        assert "belum ada indikator kinerja" in pages[lkjip.PATH]


def test_a_sideways_table_is_named_by_its_own_title(browser, default_site):
    """A screen reader announced the Laporan Kinerja's "Tabel 2. Unit kerja dan pimpinannya" as the nearest
    heading ("Tabel 1.2 Tugas, Fungsi ..."), and the open-data page's table as "Tabel Tabel sumber". A table
    that scrolls sideways is now named by its caption or its title line, else the heading, with "Tabel" once."""
    from conftest import serve

    page = browser.new_page(viewport={"width": 320, "height": 800})  # WCAG reflow: these tables scroll at 320 px
    names = {}
    for path in ("laporan-kinerja/", "data-terbuka/"):
        page.goto(serve(default_site.site) + path)
        page.wait_for_load_state("load")
        names[path] = page.evaluate("""() => [...document.querySelectorAll('.kt-geser')].map(w => {
            const before = w.previousElementSibling;
            return [w.getAttribute('aria-label'), before && before.tagName === 'P' ? before.textContent.trim() : ''];
          })""")
    page.close()
    titled = [(label, title) for found in names.values() for label, title in found if title.startswith("Tabel ")]
    assert titled and all(label == f"{title}, dapat digeser ke samping" for label, title in titled), titled
    assert "Tabel 2. Unit kerja dan pimpinannya, dapat digeser ke samping" in [label for label, _ in titled]
    labels = [label for found in names.values() for label, _ in found]
    assert labels and not [label for label in labels if label.startswith("Tabel Tabel")], labels
