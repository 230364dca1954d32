"""The achievement engine against the worked examples of docs/domain.md and the 2025 LKjIP, plus properties."""
from __future__ import annotations

import functools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, default_tables
from generator.compute.capaian import capaian_value, capaian_values
from generator.compute.results import compute_all
from generator.validate import validate_package

RENDAH = "rendah_lebih_baik"


@pytest.mark.parametrize("target, real, expected", [
    (81, 88.19, 108.88),     # Tabel 3.3 kepuasan (printed 108,9)
    (3.50, 4.16, 118.86),    # Indeks SPBE
    (2.60, 2.76, 106.15),    # IPS (printed 106,1 and 106,2)
    (72, 82.36, 114.39),     # IP ASN (printed 114,3)
    (67, 78.50, 117.16),     # Nilai SAKIP (printed 117,2)
])
def test_higher_better_worked_examples(target, real, expected):
    assert round(capaian_value(target, real), 2) == expected


@pytest.mark.parametrize("target, real, expected", [(7, 6.5, 107.14), (8, 9, 87.50), (8, 17, 0.0), (8, 16, 0.0)])
def test_lower_better_worked_examples(target, real, expected):
    """(2T − R)/T × 100 floored at 0 (PermenPANRB 8/2021)."""
    assert round(capaian_value(target, real, RENDAH), 2) == expected


def test_levels_yes_no_ranges_and_missing():
    assert capaian_value(2, 2, jenis_target="level") == 100  # Level 2 / Level 2
    assert capaian_value(3, 2, jenis_target="level") == pytest.approx(66.667, abs=1e-3)
    assert capaian_value(1, 1, jenis_target="ya_tidak") == 100 and capaian_value(1, 0, jenis_target="ya_tidak") == 0
    assert capaian_value(10, 12, jenis_target="rentang", batas_atas=15) == 100
    assert capaian_value(10, 18, jenis_target="rentang", batas_atas=15) == 120
    assert capaian_value(10, 8, jenis_target="rentang", batas_atas=15) == 80
    assert capaian_value(10, 18, RENDAH, "rentang", 15) == pytest.approx(80)
    assert capaian_value(81, None) is None  # no realisasi: belum tersedia, never 0
    assert capaian_value(0, 5) is None  # target 0 is undefined (validation rejects it)
    assert capaian_value(0, 0, RENDAH, "ya_tidak") == 100  # "0 insiden" as Tidak Ada: met
    assert capaian_value(0, 1, RENDAH, "ya_tidak") == 0  # Ada: not met


@settings(max_examples=200, deadline=None)
@given(real=st.one_of(st.just(0.0), st.floats(min_value=1e-9, max_value=1e6)),
       kind=st.sampled_from(["angka", "rentang", "level", "ya_tidak"]), lower=st.booleans())
def test_a_target_of_zero_has_a_capaian_only_as_yes_or_no(real, kind, lower):
    """A target of 0 divides by nothing for a number, a range 0-0 or a level: no capaian (validation rejects
    it and points a lower-is-better "0 insiden" to a yes/no target). As a lower-is-better yes/no target
    ("Tidak Ada") it is met exactly when the realisasi is 0 too: 100 or 0, the yes/no rule of DOMAIN.md §3.
    A higher-is-better one ("at least nothing", a Rencana Aksi quarter planning nothing yet) has none, as
    before: it would count every such quarter as on track."""
    value = capaian_value(0, real, RENDAH if lower else "tinggi_lebih_baik", kind, 0 if kind == "rentang" else None)
    if kind == "ya_tidak" and lower:
        assert value == (100 if real == 0 else 0)
    else:
        assert value is None


@pytest.fixture(scope="module")
def res():
    v = validate_package(DATAPACKAGE)
    return compute_all(v.tables)


def test_overall_2025_average_of_the_six_available_iku(res):
    """The LKjIP prints 110,89 (from rounded inputs); the unrounded mean is 110,91."""
    row = res.ringkasan.set_index("tahun").loc[2025]
    assert round(row["rata_rata"], 2) == 110.91
    assert (row["jumlah"], row["tercapai"], row["tidak_tercapai"], row["tanpa_data"]) == (7, 6, 0, 1)
    assert row["dikecualikan"] == "iku-keterbukaan-informasi"  # KIP has no 2025 data: excluded, listed
    assert row["kategori"] == "AA"


