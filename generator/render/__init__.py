"""Stage 4: the loaded tables and computed results as pages, charts and open-data files, in memory.

Every page kind is a module of `generator.render.pages` with the same contract (see its docstring);
`render_site` runs them in registry order and collects what they return. Output is plain Markdown plus
`mkdocs.yml` navigation, so the site engine can change.
"""
from __future__ import annotations

from generator.compute.results import Results
from generator.load import Tables
from generator.render.context import Inputs, PageContext, RenderOptions, Site
from generator.render import head
from generator.render.environment import environment
from generator.render.escape import title_text
from generator.render.pages import REGISTRY

# Hand-written pages every portal carries (from the pages folder, `site_src/`), after the generated ones.
HANDWRITTEN_NAV = ({"Tentang portal": "tentang.md"},)


def common_facts(t: Tables) -> dict:
    """What every template is given: the agency, the report year, the report document, the synthetic flag."""
    docs = t["dokumen"].set_index("id")
    report_doc = t.settings.dokumen_laporan
    return {"instansi": t["instansi"].iloc[0].to_dict(), "tahun": t.settings.tahun_laporan,
            "laporan": docs.loc[report_doc].to_dict() if report_doc in docs.index else None,
            "sintetis": t.settings.sintetis}


def render_site(t: Tables, res: Results, inputs: Inputs | None = None, options: RenderOptions | None = None) -> Site:
    """Every page of one package. Writes nothing."""
    inputs = inputs or Inputs()
    ctx = PageContext(environment(), t, res, common_facts(t), inputs, options or RenderOptions())
    inst = ctx.common["instansi"]
    site = Site(site_name=title_text(f"Kinerja {inst['nama_singkat'] or inst['nama']}"),
                package={k: str(t.descriptor.get(k) or "") for k in ("name", "title", "version", "created")})
    meta: dict[str, dict] = {}
    for module in REGISTRY:
        made = module.build(ctx)
        site.pages.update(made.pages)
        site.files.update(made.files)
        site.nav.extend(made.nav)
        for path, keys in made.meta.items():
            meta.setdefault(path, {}).update(keys)
    site.nav.extend(dict(entry) for entry in HANDWRITTEN_NAV)
    head.apply(site, ctx, meta, images=ctx.options.previews)
    return site
