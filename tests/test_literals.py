"""Needles only ever rule texts out that their regex cannot match."""

from __future__ import annotations

import re

import pytest

from seolint.match.needles import Haystack, Needles, fold, needles, word_set
from seolint.rules.kinds.base import phrase_regex

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


def present(found: Needles, text: str) -> bool:
    """Whether the needles allow a match in ``text``, tested as the rules test them."""
    folded = fold(text)
    return found.present(Haystack(folded, word_set(folded)))


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
        if next(regex.finditer(text), None):  # rule patterns run on RE2 (seolint.match.rule_regex)
            assert present(found, text), text


def test_needles_rule_out_unrelated_text() -> None:
    found = needles(phrase_regex(["a new chapter"], [], True, "t"))
    assert not present(found, "Nothing new here.")


def test_patterns_that_may_match_anything_have_no_needles() -> None:
    assert needles(re.compile(r"\w+|x")) is None
    assert needles(re.compile(r"(?:abc)?")) is None


def test_fold_maps_the_letters_ignorecase_equates() -> None:
    assert fold("İSTANBUL ſtay \u212aelvin ıt") == "istanbul stay kelvin it"


def test_non_ascii_letters_make_needles_unless_case_folding_is_ambiguous() -> None:
    found = needles(re.compile(r"Ã[©¨]|\ufffd", re.IGNORECASE))
    assert found is not None and not present(found, "plain ASCII text")
    assert present(found, "CAFÃ©")
    assert needles(re.compile("σ")) is None  # "ς" and "ϲ" match it under IGNORECASE


BOUNDED = [
    r"\breports (?:indicate|suggest)\b",
    r"\b(?:is|are) (?:widely |generally )?believed to\b",
    r"(?:key )?(?:metrics|data) (?:indicate|suggest)s?:",
    r"(?<!have )reported\b",
    r"(?<![\w-])(?:a\s+new\s+chapter|game-changer)(?![\w-])",
    r"^\W*(?:source|read more)\W*$",
    r"\Bport\b|\bdata\B",
    r"(?:\s+|^)team has analy[sz]ed",
    r"(?<!\wx)ray\b",
    r"\bsup",
    r"ray",
    r"(?<![\w-])utili[sz]e[sd]?(?![\w-])",
    r"\bcolou?r[sz]\b",
]
PIECES = [
    "reports",
    "indicate",
    "is",
    "are",
    "widely",
    "believed",
    "to",
    "key",
    "metrics",
    "data",
    "s",
    ":",
    "have",
    "reported",
    "a",
    "new",
    "chapter",
    "game",
    "changer",
    "source",
    "read",
    "more",
    "port",
    "team",
    "has",
    "analysed",
    "x",
    "ray",
    "sup",
    "is widely believed to",
    "key metrics suggest:",
    "data indicates:",
    " team has analyzed",
    "reports suggest",
    "a new chapter",
    "utilise",
    "utilizes",
    "UTILISED",
    "utiliſed",
    "utility",
    "colours",
    "colorz",
]
GLUE = [" ", "", "-", "\n", "'", ".", "_", "é"]


@pytest.mark.parametrize("pattern", BOUNDED)
def test_whole_word_needles_never_rule_out_a_match(pattern: str) -> None:
    """Random texts glued from the patterns' own words: wherever the regex matches, its
    needles (words looked up as whole words) let it through."""
    import random

    regex = re.compile(pattern, re.IGNORECASE)
    found = needles(regex)
    assert found is not None
    rng = random.Random(pattern)
    matched = 0
    for _ in range(6000):
        parts = [rng.choice(PIECES) + rng.choice(GLUE) for _ in range(rng.randint(1, 6))]
        text = "".join(parts)
        if regex.search(text):
            matched += 1
            assert present(found, text), text
    assert matched  # the texts did exercise the regex


def test_whole_word_needles_rule_out_words_inside_longer_words() -> None:
    found = needles(re.compile(r"\breports indicate\b", re.IGNORECASE))
    assert not present(found, "Supportsreports indicated nothing.")
    assert present(found, "Reports indicate nothing.")


def test_small_classes_are_spelled_out_into_whole_words() -> None:
    found = needles(re.compile(r"(?<![\w-])utili[sz]e(?![\w-])", re.IGNORECASE))
    assert not present(found, "Utilities utilised the utility.")
    assert present(found, "They UTILIZE it.")


def test_optional_letters_are_spelled_out_into_whole_words() -> None:
    found = needles(re.compile(r"\bit is rumou?red\b", re.IGNORECASE))
    assert not present(found, "It is rumorous, and red.")  # "it is rumo" and "red" are there
    assert present(found, "It is rumored.") and present(found, "IT IS RUMOURED.")


