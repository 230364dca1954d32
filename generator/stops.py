"""Stops a process was sent (Ctrl+C, SIGTERM), remembered where Python may drop them.

A signal handler raises KeyboardInterrupt (or `commands.common.Terminated`) where the process happens to
be. Python cannot always deliver it (inside a callback of the import machinery it is printed as
"Exception ignored" and lost), and a stop arriving while a module is half-imported leaves that module
broken, so the next import of it fails with an ImportError. Remembered here, the build's last step
before the swap raises the stop again (`raise_if_stopped`), and the command reports a stop, not an
internal error. Standard library only: the handlers import nothing when a signal arrives."""
from __future__ import annotations

import threading

_STOPPED: list[type[BaseException]] = []
_SENT = threading.Event()  # set with the first stop: what waits for one (`wait_for_stop`) wakes


def stop(exc: type[BaseException]):
    """For a signal handler: remember the stop, then raise it (`exc`: KeyboardInterrupt or a subclass)."""
    _STOPPED.append(exc)
    _SENT.set()
    raise exc()


def forget_stops() -> None:
    """When a command starts, and once a stop is reported: it is not a later build's to obey."""
    _STOPPED.clear()
    _SENT.clear()


def first_stop() -> type[BaseException] | None:
    """The first stop this process was sent and has not forgotten, if any."""
    return _STOPPED[0] if _STOPPED else None


def raise_if_stopped() -> None:
    """Raise the first stop this process was sent, if any, even one Python dropped where it arrived."""
    if _STOPPED:
        raise _STOPPED[0]()


def wait_for_stop() -> None:
    """Block until this process is sent a stop (for a thread that ends a server when one comes)."""
    _SENT.wait()
