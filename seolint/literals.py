"""Literal needles of a regular expression: a cheap test that rules a text out before the regex.

Every match of a phrase rule's regex contains one of a few literal strings (``"chapter"``
for the token ``a new chapter``). Looking for those with ``str.find`` over a whole document
is much cheaper than running the regex over every sentence, and most documents contain none,
so most rules never run their regex at all. The test only ever rules texts *out*: when a
needle is present the regex runs exactly as before, so the findings are the same.
"""

from __future__ import annotations

import re
from bisect import bisect_right

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

try:  # Python 3.11 and later
    from re import _constants as _c
    from re import _parser
    from re._casefix import _EXTRA_CASES
except ImportError:  # Python 3.10: only ASCII literals become needles
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

    _EXTRA_CASES = None

# Non-ASCII characters that IGNORECASE matches to an ASCII letter (Python's re module).
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
_SHORTEST = 2  # ASCII needles shorter than this rule out too little to be worth testing
_MOST_GROUPS = 64  # alternatives of needle groups kept for one regex


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


def fold(text: str) -> str:
    """Text as needles are compared with it: lower case, letters IGNORECASE equates folded."""
    if not text.isascii():
        for char, letter in _FOLD:
            if char in text:
                text = text.replace(char, letter)
    return text.lower()


Groups = list[tuple[str, ...]]  # any one group, all of whose strings are present


class Haystack:
    """A folded text that remembers which needles it holds: rules that look for the same
    needle in the same text search it once."""

    __slots__ = ("text", "_seen")

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[str, bool] = {}

    def __contains__(self, needle: str) -> bool:
        found = self._seen.get(needle)
        if found is None:
            found = self._seen[needle] = needle in self.text
        return found


class Needles:
    """Groups of needles: a text may match when it contains every needle of one group."""

    def __init__(self, groups: Groups) -> None:
        # The longest needle first: it is the likeliest to be missing and end the group.
        self.groups = [sorted(set(group), key=len, reverse=True) for group in groups]
        # Groups by their first needle, so that each first needle is looked for only once.
        self.by_first: dict[str, list[list[str]]] = {}
        for group in self.groups:
            self.by_first.setdefault(group[0], []).append(group[1:])

    def present(self, text: Haystack) -> bool:
        """Whether a folded text contains one group (so the regex may match in it)."""
        for first, rests in self.by_first.items():
            if first in text:
                for rest in rests:
                    if all(needle in text for needle in rest):
                        return True
        return False

    def present_groups(self, text: Haystack) -> list[tuple[str, list[list[str]]]]:
        """The groups a folded text contains, as (first needle, the rest of each group)."""
        found = []
        for first, rests in self.by_first.items():
            if first in text:
                held = [rest for rest in rests if all(needle in text for needle in rest)]
                if held:
                    found.append((first, held))
        return found

    @staticmethod
    def places(text: str, starts: list[int], groups: list[tuple[str, list[list[str]]]]) -> set[int]:
        """Indexes of the pieces of ``text`` (beginning at ``starts``) that contain one of
        ``groups`` (from ``present_groups``)."""
        ends = [start - 1 for start in starts[1:]] + [len(text)]  # pieces are joined by "\n"
        find = text.find
        out: set[int] = set()
        for first, rests in groups:
            # The few pieces that hold the first needle; the rest are looked for in those only.
            head = _pieces(text, first, starts)
            for rest in rests:
                out.update(
                    i
                    for i in head
                    if all(find(needle, starts[i], ends[i]) != -1 for needle in rest)
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
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a private parser that changed shape: simply do not filter
        return None
    groups = _sequence(list(tree))
    return Needles(groups) if groups else None


def _sequence(items: list[tuple[Any, Any]]) -> Groups | None:
    """Needles of a sequence: all of its literal runs, and the best of its alternations."""
    required: list[str] = []
    choices: list[Groups] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and _plain(av):
            run.append(chr(av).lower())
            continue
        required.append("".join(run))
        run = []
        part = _item(op, av)
        if part is None:
            continue
        if len(part) == 1:
            required.extend(part[0])
        else:
            choices.append(part)
    required.append("".join(run))
    found: Groups = [tuple(n for n in required if len(n) >= _SHORTEST or not n.isascii())]
    for choice in sorted(choices, key=_weakest, reverse=True):
        if found == [()] or len(found) * len(choice) <= _MOST_GROUPS:  # while it stays small
            found = [(*mine, *theirs) for mine in found for theirs in choice]
    found = [tuple(dict.fromkeys(group)) for group in found]
    return found if all(found) else None


def _weakest(found: Groups) -> int:
    return min(sum(len(n) for n in group) for group in found)


def _item(op: Any, av: Any) -> Groups | None:
    """Needles of one item (None when it may match without any)."""
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.BRANCH:
        found: Groups = []
        for branch in av[1]:
            part = _sequence(list(branch))
            if part is None:
                return None
            found.extend(part)
        return found
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))
    return None
