"""PPID: the Daftar Informasi Publik, the disclosure checklist and its status logic, the service
record, the validation rules of the new resources, and the register's filter in a real browser.

Reference values: the default package's own date is 21 November 2026 (`created`); its report (LKjIP
2025) was signed 13 Februari 2026, so every periodic item taken from it is more than six months old.
The synthetic example is dated 16 Februari 2026 and registers every mandatory item.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, ROOT, default_tables, edit_csv, example_tables, serve
from generator.compute import ppid
from generator.compute.anggaran import budget_lines
from generator.compute.results import compute_all
from generator.domain import ppid as ppid_domain
from generator.domain.dates import data_date
from generator.validate import validate_package

EXAMPLE = ROOT / "examples" / "contoh-sintetis"
D = dt.date


# --- status logic (pure) --------------------------------------------------------------------------

def _dip(*items: dict) -> pd.DataFrame:
    base = {"id": "x", "kategori": "berkala", "jenis_wajib": None, "berkas": None, "halaman": None, "diperbarui": None}
    return pd.DataFrame([{**base, **item} for item in items], columns=ppid.DIP_COLUMNS).astype(object)


def _standar(*unsur: str) -> pd.DataFrame:
    return pd.DataFrame([{"unsur": u, "urutan": 1, "berkas": None, "diperbarui": D(2026, 1, 2)} for u in unsur],
                        columns=["unsur", "urutan", "berkas", "diperbarui"])


def _status(frame: pd.DataFrame, code: str) -> tuple[str, str]:
    row = frame[frame["kode"] == code].iloc[0]
    return row["status"], row["keterangan"]


@pytest.mark.parametrize("updated, today, expected", [
    (D(2026, 2, 13), D(2026, 8, 13), ppid.TERSEDIA),      # exactly six months: still fresh
    (D(2026, 2, 13), D(2026, 8, 14), ppid.KEDALUWARSA),   # one day more: stale
    (D(2025, 8, 31), D(2026, 2, 28), ppid.TERSEDIA),      # 31 Aug + 6 months = 28 Feb (clamped)
    (D(2025, 8, 31), D(2026, 3, 1), ppid.KEDALUWARSA),
    (D(2026, 2, 13), D(2026, 11, 21), ppid.KEDALUWARSA),  # the default package's case
])
def test_periodic_item_is_stale_after_six_calendar_months(updated, today, expected):
    frame = ppid.checklist(_dip({"id": "lra", "jenis_wajib": "realisasi_anggaran", "halaman": "anggaran",
                                 "diperbarui": updated}), _standar(), today, 6)
    assert _status(frame, "realisasi_anggaran")[0] == expected


def test_the_staleness_limit_comes_from_the_settings():
    frame = ppid.checklist(_dip({"jenis_wajib": "neraca", "berkas": "n.pdf", "diperbarui": D(2026, 1, 1)}),
                           _standar(), D(2026, 4, 2), 3)
    assert _status(frame, "neraca") == (ppid.KEDALUWARSA, "lebih dari 3 bulan sebelum tanggal data (2 April 2026)")


def test_missing_unpublished_undated_and_exempt_items():
    frame = ppid.checklist(_dip(
        {"id": "sk", "jenis_wajib": "peraturan"},                                   # registered, no link
        {"id": "aset", "jenis_wajib": "daftar_aset", "berkas": "a.csv"},            # linked, no date
        {"id": "rahasia", "jenis_wajib": "pengadaan", "kategori": "dikecualikan", "diperbarui": D(2026, 1, 1)},
        {"id": "lama", "jenis_wajib": "neraca", "berkas": "lama.pdf", "diperbarui": D(2024, 1, 1)},
        {"id": "baru", "jenis_wajib": "neraca", "berkas": "baru.pdf", "diperbarui": D(2026, 1, 1)},
    ), _standar(), D(2026, 2, 1), 6)
    assert _status(frame, "peraturan") == (ppid.BELUM, "terdaftar di DIP, tetapi belum diumumkan (tanpa berkas atau halaman)")
    assert _status(frame, "daftar_aset")[0] == ppid.KEDALUWARSA
    assert _status(frame, "pengadaan") == (ppid.BELUM, "terdaftar di DIP hanya sebagai informasi dikecualikan; "
                                                       "kewajiban berkala dipenuhi oleh informasi yang diumumkan, jadi "
                                                       "yang diharapkan juga bagian yang terbuka")  # exempt never counts
    assert frame.set_index("kode").loc["pengadaan", "informasi"] == "rahasia"
    assert _status(frame, "arus_kas") == (ppid.BELUM, "tidak ada di Daftar Informasi Publik")
    neraca = frame[frame["kode"] == "neraca"].iloc[0]
    assert (neraca["status"], neraca["informasi"], neraca["berkas"]) == (ppid.TERSEDIA, "baru", "baru.pdf")  # newest wins


def test_service_standard_time_limits_need_all_four():
    frame = ppid.checklist(_dip(), _standar("waktu_jawab", "waktu_perpanjangan", "biaya"), D(2026, 2, 1), 6)
    status, note = _status(frame, "jangka_waktu")
    assert status == ppid.BELUM
    assert note == ("belum memuat: jangka waktu mengajukan keberatan, jangka waktu tanggapan atas keberatan")
    assert _status(frame, "biaya")[0] == ppid.TERSEDIA
    assert _status(frame, "maklumat") == (ppid.BELUM, "tidak dimuat dalam standar layanan paket data")


def test_service_record_derived_figures():
    record = pd.DataFrame([{"tahun": 2025, "permohonan": 85, "dipenuhi_seluruh": 72, "dipenuhi_sebagian": 7,
                            "ditolak": 4, "maks_hari": 18}])
    out = ppid.service_record(record, 17).iloc[0]
    assert out["dalam_proses"] == 2
    assert out["persen_dipenuhi"] == pytest.approx(79 / 85 * 100)
    assert bool(out["sesuai_batas"]) is False


# --- the default package ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def default_results():
    validated = validate_package(DATAPACKAGE)
    assert validated.report.ok
    return validated.tables, compute_all(validated.tables)


def test_default_register_holds_what_the_seed_supports(default_results):
    t, res = default_results
    dip = res.dip.set_index("id")
    assert data_date(t) == D(2026, 11, 21)
    assert len(dip) == 16 and (dip["kategori"] == "dikecualikan").sum() == 0
    # Items the portal publishes, dated with the LKjIP's signature (13 Februari 2026).
    auto = dip[dip["otomatis"].astype(bool)]
    assert sorted(auto.index) == ["otomatis-data-terbuka", "otomatis-dip", "otomatis-laporan-kinerja", "otomatis-profil",
                                  "otomatis-program-kegiatan", "otomatis-realisasi-anggaran", "otomatis-rencana-anggaran"]
    assert dip.loc["otomatis-laporan-kinerja", "diperbarui"] == D(2026, 2, 13)
    assert dip.loc["otomatis-laporan-kinerja", "penanggung_jawab"] == "Partono, S.Pd (Pt. Kepala Dinas)"
    # The package registers the survey report itself, so no automatic survey item is added.
    assert "otomatis-survei" not in dip.index and dip.loc["laporan-survei-kepuasan-2025", "halaman"] == "survei"
    assert dip.loc["kepdis-tim-lkj-2025", "waktu_pembuatan"] == "6 Januari 2026"


def test_default_checklist_marks_the_missing_items_honestly(default_results):
    _t, res = default_results
    k = res.kepatuhan.set_index("kode")
    # 17 missing: the 15 periodic and service-standard items the report does not cover (access for people with
    # disabilities included), plus the two categories a verifier also asks for (serta merta; exempt information
    # with its consequence test): none in the package.
    assert ppid.counts(res.kepatuhan) == {"tersedia": 2, "kedaluwarsa": 5, "belum tersedia": 17}
    for code in ("profil", "program_kegiatan", "laporan_kinerja", "rencana_anggaran", "realisasi_anggaran"):
        assert k.loc[code, "status"] == "kedaluwarsa", code
        assert k.loc[code, "diperbarui"] == D(2026, 2, 13)
        assert k.loc[code, "keterangan"].endswith("lebih dari 6 bulan sebelum tanggal data (21 November 2026)")
    # The package does not carry the LKjIP itself: the portal's pages stand in, and the checklist says so.
    assert k.loc["laporan_kinerja", "keterangan"].startswith("naskah LKjIP tidak dimuat di paket data; ")
    for code in ("neraca", "arus_kas", "calk", "daftar_aset", "ringkasan_akses", "pengadaan", "prosedur_darurat",
                 "maklumat", "prosedur_permohonan", "prosedur_keberatan", "jangka_waktu", "biaya", "profil_ppid",
                 "sarana_disabilitas", "serta_merta", "dikecualikan"):
        assert k.loc[code, "status"] == "belum tersedia", code
    assert k.loc["serta_merta", "keterangan"] == "tidak ada informasi serta merta di DIP, termasuk prosedur pengumumannya"
    assert k.loc["dikecualikan", "keterangan"] == \
        "DIP tidak memuat daftar informasi yang dikecualikan beserta uji konsekuensinya"
    assert k.loc["peraturan", "informasi"] == "kepdis-tim-lkj-2025"
    assert k.loc["kontak", "status"] == "tersedia" and k.loc["dip", "status"] == "tersedia"


def test_published_checklist_and_register(default_site):
    site = default_site.site
    rows = list(csv.DictReader(io.StringIO((site / "data" / "kepatuhan.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 24 and {"item", "kategori", "status", "tautan", "diperbarui"} <= set(rows[0])
    lkjip = next(r for r in rows if r["item"] == "Laporan kinerja (LKjIP)")
    # the generated Laporan Kinerja (issue 16), no longer the home page
    assert (lkjip["status"], lkjip["tautan"], lkjip["diperbarui"]) == ("kedaluwarsa", "laporan-kinerja/", "2026-02-13")
    lra = next(r for r in rows if r["item"] == "Laporan realisasi anggaran")
    assert lra["tautan"] == "anggaran/" and (site / "anggaran" / "index.html").is_file()
    dip = list(csv.DictReader(io.StringIO((site / "data" / "dip.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in dip][:5] == ["otomatis-profil", "otomatis-program-kegiatan", "otomatis-laporan-kinerja",
                                          "otomatis-rencana-anggaran", "otomatis-realisasi-anggaran"]
    assert next(r for r in dip if r["id"] == "laporan-survei-kepuasan-2025")["tautan"] == "survei/"
    described = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {"dip", "kepatuhan", "layanan_informasi"} <= {r["name"] for r in described["resources"]}
    page = (site / "ppid" / "laporan-layanan" / "index.html").read_text(encoding="utf-8")
    assert "Belum ada data layanan informasi" in page
    kepatuhan = (site / "ppid" / "kepatuhan" / "index.html").read_text(encoding="utf-8")
    assert "2 tersedia, 5 kedaluwarsa, 17 belum tersedia" in kepatuhan  # + serta merta, dikecualikan (issue 16)
    # the verifier's evidence pack counts the same items as the checklist (it had one more, disability access)
    evidence = list(csv.DictReader(io.StringIO((site / "data" / "bukti_monev.csv").read_text(encoding="utf-8"))))
    assert sorted(r["status"] for r in evidence) == sorted(r["status"] for r in rows)
    # the PPID profile lists the four categories with what each means (explained only under the DIP table before)
    from generator.render.pages.ppid import KATEGORI_PENJELASAN

    profile = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (site / "ppid" / "index.html").read_text(encoding="utf-8")))
    for code, meaning in KATEGORI_PENJELASAN.items():
        count = sum(1 for r in dip if r["kategori"] == code)
        assert f": {count} informasi; {meaning}" in profile, code


# --- the synthetic example --------------------------------------------------------------------------

def test_example_register_and_checklist_are_complete():
    validated = validate_package(EXAMPLE)
    assert validated.report.ok
    res = compute_all(validated.tables)
    assert ppid.counts(res.kepatuhan) == {"tersedia": 24, "kedaluwarsa": 0, "belum tersedia": 0}
    assert sorted(res.bukti_monev["status"]) == sorted(res.kepatuhan["status"])
    dip = res.dip.set_index("id")
    exempt = dip.loc["data-pribadi-pegawai"]
    assert exempt["kategori"] == "dikecualikan" and "Pasal 17 huruf h" in exempt["dasar_pengecualian"]
    assert set(dip["kategori"]) == set(ppid.KATEGORI)
    lay = res.layanan.set_index("tahun")
    assert list(lay.index) == [2021, 2022, 2023, 2024, 2025]
    assert (lay.loc[2025, "permohonan"], lay.loc[2025, "dalam_proses"]) == (85, 2)
    assert lay["sesuai_batas"].all()


# --- validation rules -------------------------------------------------------------------------------

INFO = "data/informasi.csv"
HEADER = ("id,judul,ringkasan,kategori,jenis_wajib,pejabat_penguasa,penanggung_jawab,waktu_pembuatan,tempat_pembuatan,"
          "bentuk,retensi,tanggal_terbit,diperbarui,berkas,halaman,dasar_pengecualian,uji_konsekuensi,sumber,keterangan")


def _add_item(pkg: Path, line: str) -> None:
    path = pkg / INFO
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def _errors(run, pkg) -> list[str]:
    status, out, _err = run("validate", pkg)
    assert status == 1, out
    return [line for line in out if ": peringatan: " not in line and line.startswith(str(pkg))]


def test_register_header_is_the_schema_order(pkg):
    assert (pkg / INFO).read_text(encoding="utf-8").splitlines()[0] == HEADER


def test_exempt_item_without_legal_basis_or_consequence_test(pkg, run):
    _add_item(pkg, "rahasia,Data pribadi,Alamat pegawai,dikecualikan,,Sekretariat,Kepala Dinas,,,,,,,,,,,uji,")
    errors = _errors(run, pkg)
    assert errors == [
        f'{pkg}/{INFO}:11:16: informasi "rahasia" dikecualikan tanpa dasar hukum; yang diharapkan pasal pengecualian, '
        "misalnya UU 14/2008 Pasal 17 huruf h",
        f'{pkg}/{INFO}:11:17: informasi "rahasia" dikecualikan tanpa ringkasan uji konsekuensi; yang diharapkan akibat '
        "yang timbul bila informasi dibuka dan alasan menutupnya"]


def test_exempt_item_must_not_be_published(pkg, run):
    _add_item(pkg, "rahasia,Data pribadi,Alamat pegawai,dikecualikan,,Sekretariat,Kepala Dinas,,,,,,,,profil,"
                   "UU 14/2008 Pasal 17 huruf h,Membahayakan pegawai,uji,")
    assert _errors(run, pkg) == [
        f'{pkg}/{INFO}:11:15: informasi "rahasia" dikecualikan, tetapi ditautkan ke halaman yang diterbitkan; '
        "informasi dikecualikan tidak boleh diumumkan: kosongkan kolom ini"]


def test_link_to_a_file_missing_from_the_package(pkg, run):
    _add_item(pkg, "neraca,Neraca 2025,Posisi keuangan,berkala,neraca,Keuangan,Kepala Dinas,,,,,,,berkas/neraca.pdf,,,,uji,")
    _add_item(pkg, "keluar,Di luar paket,x,setiap_saat,,Keuangan,Kepala Dinas,,,,,,,../../etc/passwd,,,,uji,")
    assert _errors(run, pkg) == [
        f'{pkg}/{INFO}:11:14: berkas "berkas/neraca.pdf" tidak ada di dalam paket data; salin berkasnya ke '
        f"{pkg}/berkas/neraca.pdf atau perbaiki path-nya",
        f'{pkg}/{INFO}:12:14: berkas "../../etc/passwd" ditolak karena menunjuk ke luar folder paket; yang diharapkan '
        "path relatif di dalam paket, misalnya berkas/maklumat.pdf"]
    (pkg / "berkas").mkdir()
    (pkg / "berkas" / "neraca.pdf").write_bytes(b"%PDF-1.4\n")
    edit_csv(pkg / INFO, "keluar,Di luar paket,x,setiap_saat,,Keuangan,Kepala Dinas,,,,,,,../../etc/passwd,,,,uji,\n", "")
    status, out, _err = run("validate", pkg)
    assert status == 0, out


def test_dates_in_the_future_of_the_data(pkg, run):
    edit_csv(pkg / INFO, ",2026-01-06,2026-01-06,", ",2026-01-06,2026-12-01,")
    assert _errors(run, pkg) == [
        f"{pkg}/{INFO}:2:13: tanggal 2026-12-01 sesudah tanggal data paket (2026-11-21, \"created\" di datapackage.json); "
        'tanggal tidak boleh di masa depan: periksa tanggalnya, atau perbarui "created" bila data memang baru diperbarui']


def test_update_before_publication(pkg, run):
    edit_csv(pkg / INFO, ",2026-01-06,2026-01-06,", ",2026-01-06,2026-01-05,")
    assert _errors(run, pkg) == [
        f"{pkg}/{INFO}:2:13: tanggal diperbarui 2026-01-05 sebelum tanggal terbit 2026-01-06; yang diharapkan sama atau sesudahnya"]


def test_unknown_category_and_page(pkg, run):
    edit_csv(pkg / INFO, "tugasnya.\",berkala,peraturan,", "tugasnya.\",berkla,peraturan,")
    edit_csv(pkg / INFO, ",,,,,,pohon,,,", ",,,,,,pohonn,,,")
    errors = _errors(run, pkg)
    assert len(errors) == 2
    assert errors[0].startswith(f"{pkg}/{INFO}:2:4: ") and "berkla" in errors[0] and "berkala" in errors[0]
    assert errors[1].startswith(f"{pkg}/{INFO}:3:15: ") and "pohonn" in errors[1] and "pohon" in errors[1]


def test_mandatory_item_must_be_periodic(pkg, run):
    edit_csv(pkg / INFO, "tugasnya.\",berkala,peraturan,", "tugasnya.\",setiap_saat,peraturan,")
    assert _errors(run, pkg) == [
        f'{pkg}/{INFO}:2:4: informasi "kepdis-tim-lkj-2025" memenuhi kewajiban berkala "peraturan", tetapi '
        "berkategori setiap_saat; yang diharapkan kategori berkala"]


def _with_service_record(pkg: Path, rows: list[str]) -> None:
    schema = json.loads((ROOT / "generator" / "schemas" / "layanan_informasi.json").read_text(encoding="utf-8"))
    shutil.copyfile(ROOT / "generator" / "schemas" / "layanan_informasi.json", pkg / "schemas" / "layanan_informasi.json")
    header = ",".join(f["name"] for f in schema["fields"])
    (pkg / "data" / "layanan_informasi.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    d["resources"].append({"name": "layanan_informasi", "path": "data/layanan_informasi.csv",
                           "schema": "schemas/layanan_informasi.json"})
    (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")


def test_service_record_rules(pkg, run):
    # 2024: 9 + 2 + 1 = 12 answered of 10 received; objections 3 decided of 1; avg above max; report dated 2024.
    _with_service_record(pkg, [
        "2024,10,9,2,1,,12,5,1,2,1,,,,,,,,2024-12-31,,uji",
        "2025,10,8,1,1,,6,19,,,,,,,,,,,2026-02-01,,uji",
    ])
    status, out, _err = run("validate", pkg)
    assert status == 1
    mine = [line.split("layanan_informasi.csv:")[1] for line in out if "layanan_informasi.csv:" in line]
    assert mine == [
        "2:2: tahun 2024: dipenuhi seluruhnya, sebagian dan ditolak berjumlah 12, lebih dari 10 permohonan yang diterima; "
        "yang diharapkan paling banyak sama",
        "2:9: tahun 2024: hasil keberatan berjumlah 3, lebih dari keberatan yang dicatat (1)",
        "2:7: rata-rata 12 hari kerja melebihi waktu paling lama 5 hari kerja",
        "2:19: laporan layanan tahun 2024 bertanggal 2024-12-31; yang diharapkan sesudah tahun itu berakhir "
        "(paling lambat 31 Maret 2025)",
        "2:6: peringatan: tahun 2024: 1 permohonan ditolak tanpa alasan yang dicatat; yang diharapkan alasan "
        "penolakannya, yang wajib dimuat laporan layanan",
        "3:8: peringatan: tahun 2025: permohonan paling lama dijawab 19 hari kerja, melampaui batas 10 + 7 hari kerja "
        "(UU 14/2008 Pasal 22 ayat (7)-(8) dan Pasal 36 ayat (1)-(2); Perki 1/2021)",
        "3:6: peringatan: tahun 2025: 1 permohonan ditolak tanpa alasan yang dicatat; yang diharapkan alasan "
        "penolakannya, yang wajib dimuat laporan layanan",
    ]


def test_service_standard_time_limits(pkg, run):
    path = pkg / "data" / "standar_layanan.csv"
    path.write_text(path.read_text(encoding="utf-8") + "waktu_jawab,1,Menjawab,Pemberitahuan tertulis,14,,,uji\n"
                    "waktu_keberatan,1,Keberatan,Sejak alasan ditemukan,,,,uji\n", encoding="utf-8")
    status, out, _err = run("validate", pkg)
    assert status == 1
    mine = [line.split("standar_layanan.csv:")[1] for line in out if "standar_layanan.csv:" in line]
    assert mine == [
        "4:5: peringatan: jangka waktu menjawab permohonan 14 hari kerja lebih lama dari batas undang-undang 10 hari kerja "
        "(UU 14/2008 Pasal 22 ayat (7)-(8) dan Pasal 36 ayat (1)-(2); Perki 1/2021)",
        "5:5: unsur waktu_keberatan (jangka waktu mengajukan keberatan) tanpa jumlah hari kerja; yang diharapkan "
        "bilangan bulat, menurut undang-undang paling lama 30",
    ]


def test_ppid_settings_are_checked(pkg, run):
    d = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    d["kinerja"]["ppid"]["bulan_kedaluwarsa"] = "enam"
    (pkg / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    status, out, _err = run("validate", pkg)
    assert status == 1
    assert any(line.endswith('kinerja.ppid.bulan_kedaluwarsa "enam" tidak sah; yang diharapkan bilangan bulat positif')
               for line in out), out


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of a page with its attributes, as a browser's parser sees them."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_hostile_text_in_the_register_is_escaped(pkg, tmp_path, run):
    edit_csv(pkg / INFO, "SOP Pengukuran Kinerja,", '"<img src=x onerror=alert(1)> [x](javascript:alert(2)) "" onmouseover=""alert(3)",')
    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(ROOT / "site_src" / "tentang.md", src / "tentang.md")
    status, _out, err = run("build", "--data", pkg, "--out", tmp_path / "site", "--src", src)
    assert status == 0, err
    html = (tmp_path / "site" / "ppid" / "dip" / "index.html").read_text(encoding="utf-8")
    tags = _tags(html)
    assert not [t for t, attrs in tags if t == "img" and ("src", "x") in attrs]
    assert not [a for _t, attrs in tags for a in attrs if a[0].startswith("on") or (a[1] or "").startswith("javascript")]
    assert '&quot; onmouseover=&quot;alert(3)' in html  # the register's search text, an attribute
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&#60;img src=x onerror=alert(1)&#62;" in html


# --- the register in a browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def contoh(example_site):
    """The synthetic example's portal, served at http://127.0.0.1:PORT/contoh/."""
    return serve(example_site.site), example_site.site


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#kt-dip tr[data-kt-teks]", "rows => rows.filter(r => r.offsetParent !== null)"
                                    ".map(r => r.querySelector('td').textContent.trim())")


