"""GitHub Actions workflow commands: an annotation per finding on the pull request."""

from __future__ import annotations

from seolint.formats.base import Reporter
from seolint.model.results import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Github(Reporter):
    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            props = {
                "file": d.path,
                "line": d.line,
                "col": d.column,
                "endLine": d.end_line,
                "endColumn": d.end_column,
                "title": d.rule,
            }
            joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            self.stream.write(f"::{COMMANDS[d.severity]} {joined}::{escape_data(d.message)}\n")
