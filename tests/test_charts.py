"""Charts: Vega-Lite specs beside the pages, drawn in the browser by the bundle the site serves itself.

Unit tests check the files (deterministic bytes, Indonesian numbers in the static SVG, hostile text
escaped in the HTML and inert in the spec, URLs relative to the page). Browser tests build the
default package, serve it from a subpath (/portal/) as a GitHub Pages project site would be, and
drive Debian's headless Chromium: every chart draws, also after Material's instant navigation,
with no console error, failed request or request to another host, and no sideways scroll on a
phone. Screenshots land in test-results/ for a human to look at.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATAPACKAGE, ROOT, shot, visit_all
from page_walk import SCHEMES
from generator.render import charts, kept

HOSTILE = '<img src=x onerror="alert(1)">\'&{datum.x}[x](javascript:alert(1))'
EXPRESSION_KEYS = {"expr", "calculate", "filter", "labelExpr", "signal", "test"}


def target_rows():
    return pd.DataFrame([
        {"tahun": 2024, "target": 80.0, "realisasi": 82.35, "target_teks": "80%", "realisasi_teks": "82,35%",
         "capaian_teks": "102,94%"},
        {"tahun": 2025, "target": 81.0, "realisasi": 88.19, "target_teks": "81%", "realisasi_teks": "88,19%",
         "capaian_teks": "108,88%"},
        {"tahun": 2026, "target": 82.0, "realisasi": None, "target_teks": "82%", "realisasi_teks": "belum tersedia",
         "capaian_teks": "belum tersedia"},
    ])


def sample_charts(name: str = "Persentase kepuasan masyarakat") -> list[charts.Chart]:
    return [
        charts.target_realisasi("t", "Target dan realisasi per tahun", target_rows(), "persen",
                                {"tahun": 2029, "nilai": 85.0, "teks": "85%"}, nama=name),
        charts.capaian_sasaran("c", f"Sasaran 1.1.1: {name}",
                               pd.DataFrame({"nama": [name, "Indeks SPBE"], "capaian": [108.876543, None]}), 2025, 108.88),
        charts.anggaran("a", "Pagu dan realisasi anggaran 2025",
                        pd.DataFrame({"uraian": [name, "Program Aplikasi Informatika"],
                                      "pagu": [285_697_300.0, 1_927_390_650.0],
                                      "realisasi": [272_526_280.0, 1_905_740_519.0]}), 2025),
        charts.nrr_unsur("n", "Nilai per unsur", pd.DataFrame({"unsur": [name, "Waktu Penyelesaian"], "nrr": [3.21, None]}),
                         88.19, "B"),
    ]


def walk(value, path=()):
    """(key path, string) for every string in a spec."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, path + (k,))
    elif isinstance(value, list):
        for v in value:
            yield from walk(v, path)
    elif isinstance(value, str):
        yield path, value


# --- unit ---------------------------------------------------------------------------------------

def test_a_name_longer_than_eight_lines_is_cut_in_the_chart_and_whole_in_its_table():
    """A name of 250.000 letters made the capaian chart 84.000 px tall (most of a minute to draw, 1,2 GB):
    a row's name in a chart stops after LABEL_LINES lines with "…"; the figure's table keeps it whole."""
    name = "Persentase indikator yang sangat panjang " * 40
    chart = charts.capaian_sasaran("c", "Sasaran", pd.DataFrame({"nama": [name], "capaian": [90.0]}), 2025)
    rows = [v for layer in chart.spec["layer"] for v in (layer.get("data", {}).get("values") or []) if "baris" in v]
    assert len(rows) == 1 and len(rows[0]["baris"]) == charts.LABEL_LINES == 8
    assert rows[0]["baris"][-1].endswith("…") and all(len(line) <= charts.WRAP for line in rows[0]["baris"])
    assert " ".join(rows[0]["baris"])[:-1].rstrip() in " ".join(name.split())
    assert chart.table.iloc[0, 0] == name


def test_spec_files_are_deterministic_with_sorted_keys():
    first = [charts.spec_json(c) for c in sample_charts()]
    second = [charts.spec_json(c) for c in sample_charts()]
    assert first == second
    for text in first:
        assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert "NaN" not in text


def test_static_svg_is_the_same_in_another_process():
    chart = sample_charts()[1]
    here = charts.svg(chart)
    code = ("import sys, pandas as pd; sys.path.insert(0, 'tests'); from test_charts import sample_charts;"
            "from generator.render import charts; sys.stdout.write(charts.svg(sample_charts()[1]))")
    there = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert here == there == charts.svg(chart)


