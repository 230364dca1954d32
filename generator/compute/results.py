"""All computed results of a package, the single input of the render step besides the tables themselves."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from generator.compute import ikm as ikm_engine
from generator.compute import lke, msind, pohon, ppid, triwulan
from generator.compute.pembanding import benchmarks
from generator.compute.anggaran import budget_lines, sasaran_summary
from generator.compute.arsip import latest_report_year
from generator.compute.capaian import capaian_table, node_averages, printed_average, sasaran_averages, summary
from generator.compute.konsistensi import capaian_rows, consistency_table, printed_capaian_agrees
from generator.compute.scales import Scale, scales
from generator.domain.dates import data_date
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present, row_dicts
from generator.load import Tables


@dataclass
class Results:
    capaian: pd.DataFrame
    ringkasan: pd.DataFrame  # one row per year with realisasi: overall average and counts over the IKU, and the
    # average as the report printed it
    simpul: pd.DataFrame  # per tree node and year: average capaian and counts of its own active indicators
    sasaran: pd.DataFrame  # per sasaran and year: average, counts, serapan, efficiency
    anggaran: pd.DataFrame
    ikm: pd.DataFrame
    konsistensi: pd.DataFrame
    scales: dict[str, Scale]
    dip: pd.DataFrame  # Daftar Informasi Publik: the package's items plus what the portal publishes
    kepatuhan: pd.DataFrame  # disclosure checklist, statuses as of the data's own date
    layanan: pd.DataFrame  # yearly information-service record with derived figures
    realisasi: pd.DataFrame  # the package's realisasi and the composites' computed ones (`dihitung`, `rincian`)
    pohon: pd.DataFrame  # the tree(s) as one model: compute.pohon.tree_frames
    pohon_indikator: pd.DataFrame  # the indicators of the tree nodes, with level, owner and capaian
    pembanding: pd.DataFrame = field(default_factory=pd.DataFrame)  # national/regional benchmark values
    lke: pd.DataFrame = field(default_factory=pd.DataFrame)  # SAKIP evaluation pre-check (PermenPANRB 88/2021)
    msind: pd.DataFrame = field(default_factory=pd.DataFrame)  # MS-Ind metadata per indicator
    bukti_monev: pd.DataFrame = field(default_factory=pd.DataFrame)  # KI monev evidence, by SAQ indicator
    triwulan: pd.DataFrame | None = None  # per indicator, year, quarter: Rencana Aksi vs realisasi to date
    anggaran_triwulan: pd.DataFrame | None = None  # per node, year, quarter: spent to date against the pagu
    pagu_tahun: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=triwulan.PAGU_COLUMNS))  # per node
    # and year: the year's pagu and the document it comes from (domain.anggaran.year_pagu)


def compute_all(t: Tables) -> Results:
    settings = t.settings
    sc = scales(t["skala"], t["skala_kelas"])
    realisasi = pohon.realisasi_efektif(t)
    t = pohon.with_realisasi(t, realisasi)  # composites' computed realisasi flow into capaian like any other
    cap = capaian_table(t, sc)
    lines = budget_lines(t)
    years = sorted(set(t["realisasi"]["tahun"]))
    category = sc.get(settings.skala_kategori_capaian)  # None only without realisasi (no capaian to classify)
    total = lines[lines["tingkat"] == "total"].set_index("tahun")["serapan"]
    overall = []
    tiers = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    rows = capaian_rows(cap)
    for year in years:
        s = summary(cap, year, settings.batas_capaian_rata_rata)
        k = category.classify(s["rata_rata"]) if category is not None else None
        averaged = sorted(cap[(cap["tahun"] == year) & cap["berlaku"] & (cap["iku"] == True)  # noqa: E712
                              & cap["capaian"].notna()]["indikator"])
        printed = printed_average(t["angka_laporan"], tiers, averaged, year, lambda row: printed_capaian_agrees(row, rows))
        overall.append({**s, "kategori": k.kode if k else None, "interpretasi": k.interpretasi if k else None,
                        "dikecualikan": "; ".join(s["dikecualikan"]), "serapan": total.get(year),
                        "dibawa_indikator": "; ".join(s["dibawa_indikator"]),
                        "sementara_indikator": "; ".join(s["sementara_indikator"]), **printed})
    nodes = node_averages(cap, settings.batas_capaian_rata_rata)
    sasaran_ids = t["node"].loc[t["node"]["tingkat"] == "sasaran", "id"]
    per_sasaran = sasaran_summary(sasaran_averages(nodes, sasaran_ids), lines, t["node"])
    # the years with realisasi, and the report year where a sasaran has its serapan: a budget's realisasi can be
    # known before (or without) the indicators' realisasi, and every page that shows the year (home, anggaran,
    # the report) must then show the same serapan as the sasaran's own page
    budgeted = (per_sasaran["tahun"] == settings.tahun_laporan) & per_sasaran["serapan"].map(present)
    per_sasaran = per_sasaran[per_sasaran["tahun"].isin(years) | budgeted].copy()
    per_sasaran["nama"] = per_sasaran["sasaran"].map(dict(zip(t["node"]["id"], t["node"]["nama"])))
    today = data_date(t)
    dip, kepatuhan = ppid.disclosure(t, today, lines)
    bench = benchmarks(t)
    per_sasaran = per_sasaran.reset_index(drop=True)
    tree, tree_indicators = pohon.tree_frames(t, cap, nodes, settings.tahun_laporan, category)
    surveys = ikm_table(t, sc)
    pagu = triwulan.pagu_table(t)
    return Results(
        capaian=cap,
        ringkasan=pd.DataFrame(overall) if overall else pd.DataFrame(columns=["tahun", "rata_rata", "kategori", "interpretasi", "serapan"]),
        simpul=nodes,
        sasaran=per_sasaran,
        anggaran=lines,
        ikm=surveys,
        konsistensi=consistency_table(t, cap, lines, surveys),
        scales=sc,
        dip=dip,
        kepatuhan=kepatuhan,
        layanan=ppid.service_record(t["layanan_informasi"], settings.ppid.batas_jawab),
        realisasi=realisasi,
        pohon=tree,
        pohon_indikator=tree_indicators,
        pembanding=bench,
        lke=lke.precheck(t, cap, bench, per_sasaran),
        msind=msind.metadata(t),
        bukti_monev=ppid.evidence_pack(kepatuhan),
        triwulan=triwulan.progress_table(t),
        anggaran_triwulan=triwulan.budget_progress(t, pagu),
        pagu_tahun=pagu,
    )


def ikm_table(t: Tables, sc: dict[str, Scale]) -> pd.DataFrame:
    """Per survey: IKM computed from the respondents' answers when the package has them, else as published."""
    mutu_scale = sc.get(t.settings.skala_mutu_ikm)
    answers = t["jawaban_survei"]
    rows = []
    for s in row_dicts(t["survei"]):
        mine = answers[answers["survei"] == s["id"]]
        row = {"survei": s["id"], "layanan": s["layanan"], "tahun": s["tahun"], "ikm_tercetak": s["ikm"],
               "populasi": s["populasi"]}
        if len(mine) and mutu_scale is not None:
            h = ikm_engine.compute_ikm(mine, mutu_scale)
            row.update(sumber_nilai="dihitung", ikm=h.ikm_dibulatkan, nilai_interval=h.nilai_interval, mutu=h.mutu,
                       kinerja=h.kinerja, responden=h.responden,
                       **{f"nrr_{u}": v for u, v in h.nrr.items()})
        else:
            value = s["ikm"]
            k = ikm_engine.classify_mutu(value, mutu_scale) if mutu_scale is not None and pd.notna(value) else None
            row.update(sumber_nilai="tercetak", ikm=value, nilai_interval=value / 25 if pd.notna(value) else None,
                       mutu=k.kode if k else None, kinerja=k.interpretasi if k else None, responden=s["responden"])
        n, population = row["responden"], row["populasi"]
        if pd.notna(population) and population:
            row["sampel_minimum"] = ikm_engine.krejcie_morgan(int(population))
            row["sampel_memadai"] = bool(pd.notna(n) and n >= row["sampel_minimum"])
        if pd.notna(n) and n:
            row["margin_error"] = 100 * ikm_engine.margin_of_error(int(n), int(population) if pd.notna(population) else None)
        rows.append(row)
    return pd.DataFrame(rows)


