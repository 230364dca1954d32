"""The roll-up as a small static site: an overview with a row per source, a page per source with a row
per agency linking to its own portal, the comparability notes, and every table as open data.

A page per source, not per agency: nationally that is ~500 pages of ~36 rows, where a page per agency
would be 18.000 pages repeating what each portal already publishes. Output is Markdown and files in a
`Site`, published by the same steps as a portal (`publish.publish`).
"""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from markupsafe import Markup

from generator import __version__, fmt
from generator.domain.values import present, row_dicts
from generator.publish.catalog import group_members
from generator.render.context import Site
from generator.render.environment import environment
from generator.render.escape import title_text
from generator.rollup.catalog import Rollup
from generator.rollup.harvest import Agency
from generator.rollup.tables import OUTPUT, csv_text

NOTES = "catatan.md"
BELUM = "belum tersedia"


def source_page(source_id: str) -> str:
    return f"sumber/{source_id}.md"


def descriptor(rollup: Rollup, sintetis: bool, created: str) -> str:
    resources = [{
        "name": name, "path": f"{name}.csv", "type": "table", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "title": spec["title"],
        "schema": {"fields": [{"name": col, "type": kind, "description": desc}
                              for col, (kind, _places, desc) in spec["columns"].items()]},
    } for name, spec in OUTPUT.items()]
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "rekap-kinerja",
        "title": rollup.judul + (" (DATA SINTETIS)" if sintetis else ""),
        "description": "Rekap capaian, serapan anggaran, IKM dan kepatuhan keterbukaan informasi lintas perangkat "
                       f"daerah, dihitung Kinerja Terbuka {__version__} dari data terbuka setiap portal. Angkanya tidak "
                       "sebanding satu lawan satu: lihat halaman Catatan perbandingan.",
        "created": created,
        "sources": [{"title": s.nama, **({"path": s.alamat} if s.alamat else {})} for s in rollup.sumber],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _latest(agencies: list[Agency]) -> tuple[str, int]:
    """The newest data date among the agencies (ISO text) and as SOURCE_DATE_EPOCH."""
    stamps = []
    for a in agencies:
        try:
            stamp = dt.datetime.fromisoformat(a.created.replace("Z", "+00:00"))
        except ValueError:
            continue
        stamps.append(stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc))
    if not stamps:
        return "", 0
    latest = max(stamps)
    return latest.isoformat().replace("+00:00", "Z"), int(latest.timestamp())


def _by_agency(frame: pd.DataFrame, year: dict, per_year: bool = True) -> dict[tuple[str, str], list[dict]]:
    """Rows of a table keyed by agency, in the year the roll-up counts it in (`tables.recap_years`)."""
    out: dict[tuple[str, str], list[dict]] = {}
    for r in row_dicts(frame):
        key = (r["sumber"], r["opd"])
        if not per_year or r["tahun"] == year.get(key):
            out.setdefault(key, []).append(r)
    return out


def _ikm_text(rows: list[dict]) -> str:
    """Every survey of the year: the source's median counts each one, so the agency's row shows each one."""
    shown = [fmt.angka(i["ikm"]) + (f" ({i['mutu']})" if present(i.get("mutu")) else "") for i in rows if present(i.get("ikm"))]
    if len(shown) > 1:
        shown = [f"{i['layanan'] if present(i.get('layanan')) else i['survei']}: {text}" for i, text in zip(rows, shown)]
    return "; ".join(shown) or BELUM