def test_static_svg_uses_indonesian_numbers():
    t, c, a, n = (charts.svg(x) for x in sample_charts())
    texts = lambda svg: [unescape(s) for s in re.findall(r">([^<>]*)</text>", svg)]  # noqa: E731
    assert "88,19%" in texts(t) and "88.19" not in t and {"Target akhir Renstra (2029)", "85%"} <= set(texts(t))
    assert "108,88%" in texts(c) and "108.88" not in c
    assert "Rp1,91 miliar (98,88%)" in texts(a) and "Rp2 miliar" in texts(a)  # axis ticks through the locale
    assert "3,21" in texts(n) and "belum tersedia" in texts(n)


def test_hostile_name_is_escaped_in_html_and_only_data_in_the_spec():
    for chart in sample_charts(HOSTILE):
        block = charts.chart_html(chart, "sasaran/s-1.md")
        assert "<img src=x" not in block and "onerror=\"" not in block and "[x](javascript" not in block
        assert unescape(block).count(HOSTILE) >= 2  # caption and alt text (and table): shown as text
        assert block.count("<img ") == 1 and "\n\n" not in block  # our fallback only; one raw-HTML block
        spec = json.loads(charts.spec_json(chart))
        for path, text in walk(spec):
            if "onerror" in text:
                assert "data" in path or path[-1] in ("description",), path  # never in an expression or title
            if set(path) & EXPRESSION_KEYS:
                assert "onerror" not in text and "alert" not in text, path
        svg = charts.svg(chart)
        elements = list(ElementTree.fromstring(svg).iter())  # well-formed: the name did not break the XML
        assert not [e.tag for e in elements if e.tag.rsplit("}", 1)[-1] in ("img", "script", "foreignObject")]
        assert not [k for e in elements for k in e.attrib if k.lower().startswith("on")]
        if chart.id != "t":  # the row charts draw the name, as text
            assert any(HOSTILE[:20] in (e.text or "") for e in elements)


@pytest.mark.parametrize("page, root", [("index.md", ""), ("profil.md", "../"), ("sasaran/s-1-1-1.md", "../../"),
                                        ("sasaran/index.md", "../"), ("a/b/c.md", "../../../")])
def test_urls_are_relative_to_the_served_page(page, root):
    chart = sample_charts()[0]
    block = charts.chart_html(chart, page)
    assert f'data-grafik="{root}grafik/t.json"' in block and f'src="{root}grafik/t.svg"' in block


def test_chart_ids_are_file_safe_and_distinct():
    assert charts.slug("indikator", "iku-ip-asn") == "indikator-iku-ip-asn"
    odd = [charts.slug("indikator", x) for x in ("A B", "a-b", "../x", "a/b")]
    assert len(set(odd)) == 4 and all(re.fullmatch(r"[a-z0-9-]+", s) for s in odd)


def test_the_themes_vega_bundle_is_the_installed_vl_converts():
    """The site serves the bundle kept in the theme; after an upgrade of vl-convert, `make vega` rewrites it."""
    in_theme = (ROOT / "theme" / charts.BUNDLE_PATH).read_text(encoding="utf-8")
    assert in_theme == charts.bundle(), "theme/assets/javascripts/vendor/vega.js usang: jalankan `make vega`"
    assert "window.vegaEmbed" in in_theme and len(in_theme) > 100_000


def test_every_published_chart_is_valid_vega_lite(default_site, example_site):
    """Rendering skips Altair's per-object schema check (charts.unchecked); every spec the sites publish
    is checked here, against the Vega-Lite schema Altair ships, so a builder's mistake still fails. The
    `config` block is left out: it is one fixed dict (`charts._config`) that also carries a Vega setting
    Vega-Lite passes through (the legend layout), which the Vega-Lite schema does not list."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    specs = [p for built in (default_site, example_site) for p in built.site.rglob("grafik/*.json")]
    kinds = {p.name.split("-")[0] for p in specs}
    assert kinds >= {"tren", "indikator", "capaian", "nrr", "progres", "anggaran"}, kinds  # every builder
    for path in specs:
        spec = json.loads(path.read_text(encoding="utf-8"))
        assert spec.pop("config") == charts._config(), path
        validate_jsonschema(spec, schema)  # raises on the first error


# --- built site ---------------------------------------------------------------------------------

def config_with_site_url(tmp: Path, url: str) -> Path:
    """The repository's mkdocs.yml with a site_url: Material's instant navigation reads the sitemap,
    which lists pages only when site_url is set."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["site_url"] = url
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The default package built and served at http://127.0.0.1:PORT/portal/; yields (url, site folder)."""
    from generator.publish import build_site

    root = tmp_path_factory.mktemp("grafik")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}/portal/"
    src = root / "src"
    src.mkdir()
    (src / "tentang.md").write_bytes((ROOT / "site_src" / "tentang.md").read_bytes())
    build_site(DATAPACKAGE, root / "portal", config_with_site_url(root, url), src)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, root / "portal"
    server.shutdown()


