"""Which year a page shows, in words, and the links between the years of the archive.

A portal with more than one published year (`compute.arsip.published_years`) shows the current year at
the root and each earlier year under `<year>/`. Every page of a year gets, right under its title, one
line saying which year it shows with links to the same page in the other years, and a front matter
with the year's facts that the footer prints (the report it cites). A portal with one year gets
neither: its pages are exactly what they were.
"""
from __future__ import annotations

import json
import posixpath
import re

from generator import fmt
from generator.domain.sakip import batas_laporan
from generator.domain.triwulan import TRIWULAN
from generator.render.escape import md, title_text
from generator.render.links import md_link

MARK = "{: .kt-tahun }"  # the attribute list that ends the year line (attr_list), and finds it again


def while_running(ctx, path: str, judul: str, isi: str, judul_terakhir: str) -> str:
    """The page at `path` while the report year runs: what is not out yet, when it will be, and where the
    latest published one is (`<year>/<path>`, the archive): the Laporan Kinerja and its pre-check."""
    last = ctx.common["laporan_terakhir"]
    return ctx.env.get_template("laporan_berjalan.md.j2").render(
        judul=judul, isi=isi, progres=md_link("triwulan.md", path) if ctx.common["triwulan_terakhir"] else None,
        terakhir=md_link(f"{last}/{path}", path) if last else None,
        judul_terakhir=judul_terakhir.format(tahun=last), batas=fmt.tanggal(batas_laporan(ctx.year)), **ctx.common)


def year_prefix(year: int, current: int) -> str:
    """Where a year's pages live: the current year at the root, every other year under `<year>/`."""
    return "" if year == current else f"{year}/"


def state_words(year: int, current: int, quarter: int | None, has_report: bool) -> str:
    """The year's state in a few words: 'tahun berjalan, s.d. TW II', 'arsip', ..."""
    if year != current:
        return "arsip"
    if has_report:
        return "tahun laporan terakhir"
    return f"tahun berjalan, s.d. {TRIWULAN[quarter]}" if quarter else "tahun berjalan"


def year_line(page: str, year: int, years: list[int], current: int, pages_of: dict[int, set[str]],
              words: dict[int, str]) -> str:
    """The line under a page's title: the year shown and the same page in the other years (or that
    year's home page when it has no such page)."""
    own = year_prefix(year, current)
    here = own + page
    parts = []
    for y in sorted(years, reverse=True):
        if y == year:
            continue
        target = page if page in pages_of[y] else "index.md"
        parts.append(f"[{y}]({md_link(year_prefix(y, current) + target, here)})")
    return (f"Menampilkan tahun **{year}** ({md(words[year])}) · Tahun lain: " + " · ".join(parts) + "\n" + MARK + "\n")


def front_matter(year: int, sumber: str) -> str:
    """An earlier year's facts for the theme (the footer cites the year's report): JSON strings, which YAML
    reads as they are, escaped once here because the theme prints them unescaped. The page stays out of
    the search index, so a search finds the current year (Material's `search.exclude`)."""
    return (f"---\nkt_tahun: {year}\nkt_sumber: {json.dumps(title_text(sumber), ensure_ascii=True)}\n"
            "search:\n  exclude: true\n---\n\n")


def add_year_frame(text: str, line: str, matter: str) -> str:
    """The page with its front matter first and the year line after its title (the first `# ` line)."""
    if matter and text.startswith("---\n"):  # the page's own front matter (Open Graph) joins the year's
        matter, text = matter.removesuffix("---\n\n") + text[4:text.index("\n---\n", 4) + 5] + "\n", \
            text[text.index("\n---\n", 4) + 5:].lstrip("\n")
    lines = text.split("\n")
    at = next((n for n, ln in enumerate(lines) if ln.startswith("# ")), None)
    if at is None:
        return matter + line + "\n" + text
    return matter + "\n".join(lines[:at + 1]) + "\n\n" + line + "\n".join(lines[at + 1:])


def strip_year_frame(text: str) -> str:
    """`add_year_frame` undone: what the page was before the archive framed it (for tests and audits)."""
    if text.startswith("---\n"):
        end = text.index("\n---\n\n", 4)
        text = text[end + len("\n---\n\n"):]
    return re.sub(r"\n\nMenampilkan tahun \*\*\d{4}\*\* [^\n]*\n" + re.escape(MARK) + r"\n", "\n", text, count=1)


def is_page(path: str) -> bool:
    return path.endswith(".md") and posixpath.basename(path) != "README.md"
