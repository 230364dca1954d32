"""IKM (PermenPANRB 14/2017): the computation on worked values, its invariants (hypothesis), sample
size and margin of error, and `kinerja ikm` on good and bad raw e-survey exports.

The mutu scale is the one the default package declares (`mutu-ikm`), so a change to its bounds is
caught here too.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, default_tables, example_tables
from generator.domain.ikm import NAMA_UNSUR, UNSUR
from generator.compute.ikm import (IkmResult, round_ikm, compute_ikm, krejcie_morgan,
                                   margin_of_error, classify_mutu, ikm_breakdown)
from generator.compute.scales import scales

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def mutu():
    tables = default_tables()
    return scales(tables["skala"], tables["skala_kelas"])["mutu-ikm"]


def frame(rows: list[list]) -> pd.DataFrame:
    """Answers from rows of nine scores (None = not answered), as the package loads them (Int64)."""
    return pd.DataFrame([[None if v is None else v for v in r] for r in rows], columns=UNSUR, dtype="Int64")


# The worked mixed case: 4 respondents and one row that answers nothing (not a respondent).
_ = None
MIXED = [
    #  u1 u2 u3 u4 u5 u6 u7 u8 u9
    [4, 3, 3, 2, 4, 3, 3, 2, 4],
    [3, 3, _, 2, 4, 4, 3, 3, 3],
    [2, 4, 3, _, 3, 4, 4, _, 3],
    [4, _, 4, 3, 3, 3, 4, 2, _],
    [_, _, _, _, _, _, _, _, _],
]
# NRR per unsur = sum of its scores / respondents who answered it:
#   u1 (4+3+2+4)/4 = 13/4 = 3,25     u2 (3+3+4)/3 = 10/3 = 3,333…   u3 (3+3+4)/3 = 10/3
#   u4 (2+2+3)/3 = 7/3 = 2,333…      u5 (4+4+3+3)/4 = 3,5           u6 (3+4+4+3)/4 = 3,5
#   u7 (3+3+4+4)/4 = 3,5             u8 (2+3+2)/3 = 7/3             u9 (4+3+3)/3 = 10/3
# Σ NRR = 13/4 + 3·3,5 + (10+10+7+7+10)/3 = 13,75 + 44/3 = 341/12 = 28,41666…
# IKM = 341/12 × 1/9 × 25 = 8525/108 = 78,93518… -> 78,94 -> B (76,61-88,30), "Baik"
# nilai interval = IKM/25 = 341/108 = 3,15740…
# (with the 0,111 weight some tools use: 28,41666 × 0,111 × 25 = 78,856 -> 78,86: not what we print)
MIXED_NRR = {"u1": 3.25, "u2": 10 / 3, "u3": 10 / 3, "u4": 7 / 3, "u5": 3.5, "u6": 3.5, "u7": 3.5,
             "u8": 7 / 3, "u9": 10 / 3}
MIXED_N = {"u1": 4, "u2": 3, "u3": 3, "u4": 3, "u5": 4, "u6": 4, "u7": 4, "u8": 3, "u9": 3}


# --- worked values ---------------------------------------------------------------------------

def test_all_fours_is_100_and_a(mutu):
    h = compute_ikm(frame([[4] * 9] * 5), mutu)
    assert (h.ikm, h.ikm_dibulatkan, h.nilai_interval, h.mutu, h.kinerja, h.responden) == \
        (100.0, 100.0, 4.0, "A", "Sangat Baik", 5)
    assert h.nrr == {u: 4.0 for u in UNSUR}


def test_all_ones_is_25_and_d(mutu):
    h = compute_ikm(frame([[1] * 9] * 3), mutu)
    assert (h.ikm_dibulatkan, h.nilai_interval, h.mutu, h.kinerja) == (25.0, 1.0, "D", "Tidak Baik")


def test_mixed_case_with_unanswered_cells(mutu):
    h = compute_ikm(frame(MIXED), mutu)
    assert h.responden == 4
    assert h.responden_unsur == MIXED_N
    assert {u: round(v, 2) for u, v in h.nrr.items()} == \
        {"u1": 3.25, "u2": 3.33, "u3": 3.33, "u4": 2.33, "u5": 3.5, "u6": 3.5, "u7": 3.5, "u8": 2.33, "u9": 3.33}
    assert h.nrr == pytest.approx(MIXED_NRR, abs=1e-12)
    assert h.ikm == pytest.approx(8525 / 108, abs=1e-12)
    assert h.ikm_dibulatkan == 78.94
    assert h.nilai_interval == pytest.approx(341 / 108, abs=1e-12)
    assert (h.mutu, h.kinerja) == ("B", "Baik")


def test_float_and_object_columns_give_the_same_result(mutu):
    expected = compute_ikm(frame(MIXED), mutu)
    as_float = pd.DataFrame([[np.nan if v is None else float(v) for v in r] for r in MIXED], columns=UNSUR)
    assert compute_ikm(as_float, mutu) == expected
    with_other_columns = as_float.assign(layanan="KTP", catatan="x")[["catatan", *reversed(UNSUR), "layanan"]]
    assert compute_ikm(with_other_columns, mutu) == expected


@pytest.mark.parametrize("value, kode", [(88.30, "B"), (88.31, "A"), (88.305, "A"), (88.304, "B"),
                                         (76.605, "B"), (76.604, "C"), (64.995, "C"), (64.99, "D")])
def test_mutu_boundaries_round_half_up(mutu, value, kode):
    assert classify_mutu(value, mutu).kode == kode


def test_round_half_up_not_bankers():
    assert round_ikm(88.305) == 88.31
    assert round_ikm(88.304) == 88.30
    assert (round_ikm(0.125), round(0.125, 2)) == (0.13, 0.12)  # round(): half to even
    assert (round_ikm(2.675), round(2.675, 2)) == (2.68, 2.67)  # round(): the binary float 2.67499…


def _scores_summing_to(respondents: int, ones: int) -> pd.DataFrame:
    """respondents × 9 answers, all 4 except `ones` cells that are 1 (each lowers the sum by 3)."""
    cells = np.full(respondents * 9, 4.0)
    cells[:ones] = 1.0
    return pd.DataFrame(cells.reshape(respondents, 9), columns=UNSUR)


def test_exactly_88_305_from_data_rounds_up_to_a(mutu):
    # 10.000 respondents answering everything, total score 360.000 − 3·14.034 = 317.898:
    # Σ NRR = 317.898/10.000 = 31,7898; IKM = 31,7898 × 25/9 = 88,305 exactly. Plain float arithmetic
    # gives 88,30499999999999 and would round to 88,30 (B); the exact computation gives 88,31 (A).
    h = compute_ikm(_scores_summing_to(10_000, 14_034), mutu)
    assert (h.ikm_dibulatkan, h.mutu, h.kinerja) == (88.31, "A", "Sangat Baik")


def test_exactly_88_304_from_data_stays_b(mutu):
    # 50.000 respondents, total 450.000 − 3·70.176 = 1.589.472: Σ NRR = 31,78944; IKM = 88,304 -> 88,30 -> B
    h = compute_ikm(_scores_summing_to(50_000, 70_176), mutu)
    assert (h.ikm_dibulatkan, h.mutu) == (88.30, "B")


def test_unsur_nobody_answered_leaves_ikm_undefined(mutu):
    rows = [[4, 4, 4, None, 4, 4, 4, 4, 4], [3, 3, 3, None, 3, 3, 3, 3, 3]]
    h = compute_ikm(frame(rows), mutu)
    assert h.nrr["u4"] is None and h.nrr["u1"] == 3.5 and h.responden_unsur["u4"] == 0
    assert (h.ikm, h.ikm_dibulatkan, h.nilai_interval, h.mutu, h.kinerja) == (None,) * 5
    assert h.responden == 2


def test_no_answers_at_all(mutu):
    h = compute_ikm(frame([]), mutu)
    assert h == IkmResult(0, {u: None for u in UNSUR}, {u: 0 for u in UNSUR}, None, None, None, None, None)


@pytest.mark.parametrize("bad", [5, 0, 2.5])
def test_score_outside_1_to_4_is_refused(mutu, bad):
    answers = pd.DataFrame([[4] * 9], columns=UNSUR, dtype="float64")
    answers.loc[0, "u7"] = bad
    with pytest.raises(ValueError, match="u7"):
        compute_ikm(answers, mutu)


def test_missing_unsur_column_is_refused(mutu):
    with pytest.raises(ValueError, match="u9"):
        compute_ikm(frame([[4] * 9]).drop(columns="u9"), mutu)


def test_nama_unsur():
    assert list(NAMA_UNSUR) == UNSUR == [f"u{i}" for i in range(1, 10)]
    assert NAMA_UNSUR["u2"] == "Sistem, Mekanisme, dan Prosedur"
    assert NAMA_UNSUR["u8"] == "Penanganan Pengaduan, Saran dan Masukan"


# --- sample size and margin of error ---------------------------------------------------------

@pytest.mark.parametrize("population, sample", [(100, 80), (1000, 278), (1, 1), (10, 10)])
def test_krejcie_morgan(population, sample):
    # N=100: 3,841·100·0,25 / (0,0025·99 + 3,841·0,25) = 96,025 / 1,20775 = 79,51 -> 80
    # N=1.000: 960,25 / (2,4975 + 0,96025) = 277,71 -> 278
    assert krejcie_morgan(population) == sample


def test_krejcie_morgan_refuses_no_population():
    with pytest.raises(ValueError):
        krejcie_morgan(0)


def test_margin_of_error_by_hand():
    # n = 100: sqrt(3,841 · 0,25 / 100) = sqrt(0,0096025) = 0,097992…  (9,80 %)
    assert margin_of_error(100) == pytest.approx(0.0979923, abs=1e-7)
    # with N = 1.000: × sqrt((1.000 − 100)/(1.000 − 1)) = × sqrt(900/999) = × 0,949158… = 0,093010…
    assert margin_of_error(100, 1000) == pytest.approx(0.0930102, abs=1e-7)
    assert margin_of_error(1000, 1000) == 0.0  # a census
    with pytest.raises(ValueError):
        margin_of_error(0)
    with pytest.raises(ValueError):
        margin_of_error(200, 100)


@settings(deadline=None)  # no timing: a loaded machine must not fail a rule
@given(st.integers(min_value=2, max_value=1_000_000))
def test_krejcie_morgan_sample_meets_its_margin(population):
    # Krejcie-Morgan is the margin-of-error formula with the finite population correction solved for n.
    n = krejcie_morgan(population)
    assert 1 <= n <= population
    assert margin_of_error(n, population) <= 0.05 + 1e-12


# --- rincian ---------------------------------------------------------------------------------

def test_rincian_by_layanan(mutu):
    answers = frame(MIXED + [[1] * 9, [2] * 9])
    answers["layanan"] = ["KTP", "KK", "KTP", None, "KTP", " ", "Akta"]
    table = ikm_breakdown(answers, "layanan", mutu)
    assert list(table.columns[:5]) == ["kelompok", "nilai", "responden", "ikm", "mutu"]
    assert table["nilai"].tolist() == ["Akta", "KK", "KTP", "(tidak diisi)"]
    assert table["kelompok"].tolist() == ["layanan"] * 4
    assert table["responden"].tolist() == [1, 1, 2, 2]  # the blank row of MIXED (KTP) is no respondent
    # KTP = respondents 1 and 3 of MIXED: u4 and u8 answered only by respondent 1 -> every unsur defined
    # Σ NRR = 3 + 3,5 + 3 + 2 + 3,5 + 3,5 + 3,5 + 2 + 3,5 = 27,5 -> IKM 27,5 × 25/9 = 76,388… -> 76,39 -> C
    ktp = table[table["nilai"] == "KTP"].iloc[0]
    assert (round(ktp["ikm"], 2), ktp["ikm_dibulatkan"], ktp["mutu"], ktp["kinerja"]) == (76.39, 76.39, "C", "Kurang Baik")
    akta = table[table["nilai"] == "Akta"].iloc[0]
    assert (akta["ikm_dibulatkan"], akta["mutu"]) == (50.0, "D")
    # (tidak diisi): respondent 4 of MIXED (u2, u9 unanswered) and the all-1 row -> every unsur answered
    assert table[table["nilai"] == "(tidak diisi)"].iloc[0]["mutu"] == "D"


def test_rincian_group_without_some_unsur_has_no_ikm(mutu):
    answers = frame([[4] * 9, [4, 4, 4, None, 4, 4, 4, 4, 4]])
    answers["jenis_kelamin"] = ["L", "P"]
    table = ikm_breakdown(answers, "jenis_kelamin", mutu)
    assert table["ikm"].tolist() == [100.0, None]
    assert table["mutu"].tolist() == ["A", None]


def test_rincian_by_month_and_quarter(mutu):
    import datetime as dt
    answers = frame([[4] * 9, [3] * 9, [2] * 9, [1] * 9])
    answers["tanggal"] = [dt.date(2025, 2, 3), "2025-01-31", dt.date(2025, 2, 28), None]
    by_month = ikm_breakdown(answers, "bulan", mutu)
    assert by_month[["nilai", "responden", "ikm_dibulatkan"]].values.tolist() == [
        ["2025-01", 1, 75.0], ["2025-02", 2, 75.0], ["(tidak diisi)", 1, 25.0]]
    assert ikm_breakdown(answers, "triwulan", mutu)["nilai"].tolist() == ["2025-T1", "(tidak diisi)"]
    assert ikm_breakdown(answers, "tahun", mutu)["nilai"].tolist() == ["2025", "(tidak diisi)"]


def test_rincian_unknown_attribute(mutu):
    with pytest.raises(ValueError, match="pekerjaan"):
        ikm_breakdown(frame([[4] * 9]), "pekerjaan", mutu)


# --- properties ------------------------------------------------------------------------------

answer = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
rows = st.lists(st.lists(answer, min_size=9, max_size=9), min_size=1, max_size=40)
complete_rows = st.lists(st.lists(st.integers(min_value=1, max_value=4), min_size=9, max_size=9),
                         min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(rows)
def test_ikm_and_nrr_stay_in_range(mutu, data):
    h = compute_ikm(frame(data), mutu)
    for u in UNSUR:
        assert h.nrr[u] is None or 1 <= h.nrr[u] <= 4
        assert (h.nrr[u] is None) == (h.responden_unsur[u] == 0)
    if h.ikm is not None:
        assert 25 <= h.ikm <= 100 and 25 <= h.ikm_dibulatkan <= 100
        assert 1 <= h.nilai_interval <= 4
        assert h.mutu in {"A", "B", "C", "D"}
    assert h.responden == sum(any(v is not None for v in r) for r in data)


@settings(max_examples=200, deadline=None)
@given(complete_rows, st.data())
def test_raising_one_score_never_lowers_ikm(mutu, data, draw):
    i = draw.draw(st.integers(0, len(data) - 1))
    j = draw.draw(st.integers(0, 8))
    raised = [list(r) for r in data]
    raised[i][j] = draw.draw(st.integers(min_value=data[i][j], max_value=4))
    before, after = compute_ikm(frame(data), mutu), compute_ikm(frame(raised), mutu)
    assert after.ikm >= before.ikm
    assert after.ikm_dibulatkan >= before.ikm_dibulatkan
    assert "ABCD".index(after.mutu) <= "ABCD".index(before.mutu)


@settings(max_examples=200, deadline=None)
@given(rows, st.data())
def test_raising_an_answered_score_with_blanks_never_lowers_ikm(mutu, data, draw):
    answered = [(i, j) for i, r in enumerate(data) for j, v in enumerate(r) if v is not None]
    if not answered:
        return
    i, j = draw.draw(st.sampled_from(answered))
    raised = [list(r) for r in data]
    raised[i][j] = draw.draw(st.integers(min_value=data[i][j], max_value=4))
    before, after = compute_ikm(frame(data), mutu), compute_ikm(frame(raised), mutu)
    if before.ikm is not None:
        assert after.ikm >= before.ikm


@settings(max_examples=200, deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(mutu, data, rnd):
    shuffled = list(data)
    rnd.shuffle(shuffled)
    assert compute_ikm(frame(shuffled), mutu) == compute_ikm(frame(data), mutu)


@settings(max_examples=100, deadline=None)
@given(rows, st.lists(st.sampled_from(["KTP", "KK", None]), min_size=40, max_size=40))
def test_rincian_groups_partition_the_respondents(mutu, data, layanan):
    answers = frame(data)
    answers["layanan"] = layanan[:len(data)]
    table = ikm_breakdown(answers, "layanan", mutu)
    assert table["responden"].sum() == compute_ikm(answers, mutu).responden
    for nilai, row in zip(table["nilai"], table.itertuples()):
        mine = answers[[("(tidak diisi)" if pd.isna(v) else v) == nilai for v in answers["layanan"]]]
        assert row.ikm == compute_ikm(mine, mutu).ikm


# --- kinerja ikm -----------------------------------------------------------------------------

HEADER = ["survei", "responden", "tanggal", "layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", *UNSUR]


def write(path, header, rows, delimiter=",", bom=False, encoding="utf-8"):
    lines = [delimiter.join(header)] + [delimiter.join("" if v is None else str(v) for v in r) for r in rows]
    path.write_bytes((BOM if bom else b"") + ("\n".join(lines) + "\n").encode(encoding))
    return path


def mixed_rows():
    return [["skm-2025", f"R{i}", "2025-03-0" + str(i), "KTP", "L", 30, "S1", "PNS", *r]
            for i, r in enumerate(MIXED, start=1)]


def at(path, row, col):
    return f"{path}:{row}:{col}: "


def test_cli_plain_output(run, tmp_path):
    f = write(tmp_path / "skm.csv", HEADER, mixed_rows())
    status, out, err = run("ikm", f)
    assert status == 0, err
    text = "\n".join(out)
    assert "U1     Persyaratan" in text and "Sarana dan Prasarana" in text
    u2 = next(line for line in out if line.startswith("U2 "))
    assert u2.split()[-2:] == ["3", "3,33"]  # respondents answering U2, its NRR
    assert any(line.startswith("IKM (konversi 25-100)") and line.endswith(": 78,94") for line in out)
    assert any(line.startswith("Nilai interval (1-4)") and line.endswith(": 3,1574") for line in out)
    assert any(line.startswith("Mutu pelayanan") and line.endswith(": B") for line in out)
    assert any(line.startswith("Kinerja unit pelayanan") and line.endswith(": Baik") for line in out)
    assert any(line.startswith("Responden ") and line.endswith(": 4") for line in out)


def test_cli_json(run, tmp_path):
    f = write(tmp_path / "skm.csv", HEADER, mixed_rows())
    status, out, err = run("ikm", f, "--json")
    assert status == 0, err
    assert len(out) == 1
    result = json.loads(out[0])
    assert list(result)[:8] == ["ikm", "mutu", "kinerja", "nilai_interval", "ikm_tanpa_pembulatan", "responden",
                                "responden_unsur", "nrr"]
    assert (result["ikm"], result["mutu"], result["kinerja"], result["responden"]) == (78.94, "B", "Baik", 4)
    assert list(result["nrr"]) == UNSUR and result["nrr"] == pytest.approx(MIXED_NRR)
    assert result["responden_unsur"] == MIXED_N
    assert result["nilai_interval"] == pytest.approx(341 / 108)


def test_cli_semicolon_bom_any_column_order(run, tmp_path):
    header = list(reversed(HEADER)) + ["saran"]
    rows = [list(reversed(r)) + ["cepat; ramah"] for r in mixed_rows()]
    text = ";".join(header) + "\n" + "\n".join(";".join("" if v is None else str(v) for v in r[:-1]) + ';"cepat; ramah"'
                                               for r in rows) + "\n"
    f = tmp_path / "ekspor.csv"
    f.write_bytes(BOM + text.replace("\n", "\r\n").encode("utf-8"))
    status, out, err = run("ikm", f, "--json")
    assert status == 0, err
    assert (json.loads(out[0])["ikm"], json.loads(out[0])["responden"]) == (78.94, 4)


def test_cli_header_only_has_no_ikm(run, tmp_path):
    f = write(tmp_path / "kosong.csv", HEADER, [])
    status, out, _ = run("ikm", f, "--json")
    assert status == 0
    result = json.loads(out[0])
    assert (result["ikm"], result["mutu"], result["responden"]) == (None, None, 0)
    status, out, _ = run("ikm", f)
    assert status == 0 and any(line.startswith("IKM tidak dapat dihitung: tidak ada responden") for line in out)


def only_error(err):
    lines = [line for line in err if not line.startswith("Berkas jawaban tidak sah")]
    assert len(lines) == 1, "\n".join(err)
    assert err[-1] == "Berkas jawaban tidak sah: 1 kesalahan."
    return lines[0]


def test_cli_missing_file(run, tmp_path):
    f = tmp_path / "tidak-ada.csv"
    status, out, err = run("ikm", f)
    assert status == 1 and out == []
    assert only_error(err).startswith(at(f, 1, 1) + "berkas tidak ditemukan")


def test_cli_empty_file(run, tmp_path):
    f = tmp_path / "kosong.csv"
    f.write_bytes(BOM + b"\n")
    status, _, err = run("ikm", f)
    assert status == 1
    assert only_error(err).startswith(at(f, 1, 1) + "berkas kosong")


def test_cli_not_utf8_points_at_the_byte(run, tmp_path):
    rows = mixed_rows()
    rows[1][3] = "Kafe Café"  # row 3 of the file, column 4 (layanan)
    f = write(tmp_path / "ansi.csv", HEADER, rows, encoding="cp1252")
    status, _, err = run("ikm", f)
    assert status == 1
    line = only_error(err)
    assert line.startswith(at(f, 3, 4) + "teks bukan UTF-8: bita 0xE9")
    assert "CSV UTF-8" in line


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le"])
def test_cli_utf32_export_is_named_as_utf32(run, tmp_path, codec):
    """UTF-32's little-endian BOM begins as UTF-16's: the file was decoded as UTF-16 and misread."""
    f = write(tmp_path / "lebar.csv", HEADER, mixed_rows(), encoding=codec)
    status, _, err = run("ikm", f)
    assert status == 1
    assert only_error(err) == at(f, 1, 1) + ('berkas tersimpan sebagai UTF-32, bukan UTF-8; simpan ulang sebagai '
                                             '"CSV UTF-8 (Comma delimited)"')


def test_cli_score_columns_named_in_capitals_are_the_score_columns(run, tmp_path):
    """Survey forms and spreadsheets write the columns as U1..U9; `kinerja ikm` refused them ("mungkin maksudnya
    u1?") although nothing else could be meant. In any case they are the score columns: the same IKM."""
    lower = write(tmp_path / "kecil.csv", HEADER, mixed_rows())
    upper = write(tmp_path / "besar.csv", [h.upper() if h in UNSUR else h for h in HEADER], mixed_rows())
    mixed = write(tmp_path / "campur.csv", [f" {h.upper()} " if h in ("u1", "u5") else h for h in HEADER], mixed_rows())
    results = [run("ikm", f, "--json") for f in (lower, upper, mixed)]
    assert [status for status, _, _ in results] == [0, 0, 0], results
    assert results[1][1] == results[0][1] and results[2][1] == results[0][1]


@pytest.mark.parametrize("near_miss", ["u 1", "unsur1", "U1. Persyaratan", "u_01", "Persyaratan", "U 1"])
def test_cli_near_miss_header_suggests_the_name(run, tmp_path, near_miss):
    header = [near_miss if h == "u1" else h for h in HEADER]
    f = write(tmp_path / "judul.csv", header, mixed_rows())
    status, _, err = run("ikm", f)
    assert status == 1
    line = only_error(err)
    assert line.startswith(at(f, 1, HEADER.index("u1") + 1) + f'judul kolom "{near_miss}"')
    assert 'mungkin maksudnya "u1"' in line


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.lists(st.tuples(st.integers(10, 40), st.sampled_from(["u{}", "U{}", "unsur{}", "Unsur_{}", "u 0{}",
                                                                     "Unsur ({})", "U{} Kebersihan"])),
                      min_size=0, max_size=3, unique_by=lambda e: e[0]),
       harmless=st.sampled_from([[], ["waktu"], ["u9a", "catatan"]]))
