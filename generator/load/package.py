"""Open a data package: read `datapackage.json`, refuse unsafe paths, resolve schemas, read settings.

Nothing here reads the CSV files; it only decides which files will be read and how.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from frictionless import Package as FrictionlessPackage

from generator import contract
from generator.problems import KESALAHAN, PERINGATAN, Problem
from generator.settings import Settings, read_settings

@dataclass
class ResourceSpec:
    name: str
    path: Path  # absolute path of the CSV file
    display: str  # the path as shown in messages
    schema: dict
    schema_display: str
    delimiter: str = ","
    header: list[str] = field(default_factory=list)  # filled in by the structure check

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


def locate(raw: str, key: str, value) -> tuple[int, int]:
    """Line and column of `"key": value` in the descriptor text, so messages point at the JSON line."""
    pattern = re.compile(r'"%s"\s*:\s*%s' % (re.escape(key), re.escape(json.dumps(value, ensure_ascii=False))))
    match = pattern.search(raw) or re.compile(r'"%s"\s*:\s*%s' % (re.escape(key), re.escape(json.dumps(value)))).search(raw)
    if not match:
        return 1, 1
    before = raw[: match.start()]
    return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1


def safe_relative(root: Path, value: str) -> Path | None:
    """The file `value` names inside `root`, or None when it is absolute, remote or climbs out."""
    if not isinstance(value, str) or not value or "://" in value or value.startswith(("/", "\\")):
        return None
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if ".." in parts or re.match(r"^[A-Za-z]:", value):
        return None
    target = (root / Path(*parts)).resolve()
    try:
        target.relative_to(root.resolve())
    except ValueError:  # a symlink pointing outside
        return None
    return target


def open_package(path: str | Path) -> tuple[PackageSpec | None, list[Problem]]:
    """Read and check the descriptor. Returns the spec (None if unusable) and descriptor-level problems."""
    given = Path(path)
    descriptor_path = given / "datapackage.json" if given.is_dir() else given
    root = descriptor_path.parent
    display_root = str(given) if given.is_dir() else str(root)
    ddisp = str(descriptor_path)
    problems: list[Problem] = []

    def err(line: int, col: int, msg: str, level: str = KESALAHAN) -> None:
        problems.append(Problem(ddisp, line, col, msg, level))

    if not descriptor_path.is_file():
        err(1, 1, "berkas datapackage.json tidak ditemukan; yang diharapkan: folder paket data berisi datapackage.json")
        return None, problems
    raw_bytes = descriptor_path.read_bytes()
    try:
        raw = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        err(raw_bytes[: exc.start].count(b"\n") + 1, 1, "datapackage.json bukan teks UTF-8; simpan ulang sebagai UTF-8")
        return None, problems
    if not raw.strip():
        err(1, 1, "datapackage.json kosong; yang diharapkan: deskriptor paket data JSON dengan daftar resources")
        return None, problems
    try:
        descriptor = json.loads(raw)
    except json.JSONDecodeError as exc:
        err(exc.lineno, exc.colno, f"JSON tidak sah ({exc.msg}); periksa koma, tanda kutip dan kurung di sekitar posisi ini")
        return None, problems
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        err(1, 1, 'deskriptor tidak memiliki daftar "resources"; yang diharapkan: objek JSON dengan "resources": [...]')
        return None, problems

    resources: dict[str, ResourceSpec] = {}
    for res in descriptor["resources"]:
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            err(1, 1, 'setiap resource wajib memiliki "name" berupa teks')
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
        csv_path = safe_relative(root, rel)
        if csv_path is None:
            pl, pc = locate(raw, "path", rel)
            err(pl, pc, f'path "{rel}" untuk resource "{name}" ditolak karena menunjuk ke luar folder paket; '
                        f"yang diharapkan: path relatif di dalam paket, misalnya data/{name}.csv")
            continue
        encoding = (res.get("encoding") or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8", "utf-8-sig"):
            el, ec = locate(raw, "encoding", res.get("encoding"))
            err(el, ec, f'resource "{name}" memakai encoding "{res.get("encoding")}"; yang diharapkan: utf-8')
            continue
        schema, schema_display = _read_schema(root, raw, name, res.get("schema"), err)
        if schema is None:
            continue
        dialect = res.get("dialect") or {}
        if isinstance(dialect, str):
            err(line, col, f'resource "{name}": dialect berupa berkas terpisah belum didukung; tulis dialect di datapackage.json')
            continue
        delimiter = dialect.get("delimiter") or (dialect.get("csv") or {}).get("delimiter") or ","
        resources[name] = ResourceSpec(name, csv_path, _display(display_root, rel), schema, schema_display, delimiter)

    listed = [r.get("name") for r in descriptor["resources"] if isinstance(r, dict)]
    for name in contract.missing_required(listed):
        if not any(p.message.find(f'"{name}"') >= 0 for p in problems):
            err(1, 1, f'resource wajib "{name}" tidak ada di datapackage.json; yang diharapkan: '
                      f'resource "{name}" dengan path data/{name}.csv dan skema schemas/{name}.json')
    for name, spec in resources.items():
        if name in contract.RESOURCES:
            problems.extend(_check_contract(spec))

    settings, settings_problems = read_settings(descriptor, lambda key, value: locate(raw, key, value), ddisp)
    problems.extend(settings_problems)
    accepted = {**descriptor, "resources": [r for r in descriptor["resources"]
                                            if isinstance(r, dict) and r.get("name") in resources]}
    problems.extend(_frictionless_descriptor(accepted, ddisp, raw))

    if any(p.level == KESALAHAN for p in problems):
        return None, problems
    spec = PackageSpec(root, display_root, ddisp, descriptor, raw, resources, settings)
    return spec, problems


def _display(display_root: str, rel: str) -> str:
    return str(Path(display_root) / rel)


def _read_schema(root: Path, raw: str, name: str, schema, err):
    """The resource's Table Schema (inline or a file inside the package), or None after reporting why not."""
    if isinstance(schema, dict):
        return schema, f"datapackage.json#{name}"
    if not isinstance(schema, str):
        line, col = locate(raw, "name", name)
        err(line, col, f'resource "{name}" tidak memiliki skema; yang diharapkan: "schema": "schemas/{name}.json"')
        return None, ""
    path = safe_relative(root, schema)
    line, col = locate(raw, "schema", schema)
    if path is None:
        err(line, col, f'skema "{schema}" untuk resource "{name}" ditolak karena menunjuk ke luar folder paket')
        return None, ""
    if not path.is_file():
        err(line, col, f'berkas skema "{schema}" untuk resource "{name}" tidak ditemukan')
        return None, ""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig")), str(path)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f"baris {exc.lineno} kolom {exc.colno}: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else "bukan UTF-8"
        err(line, col, f'skema "{schema}" untuk resource "{name}" bukan JSON yang sah ({where})')
        return None, ""


