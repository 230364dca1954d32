"""The annual cycle: a package that has moved on to 2026 with two quarters of data publishes the 2026
progress as its current view and keeps its 2025 results, unchanged, at /2025/; a year with targets and
no realisasi says so; quarterly figures add up as each indicator's `akumulasi` says.

The 2026 package is the default package plus rows a test adds (tests/tahun_berjalan.py, TEST DATA)."""
from __future__ import annotations

import dataclasses
import html
import functools
import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, Built, _build, _shared, default_tables, example_tables, serve, visit_all

sys.path.insert(0, str(Path(__file__).parent))
import tahun_berjalan  # noqa: E402

from generator import fmt  # noqa: E402
from generator.compute import triwulan  # noqa: E402
from generator.compute.arsip import as_of, published_years  # noqa: E402
from generator.compute.results import compute_all  # noqa: E402
from generator.render.tahun import strip_year_frame  # noqa: E402
from generator.validate import validate_package  # noqa: E402


def _body(page: str) -> str:
    """A generated page without its front matter (Open Graph, issue 16)."""
    return page.split("\n---\n\n", 1)[1] if page.startswith("---\n") else page


def _write_spending(data: Path, rows: list[tuple[str, int, str]]) -> None:
    """The test package's `anggaran_triwulan.csv`: (node, quarter, realisasi as printed) in 2026."""
    (data / "anggaran_triwulan.csv").write_text("node;tahun;triwulan;rencana;realisasi;sumber\n" + "".join(
        f"{n};2026;{q};;{v};{tahun_berjalan.UJI}\n" for n, q, v in rows), encoding="utf-8")


def _pages(package: Path) -> dict[str, str]:
    """The pages of a valid package, rendered in memory."""
    from generator.render import render_site
    from generator.render.context import RenderOptions

    validated = validate_package(package)
    assert validated.report.ok, validated.report.lines()
    return render_site(validated.tables, compute_all(validated.tables), options=RenderOptions(static_svg=False)).pages


@pytest.fixture(scope="session")
def site_2026(tmp_path_factory) -> Built:
    def make(folder: Path) -> Built:
        package = tahun_berjalan.make(DATAPACKAGE, folder / "paket-2026")
        return _build(package, folder / "portal-2026")
    return _shared(tmp_path_factory, "tahun-berjalan", make)


@pytest.fixture(scope="module")
def package_2026(tmp_path_factory) -> Path:
    return tahun_berjalan.make(DATAPACKAGE, tmp_path_factory.mktemp("paket") / "p")


# --- the portal -------------------------------------------------------------------------------

def test_current_view_is_2026_progress(site_2026):
    home = (site_2026.docs / "index.md").read_text(encoding="utf-8")
    assert "Menampilkan tahun **2026** (tahun berjalan, s.d. TW II) · Tahun lain: [2025](2025/index.md)" in home
    # the heading above the quarterly progress: not "no realisasi", which read as nothing reported at all
    assert '!!! info "Belum ada realisasi setahun penuh 2026"' in home and "[progres per triwulan](triwulan.md)" in home
    # worked example (tests/tahun_berjalan.py): s.d. TW II the IKM survey (nilai terakhir) 81 against 82 and the
    # furniture (per triwulan) 0 + 4 against 0 + 6 are behind; training 1 + 2 against 1 + 1 and salaries 67 against
    # 67 are on track; the car has no target before TW III.
    assert "<p class=\"kt-kartu__judul\">Progres s.d. TW II 2026</p>\n<p class=\"kt-kartu__angka\">2 dari 4</p>" in home
    assert "Serapan anggaran s.d. TW II 2026</p>\n<p class=\"kt-kartu__angka\">45,00%</p>" in home
    # "TW" is explained where a citizen first meets it in a sentence, in the card's text
    card = re.search(r'<p class="kt-kartu__teks">indikator memenuhi target Rencana Aksi s\.d\. (.*?); 2 tertinggal\.</p>',
                     home).group(1)
    assert 'aria-describedby="kt-arti-triwulan">TW II</a>' in card and "TW II April–Juni" in card
    # no annual capaian yet: each sasaran's line is its progress (training, salaries on track, furniture behind)
    assert "| Sasaran | Progres s.d. TW II 2026 |" in home
    assert "(sasaran/s-1-1-5.md) | 2 dari 3 indikator sesuai rencana |" in home
    assert "(sasaran/s-1-1-1.md) | 0 dari 1 indikator sesuai rencana |" in home
    # no indicator of 1.1.2 has a 2026 target in this package (PK 2026 and the Rencana Aksi name others)
    assert "(sasaran/s-1-1-2.md) | belum ada target 2026 |" in home
    assert "Sumber utama" not in home  # the 2025 report is not cited for 2026
    progress = (site_2026.docs / "triwulan.md").read_text(encoding="utf-8")
    assert _body(progress).startswith("# Progres 2026\n")
    assert ("s.d. TW II target **82,0%**, realisasi **81,0%**: tertinggal dari rencana (capaian 98,78%)." in progress)
    assert "s.d. TW II target **2**, realisasi **3**: sesuai rencana (capaian 150,00%)." in progress
    assert "s.d. TW II target **6**, realisasi **4**: tertinggal dari rencana (capaian 66,67%)." in progress
    assert "s.d. TW II target **–**, realisasi **0**: tidak ada target s.d. triwulan ini." in progress
    # the indicators without Rencana Aksi quarters are named, not left out without a word: of the 7 with a 2026
    # target in force, the two IKU whose 2026 target is the Renstra's have no quarters
    scope = re.sub(r'<span class="kt-istilah__arti".*?</span>|<[^>]+>', "", progress)
    assert ("5 dari 7 indikator 2026 punya target triwulan dalam Rencana Aksi dan ada di halaman ini; yang lain dinilai "
            "setahun sekali, termasuk IKU Indeks Profesionalisme ASN; Nilai SAKIP Perangkat Daerah.") in scope
    assert "| Jumlah seluruh sasaran | 45,00%<br><small>Rp4,28 miliar dari pagu Rp9,50 miliar</small> |" in progress
    # the chart speaks the progress's words, not the year's ("Tercapai" is for a closed year)
    chart = json.loads((site_2026.docs / "grafik" / "progres-2026-2.json").read_text(encoding="utf-8"))
    legend = [str(v) for layer in chart["layer"] for v in layer.get("encoding", {}).get("color", {}).get("scale", {})
              .get("domain", [])]
    assert legend[:2] == ["Sesuai rencana", "Tertinggal dari rencana"] and "Tercapai" not in json.dumps(chart)
    assert "Tahun 2026 s.d. TW II, 2 dari 4 indikator sesuai rencana (capaian s.d. triwulan 100% atau lebih)." in progress
    indicator = (site_2026.docs / "indikator" / "isk-mebel.md").read_text(encoding="utf-8")
    # the one-line answer says where the quarters stand and leads to them (it said only "belum ada realisasi")
    assert ("**Tahun 2026:** target 12; **belum ada realisasi setahun penuh 2026** (tahun berjalan); s.d. TW II target "
            "6, realisasi 4 (66,67%): [tertinggal dari rencana](#triwulan-2026).") in indicator
    html = (site_2026.site / "indikator" / "isk-mebel" / "index.html").read_text(encoding="utf-8")
    assert 'id="triwulan-2026"' in html and 'href="#triwulan-2026"' in html
    # an indicator with no target to date at the latest quarter keeps the plain line
    vehicle = (site_2026.docs / "indikator" / "isk-kendaraan-dinas.md").read_text(encoding="utf-8")
    assert "**Tahun 2026:** target 1; **belum ada realisasi 2026** (tahun berjalan)." in vehicle
    assert "| TW II | 6 | 4 | target 6, realisasi 4 (66,67%)<br><small>tertinggal dari rencana</small> |" in indicator
    assert "nilai triwulan itu saja; s.d. triwulan = jumlah triwulan sampai saat itu.\n\n| Triwulan | Target |" in indicator


YEAR_FREE = ("profil.md", "riwayat.md", "riwayat.xml", "tentang.md", ".generated.json", "data/paket-sumber.zip",
             "data/datapackage.json")  # once, at the root: about the agency and its package as they are now
# PPID, its KI evidence and the indicator metadata describe the agency as it is now; the Laporan Kinerja (page
# and PDF), its SAKIP pre-check and the glossary belong to their year and are compared too
YEAR_FREE_TABLES = ("dip", "kepatuhan", "layanan_informasi", "bukti_monev", "msind")
YEAR_FREE_PREFIXES = ("ppid", "data/sumber/", "assets/", "dataset/", "data/msind/", "metadata-indikator",
                      "data/katalog-dcat")


def _year_free(rel: str) -> bool:
    if rel.endswith("/pratinjau.png"):  # a page's preview image goes with its page
        return _year_free(rel.rsplit("/", 1)[0] + ".md")
    name = rel.rsplit("/", 1)[-1].split(".")[0]
    return rel in YEAR_FREE or rel.startswith(YEAR_FREE_PREFIXES) or \
        (rel.startswith("data/") and name in YEAR_FREE_TABLES)