def test_cli_score_columns_beyond_u9_are_refused_not_dropped(run, tmp_path, extra, harmless):
    """A survey with more unsur than the nine: `kinerja ikm` computed the IKM from u1-u9 and dropped U10-U14
    without a word (`kinerja validate` refuses the same columns in jawaban_survei.csv). Each such column is now
    an error at its header cell; columns that are no score (a timestamp, a note) are still ignored."""
    names = [form.format(n) for n, form in extra]
    header = HEADER + names + harmless
    f = write(tmp_path / "lebih.csv", header, [r + ["1"] * len(names) + ["x"] * len(harmless) for r in mixed_rows()])
    status, out, err = run("ikm", f)
    if not extra:
        assert status == 0 and not [line for line in err if line.startswith(str(f))], err
        return
    assert status == 1
    lines = [line for line in err if line.startswith(str(f) + ":1:")]
    assert lines == [at(f, 1, len(HEADER) + k + 1) + f'kolom "{name}" tampak sebagai skor unsur ke-{n}, tetapi IKM '
                     "(PermenPANRB 14/2017) dihitung dari 9 unsur dan skor kolom ini tidak akan dihitung; yang diharapkan "
                     "9 kolom skor u1 sampai u9 (ganti nama kolom ini bila bukan skor, atau hapus)"
                     for k, (name, (n, _)) in enumerate(zip(names, extra))], err


