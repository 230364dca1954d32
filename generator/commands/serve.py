"""`kinerja serve`: MkDocs' live-reload preview, watching the data package; pages regenerate on each save."""
from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

from generator.commands.build import check_inputs, pages_folder
from generator.commands.common import EXIT_OK, interrupted, terminated, usage_error
from generator.problems import os_reason

HELP = "pratinjau dengan muat ulang otomatis; halaman dibuat ulang saat data berubah"


def register(sub) -> None:
    s = sub.add_parser("serve", help=HELP, description=HELP)
    s.add_argument("--data", default="datapackage", metavar="PAKET", help="folder paket data atau katalog (bawaan: datapackage)")
    s.add_argument("--config", default="mkdocs.yml", metavar="BERKAS.yml", help="konfigurasi MkDocs (bawaan: mkdocs.yml)")
    s.add_argument("--src", default=None, metavar="FOLDER",
                   help="folder halaman tulisan tangan (bawaan: site_src di samping berkas konfigurasi)")
    s.add_argument("--alamat", default="127.0.0.1:8000", help="alamat:port pratinjau (bawaan: 127.0.0.1:8000)")


def address_problem(text: str) -> str | None:
    """Why the preview cannot listen at `text`, in Bahasa, or None. Asked before anything is built: what MkDocs
    would refuse in English (its own check is used), a port out of range (an internal error before), an
    address of another machine, a port in use."""
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress

    try:
        host, port = IpAddress().validate(text)
    except ValidationError:
        return "tidak sah; yang diharapkan IP:PORT, misalnya 127.0.0.1:8000"
    if not 1 <= port <= 65535:
        return "tidak sah; port harus 1-65535, misalnya 127.0.0.1:8000"
    host = "127.0.0.1" if host == "localhost" else host
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's own server does
            probe.bind((host, port))
    except OSError as exc:
        return f"tidak dapat dipakai: {os_reason(exc)}"
    return None


def outside_link(folder: Path) -> tuple[Path, str] | None:
    """A folder link inside `folder` that leads out of it (or loops), with where it leads: the preview
    watches the whole folder, following links, and a link to / kept it walking the machine forever (100 %
    of a core, memory growing ~20 MB/s) before it answered once. None when there is none."""
    from generator.load.package import safe_relative

    for top, dirs, _files in os.walk(folder):  # links are not followed here: each is looked at instead
        for name in dirs:
            path = Path(top) / name
            if path.is_symlink() and safe_relative(folder, path.relative_to(folder).as_posix()) is None:
                try:
                    return path, os.readlink(path)
                except OSError:
                    return path, "?"
    return None


def run(args) -> int:
    from mkdocs.commands.serve import serve

    from generator.publish import serve_hook
    from generator.publish.workspace import preview

    if (why := address_problem(args.alamat)) is not None:
        return usage_error(f"--alamat '{args.alamat}' {why}")
    data, config = Path(args.data), Path(args.config)
    pages = pages_folder(args.src, config)
    if (problem := check_inputs(data, config, pages)) is not None:
        return problem
    if data.is_dir() and (link := outside_link(data)) is not None:
        return usage_error(f"folder '{link[0]}' adalah tautan ke luar folder paket ({link[1]}); pratinjau mengawasi "
                           "seluruh folder paket, jadi hapus tautan itu atau pindahkan isinya ke dalam paket")
    # Beside the data, one per package and running preview: two previews never share their pages.
    with preview(data.resolve()) as ws:
        os.environ["KINERJA_DATA"], os.environ["KINERJA_WORK"] = str(data.resolve()), str(ws.root)
        os.environ["KINERJA_PAGES"] = str(pages.resolve())
        print(f"Pratinjau {data} di http://{args.alamat}/ (Ctrl+C untuk berhenti)", file=sys.stderr)
        hook = serve_hook.__file__
        # Ctrl+C and SIGTERM stop the preview, also when started with SIGINT ignored (a background job), and
        # also when Python drops the KeyboardInterrupt where it lands mid-rebuild (a loaded machine's test run
        # saw one lost): the stop is remembered, and the hook's `on_serve` ends the server on it.
        signal.signal(signal.SIGINT, interrupted)
        signal.signal(signal.SIGTERM, terminated)
        try:
            serve(config_file=str(config), livereload=True, watch=[str(data.resolve()), str(pages.resolve())],
                  dev_addr=args.alamat,
                  docs_dir=str(ws.docs), hooks=[hook])
        except SystemExit as exc:
            return int(exc.code or 0)
        except KeyboardInterrupt:
            pass
    return EXIT_OK
