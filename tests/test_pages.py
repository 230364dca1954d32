"""The indicator, tree, budget, survey and open-data pages: real figures from the default package and
the synthetic example, provenance a reader can follow back to a CSV row, hostile text shown as text,
a deterministic source ZIP, and (in Chromium) a tree that opens and closes with the keyboard alone.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, ROOT, docs_of, serve, shot, visit_all, default_tables, example_tables
from generator import fmt

EXAMPLE = ROOT / "examples" / "contoh-sintetis"
MY_PAGES = ["pohon/", "anggaran/", "survei/", "data-terbuka/", "indikator/iku-ip-asn/",
            "indikator/iku-keterbukaan-informasi/", "indikator/pk-kematangan-keamanan/"]


def build_into(data: Path, root: Path, name: str) -> tuple[Path, Path]:
    """Build `data` into root/name with a fresh source folder holding the hand-written page."""
    from generator.publish import build_site

    src = root / f"src-{name}"
    src.mkdir(parents=True)
    shutil.copyfile(ROOT / "site_src" / "tentang.md", src / "tentang.md")
    build_site(data, root / name, ROOT / "mkdocs.yml", src)
    return root / name, docs_of(root / name)


@pytest.fixture(scope="module")
def sites(default_site, example_site):
    """Both packages (built once per run): {"portal": (site, docs), "contoh": (site, docs)}."""
    return {"portal": (default_site.site, default_site.docs), "contoh": (example_site.site, example_site.docs)}


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def text(site: Path, page: str) -> str:
    """The page's visible words: tags and the hidden term tooltips dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html(site, page), flags=re.S)
    body = re.sub(r'<span class="kt-istilah__arti"[^>]*>.*?</span>', "", body, flags=re.S)
    body = re.sub(r"</?(?:a|span|strong|em|abbr|code|wbr)\b[^>]*>", "", body)  # inline: no word break
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def spreadsheet_row(path: Path, **match) -> int:
    """The spreadsheet row (header = 1) of the first record matching all `match` columns."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        for n, record in enumerate(csv.DictReader(f), start=2):
            if all(record[k] == v for k, v in match.items()):
                return n
    raise AssertionError(f"{match} not in {path}")


def section(page_html: str, element_id: str) -> str:
    """The HTML of one tree node's own summary and facts (up to its first child node)."""
    start = page_html.index(f'id="{element_id}"')
    end = page_html.find("<details", start + 1)
    return page_html[start:end if end > 0 else None]


# --- Indikator -------------------------------------------------------------------------------------

# Markdown that reaches a reader as its raw text when it sits inside a raw HTML block, which Python-Markdown
# passes through untouched: a table's rule row, a link to a page or file, emphasis.
RAW_MARKDOWN = re.compile(r"\|\s*:?-{3,}:?\s*\||\]\((?:\.\./|\./|#|[\w-]+(?:/[\w-]+)*\.(?:md|json|csv))|\*\*\w|(?<![\w*])\*\w[^*]*\w\*(?![\w*])")


def test_no_page_shows_markdown_syntax_as_its_text(sites):
    """Every indicator page's MS-Ind block showed "| Kolom | Isi | |---|---| ..." and "[semua indikator](...)"
    as text: a Markdown table inside <details>. No page of either site shows Markdown as text."""
    for name, (site, _) in sites.items():
        pages = sorted(index.parent.relative_to(site).as_posix() for index in site.rglob("index.html"))
        shown = {page: RAW_MARKDOWN.findall(text(site, "" if page == "." else page)) for page in pages}
        assert {page: found for page, found in shown.items() if found} == {}, name


def test_the_msind_block_is_a_table_with_working_links(sites):
    site, _ = sites["portal"]
    block = html(site, "indikator/iku-ips").split('<details class="kt-msind">', 1)[1].split("</details>", 1)[0]
    rows = dict(re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', block))
    assert len(rows) == 19 and rows["Kode wilayah produsen"] == "<em>belum diisi paket data</em>", rows
    assert rows["Satuan"].endswith("<small>(dari indikator.satuan)</small>"), rows["Satuan"]
    links = dict((unescape(t), h) for h, t in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block))
    assert set(links) == {"iku-ips.json", "semua indikator"}
    here = site / "indikator" / "iku-ips"
    assert (here / links["iku-ips.json"]).resolve() == (site / "data" / "msind" / "iku-ips.json").resolve()
    assert (here / links["semua indikator"] / "index.html").resolve().is_file()


def test_each_licence_is_explained_by_what_it_allows(sites):
    """Every data-terbuka page said "termasuk untuk keperluan komersial, sepanjang menyebut sumbernya" whatever
    the licence (wrong for CC0, which asks nothing, and for a non-commercial licence), and the footer named the
    licence in English only. Both now say what the package's own licence allows."""
    from generator.render.words import LISENSI

    by = LISENSI["cc-by-4.0"]
    assert "termasuk untuk keperluan komersial, dengan menyebut sumbernya" in by
    for name, (site, _) in sites.items():
        words = LISENSI["cc-by-4.0" if name == "portal" else "cc0-1.0"]
        page = text(site, "data-terbuka")
        assert words in page and "sepanjang menyebut sumbernya sesuai ketentuan lisensi" not in page, name
        assert f": {words}</dd>" in html(site, "profil"), name
    assert "tanpa syarat" in text(sites["contoh"][0], "data-terbuka") and "sumbernya" not in LISENSI["cc0-1.0"]


@settings(max_examples=200)
@given(name=st.one_of(st.sampled_from(sorted(__import__("generator.render.words", fromlist=["LISENSI"]).LISENSI)),
                      st.text(max_size=20)),
       case=st.lists(st.booleans(), min_size=20, max_size=20), spaces=st.sampled_from(["", " "]))
