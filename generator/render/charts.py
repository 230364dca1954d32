"""Charts for the portal: Vega-Lite specs built with Altair, saved as `grafik/<id>.json` beside the pages.

The browser draws them with the Vega bundle this site serves itself (`theme/assets/javascripts/vendor/vega.js`, never a CDN),
through `theme/assets/javascripts/charts.js`. Each chart also gets a static SVG (vl-convert, same
Indonesian locale) that print and readers without JavaScript see, a one-sentence summary and its
data as a table, so no figure exists only as a picture.

Builders are pure: DataFrames in, `Chart` out. Data-derived text only ever travels as data values
(never inside a Vega expression), so a hostile indicator name is drawn as text; `chart_html`
escapes everything it prints.
"""
from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import json
import math
import pickle
import re
import secrets
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from markupsafe import Markup

from generator import cache, fmt
from generator.domain.values import as_decimal, percent, present, row_dicts
from generator.render import drawer, kept
from generator.render.environment import environment
from generator.render.links import root_from
from generator.render.tabel import layout
from generator.render.words import BELUM_TERSEDIA, DIBAWA, TANPA_DATA, TERCAPAI, TIDAK_TERCAPAI, achievement, serapan_text, status_realisasi

BUNDLE_PATH = "assets/javascripts/vendor/vega.js"  # charts.js loads it relative to its own URL
SVG_WIDTH = 640  # the static image's width; the live chart fills its container instead
# A second static image for phones, drawn at about the width it is shown at (343 px on a 375 px screen),
# so its 11-12 px labels stay 11-12 px: the 640 px image scaled down to a phone shrinks them to 6 px.
SVG_PHONE_WIDTH = 340
PHONE_MEDIA = "(max-width: 30em)"  # up to 480 px screens take the phone image
WRAP = 44  # characters per line of a row label: fits a 375 px phone at 12 px

# d3-format / d3-time-format definitions for Indonesian: 1.234,5 · Rp1.234 · 13 Februari 2026.
LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "time": {
        "dateTime": "%A, %e %B %Y %H.%M.%S", "date": "%d/%m/%Y", "time": "%H.%M.%S", "periods": ["AM", "PM"],
        "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
        "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                   "Oktober", "November", "Desember"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    },
}

# Okabe-Ito hues (told apart with the common colour-vision deficiencies) plus a grey for targets and
# pagu; every bar also carries its value as text. Light: blue, a darker vermillion and grey reach
# 5.2, 4.6 and 3.7:1 on white. The light set is in the spec; charts.js swaps each colour for its dark
# twin on Material's `slate` scheme (sky blue, orange: 7:1 there), where the light ones would be too dark.
LIGHT = {"biru": "#0072B2", "jingga": "#C15400", "netral": "#858585", "hijau": "#007A5A", "teks": "#2b2b2b",
         "sumbu": "#595959", "kisi": "#dedede"}
DARK = {"biru": "#56B4E9", "jingga": "#E69F00", "netral": "#9aa0ab", "hijau": "#3DD6A3", "teks": "#e3e5ea",
        "sumbu": "#b5bac4", "kisi": "#3b404c"}


@dataclass
class Chart:
    id: str  # file-safe; names grafik/<id>.json and .svg
    title: str
    spec: dict  # Vega-Lite; data-derived text only in data values
    table: pd.DataFrame  # the chart's data, already formatted strings, Indonesian headers
    summary: str  # one sentence: what the chart shows


def slug(*parts: str) -> str:
    """A file-safe chart id. Ids that had to change get a short hash, so two never collide."""
    raw = "-".join(str(p) for p in parts)
    clean = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-") or "grafik"
    if clean != raw:
        clean += "-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:6]
    return clean


def kept_chart(builder):
    """A chart builder whose charts are kept between builds (`render.kept`) under a hash of its arguments and
    the code key: the next build of a package makes again only the charts its edit changed. Building a
    chart through Altair took ~0,19 s of the default package's ~0,9 s of rendering; an unchanged one is now
    read back. The builders are pure (the same arguments give the same chart), so a kept one is the one
    they would make."""
    @functools.wraps(builder)
    def build(*args, **kwargs) -> Chart:
        def name() -> str:
            given = pickle.dumps((args, sorted(kwargs.items())), protocol=5)
            return cache.key("grafik", builder.__name__, hashlib.sha256(given).hexdigest())[:32] + ".grafik"
        try:
            name_of, data = kept.find(name)
        except (pickle.PicklingError, TypeError, AttributeError):  # an argument pickle cannot write: not kept
            name_of, data = None, None
        if data is not None:
            return pickle.loads(data)
        with unchecked():
            chart = builder(*args, **kwargs)
        kept.keep(name_of, pickle.dumps(chart, protocol=5))
        return chart
    return build


# --- output -----------------------------------------------------------------------------------

