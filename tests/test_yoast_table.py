"""The tables "seolint against Yoast SEO" (README.md and docs/seo-vs-yoast.md) say what the
rule packs do: every figure given for a rule is one of that rule's options, every threshold a
rule pack sets is given in README, and the severities are the rules' own. Changing a
threshold in rules/*.yaml without the tables fails here."""

from __future__ import annotations

import re
from functools import cache

import yaml
from conftest import ROOT

from seolint.rules.select import build
from seolint.run.config import KEYS, Config

SEVERITIES = ("error", "warning", "info")
_RULE = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in _NUMBER.findall(text)}


def yoast_rows(text: str) -> list[list[str]]:
    """The rows (name, Yoast, seolint, why) of every table whose first header is 'Yoast
    assessment'."""
    rows, inside = [], False
    for line in text.splitlines():
        if not line.startswith("|"):
            inside = False
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "Yoast assessment":
            inside = True
        elif inside and not set(cells[0]) <= set("-: "):
            rows.append(cells)
    return rows


def segments(cell: str) -> list[tuple[str, str]]:
    """(rule id, the text after it up to the next rule id) for each rule a cell names (a
    setting such as `site-url` is not a rule)."""
    found = [m for m in _RULE.finditer(cell) if m.group(1) not in KEYS]
    ends = [m.start() for m in found[1:]] + [len(cell)] * bool(found)
    return [(m.group(1), cell[m.end() : end]) for m, end in zip(found, ends, strict=True)]


@cache
def rules() -> dict:
    return build(Config()).all


@cache
def pack_thresholds() -> dict[str, set[float]]:
    """The numbers each rule's YAML entry sets itself (not the kind's defaults)."""
    out = {}
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text("utf-8"))["rules"]:
            out[entry["id"]] = {
                float(v)
                for v in entry.values()
                if isinstance(v, (int, float)) and not isinstance(v, bool)
            }
    return out


def option_numbers(rule: str) -> set[float]:
    opts = rules()[rule].checker.opts
    return {
        float(v) for v in opts.values() if isinstance(v, (int, float)) and not isinstance(v, bool)
    }


def readme_section() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("\n## SEO\n")
    return text[start : text.index("\n## ", start + 1)]


def check_figures(rows: list[list[str]]) -> list[str]:
    """Problems: a figure given for a rule that is none of its options, or an unknown rule."""
    problems = []
    for name, _, seolint, _ in rows:
        for rule, text in segments(seolint):
            if rule not in rules():
                problems.append(f"{name}: no rule {rule}")
            elif not numbers(text) <= option_numbers(rule):
                got, have = sorted(numbers(text)), sorted(option_numbers(rule))
                problems.append(f"{name}: {rule} says {got}, its options are {have}")
    return problems


def test_readme_table_figures_are_the_rules_options():
    rows = yoast_rows(readme_section())
    assert len(rows) >= 25
    assert check_figures(rows) == []


def test_readme_table_gives_every_threshold_and_severity_of_its_rules():
    rows = yoast_rows(readme_section())
    given: dict[str, set[float]] = {}
    for name, _, seolint, _ in rows:
        for rule, text in segments(seolint):
            said = [w for w in SEVERITIES if re.search(rf"\b{w}\b", text)]
            assert said == [rules()[rule].severity], f"{name}: {rule} {said}"
            given.setdefault(rule, set()).update(numbers(text))
    for rule, figures in given.items():
        assert pack_thresholds()[rule] <= figures, f"{rule}: README leaves out a threshold"


def test_readme_rows_where_seolint_follows_yoast_give_yoasts_figures():
    for name, yoast, seolint, why in yoast_rows(readme_section()):
        if why == "—":
            assert numbers(yoast) <= numbers(seolint), name


def test_readme_lists_every_assessment_of_the_full_page_and_links_it():
    full = (ROOT / "docs" / "seo-vs-yoast.md").read_text("utf-8")
    section = readme_section()
    assert "](docs/seo-vs-yoast.md)" in section
    assert [r[0] for r in yoast_rows(section)] == [r[0] for r in yoast_rows(full)]


def test_full_page_figures_are_the_rules_options():
    full = (ROOT / "docs" / "seo-vs-yoast.md").read_text("utf-8")
    assert check_figures(yoast_rows(full)) == []


def test_a_stale_figure_is_caught():
    row = ["Keyphrase density", "", "`keyword-density` info, outside 0.5–2.5 %", ""]
    assert check_figures([row]) == [
        "Keyphrase density: keyword-density says [0.5, 2.5], its options are [0.5, 3.0, 4.0, 100.0]"
    ]
