"""The phrase matcher (``seolint.match.phrases``): its speed tricks only ever rule text out.

Every trick (the needles, the rule set's one needle index, word sets, the memos on the
document's view, searching the first segments before locating needles) sits behind
``PhraseMatcher.matches``; ``PhraseMatcher.search`` runs the pattern over one segment with
none of them. Both must give the same matches, for every built-in phrase rule in every scope,
on the corpora (when present) and on generated articles.
"""

from __future__ import annotations

import json
import re
import types
from itertools import islice
from pathlib import Path

import pytest
from conftest import CORPORA, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seolint.match import needles as needles_module
from seolint.match import phrases, rule_regex, sre_internals
from seolint.match.phrases import PhraseMatcher, WholeMatcher
from seolint.match.scopes import TEXT_SCOPES, segments
from seolint.parse.markdown import parse
from seolint.read.source import Source
from seolint.rules.kinds.base import Context
from seolint.rules.load import load_folder
from seolint.rules.locate import builtin_dir
from seolint.rules.select import build
from seolint.run.config import Config

RULESET = build(Config())  # the built-in rules, their matchers filed in one needle index
MATCHERS = [m for r in RULESET.all.values() for m in r.checker.matchers()]
PHRASES = [m for m in MATCHERS if not isinstance(m, WholeMatcher)]
WHOLE = [m for m in MATCHERS if isinstance(m, WholeMatcher)]


def with_tricks(matcher: PhraseMatcher, doc, scope: str, first: bool = False) -> list:
    return [(i, a, b) for i, _, a, b in matcher.matches(doc, scope, first)]


def plain(matcher: PhraseMatcher, doc, scope: str) -> list:
    """Every segment of the scope searched, nothing ruled out."""
    count = len(segments(doc, scope))
    return [(i, a, b) for i in range(count) for a, b in matcher.search(doc, scope, i)]


# Matchers with sure words (``PhraseMatcher.certain``): the built-in ones, and one of short
# words that sit next to joiners, digits and letters that fold to ASCII in the generated text.
SURE = [m for m in PHRASES if m.sure]
SURE.append(PhraseMatcher.phrases([], [r"\b(?:s|t|i|k|the|said|king|a b)\b"], True, "patterns"))


def assert_certain_is_sure(doc) -> int:
    """Where a matcher says it is certain to match, searching every segment finds a match;
    how many times it was certain."""
    certain = 0
    for matcher in SURE:
        for scope in ("body", "paragraph", "sentence"):
            if matcher.certain(doc, scope):
                certain += 1
                assert plain(matcher, doc, scope), (matcher.plain, scope)
    return certain


def assert_same_matches(text: str) -> int:
    """Matches with and without the tricks, for every matcher in every scope; the number of
    matches found (so that a test can check it exercised something)."""
    doc = parse(Source("a.md", text))
    assert_certain_is_sure(doc)
    found = 0
    for matcher in PHRASES:
        for scope in TEXT_SCOPES:
            expected = plain(matcher, doc, scope)
            assert with_tricks(matcher, doc, scope) == expected, (matcher.plain, scope)
            if scope in ("body", "sentence"):  # the first few segments searched first
                assert with_tricks(matcher, doc, scope, True) == expected, matcher.plain
                if expected:
                    first = islice(matcher.matches(doc, scope, True), 1)
                    assert [(i, a, b) for i, _, a, b in first] == expected[:1]
            found += len(expected)
    for matcher in WHOLE:
        for scope in ("body", "heading", "sentence"):
            pieces = segments(doc, scope)
            expected = [
                pieces[i] for i in range(len(pieces)) if matcher.fullmatch(pieces[i].text.strip())
            ]
            assert [seg for seg, _ in matcher.whole_segments(doc, scope)] == expected
    return found


