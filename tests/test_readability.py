"""Readability matches textstat, offline, without loading the whole pronouncing dictionary."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, corpus

textstat = pytest.importorskip("textstat")


def test_syllables_match_textstat_on_dictionary_words():
    from seolint.parse.readability import syllables

    words = "the international community hyphenation geopolitics abandon everything labour shares".split()
    for word in words:
        assert syllables(word) == textstat.syllable_count(word), word


def test_flesch_matches_textstat_on_bbc_articles():
    """Same formula and dictionary; only words outside the dictionary are estimated differently."""
    from seolint.parse.readability import flesch_reading_ease

    folder = corpus("bbc_news_human")
    gaps = []
    for path in sorted(folder.glob("*.txt"))[:100]:
        body = path.read_text(encoding="utf-8").split("\n", 2)[2]
        words = re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", body)
        sentences = max(1, textstat.sentence_count(body))
        syllables = sum(textstat.syllable_count(w.lower()) for w in words)
        reference = 206.835 - 1.015 * len(words) / sentences - 84.6 * syllables / len(words)
        gaps.append(abs(flesch_reading_ease(words, sentences) - reference))
    gaps.sort()
    assert gaps[len(gaps) // 2] < 1.0
    assert gaps[-1] < 10


def test_flesch_runs_offline_without_nltk_or_full_dictionary_load(tmp_path):
    code = (
        "import sys, seolint.parse.readability as r;"
        "print(round(r.flesch_reading_ease('The cat sat on the mat'.split(), 1), 1));"
        "print('nltk' in sys.modules, 'textstat' in sys.modules, 'pyphen' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    score, modules = proc.stdout.splitlines()
    assert float(score) > 100
    assert modules == "False False False"


def test_only_words_spelled_as_the_dictionary_spells_are_looked_up():
    """Words with other characters (digits...) skip the search: the dictionary must hold none."""
    from seolint.parse.readability import _SPELLING, _dictionary, estimate, syllables

    data = bytes(_dictionary().data)
    spelled = {line.split(b" ")[0].split(b"(")[0].decode() for line in data.split(b"\n") if line}
    assert all(not word.strip(_SPELLING) for word in spelled)
    assert syllables("2024") == 1
    assert syllables("Covid-19") == estimate("covid-19") == 2


def test_flesch_matches_textstat_on_the_seed():
    """The oracle on an article every checkout has (the corpora above may be absent)."""
    from conftest import SEED

    from seolint.parse.readability import flesch_reading_ease

    body = SEED.read_text(encoding="utf-8")
    words = re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", body)
    sentences = max(1, textstat.sentence_count(body))
    syllables = sum(textstat.syllable_count(w.lower()) for w in words)
    reference = 206.835 - 1.015 * len(words) / sentences - 84.6 * syllables / len(words)
    assert abs(flesch_reading_ease(words, sentences) - reference) < 0.5


def test_the_syllable_memo_is_bounded_and_flesch_is_the_same_through_it(monkeypatch):
    """Flesch reads remembered words straight from the memo and counts the others: the score
    is the same with the memo empty, full or emptied part way, and it never outgrows its size."""
    from collections import Counter

    from seolint.parse import readability

    words = "the government announced an extraordinary plan on Tuesday said officials".split()
    counts = Counter(words * 3)
    readability.forget()
    cold = readability.flesch_from_counts(counts, 2)
    warm = readability.flesch_from_counts(counts, 2)
    monkeypatch.setattr(readability, "_MEMO_SIZE", 4)
    readability.forget()
    small = readability.flesch_from_counts(counts, 2)
    assert cold == warm == small
    assert 0 < len(readability._memo) <= 4
    # A memo that fills part way through an article is emptied first, then holds its words.
    monkeypatch.setattr(readability, "_MEMO_SIZE", 12)
    readability.forget()
    readability.flesch_from_counts(Counter(["one", "two", "three", "four"]), 1)
    assert readability.flesch_from_counts(counts, 2) == cold
    assert set(readability._memo) == set(counts)
    expected = (
        206.835
        - 1.015 * 30 / 2
        - 84.6 * sum(3 * textstat.syllable_count(w.lower()) for w in dict.fromkeys(words)) / 30
    )
    assert abs(cold - expected) < 1e-9
    readability.forget()


def test_the_rule_passes_the_word_count_flesch_would_sum():
    """The flesch rule gives the document's word count, known already; it is the sum of the
    word counts Flesch would otherwise add up (the seed, and generated texts with blanks,
    joiners and words outside ASCII)."""
    from conftest import SEED

    from seolint.parse.markdown import parse
    from seolint.parse.readability import flesch_from_counts
    from seolint.read.source import Source

    texts = [SEED.read_text("utf-8")]
    texts += [
        "# Head\n\nIt's a well-known U.S. firm, ___ said. Café owners’ 3.5% rise!\n\n"
        "> Quoted __ text here.\n\n- a list item, with words\n"
    ]
    for text in texts:
        doc = parse(Source("a.md", text))
        counts = doc.word_counts
        assert doc.word_count == sum(counts.values()) > 0
        given = flesch_from_counts(counts, len(doc.sentences), doc.word_count)
        assert given == flesch_from_counts(counts, len(doc.sentences))
