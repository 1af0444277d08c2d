r"""Literal needles of a regular expression: a cheap test that rules a text out before the regex.

Every match of a phrase rule's regex contains one of a few literal strings (``"chapter"``
for the token ``a new chapter``). Looking for those over a whole document is much cheaper
than running the regex over every sentence, and most documents contain none, so most rules
never run their regex at all. Where the regex guarantees a word boundary around a needle
(``\b``, ``\s``, ``(?<![\w-])``...), its whole words are looked up in the document's set of
words first, which is cheaper still. The test only ever rules texts *out*: when the needles
are present the regex runs exactly as before, so the findings are the same.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from seolint.match.sre_internals import INTERNALS

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet
    from typing import Any

# CPython's regex parser and tables, through their one adapter; None (no needles at all) when
# they are missing or changed shape.
_parser = INTERNALS.parser if INTERNALS else None
_c: Any = INTERNALS.constants if INTERNALS else None
_EXTRA_CASES = INTERNALS.extra_cases if INTERNALS else None

# Non-ASCII characters that IGNORECASE matches to an ASCII letter (Python's re module).
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
_SHORTEST = 2  # ASCII letters and digits rule out too little alone to be worth testing
_MOST_GROUPS = 64  # alternatives of needle groups kept for one regex
_MOST_LETTERS = 4  # classes of at most this many characters are spelled out


def _plain(code: int) -> bool:
    """Whether a literal character can be part of a needle: ASCII, or a character that every
    text character IGNORECASE equates with it folds to (not "σ"/"ς", "İ", the Kelvin sign...)."""
    if code < 128:
        return True
    if _EXTRA_CASES is None:
        return False
    char = chr(code)
    lower = char.lower()
    return (
        len(lower) == 1
        and not lower.isascii()
        and code not in _EXTRA_CASES
        and ord(lower) not in _EXTRA_CASES
        and all(char != c for c, _ in _FOLD)
    )


def unfolded(text: str) -> bool:
    """Whether folding a text only lower-cases it (it has no character that folds otherwise)."""
    return all(char not in text for char, _ in _FOLD)


def fold(text: str) -> str:
    """Text as needles are compared with it: lower case, letters IGNORECASE equates folded."""
    if not text.isascii():
        for char, letter in _FOLD:
            if char in text:
                text = text.replace(char, letter)
    return text.lower()


# A needle: a literal string every match contains, and whether the characters just before and
# just after it are sure to be non-word characters (or the text's edge).
Needle = tuple[str, bool, bool]
Groups = list[tuple[Needle, ...]]  # any one group, all of whose needles are present
_WORD_CHAR = re.compile(r"\w")
_RUN = re.compile(r"\w+")


def word_set(text: str) -> frozenset[str]:
    """The words (runs of word characters) of a folded text."""
    return frozenset(_RUN.findall(text))


@lru_cache(maxsize=4096)  # the needles of a regex's groups repeat across its groups
def words_of(needle: Needle) -> tuple[str, ...]:
    """The whole words of a needle: runs of word characters with a non-word character (or a
    bounded edge) on both sides. Where the regex matches, each is a word of the text. (Runs of
    underscores are left out: the prose's word set does not hold them.)"""
    text, left, right = needle
    return tuple(
        m.group()
        for m in _RUN.finditer(text)
        if (m.start() > 0 or left) and (m.end() < len(text) or right) and m.group().strip("_")
    )


class Haystack:
    """A folded text and its set of words (or a larger one), which remembers which needles it
    holds: rules that look for the same needle in the same text search it once."""

    __slots__ = ("text", "words", "_seen")

    def __init__(self, text: str, words: AbstractSet[str]) -> None:
        self.text = text
        self.words = words
        self._seen: dict[str, bool] = {}

    def __contains__(self, needle: str) -> bool:
        found = self._seen.get(needle)
        if found is None:
            found = self._seen[needle] = needle in self.text
        return found


class Needles:
    """Groups of needles: a text may match when it contains every needle of one group.

    The whole words of a group's needles are first looked up in the text's set of words,
    which is cheap and rules most groups out; only then are its needles searched for. Each
    group is filed under one of its whole words (its anchor), so that a text's words pick out
    the groups worth a closer look in one set intersection."""

    def __init__(self, groups: Groups) -> None:
        # Each group as its needles' texts (longest first: the likeliest to be missing) and
        # whole words; filed under its longest whole word, or kept aside when it has none.
        self.anchored: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
        self.unanchored: list[tuple[tuple[str, ...], frozenset[str]]] = []
        for group in groups:
            texts = tuple(sorted({n[0] for n in group}, key=len, reverse=True))
            words = frozenset(w for needle in group for w in words_of(needle))
            if words:
                anchor = max(sorted(words), key=len)
                self.anchored.setdefault(anchor, []).append((texts, words))
            else:
                self.unanchored.append((texts, words))
        self.anchors = frozenset(self.anchored)

    def state(self) -> list[list[Any]]:
        """The groups as plain lists (texts, words, anchor), for the rule cache."""
        filed = [(a, g) for a, found in self.anchored.items() for g in found]
        filed += [("", g) for g in self.unanchored]
        return [[list(texts), sorted(words), anchor] for anchor, (texts, words) in filed]

    @classmethod
    def restore(cls, state: list[list[Any]]) -> Needles:
        """Needles from ``state()``, without working the groups out again."""
        found = object.__new__(cls)
        found.anchored, found.unanchored = {}, []
        for texts, words, anchor in state:
            group = (tuple(texts), frozenset(words))
            if anchor:
                found.anchored.setdefault(anchor, []).append(group)
            else:
                found.unanchored.append(group)
        found.anchors = frozenset(found.anchored)
        return found

    def present(self, text: Haystack) -> bool:
        """Whether a folded text contains one group (so the regex may match in it)."""
        return bool(self.present_groups(text, first_only=True))

    def present_groups(self, text: Haystack, first_only: bool = False) -> list[tuple[str, ...]]:
        """The groups (as their needles' texts) that a folded text contains."""
        words = text.words
        found = []
        for texts, need in self._possible(words):
            if need <= words and all(needle in text for needle in texts):
                found.append(texts)
                if first_only:
                    break
        return found

    def _possible(self, words: AbstractSet[str]) -> list[tuple[tuple[str, ...], frozenset[str]]]:
        anchored = self.anchored
        possible = [group for anchor in self.anchors & words for group in anchored[anchor]]
        return self.unanchored + possible if self.unanchored else possible

    @staticmethod
    def places(text: str, starts: list[int], groups: list[tuple[str, ...]]) -> set[int]:
        """Indexes of the pieces of ``text`` (beginning at ``starts``) that contain one of
        ``groups`` (from ``present_groups``)."""
        ends = [start - 1 for start in starts[1:]] + [len(text)]  # pieces are joined by "\n"
        find = text.find
        heads: dict[str, set[int]] = {}
        out: set[int] = set()
        for first, *rest in groups:
            # The few pieces that hold the first needle; the rest are looked for in those only.
            head = heads.get(first)
            if head is None:
                head = heads[first] = _pieces(text, first, starts)
            out.update(
                i for i in head if all(find(needle, starts[i], ends[i]) != -1 for needle in rest)
            )
        return out


def _pieces(text: str, needle: str, starts: list[int]) -> set[int]:
    """Indexes of the pieces in which a needle begins."""
    found = set()
    at = text.find(needle)
    while at != -1:
        found.add(bisect_right(starts, at) - 1)
        at = text.find(needle, at + 1)
    return found


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """The needles every match of ``pattern`` contains (None when nothing useful is known)."""
    if _parser is None:
        return None
    try:
        groups = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)), False, False)
    except Exception:  # a private parser that changed shape: simply do not filter
        return None
    return Needles(groups) if groups else None


