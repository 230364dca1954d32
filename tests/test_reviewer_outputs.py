"""Reviewer outputs (issue 16): the Laporan Kinerja generated from the data (PDF and page), the SAKIP
pre-check, the Komisi Informasi evidence pack, the consistency audit's new rows and findings, and the
metadata other systems read (JSON-LD, DCAT, MS-Ind, Open Graph with preview images).

Worked values come from the seed (LKjIP 2025 of Diskominfo SP Belitung Timur) and docs/domain.md:
88,19 / 81 × 100 = 108,88; 4,16 / 3,50 = 118,86; 2,76 / 2,6 = 106,15; Level 2 / Level 2 = 100;
82,36 / 72 = 114,39; 78,50 / 67 = 117,16; their mean 110,91.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import struct
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from conftest import DATAPACKAGE, EXAMPLE  # noqa: E402
from jsonld_offline import expand, validate  # noqa: E402

from generator.compute.konsistensi import consistency_table  # noqa: E402
from generator.compute.results import compute_all  # noqa: E402
from generator.render import common_facts, lkjip, typeset  # noqa: E402
from generator.render.context import Inputs, PageContext, RenderOptions  # noqa: E402
from generator.render.environment import environment  # noqa: E402
from generator.render.head import script_json  # noqa: E402
from generator.render.pages.konsistensi import explained_rows  # noqa: E402
from generator.validate import validate_package  # noqa: E402

PDF = "dokumen/laporan-kinerja-2025.pdf"
TABEL_33 = {  # Tabel 3.3 as recomputed: target, realisasi, capaian per IKU, and the average
    "Persentase kepuasan masyarakat": ("81%", "88,19%", "108,88%"),
    "Indeks SPBE": ("3,50", "4,16", "118,86%"),
    "Indeks Pembangunan Statistik (IPS)": ("2,6", "2,76", "106,15%"),
    "Tingkat Kesiapan Pengamanan Informasi": ("2 (level)", "Level 2", "100,00%"),
    "Indeks Profesionalisme ASN": ("72", "82,36", "114,39%"),
    "Nilai SAKIP Perangkat Daerah": ("67", "78,50", "117,16%"),
}


@pytest.fixture(scope="module")
def default_ctx():
    v = validate_package(DATAPACKAGE)
    t = v.tables
    res = compute_all(t)
    return PageContext(environment(), t, res, common_facts(t), Inputs(), RenderOptions())


def pdf_reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def pdf_text(reader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def outline_titles(reader) -> list[str]:
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)
    walk(reader.outline)
    return out


# --- the Laporan Kinerja -----------------------------------------------------------------------------

def test_lkjip_pdf_layout_text_and_toc(default_site, default_ctx):
    data = (default_site.site / PDF).read_bytes()
    reader = pdf_reader(data)
    assert 12 <= len(reader.pages) <= 45, len(reader.pages)
    text = re.sub(r"\s+", " ", pdf_text(reader))
    for name, figures in TABEL_33.items():
        for figure in figures:
            assert figure in text, (name, figure)
    assert "110,91%" in text  # the mean of the six IKU with data (the report prints 110,89 from rounded values)
    # The table of contents is the document's headings, in order: PDF outline and the printed TOC page.
    doc = lkjip.model(default_ctx)
    assert outline_titles(reader) == lkjip.headings(doc, depth=3)  # PDF bookmarks: every heading
    headings = lkjip.headings(doc)  # the printed table of contents: two levels
    toc = re.sub(r"\s+", " ", "".join(reader.pages[i].extract_text() for i in (1, 2)))
    positions = [toc.find(h) for h in headings]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), list(zip(headings, positions))
    assert headings[:4] == ["Ringkasan Eksekutif", "Bab I Pendahuluan", "1.1 Latar Belakang",
                            "1.2 Tugas, Fungsi dan Struktur Organisasi"]
    for chapter in ("Bab II Perencanaan Kinerja", "Bab III Akuntabilitas Kinerja", "Bab IV Penutup", "Lampiran",
                    "2.1 Rencana Strategis", "2.2 Indikator Kinerja Utama", "2.3 Rencana Kinerja Tahunan",
                    "2.4 Perjanjian Kinerja", "3.8 Analisis Efisiensi Penggunaan Sumber Daya", "A. Perjanjian Kinerja",
                    "B. Rencana Aksi"):
        assert chapter in headings


def test_lkjip_pdf_fonts_language_tags_and_date(default_site):
    from pypdf.generic import IndirectObject

    reader = pdf_reader((default_site.site / PDF).read_bytes())
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "id-ID"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    fonts = {}
    for page in reader.pages:
        for name, ref in (page["/Resources"].get("/Font") or {}).items():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            fonts[font["/BaseFont"]] = font
    assert fonts
    for base, font in fonts.items():
        desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
            else font["/FontDescriptor"]
        assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{base} is not embedded"
        assert "LibertinusSerif" in base
    # Dated from the data (the report's signature), never the clock.
    assert reader.metadata["/CreationDate"].startswith("D:20260213")


def test_lkjip_pdf_is_the_same_bytes_for_the_same_data(default_site, default_ctx):
    doc = lkjip.model(default_ctx)
    day = dt.date.fromisoformat(doc["tanggal_iso"])
    first, second = typeset.pdf("lkjip.typ", doc, day), typeset.pdf("lkjip.typ", lkjip.model(default_ctx), day)
    assert first == second == (default_site.site / PDF).read_bytes()


def test_the_pdf_typeset_on_its_own_thread_is_the_published_one(default_site, default_ctx, monkeypatch):
    """`lkjip.start` sets the PDF going on a thread before the pages render; `build` takes that document up
    (typeset once, not again) and publishes the same bytes and the same size and page count."""
    import dataclasses
    import threading

    from generator import fmt
    from generator.render import kept
    from generator.render.pages import lkjip as page

    monkeypatch.delenv(kept.SHARED, raising=False)  # nothing kept: the document is typeset here
    typeset._compiled.cache_clear()
    threads = []
    compiled = typeset._compiled

    def spy(name, data, **options):
        threads.append((name, threading.current_thread() is threading.main_thread()))
        return compiled(name, data, **options)
    monkeypatch.setattr(typeset, "_compiled", spy)
    ctx = dataclasses.replace(default_ctx, memo={})
    page.start(ctx)
    made = page.build(ctx)
    assert threads == [("lkjip.typ", False)] and page._STARTED not in ctx.memo
    published = (default_site.site / PDF).read_bytes()
    assert made.files[PDF] == published
    assert f"{fmt.angka(len(published) / 1024, 0)} KB, A4, {page.page_count(published)} halaman" in made.pages[page.PATH]


def test_lkjip_narrative_from_the_package_and_absence_stated(default_ctx):
    doc = lkjip.model(default_ctx)
    paras = [b for b in doc["blok"] if b["jenis"] == "paragraf"]
    shown = {(b["teks"], b["sumber"]) for b in paras}
    narasi = default_ctx.t["narasi"]
    # Every analysis text of the package is in the document with its reference to the seed's lines.
    assert len(narasi) == 33
    for r in narasi.to_dict("records"):
        assert (r["teks"], r["sumber"]) in shown, r["id"]
        assert re.search(r"baris \d+", r["sumber"]), r["id"]
    absent = [b["teks"] for b in paras if b["kelas"] == "kosong"]
    assert "Paket data tidak memuat uraian isu strategis; bagian ini tidak diisi oleh portal." in absent
    assert any("analisis efisiensi yang ditulis instansi" in x for x in absent)
    # the package carries the Rencana Aksi 2025 (issue 14): its quarterly targets are a table, not an absence
    assert not any("target triwulan Rencana Aksi 2025" in x for x in absent)
    assert any(b["jenis"] == "tabel" and b["judul"] == "Target triwulan Rencana Aksi 2025" for b in doc["blok"])
    efficiency = next(b for b in doc["blok"] if b["jenis"] == "tabel" and b["judul"] == "Capaian dan serapan anggaran per sasaran 2025")
    assert ["1.1.4", "Meningkatnya keamanan informasi lingkungan Pemerintah Daerah", "100,00%", "46,95%", "53,05 poin"] \
        in efficiency["baris"]


def test_lkjip_budget_by_jenis_belanja_reads_as_the_report_prints_it(default_ctx):
    """The LKjIP's table of jenis belanja showed the package's codes (`belanja_daerah`), sorted by code, with
    the report's two tables (3.15 and 3.16) mixed into one: "Belanja Operasi" twice. Now, as on the Anggaran
    page, each printed table is its own, in the package's order, each line under its parent and named as
    printed."""
    tables = [b for b in lkjip.model(default_ctx)["blok"] if b["jenis"] == "tabel" and "jenis belanja" in b["judul"]]
    assert [b["judul"] for b in tables] == ["Anggaran menurut jenis belanja 2025 (LKjIP 2025 Tabel 3.15)",
                                            "Anggaran menurut jenis belanja 2025 (LKjIP 2025 Tabel 3.16)"]
    first = tables[0]
    assert first["kolom"] == ["Jenis belanja", "Pagu", "Realisasi", "Serapan"]
    assert [r[0] for r in first["baris"]] == ["Belanja Daerah", "\u2003Belanja Operasi", "\u2003\u2003a. Belanja Pegawai",
                                              "\u2003\u2003b. Belanja Barang dan Jasa", "\u2003Belanja Modal"]
    assert first["baris"][0][1:] == ["Rp9.079.049.540,00", "Rp8.357.182.305,00", "92,05%"]
    assert [r[0] for r in tables[1]["baris"]] == ["Belanja Operasi", "Belanja Operasi Untuk Sasaran"]
    assert not any("_" in cell for b in tables for row in b["baris"] for cell in row)


def test_lkjip_budget_by_programme_follows_the_tree_with_the_reports_codes(default_ctx):
    """Tabel 3.18 of the 2025 LKjIP prints each programme, its kegiatan, their sub kegiatan (A, A.1, A.1.1). The
    LKjIP's table listed every programme, then every kegiatan, then every sub kegiatan, and two kegiatan by their
    official codes (2.20.02.2.01) before A.1. Now it is the Anggaran page's order and codes."""
    (table,) = [b for b in lkjip.model(default_ctx)["blok"] if b["jenis"] == "tabel" and "menurut program" in b["judul"]]
    codes = [r[0] for r in table["baris"]]
    assert codes[:5] == ["A", "A.1", "A.1.1", "A.2", "A.2.1"]
    assert codes[codes.index("D"):codes.index("D") + 3] == ["D", "D.1", "D.1.1"]
    assert codes[codes.index("E"):codes.index("E") + 2] == ["E", "E.1"]
    assert not any(c.startswith("2.") for c in codes) and len(codes) == len(set(codes))
    assert table["baris"][0][2:] == ["Rp6.679.694.590,00", "Rp6.049.694.006,00", "90,57%"]


