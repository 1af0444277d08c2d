"""The focus keyphrase: where it appears and how often, matched as Yoast SEO matches it.

A keyphrase matches a piece of text (a sentence, a heading, an alt text, a slug) when each of
its content words occurs there in some form: as written, in the plural or the possessive
("North Korea" matches "North Korea's", "the Koreas' north"). Function words ("the", "of")
need not occur. Density counts matches per sentence: a sentence holding every content word
twice holds two matches. The numbers are Yoast's published ones; the code and word list are
seolint's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.parse.sentences import words as split_words
from seolint.rules.kinds.base import Context, Kind, Option, document_anchor

KEYWORD_FIELDS = ("focus_keyword", "focus_keyphrase", "keyphrase", "focus-keyword", "focus_kw")
KEYWORD_CHECKS = (
    "density",
    "title",
    "first-paragraph",
    "subheading",
    "description",
    "description-count",
    "length",
    "slug",
    "alt",
    "competing-links",
)
# English function words: a keyphrase's other words are its content words.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with about as into onto over under
    after before than then so if is are was were be been being has have had do does did this
    that these those it its i me my we our you your he him his she her they them their who
    whom which what when where why how not no all any some each more most very can could will
    would should may might must shall""".split()
)


def keyphrase(doc: Document, ctx: Context) -> str | None:
    """The article's focus keyphrase: from its front matter, else from the configuration."""
    if doc.front_matter:
        for name in KEYWORD_FIELDS:
            text = doc.field_text(name)
            if text:
                return text.strip()
    return ctx.focus_keyword


def form(word: str) -> str:
    """A word's base form for matching: lower case, without a possessive or plural ending."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 4 and word.endswith(("ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_forms(phrase: str) -> list[str]:
    """The base forms of a keyphrase's content words (all its words if it has no others)."""
    found = split_words(phrase, 0, len(phrase))
    content = [w for w in found if w.lower() not in FUNCTION_WORDS] or found
    return [form(w) for w in content]


