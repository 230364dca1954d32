"""The words a reader sees for each coded value of the data: one definition each, for every page, chart
and summary. Codes stay in the data and the published CSVs; these are their Bahasa names."""
from __future__ import annotations

from generator import fmt
from generator.domain.sakip import DIBAWA, SEMENTARA
from generator.domain.triwulan import AKUMULASI as _AKUMULASI
from generator.domain.triwulan import named_quarters
from generator.domain.values import as_decimal, present, row_dicts

BELUM_TERSEDIA = "belum tersedia"

# A realisasi's status; "dibawa" is spelled out so a citizen need not guess what it means.
STATUS_REALISASI = {
    "final": "final",
    SEMENTARA: "sementara (dapat berubah)",
    DIBAWA: "nilai tahun sebelumnya dipakai lagi",
    "tidak_ada": BELUM_TERSEDIA,
}
TINGKAT = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
           "sub_kegiatan": "Sub kegiatan"}
JENIS_DOKUMEN = {"pk_perubahan": "PK Perubahan", "pk": "Perjanjian Kinerja", "rkt": "RKT", "renstra": "Renstra",
                 "lkjip": "Laporan Kinerja", "rencana_aksi": "Rencana Aksi", "pohon_kinerja": "Pohon Kinerja"}
# The five-stage tree (docs/domain.md §9): kinds of condition, levels, planning components, PK levels of owners.
JENIS_KONDISI = {"outcome": "Outcome", "csf": "Faktor kunci keberhasilan (CSF)",
                 "kondisi_antara_utama": "Kondisi antara utama", "kondisi_antara": "Kondisi antara",
                 "kondisi_operasional": "Kondisi operasional"}
# The method's own names (Balangan's pohon kinerja prints "Kinerja Taktikal Intermediate"), each with its
# meaning in Indonesian, so a citizen who meets one does not meet an English word alone.
LEVEL = {"strategis": "Kinerja strategis", "taktikal_intermediate": "Kinerja taktikal intermediate (hasil antara)",
         "taktikal_immediate": "Kinerja taktikal immediate (hasil langsung)", "operasional": "Kinerja operasional"}
KOMPONEN = {"tujuan": "Tujuan", "sasaran": "Sasaran strategis", "sasaran_program": "Sasaran program",
            "sasaran_kegiatan": "Sasaran kegiatan", "sasaran_sub_kegiatan": "Sasaran sub kegiatan"}
PEMILIK = {"jpt": "PK JPT", "eselon_3": "PK Eselon III", "sub_koordinator_jf": "PK Sub Koordinator/JF",
           "jf_jp": "PK JF/JP"}
# Who signs at each PK level, in plain words (for a citizen who does not know the abbreviations): the
# glossary's "pemilik kinerja".
PEMILIK_URAIAN = {
    "jpt": "pejabat pimpinan tinggi (JPT), yaitu kepala perangkat daerah",
    "eselon_3": "pejabat eselon III, yaitu sekretaris dan kepala bidang",
    "sub_koordinator_jf": "sub koordinator atau pejabat fungsional yang memimpin kegiatan",
    "jf_jp": "pejabat fungsional dan pelaksana (JF/JP) yang menjalankan sub kegiatan",
}
LINTAS = "Lintas perangkat daerah"
# What a licence lets a reader do, in plain words, by its identifier (the package's `licenses[].name`,
# compared without case). A licence not listed here is named without a claim about it.
_IZIN = {
    "bebas": "bebas dipakai ulang untuk keperluan apa pun, tanpa syarat",
    "by": "boleh disalin, disebarkan dan diolah, termasuk untuk keperluan komersial, dengan menyebut sumbernya",
    "by-sa": "boleh disalin, disebarkan dan diolah, termasuk untuk keperluan komersial, dengan menyebut sumbernya "
             "dan membagikan hasil olahannya dengan lisensi yang sama",
    "by-nc": "boleh disalin, disebarkan dan diolah, tetapi tidak untuk keperluan komersial, dengan menyebut sumbernya",
    "by-nc-sa": "boleh disalin, disebarkan dan diolah, tetapi tidak untuk keperluan komersial, dengan menyebut "
                "sumbernya dan membagikan hasil olahannya dengan lisensi yang sama",
    "by-nd": "boleh disalin dan disebarkan tanpa diubah, termasuk untuk keperluan komersial, dengan menyebut sumbernya",
    "by-nc-nd": "boleh disalin dan disebarkan tanpa diubah, tidak untuk keperluan komersial, dengan menyebut sumbernya",
}
LISENSI = {"cc0-1.0": _IZIN["bebas"], "pddl-1.0": _IZIN["bebas"], "odc-pddl-1.0": _IZIN["bebas"],
           "odc-by-1.0": _IZIN["by"], "odbl-1.0": _IZIN["by-sa"], "odc-odbl-1.0": _IZIN["by-sa"],
           **{f"cc-{kind}-{version}": _IZIN[kind] for kind in ("by", "by-sa", "by-nc", "by-nc-sa", "by-nd", "by-nc-nd")
              for version in ("2.0", "2.5", "3.0", "4.0")}}


