"""Geometry of the drawn performance tree: where each box, line of text, connector and tier band goes.

Two drawings of one model (`compute.pohon.tree_frames`), both static SVG made at build time, the markup in
`templates/_pohon_gambar.svg.j2`:

- `wide`: the picture agencies draw, top to bottom in tiers (tujuan, sasaran, sasaran program, sasaran
  kegiatan, sasaran sub kegiatan), each tier labelled with the PK level that owns it. A node whose children
  are all leaves gets them stacked under it in one column, so the width grows with the number of such
  groups, not with the number of sub kegiatan; for screens it scrolls sideways, for paper it fits a page.
- `narrow`: the same tree for a phone, one box per row, indented by depth, no wider than a 375 px screen.

SVG has no line wrapping, so text is wrapped here, by an estimate of its width in the page's sans-serif
font (Helvetica/Arial metrics, with a margin): a line never runs out of its box. Pure: numbers in, numbers out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Advance widths of Helvetica/Arial (Liberation Sans) in 1/1000 em; other characters count as "o".
_WIDTH = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191, "(": 333, ")": 333, "*": 389,
    "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556,
    "@": 1015, "[": 278, "]": 278, "_": 556, "|": 260, "×": 584, "–": 556, "—": 1000, "·": 278, "→": 1000,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722, "I": 278, "J": 500, "K": 667,
    "L": 556, "M": 833, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667,
    "W": 944, "X": 667, "Y": 667, "Z": 611,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556, "i": 222, "j": 222, "k": 500,
    "l": 222, "m": 833, "n": 556, "o": 556, "p": 556, "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500,
    "w": 722, "x": 500, "y": 500, "z": 500,
}
MARGIN = {"normal": 1.07, "tebal": 1.13}  # bold is wider; other fonts (Roboto, San Francisco) run a little wider


def _units(text: str) -> int:
    """Advance width of `text` in 1/1000 em, before the font size and the margin."""
    return sum(_WIDTH.get(ch, 556 if ord(ch) < 256 else 1000) for ch in text)


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Estimated width in px of `text` at font size `size`."""
    return _px(_units(text), size, weight)


def _px(units: int, size: float, weight: str) -> float:
    return units * size / 1000 * MARGIN[weight]


def wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """Words into lines no wider than `width`; a word longer than a line is cut where it must be (one letter
    a line where none fits). Widths are added up as the words come, in whole units, so each letter is
    measured once: measuring every candidate line again took minutes for a name of 250.000 letters."""
    lines: list[str] = []
    current, used = "", 0  # the line being filled and its width in units
    space = _units(" ")
    for word in str(text).split():
        units = _units(word)
        if _px(used + space + units if current else units, size, weight) <= width:
            current, used = (f"{current} {word}", used + space + units) if current else (word, units)
            continue
        if current:
            lines.append(current)
        current, used = "", 0
        for ch in word:  # the word alone does not fit either: as many letters a line as fit
            units = _units(ch)
            if current and _px(used + units, size, weight) > width:
                lines.append(current)
                current, used = "", 0
            current, used = current + ch, used + units
    if current:
        lines.append(current)
    return lines or [""]


@dataclass(frozen=True)
class Style:
    size: float
    weight: str = "normal"
    italic: bool = False
    cls: str = ""


STYLES = {
    "jenis": Style(10.5, "tebal", cls="pohon-g-jenis"),
    "nama": Style(12.5, "tebal", cls="pohon-g-nama"),
    "indikator": Style(11.5, italic=True, cls="pohon-g-indikator"),
    "status": Style(11.5, "tebal", cls="pohon-g-status"),
    "jabatan": Style(11, cls="pohon-g-jabatan"),
}
LINE = 1.3  # line height, in em
PAD = 8.0


@dataclass
class Box:
    """A node to draw: its parent, its tier (0 = top), its text parts [(style key, text)], its CSS classes."""

    id: str
    parent: str | None
    row: int
    parts: list[tuple[str, str]]
    cls: str = ""
    lintas: bool = False
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    lines: list[dict] = field(default_factory=list)


def _set_text(box: Box, width: float) -> None:
    """Wrap the box's parts to `width` and size the box."""
    box.w = width
    inner = width - 2 * PAD
    y = PAD
    box.lines = []
    for key, text in box.parts:
        style = STYLES[key]
        for line in wrap(text, inner, style.size, style.weight):
            y += style.size * LINE
            box.lines.append({"dx": PAD, "dy": y - style.size * 0.3, "teks": line, "kelas": style.cls})
    box.h = y + PAD


def _children(boxes: list[Box]) -> dict[str | None, list[Box]]:
    ids = {b.id for b in boxes}
    out: dict[str | None, list[Box]] = {}
    for b in boxes:
        out.setdefault(b.parent if b.parent in ids else None, []).append(b)
    return out


def _preorder(roots: list[Box], kids: dict[str | None, list[Box]], stacked: dict[str, list[Box]]) -> list[Box]:
    """Every box reachable from `roots`, each after its parent, a stack's boxes in their stacked order.
    A loop, which validation refuses, is walked once."""
    out: list[Box] = []
    seen: set[str] = set()
    todo = list(reversed(roots))
    while todo:
        b = todo.pop()
        if b.id in seen:
            continue
        seen.add(b.id)
        out.append(b)
        todo.extend(reversed(stacked.get(b.id) or kids.get(b.id, [])))
    return out


