"""The shortcuts in the site engine give exactly what the engine gives without them.

`publish.markdown_inline` skips an inline pattern on text that lacks what every match of the pattern holds;
`publish.mkdocs.SearchElement` stands in for Material's search `Element`. Each is checked against the
engine's own code: on generated text, and on every page of the default package and the synthetic example,
and a generated kabupaten's overview and first member. `publish.mkdocs._VisibleThemeFiles` lists a theme's
files without walking hidden folders: MkDocs copies the same theme files with it as without it, for the
project's theme and for generated theme folders.
"""
from __future__ import annotations

import re
import string
import tempfile
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.publish import markdown_inline
from generator.publish.mkdocs import SearchElement, _theme_env, _VisibleThemeFiles, search_elements_as_text

INLINE = "generator.publish.markdown_inline"


def _site_extensions() -> tuple[list, dict]:
    """The Markdown extensions and their settings as mkdocs.yml names them."""
    names, configs = [], {}
    for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return names, configs


EXTENSIONS, CONFIGS = _site_extensions()


def engines() -> tuple[markdown.Markdown, markdown.Markdown]:
    """Python-Markdown as the site configures it, without and with the inline shortcut."""
    plain = [e for e in EXTENSIONS if e != INLINE]
    return (markdown.Markdown(extensions=plain, extension_configs=CONFIGS),
            markdown.Markdown(extensions=plain + [INLINE], extension_configs=CONFIGS))


def convert(md: markdown.Markdown, text: str) -> tuple[str, list]:
    md.reset()
    return md.convert(text), getattr(md, "toc_tokens", None)


def test_the_site_names_the_extension_and_every_inline_pattern_has_its_shortcut():
    """Else the extension silently does nothing for that pattern (a new Python-Markdown may rewrite one):
    still correct, only slower, and this test says which to add to NEEDS."""
    assert INLINE in EXTENSIONS
    _, fast = engines()
    assert isinstance(fast.treeprocessors["inline"], markdown_inline._Inline)  # installed, not left out
    unknown = [p.name for p in fast.inlinePatterns._priority if markdown_inline.needs(fast.inlinePatterns[p.name]) is None]
    assert unknown == []


