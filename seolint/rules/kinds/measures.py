"""Kinds that measure: metrics (readability, lengths) and repetition."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.parse.sentences import word_spans
from seolint.rules.kinds.base import Context, Kind, Option, document_anchor
from seolint.rules.kinds.keyphrase import keyphrase

METRICS = (
    "flesch",
    "word-count",
    "sentence-words",
    "paragraph-words",
    "long-sentences",
    "title-length",
    "description-length",
)
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


class Metric(Kind):
    """A number measured on the article, compared with a minimum and a maximum."""

    name = "metric"
    summary = "a measured value (readability, word and character counts) within limits"
    options = {
        "metric": Option(str, choices=METRICS),
        "min": Option((int, float), None),
        "max": Option((int, float), None),
        "long": Option(int, 20, help="long-sentences: words that make a sentence long"),
        "min_words": Option(
            int, 0, help="skip articles shorter than this (flesch, long-sentences)"
        ),
    }
    # {bound}: "at least MIN" or "at most MAX", whichever was crossed; {s}: "s" unless the
    # value is 1 ("1 character", "5 characters")
    placeholders = frozenset({"value", "limit", "bound", "s"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        low, high = self.opts["min"], self.opts["max"]
        for start, end, value in self._values(doc, low, high):
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

    def _values(
        self, doc: Document, low: float | None, high: float | None
    ) -> Iterator[tuple[int, int, float]]:
        """The measured values with their spans; per-sentence and per-paragraph values are
        only given out when one of them is out of bounds."""
        metric = self.opts["metric"]
        if metric == "sentence-words":
            lengths = doc.sentence_lengths
            if not _within(lengths, low, high):
                for s, n in zip(doc.sentences, lengths, strict=True):
                    yield s.start, s.end, n
        elif metric == "paragraph-words":
            counts = [p.word_count for p in doc.paragraphs]
            if not _within(counts, low, high):
                for p, n in zip(doc.paragraphs, counts, strict=True):
                    yield p.start, p.end, n
        elif metric == "title-length":
            if doc.title is not None:
                yield doc.title.start, doc.title.end, len(doc.title.text)
        elif metric == "description-length":
            item = doc.front_matter.get("description")
            if item is not None and isinstance(item.value, str):
                yield item.start, item.end, len(" ".join(item.value.split()))
        elif doc.paragraphs and doc.word_count >= self.opts["min_words"]:
            start, end = document_anchor(doc)
            yield start, end, _document_metric(doc, metric, self.opts["long"])


def _document_metric(doc: Document, metric: str, long: int) -> float:
    if metric == "word-count":
        return doc.word_count
    sentences = doc.sentences
    if metric == "long-sentences":
        return round(100 * sum(n > long for n in doc.sentence_lengths) / len(sentences), 1)
    from seolint.parse.readability import flesch_from_counts

    return round(flesch_from_counts(doc.word_counts, len(sentences)), 1)


def _within(values: list[int], low: float | None, high: float | None) -> bool:
    """Whether every value lies within the bounds."""
    if not values:
        return True
    return (low is None or min(values) >= low) and (high is None or max(values) <= high)


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class Repetition(Kind):
    """Repeated sentence openers, or one word used far more than the rest."""

    name = "repetition"
    summary = "the same sentence opener in a row, or an over-used word"
    options = {
        "check": Option(str, choices=("openers", "overuse")),
        "run": Option(int, 3, help="openers: consecutive sentences that make a finding"),
        "min_count": Option(int, 8, help="overuse: occurrences before a word can be over-used"),
        "max_share": Option(float, 3.0, help="overuse: the most a word may take, in % of words"),
        "min_length": Option(int, 4, help="overuse: ignore shorter words"),
    }
    placeholders = frozenset({"word", "count", "share"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if self.opts["check"] == "openers":
            yield from self._openers(doc)
        else:
            yield from self._overuse(doc, ctx)

    def _openers(self, doc: Document) -> Iterator[Finding]:
        run = self.opts["run"]
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
                yield Finding(s.start, s.end, self.say(word=first, count=run, share=0))

    def _overuse(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        counts = doc.word_counts
        total = doc.word_count
        if not total:
            return
        opts = self.opts
        shortest, least, most = opts["min_length"], opts["min_count"], opts["max_share"]
        # Only a word above the share can be reported (a word at or below it, and every word
        # after it, in order of use, cannot): the few above it are looked at, most used first,
        # ties in order of first use.
        floor = max(least, int(most * total / 100))
        above = [(w, n) for w, n in counts.items() if n >= floor]
        above.sort(key=lambda item: -item[1])
        keyword = {w.lower() for w in re.findall(r"\w+", keyphrase(doc, ctx) or "")}
        # The story's own topic, named in the headline, is exempt in its singular and plural.
        headline = doc.title.text if doc.title is not None else ""
        topic = {w.lower().rstrip("s") for w in re.findall(r"\w+", headline)}
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
            if word not in keyword and word.rstrip("s") not in topic:
                start = _first_use(doc, word)
                yield Finding(
                    start, start + len(word), self.say(word=word, count=count, share=f"{share:.1f}")
                )
            if kept == 3:
                break


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
