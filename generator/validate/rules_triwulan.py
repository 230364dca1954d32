"""Rules of the annual cycle: the report year has its targets and (eventually) its realisasi, quarterly
targets come from a Rencana Aksi within its year, quarterly realisasi obey the same status rules as the
annual ones, quarterly spending stays within the year's pagu, and quarters can only be added up when the
indicator says how (`indikator.akumulasi`)."""
from __future__ import annotations

from decimal import Decimal

from generator import fmt
from generator.domain.anggaran import total_parts, year_pagu
from generator.domain.dates import data_date
from generator.domain.sakip import report_document
from generator.domain.tree import is_under
from generator.domain.triwulan import (AKUMULASI, KUMULATIF, PER_TRIWULAN, TRIWULAN, first_after_gap, named_quarters,
                                       reported_up_to)
from generator.domain.values import present, row_dicts
from generator.load import ROW, Tables
from generator.problems import PERINGATAN, CellIssue

SETTINGS = ""  # CellIssue.resource for the settings block in datapackage.json (as validate.rules.SETTINGS)


def report_year(t: Tables) -> list[CellIssue]:
    """A report year without targets, or without any realisasi yet, is published as such, never as an
    empty page; the operator is told, and told what to fill in."""
    year = t.settings.tahun_laporan
    if year is None:
        return []
    issues = []
    has_target = bool((t["target"]["tahun"] == year).any() or (t["target_triwulan"]["tahun"] == year).any())
    real = t["realisasi"]
    has_real = bool(((real["tahun"] == year) & real["nilai"].notna()).any())
    quarterly = t["realisasi_triwulan"]
    has_quarter = bool(((quarterly["tahun"] == year) & quarterly["nilai"].notna()).any())
    if not has_target:
        issues.append(CellIssue(SETTINGS, 1, "tahun_laporan",
                                f"tahun laporan {year} belum memiliki target: isi target {year} dari Perjanjian Kinerja "
                                f"(target.csv, dokumen berjenis pk) atau target triwulan Rencana Aksi (target_triwulan.csv)",
                                PERINGATAN))
    if not has_real and not has_quarter:
        issues.append(CellIssue(SETTINGS, 1, "tahun_laporan",
                                f"belum ada realisasi {year}: portal menampilkan target {year} dengan keterangan "
                                f'"belum ada realisasi {year}". Isi realisasi per triwulan (realisasi_triwulan.csv) '
                                "selama tahun berjalan, atau realisasi tahunan (realisasi.csv) setelah tahun berakhir",
                                PERINGATAN))
    chosen = t.settings.dokumen_laporan
    docs = t["dokumen"]
    if (late := _dated_after_the_data(t, chosen)) is not None:
        (doc, published), day = late, data_date(t)
        what, why = (("laporan", "sebelum laporan yang dikutipnya terbit") if doc == chosen else
                     ("dokumen", "sebelum dokumen yang dimuatnya terbit (kinerja baru menulis 1 Januari tahun "
                                 "laporan; majukan tanggal itu setiap kali data diperbarui)"))
        issues.append(CellIssue(SETTINGS, 1, "created",
                                f'paket data bertanggal {fmt.tanggal(day)} ("created"), lebih awal dari {what} '
                                f'"{doc}" bertanggal {fmt.tanggal(published)}: setiap halaman akan menyebut data '
                                f"diperbarui {why}. Isi \"created\" dengan waktu data ini disiapkan", PERINGATAN))
    if chosen in set(docs["id"]):
        doc_year = docs[docs["id"] == chosen].iloc[0]["tahun"]
        if present(doc_year) and int(doc_year) != year:
            issues.append(CellIssue(SETTINGS, 1, "dokumen_laporan",
                                    f'kinerja.dokumen_laporan "{chosen}" adalah laporan tahun {int(doc_year)}, bukan tahun '
                                    f"laporan {year}: halaman tahun {year} tidak mengutipnya (laporan itu tetap dikutip di "
                                    f'arsip {int(doc_year)}). Kosongkan (null) sampai LKjIP {year} terbit', PERINGATAN))
    issues += _annual_while_running(t, year)
    return issues


