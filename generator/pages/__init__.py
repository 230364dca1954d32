"""Page modules: each builds one kind of portal page from the tables and computed results.

A module exposes `build(ctx: PageContext) -> PageSet`. `render.render_site` calls every module in
`MODULES`, in order, and adds their pages, files and navigation entries. Templates live in
`generator/templates/`; every value a template prints is escaped by the environment (see render.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from generator.compute.results import Results
from generator.load import Tables


@dataclass
class PageContext:
    env: Environment
    t: Tables
    res: Results
    common: dict[str, Any]  # instansi, tahun, laporan, sintetis: passed to every template
    source: dict[str, bytes] | None = None  # the source package's files (path → bytes), for downloads
    attachments: dict[str, bytes] = field(default_factory=dict)  # files the package's items point at (berkas)
    history: Any = None  # generator.riwayat.History: the package's versions, for the update history
    site_url: str | None = None  # the site's public address when the build knows it (absolute feed links)

    @property
    def year(self) -> int:
        return self.t.settings["tahun_laporan"]


@dataclass
class PageSet:
    pages: dict[str, str] = field(default_factory=dict)  # relative path → Markdown/CSV/JSON text
    nav: list = field(default_factory=list)  # MkDocs nav entries, e.g. [{"Anggaran": "anggaran.md"}]
    files: dict[str, bytes] = field(default_factory=dict)  # binary files, e.g. the source ZIP


MODULES: list[str] = [  # imported by render_site, in this order (which is also the order in the nav)
    "generator.pages.pohon",
    "generator.pages.indikator",
    "generator.pages.anggaran",
    "generator.pages.survei",
    "generator.pages.ppid",
    "generator.pages.data_terbuka",
    "generator.pages.riwayat",
]
