"""The shape of the performance tree (tujuan → sasaran → program → kegiatan → sub kegiatan) and of
the jenis-belanja breakdown: parents, children and ancestors, shared by validation, computation and
the pages."""
from __future__ import annotations

import re

import pandas as pd

from generator.domain.values import row_dicts

LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


def ancestors(node: pd.DataFrame, level: str) -> dict[str, str]:
    """For every node, its ancestor (or itself) at `level`, e.g. the sasaran a programme serves."""
    parent = dict(zip(node["id"], node["induk"]))
    tier = dict(zip(node["id"], node["tingkat"]))
    out = {}
    for nid in node["id"]:
        current, seen = nid, set()
        while isinstance(current, str) and tier.get(current) != level and current not in seen:
            seen.add(current)
            current = parent.get(current)
        if isinstance(current, str) and tier.get(current) == level:
            out[nid] = current
    return out


def belanja_tree(belanja: pd.DataFrame) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Jenis-belanja rows by id, and each parent's child rows (the `induk` links within one table)."""
    rows = {r["id"]: r for r in row_dicts(belanja)}
    children: dict[str, list[dict]] = {}
    for r in rows.values():
        if isinstance(r["induk"], str) and r["induk"] in rows:
            children.setdefault(r["induk"], []).append(r)
    return rows, children


def is_under(parent: dict, nid: str, ancestor: str) -> bool:
    """Whether `ancestor` is `nid` or one of its ancestors (`parent`: id → parent id); cycles end the walk."""
    current, seen = nid, set()
    while isinstance(current, str) and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = parent.get(current)
    return False


def line_above(parent: dict, nid: str, lines) -> str | None:
    """The nearest node above `nid` (`parent`: id → parent id) that has a line among `lines` (ids of one
    document's budget lines), or None: a line with none above it is one of the document's top lines, which
    together make the agency's total when the document prints no line for it."""
    current, seen = parent.get(nid), {nid}
    while isinstance(current, str) and current not in seen:
        if current in lines:
            return current
        seen.add(current)
        current = parent.get(current)
    return None


def line_children(parent: dict, lines) -> dict[str, list[str]]:
    """Each of one document's budget lines (node ids `lines`) with the lines just under it: those whose
    nearest line above (`line_above`) it is, a level left out between them or not. A parent's pagu is
    checked against, and rolled up from, these (a programme line under a sasaran without its own line is
    the tujuan's part, not nobody's)."""
    members = set(lines)
    out: dict[str, list[str]] = {}
    for nid in lines:
        above = line_above(parent, nid, members)
        if above is not None:
            out.setdefault(above, []).append(nid)
    return out


def code_key(code: str) -> tuple:
    """Natural order of codes: A.2 before A.10, 1.1.2 before 1.1.10, 2.16.01 before 2.16.02; codeless last."""
    if not code:
        return ((1,),)
    return ((0,),) + tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", code) if p)
