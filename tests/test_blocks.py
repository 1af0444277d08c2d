"""The plain-text block scanner gives markdown-it-py's blocks, or leaves the text to it."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from conftest import ROOT, SEED, corpus

from seolint.parse.markdown import _markdown
from seolint.parse.plain import scan

LINES = [
    "A plain sentence of news.",
    "“A quote,” she said.",
    "",
    "   ",
    "\t",
    "# Title",
    "### Section ###",
    "## Closing # hashes ##",
    "##",
    "# #",
    "###### Six",
    "####### Seven",
    "#hashtag",
    "- a list item",
    "* star",
    "+ plus",
    "1. first",
    "2) second",
    "2019 was a year.",
    "5.5% growth",
    "> quoted",
    "```",
    "~~~",
    "    indented code",
    "  two spaces in",
    "===",
    "---",
    "___",
    "<div>",
    "[ref]: https://example.com",
    "a | b",
    "Source link",
    "\u00a0",
    "Trailing spaces   ",
    "Heading-like text without hash",
]


def blocks(tokens: list) -> list[tuple]:
    """What the parser reads of the tokens: every token but a paragraph's text and the
    closings of paragraphs and headings (``scan`` makes none of those), with a heading's
    text (the token after its opening)."""
    return [
        (t.type, t.map, t.tag, t.markup, t.content.strip() if t.type == "inline" else "")
        for i, t in enumerate(tokens)
        if t.type not in ("paragraph_close", "heading_close")
        and not (t.type == "inline" and i and tokens[i - 1].type == "paragraph_open")
    ]


def test_random_texts_scan_as_markdown_it_parses_them() -> None:
    rng = random.Random(7)
    accepted = 0
    for _ in range(3000):
        text = "\n".join(rng.choice(LINES) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.5:
            text += "\n"
        tokens = scan(text)
        if tokens is not None:
            accepted += 1
            assert blocks(tokens) == blocks(_markdown().parse(text)), repr(text)
    assert accepted > 300  # plenty of texts were plain enough to be scanned


@pytest.mark.parametrize(
    "text",
    ["- item\n", "> quote\n", "Para\n===\n", "    code\n", "a | b\n-|-\n", "####### x\n"],
)
def test_other_blocks_are_left_to_markdown_it(text: str) -> None:
    assert scan(text) is None


def test_news_articles_scan_as_markdown_it_parses_them() -> None:
    files = sorted(corpus("bbc_news_human").glob("*.txt"))
    scanned = 0
    for path in [SEED, *files]:
        text = path.read_text("utf-8")
        tokens = scan(text)
        if tokens is not None:
            scanned += 1
            assert blocks(tokens) == blocks(_markdown().parse(text)), path.name
    assert scanned > 0.9 * len(files)


def _modules_loaded(article: str, tmp_path) -> str:
    path = tmp_path / "article.md"
    path.write_text(article, "utf-8")
    code = (
        "import sys\nfrom seolint.cli import main\n"
        "try:\n    main(['check', '--no-cache', sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "print('markdown_it' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
    )
    return proc.stderr.strip().splitlines()[-1]


def test_a_plain_article_is_checked_without_loading_markdown_it(tmp_path) -> None:
    assert _modules_loaded(SEED.read_text("utf-8"), tmp_path) == "False"
    assert _modules_loaded("# Title\n\n- a list\n- of items\n", tmp_path) == "True"
