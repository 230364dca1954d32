"""Problems found in a data package, reported as `file:row:column: message` lines in Bahasa Indonesia.

Rules and checks speak in terms of resources and column names; the report maps them to
file paths and spreadsheet positions (row 1 is the header, as in Excel), so an operator can
jump straight to the cell.
"""
from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field

KESALAHAN = "kesalahan"
PERINGATAN = "peringatan"
# Invisible characters a message may quote from the data (an ESC would drive the operator's terminal): named.
_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def visible(text: str) -> str:
    """One line, nothing invisible: tabs and line breaks become spaces, other controls are named."""
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text.replace("\t", " ").replace("\n", " "))


# Why a file could not be read or written: the operating system's own words (`strerror`) are English.
_OS_REASONS = {
    errno.EACCES: "izin ditolak", errno.EPERM: "izin ditolak", errno.ENOENT: "tidak ada",
    errno.ENOTDIR: "salah satu bagian jalurnya adalah berkas, bukan folder", errno.EISDIR: "adalah folder, bukan berkas",
    errno.ENOSPC: "ruang disk penuh", errno.EDQUOT: "kuota disk habis", errno.EROFS: "sistem berkasnya hanya dapat dibaca",
    errno.EEXIST: "sudah ada", errno.ENAMETOOLONG: "namanya terlalu panjang", errno.ELOOP: "tautan simboliknya berputar",
    errno.EIO: "galat baca/tulis perangkat", errno.EBUSY: "sedang dipakai program lain", errno.EINVAL: "nama tidak sah",
    errno.ENOTEMPTY: "folder tidak kosong", errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENFILE: "terlalu banyak berkas terbuka", errno.EXDEV: "berada di sistem berkas lain",
    errno.EADDRINUSE: "sudah dipakai program lain", errno.EADDRNOTAVAIL: "bukan alamat mesin ini",
}


def os_reason(exc: OSError) -> str:
    """Why the operating system refused a file, in Bahasa; an unusual refusal by its code (its own words are
    English), e.g. "ditolak sistem operasi (EPIPE)"."""
    code = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) and exc.errno > 0 else None
    return _OS_REASONS.get(exc.errno) or f"ditolak sistem operasi ({code or type(exc).__name__})"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem. `resource` names a table resource, or is None for a plain file (`file`)."""

    file: str
    row: int
    column: int
    message: str
    level: str = KESALAHAN

    def line(self) -> str:
        prefix = "peringatan: " if self.level == PERINGATAN else ""
        return visible(f"{self.file}:{self.row}:{self.column}: {prefix}{self.message}")


def line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of `text[index]` as an editor shows them: a line ends at "\n" only. YAML also
    ends lines at U+0085, U+2028 and U+2029, which editors show inside a line, so its marks are converted here
    (with the marks' own numbers, "\x85\x851" read as three lines)."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def not_utf8(file: str, data: bytes, expected: str) -> Problem | None:
    """A text file (a page, a configuration) that is not UTF-8: the problem at its first such byte, by line
    and by letters before it on that line (not bytes); None when it reads."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start:exc.start].decode("utf-8", errors="replace")) + 1
        return Problem(file, data.count(b"\n", 0, exc.start) + 1, column,
                       f"bukan teks UTF-8 (bita 0x{data[exc.start]:02X}); yang diharapkan {expected}")
    return None


@dataclass(frozen=True)
class CellIssue:
    """A domain-rule finding located by resource, spreadsheet row and column name (not by file)."""

    resource: str
    row: int
    column: str | None
    message: str
    level: str = KESALAHAN


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == KESALAHAN]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == PERINGATAN]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]

    def github_lines(self) -> list[str]:
        """GitHub Actions workflow commands: each problem becomes an annotation on the file's line in a pull
        request's diff (`::error file=...,line=...,col=...::message`)."""
        out = []
        for p in self.problems:
            kind = "warning" if p.level == PERINGATAN else "error"
            props = f"file={_gh_property(p.file)},line={p.row},col={p.column},title=kinerja validate"
            out.append(f"::{kind} {props}::{_gh_data(visible(p.message))}")
        return out

    def markdown(self, title: str = "Hasil pemeriksaan paket data") -> str:
        """The report as a Markdown table, for a CI job summary: data text escaped, pipes too."""
        lines = [f"### {title}", "", f"**{self.summary()}**", ""]
        if self.problems:
            lines += ["| Tingkat | Berkas | Baris | Kolom | Masalah |", "|---|---|---:|---:|---|"]
            for p in self.problems:
                lines.append(f"| {'peringatan' if p.level == PERINGATAN else 'kesalahan'} | {_md_cell(p.file)} | "
                             f"{p.row} | {p.column} ({column_letter(p.column)}) | {_md_cell(p.message)} |")
        return "\n".join(lines) + "\n"

    def summary(self, subject: str = "Paket data") -> str:
        """The last line of a report; `subject` names what was checked (a roll-up checks more than a package)."""
        e, w = len(self.errors), len(self.warnings)
        if e:
            return f"{subject} tidak sah: {e} kesalahan, {w} peringatan."
        if w:
            return f"{subject} sah, dengan {w} peringatan."
        return f"{subject} sah."


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: the column name an operator sees in a spreadsheet."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _md_cell(text: str) -> str:
    """Escape for a Markdown table cell in a job summary (GitHub renders HTML there too)."""
    out = visible(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")
