"""The phrase matcher: the one door through which rule kinds find a rule's phrases.

A kind asks a ``PhraseMatcher`` for "the matches of this rule in this scope of this document"
and nothing else. Behind that door:

- the rule's ``tokens`` (literal phrases, matched between word bounds) and ``patterns``
  (regular expressions) become one pattern, compiled by ``rule_regex`` (RE2, linear time),
  only when first searched with (most rules never are, on most documents);
- a case-insensitive pattern is rewritten to run case-sensitively over folded text
  (``casefold``), which is faster and finds the same spans;
- the pattern's needles (``needles``: literal text every match contains) rule documents and
  segments out before the pattern runs. The needles of every matcher of a rule set are filed
  in one ``NeedleIndex`` by an anchor word: one intersection of the index's anchors with a
  document's words serves every rule, and a rule none of whose anchors is in the document
  costs one dictionary lookup;
- what is derived from a document (its scopes, folded text, words, needle scans) is kept on
  the document's ``scopes.View``, shared by every rule and gone with the document.

Every trick only rules text *out* where no match can be: ``search`` (one segment, no trick but
folding) finds the same matches, and the tests compare the two on real and generated text.
"""

from __future__ import annotations

import re

from seolint.match import rule_regex
from seolint.match.casefold import fold_pattern
from seolint.match.needles import Needles, needles
from seolint.match.scopes import Scope, Segment, View, view

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

    from seolint.model.document import Document

    Hit = tuple[int, Segment, int, int]
    Filed = tuple[tuple[str, ...], tuple[str, ...]]  # a group's needle texts, loose texts
    Paired = tuple["Matcher", Filed, frozenset[str] | None]  # a group filed by a second word

_EARLY = 3  # segments searched as they are before the needles are located (``first``)


class Matcher:
    """What every matcher has: its pattern's parts (``bounded``: phrases matched between word
    bounds, ``plain``: raw patterns, in Python's syntax, see ``rule_regex``) under ``flags``,
    compiled on first use, and its needles, filed in a ``NeedleIndex``."""

    __slots__ = ("bounded", "plain", "flags", "needles", "index", "_regex")

    def __init__(
        self, bounded: str | None, plain: str | None, flags: int, found: Needles | None
    ) -> None:
        self.bounded = bounded
        self.plain = plain
        self.flags = flags
        self.needles = found
        self._regex: Any = None  # compiled on first use
        # Filed with the others' by a rule set; a matcher used alone files itself when first
        # asked (a rule set's matchers never are: filing them alone would be work thrown away).
        self.index: NeedleIndex | None = None

    def state(self) -> list[Any]:
        """What the rule cache stores (plain values); ``restore`` makes the matcher again."""
        found = self.needles.state() if self.needles is not None else None
        return [type(self).__name__, self.bounded, self.plain, self.flags, found]

    def _present(self, v: View, doc: Document, scope: Scope) -> list[tuple[str, ...]] | None:
        """The needle groups that a scope holds (a match needs one); None when the pattern
        has no needles, so that it may match anywhere."""
        if self.needles is None:
            return None
        index = self.index
        if index is None:
            index = NeedleIndex((self,))
        scan = scope.scans.get(index)
        groups = (scope.scan(v, doc, index) if scan is None else scan).get(self)
        if not groups:
            return []
        exact = scope.exact  # its words are its own: a needle that is one word is there
        if scope.small:  # a sentence or so: each needle looked for in its text at once
            held = scope.texts()
            return [
                texts
                for texts, loose in groups
                if all(any(n in t for t in held) for n in (loose if exact else texts))
            ]
        seen = scope.seen
        found = []
        for texts, loose in groups:
            for needle in loose if exact else texts:
                hit = seen.get(needle)
                if not (scope.holds(needle) if hit is None else hit):
                    break
            else:
                found.append(texts)
        return found