def test_codes_are_in_natural_order():
    """Sasaran 1.1.10 after 1.1.9 (the LKjIP sorted them as text: 1.1.1, 1.1.10, 1.1.2), A.10 after A.2."""
    from generator.domain.tree import code_key

    assert sorted(["1.1.10", "1.1.2", "1.1.1", "1.1.9", ""], key=code_key) == ["1.1.1", "1.1.2", "1.1.9", "1.1.10", ""]
    assert sorted(["A.10", "A.2", "A", "B"], key=code_key) == ["A", "A.2", "A.10", "B"]


def test_a_figure_with_thousands_keeps_its_printed_decimals():
    """A realisasi typed "2.499,9" against a target of 2.500 showed as "realisasi 2.500" (its decimals read
    as 0), so the page said 2.500 against 2.500, not achieved."""
    from generator.render.values import show_value

    ind = {"jenis_target": "angka", "skala": None, "satuan": "orang"}
    assert show_value({}, ind, 2499.9, "2.499,9") == "2.499,9"
    assert show_value({}, ind, 1234.5, "1.234,5") == "1.234,5"
    assert show_value({}, ind, 1000, "1.000") == "1.000"
    assert show_value({}, {**ind, "satuan": "%"}, 91, "91.00") == "91,00%"
    assert show_value({}, ind, 4.195, "4.195") == "4,195"  # the report's own decimal point, three decimals