def test_cli_missing_score_columns(run, tmp_path):
    header = HEADER[:-2]  # no u8, u9
    f = write(tmp_path / "kurang.csv", header, [r[:-2] for r in mixed_rows()])
    status, _, err = run("ikm", f)
    assert status == 1
    assert err[:2] == [at(f, 1, len(header) + 1) + 'kolom "u8" (U8 Penanganan Pengaduan, Saran dan Masukan) tidak ada; '
                       "yang diharapkan kolom u1 sampai u9 berisi skor 1-4 (kolom lain boleh ada dan diabaikan)",
                       at(f, 1, len(header) + 1) + 'kolom "u9" (U9 Sarana dan Prasarana) tidak ada; '
                       "yang diharapkan kolom u1 sampai u9 berisi skor 1-4 (kolom lain boleh ada dan diabaikan)"]
    assert err[-1] == "Berkas jawaban tidak sah: 2 kesalahan."


def test_cli_duplicate_score_column(run, tmp_path):
    f = write(tmp_path / "ganda.csv", HEADER + ["u3"], [r + [4] for r in mixed_rows()])
    status, _, err = run("ikm", f)
    assert status == 1
    assert only_error(err).startswith(at(f, 1, len(HEADER) + 1) + 'kolom "u3" muncul dua kali')


