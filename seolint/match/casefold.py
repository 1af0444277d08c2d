"""Case folding, in one place: of text (for needles and case-insensitive search), of words, and
of case-insensitive regexes into case-sensitive ones over folded text.

Folded text is the text in lower case, with the four characters that IGNORECASE equates with
an ASCII letter though ``str.lower`` does not ("İ", "ı", "ſ" and the Kelvin sign) turned into
that letter. Folding keeps every character in its place and its class (word, digit, space), so
offsets in folded text are offsets in the text.

Python's regex engine cannot skip ahead under IGNORECASE: every literal character is compared
through a case mapping, and an alternation of words is tried branch by branch at every
position. Run over folded text, the same pattern in lower case and without the flag finds the
same spans, and the engine tests each branch's first letter up front: a phrase rule searches
its text about twice as fast (``fold_pattern``).

Only what is sure to mean the same is rewritten: ASCII letters, classes and ranges of them,
characters without case, and the escapes that stand for a class or a symbol. A pattern with
anything else (inline flags, named or numbered groups, escapes such as ``\\x41``, cased
letters outside ASCII, ranges across cases) gets None and runs under IGNORECASE as it is.
"""

from __future__ import annotations

# Non-ASCII characters that IGNORECASE matches to an ASCII letter (Python's re module).
FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
_FOLDED = frozenset(char for char, _ in FOLDS)
_GROUPS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>")  # the "(?" openings kept as they are
_CHARACTER_ESCAPES = frozenset("xuUN0123456789")  # escapes that may stand for a letter


def fold(text: str) -> str:
    """Text folded: lower case, with the letters IGNORECASE equates folded."""
    if not text.isascii():
        for char, letter in FOLDS:
            if char in text:
                text = text.replace(char, letter)
    return text.lower()


def unfolded(text: str) -> bool:
    """Whether folding a text only lower-cases it (it has no character that folds otherwise)."""
    return text.isascii() or all(char not in text for char, _ in FOLDS)


def lowered_in_place(text: str) -> str | None:
    """``text.lower()`` when it keeps every character in its place (no dotted capital "İ",
    whose lower case is two characters), else None."""
    if "\u0130" in text:
        return None
    if text.isascii() or "Σ" in text:
        return text.lower()
    # Each character lowers alone (only a capital sigma looks at its neighbours): lowered line
    # by line, the lines that are all ASCII take str.lower's quick path, and the text is the
    # same as lowered whole, at a third of the cost for news prose with a few curly quotes.
    return "\n".join([line.lower() for line in text.split("\n")])


def lowers_word_by_word(text: str) -> bool:
    """Whether lower-casing the whole text lower-cases each of its words as it would alone:
    not where a capital sigma's lower case depends on its neighbours, nor where "İ" becomes
    two characters."""
    return text.isascii() or ("Σ" not in text and "\u0130" not in text)


def folds_alone(char: str, extra_cases: dict[int, tuple[int, ...]]) -> bool:
    """Whether every character IGNORECASE equates with a non-ASCII ``char`` folds to the same
    one character (not "σ"/"ς", "İ", the Kelvin sign...); ``extra_cases`` is the regex
    engine's table of the equivalences beyond upper and lower case."""
    lower = char.lower()
    return (
        len(lower) == 1
        and not lower.isascii()
        and ord(char) not in extra_cases
        and ord(lower) not in extra_cases
        and char not in _FOLDED
    )


class _Unsure(Exception):
    """The pattern holds something this rewrite does not handle."""


def fold_pattern(pattern: str) -> str | None:
    """A pattern that matches folded text, without IGNORECASE, where ``pattern`` matches the
    text under IGNORECASE (at the same offsets); None when that is not sure."""
    try:
        return "".join(_rewrite(pattern))
    except _Unsure:
        return None


def caseless(char: str) -> bool:
    """Whether a character has no other case (IGNORECASE matches it to itself only)."""
    return char.lower() == char == char.upper()


def _rewrite(pattern: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i = _escape(pattern, i, out)
        elif char == "[":
            i = _class(pattern, i, out)
        elif pattern.startswith("(?", i):
            opening = next((g for g in _GROUPS if pattern.startswith(g, i)), None)
            if opening is None:
                raise _Unsure  # inline flags, named groups, comments, conditionals
            out.append(opening)
            i += len(opening)
        else:
            out.append(_character(char))
            i += 1
    return out


def _character(char: str) -> str:
    if char.isascii():
        return char.lower()
    if caseless(char):
        return char
    raise _Unsure


def _escape(pattern: str, i: int, out: list[str]) -> int:
    """Copy the escape at ``i`` (a class such as ``\\w``, or an escaped symbol)."""
    if i + 1 >= len(pattern) or pattern[i + 1] in _CHARACTER_ESCAPES:
        raise _Unsure
    if not pattern[i + 1].isascii() and not caseless(pattern[i + 1]):
        raise _Unsure
    out.append(pattern[i : i + 2])
    return i + 2


def _class(pattern: str, i: int, out: list[str]) -> int:
    """Copy the character class at ``i`` with its letters in lower case."""
    j = i + 2 if pattern.startswith("^", i + 1) else i + 1
    first = j  # a "]" first is a member
    out.append(pattern[i:j])
    while True:
        if j >= len(pattern) or pattern[j] == "[":
            raise _Unsure  # unclosed, or a nested set (reserved syntax)
        char = pattern[j]
        if char == "]" and j > first:
            out.append("]")
            return j + 1
        if char == "\\":
            j = _escape(pattern, j, out)
            if pattern.startswith("-", j) and not pattern.startswith("-]", j):
                raise _Unsure  # a range from an escaped character
        elif pattern.startswith("-", j + 1) and not pattern.startswith("]", j + 2):
            out.append(_range(char, pattern[j + 2 : j + 3]))
            j += 3
        else:
            out.append(_character(char))
            j += 1


def _range(low: str, high: str) -> str:
    """A range ``low-high`` in lower case: upper-case letters, lower-case letters, or
    characters without case."""
    if high in ("", "\\"):
        raise _Unsure
    for first, last in (("a", "z"), ("A", "Z")):
        if first <= low <= last and first <= high <= last:
            return f"{low.lower()}-{high.lower()}"
    for code in range(ord(low), ord(high) + 1):
        char = chr(code)
        if (char.isascii() and char.isalpha()) or not (char.isascii() or caseless(char)):
            raise _Unsure  # a range across cases, or over cased letters
    return f"{low}-{high}"
