"""Stage 4: the loaded tables and computed results as pages, charts and open-data files, in memory.

Every page kind is a module of `generator.render.pages` with the same contract (see its docstring);
`render_site` runs them in registry order and collects what they return. Output is plain Markdown plus
`mkdocs.yml` navigation, so the site engine can change.
"""
from __future__ import annotations

from generator.compute.arsip import latest_report_year, report_document
from generator.compute.results import Results
from generator.compute.triwulan import latest_quarter
from generator.load import Tables
from generator.render.context import Inputs, PageContext, RenderOptions, Site
from generator.domain.dates import data_datetime
from generator.render import charts, head, istilah, unduhan
from generator.render.environment import environment
from generator.render.escape import title_text
from generator.render.pages import REGISTRY, YEARLY
from generator.render.words import glossary, months, scale_codes

# Hand-written pages every portal carries (from the pages folder, `site_src/`), after the generated ones.
HANDWRITTEN_NAV = ({"Tentang portal": "tentang.md"},)


def common_facts(t: Tables) -> dict:
    """What every template is given: the agency, the report year and its Laporan Kinerja (None while the
    year runs: a page never cites another year's report), whether the year is still running and its
    latest reported quarter, the newest year whose Laporan Kinerja is out (`laporan_terakhir`: the report
    year, or while it runs the year before it, published under `<year>/`), the quarterly page's name, the
    synthetic flag."""
    docs = t["dokumen"].set_index("id")
    year = t.settings.tahun_laporan
    report_doc = report_document(t, year)
    codes = scale_codes(t["skala_kelas"], t.settings.skala_kategori_capaian)
    return {"instansi": t["instansi"].iloc[0].to_dict(), "tahun": year,
            "laporan": docs.loc[report_doc].to_dict() if report_doc in docs.index else None,
            "berjalan": report_doc is None, "triwulan_terakhir": latest_quarter(t, year) if year else None,
            # the quarterly page's name, wherever it is named: progress while the year runs, a record after it
            "progres_judul": (f"Progres {year}" if report_doc is None else f"Triwulan {year}") if year else None,
            "laporan_terakhir": latest_report_year(t),
            "sintetis": t.settings.sintetis,
            # the words that depend on the package's scales and settings (glossary, "AA sampai D")
            "glosarium": glossary(codes, t.settings.ppid.bulan_kedaluwarsa),
            "kategori_rentang": f"{codes[0]} sampai {codes[-1]}" if codes else None,
            "kategori_tertinggi": codes[0] if codes else None,
            "bulan_kedaluwarsa_teks": months(t.settings.ppid.bulan_kedaluwarsa)}


def render_site(t: Tables, res: Results, inputs: Inputs | None = None, options: RenderOptions | None = None,
                modules: tuple | None = None) -> Site:
    """Every page of one package (or only those of `modules`, for a year of the archive). Writes nothing but
    the caches its caller names (`options.templates`, `render.kept`).
    `site.tahunan` lists the pages that belong to the report year (every page but the year-free ones)."""
    inputs, options = inputs or Inputs(), options or RenderOptions()
    ctx = PageContext(environment(options.templates), t, res, common_facts(t), inputs, options)
    inst = ctx.common["instansi"]
    site = Site(site_name=title_text(f"Kinerja {inst['nama_singkat'] or inst['nama']}"),
                package={k: str(t.descriptor.get(k) or "") for k in ("name", "title", "version", "created")})
    meta: dict[str, dict] = {}
    chosen = [module for module in REGISTRY if modules is None or module in modules]
    for module in chosen:  # work a page sets going before any page is built (the registry's `start`)
        if (begin := getattr(module, "start", None)) is not None:
            begin(ctx)
    with charts.drawing_ahead() as ahead:  # the static images are drawn while the pages are rendered
        for module in chosen:
            made = module.build(ctx)
            site.pages.update(made.pages)
            site.files.update(made.files)
            site.nav.extend(made.nav)
            for path, keys in made.meta.items():
                meta.setdefault(path, {}).update(keys)
            if module in YEARLY:
                site.tahunan.update(p for p in made.pages if p.endswith(".md"))
        for path, text in site.pages.items():  # what the agency's own words abbreviate, explained at the end
            if path.endswith(".md") and path != istilah.PATH:
                site.pages[path] = istilah.abbreviations(text, path, ctx.common["glosarium"], ctx.env)
        site.nav.extend(dict(entry) for entry in HANDWRITTEN_NAV)
        # Before the images are settled: the preview images and workbooks need no chart image, and this
        # process would otherwise wait idle for the drawing process (~0,4 s of a first build).
        head.apply(site, ctx, meta, images=ctx.options.previews)
        site.files.update(unduhan.variants(site.pages, data_datetime(t)))
        ahead.settle(site.pages)
    return site