@pytest.mark.parametrize("cell, message", [
    ("5", 'kolom "u3": skor 5 di luar rentang; yang diharapkan bilangan bulat 1 sampai 4'),
    ("0", 'kolom "u3": skor 0 di luar rentang'),
    ("-1", 'kolom "u3": skor -1 di luar rentang'),
    ("Baik", 'kolom "u3": nilai "Baik" bukan angka; yang diharapkan skor 1, 2, 3 atau 4'),
    ("3.5", 'kolom "u3": nilai "3.5" bukan bilangan bulat'),
    ("4.0", 'kolom "u3": nilai "4.0" bukan bilangan bulat; yang diharapkan skor 1, 2, 3 atau 4, atau kosong '
            "bila tidak dijawab; tulis 4"),
])
def test_cli_bad_score_cell(run, tmp_path, cell, message):
    rows = mixed_rows()
    rows[2][HEADER.index("u3")] = cell  # file row 4
    f = write(tmp_path / "skor.csv", HEADER, rows)
    status, out, err = run("ikm", f, "--json")
    assert status == 1 and out == []
    assert only_error(err).startswith(at(f, 4, HEADER.index("u3") + 1) + message)


def test_cli_decimal_comma_in_semicolon_file(run, tmp_path):
    rows = mixed_rows()
    rows[0][HEADER.index("u9")] = "3,5"
    f = write(tmp_path / "koma.csv", HEADER, rows, delimiter=";")
    status, _, err = run("ikm", f)
    assert status == 1
    assert only_error(err).startswith(at(f, 2, HEADER.index("u9") + 1) + 'kolom "u9": nilai "3,5" bukan bilangan bulat')


