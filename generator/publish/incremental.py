"""Rebuild a portal after a small change without running MkDocs over every page.

A full MkDocs build of a 33-OPD portal takes ~20 s, almost all of it spent converting and indexing
pages that did not change. When the previous site was built from the same navigation, configuration,
theme and generator (recorded in the workspace cache, `mkdocs.json`), MkDocs runs in its `dirty` mode
into an empty folder in which every page and file whose previous output is still good is a hard link to
that output (`Reuse`; the folders of members whose key the previous site was made from are linked whole
by `cp -al` while MkDocs runs: `kept_sections`, `Linker`). MkDocs renders the pages whose Markdown the
generator rewrote because their bytes changed, copies the files that changed, and writes the site-wide
files (sitemap, 404); it never writes to a linked file, so the previous site stays intact until the swap.
The search index, which a dirty build writes for the rebuilt pages only, is merged with the previous one
in page order. The result is byte-identical to a full build (tested); when in doubt, a full build is
made. A single package is one changed folder, the site's root (`ROOT`).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import subprocess
from pathlib import Path

from generator import cache
from generator.publish import manifest

STATE = "mkdocs.json"
SEARCH = "search/search_index.json"
ROOT = ""  # as a changed folder: the whole site (a single package, whose pages are all its own)


def state_key(config: Path, theme: Path | None, nav, extra: dict, site_url: str | None, features: tuple[str, ...],
              docs: Path | None = None, site_name: str = "", epoch: int = 0) -> str:
    """What every page's HTML depends on besides its own Markdown (the site's name is in every header; the
    data's date is the build date MkDocs gives the templates), and the set of pages (`docs`): a page
    added or removed outside the navigation changes the search index beyond the rebuilt pages."""
    digest = hashlib.sha256(f"{cache.code_key()}|{site_url}|{features}|{site_name}|{epoch}".encode("utf-8"))
    digest.update(json.dumps([nav, extra], sort_keys=True, ensure_ascii=False).encode("utf-8"))
    if docs is not None:
        digest.update("\n".join(sorted(_markdown_names(docs))).encode("utf-8"))
    digest.update(config.read_bytes())
    # a theme used as installed (no custom_dir) is in the code key, by its distribution's version
    files = sorted(p for p in theme.rglob("*") if p.is_file()) if theme is not None else []
    for path in files:
        digest.update(path.relative_to(theme).as_posix().encode("utf-8") + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _markdown_names(docs: Path) -> list[str]:
    """The relative paths under `docs` that end in .md, as `docs.rglob("*.md")` finds them, with one directory
    listing per folder and no Path per file (~2.800 pages on a 33-OPD portal)."""
    names = []
    for top, dirs, files in os.walk(docs, followlinks=True):
        rel = os.path.relpath(top, docs)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        names.extend(prefix + name for name in (*dirs, *files) if name.endswith(".md"))
    return names


def _site_stamp(out: Path) -> str | None:
    manifest = out / "data" / "manifest.json"
    return hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else None


def usable(folder: Path, out: Path, key: str) -> bool:
    """The previous site in `out` came from a build with this key, and is intact (a state this user's tool
    wrote: `cache.read_json`)."""
    state = cache.read_json(folder / STATE)
    return state.get("kunci") == key and (out / SEARCH).is_file() and state.get("situs") == _site_stamp(out)


def usable_soon(folder: Path) -> bool:
    """Whether the next MkDocs run may rebuild only what changed: a build recorded its state here (`usable`
    then tells for sure, once the navigation is known). Known before the pages are made, for work worth
    starting early only when every page will be rendered (`mkdocs.warm_up`)."""
    return bool(cache.read_json(folder / STATE).get("kunci"))


def remember(folder: Path, out: Path, key: str, sections: dict[str, str] | None = None) -> None:
    """The site now in `out` came from a build with this key; `sections`: its members' folders and the
    cache key each was made from (`workspace.write_sources`)."""
    cache.write_json(folder / STATE, {"kunci": key, "situs": _site_stamp(out),
                                      "bagian": dict(sorted((sections or {}).items()))})


def kept_sections(folder: Path, sections: dict[str, str]) -> set[str]:
    """The member folders (names, no slash) whose key is the one the previous site's was made from: their
    Markdown and their output are exactly the previous build's, so MkDocs need not look at them and their
    output can be shared with the previous site as it is (`Linker`, `Reuse`)."""
    recorded = cache.read_json(folder / STATE).get("bagian")
    if not isinstance(recorded, dict):
        return set()
    return {prefix.strip("/") for prefix, key in sections.items() if recorded.get(prefix) == key and prefix.strip("/")}


def forget(folder: Path) -> None:
    (folder / STATE).unlink(missing_ok=True)


class Reuse:
    """A plugin for MkDocs' dirty mode into an empty folder: a page or file whose output in the
    previous site is still good is hard-linked from there, and MkDocs neither renders nor copies it.

    Still good means what MkDocs' own dirty mode means (its source is not newer than its output), plus not
    touched since the previous site's manifest was written (a page edited by hand in the published site
    is made again); what else a page's HTML depends on (navigation, configuration, theme, the set of
    pages) is in the state key, without which there is no dirty build. MkDocs never writes to a linked
    file, so the previous site stays as it was until the swap. The files under `kept` folders
    (`kept_sections`, linked by a `Linker`) are not even looked at. On the default package this replaces
    copying ~400 files (theme assets, charts, downloads) and 84 pages on every rebuild."""

    def __init__(self, previous: Path, kept: set[str] = frozenset()):
        self.previous = str(previous)
        self.kept = tuple(f"{name}/" for name in sorted(kept))
        self.written = manifest.written_at(previous)

    def on_files(self, files, config):
        made: set[str] = set()
        for f in files:
            if self.kept and f.src_uri.startswith(self.kept):
                f.is_modified = _never
            elif self.written and f.abs_src_path and self._link(f, made):
                f.is_modified = _never
        return files

    def _link(self, f, made: set[str]) -> bool:
        old = os.path.join(self.previous, f.dest_uri)
        try:
            before, source = os.stat(old, follow_symlinks=False), os.stat(f.abs_src_path)
        except OSError:
            return False
        if not stat.S_ISREG(before.st_mode) or before.st_mtime_ns >= self.written or source.st_mtime > before.st_mtime:
            return False
        folder = os.path.dirname(f.abs_dest_path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(old, f.abs_dest_path)
        except OSError:  # already there (a linked member folder), or no link possible: MkDocs decides
            return False
        return True


def _never() -> bool:
    return False


class Linker:
    """The previous site's `names` folders hard-linked into `tmp` by `cp -al`, a process of its own, while
    this one runs MkDocs (which leaves them alone: `Reuse`). ~12.000 links on a 33-OPD portal, ~0,5 s
    the build no longer waits for. Where `cp` cannot do it, `finish` links them here. A build that stops
    ends the process first (`stop`), so nothing writes into a folder being discarded. A folder is taken
    whole, as the previous site has it: a file edited by hand in a published member folder whose data did
    not change stays edited until that member changes."""

    def __init__(self, previous: Path, tmp: Path, names: set[str]):
        self.previous, self.tmp = previous, tmp
        self.names = sorted(n for n in names if (previous / n).is_dir() and not (previous / n).is_symlink())
        self.process = None
        if self.names:
            try:
                self.process = subprocess.Popen(["cp", "-al", "--", *(str(previous / n) for n in self.names), str(tmp)],
                                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)
            except OSError:
                self.process = None

    def finish(self) -> None:
        linked = self.process is not None and self.process.wait() == 0
        if not linked:
            for name in self.names:
                shutil.rmtree(self.tmp / name, ignore_errors=True)
                shutil.copytree(self.previous / name, self.tmp / name, copy_function=os.link, symlinks=True)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def merge_search(previous: bytes, rebuilt: bytes) -> str:
    """The full index: for each page in the previous (full) order, its rebuilt entries if it was rebuilt,
    else its previous ones. The page set is the same (same navigation), so the order is a full build's.

    The previous index (~20 MB on a 33-OPD portal) is not parsed: its entries are cut from its text as
    they stand (`_entries`), and only the rebuilt pages' entries are written anew. An index not laid
    out as `_search_json` writes one is merged by parsing it (`merge_search_parsed`), to the same result."""
    new = json.loads(rebuilt)
    try:
        text = previous.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    entries = _entries(text, new["config"])
    if entries is None:
        return merge_search_parsed(previous, rebuilt)
    fresh = _by_page(new["docs"])
    docs, done, run = [], set(), None  # run: where the current stretch of kept entries begins
    for location, start, end in entries:
        key = _page(location)
        if key in fresh:
            if run is not None:
                docs.append(text[run[0]:run[1]])
                run = None
            if key not in done:
                docs.extend(_compact(e) for e in fresh[key])
                done.add(key)
        else:
            run = (start, end) if run is None else (run[0], end)
    if run is not None:
        docs.append(text[run[0]:run[1]])
    docs.extend(_compact(e) for key, items in fresh.items() if key not in done for e in items)
    return '{"config":' + _compact(new["config"]) + ',"docs":[' + ",".join(docs) + "]}"


def merge_search_parsed(previous: bytes, rebuilt: bytes) -> str:
    """`merge_search` by parsing both indexes whole."""
    old, new = json.loads(previous), json.loads(rebuilt)
    fresh = _by_page(new["docs"])
    docs, done = [], set()
    for entry in old["docs"]:
        key = _page(entry["location"])
        if key in fresh:
            if key not in done:
                docs.extend(fresh[key])
                done.add(key)
        else:
            docs.append(entry)
    docs.extend(e for key, entries in fresh.items() if key not in done for e in entries)
    return _search_json(new["config"], docs)


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def _by_page(entries: list[dict]) -> dict[str, list[dict]]:
    """A rebuilt index's entries by the page they belong to, in their order."""
    pages: dict[str, list[dict]] = {}
    for entry in entries:
        pages.setdefault(_page(entry["location"]), []).append(entry)
    return pages


