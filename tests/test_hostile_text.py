"""Hostile text in every displayed text field, across the whole built site.

Every free-text field of every resource (a string field that is not a key, reference, enum or
pattern-constrained code: names, definitions, formulas, the agency's name that titles every page, ...)
gets a payload prepended, the package must still validate, `kinerja build` must succeed, and no HTML or
SVG file of the built portal may contain the payload as live markup; the text must still be shown, on
every page kind a reader opens. One build per payload covers every field at once.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT

PAYLOADS = {
    "img": "<img src=x onerror=alert(1)>",
    "link": "[klik](javascript:alert(1))",
    "title": "</title><script>alert(1)</script>",  # the agency's name ends up in every <title>
    # a cell of a Markdown table: a column break, emphasis; "&" and '"' must come out escaped once
    "table": '<script>alert(1)</script> | *x* & "y"',
    # the whole of a value that begins a line in a template (a misi, a narasi paragraph, a standard's text)
    # began a block: an official-looking warning box, a list numbered anew, a code block (WHOLE)
    "blok": '!!! danger "Layanan ini DIHENTIKAN"',
}
WHOLE = {"blok"}
LIVE = ("<img src=x", "<script>alert", 'href="javascript:', "onerror=alert(1)>", 'class="admonition danger"')
# Page kinds whose text must show the payload (the home page, a profile, a sasaran, the tree, an
# indicator, the budget, the survey), beside the count over the whole site.
SHOWN_ON = ["index.html", "profil/index.html", "sasaran/s-1-1-1/index.html", "pohon/index.html",
            "indikator/iku-ip-asn/index.html", "anggaran/index.html", "survei/index.html"]


def free_text_fields(schema: dict) -> list[str]:
    keys = schema.get("primaryKey") or []
    keys = [keys] if isinstance(keys, str) else list(keys)
    for fk in schema.get("foreignKeys", []):
        keys += fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
    out = []
    for f in schema["fields"]:
        c = f.get("constraints", {})
        if f.get("type", "string") == "string" and f["name"] not in keys and "enum" not in c and "pattern" not in c:
            out.append(f["name"])
    return out


def poison(package: Path, payload: str, whole: bool = False) -> int:
    """Prepend `payload` to every non-empty free-text cell (or, `whole`, put it in place of the cell's text);
    returns how many cells were changed."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    changed = 0
    for res in descriptor["resources"]:
        schema = json.loads((package / res["schema"]).read_text(encoding="utf-8"))
        fields = free_text_fields(schema)
        delimiter = (res.get("dialect") or {}).get("delimiter", ",")
        path = package / res["path"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=delimiter))
        if not rows:
            continue
        header = rows[0]
        for row in rows[1:]:
            for name in fields:
                i = header.index(name)
                if i < len(row) and row[i] not in ("", "-"):
                    row[i] = payload if whole else f"{payload} {row[i]}"
                    changed += 1
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return changed


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_no_field_can_inject_markup(run, pkg, tmp_path, name):
    payload = PAYLOADS[name]
    assert poison(pkg, payload, name in WHOLE) > 300  # names, definitions, formulas, sources, labels, notes, units, ...
    src = tmp_path / "src"
    src.mkdir()
    (src / "tentang.md").write_bytes((ROOT / "site_src" / "tentang.md").read_bytes())
    status, _, err = run("build", "--data", pkg, "--out", tmp_path / "site", "--src", src, "--config", ROOT / "mkdocs.yml")
    assert status == 0, err
    site = tmp_path / "site"
    assert len(list(site.rglob("index.html"))) > 50
    shown, pages = 0, set()
    for page in sorted(site.rglob("*")):
        if page.suffix not in (".html", ".svg") and page.name != "search_index.json":  # Material shows its text as HTML
            continue
        text = page.read_text(encoding="utf-8")
        for live in LIVE:
            assert live not in text, f"{page.relative_to(tmp_path)} contains live {live!r}"
        if page.suffix == ".html":
            assert "</title><" not in text, page.relative_to(tmp_path)  # the <title> is never closed early
            # escaped once: the logo's tooltip in the navigation read "Kinerja Dinas A &amp; B" (Material's "| e"
            # over the name the generator had escaped)
            assert not re.search(r"&amp;(amp|quot|lt|gt|#\d+);", text), page.relative_to(tmp_path)
            visible = unescape(re.sub(r"<[^>]+>", "", text))
            shown += visible.count(payload)
            if payload in visible:
                pages.add(page.relative_to(site).as_posix())
    assert shown > 100  # the payload is displayed as text, not dropped
    assert set(SHOWN_ON) <= pages, set(SHOWN_ON) - pages  # ... on every page kind a reader opens
