"""Files an item of the package points at (`berkas` columns: a maklumat scan, a service report, a
financial statement): checked to exist inside the package, and published with the site under
`data/sumber/<path>` beside the package's own tables.

The only step besides `structure` that touches files, so the rules stay pure.
"""
from __future__ import annotations

from pathlib import Path

from generator.compute.ppid import present as _present
from generator.load import ROW, Tables
from generator.package import PackageSpec, safe_relative
from generator.problems import CellIssue

COLUMNS = (("informasi", "berkas"), ("layanan_informasi", "berkas"), ("standar_layanan", "berkas"))
PREFIX = "data/sumber/"


def references(t: Tables) -> list[tuple[str, int, str, str]]:
    """(resource, spreadsheet row, column, path as written) of every file reference."""
    out = []
    for resource, column in COLUMNS:
        frame = t[resource]
        for row, value in zip(frame[ROW], frame[column]):
            if _present(value):
                out.append((resource, int(row), column, str(value)))
    return out


def normalise(value: str) -> str:
    return value.replace("\\", "/").removeprefix("./")


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


def read(pkg: PackageSpec, t: Tables) -> dict[str, bytes]:
    """The referenced files' bytes, keyed by where the site publishes them. Call after `check` passed."""
    out = {}
    for _resource, _row, _column, value in references(t):
        path = safe_relative(pkg.root, value)
        if path is not None and path.is_file():
            out[PREFIX + path.relative_to(pkg.root.resolve()).as_posix()] = path.read_bytes()
    return dict(sorted(out.items()))


def published_path(value) -> str | None:
    """Where the site publishes a referenced file (for links), or None."""
    return PREFIX + normalise(str(value)) if _present(value) else None
