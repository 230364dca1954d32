"""Indicator metadata in the shape of the Satu Data Indonesia indicator form (MS-Ind, Peraturan BPS
5/2020): one row per indicator, every field filled from the package or left empty, and the empty
ones named, so a data steward sees what the agency still has to supply. Nothing is guessed: a field
with no source in the package stays empty."""
from __future__ import annotations

import re

import pandas as pd

from generator import fmt
from generator.domain.values import present, row_dicts

# MS-Ind fields in form order: key, label.
FIELDS = {
    "kode_indikator": "Kode indikator",
    "nama_indikator": "Nama indikator",
    "konsep": "Konsep",
    "definisi": "Definisi",
    "interpretasi": "Interpretasi",
    "metode_perhitungan": "Metode/cara perhitungan",
    "rumus": "Rumus",
    "ukuran": "Ukuran",
    "satuan": "Satuan",
    "klasifikasi_penyajian": "Klasifikasi penyajian (disagregasi)",
    "indikator_komposit": "Apakah indikator komposit",
    "indikator_pembangun": "Indikator pembangun",
    "level_estimasi": "Level estimasi",
    "periodisitas": "Periodisitas",
    "dapat_diakses_umum": "Dapat diakses umum",
    "sumber_data": "Sumber data",
    "produsen_data": "Produsen data",
    "unit_penanggung_jawab": "Unit penanggung jawab",
    "kode_wilayah": "Kode wilayah produsen",
}
# Where each filled field comes from, said on the page.
ASAL = {
    "kode_indikator": "indikator.id", "nama_indikator": "indikator.nama", "definisi": "indikator.definisi",
    "interpretasi": "indikator.polaritas", "metode_perhitungan": "indikator.jenis_target",
    "rumus": "indikator.rumus", "satuan": "indikator.satuan", "indikator_komposit": "subindeks",
    "indikator_pembangun": "subindeks", "level_estimasi": "instansi.pemerintah_daerah",
    "periodisitas": "target.jenis", "dapat_diakses_umum": "lisensi paket data", "sumber_data": "indikator.sumber_data",
    "produsen_data": "instansi.nama", "unit_penanggung_jawab": "indikator.unit",
}
INTERPRETASI = {"tinggi_lebih_baik": "Makin tinggi nilainya, makin baik kinerjanya.",
                "rendah_lebih_baik": "Makin rendah nilainya, makin baik kinerjanya."}
METODE = {"angka": "Nilai realisasi dibandingkan dengan target tahunan",
          "level": "Level yang dicapai dibandingkan dengan level yang ditargetkan",
          "kategori": "Kategori yang dicapai dibandingkan dengan kategori yang ditargetkan",
          "ya_tidak": "Ada atau tidak ada (ya/tidak)",
          "rentang": "Nilai realisasi dibandingkan dengan rentang target"}
LEVEL = (("kabupaten", "Kabupaten"), ("kota", "Kota"), ("provinsi", "Provinsi"))


def _level(region: str) -> str | None:
    """The level of estimation read from the government's name ('Pemerintah Kabupaten X' → Kabupaten)."""
    words = str(region or "").lower()
    for key, label in LEVEL:
        if re.search(rf"\b{key}\b", words):
            return label
    return None


def metadata(t) -> pd.DataFrame:
    inst = t["instansi"].iloc[0]
    units = dict(zip(t["unit_kerja"]["id"], t["unit_kerja"]["nama"]))
    sub = t["subindeks"]
    annual = set(t["target"].loc[t["target"]["jenis"] == "tahunan", "indikator"])
    licensed = bool(t.descriptor.get("licenses"))
    rows = []
    for ind in row_dicts(t["indikator"]):
        mine = sub[sub["indikator"] == ind["id"]]
        parts = pd.DataFrame()
        if len(mine):
            latest = mine["tahun"].max()
            top = mine[(mine["tahun"] == latest) & (mine["jenis"] == "indeks")]
            parent_ids = set(top["id"])
            parts = mine[(mine["tahun"] == latest) & mine["induk"].isin(parent_ids)]
        row = {
            "kode_indikator": ind["id"], "nama_indikator": ind["nama"], "konsep": None,
            "definisi": ind["definisi"] if present(ind["definisi"]) else None,
            "interpretasi": INTERPRETASI.get(ind["polaritas"]),
            "metode_perhitungan": METODE.get(ind["jenis_target"]),
            "rumus": ind["rumus"] if present(ind["rumus"]) else None,
            "ukuran": None, "satuan": ind["satuan"] if present(ind["satuan"]) else None,
            "klasifikasi_penyajian": None,
            "indikator_komposit": "ya" if len(parts) else ("tidak" if not len(mine) else None),
            "indikator_pembangun": "; ".join(
                f"{r['nama']}" + (f" (bobot {fmt.angka(r['bobot'], None)}%)" if present(r["bobot"]) else "")
                for r in row_dicts(parts)) or None,
            "level_estimasi": _level(inst["pemerintah_daerah"]),
            "periodisitas": "Tahunan" if ind["id"] in annual else None,
            "dapat_diakses_umum": "ya" if licensed else None,
            "sumber_data": ind["sumber_data"] if present(ind["sumber_data"]) else None,
            "produsen_data": inst["nama"],
            "unit_penanggung_jawab": units.get(ind["unit"]) if present(ind["unit"]) else None,
            "kode_wilayah": None,
            "iku": bool(ind["iku"]) if present(ind["iku"]) else False,
        }
        row["kosong"] = "; ".join(FIELDS[k] for k in FIELDS if not present(row[k]) or row[k] == "")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(FIELDS) + ["iku", "kosong"])
