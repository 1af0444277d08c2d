"""``seolint check --watch``: check, then check again whenever a checked file or a
configuration file changes. It polls modification times (no extra dependency); a
configuration error is reported and the watch goes on."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

from seolint.errors import SeolintError

POLL_SECONDS = 0.5
Check = Callable[..., int]


def watch(args: argparse.Namespace, check: Check, polls: int | None = None) -> int:
    """Run ``check(args, output)`` now and after every change; Ctrl-C ends it (exit 130).
    ``polls`` bounds the number of polls (None: until interrupted)."""
    if "-" in args.paths or args.stdin_filename:
        raise SeolintError("-", "--watch checks files and folders, not standard input")
    seen = None
    while polls is None or polls > 0:
        state = snapshot(args)
        if state != seen:
            if seen is not None:
                print("seolint: change detected, checking again", file=sys.stderr)
            _once(args, check)
            seen = snapshot(args)  # after --fix wrote its files
            print("seolint: watching for changes (Ctrl-C to stop)", file=sys.stderr)
        time.sleep(POLL_SECONDS)
        polls = None if polls is None else polls - 1
    return 0


def _once(args: argparse.Namespace, check: Check) -> None:
    """One check with every setting read afresh; its errors are shown, not fatal."""
    from seolint.run import runner

    runner.forget_settings()
    output = None
    try:
        if args.output_file:
            output = runner.open_output(args.output_file)
        check(args, output)
    except SeolintError as exc:
        print(f"seolint: {exc}", file=sys.stderr)
    finally:
        if output is not None:
            output.close()


def snapshot(args: argparse.Namespace) -> tuple:
    """Modification time and size of every file checked and every configuration in force."""
    from seolint.read.discover import discover
    from seolint.run import runner

    try:
        paths = list(
            discover(
                args.paths,
                lambda found: runner.excluded(found, args),
                gitignore=not args.no_gitignore,
                wanted=lambda path, walked: runner.wanted(path, walked, args),
            )
        )
    except SeolintError:
        paths = []  # a broken configuration: watch what can be seen
    paths += [str(p) for p in runner.configs_in_force() if p]
    paths += [str(args.config)] if args.config else []
    stamps = []
    for path in sorted(set(paths)):
        try:
            stat = os.stat(path)
            stamps.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((path, None, None))
    return tuple(stamps)
