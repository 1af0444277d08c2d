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
from seolint.rules.kinds.base import Context, Kind, document_anchor
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.options import Option

KEYWORD_FIELDS = ("focus_keyword", "focus_keyphrase", "keyphrase", "focus-keyword", "focus_kw")
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


KEYWORD_CHECKS: dict[str, Check] = {}
keyword_check = registry(KEYWORD_CHECKS)


class Keyword(Kind):
    """Focus keyphrase placement, length and density (Yoast's assessments and numbers). A
    check runs only when the article has a focus keyphrase; it is given the keyphrase and
    its content words' base forms."""

    name = "keyword"
    checks = KEYWORD_CHECKS
    options = {"check": Option(str, choices=KEYWORD_CHECKS)}
    # {bound}: "under MIN" or "over MAX", whichever was crossed, for the checks with both
    placeholders = frozenset({"keyword", "value", "limit", "bound"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        phrase = keyphrase(doc, ctx)
        if not phrase:
            return
        forms = content_forms(phrase)
        if not forms:
            return
        yield from KEYWORD_CHECKS[self.opts["check"]].run(self, doc, phrase, forms)

    def finding(
        self, span: tuple[int, int], phrase: str, value: object, limit: object, bound: str = ""
    ) -> Finding:
        message = self.say(keyword=phrase, value=value, limit=limit, bound=bound)
        return Finding(span[0], span[1], message)


def _share_bounds(what: str, low: int, high: int) -> dict[str, Option]:
    """``min`` and ``max``: the bounds, in %, of the share of ``what`` that hold the keyphrase."""
    return {
        "min": Option((int, float), low, help=f"the lowest share of {what}, in %"),
        "max": Option((int, float), high, help=f"the highest share of {what}, in %"),
    }


@keyword_check(
    "density",
    min=Option((int, float), None, help="the lowest density, in %"),
    max=Option((int, float), None, help="the highest density, in %"),
    until=Option((int, float), None, help="higher densities are not reported"),
    min_words=Option(int, 100, help="shorter articles are not measured"),
)
def density(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """Keyphrase density (Yoast's) under ``min`` or over ``max`` (up to ``until``), in %."""
    total = doc.word_count
    if total < rule.opts["min_words"]:
        return
    hits, first = 0, None
    for sentence in doc.sentences:
        n = matches(forms, sentence.words)
        if n and first is None:
            first = (sentence.start, sentence.end)
        hits += n
    # Yoast's density: 100 x matches / words x (0.7 + L/3), in one division so that the
    # bands' own values (0.5, 3, 4) come out exactly.
    value = 10 * hits * (21 + 10 * len(forms)) / (3 * total)
    low, high, until = rule.opts["min"], rule.opts["max"], rule.opts["until"]
    if low is not None and value < low:
        shown, edge = _shown(value, low)
        yield rule.finding(document_anchor(doc), phrase, shown, edge, f"under {edge}")
    elif high is not None and value > high and (until is None or value <= until):
        shown, edge = _shown(value, high)
        yield rule.finding(first or document_anchor(doc), phrase, shown, edge, f"over {edge}")


@keyword_check("title")
def title(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """A headline without the keyphrase."""
    found = doc.title
    if found is not None and not text_matches(forms, found.text):
        yield rule.finding((found.start, found.end), phrase, 0, 0)


@keyword_check("first-paragraph")
def first_paragraph(
    rule: Keyword, doc: Document, phrase: str, forms: list[str]
) -> Iterator[Finding]:
    """A first paragraph with no sentence that holds the keyphrase."""
    if not doc.paragraphs:
        return
    first = doc.paragraphs[0]
    if not any(matches(forms, s.words) for s in first.sentences):
        yield rule.finding((first.start, first.end), phrase, 0, 0)


@keyword_check("subheading", **_share_bounds("the H2 and H3 subheadings", 30, 75))
def subheading(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """Too few or too many H2 and H3 subheadings that hold the keyphrase (one alone may)."""
    subs = [h for h in doc.headings if h.level in (2, 3)]
    if not subs:
        return
    hits = sum(1 for h in subs if text_matches(forms, h.text))
    if len(subs) == 1 and hits == 1:
        return  # one subheading that names the topic is right, whatever its share
    low, high = rule.opts["min"], rule.opts["max"]
    share = 100 * hits / len(subs)
    if share < low or share > high:
        limit = _show(low if share < low else high)
        bound = f"under {limit}" if share < low else f"over {limit}"
        yield rule.finding((subs[0].start, subs[0].end), phrase, _show(share), limit, bound)


@keyword_check("description")
def description(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """A meta description without the keyphrase."""
    item = doc.front_matter.get("description")
    value = item.value if item is not None else None
    if isinstance(value, str) and value.strip() and not text_matches(forms, value):
        yield rule.finding((item.start, item.end), phrase, 0, 0)


@keyword_check("description-count", max=Option((int, float), 2, help="the most uses"))
def description_count(
    rule: Keyword, doc: Document, phrase: str, forms: list[str]
) -> Iterator[Finding]:
    """A meta description that holds the keyphrase more than ``max`` times."""
    item = doc.front_matter.get("description")
    if item is None or not isinstance(item.value, str):
        return
    most = rule.opts["max"]
    count = text_matches(forms, item.value)
    if count > most:
        yield rule.finding((item.start, item.end), phrase, count, most)


@keyword_check("length", max=Option((int, float), 4, help="the most content words"))
def length(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """A keyphrase of more than ``max`` content words."""
    most = rule.opts["max"]
    if len(forms) > most:
        item = next((doc.front_matter[n] for n in KEYWORD_FIELDS if n in doc.front_matter), None)
        span = (item.start, item.end) if item is not None else document_anchor(doc)
        yield rule.finding(span, phrase, len(forms), most)


@keyword_check("slug")
def slug(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """A declared slug without enough of the keyphrase's content words."""
    item = doc.front_matter.get("slug")
    if item is None or not isinstance(item.value, str) or not slug_words(item.value):
        return
    have = {form(w) for w in slug_words(item.value)}
    found = sum(f in have for f in forms)
    # Yoast: a keyphrase of one or two content words needs them all, a longer one more
    # than half of them.
    enough = found == len(forms) if len(forms) <= 2 else 2 * found > len(forms)
    if not enough:
        yield rule.finding((item.start, item.end), phrase, 0, 0)


@keyword_check("alt", **_share_bounds("the alt texts (with five images or more)", 30, 75))
def alt(rule: Keyword, doc: Document, phrase: str, forms: list[str]) -> Iterator[Finding]:
    """No alt text with the keyphrase (1-4 images), or too few or too many (5 or more)."""
    images = doc.images
    if not images:
        return
    hits = sum(1 for image in images if text_matches(forms, image.text))
    if len(images) < 5:  # Yoast: with fewer than five images, one alt text is enough
        if not hits:
            span = (images[0].start, images[0].end)
            yield rule.finding(span, phrase, "none", "at least one with 1-4 images")
        return
    low, high = rule.opts["min"], rule.opts["max"]
    share = 100 * hits / len(images)
    if len(images) == 5 and 2 <= hits <= 4:  # Yoast's own case: 2-4 of 5 images is good
        return
    if share < low or share > high:
        span = (images[0].start, images[0].end)
        yield rule.finding(span, phrase, f"{_show(share)}%", f"{_show(low)}-{_show(high)}%")


@keyword_check("competing-links")
def competing_links(
    rule: Keyword, doc: Document, phrase: str, forms: list[str]
) -> Iterator[Finding]:
    """A link whose text is the keyphrase (the same content words)."""
    wanted = sorted(forms)
    for link in doc.links:
        if link.text != link.url and sorted(content_forms(link.text)) == wanted:
            yield rule.finding((link.start, link.end), phrase, 0, 0)


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
