"""Gather what every agency of a roll-up publishes into one local folder the columnar engine reads.

Every agency (one data package: an OPD of a kabupaten portal, or a single-agency portal) contributes
the same published files, whichever way it is reached:

    data/capaian.csv, anggaran.csv, ringkasan.csv, ikm.csv, kepatuhan.csv   (the computed open data)
    data/sumber/datapackage.json and its instansi table                      (who the agency is)

- a published portal (`situs`), a folder or an http(s) address: read as published. A kabupaten portal
  (`data/opd.csv` at its root) holds one agency per member folder (`<id>/data/...`);
- packages (`paket`), a package folder or a catalog: run through the one pipeline here (any executor),
  and the same files are taken from the pages in memory.

The files are copied byte for byte to `<folder>/sumber=<id>/opd=<id>/<table>.csv` (hive partitions the
engine turns into columns), so the roll-up of a harvested portal and of the packages it was built
from read the very same bytes.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator import cache
from generator.load.csvfile import more, read_csv_bytes
from generator.problems import Problem, Report
from generator.publish import catalog as catalog_build
from generator.publish import workspace
from generator.publish.executor import Executor, LocalExecutor
from generator.publish.member import MemberJob, run_member
from generator.render.context import RenderOptions, Site
from generator.rollup.catalog import Rollup, Source, is_url
from generator.validate.cells import shown

TABLES = ("capaian", "anggaran", "ringkasan", "ikm", "kepatuhan")
SOURCE_DESCRIPTOR = "data/sumber/datapackage.json"
# Types of the published columns the roll-up reads (render/open_data.py TABLES): DuckDB is told, not left to guess.
READ = {
    "capaian": {"indikator": "VARCHAR", "iku": "BOOLEAN", "tahun": "INTEGER", "berlaku": "BOOLEAN",
                "capaian": "DECIMAL(18,2)", "tercapai": "BOOLEAN"},
    "anggaran": {"tingkat": "VARCHAR", "tahun": "INTEGER", "pagu": "DECIMAL(18,2)", "realisasi": "DECIMAL(18,2)"},
    "ringkasan": {"tahun": "INTEGER", "rata_rata": "DECIMAL(18,2)", "kategori": "VARCHAR", "jumlah": "INTEGER",
                  "tercapai": "INTEGER", "tidak_tercapai": "INTEGER", "tanpa_data": "INTEGER"},
    "ikm": {"survei": "VARCHAR", "layanan": "VARCHAR", "tahun": "INTEGER", "sumber_nilai": "VARCHAR",
            "ikm": "DECIMAL(18,2)", "mutu": "VARCHAR", "responden": "INTEGER", "sampel_memadai": "BOOLEAN"},
    "kepatuhan": {"item": "VARCHAR", "status": "VARCHAR"},
}
# What a cell of each read type must look like in a harvested file (as render/open_data.py writes it), and
# what to tell the reader otherwise.
CELL = {"INTEGER": (re.compile(r"-?[0-9]{1,10}"), "bilangan bulat, misalnya 2025"),
        "DECIMAL(18,2)": (re.compile(r"-?[0-9]{1,16}(?:\.[0-9]+)?"), "angka dengan titik desimal, misalnya 88.19"),
        "BOOLEAN": (re.compile(r"true|false"), "true atau false")}
PUBLISHED = "yang diharapkan CSV seperti yang diterbitkan portal Kinerja Terbuka"
TIMEOUT = 60  # seconds per file fetched from a portal's address


@dataclass
class Agency:
    sumber: str
    id: str
    nama: str
    nama_singkat: str
    pemerintah_daerah: str
    tahun_laporan: int | None
    batas_capaian: float | None  # the package's cap when averaging capaian (None: none)
    sintetis: bool
    created: str  # the package's own date (datapackage `created`)
    portal: str  # the agency's page on its portal ("" when unknown)


class Reader:
    """Files of a published portal (folder or address) or of a portal in memory, by site path."""

    def __init__(self, folder: Path | None = None, url: str | None = None, site: Site | None = None):
        self.folder, self.url, self.site = folder, url, site

    def read(self, rel: str) -> bytes | None:
        if self.site is not None:
            text = self.site.pages.get(rel)
            return text.encode("utf-8") if text is not None else self.site.files.get(rel)
        if self.url is not None:
            try:
                with urllib.request.urlopen(self.url + rel, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) only)
                    return response.read()
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                raise OSError(f"{self.url + rel}: HTTP {exc.code}") from exc
            except (urllib.error.URLError, TimeoutError) as exc:
                raise OSError(f"{self.url + rel}: {getattr(exc, 'reason', exc)}") from exc
        path = self.folder / rel
        return path.read_bytes() if path.is_file() else None


def _csv_rows(data: bytes, delimiter: str = ",") -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def _identity(reader: Reader, prefix: str) -> tuple[dict, dict] | None:
    """The source package's descriptor and its instansi row, as the portal publishes them."""
    raw = reader.read(prefix + SOURCE_DESCRIPTOR)
    if raw is None:
        return None
    descriptor = json.loads(raw.decode("utf-8-sig"))
    if not isinstance(descriptor, dict):
        raise ValueError(f"{prefix}{SOURCE_DESCRIPTOR} bukan objek JSON")
    resources = descriptor.get("resources")
    for res in resources if isinstance(resources, list) else []:
        if isinstance(res, dict) and res.get("name") == "instansi" and isinstance(res.get("path"), str):
            dialect = res.get("dialect")
            delimiter = str(dialect.get("delimiter", ",")) if isinstance(dialect, dict) else ","
            data = reader.read(prefix + "data/sumber/" + str(PurePosixPath(res["path"])))
            rows = _csv_rows(data, delimiter) if data is not None else []
            return descriptor, (rows[0] if rows else {})
    return descriptor, {}


