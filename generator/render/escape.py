"""Escaping data-derived text for every place it lands in a page.

Every value a template prints goes through `md` (the Jinja environment's `finalize`), unless code marks
it safe with `Markup`: Markdown and HTML syntax become numeric entities, so a payload such as
`<img src=x onerror=...>` or `[x](javascript:...)` in an indicator name shows as text. Attribute values
take `attr`, which also escapes quotes. Site names and navigation titles take `title_text`: MkDocs prints
them unescaped and Material's <title> strips tags, unescaping entities again.

Validation refuses control characters in cells; every function here also drops them (`visible`), so text
from elsewhere (a commit message in the update history) can never put one into HTML, SVG or the Atom feed,
where XML forbids them.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

from generator.domain.values import present

# What XML 1.0 forbids or a page should never carry invisibly: C0 controls but tab, line feed, carriage
# return; DEL and C1 controls; the non-characters U+FFFE/U+FFFF; bidirectional overrides and isolates.
_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufffe\\uffff\\u202a-\\u202e\\u2066-\\u2069]")


def visible(value) -> str:
    """Text without the characters `_CONTROL` names (for XML, SVG, HTML and anything a reader sees)."""
    return _CONTROL.sub("", str(value))


# Characters that can start Markdown/HTML syntax inline: links and images need [ ], emphasis * _ ~,
# code `, attribute lists { }, table cells |, headings #, raw HTML < > &, escapes \.
_MD_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]#|~<>&"})
# The same, and quotes: safe inside a double- or single-quoted HTML attribute as well. One table, one
# pass, so no entity gets escaped twice.
_ATTR = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]#|~"})


# What begins a Markdown block when it begins a line, as many values do in the templates (a misi, a narasi
# paragraph, a standard's text): a numbered item ("2. ..."), a bullet ("- ", "+ "), a rule or a heading's
# underline (a line of - or =: an operator's "-" for nothing under a line of text makes that line a
# heading), an admonition ("!!! danger", "??? note", "/// ..."). The character that starts it becomes an
# entity, which starts nothing and shows as itself; `*`, `#`, `>`, `|`, `<`, `[`, backticks and `~` are
# entities everywhere already. Spaces before and after a value are kept as one (four make a code block,
# two at a line's end a line break).
_SPACES = re.compile(r"^[ \t]+|[ \t]+$")  # at most one space each side: words stay apart, no code block
_NUMBERED = re.compile(r"(\d+)\.(?=\s|$)")
_BLOCK = re.compile(r"[-+](?:\s|$)|[-=]+$|!!!|\?\?\?|///")


def md(value) -> str:
    """Escape text for Markdown and HTML: every special character becomes a numeric entity, and so does
    what would begin a block at the start of a line (`_BLOCK`); a newline becomes a space (it would end a
    table row or a paragraph)."""
    if isinstance(value, Markup):
        return str(value)
    if not present(value):
        return ""
    text = _SPACES.sub(" ", re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", visible(value))).translate(_MD_SPECIAL)
    start = 1 if text.startswith(" ") else 0
    numbered = _NUMBERED.match(text, start)
    if numbered:
        return f"{text[:start]}{numbered.group(1)}&#46;{text[numbered.end():]}"
    if _BLOCK.match(text, start):
        return f"{text[:start]}&#{ord(text[start])};{text[start + 1:]}"
    return text


def attr(value) -> str:
    """Escape text for an HTML attribute value (and for raw HTML text): quotes too."""
    return visible(value).translate(_ATTR)


def title_text(value: str) -> str:
    """A data-derived site name or nav title. MkDocs prints these unescaped, and Material's <title>
    applies `striptags`, which unescapes entities again; so angle brackets never reach them at all."""
    return html.escape(visible(value).replace("<", "‹").replace(">", "›"))
