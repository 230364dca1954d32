"""Problems found in a data package, reported as `file:row:column: message` lines in Bahasa Indonesia.

Rules and checks speak in terms of resources and column names; the report maps them to
file paths and spreadsheet positions (row 1 is the header, as in Excel), so an operator can
jump straight to the cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field

KESALAHAN = "kesalahan"
PERINGATAN = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem. `resource` names a table resource, or is None for a plain file (`file`)."""

    file: str
    row: int
    column: int
    message: str
    level: str = KESALAHAN

    def line(self) -> str:
        prefix = "peringatan: " if self.level == PERINGATAN else ""
        return f"{self.file}:{self.row}:{self.column}: {prefix}{self.message}"


@dataclass(frozen=True)
class CellIssue:
    """A domain-rule finding located by resource, spreadsheet row and column name (not by file)."""

    resource: str
    row: int
    column: str | None
    message: str
    level: str = KESALAHAN


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == KESALAHAN]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == PERINGATAN]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        if e:
            return f"Paket data tidak sah: {e} kesalahan, {w} peringatan."
        if w:
            return f"Paket data sah, dengan {w} peringatan."
        return "Paket data sah."


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: the column name an operator sees in a spreadsheet."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
