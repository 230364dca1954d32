"""Cells as text → typed values, by a Table Schema field and the file's style, in one vectorised pass per
column: the distinct texts of a column are classified once (`pd.factorize`), then mapped back, so a million
survey answers with four distinct scores cost four classifications, not a million.

Every cell either becomes a value or gets a problem *kind* with what the operator should do about it;
`validate.cells` turns kinds into messages, `load.tables` keeps the values. One reading of a number for
both, so what validation accepts is exactly what the build computes with:

- only digits 0-9 (a full-width ８ or Arabic-Indic ٨ is refused, though Python would read it),
- the decimal mark and thousands grouping of the file's style, groups of exactly three digits,
- never scientific notation (Excel's 9,07905E+09 has already lost digits), never NaN, infinity or an
  Excel error value (#DIV/0!), never beyond ±1.000 triliun (no real budget or index comes near it),
- negative zero read as zero.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from generator.domain.dates import date_readings
from generator.load.csvfile import KOMA, Style

CEILING = Decimal("1e15")  # Rp1.000 triliun: far above any regional budget, any count, any index
YEARS = (1900, 2100)  # a date in a package outside this span is a typing slip (0025, 20255)

_INT = {",": re.compile(r"[+-]?[0-9]+"), ";": re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)")}
_NUM = {",": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"),
        ";": re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?|[+-]?,[0-9]+")}
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_NONFINITE = re.compile(r"[+-]?(?:nan|inf|infinity|1\.#(?:inf|qnan|ind)|-?nan\(ind\))", re.IGNORECASE)
_EXCEL_ERROR = re.compile(r"#(?:DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|NILAI!|BAGI/0!|NAMA\?)",
                          re.IGNORECASE)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")


@dataclass
class Column:
    """One column typed: `values` (NA where missing or invalid), `kind` per row (0 = fine, else an index into
    `kinds`), and each kind's first offending text."""

    values: pd.Series
    kind: np.ndarray
    kinds: list[str]


def _nonascii_digit(text: str) -> bool:
    return any(unicodedata.category(ch) == "Nd" and not "0" <= ch <= "9" for ch in text)


def classify_number(text: str, style: Style, integer: bool = False) -> tuple[Decimal | None, str]:
    """(value, "") for a number written in `style`, else (None, kind of problem)."""
    t = text.strip()
    pattern = (_INT if integer else _NUM)[style.delimiter]
    if pattern.fullmatch(t):
        plain = t.replace(style.group, "") if style.group else t
        if style.decimal != ".":
            plain = plain.replace(style.decimal, ".")
        try:
            value = Decimal(plain)
        except InvalidOperation:
            return None, "tipe"
        if abs(value) >= CEILING:
            return None, "jangkauan"
        return (value + 0 if value == 0 else value), ""  # -0 and -0,00 are zero
    if len(t) > 2 and t[0] == "(" and t[-1] == ")":  # (1.234,00): Excel's Accounting format for -1.234,00
        inner, kind = classify_number(t[1:-1], style, integer)
        if inner is not None or kind in ("ribuan", "koma", "titik", "rupiah"):
            return None, "kurung"
    if _SCIENTIFIC.fullmatch(t):
        return None, "ilmiah"
    if _NONFINITE.fullmatch(t):
        return None, "takhingga"
    if _EXCEL_ERROR.fullmatch(t):
        return None, "excel"
    if _nonascii_digit(t):
        return None, "digit"
    if "%" in t:
        return None, "persen"
    if t.lower().startswith("rp"):
        return None, "rupiah"
    if style.decimal == "." and re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3}){2,}|-?[0-9]{1,3}(,[0-9]{3})+\.[0-9]+", t):
        return None, "ribuan"  # 1,255,000 or 1,255.5: commas that can only group thousands (English Excel)
    if style.decimal == "." and re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*,[0-9]+|-?[0-9]+,[0-9]+", t):
        return None, "koma"
    if style.decimal == "," and re.fullmatch(r"-?[0-9]+\.[0-9]{1,2}|-?[0-9]+\.[0-9]{4,}|-?[0-9]+(,[0-9]{3})+(\.[0-9]+)?", t):
        return None, "titik"
    if integer and re.fullmatch(r"-?[0-9]+[.,][0-9]+", t):
        return None, "pecahan"
    return None, "tipe"


