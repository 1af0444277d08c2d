"""The language server's input framing: a bad frame costs that message, never the next ones."""

from __future__ import annotations

import io
import json

import pytest

from seolint.lsp.stream import Reframed


def frame(message: dict, length: int | None = None) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


class Trickle(io.RawIOBase):
    """A stream that hands out its bytes a few at a time, as a pipe may."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        chunk, self.data = self.data[: self.step], self.data[self.step :]
        return chunk


def messages(stream: Reframed) -> list[dict]:
    """Read framed messages as pygls does: header lines up to a blank line, then the body."""
    out = []
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                return out
            if line == b"\r\n":
                break
            assert line.startswith(b"Content-Length: ") and line.endswith(b"\r\n")
            length = int(line.split(b":")[1])
        out.append(json.loads(stream.read(length)))


A, B, C = ({"jsonrpc": "2.0", "method": "m", "params": {"n": n, "text": "é\r\n"}} for n in "abc")
BAD = [
    pytest.param(frame(B, len(frame(B)) + 40), id="too-large"),
    pytest.param(frame(B, 10), id="too-small"),
    pytest.param(frame(B, 0), id="zero"),
    pytest.param(b"Content-Length: x\r\n\r\n" + json.dumps(B).encode(), id="not-a-number"),
    pytest.param(b"Content-Type: a\r\n\r\n" + json.dumps(B).encode(), id="missing"),
    pytest.param(b"\x00\xff" * 100, id="noise"),
    pytest.param(b"Content-Length: 5\r\n\r\n{]}]]", id="not-json"),
]


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("step", [1, 7, 65536])
def test_the_messages_around_a_bad_frame_arrive_whole(bad: bytes, step: int) -> None:
    stream = Reframed(Trickle(frame(A) + bad + frame(C), step))
    assert messages(stream) == [A, C]
    assert stream.dropped >= 1


def test_sound_input_passes_unchanged_and_other_headers_are_allowed() -> None:
    body = json.dumps(B).encode()
    typed = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
    data = frame(A) + typed + b"content-length: %d\r\n\r\n" % len(body) + body + frame(C)
    stream = Reframed(Trickle(data, 3))
    assert messages(stream) == [A, B, C]
    assert stream.dropped == 0


def test_a_body_that_mentions_content_length_is_not_cut() -> None:
    tricky = {"jsonrpc": "2.0", "method": "m", "params": {"text": '"}Content-Length: 3\r\n\r\n{}'}}
    assert messages(Reframed(Trickle(frame(tricky) + frame(A), 5))) == [tricky, A]


def test_a_truncated_last_message_ends_the_input_quietly() -> None:
    assert messages(Reframed(Trickle(frame(A) + frame(B)[:-3], 4))) == [A]
