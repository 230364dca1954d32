#!/usr/bin/env python3
"""Generate the SYNTHETIC example data package `examples/contoh-sintetis/`.

The package describes a fictional agency ("Dinas Contoh Kabupaten Sintetis") over a whole
Renstra period (2021-2025) and deliberately exercises what the real default package lacks:
five years of targets and realisations, a PK Perubahan in a non-report year, lower-better,
yes/no, level, category and range indicators, a value carried forward, a missing 2025 value,
a lower-better realisation above twice its target (capaian floored at 0), per-respondent survey
answers (a few thousand rows, with blanks), budgets for every year with exactly one deliberate
sub kegiatan pagu that does not add up to its kegiatan (a validation warning), and printed
report figures with exactly one deliberate inconsistency (an average printed as a sum).

Usage:
    python examples/buat_contoh_sintetis.py [--out DIR] [--seed N]

Determinism: all randomness comes from `random.Random(seed).random()`, whose sequence Python
guarantees across versions for a given seed; every transform on top of it (categorical draws,
normal variates, rounding) is written here, and amounts use `Decimal`. The same seed therefore
gives byte-identical files. Table Schemas are byte-identical copies of `generator/schemas/`, and
the resource list is `generator/schemas/resources.json`; CSV columns follow each schema's field
order, so a schema change shows up as a stale example (see tests/test_synthetic_example.py).

All data text (names, descriptions) is in Bahasa Indonesia and is invented: this is not an
official report of any agency.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import shutil
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMAS = ROOT / "generator" / "schemas"
DEFAULT_OUT = HERE / "contoh-sintetis"
DEFAULT_SEED = 20250101

YEARS = [2021, 2022, 2023, 2024, 2025]
REPORT_YEAR = 2025
SEMICOLON = {"anggaran", "belanja", "anggaran_triwulan"}  # Indonesian-locale Excel exports: `;` and `1.234.567,00`
SUMBER = "Data sintetis (contoh), dibangkitkan oleh buat_contoh_sintetis.py"
# Columns written only when the canonical schema has them (schemas evolve with the generator).
OPTIONAL_COLUMNS = {"belanja": {"tahun"}, "angka_laporan": {"dokumen"}}


def sumber(detail: str = "") -> str:
    return f"{SUMBER} — {detail}" if detail else SUMBER  # no `;`: anggaran/belanja are `;`-separated


# --- numbers ---------------------------------------------------------------------------------

def q(value, places: int = 2) -> Decimal:
    """Round half up to `places` decimals (how reports round: 107,135 -> 107,14)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def dot(value, places: int | None = None) -> str:
    """A number for the dot-decimal CSVs: `88.19`; integers without decimals."""
    if value is None:
        return "-"
    d = dec(value)
    if places is not None:
        d = q(d, places)
    return format(d, "f")