def test_sasaran_averages_and_categories(res):
    s = res.sasaran[res.sasaran["tahun"] == 2025].set_index("sasaran")
    assert round(s.loc["s-1-1-5", "rata_rata"], 2) == 115.78  # the report prints 231,5 (their sum)
    assert round(s.loc["s-1-1-2", "rata_rata"], 2) == 118.86  # only the amended indicator counts
    assert round(s.loc["s-1-1-4", "efisiensi"], 2) == 53.05  # 100 − 46,95
    cap = res.capaian
    spbe = cap[(cap["indikator"] == "iku-indeks-spbe") & (cap["tahun"] == 2025) & cap["dipilih"]].iloc[0]
    assert (spbe["kategori"], spbe["predikat"], spbe["tren"]) == ("AA", "Sangat Baik", "tetap")


def test_amended_pk_supersedes_but_both_stay_visible(res):
    cap = res.capaian
    sakip = cap[(cap["indikator"] == "iku-nilai-sakip") & (cap["tahun"] == 2025)].set_index("dokumen")
    assert sakip.loc["pk-perubahan-2025", "berlaku"] and round(sakip.loc["pk-perubahan-2025", "capaian"], 2) == 117.16
    akip = cap[(cap["indikator"] == "pk-nilai-akip") & (cap["tahun"] == 2025)]
    assert len(akip) == 2 and not akip["berlaku"].any()  # the PK 2025 indicator stays, but no longer counts


def test_renstra_progress(res):
    cap = res.capaian
    row = cap[(cap["indikator"] == "iku-ip-asn") & (cap["tahun"] == 2025) & cap["dipilih"]].iloc[0]
    assert round(row["progres_renstra"], 2) == 106.96  # 82,36 against the end-of-period target 77


@pytest.mark.parametrize("tingkat, ident, serapan", [
    ("total", "t-1", "92.05"), ("sasaran", "s-1-1-2", "98.88"), ("program", "p-persandian", "46.95"),
])
def test_serapan_worked_examples(res, tingkat, ident, serapan):
    line = res.anggaran[(res.anggaran["tingkat"] == tingkat) & (res.anggaran["id"] == ident)].iloc[0]
    assert str(line["serapan"]) == serapan


def test_an_agency_with_several_tujuan_has_one_total_their_sum(tmp_path):
    """An agency whose Renstra has two tujuan, each with its budget line: the build stopped with an internal
    error (the year's serapan became a column of two values). Each tujuan keeps its line (`tujuan`) and the
    agency's total is their sum, said to be one: the default package's t-1 plus a second tujuan of
    Rp1.000.000 with Rp500.000 spent."""
    import shutil
    from decimal import Decimal

    from generator.compute.anggaran import TOTAL_ID
    from generator.render import render_site
    from generator.render.context import RenderOptions

    package = tmp_path / "p"
    shutil.copytree(DATAPACKAGE, package)
    with open(package / "data" / "node.csv", "a", encoding="utf-8") as f:
        f.write("t-2,tujuan,,T.2,,,Tujuan kedua (uji),,sekretariat,,DATA UJI\n")
    with open(package / "data" / "anggaran.csv", "a", encoding="utf-8") as f:
        f.write("t-2;lkjip-2025;Tujuan kedua (uji);1.000.000,00;500.000,00;;DATA UJI\n")
    validated = validate_package(package)
    assert validated.report.ok
    res = compute_all(validated.tables)
    year = res.anggaran[res.anggaran["tahun"] == 2025]
    total = year[year["tingkat"] == "total"]
    assert list(total["id"]) == [TOTAL_ID]
    assert total.iloc[0]["pagu"] == Decimal("9080049540.00") and total.iloc[0]["realisasi"] == Decimal("8357682305.00")
    assert str(total.iloc[0]["serapan"]) == "92.04"  # 8.357.682.305 / 9.080.049.540
    assert sorted(year.loc[year["tingkat"] == "tujuan", "id"]) == ["t-1", "t-2"]
    assert str(res.ringkasan.loc[res.ringkasan["tahun"] == 2025, "serapan"].iloc[0]) == "92.04"
    pages = render_site(validated.tables, res, options=RenderOptions(static_svg=False)).pages
    assert "Rp9.080.049.540 (Rp9,08 miliar)" in pages["anggaran.md"]
    assert "angka di atas adalah jumlah seluruh tujuan." in pages["anggaran.md"]
    home = pages["index.md"]  # its card gave t-1's line: 92,05 %
    assert '<p class="kt-kartu__angka">92,04%</p>' in home and "92,05%" not in home


