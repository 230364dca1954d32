"""Accessibility of the built portal, checked with axe-core in Debian's headless Chromium.

Both the default package and the synthetic example are built into a temporary folder and served
from a subpath, as a GitHub Pages project site would be. Every page type found in the built site
(home, profil, one sasaran page, metodologi, ... and any page type added later: the pages are
discovered from the site's index.html files, not listed here) is checked at phone and desktop
width, in the light and the dark scheme, against the WCAG 2.0/2.1 level A and AA rules. A
violation with impact "serious" or "critical" fails the test. Each page is loaded once per width and
checked in both schemes (page_walk); the citizen tests read the same visit.

axe-core is an npm package; `make test` installs it into .cache/node/ (see the Makefile).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import AXE, DATAPACKAGE, EXAMPLE, serve, shared_folder  # noqa: F401 (AXE: other modules import it here)
from page_walk import AXE_RUN, COLOUR_RULES, SCHEMES, TAGS, walk

BLOCKING = {"serious", "critical"}
WIDTHS = [375, 1280]
# Page types every build has; discovery must find at least these.
EXPECTED_TYPES = {"", "profil/", "sasaran/*", "metodologi/", "konsistensi/", "tentang/", "ppid/", "ppid/dip/",
                  "ppid/kepatuhan/", "ppid/laporan-layanan/", "ppid/standar-layanan/"}
# Sections whose pages are each a page type of their own (different templates under one folder),
# except the pages that share one template (the four DIP category pages: the DIP page's template).
OWN_TYPES = {"ppid"}
SAME_TYPE = {"ppid/berkala/": "ppid/kategori/*", "ppid/serta-merta/": "ppid/kategori/*",
             "ppid/setiap-saat/": "ppid/kategori/*", "ppid/dikecualikan/": "ppid/kategori/*"}
SITES = ("portal", "contoh")


class Built(NamedTuple):
    url: str               # where it is served, ending in /
    types: dict[str, str]  # page type -> path of one page of that type
    folder: Path           # the built site


def page_types(site: Path) -> dict[str, str]:
    """One page per page type: {type: path}, where pages under the same top folder are one type.

    `sasaran/s-1-1-1/index.html` and `sasaran/s-1-1-2/index.html` are both type `sasaran/*`;
    `profil/index.html` is type `profil/`; `index.html` is the home page, type ``.
    """
    types: dict[str, str] = {}
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        path = "" if rel == "." else rel + "/"
        parts = path.strip("/").split("/") if path else []
        kind = SAME_TYPE.get(path) or (path if len(parts) <= 1 or parts[0] in OWN_TYPES else parts[0] + "/*")
        types.setdefault(kind, path)
    return types


@pytest.fixture(scope="module")
def sites(default_site, example_site):
    """Both packages (built once per test process), served at http://127.0.0.1:PORT/portal/ and .../contoh/.

    Returns {site name: Built}."""
    out = {}
    for name, built in (("portal", default_site), ("contoh", example_site)):
        out[name] = Built(serve(built.site), page_types(built.site), built.site)
    return out


def audit(axe_source: str, scheme: str = "light"):
    """What to do on each loaded page: check its colour scheme, open every <details> (so that what they
    hide is checked too), run axe-core. The scheme changes colours only: in the light scheme every rule
    runs, in the dark scheme the rules that depend on colour. Returns the violations."""
    def inspect(page) -> list[dict]:
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[scheme], f"{page.url}: skema warna {shown!r}, diharapkan {SCHEMES[scheme]!r}"
        page.evaluate("document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; })")
        page.add_script_tag(content=axe_source)
        only = {"type": "tag", "values": TAGS} if scheme == "light" else {"type": "rule", "values": COLOUR_RULES}
        return page.evaluate(AXE_RUN, only)
    return inspect


def describe(where: str, violation: dict, limit: int = 5) -> str:
    lines = [f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}"]
    for node in violation["nodes"][:limit]:
        html = re.sub(r"\s+", " ", node["html"])[:160]
        summary = re.sub(r"\s+", " ", node.get("failureSummary") or "")[:300]
        lines.append(f"    {' > '.join(map(str, node['target']))}\n      {html}\n      {summary}")
    if len(violation["nodes"]) > limit:
        lines.append(f"    ... dan {len(violation['nodes']) - limit} elemen lain")
    return "\n".join(lines)


@pytest.mark.parametrize("name", SITES)
def test_every_expected_page_type_is_discovered(sites, name):
    types = sites[name].types
    assert EXPECTED_TYPES <= set(types), f"halaman tidak ditemukan: {EXPECTED_TYPES - set(types)}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SITES)
def test_no_serious_accessibility_violations(browser, axe_source, tmp_path_factory, sites, name, width, scheme):
    """Each page is loaded once per width in the light scheme (the one it opens in), then switched to the
    dark scheme in place, as the reader's toggle does; the dark scheme on load is checked in test_charts."""
    walked = walk(browser, shared_folder(tmp_path_factory), name, sites[name].folder, sites[name].types, width,
                  axe_source)
    checked = {path: walked[path] for path in sorted(set(sites[name].types.values()))}
    problems = []
    for path, page in checked.items():
        assert page.status == 200, path
        assert page.scheme == SCHEMES["light"], f"{path}: skema warna {page.scheme!r} saat dibuka"
        for violation in page.axe[scheme]:
            if violation["impact"] in BLOCKING:
                problems.append(describe(f"{path} ({width} px, {scheme})", violation))
    if problems:
        pytest.fail(f"{len(problems)} pelanggaran serius/kritis (axe-core, WCAG 2.0/2.1 A+AA):\n" + "\n".join(problems),
                    pytrace=False)


