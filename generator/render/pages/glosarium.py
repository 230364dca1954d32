"""The glossary (`glosarium.md`): every term the portal explains where a page first uses it
(`render/istilah.py`), in plain Bahasa, grouped by topic, with this package's own scales for the
capaian categories and the service quality (mutu)."""
from __future__ import annotations

from markupsafe import Markup

from generator import fmt
from generator.domain.values import present, row_dicts
from generator.render.context import PageContext, PageSet
from generator.render.istilah import PATH, anchor

GROUPS = (
    ("Kinerja", ("sasaran", "indikator", "iku", "target", "realisasi", "capaian", "kategori", "predikat", "dibawa",
                 "sementara", "belum_tersedia", "pohon", "tahap_pohon", "triwulan")),
    ("Dokumen", ("renstra", "rkt", "pk", "pemilik", "lkjip", "sakip", "lhe")),
    ("Anggaran", ("pagu", "serapan", "rencana_penarikan", "silpa", "efisiensi", "program")),
    ("Kepuasan masyarakat", ("skm", "ikm", "nrr", "mutu")),
    ("Indeks yang sering dipakai", ("spbe", "ips", "kami")),
    ("Keterbukaan informasi", ("ppid", "dip", "berkala", "kedaluwarsa")),
    ("Lain-lain", ("opd", "skpd", "asn", "kemenpanrb", "bssn")),
)


def _scale(ctx: PageContext, scale_id) -> dict | None:
    t = ctx.t
    found = t["skala"][t["skala"]["id"] == scale_id]
    if not len(found):
        return None
    classes = row_dicts(t["skala_kelas"][t["skala_kelas"]["skala"] == scale_id].sort_values("urutan"))
    # A top class without an upper bound holds every value above its floor; its printed range (">90-100")
    # does not say so, and a reader of "capaian 115% (AA)" meets it.
    open_above = [{"label": c["label"], "bawah": fmt.angka(c["batas_bawah"], None), "inklusif": present(c["bawah_inklusif"]) and bool(c["bawah_inklusif"])}
                  for c in classes if present(c["batas_bawah"]) and not present(c["batas_atas"])]
    return {"nama": found.iloc[0]["nama"], "sumber": found.iloc[0]["sumber"], "kelas": classes, "terbuka": open_above}


def build(ctx: PageContext) -> PageSet:
    terms = ctx.common["glosarium"]
    groups = [{"judul": title, "istilah": [{"id": Markup(anchor(k)), "judul": terms[k][0], "arti": terms[k][1]}
                                           for k in keys]} for title, keys in GROUPS]
    settings = ctx.t.settings
    page = ctx.env.get_template("glosarium.md.j2").render(
        grup=groups, kategori=_scale(ctx, settings.skala_kategori_capaian), mutu=_scale(ctx, settings.skala_mutu_ikm),
        **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Glosarium": PATH}])
