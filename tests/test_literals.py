"""Needles only ever rule texts out that their regex cannot match."""

from __future__ import annotations

import re

import pytest

from seolint.match import rule_regex
from seolint.match.casefold import fold, unfolded
from seolint.match.needles import Needles, needles, words_of_text
from seolint.match.phrases import PhraseMatcher


def phrase_regex(tokens: list[str], patterns: list[str], ignorecase: bool, key: str):
    """A phrase rule's pattern (RE2), as its matcher compiles it."""
    m = PhraseMatcher.phrases(tokens, patterns, ignorecase, key)
    return rule_regex.compile(m.bounded, m.plain, m.flags)


def of(regex) -> Needles | None:
    """The needles of a pattern (a rule pattern or a Python one)."""
    return needles(regex.pattern, regex.flags)


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
    """Whether the needles allow a match in ``text``, tested as the matcher tests them: every
    word of one group among the text's words (unless a letter folds to ASCII there) and every
    needle in the text."""
    folded = fold(text)
    words = words_of_text(folded) if unfolded(text) else None
    return any(
        (words is None or need <= words) and all(t in folded for t in texts)
        for texts, need, _ in found.groups
    )


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
    found = of(regex)
    assert found is not None
    for text in TEXTS:
        if next(regex.spans(text), None):  # rule patterns run on RE2 (seolint.match.rule_regex)
            assert present(found, text), text


def test_needles_rule_out_unrelated_text() -> None:
    found = of(phrase_regex(["a new chapter"], [], True, "t"))
    assert not present(found, "Nothing new here.")


def test_patterns_that_may_match_anything_have_no_needles() -> None:
    assert of(re.compile(r"\w+|x")) is None
    assert of(re.compile(r"(?:abc)?")) is None


def test_fold_maps_the_letters_ignorecase_equates() -> None:
    assert fold("İSTANBUL ſtay \u212aelvin ıt") == "istanbul stay kelvin it"


