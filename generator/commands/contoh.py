"""`kinerja contoh`: generate a SYNTHETIC kabupaten (N OPD packages and their catalog) for examples and scale tests."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from generator import fmt
from generator.commands.common import EXIT_OK, usage_error, whole_number

MAX_OPD, MAX_RESPONDEN = 2000, 200_000  # a province's OPD and more; a survey's answers many times over
HELP = "bangkitkan kabupaten SINTETIS: N paket data OPD dan katalognya (untuk contoh dan uji skala)"


def register(sub) -> None:
    c = sub.add_parser("contoh", help=HELP, description=HELP)
    c.add_argument("--opd", type=whole_number, default=33, metavar="JUMLAH",
                   help=f"jumlah perangkat daerah, 1 sampai {fmt.angka(MAX_OPD, 0)} (bawaan: 33)")
    c.add_argument("--tahun", default="2021-2025", help="rentang tahun, misalnya 2021-2025 (bawaan), atau satu tahun, "
                                                          "misalnya 2025")
    c.add_argument("--responden", type=whole_number, default=2000, metavar="JUMLAH", help=f"jawaban survei per OPD pada tahun terakhir, 1 sampai {fmt.angka(MAX_RESPONDEN, 0)} (bawaan: 2000)")
    c.add_argument("--seed", type=whole_number, default=2025, metavar="ANGKA", help="seed acak; seed sama, berkas sama (bawaan: 2025)")
    c.add_argument("--out", required=True, metavar="FOLDER", help="folder tujuan (katalog.json dan satu folder per OPD)")
    c.add_argument("--berjalan", type=whole_number, default=None, metavar="TAHUN",
                   help="berapa OPD sudah berada di tengah tahun sesudah rentang (dua triwulan dilaporkan, hasil tahun "
                        "terakhir di arsip /<tahun>/) (bawaan: satu dari sepuluh, paling sedikit satu bila OPD dua atau lebih)")


def not_ours(out: Path) -> str | None:
    """The first thing in an existing `out` that an earlier `kinerja contoh` did not write (a real package, a
    built site, any other file), or None. Only the command's own earlier output may be replaced."""
    from generator.synthetic import CATALOG_TITLE, is_synthetic_member

    if not out.is_dir():
        return None
    for entry in sorted(out.iterdir()):
        if entry.name == "katalog.json" and not entry.is_symlink() and entry.is_file():
            try:
                if json.loads(entry.read_text(encoding="utf-8")).get("judul") == CATALOG_TITLE:
                    continue
            except (OSError, ValueError, AttributeError, RecursionError):
                pass
        elif entry.is_dir() and not entry.is_symlink() and is_synthetic_member(entry):
            continue
        return entry.name
    return None


def run(args) -> int:
    from generator.outputs import cannot_replace, fill_folder
    from generator.synthetic import generate

    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", args.tahun.strip())  # one year: a range of one
    # the packages are dated the February after the range, and a package's date must fall before 2101
    first, last = (int(match.group(1)), int(match.group(2) or match.group(1))) if match else (0, 0)
    if not match or not 2000 <= first <= last <= 2099:
        return usage_error(f"--tahun '{args.tahun}' tidak sah; yang diharapkan rentang seperti 2021-2025 atau satu tahun "
                           "seperti 2025 (tahun 2000 sampai 2099)")
    if args.opd < 1 or args.responden < 1:  # no answers would give an IKM of 0, below every scale
        return usage_error("--opd dan --responden paling sedikit 1")
    # a province has a few hundred OPD, a survey some thousands of answers; far more only fills memory and disk
    if args.opd > MAX_OPD or args.responden > MAX_RESPONDEN:
        return usage_error(f"--opd paling banyak {fmt.angka(MAX_OPD, 0)} dan --responden paling banyak "
                           f"{fmt.angka(MAX_RESPONDEN, 0)} per perintah; untuk lebih banyak OPD, bangkitkan beberapa "
                           "katalog ke folder berbeda (--seed berbeda)")
    years = list(range(first, last + 1))
    out = Path(args.out)
    if args.berjalan is not None and args.berjalan < 0:
        return usage_error("--berjalan tidak boleh negatif")
    if (reason := cannot_replace(out)) is not None:
        return usage_error(f"--out '{out}' {reason}")
    if (other := not_ours(out)) is not None:
        return usage_error(f"--out '{out}' sudah berisi '{other}', yang bukan hasil kinerja contoh; pilih folder baru "
                           "atau kosong agar tidak ada yang tertimpa")
    ids = fill_folder(out, lambda into: generate(into, args.opd, years, args.responden, args.seed, args.berjalan))
    span = f"{first}-{last}" if last != first else str(first)
    print(f"{len(ids)} paket data OPD SINTETIS dan {out / 'katalog.json'} ditulis (tahun {span}, "
          f"{args.responden} responden per OPD, seed {args.seed}). Bangun dengan: kinerja build --data {out}",
          file=sys.stderr)
    return EXIT_OK
