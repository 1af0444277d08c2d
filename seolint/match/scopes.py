"""Scopes: the pieces of a document a rule looks at (its sentences, paragraphs, headline...),
and what is derived from them once per document and shared by every rule: the prose folded,
the folded words of each scope, where quotations are.

All of it lives on one ``View`` per document, kept in ``Document.shared``: nothing outlives
the document, and nothing is shared between documents.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import filterfalse
from operator import attrgetter

from seolint.match.casefold import fold, unfolded
from seolint.match.needles import with_ascii_runs, words_of_text
from seolint.model.document import Document
from seolint.model.record import Record
from seolint.parse.prose import quotations

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from collections.abc import Set as AbstractSet
    from typing import Any

TEXT_SCOPES = (
    "sentence",
    "paragraph",
    "heading",
    "title",
    "description",
    "first-paragraph",
    "last-paragraph",
    "first-sentence",
    "last-sentence",
    "closing-sentences",
    "body",
    "text",
)
# Scopes of a sentence or so: searched as they are once their words are known to be there
# (locating needles in them would cost more than the search).
SMALL_SCOPES = frozenset(
    ("first-sentence", "last-sentence", "closing-sentences", "title", "description")
)
_SAME = {"body": "paragraph"}  # scopes made of the same pieces share them
# The word sets a scope's words are looked up in: the prose's (every sentence's words, counted
# already, which hold those of any scope of sentences or paragraphs), or the scope's own.
# Scopes looked up in the prose's words, which hold more than theirs.
_WIDER_WORDS = frozenset(
    ("first-paragraph", "last-paragraph", "first-sentence", "last-sentence", "closing-sentences")
)
_WORD_SETS = {
    "heading": ("heading",),
    "title": ("title",),
    "description": ("description",),
    "text": ("prose", "title", "heading"),
}


_START = attrgetter("start")
_END = attrgetter("end")


class Segment(Record):
    """A piece of text a rule looks at: its text, its offset, and whether offsets map 1:1."""

    __slots__ = ("text", "start", "end", "exact")

    def __init__(self, text: str, start: int, end: int, exact: bool = True) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.exact = exact

    def span(self, a: int, b: int) -> tuple[int, int]:
        """File offsets of ``text[a:b]`` (the whole segment when offsets are not exact)."""
        return (self.start + a, self.start + b) if self.exact else (self.start, self.end)


class Segments:
    """The segments of a scope: those made already (a title, a description), then pieces of
    the prose (sentences, paragraphs, headings: anything with a start and an end), each made
    a segment only when asked for (a rule looks at the few that hold its needles)."""

    __slots__ = ("made", "prose", "items", "size")

    def __init__(self, made: list[Segment], prose: str = "", items: Sequence[Any] = ()) -> None:
        self.made = made
        self.prose = prose
        self.items = items
        self.size = len(made) + len(items)  # how many segments

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> Segment:
        if index < 0:
            index += len(self)
            if index < 0:
                raise IndexError(index)
        if index < len(self.made):
            return self.made[index]
        item = self.items[index - len(self.made)]
        return Segment(self.prose[item.start : item.end], item.start, item.end)

    def span(self, index: int) -> tuple[int, int]:
        """Where the piece of prose with this index (after those made already) lies."""
        item = self.items[index - len(self.made)]
        return item.start, item.end


class Scope:
    """A scope of one document, as the phrase matcher reads it: its segments, the folded text
    of those made already, which needles it holds (as rules have asked), the needle scans of
    its words (``seolint.match.phrases.NeedleIndex``, by index), and, once needles are to be
    located, its prose pieces in the order they begin. (It holds no reference back to its
    document or view: a document and all it owns are freed as soon as they are dropped.)"""

    __slots__ = ("segments", "small", "exact", "made", "prose", "low", "high", "seen")
    __slots__ += ("word_sets", "scans", "_order", "_texts")

    def __init__(self, doc: Document, name: str, segments: Segments, prose: str) -> None:
        self.segments = segments
        self.small = name in SMALL_SCOPES
        self.exact = name not in _WIDER_WORDS  # its word sets hold its words and no others
        self.made = [fold(seg.text) for seg in segments.made]
        self.prose = prose  # folded
        items = segments.items
        self.low = self.high = 0  # the prose from low to high covers every piece
        if name == "text" and items:  # the headings, then the paragraphs
            self.low = min(map(_START, items))
            self.high = max(map(_END, items))
        elif items:
            self.low, self.high = items[0].start, items[-1].end
        self.seen: dict[str, bool] = {}
        self.word_sets = _WORD_SETS.get(name, ("prose",))
        self.scans: dict[Any, Any] = {}
        self._order: tuple[list[int], list[int], Sequence[int]] | None = None
        self._texts: list[str] | None = None

    def folded(self, index: int) -> str:
        """The folded text of one segment. Folding keeps every character's place and never
        looks across the whitespace around a segment, so slices of the prose folded once are
        the folded slices."""
        made = self.made
        if index < len(made):
            return made[index]
        a, b = self.segments.span(index)
        return self.prose[a:b]

    def texts(self) -> list[str]:
        """The folded texts a needle of the scope lies in: those of the segments made
        already, and the prose that spans the others (made once)."""
        if self._texts is None:
            self._texts = [*self.made, self.prose[self.low : self.high]]
        return self._texts

    def holds(self, needle: str) -> bool:
        """Whether a needle is in the folded text (in the prose that spans the segments, or in
        a segment made already); ``seen`` keeps the answers."""
        prose = self.prose
        made = self.made
        found = self.seen[needle] = (
            (needle.isascii() or not prose.isascii())  # (isascii takes no time on str)
            and prose.find(needle, self.low, self.high) != -1
        ) or (bool(made) and any(needle in text for text in made))
        return found

    def scan(self, view: View, doc: Document, index: Any) -> dict[Any, list[Any]]:
        """An index's scan of the scope's words (``seolint.match.phrases.NeedleIndex``): each
        matcher's groups whose words are there. Scopes with the same words share the scan."""
        scans = [view.scan(doc, index, key) for key in self.word_sets]
        found = scans[0]
        if len(scans) > 1:  # a match lies in one segment: its words are in one of the sets
            found = dict(found)  # (the other sets, a headline's or headings' words, are few)
            for scan in scans[1:]:
                for matcher, groups in scan.items():
                    mine = found.get(matcher)
                    found[matcher] = groups if mine is None else mine + groups
        self.scans[index] = found
        return found

    def places(self, groups: Iterable[tuple[str, ...]]) -> set[int]:
        """Indexes of the segments that hold every needle of one of ``groups``."""
        prose = self.prose
        span = self.segments.span
        out: set[int] = set()
        heads: dict[str, set[int]] = {}
        for first, *rest in groups:
            for i, text in enumerate(self.made):
                if all(needle in text for needle in (first, *rest)):
                    out.add(i)
            # The few pieces that hold the first needle; the rest are looked for in those only.
            head = heads.get(first)
            if head is None:
                head = heads[first] = self._holding(first)
            if not rest:
                out |= head
                continue
            for i in head - out:
                a, b = span(i)
                if all(prose.find(needle, a, b) != -1 for needle in rest):
                    out.add(i)
        return out

    def order(self) -> tuple[list[int], list[int], Sequence[int]]:
        """The prose pieces' starts and ends in the order they begin, and their indexes."""
        if self._order is None:
            items = self.segments.items
            starts = [item.start for item in items]
            ends = [item.end for item in items]
            first = len(self.made)
            if starts == sorted(starts):
                self._order = starts, ends, range(first, first + len(items))
            else:  # "text": the headings, then the paragraphs
                order = sorted(range(len(items)), key=starts.__getitem__)
                self._order = (
                    [starts[i] for i in order],
                    [ends[i] for i in order],
                    [first + i for i in order],
                )
        return self._order

    def _holding(self, needle: str) -> set[int]:
        """Indexes of the pieces of prose in which a needle is found whole."""
        found = set()
        size = len(needle)
        starts, ends, indexes = self.order()
        prose, high = self.prose, self.high
        at = prose.find(needle, self.low, high)
        while at != -1:
            k = bisect_right(starts, at) - 1
            if k >= 0 and at + size <= ends[k]:
                found.add(indexes[k])
            at = prose.find(needle, at + 1, high)
        return found


