"""The year archive in the published site: the current year at the root, every earlier year with a
Laporan Kinerja under `<year>/`, the way a catalog places its members under `<id>/`.

Each earlier year is the same pipeline over the package as it stood for that year (`compute.arsip.as_of`),
so its pages are the pages that year published: only the line under each title (which year it shows, the
same page in the other years) and the front matter the footer reads (the report it cites) are added, and
`render.tahun.strip_year_frame` takes them away again. The year-free pages (profile, PPID, update history)
exist once, at the root. Earlier years are left out of the search index: a search finds the current year.
"""
from __future__ import annotations

import dataclasses

from generator import fmt
from generator.compute.arsip import as_of, published_years, report_document
from generator.compute.results import compute_all
from generator.compute.triwulan import latest_quarter
from generator.domain.values import present
from generator.load import Tables
from generator.publish.nav import part_nav
from generator.render import HANDWRITTEN_NAV, render_site
from generator.render.context import Inputs, RenderOptions, Site
from generator.render.pages import YEARLY
from generator.render.tahun import add_year_frame, front_matter, state_words, year_line, year_prefix


def source_line(t: Tables, year: int | None) -> str:
    """What the pages of `year` cite as their source, in the footer: the year's Laporan Kinerja with its
    date, or while the year runs the package itself and the fact that the report is not out yet. A package
    about no report year (a pohon kinerja) cites its `dokumen_laporan`, else itself."""
    docs = t["dokumen"].set_index("id")
    doc = report_document(t, year) if year is not None else t.settings.dokumen_laporan
    if doc is not None and doc in docs.index:
        day = docs.loc[doc, "tanggal"]
        return docs.loc[doc, "judul"] + (f", dokumen bertanggal {fmt.tanggal(day)}" if present(day) else "")
    title = t.descriptor.get("title") or t.descriptor.get("name") or "paket data"
    return title if year is None else f"{title}; tahun {year} berjalan, Laporan Kinerja {year} belum terbit"


def add_archive(site: Site, t: Tables, inputs: Inputs, options: RenderOptions) -> Site:
    """`site` (the current year) with every earlier year of the archive placed under `<year>/`, and the
    year line on every page of every year. Unchanged when the package publishes one year."""
    years = published_years(t)
    if len(years) < 2:
        return site
    current = years[0]
    sites, tables = {current: site}, {current: t}
    for year in years[1:]:
        tables[year] = as_of(t, year)
        sites[year] = render_site(tables[year], compute_all(tables[year]), inputs, _year_options(options, year),
                                  modules=YEARLY)
    pages_of = {y: set(s.tahunan) for y, s in sites.items()}
    words = {y: state_words(y, current, latest_quarter(tables[y], y), report_document(tables[y], y) is not None)
             for y in years}
    for year in years:
        own = sites[year]
        matter = front_matter(year, source_line(t, year)) if year != current else ""
        for page in sorted(own.tahunan):
            own.pages[page] = add_year_frame(own.pages[page], year_line(page, year, years, current, pages_of, words), matter)
    archive_nav = []
    for year in years[1:]:
        prefix = year_prefix(year, current)
        site.pages.update({prefix + k: v for k, v in sites[year].pages.items()})
        site.files.update({prefix + k: v for k, v in sites[year].files.items()})
        site.files.update({prefix + k: v for k, v in inputs.source.items()})
        site.tahunan.update(prefix + p for p in sites[year].tahunan)
        archive_nav.append({f"Tahun {year}": part_nav(sites[year].nav, prefix)})
    at = len(site.nav) - len(HANDWRITTEN_NAV)  # the archive goes before the hand-written pages
    site.nav[at:at] = [{"Arsip tahun sebelumnya": archive_nav}]
    return site



def _year_options(options: RenderOptions, year: int) -> RenderOptions:
    """An earlier year renders as a part of the site under `<year>/` (as a catalog member under `<id>/`)."""
    url = f"{options.site_url.rstrip('/')}/{year}/" if options.site_url else None
    return dataclasses.replace(options, site_url=url, arsip=True)
