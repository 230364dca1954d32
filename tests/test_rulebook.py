"""One rulebook: the capaian, category and status that any page shows for an indicator and year are the
published `capaian.csv` row's, for the default package, the synthetic example and every member of a
generated kabupaten. A page that re-derived a figure its own way (a rounding, a class, a status word)
would disagree here.

Pages checked: each indicator page (its yearly table), each sasaran page (its indicators' tables), the
performance tree (the report year), and the home page's chart data (report year, tercapai or not)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from generator import fmt
from generator.render.escape import attr, md
from generator.render.words import achievement


def _rows(site: Path) -> list[dict]:
    text = (site / "data" / "capaian.csv").read_text(encoding="utf-8")
    return [r for r in csv.DictReader(io.StringIO(text)) if r["dipilih"] == "true"]


def _expected(row: dict) -> tuple[str, str]:
    capaian = fmt.persen(float(row["capaian"])) if row["capaian"] else "belum tersedia"
    return capaian, row["kategori"]


def _table_row(section: str, year: str) -> str:
    found = [line for line in section.splitlines() if line.startswith(f"| {year} |")]
    assert len(found) == 1, (year, section[:300])
    return found[0]


def _check_member(site: Path, docs: Path) -> int:
    """Every chosen row against the pages of one package; returns how many comparisons were made."""
    rows = _rows(site)
    year = max(int(r["tahun"]) for r in rows if r["realisasi"]) if any(r["realisasi"] for r in rows) else None
    report_year = int(re.search(r"tahun (\d{4})", (docs / "pohon.md").read_text(encoding="utf-8")).group(1))
    pohon = (docs / "pohon.md").read_text(encoding="utf-8")
    beranda = (docs / "index.md").read_text(encoding="utf-8")
    checked = 0
    for r in rows:
        y = r["tahun"]
        if int(y) > report_year:
            continue
        capaian, kategori = _expected(r)
        # the indicator page: its table of capaian per year
        page = (docs / "indikator" / f"{r['indikator']}.md").read_text(encoding="utf-8")
        cell = _table_row(page.split("## Capaian per tahun", 1)[1].split("\n## ", 1)[0], y).rstrip(" |").split(" | ")[-1]
        assert cell.startswith(capaian), (r["indikator"], y, cell, capaian)
        if kategori:
            assert f"<small>{kategori}" in cell, (r["indikator"], y, cell, kategori)
        checked += 1
        # the sasaran page the indicator sits on
        if r["sasaran"] and (docs / "sasaran" / f"{r['sasaran']}.md").is_file():
            sasaran = (docs / "sasaran" / f"{r['sasaran']}.md").read_text(encoding="utf-8")
            heading = f"## {md(r['nama'])}\n"
            if heading in sasaran:
                section = sasaran.split(heading, 1)[1].split("\n## ", 1)[0]
                cell = _table_row(section, y).rstrip(" |").split(" | ")[-1]
                assert cell.startswith(capaian), (r["indikator"], y, cell, capaian)
                if kategori:
                    assert f'">{kategori}</span>' in cell, (r["indikator"], y, cell, kategori)
                checked += 1
        if int(y) != report_year:
            continue
        # the tree, for the report year
        item = re.search(rf'<li><a href="\.\./indikator/{re.escape(r["indikator"])}/">.*?</li>', pohon)
        assert item, r["indikator"]
        if r["capaian"] and r["berlaku"] == "true":
            assert f"capaian <strong>{capaian}</strong>" in item.group(0), (r["indikator"], item.group(0))
            if kategori:
                assert f"({kategori}, " in item.group(0)
            checked += 1
        # the home page's chart data: the sasaran's own active indicators
        if r["berlaku"] == "true":
            td = r'<td(?: data-label="[^"]*")?>'  # chart tables name their column on each cell
            for cells in re.findall(rf"<tr>{td}{re.escape(attr(r['nama']))}</td>{td}([^<]*)</td>{td}([^<]*)</td></tr>",
                                    beranda):
                # the status word first; a carried-forward value adds "; nilai tahun sebelumnya dipakai lagi"
                assert (cells[0], cells[1].split(";")[0]) == (
                    capaian, achievement(None if not r["capaian"] else r["tercapai"] == "true").lower())
                checked += 1
    assert year is None or year <= report_year
    return checked


def test_every_page_of_the_default_package_agrees_with_capaian_csv(default_site):
    assert _check_member(default_site.site, default_site.docs) > 80


def test_every_page_of_the_example_agrees_with_capaian_csv(example_site):
    assert _check_member(example_site.site, example_site.docs) > 140


def test_every_member_of_a_kabupaten_agrees_with_its_capaian_csv(kabupaten_site):
    members = sorted(p.parent.parent.name for p in kabupaten_site.site.glob("*/data/capaian.csv"))
    assert len(members) == 3
    for member in members:
        # a member in the middle of 2026 has no capaian for 2026 yet: its 2025 archive has them
        parts = [member] + [f"{member}/{p.parent.parent.name}" for p in (kabupaten_site.site / member).glob("2*/data/capaian.csv")]
        assert sum(_check_member(kabupaten_site.site / part, kabupaten_site.docs / part) for part in parts) > 180


@pytest.mark.parametrize("drift", ["rounding", "category"])
def test_the_check_catches_a_page_that_disagrees(default_site, tmp_path, drift):
    """The comparison is not vacuous: a page showing another rounding or class is caught."""
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(default_site.docs, docs)
    page = docs / "indikator" / "iku-ip-asn.md"
    text = page.read_text(encoding="utf-8")
    old, new = ("114,39%", "114,38%") if drift == "rounding" else ("<small>AA", "<small>A")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(AssertionError):
        _check_member(default_site.site, docs)
