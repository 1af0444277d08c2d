"""Fixture articles with expected-finding markers (tests/fixtures/README.md), as markdownlint's
and pylint's functional tests have: every finding of the fixture's rule must be marked on its
line, and every marker must be found.

``tests/fixtures/rules/<rule-id>[.<variant>].md`` (or ``.txt``) is linted in process with the
one rule its name gives; ``tests/fixtures/rules/<rule-id>/`` (the rules across files) is
checked as a folder by the real CLI.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, findings, run_seolint
from rule_tester import builtin_rules, lint, rule_ids

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
# A marker ends its line: `<!-- expect: rule-id, rule-id:column -->`, blanks before it.
MARKER = re.compile(r"[ \t]*<!--[ \t]*expect:(?P<items>[^>]*?)-->[ \t]*$", re.M)
ITEM = re.compile(r"(?P<rule>[a-z0-9-]+)(?::(?P<column>\d+))?")
SETTINGS = {"focus-keyword", "site-url", "rules"}  # what a fixture's .yaml beside it may set

Expected = tuple[int, str, int | None]  # line, rule, column (None: any)


def read_fixture(text: str, where: str) -> tuple[str, list[Expected]]:
    """The text without its markers (each line keeps its number, and everything before the
    marker), and what the markers expect."""
    expected: list[Expected] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        match = MARKER.search(line)
        if match is None:
            assert "expect:" not in line, f"{where}:{number}: a marker must end its line"
            continue
        for item in match["items"].split(","):
            parsed = ITEM.fullmatch(item.strip())
            assert parsed, f"{where}:{number}: bad marker item {item.strip()!r}"
            column = int(parsed["column"]) if parsed["column"] else None
            expected.append((number, parsed["rule"], column))
        lines[number - 1] = line[: match.start()]
    return "\n".join(lines), expected


def compare(expected: list[Expected], found: list[tuple[str, int, int, str]]) -> str | None:
    """What is missing and what is extra, or None when the findings are exactly the marked
    ones; ``found``: (rule, line, column, message) of each finding."""
    wanted = Counter((line, rule) for line, rule, _ in expected)
    got = Counter((line, rule) for rule, line, _, _ in found)
    problems = [f"  missing: line {line} {rule}" for line, rule in sorted(wanted - got)]
    for rule, line, column, message in found:
        if (line, rule) in got - wanted:
            problems.append(f"  not marked: line {line}:{column} {rule}: {message}")
    for line, rule, column in expected:
        columns = [c for r, n, c, _ in found if (n, r) == (line, rule)]
        if column is not None and (line, rule) not in wanted - got and column not in columns:
            problems.append(f"  line {line} {rule}: column {column} expected, found {columns}")
    return "\n".join(problems) or None


def settings_of(fixture: Path, rule: str) -> dict:
    """The rule's options and the run's settings from ``<fixture stem>.yaml``, if any."""
    path = fixture.with_suffix(".yaml")
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert set(data) <= SETTINGS, f"{path.name}: only {sorted(SETTINGS)}"
    assert set(data.get("rules", {})) <= {rule}, f"{path.name}: options for {rule} only"
    return {
        "options": data.get("rules", {}),
        "focus_keyword": data.get("focus-keyword"),
        "site_url": data.get("site-url"),
    }


def rule_of(path: Path) -> str:
    return path.name.split(".")[0]


ARTICLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".txt"))
FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def test_every_builtin_rule_has_a_fixture():
    covered = {rule_of(p) for p in ARTICLES + FOLDERS}
    assert covered == set(rule_ids()), (
        f"without a fixture: {sorted(set(rule_ids()) - covered)}; "
        f"no such rule: {sorted(covered - set(rule_ids()))}"
    )
    site = {r.id for r in builtin_rules().values() if r.category == "site"}
    assert {rule_of(p) for p in FOLDERS} == site  # one article cannot show a rule across files


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_article_fixture(path: Path):
    rule = rule_of(path)
    text, expected = read_fixture(path.read_text(encoding="utf-8"), path.name)
    assert all(r == rule for _, r, _ in expected), f"{path.name}: markers for {rule} only"
    assert not (expected and ".ok." in path.name), f"{path.name}: an ok fixture has no marker"
    found = lint(text, rule, path=path.name, **settings_of(path, rule))
    problems = compare(expected, [(f.rule, f.line, f.column, f.message) for f in found])
    assert problems is None, f"{path.name}:\n{problems}"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_folder_fixture(folder: Path, tmp_path: Path):
    """A rule across files: its folder, markers removed, checked by `seolint check`."""
    rule = folder.name
    expected: list[Expected] = []
    for path in sorted(folder.iterdir()):
        text, marked = read_fixture(path.read_text(encoding="utf-8"), path.name)
        (tmp_path / path.name).write_text(text, encoding="utf-8")
        expected += [(line, f"{path.name} {r}", column) for line, r, column in marked]
    proc = run_seolint(
        "check", "--format", "json", "--no-cache", "--select", rule, ".", cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr
    found = [
        (f"{f['path']} {f['rule']}", f["line"], f["column"], f["message"]) for f in findings(proc)
    ]
    problems = compare(expected, found)
    assert problems is None, f"{folder.name}:\n{problems}"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Text. <!-- expect: cliche -->\n", None),
        ("Text. <!-- expect: cliche:7 -->\n", None),
        ("Text.\n", "not marked: line 1:7 cliche: a game changer"),
        ("Text. <!-- expect: cliche, cliche -->\n", "missing: line 1 cliche"),
        ("Text. <!-- expect: cliche:3 -->\n", "column 3 expected, found [7]"),
        ("Text. <!-- expect: cliche -->\n\nMore.\n", "not marked: line 3:1 cliche: a game"),
    ],
)
def test_markers_are_compared_exactly(text, problem):
    """Missing and extra findings both fail (a finding at line 1, column 7, and one at line 3,
    column 1 where the text has a third line)."""
    _, expected = read_fixture(text, "t.md")
    found = [("cliche", 1, 7, "a game changer")]
    if "More." in text:
        found.append(("cliche", 3, 1, "a game changer"))
    result = compare(expected, found)
    assert result is None if problem is None else problem in result


def test_markers_leave_the_lines_and_the_text_before_them():
    text = "---\ntitle: A <!-- expect: title-length:8 -->\n---\n\n<!-- expect: thin-content -->\n"
    stripped, expected = read_fixture(text, "t.md")
    assert stripped == "---\ntitle: A\n---\n\n\n"
    assert expected == [(2, "title-length", 8), (5, "thin-content", None)]
    with pytest.raises(AssertionError, match="must end its line"):
        read_fixture("<!-- expect: cliche --> Text.\n", "t.md")
    with pytest.raises(AssertionError, match="bad marker item"):
        read_fixture("Text. <!-- expect: Cliche! -->\n", "t.md")


def test_fixture_folder_holds_only_fixtures():
    """Every file is an article, a folder of articles or an article's settings."""
    for path in FIXTURES.iterdir():
        if path.suffix == ".yaml":
            assert any(path.with_suffix(s).is_file() for s in (".md", ".txt")), path.name
        elif path.is_dir():
            assert all(p.suffix in (".md", ".txt") for p in path.iterdir()), path.name
        else:
            assert path.suffix in (".md", ".txt"), path.name
