"""`kinerja serve`: a live preview that regenerates pages when a file of the data package changes."""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, edit_csv, shot
from generator.commands import INTERNAL
from test_fuzz import ENGLISH, run


def _ephemeral() -> range:
    """The ports the system hands out on its own (to a bind to port 0, to every outgoing connection)."""
    try:
        low, high = map(int, open("/proc/sys/net/ipv4/ip_local_port_range").read().split())
    except (OSError, ValueError):
        low, high = 32768, 60999
    return range(low, high + 1)


def _port() -> int:
    """A free port for a preview, outside the system's ephemeral range: a port that was free when asked
    stays free until the preview binds it (after its first build, seconds later), because neither a bind
    to port 0 (the other tests' servers) nor an outgoing connection (Chromium's, urllib's) is ever given
    one from outside that range. Each xdist worker draws from its own block, so two workers never pick
    the same port."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    ephemeral = _ephemeral()
    start = 10_000 + (worker % 16) * 1_000
    for port in random.Random().sample(range(start, start + 1_000), 1_000):
        if port in ephemeral:
            continue
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's own server does
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port in {start}-{start + 999}")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


BUILD_WAIT = 600  # seconds: a wait that covers a build (15 s quiet, many times that beside the other workers)


def _wait_for(url: str, text: str, seconds: float = BUILD_WAIT) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = _fetch(url)
        if text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


class Output:
    """The lines a process writes, read as they come (a thread), so a test can wait for one."""

    def __init__(self, proc: subprocess.Popen):
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc) -> None:
        for raw in proc.stdout:
            self.lines.append(raw.decode("utf-8", errors="replace"))

    def wait_for(self, text: str, seconds: float = BUILD_WAIT) -> None:
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.lines):
            assert time.monotonic() < deadline, f"{text!r} not printed within {seconds} s:\n{''.join(self.lines)}"
            time.sleep(0.1)

    def text(self) -> str:
        self._thread.join(timeout=20)
        return "".join(self.lines)


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
    output = Output(proc)
    try:
        assert "livereload" in _wait_for(page, "82,36")
        edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,82.36,"82,36"', 'iku-ip-asn,2025,83.50,"83,50"')
        _wait_for(page, "83,50")
        edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,83.50,', "iku-ip-asn,2025,banyak,")
        output.wait_for("pratinjau memakai halaman terakhir yang sah")  # the rebuild with invalid data ran
        # and kept the last good pages: mkdocs holds requests while it rebuilds (longer than one 5 s fetch on a
        # busy machine), so wait for the page rather than take the first answer
        assert "83,50" in _wait_for(page, "83,50")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=BUILD_WAIT)  # ~2 s quiet; a loaded machine took over 20 s
        output = output.text()
    assert f"{pkg}/data/realisasi.csv:12:3: " in output  # the operator is told which cell is wrong
    assert "pratinjau memakai halaman terakhir yang sah" in output


def test_serve_shows_the_problems_in_the_browser_until_the_data_is_valid_again(pkg, tmp_path, browser):
    """An operator watching the browser, not the terminal: invalid data puts a banner with each problem on
    the page (live reload brings it), and saving valid data takes it away again."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "site_src" / "tentang.md", src / "tentang.md")
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(pkg), "--src", str(src),
         "--config", str(ROOT / "mkdocs.yml"), "--alamat", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/sasaran/s-1-1-5/"
    output = Output(proc)
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="id-ID")
    try:
        _wait_for(url, "82,36")
        page = context.new_page()
        page.goto(url)
        assert page.locator(".kt-pratinjau-galat").count() == 0
        edit_csv(pkg / "data" / "realisasi.csv", 'iku-ip-asn,2025,82.36,', "iku-ip-asn,2025,banyak,")
        # live reload: the open page shows the banner without the reader reloading it
        banner = page.locator(".kt-pratinjau-galat")
        banner.wait_for(state="visible", timeout=BUILD_WAIT * 1000)
        words = banner.inner_text()
        assert "Data tidak sah: halaman ini belum memuat perubahan terakhir." in words
        assert f"{pkg}/data/realisasi.csv:12:3: " in words  # the same line the terminal prints
        assert "82,36" in page.inner_text("article")  # the last valid pages, said to be so
        box = banner.bounding_box()
        assert box and box["width"] <= 375  # long paths wrap on a phone
        shot(page, "serve-banner-375.png")
        edit_csv(pkg / "data" / "realisasi.csv", "iku-ip-asn,2025,banyak,", 'iku-ip-asn,2025,82.36,')
        page.locator(".kt-pratinjau-galat").wait_for(state="detached", timeout=BUILD_WAIT * 1000)
        page.locator("article").get_by_text("82,36").first.wait_for(timeout=BUILD_WAIT * 1000)  # the reloaded page
        assert page.locator(".kt-pratinjau-galat").count() == 0
    finally:
        context.close()
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=BUILD_WAIT)  # ~2 s quiet; a loaded machine took over 20 s
        output.text()


