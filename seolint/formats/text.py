"""Human output for terminals: each finding, its source line, a caret under the span, a hint.

Columns count Unicode characters; the caret line pads with the display width of the text
before the span (tabs copied, East Asian wide characters two cells, combining marks none).
Long lines are cut to a window around the span, marked with an ellipsis.
"""

from __future__ import annotations

import shutil
import unicodedata

from seolint.formats.base import Reporter, source_lines
from seolint.model.diagnostics import Diagnostic
from seolint.model.results import FileResult

RESET, BOLD, DIM = "\x1b[0m", "\x1b[1m", "\x1b[2m"
SEVERITY_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
GUTTER_COLOR = "\x1b[34m"
ELLIPSIS = "…"
# C0 and C1 controls (tab kept) would move the cursor or inject escapes: show U+FFFD instead.
_CONTROLS = {c: "\ufffd" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c != 0x09}


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _pad(text: str) -> str:
    """Blank space as wide as ``text`` on a terminal."""
    return "".join("\t" if ch == "\t" else " " * _width(ch) for ch in text)


def window(line: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Cut ``line`` to about ``width`` characters around ``[start, end)``; shift the span."""
    if len(line) <= width:
        return line, start, end
    left = max(0, min(start - width // 3, len(line) - width))
    right = min(len(line), left + width)
    cut = line[left:right]
    prefix = ELLIPSIS if left else ""
    suffix = ELLIPSIS if right < len(line) else ""
    shift = len(prefix) - left
    return prefix + cut + suffix, start + shift, min(end, right) + shift


class Text(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.width = max(40, shutil.get_terminal_size((100, 24)).columns)
        self.explained: set[str] = set()  # rules whose summary was shown as a hint

    def paint(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text

    def file(self, result: FileResult) -> None:
        lines = source_lines(result)
        summaries = {r.id: r.summary for r in self.rules_for(result.path)}
        for d in result.diagnostics:
            summary = "" if d.rule in self.explained else summaries.get(d.rule, "")
            self.explained.add(d.rule)
            self.stream.write(self.render(d, lines, summary) + "\n")

    def render(self, d: Diagnostic, lines: list[str], summary: str) -> str:
        """One finding: header, source line with caret underline, hint."""
        message = d.message.translate(_CONTROLS)
        out = [
            f"{self.paint(BOLD, f'{d.path}:{d.line}:{d.column}:')} "
            f"{self.paint(SEVERITY_COLORS[d.severity], d.severity)} "
            f"{self.paint(BOLD, d.rule)} {message}"
        ]
        number = str(d.line)
        blank = " " * len(number)
        if 0 < d.line <= len(lines):
            out.extend(self.snippet(d, lines[d.line - 1], number, blank))
        hints = [h for h in (summary, "fixable with --fix" if d.fix else "") if h]
        if hints:
            bar = self.paint(GUTTER_COLOR, f" {blank} =")
            out.append(f"{bar} {self.paint(DIM, 'hint:')} {'; '.join(hints)}")
        return "\n".join(out) + "\n"

    def snippet(self, d: Diagnostic, line: str, number: str, blank: str) -> list[str]:
        """The source line and the caret line under the span (first line of a long span)."""
        line = line.translate(_CONTROLS)
        start = min(d.column - 1, len(line))
        end = min(d.end_column - 1, len(line)) if d.end_line == d.line else len(line)
        room = self.width - len(number) - 6  # gutter and two ellipses
        shown, start, end = window(line, start, max(end, start), room)
        marks = "^" + "~" * max(0, sum(_width(ch) for ch in shown[start:end]) - 1)
        color = SEVERITY_COLORS[d.severity]
        return [
            f"{self.paint(GUTTER_COLOR, f' {number} |')} {shown}",
            f"{self.paint(GUTTER_COLOR, f' {blank} |')} {_pad(shown[:start])}"
            f"{self.paint(color, marks)}",
        ]
