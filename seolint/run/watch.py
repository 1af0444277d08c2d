"""``seolint check --watch``: check, then check again whenever a checked file or a
configuration file changes. It polls modification times (no extra dependency); a
configuration error is reported and the watch goes on."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable

from seolint.errors import SeolintError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.run.workspace import Workspace

POLL_SECONDS = 0.5
Check = Callable[["Workspace"], int]
Articles = Callable[["Workspace"], Iterable[str]]


def watch(workspace: Workspace, check: Check, articles: Articles, polls: int | None = None) -> int:
    """Run ``check`` now and after every change, each time in a Workspace that reads every
    setting afresh; ``articles`` lists the files checked. Ctrl-C ends it (exit 130).
    ``polls`` bounds the number of polls (None: until interrupted)."""
    options = workspace.options
    if "-" in options.paths or options.stdin_filename:
        raise SeolintError("-", "--watch checks files and folders, not standard input")
    seen = None
    while polls is None or polls > 0:
        state = snapshot(workspace, articles)
        if state != seen:
            if seen is not None:
                print("seolint: change detected, checking again", file=sys.stderr)
            workspace = workspace.renewed()
            _once(workspace, check)
            seen = snapshot(workspace, articles)  # after --fix wrote its files
            print("seolint: watching for changes (Ctrl-C to stop)", file=sys.stderr)
        time.sleep(POLL_SECONDS)
        polls = None if polls is None else polls - 1
    return 0


def _once(workspace: Workspace, check: Check) -> None:
    """One check; its errors are shown, not fatal."""
    try:
        check(workspace)
    except SeolintError as exc:
        print(f"seolint: {exc}", file=sys.stderr)


def snapshot(workspace: Workspace, articles: Articles) -> tuple:
    """Modification time and size of every file checked and every configuration in force."""
    try:
        paths = list(articles(workspace))
    except SeolintError:
        paths = []  # a broken configuration: watch what can be seen
    paths += [str(p) for p in workspace.configs_in_force() if p]
    config = workspace.options.config
    paths += [str(config)] if config else []
    stamps = []
    for path in sorted(set(paths)):
        try:
            stat = os.stat(path)
            stamps.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((path, None, None))
    return tuple(stamps)