_ENTRY = '{"location":"'


def _entries(text: str, config) -> list[tuple[str, int, int]] | None:
    """Each entry of an index written by `_search_json` with this `config`: (location, start, end) of its
    text. A JSON string holds no bare quote, so `{"location":"` occurs in the text only where an entry
    (whose first key `location` is) begins; each boundary found is checked, and an index laid out in any
    other way gives None."""
    head = '{"config":' + _compact(config) + ',"docs":['
    if not text.startswith(head) or not text.endswith("]}"):
        return None
    end_of_docs = len(text) - 2
    if end_of_docs == len(head):
        return []
    starts = []
    at = text.find(_ENTRY, len(head))
    while at != -1:
        starts.append(at)
        at = text.find(_ENTRY, at + len(_ENTRY))
    if not starts or starts[0] != len(head):
        return None
    found = []
    for n, start in enumerate(starts):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else end_of_docs
        if text[end] != "," and end != end_of_docs:
            return None
        try:
            location, _ = json.decoder.scanstring(text, start + len(_ENTRY))
        except ValueError:
            return None
        found.append((location, start, end))
    return found


def _compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


def join_search(parts: list[bytes]) -> str:
    """One index from the indexes of a sharded build's parts (publish.mkdocs), each a run of pages in order."""
    loaded = [json.loads(part) for part in parts]
    return _search_json(loaded[0]["config"], [entry for index in loaded for entry in index["docs"]])


def _search_json(config: dict, docs: list) -> str:
    """As Material's search plugin writes its index, so a merged index is byte-identical to a whole one."""
    return _compact({"config": config, "docs": docs})


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may be inaccurate; here the conditions make it exact, and the
    warning would stop a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def quiet_dirty_notice():
    logger = logging.getLogger("mkdocs.commands.build")
    notice = _DirtyNotice()
    logger.addFilter(notice)
    return lambda: logger.removeFilter(notice)
