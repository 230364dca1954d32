"""The page registry: every kind of portal page, in the order the navigation lists them.

Each module has the same contract, which is the whole interface between the render step and a page:

    def build(ctx: PageContext) -> PageSet

`ctx` holds the loaded tables, the computed results, the bytes the build read (source files,
attachments, history) and the build's options; the returned `PageSet` holds the module's pages (Markdown
and other text files by path), binary files, and its navigation entries. A module reads from `ctx` and
from the helper modules of `generator.render` (lookup, links, values, words, charts, escape), never from
another page module's internals or from files, and computes no figure itself: figures come from
`ctx.res`. So a module rendered alone (`render_site(modules=...)`) gives the pages it gives in the whole
site, and no two modules write the same file: chart ids name their page (`beranda-nrr-...` beside the
survey page's `nrr-...`). tests/test_pages.py checks both. To add a page: write a module with `build`, a
template in `render/templates/`, and add the module here where it belongs in the navigation.

A module may also have

    def start(ctx: PageContext) -> None

called for every module before any is built: work it can set going on a thread of its own and take up
in `build` (through `ctx.memo`), such as typesetting a PDF while the other pages render (`lkjip`).
"""
from __future__ import annotations

from generator.render.pages import (anggaran, beranda, data_terbuka, glosarium, indikator, konsistensi, lke,
                                    lkjip, metadata, metodologi, monev_ki, peninjau, pohon, pohon_cara, pohon_lintas,
                                    pohon_pemilik, pohon_peta, ppid, profil, riwayat, sasaran, survei, triwulan)

# lkjip, lke, monev_ki and metadata add no navigation of their own: peninjau lists them in one group.
# The tree's pages (pohon_cara, pohon_peta, pohon_pemilik, pohon_lintas) come right after `pohon`, which lists them
# in its navigation section.
REGISTRY = (beranda, profil, sasaran, triwulan, pohon, pohon_cara, pohon_peta, pohon_pemilik, pohon_lintas, indikator,
            anggaran, survei, ppid, data_terbuka, riwayat, metodologi, glosarium, konsistensi, lkjip, lke, monev_ki,
            metadata, peninjau)
# Pages about one report year: published again for every year of the archive (`<year>/...`), the year's
# Laporan Kinerja and its SAKIP pre-check included (while a year runs they are under the last closed year), and
# the glossary its pages link to. The others (profile, PPID and its KI evidence, update history, indicator
# metadata) describe the agency and its package as they are now.
YEARLY = (beranda, sasaran, triwulan, pohon, pohon_cara, pohon_peta, pohon_pemilik, pohon_lintas, indikator, anggaran,
          survei, data_terbuka, metodologi, glosarium, konsistensi, lkjip, lke)
