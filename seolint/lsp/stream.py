"""The language server's input, checked message by message so that a bad frame costs one message.

LSP frames each JSON message with a ``Content-Length`` header. pygls trusts that header: a
length too large makes it wait for bytes that are the next messages, a length too small or
missing leaves the rest of a body in front of the next header, and from then on it reads no
message at all. ``Reframed`` sits between stdin and pygls: it finds each header, checks that
the body it announces is one whole JSON value, and passes pygls only such messages, each with
a correct header. A message that does not fit its header is dropped (noted on stderr) and
reading goes on at the next ``Content-Length`` header.
"""

from __future__ import annotations

import json
import re
import sys
from typing import BinaryIO

_HEADER = re.compile(rb"content-length:[ \t]*(\d{1,12})[ \t]*\r?\n", re.IGNORECASE)
_NEXT = re.compile(rb"content-length:", re.IGNORECASE)
_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_CHUNK = 65536
_KEEP = 4096  # bytes kept at the end of noise: they may begin a header block


def _json(body: bytes) -> bool:
    """Whether bytes are exactly one JSON value (surrounding white space allowed)."""
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def _other_headers(data: bytes) -> bool:
    """Whether bytes are whole header lines (``Name: value``), as may precede the length."""
    return data.endswith(b"\n") and all(
        b":" in line and line.split(b":", 1)[0].replace(b"-", b"").isalnum()
        for line in data.splitlines()
    )


class Reframed:
    """A binary reader (``readline`` and ``read``, as pygls uses stdin) that yields only
    messages whose header and body agree."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.buffer = bytearray()  # bytes read from ``raw`` and not yet framed
        self.out = bytearray()  # framed messages not yet handed to pygls
        self.dropped = 0

    def readline(self) -> bytes:
        while b"\n" not in self.out:
            if not self._frame_next():
                break
        end = self.out.find(b"\n") + 1 or len(self.out)
        line = bytes(self.out[:end])
        del self.out[:end]
        return line

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.out) < size:
            if not self._frame_next():
                break
        size = len(self.out) if size < 0 else size
        data = bytes(self.out[:size])
        del self.out[:size]
        return data

    def _fill(self) -> bool:
        """Read more input; False at its end."""
        reader = getattr(self.raw, "read1", self.raw.read)
        data = reader(_CHUNK)
        if not data:
            return False
        self.buffer += data
        return True

    def _frame_next(self) -> bool:
        """Move the next sound message to ``out``; False at the end of the input."""
        while True:
            header = _HEADER.search(self.buffer)
            end = header and _HEADERS_END.search(self.buffer, header.start())
            if header is None or end is None:
                if header is None and len(self.buffer) > _KEEP:  # noise, but a header's start
                    self._drop(len(self.buffer) - _KEEP, "bytes outside any message")
                if not self._fill():
                    return False
                continue
            if header.start() and not _other_headers(self.buffer[: header.start()]):
                self._drop(header.start(), "bytes before a Content-Length header")
                continue
            length = int(header.group(1))
            start = end.end()
            body = self._body(start, length)
            if body is None:
                return False
            if len(body) == length and _json(body):
                del self.buffer[: start + length]
                self.out += b"Content-Length: %d\r\n\r\n" % length + body
                return True
            # The header does not fit the body: drop up to the next header after this one.
            following = _NEXT.search(self.buffer, header.end())
            cut = following.start() if following else start + len(body)
            self._drop(cut, "a message whose body does not fit its Content-Length")

    def _body(self, start: int, length: int) -> bytes | None:
        """The ``length`` bytes from ``start``; fewer when a whole JSON value followed by
        another header shows the length to be too large; None at the end of the input."""
        searched = start
        while len(self.buffer) < start + length:
            following = _NEXT.search(self.buffer, searched)
            if following is not None and _json(self.buffer[start : following.start()]):
                return bytes(self.buffer[start : following.start()])
            searched = max(start, len(self.buffer) - len(b"content-length:"))
            if not self._fill():
                return None
        return bytes(self.buffer[start : start + length])

    def _drop(self, end: int, what: str) -> None:
        self.dropped += 1
        print(f"seolint server: dropped {end} bytes of input ({what})", file=sys.stderr)
        del self.buffer[:end]
