"""The performance tree as agencies build it (issue 13), checked against the two tree seeds:
examples/balangan (seed 003, the five-stage method of Diskominfo SP Balangan) and examples/belitung (seed 000,
the cascading of Diskominfo Belitung with its composite top indicator 0,5×a + 0,5×b).

Every expected value below is read from the seed documents (the line numbers are in the packages' `sumber`
cells and in examples/*/NOTES.md), not from the generator's output."""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, _build, _shared, serve, shot, visit_all
from generator.compute.pohon import composite_realisasi
from generator.domain.pohon import LEVEL
from generator.load.tables import Tables
from generator.validate import validate_package
from generator.validate import rules_pohon
from test_accessibility import BLOCKING, audit, describe

BALANGAN = ROOT / "examples" / "balangan"
BELITUNG = ROOT / "examples" / "belitung"


@pytest.fixture(scope="module")
def balangan():
    return validate_package(BALANGAN)


@pytest.fixture(scope="module")
def belitung():
    return validate_package(BELITUNG)


# --- Balangan: the tree as printed ------------------------------------------------------------------------

def test_balangan_has_the_outcome_four_csf_and_38_conditions(balangan):
    assert balangan.report.ok
    k = balangan.tables["kondisi"]
    by_stage = k.groupby("tahap").size().to_dict()
    # Tahap 1: one outcome; Tahap 2: 4 CSF; Tahap 3: 38 conditions; the cross-cutting node first printed in Tahap 4
    assert by_stage == {1: 1, 2: 4, 3: 38, 4: 1}
    outcome = k[k["jenis"] == "outcome"]
    assert outcome["nama"].tolist() == ["Terwujudnya Infrastruktur Teknologi Informasi yang Berkualitas"]
    csf = k[k["jenis"] == "csf"].set_index("id")
    assert csf.loc["k-csf-2", "nama"] == "Meningkatnya Akses Layanan TIK dan e-Government"
    assert csf.loc["k-csf-2", "masalah"] == "Rendahnya Akses/Jangkauan Layanan TIK"
    assert len(csf) == 4
    tahap3 = k[k["tahap"] == 3]["jenis"].value_counts(dropna=False).to_dict()
    assert tahap3 == {"kondisi_operasional": 18, "kondisi_antara": 11, "kondisi_antara_utama": 8, None: 1}
    # every Tahap 3 condition hangs under a CSF, through its chain of parents
    parent = dict(zip(k["id"], k["induk"]))
    for kid in k[k["tahap"] == 3]["id"]:
        node = kid
        while parent.get(node) and not str(node).startswith("k-csf-"):
            node = parent[node]
        assert str(node).startswith("k-csf-"), kid


def test_balangan_levels_and_owners_as_printed(balangan):
    i, k = balangan.tables["indikator_kondisi"], balangan.tables["kondisi"]
    # a CSF may have two indicators (CSF 2: desa terlayani TIK and perangkat daerah ber-e-Government)
    csf2 = i[(i["kondisi"] == "k-csf-2") & (i["tahap"] == 4)]
    assert csf2["nama"].tolist() == ["Persentase Desa/Wilayah yang Terlayani TIK",
                                     "Persentase Perangkat Daerah yang Menerapkan e-Government"]
    assert len(i[i["tahap"] == 4]) == len(i[i["tahap"] == 5]) == 45
    assert i[i["tahap"] == 4]["level"].value_counts(dropna=False).to_dict() == {
        "operasional": 19, "taktikal_immediate": 11, "taktikal_intermediate": 8, "strategis": 5, None: 2}
    assert i[i["tahap"] == 5]["level"].value_counts(dropna=False).to_dict() == {
        "operasional": 18, "taktikal_immediate": 12, "taktikal_intermediate": 8, "strategis": 5, None: 2}
    # Tahap 5 owners as printed, and the codes they read as
    assert k["pemilik_tercetak"].value_counts(dropna=False).to_dict() == {
        "PK JF/JP": 19, "PK Sub Koordinator/JF": 11, "PK Ess 3": 8, "PK JPT": 4, None: 2}
    pairs = k.groupby(["komponen", "pemilik"]).size().to_dict()
    assert pairs == {("sasaran", "jpt"): 4, ("sasaran_program", "eselon_3"): 8,
                     ("sasaran_kegiatan", "sub_koordinator_jf"): 11, ("sasaran_sub_kegiatan", "jf_jp"): 19}
    assert set(k.loc[k["jenis"] == "csf", "komponen_tercetak"]) == {
        "Sasaran Pertama SKPD", "Sasaran Kedua SKPD", "Sasaran Ketiga SKPD", "Sasaran Keempat SKPD"}


def test_balangan_cross_cutting_node(balangan):
    k, i = balangan.tables["kondisi"], balangan.tables["indikator_kondisi"]
    lintas = k[k["lintas"] == True]  # noqa: E712 (a boolean column with missing values)
    assert lintas["id"].tolist() == ["k-lintas-1"]
    assert lintas["nama"].tolist() == ["Terpenuhinya Data Statistik Sektorale oleh SKPD"]  # Tahap 4 spelling
    assert lintas["mitra"].tolist() == ["lintas perangkat daerah"]  # partner not named in the document
    assert set(i.loc[i["kondisi"] == "k-lintas-1", "nama"]) == {"Jumlah Metadata Statistik"}