@pytest.mark.parametrize("width", [375, 1280])
def test_register_filters_by_keyboard(browser, contoh, width):
    url, _folder = contoh
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + "ppid/dip/", wait_until="networkidle")
    assert len(_visible_ids(page)) == 20
    assert page.inner_text(".kt-saring__jumlah") == "Menampilkan semua 20 informasi."
    # Reach the category select with Tab alone, then choose with the arrow keys.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kt-saring-kategori":
            break
    else:
        pytest.fail("pemilih kategori tidak terjangkau dengan Tab")
    page.keyboard.press("ArrowDown")  # first option after "Semua kategori": berkala
    page.keyboard.press("ArrowDown")  # serta merta
    if page.evaluate("document.activeElement.value") != "serta_merta":  # a closed select on some platforms opens
        page.select_option("#kt-saring-kategori", "serta_merta")
    assert page.evaluate("document.activeElement.value") == "serta_merta"
    assert len(_visible_ids(page)) == 1
    assert page.inner_text(".kt-saring__jumlah") == "Menampilkan 1 dari 20 informasi."
    page.keyboard.press("Tab")  # to the search box
    assert page.evaluate("document.activeElement.id") == "kt-saring-cari"
    page.keyboard.press("Shift+Tab")  # back to the select: Home picks "Semua kategori" again
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.value") == ""
    assert len(_visible_ids(page)) == 20
    page.keyboard.press("Tab")
    page.keyboard.type("keuangan")  # the three statements held by Sub Bagian Keuangan
    shown = page.inner_text(".kt-saring__jumlah")
    assert shown == "Menampilkan 3 dari 20 informasi.", shown
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []
    context.close()