def _number(value) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def check_table(name: str, data: bytes, display: str) -> list[Problem]:
    """Whether the engine can read a harvested table as `READ` types it. The file is read as a package's CSV
    is (`load.csvfile`: encoding, header, quoting, row widths, blank rows, each told at its row), then it
    must name every column the roll-up reads and hold each read cell in its type or empty. A portal's own
    files always pass (the same generator wrote them); a file edited or damaged on the way gets one line per
    problem and column, the other rows counted."""
    header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r")]), [])
    raw, problems = read_csv_bytes(data, display, header)
    if raw is None:
        return problems
    lacking = [column for column in READ[name] if column not in raw.header]
    if raw.style.delimiter != "," or lacking:
        return problems + [Problem(display, 1, 1, f"kolom {', '.join(lacking or READ[name])} tidak ada di baris judul "
                                                  f'(dipisahkan dengan ","); {PUBLISHED}')]
    for column, kind in READ[name].items():
        if kind not in CELL:
            continue
        cells = raw.frame[column]
        bad = cells[[cell != "" and not _of_type(cell, kind) for cell in cells]]
        if len(bad):
            rows = [int(r) for r in bad.index]
            problems.append(Problem(display, rows[0], raw.header.index(column) + 1,
                                    f'kolom "{column}": "{shown(bad.iloc[0])}" bukan {CELL[kind][1]}; {PUBLISHED}'
                                    f"{more(rows)}"))
    return problems


def _of_type(cell: str, kind: str) -> bool:
    pattern, _ = CELL[kind]
    return bool(pattern.fullmatch(cell)) and (kind != "INTEGER" or -2**31 < int(cell) < 2**31)


def _agency(source: Source, member_id: str | None, reader: Reader, prefix: str, folder: Path,
            report: Report, where: str) -> Agency | None:
    """Copy one agency's files into the harvest folder and say who it is."""
    found = _identity(reader, prefix)
    if found is None:
        report.problems.append(Problem(where, 1, 1, f"{prefix}{SOURCE_DESCRIPTOR} tidak ditemukan; yang diharapkan "
                                                    "portal Kinerja Terbuka yang menerbitkan paket sumbernya"))
        return None
    descriptor, inst = found
    settings = descriptor.get("kinerja") if isinstance(descriptor.get("kinerja"), dict) else {}
    agency_id = member_id or str(inst.get("id") or source.id)
    target = folder / f"sumber={source.id}" / f"opd={agency_id}"
    target.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        data = reader.read(f"{prefix}data/{name}.csv")
        if data is not None:
            if reader.site is None:  # published files, not this run's own pages
                report.problems.extend(check_table(name, data, f"{where.rstrip('/')}/{prefix}data/{name}.csv"))
            (target / f"{name}.csv").write_bytes(data)
    year = settings.get("tahun_laporan")
    portal = (source.alamat.rstrip("/") + "/" + prefix) if source.alamat else ""
    return Agency(source.id, agency_id, str(inst.get("nama") or agency_id), str(inst.get("nama_singkat") or ""),
                  str(inst.get("pemerintah_daerah") or ""), int(year) if isinstance(year, int) else None,
                  _number(settings.get("batas_capaian_rata_rata")), bool(settings.get("sintetis", False)),
                  str(descriptor.get("created") or ""), portal)


