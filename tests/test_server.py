"""``seolint server``: a real LSP client (pygls) talking to the real server over stdio."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from conftest import ROOT, SEED, findings, run_seolint  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from seolint.lsp.positions import Positions, units  # noqa: E402

WAIT = 30  # seconds for any one answer: a hung server fails the test instead of hanging CI
SEVERITY = {"error": 1, "warning": 2, "info": 3}


class Session:
    """A client connected to ``python -m seolint server`` started in a folder."""

    def __init__(self, cwd: Path, encodings: list[str] | None = None) -> None:
        self.cwd = cwd
        self.encodings = encodings
        self.client = LanguageClient("seolint-tests", "1")
        self.published: dict[str, asyncio.Queue] = defaultdict(asyncio.Queue)
        self.messages: asyncio.Queue = asyncio.Queue()
        self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(
            lambda params: self.published[params.uri].put_nowait(params)
        )
        self.client.feature(types.WINDOW_SHOW_MESSAGE)(
            lambda params: self.messages.put_nowait(params)
        )
        self.result: types.InitializeResult | None = None

    async def __aenter__(self) -> Session:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        await self.client.start_io(sys.executable, "-m", "seolint", "server", cwd=self.cwd, env=env)
        general = types.GeneralClientCapabilities(position_encodings=self.encodings)
        params = types.InitializeParams(
            capabilities=types.ClientCapabilities(general=general),
            root_uri=from_fs_path(str(self.cwd)),
        )
        self.result = await asyncio.wait_for(self.client.initialize_async(params), WAIT)
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc_info) -> None:
        server = self.client._server  # the server's process, to end it if it hangs
        try:
            if exc_info[0] is None:
                await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
                self.client.exit(None)
                await asyncio.wait_for(server.wait(), WAIT)
                assert server.returncode == 0
        finally:
            if server.returncode is None:
                server.kill()
            await asyncio.wait_for(self.client.stop(), WAIT)

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = from_fs_path(str(path))
        item = types.TextDocumentItem(uri, language, 1, text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(item))
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The next diagnostics published for a document."""
        params = await asyncio.wait_for(self.published[uri].get(), WAIT)
        return list(params.diagnostics)

    async def actions(self, uri: str, line: int, character: int) -> list[types.CodeAction]:
        """The code actions offered at a position."""
        here = types.Position(line, character)
        params = types.CodeActionParams(
            types.TextDocumentIdentifier(uri), types.Range(here, here), types.CodeActionContext([])
        )
        found = await asyncio.wait_for(self.client.text_document_code_action_async(params), WAIT)
        return list(found or [])