def build(rollup: Rollup, agencies: list[Agency], tables: dict[str, pd.DataFrame]) -> Site:
    env = environment()
    # Synthetic data is said where it is shown, and only there: a roll-up of a real package and a synthetic
    # kabupaten labelled the real agency's page "data sintetis, bukan data resmi".
    made_up = {s.id for s in rollup.sumber if rollup.sintetis or any(a.sintetis for a in agencies if a.sumber == s.id)}
    sintetis = bool(made_up)  # the published data package holds synthetic rows
    every = rollup.sintetis or (bool(agencies) and len(made_up) == len(rollup.sumber))  # every figure is synthetic
    created, epoch = _latest(agencies)
    site = Site(site_name=title_text(rollup.judul), package={"name": "rekap-kinerja", "title": rollup.judul,
                                                             "version": "", "created": created})
    for name in OUTPUT:
        site.pages[f"data/{name}.csv"] = csv_text(name, tables[name])
    site.pages["data/datapackage.json"] = descriptor(rollup, sintetis, created)
    inst = tables["instansi"]
    counted = {(s, o): (int(y) if present(y) else None) for s, o, y in zip(inst["sumber"], inst["opd"], inst["tahun_rekap"])}
    capaian = _by_agency(tables["capaian"], counted)
    serapan = _by_agency(tables["serapan"], counted)
    ikm = _by_agency(tables["ikm"], counted)
    kepatuhan = _by_agency(tables["kepatuhan"], counted, per_year=False)
    nav = []
    for source in rollup.sumber:
        rows = []
        for a in (a for a in agencies if a.sumber == source.id):
            key = (a.sumber, a.id)
            c, s, k = (table.get(key, [{}])[0] for table in (capaian, serapan, kepatuhan))
            year = counted.get(key)
            rows.append({
                "nama": a.nama, "portal": a.portal, "tahun": year or "–",
                "berjalan": a.tahun_laporan if year and a.tahun_laporan and a.tahun_laporan != year else None,
                "batas": fmt.angka(a.batas_capaian, None) if a.batas_capaian is not None else "",
                "capaian": (fmt.persen(c["rata_rata_iku"]) + (f" ({c['kategori_iku']})" if present(c.get("kategori_iku")) else ""))
                if present(c.get("rata_rata_iku")) else BELUM,
                "tercapai": f"{int(c['tercapai'])} dari {int(c['dengan_data'])}" if present(c.get("dengan_data")) else BELUM,
                "serapan": fmt.persen(s["serapan"]) if present(s.get("serapan")) else BELUM,
                "ikm": _ikm_text(ikm.get(key, [])),
                "kepatuhan": f"{int(k['tersedia'])} dari {int(k['item'])} item" if present(k.get("item")) else BELUM,
            })
        site.pages[source_page(source.id)] = env.get_template("rekap_sumber.md.j2").render(
            sumber=source, baris=rows, portal=source.alamat, sintetis=source.id in made_up, beranda="../index.md",
            catatan=f"../{NOTES}")
        nav.append((source.nama, {title_text(source.nama): source_page(source.id)}))
    regions = []
    for r in row_dicts(tables["wilayah"]):
        source = next(s for s in rollup.sumber if s.id == r["sumber"])
        regions.append({
            "nama": r["nama"], "halaman": Markup(f"sumber/{r['sumber']}/"), "portal": source.alamat, "opd": r["opd"],
            "capaian": fmt.persen(r["median_rata_rata_iku"]) if present(r["median_rata_rata_iku"]) else BELUM,
            "serapan": fmt.persen(r["serapan"]) if present(r["serapan"]) else BELUM,
            "serapan_dari": (f"{int(r['opd_anggaran'])} dari {r['opd']} perangkat daerah"
                             if present(r["serapan"]) and int(r["opd_anggaran"]) < int(r["opd"]) else None),
            "ikm": fmt.angka(r["median_ikm"]) if present(r["median_ikm"]) else BELUM,
            "kepatuhan": fmt.persen(r["persen_tersedia"]) if present(r["persen_tersedia"]) else BELUM,
        })
    years = sorted({y for y in counted.values() if y})
    running = sum(1 for a in agencies if a.tahun_laporan and counted.get((a.sumber, a.id)) not in (None, a.tahun_laporan))
    site.pages["index.md"] = env.get_template("rekap_beranda.md.j2").render(
        rekap=rollup, baris=regions, sintetis=every, jumlah_opd=len(agencies), jumlah_sumber=len(rollup.sumber),
        sebagian=[s.nama for s in rollup.sumber if s.id in made_up] if not every else [],
        tahun=", ".join(str(y) for y in years) or "–", berjalan=running, catatan=NOTES, deskriptor="data/datapackage.json",
        tabel=[{"nama": f"{name}.csv", "judul": spec["title"], "tautan": f"data/{name}.csv"}
               for name, spec in OUTPUT.items()])
    site.pages[NOTES] = env.get_template("rekap_catatan.md.j2").render()
    site.nav = [{"Beranda": "index.md"}, {"Sumber": group_members(nav)}, {"Catatan perbandingan": NOTES}]
    site.epoch = epoch
    site.extra = {"sintetis": every, "instansi": title_text(rollup.judul),
                  "pemerintah_daerah": title_text(rollup.wilayah),
                  "sumber": title_text(f"Data terbuka {len(agencies)} perangkat daerah dari {len(rollup.sumber)} sumber"),
                  "lisensi": "", "umpan": "",
                  "diperbarui": fmt.tanggal(dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date())}
    return site