def test_a_licence_is_known_by_its_identifier_in_any_case_and_only_then(name, case, spaces):
    from generator.render.words import LISENSI, licence_words

    typed = spaces + "".join(c.upper() if up else c for c, up in zip(name, case)) + name[len(case):] + spaces
    expected = LISENSI.get(name.strip().casefold())
    assert licence_words(typed) == expected
    key = name.strip().casefold()
    if expected is not None:
        assert ("tidak untuk keperluan komersial" in expected) == ("-nc" in key)
        assert ("termasuk untuk keperluan komersial" in expected) == (key.startswith(("cc-by", "odc-by", "odbl", "odc-odbl"))
                                                                       and "-nc" not in key)
        assert ("dengan menyebut sumbernya" in expected) == ("by" in key or "odbl" in key)


def test_indicator_page_shows_every_target_the_applicable_one_and_where_each_figure_comes_from(sites):
    site, src = sites["portal"]
    words = text(site, "indikator/iku-ip-asn")
    assert "Indeks Profesionalisme ASN" in words
    assert "Tahun 2025: target 72; realisasi 82,36 (final); capaian 114,39%" in words
    # every target document, which one applies and why
    assert re.search(r"72 tercetak: 72 \(nilai\) Perubahan Perjanjian Kinerja 2025 Kepala Dinas \(PK Perubahan\) "
                     r"berlaku: didahulukan", words)
    assert "Rencana Kinerja Tahunan 2025 (RKT) tidak dipakai: target dari Perubahan Perjanjian Kinerja" in words
    for year, value in zip(range(2025, 2030), range(72, 77)):
        assert re.search(rf"\| {year} \| {value} \| Rencana Strategis Diskominfo SP 2025-2029",
                         (src / "indikator" / "iku-ip-asn.md").read_text(encoding="utf-8"))
    # the whole Renstra period: a target for each of its five years, the realisasi so far, the end target
    page = (src / "indikator" / "iku-ip-asn.md").read_text(encoding="utf-8")
    assert "Target akhir periode (2029): **77**. Realisasi terakhir (2025): 82,36; capaian terhadap target akhir 106,96%." in page
    assert "| **2025** | 72 | 82,36 | Tercapai (114,39%) |" in page
    for year, value in zip(range(2026, 2030), range(73, 77)):
        assert f"| {year} | {value} | – | tahun mendatang |" in page
    # provenance: resource, spreadsheet row, report table, link to the published CSV
    row = spreadsheet_row(DATAPACKAGE / "data" / "realisasi.csv", indikator="iku-ip-asn", tahun="2025")
    assert f"82,36 final Kategori IP ASN Tinggi realisasi.csv baris {row} LKjIP 2025 Tabel 3.3; Tabel 3.13" in words
    target_row = spreadsheet_row(DATAPACKAGE / "data" / "target.csv", indikator="iku-ip-asn", tahun="2029",
                                 jenis="akhir_periode")
    assert f"target.csv baris {target_row}" in words
    page = html(site, "indikator/iku-ip-asn")
    assert 'href="../../data/sumber/data/realisasi.csv"' in page
    assert (site / "data" / "sumber" / "data" / "realisasi.csv").is_file()
    # definition, polarity in words, unit, data source, responsible unit, link back to the sasaran
    for fact in ("Definisi operasional: Ukuran 0-100 kualitas ASN", "Rumus: IP = Σ bobot", "Arah: makin tinggi makin baik",
                 "Satuan: nilai", "Sumber data: Laporan Hasil Pelaksanaan Kegiatan", "Penanggung jawab: Sekretariat"):
        assert fact in words, fact
    assert 'href="../../sasaran/s-1-1-5/"' in page and 'href="../../pohon/#pohon-s-1-1-5"' in page


def test_indicator_page_charts_its_history_against_the_targets_and_the_renstra_end_target(sites):
    site, _ = sites["portal"]
    page = html(site, "indikator/iku-ip-asn")
    figure = page[page.index('id="grafik-tren-iku-ip-asn"'):]
    figure = figure[:figure.index("</figure>")]
    summary = ("Indeks Profesionalisme ASN: realisasi 2025 82,36 terhadap target 72 (capaian 114,39%); "
               "target akhir Renstra 2029 adalah 77.")
    # the same accessibility as the other charts: a summary in words, alt text, a data table
    assert summary in unescape(figure) and f'alt="{summary}"' in unescape(figure)
    assert (site / "grafik" / "tren-iku-ip-asn.svg").is_file() and (site / "grafik" / "tren-iku-ip-asn.json").is_file()
    cells = re.findall(r'<td data-label="(\w+)">([^<]*)</td>', figure)
    rows = [tuple(v for _, v in cells[i:i + 4]) for i in range(0, len(cells), 4)]
    assert rows[1] == ("2025", "72", "82,36", "114,39%")
    assert rows[2:6] == [(str(y), str(v), "belum tersedia", "belum tersedia") for y, v in zip(range(2026, 2030), range(73, 77))]
    assert rows[-1] == ("2029 (target akhir Renstra)", "77", "–", "–")
    # a carried-forward realisasi is named in the chart's table too
    spbe = unescape(html(site, "indikator/iku-indeks-spbe"))
    assert "Indeks SPBE: realisasi 2025 4,16 terhadap target 3,50 (capaian 118,86%)." in spbe
    assert '<td data-label="Realisasi">4,16 (nilai tahun sebelumnya dipakai lagi)</td>' in spbe
    # yes/no indicators get no chart (no scale worth drawing)
    assert "grafik-tren" not in html(site, "indikator/pk-sistem-data")


