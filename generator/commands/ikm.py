"""`kinerja ikm`: the IKM (PermenPANRB 14/2017) of a raw e-survey export, without building a portal."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from generator import fmt
from generator.commands.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, missing, usage_error
from generator.compute.ikm import IkmResult, why_undefined
from generator.domain.ikm import NAMA_UNSUR, UNSUR

HELP = "hitung IKM (PermenPANRB 14/2017) dari berkas CSV jawaban survei; keluar 0 bila berkas sah, 1 bila tidak sah"


def register(sub) -> None:
    i = sub.add_parser("ikm", help=HELP, description=HELP)
    i.add_argument("file", metavar="BERKAS.csv", help="ekspor jawaban survei dengan kolom u1 sampai u9 (atau U1 sampai U9; skor 1-4)")
    i.add_argument("--json", action="store_true", help="cetak hasil sebagai satu objek JSON")
    i.add_argument("--survei", default=None, metavar="ID",
                   help="hitung hanya jawaban survei ini (kolom survei berkas); wajib bila berkas memuat beberapa survei")
    i.add_argument("--data", default=None, metavar="PAKET",
                   help="folder paket data tempat skala mutu IKM dibaca (bawaan: datapackage di folder ini, "
                        "atau paket data bawaan Kinerja Terbuka bila folder itu tidak ada)")


def scale_package(given: str | None) -> Path | None:
    """Where the mutu scale is read from: --data when given; else ./datapackage; else the package beside
    the program (a checkout or editable install), so `kinerja ikm` works from any folder. None when
    neither exists: the caller says exactly what to pass."""
    if given is not None:
        return Path(given)
    here = Path("datapackage")
    if (here / "datapackage.json").is_file():
        return here
    beside = Path(__file__).resolve().parents[2] / "datapackage"
    return beside if (beside / "datapackage.json").is_file() else None


def result_json(hasil: IkmResult) -> dict:
    """The result as a JSON-ready dict in a fixed key order (ikm rounded to 2 decimals, as published)."""
    return {
        "ikm": hasil.ikm_dibulatkan,
        "mutu": hasil.mutu,
        "kinerja": hasil.kinerja,
        "nilai_interval": hasil.nilai_interval,
        "ikm_tanpa_pembulatan": hasil.ikm,
        "responden": hasil.responden,
        "responden_unsur": {u: hasil.responden_unsur[u] for u in UNSUR},
        "nrr": {u: hasil.nrr[u] for u in UNSUR},
        "bobot_unsur": "1/9",
    }


def result_text(hasil: IkmResult, berkas: str) -> list[str]:
    """The result as an Indonesian table for a terminal."""
    width = max(len(n) for n in NAMA_UNSUR.values())
    lines = [f"Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): {berkas}", "",
             f"{'Unsur':<6} {'Nama':<{width}} {'Responden':>10} {'NRR':>6}"]
    for u in UNSUR:
        lines.append(f"{u.upper():<6} {NAMA_UNSUR[u]:<{width}} {fmt.angka(hasil.responden_unsur[u], 0):>10} "
                     f"{fmt.angka(hasil.nrr[u], 2):>6}")
    lines.append("")
    if hasil.ikm is None:
        lines.append(f"IKM tidak dapat dihitung: {why_undefined(hasil)}.")
    else:
        lines += [f"{'IKM (konversi 25-100)':<24}: {fmt.angka(hasil.ikm_dibulatkan, 2)}",
                  f"{'Nilai interval (1-4)':<24}: {fmt.angka(hasil.nilai_interval, 4)}",
                  f"{'Mutu pelayanan':<24}: {hasil.mutu or '–'}",
                  f"{'Kinerja unit pelayanan':<24}: {hasil.kinerja or '–'}"]
    lines += [f"{'Responden':<24}: {fmt.angka(hasil.responden, 0)}", "",
              "IKM = Σ NRR unsur × 1/9 × 25 (bobot tepat 1/9), dibulatkan dua desimal setengah ke atas; "
              "mutu ditentukan dari nilai yang sudah dibulatkan."]
    return lines


def one_survey(answers, chosen: str | None, berkas: str):
    """(the scores u1..u9 of one survey, None), or (None, why not) as a usage error. An IKM is an index of one
    survey (PermenPANRB 14/2017: NRR per unsur of that survey's respondents): a file holding the answers
    of several (the package's jawaban_survei) was pooled into one index no survey has."""
    from generator.load.ikm_file import GROUP

    named = sorted(set(answers[GROUP]) - {""}) if GROUP in answers else []
    if chosen is not None:
        if GROUP not in answers:
            return None, f"--survei '{chosen}': berkas {berkas} tidak memiliki kolom {GROUP}, jadi jawabannya tidak " \
                         "dapat dipilih per survei; hapus --survei untuk menghitung seluruh berkas"
        if chosen not in named:
            return None, f"--survei '{chosen}' tidak ada di kolom {GROUP} berkas {berkas}; yang ada: " + ", ".join(named)
        return answers.loc[answers[GROUP] == chosen, list(UNSUR)], None
    if len(named) > 1:
        return None, f"berkas {berkas} memuat jawaban {len(named)} survei ({', '.join(named)}); IKM dihitung per " \
                     "survei, bukan dari jawaban beberapa survei sekaligus: pilih satu dengan --survei ID"
    return answers[list(UNSUR)], None


def run(args) -> int:
    """IKM of one answers file. The package is only the source of the mutu scale, so a missing or
    invalid package is a usage error (2), checked first; problems in the file exit 1, on stderr,
    keeping stdout for the result (one JSON object with --json)."""
    from generator.compute.ikm import compute_ikm
    from generator.compute.scales import scales
    from generator.load.ikm_file import read_answers
    from generator.validate import validate_tables

    data = scale_package(args.data)
    if data is None:
        return usage_error(
            "skala mutu IKM dibaca dari paket data, tetapi tidak ada folder 'datapackage' di folder ini; "
            "berikan --data FOLDER, folder paket data yang memuat datapackage.json dengan tabel skala dan "
            "skala_kelas (misalnya: kinerja ikm BERKAS.csv --data /jalan/ke/kinerja-terbuka/datapackage)")
    if not data.exists():
        return missing(data, "folder paket data")
    if args.data is None and data != Path("datapackage"):
        print(f"kinerja: skala mutu IKM dibaca dari paket data bawaan {data} "
              "(tidak ada folder datapackage di sini; --data FOLDER untuk memakai skala paket lain)", file=sys.stderr)
    validated = validate_tables(data, ("skala", "skala_kelas"))  # only the scale is read from the package
    if not validated.report.ok:
        print(f"kinerja: kesalahan penggunaan: paket data '{data}' tidak sah ({len(validated.report.errors)} kesalahan), "
              f"sehingga skala mutu IKM tidak dapat dibaca; jalankan: kinerja validate {data}", file=sys.stderr)
        return EXIT_USAGE
    tables = validated.tables
    scale_id = tables.settings.skala_mutu_ikm
    scale = scales(tables["skala"], tables["skala_kelas"]).get(scale_id)
    if scale is None or scale.kind != "interval":
        print(f"kinerja: kesalahan penggunaan: paket data '{data}' tidak memiliki skala interval '{scale_id}' "
              "(tabel skala dan skala_kelas) untuk menentukan mutu pelayanan", file=sys.stderr)
        return EXIT_USAGE
    answers, problems = read_answers(args.file)
    if problems:
        limit = 1000
        for problem in problems[:limit]:
            print(problem.line(), file=sys.stderr)
        shown = f" ({limit} pertama ditampilkan)" if len(problems) > limit else ""
        print(f"Berkas jawaban tidak sah: {len(problems)} kesalahan{shown}.", file=sys.stderr)
        return EXIT_INVALID
    answers, refused = one_survey(answers, args.survei, args.file)
    if refused is not None:
        return usage_error(refused)
    hasil = compute_ikm(answers, scale)
    if args.json:
        print(json.dumps(result_json(hasil), ensure_ascii=False))
    else:
        print("\n".join(result_text(hasil, args.file)))
    return EXIT_OK
