"""The default package reproduces the 2025 LKjIP of Diskominfo SP Belitung Timur, figure by figure.

Expected values are typed here from the report (table numbers in comments), independently of the
CSV files, so a transcription slip in either place fails a test.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from conftest import DATAPACKAGE, ROOT
from generator.compute.targets import applicable_targets
from generator.validate import validate_package

D = Decimal


@pytest.fixture(scope="module")
def t():
    validated = validate_package(DATAPACKAGE)
    assert validated.report.ok, validated.report.lines()
    return validated.tables


def _real(t, ind, year):
    rows = t["realisasi"][(t["realisasi"]["indikator"] == ind) & (t["realisasi"]["tahun"] == year)]
    assert len(rows) == 1, (ind, year)
    return rows.iloc[0]


# Tabel 3.3: indicator → (target 2025, realisasi 2025, realisasi status)
TABEL_3_3 = {
    "iku-kepuasan-informasi": (81, 88.19, "final"),
    "iku-keterbukaan-informasi": (90, None, "tidak_ada"),
    "iku-indeks-spbe": (3.50, 4.16, "dibawa"),
    "iku-ips": (2.6, 2.76, "dibawa"),
    "iku-kesiapan-keamanan": (2, 2, "dibawa"),
    "iku-ip-asn": (72, 82.36, "final"),
    "iku-nilai-sakip": (67, 78.50, "final"),
}


@pytest.mark.parametrize("indicator", sorted(TABEL_3_3))
def test_tabel_3_3_target_and_realisasi_2025(t, indicator):
    target, real, status = TABEL_3_3[indicator]
    chosen = applicable_targets(t["target"], t["dokumen"], t.settings.urutan_dokumen_target)
    row = chosen[(chosen["indikator"] == indicator) & (chosen["tahun"] == 2025)].iloc[0]
    assert row["nilai"] == pytest.approx(target)
    assert row["dokumen"] == "pk-perubahan-2025"  # the amended PK applies (Tabel 2.7)
    r = _real(t, indicator, 2025)
    assert r["status"] == status
    if real is None:
        assert pd.isna(r["nilai"])  # "-" in the report: no data, never 0
    else:
        assert r["nilai"] == pytest.approx(real)


def test_iku_set_is_the_seven_indicators_of_tabel_2_4(t):
    iku = t["indikator"][t["indikator"]["iku"] == True]  # noqa: E712 - pandas boolean column
    assert sorted(iku["id"]) == sorted(TABEL_3_3)


def test_replaced_pk_indicators_keep_their_original_targets(t):
    """PK 2025 before amendment (Tabel 2.6): both documents stay visible."""
    target = t["target"]
    pk = target[target["dokumen"] == "pk-2025"].set_index("indikator")["nilai"].to_dict()
    assert pk == {
        "pk-digitalisasi-administrasi": 20, "pk-digitalisasi-publik": 20, "pk-kepuasan-konten": 83,
        "pk-sistem-data": 1, "pk-kematangan-keamanan": 3, "pk-nilai-akip": 76,
    }
    replaced = t["indikator"].set_index("id")["diganti_oleh"].dropna().to_dict()
    assert replaced["pk-nilai-akip"] == "iku-nilai-sakip"
    assert replaced["pk-sistem-data"] == "iku-ips"


def test_renstra_2025_2029_targets(t):
    """Tabel 2.3 (the five years and the end-of-period target) and Tabel 3.6/3.8/3.10/3.12 (2025)."""
    r = t["target"][t["target"]["dokumen"] == "renstra-2025-2029"]
    annual = r[r["jenis"] == "tahunan"]
    by = {(i, y): v for i, y, v in zip(annual["indikator"], annual["tahun"], annual["nilai"])}
    assert [by[("iku-ip-asn", y)] for y in range(2025, 2030)] == [72, 73, 74, 75, 76]
    assert [by[("iku-nilai-sakip", y)] for y in range(2025, 2030)] == [67, 69, 70, 72, 75]
    end = r[r["jenis"] == "akhir_periode"].set_index("indikator")["nilai"].to_dict()
    assert end == {"iku-ip-asn": 77, "iku-nilai-sakip": 78}
    assert by[("iku-kepuasan-informasi", 2025)] == 81
    assert by[("iku-indeks-spbe", 2025)] == 3.50
    assert by[("iku-ips", 2025)] == 2.6
    assert by[("iku-kesiapan-keamanan", 2025)] == 2


def test_2024_comparison_figures(t):
    """Tabel 3.5, 3.7, 3.9, 3.11, 3.13: 2024 target and realisasi."""
    assert _real(t, "iku-kepuasan-informasi", 2024)["nilai"] == 82.35
    assert _real(t, "iku-indeks-spbe", 2024)["nilai"] == 4.16
    assert _real(t, "iku-nilai-sakip", 2024)["nilai"] == 78.40
    assert _real(t, "pk-digitalisasi-publik", 2024)["nilai"] == 24.24
    assert pd.isna(_real(t, "iku-ip-asn", 2024)["nilai"])
    t24 = t["target"][t["target"]["dokumen"] == "pk-2024"].set_index("indikator")["nilai"].to_dict()
    assert t24["iku-kepuasan-informasi"] == 80 and t24["iku-indeks-spbe"] == 2.90 and t24["iku-nilai-sakip"] == 75


# Tabel 3.18: node → (pagu, realisasi, serapan as printed)
TABEL_3_18 = {
    "p-penunjang": ("6679694590.00", "6049694006.00", 90.57),
    "k-adm-keuangan": ("5552821790.00", "5017669322.00", 90.36),
    "sk-gaji-tunjangan": ("5552821790.00", "5017669322.00", 90.36),
    "k-adm-umum": ("230259400.00", "214331695.00", 93.08),
    "sk-instalasi-listrik": ("9514900.00", "9240195.00", 97.11),
    "sk-peralatan-kantor": ("56909000.00", "52400436.00", 92.08),
    "sk-logistik-kantor": ("36833500.00", "31995650.00", 86.87),
    "sk-barang-cetak": ("27002000.00", "26009298.00", 96.32),
    "sk-rapat-koordinasi": ("100000000.00", "94686116.00", 94.69),
    "k-pengadaan-bmd": ("3995000.00", "3940500.00", 98.64),
    "sk-sarpras-gedung": ("3995000.00", "3940500.00", 98.64),
    "k-jasa-penunjang": ("652994400.00", "586044189.00", 89.75),
    "sk-surat-menyurat": ("1000000.00", "1000000.00", 100),
    "sk-jasa-komunikasi": ("198780000.00", "140110519.00", 70.49),
    "sk-pelayanan-umum": ("453214400.00", "444933670.00", 98.17),
    "k-pemeliharaan-bmd": ("239624000.00", "227708300.00", 95.03),
    "sk-pemeliharaan-kendaraan": ("179024000.00", "170403300.00", 95.18),
    "sk-rehab-sarpras": ("40600000.00", "38460000.00", 94.73),
    "sk-rehab-sarpras-pendukung": ("20000000.00", "18845000.00", 94.23),
    "p-ikp": ("285697300.00", "272526280.00", 95.39),
    "k-ikp": ("285697300.00", "272526280.00", 95.39),
    "sk-kemitraan-kim": ("12320000.00", "12000000.00", 97.40),
    "sk-pelayanan-informasi": ("58522500.00", "58082185.00", 99.25),
    "sk-monitoring-opini": ("5400000.00", "2880000.00", 53.33),
    "sk-media-komunikasi": ("87221000.00", "80437075.00", 92.22),
    "sk-penyusunan-konten": ("122233800.00", "119127020.00", 97.46),
    "p-aptika": ("1927390650.00", "1905740519.00", 98.88),
    "k-nama-domain": ("27363650.00", "25564410.00", 93.42),
    "sk-nama-domain": ("27363650.00", "25564410.00", 93.42),
    "k-egov": ("1900027000.00", "1880176109.00", 98.96),
    "sk-pusat-kendali": ("7190000.00", "6948600.00", 96.64),
    "sk-kota-cerdas": ("127500000.00", "122663871.00", 96.21),
    "sk-jaringan-intra": ("666859000.00", "656304638.00", 98.42),
    "sk-literasi-spbe": ("5650000.00", "2190000.00", 38.76),
    "sk-akses-internet": ("1092828000.00", "1092069000.00", 99.93),
    "p-statistik": ("93666000.00", "85745300.00", 91.54),
    "k-statistik": ("93666000.00", "85745300.00", 91.54),
    "sk-peran-statistik": ("93666000.00", "85745300.00", 91.54),
    "p-persandian": ("92601000.00", "43476200.00", 46.95),
    "k-persandian": ("92601000.00", "43476200.00", 46.95),
    "sk-analisis-keamanan": ("4811000.00", "3344200.00", 69.51),
    "sk-layanan-keamanan": ("87790000.00", "40132000.00", 45.71),
}

# Tabel 3.17: sasaran → (pagu, realisasi, serapan as printed)
TABEL_3_17 = {
    "s-1-1-1": ("285697300.00", "272526280.00", 95.38),
    "s-1-1-2": ("1927390650.00", "1905740519.00", 98.88),
    "s-1-1-3": ("93666000.00", "85745300.00", 91.54),
    "s-1-1-4": ("92601000.00", "43476200.00", 46.95),
    "s-1-1-5": ("6679694590.00", "6049694006.00", 90.57),
    "t-1": ("9079049540.00", "8357182305.00", 92.05),
}


def _lkjip_budget(t):
    a = t["anggaran"]
    return a[a["dokumen"] == "lkjip-2025"].set_index("node")


@pytest.mark.parametrize("table", [TABEL_3_18, TABEL_3_17], ids=["tabel-3.18", "tabel-3.17"])
def test_budget_rows_exactly_as_printed(t, table):
    budget = _lkjip_budget(t)
    for node, (pagu, real, serapan) in table.items():
        row = budget.loc[node]
        assert isinstance(row["pagu"], Decimal)
        assert (row["pagu"], row["realisasi"]) == (D(pagu), D(real)), node
        assert row["serapan_tercetak"] == pytest.approx(serapan), node
    assert set(budget.index) == set(TABEL_3_18) | set(TABEL_3_17)


def test_budget_totals_are_exact_decimals(t):
    """Programs add up to the agency total to the sen: 9.079.049.540,00 and 8.357.182.305,00."""
    budget = _lkjip_budget(t)
    programs = [n for n in TABEL_3_18 if n.startswith("p-")]
    pagu = sum((budget.loc[n, "pagu"] for n in programs), D(0))
    real = sum((budget.loc[n, "realisasi"] for n in programs), D(0))
    assert str(pagu) == "9079049540.00" and str(real) == "8357182305.00"
    assert budget.loc["t-1", "pagu"] == pagu and budget.loc["t-1", "realisasi"] == real


def test_rkt_and_pk_budgets(t):
    a = t["anggaran"].set_index(["node", "dokumen"])["pagu"]
    assert a[("p-penunjang", "pk-2025")] == D("8074748998")  # Lampiran PK 2025
    assert a[("p-penunjang", "pk-perubahan-2025")] == D("6679694590")
    assert a[("k-egov", "pk-2025-aptika")] == D("2805233600")
    assert a[("k-adm-kepegawaian", "pk-perubahan-2025-sekretaris")] == D("0")
    assert a[("sk-akses-internet", "rkt-2025")] == D("1092828000.00")  # Tabel 2.5
    pk = t["anggaran"][t["anggaran"]["dokumen"] == "pk-2025-sekretaris"]["pagu"]
    assert sum(pk, D(0)) == D("8074748998")  # the Sekretaris' kegiatan add up to the programme


def test_jenis_belanja_including_the_report_defect(t):
    """Tabel 3.15 prints Belanja Operasi realisasi 8.288.093.465,00; Tabel 3.16 prints 8.286.093.465,00."""
    b = t["belanja"].set_index("id")
    assert b.loc["t315-belanja-operasi", "realisasi"] == D("8288093465.00")
    assert b.loc["t316-belanja-operasi", "realisasi"] == D("8286093465.00")
    assert b.loc["t315-belanja-pegawai", "pagu"] == D("5552821790.00")
    assert b.loc["t315-belanja-barang-jasa", "realisasi"] == D("3268424143.00")
    assert b.loc["t315-belanja-modal", "pagu"] == D("78201000.00")


def test_printed_figures_kept_as_printed(t):
    """Averages and capaian as the report prints them, including its defects, for issue-3 recomputation."""
    a = t["angka_laporan"].set_index("id")
    assert a.loc["t33-rata-rata", "nilai"] == 110.89
    assert a.loc["t313-rata-rata", "nilai"] == 231.5  # sum of 114,3 and 117,2, printed as their mean
    assert a.loc["t33-ipasn", "nilai"] == 114.3  # 82,36/72 = 114,39 truncated
    assert a.loc["t33-ips", "nilai"] == 106.1 and a.loc["t39-ips", "nilai"] == 106.2
    assert a.loc["teks-112-capaian-sasaran", "nilai"] == 166.67
    capaian_2025 = a[(a["jenis"] == "capaian") & (a.index.str.startswith("t33-"))]["nilai"]
    assert sorted(capaian_2025) == sorted([108.9, 118.86, 106.1, 100, 114.3, 117.2])


def test_survey_results(t):
    s = t["survei"].set_index("id")
    assert s.loc["skm-informasi-publik-2024", "ikm"] == 82.35
    assert s.loc["skm-informasi-publik-2025", "ikm"] == 88.19
    assert s.loc["skm-diskominfo-2025", "ikm"] == 91.00
    assert s.loc["skm-informasi-publik-2025", "mutu_tercetak"] == "Baik"
    assert len(t["jawaban_survei"]) == 0  # the report publishes no respondent-level answers
    assert [f"u{i}" for i in range(1, 10)] == [c for c in t["jawaban_survei"].columns if re.fullmatch(r"u\d", c)]


def test_index_sub_scores(t):
    s = t["subindeks"].set_index("id")
    weights = s.loc[["spbe-2024-d1", "spbe-2024-d2", "spbe-2024-d3", "spbe-2024-d4"], "bobot"]
    values = s.loc[["spbe-2024-d1", "spbe-2024-d2", "spbe-2024-d3", "spbe-2024-d4"], "nilai"]
    assert round(float((weights * values).sum() / 100), 2) == 4.16  # the domains reproduce Indeks SPBE
    assert (s.loc["kami-2024", "nilai"], s.loc["kami-2024", "nilai_maksimum"]) == (551, 645)
    assert (s.loc["kami-2025", "nilai"], s.loc["kami-2025", "nilai_maksimum"]) == (551, 918)
    domains = s[(s["indikator"] == "iku-ips") & (s["jenis"] == "domain")]
    assert round(float((domains["bobot"] * domains["nilai"]).sum() / 100), 2) == 2.76


def test_category_scale_of_tabel_3_1(t):
    k = t["skala_kelas"]
    k = k[k["skala"] == t.settings.skala_kategori_capaian].sort_values("urutan")
    assert list(k["kode"]) == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert list(k["batas_bawah"]) == [90, 80, 70, 60, 50, 30, 0]
    assert pd.isna(k.iloc[0]["batas_atas"])  # capaian above 100 is still AA


def test_every_row_names_its_source(t):
    for name, frame in t.frames.items():
        if "sumber" in frame.columns and len(frame):
            blank = frame[frame["sumber"].isna() | (frame["sumber"].astype(str).str.strip() == "")]
            assert blank.empty, f"{name}: rows without sumber: {list(blank['_baris'])}"
            assert frame["sumber"].str.contains("LKjIP 2025|Lampiran|PermenPANRB|Perki").all(), name


def test_package_is_labelled_real_not_synthetic(t):
    assert t.settings.sintetis is False
    assert "sintetis" not in t.descriptor["title"].lower()


def test_package_schemas_are_the_canonical_standard():
    for schema in (DATAPACKAGE / "schemas").glob("*.json"):
        canonical = ROOT / "generator" / "schemas" / schema.name
        assert schema.read_bytes() == canonical.read_bytes(), schema.name