def licence_words(name) -> str | None:
    """What the licence named `name` lets a reader do, or None for a licence this list does not know."""
    return LISENSI.get(str(name).strip().casefold()) if present(name) else None
POLARITAS = {"tinggi_lebih_baik": "makin tinggi makin baik", "rendah_lebih_baik": "makin rendah makin baik"}
JENIS_TARGET = {"angka": "angka", "rentang": "rentang nilai", "level": "level",
                "kategori": "kategori", "ya_tidak": "ya/tidak (ada/tidak ada)"}
PERSEN = ("persen", "%", "persentase")

# Whether an indicator met its target in a year (capaian ≥ 100), as charts and lists say it.
TERCAPAI, TIDAK_TERCAPAI, TANPA_DATA = "Tercapai", "Belum tercapai", "Belum tersedia"


def status_realisasi(code) -> str:
    return STATUS_REALISASI.get(code, str(code)) if code is not None else BELUM_TERSEDIA


def achievement(tercapai) -> str:
    """Tercapai / Belum tercapai / Belum tersedia from the published `tercapai` flag (None: no capaian)."""
    if not present(tercapai):
        return TANPA_DATA
    return TERCAPAI if bool(tercapai) else TIDAK_TERCAPAI


def is_percent(satuan) -> bool:
    return str(satuan).strip().lower() in PERSEN


