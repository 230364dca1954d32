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

import collections
import contextlib
import csv
import hashlib
import http.client
import io
import re
import shutil
import socket
import ssl
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator import cache
from generator.load.csvfile import more, read_csv_bytes
from generator.load.jsonfile import locate, parse_json
from generator.load.package import safe_relative
from generator.problems import Problem, Report, not_utf8, os_reason
from generator.publish import catalog as catalog_build
from generator.publish.manifest import PATH as MANIFEST
from generator.publish import workspace
from generator.publish.executor import Executor, LocalExecutor
from generator.publish.member import MemberJob, run_member
from generator.render.context import RenderOptions, Site
from generator.rollup.catalog import Rollup, Source, is_url
from generator.validate.cells import ID_MAX, ID_PATTERN, shown

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
        "DECIMAL(18,2)": (re.compile(r"-?[0-9]+(?:\.[0-9]+)?"), "angka dengan titik desimal, misalnya 88.19"),
        "BOOLEAN": (re.compile(r"true|false"), "true atau false")}
# DECIMAL(18,2) holds 16 digits before the point, counted after rounding to two decimals: a capaian computed
# from a target typed far too small (0,000001 orang) can be 10^22 %, valid and published, and still beyond it.
DECIMAL_LIMIT = Decimal(10) ** 16
PUBLISHED = "yang diharapkan CSV seperti yang diterbitkan portal Kinerja Terbuka"
# A portal's address is another party's server: what it sends is bounded, in time and in size. Its open-data
# files are kilobytes (an OPD's five years of capaian: about 20 KB); a server that streams without end or
# one byte a second must end the roll-up with a line, not exhaust memory or wait forever.
TIMEOUT = 60  # seconds per file fetched from a portal's address, whole download
MAX_BYTES = 8 * 2**20  # per file fetched from a portal's address (a ministry's 40.000 capaian rows: ~4 MB)
CHUNK = 2**16
FETCHERS = 16  # agencies whose files are read at once (the wait is the network's; see _portals)
PER_SERVER = 4  # requests at once to one server: a kabupaten's own server is not a CDN, and a roll-up is a guest
AHEAD = 2 * FETCHERS  # agencies read and not yet copied, at most
HELD = 256 * 2**20  # bytes read and not yet copied, at most, before another agency is read ahead
# An agency's id names its folder in the harvest (`opd=<id>`): a package identifier, never a path.
AGENCY_ID = re.compile(ID_PATTERN)


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