def _without_date(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_2025_results_unchanged_at_their_own_address(site_2026, default_site):
    """Every 2025 page and file is today's 2025 page byte for byte once the year frame (front matter and
    year line) is taken away. The data terbuka page also describes the package as it is now: only those
    lines differ (its size, its date, its two new tables, and that it is an archive)."""
    import difflib

    today, archive = default_site.docs, site_2026.docs / "2025"
    compared = 0
    for page in sorted(p for p in today.rglob("*") if p.is_file()):
        rel = page.relative_to(today).as_posix()
        if _year_free(rel):
            continue
        there = archive / rel
        assert there.is_file(), rel
        ours = there.read_bytes()
        if rel.endswith(".md"):  # the year's frame and the page's own front matter (Open Graph) set aside
            ours = strip_year_frame(ours.decode("utf-8")).encode("utf-8")
        if rel == "data-terbuka.md":
            # the files are today's package (all years); the counts are the year's rows: 0 of the 2026 quarters
            assert re.search(r"\*\*Realisasi triwulan\*\*: .*<small>0 baris data untuk tahun 2025</small>", ours.decode())
            counted = ours.decode().replace(" baris data untuk tahun 2025</small>", " baris data</small>")
            diff = [d for d in difflib.ndiff(_body(page.read_text(encoding="utf-8")).splitlines(), counted.splitlines())
                    if d[:2] in ("- ", "+ ")]
            allowed = re.compile(r"^[-+] (- \*\*\[Paket data sumber \(ZIP, ± \d+ KB\).*|> Tim Penyusun .*"
                                 r"|Halaman ini adalah arsip hasil tahun \*\*2025\*\*.*|.*triwulan.*|.*Triwulan.*"
                                 r"|- \[(dip|kepatuhan|layanan&#95;informasi|lke|bukti&#95;monev|msind)\.csv\].*|\| (kolom|nilai|label|status|sumber"
                                 r"|catatan|tahun|node|rencana|realisasi|indikator) \|.*|- (Kunci utama|Kolom|Sel kosong).*"
                                 r"|\|---\|---\|---\|---\||\| Kolom \| Tipe .*"
                                 r"|Berkas sumber adalah paket data saat ini, yang memuat semua tahun\. .*|)$")
            assert all(allowed.match(d) for d in diff), [d for d in diff if not allowed.match(d)]
            assert any("Diterbitkan 28 November 2026" in d for d in diff)
            continue
        if rel.startswith("dokumen/laporan-kinerja-"):  # typeset from the same model as laporan-kinerja.md (compared
            continue  # below) and dated with the package's data date, which moved on: a font subset tag differs too
        if rel.endswith(".xlsx"):  # the same cells; the file's date is the package's (docProps/core.xml)
            ours, theirs = _without_date(ours), _without_date(page.read_bytes())
        elif rel.endswith(".md"):
            theirs = _body(page.read_text(encoding="utf-8")).encode("utf-8")
            if rel in ("index.md", "laporan-kinerja.md"):  # they also name the package's own date, which moved on
                dated = re.compile(rb"paket data portal ini diperbarui \d+ \w+ \d{4}|tanggal data \d+ \w+ \d{4}")
                ours, theirs = dated.sub(b"", ours), dated.sub(b"", theirs)
        else:
            theirs = page.read_bytes()
        if rel.rsplit("/", 1)[-1].split(".")[0] in ("lke", "pra-evaluasi-sakip"):
            # the pre-check's evidence on the indicator metadata, published once at the root: one folder up
            up = (b"../../metadata-indikator/", b"../metadata-indikator/") if rel.endswith(".md") \
                else (b"../metadata-indikator/", b"metadata-indikator/")
            ours = {k: v.replace(*up) for k, v in ours.items()} if isinstance(ours, dict) else ours.replace(*up)
        if rel.startswith("indikator/") and rel.endswith(".md"):
            # the MS-Ind block's files (the indicator's metadata, not a year's) are published once at the root
            for name in (b"data/msind/", b"metadata-indikator/"):
                ours = ours.replace(b'href="../../../' + name, b'href="../../' + name)
        assert ours == theirs, rel
        compared += 1
    assert compared > 120  # every page of 2025 (70), its charts and its published tables
    # the archive's own frame: its year, the link back, the report it cites, out of the search
    head = (archive / "index.md").read_text(encoding="utf-8")
    assert head.startswith('---\nkt_tahun: 2025\nkt_sumber: "Laporan Kinerja (LKjIP) Tahun 2025, dokumen bertanggal 13 '
                           'Februari 2026"\nsearch:\n  exclude: true\n')  # then the page's own (Open Graph)
    assert "Menampilkan tahun **2025** (arsip) · Tahun lain: [2026](../index.md)" in head
    assert "Menampilkan tahun **2025** (arsip) · Tahun lain: [2026](../../indikator/iku-ip-asn.md)" in \
        (archive / "indikator" / "iku-ip-asn.md").read_text(encoding="utf-8")


def test_footer_cites_the_year_shown(site_2026):
    archived = (site_2026.site / "2025" / "index.html").read_text(encoding="utf-8")
    current = (site_2026.site / "index.html").read_text(encoding="utf-8")
    assert "<dt>Sumber data</dt><dd>Laporan Kinerja (LKjIP) Tahun 2025, dokumen bertanggal 13 Februari 2026" in archived
    assert "tahun 2026 berjalan, Laporan Kinerja 2026 belum terbit" in current
    assert "Laporan Kinerja (LKjIP) Tahun 2025" not in current.split('class="md-copyright')[1]
    # profile, PPID and update history exist once, at the root
    assert not (site_2026.site / "2025" / "ppid").exists() and (site_2026.site / "ppid").is_dir()


def test_the_budget_pages_give_the_years_pagu_and_spending_to_date(site_2026, default_site):
    """While 2026 runs the package holds its pagu (RKT 2026) and two quarters of spending, no annual
    realisasi: the budget page gives the same figures as the progress page instead of only "not yet",
    and a sasaran's programmes are listed without a table of dashes."""
    budget = _body((site_2026.docs / "anggaran.md").read_text(encoding="utf-8"))
    # worked example (tests/tahun_berjalan.py): pagu 9.500.000.000; 1.900.000.000 + 2.375.000.000 spent to TW II
    assert "## Sampai dengan TW II 2026" in budget
    assert "2026** (anggaran yang disediakan): Rp9.500.000.000 (Rp9,50 miliar), menurut Rencana Kinerja Tahunan 2026" \
        in budget
    assert "- **Realisasi s.d. TW II** (yang sudah dibelanjakan): Rp4.275.000.000" in budget
    assert re.search(r"Serapan</a>.*? s\.d\. TW II:\*\* 45,00%", budget)
    assert "Realisasi per triwulan ada di halaman [Progres 2026](triwulan.md)." in budget
    sasaran = _body((site_2026.docs / "sasaran" / "s-1-1-1.md").read_text(encoding="utf-8"))
    programmes = sasaran.split("## Program dan anggaran 2026\n", 1)[1]
    assert "| – | – | – |" not in programmes and "- Program Informasi dan Komunikasi Publik\n" in programmes
    assert "dan realisasi program ini untuk tahun 2026: tahun 2026 masih berjalan" in programmes
    assert "[Progres 2026](../triwulan.md)" in programmes
    # the closed year keeps its table and its figures, and says nothing of a year in progress
    closed = (site_2026.docs / "2025" / "sasaran" / "s-1-1-1.md").read_text(encoding="utf-8")
    assert "| Program | Pagu | Realisasi | Serapan |" in closed and "masih berjalan" not in closed
    assert "## Sampai dengan" not in (default_site.docs / "anggaran.md").read_text(encoding="utf-8")


def test_before_the_first_quarter_the_budget_page_gives_the_planned_pagu(tmp_path):
    """January 2026: the year's RKT is in the package, no quarter reported yet. The budget page said only
    "Paket data belum memuat realisasi anggaran tahun 2026"; it gives the year's planned pagu, names its
    document and says no quarter is reported yet (no link to a Progres page with no spending)."""
    from generator.render import render_site
    from generator.render.context import RenderOptions

    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    for name in ("anggaran_triwulan", "realisasi_triwulan"):
        path = package / "data" / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    tables = validate_package(package).tables
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False)).pages
    budget = _body(pages["anggaran.md"])
    assert "## Rencana anggaran 2026" in budget and "## Sampai dengan" not in budget
    assert "2026** (anggaran yang disediakan): Rp9.500.000.000 (Rp9,50 miliar), menurut Rencana Kinerja Tahunan 2026" \
        in budget
    assert "Realisasi s.d." not in budget and "Progres 2026" not in budget
    assert "Realisasi anggaran per triwulan tahun 2026 belum dilaporkan." in budget


def test_the_budget_pages_follow_the_budgets_own_quarter_and_name_each_rows_document(tmp_path):
    """An indicator reported for TW III while spending stops at TW II: the budget figures are still those to
    TW II (they were dropped, the page falling back to the plan alone). A programme's pagu in the PK while the
    agency's is in the RKT: each row names its document."""
    from generator.render import render_site
    from generator.render.context import RenderOptions

    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    path = package / "data" / "realisasi_triwulan.csv"
    path.write_text(path.read_text(encoding="utf-8")
                    + f'isk-diklat-pegawai,2026,3,1,"1",sementara,{tahun_berjalan.UJI},\n', encoding="utf-8")
    path = package / "data" / "anggaran.csv"
    path.write_text(path.read_text(encoding="utf-8") + "p-ikp;pk-2026;Program Informasi dan Komunikasi Publik;"
                    f"1.500.000.000,00;;;{tahun_berjalan.UJI}\n", encoding="utf-8")
    validated = validate_package(package)
    assert validated.report.ok
    tables = validated.tables
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False)).pages
    budget = _body(pages["anggaran.md"])
    assert "## Sampai dengan TW II 2026" in budget
    progres = _body(pages["triwulan.md"])  # the Progres page too: it asked the budget for TW III ("belum dilaporkan")
    assert "## Sampai dengan TW III 2026" in progres
    assert "- Serapan anggaran s.d. TW II: **45,00%** (Rp4.275.000.000 dari pagu Rp9.500.000.000)" in progres
    assert "## Anggaran s.d. TW II 2026" in progres
    assert "- **Realisasi s.d. TW II** (yang sudah dibelanjakan): Rp4.275.000.000" in budget
    assert "menurut Rencana Kinerja Tahunan 2026" in budget
    assert ("| Program | Pagu 2026 | Sumber pagu |\n|---|---|---|\n"
            "| B Program Informasi dan Komunikasi Publik | Rp1.500.000.000 | Perjanjian Kinerja 2026 Kepala Dinas |") in budget
    sasaran = _body(pages["sasaran/s-1-1-1.md"]).split("## Program dan anggaran 2026\n", 1)[1]
    assert "pagu di bawah adalah rencana menurut Perjanjian Kinerja 2026 Kepala Dinas." in sasaran
    assert "| Program Informasi dan Komunikasi Publik | Rp1.500.000.000 |" in sasaran


def test_an_agency_with_several_tujuan_has_one_total_to_date_their_sum(tmp_path):
    """Two tujuan, each with its pagu and its spending per quarter: the Progres page listed both as "Jumlah
    seluruh sasaran", and the home page, the Progres summary and the Anggaran page gave the first tujuan's
    figures as the agency's. Now the total is their sum (`TOTAL_ID`), as `budget_lines` has it for a report:
    t-1 (pagu Rp9.500.000.000; Rp1.900.000.000 + Rp2.375.000.000 spent) and t-2 (Rp500.000.000; Rp100.000.000 +
    Rp200.000.000 spent) give pagu Rp10.000.000.000 and Rp4.575.000.000 to TW II, serapan 45,75 %. A quarter
    one tujuan has not reported leaves the sum unknown, not smaller."""
    from decimal import Decimal

    from generator.compute.anggaran import TOTAL_ID
    from generator.render import render_site
    from generator.render.context import RenderOptions

    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    data = package / "data"
    with open(data / "node.csv", "a", encoding="utf-8") as f:
        f.write(f"t-2,tujuan,,T.2,,,Tujuan kedua (uji),,sekretariat,,{tahun_berjalan.UJI}\n")
    with open(data / "anggaran.csv", "a", encoding="utf-8") as f:
        f.write(f"t-2;rkt-2026;Tujuan kedua (uji);500.000.000,00;;;{tahun_berjalan.UJI}\n")
    with open(data / "anggaran_triwulan.csv", "a", encoding="utf-8") as f:
        f.write(f"t-2;2026;1;;100.000.000,00;{tahun_berjalan.UJI}\nt-2;2026;2;;200.000.000,00;{tahun_berjalan.UJI}\n"
                f"t-1;2026;3;;1.000.000.000,00;{tahun_berjalan.UJI}\n")
    validated = validate_package(package)
    assert validated.report.ok, validated.report.lines()
    res = compute_all(validated.tables)
    budget = res.anggaran_triwulan
    total = budget[budget["tingkat"] == "total"].set_index("triwulan")
    assert list(total["id"].unique()) == [TOTAL_ID]
    assert total.loc[2, "pagu"] == Decimal("10000000000") and total.loc[2, "realisasi_sd"] == Decimal("4575000000")
    assert str(total.loc[2, "serapan_sd"]) == "45.75"
    assert total.loc[1, "realisasi"] == Decimal("2000000000")
    assert total.loc[3, "realisasi_sd"] is None  # t-1 spent in TW III, t-2 has not reported it
    assert sorted(budget.loc[budget["tingkat"] == "tujuan", "id"].unique()) == ["t-1", "t-2"]
    pages = render_site(validated.tables, res, options=RenderOptions(static_svg=False)).pages
    progres = _body(pages["triwulan.md"])
    assert ("- Serapan anggaran s.d. TW III: belum dapat dihitung, karena realisasi TW III belum dilaporkan untuk "
            "semua tujuan\n") in progres  # t-1 reported TW III, t-2 not: no figure of one tujuan as the sum
    # the home page and the Anggaran page say the same (the home card was left off, the page fell back to the plan)
    assert "Serapan belum dapat dihitung, karena realisasi TW III belum dilaporkan untuk semua tujuan (tidak dianggap " \
        "0).</p>" in pages["index.md"]
    assert "(yang sudah dibelanjakan): belum dapat dihitung, karena realisasi TW III belum dilaporkan untuk semua " \
        "tujuan\n" in pages["anggaran.md"]
    assert "| Jumlah seluruh tujuan | belum dapat dihitung, karena realisasi TW III belum dilaporkan untuk semua " \
        "tujuan |" in progres
    assert "| Tujuan kedua (uji) | belum dapat dihitung, karena realisasi TW III belum dilaporkan |" in progres
    assert "Jumlah seluruh sasaran" not in progres
    anggaran = _body(pages["anggaran.md"])  # the budget stands at TW III: the last quarter with spending
    assert "## Sampai dengan TW III 2026" in anggaran and "Realisasi s.d. TW III** (yang sudah dibelanjakan): Rp" \
        not in anggaran
    assert "angka di atas adalah jumlah seluruh tujuan." in anggaran
    assert "Rp10.000.000.000 (Rp10,00 miliar), menurut Rencana Kinerja Tahunan 2026" in anggaran

    _write_spending(data, [("t-1", 1, "1.900.000.000,00"), ("t-1", 2, "2.375.000.000,00"),  # both to TW II only
                           ("t-2", 1, "100.000.000,00"), ("t-2", 2, "200.000.000,00")])
    pages = _pages(package)
    _assert_running_total(pages, "45,75%", "Rp4.575.000.000", "Rp10.000.000.000", "tujuan")
    assert "| Jumlah seluruh tujuan | 45,75%<br><small>Rp4,58 miliar dari pagu Rp10,00 miliar</small> |" in pages["triwulan.md"]
    assert "| Tujuan kedua (uji) | 60,00%<br><small>Rp300,00 juta dari pagu Rp500,00 juta</small> |" in pages["triwulan.md"]

    with open(data / "node.csv", "a", encoding="utf-8") as f:  # a third tujuan that spends with no pagu
        f.write(f"t-3,tujuan,,T.3,,,Tujuan ketiga (uji),,sekretariat,,{tahun_berjalan.UJI}\n")
    with open(data / "anggaran_triwulan.csv", "a", encoding="utf-8") as f:
        f.write(f"t-3;2026;1;;3.000.000.000,00;{tahun_berjalan.UJI}\nt-3;2026;2;;3.000.000.000,00;{tahun_berjalan.UJI}\n")
    validated = validate_package(package)
    res = compute_all(validated.tables)
    total = res.anggaran_triwulan[res.anggaran_triwulan["tingkat"] == "total"].set_index("triwulan")
    assert total.loc[2, "realisasi_sd"] == Decimal("10575000000") and total.loc[2, "pagu"] is None
    progres = render_site(validated.tables, res, options=RenderOptions(static_svg=False)).pages["triwulan.md"]
    assert "105,75%" not in progres  # the pagu of two tujuan against the spending of three
    assert ("- Realisasi anggaran s.d. TW II: **Rp10.575.000.000**; serapannya belum dapat dihitung karena paket "
            "data belum memuat pagu tahun 2026 untuk seluruh anggaran instansi") in progres


