"""Every output format end to end through the real CLI, checked the way its consumer reads it."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SHARED, findings

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
ANSI = "\x1b["

STORY = """\
# Deal agreed in Geneva

Zoë’s café was busy. Reports indicate the deal is done, the ministry said.
"""

# A house rule whose message holds every character the GitHub runner needs escaped,
# and the characters XML must escape.
HOUSE = """\
category: house
rules:
  - id: sure-talk
    kind: existence
    severity: error
    scope: sentence
    message: "100% sure, really: <{match}> & more\\nsecond line"
    tokens: [totally]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def house(tmp_path: Path) -> Path:
    return write(tmp_path / "house" / "house.yaml", HOUSE).parent


def seed_findings(seed_report) -> list[dict]:
    return findings(seed_report("json"))


def span_first_line(finding: dict, lines: list[str]) -> str:
    """The flagged text on the finding's first line."""
    line = lines[finding["line"] - 1]
    end = finding["end_column"] - 1 if finding["end_line"] == finding["line"] else len(line)
    return line[finding["column"] - 1 : end]


# --- default, concise and text --------------------------------------------------------------


def test_default_off_a_terminal_is_concise(seolint, seed_report):
    default = seed_report(None)
    concise = seed_report("concise")
    assert default.returncode == concise.returncode == 1
    assert default.stdout == concise.stdout
    lines = default.stdout.splitlines()
    assert len(lines) == len(seed_findings(seed_report))
    assert all(re.fullmatch(r"\S+:\d+:\d+: (error|warning|info) [a-z-]+ .+", x) for x in lines)


def text_blocks(stdout: str) -> list[list[str]]:
    return [block.splitlines() for block in stdout.strip("\n").split("\n\n")]


def caret(block: list[str]) -> tuple[str, int, int]:
    """The displayed source line, the caret's index in it and the underline's length."""
    source = block[1].split(" | ", 1)[1]
    marks = block[2].split(" | ", 1)[1]
    start = len(marks) - len(marks.lstrip(" "))
    return source, start, len(marks.strip())


def test_text_underlines_each_span_of_the_seed(seolint, seed_report):
    proc = seolint("check", "--format", "text", str(SEED), env={"COLUMNS": "100"})
    assert proc.returncode == 1
    assert ANSI not in proc.stdout
    blocks = text_blocks(proc.stdout)
    expected = seed_findings(seed_report)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert len(blocks) == len(expected)
    for block, f in zip(blocks, expected, strict=True):
        assert block[0] == (
            f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['message']}"
        )
        source, start, width = caret(block)
        assert len(source) <= 100
        assert re.fullmatch(r"\^~*", block[2].split(" | ", 1)[1].strip())
        visible = source[start : start + width].rstrip("…")
        if (f["end_line"], f["end_column"]) == (f["line"], f["column"]):  # about the document
            assert width == 1 and visible == lines[f["line"] - 1][f["column"] - 1]
        else:
            assert visible and span_first_line(f, lines).startswith(visible)


def test_text_caret_counts_characters_in_non_ascii_text(seolint, tmp_path):
    write(tmp_path / "story.md", STORY)
    proc = seolint("check", "--format", "text", "--select", "vague-attribution", "story.md")
    [block] = text_blocks(proc.stdout)
    assert block[0].startswith("story.md:3:22: warning vague-attribution ")
    assert block[1] == " 3 | " + STORY.splitlines()[2]
    assert block[2] == "   | " + " " * 21 + "^" + "~" * 15


def test_text_pads_tabs_and_wide_characters(seolint, tmp_path):
    write(
        tmp_path / "story.md",
        "# Deal agreed\n\n東京\tReports indicate a deal, the ministry said.\n",
    )
    proc = seolint("check", "--format", "text", "--select", "vague-attribution", "story.md")
    [block] = text_blocks(proc.stdout)
    assert block[0].startswith("story.md:3:4: ")
    assert block[2] == "   | " + "    \t" + "^" + "~" * 15  # two wide characters, a tab


def test_text_hint_has_rule_summary_and_fix(seolint, tmp_path):
    write(
        tmp_path / "story.md",
        "# Deal agreed\n\nTalks went on amidst protests, the ministry said.\n",
    )
    proc = seolint("check", "--format", "text", "--select", "wordy-phrase", "story.md")
    summary = json.loads(seolint("rules", "--format", "json").stdout)
    wordy = next(r for r in summary if r["id"] == "wordy-phrase")
    [block] = text_blocks(proc.stdout)
    assert block[3] == f"   = hint: {wordy['summary']}; fixable with --fix"


def test_text_colour_follows_the_color_option(seolint, tmp_path):
    write(tmp_path / "story.md", STORY)
    args = ("check", "--format", "text", "--select", "attribution", "story.md")
    always = seolint(*args, "--color", "always").stdout  # NO_COLOR=1 is set by conftest
    assert "\x1b[1;33mwarning\x1b[0m" in always and "\x1b[1;33m^~~~" in always
    assert ANSI not in seolint(*args, "--color", "never").stdout
    assert ANSI not in seolint(*args).stdout  # auto, and stdout is a pipe
    plain = re.sub(r"\x1b\[[0-9;]*m", "", always)
    assert plain == seolint(*args, "--color", "never").stdout


