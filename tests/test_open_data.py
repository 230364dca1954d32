"""Published results: the open-data CSVs of the default build and of the synthetic example, and the cap setting."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from frictionless import Package

from conftest import DATAPACKAGE, ROOT
from generator.publish import build_site

EXAMPLE = ROOT / "examples" / "contoh-sintetis"


def _build(tmp: Path, data: Path) -> Path:
    src = tmp / "src"
    src.mkdir()
    (src / "tentang.md").write_bytes((ROOT / "site_src" / "tentang.md").read_bytes())
    build_site(data, tmp / "site", ROOT / "mkdocs.yml", src)
    return tmp / "site"


def rows(site: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def site(default_site):
    return default_site.site


def test_published_results_are_a_valid_data_package(site, example_site, kabupaten_site):
    """Valid with their keys: a re-user can join the tables on the columns that identify a row, and
    frictionless checks that no two rows share them (the default package, the synthetic one, a member
    of a kabupaten portal)."""
    for folder in (site, example_site.site, *sorted(p.parent.parent for p in kabupaten_site.site.glob("*/data/datapackage.json"))):
        report = Package(str(folder / "data" / "datapackage.json")).validate()
        assert report.valid, (folder, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5])
    resources = json.loads((site / "data" / "datapackage.json").read_text())["resources"]
    assert {"capaian", "anggaran", "ikm", "konsistensi"} <= {r["name"] for r in resources}
    keys = {r["name"]: r["schema"].get("primaryKey") for r in resources}
    assert keys["capaian"] == ["indikator", "tahun", "dokumen"] and keys["dip"] == ["nomor"] and keys["anggaran"] is None
    for r in resources:
        assert set(keys[r["name"]] or []) <= {f["name"] for f in r["schema"]["fields"]}, r["name"]


def test_a_repeated_key_is_caught_by_the_published_schema(site, tmp_path):
    """The keys are checked, not only declared: the same capaian row twice is an error."""
    import shutil

    shutil.copytree(site / "data", tmp_path / "data", ignore=shutil.ignore_patterns("sumber", "excel", "msind"))
    capaian = tmp_path / "data" / "capaian.csv"
    lines = capaian.read_text(encoding="utf-8").splitlines(keepends=True)
    capaian.write_text("".join(lines + lines[1:2]), encoding="utf-8")
    report = Package(str(tmp_path / "data" / "datapackage.json")).validate()
    assert [e.type for t in report.tasks for e in t.errors] == ["primary-key"]


def test_capaian_csv(site):
    data = rows(site, "capaian")
    assert list(data[0])[:7] == ["indikator", "nama", "sasaran", "iku", "tahun", "dokumen", "jenis_dokumen"]
    ip = next(r for r in data if r["indikator"] == "iku-ip-asn" and r["tahun"] == "2025" and r["dokumen"] == "pk-perubahan-2025")
    assert (ip["target"], ip["realisasi"], ip["capaian"], ip["kategori"], ip["berlaku"]) == ("72", "82.36", "114.39", "AA", "true")
    kip = next(r for r in data if r["indikator"] == "iku-keterbukaan-informasi" and r["tahun"] == "2025" and r["dipilih"] == "true")
    assert (kip["realisasi"], kip["capaian"], kip["status_realisasi"]) == ("", "", "tidak_ada")


@pytest.mark.parametrize("which", ["bawaan", "contoh"])
def test_every_capaian_is_recomputed_from_capaian_csv_alone(default_site, example_site, which):
    """A re-user recomputing capaian with the rule the docs state (docs/domain.md) and this file's own columns,
    without the source package. Before, the file had no polaritas, jenis_target or range upper bound: a range
    target (70 - 80, realisasi 81,2) gave 116,00 where 101,50 is published (81,2 ÷ 80), and a lower-is-better
    one read as higher-is-better."""
    from decimal import ROUND_HALF_UP, Decimal

    data = rows((default_site if which == "bawaan" else example_site).site, "capaian")
    checked = kinds = 0
    seen = set()
    for r in data:
        if not r["capaian"] or not r["realisasi"] or Decimal(r["target"]) == 0:
            continue
        t, real = Decimal(r["target"]), Decimal(r["realisasi"])
        high = r["polaritas"] == "tinggi_lebih_baik"
        if r["jenis_target"] == "ya_tidak":
            expected = Decimal(100) if (real >= t if high else real <= t) else Decimal(0)
        elif r["jenis_target"] == "rentang" and r["batas_atas"]:
            top = Decimal(r["batas_atas"])
            ref = top if real > top else t if real < t else None
            expected = Decimal(100) if ref is None else _ratio(real, ref, high)
        else:
            expected = _ratio(real, t, high)
        assert expected.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal(r["capaian"]), r
        checked += 1
        seen.add((r["jenis_target"], r["polaritas"]))
    assert checked >= 30
    if which == "contoh":  # the synthetic example has every kind of target
        assert {("rentang", "tinggi_lebih_baik"), ("angka", "rendah_lebih_baik")} <= seen, seen


def _ratio(real, ref, high: bool):
    """docs/domain.md §3: realisasi ÷ target × 100, or (2 × target − realisasi) ÷ target × 100, at least 0."""
    from decimal import Decimal

    return real / ref * 100 if high else max((2 * ref - real) / ref * 100, Decimal(0))


def test_anggaran_csv_has_every_budget_line(site):
    data = rows(site, "anggaran")
    by = {(r["tingkat"], r["id"]): r for r in data}
    counts = {t: sum(1 for r in data if r["tingkat"] == t) for t in
              ("total", "sasaran", "program", "kegiatan", "sub_kegiatan", "jenis_belanja")}
    assert counts == {"total": 1, "sasaran": 5, "program": 5, "kegiatan": 10, "sub_kegiatan": 27, "jenis_belanja": 7}
    assert by[("total", "t-1")]["pagu"] == "9079049540.00" and by[("total", "t-1")]["serapan"] == "92.05"
    assert by[("program", "p-persandian")]["serapan"] == "46.95"
    assert by[("sasaran", "s-1-1-2")]["serapan"] == "98.88"


def test_ikm_and_konsistensi_csv(site):
    ikm = {r["survei"]: r for r in rows(site, "ikm")}
    assert (ikm["skm-informasi-publik-2025"]["ikm"], ikm["skm-informasi-publik-2025"]["mutu"]) == ("88.19", "B")
    assert (ikm["skm-diskominfo-2025"]["mutu"], ikm["skm-diskominfo-2025"]["sumber_nilai"]) == ("A", "tercetak")
    refs = {r["rujukan"] for r in rows(site, "konsistensi")}
    assert "t313-rata-rata" in refs and "t33-rata-rata" not in refs


def test_source_package_is_downloadable_beside_the_results(site):
    copy = site / "data" / "sumber"
    assert (copy / "datapackage.json").read_bytes() == (DATAPACKAGE / "datapackage.json").read_bytes()
    assert (copy / "data" / "anggaran.csv").read_bytes() == (DATAPACKAGE / "data" / "anggaran.csv").read_bytes()
    assert Package(str(copy / "datapackage.json")).validate().valid


def test_the_built_site_serves_the_source_package_as_a_zip(site):
    import zipfile

    archive = zipfile.ZipFile(site / "data" / "paket-sumber.zip")
    names = archive.namelist()
    assert "kinerja-diskominfosp-beltim-2025/datapackage.json" in names
    assert archive.read("kinerja-diskominfosp-beltim-2025/data/anggaran.csv") == (DATAPACKAGE / "data" / "anggaran.csv").read_bytes()
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())  # no clock in the archive
    assert "paket-sumber.zip" in (site / "data-terbuka" / "index.html").read_text(encoding="utf-8")


def test_averaging_cap_is_a_package_setting(tmp_path, pkg):
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["kinerja"]["batas_capaian_rata_rata"] = 110
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    site = _build(tmp_path, pkg)
    year = next(r for r in rows(site, "ringkasan") if r["tahun"] == "2025")
    assert year["rata_rata"] == "107.51"  # (108,88 + 110 + 106,15 + 100 + 110 + 110) / 6
    ip = next(r for r in rows(site, "capaian") if r["indikator"] == "iku-ip-asn" and r["dokumen"] == "pk-perubahan-2025")
    assert ip["capaian"] == "114.39"  # the raw value is still published
    assert "capaian di atas 110% dihitung sebagai 110%" in (site / "metodologi" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(example_site):
    return example_site.site


def test_synthetic_example_builds_and_every_page_says_so(example):
    pages = [p for p in example.rglob("index.html")]
    assert len(pages) >= 7
    for page in pages:
        assert "Data sintetis." in page.read_text(encoding="utf-8"), page
    assert json.loads((example / "data" / "datapackage.json").read_text())["title"].endswith("(DATA SINTETIS)")


def test_synthetic_example_exercises_the_engine(example):
    ikm = {r["tahun"]: r for r in rows(example, "ikm")}
    assert ikm["2025"]["sumber_nilai"] == "dihitung" and ikm["2025"]["ikm"] == ikm["2025"]["ikm_tercetak"]
    assert int(ikm["2025"]["responden"]) >= 1000 and ikm["2025"]["sampel_memadai"] == "true"
    data = rows(example, "capaian")
    lower = [r for r in data if r["capaian"] == "0.00"]
    assert lower, "a lower-better realisasi above twice its target floors at 0"
    assert any(r["status_realisasi"] == "tidak_ada" and r["capaian"] == "" for r in data)
    konsistensi = rows(example, "konsistensi")
    assert any(r["pemeriksaan"] == "rata_rata" and "jumlah" in r["keterangan"] for r in konsistensi)
    assert any(r["pemeriksaan"] == "penjumlahan" for r in konsistensi)
