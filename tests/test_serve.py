"""`kinerja serve`: a live preview that regenerates pages when a file of the data package changes."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, edit_csv


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 40) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = _fetch(url)
        if text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def test_serve_regenerates_when_the_data_changes_and_survives_invalid_data(pkg, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "site_src" / "tentang.md", src / "tentang.md")
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(pkg), "--src", str(src),
         "--config", str(ROOT / "mkdocs.yml"), "--alamat", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    page = f"http://127.0.0.1:{port}/sasaran/s-1-1-5/"
    try:
        assert "livereload" in _wait_for(page, "82,36")
        edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,82.36,"82,36"', 'iku-ip-asn,2025,83.50,"83,50"')
        _wait_for(page, "83,50")
        edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,83.50,', "iku-ip-asn,2025,banyak,")
        time.sleep(4)  # a rebuild with invalid data keeps the last good pages
        assert "83,50" in _fetch(page)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        output = proc.communicate(timeout=20)[0].decode("utf-8", errors="replace")
    assert f"{pkg}/data/realisasi.csv:12:3: " in output  # the operator is told which cell is wrong
    assert "pratinjau memakai halaman terakhir yang sah" in output