def test_register_without_javascript_shows_every_row_grouped(browser, contoh):
    url, _folder = contoh
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "ppid/dip/")
    groups = page.eval_on_selector_all("#kt-dip tbody", "b => b.map(x => x.dataset.kategori)")
    assert groups == ["berkala", "serta_merta", "setiap_saat", "dikecualikan"]
    assert page.locator("#kt-dip tr[data-kt-teks]").count() == 20
    assert page.locator(".kt-saring").is_hidden()
    context.close()


def test_service_report_charts_and_files(browser, contoh):
    url, folder = contoh
    assert (folder / "data" / "sumber" / "berkas" / "neraca-2025.pdf").read_bytes().startswith(b"%PDF-1.4")
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(url + "ppid/laporan-layanan/", wait_until="networkidle")
    assert page.locator(".kt-grafik svg, .kt-grafik canvas").count() >= 2 or page.locator("figure").count() >= 2
    text = page.inner_text("body")
    assert "Tahun 2025: 85 permohonan, 79 dipenuhi seluruh atau sebagian (92,9%), 4 ditolak." in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@settings(max_examples=40, deadline=None)
@given(gap=st.booleans(), late_days=st.integers(-60, 90), reason=st.booleans())
def test_gaps_in_the_yearly_service_record_are_warned(gap, late_days, reason):
    """The synthetic example's record of 2021-2025, then: a year left out, the 2022 report dated around its
    31 March deadline, the 2024 refusals without their reason. Each gap was silent (the page just left the
    year out, showed the late date, gave no reason); each is now one warning at its cell, and the record as
    kept (every year, reports by 31 March, reasons given) has none."""
    from generator.load import Tables
    from generator.validate import rules_ppid

    t = example_tables()
    record = t["layanan_informasi"].copy()
    if gap:
        record = record[record["tahun"] != 2023]
    record.loc[record["tahun"] == 2022, "tanggal_laporan"] = D(2023, 3, 31) + dt.timedelta(days=late_days)
    if not reason:
        record.loc[record["tahun"] == 2024, "alasan_penolakan"] = None
    found = [(i.row, i.column) for i in rules_ppid.service_record(Tables({**t.frames, "layanan_informasi": record},
                                                                         t.settings, t.descriptor))]
    row = dict(zip(record["tahun"], record["_baris"]))
    expected = ([(row[2022], "tanggal_laporan")] if late_days > 0 else []) + \
        ([(row[2024], "alasan_penolakan")] if not reason else []) + ([(row[2024], "tahun")] if gap else [])
    assert sorted(found) == sorted(expected)


