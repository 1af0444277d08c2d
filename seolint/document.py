"""The article model: every element carries character offsets into the source text.

Offsets are 0-based indexes into ``Document.text`` (LF line endings, no BOM); they are
turned into 1-based line and column only when a diagnostic is made.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any


@dataclass(slots=True)
class Sentence:
    """A sentence: its span and its words (as written, in order)."""

    start: int
    end: int
    words: list[str]


@dataclass(slots=True)
class Paragraph:
    """A block of prose (a paragraph, a list item's text or a block quote's paragraph)."""

    start: int
    end: int
    kind: str = "paragraph"  # paragraph | list | quote
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(len(s.words) for s in self.sentences)


@dataclass(slots=True)
class Heading:
    """A heading: level 1-6, the span of its text, and the span of its whole line."""

    level: int
    text: str
    start: int
    end: int
    line_start: int
    line_end: int


@dataclass(slots=True)
class Section:
    """A heading and what follows it up to the next heading of the same or a higher level."""

    heading: Heading
    index: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    has_subsections: bool = False


@dataclass(slots=True)
class Link:
    """A link in the body: its span, text and destination."""

    start: int
    end: int
    text: str
    url: str

    @property
    def external(self) -> bool:
        return self.url.startswith(("http://", "https://", "//", "mailto:"))


@dataclass(slots=True)
class Field:
    """A front-matter field: its value and the span of the value in the file."""

    name: str
    value: Any
    start: int
    end: int
    exact: bool  # True when text offsets inside the value map 1:1 to the file


@dataclass(slots=True)
class Title:
    """The headline: from front matter, a leading H1 or a short first line of plain text."""

    text: str
    start: int
    end: int
    origin: str  # front-matter | h1 | first-line
    exact: bool = True


@dataclass(slots=True)
class Comment:
    """An inline control comment such as ``<!-- seolint-disable rule -->``."""

    action: str
    rules: tuple[str, ...]
    start: int
    end: int


@dataclass
class Document:
    """A parsed article."""

    path: str
    text: str
    prose: str = ""  # ``text`` with everything that is not prose blanked to spaces
    front_matter: dict[str, Field] = field(default_factory=dict)
    front_matter_error: tuple[int, str] | None = None  # (offset, message)
    body_start: int = 0
    title: Title | None = None
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's text (without its newline)."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return start, end

    @cached_property
    def word_count(self) -> int:
        return len(self.words)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @cached_property
    def words(self) -> list[str]:
        """Every word of the prose, in order (shared by the rules that count words)."""
        return list(chain.from_iterable(s.words for s in self.sentences))

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word (as written) occurs, in order of first use."""
        return Counter(self.words)

    @cached_property
    def shared(self) -> dict[Any, Any]:
        """What rules derive from the document once and share (segments of a scope, ...)."""
        return {}

    def field_text(self, name: str) -> str | None:
        """A front-matter field as text, if it is a non-empty string."""
        item = self.front_matter.get(name)
        if item is None or not isinstance(item.value, str) or not item.value.strip():
            return None
        return item.value
