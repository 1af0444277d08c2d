"""The rule cache's contract with the rule kinds: each kind declares in ``compiled`` what its
``compile`` sets, the cache stores exactly that, and rules restored from the cache find what
freshly loaded rules find, for every kind, every named check and every built-in rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPORA, ROOT

from seolint.cache import rules as rule_cache
from seolint.cache.sealed_files import CacheFolder
from seolint.cache.typed_json import decode, encode
from seolint.lint.engine import lint
from seolint.lint.site import facts_of
from seolint.match import rule_regex
from seolint.match.needles import Needles, needles
from seolint.match.phrases import PhraseMatcher, WholeMatcher
from seolint.parse.markdown import parse
from seolint.read.source import decode as decode_source
from seolint.read.source import read_source
from seolint.rules.kinds import KINDS
from seolint.rules.kinds.links import Links
from seolint.rules.load import Rule, load_folder
from seolint.rules.locate import builtin_dir
from seolint.rules.select import RuleSet
from seolint.run.config import Config

FIXTURES = Path(__file__).parent / "kind_fixtures"
KEPT_AS_GIVEN = {"message", "scope", "fix", "opts"}  # the fields every kind has


def articles() -> list[Path]:
    """The fixture articles, the seeds and, when ../shared is there, a few BBC stories and
    content-farm posts (spread over each folder)."""
    found = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".txt"))
    found += sorted((ROOT / "seeds").glob("*.txt"))
    for corpus in ("bbc_news_human", "hashnhedge_ai_contentfarm"):
        files = sorted(p for p in (CORPORA / corpus).rglob("*") if p.suffix in (".md", ".txt"))
        found += files[:: max(1, len(files) // 4)][:4]
    return found


def through_the_cache(rules: list[Rule]) -> list[Rule]:
    """The rules as ``seolint.cache.rules.load`` stores them and gives them back."""
    data = json.dumps([rule_cache._dump(rule) for rule in rules], ensure_ascii=False)
    return [rule_cache._restore(item) for item in json.loads(data)]


def findings(rules: list[Rule], paths: list[Path]) -> list[list]:
    """Each article's findings and site facts with these rules, as a run finds them."""
    ruleset = RuleSet(rules, Config(site_url="https://example.com"))
    out = []
    for path in paths:
        doc = parse(read_source(str(path)))
        out.append(lint(doc, ruleset, ruleset.rules) + facts_of(doc, ruleset.rules))
    return out


@pytest.fixture(scope="module")
def fixture_rules() -> list[Rule]:
    return load_folder(FIXTURES)


def test_the_fixture_pack_has_every_kind_and_every_named_check(fixture_rules):
    assert {rule.kind for rule in fixture_rules} == set(KINDS)
    for name, kind in KINDS.items():
        if not kind.checks:
            continue
        picked = {r.options[kind.check_option] for r in fixture_rules if r.kind == name}
        assert picked >= set(kind.checks), (name, set(kind.checks) - picked)


@pytest.mark.parametrize("folder", [builtin_dir(), FIXTURES], ids=["built-in", "fixtures"])
def test_rules_from_the_cache_find_what_fresh_rules_find(folder):
    fresh = load_folder(folder)
    cached = through_the_cache(load_folder(folder))
    paths = articles()
    expected = findings(fresh, paths)
    assert findings(cached, paths) == expected
    assert sum(map(len, expected)) > 0
    if folder == FIXTURES:  # every fixture rule reports something: no vacuous comparison
        reported = {d.rule for per_file in expected for d in per_file}
        assert {r.id for r in fresh} - reported == set()
    # Checking documents sets nothing new on a rule (a memo would not be cached).
    for rule in fresh + cached:
        assert vars(rule.checker).keys() == KEPT_AS_GIVEN | type(rule.checker).compiled.keys()


def test_each_rule_sets_exactly_the_fields_its_kind_declares(fixture_rules):
    for rule in load_folder(builtin_dir()) + fixture_rules:
        kind = type(rule.checker)
        assert vars(rule.checker).keys() == KEPT_AS_GIVEN | kind.compiled.keys(), rule.id
        rule_cache._dump(rule)  # a TypeError for a value not of its declared type


