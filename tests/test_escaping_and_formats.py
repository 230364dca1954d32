"""Escaping, Indonesian formatting and the choice of applicable target, without files."""
from __future__ import annotations

import functools
import html
import re
from decimal import Decimal

import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from generator import fmt
from generator.compute.targets import applicable_targets, target_table
from generator.render.escape import md


@pytest.mark.parametrize("raw, escaped", [
    ("<img src=x onerror=alert(1)>", "&#60;img src=x onerror=alert(1)&#62;"),
    ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
    ("a | b", "a &#124; b"),
    ("*tebal* _miring_ `kode`", "&#42;tebal&#42; &#95;miring&#95; &#96;kode&#96;"),
    ("baris\nbaru", "baris baru"),
    ("{: onclick=x}", "&#123;: onclick=x&#125;"),
    (None, ""),
])
def test_md_escapes_markdown_and_html(raw, escaped):
    assert md(raw) == escaped


@pytest.mark.parametrize("call, expected", [
    (lambda: fmt.angka(108.875), "108,88"),
    (lambda: fmt.persen(110.905), "110,91%"),
    (lambda: fmt.rupiah(Decimal("9079049540.00")), "Rp9.079.049.540"),
    (lambda: fmt.rupiah(Decimal("1500.50")), "Rp1.500,50"),
    (lambda: fmt.rupiah_singkat(Decimal("9079049540.00")), "Rp9,08 miliar"),
    (lambda: fmt.rupiah_singkat(Decimal("285697300")), "Rp285,70 juta"),
    (lambda: fmt.tanggal("2026-02-13"), "13 Februari 2026"),
    (lambda: fmt.angka(4.16, None), "4,16"),
    (lambda: fmt.angka(None), "–"),
])
def test_indonesian_formats(call, expected):
    assert call() == expected


@given(st.one_of(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**15, max_value=10**15),
                 st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
                 st.integers(min_value=-10**15, max_value=10**15)),
       st.integers(min_value=0, max_value=4))
def test_numbers_are_written_as_cldr_id_writes_them(value, desimal):
    """fmt.angka writes numbers itself; Babel's id_ID locale (CLDR pattern #,##0.00) is the reference:
    same digits, grouping, separators and sign, after the same half-up rounding."""
    from generator.domain.values import round_half_up

    pattern = "#,##0" + ("." + "0" * desimal if desimal else "")
    assert fmt.angka(value, desimal) == format_decimal(round_half_up(value, desimal), format=pattern, locale="id_ID",
                                                       decimal_quantization=True)


@given(st.integers(min_value=0, max_value=4).flatmap(lambda places: st.tuples(st.just(places), st.one_of(
    st.decimals(min_value=Decimal(-5) / 10 ** (places + 1), max_value=0, places=places + 6).filter(
        lambda d: d > Decimal(-5) / 10 ** (places + 1)),
    st.floats(min_value=-4.9 / 10 ** (places + 1), max_value=-0.0), st.just("-0"), st.just(-0.0)))))
def test_what_rounds_to_zero_is_written_without_a_sign(case):
    """-0,004 at two decimals is 0,00, not "-0,00" (a reader takes the sign for a loss), in every format."""
    from generator.domain.values import round_half_up

    places, value = case
    assert fmt.angka(value, places) == "0" + ("," + "0" * places if places else "")
    assert str(round_half_up(value, places)).lstrip("0.") == ""
    assert places < 2 or not fmt.rupiah(value).startswith("Rp-")  # sen: two decimals


def _frames(rows):
    target = pd.DataFrame(rows, columns=["indikator", "tahun", "dokumen", "jenis", "nilai"])
    target["_baris"] = range(2, len(target) + 2)
    dokumen = pd.DataFrame({
        "id": ["renstra", "pk", "pk-p", "pk-bidang", "pk-bidang-p", "pk-2026"],
        "jenis": ["renstra", "pk", "pk_perubahan", "pk", "pk_perubahan", "pk"],
        "menggantikan": [None, None, "pk", None, "pk-bidang", None],
    })
    dokumen["_baris"] = range(2, 8)
    return target, dokumen


ORDER = ["pk_perubahan", "pk", "rkt", "renstra", "lkjip"]


