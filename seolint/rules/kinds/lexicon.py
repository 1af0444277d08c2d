"""Lexicon rate: how often an article uses a family of words, per 1,000 words."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat

from seolint.match.phrases import PhraseMatcher
from seolint.match.scopes import in_quotes
from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context, Kind
from seolint.rules.kinds.options import Option

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable


class LexiconRate(Kind):
    """Report once per article when a word family's rate per 1,000 words is over a limit;
    every use is a related location."""

    name = "lexicon-rate"
    compiled = {"matcher": PhraseMatcher, "forms": list[str] | None}
    options = {
        "words": Option(list, help="the family: words or phrases, matched as whole words"),
        "max": Option((int, float), help="the most uses per 1,000 words"),
        "min_count": Option(int, 3, help="fewer uses are never reported"),
        "min_words": Option(int, 100, help="shorter articles are not measured"),
        "in_quotes": Option(bool, False, help="also count inside quoted speech"),
    }
    placeholders = frozenset({"rate", "limit", "count", "words"})
    scopes = ("sentence",)
    default_scope = "sentence"

    def compile(self) -> None:
        self.matcher = PhraseMatcher.phrases(self.opts["words"], [], True, "words")
        self.forms = _forms(self.opts["words"])

    def matchers(self) -> Iterable[PhraseMatcher]:
        return (self.matcher,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        words = doc.word_count
        if words < self.opts["min_words"] or not doc.sentences:
            return
        most = self.opts["max"] * words / 1000  # uses allowed at this length
        if _at_most(doc, self.forms) <= max(most, self.opts["min_count"] - 1):
            return  # even counting every use, names and quotes too, it is within the limit
        hits = []
        prose = doc.prose
        starts = {s.start for s in doc.sentences}
        for _, seg, a, b in self.matcher.matches(doc, "sentence"):
            start, end = seg.span(a, b)
            if prose[start].isupper() and start not in starts:
                continue  # a name ("Norman Foster"), not the word
            if self.opts["in_quotes"] or not in_quotes(doc, start):
                hits.append((start, end, prose[start:end].lower()))
        rate = 1000 * len(hits) / words
        if len(hits) < self.opts["min_count"] or rate <= self.opts["max"]:
            return
        used = sorted({" ".join(text.split()) for _, _, text in hits})
        message = self.say(
            rate=f"{rate:.1f}",
            limit=f"{self.opts['max']:g}",
            count=len(hits),
            words=", ".join(used),
        )
        related = tuple((a, b) for a, b, _ in hits)
        data = {"rate": round(rate, 1), "count": len(hits)}
        yield Finding(hits[0][0], hits[0][1], message, related=related, data=data)


def _forms(family: list[str]) -> list[str] | None:
    """The forms of a family's words that the document's word counts may hold (as written,
    or with a possessive); None when an entry is a phrase (the counts cannot bound it)."""
    words = [entry.lower() for entry in family]
    if not all(word.isalpha() for word in words):
        return None
    return [form for word in words for form in (word, word + "'s", word + "’s")]


def _at_most(doc: Document, forms: list[str] | None) -> int | float:
    """An upper bound on a family's uses, from the document's word counts of its forms;
    infinite when the family has a phrase."""
    if forms is None:
        return float("inf")
    return sum(map(doc.word_counts.get, forms, repeat(0)))
