"""Domain checks a planner would make, as pure functions over the loaded tables.

Structural validity (types, required cells, keys) is already established; these rules look at
meaning: the cascade's levels, years inside a document's period, targets that make capaian
undefined, realisation above budget, children's budgets that do not add up to the parent's.
Each rule returns `CellIssue`s (resource, spreadsheet row, column), never touching files.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

import pandas as pd

from generator import contract, fmt
from generator.domain.anggaran import total_parts
from generator.domain.ikm import NAMA_UNSUR, UNSUR, respondents
from generator.domain.sakip import CLASS_KINDS
from generator.domain.tree import LEVELS, belanja_tree, line_above, line_children
from generator.domain.values import present as _present, row_dicts
from generator.domain.values import prints_value
from generator.load import ROW, Tables
from generator.problems import KESALAHAN, PERINGATAN, CellIssue
from generator.validate import rules_pohon as pohon_rules
from generator.validate import rules_ppid as ppid_rules
from generator.validate import rules_triwulan as triwulan_rules
from generator.validate import rules_ranges

SETTINGS = ""  # CellIssue.resource for the package settings block in datapackage.json


def check_rules(t: Tables) -> list[CellIssue]:
    issues: list[CellIssue] = []
    for rule in RULES:
        issues.extend(rule(t))
    # A range finding adds nothing on a cell a specific rule already explains (target 0: division by zero).
    flagged = {(i.resource, i.row, i.column) for i in issues}
    issues.extend(i for rule in rules_ranges.RULES for i in rule(t) if (i.resource, i.row, i.column) not in flagged)
    return issues


def _rows(frame: pd.DataFrame) -> Iterable[dict]:
    # The package's tables are small (tens to hundreds of rows); rules read them as records.
    return row_dicts(frame)


def node_levels(t: Tables) -> list[CellIssue]:
    """Each node hangs under a node of a higher level: tujuan → sasaran → program → kegiatan → sub kegiatan.
    A level the document does not print may be skipped (a programme straight under the tujuan): a warning."""
    issues = []
    node = t["node"]
    level_of = dict(zip(node["id"], node["tingkat"]))
    for r in _rows(node):
        depth = LEVELS.index(r["tingkat"])
        parent = r["induk"]
        if depth == 0 and _present(parent):
            issues.append(CellIssue("node", r[ROW], "induk", f'simpul "{r["id"]}" bertingkat tujuan tidak boleh memiliki induk'))
        elif depth > 0 and not _present(parent):
            issues.append(CellIssue("node", r[ROW], "induk",
                                    f'simpul "{r["id"]}" bertingkat {r["tingkat"]} wajib memiliki induk bertingkat {LEVELS[depth - 1]}'))
        elif depth > 0 and parent in level_of and LEVELS.index(level_of[parent]) >= depth:
            issues.append(CellIssue("node", r[ROW], "induk",
                                    f'simpul "{r["id"]}" bertingkat {r["tingkat"]}, tetapi induknya "{parent}" bertingkat '
                                    f"{level_of[parent]}; yang diharapkan induk bertingkat lebih tinggi ({LEVELS[depth - 1]})"))
        elif depth > 0 and parent in level_of and LEVELS.index(level_of[parent]) < depth - 1:
            skipped = ", ".join(LEVELS[LEVELS.index(level_of[parent]) + 1:depth])
            issues.append(CellIssue("node", r[ROW], "induk",
                                    f'simpul "{r["id"]}" bertingkat {r["tingkat"]} langsung di bawah "{parent}" bertingkat '
                                    f"{level_of[parent]}: tingkat {skipped} dilompati; isi bila dokumen memuatnya", PERINGATAN))
    return issues


def node_codes(t: Tables) -> list[CellIssue]:
    """The report's own numbering (`nomor`, `kode_laporan`) names one node of a level: two programmes both "B"
    are shown as two "B" rows and a reader cannot tell which the report meant. A warning at the later row (the
    document may well print it so). The nomenclature `kode` may repeat: one programme can serve two sasaran."""
    issues = []
    for column in ("nomor", "kode_laporan"):
        seen: dict[tuple, dict] = {}
        for r in _rows(t["node"]):
            if not _present(r[column]):
                continue
            key = (r["tingkat"], str(r[column]).strip().casefold())
            first = seen.setdefault(key, r)
            if first is not r:
                issues.append(CellIssue("node", r[ROW], column,
                                        f'{column} "{r[column]}" sudah dipakai {r["tingkat"].replace("_", " ")} '
                                        f'"{first["id"]}" (baris {first[ROW]}); yang diharapkan {column} yang berbeda untuk '
                                        f'setiap {r["tingkat"].replace("_", " ")}, agar pembaca tahu mana yang dimaksud',
                                        PERINGATAN))
    return issues


def _cycles(resource: str, frame: pd.DataFrame, parent_col: str) -> list[CellIssue]:
    """Each loop of parent references, once, at the row where the walk from the first row in it comes back.
    Every row is walked once (a walk stops at a row an earlier walk passed): linear in the rows, where
    walking up from each row (and searching its path) took minutes on a chain of 5.000 rows."""
    parent_of = {r["id"]: r[parent_col] for r in _rows(frame) if _present(r[parent_col])}
    rows = dict(zip(frame["id"], frame[ROW]))
    issues, walked = [], set()
    for start in parent_of:
        path, at, current = [], {}, start
        while current in parent_of and current not in walked:
            at[current] = len(path)
            path.append(current)
            walked.add(current)
            current = parent_of[current]
        if current in at:  # back on this walk's own path: a loop no earlier walk reached
            loop = path[at[current]:]
            issues.append(CellIssue(resource, int(rows[current]), parent_col,
                                    f'rujukan induk berputar: {" → ".join(loop + [current])}; induk tidak boleh menunjuk ke turunannya sendiri'))
    return issues


PARENT_REFERENCES = (("node", "induk"), ("unit_kerja", "induk"), ("subindeks", "induk"), ("belanja", "induk"),
                     ("indikator", "diganti_oleh"), ("dokumen", "menggantikan"), ("kondisi", "induk"))


def parent_cycles(t: Tables) -> list[CellIssue]:
    issues = []
    for resource, col in PARENT_REFERENCES:
        issues.extend(_cycles(resource, t[resource], col))
    return issues


# A safeguard, not a convention: the documents' cascades are 5 to 7 levels deep (docs/domain.md §2, §9),
# and a chain of parents far deeper is a mistake in the `induk` column (a row pointing at its sibling, a
# sorted column pasted one row off). Only warnings told of it (a kondisi under one of its own kind), and
# pages that draw or nest the tree cannot hold thousands of levels: the build stopped with an internal error.
MAX_DEPTH = 30


def _depths(frame: pd.DataFrame, parent_col: str) -> dict[str, int]:
    """Each row's depth in its tree (1: no parent among the rows), walking every row once; rows on or
    leading into a loop of parents (an error of their own) have none."""
    parent_of = {r["id"]: r[parent_col] for r in _rows(frame) if _present(r[parent_col])}
    ids = set(frame["id"])
    depth: dict[str, int] = {}
    for start in frame["id"]:
        path, on_path, current = [], set(), start
        while current not in depth and current not in on_path:
            if parent_of.get(current) not in ids:
                depth[current] = 1
                break
            path.append(current)
            on_path.add(current)
            current = parent_of[current]
        below = depth.get(current) if current not in on_path else None
        for row in reversed(path):
            below = below + 1 if below else None
            if below:
                depth[row] = below
    return depth


def parent_chain_depths(t: Tables) -> list[CellIssue]:
    """A tree deeper than MAX_DEPTH levels: one error per table, at its first row below the limit."""
    issues = []
    for resource, col in PARENT_REFERENCES:
        frame = t[resource]
        depth = _depths(frame, col)
        deep = next((r for r in _rows(frame) if depth.get(r["id"], 0) > MAX_DEPTH), None)
        if deep is not None:
            issues.append(CellIssue(resource, int(deep[ROW]), col,
                                    f'baris "{deep["id"]}" berada di tingkat ke-{depth[deep["id"]]} pohonnya (rantai '
                                    f'kolom {col} dari puncak); yang diharapkan paling dalam tingkat ke-{MAX_DEPTH}: '
                                    f'periksa apakah {col} menunjuk baris yang benar'))
    return issues


def indicator_scales(t: Tables) -> list[CellIssue]:
    """Level, category and yes/no indicators need a declared scale to turn labels into numbers."""
    issues = []
    kind_of_scale = dict(zip(t["skala"]["id"], t["skala"]["jenis"]))
    for r in _rows(t["indikator"]):
        if r["jenis_target"] in ("level", "kategori", "ya_tidak") and not _present(r["skala"]):
            issues.append(CellIssue("indikator", r[ROW], "skala",
                                    f'indikator "{r["id"]}" berjenis target {r["jenis_target"]} wajib menyebut skala '
                                    "(misalnya level-kami atau ya-tidak); yang diharapkan ID dari tabel skala"))
        elif r["jenis_target"] in ("level", "ya_tidak") and kind_of_scale.get(r["skala"]) == "interval":
            issues.append(CellIssue("indikator", r[ROW], "skala",
                                    f'indikator "{r["id"]}" berjenis target {r["jenis_target"]} memakai skala interval '
                                    f'"{r["skala"]}"; yang diharapkan skala ordinal'))
        if _present(r["diganti_oleh"]) and r["diganti_oleh"] == r["id"]:
            issues.append(CellIssue("indikator", r[ROW], "diganti_oleh", "indikator tidak boleh diganti oleh dirinya sendiri"))
    return issues


def targets(t: Tables) -> list[CellIssue]:
    issues = []
    ind = t["indikator"].set_index("id")
    docs = t["dokumen"].set_index("id")
    ordinal, named = _ordinal_values(t), _class_names(t)
    for r in _rows(t["target"]):
        i = ind.loc[r["indikator"]] if r["indikator"] in ind.index else None
        value = r["nilai"]
        if i is None:
            continue
        # A range from 0 (0-2,3) is met inside it and compared with its upper bound above it: nothing is divided by 0.
        from_zero = i["jenis_target"] == "rentang" and _present(r["batas_atas"]) and r["batas_atas"] > 0
        # below a unit's own lower bound (persen: 0) the unit's check (`rules_ranges`) already names the cell
        unit_floor = t.settings.bounds_of(i["satuan"]) if isinstance(i["satuan"], str) else None
        if _present(value) and value < 0 and i["jenis_target"] in ("angka", "rentang") \
                and not (unit_floor and unit_floor[0] is not None and value < unit_floor[0]):
            issues.append(CellIssue("target", r[ROW], "nilai",
                                    f'target {fmt.angka(value, None)} untuk indikator "{r["indikator"]}" negatif: rumus capaian '
                                    "membagi dengan target, sehingga capaian terbalik (lebih baik dari target terbaca lebih "
                                    "buruk); yang diharapkan target 0 atau lebih, dengan penurunan dinyatakan sebagai "
                                    "indikator makin rendah makin baik bernilai positif"))
        if _present(value) and value == 0 and i["jenis_target"] in ("angka", "rentang") and not from_zero:
            issues.append(CellIssue("target", r[ROW], "nilai",
                                    f'target 0 untuk indikator "{r["indikator"]}" ({_polarity(i["polaritas"])}) membuat capaian '
                                    "tidak terdefinisi (pembagian dengan nol); yang diharapkan target bukan nol"
                                    + ("; target seperti 0 insiden atau 0 temuan dicatat dengan jenis_target ya_tidak "
                                       "dan skala ya-tidak di indikator.csv (nilai 0 = Tidak Ada, 1 = Ada; label tetap "
                                       "seperti tercetak): capaian 100 bila tidak ada, 0 bila ada"
                                       if (i["polaritas"], i["jenis_target"]) == ("rendah_lebih_baik", "angka")
                                       else "")))
        if not _present(value):
            issues.append(CellIssue("target", r[ROW], "nilai",
                                    f'target "{r["label"]}" belum diberi nilai angka; yang diharapkan nilai pada skala indikator '
                                    "(Level 2 = 2, Informatif (90) = 90, Ada = 1)"))
        if i["jenis_target"] == "rentang":
            if not _present(r["batas_atas"]):
                issues.append(CellIssue("target", r[ROW], "batas_atas", "target rentang wajib memiliki batas_atas; yang "
                                        "diharapkan batas atas rentang, misalnya 4 untuk target 2-4"))
            elif _present(value) and r["batas_atas"] < value:
                issues.append(CellIssue("target", r[ROW], "batas_atas",
                                        f"batas_atas {fmt.angka(r['batas_atas'], None)} lebih kecil dari batas bawah (nilai) "
                                        f"{fmt.angka(value, None)}; yang diharapkan batas atas sama dengan atau lebih dari "
                                        "batas bawah"))
        elif _present(r["batas_atas"]):
            issues.append(CellIssue("target", r[ROW], "batas_atas",
                                    f'batas_atas hanya dipakai untuk target rentang; indikator "{r["indikator"]}" berjenis '
                                    f'{i["jenis_target"]}; yang diharapkan batas_atas kosong, atau jenis_target rentang di '
                                    "indikator.csv",
                                    PERINGATAN))
        issues += _on_scale("target", r, i, value, ordinal, named) + _printed("target", r, i)
        if r["dokumen"] in docs.index:
            d = docs.loc[r["dokumen"]]
            # A document without a printed period (a performance tree) has no years to check against.
            if _present(d["tahun_mulai"]) and _present(d["tahun_selesai"]) \
                    and not d["tahun_mulai"] <= r["tahun"] <= d["tahun_selesai"]:
                issues.append(CellIssue("target", r[ROW], "tahun",
                                        f'tahun {r["tahun"]} di luar periode dokumen "{r["dokumen"]}" '
                                        f'({d["tahun_mulai"]}-{d["tahun_selesai"]}); yang diharapkan tahun dalam periode '
                                        "itu, atau dokumen lain yang periodenya memuat tahun ini"))
            if r["jenis"] == "akhir_periode" and d["jenis"] != "renstra":
                issues.append(CellIssue("target", r[ROW], "jenis",
                                        f'target akhir_periode hanya ditetapkan dalam Renstra; dokumen "{r["dokumen"]}" berjenis {d["jenis"]}'))
    return issues


def _polarity(value: str) -> str:
    return "makin tinggi makin baik" if value == "tinggi_lebih_baik" else "makin rendah makin baik"


def _ordinal_values(t: Tables) -> dict[str, set]:
    kinds = dict(zip(t["skala"]["id"], t["skala"]["jenis"]))
    values: dict[str, set] = {}
    for r in _rows(t["skala_kelas"]):
        if kinds.get(r["skala"]) == "ordinal" and _present(r["nilai"]):
            values.setdefault(r["skala"], set()).add(r["nilai"])
    return values


def _class_names(t: Tables) -> dict[str, dict[str, object]]:
    """Per ordinal scale, each class's code and label (case folded) → its value; a name two classes share
    names neither."""
    kinds = dict(zip(t["skala"]["id"], t["skala"]["jenis"]))
    names: dict[str, dict[str, object]] = {}
    for r in _rows(t["skala_kelas"]):
        if kinds.get(r["skala"]) != "ordinal" or not _present(r["nilai"]):
            continue
        mine = names.setdefault(r["skala"], {})
        for name in {str(r[col]).strip().casefold() for col in ("kode", "label") if _present(r[col])}:
            mine[name] = r["nilai"] if mine.get(name, r["nilai"]) == r["nilai"] else None
    return names


def _on_scale(table: str, r, i, value, ordinal: dict[str, set], named: dict[str, dict[str, object]]) -> list[CellIssue]:
    """A level, yes/no or category target or realisasi on an ordinal scale is one of the scale's values, and a
    label naming one of its classes names the class of that value: the page prints the label, the capaian is
    computed from the value."""
    scale = i["skala"]
    if i["jenis_target"] not in CLASS_KINDS or scale not in ordinal or not _present(value):
        return []
    if value not in ordinal[scale]:
        return [CellIssue(table, r[ROW], "nilai",
                          f'nilai {fmt.angka(value, None)} bukan level pada skala "{scale}"; yang diharapkan salah satu '
                          f"dari: {', '.join(fmt.angka(v, None) for v in sorted(ordinal[scale]))}")]
    label = str(r["label"]).strip() if _present(r["label"]) else ""
    said = named.get(scale, {}).get(label.casefold())
    if said is not None and said != value:
        return [CellIssue(table, r[ROW], "label",
                          f'label "{label}" adalah kelas bernilai {fmt.angka(said, None)} pada skala "{scale}", tetapi '
                          f"nilainya {fmt.angka(value, None)}; yang diharapkan nilai dan label kelas yang sama (nilai "
                          f'{fmt.angka(said, None)} untuk "{label}"): halaman mencetak labelnya, capaian dihitung dari nilainya')]
    # a label that is no class name but writes another level of the scale in digits ("Level 4" beside 2)
    number = re.search(r"\d+", label) if said is None and i["jenis_target"] == "level" else None
    if number is not None and Decimal(number.group(0)) in ordinal[scale] and Decimal(number.group(0)) != value:
        return [CellIssue(table, r[ROW], "label",
                          f'label "{label}" menyebut level {number.group(0)} pada skala "{scale}", tetapi nilainya '
                          f"{fmt.angka(value, None)}; yang diharapkan nilai dan label level yang sama: halaman mencetak "
                          "labelnya, capaian dihitung dari nilainya", PERINGATAN)]
    return []


def _printed(table: str, r, i) -> list[CellIssue]:
    """A number's label that prints another number ('98,5%' beside 98,75): the pages print the label, the capaian
    is computed from the value, so a reader cannot recompute it. Often a value changed in a workbook with its
    label left as it was. A warning at the label: which of the two is right is the operator's to say."""
    if i["jenis_target"] not in ("angka", "rentang") or prints_value(r["label"], r["nilai"]):
        return []
    return [CellIssue(table, r[ROW], "label",
                      f'label "{r["label"]}" mencetak angka lain dari nilainya ({fmt.angka(r["nilai"], None)}): halaman '
                      "mencetak label, capaian dihitung dari nilai; yang diharapkan label yang mencetak nilai itu, atau "
                      "nilai yang tercetak di label", PERINGATAN)]


