"""Navigation of a portal made of parts (catalog members under `<id>/`, archive years under `<year>/`):
a part's navigation with every path under its folder, and without the hand-written pages the root
already lists."""
from __future__ import annotations

from generator.render import HANDWRITTEN_NAV
from generator.render.pages import beranda


def prefix_nav(nav, prefix: str):
    handwritten = {path for entry in HANDWRITTEN_NAV for path in entry.values()}
    if isinstance(nav, list):
        return [e for e in (prefix_nav(item, prefix) for item in nav) if e is not None]
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            if isinstance(value, str) and value in handwritten:
                continue
            out[title] = prefix_nav(value, prefix)
        return out or None
    return f"{prefix}{nav}"


def part_nav(nav, prefix: str) -> list:
    """A part's navigation under `prefix` (a catalog member, an archive year), its home listed as the part's
    summary: the portal's own home is the one "Beranda"."""
    home = {beranda.NAV_TITLE: prefix + beranda.PATH}
    return [{beranda.MEMBER_NAV_TITLE: prefix + beranda.PATH} if entry == home else entry
            for entry in prefix_nav(nav, prefix)]
