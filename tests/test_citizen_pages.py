"""What a citizen sees on a phone and a desktop, measured in Chromium on every page type of the default
package, the synthetic example and a synthetic kabupaten (issue 15): no table cut at the screen's edge
and no column hidden without its name, and the first view of each page type within its transfer budget.

Each site is visited once per width (every page type, every <details> opened so that chart data tables
are laid out too); the tests read those visits.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from conftest import serve, visit_all
from test_accessibility import page_types

WIDTHS = (375, 1280)

# Every table cell of the page that is cut: beyond the edge of what scrolls or clips it (the table itself,
# a scrolling wrapper, the screen), or with content wider than the cell, or not shown at all. A header
# row hidden on purpose (phones: rows read as cards) must leave each data cell its column's name.
TABLES = """() => {
  document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; });
  const problems = [];
  const clipOf = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible') return a.getBoundingClientRect();
    }
    return {left: 0, right: document.documentElement.clientWidth};
  };
  document.querySelectorAll('.md-content table').forEach((table, t) => {
    if (!table.getClientRects().length) return;  // inside something closed or filtered away
    const name = (table.caption ? table.caption.textContent : (table.querySelector('th') || {}).textContent || '')
      .trim().slice(0, 40) + ' #' + t;
    const hiddenCell = cell => {
      for (let a = cell; a && a !== table; a = a.parentElement) {
        const s = getComputedStyle(a), b = a.getBoundingClientRect();
        if (s.display === 'none' || s.visibility === 'hidden' || b.width <= 1 || b.height <= 1) return true;
      }
      return false;
    };
    // A header hidden on purpose (phones: rows read as cards) leaves each data cell its column's name.
    const headHidden = !!table.tHead && [...table.tHead.querySelectorAll('th')].some(hiddenCell);
    table.querySelectorAll('th, td').forEach(cell => {
      if (cell.closest('.kt-saring-sembunyi')) return;  // filtered away by the reader's own filter, which says so
      const inHead = !!cell.closest('thead');
      const text = cell.textContent.trim().slice(0, 30);
      if (hiddenCell(cell)) {
        if (!inHead) problems.push(`${name}: sel tersembunyi "${text}"`);
        return;
      }
      const box = cell.getBoundingClientRect(), clip = clipOf(cell);
      if (box.right > clip.right + 1 || box.left < clip.left - 1)
        problems.push(`${name}: sel terpotong di tepi "${text}" (${Math.round(box.left)}–${Math.round(box.right)} dari ${Math.round(clip.left)}–${Math.round(clip.right)})`);
      if (cell.scrollWidth > cell.clientWidth + 1)
        problems.push(`${name}: isi lebih lebar dari selnya "${text}" (${cell.scrollWidth} > ${cell.clientWidth})`);
      const title = cell === cell.parentElement.firstElementChild || cell.matches('.kt-tabel-kartu__judul');
      if (headHidden && !inHead && cell.tagName === 'TD' && text && !title) {
        const label = getComputedStyle(cell, '::before').content;
        if (!cell.dataset.label || label === 'none' || label === 'normal')
          problems.push(`${name}: kolom tanpa nama di ponsel "${text}"`);
      }
    });
  });
  return problems;
}"""


def kabupaten_types(site: Path) -> dict[str, str]:
    """The kabupaten's own pages and one member's pages, one per page type."""
    members = sorted(p.parent.parent.name for p in site.glob("*/profil/index.html"))
    first = members[0]
    types = {f"{first}/{kind}": f"{first}/{path}" for kind, path in page_types(site / first).items()}
    for kind, path in page_types(site).items():
        if path.split("/")[0] not in members:
            types[kind] = path
    return types


@functools.lru_cache(maxsize=None)
def _visits(browser, site: Path, kabupaten: bool, width: int) -> dict[str, object]:
    base = serve(site)
    types = kabupaten_types(site) if kabupaten else page_types(site)
    visits = visit_all(browser, [base + path for path in sorted(set(types.values()))], width, inspect=lambda page: page.evaluate(TABLES))
    return {v.url.removeprefix(base): v for v in visits}


@pytest.fixture(scope="module")
def sites(default_site, example_site, kabupaten_site):
    return {"bawaan": (default_site.site, False), "contoh": (example_site.site, False),
            "kabupaten": (kabupaten_site.site, True)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["bawaan", "contoh", "kabupaten"])
def test_no_table_is_cut_on_any_page_type(browser, sites, name, width):
    site, kabupaten = sites[name]
    visits = _visits(browser, site, kabupaten, width)
    assert len(visits) >= 18
    problems = [f"{path or 'beranda'} ({width} px): {p}" for path, v in visits.items() for p in v.result]
    assert [v.url for v in visits.values() if v.status != 200] == []
    assert problems == []