class Unreachable(OSError):
    """A portal's address did not give a file; the message says why, in Bahasa."""


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follows a redirect to another http(s) address only (urllib would also follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise Unreachable(f"{req.full_url}: dialihkan ke alamat yang bukan http(s) ({newurl[:80]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_WATCHED = threading.local()  # the sockets the current thread's fetch has opened, for its watchdog


def _watched(connection: type) -> type:
    """`connection` (http.client's HTTP or HTTPS connection) remembering each socket it opens, so that a
    fetch's watchdog can cut it: a socket timeout covers one read, not a whole file (a server can send a
    byte a second, headers or chunk trailers without end)."""

    class Watched(connection):
        def connect(self) -> None:
            super().connect()
            opened = getattr(_WATCHED, "sockets", None)
            if opened is not None:
                opened.append(self.sock)

    return Watched


class _Http(urllib.request.HTTPHandler):
    def do_open(self, http_class, req, **kwargs):
        return super().do_open(_watched(http_class), req, **kwargs)


class _Https(urllib.request.HTTPSHandler):
    def do_open(self, http_class, req, **kwargs):
        return super().do_open(_watched(http_class), req, **kwargs)


_OPENER = urllib.request.build_opener(_HttpOnly, _Http, _Https)
_SERVERS: dict[str, threading.BoundedSemaphore] = {}
_SERVERS_LOCK = threading.Lock()


def _turn(url: str) -> threading.BoundedSemaphore:
    """The turns of the server at `url` (its host and port): `PER_SERVER` requests at a time."""
    server = urllib.parse.urlsplit(url).netloc.lower()
    with _SERVERS_LOCK:
        return _SERVERS.setdefault(server, threading.BoundedSemaphore(PER_SERVER))


def _why(exc: BaseException) -> str:
    """Why an address gave no file, in Bahasa (the libraries' own words are English)."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return "nama server tidak dikenal (periksa alamatnya dan sambungan internet)"
    if isinstance(reason, ConnectionRefusedError):
        return "sambungan ditolak server"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "sertifikat HTTPS server tidak sah"
    if isinstance(reason, ssl.SSLError):
        return "sambungan HTTPS gagal"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"server tidak menjawab dalam {_seconds(TIMEOUT)} detik"
    if isinstance(reason, http.client.InvalidURL):
        return "alamat tidak sah"
    if isinstance(reason, (ConnectionResetError, http.client.HTTPException)):
        return "server memutus sambungan sebelum berkasnya selesai"
    if isinstance(reason, OSError):
        return os_reason(reason)
    return "alamat tidak dapat dibuka"


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def fetch(url: str, deadline: float | None = None, limit: int | None = None) -> bytes | None:
    """One file from an address: its bytes, or None when the server has no such file (404); Unreachable
    when the server fails, redirects elsewhere than http(s), sends more than `limit` bytes or takes more
    than `deadline` seconds for the whole file. One server gets at most `PER_SERVER` requests at a time."""
    deadline, limit = TIMEOUT if deadline is None else deadline, MAX_BYTES if limit is None else limit
    late = Unreachable(f"{url}: unduhan tidak selesai dalam {_seconds(deadline)} detik")
    expired = threading.Event()
    _WATCHED.sockets = opened = []

    def cut() -> None:  # the watchdog: at the deadline every socket of this fetch is shut, whatever it waits for
        expired.set()
        for sock in list(opened):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(deadline, cut)
    watchdog.daemon = True
    try:
        with _turn(url):
            watchdog.start()
            found = _fetch(url, limit)
        if expired.is_set():  # cut: what arrived before is not the file (a body without a length ends so)
            raise late
        return found
    except Unreachable as exc:
        if expired.is_set() and exc is not late:
            raise late from None
        raise
    except ValueError as exc:  # an address urllib cannot even split (e.g. an unclosed "[")
        raise Unreachable(f"{url}: alamat tidak sah") from exc
    finally:
        watchdog.cancel()
        _WATCHED.sockets = None


def _fetch(url: str, limit: int) -> bytes | None:
    try:
        with _OPENER.open(url, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) only, checked by the catalog)
            parts, size = [], 0
            while chunk := response.read1(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_big(url, limit)
                parts.append(chunk)
            if response.length:  # the server closed before the length it announced: part of a file is no file
                raise Unreachable(f"{url}: unduhan terputus sebelum berkasnya lengkap")
            return _decoded(url, b"".join(parts), response.headers.get("Content-Encoding"), limit)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        location = exc.headers.get("Location") if exc.headers is not None else None
        if 300 <= exc.code < 400 and location and \
                urllib.parse.urlsplit(urllib.parse.urljoin(url, location)).scheme not in ("http", "https"):
            # urllib refuses such a redirect itself, before `_HttpOnly` sees it, as an HTTP error
            raise Unreachable(f"{url}: dialihkan ke alamat yang bukan http(s) ({location[:80]})") from exc
        if 300 <= exc.code < 400:
            raise Unreachable(f"{url}: pengalihan berputar atau terlalu banyak (HTTP {exc.code})") from exc
        raise Unreachable(f"{url}: server menjawab HTTP {exc.code}") from exc
    except Unreachable:
        raise
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        raise Unreachable(f"{url}: {_why(exc)}") from exc


def _too_big(url: str, limit: int) -> Unreachable:
    return Unreachable(f"{url}: berkas lebih besar dari {limit // 2**20} MiB; berkas data terbuka portal hanya "
                       "beberapa kilobita")


def _decoded(url: str, data: bytes, encoding: str | None, limit: int) -> bytes:
    """The file a response carries: as sent, or unpacked when the server compressed it with gzip though it
    was not asked to (no more than `limit` bytes unpacked); another compression is named, not guessed at
    (its bytes read as a file in UTF-32)."""
    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip"):
        raise Unreachable(f"{url}: server mengirim berkas terkompresi ({encoding[:20]}) yang tidak dapat dibaca; "
                          "yang diharapkan berkas apa adanya atau gzip")
    unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpack.decompress(data, limit + 1)
    except zlib.error as exc:
        raise Unreachable(f"{url}: berkas terkompresi gzip dari server rusak") from exc
    if len(out) > limit:
        raise _too_big(url, limit)
    if not unpack.eof:
        raise Unreachable(f"{url}: berkas terkompresi gzip dari server tidak lengkap")
    return out


class Reader:
    """Files of a published portal (folder or address) or of a portal in memory, by site path."""

    def __init__(self, folder: Path | None = None, url: str | None = None, site: Site | None = None):
        self.folder, self.url, self.site = folder, url, site
        self._published: dict | None = None
        self._lock = threading.Lock()

    def published(self) -> dict[str, str]:
        """The sha256 of every file the portal published, by site path (its data/manifest.json, read once);
        empty when it has none that can be read (a portal of an older release, a server that refuses it, a
        manifest above the size limit of a file): then nothing is compared, as before manifests."""
        with self._lock:
            if self._published is None:
                try:
                    raw = self.read(MANIFEST)
                except (OSError, ValueError):  # Unreachable is an OSError
                    raw = None
                data, failure = parse_json(raw) if raw is not None else (None, True)
                files = data.get("berkas") if failure is None and isinstance(data, dict) else None
                self._published = {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} \
                    if isinstance(files, dict) else {}
            return self._published

    def read(self, rel: str) -> bytes | None:
        if self.site is not None:
            text = self.site.pages.get(rel)
            return text.encode("utf-8") if text is not None else self.site.files.get(rel)
        if self.url is not None:
            return fetch(self.url + rel)
        return read_local(self.folder, rel)


def read_local(folder: Path, rel: str, limit: int | None = None) -> bytes | None:
    """A file of a portal published in a folder, as a portal's address would give it: within the folder
    (a link out of it, to /etc/passwd say, is not the portal's file) and within the size limit of a
    fetched file (a 3 GB capaian.csv took 15 GB of memory). None when the portal has no such file."""
    path = folder / rel
    if not path.is_file():
        return None
    if safe_relative(folder, rel) is None:  # the rule a package's own files follow
        raise Unreachable(f"{path}: tautan ke luar folder portal; yang diharapkan berkas portal itu sendiri")
    limit = MAX_BYTES if limit is None else limit
    if path.stat().st_size > limit:
        raise _too_big(str(path), limit)
    return path.read_bytes()


class _ReadAhead(Reader):
    """One agency's files, each read once: a fetcher thread reads them ahead (`_read_ahead`, waiting for the
    network in parallel with the others), then `_agency` reads them from memory in the main thread."""

    def __init__(self, behind: Reader, given_up: Callable[[], bool] = lambda: False):
        super().__init__(behind.folder, behind.url, behind.site)
        self.kept: dict[str, bytes | None] = {}
        self.given_up = given_up  # the source failed already: read nothing more of it
        self.behind = behind

    def published(self) -> dict[str, str]:
        return self.behind.published()  # the portal's, read once for all its agencies

    def read(self, rel: str) -> bytes | None:
        if rel not in self.kept:
            if self.given_up():
                raise Unreachable(f"{self.url}{rel}: sumbernya sudah gagal dibaca")
            self.kept[rel] = super().read(rel)
        return self.kept[rel]

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.kept.values() if data)


def _read_ahead(reader: _ReadAhead, prefix: str, where: str) -> _ReadAhead:
    """Read what `_agency` will read of one agency (the descriptor and instansi table by `_identity` itself,
    then the tables), so that its own reads find them in memory."""
    found = _identity(reader, prefix, where)
    if found is not None and not found[2]:
        for name in TABLES:
            reader.read(f"{prefix}data/{name}.csv")
    return reader


def _named(where: str, rel: str) -> str:
    """How a message names the file `rel` of the source at `where` (a folder or an address)."""
    return f"{where.rstrip('/')}/{rel}"


def _csv_rows(data: bytes, display: str, expected: str,
              delimiter: str = ",") -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The records of a small published table (data/opd.csv, the instansi table) by column name, each with
    its spreadsheet row (blank rows count, as a spreadsheet shows them)."""
    problem = not_utf8(display, data.removeprefix(b"\xef\xbb\xbf"), expected)
    if problem is not None:
        return [], [problem]
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
    header = records[0] if records else []
    return [(n, dict(zip(header, record))) for n, record in enumerate(records[1:], start=2) if record], []


def _agency_id(value: str | None, display: str, row: int, column: int) -> Problem | None:
    """An agency id names a folder of the harvest: refused unless it is a package identifier."""
    if value is not None and AGENCY_ID.fullmatch(value) and len(value) <= ID_MAX:
        return None
    return Problem(display, row, column, f'id perangkat daerah "{shown(value or "")}" tidak sah; yang diharapkan huruf '
                                         f"kecil, angka, titik, garis bawah dan tanda -, paling banyak {ID_MAX} "
                                         'karakter, misalnya "disdik" (id ini menjadi nama folder)')


def _identity(reader: Reader, prefix: str, where: str) -> tuple[dict, dict, list[Problem]] | None:
    """The source package's descriptor and its instansi row, as the portal publishes them, and what is
    wrong with them; None when the portal publishes no source package."""
    display = _named(where, prefix + SOURCE_DESCRIPTOR)
    raw = reader.read(prefix + SOURCE_DESCRIPTOR)
    if raw is None:
        return None
    descriptor, failure = parse_json(raw)
    if failure is not None or not isinstance(descriptor, dict):
        line, column, message = failure or (1, 1, "isinya bukan objek JSON")
        return {}, {}, [Problem(display, line, column, f"bukan JSON yang sah: {message}; yang diharapkan "
                                                       "datapackage.json paket sumber seperti yang diterbitkan portal "
                                                       "Kinerja Terbuka")]
    resources = descriptor.get("resources")
    for res in resources if isinstance(resources, list) else []:
        if isinstance(res, dict) and res.get("name") == "instansi" and isinstance(res.get("path"), str):
            dialect = res.get("dialect")
            delimiter = str(dialect.get("delimiter", ",")) if isinstance(dialect, dict) else ","
            path = PurePosixPath(res["path"])
            if path.is_absolute() or ".." in path.parts:  # the package's own file, never one beside it
                line, column = locate(raw.decode("utf-8-sig"), "path", res["path"])
                return descriptor, {}, [Problem(display, line, column, f'path tabel instansi "{shown(res["path"])}" '
                                                               "menunjuk ke luar paket sumber; yang diharapkan jalur "
                                                               'di dalam paket, misalnya "data/instansi.csv"')]
            rel = prefix + "data/sumber/" + str(path)
            data, display = reader.read(rel), _named(where, rel)
            rows, problems = _csv_rows(data, display, "tabel instansi paket sumber",
                                       delimiter if len(delimiter) == 1 else ",") if data is not None else ([], [])
            row, inst = rows[0] if rows else (2, {})
            if inst.get("id"):  # an empty id: the source's own id stands for it
                bad = _agency_id(inst["id"], display, row, list(inst).index("id") + 1)
                problems += [bad] if bad else []
            return descriptor, inst, problems
    return descriptor, {}, []


def _number(value) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer of hundreds of digits
        return None


def check_table(name: str, data: bytes, display: str) -> list[Problem]:
    """Whether the engine can read a harvested table as `READ` types it. The file is read as a package's CSV
    is (`load.csvfile`: encoding, header, quoting, row widths, blank rows, each told at its row), then it
    must name every column the roll-up reads and hold each read cell in its type or empty. A portal's own
    files always pass (the same generator wrote them); a file edited or damaged on the way gets one line per
    problem and column, the other rows counted."""
    header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r")]), [])
    raw, problems = read_csv_bytes(data, display, header, lenient=False)  # the engine reads the bytes as they are
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
            continue
        large = cells[[kind.startswith("DECIMAL") and cell != "" and _too_large(cell) for cell in cells]]
        if len(large):
            rows = [int(r) for r in large.index]
            which = f' (indikator "{shown(raw.frame.at[large.index[0], "indikator"])}")' if "indikator" in raw.header else ""
            problems.append(Problem(display, rows[0], raw.header.index(column) + 1,
                                    f'kolom "{column}": {shown(large.iloc[0])}{which} terlalu besar untuk direkap; yang '
                                    "diharapkan paling banyak 16 angka sebelum titik desimal"
                                    + ("; periksa target dan realisasi indikatornya: target yang jauh terlalu kecil "
                                       "memberi capaian sebesar ini" if column == "capaian" else "")
                                    + more(rows)))
    return problems


def _of_type(cell: str, kind: str) -> bool:
    pattern, _ = CELL[kind]
    return bool(pattern.fullmatch(cell)) and (kind != "INTEGER" or -2**31 < int(cell) < 2**31)


def _too_large(cell: str) -> bool:
    """Beyond DECIMAL(18,2) once rounded to two decimals (9999999999999999.995 is)."""
    return abs(Decimal(cell).quantize(Decimal("0.01"), ROUND_HALF_UP)) >= DECIMAL_LIMIT


def _agency(source: Source, member_id: str | None, reader: Reader, prefix: str, folder: Path,
            report: Report, where: str) -> Agency | None:
    """Copy one agency's files into the harvest folder and say who it is."""
    found = _identity(reader, prefix, where)
    if found is None:
        report.problems.append(Problem(where, 1, 1, f"{prefix}{SOURCE_DESCRIPTOR} tidak ditemukan; yang diharapkan "
                                                    "portal Kinerja Terbuka yang menerbitkan paket sumbernya"))
        return None
    descriptor, inst, problems = found
    if problems:
        report.problems.extend(problems)
        return None
    settings = descriptor.get("kinerja") if isinstance(descriptor.get("kinerja"), dict) else {}
    agency_id = member_id or str(inst.get("id") or source.id)
    target = folder / f"sumber={source.id}" / f"opd={agency_id}"
    target.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        data = reader.read(f"{prefix}data/{name}.csv")
        if data is not None:
            path = f"{prefix}data/{name}.csv"
            if reader.site is None:  # published files, not this run's own pages
                if not as_published(data, reader.published().get(path)):
                    report.problems.append(Problem(_named(where, path), 1, 1, "isi berkas tidak sama dengan yang dicatat "
                                                   f"manifes portal ({MANIFEST}, sha256): berkasnya terpotong atau "
                                                   "diubah sesudah diterbitkan; yang diharapkan berkas sebagaimana "
                                                   "diterbitkan portal itu"))
                report.problems.extend(check_table(name, data, _named(where, path)))
            else:  # this run's own tables: well formed, though a figure computed from valid data can be too large
                report.problems.extend(check_table(name, data, f"{where.rstrip('/')} (tabel {path} yang dihitung)"))
            (target / f"{name}.csv").write_bytes(data)
    year = settings.get("tahun_laporan")
    portal = (source.alamat.rstrip("/") + "/" + prefix) if source.alamat else ""
    return Agency(source.id, agency_id, str(inst.get("nama") or agency_id), str(inst.get("nama_singkat") or ""),
                  str(inst.get("pemerintah_daerah") or ""), int(year) if isinstance(year, int) else None,
                  _number(settings.get("batas_capaian_rata_rata")), bool(settings.get("sintetis", False)),
                  str(descriptor.get("created") or ""), portal)


def as_published(data: bytes, sha256: str | None) -> bool:
    """Whether a harvested file is the one the portal's manifest records (no record: nothing to compare).
    Line endings and a byte order mark are not content: a copy checked out with CRLF endings still is."""
    if sha256 is None:
        return True
    if hashlib.sha256(data).hexdigest() == sha256:
        return True
    plain = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    return hashlib.sha256(plain).hexdigest() == sha256


def _listing(source: Source) -> tuple[Reader, list[str | None], list[Problem]]:
    """How to read a published portal, and which agencies it holds: the member ids a kabupaten portal lists,
    or [None] for a single agency's portal."""
    reader = Reader(url=source.situs) if is_url(source.situs) else Reader(folder=Path(source.situs))
    reader.published()  # its manifest, read here: the sources' listings are read side by side (`_portals`)
    listing = reader.read("data/opd.csv")
    if listing is not None and reader.read("data/capaian.csv") is None:  # a kabupaten portal
        return reader, *_members(listing, _named(source.situs, "data/opd.csv"))
    return reader, [None], []


def _unreadable(source: Source, exc: Exception) -> Problem:
    return Problem(source.situs, 1, 1, f'sumber "{source.id}" tidak dapat dibaca ({_unread(exc)}); yang diharapkan '
                                       "portal Kinerja Terbuka yang sudah terbit")


def _portals(sources: list[Source], folder: Path) -> tuple[dict[str, list[Agency]], list[Problem]]:
    """Every agency of the published portals, in catalog and member order. From addresses the wait is the
    network's (7 files per agency, tens of milliseconds each; one after another a national roll-up of
    18.000 agencies would wait hours), so `FETCHERS` threads read agencies ahead (`_read_ahead`), each
    server `PER_SERVER` requests at a time (`fetch`), at most `AHEAD` agencies or `HELD` bytes waiting.
    Checking and copying stay in this thread, agency after agency. A folder is read here directly. First
    each portal's list of agencies, then every agency of every portal; a source whose file cannot be read
    is one line, and the rest of it is not read."""
    with contextlib.ExitStack() as held:
        pool = ThreadPoolExecutor(FETCHERS)
        held.callback(pool.shutdown, wait=False, cancel_futures=True)  # a stop does not wait for the queue
        for source in sources:
            if not is_url(source.situs):  # a build of that site waits, or is waited for
                held.enter_context(workspace.reading(Path(source.situs)))

        def listed(source: Source):
            try:
                return _listing(source)
            except (OSError, ValueError, csv.Error) as exc:
                return None, [], [_unreadable(source, exc)]

        problems, jobs, failed = [], [], set()
        for source, (reader, members, listed_problems) in zip(sources, pool.map(listed, sources)):
            problems += listed_problems
            jobs += [(source, member, reader, f"{member}/" if member else "") for member in members]
        reading: collections.deque = collections.deque()
        waiting = iter(jobs)
        by_source: dict[str, list[Agency]] = {source.id: [] for source in sources}

        def waiting_bytes() -> int:  # of the agencies read ahead completely (a running read is its thread's)
            return sum(read.result().size for *_, read in reading if not isinstance(read, Reader) and read.done()
                       and not read.exception())

        while True:
            while len(reading) < AHEAD and (not reading or waiting_bytes() < HELD) \
                    and (job := next(waiting, None)) is not None:
                source, member, reader, prefix = job
                if reader.url is None:  # a folder is read as fast here: no thread to wait for
                    reading.append((source, member, prefix, reader))
                    continue
                ahead = _ReadAhead(reader, lambda sid=source.id: sid in failed)
                reading.append((source, member, prefix, pool.submit(_read_ahead, ahead, prefix, source.situs)))
            if not reading:
                break
            source, member, prefix, read = reading.popleft()
            if source.id in failed:
                continue
            report = Report()
            try:
                read = read if isinstance(read, Reader) else read.result()
                agency = _agency(source, member, read, prefix, folder, report, source.situs)
            except (OSError, ValueError, csv.Error) as exc:
                failed.add(source.id)
                problems.append(_unreadable(source, exc))
                continue
            problems += report.problems
            if agency is not None:
                by_source[source.id].append(agency)
    return by_source, problems


def _members(listing: bytes, display: str) -> tuple[list[str], list[Problem]]:
    """The member ids a kabupaten portal lists (data/opd.csv); each one names a folder of that portal and of
    the harvest, so one that is not an identifier (`../..`, a slash) is refused at its row."""
    rows, problems = _csv_rows(listing, display, "daftar perangkat daerah portal (data/opd.csv)")
    if not problems and rows and "id" not in rows[0][1]:
        problems = [Problem(display, 1, 1, 'kolom "id" tidak ada di baris judul; yang diharapkan daftar perangkat '
                                           "daerah seperti yang diterbitkan portal Kinerja Terbuka")]
    if not problems:
        column = list(rows[0][1]).index("id") + 1 if rows else 1
        problems = [bad for n, row in rows if (bad := _agency_id(row.get("id"), display, n, column))]
    return ([] if problems else [row["id"] for _, row in rows]), problems


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


def _unread(exc: Exception) -> str:
    if isinstance(exc, Unreachable):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc)
    return "isi berkasnya tidak dapat diurai"


def harvest(rollup: Rollup, folder: Path, executor: Executor | None = None) -> tuple[list[Agency], Report]:
    """Every agency of every source into `folder` (emptied first), in catalog order."""
    report = Report()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    by_source, problems = _portals([s for s in rollup.sumber if s.situs is not None], folder)
    report.problems.extend(problems)
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
