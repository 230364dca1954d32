"""MkDocs hook used by `kinerja serve`: regenerate the portal's Markdown from the data package before
every rebuild, so editing a CSV updates the preview. Invalid data keeps the last good pages and
prints the problems, like `kinerja build` does."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from generator.build import BuildError, prepare
from generator.build_katalog import prepare_catalog
from generator.katalog import catalog_file

_last = None  # the last successful preparation, reused while the data is invalid


def on_config(config, **kwargs):
    global _last
    data, src = Path(os.environ["KINERJA_DATA"]), Path(os.environ["KINERJA_SRC"])
    catalog = catalog_file(data)
    try:
        _last = prepare_catalog(catalog, src, lambda step: None, None, parallel=False) if catalog else prepare(data, src)
        for line in _last.warnings:
            print(line, file=sys.stderr)
    except BuildError as exc:
        lines = exc.report.lines() if exc.report else [str(exc)]
        print("\n".join(lines + ["Data tidak sah: pratinjau memakai halaman terakhir yang sah."]), file=sys.stderr)
        if _last is None:
            raise SystemExit(1) from exc
    config["nav"] = _last.site.nav
    config["site_name"] = _last.site.site_name
    config["extra"] = _last.extra
    if catalog and "navigation.prune" not in config.theme["features"]:
        config.theme["features"] = list(config.theme["features"]) + ["navigation.prune"]
    return config