def _service_page(t) -> str:
    """The PPID service report page of `t`, rendered alone (its own module, no images)."""
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import ppid as ppid_pages

    return render_site(t, compute_all(t), options=RenderOptions(static_svg=False, previews=False),
                       modules=(ppid_pages,)).pages["ppid/laporan-layanan.md"]


def test_a_figure_the_service_record_lacks_reads_as_not_recorded():
    """A year without its average answer time or an objection's outcome read "rata-rata – hari kerja" and
    "dikabulkan –": a reader could not tell a dash from a figure. It reads "tidak dicatat"."""
    from generator.load import Tables

    t = example_tables()
    record = t["layanan_informasi"].copy().astype(object)
    at = record.index[record["tahun"] == 2024][0]
    record.at[at, "rata_rata_hari"] = None
    record.at[at, "keberatan_dikabulkan"] = None
    changed = Tables({**t.frames, "layanan_informasi": record}, t.settings, t.descriptor)
    page = _service_page(changed)
    lines = [line for line in page.split("\n") if "tidak dicatat" in line]
    assert lines[0].startswith("- Waktu menjawab: rata-rata tidak dicatat, paling lama ") and "–" not in lines[0]
    assert lines[1].startswith("- Keberatan: ") and "(dikabulkan tidak dicatat, ditolak " in lines[1]


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_objections_and_disputes_not_yet_decided_are_said(data):
    """Five objections, two granted and one refused: the page listed the outcomes and left the other two
    unsaid. What is still open (filed minus the recorded outcomes, when every outcome is recorded) is now
    said, as for open requests; an outcome left blank leaves it unknown, never a count."""
    from generator.compute import ppid as ppid_compute

    record = example_tables()["layanan_informasi"].copy().astype(object)
    drawn = {}
    for total, parts in (("keberatan", ("keberatan_dikabulkan", "keberatan_ditolak")),
                         ("sengketa", ("sengketa_mediasi", "sengketa_ajudikasi"))):
        filed = data.draw(st.integers(0, 30))
        first = data.draw(st.one_of(st.none(), st.integers(0, filed)))
        second = data.draw(st.one_of(st.none(), st.integers(0, filed - (first or 0))))
        record[total], record[parts[0]], record[parts[1]] = filed, first, second
        drawn[total] = None if first is None or second is None else filed - first - second
    frame = ppid_compute.service_record(record, 17)
    for total, open_ in drawn.items():
        assert all((v is None and open_ is None) or v == open_ for v in frame[f"{total}_proses"]), (total, open_)


