"""Scale helpers that must stay correct while they save time: the validation cache (unchanged tables
skip the cell checks, changed ones and the tables they refer to do not), the chart switch, and the
benchmark's JSON contract (run on a tiny kabupaten)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
from hypothesis import given, settings, strategies as st

from conftest import DATAPACKAGE, ROOT, edit_csv
from generator.validate import structure
from generator.load import open_package
from generator.validate import validate_package


def _checked_tables(monkeypatch) -> list[list[str]]:
    """The tables each validation checks cell by cell, from a process that has checked none yet."""
    structure.forget_passed()
    calls = []
    original = structure._cells

    def spy(pkg, names, raws):
        calls.append(sorted(names))
        return original(pkg, names, raws)

    monkeypatch.setattr(structure, "_cells", spy)
    return calls


def test_unchanged_tables_skip_the_cell_checks(pkg, monkeypatch):
    calls = _checked_tables(monkeypatch)
    first = validate_package(pkg, checked={})
    assert first.report.ok
    everything = calls[-1]
    assert "jawaban_survei" in everything and "target_triwulan" in everything and len(everything) == 23
    second = validate_package(pkg, checked=first.checked)
    assert second.report.ok
    assert calls[-1] == []  # nothing changed: no table read row by row
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,83.1")
    assert validate_package(pkg, checked=second.checked).report.ok
    assert calls[-1] == ["indikator", "realisasi"]  # the changed table and the one its keys point at


def test_a_changed_table_with_an_error_is_still_caught(pkg):
    known = validate_package(pkg, checked={})
    assert known.report.ok
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,banyak")
    failed = validate_package(pkg, checked=known.checked)
    assert [p.line().split(": ")[0] for p in failed.report.errors] == [f"{pkg}/data/realisasi.csv:12:3"]
    assert failed.checked == {}  # a failed run hands back nothing to keep
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,banyak", "iku-ip-asn,2025,82.36")
    edit_csv(pkg / "data" / "survei.csv", "88.19", "delapan")
    assert not validate_package(pkg, checked=known.checked).report.ok


def test_a_changed_reference_target_rechecks_the_tables_pointing_at_it(pkg, monkeypatch):
    calls = _checked_tables(monkeypatch)
    known = validate_package(pkg, checked={})
    assert known.report.ok
    edit_csv(pkg / "data" / "survei.csv", "LKjIP 2025", "LKjIP  2025")  # a source note, not a key
    assert validate_package(pkg, checked=known.checked).report.ok
    assert "jawaban_survei" in calls[-1] and "survei" in calls[-1]


def test_a_descriptor_that_passed_the_standard_is_not_checked_again_until_it_changes(pkg, monkeypatch):
    """The Data Package standard's check of datapackage.json (frictionless) runs again only when the
    descriptor's content changed; an edit that breaks the standard is still reported, at its line."""
    import frictionless

    first = validate_package(pkg, checked={})
    assert first.report.ok and "#deskriptor" in first.checked

    def refused(*args, **kwargs):
        raise AssertionError("the unchanged descriptor was checked again")
    monkeypatch.setattr(frictionless.Package, "validate_descriptor", refused)
    again = validate_package(pkg, checked=first.checked)
    assert again.report.ok and [p.line() for p in again.report.problems] == [p.line() for p in first.report.problems]
    assert again.checked == first.checked
    monkeypatch.undo()

    descriptor = pkg / "datapackage.json"
    content = json.loads(descriptor.read_text(encoding="utf-8"))
    content["profile"] = 5  # only the standard's check knows that a profile is a text
    text = json.dumps(content, indent=2, ensure_ascii=False)
    descriptor.write_text(text, encoding="utf-8")
    broken = validate_package(pkg, checked=first.checked)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"profile": 5' in row)
    assert any(p.line().startswith(f"{descriptor}:{line}:") and "standar Data Package" in p.line()
               for p in broken.report.problems), [p.line() for p in broken.report.problems]
    assert "#deskriptor" not in broken.checked


