"""Open a data package: read `datapackage.json`, refuse unsafe paths, resolve schemas, read settings.

Nothing here reads the CSV files; it only decides which files will be read and how.
"""
from __future__ import annotations

import json
import posixpath
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator import cache, contract
from generator.load.jsonfile import locate, parse_json  # noqa: F401  (locate: part of load's face)
from generator.load.metadata import metadata_problems as _metadata
from generator.load.schema import check_contract, schema_problems, translate_note
from generator.problems import KESALAHAN, PERINGATAN, Problem, os_reason
from generator.settings import Settings, read_settings

@dataclass
class ResourceSpec:
    name: str
    path: Path  # absolute path of the CSV file
    display: str  # the path as shown in messages
    schema: dict
    schema_display: str
    header: list[str] = field(default_factory=list)  # filled in by the structure check
    # How the file writes cells and numbers is not declared here: `load.csvfile` detects it per file.

    @property
    def fields(self) -> list[dict]:
        return self.schema.get("fields", [])

    def column_number(self, column: str | None) -> int:
        """1-based spreadsheet column of `column` in the actual file (header order), else schema order."""
        if column is None:
            return 1
        if column in self.header:
            return self.header.index(column) + 1
        names = [f["name"] for f in self.fields]
        return names.index(column) + 1 if column in names else 1


@dataclass
class PackageSpec:
    root: Path
    display_root: str
    descriptor_display: str
    descriptor: dict
    raw: str
    resources: dict[str, ResourceSpec]
    settings: Settings

    @property
    def title(self) -> str:
        return self.descriptor.get("title") or self.descriptor.get("name") or "Paket data"


MAX_RESOURCES = 200  # tables one package may list: the generator knows about 30


def safe_relative(root: Path, value: str) -> Path | None:
    """The file `value` names inside `root`, or None when it is absolute, remote, climbs out of `root` (after
    `a/../b` is resolved, so `data/../data/x.csv` stays inside) or is a link pointing outside."""
    if not isinstance(value, str) or not value or "://" in value or value.startswith(("/", "\\")) or "\x00" in value:
        return None
    if re.match(r"^[A-Za-z]:", value):
        return None
    normal = posixpath.normpath(value.replace("\\", "/"))
    if normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return None
    try:
        target = (root / Path(*PurePosixPath(normal).parts)).resolve()
        target.relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # a symlink pointing outside, or a loop
        return None
    return target


def not_a_descriptor(file: Path) -> str | None:
    """Why a file given in place of the package is not its descriptor (a workbook, an archive, a table), so
    the answer says what to do instead of "JSON tidak sah" or "bukan teks UTF-8"."""
    name, typed = file.name.lower(), shlex.quote(str(file))  # the path as given, ready to paste into a shell
    if not file.is_file():  # a pipe or a device: reading it could wait forever
        return f"'{file}' bukan berkas biasa; yang diharapkan folder paket data atau berkas datapackage.json"
    if name.endswith(".json"):
        return None  # a descriptor, whatever it holds: its own problems are reported where they are
    try:
        with file.open("rb") as f:
            head = f.read(4)
    except OSError:
        return None  # reading it again says why
    if name.endswith((".xlsx", ".xlsm")):
        return (f"'{file}' adalah buku kerja Excel, bukan paket data; tulis isiannya ke paket dengan "
                f"kinerja impor {typed} --data FOLDER-PAKET, lalu berikan folder paketnya")
    if head == b"PK\x03\x04" or name.endswith(".zip"):
        return (f"'{file}' adalah arsip ZIP; paket data dibaca dari folder: ekstrak dulu (misalnya unzip "
                f"{typed} -d paket) lalu berikan folder yang memuat datapackage.json")
    return f"'{file}' bukan deskriptor paket data; yang diharapkan folder paket data atau berkas datapackage.json"


