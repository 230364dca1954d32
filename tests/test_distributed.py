"""A catalog's members on a Dask distributed cluster (a LocalCluster of 2 worker processes here) give the
same site as the local process pool, byte for byte; a failing member reports the same lines; a worker
killed in the middle of a member costs a retry, not the output."""
from __future__ import annotations

import functools
import json
import gc
import logging
import operator
import os
import shutil
import signal
import sys
from pathlib import Path

import cloudpickle
import pytest

from conftest import ROOT, edit_csv, tree_hashes
from generator.publish import BuildError, build_site, prepare
from generator.publish.executor import DaskExecutor, LocalExecutor, address_problem, choose
from generator.publish.workspace import Workspace

# The helpers below run on the workers, which cannot import this test module: ship them by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1", silence_logs=logging.ERROR) as c:
        yield c


def test_cluster_build_is_byte_identical_to_the_local_build(kabupaten_site, cluster, tmp_path):
    data = kabupaten_site.site.parent / "kabupaten"
    out = tmp_path / "site"
    result = build_site(data, out, ROOT / "mkdocs.yml", ROOT / "site_src",
                        executor=DaskExecutor(cluster.scheduler_address))
    assert result.pages > 150
    local, remote = tree_hashes(kabupaten_site.site), tree_hashes(out)
    assert sorted(local) == sorted(remote)
    assert [name for name in local if local[name] != remote[name]] == []


def failing_catalog(tmp_path: Path, kabupaten: Path) -> None:
    shutil.copytree(kabupaten, tmp_path / "kabupaten")
    # dinkes runs in 2026 (kinerja contoh: one OPD in ten, at least one)
    edit_csv(tmp_path / "kabupaten" / "dinkes" / "datapackage.json", '"tahun_laporan": 2026', '"tahun_laporan": "dua"')
    edit_csv(tmp_path / "kabupaten" / "disdik" / "data" / "realisasi.csv", "final", "selesai")


def test_failing_members_report_the_same_lines_on_the_cluster(kabupaten_site, cluster, tmp_path):
    failing_catalog(tmp_path, kabupaten_site.site.parent / "kabupaten")
    # The workers see the catalog elsewhere (an uploaded copy): here a second name for the same folder.
    (tmp_path / "di-pekerja").symlink_to(tmp_path / "kabupaten")
    lines = {}
    for name, executor, root in (("lokal", LocalExecutor(workers=2), None),
                                 ("dask", DaskExecutor(cluster.scheduler_address), str(tmp_path / "di-pekerja"))):
        with pytest.raises(BuildError) as stopped:
            build_site(tmp_path / "kabupaten", tmp_path / f"site-{name}", ROOT / "mkdocs.yml", ROOT / "site_src",
                       executor=executor, worker_root=root)
        lines[name] = stopped.value.report.lines()
        assert not (tmp_path / f"site-{name}").exists()
    assert lines["dask"] == lines["lokal"]
    folder = tmp_path / "kabupaten"
    assert lines["dask"] == [
        f'{folder}/disdik/data/realisasi.csv:2:5: kolom "status": nilai "selesai" tidak dikenal; '
        "pilihan yang sah: final, sementara, dibawa, tidak_ada",
        f'{folder}/dinkes/datapackage.json:18:5: kinerja.tahun_laporan "dua" tidak sah; '
        "yang diharapkan tahun 2000-2100, misalnya 2025 (atau null bila paket tidak memuat realisasi)"]


def die_once(markers: str, victim: str, fn, job):
    """Kill this worker process the first time it starts `victim`'s job (as a machine lost mid-job)."""
    marker = Path(markers) / job.id
    if job.id == victim and not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return fn(job)


class Killing(DaskExecutor):
    def __init__(self, address: str, markers: Path, victim: str):
        super().__init__(address)
        self.markers, self.victim = markers, victim

    def map(self, fn, jobs):
        return super().map(functools.partial(die_once, str(self.markers), self.victim, fn), jobs)


def test_a_lost_worker_is_retried_without_changing_the_output(kabupaten_site, cluster, tmp_path):
    data = kabupaten_site.site.parent / "kabupaten"
    markers = tmp_path / "tanda"
    markers.mkdir()
    remote = prepare(data, Workspace(tmp_path / "ws"), executor=Killing(cluster.scheduler_address, markers, "dinkes"))
    assert (markers / "dinkes").exists()  # the worker did die once
    # The same pages and files as the local build wrote for MkDocs.
    written = {**remote.site.pages, **remote.site.files}
    assert len(written) > 200
    for name, content in written.items():
        expected = (kabupaten_site.docs / name).read_bytes()
        assert (content.encode("utf-8") if isinstance(content, str) else content) == expected, name