def headline(t: Tables, res: Results) -> dict:
    """The report year in one row: the agency, its average capaian and counts over the IKU, its budget
    absorption and IKM. A catalog's overview compares its members with these rows. While the report year
    runs, the figures are those of its last published report (`tahun`), and `progres` says where the running
    year stands: members are compared on closed years, never a running year's blanks against a report."""
    running = t.settings.tahun_laporan
    last = latest_report_year(t)
    closed = len(res.ringkasan) and (res.ringkasan["tahun"] == running).any()
    year = running if closed or last is None else last
    inst = t["instansi"].iloc[0]
    ring = row_dicts(res.ringkasan[res.ringkasan["tahun"] == year]) if len(res.ringkasan) else []
    r = ring[0] if ring else {}
    ikm = row_dicts(res.ikm[res.ikm["tahun"] == year]) if len(res.ikm) else []
    lines = res.anggaran[(res.anggaran["tahun"] == year) & (res.anggaran["tingkat"] == "total")]
    total = row_dicts(lines)[0] if len(lines) else {}
    category = t["skala_kelas"][t["skala_kelas"]["skala"] == t.settings.skala_kategori_capaian].sort_values("urutan")
    first = next((s for s in ikm if present(s["ikm"])), None)  # the first survey with an IKM
    return {"nama": str(inst["nama_singkat"] or inst["nama"]), "tahun": year,
            "rata_rata": r.get("rata_rata"), "kategori": r.get("kategori"), "indikator": r.get("jumlah"),
            "tercapai": r.get("tercapai"), "tidak_tercapai": r.get("tidak_tercapai"), "tanpa_data": r.get("tanpa_data"),
            "pagu": total.get("pagu"), "realisasi": total.get("realisasi"), "serapan": total.get("serapan"),
            "ikm": first["ikm"] if first else None, "mutu": first["mutu"] if first else None,
            # every survey of the year (an agency may survey several services), and what makes the average
            # of one member unlike another's: values carried from the year before, a cap, its category scale
            "survei": [{"layanan": s["layanan"], "ikm": s["ikm"], "mutu": s["mutu"]} for s in ikm],
            "dibawa": r.get("dibawa"), "batas": t.settings.batas_capaian_rata_rata,
            "skala": "/".join(category["kode"].astype(str)),
            "skala_kelas": repr([(c["kode"], c["batas_bawah"], c["bawah_inklusif"], c["batas_atas"], c["atas_inklusif"])
                                 for c in row_dicts(category)]),  # compared, never shown
            "sintetis": bool(t.settings.sintetis), "progres": _progress_words(t, res, running)}


def _progress_words(t: Tables, res: Results, year) -> str | None:
    """While the report year runs (no annual realisasi yet): where it stands at its latest quarter."""
    if year is None or (len(res.ringkasan) and (res.ringkasan["tahun"] == year).any()):
        return None
    quarter = triwulan.latest_quarter(t, year)
    if not quarter or res.triwulan is None:
        return None
    s = triwulan.progress_summary(res.triwulan, year, quarter)
    done = f": {s['sesuai']} dari {s['indikator']} indikator sesuai rencana" if s["indikator"] else ""
    return f"{year} berjalan, s.d. {TRIWULAN[quarter]}{done}"
