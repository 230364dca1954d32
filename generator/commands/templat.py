"""`kinerja templat`: the package as an Excel workbook for operators (one sheet per table, drop-downs,
number formats, a sheet of instructions). The CSV files stay the source of truth; `kinerja impor`
writes a filled workbook back into them."""
from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path

from generator.commands.common import EXIT_INVALID, EXIT_OK, catalog_given, missing, usage_error

HELP = "tulis buku kerja Excel (.xlsx) berisi tabel paket data untuk diisi operator"


def register(sub) -> None:
    t = sub.add_parser("templat", help=HELP, description=HELP + "; isiannya dikembalikan ke CSV dengan kinerja impor")
    t.add_argument("path", nargs="?", default="datapackage", metavar="PAKET", help="folder paket data (bawaan: datapackage)")
    t.add_argument("--out", required=True, metavar="BERKAS.xlsx", help="buku kerja yang ditulis")
    t.add_argument("--kosong", action="store_true", help="hanya judul kolom, tanpa baris data paket")
    t.add_argument("--timpa", action="store_true",
                   help="ganti buku kerja --out yang sudah ada (tanpa ini, buku kerja yang mungkin sudah diisi dibiarkan)")


def data_date(descriptor: dict) -> dt.datetime | None:
    """The package's own date (`created`) for the workbook's properties: never the clock."""
    created = descriptor.get("created")
    try:
        return dt.datetime.fromisoformat(created.replace("Z", "+00:00")) if isinstance(created, str) and created else None
    except ValueError:
        return None


def run(args) -> int:
    from generator import fmt, workbook
    from generator.load import csvfile, open_package
    from generator.outputs import unwritable, write_all
    from generator.problems import Report

    path, out = Path(args.path), Path(args.out)
    if not path.exists():
        return missing(path, "folder paket data")
    if out.suffix.lower() != ".xlsx":
        return usage_error(f"--out '{out}' harus berakhiran .xlsx (Buku Kerja Excel)")
    if (reason := unwritable(out, folder=False)) is not None:
        return usage_error(f"--out '{out}' {reason}")
    if (refused := catalog_given(path, lambda member: f"kinerja templat {member} --out {shlex.quote(str(out))}")) is not None:
        return refused
    if out.exists() and not args.timpa:  # an operator's filled workbook, not yet imported, would be lost
        return usage_error(f"--out '{out}' sudah ada (mungkin sudah diisi); impor dulu isinya dengan kinerja impor, "
                           "pilih nama lain, atau tambahkan --timpa untuk menggantinya. Tidak ada yang diubah.")
    pkg, problems = open_package(path)
    report = Report(problems)
    if pkg is None:
        for line in report.lines():
            print(line, file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        return EXIT_INVALID
    unreadable = [problem.line() for spec in pkg.resources.values()
                  if (problem := csvfile.unreadable(spec.path, spec.display)) is not None]
    data, cell_problems = (None, unreadable) if unreadable else workbook.template(
        pkg, str(path), empty=args.kosong, when=data_date(pkg.descriptor))
    if cell_problems:
        for line in cell_problems:
            print(line, file=sys.stderr)
        print(f"Buku kerja tidak ditulis: {len(cell_problems)} masalah.", file=sys.stderr)
        return EXIT_INVALID
    out.parent.mkdir(parents=True, exist_ok=True)
    write_all({out: data})
    print(f"Buku kerja ditulis: {out} ({len(pkg.resources)} lembar tabel dan lembar Petunjuk). Setelah diisi: "
          f"kinerja impor {shlex.quote(str(out))} --data {shlex.quote(str(path))}", file=sys.stderr)
    if absent := [name for name in workbook.QUARTERLY if name not in pkg.resources]:
        print(f"Catatan: paket data belum memuat tabel {fmt.daftar(absent)}, jadi buku kerja tidak punya lembar "
              f"progres triwulannya; tambahkan dengan kinerja tabel {shlex.quote(str(path))} {' '.join(absent)}, lalu "
              "buat ulang buku kerja ini.", file=sys.stderr)
    return EXIT_OK
