"""The bytes a build publishes as they are: the source package itself (`data/sumber/...`, byte for byte as
its authors keep it) and the files its items point at (`berkas` columns: a maklumat scan, a service
report, a financial statement).

Reading only: whether a referenced file exists and is allowed is `validate.attachments`' question.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from generator.domain.values import present
from generator.load.package import PackageSpec, safe_relative
from generator.load.tables import ROW, Tables

COLUMNS = (("informasi", "berkas"), ("layanan_informasi", "berkas"), ("standar_layanan", "berkas"))
PREFIX = "data/sumber/"


def references(t: Tables) -> list[tuple[str, int, str, str]]:
    """(resource, spreadsheet row, column, path as written) of every file reference."""
    out = []
    for resource, column in COLUMNS:
        frame = t[resource]
        for row, value in zip(frame[ROW], frame[column]):
            if present(value):
                out.append((resource, int(row), column, str(value)))
    return out


def normalise(value: str) -> str:
    """A reference as the path the site publishes it under: forward slashes, `a/../b` resolved."""
    return posixpath.normpath(value.replace("\\", "/"))


def attachments(pkg: PackageSpec, t: Tables) -> dict[str, bytes]:
    """The referenced files' bytes, keyed by where the site publishes them. Call after validation passed."""
    out = {}
    for _resource, _row, _column, value in references(t):
        path = safe_relative(pkg.root, value)
        if path is not None and path.is_file():
            out[PREFIX + path.relative_to(pkg.root.resolve()).as_posix()] = path.read_bytes()
    return dict(sorted(out.items()))


def published_path(value) -> str | None:
    """Where the site publishes a referenced file (for links), or None."""
    return PREFIX + normalise(str(value)) if present(value) else None


def source_files(pkg: PackageSpec) -> dict[str, bytes]:
    """The source data package itself, byte for byte as its authors keep it (encoding, line endings),
    for download beside the results (data/sumber/...) and for the manifest's checksums."""
    root = pkg.root.resolve()
    files = {pkg.root / "datapackage.json"} | {spec.path for spec in pkg.resources.values()}
    files |= {Path(spec.schema_display) for spec in pkg.resources.values() if not spec.schema_display.startswith("datapackage.json#")}
    out = {}
    for path in sorted(files):
        rel = path.resolve().relative_to(root).as_posix()
        out[PREFIX + rel] = path.read_bytes()
    return out
