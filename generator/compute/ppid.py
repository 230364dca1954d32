"""Public information (PPID, UU 14/2008 and Perki 1/2021): the Daftar Informasi Publik with what the
portal itself publishes, the disclosure checklist for Komisi Informasi reviewers, and the yearly
service record with its derived figures.

Pure functions over the loaded tables. The reference date is the data's own date (`data_date`),
never the clock, so the same package always gives the same checklist.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd

from generator import fmt
from generator.compute.arsip import latest_report_year, report_document
from generator.domain.dates import add_months
from generator.domain.ppid import (BELUM, HALAMAN_MEMUAT, JENIS_WAJIB, KATEGORI, KEDALUWARSA, SAQ, STANDAR_DIPERIKSA,
                                  TERSEDIA, UNSUR_STANDAR)
from generator.domain.values import present, row_dicts

DIP_COLUMNS = ["nomor", "id", "judul", "ringkasan", "kategori", "jenis_wajib", "pejabat_penguasa", "penanggung_jawab",
               "waktu_pembuatan", "tempat_pembuatan", "bentuk", "retensi", "tanggal_terbit", "diperbarui", "berkas",
               "halaman", "dasar_pengecualian", "uji_konsekuensi", "otomatis", "sumber", "keterangan", "_baris"]


def portal_items(t, today: dt.date | None, lines: pd.DataFrame) -> list[dict]:
    """The mandatory and standing items the portal itself publishes from the package's tables
    (`lines`: the realised budget lines of `compute.anggaran.budget_lines`)."""
    inst = t["instansi"].iloc[0]
    year = t.settings.tahun_laporan
    docs = t["dokumen"].set_index("id")
    report = t.settings.dokumen_laporan
    report_doc = docs.loc[report] if report in docs.index else None
    report_date = report_doc["tanggal"] if report_doc is not None and present(report_doc["tanggal"]) else None
    signer = report_doc["pihak_pertama"] if report_doc is not None and present(report_doc["pihak_pertama"]) else None
    head = " ".join(str(v) for v in (inst["kepala_nama"], f"({inst['kepala_jabatan']})" if present(inst["kepala_jabatan"]) else None)
                    if present(v)) or inst["nama"]
    base = {"pejabat_penguasa": inst["nama"], "penanggung_jawab": head, "tempat_pembuatan": inst["pemerintah_daerah"],
            "bentuk": "softcopy", "retensi": None, "berkas": None, "dasar_pengecualian": None, "uji_konsekuensi": None,
            "otomatis": True, "keterangan": "Didaftarkan otomatis: halaman ini dihasilkan portal dari paket data."}
    from_report = {"waktu_pembuatan": fmt.tanggal(report_date) if report_date else (str(year) if year else None),
                   "tanggal_terbit": report_date, "diperbarui": report_date}
    from_build = {"waktu_pembuatan": fmt.tanggal(today) if today else None, "tanggal_terbit": today, "diperbarui": today}
    node, cap = t["node"], t["realisasi"]
    this_year = lines[lines["tahun"] == year] if len(lines) else lines
    items = [
        {"id": "otomatis-profil", "jenis_wajib": "profil", "kategori": "berkala", "halaman": "profil",
         "judul": f"Profil {inst['nama']}", "sumber": "Paket data: instansi, unit_kerja",
         "ringkasan": "Kedudukan, alamat dan kontak, pimpinan, visi dan misi, tujuan, fungsi, dasar hukum dan struktur organisasi.",
         **from_report},
    ]
    if (node["tingkat"] == "program").any():
        items.append({"id": "otomatis-program-kegiatan", "jenis_wajib": "program_kegiatan", "kategori": "berkala",
                      "halaman": "pohon", "judul": "Ringkasan program dan kegiatan" + (f" {year}" if year else ""),
                      "ringkasan": "Pohon kinerja: tujuan, sasaran, program, kegiatan dan sub kegiatan dengan indikator, target dan anggarannya.",
                      "sumber": "Paket data: node, indikator, target, anggaran", **from_report})
    # The latest Laporan Kinerja: the report year's, or while that year runs the last closed year's (archive).
    last = latest_report_year(t)
    if last is not None and (cap["tahun"] == last).any():
        dated, by = from_report, signer
        last_doc = docs.loc[report_document(t, last)] if report_document(t, last) in docs.index else None
        if last != year and last_doc is not None:
            day = last_doc["tanggal"] if present(last_doc["tanggal"]) else None
            dated = {"waktu_pembuatan": fmt.tanggal(day) if day else str(last), "tanggal_terbit": day, "diperbarui": day}
            by = last_doc["pihak_pertama"] if present(last_doc["pihak_pertama"]) else None
        items.append({"id": "otomatis-laporan-kinerja", "jenis_wajib": "laporan_kinerja", "kategori": "berkala",
                      "halaman": "laporan-kinerja" if last == year else f"{last}/laporan-kinerja",
                      "judul": f"Laporan kinerja {last}",
                      "ringkasan": "Laporan Kinerja yang disusun portal dari paket data (HTML dan PDF): target, realisasi dan "
                                   "capaian setiap indikator, rata-rata per sasaran, anggaran dan analisisnya.",
                      "sumber": "Paket data: indikator, target, realisasi", **dated,
                      **({"penanggung_jawab": by} if by else {})})
    if len(this_year) and this_year["pagu"].map(present).any():
        items.append({"id": "otomatis-rencana-anggaran", "jenis_wajib": "rencana_anggaran", "kategori": "berkala",
                      "halaman": "anggaran", "judul": f"Pagu anggaran {year}",
                      "ringkasan": "Pagu anggaran per program, kegiatan dan sub kegiatan sebagaimana dimuat dokumen perencanaan dan laporan kinerja.",
                      "sumber": "Paket data: anggaran", **from_report})
    if len(this_year) and this_year["realisasi"].map(present).any():
        items.append({"id": "otomatis-realisasi-anggaran", "jenis_wajib": "realisasi_anggaran", "kategori": "berkala",
                      "halaman": "anggaran", "judul": f"Realisasi anggaran {year}",
                      "ringkasan": "Pagu, realisasi dan serapan anggaran per program, kegiatan, sub kegiatan dan jenis belanja.",
                      "sumber": "Paket data: anggaran, belanja", **from_report})
    layanan = t["layanan_informasi"]
    if len(layanan):
        latest = layanan.sort_values("tahun").iloc[-1]
        day = latest["tanggal_laporan"] if present(latest["tanggal_laporan"]) else None
        items.append({"id": "otomatis-ringkasan-akses", "jenis_wajib": "ringkasan_akses", "kategori": "berkala",
                      "halaman": "laporan-layanan", "judul": f"Laporan layanan informasi publik {int(latest['tahun'])}",
                      "ringkasan": "Permohonan informasi yang diterima, waktu menjawab, yang dipenuhi seluruh atau sebagian, "
                                   "yang ditolak beserta alasannya, keberatan dan sengketa.",
                      "sumber": "Paket data: layanan_informasi",
                      "waktu_pembuatan": fmt.tanggal(day) if day else str(int(latest["tahun"]) + 1),
                      "tanggal_terbit": day, "diperbarui": day})
    if len(t["survei"]):
        items.append({"id": "otomatis-survei", "jenis_wajib": None, "kategori": "setiap_saat", "halaman": "survei",
                      "judul": "Hasil survei kepuasan masyarakat",
                      "ringkasan": "Indeks Kepuasan Masyarakat per layanan dan tahun, dengan nilai per unsur bila jawaban responden tersedia.",
                      "sumber": "Paket data: survei, jawaban_survei", **from_report})
    items.append({"id": "otomatis-data-terbuka", "jenis_wajib": None, "kategori": "setiap_saat", "halaman": "data-terbuka",
                  "judul": "Paket data kinerja dan hasil perhitungan",
                  "ringkasan": "Seluruh tabel sumber (CSV beserta keterangan setiap kolomnya) dan hasil perhitungan portal, untuk diunduh dan diperiksa ulang.",
                  "sumber": "Paket data (seluruh resource)", **from_build})
    items.append({"id": "otomatis-dip", "jenis_wajib": None, "kategori": "setiap_saat", "halaman": "dip",
                  "judul": "Daftar Informasi Publik",
                  "ringkasan": "Daftar seluruh informasi publik yang dikuasai, menurut kategori, dengan tujuh kolom DIP.",
                  "sumber": "Paket data: informasi, ditambah halaman yang dihasilkan portal", **from_build})
    return [{**base, **item} for item in items]


def carried(items: list[dict]) -> dict[str, set[str]]:
    """The mandatory periodic items each portal page carries in this build ({page: {jenis_wajib}}), from the
    pages the portal makes (`portal_items`): each only when the package holds the data for it (the
    laporan-layanan page carries the summary of access requests only with a service record)."""
    out: dict[str, set[str]] = {}
    for item in items:
        if item["jenis_wajib"]:
            out.setdefault(item["halaman"], set()).add(item["jenis_wajib"])
    return out


def register(t, items: list[dict]) -> pd.DataFrame:
    """The Daftar Informasi Publik: the package's own items, plus what the portal publishes (`items`, from
    `portal_items`, marked `otomatis`) unless the package already registers that mandatory item or page
    itself. Ordered by category, then mandatory-item order, then as the package lists them; numbered from 1."""
    own = t["informasi"].copy()
    own["otomatis"] = False
    active = own[own["kategori"] != "dikecualikan"]
    covered_types = set(active["jenis_wajib"].dropna())
    covered_pages = set(active["halaman"].dropna())
    auto = [item for item in items
            if not (item["jenis_wajib"] in covered_types if item["jenis_wajib"] else item["halaman"] in covered_pages)]
    frame = pd.concat([own, pd.DataFrame(auto)], ignore_index=True) if auto else own
    for col in DIP_COLUMNS:
        if col not in frame:
            frame[col] = None
    frame = frame.astype(object).where(frame.notna(), None)
    kinds, types = list(KATEGORI), list(JENIS_WAJIB)
    frame["_urut"] = range(len(frame))
    frame = frame.sort_values(
        by=["kategori", "jenis_wajib", "_urut"],
        key=lambda col: col.map(kinds.index) if col.name == "kategori" else
        col.map(lambda v: types.index(v) if v in types else len(types)) if col.name == "jenis_wajib" else col,
        kind="stable").reset_index(drop=True)
    frame["nomor"] = range(1, len(frame) + 1)
    return frame[DIP_COLUMNS]


def disclosure(t, today: dt.date | None, lines: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Daftar Informasi Publik and the checklist of mandatory items, as of `today` (the data's own
    date): the portal's own pages join the register, and a page counts for an item only where it carries it."""
    published = portal_items(t, today, lines)
    dip = register(t, published)
    return dip, checklist(dip, t["standar_layanan"], today, t.settings.ppid.bulan_kedaluwarsa, carried(published))


