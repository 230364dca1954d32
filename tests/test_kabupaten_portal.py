"""One portal for many perangkat daerah: `kinerja contoh` (synthetic kabupaten) and the catalog build
(overview with every OPD, per-OPD pages, incremental rebuilds), and a single package unchanged."""
from __future__ import annotations

import re

import concurrent.futures
import csv
import functools
import http.server
import io
import json
import shutil
import threading
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, ROOT, Built, _shared, docs_of, prepared_src, visit_all
from conftest import tree_hashes as tree
from generator.compute.results import compute_all
from generator.publish import pipeline
from generator.render.context import RenderOptions
from generator.validate import validate_package


@pytest.fixture(scope="module")
def kabupaten(tmp_path_factory):
    """Two synthetic OPD (seed 11) and their catalog, made once per test run (every xdist worker reads the
    same folder): read it, or copy it to change it."""
    from generator.commands import main

    def make(folder: Path) -> Built:
        out = folder / "kabupaten"
        assert main(["contoh", "--opd", "2", "--tahun", "2023-2025", "--responden", "120", "--seed", "11",
                     "--out", str(out)]) == 0
        return Built(out, out)
    return _shared(tmp_path_factory, "kab-2-opd", make).site


# --- kinerja contoh ---------------------------------------------------------------------------------

def test_contoh_writes_valid_labelled_packages_and_a_catalog(kabupaten, run):
    catalog = json.loads((kabupaten / "katalog.json").read_text(encoding="utf-8"))
    assert catalog["sintetis"] is True and [m["id"] for m in catalog["anggota"]] == ["disdik", "dinkes"]
    status, out, _ = run("validate", kabupaten)
    assert status == 0 and out[-1] == "Paket data sah.", out
    for opd in ("disdik", "dinkes"):
        d = json.loads((kabupaten / opd / "datapackage.json").read_text(encoding="utf-8"))
        assert d["title"].startswith("SINTETIS: ") and d["kinerja"]["sintetis"] is True
        t = validate_package(kabupaten / opd).tables
        assert len(t["indikator"]) == 40 and int(t["indikator"]["iku"].sum()) == 8
        assert (t["indikator"]["polaritas"] == "rendah_lebih_baik").sum() >= 3
        assert dict(t["node"]["tingkat"].value_counts()) == {"sub_kegiatan": 48, "kegiatan": 16, "program": 8,
                                                              "sasaran": 4, "tujuan": 1}
        assert len(t["jawaban_survei"]) == 120 and set(t["realisasi"]["tahun"]) == {2023, 2024, 2025}
        assert (t["realisasi"]["status"] == "tidak_ada").sum() == 2
        assert all(s.startswith("Data sintetis") for s in t["anggaran"]["sumber"])
        # every budget parent is exactly the sum of its children, in every year
        ang, nodes = t["anggaran"], t["node"].set_index("id")
        for (doc, parent), group in ang.assign(induk=ang["node"].map(nodes["induk"])).groupby(["dokumen", "induk"]):
            row = ang[(ang["dokumen"] == doc) & (ang["node"] == parent)].iloc[0]
            spent = [x for x in group["realisasi"] if x is not None and x == x]  # a new PK has no realisasi yet
            assert sum(group["pagu"]) == row["pagu"]
            assert sum(spent) == row["realisasi"] if spent else row["realisasi"] is None or row["realisasi"] != row["realisasi"]


def test_contoh_is_deterministic_with_a_seed(tmp_path, run):
    for name, seed in (("a", "5"), ("b", "5"), ("c", "6")):
        status, _, err = run("contoh", "--opd", "1", "--tahun", "2024-2025", "--responden", "30", "--seed", seed,
                             "--out", tmp_path / name)
        assert status == 0, err
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a")["disdik/data/realisasi.csv"] != tree(tmp_path / "c")["disdik/data/realisasi.csv"]


def test_contoh_takes_one_year_as_a_range_of_one(tmp_path, run):
    """`--tahun 2025` was refused ("yang diharapkan misalnya 2021-2025"); it means 2025-2025."""
    for name, years in (("satu", "2025"), ("rentang", "2025-2025")):
        status, _, err = run("contoh", "--opd", "1", "--tahun", years, "--responden", "20", "--out", tmp_path / name)
        assert status == 0, err
        assert "(tahun 2025, 20 responden per OPD" in err[-1]
    assert tree(tmp_path / "satu") == tree(tmp_path / "rentang")
    outcome = pipeline.run(tmp_path / "satu" / "disdik", RenderOptions(static_svg=False, previews=False))
    assert outcome.ok, outcome.report.lines()
    page = outcome.site.pages["indikator/ind-s-1-2.md"]
    assert "## Periode Renstra 2025\n\n" in page  # a period of one year, not "2025–2025"


