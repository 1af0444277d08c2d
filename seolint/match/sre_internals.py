"""The one door to CPython's private regex internals: a pattern's parse tree, the parser's
opcodes, and the characters IGNORECASE equates beyond upper and lower case.

Only an optimisation uses them (the needle pre-filter, seolint.match.needles), which guards
every use: a tree of another shape there gives no needles for that pattern. Python 3.11+ keeps
them in ``re._parser``, ``re._constants`` and ``re._casefix``; 3.10 in ``sre_parse``,
``sre_constants`` and ``sre_compile._ignorecase_fixes``. They are private and may change
shape in any release, so they are probed once: a known pattern must parse to the tree this
module expects. When anything is missing or different, ``INTERNALS`` is None and the
pre-filter is off: every rule runs its regex, and the findings are the same, only slower.
"""

from __future__ import annotations

import warnings

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Internals:
    """The parser (``parse(pattern, flags)``), its opcode module, and the extra case table
    (code point -> code points IGNORECASE also equates with it)."""

    __slots__ = ("parser", "constants", "extra_cases")

    def __init__(self, parser: Any, constants: Any, extra_cases: dict[int, tuple[int, ...]]):
        self.parser = parser
        self.constants = constants
        self.extra_cases = extra_cases


def _modules() -> tuple[Any, Any, Any]:
    try:  # Python 3.11 and later
        from re import _constants, _parser
        from re._casefix import _EXTRA_CASES

        return _parser, _constants, _EXTRA_CASES
    except ImportError:
        pass
    with warnings.catch_warnings():  # Python 3.10 (deprecated, and gone, in later versions)
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_compile
        import sre_constants
        import sre_parse

    return sre_parse, sre_constants, sre_compile._ignorecase_fixes


def probe(parser: Any, constants: Any, extra_cases: Any) -> Internals | None:
    """The internals, when they have the shape seolint.match.needles reads; else None."""
    try:
        c = constants
        tree = list(parser.parse("ab|c", 0))
        expected = [(c.BRANCH, (None, [[(c.LITERAL, 97), (c.LITERAL, 98)], [(c.LITERAL, 99)]]))]
        tree = [(op, (av[0], [list(b) for b in av[1]])) for op, av in tree]
        repeat = list(parser.parse(r"(?:x)?\b[a\s]", 0))
        shapes = [(op, type(av).__name__) for op, av in repeat]
        used = ("IN", "CATEGORY", "CATEGORY_SPACE", "CATEGORY_NOT_WORD", "CATEGORY_WORD")
        used += ("MAX_REPEAT", "MIN_REPEAT", "SUBPATTERN", "AT", "AT_BOUNDARY", "AT_END")
        used += ("AT_END_STRING", "AT_NON_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING")
        used += ("ASSERT", "ASSERT_NOT")
        sound = (
            tree == expected
            and shapes
            == [(c.MAX_REPEAT, "tuple"), (c.AT, type(c.AT_BOUNDARY).__name__)] + [(c.IN, "list")]
            and all(hasattr(c, name) for name in used)
            and isinstance(extra_cases, dict)
            and extra_cases.get(ord("s")) == (0x17F,)
        )
    except Exception:  # anything at all: the internals are not what this module knows
        return None
    return Internals(parser, constants, extra_cases) if sound else None


def _load() -> Internals | None:
    try:
        found = _modules()
    except Exception:  # missing, moved or broken: no pre-filter
        return None
    return probe(*found)


INTERNALS = _load()
