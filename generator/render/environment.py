"""The Jinja2 environment every page template renders in.

Every value a template prints is escaped by `finalize` (`escape.md`) unless it is `Markup`; templates
hold markup, Python holds logic. One environment per process: templates compile once, not once per
package (a catalog renders dozens); nothing mutates it after creation.
"""
from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import fmt
from generator.render.escape import attr, md


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator.render", "templates"), undefined=StrictUndefined,
                      finalize=md, autoescape=False, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(angka=fmt.angka, persen=fmt.persen, rupiah=fmt.rupiah,
                       rupiah_singkat=fmt.rupiah_singkat, tanggal=fmt.tanggal,
                       attr=lambda value: Markup(attr(value)))
    return env