def test_lkjip_page_on_the_portal(default_site):
    page = (default_site.docs / "laporan-kinerja.md").read_text(encoding="utf-8")
    assert "## Bab III Akuntabilitas Kinerja {#bab-3}" in page
    assert "| 1.1.2 | Indeks SPBE | nilai | 3,50 | 4,16 | 118,86% | AA |" in page
    assert "(dokumen/laporan-kinerja-2025.pdf)" in page
    html = (default_site.site / "laporan-kinerja" / "index.html").read_text(encoding="utf-8")
    assert 'id="efisiensi"' in html and "110,91%" in html
    # the report's own list of abbreviations (Lampiran D), and so not the portal's list at the page's end
    assert "### D. Daftar Singkatan {#singkatan}" in page and "kt-singkatan" not in page


def test_lkjip_lists_the_abbreviations_it_uses(default_site, default_ctx):
    """Lampiran D lists every abbreviation of the glossary the report prints (in names, sources, tables),
    alphabetically, with what it stands for; none it does not print. In the PDF too."""
    from generator.render.istilah import used
    from generator.render.words import SINGKATAN

    doc = lkjip.model(default_ctx)
    at = next(n for n, b in enumerate(doc["blok"]) if b.get("id") == "singkatan")
    listed = doc["blok"][at + 1]["baris"]
    assert listed[:3] == [["ASN", "Aparatur Sipil Negara"], ["BSSN", "Badan Siber dan Sandi Negara"],
                          ["IKM", "Indeks Kepuasan Masyarakat"]]
    assert ["SPBE", "Sistem Pemerintahan Berbasis Elektronik"] in listed and ["TW", "Triwulan"] in listed
    before = lkjip._words(doc["blok"][:at])
    assert [row[0] for row in listed] == [SINGKATAN[k][0] for k in used(before)]
    assert "NRR" not in before and ["NRR", SINGKATAN["nrr"][1]] not in listed
    text = re.sub(r"\s+", " ", pdf_text(pdf_reader((default_site.site / PDF).read_bytes())))
    assert "D. Daftar Singkatan" in text and "KemenPANRB Kementerian Pendayagunaan Aparatur Negara dan Reformasi" in text


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.text(max_size=40), min_size=3, max_size=3), max_size=6))
def test_lkjip_long_cells_never_keep_an_auto_column(rows):
    """A long data cell in an `auto` column would squeeze the `fr` columns to nothing in Typst (seen in
    Lampiran C before the fix): such a column becomes a share of the width; others stay as written."""
    b = lkjip.table("x", ["a", "b", "c"], rows, widths=["1fr", "auto", "auto"])
    for i, w in enumerate(b["lebar"]):
        longest = max((len(r[i]) for r in rows), default=0)
        expected = "1fr" if i == 0 else ("0.8fr" if longest > lkjip.LONG_CELL else "auto")
        assert w == expected
    assert lkjip.table("x", ["a"], rows)["lebar"] is None


def test_lkjip_pdf_of_the_synthetic_example_says_so(example_site):
    reader = pdf_reader((example_site.site / PDF).read_bytes())
    assert "DATA SINTETIS" in pdf_text(reader)


# --- SAKIP pre-check --------------------------------------------------------------------------------