def _dated_after_the_data(t: Tables, chosen) -> tuple[str, object] | None:
    """The document dated after the package's own date (`created`): the report the portal cites if it is,
    else the latest such document (an LKjIP or a Rencana Aksi entered in a running year while `created`
    stayed at the 1 January `kinerja baru` wrote). None when the package names no date, or none is later."""
    day = data_date(t)
    if day is None or not t.descriptor.get("created"):
        return None
    docs = t["dokumen"]
    later = [(r["id"], r["tanggal"]) for r in row_dicts(docs[["id", "tanggal"]])
             if present(r["tanggal"]) and day < r["tanggal"]]
    if not later:
        return None
    return next(((d, when) for d, when in later if d == chosen), max(later, key=lambda item: (item[1], item[0])))


def _annual_while_running(t: Tables, year: int) -> list[CellIssue]:
    """An annual realisasi of the report year, while its quarters are reported only up to TW I-III and it has no
    Laporan Kinerja, ends the year: the portal then publishes the year's capaian and its report from those
    few rows (one provisional figure gave "Capaian kinerja 2026: 100,42%, 1 dari 11 IKU" in July). Named at
    the year's first annual row, as a warning: the operator may mean it."""
    quarter = reported_up_to(t["realisasi_triwulan"], t["anggaran_triwulan"], year)
    if quarter is None or quarter >= 4 or report_document(t["dokumen"], t.settings.dokumen_laporan, year) is not None:
        return []
    real = t["realisasi"]
    annual = real[(real["tahun"] == year) & real["nilai"].map(present)]
    if annual.empty:
        return []
    first = annual.sort_values(ROW).iloc[0]
    return [CellIssue("realisasi", int(first[ROW]), "tahun",
                      f"realisasi tahunan {year} ({len(annual)} baris, yang pertama di sini) membuat portal menganggap tahun "
                      f"{year} sudah berakhir: capaian dan Laporan Kinerja {year} diterbitkan dari baris itu saja, padahal "
                      f"realisasi triwulan baru sampai {TRIWULAN[quarter]}; yang diharapkan realisasi tahunan diisi setelah "
                      f"tahun berakhir, dan selama tahun berjalan realisasi per triwulan (realisasi_triwulan.csv)",
                      PERINGATAN)]


def archive_years(t: Tables) -> list[CellIssue]:
    """A year listed in `kinerja.tahun_arsip` is published as a finished year under `<year>/`: it needs its
    results, a Laporan Kinerja (dokumen berjenis lkjip) or annual realisasi. Without either its pages said
    the year was "masih berjalan" and that the package had no tree or survey."""
    year = t.settings.tahun_laporan
    if year is None or not t.settings.tahun_arsip:
        return []
    docs = t["dokumen"]
    reported = {int(y) for k, y in zip(docs["jenis"], docs["tahun"]) if k == "lkjip" and present(y)}
    real = t["realisasi"]
    measured = set(real.loc[real["nilai"].map(present), "tahun"].astype(int))
    empty = [y for y in t.settings.tahun_arsip if y < year and y not in reported and y not in measured]
    if not empty:
        return []
    listed = ", ".join(str(y) for y in empty)
    return [CellIssue(SETTINGS, 1, "tahun_arsip",
                      f"kinerja.tahun_arsip memuat {listed}, tetapi paket data tidak memuat Laporan Kinerja (dokumen "
                      f"berjenis lkjip) maupun realisasi tahun itu: arsipnya akan kosong. Hapus tahun itu dari daftar, "
                      "atau isi laporan dan realisasinya")]


def quarterly_targets(t: Tables) -> list[CellIssue]:
    issues = []
    docs = t["dokumen"].set_index("id")
    for r in row_dicts(t["target_triwulan"]):
        if r["dokumen"] not in docs.index:
            continue
        d = docs.loc[r["dokumen"]]
        if d["jenis"] != "rencana_aksi":
            issues.append(CellIssue("target_triwulan", r[ROW], "dokumen",
                                    f'dokumen "{r["dokumen"]}" berjenis {d["jenis"]}; target triwulan ditetapkan dalam '
                                    "Rencana Aksi: yang diharapkan dokumen berjenis rencana_aksi"))
        if present(d["tahun_mulai"]) and present(d["tahun_selesai"]) \
                and not d["tahun_mulai"] <= r["tahun"] <= d["tahun_selesai"]:  # an empty period: rules.documents
            issues.append(CellIssue("target_triwulan", r[ROW], "tahun",
                                    f'tahun {r["tahun"]} di luar periode dokumen "{r["dokumen"]}" '
                                    f'({d["tahun_mulai"]}-{d["tahun_selesai"]})'))
    return issues


