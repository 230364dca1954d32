"""Shared fixtures: a fresh copy of the default data package, and running the CLI in-process."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATAPACKAGE = ROOT / "datapackage"


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
