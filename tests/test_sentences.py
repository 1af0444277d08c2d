"""Words are found in runs, and the runs give exactly the words of the word pattern."""

from __future__ import annotations

import random
import re
import sys

import pytest
from conftest import CORPORA, SEED, corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seolint.match.casefold import lowered_in_place
from seolint.parse import sentences
from seolint.parse.markdown import parse
from seolint.parse.sentences import RUN_PLAIN, RUN_POSSESSIVE, words
from seolint.read.source import read_source

# The definition: what a word is, and underscore runs left out.
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
PIECES = ["a", "Zé", "9", "_", "__", "-", "'", "’", ".", " ", "  ", "\n", "\t", ",", "“", "—", "%"]


def expected(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w[0] != "_" or w.strip("_")]


def test_words_are_the_matches_of_the_word_pattern_on_random_text() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30)))
        assert words(text, 0, len(text)) == expected(text), repr(text)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive repeats need Python 3.11")
def test_both_run_patterns_give_the_words_of_the_word_pattern() -> None:
    """The plain pattern is used where the possessive one does not compile (Python 3.10)."""
    rng = random.Random(11)
    runs = [re.compile(RUN_POSSESSIVE), re.compile(RUN_PLAIN)]
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30)))
        for run in runs:
            assert " ".join(run.findall(text)).split() == WORD.findall(text), repr(text)


def test_words_of_part_of_a_text_stop_at_its_ends() -> None:
    text = "U.S.-based co-founder's 3.5% rise, it’s __ said"
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            assert words(text, start, end) == expected(text[start:end]), (start, end)


def test_words_of_real_articles_are_the_matches_of_the_word_pattern() -> None:
    for line in SEED.read_text("utf-8").splitlines():
        assert words(line, 0, len(line)) == expected(line), line
    for path in sorted(corpus("bbc_news_human").glob("*.txt"))[:300]:
        for line in path.read_text("utf-8").splitlines():
            assert words(line, 0, len(line)) == expected(line), line


ASCII_PIECES = [*"aZ9_-'.!?\"()[]", " ", "  ", "\n", "\t", "\x1c", "\x1f", "\x0b", "U.S.", "Mr."]


def test_the_ascii_run_pattern_matches_as_the_unicode_one_on_ascii_text() -> None:
    """The words of all-ASCII paragraphs are found with the run pattern compiled for ASCII:
    on such text it must find exactly what the general pattern finds."""
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(ASCII_PIECES) for _ in range(rng.randrange(1, 40)))
        start = rng.randrange(len(text))
        expected = [m.span() for m in sentences._RUN.finditer(text, start)]
        assert [m.span() for m in sentences._RUN_ASCII.finditer(text, start)] == expected, text


def test_sentences_of_ascii_and_other_paragraphs_alike() -> None:
    text = "It rose 3.5% in the U.S. The firm said so. Then \x1cA fell! “Next” came."
    plain = text.replace("“", '"').replace("”", '"')
    assert plain.isascii() and not text.isascii()
    split = [(s.start, s.end, s.words) for s in sentences.split(plain, 0, len(plain))]
    other = [(s.start, s.end, s.words) for s in sentences.split(text, 0, len(text))]
    assert split == other and len(split) == 4


SENTENCE_PIECES = [*ASCII_PIECES, "…", "“", "”", "’", "É", "The", "A", "3", ". ", "! ", "? ", "… "]


def test_paragraphs_without_other_sentence_ends_split_as_with_the_general_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Paragraphs whose sentences end only in full stops are searched with a quicker pattern:
    the sentences must be those the general pattern gives, whatever the text holds."""
    rng = random.Random(13)
    texts = [
        "".join(rng.choice(SENTENCE_PIECES) for _ in range(rng.randrange(1, 40)))
        for _ in range(5000)
    ]
    quick = [[(s.start, s.end, s.words) for s in sentences.split(t, 0, len(t))] for t in texts]
    monkeypatch.setattr(sentences, "_STOP_BOUNDARY", sentences._BOUNDARY)
    for text, found in zip(texts, quick, strict=True):
        general = [(s.start, s.end, s.words) for s in sentences.split(text, 0, len(text))]
        assert found == general, repr(text)


NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?(\w+)")


def _ends_as_defined(text: str, dot: int, after: int) -> bool:
    """A plain reading of where a sentence ends: any "!", "?" or "…"; a full stop unless the
    whitespace-separated token it ends is an abbreviation, an initial, or an acronym not
    followed by a word that starts sentences."""
    if text[dot] != ".":
        return True
    begin = dot  # the token: the run of characters other than whitespace up to the dot,
    # looked for among the characters just before it (``sentences._TOKEN_REACH``)
    reach = max(0, dot - sentences._TOKEN_REACH)
    while begin > reach and not text[begin - 1].isspace():
        begin -= 1
    bare = text[begin : dot + 1].lstrip("\"'“‘([").rstrip(".")
    if bare.lower() in sentences.ABBREVIATIONS or (len(bare) == 1 and bare.isupper()):
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare):
        following = NEXT_WORD.match(text, after)
        return bool(following and following.group(1).lower() in sentences.SENTENCE_STARTERS)
    return True


def reference(text: str, start: int, end: int) -> list[tuple[int, int, list[str]]]:
    """``split``'s sentences as defined, without its tricks: a sentence ends where the
    general break pattern matches and the plain reading says a full stop ends it; its words
    are the word pattern's matches, each in lower case; a sentence without words is left out."""
    piece = text[start:end]
    bounds = [start + len(piece) - len(piece.lstrip())]
    for match in sentences._BOUNDARY.finditer(text, start, end):
        if _ends_as_defined(text, match.start(), match.end()):
            bounds += (match.end(), match.end(1))
    bounds.append(end - len(piece) + len(piece.rstrip()))
    found = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        if low := [w.lower() for w in expected(text[a:b])]:
            found.append((a, b, low))
    return found