def test_indicator_without_data_says_belum_tersedia_and_carried_values_say_so(sites):
    site, _ = sites["portal"]
    words = text(site, "indikator/iku-keterbukaan-informasi")
    assert "Tahun 2025: target Informatif (90); capaian belum tersedia (tidak ikut rata-rata)" in words
    assert "Kabupaten tidak diikutsertakan dalam monev" in words
    spbe = text(site, "indikator/iku-indeks-spbe")
    assert "realisasi 4,16 (nilai tahun sebelumnya dipakai lagi)" in spbe


def test_a_sasaran_without_indicators_says_so(tmp_path):
    """A sasaran that the package gives no indicator: its page had only "Cara membaca tabel" with no table
    under it. It now says that the package has no indicator for it yet; a sasaran with indicators keeps
    the reading aid."""
    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.validate import validate_package

    package = tmp_path / "p"
    shutil.copytree(DATAPACKAGE, package)
    with open(package / "data" / "node.csv", "a", encoding="utf-8") as f:
        f.write("s-1-1-6,sasaran,t-1,1.1.6,,6,Sasaran tanpa indikator (uji),,sekretariat,,DATA UJI\n")
    validated = validate_package(package)
    assert validated.report.ok
    pages = render_site(validated.tables, compute_all(validated.tables), options=RenderOptions(static_svg=False)).pages
    assert "Paket data belum memuat indikator kinerja untuk sasaran ini" in pages["sasaran/s-1-1-6.md"]
    assert "Cara membaca tabel" not in pages["sasaran/s-1-1-6.md"]
    assert "Cara membaca tabel" in pages["sasaran/s-1-1-1.md"]
    assert "Paket data belum memuat indikator" not in pages["sasaran/s-1-1-1.md"]


def test_a_report_without_kegiatan_lines_shows_each_sub_kegiatan_under_its_programme(tmp_path):
    """The default report without its kegiatan lines: the Anggaran page put all 27 sub kegiatan under
    "lines no programme holds" while the roll-up beside them added them up under their programmes. Both
    now take the nearest line above (`domain.tree.line_above`)."""
    import re as re_module

    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.validate import validate_package

    package = tmp_path / "p"
    shutil.copytree(DATAPACKAGE, package)
    kegiatan = {line.split(",", 1)[0] for line in (package / "data" / "node.csv").read_text(encoding="utf-8").splitlines()
                if line.split(",")[1:2] == ["kegiatan"]}
    path = package / "data" / "anggaran.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not (line.split(";")[0] in kegiatan and line.split(";")[1] == "lkjip-2025")),
                    encoding="utf-8")
    validated = validate_package(package)
    page = render_site(validated.tables, compute_all(validated.tables), options=RenderOptions(static_svg=False)).pages
    budget = page["anggaran.md"]
    assert "tanpa program" not in budget.lower()
    assert not re_module.search(r"rinciannya berjumlah", budget)  # the sub kegiatan add up to their programmes


def test_a_superseded_pk_is_shown_as_superseded_and_points_to_its_replacement(sites):
    site, _ = sites["portal"]
    words = text(site, "indikator/pk-kematangan-keamanan")
    assert "Indikator ini sudah diganti" in words
    assert ("Perjanjian Kinerja 2025 Kepala Dinas sudah diganti: dokumennya diganti oleh Perubahan Perjanjian "
            "Kinerja 2025 Kepala Dinas (PK Perubahan)") in words
    assert 'href="../iku-kesiapan-keamanan/"' in html(site, "indikator/pk-kematangan-keamanan")


def test_every_indicator_has_a_page_in_the_nav_grouped_by_sasaran(sites):
    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.validate import validate_package

    tables = default_tables()
    site = render_site(tables, compute_all(tables))
    section_ = next(e["Indikator"] for e in site.nav if isinstance(e, dict) and "Indikator" in e)
    sasaran = tables["node"][tables["node"]["tingkat"] == "sasaran"]
    # The menu says what each sasaran is about, not only its number.
    assert [next(iter(g)) for g in section_] == [f"{n} {name}" for n, name in zip(sasaran["nomor"], sasaran["nama"])]
    assert next(iter(section_[0])) == "1.1.1 Meningkatkan akses masyarakat atas layanan informasi dan penyelenggaraan pemerintahan"
    listed = {path for g in section_ for entries in g.values() for e in entries for path in e.values()}
    assert listed == {f"indikator/{i}.md" for i in tables["indikator"]["id"]}
    for i in tables["indikator"]["id"]:
        assert (sites["portal"][0] / "indikator" / i / "index.html").is_file()


# --- Pohon kinerja ---------------------------------------------------------------------------------

