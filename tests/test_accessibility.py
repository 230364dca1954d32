"""Accessibility of the built portal, checked with axe-core in Debian's headless Chromium.

Both the default package and the synthetic example are built into a temporary folder and served
from a subpath, as a GitHub Pages project site would be. Every page type found in the built site
(home, profil, one sasaran page, metodologi, ... and any page type added later: the pages are
discovered from the site's index.html files, not listed here) is checked at phone and desktop
width, in the light and the dark scheme, against the WCAG 2.0/2.1 level A and AA rules. A
violation with impact "serious" or "critical" fails the test.

axe-core is an npm package; `make test` installs it into .cache/node/ (see the Makefile).
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import DATAPACKAGE, ROOT

AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
EXAMPLE = ROOT / "examples" / "contoh-sintetis"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
WIDTHS = [375, 1280]
SCHEMES = {"light": "default", "dark": "slate"}
# Page types every build has; discovery must find at least these.
EXPECTED_TYPES = {"", "profil/", "sasaran/*", "metodologi/", "konsistensi/", "tentang/", "ppid/", "ppid/dip/",
                  "ppid/kepatuhan/", "ppid/laporan-layanan/", "ppid/standar-layanan/"}
# Sections whose pages are each a page type of their own (different templates under one folder),
# except the pages that share one template (the four DIP category pages: the DIP page's template).
OWN_TYPES = {"ppid"}
SAME_TYPE = {"ppid/berkala/": "ppid/kategori/*", "ppid/serta-merta/": "ppid/kategori/*",
             "ppid/setiap-saat/": "ppid/kategori/*", "ppid/dikecualikan/": "ppid/kategori/*"}
SITES = {"portal": DATAPACKAGE, "contoh": EXAMPLE}


class Built(NamedTuple):
    url: str               # where it is served, ending in /
    types: dict[str, str]  # page type -> path of one page of that type
    folder: Path           # the built site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def hand_written(src: Path) -> list[Path]:
    """Files in site_src/ that `kinerja build` did not generate (those are listed in its manifest)."""
    manifest = src / ".generated.json"
    generated = set(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.is_file() else set()
    generated |= {".generated.json", ".gitignore"}
    return [p for p in sorted(src.rglob("*")) if p.is_file() and p.relative_to(src).as_posix() not in generated]


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
def sites(tmp_path_factory):
    """Build both packages and serve them at http://127.0.0.1:PORT/portal/ and .../contoh/.

    Yields {site name: Built}.
    """
    from generator.build import build_site

    root = tmp_path_factory.mktemp("a11y")
    for name, data in SITES.items():
        src = root / f"src-{name}"
        for path in hand_written(ROOT / "site_src"):
            target = src / path.relative_to(ROOT / "site_src")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        src.mkdir(exist_ok=True)
        build_site(data, root / name, ROOT / "mkdocs.yml", src)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    yield {name: Built(f"{base}{name}/", page_types(root / name), root / name) for name in SITES}
    server.shutdown()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core tidak ditemukan di {AXE.relative_to(ROOT)}: jalankan `make test`, "
                    "yang memasangnya dengan npm ke .cache/node/", pytrace=False)
    return AXE.read_text(encoding="utf-8")




def audit(page, axe_source: str, url: str, scheme: str) -> list[dict]:
    """Load one page, open every <details> (so that what they hide is checked too), run axe-core;
    return its violations."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{url}: skema warna {shown!r}, diharapkan {SCHEMES[scheme]!r}"
    page.evaluate("document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; })")
    page.wait_for_timeout(100)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", TAGS)
    return result["violations"]


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
def test_no_serious_accessibility_violations(browser, axe_source, sites, name, width, scheme):
    base, types, _ = sites[name]
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID", color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for kind, path in sorted(types.items()):
            for violation in audit(page, axe_source, base + path, scheme):
                if violation["impact"] in BLOCKING:
                    problems.append(describe(f"/{name}/{path} ({width} px, {scheme})", violation))
    finally:
        context.close()
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
    from generator.build import theme_extra
    from generator.validate import validate_package

    for name, data in SITES.items():
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
