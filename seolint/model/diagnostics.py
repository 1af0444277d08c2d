"""What rules find (Finding, offsets) and what users see (Diagnostic, lines and columns)."""

from __future__ import annotations

from seolint.model.record import Record

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
    """A rule's result: a span of the document, a message and an optional safe fix; for an
    article-level finding, the spans of the evidence (``related``) and named values (``data``,
    such as a score) that the JSON output carries as fields."""

    __slots__ = ("start", "end", "message", "fix", "related", "data")

    def __init__(
        self,
        start: int,
        end: int,
        message: str,
        fix: tuple[Edit, ...] | None = None,
        related: tuple[tuple[int, int], ...] = (),
        data: dict[str, float | int | str] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.fix = fix
        self.related = related
        self.data = data


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
        "data",
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
        related: tuple[tuple, ...] = (),
        data: dict[str, float | int | str] | None = None,
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
        # (line, column, end_line, end_column) of each piece of evidence; with (path, message)
        # after them for a place in another file (seolint.lint.site)
        self.related = related
        self.data = data

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
        if self.related:
            data["related"] = [_related(place) for place in self.related]
        if self.data:
            data.update(self.data)
        return data


def _related(place: tuple) -> dict:
    """A related location for JSON: its span, and for another file (checks across files)
    that file's path and what it shows."""
    line, column, end_line, end_column = place[:4]
    found: dict = {"line": line, "column": column, "end_line": end_line, "end_column": end_column}
    if len(place) == 6:
        found["path"], found["message"] = place[4], place[5]
    return found