class PhraseMatcher(Matcher):
    """A rule's phrases and patterns, and how to find them in a document; ``folded``, when
    not None, is the pattern's two parts rewritten for folded text, which is then what is
    searched."""

    __slots__ = ("folded", "sure")

    def __init__(
        self,
        bounded: str | None,
        plain: str | None,
        flags: int,
        folded: tuple[str | None, str | None] | None,
        found: Needles | None,
        sure: tuple[str, ...] = (),
    ) -> None:
        super().__init__(bounded, plain, flags, found)
        self.folded = folded
        self.sure = sure  # words each of which alone is a match (``certain``)

    @classmethod
    def phrases(
        cls, tokens: list[str], patterns: list[str], ignorecase: bool, key: str
    ) -> PhraseMatcher:
        """Literal phrases (matched as whole words) and patterns; ``rule_regex.PatternError``
        (its ``option`` naming the option at fault) for a pattern RE2 cannot run."""
        bounded, plain = _parts(tokens, patterns, key)
        flags = re.IGNORECASE if ignorecase else 0
        folded = _fold(bounded, plain) if ignorecase else None
        if folded is not None:
            try:
                # Only the folded pattern is searched with: only it is compiled. The original
                # has the same structure (it is valid exactly when the folded one is).
                compiled = rule_regex.compile(*folded)
            except rule_regex.PatternError:
                folded = None  # the original's own error is reported below
        if folded is None:
            compiled = _checked(bounded, plain, flags, patterns, key)
        sure = sure_words(patterns) if ignorecase else ()
        matcher = cls(bounded, plain, flags, folded, _needles(bounded, plain, flags), sure)
        matcher._regex = compiled
        return matcher

    @classmethod
    def words(cls, pattern: str, ignorecase: bool, key: str) -> PhraseMatcher:
        """One pattern matched between word bounds, as it is (not folded)."""
        flags = re.IGNORECASE if ignorecase else 0
        try:
            rule_regex.check(pattern, flags)
        except rule_regex.PatternError as exc:
            raise _error(key, exc) from None
        bounded = f"(?:{pattern})"
        return cls(bounded, None, flags, None, _needles(bounded, None, flags))

    def matches(self, doc: Document, scope: str, first: bool = False) -> Iterator[Hit]:
        """The matches in a scope of a document, in order: the index of the segment, the
        segment, and where the match begins and ends in its text. With ``first``, the caller
        is likely to stop after the first few: the first segments are then searched before
        the needles are located in the others (hits tend to come early)."""
        v = view(doc)
        s = v.scope(doc, scope)
        pieces = s.segments
        groups = self._present(v, doc, s) if pieces.size else []
        if groups is not None and not groups:
            return ()  # (most rules, on most documents: no generator is made)
        if groups is None or s.small:
            order: Iterable[int] = range(pieces.size)
        elif first:
            order = _early_first(s, groups)
        else:
            order = sorted(s.places(groups))
        return self._hits(s, order)

    def _hits(self, scope: Scope, order: Iterable[int]) -> Iterator[Hit]:
        pieces = scope.segments
        search = self._search
        for i in order:
            seg = pieces[i]
            for start, end in search(seg, scope, i):
                yield i, seg, start, end

    def certain(self, doc: Document, scope: str) -> bool:
        """Whether the pattern surely matches in a scope of paragraphs or sentences, known
        without searching: one of its ``sure`` words is among the words of the prose (which
        ``sure_words`` makes a match wherever it is)."""
        if not self.sure or scope not in _PROSE_SCOPES:
            return False
        words = view(doc).words(doc, "prose")
        return words is not None and any(word in words for word in self.sure)

    def search(self, doc: Document, scope: str, index: int) -> Iterator[tuple[int, int]]:
        """The matches in one segment of a scope (start and end in its text), found by
        running the pattern over it: what ``matches`` gives, without ruling anything out."""
        s = view(doc).scope(doc, scope)
        return self._search(s.segments[index], s, index)

    def state(self) -> list[Any]:
        return [*super().state(), self.folded, list(self.sure)]

    def _search(self, seg: Segment, scope: Scope, index: int) -> Iterator[tuple[int, int]]:
        regex = self._regex
        if regex is None:
            if self.folded is not None:
                regex = self._regex = rule_regex.compile(*self.folded)
            else:
                regex = self._regex = rule_regex.compile(self.bounded, self.plain, self.flags)
        return regex.spans(seg.text if self.folded is None else scope.folded(index))


