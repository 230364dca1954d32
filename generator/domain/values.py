"""What counts as a value, and how a value is rounded: one definition each, for every stage.

A cell the package leaves empty is loaded as None (or pandas' NA, or NaN in a float column); an empty
string counts as missing too. Every published number, on a page or in a CSV, is rounded half up
(2,675 → 2,68), never half to even as Python's `round` and `f"{x:.2f}"` do: that is how a reader
rounds by hand, and how the report's own figures were rounded.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd


def present(value) -> bool:
    """A filled cell: not None, NA, NaN or empty text."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float):
        return value == value
    if isinstance(value, str):
        return value != ""
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def row_dicts(frame: pd.DataFrame) -> list[dict]:
    """The rows of a table as dicts: `frame.to_dict("records")`, the same values of the same types (in a
    text or extension-typed column numpy scalars become Python's and NA becomes None, as pandas makes them),
    read one column at a time. pandas builds every row through a positional indexer per column, 3-4 times
    slower, and one package is turned into rows ±340 times on its way to pages (a third of a second per
    package, in every build and for every member of a kabupaten)."""
    columns = frame.columns.tolist()
    if not columns:
        return [{} for _ in range(len(frame))]
    values = []
    for _, column in frame.items():
        items = column.tolist()
        boxed = column.dtype == object or isinstance(column.dtype, pd.api.extensions.ExtensionDtype)
        values.append([_native(v) for v in items] if boxed else items)
    return [dict(zip(columns, row)) for row in zip(*values)]


def _native(value):
    """What pandas' `to_dict` gives for a value of a text or extension-typed column: a Python number or
    truth value for a numpy one, a Timestamp or Timedelta for numpy's, None for NA, anything else as it is."""
    if value is None or type(value) is str:
        return value
    if value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    return value

def as_decimal(value) -> Decimal:
    """A number as a Decimal; a float is taken as written (its shortest repr), so 88.305 stays 88.305
    although the binary float is 88.30499…; a Fraction is converted exactly enough for rounding."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):  # numpy's float64 too (its repr names the type, so convert first)
        return Decimal(repr(float(value)))
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy integers and other scalars
        return as_decimal(value.item())
    return Decimal(str(value))


# The first number of a printed label: Indonesian thousands groups ('2.499,9', '1.000': a group of three
# digits after a point, the first group not 0) or a plain number with a decimal comma or point ('108,9';
# '91.00', a report's own typography; '0.385').
_PRINTED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?![.\d])(?:,(\d+))?|\d+(?:[.,](\d+))?")


def decimals(label, value=None) -> int:
    """Decimals of the first number in a printed label: '108,9' → 1, '110,89%' → 2, '91.00' → 2, '103%' → 0,
    '2.499,9' → 1, '1.000' → 0 (a point before three digits groups thousands, as Rupiah are written). With
    the `value` the label prints, a point that cannot be thousands is a decimal point: '4.195' for 4,195 → 3."""
    match = _PRINTED.search(label) if isinstance(label, str) else None
    if not match:
        return 0
    if match.group(2) is None and "." in match.group(0) and present(value):
        grouped = Decimal(match.group(0).replace(".", "").replace(",", "."))
        if grouped != abs(as_decimal(value)):  # the report's own decimal point ("4.195" printing 4,195)
            point = re.match(r"\d+\.(\d+)", match.group(0))
            return len(point.group(1)) if point else 0
    return len(match.group(1) or match.group(2) or "")


def prints_value(label, value) -> bool:
    """Whether the first number of a printed label is `value` as printed, rounded half up to the label's own
    decimals ('98,8%' prints 98,75; '98,5%' does not; '4.195' prints 4,195, '1.000' prints 1000 and '-2,07%'
    prints -2,07). A label without a number prints any value."""
    match = _PRINTED.search(label) if isinstance(label, str) else None
    if not match or not present(value):
        return True
    text, before = match.group(0), label[:match.start()]
    readings = {Decimal(text.replace(".", "").replace(",", "."))}  # Indonesian: points group thousands
    if "," not in text and text.count(".") <= 1:
        readings.add(Decimal(text))  # the report's own decimal point ('91.00', '4.195'; '1.500.000' has none)
    if before.endswith(("-", "−")) and not before[:-1].rstrip()[-1:].isdigit():  # '-2,07%', not the '-' of '2-4'
        readings = {-r for r in readings}
    return any(round_half_up(value, max(-r.as_tuple().exponent, 0)) == r for r in readings)


def has_number(label) -> bool:
    """A printed label with a number in it."""
    return isinstance(label, str) and _PRINTED.search(label) is not None


def round_half_up(value, places: int = 2) -> Decimal:
    """`value` rounded half up to `places` decimals, as a Decimal (88,305 → 88,31; 2,675 → 2,68).
    A Fraction is rounded exactly. What rounds to zero is zero without a sign (-0,001 → 0,00, never the
    "-0,00" a reader would take for a loss)."""
    if isinstance(value, Fraction):
        scaled = value * 10 ** places
        n = math.floor(abs(scaled) + Fraction(1, 2))
        rounded = Decimal(n if scaled >= 0 else -n).scaleb(-places)
    else:
        rounded = as_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def percent(part, whole, places: int = 2) -> Decimal | None:
    """`part` as a share of `whole` in percent, rounded half up once from the exact quotient (a serapan of
    10.009.000 of 20.000.000 is 50,045 → 50,05; binary floats give 50,04499… → 50,04). None when either is
    missing or the whole is 0."""
    if not present(part) or not present(whole):
        return None
    whole = as_decimal(whole)
    # one division of 28 significant digits: a quotient that ends within them is exact, and one that does not
    # end is never a half to round
    return None if whole == 0 else round_half_up(as_decimal(part) * 100 / whole, places)


def mean(values) -> float | None:
    """The mean of figures as written, in decimal arithmetic (60,005 and 70,325 average to 65,165 exactly, which
    rounds half up to 65,17; the binary mean is 65,16499…). None for no values."""
    values = [as_decimal(v) for v in values if present(v)]
    return float(sum(values, Decimal(0)) / len(values)) if values else None