def test_cli_reports_every_bad_cell_in_order(run, tmp_path):
    rows = mixed_rows()
    rows[3][HEADER.index("u2")] = "7"
    rows[0][HEADER.index("u5")] = "x"
    f = write(tmp_path / "dua.csv", HEADER, rows)
    status, _, err = run("ikm", f)
    assert status == 1
    assert [line.split(" ")[0] for line in err[:-1]] == [at(f, 2, 13).strip(), at(f, 5, 10).strip()]
    assert err[-1] == "Berkas jawaban tidak sah: 2 kesalahan."


def test_cli_quoted_multiline_cell_keeps_record_rows(run, tmp_path):
    rows = mixed_rows()
    rows[0][HEADER.index("pekerjaan")] = '"Wira-\nswasta"'  # record 2 spans two lines
    rows[2][HEADER.index("u1")] = "9"  # record 4 (file line 5)
    f = write(tmp_path / "kutip.csv", HEADER, rows)
    status, _, err = run("ikm", f)
    assert status == 1
    assert only_error(err).startswith(at(f, 4, HEADER.index("u1") + 1) + 'kolom "u1": skor 9')


def test_cli_row_with_extra_or_missing_cells(run, tmp_path):
    rows = mixed_rows()
    rows[1] = rows[1] + ["lebih"]  # row 3: one cell too many
    rows[2] = rows[2][:10]  # row 4: u3..u9 missing
    f = write(tmp_path / "sel.csv", HEADER, rows)
    status, _, err = run("ikm", f)
    assert status == 1
    assert err[0].startswith(at(f, 3, len(HEADER) + 1) + "baris ini memiliki 18 sel, lebih banyak dari jumlah kolom (17)")
    assert err[1].startswith(at(f, 4, 11) + 'baris ini hanya memiliki 10 sel, padahal ada 17 kolom; kolom "u3"')
    assert err[2] == "Berkas jawaban tidak sah: 2 kesalahan."


