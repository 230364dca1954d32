"""A package's Table Schemas: of the right JSON shape, and at least as strict as the canonical ones.

The code downstream assumes what the canonical schemas guarantee: an ID is lowercase letters, digits,
`.`, `_` and `-` (so it can become a file name and an HTML attribute), a status is one of four codes, a
pagu is not negative, a key is unique. A package carries its own copies of the schemas and may add
fields and constraints, but a copy that drops or loosens a canonical constraint would let values through
that the code takes to be impossible: a quote inside an attribute, `../` in a page name. So a package's
schema must keep, for every canonical field, its type, `required`, `enum` (a subset), `pattern` (the same),
`minimum`/`maximum` and lengths (no wider), `missingValues` (no more), the true/false words (no more),
and the canonical primary and foreign keys.
"""
from __future__ import annotations

import re

from generator import contract
from generator.problems import PERINGATAN, Problem

TYPES = ("string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime", "year",
         "yearmonth", "duration", "geopoint", "geojson", "any")
# A package's own pattern is run on every cell: a nested quantifier such as (a+)+ can take exponential time.
_NESTED_QUANTIFIER = re.compile(r"\([^()]*[+*}][^()]*\)[+*{]")
NUMBER_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _where(raw: str, name) -> tuple[int, int]:
    from generator.load.jsonfile import locate

    return locate(raw, "name", name) if isinstance(name, str) else (1, 1)


def schema_problems(schema, display: str, raw: str, resource: str) -> list[Problem]:
    """Whether a Table Schema has the shape the Table Schema standard gives it, every value of the JSON
    type it must have; one line per problem, at the field it concerns."""
    problems: list[Problem] = []

    def bad(message: str, name=None) -> None:
        problems.append(Problem(display, *_where(raw, name), f'skema "{resource}": {message}'))

    if not isinstance(schema, dict):
        bad("skema harus berupa objek JSON dengan daftar \"fields\"")
        return problems
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        bad('"fields" harus berupa daftar kolom, misalnya [{"name": "id", "type": "string"}]')
        return problems
    names: list[str] = []
    for n, fld in enumerate(fields, start=1):
        if not isinstance(fld, dict) or not isinstance(fld.get("name"), str) or not fld["name"].strip():
            bad(f'kolom ke-{n} harus berupa objek dengan "name" berupa teks')
            continue
        name = fld["name"]
        if name in names:
            bad(f'kolom "{name}" ganda', name)
        names.append(name)
        problems.extend(_field_problems(fld, display, raw, resource))
    _missing_values(schema.get("missingValues", [""]), "missingValues", bad)
    pk = schema.get("primaryKey", [])
    if not _names(pk):
        bad('"primaryKey" harus berupa nama kolom atau daftar nama kolom')
    elif any(k not in names for k in _as_list(pk)):
        bad(f'"primaryKey" menyebut kolom yang tidak ada: {", ".join(k for k in _as_list(pk) if k not in names)}')
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        bad('"foreignKeys" harus berupa daftar')
        return problems
    for n, fk in enumerate(fks, start=1):
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(fk, dict) or not _names(fk.get("fields")) or not isinstance(ref, dict) \
                or not _names(ref.get("fields")) or not isinstance(ref.get("resource", ""), str):
            bad(f'foreignKeys ke-{n} harus berbentuk {{"fields": [...], "reference": {{"resource": "...", "fields": [...]}}}}')
            continue
        if len(_as_list(fk["fields"])) != len(_as_list(ref["fields"])):
            bad(f"foreignKeys ke-{n}: jumlah kolom dan kolom rujukannya tidak sama")
        elif any(k not in names for k in _as_list(fk["fields"])):
            bad(f"foreignKeys ke-{n} menyebut kolom yang tidak ada di daftar kolom skema: "
                f"{', '.join(k for k in _as_list(fk['fields']) if k not in names)}")
    return problems


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def _names(value) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _missing_values(value, where: str, bad) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad(f'"{where}" harus berupa daftar teks, misalnya ["", "-"]')


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
        and abs(value) != float("inf")