def test_balangan_slips_are_warnings_at_their_cells(run):
    """The document's own slips stay as printed and are reported, each at its cell; the package is valid."""
    status, out, _ = run("validate", BALANGAN)
    assert status == 0
    ik, kon = f"{BALANGAN}/data/indikator_kondisi.csv", f"{BALANGAN}/data/kondisi.csv"
    text = "\n".join(out)
    # the level of "Jumlah Data yang Terpublikasikan pada Portal Satu Data": Operasional in Tahap 4, Taktikal
    # Immediate in Tahap 5 (data row 77 of the CSV = Tahap 5 row 32)
    assert (f'{ik}:77:5: peringatan: indikator "i-3-1-2-1.1" (Jumlah Data yang Terpublikasikan pada Portal Satu '
            "Data) berlevel taktikal_immediate di Tahap 5, tetapi operasional di Tahap 4; satu indikator hanya "
            "memiliki satu level") in out
    assert re.search(rf"{re.escape(ik)}:77:5: peringatan: level taktikal_immediate .* yang diharapkan operasional", text)
    # the Tahap 3 row without a label ("Terlaksananya Pelayanan Informasi Publik", l.78)
    assert any(line.startswith(f'{kon}:16:2: peringatan: kondisi "k-1-2-1-4" tidak berjenis') for line in out)
    # conditions worded differently between stages
    assert any(line.startswith(f"{ik}:71:7: peringatan: rumusan kondisi di Tahap 5 (\"Laksanakan Penyelenggaraan "
                               "Sistem Jaringan Intra Pemerintah Daerah\") berbeda dari rumusannya di Tahap 3") for line in out)
    assert any(line.startswith(f"{ik}:91:7:") and "Sektorale" in line for line in out)
    # "jangan redundansi": the same thing under another condition word
    assert any(line.startswith(f'{kon}:41:4: peringatan: kondisi "k-4-1-1-1"') and "hal yang sama" in line for line in out)
    assert out[-1] == "Paket data sah, dengan 15 peringatan."


# --- the method's rules on generated bad input -------------------------------------------------------------

def _with(t: Tables, **frames) -> Tables:
    return Tables({**t.frames, **frames}, t.settings, t.descriptor)


BASES = ("Meningkatnya kualitas layanan informasi publik daerah", "Tersedianya jaringan data terpadu pemerintah daerah")


@st.composite
def wordings(draw) -> str:
    """A condition's wording: one of two long wordings with a few letters dropped (none to nine), so that
    pairs land on both sides of the similarity limit."""
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(0, 9))):
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + text[at + 1:]
    return text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(wordings(), min_size=2, max_size=10))
def test_a_condition_worded_almost_like_an_earlier_one_is_reported_against_the_first_such(balangan, names):
    """"Jangan redundansi" on generated wordings: each condition is compared with every earlier one in
    table order, and the first that is the same wording, the same thing under another condition word, or a
    wording whose similarity (difflib's ratio of this wording against the earlier one) reaches
    `pohon.kemiripan` is named in a warning on this condition's row; a condition like none gets none."""
    import difflib

    t = balangan.tables
    rows = t["kondisi"].head(len(names)).copy()
    if len(rows) < len(names):
        return
    rows["nama"] = names
    found = {issue.row: issue.message for issue in rules_pohon.redundancy(_with(t, kondisi=rows))}
    limit = t.settings.pohon.kemiripan
    norm = [rules_pohon._norm(n) for n in names]
    for i, (row, name) in enumerate(zip(rows[rules_pohon.ROW], norm)):
        first = next((j for j in range(i) if norm[j] == name
                      or (" " in name and rules_pohon._object(norm[j]) == rules_pohon._object(name))
                      or (difflib.SequenceMatcher(None, name, norm[j], autojunk=False).ratio() >= limit
                          and not rules_pohon._distinct_words(name, norm[j]))), None)
        if first is None:
            assert row not in found
        else:
            assert f'"{rows["id"].iloc[first]}" (baris {rows[rules_pohon.ROW].iloc[first]},' in found[row]


@settings(max_examples=150, deadline=None)
@given(names=st.lists(st.one_of(wordings(), st.text(max_size=30), st.text(alphabet=st.characters(min_codepoint=0x400,
                                                                                                max_codepoint=0x4ff),
                                                                         min_size=0, max_size=90)),
                      min_size=0, max_size=40),
       limit=st.floats(0.5, 1.0))
def test_the_pairs_left_out_before_difflib_could_never_reach_the_limit(names, limit):
    """Comparing every pair of a kabupaten's 3.000 conditions with difflib took 52 s of validation; now the
    pairs are first filtered by counting characters in numpy (`alike_earlier`). The filter may only leave out
    pairs difflib would have found below the limit: for generated wordings (the near-duplicates above, any
    text, and wordings of more than 64 different letters, where rare letters share a count), every earlier
    wording whose difflib ratio reaches the limit is among those let through."""
    import difflib

    norm = [rules_pohon._norm(n) for n in names]
    alike = rules_pohon.alike_earlier(norm, limit)
    assert len(alike) == len(norm)
    for i, name in enumerate(norm):
        kept = set(alike[i].tolist())
        assert kept <= set(range(i))
        for j in range(i):
            if difflib.SequenceMatcher(None, name, norm[j], autojunk=False).ratio() >= limit:
                assert j in kept, (name, norm[j])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from(BASES), data=st.data())
def test_parallel_conditions_are_not_duplicates_but_a_slip_of_the_keyboard_is(balangan, base, data):
    """An operator's parallel conditions ("Tersalurkannya BOSDA SD tepat waktu" and "... SMP ...") were each
    "sangat mirip, kemiripan 96%" on every validate. Two wordings that differ by words naming different
    things (school levels, numbers, Roman numerals, words not misspellings of each other) are two
    conditions; the same wording with two letters swapped is still reported."""
    t = balangan.tables
    words = base.split()
    at = data.draw(st.integers(1, len(words)), label="posisi")  # after the condition word, as written
    one, other = data.draw(st.lists(st.sampled_from(["SD", "SMP", "SMA", "SMK", "PAUD", "I", "II", "III", "IV",
                                                     "2024", "2025", "Tahap 2", "Tahap 3", "Desa", "Kelurahan"]),
                                    min_size=2, max_size=2, unique=True), label="kata")
    parallel = [" ".join(words[:at] + [w] + words[at:]) for w in (one, other)]
    long_words = [i for i, w in enumerate(words) if len(w) >= 6]
    w = data.draw(st.sampled_from(long_words), label="kata salah ketik")
    k = data.draw(st.integers(1, len(words[w]) - 2), label="huruf")
    slipped = words[w][:k] + words[w][k + 1] + words[w][k] + words[w][k + 2:]
    typo = " ".join(words[:w] + [slipped] + words[w + 1:])
    rows = t["kondisi"].head(4).copy()
    rows["nama"] = [*parallel, base, typo]
    found = {issue.row: issue.message for issue in rules_pohon.redundancy(_with(t, kondisi=rows))}
    row = list(rows[rules_pohon.ROW])
    assert row[1] not in found, found.get(row[1])
    assert row[3] in found and "sangat mirip" in found[row[3]] or "sama dengan" in found.get(row[3], ""), found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(four=st.sampled_from(LEVEL), five=st.sampled_from(LEVEL))