# The report document itself is published when the package registers it (an `informasi` item of kind
# laporan_kinerja with its file); otherwise the portal's own pages stand in, and the checklist says so.
NASKAH_TIDAK_DIMUAT = ("naskah LKjIP tidak dimuat di paket data; yang tersedia adalah angka-angkanya di halaman "
                       "portal")


def _freshness(day, today: dt.date | None, months: int) -> tuple[str, str]:
    if not present(day):
        return KEDALUWARSA, "tanggal pembaruan tidak diisi, sehingga kebaruannya tidak dapat dipastikan"
    if today is not None and today > add_months(day, months):
        return KEDALUWARSA, f"lebih dari {months} bulan sebelum tanggal data ({fmt.tanggal(today)})"
    return TERSEDIA, f"diperbarui dalam {months} bulan terakhir"


def checklist(dip: pd.DataFrame, standar: pd.DataFrame, today: dt.date | None, months: int = 6,
              pages: dict[str, set[str]] | None = None) -> pd.DataFrame:
    """One row per mandatory periodic item, per element of the service standard and for the DIP itself:
    status tersedia / belum tersedia / kedaluwarsa (a periodic item last updated more than `months`
    calendar months before `today`), with the register item that fulfils it. A portal page publishes an
    item only when it carries it (`pages`, from `carried`; bawaan: what each page can carry)."""
    pages = pages if pages is not None else {page: set(codes) for page, codes in HALAMAN_MEMUAT.items()}
    rows = []
    usable = dip[dip["kategori"] != "dikecualikan"]
    for code, (label, group) in JENIS_WAJIB.items():
        mine = usable[usable["jenis_wajib"] == code]
        on_page = mine["halaman"].map(lambda page: present(page) and code in pages.get(page, ()))
        linked = mine[mine["berkas"].map(present) | on_page]
        elsewhere = mine[mine["halaman"].map(present) & ~on_page]
        row = {"kode": code, "item": label, "kelompok": group, "kategori": "berkala", "informasi": None,
               "halaman": None, "berkas": None, "diperbarui": None}
        exempt = dip[(dip["kategori"] == "dikecualikan") & (dip["jenis_wajib"] == code)]
        if not len(mine) and len(exempt):
            row.update(status=BELUM, informasi=exempt.iloc[0]["id"],
                       keterangan="terdaftar di DIP hanya sebagai informasi dikecualikan; kewajiban berkala dipenuhi "
                                  "oleh informasi yang diumumkan, jadi yang diharapkan juga bagian yang terbuka")
        elif not len(mine):
            row.update(status=BELUM, keterangan="tidak ada di Daftar Informasi Publik")
        elif not len(linked) and len(elsewhere):
            page = elsewhere.iloc[0]["halaman"]
            row.update(status=BELUM, informasi=elsewhere.iloc[0]["id"],
                       keterangan=f'terdaftar di DIP dengan tautan ke halaman "{page}", yang tidak memuat '
                                  f"{label[0].lower() + label[1:]}; yang diharapkan berkasnya, atau halaman yang memuatnya")
        elif not len(linked):
            row.update(status=BELUM, informasi=mine.iloc[0]["id"],
                       keterangan="terdaftar di DIP, tetapi belum diumumkan (tanpa berkas atau halaman)")
        else:
            dated = linked.assign(_d=linked["diperbarui"].map(lambda d: d if present(d) else dt.date.min))
            best = dated.sort_values("_d", kind="stable").iloc[-1]
            status, note = _freshness(best["diperbarui"], today, months)
            if code == "laporan_kinerja" and best["otomatis"] and not present(best["berkas"]):
                note = f"{NASKAH_TIDAK_DIMUAT}; {note}"
            row.update(status=status, keterangan=note, informasi=best["id"], halaman=best["halaman"],
                       berkas=best["berkas"], diperbarui=best["diperbarui"] if present(best["diperbarui"]) else None)
        rows.append(row)
    for code, (label, parts) in STANDAR_DIPERIKSA.items():
        mine = standar[standar["unsur"].isin(parts)]
        missing = [UNSUR_STANDAR[p].lower() for p in parts if p not in set(mine["unsur"])]
        dates = [d for d in mine["diperbarui"] if present(d)]
        files = [b for b in mine["berkas"] if present(b)]
        row = {"kode": code, "item": label, "kelompok": "Standar layanan informasi", "kategori": "standar_layanan",
               "informasi": None, "halaman": "standar-layanan" if len(mine) else None,
               "berkas": files[0] if files else None, "diperbarui": max(dates) if dates else None}
        if not len(mine):
            row.update(status=BELUM, keterangan="tidak dimuat dalam standar layanan paket data")
        elif missing:
            row.update(status=BELUM, keterangan="belum memuat: " + ", ".join(missing))
        else:
            row.update(status=TERSEDIA, keterangan=f"{len(mine)} unsur dimuat")
        rows.append(row)
    rows += _categories(dip)
    own_dip = dip[dip["halaman"] == "dip"]
    rows.append({"kode": "dip", "item": "Daftar Informasi Publik", "kelompok": "Informasi setiap saat",
                 "kategori": "setiap_saat", "status": TERSEDIA, "informasi": own_dip.iloc[0]["id"] if len(own_dip) else None,
                 "halaman": "dip", "berkas": None, "diperbarui": today,
                 "keterangan": f"{len(dip)} informasi terdaftar, {int((dip['kategori'] == 'dikecualikan').sum())} dikecualikan"})
    frame = pd.DataFrame(rows)
    frame.insert(0, "no", range(1, len(frame) + 1))
    return frame


