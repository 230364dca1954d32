"""What a citizen reads, without a browser (issue 15): headline figures that say what they are made of,
carried-forward values marked wherever they appear, terms explained where first used, the glossary,
dates that say which date they are, the belanja tables by source, the LKjIP document in the register,
Indonesian number formats, and the Markdown table extension that lets wide tables read as cards.
"""
from __future__ import annotations

import csv
import functools
import html
import io
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import default_tables
from generator.compute.results import compute_all
from generator.render import render_site
from generator.render.context import RenderOptions
from generator.render.words import SINGKATAN
from generator.validate import validate_package


@pytest.fixture(scope="module")
def default_pages():
    tables = default_tables()
    res = compute_all(tables)
    return tables, res, render_site(tables, res, options=RenderOptions(static_svg=False)).pages


def _text(page: str) -> str:
    """A page's words as a reader reads them: without markup, tooltips or Markdown emphasis."""
    page = re.sub(r'<span class="kt-istilah__arti"[^>]*>.*?</span>', "", page)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\*\*", "", page))


def _decimal_points(text: str) -> list[str]:
    """Numbers written with a decimal point ('91.00'), leaving out references such as Tabel 3.15, Bab III 3.4,
    Tabel 3.13-3.16."""
    text = re.sub(r"\b(Tabel|Bab [IVX]+|Sasaran|Lampiran|Gambar)\s+[\d.]+[a-z]?(?:(?:,\s*| dan |-)[\d.]+[a-z]?)*", " ", text)
    return re.findall(r"(?<![\d.,])\d{1,3}\.\d{2}(?![\d.,])", text)


# --- honest headlines ------------------------------------------------------------------------------

def test_the_average_says_what_it_is_made_of(default_pages):
    _t, res, pages = default_pages
    ring = res.ringkasan.set_index("tahun").loc[2025]
    # Six of seven IKU have data; three of those six are 2024 measurements used again (Tabel 3.3 notes).
    assert (ring["jumlah"], ring["tanpa_data"], ring["dibawa"]) == (7, 1, 3)
    assert ring["dibawa_indikator"] == "iku-indeks-spbe; iku-ips; iku-kesiapan-keamanan"
    # The report prints 110,89: the mean of the capaian it printed, rounded first (Tabel 3.3).
    assert (ring["rata_rata_tercetak"], ring["rata_rata_dari_tercetak"], ring["sumber_tercetak"]) == (
        110.89, 110.89, "LKjIP 2025 Tabel 3.3")
    assert round(ring["rata_rata"], 2) == 110.91
    home = _text(pages["index.md"])
    assert "110,91%" in home
    assert ("Rata-rata capaian 6 dari 7 IKU. 3 di antaranya nilai tahun sebelumnya yang dipakai lagi: Indeks SPBE; "
            "Indeks Pembangunan Statistik (IPS); Tingkat Kesiapan Pengamanan Informasi Pemerintah Daerah.") in home
    assert "tidak dihitung sebagai 0: Indeks Keterbukaan Informasi Publik." in home
    assert ("Laporan mencetak 110,89%, karena laporan membulatkan capaian tiap indikator sebelum merata-ratakannya "
            "(Catatan konsistensi)") in home
    assert 'href="konsistensi/#angka-ringkasan"' in pages["index.md"]
    konsistensi = _text(pages["konsistensi.md"])
    assert "110,89%" in konsistensi and "110,91%" in konsistensi and "{#angka-ringkasan}" in pages["konsistensi.md"]


def test_survey_cards_have_distinct_titles(default_pages):
    titles = re.findall(r'<p class="kt-kartu__judul">(.*?)</p>', default_pages[2]["index.md"])
    assert "Kepuasan masyarakat 2025: Layanan informasi publik" in titles
    assert "Kepuasan masyarakat 2025: Pelayanan Diskominfo SP" in titles
    assert len(titles) == len(set(titles))


