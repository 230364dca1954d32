"""Structural checks of each table file: it can be read (`load.csvfile`: exists, UTF-8, header, rows) and every
cell satisfies its Table Schema field (`validate.cells`: types, constraints, keys), each problem one line in
Bahasa Indonesia at the spreadsheet row and column of the cell.
"""
from __future__ import annotations

import hashlib
import json
import os
import shlex
import threading

from pathlib import Path

from generator import contract
from generator.cache import code_key, file_digest
from generator.load import PackageSpec
from generator.load.csvfile import RawTable, read_csv_file
from generator.problems import PERINGATAN, Problem
from generator.validate.cells import check_table


def check_structure(pkg: PackageSpec, checked: dict[str, str] | None = None,
                    raws: dict[str, RawTable | None] | None = None) -> list[Problem]:
    """All file-level and cell-level problems of the package's tables.

    `checked` (resource name → key) lists the tables that passed last time, keyed by `check_key`; a table
    whose key is unchanged skips the cell checks (its file is still read: the build needs it), as does a table
    whose key passed earlier in this process (`_PASSED`). The dict is updated with the keys of the tables that
    pass now; callers keep it only when the whole package is valid.
    `raws`, when given, receives each table as read (None when unreadable), for `load.load_tables`."""
    problems: list[Problem] = undeclared(pkg)
    raws = {} if raws is None else raws
    healthy: list[str] = []
    for name, spec in pkg.resources.items():
        raw, found = read_csv_file(spec.path, spec.display, [f["name"] for f in spec.fields])
        raws[name] = raw
        if raw is not None:
            spec.header = raw.header
        problems.extend(found)
        if raw is not None:  # read, perhaps with warnings (blank rows, empty untitled columns left out)
            healthy.append(name)
    keys = {name: _key(pkg, name) for name in healthy}
    known = checked or {}
    todo = [n for n in healthy if keys[n] is None or (known.get(n) != keys[n] and keys[n] not in _PASSED)]
    # A table another changed table refers to is checked too: its keys may be what changed.
    targets = {fk["reference"].get("resource") for n in todo for fk in pkg.resources[n].schema.get("foreignKeys", [])}
    todo = [n for n in healthy if n in todo or n in targets]
    found = _cells(pkg, todo, raws)
    problems.extend(found)
    bad = {p.file for p in problems}
    for name in healthy:
        if keys[name] is None:
            continue
        if name in todo:  # checked now: kept only without any problem
            if pkg.resources[name].display in bad:
                continue
            _passed(keys[name])
        if checked is not None:  # checked now, or passed before (this build's cache or this process)
            checked[name] = keys[name]
    return problems


# The keys of the tables whose cell checks passed in this process, oldest first: a long-lived process (`kinerja
# serve`, a notebook, the test suite) does not check the same table twice, wherever its copy lives. Same key and
# same rule as the build's own cache (`checked`): a table is kept only with no problem at all, warnings included,
# so skipping it drops nothing a reader would see. Bounded: a process validating a whole nation forgets the oldest.
_PASSED: dict[str, None] = {}
PASSED_LIMIT = 20_000
_PASSED_LOCK = threading.Lock()  # builds in threads of one process (serve) share it


def _new_lock() -> None:
    """In a child made by fork: a lock a parent's thread held at the fork would never be released here."""
    global _PASSED_LOCK
    _PASSED_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_new_lock)


def _passed(key: str) -> None:
    with _PASSED_LOCK:
        _PASSED[key] = None
        while len(_PASSED) > PASSED_LIMIT:
            del _PASSED[next(iter(_PASSED))]


def forget_passed() -> None:
    """Check every table again from now on (tests that count which tables are checked)."""
    with _PASSED_LOCK:
        _PASSED.clear()


def undeclared(pkg: PackageSpec) -> list[Problem]:
    """A table file in `data/` that `datapackage.json` does not list is never read: said, so that an operator who
    adds `data/realisasi_triwulan.csv` (as the yearly cycle asks) is not shown "Paket data sah" and a site
    without the figures they entered. A file named after a table this tool knows gets the entry to add."""
    listed = {spec.path.resolve() for spec in pkg.resources.values()}
    out = []
    for path in sorted((pkg.root / "data").glob("*.csv")):
        name = path.stem
        display = str(Path(pkg.display_root) / "data" / path.name)
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a link to itself (a loop): it reads as nothing
            out.append(Problem(display, 1, 1, "berkas ini tautan simbolik yang berputar (menunjuk ke dirinya sendiri) dan "
                                              "tidak dapat dibaca; hapus tautan itu", PERINGATAN))
            continue
        if real in listed:
            continue
        if name in contract.RESOURCES:
            message = (f'tabel "{name}" ini tidak dibaca karena datapackage.json tidak menyebutnya: jalankan kinerja '
                       f"tabel {shlex.quote(pkg.display_root)} {name} (berkas ini dipakai apa adanya, skemanya disalin "
                       "dan datapackage.json diperbarui)")
        else:
            message = ("berkas ini tidak dibaca karena datapackage.json tidak menyebutnya di \"resources\" "
                       "(dan namanya bukan tabel yang dikenal portal)")
        out.append(Problem(display, 1, 1, message, PERINGATAN))
    return out


def _cells(pkg: PackageSpec, names: list[str], raws: dict[str, RawTable | None]) -> list[Problem]:
    """The cell checks of the tables `names` (the others are unchanged since they last passed)."""
    problems = []
    for name in names:
        problems.extend(check_table(pkg.resources[name], raws[name], raws, pkg))
    return problems


def _key(pkg: PackageSpec, name: str) -> str | None:
    """`check_key`, or None when a file changed under the build after it was read (the table is checked)."""
    try:
        return check_key(pkg, name)
    except OSError:
        return None


def check_key(pkg: PackageSpec, name: str) -> str:
    """sha256 of a table's bytes, its schema and the bytes of the tables its foreign keys point at."""
    spec = pkg.resources[name]
    digest = hashlib.sha256(code_key().encode("utf-8"))
    digest.update(json.dumps(spec.schema, sort_keys=True).encode("utf-8"))
    digest.update(file_digest(spec.path))
    for fk in spec.schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or name
        if target in pkg.resources and target != name:
            try:
                digest.update(target.encode("utf-8") + file_digest(pkg.resources[target].path))
            except OSError:  # a table missing or unreadable: reported where it was read, not here
                digest.update(target.encode("utf-8") + b"\0tidak terbaca")
    return digest.hexdigest()