def chart_pages(site: Path) -> dict[str, list[str]]:
    """Served path → chart spec URLs (as written) of every built page with a chart."""
    out = {}
    for page in sorted(site.rglob("index.html")):
        found = re.findall(r'data-grafik="([^"]+)"', page.read_text(encoding="utf-8"))
        if found:
            out[page.parent.relative_to(site).as_posix().replace(".", "") + "/"] = found
    return out


def test_every_legend_key_has_a_colour_for_the_dark_scheme(default_site, example_site):
    """The keys of "Diukur tahun itu" / "Nilai tahun sebelumnya dipakai lagi" (an opacity legend) were Vega's
    default black, invisible on the dark scheme (charts.js swaps only the palette's colours for their dark
    twins). Every legend a chart draws without a colour of its own now names a palette colour."""
    import json

    found = 0
    for site in (default_site.site, example_site.site):
        for path in sorted((site / "grafik").glob("*.json")):
            spec = json.loads(path.read_text(encoding="utf-8"))
            dark = spec.get("usermeta", {}).get("warna_gelap", {})
            for layer in spec.get("layer", [spec]):
                legend = (layer.get("encoding", {}).get("opacity") or {}).get("legend")
                if legend is not None:
                    found += 1
                    assert legend.get("symbolFillColor") in dark and legend.get("symbolStrokeColor") in dark, path.name
    assert found  # the default package carries values forward (2025 indices), so such legends exist


def test_home_and_sasaran_pages_carry_their_charts(portal):
    _, site = portal
    pages = chart_pages(site)
    assert len(pages["/"]) == 5  # one capaian chart per sasaran
    assert all(len(pages[f"sasaran/s-1-1-{n}/"]) >= 2 for n in range(1, 6))  # indicators + budget
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Data grafik" in home and re.search(r"<table aria-labelledby=\"grafik-[^\"]+-judul\">", home)


def test_every_chart_url_resolves_to_a_file_of_the_site(portal):
    _, site = portal
    for served, urls in chart_pages(site).items():
        base = "http://x/" + served.lstrip("/")
        for url in urls:
            target = urlparse(urljoin(base, unescape(url))).path.lstrip("/")
            assert (site / target).is_file(), (served, url)
            assert (site / target.replace(".json", ".svg")).is_file()
            spec = json.loads((site / target).read_text(encoding="utf-8"))
            assert not [p for p, _ in walk(spec) if p and p[-1] == "url"], "data must be inline, never fetched"
    assert (site / charts.BUNDLE_PATH).is_file() and (site / "assets/javascripts/charts.js").is_file()


# --- browser ------------------------------------------------------------------------------------

# Every chart container of the page drawn (an SVG or canvas); `n`: how many there must be.
# Charts become interactive only when they come near the screen. The wait scrolls the first chart
# still waiting into view on every poll until all n are drawn: after instant navigation the new
# page's charts may be observed only after a first scroll, so one pass of scrolling can miss them.
DRAWN = """n => { const boxes = [...document.querySelectorAll('.kt-grafik__kanvas')];
    if (boxes.length === 0 || (n !== null && boxes.length !== n)) return false;
    const waiting = boxes.find(box => !(box.dataset.status === 'hidup'
        && box.querySelector('.kt-grafik__hidup svg, .kt-grafik__hidup canvas')));
    if (!waiting) return true;
    waiting.scrollIntoView();
    return false; }"""


def drawn(page, n: int | None = None) -> None:
    """Wait until the page shows n charts (any number when None), every one drawn."""
    page.wait_for_function(DRAWN, arg=n, timeout=60_000)  # generous: a loaded machine is slow, a pass is fast


class Watched:
    """A page with its console errors, failed requests and requests to other hosts recorded."""

    def __init__(self, browser, url: str, width: int = 1280, scheme: str = "light"):
        self.context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID", color_scheme=scheme)
        self.context.set_default_timeout(60_000)  # a loaded machine is slow; a passing wait returns at once
        self.page = self.context.new_page()
        self.errors, self.failed, self.foreign = [], [], []
        host = urlparse(url).netloc
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("request", lambda r: self.foreign.append(r.url)
                     if urlparse(r.url).netloc not in (host, "") and not r.url.startswith(("data:", "blob:")) else None)

    def open(self, url: str):
        response = self.page.goto(url, wait_until="networkidle")
        assert response is not None and response.status == 200, url
        drawn(self.page)
        return self

    def clean(self) -> bool:
        return self.errors == [] and self.failed == [] and self.foreign == []

    def close(self):
        self.context.close()


