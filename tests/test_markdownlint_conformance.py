"""seolint's heading rules against markdownlint's own test fixtures.

The fixtures and markdownlint's expected results (``expected/NAME.snapshot.txt``) are read
from the shared corpus ``markdownlint_heading_fixtures`` at test time; nothing is copied into
the repository. For each mapped rule, the lines seolint reports (through the real CLI) must
equal the lines markdownlint reports, except for the deliberate differences listed below.
A fixture that reconfigures or disables a markdownlint rule is left out for that rule.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import corpus, findings, run_seolint

# seolint rule -> (markdownlint rule, the names markdownlint accepts for it in configuration)
MAPPED = {
    "skipped-heading-level": ("MD001", {"md001", "heading-increment", "header-increment"}),
    "duplicate-heading": ("MD024", {"md024", "no-duplicate-heading", "no-duplicate-header"}),
    "multiple-h1": ("MD025", {"md025", "single-title", "single-h1"}),
    "heading-punctuation": ("MD026", {"md026", "no-trailing-punctuation"}),
}
# heading-punctuation flags these (rules/structure.yaml); markdownlint's default also flags "!"
# and the full-width "。，；：！". News headings may end in "!", so only these are compared.
PUNCTUATION = ".,;:"

# Deliberate differences: (fixture, seolint rule) -> (lines only seolint reports, lines only
# markdownlint reports). Each is a choice for news articles, not a parsing bug.
DELIBERATE: dict[tuple[str, str], tuple[set[int], set[int]]] = {
    # A front-matter title followed by "###": markdownlint's MD001 reports the jump from the
    # title; seolint reports the same heading once, as first-heading-level (checked below).
    ("heading_increment-title_level3_bad.md", "skipped-heading-level"): (set(), {5}),
    # Headings are compared ignoring case and spacing ("&#x000A9;" and "&#X000A9;" are both ©);
    # markdownlint compares the text exactly.
    ("headings-with-html-entities.md", "duplicate-heading"): ({15}, set()),
    # Every level-1 heading after the first is a second headline. markdownlint's MD025 applies
    # only when the document opens with its level-1 heading (after front matter and comments).
    ("break-all-the-rules.md", "multiple-h1"): ({27, 31, 33, 35, 40}, set()),
    ("heading_mutliple_h1_no_toplevel.md", "multiple-h1"): ({5}, set()),
    ("headings_with_spaces_at_the_beginning.md", "multiple-h1"): ({5, 8, 19, 20}, set()),
    ("lists-and-headings.md", "multiple-h1"): ({11, 16}, set()),
    # seolint reads YAML front matter ("---") only, not Hugo's JSON front matter, so the JSON
    # "title" is not the headline and the "#" heading after it is.
    ("hugo-quickstart-example-json.md", "multiple-h1"): (set(), {13}),
}

_CONFIGURE = re.compile(r"<!--\s*markdownlint-configure-file(.*?)-->", re.S)
_INLINE = re.compile(
    r"<!--\s*markdownlint-(disable-file|disable-next-line|disable-line|disable|enable-file|enable)"
    r"\b(.*?)-->",
    re.S,
)
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", re.S)


def reconfigured(text: str) -> set[str]:
    """The seolint rules whose markdownlint counterpart this fixture configures or disables."""
    names: set[str] = set()
    everything = False
    for match in _CONFIGURE.finditer(text):
        config = json.loads(match.group(1))
        names |= {key.lower() for key in config}
        everything |= config.get("default") is False
    for match in _INLINE.finditer(text):
        named = {name.lower() for name in match.group(2).split()}
        names |= named
        everything |= not named
    front = _FRONT_MATTER.match(text)
    if front:
        names |= set(re.findall(r"[\w-]+", front.group().lower()))
    return {rule for rule, (_, aliases) in MAPPED.items() if everything or aliases & names}


def expected(snapshot: str) -> dict[str, set[int]]:
    """markdownlint's reported lines per seolint rule, from an AVA snapshot."""
    rules = {code: rule for rule, (code, _) in MAPPED.items()}
    lines: dict[str, set[int]] = {rule: set() for rule in MAPPED}
    for error in re.split(r"^ {8}\{$", snapshot, flags=re.M)[1:]:
        code = re.search(r"^ {10}ruleNames: \[\n {12}'(MD\d+)'", error, re.M).group(1)
        line = int(re.search(r"^ {10}lineNumber: (\d+),", error, re.M).group(1))
        if code not in rules:
            continue
        if code == "MD026":
            detail = re.search(r"Punctuation: \\'(.*?)\\'", error).group(1)
            if detail.strip()[-1] not in PUNCTUATION:
                continue
        lines[rules[code]].add(line)
    return lines


Fixture = tuple[str, str]  # a fixture's text and markdownlint's snapshot for it


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> tuple[dict[str, Fixture], dict[tuple[str, str], set[int]]]:
    """The fixtures by name, and the lines seolint reports per (fixture, rule)."""
    base = corpus("markdownlint_heading_fixtures")
    paths = sorted((base / "fixtures").glob("*.md"))
    select = ",".join([*MAPPED, "first-heading-level"])
    cwd = tmp_path_factory.mktemp("conformance")
    proc = run_seolint("check", "--format", "json", "--select", select, *map(str, paths), cwd=cwd)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    reported: dict[tuple[str, str], set[int]] = {}
    for finding in findings(proc):
        reported.setdefault((Path(finding["path"]).name, finding["rule"]), set()).add(
            finding["line"]
        )
    fixtures = {
        path.name: (
            path.read_text(encoding="utf-8"),
            (base / "expected" / f"{path.name}.snapshot.txt").read_text(encoding="utf-8"),
        )
        for path in paths
    }
    return fixtures, reported


@pytest.mark.parametrize("rule", MAPPED)
def test_agrees_with_markdownlint(rule: str, results) -> None:
    fixtures, reported = results
    differences = {}
    agreed = checked = 0
    for name, (text, snapshot) in fixtures.items():
        if rule in reconfigured(text):
            continue
        checked += 1
        theirs = expected(snapshot)[rule]
        ours = reported.get((name, rule), set())
        agreed += len(ours & theirs)
        if ours != theirs:
            differences[(name, rule)] = (ours - theirs, theirs - ours)
    deliberate = {key: value for key, value in DELIBERATE.items() if key[1] == rule}
    assert checked > 100 and agreed > 0
    assert differences == deliberate, f"{rule}: {agreed} lines agree over {checked} fixtures"


def test_title_then_level_three_is_first_heading_level(results) -> None:
    """The MD001 case seolint reports under another rule is still reported."""
    reported = results[1]
    assert reported[("heading_increment-title_level3_bad.md", "first-heading-level")] == {5}