def test_one_indicator_with_two_levels_is_reported(balangan, four, five):
    """CSF 1's indicator is Strategis in both stages; give it any two levels: reported exactly when they differ."""
    i = balangan.tables["indikator_kondisi"].copy()
    rows = i.index[i["id"] == "i-csf-1.1"]
    i.loc[rows[0], "level"], i.loc[rows[1], "level"] = four, five
    issues = [x for x in rules_pohon.levels(_with(balangan.tables, indikator_kondisi=i))
              if "i-csf-1.1" in x.message and "satu indikator hanya memiliki satu level" in x.message]
    assert len(issues) == (four != five)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.decimals("0", "1", places=2), b=st.decimals("0", "1", places=2))
def test_composite_weights_must_sum_to_one(belitung, a, b):
    k = belitung.tables["komponen_indikator"].copy()
    k["bobot"] = [float(a), float(b)]
    issues = rules_pohon.composites(_with(belitung.tables, komponen_indikator=k))
    wrong = [x for x in issues if x.column == "bobot"]
    assert len(wrong) == (a + b != 1)
    if wrong:
        assert wrong[0].row == 2 and "yang diharapkan tepat 1" in wrong[0].message


def test_cross_cutting_without_partner_is_reported(balangan):
    k = balangan.tables["kondisi"].copy()
    k.loc[k["id"] == "k-lintas-1", "mitra"] = None
    issues = rules_pohon.cross_cutting(_with(balangan.tables, kondisi=k))
    assert [(x.resource, x.column) for x in issues] == [("kondisi", "mitra")]
    assert "k-lintas-1" in issues[0].message


# --- Belitung: the composite indicator ---------------------------------------------------------------------

def test_belitung_composite_is_half_a_plus_half_b(belitung):
    """Seed 000 l.4: "Persentase Pelayanan Komunikasi dan Informatika yang optimal = 0,5xa+0,5xb". The document
    prints no realisasi; worked example with a = 80 (sistem informasi terintegrasi) and b = 60 (media diseminasi
    aktif): 0,5 × 80 + 0,5 × 60 = 70."""
    komponen = belitung.tables["komponen_indikator"]
    assert komponen[["komponen", "bobot", "simbol"]].values.tolist() == [
        ["io-a-sistem-informasi-terintegrasi", 0.5, "a"], ["io-b-diseminasi-informasi", 0.5, "b"]]
    realisasi = pd.DataFrame([
        {"indikator": "io-a-sistem-informasi-terintegrasi", "tahun": 2025, "nilai": 80.0, "label": None,
         "status": "final", "sumber": "contoh", "catatan": None, "_baris": 2},
        {"indikator": "io-b-diseminasi-informasi", "tahun": 2025, "nilai": 60.0, "label": None,
         "status": "sementara", "sumber": "contoh", "catatan": None, "_baris": 3},
        {"indikator": "io-a-sistem-informasi-terintegrasi", "tahun": 2026, "nilai": 90.0, "label": None,
         "status": "final", "sumber": "contoh", "catatan": None, "_baris": 4}])
    got = composite_realisasi(realisasi, komponen)
    assert len(got) == 1  # 2026 lacks component b: not computed
    row = got.iloc[0]
    assert (row["indikator"], row["tahun"], row["nilai"]) == ("io-pelayanan-kominfo-optimal", 2025, 70.0)
    assert row["rincian"] == "0,5 × 80 + 0,5 × 60 = 70"
    assert row["sumber"] == "dihitung dari komponen: 0,5 × a + 0,5 × b"
    assert row["status"] == "sementara"  # as firm as its weakest component


def test_belitung_composite_disagreeing_with_its_components_is_a_warning(belitung):
    realisasi = pd.DataFrame([
        {"indikator": i, "tahun": 2025, "nilai": v, "label": None, "status": "final", "sumber": "contoh",
         "catatan": None, "_baris": n}
        for n, (i, v) in enumerate([("io-a-sistem-informasi-terintegrasi", 80.0), ("io-b-diseminasi-informasi", 60.0),
                                    ("io-pelayanan-kominfo-optimal", 75.0)], start=2)])
    issues = rules_pohon.composites(_with(belitung.tables, realisasi=realisasi))
    assert [(x.resource, x.row, x.column) for x in issues] == [("realisasi", 4, "nilai")]
    assert "tercatat 75, sedangkan dari komponennya (0,5 × a + 0,5 × b): 0,5 × 80 + 0,5 × 60 = 70" in issues[0].message


def test_belitung_targets_2024_2026_as_printed(belitung):
    target = belitung.tables["target"]
    got = {(r["indikator"], int(r["tahun"])): (Decimal(str(r["nilai"])), r["label"]) for r in target.to_dict("records")}
    assert got == {("isk-evaluasi-kinerja-pd", 2024): (Decimal(3), "3 Laporan"),
                   ("isk-evaluasi-kinerja-pd", 2025): (Decimal(3), "3 Laporan"),
                   ("isk-evaluasi-kinerja-pd", 2026): (Decimal(3), "3 Laporan"),
                   ("isk-aplikasi-proses-bisnis", 2026): (Decimal(1), "1 Unit"),
                   ("isk-ekosistem-kota-cerdas", 2024): (Decimal(1), "1 Dokumen"),
                   ("isk-sumber-daya-tik", 2024): (Decimal(1), "1 Dokumen")}
    assert all(str(s).startswith("Pohon Kinerja/Cascading Diskominfo Belitung") for s in target["sumber"])