def summaries_heard(page) -> list[int]:
    """How often a screen reader hears each chart's summary sentence in its figure (caption, image name,
    drawn chart), from Chromium's accessibility tree: once is right; twice is the caption read again as
    the image's name."""
    out = []
    for figure in page.locator("figure.kt-grafik").all():
        summary = figure.locator(".kt-grafik__ringkasan").text_content().strip()
        out.append(figure.aria_snapshot().count(summary[:60]))
    return out


def test_every_chart_draws_from_this_host_only(browser, portal):
    """Every chart page, loaded several at a time: each of its charts drawn interactively, no console error
    or warning, no failed request, no request to another host."""
    url, site = portal
    expected = {url + served.lstrip("/"): len(specs) for served, specs in chart_pages(site).items()}

    def charts_drawn(page) -> tuple[int, list]:
        drawn(page, expected[page.url])
        # what a screen reader is given of each drawn chart: one image with a name, no English role words
        heard = page.evaluate("""() => [...document.querySelectorAll('.kt-grafik__hidup')].map(c => [
            c.getAttribute('role'), !!c.getAttribute('aria-label'),
            [...c.querySelectorAll('[aria-roledescription]')].filter(e => !e.closest('[aria-hidden="true"]')).length
              + (c.hasAttribute('aria-roledescription') ? 1 : 0),
            [...c.querySelectorAll('svg')].every(s => s.getAttribute('aria-hidden') === 'true')])""")
        return page.locator(".kt-grafik__hidup svg").count(), heard + summaries_heard(page)

    visits = visit_all(browser, list(expected), 1280, inspect=charts_drawn, console=("error", "warning"))
    assert len(visits) == len(expected) >= 19  # the home page, sasaran, indicators, budget, IKM, ...
    for visit in visits:
        assert visit.status == 200, visit.url
        count, heard = visit.result
        assert count == expected[visit.url], visit.url
        assert heard and all(h == ["img", True, 0, True] or h == 1 for h in heard), (visit.url, heard)
        assert heard.count(1) == count, (visit.url, heard)  # each chart's summary heard once
        assert (visit.errors, visit.failed, visit.foreign) == ([], [], []), visit.url


def test_charts_draw_after_instant_navigation(browser, portal):
    url, _ = portal
    w = Watched(browser, url).open(url)
    w.page.evaluate("window.__halamanLama = true")
    w.page.locator(".md-nav__link", has_text="1.1.5 Meningkatnya akuntabilitas perangkat daerah").first.click()
    w.page.wait_for_url(url + "sasaran/s-1-1-5/")
    drawn(w.page, 3)  # two indicators and the budget
    assert w.page.evaluate("window.__halamanLama === true"), "the click reloaded the page: instant navigation is off"
    w.page.go_back()
    w.page.wait_for_url(url)
    drawn(w.page, 5)
    assert w.page.locator(".kt-grafik__hidup svg").count() == 5  # drawn again, once each
    assert w.page.evaluate("window.__halamanLama === true")
    assert w.clean(), (w.errors, w.failed, w.foreign)
    w.close()


# Every chart redrawn in the new scheme: one layer each (the old one removed), no light fill left.
REDRAWN = """([dark, light]) => [...document.querySelectorAll('.kt-grafik__kanvas')].every(b => {
        const layers = b.querySelectorAll('.kt-grafik__hidup');
        return layers.length === 1 && !layers[0].classList.contains('kt-grafik__hidup--baru'); })
    && !!document.querySelector(`.kt-grafik__hidup svg path[fill="${dark}"]`)
    && !document.querySelector(`.kt-grafik__hidup svg path[fill="${light}"]`)"""


def test_charts_follow_the_colour_scheme(browser, portal):
    url, _ = portal
    w = Watched(browser, url + "sasaran/s-1-1-1/").open(url + "sasaran/s-1-1-1/")
    fills = "() => [...document.querySelectorAll('.kt-grafik__hidup svg path[fill]')].map(p => p.getAttribute('fill'))"
    assert charts.LIGHT["biru"] in w.page.evaluate(fills)
    w.page.locator("label[for='__palette_1']").first.click()  # Material's toggle to the dark scheme
    w.page.wait_for_function(REDRAWN, arg=[charts.DARK["biru"], charts.LIGHT["biru"]])  # every chart, not the first
    assert charts.LIGHT["biru"] not in w.page.evaluate(fills)
    assert w.page.locator(".kt-grafik__hidup").count() == w.page.locator(".kt-grafik__kanvas").count()  # replaced, not added
    assert w.clean(), (w.errors, w.failed, w.foreign)
    w.close()