def corpus_texts() -> list[str]:
    texts = [SEED.read_text("utf-8")]
    for pattern in ("bbc_news_human/*.txt", "hashnhedge_ai_contentfarm/*/*.md"):
        paths = sorted(CORPORA.glob(pattern))
        texts += [p.read_text("utf-8") for p in paths[:: max(1, len(paths) // 25)]]
    paths = sorted(CORPORA.glob("llmfake_open_models/*/*/*.txt"))
    texts += [p.read_text("utf-8") for p in paths[:: max(1, len(paths) // 25)]]
    return texts


def test_the_tricks_find_what_searching_everything_finds_on_the_corpora() -> None:
    texts = corpus_texts()
    if len(texts) < 50:
        pytest.skip("shared corpora not available")
    assert sum(assert_same_matches(text) for text in texts) > 500


# Generated articles: the built-in rules' own words, in several cases, glued with the
# characters that move word bounds (RE2's \b knows ASCII only), fold to ASCII letters, or
# have no case, under headings and front matter.
_WORDS = sorted(
    {
        word
        for m in PHRASES
        for part in (m.bounded, m.plain)
        if part
        for word in re.findall(r"[a-z]{2,}", part.lower())
    }
)
_GLUE = [" ", " ", " ", "", "-", "'", "’", ".", ". ", ", ", ": ", "\n", "é", "ı", "İ", "\u212a"]
_GLUE += ["ſ", "Σ", "_", "“", "”", '"', "3", "  ", "\t", "ß", "n"]
_word = st.sampled_from(_WORDS).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.title(), w[:1].upper() + w[1:]])
)
_run = st.lists(st.tuples(_word, st.sampled_from(_GLUE)), min_size=1, max_size=14).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)
_block = st.one_of(
    _run.map(lambda t: t.replace("\n", " ") + "."),
    _run.map(lambda t: "## " + t.replace("\n", " ")),
    _run.map(lambda t: "> " + t.replace("\n", " ")),
    _run,
)


@st.composite
def _articles(draw) -> str:
    blocks = draw(st.lists(_block, min_size=1, max_size=7))
    head = ""
    if draw(st.booleans()):
        title = draw(_run).replace("\n", " ").replace('"', "")
        description = draw(_run).replace("\n", " ").replace('"', "")
        head = f'---\ntitle: "{title}"\ndescription: "{description}"\n---\n'
    return head + "\n\n".join(blocks) + "\n"


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_articles())
def test_the_tricks_find_what_searching_everything_finds_on_generated_articles(text) -> None:
    assert_same_matches(text)


def test_generated_text_exercises_the_rules() -> None:
    """The generator's pieces are worth their runs: glued at random, they make matches."""
    import random

    rng = random.Random(7)
    found = 0
    for _ in range(40):
        words = [rng.choice(_WORDS) + rng.choice(_GLUE) for _ in range(60)]
        found += assert_same_matches("".join(words) + "\n")
    assert found > 20


def test_ascii_word_bounds_next_to_other_letters_are_kept() -> None:
    """RE2's \\b knows ASCII letters only: "amidst" is a whole word in "éamidst" to it. The
    needle test must not rule that match out (it did: the sentence scope missed it)."""
    opts = {"tokens": [], "patterns": [r"\bamidst\b", r"\Wsaid\b"], "ignorecase": True}
    matcher = PhraseMatcher.phrases(opts["tokens"], opts["patterns"], True, "patterns")
    doc = parse(Source("a.md", "They met éamidst the rain. Lee éamidstü said ésaid no.\n"))
    for scope in ("sentence", "paragraph", "first-sentence", "text"):
        assert with_tricks(matcher, doc, scope) == plain(matcher, doc, scope) != [], scope


# Generated patterns: words (ASCII or not) between the bounds RE2 and seolint write (\b, \W,
# \s, spaces, edges, tokens' own bounds), alternated, with optional letters and small classes;
# texts glue the same words to letters of any script, digits, underscores and punctuation.
_BOUNDS = [r"\b", r"\b", r"\W", r"\s", " ", "^", "$", "", "-", r"\B"]
_PATTERN_WORDS = ["said", "café", "amidst", "naïve", "utili[sz]e", "colou?r", "x", "é", "ük"]
_TEXT_PIECES = ["said", "café", "amidst", "naïve", "utilise", "utilize", "color", "colour"]
_TEXT_PIECES += ["x", "é", "ük", "SAID", "Café", " ", " ", "-", "’", ".", "_", "ü", "3", "ı"]
_TEXT_PIECES += ["\u212a", "ſ", "a", "ésaid", "saidü", "caféx", "éamidst"]
_alternative = st.tuples(
    st.sampled_from(_BOUNDS),
    st.lists(st.sampled_from(_PATTERN_WORDS), min_size=1, max_size=2).map(" ".join),
    st.sampled_from(_BOUNDS),
).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.lists(_alternative, min_size=1, max_size=3).map("|".join),
    st.lists(st.sampled_from(["said", "café", "a new café", "naïve x", "ük"]), max_size=2),
    st.lists(st.sampled_from(_TEXT_PIECES), min_size=1, max_size=24).map("".join),
    st.booleans(),
)
def test_needles_of_any_pattern_never_rule_out_a_match(pattern, tokens, text, ignorecase) -> None:
    try:
        matcher = PhraseMatcher.phrases(tokens, [pattern], ignorecase, "patterns")
    except rule_regex.PatternError:
        return  # not a pattern RE2 runs
    doc = parse(Source("a.md", f"# {text}\n\n{text}.\n\n{text} {text}\n"))
    for scope in ("sentence", "paragraph", "heading", "text", "first-sentence"):
        assert with_tricks(matcher, doc, scope) == plain(matcher, doc, scope), (pattern, scope)


