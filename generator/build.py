"""`kinerja build`: validate → render Markdown into `site_src/` → MkDocs into a temporary folder → swap.

Invalid data stops before anything is written, and the output folder is replaced only after
MkDocs succeeded, so a failed build leaves the previous site as it was. Dates come from the data
(`SOURCE_DATE_EPOCH`), never from the clock, so the same data gives a byte-identical site.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.load import Tables
from generator.problems import Report
from generator.compute.results import compute_all
from generator.compute.tanggal import data_datetime
from generator.package import PackageSpec
from generator import __version__, berkas, fmt, inkremental
from generator.charts import vendor_files
from generator.render import Site, render_site, title_text
from generator.riwayat import read_history
from generator.validate import validate_package

MANIFEST = ".generated.json"
CACHE_DIR = ".kinerja-cache"  # in the pages folder; MkDocs skips it (mkdocs.yml exclude_docs)


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
    """SOURCE_DATE_EPOCH for MkDocs: the package's own date (compute.tanggal), 0 when it has none."""
    stamp = data_datetime(t)
    return int(stamp.timestamp()) if stamp is not None else 0


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
        "umpan": "riwayat.xml",  # the update feed, linked from every page's <head>
    }


def source_files(pkg: PackageSpec) -> dict[str, bytes]:
    """The source data package itself, byte for byte as its authors keep it (encoding, line endings),
    for download beside the results (data/sumber/...) and for the manifest's checksums."""
    root = pkg.root.resolve()
    files = {pkg.root / "datapackage.json"} | {spec.path for spec in pkg.resources.values()}
    files |= {Path(spec.schema_display) for spec in pkg.resources.values() if not spec.schema_display.startswith("datapackage.json#")}
    out = {}
    for path in sorted(files):
        rel = path.resolve().relative_to(root).as_posix()
        out[f"data/sumber/{rel}"] = path.read_bytes()
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
    changed: list[str] | None = None  # catalog builds: folders of the members rebuilt this time


def prepare(data: Path, src: Path, progress: Callable[[str], None] = lambda step: None,
            site_url: str | None = None) -> Prepared:
    """validate → compute → render → write the Markdown sources. Raises BuildError on invalid data,
    before anything is written."""
    progress("Memeriksa paket data")
    validated = validate_package(data, cache=src / CACHE_DIR / "validasi.json")
    if not validated.report.ok:
        raise BuildError("data tidak sah", validated.report)
    progress("Menghitung capaian, anggaran dan IKM")
    results = compute_all(validated.tables)
    progress("Menyusun halaman")
    source = source_files(validated.package)
    attachments = berkas.read(validated.package, validated.tables)
    history = read_history(validated.package.root, validated.tables, data_datetime(validated.tables))
    site = render_site(validated.tables, results, source, attachments, history, site_url)
    site.files.update(source)
    site.files.update(attachments)
    site.pages.update(vendor_files(cache=src))  # the chart libraries, served by the site itself
    written = write_pages(src, site)
    return Prepared(site, theme_extra(validated.tables), source_date_epoch(validated.tables),
                    validated.report.lines(), written)


def build_site(data: Path, out: Path, config: Path, src: Path,
               progress: Callable[[str], None] = lambda step: None, site_url: str | None = None,
               timings=None) -> BuildResult:
    """Build one package, or a catalog of packages (`katalog.json`) into one portal. `timings`
    (build_katalog.Timings) collects seconds per phase for the benchmark."""
    from generator.build_katalog import prepare_catalog
    from generator.katalog import catalog_file

    started = time.perf_counter()
    catalog = catalog_file(data)
    if catalog is not None:
        ready = prepare_catalog(catalog, src, progress, site_url, timings)
    else:
        ready = prepare(data, src, progress, site_url)
    os.environ["SOURCE_DATE_EPOCH"] = str(ready.epoch)
    progress("Membangun situs dengan MkDocs")
    mkdocs_started = time.perf_counter()
    # Many members: show only the open section's navigation on each page, or every page would repeat
    # every other page's link and the site would grow with the square of its pages.
    run_mkdocs(config, src, out, ready.site, ready.extra, site_url,
               features=("navigation.prune",) if catalog is not None else (), changed=ready.changed)
    if timings is not None:
        timings.add("mkdocs", time.perf_counter() - mkdocs_started)
    pages = sum(1 for name in ready.site.pages if name.endswith(".md"))
    charts = sum(1 for name in ready.site.pages if (name.startswith("grafik/") or "/grafik/" in name) and name.endswith(".json"))
    return BuildResult(pages, charts, ready.written, ready.warnings, time.perf_counter() - started, out)