def quarterly_realisasi(t: Tables) -> list[CellIssue]:
    """As the annual realisasi: 'no data' is a status with an empty value, never a zero; nothing is
    reported after the report year. A cumulative series that falls is flagged (it cannot, by definition)."""
    issues = []
    year = t.settings.tahun_laporan
    rows = t["realisasi_triwulan"]
    for r in row_dicts(rows):
        has_value = present(r["nilai"])
        where = f'{TRIWULAN[int(r["triwulan"])]} {r["tahun"]}'
        if r["status"] == "tidak_ada" and has_value:
            issues.append(CellIssue("realisasi_triwulan", r[ROW], "nilai",
                                    f"status tidak_ada tetapi nilai {where} terisi ({fmt.angka(r['nilai'], None)}); "
                                    "kosongkan nilai atau ubah status menjadi final/sementara"))
        if r["status"] != "tidak_ada" and not has_value:
            issues.append(CellIssue("realisasi_triwulan", r[ROW], "nilai",
                                    f"status {r['status']} tetapi nilai {where} kosong; isi nilainya, atau ubah status "
                                    "menjadi tidak_ada bila belum ada data (jangan diisi 0)"))
        if year and r["tahun"] > year:
            issues.append(CellIssue("realisasi_triwulan", r[ROW], "tahun",
                                    f"realisasi {where} melewati tahun laporan paket ({year}); ubah kinerja.tahun_laporan "
                                    f"di datapackage.json menjadi {r['tahun']} bila tahun itu sudah berjalan"))
    acc = dict(zip(t["indikator"]["id"], t["indikator"]["akumulasi"]))
    polarity = dict(zip(t["indikator"]["id"], t["indikator"]["polaritas"]))
    for (i, y), part in rows[rows["nilai"].notna()].groupby(["indikator", "tahun"], sort=True):
        if acc.get(i) != KUMULATIF or polarity.get(i) != "tinggi_lebih_baik":
            continue
        part = part.sort_values("triwulan")
        previous = None
        for r in row_dicts(part):
            if previous is not None and r["nilai"] < previous["nilai"]:
                issues.append(CellIssue("realisasi_triwulan", r[ROW], "nilai",
                                        f'indikator "{i}" berakumulasi kumulatif, tetapi {TRIWULAN[int(r["triwulan"])]} '
                                        f'{y} ({fmt.angka(r["nilai"], None)}) lebih kecil dari '
                                        f'{TRIWULAN[int(previous["triwulan"])]} ({fmt.angka(previous["nilai"], None)}); '
                                        "nilai kumulatif adalah total s.d. triwulan itu dan tidak dapat turun", PERINGATAN))
            previous = r
    return issues


def accumulation(t: Tables) -> list[CellIssue]:
    """Quarters are added up only when the indicator says how; without it the progress shows the quarters
    as given and no status."""
    issues = []
    quarterly = set(t["realisasi_triwulan"]["indikator"])
    for r in row_dicts(t["indikator"]):
        if r["id"] in quarterly and not present(r["akumulasi"]):
            issues.append(CellIssue("indikator", r[ROW], "akumulasi",
                                    f'indikator "{r["id"]}" memiliki realisasi triwulan tetapi akumulasi kosong; progres '
                                    "s.d. triwulan tidak dihitung. Isi salah satu dari: "
                                    + "; ".join(f"{k} ({v})" for k, v in AKUMULASI.items()), PERINGATAN))
    return issues


