"""The open data page (`data-terbuka.md`): the source package and every file in it, the computed
results, the licence, how to cite, and documentation generated from the Table Schemas.

The source files are published by build.py (`source_files`, under data/sumber/). A ZIP of them needs
bytes, which `PageSet.pages` (text) cannot carry: `source_zip` makes a byte-identical archive for the
same files, and the page links it only when the build provides the source files (see `build`).
"""
from __future__ import annotations

import io
import json
import re
import zipfile

from markupsafe import Markup

from generator import contract, fmt
from generator.render import open_data, unduhan
from generator.render.context import PageContext, PageSet
from generator.render.escape import md
from generator.render.links import md_link, source_csv
from generator.render.words import PEMISAH, licence_words

PATH = "data-terbuka.md"
YEAR_FREE = ("dip", "kepatuhan", "layanan_informasi", "bukti_monev", "msind")  # published once (PPID, its KI
# evidence and the indicator metadata, about the agency now), not per archive year
ZIP_PATH = "data/paket-sumber.zip"
SOURCE_PREFIX = "data/sumber/"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP can hold: no clock in the archive
TYPES = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "benar/salah",
         "date": "tanggal (TTTT-BB-HH)", "datetime": "tanggal dan jam", "year": "tahun", "time": "jam",
         "object": "objek JSON", "array": "daftar JSON", "any": "bebas"}


def source_zip(pkg_files: dict[str, str | bytes], folder: str | None = None) -> bytes:
    """The source data package as a ZIP, byte-identical for the same files: entries sorted by name,
    fixed timestamps and permissions, fixed compression. Keys may carry the `data/sumber/` prefix the
    build publishes them under; it is dropped, so the archive holds the package as its author keeps it
    (datapackage.json, data/, schemas/), optionally inside `folder/`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for key in sorted(pkg_files):
            name = key[len(SOURCE_PREFIX):] if key.startswith(SOURCE_PREFIX) else key
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever the build machine is
            info.external_attr = 0o100644 << 16
            data = pkg_files[key]
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data, compresslevel=9)
    return out.getvalue()


def _anchor(name: str) -> str:
    return "skema-" + re.sub(r"[^a-z0-9_-]+", "-", str(name).lower()).strip("-")


def _code(text) -> Markup:
    """Inline code for data: escaped here (a Markdown code span would show the entities literally)."""
    return Markup("<code>") + Markup(md(text)) + Markup("</code>")


def _separator(sep) -> str | Markup | None:
    """A file's column separator as a reader names it ("titik koma (;)"); another one shown as code."""
    if not sep:
        return None
    return PEMISAH.get(sep) or _code(sep)


def _number(v) -> str:
    return fmt.angka(v, None) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _constraints(fld: dict) -> list:
    """A field's constraints and format, in words; data parts escaped, as Markup."""
    c = fld.get("constraints") or {}
    out = []
    if c.get("required"):
        out.append("wajib diisi")
    if c.get("unique"):
        out.append("tidak boleh ganda")
    for key, word in (("minimum", "paling kecil"), ("maximum", "paling besar"), ("exclusiveMinimum", "lebih dari"),
                      ("exclusiveMaximum", "kurang dari"), ("minLength", "panjang paling sedikit"),
                      ("maxLength", "panjang paling banyak")):
        if key in c:
            out.append(f"{word} {md(_number(c[key]))}")
    if "enum" in c:
        out.append(Markup("salah satu dari: ") + Markup(", ").join(_code(v) for v in c["enum"]))
    if "pattern" in c:
        out.append(Markup("mengikuti pola ") + _code(c["pattern"]))
    if fld.get("decimalChar") or fld.get("groupChar"):
        parts = []
        if fld.get("decimalChar"):
            parts.append(Markup("tanda desimal ") + _code(fld["decimalChar"]))
        if fld.get("groupChar"):
            parts.append(Markup("pemisah ribuan ") + _code(fld["groupChar"]))
        out.append(Markup(", ").join(parts))
    if fld.get("trueValues") or fld.get("falseValues"):
        out.append(Markup("benar: ") + Markup(", ").join(_code(v) for v in fld.get("trueValues", [])) +
                   Markup("; salah: ") + Markup(", ").join(_code(v) for v in fld.get("falseValues", [])))
    if fld.get("x-rupiah"):
        out.append("Rupiah eksak sampai sen")
    return [Markup(md(x)) if not isinstance(x, Markup) else x for x in out]


