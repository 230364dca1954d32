"""Caches that cannot go stale: after an edit to the generator's templates, a page module or the theme, the
next catalog build (member cache, incremental MkDocs) gives exactly what a clean build gives.

The generator is copied into a temporary tree and run from there in a subprocess (PYTHONPATH wins over the
editable install), so the test edits a copy, never the repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, tree_hashes
from generator.render import kept

EDITS = {
    "template": ("generator/render/templates/sasaran.md.j2", "{% include \"_sintetis.md.j2\" %}\n",
                 "{% include \"_sintetis.md.j2\" %}\nKalimat baru dari templat yang diubah.\n", "Kalimat baru dari templat"),
    "page module": ("generator/render/words.py", '"final": "final",', '"final": "final (diubah)",', "final (diubah)"),
    "theme": ("theme/main.html", "<strong>Data sintetis.</strong>", "<strong>Data sintetis (tema diubah).</strong>",
              "Data sintetis (tema diubah)"),
}


def _kinerja(tree: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the generator, theme and configuration, with a synthetic 1-OPD kabupaten (a catalog: the member
    cache and the incremental MkDocs run are in play; one member keeps the five builds short)."""
    root = tmp_path_factory.mktemp("pohon-kode")
    for name in ("generator", "theme", "site_src"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    done = _kinerja(root, "contoh", "--opd", "1", "--tahun", "2025-2025", "--responden", "20", "--seed", "3",
                    "--out", "kabupaten")
    assert done.returncode == 0, done.stderr
    return root


def test_edits_to_the_generator_reach_the_next_build_as_a_clean_build_would(tree):
    """Build, then edit a template, a page module and the theme in turn, rebuilding after each (member cache
    and incremental MkDocs in play): every edit shows at once, and the result equals a clean build."""
    first = _kinerja(tree, "build", "--data", "kabupaten", "--out", "site")
    assert first.returncode == 0, first.stderr
    for kind, (path, old, new, marker) in EDITS.items():
        text = (tree / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        (tree / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        again = _kinerja(tree, "build", "--data", "kabupaten", "--out", "site")
        assert again.returncode == 0, again.stderr
        published = "".join(p.read_text(encoding="utf-8") for p in (tree / "site").rglob("*.html"))
        assert marker in published, f"the {kind} edit did not reach the site"
    clean = _kinerja(tree, "build", "--data", "kabupaten", "--out", "bersih")
    assert clean.returncode == 0, clean.stderr
    assert tree_hashes(tree / "site") == tree_hashes(tree / "bersih")


def test_a_second_build_makes_no_template_image_workbook_or_document_again(default_site, tmp_path, monkeypatch):
    """A single package's build keeps, in its workspace, the compiled templates (the generator's pages and
    MkDocs' theme: Jinja2's bytecode cache), the charts' static images, the workbooks and the Typst
    documents and the charts themselves (render/kept.py). A second build of the same data by a new process
    (the in-process caches emptied here) compiles no template, builds no chart through Altair and calls
    neither vl-convert nor openpyxl nor Typst, and its site is the first build's, and the shared default
    site's, byte for byte."""
    import jinja2

    from conftest import DATAPACKAGE
    from generator import cache

    monkeypatch.delenv(kept.SHARED, raising=False)  # the workspace's own store, alone
    from generator.publish import build_site, incremental, unchanged
    from generator.render import charts, drawer, typeset, unduhan
    from generator.render.environment import environment

    out = tmp_path / "portal"
    build_site(DATAPACKAGE, out, ROOT / "mkdocs.yml", ROOT / "site_src")
    suffixes = sorted(p.suffix for p in (tmp_path / ".kinerja" / "portal" / "cache" / "render").iterdir())
    assert {".svg", ".xlsx", ".pdf", ".png"} <= set(suffixes)
    compiled = sorted((tmp_path / ".kinerja" / "portal" / "cache" / "jinja").rglob("*.jinja"))
    assert len(compiled) > 50  # Material's base and partials, the theme's overrides, the generator's pages
    first = tree_hashes(out)
    for memory in (typeset._compiled, environment):
        memory.cache_clear()
    charts._DRAWN.clear()
    cache._COMPILED.clear()
    incremental.forget(tmp_path / ".kinerja" / "portal" / "cache")  # MkDocs renders every page again
    unchanged.forget(tmp_path / ".kinerja" / "portal" / "cache")  # and the build runs: not "nothing changed"

    def refused(*args, **kwargs):
        raise AssertionError("made again, not taken from the workspace")
    for owner, name in ((typeset, "_compiled"), (charts, "_drawn"), (drawer, "send"), (unduhan, "workbook"),
                        (jinja2.Environment, "compile"), (charts, "unchecked")):  # unchecked: a chart being built
        monkeypatch.setattr(owner, name, refused)
    assert not build_site(DATAPACKAGE, out, ROOT / "mkdocs.yml", ROOT / "site_src").untouched
    assert tree_hashes(out) == first == tree_hashes(default_site.site)
    monkeypatch.undo()
    assert sorted(p.suffix for p in (tmp_path / ".kinerja" / "portal" / "cache" / "render").iterdir()) == suffixes


class _Touch:
    """A pickle that, loaded, creates a file: what a planted cache entry would run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_workspace_brought_with_the_data_is_never_run_published_or_obeyed(default_site, tmp_path, monkeypatch):
    """A repository that commits (or a pull request that plants) `.kinerja/` beside the output: its compiled
    templates and pickles were run as they were read, its images and documents published, and its record of
    generated pages named files to delete. Every entry now carries an HMAC made with this user's own key
    (`cache.seal`), kept in their cache folder: entries from anywhere else are ignored, and the build is
    the clean one."""
    import pickle

    import jinja2

    from conftest import DATAPACKAGE
    from generator import cache
    from generator.publish import build_site
    from generator.render import charts, typeset
    from generator.render.environment import environment

    monkeypatch.delenv(kept.SHARED, raising=False)
    out = tmp_path / "portal"
    build_site(DATAPACKAGE, out, ROOT / "mkdocs.yml", ROOT / "site_src")
    first = tree_hashes(out)
    marker, victim = tmp_path / "DIJALANKAN", tmp_path / "milik-pengguna.txt"
    victim.write_text("jangan dihapus", encoding="utf-8")
    evil = pickle.dumps(_Touch(marker))
    workspace = tmp_path / ".kinerja" / "portal"
    planted = 0
    for entry in sorted(p for p in workspace.rglob("*") if p.is_file()):
        if entry.name == ".generated.json":
            entry.write_text('{"berkas": ["../../../milik-pengguna.txt"], "bagian": {}}', encoding="utf-8")
        elif entry.suffix in (".jinja", ".cache"):
            entry.write_bytes(jinja2.bccache.bc_magic + evil)
        elif entry.suffix == ".svg":
            entry.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
        elif entry.suffix == ".json":
            entry.write_text('{"kunci": "x", "paket": {}}', encoding="utf-8")
        else:
            entry.write_bytes(evil)
        planted += 1
    assert planted > 100
    for memory in (typeset._compiled, environment):
        memory.cache_clear()
    charts._DRAWN.clear()
    cache._COMPILED.clear()
    (out / "index.html").write_text("tanda: situs ini harus dibangun ulang", encoding="utf-8")
    build_site(DATAPACKAGE, out, ROOT / "mkdocs.yml", ROOT / "site_src")
    assert not marker.exists() and victim.read_text(encoding="utf-8") == "jangan dihapus"
    assert tree_hashes(out) == first == tree_hashes(default_site.site)


def test_an_edited_catalog_member_makes_again_only_the_workbooks_its_edit_changed(tmp_path, monkeypatch):
    """A catalog's members keep their render results too, each in its own folder of the workspace. After one
    member's realisasi changes, only that member runs again, it makes again only the workbooks of the tables
    the edit reaches (not all of them), and its pages and files are a clean build's, byte for byte."""
    from generator.publish import prepare
    from generator.publish.workspace import Workspace
    from generator.render import unduhan
    from generator.synthetic import generate

    monkeypatch.delenv(kept.SHARED, raising=False)  # the workspace's own store, alone
    ids = generate(tmp_path / "kab", 2, [2024, 2025], 60, seed=7, berjalan=0)
    ws = Workspace(tmp_path / "ruang")
    prepare(tmp_path / "kab", ws, parallel=False)
    for member in ids:
        assert any(p.suffix == ".xlsx" for p in (ws.cache / "render" / member).iterdir())
    realisasi = tmp_path / "kab" / ids[0] / "data" / "realisasi.csv"
    lines = realisasi.read_text(encoding="utf-8").splitlines(keepends=True)
    row = lines[1].split(",")
    row[2] = str(round(float(row[2]) + 1.5, 2))
    realisasi.write_text(lines[0] + ",".join(row) + "".join(lines[2:]), encoding="utf-8")

    made, workbook = [], unduhan.workbook
    monkeypatch.setattr(unduhan, "workbook", lambda name, *a: made.append(name) or workbook(name, *a))
    again = prepare(tmp_path / "kab", ws, parallel=False)
    monkeypatch.undo()
    assert again.changed == [f"{ids[0]}/"]
    assert "capaian" in made and 0 < len(made) < len(unduhan.TABLES)
    clean = prepare(tmp_path / "kab", Workspace(tmp_path / "bersih"), parallel=False)
    assert again.site.pages == clean.site.pages and again.site.files == clean.site.files


def test_kept_entries_are_made_once_and_only_the_last_builds_stay(tmp_path, monkeypatch):
    monkeypatch.delenv(kept.SHARED, raising=False)
    made = []

    def make(value: bytes):
        return lambda: made.append(value) or value
    assert kept.get(lambda: "a.svg", make(b"A")) == b"A" and made == [b"A"]  # outside a build nothing is kept
    with kept.kept(tmp_path):
        assert kept.get(lambda: "a.svg", make(b"A")) == b"A"
        assert kept.get(lambda: "b.pdf", make(b"B")) == b"B"
    with kept.kept(tmp_path):
        assert kept.get(lambda: "a.svg", make(b"other")) == b"A"  # the same inputs' hash: taken, not made
    assert made == [b"A", b"A", b"B"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg"]  # b.pdf was not used by the last build


def test_a_shared_store_serves_every_build_and_keeps_everything(tmp_path, monkeypatch):
    """`KINERJA_SIMPANAN`: what one build made, another build (another workspace, or none) takes instead
    of making it; a build's own folder still gets every entry it used and loses the rest, the shared
    folder loses nothing."""
    monkeypatch.setenv(kept.SHARED, str(tmp_path / "bersama"))
    made = []

    def make(value: bytes):
        return lambda: made.append(value) or value
    with kept.kept(tmp_path / "satu"):
        assert kept.get(lambda: "a.svg", make(b"A")) == b"A"
        assert kept.get(lambda: "b.pdf", make(b"B")) == b"B"
    with kept.kept(tmp_path / "dua"):
        assert kept.get(lambda: "a.svg", make(b"other")) == b"A"  # made by the other build: taken
    assert kept.get(lambda: "b.pdf", make(b"other")) == b"B"  # outside a build too
    assert kept.get(lambda: "c.png", make(b"C")) == b"C"
    assert made == [b"A", b"B", b"C"]
    assert sorted(p.name for p in (tmp_path / "dua").iterdir()) == ["a.svg"]
    assert sorted(p.name for p in (tmp_path / "bersama").iterdir()) == ["a.svg", "b.pdf", "c.png"]
    with kept.kept(tmp_path / "satu"):
        assert kept.get(lambda: "c.png", make(b"other")) == b"C"
    assert sorted(p.name for p in (tmp_path / "satu").iterdir()) == ["c.png"]
    assert made == [b"A", b"B", b"C"]


@given(st.lists(st.sampled_from("abcdef"), max_size=8), st.sets(st.sampled_from("abcdef")))
def test_several_results_at_once_make_only_the_missing_in_one_call(wanted, present):
    """`kept.get_many`: whatever is already kept is taken, the rest is made by one call given the missing
    positions in order, and each result lands at its own position and is kept for the next time."""
    import tempfile

    calls = []

    def make(missing):
        calls.append(missing)
        return [f"baru-{wanted[i]}".encode() for i in missing]
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder, kept.kept(Path(folder)):
        patch.delenv(kept.SHARED, raising=False)  # this folder alone
        for name in present:
            kept._put(Path(folder) / f"{name}.png", f"lama-{name}".encode())  # kept by this user's tool: sealed
        got = kept.get_many(len(wanted), lambda: [f"{name}.png" for name in wanted], make)
        assert got == [(f"lama-{n}" if n in present else f"baru-{n}").encode() for n in wanted]
        assert calls == ([[i for i, n in enumerate(wanted) if n not in present]]
                         if any(n not in present for n in wanted) else [])
        assert kept.get_many(len(wanted), lambda: [f"{name}.png" for name in wanted], make) == got
        assert len(calls) <= 1


def test_a_member_folder_written_under_the_same_key_is_not_read_again_and_a_stopped_write_is_redone(tmp_path, monkeypatch):
    """`write_sources` with section keys: a member folder whose key is the one the last write recorded is
    left as it is (a file changed behind the build's back stays changed: proof that it was not read); a new
    key writes it again. A write stopped half-way leaves no key for the folder it was writing, so going
    back to the earlier key compares that folder again instead of trusting a half-written one."""
    from generator.publish import workspace
    from generator.publish.workspace import Workspace, write_sources
    from generator.render.context import Site

    ws = Workspace(tmp_path / "ruang")

    def site(text: str) -> Site:
        return Site(pages={"index.md": "# Kabupaten\n", "a/index.md": f"# A {text}\n", "a/b.md": f"B {text}\n",
                           "c/index.md": "# C\n"})
    assert write_sources(ws, site("1"), None, {"a/": "k1", "c/": "k"}) == 4
    (ws.docs / "a" / "b.md").write_text("di luar pembangunan\n", encoding="utf-8")
    assert write_sources(ws, site("1"), None, {"a/": "k1", "c/": "k"}) == 0
    assert (ws.docs / "a" / "b.md").read_text(encoding="utf-8") == "di luar pembangunan\n"
    assert write_sources(ws, site("2"), None, {"a/": "k2", "c/": "k"}) == 2
    assert (ws.docs / "a" / "b.md").read_text(encoding="utf-8") == "B 2\n"

    real, writes = workspace.write_all, []

    def stopped_after_one(files):
        if writes:
            raise KeyboardInterrupt
        writes.append(files)
        return real(files)
    monkeypatch.setattr(workspace, "write_all", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        write_sources(ws, site("3"), None, {"a/": "k3", "c/": "k"})
    monkeypatch.undo()
    assert (ws.docs / "a" / "b.md").read_text(encoding="utf-8") == "B 3\n"  # the one write that was made
    assert write_sources(ws, site("2"), None, {"a/": "k2", "c/": "k"}) == 1  # compared again, b.md put back
    assert {p.relative_to(ws.docs).as_posix(): p.read_text(encoding="utf-8") for p in ws.docs.rglob("*.md")} == {
        "index.md": "# Kabupaten\n", "a/index.md": "# A 2\n", "a/b.md": "B 2\n", "c/index.md": "# C\n"}
    assert workspace._read_manifest(ws.docs / workspace.MANIFEST)[1] == {"a/": "k2", "c/": "k"}


def test_a_changed_workspace_file_is_a_new_file_whatever_its_name(tmp_path):
    """`write_sources` never opens a file it changes for writing (the published site may hold a link to it,
    mkdocs.LinkedCopies): the old inode keeps its bytes. The file written beside it first (`outputs.write_all`)
    has a short name of its own, so a name as long as the file system allows still works, and nothing is
    left beside it."""
    from generator.publish.workspace import Workspace, write_sources
    from generator.render.context import Site

    ws = Workspace(tmp_path / "ruang")
    name = "data/" + "n" * 251 + ".csv"  # 255 bytes: the longest name of most file systems
    assert write_sources(ws, Site(files={name: b"lama\n"}), None) == 1
    os.link(ws.docs / name, tmp_path / "terbit.csv")  # the published site's link
    assert write_sources(ws, Site(files={name: b"baru\n"}), None) == 1
    assert (ws.docs / name).read_bytes() == b"baru\n" and (tmp_path / "terbit.csv").read_bytes() == b"lama\n"
    assert sorted(p.name for p in (ws.docs / "data").iterdir()) == ["n" * 251 + ".csv"]


# --- the search index of an incremental build ---------------------------------------------------------

_TEXT = st.one_of(st.text(max_size=30), st.sampled_from(['{"location":"x/"}', '","docs":[', '\\"', ']}', "ü é 漢", "#"]))
_PAGES = ["", "profil/", "dinkes/", "dinkes/indikator/a/", "disdik/", 'x"y/', "ü/"]
_ENTRY = st.builds(lambda page, anchor, title, text: {"location": page + anchor, "title": title, "text": text},
                   st.sampled_from(_PAGES), st.sampled_from(["", "#ringkasan", "#a-b"]), _TEXT, _TEXT)


@given(old=st.lists(_ENTRY, max_size=12), new=st.lists(_ENTRY, max_size=6),
       config=st.fixed_dictionaries({"lang": st.lists(st.sampled_from(["id", "en"]), max_size=2),
                                     "separator": st.sampled_from([r"[\s\-]+", '"', '{"location":"']),
                                     "pipeline": st.just(["stopWordFilter"])}),
       layout=st.sampled_from(["ditulis", "spasi", "config-lain"]))
def test_the_search_index_merged_from_its_text_equals_the_one_merged_by_parsing(old, new, config, layout):
    """An incremental build's search index is the previous one with the rebuilt pages' entries replaced. The
    previous index (20 MB on a 33-OPD portal) is cut at its entries' boundaries instead of being parsed; for
    any entries (titles and texts holding quotes, brackets and the very text that begins an entry) the
    result equals parsing both indexes whole, and an index laid out differently is merged by parsing it."""
    import json

    from generator.publish import incremental

    previous = incremental._search_json(config, old)
    if layout == "spasi":  # written by another tool: same content, other layout
        previous = json.dumps({"config": config, "docs": old})
    elif layout == "config-lain":
        previous = incremental._search_json({**config, "lang": ["xx"]}, old)
    rebuilt = incremental._search_json(config, new).encode("utf-8")
    merged = incremental.merge_search(previous.encode("utf-8"), rebuilt)
    assert merged == incremental.merge_search_parsed(previous.encode("utf-8"), rebuilt)
    assert json.loads(merged)["config"] == config


def test_builds_starting_together_share_one_cache_key_that_only_the_user_can_read(tmp_path):
    """The key that seals the caches is made once, whole, by whichever process comes first: processes started
    together all read the same one (a half-written key would give each its own and no cache would be
    shared). A key others may read, or that is not a plain file, is not trusted: the process then uses a key
    of its own, and its caches last the process."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "simpanan-pengguna"), "PYTHONPATH": str(ROOT)}
    code = "from generator import cache; print(cache.secret().hex())"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True) for _ in range(6)]
    keys = {p.communicate(timeout=120)[0].strip() for p in procs}
    path = tmp_path / "simpanan-pengguna" / "kinerja-terbuka" / "kunci-simpanan"
    assert len(keys) == 1 and bytes.fromhex(keys.pop()) == path.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o600 and sorted(os.listdir(path.parent)) == ["kunci-simpanan"]
    path.chmod(0o644)
    lent = {subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120).stdout.strip()
            for _ in range(2)}
    assert len(lent) == 2 and path.read_bytes().hex() not in lent


@pytest.mark.parametrize("xdg, home", [("relatif", "RUMAH"), ("", "~"), ("", "")])
def test_the_cache_key_is_never_made_in_the_working_folder(tmp_path, monkeypatch, xdg, home):
    """A relative XDG_CACHE_HOME, or a user with no home to name, would have put the key (and `.cache/`)
    in whatever folder the build runs from, a repository's working tree say. The key then lives nowhere:
    this process's own."""
    from generator import cache

    (tmp_path / "kerja").mkdir()
    monkeypatch.chdir(tmp_path / "kerja")
    home = str(tmp_path / "rumah") if home == "RUMAH" else home  # a home of its own, inside the test's folder
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path.replace("~", home, 1) if home != "~" else path)
    cache.secret.cache_clear()
    try:
        where = cache.secret_file()
        assert where is None or where.is_absolute()
        assert len(cache.secret()) == cache.MAC and list((tmp_path / "kerja").iterdir()) == []
        if xdg:  # a relative XDG_CACHE_HOME is ignored: the home's .cache holds the key
            assert where == tmp_path / "rumah" / ".cache" / "kinerja-terbuka" / cache.SECRET_NAME and where.is_file()
    finally:
        cache.secret.cache_clear()


def test_the_same_inputs_give_the_same_key_however_the_program_is_started(tmp_path):
    """A second `kinerja build` with nothing changed leaves the site as it is, also when the first ran from
    another start: the working folder on Python's path as "" (python -m) or by its name (PYTHONPATH), with a
    package's *.egg-info in it. The key named the same folder twice, differently, and every such build was
    a full one."""
    from generator.publish import unchanged

    (tmp_path / "contoh.egg-info").mkdir()
    code = ("import sys; from pathlib import Path; from generator.publish import unchanged; "
            f"print(unchanged.inputs_key(Path({str(ROOT / 'datapackage')!r}), Path({str(ROOT / 'mkdocs.yml')!r}), None, None))")
    keys = set()
    for path in ("", str(tmp_path), f"{tmp_path}{os.pathsep}{tmp_path}"):
        done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [path, str(ROOT)]))})
        assert done.returncode == 0, done.stderr
        keys.add(done.stdout.strip())
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert f"{tmp_path}/contoh.egg-info" in subprocess.run(
        [sys.executable, "-c", "from generator.publish import unchanged; print(unchanged._installed())"], cwd=tmp_path,
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
