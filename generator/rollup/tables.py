"""The roll-up's tables, computed with DuckDB over every agency's published CSVs at once.

One table per measure, one row per agency (and year, or survey): capaian, serapan, IKM and the PPID
checklist, plus the agencies and a row per source (kabupaten, shard) for the overview. Nationally the
capaian input alone is millions of rows (18.000 packages × 40 indicators × 5 years), which DuckDB reads
in parallel straight from the harvested files.

Reproducible: money and percentages are read as DECIMAL and summed exactly (parallel sums of floats
change in their last digits from run to run); ratios are divided and rounded half up in Python, and
every result is sorted, so the same harvest gives the same bytes.
"""
from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pandas as pd

from generator.domain.values import present
from generator.render.open_data import table_csv
from generator.rollup.harvest import READ, Agency

# The published roll-up: columns in order with (Table Schema type, decimals or None, description).
OUTPUT: dict[str, dict] = {
    "instansi": {
        "title": "Perangkat daerah dalam rekap",
        "columns": {
            "sumber": ("string", None,
                       "ID sumber (portal kabupaten/kota atau bagian katalog yang dibangun terpisah) di katalog rekap"),
            "opd": ("string", None, "ID perangkat daerah di sumbernya"),
            "nama": ("string", None, "Nama perangkat daerah"),
            "pemerintah_daerah": ("string", None, "Pemerintah daerah"),
            "tahun_laporan": ("integer", None, "Tahun laporan paketnya"),
            "tahun_rekap": ("integer", None, "Tahun yang dihitung dalam ringkasan: tahun laporannya, atau selama tahun "
                                             "itu berjalan (belum ada capaian tahunan) tahun terakhir sebelumnya yang "
                                             "memiliki capaian"),
            "batas_capaian": ("number", None, "Batas capaian saat merata-rata (kosong = tanpa batas): konvensi paketnya"),
            "sintetis": ("boolean", None, "Data sintetis"),
            "tanggal_data": ("string", None, "Tanggal data paketnya (created)"),
            "portal": ("string", None, "Alamat halaman perangkat daerah di portalnya"),
        },
    },
    "capaian": {
        "title": "Capaian indikator per perangkat daerah dan tahun",
        "columns": {
            "sumber": ("string", None, "ID sumber"), "opd": ("string", None, "ID perangkat daerah"),
            "nama": ("string", None, "Nama perangkat daerah"), "tahun": ("integer", None, "Tahun"),
            "indikator": ("integer", None, "Indikator dengan target yang berlaku"),
            "dengan_data": ("integer", None, "Indikator berlaku yang memiliki capaian"),
            "tercapai": ("integer", None, "Indikator dengan capaian ≥ 100"),
            "tidak_tercapai": ("integer", None, "Indikator dengan capaian < 100"),
            "persen_tercapai": ("number", 2, "Tercapai ÷ dengan data × 100 (%)"),
            "median_capaian": ("number", 2, "Median capaian indikator yang memiliki data (%)"),
            "rata_rata_iku": ("number", 2, "Rata-rata capaian IKU sebagaimana diterbitkan perangkat daerah (%)"),
            "kategori_iku": ("string", None, "Kategori rata-rata IKU pada skala paketnya"),
            "iku": ("integer", None, "IKU yang berlaku"),
            "iku_tanpa_data": ("integer", None, "IKU tanpa realisasi (tidak ikut dirata-rata)"),
        },
    },
    "serapan": {
        "title": "Pagu, realisasi dan serapan anggaran per perangkat daerah dan tahun",
        "columns": {
            "sumber": ("string", None, "ID sumber"), "opd": ("string", None, "ID perangkat daerah"),
            "nama": ("string", None, "Nama perangkat daerah"), "tahun": ("integer", None, "Tahun anggaran"),
            "pagu": ("number", 2, "Pagu instansi (Rp): jumlah yang tercetak, atau jumlah baris teratasnya"), "realisasi": ("number", 2, "Realisasi (Rp)"),
            "serapan": ("number", 2, "Realisasi ÷ pagu × 100 (%)"),
        },
    },
    "ikm": {
        "title": "Indeks Kepuasan Masyarakat per perangkat daerah, survei dan tahun",
        "columns": {
            "sumber": ("string", None, "ID sumber"), "opd": ("string", None, "ID perangkat daerah"),
            "nama": ("string", None, "Nama perangkat daerah"), "tahun": ("integer", None, "Tahun"),
            "survei": ("string", None, "ID survei"), "layanan": ("string", None, "Layanan"),
            "ikm": ("number", 2, "IKM (25-100)"), "mutu": ("string", None, "Mutu pelayanan (A-D)"),
            "responden": ("integer", None, "Jumlah responden"),
            "sampel_memadai": ("boolean", None, "Responden ≥ sampel minimum Krejcie-Morgan"),
            "sumber_nilai": ("string", None, "dihitung (dari jawaban responden) atau tercetak"),
        },
    },
    "kepatuhan": {
        "title": "Daftar periksa keterbukaan informasi per perangkat daerah",
        "columns": {
            "sumber": ("string", None, "ID sumber"), "opd": ("string", None, "ID perangkat daerah"),
            "nama": ("string", None, "Nama perangkat daerah"),
            "item": ("integer", None, "Item daftar periksa"), "tersedia": ("integer", None, "Item tersedia"),
            "kedaluwarsa": ("integer", None, "Informasi berkala yang tidak diperbarui dalam batas paket data portalnya (bawaan 6 bulan)"),
            "belum_tersedia": ("integer", None, "Item belum tersedia"),
            "persen_tersedia": ("number", 2, "Tersedia ÷ item × 100 (%)"),
        },
    },
    "wilayah": {
        "title": "Ringkasan per sumber (kabupaten/kota atau bagian katalog yang dibangun terpisah), tahun rekap "
                 "setiap perangkat daerah",
        "columns": {
            "sumber": ("string", None, "ID sumber"), "nama": ("string", None, "Nama sumber"),
            "opd": ("integer", None, "Jumlah perangkat daerah"),
            "median_rata_rata_iku": ("number", 2, "Median rata-rata capaian IKU perangkat daerahnya (%)"),
            "pagu": ("number", 2, "Jumlah pagu perangkat daerah yang melaporkan realisasinya (Rp)"),
            "realisasi": ("number", 2, "Jumlah realisasi perangkat daerah itu (Rp)"),
            "serapan": ("number", 2, "Jumlah realisasi ÷ jumlah pagu × 100 (%)"),
            "opd_anggaran": ("integer", None, "Jumlah perangkat daerah yang dijumlahkan pada pagu, realisasi dan serapan: "
                                              "yang tanpa realisasi tidak dihitung sebagai 0"),
            "median_ikm": ("number", 2, "Median IKM seluruh survei perangkat daerahnya (satu nilai per survei)"),
            "persen_tersedia": ("number", 2, "Item kepatuhan tersedia ÷ seluruh item × 100 (%)"),
        },
    },
}


