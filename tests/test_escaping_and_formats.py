"""Escaping, Indonesian formatting and the choice of applicable target, without files."""
from __future__ import annotations

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