def test_lke_precheck_default_values(default_ctx):
    lke = default_ctx.res.lke.set_index("kode")
    assert lke.loc["pk_dilaporkan", "status"] == "tidak terpenuhi"
    assert lke.loc["pk_dilaporkan", "kurang"] == "Indeks Keterbukaan Informasi Publik"
    assert (lke.loc["pk_dilaporkan", "jumlah"], lke.loc["pk_dilaporkan", "terpenuhi"]) == (7, 6)
    assert lke.loc["banding_target", "status"] == "terpenuhi"
    # Only IP ASN and Nilai SAKIP have a Renstra end-of-period target (Tabel 2.3: 77 and 78).
    assert (lke.loc["banding_renstra", "jumlah"], lke.loc["banding_renstra", "terpenuhi"]) == (6, 2)
    assert lke.loc["banding_tahun_lalu", "kurang"] == \
        "Tingkat Kesiapan Pengamanan Informasi Pemerintah Daerah; Indeks Profesionalisme ASN"
    # Benchmarks: national Indeks SPBE 3,12 (Tabel 3.4) and national IPS 2,35 (IPS domain table).
    assert (lke.loc["banding_nasional", "jumlah"], lke.loc["banding_nasional", "terpenuhi"]) == (6, 2)
    assert lke.loc["analisis_penyebab", "status"] == "terpenuhi"
    assert lke.loc["analisis_efisiensi", "status"] == "tidak terpenuhi"
    assert lke.loc["tepat_waktu", "bukti"] == "ditandatangani 13 Februari 2026; batas 28 Februari 2026"
    assert lke.loc["reviu_apip", "status"] == "tidak dapat diperiksa dari data"
    # how far down the tree the PK targets reach, level by level (the criterion gave a count with no "dari")
    assert lke.loc["berjenjang", "bukti"] == ("13 indikator program/kegiatan/sub kegiatan memiliki target Perjanjian "
                                             "Kinerja 2025, pada 5 dari 5 program, 6 dari 11 kegiatan dan 0 dari 31 "
                                             "sub kegiatan pohon kinerja")
    assert all(lke.loc[k, "status"] == "terpenuhi" for k in ("definisi", "rumus", "sumber_data", "penanggung_jawab"))
    assert lke["dasar"].str.contains("PermenPANRB Nomor (?:88 Tahun 2021|53 Tahun 2014)").all()
    bench = default_ctx.res.pembanding.set_index("indikator")
    assert bench.loc["iku-indeks-spbe", "nilai"] == 3.12 and bench.loc["iku-ips", "nilai"] == 2.35


def test_lke_page_and_csv_on_every_site(default_site, example_site, kabupaten_site):
    rows = list(__import__("csv").DictReader((default_site.site / "data" / "lke.csv").open(encoding="utf-8")))
    assert len(rows) == 17 and rows[0]["tautan"] == "laporan-kinerja/#capaian"
    ex = {r["kode"]: r for r in __import__("csv").DictReader((example_site.site / "data" / "lke.csv").open(encoding="utf-8"))}
    # The synthetic example writes analysis text (efficiency included) for two of its three sasaran, and has
    # one benchmark that applies (the provincial IKM 82,10; its national SPBE value has no 2025 realisasi to meet).
    assert (ex["analisis_efisiensi"]["status"], ex["analisis_efisiensi"]["terpenuhi"], ex["analisis_efisiensi"]["jumlah"]) \
        == ("tidak terpenuhi", "2", "3")
    assert ex["analisis_efisiensi"]["kurang"].startswith("1.3 Meningkatnya akuntabilitas kinerja")
    assert (ex["banding_nasional"]["terpenuhi"], ex["banding_nasional"]["jumlah"]) == ("1", "7")
    assert ex["banding_renstra"]["status"] == "terpenuhi"
    members = sorted(p.parent.parent for p in kabupaten_site.site.glob("*/data/lke.csv"))
    assert len(members) == 3
    running = [m for m in members if (m / "2025" / "index.html").is_file()]  # the fixture's OPD in 2026 (dinkes)
    assert [m.name for m in running] == ["dinkes"]
    for member in members:
        # While 2026 runs, the pre-check is of the last report: 2025's, in the archive; the root table is empty.
        checked = member / "2025" if member in running else member
        k = {r["kode"]: r for r in __import__("csv").DictReader((checked / "data" / "lke.csv").open(encoding="utf-8"))}
        assert k["analisis_penyebab"]["status"] == "tidak terpenuhi"  # synthetic OPDs carry no analysis text
        assert k["pk_dilaporkan"]["bukti"].endswith("Perjanjian Kinerja 2025 yang berlaku memiliki realisasi")
        assert int(k["pk_dilaporkan"]["jumlah"]) > 0  # 2025's PK indicators are counted, not 2026's (none reported)
        assert (checked / "pra-evaluasi-sakip" / "index.html").is_file()
    root = running[0] / "data" / "lke.csv"
    assert len(root.read_text(encoding="utf-8").splitlines()) == 1  # the header: no 2026 report to pre-check yet
    stub = (running[0] / "pra-evaluasi-sakip" / "index.html").read_text(encoding="utf-8")
    assert "Tahun 2026 masih berjalan" in stub and 'href="../2025/pra-evaluasi-sakip/"' in stub
    html = (default_site.site / "pra-evaluasi-sakip" / "index.html").read_text(encoding="utf-8")
    assert "terpenuhi" in html and "tidak dapat diperiksa dari data" in html


# --- KI evidence pack ---------------------------------------------------------------------------------