def test_a_report_that_prints_only_its_programmes_has_their_sum_as_its_total(tmp_path):
    """Many reports print the budget per programme only, with no line for the agency or its sasaran. The
    Anggaran page added the programmes up; the home page, `ringkasan.csv` and the generated LKjIP had no
    total at all. Now the total is the sum of the top lines (`budget_lines`, `_jumlah`), the same on every
    page: the default package without its tujuan and sasaran lines still has Rp9.079.049.540 /
    Rp8.357.182.305 (92,05 %), the sum of its 5 programmes, which is what the report prints as its total."""
    import re
    import shutil
    from decimal import Decimal

    from generator.compute.anggaran import TOTAL_ID
    from generator.render import common_facts, lkjip, render_site
    from generator.render.context import Inputs, PageContext, RenderOptions
    from generator.render.environment import environment

    package = tmp_path / "p"
    shutil.copytree(DATAPACKAGE, package)
    path = package / "data" / "anggaran.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not re.match(r"(t-1|s-1-1-\d);lkjip-2025;", line)), encoding="utf-8")
    validated = validate_package(package)
    assert validated.report.ok
    res = compute_all(validated.tables)
    total = res.anggaran[res.anggaran["tingkat"] == "total"]
    assert list(total["id"]) == [TOTAL_ID] and list(total["uraian"]) == ["Jumlah seluruh program"]
    assert total.iloc[0]["pagu"] == Decimal("9079049540.00") and total.iloc[0]["realisasi"] == Decimal("8357182305.00")
    assert total.iloc[0]["sumber"] == "dihitung: jumlah 5 baris program dokumen ini"
    assert str(res.ringkasan.set_index("tahun").loc[2025, "serapan"]) == "92.05"
    pages = render_site(validated.tables, res, options=RenderOptions(static_svg=False)).pages
    assert '<p class="kt-kartu__angka">92,05%</p>' in pages["index.md"]
    assert "angka di atas adalah jumlah seluruh program." in pages["anggaran.md"]
    t = validated.tables
    doc = lkjip.model(PageContext(environment(), t, res, common_facts(t), Inputs(), RenderOptions()))
    assert any("Pagu Rp9.079.049.540,00, realisasi Rp8.357.182.305,00, serapan 92,05%" in str(b.get("teks", ""))
               and "angka ini jumlah seluruh program." in str(b.get("teks", "")) for b in doc["blok"])
    # each sasaran's serapan is its programmes' (it read "–" on the home page and the sasaran page)
    assert ("| 95,39%<br><small>dihitung dari 1 program di bawahnya</small> |" in pages["index.md"])
    assert "Serapan anggaran</a>" in pages["sasaran/s-1-1-5.md"]
    assert ": 90,57% (dihitung dari 1 program di bawahnya)." in pages["sasaran/s-1-1-5.md"]
    assert ("| 95,39%<br><small>dihitung dari 1 program di bawahnya</small> | 108,88% | 13,49 poin | Rp285.697.300 | "
            "Rp272.526.280 |") in pages["anggaran.md"]  # the Anggaran page's table by sasaran was left out
    summary = next(b for b in doc["blok"] if b.get("judul") == "Capaian dan serapan anggaran per sasaran strategis 2025")
    assert [row[4] for row in summary["baris"]] == ["95,39% *", "98,88% *", "91,54% *", "46,95% *", "90,57% *"]
    assert summary["catatan"] == ("* Laporan tidak mencetak anggaran sasaran ini; serapannya dihitung dari baris "
                                  "anggaran di bawahnya.")
    efficiency = next(b for b in doc["blok"] if b.get("judul") == "Capaian dan serapan anggaran per sasaran 2025")
    assert [row[3] for row in efficiency["baris"]] == ["95,39% *", "98,88% *", "91,54% *", "46,95% *", "90,57% *"]
    assert efficiency["catatan"].endswith("* Laporan tidak mencetak anggaran sasaran ini; serapannya dihitung dari "
                                          "baris anggaran di bawahnya.")


