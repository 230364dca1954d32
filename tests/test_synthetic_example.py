"""The synthetic example package `examples/contoh-sintetis/`.

It must validate (with only its one deliberate budget warning), be labelled synthetic everywhere,
contain the features the real package lacks, and be exactly what `examples/buat_contoh_sintetis.py`
generates: the committed files are compared with a fresh generation, so the example cannot go stale
when the canonical schemas change (re-run the script and commit the result).
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import ROOT

EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "contoh-sintetis"
SCRIPT = EXAMPLES / "buat_contoh_sintetis.py"
SCHEMAS = ROOT / "generator" / "schemas"
SEMICOLON_FILES = {"anggaran.csv", "belanja.csv"}
UNSUR = [f"u{i}" for i in range(1, 10)]
YEARS = [2021, 2022, 2023, 2024, 2025]
WARNING_MARK = ": peringatan: "
SUMMARY_PREFIX = "Paket data "


# --- helpers ---------------------------------------------------------------------------------

def read(name: str) -> list[dict]:
    path = EXAMPLE / "data" / f"{name}.csv"
    delimiter = ";" if path.name in SEMICOLON_FILES else ","
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def missing(cell: str) -> bool:
    return cell.strip() in ("", "-")


def rupiah(cell: str) -> Decimal:
    """`1.234.567,00` -> Decimal('1234567.00')."""
    return Decimal(cell.replace(".", "").replace(",", "."))


def descriptor() -> dict:
    return json.loads((EXAMPLE / "datapackage.json").read_text(encoding="utf-8"))


def generate(out: Path, seed: int | None = None) -> Path:
    args = [sys.executable, str(SCRIPT), "--out", str(out)]
    if seed is not None:
        args += ["--seed", str(seed)]
    subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def applicable_target(indicator: str, year: int) -> dict:
    """The target a PK sets for a year, the PK Perubahan's where one amends that PK."""
    rows = [r for r in read("target") if r["indikator"] == indicator and int(r["tahun"]) == year
            and r["jenis"] == "tahunan"]
    kinds = {d["id"]: d["jenis"] for d in read("dokumen")}
    for kind in ("pk_perubahan", "pk"):
        found = [r for r in rows if kinds[r["dokumen"]] == kind]
        if found:
            return found[0]
    raise AssertionError(f"no PK target for {indicator} {year}")


# --- validation ------------------------------------------------------------------------------

def test_validate_passes_with_only_the_deliberate_budget_warning(run):
    status, out, err = run("validate", EXAMPLE)
    assert status == 0, "\n".join(out + err)
    assert out[-1].startswith("Paket data sah"), out[-1]

    anggaran = EXAMPLE / "data" / "anggaran.csv"
    lines = anggaran.read_text(encoding="utf-8").splitlines()
    row = next(n for n, line in enumerate(lines, start=1) if line.startswith("k-ikp;lkjip-2025;"))
    column = lines[0].split(";").index("pagu") + 1
    problems = [line for line in out if not line.startswith(SUMMARY_PREFIX)]
    assert [p for p in problems if WARNING_MARK not in p] == [], "errors:\n" + "\n".join(problems)

    budget = [p for p in problems if p.startswith(f"{anggaran}:{row}:{column}{WARNING_MARK}")]
    assert len(budget) == 1, "\n".join(problems)
    assert '"k-ikp"' in budget[0] and "lkjip-2025" in budget[0] and "selisih Rp1.500.000" in budget[0]
    # Printed-figure checks may also report the deliberate angka_laporan inconsistency; nothing else.
    others = [p for p in problems if p not in budget]
    assert all(p.startswith(f"{EXAMPLE / 'data' / 'angka_laporan.csv'}:") for p in others), "\n".join(others)