def run_on_terminal(*args: str, cwd: Path, no_color: str) -> str:
    """Run seolint with stdout on a pseudo-terminal; return what it printed there."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": no_color, "COLUMNS": "100"}
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "seolint", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=subprocess.PIPE,
    )
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the child exits
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    proc.communicate(timeout=300)
    return out.decode("utf-8").replace("\r\n", "\n")


def test_terminal_default_is_text_in_colour_unless_no_color(tmp_path):
    write(tmp_path / "story.md", STORY)
    coloured = run_on_terminal("check", "story.md", cwd=tmp_path, no_color="")
    assert ANSI in coloured and "^~~~" in coloured
    plain = run_on_terminal("check", "story.md", cwd=tmp_path, no_color="1")
    assert ANSI not in plain
    assert " 3 | Zoë’s café was busy." in plain and "^~~~" in plain


# --- jsonl -------------------------------------------------------------------------------------


def test_jsonl_is_the_json_findings_one_per_line(seolint, tmp_path):
    write(tmp_path / "a.md", STORY)
    write(tmp_path / "b.md", "# Quiet day\n\nNothing happened, the ministry said.\n")
    array = findings(seolint("check", "--format", "json", "a.md", "b.md", str(SEED)))
    proc = seolint("check", "--format", "jsonl", "a.md", "b.md", str(SEED))
    assert proc.returncode == 1
    assert [json.loads(line) for line in proc.stdout.splitlines()] == array
    assert {f["path"] for f in array} >= {"a.md", str(SEED)}


# --- sarif -------------------------------------------------------------------------------------


def sarif(seolint, *args: str, cwd: Path | None = None) -> dict:
    proc = seolint("check", "--format", "sarif", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_sarif_is_valid_against_the_official_schema(seolint, tmp_path):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not available at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    write(tmp_path / "clean.md", "# Quiet day\n\nNothing happened, the ministry said.\n")
    for log in (sarif(seolint, str(SEED)), sarif(seolint, "clean.md")):
        jsonschema.validate(log, schema)


def test_sarif_results_rules_and_regions(seolint, seed_report):
    log = sarif(seolint, str(SEED.relative_to(ROOT)), cwd=ROOT)
    [run] = log["runs"]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "seolint" and driver["version"]
    rules = driver["rules"]
    expected = seed_findings(seed_report)
    assert len(run["results"]) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, f in zip(run["results"], expected, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f["rule"]
        assert result["level"] == levels[f["severity"]]
        assert result["message"]["text"] == f["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "seeds/000_fe45aa818bf3099d.txt"
        assert location["region"] == {
            "startLine": f["line"],
            "startColumn": f["column"],
            "endLine": f["end_line"],
            "endColumn": f["end_column"],
        }
    outside = sarif(seolint, str(SEED))["runs"][0]["results"][0]  # from a temporary folder
    assert outside["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SEED.as_uri()
    fingerprints = [r["partialFingerprints"]["seolint/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    wordy = next(r for r in rules if r["id"] == "wordy-phrase")
    assert wordy["defaultConfiguration"]["level"] == "note"
    assert wordy["shortDescription"]["text"] and wordy["fullDescription"]["text"]
    assert "seolint explain wordy-phrase" in wordy["help"]["text"]


def test_sarif_lists_exactly_the_rules_in_force(seolint, tmp_path):
    write(tmp_path / "clean.md", "# Quiet day\n\nNothing happened, the ministry said.\n")
    log = sarif(seolint, "--select", "cliche,vague-attribution", "clean.md")
    [run] = log["runs"]
    assert run["results"] == []
    assert sorted(r["id"] for r in run["tool"]["driver"]["rules"]) == [
        "cliche",
        "vague-attribution",
    ]


# --- github ------------------------------------------------------------------------------------


def test_github_annotations_for_the_seed(seolint, seed_report):
    proc = seolint("check", "--format", "github", str(SEED))
    expected = seed_findings(seed_report)
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    lines = proc.stdout.splitlines()
    assert len(lines) == len(expected)
    for line, f in zip(lines, expected, strict=True):
        assert line == (
            f"::{commands[f['severity']]} file={f['path']},line={f['line']},col={f['column']},"
            f"endLine={f['end_line']},endColumn={f['end_column']},title={f['rule']}::"
            f"{f['message'].replace('%', '%25')}"
        )


def test_github_escapes_message_and_properties(seolint, tmp_path):
    house(tmp_path)
    write(tmp_path / "a,b:c.md", "# Deal agreed\n\nThey are totally sure, the ministry said.\n")
    proc = seolint("check", "--format", "github", "--rules-dir", "house", "--select", "house", ".")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == (
        "::error file=a%2Cb%3Ac.md,line=3,col=10,endLine=3,endColumn=17,title=sure-talk::"
        "100%25 sure, really: <totally> & more%0Asecond line\n"
    )


def test_github_reads_stdin_under_its_file_name(seolint):
    proc = seolint(
        "check",
        "--format",
        "github",
        "--select",
        "vague-attribution",
        "-",
        "--stdin-filename",
        "news/story.md",
        input=STORY,
    )
    assert proc.stdout.startswith("::warning file=news/story.md,line=3,col=22,")


# --- gitlab ------------------------------------------------------------------------------------

REPEATS = """\
# Deal agreed

