"""`kinerja build`: validate → render Markdown into `site_src/` → MkDocs into a temporary folder → swap.

Invalid data stops before anything is written, and the output folder is replaced only after
MkDocs succeeded, so a failed build leaves the previous site as it was. Dates come from the data
(`SOURCE_DATE_EPOCH`), never from the clock, so the same data gives a byte-identical site.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.load import Tables
from generator.problems import Report
from generator.compute.results import compute_all
from generator.package import PackageSpec
from generator import berkas, fmt
from generator.charts import vendor_files
from generator.render import Site, render_site, title_text
from generator.validate import validate_package

MANIFEST = ".generated.json"


class BuildError(Exception):
    """The build stopped; `report` says why (data problems), or `message` (site engine failure)."""

    def __init__(self, message: str, report: Report | None = None):
        super().__init__(message)
        self.report = report


@dataclass
class BuildResult:
    pages: int
    charts: int
    written: int
    warnings: list[str]
    seconds: float
    out: Path


def source_date_epoch(t: Tables) -> int:
    """The package's own date: its `created` field, else the report document's date."""
    created = t.descriptor.get("created")
    if isinstance(created, str) and created:
        stamp = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=dt.timezone.utc)
        return int(stamp.timestamp())
    docs = t["dokumen"].set_index("id")
    doc = t.settings.get("dokumen_laporan")
    if doc in docs.index and docs.loc[doc, "tanggal"] is not None:
        day = docs.loc[doc, "tanggal"]
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    return 0


def theme_extra(t: Tables) -> dict:
    """Facts the theme prints on every page (header, footer). MkDocs templates print `extra` unescaped,
    so every data-derived string is escaped here, once."""
    inst = t["instansi"].iloc[0]
    docs = t["dokumen"].set_index("id")
    report = t.settings.get("dokumen_laporan")
    source = ""
    if report in docs.index:
        day = docs.loc[report, "tanggal"]
        source = docs.loc[report, "judul"] + (f" ({fmt.tanggal(day)})" if day is not None else "")
    licenses = t.descriptor.get("licenses") or []
    epoch = dt.datetime.fromtimestamp(source_date_epoch(t), dt.timezone.utc).date()
    return {
        "sintetis": bool(t.settings.get("sintetis")),
        "instansi": title_text(inst["nama"]),
        "pemerintah_daerah": title_text(inst["pemerintah_daerah"]),
        "sumber": title_text(source),
        "lisensi": title_text(licenses[0].get("title") or licenses[0].get("name", "")) if licenses else "",
        "diperbarui": fmt.tanggal(epoch),
    }


def source_files(pkg: PackageSpec) -> dict[str, str]:
    """The source data package itself, for download beside the results (data/sumber/...)."""
    root = pkg.root.resolve()
    files = {pkg.root / "datapackage.json"} | {spec.path for spec in pkg.resources.values()}
    files |= {Path(spec.schema_display) for spec in pkg.resources.values() if not spec.schema_display.startswith("datapackage.json#")}
    out = {}
    for path in sorted(files):
        rel = path.resolve().relative_to(root).as_posix()
        out[f"data/sumber/{rel}"] = path.read_text(encoding="utf-8-sig")
    return out


def write_pages(src: Path, site: Site) -> int:
    """Write generated pages into `src`, removing ones a previous build generated and this one did not.

    Unchanged files are not rewritten, so MkDocs and browsers see them unchanged.
    """
    src.mkdir(parents=True, exist_ok=True)
    manifest = src / MANIFEST
    previous = set(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.is_file() else set()
    for stale in sorted(previous - set(site.pages) - set(site.files)):
        (src / stale).unlink(missing_ok=True)
    written = 0
    contents = {rel: text.encode("utf-8") for rel, text in site.pages.items()} | site.files
    for rel, data in sorted(contents.items()):
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written += 1
    manifest.write_text(json.dumps(sorted(contents), indent=1) + "\n", encoding="utf-8")
    return written


@dataclass
class Prepared:
    """Generated pages written to `src`, with what MkDocs needs to build them."""

    site: Site
    extra: dict
    epoch: int
    warnings: list[str]
    written: int


def prepare(data: Path, src: Path, progress: Callable[[str], None] = lambda step: None) -> Prepared:
    """validate → compute → render → write the Markdown sources. Raises BuildError on invalid data,
    before anything is written."""
    progress("Memeriksa paket data")
    validated = validate_package(data)
    if not validated.report.ok:
        raise BuildError("data tidak sah", validated.report)
    progress("Menghitung capaian, anggaran dan IKM")
    results = compute_all(validated.tables)
    progress("Menyusun halaman")
    source = source_files(validated.package)
    attachments = berkas.read(validated.package, validated.tables)
    site = render_site(validated.tables, results, source, attachments)
    site.pages.update(source)
    site.files.update(attachments)
    site.pages.update(vendor_files(cache=src))  # the chart libraries, served by the site itself
    written = write_pages(src, site)
    return Prepared(site, theme_extra(validated.tables), source_date_epoch(validated.tables),
                    validated.report.lines(), written)


def build_site(data: Path, out: Path, config: Path, src: Path,
               progress: Callable[[str], None] = lambda step: None, site_url: str | None = None) -> BuildResult:
    started = time.perf_counter()
    ready = prepare(data, src, progress)
    os.environ["SOURCE_DATE_EPOCH"] = str(ready.epoch)
    progress("Membangun situs dengan MkDocs")
    run_mkdocs(config, src, out, ready.site, ready.extra, site_url)
    pages = sum(1 for name in ready.site.pages if name.endswith(".md"))
    charts = sum(1 for name in ready.site.pages if name.startswith("grafik/") and name.endswith(".json"))
    return BuildResult(pages, charts, ready.written, ready.warnings, time.perf_counter() - started, out)


def run_mkdocs(config: Path, src: Path, out: Path, site: Site, extra: dict, site_url: str | None = None) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.baru-", dir=out.parent))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        overrides = {"site_url": site_url} if site_url else {}
        cfg = load_config(config_file=str(config), docs_dir=str(src.resolve()), site_dir=str(tmp),
                          site_name=site.site_name, nav=site.nav, extra=extra, strict=True, **overrides)
        mkdocs_build(cfg)
    except (MkDocsException, SystemExit, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"MkDocs gagal membangun situs: {exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    replace_dir(tmp, out)


def replace_dir(new: Path, out: Path) -> None:
    """Put `new` in place of `out` with renames, so `out` is always either the old or the new site."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.lama-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