def capaian_published(t: Tables) -> bool:
    """Whether the package publishes performance (the `realisasi` resource): capaian are computed, so the
    category scale and the report year are needed."""
    return contract.publishes_performance(t.descriptor) or len(t["realisasi"]) > 0


def realisations(t: Tables) -> list[CellIssue]:
    """'No data' is an explicit status with an empty value, never a zero; nothing is realised after the report year."""
    issues = []
    year = t.settings.tahun_laporan
    if year is None and capaian_published(t):
        issues.append(CellIssue(SETTINGS, 1, "tahun_laporan",
                                "kinerja.tahun_laporan wajib diisi untuk paket yang memuat realisasi; yang diharapkan "
                                "tahun laporan, misalnya 2025"))
    ind = t["indikator"].set_index("id")
    ordinal, named = _ordinal_values(t), _class_names(t)
    for r in _rows(t["realisasi"]):
        has_value = _present(r["nilai"])
        if r["status"] == "tidak_ada" and has_value:
            issues.append(CellIssue("realisasi", r[ROW], "nilai",
                                    f"status tidak_ada tetapi nilai terisi ({fmt.angka(r['nilai'], None)}); kosongkan nilai "
                                    "(atau isi '-') atau ubah status menjadi final/dibawa/sementara"))
        if r["status"] != "tidak_ada" and not has_value:
            issues.append(CellIssue("realisasi", r[ROW], "nilai",
                                    f'status {r["status"]} tetapi nilai kosong; isi nilai realisasi, atau ubah status menjadi '
                                    "tidak_ada bila belum ada data (jangan diisi 0)"))
        if year and r["tahun"] > year:
            issues.append(CellIssue("realisasi", r[ROW], "tahun",
                                    f"realisasi tahun {r['tahun']} melewati tahun laporan paket ({year}); "
                                    "yang diharapkan realisasi untuk tahun yang sudah berjalan"))
        if r["indikator"] in ind.index and has_value:
            issues += (_on_scale("realisasi", r, ind.loc[r["indikator"]], r["nilai"], ordinal, named)
                       + _printed("realisasi", r, ind.loc[r["indikator"]]))
    return issues