def test_contoh_rejects_bad_arguments(tmp_path, run):
    status, _, err = run("contoh", "--tahun", "2025-2021", "--out", tmp_path / "x")
    assert status == 2 and "--tahun '2025-2021' tidak sah" in err[-1]
    status, _, err = run("contoh", "--tahun", "2090-2100", "--out", tmp_path / "x")  # dated 2101: invalid
    assert (status, err) == (2, ["kinerja: kesalahan penggunaan: --tahun '2090-2100' tidak sah; yang diharapkan "
                                 "rentang seperti 2021-2025 atau satu tahun seperti 2025 (tahun 2000 sampai 2099)"])
    for given in ("2025-", "25", "2025–2026", "1999", "٢٠٢٥"):  # en dash, Arabic-Indic digits: not a year as typed here
        status, _, err = run("contoh", "--tahun", given, "--out", tmp_path / "x")
        assert status == 2 and f"--tahun '{given}' tidak sah" in err[-1], (given, err)
    for flag in ("--opd", "--responden"):  # a survey without answers gave an IKM of 0: an invalid package
        status, _, err = run("contoh", flag, "0", "--out", tmp_path / "x")
        assert (status, err) == (2, ["kinerja: kesalahan penggunaan: --opd dan --responden paling sedikit 1"])
    assert not (tmp_path / "x").exists()


def test_contoh_with_more_respondents_than_the_usual_population_is_valid(tmp_path, run):
    """A load test with 26.000 answers gave 'jumlah responden (26000) melebihi populasi (25000)': the example
    was invalid. The population served grows with the sample."""
    status, _, err = run("contoh", "--opd", "1", "--responden", "26000", "--tahun", "2024-2025",
                         "--out", tmp_path / "besar")
    assert status == 0, err
    survei = list(csv.DictReader((tmp_path / "besar" / "disdik" / "data" / "survei.csv").open(encoding="utf-8")))
    assert [(r["responden"], r["populasi"]) for r in survei] == [("300", "52000"), ("26000", "52000")]
    status, out, err = run("validate", tmp_path / "besar")
    assert status == 0, out + err


# --- the catalog build ------------------------------------------------------------------------------

class Portal(NamedTuple):
    """What the portal fixture's build reported, as far as the tests read it."""

    pages: int


@pytest.fixture(scope="module")
def portal(kabupaten, tmp_path_factory):
    """The two-OPD catalog built once per test run: (what the build reported, the site, its pages folder)."""
    from generator.publish import build_site

    def make(folder: Path) -> Built:
        src = prepared_src(folder)
        result = build_site(kabupaten, folder / "site", ROOT / "mkdocs.yml", src)
        (folder / "halaman.txt").write_text(str(result.pages), encoding="utf-8")
        return Built(folder / "site", docs_of(folder / "site"))
    built = _shared(tmp_path_factory, "kab-2-opd-portal", make)
    root = built.site.parent
    return Portal(int((root / "halaman.txt").read_text(encoding="utf-8"))), built.site, root / "src"


