"""The regex policy (issue 13, item 5): rule patterns run on RE2, in linear time; patterns
RE2 cannot run are rejected at load, naming file and line."""

from __future__ import annotations

import json
import random
import re

import pytest
from conftest import assert_one_line_error
from test_reliability import write

from seolint.match import rule_regex
from seolint.rules.locate import builtin_dir

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

PACK = "rules:\n  - id: house\n    kind: existence\n    patterns: [{pattern}]\n    message: m\n"


@pytest.mark.parametrize(
    "pattern, text",
    [
        ("(a+)+$", "a" * 30 + "!"),  # 70 s on Python's re
        (r"(\w+\s?)*$", " ".join(["word"] * 10) + "!"),  # never finished
    ],
)
def test_catastrophic_patterns_in_a_rule_pack_run_in_linear_time(seolint, tmp_path, pattern, text):
    write(tmp_path, "house/p.yaml", PACK.format(pattern=json.dumps(pattern)))
    write(tmp_path, "a.md", text * 200 + "\n")
    proc = seolint("check", "--rules-dir", "house", "--select", "house", "a.md")  # timeout 300 s
    assert proc.returncode == 0, proc.stderr


def test_a_catastrophic_pattern_set_in_the_configuration_runs(seolint, tmp_path):
    write(tmp_path, ".seolint.yaml", "rules:\n  wordy-phrase:\n    swap: {'(a+)+$': x}\n")
    write(tmp_path, "a.md", "a" * 40 + "!\n")
    proc = seolint("check", "--select", "wordy-phrase", "a.md")
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("pattern", ["(?<=x)y", "(?<!have )reported", "x(?=y)", "(a)\\1"])
def test_patterns_re2_cannot_run_are_rejected_at_load(seolint, tmp_path, pattern):
    write(tmp_path, "house/p.yaml", PACK.format(pattern=json.dumps(pattern)))
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "--rules-dir", "house", "a.md")
    assert_one_line_error(proc, f"p.yaml:4: rule house: bad regular expression {pattern!r}")


def test_a_bad_pattern_in_the_configuration_is_rejected(seolint, tmp_path):
    write(
        tmp_path,
        ".seolint.yaml",
        "select: [all]\nrules:\n  wordy-phrase:\n    swap: {'(?<=a)b': x}\n",
    )
    write(tmp_path, "a.md", "Text.\n")
    assert_one_line_error(seolint("check", "a.md"), ".seolint.yaml:2: rules.wordy-phrase: bad")


def test_no_built_in_pattern_needs_lookaround():
    for path in sorted(builtin_dir().glob("*.yaml")):
        text = path.read_text("utf-8")
        for construct in ("(?<=", "(?<!", "(?=", "(?!"):
            assert construct not in text, (path.name, construct)


def _python(bounded, plain, flags):
    return re.compile(rule_regex.python_syntax(bounded, plain), flags)


def test_bounded_phrases_match_as_the_lookaround_pattern_does():
    """The adapter's word bounds find what Python's lookaround finds (on text where RE2's
    ASCII-only \\b does not enter: the patterns here have none)."""
    cases = [
        ("very|really|in order to", None),
        ("a|a b|b", "x+"),
        (None, "said|x*"),
        ("well|well-known", "(?:know)"),
        ("é|café", "[ée]"),
        ("x", "y"),
        ("said", "x*"),
        (r"café|\(x\)|—", None),
    ]
    pieces = ["very", " ", "really", "-", "a", "b", "x", "y", "well", "-known", "café", "é"]
    pieces += ["\n", "said", "in order to", "🎉", "İ", "_", "3", "(x)", "—"]
    rnd = random.Random(11)
    for _ in range(20_000):
        bounded, plain = rnd.choice(cases)
        flags = rnd.choice([0, re.IGNORECASE])
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        want = [m.span() for m in _python(bounded, plain, flags).finditer(text)]
        got = list(rule_regex.compile(bounded, plain, flags).spans(text))
        assert got == want, (bounded, plain, flags, text)


def test_whole_text_patterns_match_as_before():
    cases = [("source link|source", None, True), (None, "tags|seo(?: notes)?", False)]
    pieces = ["Source", " link", "-", "*", "é", "tags", "SEO", " notes", " ", "x"]
    rnd = random.Random(12)
    for _ in range(5_000):
        bounded, plain, padded = rnd.choice(cases)
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5)))
        pad = r"\W*" if padded else ""
        want = re.match(f"^{pad}(?:{rule_regex.python_syntax(bounded, plain)}){pad}$", text, re.I)
        whole = rule_regex.Whole(bounded, plain, re.IGNORECASE, padded)
        assert whole.match(text) == bool(want), (bounded, plain, text)


def test_python_escapes_are_translated():
    pattern = rule_regex.compile(None, r"\ufffd|\\u|a\Z")
    assert list(pattern.spans("x\ufffd \\u a")) == [(1, 2), (3, 5), (6, 7)]
