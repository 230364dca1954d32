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

from conftest import shared_folder
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