def test_tree_holds_every_node_with_its_indicators_status_and_budget(sites):
    site, _ = sites["portal"]
    page = html(site, "pohon")
    with (DATAPACKAGE / "data" / "node.csv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    assert page.count('<details class="pohon-simpul') == len(nodes)
    for node in nodes:
        assert unescape(node["nama"]) in unescape(section(page, f"pohon-{node['id']}")), node["id"]
    persandian = unescape(section(page, "pohon-p-persandian"))
    assert "pagu Rp92.601.000 · realisasi Rp43.476.200 · serapan 46,95%" in persandian
    assert "Persentase tingkat keamanan informasi pemerintah" in persandian and "belum tersedia" in persandian
    s111 = unescape(section(page, "pohon-s-1-1-1"))
    assert "rata-rata capaian 108,88% (1 dari 2 indikator)" in s111
    assert "Indeks Keterbukaan Informasi Publik" in s111 and "belum tersedia" in s111
    assert "capaian <strong>108,88%</strong> (AA, Sangat Memuaskan)" in s111


def test_every_link_in_the_tree_reaches_a_built_page(sites):
    """The tree is raw HTML, which MkDocs does not check, so its links are checked here."""
    site, _ = sites["portal"]
    tree = html(site, "pohon").split('<div class="pohon">')[1]
    links = [h for h in re.findall(r'href="([^"#]+)(?:#[^"]*)?"', tree) if not h.startswith(("http:", "https:", "mailto:"))]
    with (DATAPACKAGE / "data" / "indikator.csv").open(encoding="utf-8") as f:
        indicators = {r["id"] for r in csv.DictReader(f)}
    assert {h.split("/")[2] for h in links if h.startswith("../indikator/")} == indicators
    for href in links:
        target = site / posixpath.normpath(posixpath.join("pohon", href))
        assert (target / "index.html").is_file() or target.is_file(), href


# --- Anggaran --------------------------------------------------------------------------------------

def test_budget_page_totals_silpa_order_and_breakdowns(sites):
    site, src = sites["portal"]
    words = text(site, "anggaran")
    assert "Pagu (anggaran yang disediakan): Rp9.079.049.540 (Rp9,08 miliar)" in words
    assert "Realisasi (yang dibelanjakan): Rp8.357.182.305" in words
    assert "Serapan: 92,05%" in words and "Sisa anggaran (SILPA): Rp721.867.235, atau 7,95% dari pagu" in words
    lowest = re.findall(r"^1\. \*\*([\d,]+)%\*\*", (src / "anggaran.md").read_text(encoding="utf-8"), flags=re.M)
    assert lowest == ["38,76", "45,71", "53,33", "69,51", "70,49"]
    headings = re.findall(r'<h3 id="[^"]*">([A-E]) ·', html(site, "anggaran"))
    assert headings == ["A", "B", "C", "D", "E"]  # programmes by code
    # serapan comes second in each table, so a phone shows it without scrolling the table
    assert ("E.1.2 Penyediaan Layanan Keamanan Informasi Pemerintahan Daerah Kabupaten/Kota 45,71% "
            "Rp87.790.000 Rp40.132.000") in words
    assert "a. Belanja Pegawai 90,36% Rp5.552.821.790 Rp5.017.669.322" in words  # jenis belanja
    assert ("1.1.4 Meningkatnya keamanan informasi lingkungan Pemerintah Daerah 46,95% 100,00% 53,05 poin "
            "Rp92.601.000 Rp43.476.200") in words


def test_budget_page_lists_lines_whose_parts_do_not_add_up(sites):
    site, _ = sites["contoh"]
    words = text(site, "anggaran")
    assert "Rincian yang tidak menjumlah" in words and "selisih" in words
    assert "Serapan dari tahun ke tahun" in words  # five years of data


# --- Survei ----------------------------------------------------------------------------------------

def test_survey_page_without_answers_says_what_cannot_be_computed(sites):
    site, _ = sites["portal"]
    words = text(site, "survei")
    assert "Layanan informasi publik 2025 88,19 B (Baik)" in words
    assert "Pelayanan Diskominfo SP 2025 91,00 A (Sangat Baik)" in words
    assert "tidak memuat jawaban per responden" in words
    assert "kecukupan sampel dan margin kesalahan tidak dapat dinilai" in words


def test_survey_page_with_answers_computes_nrr_sample_adequacy_and_breakdowns(sites):
    from generator import fmt
    from generator.compute.ikm import compute_ikm, krejcie_morgan
    from generator.domain.ikm import NAMA_UNSUR
    from generator.compute.results import compute_all
    from generator.validate import validate_package

    site, _ = sites["contoh"]
    words = text(site, "survei")
    tables = example_tables()
    scale = compute_all(tables).scales["mutu-ikm"]
    answers = tables["jawaban_survei"]
    h = compute_ikm(answers[answers["survei"] == "skm-2025"], scale)
    assert h.responden == 1620 and "IKM: 85,26, mutu B (Baik). Dihitung dari 1.620 jawaban" in words
    for u, name in NAMA_UNSUR.items():
        assert f"{u.upper()} {name} {fmt.angka(h.nrr[u], 4)}" in words, u
    assert (f"paling sedikit {krejcie_morgan(6800)} responden diperlukan agar hasilnya mewakili semua pengguna "
            "layanan (rumus Krejcie-Morgan); jumlah responden memadai") in words
    # a margin for a share of answers (P = 0,5), not IKM points: said so, where it read as the index's own range
    assert ("Margin kesalahan: ±2,13 poin persen pada tingkat kepercayaan 95%, yaitu seberapa jauh persentase jawaban "
            "responden (misalnya bagian yang menilai baik) bisa meleset dari seluruh pengguna layanan karena hanya "
            "sebagian yang ditanya. Angka ini menilai besar sampel; ia bukan rentang nilai IKM.") in words
    for heading in ("Menurut jenis layanan", "Menurut jenis kelamin", "Menurut kelompok usia", "Menurut pendidikan",
                    "Menurut pekerjaan", "Menurut triwulan pengisian"):
        assert heading in words, heading
    assert "Laki-laki" in words and "Triwulan III 2025" in words


# --- Data terbuka ----------------------------------------------------------------------------------

def test_a_blank_answer_row_is_no_respondent_on_the_survey_page(tmp_path):
    """A row of the answers table with no unsur answered is no respondent (compute/ikm, and validation warns
    of it), yet the survey page said "Dihitung dari 1.621 jawaban" beside 1.620 respondents. The printed
    mutu beside a computed one is named too."""
    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.validate import validate_package

    package = tmp_path / "p"
    shutil.copytree(EXAMPLE, package)
    with open(package / "data" / "jawaban_survei.csv", "a", encoding="utf-8") as f:
        f.write("skm-2025,R2025-KOSONG,2025-06-03,Layanan Pengaduan Jaringan dan Aplikasi,L,47,D1-D3,Pelajar/Mahasiswa,"
                ",,,,,,,,\n")
    validated = validate_package(package)
    assert validated.report.ok
    page = render_site(validated.tables, compute_all(validated.tables), options=RenderOptions(static_svg=False)).pages
    assert ("IKM: 85,26**, mutu B (Baik). Dihitung dari 1.620 jawaban responden dalam paket data; nilai yang "
            "dipublikasikan: 85,26; mutu yang dipublikasikan: Baik.") in page["survei.md"]


def test_a_survey_whose_index_cannot_be_computed_says_why(tmp_path):
    """Every answer's U4 left blank: the index needs all nine unsur, and the survey page said only "IKM:
    belum tersedia" (as if it would come later) where `kinerja ikm` names the reason. The page now says it,
    from the same function (`compute.ikm.why_undefined`)."""
    page = _survey_page_with_2025_answers(tmp_path, {"u4": ""})
    assert ("- **IKM tidak dapat dihitung** dari jawaban responden dalam paket data: unsur U4 tidak dijawab satu "
            "responden pun; IKM memerlukan kesembilan unsur.") in page
    # the table at the top said "belum tersedia" for it, as if the index would come later
    assert "| Layanan informasi dan data (tiga jenis layanan) 2025 | tidak dapat dihitung | – |" in page


def test_no_unsur_is_named_the_lowest_when_several_share_the_lowest_score(tmp_path):
    """Every answer 4: the page named "U1 Persyaratan (NRR 4,0000), yang paling perlu ditindaklanjuti"; with
    no single lowest unsur it names none."""
    from generator.domain.ikm import UNSUR

    page = _survey_page_with_2025_answers(tmp_path, {u: "4" for u in UNSUR})
    section = page.split("## Layanan informasi dan data (tiga jenis layanan) 2025", 1)[1].split("\n## ", 1)[0]
    assert "IKM: 100,00**, mutu A" in section and "Unsur dengan nilai terendah" not in section


def test_every_unsur_that_shares_the_lowest_score_is_named(tmp_path):
    """U3 and U5 share the lowest score: the page named none of them (it named one when there was one); now
    it names both, and the chart's sentence says the same (it named one lowest and one highest, whatever the
    ties)."""
    from generator.domain.ikm import UNSUR

    page = _survey_page_with_2025_answers(tmp_path, {u: "2" if u in ("u3", "u5") else "3" for u in UNSUR})
    section = page.split("## Layanan informasi dan data (tiga jenis layanan) 2025", 1)[1].split("\n## ", 1)[0]
    assert ("2 unsur sama-sama bernilai terendah (NRR 2,0000): **U3 Waktu Penyelesaian** dan **U5 Produk "
            "Spesifikasi Jenis Pelayanan**. Unsur inilah yang paling perlu ditindaklanjuti.") in section
    assert ("unsur tertinggi U1 Persyaratan, U2 Sistem, Mekanisme, dan Prosedur, U4 Biaya/Tarif, U6 Kompetensi "
            "Pelaksana, U7 Perilaku Pelaksana, U8 Penanganan Pengaduan, Saran dan Masukan dan U9 Sarana dan Prasarana "
            "(3,00), terendah U3 Waktu Penyelesaian dan U5 Produk Spesifikasi Jenis Pelayanan (2,00).") in section


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from([1.0, 2.0, 2.5, 2.50001, 2.996, 3.0, 3.004, 4.0])), min_size=9,
                max_size=9))
