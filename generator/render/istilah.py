"""A term explained where a page first uses it: a link to its Glosarium entry, with the explanation as a
tooltip that opens on hover, on keyboard focus and on a tap (theme: kinerja.css `.kt-istilah`,
kinerja.js), and that screen readers read as the link's description. Later uses on the same page are
plain text. Definitions: `words.GLOSARIUM`. The explanation stays out of the search index
(`data-search-exclude`): it ran into the sentence around it in every result ("paguPagu: Batas anggaran...").

A page module makes one `Istilah` per page and passes it to its template: `{{ istilah("iku") }}`, or
`{{ istilah("capaian", "capaian") }}` to show other words than the glossary's own.

An agency's own words (an indicator named "Indeks SPBE") are data and never carry a link; a page that uses
an abbreviation of the glossary (`words.SINGKATAN`) without explaining it lists it at its end
(`abbreviations`), so a citizen who meets "SPBE" on a phone learns what it is on the same page.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from generator.render.environment import environment
from generator.render.escape import attr
from generator.render.links import html_link
from generator.render.words import GLOSARIUM, SINGKATAN

PATH = "glosarium.md"

# The words a page shows for a term when it does not say otherwise (the glossary lists the long form).
SHORT = {"iku": "IKU", "renstra": "Renstra", "pk": "Perjanjian Kinerja", "lkjip": "LKjIP", "silpa": "SILPA",
         "ikm": "IKM", "nrr": "NRR", "dip": "DIP", "ips": "IPS", "kategori": "kategori", "serapan": "serapan",
         "efisiensi": "efisiensi", "program": "program", "opd": "perangkat daerah", "pohon": "pohon kinerja",
         "mutu": "mutu", "dibawa": "nilai tahun sebelumnya dipakai lagi", "sementara": "angka sementara",
         "belum_tersedia": "belum tersedia",
         "sasaran": "sasaran strategis", "berkala": "informasi berkala", "sakip": "SAKIP", "ppid": "PPID"}


def anchor(key: str) -> str:
    return "istilah-" + key.replace("_", "-")


class Istilah:
    """Terms of one page; the first use of each carries its explanation."""

    def __init__(self, page_path: str, terms: dict[str, tuple[str, str]] | None = None, env=None):
        """`terms`: the package's glossary (`words.glossary`, in `ctx.common["glosarium"]`); `env`: the page's
        template environment (its compiled templates are kept with the build's)."""
        self.page = page_path
        self.env = env
        self.terms = terms if terms is not None else GLOSARIUM
        self.seen: set[str] = set()

    def __call__(self, key: str, text=None) -> Markup:
        term, meaning = self.terms[key]
        shown = text if text is not None else SHORT.get(key, term.lower())
        shown_html = str(shown) if isinstance(shown, Markup) else attr(shown)
        if key in self.seen:
            return Markup(shown_html)
        self.seen.add(key)
        return Markup((self.env or environment()).get_template("_istilah.html.j2").render(
            href=Markup(html_link(f"{PATH}#{anchor(key)}", self.page)), tip=Markup(f"kt-arti-{key}"),
            shown=Markup(shown_html), term=term, meaning=meaning))


# What is not running text a reader sees: the tooltips of explained terms, HTML tags with their attributes
# (an image's alt repeats its caption), the targets of Markdown links.
_NOT_READ = re.compile(r'<span class="kt-istilah__arti"[^>]*>.*?</span>|<[^>]*>|\]\([^)]*\)', re.S)
_KEY = {short: key for key, (short, _) in SINGKATAN.items()}
# every abbreviation in one pattern, the longest first: one pass over a page (kabupaten portals have thousands)
_WORDS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(_KEY, key=len, reverse=True))) + r")(?![\w-])")
OWN_LIST = "{#singkatan}"  # the heading of a page's own list of abbreviations (the Laporan Kinerja's Lampiran D)


def used(text: str) -> list[str]:
    """Glossary keys whose abbreviation `text` uses as a word, in the order of the abbreviations (alphabetical,
    as a report's list of abbreviations)."""
    return sorted({_KEY[short] for short in _WORDS.findall(text)}, key=lambda k: SINGKATAN[k][0].lower())


def unexplained(markdown: str) -> list[str]:
    """`used` in the page's running text, less the terms a link on the page explains."""
    return [key for key in used(_NOT_READ.sub(" ", markdown)) if f"#{anchor(key)}" not in markdown]


def abbreviations(markdown: str, page_path: str, terms: dict[str, tuple[str, str]] | None = None, env=None) -> str:
    """`markdown` with, at its end, the abbreviations it uses unexplained (`unexplained`): what each stands for
    and its meaning, linked to its Glosarium entry; unchanged when there are none."""
    keys = [] if OWN_LIST in markdown else unexplained(markdown)
    if not keys:
        return markdown
    terms = terms if terms is not None else GLOSARIUM
    block = (env or environment()).get_template("_singkatan.html.j2").render(items=[
        {"href": Markup(html_link(f"{PATH}#{anchor(k)}", page_path)), "short": SINGKATAN[k][0],
         # "SPBE: Sistem Pemerintahan Berbasis Elektronik: ..." says it already; "IKU: Indikator terpenting..." not
         "long": None if terms[k][1].startswith(SINGKATAN[k][1]) else SINGKATAN[k][1], "meaning": terms[k][1]}
        for k in keys])
    return markdown.rstrip("\n") + "\n\n" + block.strip("\n") + "\n"
