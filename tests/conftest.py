"""Shared fixtures: a fresh copy of the default data package, and running the CLI in-process."""
from __future__ import annotations

import functools
import gc
import http.server
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import settings

from generator.commands import main
from generator.publish.executor import PROCESSES

# `make test` keeps every core busy with its own workers (pytest -n auto), so a build's own processes
# (catalog members, MkDocs' parts) would only start cold: imports, the chart engine, empty in-process
# caches. Builds here use one process, and so do the commands the tests start (they inherit it); the tests
# of the processes themselves ask for more (test_kabupaten_portal, test_distributed).
os.environ.setdefault(PROCESSES, "1")

# The generated cases of every property test are the same on every run of `make test` (derived from each test's
# own code): CI's verdict on a commit is the commit's, and a failure it shows is one anyone can reproduce.
# `HYPOTHESIS_PROFILE=acak make test` explores new cases instead (and keeps what fails in .hypothesis/).
# No deadline per case: a case is judged by what it returns, never by how long a busy machine took (a fresh
# clone's run failed test_caches on a 385 ms case, 4 ms when repeated, while other work shared its cores).
settings.register_profile("tetap", derandomize=True, database=None, deadline=None)
settings.register_profile("acak", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "tetap"))

ROOT = Path(__file__).resolve().parent.parent
DATAPACKAGE = ROOT / "datapackage"
EXAMPLE = ROOT / "examples" / "contoh-sintetis"
SHOTS = ROOT / "test-results"  # screenshots for a person to look at: `SCREENSHOTS=1 make test`
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by `make test`; Playwright downloads nothing
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"  # installed by `make test` (npm)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def pytest_collection_finish(session):
    """What the collection imported (the generator, pandas, Playwright, the test modules) stays for the whole
    run: frozen, the collector's full passes no longer walk it (measured: the workers' time in the collector
    45,7 → 36,1 s summed over a run), as `kinerja` itself does (commands.main)."""
    gc.freeze()


