"""Configuration files, command-line selection and inline control comments."""

from __future__ import annotations

import textwrap

from conftest import SEED, assert_one_line_error, findings
from rule_tester import lint

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

STORY = """\
# Markets rally as rates hold

Reports indicate that shares rose on Tuesday, the exchange said.

Looking ahead, the world is watching closely, a trader said.
"""


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def rules_of(proc) -> list[str]:
    return [f["rule"] for f in findings(proc)]


def test_config_found_walking_up_select_and_ignore(seolint, tmp_path):
    write(tmp_path / ".seolint.yaml", "select: [attribution, filler]\nignore: [stock-transition]\n")
    write(tmp_path / "desk" / "world" / "story.md", STORY)
    proc = seolint("check", "--format", "json", "desk")
    assert sorted(set(rules_of(proc))) == ["cliche", "vague-attribution"]


def test_pyproject_tool_section(seolint, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.seolint]\nselect = ["vague-attribution"]\n')
    write(tmp_path / "story.md", STORY)
    assert rules_of(seolint("check", "--format", "json", "story.md")) == ["vague-attribution"]


def test_per_rule_severity_and_options(seolint, tmp_path):
    write(
        tmp_path / ".seolint.yaml",
        """\
        select: [vague-attribution, sentence-too-long]
        rules:
          vague-attribution: {severity: error}
          sentence-too-long: {max: 5}
        """,
    )
    write(tmp_path / "story.md", STORY)
    got = {(f["rule"], f["severity"]) for f in findings(seolint("check", "--format", "json", "."))}
    assert ("vague-attribution", "error") in got
    assert ("sentence-too-long", "warning") in got


def test_per_file_ignores_and_exclude_glob(seolint, tmp_path):
    write(
        tmp_path / ".seolint.yaml",
        """\
        select: [vague-attribution, cliche]
        per-file-ignores:
          "briefs/*.md": [attribution]
        """,
    )
    write(tmp_path / "briefs" / "a.md", STORY)
    write(tmp_path / "news" / "a.md", STORY)
    got = {
        (f["path"].split("/")[0], f["rule"])
        for f in findings(seolint("check", "--format", "json", "."))
    }
    assert ("briefs", "vague-attribution") not in got
    assert ("briefs", "cliche") in got and ("news", "vague-attribution") in got


def test_extra_rule_dirs_from_config(seolint, tmp_path):
    write(
        tmp_path / "styles" / "house.yaml",
        """\
        category: house
        rules:
          - {id: no-tuesday, kind: existence, message: "{match}", tokens: [Tuesday]}
        """,
    )
    write(tmp_path / ".seolint.yaml", "rule-dirs: [styles]\nselect: [house]\n")
    write(tmp_path / "story.md", STORY)
    assert rules_of(seolint("check", "--format", "json", "story.md")) == ["no-tuesday"]


def test_fail_on_levels(seolint, tmp_path):
    write(tmp_path / "story.md", STORY)
    assert seolint("check", "--select", "stock-transition", "story.md").returncode == 0
    assert (
        seolint("check", "--select", "stock-transition", "--fail-on", "info", "story.md").returncode
        == 1
    )
    assert seolint("check", "--fail-on", "error", "story.md").returncode == 0
    write(tmp_path / ".seolint.yaml", "fail-on: info\nselect: [stock-transition]\n")
    assert seolint("check", "story.md").returncode == 1


def test_focus_keyword_from_config(seolint, tmp_path):
    write(tmp_path / ".seolint.yaml", "focus-keyword: bond yields\nselect: [keyword-in-title]\n")
    write(tmp_path / "story.md", STORY)
    got = findings(seolint("check", "--format", "json", "story.md"))
    assert [(f["rule"], f["line"]) for f in got] == [("keyword-in-title", 1)]


def test_bad_configs_are_one_line_errors(seolint, tmp_path):
    write(tmp_path / "story.md", STORY)
    cases = {
        "select: [no-such-rule]\n": ".seolint.yaml:1: select: unknown rule or category 'no-such-rule'",
        "colour: red\n": ".seolint.yaml:1: unknown setting 'colour'",
        "fail-on: loud\n": ".seolint.yaml:1: 'fail-on' must be one of",
        "select: [cliche\n": ".seolint.yaml:2: invalid YAML",
        "rules:\n  cliche: {tokens: 5}\n": "option 'tokens' must be list",
        "rules:\n  nope: {severity: error}\n": "rules: unknown rule or category 'nope'",
    }
    for text, expected in cases.items():
        (tmp_path / ".seolint.yaml").write_text(text, encoding="utf-8")
        assert_one_line_error(seolint("check", "story.md"), expected)


def test_unknown_names_on_command_line(seolint):
    proc = seolint("check", "--ignore", "clichee", str(SEED))
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "seolint: --ignore: unknown rule or category 'clichee' (did you mean 'cliche'?)"
    )


def test_inline_controls():
    text = textwrap.dedent(
        """\
        # Markets rally as rates hold

        <!-- seolint-disable vague-attribution -->
        Reports indicate shares rose, the exchange said.
        <!-- seolint-enable vague-attribution -->

        Reports indicate bonds fell, the exchange said.

        <!-- seolint-disable-next-line -->
        Reports indicate oil fell, the exchange said.

        Reports indicate gold rose, the exchange said. <!-- seolint-disable-line attribution -->

        <!-- seolint-disable -->
        Reports indicate copper rose, the exchange said.
        <!-- seolint-enable cliche -->
        Reports indicate tin rose, the world is watching closely, the exchange said.
        """
    )
    got = [(f.line, f.rule) for f in lint(text, ["vague-attribution", "cliche"], path="story.md")]
    assert got == [(7, "vague-attribution"), (17, "cliche")]


def test_disable_file_and_unknown_name_in_comment():
    text = textwrap.dedent(
        """\
        <!-- seolint-disable-file attribution -->
        # Markets rally as rates hold

        Reports indicate shares rose, the exchange said.
        <!-- seolint-disable no-such-rule -->
        """
    )
    got = [(f.line, f.rule) for f in lint(text, "attribution", path="story.md")]
    assert got == [(5, "unknown-rule-name")]


def test_exclude_skips_walked_files_but_not_named_ones(seolint, tmp_path):
    write(
        tmp_path / ".seolint.yaml", 'exclude: ["drafts", "*.tmp.md"]\nselect: [vague-attribution]\n'
    )
    for rel in ("drafts/a.md", "news/b.md", "news/c.tmp.md"):
        write(tmp_path / rel, STORY)
    walked = {f["path"] for f in findings(seolint("check", "--format", "json", "."))}
    assert walked == {"news/b.md"}
    named = {f["path"] for f in findings(seolint("check", "--format", "json", "drafts/a.md"))}
    assert named == {"drafts/a.md"}
