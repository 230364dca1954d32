"""Write the canonical Table Schemas (generator/schemas) and copy them into datapackage/schemas.

The schemas are the contract between an agency's data package and the generator.
Edit this file, run `python tools/make_schemas.py`, commit both outputs.
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = "https://datapackage.org/profiles/2.0/tableschema.json"
YA_TIDAK = {"trueValues": ["ya"], "falseValues": ["tidak"]}


def f(name, type_, title, desc="", required=False, unique=False, enum=None, minimum=None,
      maximum=None, pattern=None, **extra):
    field = {"name": name, "type": type_, "title": title}
    if desc:
        field["description"] = desc
    constraints = {}
    if required:
        constraints["required"] = True
    if unique:
        constraints["unique"] = True
    if enum:
        constraints["enum"] = enum
    if minimum is not None:
        constraints["minimum"] = minimum
    if maximum is not None:
        constraints["maximum"] = maximum
    if pattern:
        constraints["pattern"] = pattern
    if constraints:
        field["constraints"] = constraints
    field.update(extra)
    return field


def rupiah(name, title, desc, required=False):
    return f(name, "number", title, desc, required=required, minimum=0,
             decimalChar=",", groupChar=".", **{"x-rupiah": True})


def persen_id(name, title, desc):
    return f(name, "number", title, desc, decimalChar=",", groupChar=".")


def fk(fields, resource=None, ref_fields=("id",)):
    ref = {"fields": list(ref_fields)}
    if resource:
        ref["resource"] = resource
    return {"fields": list(fields) if isinstance(fields, (list, tuple)) else [fields], "reference": ref}


ID = r"^[a-z0-9][a-z0-9._-]*$"
TAHUN = dict(minimum=2000, maximum=2100)
sys.path.insert(0, str(ROOT))
from generator.domain.ppid import HALAMAN, JENIS_WAJIB, KATEGORI, UNSUR_STANDAR  # noqa: E402  (one vocabulary)
from generator.domain.triwulan import AKUMULASI  # noqa: E402
from generator.domain.pohon import JENIS_KONDISI, KOMPONEN, LEVEL, PEMILIK  # noqa: E402

KATEGORI_INFORMASI = list(KATEGORI)
from generator.domain.sakip import NARASI_JENIS, TEMUAN_JENIS  # noqa: E402
SUMBER = f("sumber", "string", "Sumber", "Rujukan ke dokumen sumber: tabel/bab/lampiran tempat angka ini tercetak.", required=True)

SCHEMAS = {
    "instansi": {
        "fields": [
            f("id", "string", "ID instansi", required=True, pattern=ID),
            f("nama", "string", "Nama instansi", required=True),
            f("nama_singkat", "string", "Nama singkat"),
            f("pemerintah_daerah", "string", "Pemerintah daerah", required=True),
            f("provinsi", "string", "Provinsi"),
            f("alamat", "string", "Alamat kantor"),
            f("kode_pos", "string", "Kode pos"),
            f("telepon", "string", "Telepon"),
            f("faksimile", "string", "Faksimile"),
            f("email", "string", "Surel"),
            f("situs", "string", "Situs web"),
            f("kepala_nama", "string", "Nama kepala instansi"),
            f("kepala_jabatan", "string", "Jabatan kepala instansi"),
            f("visi", "string", "Visi (kepala daerah) yang didukung"),
            f("misi", "string", "Misi yang dijalankan"),
            f("tujuan_organisasi", "string", "Tujuan organisasi"),
            f("fungsi", "string", "Fungsi", "Daftar fungsi, dipisahkan titik koma."),
            f("dasar_hukum", "string", "Dasar hukum pembentukan", "Dipisahkan titik koma."),
            f("beroperasi_sejak", "date", "Beroperasi sejak"),
            SUMBER,
        ],
        "primaryKey": ["id"],
    },
    "unit_kerja": {
        "fields": [
            f("id", "string", "ID unit kerja", required=True, pattern=ID),
            f("nama", "string", "Nama unit kerja", required=True),
            f("induk", "string", "Unit induk", "ID unit kerja di atasnya."),
            f("pimpinan_nama", "string", "Nama pimpinan unit"),
            f("pimpinan_jabatan", "string", "Jabatan pimpinan unit"),
            SUMBER,
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("induk")],
    },
    "dokumen": {
        "fields": [
            f("id", "string", "ID dokumen", required=True, pattern=ID),
            f("jenis", "string", "Jenis dokumen", "renstra, rkt, pk, pk_perubahan, rencana_aksi, lkjip atau pohon_kinerja.",
              required=True, enum=["renstra", "rkt", "pk", "pk_perubahan", "rencana_aksi", "lkjip", "pohon_kinerja"]),
            f("judul", "string", "Judul", required=True),
            f("tahun", "integer", "Tahun anggaran", **TAHUN),
            f("tahun_mulai", "integer", "Tahun awal periode",
              "Wajib, kecuali untuk pohon kinerja yang tidak mencetak periode (jangan mengarang tahun).", **TAHUN),
            f("tahun_selesai", "integer", "Tahun akhir periode", "Wajib, kecuali untuk pohon kinerja yang tidak mencetak periode.",
              **TAHUN),
            f("pihak_pertama", "string", "Pihak pertama / penanda tangan"),
            f("pihak_kedua", "string", "Pihak kedua (atasan)"),
            f("tanggal", "date", "Tanggal (ISO)", "Tanggal penandatanganan bila tercetak lengkap."),
            f("tanggal_tercetak", "string", "Tanggal sebagaimana tercetak"),
            f("menggantikan", "string", "Menggantikan dokumen",
              "ID dokumen yang digantikan, misalnya PK Perubahan menggantikan PK awal untuk tahun yang sama."),
            SUMBER,
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("menggantikan")],
    },
    "node": {
        "fields": [
            f("id", "string", "ID simpul", required=True, pattern=ID),
            f("tingkat", "string", "Tingkat pohon kinerja", required=True,
              enum=["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]),
            f("induk", "string", "Simpul induk",
              "ID simpul di tingkat atasnya (kosong untuk tujuan); tingkat yang tidak tercetak boleh dilompati (peringatan)."),
            f("nomor", "string", "Nomor dalam laporan", "Misalnya 1.1.2 untuk sasaran strategis.",
              pattern=r"^[A-Za-z0-9.]+$"),
            f("kode", "string", "Kode resmi", "Kode program/kegiatan/sub kegiatan bila tercetak, misalnya 2.20.02.2.01."),
            f("kode_laporan", "string", "Kode baris Tabel 3.18", "Huruf program, nomor kegiatan, nomor urut sub kegiatan."),
            f("nama", "string", "Nama", required=True),
            f("sasaran_uraian", "string", "Sasaran program/kegiatan", "Rumusan sasaran program atau kegiatan bila tercetak."),
            f("unit", "string", "Unit penanggung jawab", required=True),
            f("catatan", "string", "Catatan"),
            SUMBER,
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("induk"), fk("unit", "unit_kerja")],
    },
    "indikator": {
        "fields": [
            f("id", "string", "ID indikator", required=True, pattern=ID),
            f("node", "string", "Simpul pemilik", "ID sasaran/program/kegiatan/sub kegiatan pemilik indikator.", required=True),
            f("nama", "string", "Nama indikator", required=True),
            f("satuan", "string", "Satuan", required=True),
            f("polaritas", "string", "Polaritas",
              "tinggi_lebih_baik (makin tinggi makin baik) atau rendah_lebih_baik.",
              required=True, enum=["tinggi_lebih_baik", "rendah_lebih_baik"]),
            f("jenis_target", "string", "Jenis target", "angka, rentang, level, kategori atau ya_tidak.",
              required=True, enum=["angka", "rentang", "level", "kategori", "ya_tidak"]),
            f("skala", "string", "Skala predikat/level", "ID skala untuk level, kategori atau predikat indeks."),
            f("iku", "boolean", "Indikator Kinerja Utama", "ya atau tidak.", required=True, **YA_TIDAK),
            f("definisi", "string", "Definisi operasional"),
            f("rumus", "string", "Rumus sebagaimana tercetak"),
            f("sumber_data", "string", "Sumber data"),
            f("unit", "string", "Unit penanggung jawab", required=True),
            f("renstra", "string", "Renstra asal", "ID dokumen Renstra tempat indikator ditetapkan."),
            f("diganti_oleh", "string", "Diganti oleh", "ID indikator pengganti bila indikator ini diganti di tengah tahun."),
            f("catatan", "string", "Catatan"),
            SUMBER,
            f("akumulasi", "string", "Akumulasi per triwulan",
              "Cara nilai triwulan (Rencana Aksi dan realisasi triwulan) menjadi nilai s.d. triwulan itu: "
              "kumulatif (setiap nilai sudah total s.d. triwulan itu), per_triwulan (nilai triwulan itu saja; "
              "s.d. triwulan = jumlahnya) atau nilai_terakhir (pengukuran terakhir yang berlaku, misalnya indeks). "
              "Kosong bila belum ditetapkan: progres triwulan tidak dihitung.",
              enum=list(AKUMULASI)),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("node", "node"), fk("unit", "unit_kerja"), fk("skala", "skala"),
                        fk("renstra", "dokumen"), fk("diganti_oleh")],
    },
    "target": {
        "fields": [
            f("indikator", "string", "Indikator", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("dokumen", "string", "Dokumen penetapan target", required=True),
            f("jenis", "string", "Jenis target", "tahunan atau akhir_periode (target akhir Renstra).",
              required=True, enum=["tahunan", "akhir_periode"]),
            f("nilai", "number", "Nilai target",
              "Angka dengan titik desimal. Untuk level/kategori/ya-tidak: nilai pada skala indikator (Level 2 = 2, Informatif (90) = 90, Ada = 1)."),
            f("batas_atas", "number", "Batas atas rentang", "Hanya untuk jenis_target rentang: nilai = batas bawah."),
            f("label", "string", "Target sebagaimana tercetak", required=True),
            SUMBER,
        ],
        "primaryKey": ["indikator", "tahun", "dokumen", "jenis"],
        "foreignKeys": [fk("indikator", "indikator"), fk("dokumen", "dokumen")],
    },
    "realisasi": {
        "fields": [
            f("indikator", "string", "Indikator", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("nilai", "number", "Nilai realisasi", "Kosong atau '-' bila belum ada data (jangan diisi 0)."),
            f("label", "string", "Realisasi sebagaimana tercetak"),
            f("status", "string", "Status nilai",
              "final, sementara, dibawa (nilai pengukuran tahun sebelumnya dipakai lagi) atau tidak_ada.",
              required=True, enum=["final", "sementara", "dibawa", "tidak_ada"]),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "primaryKey": ["indikator", "tahun"],
        "foreignKeys": [fk("indikator", "indikator")],
    },
    # The annual cycle below the PK: Rencana Aksi targets per quarter (TW I-IV), the realisasi reported
    # each quarter, and the budget spent per quarter. How quarters add up is the indicator's `akumulasi`.
    "target_triwulan": {
        "fields": [
            f("indikator", "string", "Indikator", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("triwulan", "integer", "Triwulan", "1 sampai 4 (TW I-IV).", required=True, minimum=1, maximum=4),
            f("dokumen", "string", "Dokumen Rencana Aksi", "ID dokumen berjenis rencana_aksi.", required=True),
            f("nilai", "number", "Target triwulan",
              "Angka dengan titik desimal; kosong bila dokumen tidak mencetak apa pun untuk triwulan ini."),
            f("label", "string", "Target sebagaimana tercetak", "Misalnya 12, 1 Dokumen; kosong bila sel kosong."),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "primaryKey": ["indikator", "tahun", "triwulan", "dokumen"],
        "foreignKeys": [fk("indikator", "indikator"), fk("dokumen", "dokumen")],
    },
    "realisasi_triwulan": {
        "fields": [
            f("indikator", "string", "Indikator", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("triwulan", "integer", "Triwulan", "1 sampai 4 (TW I-IV).", required=True, minimum=1, maximum=4),
            f("nilai", "number", "Realisasi triwulan",
              "Angka dengan titik desimal, dibaca menurut akumulasi indikator; kosong bila belum ada (jangan diisi 0)."),
            f("label", "string", "Realisasi sebagaimana dilaporkan"),
            f("status", "string", "Status nilai", "final, sementara atau tidak_ada.", required=True,
              enum=["final", "sementara", "tidak_ada"]),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "primaryKey": ["indikator", "tahun", "triwulan"],
        "foreignKeys": [fk("indikator", "indikator")],
    },
    "anggaran_triwulan": {
        "fields": [
            f("node", "string", "Simpul", "Program, kegiatan atau sub kegiatan (atau tujuan untuk jumlah seluruhnya).", required=True),
            f("tahun", "integer", "Tahun anggaran", required=True, **TAHUN),
            f("triwulan", "integer", "Triwulan", "1 sampai 4 (TW I-IV).", required=True, minimum=1, maximum=4),
            rupiah("rencana", "Rencana penarikan (Rp)", "Anggaran kas triwulan ini bila ada; Rupiah format Indonesia."),
            rupiah("realisasi", "Realisasi triwulan (Rp)",
                   "Belanja dalam triwulan ini saja (bukan kumulatif); kosong bila belum dilaporkan."),
            SUMBER,
        ],
        "primaryKey": ["node", "tahun", "triwulan"],
        "foreignKeys": [fk("node", "node")],
    },
    "subindeks": {
        "fields": [
            f("id", "string", "ID", required=True, pattern=ID),
            f("indikator", "string", "Indikator", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("induk", "string", "Induk", "ID domain/indeks di atasnya."),
            f("jenis", "string", "Jenis", required=True, enum=["indeks", "domain", "aspek", "komponen", "skor"]),
            f("nama", "string", "Nama", required=True),
            f("bobot", "number", "Bobot (%)", minimum=0, maximum=100),
            f("nilai", "number", "Nilai"),
            f("nilai_maksimum", "number", "Nilai maksimum"),
            f("nilai_harapan", "number", "Nilai harapan"),
            f("nilai_nasional", "number", "Nilai nasional"),
            SUMBER,
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("indikator", "indikator"), fk("induk")],
    },
    "skala": {
        "fields": [
            f("id", "string", "ID skala", required=True, pattern=ID),
            f("nama", "string", "Nama skala", required=True),
            f("jenis", "string", "Jenis skala", "interval (rentang nilai) atau ordinal (level berurutan).",
              required=True, enum=["interval", "ordinal"]),
            SUMBER,
        ],
        "primaryKey": ["id"],
    },
    "skala_kelas": {
        "fields": [
            f("skala", "string", "Skala", required=True),
            f("kode", "string", "Kode kelas", required=True),
            f("urutan", "integer", "Urutan (1 = terbaik)", required=True, minimum=1),
            f("label", "string", "Label", required=True),
            f("nilai", "number", "Nilai ordinal", "Untuk skala ordinal: nilai level."),
            f("batas_bawah", "number", "Batas bawah", "Untuk skala interval; kosong = tanpa batas bawah."),
            f("bawah_inklusif", "boolean", "Batas bawah termasuk", **YA_TIDAK),
            f("batas_atas", "number", "Batas atas", "Kosong = tanpa batas atas."),
            f("atas_inklusif", "boolean", "Batas atas termasuk", **YA_TIDAK),
            f("rentang_tercetak", "string", "Rentang sebagaimana tercetak"),
            f("interpretasi", "string", "Interpretasi", required=True),
        ],
        "primaryKey": ["skala", "kode"],
        "foreignKeys": [fk("skala", "skala")],
    },
    "anggaran": {
        "fields": [
            f("node", "string", "Simpul", "Program/kegiatan/sub kegiatan, sasaran, atau tujuan (jumlah).", required=True),
            f("dokumen", "string", "Dokumen", "ID dokumen sumber di tabel dokumen: Laporan Kinerja tahun itu (misalnya lkjip-2025) untuk realisasi; RKT, PK atau PK Perubahan untuk pagu rencana.", required=True),
            f("uraian", "string", "Uraian sebagaimana tercetak", required=True),
            rupiah("pagu", "Pagu (Rp)", "Rupiah dengan titik pemisah ribuan dan koma desimal, misalnya 9.079.049.540,00.", required=True),
            rupiah("realisasi", "Realisasi (Rp)", "Kosong bila dokumen hanya memuat pagu."),
            persen_id("serapan_tercetak", "Serapan tercetak (%)", "Persentase serapan sebagaimana tercetak."),
            SUMBER,
        ],
        "primaryKey": ["node", "dokumen"],
        "foreignKeys": [fk("node", "node"), fk("dokumen", "dokumen")],
    },
    "belanja": {
        "fields": [
            f("id", "string", "ID", required=True, pattern=ID),
            f("jenis", "string", "Jenis belanja", required=True,
              enum=["belanja_daerah", "belanja_operasi", "belanja_pegawai", "belanja_barang_jasa",
                    "belanja_modal", "belanja_tidak_terduga", "belanja_transfer"]),
            f("induk", "string", "Induk", "ID baris jenis belanja di atasnya pada tabel yang sama."),
            f("tahun", "integer", "Tahun anggaran", required=True, **TAHUN),
            f("uraian", "string", "Uraian sebagaimana tercetak", required=True),
            rupiah("pagu", "Anggaran (Rp)", "Rupiah, format Indonesia.", required=True),
            rupiah("realisasi", "Realisasi (Rp)", "Rupiah, format Indonesia."),
            persen_id("serapan_tercetak", "Serapan tercetak (%)", "Persentase sebagaimana tercetak."),
            SUMBER,
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("induk")],
    },
    "survei": {
        "fields": [
            f("id", "string", "ID survei", required=True, pattern=ID),
            f("indikator", "string", "Indikator terkait"),
            f("layanan", "string", "Layanan yang disurvei", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("periode_mulai", "date", "Periode mulai"),
            f("periode_selesai", "date", "Periode selesai"),
            f("ikm", "number", "Nilai IKM tercetak (25-100)", minimum=25, maximum=100),
            f("mutu_tercetak", "string", "Mutu pelayanan sebagaimana tercetak"),
            f("responden", "integer", "Jumlah responden", minimum=0),
            f("populasi", "integer", "Populasi pengguna layanan", minimum=0),
            f("metode", "string", "Metode"),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("indikator", "indikator")],
    },
    "jawaban_survei": {
        "fields": [
            f("survei", "string", "Survei", required=True),
            f("responden", "string", "ID responden", required=True),
            f("tanggal", "date", "Tanggal pengisian"),
            f("layanan", "string", "Layanan yang diterima"),
            f("jenis_kelamin", "string", "Jenis kelamin", "L atau P.", enum=["L", "P"]),
            f("usia", "integer", "Usia (tahun)", minimum=0, maximum=120),
            f("pendidikan", "string", "Pendidikan terakhir"),
            f("pekerjaan", "string", "Pekerjaan"),
        ] + [
            f(f"u{i}", "integer", f"U{i} {nama}", "Skor 1 (tidak baik) sampai 4 (sangat baik); kosong bila tidak dijawab.",
              minimum=1, maximum=4)
            for i, nama in enumerate([
                "Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
                "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
                "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana"], start=1)
        ],
        "primaryKey": ["survei", "responden"],
        "foreignKeys": [fk("survei", "survei")],
    },
    "angka_laporan": {
        "fields": [
            f("id", "string", "ID", required=True, pattern=ID),
            f("jenis", "string", "Jenis angka", required=True,
              enum=["capaian", "rata_rata_capaian", "realisasi", "serapan", "jumlah_program", "jumlah_kegiatan", "silpa",
                    "jumlah_sasaran", "jumlah_indikator"]),
            f("indikator", "string", "Indikator"),
            f("node", "string", "Simpul"),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("dokumen", "string", "Dokumen target",
              "Untuk capaian tercetak: dokumen yang targetnya dipakai tabel itu (kosong = target yang berlaku)."),
            f("nilai", "number", "Nilai (titik desimal)", required=True),
            f("label", "string", "Sebagaimana tercetak", required=True),
            SUMBER,
            f("keterangan", "string", "Keterangan"),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("indikator", "indikator"), fk("node", "node"), fk("dokumen", "dokumen")],
    },
    "pegawai": {
        "fields": [
            f("tabel", "string", "Tabel", required=True),
            f("kategori", "string", "Kategori", required=True,
              enum=["unit_kerja", "golongan", "eselon", "pendidikan", "status"]),
            f("uraian", "string", "Uraian", required=True),
            f("tahun", "integer", "Tahun", required=True, **TAHUN),
            f("jumlah", "integer", "Jumlah pegawai", "'-' bila tercetak kosong.", minimum=0),
            SUMBER,
        ],
        "primaryKey": ["tabel", "uraian", "tahun"],
    },
    # Pohon kinerja by the five-stage method (PermenPANRB 89/2021; seed 003): conditions, their indicators per
    # stage, composite indicators, and the owners of the nomenclature tree's nodes and indicators.
    "kondisi": {
        "fields": [
            f("id", "string", "ID kondisi", required=True, pattern=ID),
            f("jenis", "string", "Jenis kondisi",
              "outcome (Tahap 1), csf (Tahap 2), kondisi_antara_utama, kondisi_antara atau kondisi_operasional (Tahap 3); "
              "kosong bila dokumen tidak melabelinya (jangan ditebak).", enum=list(JENIS_KONDISI)),
            f("induk", "string", "Kondisi induk", "ID kondisi di atasnya (kosong untuk outcome dan untuk simpul lintas tanpa induk)."),
            f("nama", "string", "Rumusan kondisi", "Sebagaimana tercetak pada tahap yang memperkenalkannya.", required=True),
            f("masalah", "string", "Masalah (CSF)", "Untuk CSF: isu faktual Tahap 2 (\"Rendahnya ...\")."),
            f("tahap", "integer", "Tahap yang memperkenalkan", "1 outcome, 2 CSF, 3 kondisi; 4 bila pertama tercetak di Tahap 4.",
              required=True, minimum=1, maximum=5),
            f("komponen", "string", "Komponen perencanaan (Tahap 5)", enum=list(KOMPONEN)),
            f("komponen_tercetak", "string", "Komponen sebagaimana tercetak", "Misalnya \"Sasaran Pertama SKPD\"."),
            f("pemilik", "string", "Pemilik kinerja (jenjang PK)", "jpt, eselon_3, sub_koordinator_jf atau jf_jp.",
              enum=list(PEMILIK)),
            f("pemilik_tercetak", "string", "Pemilik sebagaimana tercetak", "Misalnya \"PK Ess 3\"."),
            f("jabatan", "string", "Jabatan pemilik", "Bila dokumen menyebutnya, misalnya Kepala Bidang Statistik."),
            f("unit", "string", "Unit kerja pemilik"),
            f("node", "string", "Simpul nomenklatur", "Program/kegiatan/sub kegiatan (tabel node) yang melaksanakan kondisi ini."),
            f("lintas", "boolean", "Lintas perangkat daerah (cross cutting)", "ya atau tidak.", **YA_TIDAK),
            f("mitra", "string", "Mitra lintas", "Perangkat daerah mitra; \"lintas perangkat daerah\" bila tidak disebut."),
            SUMBER,
            f("catatan", "string", "Catatan", "Bacaan, ketidakkonsistenan dokumen, yang tidak ditranskripsi."),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("induk"), fk("unit", "unit_kerja"), fk("node", "node")],
    },
    "indikator_kondisi": {
        "fields": [
            f("id", "string", "ID indikator kondisi", "Sama untuk indikator yang sama di Tahap 4 dan Tahap 5.",
              required=True, pattern=ID),
            f("kondisi", "string", "Kondisi", required=True),
            f("tahap", "integer", "Tahap", "Tahap yang mencetak baris ini (4 indikator, 5 penerjemahan).",
              required=True, minimum=1, maximum=5),
            f("nama", "string", "Nama indikator", "Sebagaimana tercetak pada tahap itu (yang terpotong tetap terpotong).",
              required=True),
            f("level", "string", "Level kinerja", "strategis, taktikal_intermediate, taktikal_immediate atau operasional; "
              "kosong bila tidak tercetak.", enum=list(LEVEL)),
            f("level_tercetak", "string", "Level sebagaimana tercetak", "Misalnya \"Kinerja Taktikal Immediate\"."),
            f("kondisi_tercetak", "string", "Kondisi sebagaimana tercetak di baris ini",
              "Untuk memeriksa rumusan yang berubah antartahap."),
            f("indikator", "string", "Indikator terukur", "ID di tabel indikator bila paket juga memuat target/realisasinya."),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "primaryKey": ["id", "tahap"],
        "foreignKeys": [fk("kondisi", "kondisi"), fk("indikator", "indikator")],
    },
    "komponen_indikator": {
        "fields": [
            f("indikator", "string", "Indikator komposit", required=True),
            f("komponen", "string", "Indikator komponen", required=True),
            f("bobot", "number", "Bobot", "0.5 untuk \"0,5×a\"; bobot satu indikator komposit berjumlah 1.",
              required=True, minimum=0, maximum=1),
            f("simbol", "string", "Simbol dalam rumus", "Huruf yang tercetak, misalnya a atau b."),
            SUMBER,
        ],
        "primaryKey": ["indikator", "komponen"],
        "foreignKeys": [fk("indikator", "indikator"), fk("komponen", "indikator")],
    },
    "pemilik_kinerja": {
        "fields": [
            f("node", "string", "Simpul", "Isi node ATAU indikator, tidak keduanya."),
            f("indikator", "string", "Indikator"),
            f("level", "string", "Level kinerja", "Bila dokumen mencetaknya; kosong = menurut tingkat simpul.", enum=list(LEVEL)),
            f("pemilik", "string", "Pemilik kinerja (jenjang PK)", required=True, enum=list(PEMILIK)),
            f("jabatan", "string", "Jabatan penanda tangan PK", "Sebagaimana tercetak pada PK."),
            f("dokumen", "string", "Perjanjian Kinerja", "ID dokumen PK yang ditandatangani pemilik."),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "foreignKeys": [fk("node", "node"), fk("indikator", "indikator"), fk("dokumen", "dokumen")],
    },
    # PPID (UU 14/2008, Perki 1/2021): the Daftar Informasi Publik, the yearly service record, the
    # service standard. Codes of mandatory items and portal pages: generator/compute/ppid.py.
    "informasi": {
        "fields": [
            f("id", "string", "ID informasi", required=True, pattern=ID),
            f("judul", "string", "Judul informasi", required=True),
            f("ringkasan", "string", "Ringkasan isi informasi", required=True),
            f("kategori", "string", "Kategori informasi", "Menurut UU 14/2008: berkala, serta merta, setiap saat, dikecualikan.",
              required=True, enum=KATEGORI_INFORMASI),
            f("jenis_wajib", "string", "Jenis informasi wajib berkala yang dipenuhi",
              "Kosong bila informasi ini bukan salah satu informasi wajib berkala.", enum=list(JENIS_WAJIB)),
            f("pejabat_penguasa", "string", "Pejabat/unit yang menguasai informasi", required=True),
            f("penanggung_jawab", "string", "Penanggung jawab pembuatan/penerbitan informasi", required=True),
            f("waktu_pembuatan", "string", "Waktu pembuatan", "Sebagaimana tertulis, misalnya 13 Februari 2026 atau Triwulan I 2025."),
            f("tempat_pembuatan", "string", "Tempat pembuatan"),
            f("bentuk", "string", "Bentuk informasi yang tersedia", enum=["softcopy", "hardcopy", "softcopy dan hardcopy"]),
            f("retensi", "string", "Jangka waktu penyimpanan (retensi arsip)"),
            f("tanggal_terbit", "date", "Tanggal diumumkan"),
            f("diperbarui", "date", "Tanggal terakhir diperbarui"),
            f("berkas", "string", "Berkas di dalam paket data",
              "Letak berkas, ditulis relatif terhadap folder paket, misalnya berkas/maklumat.pdf; diterbitkan bersama situs."),
            f("halaman", "string", "Halaman portal yang memuat informasi ini", enum=list(HALAMAN)),
            f("dasar_pengecualian", "string", "Dasar hukum pengecualian", "Wajib untuk informasi dikecualikan (UU 14/2008 Pasal 17)."),
            f("uji_konsekuensi", "string", "Ringkasan uji konsekuensi", "Wajib untuk informasi dikecualikan."),
            SUMBER,
            f("keterangan", "string", "Keterangan"),
        ],
        "primaryKey": ["id"],
    },
    "layanan_informasi": {
        "fields": [
            f("tahun", "integer", "Tahun layanan", required=True, **TAHUN),
            f("permohonan", "integer", "Permohonan informasi yang diterima", required=True, minimum=0),
            f("dipenuhi_seluruh", "integer", "Permohonan dipenuhi seluruhnya", required=True, minimum=0),
            f("dipenuhi_sebagian", "integer", "Permohonan dipenuhi sebagian", required=True, minimum=0),
            f("ditolak", "integer", "Permohonan ditolak", required=True, minimum=0),
            f("alasan_penolakan", "string", "Alasan penolakan", "Misalnya: informasi dikecualikan (Pasal 17) 2; belum dikuasai 1."),
            f("rata_rata_hari", "number", "Rata-rata waktu menjawab (hari kerja)", minimum=0),
            f("maks_hari", "integer", "Waktu menjawab paling lama (hari kerja)", minimum=0),
            f("keberatan", "integer", "Keberatan yang diajukan", minimum=0),
            f("keberatan_dikabulkan", "integer", "Keberatan dikabulkan atasan PPID", minimum=0),
            f("keberatan_ditolak", "integer", "Keberatan ditolak atasan PPID", minimum=0),
            f("sengketa", "integer", "Sengketa informasi ke Komisi Informasi", minimum=0),
            f("sengketa_mediasi", "integer", "Sengketa selesai dengan mediasi", minimum=0),
            f("sengketa_ajudikasi", "integer", "Sengketa diputus ajudikasi", minimum=0),
            f("hasil_sengketa", "string", "Hasil mediasi/ajudikasi"),
            f("gugatan_pengadilan", "integer", "Perkara di pengadilan", minimum=0),
            f("hambatan", "string", "Kendala pelaksanaan layanan"),
            f("rekomendasi", "string", "Rekomendasi dan rencana tindak lanjut"),
            f("tanggal_laporan", "date", "Tanggal laporan", "Laporan tahunan disampaikan paling lambat 31 Maret tahun berikutnya."),
            f("berkas", "string", "Berkas laporan di dalam paket data"),
            SUMBER,
        ],
        "primaryKey": ["tahun"],
    },
    "riwayat": {
        "fields": [
            f("versi", "string", "Versi paket data", required=True),
            f("tanggal", "date", "Tanggal pembaruan", required=True),
            f("ringkasan", "string", "Ringkasan pembaruan", required=True),
            f("rincian", "string", "Yang berubah", "Misalnya: realisasi IKM 2025 88,19 → 88,5; pagu sub kegiatan X."),
            SUMBER,
        ],
        "primaryKey": ["versi"],
    },
    "standar_layanan": {
        "fields": [
            f("unsur", "string", "Unsur standar layanan", required=True, enum=list(UNSUR_STANDAR)),
            f("urutan", "integer", "Urutan", "Untuk langkah prosedur: 1, 2, 3 ...", required=True, minimum=1),
            f("judul", "string", "Judul", required=True),
            f("isi", "string", "Isi", required=True),
            f("hari_kerja", "integer", "Jangka waktu (hari kerja)", "Wajib untuk unsur waktu_*.", minimum=0),
            f("berkas", "string", "Berkas di dalam paket data", "Misalnya pindaian maklumat pelayanan."),
            f("diperbarui", "date", "Tanggal terakhir diperbarui"),
            SUMBER,
        ],
        "primaryKey": ["unsur", "urutan"],
    },
    # Reviewer outputs (issue 16): the report's own analysis text, benchmark values and the findings of a
    # line-by-line reading of the report that no recomputation can make.
    "narasi": {
        "fields": [
            f("id", "string", "ID", required=True, pattern=ID),
            f("tahun", "integer", "Tahun laporan", required=True, **TAHUN),
            f("node", "string", "Simpul (sasaran)", "Kosong bila teks berlaku untuk seluruh laporan (misalnya rekomendasi Bab IV)."),
            f("indikator", "string", "Indikator", "Bila teks membahas satu indikator."),
            f("jenis", "string", "Jenis analisis",
              "Bagian analisis Bab III/IV menurut PermenPANRB 53/2014: penyebab keberhasilan, hambatan atau penyebab kegagalan, "
              "upaya yang dilakukan, solusi, analisis efisiensi, isu strategis, kesimpulan, rekomendasi.",
              required=True, enum=NARASI_JENIS),
            f("urutan", "integer", "Urutan", required=True, minimum=1),
            f("teks", "string", "Ringkasan teks", "Ringkasan dengan kata-kata sendiri, bukan salinan; rujukan di kolom sumber.",
              required=True),
            SUMBER,
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("node", "node"), fk("indikator", "indikator")],
    },
    "pembanding": {
        "fields": [
            f("id", "string", "ID", required=True, pattern=ID),
            f("indikator", "string", "Indikator", required=True),
            f("tahun", "integer", "Tahun pembanding", required=True, **TAHUN),
            f("tingkat", "string", "Tingkat pembanding", required=True,
              enum=["nasional", "provinsi", "kabupaten_kota", "lainnya"]),
            f("wilayah", "string", "Wilayah atau kelompok", "Misalnya Indonesia, Provinsi Kepulauan Bangka Belitung."),
            f("nilai", "number", "Nilai (titik desimal)"),
            f("label", "string", "Sebagaimana tercetak", required=True),
            SUMBER,
            f("catatan", "string", "Catatan"),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [fk("indikator", "indikator")],
    },
    "temuan": {
        "fields": [
            f("id", "string", "ID", required=True, pattern=ID),
            f("jenis", "string", "Jenis pemeriksaan", required=True, enum=TEMUAN_JENIS),
            f("objek", "string", "Yang diperiksa", required=True),
            f("tahun", "integer", "Tahun", **TAHUN),
            f("sumber_a", "string", "Tempat pertama", "Bab/tabel dan baris dokumen sumber.", required=True),
            f("tercetak_a", "string", "Tercetak di tempat pertama", required=True),
            f("sumber_b", "string", "Tempat kedua", "Bab/tabel dan baris yang bertentangan.", required=True),
            f("tercetak_b", "string", "Tercetak di tempat kedua", required=True),
            f("dihitung", "string", "Perhitungan", "Hitungan yang menunjukkan selisihnya, bila ada."),
            f("keterangan", "string", "Penjelasan paling sederhana", required=True),
            f("menjelaskan", "string", "Menjelaskan baris pemeriksaan otomatis",
              "ID angka_laporan/belanja/anggaran yang dijelaskan temuan ini, dipisahkan titik koma."),
        ],
        "primaryKey": ["id"],
    },
}

TITLES = {
    "instansi": ("Profil instansi", "Identitas, alamat, pimpinan, visi, misi dan fungsi perangkat daerah."),
    "unit_kerja": ("Unit kerja", "Struktur organisasi: sekretariat, bidang dan sub bagian beserta pimpinannya."),
    "dokumen": ("Dokumen perencanaan dan pelaporan", "Renstra, RKT, Perjanjian Kinerja (awal dan perubahan) dan Laporan Kinerja."),
    "node": ("Pohon kinerja", "Tujuan → sasaran strategis → program → kegiatan → sub kegiatan."),
    "indikator": ("Indikator kinerja", "Indikator tiap simpul pohon kinerja, termasuk indikator yang diganti pada PK Perubahan."),
    "target": ("Target", "Target per indikator, tahun dan dokumen penetapan, beserta label sebagaimana tercetak."),
    "realisasi": ("Realisasi", "Realisasi per indikator dan tahun, dengan status nilai."),
    "target_triwulan": ("Target triwulan (Rencana Aksi)", "Target TW I-IV per indikator dari Rencana Aksi, sebagaimana tercetak."),
    "realisasi_triwulan": ("Realisasi triwulan", "Realisasi per indikator dan triwulan yang dilaporkan selama tahun berjalan."),
    "anggaran_triwulan": ("Anggaran per triwulan", "Rencana penarikan dan realisasi belanja per simpul dan triwulan."),
    "subindeks": ("Nilai domain dan aspek indeks", "Rincian Indeks SPBE, IPS, Indeks KAMI dan komponen lain."),
    "skala": ("Skala", "Skala kategori capaian, predikat indeks dan level."),
    "skala_kelas": ("Kelas skala", "Batas dan interpretasi setiap kelas skala."),
    "anggaran": ("Anggaran per simpul", "Pagu dan realisasi per program, kegiatan, sub kegiatan dan sasaran; pagu RKT dan PK."),
    "belanja": ("Anggaran per jenis belanja", "Pagu dan realisasi per jenis belanja (Tabel 3.15 dan 3.16)."),
    "survei": ("Hasil survei kepuasan", "Nilai IKM yang dipublikasikan."),
    "jawaban_survei": ("Jawaban survei per responden", "Skor unsur U1-U9 per responden (PermenPANRB 14/2017)."),
    "angka_laporan": ("Angka tercetak dalam laporan", "Capaian, rata-rata dan jumlah sebagaimana tercetak, untuk diuji ulang."),
    "pegawai": ("Kepegawaian", "Jumlah pegawai menurut unit, golongan, eselon, pendidikan dan status."),
    "informasi": ("Daftar Informasi Publik", "Register informasi publik (UU 14/2008): kategori, tujuh kolom DIP, tautan, dasar pengecualian."),
    "layanan_informasi": ("Laporan layanan informasi", "Rekap tahunan permohonan informasi, waktu menjawab, keberatan dan sengketa."),
    "riwayat": ("Riwayat pembaruan data", "Catatan perubahan paket data, dipakai bila paket tidak berada dalam repositori git."),
    "kondisi": ("Kondisi pohon kinerja", "Outcome, CSF dan kondisi antara sampai operasional (Tahap 1-3), dengan komponen perencanaan, pemilik dan lintas (Tahap 5)."),
    "indikator_kondisi": ("Indikator kondisi", "Indikator setiap kondisi per tahap (Tahap 4 dan 5) dengan levelnya, sebagaimana tercetak."),
    "komponen_indikator": ("Komponen indikator komposit", "Indikator komposit sebagai jumlah berbobot indikator lain, misalnya 0,5×a + 0,5×b."),
    "pemilik_kinerja": ("Pemilik kinerja", "Jabatan yang menandatangani Perjanjian Kinerja untuk setiap simpul dan indikator."),
    "standar_layanan": ("Standar layanan informasi", "Maklumat, prosedur permohonan dan keberatan, jangka waktu, biaya, profil dan kontak PPID."),
    "narasi": ("Analisis dalam laporan", "Penyebab keberhasilan, hambatan, upaya, solusi dan rekomendasi per sasaran, diringkas dengan rujukan."),
    "pembanding": ("Nilai pembanding", "Nilai nasional, provinsi atau wilayah lain untuk indikator, sebagaimana tercetak."),
    "temuan": ("Temuan pemeriksaan naskah", "Ketidakkonsistenan di dalam laporan yang ditemukan saat membaca baris demi baris, dengan kedua tempatnya."),
}

SEMICOLON = {"anggaran", "belanja", "anggaran_triwulan"}


def schema(name):
    s = {"$schema": TS}
    s.update(SCHEMAS[name])
    s["missingValues"] = ["", "-"]
    return s


def main():
    canon = ROOT / "generator" / "schemas"
    pkg = ROOT / "datapackage" / "schemas"
    canon.mkdir(parents=True, exist_ok=True)
    pkg.mkdir(parents=True, exist_ok=True)
    # The default package holds only what the seed documents support (no service record, for one):
    # it gets copies of the schemas of the resources its datapackage.json lists.
    listed = {r["name"] for r in json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    for name in SCHEMAS:
        text = json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
        (canon / f"{name}.json").write_text(text, encoding="utf-8")
        if name in listed:
            shutil.copyfile(canon / f"{name}.json", pkg / f"{name}.json")
    resources = []
    for name in SCHEMAS:
        title, desc = TITLES[name]
        res = {"name": name, "type": "table", "path": f"data/{name}.csv", "format": "csv",
               "mediatype": "text/csv", "encoding": "utf-8", "title": title, "description": desc,
               "schema": f"schemas/{name}.json"}
        if name in SEMICOLON:
            res["dialect"] = {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json", "delimiter": ";"}
        resources.append(res)
    (ROOT / "generator" / "schemas" / "resources.json").write_text(
        json.dumps(resources, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