def test_carried_forward_values_are_marked_in_tables_charts_and_csvs(default_pages):
    _t, res, pages = default_pages
    home = pages["index.md"]
    assert home.count("rata-ratanya memuat 1 nilai tahun sebelumnya yang dipakai lagi") == 3  # 1.1.2, 1.1.3, 1.1.4
    # The home chart of sasaran 1.1.2 draws the SPBE bar pale, names it, and has a legend entry for it.
    spec = pages["grafik/capaian-s-1-1-2.json"]
    assert '"ukur":"Nilai tahun sebelumnya dipakai lagi"' in spec and '"opacity"' in spec
    assert '"baris":["Indeks SPBE (nilai tahun sebelumnya dipakai","lagi)"]' in spec  # the row's name, wrapped
    assert "<td data-label=\"Status\">tercapai; nilai tahun sebelumnya dipakai lagi</td>" in home  # its data table
    # The indicator's own chart and its data table.
    spbe = pages["sasaran/s-1-1-2.md"]
    assert '"baris":["2025 (realisasi: nilai tahun sebelumnya","dipakai lagi)"]' in pages["grafik/indikator-iku-indeks-spbe.json"]
    assert "4,16 (nilai tahun sebelumnya dipakai lagi)" in spbe
    sasaran = {r["sasaran"]: r for r in csv.DictReader(io.StringIO(pages["data/sasaran.csv"])) if r["tahun"] == "2025"}
    assert [sasaran[f"s-1-1-{n}"]["dibawa"] for n in range(1, 6)] == ["0", "1", "1", "1", "0"]
    capaian = [r for r in csv.DictReader(io.StringIO(pages["data/capaian.csv"])) if r["tahun"] == "2025" and r["berlaku"] == "true"]
    assert {r["indikator"] for r in capaian if r["status_realisasi"] == "dibawa" and r["iku"] == "true"} == {
        "iku-indeks-spbe", "iku-ips", "iku-kesiapan-keamanan"}


# --- plain language --------------------------------------------------------------------------------

def test_terms_are_explained_at_their_first_use_only(default_pages):
    pages = default_pages[2]
    for path, terms in {"index.md": ("capaian", "iku", "dibawa", "pagu", "ikm"),
                        "sasaran/s-1-1-1.md": ("capaian", "serapan", "efisiensi", "iku", "kategori"),
                        "anggaran.md": ("pagu", "serapan", "silpa", "efisiensi"),
                        "survei.md": ("ikm", "mutu"),
                        # pages for evaluators and the Komisi Informasi used these words unexplained
                        "pra-evaluasi-sakip.md": ("sakip", "iku", "lkjip"),
                        "ppid/standar-layanan.md": ("ppid",), "ppid/bukti-monev.md": ("ppid",),
                        "triwulan.md": ("triwulan",),
                        "indikator/iku-ip-asn.md": ("capaian", "pemilik"), "pohon.md": ("capaian", "pemilik")}.items():
        page = pages[path]
        for term in terms:
            assert page.count(f'aria-describedby="kt-arti-{term}"') == 1, (path, term)
            assert page.count(f'id="kt-arti-{term}" role="tooltip"') == 1, (path, term)
            assert re.search(rf'href="[./]*glosarium/#istilah-{term}"', page), (path, term)
        assert "&lt;span" not in page and "&#60;span" not in page, path  # never escaped into text
    # an abbreviation is shown as one, not in the lower case of an ordinary word ("evaluator sakip")
    shown = {key: re.search(rf'aria-describedby="kt-arti-{key}">([^<]*)</a>', pages[path]).group(1)
             for path, key in (("pra-evaluasi-sakip.md", "sakip"), ("ppid/standar-layanan.md", "ppid"),
                               ("pra-evaluasi-sakip.md", "lkjip"), ("pra-evaluasi-sakip.md", "iku"))}
    assert shown == {"sakip": "SAKIP", "ppid": "PPID", "lkjip": "LKjIP", "iku": "IKU"}
    # "PK JPT" on an indicator page, and "MS-Ind" in its metadata heading, read as words
    owner = pages["indikator/iku-ip-asn.md"]
    assert re.search(r'id="kt-arti-pemilik" role="tooltip"[^>]*>[^<]*PK JPT: pejabat pimpinan tinggi \(JPT\), yaitu '
                     r"kepala perangkat daerah;", owner)
    assert "## Metadata indikator (MS-Ind)\n\nMS-Ind (Metadata Statistik Indikator) adalah isian baku Satu Data " \
           "Indonesia" in owner


def test_an_abbreviation_in_the_agencys_own_words_is_explained_on_its_page(default_pages):
    """Names, sources and documents are the agency's words and carry no link; an abbreviation of the glossary
    in them (an indicator about "SPBE", a sasaran measured by "IKM") is explained at the end of the page, with
    a link to its Glosarium entry. A term the page already explains is not listed again."""
    pages = default_pages[2]
    spbe = pages["indikator/pk-digitalisasi-administrasi.md"]
    assert spbe.rstrip("\n").endswith("</aside>")
    block = spbe[spbe.index('<aside class="kt-singkatan" data-search-exclude>'):]
    assert ('<dt><a href="../../glosarium/#istilah-spbe">SPBE</a></dt><dd>Sistem Pemerintahan Berbasis Elektronik: '
            "pemerintahan yang memakai teknologi informasi untuk melayani.") in block
    assert '<dt><a href="../../glosarium/#istilah-pk">PK</a></dt><dd>Perjanjian Kinerja. Janji tertulis' in block
    listed = re.findall(r'#istilah-([a-z-]+)">', block)
    assert listed == sorted(listed, key=lambda k: SINGKATAN[k.replace("-", "_")][0].lower())
    sasaran = pages["sasaran/s-1-1-1.md"]
    assert "#istilah-iku" in sasaran and 'istilah-iku">IKU</a></dt>' not in sasaran  # explained where first used
    assert 'istilah-ikm">IKM</a></dt>' in sasaran  # "IKM" in an indicator's name, never linked before
    assert "kt-singkatan" not in pages["glosarium.md"]
    assert sum("kt-singkatan" in page for page in pages.values()) > 40


