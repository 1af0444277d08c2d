"""The article model: every element carries character offsets into the source text.

Offsets are 0-based indexes into ``Document.text`` (LF line endings, no BOM); they are
turned into 1-based line and column only when a diagnostic is made.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import cached_property
from itertools import chain
from operator import attrgetter

from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Sentence(Record):
    """A sentence: its span and its words (in lower case, in order)."""

    __slots__ = ("start", "end", "words")

    def __init__(self, start: int, end: int, words: list[str]) -> None:
        self.start = start
        self.end = end
        self.words = words


_WORDS = attrgetter("words")  # a sentence's words
_SENTENCES = attrgetter("sentences")  # a paragraph's sentences


class Paragraph(Record):
    """A block of prose (a paragraph, a list item's text or a block quote's paragraph);
    ``kind`` is paragraph, list or quote."""

    __slots__ = ("start", "end", "kind", "sentences")

    def __init__(self, start: int, end: int, kind: str = "paragraph") -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.sentences: list[Sentence] = []

    @property
    def word_count(self) -> int:
        return sum(map(len, map(_WORDS, self.sentences)))


class Heading(Record):
    """A heading: level 1-6, the span of its text, and the span of its whole line."""

    __slots__ = ("level", "text", "start", "end", "line_start", "line_end")

    def __init__(
        self, level: int, text: str, start: int, end: int, line_start: int, line_end: int
    ) -> None:
        self.level = level
        self.text = text
        self.start = start
        self.end = end
        self.line_start = line_start
        self.line_end = line_end


class Section(Record):
    """A heading and what follows it up to the next heading of the same or a higher level."""

    __slots__ = ("heading", "index", "end", "paragraphs", "has_subsections")

    def __init__(self, heading: Heading, index: int, end: int) -> None:
        self.heading = heading
        self.index = index
        self.end = end
        self.paragraphs: list[Paragraph] = []
        self.has_subsections = False


class Link(Record):
    """A link in the body: its span, text and destination."""

    __slots__ = ("start", "end", "text", "url")

    def __init__(self, start: int, end: int, text: str, url: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.url = url

    @property
    def external(self) -> bool:
        return self.url.startswith(("http://", "https://", "//", "mailto:"))


class Field(Record):
    """A front-matter field: its value and the span of the value in the file; ``exact`` when
    text offsets inside the value map 1:1 to the file."""

    __slots__ = ("name", "value", "start", "end", "exact")

    def __init__(self, name: str, value: Any, start: int, end: int, exact: bool) -> None:
        self.name = name
        self.value = value
        self.start = start
        self.end = end
        self.exact = exact


class Title(Record):
    """The headline: from front matter, a leading H1 or a short first line of plain text
    (``origin``: front-matter, h1 or first-line)."""

    __slots__ = ("text", "start", "end", "origin", "exact")

    def __init__(self, text: str, start: int, end: int, origin: str, exact: bool = True) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.origin = origin
        self.exact = exact


class Comment(Record):
    """An inline control comment such as ``<!-- seolint-disable rule -->``."""

    __slots__ = ("action", "rules", "start", "end")

    def __init__(self, action: str, rules: tuple[str, ...], start: int, end: int) -> None:
        self.action = action
        self.rules = rules
        self.start = start
        self.end = end


class Document:
    """A parsed article; ``prose`` is ``text`` with everything that is not prose blanked to
    spaces, ``front_matter_error`` an (offset, message)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.prose = ""
        self.lowered: str | None = None  # the prose in lower case, if of the same length
        # Whether the prose's words are sure to be ASCII but for curly apostrophes.
        self.ascii_words = False
        self.front_matter: dict[str, Field] = {}
        self.front_matter_error: tuple[int, str] | None = None
        self.body_start = 0
        self.title: Title | None = None
        self.headings: list[Heading] = []
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.links: list[Link] = []
        self.images: list[Link] = []
        self.comments: list[Comment] = []

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
        return sum(self.sentence_lengths)

    @cached_property
    def sentence_lengths(self) -> list[int]:
        """How many words each sentence has, in order."""
        return list(map(len, map(_WORDS, self.sentences)))

    @cached_property
    def paragraph_lengths(self) -> list[int]:
        """How many words each paragraph has, in order."""
        return [p.word_count for p in self.paragraphs]

    @cached_property
    def sentences(self) -> list[Sentence]:
        return list(chain.from_iterable(map(_SENTENCES, self.paragraphs)))

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word of the prose (in lower case) occurs, in order of first use
        (shared by the rules that count words)."""
        return Counter(chain.from_iterable(map(_WORDS, self.sentences)))

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