# Text made of what inline patterns look for, and of what table cells hold.
PIECES = st.sampled_from(["*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "![", "<", ">", "&", ";", "#",
                          "!", "  \n", "\n", " ", "|", "-", ":", "=", '"', "'", "/", "@", "?", "amp", "x27", "a",
                          "b", "http://c.d", "e@f.g", "12,5", "Rp1.000", "<br>", "<small>", "</small>", "<!--",
                          "-->", "&#95;", "&lt;", "{: .kt }", "\u00a0", "ö"])
TEXT = st.lists(PIECES | st.text(string.ascii_letters + string.digits + " *_`[]<>&\\!\n", max_size=4),
                max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_each_pattern_finds_nothing_in_text_without_what_it_needs(text):
    for expression, need in markdown_inline.NEEDS.items():
        if not any(n in text for n in need):
            assert re.compile(expression, re.DOTALL | re.UNICODE).search(text) is None, (expression, text)


LINE = st.tuples(st.sampled_from(["", "# ", "## ", "- ", "1. ", "> ", "| ", "    ", "!!! note\n    "]), TEXT)
DOCUMENT = st.lists(LINE.map("".join), max_size=12).map("\n".join)
TABLE = st.lists(st.lists(TEXT.map(lambda t: t.replace("\n", " ")), min_size=2, max_size=2), min_size=1, max_size=5).map(
    lambda rows: "| A | B |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows))


@settings(max_examples=300, deadline=None)
@given(st.lists(DOCUMENT | TABLE, min_size=1, max_size=3).map("\n\n".join))
def test_generated_markdown_converts_to_the_same_html(text):
    plain, fast = engines()
    assert convert(fast, text) == convert(plain, text)


@pytest.mark.parametrize("fixture", ["default_site", "example_site", "kabupaten_site"])
def test_every_page_of_a_built_site_converts_to_the_same_html_and_search_sections(request, monkeypatch, fixture):
    from material.plugins.search import plugin

    docs = request.getfixturevalue(fixture).docs
    material = search_elements_as_text()  # Material's own class, whether or not a build here replaced it
    assert material.__module__ == plugin.__name__ and material is not SearchElement
    plain, fast = engines()
    pages = sorted(docs.rglob("*.md"))
    if fixture == "kabupaten_site":  # its members' pages are the example's kinds: the overview and one member
        first = min(p.relative_to(docs).parts[0] for p in pages if len(p.relative_to(docs).parts) > 1)
        pages = [p for p in pages if p.relative_to(docs).parts[0] == first or len(p.relative_to(docs).parts) == 1]
    assert len(pages) > 40
    for path in pages:
        text = path.read_text(encoding="utf-8")
        html, toc = convert(plain, text)
        assert convert(fast, text) == (html, toc), path.relative_to(docs)
        sections = []
        for element in (material, SearchElement):
            monkeypatch.setattr(plugin, "Element", element)
            parser = plugin.Parser()
            parser.feed(html)
            parser.close()
            sections.append([(s.el.tag, s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data])
        assert sections[0] == sections[1], path.relative_to(docs)


def test_search_results_keep_apart_the_words_a_reader_sees_apart(default_site):
    """Search results read "Sasaran 1.1.1Meningkatkan…" and "TujuanPK JPT": Material's parser joined the text
    on either side of a line break, two table cells or two drawing labels. It reads them as a space now."""
    import json

    from material.plugins.search import plugin

    from generator.publish.mkdocs import search_text_separated

    search_text_separated()
    parser = plugin.Parser()
    parser.feed('<h2 id="a">Judul</h2><table><tr><td><small>Sasaran 1.1.1</small><br>Meningkatkan akses</td>'
                '<td>PK JPT</td></tr></table><pre>a<br>b</pre>')
    parser.close()
    text = "".join(parser.data[-1].text)
    assert "Sasaran 1.1.1 Meningkatkan akses PK JPT" in text and "a<br>b" not in text and "ab" in text
    index = json.loads((default_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d["text"] for d in index["docs"])
    assert "TujuanPK" not in texts and "1.1.1Meningkat" not in texts


# --- the theme's files ---------------------------------------------------------------------------------

def theme_files(loader: jinja2.BaseLoader, config) -> list[tuple[str, str]]:
    """(name in the site, source path) of every theme file MkDocs copies, with `loader` listing them."""
    from mkdocs.structure.files import Files

    files = Files([])
    files.add_files_from_theme(jinja2.Environment(loader=loader), config)
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def test_the_project_theme_gives_mkdocs_the_same_files():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = config.theme.get_env().loader
    _theme_env(config.theme, None)
    ours = config.theme.get_env().loader
    assert isinstance(ours, _VisibleThemeFiles) and ours.searchpath == plain.searchpath
    assert len(ours.list_templates()) < 1000 < len(plain.list_templates())  # Material's icons are not walked
    files = theme_files(ours, config)
    assert files == theme_files(plain, config)
    assert ("assets/javascripts/charts.js", str(ROOT / "theme" / "assets" / "javascripts" / "charts.js")) in files


PART = st.sampled_from(["a", "b", ".x", ".icons", "_c", "d.css", ".d.js", "readme.md", "e.html", "f..g"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(PART, min_size=1, max_size=4).map("/".join), min_size=1, max_size=12),
       st.lists(st.sampled_from(["404.html", "*.txt", ".x/*", "b/*"]), max_size=2))
def test_generated_theme_folders_give_mkdocs_the_same_files(paths, static_templates):
    with tempfile.TemporaryDirectory() as top:
        dirs = [str(Path(top) / "custom"), str(Path(top) / "theme")]
        for n, path in enumerate(paths):
            file = Path(dirs[n % 2]) / path
            if any(parent.is_file() for parent in file.parents) or file.is_dir():
                continue  # a name already taken by a file (or a folder) of an earlier path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(path, encoding="utf-8")
        config = SimpleNamespace(theme=SimpleNamespace(static_templates=static_templates, dirs=dirs),
                                 site_dir=str(Path(top) / "site"), use_directory_urls=True)
        assert theme_files(_VisibleThemeFiles(dirs), config) == theme_files(jinja2.FileSystemLoader(dirs), config)