_FILLER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.", max_size=12)


@settings(max_examples=60, deadline=None)
@given(used=st.lists(st.sampled_from(sorted(SINGKATAN)), unique=True), linked=st.lists(st.sampled_from(sorted(SINGKATAN))),
       hidden=st.lists(st.sampled_from(sorted(SINGKATAN))), filler=_FILLER,
       before=st.sampled_from([" ", " (", "\n", "/", '"', "**"]), after=st.sampled_from([" ", ")", ",", ".", ":", "/", "**"]))
def test_an_abbreviation_counts_where_a_reader_reads_it(used, linked, hidden, filler, before, after):
    """Found as a word of the text, wherever it stands; not inside a longer word, a tag's attribute, a link's
    target or a term's tooltip; not when the page links its glossary entry."""
    from generator.render.istilah import anchor, unexplained

    text = "".join(f"{filler}{before}{SINGKATAN[k][0]}{after}{filler} " for k in used)
    text += "".join(f'<a href="../glosarium/#{anchor(k)}">kata</a> ' for k in linked)
    for k in hidden:
        short = SINGKATAN[k][0]
        text += (f'<img alt="{short}"> [tautan]({short}) X{short} {short}2 {short}-x '
                 f'<span class="kt-istilah__arti" id="a" role="tooltip">{short}</span> ')
    assert unexplained(text) == sorted(set(used) - set(linked), key=lambda k: SINGKATAN[k][0].lower())


