"""What changed between two versions of a data package: targets, realisasi, budget and spending rows and
survey results (every table a published figure comes from), each from → to, for the update history
page and feed. Pure: frames in, rows out.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from generator import fmt
from generator.domain.values import row_dicts

# Per compared table: its key, the columns whose change is reported (the first is the figure itself; a
# change of the printed label alone is reported, but not beside a change of the figure), and how a reader
# names a row. Every table a published figure comes from, so that a version that changed none of them
# can be folded away as "no figure changed".
TABLES = {
    "target": (("indikator", "tahun", "dokumen", "jenis"), ("nilai", "batas_atas", "label"), "Target"),
    "realisasi": (("indikator", "tahun"), ("nilai", "status", "label"), "Realisasi"),
    "anggaran": (("node", "dokumen"), ("pagu", "realisasi"), "Anggaran"),
    "belanja": (("id",), ("pagu", "realisasi"), "Belanja"),
    "survei": (("id",), ("ikm", "responden"), "Survei kepuasan"),
}
KOLOM = {"nilai": "nilai", "batas_atas": "batas atas", "label": "sebagaimana tercetak", "status": "status",
         "pagu": "pagu", "realisasi": "realisasi", "ikm": "IKM", "responden": "responden"}
RUPIAH = ("pagu", "realisasi")


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _same(a, b) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return Decimal(str(a)) == Decimal(str(b))
    return str(a) == str(b)


def show(value, column: str = "") -> str:
    """A value as a reader sees it: Rupiah for budgets, Indonesian decimals, '–' for empty."""
    if _missing(value):
        return "–"
    if column in RUPIAH and isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return fmt.rupiah(value)
    if isinstance(value, (Decimal, float)) and not isinstance(value, bool):
        return fmt.angka(value, None)
    return str(value)


def _records(frame: pd.DataFrame | None, key: tuple[str, ...]) -> dict[tuple, dict]:
    if frame is None or not set(key) <= set(frame.columns):
        return {}
    return {tuple(str(r[k]) for k in key): r for r in row_dicts(frame)}


def _name(table: str, key: tuple, row: dict, names: dict[str, str], docs: dict[str, str]) -> str:
    """The changed row as a reader names it: what it is about, its year, the document it comes from."""
    if table == "target":
        indikator, tahun, dokumen, jenis = key
        end = ", target akhir periode" if jenis == "akhir_periode" else ""
        return f"{names.get(indikator, indikator)} {tahun} ({docs.get(dokumen, dokumen)}{end})"
    if table == "realisasi":
        indikator, tahun = key
        return f"{names.get(indikator, indikator)} {tahun}"
    if table == "anggaran":
        node, dokumen = key
        return f"{names.get(node, node)} ({docs.get(dokumen, dokumen)})"
    if table == "belanja":
        return f"{row.get('uraian') or key[0]} {row.get('tahun') or ''}".strip()
    return f"{row.get('layanan') or key[0]} {row.get('tahun') or ''}".strip()


def changes(old: dict[str, pd.DataFrame] | None, new: dict[str, pd.DataFrame],
            docs: dict[str, str] | None = None) -> list[dict]:
    """Rows added, removed or changed between two versions (`old` None: the first version, nothing to
    compare). Columns a version's schema lacks are not compared. `docs`: document titles by id."""
    if old is None:
        return []
    docs = docs or {}
    names: dict[str, str] = {}
    for version in (old, new):
        for table, col in (("indikator", "nama"), ("node", "nama")):
            frame = version.get(table)
            if frame is not None and {"id", col} <= set(frame.columns):
                names.update({str(k): str(v) for k, v in zip(frame["id"], frame[col])})
    out = []
    for table, (key, columns, label) in TABLES.items():
        if old.get(table) is not None and old.get(table) is new.get(table):
            continue  # one frame read for both versions (load.history): the same bytes, nothing changed
        before, after = _records(old.get(table), key), _records(new.get(table), key)
        if (old.get(table) is None) != (new.get(table) is None):
            continue  # a table added or dropped as a whole is a change of package layout, not of figures
        shared = [c for c in columns if old.get(table) is not None and c in old[table] and c in new[table]]
        for k in sorted(set(before) | set(after)):
            what = _name(table, k, after.get(k) or before.get(k), names, docs)
            if k not in before:
                value = after[k].get(columns[0])
                out.append({"tabel": table, "data": label, "objek": what, "perubahan": "ditambah", "kolom": KOLOM[columns[0]],
                            "kode_kolom": columns[0], "dari": "–", "ke": show(value, columns[0])})
            elif k not in after:
                value = before[k].get(columns[0])
                out.append({"tabel": table, "data": label, "objek": what, "perubahan": "dihapus", "kolom": KOLOM[columns[0]],
                            "kode_kolom": columns[0], "dari": show(value, columns[0]), "ke": "–"})
            else:
                changed = [c for c in shared if not _same(before[k].get(c), after[k].get(c))]
                if "label" in changed and columns[0] in changed:
                    changed.remove("label")  # the printed form follows the figure
                for c in changed:
                    out.append({"tabel": table, "data": label, "objek": what, "perubahan": "diubah", "kolom": KOLOM[c],
                                "kode_kolom": c, "dari": show(before[k].get(c), c), "ke": show(after[k].get(c), c)})
    return out


def count_words(rows: list[dict]) -> str:
    """'19 target ditambah; 2 realisasi dan 1 baris anggaran berubah', or that no published figure changed:
    rows added, changed and removed said apart (a year's new targets read "19 target berubah")."""
    groups = []
    for change, said in (("ditambah", "ditambah"), ("diubah", "berubah"), ("dihapus", "dihapus")):
        parts = []
        for table, word in (("target", "target"), ("realisasi", "realisasi"), ("anggaran", "baris anggaran"),
                            ("belanja", "baris belanja"), ("survei", "hasil survei")):
            n = len({r["objek"] for r in rows if r["tabel"] == table and r["perubahan"] == change})
            if n:
                parts.append(f"{n} {word}")
        if parts:
            groups.append(f"{fmt.daftar(parts)} {said}")
    if not groups:
        return "Tidak ada angka yang berubah"
    return "; ".join(groups)
