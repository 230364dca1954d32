"""`kinerja baru FOLDER`: a new agency's package in minutes. A minimal valid package (the agency, one
tujuan and one sasaran, one indicator with its target, the category scale, the settings) with every
table the annual cycle uses, and PETUNJUK.md saying what to replace and what to do next. Its rows are
placeholders, so the package says `sintetis: true` (every page says so) until the operator turns it off."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

from generator.commands.common import EXIT_OK, usage_error, whole_number
from generator.domain.text import formula_like
from generator.load.cells import YEARS
from generator.load.csvfile import CONTROL
from generator.problems import visible

HELP = "buat paket data baru yang sah untuk perangkat daerah baru, dengan petunjuk pengisian"
RESOURCES = ("instansi", "unit_kerja", "dokumen", "node", "indikator", "target", "realisasi", "skala", "skala_kelas",
             "anggaran", "target_triwulan", "realisasi_triwulan", "anggaran_triwulan")
RENSTRA = 5  # years of the Renstra period a new package starts with
ISI = "Contoh isian dari kinerja baru; ganti dengan sumber sebenarnya (dokumen, tabel, halaman)"


def register(sub) -> None:
    b = sub.add_parser("baru", help=HELP, description=HELP)
    b.add_argument("folder", metavar="FOLDER", help="folder baru (belum ada, atau kosong)")
    b.add_argument("--tahun", type=whole_number, required=True, help="tahun laporan pertama, misalnya 2026")
    b.add_argument("--nama", default="Dinas Contoh", help='nama perangkat daerah (bawaan: "Dinas Contoh")')
    b.add_argument("--pemda", default="Pemerintah Kabupaten Contoh",
                   help='pemerintah daerah (bawaan: "Pemerintah Kabupaten Contoh")')


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "instansi"


def tables(year: int, nama: str, pemda: str) -> dict[str, list[dict]]:
    from generator.synthetic import SKALA, SKALA_KELAS

    ident = slug(nama)
    renstra = f"renstra-{year}-{year + RENSTRA - 1}"
    kelas = ["skala", "kode", "urutan", "batas_bawah", "bawah_inklusif", "batas_atas", "atas_inklusif",
             "rentang_tercetak", "interpretasi"]
    return {
        "instansi": [{"id": ident, "nama": nama, "nama_singkat": nama, "pemerintah_daerah": pemda,
                      "kepala_nama": "Nama Kepala (ganti)", "kepala_jabatan": "Kepala", "sumber": ISI}],
        "unit_kerja": [{"id": "pimpinan", "nama": "Kepala", "pimpinan_nama": "Nama Kepala (ganti)", "sumber": ISI}],
        "dokumen": [
            {"id": renstra, "jenis": "renstra", "judul": f"Rencana Strategis {year}-{year + RENSTRA - 1}",
             "tahun_mulai": year, "tahun_selesai": year + RENSTRA - 1, "sumber": ISI},
            {"id": f"pk-{year}", "jenis": "pk", "judul": f"Perjanjian Kinerja {year} Kepala", "tahun": year,
             "tahun_mulai": year, "tahun_selesai": year, "sumber": ISI},
        ],
        "node": [
            {"id": "t-1", "tingkat": "tujuan", "nomor": "1", "nama": "Tujuan perangkat daerah (ganti)", "unit": "pimpinan",
             "sumber": ISI},
            {"id": "s-1", "tingkat": "sasaran", "induk": "t-1", "nomor": "1.1", "nama": "Sasaran strategis pertama (ganti)",
             "unit": "pimpinan", "sumber": ISI},
        ],
        "indikator": [{"id": "iku-1", "node": "s-1", "nama": "Indikator kinerja utama pertama (ganti)", "satuan": "persen",
                       "polaritas": "tinggi_lebih_baik", "jenis_target": "angka", "iku": "ya", "unit": "pimpinan",
                       "renstra": renstra, "akumulasi": "nilai_terakhir", "sumber": ISI}],
        "target": [{"indikator": "iku-1", "tahun": year, "dokumen": f"pk-{year}", "jenis": "tahunan", "nilai": "80",
                    "label": "80%", "sumber": ISI}],
        "skala": [{"id": i, "nama": n, "jenis": j, "sumber": "Konvensi kategori capaian LKjIP dan mutu IKM "
                                                              "(PermenPANRB 14/2017); sesuaikan dengan skala instansi"}
                  for i, n, j in SKALA],
        "skala_kelas": [{**dict(zip(kelas, row)), "label": row[1]} for row in SKALA_KELAS],
    }


def _csv(schema: dict, rows: list[dict], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([f["name"] for f in schema["fields"]])
    for row in rows:
        writer.writerow([str(row.get(f["name"], "")) for f in schema["fields"]])
    return out.getvalue()


def guide(folder: str, year: int) -> str:
    return (Path(__file__).resolve().parent / "baru_petunjuk.md").read_text(encoding="utf-8").replace(
        "{{FOLDER}}", folder).replace("{{TAHUN}}", str(year)).replace("{{TAHUN_BERIKUT}}", str(year + 1))


def run(args) -> int:
    from generator.outputs import cannot_replace, fill_folder

    folder = Path(args.folder)
    if (reason := cannot_replace(folder)) is not None:
        return usage_error(f"folder '{folder}' {reason}")
    if folder.exists() and any(folder.iterdir()):
        return usage_error(f"folder '{folder}' sudah ada dan berisi berkas; pilih folder baru agar tidak ada yang tertimpa")
    latest = YEARS[1] - (RENSTRA - 1)  # the Renstra the package starts must end by the last year a package may name
    if not 2000 <= args.tahun <= latest:
        return usage_error(f"--tahun {args.tahun} tidak sah; yang diharapkan tahun 2000-{latest} (periode Renstra "
                           f"{RENSTRA} tahun berakhir paling lambat {YEARS[1]}), misalnya 2026")
    for option, value in (("--nama", args.nama), ("--pemda", args.pemda)):
        if (why := _name_problem(value)) is not None:  # the package would be invalid from its first line
            return usage_error(f"{option} '{visible(value)}' {why}")
    fill_folder(folder, lambda into: _write(into, args, shown=folder))
    print(f"Paket data baru ditulis ke {folder} (tahun {args.tahun}). Baca {folder / 'PETUNJUK.md'}, lalu:\n"
          f"  kinerja validate {folder}\n  kinerja templat {folder} --out {folder}.xlsx   (bila ingin mengisi di Excel)\n"
          f"  kinerja build --data {folder} --out site", file=sys.stderr)
    return EXIT_OK


def _name_problem(value: str) -> str | None:
    """Why a name given on the command line cannot stand in `instansi.csv` (a required one-line cell), or None."""
    if not value.strip():
        return "kosong; yang diharapkan nama, misalnya \"Dinas Komunikasi dan Informatika\""
    if CONTROL.search(value) or any(ch in value for ch in "\t\r\n"):
        return "memuat karakter tak terlihat (tab, baris baru atau karakter kendali); yang diharapkan satu baris teks"
    if formula_like(value) and value[:1] not in "-+":  # the cell rule of validate.cells: a spreadsheet runs it
        return (f'diawali "{value[:1]}", yang dijalankan Excel sebagai rumus saat berkas dibuka; yang diharapkan nama '
                f'tanpa "{value[:1]}" di depan')
    return None


def _write(folder: Path, args, shown: Path) -> None:
    """The package's files into `folder`; PETUNJUK.md names the folder as the user gave it (`shown`)."""
    from generator import contract

    rows = tables(args.tahun, args.nama, args.pemda)
    canon = {r["name"]: r for r in contract.canonical_resources()}
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "schemas").mkdir(parents=True, exist_ok=True)
    resources = []
    for name in RESOURCES:
        res = dict(canon[name])
        shutil.copyfile(contract.SCHEMA_DIR / f"{name}.json", folder / res["schema"])
        delimiter = (res.get("dialect") or {}).get("delimiter", ",")
        (folder / res["path"]).write_text(_csv(contract.canonical_schema(name), rows.get(name, []), delimiter),
                                          encoding="utf-8")
        resources.append(res)
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"kinerja-{slug(args.nama)}-{args.tahun}",
        "title": f"Kinerja {args.nama} Tahun {args.tahun}",
        "description": "Paket data kinerja (SAKIP), anggaran dan layanan. Dibuat dengan kinerja baru; isian contoh harus "
                       "diganti dengan data sebenarnya (lihat PETUNJUK.md).",
        "version": "0.1.0",
        "created": f"{args.tahun}-01-01T00:00:00Z",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "kinerja": {"versi_standar": "1", "instansi": slug(args.nama), "tahun_laporan": args.tahun,
                    "dokumen_laporan": None, "skala_kategori_capaian": "kategori-capaian",
                    "batas_capaian_rata_rata": None,
                    "urutan_dokumen_target": ["pk_perubahan", "pk", "rkt", "renstra", "lkjip"],
                    "sintetis": True},
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "PETUNJUK.md").write_text(guide(str(shown), args.tahun), encoding="utf-8")
