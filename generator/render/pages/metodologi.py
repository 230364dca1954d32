"""How every figure is computed (`metodologi.md`), with this package's own conventions: the scales it
uses, its averaging cap, the precedence of its target documents."""
from __future__ import annotations

from generator import fmt
from generator.domain.values import row_dicts
from generator.render.context import PageContext, PageSet
from generator.render.words import AKUMULASI, JENIS_DOKUMEN, STATUS_PROGRES

PATH = "metodologi.md"


def _scales(ctx: PageContext) -> list[dict]:
    t = ctx.t
    used = set(t["indikator"]["skala"].dropna()) | {t.settings.skala_kategori_capaian, t.settings.skala_mutu_ikm}
    out = []
    for s in row_dicts(t["skala"]):
        if s["id"] in used:
            classes = t["skala_kelas"][t["skala_kelas"]["skala"] == s["id"]].sort_values("urutan")
            out.append({**s, "kelas": row_dicts(classes)})
    return out


def _conventions(ctx: PageContext) -> dict:
    cap = ctx.t.settings.batas_capaian_rata_rata
    return {
        "batas_text": (f"Untuk rata-rata, capaian di atas {fmt.angka(cap, None)}% dihitung sebagai {fmt.angka(cap, None)}% (konvensi paket)."
                       if cap else "Paket ini tidak membatasi capaian untuk rata-rata."),
        "urutan": ", ".join(JENIS_DOKUMEN.get(k, k) for k in ctx.t.settings.urutan_dokumen_target),
        # the quarterly rules the Progres page points to, in the words its statuses are shown in
        "triwulan": {"akumulasi": list(AKUMULASI.values()), "status": STATUS_PROGRES}
        if len(ctx.t["target_triwulan"]) or len(ctx.t["realisasi_triwulan"]) else None,
    }


def build(ctx: PageContext) -> PageSet:
    page = ctx.env.get_template("metodologi.md.j2").render(skala=_scales(ctx), **_conventions(ctx), **ctx.common)
    return PageSet(pages={PATH: page}, nav=[{"Metodologi": PATH}])
