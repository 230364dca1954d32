"""Domain checks of the PPID resources (register, service record, service standard).

Dates are compared with the data's own date (`domain.dates.data_date`, the package's `created`), not
the clock: a register dated after the package claims to be is a typo or a package not re-dated.
"""
from __future__ import annotations

import datetime as dt

from generator import fmt
from generator.domain.dates import data_date
from generator.domain.ppid import HALAMAN_MEMUAT, JENIS_WAJIB, UNSUR_STANDAR, WAKTU, statutory_days
from generator.domain.values import present as _present, row_dicts
from generator.load import ROW, Tables
from generator.problems import PERINGATAN, CellIssue


def _future(t: Tables, resource: str, columns: tuple[str, ...]) -> list[CellIssue]:
    today = data_date(t)
    if today is None:
        return []
    issues = []
    for r in row_dicts(t[resource]):
        for col in columns:
            if _present(r[col]) and r[col] > today:
                issues.append(CellIssue(resource, r[ROW], col,
                                        f"tanggal {r[col].isoformat()} sesudah tanggal data paket ({today.isoformat()}, "
                                        '"created" di datapackage.json); tanggal tidak boleh di masa depan: periksa '
                                        'tanggalnya, atau perbarui "created" bila data memang baru diperbarui'))
    return issues


def register(t: Tables) -> list[CellIssue]:
    """Exempt items need their legal basis and consequence test and are never published; periodic items
    are announced (a file or a page); an update is not older than the first publication."""
    issues = _future(t, "informasi", ("tanggal_terbit", "diperbarui"))
    for r in row_dicts(t["informasi"]):
        row = r[ROW]
        if r["kategori"] == "dikecualikan":
            if not _present(r["dasar_pengecualian"]):
                issues.append(CellIssue("informasi", row, "dasar_pengecualian",
                                        f'informasi "{r["id"]}" dikecualikan tanpa dasar hukum; yang diharapkan pasal '
                                        "pengecualian, misalnya UU 14/2008 Pasal 17 huruf h"))
            if not _present(r["uji_konsekuensi"]):
                issues.append(CellIssue("informasi", row, "uji_konsekuensi",
                                        f'informasi "{r["id"]}" dikecualikan tanpa ringkasan uji konsekuensi; yang diharapkan '
                                        "akibat yang timbul bila informasi dibuka dan alasan menutupnya"))
            for col in ("berkas", "halaman"):
                if _present(r[col]):
                    issues.append(CellIssue("informasi", row, col,
                                            f'informasi "{r["id"]}" dikecualikan, tetapi ditautkan ke {col} yang diterbitkan; '
                                            "informasi dikecualikan tidak boleh diumumkan: kosongkan kolom ini"))
        elif r["kategori"] == "berkala" and not _present(r["berkas"]) and not _present(r["halaman"]):
            issues.append(CellIssue("informasi", row, "berkas",
                                    f'informasi berkala "{r["id"]}" belum diumumkan: tidak ada berkas maupun halaman; '
                                    "daftar periksa kepatuhan akan mencatatnya belum tersedia", PERINGATAN))
        code, page = r["jenis_wajib"], r["halaman"]
        if r["kategori"] == "berkala" and code in JENIS_WAJIB and _present(page) and not _present(r["berkas"]) \
                and code not in HALAMAN_MEMUAT.get(page, ()):
            able = [name for name, codes in HALAMAN_MEMUAT.items() if code in codes]
            issues.append(CellIssue("informasi", row, "halaman",
                                    f'informasi "{r["id"]}" memenuhi kewajiban "{code}" lewat halaman "{page}", yang '
                                    "tidak memuatnya; daftar periksa kepatuhan akan mencatatnya belum tersedia. Yang "
                                    "diharapkan berkasnya (kolom berkas)" + (f', atau halaman "{able[0]}"' if able else ""),
                                    PERINGATAN))
        if _present(r["jenis_wajib"]) and r["kategori"] not in ("berkala", "dikecualikan"):
            issues.append(CellIssue("informasi", row, "kategori",
                                    f'informasi "{r["id"]}" memenuhi kewajiban berkala "{r["jenis_wajib"]}", tetapi '
                                    f'berkategori {r["kategori"]}; yang diharapkan kategori berkala'))
        if _present(r["tanggal_terbit"]) and _present(r["diperbarui"]) and r["diperbarui"] < r["tanggal_terbit"]:
            issues.append(CellIssue("informasi", row, "diperbarui",
                                    f"tanggal diperbarui {r['diperbarui'].isoformat()} sebelum tanggal terbit "
                                    f"{r['tanggal_terbit'].isoformat()}; yang diharapkan sama atau sesudahnya"))
    return issues


