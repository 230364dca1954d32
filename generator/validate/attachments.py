"""Files an item of the package points at (`berkas` columns) must exist inside the package."""
from __future__ import annotations

from pathlib import Path

from generator.load import PackageSpec, Tables, safe_relative
from generator.load.files import normalise, references
from generator.problems import CellIssue


def check(pkg: PackageSpec, t: Tables) -> list[CellIssue]:
    issues = []
    for resource, row, column, value in references(t):
        path = safe_relative(pkg.root, value)
        if path is None:
            issues.append(CellIssue(resource, row, column,
                                    f'berkas "{value}" ditolak karena menunjuk ke luar folder paket; yang diharapkan path '
                                    "relatif di dalam paket, misalnya berkas/maklumat.pdf"))
        elif not path.is_file():
            issues.append(CellIssue(resource, row, column,
                                    f'berkas "{value}" tidak ada di dalam paket data; salin berkasnya ke '
                                    f"{Path(pkg.display_root) / normalise(value)} atau perbaiki path-nya"))
    return issues