def test_the_nrr_chart_names_every_unsur_at_the_top_and_the_bottom(nrr):
    """The NRR chart's sentence (its text alternative): every unsur showing the highest and the lowest score
    (two decimals, as the chart labels them), or that all show one score; never one of a tie alone."""
    import pandas as pd

    from generator.render import charts

    names = [f"U{n}" for n in range(1, 10)]
    summary = charts.nrr_unsur("nrr-uji", "Uji", pd.DataFrame({"unsur": names, "nrr": nrr}), 80.0, "B").summary
    scored = {u: fmt_angka(v) for u, v in zip(names, nrr) if v is not None}
    value = {u: v for u, v in zip(names, nrr) if v is not None}
    if not scored:
        assert summary == "Nilai per unsur belum tersedia."
    elif len(set(scored.values())) == 1 and len(scored) == 9:
        assert summary.endswith(("; semua unsur bernilai " + next(iter(scored.values())) + "."))
    elif len(set(scored.values())) == 1:
        named = list(scored)[0] if len(scored) == 1 else ", ".join(list(scored)[:-1]) + " dan " + list(scored)[-1]
        assert summary.endswith(f"; {named} bernilai {next(iter(scored.values()))}; unsur lain belum "
                                "tersedia."), summary
    else:
        for word, shown in (("tertinggi", scored[max(value, key=value.get)]), ("terendah", scored[min(value, key=value.get)])):
            at = [u for u, v in scored.items() if v == shown]
            named = at[0] if len(at) == 1 else ", ".join(at[:-1]) + " dan " + at[-1]
            assert f"{word} {named} ({shown})" in summary, (summary, nrr)


def fmt_angka(value) -> str:
    from generator import fmt

    return fmt.angka(value, 2)


