"""How a data table reads on a phone: a table with many columns cannot fit 343 px without cutting a
number, so below the theme's phone breakpoint each row becomes a card of `label: value` lines
(theme/assets/stylesheets/kinerja.css, `table[data-tata="kartu"]`); a table with few columns stays a
table and wraps. The one rule for every table: Markdown tables (`publish.markdown_tabel`), chart data
tables (`render.charts`) and the HTML tables of templates.
"""
from __future__ import annotations

from markupsafe import Markup

CARD_MIN_COLUMNS = 4  # from this many columns a row becomes a card on phones


def layout(columns: int) -> Markup:
    """The attribute a table of `columns` columns carries (with its leading space), or nothing."""
    return Markup(' data-tata="kartu"') if columns >= CARD_MIN_COLUMNS else Markup("")
