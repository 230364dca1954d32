"""A term explained where a page first uses it: a link to its Glosarium entry, with the explanation as a
tooltip that opens on hover, on keyboard focus and on a tap (theme: kinerja.css `.kt-istilah`,
kinerja.js), and that screen readers read as the link's description. Later uses on the same page are
plain text. Definitions: `words.GLOSARIUM`. The explanation stays out of the search index
(`data-search-exclude`): it ran into the sentence around it in every result ("paguPagu: Batas anggaran...").

A page module makes one `Istilah` per page and passes it to its template: `{{ istilah("iku") }}`, or
`{{ istilah("capaian", "capaian") }}` to show other words than the glossary's own.
"""
from __future__ import annotations

from markupsafe import Markup

from generator.render.environment import environment
from generator.render.escape import attr
from generator.render.links import html_link
from generator.render.words import GLOSARIUM

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