_BOUND_TEXT = ["said", "SAID", "game-changer", "x", " ", "-", "_", "é", "—", "“", "”", "’", "🎉"]
_BOUND_TEXT += ["\u212a", "ſ", "\u0345", "ι", "١", "Σ", "ß", "\n", ".", "3", "k", "s"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(["said", "game-changer", "x", "s", "k", "é"]), min_size=1, max_size=3),
    st.lists(st.sampled_from(_BOUND_TEXT), max_size=16).map("".join),
    st.booleans(),
    st.booleans(),
)
def test_bounds_written_for_ascii_find_what_the_full_bounds_find(phrases, text, ignorecase, padded):
    """Bounds and padding written for ASCII are used where a text has no word character
    outside ASCII; everywhere, they must find what the bounds of every script find."""
    flags = re.IGNORECASE if ignorecase else 0
    bounded = "|".join(re.escape(p) for p in phrases)
    auto, full = rule_regex.compile(bounded, None, flags), rule_regex.compile(bounded, None, flags)
    whole_auto = rule_regex.Whole(bounded, "x+", flags, padded)
    whole_full = rule_regex.Whole(bounded, "x+", flags, padded)
    expected = (list(_forced_full(full.spans, text)), _forced_full(whole_full.match, text))
    assert (list(auto.spans(text)), whole_auto.match(text)) == expected, (phrases, text)


def test_letters_case_insensitive_matching_equates_are_not_bounds() -> None:
    """Case-insensitively, RE2 takes "\u0345" (a combining mark) for the letter iota it
    folds with, and the Kelvin sign for "k": next to them a phrase has no bound."""
    for text in ("said\u0345 x", "\u212asaid x", "saidſ x", "x said\u0345"):
        pattern = rule_regex.compile("said", None, re.IGNORECASE)
        assert list(pattern.spans(text)) == list(_forced_full(pattern.spans, text)) == [], text
        whole = rule_regex.Whole("said", None, re.IGNORECASE, True)
        assert whole.match(text.replace(" x", "")) is _forced_full(whole.match, text[:5]) is False


def test_no_punctuation_symbol_or_space_is_a_word_character_to_re2() -> None:
    """What lets a text of curly quotes, dashes and currency signs use the bounds written for
    ASCII without asking RE2 about each character: over every code point, either way."""
    import sys
    import unicodedata

    for flags in (0, re.IGNORECASE):
        bound = rule_regex._re2(rule_regex._NOT_WORD, flags)
        for code in range(0x80, sys.maxunicode + 1):
            char = chr(code)
            if unicodedata.category(char)[0] in "PSZ":
                assert bound.fullmatch(char.encode()), hex(code)


def _forced_full(call, text):
    """``call(text)`` with the bounds of every script, whatever the text."""
    saved = rule_regex._ascii_will_do
    rule_regex._ascii_will_do = lambda text, flags: False
    try:
        found = call(text)
        return list(found) if not isinstance(found, bool) else found
    finally:
        rule_regex._ascii_will_do = saved


def test_words_outside_ascii_are_not_whole_to_re2s_word_bound() -> None:
    """After "é", RE2's \b needs an ASCII letter: "\bcafé\b" matches in "caféx", where the
    word is "caféx". Such a word must not be looked up whole."""
    matcher = PhraseMatcher.phrases([], [r"\bcafé\b"], True, "patterns")
    doc = parse(Source("a.md", "A caféx here.\n"))
    assert with_tricks(matcher, doc, "sentence") == plain(matcher, doc, "sentence") != []


