"""The `kinerja` command: validate and build a performance portal from a data package."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from generator import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # as a shell reports a command stopped by SIGINT / SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl+C: unwinding runs every cleanup, the old site stays."""


def _terminated(signum, frame):
    raise Terminated


class Parser(argparse.ArgumentParser):
    """argparse in Bahasa Indonesia, exiting with status 2 on a usage error."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"kinerja: kesalahan penggunaan: {message}\n")


def parser() -> Parser:
    p = Parser(prog="kinerja", description="Kinerja Terbuka: portal kinerja dari paket data Frictionless.")
    p.add_argument("--version", action="version", version=f"kinerja {__version__}")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser)
    v = sub.add_parser("validate", help="periksa paket data; keluar 0 bila sah, 1 bila tidak sah")
    v.add_argument("path", nargs="?", default="datapackage",
                   help="folder paket data, atau katalog (semua anggotanya diperiksa) (bawaan: datapackage)")
    v.add_argument("--format", choices=("teks", "github", "markdown"), default="teks",
                   help="teks (bawaan): berkas:baris:kolom: masalah; github: anotasi GitHub Actions pada baris berkas; "
                        "markdown: tabel untuk ringkasan job CI")
    b = sub.add_parser("build", help="periksa paket data lalu bangun situs")
    b.add_argument("--data", default="datapackage",
                   help="folder paket data, atau folder/berkas katalog.json untuk portal banyak OPD (bawaan: datapackage)")
    b.add_argument("--out", default="site", help="folder hasil situs (bawaan: site)")
    b.add_argument("--config", default="mkdocs.yml", help="konfigurasi MkDocs (bawaan: mkdocs.yml)")
    b.add_argument("--src", default="site_src", help="folder halaman Markdown (bawaan: site_src)")
    b.add_argument("--url", default=None,
                   help="alamat publik situs, misalnya https://org.github.io/repo/ (untuk peta situs dan navigasi instan)")
    i = sub.add_parser("ikm", help="hitung IKM (PermenPANRB 14/2017) dari berkas CSV jawaban survei; "
                                   "keluar 0 bila berkas sah, 1 bila tidak sah")
    i.add_argument("file", metavar="BERKAS.csv", help="ekspor jawaban survei dengan kolom u1 sampai u9 (skor 1-4)")
    i.add_argument("--json", action="store_true", help="cetak hasil sebagai satu objek JSON")
    i.add_argument("--data", default="datapackage",
                   help="folder paket data tempat skala mutu-ikm dibaca (bawaan: datapackage)")
    c = sub.add_parser("contoh", help="bangkitkan kabupaten SINTETIS: N paket data OPD dan katalognya (untuk contoh "
                                      "dan uji skala)")
    c.add_argument("--opd", type=int, default=33, help="jumlah perangkat daerah (bawaan: 33)")
    c.add_argument("--tahun", default="2021-2025", help="rentang tahun, misalnya 2021-2025 (bawaan)")
    c.add_argument("--responden", type=int, default=2000, help="jawaban survei per OPD pada tahun terakhir (bawaan: 2000)")
    c.add_argument("--seed", type=int, default=2025, help="seed acak; seed sama, berkas sama (bawaan: 2025)")
    c.add_argument("--out", required=True, help="folder tujuan (katalog.json dan satu folder per OPD)")
    s = sub.add_parser("serve", help="pratinjau dengan muat ulang otomatis; halaman dibuat ulang saat data berubah")
    s.add_argument("--data", default="datapackage", help="folder paket data (bawaan: datapackage)")
    s.add_argument("--config", default="mkdocs.yml", help="konfigurasi MkDocs (bawaan: mkdocs.yml)")
    s.add_argument("--src", default="site_src", help="folder halaman Markdown (bawaan: site_src)")
    s.add_argument("--alamat", default="127.0.0.1:8000", help="alamat:port pratinjau (bawaan: 127.0.0.1:8000)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.perintah == "validate":
        return cmd_validate(Path(args.path), args.format)
    if args.perintah == "build":
        return cmd_build(args)
    if args.perintah == "serve":
        return cmd_serve(args)
    if args.perintah == "ikm":
        return cmd_ikm(args)
    if args.perintah == "contoh":
        return cmd_contoh(args)
    parser().print_help(sys.stderr)
    return EXIT_USAGE


def _missing(path: Path, what: str) -> int:
    print(f"kinerja: kesalahan penggunaan: {what} '{path}' tidak ditemukan", file=sys.stderr)
    return EXIT_USAGE


def _check_inputs(data: Path, config: Path) -> int | None:
    """Usage error (exit 2) when the data package folder or the MkDocs config does not exist."""
    if not data.exists():
        return _missing(data, "folder paket data")
    if not config.is_file():
        return _missing(config, "berkas konfigurasi")
    return None


def cmd_validate(path: Path, form: str = "teks") -> int:
    if not path.exists():
        return _missing(path, "folder paket data")
    report = _validate_any(path)
    if form == "markdown":
        print(report.markdown(f"Hasil pemeriksaan paket data {path}"), end="")
        return EXIT_OK if report.ok else EXIT_INVALID
    for line in report.github_lines() if form == "github" else report.lines():
        print(line)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_INVALID


def _validate_any(path: Path):
    """One package, or every member of a catalog (one report, each line naming its file)."""
    from generator.katalog import catalog_file, read_catalog
    from generator.validate import validate_package

    file = catalog_file(path)
    if file is None:
        return validate_package(path).report
    catalog, report = read_catalog(file)
    for member in catalog.anggota if catalog else []:
        report.problems.extend(validate_package(member.path).report.problems)
    return report


def cmd_build(args) -> int:
    from generator.build import BuildError, build_site

    data, config = Path(args.data), Path(args.config)
    if (problem := _check_inputs(data, config)) is not None:
        return problem
    print(f"Membangun situs dari {data}", file=sys.stderr)
    steps = Progress()
    # Ctrl+C and SIGTERM unwind the build (every cleanup runs, the old site stays), also when this process
    # was started with SIGINT ignored, as background jobs are.
    previous = signal.signal(signal.SIGTERM, _terminated), signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = build_site(data, Path(args.out), config, Path(args.src), steps, args.url)
    except KeyboardInterrupt as exc:
        steps.failed()
        print(f"kinerja: pembangunan dihentikan. Situs di {args.out} tidak diubah.", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except BuildError as exc:
        steps.failed()
        if exc.report is not None:
            for line in exc.report.lines():
                print(line, file=sys.stderr)
            print(exc.report.summary(), file=sys.stderr)
        else:
            print(f"kinerja: {exc}", file=sys.stderr)
        print(f"Situs di {args.out} tidak diubah.", file=sys.stderr)
        return EXIT_INVALID
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    steps.done()
    for line in result.warnings:
        print(line, file=sys.stderr)
    print(f"Selesai: {result.pages} halaman, {result.charts} grafik, {result.written} berkas berubah, "
          f"{len(result.warnings)} peringatan, {fmt_seconds(result.seconds)} → {result.out}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    """MkDocs' live-reload server, watching the data package too; a hook regenerates pages on each rebuild."""
    import os

    from mkdocs.commands.serve import serve

    data, config = Path(args.data), Path(args.config)
    if (problem := _check_inputs(data, config)) is not None:
        return problem
    os.environ["KINERJA_DATA"], os.environ["KINERJA_SRC"] = str(data.resolve()), str(Path(args.src).resolve())
    print(f"Pratinjau {data} di http://{args.alamat}/ (Ctrl+C untuk berhenti)", file=sys.stderr)
    hook = Path(__file__).with_name("serve_hook.py")
    # Ctrl+C and SIGTERM stop the preview, also when started with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        serve(config_file=str(config), livereload=True, watch=[str(data.resolve())], dev_addr=args.alamat,
              docs_dir=str(Path(args.src).resolve()), hooks=[str(hook)])
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def cmd_contoh(args) -> int:
    import re

    from generator.contoh import generate

    match = re.fullmatch(r"(\d{4})-(\d{4})", args.tahun)
    if not match or not 2000 <= int(match.group(1)) <= int(match.group(2)) <= 2100:
        print(f"kinerja: kesalahan penggunaan: --tahun '{args.tahun}' tidak sah; yang diharapkan misalnya 2021-2025",
              file=sys.stderr)
        return EXIT_USAGE
    if args.opd < 1 or args.responden < 0:
        print("kinerja: kesalahan penggunaan: --opd paling sedikit 1 dan --responden tidak boleh negatif", file=sys.stderr)
        return EXIT_USAGE
    years = list(range(int(match.group(1)), int(match.group(2)) + 1))
    out = Path(args.out)
    ids = generate(out, args.opd, years, args.responden, args.seed)
    print(f"{len(ids)} paket data OPD SINTETIS dan {out / 'katalog.json'} ditulis (tahun {args.tahun}, "
          f"{args.responden} responden per OPD, seed {args.seed}). Bangun dengan: kinerja build --data {out}",
          file=sys.stderr)
    return EXIT_OK


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",") + " detik"