def test_an_iku_of_a_tujuan_is_shown_on_the_home_page_that_counts_it(tmp_path):
    """An IKU set on a tujuan (an outcome indicator above the sasaran, as a kabupaten's cascade has) was
    counted in the home page's average ("8 IKU") and shown nowhere on it: the charts are per sasaran. The
    home page now has the tujuan with its indicators, their capaian and a chart. TEST DATA: one indicator
    added to a copy of the default package."""
    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.validate import validate_package

    package = tmp_path / "p"
    shutil.copytree(DATAPACKAGE, package)
    for name, line in (("indikator", "iku-tujuan-uji,t-1,Indeks tujuan (DATA UJI),indeks,tinggi_lebih_baik,angka,,ya,,,,"
                                     "ikp,renstra-2025-2029,,,DATA UJI,"),
                       ("target", "iku-tujuan-uji,2025,pk-perubahan-2025,tahunan,3,,3,DATA UJI"),
                       ("realisasi", 'iku-tujuan-uji,2025,3.3,"3,3",final,DATA UJI,')):
        with open(package / "data" / f"{name}.csv", "a", encoding="utf-8") as f:
            f.write(line + "\n")
    validated = validate_package(package)
    assert validated.report.ok, validated.report.lines()
    res = compute_all(validated.tables)
    assert res.ringkasan.set_index("tahun").loc[2025, "jumlah"] == 8  # the seven sasaran IKU and this one
    page = render_site(validated.tables, res, options=RenderOptions(static_svg=False)).pages["index.md"]
    section = page.split("## Indikator tujuan 2025", 1)[1].split("\n## ", 1)[0]
    assert ("- Tujuan T.1 Terwujudnya Penyelenggaraan Pemerintahan dan Pelayanan yang Transparan dan Berbasis Digital "
            "dan Meningkatkan Akuntabilitas Perangkat Daerah: [Indeks tujuan (DATA UJI)](indikator/iku-tujuan-uji.md) "
            "(IKU) 110,00%") in section
    assert 'id="grafik-capaian-t-1"' in section and "1 dari 1 indikator mencapai target" in section
    assert "Capaian yang bertanda IKU ikut dalam rata-rata capaian di atas." in section
    default = default_tables()
    home = render_site(default, compute_all(default), options=RenderOptions(static_svg=False)).pages["index.md"]
    assert "## Indikator tujuan" not in home  # no tujuan indicator in the 2025 LKjIP: nothing is added
    # while the year runs there is no average above to speak of
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    import tahun_berjalan

    moved = tahun_berjalan.make(package, tmp_path / "p2026")
    with open(moved / "data" / "target.csv", "a", encoding="utf-8") as f:
        f.write("iku-tujuan-uji,2026,pk-2026,tahunan,3,,3,DATA UJI\n")
    running = validate_package(moved).tables
    home = render_site(running, compute_all(running), options=RenderOptions(static_svg=False)).pages["index.md"]
    section = home.split("## Indikator tujuan 2026", 1)[1].split("\n## ", 1)[0]
    assert "(IKU) belum ada realisasi 2026" in section and "ikut dalam rata-rata" not in section