def _portal(source: Source, folder: Path, report: Report) -> list[Agency]:
    if is_url(source.situs):
        return _read_portal(source, Reader(url=source.situs), folder, report)
    with workspace.reading(Path(source.situs)):  # a build of that site waits, or is waited for
        return _read_portal(source, Reader(folder=Path(source.situs)), folder, report)


def _read_portal(source: Source, reader: Reader, folder: Path, report: Report) -> list[Agency]:
    where = source.situs
    listing = reader.read("data/opd.csv")
    if listing is not None and reader.read("data/capaian.csv") is None:  # a kabupaten portal
        ids = [row["id"] for row in _csv_rows(listing)]
        found = [_agency(source, mid, reader, f"{mid}/", folder, report, where) for mid in ids]
    else:
        found = [_agency(source, None, reader, "", folder, report, where)]
    return [a for a in found if a is not None]


def _packages(sources: list[Source], folder: Path, report: Report, executor: Executor) -> list[Agency]:
    """Every package of the `paket` sources through the pipeline, in one pass of the executor."""
    jobs, owners = [], []
    for source in sources:
        file = catalog_build.catalog_file(source.paket)
        if file is None:
            members = [(None, source.paket)]
        else:
            catalog, problems = catalog_build.read_catalog(file)
            report.problems.extend(problems.problems)
            members = [(m.id, m.path) for m in catalog.anggota] if catalog else []
        for member_id, path in members:
            jobs.append(MemberJob(member_id or source.id, str(path), str(path), RenderOptions(static_svg=False),
                                  {}, cache.code_key()))
            owners.append((source, member_id))
    outcomes = executor.map(run_member, jobs) if jobs else []
    agencies = []
    for (source, member_id), job, outcome in zip(owners, jobs, outcomes):
        outcome = outcome.shown(job)
        report.problems.extend(outcome.problems)
        if outcome.result is None:
            continue
        prefix = f"{member_id}/" if member_id else ""
        reader = Reader(site=outcome.result.site)
        agency = _agency(source, member_id, reader, "", folder, report, job.display)
        if agency is not None:
            agency.portal = (source.alamat.rstrip("/") + "/" + prefix) if source.alamat else ""
            agencies.append(agency)
    return agencies


def harvest(rollup: Rollup, folder: Path, executor: Executor | None = None) -> tuple[list[Agency], Report]:
    """Every agency of every source into `folder` (emptied first), in catalog order."""
    report = Report()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    by_source: dict[str, list[Agency]] = {}
    for source in rollup.sumber:
        if source.situs is not None:
            try:
                by_source[source.id] = _portal(source, folder, report)
            except (OSError, ValueError, KeyError, csv.Error) as exc:
                report.problems.append(Problem(source.situs, 1, 1, f'sumber "{source.id}" tidak dapat dibaca ({exc}); '
                                                                   "yang diharapkan portal Kinerja Terbuka yang sudah terbit"))
    packaged = [s for s in rollup.sumber if s.paket is not None]
    for agency in _packages(packaged, folder, report, executor or LocalExecutor()):
        by_source.setdefault(agency.sumber, []).append(agency)
    agencies = [a for s in rollup.sumber for a in by_source.get(s.id, [])]
    seen = set()
    for a in agencies:
        if (a.sumber, a.id) in seen:
            report.problems.append(Problem(str(rollup.file), 1, 1, f'sumber "{a.sumber}": perangkat daerah "{a.id}" ganda'))
        seen.add((a.sumber, a.id))
    return agencies, report