def test_the_budget_mismatch_is_one_sub_kegiatan_pagu():
    rows = [r for r in read("anggaran") if r["dokumen"] == "lkjip-2025"]
    parent = {n["id"]: n["induk"] for n in read("node")}
    by_node = {r["node"]: r for r in rows}
    for kegiatan in (n["id"] for n in read("node") if n["tingkat"] == "kegiatan"):
        kids = [r for r in rows if parent[r["node"]] == kegiatan]
        pagu = sum(rupiah(k["pagu"]) for k in kids) - rupiah(by_node[kegiatan]["pagu"])
        realisasi = sum(rupiah(k["realisasi"]) for k in kids) - rupiah(by_node[kegiatan]["realisasi"])
        assert realisasi == 0, kegiatan
        assert pagu == (Decimal(1_500_000) if kegiatan == "k-ikp" else 0), kegiatan
    assert "sengaja" in by_node["sk-konten"]["sumber"]


# --- labelled synthetic ----------------------------------------------------------------------

def test_package_is_labelled_synthetic():
    d = descriptor()
    assert "SINTETIS" in d["title"]
    assert "data sintetis, bukan data resmi" in d["description"].lower()
    assert d["kinerja"]["sintetis"] is True
    assert d["kinerja"]["tahun_laporan"] == 2025 and d["kinerja"]["dokumen_laporan"] == "lkjip-2025"
    instansi = read("instansi")
    assert len(instansi) == 1 and "Sintetis" in instansi[0]["nama"] and "Contoh" in instansi[0]["nama"]


def test_every_sumber_cell_says_synthetic():
    tables = 0
    for resource in descriptor()["resources"]:
        rows = read(resource["name"])
        if rows and "sumber" in rows[0]:
            tables += 1
            for row in rows:
                assert "data sintetis" in row["sumber"].lower(), (resource["name"], row)
    assert tables >= 14  # every table but skala_kelas and jawaban_survei, which have no sumber column


# --- features --------------------------------------------------------------------------------

def test_performance_tree():
    levels = defaultdict(list)
    for n in read("node"):
        levels[n["tingkat"]].append(n)
    assert len(levels["tujuan"]) == 1 and len(levels["sasaran"]) == 3
    assert len(levels["program"]) >= 4 and len(levels["kegiatan"]) >= 8 and len(levels["sub_kegiatan"]) >= 20
    assert all(n["kode"] for level in ("program", "kegiatan", "sub_kegiatan") for n in levels[level])
    assert 4 <= len(read("unit_kerja")) <= 5


def test_indicator_kinds():
    ind = read("indikator")
    tier = {n["id"]: n["tingkat"] for n in read("node")}
    scale_kind = {s["id"]: s["jenis"] for s in read("skala")}
    assert len(ind) >= 12
    assert sum(i["polaritas"] == "rendah_lebih_baik" for i in ind) >= 2
    kinds = {i["jenis_target"]: i for i in ind}
    assert {"ya_tidak", "level", "kategori", "rentang", "angka"} <= set(kinds)
    assert kinds["ya_tidak"]["skala"] == "ya-tidak"
    assert scale_kind[kinds["level"]["skala"]] == "ordinal"
    assert kinds["kategori"]["skala"] == "ki-monev"
    assert all(tier[i["node"]] == "sasaran" for i in ind if i["iku"] == "ya")
    assert {tier[i["node"]] for i in ind if i["iku"] == "tidak"} >= {"program", "kegiatan"}
    for needed in ("kategori-capaian", "mutu-ikm", "ki-monev", "level-kami", "ya-tidak", "predikat-spbe"):
        assert needed in scale_kind


def test_targets_every_year_from_pk_and_renstra():
    ind = read("indikator")
    target = read("target")
    kinds = {d["id"]: d["jenis"] for d in read("dokumen")}
    for i in ind:
        years = {int(t["tahun"]) for t in target if t["indikator"] == i["id"] and kinds[t["dokumen"]] == "pk"}
        assert years == set(YEARS), i["id"]
        if i["iku"] == "ya":
            renstra = {int(t["tahun"]) for t in target
                       if t["indikator"] == i["id"] and kinds[t["dokumen"]] == "renstra" and t["jenis"] == "tahunan"}
            assert renstra == set(YEARS), i["id"]
    assert any(t["jenis"] == "akhir_periode" for t in target)
    ranged = {i["id"] for i in ind if i["jenis_target"] == "rentang"}
    for t in (t for t in target if t["indikator"] in ranged):
        assert Decimal(t["batas_atas"]) > Decimal(t["nilai"])


