"""Rules in process: lint or fix a text with some built-in rules, and a rule tester.

This module is the one place the tests reach into seolint's rule loading
(``seolint.rules.load``), parser (``seolint.parse.markdown``), engine (``seolint.lint.engine``),
fix loop (``seolint.fix.apply``) and rule documentation (``seolint.rules.docs``); when they
change, only this file changes. Findings come back as ``seolint.Finding``, the public API's
record (see docs/api.md).

``lint(text, "wordy-phrase")`` runs rules, named by id or category (or "all"), on one article
as ``seolint check --select`` would, without starting a process. ``RuleTester`` is modelled on
ESLint's RuleTester and textlint-tester: ``valid`` texts must give no finding, ``invalid``
ones exactly the expected findings (rule, line, column, a part of the message) and, when the
rule can fix them, the text ``--fix`` leaves (``output``)::

    test_wordy_phrase = RuleTester("wordy-phrase").run(
        valid=["Talks went on amid the protests."],
        invalid=[
            Invalid(
                "Talks went on amidst the protests.",
                [Error(1, 15, "amidst")],
                output="Talks went on amid the protests.",
            )
        ],
    )

``run`` returns a test function parametrized by case (``valid[0]``, ``invalid[0]``, ...);
assigned to a ``test_`` name in a test module, pytest collects it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import pytest

from seolint.api import Finding, Location
from seolint.fix.apply import fix_source
from seolint.lint.engine import lint as lint_document
from seolint.model.diagnostics import Diagnostic
from seolint.parse.markdown import parse
from seolint.read.source import Source, decode, encode
from seolint.rules.load import Rule, compile_rule, load_folder
from seolint.rules.locate import builtin_dir
from seolint.rules.select import RuleSet
from seolint.run.config import Config

Options = Mapping[str, Mapping[str, object]]  # rule id -> option values, as in .seolint.yaml


@functools.cache
def builtin_rules() -> dict[str, Rule]:
    """Every built-in rule by id, loaded once per test process."""
    return {rule.id: rule for rule in load_folder(builtin_dir())}


def rule_ids(names: str | Iterable[str] = "all") -> list[str]:
    """The ids of the built-in rules named by id or category ("all": every one), in pack
    order; an unknown name is an error, not an empty selection."""
    wanted = [names] if isinstance(names, str) else list(names)
    rules = builtin_rules()
    for name in wanted:
        if name != "all" and name not in rules and all(r.category != name for r in rules.values()):
            raise ValueError(f"no built-in rule or category {name!r}")
    return [
        r.id for r in rules.values() if "all" in wanted or r.id in wanted or r.category in wanted
    ]


def documented_examples() -> list[tuple[str, str, str]]:
    """(rule id, "Bad" or "Good", text) of each example in the built-in rules' descriptions,
    as `seolint explain` and the rule pages show them."""
    from seolint.rules.docs import split_description

    rules = builtin_rules().values()
    return [(r.id, label, text) for r in rules for label, text in split_description(r)[1]]


_TUNED: dict[tuple[str, str], Rule] = {}


def _tuned(rule_id: str, options: Mapping[str, object]) -> Rule:
    """A built-in rule with some options (and ``severity``) changed, as ``rules:`` in a
    configuration changes them; an option the rule's kind lacks is an error."""
    rule = builtin_rules()[rule_id]
    if not options:
        return rule
    key = (rule_id, repr(sorted(options.items())))
    if key not in _TUNED:
        settings = dict(options)
        tuned = rule.replace(severity=settings.pop("severity", rule.severity))
        unknown = [name for name in settings if name not in type(rule.checker).options]
        if unknown:
            raise ValueError(f"{rule_id}: kind {rule.kind} has no option {unknown[0]!r}")
        tuned.options = {**rule.options, **settings}
        tuned.checker = compile_rule(tuned, tuned.options)
        _TUNED[key] = tuned
    return _TUNED[key]


def _rules(names: str | Iterable[str], options: Options) -> list[Rule]:
    unknown = [rule_id for rule_id in options if rule_id not in builtin_rules()]
    if unknown:
        raise ValueError(f"options for an unknown rule {unknown[0]!r}")
    return [_tuned(rule_id, options.get(rule_id) or {}) for rule_id in rule_ids(names)]


def _linter(
    names: str | Iterable[str],
    options: Options | None = None,
    focus_keyword: str | None = None,
    site_url: str | None = None,
) -> Callable[[Source], list[Diagnostic]]:
    """Lint a source with the named rules, as ``lint_source`` does for ``seolint check``."""
    rules = _rules(names, options or {})
    config = Config(focus_keyword=focus_keyword, site_url=site_url)
    ruleset = RuleSet(list(builtin_rules().values()), config)

    def run(source: Source) -> list[Diagnostic]:
        return lint_document(parse(source), ruleset, rules)

    return run


def _finding(d: Diagnostic) -> Finding:
    return Finding(
        path=d.path,
        line=d.line,
        column=d.column,
        end_line=d.end_line,
        end_column=d.end_column,
        rule=d.rule,
        category=d.category,
        severity=d.severity,
        message=d.message,
        fixable=d.fix is not None,
        related=tuple(Location(*span) for span in d.related),
        data=dict(d.data or {}),
    )


def _source(text: str, path: str) -> Source:
    return decode(path, text.encode("utf-8", "surrogatepass"))