def test_a_plan_that_lists_only_programmes_has_their_sum_as_the_running_total(tmp_path):
    """The 2026 plan lists two programmes and no tujuan line, and spending is reported per programme: the
    home page, the Progres page and the Anggaran page had no pagu or serapan for the agency while the year ran
    (the report's rule, the sum of the programmes, was applied only once the LKjIP was in). Worked example:
    Rp1.000.000.000 + Rp3.000.000.000 planned, Rp200.000.000 + Rp400.000.000 and Rp600.000.000 spent to TW II
    → Rp1.200.000.000 of Rp4.000.000.000, serapan 30,00 %."""
    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    data = package / "data"
    uji = tahun_berjalan.UJI
    path = data / "anggaran.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if ";rkt-2026;" not in line)
                    + f"p-ikp;rkt-2026;Program IKP;1.000.000.000,00;;;{uji}\n"
                    + f"p-aptika;rkt-2026;Program Aptika;3.000.000.000,00;;;{uji}\n", encoding="utf-8")
    _write_spending(data, [("p-ikp", 1, "200.000.000,00"), ("p-ikp", 2, "400.000.000,00"),
                           ("p-aptika", 2, "600.000.000,00"), ("p-aptika", 1, "0,00")])
    pages = _pages(package)
    _assert_running_total(pages, "30,00%", "Rp1.200.000.000", "Rp4.000.000.000", "program")
    assert "| Jumlah seluruh program | 30,00%" in pages["triwulan.md"]


def test_spending_reported_per_programme_under_a_printed_agency_pagu_is_named(tmp_path):
    """The RKT 2026 prints the agency's pagu on its tujuan line (t-1, Rp9.500.000.000) and the operator reports
    spending per programme only: the home card, the Anggaran page's figure and the Progres summary disappeared
    without a word, and validation said nothing. Validation now names the line to fill in, and the three pages
    say the agency's figure to date cannot be computed yet and why (it is not added up from the programmes:
    whether all of them reported is not known)."""
    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    programmes = ("p-penunjang", "p-ikp", "p-aptika", "p-statistik", "p-persandian")
    _write_spending(package / "data", [(p, q, "100.000.000,00") for p in programmes for q in (1, 2)])
    warned = [line for line in validate_package(package).report.lines() if "anggaran_triwulan.csv" in line]
    assert [line.split("anggaran_triwulan.csv", 1)[1] for line in warned] == [
        ':2:1: peringatan: realisasi anggaran 2026 dilaporkan untuk "p-penunjang" dan 4 baris lain di bawah "t-1", '
        'tetapi tidak untuk "t-1" sendiri, yang menjadi jumlah anggaran instansi: realisasi dan serapan instansi '
        "s.d. triwulan tidak dapat dihitung (tidak dijumlahkan dari baris di bawahnya, karena tidak diketahui apakah "
        'semuanya sudah melapor). Isi realisasi "t-1" per triwulan di anggaran_triwulan.csv']
    pages = _pages(package)
    why = "belum dapat dihitung, karena realisasi TW I dan TW II baru dilaporkan per program, belum untuk seluruh instansi"
    assert f"Serapan {why} (tidak dianggap 0).</p>" in pages["index.md"]
    assert f"- **Realisasi s.d. TW II** (yang sudah dibelanjakan): {why}\n" in pages["anggaran.md"]
    assert f"- Serapan anggaran s.d. TW II: {why}\n" in pages["triwulan.md"]
    # with the agency's own line reported, no warning and the figure is back
    _write_spending(package / "data", [(p, q, "100.000.000,00") for p in programmes for q in (1, 2)]
                    + [("t-1", 1, "500.000.000,00"), ("t-1", 2, "500.000.000,00")])
    assert not [line for line in validate_package(package).report.lines() if "anggaran_triwulan.csv" in line]
    assert '<p class="kt-kartu__angka">10,53%</p>' in _pages(package)["index.md"]


def _assert_running_total(pages: dict[str, str], serapan: str, spent: str, pagu: str, summed: str) -> None:
    """The agency's total to TW II alike on the Progres page, the home card and the Anggaran page, which
    says it is a sum of `summed`."""
    assert f"- Serapan anggaran s.d. TW II: **{serapan}** ({spent} dari pagu {pagu})" in pages["triwulan.md"]
    assert f'<p class="kt-kartu__angka">{serapan}</p>' in pages["index.md"]
    assert f"- **Realisasi s.d. TW II** (yang sudah dibelanjakan): {spent}" in pages["anggaran.md"]
    assert f"angka di atas adalah jumlah seluruh {summed}." in pages["anggaran.md"]


def test_a_quarter_of_spending_not_reported_leaves_the_sum_to_date_unknown(tmp_path):
    """t-1 spent Rp1.900.000.000 in TW I, reported nothing for TW II and Rp1.000.000.000 in TW III: its
    spending s.d. TW III is unknown (it read Rp2.900.000.000, TW II as 0), as for an indicator's quarters."""
    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    _write_spending(package / "data", [("t-1", 1, "1.900.000.000,00"), ("t-1", 3, "1.000.000.000,00")])
    validated = validate_package(package)
    budget = compute_all(validated.tables).anggaran_triwulan.set_index("triwulan")
    assert budget.loc[1, "realisasi_sd"] == 1_900_000_000 and budget.loc[3, "realisasi_sd"] is None
    page = _pages(package)["triwulan.md"]
    # the summary and the line itself name the quarter to fill in (it said "belum dilaporkan", as if TW III were
    # missing; then "belum lengkap dilaporkan untuk seluruh anggaran instansi", naming none)
    assert "- Serapan anggaran s.d. TW III: belum dapat dihitung, karena realisasi TW II belum dilaporkan\n" in page
    assert "| Jumlah seluruh sasaran | belum dapat dihitung, karena realisasi TW II belum dilaporkan |" in page
    warned = [line for line in validated.report.lines() if "anggaran_triwulan.csv:" in line]
    assert len(warned) == 1 and warned[0].endswith(
        'anggaran_triwulan.csv:3:3: peringatan: realisasi anggaran "t-1" TW II 2026 belum ada: realisasi dan serapan '
        "s.d. TW III dan sesudahnya tidak dapat dihitung (tidak pernah dianggap 0). Isi realisasi TW II di "
        "anggaran_triwulan.csv"), warned


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), min_size=4, max_size=4), st.booleans())
def test_the_quarters_that_leave_a_figure_to_date_unknown(given_, added_up):
    """`unreported` is the rule the sums to date follow (`realised_to_date`): a figure to date is known exactly
    when it names no quarter; the quarters it names are the missing ones it depends on. `first_after_gap` is
    the first reported quarter that still has no figure to date, which validation warns about."""
    from generator.domain.triwulan import first_after_gap, unreported

    missing = unreported(given_, added_up)
    values = [7 if g else None for g in given_]
    to_date = triwulan.realised_to_date(values, "per_triwulan" if added_up else "kumulatif")
    for n in range(4):
        assert (to_date[n] is None) == bool(missing[n])
        depends = range(1, n + 2) if added_up else [n + 1]
        assert missing[n] == [q for q in depends if not given_[q - 1]]
    gap = first_after_gap(given_)
    late = [n + 1 for n in range(4) if given_[n] and not all(given_[:n])]
    assert gap == ((late[0], [q for q in range(1, late[0]) if not given_[q - 1]]) if late else None)


@functools.lru_cache(maxsize=1)
def _tables_2026():
    """The 2026 test package's tables, validated once (a fixture would be printed with every generated case)."""
    import tempfile

    return validate_package(tahun_berjalan.make(DATAPACKAGE, Path(tempfile.mkdtemp()) / "p")).tables


@settings(max_examples=40, deadline=None)
@given(reported=st.lists(st.booleans(), min_size=4, max_size=4), status_kosong=st.booleans())
def test_a_quarter_missing_before_a_reported_one_is_named_to_the_operator_and_the_reader(reported, status_kosong):
    """A per_triwulan indicator (isk-diklat-pegawai) whose quarters arrive with one left out (no row, or a row
    with status tidak_ada): validation warns at the first reported row after the gap, naming the missing
    quarters, and the Progres and indicator pages say which quarter keeps the figure to date unknown (they
    said "belum dilaporkan", as if the latest quarter were missing)."""
    from generator.domain.triwulan import TRIWULAN, named_quarters
    from generator.load import ROW, Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import indikator, triwulan
    from generator.validate import rules_triwulan

    t = _tables_2026()
    real = t["realisasi_triwulan"]
    mine = real[(real["indikator"] == "isk-diklat-pegawai")]
    template = mine.iloc[0].to_dict()
    rows = [{**template, "triwulan": q, "nilai": q, "label": str(q), ROW: 900 + q} for q in (1, 2, 3, 4) if reported[q - 1]]
    if status_kosong:  # the missing quarters as rows saying "no data"
        rows += [{**template, "triwulan": q, "nilai": None, "label": None, "status": "tidak_ada", ROW: 900 + q}
                 for q in (1, 2, 3, 4) if not reported[q - 1]]
    frame = pd.concat([real[real["indikator"] != "isk-diklat-pegawai"], pd.DataFrame(rows)], ignore_index=True)
    tables = Tables({**t.frames, "realisasi_triwulan": frame}, t.settings, t.descriptor)
    warned = [i for i in rules_triwulan.quarter_gaps(tables) if i.resource == "realisasi_triwulan"]
    late = [q for q in (1, 2, 3, 4) if reported[q - 1] and not all(reported[:q - 1])]
    if not late:
        assert warned == []
    else:
        missing = [q for q in range(1, late[0]) if not reported[q - 1]]
        assert [(i.row, i.column) for i in warned] == [(900 + late[0], "triwulan")]
        assert warned[0].message.startswith(f'indikator "isk-diklat-pegawai" dijumlahkan per triwulan, tetapi realisasi '
                                            f"{named_quarters(missing)} 2026 belum ada: realisasi s.d. {TRIWULAN[late[0]]}")
    # the two pages read here, rendered alone (test_pages: a module alone gives the whole site's pages)
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                        modules=(indikator, triwulan)).pages
    indicator = pages["indikator/isk-diklat-pegawai.md"]
    latest = max([2] + [q for q in (1, 2, 3, 4) if reported[q - 1]])  # the package's latest reported quarter
    for q in (1, 2, 3, 4):
        before = [p for p in range(1, q + 1) if not reported[p - 1]]
        named = f"belum dapat dihitung, karena realisasi {named_quarters(before)} belum dilaporkan"
        # a series with nothing reported is just "belum dilaporkan", and so is a quarter after the latest
        row = next(x for x in indicator.splitlines() if x.startswith(f"| {TRIWULAN[q]} |"))
        if any(reported) and before and before != [q] and q <= latest:
            assert named in row, (q, row)
        else:
            assert "belum dapat dihitung" not in row, (q, row)
    line = next(x for x in pages["triwulan.md"].splitlines() if "mengikuti pendidikan dan pelatihan](" in x)
    # the Progres page stands at the package's latest quarter (TW II, or a later one this indicator reports)
    quarter = next(q for q, name in TRIWULAN.items() if f": s.d. {name} target" in line)
    assert quarter == max([2] + [q for q in (1, 2, 3, 4) if reported[q - 1]])
    before = [p for p in range(1, quarter + 1) if not reported[p - 1]]
    if any(reported) and before and before != [quarter]:
        assert line.endswith(f": belum dapat dihitung, karena realisasi {named_quarters(before)} belum dilaporkan."), line
        assert f"belum dapat dinilai, karena realisasi s.d. {TRIWULAN[quarter]} belum lengkap dilaporkan" \
            in pages["triwulan.md"]
    elif before:
        assert line.endswith(": belum dilaporkan."), line


