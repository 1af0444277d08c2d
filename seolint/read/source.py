"""Read an article from disk or stdin into text, remembering BOM and line endings."""

from __future__ import annotations

import os
import stat
from functools import lru_cache

from seolint.errors import SeolintError
from seolint.model.record import Record

BOM = "\ufeff"


class Source(Record):
    """An article's text (BOM removed, every line ending -- CR LF, CR or LF -- turned into LF)
    and how it was stored (``newline``: the one line ending it used; ``mixed_newlines``: more
    than one kind, which ``--fix`` refuses to rewrite)."""

    __slots__ = ("path", "text", "bom", "newline", "mixed_newlines")

    def __init__(
        self,
        path: str,
        text: str,
        bom: bool = False,
        newline: str = "\n",
        mixed_newlines: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self.newline = newline
        self.mixed_newlines = mixed_newlines


def decode(path: str, data: bytes) -> Source:
    """Decode UTF-8 bytes; binary content or invalid UTF-8 is an error naming line and column."""
    if b"\0" in data:  # anywhere, not only in the first 8 KiB
        raise SeolintError(path, "binary file (contains NUL bytes); not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        raise SeolintError(path, message, line, col) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if "\r" not in text:
        return Source(path, text, bom)
    # As in CommonMark, CR LF, a lone CR and a lone LF each end a line: all become LF.
    crlf = text.count("\r\n")
    text = text.replace("\r\n", "\n")
    cr = text.count("\r")
    lf = text.count("\n") - crlf
    kinds = [ending for ending, count in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if count]
    if cr:
        text = text.replace("\r", "\n")
    return Source(path, text, bom, kinds[0] if len(kinds) == 1 else "\n", len(kinds) > 1)


def read_source(path: str) -> Source:
    """Read a file; missing, unreadable, directory or binary files raise SeolintError."""
    return decode(path, read_bytes(path))


def read_bytes(path: str) -> bytes:
    """A regular file's bytes. A missing, unreadable or directory path raises SeolintError, and
    so does any other non-regular file (a FIFO, a device, a socket): it is skipped unread.

    The file is opened without blocking (a FIFO would wait for a writer for ever) and checked
    on the open descriptor, so it cannot be swapped for a FIFO between a check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise SeolintError(path, "no such file") from None
    except IsADirectoryError:
        raise SeolintError(path, "is a directory") from None
    except PermissionError:
        what = "folder" if os.path.isdir(path) else "file"
        raise SeolintError(path, f"permission denied (cannot read {what})") from None
    except OSError as exc:
        raise SeolintError(path, f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SeolintError(path, "is a directory")
        if not stat.S_ISREG(mode):
            raise SeolintError(path, f"skipped: not a regular file ({_file_type(mode)})")
        try:
            return handle.read()
        except OSError as exc:
            raise SeolintError(path, f"cannot read file: {exc.strerror or exc}") from None


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def encode(source: Source, text: str) -> bytes:
    """Encode text the way the source was stored (BOM and line endings kept)."""
    if source.newline != "\n":
        text = text.replace("\n", source.newline)
    return ((BOM if source.bom else "") + text).encode("utf-8")


def display_path(path: str) -> str:
    """A path as users expect to see it: relative to the working directory when inside it."""
    if os.path.isabs(path):
        folder, name = os.path.split(path)
        rel = _relative_folder(folder, os.getcwd())  # relpath is slow: once per folder
        if name in ("", ".", ".."):
            rel = os.path.relpath(path)
        elif rel.startswith(".."):
            return path  # outside the working directory: shown as given
        else:
            rel = name if rel == "." else os.path.join(rel, name)
        if not rel.startswith(".."):
            return rel
    return path


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, cwd: str) -> str:
    return os.path.relpath(folder, cwd)