def test_a_sasaran_without_indicators_keeps_its_budget():
    """A sasaran with a budget line but no indicator that year (here 1.1.4 without its two indicators) had no
    row in the per-sasaran summary: the home page gave its serapan as "–" and the Anggaran page left it out,
    though the report prints its line. It keeps its serapan, with no average and no efficiency."""
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions

    t = default_tables()
    gone = set(t["indikator"].loc[t["indikator"]["node"] == "s-1-1-4", "id"])
    assert gone == {"iku-kesiapan-keamanan", "pk-kematangan-keamanan"}
    frames = {name: (frame[~frame["id"].isin(gone)] if name == "indikator" else
                     frame[~frame["indikator"].isin(gone)] if "indikator" in frame.columns else frame)
              for name, frame in t.frames.items()}
    changed = Tables(frames, t.settings, t.descriptor)
    res = compute_all(changed)
    row = res.sasaran.set_index(["sasaran", "tahun"]).loc[("s-1-1-4", 2025)]
    assert str(row["serapan"]) == "46.95" and pd.isna(row["rata_rata"]) and pd.isna(row["efisiensi"])
    pages = render_site(changed, res, options=RenderOptions(static_svg=False)).pages
    assert ("| 1.1.4 [Meningkatnya keamanan informasi lingkungan Pemerintah Daerah](sasaran/s-1-1-4.md) | – | 46,95% |"
            in pages["index.md"])
    assert ("| [1.1.4 Meningkatnya keamanan informasi lingkungan Pemerintah Daerah](sasaran/s-1-1-4.md) | 46,95% | – | "
            "– | Rp92.601.000 | Rp43.476.200 |") in pages["anggaran.md"]


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(["t-1", "s-1-1-1", "s-1-1-2", "s-1-1-3", "s-1-1-4", "s-1-1-5"])),
       st.sets(st.sampled_from(["s-1-1-1", "s-1-1-2", "s-1-1-3", "s-1-1-4", "s-1-1-5"]), max_size=2))
def test_a_sasaran_without_its_line_has_the_serapan_of_the_lines_beneath_it(dropped, unspent):
    """The 2025 LKjIP prints each sasaran's budget and its programmes'; every sasaran line is the sum of the
    programmes beneath it. Whichever of the tujuan and sasaran lines a report leaves out, each sasaran keeps
    the same pagu, realisasi and serapan, computed from its programmes for the ones left out (and said to be
    so), unless a programme of it has no realisasi: then its realisasi and serapan are unknown, never a sum
    of the others."""
    from generator.compute.anggaran import budget_lines, sasaran_budget
    from generator.load import Tables

    t = default_tables()
    printed = sasaran_budget(budget_lines(t), t["node"]).set_index(["sasaran", "tahun"])
    ang = t["anggaran"]
    mine = ang["dokumen"] == "lkjip-2025"
    keep = ~(mine & ang["node"].isin(dropped))
    sasaran_of = dict(zip(t["node"]["id"], t["node"]["induk"]))
    programme = ang["node"].map(lambda n: sasaran_of.get(n) in unspent and n.startswith("p-"))
    changed = ang[keep].copy().astype(object)
    changed.loc[mine[keep] & programme[keep], "realisasi"] = None
    tables = Tables({**t.frames, "anggaran": changed}, t.settings, t.descriptor)
    got = sasaran_budget(budget_lines(tables), tables["node"]).set_index(["sasaran", "tahun"])
    for s in ("s-1-1-1", "s-1-1-2", "s-1-1-3", "s-1-1-4", "s-1-1-5"):
        row, before = got.loc[(s, 2025)], printed.loc[(s, 2025)]
        assert row["pagu"] == before["pagu"]
        assert pd.isna(row["dijumlah"]) == (s not in dropped)
        if s in dropped and s in unspent:
            assert pd.isna(row["realisasi"]) and pd.isna(row["serapan"])
        elif s not in unspent:
            assert row["realisasi"] == before["realisasi"] and row["serapan"] == before["serapan"]


@pytest.mark.parametrize("lines, parts, summed", [
    (["t-1", "s-1-1-1", "p-ikp"], ["t-1"], None),  # the one tujuan line: the total as printed
    (["t-1", "t-2", "p-x"], ["t-1", "t-2"], "tujuan"),  # several tujuan are added up
    (["p-ikp", "k-ikp", "p-aptika"], ["p-ikp", "p-aptika"], "program"),  # the programmes, their kegiatan inside
    (["s-1-1-1", "p-aptika"], ["s-1-1-1", "p-aptika"], "sasaran dan program"),  # p-ikp sits under s-1-1-1
    (["k-ikp", "p-aptika"], [], None),  # a kegiatan at the top: no total anyone printed or can claim
])
def test_the_lines_that_make_the_agencys_total(lines, parts, summed):
    """`domain.anggaran.total_parts`, the one rule for the agency's budget total, on the default tree (plus a
    second tujuan t-2 with a programme p-x)."""
    from generator.domain.anggaran import total_parts

    parent = {"t-1": None, "t-2": None, "s-1-1-1": "t-1", "s-1-1-2": "t-1", "p-ikp": "s-1-1-1", "p-aptika": "s-1-1-2",
              "k-ikp": "p-ikp", "p-x": "t-2"}
    tier = {"t-1": "tujuan", "t-2": "tujuan", "s-1-1-1": "sasaran", "s-1-1-2": "sasaran", "p-ikp": "program",
            "p-aptika": "program", "k-ikp": "kegiatan", "p-x": "program"}
    assert total_parts(lines, parent, tier) == (parts, summed)