def quarterly_values(t: Tables) -> list[CellIssue]:
    """The Rencana Aksi's quarterly targets and the quarters' realisasi hold to the same scale and label rules
    as the year's (`_on_scale`, `_printed`): the quarterly pages print their labels too."""
    ind = t["indikator"].set_index("id")
    ordinal, named = _ordinal_values(t), _class_names(t)
    issues = []
    for table in ("target_triwulan", "realisasi_triwulan"):
        for r in _rows(t[table]):
            if r["indikator"] in ind.index and _present(r["nilai"]):
                i = ind.loc[r["indikator"]]
                # a Rencana Aksi may plan 0 for a quarter of a level indicator: nothing due yet, not a level
                if not (table == "target_triwulan" and r["nilai"] == 0):
                    issues += _on_scale(table, r, i, r["nilai"], ordinal, named)
                issues += _printed(table, r, i)
    return issues


def documents(t: Tables) -> list[CellIssue]:
    issues = []
    docs = t["dokumen"]
    kind = dict(zip(docs["id"], docs["jenis"]))
    year_of = dict(zip(docs["id"], docs["tahun"]))
    for r in _rows(docs):
        for col in ("tahun_mulai", "tahun_selesai"):
            if not _present(r[col]) and r["jenis"] != "pohon_kinerja":
                issues.append(CellIssue("dokumen", r[ROW], col,
                                        f'kolom "{col}" wajib diisi untuk dokumen {r["jenis"]}; hanya pohon kinerja yang tidak '
                                        "mencetak periode boleh dikosongkan"))
        if _present(r["tahun_mulai"]) and _present(r["tahun_selesai"]) and r["tahun_mulai"] > r["tahun_selesai"]:
            issues.append(CellIssue("dokumen", r[ROW], "tahun_selesai",
                                    f"tahun_selesai {r['tahun_selesai']} lebih awal dari tahun_mulai {r['tahun_mulai']}"))
        old = r["menggantikan"]
        if _present(old) and old in kind:
            if old == r["id"]:
                issues.append(CellIssue("dokumen", r[ROW], "menggantikan", "dokumen tidak boleh menggantikan dirinya sendiri"))
            elif (r["jenis"], kind[old]) not in (("pk_perubahan", "pk"), ("pk_perubahan", "pk_perubahan"), ("renstra", "renstra"),
                                                 ("rkt", "rkt"), ("pk", "pk"), ("rencana_aksi", "rencana_aksi")):
                issues.append(CellIssue("dokumen", r[ROW], "menggantikan",
                                        f'dokumen {r["jenis"]} "{r["id"]}" menggantikan dokumen {kind[old]} "{old}"; '
                                        "yang diharapkan PK Perubahan menggantikan PK, Renstra menggantikan Renstra, "
                                        "Rencana Aksi menggantikan Rencana Aksi"))
            elif r["jenis"] != "renstra" and year_of.get(old) != r["tahun"]:
                issues.append(CellIssue("dokumen", r[ROW], "menggantikan",
                                        f'PK Perubahan tahun {r["tahun"]} menggantikan dokumen tahun {year_of.get(old)}; '
                                        "yang diharapkan tahun yang sama"))
    return issues