def test_a_terms_explanation_stays_out_of_the_search_results(default_site):
    """The tooltip's text is on the page for the reader who asks for it; Material's search index took it as
    part of the sentence ("(paguPagu: Batas anggaran...", "serapanSerapan anggaran:"), in 8 entries of the
    default portal. Only the Glosarium page itself is found by a term's explanation."""
    import json

    from generator.render.words import GLOSARIUM

    index = json.loads((default_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tooltips = {key: html.escape(f"{term}: {meaning}"[:50], quote=False) for key, (term, meaning) in GLOSARIUM.items()}
    leaked = [(doc["location"], key) for doc in index["docs"] for key, text in tooltips.items() if text in doc["text"]]
    assert leaked == []
    assert not [doc["location"] for doc in index["docs"] if "Singkatan di halaman ini" in doc["text"]]
    assert "Singkatan di halaman ini" in (default_site.site / "indikator" / "iku-ip-asn" / "index.html").read_text()
    home = (default_site.site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="kt-istilah__arti"') == home.count('role="tooltip" data-search-exclude>') > 3
    meanings = [html.escape(meaning[:40], quote=False) for _term, meaning in GLOSARIUM.values()]
    assert sum(any(text in doc["text"] for text in meanings) for doc in index["docs"]
               if doc["location"].startswith("glosarium/")) > 5  # the glossary is still found


def test_glossary_lists_every_term_and_the_packages_scales(default_pages):
    from generator.render.pages.glosarium import GROUPS
    from generator.render.words import GLOSARIUM

    grouped = [k for _, keys in GROUPS for k in keys]
    assert sorted(grouped) == sorted(GLOSARIUM) and len(grouped) == len(set(grouped))
    _t, _res, pages = default_pages
    page = pages["glosarium.md"]
    for key, (term, meaning) in GLOSARIUM.items():
        assert f'<dt id="istilah-{key.replace("_", "-")}">' in page, key
    words = html.unescape(page)
    assert "| AA | >90-100 | Sangat Memuaskan |" in words and "| A | 88,31 - 100,00 | Sangat Baik |" in words
    # AA has no upper bound in skala_kelas.csv (capaian 110,91% is AA) though its printed range ends at 100
    assert "| D | 0-30 | Sangat Kurang |\n\nKategori AA tidak punya batas atas: setiap capaian di atas 90 masuk AA, " \
        "termasuk capaian lebih dari 100%.\n" in words
    assert words.count("tidak punya batas atas") == 1  # the IKM quality scale is closed (up to 100)


def test_menu_names_each_sasaran_by_what_it_is_about(default_pages):
    tables = default_tables()
    site = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False))
    section = next(e["Sasaran strategis"] for e in site.nav if "Sasaran strategis" in e)
    assert [next(iter(e)) for e in section][:2] == [
        "1.1.1 Meningkatkan akses masyarakat atas layanan informasi dan penyelenggaraan pemerintahan",
        "1.1.2 Meningkatnya penyelenggaraan pemerintahan berbasis digital"]
    assert {"Glosarium": "glosarium.md"} in site.nav


# --- one truth per page ----------------------------------------------------------------------------

def test_dates_say_which_date_they_are(default_pages):
    from generator.publish.pipeline import theme_extra

    tables, _res, pages = default_pages
    extra = theme_extra(tables)
    assert extra["sumber"] == "Laporan Kinerja (LKjIP) Tahun 2025, dokumen bertanggal 13 Februari 2026"
    assert extra["diperbarui"] == "21 November 2026"
    home = _text(pages["index.md"])
    assert "dokumen bertanggal 13 Februari 2026; paket data portal ini diperbarui 21 November 2026" in home
    kepatuhan = _text(pages["ppid/kepatuhan.md"])
    assert "Isi diperbarui" in kepatuhan and "tanggal dokumen" in kepatuhan


def test_belanja_tables_are_labelled_by_source_with_the_difference_explained(default_pages):
    page = default_pages[2]["anggaran.md"]
    assert "### Menurut LKjIP 2025 Tabel 3.15" in page and "### Menurut LKjIP 2025 Tabel 3.16" in page
    assert page.index("Tabel 3.15") < page.index("Tabel 3.16")
    words = _text(page)
    assert ("Realisasi Belanja Operasi 2025 dicetak berbeda: Rp8.288.093.465,00 (LKjIP 2025 Tabel 3.15 No. 2); "
            "Rp8.286.093.465,00 (LKjIP 2025 Tabel 3.16 No. 1 dan teks Bab III 3.4)") in words
    assert "[Catatan konsistensi](konsistensi.md)" in page


def test_numbers_are_written_the_indonesian_way(default_pages):
    pages = default_pages[2]
    for path in ("konsistensi.md", "indikator/ip-ikm.md", "index.md", "anggaran.md", "survei.md"):
        assert _decimal_points(_text(pages[path])) == [], path
    assert "realisasi 91,00 terhadap target 100% memberi 91,00" in _text(pages["konsistensi.md"])


def test_a_package_that_carries_the_lkjip_registers_the_document(pkg):
    (pkg / "berkas").mkdir()
    (pkg / "berkas" / "lkjip-2025.pdf").write_bytes(b"%PDF-1.4\n% LKjIP 2025\n")
    with (pkg / "data" / "informasi.csv").open("a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerow(
            ["lkjip-2025", "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025", "Naskah laporan kinerja 2025.",
             "berkala", "laporan_kinerja", "Sekretariat", "Plt. Kepala Dinas", "13 Februari 2026", "Manggar", "softcopy",
             "", "2026-02-13", "2026-02-13", "berkas/lkjip-2025.pdf", "", "", "", "LKjIP 2025 Kata Pengantar", ""])
    validated = validate_package(pkg)
    assert validated.report.ok, validated.report.lines()
    res = compute_all(validated.tables)
    dip = res.dip.set_index("id")
    assert "otomatis-laporan-kinerja" not in dip.index and dip.loc["lkjip-2025", "berkas"] == "berkas/lkjip-2025.pdf"
    row = res.kepatuhan.set_index("kode").loc["laporan_kinerja"]
    assert row["informasi"] == "lkjip-2025" and row["berkas"] == "berkas/lkjip-2025.pdf"
    assert "naskah LKjIP tidak dimuat" not in row["keterangan"]
    pages = render_site(validated.tables, res, options=RenderOptions(static_svg=False)).pages
    assert 'href="../../data/sumber/berkas/lkjip-2025.pdf"' in pages["ppid/kepatuhan.md"]


# --- tables on phones ------------------------------------------------------------------------------

def test_markdown_tables_name_their_columns_on_every_cell():
    md = markdown.Markdown(extensions=["tables", "generator.publish.markdown_tabel"])
    html = md.convert("| Tahun | Target &#42; | Realisasi<br>tercetak | Capaian |\n|---|---|---|---|\n"
                      "| 2025 | 81% | 88,19%<br><small>final</small> | [108,88%](x.md) |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    first, second = html.split("</table>")[:2]
    assert '<table data-tata="kartu">' in first and "data-tata" not in second  # cards from four columns
    assert re.findall(r'<td data-label="([^"]*)">', first) == ["Tahun", "Target *", "Realisasi tercetak", "Capaian"]
    assert re.findall(r'<td data-label="([^"]*)">', second) == ["A", "B"]


def test_every_table_is_named_by_the_heading_above_it(default_site):
    """A screen reader jumping from table to table hears each one's name (the heading above it, by
    `aria-labelledby`), not a bare "tabel"; a table before any heading stays unnamed, never wrongly named."""
    md = markdown.Markdown(extensions=["tables", "toc", "attr_list", "generator.publish.markdown_tabel"])
    html_ = md.convert("| A |\n|---|\n| 0 |\n\n## Anggaran per program {#program}\n\n| A |\n|---|\n| 1 |\n\n"
                       "Teks.\n\n| B |\n|---|\n| 2 |\n\n### Serapan & SILPA\n\n| C |\n|---|\n| 3 |\n")
    assert re.findall(r"<table([^>]*)>", html_) == ["", ' aria-labelledby="program"', ' aria-labelledby="program"',
                                                     ' aria-labelledby="serapan-silpa"']
    unnamed, tables = [], 0
    for path in sorted(default_site.site.rglob("index.html")):  # raw HTML tables of page templates too
        page = path.read_text(encoding="utf-8")
        ids = set(re.findall(r' id="([^"]+)"', page))
        for attributes in re.findall(r"<table([^>]*)>", page):
            tables += 1
            named = re.search(r'aria-labelledby="([^"]+)"', attributes)
            if named is None or named.group(1) not in ids:
                unnamed.append((path.relative_to(default_site.site).as_posix(), attributes))
    assert tables > 200 and unnamed == []


def test_a_quarters_name_stays_one_word_on_a_phone_card():
    """"Realisasi s.d. TW II" wrapped on a 375 px card as "Realisasi s.d. TW" over "II": in a column's
    label a quarter's name is joined by a no-break space, one typed in the header is kept, and other
    words of the label may still wrap."""
    md = markdown.Markdown(extensions=["tables", "generator.publish.markdown_tabel"])
    html = md.convert("| Program | Realisasi s.d. TW II | Serapan s.d.&nbsp;TW IV | TWIN I |\n|---|---|---|---|\n"
                      "| A | 1 | 2 | 3 |\n")
    assert re.findall(r'<td data-label="([^"]*)">', html) == [
        "Program", "Realisasi s.d. TW\u00a0II", "Serapan s.d.\u00a0TW\u00a0IV", "TWIN I"]


def test_a_wide_table_may_break_a_line_after_a_slash_between_words():
    """The Tahap 5 table (seven columns) was 954 px wide in a 720 px column on a desktop: "Pemeliharaan/
    Rehabilitasi" and "Sub Koordinator/JF" held their columns at the width of the whole pair. A line may now
    break after a slash between two words; the text itself (search, copying) is unchanged."""
    md = markdown.Markdown(extensions=["tables", "generator.publish.markdown_tabel"])
    html_ = md.convert("| Simpul | Pemilik | Nilai | Catatan |\n|---|---|---|---|\n"
                       "| Pemeliharaan/Rehabilitasi | PK Sub Koordinator/JF | 1 / 2 | <small>A/B</small> x/ y |\n")
    assert "Pemeliharaan/<wbr />Rehabilitasi" in html_ and "Koordinator/<wbr />JF" in html_
    assert "1 / 2" in html_ and "<small>A/<wbr />B</small> x/ y" in html_
    few = md.reset().convert("| A | B |\n|---|---|\n| Pemeliharaan/Rehabilitasi | x |\n")
    assert "<wbr" not in few  # a table of few columns wraps as it is


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab/ 1,.", min_size=1, max_size=30).filter(lambda t: t.strip() and "|" not in t),
                min_size=4, max_size=4))
