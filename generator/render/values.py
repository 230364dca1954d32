"""A target, realisasi or class as a reader sees it: '81%', '4,16', 'Level 2', 'Informatif (90)', and the
status colour of a class. Classification itself is `compute.scales.Scale.classify`'s (one rule)."""
from __future__ import annotations

import re

from markupsafe import Markup

from generator import fmt
from generator.compute.scales import Scale
from generator.domain.sakip import CLASS_KINDS
from generator.domain.values import decimals, has_number, present
from generator.render.words import BELUM_TERSEDIA, is_percent

PALETTE = ["AA", "A", "BB", "B", "CC", "C", "D"]  # the theme's status colours, best to worst


def printed_decimals(label, value=None) -> int | None:
    """Decimal places of the number as the document printed it ('3,50 (nilai)' -> 2; '91.00', a decimal
    point in the report's own typography, -> 2; '2.499,9' -> 1), else None (`domain.values.decimals`)."""
    return decimals(label, value) if present(label) and has_number(str(label)) else None


def widest_label(labels) -> str | None:
    """Of the printed labels of one series (an indicator's quarters), the one with the most decimals: a
    figure made from the series (a sum to date) is shown with as many decimals as the series was given with
    ('83,70' stays '83,70', not '83,7'), on the Progres page and the indicator's page alike."""
    printed = [lb for lb in labels if present(lb)]
    return max(printed, key=lambda lb: printed_decimals(lb) or 0) if printed else None


def series_label(ind: dict, labels) -> str | None:
    """The label a figure made from `ind`'s quarters (a figure to date) is shown with (`widest_label`). None for
    a level, yes/no or category indicator: its figure is named by its own class on its scale, never by a label
    printed for one quarter (a TW II label "Level III" named a realisasi to date of 2 "Level III")."""
    if ind["jenis_target"] in CLASS_KINDS:
        return None
    return widest_label(labels)


def _label(scales: dict[str, Scale], scale_id, value) -> str | None:
    scale = scales.get(scale_id) if present(scale_id) else None
    kelas = scale.classify(value) if scale is not None else None
    return kelas.label if kelas else None


def quarter_value(scales: dict[str, Scale], ind: dict, value, label=None) -> str:
    """A quarterly figure (a Rencana Aksi target, a quarter's realisasi) as shown: the printed label where
    there is one, else the number, else a dash (a quarter the plan leaves empty is no missing data)."""
    if present(label) and str(label).strip():
        return str(label)
    return show_value(scales, ind, value) if present(value) else "–"


def show_value(scales: dict[str, Scale], ind: dict, value, label=None) -> str:
    """A target or realisasi as a citizen reads it. Levels and categories keep the label the document
    printed ('Level 2', 'Level III'), since that is what the reader will find in the signed document."""
    if not present(value):
        return BELUM_TERSEDIA
    kind = ind["jenis_target"]
    if kind in CLASS_KINDS and present(label) and str(label).strip():
        return str(label)
    if kind in ("level", "ya_tidak"):
        return _label(scales, ind["skala"], value) or fmt.angka(value, None)
    if kind == "kategori":
        name = _label(scales, ind["skala"], value)
        return f"{name} ({fmt.angka(value, None)})" if name else fmt.angka(value, None)
    number = fmt.angka(value, printed_decimals(label, value))
    return f"{number}%" if is_percent(ind["satuan"]) else number


def target_text(scales: dict[str, Scale], ind: dict, value, label, upper=None) -> str:
    """A target as shown; a range target (jenis rentang) as 'low – high', both ends with the decimals of the
    more precise one: the printed '81,50%–83,50%' reads '81,50% – 83,50%', not '81,50% – 83,5%'."""
    if ind["jenis_target"] != "rentang" or not present(upper) or not present(value):
        return show_value(scales, ind, value, label)
    lower = printed_decimals(label, value)
    places = max(fmt.own_decimals(value) if lower is None else lower, fmt.own_decimals(upper))
    low, high = fmt.angka(value, places), fmt.angka(upper, places)
    return f"{low}% – {high}%" if is_percent(ind["satuan"]) else f"{low} – {high}"


def same_text(printed, shown: str) -> bool:
    """Whether the printed label says what the page shows, ignoring spaces, the kind of dash, and a decimal
    point where the page writes a decimal comma ('91.00' is '91,00')."""
    def norm(x):
        text = str(x).replace("–", "-").replace(" ", "")
        return re.sub(r"^(-?\d+)\.(\d{1,2})(%?)$", r"\1,\2\3", text)
    return norm(printed) == norm(shown)


def status_class(scale: Scale | None, code) -> Markup:
    """CSS class of a class's status colour: its rank on its own scale mapped onto the theme's 7-step
    palette, so capaian categories (AA…D) and IKM mutu (A…D) share one colour language."""
    if scale is None or not present(code):
        return Markup("")
    ranks = [c["kode"] for c in scale.classes]
    if code not in ranks:
        return Markup("")
    position = ranks.index(code) / max(len(ranks) - 1, 1)
    return Markup(f"kt-kategori--{PALETTE[round(position * (len(PALETTE) - 1))]}")