def test_the_service_page_says_how_many_objections_are_undecided():
    from generator.load import Tables

    t = example_tables()
    record = t["layanan_informasi"].copy().astype(object)
    at = record.index[record["tahun"] == 2024][0]
    record.at[at, "keberatan"], record.at[at, "keberatan_dikabulkan"], record.at[at, "keberatan_ditolak"] = 5, 2, 1
    record.at[at, "sengketa"], record.at[at, "sengketa_mediasi"], record.at[at, "sengketa_ajudikasi"] = 3, 1, 0
    changed = Tables({**t.frames, "layanan_informasi": record}, t.settings, t.descriptor)
    page = _service_page(changed)
    year = page.split("### Tahun 2024", 1)[1].split("### Tahun", 1)[0]
    assert "- Keberatan: 5 (dikabulkan 2, ditolak 1, belum diputus 2)." in year
    assert "- Sengketa ke Komisi Informasi: 3 (mediasi 1, ajudikasi 0, belum selesai 2)" in year
    assert "belum diputus" not in page.split("### Tahun 2024", 1)[0]  # the other years: every objection decided
    # one year with an outcome left blank beside one with an open objection: never "1.0", never "belum diputus "
    at = record.index[record["tahun"] == 2022][0]
    record.at[at, "keberatan"], record.at[at, "keberatan_dikabulkan"], record.at[at, "keberatan_ditolak"] = 2, 1, None
    changed = Tables({**t.frames, "layanan_informasi": record}, t.settings, t.descriptor)
    page = _service_page(changed)
    assert "- Keberatan: 2 (dikabulkan 1, ditolak tidak dicatat)." in page
    assert "- Keberatan: 5 (dikabulkan 2, ditolak 1, belum diputus 2)." in page and ".0" not in page.split("Keberatan")[1]