@pytest.mark.parametrize("served", ["", "sasaran/s-1-1-5/"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_pages_fit_and_are_photographed(browser, portal, served, width, scheme):
    url, _ = portal
    w = Watched(browser, url + served, width, scheme).open(url + served)
    # The reader's system preference chooses the scheme a page opens in (the accessibility tests switch it
    # in place after loading, as the toggle does).
    shown = w.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme]
    assert w.page.evaluate("document.documentElement.scrollWidth") <= width
    name = served.strip("/").replace("/", "-") or "beranda"
    shot(w.page, f"grafik-{name}-{width}-{scheme}.png")
    assert w.clean(), (w.errors, w.failed, w.foreign)
    w.close()


def test_static_svg_shows_without_javascript(browser, portal):
    url, _ = portal
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "sasaran/s-1-1-1/", wait_until="networkidle")
    widths = page.eval_on_selector_all(".kt-grafik__kanvas img", "imgs => imgs.map(i => i.complete && i.naturalWidth)")
    assert widths and all(widths)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert summaries_heard(page) == [1] * len(widths)  # as the image's text, not again as the caption
    context.close()


def test_a_chart_far_below_is_drawn_only_when_the_reader_scrolls_to_it(browser, portal):
    """The static SVG is the first paint; the interactive chart (and the Vega bundle) wait for the reader."""
    url, _ = portal
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    bundles = []
    page.on("request", lambda r: bundles.append(r.url) if r.url.endswith("vendor/vega.js") else None)
    page.goto(url + "sasaran/s-1-1-1/", wait_until="networkidle")
    far = page.evaluate("""() => [...document.querySelectorAll('.kt-grafik__kanvas')].map(
        (b, i) => [i, b.getBoundingClientRect().top, b.dataset.status]).filter(x => x[1] > 3 * innerHeight)""")
    assert far, "the page needs a chart far below the first screen for this test"
    assert {status for _, _, status in far} == {"menunggu"}
    index = far[-1][0]
    page.evaluate("i => document.querySelectorAll('.kt-grafik__kanvas')[i].scrollIntoView()", index)
    page.wait_for_function("i => document.querySelectorAll('.kt-grafik__kanvas')[i].dataset.status === 'hidup'", arg=index)
    assert bundles, "the Vega bundle is fetched once a chart is to be drawn"
    context.close()