def test_local_workers_start_with_what_they_inherited_frozen():
    """A member's process starts with what the fork server imported frozen (gc.freeze, LocalExecutor's
    initializer), so the collector's passes in a long catalog build do not walk the libraries again."""
    counts = LocalExecutor(workers=2).map(operator.call, [gc.get_freeze_count] * 2)
    assert len(counts) == 2 and min(counts) > 10_000, counts


def test_the_executor_comes_from_the_flag_or_dasks_configuration(monkeypatch):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert isinstance(choose(None), LocalExecutor)
    assert choose("tcp://10.1.2.3:8786").address == "tcp://10.1.2.3:8786"
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:9999")
    assert choose(None).address == "tcp://127.0.0.1:9999"
    assert choose("tcp://10.1.2.3:8786").address == "tcp://10.1.2.3:8786"


def test_an_unreachable_scheduler_stops_the_build_with_one_line(kabupaten_site, tmp_path, run):
    import dask.config
    import distributed  # noqa: F401 (first: its defaults join Dask's configuration, which the block below restores)

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        status, _, err = run("build", "--data", kabupaten_site.site.parent / "kabupaten", "--out", tmp_path / "site",
                             "--scheduler", "tcp://127.0.0.1:9", "--src", ROOT / "site_src", "--config",
                             ROOT / "mkdocs.yml")
    assert status == 1
    assert "kinerja: tidak dapat menghubungi penjadwal Dask di tcp://127.0.0.1:9 (penjadwal tidak menjawab; periksa " \
           "alamatnya dan apakah penjadwal sudah berjalan)" in err, err
    assert not any("Traceback" in line or "Timed out" in line for line in err)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("address, why", [
    ("bukan-alamat", "bukan alamat dengan nama server dan nomor port"),
    ("tcp://[::1", "bukan alamat dengan nama server dan nomor port"),
    ("tcp://10.0.0.5", "bukan alamat dengan nama server dan nomor port"),
    ("http://10.0.0.5:8786", "skema 'http' tidak dikenal Dask"),
    ("tcp://10.0.0.5:0", "nama server atau nomor port tidak sah"),
    ("tcp://10.0.0.5:70000", "nama server atau nomor port tidak sah"),
])
def test_a_scheduler_address_that_cannot_be_one_is_a_usage_error_before_any_work(tmp_path, run, address, why):
    """A typo in --scheduler surfaced only when the build reached the cluster, in Dask's English ("missing
    port number in address"); now a usage line for build and rekap, before anything is read or written."""
    expected = [f"kinerja: kesalahan penggunaan: --scheduler '{address}' tidak sah: {why}; yang diharapkan alamat "
                "penjadwal seperti tcp://10.0.0.5:8786"]
    for command in (["build", "--out", tmp_path / "situs"], ["rekap", "--out", tmp_path / "rekap"]):
        status, out, err = run(*command, "--data", tmp_path / "tidak-ada", "--scheduler", address)
        assert (status, err) == (2, expected), (command, err)
    assert list(tmp_path.iterdir()) == []
    for fine in ("tcp://10.0.0.5:8786", "10.0.0.5:8786", "tls://penjadwal.contoh.go.id:8786", "tcp://[::1]:8786"):
        assert address_problem(fine) is None, fine


def test_a_stale_copy_on_the_workers_is_refused_and_nothing_is_kept(kabupaten_site, cluster, tmp_path):
    """The workers read the catalog from their own copy (`--folder-pekerja`) that was not updated after an
    edit: the build published the copy's figures, kept them under the key of the edited package, and the
    next local build then published them again ("0 berkas berubah"), though `validate` refused the package.
    A worker now checks that it reads the bytes this build read; a copy that differs, or is missing, stops
    the build with the member's folder named, and nothing is kept."""
    data = tmp_path / "kabupaten"
    shutil.copytree(kabupaten_site.site.parent / "kabupaten", data)
    shutil.copytree(data, tmp_path / "di-pekerja")
    edit_csv(data / "dinkes" / "datapackage.json", '"title": "', '"title": "Diubah: ')
    out = tmp_path / "site"
    for root, state in ((tmp_path / "di-pekerja", "berbeda dari paket ini"), (tmp_path / "tidak-ada", "tidak ada")):
        with pytest.raises(BuildError) as stopped:
            build_site(data, out, ROOT / "mkdocs.yml", ROOT / "site_src", executor=DaskExecutor(cluster.scheduler_address),
                       worker_root=str(root))
        lines = stopped.value.report.lines()
        assert len(lines) == 1 and lines[0].startswith(f"{data}/dinkes:1:1: salinan paket di pekerja "), lines
        assert lines[0].endswith(f"({root}/dinkes) {state}; salin lagi folder katalog ke folder pekerja "
                                 "(--folder-pekerja), lalu bangun lagi"), lines
        assert not out.exists()
    build_site(data, out, ROOT / "mkdocs.yml", ROOT / "site_src", executor=LocalExecutor(workers=1))
    published = json.loads((out / "dinkes" / "data" / "sumber" / "datapackage.json").read_text(encoding="utf-8"))
    assert published["title"].startswith("Diubah: ")