def service_record(t: Tables) -> list[CellIssue]:
    """The parts of the yearly record add up, and the slowest answer keeps the statutory limit."""
    limits = t.settings.ppid
    limit = limits.batas_jawab
    issues = _future(t, "layanan_informasi", ("tanggal_laporan",))
    for r in row_dicts(t["layanan_informasi"]):
        row = r[ROW]
        done = r["dipenuhi_seluruh"] + r["dipenuhi_sebagian"] + r["ditolak"]
        if done > r["permohonan"]:
            issues.append(CellIssue("layanan_informasi", row, "permohonan",
                                    f"tahun {r['tahun']}: dipenuhi seluruhnya, sebagian dan ditolak berjumlah {done}, lebih "
                                    f"dari {r['permohonan']} permohonan yang diterima; yang diharapkan paling banyak sama"))
        for total, parts in (("keberatan", ("keberatan_dikabulkan", "keberatan_ditolak")),
                             ("sengketa", ("sengketa_mediasi", "sengketa_ajudikasi"))):
            given = sum(int(r[p]) for p in parts if _present(r[p]))
            if given and (not _present(r[total]) or given > r[total]):
                issues.append(CellIssue("layanan_informasi", row, total,
                                        f"tahun {r['tahun']}: hasil {total} berjumlah {given}, lebih dari {total} yang "
                                        f"dicatat ({r[total] if _present(r[total]) else 'kosong'})"))
        if _present(r["rata_rata_hari"]) and _present(r["maks_hari"]) and r["rata_rata_hari"] > r["maks_hari"]:
            issues.append(CellIssue("layanan_informasi", row, "rata_rata_hari",
                                    f"rata-rata {fmt.angka(r['rata_rata_hari'], None)} hari kerja melebihi waktu paling lama "
                                    f"{r['maks_hari']} hari kerja"))
        if _present(r["maks_hari"]) and r["maks_hari"] > limit:
            issues.append(CellIssue("layanan_informasi", row, "maks_hari",
                                    f"tahun {r['tahun']}: permohonan paling lama dijawab {r['maks_hari']} hari kerja, melampaui "
                                    f"batas {limits.hari_jawab} + {limits.hari_perpanjangan} hari kerja ({limits.dasar})",
                                    PERINGATAN))
        if _present(r["tanggal_laporan"]) and r["tanggal_laporan"].year <= r["tahun"]:
            issues.append(CellIssue("layanan_informasi", row, "tanggal_laporan",
                                    f"laporan layanan tahun {r['tahun']} bertanggal {r['tanggal_laporan'].isoformat()}; yang "
                                    f"diharapkan sesudah tahun itu berakhir (paling lambat 31 Maret {r['tahun'] + 1})"))
        elif _present(r["tanggal_laporan"]) and r["tanggal_laporan"] > dt.date(r["tahun"] + 1, 3, 31):
            issues.append(CellIssue("layanan_informasi", row, "tanggal_laporan",
                                    f"laporan layanan tahun {r['tahun']} bertanggal {r['tanggal_laporan'].isoformat()}, "
                                    f"sesudah batasnya 31 Maret {r['tahun'] + 1}", PERINGATAN))
        if _present(r["ditolak"]) and r["ditolak"] > 0 and not _present(r["alasan_penolakan"]):
            issues.append(CellIssue("layanan_informasi", row, "alasan_penolakan",
                                    f"tahun {r['tahun']}: {r['ditolak']} permohonan ditolak tanpa alasan yang dicatat; yang "
                                    "diharapkan alasan penolakannya, yang wajib dimuat laporan layanan", PERINGATAN))
    years = sorted({int(y) for y in t["layanan_informasi"]["tahun"]})
    first = {int(r["tahun"]): r[ROW] for r in reversed(row_dicts(t["layanan_informasi"]))}
    for before, after in zip(years, years[1:]):
        if after - before > 1:
            missing = ", ".join(str(y) for y in range(before + 1, after))
            issues.append(CellIssue("layanan_informasi", first[after], "tahun",
                                    f"tahun {missing} tidak ada di antara {before} dan {after}; laporan layanan dibuat "
                                    "setiap tahun, jadi halaman layanan informasi tidak dapat menyebut tahun itu",
                                    PERINGATAN))
    return issues


def service_standard(t: Tables) -> list[CellIssue]:
    """Time limits carry their number of working days and are not looser than the law."""
    limits = t.settings.ppid
    law = statutory_days(limits)
    issues = _future(t, "standar_layanan", ("diperbarui",))
    for r in row_dicts(t["standar_layanan"]):
        if r["unsur"] not in WAKTU:
            continue
        if not _present(r["hari_kerja"]):
            issues.append(CellIssue("standar_layanan", r[ROW], "hari_kerja",
                                    f'unsur {r["unsur"]} ({UNSUR_STANDAR[r["unsur"]].lower()}) tanpa jumlah hari kerja; '
                                    f"yang diharapkan bilangan bulat, menurut undang-undang paling lama {law[r['unsur']]}"))
        elif r["hari_kerja"] > law[r["unsur"]]:
            issues.append(CellIssue("standar_layanan", r[ROW], "hari_kerja",
                                    f'{UNSUR_STANDAR[r["unsur"]].lower()} {r["hari_kerja"]} hari kerja lebih lama dari batas '
                                    f"undang-undang {law[r['unsur']]} hari kerja ({limits.dasar})", PERINGATAN))
    return issues


RULES = [register, service_record, service_standard]