# --- Glosarium: what a term means, in a sentence a citizen reads -----------------------------------
# One entry per term: (the term as the glossary lists it, its explanation). Pages explain a term where
# they first use it (render/istilah.py: a link to the Glosarium page with the explanation as a tooltip);
# the Glosarium page lists them all, with the package's own scales. Written for this portal, after
# PermenPANRB 53/2014 and 88/2021 (SAKIP), PermenPANRB 14/2017 (IKM) and UU 14/2008 (keterbukaan informasi).
GLOSARIUM: dict[str, tuple[str, str]] = {
    "sasaran": ("Sasaran strategis", "Hasil yang ingin dicapai instansi selama lima tahun rencana strategisnya. "
                "Setiap sasaran diukur dengan satu atau beberapa indikator."),
    "indikator": ("Indikator", "Ukuran yang dipakai untuk menilai apakah sebuah sasaran tercapai, misalnya sebuah "
                  "indeks, persentase atau level."),
    "iku": ("IKU (Indikator Kinerja Utama)", "Indikator terpenting sebuah instansi: ukuran keberhasilan utama yang "
            "dipakai untuk menilai kinerjanya secara keseluruhan. Rata-rata capaian di beranda dihitung dari IKU."),
    "target": ("Target", "Angka yang dijanjikan akan dicapai pada suatu tahun, sebagaimana tercantum dalam dokumen "
               "perencanaan (Renstra, Rencana Kinerja Tahunan, Perjanjian Kinerja)."),
    "realisasi": ("Realisasi", "Yang benar-benar dicapai: untuk indikator, hasil pengukuran pada tahun itu; untuk "
                  "anggaran, uang yang benar-benar dibelanjakan."),
    "capaian": ("Capaian", "Seberapa jauh target terpenuhi, dalam persen: realisasi dibagi target, dikali 100. "
                "100% berarti target tepat tercapai; di atas 100% berarti terlampaui. Untuk indikator yang makin "
                "rendah makin baik, rumusnya dibalik."),
    "kategori": ("Kategori capaian (AA sampai D)", "Kelompok nilai capaian menurut skala yang dipakai instansi, "
                 "dari AA (paling tinggi) sampai D (paling rendah). Rentang tiap kategori ada di Glosarium."),
    "predikat": ("Predikat", "Sebutan untuk nilai sebuah indeks menurut skalanya, misalnya Baik atau Level 3."),
    "dibawa": ("Nilai tahun sebelumnya dipakai lagi", "Pengukuran tahun ini belum ada (misalnya karena indeksnya "
               "dinilai dua tahun sekali), sehingga laporan memakai hasil pengukuran tahun sebelumnya. Angkanya "
               "ikut dirata-rata, tetapi bukan hasil tahun ini."),
    "sementara": ("Angka sementara", "Realisasi yang sudah dilaporkan tetapi belum final: instansi masih dapat "
                  "memperbaikinya, misalnya sebelum hasil survei atau evaluasi resmi terbit. Angkanya ikut dirata-rata "
                  "dan ditandai sebagai sementara."),
    "belum_tersedia": ("Belum tersedia", "Realisasinya belum ada. Indikator itu tidak dihitung sebagai 0 dan tidak "
                       "ikut rata-rata."),
    "renstra": ("Renstra (Rencana Strategis)", "Rencana lima tahun instansi: tujuan, sasaran, indikator dan target "
                "sampai akhir periode."),
    "pk": ("Perjanjian Kinerja (PK)", "Janji tertulis kepala instansi kepada atasannya tentang target yang akan "
           "dicapai tahun itu. Dapat diubah di tengah tahun (PK Perubahan); yang berlaku adalah versi terakhir."),
    "triwulan": ("Triwulan (TW)", "Tiga bulan: TW I Januari–Maret, TW II April–Juni, TW III Juli–September, "
                 "TW IV Oktober–Desember. Selama tahun berjalan, target Rencana Aksi dan realisasi dilaporkan per "
                 "triwulan; \"s.d. TW II\" berarti sampai dengan akhir Juni."),
    "lkjip": ("LKjIP (Laporan Kinerja Instansi Pemerintah)", "Laporan tahunan instansi tentang target, realisasi dan "
              "capaian kinerjanya. Sumber utama angka di portal ini."),
    "sakip": ("SAKIP", "Sistem Akuntabilitas Kinerja Instansi Pemerintah: aturan tentang cara instansi merencanakan, "
              "mengukur dan melaporkan kinerjanya."),
    "pagu": ("Pagu", "Batas anggaran yang disediakan untuk sebuah program, kegiatan atau instansi dalam satu tahun."),
    "serapan": ("Serapan anggaran", "Bagian pagu yang benar-benar dibelanjakan: realisasi anggaran dibagi pagu, "
                "dikali 100."),
    "rencana_penarikan": ("Rencana penarikan dana", "Rencana instansi tentang berapa bagian pagu yang akan "
                          "dibelanjakan sampai akhir setiap triwulan, dalam persen pagu. Serapan yang jauh di bawahnya "
                          "berarti belanja tertinggal dari rencana."),
    "silpa": ("SILPA (sisa anggaran)", "Sisa Lebih Pembiayaan Anggaran. Di portal ini: pagu yang tidak dibelanjakan, "
              "yaitu pagu dikurangi realisasi."),
    "efisiensi": ("Efisiensi (poin)", "Rata-rata capaian dikurangi serapan anggaran, dalam poin persen. Di atas 0: "
                  "hasil yang dicapai lebih tinggi daripada porsi anggaran yang dipakai. Ini kebiasaan aplikasi "
                  "e-SAKIP, bukan ketentuan peraturan."),
    "program": ("Program, kegiatan, sub kegiatan", "Program adalah kumpulan pekerjaan untuk mencapai sebuah sasaran; "
                "kegiatan dan sub kegiatan adalah pekerjaan yang lebih rinci di bawahnya, masing-masing dengan "
                "anggarannya."),
    "pohon": ("Pohon kinerja", "Susunan bertingkat dari tujuan ke sasaran, program, kegiatan dan sub kegiatan, yang "
              "menunjukkan bagaimana setiap pekerjaan mendukung tujuan instansi."),
    "ikm": ("IKM (Indeks Kepuasan Masyarakat)", "Nilai 25 sampai 100 dari survei pengguna layanan tentang sembilan "
            "unsur pelayanan, seperti persyaratan, waktu dan biaya."),
    "nrr": ("NRR (nilai rata-rata unsur)", "Rata-rata skor 1 sampai 4 yang diberikan responden untuk satu unsur "
            "pelayanan."),
    "mutu": ("Mutu pelayanan", "Huruf A (sangat baik) sampai D (tidak baik) yang ditentukan dari nilai IKM."),
    "spbe": ("SPBE", "Sistem Pemerintahan Berbasis Elektronik: pemerintahan yang memakai teknologi informasi untuk "
             "melayani. Indeks SPBE adalah hasil evaluasinya, skala 1 sampai 5."),
    "ips": ("IPS (Indeks Pembangunan Statistik)", "Hasil evaluasi penyelenggaraan statistik sektoral sebuah instansi, "
            "skala 1 sampai 5."),
    "ppid": ("PPID", "Pejabat Pengelola Informasi dan Dokumentasi: pejabat yang melayani permintaan informasi publik."),
    "dip": ("DIP (Daftar Informasi Publik)", "Daftar semua informasi publik yang dikuasai instansi, dengan kategori, "
            "penanggung jawab dan cara mendapatkannya."),
    "berkala": ("Informasi berkala", "Informasi yang wajib diumumkan secara rutin tanpa menunggu permintaan, paling "
                "sedikit setiap enam bulan."),
    "kedaluwarsa": ("Kedaluwarsa", "Informasi berkala yang terakhir diperbarui lebih dari enam bulan sebelum tanggal "
                    "data portal."),
    "opd": ("Perangkat daerah (OPD)", "Dinas, badan atau kantor pemerintah daerah yang melaksanakan urusan "
            "pemerintahan tertentu."),
    "skpd": ("SKPD (Satuan Kerja Perangkat Daerah)", "Sebutan untuk perangkat daerah dalam dokumen anggaran; "
             "artinya sama dengan OPD."),
    "asn": ("ASN (Aparatur Sipil Negara)", "Pegawai pemerintah: pegawai negeri sipil (PNS) dan pegawai pemerintah "
            "dengan perjanjian kerja (PPPK)."),
    "kemenpanrb": ("KemenPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi: kementerian yang "
                   "mengatur SAKIP dan survei kepuasan masyarakat, serta mengevaluasi pelaksanaannya."),
    "bssn": ("BSSN", "Badan Siber dan Sandi Negara: lembaga yang mengurus keamanan siber dan menilai keamanan "
             "informasi instansi, antara lain dengan Indeks KAMI."),
    "rkt": ("RKT (Rencana Kinerja Tahunan)", "Target kinerja satu tahun yang dijabarkan dari Renstra; dasar "
            "Perjanjian Kinerja tahun itu."),
    "lhe": ("LHE AKIP (hasil evaluasi SAKIP)", "Laporan Hasil Evaluasi Akuntabilitas Kinerja: laporan evaluator "
            "(Inspektorat atau KemenPANRB) tentang penerapan SAKIP sebuah instansi, dengan nilai dan predikatnya."),
    "skm": ("SKM (Survei Kepuasan Masyarakat)", "Survei kepada pengguna layanan; jawabannya dihitung menjadi IKM."),
    "kami": ("Indeks KAMI (Keamanan Informasi)", "Alat penilaian dari BSSN tentang kesiapan sebuah instansi "
             "mengamankan informasinya."),
    "tahap_pohon": ("Level kinerja: outcome, intermediate, immediate", "Istilah metode pohon kinerja. Outcome: "
                    "hasil akhir yang dirasakan masyarakat. Kinerja strategis mengukur outcome; kinerja taktikal "
                    "intermediate (hasil antara) mengukur hasil di tingkat program; kinerja taktikal immediate (hasil "
                    "langsung) mengukur hasil di tingkat kegiatan; kinerja operasional mengukur keluaran sub kegiatan."),
    "pemilik": ("Pemilik kinerja (PK JPT sampai PK JF/JP)", "Jabatan yang bertanggung jawab atas sebuah indikator "
                "dan menandatangani Perjanjian Kinerja untuknya. "
                + "; ".join(f"{PEMILIK[k]}: {PEMILIK_URAIAN[k]}" for k in PEMILIK) + "."),
}