def test_realisations_spread():
    real = read("realisasi")
    ind = {i["id"]: i for i in read("indikator")}
    assert {int(r["tahun"]) for r in real} == set(YEARS)
    assert all(sum(r["indikator"] == i and int(r["tahun"]) == y for r in real) == 1 for i in ind for y in YEARS)
    missing_2025 = [r for r in real if r["tahun"] == "2025" and r["status"] == "tidak_ada"]
    assert missing_2025 and all(missing(r["nilai"]) for r in missing_2025)
    assert any(r["status"] == "dibawa" and not missing(r["nilai"]) for r in real)
    above = below = 0
    floored = []
    for r in real:
        if missing(r["nilai"]) or ind[r["indikator"]]["jenis_target"] not in ("angka", "kategori"):
            continue
        value, target = Decimal(r["nilai"]), Decimal(applicable_target(r["indikator"], int(r["tahun"]))["nilai"])
        lower = ind[r["indikator"]]["polaritas"] == "rendah_lebih_baik"
        better = value < target if lower else value > target
        above += better
        below += (value > target if lower else value < target)
        if lower and value > 2 * target:
            floored.append(r)
    assert above >= 20 and below >= 5, (above, below)
    assert floored, "a lower-better realisasi above twice its target (capaian floored at 0)"


def test_pk_perubahan_supersedes_a_pk_and_changes_a_target():
    docs = {d["id"]: d for d in read("dokumen")}
    amended = [d for d in docs.values() if d["jenis"] == "pk_perubahan"]
    assert amended
    target = read("target")
    for d in amended:
        old = docs[d["menggantikan"]]
        assert old["jenis"] == "pk" and old["tahun"] == d["tahun"]
        before = {t["indikator"]: t["nilai"] for t in target if t["dokumen"] == old["id"]}
        after = {t["indikator"]: t["nilai"] for t in target if t["dokumen"] == d["id"]}
        assert set(after) == set(before), "a PK Perubahan restates every indicator of the PK"
        assert any(Decimal(after[i]) != Decimal(before[i]) for i in after)
    for year in YEARS:
        assert {f"rkt-{year}", f"pk-{year}", f"lkjip-{year}"} <= set(docs)
    renstra = [d for d in docs.values() if d["jenis"] == "renstra"]
    assert [(d["tahun_mulai"], d["tahun_selesai"]) for d in renstra] == [("2021", "2025")]


def test_budgets_every_year():
    nodes = read("node")
    rows = read("anggaran")
    for year in YEARS:
        covered = {r["node"] for r in rows if r["dokumen"] == f"lkjip-{year}"}
        assert covered == {n["id"] for n in nodes}, year
    for r in rows:
        if not missing(r["realisasi"]):
            assert rupiah(r["realisasi"]) <= rupiah(r["pagu"]), r
    assert sum(not missing(r["serapan_tercetak"]) for r in rows) >= 50


def test_belanja_adds_up():
    b = {r["jenis"]: r for r in read("belanja")}
    total = next(r for r in read("anggaran") if r["node"] == "t-1" and r["dokumen"] == "lkjip-2025")
    for col in ("pagu", "realisasi"):
        v = {k: rupiah(r[col]) for k, r in b.items()}
        assert v["belanja_operasi"] == v["belanja_pegawai"] + v["belanja_barang_jasa"]
        assert v["belanja_daerah"] == v["belanja_operasi"] + v["belanja_modal"]
        assert v["belanja_daerah"] == rupiah(total[col])


