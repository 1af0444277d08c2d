"""The two examples of the architecture note (a new rule kind, a new named check) work as
written: loaded from YAML, they find what they say, and the kind keeps the rule cache's
contract."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from conftest import ROOT

from seolint.cache import rules as rule_cache
from seolint.errors import ConfigError
from seolint.parse.markdown import parse
from seolint.read.source import decode
from seolint.rules import kinds
from seolint.rules.kinds import structure
from seolint.rules.kinds.base import Context
from seolint.rules.load import load_pack


def example(marker: str) -> str:
    """The Python block of the architecture note that holds ``marker``."""
    path = ROOT / "docs" / "architecture.md"
    for block in re.findall(r"```python\n(.*?)```", path.read_text("utf-8"), re.S):
        if marker in textwrap.dedent(block):
            return textwrap.dedent(block)
    raise AssertionError(f"no example with {marker!r}")


def findings(tmp_path, rule_yaml: str, text: str) -> tuple[list[str], list[str]]:
    """Messages of a one-rule pack's rule, fresh and restored from the rule cache."""
    (tmp_path / "house.yaml").write_text(f"rules:\n  - {rule_yaml}\n", encoding="utf-8")
    fresh = load_pack(tmp_path / "house.yaml")
    cached = [rule_cache._restore(json.loads(json.dumps(rule_cache._dump(r)))) for r in fresh]
    doc = parse(decode("story.md", text.encode()))

    def messages(rules: list) -> list[str]:
        return [f.message for r in rules for f in r.checker.check(doc, Context())]

    return messages(fresh), messages(cached)


def test_the_new_kind_example(tmp_path, monkeypatch):
    namespace: dict = {}
    exec(compile(example("class ReadingTime"), "architecture example", "exec"), namespace)
    kind = namespace["ReadingTime"]
    monkeypatch.setitem(kinds.KINDS, kind.name, kind)
    rule = "{id: slow, kind: reading-time, max: 1, speed: 10, message: '{minutes} > {limit}'}"
    fresh, cached = findings(tmp_path, rule, "# Title\n\n" + "word " * 25 + "\n")
    assert fresh == cached == ["2 > 1"]
    with pytest.raises(ConfigError, match="house.yaml:2: rule slow: 'speed' must be above 0"):
        findings(tmp_path, rule.replace("speed: 10", "speed: 0"), "text")


def test_the_new_check_example(tmp_path):
    code = example('@heading_check(\n    "too-many"')
    try:
        exec(compile(code, "architecture example", "exec"), dict(vars(structure)))
        rule = "{id: many, kind: heading, check: too-many, max: 2, message: 'over {limit}'}"
        text = "# Title\n\n## A\n\n## B\n\n## C\n"
        fresh, cached = findings(tmp_path, rule, text)
        assert fresh == cached == ["over 2"]
        assert findings(tmp_path, rule.replace("max: 2", "max: 3"), text) == ([], [])
    finally:
        structure.HEADING_CHECKS.pop("too-many", None)
