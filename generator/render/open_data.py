"""The computed results as open data: CSV files (dot decimals, UTF-8) and a datapackage.json describing them.

Numbers are written as text by explicit rules (percentages to 2 decimals half up, Rupiah to the sen),
so the files are byte-identical for the same data and never print 9079049539.999. Text cells a
spreadsheet would run as a formula get a leading apostrophe (`domain.text.spreadsheet_safe`, OWASP's
CSV-injection rule); numbers stay numbers. The published datapackage.json says so.
"""
from __future__ import annotations

import csv
import io
import json

import pandas as pd

from generator import __version__
from generator.contract import canonical_schema
from generator.domain.text import spreadsheet_safe
from generator.domain.values import as_decimal, present, round_half_up, row_dicts

# Said in every published datapackage.json, so a reader knows why a cell may start with an apostrophe.
NEUTRALISED = ("Sel teks yang diawali =, +, -, @, tab atau CR (kecuali satu angka, nama akun dan tanda - saja) diberi awalan "
               "tanda petik tunggal (') agar lembar kerja (Excel, LibreOffice) tidak menjalankannya sebagai rumus (aturan injeksi CSV OWASP); "
               "kolom angka tidak diubah.")

def _choices(resource: str, field: str) -> str:
    """A coded column's values as the package's schema allows them (one list: the schema's enum)."""
    fld = next(f for f in canonical_schema(resource)["fields"] if f["name"] == field)
    return ", ".join(fld["constraints"]["enum"])