def test_overview_lists_every_opd_with_its_figures(kabupaten, portal):
    result, site, _ = portal
    html = (site / "index.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((site / "data" / "opd.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["disdik", "dinkes"]
    # dinkes is in the middle of 2026: no yearly capaian yet, so its row compares its last report (2025) with the
    # others' and says where 2026 stands; the others' rows have no progress note
    running = rows[1]
    assert running["tahun"] == "2025" and running["progres"] == "2026 berjalan, s.d. TW II: 5 dari 7 indikator sesuai rencana"
    assert rows[0]["tahun"] == "2025" and rows[0]["progres"] == ""
    assert "Angka 2025; 2026 berjalan, s.d. TW II: 5 dari 7 indikator sesuai rencana" in html
    assert "Ringkasan kinerja per perangkat daerah, tahun 2025<" in html
    for r in rows:
        t = validate_package(kabupaten / r["id"]).tables
        res = compute_all(t)
        ring = res.ringkasan.set_index("tahun").loc[2025]
        assert r["rata_rata"] == f"{ring['rata_rata']:.2f}" and r["tanpa_data"] == "1" and r["indikator"] == str(ring["jumlah"])
        ikm = res.ikm[res.ikm["tahun"] == 2025].iloc[0]
        assert r["ikm"] == f"{ikm['ikm']:.2f}" and r["mutu"] == ikm["mutu"]
        assert f'<a href="{r["id"]}/">{r["nama"]}</a>' in html
        shown = f'{float(r["rata_rata"]):.2f}'.replace(".", ",") + "%"
        assert shown in html
    assert "tidak sebanding satu lawan satu" in html and "Data sintetis" in html
    # the manifest names the catalog by its title, never by the folder it happens to be in (the same catalog
    # in another folder gave another manifest)
    paket = json.loads((site / "data" / "manifest.json").read_text(encoding="utf-8"))["paket"]
    assert paket == {"name": "", "title": json.loads((kabupaten / "katalog.json").read_text(encoding="utf-8"))["judul"],
                     "version": "", "created": ""}
    # every column's words explained under the table (a citizen met "AA", "79,77 (B)" and "s.d. TW II" bare)
    explained = html[html.index("Cara membaca tabel"):html.index("Unduh tabel ini")]
    for term in ("Rata-rata capaian", "Kategori", "Serapan anggaran", "IKM", "TW"):
        assert f"<strong>{term}</strong>" in explained, term


def test_every_opd_has_all_the_single_agency_pages(portal):
    result, site, _ = portal
    for opd in ("disdik", "dinkes"):
        for page in ("", "profil/", "pohon/", "anggaran/", "survei/", "ppid/", "ppid/kepatuhan/", "data-terbuka/",
                     "metodologi/", "riwayat/", "sasaran/s-1/", "indikator/iku-ikm/"):
            assert (site / opd / page / "index.html").is_file(), f"{opd}/{page}"
        assert (site / opd / "data" / "capaian.csv").is_file()
        assert (site / opd / "data" / "sumber" / "datapackage.json").is_file()
    # the overview; per OPD: beranda, profil, 4 sasaran, metodologi, konsistensi, pohon, anggaran, survei,
    # data terbuka, riwayat; 10 PPID pages (with the KI evidence pack); 5 reviewer pages (laporan kinerja,
    # pra-evaluasi SAKIP, metadata MS-Ind, 2 dataset pages); 40 indicators; the tree's other pages: the budget
    # tree, how it was built, Tahap 5, cross-cutting and one page per owner level (4); Glosarium; Progres.
    # The second OPD is in the middle of 2026 (kinerja contoh: one in ten, at least one): its 2025 is
    # published again under 2025/ (63 pages of the year, its Laporan Kinerja, pre-check and glossary included;
    # the PPID, history, metadata and dataset pages are not).
    per_opd = 13 + 10 + 5 + 40 + 8 + 1 + 1
    assert result.pages == 1 + 2 * per_opd + 63
    # charts live beside their OPD's pages, without pre-rendered SVG at this scale
    assert list(site.glob("disdik/grafik/*.json")) and not list(site.glob("*/grafik/*.svg"))


def test_every_page_title_says_whose_page_and_which_year_it_is(portal):
    """Every OPD has a "Profil", a "Survei kepuasan", ...; and the running OPD's 2025 pages carry the same
    headings as its 2026 ones. A browser tab, a bookmark or a search result showed "Profil - Portal Kinerja
    ..." for every OPD (84 duplicated titles on a 3-OPD portal): each title now names the agency and an
    archive year, in the tab and in the link preview (Open Graph), and no two pages share one."""
    from html import unescape

    _, site, _ = portal
    titles, previews = {}, {}
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        path = page.parent.relative_to(site).as_posix()
        titles[path] = unescape(re.search(r"<title>([^<]*)</title>", html).group(1))
        found = re.search(r'<meta property="og:title" content="([^"]*)"', html)
        if found:
            previews[path] = unescape(found.group(1))
    assert len(set(titles.values())) == len(titles), sorted(t for t in titles.values() if list(titles.values()).count(t) > 1)
    assert len(set(previews.values())) == len(previews)
    portal_name = titles["."]
    assert titles["dinkes/profil"] == f"Profil · Dinas Kesehatan - {portal_name}"
    assert titles["disdik/profil"] == f"Profil · Dinas Pendidikan - {portal_name}"
    assert titles["dinkes/2025/survei"] == f"Survei kepuasan · 2025 · Dinas Kesehatan - {portal_name}"
    assert titles["dinkes/2025/triwulan"] == f"Triwulan 2025 · Dinas Kesehatan - {portal_name}"  # the year said once
    assert previews["dinkes/2025/survei"].endswith(" · 2025 · Dinas Kesehatan")
    # the member's own home is its summary under its name, as is an archive year's; "Beranda" is the portal's
    assert titles["dinkes"] == f"Ringkasan · Dinas Kesehatan - {portal_name}"
    assert titles["dinkes/2025"] == f"Ringkasan · 2025 · Dinas Kesehatan - {portal_name}"  # its archive year's
    # the tree's own page said "Gambar dan daftar" in the tab, which names nothing once out of its menu section
    assert titles["dinkes/pohon"] == f"Gambar dan daftar pohon kinerja · Dinas Kesehatan - {portal_name}"
    nav = (site / "dinkes" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<span class="md-ellipsis">\s*Beranda\s*</span>', nav)) == 1
    assert re.search(r'<span class="md-ellipsis">\s*Ringkasan\s*</span>', nav)
    # the agency said once: the home page's heading already names it
    assert previews["dinkes"] == "Dinas Kesehatan Kabupaten Sintetis"


def test_every_relative_link_reaches_a_built_file(portal):
    """No link of any page, the archive year of the running OPD included, leads to a missing file (the 2025
    pages once linked a glossary that exists only at the root), nor to a place its page does not have: every
    indicator page's "Lihat letaknya di pohon kinerja" pointed at the tree page, where a five-stage tree comes
    first, instead of the program tree's page that holds the node (144 anchors that led nowhere)."""
    from html import unescape
    from urllib.parse import unquote

    _, site, _ = portal
    missing, ids = set(), {}
    for page in site.rglob("*.html"):
        for link, place in re.findall(r'(?:href|src)="([^"#?]*)(?:#([^"?]*))?"', page.read_text(encoding="utf-8")):
            if link.startswith(("http:", "https:", "mailto:", "data:", "tel:", "/")) or not (link or place):
                continue
            there = (page.parent / unquote(unescape(link))).resolve() if link else page
            target = there / "index.html" if there.is_dir() else there
            if not target.is_file():
                missing.add(f"{page.relative_to(site)} -> {link}")
            elif place and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
                if unquote(unescape(place)) not in ids[target]:
                    missing.add(f"{page.relative_to(site)} -> {link}#{place}")
    assert sorted(missing) == []


def _words(html: str) -> str:
    """A page's text without its tags and term tooltips, spaces collapsed."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="kt-istilah__arti".*?</span>', "", html))


def test_a_running_opds_budget_page_leads_to_the_spending_reported_so_far(portal):
    """Mid-year the budget page said only that the package held no realisasi for 2026, while the home and
    progress pages showed the spending to TW II: a reader who opened Anggaran concluded there was none."""
    from generator import fmt

    _, site, _ = portal
    page = re.sub(r"\s+", " ", (site / "dinkes" / "anggaran" / "index.html").read_text(encoding="utf-8"))
    words = _words(page)
    # the year's pagu and what was spent to TW II: the agency row the progress page prints (anggaran_triwulan.csv)
    rows = list(csv.DictReader((site / "dinkes" / "data" / "anggaran_triwulan.csv").open(encoding="utf-8")))
    now = next(r for r in rows if (r["tingkat"], r["tahun"], r["triwulan"]) == ("total", "2026", "2"))
    assert (f"Pagu 2026 (anggaran yang disediakan): {fmt.rupiah(now['pagu'])} ({fmt.rupiah_singkat(now['pagu'])})"
            in words)
    assert f"Realisasi s.d. TW II (yang sudah dibelanjakan): {fmt.rupiah(now['realisasi_sd'])}" in words
    assert f"Serapan s.d. TW II: {fmt.persen(now['serapan_sd'])}" in words
    assert 'Realisasi per triwulan ada di halaman <a href="../triwulan/">Progres 2026</a>.' in page
    closed = (site / "disdik" / "anggaran" / "index.html").read_text(encoding="utf-8")
    assert "Sampai dengan TW" not in closed and "Progres 2026" not in closed


def test_a_running_opds_programmes_show_their_planned_pagu_and_spending_to_date(kabupaten, portal):
    """Mid-2026 each sasaran page said "Paket data belum memuat pagu dan realisasi program ini untuk tahun
    2026" while the package held every programme's pagu in its PK 2026 and its spending per quarter. The
    figures on the sasaran and budget pages are the PK 2026 pagu (anggaran.csv) and the programme rows of the
    published anggaran_triwulan.csv at TW II."""
    from decimal import Decimal

    from generator import fmt

    _, site, _ = portal
    t = validate_package(kabupaten / "dinkes").tables
    planned = {r["node"]: r["pagu"] for r in t["anggaran"].to_dict("records") if r["dokumen"] == "pk-2026"}
    rows = list(csv.DictReader((site / "dinkes" / "data" / "anggaran_triwulan.csv").open(encoding="utf-8")))
    spent = {r["id"]: r for r in rows if (r["tingkat"], r["tahun"], r["triwulan"]) == ("program", "2026", "2")}
    nodes = t["node"]
    programmes = nodes[nodes["tingkat"] == "program"].to_dict("records")
    assert len(programmes) == 8 and set(spent) == {p["id"] for p in programmes} <= set(planned)
    budget = _words((site / "dinkes" / "anggaran" / "index.html").read_text(encoding="utf-8"))
    for p in programmes:
        now = spent[p["id"]]
        assert Decimal(now["pagu"]) == planned[p["id"]] and now["dokumen_pagu"] == "pk-2026"
        row = (f"{fmt.rupiah(planned[p['id']])} {fmt.rupiah(now['realisasi_sd'])} {fmt.persen(now['serapan_sd'])}")
        assert f"{p['nama']} {row}" in budget
        page = _words((site / "dinkes" / "sasaran" / p["induk"] / "index.html").read_text(encoding="utf-8"))
        assert f"{p['nama']} {row}" in page
        assert "belum memuat pagu" not in page
        assert ("pagu di bawah adalah rencana menurut Perjanjian Kinerja 2026, realisasi adalah yang sudah "
                "dibelanjakan sampai dengan TW II 2026") in page
    # the page's total is the sum of its programmes, as the package's own PK 2026 states both
    assert sum(planned[p["id"]] for p in programmes) == planned["t-1"]
    assert "rincian per kegiatan dimuat setelah laporan kinerja tahun ini masuk" in budget
    assert "anggaran_triwulan.csv (realisasi per triwulan dan s.d. triwulan)" in budget


def test_a_running_opd_points_reviewers_at_its_last_report(portal):
    """While 2026 runs, the Laporan Kinerja and its pre-check are 2025's, in the archive: the KI evidence pack
    lists that report as available, the navigation names its year, and the pages of 2026 say when it comes."""
    import csv

    _, site, _ = portal
    pack = {r["kode"]: r for r in csv.DictReader((site / "dinkes" / "data" / "bukti_monev.csv").open(encoding="utf-8"))}
    assert (pack["laporan_kinerja"]["status"], pack["laporan_kinerja"]["tautan"]) == ("tersedia", "/2025/laporan-kinerja/")
    assert pack["laporan_kinerja"]["diperbarui"] == "2026-02-12"  # the 2025 report's date in the package
    dip = {r["id"]: r for r in csv.DictReader((site / "dinkes" / "data" / "dip.csv").open(encoding="utf-8"))}
    assert dip["otomatis-laporan-kinerja"]["judul"] == "Laporan kinerja 2025"
    reviewers = re.sub(r"\s+", " ", (site / "dinkes" / "ppid" / "bukti-monev" / "index.html").read_text(encoding="utf-8"))
    assert "> Laporan Kinerja 2025 <" in reviewers and "> Pra-evaluasi SAKIP 2025 (LKE) <" in reviewers  # navigation
    report = (site / "dinkes" / "laporan-kinerja" / "index.html").read_text(encoding="utf-8")
    assert "Tahun 2026 masih berjalan" in report and "28 Februari 2027" in report
    assert 'href="../2025/laporan-kinerja/"' in report
    assert (site / "dinkes" / "2025" / "dokumen" / "laporan-kinerja-2025.pdf").is_file()
    assert not (site / "dinkes" / "dokumen" / "laporan-kinerja-2026.pdf").exists()  # no report of a running year


def test_navigation_is_pruned_so_output_grows_linearly(portal):
    _, site, _ = portal
    page = (site / "disdik" / "sasaran" / "s-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../dinkes/' in page or 'href="../../../dinkes/"' in page  # the other OPD's section link
    assert "dinkes/sasaran/s-2/" not in page  # but not its pages
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("/")[0] for d in index["docs"]}
    assert {"disdik", "dinkes"} <= locations  # one search across all


def test_incremental_builds_rebuild_only_changed_members_and_equal_a_full_build(kabupaten, tmp_path, run, monkeypatch):
    """Two edits, two incremental builds: each rebuilds only the member whose data changed (the other's
    pages are not even rewritten, its output is linked from the previous site while MkDocs runs: by `cp`
    the first time, by the build itself the second time, `cp` refused), and the result equals a clean full
    build byte for byte."""
    from generator.publish import incremental

    linked = []
    monkeypatch.setattr(incremental.Linker, "finish", lambda self, own=incremental.Linker.finish: (
        linked.append((self.names, self.process is not None)), own(self))[1])
    copy = tmp_path / "kabupaten"
    shutil.copytree(kabupaten, copy)
    src = prepared_src(tmp_path, "src1")
    status, _, err = run("build", "--data", copy, "--out", tmp_path / "site1", "--src", src)
    assert status == 0, err
    docs = docs_of(tmp_path / "site1")
    before = {p: p.stat().st_mtime_ns for p in (docs / "disdik").rglob("*.md")}
    realisasi = copy / "dinkes" / "data" / "realisasi.csv"
    text = realisasi.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    realisasi.write_text(text.replace(first, first.replace(first.split(",")[2], "99.5", 1), 1), encoding="utf-8")
    status, _, err = run("build", "--data", copy, "--out", tmp_path / "site1", "--src", src)
    assert status == 0, err
    assert any("menyusun 1 dari 2 OPD" in line for line in err), err
    assert {p: p.stat().st_mtime_ns for p in (docs / "disdik").rglob("*.md")} == before
    assert "99,5" in (docs / "dinkes" / "indikator" / f"{first.split(',')[0]}.md").read_text(encoding="utf-8")
    assert linked == [(["disdik"], True)]

    def no_process(*args, **kwargs):
        raise OSError("tidak ada cp")
    monkeypatch.setattr(incremental.subprocess, "Popen", no_process)

    anggaran = copy / "disdik" / "data" / "anggaran.csv"
    lines = anggaran.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[-1].split(";")  # a sub kegiatan of the last year: its realisasi, and with it the sums above
    cells[4] = cells[4].replace(",00", ",50")
    lines[-1] = ";".join(cells)
    anggaran.write_text("".join(lines), encoding="utf-8")
    status, _, err = run("build", "--data", copy, "--out", tmp_path / "site1", "--src", src)
    assert status == 0, err
    assert any("menyusun 1 dari 2 OPD" in line for line in err), err
    assert linked == [(["disdik"], True), (["dinkes"], False)]
    monkeypatch.undo()
    status, _, err = run("build", "--data", copy, "--out", tmp_path / "site2", "--src", prepared_src(tmp_path, "src2"))
    assert status == 0, err
    assert tree(tmp_path / "site1") == tree(tmp_path / "site2")


def test_pages_rendered_by_several_processes_equal_one_process(kabupaten, portal, tmp_path, monkeypatch):
    """A large portal's members are built by a pool of processes (publish.executor.LocalExecutor) and its
    pages shared out among several MkDocs processes (publish.mkdocs.shard_count); the site is the one
    process's, byte for byte, including the joined search index and the sitemap."""
    from generator.publish import build_site, executor, mkdocs

    _, site, src = portal
    assert mkdocs.shard_count(docs_of(site)) == 1  # the fixture's portal: one process
    monkeypatch.setenv(executor.PROCESSES, "2")
    pools, pool = [], concurrent.futures.ProcessPoolExecutor

    def spy(*args, **kwargs):
        pools.append(kwargs["max_workers"])
        return pool(*args, **kwargs)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    monkeypatch.setattr(mkdocs, "shard_count", lambda docs: 3)
    build_site(kabupaten, tmp_path / "site", ROOT / "mkdocs.yml", src)
    assert pools == [2]  # the members' pool (MkDocs' parts start their own processes)
    assert tree(tmp_path / "site") == tree(site)
    assert not list((tmp_path / "site").rglob(f"{mkdocs.SHARD_DIR}*"))


def test_a_part_mkdocs_refuses_stops_the_build_with_its_reason(tmp_path, monkeypatch):
    """A page only a child process renders (the last part) has a broken link: strict MkDocs refuses it
    there, and the build stops naming MkDocs' warning (not only "Aborted with 1 warnings"), as one process would."""
    from generator.publish import mkdocs
    from generator.render.context import Site

    docs = tmp_path / "halaman"
    docs.mkdir()
    for i in range(6):
        (docs / f"h{i}.md").write_text(f"# Halaman {i}\n\nIsi halaman {i}.\n", encoding="utf-8")
    (docs / "h5.md").write_text("# Halaman 5\n\n[tautan rusak](tidak-ada.md)\n", encoding="utf-8")
    site = Site(nav=[{f"Halaman {i}": f"h{i}.md"} for i in range(6)], site_name="Uji", epoch=1_700_000_000)
    monkeypatch.setattr(mkdocs, "shard_count", lambda docs: 2)
    target = tmp_path / "baru"
    target.mkdir()
    with pytest.raises(mkdocs.EngineError, match="^MkDocs gagal membangun situs: peringatan MkDocs: halaman 'h5.md' "
                                                 "menautkan 'tidak-ada.md', tetapi halaman tujuannya tidak ada$"):
        mkdocs.build(ROOT / "mkdocs.yml", docs, target, site)


def test_an_invalid_member_stops_the_build_with_its_file_named(kabupaten, tmp_path, run):
    copy = tmp_path / "kabupaten"
    shutil.copytree(kabupaten, copy)
    realisasi = copy / "dinkes" / "data" / "realisasi.csv"
    lines = realisasi.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[2] = "banyak"
    realisasi.write_text(lines[0] + ",".join(cells) + "".join(lines[2:]), encoding="utf-8")
    status, _, err = run("build", "--data", copy, "--out", tmp_path / "site", "--src", prepared_src(tmp_path))
    assert status == 1
    assert any(line.startswith(f"{copy}/dinkes/data/realisasi.csv:2:3: ") for line in err), err
    assert not (tmp_path / "site").exists()


def test_a_catalog_member_outside_the_catalog_is_refused(tmp_path, run):
    (tmp_path / "katalog.json").write_text(json.dumps({"judul": "X", "anggota": [{"id": "a", "path": "../luar"}]}),
                                           encoding="utf-8")
    status, out, _ = run("validate", tmp_path)
    assert status == 1
    # column 40: where "path" stands in the one-line katalog.json (JSON problems are located at line:column)
    assert out[0] == (f'{tmp_path}/katalog.json:1:40: anggota "a": path "../luar" ditolak; yang diharapkan folder '
                      "paket data di dalam folder katalog")


def test_a_catalog_problem_points_at_its_own_members_line(tmp_path, run):
    """A second member with the same id, or with the same missing folder, was reported at the first one's
    line; an absolute path to a folder inside the catalog was refused without saying to write it relative."""
    (tmp_path / "disdik").mkdir()
    (tmp_path / "katalog.json").write_text(
        '{\n  "judul": "x",\n  "anggota": [\n    {"id": "disdik", "path": "disdik"},\n'
        '    {"id": "disdik", "path": "disdik"},\n    {"id": "a", "path": "hilang"},\n    {"id": "b", "path": "hilang"},\n'
        f'    {{"id": "c", "path": "{tmp_path}/disdik"}},\n    {{"id": "d"}},\n    {{"id": "e", "path": null}},\n'
        '    {"id": "f", "path": null}\n  ]\n}\n', encoding="utf-8")
    status, out, _ = run("validate", tmp_path)
    assert status == 1
    where = [line.split(": ", 1)[0].removeprefix(f"{tmp_path}/katalog.json:") for line in out[:-1]]
    assert where == ["4:22", "5:6", "6:17", "7:17", "8:17", "9:6", "10:17", "11:17"], out
    assert 'ditulis relatif terhadap folder katalog (misalnya "disdik"' in out[4]


def test_one_folder_under_two_members_is_refused_at_the_second(kabupaten, tmp_path, run):
    """`{"id": "disdik", "path": "disdik"}` beside `{"id": "disdik-lagi", "path": "./disdik/"}` was a valid
    catalog: the overview listed the agency twice and a roll-up counted it twice."""
    import json

    shutil.copytree(kabupaten, tmp_path / "kab")
    file = tmp_path / "kab" / "katalog.json"
    catalog = json.loads(file.read_text(encoding="utf-8"))
    catalog["anggota"].append({"id": "disdik-lagi", "path": "./disdik/"})
    file.write_text(json.dumps(catalog, indent=2), encoding="utf-8")
    status, out, _ = run("validate", tmp_path / "kab")
    line = len(file.read_text(encoding="utf-8").split('"./disdik/"')[0].splitlines())  # at its path
    assert status == 1 and out[0].startswith(f"{file}:{line}:"), out
    assert out[0].endswith('anggota "disdik-lagi": folder "./disdik/" sudah dipakai anggota "disdik"; yang diharapkan '
                           "satu folder paket untuk setiap anggota"), out


def test_a_single_package_builds_as_before(tmp_path, run):
    src = prepared_src(tmp_path)
    status, _, err = run("build", "--data", DATAPACKAGE, "--out", tmp_path / "site", "--src", src)
    assert status == 0, err
    # 20 charts on sasaran and home pages + 12 indicator histories
    assert err[-1].startswith("Selesai: 83 halaman, 32 grafik")  # tests/test_build_default.py counts the pages
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and not (site / "data" / "opd.csv").exists()
    # static images kept for one agency: one desktop-width and one phone-width SVG per chart
    assert len(list(site.glob("grafik/*-ponsel.svg"))) == 32 and len(list(site.glob("grafik/*.svg"))) == 64


# --- the overview in a browser ------------------------------------------------------------------------

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(portal):
    _, site, _ = portal
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{site.name}/"
    server.shutdown()


@pytest.mark.parametrize("width", [375, 1280])
def test_overview_sorts_by_keyboard_and_fits_a_phone(browser, served, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served, wait_until="networkidle")
    names = lambda: page.eval_on_selector_all("#kt-opd tbody tr td:first-child", "c => c.map(x => x.textContent.trim())")
    values = lambda: page.eval_on_selector_all("#kt-opd tbody tr td:nth-child(2)",
                                               "c => c.map(x => parseFloat(x.dataset.nilai))")
    assert names() == ["Dinas Pendidikan", "Dinas Kesehatan"]
    button = page.locator("#kt-opd thead th:nth-child(2) button")
    button.focus()
    page.keyboard.press("Enter")
    assert values() == sorted(values(), reverse=True)
    assert page.get_attribute("#kt-opd thead th:nth-child(2)", "aria-sort") == "descending"
    page.keyboard.press("Enter")
    assert values() == sorted(values())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_search_result_says_whose_page_it_is(browser, axe_source, served, scheme):
    """Every OPD has a Metodologi and an IKM page with the same heading: a search for "IKM" listed the same
    titles once per OPD with nothing to tell them apart. Each result now carries its agency (the page's tag),
    readable in both schemes (Material's faded grey for the count and the tags was below 4.5:1)."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served + "?q=IKM", wait_until="load")
        page.wait_for_selector(".md-search-result__item")
        results = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", """links => links.map(a => [
            a.getAttribute('href'), Array.from(a.querySelectorAll('.md-tag')).map(t => t.textContent.trim())])""")
        if scheme == "dark":  # the reader's toggle, as in test_accessibility
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.add_script_tag(content=axe_source)
        violations = page.evaluate("axe.run('.md-search-result', {runOnly: ['color-contrast']}).then(r => r.violations)")
    finally:
        context.close()
    names = {"disdik": "Dinas Pendidikan", "dinkes": "Dinas Kesehatan"}
    agencies = {re.search(r"/(disdik|dinkes)/", href).group(1): tags for href, tags in results if re.search(r"/(disdik|dinkes)/", href)}
    assert set(agencies) == set(names)
    for href, tags in results:
        member = re.search(r"/(disdik|dinkes)/", href)
        assert tags == ([names[member.group(1)]] if member else []), href
    assert violations == []


def test_a_members_name_is_text_in_its_titles_and_search_results(kabupaten, browser, tmp_path):
    """A member's name reaches every page's <title> and, as the page's tag, Material's search results, which
    Material inserts as HTML: an agency named `<img src=x onerror=...>` ran its script in every reader's
    search until the tag was escaped. Its name is shown as text in both."""
    from test_hostile_text import PAYLOADS

    payload = PAYLOADS["img"].replace("alert(1)", "alert('anggota')")
    shutil.copytree(kabupaten / "dinkes", tmp_path / "kab" / "dinkes")
    (tmp_path / "kab" / "katalog.json").write_text(json.dumps(
        {"judul": "Portal Uji", "pemerintah_daerah": "Pemerintah Uji", "anggota": [{"id": "dinkes", "path": "dinkes"}]}),
        encoding="utf-8")
    agency = tmp_path / "kab" / "dinkes" / "data" / "instansi.csv"
    rows = list(csv.DictReader(io.StringIO(agency.read_text(encoding="utf-8"))))
    rows[0].update(nama=f"{payload} {rows[0]['nama']}", nama_singkat=f"{payload} {rows[0]['nama_singkat']}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    agency.write_text(out.getvalue(), encoding="utf-8")
    from generator.publish import build_site

    build_site(tmp_path / "kab", tmp_path / "site", ROOT / "mkdocs.yml", prepared_src(tmp_path))
    title = re.search(r"<title>([^<]*)</title>", (tmp_path / "site" / "dinkes" / "profil" / "index.html").read_text(
        encoding="utf-8")).group(1)
    assert title.startswith("Profil · &lt;img src=x onerror=alert(&#39;anggota&#39;)&gt; ")
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = {tag for doc in index["docs"] for tag in doc.get("tags", [])}
    assert len(tags) == 1 and "<" not in next(iter(tags))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/site/?q=Profil", wait_until="load")
        page.wait_for_selector(".md-search-result .md-tag")
        shown = page.eval_on_selector_all(".md-search-result .md-tag", "t => t.map(x => [x.textContent, x.children.length])")
    finally:
        context.close()
        server.shutdown()
    assert dialogs == [] and shown and all(children == 0 and "img src=x" in text for text, children in shown)


def test_overview_has_no_serious_accessibility_violations(browser, served):
    from test_accessibility import AXE, BLOCKING, audit, describe

    if not AXE.is_file():
        pytest.fail("axe-core tidak ditemukan: jalankan `make test`", pytrace=False)
    for width in (375, 1280):
        [visit] = visit_all(browser, [served], width, inspect=audit(AXE.read_text(encoding="utf-8")))
        serious = [v for v in visit.result if v["impact"] in BLOCKING]
        assert not serious, "\n".join(describe(served, v) for v in serious)


def test_large_catalogs_group_the_navigation():
    from generator.publish.catalog import GROUP, group_members

    small = [(f"Dinas {i}", {f"Dinas {i}": f"d{i}/index.md"}) for i in range(GROUP)]
    assert group_members(small) == [entry for _, entry in small]  # a kabupaten of 25 stays flat
    items = ([(f"Kecamatan Contoh {i}", {f"K{i}": f"k{i}/index.md"}) for i in range(1, 61)]
             + [("Dinas Sosial", {"Dinas Sosial": "dinsos/index.md"}), ("Rumah Sakit Umum Daerah", {"RSUD": "rsud/index.md"})])
    groups = group_members(items)
    assert [list(g)[0] for g in groups] == ["Kecamatan 1–25", "Kecamatan 26–50", "Kecamatan 51–60", "Dinas",
                                           "Perangkat daerah lain"]
    assert groups[2]["Kecamatan 51–60"][0] == {"K51": "k51/index.md"}
    assert sum(len(next(iter(g.values()))) for g in groups) == 62


def test_serve_previews_a_catalog(kabupaten, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from test_serve import _port, _wait_for

    src = prepared_src(tmp_path)
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(kabupaten), "--src", str(src),
                             "--config", str(ROOT / "mkdocs.yml"), "--alamat", f"127.0.0.1:{port}"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert "Dinas Kesehatan</a>" in _wait_for(f"http://127.0.0.1:{port}/", "Dinas Pendidikan</a>")
        assert "Dinas Kesehatan" in _wait_for(f"http://127.0.0.1:{port}/dinkes/", "Dinas Kesehatan")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=30)


@settings(max_examples=10, deadline=None)
@given(first=st.integers(2000, 2099), span=st.integers(1, 100), opd=st.integers(1, 2), berjalan=st.integers(0, 1),
       responden=st.integers(1, 60), seed=st.integers(0, 10_000))
def test_contoh_gives_a_valid_package_for_any_span_of_years(tmp_path_factory, first, span, opd, berjalan, responden,
                                                            seed):
    """Any span `kinerja contoh` accepts (2000-2099, one year to a century) gives valid packages: a target that
    improves by a fixed step a year once reached 0 days (capaian undefined) or passed 100 % or an IKM of 100
    after some decades, and the century's last year dated the package in 2101."""
    from generator.synthetic import generate

    last = min(2099, first + span - 1)
    out = tmp_path_factory.mktemp("contoh") / "kab"
    ids = generate(out, opd, list(range(first, last + 1)), responden, seed, berjalan)
    for member in ids:
        report = validate_package(out / member).report
        assert report.ok, report.lines()[:5]


def test_an_overview_of_unlike_members_says_how_they_differ(kabupaten_site, tmp_path):
    """Found by building catalogs whose members differ as real agencies do (each passed validation):
    - a member without a report year (Balangan's tree only) beside dated ones stopped the build with an
      internal error, and a catalog of such members read "tahun None";
    - the real default package's second 2025 survey (91,00, A) was left out: only the first was shown;
    - members of different years, one whose average reuses earlier values, and members on different
      category scales stood side by side without a word;
    - a real agency's pages said "Data sintetis" because another member's data are synthetic."""
    from generator.publish.catalog import prepare
    from generator.publish.workspace import Workspace
    from generator.render.context import RenderOptions

    root = tmp_path / "kab"
    root.mkdir()
    shutil.copytree(kabupaten_site.site.parent / "kabupaten" / "disdik", root / "disdik")
    scale = root / "disdik" / "data" / "skala_kelas.csv"
    text = scale.read_text(encoding="utf-8")
    assert "\nkategori-capaian,D,7,D," in text
    scale.write_text(text.replace("\nkategori-capaian,D,7,D,", "\nkategori-capaian,E,7,E,"), encoding="utf-8")
    shutil.copytree(ROOT / "examples" / "balangan", root / "balangan")
    shutil.copytree(DATAPACKAGE, root / "beltim")
    (root / "katalog.json").write_text(json.dumps({"judul": "Kabupaten Uji", "anggota": [
        {"id": "disdik", "path": "disdik"}, {"id": "balangan", "path": "balangan"}, {"id": "beltim", "path": "beltim"}]}),
        encoding="utf-8")
    prepared, report = prepare(root / "katalog.json", Workspace(tmp_path / "ws"), RenderOptions(), parallel=False)
    assert report.ok and prepared is not None, report.lines()
    pages = prepared.site.pages
    home = pages["index.md"]
    assert "None" not in home and "tahun None" not in home
    assert "<br><small>belum ada tahun laporan</small>" in home and "<br><small>tahun 2025</small>" in home
    assert ('88,19 (B)<br><small class="kt-teks-panjang">Layanan informasi publik</small><br>91,00 (A)<br>'
            '<small class="kt-teks-panjang">Pelayanan Diskominfo SP</small>') in home
    assert "3 nilai tahun sebelumnya dipakai lagi" in home
    assert "memakai 2 skala kategori yang berbeda kelas atau batasnya" in home
    assert "<br><small>skala AA/A/BB/B/CC/C/E</small>" in home and "<br><small>skala AA/A/BB/B/CC/C/D</small>" in home
    assert '!!! warning "Sebagian data sintetis"' in home and "Data Dinas Pendidikan adalah paket data **sintetis**" in home
    assert prepared.site.extra["sintetis"] is False
    assert "kt_sintetis: true" in pages["disdik/index.md"] and "kt_sintetis" not in pages["beltim/index.md"]
    opd = {r["id"]: r for r in csv.DictReader(io.StringIO(pages["data/opd.csv"]))}
    assert opd["beltim"]["survei"] == "Layanan informasi publik: 88,19 (B); Pelayanan Diskominfo SP: 91,00 (A)"
    assert opd["balangan"]["tahun"] == "" and opd["balangan"]["survei"] == ""