def test_the_drawing_process_draws_what_the_build_would_and_its_failures_only_cost_time():
    """render/drawer.py: the process `kinerja build` starts for vl-convert draws the very SVG the build's own
    process draws; a spec vl-convert refuses comes back as None (the build then draws it itself and reports
    vl-convert's error) and the process goes on serving; a process that died is no error either, and the
    next build starts another."""
    import vl_convert as vlc

    from generator.render import drawer

    spec = json.dumps({"data": {"values": [{"a": "Dinas", "b": 3}, {"a": "Badan", "b": 5}]}, "mark": "bar",
                       "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}})
    here = vlc.vegalite_to_svg(json.loads(spec))
    drawer.start()
    assert drawer.draw(spec) == here
    assert drawer.draw(json.dumps({"mark": 5})) is None
    with pytest.raises(ValueError):
        charts._drawn(json.dumps({"mark": 5}))
    assert drawer.draw(spec) == here
    channel = drawer._STATE["process"]
    channel.process.kill()
    channel.process.wait()
    assert drawer.draw(spec) is None and drawer._STATE["process"] is None
    drawer.start()
    assert drawer._STATE["process"] is not channel and drawer.draw(spec) == here


def test_images_drawn_ahead_land_where_their_tokens_were(monkeypatch):
    """charts.drawing_ahead: while pages render, each static image is ordered from the drawing process and
    stands as a token in the page and the file; settling puts the image, and its size attributes, where
    the tokens were, exactly as drawing it at once would have, and leaves alone text that only looks like
    a token. A spec vl-convert refuses raises its error when settled, as drawing it at once does."""
    from generator.render import drawer

    monkeypatch.delenv(kept.SHARED, raising=False)  # nothing kept: every image is drawn
    chart = charts.Chart("uji", "Uji <b>", {"data": {"values": [{"a": "Dinas", "b": 3}, {"a": "Badan", "b": 5}]},
                                            "mark": "bar", "encoding": {"x": {"field": "a", "type": "nominal"},
                                                                        "y": {"field": "b", "type": "quantitative"}}},
                         pd.DataFrame({"OPD": ["Dinas", "Badan"], "Nilai": ["3", "5"]}), "Dua batang.")
    now = charts.embed(chart, "sasaran/s-1/")
    charts._DRAWN.clear()
    drawer.start()
    forged = "\x00kt-svg-0123456789abcdef-0\x00"
    with charts.drawing_ahead() as ahead:
        later = charts.embed(chart, "sasaran/s-1/")
        assert len(ahead.orders) == 2 and str(later.html) != str(now.html)
        pages = {"sasaran/s-1.md": str(later.html) + forged, **later.files}
        assert any(ahead.mark in text for text in pages.values())
        ahead.settle(pages)
    assert pages == {"sasaran/s-1.md": str(now.html) + forged, **now.files}
    assert re.search(r'<img src="[^"]+/uji\.svg" [^>]*width="\d+" height="\d+"', pages["sasaran/s-1.md"])
    assert pages["grafik/uji.svg"].startswith("<svg") and ahead.mark not in "".join(pages.values())

    charts._DRAWN.clear()
    refused = charts.Chart("salah", "Salah", {"mark": 5}, pd.DataFrame({"a": ["1"]}), "Tidak bisa digambar.")
    with pytest.raises(ValueError), charts.drawing_ahead() as ahead:
        placed = charts.embed(refused, "x/")
        ahead.settle(dict(placed.files))
    assert drawer.draw(json.dumps({"mark": "point"})) is not None  # the process goes on serving


@settings(max_examples=200, deadline=None)
@given(bars=st.lists(st.lists(st.tuples(st.one_of(st.none(), st.floats(0, 1e12)), st.text(max_size=60)),
                              min_size=1, max_size=3), min_size=1, max_size=8),
       floor=st.floats(0.5, 1e12))
def test_every_value_label_fits_beside_its_bar_on_a_phone(bars, floor):
    """A value label is written after the end of its bar; the value axis ends where the longest of them still
    fits in a phone's plot (in the synthetic example "Menuju Informatif (86,10)" ran 3 px past the chart at
    375 px, its closing bracket cut off). Labels longer than any phone plot get the most room, and the axis
    never ends before `floor`, the chart's own headroom, nor beyond four times it."""
    rows = [[{"nilai": v, "teks": t} for v, t in row] for row in bars]
    end = charts._room(rows, floor)
    assert floor <= end <= 4 * floor
    for row in rows:
        for b in row:
            label = len(b["teks"]) * charts.LABEL_CHAR_PX + 6
            if b["nilai"] is None or label > charts.PHONE_PLOT_PX * 0.75 or end == 4 * floor:
                continue
            assert b["nilai"] / end * charts.PHONE_PLOT_PX + label <= charts.PHONE_PLOT_PX * (1 + 1e-9), (b, end)


def test_the_keterbukaan_chart_makes_room_for_its_longest_label():
    """The worked case: 86,1 labelled "Menuju Informatif (86,10)" (25 characters, 156 px) needs the axis to end
    at 86,1 × 300 / 144 ≈ 179,4, where the chart's own headroom (1,3 × 93,4 = 121,4) ended it before."""
    rows = [[{"nilai": 80.0, "teks": "Menuju Informatif (80)"}, {"nilai": 86.1, "teks": "Menuju Informatif (86,10)"}],
            [{"nilai": 90.0, "teks": "Informatif (90)"}, {"nilai": 93.4, "teks": "Informatif (93,40)"}]]
    assert charts._room(rows, 93.4 * 1.3) == pytest.approx(86.1 * 300 / (300 - 25 * 6 - 6))


def _labels_across_rules(svg: str) -> list[str]:
    """The 10 px texts of a drawn chart (value labels beside the bars, the lines' own captions) that a dashed
    reference line runs through, measuring a text generously (0,6 em a character, as Helvetica's digits
    are 0,56; from 9 px above its baseline to 2 px below)."""
    rules = [(float(x), float(y), float(y) + float(h)) for x, y, h in re.findall(
        r'<line[^>]*transform="translate\(([\d.]+),([\d.]+)\)" x2="0" y2="([\d.]+)"[^>]*stroke-dasharray', svg)]
    texts = re.findall(r'<text[^>]*transform="translate\(([\d.]+),([\d.]+)\)"[^>]*font-size="10px"[^>]*>([^<]*)</text>', svg)
    assert rules and texts
    return [f"{text} ({float(x):.1f}–{float(x) + len(text) * 6:.1f} px, garis {rule:.1f} px)"
            for x, y, text in texts for rule, top, bottom in rules
            if float(x) < rule < float(x) + len(text) * 6 and top < float(y) + 2 and float(y) - 9 < bottom]


def _texts_overlapping(svg: str) -> list[str]:
    """Pairs of texts of a drawn chart's marks on one line (baselines within 6 px) whose extents meet: 0,6 em
    a character, generously."""
    found = [(float(x), float(y), float(size), text) for x, y, size, text in re.findall(
        r'<text aria-hidden="true" text-anchor="start" transform="translate\(([\d.]+),([\d.]+)\)"[^>]*font-size="([\d.]+)px"[^>]*>([^<]*)</text>',
        svg)]  # the marks' texts (the legend's are in a group of their own)
    return [f"{a[3]} / {b[3]}" for n, a in enumerate(found) for b in found[n + 1:]
            if abs(a[1] - b[1]) < 6 and a[0] < b[0] + len(b[3]) * 0.6 * b[2] and b[0] < a[0] + len(a[3]) * 0.6 * a[2]]


@pytest.mark.parametrize("width", [charts.SVG_PHONE_WIDTH, charts.SVG_WIDTH])
def test_value_labels_keep_off_the_reference_lines(width):
    """A value written after its bar was crossed by the dashed 100 % line when the bar ended just short of it
    ("96|92%" in the synthetic example's sasaran 1.3), and by the 10- and 17-day limits in the PPID answer
    times ("belum tersedia" too, on an axis reaching 60 days): such a label now starts just past the line. Checked on the images vl-convert draws (the static
    SVG; the live chart draws the same spec), on a phone and at full width."""
    capaian = pd.DataFrame([{"nama": f"Indikator {n}", "capaian": c, "tercapai": c >= 100}
                            for n, c in enumerate([101.5, 96.92, 99.99, 92.0, 88.5, 50.0, 100.0, 131.25])])
    assert _labels_across_rules(charts.svg(charts.capaian_sasaran("uji-capaian", "Uji", capaian, 2025), width)) == []
    days = pd.DataFrame([{"tahun": 2023, "rata_rata_hari": 8.5, "maks_hari": 16},
                         {"tahun": 2024, "rata_rata_hari": 9, "maks_hari": 10},
                         {"tahun": 2025, "rata_rata_hari": None, "maks_hari": 60}])  # "belum tersedia" too
    assert _labels_across_rules(charts.svg(charts.waktu_layanan("uji-hari", "Uji", days, 10, 17), width)) == []


@pytest.mark.parametrize("width", [charts.SVG_PHONE_WIDTH, charts.SVG_WIDTH])
@pytest.mark.parametrize("slowest", [7, 16, 60, 400])
def test_the_limits_captions_cross_no_line_and_no_other_text(width, slowest):
    """The captions of the 10- and 17-day limits sat on one line at the top: on an axis reaching 60 days
    "batas 10" ran into "diperpanjang 17" and the 17-day line ran through it. Now a caption that would meet
    the first row's name or another caption goes below the bars, and the lines run between the two rows."""
    days = pd.DataFrame([{"tahun": 2024, "rata_rata_hari": 3, "maks_hari": 7},
                         {"tahun": 2025, "rata_rata_hari": 6.4, "maks_hari": slowest}])
    svg = charts.svg(charts.waktu_layanan("uji-hari", "Uji", days, 10, 17), width)
    assert _labels_across_rules(svg) == []
    assert _texts_overlapping(svg) == []
    assert "batas 10" in svg and "diperpanjang 17" in svg


def test_captions_go_below_the_bars_only_where_they_would_meet():
    """`_caption_rows` on a phone (300 px): on an axis to 25 days both captions fit at the top; to 81 days
    "batas 10" (from 41 px, 48 px long) reaches past where "diperpanjang 17" starts (67 px)."""
    limits = [{"x": 10, "teks": "batas 10"}, {"x": 17, "teks": "diperpanjang 17"}]
    assert charts._caption_rows(limits, "2023", 25) == [0, 0]
    assert charts._caption_rows(limits, "2023", 81) == [0, 1]
    assert charts._caption_rows(limits, "Tahun anggaran 2023", 81) == [1, 2]  # both would meet the name, and each other


@settings(max_examples=200, deadline=None)
@given(bars=st.lists(st.lists(st.tuples(st.one_of(st.none(), st.floats(0, 1e6)), st.text(max_size=30)),
                              min_size=1, max_size=3), min_size=1, max_size=8),
       rules=st.lists(st.floats(0.5, 1e6), max_size=3), floor=st.floats(0.5, 1e6))
def test_a_label_moved_past_a_line_still_fits_and_crosses_none(bars, rules, floor):
    """Where a label starts (`_label_start`): at its bar's end, or past every reference line it would
    straddle on a phone; and the axis `_room` leaves keeps it inside the plot, as for a label at its bar."""
    rows = [[{"nilai": v, "teks": t} for v, t in row] for row in bars]
    rules = tuple(rules)
    end = charts._room(rows, floor, rules)
    for row in rows:
        for b in row:
            start = charts._label_start(b["nilai"], b["teks"], rules, end)
            width = (len(b["teks"]) * charts.LABEL_CHAR_PX + charts.LABEL_DX) * end / charts.PHONE_PLOT_PX
            if b["nilai"] is None:  # "belum tersedia" at 0, or past the lines where it still fits
                assert start == 0 or (start in rules and start + width <= end)
                assert start == 0 or not any(start < rule < start + width for rule in rules)
                continue
            assert start >= b["nilai"] and (start == b["nilai"] or start in rules)
            assert not any(start < rule < start + width for rule in rules), (b, start, rules)
            label = len(b["teks"]) * charts.LABEL_CHAR_PX + 6
            if label <= charts.PHONE_PLOT_PX * 0.75 and end < 4 * floor:
                assert start / end * charts.PHONE_PLOT_PX + label <= charts.PHONE_PLOT_PX * (1 + 1e-9), (b, end)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10**12), st.one_of(st.none(), st.integers(0, 10**12))), min_size=1, max_size=6))
