"""`kinerja validate`: descriptor → files and cells (frictionless) → typed tables → domain rules.

Each stage runs only when the previous one found no errors, so an operator sees the root cause
(a renamed column) rather than a cascade of consequences (every cell of that column).
"""
from __future__ import annotations

from dataclasses import dataclass

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


def validate_package(path) -> Validated:
    report = Report()
    pkg, problems = open_package(path)
    report.problems.extend(problems)
    if pkg is None:
        return Validated(report)
    report.problems.extend(check_structure(pkg))
    if not report.ok:
        return Validated(report, pkg)
    tables = load_tables(pkg)
    report.problems.extend(locate_issue(pkg, issue) for issue in check_rules(tables))
    report.problems.extend(locate_issue(pkg, issue) for issue in berkas.check(pkg, tables))
    return Validated(report, pkg, tables if report.ok else None)


def locate_issue(pkg: PackageSpec, issue: CellIssue) -> Problem:
    if issue.resource == SETTINGS:
        line, col = locate(pkg.raw, issue.column, pkg.settings.get(issue.column))
        return Problem(pkg.descriptor_display, line, col, issue.message, issue.level)
    spec = pkg.resources[issue.resource]
    return Problem(spec.display, int(issue.row), spec.column_number(issue.column), issue.message, issue.level)