def _sequence(items: list[tuple[Any, Any]], left: bool, right: bool) -> Groups | None:
    """Needles of a sequence: all of its literal runs, and the best of its alternations.

    ``left`` and ``right``: whether the text is sure to hold a non-word character (or its
    edge) just before and just after the sequence, where a word character meets it."""
    spelled = _spell_out(items, left, right)
    if spelled is not None:
        return spelled
    required: list[Needle] = []
    choices: list[Groups] = []
    run: list[str] = []
    run_left = before = left  # ``before``: a non-word character precedes this position
    for index, (op, av) in enumerate(items):
        if op is _c.LITERAL and _plain(av):
            if not run:
                run_left = before
            run.append(chr(av).lower())
            before = not _WORD_CHAR.match(chr(av))
            continue
        after = _bounded_ahead(items[index:], right)
        required.append(("".join(run), run_left, after))
        run = []
        part = _item(op, av, before, _bounded_ahead(items[index + 1 :], right))
        before = _bounded_after(op, av, before)
        if part is None:
            continue
        if len(part) == 1:
            required.extend(part[0])
        else:
            choices.append(part)
    required.append(("".join(run), run_left, right))
    found: Groups = [tuple(n for n in required if _worth_testing(n[0]))]
    for choice in sorted(choices, key=_weakest, reverse=True):
        if found == [()] or len(found) * len(choice) <= _MOST_GROUPS:  # while it stays small
            found = [(*mine, *theirs) for mine in found for theirs in choice]
    found = [tuple(dict.fromkeys(group)) for group in found]
    return found if all(found) else None