class View:
    """What the rules derive from one document, each made once when first asked for; kept in
    the document's ``shared`` (and holding nothing that leads back to the document)."""

    __slots__ = ("_scopes", "_prose", "_words", "_quotes", "_scans")

    def __init__(self) -> None:
        self._scopes: dict[str, Scope] = {}
        self._prose: str | None = None
        self._words: dict[str, AbstractSet[str] | None] = {}
        self._quotes: dict[int, list[tuple[int, int]]] = {}
        self._scans: dict[Any, Any] = {}

    def scope(self, doc: Document, name: str) -> Scope:
        found = self._scopes.get(name)
        if found is None:
            same = _SAME.get(name, name)
            found = self._scopes.get(same)
            if found is None:
                pieces = _segments(self, doc, same)
                found = Scope(doc, same, pieces, self.folded_prose(doc))
            self._scopes[name] = self._scopes[same] = found
        return found

    def folded_prose(self, doc: Document) -> str:
        """The prose folded (see ``seolint.match.casefold.fold``): its lower case, unless it
        has one of the few characters that folding changes otherwise."""
        if self._prose is None:
            prose = doc.prose
            if doc.lowered is None or not (prose.isascii() or unfolded(prose)):
                self._prose = fold(prose)
            else:
                self._prose = doc.lowered
        return self._prose

    def words(self, doc: Document, key: str) -> AbstractSet[str] | None:
        """A word set, made once: "prose" (every sentence's words) or a scope's own, as
        ``seolint.match.needles.words_of_text`` makes them; None where a word test would not
        be sure: the text has a character that folds to an ASCII letter (a dotless i, a long
        s...), which moves RE2's ASCII-only word bounds."""
        if key not in self._words:
            self._words[key] = self._make_words(doc, key)
        return self._words[key]

    def _make_words(self, doc: Document, key: str) -> AbstractSet[str] | None:
        if not unfolded(doc.prose):
            return None
        if key == "prose":
            return _prose_words(doc)
        scope = self.scope(doc, key)
        if not all(unfolded(seg.text) for seg in scope.segments.made):
            return None
        prose = scope.prose
        texts = [*scope.made, *(prose[item.start : item.end] for item in scope.segments.items)]
        return words_of_text("\n".join(texts))

    def scan(self, doc: Document, index: Any, key: str) -> dict[Any, list[Any]]:
        """An index's scan of a word set (``NeedleIndex.scan``), made once."""
        found = self._scans.get((index, key))
        if found is None:
            found = self._scans[index, key] = index.scan(self.words(doc, key))
        return found

    def in_quotes(self, doc: Document, start: int) -> bool:
        """Whether an offset falls inside quoted speech or a block quote. Only the paragraph
        that holds the offset is read for quotations, once (most documents never ask)."""
        paragraphs = doc.paragraphs
        index = bisect_right(self.scope(doc, "paragraph").order()[0], start) - 1
        if index < 0 or start >= paragraphs[index].end:
            return False
        para = paragraphs[index]
        if para.kind == "quote":
            return True
        spans = self._quotes.get(index)
        if spans is None:
            spans = self._quotes[index] = quotations(doc.prose[para.start : para.end], para.start)
        return any(a <= start < b for a, b in spans)


