"""Needles only ever rule texts out that their regex cannot match."""

from __future__ import annotations

import re

import pytest

from seolint.kinds.base import phrase_regex
from seolint.literals import Haystack, fold, needles

TEXTS = [
    "A new chapter opens.",
    "A NEW\nCHAPTER",
    "a new chapter.5",
    "ınfo İnfo ſtay Kelvin \u212aey",
    "Reports indicate the data suggests: more",
    "nothing to see here",
    "CAFÉ Ã© â€™ \ufffd ΣΟΦΟΣ σοφος",
    "",
]


@pytest.mark.parametrize(
    "regex",
    [
        phrase_regex(["a new chapter", "only time will tell", "today's news"], [], True, "t"),
        phrase_regex(["info", "stay", "key"], [], True, "t"),
        phrase_regex([], [r"\breports (?:indicate|suggest)\b", r"\bSEO\b"], True, "t"),
        phrase_regex([], [r"(?:key )?(?:metrics|data) (?:indicate|suggest)s?:"], True, "t"),
        phrase_regex(["Chapter"], [], False, "t"),
        phrase_regex(["café", "σοφός"], [r"Ã[©¨]|â€[™œ]|\ufffd"], True, "t"),
    ],
)
def test_a_regex_never_matches_where_its_needles_are_missing(regex: re.Pattern) -> None:
    found = needles(regex)
    assert found is not None
    for text in TEXTS:
        if regex.search(text):
            assert found.present(Haystack(fold(text))), text


def test_needles_rule_out_unrelated_text() -> None:
    found = needles(phrase_regex(["a new chapter"], [], True, "t"))
    assert not found.present(Haystack(fold("Nothing new here.")))


def test_patterns_that_may_match_anything_have_no_needles() -> None:
    assert needles(re.compile(r"\w+|x")) is None
    assert needles(re.compile(r"(?:abc)?")) is None


def test_fold_maps_the_letters_ignorecase_equates() -> None:
    assert fold("İSTANBUL ſtay \u212aelvin ıt") == "istanbul stay kelvin it"


def test_non_ascii_letters_make_needles_unless_case_folding_is_ambiguous() -> None:
    found = needles(re.compile(r"Ã[©¨]|\ufffd", re.IGNORECASE))
    assert found is not None and not found.present(Haystack(fold("plain ASCII text")))
    assert found.present(Haystack(fold("CAFÃ©")))
    assert needles(re.compile("σ")) is None  # "ς" and "ϲ" match it under IGNORECASE
