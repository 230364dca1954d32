"""`data/manifest.json`: what made this site and what it holds, for anyone checking a copy: the generator
and tool versions, the sha256 of every source file of the package and of every published file (except
this one). No clock: the same inputs give the same bytes."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator import __version__
from generator.cache import tool_version
from generator.render.context import Site

PATH = "data/manifest.json"
TOOLS = ("mkdocs", "mkdocs-material", "altair", "vl-convert-python", "pandas", "frictionless", "jinja2")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(built: Path, site: Site) -> str:
    sources = {rel.removeprefix("data/sumber/"): _sha256(data)
               for rel, data in sorted(site.files.items()) if rel.startswith("data/sumber/")}
    published = {}
    for path in sorted(built.rglob("*")):
        rel = path.relative_to(built).as_posix()
        if path.is_file() and rel != PATH:
            published[rel] = _sha256(path.read_bytes())
    body = {
        "generator": {"nama": "kinerja-terbuka", "versi": __version__},
        "alat": {name: tool_version(name) for name in TOOLS},
        "paket": {k: site.package.get(k, "") for k in ("name", "title", "version", "created")},
        "sumber": sources,
        "berkas": published,
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(built: Path, site: Site) -> None:
    (built / "data").mkdir(exist_ok=True)
    (built / PATH).write_text(manifest(built, site), encoding="utf-8")