# --- the built portals -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def balangan_site(tmp_path_factory):
    return _shared(tmp_path_factory, "balangan", lambda folder: _build(BALANGAN, folder / "balangan"))


@pytest.fixture(scope="module")
def belitung_site(tmp_path_factory):
    return _shared(tmp_path_factory, "belitung", lambda folder: _build(BELITUNG, folder / "belitung"))


def test_each_level_of_the_method_is_said_with_its_meaning(belitung_site, balangan_site):
    """"Kinerja taktikal immediate" stood alone on indicator, Tahap 5 and owner pages: the method's own English
    words. Each is now followed by its meaning, and "Level kinerja" on an indicator page leads to the glossary."""
    alone = re.compile(r"(?i)taktikal (?:intermediate(?! \(hasil antara)|immediate(?! \(hasil langsung))")
    levels = 0
    for built in (belitung_site, balangan_site):
        for page in sorted(built.site.rglob("*.html")):
            if page.relative_to(built.site).parts[0] in ("data-terbuka", "dataset"):
                continue  # the schemas' own documentation quotes the method's printed words ("Kinerja Taktikal Immediate")
            body = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", "", page.read_text(encoding="utf-8"), flags=re.S)
            assert not alone.search(body), page
            if "Level kinerja" in body and page.parent.parent.name == "indikator":
                levels += 1
                assert '<a class="kt-istilah__kata" href="../../glosarium/#istilah-tahap-pohon"' in page.read_text(encoding="utf-8"), page
    assert levels >= 10


def _svgs(html: str) -> list[str]:
    return re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="pohon-g .*?</svg>', html, re.S)


def test_balangan_portal_draws_the_tree_and_says_no_data_yet(balangan_site):
    site = balangan_site.site
    html = (site / "pohon" / "index.html").read_text(encoding="utf-8")
    assert "Data kinerja belum dipublikasikan" in html
    wide, narrow = _svgs(html)
    for svg in (wide, narrow):
        assert re.search(r'role="img" aria-labelledby="[^"]*-judul [^"]*-uraian"', svg)
        assert "<title" in svg and "<desc" in svg
        # one box per condition: 44 conditions, 4 of them CSF, 1 cross-cutting (dashed)
        assert svg.count('class="pohon-g-kotak') == 44
        assert len(re.findall(r'class="pohon-g-jenis"[^>]*>CSF<', svg)) == 4
        assert svg.count("pohon-g-lintas") >= 1
        assert "Terwujudnya Infrastruktur" in svg  # the outcome (wrapped over lines)
    # tiers labelled by component and owner level in the wide drawing
    for tier in ("Sasaran strategis", "PK JPT", "PK Eselon III", "PK JF/JP"):
        assert tier in wide
    lintas = (site / "pohon" / "lintas" / "index.html").read_text(encoding="utf-8")
    assert "Terpenuhinya Data Statistik Sektorale oleh SKPD" in lintas and "Jumlah Metadata Statistik" in lintas
    tahap5 = (site / "pohon" / "tahap-5" / "index.html").read_text(encoding="utf-8")
    assert "Jumlah Data yang Terpublikasikan pada Portal Satu Data" in tahap5
    for owner in ("pemilik-jpt", "pemilik-eselon-3", "pemilik-sub-koordinator-jf", "pemilik-jf-jp"):
        assert (site / "pohon" / owner / "index.html").is_file()
    cara = (site / "pohon" / "cara-menyusun" / "index.html").read_text(encoding="utf-8").replace("<wbr />", "")
    assert "Rendahnya Akses/Jangkauan Layanan TIK" in cara  # the package's own Tahap 2 content (a wide table's
    # cell, where a line may break after the slash)


def test_a_tree_portal_cites_its_document_not_a_year(balangan_site, belitung_site):
    """A pohon kinerja package reports on no year (`tahun_laporan` null): the footer of every page cites the
    document it was transcribed from (it said "tahun None berjalan, Laporan Kinerja None belum terbit")."""
    for built, title in ((balangan_site, "Pohon Kinerja Dinas Komunikasi, Informatika, Statistik dan Persandian "
                                         "(penyusunan dalam 5 tahap)"),
                         (belitung_site, "Pohon Kinerja/Cascading")):
        pages = sorted(built.site.rglob("index.html"))
        assert len(pages) > 20
        for page in pages:
            html = page.read_text(encoding="utf-8")
            footer = re.search(r"Sumber data</dt><dd>([^<]*)", html).group(1)
            assert footer.startswith(title) and "berjalan" not in footer, (page, footer)


def test_a_tree_portal_explains_capaian_where_it_says_there_is_none_yet(belitung_site, balangan_site):
    """A tree without realisasi says capaian cannot be computed yet, on the tree and on every indicator page:
    the word now carries its explanation there, as on the pages of a portal with data."""
    for built in (belitung_site, balangan_site):
        pages = [built.site / "pohon" / "index.html"] + sorted((built.site / "indikator").glob("*/index.html"))
        assert len(pages) > 1 or built is balangan_site
        for page in pages:
            html = page.read_text(encoding="utf-8")
            if "Data kinerja belum dipublikasikan" in html:
                assert html.count('aria-describedby="kt-arti-capaian"') == 1, page


PYTHON_WORDS = re.compile(r"\b(None|nan|NaN|NaT|True|False)\b")


@pytest.mark.parametrize("name", ["portal", "contoh", "balangan", "belitung"])
def test_no_python_value_reaches_a_reader(name, request):
    """What Python calls a missing value (None, nan, NaT) or a truth value never shows as text: not on any
    page (tags and scripts left out), in the search index, an open-data CSV or its JSON. Table 44 of the
    Laporan Kinerja showed "None" for the quarters the Rencana Aksi leaves empty."""
    fixture = {"portal": "default_site", "contoh": "example_site"}.get(name, f"{name}_site")
    site = request.getfixturevalue(fixture).site
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith("assets/"):
            continue
        if path.suffix == ".html":
            text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", path.read_text(encoding="utf-8"),
                          flags=re.S)
        elif path.suffix in (".csv", ".json", ".xml", ".md", ".txt"):
            text = path.read_text(encoding="utf-8")
        else:
            continue
        found += [f"{rel}: ...{text[max(0, m.start() - 40):m.end() + 20]!r}" for m in PYTHON_WORDS.finditer(text)]
    assert not found, "\n".join(found[:20])


