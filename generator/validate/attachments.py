"""Files an item of the package points at (`berkas` columns) are published on the portal's own origin, so they
must exist inside the package and be of a kind that cannot run there.

Only passive document types are allowed, and the first bytes must be what the name says: PDF, office
documents (without macros), raster images, and plain text or CSV without formulas. HTML, SVG (which can
carry scripts), XML (entities), JavaScript and anything unnamed are refused: served from the portal's
address they would run with its origin. A file whose name says PDF but whose bytes are HTML is refused
too, since a browser that sniffs content would render it.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.load import PackageSpec, Tables, safe_relative
from generator.load.files import normalise, references
from generator.problems import CellIssue
from generator.domain.text import formula_like
from generator.validate.cells import shown

MAX_BYTES = 100 * 1024 * 1024  # GitHub refuses larger files; a portal attachment should be far smaller
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, ppt
ZIP = b"PK\x03\x04"  # docx, xlsx, pptx, odt, ods, odp
MAGIC = {
    ".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",),
    ".doc": (OLE,), ".xls": (OLE,), ".ppt": (OLE,),
    ".docx": (ZIP,), ".xlsx": (ZIP,), ".pptx": (ZIP,), ".odt": (ZIP,), ".ods": (ZIP,), ".odp": (ZIP,),
}
TEXT = (".csv", ".txt")
ALLOWED = ("PDF, dokumen kantor (doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp), gambar (png, jpg, gif, webp), "
           "csv atau txt")
ACTIVE = {".html": "halaman HTML", ".htm": "halaman HTML", ".xhtml": "halaman HTML", ".svg": "gambar SVG",
          ".svgz": "gambar SVG", ".xml": "berkas XML", ".js": "skrip JavaScript", ".mjs": "skrip JavaScript",
          ".docm": "dokumen bermakro", ".xlsm": "lembar kerja bermakro", ".pptm": "presentasi bermakro",
          ".swf": "berkas Flash", ".exe": "program", ".bat": "skrip", ".sh": "skrip", ".php": "skrip"}
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head", b"<!--")


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
        else:
            problem = kind_problem(path)
            if problem:
                issues.append(CellIssue(resource, row, column, f'berkas "{value}" {problem}'))
    return issues


def kind_problem(path: Path) -> str:
    """Why a file may not be published on the portal, or "" when it may."""
    suffix = path.suffix.lower()
    if suffix in ACTIVE:
        return (f"adalah {ACTIVE[suffix]}, yang dapat menjalankan skrip bila dibuka dari alamat portal; "
                f"terbitkan sebagai PDF (atau gambar PNG). Jenis yang diterima: {ALLOWED}")
    if suffix not in MAGIC and suffix not in TEXT:
        return f'berjenis "{suffix or "tanpa akhiran"}" yang tidak diterima; jenis yang diterima: {ALLOWED}'
    size = path.stat().st_size
    if size > MAX_BYTES:
        return f"berukuran {size // (1024 * 1024)} MB; yang diharapkan paling besar 100 MB (kecilkan atau pisahkan berkasnya)"
    with path.open("rb") as f:
        head = f.read(4096)
    if suffix in MAGIC:
        ok = any(head.startswith(magic) for magic in MAGIC[suffix])
        if suffix == ".webp":
            ok = ok and head[8:12] == b"WEBP"
        if not ok:
            what = "HTML atau XML" if head.lstrip()[:9].lower().startswith(MARKUP) else "berkas jenis lain"
            return (f"berakhiran {suffix} tetapi isinya bukan {suffix[1:].upper()} (terbaca sebagai {what}); simpan "
                    f"ulang dari aplikasinya sebagai {suffix[1:].upper()} yang sebenarnya")
        return ""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 'bukan teks UTF-8; simpan ulang sebagai "CSV UTF-8" atau teks UTF-8'
    if text.lstrip()[:9].lower().encode().startswith(MARKUP):
        return "berisi HTML atau XML, bukan teks biasa; terbitkan sebagai PDF"
    if suffix == ".csv":
        return _formula_cells(text)
    return ""


def _formula_cells(text: str) -> str:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            for cell in row:
                if formula_like(cell):
                    return (f'memuat sel "{shown(cell)}" di baris {number} yang dijalankan spreadsheet sebagai rumus; '
                            "hapus tanda di depannya lalu simpan ulang")
    except csv.Error:
        return "bukan CSV yang dapat dibaca; simpan ulang sebagai CSV UTF-8"
    return ""
