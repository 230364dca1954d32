"""`kinerja contoh`: generate a SYNTHETIC kabupaten (N OPD packages and their catalog) for examples and scale tests."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.commands.common import EXIT_OK, usage_error, whole_number

HELP = "bangkitkan kabupaten SINTETIS: N paket data OPD dan katalognya (untuk contoh dan uji skala)"


def register(sub) -> None:
    c = sub.add_parser("contoh", help=HELP, description=HELP)
    c.add_argument("--opd", type=whole_number, default=33, help="jumlah perangkat daerah (bawaan: 33)")
    c.add_argument("--tahun", default="2021-2025", help="rentang tahun, misalnya 2021-2025 (bawaan)")
    c.add_argument("--responden", type=whole_number, default=2000, help="jawaban survei per OPD pada tahun terakhir (bawaan: 2000)")
    c.add_argument("--seed", type=whole_number, default=2025, help="seed acak; seed sama, berkas sama (bawaan: 2025)")
    c.add_argument("--out", required=True, help="folder tujuan (katalog.json dan satu folder per OPD)")
    c.add_argument("--berjalan", type=whole_number, default=None,
                   help="berapa OPD sudah berada di tengah tahun sesudah rentang (dua triwulan dilaporkan, hasil tahun "
                        "terakhir di arsip /<tahun>/) (bawaan: satu dari sepuluh, paling sedikit satu bila OPD dua atau lebih)")


def run(args) -> int:
    from generator.synthetic import generate

    match = re.fullmatch(r"(\d{4})-(\d{4})", args.tahun)
    if not match or not 2000 <= int(match.group(1)) <= int(match.group(2)) <= 2100:
        return usage_error(f"--tahun '{args.tahun}' tidak sah; yang diharapkan misalnya 2021-2025")
    if args.opd < 1 or args.responden < 0:
        return usage_error("--opd paling sedikit 1 dan --responden tidak boleh negatif")
    years = list(range(int(match.group(1)), int(match.group(2)) + 1))
    out = Path(args.out)
    if args.berjalan is not None and args.berjalan < 0:
        return usage_error("--berjalan tidak boleh negatif")
    ids = generate(out, args.opd, years, args.responden, args.seed, args.berjalan)
    print(f"{len(ids)} paket data OPD SINTETIS dan {out / 'katalog.json'} ditulis (tahun {args.tahun}, "
          f"{args.responden} responden per OPD, seed {args.seed}). Bangun dengan: kinerja build --data {out}",
          file=sys.stderr)
    return EXIT_OK
