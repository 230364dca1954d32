"""The five-stage method's own rules (PermenPANRB 89/2021; docs/domain.md §9), as checks over the tree tables.

A tree as an agency drafts it is checked the way an evaluator reads it: every condition has an indicator;
levels descend from parent to child; a level fits its planning component, the kind of condition and its
owner (the package's crosswalk, `Settings.pohon`); an operational condition reaches a sub kegiatan when the
package has a budget; no condition is written twice ("jangan redundansi"); a cross-cutting node names its
partners; a composite's weights add up to 1 over indicators that exist; one indicator has one level.

Findings of the method are warnings (the document says what it says: the portal publishes it and shows
the slip); what would make a computation wrong or a reference dangle is an error.
"""
from __future__ import annotations

import collections
import difflib
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from generator import fmt
from generator.domain import pohon as vocab
from generator.domain.values import present, row_dicts
from generator.load import ROW, Tables
from generator.problems import KESALAHAN, PERINGATAN, CellIssue
from generator.settings import PohonSettings

SETTINGS = ""  # CellIssue.resource for the package settings block (as validate.rules.SETTINGS)


def _rows(frame: pd.DataFrame) -> list[dict]:
    return row_dicts(frame)


def _expected_level(p: PohonSettings, kind: str, code) -> str | None:
    j = p.of(kind, code) if present(code) else None
    return j.level if j else None


def _junior(owner, expected) -> bool:
    """Whether `owner` is a more junior PK level than `expected` (a junior cannot own a higher result)."""
    return present(owner) and present(expected) and vocab.PEMILIK.index(owner) > vocab.PEMILIK.index(expected)


def _descends(p: PohonSettings, parent_level, parent_comp, child_level, child_comp) -> bool:
    """A child's level is below its parent's; within one level only from an earlier to a later component of that
    level (tujuan → sasaran are both strategis)."""
    pr, cr = p.rank(parent_level), p.rank(child_level)
    if pr is None or cr is None or cr > pr:
        return True
    if cr < pr:
        return False
    comps = p.of("level", child_level).komponen
    return parent_comp in comps and child_comp in comps and comps.index(child_comp) > comps.index(parent_comp)


# --- kondisi -----------------------------------------------------------------------------------------------

