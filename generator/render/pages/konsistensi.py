"""Where the report contradicts itself (`konsistensi.md`): every printed figure that the recomputation
does not reproduce beyond its rounding, with both places it comes from; then the findings of a
line-by-line reading of the report that no recomputation can make (the package's `temuan`), each with
both places, the arithmetic and the simplest explanation. A finding that explains computed rows (two
typos behind six budget rows) is linked from them. Publishes `data/temuan.csv`."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from generator.domain.sakip import TEMUAN
from generator.domain.values import present
from generator.render import open_data
from generator.render.context import PageContext, PageSet
from generator.render.links import md_link

PATH = "konsistensi.md"
CSV = "data/temuan.csv"


def explained_rows(kons: pd.DataFrame, temuan: pd.DataFrame) -> dict[str, list[int]]:
    """Per finding, the numbers of the computed rows it explains: rows whose `rujukan` names one of the
    ids in the finding's `menjelaskan`."""
    out: dict[str, list[int]] = {}
    for f in temuan.to_dict("records"):
        ids = {x.strip() for x in str(f["menjelaskan"] or "").split(";") if x.strip()}
        if not ids:
            continue
        out[f["id"]] = [int(r["no"]) for r in kons.to_dict("records")
                        if ids & {x.strip() for x in str(r["rujukan"] or "").split(",")}]
    return out


def build(ctx: PageContext) -> PageSet:
    kons = ctx.res.konsistensi
    temuan = ctx.t["temuan"]
    explains = explained_rows(kons, temuan)
    by_row: dict[int, list[str]] = {}
    for fid, numbers in explains.items():
        for n in numbers:
            by_row.setdefault(n, []).append(fid)
    rows = [{**r, "temuan": [Markup(f"#temuan-{fid}") for fid in by_row.get(int(r["no"]), [])]}
            for r in kons.to_dict("records")]
    findings = [{**f, "anchor": Markup("{#temuan-" + f["id"] + "}"), "jenis_kata": TEMUAN.get(f["jenis"], f["jenis"]),
                 "baris": explains.get(f["id"], [])} for f in temuan.to_dict("records")]
    page = ctx.env.get_template("konsistensi.md.j2").render(
        baris=rows, temuan=findings, unduh_temuan=md_link(CSV, PATH), **ctx.common)
    published = temuan.assign(menjelaskan=[", ".join(str(n) for n in explains.get(i, [])) or None
                                           if present(m) else None for i, m in zip(temuan["id"], temuan["menjelaskan"])])
    return PageSet(pages={PATH: page, CSV: open_data.csv_text("temuan", published)}, nav=[{"Catatan konsistensi": PATH}])
