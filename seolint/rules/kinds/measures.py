"""Kinds that measure: metrics (readability, lengths) and repetition."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from operator import eq

from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.parse.sentences import word_spans
from seolint.rules.kinds.base import Context, Kind, document_anchor
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.keyphrase import keyphrase
from seolint.rules.kinds.options import Option

PRONOUNS = frozenset(
    ["i", "you", "he", "she", "it", "we", "they", "him", "her", "them", "me", "us"]
)
STOPWORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for
    from had has have he her his how i if in into is it its just more most my new no not
    of on one or our out over said says she so some than that the their them then there
    these they this to up was we were what when which who will with would you your year
    years""".split()
)


METRICS: dict[str, Check] = {}
metric_check = registry(METRICS)


class Metric(Kind):
    """A number measured on the article, compared with a minimum and a maximum."""

    name = "metric"
    checks = METRICS
    check_option = "metric"
    options = {
        "metric": Option(str, choices=METRICS),
        "min": Option((int, float), None),
        "max": Option((int, float), None),
    }
    # {bound}: "at least MIN" or "at most MAX", whichever was crossed; {s}: "s" unless the
    # value is 1 ("1 character", "5 characters")
    placeholders = frozenset({"value", "limit", "bound", "s"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        low, high = self.opts["min"], self.opts["max"]
        values = METRICS[self.opts["metric"]].run(self, doc, low, high)
        for start, end, value in values:
            if low is not None and value < low:
                yield Finding(start, end, self._say(value, low, "at least"))
            elif high is not None and value > high:
                yield Finding(start, end, self._say(value, high, "at most"))

    def _say(self, value: float, limit: float, bound: str) -> str:
        shown = _show(value)
        return self.say(
            value=shown,
            limit=_show(limit),
            bound=f"{bound} {_show(limit)}",
            s="" if shown == "1" else "s",
        )


# A metric yields the measured values with their spans; per-sentence and per-paragraph values
# only when one of them is out of bounds (low, high).
Values = Iterator[tuple[int, int, float]]
_MIN_WORDS = Option(int, 0, help="shorter articles are not measured")


def _measured(rule: Metric, doc: Document) -> bool:
    """Whether a metric of the whole article is measured: it has text, enough words."""
    return bool(doc.paragraphs) and doc.word_count >= rule.opts["min_words"]


@metric_check("flesch", min_words=_MIN_WORDS)
def flesch(rule: Metric, doc: Document, low: float | None, high: float | None) -> Values:
    """The article's Flesch reading ease."""
    if _measured(rule, doc):
        from seolint.parse.readability import flesch_from_counts

        value = flesch_from_counts(doc.word_counts, len(doc.sentences), doc.word_count)
        value = round(value, 1)
        yield (*document_anchor(doc), value)


@metric_check("word-count", min_words=_MIN_WORDS)
def word_count(rule: Metric, doc: Document, low: float | None, high: float | None) -> Values:
    """The article's words."""
    if _measured(rule, doc):
        yield (*document_anchor(doc), doc.word_count)


@metric_check("sentence-words")
def sentence_words(rule: Metric, doc: Document, low: float | None, high: float | None) -> Values:
    """The words of each sentence."""
    lengths = doc.sentence_lengths
    if not _within(lengths, low, high):
        for s, n in zip(doc.sentences, lengths, strict=True):
            yield s.start, s.end, n


@metric_check("paragraph-words")
def paragraph_words(rule: Metric, doc: Document, low: float | None, high: float | None) -> Values:
    """The words of each paragraph."""
    counts = doc.paragraph_lengths
    if not _within(counts, low, high):
        for p, n in zip(doc.paragraphs, counts, strict=True):
            yield p.start, p.end, n


@metric_check(
    "long-sentences",
    long=Option(int, 20, help="the words that make a sentence long"),
    min_words=_MIN_WORDS,
)
def long_sentences(rule: Metric, doc: Document, low: float | None, high: float | None) -> Values:
    """The share of long sentences (over ``long`` words), in %."""
    if _measured(rule, doc):
        long = rule.opts["long"]
        lengths = doc.sentence_lengths
        value = round(100 * sum(n > long for n in lengths) / len(doc.sentences), 1)
        yield (*document_anchor(doc), value)


@metric_check("title-length")
def title_length(rule: Metric, doc: Document, low: float | None, high: float | None) -> Values:
    """The headline's characters."""
    if doc.title is not None:
        yield doc.title.start, doc.title.end, len(doc.title.text)


@metric_check("description-length")
def description_length(
    rule: Metric, doc: Document, low: float | None, high: float | None
) -> Values:
    """The meta description's characters (runs of spaces count as one)."""
    item = doc.front_matter.get("description")
    if item is not None and isinstance(item.value, str):
        yield item.start, item.end, len(" ".join(item.value.split()))


def _within(values: list[int], low: float | None, high: float | None) -> bool:
    """Whether every value lies within the bounds."""
    if not values:
        return True
    return (low is None or min(values) >= low) and (high is None or max(values) <= high)


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


_RUN = re.compile(r"\w+")
REPETITION_CHECKS: dict[str, Check] = {}
repetition_check = registry(REPETITION_CHECKS)


class Repetition(Kind):
    """Repeated sentence openers, or one word used far more than the rest."""

    name = "repetition"
    checks = REPETITION_CHECKS
    options = {"check": Option(str, choices=REPETITION_CHECKS)}
    placeholders = frozenset({"word", "count", "share"})


@repetition_check("openers", run=Option(int, 3, help="consecutive sentences that make a finding"))
def openers(rule: Repetition, doc: Document, ctx: Context) -> Iterator[Finding]:
    """``run`` sentences in a row that open with the same word (not a pronoun or stopword)."""
    run = rule.opts["run"]
    firsts = [s.words[0] for s in doc.sentences]
    # A streak needs ``run`` sentences in a row that open with one word: ``run - 1`` pairs of
    # neighbours that do, found at C speed (most articles have none).
    if run > 1 and b"\x01" * (run - 1) not in bytes(map(eq, firsts, islice(firsts, 1, None))):
        return
    streak: list = []
    for s in doc.sentences:
        word = s.words[0]
        if word in STOPWORDS or word in PRONOUNS:
            streak = []
            continue
        if streak and streak[0][0] == word:
            streak.append((word, s))
        else:
            streak = [(word, s)]
        if len(streak) == run:
            a, b = word_spans(doc.prose, s.start, s.end)[0]  # the word as written
            first = doc.prose[a:b]
            yield Finding(s.start, s.end, rule.say(word=first, count=run, share=0))


@repetition_check(
    "overuse",
    min_count=Option(int, 8, help="occurrences before a word can be over-used"),
    max_share=Option(float, 3.0, help="the most a word may take, in % of words"),
    min_length=Option(int, 4, help="shorter words are not reported"),
)
def overuse(rule: Repetition, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A word that takes more than ``max_share`` % of the words (names and the keyphrase and
    headline's topic aside)."""
    counts = doc.word_counts
    total = doc.word_count
    if not total:
        return
    opts = rule.opts
    shortest, least, most = opts["min_length"], opts["min_count"], opts["max_share"]
    # Only a word above the share can be reported (a word at or below it, and every word
    # after it, in order of use, cannot): the few above it are looked at, most used first,
    # ties in order of first use.
    floor = max(least, int(most * total / 100))
    above = [(w, n) for w, n in counts.items() if n >= floor]
    above.sort(key=lambda item: -item[1])
    kept = 0
    for word, count in above:
        share = 100 * count / total
        if share <= most:
            break
        if len(word) < shortest or word in STOPWORDS or word.isdigit():
            continue
        capitalised = sum(1 for w in _as_written(doc, word) if w[0].isupper())
        if capitalised * 2 > count:
            continue  # names (people, places, companies) are the story's subject
        kept += 1  # the three most used words that remain are the ones considered
        if not _exempt(doc, ctx, word):
            start = _first_use(doc, word)
            yield Finding(
                start, start + len(word), rule.say(word=word, count=count, share=f"{share:.1f}")
            )
        if kept == 3:
            break


def _exempt(doc: Document, ctx: Context, word: str) -> bool:
    """Whether a word is the keyphrase's, or the story's own topic, named in the headline (in
    its singular or plural)."""
    if word in {w.lower() for w in _RUN.findall(keyphrase(doc, ctx) or "")}:
        return True
    headline = doc.title.text if doc.title is not None else ""
    return word.rstrip("s") in {w.lower().rstrip("s") for w in _RUN.findall(headline)}


def _first_use(doc: Document, word: str) -> int:
    """Where a word is first used in the prose."""
    sentence = next(s for s in doc.sentences if word in s.words)
    spans = word_spans(doc.prose, sentence.start, sentence.end)
    return spans[sentence.words.index(word)][0]


def _as_written(doc: Document, word: str) -> Iterator[str]:
    """Each use of a word in the prose, as written."""
    prose = doc.prose
    for s in doc.sentences:
        if word in s.words:
            spans = word_spans(prose, s.start, s.end)
            yield from (prose[a:b] for (a, b), w in zip(spans, s.words, strict=True) if w == word)