def test_amended_pk_supersedes_the_pk_it_amends():
    target, dokumen = _frames([("i", 2025, "pk", "tahunan", 83), ("i", 2025, "pk-p", "tahunan", 81),
                               ("i", 2025, "renstra", "tahunan", 80)])
    chosen = applicable_targets(target, dokumen, ORDER)
    assert chosen[["dokumen", "nilai"]].values.tolist() == [["pk-p", 81]]
    assert len(target) == 3  # nothing is dropped from the data itself


def test_without_amendment_the_pk_applies_and_renstra_is_the_fallback():
    target, dokumen = _frames([("i", 2026, "renstra", "tahunan", 80), ("i", 2026, "pk-2026", "tahunan", 83),
                               ("j", 2026, "renstra", "tahunan", 5), ("j", 2029, "renstra", "akhir_periode", 9)])
    chosen = applicable_targets(target, dokumen, ORDER).set_index("indikator")
    assert chosen.loc["i", "dokumen"] == "pk-2026" and chosen.loc["j", "nilai"] == 5
    assert len(chosen) == 2  # the end-of-period target is not an annual target


def test_a_superseded_pk_no_longer_binds():
    """Dropped from the amended PK but still in the Renstra: the Renstra target applies and counts."""
    target, dokumen = _frames([("i", 2025, "pk", "tahunan", 83), ("i", 2025, "renstra", "tahunan", 80)])
    table = target_table(target, dokumen, ORDER)
    chosen = table[table["dipilih"]]
    assert chosen[["dokumen", "target", "berlaku"]].values.tolist() == [["renstra", 80, True]]


def test_an_indicator_only_in_a_superseded_pk_was_replaced():
    """Its target stays visible (dipilih) but it is not an active commitment (not berlaku)."""
    target, dokumen = _frames([("old", 2025, "pk", "tahunan", 20), ("old", 2025, "pk-bidang", "tahunan", 20)])
    table = target_table(target, dokumen, ORDER)
    assert table["dipilih"].tolist() == [True, False] and not table["berlaku"].any()


def test_ties_between_documents_of_one_kind_follow_the_documents_table():
    target, dokumen = _frames([("i", 2025, "pk-bidang-p", "tahunan", 2.6), ("i", 2025, "pk-p", "tahunan", 2.6)])
    assert applicable_targets(target, dokumen, ORDER)["dokumen"].tolist() == ["pk-p"]


words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(lambda s: s.strip())


@given(stem=words, region=words, hostile=st.sampled_from(["", "<b>", "&amp;", "<img src=x onerror=alert(1)>"]))
def test_the_phone_header_drops_only_the_region_the_second_line_names(stem, region, hostile):
    """`phone_header`: a name ending with the region loses it (never all of it); any other name is kept; both
    lines come out escaped, whatever the package wrote."""
    from generator.publish.pipeline import phone_header
    from generator.render.escape import title_text

    name = f"{hostile}{stem.strip()} {region.strip()}"
    out = phone_header(name, f"Pemerintah {region}")
    assert out == {"instansi_ponsel": title_text(f"{hostile}{stem.strip()}"), "wilayah_ponsel": title_text(region.strip())}
    assert all("<" not in line and ">" not in line for line in out.values())
    elsewhere = phone_header(name, "Pemerintah Kota Lain Sekali")  # not its region: the name is kept whole
    assert elsewhere["instansi_ponsel"] == title_text(name)


# --- rows as dicts --------------------------------------------------------------------------------

import datetime as dt  # noqa: E402

import numpy as np  # noqa: E402
from hypothesis.extra import pandas as hpd  # noqa: E402

from generator.domain.values import row_dicts  # noqa: E402

_mixed = st.one_of(st.none(), st.text(max_size=3), st.integers(-10**12, 10**12), st.floats(), st.booleans(),
                   st.integers(-10**6, 10**6).map(np.int64), st.floats().map(np.float64),
                   st.booleans().map(np.bool_), st.just(pd.NA), st.just(np.nan),
                   st.integers(0, 10**9).map(lambda s: np.datetime64(s, "s")))