def _categories(dip: pd.DataFrame) -> list[dict]:
    """The two categories a verifier asks for beside the periodic items: information announced
    immediately (serta merta, UU 14/2008 Pasal 10) and the decision on exempt information with its
    consequence test (Pasal 17 and 19; Perki 1/2021). Each is `tersedia` only when the register shows it;
    an exemption without its legal basis or test does not count."""
    rows = []
    mine = dip[dip["kategori"] == "serta_merta"]
    linked = mine[mine["berkas"].map(present) | mine["halaman"].map(present)]
    dates = [d for d in linked["diperbarui"] if present(d)]
    row = {"kode": "serta_merta", "item": "Informasi serta merta", "kelompok": "Informasi serta merta",
           "kategori": "serta_merta", "informasi": linked.iloc[0]["id"] if len(linked) else None,
           "halaman": "serta-merta", "berkas": None, "diperbarui": max(dates) if dates else None}
    if len(linked):
        row.update(status=TERSEDIA, keterangan=f"{len(linked)} informasi serta merta diumumkan")
    elif len(mine):
        row.update(status=BELUM, keterangan="terdaftar di DIP, tetapi belum diumumkan (tanpa berkas atau halaman)")
    else:
        row.update(status=BELUM, halaman=None,
                   keterangan="tidak ada informasi serta merta di DIP, termasuk prosedur pengumumannya")
    rows.append(row)
    exempt = dip[dip["kategori"] == "dikecualikan"]
    tested = exempt[exempt["dasar_pengecualian"].map(present) & exempt["uji_konsekuensi"].map(present)]
    dates = [d for d in tested["diperbarui"] if present(d)]
    row = {"kode": "dikecualikan", "item": "Penetapan informasi yang dikecualikan dan uji konsekuensinya",
           "kelompok": "Informasi dikecualikan", "kategori": "dikecualikan",
           "informasi": tested.iloc[0]["id"] if len(tested) else None, "halaman": "dikecualikan" if len(exempt) else None,
           "berkas": next((b for b in tested["berkas"] if present(b)), None), "diperbarui": max(dates) if dates else None}
    if not len(exempt):
        row.update(status=BELUM, keterangan="DIP tidak memuat daftar informasi yang dikecualikan beserta uji konsekuensinya")
    elif len(tested) < len(exempt):
        row.update(status=BELUM, keterangan=f"{len(exempt) - len(tested)} dari {len(exempt)} informasi dikecualikan "
                                            "tanpa dasar hukum atau uji konsekuensi")
    else:
        row.update(status=TERSEDIA, keterangan=f"{len(exempt)} informasi dikecualikan, masing-masing dengan dasar hukum "
                                               "dan uji konsekuensi")
    rows.append(row)
    return rows


