"""Publishing on every data update: the GitHub workflows, atomic and interruptible builds, the build
manifest, byte-identical output, CI-friendly validation reports, and the update history (Riwayat
pembaruan data) read from git or from the package's changelog."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, ROOT, docs_of, edit_csv, prepared_src, tree_hashes

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
ATOM = "{http://www.w3.org/2005/Atom}"


def build(run, data: Path, out: Path, src: Path, *extra):
    return run("build", "--data", data, "--out", out, "--src", src, "--config", ROOT / "mkdocs.yml", *extra)


# --- workflows ---------------------------------------------------------------------------------------

def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict, action: str) -> dict:
    found = [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"{action} dipakai {len(found)} kali"
    return found[0]


def runs(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


@pytest.mark.parametrize("name", ["periksa.yml", "terbitkan.yml"])
def test_every_action_is_pinned_to_a_commit(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    found = re.findall(r"uses:\s*(\S+)\s*#\s*v[\d.]+", text)
    assert found and len(found) == len(re.findall(r"uses:", text))
    assert all(PINNED.match(u) for u in found), found


def test_pull_requests_validate_build_and_attach_the_site():
    wf = workflow("periksa.yml")
    paths = wf["on"]["pull_request"]["paths"]
    assert {"datapackage/**", "generator/**", "theme/**", "site_src/**", "mkdocs.yml"} <= set(paths)
    assert wf["permissions"] == {"contents": "read"}  # a PR never gets write access or a Pages token
    job = wf["jobs"]["periksa"]
    assert "permissions" not in job
    assert uses(job, "actions/checkout")["with"]["fetch-depth"] == 0
    python = uses(job, "actions/setup-python")["with"]
    assert python["python-version"] == "3.11" and python["cache"] == "pip"
    assert "constraints.txt" in python["cache-dependency-path"]
    script = runs(job)
    assert 'make -s validate FORMAT=markdown >> "$GITHUB_STEP_SUMMARY"' in script  # the report in the job summary
    assert "make -s validate FORMAT=github" in script  # annotations on the CSV lines; fails the job when invalid
    assert "make build" in script
    artifact = uses(job, "actions/upload-artifact")["with"]
    assert artifact["path"] == "site/"
    order = [s.get("run", s.get("uses", "")) for s in steps(job)]
    assert order.index("make build") > next(i for i, s in enumerate(order) if "FORMAT=github" in s)


def test_pushes_to_main_deploy_to_pages_with_least_privilege():
    wf = workflow("terbitkan.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "datapackage/**" in wf["on"]["push"]["paths"]
    assert "workflow_dispatch" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}  # two deploys never race
    build_job, deploy = wf["jobs"]["bangun"], wf["jobs"]["terbitkan"]
    assert "permissions" not in build_job  # only the deploy job may write Pages and mint a token
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "bangun"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert uses(deploy, "actions/deploy-pages")["id"] == "deployment"
    assert uses(build_job, "actions/checkout")["with"]["fetch-depth"] == 0  # history for the Riwayat page
    assert uses(build_job, "actions/configure-pages")["id"] == "pages"
    script = runs(build_job)
    assert "make -s validate FORMAT=github" in script
    assert 'make build URL="${{ steps.pages.outputs.base_url }}/"' in script  # the base path from configure-pages
    assert uses(build_job, "actions/upload-pages-artifact")["with"]["path"] == "site/"


def test_workflows_use_the_readme_commands():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("install", "validate", "build"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "FORMAT ?=" in makefile and "URL    ?=" in makefile
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme and "GitHub Actions" in readme


def test_every_make_target_that_runs_the_generator_compiles_it_first():
    """An editable install writes no compiled modules, and with PYTHONDONTWRITEBYTECODE set Python writes none
    either: each `kinerja` command, test worker and child process compiled the generator again (~0,3 s).
    The targets that run it depend on `bytecode`, which compiles what changed."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = dict(re.findall(r"^([a-z-]+):[ \t]*(.*)$", makefile, re.M))
    for target in ("build", "validate", "serve", "test", "test-fast", "docs", "vega"):
        assert "bytecode" in targets[target].split(), target
    recipe = re.search(r"^bytecode:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert re.search(r"-m compileall\b.* generator$", recipe.strip()), recipe


# --- CI-friendly validation reports ----------------------------------------------------------------

def test_validation_report_as_annotations_and_job_summary(pkg, run):
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,delapan")
    status, out, _ = run("validate", pkg, "--format", "github")
    assert status == 1
    errors = [line for line in out if line.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"::error file={pkg}/data/realisasi.csv,line=12,col=3,title=kinerja validate::")
    assert [line for line in out if line.startswith("::warning ")] == []  # rules wait for a sound structure
    status, out, _ = run("validate", pkg, "--format", "markdown")
    assert status == 1
    assert out[0] == f"### Hasil pemeriksaan paket data {pkg}"
    assert out[2] == "**Paket data tidak sah: 1 kesalahan, 0 peringatan.**"
    row = next(line for line in out if line.startswith("| kesalahan |"))
    assert f"| {pkg}/data/realisasi.csv | 12 | 3 (C) |".replace("_", "\\_") in row


def test_annotation_text_cannot_inject_workflow_commands(pkg, run):
    edit_csv(pkg / "data" / "realisasi.csv", '"82,36",final', '"82,36",palsu%0A::error::x')
    status, out, _ = run("validate", pkg, "--format", "github")
    assert status == 1
    assert all(line.startswith(("::error file=", "::warning file=")) or line.startswith("Paket data") for line in out)
    assert not any("\n" in line for line in out)


# --- atomic, interruptible, reproducible -------------------------------------------------------------

@pytest.fixture
def first_build(pkg, tmp_path, run):
    out, src = tmp_path / "site", prepared_src(tmp_path)
    status, _, err = build(run, pkg, out, src)
    assert status == 0, err
    return pkg, out, src


def test_failed_build_exits_1_and_leaves_the_site_byte_for_byte(first_build, run):
    pkg, out, src = first_build
    before = tree_hashes(out)
    edit_csv(pkg / "data" / "anggaran.csv", ";9.079.049.540,00;", ";sembilan miliar;")
    status, _, err = build(run, pkg, out, src)
    assert status == 1
    assert any(line.startswith(f"{pkg}/data/anggaran.csv:2:4: ") for line in err), err
    assert tree_hashes(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".kinerja", "pkg", "site", "src"]  # nothing beside it


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_interrupted_build_leaves_the_site_byte_for_byte(first_build, sig, status):
    pkg, out, src = first_build
    before = tree_hashes(out)
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,83.5")  # the new site would differ
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--data", str(pkg), "--out", str(out),
                             "--src", str(src), "--config", str(ROOT / "mkdocs.yml")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    work = out.parent / ".kinerja" / "site"
    deadline = time.monotonic() + 300  # a loaded machine: the build may take minutes to reach MkDocs
    while not list(work.glob("baru-*")):  # MkDocs is writing the new site
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached MkDocs"
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert f"kinerja: pembangunan dihentikan. Situs di {out} tidak diubah." in err
    assert tree_hashes(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".kinerja", "pkg", "site", "src"]  # nothing beside it


def test_a_stop_that_lands_in_code_run_from_a_string_still_exits_130(first_build, tmp_path):
    """A stop landing inside `exec`/`eval` of text (the way dataclasses and namedtuples make their methods)
    leaves CPython's mark of an unhandled KeyboardInterrupt, though the build catches and reports
    it: the interpreter then ended the process by SIGINT at shutdown (status -2; seen once in `make test` and 5
    times in 120 builds stopped while MkDocs ran). Here the stop is raised from such code on purpose."""
    pkg, out, src = first_build
    before = tree_hashes(out)
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,83.5")  # the new site would differ
    program = tmp_path / "kinerja_berhenti.py"
    program.write_text(
        "import sys\n"
        "from generator.publish import mkdocs\n"
        "def stopped_inside_exec(*args, **kwargs):\n"
        "    exec('raise KeyboardInterrupt')\n"
        "mkdocs.build = stopped_inside_exec\n"
        "from generator.commands import main\n"
        f"sys.argv = ['kinerja', 'build', '--data', {str(pkg)!r}, '--out', {str(out)!r}, '--src', {str(src)!r}, "
        f"'--config', {str(ROOT / 'mkdocs.yml')!r}]\n"
        "raise SystemExit(main())\n", encoding="utf-8")
    # As `python -m generator` runs (runpy): there the mark turns the exit into SIGINT; a script exits first
    done = subprocess.run([sys.executable, "-m", program.stem], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert done.returncode == 130, done.stderr
    assert done.stderr.endswith(f"kinerja: pembangunan dihentikan. Situs di {out} tidak diubah.\n"), done.stderr
    assert tree_hashes(out) == before


def test_an_interrupt_python_drops_still_stops_the_build_before_the_swap(first_build, run, monkeypatch):
    """Ctrl+C that arrives inside a callback Python cannot raise from (as when MkDocs is importing a
    module: "Exception ignored in ... _get_module_lock") is dropped by Python; the build still stops
    before it replaces the site, exits 130 and prints no traceback."""
    import weakref

    from generator.publish import mkdocs

    pkg, out, src = first_build
    before = tree_hashes(out)
    edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,82.36", "iku-ip-asn,2025,83.5")  # the new site would differ
    engine = mkdocs.build

    def interrupted_inside_a_callback(*args, **kwargs):
        result = engine(*args, **kwargs)

        class Held:
            pass
        held = Held()
        watch = weakref.ref(held, lambda _: signal.raise_signal(signal.SIGINT))
        del held  # the handler's KeyboardInterrupt is raised inside the weakref callback: Python drops it
        assert watch() is None
        return result
    monkeypatch.setattr(mkdocs, "build", interrupted_inside_a_callback)
    status, _, err = build(run, pkg, out, src)
    assert status == 130, err
    assert err[-1] == f"kinerja: pembangunan dihentikan. Situs di {out} tidak diubah." and "Traceback" not in "\n".join(err)
    assert tree_hashes(out) == before
    from generator import stops

    assert stops.first_stop() is None  # reported, so the next build of this process (here, a test's) runs


def test_a_build_killed_between_the_renames_is_repaired(tmp_path):
    from generator.publish.swap import recover

    out, work = tmp_path / "site", tmp_path / ".kinerja" / "site"
    old = work / "lama-x1"
    old.mkdir(parents=True)
    (old / "index.html").write_text("lama", encoding="utf-8")
    (work / "baru-y2").mkdir()  # an unfinished new site
    recover(out, work)
    assert (out / "index.html").read_text(encoding="utf-8") == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kinerja", "site"]
    assert list(work.iterdir()) == []


@settings(max_examples=25)
@given(umask=st.integers(0, 0o777), previous=st.none() | st.integers(0o500, 0o777))
def test_the_new_site_gets_the_previous_sites_permissions_or_the_usual_ones(tmp_path_factory, umask, previous):
    """MkDocs builds into a private temporary folder (0700); put in place as it was, the site was unreadable
    for a web server running as another user (nginx's www-data). It takes the replaced site's permissions,
    else what the umask leaves of 0777, as `mkdir site` would."""
    from generator.publish import swap

    base = tmp_path_factory.mktemp("hak")
    out, work = base / "site", base / ".kinerja" / "site"
    if previous is not None:
        out.mkdir()
        out.chmod(previous)
    new = swap.temporary(work)
    assert new.stat().st_mode & 0o777 == 0o700
    mask = os.umask(umask)
    try:
        swap.replace_dir(new, out, work)
    finally:
        os.umask(mask)
    assert out.stat().st_mode & 0o777 == (previous if previous is not None else 0o777 & ~umask)


def _gone(path: Path, within: float = 60.0) -> bool:
    """Whether `path` disappears within `within` seconds (it is removed by a process of its own)."""
    deadline = time.monotonic() + within
    while path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.parametrize("rm", ["proses sendiri", "tanpa rm"])
def test_a_replaced_site_is_removed_without_waiting_and_never_put_back(tmp_path, monkeypatch, rm):
    """The site a build replaces is renamed `hapus-*` and removed by `rm -rf` in a process of its own (or
    by the build, where that process cannot start). `recover` never puts a `hapus-*` folder back in place
    of a missing site: it may be half removed."""
    from generator.publish import swap

    if rm == "tanpa rm":
        def no_process(*args, **kwargs):
            raise OSError("tidak ada rm")
        monkeypatch.setattr(swap.subprocess, "Popen", no_process)
    out, work = tmp_path / "site", tmp_path / ".kinerja" / "site"
    work.mkdir(parents=True)
    out.mkdir()
    (out / "index.html").write_text("lama", encoding="utf-8")
    new = swap.temporary(work)
    (new / "index.html").write_text("baru", encoding="utf-8")
    swap.replace_dir(new, out, work)
    assert (out / "index.html").read_text(encoding="utf-8") == "baru"
    assert not list(work.glob("lama-*"))
    assert all(_gone(p) for p in work.glob("hapus-*")) and list(work.iterdir()) == []

    half = work / "hapus-z3"
    (half / "a").mkdir(parents=True)
    (half / "index.html").write_text("setengah terhapus", encoding="utf-8")
    shutil.rmtree(out)
    swap.recover(out, work)
    assert not out.exists()
    assert _gone(half)


def test_manifest_lists_every_source_and_published_file(first_build):
    pkg, out, _ = first_build
    manifest = json.loads((out / "data" / "manifest.json").read_text(encoding="utf-8"))
    from generator import __version__

    assert manifest["generator"] == {"nama": "kinerja-terbuka", "versi": __version__}
    assert manifest["paket"]["created"] == "2026-11-21T00:00:00Z"
    sources = {p.relative_to(pkg).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in pkg.rglob("*") if p.is_file()}
    assert manifest["sumber"] == sources  # the package byte for byte, as its authors keep it
    published = tree_hashes(out)
    del published["data/manifest.json"]
    assert manifest["berkas"] == published
    assert {"sitemap.xml", "sitemap.xml.gz", "riwayat.xml", "data/dip.csv", "index.html"} <= set(published)


def test_two_builds_with_an_address_are_byte_identical(pkg, tmp_path, run):
    first, second = tmp_path / "a", tmp_path / "b"
    for out, name in ((first, "s1"), (second, "s2")):
        status, _, err = build(run, pkg, out, prepared_src(tmp_path, name), "--url", "https://contoh.github.io/kinerja/")
        assert status == 0, err
    assert tree_hashes(first) == tree_hashes(second)
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://contoh.github.io/kinerja/ppid/kepatuhan/</loc>" in sitemap
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2026-11-21"}


# --- update history ----------------------------------------------------------------------------------

def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Operator", "GIT_AUTHOR_EMAIL": "operator@contoh.invalid",
           "GIT_COMMITTER_NAME": "Operator", "GIT_COMMITTER_EMAIL": "operator@contoh.invalid"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository with four commits: the package, a realisasi, a budget row, then a wording change that
    touches no published figure."""
    repo = tmp_path / "repo"
    shutil.copytree(DATAPACKAGE, repo / "datapackage")
    # an agency's own repository, whose commits are its notes on the data (this repository's are not)
    edit_csv(repo / "datapackage" / "datapackage.json", '"catatan_commit": false', '"catatan_commit": true')
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Paket data LKjIP 2025", when="2026-02-14T09:00:00+07:00")
    edit_csv(repo / "datapackage" / "data" / "realisasi.csv", 'iku-ip-asn,2025,82.36,"82,36"', 'iku-ip-asn,2025,83.1,"83,10"')
    git(repo, "commit", "-q", "-am", "Realisasi IP ASN 2025 dari BKN", when="2026-03-02T10:30:00+07:00")
    edit_csv(repo / "datapackage" / "data" / "anggaran.csv",
             "sk-instalasi-listrik;lkjip-2025;Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor;9.514.900,00",
             "sk-instalasi-listrik;lkjip-2025;Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor;9.614.900,00")
    git(repo, "commit", "-q", "-am", "Koreksi pagu instalasi listrik", when="2026-04-06T08:15:00+07:00")
    edit_csv(repo / "datapackage" / "data" / "indikator.csv", "diukur dengan survei kepuasan", "diukur lewat survei kepuasan")
    git(repo, "commit", "-q", "-am", "docs: reword an indicator definition", when="2026-04-07T08:00:00+07:00")
    return repo


def test_history_page_and_feed_are_written_from_the_data(repo, tmp_path, run):
    src = prepared_src(tmp_path)
    status, _, err = build(run, repo / "datapackage", tmp_path / "site", src, "--url", "https://contoh.github.io/kinerja/")
    assert status == 0, err
    page = (docs_of(tmp_path / "site") / "riwayat.md").read_text(encoding="utf-8")
    shas = git(repo, "log", "--format=%H").split()
    # Each version that changed a figure, headed by what changed (in Bahasa, from the data).
    headings = re.findall(r"^## (.+?) \{#v-([0-9a-f]{12})\}$", page, re.M)
    assert headings == [("6 April 2026: 1 baris anggaran berubah", shas[1][:12]),
                        ("2 Maret 2026: 1 realisasi berubah", shas[2][:12]),
                        ("14 Februari 2026: Data pertama dalam riwayat", shas[3][:12])]
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    assert ("| Anggaran Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor "
            "(Laporan Kinerja (LKjIP) Tahun 2025) (pagu) | Rp9.514.900 | Rp9.614.900 |") in sections[0]
    assert "| Realisasi Indeks Profesionalisme ASN 2025 | 82,36 | 83,1 |" in sections[1]
    assert "sebagaimana tercetak" not in sections[1]  # the printed form follows the figure: one line, not two
    assert "|" not in sections[2]
    # The commit subject is secondary detail, never the heading.
    assert '<p class="kt-riwayat__catatan">Catatan pengelola data: Koreksi pagu instalasi listrik · versi ' in sections[0]
    # The wording change is folded away with the others that changed no figure.
    assert "reword" not in page and "1 versi lain tidak mengubah angka apa pun" in page
    assert "7 April 2026" in page
    feed = ET.fromstring((tmp_path / "site" / "riwayat.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "6 April 2026: 1 baris anggaran berubah", "2 Maret 2026: 1 realisasi berubah",
        "14 Februari 2026: Data pertama dalam riwayat"]
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"urn:kinerja-terbuka:kinerja-diskominfosp-beltim-2025:versi:{sha}" for sha in shas[1:]]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-04-06T01:15:00+00:00", "2026-03-02T03:30:00+00:00", "2026-02-14T02:00:00+00:00"]
    assert feed.findtext(f"{ATOM}updated") == "2026-04-06T01:15:00+00:00"
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link == f"https://contoh.github.io/kinerja/riwayat/#v-{shas[2][:12]}"
    assert entries[1].findtext(f"{ATOM}summary").splitlines() == [
        "Realisasi Indeks Profesionalisme ASN 2025: 82,36 → 83,1",
        "Catatan pengelola data: Realisasi IP ASN 2025 dari BKN"]
    html = (tmp_path / "site" / "riwayat" / "index.html").read_text(encoding="utf-8")
    assert f'id="v-{shas[1][:12]}"' in html


def _pages(package: Path) -> dict[str, str]:
    """The pages the pipeline makes for a package, in memory (no MkDocs, no static chart images)."""
    from generator.publish.pipeline import run as pipeline
    from generator.render.context import RenderOptions

    outcome = pipeline(package, RenderOptions(static_svg=False))
    assert outcome.ok, outcome.report.lines()
    return outcome.site.pages


def test_commit_subjects_stay_off_the_page_where_the_package_says_so(repo):
    """This repository's commits describe the generator's code, in English ("docs: reword ..."); its packages
    set `kinerja.catatan_commit` false, so the history shows what changed and the version, not the subject."""
    edit_csv(repo / "datapackage" / "datapackage.json", '"catatan_commit": true', '"catatan_commit": false')
    page = _pages(repo / "datapackage")["riwayat.md"]
    assert "1 baris anggaran berubah" in page and "1 realisasi berubah" in page
    assert "Catatan pengelola data" not in page and "Koreksi pagu" not in page and "dari BKN" not in page
    assert re.search(r'<p class="kt-riwayat__catatan">versi [0-9a-f]{7}</p>', page)
    # a citizen met "29 November" here beside "Paket data diperbarui: 21 November" in the footer, and a bare code
    assert "Tanggal setiap bagian adalah tanggal perubahan itu dicatat, yang dapat berbeda dari tanggal data di kaki " \
        "halaman" in page and "kode versi di bawah setiap bagian menunjuk catatan itu" in page


def test_uncommitted_changes_show_as_a_working_version(repo):
    edit_csv(repo / "datapackage" / "data" / "realisasi.csv", 'iku-ip-asn,2025,83.1,"83,10"', 'iku-ip-asn,2025,84,"84,00"')
    page = _pages(repo / "datapackage")["riwayat.md"]
    first = re.split(r"^## ", page, flags=re.M)[1]
    assert first.startswith("21 November 2026: 1 realisasi berubah {#v-kerja}")  # dated by the package's created
    assert "Catatan pengelola data: Perubahan yang belum di-commit · belum di-commit" in first
    assert "| Realisasi Indeks Profesionalisme ASN 2025 | 83,1 | 84 |" in first


def test_a_status_change_is_told_in_words(repo):
    edit_csv(repo / "datapackage" / "data" / "realisasi.csv", 'iku-ip-asn,2025,83.1,"83,10",final', 'iku-ip-asn,2025,83.1,"83,10",dibawa')
    page = _pages(repo / "datapackage")["riwayat.md"]
    assert "| Realisasi Indeks Profesionalisme ASN 2025 (status) | final | nilai tahun sebelumnya dipakai lagi |" in page


def test_a_table_no_commit_changed_is_read_once_for_all_versions(repo):
    """Most commits change one file: a table whose bytes (and schema) did not change is read once and is
    the very same frame in every version that has it, which the comparison then skips."""
    from generator.load.history import from_git
    from generator.validate import validate_package

    history = from_git(repo / "datapackage", validate_package(repo / "datapackage").tables, None)
    frames = [v.frames for v in history.versions]  # newest first: reword, pagu, realisasi, first
    assert len(frames) == 4 and all(f is not None for f in frames)
    assert all(f["target"] is frames[0]["target"] for f in frames)
    assert frames[0]["anggaran"] is frames[1]["anggaran"] and frames[2]["anggaran"] is frames[3]["anggaran"]
    assert frames[1]["anggaran"] is not frames[2]["anggaran"]
    assert frames[1]["realisasi"] is frames[2]["realisasi"] is not frames[3]["realisasi"]


def test_history_without_git_comes_from_the_changelog(tmp_path):
    package = tmp_path / "contoh"
    shutil.copytree(ROOT / "examples" / "contoh-sintetis", package)  # outside any git checkout
    pages = _pages(package)
    page = pages["riwayat.md"]
    assert "Riwayat ini disusun dari catatan perubahan yang ditulis pengelola data." in page
    assert re.findall(r"^## (.+?) \{", page, re.M) == ["16 Februari 2026: Paket contoh lengkap",
                                                       "12 Februari 2026: Draf pertama paket contoh"]
    assert ("Catatan pengelola data: Realisasi 2025 final; laporan layanan informasi 2025 dan berkas PPID "
            "ditambahkan. · versi 1.0.0") in page
    feed = ET.fromstring(pages["riwayat.xml"].encode("utf-8"))
    assert feed.findtext(f"{ATOM}title").endswith("(DATA SINTETIS)")
    assert [e.findtext(f"{ATOM}id").rsplit(":", 1)[1] for e in feed.findall(f"{ATOM}entry")] == ["1.0.0", "0.9.0"]


def test_history_of_a_package_without_either(pkg):
    """Copied out of git without a changelog: no versions, and the feed is dated by the data (`created`), where
    it said 1970-01-01."""
    pages = _pages(pkg)
    assert "Riwayat belum tersedia" in pages["riwayat.md"]
    feed = ET.fromstring(pages["riwayat.xml"].encode("utf-8"))
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "2026-11-21T00:00:00+00:00"


def test_the_builders_own_git_settings_do_not_change_the_history(repo, tmp_path, monkeypatch):
    """The history read the builder's ~/.gitconfig: `i18n.logOutputEncoding` turned a commit note's "é" into
    "\ufffd" (and `log.follow` dropped versions), so two machines published different pages from one
    commit. Git now runs without the user's configuration, except the checkouts they marked safe."""
    from generator.load import history

    edit_csv(repo / "datapackage" / "data" / "realisasi.csv", 'iku-ip-asn,2025,83.1,"83,10",final',
             'iku-ip-asn,2025,83.1,"83,10",dibawa')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Réalisasi dicek ulang oleh Bapak Andé", when="2026-03-02T09:00:00+07:00")
    plain = _pages(repo / "datapackage")["riwayat.md"]
    home = tmp_path / "rumah"
    home.mkdir()
    (home / ".gitconfig").write_text("[i18n]\n\tlogOutputEncoding = ISO-8859-1\n[log]\n\tfollow = true\n",
                                     encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    history._trusted.cache_clear()
    assert _pages(repo / "datapackage")["riwayat.md"] == plain
    assert "Réalisasi dicek ulang oleh Bapak Andé" in plain


def test_a_checkout_git_refuses_is_named_with_how_to_allow_it(repo, tmp_path, monkeypatch, run):
    """A checkout owned by another user (a CI container): git refused it, the history fell back to nothing and
    the build said nothing. Validation now warns, with git's own command to allow it; once allowed in the
    user's configuration, the history is read again."""
    from generator.load import history

    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # git's own switch for "owned by another user"
    home = tmp_path / "rumah"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    history._trusted.cache_clear()
    status, out, _ = run("validate", repo / "datapackage")
    top = repo.resolve()
    assert status == 0 and out[0] == (
        f"{repo / 'datapackage'}:1:1: peringatan: git menolak membaca repositori {top} karena pemiliknya pengguna lain, "
        "sehingga riwayat pembaruan tidak memuat versi dari git; bila repositori itu memang aman dibaca, jalankan: "
        f"git config --global --add safe.directory {top}"), out
    assert "Riwayat belum tersedia" in _pages(repo / "datapackage")["riwayat.md"]
    (home / ".gitconfig").write_text(f"[safe]\n\tdirectory = {top}\n", encoding="utf-8")
    history._trusted.cache_clear()
    status, out, _ = run("validate", repo / "datapackage")
    assert status == 0 and not any("git menolak" in line for line in out), out
    assert "Riwayat belum tersedia" not in _pages(repo / "datapackage")["riwayat.md"]
    history._trusted.cache_clear()


@given(st.lists(st.tuples(st.sampled_from(["target", "realisasi", "anggaran", "belanja", "survei"]),
                          st.integers(0, 5), st.sampled_from(["ditambah", "diubah", "dihapus"])), max_size=30))
def test_a_versions_heading_says_what_was_added_changed_and_removed(changes):
    """The history heading counted every row as "berubah": a year's new targets read "19 target berubah". Rows
    added, changed and removed are now counted apart, each object once, in the order added, changed, removed."""
    from generator.compute.riwayat import count_words

    rows = [{"tabel": table, "objek": f"{table}-{n}", "perubahan": change} for table, n, change in changes]
    said = count_words(rows)
    if not rows:
        assert said == "Tidak ada angka yang berubah"
        return
    groups = said.split("; ")
    kinds = [g.rsplit(" ", 1)[1] for g in groups]
    assert kinds == [w for c, w in (("ditambah", "ditambah"), ("diubah", "berubah"), ("dihapus", "dihapus"))
                     if any(r["perubahan"] == c for r in rows)]
    words = {"anggaran": "baris anggaran", "belanja": "baris belanja", "survei": "hasil survei"}
    for group, (change, _) in zip(groups, [k for k in (("ditambah", 0), ("diubah", 0), ("dihapus", 0))
                                           if any(r["perubahan"] == k[0] for r in rows)]):
        for table in ("target", "realisasi", "anggaran", "belanja", "survei"):
            n = len({r["objek"] for r in rows if r["tabel"] == table and r["perubahan"] == change})
            assert (f"{n} {words.get(table, table)}" in group) == (n > 0), (group, table)


def test_a_shallow_clones_oldest_commit_is_no_dated_data_version(repo, tmp_path):
    """A shallow clone (CI's default depth 1) showed its only commit, often one of code alone, as "Data pertama
    dalam riwayat" dated that day, in the page and the feed: every code commit changed both. The copy's
    oldest commit now gets no dated entry; the page says the copy is partial, and the feed is dated by the data."""
    shallow = tmp_path / "dangkal"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    pages = _pages(shallow / "datapackage")
    page, feed = pages["riwayat.md"], ET.fromstring(pages["riwayat.xml"].encode("utf-8"))
    assert "Data pertama dalam riwayat" not in page
    assert "Salinan yang dipakai untuk membangun portal tidak memuat seluruh riwayat" in page
    entries = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(entries) == 1 and not any("Data pertama" in title for title in entries), entries  # the newest change
    # (the full clone's first commit is still "Data pertama dalam riwayat": test_history_page_and_feed_...)
    one = tmp_path / "satu"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(one)], check=True, capture_output=True)
    feed = ET.fromstring(_pages(one / "datapackage")["riwayat.xml"].encode("utf-8"))
    assert feed.findall(f"{ATOM}entry") == [] and feed.findtext(f"{ATOM}updated") == "2026-11-21T00:00:00+00:00"