def test_cli_unclosed_quote(run, tmp_path):
    f = tmp_path / "kutip.csv"
    f.write_text(",".join(UNSUR) + ",catatan\n" + "4,4,4,4,4,4,4,4,4,ok\n" + '3,3,3,3,3,3,3,3,3,"tidak ditutup\n',
                 encoding="utf-8")
    status, _, err = run("ikm", f)
    assert status == 1
    assert only_error(err).startswith(at(f, 3, 1) + 'tanda kutip (") dibuka di baris ini')


def test_cli_usage_errors(run, tmp_path, pkg):
    f = write(tmp_path / "skm.csv", HEADER, mixed_rows())
    status, out, err = run("ikm", f, "--data", tmp_path / "tidak-ada")
    assert status == 2 and out == []
    assert err == [f"kinerja: kesalahan penggunaan: folder paket data '{tmp_path / 'tidak-ada'}' tidak ditemukan"]
    (pkg / "datapackage.json").write_text("{", encoding="utf-8")
    status, out, err = run("ikm", f, "--data", pkg)
    assert status == 2 and out == []
    assert err[-1].startswith(f"kinerja: kesalahan penggunaan: paket data '{pkg}' tidak sah")
    status, _, err = run("ikm")
    assert status == 2 and err[-1].startswith("kinerja: kesalahan penggunaan:")


