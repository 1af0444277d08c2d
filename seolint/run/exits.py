"""The exit policy: the status ``seolint`` ends with, and how a run's findings and errors
decide it. The command line and the check run both follow it."""

from __future__ import annotations

from seolint.model.diagnostics import SEVERITY_RANK

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.model.diagnostics import Diagnostic

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, the status a shell shows for `yes | head -1`


def exit_code(diagnostics: list[Diagnostic], fail_on: str) -> int:
    """1 when any diagnostic is at or above the fail-on severity."""
    rank = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[d.severity] >= rank for d in diagnostics) else EXIT_OK


def run_status(errors: int, failed: bool, exit_zero: bool, diff_files: int | None) -> int:
    """A check run's status: 2 when a file could not be checked; else 0 with --exit-zero;
    with --diff (``diff_files``: the files it would change), 1 when it would change one;
    else 1 when a finding failed the run."""
    if errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if diff_files is not None:
        return EXIT_FINDINGS if diff_files else EXIT_OK
    return EXIT_FINDINGS if failed else EXIT_OK
