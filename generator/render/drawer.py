"""vl-convert in a process of its own, started early so that its start-up is not the build's.

The first chart vl-convert draws in a process costs ~0,4 s (its JavaScript engine and the Vega bundles
start up); every later one ~20-30 ms. A package rebuilt after an edit draws a handful of charts, so that
start-up was a quarter of its render step, and it holds Python's lock, so a thread cannot hide it. A
single-package build therefore starts this process before it validates (`start`): by the time the first
chart is drawn the engine is ready, and `charts` sends it each spec (`draw`). The process runs this file
as a script, with nothing but vl-convert imported; it ends when the build's process does (its input
closes). Anything going wrong with it only costs time: `draw` returns None and the chart is drawn in the
build's own process, which raises vl-convert's own error for a spec it refuses.

Orders can also be sent ahead (`send`) and their answers taken later (`receive`): the process draws
while the build goes on rendering pages (`charts.drawing_ahead`). A thread reads the answers as they
come, so neither side ever waits on a full pipe.
"""
from __future__ import annotations

import json
import os
import queue
import struct
import subprocess
import sys
import threading

_LENGTH = struct.Struct(">Q")
_LOCK = threading.Lock()
_STATE: dict = {"process": None}


class _Channel:
    """The running process, the orders sent to it and the answers taken so far. Two threads do the waiting:
    one writes the orders (the process reads one while it draws the one before, so a pipe of orders ahead
    fills up), one reads the answers as they come."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.sent = 0
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()  # None: stop writing
        self.answers: dict[int, str | None] = {}
        self.ended = False  # the process stopped answering: every order not answered gets None
        self.arrived = threading.Condition()
        threading.Thread(target=self._write, daemon=True).start()
        threading.Thread(target=self._read, daemon=True).start()

    def _write(self) -> None:
        try:
            while True:
                data = self.outbox.get()
                if data is None:
                    return
                self.process.stdin.write(_LENGTH.pack(len(data)) + data)
                self.process.stdin.flush()
        except (OSError, ValueError):
            self._end()

    def _read(self) -> None:
        order = 0
        try:
            while True:
                ok = _read(self.process.stdout, 1)
                text = _read(self.process.stdout, _LENGTH.unpack(_read(self.process.stdout, _LENGTH.size))[0])
                with self.arrived:
                    self.answers[order] = text.decode("utf-8") if ok == b"1" else None
                    self.arrived.notify_all()
                order += 1
        except (OSError, ValueError, struct.error, EOFError):
            self._end()

    def _end(self) -> None:
        with self.arrived:
            self.ended = True
            self.arrived.notify_all()


def start() -> None:
    """Start the drawing process, unless one is running (it serves every later build of this process)."""
    with _LOCK:
        channel = _STATE["process"]
        if channel is not None and not channel.ended and channel.process.poll() is None:
            return
        try:
            _STATE["process"] = _Channel(subprocess.Popen([sys.executable, "-I", __file__], stdin=subprocess.PIPE,
                                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
        except OSError:
            _STATE["process"] = None


def send(spec: str) -> tuple[_Channel, int] | None:
    """Order the SVG of a Vega-Lite spec (JSON text), without waiting; None without a drawing process. The
    answer is `receive(order)`."""
    with _LOCK:
        channel = _STATE["process"]
        if channel is None:
            return None
        if channel.ended:
            _stop(channel)
            return None
        channel.outbox.put(spec.encode("utf-8"))
        channel.sent += 1
        return channel, channel.sent - 1


def receive(order: tuple[_Channel, int] | None) -> str | None:
    """The SVG an order asked for, once drawn; None when vl-convert refused the spec or the process ended."""
    if order is None:
        return None
    channel, number = order
    with channel.arrived:
        channel.arrived.wait_for(lambda: number in channel.answers or channel.ended)
        answer = channel.answers.pop(number, None)
    if answer is None and channel.ended:
        with _LOCK:
            if _STATE["process"] is channel:
                _stop(channel)
    return answer


def draw(spec: str) -> str | None:
    """The SVG of a Vega-Lite spec (JSON text) from the drawing process; None without one or when it fails."""
    return receive(send(spec))


def _stop(channel: _Channel) -> None:
    _STATE["process"] = None
    channel.outbox.put(None)
    channel.process.kill()
    channel.process.wait()


def _forget() -> None:
    """In a child made by fork: the parent's process and pipes are not this process's to use (and its lock
    may have been held by a thread the child does not have)."""
    global _LOCK
    _LOCK = threading.Lock()
    _STATE["process"] = None


os.register_at_fork(after_in_child=_forget)


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
