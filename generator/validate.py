"""`kinerja validate`: descriptor → files and cells (frictionless) → typed tables → domain rules.

Each stage runs only when the previous one found no errors, so an operator sees the root cause
(a renamed column) rather than a cascade of consequences (every cell of that column).
"""
from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass
from pathlib import Path

from generator import berkas
from generator.load import Tables, load_tables
from generator.package import PackageSpec, locate, open_package
from generator.problems import CellIssue, Problem, Report
from generator.rules import SETTINGS, check_rules
from generator.structure import check_structure


@dataclass
class Validated:
    report: Report
    package: PackageSpec | None = None
    tables: Tables | None = None


def validate_package(path, timings: dict[str, float] | None = None, cache: Path | None = None) -> Validated:
    """All checks of one package. `timings`, when given, gets the seconds spent loading the tables
    (key "load"), so a benchmark can tell loading from checking. `cache`: a JSON file remembering which
    tables passed the cell checks (see structure.check_structure); rewritten only when the package is valid."""
    report = Report()
    pkg, problems = open_package(path)
    report.problems.extend(problems)
    if pkg is None:
        return Validated(report)
    checked = _read_cache(cache, pkg) if cache is not None else None
    report.problems.extend(check_structure(pkg, checked))
    if not report.ok:
        return Validated(report, pkg)
    started = time.perf_counter()
    tables = load_tables(pkg)
    if timings is not None:
        timings["load"] = timings.get("load", 0.0) + time.perf_counter() - started
    report.problems.extend(locate_issue(pkg, issue) for issue in check_rules(tables))
    report.problems.extend(locate_issue(pkg, issue) for issue in berkas.check(pkg, tables))
    if cache is not None and report.ok:
        _write_cache(cache, pkg, checked)
    return Validated(report, pkg, tables if report.ok else None)


def validate_tables(path, names: tuple[str, ...]) -> Validated:
    """Only the tables `names` of a package: descriptor, files and cells (no domain rules, which need the
    whole package). For a command that reads one convention, such as `kinerja ikm` reading the IKM scale,
    without checking every table of the package first."""
    report = Report()
    pkg, problems = open_package(path)
    report.problems.extend(problems)
    if pkg is None:
        return Validated(report)
    missing = [n for n in names if n not in pkg.resources]
    if missing:
        report.problems.append(Problem(pkg.descriptor_display, 1, 1, f"paket tidak memuat tabel {', '.join(missing)}"))
        return Validated(report, pkg)
    part = dataclasses.replace(pkg, resources={n: pkg.resources[n] for n in names})
    report.problems.extend(check_structure(part))
    if not report.ok:
        return Validated(report, pkg)
    return Validated(report, pkg, load_tables(part))


def _read_cache(cache: Path, pkg: PackageSpec) -> dict[str, str]:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    mine = data.get(str(pkg.root.resolve())) if isinstance(data, dict) else None
    return dict(mine) if isinstance(mine, dict) else {}


def _write_cache(cache: Path, pkg: PackageSpec, checked: dict[str, str]) -> None:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    data[str(pkg.root.resolve())] = dict(sorted(checked.items()))
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_name(cache.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(cache)


def locate_issue(pkg: PackageSpec, issue: CellIssue) -> Problem:
    if issue.resource == SETTINGS:
        line, col = locate(pkg.raw, issue.column, pkg.settings.get(issue.column))
        return Problem(pkg.descriptor_display, line, col, issue.message, issue.level)
    spec = pkg.resources[issue.resource]
    return Problem(spec.display, int(issue.row), spec.column_number(issue.column), issue.message, issue.level)
