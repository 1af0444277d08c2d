"""``--statistics``: a summary of the run in place of the findings (as ruff does).

Files checked, findings by severity, then one row per rule (and severity) with its count,
most frequent first; ``[*]`` marks rules whose findings ``--fix`` can repair.
"""

from __future__ import annotations

from collections import Counter

from seolint.formats.base import Reporter
from seolint.model.results import FileResult

ORDER = ("error", "warning", "info")


class Statistics(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.files = 0
        self.severities: Counter[str] = Counter()
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.fixable: set[str] = set()

    def file(self, result: FileResult) -> None:
        self.files += 1
        for d in result.diagnostics:
            self.severities[d.severity] += 1
            self.by_rule[(d.rule, d.severity)] += 1
            if d.fix:
                self.fixable.add(d.rule)

    def rows(self) -> list[tuple[int, str, str, bool]]:
        """(count, rule, severity, fixable), most frequent first, then by rule id."""
        rows = [(n, rule, sev, rule in self.fixable) for (rule, sev), n in self.by_rule.items()]
        return sorted(rows, key=lambda row: (-row[0], row[1], ORDER.index(row[2])))

    def finish(self) -> None:
        write = self.stream.write
        total = sum(self.severities.values())
        write(f"{'files checked':<15}{self.files:>6}\n{'findings':<15}{total:>6}\n")
        for severity in ORDER:
            write(f"{'  ' + severity:<15}{self.severities[severity]:>6}\n")
        rows = self.rows()
        if not rows:
            return
        width = max(len("rule"), *(len(rule) for _, rule, _, _ in rows))
        write(f"\n{'count':>6}  {'rule':<{width}}  {'severity':<8}  fix\n")
        for count, rule, severity, fixable in rows:
            mark = "[*]" if fixable else ""
            write(f"{count:>6}  {rule:<{width}}  {severity:<8}  {mark}".rstrip() + "\n")
        if self.fixable:
            write("\n[*] fixable with --fix\n")


class StatisticsJson(Statistics):
    """The same summary as one JSON object (``--statistics --format json``)."""

    def finish(self) -> None:
        import json

        data = {
            "files": self.files,
            "findings": sum(self.severities.values()),
            "severities": {s: self.severities[s] for s in ORDER},
            "rules": [
                {"rule": rule, "severity": sev, "count": n, "fixable": fixable}
                for n, rule, sev, fixable in self.rows()
            ],
        }
        json.dump(data, self.stream, indent=2)
        self.stream.write("\n")