def test_break_points_in_table_cells_keep_every_letter(cells):
    import xml.etree.ElementTree as ET

    md = markdown.Markdown(extensions=["tables", "generator.publish.markdown_tabel"])
    row = "| " + " | ".join(c.strip() for c in cells) + " |"
    html_ = md.convert("| A | B | C | D |\n|---|---|---|---|\n" + row + "\n")
    body = ET.fromstring(html_.replace("<wbr />", "<wbr/>")).find("tbody/tr")
    assert ["".join(td.itertext()) for td in body] == [c.strip() for c in cells]
    assert all(re.search(r"\w/<wbr />\w", part) for part in re.findall(r"\w/<wbr />\w", html_))


def test_a_category_beside_a_target_not_met_is_explained(kabupaten_site):
    """Capaian 90,79% is category AA on the kabupaten's scale (>90) and yet its target is not met (below
    100): an indicator page that shows both says why, naming its latest such year from `capaian.csv`;
    a page without such a year says nothing of it. The sentence reads for any category: "berkategori D
    tetapi belum tercapai" set a low category against a target not met as if they disagreed."""
    import pandas as pd

    said = 0
    for member in ("dinkes", "disdik", "dpupr"):
        cap = pd.read_csv(kabupaten_site.site / member / "data" / "capaian.csv", dtype={"tercapai": "boolean"})
        cap = cap[cap["dipilih"] & cap["kategori"].notna() & (cap["tercapai"] == False)]  # noqa: E712
        latest = cap.sort_values("tahun").groupby("indikator").last()
        for page in sorted((kabupaten_site.docs / member / "indikator").glob("*.md")):
            text = _text(page.read_text(encoding="utf-8"))
            if page.stem in latest.index:
                r = latest.loc[page.stem]
                capaian = f"{r['capaian']:.2f}".replace(".", ",")
                assert (f"target baru tercapai bila capaiannya 100% atau lebih. Capaian {capaian}% tahun {r['tahun']} "
                        f"berkategori {r['kategori']}, dan target tahun itu belum tercapai karena capaiannya di bawah "
                        "100%.") in text, page
                said += 1
            else:
                assert "berkategori" not in text, page
    assert said > 20