def test_survey_answers():
    surveys = {s["id"]: s for s in read("survei")}
    answers = read("jawaban_survei")
    assert len(answers) >= 2000
    by_survey = defaultdict(list)
    for a in answers:
        by_survey[a["survei"]].append(a)
    assert len(by_survey) >= 2
    assert len({surveys[s]["tahun"] for s in by_survey}) >= 2
    cells = [a[u] for a in answers for u in UNSUR]
    blank = sum(c == "" for c in cells) / len(cells)
    assert 0.01 <= blank <= 0.05, blank
    scores = [int(c) for c in cells if c]
    assert set(scores) <= {1, 2, 3, 4}
    assert sum(s >= 3 for s in scores) / len(scores) >= 0.7
    for survey_id, rows in by_survey.items():
        s = surveys[survey_id]
        assert int(s["responden"]) == len(rows) <= int(s["populasi"])
        assert all(s["periode_mulai"] <= a["tanggal"] <= s["periode_selesai"] for a in rows)
        nrr = [Fraction(sum(int(a[u]) for a in rows if a[u]), sum(1 for a in rows if a[u])) for u in UNSUR]
        ikm = sum(nrr, Fraction(0)) / 9 * 25
        printed = Decimal(ikm.numerator) / Decimal(ikm.denominator)
        assert printed.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal(s["ikm"]), survey_id
        means = sorted(float(x) for x in nrr)
        assert means[1] - means[0] >= 0.3, "one unsur is noticeably weaker than the others"
    assert {a["jenis_kelamin"] for a in answers} == {"L", "P"}
    assert 2 <= len({a["layanan"] for a in answers}) <= 3
    assert all(any(a[u] for u in UNSUR) for a in answers), "no respondent leaves every unsur blank"


def test_printed_figures_have_one_stated_inconsistency():
    printed = read("angka_laporan")
    flagged = [r for r in printed if "tidak konsisten" in r["keterangan"].lower()]
    assert len(flagged) == 1
    bad = flagged[0]
    capaian = {r["indikator"]: Decimal(r["nilai"]) for r in printed if r["jenis"] == "capaian" and r["tahun"] == bad["tahun"]
               and not r["dokumen"]}
    own = [capaian[i["id"]] for i in read("indikator") if i["node"] == bad["node"] and i["id"] in capaian]
    assert len(own) >= 2
    assert abs(Decimal(bad["nilai"]) - sum(own)) <= Decimal("0.02"), "printed as a sum"
    assert bad["jenis"] == "rata_rata_capaian"
    assert len(printed) >= 8


# --- determinism and freshness ---------------------------------------------------------------

def test_same_seed_gives_identical_files(tmp_path):
    first = tree(generate(tmp_path / "a", seed=7))
    second = tree(generate(tmp_path / "b", seed=7))
    # 30 schemas + 30 CSVs (the four tree resources header-only) + datapackage.json + 10 files the PPID
    # register points at
    assert first.keys() == second.keys() and len(first) == 71
    assert [name for name in first if first[name] != second[name]] == []
    other = tree(generate(tmp_path / "c", seed=8))
    assert other["data/jawaban_survei.csv"] != first["data/jawaban_survei.csv"], "--seed is honoured"


def test_committed_example_is_a_fresh_generation(tmp_path):
    fresh = tree(generate(tmp_path / "fresh"))
    committed = tree(EXAMPLE)
    assert committed.keys() == fresh.keys()
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"examples/contoh-sintetis is stale in {stale}: run python examples/buat_contoh_sintetis.py"


def test_schemas_and_resources_are_the_canonical_ones():
    canonical = json.loads((SCHEMAS / "resources.json").read_text(encoding="utf-8"))
    assert descriptor()["resources"] == canonical
    for resource in canonical:
        copied = EXAMPLE / resource["schema"]
        assert copied.read_bytes() == (SCHEMAS / Path(resource["schema"]).name).read_bytes(), copied
    assert sorted(p.name for p in (EXAMPLE / "schemas").iterdir()) == sorted(
        Path(r["schema"]).name for r in canonical)


@pytest.mark.parametrize("name", ["anggaran.csv", "belanja.csv"])
def test_indonesian_number_format_in_budget_files(name):
    text = (EXAMPLE / "data" / name).read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    assert ";" in header and "," not in header
    pagu = first.split(";")[header.split(";").index("pagu")]
    assert pagu.endswith(",00") and "." in pagu