class Progress:
    """One line per build step on stderr, with the time the previous step took."""

    def __init__(self):
        import time

        self._clock = time.perf_counter
        self._step, self._started = None, self._clock()

    def __call__(self, step: str) -> None:
        self._finish()
        self._step, self._started = step, self._clock()
        print(f"  {step} ...", end="", file=sys.stderr, flush=True)

    def _finish(self) -> None:
        if self._step is not None:
            print(f" {fmt_seconds(self._clock() - self._started)}", file=sys.stderr, flush=True)

    def done(self) -> None:
        self._finish()
        self._step = None

    def failed(self) -> None:
        if self._step is not None:
            print(" gagal", file=sys.stderr, flush=True)
        self._step = None


def cmd_ikm(args) -> int:
    """IKM of one answers file. The package is only the source of the mutu scale, so a missing or
    invalid package is a usage error (2), checked first; problems in the file exit 1, on stderr,
    keeping stdout for the result (one JSON object with --json)."""
    import json

    from generator.compute.ikm import hitung_ikm
    from generator.compute.scales import scales
    from generator.ikm_file import baca_jawaban, hasil_json, hasil_teks
    from generator.validate import validate_tables

    data = Path(args.data)
    if not data.exists():
        return _missing(data, "folder paket data")
    validated = validate_tables(data, ("skala", "skala_kelas"))  # only the scale is read from the package
    if not validated.report.ok:
        print(f"kinerja: kesalahan penggunaan: paket data '{data}' tidak sah ({len(validated.report.errors)} kesalahan), "
              f"sehingga skala mutu IKM tidak dapat dibaca; jalankan: kinerja validate {data}", file=sys.stderr)
        return EXIT_USAGE
    tables = validated.tables
    scale_id = tables.settings.get("skala_mutu_ikm") or "mutu-ikm"
    scale = scales(tables["skala"], tables["skala_kelas"]).get(scale_id)
    if scale is None or scale.kind != "interval":
        print(f"kinerja: kesalahan penggunaan: paket data '{data}' tidak memiliki skala interval '{scale_id}' "
              "(tabel skala dan skala_kelas) untuk menentukan mutu pelayanan", file=sys.stderr)
        return EXIT_USAGE
    answers, problems = baca_jawaban(args.file)
    if problems:
        limit = 1000
        for problem in problems[:limit]:
            print(problem.line(), file=sys.stderr)
        shown = f" ({limit} pertama ditampilkan)" if len(problems) > limit else ""
        print(f"Berkas jawaban tidak sah: {len(problems)} kesalahan{shown}.", file=sys.stderr)
        return EXIT_INVALID
    hasil = hitung_ikm(answers, scale)
    if args.json:
        print(json.dumps(hasil_json(hasil), ensure_ascii=False))
    else:
        print("\n".join(hasil_teks(hasil, args.file)))
    return EXIT_OK