def test_a_field_a_kind_does_not_declare_stops_caching_and_fails_here(fixture_rules):
    rule = next(r for r in fixture_rules if r.kind == "links")
    rule.checker.seen = {"a": 1}
    with pytest.raises(TypeError, match=r"Links\.seen"):
        rule_cache._dump(rule)
    del rule.checker.seen
    rule.checker.vague = sorted(rule.checker.vague)  # declared a frozenset
    with pytest.raises(TypeError, match="a list where frozenset"):
        rule_cache._dump(rule)


def test_a_kind_that_breaks_the_contract_is_loaded_from_yaml_each_time(tmp_path, monkeypatch):
    """The run goes on without the cache (the tests above fail instead)."""
    plain = Links.compile

    def compile_with_a_memo(self: Links) -> None:
        plain(self)
        self.memo = set()

    monkeypatch.setattr(Links, "compile", compile_with_a_memo)
    got = rule_cache.load(FIXTURES, CacheFolder(tmp_path / "cache"))
    assert len(got) == len(load_folder(FIXTURES))
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_a_kind_that_keeps_the_contract_is_stored(tmp_path):
    rule_cache.load(FIXTURES, CacheFolder(tmp_path / "cache"))
    if not list((tmp_path / "cache").rglob("*.json")):
        pytest.skip("no cache key can be made here")
    again = rule_cache.load(FIXTURES, CacheFolder(tmp_path / "cache"))
    assert [r.id for r in again] == [r.id for r in load_folder(FIXTURES)]


@pytest.mark.parametrize(
    ("declared", "value"),
    [
        (str, "a"),
        (int, 3),
        (float, 3.0),
        (bool, True),
        (int | None, None),
        (int | float, 2.5),
        (list[str], ["a", "b"]),
        (tuple[str, ...], ("a", "b")),
        (tuple[int, str], (1, "a")),
        (dict[str, list[int]], {"a": [1, 2]}),
        (frozenset[str], frozenset({"a", "b"})),
        (set[int], {1, 2}),
        (list[tuple[str, int] | None], [("a", 1), None]),
    ],
)
def test_declared_values_come_back_equal(declared, value):
    data = json.loads(json.dumps(encode(value, declared, rule_cache.CODECS)))
    back = decode(data, declared, rule_cache.CODECS)
    assert back == value and type(back) is type(value)


def test_matchers_and_needles_come_back_alike():
    matcher = PhraseMatcher.phrases(["game changer"], [], True, "tokens")
    back = decode(
        encode(matcher, PhraseMatcher | None, rule_cache.CODECS),
        PhraseMatcher | None,
        rule_cache.CODECS,
    )
    assert type(back) is PhraseMatcher and back.state() == matcher.state()
    doc = parse(decode_source("a.txt", b"A game  changer, said the Game Changer.\n"))
    assert list(back.matches(doc, "sentence")) == list(matcher.matches(doc, "sentence"))
    found = needles(r"game\s+changer", 2)
    assert isinstance(found, Needles)
    state = encode(found, Needles | None, rule_cache.CODECS)
    assert decode(state, Needles | None, rule_cache.CODECS).state() == found.state()
    whole = WholeMatcher.lines(["game changer"], [], True, "tokens", True)
    back_whole = decode(
        encode(whole, WholeMatcher, rule_cache.CODECS), WholeMatcher, rule_cache.CODECS
    )
    assert back_whole.fullmatch("  game changer!") and not back_whole.fullmatch("a game changer")


@pytest.mark.parametrize(
    ("declared", "value"),
    [
        (float, 3),  # an int is no float: JSON would give back an int
        (int, True),
        (str, None),
        (list[str], ("a",)),
        (tuple[int, int], (1,)),
        (dict[str, int], {1: 1}),  # JSON keys are text
        (dict[int, int], {}),
        (set, {1}),
        (Needles | rule_regex.Whole, "x"),  # stored differently: not told apart
        (object, object()),
    ],
)
def test_what_the_cache_cannot_give_back_is_refused(declared, value):
    with pytest.raises(TypeError):
        encode(value, declared, rule_cache.CODECS)
