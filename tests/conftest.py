"""Shared fixtures: a fresh copy of the default data package, and running the CLI in-process."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATAPACKAGE = ROOT / "datapackage"
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by `make test`; Playwright downloads nothing
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian chromium is missing: `make test` installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


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