# Text columns that keep a date as the document prints it ("24 November 2025"), and the shape a spreadsheet
# gives such a cell when it reads it as a date and saves the CSV again (24/11/2025, or 11/24/25 in US order).
PRINTED_DATES = (("dokumen", "tanggal_tercetak"), ("informasi", "waktu_pembuatan"))
_SPREADSHEET_DATE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}")


def printed_dates(t: Tables) -> list[CellIssue]:
    """A date written as printed that a spreadsheet turned into numbers: published as it stands, it shows a
    form the document never printed (and, from a US-set spreadsheet, another day). A warning: a document may
    print its date in numbers."""
    issues = []
    for table, column in PRINTED_DATES:
        if table not in t or column not in t[table]:
            continue
        for r in _rows(t[table]):
            value = r[column]
            if isinstance(value, str) and _SPREADSHEET_DATE.fullmatch(value.strip()):
                issues.append(CellIssue(table, r[ROW], column,
                                        f'"{value.strip()}" berbentuk tanggal angka, bentuk yang ditulis spreadsheet bila '
                                        "sel dibacanya sebagai tanggal lalu CSV disimpan ulang; kolom ini memuat tanggal "
                                        "seperti tercetak di dokumen (misalnya 24 November 2025): tulis seperti tercetak, "
                                        "dengan format kolom Teks agar tidak diubah lagi", PERINGATAN))
    return issues


