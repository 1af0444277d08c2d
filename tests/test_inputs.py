"""Inputs: folders, stdin, encodings and line endings, and every kind of bad input."""

from __future__ import annotations

import os

import pytest
from conftest import SEED, assert_one_line_error, findings

import seolint

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

GOOD = "# Markets rally as rates hold\n\nReports indicate shares rose, the exchange said.\n"


def test_folder_walk_is_recursive_sorted_and_skips_hidden(seolint, tmp_path):
    for rel in (
        "b/two.md",
        "a/one.txt",
        "a/z/three.markdown",
        ".hidden/x.md",
        "node_modules/y.md",
        "a/notes.rst",
    ):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GOOD, encoding="utf-8")
    proc = seolint("check", "--format", "json", "--select", "vague-attribution", ".")
    paths = [f["path"] for f in findings(proc)]
    assert paths == ["a/one.txt", "a/z/three.markdown", "b/two.md"]


def test_paths_are_shown_relative_inside_the_working_directory_only(seolint, tmp_path):
    inside = tmp_path / "desk" / "story.md"
    inside.parent.mkdir()
    inside.write_text(GOOD, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere" / "story.md"
    outside.parent.mkdir()
    outside.write_text(GOOD, encoding="utf-8")
    args = ("check", "--format", "json", "--select", "vague-attribution", "--no-cache")
    proc = seolint(*args, str(inside), str(outside), str(inside.parent))
    assert [f["path"] for f in findings(proc)] == ["desk/story.md", str(outside), "desk/story.md"]


def test_stdin_with_filename(seolint):
    proc = seolint(
        "check",
        "--stdin-filename",
        "desk/story.md",
        "--select",
        "vague-attribution",
        "-",
        input=GOOD,
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith("desk/story.md:3:1: warning vague-attribution")


@pytest.mark.parametrize(
    "data",
    [GOOD.encode(), ("\ufeff" + GOOD).encode(), GOOD.replace("\n", "\r\n").encode()],
    ids=["lf", "bom", "crlf"],
)
def test_bom_and_crlf_do_not_move_positions(tmp_path, data):
    (tmp_path / "s.md").write_bytes(data)
    got = seolint.Linter(select=["vague-attribution"]).lint_file(tmp_path / "s.md")
    assert [(f.line, f.column, f.end_column) for f in got] == [(3, 1, 17)]


def test_bad_inputs_are_reported_and_others_still_checked(seolint, tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n\nOl\xe9 said.\n".encode("latin-1"))
    proc = seolint(
        "check",
        "--format",
        "json",
        "--select",
        "vague-attribution",
        "binary.md",
        "latin1.md",
        "missing.md",
        "good.md",
    )
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()[:-1]
    assert errors == [
        "seolint: binary.md: binary file (contains NUL bytes); not an article",
        "seolint: latin1.md:1:6: invalid UTF-8 (byte 0xe9); save the file as UTF-8",
        "seolint: missing.md: no such file",
    ]
    assert [f["path"] for f in findings(proc)] == ["good.md"]
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(seolint, tmp_path):
    path = tmp_path / "secret.md"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    proc = seolint("check", "secret.md")
    assert proc.returncode == 2 and "secret.md: permission denied" in proc.stderr


def test_broken_rule_files(seolint, tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    cases = {
        "rules:\n  - id: x\n    kind: existence\n    message: m\n    patterns: ['(unclosed']\n": "house.yaml:5: rule x: bad regular expression '(unclosed'",
        "rules:\n  - id: x\n    kind: nonsense\n    message: m\n": "house.yaml:3: rule x: unknown kind 'nonsense'",
        "rules:\n  - id: x\n    kind: existence\n    message: m\n    tokns: [a]\n": "house.yaml:5: rule x: unknown key 'tokns'",
        "rules:\n  - id: x\n    kind: existence\n    message: '{nope}'\n    tokens: [a]\n": "house.yaml:4: rule x: unknown placeholder {nope}",
        "rules:\n  - id: x\n    kind: existence\n    severity: fatal\n    message: m\n    tokens: [a]\n": "house.yaml:4: rule x: severity must be one of",
        "rules:\n  - id: x\n  kind: [\n": "house.yaml:3: invalid YAML",
        "rules:\n  - id: cliche\n    kind: existence\n    message: m\n    tokens: [a]\n": "house.yaml:2: rule id 'cliche' already defined",
        "rules:\n  - id: x\n    kind: metric\n    metric: flesh\n    message: m\n": "house.yaml:4: rule x: option 'metric' must be one of",
    }
    for text, expected in cases.items():
        (folder / "house.yaml").write_text(text, encoding="utf-8")
        assert_one_line_error(seolint("check", "--rules-dir", "house", str(SEED)), expected)


def test_usage_errors_exit_2(seolint):
    for args in (
        ["check", "--format", "xml", str(SEED)],
        ["frobnicate"],
        ["check", "--fail-on", "loud"],
    ):
        proc = seolint(*args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_rules_and_explain(seolint):
    listing = seolint("rules")
    assert listing.returncode == 0
    ids = [line.split()[0] for line in listing.stdout.splitlines()]
    assert {
        "vague-attribution",
        "seo-keywords-section",
        "source-link-line",
        "flesch-reading-ease",
    } <= set(ids)
    page = seolint("explain", "vague-attribution")
    assert page.returncode == 0 and "Bad:" in page.stdout and "Good:" in page.stdout
    missing = seolint("explain", "no-such-rule")
    assert missing.returncode == 2 and "unknown rule id" in missing.stderr


def test_every_builtin_rule_is_documented(capsys, tmp_path, monkeypatch):
    """Every rule's `seolint explain` page. The command's entry point, in process (the command
    itself runs above, and in test_rules_and_explain's subprocesses), lists the rules and
    prints a rule's page as `explain` makes it, checked for one rule of each category; every
    rule's page is made from the same rules. (Each `explain` builds every rule: one run per
    rule took 5 s.)"""
    import json

    from rule_tester import builtin_rules

    from seolint.cli import explain, main

    monkeypatch.chdir(tmp_path)
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    rules = builtin_rules()
    assert len(listed) >= 30 and sorted(r["id"] for r in listed) == sorted(rules)
    for rule in rules.values():
        assert len(explain(rule).splitlines()) >= 6, rule.id
    for rule_id in {r["category"]: r["id"] for r in listed}.values():
        assert main(["explain", rule_id]) == 0
        page = capsys.readouterr().out
        assert _unfoldered(page) == _unfoldered(explain(rules[rule_id]) + "\n"), rule_id


def _unfoldered(page: str) -> str:
    """A rule's page with its pack file's folder left out: it is shown relative to the
    working directory at the time the rules were loaded."""
    import re

    return re.sub(r"(?m)^(.*Defined in: ).*?([^/\\]+:\d+)$", r"\1\2", page)
