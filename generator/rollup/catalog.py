"""The roll-up's catalog (`rekap.json`): which sources a provincial or national roll-up reads.

    {"judul": "Rekap Kinerja Provinsi Contoh", "wilayah": "Provinsi Contoh", "sintetis": false,
     "sumber": [
       {"id": "kab-a", "nama": "Kabupaten A", "situs": "situs/kab-a", "alamat": "https://kinerja.kab-a.go.id/"},
       {"id": "kab-b", "nama": "Kabupaten B", "situs": "https://kinerja.kab-b.go.id/"},
       {"id": "kab-c", "nama": "Kabupaten C", "paket": "kab-c"}]}

A source is either `situs`, a portal that is already published (a folder, or an http(s) address): its
open data (`data/*.csv`, `data/datapackage.json`, `data/sumber/`) is harvested; or `paket`, a data
package or a catalog folder: its packages go through the one pipeline here. `alamat` is the portal's
public address, linked from the overview (default: `situs` when it is an address). Folders are relative
to the roll-up catalog and may not leave its folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from generator.domain.text import web_address
from generator.load import locate, safe_relative
from generator.load.jsonfile import read_json_file
from generator.problems import Problem, Report

ROLLUP = "rekap.json"
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Source:
    id: str
    nama: str
    situs: str | None = None  # a published portal: folder (absolute, resolved here) or http(s) address
    paket: Path | None = None  # a package folder, a catalog folder or a catalog file
    alamat: str | None = None  # the portal's public address, for links


@dataclass
class Rollup:
    file: Path
    judul: str
    wilayah: str
    sintetis: bool
    sumber: list[Source] = field(default_factory=list)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def rollup_file(path: Path) -> Path | None:
    if path.is_file() and path.suffix == ".json":
        return path
    if path.is_dir() and (path / ROLLUP).is_file():
        return path / ROLLUP
    return None


def read_rollup(file: Path) -> tuple[Rollup | None, Report]:
    report = Report()

    def err(message: str, key: str | None = None, value=None) -> None:
        line, col = locate(text, key, value) if key else (1, 1)
        report.problems.append(Problem(str(file), line, col, message))

    data, text, failure = read_json_file(file, "katalog rekap", 'objek dengan "judul" dan daftar "sumber"')
    if failure is not None:
        report.problems.append(failure)
        return None, report
    sources = data.get("sumber") if isinstance(data, dict) else None
    if not isinstance(sources, list) or not sources:
        err('katalog rekap tidak memiliki daftar "sumber"; yang diharapkan [{"id": "kab-a", "situs": "situs/kab-a"}, ...]')
        return None, report
    for key in ("judul", "wilayah"):
        if key in data and not isinstance(data[key], str):
            err(f'"{key}" katalog rekap harus berupa teks', key, data[key])
    if "sintetis" in data and not isinstance(data["sintetis"], bool):
        err('"sintetis" katalog rekap harus true atau false (tanpa tanda kutip)', "sintetis", data["sintetis"])
    if not report.ok:
        return None, report
    rollup = Rollup(file, str(data.get("judul") or "Rekap Kinerja"), str(data.get("wilayah") or ""),
                    bool(data.get("sintetis", False)))
    seen, places = set(), {}
    for n, s in enumerate(sources, start=1):
        sid = s.get("id") if isinstance(s, dict) else None
        if not isinstance(sid, str) or not ID.fullmatch(sid):
            err(f'sumber ke-{n}: id "{str(sid)[:80]}" tidak sah; yang diharapkan huruf kecil, angka dan tanda -, misalnya '
                '"kab-a"', "id", sid)
            continue
        if sid in seen:
            err(f'sumber ke-{n}: id "{sid}" ganda; setiap sumber wajib ber-id unik', "id", sid)
            continue
        seen.add(sid)
        situs, paket, alamat = s.get("situs"), s.get("paket"), s.get("alamat")
        if (situs is None) == (paket is None):
            err(f'sumber "{sid}": isi tepat satu dari "situs" (portal yang sudah terbit) atau "paket" (folder paket data '
                "atau katalog)", "id", sid)
            continue
        if alamat is not None and not web_address(alamat):
            err(f'sumber "{sid}": alamat "{str(alamat)[:80]}" tidak sah; yang diharapkan alamat http(s), misalnya '
                '"https://kinerja.kab-a.go.id/"', "alamat", alamat)
            continue
        nama = s.get("nama")
        if nama is not None and not isinstance(nama, str):
            err(f'sumber "{sid}": "nama" harus berupa teks', "nama", nama)
            continue
        source = Source(sid, nama or sid, alamat=alamat)
        if isinstance(situs, str) and is_url(situs):
            if not web_address(situs) or "?" in situs or "#" in situs:
                err(f'sumber "{sid}": alamat situs "{situs[:80]}" tidak sah; yang diharapkan alamat http(s) lengkap '
                    'tanpa spasi, tanda kutip, ? atau #, misalnya "https://kinerja.kab-a.go.id/"', "situs", situs)
                continue
            source.situs = situs if situs.endswith("/") else situs + "/"
            source.alamat = source.alamat or source.situs
            parts = urlsplit(source.situs)  # the same address: host names ignore case, paths do not
            place = parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()
        else:
            folder = safe_relative(file.parent, situs if situs is not None else paket) \
                if isinstance(situs if situs is not None else paket, str) else None
            if folder is None or not (folder.is_dir() or (paket is not None and folder.is_file())):
                given = situs if situs is not None else paket
                err(f'sumber "{sid}": folder "{str(given)[:80]}" tidak ada atau di luar folder katalog rekap',
                    "situs" if situs is not None else "paket", given)
                continue
            if situs is not None:
                source.situs = str(folder)
            else:
                source.paket = folder
            place = str(folder.resolve())
        if (other := places.get(place)) is not None:
            # the same portal or package twice: every figure of it would be counted twice in the roll-up
            given = situs if situs is not None else paket
            err(f'sumber "{sid}": "{str(given)[:80]}" sudah dipakai sumber "{other}"; yang diharapkan satu sumber untuk '
                "setiap portal atau paket", "situs" if situs is not None else "paket", given)
            continue
        places[place] = sid
        rollup.sumber.append(source)
    return (rollup if report.ok else None), report
