"""The in-process rule tester (tests/rule_tester.py): it finds what ``seolint check`` finds,
fixes what ``--fix`` fixes, and fails a case that expects anything else."""

from __future__ import annotations

import pytest
from conftest import SEED
from rule_tester import Error, Invalid, RuleTester, Valid, fix, lint, rule_ids

import seolint

SEED_TEXT = SEED.read_text(encoding="utf-8")
STORY = "# Talks resume\n\nTalks went on amidst protests, the ministry said.\n\nSource link\n"


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> seolint.Linter:
    """The public API with the built-in defaults (an empty configuration file)."""
    config = tmp_path_factory.mktemp("defaults") / ".seolint.yaml"
    config.write_text("{}\n", encoding="utf-8")
    return seolint.Linter(config)


@pytest.mark.parametrize("text", [SEED_TEXT, STORY], ids=["seed", "story"])
def test_every_rule_finds_and_fixes_what_the_api_does(linter, text):
    """The tester runs the rules as `seolint check` does (the API is that path in process)."""
    assert lint(text, path="a.txt") == linter.lint_text(text, "a.txt")
    assert fix(text, path="a.txt") == linter.fix_text(text, "a.txt").text


def test_selection_by_id_category_and_options(linter):
    everything = lint(SEED_TEXT, path="a.txt")
    attribution = [f for f in everything if f.category == "attribution"]
    assert attribution and lint(SEED_TEXT, "attribution", path="a.txt") == attribution
    assert set(rule_ids("attribution")) >= {f.rule for f in attribution}
    long = "# Talks\n\n" + "The minister said the talks went on. " * 10 + "\n"
    assert [f.line for f in lint(long, "paragraph-too-long")] == []
    tight = lint(long, "paragraph-too-long", options={"paragraph-too-long": {"max": 20}})
    assert [(f.line, f.severity) for f in tight] == [(3, "warning")]
    error = {"paragraph-too-long": {"max": 20, "severity": "error"}}
    assert [f.severity for f in lint(long, "paragraph-too-long", options=error)] == ["error"]
    with pytest.raises(ValueError, match="no option 'maximum'"):
        lint(long, "paragraph-too-long", options={"paragraph-too-long": {"maximum": 20}})
    with pytest.raises(ValueError, match="no built-in rule or category 'clichee'"):
        lint(long, "clichee")


# The tester's own example: valid, invalid and fixed cases of one rule.
test_wordy_phrase = RuleTester("wordy-phrase").run(
    valid=["Talks went on amid the protests.", Valid("Amidships, the crew waited.")],
    invalid=[
        Invalid(
            "Talks went on amidst the protests.",
            [Error(1, 15, "amidst", end_column=21)],
            output="Talks went on amid the protests.",
        ),
        Invalid(
            "# Talks\n\nAmidst protests, and due to the fact that it rained, talks went on.\n",
            [Error(3, 1, '"Amidst"'), Error(3, 22, "due to the fact that")],
            output="# Talks\n\nAmid protests, and because it rained, talks went on.\n",
            name="two-on-a-line",
        ),
    ],
)

test_paragraph_length_with_options = RuleTester("paragraph-too-long", options={"max": 12}).run(
    valid=["# Talks\n\nThe minister said the talks went on.\n"],
    invalid=[
        Invalid("# Talks\n\n" + "The minister said the talks went on. " * 2 + "\n", [3]),
        Invalid(
            "# Talks\n\n" + "The minister said the talks went on. " * 2 + "\n",
            [Error(3, message="14 words")],
            options={"max": 13},
        ),
    ],
)


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        (Valid("Talks went on amidst the protests."), "expected no finding"),
        (Invalid("Talks went on amid the protests.", [1]), "expected 1 findings, got 0"),
        (Invalid("Talks went on amidst it.", [2], output="x"), "line 1, expected 2"),
        (Invalid("Talks went on amidst it.", [Error(1, 14)], output="x"), "column 15"),
        (Invalid("Talks went on amidst it.", [Error(1, message="among")]), "lacks 'among'"),
        (Invalid("Talks went on amidst it.", [Error(1, rule="cliche")]), "rule 'wordy-phrase'"),
        (Invalid("Talks went on amidst it.", [1]), "give output="),
        (Invalid("Talks went on amidst it.", [1], output="Talks went on amidst it."), "fixed text"),
        (Invalid("Talks went on amid it.", []), "expects findings"),
    ],
)
def test_a_wrong_expectation_fails(case, problem):
    with pytest.raises(AssertionError, match=problem):
        RuleTester("wordy-phrase").check(case)


def test_options_need_a_single_rule():
    with pytest.raises(ValueError, match="one rule"):
        RuleTester("readability").check(Valid("Text.", options={"max": 3}))