Reports indicate a deal. Reports indicate a deal, the ministry said.

Reports indicate a deal, an official said.
"""


def gitlab(seolint, *args: str) -> list[dict]:
    proc = seolint("check", "--format", "gitlab", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_gitlab_code_quality_report_for_the_seed(seolint, seed_report):
    issues = gitlab(seolint, str(SEED))
    expected = seed_findings(seed_report)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    assert len(issues) == len(expected)
    for issue, f in zip(issues, expected, strict=True):
        assert issue["description"] == f["message"] and issue["check_name"] == f["rule"]
        assert issue["severity"] == severities[f["severity"]]
        assert issue["location"] == {
            "path": f["path"],
            "lines": {"begin": f["line"], "end": f["end_line"]},
        }
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert fingerprints == [i["fingerprint"] for i in gitlab(seolint, str(SEED))]


def test_gitlab_fingerprints_survive_lines_moving_and_tell_repeats_apart(seolint, tmp_path):
    story = write(tmp_path / "story.md", REPEATS)
    args = ("--select", "vague-attribution", "story.md")
    before = gitlab(seolint, *args)
    assert [i["location"]["lines"]["begin"] for i in before] == [3, 3, 5]
    assert len({i["fingerprint"] for i in before}) == 3
    story.write_text(REPEATS.replace("\n\n", "\n\nA new first paragraph.\n\n", 1), "utf-8")
    after = gitlab(seolint, *args)
    assert [i["location"]["lines"]["begin"] for i in after] == [5, 5, 7]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


# --- junit -------------------------------------------------------------------------------------


def test_junit_has_a_case_per_file_and_a_failure_per_finding(seolint, tmp_path):
    house(tmp_path)
    write(tmp_path / "clean.md", "# Quiet day\n\nNothing happened, the ministry said.\n")
    write(tmp_path / "sure.md", "# Deal agreed\n\nThey are totally sure, the ministry said.\n")
    write(tmp_path / "seed.txt", SEED.read_text(encoding="utf-8"))
    args = ("--rules-dir", "house", "--select", "house,cliche", "clean.md", "sure.md", "seed.txt")
    expected = findings(seolint("check", "--format", "json", *args))
    proc = seolint("check", "--format", "junit", *args)
    assert proc.returncode == 1, proc.stderr
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["clean.md", "sure.md", "seed.txt"]
    assert suite.get("tests") == root.get("tests") == "3"
    assert suite.get("failures") == "2"
    per_file = Counter(f["path"] for f in expected)
    for case in cases:
        failures = case.findall("failure")
        assert len(failures) == per_file[case.get("name")]
    sure = cases[1].find("failure")
    assert sure.get("type") == "sure-talk"
    assert sure.get("message") == "100% sure, really: <totally> & more\nsecond line"
    assert sure.text.startswith("3:10: error sure-talk 100% sure")


# --- statistics --------------------------------------------------------------------------------


def test_statistics_table_counts_by_rule(seolint, seed_report):
    proc = seolint("check", "--statistics", str(SEED))
    assert proc.returncode == 1
    expected = seed_findings(seed_report)
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["files", "checked", "1"]
    assert lines[1].split() == ["findings", str(len(expected))]
    by_severity = Counter(f["severity"] for f in expected)
    assert [line.split() for line in lines[2:5]] == [
        [s, str(by_severity[s])] for s in ("error", "warning", "info")
    ]
    header = lines.index(next(x for x in lines if x.split()[:2] == ["count", "rule"]))
    rows = [line.split() for line in lines[header + 1 :] if line.strip()][:-1]
    counts = Counter(f["rule"] for f in expected)
    assert [(int(r[0]), r[1]) for r in rows] == sorted(
        ((n, rule) for rule, n in counts.items()), key=lambda x: (-x[0], x[1])
    )
    fixable = {r[1] for r in rows if r[-1] == "[*]"}
    assert fixable == {f["rule"] for f in expected if f["fixable"]}
    assert lines[-1] == "[*] fixable with --fix"


def test_statistics_as_json(seolint, seed_report):
    data = json.loads(seolint("check", "--statistics", "--format", "json", str(SEED)).stdout)
    expected = seed_findings(seed_report)
    assert data["files"] == 1 and data["findings"] == len(expected)
    assert {r["rule"]: r["count"] for r in data["rules"]} == dict(
        Counter(f["rule"] for f in expected)
    )


def test_statistics_with_a_machine_format_is_a_usage_error(seolint):
    proc = seolint("check", "--statistics", "--format", "sarif", str(SEED))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "--statistics" in proc.stderr
