"""Where a catalog's members are built. One interface, `Executor.map(fn, jobs) -> results in job order`,
two engines:

- `LocalExecutor`: processes on this machine, one per core (the default);
- `DaskExecutor`: a Dask distributed cluster (`kinerja build --scheduler tcp://HOST:8786`, or Dask's own
  configuration: `DASK_SCHEDULER_ADDRESS` or `scheduler-address` in its YAML files).

Jobs and results are plain data (`publish.member`): strings, bytes, dictionaries and dataclasses of them,
pickled across the wire. Workers read the packages from a folder they share with this machine, or from
a copy uploaded to them (`worker_root`: where the catalog's folder is on the workers). Nothing is
written by a worker: the build writes the site here, from the results, in the catalog's order, so a
worker lost mid-build (Dask runs its job again elsewhere, up to `distributed.scheduler.allowed-failures`
times) cannot leave half a member in the output.
"""
from __future__ import annotations

import concurrent.futures
import gc
import logging
import multiprocessing
import os
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Protocol

ENV = "DASK_SCHEDULER_ADDRESS"
PROCESSES = "KINERJA_PROSES"  # how many processes a build may use on this machine (`kinerja build --proses`)


def process_count(text: str) -> int | None:
    """A process count as typed (`--proses`, `KINERJA_PROSES`): a whole number from 1, else None."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def cores() -> int:
    """How many processes a build may run at once on this machine: `KINERJA_PROSES` when it holds a positive
    whole number (`kinerja build --proses` sets it, and refuses any other value), else every core this
    process may use. One number for both places a build runs processes: catalog members (`LocalExecutor`)
    and MkDocs' parts (`publish.mkdocs.shard_count`). A machine already busy with other work, such as a
    test run that keeps every core busy with its own workers, gains nothing from more processes: each
    starts cold (imports, the chart engine, empty in-process caches)."""
    given = process_count(os.environ.get(PROCESSES, ""))
    if given is not None:
        return given
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class ExecutorError(Exception):
    """The engine could not run the jobs (cluster unreachable, a job that keeps killing its workers)."""


class Executor(Protocol):
    name: str

    def map(self, fn: Callable, jobs: Sequence) -> list: ...


class LocalExecutor:
    """Processes on this machine (from a fork server where the platform has it), at most `workers` (bawaan:
    `cores()`). `parallel=False`, or one process, runs the jobs in this process (`kinerja serve`)."""

    name = "lokal"

    def __init__(self, parallel: bool = True, workers: int | None = None):
        self.parallel = parallel
        self.workers = workers

    def map(self, fn: Callable, jobs: Sequence) -> list:
        workers = min(len(jobs), self.workers or cores()) if self.parallel else 1
        if workers < 2:
            return [fn(job) for job in jobs]
        context = _context()
        # gc.freeze: what a child has from the fork server (the generator, pandas, ...) lives as long as the
        # child, so its collections need not walk it again and again as members come and go.
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                    initializer=gc.freeze) as pool:
            return list(pool.map(fn, jobs, chunksize=1))


def _context():
    return process_context(["generator.publish.member"])


def process_context(preload: list[str]):
    """Children from a fork server where the platform has one, else spawned: never forked from this
    process, which may already run other libraries' threads (Typst's, after a single-package build in the
    same process, as in `kinerja serve` or the tests). A child forked from a threaded process inherits
    its locks held and hangs. The server imports `preload` once (when it starts: the first caller's
    list); each child forks from it."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(preload)
        return context
    return multiprocessing.get_context("spawn")