def test_silpa_share_and_roll_up(res):
    total = res.anggaran[res.anggaran["tingkat"] == "total"].iloc[0]
    assert str(total["porsi_silpa"]) == "7.95"  # the report's SILPA 7,95 %
    assert total["pagu_rincian"] == total["pagu"]


positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(target=positive, real=positive)
def test_capaian_is_never_negative_and_lower_better_is_floored(target, real):
    assert capaian_value(target, real) >= 0
    low = capaian_value(target, real, RENDAH)
    assert 0 <= low <= 200 + 1e-9


@settings(max_examples=300, deadline=None)
@given(target=positive, a=positive, b=positive)
def test_capaian_is_monotonic_in_the_good_direction(target, a, b):
    small, large = sorted((a, b))
    assert capaian_value(target, small) <= capaian_value(target, large) + 1e-9
    assert capaian_value(target, small, RENDAH) + 1e-9 >= capaian_value(target, large, RENDAH)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(positive, positive), min_size=1, max_size=30), st.randoms())
def test_vectorised_capaian_does_not_depend_on_row_order(pairs, rnd):
    frame = pd.DataFrame(pairs, columns=["t", "r"])
    frame["c"] = capaian_values(frame["t"], frame["r"], ["tinggi_lebih_baik"] * len(frame), ["angka"] * len(frame))
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 2**31))
    again = capaian_values(shuffled["t"], shuffled["r"], ["tinggi_lebih_baik"] * len(frame), ["angka"] * len(frame))
    assert list(again) == pytest.approx(list(shuffled["c"]))
    assert frame["c"].mean() == pytest.approx(shuffled["c"].mean())


def _edited(t, **edits):
    """The default tables with cells changed in memory: {table: [(row filter, {column: value})]}."""
    from generator.load import Tables

    frames = dict(t.frames)
    for name, changes in edits.items():
        frame = frames[name].copy()
        for where, values in changes:
            rows = where(frame)
            assert rows.any(), (name, values)
            for column, value in values.items():
                frame.loc[rows, column] = value
        frames[name] = frame
    return Tables(frames, t.settings, t.descriptor)


def test_figures_on_a_class_boundary_a_range_end_target_and_a_printed_capaian_that_differs():
    """Found by building varied copies of the default package (each passed validation):
    - IPS 2,97 against 3,3 is exactly 90 %, class A (AA is "above 90"); the binary float 90.00000000000001 put
      it in AA on every page. An IKM typed unrounded (88,305) is judged as published, 88,31: mutu A, as the
      survey page says (the indicator's predicate said B). Classes are read from the published figure.
    - A range end-of-period target (77 – 85): progress inside the range is 100, as a capaian is, and the
      target is shown as the range (it read "77" and 106,96 %).
    - A printed capaian that is not the data's (SPBE 118,86 printed, 109,47 from a PK Perubahan target of
      3,80): the printed average's difference is more than rounding, and the home page does not say it is.
    - A missed IKU is named in the link preview's description, as on the page."""
    from generator.render import render_site
    from generator.render.context import RenderOptions

    t = _edited(
        default_tables(),
        target=[(lambda f: (f["indikator"] == "iku-ips") & (f["tahun"] == 2025), {"nilai": 3.3, "label": "3,3"}),
                (lambda f: (f["indikator"] == "iku-indeks-spbe") & (f["dokumen"] == "pk-perubahan-2025"),
                 {"nilai": 3.8, "label": "3,80"})],
        realisasi=[(lambda f: (f["indikator"] == "iku-ips") & (f["tahun"] == 2025), {"nilai": 2.97, "label": "2,97"}),
                   (lambda f: (f["indikator"] == "iku-kepuasan-informasi") & (f["tahun"] == 2025),
                    {"nilai": 88.305, "label": "88,305"})],
        indikator=[(lambda f: f["id"] == "iku-ip-asn", {"jenis_target": "rentang"})])
    asn = t["target"]["indikator"] == "iku-ip-asn"  # every IP ASN target a range 8 points wide
    t = _edited(t, target=[(lambda f: asn, {"batas_atas": t["target"].loc[asn, "nilai"] + 8})])

    res = compute_all(t)
    cap = res.capaian[(res.capaian["tahun"] == 2025) & res.capaian["dipilih"]].set_index("indikator")
    assert cap.loc["iku-ips", "capaian"] == pytest.approx(90) and cap.loc["iku-ips", "kategori"] == "A"
    assert cap.loc["iku-kepuasan-informasi", "predikat"] == "A"
    assert cap.loc["iku-ip-asn", "progres_renstra"] == 100
    ring = res.ringkasan.set_index("tahun").loc[2025]
    assert ring["tidak_tercapai"] == 1 and pd.isna(ring["rata_rata_dari_tercetak"])

    pages = render_site(t, res, options=RenderOptions(static_svg=False, previews=False)).pages
    ips = pages["indikator/iku-ips.md"]
    assert "90,00%" in ips and "berkategori AA" not in ips and "berkategori A" in ips
    asn_page = pages["indikator/iku-ip-asn.md"]
    assert "Target akhir periode (2029): **77 – 85**" in asn_page and "capaian terhadap target akhir 100,00%" in asn_page
    assert "| Indeks Profesionalisme ASN | 82,36 | 77 – 85 (2029) | 100,00% |" in pages["laporan-kinerja.md"]
    assert "membulatkan capaian tiap indikator" not in pages["index.md"]
    assert "Laporan mencetak 110,89%, dengan cara hitung lain" in pages["index.md"]
    assert "Bedanya lebih dari pembulatan" in pages["konsistensi.md"]
    assert "1 tidak tercapai" in pages["index.md"].split("---", 2)[1]  # the page's description (front matter)


