"""Write a fixed file safely: atomically via a temporary file, or in place for hard links.

The temporary file is hidden and named ``.NAME.seolint-XXXXXXXX.tmp`` beside the file: seolint's
own walk skips hidden files, and ``*.tmp`` is in most ``.gitignore`` templates. It is removed
on any error, on Ctrl-C, and on SIGTERM or SIGHUP (which are turned into an exception while
it exists); only SIGKILL can leave one behind.

The file keeps its mode, and its owner and group where the user may set them (root may; a
user may set a group they belong to). A file with more than one hard link is rewritten in
place, so that every link sees the fix; that write is not atomic.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator

from seolint.errors import SeolintError

TEMP_SUFFIX = ".tmp"
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(BaseException):
    """A termination signal that arrived while a temporary file existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def write_atomic(path: str, data: bytes) -> None:
    """Replace a file's bytes, keeping its mode, owner and group and its hard links."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
        if not os.access(target, os.W_OK):
            raise PermissionError(13, "permission denied (the file is read-only)")
        if info.st_nlink > 1:
            _write_in_place(target, data)
        else:
            _write_replacing(target, data, info)
    except OSError as exc:
        raise SeolintError(path, f"cannot write the fixed file: {exc.strerror or exc}") from None


def _write_in_place(target: str, data: bytes) -> None:
    """Rewrite a hard-linked file's bytes where they are (every link sees the change)."""
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _write_replacing(target: str, data: bytes, info: os.stat_result) -> None:
    tmp = None
    with _signals_raise():
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{os.path.basename(target)}.seolint-",
                suffix=TEMP_SUFFIX,
                dir=os.path.dirname(target),
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            _keep_owner(tmp, info)
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            os.replace(tmp, target)
            tmp = None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this user may."""
    if not hasattr(os, "chown"):
        return
    with contextlib.suppress(OSError):
        os.chown(tmp, info.st_uid, info.st_gid)
        return
    with contextlib.suppress(OSError):
        os.chown(tmp, -1, info.st_gid)


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise Interrupted, so that cleanup runs; then the
    signal is delivered again with its former handling (by default, the process ends)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        caught.append(signum)
        raise Interrupted(signum)

    previous = {}
    for signum in _SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    except Interrupted:
        pass  # delivered again below, once the handlers are restored
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
    if caught:
        os.kill(os.getpid(), caught[0])  # by default, this ends the process here
        raise InterruptedError(4, "interrupted by a signal")