def test_non_ascii_letters_make_needles_unless_case_folding_is_ambiguous() -> None:
    found = of(re.compile(r"Ã[©¨]|\ufffd", re.IGNORECASE))
    assert found is not None and not present(found, "plain ASCII text")
    assert present(found, "CAFÃ©")
    assert of(re.compile("σ")) is None  # "ς" and "ϲ" match it under IGNORECASE


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
    r"\b(?:reader|fan)s? (?:said|told)\b",
    r"(?:reader|fan|s)s?(?:-|'s)ay",
    r"\b(?:a|one) (?:new|key) (?:chapter|source|data)s?\b",
    r"\bsaid (?:a |the )?(?:source|team)\b",
    r"(?:x|sup)(?:ray|port)(?:ed|s)?",
]
PIECES = [
    "reader",
    "readers",
    "fans",
    "fan",
    "said",
    "say",
    "told",
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
    found = of(regex)
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
    found = of(re.compile(r"\breports indicate\b", re.IGNORECASE))
    assert not present(found, "Supportsreports indicated nothing.")
    assert present(found, "Reports indicate nothing.")


def test_small_classes_are_spelled_out_into_whole_words() -> None:
    found = of(re.compile(r"(?<![\w-])utili[sz]e(?![\w-])", re.IGNORECASE))
    assert not present(found, "Utilities utilised the utility.")
    assert present(found, "They UTILIZE it.")


def test_optional_letters_are_spelled_out_into_whole_words() -> None:
    found = of(re.compile(r"\bit is rumou?red\b", re.IGNORECASE))
    assert not present(found, "It is rumorous, and red.")  # "it is rumo" and "red" are there
    assert present(found, "It is rumored.") and present(found, "IT IS RUMOURED.")


def test_letters_after_an_alternation_join_each_word_of_it() -> None:
    """``(?:reader|fan)s`` is read as ``(?:readers|fans)``: "readers" is a whole word to look
    up, not "reader" to look for inside any word."""
    found = of(re.compile(r"\b(?:reader|fan)s said\b", re.IGNORECASE))
    assert found is not None
    assert {w for _, words, _ in found.groups for w in words} == {"readers", "fans", "said"}
    assert not present(found, "Proofreaders and fanservice said nothing.")
    assert present(found, "Fans said so.")


def test_literals_and_alternations_side_by_side_make_whole_phrases() -> None:
    """``(?:a|one) (?:new|recent) study`` is looked for as the four phrases it spells, each
    one needle, not as "study" with "a " and "new " anywhere in the text."""
    found = of(re.compile(r"\b(?:a|one) (?:new|recent) study\b", re.IGNORECASE))
    assert found is not None
    assert sorted(texts for texts, _, _ in found.groups) == [
        ("a new study",),
        ("a recent study",),
        ("one new study",),
        ("one recent study",),
    ]
    assert not present(found, "A new law and one study, said a recent report.")
    assert present(found, "One recent study found it.")
    prefixed = of(re.compile(r"\baccording to (?:experts|analysts)\b", re.IGNORECASE))
    assert {texts for texts, _, _ in prefixed.groups} == {
        ("according to analysts",),
        ("according to experts",),
    }


def test_each_scope_word_set_holds_every_word_of_its_text() -> None:
    """The words needles are looked up in (for the prose: made from the counted words) hold
    every word of the folded text of the scopes that use them, and the ASCII runs inside
    words that are not all ASCII (a word missing there would hide a match)."""
    from conftest import SEED

    from seolint.match.scopes import TEXT_SCOPES, view
    from seolint.parse.markdown import parse
    from seolint.read.source import Source

    texts = [
        SEED.read_text("utf-8"),
        "It's the U.S.-based co-founder's __init__ plan.\n\nMr. Smith's ‘game-changer’ at "
        "3.5%, e.g. x_y and ___ blanks. ΣΟΦΟΣ σοφος, éamidst naïve_x.\n",
        "- a list item with a [link](http://example.com) and `code`\n> a quote, too\n",
        "---\ntitle: Café Ümlaut-x\n---\n# Ça va, ÉTÉ2x\n\nCafé co-op's U.S.-style plan.\n",
        "It’s the U.S.-based plan’s ‘co-op’ – and rock’n’roll’s “x_y”.\n",  # only punctuation
    ]
    for text in texts:
        doc = parse(Source("a.md", text))
        v = view(doc)
        for name in TEXT_SCOPES:
            scope = v.scope(doc, name)
            sets = [v.words(doc, key) for key in scope.word_sets]
            folded = "\n".join(scope.folded(i) for i in range(len(scope.segments)))
            for word in words_of_text(folded):
                if word.strip("_"):
                    assert any(word in found for found in sets), (name, word)


def test_without_sure_word_sets_the_word_test_is_off() -> None:
    """Where a letter folds to an ASCII one ("ı", "ſ", the Kelvin sign, "İ"), RE2's ASCII
    word bounds may fall elsewhere than in the folded text: no word set, no word test."""
    from seolint.match.scopes import view
    from seolint.parse.markdown import parse
    from seolint.read.source import Source

    for text in ("Kılıç met them.\n", "İstanbul ſtays.\n", "A \u212aelvin.\n"):
        doc = parse(Source("a.md", text))
        v = view(doc)
        assert v.words(doc, "prose") is None and v.words(doc, "heading") is None


def test_folded_segments_are_their_text_folded() -> None:
    """The prose is folded once and sliced; that must equal folding each segment's own text,
    capital sigmas, dotted capitals and curly quotes at the segment edges included."""
    from seolint.match.scopes import TEXT_SCOPES, view
    from seolint.parse.markdown import parse
    from seolint.read.source import Source

    texts = [
        "# ΟΔΟΣ\n\nΣΟΦΟΣ. ΣΑΣ είπε ΟΔΟΣ’ İstanbul ſtays.\n\n### İNFO \u212a ΣΟΦΟΣ\n\n‘ΣΑΣ’ ends ΟΣ\n",
        "---\ntitle: ΟΔΟΣ İS\ndescription: ΣΟΦΟΣ\n---\nΣ. Σ Σ\n\n- ΣΟΣ *ΟΣ* [ΣΑΣ](http://x.y)\n",
        "# ÉTÉ ΟΔΟΣ\n\nΣΟΦΟΣ. Ça va’ “ΣΑΣ” CAFÉ ΣΑΣ:Α.\n",  # folded by lower-casing alone
        "# ſΣ\n\nKelvin \u212a ſtays, ıtem ΣΑΣ.\n",  # no "İ", but other characters fold
    ]
    for text in texts:
        doc = parse(Source("a.md", text))
        v = view(doc)
        for name in TEXT_SCOPES:
            scope = v.scope(doc, name)
            for i, seg in enumerate(scope.segments):
                assert scope.folded(i) == fold(seg.text), name


def test_segments_are_the_pieces_their_scope_names() -> None:
    """Segments are made when asked for: each must be the prose of its sentence, paragraph or
    heading, in order, and "text" the title followed by the headings and paragraphs."""
    from conftest import SEED

    from seolint.match.scopes import segments
    from seolint.parse.markdown import parse
    from seolint.read.source import Source

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
        found = of(regex)
        restored = Needles.restore(json.loads(json.dumps(found.state())))
        assert restored.state() == found.state()
        for text in [*TEXTS, *PIECES, "They utilised it.", "Reports indicate: more"]:
            assert present(restored, text) == present(found, text), text
