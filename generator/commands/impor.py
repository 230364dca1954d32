"""`kinerja impor`: a filled workbook (from `kinerja templat`) back into the package's CSV files.

Nothing is written unless the whole workbook reads and the package it would make is valid: every problem
is printed where the operator typed it (`berkas.xlsx!lembar!B12: ...`), and the files stay as they were.
Cells and rows that did not change keep their exact text, so the diff shows only what was edited."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from generator.commands.common import EXIT_INVALID, EXIT_OK, catalog_given, missing, usage_error

HELP = "tulis isian buku kerja Excel (.xlsx) kembali ke berkas CSV paket data"


def register(sub) -> None:
    i = sub.add_parser("impor", help=HELP, description=HELP + "; tidak ada berkas yang diubah bila ada masalah")
    i.add_argument("book", metavar="BERKAS.xlsx", help="buku kerja dari kinerja templat yang sudah diisi")
    i.add_argument("--data", default="datapackage", metavar="PAKET", help="folder paket data yang diperbarui (bawaan: datapackage)")
    i.add_argument("--periksa", action="store_true", help="hanya periksa dan tampilkan yang akan berubah; tidak menulis")
    i.add_argument("--timpa", action="store_true",
                   help="impor juga tabel yang berkas CSV-nya diubah sesudah buku kerja dibuat (perubahan itu ditimpa "
                        "isi buku kerja); tanpa ini, impor berhenti dan menyebut tabelnya")


# Rows a message names besides its own: "(baris 5, 7, …)" of a repeated problem, "sudah dipakai di baris 5".
_NAMED_ROWS = re.compile(r"(?<=\(baris )[0-9]+(?:, [0-9]+)*|(?<=di baris )[0-9]+")


def _in_sheet(message: str, rows: dict[int, int]) -> str:
    """`message` with the file's row numbers it names given as the workbook's rows (where each is known)."""
    return _NAMED_ROWS.sub(lambda m: ", ".join(str(rows.get(int(n), n)) for n in m.group(0).split(", ")), message)


def _locate(problem, intake, pkg, temp_root: Path, book: str) -> str:
    """A problem of the would-be package, where the operator can fix it: the workbook cell for a table the
    workbook changed, else the package's own file."""
    from openpyxl.utils import column_index_from_string as column_index

    from generator.problems import PERINGATAN, column_letter

    by_display = {str(temp_root / spec.path.relative_to(pkg.root.resolve())): name for name, spec in pkg.resources.items()}
    name = by_display.get(problem.file)
    prefix = "peringatan: " if problem.level == PERINGATAN else ""
    if name in intake.texts and problem.row in intake.origin.get(name, {}):
        from generator.load.csvfile import detect_style

        first = intake.texts[name].lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
        header = first.split(detect_style(first, [f["name"] for f in pkg.resources[name].fields]).delimiter)
        column = header[problem.column - 1] if 0 < problem.column <= len(header) else None
        letter = intake.columns[name].get(column, column_letter(problem.column))
        origin = intake.origin[name]
        sheet = intake.sheets.get(name, name)  # as the operator titled it ("Realisasi")
        merged = intake.merged_range(name, column_index(letter), origin[problem.row]) if letter.isalpha() else None
        why = f" (sel ini bagian dari sel gabungan {merged}: pisahkan gabungannya lalu isi setiap sel)" if merged else ""
        return f"{book}!{sheet}!{letter}{origin[problem.row]}: {prefix}{_in_sheet(problem.message, origin)}{why}"
    shown = problem.file.replace(str(temp_root), str(pkg.display_root).rstrip("/"), 1)
    return f"{shown}:{problem.row}:{problem.column}: {prefix}{problem.message}"


def _not_files(folder: str, names: list[str]) -> list[str]:
    """Entries of a package folder that are neither files, folders nor links (named pipes, sockets, devices)."""
    return [n for n in names if not (os.path.islink(p := os.path.join(folder, n)) or os.path.isfile(p)
                                     or os.path.isdir(p))]


def _what_it_is(book: Path) -> str | None:
    """What a file that is no .xlsx workbook looks like, from its first bytes, with how to make it one."""
    try:
        with open(book, "rb") as f:
            head = f.read(128)
    except OSError:
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # the compound file of Excel 97-2003
        return "ini buku kerja Excel 97-2003 (.xls): buka lalu Simpan Sebagai Buku Kerja Excel (.xlsx)"
    if head.startswith(b"PK") and b"mimetypeapplication/vnd.oasis.opendocument" in head:
        return "ini lembar kerja OpenDocument (.ods, LibreOffice): Simpan Sebagai Excel 2007-365 (.xlsx)"
    if head and not head.startswith(b"PK") and b"\x00" not in head:
        return ("ini berkas teks, misalnya CSV: CSV tabel tidak perlu diimpor, taruh langsung di folder data/ paket "
                "lalu periksa dengan kinerja validate")
    return None


