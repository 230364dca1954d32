"""The navigation group for reviewers ("Untuk peninjau"): the generated Laporan Kinerja, the SAKIP
pre-check, the Komisi Informasi evidence pack, indicator metadata and the datasets. The pages are made
by their own modules; this one only lists them, in one place of the navigation."""
from __future__ import annotations

from generator.render.context import PageContext, PageSet
from generator.render.pages import lke, lkjip, metadata, monev_ki


def build(ctx: PageContext) -> PageSet:
    report = [{f"Laporan Kinerja {ctx.year}": lkjip.PATH}, {"Pra-evaluasi SAKIP (LKE)": lke.PATH}] \
        if lkjip.applies(ctx) else []
    return PageSet(nav=[{"Untuk peninjau": [
        *report,
        {"Bukti monev keterbukaan informasi": monev_ki.PATH},
        {"Metadata indikator (MS-Ind)": metadata.PATH},
        {"Dataset: paket data sumber": metadata.dataset_path("paket-sumber")},
        {"Dataset: hasil perhitungan": metadata.dataset_path("hasil-perhitungan")},
    ]}])
