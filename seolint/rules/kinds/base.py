"""What every rule kind shares: option specs, phrase matchers and scopes."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import filterfalse

from seolint.match import rule_regex
from seolint.match.casefold import fold_pattern
from seolint.match.needles import Haystack, Needles, fold, unfolded, word_set
from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.model.record import Record
from seolint.parse.prose import quotations
from seolint.rules.kinds.options import Option, OptionError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from collections.abc import Set as AbstractSet
    from typing import Any, ClassVar, TypeVar

    from seolint.rules.kinds.checks import Check

    T = TypeVar("T")


class Context(Record):
    """Per-file inputs that are not in the document: the configured focus keyword and the
    site's address (``site-url``); for the rules that run last (``Kind.aggregate``), how many
    findings each rule made, and the article's score once a score rule has run."""

    __slots__ = ("focus_keyword", "site_url", "counts", "score")

    def __init__(self, focus_keyword: str | None = None, site_url: str | None = None) -> None:
        self.focus_keyword = focus_keyword
        self.site_url = site_url
        self.counts: dict[str, int] = {}
        self.score = 0.0


class Kind:
    """Base of rule kinds. Subclasses declare options and implement ``check``, or declare
    named checks (``seolint.rules.kinds.checks``), one of which each rule picks. The class
    docstring's first paragraph is the kind's line in docs/rules/kinds.md."""

    name: ClassVar[str]
    options: ClassVar[dict[str, Option]] = {}
    # The named checks, by the value of the option ``check_option`` that picks one.
    checks: ClassVar[dict[str, Check]] = {}
    check_option: ClassVar[str] = "check"
    # What ``compile`` sets on the rule, by field, with its type: all the rule cache stores
    # besides the message, scope, fix and options (see seolint.cache.rules).
    compiled: ClassVar[dict[str, Any]] = {}
    placeholders: ClassVar[frozenset[str]] = frozenset()
    scopes: ClassVar[tuple[str, ...]] = ()
    default_scope: ClassVar[str | None] = None
    fixes: ClassVar[tuple[str, ...]] = ()
    aggregate: ClassVar[bool] = False  # runs after the other rules, on their findings

    def __init__(self, message: str, scope: str | None, fix: str | None, opts: dict[str, Any]):
        self.message = message
        self.scope = scope
        self.fix = fix
        self.opts = opts
        self.compile()

    def compile(self) -> None:
        """Prepare matchers; raise OptionError for a bad option value."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """The findings in a document: by default, those of the named check the rule picks."""
        return self.checks[self.opts[self.check_option]].run(self, doc, ctx)

    @classmethod
    def options_for(cls, values: Mapping[str, Any] | None = None) -> dict[str, Option]:
        """The options of a rule with these option values: the kind's own and those of the
        check they pick. Without values: every option some rule of the kind may take."""
        if not cls.checks:
            return cls.options
        if values is None:
            found = dict(cls.options)
            for check in cls.checks.values():
                found.update(check.options)
            return found
        picked = values.get(cls.check_option)
        check = cls.checks.get(picked) if isinstance(picked, str) else None
        return cls.options if check is None else {**cls.options, **check.options}

    def say(self, **values: Any) -> str:
        """The rule's message with placeholders filled in."""
        return self.message.format_map(values)


def phrase_parts(tokens: list[str], patterns: list[str], key: str) -> tuple[str | None, str | None]:
    """A phrase rule's pattern in two parts: its literal phrases, as one alternation to match
    between word bounds, and its raw patterns, as one alternation (None for a missing part)."""
    words = []
    for token in tokens:
        escaped = re.escape(token.strip())
        words.append(re.sub(r"(?:\\ )+", r"\\s+", escaped).replace("'", "['’]"))
    if not words and not patterns:
        raise OptionError(key, "give at least one entry in 'tokens' or 'patterns'")
    bounded = "|".join(words) if words else None
    plain = "|".join(f"(?:{p})" for p in patterns) if patterns else None
    return bounded, plain