# Abbreviations of the glossary as they are printed in an agency's own words (an indicator "Indeks SPBE", a
# sasaran about "ASN"), with what they stand for. A portal page that uses one without explaining it lists it
# at its end (istilah.abbreviations); the Laporan Kinerja lists those it uses (Lampiran D).
SINGKATAN: dict[str, tuple[str, str]] = {
    "asn": ("ASN", "Aparatur Sipil Negara"),
    "bssn": ("BSSN", "Badan Siber dan Sandi Negara"),
    "dip": ("DIP", "Daftar Informasi Publik"),
    "ikm": ("IKM", "Indeks Kepuasan Masyarakat"),
    "iku": ("IKU", "Indikator Kinerja Utama"),
    "ips": ("IPS", "Indeks Pembangunan Statistik"),
    "kami": ("KAMI", "Keamanan Informasi (Indeks KAMI)"),
    "kemenpanrb": ("KemenPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
    "lhe": ("LHE", "Laporan Hasil Evaluasi Akuntabilitas Kinerja"),
    "lkjip": ("LKjIP", "Laporan Kinerja Instansi Pemerintah"),
    "nrr": ("NRR", "Nilai Rata-rata unsur pelayanan"),
    "opd": ("OPD", "Organisasi Perangkat Daerah"),
    "pk": ("PK", "Perjanjian Kinerja"),
    "ppid": ("PPID", "Pejabat Pengelola Informasi dan Dokumentasi"),
    "renstra": ("Renstra", "Rencana Strategis"),
    "rkt": ("RKT", "Rencana Kinerja Tahunan"),
    "sakip": ("SAKIP", "Sistem Akuntabilitas Kinerja Instansi Pemerintah"),
    "silpa": ("SILPA", "Sisa Lebih Pembiayaan Anggaran"),
    "skm": ("SKM", "Survei Kepuasan Masyarakat"),
    "skpd": ("SKPD", "Satuan Kerja Perangkat Daerah"),
    "spbe": ("SPBE", "Sistem Pemerintahan Berbasis Elektronik"),
    "triwulan": ("TW", "Triwulan"),
}


def capped_text(limit, over: list[tuple[str, float]]) -> str | None:
    """What a capped average counts otherwise than shown (`compute.capaian.over_cap`): "capaian di atas 120,00%
    dihitung 120,00% dalam rata-rata ini (batas paket data): Indeks SPBE 200,00%". None when nothing is capped."""
    if limit is None or not over:
        return None
    named = fmt.daftar(f"{name} {fmt.persen(value)}" for name, value in over)
    return f"capaian di atas {fmt.persen(limit)} dihitung {fmt.persen(limit)} dalam rata-rata ini (batas paket data): {named}"


def pagu_nol(pagu) -> bool:
    """A line whose pagu is 0: its serapan is not computed (realisasi ÷ 0), and said so (`serapan_text`)."""
    return present(pagu) and as_decimal(pagu) == 0


def serapan_text(serapan, pagu, kosong: str = BELUM_TERSEDIA) -> str:
    """A line's serapan as a sentence or table shows it: the percent; for a line whose pagu is 0, that none is
    computed (realisasi ÷ 0), not "belum tersedia", which reads as data still to come."""
    if pagu_nol(pagu):
        return "tidak dihitung (pagu Rp0)"
    return fmt.persen(serapan) if present(serapan) else kosong


# A sasaran no indicator serves yet (Lookup.served): not "belum ada realisasi", which reads as data to come.
NO_INDICATOR = "belum ada indikator kinerja"
# The DIP's "bentuk informasi" (Perki 1/2021 names them softcopy/hardcopy): said in Indonesian, the code beside it.
BENTUK_INFORMASI = {
    "softcopy": "salinan elektronik (softcopy)",
    "hardcopy": "salinan cetak (hardcopy)",
    "softcopy dan hardcopy": "salinan elektronik dan cetak (softcopy dan hardcopy)",
}
# A CSV file's column separator (its dialect's delimiter), as a reader names it: ";;" read as a typo.
PEMISAH = {",": "koma (,)", ";": "titik koma (;)", "\t": "tab", "|": "garis tegak (|)"}
# Quarterly progress (compute.triwulan): where an indicator stands against its Rencana Aksi to date.
STATUS_PROGRES = {
    "sesuai_rencana": "sesuai rencana",
    "tertinggal": "tertinggal dari rencana",
    "belum_dilaporkan": "belum dilaporkan",
    "belum_dapat_dihitung": "belum dapat dihitung",
    "tanpa_target": "tidak ada target s.d. triwulan ini",
    "akumulasi_kosong": "tidak dijumlahkan (akumulasi belum ditetapkan)",
    "diganti": "tidak lagi menjadi janji kinerja (targetnya diganti), tidak dihitung",
}
AKUMULASI = {code: f"{code.replace('_', ' ')}: {meaning}" for code, meaning in _AKUMULASI.items()}


def status_progres(code, missing: list[int] | None = None) -> str:
    """The status word; for an indicator whose figure to date is unknown because an earlier quarter was not
    reported (`domain.triwulan.unreported`), which quarters are missing, since "belum dilaporkan" alone reads
    as if the latest quarter were."""
    if code in ("belum_dilaporkan", "belum_dapat_dihitung") and missing:
        return f"belum dapat dihitung, karena realisasi {named_quarters(missing)} belum dilaporkan"
    return STATUS_PROGRES.get(code, str(code)) if code is not None else STATUS_PROGRES["belum_dilaporkan"]


def budget_unknown(missing: list[int], summed: str | None = None, below: str | None = None) -> str:
    """Why spending to date has no figure (`compute.triwulan.budget_gap`): the quarters not reported; for the
    agency's total added up from its `summed` parts ("tujuan"), that not every part reported them; for a line
    that reported nothing while lines beneath it (`below`: "program") did, that only they did."""
    if missing and below:
        return (f"belum dapat dihitung, karena realisasi {named_quarters(missing)} baru dilaporkan per {below}, belum "
                "untuk seluruh instansi")
    if missing and summed:
        return f"belum dapat dihitung, karena realisasi {named_quarters(missing)} belum dilaporkan untuk semua {summed}"
    if missing:
        return status_progres("belum_dapat_dihitung", missing)
    return "belum dapat dihitung, karena belum semua bagian anggaran melaporkan realisasinya"


def summed_from(count, tingkat) -> str | None:
    """What a figure computed for a sasaran whose line the report does not print was added up from
    (`compute.anggaran.sasaran_budget`): "dihitung dari 2 program di bawahnya"; None for a printed figure."""
    if not present(count):
        return None
    return f"dihitung dari {int(count)} {tingkat.replace('_', ' ') if present(tingkat) else 'baris anggaran'} di bawahnya"

_NUMBER_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh", 8: "delapan",
                 9: "sembilan", 10: "sepuluh", 11: "sebelas", 12: "dua belas"}