def test_a_table_that_passed_in_this_process_is_not_checked_again_wherever_its_copy_lives(tmp_path, monkeypatch):
    """A long-lived process (serve, a notebook, the test suite) checks a table's cells once per content: a second
    copy of the package elsewhere skips them, gives the same tables and the same lines (with its own paths), and
    an edited table is checked again with the tables its keys point at."""
    calls = _checked_tables(monkeypatch)
    first, second = tmp_path / "satu", tmp_path / "dua"
    shutil.copytree(DATAPACKAGE, first)
    shutil.copytree(DATAPACKAGE, second)
    a = validate_package(first)
    assert a.report.ok and len(calls[-1]) == 23
    b = validate_package(second)
    assert b.report.ok and calls[-1] == []
    assert [p.line().replace(str(second), "") for p in b.report.problems] == \
        [p.line().replace(str(first), "") for p in a.report.problems]
    assert a.tables.frames.keys() == b.tables.frames.keys()
    for name in a.tables.frames:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name])
    edit_csv(second / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,83.1")
    assert validate_package(second, checked={}).report.ok
    assert calls[-1] == ["indikator", "realisasi"]


def test_a_table_with_a_problem_is_checked_and_reported_every_time(pkg, monkeypatch):
    calls = _checked_tables(monkeypatch)
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,banyak")
    lines = []
    for _ in range(2):
        report = validate_package(pkg).report
        lines.append([p.line() for p in report.problems])
        assert "realisasi" in calls[-1] and not report.ok
    assert lines[0] == lines[1] and any(f"{pkg}/data/realisasi.csv:12:3:" in line for line in lines[0])


def test_the_tables_kept_for_the_process_are_bounded(pkg, monkeypatch):
    structure.forget_passed()
    monkeypatch.setattr(structure, "PASSED_LIMIT", 5)
    assert validate_package(pkg).report.ok
    assert len(structure._PASSED) == 5


@settings(max_examples=12)
@given(cell=st.text(st.characters(codec="utf-8", exclude_characters="\n\r\"\x00"), max_size=12)
       | st.sampled_from(["=1+1", "82,36", "1.234,5", "-", "\t5", " 82.36", "1e400"]))
def test_what_the_process_kept_never_changes_an_answer(tmp_path_factory, cell):
    """Any cell typed into a table gives the same problem lines whether the process has checked the other
    tables (and earlier cells) before or not."""
    folder = tmp_path_factory.mktemp("sel") / "pkg"
    shutil.copytree(DATAPACKAGE, folder)
    edit_csv(folder / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", f'iku-ip-asn,2025,"{cell}"')
    warm = [p.line() for p in validate_package(folder).report.problems]  # the process has seen this package
    structure.forget_passed()
    cold = [p.line() for p in validate_package(folder).report.problems]
    assert warm == cold
    again = [p.line() for p in validate_package(folder).report.problems]
    assert again == cold


def test_check_key_covers_schema_and_references(pkg):
    spec, _ = open_package(pkg)
    before = structure.check_key(spec, "realisasi")
    edit_csv(pkg / "data" / "indikator.csv", "Indeks Profesionalisme ASN", "Indeks  Profesionalisme ASN")
    spec, _ = open_package(pkg)
    assert structure.check_key(spec, "realisasi") != before


def test_benchmark_reports_the_agreed_json(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--opd", "2", "--tahun", "2024-2025",
                           "--responden", "50", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"total_s", "generator_s", "mkdocs_s", "pages", "charts", "peak_mb", "incremental_s"} <= set(result)
    assert result["proses"] == 1  # the tests' setting (conftest), passed on to the commands they start
    # per OPD 78 pages; the second OPD runs in 2026 with its 2025 under 2025/ (63 pages): tests/test_kabupaten_portal.py
    assert result["pages"] == 1 + 2 * 78 + 63 and result["charts"] > 0 and result["peak_mb"] > 50
    assert 0 < result["generator_s"] < result["total_s"] and result["incremental_written"] > 0
