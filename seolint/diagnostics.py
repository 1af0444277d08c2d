"""What rules find (Finding, offsets) and what users see (Diagnostic, lines and columns)."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's result: a span of the document, a message and an optional safe fix."""

    start: int
    end: int
    message: str
    fix: tuple[Edit, ...] | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding placed in a file (1-based lines and columns; end column exclusive)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    fix: tuple[Edit, ...] | None = None

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
        return data