def test_two_previews_of_one_package_keep_their_own_pages(pkg, tmp_path):
    """Two previews of the same package at once (here with other hand-written pages each) wrote one pages
    folder: each one's `tentang.md` replaced the other's, and every edit rebuilt both. The second now works
    in a folder of its own, beside the first's, and each serves its own pages."""
    procs, outputs = [], []
    try:
        for name in ("pertama", "kedua"):
            src = tmp_path / f"src-{name}"
            src.mkdir()
            text = (ROOT / "site_src" / "tentang.md").read_text(encoding="utf-8")
            (src / "tentang.md").write_text(text + f"\nPratinjau {name}.\n", encoding="utf-8")
            port = _port()
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "--data", str(pkg), "--src", str(src),
                 "--config", str(ROOT / "mkdocs.yml"), "--alamat", f"127.0.0.1:{port}"],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True))
            outputs.append(Output(procs[-1]))
            _wait_for(f"http://127.0.0.1:{port}/tentang/", f"Pratinjau {name}.")
        pages = {folder.name: (folder / "halaman" / "tentang.md").read_text(encoding="utf-8")
                 for folder in sorted((tmp_path / ".kinerja").iterdir())}
        assert sorted(pages) == ["pratinjau-pkg", "pratinjau-pkg-2"]
        assert "Pratinjau pertama." in pages["pratinjau-pkg"] and "Pratinjau kedua." in pages["pratinjau-pkg-2"]
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=BUILD_WAIT)  # ~2 s quiet; a loaded machine took over 20 s
        for output in outputs:
            output.text()


@settings(max_examples=60, deadline=None)
@given(address=st.one_of(
    st.text(max_size=24),
    st.builds(lambda host, port: f"{host}:{port}",
              st.one_of(st.ip_addresses().map(str), st.sampled_from(["localhost", "[::1]", "abc", "", "999.1.1.1"])),
              st.one_of(st.integers(-5, 70000).map(str), st.sampled_from(["", "80a", "٨٠٠٠", " 8000"])))))
def test_serve_refuses_an_address_it_cannot_listen_at_in_one_line(address):
    """Whatever --alamat says (any text, any IP, any port), the preview answers before it builds anything: an
    address it cannot listen at is one usage line in Bahasa (it was MkDocs' English, or an internal error
    for a port out of range, another machine's address, a port in use); one it can listen at goes on to the
    next check (here: the missing data folder)."""
    status, out, err = run("serve", "--data", "/tidak/ada", "--alamat", address)
    text = "\n".join(out + err)
    assert status == 2 and "Traceback" not in text and INTERNAL not in text, text
    said = [line for line in err if line.startswith("kinerja: kesalahan penggunaan: ")]
    assert len(said) == 1 and not ENGLISH.search(said[0]), err
    unusable = "\x00" in address or any("\ud800" <= c <= "\udfff" for c in address)  # refused as any argument is
    expected = "argumen ke-5" if unusable else \
        "folder paket data '/tidak/ada' tidak ditemukan" if _listenable(address) else "--alamat"
    assert expected in said[0], (address, said)


def _listenable(address: str) -> bool:
    """What the preview's server can do with `address`: MkDocs reads it, and a socket binds there."""
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress

    try:
        host, port = IpAddress().validate(address)
    except ValidationError:
        return False
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1" if host == "localhost" else host, port))
    except (OSError, OverflowError):
        return False
    return port != 0  # port 0 binds anywhere; the preview would print an address it is not at


def test_a_port_in_use_is_named_as_such():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, _, err = run("serve", "--alamat", f"127.0.0.1:{port}")
    assert status == 2 and err[-1] == f"kinerja: kesalahan penggunaan: --alamat '127.0.0.1:{port}' tidak dapat dipakai: " \
                                      "sudah dipakai program lain"
    assert run("serve", "--data", "/tidak/ada", "--alamat", "127.0.0.1:99999")[2][-1].endswith(
        "port harus 1-65535, misalnya 127.0.0.1:8000")


def test_a_stop_python_dropped_still_ends_the_preview():
    """`kinerja serve` remembers Ctrl+C and SIGTERM (`generator.stops`), and the hook's `on_serve` ends the
    server on the remembered stop: a loaded machine's run once saw the KeyboardInterrupt lost mid-rebuild,
    and the preview served on until a second Ctrl+C. Here the handler runs and its exception goes nowhere,
    as when Python drops it; the server is told to shut down all the same."""
    from generator import stops
    from generator.commands.common import interrupted
    from generator.publish import serve_hook

    class Server:
        def __init__(self):
            self.down = threading.Event()

        def shutdown(self):
            self.down.set()

    server = Server()
    assert serve_hook.on_serve(server, config=None, builder=None) is server
    try:
        assert not server.down.is_set()  # no stop, no shutdown
        try:
            interrupted(signal.SIGINT, None)
        except KeyboardInterrupt:
            pass  # dropped
        assert server.down.wait(60)
    finally:
        stops.forget_stops()


def test_a_folder_link_out_of_the_package_is_refused_before_the_preview_starts(pkg, tmp_path):
    """`data/akar -> /` kept the preview walking the whole machine (watching follows links): it printed its
    address and never answered, at 100 % of a core and ~20 MB more memory each second. A folder link that
    leads out of the package (or nowhere) is a usage error before anything starts; one inside it is fine."""
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    (pkg / "data" / "dalam").symlink_to("..")
    (pkg / "data" / "akar").symlink_to(elsewhere)
    done = subprocess.run([sys.executable, "-m", "generator", "serve", "--data", str(pkg), "--alamat",
                           f"127.0.0.1:{_port()}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.splitlines() == [
        f"kinerja: kesalahan penggunaan: folder '{pkg}/data/akar' adalah tautan ke luar folder paket ({elsewhere}); "
        "pratinjau mengawasi seluruh folder paket, jadi hapus tautan itu atau pindahkan isinya ke dalam paket"], done.stderr