def _sum(values: Iterable) -> Decimal:
    return sum((v for v in values if _present(v)), Decimal(0))


def budgets(t: Tables) -> list[CellIssue]:
    """Realisation within pagu (error); children adding up to their parent within one document (warning)."""
    issues = []
    ang = t["anggaran"]
    for r in _rows(ang):
        if _present(r["realisasi"]) and r["realisasi"] > r["pagu"]:
            issues.append(CellIssue("anggaran", r[ROW], "realisasi",
                                    f"realisasi {fmt.rupiah(r['realisasi'])} melebihi pagu {fmt.rupiah(r['pagu'])} "
                                    f'untuk "{r["node"]}"; yang diharapkan realisasi ≤ pagu'))
    parent_of = dict(zip(t["node"]["id"], t["node"]["induk"]))
    kinds = dict(zip(t["dokumen"]["id"], t["dokumen"]["jenis"]))
    tiers = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    for doc, rows in ang.groupby("dokumen", sort=True):
        by_node = {r["node"]: r for r in _rows(rows)}
        if kinds.get(doc) == "lkjip":
            issues.extend(_outside_total(doc, by_node, parent_of, tiers))
        else:
            issues.extend(_unused_realisasi(doc, kinds.get(doc), by_node.values()))
        for parent, kids in sorted(line_children(parent_of, by_node).items()):
            issues.extend(_sum_check("anggaran", by_node[parent], [by_node[k] for k in kids],
                                     f'baris di bawah simpul "{parent}" di dokumen {doc}', kinds.get(doc) == "lkjip"))
    rows, kids_of = belanja_tree(t["belanja"])
    for r in rows.values():
        if _present(r["realisasi"]) and r["realisasi"] > r["pagu"]:
            issues.append(CellIssue("belanja", r[ROW], "realisasi",
                                    f"realisasi {fmt.rupiah(r['realisasi'])} melebihi anggaran {fmt.rupiah(r['pagu'])}"))
    for parent, kids in sorted(kids_of.items()):
        issues.extend(_sum_check("belanja", rows[parent], kids, f'rincian "{rows[parent]["uraian"]}"'))
    return issues