def test_a_document_without_a_rules_words_costs_the_rule_no_search() -> None:
    """The point of the needle index: a rule whose anchors are not in the document never
    compiles nor runs its pattern there."""
    cliche = RULESET.all["cliche"].checker.matcher
    fresh = phrases.restore(json.loads(json.dumps(cliche.state())))
    phrases.NeedleIndex([fresh, *PHRASES])
    doc = parse(Source("a.md", "# Talks resume\n\nOfficials met on Monday. Nothing else.\n"))
    assert list(fresh.matches(doc, "text")) == []
    assert fresh._regex is None  # never compiled, so never searched


def test_matchers_restored_from_the_rule_cache_find_the_same() -> None:
    text = SEED.read_text("utf-8") + "\nIt is a game-changer, a new chapter, amidst talks.\n"
    doc = parse(Source("a.md", text))
    for matcher in MATCHERS:
        restored = phrases.restore(json.loads(json.dumps(matcher.state())))
        assert type(restored) is type(matcher)
        assert restored.state() == matcher.state()
        if isinstance(matcher, WholeMatcher):
            continue
        for scope in TEXT_SCOPES:
            assert with_tricks(restored, doc, scope) == with_tricks(matcher, doc, scope)


# CPython's regex internals in odd shapes: the analysis must give no needles for the pattern
# (never raise), and the rules then find what they find with needles.
def _internals(**changes) -> sre_internals.Internals:
    real = sre_internals.INTERNALS
    assert real is not None
    parts = {"parser": real.parser, "constants": real.constants, "extra": real.extra_cases}
    parts.update(changes)
    return sre_internals.Internals(parts["parser"], parts["constants"], parts["extra"])


def _parser(tree) -> types.SimpleNamespace:
    return types.SimpleNamespace(parse=lambda pattern, flags: tree(pattern))


def _c():
    return sre_internals.INTERNALS.constants


