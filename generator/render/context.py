"""What the render step is given and what it returns.

A page module receives a `PageContext` (the tables, the computed results, the files it may link or
pack, the options of this build) and returns a `PageSet` (Markdown and other text files, binary files,
navigation entries). `render_site` collects every page module's `PageSet` into one `Site`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from generator.compute.results import Results
from generator.load import Tables


@dataclass(frozen=True)
class RenderOptions:
    site_url: str | None = None  # the site's public address when known (absolute feed links, sitemap)
    static_svg: bool = True  # a pre-rendered SVG per chart, for print and readers without JavaScript
    previews: bool = True  # a link-preview image per page (Open Graph), typeset with Typst
    arsip: bool = False  # an earlier year of the archive: only the year's own pages and tables
    templates: str | None = None  # where compiled page templates are kept for the next build (its workspace)


@dataclass
class Inputs:
    """Bytes the pages link or pack, read by the load step."""

    source: dict[str, bytes] = field(default_factory=dict)  # the source package's files (data/sumber/...)
    attachments: dict[str, bytes] = field(default_factory=dict)  # files the package's items point at
    history: Any = None  # load.history.History: the package's versions


@dataclass
class PageContext:
    env: Environment
    t: Tables
    res: Results
    common: dict[str, Any]  # instansi, tahun, laporan, sintetis: passed to every template
    inputs: Inputs
    options: RenderOptions
    memo: dict = field(default_factory=dict)  # indexes built once per package and shared by its pages

    @property
    def year(self) -> int:
        return self.t.settings.tahun_laporan


class PerPackage:
    """Readings built once per package: the first `Cls(ctx)` builds one (`_build`), every later call with
    the same context gets that same object from `ctx.memo`. Pages read them; none changes them."""

    def __new__(cls, ctx: PageContext):
        made = ctx.memo.get(cls)
        if made is None:
            made = super().__new__(cls)
            made._build(ctx)
            ctx.memo[cls] = made
        return made

    def __init__(self, ctx: PageContext):
        pass  # built by __new__, once

    def _build(self, ctx: PageContext) -> None:
        raise NotImplementedError


@dataclass
class PageSet:
    """What one page module makes."""

    pages: dict[str, str] = field(default_factory=dict)  # relative path → Markdown/CSV/JSON/SVG text
    nav: list = field(default_factory=list)  # MkDocs nav entries, e.g. [{"Anggaran": "anggaran.md"}]
    files: dict[str, bytes] = field(default_factory=dict)  # binary files, e.g. the source ZIP
    meta: dict[str, dict] = field(default_factory=dict)  # page path → <head> metadata (render/head.py), e.g. JSON-LD


@dataclass
class Site:
    """Everything one package (or a catalog) publishes, in memory: pages, files, navigation, and the facts
    the theme prints on every page."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    site_name: str = "Kinerja Terbuka"
    files: dict[str, bytes] = field(default_factory=dict)
    package: dict = field(default_factory=dict)  # the source package's name, title, version, created
    extra: dict = field(default_factory=dict)  # theme facts (header, footer), already escaped
    epoch: int = 0  # SOURCE_DATE_EPOCH: the data's own date
    tahunan: set[str] = field(default_factory=set)  # pages of the report year (framed and archived per year)