def _unused_realisasi(doc: str, kind, lines) -> list[CellIssue]:
    """Realisasi on a plan's line (PK, RKT) is never read: a year's realisasi is the LKjIP's (a printed
    serapan beside it is still checked against it, `compute/konsistensi`)."""
    return [CellIssue("anggaran", r[ROW], "realisasi",
                      f"realisasi {fmt.rupiah(r['realisasi'])} di dokumen {doc} ({kind}) tidak dipakai: realisasi "
                      "anggaran setahun dibaca dari baris Laporan Kinerja; yang diharapkan realisasi dicatat pada "
                      "baris dokumen berjenis lkjip tahun itu", PERINGATAN)
            for r in lines if _present(r["realisasi"]) and not _present(r["serapan_tercetak"])]


def _outside_total(doc: str, by_node: dict, parent_of: dict, tiers: dict) -> list[CellIssue]:
    """A report's line that its printed tujuan total does not cover (`total_parts`): no node above it has a
    line, so the programmes on the Anggaran page add up to more than the total beside them."""
    parts, summed = total_parts(by_node, parent_of, tiers)
    if not parts or summed not in (None, "tujuan"):
        return []
    named = ", ".join(f'"{p}"' for p in parts)
    return [CellIssue("anggaran", r[ROW], "node",
                      f'baris "{nid}" di dokumen {doc} berada di luar jumlah instansi (baris tujuan {named}): tidak '
                      "ada simpul di atasnya yang punya baris di dokumen ini, jadi pagunya tidak tercakup jumlah itu; "
                      "yang diharapkan baris tujuan atau sasaran di atasnya juga dicatat", PERINGATAN)
            for nid, r in by_node.items() if nid not in parts and line_above(parent_of, nid, by_node) is None]