def _percent(part, whole) -> Decimal | None:
    if not present(part) or not present(whole) or Decimal(str(whole)) == 0:
        return None
    return Decimal(str(part)) * 100 / Decimal(str(whole))


def _read(con, folder: Path, name: str) -> bool:
    """A view `name` over every agency's `<name>.csv`, with `sumber` and `opd` from the folder names;
    False when no agency publishes the table."""
    files = sorted(folder.glob(f"sumber=*/opd=*/{name}.csv"))
    if not files:
        return False
    types = ", ".join(f"'{c}': '{t}'" for c, t in READ[name].items())
    listing = "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"
    con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_csv({listing}, header=true, delim=',', "
                f"quote='\"', hive_partitioning=true, hive_types={{'sumber': 'VARCHAR', 'opd': 'VARCHAR'}}, "
                f"all_varchar=true, types={{{types}}}, union_by_name=true)")  # columns not read stay text: never guessed
    return True


def compute(folder: Path, agencies: list[Agency], names: dict[str, str], threads: int | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the roll-up from the harvest in `folder`. `names`: source id → its name."""
    import duckdb

    con = duckdb.connect(config={"threads": threads or os.cpu_count() or 1})
    try:
        return _compute(con, folder, agencies, names)
    finally:
        con.close()


def _frame(con, present_: bool, sql: str, columns: list[str]) -> pd.DataFrame:
    if not present_:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(con.execute(sql).fetchall(), columns=columns)


def _compute(con, folder: Path, agencies: list[Agency], names: dict[str, str]) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    inst = pd.DataFrame([{"sumber": a.sumber, "opd": a.id, "nama": a.nama, "pemerintah_daerah": a.pemerintah_daerah,
                          "tahun_laporan": a.tahun_laporan, "batas_capaian": a.batas_capaian, "sintetis": a.sintetis,
                          "tanggal_data": a.created, "portal": a.portal} for a in agencies],
                        columns=list(OUTPUT["instansi"]["columns"]))
    out["instansi"] = inst
    order = {(a.sumber, a.id): n for n, a in enumerate(agencies)}
    label = {(a.sumber, a.id): a.nama for a in agencies}

    def finish(frame: pd.DataFrame, name: str, keys: list[str]) -> pd.DataFrame:
        frame = frame.copy()
        frame.insert(2, "nama", [label.get((s, o), o) for s, o in zip(frame["sumber"], frame["opd"])])
        frame["_urut"] = [order.get((s, o), len(order)) for s, o in zip(frame["sumber"], frame["opd"])]
        frame = frame.sort_values(["_urut", *keys], kind="stable").drop(columns="_urut").reset_index(drop=True)
        return frame[[c for c in OUTPUT[name]["columns"] if c in frame.columns]]

    capaian = _frame(con, _read(con, folder, "capaian"), """
        SELECT sumber, opd, tahun, count(*) AS indikator, count(capaian) AS dengan_data,
               count(*) FILTER (WHERE capaian IS NOT NULL AND tercapai) AS tercapai,
               count(*) FILTER (WHERE capaian IS NOT NULL AND NOT tercapai) AS tidak_tercapai,
               median(capaian) AS median_capaian
        FROM capaian WHERE berlaku GROUP BY sumber, opd, tahun ORDER BY sumber, opd, tahun""",
        ["sumber", "opd", "tahun", "indikator", "dengan_data", "tercapai", "tidak_tercapai", "median_capaian"])
    ringkasan = _frame(con, _read(con, folder, "ringkasan"), """
        SELECT sumber, opd, tahun, rata_rata, kategori, jumlah, tanpa_data FROM ringkasan ORDER BY sumber, opd, tahun""",
        ["sumber", "opd", "tahun", "rata_rata_iku", "kategori_iku", "iku", "iku_tanpa_data"])
    capaian = capaian.merge(ringkasan, on=["sumber", "opd", "tahun"], how="outer")
    capaian["persen_tercapai"] = [_percent(t, d) for t, d in zip(capaian["tercapai"], capaian["dengan_data"])]
    out["capaian"] = finish(capaian, "capaian", ["tahun"])
    counted = recap_years(out["capaian"], agencies)
    out["instansi"] = inst.assign(tahun_rekap=[counted[(a.sumber, a.id)] for a in agencies])[
        list(OUTPUT["instansi"]["columns"])]

    serapan = _frame(con, _read(con, folder, "anggaran"), """
        SELECT sumber, opd, tahun, sum(pagu) AS pagu, sum(realisasi) AS realisasi
        FROM anggaran WHERE tingkat = 'total' GROUP BY sumber, opd, tahun ORDER BY sumber, opd, tahun""",
        ["sumber", "opd", "tahun", "pagu", "realisasi"])
    serapan["serapan"] = [_percent(r, p) for r, p in zip(serapan["realisasi"], serapan["pagu"])]
    out["serapan"] = finish(serapan, "serapan", ["tahun"])

    ikm = _frame(con, _read(con, folder, "ikm"), """
        SELECT sumber, opd, tahun, survei, layanan, ikm, mutu, responden, sampel_memadai, sumber_nilai
        FROM ikm ORDER BY sumber, opd, tahun, survei""",
        ["sumber", "opd", "tahun", "survei", "layanan", "ikm", "mutu", "responden", "sampel_memadai", "sumber_nilai"])
    out["ikm"] = finish(ikm, "ikm", ["tahun", "survei"])

    kepatuhan = _frame(con, _read(con, folder, "kepatuhan"), """
        SELECT sumber, opd, count(*) AS item, count(*) FILTER (WHERE status = 'tersedia') AS tersedia,
               count(*) FILTER (WHERE status = 'kedaluwarsa') AS kedaluwarsa,
               count(*) FILTER (WHERE status NOT IN ('tersedia', 'kedaluwarsa')) AS belum_tersedia
        FROM kepatuhan GROUP BY sumber, opd ORDER BY sumber, opd""",
        ["sumber", "opd", "item", "tersedia", "kedaluwarsa", "belum_tersedia"])
    kepatuhan["persen_tersedia"] = [_percent(t, i) for t, i in zip(kepatuhan["tersedia"], kepatuhan["item"])]
    out["kepatuhan"] = finish(kepatuhan, "kepatuhan", [])

    out["wilayah"] = _regions(out, counted, agencies, names)
    return out


def recap_years(capaian: pd.DataFrame, agencies: list[Agency]) -> dict[tuple[str, str], int | None]:
    """The year each agency is counted in, for every measure: its report year; while that year runs (no
    indicator has an annual capaian yet) the latest earlier year that has one, as the kabupaten overview
    compares a running OPD by its last report. A mid-year agency was left out of every median and sum
    while the overview still counted it."""
    done: dict[tuple[str, str], list[int]] = {}
    for s, o, t, n in zip(capaian["sumber"], capaian["opd"], capaian["tahun"], capaian["dengan_data"]):
        if present(t) and present(n) and int(n) > 0:
            done.setdefault((s, o), []).append(int(t))
    out = {}
    for a in agencies:
        years = [y for y in done.get((a.sumber, a.id), []) if a.tahun_laporan is None or y <= a.tahun_laporan]
        out[(a.sumber, a.id)] = a.tahun_laporan if a.tahun_laporan in years or not years else max(years)
    return out


def _median(values: list) -> Decimal | None:
    values = sorted(Decimal(str(v)) for v in values if present(v))
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _regions(out: dict[str, pd.DataFrame], year: dict[tuple[str, str], int | None], agencies: list[Agency],
             names: dict[str, str]) -> pd.DataFrame:
    """A row per source over each agency's counted year (`recap_years`): the overview's first table."""

    def in_counted_year(frame: pd.DataFrame) -> pd.DataFrame:
        if not len(frame):
            return frame
        keep = [year.get((s, o)) == t for s, o, t in zip(frame["sumber"], frame["opd"], frame["tahun"])]
        return frame[keep]

    cap, ser, ikm = in_counted_year(out["capaian"]), in_counted_year(out["serapan"]), in_counted_year(out["ikm"])
    pat = out["kepatuhan"]
    rows = []
    for sid in dict.fromkeys(a.sumber for a in agencies):
        c, s, i, p = (f[f["sumber"] == sid] if len(f) else f for f in (cap, ser, ikm, pat))
        # over the agencies that report both: a missing realisasi is unknown, not an unspent budget
        both = [(Decimal(str(p)), Decimal(str(r))) for p, r in zip(s["pagu"], s["realisasi"])
                if present(p) and present(r)] if len(s) else []
        pagu = sum((p for p, _ in both), Decimal(0)) if both else None
        real = sum((r for _, r in both), Decimal(0)) if both else None
        items = int(p["item"].sum()) if len(p) else 0
        rows.append({"sumber": sid, "nama": names.get(sid, sid), "opd": sum(a.sumber == sid for a in agencies),
                     "median_rata_rata_iku": _median(list(c["rata_rata_iku"])) if len(c) else None,
                     "pagu": pagu, "realisasi": real, "serapan": _percent(real, pagu), "opd_anggaran": len(both),
                     "median_ikm": _median(list(i["ikm"])) if len(i) else None,
                     "persen_tersedia": _percent(int(p["tersedia"].sum()), items) if items else None})
    return pd.DataFrame(rows, columns=list(OUTPUT["wilayah"]["columns"]))


def csv_text(name: str, frame: pd.DataFrame) -> str:
    return table_csv(OUTPUT[name]["columns"], frame)
