"""`kinerja tabel PAKET [TABEL ...]`: which tables a package lists and which it may add, and adding them.

A table is added as `kinerja baru` writes its tables: the generator's own schema copied into `schemas/`, a CSV
with the column names only (or the CSV the operator already wrote in `data/`, kept as it is), and its entry in
datapackage.json's "resources". A table that the added one refers to (the survey answers need the survey) is
added with it. An operator who works only in Excel can so start the survey, the PPID register, the five-stage
tree or the quarterly progress: `kinerja templat` then has a sheet for each. All the files are written, or
none (`outputs.write_all`).
"""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from generator.commands.common import EXIT_INVALID, EXIT_OK, catalog_given, missing, usage_error

HELP = "daftar tabel paket data, dan tambahkan tabel yang belum ada (survei, PPID, pohon lima tahap, triwulan, ...)"


def register(sub) -> None:
    t = sub.add_parser("tabel", help=HELP, description=HELP + ". Tabel baru berisi judul kolom saja; isi barisnya di "
                       "CSV atau di Excel (kinerja templat, lalu kinerja impor)")
    t.add_argument("path", metavar="PAKET", help="folder paket data")
    t.add_argument("tabel", nargs="*", metavar="TABEL", help="nama tabel yang ditambahkan; tanpa nama: daftar tabel")


def needed(names: list[str], have: set[str]) -> list[str]:
    """`names` and every table they refer to (foreign keys, followed on) that the package does not have, in
    the order the generator lists its tables (schemas/resources.json)."""
    from generator import contract

    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in wanted or name in have:
            continue
        wanted.add(name)
        todo += [fk["reference"].get("resource") or name for fk in contract.canonical_schema(name).get("foreignKeys", [])]
    return [r["name"] for r in contract.canonical_resources() if r["name"] in wanted]


def _header(name: str, delimiter: str) -> bytes:
    from generator import contract

    return (delimiter.join(f["name"] for f in contract.canonical_schema(name)["fields"]) + "\n").encode("utf-8")


def run(args) -> int:
    from generator import contract, fmt
    from generator.load import open_package
    from generator.outputs import write_all
    from generator.problems import Report

    path = Path(args.path)
    if not path.exists():
        return missing(path, "folder paket data")
    if (refused := catalog_given(path, lambda member: f"kinerja tabel {member} {' '.join(map(shlex.quote, args.tabel))}".rstrip())) is not None:
        return refused
    canon = {r["name"]: r for r in contract.canonical_resources()}
    if unknown := [name for name in args.tabel if name not in canon]:
        return usage_error(f"tabel {fmt.daftar(unknown)} tidak dikenal; yang diharapkan nama tabel Kinerja Terbuka: "
                           f"{', '.join(canon)} (kinerja tabel {shlex.quote(str(path))} menampilkan daftarnya)")
    pkg, problems = open_package(path)
    if pkg is None:
        report = Report(problems)
        for line in report.lines():
            print(line, file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        return EXIT_INVALID
    have = set(pkg.resources)
    if not args.tabel:
        for name, res in canon.items():
            print(f"{'ada  ' if name in have else 'belum'}  {name}: {res.get('title', '')}")
        print(f"Tambahkan tabel yang belum ada dengan: kinerja tabel {shlex.quote(str(path))} NAMA [NAMA ...]", file=sys.stderr)
        return EXIT_OK
    if already := [name for name in args.tabel if name in have]:
        print(f"Tabel {fmt.daftar(already)} sudah ada di paket; dibiarkan.", file=sys.stderr)
    adding = needed(args.tabel, have)
    if not adding:
        return EXIT_OK
    descriptor_path = pkg.root / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    files: dict[Path, bytes] = {}
    said = []
    for name in adding:
        res = dict(canon[name])
        schema, data = pkg.root / res["schema"], pkg.root / res["path"]
        standard = (contract.SCHEMA_DIR / f"{name}.json").read_bytes()
        if schema.exists() and schema.read_bytes() != standard:
            print(f"{schema}:1:1: skema ini sudah ada dan berbeda dari skema baku tabel {name}; yang diharapkan tidak ada "
                  f"berkas di sana, atau salinan generator/schemas/{name}.json. Tidak ada yang diubah.", file=sys.stderr)
            return EXIT_INVALID
        files[schema] = standard
        if data.exists():
            said.append(f"{name} ({res['path']} yang sudah ada dipakai apa adanya)")
        else:
            files[data] = _header(name, (res.get("dialect") or {}).get("delimiter", ","))
            said.append(f"{name} ({res['path']}, judul kolom saja)")
        descriptor.setdefault("resources", []).append(res)
    files[descriptor_path] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    for folder in {p.parent for p in files}:
        folder.mkdir(parents=True, exist_ok=True)
    write_all(files)
    pulled = [name for name in adding if name not in args.tabel]
    print(f"Ditambahkan ke {path}: {'; '.join(said)}; datapackage.json diperbarui."
          + (f" {fmt.daftar(pulled)} ikut ditambahkan karena dirujuk tabel yang diminta." if pulled else ""), file=sys.stderr)
    print(f"Lalu: isi barisnya di CSV, atau di Excel (kinerja templat {shlex.quote(str(path))} --out isi.xlsx, lalu "
          f"kinerja impor isi.xlsx --data {shlex.quote(str(path))}); periksa dengan kinerja validate {shlex.quote(str(path))}",
          file=sys.stderr)
    return EXIT_OK
