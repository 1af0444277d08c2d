r"""Literal needles of a regular expression: a cheap test that rules a text out before the regex.

Every match of a phrase rule's regex contains one of a few literal strings (``"chapter"``
for the token ``a new chapter``). Looking for those over a whole document is much cheaper
than running the regex over every sentence, and most documents contain none, so most rules
never run their regex at all. Where the regex guarantees a word bound around a needle, its
whole words are looked up in the document's set of words first, which is cheaper still. The
test only ever rules texts *out*: when the needles are present the regex runs exactly as
before, so the findings are the same.

Word bounds come in two strengths, because rule patterns run on RE2 (``rule_regex``): RE2's
``\b`` and ``\W`` know ASCII only ("said" is a whole word in "ésaid" for ``\bsaid\b``),
while the bounds seolint writes around ``tokens`` (``(?<![\w-])``), text edges, spaces and
punctuation hold for every letter. A word bounded the ASCII way counts as whole only when it
is all ASCII; it is then a run of ASCII word characters in the text, and ``words_of_text``
holds those runs as well as the runs of all word characters.

The pattern is read with CPython's private parser (``sre_internals``). Everything about it is
guarded: a pattern the parser reads otherwise than RE2 (a POSIX class), any error, and any
part of the tree of a shape this module does not know give no needles for that pattern (its
regex runs everywhere, as it would without this module), never an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seolint.match.casefold import caseless, folds_alone
from seolint.match.sre_internals import INTERNALS

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

# How sure it is that a word character does not continue a needle's edge in the text.
NONE = 0  # not at all
ASCII = 1  # not an ASCII one (RE2's \b and \W)
ANY = 2  # no word character of any script (edges of the text, spaces, punctuation)

_SHORTEST = 2  # ASCII letters and digits rule out too little alone to be worth testing
_MOST_GROUPS = 256  # alternatives of needle groups kept for one regex
# ... and for a sequence spelled out (an optional letter doubles them: ``(?:reader|fan)s?``)
_MOST_SPELLED = 2 * _MOST_GROUPS
_MOST_JOINED = 64  # alternatives of two alternations side by side made one
_MOST_LETTERS = 4  # classes of at most this many characters are spelled out

# A needle: a literal string every match contains, and how sure it is that the characters
# just before and just after it are not word characters (NONE, ASCII or ANY).
Needle = tuple[str, int, int]
Groups = list[tuple[Needle, ...]]  # any one group, all of whose needles are present
# A group as filed: its needles' texts, their whole words, its loose texts.
Group = tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]
# A POSIX class, which Python reads otherwise than RE2 ("[[:alpha:]]" is a class of letters to
# RE2, a class of "[", ":", "a"... and a "]" to Python): no needles for such a pattern.
_POSIX_CLASS = re.compile(r"\[:\^?[A-Za-z]+:\]")
_WORD_CHAR = re.compile(r"\w")
_RUN = re.compile(r"\w+")
_ASCII_RUN = re.compile(r"[A-Za-z0-9_]+")


class _Unknown(Exception):
    """A part of the parse tree of a shape this module does not know."""


def words_of_text(folded: str) -> frozenset[str]:
    """The words of a folded text as needles' whole words are looked up in it: its runs of
    word characters, and the runs of ASCII word characters inside those that are not ASCII."""
    return frozenset(with_ascii_runs(_RUN.findall(folded)))


def with_ascii_runs(words: Iterable[str]) -> list[str]:
    """Words, and the runs of ASCII word characters inside each that is not all ASCII."""
    words = list(words)
    extra = [run for word in words if not word.isascii() for run in _ASCII_RUN.findall(word)]
    return words + extra if extra else words


@lru_cache(maxsize=4096)  # the needles of a regex's groups repeat across its groups
def words_of(needle: Needle) -> tuple[str, ...]:
    """The whole words of a needle: runs of word characters with a non-word character (or a
    bounded edge) on both sides. Where the regex matches, each is a word of the text, as
    ``words_of_text`` gives them. (Runs of underscores are left out: the prose's word set
    does not hold them.)"""
    text, left, right = needle
    found = []
    for m in _RUN.finditer(text):
        word = m.group()
        if not word.strip("_"):
            continue
        bounds = (left if m.start() == 0 else ANY, right if m.end() == len(text) else ANY)
        if min(bounds) == ANY or (min(bounds) == ASCII and _ASCII_RUN.fullmatch(word)):
            found.append(word)
    return tuple(found)


class Needles:
    """Groups of needles: a text may match when it contains every needle of one group.

    Each group is its needles' texts (longest first: the likeliest to be missing), their
    whole words, and its loose texts: those that are not one whole word (a text that holds the
    words holds the others). The words are looked up in a text's set of words first, which is
    cheap and rules most groups out (``seolint.match.phrases.NeedleIndex``)."""

    __slots__ = ("groups",)

    def __init__(self, groups: list[Group]) -> None:
        self.groups = groups

    @classmethod
    def of(cls, groups: Groups) -> Needles:
        filed = []
        for group in groups:
            texts = tuple(sorted({n[0] for n in group}, key=len, reverse=True))
            words = frozenset(w for needle in group for w in words_of(needle))
            whole = {n[0] for n in group if words_of(n) == (n[0],)}
            filed.append((texts, words, tuple(t for t in texts if t not in whole)))
        return cls(filed)

    def state(self) -> list[list[Any]]:
        """The groups as plain lists, for the rule cache."""
        return [[list(texts), sorted(words), list(loose)] for texts, words, loose in self.groups]

    @classmethod
    def restore(cls, state: list[list[Any]]) -> Needles:
        """Needles from ``state()``, without working the groups out again."""
        return cls([(tuple(t), frozenset(w), tuple(loose)) for t, w, loose in state])


def needles(pattern: str, flags: int) -> Needles | None:
    """The needles every match of a pattern (in Python's syntax) contains; None when nothing
    useful is known, or anything at all goes wrong."""
    if INTERNALS is None or _POSIX_CLASS.search(pattern):
        return None
    try:
        groups = _sequence(_items(INTERNALS.parser.parse(pattern, flags)), NONE, NONE)
        if not groups:
            return None
        return Needles.of([tuple(_checked(needle) for needle in group) for group in groups])
    except Exception:  # a private parser of another shape, or any surprise: do not filter
        return None


def _checked(needle: Any) -> Needle:
    text, left, right = needle
    bounds = (NONE, ASCII, ANY)
    if not (isinstance(text, str) and text and left in bounds and right in bounds):
        raise _Unknown(needle)
    return text, left, right


def _items(items: Any) -> list[tuple[Any, Any]]:
    """A sequence of the parse tree as (opcode, argument) pairs, each checked for shape."""
    out = list(items)
    for item in out:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise _Unknown(item)
    return out


def _c() -> Any:
    return INTERNALS.constants  # type: ignore[union-attr]


def _literal(av: Any) -> str:
    if not isinstance(av, int) or isinstance(av, bool) or not 0 <= av <= 0x10FFFF:
        raise _Unknown(av)
    return chr(av)


def _plain(char: str) -> bool:
    """Whether a literal character can be part of a needle: ASCII, or a character that every
    text character IGNORECASE equates with it folds to."""
    if char.isascii():
        return True
    extra = INTERNALS.extra_cases  # type: ignore[union-attr]
    if not isinstance(extra, dict):
        raise _Unknown(extra)
    return folds_alone(char, extra)


def _non_word(char: str) -> bool:
    """Whether a literal character is sure not to match a word character, in any case."""
    return not _WORD_CHAR.match(char) and caseless(char)


def _sequence(items: list[tuple[Any, Any]], left: int, right: int) -> Groups | None:
    """Needles of a sequence: all of its literal runs, and the best of its alternations.

    ``left`` and ``right``: how sure it is that the text holds a non-word character (or its
    edge) just before and just after the sequence, where a word character meets it."""
    c = _c()
    spelled = _spell_out(items, left, right)
    if spelled is not None:
        return spelled
    items = _joined(items)
    required: list[Needle] = []
    choices: list[Groups] = []
    run: list[str] = []
    run_left = before = left  # ``before``: how sure a non-word character precedes this place
    for index, (op, av) in enumerate(items):
        if op is c.LITERAL and _plain(char := _literal(av)):
            if not run:
                run_left = before
            run.append(char.lower())
            before = ANY if _non_word(char) else NONE
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


def _joined(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The sequence with runs of literal characters next to an alternation of literal words
    moved into each alternative, and two such alternations side by side made one (while it
    has at most ``_MOST_JOINED`` alternatives): ``(?:reader|viewer)s`` read as
    ``(?:readers|viewers)``, ``according to (?:experts|analysts)`` as ``(?:according to
    experts|according to analysts)`` and ``(?:a|one) (?:new|recent) study`` as four phrases.
    The same pattern, whose needles are longer (a phrase is rarer than its words apart) and,
    before a space, whole words."""
    c = _c()
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        words = op is c.BRANCH and _literal_words(av)
        last = out[-1] if out else None
        if last is not None and last[0] is c.BRANCH and _literal_words(last[1]):
            spare, branches = last[1]
            if op is c.LITERAL:
                out[-1] = (c.BRANCH, (spare, [[*branch, (op, av)] for branch in branches]))
                continue
            if words and len(branches) * len(av[1]) <= _MOST_JOINED:
                joined = [[*mine, *theirs] for mine in branches for theirs in av[1]]
                out[-1] = (c.BRANCH, (spare, joined))
                continue
        if words:
            run = len(out)  # the plain literal characters just before the alternation
            while run and out[run - 1][0] is c.LITERAL and _plain(_literal(out[run - 1][1])):
                run -= 1
            if run < len(out):
                prefix = out[run:]
                del out[run:]
                av = (av[0], [[*prefix, *branch] for branch in av[1]])
        out.append((op, av))
    return out


def _literal_words(av: Any) -> bool:
    """Whether each alternative of an alternation is a run of literal characters."""
    c = _c()
    return all(
        branch and all(o is c.LITERAL and _plain(_literal(a)) for o, a in branch)
        for branch in _branches(av)
    )


def _spell_out(items: list[tuple[Any, Any]], left: int, right: int) -> Groups | None:
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
        return found if len(found) <= _MOST_SPELLED else None
    return None


def _spellings(op: Any, av: Any) -> list[list[tuple[Any, Any]]] | None:
    """The ways to spell out an item: each letter of a small class of letters, or an optional
    letter present and absent; None for any other item."""
    c = _c()
    if op is c.IN:
        members = _items(av)
        if 1 < len(members) <= _MOST_LETTERS and all(
            o is c.LITERAL and _plain(_literal(a)) for o, a in members
        ):
            return [[(c.LITERAL, letter)] for _, letter in members]
        return None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, inner = _repeat(av)
        if low == 0 and high == 1 and len(inner) == 1:
            ((inner_op, letter),) = inner
            if inner_op is c.LITERAL and _plain(_literal(letter)):
                return [[(c.LITERAL, letter)], []]
    return None


def _repeat(av: Any) -> tuple[int, Any, list[tuple[Any, Any]]]:
    low, high, inner = av
    if not isinstance(low, int):
        raise _Unknown(av)
    return low, high, _items(inner)


def _subpattern(av: Any) -> list[tuple[Any, Any]]:
    if not isinstance(av, tuple) or not av:
        raise _Unknown(av)
    return _items(av[-1])


def _branches(av: Any) -> list[list[tuple[Any, Any]]]:
    _, branches = av
    return [_items(branch) for branch in branches]


def _worth_testing(needle: str) -> bool:
    """Long enough, or one rarer character than an ASCII letter, digit or space (a quote)."""
    if len(needle) >= _SHORTEST:
        return True
    return needle.strip() != "" and not (needle.isascii() and needle.isalnum())


def _weakest(found: Groups) -> int:
    return min(sum(len(n[0]) for n in group) for group in found)


def _item(op: Any, av: Any, left: int, right: int) -> Groups | None:
    """Needles of one item (None when it may match without any)."""
    c = _c()
    if op is c.SUBPATTERN:
        return _sequence(_subpattern(av), left, right)
    if op is c.BRANCH:
        found: Groups = []
        for branch in _branches(av):
            part = _sequence(branch, left, right)
            if part is None:
                return None
            found.extend(part)
        return found
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, inner = _repeat(av)
        return _sequence(inner, NONE, NONE) if low >= 1 else None
    return None


def _non_word_class(op: Any, av: Any) -> int:
    """How sure it is that a one-character item only ever matches a non-word character."""
    c = _c()
    if op is c.LITERAL:
        return ANY if _non_word(_literal(av)) else NONE
    if op is c.IN:
        sure = ANY
        for o, a in _items(av):
            if o is c.LITERAL and _non_word(_literal(a)):
                continue
            if o is c.CATEGORY and a == c.CATEGORY_SPACE:
                continue  # a space, in either engine's sense
            if o is c.CATEGORY and a == c.CATEGORY_NOT_WORD:
                sure = ASCII  # RE2's \W matches "é"
                continue
            return NONE
        return sure
    return NONE


def _excludes_word(av: Any, direction: int) -> bool:
    """Whether ``(?<!...)`` / ``(?!...)`` with these contents rules out a word character (the
    bounds seolint writes around ``tokens``, which RE2 runs for every script)."""
    c = _c()
    look, inner = av
    inner = _items(inner)
    if look != direction or len(inner) != 1:
        return False
    op, members = inner[0]
    return op is c.IN and (c.CATEGORY, c.CATEGORY_WORD) in _items(members)


def _bounded_ahead(items: list[tuple[Any, Any]], right: int) -> int:
    """After a word character, how sure it is that the text at the start of ``items`` is a
    non-word character or the end of the text."""
    c = _c()
    if not items:
        return right
    (op, av), rest = items[0], items[1:]
    if op is c.AT:
        if av == c.AT_BOUNDARY:
            return ASCII
        if av in (c.AT_END, c.AT_END_STRING):
            return ANY
        return NONE if av == c.AT_NON_BOUNDARY else _bounded_ahead(rest, right)
    if op is c.ASSERT_NOT:
        return max(ANY if _excludes_word(av, 1) else NONE, _bounded_ahead(rest, right))
    if op is c.ASSERT:
        return _bounded_ahead(rest, right)
    if op is c.SUBPATTERN:
        return _bounded_ahead(_subpattern(av) + rest, right)
    if op is c.BRANCH:
        return min(_bounded_ahead(branch + rest, right) for branch in _branches(av))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, inner = _repeat(av)
        content = _bounded_ahead(inner, NONE)
        return content if low >= 1 else min(content, _bounded_ahead(rest, right))
    return _non_word_class(op, av)


def _bounded_after(op: Any, av: Any, before: int) -> int:
    """Before a word character, how sure it is that the text just after an item follows a
    non-word character or the start of the text (``before``: so it was before the item)."""
    c = _c()
    if op is c.AT:
        if av == c.AT_BOUNDARY:
            return ASCII
        if av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
            return ANY
        return NONE if av == c.AT_NON_BOUNDARY else before
    if op is c.ASSERT_NOT:
        return max(ANY if _excludes_word(av, -1) else NONE, before)
    if op is c.ASSERT:
        return before
    if op is c.SUBPATTERN:
        return _after_sequence(_subpattern(av), before)
    if op is c.BRANCH:
        return min(_after_sequence(branch, before) for branch in _branches(av))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, inner = _repeat(av)
        content = _after_sequence(inner, NONE)
        return content if low >= 1 else min(content, before)
    return _non_word_class(op, av)


def _after_sequence(items: list[tuple[Any, Any]], before: int) -> int:
    for op, av in items:
        before = _bounded_after(op, av, before)
    return before
