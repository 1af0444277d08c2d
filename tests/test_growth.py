"""Growth-ratio tests (issue 13, items 6 and 7): seolint's own parsing takes time linear in
its input. Each input is timed at 1x, 2x and 4x its size; linear work grows about 4x from 1x
to 4x, quadratic work about 16x. The tests assert the ratio, never an absolute time."""

from __future__ import annotations

import functools
import gc
import random
import re
import time

import pytest

from seolint.model.document import Document, Heading
from seolint.parse import prose, sentences
from seolint.parse.markdown import _Builder, atx_text_end, parse
from seolint.read.source import Source

LIMIT = 8.0  # from 1x to 4x: linear is about 4, quadratic about 16


def _best(work, size: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        work(size)
        best = min(best, time.perf_counter() - started)
    return best


def growth(work, size: int) -> float:
    """The time of ``work(4 * size)`` over that of ``work(size)``; the least of several tries,
    so that one busy moment on a shared machine does not decide (up to five tries)."""
    ratios = []
    gc.disable()  # a collection in one timing and not another is noise
    try:
        for _ in range(5):
            work(size)  # warm up
            times = [_best(work, size * m) for m in (1, 2, 4)]
            ratios.append(times[2] / max(times[0], 1e-6))
            if ratios[-1] < LIMIT:
                break
    finally:
        gc.enable()
    return min(ratios)


def _split(text: str) -> None:
    sentences.split(text, 0, len(text))


def _to_prose(text: str) -> None:
    prose.to_prose(text, 0, len(text), [], [], False)


CASES = {
    # 'Wait' and 40,000 dots took 21.8 s (sentences._BOUNDARY).
    "sentence-dots": lambda n: _split("Wait" + "." * n),
    "sentence-marks": lambda n: _split("Wait" + "?!." * (n // 3) + " x"),
    "sentence-joiners": lambda n: _split("Wait" + "a.b-c'd’" * (n // 8) + ".-'’" * (n // 4)),
    "sentence-stops-without-spaces": lambda n: _split("A.\n" * (n // 3)),
    # A heading with 40,000 inner spaces took 10.7 s (parser._ATX_CLOSE).
    "atx-spaces": lambda n: atx_text_end("# a" + " " * n + "b", 2),
    "atx-hashes": lambda n: atx_text_end("# a" + " #" * (n // 2) + "b", 2),
    # 80 KB lines of unclosed "<!--", "<a" or "<http:" took 4-6 s (prose).
    "comment": lambda n: _to_prose("Text " + "<!--" * (n // 4)),
    "tag": lambda n: _to_prose("Text " + "<a" * (n // 2)),
    "autolink": lambda n: _to_prose("Text " + "<http:" * (n // 6)),
    "curly-quote": lambda n: prose.quotations("” " + "“" * n, 0),
    "straight-quote": lambda n: prose.quotations('"' + "x" * n + '\n"' * 3, 0),
    "control": lambda n: _Builder(Document("a.md", "<!-- seolint-disable" * (n // 20)))._comments(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_parsing_time_grows_linearly(name):
    ratio = growth(CASES[name], 20_000)
    assert ratio < LIMIT, f"{name}: 4x the input took {ratio:.1f}x the time"


@functools.lru_cache(maxsize=8)
def _headings_document(count: int) -> Document:
    doc = Document("a.md", "x" * (count * 4))
    doc.headings = [
        Heading(1 + i % 3, "h", i * 4, i * 4 + 1, i * 4, i * 4 + 1) for i in range(count)
    ]
    return doc


def _sections(count: int) -> None:
    doc = _headings_document(count)
    doc.sections = []
    _Builder(doc)._sections()


def test_sections_of_many_headings_grow_linearly():
    # 25k, 50k and 100k headings took 1.7, 8.1 and 35.1 s (parser._sections).
    ratio = growth(_sections, 500)  # small: larger lists make cache misses, not work
    assert ratio < LIMIT, f"4x the headings took {ratio:.1f}x the time"


def test_sections_end_at_the_next_heading_of_their_level_or_higher():
    text = "# A\n\n## B\n\nb\n\n### C\n\n## D\n\n# E\n\ne\n"
    doc = parse(Source("a.md", text))
    got = [(s.heading.text, s.end, s.has_subsections) for s in doc.sections]
    assert got == [
        ("A", text.index("# E"), True),
        ("B", text.index("## D"), True),
        ("C", text.index("## D"), False),
        ("D", text.index("# E"), False),
        ("E", len(text), False),
    ]
    assert [len(s.paragraphs) for s in doc.sections] == [0, 1, 0, 0, 1]


# The linear scanners find exactly what the regexes they replace found (on short random text,
# where those regexes are fast).

_PLAIN = {
    "atx": re.compile(r"[ \t]+#+[ \t]*$|[ \t]+$"),
    "quote": re.compile(r"“[^”]*”|\"[^\"\n]*\""),
    "tag": re.compile(r"</?[A-Za-z][^>\n]*>"),
    "autolink": re.compile(r"<((?:https?|mailto):[^>\s]+)>"),
    "comment": re.compile(r"<!--.*?-->", re.S),
    "control": re.compile(
        r"<!--\s*seolint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
        re.S,
    ),
}
_PIECES = ["<", "/", "a", ">", "\n", " ", "\t", "#", "http:", "mailto:", "<!--", "-->", "-"]
_PIECES += ["“", "”", '"', " seolint-disable", "seolint-enable", " x,y"]


def _texts(seed: int, count: int = 20_000):
    rnd = random.Random(seed)
    for _ in range(count):
        yield "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12)))


def test_linear_scanners_match_the_plain_regexes():
    for text in _texts(13):
        line, lead = text.replace("\n", ""), len(text) // 3  # a heading's line
        found = _PLAIN["atx"].search(line, lead)
        assert atx_text_end(line, lead) == (found.start() if found else len(line)), line
        spans = [(m.start() + 5, m.end() + 5) for m in _PLAIN["quote"].finditer(text)]
        assert prose.quotations(text, 5) == spans, text
        assert prose._tags(text) == [m.span() for m in _PLAIN["tag"].finditer(text)], text
        assert prose._autolinks(text) == [m.span() for m in _PLAIN["autolink"].finditer(text)]
        assert prose._comments(text) == [m.span() for m in _PLAIN["comment"].finditer(text)]
        doc = Document("a.md", text)
        _Builder(doc)._comments()
        want = [
            (m.group(1), tuple(m.group(2).replace(",", " ").split()), m.start(), m.end())
            for m in _PLAIN["control"].finditer(text)
        ]
        assert [(c.action, c.rules, c.start, c.end) for c in doc.comments] == want, text


def test_sentence_breaks_match_every_start_of_a_run():
    plain = re.compile(sentences._BOUNDARY_TAIL.join([r"[.!?…]", ""]))
    rnd = random.Random(7)
    for _ in range(20_000):
        text = "".join(
            rnd.choice(["a", ".", "!", "?", "…", '"', ")", " ", "B", "\n"]) for _ in range(12)
        )
        got = [m.span() for m in sentences._BOUNDARY.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)], text