def spec_json(chart: Chart) -> str:
    """Deterministic JSON: sorted keys, so two builds of the same data give the same bytes."""
    return json.dumps(chart.spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


class _Altair:
    """Altair, imported when a chart is first built (~0,25 s of every `kinerja` command's start, `validate`
    included, when imported with this module): a build whose charts are all kept (`kept_chart`) and every
    command that draws none never imports it."""

    def __getattr__(self, name: str):
        import altair

        return getattr(altair, name)


alt = _Altair()


@contextlib.contextmanager
def unchecked():
    """Altair checks every schema object against the Vega-Lite schema as it is made (its "debug mode"):
    about a tenth of rendering a package. The builders' specs are checked against the schema by the
    tests (test_charts), so a build turns the check off (`kept_chart`); the specs are the same."""
    with alt.utils.schemapi.debug_mode(False):
        yield


def svg(chart: Chart, width: int = SVG_WIDTH) -> str:
    """The static image: the same spec at a fixed width (a file has no container to fill). While drawing
    ahead (`drawing_ahead`), an image still to be drawn is a token that `Ahead.settle` replaces."""
    spec = json.loads(spec_json(chart))
    spec["width"] = width
    spec.pop("autosize", None)
    text = json.dumps(spec)

    def name() -> str:
        text = json.dumps(spec, sort_keys=True, ensure_ascii=False) + "|" + cache.tool_version("vl-convert-python")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ".svg"
    ahead = _AHEAD["now"]
    if ahead is not None:
        return ahead.svg(text, name)
    return kept.get(name, lambda: _drawn(text).encode("utf-8")).decode("utf-8")


_DRAWN: collections.OrderedDict[str, str] = collections.OrderedDict()  # spec JSON -> SVG, newest last
_DRAWN_MAX = 2000  # ~20 KB each: what a process keeps (`kinerja serve`, the tests)


def _drawn(spec: str) -> str:
    """vl-convert's image of a spec (JSON text): from the drawing process when the build started one
    (`render.drawer`), else drawn here; a process keeps them."""
    known = _known(spec)
    if known is not None:
        return known
    drawn = drawer.draw(spec)
    if drawn is None:
        import vl_convert as vlc

        drawn = vlc.vegalite_to_svg(json.loads(spec))
    _remember(spec, drawn)
    return drawn


def _known(spec: str) -> str | None:
    """The image this process already drew for a spec (marked as just used), or None."""
    known = _DRAWN.get(spec)
    if known is not None:
        _DRAWN.move_to_end(spec)
    return known


def _remember(spec: str, image: str) -> None:
    _DRAWN[spec] = image
    _DRAWN.move_to_end(spec)
    while len(_DRAWN) > _DRAWN_MAX:
        _DRAWN.popitem(last=False)


class Ahead:
    """Images ordered from the drawing process while the pages are still being rendered.

    `svg` hands out a token for each image the drawing process has been sent (the image's size
    attributes get a token of their own, see `_size`); `settle` takes the answers and puts each image
    where its tokens are. A token holds a random part, so no text from the data can pass for one. An
    image the process could not draw is drawn here, which raises vl-convert's error for a spec it refuses,
    as drawing it at once would."""

    def __init__(self) -> None:
        self.mark = f"\x00kt-svg-{secrets.token_hex(8)}-"
        self.orders: dict[str, tuple] = {}  # token -> (drawer order, spec JSON, kept name)
        self.tokens: dict[str, str] = {}  # spec JSON -> its token: an image on two pages is ordered once
        self.pattern = re.compile(re.escape(self.mark) + r"(\d+)(-ukuran)?\x00")

    def svg(self, text: str, name_of) -> str:
        name, data = kept.find(name_of)
        if data is not None:
            return data.decode("utf-8")
        if text in self.tokens:
            return self.tokens[text]
        known = _known(text)
        if known is None:
            order = drawer.send(text)
            if order is not None:
                token = self.tokens[text] = f"{self.mark}{len(self.tokens)}\x00"
                self.orders[token] = (order, text, name)
                return token
            known = _drawn(text)
        kept.keep(name, known.encode("utf-8"))
        return known

    def size(self, image: str) -> str | None:
        """The size token of an image token; None for anything else."""
        return image[:-1] + "-ukuran\x00" if image in self.orders else None

    def settle(self, pages: dict[str, str]) -> None:
        """Every image ordered so far, in place of its tokens in `pages` (paths to text)."""
        drawn: dict[str, str] = {}
        for token in list(self.orders):
            order, text, name = self.orders.pop(token)  # taken: an error below leaves only the rest to drain
            image = drawer.receive(order)
            if image is None:
                image = _drawn(text)
            else:
                _remember(text, image)
            kept.keep(name, image.encode("utf-8"))
            drawn[token] = image
        self.tokens.clear()

        def put(match: re.Match) -> str:
            image = drawn[f"{self.mark}{match.group(1)}\x00"]
            return _size(image) if match.group(2) else image
        for path, text in pages.items():
            if isinstance(text, str) and self.mark in text:
                pages[path] = self.pattern.sub(put, text)


_AHEAD: dict = {"now": None}


@contextlib.contextmanager
def drawing_ahead() -> Iterator[Ahead]:
    """Within the block, `svg` orders the images it has to draw from the drawing process and goes on; the
    caller hands the pages to `Ahead.settle` before the block ends. Without a drawing process every image
    is drawn at once, as outside the block."""
    outer = _AHEAD["now"]
    ahead = _AHEAD["now"] = Ahead()
    try:
        yield ahead
    finally:
        _AHEAD["now"] = outer
        for order, _text, _name in ahead.orders.values():  # left unsettled by an error: answers not kept
            drawer.receive(order)


@dataclass
class Embedded:
    """A chart placed on a page: its HTML block, and the files it needs (spec, optional SVG)."""

    html: Markup
    files: dict[str, str]


def embed(chart: Chart, page_path: str, static_svg: bool = True, env=None) -> Embedded:
    """The chart's HTML block for `page_path` and its files. `static_svg`: also render the SVG that print
    and readers without JavaScript see (vl-convert, ~65 ms a chart; a large catalog turns it off and keeps
    the summary sentence and the data table as the fallback). `env`: the page's template environment (its
    compiled templates are kept with the build's)."""
    files = {f"grafik/{chart.id}.json": spec_json(chart)}
    if static_svg:
        files[f"grafik/{chart.id}.svg"] = svg(chart)
        files[f"grafik/{chart.id}-ponsel.svg"] = svg(chart, SVG_PHONE_WIDTH)
    svg_text = files.get(f"grafik/{chart.id}.svg")
    return Embedded(Markup(chart_html(chart, page_path, svg_text, static=svg_text is not None,
                                      phone=files.get(f"grafik/{chart.id}-ponsel.svg"), env=env)), files)


def bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one file, as vl-convert bundles them, so no page fetches a CDN.
    The site serves the copy in the theme (`theme/` + BUNDLE_PATH, written by `make vega`): bundling
    takes one to three seconds, which every fresh build would pay. A test checks that the copy is this
    text for the installed vl-convert. The first line says what it holds and under which licences (the
    minified code keeps none)."""
    import importlib.metadata

    import vl_convert as vlc

    header = (f"/* Vega {vlc.get_vega_version()}, Vega-Lite {vlc.get_vegalite_versions()[-1]}, vega-embed "
              f"{vlc.get_vega_embed_version()} and their dependencies, bundled by vl-convert "
              f"{importlib.metadata.version('vl-convert-python')}. Vega, Vega-Lite, vega-embed: BSD-3-Clause, "
              f"copyright University of Washington Interactive Data Lab; d3 modules: ISC; others: MIT or BSD. */\n")
    return header + vlc.javascript_bundle()


def _size(image: str | None) -> str:
    """width and height attributes of an SVG text, so the page keeps its place before the image loads (for
    an image still being drawn ahead, a token `Ahead.settle` replaces with them)."""
    ahead = _AHEAD["now"]
    if ahead is not None and image is not None and (token := ahead.size(image)) is not None:
        return token
    match = re.search(r'<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"', image or "")
    return f' width="{match.group(1)}" height="{match.group(2)}"' if match else ""


def chart_html(chart: Chart, page_path: str, image: str | None = None, static: bool = True,
               phone: str | None = None, env=None) -> str:
    """A raw-HTML block for a Markdown page (template `_grafik.html.j2`): caption, a container charts.js
    fills, the static SVG inside it as fallback (unless `static` is false: no SVG was made), and the data
    table. `image` is the SVG text, for its size (avoids layout shift); `phone`, the phone-width SVG text,
    when there is one (a <picture> then gives small screens that image)."""
    labels = [str(c) for c in chart.table.columns]
    return (env or environment()).get_template("_grafik.html.j2").render(
        id=chart.id, title=chart.title, summary=chart.summary, base=root_from(page_path) + f"grafik/{chart.id}",
        static=static, size=Markup(_size(image)), phone_size=Markup(_size(phone)) if phone is not None else None,
        phone_media=Markup(PHONE_MEDIA), layout=layout(len(labels)), labels=labels,
        rows=[list(zip(labels, map(_cell, row))) for row in chart.table.itertuples(index=False)])


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return re.sub(r"\s+", " ", str(value))


# --- spec helpers ------------------------------------------------------------------------------

def _config() -> dict:
    p = LIGHT
    label = {"labelColor": p["sumbu"], "titleColor": p["sumbu"], "labelFontSize": 11, "titleFontSize": 11,
             "titleFontWeight": "normal"}
    return {
        "locale": LOCALE,
        "background": "transparent",
        "font": "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif",
        "view": {"stroke": None},
        # Vega's own ARIA labels are English and list raw fields; the chart's description (the summary)
        # and the data table beside it speak for the chart instead.
        "axis": {**label, "domainColor": p["kisi"], "tickColor": p["kisi"], "gridColor": p["kisi"], "aria": False},
        # Two legends (status and carried-forward values) stack, so a phone-width chart keeps its width.
        "legend": {"labelColor": p["teks"], "titleColor": p["teks"], "labelFontSize": 12, "orient": "top",
                   "symbolType": "square", "title": None, "labelLimit": 320, "aria": False,
                   "layout": {"top": {"anchor": "start", "direction": "vertical", "margin": 2}}},
        "mark": {"aria": False},
        "text": {"color": p["teks"], "fontSize": 11},
        "rule": {"color": p["teks"]},
    }


class Values:
    """A chart's data values, held outside Altair's objects under a name and put back into the finished
    spec. Altair deep-copies every layer, values included, at each step of building a chart, and walks
    every value again on the way out: more than half of making a chart. The builders' values are plain
    JSON already (str, float, int, bool, None, lists and dicts of them), so neither step is needed."""

    def __init__(self) -> None:
        self.held: dict[str, list] = {}

    def __call__(self, values: list) -> alt.Data:
        name = f"kt-nilai-{len(self.held)}"
        self.held[name] = values
        return alt.Data(name=name)

    def fill(self, spec):
        """`spec` with each held name's data reference replaced by its values."""
        if isinstance(spec, dict):
            if len(spec) == 1 and spec.get("name") in self.held:
                return {"values": self.held[spec["name"]]}
            return {k: self.fill(v) for k, v in spec.items()}
        if isinstance(spec, list):
            return [self.fill(v) for v in spec]
        return spec


def _finish(layers: list[alt.Chart], summary: str, values: Values, height=None) -> dict:
    """The layers as one spec, as a dict: container width, our config, the summary as ARIA description,
    and the light→dark colour map charts.js applies on the dark scheme.

    The layers go into the schema's own TopLevelLayerSpec, not through `alt.layer`: that deep-copies every
    layer twice to merge selection parameters and data the layers share, and these charts have neither
    (no selections; each layer names its own data), so the same dict comes out at a fraction of the cost."""
    # The builders' specs are tested against the schema (test_charts); validating each costs ~30 ms. The
    # layers are written as parts of the spec (`top_level` False: no $schema or config of their own).
    with alt.utils.schemapi.debug_mode(False):
        layered = alt.TopLevelLayerSpec(layer=layers)
    spec = values.fill(layered.to_dict(validate=False, context={"top_level": False}))
    spec["$schema"] = alt.SCHEMA_URL
    spec["config"] = _config()
    spec["width"] = "container"
    if height is not None:
        spec["height"] = height
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["description"] = summary
    spec["usermeta"] = {"warna_gelap": {LIGHT[k]: DARK[k] for k in LIGHT}}
    return spec


def _num(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else round(number, 6)


# A row's name in a chart is at most this many lines, the last one ending "…" when the name is longer: the
# whole name is in the figure's table and on the page. Real names take 1-4 lines; a name of 250.000
# letters made a chart 84.000 px tall, and drawing it took most of a minute.
LABEL_LINES = 8


def _lines(text: str, width: int = WRAP) -> list[str]:
    lines = textwrap.wrap(re.sub(r"\s+", " ", str(text)), width) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][:width - 1].rstrip() + "…"
    return lines


MEASURED = "Diukur tahun itu"
CARRIED = status_realisasi(DIBAWA).capitalize()  # "Nilai tahun sebelumnya dipakai lagi"


def _carried_encoding(bars: list[list[dict]]) -> dict:
    """Bars whose value is an earlier measurement used again (`dibawa`) are drawn pale, with a legend entry
    of their own (and an outline in their colour, `_row_layers`, so they still stand 3:1 against the page);
    nothing when no bar is."""
    if not any(b.get("dibawa") for row in bars for b in row):
        return {}
    for row in bars:
        for b in row:
            b["ukur"] = CARRIED if b.get("dibawa") else MEASURED
    return {"opacity": alt.Opacity("ukur:O", sort=[MEASURED, CARRIED],  # ordered: Vega-Lite warns on a nominal opacity
                                   scale=alt.Scale(domain=[MEASURED, CARRIED], range=[1, 0.35]),
                                   # keys in the neutral grey, which has a dark twin (Vega's default black
                                   # vanished on the dark scheme)
                                   legend=alt.Legend(title=None, symbolFillColor=LIGHT["netral"],
                                                     symbolStrokeColor=LIGHT["netral"]))}


def _outline(color: alt.Color) -> alt.Stroke:
    """The outline of a pale bar in its series' colour, with the colour's own legend setting: a layer that
    disabled the legend its fill shows made Vega-Lite warn of a conflict (and drop one of them)."""
    spec = color.to_dict()
    extra = {"legend": spec["legend"]} if "legend" in spec else {}
    return alt.Stroke(color.shorthand, scale=alt.Scale(**spec["scale"]), **extra)


# The narrowest plot a bar chart gets (a 375 px phone, less the page margins and the axis) and the width of a
# character of its 10 px value labels, generously: what `_room` needs to keep a label beside its bar.
PHONE_PLOT_PX, LABEL_CHAR_PX = 300, 6.0


def _room(bars: list[list[dict]], floor: float, rules: tuple[float, ...] = ()) -> float:
    """The end of the value axis: `floor`, or further where a bar's label (written after its end, or past a
    reference line in `rules` above it, see `_label_start`) would otherwise run past the plot on a phone
    ("Menuju Informatif (86,10)" beside a bar at 86,1 of 120). A label too long for any phone plot gets the
    room of one that just fits (at most 4 × `floor`)."""
    end = floor
    for row in bars:
        for b in row:
            if b["nilai"] is None or b["nilai"] <= 0:
                continue
            label = min(len(str(b["teks"])) * LABEL_CHAR_PX + 6, PHONE_PLOT_PX * 0.75)
            start = max([b["nilai"], *(rule for rule in rules if rule > b["nilai"])])
            end = max(end, start * PHONE_PLOT_PX / (PHONE_PLOT_PX - label))
    return min(end, 4 * floor)


LABEL_DX = 4  # px between a bar's end (or a line it is moved past) and its value label


def _label_start(value: float | None, text: str, rules: tuple[float, ...], end: float) -> float:
    """Where a bar's value label starts, in axis units: at the bar's end, or just past a reference line
    (100 %, a legal limit) that the label would otherwise straddle ("96|92%" with the dashed 100 % line
    through it). Measured for the narrowest plot (a phone): on a wider one the label is shorter in axis
    units, so a label clear of the line on a phone is clear everywhere. A bar without a value has its
    label ("belum tersedia") at 0, moved the same way only where it then still fits in the plot (the axis
    makes no room for it: a line through a label is better than a label cut off)."""
    start = value if value is not None else 0
    width = (len(text) * LABEL_CHAR_PX + LABEL_DX) * end / PHONE_PLOT_PX
    for rule in sorted(rules):
        if start < rule < start + width:
            start = rule
    if value is None and start + width > end:
        return 0
    return start


NAME_CHAR_PX = 7.5  # a character of the 12 px row names, generously
CAPTION_ROW = 12  # px: the 10 px captions of reference lines, in the first row's name line or below the bars


def _caption_rows(limits: list[dict], first_name: str, end: float) -> list[int]:
    """Which row each reference line's caption (`teks`, at `x`) goes in, measured on the narrowest plot (a
    phone): the top row (0), beside the first row's name, or the first row below the bars (1, 2, ...) where
    it meets nothing: "batas 10" ran into "diperpanjang 17" on an axis reaching 60 days. The lines run
    between the top row and the bars' end (from `CAPTION_ROW`), so no line crosses a caption."""
    px = PHONE_PLOT_PX / end
    taken: dict[int, list[tuple[float, float]]] = {0: [(0.0, len(first_name) * NAME_CHAR_PX)]}
    where = {}
    for limit in sorted(limits, key=lambda limit: limit["x"]):
        start = limit["x"] * px + LABEL_DX
        span = (start, start + len(limit["teks"]) * LABEL_CHAR_PX)
        row = next(r for r in range(len(limits) + 1) if not any(a < span[1] and span[0] < b for a, b in taken.get(r, [])))
        taken.setdefault(row, []).append(span)
        where[limit["x"]] = row
    return [where[limit["x"]] for limit in limits]


def _row_layers(labels: list[str], bars: list[list[dict]], xs: alt.Scale, x_title: str, axis: alt.Axis,
                color: alt.Color, tooltip: list, values: Values, rules: tuple[float, ...] = (),
                guide: float | None = None) -> tuple[list, int]:
    """Horizontal bars laid out in pixels, each row's name wrapped above its bars, so long indicator
    names stay whole on a 375 px phone. `bars[i]`: dicts with seri, nilai (or None) and teks, and
    `dibawa` when the value is an earlier measurement used again; a bar without a value keeps its place
    and shows its text ('belum tersedia'). `rules`: where the chart draws reference lines across the bars,
    which value labels are kept off (`_label_start`). `guide`: a dashed reference line (100 %) drawn across
    each row's bars only, never through the names above them (a line through the text, on a phone).
    Returns the layers and the height."""
    bar = 12 if max((len(b) for b in bars), default=1) > 1 else 14
    end = xs.to_dict()["domain"][1]
    carried = _carried_encoding(bars)
    names, rows, bands, y = [], [], [], 0
    for label, row in zip(labels, bars):
        lines = _lines(label)
        names.append({"baris": lines, "y": y})
        top = y + 14 * len(lines) + 3
        bands.append({"x": guide, "y0": top - 2, "y1": top + len(row) * (bar + 3) - 1})
        for k, b in enumerate(row):
            y0 = top + k * (bar + 3)
            rows.append({**b, "y0": y0, "y1": y0 + bar, "ym": y0 + bar / 2, "nol": 0,
                         "ujung": _label_start(b["nilai"], str(b["teks"]), rules, end)})
        y = top + len(row) * (bar + 3) + 12
    px = functools.partial(alt.Y, scale=None, axis=None)
    x = functools.partial(alt.X, scale=xs, title=x_title, axis=axis)
    data = alt.Chart(values(rows))
    layers = [
        alt.Chart(values(names)).mark_text(align="left", baseline="top", fontSize=12, lineHeight=14)
        .encode(y=px("y:Q"), x=alt.XValue(0), text=alt.Text("baris:N")),
        data.transform_filter("isValid(datum.nilai)").mark_bar()
        .encode(x=x("nol:Q"), x2=alt.X2("nilai:Q"), y=px("y0:Q"), y2=alt.Y2("y1:Q"), color=color, tooltip=tooltip,
                **carried),
        data.mark_text(align="left", baseline="middle", dx=LABEL_DX, fontSize=10).encode(x=x("ujung:Q"), y=px("ym:Q"),
                                                                                  text=alt.Text("teks:N")),
    ]
    if carried:
        layers.append(data.transform_filter("isValid(datum.nilai) && datum.dibawa").mark_bar(filled=False, strokeWidth=1.5)
                      .encode(x=x("nol:Q"), x2=alt.X2("nilai:Q"), y=px("y0:Q"), y2=alt.Y2("y1:Q"),
                              stroke=_outline(color)))
    if guide is not None:  # under the bars, as the full-height line was
        layers.insert(0, alt.Chart(values(bands)).mark_rule(strokeDash=[5, 3])
                      .encode(x=x("x:Q"), y=px("y0:Q"), y2=alt.Y2("y1:Q")))
    return layers, max(y - 8, 20)


# Channels are passed as objects (alt.Text, alt.X2, alt.XValue), never as shorthand strings or
# alt.value dicts: Altair infers those through its JSON schema, ~3.5 ms per encode() instead of ~0.15 ms.

# --- builders ----------------------------------------------------------------------------------

@kept_chart
def target_realisasi(chart_id: str, title: str, rows: pd.DataFrame, satuan: str = "",
                     akhir: dict | None = None, nama: str | None = None) -> Chart:
    """Target and realisasi per year of one indicator, a row per year, and where there is one the
    Renstra end-of-period target as a last row (where the yearly targets should lead).
    Rows, not columns: the values stay legible beside their bars on a 375 px phone.

    rows: tahun, target, realisasi (numbers or missing), target_teks, realisasi_teks, capaian_teks, and
    optionally status (the realisasi's status code: `dibawa` is drawn pale and named).
    akhir: {"tahun", "nilai", "teks"} or None. nama: the indicator, for the summary (default: title).
    """
    rows = rows.sort_values("tahun")
    records = row_dicts(rows)
    measured = [r["tahun"] for r in records if _num(r.get("realisasi")) is not None]
    labels, bars = [], []
    for r in records:
        row = []
        for seri, key in (("Target", "target"), ("Realisasi", "realisasi")):
            v = _num(r.get(key))
            # A missing realisasi is shown up to the last measured year (a gap the reader should see);
            # after it, only the targets ahead are drawn.
            if v is not None or (key == "realisasi" and measured and r["tahun"] <= max(measured)):
                row.append({"tahun": str(r["tahun"]), "seri": seri, "nilai": v, "teks": str(r[f"{key}_teks"]),
                            "dibawa": key == "realisasi" and r.get("status") == DIBAWA and v is not None})
        if any(b["nilai"] is not None for b in row):
            carried = any(b["dibawa"] for b in row)
            labels.append(f"{r['tahun']} (realisasi: {status_realisasi(DIBAWA)})" if carried else str(r["tahun"]))
            bars.append(row)
    has_end = bool(akhir) and _num(akhir.get("nilai")) is not None
    if has_end:
        # A last row, not a line across the chart: a line would cross the value labels near it.
        labels.append(f"Target akhir Renstra ({akhir['tahun']})")
        bars.append([{"tahun": labels[-1], "seri": "Target", "nilai": _num(akhir["nilai"]), "teks": str(akhir["teks"])}])
    numbers = [b["nilai"] for row in bars for b in row if b["nilai"] is not None]
    top = max(numbers + [0]) or 1
    xs = alt.Scale(domain=[0, _room(bars, top * 1.3)], nice=False, zero=True)
    # Small whole-number scales (levels 1–5) get whole ticks only: "1,5" would be no level at all.
    axis = (alt.Axis(values=list(range(0, int(top) + 1)), format=",d")
            if top <= 10 and all(float(n).is_integer() for n in numbers) else alt.Axis(tickCount=5))
    color = alt.Color("seri:N", scale=alt.Scale(domain=["Target", "Realisasi"], range=[LIGHT["netral"], LIGHT["biru"]]),
                      legend=alt.Legend(title=None))
    tip = [alt.Tooltip("tahun:N", title="Tahun"), alt.Tooltip("seri:N", title="Keterangan"), alt.Tooltip("teks:N", title="Nilai")]
    x_title = satuan.capitalize() or "Nilai"
    held = Values()
    layers, height = _row_layers(labels, bars, xs, x_title, axis, color, tip, held)
    summary = _summary_target(nama or title, records, akhir)
    lines = [[str(r["tahun"]), str(r["target_teks"]),
              f"{r['realisasi_teks']} ({status_realisasi(DIBAWA)})" if r.get("status") == DIBAWA else str(r["realisasi_teks"]),
              str(r["capaian_teks"])] for r in records]
    if has_end:
        lines.append([f"{akhir['tahun']} (target akhir Renstra)", str(akhir["teks"]), "–", "–"])
    table = pd.DataFrame(lines, columns=["Tahun", "Target", "Realisasi", "Capaian"])
    return Chart(chart_id, title, _finish(layers, summary, held, height=height), table, summary)


def _summary_target(title: str, records: list[dict], akhir: dict | None) -> str:
    done = [r for r in records if _num(r.get("realisasi")) is not None]
    end = (f"; target akhir Renstra {akhir['tahun']} adalah {akhir['teks']}"
           if akhir and _num(akhir.get("nilai")) is not None else "")
    if done:
        r = done[-1]
        against = f" terhadap target {r['target_teks']}" if _num(r.get("target")) is not None else ""
        cap = f" (capaian {r['capaian_teks']})" if r.get("capaian_teks") not in (None, "", "belum tersedia") else ""
        return f"{title}: realisasi {r['tahun']} {r['realisasi_teks']}{against}{cap}{end}."
    targets = [r for r in records if _num(r.get("target")) is not None]
    if targets:
        first, last = targets[0], targets[-1]
        span = (f"target {first['tahun']} {first['target_teks']} hingga {last['tahun']} {last['target_teks']}"
                if len(targets) > 1 else f"target {first['tahun']} {first['target_teks']}")
        return f"{title}: realisasi belum tersedia; {span}{end}."
    return f"{title}: target dan realisasi belum tersedia."


@kept_chart
def capaian_sasaran(chart_id: str, title: str, rows: pd.DataFrame, tahun, rata_rata=None,
                    words: tuple[str, ...] | None = None) -> Chart:
    """Capaian of each indicator of one sasaran in one year, against the 100% line.

    rows: nama, capaian (number or missing), tercapai (the published flag), in the order to show, and
    optionally status_realisasi (`dibawa`: an earlier measurement used again, drawn pale and named) and
    tanpa_capaian (the words for a row judged by `tercapai` although it has no capaian; no bar is drawn) and
    tanpa_data (the words for a row without a capaian, where they are not `words`' own: "belum dapat dihitung").
    words: the legend's two statuses, what meeting means and (optionally) the word for a row without a
    capaian, when they are not the year's (quarterly progress: "Sesuai rencana" / "Tertinggal dari rencana" /
    "belum dilaporkan").
    """
    met_word, unmet_word, meaning, *rest = words or (TERCAPAI, TIDAK_TERCAPAI, "mencapai target (capaian 100% atau lebih)")
    missing_word = rest[0] if rest else BELUM_TERSEDIA
    shown = {TERCAPAI: met_word, TIDAK_TERCAPAI: unmet_word, TANPA_DATA: missing_word.capitalize()}
    bars, names, empties = [], [], []  # empties: the words of each row without a capaian (not chart data)
    for r in row_dicts(rows):
        c = _num(r.get("capaian"))
        # judged without a capaian (`tanpa_capaian`: the words instead, e.g. a planned 0 of a lower-is-better quarter)
        without = r.get("tanpa_capaian") if c is None and isinstance(r.get("tanpa_capaian"), str) else None
        status = shown[achievement(r.get("tercapai"))] if c is not None or without else shown[TANPA_DATA]
        carried = r.get("status_realisasi") == DIBAWA and c is not None
        names.append(str(r["nama"]) + (f" ({status_realisasi(DIBAWA)})" if carried else ""))
        empty = r.get("tanpa_data") if isinstance(r.get("tanpa_data"), str) else missing_word
        bars.append([{"nama": str(r["nama"]), "seri": status, "nilai": c, "dibawa": carried,
                      "teks": fmt.persen(c) if c is not None else without or empty}])
        empties.append(empty if c is None and not without else None)
    top = max([b[0]["nilai"] for b in bars if b[0]["nilai"] is not None] + [100])
    xs = alt.Scale(domain=[0, _room(bars, top * 1.22, (100,))], nice=False, zero=True)
    status = [met_word, unmet_word]
    color = alt.Color("seri:N", scale=alt.Scale(domain=status, range=[LIGHT["biru"], LIGHT["jingga"]]),
                      legend=alt.Legend(title=None))
    tip = [alt.Tooltip("nama:N", title="Indikator"), alt.Tooltip("teks:N", title="Capaian"),
           alt.Tooltip("seri:N", title="Status")]
    title_x = f"Capaian {tahun} (%)"
    held = Values()
    layers, height = _row_layers(names, bars, xs, title_x, alt.Axis(tickCount=5), color, tip, held, rules=(100,),
                                 guide=100)
    met = sum(b[0]["seri"] == met_word for b in bars)
    parts = [f"Tahun {tahun}, {met} dari {len(bars)} indikator {meaning}"]
    for word in dict.fromkeys(e for e in empties if e):  # each kind of missing, in order
        parts.append(f"{empties.count(word)} {word}")
    carried = sum(bool(b[0]["dibawa"]) for b in bars)
    if carried:
        parts.append(f"{carried} dengan nilai tahun sebelumnya yang dipakai lagi")
    if _num(rata_rata) is not None:
        parts.append(f"rata-rata capaian {fmt.persen(rata_rata)}")
    summary = ", ".join(parts) + "."
    table = pd.DataFrame({"Indikator": [b[0]["nama"] for b in bars], f"Capaian {tahun}": [b[0]["teks"] for b in bars],
                          "Status": [(e or b[0]["seri"].lower()) + (f"; {status_realisasi(DIBAWA)}" if b[0]["dibawa"] else "")
                                     for b, e in zip(bars, empties)]})
    return Chart(chart_id, title, _finish(layers, summary, held, height=height), table, summary)


@kept_chart
def anggaran(chart_id: str, title: str, rows: pd.DataFrame, tahun: int) -> Chart:
    """Pagu and realisasi of a list of budget lines (programs, kegiatan), with serapan.

    rows: uraian, pagu, realisasi (Rupiah).
    """
    records = row_dicts(rows)
    top = max([_num(r.get(k)) or 0 for r in records for k in ("pagu", "realisasi")] + [1])
    unit, word = next(((u, w) for u, w in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")) if top >= u), (1, ""))
    names, bars, lines = [], [], []
    for r in records:
        pagu, real = _num(r.get("pagu")), _num(r.get("realisasi"))
        serapan = percent(r.get("realisasi"), r.get("pagu"))
        names.append(str(r["uraian"]))
        bars.append([
            {"uraian": str(r["uraian"]), "seri": "Pagu", "nilai": pagu, "teks": fmt.rupiah_singkat(pagu, "belum tersedia")},
            {"uraian": str(r["uraian"]), "seri": "Realisasi", "nilai": real,
             "teks": fmt.rupiah_singkat(real, "belum tersedia") + (f" ({fmt.persen(serapan)})" if serapan is not None else "")},
        ])
        lines.append((str(r["uraian"]), r.get("pagu"), r.get("realisasi"), serapan))
    xs = alt.Scale(domain=[0, _room(bars, top * 1.5)], nice=False, zero=True)
    # Tick labels in one unit through the locale: "Rp1,5 miliar", not "1.500.000.000".
    label = f"datum.value == 0 ? '0' : 'Rp' + format(datum.value / {unit:.0f}, ',.4~f')" + (f" + ' {word}'" if word else "")
    color = alt.Color("seri:N", scale=alt.Scale(domain=["Pagu", "Realisasi"], range=[LIGHT["netral"], LIGHT["biru"]]),
                      legend=alt.Legend(title=None))
    tip = [alt.Tooltip("uraian:N", title="Uraian"), alt.Tooltip("seri:N", title="Keterangan"), alt.Tooltip("teks:N", title="Nilai")]
    held = Values()
    layers, height = _row_layers(names, bars, xs, f"Rupiah, {tahun}", alt.Axis(tickCount=3, labelExpr=label), color, tip, held)
    pagu = sum((as_decimal(p) for _, p, _, _ in lines if present(p)), Decimal(0))
    if all(present(r) for _, _, r, _ in lines):
        real = sum((as_decimal(r) for _, _, r, _ in lines), Decimal(0))
        summary = (f"Realisasi anggaran {tahun} {fmt.rupiah_singkat(real)} dari pagu {fmt.rupiah_singkat(pagu)}"
                   f" (serapan {fmt.persen(percent(real, pagu), kosong='belum tersedia')})")
    else:  # a line without realisasi is unknown, never 0: no sum of the others as the year's realisasi
        summary = (f"Pagu anggaran {tahun} {fmt.rupiah_singkat(pagu)}; realisasi belum tersedia untuk "
                   f"{sum(not present(r) for _, _, r, _ in lines)} dari {len(lines)} baris")
    rated = [(name, s) for name, _, _, s in lines if s is not None]
    if len(rated) > 1:
        name, value = min(rated, key=lambda item: item[1])
        summary += f"; serapan terendah {name} ({fmt.persen(value)})"
    summary += "."
    table = pd.DataFrame({
        "Uraian": names,
        "Pagu": [fmt.rupiah(p) for _, p, _, _ in lines],
        "Realisasi": [fmt.rupiah(r) for _, _, r, _ in lines],
        "Serapan": [serapan_text(s, p) for _, p, _, s in lines],
    })
    return Chart(chart_id, title, _finish(layers, summary, held, height=height), table, summary)


@kept_chart
def nrr_unsur(chart_id: str, title: str, rows: pd.DataFrame, ikm=None, mutu: str | None = None) -> Chart:
    """Average score (NRR, 1–4) per service element of a satisfaction survey (PermenPANRB 14/2017).

    rows: unsur (name), nrr (number or missing), in the order to show.
    """
    names, bars = [], []
    for r in row_dicts(rows):
        v = _num(r.get("nrr"))
        names.append(str(r["unsur"]))
        bars.append([{"unsur": str(r["unsur"]), "seri": "NRR", "nilai": v,
                      "teks": fmt.angka(v, 2) if v is not None else "belum tersedia"}])
    xs = alt.Scale(domain=[0, _room(bars, 4.6)], nice=False, zero=True)
    color = alt.Color("seri:N", scale=alt.Scale(domain=["NRR"], range=[LIGHT["biru"]]), legend=None)
    tip = [alt.Tooltip("unsur:N", title="Unsur"), alt.Tooltip("teks:N", title="NRR")]
    held = Values()
    layers, height = _row_layers(names, bars, xs, "Nilai rata-rata (skala 1–4)", alt.Axis(values=[0, 1, 2, 3, 4]), color, tip, held)
    scored = [b[0] for b in bars if b[0]["nilai"] is not None]
    if scored:
        lead = f"IKM {fmt.angka(ikm, 2)}" + (f" (mutu {mutu})" if mutu else "") + "; " if _num(ikm) is not None else ""
        # unsur that show the same score (two decimals, as the chart labels them) are named together
        top = max(scored, key=lambda b: b["nilai"])["teks"]
        bottom = min(scored, key=lambda b: b["nilai"])["teks"]
        if top == bottom and len(scored) == len(bars):
            summary = f"{lead}semua unsur bernilai {top}."
        elif top == bottom:
            summary = f"{lead}{fmt.daftar(b['unsur'] for b in scored)} bernilai {top}; unsur lain belum tersedia."
        else:
            def named(text):
                return f"{fmt.daftar(b['unsur'] for b in scored if b['teks'] == text)} ({text})"
            summary = f"{lead}unsur tertinggi {named(top)}, terendah {named(bottom)}."
    else:
        summary = "Nilai per unsur belum tersedia."
    table = pd.DataFrame({"Unsur": names, "NRR": [b[0]["teks"] for b in bars]})
    return Chart(chart_id, title, _finish(layers, summary, held, height=height), table, summary)


@kept_chart
def layanan_permohonan(chart_id: str, title: str, rows: pd.DataFrame) -> Chart:
    """Information requests per year by outcome (fulfilled fully / partly, refused, still open).

    rows: tahun, permohonan, dipenuhi_seluruh, dipenuhi_sebagian, ditolak, dalam_proses.
    """
    series = [("dipenuhi_seluruh", "Dipenuhi seluruhnya", LIGHT["biru"]), ("dipenuhi_sebagian", "Dipenuhi sebagian", LIGHT["hijau"]),
              ("ditolak", "Ditolak", LIGHT["jingga"]), ("dalam_proses", "Belum selesai", LIGHT["netral"])]
    records = sorted(row_dicts(rows), key=lambda r: r["tahun"])
    top = max([_num(r.get(k)) or 0 for r in records for k, _, _ in series] + [1])
    names, bars = [], []
    for r in records:
        total = _num(r.get("permohonan")) or 0
        names.append(f"{r['tahun']}: {fmt.angka(total, 0)} permohonan")
        bars.append([{"tahun": str(r["tahun"]), "seri": label, "nilai": _num(r.get(key)),
                      "teks": (fmt.angka(r.get(key), 0) + (f" ({fmt.persen(percent(r.get(key), total, 1), 1)})" if total else ""))
                      if _num(r.get(key)) is not None else "belum tersedia"} for key, label, _ in series])
    xs = alt.Scale(domain=[0, _room(bars, top * 1.45)], nice=False, zero=True)
    color = alt.Color("seri:N", scale=alt.Scale(domain=[s[1] for s in series], range=[s[2] for s in series]),
                      legend=alt.Legend(title=None, columns=2))
    tip = [alt.Tooltip("tahun:N", title="Tahun"), alt.Tooltip("seri:N", title="Hasil"), alt.Tooltip("teks:N", title="Jumlah")]
    held = Values()
    layers, height = _row_layers(names, bars, xs, "Jumlah permohonan", alt.Axis(tickCount=4, format="d"), color, tip, held)
    last = records[-1]
    total = _num(last.get("permohonan")) or 0
    done = sum(_num(last.get(k)) or 0 for k in ("dipenuhi_seluruh", "dipenuhi_sebagian"))
    summary = (f"Tahun {last['tahun']}: {fmt.angka(total, 0)} permohonan, {fmt.angka(done, 0)} dipenuhi seluruh atau sebagian"
               + (f" ({fmt.persen(percent(done, total, 1), 1)})" if total else "")
               + f", {fmt.angka(_num(last.get('ditolak')) or 0, 0)} ditolak.")
    table = pd.DataFrame({"Tahun": [str(r["tahun"]) for r in records],
                          "Permohonan": [fmt.angka(r.get("permohonan"), 0) for r in records],
                          **{label: [b[i]["teks"] for b in bars] for i, (_, label, _) in enumerate(series)}})
    return Chart(chart_id, title, _finish(layers, summary, held, height=height), table, summary)


@kept_chart
def waktu_layanan(chart_id: str, title: str, rows: pd.DataFrame, batas: int, batas_perpanjangan: int) -> Chart:
    """Average and slowest answer per year in working days, against the statutory limits
    (`batas` days, `batas_perpanjangan` with the extension)."""
    records = sorted(row_dicts(rows), key=lambda r: r["tahun"])
    top = max([_num(r.get(k)) or 0 for r in records for k in ("rata_rata_hari", "maks_hari")] + [batas_perpanjangan])
    names, bars = [], []
    for r in records:
        names.append(str(r["tahun"]))
        bars.append([{"tahun": str(r["tahun"]), "seri": label, "nilai": _num(r.get(key)),
                      "teks": f"{fmt.angka(r.get(key), None)} hari" if _num(r.get(key)) is not None else "belum tersedia"}
                     for key, label in (("rata_rata_hari", "Rata-rata"), ("maks_hari", "Paling lama"))])
    xs = alt.Scale(domain=[0, _room(bars, top * 1.35, (batas, batas_perpanjangan))], nice=False, zero=True)
    color = alt.Color("seri:N", scale=alt.Scale(domain=["Rata-rata", "Paling lama"], range=[LIGHT["biru"], LIGHT["jingga"]]),
                      legend=alt.Legend(title=None))
    tip = [alt.Tooltip("tahun:N", title="Tahun"), alt.Tooltip("seri:N", title="Keterangan"), alt.Tooltip("teks:N", title="Waktu")]
    held = Values()
    layers, height = _row_layers(names, bars, xs, "Hari kerja", alt.Axis(tickCount=5, format="d"), color, tip, held,
                                 rules=(batas, batas_perpanjangan))
    limits = [{"x": batas, "teks": f"batas {batas}"}, {"x": batas_perpanjangan, "teks": f"diperpanjang {batas_perpanjangan}"}]
    rows = _caption_rows(limits, _lines(names[0])[0] if names else "", xs.to_dict()["domain"][1])
    for limit, row in zip(limits, rows):
        limit["y"] = 0 if row == 0 else height + 2 + (row - 1) * CAPTION_ROW
    rule = alt.Chart(held(limits))
    x = functools.partial(alt.X, scale=xs, title="Hari kerja")
    layers += [rule.mark_rule(strokeDash=[4, 3], color=LIGHT["sumbu"])
               .encode(x=x("x:Q"), y=alt.YValue(CAPTION_ROW), y2=alt.Y2Value(height)),
               rule.mark_text(align="left", baseline="top", dx=LABEL_DX, fontSize=10, color=LIGHT["sumbu"])
               .encode(x=x("x:Q"), y=alt.Y("y:Q", scale=None, axis=None), text=alt.Text("teks:N"))]
    height += CAPTION_ROW * max(rows)
    late = [r for r in records if _num(r.get("maks_hari")) is not None and r["maks_hari"] > batas_perpanjangan]
    # a year whose slowest answer was not recorded cannot be said to be within the limit
    unknown = [r for r in records if _num(r.get("maks_hari")) is None]
    verdict = [f"melampaui batas pada tahun {', '.join(str(r['tahun']) for r in late)}"] if late else []
    if unknown:
        verdict.append(f"waktu paling lama tidak dicatat untuk tahun {', '.join(str(r['tahun']) for r in unknown)}, "
                       "sehingga kepatuhannya pada batas itu tidak dapat dinilai")
    elif not late:
        verdict.append("tidak ada tahun yang melampaui batas")
    summary = (f"Batas undang-undang {batas} hari kerja, dapat diperpanjang menjadi {batas_perpanjangan}; "
               + "; ".join(verdict) + ".")
    table = pd.DataFrame({"Tahun": names, "Rata-rata": [b[0]["teks"] for b in bars], "Paling lama": [b[1]["teks"] for b in bars]})
    return Chart(chart_id, title, _finish(layers, summary, held, height=height), table, summary)