def phrase_regex(
    tokens: list[str], patterns: list[str], ignorecase: bool, key: str
) -> rule_regex.Pattern:
    """One regex (see ``seolint.match.rule_regex``) for a list of literal phrases (word-bounded) and raw
    patterns; a pattern RE2 cannot run is an OptionError."""
    flags = re.IGNORECASE if ignorecase else 0
    return _checked(*phrase_parts(tokens, patterns, key), flags, patterns, key)


def folded_phrase_regex(
    tokens: list[str], patterns: list[str], ignorecase: bool, key: str
) -> tuple[rule_regex.Pattern | LazyPattern, rule_regex.Pattern | None]:
    """``phrase_regex`` and, for a case-insensitive one, the same regex to run over folded text
    without the flag, which the engine searches much faster (see ``seolint.match.casefold``), or
    None. With a folded regex, only that one is compiled: the first, which has the same
    structure (it is valid exactly when the folded one is), is compiled if it is ever used."""
    flags = re.IGNORECASE if ignorecase else 0
    bounded, plain = phrase_parts(tokens, patterns, key)
    if ignorecase:
        parts = [fold_pattern(part) if part is not None else None for part in (bounded, plain)]
        if all(
            new is not None or old is None for new, old in zip(parts, (bounded, plain), strict=True)
        ):
            try:
                return LazyPattern(bounded, plain, flags), rule_regex.compile(*parts)
            except rule_regex.PatternError:
                pass  # the first pattern's own error is reported below
    return _checked(bounded, plain, flags, patterns, key), None


def _checked(
    bounded: str | None, plain: str | None, flags: int, patterns: list[str], key: str
) -> rule_regex.Pattern:
    try:
        return rule_regex.compile(bounded, plain, flags)
    except rule_regex.PatternError as exc:
        for pattern in patterns:  # name the pattern at fault when it is one of them
            try:
                rule_regex.check(pattern, flags)
            except rule_regex.PatternError as own:
                raise OptionError(_pattern_key(key), f"bad regular expression {own}") from None
        raise OptionError(_pattern_key(key), f"bad regular expression {exc}") from None


def bounded_regex(pattern: str, ignorecase: bool, key: str) -> rule_regex.Pattern:
    """A pattern matched only between word bounds (no word character or hyphen around it)."""
    flags = re.IGNORECASE if ignorecase else 0
    try:
        rule_regex.check(pattern, flags)  # the bounded part is compiled only when first used
    except rule_regex.PatternError as exc:
        raise OptionError(key, f"bad regular expression {exc}") from None
    return rule_regex.compile(f"(?:{pattern})", None, flags)


def _pattern_key(key: str) -> str:
    return "patterns" if key == "tokens" else key


class LazyPattern:
    """A rule pattern compiled on first use (it was validated when first loaded)."""

    __slots__ = ("bounded", "plain", "flags", "_compiled")

    def __init__(self, bounded: str | None, plain: str | None, flags: int) -> None:
        self.bounded = bounded
        self.plain = plain
        self.flags = flags
        self._compiled: rule_regex.Pattern | None = None

    @property
    def pattern(self) -> str:
        return rule_regex.python_syntax(self.bounded, self.plain)

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = rule_regex.compile(self.bounded, self.plain, self.flags)
        return getattr(self._compiled, name)


class Segment(Record):
    """A piece of text a rule looks at: its text, its offset, and whether offsets map 1:1."""

    __slots__ = ("text", "start", "end", "exact")

    def __init__(self, text: str, start: int, end: int, exact: bool = True) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.exact = exact

    def span(self, a: int, b: int) -> tuple[int, int]:
        """File offsets of ``text[a:b]`` (the whole segment when offsets are not exact)."""
        return (self.start + a, self.start + b) if self.exact else (self.start, self.end)


