"""The Komisi Informasi evidence pack (`ppid/bukti-monev.md`, `data/bukti_monev.csv`): every item a
monev verifier opens on a website, by SAQ indicator, with its permanent link (absolute when the site's
address is known), the date it was last updated and its status (compute/ppid.py: evidence_pack).
Printable as a page; kept as a CSV."""
from __future__ import annotations

from markupsafe import Markup

from generator import fmt
from generator.compute.ppid import counts
from generator.domain import ppid
from generator.domain.dates import data_date
from generator.domain.values import present, row_dicts
from generator.load.files import published_path
from generator.render import open_data
from generator.render.context import PageContext, PageSet
from generator.render.istilah import Istilah
from generator.render.links import built_url, html_link, md_link, portal_page

PATH = "ppid/bukti-monev.md"
CSV = "data/bukti_monev.csv"
KELAS = {ppid.TERSEDIA: "tersedia", ppid.KEDALUWARSA: "kedaluwarsa", ppid.BELUM: "belum"}
def where(item: dict) -> str | None:
    page = portal_page(item.get("halaman")) if present(item.get("halaman")) else None
    return page or published_path(item.get("berkas"))


def permalink(site_url: str | None, source: str) -> str:
    """The address a reviewer keeps: absolute under the site's address when known, else from the root."""
    path = built_url(source)
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def build(ctx: PageContext) -> PageSet:
    frame = ctx.res.bukti_monev
    today = data_date(ctx.t)
    site = ctx.options.site_url
    rows = []
    for r in row_dicts(frame):
        source = where(r)
        rows.append({**r, "kelas": Markup(KELAS[r["status"]]),
                     "diperbarui_teks": fmt.tanggal(r["diperbarui"]) if present(r["diperbarui"]) else "–",
                     "href": html_link(source, PATH) if source else None,
                     "alamat": permalink(site, source) if source else None})
    groups = [{"nama": g, "baris": [r for r in rows if r["indikator_saq"] == g]} for g in ppid.SAQ]
    page = ctx.env.get_template("bukti_monev.md.j2").render(
        kelompok=[g for g in groups if g["baris"]], luar=ppid.SAQ_DI_LUAR_DATA, jumlah=counts(frame),
        hari_ini=fmt.tanggal(today) if today else "–", unduh=md_link(CSV, PATH), pdf=None, alamat=site,
        kepatuhan=md_link("ppid/kepatuhan.md", PATH), istilah=Istilah(PATH, ctx.common["glosarium"], ctx.env), **ctx.common)
    published = frame.assign(tautan=[r["alamat"] or "" for r in rows])
    return PageSet(pages={PATH: page, CSV: open_data.csv_text("bukti_monev", published)}, nav=[])
