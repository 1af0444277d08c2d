"""``path:line:col: severity rule-id message``: the GNU form editors' problem matchers read."""

from __future__ import annotations

from seolint.formats.base import Reporter
from seolint.model.results import FileResult


class Concise(Reporter):
    def file(self, result: FileResult) -> None:
        write = self.stream.write
        for d in result.diagnostics:
            write(f"{d.path}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}\n")