class Segments:
    """The segments of a scope: those made already (a title, a description), then slices of
    the prose, each made only when asked for (a rule looks at the few that hold its needles)."""

    __slots__ = ("made", "prose", "spans")

    def __init__(
        self, made: list[Segment], prose: str = "", spans: list[tuple[int, int]] | None = None
    ) -> None:
        self.made = made
        self.prose = prose
        self.spans = spans or []

    def __len__(self) -> int:
        return len(self.made) + len(self.spans)

    def __getitem__(self, index: int) -> Segment:
        if index < 0:
            index += len(self)
            if index < 0:
                raise IndexError(index)
        if index < len(self.made):
            return self.made[index]
        a, b = self.spans[index - len(self.made)]
        return Segment(self.prose[a:b], a, b)


TEXT_SCOPES = (
    "sentence",
    "paragraph",
    "heading",
    "title",
    "description",
    "first-paragraph",
    "last-paragraph",
    "first-sentence",
    "last-sentence",
    "closing-sentences",
    "body",
    "text",
)


_SAME = {"body": "paragraph"}  # scopes made of the same pieces share them


def _once(doc: Document, what: str, scope: str, make: Callable[[str], T]) -> T:
    """``make(scope)``, made once per document and scope and shared by every rule."""
    scope = _SAME.get(scope, scope)
    key = (what, scope)
    found = doc.shared.get(key)
    if found is None:
        found = doc.shared[key] = make(scope)
    return found


def segments(doc: Document, scope: str) -> Segments:
    """The pieces of the document a scope names."""
    return _once(doc, "segments", scope, lambda s: _segments(doc, s))


def folded(doc: Document, scope: str) -> tuple[str, list[int]]:
    """A scope's segments joined and folded for needle tests (see ``seolint.match.needles``), and
    where each segment begins in that text."""
    return _once(doc, "folded", scope, lambda s: _join(doc, s))


def folded_prose(doc: Document) -> str:
    """The prose folded (see ``seolint.match.needles.fold``): its lower case, unless it has one of
    the few characters that folding changes otherwise."""
    return _once(doc, "folded", "prose", lambda s: _fold_prose(doc))


def _fold_prose(doc: Document) -> str:
    prose = doc.prose
    if doc.lowered is None or not (prose.isascii() or unfolded(prose)):
        return fold(prose)
    return doc.lowered


def _join(doc: Document, scope: str) -> tuple[str, list[int]]:
    pieces = segments(doc, scope)
    texts = [fold(seg.text) for seg in pieces.made]
    if pieces.spans:
        # Folding keeps every character's place and never looks across whitespace, so slices
        # of the prose folded once are the folded slices: the prose is lower-cased once.
        low = folded_prose(doc)
        texts += [low[a:b] for a, b in pieces.spans]
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return "\n".join(texts), starts


def haystack(doc: Document, scope: str) -> Haystack:
    """A scope's folded text and words for needle tests."""
    return _once(doc, "haystack", scope, lambda s: Haystack(folded(doc, s)[0], scope_words(doc, s)))


_PROSE_SCOPES = frozenset(
    (
        "sentence",
        "paragraph",
        "first-paragraph",
        "last-paragraph",
        "first-sentence",
        "last-sentence",
    )
)


def scope_words(doc: Document, scope: str) -> AbstractSet[str]:
    """The folded words (runs of word characters) of a scope's text, or of more text. The
    prose's come from its distinct words, counted already."""
    if scope in _PROSE_SCOPES:
        return _prose_words(doc).keys()
    if scope == "text":
        # A dictionary's keys are a set; copying the prose's is cheaper than a set of them.
        words = dict(_prose_words(doc))
        words.update(dict.fromkeys(scope_words(doc, "title")))
        words.update(dict.fromkeys(scope_words(doc, "heading")))
        return words.keys()
    return word_set(folded(doc, scope)[0])


def _prose_words(doc: Document) -> dict[str, object]:
    """The prose's folded words, as the keys of a dictionary (made once per document)."""
    return _once(doc, "words", "prose", lambda s: _fold_words(doc))