@functools.lru_cache(maxsize=1)
def _category_scale():
    from generator.compute.scales import scales as all_scales

    t = default_tables()
    return all_scales(t["skala"], t["skala_kelas"])["kategori-capaian"]


@settings(max_examples=200, deadline=None)
@given(target=st.decimals(min_value="0.01", max_value="10000", places=2),
       bound=st.sampled_from([30, 50, 60, 70, 80, 90]))
def test_a_capaian_exactly_on_a_class_boundary_is_in_the_class_its_printed_range_names(target, bound):
    """Realisasi = target × bound ÷ 100 exactly (decimal arithmetic): the capaian is the boundary itself,
    whatever binary float the division gives, so it belongs to the class "above the next bound, up to
    this one" of the 2025 LKjIP's Tabel 3.1 (90 is A, not AA; 30 is D)."""
    scale = _category_scale()
    real = target * bound / 100
    value = capaian_value(float(target), float(real))
    upper = {c["kode"]: c["batas_atas"] for c in scale.classes}
    assert upper[scale.classify(value).kode] == bound


def test_a_line_whose_part_has_no_realisasi_has_no_sum_of_its_parts():
    """A programme of sasaran 1.1.2 without its 2025 realisasi (accepted with a warning): the sasaran's
    realisasi of its parts was the sum of the others (Rp0 when none had one), and the consistency page listed
    the difference as a printed figure that disagrees. The sum of parts is unknown, and nothing is listed."""
    from generator.compute.anggaran import budget_lines

    t = default_tables()
    under = set(t["node"].loc[t["node"]["induk"] == "s-1-1-2", "id"])
    t = _edited(t, anggaran=[(lambda f: f["node"].isin(under) & (f["dokumen"] == "lkjip-2025"), {"realisasi": None})])
    lines = budget_lines(t).set_index(["id", "tahun"])
    assert pd.isna(lines.loc[("s-1-1-2", 2025), "realisasi_rincian"])
    assert lines.loc[("s-1-1-2", 2025), "pagu_rincian"] == lines.loc[("s-1-1-2", 2025), "pagu"]
    kons = compute_all(t).konsistensi
    assert not kons["objek"].str.startswith("Realisasi Meningkatnya penyelenggaraan pemerintahan berbasis digital").any()


@pytest.mark.parametrize("value, label, predikat", [(4.195, "4,195", "Sangat Baik"), (4.2, "4,20", "Memuaskan"),
                                                    (4.195, "4,20", "Memuaskan")])
def test_a_realisasi_is_classed_as_it_is_printed(value, label, predikat):
    """A realisasi printed with three decimals is classed at its printed precision: "4,195" is below the
    SPBE predicate's 4,2 (rounded to 2 decimals it read as 4,20, Memuaskan, beside the printed 4,195)."""
    t = _edited(default_tables(), realisasi=[(lambda f: (f["indikator"] == "iku-indeks-spbe") & (f["tahun"] == 2025),
                                               {"nilai": value, "label": label})])
    cap = compute_all(t).capaian
    row = cap[(cap["indikator"] == "iku-indeks-spbe") & (cap["tahun"] == 2025) & cap["dipilih"]].iloc[0]
    assert row["predikat"] == predikat


# --- Every published figure rounded once, from its exact value (found by recomputing a portal's figures) ---

def _exact_capaian(target, real, lower=False):
    from fractions import Fraction

    t, r = Fraction(str(target)), Fraction(str(real))
    return max((2 * t - r) / t * 100, Fraction(0)) if lower else r / t * 100