def run_mkdocs(config: Path, src: Path, out: Path, site: Site, extra: dict, site_url: str | None = None,
               features: tuple[str, ...] = (), changed: list[str] | None = None) -> None:
    """MkDocs into a temporary folder, then swap. `changed`: the folders whose pages changed since the
    previous build (a catalog's rebuilt members); given, and the previous site fits, only those pages are
    rebuilt (generator.inkremental)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.baru-", dir=out.parent))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cache, key = src / CACHE_DIR, None
    try:
        overrides = {"site_url": site_url} if site_url else {}
        cfg = load_config(config_file=str(config), docs_dir=str(src.resolve()), site_dir=str(tmp),
                          site_name=site.site_name, nav=site.nav, extra=extra, strict=True, **overrides)
        if features:
            cfg.theme["features"] = list(cfg.theme["features"]) + [f for f in features if f not in cfg.theme["features"]]
        if changed is not None:
            key = inkremental.state_key(config, Path(cfg.theme.custom_dir), site.nav, extra, site_url, features)
        dirty = key is not None and out.exists() and inkremental.usable(cache, out, key)
        previous_index = inkremental.prepare_copy(out, tmp, changed) if dirty else None
        restore = inkremental.quiet_dirty_notice() if dirty else None
        try:
            mkdocs_build(cfg, dirty=dirty)
        finally:
            if restore:
                restore()
        if previous_index is not None:
            index = tmp / inkremental.SEARCH
            index.write_text(inkremental.merge_search(previous_index, index.read_bytes()), encoding="utf-8")
    except (MkDocsException, SystemExit, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"MkDocs gagal membangun situs: {exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        (tmp / "data").mkdir(exist_ok=True)
        (tmp / MANIFEST_PATH).write_text(manifest(tmp, site), encoding="utf-8")
        if key is not None:
            inkremental.forget(cache)  # from here until `remember`, the next build is a full one
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    replace_dir(tmp, out)
    if key is not None:
        inkremental.remember(cache, out, key)


SIGNALS = (signal.SIGINT, signal.SIGTERM)


def replace_dir(new: Path, out: Path) -> None:
    """Put `new` in place of `out` with renames, so `out` is always either the old or the new site.

    SIGINT and SIGTERM wait until both renames are done (a signal between them would leave no site);
    a SIGKILL there is repaired by `recover` at the next build."""
    old = None
    blocked = threading.current_thread() is threading.main_thread()
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.lama-", dir=out.parent))
            old.rmdir()
            out.rename(old)
        new.rename(out)
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def recover(out: Path) -> None:
    """Clean up after a build that was killed outright: put back a previous site moved aside but not
    replaced, and remove unfinished new sites."""
    parent = out.parent
    if not out.exists():
        previous = sorted(parent.glob(f".{out.name}.lama-*"))
        if previous:
            previous[-1].rename(out)
    for leftover in sorted(parent.glob(f".{out.name}.baru-*")) + sorted(parent.glob(f".{out.name}.lama-*")):
        shutil.rmtree(leftover, ignore_errors=True)


MANIFEST_PATH = "data/manifest.json"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(built: Path, site: Site) -> str:
    """`data/manifest.json`: what made this site and what it holds, for anyone checking a copy: the
    generator and tool versions, the sha256 of every source file of the package and of every published
    file (except this one). No clock: the same inputs give the same bytes."""
    from importlib.metadata import PackageNotFoundError, version

    def tool(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return ""

    sources = {rel.removeprefix("data/sumber/"): _sha256(data)
               for rel, data in sorted(site.files.items()) if rel.startswith("data/sumber/")}
    published = {}
    for path in sorted(built.rglob("*")):
        rel = path.relative_to(built).as_posix()
        if path.is_file() and rel != MANIFEST_PATH:
            published[rel] = _sha256(path.read_bytes())
    body = {
        "generator": {"nama": "kinerja-terbuka", "versi": __version__},
        "alat": {name: tool(name) for name in ("mkdocs", "mkdocs-material", "altair", "vl-convert-python", "pandas",
                                               "frictionless", "jinja2")},
        "paket": {k: site.package.get(k, "") for k in ("name", "title", "version", "created")},
        "sumber": sources,
        "berkas": published,
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
