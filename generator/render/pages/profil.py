"""The agency's profile (`profil.md`): identity, leadership, vision, mission, functions and its units."""
from __future__ import annotations

from generator.render.context import PageContext, PageSet

PATH = "profil.md"


def build(ctx: PageContext) -> PageSet:
    page = ctx.env.get_template("profil.md.j2").render(unit=ctx.t["unit_kerja"].to_dict("records"), **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Profil": PATH}])