def _with_category_scale(classes: list[tuple[str, str, str, str, str, str]]):
    """The default package's tables with the category scale replaced by `classes`: (kode, label,
    batas_bawah, bawah_inklusif, batas_atas, interpretasi), highest first. TEST DATA."""
    import pandas as pd

    from generator.load import Tables

    t = default_tables()
    kelas = t["skala_kelas"]
    rows = [{**kelas.iloc[0].to_dict(), "kode": k, "label": lb, "urutan": n + 1, "interpretasi": it,
             "batas_bawah": float(lo) if lo else None, "bawah_inklusif": inc == "ya" if lo else None,
             "batas_atas": float(hi) if hi else None, "atas_inklusif": True if hi else None,
             "rentang_tercetak": f"{lo}-{hi}", "_baris": 900 + n}
            for n, (k, lb, lo, inc, hi, it) in enumerate(classes)]
    frame = pd.concat([kelas[kelas["skala"] != "kategori-capaian"], pd.DataFrame(rows)], ignore_index=True)
    return Tables({**t.frames, "skala_kelas": frame}, t.settings, t.descriptor)


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(7)))
def test_the_highest_category_is_the_one_with_the_highest_lower_bound(order):
    """The words "AA sampai D" took the class with `urutan` 1 as the highest; nothing says a package numbers
    them so. The codes run by their lower bounds, whatever their `urutan`."""
    from generator.render.words import scale_codes

    kelas = default_tables()["skala_kelas"].copy()
    mine = kelas.index[kelas["skala"] == "kategori-capaian"]
    kelas.loc[mine, "urutan"] = [n + 1 for n in order]
    assert scale_codes(kelas, "kategori-capaian") == ["AA", "A", "BB", "B", "CC", "C", "D"]


def test_the_words_for_categories_and_staleness_come_from_the_package():
    """A package on another category scale (Permendagri 86/2017's five classes ST … SR) read "kategori AA
    sampai D … AA yang tertinggi" on every sasaran page and in the glossary, and a staleness limit of one
    month read "enam bulan" in the glossary. Both now come from the package (`words.glossary`)."""
    import dataclasses

    from generator.load import Tables

    t = _with_category_scale([("ST", "Sangat Tinggi", "91", "ya", "", "Sangat Tinggi"),
                              ("T", "Tinggi", "76", "ya", "90", "Tinggi"), ("S", "Sedang", "66", "ya", "75", "Sedang"),
                              ("R", "Rendah", "51", "ya", "65", "Rendah"), ("SR", "Sangat Rendah", "", "", "50", "Sangat Rendah")])
    ppid = dataclasses.replace(t.settings.ppid, bulan_kedaluwarsa=1)
    t = Tables(t.frames, dataclasses.replace(t.settings, ppid=ppid), t.descriptor)
    pages = render_site(t, compute_all(t), options=RenderOptions(static_svg=False)).pages
    sasaran = html.unescape(pages["sasaran/s-1-1-1.md"])
    assert "kategori ST sampai SR</a>" in sasaran and "menggolongkan capaian itu, ST yang tertinggi." in sasaran
    assert "Kategori capaian (ST sampai SR): Kelompok nilai capaian menurut skala yang dipakai instansi, dari ST " \
           "(paling tinggi) sampai SR (paling rendah)." in sasaran
    glossary = html.unescape(pages["glosarium.md"])
    assert "AA sampai D" not in glossary and "Kategori capaian (ST sampai SR)" in glossary
    assert "terakhir diperbarui lebih dari satu bulan sebelum tanggal data portal." in glossary
    assert "Batas satu bulan untuk pembaruan informasi berkala" in pages["ppid/kepatuhan.md"]