@settings(max_examples=25, deadline=None)
@given(reported=st.lists(st.booleans(), min_size=4, max_size=4).filter(any))
def test_spending_with_a_quarter_missing_is_explained_on_every_page_that_shows_the_budget(reported):
    """The agency's spending (t-1, pagu Rp9.500.000.000) reported for some quarters: the home page, the
    Anggaran page and the Progres page all stand at the latest quarter with spending. With every quarter to it
    reported they give the same serapan; with one missing before it, the home card disappeared and the Anggaran
    page fell back to "Rencana anggaran" without a word, while the Progres page named the missing quarter. All
    three now say the figure cannot be computed and which quarters are missing (never counted as 0)."""
    from decimal import Decimal

    from generator.domain.triwulan import TRIWULAN, named_quarters
    from generator.domain.values import percent
    from generator.load import ROW, Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import anggaran, beranda, triwulan as progres

    t = _tables_2026()
    template = t["anggaran_triwulan"].iloc[0].to_dict()
    rows = [{**template, "triwulan": q, "realisasi": Decimal(1_000_000 * q), ROW: 900 + q}
            for q in (1, 2, 3, 4) if reported[q - 1]]
    tables = Tables({**t.frames, "anggaran_triwulan": pd.DataFrame(rows)}, t.settings, t.descriptor)
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                        modules=(beranda, anggaran, progres)).pages
    at = max(q for q in (1, 2, 3, 4) if reported[q - 1])
    before = [q for q in range(1, at + 1) if not reported[q - 1]]
    home, budget, progress = (_body(pages[name]) for name in ("index.md", "anggaran.md", "triwulan.md"))
    assert f"Serapan anggaran s.d. {TRIWULAN[at]} 2026</p>" in home
    assert f"## Sampai dengan {TRIWULAN[at]} 2026" in budget
    if before:
        why = f"belum dapat dihitung, karena realisasi {named_quarters(before)} belum dilaporkan"
        assert f"Serapan {why} (tidak dianggap 0).</p>" in home
        assert f"- **Realisasi s.d. {TRIWULAN[at]}** (yang sudah dibelanjakan): {why}\n" in budget
        assert f"- Serapan anggaran s.d. {TRIWULAN[at]}: {why}\n" in progress
    else:
        spent = sum(1_000_000 * q for q in range(1, at + 1))
        serapan = fmt.persen(percent(Decimal(spent), Decimal(9_500_000_000)))
        assert f'<p class="kt-kartu__angka">{serapan}</p>' in home
        assert f"- **Realisasi s.d. {TRIWULAN[at]}** (yang sudah dibelanjakan): {fmt.rupiah(spent)}\n" in budget
        assert f"- Serapan anggaran s.d. {TRIWULAN[at]}: **{serapan}** ({fmt.rupiah(spent)} dari pagu " \
               f"Rp9.500.000.000)" in progress
        assert "Serapan belum dapat dihitung" not in home and "belum dapat dihitung" not in budget


@settings(max_examples=20, deadline=None)
@given(levels=st.lists(st.integers(1, 5), min_size=2, max_size=4))
def test_a_level_to_date_is_named_by_its_own_class(levels):
    """A level indicator (Indeks KAMI, scale level-kami: 1 "Level I" … 5 "Level V") reported by quarter, the
    latest level standing (nilai_terakhir), against a Rencana Aksi of Level III each quarter: the figure to
    date was shown with a label printed for another quarter ("realisasi Level III" for a realisasi of 2), on the
    indicator page and the Progres page. Each figure to date is now named by its own class."""
    from generator.domain.triwulan import TRIWULAN
    from generator.load import ROW, Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import indikator, triwulan as progres

    roman = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
    t = _tables_2026()
    ind = t["indikator"].copy()
    ind.loc[ind["id"] == "iku-kesiapan-keamanan", "akumulasi"] = "nilai_terakhir"
    plan, real = t["target_triwulan"], t["realisasi_triwulan"]
    plan_row, real_row = plan[plan["tahun"] == 2026].iloc[0].to_dict(), real.iloc[0].to_dict()
    quarters = range(1, len(levels) + 1)
    plans = [{**plan_row, "indikator": "iku-kesiapan-keamanan", "triwulan": q, "nilai": 3.0,
              "label": "Level III", ROW: 900 + q} for q in (1, 2, 3, 4)]
    reals = [{**real_row, "indikator": "iku-kesiapan-keamanan", "triwulan": q, "nilai": float(v),
              "label": f"Level {roman[v]}", ROW: 900 + q} for q, v in zip(quarters, levels)]
    tables = Tables({**t.frames, "indikator": ind, "target_triwulan": pd.concat([plan, pd.DataFrame(plans)], ignore_index=True),
                     "realisasi_triwulan": pd.concat([real, pd.DataFrame(reals)], ignore_index=True)},
                    t.settings, t.descriptor)
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                        modules=(indikator, progres)).pages
    page = pages["indikator/iku-kesiapan-keamanan.md"]
    for q, v in zip(quarters, levels):
        row = next(x for x in page.splitlines() if x.startswith(f"| {TRIWULAN[q]} |"))
        assert f"target Level III, realisasi Level {roman[v]} (" in row, row
    line = next(x for x in pages["triwulan.md"].splitlines() if "(indikator/iku-kesiapan-keamanan.md)" in x)
    # the page stands at the latest quarter reported (this series' last one, TW II or later)
    assert f": s.d. {TRIWULAN[len(levels)]} target **Level III**, realisasi **Level {roman[levels[-1]]}**" in line, line


def test_an_indicator_not_yet_reported_at_the_latest_quarter_says_so_in_its_one_line_answer():
    """Spending reported for TW III moves the year to TW III; isk-mebel has reported TW II only. Its one-line
    answer says where it stands without an empty figure ("realisasi –")."""
    from decimal import Decimal

    from generator.load import ROW, Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import indikator

    t = _tables_2026()
    spent = t["anggaran_triwulan"]
    row = {**spent.iloc[0].to_dict(), "triwulan": 3, "realisasi": Decimal(1_000_000), ROW: 900}
    tables = Tables({**t.frames, "anggaran_triwulan": pd.concat([spent, pd.DataFrame([row])], ignore_index=True)},
                    t.settings, t.descriptor)
    page = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                       modules=(indikator,)).pages["indikator/isk-mebel.md"]
    assert ("**Tahun 2026:** target 12; **belum ada realisasi setahun penuh 2026** (tahun berjalan); s.d. TW III "
            "target 12: [belum dilaporkan](#triwulan-2026).") in page


def test_the_survey_page_says_the_year_has_no_survey_yet(package_2026):
    """The survey page of 2026 listed the 2025 surveys under "Menampilkan tahun 2026" without a word that
    none of 2026 is in the package; the default package's 2025 page, with its 2025 surveys, says nothing."""
    from generator.render import render_site
    from generator.render.context import RenderOptions

    line = "Paket data belum memuat survei kepuasan tahun 2026; yang terbaru di bawah ini dari tahun 2025."
    tables = validate_package(package_2026).tables
    assert line in render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False)).pages["survei.md"]
    base = default_tables()
    page = render_site(base, compute_all(base), options=RenderOptions(static_svg=False)).pages["survei.md"]
    assert "Paket data belum memuat survei kepuasan" not in page


def test_a_year_without_realisasi_is_said_and_warned(tmp_path, run):
    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p", year_data=False)
    status, out, _ = run("validate", package)
    assert status == 0
    assert any(re.fullmatch(r".*datapackage\.json:\d+:\d+: peringatan: belum ada realisasi 2026: portal menampilkan target "
                            r"2026 dengan keterangan \"belum ada realisasi 2026\"\. .*", line) for line in out), out
    assert any('peringatan: kinerja.dokumen_laporan "lkjip-2025" adalah laporan tahun 2025, bukan tahun laporan 2026' in line
               for line in out), out
    t = validate_package(package).tables
    assert published_years(t) == [2026, 2025]
    from generator.render import render_site
    page = render_site(t, compute_all(t)).pages["index.md"]
    assert '!!! info "Belum ada realisasi setahun penuh 2026"' in page and "Sumber utama" not in page
    assert "| 1.1.1 [Meningkatkan akses masyarakat" in page and "| belum ada realisasi 2026 |" in page


def test_as_of_the_package_year_is_the_package(package_2026):
    """The 2025 view of the default package is the default package (nothing of it belongs to a later
    year); the 2025 view of the 2026 package drops exactly the 2026 rows."""
    base = default_tables()
    same = as_of(base, 2025)
    for name, frame in base.frames.items():
        pd.testing.assert_frame_equal(same[name].reset_index(drop=True), frame.reset_index(drop=True), check_dtype=False)
    moved = as_of(validate_package(package_2026).tables, 2025)
    assert "pk-2026" not in set(moved["dokumen"]["id"]) and "pk-2026" not in set(moved["target"]["dokumen"])
    assert moved.settings.tahun_laporan == 2025 and moved.settings.dokumen_laporan == "lkjip-2025"
    assert moved["realisasi_triwulan"].empty and len(moved["target"]) == len(base["target"])


@settings(max_examples=25, deadline=None)
@given(year=st.integers(2019, 2026))
def test_every_years_view_names_only_what_it_keeps(year):
    """A year's view of the package (`as_of`) keeps the package's references whole: every indicator and node
    a kept row names is in the view. The 2024 archive of the default package (once the package names an
    LKjIP 2024) stopped with an internal error: the 2025 report prints a 2024 realisasi of an indicator that
    has no target or realisasi up to 2024 (`t34-kesiapan-2024`), which the 2024 view leaves out."""
    from generator import contract

    t = _with_lkjip_2024()
    view = as_of(t, year)
    for resource in contract.canonical_resources():  # every foreign key the schemas declare
        for fk in contract.canonical_schema(resource["name"]).get("foreignKeys", []):
            target = fk["reference"].get("resource")
            if target not in ("indikator", "node"):
                continue
            kept = set(view[target]["id"])
            for column in fk["fields"]:
                named = set(view[resource["name"]][column].dropna())
                assert named <= kept, (year, resource["name"], column, named - kept)
    if year == 2024:
        assert "t34-kesiapan-2024" not in set(view["angka_laporan"]["id"])
        assert "iku-kesiapan-keamanan" not in set(view["indikator"]["id"])
        compute_all(view)  # the KeyError was here (compute/konsistensi.py)


def test_a_composite_that_lost_a_component_in_a_years_view_has_no_formula_there():
    """x = 0,5 × iku-kepuasan-informasi + 0,5 × iku-kesiapan-keamanan, whose second part begins in 2025: the
    2024 view kept x's first part only and computed x as 0,5 × 82,35 = 41,175, a figure nobody reported. The
    view keeps no part of a formula it cannot keep whole."""
    from generator.compute.pohon import composite_realisasi
    from generator.load import Tables

    t = _with_lkjip_2024()
    frames = dict(t.frames)
    ind = frames["indikator"]
    x = ind[ind["id"] == "iku-kepuasan-informasi"].assign(id="x-komposit", nama="Komposit uji")
    frames["indikator"] = pd.concat([ind, x], ignore_index=True)
    parts = pd.DataFrame([{"indikator": "x-komposit", "komponen": c, "bobot": 0.5, "simbol": s, "sumber": "uji"}
                          for c, s in (("iku-kepuasan-informasi", "a"), ("iku-kesiapan-keamanan", "b"))])
    frames["komponen_indikator"] = parts.reindex(columns=t["komponen_indikator"].columns)
    view = as_of(Tables(frames, t.settings, t.descriptor), 2024)
    assert "iku-kesiapan-keamanan" not in set(view["indikator"]["id"])
    assert view["komponen_indikator"].empty
    computed = composite_realisasi(view["realisasi"], view["komponen_indikator"])
    assert computed.empty or "x-komposit" not in set(computed["indikator"])


