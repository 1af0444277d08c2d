"""Case-insensitive phrase regexes run case-sensitively over folded text: the same matches."""

from __future__ import annotations

import random
import re
import sys

import pytest
from conftest import CORPORA, ROOT, SEED

from seolint.match import rule_regex
from seolint.match.casefold import caseless, fold, fold_pattern, lowered_in_place
from seolint.rules.kinds.phrases import Existence, Occurrence
from seolint.rules.load import load_folder

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_folding_keeps_every_character_in_its_place_and_class() -> None:
    folded = fold(EVERY_CHARACTER)
    assert len(folded) == len(EVERY_CHARACTER)
    for category in (r"\w", r"\d", r"\s"):
        pattern = re.compile(category)
        kept = [m.start() for m in pattern.finditer(EVERY_CHARACTER)]
        assert [m.start() for m in pattern.finditer(folded)] == kept, category


def test_text_lowered_line_by_line_is_the_text_lowered_whole() -> None:
    """``lowered_in_place`` lowers the lines of a text that is not all ASCII one by one: the
    same as ``str.lower`` (with a capital sigma, whose lower case looks at its neighbours,
    it lowers the whole; with a dotted capital I, which lowers to two characters, None)."""
    pieces = ["A", "b", " ", "\n", "’", "“", "É", "ß", "Σ", "ΑΣ", "'", "\u0345", "Ǆ", "ẞ", "\u212a"]
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 20)))
        assert lowered_in_place(text) == text.lower(), repr(text)
    assert lowered_in_place("Line one.\nİstanbul") is None
    lines = [EVERY_CHARACTER[i : i + 97] for i in range(0, len(EVERY_CHARACTER), 97)]
    every = "\n".join(lines).replace("\u0130", "I").replace("Σ", "S")  # the line-by-line path
    assert lowered_in_place(every) == every.lower()


@pytest.mark.parametrize("letter", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
def test_a_folded_letter_is_what_ignorecase_matches_to_it(letter: str) -> None:
    """Over every code point: IGNORECASE matches the letter exactly where the folded text
    holds its lower case (which is what the rewritten pattern looks for)."""
    ignoring = [m.start() for m in re.finditer(letter, EVERY_CHARACTER, re.IGNORECASE)]
    folded = fold(EVERY_CHARACTER)
    assert [m.start() for m in re.finditer(letter.lower(), folded)] == ignoring


def test_characters_without_case_match_only_themselves() -> None:
    for char in "“”‘’–—…•€£©«»°½":
        assert caseless(char)
        ignoring = [m.start() for m in re.finditer(re.escape(char), EVERY_CHARACTER, re.I)]
        assert ignoring == [EVERY_CHARACTER.index(char)], char
    for char in "éÉßσΣǅ\u0130\u0131\u017f\u212a":
        assert not caseless(char), char


UNSURE = [
    "(?i:a)",  # inline flags
    "(?P<name>a)",  # named group
    r"(a)\1",  # back reference
    r"\x41",  # a letter written as an escape
    r"[\x41-\x5a]",
    "é",  # a cased letter outside ASCII
    "[À-ÿ]",
    "[0-z]",  # a range across cases
    r"[\--a]",  # a range from an escape
    "[a",  # unclosed
]


@pytest.mark.parametrize("pattern", UNSURE)
def test_patterns_it_cannot_be_sure_of_are_left_to_ignorecase(pattern: str) -> None:
    assert fold_pattern(pattern) is None


HAND_WRITTEN = [
    r"\bsaid\b",
    r"(?<!have )Reported",
    r"[\"“][^\"”\n]{20,}[\"”]",
    r"[A-C]x|[^A-Z0-9]+",
    r"[]a]b|[^]A]",
    r"\bSEO\b|\Bk\B|(?=sI)s",
    r"[\w-]+ (?:Key|kelvin)s?:",
    r"–\s*[A-Za-z]{2,4}",
]
if sys.version_info >= (3, 11):  # atomic groups are Python 3.11 syntax
    HAND_WRITTEN.append(r"(?>Is|it)+[\s.]*")
PIECES = [*"aAsSkKiIbBxX0- .,:'\"“”\n", "\u0130", "\u0131", "\u017f", "\u212a", "é", "É", "ß"]
PIECES += ["said", "SAID", "Reported", "have reported", "seo", "SEO", "key:", "KEY:", "Is it"]


def assert_same_matches(regex: re.Pattern[str], texts: list[str]) -> None:
    pattern = fold_pattern(regex.pattern)
    assert pattern is not None, regex.pattern
    folded = re.compile(pattern, regex.flags & ~re.IGNORECASE)
    for text in texts:
        expected = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in folded.finditer(fold(text))] == expected, (regex.pattern, text)


