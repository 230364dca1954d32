"""`kinerja build`: validate, compute and render a package (or a catalog), then build the site."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from generator import stops
from generator.commands.common import (EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_TERMINATED, Progress,
                                       Terminated, build_failed, interrupted, missing, quiet_stops, seconds_text,
                                       terminated, usage_error)

HELP = "periksa paket data lalu bangun situs"


def register(sub) -> None:
    b = sub.add_parser("build", help=HELP, description=HELP)
    b.add_argument("--data", default="datapackage", metavar="PAKET",
                   help="folder paket data, atau folder/berkas katalog.json untuk portal banyak OPD (bawaan: datapackage)")
    b.add_argument("--out", default="site", metavar="FOLDER", help="folder hasil situs (bawaan: site)")
    b.add_argument("--config", default="mkdocs.yml", metavar="BERKAS.yml", help="konfigurasi MkDocs (bawaan: mkdocs.yml)")
    b.add_argument("--src", default=None, metavar="FOLDER",
                   help="folder halaman tulisan tangan yang ikut diterbitkan, misalnya tentang.md (bawaan: site_src di "
                        "samping berkas konfigurasi)")
    b.add_argument("--url", default=None,
                   help="alamat publik situs, misalnya https://org.github.io/repo/ (untuk peta situs dan navigasi instan)")
    b.add_argument("--scheduler", default=None, metavar="ALAMAT",
                   help="penjadwal klaster Dask, misalnya tcp://10.0.0.5:8786: OPD katalog diperiksa dan disusun di "
                        "pekerja klaster (bawaan: proses di mesin ini, atau DASK_SCHEDULER_ADDRESS bila diisi)")
    b.add_argument("--proses", default=None, type=_processes, metavar="N",
                   help="berapa proses yang boleh dipakai di mesin ini untuk OPD katalog dan halaman situs; 1 = "
                        "semuanya dalam satu proses (bawaan: satu per inti prosesor, atau KINERJA_PROSES bila diisi)")
    b.add_argument("--folder-pekerja", default=None, metavar="FOLDER",
                   help="folder katalog sebagaimana terlihat oleh pekerja klaster, bila salinannya diunggah ke tempat "
                        "lain (bawaan: path yang sama, folder bersama)")


def _processes(text: str) -> int:
    """`--proses`: a whole number from 1 (argparse turns the error into a usage error, exit 2)."""
    from generator.publish.executor import process_count

    if (count := process_count(text)) is None:
        raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan bulat 1 atau lebih")
    return count


def pages_folder(src: str | None, config: Path) -> Path:
    """The hand-written pages: `--src`, or `site_src` beside the MkDocs configuration (as MkDocs reads its
    theme folder relative to the configuration), so a build started from another folder finds them."""
    return Path(src) if src is not None else config.parent / "site_src"


def not_the_package(data: Path) -> str | None:
    """Why a file given as the package is neither a descriptor nor a catalog (a zipped package, the
    operator's workbook, one of the tables): a usage error, as a missing folder is."""
    from generator.load.package import not_a_descriptor
    from generator.publish.catalog import catalog_file

    return None if data.is_dir() or catalog_file(data) is not None else not_a_descriptor(data)


def config_refused(config: Path) -> int | None:
    """A usage error (exit 2) when `--config` is not a file: missing, or a folder (then the mkdocs.yml in it, if
    there is one, is named). Exit 1, each problem a located line, for a configuration MkDocs cannot read
    (`mkdocs.config_problems`)."""
    import shlex

    from generator.problems import Report
    from generator.publish.mkdocs import config_problems

    if config.is_dir():
        inside = config / "mkdocs.yml"
        hint = f"; mungkin maksudnya --config {shlex.quote(str(inside))}" if inside.is_file() else ""
        return usage_error(f"--config '{config}' adalah folder; yang diharapkan berkas konfigurasi MkDocs "
                           f"(mkdocs.yml){hint}")
    if config.exists() and not config.is_file():
        return usage_error(f"--config '{config}' bukan berkas biasa; yang diharapkan berkas konfigurasi MkDocs "
                           "(mkdocs.yml)")
    if not config.is_file():
        return missing(config, "berkas konfigurasi")
    if problems := config_problems(config):
        for line in Report(problems).lines() + [Report(problems).summary("Konfigurasi MkDocs")]:
            print(line, file=sys.stderr)
        return EXIT_INVALID
    return None


def scheduler_refused(address: str | None, configured: bool = False) -> int | None:
    """A usage error (exit 2) for a `--scheduler` that cannot name a Dask scheduler; empty means none. With
    `configured` (the command will use a cluster if one is named), the address Dask's configuration names
    without the flag (`DASK_SCHEDULER_ADDRESS` or its YAML files) is held to the same rule."""
    from generator.publish.executor import ENV, address_problem, configured_address

    given = address or (configured_address() if configured else None)
    if given and (why := address_problem(given)) is not None:
        where = "--scheduler" if address else (ENV if os.environ.get(ENV) else "alamat penjadwal di konfigurasi Dask")
        return usage_error(f"{where} '{given}' tidak sah: {why}")
    return None


def check_inputs(data: Path, config: Path, pages: Path) -> int | None:
    """Usage error (exit 2) when the data package folder, the MkDocs config or a hand-written page every
    portal carries (`render.HANDWRITTEN_NAV`) does not exist: found after the pages are made, it stopped
    MkDocs' strict build with a message in English. A configuration MkDocs cannot read is a located problem
    (exit 1)."""
    from generator.render import HANDWRITTEN_NAV

    if not data.exists():
        return missing(data, "folder paket data")
    if (why := not_the_package(data)) is not None:
        return usage_error(f"--data {why}")
    if (refused := config_refused(config)) is not None:
        return refused
    if not pages.is_dir():
        return missing(pages, "folder halaman tulisan tangan (--src)")
    for entry in HANDWRITTEN_NAV:
        for title, name in entry.items():
            if not (pages / name).is_file():
                return usage_error(f"halaman '{title}' tidak ditemukan: yang diharapkan berkas '{pages / name}' "
                                   "(folder halaman tulisan tangan, --src)")
    return None


def run(args) -> int:
    from generator.render import drawer

    drawer.start()  # first: vl-convert starts up in its own process while the rest loads (render/drawer.py)
    from generator.publish import BuildError, OutputRefused, build_site, recover
    from generator.publish.catalog import catalog_file

    from generator.domain.text import web_address
    from generator.outputs import unwritable

    if args.url is not None and not web_address(args.url):
        return usage_error(f"--url '{args.url}' tidak sah; yang diharapkan alamat http(s) lengkap tanpa spasi atau "
                           "tanda kutip, misalnya https://org.github.io/repo/")
    if (refused := scheduler_refused(args.scheduler)) is not None:
        return refused
    data, config = Path(args.data), Path(args.config)
    pages = pages_folder(args.src, config)
    if unwritable(Path(args.out), folder=True) is None:  # else build_site refuses it, before anything is written
        recover(Path(args.out))  # first: a build killed mid-swap leaves the old site aside
    if (problem := check_inputs(data, config, pages)) is not None:
        return problem
    if catalog_file(data) is not None and (refused := scheduler_refused(args.scheduler, configured=True)) is not None:
        return refused
    from generator.publish.executor import PROCESSES

    if args.proses is not None:
        os.environ[PROCESSES] = str(args.proses)  # read by every step that starts processes, children included
    elif os.environ.get(PROCESSES, "").strip():
        try:
            _processes(os.environ[PROCESSES])
        except argparse.ArgumentTypeError as exc:
            return usage_error(f"{PROCESSES}: {exc}")
    print(f"Membangun situs dari {data}", file=sys.stderr)
    steps = Progress()
    # Ctrl+C and SIGTERM unwind the build (every cleanup runs, the old site stays), also when this process
    # was started with SIGINT ignored, as background jobs are. A stop already sent (while the modules above
    # loaded) stays remembered (`generator.stops`, cleared when the command started): it still stops the build.
    previous = signal.signal(signal.SIGTERM, terminated), signal.signal(signal.SIGINT, interrupted), sys.unraisablehook
    sys.unraisablehook = quiet_stops(previous[2])
    try:
        from generator.publish.executor import choose

        executor = choose(args.scheduler) if catalog_file(data) is not None else None
        result = build_site(data, Path(args.out), config, pages, steps, args.url, executor=executor,
                            worker_root=args.folder_pekerja)
    except OutputRefused as exc:
        steps.failed()
        return usage_error(f"{exc}. Tidak ada yang diubah.")
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # already stopping: a second signal must not cut the report
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # short, nor turn the exit status into a bare signal
        steps.failed()
        print(f"kinerja: pembangunan dihentikan. Situs di {args.out} tidak diubah.", file=sys.stderr)
        stops.forget_stops()  # reported: a later build in this process (tests, a library caller) is not stopped by it
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except BuildError as exc:
        steps.failed()
        return build_failed(exc, args.out)
    finally:
        sys.unraisablehook = previous[2]
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    steps.done()
    for line in result.warnings:
        print(line, file=sys.stderr)
    print(f"Selesai: {result.pages} halaman, {result.charts} grafik, {result.written} berkas berubah, "
          f"{len(result.warnings)} peringatan, {seconds_text(result.seconds)} → {result.out}", file=sys.stderr)
    return EXIT_OK