@settings(max_examples=60, deadline=None)
@given(code=st.sampled_from(sorted(ppid.JENIS_WAJIB)), page=st.sampled_from(ppid_domain.HALAMAN),
       record=st.booleans())
def test_a_mandatory_item_published_only_through_a_page_counts_where_that_page_carries_it(code, page, record):
    """A register row that publishes a mandatory item only through a portal page (no file): the budget page
    for procurement, or the service report page while the package has no service record, read "kedaluwarsa"
    or "tersedia" on the checklist, though a verifier opening the link finds nothing of it. Now the item
    counts only where the page carries it in this build, validation warns at the page cell when the page
    can never carry it, and what each page carries is one list (domain.ppid.HALAMAN_MEMUAT) that the pages
    the portal registers itself keep to."""
    from generator.load import Tables
    from generator.validate import rules_ppid

    t = default_tables()
    own = t["informasi"][t["informasi"]["jenis_wajib"] != code]
    row = {**{c: None for c in own.columns}, "id": "uji-halaman", "judul": "Uji", "kategori": "berkala",
           "jenis_wajib": code, "halaman": page, "diperbarui": D(2026, 11, 1), "tanggal_terbit": D(2026, 11, 1),
           "_baris": 99}
    frames = {**t.frames, "informasi": pd.concat([own, pd.DataFrame([row])], ignore_index=True)}
    if record:
        frames["layanan_informasi"] = example_tables()["layanan_informasi"]
    changed = Tables(frames, t.settings, t.descriptor)
    warned = [i for i in rules_ppid.register(changed) if (i.row, i.column) == (99, "halaman")]
    assert bool(warned) == (code not in ppid_domain.HALAMAN_MEMUAT.get(page, ())), warned
    today, lines = data_date(changed), budget_lines(changed)
    carried = ppid.carried(ppid.portal_items(changed, today, lines))
    assert all(codes <= set(ppid_domain.HALAMAN_MEMUAT.get(p.split("/")[-1], ())) for p, codes in carried.items())
    status = ppid.disclosure(changed, today, lines)[1].set_index("kode").loc[code]
    if code in carried.get(page, ()):
        assert status["status"] != ppid.BELUM and status["informasi"] == "uji-halaman"
    else:
        assert status["status"] == ppid.BELUM
        assert status["keterangan"] == (f'terdaftar di DIP dengan tautan ke halaman "{page}", yang tidak memuat '
                                        f"{ppid.JENIS_WAJIB[code][0][0].lower() + ppid.JENIS_WAJIB[code][0][1:]}; "
                                        "yang diharapkan berkasnya, atau halaman yang memuatnya")