def _sum_check(resource: str, parent: dict, kids: list[dict], what: str, realised: bool = True) -> list[CellIssue]:
    """The lines under a parent add up to it, pagu and realisasi (warnings); `realised`: a document whose
    realisasi is read (an LKjIP, the jenis belanja table), where a parent without realisasi above parts that
    have theirs is said too."""
    issues = []
    if realised and kids and not _present(parent["realisasi"]) and all(_present(k["realisasi"]) for k in kids):
        # the pages say the parent's realisasi is unknown while every line under it gives its own
        issues.append(CellIssue(resource, parent[ROW], "realisasi",
                                f"realisasi kosong, padahal setiap {what} memuat realisasi (jumlahnya "
                                f"{fmt.rupiah(_sum(k['realisasi'] for k in kids))}); halaman menulis realisasi baris ini "
                                "belum tersedia. Isi realisasi yang tercetak di laporan, atau biarkan kosong bila laporan "
                                "memang tidak mencetaknya", PERINGATAN))
    for col, word in (("pagu", "pagu"), ("realisasi", "realisasi")):
        if not _present(parent[col]) or not all(_present(k[col]) for k in kids):
            continue
        total = _sum(k[col] for k in kids)
        if total != parent[col]:
            issues.append(CellIssue(resource, parent[ROW], col,
                                    f"jumlah {word} {what} ({fmt.rupiah(total)}) tidak sama dengan {word} induknya "
                                    f"({fmt.rupiah(parent[col])}); selisih {fmt.rupiah(abs(total - parent[col]))}",
                                    PERINGATAN))
    return issues


def scales(t: Tables) -> list[CellIssue]:
    issues = []
    kinds = dict(zip(t["skala"]["id"], t["skala"]["jenis"]))
    for r in _rows(t["skala_kelas"]):
        kind = kinds.get(r["skala"])
        if kind == "ordinal" and not _present(r["nilai"]):
            issues.append(CellIssue("skala_kelas", r[ROW], "nilai", f'kelas "{r["kode"]}" pada skala ordinal wajib memiliki nilai'))
        if kind == "interval":
            low, high = r["batas_bawah"], r["batas_atas"]
            if not _present(low) and not _present(high):
                issues.append(CellIssue("skala_kelas", r[ROW], "batas_bawah",
                                        f'kelas "{r["kode"]}" pada skala interval wajib memiliki batas_bawah atau batas_atas'))
            elif _present(low) and _present(high) and low > high:
                issues.append(CellIssue("skala_kelas", r[ROW], "batas_atas",
                                        f"batas_atas {fmt.angka(high, None)} lebih kecil dari batas_bawah {fmt.angka(low, None)}"))
    mutu = t.settings.skala_mutu_ikm
    if len(t["survei"]) and mutu not in kinds:
        issues.append(CellIssue(SETTINGS, 1, "skala_mutu_ikm",
                                f'kinerja.skala_mutu_ikm "{mutu}" tidak ada di tabel skala; yang diharapkan skala mutu '
                                "pelayanan (PermenPANRB 14/2017), misalnya mutu-ikm"))
    scale = t.settings.skala_kategori_capaian
    if not capaian_published(t):
        pass  # no capaian to classify (a tree without realisasi): the category scale is not needed
    elif scale not in kinds:
        issues.append(CellIssue(SETTINGS, 1, "skala_kategori_capaian",
                                f'kinerja.skala_kategori_capaian "{scale}" tidak ada di tabel skala; yang diharapkan salah satu dari: '
                                + ", ".join(sorted(kinds))))
    elif kinds[scale] != "interval":
        issues.append(CellIssue(SETTINGS, 1, "skala_kategori_capaian",
                                f'skala kategori capaian "{scale}" harus berjenis interval'))
    else:
        issues += _floor(t, "skala_kategori_capaian", scale, 0, "capaian")
    if len(t["survei"]) and kinds.get(mutu) == "interval":
        issues += _floor(t, "skala_mutu_ikm", mutu, 25, "IKM")
    return issues


def _floor(t: Tables, setting: str, scale: str, lowest, what: str) -> list[CellIssue]:
    """A scale that classifies every value down to `lowest` (0 for a capaian, 25 for an IKM): its lowest class
    has no lower bound, or one at or below `lowest` (`Scale.classify` gives a value the highest class whose
    lower bound it has reached, inclusive or not). Otherwise a value below the floor had no class, and the
    home card printed "nan · nan" for the agency's average."""
    rows = [r for r in _rows(t["skala_kelas"]) if r["skala"] == scale]
    if not rows:
        return [CellIssue(SETTINGS, 1, setting,
                          f'skala "{scale}" tidak memiliki kelas di skala_kelas.csv; yang diharapkan kelas-kelasnya '
                          f"dengan batas_bawah dan batas_atas, yang terendah mulai dari {lowest}")]
    if any(not _present(r["batas_bawah"]) for r in rows):
        return []
    bottom = min(rows, key=lambda r: r["batas_bawah"])
    low = bottom["batas_bawah"]
    if low <= lowest:
        return []
    return [CellIssue("skala_kelas", bottom[ROW], "batas_bawah",
                      f'skala "{scale}" tidak menggolongkan {what} di bawah {fmt.angka(low, None)}: kelas terendahnya '
                      f'("{bottom["kode"]}") mulai dari {fmt.angka(low, None)}, padahal {what} dapat bernilai {lowest}. '
                      f"Yang diharapkan kelas terendah dengan batas_bawah {lowest} atau tanpa batas_bawah")]