@functools.lru_cache(maxsize=1)
def _with_lkjip_2024():
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp()) / "p"
    shutil.copytree(DATAPACKAGE, folder)
    with open(folder / "data" / "dokumen.csv", "a", encoding="utf-8") as f:
        f.write("lkjip-2024,lkjip,Laporan Kinerja (LKjIP) Tahun 2024,2024,2024,2024,,,2025-02-20,,,DATA UJI\n")
    validated = validate_package(folder)
    shutil.rmtree(folder.parent)
    assert validated.report.ok
    return validated.tables


def test_archive_years_come_from_the_data(tmp_path):
    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    desc["kinerja"]["tahun_arsip"] = []
    (package / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    assert published_years(validate_package(package).tables) == [2026]
    desc["kinerja"]["tahun_arsip"] = [2026]
    (package / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    report = validate_package(package).report
    assert [p.message for p in report.errors] == [
        "kinerja.tahun_arsip harus kosong (null: setiap tahun sebelumnya yang memiliki Laporan Kinerja) atau daftar "
        "tahun sebelum tahun laporan, misalnya [2024, 2025]"]


@settings(max_examples=20, deadline=None)
@given(st.sets(st.integers(2000, 2025), min_size=1, max_size=4))
def test_an_archive_year_without_results_is_refused(years):
    """A year listed in kinerja.tahun_arsip with neither a Laporan Kinerja nor realisasi was published as an
    archive saying the year was "masih berjalan" and the package had no tree: it is refused, naming the
    years (the default package reports 2024 and 2025 realisasi, so those two are accepted)."""
    from generator.load import Tables
    from generator.validate import rules_triwulan

    t = default_tables()
    settings_ = dataclasses.replace(t.settings, tahun_arsip=tuple(sorted(years)))
    found = rules_triwulan.archive_years(Tables(t.frames, settings_, t.descriptor))
    measured = set(t["realisasi"].loc[t["realisasi"]["nilai"].notna(), "tahun"].astype(int))
    empty = sorted(y for y in years if y < 2025 and y not in measured)
    if not empty:
        assert found == []
    else:
        assert [(i.column, i.message.split(",")[0] if len(empty) == 1 else i.message.split(", tetapi")[0])
                for i in found] == [("tahun_arsip", f"kinerja.tahun_arsip memuat {', '.join(map(str, empty))}")]
        assert "Hapus tahun itu dari daftar, atau isi laporan dan realisasinya" in found[0].message


# --- quarterly figures ----------------------------------------------------------------------------

def test_quarters_to_date_follow_the_indicators_akumulasi():
    assert triwulan.to_date([12, 12, 12, 12], "per_triwulan") == [12, 24, 36, 48]
    assert triwulan.to_date([None, None, 2, 2], "per_triwulan") == [None, None, 2, 4]
    assert triwulan.to_date([39, 53, 84, 86], "kumulatif") == [39, 53, 84, 86]
    assert triwulan.to_date([81.5, None, 82.5, None], "nilai_terakhir") == [81.5, 81.5, 82.5, 82.5]
    assert triwulan.to_date([1, 1, 1, 1], None) == [None] * 4
    assert triwulan.realised_to_date([1, 2, None, None], "per_triwulan") == [1, 3, None, None]
    # TW II not reported: TW III's 14 is not "22 to date" (8 + 0 + 14), the sum is unknown from TW II on
    assert triwulan.realised_to_date([8, None, 14, None], "per_triwulan") == [8, None, None, None]
    assert triwulan.realised_to_date([8, None, 14, None], "nilai_terakhir") == [8, None, 14, None]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 10_000)), min_size=4, max_size=4))
def test_per_quarter_sums_and_cumulative_ends_where_the_quarters_say(values):
    per = triwulan.to_date(values, "per_triwulan")
    last = triwulan.to_date(values, "kumulatif")
    for q in range(4):
        given_so_far = [v for v in values[:q + 1] if v is not None]
        assert per[q] == (sum(given_so_far) if given_so_far else None)
        assert last[q] == (given_so_far[-1] if given_so_far else None)
    reported = triwulan.realised_to_date(values, "per_triwulan")
    for q in range(4):  # a sum to date needs every quarter so far: one not reported is never a 0
        so_far = values[:q + 1]
        assert reported[q] == (sum(so_far) if all(v is not None for v in so_far) else None)
    latest = triwulan.realised_to_date(values, "kumulatif")
    assert all((r is None) == (v is None) for r, v in zip(latest, values))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(1, 500)), min_size=4, max_size=4),
       st.lists(st.one_of(st.none(), st.integers(0, 500)), min_size=4, max_size=4),
       st.sampled_from(["per_triwulan", "kumulatif", "nilai_terakhir"]), st.sampled_from(["tinggi_lebih_baik", "rendah_lebih_baik"]))
def test_a_quarter_with_nothing_planned_to_date_is_never_late(targets, reported, akumulasi, polaritas):
    """No target to date is "no target yet", reported or not: the Progres page once counted an indicator whose
    first target is in TW IV as "belum melaporkan" at TW I. Otherwise the capaian rule decides, and a quarter
    not reported is "belum dilaporkan"."""
    from generator.compute.capaian import capaian_values, met

    target_sd = triwulan.to_date(targets, akumulasi)
    real_sd = triwulan.realised_to_date(reported, akumulasi)
    capaian = capaian_values(target_sd, real_sd, [polaritas] * 4, ["angka"] * 4)
    for q in range(4):
        said = triwulan.status(akumulasi, target_sd[q], real_sd[q], capaian[q])
        if target_sd[q] is None:
            assert said == "tanpa_target"
        elif real_sd[q] is None:
            assert said == "belum_dilaporkan"
        elif capaian[q] != capaian[q]:  # no capaian from these two (a zero target): nothing to compare
            assert said == "tanpa_target"
        else:
            assert said == ("sesuai_rencana" if met(capaian[q]) else "tertinggal")
    assert triwulan.status(None, target_sd[0], real_sd[0], capaian[0]) == "akumulasi_kosong"


def test_progress_status_is_the_capaian_rule(package_2026):
    t = validate_package(package_2026).tables
    res = compute_all(t)
    p = res.triwulan[(res.triwulan["tahun"] == 2026) & (res.triwulan["triwulan"] == 2)].set_index("indikator")
    assert p.loc["iku-kepuasan-informasi", "status"] == "tertinggal"
    assert round(p.loc["iku-kepuasan-informasi", "capaian_sd"], 2) == 98.78  # 81 / 82 × 100
    assert p.loc["isk-diklat-pegawai", ["target_sd", "realisasi_sd", "status"]].tolist() == [2.0, 3.0, "sesuai_rencana"]
    assert p.loc["isk-gaji-tunjangan", "capaian_sd"] == 100.0 and p.loc["isk-gaji-tunjangan", "status"] == "sesuai_rencana"
    assert p.loc["isk-kendaraan-dinas", "status"] == "tanpa_target"
    assert triwulan.latest_quarter(t, 2026) == 2
    s = triwulan.progress_summary(res.triwulan, 2026, 2)
    assert (s["indikator"], s["sesuai"], s["tertinggal"]) == (4, 2, 2)
    budget = res.anggaran_triwulan.set_index(["id", "triwulan"])
    assert str(budget.loc[("t-1", 2), "realisasi_sd"]) == "4275000000.00" and str(budget.loc[("t-1", 2), "serapan_sd"]) == "45.00"


def test_rencana_aksi_2025_quarters_that_do_not_add_up_are_listed_as_printed():
    """The default package's Rencana Aksi 2025 (LKjIP 2025 appendix, seed lines 2731-2862), kept as printed:
    the series whose quarters neither sum nor run to the annual figure of the same document are findings."""
    t = default_tables()
    rows = compute_all(t).konsistensi
    found = rows[rows["pemeriksaan"] == "triwulan"].set_index("rujukan")
    assert sorted(found.index) == sorted([
        "isk-barang-cetak/ra-perubahan-2025", "isk-instalasi-listrik/ra-perubahan-2025",
        "isk-jasa-komunikasi/ra-perubahan-2025-sekretaris", "isk-logistik-kantor/ra-perubahan-2025",
        "isk-media-komunikasi/ra-perubahan-2025", "isk-pemeliharaan-kendaraan/ra-perubahan-2025-sekretaris",
        "isk-peralatan-kantor/ra-perubahan-2025", "isk-rapat-koordinasi/ra-perubahan-2025",
        "isk-sarpras-gedung/ra-perubahan-2025-sekretaris"])
    rapat = found.loc["isk-rapat-koordinasi/ra-perubahan-2025"]
    assert (rapat["tercetak"], rapat["dihitung"]) == ("140 Laporan", "jumlah 262; triwulan terakhir 86")
    assert rapat["keterangan"].startswith("TW I 39, TW II 53, TW III 84, TW IV 86: jumlahnya maupun nilai triwulan terakhirnya")
    # 12 + 12 + 12 + 12 = 48 Konten (per_triwulan) and 1, 1, 1, 1 ending at 1 Dokumen are not findings
    assert "isk-penyusunan-konten/ra-perubahan-2025" not in found.index
    assert "isk-nama-domain/ra-perubahan-2025" not in found.index
    # a Rencana Aksi's annual figure never becomes the applicable target
    cap = compute_all(t).capaian
    assert not cap[(cap["jenis_dokumen"] == "rencana_aksi") & cap["dipilih"]].shape[0]


# --- the browser ----------------------------------------------------------------------------------

def test_2026_progress_on_a_phone(browser, site_2026):
    url = serve(site_2026.site)
    pages = ["", "triwulan/", "2025/", "indikator/isk-mebel/", "2025/indikator/iku-ip-asn/"]
    shots = {url + p: f"tahun-2026-{(p.strip('/').replace('/', '-') or 'beranda')}-375.png" for p in pages}
    visits = visit_all(browser, [url + p for p in pages], 375, shots=shots)
    assert [(v.url, v.status, v.errors, v.failed, v.foreign, v.scroll) for v in visits
            if v.status != 200 or v.errors or v.failed or v.foreign or v.scroll > 375] == []
    by = {v.url[len(url):]: v.text for v in visits}
    assert "Progres s.d. TW II 2026" in by[""] and "2 dari 4" in by[""]
    assert "Menampilkan tahun 2025 (arsip)" in by["2025/"] and "110,91%" in by["2025/"]
    wide_pages = ["", "triwulan/", "2025/"]
    wide = visit_all(browser, [url + p for p in wide_pages], 1280,
                     shots={url + p: f"tahun-2026-{(p.strip('/') or 'beranda')}-1280.png" for p in wide_pages})
    assert [(v.url, v.scroll, v.errors, v.failed, v.foreign) for v in wide
            if v.status != 200 or v.scroll > 1280 or v.errors or v.failed or v.foreign] == []


def test_synthetic_kabupaten_has_an_opd_in_the_middle_of_2026(kabupaten_site):
    """`kinerja contoh` puts one OPD in ten (at least one) in the year after its range with two quarters
    reported: that member's portal opens on its 2026 progress and keeps its 2025 results under 2025/."""
    from generator.synthetic import opd_list, running_members

    members = [i for i, _ in opd_list(3)]
    assert running_members(3) == {1}
    running, finished = members[1], members[0]
    home = (kabupaten_site.docs / running / "index.md").read_text(encoding="utf-8")
    assert "Menampilkan tahun **2026** (tahun berjalan, s.d. TW II) · Tahun lain: [2025](2025/index.md)" in home
    assert "Progres s.d. TW II 2026" in home and "| Progres s.d. TW II 2026 |" in home
    archive = (kabupaten_site.docs / running / "2025" / "index.md").read_text(encoding="utf-8")
    assert "Menampilkan tahun **2025** (arsip) · Tahun lain: [2026](../index.md)" in archive
    assert "Capaian kinerja 2025" in archive and "SINTETIS" in archive.upper()
    assert _body((kabupaten_site.docs / running / "triwulan.md").read_text(encoding="utf-8")).startswith("# Progres 2026\n")
    assert not (kabupaten_site.docs / finished / "2025").exists()
    assert "Menampilkan tahun" not in (kabupaten_site.docs / finished / "index.md").read_text(encoding="utf-8")
    # its Renstra period ended in 2025: realisasi "up to 2025", not to the running year the period does not hold
    periods = {m.groups() for page in (kabupaten_site.docs / running / "indikator").glob("*.md") for m in re.finditer(
        r"## Periode Renstra (\d{4})–(\d{4})\n\nTarget setiap tahun menurut .*?, realisasi sampai tahun (\d{4}),",
        page.read_text(encoding="utf-8"))}
    assert periods == {("2023", "2025", "2025")}