def _fold_words(doc: Document) -> dict[str, object]:
    counts = doc.word_counts
    if not unfolded(doc.prose):
        # The words of the whole prose folded (headings' too: more words than needed).
        return dict.fromkeys(word_set(folded_prose(doc)))
    # Where folding only lower-cases, a word in lower case is folded already. The distinct
    # words are then the keys of their counts (a dictionary's keys are a set, made without
    # hashing any word again), plus the parts of joined words ("u.s", "well-known").
    joined = " ".join(filterfalse(str.isalnum, counts))
    for joiner in "-'’.":
        if joiner in joined:
            joined = joined.replace(joiner, " ")
    parts = joined.split()
    if not parts:
        return counts
    words = dict(counts)
    words.update(dict.fromkeys(parts))
    return words


def candidates(doc: Document, scope: str, found: Needles | None) -> set[int] | None:
    """Indexes of the segments of a scope in which a regex with these needles may match
    (None: any segment may)."""
    if found is None:
        return None
    groups = found.present_groups(haystack(doc, scope))
    return found.places(*folded(doc, scope), groups) if groups else set()


def may_match(doc: Document, scope: str, found: Needles | None) -> bool:
    """False when no text of the scope contains the needles a regex needs to match."""
    return found is None or found.present(haystack(doc, scope))


def _segments(doc: Document, scope: str) -> Segments:
    prose = doc.prose
    if scope == "sentence":
        return Segments([], prose, [(s.start, s.end) for s in doc.sentences])
    if scope in ("paragraph", "body"):
        return Segments([], prose, [(p.start, p.end) for p in doc.paragraphs])
    if scope == "heading":
        return Segments([], prose, [(h.start, h.end) for h in doc.headings])
    if scope == "first-paragraph":
        return Segments([], prose, [(p.start, p.end) for p in doc.paragraphs[:1]])
    if scope == "last-paragraph":
        return Segments([], prose, [(p.start, p.end) for p in doc.paragraphs[-1:]])
    if scope == "closing-sentences":  # each sentence of the last paragraph
        last = doc.paragraphs[-1:]
        return Segments([], prose, [(s.start, s.end) for p in last for s in p.sentences])
    if scope in ("first-sentence", "last-sentence"):
        ends = doc.sentences[:1] if scope == "first-sentence" else doc.sentences[-1:]
        return Segments([], prose, [(s.start, s.end) for s in ends])
    if scope == "text":  # the pieces of these scopes, shared with them
        title = segments(doc, "title")
        spans = segments(doc, "heading").spans + segments(doc, "paragraph").spans
        return Segments(title.made, prose, spans)
    made = []
    if scope == "title" and doc.title is not None:
        t = doc.title
        made.append(
            Segment(doc.text[t.start : t.end] if t.exact else t.text, t.start, t.end, t.exact)
        )
    elif scope == "description":
        item = doc.front_matter.get("description")
        if item is not None and isinstance(item.value, str):
            text = doc.text[item.start : item.end] if item.exact else item.value
            made.append(Segment(text, item.start, item.end, item.exact))
    return Segments(made)


def in_quotes(doc: Document, start: int) -> bool:
    """Whether an offset falls inside quoted speech or a block quote. Only the paragraph that
    holds the offset is read for quotations, once (most documents never ask)."""
    paragraphs = doc.paragraphs
    starts = _once(doc, "starts", "paragraph", lambda s: [p.start for p in paragraphs])
    index = bisect_right(starts, start) - 1
    if index < 0 or start >= paragraphs[index].end:
        return False
    para = paragraphs[index]
    if para.kind == "quote":
        return True
    spans = _once(
        doc, "quotes", index, lambda s: quotations(doc.prose[para.start : para.end], para.start)
    )
    return any(a <= start < b for a, b in spans)


def document_anchor(doc: Document) -> tuple[int, int]:
    """Where to report a finding about the whole article: an empty span at the start of the
    headline, else of the first line (a point, not a span: nothing in it is at fault)."""
    if doc.title is not None:
        return doc.title.start, doc.title.start
    start = doc.body_start
    text = doc.text
    while start < len(text) and text[start] in " \t\n":
        start += 1
    return start, start