def _check_contract(spec: ResourceSpec) -> list[Problem]:
    """The package schema must keep every canonical field with the canonical type."""
    problems = []
    canon = {f["name"]: f for f in contract.canonical_schema(spec.name)["fields"]}
    mine = {f.get("name"): f for f in spec.fields}
    for fname, cfield in canon.items():
        if fname not in mine:
            problems.append(Problem(spec.schema_display, 1, 1,
                                    f'skema resource "{spec.name}" tidak memuat kolom "{fname}" '
                                    f'({cfield.get("title", fname)}) yang dibutuhkan generator'))
        elif mine[fname].get("type", "string") != cfield["type"]:
            problems.append(Problem(spec.schema_display, 1, 1,
                                    f'kolom "{fname}" pada skema "{spec.name}" bertipe "{mine[fname].get("type", "string")}"; '
                                    f'yang diharapkan tipe "{cfield["type"]}"'))
    return problems


def _frictionless_descriptor(descriptor: dict, ddisp: str, raw: str) -> list[Problem]:
    """Metadata checks of the Data Package standard itself (names, licenses, profiles)."""
    problems = []
    report = FrictionlessPackage.validate_descriptor(descriptor)
    for error in report.errors:
        note = error.note
        match = re.search(r"'([^']*)' does not match", note)
        line, col = locate(raw, "name", match.group(1)) if match else (1, 1)
        problems.append(Problem(ddisp, line, col, f"deskriptor tidak memenuhi standar Data Package: {note}", PERINGATAN
                                if "licenses" in note else KESALAHAN))
    return problems