@settings(max_examples=15, deadline=None)
@given(scale=st.integers(1, 10**6), objections=st.integers(1000, 10**5))
def test_the_service_counts_are_written_with_thousands_separators(scale, objections):
    """A ministry's yearly record runs into thousands: the table, its phone cards and the yearly lines wrote
    "1250" where the chart's own table wrote "1.250" (Indonesian format, docs/domain.md §8)."""
    from generator import fmt
    from generator.load import Tables

    t = example_tables()
    record = t["layanan_informasi"].copy().astype(object)
    at = record.index[record["tahun"] == 2025][0]
    counts = {"dipenuhi_seluruh": 900 * scale, "dipenuhi_sebagian": 90 * scale, "ditolak": 9 * scale}
    for column, value in {**counts, "permohonan": 1000 * scale, "keberatan": objections, "keberatan_dikabulkan": 0,
                          "keberatan_ditolak": objections - 1, "maks_hari": 17}.items():
        record.at[at, column] = value
    changed = Tables({**t.frames, "layanan_informasi": record}, t.settings, t.descriptor)
    page = _service_page(changed)
    n = {k: fmt.angka(v, 0) for k, v in {**counts, "permohonan": 1000 * scale, "sisa": scale}.items()}
    assert (f"| 2025 | {n['permohonan']} | {n['dipenuhi_seluruh']} | {n['dipenuhi_sebagian']} | {n['ditolak']} | "
            f"{n['sisa']} |") in page
    year = page.split("### Tahun 2025", 1)[1]
    assert (f"- Permohonan: {n['permohonan']}; dipenuhi seluruhnya {n['dipenuhi_seluruh']}, sebagian "
            f"{n['dipenuhi_sebagian']}, ditolak {n['ditolak']}, belum selesai {n['sisa']}.") in year
    assert (f"- Keberatan: {fmt.angka(objections, 0)} (dikabulkan 0, ditolak {fmt.angka(objections - 1, 0)}, "
            "belum diputus 1).") in year