def test_figures_to_date_read_alike_on_the_progress_page_and_each_indicator_page(kabupaten_site):
    """One rule for the decimals of a sum to date (render.values.widest_label): the indicator page wrote
    "target 72,9%" where the Progres page wrote "target **72,90%**" for the same TW II figure."""
    from generator.synthetic import opd_list, running_members

    running = [i for i, _ in opd_list(3)][min(running_members(3))]
    progress = (kabupaten_site.docs / running / "triwulan.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- \[[^\]]+\]\((indikator/[^)]+\.md)\) \(IKU\): s\.d\. TW II target \*\*([^*]+)\*\*, "
                        r"realisasi \*\*([^*]+)\*\*", progress, flags=re.M)
    assert len(listed) == 7
    trailing_zero = 0
    for page, target, realisasi in listed:
        own = (kabupaten_site.docs / running / page).read_text(encoding="utf-8")
        row = re.search(r"^\| TW II \| [^|]+ \| [^|]+ \| target ([^,]+(?:,\d+)?%?), realisasi ([^ ]+) \(", own, flags=re.M)
        assert (row.group(1), row.group(2)) == (target, realisasi), page
        trailing_zero += target.endswith("0%") or target.endswith("0")
    assert trailing_zero  # the case that differed is among them


def test_the_progress_summary_and_its_chart_count_the_same_indicators(kabupaten_site):
    """The Progres page said "1 dari 7 indikator sesuai rencana" (one due but not reported) above a chart
    that said "1 dari 6": the chart left the late indicator out. It is now a row of the chart, "belum
    dilaporkan", and both sentences count the same indicators, in the running year and in its archive."""
    from generator.synthetic import opd_list, running_members

    running = [i for i, _ in opd_list(3)][min(running_members(3))]
    late_seen = 0
    for page in (kabupaten_site.docs / running / "triwulan.md", kabupaten_site.docs / running / "2025" / "triwulan.md"):
        text = page.read_text(encoding="utf-8")
        listed = re.search(r"^- \*\*(\d+) dari (\d+)\*\* indikator sesuai rencana", text, flags=re.M).groups()
        late = re.search(r"^- \*\*(\d+)\*\* belum melaporkan", text, flags=re.M)
        chart = re.search(r'class="kt-grafik__ringkasan">Tahun \d+ s\.d\. TW [IV]+, (\d+) dari (\d+) indikator sesuai '
                          r'rencana \(capaian s\.d\. triwulan 100% atau lebih\)(?:, (\d+) belum dilaporkan)?\.<', text)
        assert chart.groups()[:2] == listed, page
        assert chart.group(3) == (late.group(1) if late else None), page
        late_seen += bool(late)
    assert late_seen  # the case that differed is among them


def test_a_years_pagu_is_the_most_recently_amended_documents():
    """The one rule every budget figure of a year takes its pagu from (validation of spending to date, the
    Progres page, the budget and sasaran pages), worked: RKT 100, PK 105, PK Perubahan 110, a second PK
    Perubahan replacing the first 120 → 120; a programme only in the RKT and the PK → the PK's; one only in
    the RKT → the RKT's; the LKjIP 2025 → 2025's; a document without a year states no year's pagu."""
    from decimal import Decimal

    from generator.domain.anggaran import year_pagu

    dokumen = pd.DataFrame([("rkt-2026", "rkt", 2026, None), ("pk-2026", "pk", 2026, None),
                            ("pkp-2026", "pk_perubahan", 2026, "pk-2026"), ("pkp2-2026", "pk_perubahan", 2026, "pkp-2026"),
                            ("lkjip-2025", "lkjip", 2025, None), ("renstra", "renstra", None, None)],
                           columns=["id", "jenis", "tahun", "menggantikan"])
    rows = [("t-1", "pkp2-2026", 120), ("t-1", "rkt-2026", 100), ("t-1", "pkp-2026", 110), ("t-1", "pk-2026", 105),
            ("p-a", "rkt-2026", 50), ("p-a", "pk-2026", 55), ("p-b", "rkt-2026", 30), ("t-1", "lkjip-2025", 90),
            ("p-c", "renstra", 999)]
    expected = {("t-1", 2026): (Decimal(120), "pkp2-2026"), ("p-a", 2026): (Decimal(55), "pk-2026"),
                ("p-b", 2026): (Decimal(30), "rkt-2026"), ("t-1", 2025): (Decimal(90), "lkjip-2025")}
    for order in (rows, rows[::-1]):  # the order of the rows does not decide between stages
        anggaran = pd.DataFrame([(n, d, Decimal(p)) for n, d, p in order], columns=["node", "dokumen", "pagu"])
        assert year_pagu(anggaran, dokumen) == expected


KINDS = ["rkt", "pk", "pk_perubahan", "lkjip"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["t-1", "p-a", "p-b"]), st.integers(0, 3), st.integers(1, 10**12)),
                min_size=1, max_size=12),
       st.sampled_from(["t-1", "p-a", "p-b"]), st.integers(1, 10**12))
def test_an_earlier_stage_never_replaces_a_later_ones_pagu(rows, node, pagu):
    """Whatever the rows: an RKT row added for a node never changes its pagu where a later stage states
    one; an LKjIP row added always becomes it (the first LKjIP row where there are several)."""
    from decimal import Decimal

    from generator.domain.anggaran import year_pagu

    dokumen = pd.DataFrame({"id": [f"d{n}" for n in range(4)] + ["lkjip-x", "rkt-x"], "jenis": KINDS + ["lkjip", "rkt"],
                            "tahun": [2026] * 6})
    frame = pd.DataFrame([(n, f"d{d}", Decimal(p)) for n, d, p in rows], columns=["node", "dokumen", "pagu"])
    before = year_pagu(frame, dokumen)
    more_rkt = pd.concat([frame, pd.DataFrame([(node, "rkt-x", Decimal(pagu))], columns=frame.columns)])
    after = year_pagu(more_rkt, dokumen)
    if (node, 2026) in before:
        assert after == before
    else:
        assert after == {**before, (node, 2026): (Decimal(pagu), "rkt-x")}
    more_lkjip = pd.concat([frame, pd.DataFrame([(node, "lkjip-x", Decimal(pagu))], columns=frame.columns)])
    lkjip_first = next((Decimal(p) for n, d, p in rows if n == node and d == 3), None)  # d3 is an LKjIP too
    assert year_pagu(more_lkjip, dokumen)[(node, 2026)] == ((lkjip_first, "d3") if lkjip_first is not None
                                                           else (Decimal(pagu), "lkjip-x"))


# --- quarters to date, found by entering a year quarter by quarter -----------------------------------------

def test_quarters_are_summed_as_written():
    """15,05 + 29,8 + 25 + 30,145 km is 99,995 to date: the binary sum 99,99499… gave capaian 99,99 (behind)
    in triwulan.csv and the text while the chart said 100,00%. Summed as written, it is 99,995 % → 100,00 %,
    on track everywhere."""
    from generator.compute.capaian import capaian_value, met

    done = triwulan.to_date([15.05, 29.8, 25, 30.145], triwulan.PER_TRIWULAN)
    assert repr(done[-1]) == "99.995" and met(capaian_value(100, done[-1])) is True


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.decimals(min_value="0", max_value="100000", places=3)), min_size=4, max_size=4))
def test_a_sum_to_date_is_the_exact_sum_of_the_quarters(quarters):
    from decimal import Decimal

    done = triwulan.to_date([float(q) if q is not None else None for q in quarters], triwulan.PER_TRIWULAN)
    for n, value in enumerate(done):
        given = [q for q in quarters[:n + 1] if q is not None]
        assert (value is None) if not given else Decimal(repr(value)) == sum(given, Decimal(0))


def test_a_range_target_holds_for_its_quarters(tmp_path):
    """A range indicator (2–4, lower is better; the Rencana Aksi plans 2, its lower bound, each quarter) with
    3 and 3,1 reported: inside the range, capaian 100 and on track. It read as a plain target of 2: capaian
    50 and 45 %, behind."""
    from generator.load import Tables

    package = tahun_berjalan.make(DATAPACKAGE, tmp_path / "p")
    t = validate_package(package).tables
    frames = dict(t.frames)
    ind = frames["indikator"].copy()
    at = ind["id"] == "isk-gaji-tunjangan"
    ind.loc[at, ["jenis_target", "polaritas"]] = ["rentang", "rendah_lebih_baik"]
    target = frames["target"].copy()
    row = (target["indikator"] == "isk-gaji-tunjangan") & (target["tahun"] == 2026)
    target.loc[row, ["nilai", "batas_atas"]] = [2.0, 4.0]
    plan = frames["target_triwulan"].copy()
    plan.loc[(plan["indikator"] == "isk-gaji-tunjangan") & (plan["tahun"] == 2026), "nilai"] = 2.0
    real = frames["realisasi_triwulan"].copy()
    mine = real["indikator"] == "isk-gaji-tunjangan"
    real.loc[mine, "nilai"] = [3.0, 3.1]
    frames.update(indikator=ind, target=target, target_triwulan=plan, realisasi_triwulan=real)
    progress = triwulan.progress_table(Tables(frames, t.settings, t.descriptor))
    rows = progress[(progress["indikator"] == "isk-gaji-tunjangan") & (progress["triwulan"] <= 2)]
    assert list(rows["capaian_sd"]) == [100.0, 100.0] and list(rows["status"]) == ["sesuai_rencana"] * 2
    # outside the range, the nearer bound: 5 against 4, lower is better → (8 − 5) / 4 = 75 %
    real.loc[mine, "nilai"] = [3.0, 5.0]
    frames.update(realisasi_triwulan=real)
    progress = triwulan.progress_table(Tables(frames, t.settings, t.descriptor))
    second = progress[(progress["indikator"] == "isk-gaji-tunjangan") & (progress["triwulan"] == 2)].iloc[0]
    assert second["capaian_sd"] == 75.0 and second["status"] == "tertinggal"
    # The range is the target the reader sees too: the Progres page and the indicator's quarter table print
    # "2 – 4" to date, not its lower bound alone ("target 2,0%", which 3,0 fails when lower is better).
    assert list(progress[(progress["indikator"] == "isk-gaji-tunjangan")]["batas_atas_sd"].head(2)) == [4.0, 4.0]
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import indikator, triwulan as progres

    tables = Tables(frames, t.settings, t.descriptor)
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                        modules=(indikator, progres)).pages
    line = next(x for x in pages["triwulan.md"].splitlines() if "isk-gaji-tunjangan" in x)
    assert ": s.d. TW II target **2 – 4**, realisasi **5**" in line, line
    quarter = next(x for x in pages["indikator/isk-gaji-tunjangan.md"].splitlines() if x.startswith("| TW II |"))
    assert "| target 2 – 4, realisasi 5 (75,00%)<br><small>tertinggal dari rencana</small> |" in quarter, quarter


@settings(max_examples=60, deadline=None)
@given(low=st.decimals(min_value=0, max_value=500, places=2), width=st.decimals(min_value=0, max_value=50, places=3),
       printed=st.integers(0, 3), unit=st.sampled_from(["persen", "nilai"]))
def test_both_ends_of_a_range_target_have_the_same_decimals(low, width, printed, unit):
    """'81,50%–83,50%' was shown '81,50% – 83,5%': the lower end kept the printed decimals, the upper its own.
    Both ends now have the decimals of the more precise one, and neither loses a digit it has."""
    from generator import fmt
    from generator.render.values import target_text

    high = low + width
    label = fmt.angka(low, printed)  # the lower bound as the document printed it
    shown = target_text({}, {"jenis_target": "rentang", "satuan": unit}, float(low), label, float(high))
    ends = shown.replace("%", "").split(" – ")
    assert len(ends) == 2 and shown.count("%") == (2 if unit == "persen" else 0), shown
    places = max(printed, fmt.own_decimals(float(high)))  # the printed lower bound's, or the upper's if more
    assert ends == [fmt.angka(low, places), fmt.angka(high, places)], shown


@settings(max_examples=10, deadline=None)
@given(dropped=st.lists(st.sampled_from(["iku-kepuasan-informasi", "isk-diklat-pegawai", "isk-mebel",
                                         "isk-gaji-tunjangan", "isk-kendaraan-dinas"]), unique=True, max_size=3))