def run(args) -> int:
    from generator import workbook
    from generator.load import csvfile, open_package
    from generator.outputs import write_all
    from generator.problems import KESALAHAN, Report, os_reason
    from generator.validate import validate_package

    book, data = Path(args.book), Path(args.data)
    if book.is_dir():
        return usage_error(f"buku kerja '{book}' adalah folder; yang diharapkan berkas .xlsx dari kinerja templat")
    if not book.is_file():
        return missing(book, "buku kerja")
    if not data.exists():
        return missing(data, "folder paket data")
    if (refused := catalog_given(data, lambda member: f"kinerja impor {shlex.quote(str(book))} --data {member}")) is not None:
        return refused
    pkg, problems = open_package(data)
    if pkg is None:
        report = Report(problems)
        for line in report.lines():
            print(workbook.one_line(line), file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        return EXIT_INVALID
    # a package file that cannot be read as text is the package's problem, said at its own path, not the workbook's
    unreadable = [problem.line() for spec in pkg.resources.values()
                  if (problem := csvfile.unreadable(spec.path, spec.display)) is not None]
    if unreadable:
        for line in unreadable:
            print(line, file=sys.stderr)
        print(f"Tidak ada berkas yang diubah: {len(unreadable)} berkas paket tidak dapat dibaca.", file=sys.stderr)
        return EXIT_INVALID
    try:
        intake = workbook.read_workbook(book, pkg)
    except (workbook.UnreadableWorkbook, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        why = exc.reason if isinstance(exc, workbook.UnreadableWorkbook) else \
            os_reason(exc) if isinstance(exc, OSError) else "isinya tidak dapat dibaca"
        print(f"{book}:1:1: bukan buku kerja Excel (.xlsx) yang dapat dibaca ({_what_it_is(book) or why}); yang "
              "diharapkan berkas dari kinerja templat yang disimpan sebagai Buku Kerja Excel (.xlsx)", file=sys.stderr)
        return EXIT_INVALID
    lines = [f"{book.name}!{p.sheet}!{p.cell}: {'peringatan: ' if p.level != KESALAHAN else ''}{p.message}"
             for p in intake.problems]
    errors = [p for p in intake.problems if p.level == KESALAHAN]
    if errors and not intake.texts:
        for line in lines:
            print(workbook.one_line(line), file=sys.stderr)
        print(f"Tidak ada berkas yang diubah: {len(errors)} kesalahan di buku kerja.", file=sys.stderr)
        return EXIT_INVALID
    if not intake.texts:
        for line in lines:
            print(workbook.one_line(line), file=sys.stderr)
        print("Tidak ada perubahan: isi buku kerja sama dengan berkas CSV paket." if not intake.ignored else
              f"Tidak ada berkas CSV yang berubah; {intake.ignored} lembar atau kolom diabaikan (lihat peringatan di "
              "atas): isiannya tidak diimpor.", file=sys.stderr)
        return EXIT_OK
    stale = [] if args.timpa else intake.stale(pkg)
    if stale:
        for line in lines:
            print(workbook.one_line(line), file=sys.stderr)
        for name in stale:
            print(f"{pkg.resources[name].display}:1:1: berkas ini diubah sesudah buku kerja {book.name} dibuat; lembar "
                  f"{intake.sheets.get(name, name)} memuat tabel seperti sebelum perubahan itu, jadi mengimpornya akan "
                  "mengembalikan isi lama (perubahan di CSV, juga baris yang ditambahkan, hilang). Yang diharapkan buku kerja dari "
                  f"CSV terbaru: buat lagi dengan kinerja templat, salin isian Anda ke sana, lalu impor (atau --timpa bila "
                  "isi buku kerja memang yang benar)", file=sys.stderr)
        print(f"Tidak ada berkas yang diubah: {len(stale)} tabel berubah sesudah buku kerja dibuat.", file=sys.stderr)
        return EXIT_INVALID
    with tempfile.TemporaryDirectory(prefix="kinerja-impor-") as tmp:
        trial = Path(tmp) / "paket"
        # only what a package holds: files, folders, links (a named pipe or socket left in the folder would stop
        # the copy, and validation reads none)
        shutil.copytree(pkg.root, trial, symlinks=True, ignore=_not_files)
        for name, text in intake.texts.items():
            target = trial / pkg.resources[name].path.relative_to(pkg.root.resolve())
            target.write_bytes(text.encode("utf-8"))
        report = validate_package(trial).report
        # The package check in workbook terms; a cell the reading of the workbook already explained is not repeated.
        seen = {f"{book.name}!{p.sheet}!{p.cell}:" for p in errors}
        lines += [line for line in (_locate(p, intake, pkg, trial, book.name) for p in report.problems)
                  if line.split(" ", 1)[0] not in seen]
    for line in lines:
        print(workbook.one_line(line), file=sys.stderr)
    if errors or not report.ok:
        count = len(errors) + len([line for line in lines[len(intake.problems):] if ": peringatan: " not in line])
        print(f"Tidak ada berkas yang diubah: {count} kesalahan.", file=sys.stderr)
        return EXIT_INVALID
    for name, text in sorted(intake.texts.items()):
        changed, new, removed = intake.counts[name]
        print(f"{pkg.resources[name].display}: {changed} baris diubah, {new} baris baru, {removed} baris dihapus"
              + (" (belum ditulis: --periksa)" if args.periksa else ""), file=sys.stderr)
    if args.periksa:
        return EXIT_OK
    write_all({pkg.resources[name].path: text.encode("utf-8") for name, text in intake.texts.items()})
    print(f"{len(intake.texts)} berkas CSV diperbarui. Periksa perubahannya (misalnya git diff), lalu kinerja build.",
          file=sys.stderr)
    return EXIT_OK