ODD = {
    "parse-raises": lambda: _internals(parser=_parser(lambda p: 1 / 0)),
    "tree-not-a-list": lambda: _internals(parser=_parser(lambda p: 42)),
    "items-of-three": lambda: _internals(parser=_parser(lambda p: [(1, 2, 3)])),
    "literal-as-text": lambda: _internals(parser=_parser(lambda p: [(_c().LITERAL, "a")] * 3)),
    "literal-out-of-range": lambda: _internals(
        parser=_parser(lambda p: [(_c().LITERAL, -5), (_c().LITERAL, 2**40)])
    ),
    "branch-of-one": lambda: _internals(parser=_parser(lambda p: [(_c().BRANCH, (None,))])),
    "repeat-of-two": lambda: _internals(parser=_parser(lambda p: [(_c().MAX_REPEAT, (1, 2))])),
    "subpattern-empty": lambda: _internals(parser=_parser(lambda p: [(_c().SUBPATTERN, ())])),
    "unknown-opcodes": lambda: _internals(parser=_parser(lambda p: [("?", None), (object(), 1)])),
    "opcodes-gone": lambda: _internals(constants=types.SimpleNamespace()),
    "case-table-not-a-dict": lambda: _internals(extra=[]),
    "nested-trees-wrong": lambda: _internals(
        parser=_parser(
            lambda p: [(_c().IN, [(_c().LITERAL, 97), "x"]), (_c().ASSERT_NOT, (1, None))]
        )
    ),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_internals_of_odd_shapes_turn_the_pre_filter_off_for_the_pattern(monkeypatch, name) -> None:
    monkeypatch.setattr(needles_module, "INTERNALS", ODD[name]())
    patterns = [r"\bsaid\b", "a new chapter", r"(?:x|y)+z", r"[ab]c?d"]
    if name == "case-table-not-a-dict":  # only read for letters outside ASCII
        patterns = ["café", r"\bnaïve\b"]
    for pattern in patterns:
        assert needles_module.needles(pattern, re.IGNORECASE) is None
    rules = load_folder(builtin_dir())  # loads: a phrase rule has no needles, or sound ones
    if name != "case-table-not-a-dict":
        assert all(m.needles is None for r in rules for m in r.checker.matchers())
    text = SEED.read_text("utf-8") + "\nExperts say it is a game-changer, according to reports.\n"
    doc = parse(Source("a.md", text))
    ctx = Context()
    got = {r.id: [(f.start, f.end) for f in r.checker.check(doc, ctx)] for r in rules}
    doc = parse(Source("a.md", text))
    ctx = Context()
    want = {r.id: [(f.start, f.end) for f in r.checker.check(doc, ctx)] for r in RULESET.rules}
    assert {k: v for k, v in got.items() if k in want} == want


def test_patterns_python_reads_otherwise_than_re2_have_no_needles() -> None:
    """A POSIX class ("[[:alpha:]]") is a class to RE2, but "[", ":" ... and a "]" to Python:
    needles read from Python's tree would be wrong, so there are none."""
    assert needles_module.needles(r"x[[:alpha:]]y", 0) is None
    assert needles_module.needles(r"x[a[:^digit:]]y", 0) is None
    # Classes that merely begin with ":" or "." read alike: they keep their needles.
    for pattern in (r"label\s*[:!]", r"\d+[.)]\s*key"):
        assert needles_module.needles(pattern, re.IGNORECASE) is not None, pattern
    with pytest.warns(FutureWarning):  # "&&" in a class: a literal to both (Python warns)
        assert needles_module.needles(r"[a&&b]cd", 0) is not None
    m = PhraseMatcher.phrases([], [r"ab[[:digit:]]cd"], True, "patterns")
    doc = parse(Source("a.md", "Say ab7cd now.\n"))
    assert with_tricks(m, doc, "sentence") == plain(m, doc, "sentence") == [(0, 4, 9)]


def test_case_folding_lives_in_one_module() -> None:
    """Nothing but seolint.match.casefold folds case for matching: the other modules import
    it (no module spells out the characters that fold to ASCII letters)."""
    root = Path(__file__).resolve().parent.parent / "seolint"
    spelled = ("\\u0130", "\\u212a", "\\u017f", "İ", "ſ")
    for path in sorted(root.rglob("*.py")):
        if path.name == "casefold.py":
            continue
        text = path.read_text("utf-8")
        assert not any(s in text for s in spelled), path.relative_to(root)


def test_sure_words_are_the_single_words_of_a_bounded_alternation() -> None:
    assert phrases.sure_words([r"\b(?:said|says|according to)\b", r"\btold\b"]) == (
        "said",
        "says",
        "told",
    )
    # Anything else (a repeat, a class, more after the bound, capitals) gives none.
    odd = [r"\b(?:said|says)+\b", r"\b[a-z]aid\b", r"\bsaid\b\s+\w", r"\bSaid\b", r"said"]
    assert phrases.sure_words(odd) == ()
    assert not PhraseMatcher.phrases([], [r"\bsaid\b"], False, "patterns").sure  # case counts
    builtin = [m for m in PHRASES if m.sure]
    assert builtin, "no-source's reporting verbs"


def test_a_matcher_is_certain_only_where_a_search_finds_a_match_on_the_corpora() -> None:
    texts = corpus_texts()
    if len(texts) < 50:
        pytest.skip("shared corpora not available")
    docs = [parse(Source("a.md", text)) for text in texts]
    assert sum(assert_certain_is_sure(doc) for doc in docs) > 100


@pytest.mark.parametrize(
    "text",
    [
        "İt was here.",  # a dotted capital I: its lower case is two characters
        "\u212aing was here.",  # the Kelvin sign lower-cases to k, and is no word to RE2
        "ſaid was here.",  # a long s folds to s
        "Well-said, she said_ it; don't. U.S. 3.5 café_s",
    ],
)
def test_a_matcher_is_not_certain_of_words_that_folding_or_joining_made(text) -> None:
    doc = parse(Source("a.md", f"# A headline\n\n{text}\n"))
    assert_certain_is_sure(doc)
    assert SURE[-1].certain(doc, "body") == ("said" in text.lower())


def test_sure_words_come_back_from_the_rule_cache() -> None:
    matcher = PhraseMatcher.phrases([], [r"\b(?:said|told)\b"], True, "patterns")
    again = phrases.restore(json.loads(json.dumps(matcher.state())))
    assert again.sure == matcher.sure == ("said", "told")
