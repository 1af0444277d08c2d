"""What rules find (Finding, offsets) and what users see (Diagnostic, lines and columns)."""

from __future__ import annotations

from seolint.record import Record

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


class Edit(Record):
    """Replace ``text[start:end]`` with ``replacement``."""

    __slots__ = ("start", "end", "replacement")

    def __init__(self, start: int, end: int, replacement: str) -> None:
        self.start = start
        self.end = end
        self.replacement = replacement


class Finding(Record):
    """A rule's result: a span of the document, a message and an optional safe fix."""

    __slots__ = ("start", "end", "message", "fix")

    def __init__(
        self, start: int, end: int, message: str, fix: tuple[Edit, ...] | None = None
    ) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.fix = fix


class Related(Record):
    """Another place a finding is about (a file with the same title): path and 1-based span."""

    __slots__ = ("path", "line", "column", "end_line", "end_column", "message")

    def __init__(
        self, path: str, line: int, column: int, end_line: int, end_column: int, message: str
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.message = message

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
        }


class Diagnostic(Record):
    """A finding placed in a file (1-based lines and columns; end column exclusive)."""

    __slots__ = (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "category",
        "severity",
        "message",
        "fix",
        "related",
    )

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        rule: str,
        category: str,
        severity: str,
        message: str,
        fix: tuple[Edit, ...] | None = None,
        related: tuple[Related, ...] | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.fix = fix
        self.related = related

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        """The JSON form documented in README."""
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "fixable": self.fix is not None,
        }
        if self.related:  # findings across files: the other files' places
            data["related"] = [r.to_dict() for r in self.related]
        return data