def test_the_budget_chart_never_adds_up_a_missing_realisasi_as_0(lines):
    """The budget chart's sentence summed the lines' realisasi with a missing one as 0, and called that the
    year's realisasi (beside a page that said it was unknown). It sums them only when every line has one."""
    from generator import fmt

    rows = pd.DataFrame([{"uraian": f"Program {n}", "pagu": p, "realisasi": min(r, p) if r is not None else None}
                         for n, (p, r) in enumerate(lines)])
    summary = charts.anggaran("anggaran-uji", "Uji", rows, 2025).summary
    missing = int(rows["realisasi"].isna().sum())
    if missing:
        assert summary.startswith(f"Pagu anggaran 2025 {fmt.rupiah_singkat(sum(p for p, _ in lines))}; realisasi belum "
                                  f"tersedia untuk {missing} dari {len(lines)} baris"), summary
    else:
        assert summary.startswith(f"Realisasi anggaran 2025 {fmt.rupiah_singkat(int(rows['realisasi'].sum()))} dari "
                                  f"pagu {fmt.rupiah_singkat(sum(p for p, _ in lines))}"), summary


def _same_chart(a: charts.Chart, b: charts.Chart) -> bool:
    return ((a.id, a.title, a.summary, charts.spec_json(a)) == (b.id, b.title, b.summary, charts.spec_json(b))
            and a.table.equals(b.table) and list(a.table.columns) == list(b.table.columns))