@settings(max_examples=60, deadline=None)
@given(low=st.one_of(st.none(), st.sampled_from([-5.0, 0.0, 0.01, 30.0, 89.99])), inclusive=st.booleans())
def test_a_category_scale_must_classify_every_capaian_down_to_0(low, inclusive):
    """A category scale whose lowest class starts above 0 left a lower capaian without a category, and the
    home page printed "nan · nan" for the agency's average. Validation refuses it at the lowest class's
    batas_bawah; a class without a lower bound, or starting at 0 or below (inclusive or not: a value takes the
    highest class whose lower bound it has reached), covers every capaian, as `Scale.classify` shows."""
    from generator.compute.scales import scales as all_scales
    from generator.validate import rules

    t = _with_category_scale([("AA", "AA", "90", "tidak", "", "Sangat Memuaskan"),
                              ("D", "D", "" if low is None else str(low), "ya" if inclusive else "tidak", "90", "Kurang")])
    found = [i for i in rules.scales(t) if i.resource == "skala_kelas" and "tidak menggolongkan" in i.message]
    covered = all_scales(t["skala"], t["skala_kelas"])["kategori-capaian"].classify(0.0) is not None
    assert covered == (low is None or low <= 0)
    empty = _with_category_scale([])  # a category scale without classes classifies nothing
    assert [i.message for i in rules.scales(empty) if "tidak memiliki kelas" in i.message] == [
        'skala "kategori-capaian" tidak memiliki kelas di skala_kelas.csv; yang diharapkan kelas-kelasnya dengan '
        "batas_bawah dan batas_atas, yang terendah mulai dari 0"]
    if covered:
        assert found == []
    else:
        assert [(i.row, i.column) for i in found] == [(901, "batas_bawah")]
        assert found[0].message.startswith('skala "kategori-capaian" tidak menggolongkan capaian di bawah ')
        assert found[0].message.endswith("padahal capaian dapat bernilai 0. Yang diharapkan kelas terendah dengan "
                                         "batas_bawah 0 atau tanpa batas_bawah")


def test_the_dip_form_and_a_files_separator_are_said_in_words(default_pages):
    """A reader met "Bentuk: softcopy" on every DIP row (English; Perki 1/2021's own word, kept beside the
    Indonesian) and "pemisah kolom: ;;" on the open-data page (read as a typo)."""
    pages = default_pages[2]
    dip = pages["ppid/dip.md"]
    assert '<td data-label="Bentuk">salinan elektronik (softcopy)</td>' in dip
    assert '<td data-label="Bentuk">softcopy</td>' not in dip
    data = _text(pages["data-terbuka.md"])
    assert "pemisah kolom: titik koma (;)" in data and "pemisah kolom: ;" not in data


def test_a_line_with_pagu_zero_has_no_serapan_and_says_why():
    """A programme given pagu Rp0 (and no spending) in the report: its heading began with "·" when it had no
    code, its sentence said "serapan –" and its chart's table "belum tersedia" (data to come). Both now say no
    serapan is computed for a pagu of 0; the default package's other programmes keep their figures."""
    from decimal import Decimal

    from generator.load import Tables
    from generator.render.pages import anggaran

    t = default_tables()
    lines = t["anggaran"].copy()
    ikp = lines.index[(lines["node"] == "p-ikp") & (lines["dokumen"] == "lkjip-2025")][0]
    lines.loc[ikp, ["pagu", "realisasi", "serapan_tercetak"]] = [Decimal(0), Decimal(0), None]
    node = t["node"].copy()
    node.loc[node["id"] == "p-ikp", "kode_laporan"] = None
    tables = Tables({**t.frames, "anggaran": lines, "node": node}, t.settings, t.descriptor)
    page = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                       modules=(anggaran,)).pages["anggaran.md"]
    assert "### Program Informasi dan Komunikasi Publik\n\nPagu Rp0 · realisasi Rp0 · serapan **tidak dihitung (pagu " \
        "Rp0)**." in page
    assert '<td data-label="Serapan">tidak dihitung (pagu Rp0)</td>' in page
    assert "### C · Program" in page and "### · " not in page


