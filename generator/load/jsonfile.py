"""Read a JSON file an operator edited (`datapackage.json`, a Table Schema, `katalog.json`), or say at which
line and column it is not what JSON allows: not UTF-8 (UTF-16 from Notepad), a syntax slip, Python's
non-standard `NaN` and `Infinity` (json.loads accepts them; the standard does not), nesting deeper than any
descriptor needs (which would exhaust the parser's recursion), a key written twice in one object (JSON keeps
the last silently). Also `locate`: the line and column of a key.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from generator.problems import Problem, line_column, os_reason

MAX_DEPTH = 32  # a descriptor nests objects and lists about six deep


class _NonStandard(ValueError):
    pass


class _Repeated(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    """An object's members; a key written twice is refused (json.loads would keep the last value silently)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Repeated(key)
        seen[key] = value
    return seen


def repeated_key(text: str) -> tuple[int, str] | None:
    """Where in valid JSON `text` a key is written a second time in the same object: (offset, key), or None.
    A small scan of strings and brackets, run only once the parser has met a repeat."""
    keys: list[set | None] = []  # per open container: the keys met so far (None for a list)
    expect_key, i = False, 0
    while i < len(text):
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if expect_key and keys and keys[-1] is not None:
                key = json.loads(text[i:j + 1])
                if key in keys[-1]:
                    return i, key
                keys[-1].add(key)
            expect_key, i = False, j + 1
            continue
        if c == "{":
            keys.append(set())
            expect_key = True
        elif c == "[":
            keys.append(None)
        elif c in "]}":
            keys.pop()
        elif c == ",":
            expect_key = bool(keys) and keys[-1] is not None
        i += 1
    return None


def _refuse(token: str):
    raise _NonStandard(token)


def parse_json(data: bytes) -> tuple[Any, tuple[int, int, str] | None]:
    """(value, None), or (None, (line, column, Indonesian message))."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 4 and data[:400].count(b"\x00") * 3 >= len(data[:400])):
        return None, (1, 1, "berkas tersimpan sebagai UTF-16, bukan UTF-8; simpan ulang sebagai UTF-8 "
                            '(Notepad: "Simpan Sebagai" → Pengodean "UTF-8")')
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, (data[: exc.start].count(b"\n") + 1, 1, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8")
    if not text.strip():
        return None, (1, 1, "berkas kosong")
    try:
        value = json.loads(text, parse_constant=_refuse, object_pairs_hook=_pairs)
    except _Repeated as exc:
        found = repeated_key(text)
        line, col = line_column(text, found[0]) if found else (1, 1)
        return None, (line, col, f"kunci {json.dumps(str(exc), ensure_ascii=False)} ditulis dua kali dalam satu objek; "
                                 "JSON hanya memakai yang terakhir, jadi hapus salah satunya")
    except _NonStandard as exc:
        match = re.search(r"[:\[,]\s*(" + re.escape(str(exc)) + r")\b", text)
        line, col = line_column(text, match.start(1)) if match else (1, 1)
        return None, (line, col, f"{exc} bukan nilai JSON yang sah; tulis angkanya, atau null bila kosong")
    except json.JSONDecodeError as exc:
        return None, (exc.lineno, exc.colno, f"JSON tidak sah ({_reason(exc.msg)}); periksa koma, tanda kutip dan kurung "
                                             "di sekitar posisi ini")
    except RecursionError:
        return None, (1, 1, f"struktur JSON bertingkat terlalu dalam; yang diharapkan paling banyak {MAX_DEPTH} tingkat")
    deepest = depth(value)
    if deepest > MAX_DEPTH:
        return None, (1, 1, f"struktur JSON bertingkat {deepest} tingkat; yang diharapkan paling banyak {MAX_DEPTH} tingkat")
    # "\ud800" is valid JSON but no character: every later step that writes the text as UTF-8 (a page, a
    # message, a cache key) failed on it, after validation had said the package was valid.
    if _has_surrogate(value):
        lone = LONE_SURROGATE_ESCAPE.search(text)
        line, col = line_column(text, lone.start()) if lone else (1, 1)
        return None, (line, col, f"{lone.group(0) if lone else 'teks'} bukan karakter (separuh pasangan UTF-16 tanpa "
                                 "pasangannya); hapus atau ganti dengan huruf yang dimaksud")
    return value, None


# An escaped surrogate not part of a pair: a high one not followed by an escaped low one, or a low one alone.
LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|"
                                   r"(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


_REASONS = {
    "Expecting ',' delimiter": "kurang koma",
    "Expecting ':' delimiter": "kurang titik dua",
    "Expecting value": "nilai tidak ditemukan",
    "Expecting property name enclosed in double quotes": "nama kunci harus diapit tanda kutip ganda; atau ada koma berlebih",
    "Unterminated string starting at": "tanda kutip tidak ditutup",
    "Extra data": "ada teks sesudah akhir JSON",
    "Invalid control character at": "karakter kendali di dalam teks",
    "Invalid \\escape": "garis miring terbalik (\\) tidak sah",
}


def _reason(msg: str) -> str:
    for english, bahasa in _REASONS.items():
        if msg.startswith(english):
            return bahasa
    return "sintaks tidak dikenali"


def depth(value) -> int:
    """How deeply lists and objects nest (iteratively: a deep value must not exhaust the stack here either)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def locate(raw: str, key: str, value, nth: int = 0) -> tuple[int, int]:
    """Line and column of `"key": value` in the descriptor text, so messages point at the JSON line (its
    `nth` occurrence, counting from 0: the second member with the same id is on its own line); of `"key":`
    (its first occurrence) when the value cannot be found as written; else 1, 1."""
    try:
        dumped = [json.dumps(value, ensure_ascii=False), json.dumps(value)]
    except (TypeError, ValueError, RecursionError):
        dumped = []
    for text in dumped:
        found = list(re.finditer(r'"%s"\s*:\s*%s' % (re.escape(key), re.escape(text)), raw))
        if found:
            return line_column(raw, found[min(nth, len(found) - 1)].start())
    if key:
        match = re.search(r'"%s"\s*:' % re.escape(key), raw)
        if match:
            return line_column(raw, match.start())
    return 1, 1


def read_json_file(file: Path, what: str, expected: str) -> tuple[Any, str, Problem | None]:
    """(value, text, None) for a JSON file the user wrote (a catalog), or (None, "", the one problem that
    stops its reading), worded with `what` the file is and what was `expected` of it."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, "", Problem(str(file), 1, 1, f"{what} tidak dapat dibaca ({os_reason(exc)})")
    data, failure = parse_json(raw)
    if failure is not None:
        line, col, message = failure
        return None, "", Problem(str(file), line, col, f"{what} bukan JSON yang sah: {message}; yang diharapkan {expected}")
    return data, raw.decode("utf-8-sig"), None
