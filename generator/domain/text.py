"""Text a spreadsheet would run: one definition for validation (refused in a package's text cells) and for
every published CSV (neutralised), after OWASP's CSV-injection guidance.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `+cmd|' /C calc'!A0`). What a spreadsheet reads
as a value stays as it is: one signed number (`-2,5`, `+1.234`, `-10%`), a social-media handle
(`@diskominfo`), a lone dash. Anything more after a sign is a formula to a spreadsheet even without a
function in it: `-1-1` opens as -2, a phone number `+62-719-9220007` as -9220664, `-2/3` as -0,67, and a
space or a colon between numbers is an operator too; such text gets the apostrophe.

Also the one test for a web address a user types (`web_address`): text that lands in an attribute.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HARMLESS = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*%?|@[A-Za-z0-9_.]+|-")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take this text cell for a formula."""
    first = text[:1]
    return first in FORMULA_START and (first in "=\t\r" or HARMLESS.fullmatch(text) is None)


# What makes a formula reach beyond arithmetic: a function call (`HYPERLINK(`: a spreadsheet allows no space
# before the bracket), a DDE link (`cmd|' /C calc'`), a reference to another sheet or file (`'x'!A1`).
ACTIVE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\(|[|!]")


def runs_code(text: str) -> bool:
    """Whether a text cell is a formula that does more than arithmetic when a spreadsheet opens it: refused
    in a package, whose own files are also published as they are (`data/sumber/`, the ZIP). Text after a
    sign that is only arithmetic or words (`- (keterangan ...)`, `+62 719 ...`) is the document's wording:
    kept, and neutralised in every CSV the build writes (`spreadsheet_safe`)."""
    return formula_like(text) and (text[:1] not in "-+" or ACTIVE.search(text) is not None)


def spreadsheet_safe(text: str) -> str:
    """A text cell for a published CSV: formula-like text gets a leading apostrophe, which every spreadsheet
    shows as text and never runs. Text that already begins with apostrophes before formula-like text gets
    one more, so `spreadsheet_text` can always give the text back."""
    return "'" + text if formula_like(text.lstrip("'")) else text


def spreadsheet_text(cell: str) -> str:
    """The text a published CSV cell stands for (`spreadsheet_safe` undone): for a workbook, whose text cells
    a spreadsheet never runs, so the apostrophe would only show as part of the text."""
    return cell[1:] if cell.startswith("'") and formula_like(cell.lstrip("'")) else cell


# Characters a web address never holds as typed (RFC 3986 leaves them out): spaces and controls, quotes,
# angle brackets, braces, backslash. An address with them would break out of the attribute it lands in.
_NOT_IN_ADDRESS = re.compile(r'[\x00-\x20\x7f"<>\\^`{|}\']')


def web_address(text: str) -> bool:
    """Whether `text` is a full http(s) address with a host and nothing an attribute could break on: the
    one test for the addresses a user types (`--url`, `--alamat`, a roll-up's `alamat`)."""
    if not isinstance(text, str) or _NOT_IN_ADDRESS.search(text):
        return False
    try:
        parts = urlsplit(text)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # an unclosed [ of an IPv6 host
        return False
