"""A Python-Markdown extension (named in mkdocs.yml) that turns the same Markdown into the same HTML,
sooner: the inline step skips a pattern on text that lacks what every match of the pattern contains (a
link's `[`, raw HTML's `<`), instead of searching that text with the pattern's regular expression.

Python-Markdown searches every piece of text (each paragraph, list item, table cell) with every inline
pattern in turn: code, escapes, links, images, autolinks, line breaks, raw HTML, entities, emphasis.
The portal's pages are mostly table cells of numbers and short words where none of them can match, and
on a 33-OPD portal that search was about a third of the Markdown conversion. A pattern whose regular
expression cannot match without, say, `[` cannot match text without `[`, so skipping it there gives
exactly what trying it gives: no match, nothing changed; only a match runs a pattern's code.

`NEEDS` lists what each of Python-Markdown's own patterns needs, keyed by the regular expression
itself: a pattern not listed (another extension's, or one a new Python-Markdown release rewrote) is
tried on every text as before. tests/test_markdown_inline.py checks each entry against its regular
expression and the converted HTML against Python-Markdown's own, on generated text and on every page
of the built sites. Without this extension (another site engine) the pages are the same.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# regular expression (as Python-Markdown 3.x compiles it) -> substrings, one of which every match holds
NEEDS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),           # backtick: code span
    r"\\(.)": ("\\",),                                            # escape
    r"(?<!\!)\[": ("[",),                                         # reference, link, short_reference
    r"\!\[": ("![",),                                             # image_link, image_reference, short_image_ref
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),             # autolink
    r"<([^<> !]+@[^@<> ]+)>": ("<",),                            # automail
    r"  \n": ("  \n",),                                           # linebreak: two spaces, a line's end
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),   # entity
    r"\*|_": ("*", "_"),                                         # em_strong: emphasis delimiters
    # html: raw inline HTML, every alternative after "<"
    r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+"""
    r"""\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""":
        ("<",),
}


def needs(pattern) -> tuple[str, ...] | None:
    """What a text must hold for `pattern` to match in it, or None: try it on every text."""
    if not isinstance(pattern, InlinePattern):
        return None
    return NEEDS.get(pattern.getCompiledRegExp().pattern)


class _Inline(InlineProcessor):
    """Python-Markdown's inline step with the skip above; its own code does everything else."""

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        # read at each conversion: extensions loaded after this one may have added patterns
        self._patterns = list(self.md.inlinePatterns)
        self._needs = [needs(p) for p in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """Python-Markdown's own loop (treeprocessors.InlineProcessor.__handleInline), with the skip."""
        if isinstance(data, AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns, wanted = self._patterns, self._needs
        start = 0
        while patternIndex < len(patterns):
            need = wanted[patternIndex]
            if need is not None:
                for piece in need:
                    if piece in data:
                        break
                else:  # cannot match: what a failed search returns
                    patternIndex += 1
                    start = 0
                    continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class InlineExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # a Python-Markdown whose inline step no longer has the loop this overrides keeps its own
        if all(hasattr(InlineProcessor, f"_InlineProcessor__{name}") for name in ("handleInline", "applyPattern")):
            md.treeprocessors.register(_Inline(md), "inline", 20)  # replaces Python-Markdown's own, same place


def makeExtension(**kwargs) -> InlineExtension:  # noqa: N802 (Python-Markdown's entry point)
    return InlineExtension(**kwargs)