def test_the_prose_word_set_holds_every_word_of_the_prose() -> None:
    """The words needles are looked up in, made from the counted words, are those of the
    folded prose itself (a word missing there would hide a match)."""
    from conftest import SEED

    from seolint.parse.markdown import parse
    from seolint.read.source import Source
    from seolint.rules.kinds.base import folded, scope_words

    texts = [
        SEED.read_text("utf-8"),
        "It's the U.S.-based co-founder's __init__ plan.\n\nİstanbul ſtays; Kelvin \u212a. "
        "Mr. Smith's ‘game-changer’ at 3.5%, e.g. x_y and ___ blanks. ΣΟΦΟΣ σοφος.\n",
        "- a list item with a [link](http://example.com) and `code`\n> a quote, too\n",
        "Café co-op's U.S.-style ΣΟΦΟΣ plan, Kelvin \u212a, at 3.5% and x_y.\n",
    ]
    for text in texts:
        doc = parse(Source("a.md", text))
        for scope in ("sentence", "paragraph", "first-paragraph", "last-paragraph"):
            words = scope_words(doc, scope)
            found = {w for w in word_set(folded(doc, scope)[0]) if w.strip("_")}
            assert found <= words, scope


def test_folded_scopes_are_their_segments_joined_and_folded() -> None:
    """The prose is folded once and sliced; that must equal folding each scope's own text,
    capital sigmas, dotted capitals and curly quotes at the segment edges included."""
    from seolint.parse.markdown import parse
    from seolint.read.source import Source
    from seolint.rules.kinds.base import TEXT_SCOPES, folded, segments

    texts = [
        "# ΟΔΟΣ\n\nΣΟΦΟΣ. ΣΑΣ είπε ΟΔΟΣ’ İstanbul ſtays.\n\n### İNFO \u212a ΣΟΦΟΣ\n\n‘ΣΑΣ’ ends ΟΣ\n",
        "---\ntitle: ΟΔΟΣ İS\ndescription: ΣΟΦΟΣ\n---\nΣ. Σ Σ\n\n- ΣΟΣ *ΟΣ* [ΣΑΣ](http://x.y)\n",
        "# ÉTÉ ΟΔΟΣ\n\nΣΟΦΟΣ. Ça va’ “ΣΑΣ” CAFÉ ΣΑΣ:Α.\n",  # folded by lower-casing alone
        "# ſΣ\n\nKelvin \u212a ſtays, ıtem ΣΑΣ.\n",  # no "İ", but other characters fold
    ]
    for text in texts:
        doc = parse(Source("a.md", text))
        for scope in TEXT_SCOPES:
            pieces = segments(doc, scope)
            assert folded(doc, scope)[0] == fold("\n".join(seg.text for seg in pieces)), scope


def test_segments_are_the_pieces_their_scope_names() -> None:
    """Segments are made when asked for: each must be the prose of its sentence, paragraph or
    heading, in order, and "text" the title followed by the headings and paragraphs."""
    from conftest import SEED

    from seolint.parse.markdown import parse
    from seolint.read.source import Source
    from seolint.rules.kinds.base import segments

    for text in (SEED.read_text("utf-8"), "---\ntitle: T\n---\n# H\n\nOne. Two.\n\n## S\n\nEnd.\n"):
        doc = parse(Source("a.md", text))
        title = [(doc.title.start, doc.title.end)] if doc.title else []
        expected = {
            "sentence": doc.sentences,
            "paragraph": doc.paragraphs,
            "heading": doc.headings,
            "first-paragraph": doc.paragraphs[:1],
            "last-paragraph": doc.paragraphs[-1:],
            "text": [*title, *doc.headings, *doc.paragraphs],
        }
        for scope, items in expected.items():
            spans = [(i.start, i.end) if hasattr(i, "start") else i for i in items]
            pieces = segments(doc, scope)
            assert [(seg.start, seg.end) for seg in pieces] == spans, scope
            skip = len(title) if scope == "text" else 0  # the title is no slice of the prose
            texts = [seg.text for seg in pieces][skip:]
            assert texts == [doc.prose[a:b] for a, b in spans[skip:]], scope
            assert len(pieces) == len(spans) and [pieces[-k] for k in range(1, len(spans) + 1)] == [
                *reversed(list(pieces))
            ], scope


def test_needles_restored_from_their_state_answer_alike() -> None:
    """The rule cache stores needles as ``state()`` and restores them without working the
    groups out again: the restored needles must rule the same texts in and out."""
    import json

    for regex in (
        phrase_regex(["a new chapter", "only time will tell", "today's news"], [], True, "t"),
        phrase_regex([], [r"\breports (?:indicate|suggest)\b", r"Ã[©¨]|\ufffd"], True, "t"),
        re.compile(r"(?<![\w-])utili[sz]e[sd]?(?![\w-])", re.IGNORECASE),
    ):
        found = needles(regex)
        restored = Needles.restore(json.loads(json.dumps(found.state())))
        assert restored.state() == found.state()
        for text in [*TEXTS, *PIECES, "They utilised it.", "Reports indicate: more"]:
            assert present(restored, text) == present(found, text), text