@st.composite
def _tables(draw):
    """A table as a package's are once loaded: integers, floats with NaN and infinities, nullable integers,
    booleans and text with gaps, dates, and text columns holding anything (numpy scalars included)."""
    kinds = draw(st.lists(st.sampled_from(["int64", "float64", "Int64", "boolean", "string", "datetime", "object"]),
                          max_size=7))
    n = draw(st.integers(0, 6))
    frame = pd.DataFrame(index=range(n))
    for k, kind in enumerate(kinds):
        name = draw(st.sampled_from([f"c{k}", "nilai", "tahun"]))  # a name twice: the last column wins
        if kind == "int64":
            column = pd.Series(draw(st.lists(st.integers(-10**15, 10**15), min_size=n, max_size=n)), dtype="int64")
        elif kind == "float64":
            column = pd.Series(draw(st.lists(st.floats(), min_size=n, max_size=n)), dtype="float64")
        elif kind == "Int64":
            column = pd.Series(draw(st.lists(st.one_of(st.none(), st.integers(-10**9, 10**9)), min_size=n, max_size=n)),
                               dtype="Int64")
        elif kind == "boolean":
            column = pd.Series(draw(st.lists(st.one_of(st.none(), st.booleans()), min_size=n, max_size=n)),
                               dtype="boolean")
        elif kind == "string":
            column = pd.Series(draw(st.lists(st.one_of(st.none(), st.text(max_size=4)), min_size=n, max_size=n)),
                               dtype="string")
        elif kind == "datetime":
            column = pd.Series(draw(st.lists(st.one_of(st.none(), st.datetimes(dt.datetime(1970, 1, 1), dt.datetime(2200, 1, 1))), min_size=n, max_size=n)),
                               dtype="datetime64[ns]")
        else:
            column = pd.Series(draw(st.lists(_mixed, min_size=n, max_size=n)), dtype=object)
        frame.insert(len(frame.columns), name, column.to_numpy() if kind in ("int64", "float64") else column.array,
                     allow_duplicates=True)
    return frame


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if a is pd.NA or a is pd.NaT or (isinstance(a, float) and a != a):
        return b is a or (isinstance(b, float) and b != b)
    return bool(a == b)


@given(_tables())
def test_rows_as_dicts_are_pandas_own_values_and_types(frame):
    """`row_dicts` replaces `DataFrame.to_dict("records")` everywhere (it is 3-4 times faster): every row,
    every column and every value must be the one pandas gives, of the same Python type."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns that duplicate column names lose all but the last
        expected = frame.to_dict("records")
    got = row_dicts(frame)
    assert len(got) == len(expected) == len(frame)
    for mine, theirs in zip(got, expected):
        assert list(mine) == list(theirs)
        assert all(_same(mine[k], theirs[k]) for k in theirs), (mine, theirs)


# --- a value at the start of a line -----------------------------------------------------------------

_STARTS = st.sampled_from(["", "!!! danger ", '!!! danger "Situs ini diretas"', "??? note ", "/// tab | x", "1. ",
                           "2) ", "10. ", "- ", "+ ", "* ", "-", "=", "---", "===", "- - -", "    ", "\t", "> ",
                           "# ", "| a | b |", "```", "~~~", "<div>", "[^1]: ", "*[HTML]: ", ": ", "{: .x }", "-5"])
_LINE_TEXT = st.tuples(_STARTS, st.text(alphabet=st.sampled_from(list("ab 1.-+=!?/:*#>|`~\t\n_[]{}<&")), max_size=12)
                       ).map("".join)


@functools.lru_cache(maxsize=1)
def _site_markdown():
    """Python-Markdown with the extensions mkdocs.yml names."""
    import markdown
    import yaml

    from conftest import ROOT

    names, configs = [], {}
    for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


@given(_LINE_TEXT, st.sampled_from(["{}\n", "Teks di atasnya\n{}\n", "- {}\n", "Judul\n\n{}\n\nLanjutan\n"]))
def test_a_value_that_begins_a_line_stays_text(text, line):
    """Templates print many values at the start of a line (a misi, a narasi paragraph, a standard's text).
    Whatever the value begins with, the site's Markdown gives its text, in the paragraph (or list item) the
    template wrote, never a box, a list, a heading, a rule or a code block of the data's making."""
    engine = _site_markdown()
    engine.reset()
    page = engine.convert(line.format(md(text)))
    tags = set(re.findall(r"<([a-z0-9]+)", page))
    allowed = {"p"} | ({"ul", "li"} if line.startswith("- ") else set())
    assert tags <= allowed, (text, page)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert " ".join(text.split()) in " ".join(shown.split()), (text, page)
