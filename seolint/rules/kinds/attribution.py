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

from seolint.match import rule_regex
from seolint.match.needles import Needles, needles
from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import (
    Context,
    Kind,
    LazyPattern,
    candidates,
    folded_phrase_regex,
    in_quotes,
    segments,
)
from seolint.rules.kinds.options import Option
from seolint.rules.kinds.phrases import phrase_matches

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
        "cue": rule_regex.Pattern | LazyPattern,
        "cue_folded": rule_regex.Pattern | None,
        "cue_needles": Needles | None,
        "stock": rule_regex.Pattern | LazyPattern | None,
        "stock_folded": rule_regex.Pattern | None,
        "stock_needles": Needles | None,
        "regex": rule_regex.Pattern | LazyPattern | None,
        "folded": rule_regex.Pattern | None,
        "needles": Needles | None,
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
        self.cue, self.cue_folded = folded_phrase_regex([], o["cues"], True, "cues")
        self.cue_needles = needles(self.cue)
        self.stock, self.stock_folded = (
            folded_phrase_regex(o["placeholders"], [], True, "placeholders")
            if o["placeholders"]
            else (None, None)
        )
        self.stock_needles = needles(self.stock) if self.stock is not None else None
        if o["check"] == "anonymous":
            self.regex, self.folded = folded_phrase_regex([], o["anonymous"], True, "anonymous")
            self.needles = needles(self.regex)
        else:
            self.regex, self.folded, self.needles = (
                self.stock,
                self.stock_folded,
                self.stock_needles,
            )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if self.regex is None:
            return
        prose = doc.prose
        found = [
            (start, end, text)
            for start, end, text in self._spans(doc, (self.regex, self.folded), self.needles)
            if not in_quotes(doc, start) and not _NAMED_AFTER.match(prose, end, end + _WINDOW)
        ]
        if not found:
            return
        if self.opts["check"] == "placeholder":
            cues = [
                start
                for start, _, _ in self._spans(doc, (self.cue, self.cue_folded), self.cue_needles)
            ]
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

    def _spans(
        self, doc: Document, matcher: tuple, found_needles: Needles | None
    ) -> Iterator[tuple[int, int, str]]:
        """The matches of a (regex, folded regex) pair in the sentences: start, end, text."""
        places = candidates(doc, "sentence", found_needles)
        order = range(len(segments(doc, "sentence"))) if places is None else sorted(places)
        for seg, m in phrase_matches(*matcher, doc, "sentence", order):
            if m.end() > m.start():
                start, end = seg.span(m.start(), m.end())
                yield start, end, " ".join(seg.text[m.start() : m.end()].split())

    def _named(self, doc: Document, first_only: bool = False) -> int:
        """How many reporting cues have a proper name near them that is not a stock name (with
        ``first_only``, 1 as soon as one has)."""
        stock = (
            [
                (a, b)
                for a, b, _ in self._spans(doc, (self.stock, self.stock_folded), self.stock_needles)
            ]
            if self.stock is not None
            else []
        )
        prose = doc.prose
        common = self.opts["common"]
        count = 0
        starts = {s.start for s in doc.sentences}
        for start, end, _ in self._spans(doc, (self.cue, self.cue_folded), self.cue_needles):
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
