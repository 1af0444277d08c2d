"""The block structure of a plain article, found without markdown-it-py.

Most articles are plain text: paragraphs and blank lines, perhaps ATX headings (``### ...``).
For those, CommonMark's block structure is simply "a heading line, or a run of other
non-blank lines", and importing and running markdown-it-py (about half the start-up time of a
one-file run) buys nothing. ``scan`` gives the same block tokens as markdown-it-py for such
texts, and None for a text in which any line could start another kind of block (a list, a
quote, code, a table, HTML, a thematic break, a setext underline, a link definition...); the
caller then parses it with markdown-it-py. The tests compare both on real and generated texts.
"""

from __future__ import annotations

import re

from seolint.model.record import Record

# First characters of a line that might start a block other than a paragraph or an ATX
# heading: a list, quote, fence, thematic break, setext underline, HTML or link definition.
_OTHER_STARTS = frozenset(">*+-_=`~<[")
_ORDERED = re.compile(r"\d{1,9}[.)]")  # an ordered list item
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")


class BlockToken(Record):
    """The part of a markdown-it-py token the parser reads."""

    __slots__ = ("type", "map", "tag", "markup", "content")

    def __init__(
        self, type: str, map: list[int] | None, tag: str = "", markup: str = "", content: str = ""
    ) -> None:
        self.type = type
        self.map = map
        self.tag = tag
        self.markup = markup
        self.content = content


def scan(text: str) -> list[BlockToken] | None:
    """The block tokens of a plain text that the parser reads, as markdown-it-py (CommonMark)
    makes them (a paragraph's opening; a heading's opening and text), or None when the text
    may hold other kinds of block."""
    if "|" in text or "\0" in text or "\r" in text:
        return None  # a table, or characters markdown-it-py rewrites
    lines = text.split("\n")
    tokens: list[BlockToken] = []
    paragraph = None  # the first line of the paragraph being read
    for number, line in enumerate(lines):
        first = line[:1]
        if first in _OTHER_STARTS or (first.isdigit() and _ORDERED.match(line)):
            return None
        if first.isspace() and line.strip():
            return None  # indented: code, or a block inside a list
        heading = None
        if first == "#":
            heading = _ATX.match(line)
            if heading is None:
                return None  # "#x" or seven "#": paragraph text, left to markdown-it-py
        blank = not line.strip(" \t")
        if paragraph is not None and (blank or heading):
            _paragraph(tokens, paragraph, number)
            paragraph = None
        if heading:
            _heading(tokens, line, heading.end(), number)
        elif not blank and paragraph is None:
            paragraph = number
    if paragraph is not None:
        _paragraph(tokens, paragraph, len(lines))
    return tokens


def _paragraph(tokens: list[BlockToken], first: int, end: int) -> None:
    tokens.append(BlockToken("paragraph_open", [first, end], "p"))


def _heading(tokens: list[BlockToken], line: str, start: int, number: int) -> None:
    """An ATX heading; its text loses a closing run of "#" that follows a space or a tab."""
    level = start
    end = max(len(line.rstrip(" \t")), start)
    hashes = end
    while hashes > start and line[hashes - 1] == "#":
        hashes -= 1
    if hashes > start and line[hashes - 1] in " \t":
        end = hashes
    tag, markup = f"h{level}", "#" * level
    tokens.append(BlockToken("heading_open", [number, number + 1], tag, markup))
    tokens.append(BlockToken("inline", [number, number + 1], content=line[start:end].strip()))
