"""How the tree model reads on the pages: labels of kinds and tiers, owners, levels and statuses in words.

The tree pages (`pages/pohon*.py`) share these readings of `Results.pohon` and `Results.pohon_indikator`
(computed once in `compute/pohon.py`); nothing here computes a figure."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator import contract, fmt
from generator.compute.pohon import KONDISI, NOMENKLATUR
from generator.domain import pohon as vocab
from generator.domain.values import present, row_dicts
from generator.render.context import PageContext, PerPackage
from generator.render.lookup import Lookup
from generator.render.words import JENIS_KONDISI, KOMPONEN, LEVEL, LINTAS, PEMILIK, TINGKAT

NAMA_POHON = {KONDISI: "Pohon kinerja (metode lima tahap)", NOMENKLATUR: "Pohon program dan anggaran"}


def _clean(value):
    return value if present(value) else None


PATH = "pohon.md"
PATH_NOMENKLATUR = "pohon/nomenklatur.md"


def nomenklatur_page(res) -> str:
    """The page that draws the program/kegiatan tree, where an indicator's node is found: the tree page,
    or its own page when a five-stage (kondisi) tree comes first."""
    return PATH_NOMENKLATUR if (res.pohon["pohon"] == KONDISI).any() else PATH


@dataclass
class Pohon:
    """One tree of the package: its nodes in table order, their children and indicators."""

    jenis: str
    nodes: list[dict]
    by_id: dict[str, dict] = field(default_factory=dict)
    children: dict[str | None, list[dict]] = field(default_factory=dict)
    indicators: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def nama(self) -> str:
        return NAMA_POHON[self.jenis]


class Bacaan(PerPackage):
    """The package's trees and the words for their values, built once per package (`PerPackage`): the
    five tree page modules ask for it and get the same one."""

    def _build(self, ctx: PageContext) -> None:
        self.ctx, self.lk = ctx, Lookup(ctx)
        self.settings = ctx.t.settings.pohon
        self.kinerja = contract.publishes_performance(ctx.t.descriptor)  # realisasi published: statuses exist
        self.kondisi = {r["id"]: r for r in row_dicts(ctx.t["kondisi"])}
        parts = vocab.composite_parts(row_dicts(ctx.t["komponen_indikator"]))
        self.rumus = {ind: vocab.formula(p) for ind, p in parts.items()}  # composite → '0,5 × a + 0,5 × b'
        self.simbol = {p["komponen"]: p["simbol"] for ps in parts.values() for p in ps if p["simbol"]}
        frame, indicators = ctx.res.pohon, ctx.res.pohon_indikator
        self.trees: list[Pohon] = []
        for kind in (KONDISI, NOMENKLATUR):
            nodes = [{k: _clean(v) for k, v in r.items()} for r in row_dicts(frame[frame["pohon"] == kind])]
            if not nodes:
                continue
            tree = Pohon(kind, nodes, {n["id"]: n for n in nodes})
            for n in nodes:
                tree.children.setdefault(n["induk"] if n["induk"] in tree.by_id else None, []).append(n)
            # the tree's own top first; a cross-cutting condition without a parent here (shared with other
            # agencies) after it, wherever the table lists it
            tree.children[None] = sorted(tree.children.get(None, []), key=lambda n: bool(n.get("lintas")))
            for i in row_dicts(indicators[indicators["pohon"] == kind]):
                tree.indicators.setdefault(i["simpul_pohon"], []).append({k: _clean(v) if not isinstance(v, tuple)
                                                                          else v for k, v in i.items()})
            self.trees.append(tree)

    @property
    def utama(self) -> Pohon | None:
        """The tree the portal draws first: the five-stage tree when the package has one."""
        return self.trees[0] if self.trees else None

    def tree(self, kind: str) -> Pohon | None:
        return next((t for t in self.trees if t.jenis == kind), None)

    # --- words ---------------------------------------------------------------------------------------

    def kind_label(self, tree: Pohon, node: dict) -> str:
        """'Kondisi antara', 'Faktor kunci keberhasilan (CSF)', 'Program A.1'; a condition the document does not
        label says so."""
        if tree.jenis == NOMENKLATUR:
            raw = self.lk.nodes.get(node["id"])
            return self.lk.node_label(raw) if raw else TINGKAT.get(node["jenis"], node["jenis"])
        if node["jenis"]:
            return JENIS_KONDISI[node["jenis"]]
        return "Kondisi lintas" if node["lintas"] else "Kondisi (jenis tidak tercetak)"

    def short_kind(self, tree: Pohon, node: dict) -> str:
        """The kind in the drawing: short, upper-case."""
        if tree.jenis == NOMENKLATUR:
            return TINGKAT.get(node["jenis"], node["jenis"]).upper()
        words = {"outcome": "OUTCOME", "csf": "CSF", "kondisi_antara_utama": "KONDISI ANTARA UTAMA",
                 "kondisi_antara": "KONDISI ANTARA", "kondisi_operasional": "KONDISI OPERASIONAL"}
        return words.get(node["jenis"], "KONDISI")

    def tier_label(self, row: int) -> list[str]:
        """A tier of the drawing: its planning component and the PK level the crosswalk puts there."""
        comp = vocab.KOMPONEN[row]
        j = self.settings.of("komponen", comp)
        owner = PEMILIK.get(j.pemilik[0]) if j and j.pemilik else None
        return [KOMPONEN[comp]] + ([owner] if owner else [])

    def level_text(self, level) -> str:
        return LEVEL.get(level, level) if level else "level tidak tercetak"

    def owner_text(self, owner, jabatan=None) -> str:
        if not owner:
            return "pemilik tidak tercatat"
        return PEMILIK[owner] + (f" ({jabatan})" if jabatan else "")

    def owner_note(self, node: dict) -> str | None:
        """When the owner differs from the level the crosswalk expects: said, not hidden."""
        owner, expected = node.get("pemilik"), node.get("pemilik_harapan")
        if not owner or not expected or owner == expected:
            return None
        higher = vocab.PEMILIK.index(owner) < vocab.PEMILIK.index(expected)
        return (f"ditandatangani jenjang di atas yang diharapkan peta jenjang ({PEMILIK[expected]})" if higher
                else f"jenjang di bawah yang diharapkan peta jenjang ({PEMILIK[expected]})")

    def levels_by_stage(self, ind: dict) -> str | None:
        """'Tahap 4: Kinerja operasional; Tahap 5: Kinerja taktikal immediate' when the stages disagree."""
        stated = [(tahap, lv) for tahap, lv in ind.get("level_tahap") or () if lv]
        if len({lv for _, lv in stated}) > 1:
            return "; ".join(f"Tahap {tahap}: {LEVEL[lv]}" for tahap, lv in stated)
        return None

    def lintas_text(self, node: dict) -> str | None:
        if not node.get("lintas"):
            return None
        return f"{LINTAS}" + (f"; mitra: {node['mitra']}" if node.get("mitra") else "; mitra belum disebut")

    def status(self, ind: dict) -> dict:
        """An indicator of the tree in the report year: {teks, kelas (status colour), ada} for pages and the drawing."""
        if not self.kinerja:
            return {"teks": None, "kategori": None, "ada": False}
        link = ind.get("indikator")
        if not link or link not in self.lk.by_id:
            return {"teks": "tidak terhubung ke indikator terukur", "kategori": None, "ada": False}
        s = self.lk.status(self.lk.by_id[link], self.lk.year)
        if s["capaian"] is not None:
            kat = f" ({s['kategori']})" if s["kategori"] else ""
            return {"teks": f"capaian {fmt.persen(s['capaian'])}{kat}", "kategori": s["kategori"], "ada": True}
        return {"teks": "capaian belum tersedia", "kategori": None, "ada": False}

    def node_status(self, node: dict) -> dict:
        """A node's capaian in the report year: the average over its active indicators that have one (the same
        words as the sasaran pages)."""
        if not self.kinerja:
            return {"teks": None, "kategori": None}
        mean, count = node.get("rata_rata"), int(node.get("indikator") or 0)
        if mean is not None and count == 1:
            return {"teks": f"capaian {fmt.persen(mean)}", "kategori": node.get("kategori")}
        if mean is not None:
            return {"teks": f"rata-rata capaian {fmt.persen(mean)} ({int(node['dengan_data'])} dari {count} indikator)",
                    "kategori": node.get("kategori")}
        if count:
            return {"teks": "capaian belum tersedia", "kategori": None}
        return {"teks": None, "kategori": None}

    def indicator_line(self, ind: dict) -> str:
        """An indicator as the drawing prints it: a composite with its formula, a component with its symbol."""
        link = ind.get("indikator")
        symbol = f" {self.simbol[link]}" if link in self.simbol else ""
        formula = f" = {self.rumus[link]}" if link in self.rumus else ""
        return f"Indikator{symbol}: {ind['nama']}{formula}"
