"""The one way rule patterns are compiled and run: RE2 (google-re2), in linear time.

Every pattern of a rule (built-in packs, user packs, pattern options in .seolint.yaml) is
compiled here. RE2 has no backtracking, so no pattern and no text can take more than linear
time; in exchange it has no lookaround and no backreferences, and such a pattern is rejected
when the rule is loaded (``PatternError``; the rule loader adds the file and line).

seolint's own phrase rules bound literal words with "no word character or hyphen before or
after". That is lookaround, which RE2 lacks: the bound is matched here as one more character
(or the edge of the text) on each side, with the phrase in a group, and searching resumes
where the phrase ended, so the matches are those the lookaround pattern would find.

Python's ``re`` still reads patterns to analyse them (``seolint.match.needles``,
``seolint.match.casefold``); it never matches a rule pattern. See docs/regex-policy.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

BOUND_BEFORE = r"(?<![\w-])"  # how a bound is written in a pattern's text, for the analysis
BOUND_AFTER = r"(?![\w-])"
_WORD = r"\p{L}\p{N}_"  # Python's \w in str patterns (RE2's \w is ASCII only)
_NOT_WORD = rf"[^{_WORD}-]"
# The same bound written for ASCII, which also takes every character outside ASCII. Classes
# of every script cost RE2 a millisecond or more to compile each time they are written; these
# cost nothing, and find the same in a text none of whose characters outside ASCII is a word
# character (``_ascii_will_do``): nearly every text of English news.
_ASCII_NOT_WORD = r"[^A-Za-z0-9_-]"
_ASCII_NOT_WORD_RUN = r"[^A-Za-z0-9_]*"
_UTF8_LENGTH = (1,) * 12 + (2, 2, 3, 4)  # a character's bytes, by its first byte's top bits
_FLAGS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"))


class PatternError(ValueError):
    """A pattern RE2 cannot compile (lookaround, backreferences, bad syntax); ``option``, when
    known, names the rule option that holds it."""

    option: str | None = None


def _re2(pattern: str, flags: int):  # -> re2._Regexp
    import re2  # loaded with the first rule that has a pattern

    if any(found.group(1) for found in _BACKREFERENCE.finditer(pattern)):
        # RE2 would read \1 as an octal escape: a backreference in Python's syntax.
        raise PatternError(f"{pattern!r}: backreferences are not supported")

    inline = "".join(letter for flag, letter in _FLAGS if flags & flag)
    options = re2.Options()
    options.log_errors = False  # the error is reported once, as one line, by the loader
    # RE2's lazily built automata may take up to 8 MB each by default, held for the life of
    # the process (the language server's memory grew 5 MB over a few hundred documents);
    # 2 MB each is enough for rule patterns, and no slower on the BBC corpus.
    options.max_mem = 2 << 20
    source = _ESCAPES.sub(_re2_escape, pattern)
    source = f"(?{inline}){source}" if inline else source
    try:
        return re2.compile(source.encode("utf-8", "surrogatepass"), options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else str(exc)
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        if "(?<" in reason or "(?=" in reason or "(?!" in reason:
            reason += " (lookaround is not supported)"
        raise PatternError(f"{pattern!r}: {reason.replace(source, pattern)}") from None


_BACKREFERENCE = re.compile(r"\\(?:\\|([1-9]))")
# Python escapes RE2 spells differently: \uXXXX and \UXXXXXXXX (RE2: \x{...}), and \Z (RE2: \z).
_ESCAPES = re.compile(r"\\(?:\\|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(Z))")


def _re2_escape(found: re.Match[str]) -> str:
    code = found.group(1) or found.group(2)
    if code:
        return f"\\x{{{code}}}"
    return "\\z" if found.group(3) else found.group()


def _searcher(compiled: Any) -> Callable[[bytes, int], list[tuple[int, int]] | None]:
    """A search of ``compiled`` (unanchored, from a position) that gives the spans of the match
    and its groups, or None. google-re2's ``search`` wraps one call of its extension in a
    generator and a match object, which cost twice the search; where that call is there and
    answers as ``search`` does (checked once), it is made directly."""
    if _raw_call_works():
        import re2

        call, unanchored = compiled._regexp.Match, re2._Anchor.UNANCHORED

        def search(data: bytes, pos: int) -> list[tuple[int, int]] | None:
            spans = call(unanchored, data, pos, len(data))
            return None if spans[0][0] == -1 else spans

        return search
    groups = range(compiled.groups + 1)

    def search_public(data: bytes, pos: int) -> list[tuple[int, int]] | None:
        found = compiled.search(data, pos)
        return None if found is None else [found.span(i) for i in groups]

    return search_public


@lru_cache(maxsize=1)
def _raw_call_works() -> bool:
    """Whether google-re2's extension call is there and answers a probe as ``search`` does."""
    try:
        import re2

        call, unanchored = _re2("b(c)?", 0)._regexp.Match, re2._Anchor.UNANCHORED
        return (
            call(unanchored, b"abcab", 0, 5) == [(1, 3), (2, 3)]
            and call(unanchored, b"abcab", 2, 5) == [(4, 5), (-1, -1)]
            and call(unanchored, b"abc", 0, 1)[0] == (-1, -1)
        )
    except (ImportError, AttributeError, TypeError, ValueError):
        return False