def months(n: int) -> str:
    """A number of months as a sentence says it: "enam bulan", "18 bulan"."""
    return f"{_NUMBER_WORDS.get(int(n), str(int(n)))} bulan"


def scale_codes(skala_kelas, scale: str) -> list[str]:
    """A capaian scale's class codes from the highest to the lowest, by their lower bounds (a class without
    one is the lowest), whatever order `urutan` gives them: "AA … D"."""
    rows = row_dicts(skala_kelas[skala_kelas["skala"] == scale])
    return [r["kode"] for r in sorted(rows, key=lambda r: (-float(r["batas_bawah"]) if present(r["batas_bawah"])
                                                          else float("inf"), r["urutan"]))]


def glossary(kategori: list[str], bulan_kedaluwarsa: int) -> dict[str, tuple[str, str]]:
    """The glossary of one package: `GLOSARIUM`, with the entries that depend on the package's settings
    written from them: the category scale's codes (highest first: AA … D in the LKjIP's scale, ST … SR in
    another) and the months after which periodic information is stale (kinerja.ppid.bulan_kedaluwarsa)."""
    out = dict(GLOSARIUM)
    if kategori:
        span = kategori[0] if len(kategori) == 1 else f"{kategori[0]} sampai {kategori[-1]}"
        order = (f"dari {kategori[0]} (paling tinggi) sampai {kategori[-1]} (paling rendah)" if len(kategori) > 1
                 else f"satu-satunya kategori: {kategori[0]}")
        out["kategori"] = (f"Kategori capaian ({span})", "Kelompok nilai capaian menurut skala yang dipakai instansi, "
                           f"{order}. Rentang tiap kategori ada di Glosarium.")
    out["kedaluwarsa"] = ("Kedaluwarsa", f"Informasi berkala yang terakhir diperbarui lebih dari "
                          f"{months(bulan_kedaluwarsa)} sebelum tanggal data portal.")
    return out
