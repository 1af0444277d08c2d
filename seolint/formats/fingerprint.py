"""Stable finding fingerprints for CI tools that track findings across runs.

A fingerprint hashes the path, rule, message and the flagged text (not line numbers, so it
survives edits elsewhere in the file); identical findings in one file are told apart by an
occurrence counter.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from seolint.model.diagnostics import Diagnostic


def span_text(lines: list[str], d: Diagnostic) -> str:
    """The flagged text, or the whole first line when the span is empty."""
    if not 0 < d.line <= len(lines):
        return ""
    if d.line == d.end_line:
        text = lines[d.line - 1][d.column - 1 : d.end_column - 1]
    else:
        parts = [lines[d.line - 1][d.column - 1 :], *lines[d.line : d.end_line - 1]]
        if d.end_line <= len(lines):
            parts.append(lines[d.end_line - 1][: d.end_column - 1])
        text = "\n".join(parts)
    return text or lines[d.line - 1]


class Fingerprints:
    """Fingerprints for one run; call ``of`` for each diagnostic in report order."""

    def __init__(self) -> None:
        self.seen: Counter[tuple[str, ...]] = Counter()

    def of(self, path: str, d: Diagnostic, lines: list[str]) -> str:
        key = (path, d.rule, d.message, span_text(lines, d))
        self.seen[key] += 1
        data = "\0".join([*key, str(self.seen[key])]).encode("utf-8")
        return hashlib.sha256(data).hexdigest()[:32]