@pytest.mark.parametrize("target, real, lower, shown, kategori", [
    (200, 120.01, False, "60.01", "B"),   # 60,005: the binary quotient 60,00499… read 60,00 and class CC
    (80, 56.26, False, "70.33", "BB"),     # 70,325
    (8, 5.87, True, "126.63", "AA"),       # (16 − 5,87)/8 = 126,625
])
def test_a_capaian_on_a_half_rounds_up_from_its_exact_value(target, real, lower, shown, kategori):
    from generator.domain.values import round_half_up

    value = capaian_value(target, real, RENDAH if lower else "tinggi_lebih_baik")
    assert str(round_half_up(value)) == shown
    assert _category_scale().classify(value).kode == kategori


decimal2 = st.decimals(min_value="0.01", max_value="100000", places=2)


@settings(max_examples=300, deadline=None)
@given(target=decimal2, real=st.decimals(min_value="0", max_value="200000", places=2), lower=st.booleans())
def test_the_rounded_capaian_is_the_exact_one_rounded_half_up(target, real, lower):
    """Targets and realisasi as operators type them (2 decimals): the published capaian is the exact quotient
    rounded half up, whatever binary float the division gives."""
    from generator.domain.values import round_half_up

    value = capaian_value(float(target), float(real), RENDAH if lower else "tinggi_lebih_baik")
    assert round_half_up(value) == round_half_up(_exact_capaian(target, real, lower))


@settings(max_examples=300, deadline=None)
@given(target=decimal2, hundredths=st.integers(min_value=0, max_value=19999), lower=st.booleans())
def test_a_capaian_exactly_on_a_half_rounds_up(target, hundredths, lower):
    """Realisasi chosen so the exact capaian ends in a half (c = k/100 + 0,005): it rounds up, never down."""
    from decimal import Decimal

    from generator.domain.values import round_half_up

    c = Decimal(hundredths) / 100 + Decimal("0.005")
    real = target * (2 - c / 100) if lower else target * c / 100
    value = capaian_value(float(target), float(real), RENDAH if lower else "tinggi_lebih_baik")
    assert round_half_up(value) == round_half_up(c)


def test_a_capaian_shown_as_100_is_tercapai():
    """24.999 against 25.000 is 99,996 %, shown 100,00 %: the page said "100,00% … belum tercapai karena
    capaiannya di bawah 100%". Tercapai reads the capaian as shown, like its class."""
    from generator.compute.capaian import met

    assert met(capaian_value(25000, 24999)) is True
    assert met(capaian_value(25000, 24998)) is False  # 99,992 → 99,99
    assert met(None) is None


def test_averages_and_shares_are_exact_before_they_are_rounded():
    """A sasaran's mean of 60,005 and 70,325 is 65,165 → 65,17 (binary: 65,16499… → 65,16); a serapan of
    10.009.000 of 20.000.000 is 50,045 → 50,05 (the chart said 50,04 beside the table's 50,05)."""
    from generator.compute.capaian import node_averages
    from generator.domain.values import mean, percent, round_half_up

    assert str(round_half_up(mean([60.005, 70.325]))) == "65.17"
    rows = pd.DataFrame({"node": ["s", "s"], "tahun": [2025, 2025], "indikator": ["a", "b"], "berlaku": [True, True],
                         "capaian": [capaian_value(200, 120.01), capaian_value(80, 56.26)],
                         "tercapai": [False, False], "status_realisasi": ["final", "final"]})
    assert str(round_half_up(node_averages(rows, None)["rata_rata"].iloc[0])) == "65.17"
    assert str(percent(10_009_000, 20_000_000)) == "50.05" and percent(1, 0) is None and percent(None, 5) is None


def test_the_unspent_share_is_rounded_once_from_the_exact_share(res):
    """Sub kegiatan A.5.3 of the 2025 LKjIP (Tabel 3.18): pagu 20.000.000, realisasi 18.845.000, so SILPA
    1.155.000 is 5,775 % of the pagu → 5,78. It was 100 − 94,23 (the rounded serapan) = 5,77."""
    row = res.anggaran[res.anggaran["id"] == "sk-rehab-sarpras-pendukung"].iloc[0]
    assert (str(row["serapan"]), str(row["silpa"]), str(row["porsi_silpa"])) == ("94.23", "1155000.00", "5.78")


