"""The one pipeline: a data package in, its pages, charts and open-data files out, in memory.

    validate (+ load) → compute → render

Used unchanged by the single-agency build, by every member of a catalog (in any executor), by
`kinerja serve` and by the benchmarks. It reads the package and writes nothing but the caches its caller
names (compiled templates: `RenderOptions.templates`; images and documents: `render.kept`): writing the
sources, running MkDocs, swapping the output folder, the manifest and the other caches are the build's
later steps.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field

from generator import fmt
from generator.compute.results import compute_all, headline
from generator.domain.dates import data_datetime
from generator.domain.values import present
from generator.load import Tables, files
from generator.load.history import read_history
from generator.problems import Report
from generator.publish.arsip import add_archive, source_line
from generator.render import render_site
from generator.render.context import Inputs, RenderOptions, Site
from generator.render.escape import title_text
from generator.render.words import licence_words
from generator.validate import validate_package


@dataclass
class Outcome:
    report: Report
    site: Site | None = None  # None when the package is invalid
    headline: dict | None = None  # the report year's figures in one row (a catalog's overview)
    checked: dict[str, str] = field(default_factory=dict)  # tables whose cells passed (validation cache)
    seconds: dict[str, float] = field(default_factory=dict)  # per phase: validate, load, compute, render

    @property
    def ok(self) -> bool:
        return self.site is not None


def source_date_epoch(t: Tables) -> int:
    """SOURCE_DATE_EPOCH for MkDocs: the package's own date, 0 when it has none."""
    stamp = data_datetime(t)
    return int(stamp.timestamp()) if stamp is not None else 0


def phone_header(name: str, pemerintah_daerah: str) -> dict[str, str]:
    """The header's two lines on a phone, escaped: the agency without its region, then the region. At 375 px
    "Dinas Komunikasi, Informatika, …" over "Pemerintah Kabupaten Belitung Timur" were both cut ("Dinas
    Komunikasi, Informa…"); "Diskominfo SP" over "Kabupaten Belitung Timur" says the same and fits. A name
    that does not end with the region is kept whole."""
    region = re.sub(r"^pemerintah\s+", "", pemerintah_daerah.strip(), flags=re.IGNORECASE)
    stem = name.strip()
    if region and stem.endswith(" " + region) and stem[:-len(region)].strip():
        stem = stem[:-len(region)].strip()
    return {"instansi_ponsel": title_text(stem), "wilayah_ponsel": title_text(region)}


def _licence(licence) -> str:
    """The footer's licence: its name, and what it lets a reader do when the name is one `licence_words` knows."""
    if not isinstance(licence, dict):
        return ""
    name = title_text(licence.get("title") or licence.get("name") or "")
    words = licence_words(licence.get("name"))
    return f"{name}: {words}" if name and words else name


def theme_extra(t: Tables) -> dict:
    """Facts the theme prints on every page (header, footer). MkDocs templates print `extra` unescaped,
    so every data-derived string is escaped here, once."""
    inst = t["instansi"].iloc[0]
    source = source_line(t, t.settings.tahun_laporan)
    licenses = t.descriptor.get("licenses") or []
    epoch = dt.datetime.fromtimestamp(source_date_epoch(t), dt.timezone.utc).date()
    return {
        "sintetis": bool(t.settings.sintetis),
        "instansi": title_text(inst["nama"]),
        **phone_header(inst["nama_singkat"] if present(inst["nama_singkat"]) else inst["nama"],
                       inst["pemerintah_daerah"] if present(inst["pemerintah_daerah"]) else ""),
        "pemerintah_daerah": title_text(inst["pemerintah_daerah"]),
        "sumber": title_text(source),
        "lisensi": _licence(licenses[0]) if licenses else "",
        "diperbarui": fmt.tanggal(epoch),
        "umpan": "riwayat.xml",  # the update feed, linked from every page's <head>
    }


def run(path, options: RenderOptions = RenderOptions(), checked: dict[str, str] | None = None) -> Outcome:
    """One package through every step. `checked`: the validation cache of an earlier build (see
    `validate.validate_package`)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    validated = validate_package(path, timings=seconds, checked=checked)
    seconds["validate"] = time.perf_counter() - started - seconds.get("load", 0.0)
    if not validated.report.ok:
        return Outcome(validated.report, seconds=seconds)
    t, pkg = validated.tables, validated.package
    started = time.perf_counter()
    res = compute_all(t)
    seconds["compute"] = time.perf_counter() - started
    started = time.perf_counter()
    epoch = source_date_epoch(t)
    inputs = Inputs(source=files.source_files(pkg), attachments=files.attachments(pkg, t),
                    history=read_history(pkg.root, t, data_datetime(t)))
    site = add_archive(render_site(t, res, inputs, options), t, inputs, options)
    site.files.update(inputs.source)
    site.files.update(inputs.attachments)
    site.extra, site.epoch = theme_extra(t), epoch
    seconds["render"] = time.perf_counter() - started
    return Outcome(validated.report, site, headline(t, res), validated.checked, seconds)
