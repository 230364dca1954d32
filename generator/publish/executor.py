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
            from distributed import Client, KilledWorker
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ExecutorError(f"paket Python 'distributed' tidak terpasang ({exc})") from exc
        logging.getLogger("distributed").setLevel(logging.ERROR)
        try:
            timeout = {"timeout": self.timeout} if self.timeout else {}
            client = Client(self.address, set_as_default=False, **timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExecutorError(f"tidak dapat menghubungi penjadwal Dask di {self.address} ({_unreached(exc)})") from exc
        try:
            run = uuid.uuid4().hex[:8]
            keys = [f"kinerja-{run}-{n}" for n in range(len(jobs))]
            futures = client.map(fn, list(jobs), key=keys, pure=False, retries=self.retries)
            try:
                return client.gather(futures)
            except KilledWorker as exc:
                raise ExecutorError(f"satu pekerjaan mematikan pekerja Dask berulang kali ({exc}); "
                                    "periksa memori pekerja") from exc
            except (OSError, TimeoutError) as exc:
                raise ExecutorError(f"hubungan ke penjadwal Dask {self.address} terputus ({exc})") from exc
        finally:
            client.close()


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
    if isinstance(exc, ConnectionRefusedError):
        return "sambungan ditolak"
    return f"(pesan Dask) {said}"


def choose(scheduler: str | None = None, parallel: bool = True) -> Executor:
    """The executor for a build: the given scheduler, else the one Dask is configured with, else local."""
    address = scheduler or configured_address()
    return DaskExecutor(address) if address else LocalExecutor(parallel)
