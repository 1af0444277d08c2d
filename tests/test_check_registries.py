"""Named checks (``check:``, ``metric:``): each is one function in its kind's registry, with
the options it takes declared where it is registered (seolint/rules/kinds/checks.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from seolint.errors import ConfigError
from seolint.model.diagnostics import Finding
from seolint.parse.markdown import parse
from seolint.read.source import decode
from seolint.rules.kinds import KINDS
from seolint.rules.kinds.base import Context
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.options import Option
from seolint.rules.kinds.structure import HEADING_CHECKS, Headings, heading_check
from seolint.rules.load import load_pack

CHECKED = sorted(name for name, kind in KINDS.items() if kind.checks)


def pack(tmp_path: Path, rules: str) -> list:
    path = tmp_path / "house.yaml"
    path.write_text("rules:\n" + textwrap.indent(textwrap.dedent(rules), "  "), encoding="utf-8")
    return load_pack(path)


def load_error(tmp_path: Path, rules: str) -> str:
    with pytest.raises(ConfigError) as caught:
        pack(tmp_path, rules)
    return str(caught.value)


def run(rule, text: str) -> list[str]:
    doc = parse(decode("story.md", text.encode()))
    return [finding.message for finding in rule.checker.check(doc, Context())]


def test_the_kinds_with_named_checks():
    expected = ["duplicate", "front-matter", "heading", "keyword", "links", "metadata"]
    assert sorted([*expected, "metric", "repetition"]) == CHECKED


@pytest.mark.parametrize("name", CHECKED)
def test_a_kinds_checks_are_its_registry_and_are_documented(name):
    kind = KINDS[name]
    assert kind.options[kind.check_option].choices is kind.checks
    page = (ROOT / "docs" / "rules" / "kinds.md").read_text(encoding="utf-8")
    for check_name, check in kind.checks.items():
        assert isinstance(check, Check) and check.name == check_name
        assert (check.run.__doc__ or "").strip(), f"{name} {check_name}: no docstring"
        assert all(isinstance(spec, Option) for spec in check.options.values())
        assert not check.options.keys() & kind.options.keys()  # one declaration per option
        assert f"### {name} `{kind.check_option}: {check_name}`" in page
        for option in check.options:
            assert (
                kind.options_for({kind.check_option: check_name})[option] is (check.options[option])
            )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            "kind: heading\n  check: skiped-level",
            "option 'check' must be one of: missing-headline, first-level, skipped-level, "
            "multiple-h1, duplicate, empty-section, length, trailing-punctuation, distribution "
            "(did you mean 'skipped-level'?)",
        ),
        ("kind: metric\n  metric: flesh", "(did you mean 'flesch'?)"),
        ("kind: links\n  check: nothing-like-it", "option 'check' must be one of: alt-missing,"),
    ],
)
def test_an_unknown_check_is_a_file_and_line_error_with_a_suggestion(tmp_path, rule, expected):
    message = load_error(tmp_path, f"- id: x\n  {rule}\n  message: m\n")
    assert message.startswith(f"{tmp_path / 'house.yaml'}:4: rule x: option ")  # the check's line
    assert expected in message
    assert ("did you mean" in message) == ("did you mean" in expected)


def test_a_rule_takes_the_options_of_its_own_check(tmp_path):
    (rule,) = pack(tmp_path, "- {id: x, kind: heading, check: length, message: m}\n")
    assert rule.checker.opts == {"check": "length", "max": 70}
    (rule,) = pack(tmp_path, "- {id: x, kind: metric, metric: long-sentences, message: m}\n")
    assert rule.checker.opts == {
        "metric": "long-sentences",
        "min": None,
        "max": None,
        "long": 20,
        "min_words": 0,
    }


def test_an_option_of_another_check_is_checked_but_not_used(tmp_path):
    """As before the registries: a configuration that sets it keeps working."""
    (rule,) = pack(tmp_path, "- {id: x, kind: heading, check: skipped-level, max: 5, message: m}")
    assert rule.checker.opts == {"check": "skipped-level"}
    message = load_error(
        tmp_path, "- {id: x, kind: heading, check: skipped-level, max: many, message: m}"
    )
    assert message.endswith("house.yaml:2: rule x: option 'max' must be int, not str")
    message = load_error(tmp_path, "- {id: x, kind: heading, check: length, maxx: 5, message: m}")
    assert "unknown key 'maxx' for kind heading (keys: " in message
    assert message.endswith("check, level, max, punctuation, max_words, free_words)")


def test_a_new_check_is_one_function_with_its_options(tmp_path):
    @heading_check("numbered", prefix=Option(str, "Part", help="the word before the number"))
    def numbered(rule: Headings, doc, ctx):
        """A heading that starts with ``prefix`` and a number."""
        for h in doc.headings:
            words = h.text.split()
            if len(words) > 1 and words[0] == rule.opts["prefix"] and words[1].isdigit():
                yield Finding(h.start, h.end, rule.say(heading=h.text))

    try:
        (rule,) = pack(tmp_path, "- {id: x, kind: heading, check: numbered, message: '{heading}'}")
        assert rule.checker.opts == {"check": "numbered", "prefix": "Part"}
        assert run(rule, "# Title\n\n## Part 2\n\nText.\n\n## Chapter 3\n") == ["Part 2"]
        yaml = "- {id: x, kind: heading, check: numbered, prefix: Chapter, message: '{heading}'}"
        (rule,) = pack(tmp_path, yaml)
        assert run(rule, "# Title\n\n## Part 2\n\nText.\n\n## Chapter 3\n") == ["Chapter 3"]
        message = load_error(tmp_path, yaml.replace("Chapter", "3"))
        assert message.endswith("option 'prefix' must be str, not int")
    finally:
        del HEADING_CHECKS["numbered"]


def test_two_checks_of_one_name_are_refused():
    table: dict[str, Check] = {}
    check = registry(table)
    check("same")(lambda rule, doc, ctx: iter(()))
    with pytest.raises(ValueError, match="two checks are named 'same'"):
        check("same")(lambda rule, doc, ctx: iter(()))
