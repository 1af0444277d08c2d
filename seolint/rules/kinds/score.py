"""The content-farm score: one number per article from the other rules' findings and from how
uniform its paragraphs and sentences are.

Each signal has a weight. A rule's signal counts its findings in the article (any severity),
full strength at ``cap`` findings; a measure gives a strength from 0 to 1. The score is the
weighted share of full strength, 0-100. It runs after every other rule (``aggregate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter, sub

from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context, Kind, document_anchor
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.options import Option, OptionError

# The measures a score may weigh (``measures: {paragraph-uniformity: 10}``), each a function
# from a document to a strength from 0 to 1.
MEASURES: dict[str, Check] = {}
measure = registry(MEASURES)


def _uniformity(lengths: list[int], least: int, high: float, low: float) -> float:
    """1 when the lengths vary little (coefficient of variation at ``low`` or below), 0 at
    ``high`` or above, in between linearly; 0 for fewer than ``least`` lengths."""
    lengths = list(filter(None, lengths))  # (lengths are counts: none is below 0)
    count = len(lengths)
    if count < least:
        return 0.0
    mean = sum(lengths) / count
    variance = sum(map(pow, map(sub, lengths, repeat(mean)), repeat(2))) / count
    cv = variance**0.5 / mean
    return min(1.0, max(0.0, (high - cv) / (high - low)))


@measure("paragraph-uniformity")
def paragraph_uniformity(doc: Document) -> float:
    """Paragraphs of much the same length."""
    # BBC paragraphs vary (coefficient of variation 0.42 at the 5th percentile, median
    # 0.57); the free-writing LLM texts' median is 0.23 (bench/README.md).
    return _uniformity(doc.paragraph_lengths, 5, 0.4, 0.2)


@measure("sentence-uniformity")
def sentence_uniformity(doc: Document) -> float:
    """Sentences of much the same length."""
    return _uniformity(doc.sentence_lengths, 6, 0.25, 0.12)


class Score(Kind):
    """A weighted sum of signals, reported when it reaches a threshold."""

    name = "score"
    aggregate = True
    options = {
        "signals": Option(dict, help="rule id to weight: that rule's findings are a signal"),
        "measures": Option(dict, {}, help="measure to weight: " + ", ".join(MEASURES)),
        "cap": Option(int, 2, help="findings of one rule that give its full weight"),
        "threshold": Option((int, float), 50, help="the score from which it is reported"),
        "corroborate": Option(
            (int, float), 25, help="the score below which 'corroborate' rules report as info"
        ),
        "min_words": Option(int, 80, help="shorter articles are not scored"),
    }
    placeholders = frozenset({"score", "limit", "signals"})

    def compile(self) -> None:
        weights = {**self.opts["signals"], **self.opts["measures"]}
        if not all(isinstance(w, (int, float)) and w >= 0 for w in weights.values()):
            raise OptionError("signals", "each signal's weight must be a number, 0 or more")
        unknown = [m for m in self.opts["measures"] if m not in MEASURES]
        if unknown:
            raise OptionError("measures", f"unknown measure {unknown[0]!r}: {', '.join(MEASURES)}")
        if not sum(weights.values()):
            raise OptionError("signals", "give at least one signal a weight above 0")

    def value(self, doc: Document, counts: dict[str, int]) -> tuple[float, dict[str, float]]:
        """The score, and what each signal adds to it (before the division by the weights)."""
        if doc.word_count < self.opts["min_words"]:
            return 0.0, {}
        cap = max(1, self.opts["cap"])
        # The signals of the rules that found something (the others add nothing), in order.
        parts = {
            rule: weight * min(counts[rule], cap) / cap
            for rule, weight in self.opts["signals"].items()
            if rule in counts
        }
        for name, weight in self.opts["measures"].items():
            parts[name] = weight * MEASURES[name].run(doc)
        total = sum(self.opts["signals"].values()) + sum(self.opts["measures"].values())
        return round(100 * sum(parts.values()) / total, 1), parts

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        score, parts = self.value(doc, ctx.counts)
        ctx.score = max(ctx.score, score)
        limit = self.opts["threshold"]
        if score < limit:
            return
        # The signals that weigh most, strongest first. One mark alone, however heavy, is not
        # a pattern: at least two signals must add up.
        top = [n for n, v in sorted(parts.items(), key=itemgetter(1), reverse=True) if v > 0][:3]
        if len(top) >= 2:
            start, end = document_anchor(doc)
            message = self.say(score=_show(score), limit=_show(limit), signals=", ".join(top))
            yield Finding(start, end, message, data={"score": score})


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