def _survey_page_with_2025_answers(tmp_path, answers: dict[str, str]) -> str:
    """The synthetic example's survey page with every 2025 answer's unsur set as `answers` says, and no
    printed 2025 figure to fall back on."""
    import csv as csv_module

    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.validate import validate_package

    package = tmp_path / "p"
    shutil.copytree(EXAMPLE, package)
    path = package / "data" / "jawaban_survei.csv"
    rows = list(csv_module.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["survei"] == "skm-2025":
            r.update(answers)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv_module.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    survey = package / "data" / "survei.csv"
    survey.write_text(survey.read_text(encoding="utf-8").replace(",2025-10-31,85.26,Baik,1620,", ",2025-10-31,,,1620,"),
                      encoding="utf-8")
    validated = validate_package(package)
    pages = render_site(validated.tables, compute_all(validated.tables), options=RenderOptions(static_svg=False)).pages
    return pages["survei.md"]


def test_open_data_page_documents_every_resource_and_field(sites):
    site, _ = sites["portal"]
    page, words = html(site, "data-terbuka"), text(site, "data-terbuka")
    descriptor = json.loads((DATAPACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        assert f'id="skema-{res["name"]}"' in page, res["name"]
        assert res["title"] in words and res["description"] in words
        assert f'href="../data/sumber/{res["path"]}"' in page
        schema = json.loads((DATAPACKAGE / res["schema"]).read_text(encoding="utf-8"))
        block = unescape(page.split(f'id="skema-{res["name"]}"')[1].split("<h3")[0])
        for fld in schema["fields"]:
            assert re.search(rf'<td(?: data-label="[^"]*")?>{re.escape(fld["name"])}</td>', block), (res["name"], fld["name"])
    assert "Kunci utama: indikator + tahun" in words  # realisasi's primary key
    assert "Kolom indikator merujuk ke kolom id pada Indikator kinerja" in words
    assert "mengikuti pola ^[a-z0-9][a-z0-9._-]*$" in words and "tanda desimal ," in words
    assert "Creative Commons Attribution 4.0" in words
    assert ("Kinerja Diskominfo SP Kabupaten Belitung Timur Tahun 2025 (versi 1.0.0) [paket data]. "
            "Diterbitkan 21 November 2026") in words
    for name in ("capaian", "anggaran", "sasaran", "ringkasan", "ikm", "konsistensi"):
        assert f'href="../data/{name}.csv"' in page and (site / "data" / f"{name}.csv").is_file()


def test_source_zip_is_byte_identical_and_holds_the_package_as_kept():
    from generator.load.files import source_files
    from generator.load import open_package
    from generator.render.pages.data_terbuka import source_zip

    pkg, _ = open_package(DATAPACKAGE)
    files = source_files(pkg)
    first = source_zip(files, folder="paket")
    again = source_zip(dict(reversed(list(files.items()))), folder="paket")
    assert first == again
    archive = zipfile.ZipFile(io.BytesIO(first))
    names = archive.namelist()
    assert names == sorted(names) and "paket/datapackage.json" in names and "paket/data/realisasi.csv" in names
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())
    assert archive.read("paket/data/realisasi.csv") == files["data/sumber/data/realisasi.csv"]
    assert files["data/sumber/data/realisasi.csv"] == (DATAPACKAGE / "data" / "realisasi.csv").read_bytes()


def test_open_data_page_offers_the_zip_when_the_build_hands_over_the_source_files():
    from generator.load.files import source_files
    from generator.compute.results import compute_all
    from generator.load import open_package
    from generator.render.context import Inputs, PageContext, RenderOptions
    from generator.render.pages import data_terbuka
    from generator.render.environment import environment
    from generator.validate import validate_package

    tables = default_tables()
    pkg, _ = open_package(DATAPACKAGE)
    common = {"instansi": tables["instansi"].iloc[0].to_dict(), "tahun": 2025, "laporan": None, "sintetis": False}
    plain = data_terbuka.build(PageContext(environment(), tables, compute_all(tables), common, Inputs(), RenderOptions()))
    assert data_terbuka.ZIP_PATH not in plain.pages[data_terbuka.PATH] and not plain.files
    made = data_terbuka.build(PageContext(environment(), tables, compute_all(tables), common,
                                          Inputs(source=source_files(pkg)), RenderOptions()))
    assert f"]({data_terbuka.ZIP_PATH})" in made.pages[data_terbuka.PATH]
    assert zipfile.ZipFile(io.BytesIO(made.files[data_terbuka.ZIP_PATH])).testzip() is None


# --- In a browser ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(sites):
    """Both builds served from subpaths: {"portal": http://127.0.0.1:PORT/portal/, "contoh": ...}."""
    return {name: serve(site) for name, (site, _docs) in sites.items()}




def open_page(browser, url: str, width: int):
    """A loaded page and the problems seen while loading it: console errors, failed and foreign requests."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    page = context.new_page()
    problems: list[str] = []
    host = urlparse(url).netloc
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: problems.append(f"foreign: {r.url}") if urlparse(r.url).netloc not in (host, "")
            and not r.url.startswith(("data:", "blob:")) else None)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    return context, page, problems


CHECKED = [("portal", p) for p in MY_PAGES] + [("contoh", "survei/"), ("contoh", "anggaran/"), ("contoh", "pohon/")]


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_load_cleanly_and_never_scroll_sideways(browser, served, width):
    """The pages this module covers, the tree in its widest state (every node open)."""
    where = {f"{served[site]}{path}": (site, path) for site, path in CHECKED}

    def open_tree(page) -> None:
        if page.url.endswith("/pohon/"):
            page.evaluate("document.querySelectorAll('.pohon details').forEach(d => d.open = true)")

    shots = {url: f"halaman-{site}-{path.strip('/').replace('/', '-')}-{width}"
                  f"{'-terbuka' if path == 'pohon/' else ''}.png"
             for url, (site, path) in where.items() if width == 375 or path in ("pohon/", "anggaran/", "survei/")}
    problems = [(v.url, v.status, v.errors, v.failed, v.foreign, v.scroll)
                for v in visit_all(browser, list(where), width, shots=shots, inspect=open_tree)
                if v.status != 200 or v.errors or v.failed or v.foreign or v.scroll > width]
    assert problems == []


def test_tree_opens_and_closes_with_the_keyboard_only(browser, served):
    context, page, problems = open_page(browser, f"{served['portal']}pohon/", 375)
    try:
        is_open = "id => document.getElementById(id).open"

        def tab_to(node_id: str, limit: int = 400) -> None:
            for _ in range(limit):
                page.keyboard.press("Tab")
                focused = page.evaluate("document.activeElement.tagName === 'SUMMARY' && "
                                        "document.activeElement.parentElement.id")
                if focused == node_id:
                    return
            raise AssertionError(f"{node_id} not reachable with Tab")

        assert page.evaluate(is_open, "pohon-t-1") and not page.evaluate(is_open, "pohon-s-1-1-4")
        tab_to("pohon-s-1-1-4")
        page.keyboard.press("Enter")
        assert page.evaluate(is_open, "pohon-s-1-1-4")
        tab_to("pohon-p-persandian")  # a child is reachable only once its parent is open
        page.keyboard.press(" ")
        assert page.evaluate(is_open, "pohon-p-persandian")
        assert page.get_by_text("pagu Rp92.601.000 · realisasi Rp43.476.200 · serapan 46,95%").first.is_visible()
        shot(page, "pohon-keyboard-375.png")
        page.keyboard.press(" ")
        assert not page.evaluate(is_open, "pohon-p-persandian")
        for _ in range(50):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("document.activeElement.parentElement.id") == "pohon-s-1-1-4":
                break
        page.keyboard.press("Enter")
        assert not page.evaluate(is_open, "pohon-s-1-1-4")
        assert problems == []
    finally:
        context.close()


@settings(max_examples=100, deadline=None)
@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip),
       prefixed=st.booleans())
def test_the_province_is_named_once(name, prefixed):
    """The profile page writes "Provinsi X": from a package that already wrote "Provinsi Contoh" (every
    synthetic kabupaten member) it said "Provinsi Provinsi Contoh"."""
    from generator.render.pages.profil import province_name

    given_name = f"Provinsi {name.strip()}" if prefixed else name
    shown = province_name(given_name)
    named = re.match(r"(provinsi|daerah khusus|daerah istimewa)\b", given_name.strip(), re.I)
    assert shown == (given_name.strip() if named else f"Provinsi {given_name.strip()}")
    assert re.match(r"(provinsi|daerah khusus|daerah istimewa)\b", shown, re.I)
    assert province_name("Kepulauan Bangka Belitung") == "Provinsi Kepulauan Bangka Belitung"
    assert province_name("Provinsi Contoh") == "Provinsi Contoh"


@pytest.mark.parametrize("data", [DATAPACKAGE, EXAMPLE], ids=["bawaan", "contoh"])
def test_a_page_module_rendered_alone_gives_the_pages_of_the_whole_site(data):
    """Every page module (the registry) makes its pages from the package and its results only, never from
    another module's pages, and no two modules write the same file (the home page's and the survey page's
    charts of one survey were both `grafik/nrr-<survei>.json`: the home page drew the survey page's chart).
    Rendered alone (`render_site(modules=...)`, as the archive renders a year's pages and as tests render the
    pages they read), a module gives the same pages as in the whole site. One exception, in the front matter
    only: the open-data page's JSON-LD lists the datasets the metadata module describes."""
    from generator.compute.results import compute_all
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.head import strip_front_matter
    from generator.render.pages import REGISTRY
    from generator.validate import validate_package

    tables = validate_package(data).tables
    res = compute_all(tables)
    options = RenderOptions(static_svg=False, previews=False)
    whole = render_site(tables, res, options=options)
    made = {}
    for module in REGISTRY:
        alone = render_site(tables, res, options=options, modules=(module,))
        assert alone.nav[:-1] == [e for e in whole.nav if e in alone.nav[:-1]], module.__name__
        for path, page in alone.pages.items():
            assert path not in made, f"{path}: {made.get(path)} dan {module.__name__}"
            made[path] = module.__name__
            if path == "data-terbuka.md":
                assert strip_front_matter(page) == strip_front_matter(whole.pages[path])
            else:
                assert page == whole.pages[path], path
    assert set(made) == set(whole.pages)


def test_provisional_realisasi_in_the_headline_average_is_named_on_the_home_page():
    """A realisasi the agency marks `sementara` still counts in the average, as the report counts it, but the
    home page's headline says which IKU are provisional, as it says which are earlier values used again; the
    open data counts them beside the `dibawa` ones."""
    from generator.compute.results import compute_all
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import beranda
    from generator.validate import validate_package

    t = default_tables()
    real = t["realisasi"].copy()
    chosen = (real["indikator"] == "iku-ip-asn") & (real["tahun"] == 2025)
    assert chosen.sum() == 1 and real.loc[chosen, "status"].item() == "final"
    real.loc[chosen, "status"] = "sementara"
    tables = Tables({**t.frames, "realisasi": real}, t.settings, t.descriptor)
    res = compute_all(tables)
    row = res.ringkasan.set_index("tahun").loc[2025]
    assert (row["sementara"], row["sementara_indikator"], row["dibawa"]) == (1, "iku-ip-asn", 3)
    assert row["rata_rata"] == compute_all(t).ringkasan.set_index("tahun").loc[2025, "rata_rata"]  # still counted
    page = render_site(tables, res, options=RenderOptions(static_svg=False, previews=False),
                       modules=(beranda,)).pages["index.md"]
    words = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", re.sub(
        r'<span class="kt-istilah__arti"[^>]*>.*?</span>', "", page, flags=re.S))))
    assert "1 di antaranya angka sementara yang masih dapat berubah: Indeks Profesionalisme ASN. Belum ada" in words
    assert "angka sementara" not in render_site(t, compute_all(t), options=RenderOptions(
        static_svg=False, previews=False), modules=(beranda,)).pages["index.md"]