def check(pattern: str, flags: int = 0) -> None:
    """Raise PatternError unless RE2 compiles the pattern."""
    _re2(pattern, flags)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _Offsets:
    """Character offsets of UTF-8 byte offsets in a text."""

    __slots__ = ("bytes", "extra")

    def __init__(self, text: str, data: bytes) -> None:
        self.bytes: list[int] = []
        self.extra: list[int] = []
        if len(data) != len(text):
            extra = 0
            for m in _NON_ASCII.finditer(text):
                self.bytes.append(m.start() + extra)
                extra += len(m.group().encode("utf-8", "surrogatepass")) - 1
                self.extra.append(extra)

    def char(self, offset: int) -> int:
        index = bisect_right(self.bytes, offset - 1) - 1
        return offset - (self.extra[index] if index >= 0 else 0)


def _ascii_will_do(text: str, flags: int) -> bool:
    """Whether bounds written for ASCII find in ``text`` what the bounds of every script find:
    every character of it outside ASCII is one the full bound takes (not a letter or digit,
    nor a character case-insensitive matching equates with one)."""
    if text.isascii():
        return True
    from unicodedata import category

    # Punctuation, symbols and spaces (quotes, dashes, currency signs) are never word
    # characters to RE2 (a test checks every one); any other is asked of the full bound.
    unsure = [c for c in set(text) if c > "\x7f" and category(c)[0] not in "PSZ"]
    if not unsure:
        return True
    bound = _re2(_NOT_WORD, flags)  # (google-re2 keeps what it compiled: compiled once)
    return all(bound.fullmatch(c.encode("utf-8", "surrogatepass")) for c in unsure)


