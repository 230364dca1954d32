"""Indexes of the tables and results that the pages read again and again, and the few readings built
on them (a node's code and label, a document's title, an indicator's status in a year). Every figure
comes from the computed results: nothing here computes a capaian or an average."""
from __future__ import annotations

import re

from generator.compute.capaian import over_cap
from generator.compute.targets import end_targets
from generator.compute.anggaran import TOTAL_ID
from generator.compute.triwulan import budget_gap, budget_quarter, budget_to_date
from generator.domain.tree import LEVELS, ancestors, code_key, is_under, line_above
from generator.domain.triwulan import TRIWULAN
from generator.domain.values import present, row_dicts
from generator.render.context import PageContext, PerPackage
from generator.render.values import quarter_value, show_value, target_text
from generator.render.words import JENIS_DOKUMEN, TINGKAT, budget_unknown, capped_text


# "LKjIP 2025 Tabel 3.15 No. 2a": the report's table, and the row within it.
SOURCE_TABLE = re.compile(r"^(.*?\bTabel\s+\d+(?:\.\d+)*)\s*(.*)$")


def _by(frame, column: str) -> dict[object, list[dict]]:
    """The records of `frame` grouped by `column`, in the frame's order."""
    out: dict[object, list[dict]] = {}
    for r in row_dicts(frame):
        out.setdefault(r[column], []).append(r)
    return out