def split(text: str, start: int, end: int, *args: str | None) -> list[tuple[int, int, list[str]]]:
    return [(s.start, s.end, s.words) for s in sentences.split(text, start, end, *args)]


ABBREVIATED = ["Mr", "mr", "Jan", "U.S", "u.k", "J", "e.g", "(Dr", "“Sept", "A.B.C", "x", "No"]
ABBREVIATED += ["approx", "APPROX", "xapprox", "Prof", "latest", "Est", "3pm", "2019", "É", "sat"]


def test_full_stops_end_sentences_as_defined() -> None:
    """Abbreviations, initials and acronyms (quoted or bracketed, in any case, before a
    sentence starter or not) end a sentence exactly where the plain reading says, and words
    that end in letters of an abbreviation ("latest") end it as other words do."""
    rng = random.Random(21)
    pieces = [*SENTENCE_PIECES, *(a + "." for a in ABBREVIATED), " The ", " the ", "\n"]
    for _ in range(5000):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " ", "  ", "\n", "\t"]) for _ in range(30)
        )
        spans = [(a, b) for a, b, _ in reference(text, 0, len(text))]
        assert [(s.start, s.end) for s in sentences.split(text, 0, len(text))] == spans, text


CASED_PIECES = [*SENTENCE_PIECES, "Σ", "ΣΑΣ", "σ", "İ", "İstanbul", "\u212a", "ǅ", "ẞ", ":", "’Σ"]


def test_sentence_words_are_the_words_as_written_in_lower_case() -> None:
    """A sentence's words are lower-cased with its text; that must give each word lower-cased
    alone, final sigmas and dotted capitals included."""
    rng = random.Random(34)
    for _ in range(5000):
        text = "".join(rng.choice(CASED_PIECES) for _ in range(rng.randrange(1, 40)))
        for s in sentences.split(text, 0, len(text)):
            assert s.words == [w.lower() for w in expected(text[s.start : s.end])], repr(text)


# Text for the word trick (sentences.word_text): joiners alone, doubled and at the ends,
# underscores, digits, quotes and whitespace of every kind, Latin-1 letters and controls, the
# curly apostrophe and the byte that stands for it, and letters beyond Latin-1 (the regex path).
WORD_PIECES = [*"aZ9_-'.!?\"()[],;:%/", "word", "The", "A", "U.S.", "Mr.", "approx.", "3.5"]
WORD_PIECES += ["e.g.", "__", "_x_", "--", "''", "-'", "'-", "..", "...", " .", ". ", ".-"]
WORD_PIECES += ["’", "’’", "-’", " ", "  ", "\n", "\n\n", "\t", "\x0b", "\x1c", "\x85", "\xa0"]
WORD_PIECES += [*"\u2028…“”‘—£éÉßÿ²½ªµ\x80\x81×¿", "Σ", "ΣΑΣ", "İ", "\u212a", "ſ", "中", "ǅ"]
WORD_PIECES += ["\u0307", "\U0001d7d8", "\ufffd", "\udc80"]


@st.composite
def _texts_and_spans(draw) -> tuple[str, int, int]:
    text = "".join(draw(st.lists(st.sampled_from(WORD_PIECES), min_size=1, max_size=40)))
    start = draw(st.integers(0, len(text)))
    return text, start, draw(st.integers(start, len(text)))


@settings(
    max_examples=1500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_texts_and_spans())
def test_split_gives_the_sentences_and_words_as_defined(case: tuple[str, int, int]) -> None:
    """The word trick (one translation of the text, joiners that are not between two word
    characters blanked, each sentence's part split at spaces) gives the word pattern's words,
    with or without the lower-cased text and the word text of the whole text given."""
    text, start, end = case
    want = reference(text, start, end)
    assert split(text, start, end) == want
    lowered = lowered_in_place(text)
    if lowered is not None:
        assert split(text, start, end, lowered) == want
        spaced = sentences.word_text(lowered)
        assert split(text, start, end, lowered, spaced) == want
        assert split(text, 0, len(text), lowered, spaced) == reference(text, 0, len(text))


def test_the_sentences_of_the_corpora_are_as_defined() -> None:
    """Every paragraph of the shared corpora (each run of lines without a blank one, in the
    file's text, with the word text of the whole text, as the parser splits its prose), and
    the parsed paragraphs of every tenth file, have the sentences and words of the definition."""
    paths = sorted(p for p in CORPORA.glob("*/**/*") if p.suffix in (".txt", ".md"))
    if not paths:
        pytest.skip("shared corpora not available")
    paragraphs = 0
    for path in [SEED, *paths]:
        text = read_source(str(path)).text
        lowered = lowered_in_place(text)
        spaced = None if lowered is None else sentences.word_text(lowered)
        for block in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
            start, end = block.span()
            want = reference(text, start, end)
            assert split(text, start, end, lowered, spaced) == want, (path, start)
            paragraphs += 1
    for path in [SEED, *paths[::10]]:
        doc = parse(read_source(str(path)))
        for para in doc.paragraphs:
            found = [(s.start, s.end, s.words) for s in para.sentences]
            assert found == reference(doc.prose, para.start, para.end), (path, para.start)
    assert paragraphs > 20_000
