"""Kinds that look for phrases: existence, substitution and occurrence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from seolint.match import rule_regex
from seolint.match.needles import Needles, needles
from seolint.model.diagnostics import Edit, Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import (
    TEXT_SCOPES,
    Context,
    Kind,
    LazyPattern,
    Segment,
    Segments,
    bounded_regex,
    candidates,
    document_anchor,
    folded,
    folded_phrase_regex,
    in_quotes,
    may_match,
    segments,
)
from seolint.rules.kinds.options import Option, OptionError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    import re

_PHRASE_OPTIONS = {
    "tokens": Option(list, [], help="literal words or phrases, matched as whole words"),
    "patterns": Option(list, [], help="regular expressions (Python syntax)"),
    "ignorecase": Option(bool, True, help="match regardless of case"),
    "in_quotes": Option(bool, True, help="also match inside quoted speech and block quotes"),
}

# What ``_compile_phrases`` sets, for the rule cache.
PHRASE_STATE = {
    "regex": rule_regex.Pattern | LazyPattern,
    "folded": rule_regex.Pattern | None,
    "needles": Needles | None,
}


class Existence(Kind):
    """Report every occurrence of a phrase or pattern in a scope."""

    name = "existence"
    compiled = PHRASE_STATE
    options = _PHRASE_OPTIONS
    placeholders = frozenset({"match"})
    scopes = TEXT_SCOPES
    default_scope = "sentence"

    def compile(self) -> None:
        _compile_phrases(self)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        skip_quotes = not self.opts["in_quotes"]
        scope = self.scope or "sentence"
        pieces = segments(doc, scope)
        # The lede, the close, a title: a scope of a sentence or so is searched as it is,
        # as locating needles in it would cost more than the search.
        places = None if scope in _SMALL_SCOPES else candidates(doc, scope, self.needles)
        # Only the segments that hold the needles a match needs are searched.
        order = range(len(pieces)) if places is None else sorted(places)
        for seg, m in phrase_matches(self.regex, self.folded, doc, scope, order):
            if m.end() == m.start():
                continue
            start, end = seg.span(m.start(), m.end())
            if skip_quotes and in_quotes(doc, start):
                continue
            found = seg.text[m.start() : m.end()]
            yield Finding(start, end, self.say(match=" ".join(found.split())))


def _compile_phrases(kind: Existence | Occurrence) -> None:
    """The regex of a phrase rule, its needles and its folded form (``folded_phrase_regex``)."""
    o = kind.opts
    kind.regex, kind.folded = folded_phrase_regex(
        o["tokens"], o["patterns"], o["ignorecase"], "tokens"
    )
    kind.needles = needles(kind.regex)


def phrase_matches(
    regex: re.Pattern[str] | LazyPattern,
    folded_regex: re.Pattern[str] | None,
    doc: Document,
    scope: str,
    order: Iterable[int],
) -> Iterator[tuple[Segment, re.Match[str]]]:
    """The matches of a phrase regex in the segments of a scope with these indexes, in order;
    its folded form (``folded_phrase_regex``), if any, searches the folded segments (the same
    offsets)."""
    pieces = segments(doc, scope)
    if folded_regex is None:
        for i in order:
            for m in regex.finditer(pieces[i].text):
                yield pieces[i], m
        return
    text, starts = folded(doc, scope)  # the segments folded, at these offsets
    finditer = folded_regex.finditer
    for i in order:
        seg = pieces[i]
        for m in finditer(text[starts[i] : starts[i] + len(seg.text)]):
            yield seg, m


class Substitution(Kind):
    """Suggest a replacement for a phrase; the fix applies it."""

    name = "substitution"
    compiled = {"pairs": list[tuple[rule_regex.Pattern, str]], "needles": list[Needles | None]}
    options = {
        "swap": Option(dict, help="mapping of phrase or pattern to its replacement"),
        "ignorecase": Option(bool, True),
        "in_quotes": Option(bool, False, help="also replace inside quoted speech"),
    }
    placeholders = frozenset({"match", "replacement"})
    scopes = TEXT_SCOPES
    default_scope = "sentence"
    fixes = ("replace",)

    def compile(self) -> None:
        swap = self.opts["swap"]
        if not swap or not all(isinstance(v, str) for v in swap.values()):
            raise OptionError("swap", "'swap' must map phrases to replacement text")
        self.pairs = [
            (bounded_regex(k, self.opts["ignorecase"], "swap"), v) for k, v in swap.items()
        ]
        self.needles = [needles(regex) for regex, _ in self.pairs]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        scope = self.scope or "sentence"
        pairs = []
        places: set[int] | None = set()  # the segments where one of the pairs may match
        for pair, found in zip(self.pairs, self.needles, strict=True):
            where = candidates(doc, scope, found)
            if where is None or where:
                pairs.append(pair)
                places = None if where is None or places is None else places | where
        if not pairs:
            return
        pieces = segments(doc, scope)
        if places is not None:
            pieces = [pieces[i] for i in sorted(places)]
        for seg in pieces:
            for regex, replacement in pairs:
                for m in regex.finditer(seg.text):
                    start, end = seg.span(m.start(), m.end())
                    if not self.opts["in_quotes"] and in_quotes(doc, start):
                        continue
                    new = _match_case(m.group(), replacement)
                    fix = (Edit(start, end, new),) if self.fix and seg.exact else None
                    yield Finding(start, end, self.say(match=m.group(), replacement=new), fix)


def _match_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_SMALL_SCOPES = frozenset(
    ("first-sentence", "last-sentence", "closing-sentences", "title", "description")
)

_EARLY = 3  # segments searched as they are before the needles are located


def _early_first(doc: Document, count: int, found: Needles | None) -> Iterator[int]:
    """Indexes of the segments of the body in order: the first few as they are, then only
    those that hold the needles a match needs (located only if the first few do not suffice)."""
    yield from range(min(count, _EARLY))
    places = candidates(doc, "body", found)
    if places is None:
        yield from range(_EARLY, count)
    else:
        yield from (i for i in sorted(places) if i >= _EARLY)


class Occurrence(Kind):
    """Count a phrase or pattern in a scope and report too few or too many."""

    name = "occurrence"
    compiled = PHRASE_STATE
    options = {
        **_PHRASE_OPTIONS,
        "min": Option(int, 0),
        "max": Option(int, -1, help="-1 for no limit"),
        "links": Option(bool, False, help="count links in the scope as occurrences too"),
    }
    placeholders = frozenset({"count", "limit"})
    scopes = ("document", "paragraph", "sentence", "heading")
    default_scope = "document"

    def compile(self) -> None:
        _compile_phrases(self)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        whole = self.scope in (None, "document")
        scope = "body" if whole else self.scope
        skip_quotes = not self.opts["in_quotes"]
        low, high = self.opts["min"], self.opts["max"]
        pieces = segments(doc, scope)
        # Each group of segments is counted, but only the segments (by index) that hold the
        # needles a match needs are searched.
        groups: list[tuple[list[Segment] | Segments, Iterable[int]]]
        if whole and high < 0:
            # Only the first ``min`` hits count, and in news they tend to come early.
            found = may_match(doc, "body", self.needles)
            groups = [(pieces, _early_first(doc, len(pieces), self.needles) if found else [])]
        elif whole:
            places = candidates(doc, "body", self.needles)
            groups = [(pieces, range(len(pieces)) if places is None else sorted(places))]
        else:
            places = candidates(doc, scope, self.needles)
            groups = [
                ([seg], [i] if places is None or i in places else [])
                for i, seg in enumerate(pieces)
            ]
        for group, searched in groups:
            found = (
                seg.span(m.start(), m.end())
                for seg, m in phrase_matches(self.regex, self.folded, doc, scope, searched)
                if not (skip_quotes and in_quotes(doc, seg.start + m.start()))
            )
            # Without a maximum, only the first ``min`` hits can change the outcome.
            hits = list(islice(found, low if high < 0 else None))
            count = len(hits)
            if self.opts["links"]:
                lo, hi = (group[0].start, group[-1].end) if group else (0, 0)
                count += sum(1 for link in doc.links if lo <= link.start < hi or whole)
            if count < low:
                where = (group[0].start, group[0].end) if not whole and group else None
                start, end = where or document_anchor(doc)
                yield Finding(start, end, self.say(count=count, limit=low))
            elif 0 <= high < count:
                start, end = hits[high] if high < len(hits) else document_anchor(doc)
                yield Finding(start, end, self.say(count=count, limit=high))