def run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario, 4 * WAIT))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 columns) to a text, as an editor does."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        before = sum(len(x) for x in lines[: position.line])
        encoded = line.encode("utf-16-le")[: 2 * position.character]
        return before + len(encoded.decode("utf-16-le"))

    spans = sorted((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits)
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


def test_initialize_advertises_capabilities(tmp_path):
    async def scenario():
        async with Session(tmp_path) as session:
            caps = session.result.capabilities
            assert caps.text_document_sync.open_close is True
            assert caps.text_document_sync.change == types.TextDocumentSyncKind.Full
            assert caps.text_document_sync.save
            assert list(caps.code_action_provider.code_action_kinds) == [
                types.CodeActionKind.QuickFix
            ]
            assert caps.position_encoding == types.PositionEncodingKind.Utf16
            assert session.result.server_info.name == "seolint"

    run(scenario())


def test_seed_diagnostics_match_check_json(tmp_path):
    article = tmp_path / SEED.name
    shutil.copy(SEED, article)
    expected = sorted(
        (f["rule"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1)
        + (SEVERITY[f["severity"]], f["message"])
        for f in findings(run_seolint("check", "--format", "json", article.name, cwd=tmp_path))
    )
    assert len(expected) > 20

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(article, article.read_text(encoding="utf-8"), "plaintext")
            found = await session.diagnostics(uri)
            assert {d.source for d in found} == {"seolint"}
            got = sorted(
                (d.code, d.range.start.line, d.range.start.character)
                + (d.range.end.line, d.range.end.character, d.severity, d.message)
                for d in found
            )
            assert got == expected

    run(scenario())


def test_did_change_removes_the_fixed_finding_and_did_close_clears(tmp_path):
    story = tmp_path / "story.md"
    text = "# Talks resume\n\nThe talks resumed amidst protests in the capital on Monday.\n"

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(story, text)
            assert "wordy-phrase" in codes(await session.diagnostics(uri))
            session.change(uri, 2, text.replace("amidst", "amid"))
            assert "wordy-phrase" not in codes(await session.diagnostics(uri))
            session.client.text_document_did_close(
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
            )
            assert await session.diagnostics(uri) == []

    run(scenario())


def test_inline_disable_comment_is_honoured(tmp_path):
    text = "# Talks\n\n<!-- seolint-disable wordy-phrase -->\nThey met amidst protests.\n"

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(tmp_path / "a.md", text)
            assert "wordy-phrase" not in codes(await session.diagnostics(uri))

    run(scenario())


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quick_fix_removes_the_source_link_line(tmp_path, newline):
    seed = SEED.read_text(encoding="utf-8")
    text = seed.replace("\n", newline)
    expected = seed.replace("\nSource link", "").replace("\n", newline)
    assert expected != text

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(tmp_path / "seed.txt", text, "plaintext")
            found = await session.diagnostics(uri)
            link = next(d for d in found if d.code == "source-link-line")
            actions = await session.actions(uri, link.range.start.line, 3)
            assert [a.kind for a in actions] == [types.CodeActionKind.QuickFix]
            assert actions[0].diagnostics[0].code == "source-link-line"
            assert apply(text, actions[0].edit.changes[uri]) == expected

    run(scenario())


def test_emoji_before_a_flagged_phrase_and_its_fix(tmp_path):
    line = "Fans 🎉🎉 cheered, café crowds sang amidst the rain."
    text = f"# Match day\n\n{line}\n"
    character = units(line[: line.index("amidst")])
    assert character == line.index("amidst") + 2  # each emoji is two UTF-16 code units

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(tmp_path / "match.md", text)
            found = await session.diagnostics(uri)
            wordy = next(d for d in found if d.code == "wordy-phrase")
            assert (wordy.range.start.line, wordy.range.start.character) == (2, character)
            assert (wordy.range.end.line, wordy.range.end.character) == (2, character + 6)
            actions = await session.actions(uri, 2, character + 1)
            wordy_fix = [a for a in actions if a.diagnostics[0].code == "wordy-phrase"]
            assert len(wordy_fix) == 1
            fixed = apply(text, wordy_fix[0].edit.changes[uri])
            assert fixed == text.replace("amidst", "amid")

    run(scenario())


def test_utf32_columns_when_the_client_asks_for_them(tmp_path):
    line = "Fans 🎉🎉 cheered amidst the rain."

    async def scenario():
        async with Session(tmp_path, encodings=["utf-32"]) as session:
            assert session.result.capabilities.position_encoding == "utf-32"
            uri = session.open(tmp_path / "m.md", f"# Match\n\n{line}\n")
            wordy = next(d for d in await session.diagnostics(uri) if d.code == "wordy-phrase")
            assert wordy.range.start.character == line.index("amidst")

    run(scenario())


def test_broken_configuration_is_a_message_not_a_crash(tmp_path):
    config = tmp_path / ".seolint.yaml"
    config.write_text("select: [all]\nrules: {no-such-rule: {}}\n", encoding="utf-8")
    story = tmp_path / "story.md"
    text = "# Talks\n\nThey met amidst protests.\n"

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(story, text)
            assert await session.diagnostics(uri) == []
            message = await asyncio.wait_for(session.messages.get(), WAIT)
            assert message.type == types.MessageType.Error
            assert ".seolint.yaml" in message.message and "\n" not in message.message
            config.write_text("ignore: [thin-content]\n", encoding="utf-8")  # fixed
            session.client.text_document_did_save(
                types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
            )
            found = codes(await session.diagnostics(uri))
            assert "wordy-phrase" in found and "thin-content" not in found
            assert session.messages.empty()

    run(scenario())


def test_other_languages_are_not_linted_unsaved_markdown_is(tmp_path):
    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(tmp_path / "tool.py", "# amidst\nx = 1\n", "python")
            assert await session.diagnostics(uri) == []
            item = types.TextDocumentItem(
                "untitled:Untitled-1", "markdown", 1, "They met amidst.\n"
            )
            session.client.text_document_did_open(types.DidOpenTextDocumentParams(item))
            assert "wordy-phrase" in codes(await session.diagnostics(item.uri))

    run(scenario())


def test_positions_map_crlf_bom_and_lone_cr():
    editor = "\ufeffab\r\ncd\ref\n🎉g"
    text = "ab\ncd\nef\n🎉g"  # what seolint reads: no BOM, CRLF and a lone CR made LF
    positions = Positions(editor, text)
    assert positions.at(1, 1) == (0, 1)  # after the BOM
    assert positions.position(2) == (0, 3)  # the line break
    assert positions.at(2, 1) == (1, 0)
    assert positions.at(3, 1) == (2, 0)  # a lone CR ends a line, as in LSP
    assert positions.at(4, 2) == (3, 2)  # after the emoji: two UTF-16 units
    assert Positions(editor, text, "utf-8").at(4, 2) == (3, 4)
