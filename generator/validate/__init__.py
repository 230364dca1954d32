"""Stage 2: is the package fit to publish? descriptor → files and cells → typed tables → domain rules.

Each stage runs only when the previous one found no errors, so an operator sees the root cause
(a renamed column) rather than a cascade of consequences (every cell of that column).
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.load import PackageSpec, Tables, load_tables, locate, open_package
from generator.load.history import nested_git, refused
from generator.problems import PERINGATAN, CellIssue, Problem, Report
from generator.validate import attachments
from generator.validate.rules import SETTINGS, check_rules
from generator.validate.structure import check_structure


NESTED_GIT = ("folder .git di dalam folder paket data diabaikan: riwayat pembaruan dibaca dari repositori yang memuat "
              "folder paket, dan pengaturan git yang dibawa paket tidak pernah dijalankan; bila paket ini sendiri akar "
              "repositorinya, pindahkan paketnya ke subfolder (misalnya datapackage/)")


@dataclass
class Validated:
    report: Report
    package: PackageSpec | None = None
    tables: Tables | None = None
    checked: dict[str, str] = field(default_factory=dict)  # tables whose cells passed, by check key


def validate_package(path, timings: dict[str, float] | None = None,
                     checked: dict[str, str] | None = None) -> Validated:
    """All checks of one package; reads the package, writes nothing.

    `checked` (resource name → `structure.check_key`) names tables whose cell checks passed in an
    earlier build: a table whose key is unchanged skips them. The result's
    `checked` holds the keys valid now, for the caller to keep when the package is valid. `timings`, when
    given, gets the seconds spent loading the tables (key "load")."""
    report = Report()
    known = dict(checked) if checked is not None else None
    pkg, problems = open_package(path, known)
    report.problems.extend(problems)
    if pkg is None:
        return Validated(report)
    if nested_git(pkg.root):
        report.problems.append(Problem(str(Path(pkg.display_root) / ".git"), 1, 1, NESTED_GIT, PERINGATAN))
    if (top := refused(pkg.root)) is not None:
        report.problems.append(Problem(str(pkg.display_root), 1, 1, (
            f"git menolak membaca repositori {top} karena pemiliknya pengguna lain, sehingga riwayat pembaruan tidak "
            "memuat versi dari git; bila repositori itu memang aman dibaca, jalankan: git config --global --add "
            f"safe.directory {top}"), PERINGATAN))
    raws: dict = {}
    report.problems.extend(check_structure(pkg, known, raws))
    if not report.ok:
        return Validated(report, pkg)
    started = time.perf_counter()
    tables = load_tables(pkg, raws)
    if timings is not None:
        timings["load"] = timings.get("load", 0.0) + time.perf_counter() - started
    report.problems.extend(locate_issue(pkg, issue) for issue in check_rules(tables))
    report.problems.extend(locate_issue(pkg, issue) for issue in attachments.check(pkg, tables))
    if not report.ok:
        return Validated(report, pkg)
    return Validated(report, pkg, tables, dict(sorted((known or {}).items())))


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
    raws: dict = {}
    report.problems.extend(check_structure(part, None, raws))
    if not report.ok:
        return Validated(report, pkg)
    return Validated(report, pkg, load_tables(part, raws))


def locate_issue(pkg: PackageSpec, issue: CellIssue) -> Problem:
    if issue.resource == SETTINGS:
        line, col = locate(pkg.raw, issue.column, getattr(pkg.settings, issue.column, None))
        return Problem(pkg.descriptor_display, line, col, issue.message, issue.level)
    spec = pkg.resources[issue.resource]
    return Problem(spec.display, int(issue.row), spec.column_number(issue.column), issue.message, issue.level)
