"""The package's own conventions: the `kinerja` block of `datapackage.json`, read once into a frozen
`Settings` with its defaults, each value checked for its type and range.

Nothing else in the generator reads the raw block. Conventions that no regulation fixes (the category
scale, an averaging cap, the order in which target documents take precedence) live in the package,
so another agency can state its own; the defaults are the ones `docs/domain.md` explains.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from generator.domain import pohon as vocab
from generator.problems import KESALAHAN, PERINGATAN, Problem

DOC_KINDS = ("renstra", "rkt", "pk", "pk_perubahan", "rencana_aksi", "lkjip", "pohon_kinerja")
# Keys a package may carry for its own bookkeeping; the generator does not read them.
INFORMATIVE = ("versi_standar", "instansi")


@dataclass(frozen=True)
class PpidSettings:
    """Statutory limits of the information service (UU 14/2008 Pasal 22 ayat (7)-(8), Pasal 36 ayat
    (1)-(2)) and how old a periodic item may get before the disclosure checklist calls it stale
    (refreshed at least every 6 months)."""

    hari_jawab: int = 10
    hari_perpanjangan: int = 7
    hari_keberatan: int = 30
    hari_tanggapan_keberatan: int = 30
    bulan_kedaluwarsa: int = 6
    dasar: str = "UU 14/2008 Pasal 22 ayat (7)-(8) dan Pasal 36 ayat (1)-(2); Perki 1/2021"

    @property
    def batas_jawab(self) -> int:
        """Longest lawful answer: the limit plus its one extension (10 + 7 working days)."""
        return self.hari_jawab + self.hari_perpanjangan


@dataclass(frozen=True)
class Jenjang:
    """One level of performance and what belongs to it: planning components, owners (the first is the one
    the method expects), kinds of condition and nomenclature tiers."""

    level: str
    komponen: tuple[str, ...]
    pemilik: tuple[str, ...]
    kondisi: tuple[str, ...]
    tingkat: tuple[str, ...]


@dataclass(frozen=True)
class PohonSettings:
    """The crosswalk of the five-stage method (`kinerja.pohon`): level ↔ planning component ↔ owner, top to
    bottom, and how alike two conditions may be worded before the checker calls them redundant. Validation
    rules, the drawn tree and the Tahap 5 page all read it; a package may state its own."""

    jenjang: tuple[Jenjang, ...] = tuple(Jenjang(**j) for j in vocab.DEFAULT_JENJANG)
    dasar: str = vocab.DEFAULT_DASAR
    kemiripan: float = 0.95  # similarity ratio (0-1) at or above which two wordings are called near-duplicates

    def of(self, kind: str, code) -> Jenjang | None:
        """The level a component, owner, kind of condition or tier belongs to (kind: komponen, pemilik,
        kondisi, tingkat, level)."""
        for j in self.jenjang:
            if (code == j.level) if kind == "level" else (code in getattr(j, kind)):
                return j
        return None

    def rank(self, level) -> int | None:
        """Position of a level, 0 at the top."""
        for n, j in enumerate(self.jenjang):
            if j.level == level:
                return n
        return None


@dataclass(frozen=True)
class Settings:
    tahun_laporan: int | None = None
    dokumen_laporan: str | None = None
    skala_kategori_capaian: str = "kategori-capaian"
    skala_mutu_ikm: str = "mutu-ikm"
    batas_capaian_rata_rata: float | None = None  # cap applied to capaian when averaging; None = no cap
    urutan_dokumen_target: tuple[str, ...] = ("pk_perubahan", "pk", "rkt", "renstra", "lkjip")
    sintetis: bool = False  # synthetic data: said on every page and in every published file
    # The update history shows each git version's commit subject as the maintainer's note. A package kept in a
    # repository whose commits describe other work (this one's: the generator's code, in English) turns it off.
    catatan_commit: bool = True
    # Earlier years published under /<year>/ beside the report year; None: every earlier year with a
    # Laporan Kinerja in the package (compute.arsip.published_years).
    tahun_arsip: tuple[int, ...] | None = None
    ppid: PpidSettings = field(default_factory=PpidSettings)
    # Bounds of target and realisasi values by the indicator's unit (satuan, compared in lower case):
    # (satuan, minimum or None, maximum or None). A share of citizens or of documents is never negative; a
    # package whose indicator can go below zero (a growth rate) states its own bounds.
    batas_satuan: tuple[tuple[str, float | None, float | None], ...] = (("persen", 0.0, None), ("%", 0.0, None))

    def bounds_of(self, satuan) -> tuple[float | None, float | None] | None:
        key = str(satuan).strip().lower()
        return next(((lo, hi) for unit, lo, hi in self.batas_satuan if unit == key), None)
    pohon: PohonSettings = field(default_factory=PohonSettings)


DEFAULTS = Settings()


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
        and value not in (float("inf"), float("-inf"))


def read_settings(descriptor: dict, locate, display: str) -> tuple[Settings, list[Problem]]:
    """The `kinerja` block as `Settings`, and one problem per value that is missing, of the wrong type or
    out of range. `locate(key, value)` gives the (line, column) of `"key": value` in the descriptor text."""
    problems: list[Problem] = []

    def bad(key: str, value, message: str, level: str = KESALAHAN) -> None:
        problems.append(Problem(display, *locate(key, value), message, level))

    given = descriptor.get("kinerja", {})
    if given is None:
        given = {}
    if not isinstance(given, dict):
        bad("kinerja", given, 'blok "kinerja" harus berupa objek JSON, misalnya {"tahun_laporan": 2025}')
        return DEFAULTS, problems
    known = {f.name for f in dataclasses.fields(Settings)} | set(INFORMATIVE)
    for key in given:
        if key not in known:
            bad(key, given[key], f'kunci kinerja.{key} tidak dikenal dan diabaikan; kunci yang dikenal: '
                                 + ", ".join(sorted(known)), PERINGATAN)

    values: dict = {}
    year = given.get("tahun_laporan")
    # null: a package that reports no year (a performance tree without targets or realisasi); the rules
    # require a year as soon as the package publishes realisasi.
    if year is None and "tahun_laporan" in given:
        pass
    elif not _is_int(year) or not 2000 <= year <= 2100:
        bad("tahun_laporan", year, f'kinerja.tahun_laporan "{year}" tidak sah; yang diharapkan tahun 2000-2100, misalnya 2025 '
                                   "(atau null bila paket tidak memuat realisasi)")
    else:
        values["tahun_laporan"] = year
    for key in ("dokumen_laporan", "skala_kategori_capaian", "skala_mutu_ikm"):
        if key not in given:
            continue
        value = given[key]
        if value is None and key == "dokumen_laporan":
            continue
        if not isinstance(value, str) or not value.strip():
            bad(key, value, f"kinerja.{key} harus berupa teks (ID di tabel paket)")
        else:
            values[key] = value
    cap = given.get("batas_capaian_rata_rata")
    if cap is not None:
        if not _is_number(cap) or cap <= 0 or cap > 1000:
            bad("batas_capaian_rata_rata", cap,
                "kinerja.batas_capaian_rata_rata harus kosong (null) atau angka positif sampai 1000, misalnya 120")
        else:
            values["batas_capaian_rata_rata"] = float(cap)
    if "urutan_dokumen_target" in given:
        order = given["urutan_dokumen_target"]
        if not isinstance(order, list) or not order or any(not isinstance(k, str) or k not in DOC_KINDS for k in order):
            bad("urutan_dokumen_target", order, "kinerja.urutan_dokumen_target harus daftar yang hanya memuat: "
                + ", ".join(DOC_KINDS))
        else:
            values["urutan_dokumen_target"] = tuple(order)
    if "sintetis" in given:
        if not isinstance(given["sintetis"], bool):
            bad("sintetis", given["sintetis"], "kinerja.sintetis harus true atau false")
        else:
            values["sintetis"] = given["sintetis"]
    if "catatan_commit" in given:
        if not isinstance(given["catatan_commit"], bool):
            bad("catatan_commit", given["catatan_commit"], "kinerja.catatan_commit harus true atau false")
        else:
            values["catatan_commit"] = given["catatan_commit"]
    if given.get("tahun_arsip") is not None:
        archive = given["tahun_arsip"]
        current = values.get("tahun_laporan")
        if not isinstance(archive, list) or any(not _is_int(y) or not 2000 <= y <= 2100 or (current and y >= current)
                                                for y in archive):
            bad("tahun_arsip", archive, "kinerja.tahun_arsip harus kosong (null: setiap tahun sebelumnya yang memiliki "
                                        "Laporan Kinerja) atau daftar tahun sebelum tahun laporan, misalnya [2024, 2025]")
        else:
            values["tahun_arsip"] = tuple(sorted(set(archive)))
    if "batas_satuan" in given:
        bounds = _read_bounds(given["batas_satuan"])
        if bounds is None:
            bad("batas_satuan", given["batas_satuan"],
                'kinerja.batas_satuan harus objek per satuan dengan batas angka atau null, misalnya '
                '{"persen": {"minimum": 0, "maksimum": null}}')
        else:
            values["batas_satuan"] = bounds
    ppid, ppid_problems = _read_ppid(given.get("ppid", {}), locate, display)
    problems.extend(ppid_problems)
    pohon, pohon_problems = _read_pohon(given.get("pohon", {}), locate, display)
    problems.extend(pohon_problems)
    return dataclasses.replace(DEFAULTS, **values, ppid=ppid, pohon=pohon), problems


def _read_bounds(given) -> tuple | None:
    """{"persen": {"minimum": 0, "maksimum": null}, ...} as Settings.batas_satuan, or None when malformed."""
    if not isinstance(given, dict):
        return None
    out = []
    for unit, spec in given.items():
        if not isinstance(spec, dict) or set(spec) - {"minimum", "maksimum"}:
            return None
        lo, hi = spec.get("minimum"), spec.get("maksimum")
        if any(v is not None and not _is_number(v) for v in (lo, hi)) or (lo is not None and hi is not None and lo > hi):
            return None
        out.append((unit.strip().lower(), None if lo is None else float(lo), None if hi is None else float(hi)))
    return tuple(sorted(out))


def _read_ppid(given, locate, display: str) -> tuple[PpidSettings, list[Problem]]:
    problems: list[Problem] = []
    if given is None:
        given = {}
    if not isinstance(given, dict):
        problems.append(Problem(display, *locate("ppid", given), 'kinerja.ppid harus berupa objek JSON'))
        return PpidSettings(), problems
    values: dict = {}
    for f in dataclasses.fields(PpidSettings):
        if f.name not in given:
            continue
        value = given[f.name]
        if f.name == "dasar":
            if isinstance(value, str):
                values["dasar"] = value
            else:
                problems.append(Problem(display, *locate("dasar", value), "kinerja.ppid.dasar harus berupa teks"))
        elif not _is_int(value) or not 0 < value <= 1000:
            problems.append(Problem(display, *locate(f.name, value),
                                    f'kinerja.ppid.{f.name} "{value}" tidak sah; yang diharapkan bilangan bulat positif'))
        else:
            values[f.name] = value
    for key in given:
        if key not in {f.name for f in dataclasses.fields(PpidSettings)}:
            problems.append(Problem(display, *locate(key, given[key]),
                                    f"kunci kinerja.ppid.{key} tidak dikenal dan diabaikan", PERINGATAN))
    return PpidSettings(**values), problems


_JENJANG_KEYS = {"level": vocab.LEVEL, "komponen": vocab.KOMPONEN, "pemilik": vocab.PEMILIK,
                 "kondisi": vocab.JENIS_KONDISI, "tingkat": tuple(vocab.KOMPONEN_TINGKAT)}


def _read_pohon(given, locate, display: str) -> tuple[PohonSettings, list[Problem]]:
    """`kinerja.pohon`: {"jenjang": [{"level": ..., "komponen": [...], "pemilik": [...], "kondisi": [...],
    "tingkat": [...]}, ...], "dasar": "...", "kemiripan": 0.9}. Every code must be one of the schema's and
    belong to one level only, levels listed top to bottom."""
    problems: list[Problem] = []

    def bad(key, value, message, level=KESALAHAN):
        problems.append(Problem(display, *locate(key, value), message, level))

    if given is None:
        given = {}
    if not isinstance(given, dict):
        bad("pohon", given, "kinerja.pohon harus berupa objek JSON")
        return PohonSettings(), problems
    values: dict = {}
    for key in given:
        if key not in ("jenjang", "dasar", "kemiripan"):
            bad(key, given[key], f"kunci kinerja.pohon.{key} tidak dikenal dan diabaikan; kunci yang dikenal: "
                                 "dasar, jenjang, kemiripan", PERINGATAN)
    if "dasar" in given:
        if isinstance(given["dasar"], str) and given["dasar"].strip():
            values["dasar"] = given["dasar"]
        else:
            bad("dasar", given["dasar"], "kinerja.pohon.dasar harus berupa teks (dasar peta jenjang kinerja)")
    if "kemiripan" in given:
        ratio = given["kemiripan"]
        if _is_number(ratio) and 0.5 <= ratio <= 1:
            values["kemiripan"] = float(ratio)
        else:
            bad("kemiripan", ratio, f'kinerja.pohon.kemiripan "{ratio}" tidak sah; yang diharapkan angka 0,5 sampai 1, '
                                    "misalnya 0.95")
    if "jenjang" in given:
        jenjang = _read_jenjang(given["jenjang"], bad)
        if jenjang is not None:
            values["jenjang"] = jenjang
    return PohonSettings(**values), problems


def _read_jenjang(given, bad) -> tuple[Jenjang, ...] | None:
    example = 'misalnya [{"level": "strategis", "komponen": ["tujuan", "sasaran"], "pemilik": ["jpt"], ...}]'
    if not isinstance(given, list) or not given or not all(isinstance(j, dict) for j in given):
        bad("jenjang", given, f"kinerja.pohon.jenjang harus daftar objek, satu per level dari atas ke bawah; {example}")
        return None
    out, seen, ok = [], {k: set() for k in _JENJANG_KEYS}, True
    for j in given:
        fields = {}
        for key, allowed in _JENJANG_KEYS.items():
            value = j.get(key, "" if key == "level" else [])
            items = [value] if key == "level" else value
            if not isinstance(items, list) or any(not isinstance(v, str) or v not in allowed for v in items) \
                    or (key == "level" and not value):
                bad(key, value, f"kinerja.pohon.jenjang.{key} {json_text(value)} tidak sah; yang diharapkan "
                                f"{'salah satu' if key == 'level' else 'daftar yang hanya memuat'}: {', '.join(allowed)}")
                ok = False
                continue
            twice = [v for v in items if v in seen[key]]
            if twice:
                bad(key, value, f"kinerja.pohon.jenjang: {', '.join(twice)} disebut pada lebih dari satu level; "
                                "setiap kode hanya boleh milik satu level")
                ok = False
            seen[key].update(items)
            fields[key] = value if key == "level" else tuple(value)
        if ok:
            out.append(Jenjang(**fields))
    if ok and [j.level for j in out] != [lv for lv in vocab.LEVEL if lv in {j.level for j in out}]:
        bad("jenjang", given, "kinerja.pohon.jenjang harus urut dari atas ke bawah: " + ", ".join(vocab.LEVEL))
        ok = False
    return tuple(out) if ok else None


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)