def quarterly_budget(t: Tables) -> list[CellIssue]:
    """Spending to date within the year's pagu, as the annual rule (realisasi ≤ pagu); a plan to date above it
    is a warning."""
    issues = []
    pagu = year_pagu(t["anggaran"].sort_values(ROW), t["dokumen"])
    aq = t["anggaran_triwulan"]
    for (node, year), part in aq.groupby(["node", "tahun"], sort=True):
        if (node, int(year)) not in pagu:
            continue
        whole, doc = pagu[(node, int(year))]
        spent = planned = Decimal(0)
        over_plan = False
        for r in row_dicts(part.sort_values("triwulan")):
            if present(r["rencana"]) and not over_plan:
                planned += r["rencana"]
                if planned > whole:  # a plan may be revised, so a warning; the page shows it as planned
                    issues.append(CellIssue("anggaran_triwulan", r[ROW], "rencana",
                                            f'rencana penarikan "{node}" s.d. {TRIWULAN[int(r["triwulan"])]} {year} '
                                            f"({fmt.rupiah(planned)}) melebihi pagu {year} ({fmt.rupiah(whole)}, dokumen "
                                            f"{doc}); rencana triwulan diisi per triwulan, bukan kumulatif", PERINGATAN))
                    over_plan = True
            if present(r["realisasi"]):
                spent += r["realisasi"]
                if spent > whole:
                    issues.append(CellIssue("anggaran_triwulan", r[ROW], "realisasi",
                                            f'realisasi "{node}" s.d. {TRIWULAN[int(r["triwulan"])]} {year} '
                                            f"({fmt.rupiah(spent)}) melebihi pagu {year} ({fmt.rupiah(whole)}, dokumen {doc}); "
                                            "realisasi triwulan diisi per triwulan, bukan kumulatif"))
                    break
    return issues


def quarter_gaps(t: Tables) -> list[CellIssue]:
    """A quarter left out of a series that is added up (per_triwulan realisasi, spending per quarter) makes
    every later figure to date unknown (`domain.triwulan.first_after_gap`): the page says "belum dapat
    dihitung" from there on. The operator is told which quarter to fill in, at the first row after it."""
    issues = []
    acc = dict(zip(t["indikator"]["id"], t["indikator"]["akumulasi"]))
    real = t["realisasi_triwulan"]
    for (i, y), part in real.groupby(["indikator", "tahun"], sort=True):
        if acc.get(i) != PER_TRIWULAN:
            continue
        given = part[part["nilai"].map(present) & (part["status"] != "tidak_ada")]
        if (gap := first_after_gap(_by_quarter(given))) is not None:
            q, missing = gap
            issues.append(CellIssue("realisasi_triwulan", int(given.loc[given["triwulan"] == q, ROW].iloc[0]), "triwulan",
                                    f'indikator "{i}" dijumlahkan per triwulan, tetapi realisasi {named_quarters(missing)} '
                                    f"{y} belum ada: realisasi s.d. {TRIWULAN[q]} dan sesudahnya tidak dapat dihitung "
                                    f"(halaman menulis \"belum dapat dihitung\"). Isi realisasi {named_quarters(missing)} "
                                    "di realisasi_triwulan.csv", PERINGATAN))
    budget = t["anggaran_triwulan"]
    for (node, y), part in budget.groupby(["node", "tahun"], sort=True):
        given = part[part["realisasi"].map(present)]
        if (gap := first_after_gap(_by_quarter(given))) is not None:
            q, missing = gap
            issues.append(CellIssue("anggaran_triwulan", int(given.loc[given["triwulan"] == q, ROW].iloc[0]), "triwulan",
                                    f'realisasi anggaran "{node}" {named_quarters(missing)} {y} belum ada: realisasi dan '
                                    f"serapan s.d. {TRIWULAN[q]} dan sesudahnya tidak dapat dihitung (tidak pernah "
                                    f"dianggap 0). Isi realisasi {named_quarters(missing)} di anggaran_triwulan.csv",
                                    PERINGATAN))
    return issues