# --- The theme itself --------------------------------------------------------------------------

CATEGORIES = ["AA", "A", "BB", "B", "CC", "C", "D"]


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG contrast ratio of two sRGB colours given as [r, g, b] in 0..255."""
    def luminance(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_category_colours_are_readable_and_stand_out(browser, axe_source, sites, scheme):
    """The kt-kategori badges: text on the fill passes axe's contrast rule, and the outline stands out
    from the page background (WCAG 1.4.11, 3:1) in both schemes."""
    base = sites["portal"].url
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base, wait_until="networkidle")
        page.evaluate("""codes => {
            const p = document.createElement('p');
            p.id = 'kt-uji';
            p.innerHTML = codes.map(c => `<span class="kt-kategori kt-kategori--${c}">${c}</span> `).join('')
                + '<span class="kt-kategori">belum tersedia</span>';
            document.querySelector('.md-content__inner').prepend(p);
        }""", CATEGORIES)
        page.add_script_tag(content=axe_source)
        result = page.evaluate("axe.run('#kt-uji', {runOnly: ['color-contrast'], resultTypes: ['violations', 'passes']})")
        colours = page.evaluate("""() => {
            const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const bg = rgb(getComputedStyle(document.body).backgroundColor);
            return Array.from(document.querySelectorAll('#kt-uji .kt-kategori')).map(e => {
                const s = getComputedStyle(e);
                return [e.textContent, rgb(s.borderTopColor), bg, s.backgroundColor];
            });
        }""")
    finally:
        context.close()
    assert result["violations"] == [], "\n".join(describe(f"kt-kategori ({scheme})", v) for v in result["violations"])
    assert len(result["passes"][0]["nodes"]) == len(CATEGORIES) + 1
    assert len({fill for *_, fill in colours}) == len(CATEGORIES) + 1, "setiap kategori harus punya warna sendiri"
    weak = [(code, round(contrast(line, bg), 2)) for code, line, bg, _ in colours if contrast(line, bg) < 3]
    assert weak == [], f"garis tepi kurang kontras terhadap latar ({scheme}): {weak}"


def test_header_and_footer_name_the_agency_and_the_data(sites):
    """Header: the agency and its local government; footer: source, licence, last update, and no
    "Made with Material for MkDocs" link to another host."""
    from generator.publish.pipeline import theme_extra
    from generator.validate import validate_package

    for name, data in (("portal", DATAPACKAGE), ("contoh", EXAMPLE)):
        extra = theme_extra(validate_package(data).tables)
        html = (sites[name].folder / "index.html").read_text(encoding="utf-8")
        header = html[html.index('<header class="md-header'):html.index("</header>")]
        footer = html[html.index('<footer class="md-footer"'):html.index("</footer>")]
        assert extra["instansi"] in header and extra["pemerintah_daerah"] in header
        for fact in ("sumber", "lisensi", "diperbarui"):
            assert extra[fact] and extra[fact] in footer, fact
        assert "Kinerja Terbuka" in footer
        assert "squidfunk" not in footer and "Material for MkDocs" not in footer
        assert ("Data sintetis" in html) == extra["sintetis"]


def test_nothing_is_loaded_from_another_host(sites):
    """Stylesheets, scripts, images, icons and fonts all come from the site itself."""
    remote = re.compile(r"""<(?:link|script|img|source|iframe|embed)\b[^>]*\b(?:href|src|srcset)=["']?(?:https?:)?//""", re.I)
    css_remote = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.I)
    offenders = []
    for name in SITES:
        root = sites[name].folder
        for path in sorted(root.rglob("*.html")):
            offenders += [f"{path.relative_to(root)}: {m.group(0)}" for m in remote.finditer(path.read_text(encoding="utf-8"))]
        for path in sorted(root.rglob("*.css")):
            offenders += [f"{path.relative_to(root)}: {m.group(0)}" for m in css_remote.finditer(path.read_text(encoding="utf-8"))]
    assert offenders == []