def _field_problems(fld: dict, display: str, raw: str, resource: str) -> list[Problem]:
    name = fld["name"]
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(display, *_where(raw, name), f'skema "{resource}", kolom "{name}": {message}'))

    kind = fld.get("type", "string")
    if not isinstance(kind, str) or kind not in TYPES:
        bad(f'tipe "{kind}" tidak dikenal; yang diharapkan salah satu dari: string, number, integer, boolean, date')
        return problems
    for key in ("title", "description", "format"):
        if key in fld and not isinstance(fld[key], str):
            bad(f'"{key}" harus berupa teks')
    if "missingValues" in fld:
        _missing_values(fld["missingValues"], "missingValues", bad)
    for key in ("trueValues", "falseValues"):
        if key in fld and (not isinstance(fld[key], list) or not fld[key] or not all(isinstance(v, str) for v in fld[key])):
            bad(f'"{key}" harus berupa daftar teks, misalnya ["ya"]')
    for key in ("decimalChar", "groupChar"):
        if key in fld and (not isinstance(fld[key], str) or len(fld[key]) != 1):
            bad(f'"{key}" harus berupa satu karakter')
    if "x-rupiah" in fld and not isinstance(fld["x-rupiah"], bool):
        bad('"x-rupiah" harus true atau false')
    c = fld.get("constraints", {})
    if not isinstance(c, dict):
        bad('"constraints" harus berupa objek, misalnya {"required": true}')
        return problems
    for key in ("required", "unique"):
        if key in c and not isinstance(c[key], bool):
            bad(f'batasan "{key}" harus true atau false')
    if "enum" in c and (not isinstance(c["enum"], list) or not c["enum"]
                        or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in c["enum"])):
        bad('batasan "enum" harus berupa daftar nilai, misalnya ["final", "sementara"]')
    if "pattern" in c:
        pattern = c["pattern"]
        if not isinstance(pattern, str):
            bad('batasan "pattern" harus berupa teks')
        elif len(pattern) > 200 or _NESTED_QUANTIFIER.search(pattern):
            bad("batasan \"pattern\" terlalu rumit (perulangan bersarang atau lebih dari 200 karakter); sederhanakan polanya")
        else:
            try:
                re.compile(pattern)
            except re.error as exc:
                bad(f'batasan "pattern" bukan pola yang sah ({exc.msg})')
    for key in ("minLength", "maxLength"):
        if key in c and (not isinstance(c[key], int) or isinstance(c[key], bool) or c[key] < 0):
            bad(f'batasan "{key}" harus bilangan bulat 0 atau lebih')
    for key in NUMBER_BOUNDS:
        if key not in c:
            continue
        if kind in ("date", "datetime", "time", "yearmonth"):
            if not isinstance(c[key], str):
                bad(f'batasan "{key}" untuk tanggal harus berupa teks, misalnya "2020-01-01"')
            else:
                from generator.load.cells import classify_date, classify_datetime

                value, problem = (classify_date if kind == "date" else classify_datetime)(c[key])
                if problem:
                    bad(f'batasan "{key}" bukan tanggal yang sah')
        elif not _number(c[key]):
            bad(f'batasan "{key}" harus berupa angka')
    return problems


# --- at least as strict as the canonical schema ------------------------------------------------------