def quarter_partly_reported(t: Tables) -> list[CellIssue]:
    """The report year stands at the latest quarter any figure reports (`reported_up_to`, as the Progres page
    takes it); an indicator with a target for that quarter and no realisasi for it is counted there as not yet
    reported. An operator entering a quarter is told which are left: once, at the first such target row, with
    how many and which (a status tidak_ada counts as reported: the figure is known not to exist). Only while
    the year runs (no Laporan Kinerja yet): a closed year is read from its annual realisasi."""
    year = t.settings.tahun_laporan
    running = year is not None and t.settings.dokumen_laporan is None
    quarter = reported_up_to(t["realisasi_triwulan"], t["anggaran_triwulan"], year) if running else None
    if quarter is None:
        return []
    targets = t["target_triwulan"]
    planned = targets[(targets["tahun"] == year) & (targets["triwulan"] == quarter)].sort_values(ROW)
    real = t["realisasi_triwulan"]
    mine = real[(real["tahun"] == year) & (real["triwulan"] == quarter)]
    known = set(mine.loc[mine["nilai"].map(present) | (mine["status"] == "tidak_ada"), "indikator"])
    left = planned[~planned["indikator"].isin(known)].drop_duplicates("indikator")
    if left.empty:
        return []
    ids = list(left["indikator"])
    total = planned["indikator"].nunique()
    others = f" dan {len(ids) - 1} indikator lain ({', '.join(ids[1:6])}{', …' if len(ids) > 6 else ''})" if len(ids) > 1 else ""
    name = TRIWULAN[quarter]
    return [CellIssue("target_triwulan", int(left[ROW].iloc[0]), "indikator",
                      f"realisasi {name} {year} sudah ada untuk {total - len(ids)} dari {total} indikator yang bertarget "
                      f'{name}, tetapi belum untuk "{ids[0]}"{others}: halaman Progres menghitung tahun ini s.d. {name} '
                      f"dan mencatatnya belum dilaporkan. Isi realisasi {name}-nya di realisasi_triwulan.csv (status "
                      "tidak_ada bila memang tidak diukur)", PERINGATAN)]


def total_spending(t: Tables) -> list[CellIssue]:
    """The agency's total of a year's spending is the line `domain.anggaran.total_parts` picks among the nodes
    with a pagu or spending that year, as compute.triwulan takes it: a plan prints the agency's pagu on its
    tujuan line. When that line reports no spending of its own while lines beneath it do, the agency's
    spending and serapan to date cannot be computed (they are not added up from below: whether every line
    beneath reported is not known), and the pages say so. A warning at the first such row beneath."""
    issues = []
    aq = t["anggaran_triwulan"]
    if aq.empty:
        return issues
    parent = dict(zip(t["node"]["id"], t["node"]["induk"]))
    tier = dict(zip(t["node"]["id"], t["node"]["tingkat"]))
    pagu = year_pagu(t["anggaran"].sort_values(ROW), t["dokumen"])
    spent = aq[aq["realisasi"].map(present)].sort_values(ROW)

    for year, part in spent.groupby("tahun", sort=True):
        reporting = set(part["node"])
        lines = sorted(reporting | {n for n, y in pagu if y == int(year)})
        for top in total_parts(lines, parent, tier)[0]:
            if top in reporting:
                continue
            below = part[part["node"].map(lambda n, top=top: n != top and is_under(parent, n, top))]
            if len(below):
                first, others = below.iloc[0], below["node"].nunique() - 1
                issues.append(CellIssue(
                    "anggaran_triwulan", int(first[ROW]), "node",
                    f'realisasi anggaran {year} dilaporkan untuk "{first["node"]}"'
                    + (f" dan {others} baris lain" if others else "") + f' di bawah "{top}", tetapi tidak untuk "{top}" '
                    "sendiri, yang menjadi jumlah anggaran instansi: realisasi dan serapan instansi s.d. triwulan tidak "
                    "dapat dihitung (tidak dijumlahkan dari baris di bawahnya, karena tidak diketahui apakah semuanya "
                    f'sudah melapor). Isi realisasi "{top}" per triwulan di anggaran_triwulan.csv', PERINGATAN))
    return issues


def _by_quarter(rows) -> list[bool]:
    """Is each quarter (TW I-IV) among these rows?"""
    have = set(rows["triwulan"].astype(int))
    return [q in have for q in TRIWULAN]


RULES = [report_year, archive_years, quarterly_targets, quarterly_realisasi, accumulation, quarterly_budget, quarter_gaps,
         quarter_partly_reported, total_spending]
