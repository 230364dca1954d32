"""A package written for an earlier version of the generator: its schemas lack a column added since.

An optional canonical column (not required, in no key) may be missing from a package's schema and file:
validation says so once, as a warning, and the column reads as empty. A required or keyed column may not
be missing: that is an error naming it. Never a traceback. Generated: any canonical column of any table in
the default package.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE
from generator import contract
from generator.compute.results import compute_all
from generator.render import render_site
from generator.validate import validate_package


def _resources() -> dict[str, dict]:
    descriptor = json.loads((DATAPACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in descriptor["resources"] if r["name"] in contract.RESOURCES}


COLUMNS = sorted((name, f["name"]) for name in _resources() for f in contract.canonical_schema(name)["fields"])


def _drop(pkg: Path, resource: dict, column: str) -> None:
    """The column taken out of the resource's schema file and its CSV, as an older package would lack it."""
    schema_path = pkg / resource["schema"]
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != column]
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    path = pkg / resource["path"]
    text = path.read_text(encoding="utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    dialect = csv.Sniffer().sniff(text.lstrip("\ufeff").split("\n", 1)[0], delimiters=",;\t")
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines(), delimiter=dialect.delimiter))
    at = rows[0].index(column)
    out = io.StringIO()
    csv.writer(out, delimiter=dialect.delimiter, lineterminator="\n").writerows([r[:at] + r[at + 1:] for r in rows])
    path.write_text(bom + out.getvalue(), encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(COLUMNS))
def test_a_column_added_since_reads_as_empty_a_required_one_is_an_error(tmp_path_factory, choice):
    name, column = choice
    pkg = tmp_path_factory.mktemp("lama") / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    _drop(pkg, _resources()[name], column)
    result = validate_package(pkg)
    if column in contract.optional_fields(name):
        named = [p for p in result.report.problems if f'tidak memuat kolom "{column}"' in p.message]
        assert len(named) == 1, result.report.lines()
        assert named[0].level == "peringatan" and "dibaca kosong" in named[0].message
        if result.report.ok:  # else the column's emptiness breaks a rule (a period without its start): said per row
            assert result.tables[name][column].isna().all()
        else:
            assert all(":" in line for line in result.report.lines())
    else:  # required, or a key the schema's own primaryKey/foreignKeys still name: an error naming it
        assert not result.report.ok
        assert any(column in p.message.rsplit(":", 1)[-1] or f'"{column}"' in p.message
                   for p in result.report.errors), result.report.lines()


def test_the_default_package_has_optional_columns_to_drop():
    """The property above would say little if every canonical column were required."""
    assert ("indikator", "akumulasi") in OPTIONAL and ("indikator", "id") not in OPTIONAL
    assert ("anggaran", "realisasi") in OPTIONAL and ("belanja", "realisasi") in OPTIONAL


OPTIONAL = [c for c in COLUMNS if c[1] in contract.optional_fields(c[0])]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(OPTIONAL))
@example(("anggaran", "realisasi"))  # both once crashed the consistency checks
@example(("belanja", "realisasi"))
def test_pages_are_made_from_a_package_without_an_optional_column(tmp_path_factory, choice):
    """Computing and rendering read the empty column as "not given", never a traceback (the budget checks
    once summed an empty realisasi)."""
    name, column = choice
    pkg = tmp_path_factory.mktemp("lama") / "pkg"
    shutil.copytree(DATAPACKAGE, pkg)
    _drop(pkg, _resources()[name], column)
    result = validate_package(pkg)
    if result.report.ok:
        site = render_site(result.tables, compute_all(result.tables))
        assert "index.md" in site.pages