def matches(forms: list[str], words: list[str]) -> int:
    """How many times the words hold every keyphrase form (0: not all of them occur)."""
    if not forms:
        return 0
    have = Counter(map(form, words))
    need = Counter(forms)
    return min(have[f] // n for f, n in need.items())


def text_matches(forms: list[str], text: str) -> int:
    return matches(forms, split_words(text, 0, len(text)))


def slug_words(value: str) -> list[str]:
    """The words of a slug, a permalink or a URL: its last path segment split at - and _."""
    segment = [part for part in value.strip().split("/") if part][-1:] or [""]
    stem = segment[0].rsplit(".", 1)[0] if "." in segment[0] else segment[0]
    return [w for w in stem.replace("_", "-").split("-") if w]


class Keyword(Kind):
    """Focus keyphrase placement, length and density (Yoast's assessments and numbers)."""

    name = "keyword"
    summary = "focus keyphrase density, placement and length"
    options = {
        "check": Option(str, choices=KEYWORD_CHECKS),
        "min": Option(
            (int, float),
            None,
            help="density: lowest share in %; subheading and alt: lowest share of them in %",
        ),
        "max": Option(
            (int, float),
            None,
            help="density: highest share in %; subheading, alt: highest share in %; "
            "description-count: most uses; length: most content words",
        ),
        "until": Option((int, float), None, help="density: only report values up to this"),
        "min_words": Option(int, 100, help="density: skip articles shorter than this"),
    }
    placeholders = frozenset({"keyword", "value", "limit"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        phrase = keyphrase(doc, ctx)
        if not phrase:
            return
        forms = content_forms(phrase)
        if not forms:
            return
        check = self.opts["check"].replace("-", "_")
        yield from getattr(self, "_" + check)(doc, phrase, forms)

    def _finding(self, span: tuple[int, int], phrase: str, value: object, limit: object):
        return Finding(span[0], span[1], self.say(keyword=phrase, value=value, limit=limit))

    def _density(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        total = doc.word_count
        if total < self.opts["min_words"]:
            return
        hits, first = 0, None
        for sentence in doc.sentences:
            n = matches(forms, sentence.words)
            if n and first is None:
                first = (sentence.start, sentence.end)
            hits += n
        # Yoast's density: 100 x matches / words x (0.7 + L/3), in one division so that the
        # bands' own values (0.5, 3, 4) come out exactly.
        density = 10 * hits * (21 + 10 * len(forms)) / (3 * total)
        low, high, until = self.opts["min"], self.opts["max"], self.opts["until"]
        if low is not None and density < low:
            yield self._finding(document_anchor(doc), phrase, *_shown(density, low))
        elif high is not None and density > high and (until is None or density <= until):
            yield self._finding(first or document_anchor(doc), phrase, *_shown(density, high))

    def _title(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        title = doc.title
        if title is not None and not text_matches(forms, title.text):
            yield self._finding((title.start, title.end), phrase, 0, 0)

    def _first_paragraph(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        if not doc.paragraphs:
            return
        first = doc.paragraphs[0]
        if not any(matches(forms, s.words) for s in first.sentences):
            yield self._finding((first.start, first.end), phrase, 0, 0)

    def _subheading(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        subs = [h for h in doc.headings if h.level in (2, 3)]
        if not subs:
            return
        hits = sum(1 for h in subs if text_matches(forms, h.text))
        if len(subs) == 1 and hits == 1:
            return  # one subheading that names the topic is right, whatever its share
        yield from self._share(subs[0], phrase, hits, len(subs), 30, 75)

    def _share(self, at, phrase: str, hits: int, count: int, low: float, high: float):
        """A finding at ``at`` when hits are under or over a share (in %) of ``count``."""
        low = low if self.opts["min"] is None else self.opts["min"]
        high = high if self.opts["max"] is None else self.opts["max"]
        share = 100 * hits / count
        if share < low or share > high:
            limit = _show(low if share < low else high)
            yield self._finding((at.start, at.end), phrase, _show(share), limit)

    def _description(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        item = doc.front_matter.get("description")
        value = item.value if item is not None else None
        if isinstance(value, str) and value.strip() and not text_matches(forms, value):
            yield self._finding((item.start, item.end), phrase, 0, 0)

    def _description_count(self, doc: Document, phrase: str, forms: list[str]):
        item = doc.front_matter.get("description")
        if item is None or not isinstance(item.value, str):
            return
        most = 2 if self.opts["max"] is None else self.opts["max"]
        count = text_matches(forms, item.value)
        if count > most:
            yield self._finding((item.start, item.end), phrase, count, most)

    def _length(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        most = 4 if self.opts["max"] is None else self.opts["max"]
        if len(forms) > most:
            item = next(
                (doc.front_matter[n] for n in KEYWORD_FIELDS if n in doc.front_matter), None
            )
            span = (item.start, item.end) if item is not None else document_anchor(doc)
            yield self._finding(span, phrase, len(forms), most)

    def _slug(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        item = doc.front_matter.get("slug")
        if item is None or not isinstance(item.value, str) or not slug_words(item.value):
            return
        have = {form(w) for w in slug_words(item.value)}
        found = sum(f in have for f in forms)
        # Yoast: a keyphrase of one or two content words needs them all, a longer one more
        # than half of them.
        enough = found == len(forms) if len(forms) <= 2 else 2 * found > len(forms)
        if not enough:
            yield self._finding((item.start, item.end), phrase, 0, 0)

    def _alt(self, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
        images = doc.images
        if not images:
            return
        hits = sum(1 for image in images if text_matches(forms, image.text))
        if len(images) < 5:  # Yoast: with fewer than five images, one alt text is enough
            if not hits:
                span = (images[0].start, images[0].end)
                yield self._finding(span, phrase, "none", "at least one with 1-4 images")
            return
        low = 30 if self.opts["min"] is None else self.opts["min"]
        high = 75 if self.opts["max"] is None else self.opts["max"]
        share = 100 * hits / len(images)
        if len(images) == 5 and 2 <= hits <= 4:  # Yoast's own case: 2-4 of 5 images is good
            return
        if share < low or share > high:
            span = (images[0].start, images[0].end)
            yield self._finding(span, phrase, f"{_show(share)}%", f"{_show(low)}-{_show(high)}%")

    def _competing_links(self, doc: Document, phrase: str, forms: list[str]):
        wanted = sorted(forms)
        for link in doc.links:
            if link.text != link.url and sorted(content_forms(link.text)) == wanted:
                yield self._finding((link.start, link.end), phrase, 0, 0)


def _shown(value: float, limit: float) -> tuple[str, str]:
    """A value and the limit it passed, for a message: with two decimals where one would
    show them equal (4.04 % against 4 %)."""
    shown, edge = _show(value), _show(limit)
    if shown == edge:
        shown = f"{value:.2f}"
    return shown, edge


def _show(value: float) -> str:
    """A share for a message: one decimal, none when whole."""
    value = round(float(value), 1)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"
