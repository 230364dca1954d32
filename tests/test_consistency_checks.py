"""Consistency checks on the default package: the report's real defects, and nothing that is only rounding."""
from __future__ import annotations

import pytest

from conftest import DATAPACKAGE, default_tables
from generator.compute.konsistensi import Interval, decimals, printed
from generator.compute.results import compute_all
from generator.validate import validate_package


@pytest.fixture(scope="module")
def k():
    return compute_all(default_tables()).konsistensi


def refs(k) -> set[str]:
    return {r for cell in k["rujukan"] for r in cell.split(",")}


def test_the_defects_named_in_the_seed_readme_are_listed(k):
    found = refs(k)
    assert "t313-rata-rata" in found  # Tabel 3.13: 231,5 is the sum of 114,3 and 117,2, not their mean
    row = k[k["rujukan"] == "t313-rata-rata"].iloc[0]
    assert row["dihitung"] == "115,78" and "jumlah" in row["keterangan"]
    assert "t315-belanja-operasi,t316-belanja-operasi" in set(k["rujukan"])  # 8.288.093.465 vs 8.286.093.465
    assert {"t33-ipasn", "t313-ipasn", "t314-ipasn"} <= found  # 82,36/72 = 114,39 printed 114,3 (truncated)
    assert "t33-ips,t39-ips" in set(k["rujukan"])  # 106,1 in Tabel 3.3, 106,2 in Tabel 3.9
    assert "teks-112-capaian-sasaran" in found  # headline 166,67 belongs to the pre-amendment indicators


def test_every_listed_figure_has_its_recomputation_or_says_there_is_none(k):
    """A capaian printed differently in two tables (IPS 106,1 in Tabel 3.3, 106,2 in Tabel 3.9) showed an
    empty "Hitung ulang" cell: the data's capaian stands there now; two printed budget figures compared with
    each other say that nothing was recomputed."""
    assert not (k["dihitung"].isna() | (k["dihitung"] == "")).any()
    by_ref = k.set_index("rujukan")["dihitung"]
    assert by_ref["t33-ips,t39-ips"] == "106,15"
    assert by_ref["t315-belanja-operasi,t316-belanja-operasi"] == "tidak dihitung ulang"


def test_rounding_alone_is_never_listed(k):
    found = refs(k)
    assert "t33-rata-rata" not in found  # 110,89 vs 110,91 from unrounded inputs: within tolerance
    for rounding_only in ("t33-kepuasan", "t35-kepuasan-2024", "t313-sakip-2024", "t33-sakip",
                          "t37-digital-adm-2024", "t37-digital-adm-2025", "t37-rata-rata-2024", "bab34-silpa"):
        assert rounding_only not in found, rounding_only


def test_budget_sums_and_printed_percentages(k):
    rows = k[k["pemeriksaan"] == "penjumlahan"]
    assert set(rows["rujukan"]) == {"t315-belanja-daerah", "t315-belanja-operasi"}
    serapan = set(k[k["pemeriksaan"] == "serapan"]["rujukan"])
    assert serapan == {"s-1-1-1", "t315-belanja-operasi", "t315-belanja-modal"}  # 95,38 truncated; Tabel 3.15 defects
    counts = k[k["pemeriksaan"] == "jumlah_kegiatan"].set_index("rujukan")
    assert counts.loc["t317-jumlah-kegiatan-2", "dihitung"] == "2"  # Tabel 3.17 counts 1 kegiatan for sasaran 2


def test_intervals():
    assert decimals("108,9") == 1 and decimals("110,89%") == 2 and decimals("103%") == 0 and decimals("91.00") == 2
    assert printed(114.3, "114,3") == Interval(114.25, 114.35)
    assert not Interval(114.382, 114.396).meets(printed(114.3, "114,3"))
    assert Interval(110.85, 110.96).meets(printed(110.89, "110,89"))


def test_a_survey_named_as_realisasi_agrees_with_it_or_is_listed(k, tmp_path):
    """The survey page says "Dipakai sebagai realisasi indikator": the default package's three surveys agree
    with their indicators (88,19, 82,35, 91,00) and are not listed; a realisasi that differs from its survey
    beyond its printed decimals is one row with both figures (a synthetic kabupaten showed 79,13 on the survey
    page and 93,07 on the indicator's, and this page found nothing)."""
    import shutil

    from conftest import edit_csv

    assert "survei" not in set(k["pemeriksaan"])
    shutil.copytree(DATAPACKAGE, tmp_path / "pkg")
    edit_csv(tmp_path / "pkg" / "data" / "realisasi.csv", 'iku-kepuasan-informasi,2025,88.19,"88,19%"',
             'iku-kepuasan-informasi,2025,88.21,"88,21%"')
    found = compute_all(validate_package(tmp_path / "pkg").tables).konsistensi
    rows = found[found["pemeriksaan"] == "survei"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["tahun"], row["tercetak"], row["dihitung"], row["rujukan"]) == (
        2025, "88,21%", "88,19", "skm-informasi-publik-2025,iku-kepuasan-informasi")
    assert round(row["selisih"], 2) == 0.02 and "disebut sebagai realisasi" in row["keterangan"]
    edit_csv(tmp_path / "pkg" / "data" / "realisasi.csv", '88.21,"88,21%"', '88.2,"88,2%"')  # 88,19 printed with one decimal
    found = compute_all(validate_package(tmp_path / "pkg").tables).konsistensi
    assert "survei" not in set(found["pemeriksaan"])


@pytest.mark.parametrize("ikm, mutu, responden, found", [
    ("85.26", "Baik", "1620", []),  # as computed: nothing to list
    ("85.264", "B", "1620", []),  # within the printed decimals; the mutu by its code
    ("85.3", "B (Baik)", "1620", []),  # printed with one decimal; the mutu as the survey page writes it
    ("85.26", "Baik (B)", "1620", []),
    ("80.00", "Baik", "1620", [("IKM", "80,00", "85,26")]),
    ("85.655", "Baik", "1620", [("IKM", "85,66", "85,26")]),  # three decimals: read as decimals, not thousands
    ("85.26", "Sangat Baik", "1600", [("Mutu pelayanan", "Sangat Baik", "B (Baik)"),
                                      ("Jumlah responden", "1.600", "1.620")]),
])
def test_a_printed_survey_that_differs_from_its_answers_is_listed(tmp_path, ikm, mutu, responden, found):
    """The synthetic example's 2025 survey has its 1.620 answers in the package (IKM 85,26, mutu B): a report
    that printed another IKM, mutu or number of respondents was shown on the survey page and listed nowhere.
    Each differing figure is now a consistency row, the printed value beside the recomputed one."""
    import shutil

    from conftest import EXAMPLE

    package = tmp_path / "p"
    shutil.copytree(EXAMPLE, package)
    path = package / "data" / "survei.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2025,2025-05-05,2025-10-31,85.26,Baik,1620,",
                                 f"2025,2025-05-05,2025-10-31,{ikm},{mutu},{responden},", 1), encoding="utf-8")
    validated = validate_package(package)
    assert validated.report.ok
    rows = compute_all(validated.tables).konsistensi
    rows = rows[rows["pemeriksaan"] == "survei"]
    assert [(o.rsplit(" Layanan", 1)[0], p, c) for o, p, c in zip(rows["objek"], rows["tercetak"], rows["dihitung"])] \
        == found
