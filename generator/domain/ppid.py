"""The vocabulary of public information (UU 14/2008, Perki 1/2021): the four categories, the mandatory
periodic items, the elements of the service standard and the checklist statuses. Shared by validation,
computation and the pages."""
from __future__ import annotations

# The four categories of UU 14/2008 (Pasal 9, 10, 11 and 17), in the order a register lists them.
KATEGORI = {
    "berkala": "Informasi berkala",
    "serta_merta": "Informasi serta merta",
    "setiap_saat": "Informasi tersedia setiap saat",
    "dikecualikan": "Informasi dikecualikan",
}
# Mandatory periodic items (UU 14/2008 Pasal 9 ayat (2); Perki 1/2021 on the service standard, as
# listed in docs/domain.md §7). The financial reports are checked part by part.
JENIS_WAJIB = {
    "profil": ("Profil badan publik", "Informasi tentang badan publik"),
    "program_kegiatan": ("Ringkasan program dan kegiatan", "Kegiatan dan kinerja"),
    "laporan_kinerja": ("Laporan kinerja (LKjIP)", "Kegiatan dan kinerja"),
    "rencana_anggaran": ("Rencana anggaran", "Laporan keuangan"),
    "realisasi_anggaran": ("Laporan realisasi anggaran", "Laporan keuangan"),
    "neraca": ("Neraca", "Laporan keuangan"),
    "arus_kas": ("Laporan arus kas", "Laporan keuangan"),
    "calk": ("Catatan atas laporan keuangan", "Laporan keuangan"),
    "daftar_aset": ("Daftar aset dan investasi", "Laporan keuangan"),
    "ringkasan_akses": ("Ringkasan laporan akses informasi publik", "Layanan informasi"),
    "peraturan": ("Peraturan, keputusan dan kebijakan", "Peraturan dan kebijakan"),
    "pengadaan": ("Pengumuman pengadaan barang dan jasa", "Pengadaan"),
    "prosedur_darurat": ("Prosedur peringatan dini dan evakuasi keadaan darurat", "Keadaan darurat"),
}
# Elements of the information service standard (Perki 1/2021; UU 14/2008 Pasal 22 and 35-36).
UNSUR_STANDAR = {
    "maklumat": "Maklumat pelayanan informasi",
    "prosedur_permohonan": "Prosedur permohonan informasi",
    "prosedur_keberatan": "Prosedur pengajuan keberatan",
    "waktu_jawab": "Jangka waktu menjawab permohonan",
    "waktu_perpanjangan": "Perpanjangan jangka waktu",
    "waktu_keberatan": "Jangka waktu mengajukan keberatan",
    "waktu_tanggapan_keberatan": "Jangka waktu tanggapan atas keberatan",
    "biaya": "Biaya memperoleh informasi",
    "profil_ppid": "Profil PPID",
    "kontak": "Kontak dan tempat layanan",
    "jam_layanan": "Jam layanan",
    "sarana_disabilitas": "Layanan bagi penyandang disabilitas",
}
WAKTU = ("waktu_jawab", "waktu_perpanjangan", "waktu_keberatan", "waktu_tanggapan_keberatan")
# What the checklist asks of the service standard: one line per element, time limits together, access for
# people with disabilities included (Perki 1/2021; SAQ "Sarana dan prasarana"), so the checklist and
# the verifier's evidence pack, which reads it, count the same items.
STANDAR_DIPERIKSA = {
    "maklumat": ("Maklumat pelayanan informasi", ("maklumat",)),
    "prosedur_permohonan": ("Prosedur permohonan informasi", ("prosedur_permohonan",)),
    "prosedur_keberatan": ("Prosedur pengajuan keberatan", ("prosedur_keberatan",)),
    "jangka_waktu": ("Jangka waktu layanan dan keberatan", WAKTU),
    "biaya": ("Biaya memperoleh informasi", ("biaya",)),
    "profil_ppid": ("Profil PPID", ("profil_ppid",)),
    "kontak": ("Kontak dan tempat layanan", ("kontak",)),
    "sarana_disabilitas": ("Layanan bagi penyandang disabilitas", ("sarana_disabilitas",)),
}
# Pages of the portal an item may point at (`informasi.halaman`); the page modules map them to files.
HALAMAN = ("beranda", "profil", "pohon", "anggaran", "survei", "data-terbuka", "metodologi", "konsistensi",
           "ppid", "dip", "laporan-layanan", "standar-layanan", "kepatuhan", "laporan-kinerja")

# The pages among them that can carry a mandatory periodic item: each is made from the package's own tables
# (compute.ppid, the items the portal registers itself) and carries the item only when the package holds
# its data. A register row that publishes an item through any other page (the budget page for procurement)
# does not publish it: a verifier opening the link would not find it.
HALAMAN_MEMUAT = {"profil": ("profil",), "pohon": ("program_kegiatan",), "laporan-kinerja": ("laporan_kinerja",),
                  "anggaran": ("rencana_anggaran", "realisasi_anggaran"), "laporan-layanan": ("ringkasan_akses",)}

TERSEDIA, BELUM, KEDALUWARSA = "tersedia", "belum tersedia", "kedaluwarsa"


def statutory_days(limits) -> dict[str, int]:
    """The longest each time limit of the service standard may be, by element (`Settings.ppid`)."""
    return {"waktu_jawab": limits.hari_jawab, "waktu_perpanjangan": limits.hari_perpanjangan,
            "waktu_keberatan": limits.hari_keberatan, "waktu_tanggapan_keberatan": limits.hari_tanggapan_keberatan}

# The indicators of the Komisi Informasi self-assessment (SAQ) an item of the checklist is evidence for
# (docs/domain.md §10). Organisational commitment and digitalisation are judged from documents and
# interviews, not from what the portal publishes.
SAQ = {
    "Kualitas informasi": ("profil", "program_kegiatan", "laporan_kinerja", "rencana_anggaran", "realisasi_anggaran",
                           "neraca", "arus_kas", "calk", "daftar_aset", "peraturan", "pengadaan"),
    "Jenis informasi": ("serta_merta", "prosedur_darurat"),
    "Sarana dan prasarana": ("dip", "dikecualikan", "kontak", "sarana_disabilitas"),
    "Layanan informasi": ("maklumat", "prosedur_permohonan", "prosedur_keberatan", "jangka_waktu", "biaya",
                          "profil_ppid", "ringkasan_akses"),
}
SAQ_DI_LUAR_DATA = ("Komitmen organisasi", "Digitalisasi dan inovasi")
