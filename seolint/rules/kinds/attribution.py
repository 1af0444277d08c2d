"""The attribution model: who says so? Named, anonymous and placeholder sources.

A sentence attributes a claim when it holds a reporting cue ("said", "according to", ...).
The source is *named* when a proper name (a capitalised word that does not open the sentence,
or an acronym) stands near the cue and is not a stock placeholder name; *anonymous* when an
unnamed source ("experts say", "sources close to", "a spokesperson said") is given; a
*placeholder* when a stock name ("Jane Doe", "XYZ University") is quoted or cited.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from seolint.match.phrases import PhraseMatcher
from seolint.match.scopes import in_quotes
from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context, Kind
from seolint.rules.kinds.options import Option

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

# A word that may name someone: capitalised (not the sentence's first word) or an acronym.
_PROPER = re.compile(r"(?<![\w.'’])[A-Z][\w'’-]*")
_WINDOW = 60  # characters either side of a reporting cue searched for a name
# After an unnamed source, the words that name it after all: "analysts at Gartner", "reports
# from the news agency Interfax".
_NAMED_AFTER = re.compile(
    r"[ \t]+(?:at|from|of|with|for|in)[ \t]+(?:the[ \t]+)?(?:[a-z]+[ \t]+){0,3}[A-Z]"
)


class Attribution(Kind):
    """Anonymous attribution (repeated, or in an article with no named source), or quotes
    from placeholder people."""

    name = "attribution"
    compiled = {
        "cues": PhraseMatcher,
        "stock": PhraseMatcher | None,
        "sought": PhraseMatcher | None,
    }
    options = {
        "check": Option(str, choices=("anonymous", "placeholder")),
        "anonymous": Option(list, [], help="patterns of unnamed sources"),
        "placeholders": Option(list, [], help="stock names, matched as whole words"),
        "cues": Option(list, help="patterns of reporting cues: said, according to, ..."),
        "common": Option(list, [], help="capitalised words that name no one (The, However)"),
        "repeat": Option(int, 2, help="anonymous: how many make a finding in a sourced article"),
    }
    placeholders = frozenset({"match", "count", "named"})
    scopes = ("sentence",)
    default_scope = "sentence"

    def compile(self) -> None:
        o = self.opts
        self.cues = PhraseMatcher.phrases([], o["cues"], True, "cues")
        self.stock = (
            PhraseMatcher.phrases(o["placeholders"], [], True, "placeholders")
            if o["placeholders"]
            else None
        )
        if o["check"] == "anonymous":
            self.sought = PhraseMatcher.phrases([], o["anonymous"], True, "anonymous")
        else:
            self.sought = self.stock

    def matchers(self) -> Iterable[PhraseMatcher]:
        return [m for m in (self.cues, self.stock, self.sought) if m is not None]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if self.sought is None:
            return
        prose = doc.prose
        found = [
            (start, end, text)
            for start, end, text in _spans(doc, self.sought)
            if not in_quotes(doc, start) and not _NAMED_AFTER.match(prose, end, end + _WINDOW)
        ]
        if not found:
            return
        if self.opts["check"] == "placeholder":
            cues = [start for start, _, _ in _spans(doc, self.cues)]
            sentences = _sentence_of(doc)
            for start, end, text in found:
                # A stock name is a placeholder source in a sentence that reports what it says.
                if any(sentences(c) == sentences(start) for c in cues):
                    yield Finding(start, end, self.say(match=text, count=1, named=0))
            return
        # One named source is enough to spare a lone unnamed one; all are counted only for the
        # message of a finding.
        if len(found) < self.opts["repeat"] and self._named(doc, first_only=True):
            return
        named = self._named(doc)
        for start, end, text in found:
            yield Finding(start, end, self.say(match=text, count=len(found), named=named))

    def _named(self, doc: Document, first_only: bool = False) -> int:
        """How many reporting cues have a proper name near them that is not a stock name (with
        ``first_only``, 1 as soon as one has)."""
        stock = [(a, b) for a, b, _ in _spans(doc, self.stock)] if self.stock is not None else []
        prose = doc.prose
        common = self.opts["common"]
        count = 0
        starts = {s.start for s in doc.sentences}
        for start, end, _ in _spans(doc, self.cues, first_only):
            lo, hi = max(0, start - _WINDOW), min(len(prose), end + _WINDOW)
            for m in _PROPER.finditer(prose, lo, hi):
                a = m.start()
                word = m.group().rstrip("'’s")
                if a in starts or word in common:
                    continue
                if any(x <= a < y for x, y in stock):
                    continue
                count += 1
                break
            if count and first_only:
                break
        return count


def _sentence_of(doc: Document) -> Callable[[int], int]:
    """A function from an offset to the index of the sentence that holds it."""
    starts = [s.start for s in doc.sentences]
    return lambda offset: bisect_right(starts, offset) - 1


def _spans(
    doc: Document, matcher: PhraseMatcher, first: bool = False
) -> Iterator[tuple[int, int, str]]:
    """The matches in the sentences: start, end, and the text with its spaces made single
    (``first``: the caller is likely to stop early, see ``PhraseMatcher.matches``)."""
    for _, seg, a, b in matcher.matches(doc, "sentence", first):
        if b > a:
            start, end = seg.span(a, b)
            yield start, end, " ".join(seg.text[a:b].split())
