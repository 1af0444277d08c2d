"""Findings across the files of one run: values that must be unique on a site.

Each checked file with front matter is read again here, in the main process, after it has
been checked (its own findings may come from a worker or the cache); only its front matter
and inline controls matter. Files are compared in the order they were found, so the
findings do not depend on ``--jobs`` or the cache. They are not cached: they depend on the
other files. A run of one file, and the language server, have no siblings to compare.
"""

from __future__ import annotations

from collections import defaultdict

from seolint.diagnostics import Diagnostic, Related
from seolint.errors import SeolintError
from seolint.source import read_source

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from seolint.formats.base import FileResult
    from seolint.rules import Rule

_MARKERS = (b"---", b"+++", b"\xef\xbb\xbf---", b"\xef\xbb\xbf+++")
MAX_NAMED = 3  # other files named in a message; all of them are related locations


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
    """Collects each file's values for the site rules in force, then reports repeats."""

    def __init__(self, rules_for: Callable[[str], list[Rule]]) -> None:
        self.rules_for = rules_for
        self.groups: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        self.order: list[str] = []

    def add(self, result: FileResult) -> None:
        """Note a checked file's values (a file without front matter has none)."""
        if result.error or result.path == "-":
            return
        rules = [r for r in self.rules_for(result.path) if r.kind == "duplicate"]
        if not rules:
            return
        source = result.source
        try:
            if source is None:
                with open(result.path, "rb") as handle:
                    if not handle.read(6).startswith(_MARKERS):
                        return
                source = read_source(result.path)
        except (OSError, SeolintError):
            return  # it was checked a moment ago; a file gone since has nothing to compare
        if not source.text.startswith(("---", "+++")):
            return
        from seolint.controls import Controls
        from seolint.parser import parse

        doc = parse(source)
        controls = Controls(doc)
        self.order.append(result.path)
        for rule in rules:
            found = rule.checker.key(doc)  # type: ignore[attr-defined]
            if found is None:
                continue
            key, value, start, end = found
            line, column = doc.position(start)
            end_line, end_column = doc.position(max(start, end))
            reported = not controls.suppressed(rule.id, rule.category, line)
            span = (line, column, end_line, end_column)
            entry = _Entry(rule, result.path, value, span, result.fail_on, reported)
            self.groups[(rule.id, key)].append(entry)

    def results(self) -> Iterator[tuple[str, str, list[Diagnostic]]]:
        """(path, fail_on, findings) per file with a repeated value, in the order found."""
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        fail_on: dict[str, str] = {}
        for entries in self.groups.values():
            if len({e.path for e in entries}) < 2:
                continue
            for entry in entries:
                if entry.reported:
                    others = [e for e in entries if e is not entry]
                    found[entry.path].append(_diagnostic(entry, others))
                    fail_on[entry.path] = entry.fail_on
        for path in self.order:
            if path in found:
                yield path, fail_on[path], sorted(found[path], key=lambda d: d.sort_key)


def _diagnostic(entry: _Entry, others: list[_Entry]) -> Diagnostic:
    rule = entry.rule
    named = ", ".join(f"{o.path}:{o.span[0]}" for o in others[:MAX_NAMED])
    if len(others) > MAX_NAMED:
        named += f" and {len(others) - MAX_NAMED} more"
    field = rule.checker.opts["check"]
    message = rule.checker.say(field=field, value=entry.value, other=named)
    related = tuple(Related(o.path, *o.span, f"the same {field} in {o.path}") for o in others)
    return Diagnostic(
        entry.path,
        *entry.span,
        rule.id,
        rule.category,
        rule.severity,
        message,
        None,
        related,
    )
