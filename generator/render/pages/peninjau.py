"""The navigation group for reviewers ("Untuk peninjau"): the generated Laporan Kinerja, the SAKIP
pre-check, the Komisi Informasi evidence pack, indicator metadata and the datasets. The pages are made
by their own modules; this one only lists them, in one place of the navigation."""
from __future__ import annotations

from generator.render.context import PageContext, PageSet
from generator.render.pages import lke, lkjip, metadata, monev_ki


def build(ctx: PageContext) -> PageSet:
    last = ctx.common["laporan_terakhir"]
    if not lkjip.applies(ctx):
        report = []
    elif last is not None and last != ctx.year:  # the year's report is not out: the latest one, in the archive
        report = [{f"Laporan Kinerja {last}": f"{last}/{lkjip.PATH}"}, {f"Pra-evaluasi SAKIP {last} (LKE)": f"{last}/{lke.PATH}"}]
    else:
        report = [{f"Laporan Kinerja {ctx.year}": lkjip.PATH}, {"Pra-evaluasi SAKIP (LKE)": lke.PATH}]
    return PageSet(nav=[{"Untuk peninjau": [
        *report,
        {"Bukti monev keterbukaan informasi": monev_ki.PATH},
        {"Metadata indikator (MS-Ind)": metadata.PATH},
        {"Dataset: paket data sumber": metadata.dataset_path("paket-sumber")},
        {"Dataset: hasil perhitungan": metadata.dataset_path("hasil-perhitungan")},
    ]}])
