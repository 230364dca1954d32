"""Metadata other systems read (render/metadata.py): two dataset pages (`dataset/paket-sumber.md`,
`dataset/hasil-perhitungan.md`) with schema.org Dataset JSON-LD, the same as a DataCatalog on the Data
terbuka page, the DCAT catalogue `data/katalog-dcat.jsonld`, and the MS-Ind metadata of every indicator
(`metadata-indikator.md`, `data/msind.csv`, `data/msind/<id>.json`). JSON-LD reaches each page's <head>
through its front matter (`PageSet.meta`, render/head.py)."""
from __future__ import annotations

import posixpath

from generator.domain.values import row_dicts
from generator.render import metadata, open_data
from generator.render.metadata import MSIND_PAGE as PATH, msind_file
from generator.render.context import PageContext, PageSet
from generator.render.head import script_json
from generator.render.links import built_url, html_link, md_link, source_csv
from generator.render.pages.indikator import page_path as indikator_path

DCAT = "data/katalog-dcat.jsonld"
MSIND = "data/msind.csv"
DATA_TERBUKA = "data-terbuka.md"


def dataset_path(ds_id: str) -> str:
    return f"dataset/{ds_id}.md"


def _absolute(site_url: str | None, source: str) -> str | None:
    return site_url.rstrip("/") + "/" + built_url(source) if site_url else None


def _from_file(target: str, file: str) -> str:
    """A relative URL from a published file (not a page) to `target`'s built URL."""
    there = built_url(target) or "./"
    rel = posixpath.relpath(there, posixpath.dirname(file) or ".")
    return rel + ("/" if there.endswith("/") and not rel.endswith("/") else "")


def build(ctx: PageContext) -> PageSet:
    t, site_url = ctx.t, ctx.options.site_url
    pages: dict[str, str] = {}
    meta: dict[str, dict] = {}
    source = [(r.get("title") or r["name"], r["name"]) for r in t.descriptor.get("resources", [])
              if isinstance(r, dict) and r.get("name") and source_csv(t, r["name"])]
    result_names = [f"{name}.csv" for name in open_data.TABLES] + ["datapackage.json"]
    zip_path = "data/paket-sumber.zip" if ctx.inputs.source else None
    entries = []
    for ds in metadata.datasets(t, [(title, source_csv(t, name)) for title, name in source],
                                [(name, f"data/{name}") for name in result_names], zip_path):
        path = dataset_path(ds["id"])
        links = [(name, md_link(target, path), media) for name, target, media in ds["berkas"]]
        years = metadata.coverage_years(t)
        lic = [lic for lic in t.descriptor.get("licenses") or [] if isinstance(lic, dict)]
        pages[path] = ctx.env.get_template("dataset.md.j2").render(
            ds=ds, berkas=[{"nama": n, "tautan": link} for n, link, _m in links], wilayah=metadata.region(t),
            periode=f"{years[0]}–{years[1]}" if years else "–",
            lisensi=(lic[0].get("title") or lic[0].get("name")) if lic else "tidak dicantumkan",
            versi=str(t.descriptor.get("version") or "–"), data_terbuka=md_link(DATA_TERBUKA, path),
            dcat=md_link(DCAT, path), **ctx.common)
        jsonld = metadata.dataset_jsonld(t, {**ds, "berkas": [(n, _absolute(site_url, target) or
                                                              str(html_link(target, path)), m)
                                                             for n, target, m in ds["berkas"]]},
                                         _absolute(site_url, path))
        meta[path] = {"kt_jsonld": script_json(jsonld)}
        entries.append({**ds, "halaman": _absolute(site_url, path), "halaman_sumber": path})
    catalog = [{**e, "halaman": e["halaman"] or str(html_link(e["halaman_sumber"], DATA_TERBUKA))} for e in entries]
    meta[DATA_TERBUKA] = {"kt_jsonld": script_json(metadata.catalog_jsonld(t, catalog))}
    dcat_entries = [{**e, "halaman": e["halaman"] or _from_file(e["halaman_sumber"], DCAT),
                     "berkas": [(n, _absolute(site_url, target) or _from_file(target, DCAT), m)
                                for n, target, m in e["berkas"]]} for e in entries]
    frame = ctx.res.msind
    rows = []
    for r in row_dicts(frame):
        fields = metadata.msind_fields(r)
        rows.append({"nama": r["nama_indikator"], "tautan": md_link(indikator_path(r["kode_indikator"]), PATH),
                     "iku": r["iku"], "jumlah": len(fields), "terisi": sum(1 for f in fields if f["nilai"]),
                     "kosong": r["kosong"]})
        pages[msind_file(r["kode_indikator"])] = metadata.msind_json(r)
    pages[PATH] = ctx.env.get_template("metadata_indikator.md.j2").render(
        baris=rows, unduh=md_link(MSIND, PATH), **ctx.common)
    pages[MSIND] = open_data.csv_text("msind", frame)
    pages[DCAT] = metadata.dcat(t, dcat_entries)
    return PageSet(pages=pages, meta=meta, nav=[])