def _keys(schema: dict, names: dict[str, str]) -> tuple[list, list[dict]]:
    pk = schema.get("primaryKey") or []
    pk = [pk] if isinstance(pk, str) else list(pk)
    fks = []
    for fk in schema.get("foreignKeys") or []:
        fields = fk.get("fields") or []
        ref = fk.get("reference") or {}
        ref_fields = ref.get("fields") or []
        resource = ref.get("resource") or ""
        fks.append({"kolom": [fields] if isinstance(fields, str) else list(fields),
                    "tabel": names.get(resource, resource) if resource else None,
                    "tautan": Markup(f"#{_anchor(resource)}") if resource in names else None,
                    "kolom_rujukan": [ref_fields] if isinstance(ref_fields, str) else list(ref_fields)})
    return pk, fks


def _schema(res: dict, files: dict[str, bytes] | None) -> tuple[dict | None, str]:
    """The resource's Table Schema and where it was read from: inline, the published file, or the
    generator's canonical schema (which the package's must contain, with the same types)."""
    schema = res.get("schema")
    if isinstance(schema, dict):
        return schema, "datapackage.json"
    if isinstance(schema, str):
        key = SOURCE_PREFIX + schema.replace("\\", "/").removeprefix("./")
        if files and key in files:
            try:
                return json.loads(files[key]), schema
            except (json.JSONDecodeError, UnicodeDecodeError):
                pass
    if res.get("name") in contract.RESOURCES:
        note = "kolom baku Kinerja Terbuka" + ("; skema paket dapat menambah kolom lain, lihat berkas skemanya"
                                               if isinstance(schema, str) else "")
        return contract.canonical_schema(res["name"]), note
    return None, ""


def _resources(ctx: PageContext, files: dict[str, bytes] | None) -> list[dict]:
    t = ctx.t
    resources = [r for r in t.descriptor.get("resources", []) if isinstance(r, dict) and r.get("name")]
    names = {r["name"]: r.get("title") or r["name"] for r in resources}
    out = []
    for r in resources:
        schema, origin = _schema(r, files)
        csv = source_csv(t, r["name"])
        schema_path = r["schema"].replace("\\", "/").removeprefix("./") if isinstance(r.get("schema"), str) else None
        pk, fks = _keys(schema or {}, names)
        dialect = r.get("dialect") if isinstance(r.get("dialect"), dict) else {}
        out.append({
            "nama": r["name"], "judul": r.get("title") or r["name"], "keterangan": r.get("description"),
            "anchor": Markup(f"{{#{_anchor(r['name'])}}}"), "ke_skema": Markup(f"#{_anchor(r['name'])}"),
            "berkas": csv.removeprefix(SOURCE_PREFIX) if csv else None,
            "tautan": md_link(csv, PATH) if csv else None,
            "skema_berkas": schema_path,
            "skema_tautan": md_link(SOURCE_PREFIX + schema_path, PATH) if schema_path else None,
            "baris": len(t[r["name"]]) if r["name"] in t else None,
            "pemisah": _separator(dialect.get("delimiter") or (dialect.get("csv") or {}).get("delimiter")),
            "asal_skema": origin,
            "kolom": [{"nama": f.get("name"), "tipe": TYPES.get(f.get("type", "string"), f.get("type", "string")),
                       "judul": f.get("title"), "keterangan": f.get("description"), "batasan": _constraints(f)}
                      for f in (schema or {}).get("fields", []) if isinstance(f, dict)],
            "kosong": [_code(v) for v in (schema or {}).get("missingValues", [""]) if v != ""],
            "kunci": pk, "rujukan": fks,
        })
    return out