def random_texts(seed: int, pieces: list[str], count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(count)]


@pytest.mark.parametrize("pattern", HAND_WRITTEN)
def test_hand_written_patterns_match_alike(pattern: str) -> None:
    assert_same_matches(re.compile(pattern, re.IGNORECASE), random_texts(3, PIECES, 3000))


def test_every_built_in_phrase_rule_matches_alike_on_random_and_real_text() -> None:
    rules = [
        r
        for r in load_folder(ROOT / "rules")
        if isinstance(r.checker, Existence | Occurrence) and r.checker.opts["ignorecase"]
    ]  # a case-sensitive rule (dangling-lede, cut-off-start) has nothing to fold
    folded = [r for r in rules if r.checker.matcher.folded is not None]
    assert len(folded) >= len(rules) - 2, [r.id for r in rules if r.checker.matcher.folded is None]
    texts = SEED.read_text("utf-8").splitlines()
    for path in sorted((CORPORA / "hashnhedge_ai_contentfarm").rglob("*.md"))[:100]:
        texts += path.read_text("utf-8").splitlines()
    for rule in folded:
        words = re.findall(r"[\w’']+|\W", " ".join(rule.checker.opts["tokens"]))
        words += re.findall(r"[A-Za-z]+", " ".join(rule.checker.opts["patterns"]))
        pieces = [*PIECES, *words, *(w.upper() for w in words), *(w.title() for w in words)]
        m = rule.checker.matcher
        regex = rule_regex.compile(m.bounded, m.plain, m.flags)
        assert_same_rule_matches(regex, texts + random_texts(5, pieces, 500))


def assert_same_rule_matches(regex, texts: list[str]) -> None:
    """As assert_same_matches, for a rule pattern, which runs on RE2 (see seolint.match.rule_regex).

    RE2's \\b and \\w know ASCII letters only: where folding turns a letter into an ASCII
    one ("ı" into "i", "K" into "k") a word bound may move, so such texts are left out."""
    parts = [fold_pattern(p) if p is not None else None for p in (regex.bounded, regex.plain)]
    folded = rule_regex.compile(*parts, regex.flags & ~re.IGNORECASE)
    for text in texts:
        if any(not c.isascii() and fold(c).isascii() for c in text):
            continue
        expected = list(regex.spans(text))
        assert list(folded.spans(fold(text))) == expected, (regex.pattern, text)


PATTERN_PIECES = [*"aBzZ[]()?*+{}|^$.\\-,:09", "\\Q", "\\q", "\\B", "\\b", "\\N{EM DASH}"]
PATTERN_PIECES += ["\\N{em dash}", "(?<=", "(?<!", "(?:", "\\1", "[a-Z]", "[A-z]", "{2,1}"]


def test_a_rewritten_pattern_is_valid_exactly_when_its_original_is() -> None:
    """Phrase rules compile only the folded regex when there is one (the original only if it
    is ever used), so a bad pattern must fail there too, and a good one never."""
    rng = random.Random(8)
    rewritten = 0
    for _ in range(60000):
        pattern = "".join(rng.choice(PATTERN_PIECES) for _ in range(rng.randint(1, 8)))
        folded = fold_pattern(pattern)
        if folded is None:
            continue
        rewritten += 1
        assert _compiles(folded, 0) == _compiles(pattern, re.IGNORECASE), pattern
    assert rewritten > 10000


def _compiles(pattern: str, flags: int) -> bool:
    try:
        re.compile(pattern, flags)
    except re.error:
        return False
    return True


def test_a_bad_pattern_is_reported_whether_or_not_it_folds() -> None:
    from seolint.rules.kinds.options import OptionError

    opts = {name: option.default for name, option in Existence.options.items()}
    for bad in ("(?<=ab|c)x", "abc(", "[a-Z]", "\\q"):
        with pytest.raises(OptionError, match="bad regular expression"):
            Existence("{match}", None, None, {**opts, "patterns": [bad]})