def _early_first(scope: Scope, groups: list[tuple[str, ...]]) -> Iterator[int]:
    """The first few segments that hold one group's needles (looked for in each alone, which
    costs less than a search), then the others that hold them, located in the whole prose."""
    for i in range(min(scope.segments.size, _EARLY)):
        text = scope.folded(i)
        if any(all(needle in text for needle in group) for group in groups):
            yield i
    yield from (i for i in sorted(scope.places(groups)) if i >= _EARLY)


class WholeMatcher(Matcher):
    """Phrases and patterns that must make up a whole text (a heading, a line), optionally
    with non-word characters around them (``padded``); never folded."""

    __slots__ = ("padded",)

    def __init__(
        self,
        bounded: str | None,
        plain: str | None,
        flags: int,
        found: Needles | None,
        padded: bool,
    ) -> None:
        super().__init__(bounded, plain, flags, found)
        self.padded = padded

    @classmethod
    def lines(
        cls, tokens: list[str], patterns: list[str], ignorecase: bool, key: str, padded: bool
    ) -> WholeMatcher:
        """Phrases and patterns a whole text must match (``PhraseMatcher.phrases``)."""
        bounded, plain = _parts(tokens, patterns, key)
        flags = re.IGNORECASE if ignorecase else 0
        regex = rule_regex.whole(_checked(bounded, plain, flags, patterns, key), padded)
        return cls(bounded, plain, flags, needles(regex.pattern, flags), padded)

    def fullmatch(self, text: str) -> bool:
        """Whether the phrases make up the whole text."""
        if self._regex is None:
            self._regex = rule_regex.Whole(self.bounded, self.plain, self.flags, self.padded)
        return self._regex.match(text)

    def whole_segments(self, doc: Document, scope: str) -> Iterator[tuple[Segment, str]]:
        """The segments of a scope whose text, stripped, the phrases make up whole, with that
        text."""
        v = view(doc)
        s = v.scope(doc, scope)
        pieces = s.segments
        groups = self._present(v, doc, s) if pieces.size else []
        if groups is None:
            order: Iterable[int] = range(pieces.size)
        else:
            order = sorted(s.places(groups)) if groups else ()
        for i in order:
            seg = pieces[i]
            text = seg.text.strip()
            if self.fullmatch(text):
                yield seg, text

    def state(self) -> list[Any]:
        return [*super().state(), self.padded]


def restore(state: list[Any]) -> Matcher:
    """A matcher from its ``state()``, without compiling or analysing anything again."""
    name, bounded, plain, flags, found, last, *more = state
    needles_ = Needles.restore(found) if found is not None else None
    if name == WholeMatcher.__name__ and not more:
        return WholeMatcher(bounded, plain, flags, needles_, last)
    if name != PhraseMatcher.__name__ or len(more) != 1:
        raise ValueError(f"not a matcher: {name!r}")
    folded = tuple(last) if last else None
    return PhraseMatcher(bounded, plain, flags, folded, needles_, tuple(more[0]))


class NeedleIndex:
    """The needle groups of many matchers (a rule set's), filed by anchor word.

    A group is filed under one of its whole words, its anchor: the longest (long words are
    the rarer), and under it by the next longest, if it has more. A scan of a document's
    words intersects them with the anchors once and hands each matcher its groups all of
    whose words are there: one pass serves every rule, and a rule with none of its anchors in
    the document costs a dictionary lookup."""

    __slots__ = ("filed", "anchors", "unanchored", "everything")

    def __init__(self, matchers: Iterable[Matcher]) -> None:
        # Under each anchor: its groups that have no other word (the matcher, the group's
        # needle texts and loose texts), and by a second word, the longest of the others, its
        # groups with that word (the matcher, the texts, and the words left, None for none).
        # Many groups share an anchor ("said", with each of a dozen subjects): a scan looks
        # each second word up once, not every group's words.
        self.filed: dict[str, tuple[list[tuple[Matcher, Filed]], dict[str, list[Paired]]]] = {}
        self.unanchored: dict[Matcher, list[Filed]] = {}
        self.everything: dict[Matcher, list[Filed]] = {}  # for text without words
        for matcher in matchers:
            matcher.index = self
            for texts, words, loose in matcher.needles.groups if matcher.needles else ():
                group = (texts, loose)
                self.everything.setdefault(matcher, []).append(group)
                if not words:
                    self.unanchored.setdefault(matcher, []).append(group)
                    continue
                # Longest first (long words are the rarer), then in alphabetical order.
                anchor, *others = sorted(sorted(words), key=len, reverse=True)
                alone, paired = self.filed.setdefault(anchor, ([], {}))
                if others:
                    left = frozenset(others[1:]) or None
                    paired.setdefault(others[0], []).append((matcher, group, left))
                else:
                    alone.append((matcher, group))
        self.anchors = frozenset(self.filed)

    def scan(self, words: Any) -> dict[Matcher, list[Filed]]:
        """For each matcher, the needle texts and loose texts of its groups all of whose words
        are among ``words`` (of every group for None: no words to look in)."""
        if words is None:
            return self.everything
        found = {matcher: list(groups) for matcher, groups in self.unanchored.items()}
        filed = self.filed
        # (A set's intersection with a dictionary's keys goes over the keys, a lookup each:
        # more than twice as fast as the keys' intersection with the set.)
        for anchor in self.anchors.intersection(words):
            alone, paired = filed[anchor]
            for matcher, group in alone:
                mine = found.get(matcher)
                if mine is None:
                    found[matcher] = [group]
                else:
                    mine.append(group)
            for second, groups in paired.items():
                if second not in words:
                    continue
                for matcher, group, left in groups:
                    if left is None or left <= words:
                        mine = found.get(matcher)
                        if mine is None:
                            found[matcher] = [group]
                        else:
                            mine.append(group)
        return found


