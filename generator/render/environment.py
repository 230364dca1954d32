"""The Jinja2 environment every page template renders in.

Every value a template prints is escaped by `finalize` (`escape.md`) unless it is `Markup`; templates
hold markup, Python holds logic. One environment per process (per folder that keeps compiled templates):
templates compile once, not once per package (a catalog renders dozens); nothing mutates it after creation.
"""
from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import cache, fmt
from generator.render.escape import attr, md
from generator.render.words import serapan_text


@functools.lru_cache(maxsize=8)
def environment(templates: str | None = None) -> Environment:
    """`templates`: a folder that keeps the compiled templates for the next process (a build's workspace
    cache, `cache.template_bytecode`); compiling them is a fixed cost of every `kinerja build`."""
    env = Environment(loader=PackageLoader("generator.render", "templates"), undefined=StrictUndefined,
                      finalize=md, autoescape=False, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=cache.template_bytecode(Path(templates) if templates else None))
    env.filters.update(angka=fmt.angka, persen=fmt.persen, rupiah=fmt.rupiah,
                       rupiah_singkat=fmt.rupiah_singkat, tanggal=fmt.tanggal,
                       attr=lambda value: Markup(attr(value)),
                       daftar=lambda items: Markup(fmt.daftar(md(i) for i in items)),
                       tebal=lambda value: Markup(f"**{md(value)}**"),
                       serapan=serapan_text)
    return env
