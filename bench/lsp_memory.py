"""Language-server memory: resident size of ``seolint server`` over many didOpen/didClose pairs.

Usage: python bench/lsp_memory.py [--cycles N] [--same-uri]

It starts the real server (``python -m seolint server``, this checkout) on pipes, opens and
closes the seed article ``--cycles`` times (default 10,000; a new URI each time unless
``--same-uri``), waits for each document's diagnostics, and prints the server's resident
memory (VmRSS, Linux only) after a warm-up of 500 pairs and at the end, with the growth per pair.
Nothing here is a pass/fail test: tests/test_server.py holds a bounded version of the check.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_fe45aa818bf3099d.txt"


class Client:
    """A bare JSON-RPC client over a server process's stdin and stdout."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.next_id = 0

    def send(self, method: str, params: object, request: bool = False) -> int | None:
        message: dict[str, object] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return ident

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def wait_for(self, test) -> dict:
        while True:
            message = self.receive()
            if test(message):
                return message


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cycle(client: Client, uri: str, text: str, version: int) -> None:
    item = {"uri": uri, "languageId": "markdown", "version": version, "text": text}
    client.send("textDocument/didOpen", {"textDocument": item})
    client.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    # The close publishes an empty list for the URI: the pair is done when it arrives.
    client.wait_for(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and not m["params"]["diagnostics"]
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=10_000)
    parser.add_argument("--same-uri", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "seolint", "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=REPO / "seeds",
        env=env,
    )
    client = Client(process)
    ident = client.send(
        "initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True
    )
    client.wait_for(lambda m: m.get("id") == ident)
    client.send("initialized", {})
    text = SEED.read_text(encoding="utf-8")
    folder = (REPO / "seeds").as_uri()
    warm = min(500, args.cycles // 2)
    for n in range(args.cycles):
        if n == warm:
            before = rss_kib(process.pid)
        uri = f"{folder}/a.md" if args.same_uri else f"{folder}/a{n}.md"
        cycle(client, uri, text, n + 1)
    after = rss_kib(process.pid)
    ident = client.send("shutdown", None, request=True)
    client.wait_for(lambda m: m.get("id") == ident)
    client.send("exit", None)
    process.wait(30)
    pairs = args.cycles - warm
    print(
        f"RSS after {warm} pairs: {before} KiB; after {args.cycles}: {after} KiB; "
        f"growth {after - before} KiB over {pairs} pairs = {1024 * (after - before) / pairs:.0f} B/pair"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