class DaskExecutor:
    """The jobs on a Dask distributed cluster. `retries`: how often a job that raised is tried again
    (a lost worker is handled by the scheduler itself, which reruns the job on another worker).
    `timeout`: how long to keep trying to reach the scheduler (bawaan: Dask's
    `distributed.comm.timeouts.connect`)."""

    name = "dask"

    def __init__(self, address: str, retries: int = 1, timeout: str | None = None):
        self.address = address
        self.retries = retries
        self.timeout = timeout

    def map(self, fn: Callable, jobs: Sequence) -> list:
        try:
            from distributed import KilledWorker
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ExecutorError(f"paket Python 'distributed' tidak terpasang ({exc})") from exc
        # Dask's own log lines (English, with tracebacks) would stand beside the build's one line per problem
        for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"] + ["distributed"]:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        client = self._connect()
        try:
            run = uuid.uuid4().hex[:8]
            keys = [f"kinerja-{run}-{n}" for n in range(len(jobs))]
            futures = client.map(fn, list(jobs), key=keys, pure=False, retries=self.retries)
            try:
                return client.gather(futures)
            except KilledWorker as exc:
                job = jobs[keys.index(exc.task)] if exc.task in keys else None
                which = f" (OPD {job.id})" if getattr(job, "id", None) else ""
                raise ExecutorError(f"satu pekerjaan{which} mematikan pekerja Dask berulang kali; periksa memori "
                                    "pekerja") from exc
            except (OSError, TimeoutError, concurrent.futures.CancelledError) as exc:
                raise ExecutorError(f"hubungan ke penjadwal Dask {self.address} terputus sebelum semua OPD "
                                    "selesai; situs lama tidak diubah") from exc
        finally:
            client.close()

    def _connect(self):
        """A client of the scheduler, within a bounded time: Dask's own connect timeout does not cover a
        server that accepts the connection and never answers as a scheduler (a web server, Dask's own
        dashboard port), and a server answering in another protocol can make Dask fail in any way."""
        from distributed import Client

        box: dict = {}

        def attempt() -> None:
            try:
                timeout = {"timeout": self.timeout} if self.timeout else {}
                box["client"] = Client(self.address, set_as_default=False, **timeout)
            except BaseException as exc:  # noqa: BLE001 - reported below, in Bahasa
                box["error"] = exc
        waiting = threading.Thread(target=attempt, daemon=True)
        waiting.start()
        # Dask's own timeout, plus as much again for the handshake, at most 10 s more (the bawaan 30 s: 40 s)
        seconds = _seconds(self.timeout)
        limit = seconds + min(10.0, max(1.0, seconds))
        waiting.join(limit)
        if waiting.is_alive():
            raise ExecutorError(f"tidak dapat menghubungi penjadwal Dask di {self.address} (server di alamat itu "
                                f"tidak menjawab sebagai penjadwal Dask dalam {limit:.0f} detik; periksa nomor "
                                "portnya: port penjadwal, bukan port dasbor)")
        if "error" in box:
            exc = box["error"]
            raise ExecutorError(f"tidak dapat menghubungi penjadwal Dask di {self.address} ({_unreached(exc)})") from exc
        return box["client"]


def _seconds(timeout: str | None) -> float:
    """Dask's connect timeout in seconds (`timeout`, else its configuration)."""
    from dask.utils import parse_timedelta
    import dask.config

    return float(parse_timedelta(timeout or dask.config.get("distributed.comm.timeouts.connect"), default="s"))


def configured_address() -> str | None:
    """The scheduler Dask's own configuration names (environment first, then its YAML files), if any."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    try:
        import dask.config
    except ImportError:  # pragma: no cover
        return None
    address = dask.config.get("scheduler-address", default=None)
    return str(address) if address else None


SCHEMES = ("tcp", "tls", "ws", "wss")  # Dask's network transports, each addressed as HOST:PORT


def address_problem(address: str) -> str | None:
    """Why `address` cannot name a Dask scheduler (a usage error, before any work: a typo once surfaced only
    when the build reached the cluster, in Dask's English), or None."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port

    example = "yang diharapkan alamat penjadwal seperti tcp://10.0.0.5:8786"
    try:
        scheme, place = parse_address(address, strict=False)
        if scheme not in SCHEMES:
            return f"skema '{scheme}' tidak dikenal Dask; {example}"
        host, port = parse_host_port(place)
    except ValueError:
        return f"bukan alamat dengan nama server dan nomor port; {example}"
    if not host or not 1 <= int(port) <= 65535:
        return f"nama server atau nomor port tidak sah; {example}"
    return None


def _unreached(exc: BaseException) -> str:
    """Why the scheduler was not reached, in Bahasa (Dask's own words are English)."""
    said = str(exc)
    if isinstance(exc, TimeoutError) or said.startswith("Timed out trying to connect"):
        return "penjadwal tidak menjawab; periksa alamatnya dan apakah penjadwal sudah berjalan"
    if isinstance(exc, ConnectionRefusedError) or "Connection refused" in said:
        return "sambungan ditolak; periksa alamatnya dan apakah penjadwal sudah berjalan"
    return ("server di alamat itu tidak menjawab sebagai penjadwal Dask; periksa nomor portnya: port penjadwal, "
            "bukan port dasbor")


def choose(scheduler: str | None = None, parallel: bool = True) -> Executor:
    """The executor for a build: the given scheduler, else the one Dask is configured with, else local."""
    address = scheduler or configured_address()
    return DaskExecutor(address) if address else LocalExecutor(parallel)
