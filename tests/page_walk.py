"""One visit per page type and width, shared by the tests that look at the same pages.

The accessibility tests (axe-core, light and dark scheme) and the citizen tests (no table cut) read the
same pages of the same built sites at the same widths. Loading each page once for all of them, and
switching it to the dark scheme in place (as Material's toggle does) instead of loading it again, halves
the page loads; a walk is made once per test run, even with several xdist workers, and kept as JSON.
The default portal's phone walk loads every other page of the site too (without axe-core and the table
check): test_browser's check that every page loads cleanly on a phone reads the same visit.

The dark scheme is checked after Material's colour transitions have finished (a condition, not a timer):
measured during a transition, axe sees colours halfway between the two schemes. (visit_all brings each
page to the front first: a tab in the background draws no frames, so its transitions would not end.)
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from conftest import serve, visit_all

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # the WCAG A/AA rules that depend on colour
SCHEMES = {"light": "default", "dark": "slate"}

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

AXE_RUN = "only => axe.run(document, {runOnly: only, resultTypes: ['violations']}).then(r => r.violations)"
# Material animates the switch between schemes (0,25 s); the animation only passes through colours on its
# way to the new scheme's, so the check turns it off and sees the end colours at once.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
# Material's colour transitions after a scheme switch: done when none is running.
TRANSITIONS_DONE = "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState === 'finished')"


@dataclass
class Checked:
    """What one page showed: loading (status, console errors, failed and off-host requests, sideways
    scroll), the scheme it opened in, its cut tables, and axe-core's violations per scheme (light: every
    WCAG 2.0/2.1 A+AA rule; dark: the rules that depend on colour)."""

    status: int = 0
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    scroll: int = 0
    scheme: str = ""
    tables: list[str] = field(default_factory=list)
    axe: dict[str, list[dict]] = field(default_factory=dict)


def _inspect(axe_source: str | None):
    def inspect(page) -> dict:
        out = {"scheme": page.evaluate("document.body.getAttribute('data-md-color-scheme')"),
               "tables": page.evaluate(TABLES), "axe": {}}  # TABLES opens every <details>: axe checks them too
        if axe_source is not None:  # loaded with the page (visit_all's `script`)
            out["axe"]["light"] = page.evaluate(AXE_RUN, {"type": "tag", "values": TAGS})
            page.add_style_tag(content=NO_TRANSITIONS)
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{SCHEMES['dark']}')")
            page.wait_for_function(TRANSITIONS_DONE)  # none runs now; a guard should one start anyway
            out["axe"]["dark"] = page.evaluate(AXE_RUN, {"type": "rule", "values": COLOUR_RULES})
        return out
    return inspect


# Walks that also load every other page of their site: (name, width).
EVERY = {("portal", 375)}


def every_page(site: Path) -> list[str]:
    """Every page of a built site, discovered from its index.html files, not listed."""
    out = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel in ("", "."):
            out.append("")
        elif not rel.startswith(("assets", "search")):
            out.append(rel + "/")
    return out


def walk(browser, share: Path, name: str, site: Path, types: dict[str, str], width: int,
         axe_source: str | None) -> dict[str, Checked]:
    """{path: Checked} for the pages of `types` ({page type: path}) of `site` at `width` (light scheme on
    load), made once per test run: the first worker to ask makes it, the others wait and read it from `share`.
    A walk in EVERY also holds every other page of the site, loaded only (no tables, no axe-core)."""
    paths = [path for _, path in sorted(types.items())]
    inspected = set(paths)
    paths += [p for p in every_page(site) if p not in inspected] if (name, width) in EVERY else []
    what = hashlib.sha256(json.dumps([str(site), sorted(paths), width, axe_source is not None]).encode()).hexdigest()
    file = share / f"jalan-{name}-{width}-{what[:16]}.json"
    with open(file.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not file.is_file():
            base = serve(site)
            checks = _inspect(axe_source)
            visits = visit_all(browser, [base + p for p in paths], width, script=axe_source,
                               inspect=lambda page: checks(page) if page.url.removeprefix(base) in inspected else None)
            made = {v.url.removeprefix(base): asdict(Checked(v.status, v.errors, v.failed, v.foreign, v.scroll,
                                                             **(v.result or {}))) for v in visits}
            tmp = file.with_suffix(f".{os.getpid()}")
            tmp.write_text(json.dumps(made), encoding="utf-8")
            tmp.replace(file)
        data = json.loads(file.read_text(encoding="utf-8"))
    return {path: Checked(**checked) for path, checked in data.items()}
