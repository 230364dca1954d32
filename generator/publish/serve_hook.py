"""MkDocs hook used by `kinerja serve`: regenerate the portal's pages from the data package before every
rebuild, so editing a CSV updates the preview. Invalid data keeps the last good pages, prints the
problems like `kinerja build` does, and shows them in a banner on every page (an operator watching the
browser, not the terminal, must not believe the edit worked); the next valid rebuild removes it."""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from generator import stops
from generator.publish import BuildError, handwritten_pages, mkdocs, prepare, workspace
from generator.publish.workspace import Workspace

_last = None  # the last successful preparation, reused while the data is invalid


def on_config(config, **kwargs):
    global _last
    data, ws = Path(os.environ["KINERJA_DATA"]), Workspace(Path(os.environ["KINERJA_WORK"]))
    pages = Path(os.environ["KINERJA_PAGES"]) if os.environ.get("KINERJA_PAGES") else None
    problems: list[str] = []
    try:
        ready = prepare(data, ws, parallel=False)
        workspace.write_sources(ws, ready.site, handwritten_pages(pages, ready.site))
        _last = ready
        for line in ready.warnings:
            print(line, file=sys.stderr)
    except BuildError as exc:
        lines = exc.report.lines() if exc.report else [str(exc)]
        print("\n".join(lines + [f"{exc.subject} tidak sah: pratinjau memakai halaman terakhir yang sah."]),
              file=sys.stderr)
        if _last is None:
            raise SystemExit(1) from exc
        problems = lines
    config["nav"] = _last.site.nav
    config["site_name"] = _last.site.site_name
    # A copy: the banner belongs to this rebuild only, never to the kept site.
    config["extra"] = {**_last.site.extra, "pratinjau_masalah": problems} if problems else _last.site.extra
    config.theme["features"] = list(config.theme["features"]) + [f for f in mkdocs.FEATURES
                                                                  if f not in config.theme["features"]]
    return config


def on_serve(server, **kwargs):
    """End the preview's server once the process is sent a stop (`kinerja serve` remembers it: `stops`),
    whether or not the KeyboardInterrupt reached MkDocs' loop. Python drops one that lands in a finalizer
    or a callback; without this the preview then ran on until a second Ctrl+C. Shutting down twice is
    harmless (MkDocs' own `finally` does it again)."""
    def stop_server() -> None:
        stops.wait_for_stop()
        server.shutdown()
    threading.Thread(target=stop_server, name="kinerja-stop", daemon=True).start()
    return server
