"""`kinerja serve`: MkDocs' live-reload preview, watching the data package; pages regenerate on each save."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from generator.commands.build import check_inputs
from generator.commands.common import EXIT_OK, terminated

HELP = "pratinjau dengan muat ulang otomatis; halaman dibuat ulang saat data berubah"


def register(sub) -> None:
    s = sub.add_parser("serve", help=HELP, description=HELP)
    s.add_argument("--data", default="datapackage", help="folder paket data atau katalog (bawaan: datapackage)")
    s.add_argument("--config", default="mkdocs.yml", help="konfigurasi MkDocs (bawaan: mkdocs.yml)")
    s.add_argument("--src", default="site_src", help="folder halaman tulisan tangan (bawaan: site_src)")
    s.add_argument("--alamat", default="127.0.0.1:8000", help="alamat:port pratinjau (bawaan: 127.0.0.1:8000)")


def run(args) -> int:
    from mkdocs.commands.serve import serve

    from generator.publish import serve_hook
    from generator.publish.workspace import Workspace

    data, config = Path(args.data), Path(args.config)
    if (problem := check_inputs(data, config)) is not None:
        return problem
    # Beside the data, one per package: two previews never share their pages.
    ws = Workspace(data.resolve().parent / ".kinerja" / f"pratinjau-{data.resolve().name}")
    os.environ["KINERJA_DATA"], os.environ["KINERJA_WORK"] = str(data.resolve()), str(ws.root)
    os.environ["KINERJA_PAGES"] = str(Path(args.src).resolve())
    ws.docs.mkdir(parents=True, exist_ok=True)
    print(f"Pratinjau {data} di http://{args.alamat}/ (Ctrl+C untuk berhenti)", file=sys.stderr)
    hook = serve_hook.__file__
    # Ctrl+C and SIGTERM stop the preview, also when started with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, terminated)
    try:
        serve(config_file=str(config), livereload=True, watch=[str(data.resolve()), str(Path(args.src).resolve())],
              dev_addr=args.alamat,
              docs_dir=str(ws.docs), hooks=[hook])
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        pass
    return EXIT_OK