def pytest_collection_modifyitems(items):
    """Tests that drive Chromium are marked `browser`, so `make test-fast` (-m "not browser") leaves them out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian chromium is missing: `make test` installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        opened = b.new_context

        def new_context(*args, **kwargs):
            """Every test's context waits up to a minute: a loaded machine is slow (Playwright's own 30 s
            is ten times a quiet run); a passing wait returns at once."""
            context = opened(*args, **kwargs)
            context.set_default_timeout(60_000)
            return context
        b.new_context = new_context
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, to add to a loaded page."""
    if not AXE.is_file():
        pytest.fail(f"axe-core tidak ditemukan di {AXE.relative_to(ROOT)}: jalankan `make test`, "
                    "yang memasangnya dengan npm ke .cache/node/", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def pkg(tmp_path) -> Path:
    """A writable copy of the default package at tmp_path/pkg."""
    target = tmp_path / "pkg"
    shutil.copytree(DATAPACKAGE, target)
    return target


@pytest.fixture
def run(capsys):
    """run(*args) -> (exit status, stdout lines, stderr lines) of `kinerja *args`."""

    def _run(*args):
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            status = exc.code
        out, err = capsys.readouterr()
        return status, out.splitlines(), err.splitlines()

    return _run


@functools.lru_cache(maxsize=None)
def default_tables():
    """The default package's tables, validated once per test process. Shared: change a copy, never these."""
    from generator.validate import validate_package

    return validate_package(DATAPACKAGE).tables


@functools.lru_cache(maxsize=None)
def example_tables():
    """The synthetic example's tables (its surveys come with their answers), validated once per test process."""
    from generator.validate import validate_package

    return validate_package(EXAMPLE).tables


def edit_csv(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a CSV file, failing loudly if the text is not there (so a test cannot go stale)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path: two sites compare byte for byte."""
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def prepared_src(tmp_path: Path, name: str = "src") -> Path:
    """A pages folder with the hand-written pages, as site_src/ in the repository."""
    src = tmp_path / name
    src.mkdir()
    shutil.copyfile(ROOT / "site_src" / "tentang.md", src / "tentang.md")
    return src


def docs_of(out: Path) -> Path:
    """The Markdown sources a build of `out` wrote (its workspace, `.kinerja/<name>/halaman/`)."""
    from generator.publish.workspace import Workspace

    return Workspace.for_output(out).docs


@dataclass(frozen=True)
class Built:
    """A site built once for many tests: the published folder and the Markdown sources it was built from."""

    site: Path
    docs: Path


def shared_folder(tmp_path_factory) -> Path:
    """A folder all xdist workers of this run share (the run's own temporary folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def _shared_store(tmp_path_factory):
    """One store of drawn charts, typeset documents and workbooks for every build of the run, the commands
    the tests start included (render/kept.py, `KINERJA_SIMPANAN`): the same package is built by dozens of
    tests, and vl-convert, Typst and XlsxWriter need to make each result only once. The tests of the
    workspace's own store turn it off."""
    from generator.render.kept import SHARED

    os.environ.setdefault(SHARED, str(shared_folder(tmp_path_factory) / "simpanan"))


def _shared(tmp_path_factory, name: str, make: Callable[[Path], Built]) -> Built:
    """Build once for the whole test run, even with several xdist workers: the first worker to take the
    lock builds into a folder all workers share, the others wait and read it."""
    import fcntl

    base = shared_folder(tmp_path_factory)
    folder = base / f"bersama-{name}"
    with open(base / f"bersama-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "selesai").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            built = make(folder)
            (folder / "selesai").write_text(f"{built.site}\n{built.docs}\n", encoding="utf-8")
        site, docs = (folder / "selesai").read_text(encoding="utf-8").split()
    return Built(Path(site), Path(docs))


def _build(data: Path, out: Path) -> Built:
    from generator.publish import build_site

    build_site(data, out, ROOT / "mkdocs.yml", ROOT / "site_src")
    return Built(out, docs_of(out))


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Built:
    """The default package, built once per test run. Read it; never write into it."""
    return _shared(tmp_path_factory, "bawaan", lambda folder: _build(DATAPACKAGE, folder / "portal"))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Built:
    """The synthetic example package, built once per test run."""
    return _shared(tmp_path_factory, "contoh", lambda folder: _build(EXAMPLE, folder / "contoh"))


@pytest.fixture(scope="session")
def kabupaten_site(tmp_path_factory) -> Built:
    """A synthetic 3-OPD kabupaten (`kinerja contoh`), built once per test run."""
    from generator.synthetic import generate

    def make(folder: Path) -> Built:
        generate(folder / "kabupaten", 3, [2023, 2024, 2025], 60, 7)
        return _build(folder / "kabupaten", folder / "site")
    return _shared(tmp_path_factory, "kabupaten", make)


# --- serving and visiting built sites ----------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def serve(site: Path) -> str:
    """Serve `site`'s parent folder on localhost (once per test process) and return the site's URL: a
    subpath, as a GitHub Pages project site is served (http://127.0.0.1:PORT/<name>/)."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/{site.name}/"


# A page has settled when it has loaded and every chart that started drawing has finished or failed
# (charts.js marks each container with data-status). A condition, not a timer.
SETTLED = """() => document.readyState === 'complete' &&
  Array.from(document.querySelectorAll('[data-grafik][data-status]')).every(
    b => b.dataset.status !== 'memuat')"""


def shot(page, name: str) -> None:
    """A full-page screenshot in test-results/, for a person to look at, when SCREENSHOTS is set (each costs
    about a second, so a plain test run leaves them out)."""
    if os.environ.get("SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


@dataclass
class Visit:
    url: str
    status: int = 0
    text: str = ""
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)  # requests that failed
    foreign: list[str] = field(default_factory=list)  # requests to another host
    scroll: int = 0  # the page's scroll width (sideways scrolling when above the viewport)
    result: object = None  # what `inspect` returned for the page


def visit_all(browser, urls: list[str], width: int, scheme: str = "light", shots: dict[str, str] | None = None,
              inspect: Callable | None = None, batch: int = 6, console: tuple[str, ...] = ("error",),
              script: str | None = None) -> list[Visit]:
    """Load pages in one browser context, several at a time (their loading overlaps), and record for each:
    console messages of the `console` types, uncaught exceptions, failed and off-host requests,
    `inspect(page)`'s result, then the text and the scroll width (after `inspect`, which may open or change
    things), and a screenshot when `shots` names one. `script` runs in every page before its own scripts
    (a tool `inspect` uses, such as axe-core: parsed while the pages load together, not one page at a time).

    The `batch` tabs are opened once and each goes on to its next page, as a reader's tab does: a new tab
    costs Chromium a renderer process and a fresh script heap, about half of a small page's load. What a
    tab reports goes to the page it is on; a request is the page's that made it, and a request the browser
    cancels because its tab went on to the next page is no failure of either page."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID", color_scheme=scheme)
    if script is not None:
        context.add_init_script(script)
    context.set_default_timeout(60_000)  # a loaded machine is slow; a passing wait returns at once
    tabs: list[tuple[object, dict]] = []
    visits = []

    def open_tab():
        page, now = context.new_page(), {}
        made_by: dict[object, Visit] = {}  # request -> the visit during which it was made

        def requested(q):
            made_by[q] = now["visit"]
            if urlparse(q.url).netloc not in (now["host"], "") and not q.url.startswith(("data:", "blob:")):
                now["visit"].foreign.append(q.url)

        def failed(q):
            record = made_by.pop(q, now["visit"])
            if record is now["visit"] or "ERR_ABORTED" not in (q.failure or ""):
                record.failed.append(q.url)

        page.on("console", lambda m: now["visit"].errors.append(m.text) if m.type in console else None)
        page.on("pageerror", lambda e: now["visit"].errors.append(str(e)))
        page.on("request", requested)
        page.on("requestfailed", failed)
        page.on("requestfinished", lambda q: made_by.pop(q, None))
        return page, now

    try:
        for start in range(0, len(urls), batch):
            opened = []
            for n, url in enumerate(urls[start:start + batch]):
                if n == len(tabs):
                    tabs.append(open_tab())
                page, now = tabs[n]
                record = Visit(url)
                now.update(visit=record, host=urlparse(url).netloc)
                response = page.goto(url, wait_until="commit")
                record.status = response.status if response is not None else 0
                opened.append((page, record))
            for page, record in opened:
                page.bring_to_front()  # a tab in the background draws no frames, and waits on frames stall
                page.wait_for_load_state("load")
                page.wait_for_function(SETTLED)
                if inspect is not None:
                    record.result = inspect(page)
                record.text = page.inner_text("body")
                record.scroll = page.evaluate("document.documentElement.scrollWidth")
                if shots and record.url in shots:
                    shot(page, shots[record.url])
                visits.append(record)
    finally:
        context.close()
    return visits
