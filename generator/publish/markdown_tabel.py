"""A Python-Markdown extension (named in mkdocs.yml) that makes every Markdown table readable on a phone.

Each data cell gets the name of its column (`data-label`), and a table with many columns the attribute
that turns its rows into cards below the phone breakpoint (`render.tabel.layout`): the theme then shows
`column: value` lines instead of a table cut at the screen's edge; every table is named by the heading
above it, for screen readers. The pages stay plain Markdown; a
site engine without this extension shows ordinary tables.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, ETX

from generator.render.tabel import CARD_MIN_COLUMNS

_STASHED = re.compile(f"{STX}wzxhzdk:(\\d+){ETX}")
# A quarter's name (TW II) is one word on a card: "Realisasi s.d. TW" over "II" read as two labels.
_QUARTER = re.compile(r"\bTW (I{1,3}|IV)\b")


class _Labels(Treeprocessor):
    """After the inline patterns: headers hold their final text (raw HTML and entities still stashed)."""

    def _text(self, cell: ET.Element) -> str:
        def unstash(match: re.Match) -> str:
            blocks = self.md.htmlStash.rawHtmlBlocks
            index = int(match.group(1))
            raw = str(blocks[index]) if index < len(blocks) else ""
            # an entity stays its character; a line break, a space; any other tag, nothing
            return html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", " ", raw, flags=re.I)))
        text = re.sub(r"[^\S\u00a0]+", " ", _STASHED.sub(unstash, "".join(cell.itertext()))).strip()
        return _QUARTER.sub("TW\u00a0\\1", text)

    def run(self, root: ET.Element) -> None:
        _name_by_heading(self.md, root)
        for table in root.iter("table"):
            head = table.find("thead")
            if head is None:
                continue
            labels = [self._text(th) for th in head.iter("th")]
            for body in table.findall("tbody"):
                for row in body.findall("tr"):
                    for label, cell in zip(labels, row.findall("td")):
                        if label:
                            cell.set("data-label", label)
            if len(labels) >= CARD_MIN_COLUMNS:
                table.set("data-tata", "kartu")
                for cell in table.iter():
                    if cell.tag in ("td", "th"):
                        _break_after_slashes(cell)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_UNNAMED = re.compile(r"<table(?![^>]*\baria-label)")


def _name_by_heading(md: Markdown, root: ET.Element) -> None:
    """Each table is named by the heading above it (`aria-labelledby`): a screen reader that jumps from table
    to table says "Anggaran per program, tabel" instead of a bare "tabel", with or without JavaScript. So are
    the tables of raw HTML blocks a page template writes (still stashed here), unless they carry a name of
    their own. The headings' ids are the toc extension's, which runs before this one."""
    named = None
    blocks = md.htmlStash.rawHtmlBlocks
    for element in root.iter():
        if element.tag in _HEADINGS:
            named = element.get("id")
        elif element.tag == "table" and named and not element.get("aria-labelledby"):
            element.set("aria-labelledby", named)
        for text in (element.text, element.tail):
            for match in _STASHED.finditer(text or "") if named else ():
                index = int(match.group(1))
                if index < len(blocks) and "<table" in str(blocks[index]):
                    blocks[index] = _UNNAMED.sub(f'<table aria-labelledby="{html.escape(named)}"', str(blocks[index]))


# A slash between two words: a line may break after it (`<wbr>`), so "Pemeliharaan/Rehabilitasi" or "Sub
# Koordinator/JF" does not hold a column of a wide table at the width of the whole pair.
_SLASH = re.compile(r"(?<=\w/)(?=\w)")


def _break_after_slashes(element: ET.Element) -> None:
    """A `<wbr>` after each slash between words in the element's text, its descendants' and their tails."""
    for child in list(element):
        _break_after_slashes(child)
        child.tail, breaks = _split(child.tail)
        at = list(element).index(child) + 1
        element[at:at] = breaks
    element.text, breaks = _split(element.text)
    element[0:0] = breaks


def _split(text: str | None) -> tuple[str | None, list[ET.Element]]:
    """`text` up to its first break, and a `<wbr>` for each break carrying the text after it."""
    if not text or "/" not in text:
        return text, []
    head, *rest = _SLASH.split(text)
    breaks = [ET.Element("wbr") for _ in rest]
    for wbr, piece in zip(breaks, rest):
        wbr.tail = piece
    return head, breaks


class TabelExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after "inline" (20) and "toc" (5: the headings' ids), before MkDocs' links (0)
        md.treeprocessors.register(_Labels(md), "kt_tabel", 4)


def makeExtension(**kwargs) -> TabelExtension:  # noqa: N802 (Python-Markdown's entry point)
    return TabelExtension(**kwargs)
