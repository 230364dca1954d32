"""Read the versions of a data package for the update history (Riwayat pembaruan data).

From git when the package lives in a checkout with history: every commit that touched the package
folder (newest first, at most `LIMIT`), with the tables the history compares read at that commit, plus
the working tree when it differs from the last commit. Without git history: the package's own
changelog resource `riwayat`. The step reads files and runs git; comparing is `compute.riwayat`'s job.

Git objects are read with one `git cat-file --batch` per pass, not one process per file, and only the
tables the history compares are loaded.

Git is not trusted with the package: a package arrives by pull request or as a copied folder, and git
runs commands named in a repository's configuration (fsmonitor, hooks, filters, pagers). So git runs
only on the repository that *contains* the package folder, found from the folder's parent upward (a
`.git` inside the package itself is ignored, with a warning from validation), never above it
(`GIT_CEILING_DIRECTORIES`), without system configuration, with every command-running setting of the
commands used here switched off, and only read-only commands (`rev-parse`, `log`, `cat-file`): whether
the working tree differs from the last commit is decided by comparing bytes, not by `git status`, which
would refresh the index and run fsmonitor and clean filters. A repository git refuses as owned by
someone else (`safe.directory`) is not overridden: the history then comes from the changelog.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import posixpath
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from generator.domain.values import row_dicts
from generator.load.csvfile import CONTROL, read_csv_bytes
from generator.load.jsonfile import parse_json
from generator.load.schema import schema_problems
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


# Settings that make the commands below run a program, switched off whatever a repository's config says.
SAFE_CONFIG = ("core.hooksPath=/dev/null", "core.fsmonitor=false", "core.untrackedCache=false", "core.pager=cat",
               "core.sshCommand=false", "core.askPass=", "credential.helper=", "diff.external=", "gpg.program=false",
               "log.showSignature=false", "protocol.allow=never", "core.alternateRefsCommand=", "uploadpack.packObjectsHook=")
# Git never reaches a remote here. An object missing from a repository that says it is a partial clone is
# fetched on demand ("lazy fetch") from its promisor remote, whose URL may be `ext::<command>`: a repository's
# own `protocol.ext.allow=always` overrides `protocol.allow=never`, so a package's repository ran a command
# of its choosing during a build. GIT_ALLOW_PROTOCOL overrides every protocol setting (only the protocol
# named "none", which does not exist, is allowed); GIT_NO_LAZY_FETCH (git 2.45 and later) stops the fetch
# itself. A missing object then reads as missing, and that version is left out of the history.
NO_TRANSPORT = {"GIT_ALLOW_PROTOCOL": "none", "GIT_NO_LAZY_FETCH": "1", "GIT_PROTOCOL_FROM_USER": "0"}
# Variables that would point git at another repository or program.
_UNSAFE_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
               "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_SSH", "GIT_SSH_COMMAND",
               "GIT_ASKPASS", "SSH_ASKPASS", "GIT_EDITOR", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
               "GIT_EXEC_PATH", "GIT_TRACE")


def repository_of(root: Path) -> Path | None:
    """The work tree that contains the package folder `root`: the nearest folder above `root` holding `.git`.
    `root/.git` itself is never it."""
    try:
        start = root.resolve().parent
    except OSError:
        return None
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def nested_git(root: Path) -> bool:
    """Whether the package folder carries its own `.git` (ignored: see the module's docstring)."""
    return (root / ".git").exists()


def _env(top: Path | None) -> dict[str, str]:
    """The environment git runs in: no system or user configuration (the builder's `log.follow` or
    `log.mailmap` would change which versions the page lists), never another repository or program."""
    env = {k: v for k, v in os.environ.items() if k not in _UNSAFE_ENV and not k.startswith("GIT_CONFIG_KEY_")
           and not k.startswith("GIT_CONFIG_VALUE_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0",
               GIT_NO_REPLACE_OBJECTS="1", LC_ALL="C", **NO_TRANSPORT)
    if top is not None:
        env["GIT_CEILING_DIRECTORIES"] = str(top.parent)
    return env


@functools.lru_cache(maxsize=1)
def _trusted() -> tuple[str, ...]:
    """The checkouts the user marked as theirs to read though another user owns them (`safe.directory` in
    their own git configuration): the one setting of it the history keeps, a trust decision git leaves to the
    user (a CI runner's checkout is often owned by another user)."""
    env = {k: v for k, v in _env(None).items() if k != "GIT_CONFIG_GLOBAL"}
    try:
        done = subprocess.run(["git", "config", "--global", "--get-all", "safe.directory"], capture_output=True,
                              timeout=60, env=env, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, ValueError):
        return ()
    return tuple(line for line in done.stdout.decode("utf-8", "replace").splitlines() if line)


def _run(top: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess | None:
    command = ["git", "--no-pager"]
    for setting in SAFE_CONFIG + tuple(f"safe.directory={place}" for place in _trusted()):
        command += ["-c", setting]
    try:
        return subprocess.run([*command, "-C", str(top), *args], input=data, capture_output=True, timeout=120,
                              env=_env(top), stdin=None if data is not None else subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def _git(top: Path, *args: str, data: bytes | None = None) -> bytes | None:
    done = _run(top, *args, data=data)
    return done.stdout if done is not None and done.returncode == 0 else None


def refused(root: Path) -> Path | None:
    """The checkout holding `root` when git refuses to read it (another user owns it and the user has not
    marked it safe): the history would silently fall back to the package's own log."""
    top = repository_of(root)
    done = _run(top, "rev-parse", "--show-toplevel") if top is not None else None
    return top if done is not None and done.returncode != 0 and b"safe.directory" in done.stderr else None


def _batch(top: Path, names: list[str]) -> dict[str, bytes | None]:
    """`rev:path` → blob bytes (None when missing), through a single `git cat-file --batch`."""
    if not names:
        return {}
    out = _git(top, "cat-file", "--batch", data=("\n".join(names) + "\n").encode("utf-8"))
    result: dict[str, bytes | None] = {}
    pos = 0
    for name in names:
        if out is None or pos >= len(out):
            result[name] = None
            continue
        end = out.find(b"\n", pos)
        if end < 0:
            out = None
            result[name] = None
            continue
        header = out[pos:end].decode("utf-8", "replace").split()
        pos = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            result[name] = out[pos:pos + size]
            pos += size + 1
        else:  # "<name> missing"
            result[name] = None
    return result


def _frames(descriptor: dict, blobs: dict[str, bytes | None], prefix: str,
            read: dict | None = None) -> dict[str, pd.DataFrame]:
    """The compared tables of one version, typed by that version's own schemas, each file read in the style
    it was written in. `read`: tables already read for other versions, by what they were read from; most
    commits change one file, so most of a version's tables are the previous version's, and the very same
    frame (which `compute.riwayat.changes` then skips)."""
    read = {} if read is None else read
    frames = {}
    for res in descriptor.get("resources", []):
        name = res.get("name") if isinstance(res, dict) else None
        if name not in COMPARED or not isinstance(res.get("path"), str):
            continue
        schema = res.get("schema")
        if isinstance(schema, str):
            raw = blobs.get(prefix + _norm(schema))
            schema, failure = parse_json(raw) if raw is not None else (None, None)
        data = blobs.get(prefix + _norm(res["path"]))
        if not isinstance(schema, dict) or data is None:
            continue
        key = (name, res["path"], json.dumps(schema, sort_keys=True, default=str), data)
        if key not in read:
            read[key] = _typed(name, res["path"], schema, data)
        if read[key] is not None:
            frames[name] = read[key]
    return frames


def _typed(name: str, path: str, schema: dict, data: bytes) -> pd.DataFrame | None:
    if schema_problems(schema, "", "", name):
        return None
    table, _problems = read_csv_bytes(data, path, [f["name"] for f in schema["fields"]])  # validation reports them
    return None if table is None else typed_frame(table.frame, schema, table.style)


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/"))


def _when(text: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(text.strip())
    return stamp.astimezone(dt.timezone.utc)


def _subject(text: str) -> str:
    """A commit subject as the history shows it: no control characters, no more than 200 characters."""
    text = CONTROL.sub("", text).strip()
    return text if len(text) <= 200 else text[:199] + "…"


def _log(root: Path) -> tuple[Path, str, bytes, bool] | None:
    """The work tree, the package's folder in it, `git log` of the commits that touched it (newest first, at
    most LIMIT + 1) and whether the clone is shallow; None when `root` is not in a checkout with commits for
    it. Everything the history reads from git besides the blobs of these commits, which a commit fixes."""
    top = repository_of(root)
    if top is None:
        return None
    out = _git(top, "rev-parse", "--show-toplevel")
    if not out:
        return None
    try:
        top = Path(out.decode("utf-8").strip()).resolve()
        rel = root.resolve().relative_to(top).as_posix()
    except (ValueError, OSError, UnicodeDecodeError):
        return None
    rel = "" if rel == "." else rel
    log = _git(top, "log", f"-n{LIMIT + 1}", "--no-ext-diff", "--no-textconv", "--format=%H%x1f%cI%x1f%s", "--",
               rel or ".")
    if not log:
        return None
    shallow = (_git(top, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    return top, rel, log, shallow


def git_fingerprint(root: Path) -> str:
    """What the history page takes from git, as one text: a build whose package files and fingerprint are
    those of the last build shows the same history (`publish.unchanged`). The working tree's own bytes are
    the caller's to compare."""
    found = _log(root)
    if found is None:
        return "tanpa-git"
    top, rel, log, shallow = found
    return f"{top}|{rel}|{shallow}|" + log.decode("utf-8", "replace")


def from_git(root: Path, current: Tables, today: dt.datetime | None) -> History | None:
    """The package's versions from git, or None when `root` is not in a checkout with commits for it."""
    found = _log(root)
    if found is None:
        return None
    top, rel, log, shallow = found
    commits = [line.split("\x1f") for line in log.decode("utf-8", "replace").splitlines() if line.count("\x1f") == 2]
    if not commits:
        return None
    prefix = f"{rel}/" if rel else ""
    shown = commits[:LIMIT]
    descriptors = _batch(top, [f"{sha}:{prefix}datapackage.json" for sha, _, _ in shown])
    wanted: list[str] = []
    parsed: dict[str, dict | None] = {}
    for sha, _, _ in shown:
        raw = descriptors.get(f"{sha}:{prefix}datapackage.json")
        d = parse_json(raw)[0] if raw is not None else None
        parsed[sha] = d if isinstance(d, dict) and isinstance(d.get("resources"), list) else None
        for res in (parsed[sha] or {}).get("resources", []):
            if isinstance(res, dict) and res.get("name") in COMPARED:
                for key in ("path", "schema"):
                    if isinstance(res.get(key), str):
                        wanted.append(f"{sha}:{prefix}{_norm(res[key])}")
    blobs = _batch(top, sorted(set(wanted)))
    versions, read = [], {}
    for sha, when, subject in shown:
        try:
            stamp = _when(when)
        except ValueError:
            continue
        version = Version(sha, stamp, _subject(subject))
        if parsed[sha] is None:
            version.catatan = "Berkas datapackage.json pada versi ini tidak dapat dibaca"
        else:
            try:
                version.frames = _frames(parsed[sha], {k.split(":", 1)[1]: v for k, v in blobs.items()
                                                       if k.startswith(sha + ":")}, prefix, read)
            except Exception as exc:  # an old version's data may not fit its schema; say so, keep going
                version.catatan = f"Tabel pada versi ini tidak dapat dibaca ({type(exc).__name__})"
        versions.append(version)
    if not versions:
        return None
    if _changed_since(top, root, prefix, shown[0][0]):
        versions.insert(0, Version("kerja", today or versions[0].tanggal, "Perubahan yang belum di-commit",
                                   {name: current[name] for name in COMPARED if name in current}))
    return History("git", versions, lainnya=max(0, len(commits) - LIMIT), dangkal=shallow)


def _changed_since(top: Path, root: Path, prefix: str, sha: str) -> bool:
    """Whether the package's files on disk differ from the last commit that touched it: the descriptor and
    every file it names, compared byte for byte (no `git status`: see the module's docstring)."""
    package = root.resolve()
    names = {"datapackage.json"}
    raw = (package / "datapackage.json").read_bytes() if (package / "datapackage.json").is_file() else None
    descriptor = parse_json(raw)[0] if raw is not None else None
    for res in (descriptor or {}).get("resources", []) if isinstance(descriptor, dict) else []:
        if isinstance(res, dict):
            for key in ("path", "schema"):
                if isinstance(res.get(key), str):
                    names.add(_norm(res[key]))
    blobs = _batch(top, [f"{sha}:{prefix}{name}" for name in sorted(names)])
    for name in sorted(names):
        path = package / name
        on_disk = path.read_bytes() if path.is_file() else None
        if on_disk != blobs.get(f"{sha}:{prefix}{name}"):
            return True
    return False


def from_changelog(t: Tables) -> History:
    log = t["riwayat"] if "riwayat" in t else pd.DataFrame()
    if not len(log):
        return History("")
    rows = row_dicts(log.sort_values(["tanggal", "_baris"], ascending=[False, False], kind="stable"))
    versions = [Version(str(r["versi"]), dt.datetime(r["tanggal"].year, r["tanggal"].month, r["tanggal"].day,
                                                     tzinfo=dt.timezone.utc),
                        str(r["ringkasan"]), rincian=r["rincian"] if isinstance(r["rincian"], str) else None)
                for r in rows]
    return History("log", versions)


def read_history(root: Path, t: Tables, today: dt.datetime | None) -> History:
    """Git history when there is one, else the package's changelog, else an empty history."""
    return from_git(root, t, today) or from_changelog(t)