def open_package(path: str | Path, checked: dict[str, str] | None = None) -> tuple[PackageSpec | None, list[Problem]]:
    """Read and check the descriptor. Returns the spec (None if unusable) and descriptor-level problems.
    `checked`: the validation cache (see `validate.validate_package`); a descriptor that passed the Data
    Package standard's check with the same content is not checked again."""
    given = Path(path)
    descriptor_path = given / "datapackage.json" if given.is_dir() else given
    root = descriptor_path.parent
    display_root = str(given) if given.is_dir() else str(root)
    ddisp = str(descriptor_path)
    problems: list[Problem] = []

    def err(line: int, col: int, msg: str, level: str = KESALAHAN, file: str | None = None, at=None, detail="") -> None:
        if file is None:
            problems.append(Problem(ddisp, line, col, msg, level))
        else:  # a problem inside another JSON file (a schema): at its own line and column
            problems.append(Problem(file, at[0], at[1], f"{msg}: {detail}", level))

    if not descriptor_path.is_file():
        above = next((p for p in given.absolute().parents if (p / "datapackage.json").is_file()), None) \
            if given.is_dir() else None
        err(1, 1, "berkas datapackage.json tidak ditemukan; yang diharapkan: folder paket data berisi datapackage.json"
            + (f" (folder '{above}' di atasnya memuatnya: berikan folder itu)" if above is not None else ""))
        return None, problems
    if not given.is_dir() and (why := not_a_descriptor(descriptor_path)) is not None:
        err(1, 1, why)
        return None, problems
    if descriptor_path.is_symlink() and safe_relative(root, descriptor_path.name) is None:
        # the tables are refused when they lead out of the folder; the descriptor is the package's too
        err(1, 1, "datapackage.json adalah tautan ke berkas di luar folder paket; yang diharapkan berkas datapackage.json "
                  "di dalam folder paket itu sendiri (salin berkasnya, bukan tautannya)")
        return None, problems
    try:
        raw_bytes = descriptor_path.read_bytes()
    except OSError as exc:
        err(1, 1, f"datapackage.json tidak dapat dibaca ({os_reason(exc)})")
        return None, problems
    descriptor, failure = parse_json(raw_bytes)
    if failure is not None:
        line, col, message = failure
        if message == "berkas kosong":
            message = "datapackage.json kosong; yang diharapkan: deskriptor paket data JSON dengan daftar resources"
        err(line, col, message)
        return None, problems
    raw = raw_bytes.decode("utf-8-sig")
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        err(1, 1, 'deskriptor tidak memiliki daftar "resources"; yang diharapkan: objek JSON dengan "resources": [...]')
        return None, problems
    problems.extend(_metadata(descriptor, raw, ddisp))
    if len(descriptor["resources"]) > MAX_RESOURCES:  # each is read and checked whole: 8.000 took 169 s, 1,1 GB
        err(*locate(raw, "resources", descriptor["resources"]),
            f'deskriptor memuat {len(descriptor["resources"]):,} resource; yang diharapkan paling banyak '
            f"{MAX_RESOURCES} (paket Kinerja Terbuka memakai sekitar 30 tabel)".replace(",", "."))
        return None, problems

    resources: dict[str, ResourceSpec] = {}
    normalised: dict[int, str] = {}  # resource (by id) → its path written plainly, for the standard's own check
    for n, res in enumerate(descriptor["resources"], start=1):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not res["name"].strip():
            err(*locate(raw, "resources", descriptor["resources"]), f'resource ke-{n}: setiap resource wajib memiliki '
                                                                      '"name" berupa teks')
            continue
        name = res["name"]
        line, col = locate(raw, "name", name)
        if name in resources:
            err(line, col, f'nama resource "{name}" ganda; setiap resource wajib bernama unik')
            continue
        rel = res.get("path")
        if isinstance(rel, list):
            err(line, col, f'resource "{name}": path berupa daftar belum didukung; yang diharapkan satu berkas CSV')
            continue
        if not isinstance(rel, str):
            err(*locate(raw, "path", rel), f'resource "{name}": "path" harus berupa teks, misalnya "data/{name}.csv"')
            continue
        csv_path = safe_relative(root, rel)
        if csv_path is None:
            pl, pc = locate(raw, "path", rel)
            err(pl, pc, f'path "{rel}" untuk resource "{name}" ditolak karena menunjuk ke luar folder paket; '
                        f"yang diharapkan: path relatif di dalam paket, misalnya data/{name}.csv")
            continue
        if not rel.lower().endswith(".csv"):  # published as it is: a .html or .svg would run script on the portal
            err(*locate(raw, "path", rel), f'path "{rel}" untuk resource "{name}" bukan berkas .csv; yang diharapkan '
                                          f"berkas CSV berakhiran .csv, misalnya data/{name}.csv (tabel sumber "
                                          "diterbitkan apa adanya di situs, dan berkas berakhiran lain, seperti .html "
                                          "atau .svg, dibuka peramban sebagai halaman yang dapat menjalankan skrip)")
            continue
        plain = posixpath.normpath(rel.replace("\\", "/"))
        if plain != rel:  # data/../data/x.csv stays inside, but other Data Package tools refuse it
            why = ("standar Data Package memakai garis miring / sebagai pemisah folder, bukan \\ seperti Windows"
                   if "\\" in rel else "standar Data Package tidak mengizinkan .. atau . di dalam path")
            err(*locate(raw, "path", rel), f'path "{rel}" untuk resource "{name}" sebaiknya ditulis "{plain}" ({why})',
                PERINGATAN)
            normalised[id(res)] = plain
        encoding = res.get("encoding", "utf-8")
        if not isinstance(encoding, str) or encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
            el, ec = locate(raw, "encoding", encoding)
            err(el, ec, f'resource "{name}" memakai encoding "{encoding}"; yang diharapkan: utf-8')
            continue
        schema, schema_display, schema_raw = _read_schema(root, raw, name, res.get("schema"), err)
        if schema is None:
            continue
        shape = schema_problems(schema, ddisp if schema_display.startswith("datapackage.json#") else schema_display,
                                schema_raw, name)
        if shape:
            problems.extend(shape)
            continue
        resources[name] = ResourceSpec(name, csv_path, _display(display_root, rel), schema, schema_display)

    # a name that is no string (a list, a number) was refused above, at its line
    listed = [r["name"] for r in descriptor["resources"] if isinstance(r, dict) and isinstance(r.get("name"), str)]
    for name in contract.missing_required(listed):
        if not any(p.message.find(f'"{name}"') >= 0 for p in problems):
            err(1, 1, f'resource wajib "{name}" tidak ada di datapackage.json; yang diharapkan: '
                      f'resource "{name}" dengan path data/{name}.csv dan skema schemas/{name}.json')
    _unknown_names(resources, set(listed), raw, err)
    for name, spec in resources.items():
        if name in contract.RESOURCES:
            problems.extend(check_contract(spec))

    settings, settings_problems = read_settings(descriptor, lambda key, value: locate(raw, key, value), ddisp)
    problems.extend(settings_problems)
    if not any(p.level == KESALAHAN for p in problems):
        accepted = {**descriptor, "resources": [{**r, "path": normalised.get(id(r), r.get("path"))}
                                                for r in descriptor["resources"]
                                                if isinstance(r, dict) and r.get("name") in resources]}
        problems.extend(_frictionless_descriptor(accepted, ddisp, raw, checked))

    if any(p.level == KESALAHAN for p in problems):
        return None, problems
    spec = PackageSpec(root, display_root, ddisp, descriptor, raw, resources, settings)
    return spec, problems