def test_belitung_portal_shows_the_composite_formula(belitung_site):
    html = (belitung_site.site / "pohon" / "index.html").read_text(encoding="utf-8")
    assert "Data kinerja belum dipublikasikan" in html
    wide, narrow = _svgs(html)
    for svg in (wide, narrow):
        assert "0,5 × a + 0,5 × b" in svg
        assert "Indikator a: Terintegrasinya" in svg and "Indikator b: Diseminasi informasi" in svg


# --- in Chromium: readable at 375 and 1280 px, no sideways page scroll, axe-core clean ---------------------

# Every text line of the visible drawing lies inside its box (nothing clipped or spilling).
CLIPPED = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.pohon-g')) {
    if (!svg.getBoundingClientRect().width) continue;
    for (const g of svg.querySelectorAll('g.pohon-g-kotak')) {
      const r = g.querySelector('rect').getBBox();
      for (const t of g.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5 || b.y < r.y - 0.5 || b.y + b.height > r.y + r.height + 0.5)
          out.push(t.textContent);
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_tree_pages_fit_and_pass_axe_in_chromium(browser, axe_source, balangan_site, belitung_site, width):
    problems = []
    for built, name in ((balangan_site, "balangan"), (belitung_site, "belitung")):
        base = serve(built.site)
        paths = sorted(p.parent.relative_to(built.site).as_posix() + "/"
                       for p in (built.site / "pohon").rglob("index.html"))
        shots = {base + p: f"pohon-{name}-{p.strip('/').replace('/', '-')}-{width}.png" for p in paths[:1]}
        check = audit(axe_source)

        def inspect(page):
            # what a screen reader hears of a node: its words, not the drawn triangle before them
            heard = page.locator(".pohon summary").first.aria_snapshot() if page.locator(".pohon summary").count() else ""
            return {"axe": check(page), "clipped": page.evaluate(CLIPPED), "heard": heard}
        for visit in visit_all(browser, [base + p for p in paths], width, shots=shots, inspect=inspect):
            where = f"{visit.url.removeprefix(base)} ({width} px)"
            assert visit.status == 200, where
            assert visit.scroll <= width, f"{where}: halaman bergeser ke samping ({visit.scroll} px)"
            assert visit.errors == [] and visit.foreign == [], where
            assert visit.result["clipped"] == [], f"{where}: teks terpotong {visit.result['clipped'][:3]}"
            assert not any(mark in visit.result["heard"] for mark in "▸▾"), f"{where}: {visit.result['heard'][:80]}"
            problems += [describe(where, v) for v in visit.result["axe"] if v["impact"] in BLOCKING]
    assert problems == [], "\n".join(problems)


CARDS_CUT = """() => {
  const edge = document.querySelector('.md-content__inner').getBoundingClientRect().right;
  return Array.from(document.querySelectorAll('table[data-tata="kartu"] td')).filter(td =>
    td.getBoundingClientRect().right > edge + 0.5 || td.scrollWidth > td.clientWidth + 1).map(td => td.textContent.trim());
}"""


def test_a_word_longer_than_a_card_breaks_inside_it_on_a_phone(browser, tmp_path):
    """One kondisi named with a 98-letter word (typed without spaces) widened the table's wrapper to 806 px on a
    375 px phone, and every card of the Tahap 5 page was cut at the right edge. The word breaks inside its card;
    no card, and no page, is wider than the phone."""
    import csv
    import shutil

    data = tmp_path / "balangan"
    shutil.copytree(BALANGAN, data)
    path = data / "data" / "kondisi.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    word = "Pengintegrasiansistemaplikasipemerintahanberbasiselektroniklintasperangkatdaerahkabupatenbalangan"
    rows[1][rows[0].index("nama")] = f"Terwujudnya {word} Tahun Ini"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    built = _build(data, tmp_path / "situs" / "balangan")
    pages = sorted(p.parent.relative_to(built.site).as_posix() + "/" for p in built.site.rglob("index.html")
                   if word in p.read_text(encoding="utf-8"))
    assert "pohon/tahap-5/" in pages or any(p.startswith("pohon/tahap-") for p in pages), pages
    base = serve(built.site)
    for visit in visit_all(browser, [base + p for p in pages], 375, inspect=lambda page: page.evaluate(CARDS_CUT)):
        where = visit.url.removeprefix(base)
        assert visit.scroll <= 375, f"{where}: halaman bergeser ke samping ({visit.scroll} px)"
        assert visit.result == [], f"{where}: kartu terpotong: {visit.result[:3]}"
        assert word in visit.text.replace("\n", "").replace("\u00ad", ""), where


def test_the_drawing_is_shown_in_full_at_each_width(browser, balangan_site):
    """At 1280 px the wide drawing (tiers side by side, scrolled inside its frame); at 375 px the vertical one,
    its boxes no wider than the phone. At 320 px (WCAG 1.4.10 reflow: a page zoomed to 400 %) the vertical
    drawing, 340 px wide, made the whole page scroll sideways; it now shrinks to the page."""
    base = serve(balangan_site.site)
    for width, shown in ((1280, "pohon-lebar"), (375, "pohon-sempit"), (320, "pohon-sempit")):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
        page = context.new_page()
        page.goto(base + "pohon/")
        sizes = page.evaluate("""() => Array.from(document.querySelectorAll('svg.pohon-g')).map(s =>
            [s.classList.contains('pohon-lebar') ? 'pohon-lebar' : 'pohon-sempit', s.getBoundingClientRect().width])""")
        visible = [name for name, w in sizes if w > 0]
        assert visible == [shown], (width, sizes)
        if width < 1280:
            assert max(w for _, w in sizes) <= width
            assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        shot(page, f"pohon-balangan-gambar-{width}.png")
        context.close()


# --- the synthetic kabupaten carries five-stage trees (so the benchmark builds them) -----------------------

def test_synthetic_opd_has_a_five_stage_tree_that_validates_clean(tmp_path):
    from generator.synthetic import generate

    generate(tmp_path, 1, [2024, 2025], 30, 7)
    (opd,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    v = validate_package(opd)
    assert v.report.ok and v.report.warnings == []
    k, i, node = v.tables["kondisi"], v.tables["indikator_kondisi"], v.tables["node"]
    tiers = node["tingkat"].value_counts().to_dict()
    kinds = k[k["lintas"] != True]["jenis"].value_counts().to_dict()  # noqa: E712
    # one condition per nomenclature node, of the kind its tier carries, plus one cross-cutting condition
    assert kinds == {"outcome": tiers["tujuan"], "csf": tiers["sasaran"], "kondisi_antara_utama": tiers["program"],
                     "kondisi_antara": tiers["kegiatan"], "kondisi_operasional": tiers["sub_kegiatan"]}
    assert k.loc[k["lintas"] == True, "mitra"].notna().all() and (k["lintas"] == True).sum() == 1  # noqa: E712
    assert set(i["tahap"]) == {4, 5} and set(i["kondisi"]) == set(k["id"])
    # operational conditions reach sub kegiatan that carry budget
    ops = k[k["jenis"] == "kondisi_operasional"]
    assert set(ops["node"]) <= set(v.tables["anggaran"]["node"])


# --- trees deeper than any document's -------------------------------------------------------------------

def _deeper(tmp_path, levels: int):
    """Balangan's package with a chain of `levels` kondisi hung under its last kondisi operasional (each one
    only a warning: a kondisi under one of its own kind)."""
    import csv
    import shutil

    package = tmp_path / "balangan"
    shutil.copytree(BALANGAN, package)
    path = package / "data" / "kondisi.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    base = [r for r in rows[1:] if r[1] == "kondisi_operasional"][-1]
    parent = base[0]
    for i in range(levels):
        rows.append([f"rantai-{i}", base[1], parent, f"Kondisi rantai {i}", *base[4:]])
        parent = f"rantai-{i}"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return package, base[0]


def test_a_chain_of_kondisi_deeper_than_30_levels_is_one_error(tmp_path, run):
    """3.000 kondisi each under the one before were only warnings; the build then stopped with Python's
    recursion limit (internal error), and 20 levels ran the phone drawing out of memory. Now one error at
    the first row below level 30 (Balangan's last kondisi operasional is at level 5: outcome, csf, kondisi antara
    utama, kondisi antara, kondisi operasional)."""
    package, base = _deeper(tmp_path, 3000)
    status, out, _ = run("validate", package)
    deep = [line for line in out if "tingkat ke-" in line]
    first = next(i for i, line in enumerate((package / "data" / "kondisi.csv").read_text(encoding="utf-8")
                                             .splitlines(), 1) if line.startswith("rantai-25,"))
    assert status == 1 and deep == [f'{package}/data/kondisi.csv:{first}:3: baris "rantai-25" berada di tingkat ke-31 '
                                    "pohonnya (rantai kolom induk dari puncak); yang diharapkan paling dalam tingkat "
                                    "ke-30: periksa apakah induk menunjuk baris yang benar"], deep


def test_a_tree_30_levels_deep_is_drawn_with_boxes_that_keep_their_width(tmp_path):
    """The deepest tree the rule lets through builds, and on a phone its deepest boxes keep room for their
    words (the indentation stops where a box would get narrower than 180 px)."""
    from generator.publish import build_site
    from conftest import prepared_src

    package, _ = _deeper(tmp_path, 25)
    build_site(package, tmp_path / "situs", ROOT / "mkdocs.yml", prepared_src(tmp_path))
    html = (tmp_path / "situs" / "pohon" / "index.html").read_text(encoding="utf-8")
    assert "Kondisi rantai 24" in html
    phone = html[html.index('class="pohon-gambar-ponsel"'):]
    widths = [float(w) for w in re.findall(r'<g class="pohon-g-kotak[^"]*"><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"',
                                           phone)]
    assert len(widths) > 30 and min(widths) >= 180, sorted(widths)[:5]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), width=st.floats(-50, 400), size=st.sampled_from([10.5, 12.5]))