def _spell_out(items: list[tuple[Any, Any]], left: bool, right: bool) -> Groups | None:
    """Needles of a sequence with a small class of letters (``utili[sz]e``) spelled out once
    per letter ("utilise", "utilize"), or an optional letter (``rumou?red``, ``conclusions?``)
    with and without it, which keeps each whole word whole; None when the sequence has no
    such item or its spellings give no needles."""
    for index, item in enumerate(items):
        spellings = _spellings(*item)
        if spellings is None:
            continue
        found: Groups = []
        for spelling in spellings:
            part = _sequence([*items[:index], *spelling, *items[index + 1 :]], left, right)
            if part is None:
                return None
            found.extend(part)
        return found if len(found) <= _MOST_GROUPS else None
    return None


def _spellings(op: Any, av: Any) -> list[list[tuple[Any, Any]]] | None:
    """The ways to spell out an item: each letter of a small class of letters, or an optional
    letter present and absent; None for any other item."""
    if (
        op is _c.IN
        and 1 < len(av) <= _MOST_LETTERS
        and all(o is _c.LITERAL and _plain(a) for o, a in av)
    ):
        return [[(_c.LITERAL, letter)] for _, letter in av]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1 and len(av[2]) == 1:
        ((inner_op, letter),) = list(av[2])
        if inner_op is _c.LITERAL and _plain(letter):
            return [[(_c.LITERAL, letter)], []]
    return None


def _worth_testing(needle: str) -> bool:
    """Long enough, or one rarer character than an ASCII letter, digit or space (a quote)."""
    if len(needle) >= _SHORTEST:
        return True
    return needle.strip() != "" and not (needle.isascii() and needle.isalnum())


def _weakest(found: Groups) -> int:
    return min(sum(len(n[0]) for n in group) for group in found)


def _item(op: Any, av: Any, left: bool, right: bool) -> Groups | None:
    """Needles of one item (None when it may match without any)."""
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]), left, right)
    if op is _c.BRANCH:
        found: Groups = []
        for branch in av[1]:
            part = _sequence(list(branch), left, right)
            if part is None:
                return None
            found.extend(part)
        return found
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]), False, False)
    return None


def _non_word_class(op: Any, av: Any) -> bool:
    """Whether a one-character item only ever matches a non-word character."""
    if op is _c.LITERAL:
        return not _WORD_CHAR.match(chr(av))
    if op is _c.IN:
        return all(
            (o is _c.LITERAL and not _WORD_CHAR.match(chr(a)))
            or (o is _c.CATEGORY and a in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD))
            for o, a in av
        )
    return False


def _excludes_word(av: Any, direction: int) -> bool:
    """Whether ``(?<!...)`` / ``(?!...)`` with these contents rules out a word character."""
    if av[0] != direction or len(av[1]) != 1:
        return False
    op, members = av[1][0]
    return op is _c.IN and (_c.CATEGORY, _c.CATEGORY_WORD) in members


def _bounded_ahead(items: list[tuple[Any, Any]], right: bool) -> bool:
    """Whether, after a word character, the text at the start of ``items`` is sure to be a
    non-word character or the end of the text."""
    if not items:
        return right
    (op, av), rest = items[0], items[1:]
    if op is _c.AT:
        if av in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING):
            return True
        return av is not _c.AT_NON_BOUNDARY and _bounded_ahead(rest, right)
    if op is _c.ASSERT_NOT:
        return _excludes_word(av, 1) or _bounded_ahead(rest, right)
    if op is _c.ASSERT:
        return _bounded_ahead(rest, right)
    if op is _c.SUBPATTERN:
        return _bounded_ahead(list(av[-1]) + rest, right)
    if op is _c.BRANCH:
        return all(_bounded_ahead(list(branch) + rest, right) for branch in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        content = _bounded_ahead(list(av[2]), False)
        return content and (av[0] >= 1 or _bounded_ahead(rest, right))
    return _non_word_class(op, av)


def _bounded_after(op: Any, av: Any, before: bool) -> bool:
    """Whether, before a word character, the text just after an item is sure to follow a
    non-word character or the start of the text (``before``: so it was before the item)."""
    if op is _c.AT:
        if av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
            return True
        return before and av is not _c.AT_NON_BOUNDARY
    if op is _c.ASSERT_NOT:
        return _excludes_word(av, -1) or before
    if op is _c.ASSERT:
        return before
    if op is _c.SUBPATTERN:
        return _after_sequence(list(av[-1]), before)
    if op is _c.BRANCH:
        return all(_after_sequence(list(branch), before) for branch in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        content = _after_sequence(list(av[2]), False)
        return content and (av[0] >= 1 or before)
    return _non_word_class(op, av)


def _after_sequence(items: list[tuple[Any, Any]], before: bool) -> bool:
    for op, av in items:
        before = _bounded_after(op, av, before)
    return before
