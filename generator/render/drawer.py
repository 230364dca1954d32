"""vl-convert in a process of its own, started early so that its start-up is not the build's.

The first chart vl-convert draws in a process costs ~0,4 s (its JavaScript engine and the Vega bundles
start up); every later one ~20-30 ms. A package rebuilt after an edit draws a handful of charts, so that
start-up was a quarter of its render step, and it holds Python's lock, so a thread cannot hide it. A
single-package build therefore starts this process before it validates (`start`): by the time the first
chart is drawn the engine is ready, and `charts` sends it each spec (`draw`). The process runs this file
as a script, with nothing but vl-convert imported; it ends when the build's process does (its input
closes). Anything going wrong with it only costs time: `draw` returns None and the chart is drawn in the
build's own process, which raises vl-convert's own error for a spec it refuses.
"""
from __future__ import annotations

import json
import struct
import subprocess
import sys
import threading

_LENGTH = struct.Struct(">Q")
_STATE: dict = {"process": None}
_LOCK = threading.Lock()


def start() -> None:
    """Start the drawing process, unless one is running (it serves every later build of this process)."""
    with _LOCK:
        process = _STATE["process"]
        if process is not None and process.poll() is None:
            return
        try:
            _STATE["process"] = subprocess.Popen([sys.executable, "-I", __file__], stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            _STATE["process"] = None


def draw(spec: str) -> str | None:
    """The SVG of a Vega-Lite spec (JSON text) from the drawing process; None without one or when it fails."""
    with _LOCK:
        process = _STATE["process"]
        if process is None:
            return None
        try:
            data = spec.encode("utf-8")
            process.stdin.write(_LENGTH.pack(len(data)) + data)
            process.stdin.flush()
            ok = _read(process.stdout, 1)
            text = _read(process.stdout, _LENGTH.unpack(_read(process.stdout, _LENGTH.size))[0]).decode("utf-8")
        except (OSError, ValueError, struct.error, EOFError):
            _stop(process)
            return None
        return text if ok == b"1" else None


def _stop(process) -> None:
    _STATE["process"] = None
    process.kill()
    process.wait()


def _read(stream, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError
    return data


def _serve() -> None:
    """The drawing process: warm vl-convert up, then answer specs until the input closes."""
    import os

    # The answers go out on a copy of standard output; whatever else writes there (a library's log line)
    # goes to standard error instead, which the build discards, and cannot break an answer.
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    source = sys.stdin.buffer
    import vl_convert as vlc

    vlc.vegalite_to_svg({"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a"}}})
    while True:
        try:
            size = _LENGTH.unpack(_read(source, _LENGTH.size))[0]
            spec = json.loads(_read(source, size))
        except EOFError:
            return
        try:
            answer, ok = vlc.vegalite_to_svg(spec).encode("utf-8"), b"1"
        except Exception as exc:  # noqa: BLE001 - the build draws it again itself and reports vl-convert's error
            answer, ok = str(exc).encode("utf-8"), b"0"
        sink.write(ok + _LENGTH.pack(len(answer)) + answer)
        sink.flush()


if __name__ == "__main__":
    _serve()
