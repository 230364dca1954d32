"""Read the versions of a data package for the update history (Riwayat pembaruan data).

From git when the package lives in a checkout with history: every commit that touched the package
folder (newest first, at most `LIMIT`), with the tables the history compares read at that commit, plus
the working tree when it differs from the last commit. Without git history: the package's own
changelog resource `riwayat`. The step reads files and runs git; comparing is `compute.riwayat`'s job.

Git objects are read with one `git cat-file --batch` per pass, not one process per file, and only the
tables the history compares are loaded.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from generator.load.tables import Tables, typed_frame

LIMIT = 30  # versions shown; older ones are summarised by a count
COMPARED = ("indikator", "node", "target", "realisasi", "anggaran", "belanja", "survei")  # compute.riwayat.TABLES + names


@dataclass
class Version:
    id: str  # commit sha, "kerja" for uncommitted changes, or the changelog's versi
    tanggal: dt.datetime
    ringkasan: str
    frames: dict[str, pd.DataFrame] | None = None  # the compared tables at this version (git only)
    rincian: str | None = None  # changelog text (changelog only)
    catatan: str | None = None  # why this version could not be read, if it could not


@dataclass
class History:
    asal: str  # "git", "log" (the package's riwayat resource) or "" (none)
    versions: list[Version] = field(default_factory=list)
    lainnya: int = 0  # older versions not listed
    dangkal: bool = False  # a shallow clone: older history is missing


def _git(top: Path, *args: str, data: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(top), *args], input=data, capture_output=True, check=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def _batch(top: Path, names: list[str]) -> dict[str, bytes | None]:
    """`rev:path` → blob bytes (None when missing), through a single `git cat-file --batch`."""
    if not names:
        return {}
    out = _git(top, "cat-file", "--batch", data=("\n".join(names) + "\n").encode("utf-8"))
    result: dict[str, bytes | None] = {}
    pos = 0
    for name in names:
        if out is None:
            result[name] = None
            continue
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("utf-8", "replace").split()
        pos = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            result[name] = out[pos:pos + size]
            pos += size + 1
        else:  # "<name> missing"
            result[name] = None
    return result


def _frames(descriptor: dict, blobs: dict[str, bytes | None], prefix: str) -> dict[str, pd.DataFrame]:
    """The compared tables of one version, typed by that version's own schemas."""
    frames = {}
    for res in descriptor.get("resources", []):
        name = res.get("name") if isinstance(res, dict) else None
        if name not in COMPARED or not isinstance(res.get("path"), str):
            continue
        schema = res.get("schema")
        if isinstance(schema, str):
            raw = blobs.get(prefix + _norm(schema))
            schema = json.loads(raw.decode("utf-8-sig")) if raw is not None else None
        data = blobs.get(prefix + _norm(res["path"]))
        if not isinstance(schema, dict) or data is None:
            continue
        dialect = res.get("dialect") or {}
        delimiter = dialect.get("delimiter", ",") if isinstance(dialect, dict) else ","
        text = pd.read_csv(io.BytesIO(data), sep=delimiter, dtype=str, keep_default_na=False, na_filter=False,
                           encoding="utf-8-sig")
        frames[name] = typed_frame(text, schema)
    return frames


def _norm(path: str) -> str:
    return str(PurePosixPath(path.replace("\\", "/"))).removeprefix("./")


def _when(text: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(text.strip())
    return stamp.astimezone(dt.timezone.utc)


def from_git(root: Path, current: Tables, today: dt.datetime | None) -> History | None:
    """The package's versions from git, or None when `root` is not in a checkout with commits for it."""
    out = _git(root, "rev-parse", "--show-toplevel")
    if not out:
        return None
    top = Path(out.decode("utf-8").strip())
    try:
        rel = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None
    rel = "" if rel == "." else rel
    log = _git(top, "log", f"-n{LIMIT + 1}", "--format=%H%x1f%cI%x1f%s", "--", rel or ".")
    if not log:
        return None
    commits = [line.split("\x1f") for line in log.decode("utf-8", "replace").splitlines() if line.count("\x1f") == 2]
    if not commits:
        return None
    shallow = (_git(top, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    prefix = f"{rel}/" if rel else ""
    shown = commits[:LIMIT]
    descriptors = _batch(top, [f"{sha}:{prefix}datapackage.json" for sha, _, _ in shown])
    wanted: list[str] = []
    parsed: dict[str, dict | None] = {}
    for sha, _, _ in shown:
        raw = descriptors.get(f"{sha}:{prefix}datapackage.json")
        try:
            d = json.loads(raw.decode("utf-8-sig")) if raw is not None else None
        except (ValueError, UnicodeDecodeError):
            d = None
        parsed[sha] = d if isinstance(d, dict) else None
        for res in (parsed[sha] or {}).get("resources", []):
            if isinstance(res, dict) and res.get("name") in COMPARED:
                for key in ("path", "schema"):
                    if isinstance(res.get(key), str):
                        wanted.append(f"{sha}:{prefix}{_norm(res[key])}")
    blobs = _batch(top, sorted(set(wanted)))
    versions = []
    for sha, when, subject in shown:
        version = Version(sha, _when(when), subject)
        if parsed[sha] is None:
            version.catatan = "Berkas datapackage.json pada versi ini tidak dapat dibaca"
        else:
            try:
                version.frames = _frames(parsed[sha], {k.split(":", 1)[1]: v for k, v in blobs.items()
                                                       if k.startswith(sha + ":")}, prefix)
            except Exception as exc:  # an old version's data may not fit its schema; say so, keep going
                version.catatan = f"Tabel pada versi ini tidak dapat dibaca ({type(exc).__name__})"
        versions.append(version)
    status = _git(top, "status", "--porcelain", "--", rel or ".")
    if status and status.strip():
        versions.insert(0, Version("kerja", today or versions[0].tanggal, "Perubahan yang belum di-commit",
                                   {name: current[name] for name in COMPARED if name in current}))
    return History("git", versions, lainnya=max(0, len(commits) - LIMIT), dangkal=shallow)


def from_changelog(t: Tables) -> History:
    log = t["riwayat"] if "riwayat" in t else pd.DataFrame()
    if not len(log):
        return History("")
    rows = log.sort_values(["tanggal", "_baris"], ascending=[False, False], kind="stable").to_dict("records")
    versions = [Version(str(r["versi"]), dt.datetime(r["tanggal"].year, r["tanggal"].month, r["tanggal"].day,
                                                     tzinfo=dt.timezone.utc),
                        str(r["ringkasan"]), rincian=r["rincian"] if isinstance(r["rincian"], str) else None)
                for r in rows]
    return History("log", versions)


def read_history(root: Path, t: Tables, today: dt.datetime | None) -> History:
    """Git history when there is one, else the package's changelog, else an empty history."""
    return from_git(root, t, today) or from_changelog(t)