# Each published table: columns in order, with (Table Schema type, decimals or None, description), and the
# columns that identify a row (`key`, the descriptor's primaryKey) where the computation makes them unique
# whatever the package holds: capaian has one row per annual target (target's own key), konsistensi and the
# checklists number their rows. anggaran (the jenis belanja lines have no document) and triwulan (a quarter
# may have realisasi without a target document) have none that is never empty.
TABLES: dict[str, dict] = {
    "capaian": {
        "key": ["indikator", "tahun", "dokumen"],
        "title": "Capaian kinerja per indikator, tahun dan dokumen target",
        "columns": {
            "indikator": ("string", None, "ID indikator di paket sumber"),
            "nama": ("string", None, "Nama indikator"),
            "sasaran": ("string", None, "ID sasaran strategis yang didukung"),
            "iku": ("boolean", None, "Indikator Kinerja Utama"),
            "tahun": ("integer", None, "Tahun"),
            "dokumen": ("string", None, "Dokumen penetapan target"),
            "jenis_dokumen": ("string", None, _choices("dokumen", "jenis")),
            "dipilih": ("boolean", None, "Target yang berlaku untuk indikator dan tahun ini"),
            "berlaku": ("boolean", None, "Dipilih dan dokumennya tidak digantikan; masuk rata-rata"),
            "target": ("number", None, "Nilai target"),
            "target_label": ("string", None, "Target sebagaimana tercetak"),
            "realisasi": ("number", None, "Nilai realisasi (kosong = belum tersedia)"),
            "realisasi_label": ("string", None, "Realisasi sebagaimana tercetak"),
            "status_realisasi": ("string", None, "final, sementara, dibawa, tidak_ada"),
            "capaian": ("number", 2, "Capaian (%), tanpa batas atas"),
            "kategori": ("string", None, "Kategori capaian pada skala paket"),
            "interpretasi": ("string", None, "Interpretasi kategori"),
            "tercapai": ("boolean", None, "Capaian, dibulatkan ke 2 desimal (setengah ke atas), ≥ 100"),
            "predikat": ("string", None, "Predikat nilai realisasi pada skala indikator"),
            "tren": ("string", None, "Dibanding realisasi tahun sebelumnya: membaik, tetap, memburuk"),
            "progres_renstra": ("number", 2, "Capaian realisasi terhadap target akhir Renstra (%), dengan rumus capaian "
                                              "indikator itu (polaritas, rentang)"),
            # what recomputing capaian from this table needs (docs/domain.md): the rule is chosen by these
            "node": ("string", None, "ID simpul pohon kinerja tempat indikator melekat (rata-rata sasaran memakai "
                                     "indikator yang melekat pada simpul sasaran itu sendiri)"),
            "satuan": ("string", None, "Satuan indikator"),
            "polaritas": ("string", None, "tinggi_lebih_baik (capaian = realisasi ÷ target × 100) atau rendah_lebih_baik "
                                          "(capaian = (2 × target − realisasi) ÷ target × 100, paling kecil 0)"),
            "jenis_target": ("string", None, _choices("indikator", "jenis_target")),
            "batas_atas": ("number", None, "Batas atas target rentang (target = batas bawah): realisasi di dalam rentang "
                                           "memberi capaian 100, di atasnya dibandingkan dengan batas atas, di bawahnya "
                                           "dengan batas bawah"),
        },
    },
    "anggaran": {
        "title": "Pagu, realisasi dan serapan anggaran",
        "columns": {
            "kode": ("string", None, "Kode program/kegiatan/sub kegiatan, nomor sasaran, atau jenis belanja"),
            "id": ("string", None, "ID baris di paket sumber"),
            "tingkat": ("string", None, "total (jumlah instansi; id _jumlah bila dihitung: jumlah beberapa tujuan, "
                                        "atau baris teratas sasaran/program bila laporan tidak mencetak jumlahnya), "
                                        "tujuan, sasaran, program, kegiatan, sub_kegiatan, jenis_belanja"),
            "uraian": ("string", None, "Uraian"),
            "tahun": ("integer", None, "Tahun anggaran"),
            "dokumen": ("string", None, "Dokumen sumber realisasi"),
            "pagu": ("number", 2, "Pagu (Rp)"),
            "realisasi": ("number", 2, "Realisasi (Rp)"),
            "serapan": ("number", 2, "Serapan = realisasi ÷ pagu × 100 (%)"),
            "silpa": ("number", 2, "Sisa anggaran = pagu − realisasi (Rp)"),
            "porsi_silpa": ("number", 2, "SILPA ÷ pagu × 100 (%), yaitu 100 − serapan dari angka eksak, dibulatkan sekali "
                                         "(bersama serapan dapat berjumlah 100,01 atau 99,99)"),
            "pagu_rincian": ("number", 2, "Jumlah pagu baris-baris di bawahnya (Rp)"),
            "realisasi_rincian": ("number", 2, "Jumlah realisasi baris-baris di bawahnya (Rp); kosong bila salah satunya "
                                                  "tanpa realisasi"),
        },
    },
    "sasaran": {
        "key": ["sasaran", "tahun"],
        "title": "Rata-rata capaian, serapan dan efisiensi per sasaran strategis",
        "columns": {
            "sasaran": ("string", None, "ID sasaran"),
            "nama": ("string", None, "Nama sasaran"),
            "tahun": ("integer", None, "Tahun"),
            "rata_rata": ("number", 2, "Rata-rata capaian indikator sasaran yang berlaku dan memiliki data (%)"),
            "indikator": ("integer", None, "Jumlah indikator yang berlaku"),
            "dengan_data": ("integer", None, "Jumlah indikator dengan realisasi"),
            "dibawa": ("integer", None, "Indikator yang dirata-rata dengan nilai tahun sebelumnya yang dipakai lagi"),
            "pagu": ("number", 2, "Pagu sasaran (Rp)"),
            "realisasi": ("number", 2, "Realisasi anggaran sasaran (Rp)"),
            "serapan": ("number", 2, "Serapan (%)"),
            "efisiensi": ("number", 2, "Rata-rata capaian − serapan (poin persen); di atas 0 = efisien (konvensi)"),
        },
    },
    "ringkasan": {
        "key": ["tahun"],
        "title": "Ringkasan tahunan atas seluruh IKU",
        "columns": {
            "tahun": ("integer", None, "Tahun"),
            "rata_rata": ("number", 2, "Rata-rata capaian IKU yang memiliki data (%)"),
            "kategori": ("string", None, "Kategori rata-rata"),
            "jumlah": ("integer", None, "Jumlah IKU yang berlaku"),
            "tercapai": ("integer", None, "IKU dengan capaian ≥ 100"),
            "tidak_tercapai": ("integer", None, "IKU dengan capaian < 100"),
            "tanpa_data": ("integer", None, "IKU tanpa realisasi (tidak ikut dirata-rata)"),
            "dikecualikan": ("string", None, "ID IKU tanpa realisasi, dipisah titik koma"),
            "dibawa": ("integer", None, "IKU yang dirata-rata dengan nilai tahun sebelumnya yang dipakai lagi"),
            "dibawa_indikator": ("string", None, "ID IKU itu, dipisah titik koma"),
            "sementara": ("integer", None, "IKU yang dirata-rata dengan realisasi sementara (masih dapat berubah)"),
            "sementara_indikator": ("string", None, "ID IKU itu, dipisah titik koma"),
            "serapan": ("number", 2, "Serapan anggaran instansi (%)"),
            "rata_rata_tercetak": ("number", 2, "Rata-rata capaian sebagaimana tercetak di laporan (%)"),
            "sumber_tercetak": ("string", None, "Tempat rata-rata itu tercetak"),
            "rata_rata_dari_tercetak": ("number", 2, "Rata-rata capaian IKU sebagaimana tercetak di tabel yang sama, "
                                        "bila laporan mencetak semuanya dan masing-masing sama dengan capaian dari data (laporan yang membulatkan dulu baru merata-rata)"),
        },
    },
    "ikm": {
        "key": ["survei"],
        "title": "Indeks Kepuasan Masyarakat per survei",
        "columns": {
            "survei": ("string", None, "ID survei"),
            "layanan": ("string", None, "Layanan"),
            "tahun": ("integer", None, "Tahun"),
            "sumber_nilai": ("string", None, "dihitung (dari jawaban responden) atau tercetak"),
            "ikm": ("number", 2, "IKM (25-100)"),
            "nilai_interval": ("number", 4, "IKM ÷ 25 (skala 1-4)"),
            "mutu": ("string", None, "Mutu pelayanan (A-D)"),
            "kinerja": ("string", None, "Kinerja unit pelayanan"),
            "ikm_tercetak": ("number", None, "IKM sebagaimana dipublikasikan, dengan desimalnya sendiri"),
            "responden": ("integer", None, "Jumlah responden"),
            "populasi": ("integer", None, "Populasi pengguna layanan"),
            "sampel_minimum": ("integer", None, "Sampel minimum Krejcie-Morgan"),
            "sampel_memadai": ("boolean", None, "Responden ≥ sampel minimum"),
            "margin_error": ("number", 2, "Margin kesalahan pada tingkat kepercayaan 95% (poin persen)"),
            **{f"nrr_u{i}": ("number", 4, f"Nilai rata-rata unsur U{i}") for i in range(1, 10)},
        },
    },
    "konsistensi": {
        "key": ["no"],
        "title": "Angka tercetak yang tidak cocok dengan perhitungan ulang",
        "columns": {
            "no": ("integer", None, "Nomor"),
            "pemeriksaan": ("string", None, "capaian, rata_rata, realisasi, jumlah_*, serapan, penjumlahan, beda_cetak, triwulan, survei"),
            "objek": ("string", None, "Angka yang diperiksa"),
            "tahun": ("integer", None, "Tahun"),
            "sumber": ("string", None, "Tempat angka tercetak dalam laporan"),
            "tercetak": ("string", None, "Angka sebagaimana tercetak"),
            "dihitung": ("string", None, "Hasil perhitungan ulang"),
            "selisih": ("number", 4, "Tercetak − dihitung"),
            "keterangan": ("string", None, "Penjelasan"),
            "rujukan": ("string", None, "ID baris di paket sumber"),
        },
    },
    "triwulan": {
        "title": "Progres triwulan: target Rencana Aksi dan realisasi s.d. triwulan",
        "columns": {
            "indikator": ("string", None, "ID indikator di paket sumber"),
            "nama": ("string", None, "Nama indikator"),
            "sasaran": ("string", None, "ID sasaran strategis yang didukung"),
            "iku": ("boolean", None, "Indikator Kinerja Utama"),
            "akumulasi": ("string", None, "kumulatif, per_triwulan, nilai_terakhir (kosong = tidak dijumlahkan)"),
            "tahun": ("integer", None, "Tahun"),
            "triwulan": ("integer", None, "Triwulan (1-4)"),
            "dokumen": ("string", None, "Rencana Aksi yang menetapkan target triwulan"),
            "target": ("number", None, "Target triwulan itu"),
            "target_label": ("string", None, "Target sebagaimana tercetak"),
            "target_sd": ("number", None, "Target s.d. triwulan itu, menurut akumulasi"),
            "batas_atas_sd": ("number", None, "Batas atas target s.d. triwulan itu bila target itu rentang: batas "
                                              "atas target tahunan, untuk indikator rentang yang target s.d. "
                                              "triwulannya sampai di batas bawah tahunan (akumulasi kumulatif atau "
                                              "nilai terakhir); kosong = target s.d. triwulan itu satu angka"),
            "realisasi": ("number", None, "Realisasi triwulan itu (kosong = belum dilaporkan)"),
            "realisasi_label": ("string", None, "Realisasi sebagaimana dilaporkan"),
            "status_realisasi": ("string", None, "final, sementara, tidak_ada"),
            "realisasi_sd": ("number", None, "Realisasi s.d. triwulan itu, menurut akumulasi"),
            "capaian_sd": ("number", 2, "Capaian s.d. triwulan itu (%)"),
            "status": ("string", None, "sesuai_rencana, tertinggal, belum_dilaporkan, belum_dapat_dihitung (triwulan "
                                       "ini dilaporkan, tetapi triwulan sebelumnya belum, sehingga realisasi s.d. "
                                       "triwulan tidak dapat dijumlahkan), tanpa_target, akumulasi_kosong, diganti "
                                       "(tidak lagi dijanjikan: target tahunannya dari dokumen yang sudah diganti)"),
            "target_tahunan": ("number", None, "Target tahun itu"),
            "target_tahunan_label": ("string", None, "Target tahun itu sebagaimana tercetak"),
            "dokumen_tahunan": ("string", None, "Dokumen target tahunan"),
        },
    },
    "anggaran_triwulan": {
        "key": ["id", "tahun", "triwulan"],
        "title": "Realisasi anggaran per triwulan dan s.d. triwulan",
        "columns": {
            "id": ("string", None, "ID simpul di paket sumber"),
            "tingkat": ("string", None, "total, tujuan (bila instansi punya beberapa tujuan; total = jumlahnya, id "
                                        "_jumlah), sasaran, program, kegiatan, sub_kegiatan"),
            "uraian": ("string", None, "Uraian"),
            "tahun": ("integer", None, "Tahun anggaran"),
            "triwulan": ("integer", None, "Triwulan (1-4)"),
            "pagu": ("number", 2, "Pagu tahun itu (Rp)"),
            "dokumen_pagu": ("string", None, "Dokumen sumber pagu"),
            "rencana": ("number", 2, "Rencana penarikan triwulan itu (Rp)"),
            "realisasi": ("number", 2, "Realisasi triwulan itu (Rp)"),
            "rencana_sd": ("number", 2, "Rencana penarikan s.d. triwulan itu (Rp)"),
            "realisasi_sd": ("number", 2, "Realisasi s.d. triwulan itu (Rp)"),
            "serapan_sd": ("number", 2, "Realisasi s.d. triwulan ÷ pagu × 100 (%)"),
            "rencana_persen_sd": ("number", 2, "Rencana penarikan s.d. triwulan ÷ pagu × 100 (%)"),
        },
    },
    "dip": {
        "key": ["nomor"],
        "title": "Daftar Informasi Publik (DIP)",
        "columns": {
            "nomor": ("integer", None, "Nomor urut dalam daftar"),
            "id": ("string", None, "ID informasi (otomatis-* = halaman yang dihasilkan portal)"),
            "judul": ("string", None, "Judul informasi"),
            "ringkasan": ("string", None, "Ringkasan isi informasi"),
            "kategori": ("string", None, "berkala, serta_merta, setiap_saat, dikecualikan"),
            "jenis_wajib": ("string", None, "Jenis informasi wajib berkala yang dipenuhi"),
            "pejabat_penguasa": ("string", None, "Pejabat/unit yang menguasai informasi"),
            "penanggung_jawab": ("string", None, "Penanggung jawab pembuatan/penerbitan"),
            "waktu_pembuatan": ("string", None, "Waktu pembuatan"),
            "tempat_pembuatan": ("string", None, "Tempat pembuatan"),
            "bentuk": ("string", None, "Bentuk informasi yang tersedia"),
            "retensi": ("string", None, "Jangka waktu penyimpanan"),
            "tanggal_terbit": ("date", None, "Tanggal diumumkan"),
            "diperbarui": ("date", None, "Tanggal terakhir diperbarui"),
            "tautan": ("string", None, "Alamat informasi di situs ini, relatif terhadap akar situs (kosong = atas permohonan)"),
            "dasar_pengecualian": ("string", None, "Dasar hukum pengecualian"),
            "uji_konsekuensi": ("string", None, "Ringkasan uji konsekuensi"),
            "otomatis": ("boolean", None, "Didaftarkan otomatis karena dihasilkan portal"),
            "sumber": ("string", None, "Sumber"),
            "keterangan": ("string", None, "Keterangan"),
        },
    },
    "kepatuhan": {
        "key": ["no"],
        "title": "Daftar periksa kepatuhan keterbukaan informasi",
        "columns": {
            "no": ("integer", None, "Nomor"),
            "item": ("string", None, "Informasi wajib atau unsur standar layanan"),
            "kategori": ("string", None, "berkala, standar_layanan, setiap_saat"),
            "kelompok": ("string", None, "Kelompok item"),
            "status": ("string", None, "tersedia, kedaluwarsa (informasi berkala yang tidak diperbarui dalam batas kinerja.ppid.bulan_kedaluwarsa paket data, bawaan 6 bulan), belum tersedia"),
            "tautan": ("string", None, "Alamat di situs ini, relatif terhadap akar situs"),
            "diperbarui": ("date", None, "Tanggal terakhir diperbarui"),
            "keterangan": ("string", None, "Alasan status"),
            "informasi": ("string", None, "ID informasi DIP yang memenuhi item ini"),
            "kode": ("string", None, "Kode item"),
        },
    },
    "layanan_informasi": {
        "key": ["tahun"],
        "title": "Laporan layanan informasi publik per tahun",
        "columns": {
            "tahun": ("integer", None, "Tahun"),
            "permohonan": ("integer", None, "Permohonan diterima"),
            "dipenuhi_seluruh": ("integer", None, "Dipenuhi seluruhnya"),
            "dipenuhi_sebagian": ("integer", None, "Dipenuhi sebagian"),
            "ditolak": ("integer", None, "Ditolak"),
            "dalam_proses": ("integer", None, "Belum selesai = permohonan − dipenuhi − ditolak"),
            "persen_dipenuhi": ("number", 2, "(Dipenuhi seluruh + sebagian) ÷ permohonan × 100 (%)"),
            "alasan_penolakan": ("string", None, "Alasan penolakan"),
            "rata_rata_hari": ("number", None, "Rata-rata waktu menjawab (hari kerja)"),
            "maks_hari": ("integer", None, "Waktu menjawab paling lama (hari kerja)"),
            "sesuai_batas": ("boolean", None, "Waktu paling lama ≤ batas undang-undang (10 + 7 hari kerja)"),
            "keberatan": ("integer", None, "Keberatan diajukan"),
            "keberatan_dikabulkan": ("integer", None, "Keberatan dikabulkan"),
            "keberatan_ditolak": ("integer", None, "Keberatan ditolak"),
            "sengketa": ("integer", None, "Sengketa ke Komisi Informasi"),
            "sengketa_mediasi": ("integer", None, "Selesai dengan mediasi"),
            "sengketa_ajudikasi": ("integer", None, "Diputus ajudikasi"),
            "hasil_sengketa": ("string", None, "Hasil mediasi/ajudikasi"),
            "gugatan_pengadilan": ("integer", None, "Perkara di pengadilan"),
            "tanggal_laporan": ("date", None, "Tanggal laporan"),
        },
    },
    # Reviewer outputs (issue 16): the SAKIP pre-check, the KI evidence pack, the findings of a reading of the
    # report, and the MS-Ind indicator metadata.
    "lke": {
        "key": ["no"],
        "title": "Pra-evaluasi SAKIP: kriteria Pengukuran dan Pelaporan Kinerja (PermenPANRB 88/2021)",
        "columns": {
            "no": ("integer", None, "Nomor"),
            "komponen": ("string", None, "Komponen LKE"),
            "kode": ("string", None, "Kode kriteria"),
            "kriteria": ("string", None, "Kriteria"),
            "status": ("string", None, "terpenuhi, tidak terpenuhi, tidak dapat diperiksa dari data"),
            "jumlah": ("integer", None, "Butir yang diperiksa"),
            "terpenuhi": ("integer", None, "Butir yang memenuhi"),
            "bukti": ("string", None, "Apa yang dihitung"),
            "kurang": ("string", None, "Butir yang belum memenuhi"),
            "tautan": ("string", None, "Bukti di situs ini, relatif terhadap akar situs"),
            "dasar": ("string", None, "Peraturan"),
        },
    },
    "bukti_monev": {
        "key": ["no"],
        "title": "Bukti monitoring dan evaluasi keterbukaan informasi (Komisi Informasi)",
        "columns": {
            "no": ("integer", None, "Nomor"),
            "indikator_saq": ("string", None, "Indikator kuesioner penilaian mandiri yang diperiksa"),
            "item": ("string", None, "Item yang diverifikasi"),
            "status": ("string", None, "tersedia, kedaluwarsa, belum tersedia"),
            "diperbarui": ("date", None, "Tanggal terakhir diperbarui"),
            "tautan": ("string", None, "Tautan tetap (alamat lengkap bila alamat situs diketahui)"),
            "keterangan": ("string", None, "Alasan status"),
            "kode": ("string", None, "Kode item daftar periksa"),
        },
    },
    "temuan": {
        "key": ["id"],
        "title": "Temuan pemeriksaan naskah laporan (kedua tempat yang bertentangan)",
        "columns": {
            "id": ("string", None, "ID temuan di paket sumber"),
            "jenis": ("string", None, "Jenis pemeriksaan"),
            "objek": ("string", None, "Yang diperiksa"),
            "tahun": ("integer", None, "Tahun"),
            "sumber_a": ("string", None, "Tempat pertama"),
            "tercetak_a": ("string", None, "Tercetak di tempat pertama"),
            "sumber_b": ("string", None, "Tempat kedua"),
            "tercetak_b": ("string", None, "Tercetak di tempat kedua"),
            "dihitung": ("string", None, "Perhitungan"),
            "keterangan": ("string", None, "Penjelasan paling sederhana"),
            "menjelaskan": ("string", None, "Nomor baris konsistensi.csv yang dijelaskan temuan ini"),
        },
    },
    "msind": {
        "key": ["kode_indikator"],
        "title": "Metadata indikator bentuk MS-Ind (Satu Data Indonesia)",
        "columns": {
            "kode_indikator": ("string", None, "Kode indikator"),
            "nama_indikator": ("string", None, "Nama indikator"),
            "konsep": ("string", None, "Konsep"),
            "definisi": ("string", None, "Definisi"),
            "interpretasi": ("string", None, "Interpretasi"),
            "metode_perhitungan": ("string", None, "Metode/cara perhitungan"),
            "rumus": ("string", None, "Rumus"),
            "ukuran": ("string", None, "Ukuran"),
            "satuan": ("string", None, "Satuan"),
            "klasifikasi_penyajian": ("string", None, "Klasifikasi penyajian (disagregasi)"),
            "indikator_komposit": ("string", None, "Apakah indikator komposit (ya/tidak)"),
            "indikator_pembangun": ("string", None, "Indikator pembangun dan bobotnya"),
            "level_estimasi": ("string", None, "Level estimasi"),
            "periodisitas": ("string", None, "Periodisitas"),
            "dapat_diakses_umum": ("string", None, "Dapat diakses umum (ya/tidak)"),
            "sumber_data": ("string", None, "Sumber data"),
            "produsen_data": ("string", None, "Produsen data"),
            "unit_penanggung_jawab": ("string", None, "Unit penanggung jawab"),
            "kode_wilayah": ("string", None, "Kode wilayah produsen"),
            "iku": ("boolean", None, "Indikator Kinerja Utama"),
            "kosong": ("string", None, "Kolom MS-Ind yang belum diisi paket data"),
        },
    },
}
# Published by a catalog build beside its members' own tables.
CATALOG_TABLES: dict[str, dict] = {
    "opd": {
        "title": "Capaian, serapan anggaran dan IKM setiap perangkat daerah",
        "columns": {
            "id": ("string", None, "ID perangkat daerah di katalog"),
            "nama": ("string", None, "Nama perangkat daerah"),
            "tahun": ("integer", None, "Tahun angka-angka baris ini: tahun laporan, atau selama tahun itu berjalan "
                                       "tahun Laporan Kinerja terakhir"),
            "rata_rata": ("number", 2, "Rata-rata capaian IKU yang memiliki data (%)"),
            "kategori": ("string", None, "Kategori rata-rata capaian"),
            "indikator": ("integer", None, "Jumlah IKU yang berlaku"),
            "tercapai": ("integer", None, "IKU dengan capaian ≥ 100"),
            "tidak_tercapai": ("integer", None, "IKU dengan capaian < 100"),
            "tanpa_data": ("integer", None, "IKU tanpa realisasi"),
            "pagu": ("number", 2, "Pagu (Rp)"),
            "realisasi": ("number", 2, "Realisasi anggaran (Rp)"),
            "serapan": ("number", 2, "Serapan (%)"),
            "ikm": ("number", 2, "Indeks Kepuasan Masyarakat (25-100) survei pertama tahun itu yang IKM-nya ada (urutan survei.csv)"),
            "mutu": ("string", None, "Mutu pelayanan (A-D) survei itu"),
            "survei": ("string", None, "Setiap survei tahun itu: layanan, IKM dan mutunya, dipisah titik koma"),
            "sintetis": ("boolean", None, "Data sintetis"),
            "progres": ("string", None, "Tahun laporan yang sedang berjalan: progres s.d. triwulan terakhir (kosong "
                                        "bila tahun laporan sudah ditutup)"),
        },
    },
}