def test_the_budget_chart_takes_the_tables_serapan():
    from decimal import Decimal

    from generator.render import charts

    rows = pd.DataFrame({"uraian": ["Program Persandian", "Program Statistik"],
                         "pagu": [Decimal("20000000.00"), Decimal("20000000.00")],
                         "realisasi": [Decimal("10009000.00"), Decimal("10023000.00")]})
    chart = charts.anggaran("anggaran-uji", "Anggaran", rows, 2025)
    assert list(chart.table["Serapan"]) == ["50,05%", "50,12%"]
    assert "(serapan 50,08%)" in chart.summary and "serapan terendah Program Persandian (50,05%)" in chart.summary


@pytest.mark.parametrize("label, places", [("2.499,9", 1), ("1.000", 0), ("12.345.678,50", 2), ("91.00", 2),
                                           ("0.385", 3), ("108,9", 1), ("110,89%", 2), ("103%", 0), ("Level 2", 0),
                                           ("1.2345", 4), ("-", 0), (None, 0)])
def test_decimals_of_a_printed_label(label, places):
    """A point before three digits groups thousands, as operators write Rupiah and counts ("2.499,9" showed
    as "2.500" on the indicator page); a report's own decimal point ("91.00") stays a decimal point."""
    from generator.domain.values import decimals

    assert decimals(label) == places


@pytest.mark.parametrize("label, value, places", [("4.195", 4.195, 3), ("4.195", 4195, 0), ("1.000", 1, 3),
                                                  ("1.000", 1000, 0), ("2.499,9", 2499.9, 1), ("91.00", 91, 2)])
def test_decimals_of_a_label_beside_the_value_it_prints(label, value, places):
    """A point that cannot group the value's thousands is the report's decimal point: "4.195" printing 4,195
    has three decimals (read as thousands, the predicate was judged at 4,20 and the page showed "4")."""
    from generator.domain.values import decimals

    assert decimals(label, value) == places


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(min_value=1000, max_value=10**12), places=st.integers(min_value=0, max_value=4),
       fraction=st.integers(min_value=0, max_value=9999))
def test_decimals_of_an_indonesian_number_with_thousands(whole, places, fraction):
    from generator import fmt
    from generator.domain.values import decimals

    text = fmt.angka(whole, 0) + ("," + str(fraction).zfill(4)[:places] if places else "")
    assert decimals(f"{text} orang") == places


@settings(max_examples=12, deadline=None)
@given(limit=st.sampled_from([100.0, 105.0, 110.0, 115.0, 120.0, 150.0]))
def test_a_capped_average_names_what_it_counts_at_the_cap(limit):
    """With the package's cap on averages (`batas_capaian_rata_rata`), a sasaran page read "Rata-rata capaian
    2025: 120,00% (1 dari 1 indikator dengan data)" above a table showing 200,00%: nothing on the page, the
    home page or the report said the average counts a capaian at the cap. Each now names the indicators
    capped, and the average is the mean of the capped values of exactly those named and the others."""
    import dataclasses

    from generator import fmt
    from generator.compute.capaian import over_cap
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import beranda, lkjip, sasaran

    t = default_tables()
    capped = Tables(t.frames, dataclasses.replace(t.settings, batas_capaian_rata_rata=limit), t.descriptor)
    res = compute_all(capped)
    site = render_site(capped, res, options=RenderOptions(static_svg=False, previews=False),
                       modules=(beranda, sasaran, lkjip))
    names = dict(zip(t["indikator"]["id"], t["indikator"]["nama"]))
    cap = res.capaian[(res.capaian["tahun"] == 2025) & res.capaian["berlaku"]]
    words = f"capaian di atas {fmt.persen(limit)} dihitung {fmt.persen(limit)} dalam rata-rata ini (batas paket data): "
    iku = over_cap(cap[cap["iku"] == True], limit)  # noqa: E712
    said = f"{words}{fmt.daftar(f'{names[i]} {fmt.persen(c)}' for i, c in zip(iku['indikator'], iku['capaian']))}"
    home, report = site.pages["index.md"], site.pages["laporan-kinerja.md"]
    assert (said[0].upper() + said[1:] in home) == (len(iku) > 0) and (f"Dalam rata-rata itu, {said}." in report) == (len(iku) > 0)
    assert ("dalam rata-rata ini (batas paket data)" in home) == (len(iku) > 0)
    for node in sorted(set(cap["node"])):
        mine = cap[cap["node"] == node]
        over = over_cap(mine, limit)
        page = site.pages.get(f"sasaran/{node}.md")
        if page is None or not mine["capaian"].notna().any():
            continue
        expected = fmt.daftar(f"{names[i]} {fmt.persen(c)}" for i, c in zip(over["indikator"], over["capaian"]))
        assert (f"; {words}{expected})." in page) == (len(over) > 0), node
        mean = mine["capaian"].dropna().clip(upper=limit).mean()
        assert f"**{fmt.persen(mean)}**" in page, node