# A raw pattern that is one word, or an alternation of literal words and phrases, between
# RE2's word bounds: each of its single words alone is a match.
_SURE_SHAPE = re.compile(r"\\b(?:\(\?:([a-z |]+)\)|([a-z]+))\\b")
# The scopes whose pieces are the paragraphs or their sentences: the prose's words are theirs.
_PROSE_SCOPES = frozenset(("sentence", "paragraph", "body"))


def sure_words(patterns: list[str]) -> tuple[str, ...]:
    """The words that make a match of case-insensitive ``patterns`` wherever the prose's word
    set (``seolint.match.scopes``) holds one: the single words of a pattern written
    ``\\b(?:said|says|according to)\\b`` or ``\\bsaid\\b``. That set holds the runs of ASCII
    letters that RE2's ASCII word bounds (``\\b``) enclose in the prose, and those only (it is
    None where folding would move them), so each such word is a match of the pattern."""
    found: list[str] = []
    for pattern in patterns:
        shape = _SURE_SHAPE.fullmatch(pattern)
        if shape is not None:
            found += [w for w in (shape.group(1) or shape.group(2)).split("|") if w.isalpha()]
    return tuple(dict.fromkeys(found))


def _parts(tokens: list[str], patterns: list[str], key: str) -> tuple[str | None, str | None]:
    """A phrase rule's pattern in two parts: its literal phrases, as one alternation to match
    between word bounds, and its raw patterns, as one alternation (None for a missing part)."""
    words = []
    for token in tokens:
        escaped = re.escape(token.strip())
        words.append(re.sub(r"(?:\\ )+", r"\\s+", escaped).replace("'", "['’]"))
    if not words and not patterns:
        raise _error(key, "give at least one entry in 'tokens' or 'patterns'", own=True)
    bounded = "|".join(words) if words else None
    plain = "|".join(f"(?:{p})" for p in patterns) if patterns else None
    return bounded, plain


def _fold(bounded: str | None, plain: str | None) -> tuple[str | None, str | None] | None:
    """Both parts rewritten for folded text, or None when one cannot be."""
    parts = (bounded, plain)
    folded = tuple(fold_pattern(part) if part is not None else None for part in parts)
    if any(new is None and old is not None for new, old in zip(folded, parts, strict=True)):
        return None
    return folded  # type: ignore[return-value]


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
                raise _error(_pattern_key(key), own) from None
        raise _error(_pattern_key(key), exc) from None


def _error(key: str, reason: object, own: bool = False) -> rule_regex.PatternError:
    error = rule_regex.PatternError(str(reason) if own else f"bad regular expression {reason}")
    error.option = key
    return error


def _pattern_key(key: str) -> str:
    return "patterns" if key == "tokens" else key


def _needles(bounded: str | None, plain: str | None, flags: int) -> Needles | None:
    return needles(rule_regex.python_syntax(bounded, plain), flags)
