"""The PPID section (`ppid/`): Profil PPID, the Daftar Informasi Publik (one table, grouped and
filterable by category) and one page per category, the yearly service report with charts, the
service standard with the procedures to request information and to object, and the disclosure
checklist for Komisi Informasi reviewers. Publishes `data/dip.csv`, `data/kepatuhan.csv` and
`data/layanan_informasi.csv`.

What the package lacks is said as lacking: the checklist marks it `belum tersedia`, the service
report says there is no record; nothing is filled in.
"""
from __future__ import annotations

import html
import re

import pandas as pd
from markupsafe import Markup

from generator import fmt
from generator.compute.ppid import counts as checklist_counts
from generator.domain import ppid
from generator.domain.dates import data_date
from generator.domain.values import present, row_dicts
from generator.load.files import published_path
from generator.render import charts as charts_api
from generator.render import open_data
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import KATEGORI_PATH, PORTAL_PAGES, PPID, built_url, html_link, md_link, portal_page
from generator.render.words import BENTUK_INFORMASI

ROOT = PPID
DIP = "ppid/dip.md"
LAYANAN = "ppid/laporan-layanan.md"
STANDAR = "ppid/standar-layanan.md"
KEPATUHAN = "ppid/kepatuhan.md"
KATEGORI_PENJELASAN = {
    "berkala": "diumumkan secara rutin tanpa menunggu permintaan, dan diperbarui paling sedikit setiap enam bulan",
    "serta_merta": "diumumkan seketika bila menyangkut hajat hidup orang banyak dan ketertiban umum, "
                   "misalnya bencana, wabah atau gangguan layanan publik",
    "setiap_saat": "tersedia dan diberikan kepada siapa pun yang memintanya",
    "dikecualikan": "tidak dapat diberikan kepada pemohon karena alasan pengecualian undang-undang; setiap "
                    "pengecualian disertai dasar hukum dan uji konsekuensi",
}
STATUS_KELAS = {ppid.TERSEDIA: "tersedia", ppid.KEDALUWARSA: "kedaluwarsa", ppid.BELUM: "belum"}


def _dash(value, kosong: str = "belum diisi") -> str:
    return str(value) if present(value) and str(value).strip() else kosong


def target(item: dict) -> str | None:
    """Where an item's information is: a page of the portal, else its published file (source paths)."""
    if present(item.get("halaman")):
        return portal_page(item["halaman"])
    return published_path(item.get("berkas"))


def site_url(item: dict) -> str:
    """The item's address relative to the site root, for the published CSVs."""
    where = target(item)
    return built_url(where) or "./" if where else ""


def _row(item: dict, page: str) -> dict:
    where = target(item)
    made = ", ".join(v for v in (_dash(item["waktu_pembuatan"], ""), _dash(item["tempat_pembuatan"], "")) if v)
    text = " ".join(str(item[k]) for k in ("judul", "ringkasan", "pejabat_penguasa", "penanggung_jawab") if present(item[k]))
    return {
        # Printed inside an attribute: quotes escaped too (the environment's Markdown escape leaves them).
        **item, "teks": Markup(html.escape(re.sub(r"\s+", " ", text.lower()), quote=True)),
        "tautan": html_link(where, page) if where else None,
        "jenis": ppid.JENIS_WAJIB[item["jenis_wajib"]][0] if present(item["jenis_wajib"]) else None,
        "dibuat": made or "belum diisi",
        "bentuk_teks": BENTUK_INFORMASI.get(item["bentuk"], _dash(item["bentuk"])),
        "retensi_teks": _dash(item["retensi"], "belum ditetapkan"),
        "diperbarui_teks": fmt.tanggal(item["diperbarui"]) if present(item["diperbarui"]) else None,
        "permohonan": html_link(STANDAR + "#prosedur-permohonan", page),
    }


def _groups(dip: pd.DataFrame, page: str, only: str | None = None) -> list[dict]:
    out = []
    for code, label in ppid.KATEGORI.items():
        if only and code != only:
            continue
        mine = dip[dip["kategori"] == code]
        out.append({"kode": code, "judul": label, "penjelasan": KATEGORI_PENJELASAN[code],
                    "halaman": md_link(KATEGORI_PATH[code], page),
                    "baris": [_row(r, page) for r in row_dicts(mine)]})
    return out


def _checklist(res, page: str) -> list[dict]:
    rows = []
    for r in row_dicts(res.kepatuhan):
        where = target(r)
        rows.append({**r, "kelas": Markup(STATUS_KELAS[r["status"]]),
                     "tautan": html_link(where, page) if where else None,
                     "diperbarui_teks": fmt.tanggal(r["diperbarui"]) if present(r["diperbarui"]) else "–"})
    return rows


def _service(ctx: PageContext, files: dict[str, str]) -> tuple[list[dict], Markup | None, Markup | None]:
    frame = ctx.res.layanan
    limits = ctx.t.settings.ppid
    rows = []
    for r in row_dicts(frame):
        rows.append({**r, "persen": fmt.persen(r["persen_dipenuhi"]) if present(r["persen_dipenuhi"]) else "–",
                     "rata": fmt.angka(r["rata_rata_hari"], None) if present(r["rata_rata_hari"]) else "–",
                     "maks": fmt.angka(r["maks_hari"], 0) if present(r["maks_hari"]) else "–",
                     "tanggal": fmt.tanggal(r["tanggal_laporan"]) if present(r["tanggal_laporan"]) else None,
                     "laporan": md_link(published_path(r["berkas"]), LAYANAN) if present(r["berkas"]) else None})
    if not rows:
        return rows, None, None
    outcome = charts_api.layanan_permohonan("layanan-permohonan", "Permohonan informasi menurut hasilnya", frame)
    times = charts_api.waktu_layanan("layanan-waktu", "Waktu menjawab permohonan (hari kerja)", frame,
                                     limits.hari_jawab, limits.batas_jawab)
    placed = [charts_api.embed(chart, LAYANAN, ctx.options.static_svg, ctx.env) for chart in (outcome, times)]
    for p in placed:
        files.update(p.files)
    return rows, placed[0].html, placed[1].html