def test_wrapping_ends_and_keeps_every_letter_whatever_the_width(text, width, size):
    """A width below one letter (a box indented past its drawing) looped forever adding empty lines."""
    from generator.render.pohon_gambar import text_width, wrap

    lines = wrap(text, width, size)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
    # a line wider than the box is a piece of one word, as long as fits (one letter where none fits)
    assert all(text_width(line, size) <= width or " " not in line and (len(line) == 1 or text_width(line[:-1], size) <= width)
               for line in lines if line)
    assert len(lines) <= max(1, len("".join(text.split())))


def test_a_very_long_name_is_cut_into_pieces_that_each_fill_a_line():
    """A name of 250.000 letters took a build over five minutes: every candidate line was measured again
    from its first letter. Each piece of a word too long for a line is as long as fits, and the words
    after it continue on the last piece's line when they fit."""
    from generator.render.pohon_gambar import text_width, wrap

    word = "X" * 20_000
    lines = wrap(f"{word} ya", 100, 12.5)
    assert "".join(lines).replace(" ", "") == word + "ya"
    assert all(text_width(line, 12.5) <= 100 < text_width(line + "X", 12.5) for line in lines[:-1])
    assert lines[-1].endswith(" ya") and text_width(lines[-1], 12.5) <= 100


@st.composite
def forests(draw):
    """Boxes in a forest: each box's parent is an earlier box or none, its tier any of the five (so a child
    may be of its parent's tier or above it), its name of any length."""
    from generator.render.pohon_gambar import Box

    n = draw(st.integers(1, 14))
    boxes = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1).map(str))) if i else None
        name = draw(st.text(st.sampled_from("ab cdefgh WIM"), max_size=90))
        boxes.append(Box(str(i), parent, draw(st.integers(0, 4)), [("jenis", "KONDISI"), ("nama", name)]))
    return draw(st.permutations(boxes))  # the rows of a table come in any order