def test_a_year_without_realisasi_keeps_each_sasarans_serapan_on_every_page():
    """A budget's realisasi can be in the package before the indicators' realisasi. With the 2025 realisasi
    taken out, the sasaran pages still showed each sasaran's serapan but the home page wrote "–" for it, and
    the anggaran page, the report and sasaran.csv left the sasaran out: one figure, shown on one page only.
    The serapan is the one the full package gives, and the home page says why there is no capaian."""
    from generator.compute.results import compute_all
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import anggaran, beranda, data_terbuka, sasaran
    from generator.validate import validate_package

    t = default_tables()
    real = t["realisasi"]
    tables = Tables({**t.frames, "realisasi": real[real["tahun"] != 2025].reset_index(drop=True)}, t.settings,
                    t.descriptor)
    res = compute_all(tables)
    assert 2025 not in set(res.ringkasan["tahun"])  # no capaian 2025
    full = compute_all(t).sasaran.set_index(["sasaran", "tahun"])
    mine = res.sasaran[res.sasaran["tahun"] == 2025].set_index("sasaran")
    expected = {s: full.loc[(s, 2025), "serapan"] for s in mine.index}
    assert {k: str(v) for k, v in expected.items()} == {"s-1-1-1": "95.39", "s-1-1-2": "98.88", "s-1-1-3": "91.54",
                                                         "s-1-1-4": "46.95", "s-1-1-5": "90.57"}
    assert dict(mine["serapan"]) == expected and mine["rata_rata"].isna().all()
    site = render_site(tables, res, options=RenderOptions(static_svg=False, previews=False),
                       modules=(beranda, sasaran, anggaran, data_terbuka))
    home, budget = site.pages["index.md"], site.pages["anggaran.md"]
    assert '!!! info "Belum ada realisasi 2025"' in home
    assert "Serapan anggaran 2025 per sasaran sudah tersedia dalam tabel di bawah." in home
    published = {r["sasaran"]: r for r in csv.DictReader(io.StringIO(site.pages["data/sasaran.csv"])) if r["tahun"] == "2025"}
    for s, value in expected.items():
        shown = fmt.persen(value)
        row = next(line for line in home.splitlines() if f"(sasaran/{s}.md)" in line)
        assert row.endswith(f"| – | {shown} |"), row
        assert f"{shown}." in site.pages[f"sasaran/{s}.md"] or f"{shown} " in site.pages[f"sasaran/{s}.md"]
        assert any(f"(sasaran/{s}.md) | {shown} |" in line for line in budget.splitlines()), s
        assert published[s]["serapan"] == str(value) and published[s]["rata_rata"] == ""
