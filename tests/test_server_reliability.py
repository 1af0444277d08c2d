"""``seolint server`` under load and abuse: the real server process, spoken to over stdio.

A bare JSON-RPC client writes the bytes itself, so that it can send what a real client
library would refuse to: a wrong ``Content-Length``, noise, an exit without shutdown.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from conftest import ROOT, SEED  # noqa: E402

WAIT = 60  # seconds for any one message: a hung server fails the test instead of hanging CI
# A document that takes the server a second or more to lint.
SLOW_TEXT = "# Slow\n\n" + SEED.read_text(encoding="utf-8") * 150


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Raw:
    """The real server (``python -m seolint server``) with a thread reading its messages."""

    def __init__(self, cwd: Path, *, command: list[str] | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "seolint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.cwd = cwd
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stdout = self.process.stdout
        while True:
            length = None
            while True:
                line = stdout.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stdout.read(length)))

    def write(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def notify(self, method: str, params: object) -> None:
        self.write(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def request(self, method: str, params: object) -> int:
        self.next_id += 1
        self.write(
            frame({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        )
        return self.next_id

    def receive(self) -> dict:
        message = self.messages.get(timeout=WAIT)
        assert message is not None, "the server closed its output"
        return message

    def wait_for(self, test, seen: list | None = None) -> dict:
        """The next message that passes ``test`` (the others are appended to ``seen``)."""
        while True:
            message = self.receive()
            if test(message):
                return message
            if seen is not None:
                seen.append(message)

    def answer(self, ident: int, seen: list | None = None) -> dict:
        return self.wait_for(lambda m: m.get("id") == ident and "method" not in m, seen)

    def initialize(self) -> dict:
        params = {"processId": None, "rootUri": self.cwd.as_uri(), "capabilities": {}}
        result = self.answer(self.request("initialize", params))
        self.notify("initialized", {})
        return result

    def open(self, name: str, text: str, version: int = 1) -> str:
        uri = (self.cwd / name).as_uri()
        item = {"uri": uri, "languageId": "markdown", "version": version, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def published(self, uri: str, seen: list | None = None) -> dict:
        """The next diagnostics published for a document (their params)."""
        return self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ),
            seen,
        )["params"]

    def stop(self) -> int:
        """Shut down and exit as a client should; the server's exit code."""
        self.answer(self.request("shutdown", None))
        self.notify("exit", None)
        return self.end()

    def end(self) -> int:
        try:
            return self.process.wait(WAIT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.stderr = self.process.stderr.read()
            self.process.stdin.close()
            self.process.stdout.close()
            self.process.stderr.close()


@pytest.fixture
def raw(tmp_path):
    server = Raw(tmp_path)
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.end()


def codes(params: dict) -> list[str]:
    return [d.get("code") for d in params["diagnostics"]]


def action_request(uri: str) -> dict:
    here = {"line": 0, "character": 0}
    return {
        "textDocument": {"uri": uri},
        "range": {"start": here, "end": here},
        "context": {"diagnostics": []},
    }


def test_exit_after_shutdown_is_0_and_without_shutdown_is_1(tmp_path):
    polite = Raw(tmp_path)
    polite.initialize()
    assert polite.stop() == 0
    abrupt = Raw(tmp_path)
    abrupt.initialize()
    abrupt.notify("exit", None)
    assert abrupt.end() == 1


def test_a_bad_content_length_costs_one_message_not_the_connection(raw):
    raw.initialize()
    text = "# Talks\n\nThey met amidst protests.\n"
    uri = (raw.cwd / "a.md").as_uri()
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
    good = frame(
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}}
    )
    body = json.dumps({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}).encode()
    for bad in (
        b"Content-Length: %d\r\n\r\n" % (len(body) + 500) + body,  # too large
        b"Content-Length: %d\r\n\r\n" % (len(body) - 5) + body,  # too small
        b"Content-Length: lots\r\n\r\n" + body,  # not a number
        b"Content-Type: x\r\n\r\n" + body,  # no length at all
        b"\x00\xffnoise\r\n\r\n",
    ):
        raw.write(bad)
    raw.write(good)
    seen: list = []
    assert "wordy-phrase" in codes(raw.published(uri, seen))
    assert all(m.get("id") != 99 for m in seen)  # the mis-framed shutdown was not obeyed
    # And a message split across writes still arrives whole.
    change = frame(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"text": text.replace("amidst", "amid")}],
            },
        }
    )
    raw.write(change[:10])
    raw.write(change[10:])
    assert "wordy-phrase" not in codes(raw.published(uri))
    assert raw.stop() == 0