def lint(
    text: str, rules: str | Iterable[str] = "all", *, path: str = "a.md", **settings: Any
) -> list[Finding]:
    """The findings of some built-in rules (ids or categories) for an article's text, sorted
    by position. ``settings``: ``options`` (per rule id, as ``rules:`` in ``.seolint.yaml``),
    ``focus_keyword`` and ``site_url``."""
    return [_finding(d) for d in _linter(rules, **settings)(_source(text, path))]


def fix(
    text: str, rules: str | Iterable[str] = "all", *, path: str = "a.md", **settings: Any
) -> str:
    """The text after ``--fix`` with some built-in rules (unchanged when it cannot be fixed);
    ``settings`` as for ``lint``."""
    source = _source(text, path)
    outcome, _reason = fix_source(source, _linter(rules, **settings))
    return text if outcome is None else encode(source, outcome.source.text).decode("utf-8")


# --- the rule tester ------------------------------------------------------------------------


@dataclass(frozen=True)
class Error:
    """An expected finding: its line, and optionally its column, a part of its message, its
    end, and its rule (by default the tester's one rule)."""

    line: int
    column: int | None = None
    message: str | None = None
    rule: str | None = None
    end_line: int | None = None
    end_column: int | None = None

    def mismatch(self, found: Finding, default_rule: str | None) -> str | None:
        """What differs between this expectation and a finding, or None."""
        rule = self.rule or default_rule
        checks = [
            ("rule", rule, found.rule),
            ("line", self.line, found.line),
            ("column", self.column, found.column),
            ("end_line", self.end_line, found.end_line),
            ("end_column", self.end_column, found.end_column),
        ]
        for name, want, got in checks:
            if want is not None and want != got:
                return f"{name} {got!r}, expected {want!r}"
        if self.message is not None and self.message not in found.message:
            return f"message {found.message!r} lacks {self.message!r}"
        return None


@dataclass(frozen=True)
class Case:
    """Settings every kind of case shares."""

    text: str
    _: KW_ONLY
    options: Mapping[str, object] = field(default_factory=dict)  # the tested rule's options
    path: str = "a.md"
    focus_keyword: str | None = None
    site_url: str | None = None
    name: str | None = None  # the test id; by default valid[N] or invalid[N]


@dataclass(frozen=True)
class Valid(Case):
    """A text on which the rules report nothing."""


@dataclass(frozen=True)
class Invalid(Case):
    """A text with exactly these findings, in position order (an ``int`` is an ``Error`` on
    that line), and ``output``: the text after ``--fix``. Without an output, the fix must
    change nothing: a fixed case is an invalid case with an output."""

    errors: Iterable[Error | int] = ()
    output: str | None = None

    def __post_init__(self) -> None:
        made = tuple(e if isinstance(e, Error) else Error(e) for e in self.errors)
        object.__setattr__(self, "errors", made)


class RuleTester:
    """Valid, invalid and fixed cases for one built-in rule, or several (ids or categories)."""

    def __init__(
        self,
        rules: str | Iterable[str],
        *,
        options: Mapping[str, object] | None = None,
        focus_keyword: str | None = None,
        site_url: str | None = None,
    ) -> None:
        self.ids = rule_ids(rules)
        self.options = dict(options or {})  # for every case; a case's own win
        self.focus_keyword = focus_keyword
        self.site_url = site_url

    def _kwargs(self, case: Case) -> dict:
        given = {**self.options, **case.options}
        if given and len(self.ids) != 1:
            raise ValueError("options need a tester of one rule")
        return {
            "options": {self.ids[0]: given} if given else {},
            "path": case.path,
            "focus_keyword": case.focus_keyword or self.focus_keyword,
            "site_url": case.site_url or self.site_url,
        }

    def findings(self, case: Case) -> list[Finding]:
        return lint(case.text, self.ids, **self._kwargs(case))

    def check(self, case: Case) -> None:
        """Assert what a case expects; the message shows every finding."""
        found = self.findings(case)
        shown = "\n".join(f"  {f.line}:{f.column} {f.rule} {f.message}" for f in found)
        if isinstance(case, Valid):
            assert not found, f"expected no finding, got:\n{shown}"
            return
        assert isinstance(case, Invalid) and case.errors, "an invalid case expects findings"
        assert len(found) == len(case.errors), (
            f"expected {len(case.errors)} findings, got {len(found)}:\n{shown}"
        )
        default = self.ids[0] if len(self.ids) == 1 else None
        for n, (want, got) in enumerate(zip(case.errors, found, strict=True)):
            problem = want.mismatch(got, default)
            assert problem is None, f"finding {n + 1}: {problem}\n{shown}"
        fixed = fix(case.text, self.ids, **self._kwargs(case))
        if case.output is None:
            assert fixed == case.text, f"the rule fixed the text; give output=:\n{fixed!r}"
        else:
            assert fixed == case.output, f"fixed text {fixed!r}, expected {case.output!r}"

    def run(
        self, valid: Iterable[Valid | str] = (), invalid: Iterable[Invalid] = ()
    ) -> Callable[[Case], None]:
        """A test function parametrized by the cases: assign it to a ``test_`` name."""
        cases = [c if isinstance(c, Case) else Valid(c) for c in valid] + list(invalid)
        params = []
        counts = {"valid": 0, "invalid": 0}
        for case in cases:
            kind = "valid" if isinstance(case, Valid) else "invalid"
            params.append(pytest.param(case, id=case.name or f"{kind}[{counts[kind]}]"))
            counts[kind] += 1

        @pytest.mark.parametrize("case", params)
        def test(case: Case) -> None:
            self.check(case)

        return test
