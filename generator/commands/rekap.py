"""`kinerja rekap`: a provincial or national roll-up from published portals (or packages) into a small site."""
from __future__ import annotations

import sys
from pathlib import Path

from generator.commands.common import EXIT_OK, Progress, build_failed, missing, seconds_text, usage_error
from generator.commands.build import config_refused, scheduler_refused

HELP = "rekap provinsi/nasional: kumpulkan data terbuka portal-portal, hitung satu tabel per ukuran, bangun situs ringkas"


def register(sub) -> None:
    r = sub.add_parser("rekap", help=HELP, description=HELP)
    r.add_argument("--data", required=True, metavar="KATALOG",
                   help="katalog rekap (rekap.json, atau folder yang memuatnya): daftar sumber, masing-masing portal "
                        "yang sudah terbit (\"situs\": folder atau alamat http(s)) atau paket data/katalog (\"paket\")")
    r.add_argument("--out", default="rekap", metavar="FOLDER", help="folder hasil situs rekap (bawaan: rekap)")
    r.add_argument("--config", default="mkdocs.yml", metavar="BERKAS.yml", help="konfigurasi MkDocs (bawaan: mkdocs.yml)")
    r.add_argument("--url", default=None, help="alamat publik situs rekap")
    r.add_argument("--scheduler", default=None, metavar="ALAMAT",
                   help="penjadwal klaster Dask untuk sumber berupa paket (bawaan: proses di mesin ini)")


def run(args) -> int:
    from generator.domain.text import web_address
    from generator.publish import BuildError, OutputRefused
    from generator.publish.executor import choose
    from generator.rollup import build_rollup

    if args.url is not None and not web_address(args.url):
        return usage_error(f"--url '{args.url}' tidak sah; yang diharapkan alamat http(s) lengkap tanpa spasi atau "
                           "tanda kutip, misalnya https://org.github.io/rekap/")
    if (refused := scheduler_refused(args.scheduler, configured=True)) is not None:
        return refused
    data, config = Path(args.data), Path(args.config)
    if not data.exists():
        return missing(data, "katalog rekap")
    if (refused := config_refused(config)) is not None:
        return refused
    print(f"Membangun rekap dari {data}", file=sys.stderr)
    steps = Progress()
    try:
        result = build_rollup(data, Path(args.out), config, choose(args.scheduler), steps, args.url)
    except OutputRefused as exc:
        steps.failed()
        return usage_error(f"{exc}. Tidak ada yang diubah.")
    except BuildError as exc:
        steps.failed()
        return build_failed(exc, args.out, "Katalog rekap dan sumbernya")
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM (while waiting for another build, say): the step ends
        steps.failed()                # "gagal" on its line, then the stop's own line
        raise
    steps.done()
    for line in result.warnings:
        print(line, file=sys.stderr)
    print(f"Selesai: {result.pages} halaman, {seconds_text(result.seconds)} → {result.out}", file=sys.stderr)
    return EXIT_OK
