"""Links between the portal's pages and files, relative so the site works from any subfolder.

Sources are the Markdown paths the build writes (`sasaran/s-1.md`, `data/capaian.csv`); MkDocs serves
`a/b.md` at `a/b/` (`use_directory_urls: true`). Markdown links are rewritten and checked by MkDocs;
links inside raw HTML are not, so they are computed here against the built URLs.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import quote

from markupsafe import Markup

from generator.domain import ppid
from generator.domain.values import present
from generator.load import Tables


def md_link(target: str, from_page: str) -> Markup:
    """A relative Markdown link target between two source files (MkDocs rewrites and checks it).
    Marked safe: it is built from IDs and percent-quoted package paths."""
    rel = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return Markup(quote(rel, safe="/._-#"))


def built_url(md_path: str) -> str:
    """The URL MkDocs serves a source file at, relative to the site root: `a/b.md` is `a/b/`, `index.md`
    is the root; other files keep their path."""
    if not md_path.endswith(".md"):
        return md_path
    base = md_path[:-3]
    if base == "index":
        return ""
    return base[:-len("index")] if base.endswith("/index") else base + "/"


def html_link(target: str, from_page: str) -> Markup:
    """A relative href for raw HTML, which MkDocs neither rewrites nor checks: it points at the built URL
    of `target` (a source path, optionally with #anchor) from the built URL of `from_page`."""
    path, _, anchor = target.partition("#")
    here, there = built_url(from_page), built_url(path)
    rel = posixpath.relpath(there or ".", here or ".")
    if rel == ".":
        rel = "./"
    elif there.endswith("/") or not there:
        rel += "/"
    return Markup(quote(rel + (f"#{anchor}" if anchor else ""), safe="/._-#"))


def root_from(page_path: str) -> str:
    """The relative URL from a page to the site root: `index.md` is served at `./`, `sasaran/s-1.md` at
    `sasaran/s-1/`, `sasaran/index.md` at `sasaran/`."""
    path = PurePosixPath(page_path)
    parts = path.parent.parts if path.stem in ("index", "README") else (*path.parent.parts, path.stem)
    return "../" * len([p for p in parts if p not in ("", ".")])


def source_csv(t: Tables, resource: str) -> str | None:
    """Where the build publishes a resource's CSV (`data/sumber/<path in the package>`), if it has one."""
    for res in t.descriptor.get("resources", []):
        if isinstance(res, dict) and res.get("name") == resource and isinstance(res.get("path"), str):
            return "data/sumber/" + res["path"].replace("\\", "/").removeprefix("./")
    return None


def provenance(t: Tables, resource: str, row, sumber, from_page: str) -> dict:
    """Where a figure comes from: the CSV (with a link), its spreadsheet row, and the report table."""
    path = source_csv(t, resource)
    return {"berkas": posixpath.basename(path) if path else f"{resource}.csv",
            "tautan": md_link(path, from_page) if path else None,
            "baris": int(row) if present(row) else None, "sumber": sumber if present(sumber) else None}


# The portal pages a PPID item may point at (`informasi.halaman`, and the items the portal registers itself),
# by key. One map for the register, the checklist and the KI evidence pack.
PPID = "ppid/index.md"
KATEGORI_PATH = {k: f"ppid/{k.replace('_', '-')}.md" for k in ppid.KATEGORI}
PORTAL_PAGES = {"beranda": "index.md", "profil": "profil.md", "pohon": "pohon.md", "anggaran": "anggaran.md",
                "survei": "survei.md", "data-terbuka": "data-terbuka.md", "metodologi": "metodologi.md",
                "konsistensi": "konsistensi.md", "ppid": PPID, "dip": "ppid/dip.md",
                "laporan-layanan": "ppid/laporan-layanan.md", "standar-layanan": "ppid/standar-layanan.md",
                "kepatuhan": "ppid/kepatuhan.md", "laporan-kinerja": "laporan-kinerja.md",
                "serta-merta": KATEGORI_PATH["serta_merta"], "dikecualikan": KATEGORI_PATH["dikecualikan"]}


def portal_page(key) -> str | None:
    """The source path of a page key: `profil` is `profil.md`; `2025/laporan-kinerja` (a key the portal gives
    its own items while a year runs) is that page in the archive year 2025. None for an unknown key."""
    if not isinstance(key, str):
        return None
    year, _, name = key.rpartition("/")
    if name not in PORTAL_PAGES or (year and not re.fullmatch(r"\d{4}", year)):
        return None
    return (f"{year}/" if year else "") + PORTAL_PAGES[name]