def test_ki_evidence_pack_default_and_example(default_ctx, default_site, example_site):
    pack = default_ctx.res.bukti_monev.set_index("kode")
    assert list(default_ctx.res.bukti_monev["indikator_saq"].unique()) == \
        ["Kualitas informasi", "Jenis informasi", "Sarana dan prasarana", "Layanan informasi"]
    assert pack.loc["serta_merta", "status"] == "belum tersedia"
    assert pack.loc["dikecualikan", "status"] == "belum tersedia"
    assert pack.loc["laporan_kinerja", "status"] == "kedaluwarsa" and pack.loc["laporan_kinerja", "halaman"] == "laporan-kinerja"
    assert pack.loc["laporan_kinerja", "diperbarui"] == dt.date(2026, 2, 13)
    rows = {r["kode"]: r for r in __import__("csv").DictReader((default_site.site / "data" / "bukti_monev.csv").open(encoding="utf-8"))}
    assert rows["laporan_kinerja"]["tautan"] == "/laporan-kinerja/"
    assert rows["dip"]["tautan"] == "/ppid/dip/"
    ex = {r["kode"]: r for r in __import__("csv").DictReader((example_site.site / "data" / "bukti_monev.csv").open(encoding="utf-8"))}
    assert len(ex) == 24 and {r["status"] for r in ex.values()} == {"tersedia"}
    assert ex["dikecualikan"]["keterangan"].endswith("masing-masing dengan dasar hukum dan uji konsekuensi")
    assert (example_site.site / "ppid" / "bukti-monev" / "index.html").is_file()


def test_ki_evidence_pack_and_lke_of_each_kabupaten_member(kabupaten_site):
    """The synthetic kabupaten (3 OPDs, seed 7): each member has its own evidence pack and pre-check, and the
    counts agree with the member's own published capaian (PK indicators of the latest year with a realisasi)."""
    import csv

    members = sorted(p.parent.parent for p in kabupaten_site.site.glob("*/data/bukti_monev.csv"))
    assert [m.name for m in members] == ["dinkes", "disdik", "dpupr"]
    for member in members:
        if member.name == "dinkes":  # in the middle of 2026 (kinerja contoh): its evaluation year has not closed
            assert len(list(csv.DictReader((member / "data" / "bukti_monev.csv").open(encoding="utf-8")))) == 24
            continue
        pack = {r["kode"]: r for r in csv.DictReader((member / "data" / "bukti_monev.csv").open(encoding="utf-8"))}
        assert len(pack) == 24
        assert sum(r["status"] == "tersedia" for r in pack.values()) == 6
        assert (pack["laporan_kinerja"]["status"], pack["laporan_kinerja"]["diperbarui"]) == ("tersedia", "2026-02-12")
        assert (pack["dip"]["status"], pack["dip"]["diperbarui"]) == ("tersedia", "2026-02-16")
        assert pack["serta_merta"]["status"] == pack["dikecualikan"]["status"] == "belum tersedia"
        assert pack["dip"]["tautan"] == "/ppid/dip/" and (member / "ppid" / "dip" / "index.html").is_file()
        lke = {r["kode"]: r for r in csv.DictReader((member / "data" / "lke.csv").open(encoding="utf-8"))}
        assert lke["tepat_waktu"]["bukti"] == "ditandatangani 12 Februari 2026; batas 28 Februari 2026"
        assert lke["tepat_waktu"]["status"] == "terpenuhi"
        assert (lke["pk_dilaporkan"]["jumlah"], lke["pk_dilaporkan"]["terpenuhi"]) == ("8", "7")
        assert lke["pk_dilaporkan"]["status"] == "tidak terpenuhi"
        # The one PK indicator named as missing has no 2025 realisasi in the member's published capaian.
        missing = lke["pk_dilaporkan"]["kurang"]
        rows = [r for r in csv.DictReader((member / "data" / "capaian.csv").open(encoding="utf-8"))
                if r["tahun"] == "2025" and r["nama"] == missing and r["berlaku"] == "true"]
        assert rows and all(r["realisasi"] == "" for r in rows), (member.name, missing)


def test_ki_permanent_links_are_absolute_with_the_site_address(default_ctx):
    from generator.render.pages import monev_ki

    ctx = PageContext(default_ctx.env, default_ctx.t, default_ctx.res, default_ctx.common, Inputs(),
                      RenderOptions(site_url="https://org.github.io/portal/"))
    made = monev_ki.build(ctx)
    assert "https://org.github.io/portal/ppid/standar-layanan/" in made.pages[monev_ki.PATH]
    assert ",https://org.github.io/portal/laporan-kinerja/," in made.pages[monev_ki.CSV]


# --- consistency audit -----------------------------------------------------------------------------

def test_consistency_rows_before_and_after(default_ctx):
    kons = default_ctx.res.konsistensi
    assert len(kons) == 44  # 28 before issue 16, 7 from its reading, 9 Rencana Aksi checks (issue 14)
    new = kons.iloc[28:35]
    assert [(r["pemeriksaan"], r["tercetak"], r["dihitung"]) for r in new.to_dict("records")] == [
        ("jumlah_prosa", "4 sasaran", "5"),  # Bab III 3.1, baris 596
        ("jumlah_prosa", "5 indikator sasaran", "7"),
        ("jumlah_prosa", "4 sasaran", "5"),  # Bab II 2.1.1.2, baris 370
        ("target", "100%", "81 (Nilai) (Perubahan Perjanjian Kinerja 2025 Sekretaris Dinas)"),
        ("periode_target", "114,3", "106,96"),  # 82,36 / 77
        ("periode_target", "117,2", "100,64"),  # 78,50 / 78
        ("jumlah_pegawai", "36", "60"),  # Tabel 1.4.2 vs 1.4.1, 1.4.4, 1.4.5
    ]


