"""The language server links each diagnostic to its rule's page and explains it on hover,
tested with a real LSP client over stdio (see test_server.py)."""

from __future__ import annotations

import asyncio
import shutil

import pytest

pytest.importorskip("pygls")

from conftest import SEED  # noqa: E402
from lsprotocol import types  # noqa: E402
from test_server import WAIT, Session, codes, run  # noqa: E402

from seolint.rules.locate import RULE_URL  # noqa: E402


def test_diagnostics_link_their_rule_page_and_hover_explains_the_rule(tmp_path):
    article = tmp_path / SEED.name
    shutil.copy(SEED, article)

    async def scenario():
        async with Session(tmp_path) as session:
            uri = session.open(article, article.read_text(encoding="utf-8"), "plaintext")
            diagnostics = await session.diagnostics(uri)
            assert len(diagnostics) > 20
            for d in diagnostics:
                assert d.code_description.href == RULE_URL.replace("{id}", str(d.code))
            target = next(d for d in diagnostics if d.code == "vague-attribution")
            params = types.HoverParams(types.TextDocumentIdentifier(uri), target.range.start)
            hover = await asyncio.wait_for(session.client.text_document_hover_async(params), WAIT)
            assert hover.contents.kind == types.MarkupKind.Markdown
            text = hover.contents.value
            assert text.startswith("**vague-attribution** (attribution, warning)")
            assert "- **Bad**:" in text and "- **Good**:" in text
            assert f"[Rule page]({RULE_URL.replace('{id}', 'vague-attribution')})" in text
            covered = {
                n for d in diagnostics for n in range(d.range.start.line, d.range.end.line + 1)
            }
            free = min(set(range(len(article.read_text(encoding="utf-8").split("\n")))) - covered)
            nowhere = types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(free, 0))
            assert (
                await asyncio.wait_for(session.client.text_document_hover_async(nowhere), WAIT)
                is None
            )

    run(scenario())


def test_checks_across_files_report_nothing_in_the_editor(tmp_path):
    """docs/language-server.md: each document is checked alone, so two open documents with
    one title get no duplicate-title there (a run over both files reports it: test_site)."""
    text = "---\ntitle: Oil prices fall\n---\n\nOil fell, the agency said.\n"
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(text, encoding="utf-8")

    async def scenario():
        async with Session(tmp_path) as session:
            uris = [session.open(tmp_path / name, text) for name in ("a.md", "b.md")]
            for uri in uris:
                got = codes(await session.diagnostics(uri))
                assert "author-missing" in got and "duplicate-title" not in got, got

    run(scenario())