class Lookup(PerPackage):
    """Built once per package (`PerPackage`): every page module asks for `Lookup(ctx)` and gets the same
    indexes (building them converts whole tables to records, ~25 ms a time)."""

    def _build(self, ctx: PageContext) -> None:
        t, res = ctx.t, ctx.res
        self.t, self.res, self.year = t, res, ctx.year
        self.scales = res.scales
        self.nodes = {r["id"]: r for r in row_dicts(t["node"])}
        self.docs = {r["id"]: r for r in row_dicts(t["dokumen"])}
        self.replaced_by = {r["menggantikan"]: r["id"] for r in self.docs.values() if present(r["menggantikan"])}
        self.units = {r["id"]: r for r in row_dicts(t["unit_kerja"])}
        self.indicators = row_dicts(t["indikator"])
        self.by_id = {r["id"]: r for r in self.indicators}
        self.sasaran_of = ancestors(t["node"], "sasaran")
        # the sasaran some indicator serves: another one is not waiting for data, it has no indicator yet
        self.served = {self.sasaran_of.get(i["node"]) for i in self.indicators}
        cap = res.capaian
        self.chosen = {(r["indikator"], r["tahun"]): r for r in row_dicts(cap[cap["dipilih"]])}
        self.capaian_rows = {(r["indikator"], r["tahun"], r["dokumen"]): r for r in row_dicts(cap)}
        real = res.realisasi  # the package's realisasi and the composites' computed ones
        self.real = {(r["indikator"], r["tahun"]): r for r in row_dicts(real)}
        self.sasaran_pages = {nid for nid, n in self.nodes.items() if n["tingkat"] == "sasaran"}
        self.averages = {(r["node"], r["tahun"]): r for r in row_dicts(res.simpul)}
        self.targets: dict[str, list[dict]] = {}
        for r in row_dicts(t["target"]):
            self.targets.setdefault(r["indikator"], []).append(r)
        self.end = end_targets(t["target"], t["dokumen"])  # the one Renstra end target per indicator
        self.realisations: dict[str, list[dict]] = {}
        for r in row_dicts(real.sort_values("tahun", kind="stable")):
            self.realisations.setdefault(r["indikator"], []).append(r)
        # The rows each indicator page reads, by indicator: filtering the whole table once per page costs
        # a millisecond or more a time, and a kabupaten portal has thousands of indicator pages.
        self.msind = _by(res.msind, "kode_indikator")
        self.components = _by(t["komponen_indikator"], "indikator")
        self.part_of = _by(t["komponen_indikator"], "komponen")
        self.owners = _by(res.pohon_indikator, "indikator")
        quarters = res.triwulan
        self.quarters = _by(quarters.sort_values("triwulan", kind="stable"), "indikator") if quarters is not None else {}
        self.order = t.settings.urutan_dokumen_target
        self.running = bool(ctx.common.get("berjalan"))  # the report year has no Laporan Kinerja yet
        # While the year runs: each node's pagu of the year and its spending to the latest quarter with spending.
        self.budget_quarter = budget_quarter(res.anggaran_triwulan, ctx.year) if self.running else None
        self.to_date = {r["id"]: r for r in row_dicts(budget_to_date(res.anggaran_triwulan, res.pagu_tahun, ctx.year,
                                                           self.budget_quarter))} if self.running else {}

    def running_budget(self, nodes: list[dict], labels: list[str], named: tuple[str, ...] = ()) -> dict | None:
        """While the year runs: the rows of a budget table of `nodes` (shown as `labels`), each node's pagu
        of the year as planned, the document it comes from, and its spending and serapan to the budget's
        latest quarter (`to_date`); the quarter's name (None before any spending); the documents' titles;
        whether they differ between rows (`per_baris`: then each row names its own), counting documents
        the page names elsewhere (`named`). None when the package has no such figure for any node."""
        rows = []
        for node, label in zip(nodes, labels):
            got = self.to_date.get(node["id"]) or {}
            doc = got.get("dokumen_pagu")
            rows.append({"nama": label, "pagu": got.get("pagu"), "realisasi_sd": got.get("realisasi_sd"),
                         "serapan_sd": got.get("serapan_sd"), "dokumen_pagu": doc,
                         "dokumen_nama": self.docs[doc]["judul"] if doc in self.docs else None})
        if not any(r["pagu"] is not None or r["realisasi_sd"] is not None for r in rows):
            return None
        docs = list(dict.fromkeys([*named, *(r["dokumen_pagu"] for r in rows if r["dokumen_pagu"])]))
        spent = any(r["realisasi_sd"] is not None for r in rows)
        return {"baris": rows, "triwulan": TRIWULAN[self.budget_quarter] if spent and self.budget_quarter else None,
                "dokumen": [self.docs[d]["judul"] for d in docs if d in self.docs], "per_baris": len(docs) > 1}

    def total_to_date(self) -> dict:
        """While the year runs, the agency's own line of `to_date`: the sum (`TOTAL_ID`) or its one tujuan; a
        row of Nones when the package has neither."""
        return self.to_date.get(TOTAL_ID) or next(
            (self.to_date[nid] for nid in sorted(self.to_date) if self.nodes.get(nid, {}).get("tingkat") == "tujuan"),
            {"id": None, "pagu": None, "dokumen_pagu": None, "realisasi_sd": None, "serapan_sd": None, "dijumlah": None})

    def spending_unknown(self, node: str | None) -> str | None:
        """While the year runs, why `node` has no spending to the budget's latest quarter (`to_date`), said as
        the Progres page says it; None when its figure is known or no quarter has spending yet."""
        row = self.to_date.get(node) or {}
        if not self.budget_quarter or node is None or row.get("realisasi_sd") is not None:
            return None
        missing = budget_gap(self.res.anggaran_triwulan, node, self.year, self.budget_quarter)
        below = None
        if len(missing) == self.budget_quarter:  # nothing of its own: did lines beneath it report (rules_triwulan)?
            parent = {nid: n["induk"] for nid, n in self.nodes.items()}
            tiers = [self.nodes[n]["tingkat"] for n, r in self.to_date.items() if r.get("realisasi_sd") is not None
                     and n in self.nodes and n != node and is_under(parent, n, node)]
            below = min(tiers, key=LEVELS.index).replace("_", " ") if tiers else None
        return budget_unknown(missing, row.get("dijumlah"), below)

    def value(self, ind: dict, value, label=None) -> str:
        return show_value(self.scales, ind, value, label)

    def target(self, ind: dict, row: dict) -> str:
        """A target row as shown: a range target (jenis rentang) with its upper bound."""
        return target_text(self.scales, ind, row["nilai"], row["label"], row.get("batas_atas"))

    def applied(self, ind: dict, row: dict) -> str:
        """The target of a capaian row (its `target`, `target_label`, `batas_atas`) as shown, as `target`."""
        return target_text(self.scales, ind, row["target"], row["target_label"], row.get("batas_atas"))

    def quarter(self, ind: dict, value, label=None) -> str:
        return quarter_value(self.scales, ind, value, label)

    def node_code(self, node: dict) -> str:
        """The code a reader finds in the report: the number of a tujuan/sasaran (1.1.1), the letter code
        of the report's budget table for the others (A.1), else whichever code the node has."""
        keys = ("nomor", "kode", "kode_laporan") if node["tingkat"] in ("tujuan", "sasaran") else \
            ("kode_laporan", "kode", "nomor")
        for key in keys:
            if present(node.get(key)) and str(node[key]).strip():
                return str(node[key])
        return ""

    def node_label(self, node: dict) -> str:
        code = self.node_code(node)
        return f"{TINGKAT.get(node['tingkat'], node['tingkat'])} {code}".strip()

    def doc_title(self, doc_id) -> str:
        doc = self.docs.get(doc_id)
        if not doc:
            return str(doc_id)
        kind = JENIS_DOKUMEN.get(doc["jenis"])
        return f"{doc['judul']} ({kind})" if kind and kind.lower() not in doc["judul"].lower() else doc["judul"]

    def status(self, ind: dict, year: int) -> dict:
        """An indicator in a year, as the tree and lists show it: target, realisasi, capaian, kategori."""
        tg, rl = self.chosen.get((ind["id"], year)), self.real.get((ind["id"], year))
        has_cap = tg is not None and present(tg["capaian"])
        return {
            "target": self.applied(ind, tg) if tg else None,
            "realisasi": self.value(ind, rl["nilai"], rl["label"]) if rl and present(rl["nilai"]) else None,
            "status": rl["status"] if rl else "tidak_ada",
            "capaian": float(tg["capaian"]) if has_cap else None,
            "kategori": tg["kategori"] if has_cap and present(tg["kategori"]) else None,
            "interpretasi": tg["interpretasi"] if has_cap and present(tg["interpretasi"]) else None,
            "tercapai": tg["tercapai"] if has_cap else None,
            "berlaku": bool(tg["berlaku"]) if tg else False,
            "ada_target": tg is not None,
        }

    def capped(self, year, node_id: str | None = None) -> str | None:
        """The words for the capaian the average of `node_id` in `year` (without one: the average over every
        IKU) counts at the package's cap instead of their own value; None when none is capped. The rows are
        those the averages take (`compute.capaian.node_averages`, `summary`)."""
        limit = self.t.settings.batas_capaian_rata_rata
        if limit is None:
            return None
        cap = self.res.capaian
        rows = cap[(cap["tahun"] == year) & cap["berlaku"]]
        rows = rows[rows["node"] == node_id] if node_id is not None else rows[rows["iku"] == True]  # noqa: E712
        over = over_cap(rows, limit)
        return capped_text(limit, [(self.by_id[i]["nama"] if i in self.by_id else i, c)
                                   for i, c in zip(over["indikator"], over["capaian"])])

    def node_average(self, node_id: str, year: int) -> dict | None:
        """The node's row of `compute.capaian.node_averages` for `year`, or None."""
        return self.averages.get((node_id, year))

    def report_code(self, node: dict | None, line: dict) -> str:
        """The code of the report's budget table (A.1), else the official code; as on the tree page."""
        if node is None:
            return str(line["kode"])
        for key in ("kode_laporan", "kode", "nomor"):
            if present(node.get(key)) and str(node[key]).strip():
                return str(node[key])
        return ""

    def budget_row(self, line: dict, level: str) -> dict:
        """A budget line as the Anggaran page and the LKjIP show it (report code, name, figures, and the
        difference from its parts' sum when the parts add up to another pagu)."""
        node = self.nodes.get(line["id"])
        differs = line["pagu_rincian"] is not None and present(line["pagu_rincian"]) and line["pagu_rincian"] != line["pagu"]
        return {"kode": self.report_code(node, line), "uraian": node["nama"] if node else line["uraian"], "tingkat": level,
                "pagu": line["pagu"], "realisasi": line["realisasi"], "serapan": line["serapan"], "silpa": line["silpa"],
                "pagu_rincian": line["pagu_rincian"] if differs else None,
                "selisih": abs(line["pagu"] - line["pagu_rincian"]) if differs else None}

    def programmes(self, lines: list[dict]) -> tuple[list[dict], list[dict]]:
        """Programmes with their kegiatan and sub kegiatan rows (`rincian`), each level in the natural order of
        its report codes (A, A.1, 1.); and the lines no programme holds. The Anggaran page and the LKjIP
        show the budget tree in this one order."""
        by_parent: dict[str, list[dict]] = {}  # under the nearest line above, as the roll-up adds them up
        parent_of = {nid: n["induk"] for nid, n in self.nodes.items()}
        ids = {line["id"] for line in lines}
        for line in lines:
            by_parent.setdefault(line_above(parent_of, line["id"], ids), []).append(line)

        def ordered(items):
            return sorted(items, key=lambda x: code_key(self.report_code(self.nodes.get(x["id"]), x)))

        placed, out = set(), []
        for prog in ordered([x for x in lines if x["tingkat"] == "program"]):
            rows = []
            for child in ordered([x for x in by_parent.get(prog["id"], []) if x["tingkat"] in ("kegiatan", "sub_kegiatan")]):
                rows.append(self.budget_row(child, child["tingkat"]))
                placed.add(child["id"])
                for sub in ordered([x for x in by_parent.get(child["id"], []) if x["tingkat"] == "sub_kegiatan"]):
                    rows.append(self.budget_row(sub, "sub_kegiatan"))
                    placed.add(sub["id"])
            placed.add(prog["id"])
            out.append({**self.budget_row(prog, "program"), "rincian": rows})
        rest = [self.budget_row(x, x["tingkat"]) for x in ordered(lines)
                if x["tingkat"] in ("kegiatan", "sub_kegiatan") and x["id"] not in placed]
        return out, rest

    def belanja_tables(self, year: int) -> list[dict]:
        """The jenis belanja lines of `year` in the package's order, each with its depth under its parent line
        (`kedalaman`), one table per source table of the report (a report may print the breakdown twice, not
        quite alike: each is shown as printed, under its source), with the serapan `budget_lines` computed.
        The Anggaran page and the LKjIP show the same tables."""
        lines = self.res.anggaran
        computed = {r["id"]: r for r in row_dicts(lines[lines["tingkat"] == "jenis_belanja"])}
        belanja = self.t["belanja"]
        rows = row_dicts(belanja[belanja["tahun"] == year])
        parent = {r["id"]: r["induk"] for r in rows}

        def up(rid) -> list:
            chain, p = [], parent.get(rid)
            while present(p) and p in parent and p not in chain and p != rid:
                chain.append(p)
                p = parent.get(p)
            return chain
        groups: dict[str, dict] = {}
        first_source = {}
        for r in rows:
            match = SOURCE_TABLE.match(str(r["sumber"] or ""))
            first_source.setdefault((up(r["id"]) or [r["id"]])[-1], match.group(1) if match else str(r["sumber"] or ""))
        for r in rows:
            chain = up(r["id"])
            source = first_source[(chain or [r["id"]])[-1]]
            match = SOURCE_TABLE.match(str(r["sumber"] or ""))
            groups.setdefault(source, {"sumber": source, "baris": []})["baris"].append(
                {"kedalaman": len(chain), "uraian": r["uraian"], "pagu": r["pagu"], "realisasi": r["realisasi"],
                 "serapan": computed.get(r["id"], {}).get("serapan"),
                 "rujukan": (match.group(2) if match and match.group(1) == source and match.group(2) else r["sumber"]) or "–"})
        return list(groups.values())