def test_an_indicator_a_pk_perubahan_drops_leaves_the_quarterly_counts(dropped):
    """A PK Perubahan 2026 that carries every PK 2026 target but `dropped`: those indicators are no longer
    promises (their own pages say so, and the year's averages leave them out), but the Progres page and the
    home page still counted them ("5 dari 7 ... 1 tertinggal: <a dropped indicator>"). Their quarters now have
    the status `diganti`, outside every count; the others are as before."""
    from generator.load import Tables

    t = _tables_2026()
    frames = dict(t.frames)
    docs = frames["dokumen"]
    pk = docs[docs["id"] == "pk-2026"].iloc[0].to_dict()
    frames["dokumen"] = pd.concat([docs, pd.DataFrame([{**pk, "id": "pkp-2026", "jenis": "pk_perubahan",
                                                        "menggantikan": "pk-2026", "_baris": 99}])], ignore_index=True)
    target = frames["target"]
    kept = target[(target["dokumen"] == "pk-2026") & ~target["indikator"].isin(dropped)].assign(dokumen="pkp-2026")
    frames["target"] = pd.concat([target, kept], ignore_index=True)
    before = triwulan.progress_table(t)
    after = triwulan.progress_table(Tables(frames, t.settings, t.descriptor))
    mine = after["indikator"].isin(dropped) & (after["tahun"] == 2026)
    assert set(after.loc[mine, "status"]) <= {"diganti"} and (mine.sum() > 0) == bool(dropped)
    assert after.loc[~mine, "status"].tolist() == before.loc[~mine, "status"].tolist()
    quarter = triwulan.latest_quarter(t, 2026)
    was, now = triwulan.progress_summary(before, 2026, quarter), triwulan.progress_summary(after, 2026, quarter)
    gone = before[(before["tahun"] == 2026) & (before["triwulan"] == quarter) & before["indikator"].isin(dropped)
                  & before["status"].isin(triwulan.COUNTED)]
    assert now["indikator"] == was["indikator"] - len(gone)
    assert not set(now["tertinggal_id"]) & set(dropped)


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_an_annual_realisasi_while_the_year_runs_is_named(data):
    """One provisional annual row of the running year (TW II reported, no LKjIP 2026) made the portal publish
    "Capaian kinerja 2026: 100,42%" over 1 of 11 IKU and a Laporan Kinerja 2026 in July, without a word.
    Validation now warns at the year's first annual row; not once the year has its report, nor once TW IV is in."""
    from generator.load import Tables
    from generator.validate.rules_triwulan import report_year

    t = _tables_2026()
    real = t["realisasi"]
    ids = sorted(set(t["indikator"]["id"]))
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True))
    rows = pd.DataFrame([{"indikator": i, "tahun": 2026, "nilai": 50.0, "label": "50", "status": "sementara",
                          "sumber": "uji", "catatan": None, "_baris": 500 + n} for n, i in enumerate(chosen)])
    frames = {**t.frames, "realisasi": pd.concat([real, rows], ignore_index=True)}
    found = [i for i in report_year(Tables(frames, t.settings, t.descriptor)) if "realisasi tahunan 2026" in i.message]
    assert [(i.resource, i.row, i.column, i.level) for i in found] == [("realisasi", 500, "tahun", "peringatan")]
    assert f"({len(chosen)} baris, yang pertama di sini)" in found[0].message and "baru sampai TW II" in found[0].message
    assert "; yang diharapkan realisasi tahunan diisi setelah tahun berakhir" in found[0].message
    ended = data.draw(st.sampled_from(["lkjip", "tw4"]))
    if ended == "lkjip":
        docs = t["dokumen"]
        lkjip = {**docs[docs["id"] == "pk-2026"].iloc[0].to_dict(), "id": "lkjip-2026", "jenis": "lkjip", "_baris": 98}
        frames["dokumen"] = pd.concat([docs, pd.DataFrame([lkjip])], ignore_index=True)
    else:
        q = t["realisasi_triwulan"]
        last = q[q["tahun"] == 2026].iloc[-1].to_dict()
        frames["realisasi_triwulan"] = pd.concat([q, pd.DataFrame([{**last, "triwulan": 4, "_baris": 97}])],
                                                 ignore_index=True)
    assert not [i for i in report_year(Tables(frames, t.settings, t.descriptor)) if "realisasi tahunan 2026" in i.message]


@settings(max_examples=30, deadline=None)
@given(real=st.lists(st.integers(0, 3), min_size=2, max_size=2), lower=st.booleans())
def test_a_planned_zero_of_a_lower_is_better_quarter_is_a_promise(real, lower):
    """"0 kematian ibu s.d. TW I" planned in the Rencana Aksi, 1 reported: the quarter read "tidak ada target
    s.d. triwulan ini" and counted nowhere. A planned 0 of a lower-is-better figure is met while nothing
    happened, missed otherwise (no capaian: a ratio to 0); of a higher-is-better one it is still nothing
    planned yet."""
    from generator.load import Tables

    t = _tables_2026()
    frames = dict(t.frames)
    ind = frames["indikator"].copy()
    ind.loc[ind["id"] == "isk-diklat-pegawai", "polaritas"] = "rendah_lebih_baik" if lower else "tinggi_lebih_baik"
    plan = frames["target_triwulan"].copy()
    mine = (plan["indikator"] == "isk-diklat-pegawai") & (plan["tahun"] == 2026)
    plan.loc[mine & (plan["triwulan"] <= 2), "nilai"] = 0.0
    reported = frames["realisasi_triwulan"].copy()
    at = (reported["indikator"] == "isk-diklat-pegawai") & (reported["tahun"] == 2026)
    assert sorted(reported.loc[at, "triwulan"]) == [1, 2]
    reported.loc[at, "nilai"] = [float(v) for v in real]
    frames.update(indikator=ind, target_triwulan=plan, realisasi_triwulan=reported)
    rows = triwulan.progress_table(Tables(frames, t.settings, t.descriptor))
    rows = rows[(rows["indikator"] == "isk-diklat-pegawai") & (rows["tahun"] == 2026) & (rows["triwulan"] <= 2)]
    assert rows["capaian_sd"].isna().all()
    to_date = [real[0], real[0] + real[1]]  # per_triwulan: the quarters add up
    expected = [("sesuai_rencana" if r == 0 else "tertinggal") if lower else "tanpa_target" for r in to_date]
    assert list(rows["status"]) == expected


def test_the_progres_chart_judges_a_planned_zero_as_the_summary_does():
    """The planned 0 above, met: the summary counted it "sesuai rencana" while the chart, which puts every row
    without a capaian under "belum dilaporkan", said otherwise. The chart now says what the summary says."""
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import triwulan as progres

    t = _tables_2026()
    frames = dict(t.frames)
    ind = frames["indikator"].copy()
    ind.loc[ind["id"] == "isk-diklat-pegawai", "polaritas"] = "rendah_lebih_baik"
    plan = frames["target_triwulan"].copy()
    plan.loc[(plan["indikator"] == "isk-diklat-pegawai") & (plan["tahun"] == 2026) & (plan["triwulan"] <= 2), "nilai"] = 0.0
    reported = frames["realisasi_triwulan"].copy()
    reported.loc[(reported["indikator"] == "isk-diklat-pegawai") & (reported["tahun"] == 2026), "nilai"] = 0.0
    frames.update(indikator=ind, target_triwulan=plan, realisasi_triwulan=reported)
    tables = Tables(frames, t.settings, t.descriptor)
    summary = triwulan.progress_summary(triwulan.progress_table(tables), 2026, 2)
    page = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                       modules=(progres,)).pages["triwulan.md"]
    assert f"Tahun 2026 s.d. TW II, {summary['sesuai']} dari {summary['indikator']} indikator sesuai rencana" in page
    name = ind.loc[ind["id"] == "isk-diklat-pegawai", "nama"].iloc[0]
    row = next(part for part in page.split("<tr>") if f'<td data-label="Indikator">{name}</td>' in part)
    assert "target 0, tanpa capaian" in row and "sesuai rencana" in row and "belum" not in row, row


def test_an_indicator_reported_by_quarter_without_a_quarter_target_is_not_counted_as_having_one():
    """IP ASN has a yearly target and no Rencana Aksi quarters; with quarterly realisasi it appears on the
    progress page, and "6 dari 7 indikator 2026 punya target triwulan" counted it among those with quarterly
    targets. The count is of indicators with a Rencana Aksi quarter, and the page says one more is shown
    without a judgment."""
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import triwulan as progres

    t = _tables_2026()
    frames = dict(t.frames)
    reported = frames["realisasi_triwulan"]
    extra = reported[reported["indikator"] == "iku-kepuasan-informasi"].head(2).copy()
    extra["indikator"] = "iku-ip-asn"
    assert not (frames["target_triwulan"]["indikator"] == "iku-ip-asn").any()
    frames["realisasi_triwulan"] = pd.concat([reported, extra], ignore_index=True)
    tables = Tables(frames, t.settings, t.descriptor)

    def sentence(tables) -> str:
        page = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                           modules=(progres,)).pages["triwulan.md"]
        return next(line for line in page.splitlines() if "punya target triwulan" in line)
    before, after = sentence(t), sentence(tables)
    assert before.startswith("5 dari 7 indikator 2026 punya target triwulan dalam Rencana Aksi")
    assert after.startswith("5 dari 7 indikator 2026 punya target triwulan dalam Rencana Aksi")
    assert after.endswith("Realisasi triwulan 1 indikator tanpa target triwulan tetap tampil di bawah, tanpa penilaian.")
    assert "tanpa penilaian" not in before


@settings(max_examples=12, deadline=None)
@given(table=st.sampled_from(["realisasi_triwulan", "target_triwulan"]),
       value=st.one_of(st.integers(-500, -1), st.integers(101, 5000)))
def test_a_quarters_value_is_held_to_its_unit_and_scale_as_a_years_is(tmp_path_factory, table, value):
    """A quarter's realisasi of -81 for a share of satisfied citizens (persen, IKM scale 25-100) was valid and
    published as a negative capaian, and a quarter's target of 825 as "target 825,0%", while the same values
    in the yearly tables were refused. A quarter's value is the figure to date for this indicator (akumulasi
    nilai_terakhir), so it is refused at its cell as a year's is."""
    data = tahun_berjalan.make(DATAPACKAGE, tmp_path_factory.mktemp("kuartal") / "pkg")
    path = data / "data" / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("iku-kepuasan-informasi,2026,2,"))
    cells = lines[at].split(",")
    column = 3 if table == "realisasi_triwulan" else 4  # nilai, 0-based
    cells[column], cells[column + 1] = str(value), f'"{value}"'
    lines[at] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    report = validate_package(data).report
    errors = [p.line() for p in report.problems if p.level != "peringatan"]
    why = ('di bawah batas satuan "persen" indikator "iku-kepuasan-informasi" (paling kecil 0); periksa tanda '
           "minusnya, atau nyatakan batas lain di kinerja.batas_satuan (datapackage.json) bila nilainya memang boleh "
           "negatif") if value < 0 else ('di luar skala "mutu-ikm" indikator "iku-kepuasan-informasi" (25 sampai 100); '
                                         "periksa angkanya (mungkin salah letak koma atau titik)")
    assert errors == [f"{path}:{at + 1}:{column + 1}: nilai {fmt.angka(value, None)} {why}"], errors


def test_a_spending_plan_above_the_pagu_is_a_warning_at_its_quarter(tmp_path):
    """Spending above the pagu is refused; a withdrawal plan (rencana) that adds up beyond it was accepted without
    a word and published as "rencana penarikan s.d. TW II: 115,79%". It is now a warning at the quarter where the
    plan passes the pagu (a plan can be revised, so the package stays valid)."""
    data = tahun_berjalan.make(DATAPACKAGE, tmp_path / "pkg")
    (data / "data" / "anggaran_triwulan.csv").write_text(
        "node;tahun;triwulan;rencana;realisasi;sumber\n"
        f"t-1;2026;1;5.000.000.000,00;1.900.000.000,00;{tahun_berjalan.UJI}\n"
        f"t-1;2026;2;6.000.000.000,00;2.375.000.000,00;{tahun_berjalan.UJI}\n"
        f"t-1;2026;3;1.000.000.000,00;;{tahun_berjalan.UJI}\n", encoding="utf-8")
    report = validate_package(data).report
    assert report.ok
    assert [p.line() for p in report.problems if "rencana penarikan" in p.message] == [
        f'{data}/data/anggaran_triwulan.csv:3:4: peringatan: rencana penarikan "t-1" s.d. TW II 2026 (Rp11.000.000.000) '
        "melebihi pagu 2026 (Rp9.500.000.000, dokumen rkt-2026); rencana triwulan diisi per triwulan, bukan kumulatif"]