def _unknown_names(resources: dict[str, ResourceSpec], listed: set[str], raw: str, err) -> None:
    """A resource whose name is no table of the standard is read by no page. When its file is a standard
    table's own (`data/realisasi.csv` listed as "Realisasi Kinerja") the operator renamed that table, and the
    portal would go without it saying only that it is missing: refused, with the name to write back. Any other
    is said, with the closest known name (an agency may publish a table of its own beside the standard's)."""
    import difflib

    for name, spec in resources.items():
        if name in contract.RESOURCES:
            continue
        line, col = locate(raw, "name", name)
        stem = spec.path.stem
        if stem in contract.RESOURCES and stem not in listed:
            err(line, col, f'resource "{name}" menunjuk berkas tabel "{stem}" ({spec.path.name}), tetapi bernama lain, '
                           f'sehingga portal tidak membacanya sebagai tabel itu; yang diharapkan "name": "{stem}"')
            continue
        close = difflib.get_close_matches(name.lower(), [r for r in contract.RESOURCES if r not in listed], n=1)
        err(line, col, f'resource "{name}" bukan tabel yang dikenal portal dan tidak dipakai halaman mana pun'
                       + (f'; mungkin maksudnya "{close[0]}"?' if close else ""), PERINGATAN)


def _display(display_root: str, rel: str) -> str:
    return str(Path(display_root) / rel)


