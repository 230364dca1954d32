"""`kinerja validate`: check a package, or every member of a catalog, and print one line per problem."""
from __future__ import annotations

from pathlib import Path

from generator.commands.build import not_the_package
from generator.commands.common import EXIT_INVALID, EXIT_OK, missing, usage_error
from generator.problems import Report

HELP = "periksa paket data; keluar 0 bila sah, 1 bila tidak sah"


def register(sub) -> None:
    v = sub.add_parser("validate", help=HELP, description=HELP)
    v.add_argument("path", nargs="?", default="datapackage", metavar="PAKET",
                   help="folder paket data, atau katalog (semua anggotanya diperiksa) (bawaan: datapackage)")
    v.add_argument("--format", choices=("teks", "github", "markdown"), default="teks",
                   help="teks (bawaan): berkas:baris:kolom: masalah; github: anotasi GitHub Actions pada baris berkas; "
                        "markdown: tabel untuk ringkasan job CI")


def validate_any(path: Path) -> Report:
    """One package, or every member of a catalog (one report, each line naming its file)."""
    from generator.publish.catalog import catalog_file, read_catalog
    from generator.validate import validate_package

    file = catalog_file(path)
    if file is None:
        return validate_package(path).report
    catalog, report = read_catalog(file)
    for member in catalog.anggota if catalog else []:
        report.problems.extend(validate_package(member.path).report.problems)
    return report


def run(args) -> int:
    path = Path(args.path)
    if not path.exists():
        return missing(path, "folder paket data")
    if (why := not_the_package(path)) is not None:
        return usage_error(why)
    report = validate_any(path)
    if args.format == "markdown":
        print(report.markdown(f"Hasil pemeriksaan paket data {path}"), end="")
        return EXIT_OK if report.ok else EXIT_INVALID
    for line in report.github_lines() if args.format == "github" else report.lines():
        print(line)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_INVALID
