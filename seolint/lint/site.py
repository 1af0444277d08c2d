"""Findings across the files of one run: values that must be unique on a site.

When a file is checked, the rules of kind ``duplicate`` note what they compare (its *facts*:
a title, a slug...). Facts travel with the file's result and are cached with its findings,
so a file answered from the cache, or checked in a worker, brings them too, and no file is
read again. After every file is checked, the main process compares the facts in the order
the files were found: the findings do not depend on ``--jobs`` or the cache. The findings
themselves are not cached, as they depend on the other files. A run of one file, and the
language server, have no siblings to compare.
"""

from __future__ import annotations

import json
from collections import defaultdict

from seolint.model.diagnostics import Diagnostic

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from seolint.model.document import Document
    from seolint.model.results import FileResult
    from seolint.rules.load import Rule

FACT = "site-fact"  # the category that marks a fact among a cached entry's findings
MAX_NAMED = 3  # other files named in a message; all of them are related locations


def facts_of(doc: Document, rules: list[Rule]) -> list[Diagnostic]:
    """A document's facts for the site rules among ``rules`` (none without front matter)."""
    site = [r for r in rules if r.kind == "duplicate"]
    if not site or not doc.front_matter:
        return []
    from seolint.lint.controls import Controls

    controls = Controls(doc)
    out = []
    for rule in site:
        found = rule.checker.key(doc)  # type: ignore[attr-defined]
        if found is None:
            continue
        key, value, start, end = found
        line, column = doc.position(start)
        end_line, end_column = doc.position(max(start, end))
        reported = not controls.suppressed(rule.id, rule.category, line)
        message = json.dumps([key, value, reported], ensure_ascii=False)
        out.append(
            Diagnostic(doc.path, line, column, end_line, end_column, rule.id, FACT, "info", message)
        )
    return out


def split_facts(diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """A cached entry's findings, and its facts."""
    if not any(d.category == FACT for d in diagnostics):
        return diagnostics, []
    return (
        [d for d in diagnostics if d.category != FACT],
        [d for d in diagnostics if d.category == FACT],
    )


class _Entry:
    __slots__ = ("rule", "path", "value", "span", "fail_on", "reported")

    def __init__(self, rule, path, value, span, fail_on, reported) -> None:
        self.rule: Rule = rule
        self.path: str = path
        self.value: str = value
        self.span: tuple[int, int, int, int] = span
        self.fail_on: str = fail_on
        self.reported: bool = reported


class SiteIndex:
    """Collects each checked file's facts, then reports the values that repeat."""

    def __init__(self, rules_for: Callable[[str], list[Rule]]) -> None:
        self.rules_for = rules_for
        self.groups: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        self.order: list[str] = []

    def add(self, result: FileResult) -> None:
        """Note a checked file's facts."""
        if result.error or not result.facts:
            return
        rules = {r.id: r for r in self.rules_for(result.path) if r.kind == "duplicate"}
        self.order.append(result.path)
        for fact in result.facts:
            rule = rules.get(fact.rule)
            if rule is None:
                continue
            try:
                key, value, reported = json.loads(fact.message)
            except ValueError:
                continue
            span = (fact.line, fact.column, fact.end_line, fact.end_column)
            entry = _Entry(rule, result.path, str(value), span, result.fail_on, bool(reported))
            self.groups[(rule.id, str(key))].append(entry)

    def results(self) -> Iterator[tuple[str, str, list[Diagnostic]]]:
        """(path, fail_on, findings) per file with a repeated value, in the order found."""
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        fail_on: dict[str, str] = {}
        for entries in self.groups.values():
            if len({e.path for e in entries}) < 2:
                continue
            for entry in entries:
                if entry.reported:
                    others = [e for e in entries if e.path != entry.path]
                    found[entry.path].append(_diagnostic(entry, others))
                    fail_on[entry.path] = entry.fail_on
        for path in dict.fromkeys(self.order):
            if path in found:
                yield path, fail_on[path], sorted(found[path], key=lambda d: d.sort_key)


def _diagnostic(entry: _Entry, others: list[_Entry]) -> Diagnostic:
    rule = entry.rule
    named = ", ".join(f"{o.path}:{o.span[0]}" for o in others[:MAX_NAMED])
    if len(others) > MAX_NAMED:
        named += f" and {len(others) - MAX_NAMED} more"
    field = rule.checker.opts["check"]
    message = rule.checker.say(field=field, value=entry.value, other=named)
    related = tuple((*o.span, o.path, f"the same {field} in {o.path}") for o in others)
    return Diagnostic(
        entry.path, *entry.span, rule.id, rule.category, rule.severity, message, None, related
    )