_LINES = st.lists(st.tuples(st.sampled_from(["Program A", "Program B", "Belanja <b>", "1"]),
                            st.integers(1, 10**12), st.one_of(st.none(), st.integers(0, 10**12),
                                                              st.floats(0, 1e6, allow_nan=False))),
                  min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(first=_LINES, second=_LINES, year=st.integers(2020, 2030))
def test_a_kept_chart_is_the_one_its_builder_makes_for_the_same_arguments(first, second, year):
    """A build keeps each chart under a hash of its builder's arguments (charts.kept_chart), so the next build
    makes again only the charts an edit changed. For any two sets of budget lines (a value as an int, a float
    or missing: equal-looking arguments of another type are other arguments), built one after the other and
    the first again inside one kept folder, every chart equals what the builder itself makes for those
    arguments, never one kept for other arguments, and the repeated one is read back, not made again."""
    import os
    import tempfile
    from unittest import mock

    def frame(lines):
        return pd.DataFrame([{"uraian": u, "pagu": p, "realisasi": r} for u, p, r in lines])
    made = []
    builder = charts.anggaran.__wrapped__

    def counted(*args, **kwargs):
        made.append(args)
        return builder(*args, **kwargs)
    wrapped = charts.kept_chart(counted)
    with (tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ),  # the folder's own entries alone:
          kept.kept(Path(folder))):
        os.environ.pop(kept.SHARED, None)  # not the test run's shared store
        for lines in (first, second, first):
            assert _same_chart(wrapped("anggaran-uji", "Uji", frame(lines), year),
                               builder("anggaran-uji", "Uji", frame(lines), year)), lines
        distinct = 1 if frame(first).equals(frame(second)) and frame(first).dtypes.equals(frame(second).dtypes) else 2
        assert len(made) == distinct  # the first set's second build was read back
        assert len(list(Path(folder).glob("*.grafik"))) == distinct