def _read_schema(root: Path, raw: str, name: str, schema, err):
    """The resource's Table Schema (inline or a file inside the package), where messages name it, and its text;
    or None after reporting why not."""
    if isinstance(schema, dict):
        return schema, f"datapackage.json#{name}", raw
    if not isinstance(schema, str):
        line, col = locate(raw, "name", name)
        err(line, col, f'resource "{name}" tidak memiliki skema; yang diharapkan: "schema": "schemas/{name}.json"')
        return None, "", ""
    path = safe_relative(root, schema)
    line, col = locate(raw, "schema", schema)
    if path is None:
        err(line, col, f'skema "{schema}" untuk resource "{name}" ditolak karena menunjuk ke luar folder paket')
        return None, "", ""
    if not schema.lower().endswith(".json"):  # published as it is, like the tables
        err(line, col, f'skema "{schema}" untuk resource "{name}" bukan berkas .json; yang diharapkan berkas JSON '
                       f"berakhiran .json, misalnya schemas/{name}.json (skema diterbitkan apa adanya di situs)")
        return None, "", ""
    if not path.is_file():
        err(line, col, f'berkas skema "{schema}" untuk resource "{name}" tidak ditemukan')
        return None, "", ""
    try:
        data = path.read_bytes()
    except OSError as exc:
        err(line, col, f'skema "{schema}" untuk resource "{name}" tidak dapat dibaca ({os_reason(exc)})')
        return None, "", ""
    value, failure = parse_json(data)
    if failure is not None:
        sline, scol, message = failure
        err(line, col, f'skema "{schema}" untuk resource "{name}" bukan JSON yang sah', file=str(path), at=(sline, scol),
            detail=message)
        return None, "", ""
    return value, str(path), data.decode("utf-8-sig", errors="replace")


# The validation cache's entry for the descriptor (a resource name cannot hold "#": no table collides).
DESCRIPTOR_CHECKED = "#deskriptor"


def _frictionless_descriptor(descriptor: dict, ddisp: str, raw: str,
                             checked: dict[str, str] | None = None) -> list[Problem]:
    """Metadata checks of the Data Package standard itself (names, licenses, profiles), in Bahasa.
    With `checked`, a descriptor that passed before (same content, generator and frictionless: the key
    is `cache.key`) passes again without frictionless being imported, ~0,25 s of every build."""
    passed = None
    if checked is not None:
        passed = cache.key("deskriptor", json.dumps(descriptor, sort_keys=True, ensure_ascii=False))
        if checked.get(DESCRIPTOR_CHECKED) == passed:
            return []
    from frictionless import Package as FrictionlessPackage

    problems = []
    try:
        report = FrictionlessPackage.validate_descriptor(descriptor)
    except Exception as exc:  # noqa: BLE001 — a descriptor frictionless cannot even read is still one line
        return [Problem(ddisp, 1, 1, f"deskriptor tidak memenuhi standar Data Package ({type(exc).__name__})")]
    for error in report.errors:
        message, key, value = translate_note(error.note)
        line, col = locate(raw, key, value) if key else (1, 1)
        problems.append(Problem(ddisp, line, col, f"deskriptor tidak memenuhi standar Data Package: {message}",
                                PERINGATAN if "licenses" in error.note else KESALAHAN))
    if passed is not None and not problems:
        checked[DESCRIPTOR_CHECKED] = passed
    return problems