def test_cli_uses_the_package_scale(run, tmp_path, pkg):
    # Move the A/B boundary of the package's mutu-ikm scale: the same answers change class.
    kelas = pkg / "data" / "skala_kelas.csv"
    text = kelas.read_text(encoding="utf-8")
    old_a, old_b = "mutu-ikm,A,1,A,,88.31,", "mutu-ikm,B,2,B,,76.61,ya,88.30,"
    assert old_a in text and old_b in text
    kelas.write_text(text.replace(old_a, "mutu-ikm,A,1,A,,78.00,").replace(old_b, "mutu-ikm,B,2,B,,76.61,ya,77.99,"),
                     encoding="utf-8")
    f = write(tmp_path / "skm.csv", HEADER, mixed_rows())
    status, out, err = run("ikm", f, "--json", "--data", pkg)
    assert status == 0, err
    assert json.loads(out[0])["mutu"] == "A"
    assert math.isclose(json.loads(out[0])["ikm"], 78.94)


def test_cli_outside_the_repository_finds_the_scale_or_says_what_to_pass(run, tmp_path, monkeypatch):
    import generator.commands.ikm as ikm_command

    f = write(tmp_path / "skm.csv", HEADER, mixed_rows())
    monkeypatch.chdir(tmp_path)  # no datapackage/ here
    status, out, err = run("ikm", f, "--json")
    assert status == 0, err
    assert json.loads(out[0])["mutu"] == "B" and math.isclose(json.loads(out[0])["ikm"], 78.94)
    assert err == [f"kinerja: skala mutu IKM dibaca dari paket data bawaan {DATAPACKAGE} "
                   "(tidak ada folder datapackage di sini; --data FOLDER untuk memakai skala paket lain)"]
    # installed without the repository beside it: exactly what to pass
    monkeypatch.setattr(ikm_command, "__file__", str(tmp_path / "pasang" / "generator" / "commands" / "ikm.py"))
    status, out, err = run("ikm", f)
    assert status == 2 and out == []
    assert err == ["kinerja: kesalahan penggunaan: skala mutu IKM dibaca dari paket data, tetapi tidak ada folder "
                   "'datapackage' di folder ini; berikan --data FOLDER, folder paket data yang memuat datapackage.json "
                   "dengan tabel skala dan skala_kelas (misalnya: kinerja ikm BERKAS.csv --data "
                   "/jalan/ke/kinerja-terbuka/datapackage)"]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_population_below_its_respondents_or_of_zero_is_refused_not_an_internal_error(data):
    """A survey's `populasi` of 0, or one smaller than the respondents counted from its answers, passed
    validation and the build stopped with an internal error (ValueError in the margin of error). Now it is an
    error at the survey's row and column, and every population validation accepts computes."""
    from generator.compute.results import ikm_table
    from generator.compute.scales import scales as all_scales
    from generator.load import ROW, Tables
    from generator.validate import rules

    t = example_tables()
    survei = t["survei"].copy()
    answers = t["jawaban_survei"]
    with_answers = sorted(set(answers["survei"]) & set(survei["id"]))
    chosen = data.draw(st.sampled_from(with_answers))
    counted = int((answers[answers["survei"] == chosen][UNSUR].notna().any(axis=1)).sum())
    populasi = data.draw(st.one_of(st.integers(0, 2 * counted), st.just(counted), st.just(counted - 1)))
    i = survei.index[survei["id"] == chosen][0]
    survei.at[i, "populasi"] = populasi
    survei.at[i, "responden"] = None  # the printed count is checked by its own rule
    tables = Tables({**t.frames, "survei": survei}, t.settings, t.descriptor)
    found = [p for p in rules.surveys(tables) if p.resource == "survei" and p.column == "populasi"]
    if populasi == 0:
        assert [(p.row, p.message.split(":")[0]) for p in found] == [(survei.at[i, ROW], "populasi 0")]
    elif populasi < counted:
        assert [(p.row, p.message) for p in found] == [(survei.at[i, ROW], (
            f'jawaban_survei memuat {counted} responden survei "{chosen}", lebih dari populasinya ({populasi}); '
            "populasi adalah jumlah pengguna layanan selama periode survei dan tidak dapat lebih kecil dari jumlah "
            "respondennya"))]
    else:
        assert found == []
        row = ikm_table(tables, all_scales(tables["skala"], tables["skala_kelas"])).set_index("survei").loc[chosen]
        assert row["responden"] == counted and 0 <= row["margin_error"] <= 100
        assert row["sampel_minimum"] == krejcie_morgan(populasi)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(surveys=st.lists(st.lists(st.lists(st.sampled_from([1, 2, 3, 4]), min_size=9, max_size=9), min_size=1,
                                 max_size=6), min_size=1, max_size=4))
def test_a_file_of_several_surveys_gives_each_its_own_ikm_never_one_pooled(run, tmp_path_factory, surveys):
    """The package's own jawaban_survei holds the answers of several surveys: `kinerja ikm` pooled them into
    one index no survey has (exit 0, no word). A file naming more than one survey now needs --survei (usage
    error naming them all), and the IKM of the survey chosen is the IKM of its own answers alone."""
    folder = tmp_path_factory.mktemp("survei")
    ids = [f"skm-{k}" for k in range(len(surveys))]
    rows = [[sid, f"R{k}-{i}", "2025-03-01", "KTP", "L", 30, "S1", "PNS", *scores]
            for k, (sid, answers) in enumerate(zip(ids, surveys)) for i, scores in enumerate(answers)]
    status, out, err = run("ikm", write(folder / "semua.csv", HEADER, rows), "--json")
    if len(surveys) > 1:
        assert status == 2 and out == [] and len(err) == 1, err
        assert f"memuat jawaban {len(surveys)} survei ({', '.join(sorted(ids))})" in err[0] and "--survei" in err[0]
    else:
        assert status == 0
    for sid, answers in zip(ids, surveys):
        alone = write(folder / f"{sid}.csv", HEADER, [r for r in rows if r[0] == sid])
        status, chosen, err = run("ikm", folder / "semua.csv", "--json", "--survei", sid)
        assert status == 0, err
        assert json.loads(chosen[0]) == json.loads(run("ikm", alone, "--json")[1][0])
        assert json.loads(chosen[0])["responden"] == len(answers)
    status, _, err = run("ikm", folder / "semua.csv", "--survei", "tidak-ada")
    assert status == 2 and err[0].endswith("yang ada: " + ", ".join(sorted(ids)))