def test_two_typos_explain_six_budget_rows(default_ctx):
    kons, temuan = default_ctx.res.konsistensi, default_ctx.t["temuan"]
    explained = explained_rows(kons, temuan)
    rows = kons.set_index("no").loc[explained["tm-tabel-315"]]
    assert sorted(rows["objek"]) == sorted([
        "Realisasi Belanja Operasi 2025", "Serapan Belanja Operasi 2025", "Serapan Belanja Modal 2025",
        "Pagu Belanja Daerah 2025", "Realisasi Belanja Daerah 2025", "Realisasi Belanja Operasi 2025"])
    assert len(temuan) == 26
    assert temuan[["sumber_a", "tercetak_a", "sumber_b", "tercetak_b", "keterangan"]].notna().all().all()


def test_consistency_page_lists_every_finding_with_both_places(default_site):
    page = (default_site.docs / "konsistensi.md").read_text(encoding="utf-8")
    assert "**44** angka tercetak" in page and "**26** ketidakkonsistenan" in page
    assert page.count("\n### ") == 26
    assert "Menjelaskan baris 22, 24, 25, 26, 27, 28 tabel di atas." in page
    assert "- **LKjIP 2025 Bab III Sasaran 1.1.1 a. Penjelasan, baris 693**: tercapai 100% kategori B (Baik)" in page


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12))
def test_prose_counts_are_checked_against_the_tree(default_ctx, sasaran, indikator):
    t = default_ctx.t
    frames = dict(t.frames)
    printed = frames["angka_laporan"].copy()
    printed.loc[printed["id"] == "teks-31-jumlah-sasaran", "nilai"] = float(sasaran)
    printed.loc[printed["id"] == "teks-31-jumlah-indikator", "nilai"] = float(indikator)
    frames["angka_laporan"] = printed
    changed = type(t)(frames, t.settings, t.descriptor)
    rows = consistency_table(changed, default_ctx.res.capaian, default_ctx.res.anggaran, default_ctx.res.ikm)
    flagged = set(rows.loc[rows["pemeriksaan"] == "jumlah_prosa", "rujukan"])
    assert ("teks-31-jumlah-sasaran" in flagged) == (sasaran != 5)
    assert ("teks-31-jumlah-indikator" in flagged) == (indikator != 7)


# --- metadata ----------------------------------------------------------------------------------------

def _jsonld_blocks(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)


def test_dataset_jsonld_validates_against_schema_org(default_site):
    for page, kind in (("data-terbuka", "DataCatalog"), ("dataset/paket-sumber", "Dataset"),
                       ("dataset/hasil-perhitungan", "Dataset")):
        blocks = _jsonld_blocks((default_site.site / page / "index.html").read_text(encoding="utf-8"))
        assert len(blocks) == 1, page
        doc = json.loads(blocks[0])
        assert doc["@type"] == kind
        assert validate(doc) == [], page
    doc = json.loads(_jsonld_blocks((default_site.site / "dataset/paket-sumber/index.html").read_text(encoding="utf-8"))[0])
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert doc["temporalCoverage"] == "2024/2029"
    assert doc["spatialCoverage"]["name"] == "Kabupaten Belitung Timur, Kepulauan Bangka Belitung"
    names = {d["name"]: d["contentUrl"] for d in doc["distribution"]}
    assert names["Paket data sumber (ZIP)"] == "../../data/paket-sumber.zip"
    for url in names.values():  # every download exists in the built site
        assert (default_site.site / "dataset" / "paket-sumber" / url).resolve().is_file(), url


def test_every_jsonld_block_of_every_site_validates_offline(default_site, example_site, kabupaten_site):
    """Every page of the three kinds of site that carries JSON-LD: each block expands offline and has no
    schema.org type, property or range error; each Dataset has what dataset search engines read."""
    seen = {"DataCatalog": 0, "Dataset": 0}
    for built in (default_site, example_site, kabupaten_site):
        for page in sorted(built.site.rglob("index.html")):
            for block in _jsonld_blocks(page.read_text(encoding="utf-8")):
                doc = json.loads(block)
                assert validate(doc) == [], page
                seen[doc["@type"]] += 1
                if doc["@type"] == "DataCatalog":
                    assert [ds["@type"] for ds in doc["dataset"]] == ["Dataset", "Dataset"], page
                    assert all(ds["name"] and ds["description"] and ds["url"] for ds in doc["dataset"]), page
                    continue
                for key in ("name", "description", "license", "temporalCoverage", "spatialCoverage",
                            "distribution", "creator"):
                    assert doc.get(key), (page, key)
                assert all(d["@type"] == "DataDownload" and d["contentUrl"] and d["encodingFormat"]
                           for d in doc["distribution"]), page
    # One catalogue and two datasets per portal: default, example, the kabupaten's front page and 3 OPDs.
    assert seen["Dataset"] == 2 * seen["DataCatalog"] and seen["DataCatalog"] >= 5, seen


def test_the_validator_rejects_what_schema_org_does_not_allow():
    bad = {"@context": "https://schema.org", "@type": "Dataset", "name": "x", "isAccessibleForFree": "ya",
           "distribution": {"@type": "Person", "name": "y"}, "judul": "z"}
    errors = validate(bad)
    assert any("is not a Boolean" in e for e in errors) and any("not in range" in e for e in errors)
    with pytest.raises(Exception):
        expand({"@context": "https://example.org/context.jsonld", "name": "x"})  # no network, ever


def test_jsonld_survives_hostile_text_in_a_script_element():
    hostile = 'Dinas </script><script>alert(1)</script> & <!-- \u2028'
    text = script_json({"@context": "https://schema.org", "@type": "Dataset", "name": hostile})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == hostile