def _cell(value, kind: str, places: int | None) -> str:
    if not present(value):
        return ""
    if kind == "boolean":
        return "true" if bool(value) else "false"
    if kind == "integer":
        return str(int(value))
    if kind == "date":
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if kind == "number":
        if places is None:  # a value as the data gives it: 88.19, 100, 2.6
            return format(as_decimal(value if not isinstance(value, int) else float(value)).normalize(), "f")
        return str(round_half_up(value if not isinstance(value, int) else float(value), places))
    return spreadsheet_safe(str(value))


def csv_text(name: str, frame: pd.DataFrame) -> str:
    return table_csv({**TABLES, **CATALOG_TABLES}[name]["columns"], frame)


def table_csv(spec: dict[str, tuple], frame: pd.DataFrame) -> str:
    """`frame` as CSV with the columns of `spec` ({column: (type, decimals, description)}): numbers rounded
    half up, text made safe for spreadsheets. Every published CSV is written here, the roll-up's too."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(spec))
    for record in row_dicts(frame):
        writer.writerow([_cell(record.get(col), kind, places) for col, (kind, places, _) in spec.items()])
    return out.getvalue()


def descriptor(title: str, source: dict, names: list[str]) -> str:
    """datapackage.json of the published results, pointing back to the source package."""
    resources = []
    for name in names:
        spec = TABLES[name]
        resources.append({
            "name": name, "path": f"{name}.csv", "type": "table", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "title": spec["title"],
            "schema": {"fields": [{"name": col, "type": kind, "description": desc}
                                  for col, (kind, _places, desc) in spec["columns"].items()],
                       **({"primaryKey": spec["key"]} if "key" in spec else {})},
        })
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"hasil-{source.get('name', 'kinerja')}",
        "title": f"Hasil perhitungan: {title}",
        "description": "Capaian, anggaran, IKM dan catatan konsistensi yang dihitung Kinerja Terbuka "
                       f"{__version__} dari paket sumber. Aturan perhitungan: halaman Metodologi. {NEUTRALISED}",
        "version": source.get("version", ""),
        "created": source.get("created", ""),
        "licenses": source.get("licenses", []),
        "sources": [{"title": source.get("title", ""), "path": "sumber/datapackage.json"}],
        "resources": resources,
    }
    if source.get("kinerja", {}).get("sintetis"):
        package["title"] += " (DATA SINTETIS)"
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
