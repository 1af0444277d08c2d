"""Kinds that look for phrases: existence, substitution and occurrence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from seolint.match.phrases import PhraseMatcher
from seolint.match.scopes import TEXT_SCOPES, Segment, Segments, in_quotes, segments
from seolint.model.diagnostics import Edit, Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context, Kind, document_anchor
from seolint.rules.kinds.options import Option, OptionError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.match.phrases import Hit

_PHRASE_OPTIONS = {
    "tokens": Option(list, [], help="literal words or phrases, matched as whole words"),
    "patterns": Option(list, [], help="regular expressions (Python syntax)"),
    "ignorecase": Option(bool, True, help="match regardless of case"),
    "in_quotes": Option(bool, True, help="also match inside quoted speech and block quotes"),
}

# What a phrase kind's ``compile`` sets, for the rule cache.
PHRASE_STATE = {"matcher": PhraseMatcher}


def _phrases(kind: Existence | Occurrence) -> PhraseMatcher:
    o = kind.opts
    return PhraseMatcher.phrases(o["tokens"], o["patterns"], o["ignorecase"], "tokens")


class Existence(Kind):
    """Report every occurrence of a phrase or pattern in a scope."""

    name = "existence"
    compiled = PHRASE_STATE
    options = _PHRASE_OPTIONS
    placeholders = frozenset({"match"})
    scopes = TEXT_SCOPES
    default_scope = "sentence"

    def compile(self) -> None:
        self.matcher = _phrases(self)

    def matchers(self) -> Iterable[PhraseMatcher]:
        return (self.matcher,)

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        hits = self.matcher.matches(doc, self.scope or "sentence")
        return self._findings(doc, hits) if hits else ()

    def _findings(self, doc: Document, hits: Iterable[Hit]) -> Iterator[Finding]:
        skip_quotes = not self.opts["in_quotes"]
        for _, seg, a, b in hits:
            if b == a:
                continue
            start, end = seg.span(a, b)
            if skip_quotes and in_quotes(doc, start):
                continue
            yield Finding(start, end, self.say(match=" ".join(seg.text[a:b].split())))


class Substitution(Kind):
    """Suggest a replacement for a phrase; the fix applies it."""

    name = "substitution"
    compiled = {"swaps": list[tuple[PhraseMatcher, str]]}
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
        ignorecase = self.opts["ignorecase"]
        self.swaps = [(PhraseMatcher.words(k, ignorecase, "swap"), v) for k, v in swap.items()]

    def matchers(self) -> Iterable[PhraseMatcher]:
        return [matcher for matcher, _ in self.swaps]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        scope = self.scope or "sentence"
        # Segment by segment, and in each the phrases in the order of the swap.
        hits = sorted(
            (i, order, n, seg, a, b, replacement)
            for order, (matcher, replacement) in enumerate(self.swaps)
            for n, (i, seg, a, b) in enumerate(matcher.matches(doc, scope))
        )
        for _, _, _, seg, a, b, replacement in hits:
            start, end = seg.span(a, b)
            if not self.opts["in_quotes"] and in_quotes(doc, start):
                continue
            found = seg.text[a:b]
            new = _match_case(found, replacement)
            fix = (Edit(start, end, new),) if self.fix and seg.exact else None
            yield Finding(start, end, self.say(match=found, replacement=new), fix)


def _match_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


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
        self.matcher = _phrases(self)

    def matchers(self) -> Iterable[PhraseMatcher]:
        return (self.matcher,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        whole = self.scope in (None, "document")
        scope = "body" if whole else self.scope
        skip_quotes = not self.opts["in_quotes"]
        low, high = self.opts["min"], self.opts["max"]
        # Without a maximum, only the first ``min`` hits can change the outcome.
        most = low if high < 0 else None
        if whole and most == 1 and not skip_quotes and self.matcher.certain(doc, scope):
            return  # a match is sure to be there: the one hit needed
        pieces = segments(doc, scope)
        found = (
            (i, seg.span(a, b))
            for i, seg, a, b in self.matcher.matches(doc, scope, whole and most is not None)
            if not (skip_quotes and in_quotes(doc, seg.start + a))
        )
        groups: list[tuple[list[Segment] | Segments, list[tuple[int, int]]]]
        if whole:
            groups = [(pieces, [span for _, span in islice(found, most)])]
        else:  # each segment is a group of its own
            hits: dict[int, list[tuple[int, int]]] = {}
            for i, span in found:
                hits.setdefault(i, []).append(span)
            groups = [([seg], hits.get(i, [])[:most]) for i, seg in enumerate(pieces)]
        for group, spans in groups:
            count = len(spans)
            if self.opts["links"]:
                lo, hi = (group[0].start, group[-1].end) if group else (0, 0)
                count += sum(1 for link in doc.links if lo <= link.start < hi or whole)
            if count < low:
                where = (group[0].start, group[0].end) if not whole and group else None
                start, end = where or document_anchor(doc)
                yield Finding(start, end, self.say(count=count, limit=low))
            elif 0 <= high < count:
                start, end = spans[high] if high < len(spans) else document_anchor(doc)
                yield Finding(start, end, self.say(count=count, limit=high))