def test_dcat_catalogue_expands_offline_and_links_resolve(default_site):
    doc = json.loads((default_site.site / "data" / "katalog-dcat.jsonld").read_text(encoding="utf-8"))
    expanded = expand(doc)
    dcat = "http://www.w3.org/ns/dcat#"
    assert expanded[0]["@type"] == [dcat + "Catalog"]
    datasets = expanded[0][dcat + "dataset"]
    assert [d["@type"] for d in datasets] == [[dcat + "Dataset"]] * 2
    for d in datasets:
        for dist in d[dcat + "distribution"]:
            assert dist["@type"] == [dcat + "Distribution"]
            url = dist[dcat + "downloadURL"][0]["@id"].removeprefix("http://example.org/base/")  # PyLD's default base
            assert (default_site.site / "data" / url).resolve().is_file(), url


def test_msind_metadata_filled_from_the_package_and_gaps_named(default_ctx, default_site):
    m = default_ctx.res.msind.set_index("kode_indikator")
    ips = m.loc["iku-ips"]
    assert ips["indikator_komposit"] == "ya"
    assert ips["indikator_pembangun"].startswith("Domain Prinsip SDI (bobot 28%); Domain Kualitas Data (bobot 24%)")
    assert ips["level_estimasi"] == "Kabupaten" and ips["periodisitas"] == "Tahunan"
    assert ips["interpretasi"] == "Makin tinggi nilainya, makin baik kinerjanya."
    assert ips["kode_wilayah"] is None and "Kode wilayah produsen" in ips["kosong"] and "Konsep" in ips["kosong"]
    assert ips["definisi"] == default_ctx.t["indikator"].set_index("id").loc["iku-ips", "definisi"]
    data = json.loads((default_site.site / "data" / "msind" / "iku-ips.json").read_text(encoding="utf-8"))
    assert data["indikator"]["kode_wilayah"] is None and "Kode wilayah produsen" in data["kosong"]
    assert data["asal"]["definisi"] == "indikator.definisi"
    page = (default_site.docs / "indikator" / "iku-ips.md").read_text(encoding="utf-8")
    assert "## Metadata indikator (MS-Ind)" in page
    assert "<tr><th scope=\"row\">Kode wilayah produsen</th><td><em>belum diisi paket data</em></td></tr>" in page
    # weights in the Indonesian format (it printed "bobot 16.5%")
    assert m.loc["iku-indeks-spbe", "indikator_pembangun"].endswith(
        "Domain 3 - Manajemen SPBE (bobot 16,5%); Domain 4 - Layanan SPBE (bobot 45,5%)")


@pytest.mark.parametrize("first", [True, False])
def test_the_renstra_end_target_is_the_one_of_the_renstra_in_force(default_ctx, first):
    """An end target of the replaced Renstra 2021–2026 (90) left in target.csv beside the 2025–2029 one (77):
    the LKjIP's Tabel 3.4 row printed the first in the file and the capaian against the last (82,36 | 90 (2026)
    | 106,96%, or 77 (2029) | 91,51%). Every reader now takes the Renstra no document replaces."""
    import pandas as pd

    from generator.load import Tables

    t = default_ctx.t
    old = pd.DataFrame([{"indikator": "iku-ip-asn", "tahun": 2026, "dokumen": "renstra-2021-2026",
                         "jenis": "akhir_periode", "nilai": 90.0, "batas_atas": None, "label": "90", "sumber": "uji"}])
    target = pd.concat([old, t["target"]] if first else [t["target"], old], ignore_index=True)
    tables = Tables({**t.frames, "target": target}, t.settings, t.descriptor)
    res = compute_all(tables)
    ctx = PageContext(environment(), tables, res, common_facts(tables), Inputs(), RenderOptions())
    row = res.capaian[(res.capaian["indikator"] == "iku-ip-asn") & (res.capaian["tahun"] == 2025) & res.capaian["dipilih"]]
    assert str(round(row.iloc[0]["progres_renstra"], 2)) == "106.96"
    (table,) = [b for b in lkjip.model(ctx)["blok"] if b["jenis"] == "tabel" and "akhir periode Renstra" in b["judul"]]
    assert ["Indeks Profesionalisme ASN", "82,36", "77 (2029)", "106,96%"] in table["baris"]