def kondisi_shape(t: Tables) -> list[CellIssue]:
    """Kinds descend (outcome → CSF → kondisi antara utama → kondisi antara → kondisi operasional); a kind is
    stated; a CSF states its problem; a nomenclature link names a node that exists."""
    issues = []
    kondisi = t["kondisi"]
    kind_of = dict(zip(kondisi["id"], kondisi["jenis"]))
    nodes = set(t["node"]["id"])
    for r in _rows(kondisi):
        kind, parent = r["jenis"], r["induk"]
        lintas = bool(r["lintas"]) if present(r["lintas"]) else False
        if not present(kind) and not lintas:
            issues.append(CellIssue("kondisi", r[ROW], "jenis",
                                    f'kondisi "{r["id"]}" tidak berjenis (dokumen tidak melabelinya); yang diharapkan outcome, '
                                    "csf, kondisi_antara_utama, kondisi_antara atau kondisi_operasional", PERINGATAN))
        if kind == "outcome" and present(parent):
            issues.append(CellIssue("kondisi", r[ROW], "induk",
                                    f'outcome "{r["id"]}" berada di puncak pohon dan tidak berinduk; induk tercatat "{parent}"',
                                    PERINGATAN))
        elif present(kind) and present(parent) and present(kind_of.get(parent)) \
                and vocab.JENIS_KONDISI.index(kind_of[parent]) >= vocab.JENIS_KONDISI.index(kind):
            issues.append(CellIssue("kondisi", r[ROW], "induk",
                                    f'kondisi "{r["id"]}" berjenis {kind} di bawah "{parent}" berjenis {kind_of[parent]}; '
                                    "yang diharapkan induk berjenis lebih tinggi (outcome → csf → kondisi antara utama → "
                                    "kondisi antara → kondisi operasional)", PERINGATAN))
        elif kind == "csf" and present(parent) and present(kind_of.get(parent)) and kind_of[parent] != "outcome":
            issues.append(CellIssue("kondisi", r[ROW], "induk",
                                    f'CSF "{r["id"]}" diturunkan dari outcome; induknya "{parent}" berjenis {kind_of[parent]}',
                                    PERINGATAN))
        elif present(kind) and present(parent) and present(kind_of.get(parent)) \
                and vocab.JENIS_KONDISI.index(kind) - vocab.JENIS_KONDISI.index(kind_of[parent]) > 1:
            skipped = ", ".join(k.replace("_", " ") for k in vocab.JENIS_KONDISI[
                vocab.JENIS_KONDISI.index(kind_of[parent]) + 1:vocab.JENIS_KONDISI.index(kind)])
            issues.append(CellIssue("kondisi", r[ROW], "induk",
                                    f'kondisi "{r["id"]}" berjenis {kind} langsung di bawah "{parent}" berjenis '
                                    f"{kind_of[parent]}: tahap {skipped} dilompati; Tahap 3 menguraikan CSF menjadi "
                                    "kondisi antara utama, kondisi antara, lalu kondisi operasional. Isi bila dokumen "
                                    "memuatnya", PERINGATAN))
        elif present(kind) and kind not in ("outcome",) and not present(parent) and not lintas:
            issues.append(CellIssue("kondisi", r[ROW], "induk",
                                    f'kondisi "{r["id"]}" berjenis {kind} tidak berinduk; yang diharapkan ID kondisi di atasnya',
                                    PERINGATAN))
        elif not present(kind) and not present(parent) and not lintas:
            issues.append(CellIssue("kondisi", r[ROW], "induk",
                                    f'kondisi "{r["id"]}" tidak berjenis dan tidak berinduk: portal menggambarnya sebagai '
                                    "puncak pohon kedua di samping outcome; yang diharapkan ID kondisi di atasnya",
                                    PERINGATAN))
        if kind == "csf" and not present(r["masalah"]):
            issues.append(CellIssue("kondisi", r[ROW], "masalah",
                                    f'CSF "{r["id"]}" tidak menyebut masalahnya; Tahap 2 merumuskan CSF dari isu faktual '
                                    '("Rendahnya ...") menjadi kondisi yang diperlukan', PERINGATAN))
        if present(r["node"]) and r["node"] not in nodes:
            issues.append(CellIssue("kondisi", r[ROW], "node",
                                    f'simpul "{r["node"]}" tidak ada di tabel node; yang diharapkan ID program, kegiatan '
                                    "atau sub kegiatan yang sudah ada"))
    return issues


def kondisi_indicators(t: Tables) -> list[CellIssue]:
    """Tahap 4: every condition has an indicator."""
    having = set(t["indikator_kondisi"]["kondisi"])
    return [CellIssue("kondisi", r[ROW], "id",
                      f'kondisi "{r["id"]}" belum memiliki indikator; Tahap 4 merumuskan indikator untuk setiap kondisi '
                      "(tambahkan baris di indikator_kondisi)", PERINGATAN)
            for r in _rows(t["kondisi"]) if r["id"] not in having]


def _resolved_component(p: PohonSettings, r: dict) -> str | None:
    if present(r["komponen"]):
        return r["komponen"]
    j = p.of("kondisi", r["jenis"]) if present(r["jenis"]) else None
    return j.komponen[min(j.kondisi.index(r["jenis"]), len(j.komponen) - 1)] if j and j.komponen else None


