"""Where the report contradicts itself (`konsistensi.md`): every printed figure that the recomputation
does not reproduce beyond its rounding, with both places it comes from."""
from __future__ import annotations

from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah

PATH = "konsistensi.md"


def build(ctx: PageContext) -> PageSet:
    page = ctx.env.get_template("konsistensi.md.j2").render(baris=ctx.res.konsistensi.to_dict("records"),
                                                         istilah=Istilah(PATH), **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Catatan konsistensi": PATH}])
