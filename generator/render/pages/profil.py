"""The agency's profile (`profil.md`): identity, leadership, vision, mission, functions and its units."""
from __future__ import annotations

import re

from generator.domain.values import present, row_dicts
from generator.render.context import PageContext, PageSet

PATH = "profil.md"
NAMED = re.compile(r"(provinsi|daerah khusus|daerah istimewa)\b", re.IGNORECASE)  # already says what it is


def province_name(province) -> str:
    """The province as a sentence names it: "Provinsi Kepulauan Bangka Belitung" from the data's "Kepulauan
    Bangka Belitung"; a value that already says "Provinsi …" (or is DKI Jakarta's "Daerah Khusus …", or
    Yogyakarta's "Daerah Istimewa …") is kept as written (it said "Provinsi Provinsi Contoh")."""
    name = str(province).strip()
    return name if NAMED.match(name) else f"Provinsi {name}"


def build(ctx: PageContext) -> PageSet:
    province = ctx.common["instansi"].get("provinsi")
    page = ctx.env.get_template("profil.md.j2").render(unit=row_dicts(ctx.t["unit_kerja"]),
                                                       provinsi=province_name(province) if present(province) else None,
                                                       **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Profil": PATH}])