def _standard(ctx: PageContext) -> dict:
    frame = ctx.t["standar_layanan"].sort_values(["unsur", "urutan"], kind="stable")
    by = {code: [{**r, "tautan": md_link(published_path(r["berkas"]), STANDAR) if present(r["berkas"]) else None,
                  "diperbarui_teks": fmt.tanggal(r["diperbarui"]) if present(r["diperbarui"]) else None}
                 for r in row_dicts(frame[frame["unsur"] == code])]
          for code in ppid.UNSUR_STANDAR}
    law = ppid.statutory_days(ctx.t.settings.ppid)
    waktu = [{"unsur": ppid.UNSUR_STANDAR[k], "uu": law[k],
              "instansi": (f"{by[k][0]['hari_kerja']} hari kerja" if by[k] and present(by[k][0]["hari_kerja"]) else "belum ditetapkan")}
             for k in ppid.WAKTU]
    return {"unsur": by, "nama": ppid.UNSUR_STANDAR, "waktu": waktu}


def _csv(frame: pd.DataFrame, name: str) -> str:
    """A published table with each item's address on the site (`tautan`)."""
    records = row_dicts(frame)
    for r in records:
        r["tautan"] = site_url(r)
    return open_data.csv_text(name, pd.DataFrame(records, columns=list(frame.columns) + ["tautan"]))


def build(ctx: PageContext) -> PageSet:
    t, res, env, common = ctx.t, ctx.res, ctx.env, ctx.common
    limits = t.settings.ppid
    today = data_date(t)
    counts = checklist_counts(res.kepatuhan)
    dip = res.dip
    files: dict[str, str] = {}
    pages: dict[str, str] = {}
    base = {**common, "hari_ini": fmt.tanggal(today) if today else "–", "batas": limits, "jumlah": counts,
            "jumlah_dip": len(dip), "bulan": limits.bulan_kedaluwarsa}
    links = {key: md_link(path, ROOT) for key, path in PORTAL_PAGES.items()}
    standar = _standard(ctx)
    pages[ROOT] = env.get_template("ppid_profil.md.j2").render(istilah=Istilah(ROOT, ctx.common["glosarium"], ctx.env),
        profil=standar["unsur"]["profil_ppid"], kontak=standar["unsur"]["kontak"],
        jam=standar["unsur"]["jam_layanan"], tautan=links,
        kategori=[{"judul": label, "tautan": md_link(KATEGORI_PATH[k], ROOT),
                   "jumlah": int((dip["kategori"] == k).sum()), "penjelasan": KATEGORI_PENJELASAN[k]}
                  for k, label in ppid.KATEGORI.items()], **base)
    pages[DIP] = env.get_template("ppid_dip.md.j2").render(
        judul="Daftar Informasi Publik", grup=_groups(dip, DIP), saring=True, satu=None,
        unduh=md_link("data/dip.csv", DIP), kepatuhan=md_link(KEPATUHAN, DIP),
        standar=md_link(STANDAR, DIP), **base)
    for code, path in KATEGORI_PATH.items():
        pages[path] = env.get_template("ppid_dip.md.j2").render(
            judul=ppid.KATEGORI[code], grup=_groups(dip, path, only=code), saring=False, satu=code,
            unduh=md_link("data/dip.csv", path), kepatuhan=md_link(KEPATUHAN, path),
            standar=md_link(STANDAR, path), daftar=md_link(DIP, path), **base)
    rows, outcome_chart, time_chart = _service(ctx, files)
    pages[LAYANAN] = env.get_template("ppid_layanan.md.j2").render(
        tahun_layanan=rows, grafik_hasil=outcome_chart, grafik_waktu=time_chart,
        unduh=md_link("data/layanan_informasi.csv", LAYANAN), kepatuhan=md_link(KEPATUHAN, LAYANAN), **base)
    pages[STANDAR] = env.get_template("ppid_standar.md.j2").render(
        **standar, kepatuhan=md_link(KEPATUHAN, STANDAR), profil=md_link("profil.md", STANDAR), istilah=Istilah(STANDAR, ctx.common["glosarium"], ctx.env),
        **base)
    pages[KEPATUHAN] = env.get_template("ppid_kepatuhan.md.j2").render(istilah=Istilah(KEPATUHAN, ctx.common["glosarium"], ctx.env),
        baris=_checklist(res, KEPATUHAN), unduh=md_link("data/kepatuhan.csv", KEPATUHAN),
        unduh_dip=md_link("data/dip.csv", KEPATUHAN), dip=md_link(DIP, KEPATUHAN), **base)
    pages["data/dip.csv"] = _csv(dip, "dip")
    pages["data/kepatuhan.csv"] = _csv(res.kepatuhan, "kepatuhan")
    pages["data/layanan_informasi.csv"] = open_data.csv_text("layanan_informasi", res.layanan)
    nav = [{"PPID": [{"Profil PPID": ROOT}, {"Daftar Informasi Publik": DIP},
                     *({ppid.KATEGORI[k]: p} for k, p in KATEGORI_PATH.items()),
                     {"Laporan layanan informasi": LAYANAN}, {"Standar layanan": STANDAR},
                     {"Kepatuhan keterbukaan informasi": KEPATUHAN}]}]
    return PageSet(pages={**pages, **files}, nav=nav)