class Pattern:
    """A compiled rule pattern: ``bounded`` (a phrase between bounds) or ``plain`` or both, as
    alternatives, the bounded first. ``pattern`` and ``flags`` give the same pattern in
    Python's syntax, for analysis only."""

    __slots__ = ("pattern", "flags", "bounded", "plain", "_bounded", "_plain")

    def __init__(self, bounded: str | None, plain: str | None, flags: int = 0) -> None:
        self.bounded = bounded
        self.plain = plain
        self.flags = flags
        self.pattern = python_syntax(bounded, plain)
        # The raw patterns are compiled now, which checks them; the phrases (escaped words,
        # always valid) when first searched for: most rules never search.
        self._plain = _searcher(_re2(plain, flags)) if plain is not None else None
        # The phrases between bounds, by (written for ASCII, with a character before them).
        self._bounded: dict[tuple[bool, bool], Any] = {}

    def __reduce__(self):
        return Pattern, (self.bounded, self.plain, self.flags)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Matches (start, end) from left to right, not overlapping, as Python's finditer
        gives them."""
        data = text.encode("utf-8", "surrogatepass")
        pos = 0
        size = len(data)
        ascii = self.bounded is not None and _ascii_will_do(text, self.flags)
        bounded = self._next_bounded(data, 0, ascii)
        plain = self._next_plain(data, 0)
        if not (bounded or plain):
            return  # (most searches: the offsets of characters are never needed)
        offsets = _Offsets(text, data)
        while bounded or plain:
            if bounded and (not plain or bounded[0] <= plain[0]):
                start, end = bounded
            else:
                start, end = plain  # type: ignore[misc]
            yield offsets.char(start), offsets.char(end)
            pos = end
            if end == start:  # an empty match: go on after the next character
                if end >= size:
                    return
                pos += _UTF8_LENGTH[data[end] >> 4]
            if bounded and bounded[0] < pos:
                bounded = self._next_bounded(data, pos, ascii)
            if plain and plain[0] < pos:
                plain = self._next_plain(data, pos)

    def _next_bounded(self, data: bytes, pos: int, ascii: bool) -> tuple[int, int] | None:
        if self.bounded is None:
            return None
        # The character before the phrase may be the one before ``pos``: the search starts
        # there. RE2's "^" holds at the start of the text only, not where a search starts.
        before = pos - 1 if pos else 0
        while before and data[before] & 0xC0 == 0x80:  # inside a UTF-8 sequence
            before -= 1
        found = self._program(ascii, False)(data, before)
        if found is not None and found[1][0] < pos:
            # A phrase at the start of the text, where this search must begin after it (a
            # match of one character there went before): with a character before it only.
            found = self._program(ascii, True)(data, before)
        return found[1] if found is not None else None

    def _program(self, ascii: bool, inner: bool) -> Any:
        found = self._bounded.get((ascii, inner))
        if found is None:
            bound = _ASCII_NOT_WORD if ascii else _NOT_WORD
            before = bound if inner else f"(?:^|{bound})"
            source = f"{before}({self.bounded})(?:{bound}|$)"
            found = self._bounded[ascii, inner] = _searcher(_re2(source, self.flags))
        return found

    def _next_plain(self, data: bytes, pos: int) -> tuple[int, int] | None:
        if self._plain is None:
            return None
        found = self._plain(data, pos)
        return found[0] if found is not None else None


def python_syntax(bounded: str | None, plain: str | None) -> str:
    """The pattern in Python's syntax (bounds as lookaround), for analysis only."""
    parts = [f"{BOUND_BEFORE}(?:{bounded}){BOUND_AFTER}"] if bounded is not None else []
    parts += [plain] if plain is not None else []
    return "|".join(parts)


def compile(bounded: str | None, plain: str | None, flags: int = 0) -> Pattern:
    """A rule pattern; PatternError when RE2 cannot compile a part."""
    return Pattern(bounded, plain, flags)


NON_WORD_RUN = rf"[^{_WORD}]*"  # Python's \W* (RE2's \W is ASCII only)


class Whole:
    """A rule pattern that must match a whole text (a heading, a line), optionally with
    non-word characters around it (``padded``). ``pattern`` and ``flags``: the same in
    Python's syntax, for analysis only."""

    __slots__ = ("bounded", "plain", "flags", "padded", "pattern", "_compiled")

    def __init__(self, bounded: str | None, plain: str | None, flags: int, padded: bool) -> None:
        self.bounded = bounded
        self.plain = plain
        self.flags = flags
        self.padded = padded
        pad = r"\W*" if padded else ""
        self.pattern = f"^{pad}(?:{python_syntax(bounded, plain)}){pad}$"
        # Compiled when first used (its parts were checked already), by written for ASCII.
        self._compiled: dict[bool, Any] = {}

    def __reduce__(self):
        return Whole, (self.bounded, self.plain, self.flags, self.padded)

    def match(self, text: str) -> bool:
        ascii = _ascii_will_do(text, self.flags)
        compiled = self._compiled.get(ascii)
        if compiled is None:
            # Around a whole text the bounds are plain characters (or its edges): nothing is
            # searched for, so matching them does not change what is found.
            bound = _ASCII_NOT_WORD if ascii else _NOT_WORD
            b = self.bounded
            parts = [f"(?:^|{bound})(?:{b})(?:{bound}|$)"] if b is not None else []
            parts += [self.plain] if self.plain is not None else []
            pad = (_ASCII_NOT_WORD_RUN if ascii else NON_WORD_RUN) if self.padded else ""
            compiled = self._compiled[ascii] = _re2(f"{pad}(?:{'|'.join(parts)}){pad}", self.flags)
        return compiled.fullmatch(text.encode("utf-8", "surrogatepass")) is not None


def whole(inner: Pattern, padded: bool = False) -> Whole:
    """``inner`` to be matched against a whole text."""
    return Whole(inner.bounded, inner.plain, inner.flags, padded)
