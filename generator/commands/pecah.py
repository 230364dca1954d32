"""`kinerja pecah`: split a large catalog into shard catalogs, each built as an independent job, and write
the roll-up catalog that assembles what they publish."""
from __future__ import annotations

import sys
from pathlib import Path

from generator.commands.common import EXIT_INVALID, EXIT_OK, missing, usage_error, whole_number

HELP = "pecah katalog besar menjadi beberapa katalog shard (dibangun terpisah) dan tulis katalog rekapnya"


def register(sub) -> None:
    p = sub.add_parser("pecah", help=HELP, description=HELP)
    p.add_argument("katalog", help="folder katalog atau berkas katalog.json")
    p.add_argument("--shard", type=whole_number, required=True, help="jumlah shard")
    p.add_argument("--situs", default="situs",
                   help="folder (relatif terhadap katalog) tempat situs setiap shard dibangun (bawaan: situs)")
    p.add_argument("--alamat", default=None, metavar="URL",
                   help="alamat publik tempat situs shard diterbitkan, misalnya https://org.github.io/repo/: "
                        "situs shard-01 di URL/shard-01/ (rekap menautkannya)")


def run(args) -> int:
    from generator.publish.catalog import catalog_file, read_catalog
    from generator.rollup.shards import write_shards

    path = Path(args.katalog)
    if not path.exists():
        return missing(path, "katalog")
    file = catalog_file(path)
    if file is None:
        return usage_error(f"'{path}' bukan katalog; yang diharapkan folder dengan katalog.json atau berkas katalog")
    if args.shard < 1:
        return usage_error("--shard paling sedikit 1")
    catalog, report = read_catalog(file)
    if catalog is None:
        for line in report.lines():
            print(line, file=sys.stderr)
        return EXIT_INVALID
    if args.alamat is not None and not args.alamat.startswith(("http://", "https://")):
        return usage_error(f"--alamat '{args.alamat}' tidak sah; yang diharapkan alamat http(s)")
    written = write_shards(catalog, args.shard, args.situs, args.alamat)
    for name in written:
        print(name, file=sys.stdout)
    print(f"{len(written) - 1} katalog shard dan {written[-1]} ditulis. Bangun setiap shard dengan "
          f"kinerja build --data {file.parent / '<shard>.json'} --out {file.parent / args.situs / '<shard>'}, lalu "
          f"kinerja rekap --data {written[-1]}",
          file=sys.stderr)
    return EXIT_OK