def check_contract(spec) -> list[Problem]:
    """The package schema must keep every canonical field with the canonical type and constraints (no
    looser), and the canonical keys."""
    problems = []
    canon_schema = contract.canonical_schema(spec.name)
    canon = {f["name"]: f for f in canon_schema["fields"]}
    mine = {f.get("name"): f for f in spec.fields}

    def bad(fname, message: str) -> None:
        problems.append(Problem(spec.schema_display, *(_where_field(spec, fname)), message))

    for fname, cfield in canon.items():
        if fname not in mine and fname in contract.optional_fields(spec.name):
            problems.append(Problem(spec.schema_display, 1, 1,
                                    f'skema resource "{spec.name}" tidak memuat kolom "{fname}" '
                                    f'({cfield.get("title", fname)}); kolom itu dibaca kosong. Tambahkan kolomnya '
                                    f"seperti di generator/schemas/{spec.name}.json bila datanya ada", PERINGATAN))
            continue
        if fname not in mine:
            bad(None, f'skema resource "{spec.name}" tidak memuat kolom "{fname}" ({cfield.get("title", fname)}) '
                      "yang dibutuhkan generator")
            continue
        field = mine[fname]
        if field.get("type", "string") != cfield["type"]:
            bad(fname, f'kolom "{fname}" pada skema "{spec.name}" bertipe "{field.get("type", "string")}"; '
                       f'yang diharapkan tipe "{cfield["type"]}"')
            continue
        for message in _looser(field, cfield, spec.schema, canon_schema):
            bad(fname, f'kolom "{fname}" pada skema "{spec.name}": {message}; skema paket boleh lebih ketat dari skema '
                       f"baku (generator/schemas/{spec.name}.json), tidak lebih longgar")
    canon_pk = _as_list(canon_schema.get("primaryKey", []))
    if canon_pk and _as_list(spec.schema.get("primaryKey", [])) != canon_pk:
        bad(None, f'skema "{spec.name}" harus memakai kunci utama ({", ".join(canon_pk)}) seperti skema baku')
    mine_fks = [_fk_key(fk, spec.name) for fk in spec.schema.get("foreignKeys", [])]
    for fk in canon_schema.get("foreignKeys", []):
        if _fk_key(fk, spec.name) not in mine_fks:
            ref = fk["reference"]
            bad(fk["fields"][0], f'skema "{spec.name}" harus memuat rujukan kolom {", ".join(fk["fields"])} ke tabel '
                                 f'{ref.get("resource") or spec.name} ({", ".join(ref["fields"])}) seperti skema baku')
    return problems


def _where_field(spec, fname) -> tuple[int, int]:
    if fname is None or spec.schema_display.startswith("datapackage.json#"):
        return 1, 1
    try:
        with open(spec.schema_display, encoding="utf-8-sig") as f:
            raw = f.read()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    return _where(raw, fname)


def _fk_key(fk: dict, name: str) -> tuple:
    ref = fk["reference"]
    return tuple(_as_list(fk["fields"])), ref.get("resource") or name, tuple(_as_list(ref["fields"]))


def _looser(field: dict, canon: dict, schema: dict, canon_schema: dict) -> list[str]:
    out = []
    c = field.get("constraints", {})
    k = canon.get("constraints", {})
    if k.get("required") and not c.get("required"):
        out.append("batasan wajib diisi (required) dihapus")
    if k.get("unique") and not c.get("unique"):
        out.append("batasan unik (unique) dihapus")
    if "enum" in k:
        if "enum" not in c:
            out.append("daftar pilihan (enum) dihapus")
        elif not set(map(str, c["enum"])) <= set(map(str, k["enum"])):
            extra = sorted(set(map(str, c["enum"])) - set(map(str, k["enum"])))
            out.append(f"daftar pilihan (enum) ditambah {', '.join(extra)}")
    if "pattern" in k and c.get("pattern") != k["pattern"]:
        out.append(f"pola (pattern) {k['pattern']} diubah atau dihapus")
    for key, wider in (("minimum", lambda mine, base: mine < base), ("exclusiveMinimum", lambda mine, base: mine < base),
                       ("minLength", lambda mine, base: mine < base)):
        if key in k and (key not in c or wider(c[key], k[key])):
            out.append(f"batas {key} {k[key]} dihapus atau dilonggarkan")
    for key, wider in (("maximum", lambda mine, base: mine > base), ("exclusiveMaximum", lambda mine, base: mine > base),
                       ("maxLength", lambda mine, base: mine > base)):
        if key in k and (key not in c or wider(c[key], k[key])):
            out.append(f"batas {key} {k[key]} dihapus atau dilonggarkan")
    mine_missing = set(field.get("missingValues", schema.get("missingValues", [""])))
    canon_missing = set(canon.get("missingValues", canon_schema.get("missingValues", [""])))
    if not mine_missing <= canon_missing:
        out.append(f"nilai kosong (missingValues) ditambah {', '.join(repr(v) for v in sorted(mine_missing - canon_missing))}")
    for key, default in (("trueValues", ["true", "True", "TRUE", "1"]), ("falseValues", ["false", "False", "FALSE", "0"])):
        if canon.get("type") == "boolean" and not set(field.get(key, default)) <= set(canon.get(key, default)):
            out.append(f"kata {key} ditambah")
    if canon.get("x-rupiah") and not field.get("x-rupiah"):
        out.append('penanda Rupiah ("x-rupiah": true) dihapus')
    return out


