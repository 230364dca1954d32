"""Numbers, money and dates the Indonesian way: 108,88%, Rp9.079.049.540, Rp9,08 miliar, 13 Februari 2026."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "id_ID"


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return value != value  # NaN / NA
    except TypeError:
        return False


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def angka(value, desimal: int | None = 2, kosong: str = "–") -> str:
    """108.875 -> '108,88'; desimal=None keeps the value's own decimals (up to 4)."""
    if _is_missing(value):
        return kosong
    number = _dec(value)
    if desimal is None:
        number = number.normalize() if number == number.to_integral() else number
        text = format(number, "f")
        places = len(text.split(".")[1]) if "." in text else 0
        desimal = min(places, 4)
    quant = Decimal(1).scaleb(-desimal)
    number = number.quantize(quant, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * desimal if desimal else "")
    return format_decimal(number, format=pattern, locale=LOCALE, decimal_quantization=True)


def persen(value, desimal: int = 2, kosong: str = "–") -> str:
    return kosong if _is_missing(value) else f"{angka(value, desimal)}%"


def rupiah(value, sen: bool = False, kosong: str = "–") -> str:
    """Rp9.079.049.540 (sen shown only when asked or when not zero)."""
    if _is_missing(value):
        return kosong
    number = _dec(value)
    show_sen = sen or number != number.to_integral()
    return "Rp" + angka(number, 2 if show_sen else 0)


def rupiah_singkat(value, kosong: str = "–") -> str:
    """Rp9,08 miliar: the size a citizen reads at a glance."""
    if _is_missing(value):
        return kosong
    number = _dec(value)
    for size, word in ((Decimal(10) ** 12, "triliun"), (Decimal(10) ** 9, "miliar"), (Decimal(10) ** 6, "juta")):
        if abs(number) >= size:
            return f"Rp{angka(number / size, 2)} {word}"
    return rupiah(number)


def tanggal(value, kosong: str = "–") -> str:
    if _is_missing(value):
        return kosong
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)
