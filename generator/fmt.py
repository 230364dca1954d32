"""Numbers, money and dates the Indonesian way: 108,88%, Rp9.079.049.540, Rp9,08 miliar, 13 Februari 2026."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date

from generator.domain.values import as_decimal, present, round_half_up

LOCALE = "id_ID"
# CLDR's id_ID number symbols: "," before the decimals, "." between groups of three digits.
_ID_SEPARATORS = str.maketrans({",": ".", ".": ","})


def angka(value, desimal: int | None = 2, kosong: str = "–") -> str:
    """108.875 -> '108,88'; desimal=None keeps the value's own decimals (up to 4)."""
    if not present(value):
        return kosong
    number = as_decimal(value)
    if desimal is None:
        desimal = own_decimals(number)
    # Rounded half up first, so the format has nothing left to round; Python's grouping with the
    # separators swapped is CLDR's id_ID pattern #,##0.00 (test_escaping_and_formats checks it against
    # Babel), at a twentieth of Babel's cost: a kabupaten portal formats a few hundred thousand numbers.
    return format(round_half_up(number, desimal), f",.{desimal}f").translate(_ID_SEPARATORS)


def own_decimals(value) -> int:
    """The decimals a number has of its own, up to 4 (88.19 → 2, 4.0 → 0): what `angka` shows when not told."""
    number = as_decimal(value)
    number = number.normalize() if number == number.to_integral() else number
    text = format(number, "f")
    return min(len(text.split(".")[1]) if "." in text else 0, 4)


def persen(value, desimal: int = 2, kosong: str = "–") -> str:
    return kosong if not present(value) else f"{angka(value, desimal)}%"


def rupiah(value, sen: bool = False, kosong: str = "–") -> str:
    """Rp9.079.049.540 (sen shown only when asked or when not zero)."""
    if not present(value):
        return kosong
    number = as_decimal(value)
    show_sen = sen or number != number.to_integral()
    return "Rp" + angka(number, 2 if show_sen else 0)


def rupiah_singkat(value, kosong: str = "–") -> str:
    """Rp9,08 miliar: the size a citizen reads at a glance."""
    if not present(value):
        return kosong
    number = as_decimal(value)
    for size, word in ((Decimal(10) ** 12, "triliun"), (Decimal(10) ** 9, "miliar"), (Decimal(10) ** 6, "juta")):
        if abs(number) >= size:
            return f"Rp{angka(number / size, 2)} {word}"
    return rupiah(number)


def tanggal(value, kosong: str = "–") -> str:
    if not present(value):
        return kosong
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)


def daftar(items) -> str:
    """Items in a sentence, the Indonesian way: "a", "a dan b", "a, b dan c"."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1] if items else ""