def test_the_budget_chart_under_the_programme_table_names_its_level(default_pages):
    """Sasaran 1.1.1: the table lists "Program Informasi dan Komunikasi Publik" (Rp285.697.300) and the chart
    under it drew the same Rupiah as "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah
    Kabupaten/Kota", its kegiatan, without saying so: the chart's title now names the level it draws."""
    page = default_pages[2]["sasaran/s-1-1-1.md"]
    assert re.search(r'<strong id="grafik-[^"]+-judul">Pagu dan realisasi anggaran 2025 per kegiatan</strong>', page)
    assert "| Program Informasi dan Komunikasi Publik | Rp285.697.300 |" in page


@functools.lru_cache(maxsize=1)
def _budget_nodes():
    t = default_tables()
    tiers = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    lines = t["anggaran"][t["anggaran"]["dokumen"] == "lkjip-2025"]
    return sorted(n for n in lines["node"] if tiers.get(n) in ("program", "kegiatan", "sub_kegiatan"))


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_every_page_that_lists_a_line_with_pagu_zero_says_no_serapan_is_computed(data):
    """A programme, kegiatan or sub kegiatan with pagu Rp0: the Anggaran page's programme heading said so, but
    its table rows, the tree's card and badge, and the Laporan Kinerja's tables (page and PDF) printed "–",
    which reads as data still to come. Every one of them now says "tidak dihitung (pagu Rp0)"."""
    from decimal import Decimal

    from generator.load import Tables
    from generator.render.pages import anggaran, lkjip, pohon

    node = data.draw(st.sampled_from(_budget_nodes()))
    t = default_tables()
    lines = t["anggaran"].copy()
    at = lines.index[(lines["node"] == node) & (lines["dokumen"] == "lkjip-2025")][0]
    lines.loc[at, ["pagu", "realisasi", "serapan_tercetak"]] = [Decimal(0), Decimal(0), None]
    tables = Tables({**t.frames, "anggaran": lines}, t.settings, t.descriptor)
    pages = render_site(tables, compute_all(tables), options=RenderOptions(static_svg=False, previews=False),
                        modules=(anggaran, pohon, lkjip)).pages
    name = str(lines.loc[at, "uraian"])
    said = "tidak dihitung (pagu Rp0)"

    def listed(text: str, *must: str) -> list[str]:  # where the line's pagu and realisasi (both Rp0) are printed
        return [line for line in text.splitlines() if all(m in line for m in must) and re.search(r"Rp0\b.*\bRp0\b", line)]
    rows = listed(pages["anggaran.md"], name)
    assert rows and all(said in line for line in rows), rows
    tree = [line for path, text in pages.items() if path.startswith("pohon") for line in listed(text)]
    assert tree and all(said in line for line in tree), tree
    report = listed(pages["laporan-kinerja.md"], name)
    assert report and all(said in line for line in report), report


def test_the_abbreviations_pages_use_are_in_the_glossary_and_no_english_is_left(default_site):
    """A citizen walking the portal met ASN, SKPD, SKM, RKT, LHE AKIP, KemenPANRB, BSSN and Indeks KAMI with no
    explanation anywhere, and read "spreadsheet" and "Path relatif" in the portal's own sentences. Every such
    abbreviation a page uses is now a Glosarium entry, and the words are Indonesian."""
    from generator.render.words import GLOSARIUM

    pages = {p.relative_to(default_site.site).as_posix(): re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8"))
             for p in default_site.site.rglob("index.html")}
    text = " ".join(pages.values())
    defined = " ".join(term for term, _ in GLOSARIUM.values())
    used = [w for w in ("ASN", "SKPD", "SKM", "RKT", "LHE AKIP", "KemenPANRB", "BSSN", "KAMI", "LKjIP", "IKU", "IKM")
            if re.search(rf"\b{w}\b", text)]
    assert len(used) >= 8 and [w for w in used if not re.search(rf"\b{w}\b", defined)] == [], used
    glossary = pages["glosarium/index.html"]
    assert all(re.search(rf"\b{w}\b", glossary) for w in used)
    assert [p for p, t in pages.items() if re.search(r"\bspreadsheet\b|\bPath relatif\b", t)] == []
    # format names a citizen met as the only word for a thing ("CSV dengan Table Schema", "umpan Atom", "Katalog
    # mesin (DCAT)"): each now follows an Indonesian description of what it is
    alone = re.compile(r"dengan Table Schema|umpan Atom|Katalog mesin|berformat Frictionless")
    assert [p for p, t in pages.items() if alone.search(t)] == []
