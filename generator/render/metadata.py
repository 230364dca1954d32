"""Metadata for other systems, built from the package: schema.org `Dataset` JSON-LD for dataset search
engines, a DCAT catalogue (W3C DCAT 3, JSON-LD with an inline context: no remote document is needed to
read it) and the MS-Ind indicator metadata of Satu Data Indonesia (compute/msind.py) as JSON.

The portal publishes two datasets: the source data package (the agency's tables, as its operators
keep them) and the computed results (capaian, budget, IKM, consistency). Every value comes from the
descriptor, the instansi table and the published files; nothing is filled in that the data lacks.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup

from generator.compute.msind import ASAL, FIELDS
from generator.domain.values import present
from generator.render.links import html_link

SCHEMA_CONTEXT = "https://schema.org"
MSIND_PAGE = "metadata-indikator.md"
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


def _licence(descriptor: dict) -> str | None:
    for lic in descriptor.get("licenses") or []:
        if isinstance(lic, dict) and isinstance(lic.get("path"), str) and re.fullmatch(r"https?://\S+", lic["path"]):
            return lic["path"]
    return None


def _date(descriptor: dict) -> str | None:
    created = descriptor.get("created")
    return created[:10] if isinstance(created, str) and re.match(r"\d{4}-\d{2}-\d{2}", created) else None


def coverage_years(t) -> tuple[int, int] | None:
    years = sorted(set(int(y) for y in t["realisasi"]["tahun"]) | set(int(y) for y in t["target"]["tahun"]))
    return (years[0], years[-1]) if years else None


def region(t) -> str:
    inst = t["instansi"].iloc[0]
    name = re.sub(r"^Pemerintah\s+", "", str(inst["pemerintah_daerah"]))
    return f"{name}, {inst['provinsi']}" if present(inst["provinsi"]) else name


def _organisation(t) -> dict:
    inst = t["instansi"].iloc[0]
    org = {"@type": "GovernmentOrganization", "name": str(inst["nama"])}
    if present(inst["situs"]) and re.fullmatch(r"[A-Za-z0-9.-]+\.[a-z]{2,}(/\S*)?", str(inst["situs"])):
        org["url"] = "https://" + str(inst["situs"])
    if present(inst["email"]):
        org["email"] = str(inst["email"])
    return org


def datasets(t, source_files: list[tuple[str, str]], result_files: list[tuple[str, str]], zip_link: str | None) -> list[dict]:
    """The two datasets as plain facts: name, description, files (title, link)."""
    d = t.descriptor
    title = str(d.get("title") or d.get("name") or "Paket data kinerja")
    synthetic = " Data sintetis, bukan data resmi." if t.settings.sintetis else ""
    source = {"id": "paket-sumber", "nama": title,
              "keterangan": str(d.get("description") or title) + synthetic,
              "berkas": ([("Paket data sumber (ZIP)", zip_link, "application/zip")] if zip_link else [])
              + [(name, link, "text/csv" if link.endswith(".csv") else "application/json") for name, link in source_files]}
    results = {"id": "hasil-perhitungan", "nama": f"Hasil perhitungan: {title}",
               "keterangan": "Capaian kinerja, rata-rata per sasaran, serapan anggaran, IKM, catatan konsistensi, "
                             "pra-evaluasi SAKIP dan metadata indikator yang dihitung ulang oleh portal dari paket sumber."
                             + synthetic,
               "berkas": [(name, link, "text/csv" if link.endswith(".csv") else "application/json")
                          for name, link in result_files]}
    return [source, results]


def dataset_jsonld(t, ds: dict, page_url: str | None) -> dict:
    """schema.org Dataset for one dataset page (links relative to the page unless the site's address is known)."""
    d = t.descriptor
    doc = {"@context": SCHEMA_CONTEXT, "@type": "Dataset", "name": ds["nama"], "description": ds["keterangan"],
           "inLanguage": "id", "isAccessibleForFree": True, "creator": _organisation(t), "publisher": _organisation(t),
           "spatialCoverage": {"@type": "AdministrativeArea", "name": region(t)},
           "keywords": [str(k) for k in d.get("keywords") or [] if isinstance(k, str)],
           "distribution": [{"@type": "DataDownload", "name": name, "encodingFormat": fmt_, "contentUrl": link}
                            for name, link, fmt_ in ds["berkas"]]}
    if isinstance(d.get("name"), str):
        doc["identifier"] = f"{d['name']}/{ds['id']}"
    if isinstance(d.get("version"), str):
        doc["version"] = d["version"]
    if _date(d):
        doc["dateModified"] = _date(d)
    if _licence(d):
        doc["license"] = _licence(d)
    years = coverage_years(t)
    if years:
        doc["temporalCoverage"] = f"{years[0]}/{years[1]}"
    if page_url:
        doc["url"] = page_url
    sources = [s for s in d.get("sources") or [] if isinstance(s, dict) and s.get("title")]
    if sources:
        doc["isBasedOn"] = [{"@type": "CreativeWork", "name": str(s["title"])} for s in sources]
    return doc


def catalog_jsonld(t, entries: list[dict]) -> dict:
    """schema.org DataCatalog for the Data terbuka page: the datasets, each with its page."""
    return {"@context": SCHEMA_CONTEXT, "@type": "DataCatalog",
            "name": f"Data terbuka {t['instansi'].iloc[0]['nama']}", "inLanguage": "id",
            "publisher": _organisation(t),
            "dataset": [{"@type": "Dataset", "name": e["nama"], "description": e["keterangan"], "url": e["halaman"]}
                        for e in entries]}


def dcat(t, entries: list[dict]) -> str:
    """The DCAT catalogue of the portal's datasets, JSON-LD with its context inline."""
    d = t.descriptor
    years = coverage_years(t)
    org = {"@type": "foaf:Agent", "foaf:name": str(t["instansi"].iloc[0]["nama"])}
    out = {"@context": DCAT_CONTEXT, "@type": "dcat:Catalog",
           "dct:title": f"Data terbuka {t['instansi'].iloc[0]['nama']}", "dct:language": "id", "dct:publisher": org,
           "dcat:dataset": []}
    for e in entries:
        ds = {"@type": "dcat:Dataset", "dct:identifier": e["id"], "dct:title": e["nama"], "dct:description": e["keterangan"],
              "dct:publisher": org, "dct:spatial": {"@type": "dct:Location", "dct:title": region(t)},
              "dcat:keyword": [str(k) for k in d.get("keywords") or [] if isinstance(k, str)],
              "dcat:landingPage": {"@id": e["halaman"]},
              "dcat:distribution": [{"@type": "dcat:Distribution", "dct:title": name, "dcat:downloadURL": {"@id": link},
                                     "dcat:mediaType": media} for name, link, media in e["berkas"]]}
        if _licence(d):
            ds["dct:license"] = {"@id": _licence(d)}
        if _date(d):
            ds["dct:modified"] = {"@value": _date(d), "@type": "xsd:date"}
        if years:
            ds["dct:temporal"] = {"@type": "dct:PeriodOfTime",
                                  "dcat:startDate": {"@value": f"{years[0]}-01-01", "@type": "xsd:date"},
                                  "dcat:endDate": {"@value": f"{years[1]}-12-31", "@type": "xsd:date"}}
        out["dcat:dataset"].append(ds)
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def msind_fields(row: dict) -> list[dict]:
    """One indicator's MS-Ind form as (label, value, where it comes from), empty fields included."""
    out = []
    for key, label in FIELDS.items():
        value = row.get(key)
        filled = present(value) and str(value) != ""
        out.append({"kunci": key, "label": label, "nilai": str(value) if filled else None,
                    "asal": ASAL.get(key) if filled else None})
    return out


def msind_json(row: dict) -> str:
    data = {"standar": "MS-Ind (Peraturan BPS Nomor 5 Tahun 2020)",
            "indikator": {f["kunci"]: f["nilai"] for f in msind_fields(row)},
            "asal": {f["kunci"]: f["asal"] for f in msind_fields(row) if f["asal"]},
            "kosong": [f["label"] for f in msind_fields(row) if f["nilai"] is None]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def msind_file(ind_id: str) -> str:
    return f"data/msind/{ind_id}.json"


def msind_section(rows: list[dict], ind_id: str, page: str, arsip: bool = False) -> dict | None:
    """The MS-Ind block an indicator page shows (templates/_msind.md.j2); `rows`: the indicator's rows
    of the MS-Ind results (`Lookup.msind`). The metadata is the indicator's, not a year's: a page of an
    earlier year (`arsip`, one folder down) links the files at the site's root, which only that has."""
    if not rows:
        return None
    fields = msind_fields(rows[0])
    return {"kolom": fields, "jumlah": len(fields), "terisi": sum(1 for f in fields if f["nilai"]),
            "berkas": f"{ind_id}.json", **{key: Markup(("../" if arsip else "") + html_link(target, page))
                                          for key, target in (("tautan", msind_file(ind_id)), ("semua", MSIND_PAGE))}}