def view(doc: Document) -> View:
    """The document's view, made on first use."""
    found = doc.shared.get(View)
    if found is None:
        found = doc.shared[View] = View()
    return found


def segments(doc: Document, scope: str) -> Segments:
    """The pieces of the document a scope names."""
    return view(doc).scope(doc, scope).segments


def in_quotes(doc: Document, start: int) -> bool:
    """Whether an offset falls inside quoted speech or a block quote."""
    return view(doc).in_quotes(doc, start)


def _prose_words(doc: Document) -> AbstractSet[str]:
    """The prose's folded words, from its distinct words, counted already: where folding
    only lower-cases, a word in lower case is folded already."""
    counts = doc.word_counts
    # The distinct words are the keys of their counts (a dictionary's keys are a set, made
    # without hashing any word again), plus the parts of joined words ("u.s", "well-known")
    # and the ASCII runs of words that are not all ASCII.
    parts = _parts(filterfalse(str.isalnum, counts))
    # (A word whose only character outside ASCII is a curly apostrophe, a joiner, has its
    # ASCII runs among the parts already: most news prose has no other.)
    if not doc.ascii_words and not " ".join(counts).replace("’", "").isascii():
        parts += with_ascii_runs(filterfalse(str.isascii, counts))
    if not parts:
        return counts.keys()
    words = dict(counts)
    words.update(dict.fromkeys(parts))
    return words.keys()


def _parts(words: Iterable[str]) -> list[str]:
    """The parts of words joined by "-", "'", "’" or "."."""
    joined = " ".join(words)
    for joiner in "-'’.":
        if joiner in joined:
            joined = joined.replace(joiner, " ")
    return joined.split()


def _segments(view: View, doc: Document, scope: str) -> Segments:
    prose = doc.prose
    if scope == "sentence":
        return Segments([], prose, doc.sentences)
    if scope == "paragraph":
        return Segments([], prose, doc.paragraphs)
    if scope == "heading":
        return Segments([], prose, doc.headings)
    if scope == "first-paragraph":
        return Segments([], prose, doc.paragraphs[:1])
    if scope == "last-paragraph":
        return Segments([], prose, doc.paragraphs[-1:])
    if scope == "closing-sentences":  # each sentence of the last paragraph
        return Segments([], prose, [s for p in doc.paragraphs[-1:] for s in p.sentences])
    if scope in ("first-sentence", "last-sentence"):
        return Segments(
            [], prose, doc.sentences[:1] if scope == "first-sentence" else doc.sentences[-1:]
        )
    if scope == "text":  # the pieces of these scopes, shared with them
        title = view.scope(doc, "title").segments
        # A title that is the level-1 heading is searched once, as the heading.
        made = [t for t in title.made if not any(h.start == t.start for h in doc.headings)]
        return Segments(made, prose, [*doc.headings, *doc.paragraphs])
    made = []
    if scope == "title" and doc.title is not None:
        t = doc.title
        made.append(
            Segment(doc.text[t.start : t.end] if t.exact else t.text, t.start, t.end, t.exact)
        )
    elif scope == "description":
        item = doc.front_matter.get("description")
        if item is not None and isinstance(item.value, str):
            text = doc.text[item.start : item.end] if item.exact else item.value
            made.append(Segment(text, item.start, item.end, item.exact))
    return Segments(made)