def classify_date(text: str) -> tuple[dt.date | None, str]:
    t = text.strip()
    if _DATE.fullmatch(t):
        try:
            day = dt.date.fromisoformat(t)
        except ValueError:
            return None, "tanggal"
        return (day, "") if YEARS[0] <= day.year <= YEARS[1] else (None, "jangkauan_tanggal")
    if date_readings(t):  # 13/02/2026, 2026-2-3, 13 Februari 2026, 6/13/2026: validation names the ISO form
        return None, "tanggal_tulis"
    return None, "tanggal"


def classify_datetime(text: str) -> tuple[dt.datetime | None, str]:
    t = text.strip()
    try:
        stamp = dt.datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        return None, "waktu"
    return (stamp, "") if YEARS[0] <= stamp.year <= YEARS[1] else (None, "jangkauan_tanggal")


def type_column(cells: pd.Series, fld: dict, style: Style = KOMA, missing_values=("",)) -> Column:
    """Type one column of text cells (a Series indexed by spreadsheet row) by its field."""
    kind_name = fld.get("type", "string")
    missing_values = fld.get("missingValues", missing_values)
    codes, uniques = pd.factorize(cells.astype(object), use_na_sentinel=True)
    kinds = [""]
    converted, problem = [], []
    is_missing = [u in missing_values for u in uniques]
    for u, gone in zip(uniques, is_missing):
        if gone:
            converted.append(None)
            problem.append(0)
            continue
        value, kind = _classify(str(u), kind_name, fld, style)
        converted.append(value)
        if kind:
            if kind not in kinds:
                kinds.append(kind)
            problem.append(kinds.index(kind))
        else:
            problem.append(0)
    kind_of = np.array(problem + [0], dtype=np.int16)[codes]
    return Column(_series(converted, codes, kind_name, fld, cells.index), kind_of, kinds)


def missing_mask(cells: pd.Series, fld: dict, missing_values=("",)) -> np.ndarray:
    values = fld.get("missingValues", missing_values)
    return cells.isin(list(values)).to_numpy() | cells.isna().to_numpy()


def _classify(text: str, kind: str, fld: dict, style: Style):
    if kind == "integer":
        value, problem = classify_number(text, style, integer=True)
        return (int(value) if value is not None else None), problem
    if kind == "number":
        value, problem = classify_number(text, style)
        if value is None:
            return None, problem
        return (value if fld.get("x-rupiah") else float(value) + 0.0), problem
    if kind == "boolean":
        true = fld.get("trueValues", DEFAULT_TRUE)
        false = fld.get("falseValues", DEFAULT_FALSE)
        if text in true:
            return True, ""
        if text in false:
            return False, ""
        return None, "boolean"
    if kind == "date":
        return classify_date(text)
    if kind == "datetime":
        return classify_datetime(text)
    if kind == "year":
        value, problem = classify_number(text, KOMA, integer=True)
        if value is None or not YEARS[0] <= value <= YEARS[1]:
            return None, problem or "tahun"
        return int(value), ""
    return text, ""


def _series(converted: list, codes: np.ndarray, kind: str, fld: dict, index) -> pd.Series:
    absent = np.array([v is None for v in converted] + [True], dtype=bool)[codes]
    if kind in ("integer", "year"):
        ints = np.array([0 if v is None else v for v in converted] + [0], dtype="int64")[codes]
        return pd.Series(pd.arrays.IntegerArray(ints, absent), index=index)
    if kind == "number" and not fld.get("x-rupiah"):
        floats = np.array([np.nan if v is None else v for v in converted] + [np.nan], dtype="float64")
        return pd.Series(floats[codes], index=index)
    if kind == "boolean":
        bools = np.array([bool(v) for v in converted] + [False], dtype=bool)[codes]
        return pd.Series(pd.arrays.BooleanArray(bools, absent), index=index)
    lookup = np.empty(len(converted) + 1, dtype=object)
    lookup[:-1] = converted
    lookup[-1] = None
    return pd.Series(lookup[codes], index=index, dtype=object)