def levels(t: Tables) -> list[CellIssue]:
    """Tahap 4/5: a level fits the condition's component, kind and owner; levels descend from parent to child;
    one indicator has one level and one name in every stage; the condition is worded as introduced."""
    p = t.settings.pohon
    issues = []
    kondisi = {r["id"]: r for r in _rows(t["kondisi"])}
    rows = _rows(t["indikator_kondisi"].sort_values(["tahap", ROW], kind="stable"))
    level_at: dict[tuple[str, int], str] = {}  # (kondisi, tahap) → the first stated level
    for r in rows:
        if present(r["level"]):
            level_at.setdefault((r["kondisi"], int(r["tahap"])), r["level"])
    first_of: dict[str, dict] = {}
    for r in rows:
        k = kondisi.get(r["kondisi"])
        tahap = int(r["tahap"])
        if k is None:
            continue
        if present(r["kondisi_tercetak"]) and r["kondisi_tercetak"] != k["nama"]:
            issues.append(CellIssue("indikator_kondisi", r[ROW], "kondisi_tercetak",
                                    f'rumusan kondisi di Tahap {tahap} ("{r["kondisi_tercetak"]}") berbeda dari rumusannya di '
                                    f'Tahap {k["tahap"]} ("{k["nama"]}"); yang diharapkan rumusan yang sama di setiap tahap',
                                    PERINGATAN))
        earlier = first_of.get(r["id"])
        if earlier is None:
            first_of[r["id"]] = r
        else:
            if present(earlier["level"]) and present(r["level"]) and earlier["level"] != r["level"]:
                issues.append(CellIssue("indikator_kondisi", r[ROW], "level",
                                        f'indikator "{r["id"]}" ({r["nama"]}) berlevel {r["level"]} di Tahap {tahap}, tetapi '
                                        f'{earlier["level"]} di Tahap {int(earlier["tahap"])}; satu indikator hanya memiliki '
                                        "satu level", PERINGATAN))
            if earlier["nama"] != r["nama"]:
                issues.append(CellIssue("indikator_kondisi", r[ROW], "nama",
                                        f'nama indikator "{r["id"]}" di Tahap {tahap} ("{r["nama"]}") berbeda dari Tahap '
                                        f'{int(earlier["tahap"])} ("{earlier["nama"]}")', PERINGATAN))
        if not present(r["level"]):
            continue
        comp = k["komponen"] if present(k["komponen"]) else None
        expected = {"komponen": _expected_level(p, "komponen", comp), "jenis": _expected_level(p, "kondisi", k["jenis"])}
        wrong = []
        if expected["komponen"] and expected["komponen"] != r["level"]:
            wrong.append(f"komponen {comp}")
        if expected["jenis"] and expected["jenis"] != r["level"]:
            wrong.append(f"jenis {k['jenis']}")
        owner_ok = p.of("level", r["level"])
        if owner_ok and owner_ok.pemilik and _junior(k["pemilik"], owner_ok.pemilik[0]):
            wrong.append(f"pemilik {k['pemilik']}")
        if wrong:
            want = expected["komponen"] or expected["jenis"]
            issues.append(CellIssue("indikator_kondisi", r[ROW], "level",
                                    f'level {r["level"]} indikator "{r["id"]}" di Tahap {tahap} tidak sesuai dengan kondisinya '
                                    f'"{k["id"]}" ({", ".join(wrong)}) menurut peta jenjang'
                                    + (f"; yang diharapkan {want}" if want and want != r["level"] else ""), PERINGATAN))
            continue
        parent = kondisi.get(k["induk"]) if present(k["induk"]) else None
        if parent is None:
            continue
        parent_level = level_at.get((parent["id"], tahap)) or next(
            (lv for (kid, _), lv in sorted(level_at.items(), key=lambda x: x[0][1]) if kid == parent["id"]), None)
        if parent_level and not _descends(p, parent_level, _resolved_component(p, parent), r["level"],
                                          _resolved_component(p, k)):
            issues.append(CellIssue("indikator_kondisi", r[ROW], "level",
                                    f'level {r["level"]} indikator "{r["id"]}" tidak lebih rendah dari level induknya '
                                    f'"{parent["id"]}" ({parent_level}); level menurun dari induk ke anak: '
                                    + " → ".join(j.level for j in p.jenjang), PERINGATAN))
    for k in kondisi.values():
        comp = k["komponen"] if present(k["komponen"]) else None
        j = p.of("komponen", comp) if comp else None
        if j and j.pemilik and _junior(k["pemilik"], j.pemilik[0]):
            issues.append(CellIssue("kondisi", k[ROW], "pemilik",
                                    f'kondisi "{k["id"]}" ({comp}) dimiliki {k["pemilik"]}, jenjang di bawah pemilik yang '
                                    f"diharapkan peta jenjang ({j.pemilik[0]})", PERINGATAN))
    return issues


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", str(text).lower())).strip()