# --- frictionless' notes, in Bahasa ---------------------------------------------------------------------

_JSON_TYPES = {"string": "teks", "array": "daftar", "object": "objek", "number": "angka", "integer": "bilangan bulat",
               "boolean": "true atau false", "null": "null"}


def translate_note(note: str) -> tuple[str, str | None, object]:
    """A jsonschema note from frictionless as (Indonesian message, key, value) where key and value locate it."""
    where = re.search(r" at property '([^']*)'$", note or "")
    prop = where.group(1) if where else ""
    body = note[: where.start()] if where else (note or "")
    key = prop.split("/")[-1] if prop else None
    if key is not None and key.isdigit():
        key = prop.split("/")[-2] if prop.count("/") else None
    place = f' pada "{prop}"' if prop else ""
    match = re.fullmatch(r"(.*) is not of type (.*)", body)
    if match:
        types = [_JSON_TYPES.get(t.strip(" '"), t.strip(" '")) for t in match.group(2).split(",")]
        return f"nilai {match.group(1)[:60]}{place} harus berupa {' atau '.join(types)}", key, None
    match = re.fullmatch(r"'([^']*)' is a required property", body)
    if match:
        return f'kunci "{match.group(1)}" wajib ada{place}', key, None
    match = re.fullmatch(r"(.*) does not match '(.*)'", body)
    if match:
        return f"nilai {match.group(1)[:60]}{place} tidak sesuai pola {match.group(2)}", key, None
    match = re.fullmatch(r"(.*) is not one of (.*)", body)
    if match:
        return f"nilai {match.group(1)[:60]}{place} bukan salah satu dari {match.group(2)}", key, None
    match = re.fullmatch(r'path "(.*)" is not safe', body)
    if match:
        return f'path "{match.group(1)}" tidak boleh memuat ".." atau diawali "/"', "path", match.group(1)
    if "Additional properties are not allowed" in body:
        return f"ada kunci yang tidak dikenal{place}", key, None
    # frictionless' own checks of a format, e.g. 'property "contributors[].email" is not valid "email"'
    match = re.fullmatch(r'property "([^"]*)" is not valid "([^"]*)"', body)
    if match:
        field, kind = match.groups()
        return (f'nilai "{field}" bukan {_FORMATS.get(kind, kind)} yang sah', field.rsplit(".", 1)[-1].rstrip("[]"),
                None)
    if body.startswith('license requires "path" or "name"'):
        return 'setiap lisensi wajib memiliki "name" (misalnya "CC-BY-4.0") atau "path" (alamat teks lisensinya)', \
            "licenses", None
    return f"nilai{place} tidak sah menurut standar", key, None


_FORMATS = {"email": "alamat surel", "datetime": "tanggal dan waktu ISO 8601", "date": "tanggal", "uri": "alamat web",
            "path": "jalur berkas"}