@settings(max_examples=300, deadline=None)
@given(boxes=forests())
def test_no_box_of_the_wide_drawing_covers_another_and_each_is_below_its_parent(boxes):
    """A kondisi operasional under another kondisi operasional was drawn on top of it (both in the tier's
    band, at the band's top): the parent's text was hidden. Every box now stands clear of every other, below
    its parent, inside the drawing, in its own tier's band or, when its tier is its parent's or above, in its
    parent's."""
    from generator.render.pohon_gambar import wide

    drawn = wide(boxes, {r: [f"Tingkat {r}"] for r in range(5)})
    kotak = {k["id"]: k for k in drawn["kotak"]}
    assert sorted(kotak) == sorted(b.id for b in boxes)
    ordered = sorted(kotak.values(), key=lambda k: k["x"])
    for i, a in enumerate(ordered):
        assert 0 <= a["x"] and a["x"] + a["w"] <= drawn["lebar"] and 0 <= a["y"] and a["y"] + a["h"] <= drawn["tinggi"]
        for b in ordered[i + 1:]:
            apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                     or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
            assert apart, (a, b)
    bands = drawn["pita"]
    parent = {b.id: b.parent for b in boxes}

    def band(k):
        return next(n for n, p in enumerate(bands) if p["y"] <= k["y"] and k["y"] + k["h"] <= p["y"] + p["h"])

    row = {b.id: b.row for b in boxes}
    for b in boxes:
        if b.parent is not None:
            assert kotak[b.id]["y"] > kotak[b.parent]["y"] + kotak[b.parent]["h"]
    # the band a box is in: the highest of its own tier and its ancestors' tiers
    tiers = sorted({max(row[i] for i in _ancestry(b.id, parent)) for b in boxes})
    for b in boxes:
        assert band(kotak[b.id]) == tiers.index(max(row[i] for i in _ancestry(b.id, parent)))


def _ancestry(node, parent):
    out = [node]
    while parent[out[-1]] is not None:
        out.append(parent[out[-1]])
    return out