def _object(name: str) -> str:
    """A condition without its first word, the word that makes it a condition ("Meningkatnya", "Tersedianya",
    "Terlaksananya"): what the condition is about."""
    return name.split(" ", 1)[1] if " " in name else name


_ROMAN = re.compile(r"[ivxlc]+")


def _distinct_words(a: str, b: str) -> bool:
    """Whether two alike wordings differ by words that name different things, not by a slip of the keyboard:
    "... BOSDA SD ..." and "... BOSDA SMP ..." are two conditions (the differing words are not a misspelling
    of each other: SD/SMP alike by 40 %), as are "Kelompok I" and "Kelompok II" or "Tahap 2" and "Tahap 3";
    "tepat wakut" and "tepat waktu" read as one."""
    only_a = collections.Counter(a.split()) - collections.Counter(b.split())
    only_b = collections.Counter(b.split()) - collections.Counter(a.split())
    if not only_a or not only_b:
        return False  # a word more or less: the same condition, said longer
    for word in (*only_a, *only_b):
        if any(ch.isdigit() for ch in word) or _ROMAN.fullmatch(word):
            return True
    return all(difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() < 0.6 for x in only_a for y in only_b)


def redundancy(t: Tables) -> list[CellIssue]:
    """Tahap 3, "jangan redundansi": a condition written twice; the same thing under another condition word
    ("Terbangunnya X" and "Tersedianya X"); or two wordings so alike (ratio at least `kemiripan`) that they
    read as one condition. Each condition is told once, with the first earlier condition it repeats."""
    issues = []
    limit = t.settings.pohon.kemiripan
    rows = _rows(t["kondisi"])
    names = [_norm(r["nama"]) for r in rows]
    things = [_object(name) for name in names]
    alike = alike_earlier(names, limit)
    by_name: dict[str, list[int]] = {}
    by_thing: dict[str, list[int]] = {}
    # One matcher per earlier condition, its wording as the second sequence: difflib indexes that one, so
    # each wording is indexed once instead of once per pair (the ratios are the same).
    matchers: dict[int, difflib.SequenceMatcher] = {}
    for i, (r, name, thing) in enumerate(zip(rows, names, things)):
        earlier = {*alike[i].tolist(), *by_name.get(name, ()), *(by_thing.get(thing, ()) if " " in name else ())}
        for at in sorted(earlier):
            other, other_name, other_thing = rows[at], names[at], things[at]
            where = f'"{other["id"]}" (baris {other[ROW]}, "{other["nama"]}")'
            if name == other_name:
                message = f'kondisi "{r["id"]}" sama dengan {where}; jangan menuangkan kondisi berulang kali'
            elif thing == other_thing and " " in name:
                message = (f'kondisi "{r["id"]}" ("{r["nama"]}") membahas hal yang sama dengan {where}, hanya kata '
                           "kondisinya yang berbeda; periksa apakah kondisi yang sama dituangkan dua kali")
            else:
                if at not in matchers:
                    matchers[at] = difflib.SequenceMatcher(None, "", other_name, autojunk=False)
                matcher = matchers[at]
                matcher.set_seq1(name)
                if matcher.real_quick_ratio() < limit or matcher.quick_ratio() < limit or matcher.ratio() < limit:
                    continue
                if _distinct_words(name, other_name):
                    continue
                message = (f'kondisi "{r["id"]}" ("{r["nama"]}") sangat mirip dengan {where}, kemiripan '
                           f"{fmt.angka(matcher.ratio() * 100, 0)}%; periksa apakah kondisi yang sama dituangkan dua kali")
            issues.append(CellIssue("kondisi", r[ROW], "nama", message, PERINGATAN))
            break
        by_name.setdefault(name, []).append(i)
        by_thing.setdefault(thing, []).append(i)
    return issues