def _silent_server(answer: bytes | None) -> tuple[str, object]:
    """A server that accepts connections and answers nothing (as a web server waits for a request), or
    answers `answer` in another protocol; its address and a function that stops it."""
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    held = []

    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            if answer is not None:
                conn.sendall(answer)
    threading.Thread(target=serve, daemon=True).start()

    def stop():
        listener.close()
        for conn in held:
            conn.close()
    return f"tcp://127.0.0.1:{listener.getsockname()[1]}", stop


@pytest.mark.parametrize("answer", [None, b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"])
def test_a_server_that_is_no_scheduler_is_named_within_a_bounded_time(answer):
    """--scheduler at Dask's dashboard port (a web server) kept the build waiting without end; a server
    answering in HTTP made Dask try to allocate 3 EiB ("kesalahan internal (MemoryError …)"). Both are now
    one line within the connect timeout and as much again for the handshake (at most 10 s more)."""
    from generator.publish.executor import ExecutorError

    address, stop = _silent_server(answer)
    try:
        with pytest.raises(ExecutorError) as stopped:
            DaskExecutor(address, timeout="0.5s").map(operator.neg, [1])
    finally:
        stop()
    said = str(stopped.value)
    assert said.startswith(f"tidak dapat menghubungi penjadwal Dask di {address} (")
    assert "penjadwal Dask" in said.split("(", 1)[1] and "port dasbor" in said, said
    assert not any(word in said for word in ("Error", "Traceback", "allocate", "closed")), said
    if answer is None:  # the silent server is waited for Dask's timeout and as much again (at most 10 s more)
        assert "dalam 2 detik" in said, said


def test_a_bad_scheduler_address_in_dasks_configuration_is_a_usage_error_for_a_catalog(kabupaten_site, tmp_path, run,
                                                                                        monkeypatch):
    """DASK_SCHEDULER_ADDRESS=http://x:1 ended in exit 1 with Dask's English, where --scheduler with the same
    address is a usage error (exit 2). A single package uses no cluster and builds as before."""
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "http://10.0.0.5:8786")
    status, _, err = run("build", "--data", kabupaten_site.site.parent / "kabupaten", "--out", tmp_path / "situs")
    assert (status, err) == (2, ["kinerja: kesalahan penggunaan: DASK_SCHEDULER_ADDRESS 'http://10.0.0.5:8786' tidak "
                                 "sah: skema 'http' tidak dikenal Dask; yang diharapkan alamat penjadwal seperti "
                                 "tcp://10.0.0.5:8786"]), err
    status, _, err = run("rekap", "--data", tmp_path / "tidak-ada", "--out", tmp_path / "rekap")
    assert status == 2 and err[0].startswith("kinerja: kesalahan penggunaan: DASK_SCHEDULER_ADDRESS"), err
    assert list(tmp_path.iterdir()) == []


def _slow(seconds: float) -> float:
    import time

    time.sleep(seconds)  # a member still being built when the scheduler goes away
    return seconds


def test_a_scheduler_lost_mid_build_is_one_line_without_dasks_log():
    """A scheduler killed while members were being built printed Dask's English log with a traceback, then
    "kesalahan internal (FutureCancelledError …)". It is now the build's own line, and Dask says nothing."""
    import threading

    from distributed import LocalCluster

    from generator.publish.executor import ExecutorError

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                           host="127.0.0.1", silence_logs=logging.ERROR)
    address = cluster.scheduler_address
    handler = logging.Handler()
    records: list[logging.LogRecord] = []
    handler.emit = records.append
    logging.getLogger("distributed").addHandler(handler)
    try:
        threading.Timer(3, cluster.close).start()
        with pytest.raises(ExecutorError) as stopped:
            DaskExecutor(address).map(_slow, [30.0])
    finally:
        logging.getLogger("distributed").removeHandler(handler)
        cluster.close()
    assert str(stopped.value) == (f"hubungan ke penjadwal Dask {address} terputus sebelum semua OPD selesai; situs "
                                  "lama tidak diubah")
    assert [r.getMessage() for r in records if r.levelno >= logging.ERROR] == []