def test_a_kondisi_operasional_under_another_is_drawn_below_it(tmp_path):
    """Balangan with three kondisi operasional chained under its last one: in the wide drawing each of them
    stands below the one it hangs from, inside the band of kondisi operasional, none on top of another."""
    from generator.publish import build_site
    from conftest import prepared_src

    package, _ = _deeper(tmp_path, 3)
    build_site(package, tmp_path / "situs", ROOT / "mkdocs.yml", prepared_src(tmp_path))
    html = (tmp_path / "situs" / "pohon" / "index.html").read_text(encoding="utf-8")
    wide = html[html.index('class="pohon-g pohon-lebar"'):html.index('class="pohon-g pohon-sempit"')]
    drawn = re.findall(r'<g class="pohon-g-kotak[^"]*"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                       r'height="([\d.]+)" rx="4"/>(.*?)</g>', wide)
    boxes = [tuple(map(float, d[:4])) for d in drawn]
    chain = {re.findall(r'class="pohon-g-nama"[^>]*>([^<]*)<', d[4])[0]: box for d, box in zip(drawn, boxes)}
    with (package / "data" / "kondisi.csv").open(encoding="utf-8") as f:
        assert len(boxes) == sum(1 for _ in f) - 1  # one box per kondisi, the three added among them
    tops = [chain[f"Kondisi rantai {i}"][1] for i in range(3)]
    assert tops == sorted(tops) and len(set(tops)) == 3
    for i, (x, y, w, h) in enumerate(boxes):
        for (x2, y2, w2, h2) in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y


# --- the next agency's tree (found by editing the real trees as another agency's operator would) -----------

def _csv_rows(path):
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write_rows(path, rows) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _pages(package):
    from generator.publish.pipeline import run as pipeline

    outcome = pipeline(package)
    assert outcome.ok, [str(p) for p in outcome.report.errors]
    return outcome.site.pages


def test_a_five_stage_tree_not_yet_filled_builds_and_says_so(tmp_path):
    """Balangan's package with kondisi.csv and indikator_kondisi.csv cut to their header rows, as a new agency
    starts: validation passed, and the build then stopped in MkDocs (the home page linked the Tahap 5 page,
    which is made only for a tree with rows). Every page the home page links to now exists."""
    import shutil

    package = tmp_path / "balangan"
    shutil.copytree(BALANGAN, package)
    for name in ("kondisi", "indikator_kondisi"):
        path = package / "data" / f"{name}.csv"
        _write_rows(path, _csv_rows(path)[:1])
    pages = _pages(package)
    home = pages["index.md"]
    assert "Pohon kinerja belum diisi" in home and "0 simpul" not in home
    linked = set(re.findall(r"\]\(([^)#]+\.md)\)", home))
    assert linked and linked <= set(pages), linked - set(pages)


def test_the_top_of_the_tree_is_its_outcome_wherever_the_cross_cutting_condition_is_listed(tmp_path):
    """Balangan's cross-cutting condition (no parent here: it is shared with other agencies) moved to the first
    row of kondisi.csv: the home page named it "Puncak pohon" and the tree list began with it."""
    import shutil

    package = tmp_path / "balangan"
    shutil.copytree(BALANGAN, package)
    path = package / "data" / "kondisi.csv"
    rows = _csv_rows(path)
    lintas = [r for r in rows[1:] if r[0] == "k-lintas-1"]
    assert lintas
    _write_rows(path, [rows[0], *lintas, *[r for r in rows[1:] if r[0] != "k-lintas-1"]])
    pages = _pages(package)
    outcome = next(r for r in rows[1:] if r[1] == "outcome")
    assert re.findall(r"Puncak pohon: (.*)", pages["index.md"]) == [f"**{outcome[3]}**."]
    roots = re.findall(r'<details class="pohon-simpul[^"]*" id="pohon-([^"]+)" open>', pages["pohon.md"])
    assert roots.index(outcome[0]) < roots.index("k-lintas-1")


def test_a_stage_is_a_whole_number_beside_a_nomenclature_tree(tmp_path):
    """The default package with Balangan's five-stage tables added: both trees in one table made every stage a
    decimal ("Diperkenalkan di Tahap 3.0")."""
    import json
    import shutil

    package = tmp_path / "pkg"
    shutil.copytree(ROOT / "datapackage", package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    theirs = json.loads((BALANGAN / "datapackage.json").read_text(encoding="utf-8"))
    for name in ("kondisi", "indikator_kondisi"):
        resource = next(r for r in theirs["resources"] if r["name"] == name)
        if not any(r["name"] == name for r in descriptor["resources"]):
            descriptor["resources"].append(resource)
        shutil.copyfile(BALANGAN / resource["path"], package / resource["path"])
        if isinstance(resource.get("schema"), str) and not (package / resource["schema"]).exists():
            shutil.copyfile(BALANGAN / resource["schema"], package / resource["schema"])
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    stages = set(re.findall(r"Diperkenalkan di Tahap ([^<\n]*)", _pages(package)["pohon.md"]))
    assert stages == {"1", "2", "3", "4"}, stages


def test_a_box_whose_row_is_only_its_place_names_no_component_or_owner(balangan_site):
    """Balangan's cross-cutting kondisi prints no component, owner or parent (Tahap 4/5: "Komponen –", "pemilik
    tidak tercatat"); the phone drawing labelled its box "Sasaran strategis · PK JPT", naming the head of the
    agency as its owner. Its label now says neither is printed; every other box keeps its tier's label."""
    page = (balangan_site.docs / "pohon.md").read_text(encoding="utf-8")
    narrow = page[page.index('class="pohon-g pohon-sempit'):]
    boxes = re.findall(r'<g class="pohon-g-kotak[^"]*">(.*?)</g>', narrow, flags=re.S)
    first = [re.search(r'class="pohon-g-jenis"[^>]*>([^<]*)<', box).group(1) for box in boxes]
    lintas = [label for box, label in zip(boxes, first) if "Terpenuhinya Data Statistik Sektorale" in box]
    assert lintas == ["Komponen dan pemilik tidak tercetak"]
    assert first.count("Komponen dan pemilik tidak tercetak") == 1 and first.count("Sasaran strategis · PK JPT") >= 1


def test_the_scroll_hint_is_shown_only_above_a_drawing_wider_than_the_page(tmp_path, balangan_site):
    """A tree of one kondisi (a new agency's first row) said "Gambar ini lebar: geser ke samping" above a drawing
    one box wide. The hint is now given only for a drawing wider than the narrowest page column that shows it
    (pages.pohon.NARROWEST_COLUMN); Balangan's full tree keeps it."""
    import shutil

    from generator.render.pages.pohon import NARROWEST_COLUMN

    hint = "geser ke samping untuk melihat seluruhnya"
    page = (balangan_site.docs / "pohon.md").read_text(encoding="utf-8")
    width = re.search(r'<svg [^>]*class="pohon-g pohon-lebar" width="(\d+)"', page)
    assert hint in page and int(width.group(1)) > NARROWEST_COLUMN
    package = tmp_path / "balangan"
    shutil.copytree(BALANGAN, package)
    for name in ("kondisi", "indikator_kondisi"):
        path = package / "data" / f"{name}.csv"
        rows = _csv_rows(path)
        keep = [r for r in rows[1:] if r[1] == "outcome"] if name == "kondisi" else []
        if name == "indikator_kondisi":
            outcome = {r[0] for r in _csv_rows(package / "data" / "kondisi.csv")[1:]}
            keep = [r for r in rows[1:] if r[rows[0].index("kondisi")] in outcome]
        _write_rows(path, [rows[0], *keep])
    page = _pages(package)["pohon.md"]
    width = re.search(r'<svg [^>]*class="pohon-g pohon-lebar" width="(\d+)"', page)
    assert int(width.group(1)) <= NARROWEST_COLUMN and 'class="pohon-gambar-gulir"' in page and hint not in page


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_stage_left_out_between_a_condition_and_its_parent_is_named(balangan, data):
    """Tahap 3 breaks a CSF down into kondisi antara utama, kondisi antara, then kondisi operasional. A kondisi
    operasional hung straight under a CSF (or any condition more than one stage above it) passed without a
    word; it is now a warning at its parent cell naming the stages left out. A condition with neither kind nor
    parent, drawn as a second top beside the outcome, is named too."""
    from generator.domain.pohon import JENIS_KONDISI

    kondisi = balangan.tables["kondisi"].copy()
    child = data.draw(st.sampled_from(list(kondisi.index[kondisi["jenis"] == "kondisi_operasional"])))
    parent_kind = data.draw(st.sampled_from(["outcome", "csf", "kondisi_antara_utama", "kondisi_antara"]))
    parent = data.draw(st.sampled_from(list(kondisi.loc[kondisi["jenis"] == parent_kind, "id"])))
    kondisi.at[child, "induk"] = parent
    found = [i for i in rules_pohon.kondisi_shape(_with(balangan.tables, kondisi=kondisi))
             if i.row == kondisi.at[child, "_baris"] and "dilompati" in i.message]
    gap = JENIS_KONDISI.index("kondisi_operasional") - JENIS_KONDISI.index(parent_kind)
    if gap > 1:
        skipped = ", ".join(k.replace("_", " ") for k in JENIS_KONDISI[JENIS_KONDISI.index(parent_kind) + 1:-1])
        assert [(i.column, i.level) for i in found] == [("induk", "peringatan")]
        assert f"tahap {skipped} dilompati" in found[0].message
    else:
        assert found == []
    orphan = kondisi.copy()
    orphan.at[child, "induk"], orphan.at[child, "jenis"] = None, None
    lines = [i for i in rules_pohon.kondisi_shape(_with(balangan.tables, kondisi=orphan))
             if i.row == kondisi.at[child, "_baris"] and i.column == "induk"]
    assert len(lines) == 1 and "puncak pohon kedua" in lines[0].message