def _licences(descriptor: dict) -> list[dict]:
    out = []
    for lic in descriptor.get("licenses") or []:
        if not isinstance(lic, dict):
            continue
        path = lic.get("path")
        safe = isinstance(path, str) and re.fullmatch(r"https?://[^\s<>\"'()\[\]]+", path)
        out.append({"judul": lic.get("title") or lic.get("name") or "", "nama": lic.get("name"),
                    "tautan": Markup(path) if safe else None, "izin": licence_words(lic.get("name"))})
    return out


def _citation(ctx: PageContext) -> dict:
    d = ctx.t.descriptor
    creators = [c.get("title") for c in d.get("contributors") or []
                if isinstance(c, dict) and c.get("title") and "creator" in (c.get("roles") or [c.get("role")])]
    created = d.get("created") if isinstance(d.get("created"), str) else ""
    day = created[:10] if re.match(r"\d{4}-\d{2}-\d{2}", created) else None
    homepage = d.get("homepage")
    return {"penyusun": "; ".join(creators) or ctx.common["instansi"]["nama"],
            "tahun": day[:4] if day else "t.t.", "tanggal": fmt.tanggal(day) if day else None,
            "judul": d.get("title") or d.get("name") or "Paket data kinerja", "versi": d.get("version"),
            "nama": d.get("name"),
            "situs": homepage if isinstance(homepage, str) and re.fullmatch(r"https?://\S+", homepage) else None}


def results(ctx: PageContext) -> dict[str, str]:
    """The computed results as open data (`data/<name>.csv`) and their descriptor."""
    res = ctx.res
    frames = {"capaian": res.capaian, "anggaran": res.anggaran, "sasaran": res.sasaran, "ringkasan": res.ringkasan,
              "ikm": res.ikm, "konsistensi": res.konsistensi, "triwulan": res.triwulan,
              "anggaran_triwulan": res.anggaran_triwulan}
    out = {f"data/{name}.csv": open_data.csv_text(name, frame) for name, frame in frames.items() if frame is not None}
    out["data/datapackage.json"] = open_data.descriptor(ctx.t.descriptor.get("title", ""), ctx.t.descriptor,
                                                      list(open_data.TABLES))
    return out


def build(ctx: PageContext) -> PageSet:
    """The page and the published results; with them the ZIP of the source package when the build hands
    over its files (`ctx.inputs.source`); without them the page offers the files one by one and documents
    the schemas from the descriptor or the canonical schemas."""
    files = ctx.inputs.source
    d = ctx.t.descriptor
    zipped = source_zip({**files, **ctx.inputs.attachments},
                        folder=d.get("name") if isinstance(d.get("name"), str) else None) if files else None
    page = ctx.env.get_template("data_terbuka.md.j2").render(
        paket=_citation(ctx), sumber=_resources(ctx, files), lisensi=_licences(d),
        deskriptor=md_link(SOURCE_PREFIX + "datapackage.json", PATH),
        zip=md_link(ZIP_PATH, PATH) if zipped else None,
        zip_ukuran=fmt.angka(len(zipped) / 1024, 0) if zipped else None,
        hasil=[{"nama": f"{name}.csv", "judul": spec["title"], "tautan": md_link(f"data/{name}.csv", PATH),
                "xlsx": md_link(f"data/{unduhan.FOLDER}/{name}.xlsx", PATH),
                "csv_id": md_link(f"data/{unduhan.FOLDER}/{name}.csv", PATH)}
               for name, spec in open_data.TABLES.items() if not (ctx.options.arsip and name in YEAR_FREE)],
        hasil_deskriptor=md_link("data/datapackage.json", PATH), metodologi=md_link("metodologi.md", PATH),
        arsip=ctx.options.arsip, alamat=ctx.options.site_url,
        **ctx.common)
    return PageSet(pages={PATH: page, **results(ctx)}, nav=[{"Data terbuka": PATH}],
                   files={ZIP_PATH: zipped} if zipped else {})