def evidence_pack(kepatuhan: pd.DataFrame) -> pd.DataFrame:
    """What a Komisi Informasi verifier opens, grouped by the SAQ indicator it is evidence for: every
    checklist item, with the checklist's status and date; the page adds each item's permanent link."""
    rows = []
    for group, codes in SAQ.items():
        for code in codes:
            match = kepatuhan[kepatuhan["kode"] == code]
            if not len(match):
                continue
            r = match.iloc[0]
            rows.append({"kode": code, "indikator_saq": group, "item": r["item"], "status": r["status"],
                         "diperbarui": r["diperbarui"], "halaman": r["halaman"], "berkas": r["berkas"],
                         "keterangan": r["keterangan"]})
    frame = pd.DataFrame(rows, columns=["kode", "indikator_saq", "item", "status", "diperbarui", "halaman", "berkas",
                                        "keterangan"])
    frame.insert(0, "no", range(1, len(frame) + 1))
    return frame


def counts(kepatuhan: pd.DataFrame) -> dict[str, int]:
    return {s: int((kepatuhan["status"] == s).sum()) for s in (TERSEDIA, KEDALUWARSA, BELUM)}


def service_record(layanan: pd.DataFrame, batas_hari: int) -> pd.DataFrame:
    """The yearly service record with derived figures: requests still open, objections and disputes not yet
    decided (only where each outcome is recorded: an outcome left blank is unknown, never 0), share
    fulfilled, and whether the slowest answer kept the statutory limit (`batas_hari` = 10 + 7 working days)."""
    frame = layanan.sort_values("tahun").reset_index(drop=True).copy()
    if not len(frame):
        for col in ("dalam_proses", "keberatan_proses", "sengketa_proses", "persen_dipenuhi", "sesuai_batas"):
            frame[col] = pd.Series([], dtype=object)
        return frame
    done = frame["dipenuhi_seluruh"] + frame["dipenuhi_sebagian"] + frame["ditolak"]
    frame["dalam_proses"] = (frame["permohonan"] - done).astype("Int64")
    for total, parts in (("keberatan", ("keberatan_dikabulkan", "keberatan_ditolak")),
                         ("sengketa", ("sengketa_mediasi", "sengketa_ajudikasi"))):
        if not {total, *parts} <= set(frame.columns):  # a record without these columns: unknown, never 0
            frame[f"{total}_proses"] = None
            continue
        # an object column of int or None: a float column would print 1.0, and NaN reads as true in a template
        frame[f"{total}_proses"] = pd.Series([int(n) - sum(int(r[p]) for p in parts)
                                              if present(n) and all(present(r[p]) for p in parts) else None
                                              for n, r in zip(frame[total], row_dicts(frame[list(parts)]))],
                                             index=frame.index, dtype=object)
    frame["persen_dipenuhi"] = [
        float(Fraction(int(a + b), int(n)) * 100) if n else None  # exact, so 12,345 rounds to 12,35
        for a, b, n in zip(frame["dipenuhi_seluruh"], frame["dipenuhi_sebagian"], frame["permohonan"])]
    frame["sesuai_batas"] = [None if not present(m) else bool(m <= batas_hari) for m in frame["maks_hari"]]
    return frame