def reported_figures(t: Tables) -> list[CellIssue]:
    issues = []
    for r in _rows(t["angka_laporan"]):
        if not _present(r["indikator"]) and not _present(r["node"]):
            issues.append(CellIssue("angka_laporan", r[ROW], "indikator",
                                    "angka tercetak harus menyebut indikator atau node yang dibicarakannya"))
    return issues


def surveys(t: Tables) -> list[CellIssue]:
    """A survey's population is the number of service users in its period: never 0, never fewer than the
    respondents, printed (`responden`) or counted from its answers (`jawaban_survei`); the margin of error
    and the minimum sample (compute.ikm) are defined only then."""
    issues = []
    answers = t["jawaban_survei"]
    answered = answers[respondents(answers)] if len(answers) else answers
    counted = answered.groupby("survei").size().to_dict() if len(answers) else {}
    for r in _rows(t["survei"]):
        if _present(r["responden"]) and r["id"] in counted and counted[r["id"]] != r["responden"]:
            issues.append(CellIssue("survei", r[ROW], "responden",
                                    f'survei "{r["id"]}" mencatat {fmt.angka(r["responden"], 0)} responden, tetapi '
                                    f"jawaban_survei memuat jawaban {fmt.angka(counted[r['id']], 0)} responden; halaman "
                                    "survei menghitung IKM dari jawaban yang dimuat. Yang diharapkan jawaban seluruh "
                                    "responden, atau jumlah yang sama", PERINGATAN))
        if _present(r["periode_mulai"]) and _present(r["periode_selesai"]) and r["periode_mulai"] > r["periode_selesai"]:
            issues.append(CellIssue("survei", r[ROW], "periode_selesai", "periode_selesai lebih awal dari periode_mulai"))
        if _present(r["responden"]) and _present(r["populasi"]) and r["responden"] > r["populasi"]:
            issues.append(CellIssue("survei", r[ROW], "responden",
                                    f"jumlah responden ({r['responden']}) melebihi populasi ({r['populasi']})"))
        if _present(r["populasi"]) and r["populasi"] == 0:
            issues.append(CellIssue("survei", r[ROW], "populasi",
                                    "populasi 0: populasi adalah jumlah pengguna layanan selama periode survei; isi "
                                    "jumlahnya, atau kosongkan bila tidak diketahui"))
        elif _present(r["populasi"]) and counted.get(r["id"], 0) > r["populasi"]:
            issues.append(CellIssue("survei", r[ROW], "populasi",
                                    f'jawaban_survei memuat {counted[r["id"]]} responden survei "{r["id"]}", lebih dari '
                                    f"populasinya ({r['populasi']}); populasi adalah jumlah pengguna layanan selama "
                                    "periode survei dan tidak dapat lebih kecil dari jumlah respondennya"))
    for survey, mine in answered.groupby("survei", sort=False) if len(answers) else ():
        silent = [u for u in UNSUR if not mine[u].notna().any()]
        if silent:
            issues.append(CellIssue("jawaban_survei", int(mine[ROW].min()), silent[0],
                                    f'survei "{survey}": unsur {", ".join(u.upper() for u in silent)} '
                                    f"({', '.join(NAMA_UNSUR[u] for u in silent)}) tidak dijawab satu responden pun, "
                                    "sehingga IKM survei ini tidak dapat dihitung (memerlukan kesembilan unsur); yang "
                                    "diharapkan skor 1-4 dari setiap responden yang menjawab unsur itu", PERINGATAN))
    if len(answers):
        blank = ~respondents(answers)
        for row in answers.loc[blank, ROW]:
            issues.append(CellIssue("jawaban_survei", int(row), "u1",
                                    "responden tidak menjawab satu unsur pun (U1-U9 kosong); baris ini tidak ikut dihitung",
                                    PERINGATAN))
    return issues


RULES: list[Callable[[Tables], list[CellIssue]]] = [
    node_levels, node_codes, parent_cycles, parent_chain_depths, indicator_scales, targets, realisations, quarterly_values, documents,
    printed_dates, budgets, scales,
    reported_figures, surveys, *ppid_rules.RULES, *triwulan_rules.RULES, *pohon_rules.RULES,
]

__all__ = ["check_rules", "RULES", "KESALAHAN", "PERINGATAN"]