def test_a_year_without_its_slowest_answer_is_not_said_to_keep_the_limit():
    """Service reports without the slowest answer's days: the chart said "tidak ada tahun yang melampaui
    batas" while the page said "paling lama tidak dicatat" for each year."""
    import pandas as pd

    from generator.render import charts

    rows = pd.DataFrame({"tahun": [2024, 2025], "rata_rata_hari": [3.0, 4.0], "maks_hari": [None, 9.0]})
    summary = charts.waktu_layanan("waktu", "Waktu", rows, 10, 17).summary
    assert "tidak ada tahun yang melampaui" not in summary
    assert "waktu paling lama tidak dicatat untuk tahun 2024, sehingga kepatuhannya pada batas itu tidak dapat dinilai" \
        in summary
    rows["maks_hari"] = [12.0, 18.0]
    assert charts.waktu_layanan("waktu", "Waktu", rows, 10, 17).summary.endswith("melampaui batas pada tahun 2025.")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_open_graph_and_preview_image_on_every_page(default_site):
    pages = sorted(default_site.site.rglob("index.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "og:title" not in html:
            assert page.parent.name in ("search",) or page.parent == default_site.site / "tentang", page
            continue
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
        assert image == "pratinjau.png", page
        assert _png_size((page.parent / image).read_bytes()) == (800, 420)
    home = (default_site.site / "index.html").read_text(encoding="utf-8")
    assert 'content="110,91% · Kategori AA · Rata-rata capaian 6 indikator kinerja utama 2025; 6 tercapai, 1 belum tersedia"' in home
    ind = (default_site.site / "indikator" / "iku-indeks-spbe" / "index.html").read_text(encoding="utf-8")
    assert 'content="118,86% · Tercapai · Capaian 2025"' in ind


def test_open_graph_image_is_absolute_with_a_site_address(tmp_path):
    from conftest import ROOT
    from generator.publish import build_site

    out = tmp_path / "site"
    build_site(EXAMPLE, out, ROOT / "mkdocs.yml", ROOT / "site_src", site_url="https://org.github.io/contoh/")
    html = (out / "survei" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://org.github.io/contoh/survei/pratinjau.png">' in html
    assert '<meta property="og:url" content="https://org.github.io/contoh/survei/">' in html
    assert "DATA SINTETIS" in re.search(r'<meta property="og:description" content="([^"]+)"', html).group(1)
    doc = json.loads(_jsonld_blocks((out / "dataset" / "paket-sumber" / "index.html").read_text(encoding="utf-8"))[0])
    assert doc["url"] == "https://org.github.io/contoh/dataset/paket-sumber/"
    assert all(d["contentUrl"].startswith("https://org.github.io/contoh/data/") for d in doc["distribution"])


def test_a_year_with_realisasi_but_no_report_document_still_gets_its_report(pkg):
    """The year's results are out once it has annual realisasi, with or without a Laporan Kinerja document
    in the package: the report and its pre-check are made for it, not the running year's notice."""
    import json as _json

    from generator.render import render_site
    from generator.validate import validate_package

    descriptor = _json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["kinerja"]["dokumen_laporan"] = None
    (pkg / "datapackage.json").write_text(_json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    dokumen = pkg / "data" / "dokumen.csv"
    text = dokumen.read_text(encoding="utf-8")
    assert text.count(",lkjip,") == 1
    dokumen.write_text(text.replace(",lkjip,", ",rkt,"), encoding="utf-8")  # no Laporan Kinerja document left
    validated = validate_package(pkg)
    assert validated.report.ok, validated.report.lines()
    res = compute_all(validated.tables)
    assert len(res.lke) == 17 and common_facts(validated.tables)["laporan_terakhir"] == 2025
    site = render_site(validated.tables, res)
    assert "dokumen/laporan-kinerja-2025.pdf" in site.files
    assert "masih berjalan" not in site.pages["laporan-kinerja.md"]


_TEXT = st.text(alphabet="ab ", max_size=30).map(lambda t: t * 400)
_DATA = st.recursive(st.one_of(_TEXT, st.integers(), st.none()),
                     lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("xyz"), inner, max_size=3)),
                     max_leaves=8)


@settings(max_examples=100, deadline=None)
@given(_DATA)
def test_a_document_sets_no_text_longer_than_its_limit_and_says_where_it_cut(data):
    """49 cells of 100.000 letters took Typst 160 s and 19 GB (a paragraph's line breaks are weighed all
    together). Every text of a document's data longer than LONGEST_TEXT is cut at a space, and says so;
    shorter texts, numbers and the shape of the data are kept."""
    from generator.render.typeset import CUT, LONGEST_TEXT, _shortened

    def pairs(a, b):
        if isinstance(a, dict):
            assert isinstance(b, dict) and a.keys() == b.keys()
            for k in a:
                yield from pairs(a[k], b[k])
        elif isinstance(a, list):
            assert isinstance(b, list) and len(a) == len(b)
            for x, y in zip(a, b):
                yield from pairs(x, y)
        else:
            yield a, b

    for before, after in pairs(data, _shortened(data)):
        if isinstance(before, str) and len(before) > LONGEST_TEXT:
            assert after.endswith(CUT) and before.startswith(after.removesuffix(CUT))
            assert LONGEST_TEXT // 2 <= len(after) - len(CUT) <= LONGEST_TEXT
        else:
            assert after == before


# Text an operator may paste that the PDF's fonts have no glyph for: emoji, CJK, other scripts, symbols.
_UNPRINTABLE = st.text(st.sampled_from(["✅", "😀", "中", "文", "한", "ก", "ไ", "★", "→", "≥", "Σ", "é", "ß", "ا", " "]),
                       min_size=1, max_size=6).filter(lambda s: s.strip())


@settings(max_examples=4, deadline=None)
@given(text=_UNPRINTABLE)
def test_text_the_pdf_fonts_cannot_show_is_printed_as_a_mark_and_the_build_goes_on(default_ctx, text):
    """An agency name with a CJK character (accepted by validation) ended the build in an internal error:
    a tagged PDF (PDF/UA-1) refuses text its fonts have no glyph for. Such text is printed as "?" in the PDF;
    the pages keep it as written. What the fonts can show is printed as written."""
    doc = {**lkjip.model(default_ctx), "instansi": f"Dinas Uji {text}"}
    data = typeset.pdf("lkjip.typ", doc, dt.date.fromisoformat(doc["tanggal_iso"]))
    words = pdf_text(pdf_reader(data))
    assert "Dinas Uji" in words