@settings(max_examples=30, deadline=None)
@given(silent=st.sets(st.sampled_from(UNSUR), max_size=3), printed=st.integers(-3, 3), kept=st.integers(1, 40))
def test_a_survey_whose_ikm_cannot_be_computed_or_whose_count_differs_is_warned(silent, printed, kept):
    """Validation said nothing when no respondent of a survey answered an unsur (the site then said "tidak
    dapat dihitung") or when the answers held fewer respondents than the survey records (the site computed
    the IKM from the part loaded). Each is now one warning: at the survey's first answer for the unsur, at
    the survey's `responden` for the count."""
    from generator.load import ROW, Tables
    from generator.validate.rules import surveys

    t = example_tables()
    answers = t["jawaban_survei"]
    mine = answers[answers["survei"] == "skm-2025"].head(kept).copy()
    for u in silent:
        mine[u] = pd.NA
    frames = {**t.frames, "jawaban_survei": pd.concat([answers[answers["survei"] != "skm-2025"], mine])}
    survei = t["survei"].copy()
    at = survei.index[survei["id"] == "skm-2025"][0]
    survei.loc[at, "responden"] = kept + printed
    frames["survei"] = survei
    found = [(i.resource, i.row, i.column) for i in surveys(Tables(frames, t.settings, t.descriptor))]
    respondents = mine[mine[UNSUR].notna().any(axis=1)]  # a blank row is nobody (warned on its own)
    empty = [u for u in UNSUR if not respondents[u].notna().any()]
    expected = [("jawaban_survei", int(r), "u1") for r in mine.loc[~mine.index.isin(respondents.index), ROW]]
    if len(respondents) != kept + printed and len(respondents):
        expected.append(("survei", int(survei.loc[at, ROW]), "responden"))
    if empty and len(respondents):
        expected.append(("jawaban_survei", int(respondents[ROW].min()), empty[0]))
    assert set(silent) <= set(empty) and sorted(found) == sorted(expected)


@settings(max_examples=25, deadline=None)
@given(hundredths=st.integers(2500, 10000), extra=st.sampled_from(["", "5", "49", "01"]))
def test_a_published_ikm_is_shown_as_published_and_its_mutu_read_from_it_rounded(hundredths, extra):
    """A survey without answers shows the IKM the agency published: 64,995 read "IKM: 65,00 ... Nilai
    sebagaimana dipublikasikan" and ikm.csv's `ikm_tercetak` 65.00, our rounding, not the published value.
    Now the page and the CSV give it with its own decimals (at least two on the page), the mutu is the
    class of the value rounded to two decimals (docs/domain.md §6), and the page says so when they differ."""
    import csv
    import io
    from decimal import Decimal

    from generator import fmt
    from generator.compute.results import compute_all
    from generator.domain.values import round_half_up
    from generator.load import Tables
    from generator.render import render_site
    from generator.render.context import RenderOptions
    from generator.render.pages import data_terbuka, survei

    printed = Decimal(f"{hundredths // 100}.{hundredths % 100:02d}{extra}")
    if printed > 100:
        printed = Decimal(100)
    t = default_tables()
    surveys = t["survei"].copy()
    at = surveys.index[surveys["id"] == "skm-diskominfo-2025"][0]
    surveys.loc[at, ["ikm", "mutu_tercetak"]] = [float(printed), None]
    changed = Tables({**t.frames, "survei": surveys}, t.settings, t.descriptor)
    res = compute_all(changed)
    site = render_site(changed, res, options=RenderOptions(static_svg=False, previews=False),
                       modules=(survei, data_terbuka))
    rounded = round_half_up(printed, 2)
    mutu = res.scales[changed.settings.skala_mutu_ikm].classify(float(rounded))
    shown = fmt.angka(printed, max(2, fmt.own_decimals(printed)))
    note = f"; mutu ditentukan dari nilai yang dibulatkan dua desimal, {fmt.angka(rounded)}"
    page = site.pages["survei.md"]
    assert (f"- **IKM: {shown}**, mutu {mutu.kode} ({mutu.interpretasi}). Nilai sebagaimana dipublikasikan"
            f"{note if fmt.own_decimals(printed) > 2 else ''}.") in page
    row = next(r for r in csv.DictReader(io.StringIO(site.files["data/ikm.csv"] if "data/ikm.csv" in site.files
                                                      else site.pages["data/ikm.csv"]))
               if r["survei"] == "skm-diskominfo-2025")
    assert Decimal(row["ikm_tercetak"]) == printed and row["ikm"] == str(rounded) and row["mutu"] == mutu.kode