def test_an_unrelated_request_is_answered_while_a_slow_document_lints(raw):
    raw.initialize()
    small = raw.open("small.md", "# Talks\n\nThey met amidst protests.\n")
    assert "wordy-phrase" in codes(raw.published(small))
    slow = raw.open("slow.md", SLOW_TEXT)
    ident = raw.request("textDocument/codeAction", action_request(small))
    seen: list = []
    raw.answer(ident, seen)
    # The slow document's findings came after the answer: its lint did not hold the request.
    assert all(m.get("params", {}).get("uri") != slow for m in seen)
    assert raw.published(slow)["diagnostics"]
    assert raw.stop() == 0


def test_a_code_action_waiting_for_a_lint_can_be_cancelled(raw):
    raw.initialize()
    slow = raw.open("slow.md", SLOW_TEXT)
    ident = raw.request("textDocument/codeAction", action_request(slow))
    raw.notify("$/cancelRequest", {"id": ident})
    answer = raw.answer(ident)
    assert answer["error"]["code"] == -32800  # RequestCancelled
    assert raw.published(slow)["diagnostics"]  # the lint itself went on for the others
    assert raw.stop() == 0


def test_rapid_changes_are_debounced_and_only_the_latest_version_is_published(raw):
    raw.initialize()
    text = "# Talks\n\nThey met amidst protests.\n"
    uri = raw.open("story.md", text)
    first = raw.published(uri)
    assert first["version"] == 1 and "wordy-phrase" in codes(first)
    raw.write(
        b"".join(
            frame(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": text + "More words.\n" * version}],
                    },
                }
            )
            for version in range(2, 22)
        )
        + frame(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": 22},
                    "contentChanges": [{"text": text.replace("amidst", "amid")}],
                },
            }
        )
    )
    published = raw.published(uri)
    # Sent in one write, the changes came faster than the pause that starts a lint.
    assert published["version"] == 22
    assert "wordy-phrase" not in codes(published)
    ident = raw.request("textDocument/codeAction", action_request(uri))
    seen: list = []
    raw.answer(ident, seen)
    assert not [m for m in seen if m.get("method") == "textDocument/publishDiagnostics"]
    assert raw.stop() == 0


CRASHING = """
import sys
import seolint.lsp.server as server

def lint(document, ruleset, rules):
    if "CRASH" in document.text:
        raise RuntimeError("boom")
    return real(document, ruleset, rules)

real, server.lint = server.lint, lint
sys.exit(server.serve())
"""


def test_a_crash_while_linting_publishes_an_error_not_stale_findings(tmp_path):
    # The real server with one function wrapped to fail on a marker: a stand-in for any bug.
    raw = Raw(tmp_path, command=[sys.executable, "-c", CRASHING])
    raw.initialize()
    text = "# Talks\n\nThey met amidst protests.\n"
    uri = raw.open("story.md", text)
    assert "wordy-phrase" in codes(raw.published(uri))
    raw.change(uri, 2, text + "CRASH\n")
    crashed = raw.published(uri)
    assert codes(crashed) == ["internal-error"]
    assert crashed["diagnostics"][0]["severity"] == 1
    assert "RuntimeError" in crashed["diagnostics"][0]["message"]
    raw.change(uri, 3, text)  # the server lives on
    assert "wordy-phrase" in codes(raw.published(uri))
    assert raw.stop() == 0
    assert b"RuntimeError: boom" in raw.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS from /proc")
def test_open_close_cycles_do_not_grow_memory(raw):
    """About 4 KB per didOpen/didClose pair stayed in pygls before (2 MB over these 500)."""

    def rss_kib() -> int:
        status = Path(f"/proc/{raw.process.pid}/status").read_text(encoding="ascii")
        return int(next(x for x in status.splitlines() if x.startswith("VmRSS:")).split()[1])

    raw.initialize()
    text = SEED.read_text(encoding="utf-8")
    uri = (raw.cwd / "a.md").as_uri()
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
    pair = frame(
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}}
    ) + frame(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didClose",
            "params": {"textDocument": {"uri": uri}},
        }
    )

    def cycles(count: int) -> None:
        for _ in range(count):
            raw.write(pair)
            raw.wait_for(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and not m["params"]["diagnostics"]
                )
            )

    # The allocator and RE2 grow once to their working size, a one-off step of a few MB that
    # is not a leak and can fall in any early window; a leak grows in every window (the old
    # 4 KB a pair: 1.6 MB in each). So the smaller of two windows' growth must be small.
    cycles(300)
    start = rss_kib()
    cycles(400)
    middle = rss_kib()
    cycles(400)
    assert min(middle - start, rss_kib() - middle) < 1024
    assert raw.stop() == 0