def wide(boxes: list[Box], bands: dict[int, list[str]], box_width: float = 196, gap: float = 18,
         row_gap: float = 34, label_width: float = 124) -> dict:
    """The top-down drawing. `bands`: tier → its label lines. Returns the template's geometry.

    A box is drawn in its tier's band, below its parent: a box whose tier is its parent's or above it (a
    kondisi operasional under another, a component printed out of order) goes into its parent's band,
    under the parent, instead of onto it."""
    kids = _children(boxes)
    indent = 14.0
    columns = 0
    stacked: dict[str, list[Box]] = {}

    def place(b: Box) -> None:
        nonlocal columns
        mine = kids.get(b.id, [])
        if not mine:
            b.x = columns
            columns += 1
        elif all(not kids.get(k.id) for k in mine):
            b.x = columns
            stacked[b.id] = sorted(mine, key=lambda k: k.row)
            for k in mine:
                k.x = columns
            columns += 1
        else:
            for k in mine:
                place(k)
            b.x = mine[0].x  # above its first child: the top of the tree is in view before any scrolling

    for root in kids.get(None, []):
        place(root)
    in_stack = {k.id: parent for parent, ks in stacked.items() for k in ks}
    pitch = box_width + gap
    for b in boxes:
        _set_text(b, box_width - (indent if b.id in in_stack else 0))
        b.x = label_width + gap + b.x * pitch + (indent if b.id in in_stack else 0)
    by_id = {b.id: b for b in boxes}
    order = _preorder(kids.get(None, []), kids, stacked)
    reached = {b.id for b in order}
    order += [b for b in boxes if b.id not in reached]  # in a loop (refused by validation): drawn in their tier
    band: dict[str, int] = {}  # the band each box is drawn in: its tier, or its parent's band when lower
    for b in order:
        band[b.id] = max(b.row, band.get(b.parent, b.row))
    # bands top to bottom; in a band, each box below its parent when the parent is in the band too, and a
    # stack continues below its previous box
    top, band_out = row_gap / 2 + 4, []
    for r in sorted(set(band.values())):
        bottom = top
        for b in order:
            if band[b.id] != r:
                continue
            b.y = top
            parent = by_id.get(b.parent)
            stack = in_stack.get(b.id)
            if stack is not None:
                siblings = stacked[stack]
                before = siblings[:siblings.index(b)]
                b.y = max([top] + [s.y + s.h + 10 for s in before if band[s.id] <= r])
            if parent is not None and band[parent.id] == r:
                b.y = max(b.y, parent.y + parent.h + (10 if stack is not None else row_gap))
            bottom = max(bottom, b.y + b.h)
        label = [line for part in bands.get(r, []) for line in wrap(part, label_width - 14, 12, "tebal")]
        bottom = max(bottom, top + 14 * len(label))
        band_out.append({"y": top - row_gap / 2 + 4, "h": bottom - top + row_gap - 8,
                         "label": [{"teks": t, "dy": row_gap / 2 + 10 + 14 * n} for n, t in enumerate(label)]})
        top = bottom + row_gap
    links = []
    for b in boxes:
        parent = by_id.get(b.parent) if b.parent else None
        if parent is None:
            continue
        if b.id in in_stack:
            spine = parent.x + indent / 2
            links.append(f"M{spine:.1f} {parent.y + parent.h:.1f} V{b.y + 14:.1f} H{b.x:.1f}")
        else:
            px, py = parent.x + parent.w / 2, parent.y + parent.h
            cx = b.x + b.w / 2
            mid = b.y - row_gap / 2
            links.append(f"M{px:.1f} {py:.1f} V{mid:.1f} H{cx:.1f} V{b.y:.1f}")
    width = label_width + gap + max(columns, 1) * pitch
    return {"lebar": round(width), "tinggi": round(top - row_gap / 2 + 4), "pita": band_out,
            "kotak": [_out(b) for b in boxes], "garis": links, "label_lebar": label_width}


def narrow(boxes: list[Box], labels: dict[str, str], width: float = 340, indent: float = 14,
           narrowest: float = 180) -> dict:
    """The phone drawing: depth-first, one box per row, indented by depth, every box labelled with its tier.
    Indented no further than leaves a box `narrowest` wide: a deep tree's boxes (20 levels of kondisi) were
    left no width at all, and their text was wrapped into ever more empty lines until memory ran out."""
    deepest = int((width - narrowest) // indent)
    kids = _children(boxes)
    order: list[tuple[Box, int]] = []

    def walk(b: Box, depth: int) -> None:
        order.append((b, depth))
        for k in kids.get(b.id, []):
            walk(k, depth + 1)

    for root in kids.get(None, []):
        walk(root, 0)
    by_id = {b.id: b for b in boxes}
    y, links, placed = 4.0, [], []
    for b, depth in order:
        label = labels.get(b.id)
        copy = Box(b.id, b.parent, b.row, ([("jenis", label)] if label else []) + b.parts, b.cls, b.lintas)
        copy.x = 1 + min(depth, deepest) * indent
        _set_text(copy, width - copy.x - 1)
        copy.y = y
        y += copy.h + 10
        placed.append(copy)
    position = {b.id: b for b in placed}
    for b in placed:
        parent = position.get(b.parent) if b.parent in by_id else None
        if parent is not None:
            spine = parent.x + indent / 2
            links.append(f"M{spine:.1f} {parent.y + parent.h:.1f} V{b.y + 14:.1f} H{b.x:.1f}")
    return {"lebar": round(width), "tinggi": round(y), "pita": [], "kotak": [_out(b) for b in placed], "garis": links,
            "label_lebar": 0}


def _out(b: Box) -> dict:
    return {"id": b.id, "x": round(b.x, 1), "y": round(b.y, 1), "w": round(b.w, 1), "h": round(b.h, 1),
            "kelas": b.cls, "lintas": b.lintas,
            "baris": [{"x": round(b.x + ln["dx"], 1), "y": round(b.y + ln["dy"], 1), "teks": ln["teks"],
                       "kelas": ln["kelas"]} for ln in b.lines]}
