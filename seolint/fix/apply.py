"""Safe autofix: apply the edits rules attach to findings, show them as a diff, write files.

The pure part (``apply_fixes``, ``fix_until_stable``, ``unified_diff``) works on
``Source.text`` (LF line endings, no BOM); ``write_atomic`` puts the result on disk.
"""

from __future__ import annotations

import difflib
import io
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from seolint.errors import SeolintError, internal_error
from seolint.fix.atomic_write import write_atomic
from seolint.model.diagnostics import Diagnostic, Edit
from seolint.model.results import FileResult
from seolint.parse import frontmatter
from seolint.read.source import Source, encode, read_source

MAX_PASSES = 10
Lint = Callable[[Source], list[Diagnostic]]


def apply_fixes(text: str, fixes: Iterable[tuple[Edit, ...]]) -> tuple[str, int]:
    """Apply every fix that overlaps no earlier one; return the new text and how many fixes
    it settles (see ``choose``)."""
    taken, settled = choose(list(fixes))
    return _edit(text, taken), len(settled)


def _edit(text: str, edits: list[Edit]) -> str:
    """The text with non-overlapping edits made."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def choose(fixes: list[tuple[Edit, ...]]) -> tuple[list[Edit], list[int]]:
    """The edits to apply, and the indices of the fixes they settle.

    A fix's edits are applied together or not at all. Fixes are taken in order of position
    (the wider first at the same start), so a section removal wins over a line inside it;
    a fix skipped because all its edits lie inside an applied edit is settled too (the
    section's removal takes the line along), so it is counted as fixed.
    """
    taken: list[Edit] = []
    settled: list[int] = []
    order = sorted(
        range(len(fixes)),
        key=lambda i: (min(e.start for e in fixes[i]), -max(e.end for e in fixes[i])),
    )
    for index in order:
        fix = fixes[index]
        if any(_overlap(edit, other) for edit in fix for other in taken):
            if all(any(_inside(edit, other) for other in taken) for edit in fix):
                settled.append(index)
            continue
        taken.extend(fix)
        settled.append(index)
    return taken, sorted(settled)


def _inside(edit: Edit, other: Edit) -> bool:
    """Whether an edit's span lies within a removing or replacing edit's span."""
    return other.start <= edit.start and edit.end <= other.end and other.start < other.end


def _overlap(a: Edit, b: Edit) -> bool:
    """Spans that share a character, or two edits at the same place (order would matter)."""
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def unfixable(text: str) -> str | None:
    """Why a text must not be rewritten, or None when it parses fully."""
    block = frontmatter.find(text)
    if block and frontmatter.parse(text, block[0], block[1])[1]:
        return "front matter is not valid YAML"
    return None


@dataclass(frozen=True)
class Fixed:
    """The outcome of fixing one source: the new source, fixes applied, what remains."""

    source: Source
    fixed: int
    diagnostics: list[Diagnostic]
    rules: Counter[str]  # the fixed findings per rule


def fix_until_stable(source: Source, lint: Lint) -> Fixed:
    """Lint and fix repeatedly (at most MAX_PASSES) until no fix applies any more.

    Only what the first check reported as fixable is changed: a later pass applies a fix (one
    that overlapped another the first time, say) only when all it replaces lies inside the
    edits the first check offered. A fix that appears only because of an earlier fix (the
    section that became the last once the last was removed) is left, and reported: the next
    run shows it as fixable and fixes it when asked."""
    rules: Counter[str] = Counter()
    diagnostics = lint(source)
    allowed = _fixable_mask(source.text, [d.fix for d in diagnostics if d.fix])
    for _ in range(MAX_PASSES):
        fixable = [d for d in diagnostics if d.fix and _allowed(d.fix, allowed)]
        taken, settled = choose([d.fix for d in fixable])  # type: ignore[misc]
        text = _edit(source.text, taken)
        if not settled or text == source.text:
            break
        rules.update(fixable[i].rule for i in settled)
        for edit in sorted(taken, key=lambda e: e.start, reverse=True):
            allowed[edit.start : edit.end] = b"\1" * len(edit.replacement)
        source = source.replace(text=text)
        diagnostics = lint(source)
    return Fixed(source, sum(rules.values()), diagnostics, rules)


def _fixable_mask(text: str, fixes: Iterable[tuple[Edit, ...]]) -> bytearray:
    """One byte per character of the text: 1 where an edit of a reported fix lies."""
    mask = bytearray(len(text))
    for fix in fixes:
        for edit in fix:
            mask[edit.start : edit.end] = b"\1" * (edit.end - edit.start)
    return mask


def _allowed(fix: tuple[Edit, ...], mask: bytearray) -> bool:
    """Whether every edit of a fix replaces only characters the mask allows (an insertion:
    between two allowed characters)."""
    for edit in fix:
        if edit.start == edit.end:
            if not (0 < edit.start < len(mask) and mask[edit.start - 1] and mask[edit.start]):
                return False
        elif mask.find(0, edit.start, edit.end) != -1:
            return False
    return True


def fix_source(source: Source, lint: Lint) -> tuple[Fixed | None, str | None]:
    """Fix a source until stable, or None and why it must not be rewritten."""
    reason = "mixed line endings" if source.mixed_newlines else unfixable(source.text)
    outcome = None if reason else fix_until_stable(source, lint)
    if outcome is not None and outcome.fixed and unfixable(outcome.source.text):
        reason, outcome = "the fixes would break the front matter", None
    return outcome, reason


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff (``a/`` and ``b/`` prefixes, as git writes) from ``old`` to ``new``."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{path}", f"b/{path}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at LF only (CR, form feed and U+2028 are content)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


class Fixer:
    """``--fix`` writes fixed files (stdin: prints the fixed text); ``--diff`` prints a diff."""

    def __init__(self, paths: Sequence[str], diff: bool, lint: Lint) -> None:
        self.diff = diff
        self.stdin = tuple(paths) == ("-",)
        if "-" in paths and not self.stdin:
            raise SeolintError("-", "--fix and --diff read stdin only when it is the one path")
        self.lint = lint
        self.fixed = 0
        self.files = 0
        self.shown: list[tuple[str, Counter[str]]] = []  # per fixed file, its fixes per rule

    @property
    def report_stream(self) -> TextIO:
        """Where findings go: stdout, unless the fixed text or the diff takes it."""
        if self.diff:
            return io.StringIO()  # --diff prints only the diff; the report is discarded
        return sys.stderr if self.stdin else sys.stdout

    def process(self, result: FileResult) -> FileResult:
        """Fix one checked file; return its result with the remaining findings (a bug met on
        the way is reported for this file, which is left as it was)."""
        if result.error:
            return result
        try:
            return self._process(result)
        except SeolintError as exc:
            return FileResult(result.path, error=str(exc))
        except Exception as exc:  # a bug: this file is reported, the run goes on
            return FileResult(result.path, error=f"{result.path}: {internal_error(exc)}")

    def _process(self, result: FileResult) -> FileResult:
        try:  # a result without its source (say, from a cache) is read again
            source = result.source or read_source(result.path)
        except SeolintError as exc:
            return FileResult(result.path, error=str(exc))
        outcome, reason = fix_source(source, self.lint)
        if outcome is None:
            print(f"seolint: {result.path}: not fixed: {reason}", file=sys.stderr)
            self._emit(source, source)
            return result
        try:
            self._emit(source, outcome.source)
        except SeolintError as exc:
            return FileResult(result.path, error=str(exc))
        if outcome.fixed:
            self.fixed += outcome.fixed
            self.files += 1
            self.shown.append((result.path, outcome.rules))
        return result.replace(diagnostics=outcome.diagnostics, source=outcome.source)

    def _emit(self, old: Source, new: Source) -> None:
        """Print the diff, print the stdin text, or write the changed file."""
        if self.diff:
            if new.text != old.text:
                sys.stdout.write(
                    unified_diff(
                        old.path, encode(old, old.text).decode(), encode(old, new.text).decode()
                    )
                )
        elif self.stdin:
            sys.stdout.flush()
            sys.stdout.buffer.write(encode(old, new.text))
        elif new.text != old.text:
            write_atomic(old.path, encode(old, new.text))

    def summary(self) -> str:
        """The closing line on stderr: what was (or would be) fixed."""
        verb = "would fix" if self.diff else "fixed"
        files = "file" if self.files == 1 else "files"
        findings = "finding" if self.fixed == 1 else "findings"
        return f"{verb} {self.fixed} {findings} in {self.files} {files}"

    def listing(self) -> str:
        """``--show-fixes``: each fixed file with its fixes per rule (empty when none)."""
        lines = []
        for path, rules in self.shown:
            lines.append(f"{path}:")
            lines.extend(f"  {n} × {rule}" for rule, n in sorted(rules.items()))
        return "\n".join(lines)