BUCKETS = 64  # characters counted apart; rarer ones share the last count (a bound stays a bound)
CELLS = 4_000_000  # counts compared per numpy step: ~16 MB, whatever the number of conditions


def alike_earlier(names: list[str], limit: float) -> list[np.ndarray]:
    """For each wording, the earlier ones it may be alike to by at least `limit`: those whose characters,
    counted, share enough with its own. That share (difflib's `quick_ratio`) is never below the ratio
    difflib then computes, so no pair left out could have reached `limit`; it is computed for all pairs at
    once in numpy, and the slow comparison only for the pairs it lets through. Comparing every pair with
    difflib took 52 s for 3.000 conditions (a kabupaten's tree is that size); the count is exact while a
    package uses at most `BUCKETS` different characters, and an upper bound beyond."""
    n = len(names)
    if n < 2:
        return [np.empty(0, dtype=np.int64) for _ in names]
    codes = [np.frombuffer(name.encode("utf-32-le"), dtype=np.uint32) for name in names]
    alphabet, seen = np.unique(np.concatenate(codes), return_counts=True)
    rank = np.empty(len(alphabet), dtype=np.int64)
    rank[np.argsort(-seen, kind="stable")] = np.arange(len(alphabet))
    bucket = np.minimum(rank, BUCKETS - 1)
    counts = np.zeros((n, BUCKETS), dtype=np.int32)
    for i, c in enumerate(codes):
        if len(c):
            counts[i] = np.bincount(bucket[np.searchsorted(alphabet, c)], minlength=BUCKETS)
    lengths = np.array([len(c) for c in codes], dtype=np.float64)
    found: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    step = max(1, CELLS // (n * BUCKETS))
    for start in range(1, n, step):
        stop = min(n, start + step)
        shared = np.minimum(counts[start:stop, None, :], counts[None, :stop, :]).sum(axis=2)
        total = lengths[start:stop, None] + lengths[None, :stop]
        with np.errstate(invalid="ignore", divide="ignore"):
            bound = np.where(total > 0, 2.0 * shared / total, 1.0)  # difflib: two empty wordings are alike
        for k, i in enumerate(range(start, stop)):
            found.append(np.flatnonzero(bound[k, :i] >= limit - 1e-9))
    return found


def cross_cutting(t: Tables) -> list[CellIssue]:
    """A cross-cutting node names its partners ("lintas perangkat daerah" when the document does not)."""
    issues = []
    for r in _rows(t["kondisi"]):
        lintas = bool(r["lintas"]) if present(r["lintas"]) else False
        if lintas and not present(r["mitra"]):
            issues.append(CellIssue("kondisi", r[ROW], "mitra",
                                    f'kondisi lintas "{r["id"]}" tidak menyebut mitranya; yang diharapkan perangkat daerah '
                                    'mitra, atau "lintas perangkat daerah" bila dokumen tidak menyebutnya', PERINGATAN))
        elif present(r["mitra"]) and not lintas:
            issues.append(CellIssue("kondisi", r[ROW], "lintas",
                                    f'kondisi "{r["id"]}" menyebut mitra ({r["mitra"]}) tetapi tidak ditandai lintas; '
                                    "yang diharapkan lintas = ya", PERINGATAN))
    return issues


def operational_budget(t: Tables) -> list[CellIssue]:
    """Where the package has a budget, an operational condition reaches a sub kegiatan that has one."""
    if t["anggaran"].empty or t["kondisi"].empty:
        return []
    p = t.settings.pohon
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    funded = set(t["anggaran"]["node"])
    operational = {r["kondisi"] for r in _rows(t["indikator_kondisi"]) if r["level"] == "operasional"}
    bottom = p.jenjang[-1] if p.jenjang else None
    issues = []
    for r in _rows(t["kondisi"]):
        is_operational = r["id"] in operational or (bottom is not None and (
            r["jenis"] in bottom.kondisi or r["komponen"] in bottom.komponen))
        if not is_operational:
            continue
        if not present(r["node"]):
            issues.append(CellIssue("kondisi", r[ROW], "node",
                                    f'kondisi operasional "{r["id"]}" tidak terhubung ke sub kegiatan mana pun, padahal paket '
                                    "memuat anggaran; yang diharapkan ID sub kegiatan di kolom node", PERINGATAN))
        elif tier.get(r["node"]) not in (None, "sub_kegiatan"):
            issues.append(CellIssue("kondisi", r[ROW], "node",
                                    f'kondisi operasional "{r["id"]}" terhubung ke "{r["node"]}" bertingkat {tier[r["node"]]}; '
                                    "yang diharapkan sub kegiatan", PERINGATAN))
        elif r["node"] in tier and r["node"] not in funded:
            issues.append(CellIssue("kondisi", r[ROW], "node",
                                    f'sub kegiatan "{r["node"]}" dari kondisi operasional "{r["id"]}" tidak memiliki baris '
                                    "anggaran", PERINGATAN))
    return issues


# --- composite indicators ----------------------------------------------------------------------------------

def composites(t: Tables) -> list[CellIssue]:
    """Weights of one composite add up to 1, over other indicators, without cycles; a composite's own realisasi
    agrees with its components'."""
    issues = []
    komponen = t["komponen_indikator"]
    if komponen.empty:
        return issues
    rows_of: dict[str, list[dict]] = {}
    for r in _rows(komponen):
        rows_of.setdefault(r["indikator"], []).append(r)
        if r["indikator"] == r["komponen"]:
            issues.append(CellIssue("komponen_indikator", r[ROW], "komponen",
                                    f'indikator komposit "{r["indikator"]}" tidak boleh menjadi komponennya sendiri'))
    for ind, rows in rows_of.items():
        total = sum(float(r["bobot"]) for r in rows if present(r["bobot"]))
        if abs(total - 1) > 1e-9:
            issues.append(CellIssue("komponen_indikator", rows[0][ROW], "bobot",
                                    f'bobot komponen indikator komposit "{ind}" berjumlah {fmt.angka(total, None)}; '
                                    "yang diharapkan tepat 1 (misalnya 0.5 + 0.5)"))
    graph = {ind: [r["komponen"] for r in rows] for ind, rows in rows_of.items()}
    reported: set[str] = set()
    for start in graph:
        stack, path = [(start, iter(graph[start]))], [start]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
            elif child in path and child != node:
                loop = path[path.index(child):] + [child]
                if not reported & set(loop):
                    reported.update(loop)
                    issues.append(CellIssue("komponen_indikator", rows_of[child][0][ROW], "komponen",
                                            f'indikator komposit berputar: {" → ".join(loop)}; komponen tidak boleh '
                                            "menunjuk ke komposit di atasnya"))
            elif child in graph and child not in path:
                stack.append((child, iter(graph[child])))
                path.append(child)
    if issues:
        return issues
    parts = vocab.composite_parts(_rows(komponen))
    values = {(r["indikator"], int(r["tahun"])): r for r in _rows(t["realisasi"]) if present(r["nilai"])}
    for ind in vocab.composite_order(parts):
        for year in sorted(y for (i, y) in values if i == ind):
            got = [values.get((p["komponen"], year)) for p in parts[ind]]
            if any(g is None for g in got):
                continue
            numbers = [g["nilai"] for g in got]
            total = vocab.combine(parts[ind], numbers)
            given = values[(ind, year)]
            if abs(float(given["nilai"]) - float(total)) > 0.005:
                issues.append(CellIssue("realisasi", given[ROW], "nilai",
                                        f'realisasi indikator komposit "{ind}" tahun {year} tercatat '
                                        f'{fmt.angka(given["nilai"], None)}, sedangkan dari komponennya '
                                        f'({vocab.formula(parts[ind])}): {vocab.worked(parts[ind], numbers, total)}',
                                        PERINGATAN))
    return issues


# --- owners of the nomenclature tree ---------------------------------------------------------------------

def owners(t: Tables) -> list[CellIssue]:
    """`pemilik_kinerja`: one row names a node or an indicator, once; a printed level fits the node's tier; the
    owner is not more junior than the level's."""
    issues = []
    p = t.settings.pohon
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    node_of = dict(zip(t["indikator"]["id"], t["indikator"]["node"]))
    seen: dict[tuple[str, str], int] = {}
    for r in _rows(t["pemilik_kinerja"]):
        has_node, has_ind = present(r["node"]), present(r["indikator"])
        if has_node == has_ind:
            issues.append(CellIssue("pemilik_kinerja", r[ROW], "node",
                                    "isi salah satu: node atau indikator (bukan keduanya, bukan kosong)"))
            continue
        key = ("node", r["node"]) if has_node else ("indikator", r["indikator"])
        if key in seen:
            issues.append(CellIssue("pemilik_kinerja", r[ROW], key[0],
                                    f'{key[0]} "{key[1]}" sudah diberi pemilik di baris {seen[key]}; satu {key[0]} satu pemilik'))
            continue
        seen[key] = r[ROW]
        level_of_tier = _expected_level(p, "tingkat", tier.get(r["node"] if has_node else node_of.get(r["indikator"])))
        level = r["level"] if present(r["level"]) else level_of_tier
        if present(r["level"]) and level_of_tier and r["level"] != level_of_tier:
            issues.append(CellIssue("pemilik_kinerja", r[ROW], "level",
                                    f'level {r["level"]} tidak sesuai dengan tingkat simpulnya menurut peta jenjang; '
                                    f"yang diharapkan {level_of_tier}", PERINGATAN))
        j = p.of("level", level) if level else None
        if j and j.pemilik and _junior(r["pemilik"], j.pemilik[0]):
            issues.append(CellIssue("pemilik_kinerja", r[ROW], "pemilik",
                                    f'kinerja {level} dimiliki {r["pemilik"]}, jenjang di bawah pemilik yang diharapkan peta '
                                    f"jenjang ({j.pemilik[0]})", PERINGATAN))
    by_link = {r["indikator"]: r for r in _rows(t["indikator_kondisi"]) if present(r["indikator"]) and present(r["level"])}
    for r in _rows(t["pemilik_kinerja"]):
        other = by_link.get(r["indikator"]) if present(r["indikator"]) else None
        if other is not None and present(r["level"]) and r["level"] != other["level"]:
            issues.append(CellIssue("pemilik_kinerja", r[ROW], "level",
                                    f'indikator "{r["indikator"]}" berlevel {r["level"]} di sini, tetapi {other["level"]} di '
                                    f'indikator_kondisi (baris {other[ROW]}); satu indikator hanya memiliki satu level', PERINGATAN))
    return issues


def performance_listed(t: Tables) -> list[CellIssue]:
    """A package that states a report year publishes realisasi; without the table the portal would say that no
    performance data has been published."""
    listed = {r.get("name") for r in t.descriptor.get("resources", []) if isinstance(r, dict)}
    if t.settings.tahun_laporan is not None and t.descriptor.get("resources") and "realisasi" not in listed:
        return [CellIssue(SETTINGS, 1, "tahun_laporan",
                          f"kinerja.tahun_laporan {t.settings.tahun_laporan} diisi, tetapi paket tidak memuat tabel realisasi; "
                          "portal akan menyatakan bahwa data kinerja belum dipublikasikan. Tambahkan resource realisasi, "
                          "atau isi tahun_laporan dengan null untuk paket yang hanya memuat pohon kinerja", PERINGATAN)]
    return []


RULES: list[Callable[[Tables], list[CellIssue]]] = [
    kondisi_shape, kondisi_indicators, levels, redundancy, cross_cutting, operational_budget, composites, owners,
    performance_listed,
]

__all__ = ["RULES", "KESALAHAN", "PERINGATAN"]