def test_a_quarter_missing_before_a_reported_one_is_not_counted_as_not_reported():
    """TW I and TW III reported, TW II not: the indicator page said "belum dapat dihitung, karena realisasi TW II
    belum dilaporkan", while the home page counted "3 belum melapor", the chart "3 belum dilaporkan" and
    triwulan.csv "belum_dilaporkan" for rows that hold a realisasi. One status, `belum_dapat_dihitung`, is
    now what every page, the chart and the CSV say for them; an indicator that reported nothing for the
    quarter stays "belum dilaporkan"."""
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.open_data import csv_text
    from generator.render.pages import beranda
    from generator.render.pages import triwulan as progres

    t = _tables_2026()
    frames = dict(t.frames)
    real = frames["realisasi_triwulan"]
    third = real[real["triwulan"] == 2].assign(triwulan=3)  # TW II's rows, as TW III: TW II is now missing
    frames["realisasi_triwulan"] = pd.concat([real[real["triwulan"] == 1], third], ignore_index=True)
    tables = Tables(frames, t.settings, t.descriptor)
    res = compute_all(tables)
    now = res.triwulan[(res.triwulan["tahun"] == 2026) & (res.triwulan["triwulan"] == 3)]
    summed = set(now.loc[now["akumulasi"] == "per_triwulan", "indikator"]) & set(third["indikator"])
    assert summed and set(now.loc[now["status"] == triwulan.BELUM_DIHITUNG, "indikator"]) == summed
    assert triwulan.BELUM_DILAPORKAN not in set(now.loc[now["indikator"].isin(third["indikator"]), "status"])
    summary = triwulan.progress_summary(res.triwulan, 2026, 3)
    assert summary["belum_dihitung"] == len(summed) and summary["belum_dilaporkan"] == 0
    pages = render_site(tables, res, options=RenderOptions(static_svg=False, previews=False),
                        modules=(beranda, progres)).pages
    home, progress = _body(pages["index.md"]), _body(pages["triwulan.md"])
    assert f"{len(summed)} belum dapat dihitung karena ada triwulan sebelumnya yang belum dilaporkan." in home
    assert "belum melapor" not in home
    assert (f"- **{len(summed)}** belum dapat dinilai, karena realisasi s.d. TW III belum lengkap dilaporkan (ada "
            "triwulan sebelumnya yang belum dilaporkan)") in progress
    assert f", {len(summed)} belum dapat dihitung.<" in progress and "belum dilaporkan.<" not in progress  # the chart
    published = csv_text("triwulan", res.triwulan)
    assert published.count(",belum_dapat_dihitung,") == len(summed)  # TW III; TW IV is not reached yet


def test_a_sasaran_page_says_where_its_year_stands_as_the_home_page_does():
    """While the year runs, the home page's row for sasaran 1.1.1 read "0 dari 1 indikator sesuai rencana" and
    its page only "1 belum memiliki data realisasi": a reader who followed the link found no trace of the
    quarters. Each sasaran page now gives the same count as its row, with the quarter, and its yearly sentence
    says the realisasi missing is the full year's."""
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import beranda, sasaran

    t = _tables_2026()
    pages = render_site(t, compute_all(t), options=RenderOptions(static_svg=False, previews=False),
                        modules=(beranda, sasaran)).pages
    home = _body(pages["index.md"])
    rows = dict(re.findall(r"\((sasaran/s-[0-9-]+)\.md\) \| ([^|]+?) \|", home))
    assert rows["sasaran/s-1-1-5"] == "2 dari 3 indikator sesuai rencana"
    for page, said in rows.items():
        body = _body(pages[f"{page}.md"])
        counted = re.match(r"(\d+) dari (\d+) indikator sesuai rencana", said)
        if counted:
            line = next(x for x in body.splitlines() if x.startswith("Tahun 2026 masih berjalan. Sampai dengan "))
            assert 'aria-describedby="kt-arti-triwulan">TW II</a>' in line, page
            # the sasaran's own indicators (the line above) and those of its programmes and kegiatan: said so
            # when the two counts differ (an operator read "diukur dengan 2 indikator" and "1 dari 3")
            own = re.search(r"sasaran ini diukur dengan (\d+) indikator", body)
            wider = bool(own) and own.group(1) != counted.group(2)
            assert f"</span></span>, **{counted.group(1)} dari {counted.group(2)}** indikator yang mendukung sasaran ini" \
                   + (" (indikator yang punya target triwulan, baik milik sasaran ini sendiri maupun milik program dan "
                      "kegiatan di bawahnya)" if wider else "") + " sesuai target Rencana Aksi" in line, page
            assert "belum memiliki data realisasi" not in body, page
        else:
            assert "masih berjalan. Sampai dengan" not in body, page


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_quarters_missing_plan_leaves_the_plan_to_date_unknown_never_smaller(data):
    """anggaran_triwulan: with TW II's plan (`rencana`) of a programme left out, the plan to date at TW III and
    TW IV was the sum of the other quarters' plans (135.600.520 at TW III, "76,00%" at TW IV), while its spending
    to date was rightly unknown. The plan is added up the same way now: unknown from the first quarter whose
    plan is missing, the sum of the plans before it."""
    from decimal import Decimal

    from generator.load import Tables

    t = example_tables()
    budget = t["anggaran_triwulan"].copy().astype(object)
    node = data.draw(st.sampled_from(sorted(set(budget["node"]))), label="node")
    gaps = data.draw(st.sets(st.integers(1, 4), max_size=3), label="tanpa rencana")
    mine = budget["node"] == node
    budget.loc[mine & budget["triwulan"].isin(gaps), "rencana"] = None
    changed = Tables({**t.frames, "anggaran_triwulan": budget}, t.settings, t.descriptor)
    out = triwulan.budget_progress(changed, triwulan.pagu_table(changed))
    plans = {int(q): p for q, p in zip(budget.loc[mine, "triwulan"], budget.loc[mine, "rencana"])}
    for q in range(1, 5):
        row = out[(out["id"] == node) & (out["triwulan"] == q)].iloc[0]
        if any(k in gaps or k not in plans for k in range(1, q + 1)):
            assert row["rencana_sd"] is None or pd.isna(row["rencana_sd"]), (q, row["rencana_sd"])
        else:
            assert row["rencana_sd"] == sum((Decimal(plans[k]) for k in range(1, q + 1)), Decimal(0))


def test_the_progress_rules_the_progres_page_points_to_are_on_the_methodology_page(site_2026):
    """The Progres page says its rules are on the Metodologi page, which had none of them: an evaluator could
    not trace "tertinggal dari rencana" to a written rule. It now has each kind of accumulation and each
    status, in the words the pages show them in (one definition: render/words.py), and the link lands there."""
    from generator.render.words import AKUMULASI, STATUS_PROGRES

    progress = (site_2026.docs / "triwulan.md").read_text(encoding="utf-8")
    assert "aturannya di [Metodologi](metodologi.md#progres-per-triwulan)" in progress
    method = (site_2026.site / "metodologi" / "index.html").read_text(encoding="utf-8")
    section = method.split('id="progres-per-triwulan"', 1)[1].split("<h2", 1)[0]
    for words in [*AKUMULASI.values(), *(STATUS_PROGRES[k] for k in STATUS_PROGRES if k != "diganti")]:
        assert html.escape(words, quote=False) in section, words


@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_a_sasaran_without_a_target_of_the_running_year_says_so_on_the_home_page(data):
    """The running year's home table read "belum ada realisasi 2026" for a sasaran none of whose indicators has
    a 2026 target, as if a report were still to come. It now reads "belum ada target 2026"; a sasaran with
    targets keeps its progress line or "belum ada realisasi 2026"."""
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import beranda

    t = _tables_2026()
    nodes = t["node"]
    sasaran = sorted(nodes.loc[nodes["tingkat"] == "sasaran", "id"])
    from generator.domain.tree import ancestors

    of = ancestors(nodes, "sasaran")  # every indicator beneath a sasaran, its own and its programmes'
    own = {s: {i for i, n in zip(t["indikator"]["id"], t["indikator"]["node"]) if of.get(n) == s} for s in sasaran}
    chosen = data.draw(st.sampled_from([s for s in sasaran if own[s]]), label="sasaran")
    target = t["target"]
    kept = target[~((target["tahun"] == 2026) & target["indikator"].isin(own[chosen]))]
    quarterly = t["target_triwulan"]
    kept_q = quarterly[~((quarterly["tahun"] == 2026) & quarterly["indikator"].isin(own[chosen]))]
    changed = Tables({**t.frames, "target": kept, "target_triwulan": kept_q}, t.settings, t.descriptor)
    home = render_site(changed, compute_all(changed), options=RenderOptions(static_svg=False, previews=False),
                       modules=(beranda,)).pages["index.md"]
    rows = {s: next(line for line in home.splitlines() if f"](sasaran/{s}.md) |" in line) for s in sasaran}
    targeted = {s for s in sasaran if own[s] & (set(target.loc[target["tahun"] == 2026, "indikator"])
                                                | set(quarterly.loc[quarterly["tahun"] == 2026, "indikator"]))}
    assert rows[chosen].endswith("| belum ada target 2026 |"), rows[chosen]
    assert {s for s in sasaran if rows[s].endswith("| belum ada target 2026 |")} == \
        {chosen} | {s for s in sasaran if own[s] and s not in targeted}


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_an_operator_entering_a_quarter_is_told_which_indicators_are_left(package_2026, tmp_path_factory, data):
    """The year stands at TW II as soon as one figure of TW II is in. Each indicator with a TW II target but
    no TW II realisasi is counted as not yet reported on the Progres page; validation says so once, at the
    first such target row, with how many and which. A status tidak_ada is a report (the figure is known not
    to exist); with every indicator in, nothing is said."""
    import shutil

    package = tmp_path_factory.mktemp("tw") / "p"
    shutil.copytree(package_2026, package)
    path = package / "data" / "realisasi_triwulan.csv"
    real = pd.read_csv(path, dtype=str, keep_default_na=False)
    targets = pd.read_csv(package / "data" / "target_triwulan.csv", dtype=str, keep_default_na=False)
    planned = list(dict.fromkeys(targets.loc[(targets["tahun"] == "2026") & (targets["triwulan"] == "2"), "indikator"]))
    reported = set(real.loc[(real["tahun"] == "2026") & (real["triwulan"] == "2"), "indikator"])
    assert len(planned) == 5 and set(planned) == reported
    dropped = data.draw(st.lists(st.sampled_from(planned), unique=True, max_size=4))  # one TW II figure stays in
    unmeasured = data.draw(st.lists(st.sampled_from([i for i in planned if i not in dropped]), unique=True, max_size=2))
    quarter_two = (real["tahun"] == "2026") & (real["triwulan"] == "2")
    real = real[~(quarter_two & real["indikator"].isin(dropped))]
    unknown = quarter_two & real["indikator"].isin(unmeasured)
    real.loc[unknown, ["nilai", "label", "status"]] = ["", "", "tidak_ada"]
    real.to_csv(path, index=False, lineterminator="\n")
    said = [line for line in validate_package(package).report.lines() if "sudah ada untuk" in line]
    if not dropped:
        assert said == []
        return
    left = [i for i in planned if i in dropped]  # in the order of their target rows
    row = 2 + next(n for n, r in enumerate(targets.itertuples()) if r.indikator == left[0] and r.tahun == "2026"
                   and r.triwulan == "2")
    others = f" dan {len(left) - 1} indikator lain ({', '.join(left[1:])})" if len(left) > 1 else ""
    assert said == [f"{package}/data/target_triwulan.csv:{row}:1: peringatan: realisasi TW II 2026 sudah ada untuk "
                    f'{5 - len(left)} dari 5 indikator yang bertarget TW II, tetapi belum untuk "{left[0]}"{others}: '
                    "halaman Progres menghitung tahun ini s.d. TW II dan mencatatnya belum dilaporkan. Isi realisasi "
                    "TW II-nya di realisasi_triwulan.csv (status tidak_ada bila memang tidak diukur)"]