def indo(value, places: int = 2) -> str:
    """Indonesian number as printed: `1.234.567,89`; `places=0` prints no decimals."""
    d = q(dec(value), places)
    sign = "-" if d < 0 else ""
    whole, _, frac = format(abs(d), "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{frac}" if frac else text


def indo_short(value) -> str:
    """Indonesian number without trailing zeros: 7 -> `7`, 6.50 -> `6,5`, 2.60 -> `2,6`."""
    text = format(dec(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def rupiah(value) -> str:
    return indo(value, 2)


# --- randomness (only Random.random() is used; see the module docstring) ------------------------

class Draw:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def u(self) -> float:
        return self.rng.random()

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.u()

    def normal(self, mean: float = 0.0, sd: float = 1.0) -> float:
        u1 = 1.0 - self.u()  # (0, 1]
        u2 = self.u()
        return mean + sd * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def choice(self, options: list, weights: list[float]):
        x = self.u() * sum(weights)
        acc = 0.0
        for option, weight in zip(options, weights):
            acc += weight
            if x < acc:
                return option
        return options[-1]

    def integer(self, low: int, high: int) -> int:
        """Uniform integer in [low, high]."""
        return low + min(int(self.u() * (high - low + 1)), high - low)


# --- fixed content ----------------------------------------------------------------------------

KEPALA = "Drs. Andi Contoh, M.Si."
BUPATI = "H. Karim Percontohan, S.H."
INSTANSI_ID = "dinas-contoh-sintetis"
INSTANSI_NAMA = "Dinas Contoh Kabupaten Sintetis"

INSTANSI = {
    "id": INSTANSI_ID,
    "nama": INSTANSI_NAMA,
    "nama_singkat": "Dinas Contoh Sintetis",
    "pemerintah_daerah": "Pemerintah Kabupaten Sintetis",
    "provinsi": "Provinsi Contoh",
    "alamat": "Jl. Contoh Raya No. 1, Kompleks Perkantoran Fiktif, Kecamatan Sampel",
    "kode_pos": "99999",
    "telepon": "(0000) 123456",
    "faksimile": "-",
    "email": "dinas@contoh-sintetis.example",
    "situs": "contoh-sintetis.example",
    "kepala_nama": KEPALA,
    "kepala_jabatan": "Kepala Dinas",
    "visi": "Kabupaten Sintetis yang Terbuka, Digital dan Melayani (visi fiktif untuk data contoh)",
    "misi": "Misi I: Mewujudkan tata kelola pemerintahan yang transparan, akuntabel dan berbasis elektronik",
    "tujuan_organisasi": "Meningkatnya keterbukaan informasi, kualitas layanan pemerintahan berbasis elektronik "
                         "dan akuntabilitas kinerja perangkat daerah",
    "fungsi": "Perumusan kebijakan bidang komunikasi, informatika, statistik dan persandian; pelaksanaan kebijakan; "
              "evaluasi dan pelaporan; pelaksanaan administrasi dinas",
    "dasar_hukum": "Peraturan Daerah Kabupaten Sintetis Nomor 0 Tahun 2016 (fiktif)",
    "beroperasi_sejak": "2017-01-02",
    "sumber": sumber("instansi fiktif, bukan perangkat daerah yang ada"),
}

UNIT_KERJA = [
    ("pimpinan", "Kepala Dinas", "", KEPALA, "Kepala Dinas"),
    ("sekretariat", "Sekretariat", "pimpinan", "Sari Sampel, S.E.", "Sekretaris Dinas"),
    ("ikp", "Bidang Informasi dan Komunikasi Publik", "pimpinan", "Rina Rekaan, S.Sos.",
     "Kepala Bidang Informasi dan Komunikasi Publik"),
    ("aptika", "Bidang Aplikasi Informatika", "pimpinan", "Budi Fiktif, S.T., M.Kom.", "Kepala Bidang Aplikasi Informatika"),
    ("sandistik", "Bidang Statistik dan Persandian", "pimpinan", "Dedi Simulasi, S.Si.",
     "Kepala Bidang Statistik dan Persandian"),
]

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


def tanggal_cetak(d: date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


# Tree: (id, tingkat, induk, nomor, kode, kode_laporan, nama, sasaran_uraian, unit)
TUJUAN = ("t-1", "tujuan", "", "1", "", "",
          "Meningkatnya tata kelola pemerintahan yang terbuka, berbasis elektronik dan akuntabel", "", "pimpinan")
SASARAN = [
    ("s-1", "sasaran", "t-1", "1.1", "", "1", "Meningkatnya keterbukaan dan kualitas layanan informasi publik", "", "ikp"),
    ("s-2", "sasaran", "t-1", "1.2", "", "2",
     "Meningkatnya penyelenggaraan pemerintahan berbasis elektronik yang andal dan aman", "", "aptika"),
    ("s-3", "sasaran", "t-1", "1.3", "", "3",
     "Meningkatnya akuntabilitas kinerja dan kualitas data sektoral perangkat daerah", "", "sekretariat"),
]
# program id -> (sasaran, kode, kode_laporan, nama, sasaran program, unit, [(kegiatan id, kode suffix, nama,
#   sasaran kegiatan, [(sub id, nama, base pagu 2025 in Rupiah)])])
PROGRAMS = [
    ("p-penunjang", "s-3", "2.16.01", "A", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
     "Meningkatnya kualitas layanan fungsi penunjang", "sekretariat", [
         ("k-perencanaan", "2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
          "Tersusunnya dokumen perencanaan dan laporan kinerja tepat waktu", [
              ("sk-dokumen-perencanaan", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 45_000_000),
              ("sk-laporan-kinerja", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
               38_000_000),
              ("sk-evaluasi-kinerja", "Evaluasi Kinerja Perangkat Daerah", 25_000_000)]),
         ("k-keuangan", "2.02", "Administrasi Keuangan Perangkat Daerah",
          "Terlaksananya penatausahaan keuangan sesuai standar", [
              ("sk-gaji", "Penyediaan Gaji dan Tunjangan ASN", 5_200_000_000),
              ("sk-penatausahaan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", 60_000_000)]),
         ("k-umum", "2.06", "Administrasi Umum Perangkat Daerah", "Terpenuhinya sarana pendukung kinerja", [
             ("sk-peralatan", "Penyediaan Peralatan dan Perlengkapan Kantor", 85_000_000),
             ("sk-logistik", "Penyediaan Bahan Logistik Kantor", 40_000_000),
             ("sk-rapat", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", 110_000_000)]),
         ("k-jasa-penunjang", "2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
          "Terpenuhinya jasa penunjang kantor", [
              ("sk-jasa-komunikasi", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", 210_000_000),
              ("sk-pelayanan-umum", "Penyediaan Jasa Pelayanan Umum Kantor", 420_000_000)]),
     ]),
    ("p-ikp", "s-1", "2.16.02", "B", "Program Informasi dan Komunikasi Publik",
     "Meningkatnya jangkauan dan kualitas komunikasi publik pemerintah daerah", "ikp", [
         ("k-ikp", "2.01", "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota",
          "Meningkatnya layanan informasi publik yang cepat dan tepat", [
              ("sk-pelayanan-informasi", "Pelayanan Informasi Publik", 65_000_000),
              ("sk-media", "Pengelolaan Media Komunikasi Publik", 95_000_000),
              ("sk-konten", "Penyusunan Konten", 130_000_000),
              ("sk-kim", "Kemitraan Komunikasi dengan Komunitas Informasi Masyarakat", 15_000_000)]),
     ]),
    ("p-aptika", "s-2", "2.16.03", "C", "Program Aplikasi Informatika",
     "Meningkatnya kualitas layanan aplikasi dan infrastruktur pemerintahan berbasis elektronik", "aptika", [
         ("k-domain", "2.01", "Pengelolaan Nama Domain yang telah Ditetapkan oleh Pemerintah Pusat dan Sub Domain di "
                              "Lingkup Pemerintah Daerah Kabupaten/Kota",
          "Terkelolanya nama domain dan sub domain pemerintah daerah", [
              ("sk-domain", "Pengelolaan Nama Domain dan Sub Domain Penyelenggaraan Pemerintah Daerah", 28_000_000)]),
         ("k-egov", "2.02", "Pengelolaan e-Government di Lingkup Pemerintah Daerah Kabupaten/Kota",
          "Meningkatnya ketersediaan dan keandalan infrastruktur SPBE", [
              ("sk-jaringan-intra", "Penyelenggaraan Jaringan Intra Pemerintah Daerah", 680_000_000),
              ("sk-internet", "Penyediaan Akses Internet untuk Perangkat Daerah", 1_050_000_000),
              ("sk-aplikasi", "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik", 240_000_000),
              ("sk-pusat-data", "Penyelenggaraan Pusat Data Pemerintah Daerah", 310_000_000)]),
     ]),
    ("p-statistik", "s-3", "2.20.02", "D", "Program Penyelenggaraan Statistik Sektoral",
     "Meningkatnya ketersediaan data statistik sektoral yang berkualitas", "sandistik", [
         ("k-statistik", "2.01", "Penyelenggaraan Statistik Sektoral di Lingkup Daerah Kabupaten/Kota",
          "Tersedianya data sektoral terpadu dalam Portal Satu Data", [
              ("sk-data-sektoral", "Pengumpulan dan Pengolahan Data Statistik Sektoral", 75_000_000),
              ("sk-portal-data", "Pengelolaan Portal Satu Data Kabupaten", 48_000_000)]),
     ]),
    ("p-persandian", "s-2", "2.21.02", "E", "Program Penyelenggaraan Persandian untuk Pengamanan Informasi",
     "Meningkatnya keamanan informasi pemerintah daerah", "sandistik", [
         ("k-persandian", "2.01", "Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Kabupaten/Kota",
          "Tertanganinya insiden keamanan informasi", [
              ("sk-analisis-keamanan", "Pelaksanaan Analisis Kebutuhan dan Pengelolaan Sumber Daya Keamanan Informasi",
               18_000_000),
              ("sk-layanan-keamanan", "Penyediaan Layanan Keamanan Informasi Pemerintah Daerah", 92_000_000)]),
     ]),
]
SASARAN_ORDER = ["s-1", "s-2", "s-3"]
YEAR_FACTOR = {2021: Decimal("0.82"), 2022: Decimal("0.86"), 2023: Decimal("0.91"), 2024: Decimal("0.95"),
               2025: Decimal("1.00")}
MISMATCH = {"node": "sk-konten", "tahun": 2025, "selisih": Decimal(1_500_000)}  # the one deliberate warning
MODAL_SHARE = {"sk-peralatan": Decimal("0.70"), "sk-pusat-data": Decimal("0.60"), "sk-jaringan-intra": Decimal("0.25"),
               "sk-layanan-keamanan": Decimal("0.40")}

# Indicators: id -> spec. Targets per year (values as text so they print as written); realisasi per
# year as (value or None, status, catatan).
R = "renstra-2021-2025"
INDICATORS = [
    dict(id="iku-ikm", node="s-1", nama="Indeks Kepuasan Masyarakat (IKM) atas layanan informasi dan data",
         satuan="nilai", polaritas="tinggi_lebih_baik", jenis="angka", skala="mutu-ikm", iku=True, unit="ikp",
         definisi="Nilai IKM atas tiga jenis layanan informasi dan data, diukur dengan survei kepuasan masyarakat "
                   "menurut PermenPANRB 14/2017.",
         rumus="IKM = (Σ NRR unsur × 1/9) × 25", sumber_data="Laporan Hasil Survei Kepuasan Masyarakat",
         target=["80", "81", "82", "83", "84"], akhir="84",
         realisasi={2021: ("78.45", "final", ""), 2022: ("81.90", "final", ""), 2023: ("83.10", "final", ""),
                    2024: ("survei", "final", ""), 2025: ("survei", "final", "")}),
    dict(id="iku-keterbukaan", node="s-1", nama="Nilai Keterbukaan Informasi Publik hasil monev Komisi Informasi",
         satuan="kategori", polaritas="tinggi_lebih_baik", jenis="kategori", skala="ki-monev", iku=True, unit="ikp",
         definisi="Nilai dan kategori keterbukaan informasi badan publik menurut monitoring dan evaluasi Komisi "
                   "Informasi Provinsi (Perki 1/2022).",
         rumus="Nilai monev Komisi Informasi; kategori menurut skala ki-monev",
         sumber_data="Keputusan Komisi Informasi Provinsi Contoh tentang hasil monev",
         target=["60", "80", "80", "90", "90"], akhir="90",
         realisasi={2021: ("68.75", "final", ""), 2022: ("82.40", "final", ""), 2023: ("86.10", "final", ""),
                    2024: ("91.35", "final", ""), 2025: ("93.40", "final", "")}),
    dict(id="iku-waktu-informasi", node="s-1", nama="Rata-rata waktu penyelesaian permohonan informasi",
         satuan="hari kerja", polaritas="rendah_lebih_baik", jenis="angka", skala="", iku=True, unit="ikp",
         definisi="Rata-rata hari kerja sejak permohonan informasi publik diterima lengkap sampai diberikan "
                   "jawaban tertulis (standar layanan 10 hari kerja).",
         rumus="Σ hari kerja penyelesaian seluruh permohonan / jumlah permohonan",
         sumber_data="Register permohonan informasi PPID",
         target=["10", "9", "8", "7", "7"], akhir="7",
         realisasi={2021: ("11.0", "final", ""), 2022: ("8.6", "final", ""), 2023: ("7.9", "final", ""),
                    2024: ("6.4", "final", ""), 2025: ("6.5", "final", "")}),
    dict(id="iku-spbe", node="s-2", nama="Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)",
         satuan="indeks", polaritas="tinggi_lebih_baik", jenis="angka", skala="predikat-spbe", iku=True, unit="aptika",
         definisi="Indeks SPBE hasil evaluasi KemenPANRB, rata-rata terboboti empat domain.",
         rumus="Σ (bobot domain × nilai domain) / 100", sumber_data="Keputusan MenPANRB tentang hasil evaluasi SPBE",
         target=["2.20", "2.40", "2.60", "2.80", "3.00"], akhir="3.00",
         realisasi={2021: ("2.18", "final", ""), 2022: ("2.47", "final", ""), 2023: ("2.85", "final", ""),
                    2024: ("3.12", "final", ""),
                    2025: (None, "tidak_ada", "Hasil evaluasi SPBE 2025 belum diumumkan saat laporan disusun")}),
    dict(id="iku-kami", node="s-2", nama="Tingkat kematangan keamanan informasi (Indeks KAMI)",
         satuan="level", polaritas="tinggi_lebih_baik", jenis="level", skala="level-kami", iku=True, unit="sandistik",
         definisi="Tingkat kematangan penerapan keamanan informasi menurut Indeks KAMI BSSN.",
         rumus="Level Indeks KAMI hasil verifikasi BSSN", sumber_data="Laporan verifikasi Indeks KAMI",
         target=["1", "2", "2", "3", "3"], akhir="3",
         realisasi={2021: ("1", "final", ""), 2022: ("2", "final", ""), 2023: ("2", "final", ""),
                    2024: ("2", "final", "Verifikasi BSSN menetapkan Level II; target Level III belum tercapai"),
                    2025: ("3", "final", "")}),
    dict(id="iku-gangguan-jaringan", node="s-2", nama="Persentase gangguan jaringan intra pemerintah",
         satuan="persen", polaritas="rendah_lebih_baik", jenis="angka", skala="", iku=True, unit="aptika",
         definisi="Bagian waktu layanan jaringan intra pemerintah daerah yang terganggu dalam setahun.",
         rumus="(jumlah jam gangguan / jumlah jam layanan) × 100%", sumber_data="Log pemantauan jaringan",
         target=["10", "8", "6", "5", "4"], akhir="4",
         realisasi={2021: ("12.40", "final", ""), 2022: ("7.10", "final", ""), 2023: ("5.20", "final", ""),
                    2024: ("4.60", "final", ""),
                    2025: ("9.30", "final", "Kabel serat optik utama putus tiga minggu akibat pelebaran jalan "
                                            "(kejadian sintetis); realisasi melebihi dua kali target")}),
    dict(id="iku-sakip", node="s-3", nama="Nilai SAKIP Perangkat Daerah",
         satuan="nilai", polaritas="tinggi_lebih_baik", jenis="rentang", skala="predikat-sakip", iku=True,
         unit="sekretariat",
         definisi="Nilai evaluasi akuntabilitas kinerja perangkat daerah oleh Inspektorat; target ditetapkan "
                   "sebagai rentang.",
         rumus="Nilai Laporan Hasil Evaluasi AKIP", sumber_data="Laporan Hasil Evaluasi AKIP Inspektorat",
         target=[("60", "70"), ("62", "72"), ("65", "75"), ("68", "78"), ("70", "80")], akhir=("70", "80"),
         realisasi={2021: ("58.20", "final", ""), 2022: ("63.75", "final", ""), 2023: ("66.10", "final", ""),
                    2024: ("76.50", "final", ""), 2025: ("81.20", "final", "")}),
    dict(id="iku-ips", node="s-3", nama="Indeks Pembangunan Statistik (IPS)",
         satuan="indeks", polaritas="tinggi_lebih_baik", jenis="angka", skala="predikat-ips", iku=True,
         unit="sandistik",
         definisi="Indeks hasil Evaluasi Penyelenggaraan Statistik Sektoral (EPSS) oleh BPS; diukur dua tahun sekali.",
         rumus="Σ (bobot domain × nilai domain)", sumber_data="Laporan EPSS BPS",
         target=["1.80", "2.00", "2.20", "2.40", "2.60"], akhir="2.60",
         realisasi={2021: ("1.74", "final", ""), 2022: ("2.05", "final", ""),
                    2023: ("2.05", "dibawa", "EPSS dilaksanakan dua tahun sekali; memakai nilai 2022"),
                    2024: ("2.52", "final", ""),
                    2025: ("2.52", "dibawa", "EPSS dilaksanakan dua tahun sekali; memakai nilai 2024")}),
    dict(id="ip-informasi-tepat-waktu", node="p-ikp", nama="Persentase informasi publik yang dipublikasikan tepat waktu",
         satuan="persen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="ikp",
         definisi="Informasi berkala yang terbit sesuai jadwal daftar informasi publik.",
         rumus="(informasi terbit tepat waktu / informasi yang wajib terbit) × 100%",
         sumber_data="Laporan layanan informasi PPID",
         target=["80", "85", "88", "90", "92"],
         realisasi={2021: ("82.5", "final", ""), 2022: ("84.1", "final", ""), 2023: ("89.3", "final", ""),
                    2024: ("91.0", "final", ""), 2025: ("94.2", "final", "")}),
    dict(id="ip-sistem-terintegrasi", node="p-aptika", nama="Persentase sistem informasi perangkat daerah yang terintegrasi",
         satuan="persen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="aptika",
         definisi="Sistem informasi perangkat daerah yang terhubung melalui sistem penghubung layanan.",
         rumus="(jumlah sistem informasi terintegrasi / jumlah sistem informasi yang harus terintegrasi) × 100%",
         sumber_data="Laporan hasil pelaksanaan kegiatan",
         target=["40", "50", "60", "70", "80"], perubahan="65",
         realisasi={2021: ("38.5", "final", ""), 2022: ("52.0", "final", ""), 2023: ("61.5", "final", ""),
                    2024: ("67.3", "final", ""), 2025: ("78.0", "final", "")}),
    dict(id="ip-data-sektoral", node="p-statistik", nama="Persentase data sektoral prioritas yang tersedia di Portal Satu Data",
         satuan="persen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="sandistik",
         definisi="Data sektoral prioritas daerah yang tersedia dan mutakhir di Portal Satu Data Kabupaten.",
         rumus="(data prioritas tersedia / data prioritas yang ditetapkan) × 100%",
         sumber_data="Daftar data Portal Satu Data",
         target=["50", "60", "70", "80", "90"],
         realisasi={2021: ("45.2", "final", ""), 2022: ("61.8", "final", ""), 2023: ("72.4", "final", ""),
                    2024: ("84.6", "final", ""), 2025: ("88.1", "final", "")}),
    dict(id="ip-insiden-tertangani", node="p-persandian", nama="Persentase insiden keamanan informasi yang tertangani",
         satuan="persen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="sandistik",
         definisi="Insiden keamanan informasi yang dilaporkan dan selesai ditangani tim tanggap insiden.",
         rumus="(insiden tertangani / insiden dilaporkan) × 100%", sumber_data="Register insiden siber",
         target=["75", "80", "85", "90", "95"],
         realisasi={2021: ("70.0", "final", ""), 2022: ("83.3", "final", ""), 2023: ("87.5", "final", ""),
                    2024: ("92.3", "final", ""), 2025: ("95.0", "final", "")}),
    dict(id="ip-layanan-administrasi", node="p-penunjang", nama="Persentase pemenuhan layanan administrasi perkantoran",
         satuan="persen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="sekretariat",
         definisi="Layanan administrasi perkantoran yang terpenuhi sesuai rencana.", rumus="",
         sumber_data="Laporan hasil pelaksanaan kegiatan",
         target=["100", "100", "100", "100", "100"],
         realisasi={2021: ("95.0", "final", ""), 2022: ("97.5", "final", ""), 2023: ("100", "final", ""),
                    2024: ("100", "final", ""), 2025: ("98.2", "final", "")}),
    dict(id="ik-portal-satu-data", node="k-statistik", nama="Tersedianya Portal Satu Data Kabupaten yang terintegrasi",
         satuan="sistem", polaritas="tinggi_lebih_baik", jenis="ya_tidak", skala="ya-tidak", iku=False,
         unit="sandistik",
         definisi="Keberadaan portal data yang memenuhi prinsip Satu Data Indonesia (Perpres 39/2019).",
         rumus="Keberadaan portal [Ada / Tidak Ada]", sumber_data="Laporan hasil pelaksanaan kegiatan",
         target=["1", "1", "1", "1", "1"],
         realisasi={2021: ("0", "final", "Portal masih dalam pembangunan"), 2022: ("1", "final", ""),
                    2023: ("1", "final", ""), 2024: ("1", "final", ""), 2025: ("1", "final", "")}),
    dict(id="ik-permohonan-tepat-waktu", node="k-ikp",
         nama="Persentase permohonan informasi yang diselesaikan paling lambat 10 hari kerja",
         satuan="persen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="ikp",
         definisi="Permohonan informasi publik yang dijawab dalam batas standar layanan.",
         rumus="(permohonan selesai ≤ 10 hari kerja / seluruh permohonan) × 100%",
         sumber_data="Register permohonan informasi PPID",
         target=["85", "88", "90", "92", "95"],
         realisasi={2021: ("80.0", "final", ""), 2022: ("89.5", "final", ""), 2023: ("92.1", "final", ""),
                    2024: ("96.4", "final", ""), 2025: ("97.0", "final", "")}),
    dict(id="ik-dokumen-kinerja", node="k-perencanaan",
         nama="Jumlah dokumen perencanaan dan laporan kinerja yang tersusun tepat waktu",
         satuan="dokumen", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="sekretariat",
         definisi="Renja, RKT, PK, LKjIP dan laporan triwulan yang selesai sesuai jadwal.", rumus="",
         sumber_data="Laporan hasil pelaksanaan kegiatan",
         target=["5", "5", "5", "5", "5"],
         realisasi={2021: ("4", "final", ""), 2022: ("5", "final", ""), 2023: ("5", "final", ""),
                    2024: ("5", "final", ""), 2025: ("5", "final", "")}),
    dict(id="ik-titik-jaringan", node="k-egov", nama="Jumlah titik jaringan intra pemerintah yang terhubung",
         satuan="titik", polaritas="tinggi_lebih_baik", jenis="angka", skala="", iku=False, unit="aptika",
         definisi="Kantor perangkat daerah, kecamatan dan unit layanan yang terhubung ke jaringan intra.", rumus="",
         sumber_data="Log pemantauan jaringan",
         target=["40", "55", "70", "85", "100"], perubahan="80",
         realisasi={2021: ("42", "final", ""), 2022: ("55", "final", ""), 2023: ("68", "final", ""),
                    2024: ("83", "final", ""), 2025: ("97", "final", "")}),
]

# Scales copied from the real default package (datapackage/data/skala*.csv).
SKALA = [
    ("kategori-capaian", "Kategori, nilai dan interpretasi capaian indikator kinerja sasaran", "interval",
     "LKjIP Diskominfo SP Belitung Timur 2025 Tabel 3.1"),
    ("predikat-spbe", "Predikat Indeks SPBE", "interval", "PermenPANRB 59/2020"),
    ("predikat-ips", "Predikat Nilai Indeks Pembangunan Statistik (IPS)", "interval", "BPS (EPSS)"),
    ("predikat-sakip", "Predikat hasil evaluasi SAKIP", "interval", "PermenPANRB 88/2021"),
    ("mutu-ikm", "Mutu pelayanan dari nilai IKM", "interval", "PermenPANRB 14/2017 (lampiran)"),
    ("ki-monev", "Kategori keterbukaan informasi badan publik (monev Komisi Informasi)", "interval", "Perki 1/2022"),
    ("level-kami", "Tingkat kematangan keamanan informasi (Indeks KAMI)", "ordinal", "BSSN (Indeks KAMI)"),
    ("ya-tidak", "Keberadaan (Ada/Tidak Ada)", "ordinal", "Konvensi paket data"),
]
Y, T = "ya", "tidak"
SKALA_KELAS = [
    # skala, kode, urutan, label, nilai, batas_bawah, bawah_inklusif, batas_atas, atas_inklusif, rentang_tercetak, interpretasi
    ("kategori-capaian", "AA", 1, "AA", "", "90", T, "", "", ">90-100", "Sangat Memuaskan"),
    ("kategori-capaian", "A", 2, "A", "", "80", T, "90", Y, ">80-90", "Memuaskan"),
    ("kategori-capaian", "BB", 3, "BB", "", "70", T, "80", Y, ">70-80", "Sangat Baik"),
    ("kategori-capaian", "B", 4, "B", "", "60", T, "70", Y, ">60-70", "Baik"),
    ("kategori-capaian", "CC", 5, "CC", "", "50", T, "60", Y, ">50-60", "Cukup"),
    ("kategori-capaian", "C", 6, "C", "", "30", T, "50", Y, ">30-50", "Kurang"),
    ("kategori-capaian", "D", 7, "D", "", "0", Y, "30", Y, "0-30", "Sangat Kurang"),
    ("predikat-spbe", "memuaskan", 1, "Memuaskan", "", "4.2", Y, "5.0", Y, "4,2 – 5,0", "Memuaskan"),
    ("predikat-spbe", "sangat-baik", 2, "Sangat Baik", "", "3.5", Y, "4.2", T, "3,5 – < 4,2", "Sangat Baik"),
    ("predikat-spbe", "baik", 3, "Baik", "", "2.6", Y, "3.5", T, "2,6 – < 3,5", "Baik"),
    ("predikat-spbe", "cukup", 4, "Cukup", "", "1.8", Y, "2.6", T, "1,8 – < 2,6", "Cukup"),
    ("predikat-spbe", "kurang", 5, "Kurang", "", "", "", "1.8", T, "< 1,8", "Kurang"),
    ("predikat-ips", "memuaskan", 1, "Memuaskan", "", "4.2", Y, "5.0", Y, "4,2 – 5,0", "Memuaskan"),
    ("predikat-ips", "sangat-baik", 2, "Sangat Baik", "", "3.5", Y, "4.2", T, "3,5 – <4,2", "Sangat Baik"),
    ("predikat-ips", "baik", 3, "Baik", "", "2.6", Y, "3.5", T, "2,6 – <3,5", "Baik"),
    ("predikat-ips", "cukup", 4, "Cukup", "", "1.8", Y, "2.6", T, "1,8 – <2,6", "Cukup"),
    ("predikat-ips", "kurang", 5, "Kurang", "", "", "", "1.8", T, "< 1,8", "Kurang"),
    ("predikat-sakip", "AA", 1, "AA", "", "90", T, "100", Y, ">90-100", "Sangat Memuaskan"),
    ("predikat-sakip", "A", 2, "A", "", "80", T, "90", Y, ">80-90", "Memuaskan"),
    ("predikat-sakip", "BB", 3, "BB", "", "70", T, "80", Y, ">70-80", "Sangat Baik"),
    ("predikat-sakip", "B", 4, "B", "", "60", T, "70", Y, ">60-70", "Baik"),
    ("predikat-sakip", "CC", 5, "CC", "", "50", T, "60", Y, ">50-60", "Cukup"),
    ("predikat-sakip", "C", 6, "C", "", "30", T, "50", Y, ">30-50", "Kurang"),
    ("predikat-sakip", "D", 7, "D", "", "0", Y, "30", Y, "≤30", "Sangat Kurang"),
    ("mutu-ikm", "A", 1, "A", "", "88.31", Y, "100.00", Y, "88,31 - 100,00", "Sangat Baik"),
    ("mutu-ikm", "B", 2, "B", "", "76.61", Y, "88.30", Y, "76,61 - 88,30", "Baik"),
    ("mutu-ikm", "C", 3, "C", "", "65.00", Y, "76.60", Y, "65,00 - 76,60", "Kurang Baik"),
    ("mutu-ikm", "D", 4, "D", "", "25.00", Y, "64.99", Y, "25,00 - 64,99", "Tidak Baik"),
    ("ki-monev", "informatif", 1, "Informatif", "", "90", Y, "100", Y, "90-100", "Informatif"),
    ("ki-monev", "menuju-informatif", 2, "Menuju Informatif", "", "80", Y, "89.9", Y, "80-89,9", "Menuju Informatif"),
    ("ki-monev", "cukup-informatif", 3, "Cukup Informatif", "", "60", Y, "79.9", Y, "60-79,9", "Cukup Informatif"),
    ("ki-monev", "kurang-informatif", 4, "Kurang Informatif", "", "40", Y, "59.9", Y, "40-59,9", "Kurang Informatif"),
    ("ki-monev", "tidak-informatif", 5, "Tidak Informatif", "", "", "", "40", T, "< 40", "Tidak Informatif"),
    ("level-kami", "I", 1, "Level I", "1", "", "", "", "", "Level I", "Kondisi Awal"),
    ("level-kami", "II", 2, "Level II", "2", "", "", "", "", "Level II", "Penerapan Kerangka Dasar"),
    ("level-kami", "III", 3, "Level III", "3", "", "", "", "", "Level III", "Terdefinisi dan Konsisten"),
    ("level-kami", "IV", 4, "Level IV", "4", "", "", "", "", "Level IV", "Terkelola dan Terukur"),
    ("level-kami", "V", 5, "Level V", "5", "", "", "", "", "Level V", "Optimal"),
    ("ya-tidak", "ada", 1, "Ada", "1", "", "", "", "", "Ada", "Ada"),
    ("ya-tidak", "tidak-ada", 2, "Tidak Ada", "0", "", "", "", "", "Tidak Ada", "Tidak Ada"),
]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}

# Survey (PermenPANRB 14/2017). U3 (Waktu Penyelesaian) is the deliberately weak element.
LAYANAN = ["Layanan Informasi Publik (PPID)", "Layanan Permintaan Data Statistik", "Layanan Pengaduan Jaringan dan Aplikasi"]
LAYANAN_BOBOT = [0.55, 0.25, 0.20]
UNSUR_MU = [3.45, 3.40, 2.80, 3.65, 3.40, 3.50, 3.55, 3.30, 3.35]  # latent mean per U1..U9 (before rounding)
SURVEI = {  # tahun -> (responden, populasi, periode, mean shift)
    2024: (1380, 6100, (date(2024, 6, 3), date(2024, 11, 29)), -0.08),
    2025: (1620, 6800, (date(2025, 5, 5), date(2025, 10, 31)), 0.10),
}
SURVEI_LAMA = {2021: (412, 3950), 2022: (530, 4600), 2023: (688, 5300)}  # printed IKM only, no answers
PENDIDIKAN = (["SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2", "S3"], [0.03, 0.06, 0.34, 0.14, 0.36, 0.06, 0.01])
PEKERJAAN = (["PNS/ASN", "TNI/Polri", "Pegawai Swasta", "Wiraswasta", "Pelajar/Mahasiswa", "Lainnya"],
             [0.24, 0.03, 0.26, 0.20, 0.17, 0.10])
BLANK_CELL = 0.025


# --- computations ------------------------------------------------------------------------------

def capaian(spec: dict, target, real, batas_atas=None) -> Decimal:
    """DOMAIN.md §3: higher-better R/T; lower-better (2T−R)/T floored at 0; range, yes/no, levels."""
    t, r = dec(target), dec(real)
    lower = spec["polaritas"] == "rendah_lebih_baik"

    def ratio(ref):
        return max((2 * ref - r) / ref * 100, Decimal(0)) if lower else r / ref * 100

    if spec["jenis"] == "ya_tidak":
        return Decimal(100) if (r <= t if lower else r >= t) else Decimal(0)
    if spec["jenis"] == "rentang":
        hi = dec(batas_atas)
        if r > hi:
            return ratio(hi)
        if r < t:
            return ratio(t)
        return Decimal(100)
    return ratio(t)


def classify_mutu(value: Decimal) -> tuple[str, str]:
    for _, kode, _, _, _, low, _, high, _, _, interp in (k for k in SKALA_KELAS if k[0] == "mutu-ikm"):
        if dec(low) <= value <= dec(high):
            return kode, interp
    raise ValueError(value)


def target_label(spec: dict, value, upper=None) -> str:
    if spec["jenis"] == "level":
        return f"Level {ROMAN[int(value)]}"
    if spec["jenis"] == "ya_tidak":
        return "Ada" if int(value) == 1 else "Tidak Ada"
    if spec["jenis"] == "kategori":
        name = {"60": "Cukup Informatif", "80": "Menuju Informatif", "90": "Informatif"}[value]
        return f"{name} ({value})"
    if spec["jenis"] == "rentang":
        return f"{indo_short(value)} - {indo_short(upper)}"
    return value_label(spec, value)


def value_label(spec: dict, value) -> str:
    d = dec(value)
    if spec["jenis"] == "level":
        return f"Level {ROMAN[int(d)]}"
    if spec["jenis"] == "ya_tidak":
        return "Ada" if d == 1 else "Tidak Ada"
    if spec["jenis"] == "kategori":
        kelas = next(k for k in SKALA_KELAS if k[0] == "ki-monev" and (not k[5] or d >= dec(k[5])))
        return f"{kelas[3]} ({indo(d, 2)})"
    text = indo_short(value) if d == d.to_integral_value() else indo(d, len(format(d, "f").split(".")[1]))
    if spec["satuan"] == "persen":
        return f"{text}%"
    if spec["satuan"] == "hari kerja":
        return f"{text} hari"
    return text


def survey_answers(draw: Draw) -> tuple[list[dict], dict[int, dict]]:
    """Per-respondent answers for the survey years, and the IKM each year's answers give."""
    rows, results = [], {}
    for year, (n, _, (start, end), shift) in SURVEI.items():
        days = (end - start).days
        people = []
        for _ in range(n):
            when = start + timedelta(days=draw.integer(0, days))
            mood = draw.normal(0.0, 0.42)  # a respondent's overall satisfaction
            scores = []
            for mu in UNSUR_MU:
                x = mu + shift + mood + draw.normal(0.0, 0.55)
                scores.append(min(4, max(1, int(q(x, 0)))))
            blanks = [draw.u() < BLANK_CELL for _ in scores]
            if all(blanks):
                blanks[0] = False
            answers = [None if b else s for s, b in zip(scores, blanks)]
            usia = int(min(72, max(17, round(draw.normal(37.0, 11.5)))))
            people.append({
                "tanggal": when,
                "layanan": draw.choice(LAYANAN, LAYANAN_BOBOT),
                "jenis_kelamin": draw.choice(["L", "P"], [0.54, 0.46]),
                "usia": None if draw.u() < 0.01 else usia,
                "pendidikan": draw.choice(*PENDIDIKAN),
                "pekerjaan": None if draw.u() < 0.01 else draw.choice(*PEKERJAAN),
                "u": answers,
            })
        people.sort(key=lambda p: p["tanggal"])  # stable: ties keep drawing order
        sums, counts = [0] * 9, [0] * 9
        for number, p in enumerate(people, start=1):
            row = {"survei": f"skm-{year}", "responden": f"R{year}-{number:04d}", "tanggal": p["tanggal"].isoformat(),
                   "layanan": p["layanan"], "jenis_kelamin": p["jenis_kelamin"],
                   "usia": "" if p["usia"] is None else str(p["usia"]), "pendidikan": p["pendidikan"],
                   "pekerjaan": p["pekerjaan"] or ""}
            for i, a in enumerate(p["u"]):
                row[f"u{i + 1}"] = "" if a is None else str(a)
                if a is not None:
                    sums[i] += a
                    counts[i] += 1
            rows.append(row)
        nrr = [Fraction(s, c) for s, c in zip(sums, counts)]
        ikm = sum(nrr, Fraction(0)) / 9 * 25
        results[year] = {"ikm": q(Decimal(ikm.numerator) / Decimal(ikm.denominator), 2),
                         "nrr": [q(Decimal(x.numerator) / Decimal(x.denominator), 3) for x in nrr], "n": n}
    return rows, results


def budgets(draw: Draw) -> dict[int, dict[str, dict]]:
    """Pagu and realisasi per node and year (before the deliberate mismatch), bottom-up, exact."""
    out = {}
    for year in YEARS:
        amounts: dict[str, dict] = {}
        for pid, sid, *_rest, kegiatan in PROGRAMS:
            for kid, _, _, _, subs in kegiatan:
                for skid, _, base in subs:
                    pagu = q(Decimal(base) * YEAR_FACTOR[year] * Decimal(str(0.92 + 0.16 * draw.u())) / 1000, 0) * 1000
                    if skid == "sk-gaji":
                        serapan = 0.91 + 0.06 * draw.u()
                    elif skid == "sk-layanan-keamanan" and year == REPORT_YEAR:
                        serapan = 0.52 + 0.10 * draw.u()  # a procurement that failed: low absorption
                    else:
                        serapan = 0.84 + 0.155 * draw.u()
                    real = (pagu * Decimal(str(serapan))).quantize(Decimal(1), rounding=ROUND_DOWN)
                    amounts[skid] = {"pagu": pagu, "realisasi": real}
                for col in ("pagu", "realisasi"):
                    amounts.setdefault(kid, {})[col] = sum(amounts[s[0]][col] for s in subs)
            for col in ("pagu", "realisasi"):
                amounts.setdefault(pid, {})[col] = sum(amounts[k[0]][col] for k in kegiatan)
        for sid in SASARAN_ORDER:
            for col in ("pagu", "realisasi"):
                amounts.setdefault(sid, {})[col] = sum((amounts[p[0]][col] for p in PROGRAMS if p[1] == sid), Decimal(0))
        for col in ("pagu", "realisasi"):
            amounts.setdefault("t-1", {})[col] = sum(amounts[s][col] for s in SASARAN_ORDER)
        out[year] = amounts
    return out


def serapan(amount: dict) -> Decimal:
    return q(amount["realisasi"] / amount["pagu"] * 100, 2)


# --- tables ------------------------------------------------------------------------------------

def build_tables(seed: int) -> dict[str, list[dict]]:
    draw = Draw(seed)
    answers, ikm = survey_answers(draw)
    money = budgets(draw)
    t: dict[str, list[dict]] = {}

    t["instansi"] = [INSTANSI]
    t["unit_kerja"] = [{"id": i, "nama": n, "induk": p, "pimpinan_nama": pn, "pimpinan_jabatan": pj,
                        "sumber": sumber("nama pejabat fiktif")} for i, n, p, pn, pj in UNIT_KERJA]

    docs = [{"id": R, "jenis": "renstra", "judul": "Rencana Strategis Dinas Contoh 2021-2025", "tahun": "",
             "tahun_mulai": 2021, "tahun_selesai": 2025, "sumber": sumber()}]
    for year in YEARS:
        docs.append({"id": f"rkt-{year}", "jenis": "rkt", "judul": f"Rencana Kinerja Tahunan {year}", "tahun": year,
                     "tahun_mulai": year, "tahun_selesai": year, "sumber": sumber()})
        signed = date(year, 1, 15 + year % 7)
        docs.append({"id": f"pk-{year}", "jenis": "pk", "judul": f"Perjanjian Kinerja {year} Kepala Dinas", "tahun": year,
                     "tahun_mulai": year, "tahun_selesai": year, "pihak_pertama": f"{KEPALA} (Kepala Dinas)",
                     "pihak_kedua": f"{BUPATI} (Bupati Sintetis)", "tanggal": signed.isoformat(),
                     "tanggal_tercetak": tanggal_cetak(signed), "sumber": sumber()})
        if year == 2024:
            changed = date(2024, 9, 23)
            docs.append({"id": "pk-perubahan-2024", "jenis": "pk_perubahan",
                         "judul": "Perubahan Perjanjian Kinerja 2024 Kepala Dinas", "tahun": year,
                         "tahun_mulai": year, "tahun_selesai": year, "pihak_pertama": f"{KEPALA} (Kepala Dinas)",
                         "pihak_kedua": f"{BUPATI} (Bupati Sintetis)", "tanggal": changed.isoformat(),
                         "tanggal_tercetak": tanggal_cetak(changed), "menggantikan": "pk-2024",
                         "sumber": sumber("perubahan karena pergeseran anggaran; dua target diturunkan")})
    for year in YEARS:
        signed = date(year + 1, 2, 10 + year % 5)
        docs.append({"id": f"lkjip-{year}", "jenis": "lkjip", "judul": f"Laporan Kinerja (LKjIP) Tahun {year} (sintetis)",
                     "tahun": year, "tahun_mulai": year, "tahun_selesai": year,
                     "pihak_pertama": f"{KEPALA} (Kepala Dinas)", "tanggal": signed.isoformat(),
                     "tanggal_tercetak": tanggal_cetak(signed), "sumber": sumber()})
    t["dokumen"] = docs

    nodes = [TUJUAN, *SASARAN]
    for pid, sid, kode, kl, nama, uraian, unit, kegiatan in PROGRAMS:
        nodes.append((pid, "program", sid, "", kode, kl, nama, uraian, unit))
        for ki, (kid, ksuffix, knama, kuraian, subs) in enumerate(kegiatan, start=1):
            kkode = f"{kode}.{ksuffix}"
            nodes.append((kid, "kegiatan", pid, "", kkode, f"{kl}.{ki}", knama, kuraian, unit))
            for si, (skid, sknama, _) in enumerate(subs, start=1):
                nodes.append((skid, "sub_kegiatan", kid, "", f"{kkode}.{si:04d}", f"{kl}.{ki}.{si}", sknama, "", unit))
    t["node"] = [dict(zip(["id", "tingkat", "induk", "nomor", "kode", "kode_laporan", "nama", "sasaran_uraian", "unit"], n),
                      sumber=sumber("kode meniru pola Kepmendagri 050-5889/2021, bukan kode resmi"))
                 for n in nodes]
    node_name = {n[0]: n[6] for n in nodes}

    t["indikator"] = [{
        "id": s["id"], "node": s["node"], "nama": s["nama"], "satuan": s["satuan"], "polaritas": s["polaritas"],
        "jenis_target": s["jenis"], "skala": s["skala"], "iku": "ya" if s["iku"] else "tidak", "definisi": s["definisi"],
        "rumus": s["rumus"], "sumber_data": s["sumber_data"], "unit": s["unit"], "renstra": R if s["iku"] else "",
        "sumber": sumber()} for s in INDICATORS]

    targets = []
    for s in INDICATORS:
        def row(year, doc, value, kind="tahunan", note=""):
            lo, hi = value if isinstance(value, tuple) else (value, "")
            targets.append({"indikator": s["id"], "tahun": year, "dokumen": doc, "jenis": kind, "nilai": lo,
                            "batas_atas": hi, "label": target_label(s, lo, hi), "sumber": sumber(note)})
        for year, value in zip(YEARS, s["target"]):
            if s["iku"]:
                row(year, R, value)
                row(year, f"rkt-{year}", value)
            row(year, f"pk-{year}", value)
            if year == 2024:
                row(year, "pk-perubahan-2024", s.get("perubahan", value),
                    note="target diubah dari PK awal" if "perubahan" in s else "")
        if s["iku"]:
            row(2025, R, s["akhir"], "akhir_periode", "target kondisi akhir periode Renstra")
    t["target"] = targets

    real_rows = []
    for s in INDICATORS:
        for year in YEARS:
            value, status, note = s["realisasi"][year]
            if value == "survei":
                value = format(ikm[year]["ikm"], "f")
                note = note or f"Hasil survei {ikm[year]['n']} responden (lihat jawaban_survei, survei skm-{year})"
            real_rows.append({"indikator": s["id"], "tahun": year, "nilai": "-" if value is None else value,
                              "label": "-" if value is None else value_label(s, value), "status": status,
                              "sumber": sumber(), "catatan": note})
    t["realisasi"] = real_rows

    t["subindeks"] = spbe_domains()
    t["skala"] = [{"id": i, "nama": n, "jenis": j, "sumber": sumber(f"skala disalin dari paket data bawaan ({src})")}
                  for i, n, j, src in SKALA]
    cols = ["skala", "kode", "urutan", "label", "nilai", "batas_bawah", "bawah_inklusif", "batas_atas", "atas_inklusif",
            "rentang_tercetak", "interpretasi"]
    t["skala_kelas"] = [dict(zip(cols, k)) for k in SKALA_KELAS]

    t["anggaran"] = anggaran_rows(money, node_name, draw)
    t["belanja"] = belanja_rows(money[REPORT_YEAR])

    surveys = []
    for year in YEARS:
        if year in SURVEI:
            n, pop, (start, end), _ = SURVEI[year]
            value = ikm[year]["ikm"]
            start_s, end_s = start.isoformat(), end.isoformat()
            metode = "Kuesioner elektronik dan kertas di ruang layanan, diisi sendiri oleh pengguna layanan"
            catatan = "Jawaban per responden tersedia di jawaban_survei; unsur U3 (Waktu Penyelesaian) terendah"
        else:
            n, pop = SURVEI_LAMA[year]
            value = dec(INDICATORS[0]["realisasi"][year][0])
            start_s = end_s = ""
            metode = "Kuesioner kertas di ruang layanan"
            catatan = "Hanya nilai IKM tercetak; jawaban per responden tidak disertakan"
        surveys.append({"id": f"skm-{year}", "indikator": "iku-ikm", "layanan": "Layanan informasi dan data (tiga jenis layanan)",
                        "tahun": year, "periode_mulai": start_s, "periode_selesai": end_s, "ikm": format(value, "f"),
                        "mutu_tercetak": classify_mutu(value)[1], "responden": n, "populasi": pop, "metode": metode,
                        "sumber": sumber(), "catatan": catatan})
    t["survei"] = surveys
    t["jawaban_survei"] = answers
    t["angka_laporan"] = printed_figures(money, ikm)
    t["pegawai"] = pegawai_rows()
    t["informasi"] = informasi_rows()
    t["layanan_informasi"] = layanan_rows()
    t["standar_layanan"] = standar_rows()
    t["narasi"] = narasi_rows()
    t["pembanding"] = pembanding_rows()
    t["temuan"] = temuan_rows()
    quarterly(t, money)
    t["riwayat"] = [  # the changelog, read only when the package is built outside a git checkout
        {"versi": "0.9.0", "tanggal": "2026-02-12", "ringkasan": "Draf pertama paket contoh",
         "rincian": "Realisasi 2025 sementara; laporan layanan informasi 2025 belum dimuat.", "sumber": sumber()},
        {"versi": "1.0.0", "tanggal": "2026-02-16", "ringkasan": "Paket contoh lengkap",
         "rincian": "Realisasi 2025 final; laporan layanan informasi 2025 dan berkas PPID ditambahkan.", "sumber": sumber()},
    ]
    return t


# --- Reviewer outputs: the report's analysis, benchmarks, one finding of a reading ----------------

def narasi_rows() -> list[dict]:
    """Analysis text for two of the three sasaran (the third is left without, so the pre-check shows both
    outcomes), including an efficiency analysis; every line says it is synthetic."""
    rows = [
        ("s1-berhasil", "s-1", "iku-ikm", "penyebab_keberhasilan", "Ruang layanan dan kanal daring PPID melayani permohonan setiap hari kerja (contoh sintetis)."),
        ("s1-hambatan", "s-1", "iku-waktu-informasi", "hambatan", "Permohonan yang memerlukan data lintas bidang menunggu jawaban bidang lain (contoh sintetis)."),
        ("s1-upaya", "s-1", "", "upaya", "Register permohonan dipantau setiap minggu oleh atasan PPID (contoh sintetis)."),
        ("s1-solusi", "s-1", "", "solusi", "Menetapkan tenggat internal lima hari kerja untuk jawaban bidang (contoh sintetis)."),
        ("s1-efisiensi", "s-1", "", "efisiensi", "Capaian sasaran melampaui target dengan serapan anggaran di bawah pagu; biaya per permohonan turun dibanding tahun lalu (contoh sintetis)."),
        ("s2-hambatan", "s-2", "iku-gangguan-jaringan", "hambatan", "Gangguan jaringan terpusat pada dua kantor kecamatan dengan perangkat lama (contoh sintetis)."),
        ("s2-solusi", "s-2", "", "solusi", "Mengganti perangkat jaringan yang sudah melewati umur pakai (contoh sintetis)."),
        ("s2-efisiensi", "s-2", "", "efisiensi", "Serapan anggaran sesuai rencana kas; capaian indeks naik tanpa tambahan pagu (contoh sintetis)."),
        ("kesimpulan", "", "", "kesimpulan", "Sebagian besar indikator mencapai target; indikator waktu layanan informasi perlu diperbaiki (contoh sintetis)."),
        ("rekomendasi-1", "", "", "rekomendasi", "Memperluas layanan informasi daring agar permohonan dapat dipantau pemohon (contoh sintetis)."),
    ]
    return [{"id": i, "tahun": REPORT_YEAR, "node": node, "indikator": ind, "jenis": kind, "urutan": 1, "teks": text,
             "sumber": sumber("analisis fiktif")} for i, node, ind, kind, text in rows]


def pembanding_rows() -> list[dict]:
    return [
        {"id": "spbe-nasional-2024", "indikator": "iku-spbe", "tahun": 2024, "tingkat": "nasional", "wilayah": "Indonesia",
         "nilai": "2.79", "label": "2,79", "sumber": sumber("nilai nasional fiktif"), "catatan": ""},
        {"id": "ikm-provinsi-2025", "indikator": "iku-ikm", "tahun": 2025, "tingkat": "provinsi", "wilayah": "Provinsi Contoh",
         "nilai": "82.10", "label": "82,10", "sumber": sumber("rata-rata provinsi fiktif"), "catatan": ""},
    ]


def temuan_rows() -> list[dict]:
    return [{"id": "tm-contoh", "jenis": "jumlah_prosa", "objek": "Jumlah sasaran dalam teks (contoh sintetis)",
             "tahun": REPORT_YEAR, "sumber_a": "Laporan contoh Bab III paragraf 1", "tercetak_a": "2 sasaran",
             "sumber_b": "Laporan contoh Tabel 3.1", "tercetak_b": "3 sasaran", "dihitung": "3 baris sasaran",
             "keterangan": "Temuan fiktif untuk memperlihatkan tampilan catatan konsistensi.", "menjelaskan": ""}]
# --- the annual cycle: Rencana Aksi 2025 and four quarters of realisasi and spending -------------

# indikator: (akumulasi, target TW I-IV, realisasi TW I-IV). TW IV to date equals the year's own target
# and realisasi, so the quarterly progress ends where the annual capaian is.
TRIWULAN_2025 = {
    "iku-waktu-informasi": ("nilai_terakhir", ["8", "8", "7.5", "7"], ["7.8", "7.2", "6.9", "6.5"]),
    "iku-gangguan-jaringan": ("nilai_terakhir", ["5", "5", "4.5", "4"], ["4.8", "6.1", "8.7", "9.30"]),
    "ip-informasi-tepat-waktu": ("nilai_terakhir", ["90", "90", "91", "92"], ["89.5", "91.2", "93.0", "94.2"]),
    "ip-sistem-terintegrasi": ("kumulatif", ["70", "74", "77", "80"], ["68.5", "72.0", "75.1", "78.0"]),
    "ip-data-sektoral": ("nilai_terakhir", ["86", "87", "88", "90"], ["85.0", "86.2", "87.4", "88.1"]),
    "ik-permohonan-tepat-waktu": ("nilai_terakhir", ["95", "95", "95", "95"], ["96.1", "95.4", "96.8", "97.0"]),
    "ik-dokumen-kinerja": ("per_triwulan", ["1", "1", "1", "2"], ["1", "1", "1", "2"]),
    "ik-titik-jaringan": ("kumulatif", ["85", "90", "95", "100"], ["86", "89", "93", "97"]),
}
SPENT_SHARES = [Decimal("0.14"), Decimal("0.23"), Decimal("0.26")]  # of the year's realisasi; TW IV the rest
PLANNED_SHARES = [Decimal("0.18"), Decimal("0.24"), Decimal("0.26")]  # of the pagu; TW IV the rest


def quarterly(t: dict, money: dict) -> None:
    """The Rencana Aksi 2025 with its quarterly targets, four quarters of realisasi, and spending per
    quarter for each programme and the agency (exact Rupiah: the quarters add up to the year)."""
    by_id = {s["id"]: s for s in INDICATORS}
    for row in t["indikator"]:
        row["akumulasi"] = TRIWULAN_2025.get(row["id"], ("",))[0]
    signed = date(REPORT_YEAR, 1, 31)
    t["dokumen"].append({"id": f"ra-{REPORT_YEAR}", "jenis": "rencana_aksi", "judul": f"Rencana Aksi {REPORT_YEAR} Kepala Dinas",
                         "tahun": REPORT_YEAR, "tahun_mulai": REPORT_YEAR, "tahun_selesai": REPORT_YEAR,
                         "pihak_pertama": f"{KEPALA} (Kepala Dinas)", "tanggal": signed.isoformat(),
                         "tanggal_tercetak": tanggal_cetak(signed), "sumber": sumber()})
    plans, reports = [], []
    for iid, (_, planned, real) in TRIWULAN_2025.items():
        s = by_id[iid]
        for quarter, (p, r) in enumerate(zip(planned, real), start=1):
            plans.append({"indikator": iid, "tahun": REPORT_YEAR, "triwulan": quarter, "dokumen": f"ra-{REPORT_YEAR}",
                          "nilai": p, "label": value_label(s, p), "sumber": sumber("Rencana Aksi 2025")})
            reports.append({"indikator": iid, "tahun": REPORT_YEAR, "triwulan": quarter, "nilai": r,
                            "label": value_label(s, r), "status": "final", "sumber": sumber(f"laporan triwulan {quarter}")})
    t["target_triwulan"], t["realisasi_triwulan"] = plans, reports
    spending = []
    amounts = money[REPORT_YEAR]
    totals = [[Decimal(0), Decimal(0)] for _ in range(4)]
    for pid, *_rest in PROGRAMS:
        spent = [q(amounts[pid]["realisasi"] * w, 0) for w in SPENT_SHARES]
        spent.append(amounts[pid]["realisasi"] - sum(spent))
        planned = [q(amounts[pid]["pagu"] * w, 0) for w in PLANNED_SHARES]
        planned.append(amounts[pid]["pagu"] - sum(planned))
        for quarter in range(4):
            totals[quarter][0] += planned[quarter]
            totals[quarter][1] += spent[quarter]
            spending.append({"node": pid, "tahun": REPORT_YEAR, "triwulan": quarter + 1, "rencana": rupiah(planned[quarter]),
                             "realisasi": rupiah(spent[quarter]), "sumber": sumber("laporan realisasi anggaran triwulanan")})
    for quarter, (planned, spent) in enumerate(totals, start=1):
        spending.append({"node": "t-1", "tahun": REPORT_YEAR, "triwulan": quarter, "rencana": rupiah(planned),
                         "realisasi": rupiah(spent), "sumber": sumber("jumlah program")})
    t["anggaran_triwulan"] = spending


# --- PPID: a complete register, five years of service records, the service standard ------------

PPID_UNIT = "PPID Pelaksana Dinas Contoh (Sekretariat)"
# Files the register points at (berkas/...): tiny PDFs (and one CSV) that say they are synthetic.
BERKAS = {
    "berkas/maklumat-pelayanan-informasi.pdf": ["MAKLUMAT PELAYANAN INFORMASI PUBLIK (SINTETIS)",
                                                "Dinas Contoh Kabupaten Sintetis", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/sk-ppid-pelaksana-2025.pdf": ["KEPUTUSAN KEPALA DINAS CONTOH NOMOR 01/PPID/2025 (SINTETIS)",
                                          "tentang PPID Pelaksana Dinas Contoh", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/neraca-2025.pdf": ["NERACA PER 31 DESEMBER 2025 (SINTETIS)", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/laporan-operasional-arus-kas-2025.pdf": ["LAPORAN ARUS KAS 2025 (SINTETIS)", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/calk-2025.pdf": ["CATATAN ATAS LAPORAN KEUANGAN 2025 (SINTETIS)", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/pengadaan-2026.pdf": ["RENCANA UMUM PENGADAAN 2026 (SINTETIS)", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/prosedur-evakuasi.pdf": ["PROSEDUR EVAKUASI KEADAAN DARURAT (SINTETIS)", "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/laporan-layanan-informasi-2025.pdf": ["LAPORAN LAYANAN INFORMASI PUBLIK 2025 (SINTETIS)",
                                                  "Contoh data sintetis, bukan dokumen resmi."],
    "berkas/gangguan-layanan-2026-02-03.pdf": ["PENGUMUMAN GANGGUAN LAYANAN JARINGAN 3 FEBRUARI 2026 (SINTETIS)",
                                               "Contoh data sintetis, bukan dokumen resmi."],
}
ASET_CSV = ("kode,uraian,jumlah,nilai_rupiah,keterangan\n"
            "1.3.2,Peralatan dan mesin (sintetis),412,3871250000,Contoh data sintetis\n"
            "1.3.3,Gedung dan bangunan (sintetis),2,5120000000,Contoh data sintetis\n"
            "1.5.3,Aset tak berwujud: aplikasi (sintetis),17,964000000,Contoh data sintetis\n")


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF showing `lines` (ASCII), byte-identical for the same text: no dates, no IDs."""
    text = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>",
               f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def berkas_files() -> dict[str, bytes]:
    files = {path: pdf_bytes(lines) for path, lines in BERKAS.items()}
    files["berkas/daftar-aset-2025.csv"] = ASET_CSV.encode("utf-8")
    return files


def informasi_rows() -> list[dict]:
    def item(id_, judul, ringkasan, kategori, pejabat, waktu, terbit, diperbarui, jenis="", berkas="", halaman="",
             bentuk="softcopy dan hardcopy", retensi="5 tahun setelah tidak berlaku", **extra):
        return {"id": id_, "judul": judul, "ringkasan": ringkasan, "kategori": kategori, "jenis_wajib": jenis,
                "pejabat_penguasa": pejabat, "penanggung_jawab": f"{KEPALA} (Kepala Dinas)", "waktu_pembuatan": waktu,
                "tempat_pembuatan": "Kota Contoh", "bentuk": bentuk, "retensi": retensi, "tanggal_terbit": terbit,
                "diperbarui": diperbarui, "berkas": berkas, "halaman": halaman, "sumber": sumber("register PPID fiktif"),
                **extra}
    return [
        item("sk-ppid-pelaksana", "Keputusan Kepala Dinas tentang PPID Pelaksana", "Penetapan PPID Pelaksana, atasan PPID dan tugasnya.",
             "berkala", "Sekretariat", "6 Januari 2025", "2025-01-06", "2026-01-12", jenis="peraturan",
             berkas="berkas/sk-ppid-pelaksana-2025.pdf"),
        item("neraca-2025", "Neraca per 31 Desember 2025", "Posisi aset, kewajiban dan ekuitas dinas pada akhir tahun anggaran.",
             "berkala", "Sub Bagian Keuangan", "30 Januari 2026", "2026-01-30", "2026-01-30", jenis="neraca",
             berkas="berkas/neraca-2025.pdf", retensi="10 tahun"),
        item("arus-kas-2025", "Laporan arus kas 2025", "Penerimaan dan pengeluaran kas menurut aktivitas selama 2025.",
             "berkala", "Sub Bagian Keuangan", "30 Januari 2026", "2026-01-30", "2026-01-30", jenis="arus_kas",
             berkas="berkas/laporan-operasional-arus-kas-2025.pdf", retensi="10 tahun"),
        item("calk-2025", "Catatan atas laporan keuangan 2025", "Penjelasan pos-pos laporan keuangan dan kebijakan akuntansi.",
             "berkala", "Sub Bagian Keuangan", "30 Januari 2026", "2026-01-30", "2026-01-30", jenis="calk",
             berkas="berkas/calk-2025.pdf", retensi="10 tahun"),
        item("daftar-aset-2025", "Daftar aset 2025", "Rekapitulasi barang milik daerah yang dikelola dinas menurut golongan.",
             "berkala", "Sub Bagian Umum", "31 Januari 2026", "2026-01-31", "2026-01-31", jenis="daftar_aset",
             berkas="berkas/daftar-aset-2025.csv", bentuk="softcopy"),
        item("pengadaan-2026", "Rencana umum pengadaan barang dan jasa 2026", "Paket pengadaan 2026 dengan pagu, cara dan jadwal pemilihan.",
             "berkala", "Sekretariat", "5 Januari 2026", "2026-01-05", "2026-02-02", jenis="pengadaan",
             berkas="berkas/pengadaan-2026.pdf"),
        item("prosedur-evakuasi", "Prosedur evakuasi keadaan darurat", "Jalur evakuasi, titik kumpul dan petugas di kantor dinas.",
             "berkala", "Sub Bagian Umum", "Agustus 2025", "2025-08-18", "2025-12-01", jenis="prosedur_darurat",
             berkas="berkas/prosedur-evakuasi.pdf"),
        item("gangguan-jaringan-2026-02", "Pengumuman gangguan layanan jaringan 3 Februari 2026",
             "Pemeliharaan jaringan yang menghentikan layanan daring pukul 22.00-02.00 dan layanan pengganti.",
             "serta_merta", "Bidang Aplikasi Informatika", "2 Februari 2026", "2026-02-02", "2026-02-02",
             berkas="berkas/gangguan-layanan-2026-02-03.pdf", bentuk="softcopy", retensi="1 tahun"),
        item("renstra-2021-2025", "Rencana Strategis 2021-2025", "Tujuan, sasaran, strategi dan target kinerja lima tahun.",
             "setiap_saat", "Sekretariat", "2021", "2021-06-01", "2021-06-01", halaman="pohon"),
        item("maklumat-pelayanan", "Maklumat pelayanan informasi publik", "Janji layanan PPID: standar, waktu, biaya dan pengaduan.",
             "setiap_saat", PPID_UNIT, "2 Januari 2026", "2026-01-02", "2026-01-02", halaman="standar-layanan"),
        item("data-pribadi-pegawai", "Data pribadi pegawai (alamat, NIK, riwayat kesehatan)",
             "Data kepegawaian yang memuat identitas dan riwayat pribadi pegawai.", "dikecualikan", "Sub Bagian Umum",
             "Diperbarui setiap bulan", "", "", bentuk="softcopy dan hardcopy", retensi="sampai pegawai pensiun ditambah 5 tahun",
             dasar_pengecualian="UU 14/2008 Pasal 17 huruf h (rahasia pribadi); UU 27/2022 tentang Pelindungan Data Pribadi",
             uji_konsekuensi="Membuka data ini dapat mengungkap identitas dan riwayat kesehatan pegawai dan membahayakan "
                             "keselamatannya; kepentingan publik tidak lebih besar. Ditetapkan PPID 12 Januari 2026 (sintetis)."),
    ]


LAYANAN_INFORMASI = {  # year: (received, full, partly, refused, avg days, max days, objections, granted, refused obj., disputes, mediated)
    2021: (38, 29, 5, 3, 6.4, 14, 2, 1, 1, 1, 1),
    2022: (51, 41, 6, 3, 5.9, 13, 1, 1, 0, 0, 0),
    2023: (64, 53, 7, 4, 5.2, 12, 3, 2, 1, 1, 0),
    2024: (72, 61, 6, 4, 4.8, 11, 2, 1, 1, 1, 1),
    2025: (85, 72, 7, 4, 4.1, 10, 2, 2, 0, 0, 0),
}


def layanan_rows() -> list[dict]:
    rows = []
    for year, (n, full, part, refused, avg, worst, obj, granted, obj_no, disputes, mediated) in LAYANAN_INFORMASI.items():
        rows.append({
            "tahun": year, "permohonan": n, "dipenuhi_seluruh": full, "dipenuhi_sebagian": part, "ditolak": refused,
            "alasan_penolakan": f"Informasi dikecualikan (data pribadi) {refused - 1}; informasi belum dikuasai 1",
            "rata_rata_hari": format(dec(avg), "f"), "maks_hari": worst, "keberatan": obj, "keberatan_dikabulkan": granted,
            "keberatan_ditolak": obj_no, "sengketa": disputes, "sengketa_mediasi": mediated,
            "sengketa_ajudikasi": disputes - mediated,
            "hasil_sengketa": ("Selesai dengan mediasi; informasi diberikan sebagian" if mediated else
                               "Putusan ajudikasi menguatkan penolakan" if disputes else ""),
            "gugatan_pengadilan": 0, "hambatan": "Permohonan tertulis sering tidak lengkap identitasnya",
            "rekomendasi": "Formulir permohonan daring dengan isian wajib",
            "tanggal_laporan": (date(year + 1, 3, 20) if year < REPORT_YEAR else date(2026, 2, 12)).isoformat(),
            "berkas": "berkas/laporan-layanan-informasi-2025.pdf" if year == REPORT_YEAR else "",
            "sumber": sumber("laporan layanan informasi fiktif"),
        })
    return rows


def standar_rows() -> list[dict]:
    def row(unsur, urutan, judul, isi, hari="", berkas=""):
        return {"unsur": unsur, "urutan": urutan, "judul": judul, "isi": isi, "hari_kerja": hari, "berkas": berkas,
                "diperbarui": "2026-01-02", "sumber": sumber("standar layanan PPID fiktif")}
    return [
        row("maklumat", 1, "Maklumat pelayanan", "Kami sanggup memberikan informasi publik sesuai standar layanan ini dan "
            "siap menerima sanksi bila tidak menepatinya.", berkas="berkas/maklumat-pelayanan-informasi.pdf"),
        row("prosedur_permohonan", 1, "Ajukan permohonan", "Datang ke meja layanan, kirim surel, atau isi formulir daring "
            "dengan nama, alamat, kontak, informasi yang diminta dan cara memperolehnya."),
        row("prosedur_permohonan", 2, "Terima nomor pendaftaran", "Petugas mencatat permohonan dan memberikan nomor pendaftaran."),
        row("prosedur_permohonan", 3, "Pemberitahuan tertulis", "PPID menjawab paling lambat 10 hari kerja: informasi "
            "diberikan seluruhnya, sebagian, atau ditolak dengan alasannya."),
        row("prosedur_permohonan", 4, "Perpanjangan", "Bila perlu, PPID memperpanjang paling lama 7 hari kerja dengan pemberitahuan tertulis."),
        row("prosedur_keberatan", 1, "Ajukan keberatan", "Tulis keberatan kepada atasan PPID paling lambat 30 hari kerja sejak "
            "alasan keberatan ditemukan."),
        row("prosedur_keberatan", 2, "Tanggapan atasan PPID", "Atasan PPID memberikan tanggapan tertulis paling lambat 30 hari kerja."),
        row("prosedur_keberatan", 3, "Sengketa ke Komisi Informasi", "Bila tidak puas, ajukan sengketa ke Komisi Informasi "
            "dalam 14 hari kerja setelah tanggapan diterima."),
        row("waktu_jawab", 1, "Menjawab permohonan", "Pemberitahuan tertulis atas permohonan.", 10),
        row("waktu_perpanjangan", 1, "Perpanjangan", "Perpanjangan dengan pemberitahuan tertulis.", 7),
        row("waktu_keberatan", 1, "Mengajukan keberatan", "Sejak alasan keberatan ditemukan.", 30),
        row("waktu_tanggapan_keberatan", 1, "Tanggapan atas keberatan", "Sejak keberatan diterima.", 30),
        row("biaya", 1, "Biaya", "Layanan tanpa biaya. Salinan cetak dikenai biaya penggandaan Rp500 per lembar; "
            "salinan elektronik gratis."),
        row("profil_ppid", 1, "PPID Pelaksana", "Sekretaris Dinas sebagai PPID Pelaksana, Kepala Dinas sebagai atasan PPID, "
            "ditetapkan dengan Keputusan Kepala Dinas Nomor 01/PPID/2025 (sintetis).", berkas="berkas/sk-ppid-pelaksana-2025.pdf"),
        row("kontak", 1, "Meja layanan", "Lantai 1 kantor Dinas Contoh, Jalan Contoh Nomor 1, Kota Contoh (fiktif)."),
        row("kontak", 2, "Surel", "ppid@contoh.invalid"),
        row("jam_layanan", 1, "Jam layanan", "Senin-Kamis 08.00-15.30, Jumat 08.00-11.00 WIB."),
        row("sarana_disabilitas", 1, "Layanan disabilitas", "Ramp dan meja layanan rendah; juru bahasa isyarat atas permintaan."),
    ]


def spbe_domains() -> list[dict]:
    domains = [("Domain 1 - Kebijakan SPBE", "13", "3.20"), ("Domain 2 - Tata Kelola SPBE", "25", "2.90"),
               ("Domain 3 - Manajemen SPBE", "16.5", "2.45"), ("Domain 4 - Layanan SPBE", "45.5", "3.45")]
    index = q(sum(dec(w) * dec(v) for _, w, v in domains) / 100, 2)
    assert index == dec(INDICATORS[3]["realisasi"][2024][0]), index
    rows = [{"id": "spbe-2024", "indikator": "iku-spbe", "tahun": 2024, "jenis": "indeks", "nama": "Indeks SPBE",
             "bobot": "100", "nilai": format(index, "f"), "nilai_maksimum": "5", "sumber": sumber()}]
    for i, (name, weight, value) in enumerate(domains, start=1):
        rows.append({"id": f"spbe-2024-d{i}", "indikator": "iku-spbe", "tahun": 2024, "induk": "spbe-2024", "jenis": "domain",
                     "nama": name, "bobot": weight, "nilai": value, "nilai_maksimum": "5", "sumber": sumber()})
    return rows


def anggaran_rows(money: dict, node_name: dict, draw: Draw) -> list[dict]:
    rows = []
    for year in YEARS:
        doc = f"lkjip-{year}"
        amounts = money[year]

        def add(node_id, uraian, printed=True, note=""):
            a = dict(amounts[node_id])
            if MISMATCH["tahun"] == year and MISMATCH["node"] == node_id:
                a["pagu"] += MISMATCH["selisih"]
                note = (f"pagu sengaja dibuat selisih Rp{indo(MISMATCH['selisih'], 0)} dari jumlah kegiatannya, "
                        "untuk menguji pemeriksaan jumlah anggaran")
            rows.append({"node": node_id, "dokumen": doc, "uraian": uraian, "pagu": rupiah(a["pagu"]),
                         "realisasi": rupiah(a["realisasi"]), "serapan_tercetak": indo(serapan(a)) if printed else "",
                         "sumber": sumber(note)})
        add("t-1", "Jumlah (seluruh sasaran strategis)")
        for sid in SASARAN_ORDER:
            add(sid, node_name[sid])
        for pid, *_rest, kegiatan in PROGRAMS:
            add(pid, node_name[pid])
            for kid, _, _, _, subs in kegiatan:
                add(kid, node_name[kid])
                for skid, _, _ in subs:
                    add(skid, node_name[skid], printed=False)
    for year in YEARS:  # programme pagu as signed in the PK (before budget shifts), and in the PK Perubahan
        for pid, *_rest in PROGRAMS:
            final = money[year][pid]["pagu"]
            initial = q(final * Decimal(str(1.0 + 0.08 * draw.u())) / 100_000, 0) * 100_000
            rows.append({"node": pid, "dokumen": f"pk-{year}", "uraian": node_name[pid], "pagu": rupiah(initial),
                         "realisasi": "", "serapan_tercetak": "", "sumber": sumber("pagu program pada PK awal")})
            if year == 2024:
                rows.append({"node": pid, "dokumen": "pk-perubahan-2024", "uraian": node_name[pid], "pagu": rupiah(final),
                             "realisasi": "", "serapan_tercetak": "", "sumber": sumber("pagu program pada PK Perubahan")})
    return rows


def belanja_rows(amounts: dict) -> list[dict]:
    """Per jenis belanja for the report year: Operasi = Pegawai + Barang dan Jasa; Daerah = Operasi + Modal."""
    total = amounts["t-1"]
    pegawai = amounts["sk-gaji"]
    modal = {col: sum((q(amounts[k][col] * share, 0) for k, share in MODAL_SHARE.items()), Decimal(0))
             for col in ("pagu", "realisasi")}
    barang = {col: total[col] - pegawai[col] - modal[col] for col in ("pagu", "realisasi")}
    operasi = {col: pegawai[col] + barang[col] for col in ("pagu", "realisasi")}
    y = REPORT_YEAR
    spec = [(f"b{y}-belanja-daerah", "belanja_daerah", "", "Belanja Daerah", total),
            (f"b{y}-belanja-operasi", "belanja_operasi", f"b{y}-belanja-daerah", "Belanja Operasi", operasi),
            (f"b{y}-belanja-pegawai", "belanja_pegawai", f"b{y}-belanja-operasi", "a. Belanja Pegawai", pegawai),
            (f"b{y}-belanja-barang-jasa", "belanja_barang_jasa", f"b{y}-belanja-operasi", "b. Belanja Barang dan Jasa", barang),
            (f"b{y}-belanja-modal", "belanja_modal", f"b{y}-belanja-daerah", "Belanja Modal", modal)]
    return [{"id": i, "jenis": j, "induk": p, "tahun": y, "uraian": u, "pagu": rupiah(a["pagu"]),
             "realisasi": rupiah(a["realisasi"]), "serapan_tercetak": indo(serapan(a)),
             "sumber": sumber(f"LKjIP sintetis {y} Tabel 3.15")} for i, j, p, u, a in spec]


def printed_figures(money: dict, ikm: dict) -> list[dict]:
    """Figures as the synthetic 2025 report prints them: consistent, except one average printed as a sum."""
    spec = {s["id"]: s for s in INDICATORS}
    y = REPORT_YEAR

    def target_of(s, year, doc=None):
        i = YEARS.index(year)
        value = s["target"][i]
        if year == 2024 and doc != "pk-2024" and "perubahan" in s:
            value = s["perubahan"]
        return value if isinstance(value, tuple) else (value, None)

    def real_of(s, year):
        value = s["realisasi"][year][0]
        return ikm[year]["ikm"] if value == "survei" else (None if value is None else dec(value))

    def exact(ind, year, doc=None):
        s = spec[ind]
        lo, hi = target_of(s, year, doc)
        return capaian(s, lo, real_of(s, year), hi)

    def cap(ind, year, doc=None):
        return q(exact(ind, year, doc), 2)

    rows = []

    def add(rid, jenis, nilai, label, tabel, indikator="", node="", tahun=y, dokumen="", keterangan=""):
        rows.append({"id": rid, "jenis": jenis, "indikator": indikator, "node": node, "tahun": tahun, "dokumen": dokumen,
                     "nilai": format(nilai, "f"), "label": label, "sumber": sumber(f"LKjIP sintetis {y} {tabel}"),
                     "keterangan": keterangan})

    iku = [s["id"] for s in INDICATORS if s["iku"]]
    with_data = [i for i in iku if real_of(spec[i], y) is not None]
    caps = {i: cap(i, y) for i in with_data}
    exacts = {i: exact(i, y) for i in with_data}  # averages are taken before rounding
    for i in with_data:
        note = ""
        if i == "iku-gangguan-jaringan":
            note = "Realisasi melebihi dua kali target; capaian indikator makin rendah makin baik dibatasi 0"
        elif i == "iku-sakip":
            note = "Realisasi di atas rentang target; dibandingkan dengan batas atas rentang"
        elif i == "iku-kami":
            note = "Level III terhadap target Level III"
        add(f"t33-{i}", "capaian", caps[i], indo(caps[i]), "Tabel 3.3", indikator=i, keterangan=note)
    overall = q(sum(exacts.values()) / len(exacts), 2)
    add("t33-rata-rata", "rata_rata_capaian", overall, f"{indo(overall)}%", "Tabel 3.3", node="t-1",
        keterangan=f"Rata-rata {len(caps)} indikator sasaran yang memiliki data; Indeks SPBE 2025 belum tersedia "
                   "dan tidak diikutkan")
    for sid, tabel in (("s-1", "Tabel 3.5"), ("s-2", "Tabel 3.7"), ("s-3", "Tabel 3.9")):
        own = [exacts[i] for i in with_data if spec[i]["node"] == sid]
        mean = q(sum(own) / len(own), 2)
        if sid == "s-1":
            total = q(sum(own), 2)
            add("t35-rata-rata", "rata_rata_capaian", total, f"{indo(total)}%", tabel, node=sid,
                keterangan=f"SENGAJA TIDAK KONSISTEN (data uji): tercetak jumlah capaian {len(own)} indikator, bukan "
                           f"rata-ratanya; rata-rata yang benar {indo(mean)}")
        else:
            add(f"t3{tabel[-1]}-rata-rata", "rata_rata_capaian", mean, f"{indo(mean)}%", tabel, node=sid)
    ikm25 = ikm[y]["ikm"]
    add("t35-realisasi-ikm", "realisasi", ikm25, indo(ikm25), "Tabel 3.5", indikator="iku-ikm",
        keterangan=f"Nilai IKM dari {ikm[y]['n']} responden, mutu {classify_mutu(ikm25)[0]} ({classify_mutu(ikm25)[1]})")
    gangguan24 = cap("iku-gangguan-jaringan", 2024)
    add("t37-gangguan-2024", "capaian", gangguan24, indo(gangguan24), "Tabel 3.7", indikator="iku-gangguan-jaringan",
        tahun=2024)
    awal = cap("ip-sistem-terintegrasi", 2024, "pk-2024")
    ubah = cap("ip-sistem-terintegrasi", 2024)
    add("t37-terintegrasi-2024-pk", "capaian", awal, indo(awal), "Tabel 3.7", indikator="ip-sistem-terintegrasi",
        tahun=2024, dokumen="pk-2024", keterangan="Dihitung terhadap target PK awal 2024 (70%), sebelum PK Perubahan")
    add("t37-terintegrasi-2024", "capaian", ubah, indo(ubah), "Tabel 3.7", indikator="ip-sistem-terintegrasi", tahun=2024,
        keterangan="Dihitung terhadap target PK Perubahan 2024 (65%)")
    total = money[y]["t-1"]
    add("t317-serapan", "serapan", serapan(total), f"{indo(serapan(total))}%", "Tabel 3.17", node="t-1")
    add("t317-jumlah-program", "jumlah_program", Decimal(len(PROGRAMS)), str(len(PROGRAMS)), "Tabel 3.17", node="t-1")
    n_kegiatan = sum(len(p[-1]) for p in PROGRAMS)
    add("t318-jumlah-kegiatan", "jumlah_kegiatan", Decimal(n_kegiatan), str(n_kegiatan), "Tabel 3.18", node="t-1")
    return rows


def pegawai_rows() -> list[dict]:
    data = {
        ("1.4.1", "unit_kerja"): [("Kepala Dinas", 1, 1), ("Sekretariat", 11, 12),
                                  ("Bidang Informasi dan Komunikasi Publik", 8, 8), ("Bidang Aplikasi Informatika", 8, 9),
                                  ("Bidang Statistik dan Persandian", 6, 7)],
        ("1.4.2", "status"): [("PNS", 24, 25), ("PPPK", 6, 9), ("Non ASN", 4, 3)],
    }
    rows = []
    for (tabel, kategori), items in data.items():
        for uraian, *counts in items + [("JUMLAH", *[sum(c[i] for c in items) for i in (1, 2)])]:
            for year, count in zip((2024, 2025), counts):
                rows.append({"tabel": tabel, "kategori": kategori, "uraian": uraian, "tahun": year, "jumlah": count,
                             "sumber": sumber(f"LKjIP sintetis 2025 Tabel {tabel}")})
    return rows


# --- writing -----------------------------------------------------------------------------------

def descriptor(resources: list[dict], seed: int) -> dict:
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "contoh-sintetis-kinerja-2021-2025",
        "title": "SINTETIS: Kinerja Dinas Contoh Kabupaten Sintetis 2021-2025",
        "description": "Paket data contoh berisi data sintetis, bukan data resmi. Seluruh nama, angka dan dokumen "
                       "dibangkitkan oleh examples/buat_contoh_sintetis.py untuk menguji Kinerja Terbuka: Renstra "
                       "2021-2025, PK dan PK Perubahan, target dan realisasi lima tahun, indikator makin rendah makin "
                       "baik, ya/tidak, level, kategori dan rentang, anggaran per tahun (dengan satu selisih pagu yang "
                       "disengaja), jawaban survei kepuasan per responden, dan angka laporan tercetak (dengan satu "
                       "ketidakkonsistenan yang disengaja). Instansi, pejabat dan kejadian di dalamnya fiktif.",
        "version": "1.0.0",
        "created": "2026-02-16T00:00:00Z",
        "keywords": ["SAKIP", "LKjIP", "kinerja", "anggaran", "IKM", "sintetis", "contoh"],
        "licenses": [{"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal",
                      "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
        "sources": [{"title": f"Data sintetis (contoh), dibangkitkan oleh examples/buat_contoh_sintetis.py "
                              f"dengan seed {seed}; bukan data resmi"}],
        "contributors": [{"title": "Kinerja Terbuka (data contoh sintetis)", "roles": ["creator"]}],
        "kinerja": {
            "versi_standar": "1",
            "instansi": INSTANSI_ID,
            "tahun_laporan": REPORT_YEAR,
            "dokumen_laporan": f"lkjip-{REPORT_YEAR}",
            "skala_kategori_capaian": "kategori-capaian",
            "batas_capaian_rata_rata": None,
            "urutan_dokumen_target": ["pk_perubahan", "pk", "rkt", "renstra", "lkjip"],
            "sintetis": True,
            "catatan_commit": False,  # this repository's commits describe the generator's code, not this data
            "tahun_arsip": [],  # a finished 2025; the earlier LKjIP years are not published as archives
            "ppid": {"hari_jawab": 10, "hari_perpanjangan": 7, "hari_keberatan": 30, "hari_tanggapan_keberatan": 30,
                     "bulan_kedaluwarsa": 6,
                     "dasar": "UU 14/2008 Pasal 22 ayat (7)-(8) dan Pasal 36 ayat (1)-(2); Perki 1/2021"},
        },
        "resources": resources,
    }


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value)


def write_csv(path: Path, name: str, schema: dict, rows: list[dict]) -> None:
    fields = [f["name"] for f in schema["fields"]]
    allowed = set(fields) | OPTIONAL_COLUMNS.get(name, set())
    for row in rows:
        unknown = set(row) - allowed
        if unknown:
            raise SystemExit(f"{name}: kolom {sorted(unknown)} tidak ada di skema generator/schemas/{name}.json")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if name in SEMICOLON else ",", lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([cell(row.get(f)) for f in fields])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def generate(out: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the package into `out`; returns the files written (relative to `out`)."""
    resources = json.loads((SCHEMAS / "resources.json").read_text(encoding="utf-8"))
    tables = build_tables(seed)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    written = []
    for res in resources:
        name = res["name"]
        schema_rel, data_rel = res["schema"], res["path"]
        shutil.copyfile(SCHEMAS / Path(schema_rel).name, out / schema_rel)
        schema = json.loads((out / schema_rel).read_text(encoding="utf-8"))
        write_csv(out / data_rel, name, schema, tables.get(name, []))  # a resource this example has no rows for: header only
        written += [Path(schema_rel), Path(data_rel)]
    missing = set(tables) - {r["name"] for r in resources}
    if missing:
        raise SystemExit(f"tabel {sorted(missing)} tidak ada di generator/schemas/resources.json")
    text = json.dumps(descriptor(resources, seed), ensure_ascii=False, indent=2) + "\n"
    (out / "datapackage.json").write_text(text, encoding="utf-8")
    written.append(Path("datapackage.json"))
    for rel, data in berkas_files().items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
        written.append(Path(rel))
    keep = {out / p for p in written}
    for folder, pattern in (("data", "*.csv"), ("schemas", "*.json"), ("berkas", "*")):  # drop files of resources that no longer exist
        for stale in (out / folder).glob(pattern):
            if stale not in keep:
                stale.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Bangkitkan paket data contoh SINTETIS (bukan data resmi).")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder keluaran (bawaan: {DEFAULT_OUT.relative_to(ROOT)})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed acak (bawaan: {DEFAULT_SEED})")
    args = p.parse_args(argv)
    files = generate(args.out, args.seed)
    print(f"{len(files)} berkas ditulis ke {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
