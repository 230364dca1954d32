"""`kinerja pecah`: split a large catalog into shard catalogs, each built as an independent job, and write
the roll-up catalog that assembles what they publish."""
from __future__ import annotations

import shlex
import sys
from pathlib import Path

from generator.commands.common import EXIT_INVALID, EXIT_OK, missing, usage_error, whole_number

HELP = "pecah katalog besar menjadi beberapa katalog shard (dibangun terpisah) dan tulis katalog rekapnya"


def register(sub) -> None:
    p = sub.add_parser("pecah", help=HELP, description=HELP)
    p.add_argument("katalog", metavar="KATALOG", help="folder katalog atau berkas katalog.json")
    p.add_argument("--shard", type=whole_number, required=True, metavar="JUMLAH", help="jumlah shard")
    p.add_argument("--situs", default="situs", metavar="FOLDER",
                   help="folder (relatif terhadap katalog) tempat situs setiap shard dibangun (bawaan: situs)")
    p.add_argument("--alamat", default=None, metavar="URL",
                   help="alamat publik tempat situs shard diterbitkan, misalnya https://org.github.io/repo/: "
                        "situs shard-01 di URL/shard-01/ (rekap menautkannya)")


def run(args) -> int:
    from generator.domain.text import web_address
    from generator.load import safe_relative
    from generator.outputs import unwritable
    from generator.publish.catalog import catalog_file, read_catalog
    from generator.rollup.shards import plan_shards, stale_shards, write_shards, written_by_split

    path = Path(args.katalog)
    if not path.exists():
        return missing(path, "katalog")
    file = catalog_file(path)
    if file is None:
        return usage_error(f"'{path}' bukan katalog; yang diharapkan folder dengan katalog.json atau berkas katalog")
    if args.shard < 1:
        return usage_error("--shard paling sedikit 1")
    # where the shard sites are built must be a folder the roll-up may read: inside the catalog's folder
    if safe_relative(file.parent, args.situs) is None or any(c < " " for c in args.situs):
        return usage_error(f"--situs '{args.situs}' tidak sah; yang diharapkan folder di dalam folder katalog, "
                           "misalnya situs")
    if args.alamat is not None and not web_address(args.alamat):
        return usage_error(f"--alamat '{args.alamat}' tidak sah; yang diharapkan alamat http(s), misalnya "
                           "https://org.github.io/repo/")
    if (reason := unwritable(file.parent.resolve(), folder=True)) is not None:
        return usage_error(f"folder katalog '{file.parent}' {reason}")
    sites = (file.parent / args.situs).resolve()
    if sites.exists() and not sites.is_dir():
        return usage_error(f"--situs '{args.situs}' adalah berkas; yang diharapkan folder di dalam folder katalog, "
                           "misalnya situs")
    catalog, report = read_catalog(file)
    if catalog is None:
        for line in report.lines():
            print(line, file=sys.stderr)
        return EXIT_INVALID
    # a shard's site replaces its folder: inside a member's package it would take the member's files with it
    for member in catalog.anggota:
        place = member.path.resolve()
        if sites == place or place in sites.parents:
            return usage_error(f"--situs '{args.situs}' berada di dalam paket data anggota '{member.id}'; situs shard "
                               "dibangun di folder lain, misalnya situs")
    files = plan_shards(catalog, args.shard, args.situs, args.alamat)
    # what the split writes may replace only an earlier split of this catalog, never the catalog itself
    taken = [p for p in files if p == file or (p.exists() and not written_by_split(p, file))]
    if file in taken:
        return usage_error(f"katalog '{file}' akan tertimpa oleh hasil pecahnya sendiri; pecah katalog induknya, atau "
                           "ganti nama katalog ini dulu. Tidak ada yang diubah.")
    if taken:
        return usage_error(f"'{taken[0]}' sudah ada dan bukan hasil kinerja pecah dari {file.name}; pindahkan atau "
                           "ganti namanya dulu agar tidak tertimpa. Tidak ada yang diubah.")
    stale = stale_shards(catalog, files)
    written = write_shards(catalog, args.shard, args.situs, args.alamat)
    for name in written:
        print(name, file=sys.stdout)
    for old in stale:
        print(f"{old} dihapus: shard pecahan sebelumnya yang tidak ada lagi", file=sys.stderr)
    # as a shell reads it (a folder name with a space); <shard> is the one part to fill in
    data, out = (shlex.quote(str(path)) for path in (file.parent / "<shard>.json", file.parent / args.situs / "<shard>"))
    print(f"{len(written) - 1} katalog shard dan {written[-1]} ditulis. Bangun setiap shard dengan "
          f"kinerja build --data {data} --out {out}, lalu kinerja rekap --data {shlex.quote(str(written[-1]))}",
          file=sys.stderr)
    return EXIT_OK
