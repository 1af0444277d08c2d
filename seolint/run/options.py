"""The options of one ``seolint check`` run: built once from the command line (or by the
API), read by everything below it. Nothing below seolint.cli sees argparse."""

from __future__ import annotations

from pathlib import Path

from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any


class CheckOptions(Record):
    """What a check run was asked for; every field has the default of its flag left out.

    Rule names (``select``, ``ignore`` and the ``extend_`` pair) are split at commas and
    stripped, empty ones dropped: an empty tuple means the flag was not given. Read-only: ``replace`` makes a
    changed copy (as ``Record.replace`` does for other records)."""

    __slots__ = (
        "paths",
        "format",
        "color",
        "statistics",
        "fail_on",
        "config",
        "rules_dir",
        "select",
        "ignore",
        "extend_select",
        "extend_ignore",
        "force_exclude",
        "quiet",
        "exit_zero",
        "output_file",
        "show_fixes",
        "watch",
        "focus_keyword",
        "stdin_filename",
        "jobs",
        "no_cache",
        "no_gitignore",
        "fix",
        "diff",
    )

    def __init__(
        self,
        *,
        paths: Iterable[str] = (".",),
        format: str | None = None,  # None: text on a terminal, else concise
        color: str = "auto",
        statistics: bool = False,
        fail_on: str | None = None,  # None: the configuration's, else "warning"
        config: Path | None = None,
        rules_dir: Iterable[Path] = (),
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        extend_ignore: Iterable[str] = (),
        force_exclude: bool | None = None,  # None: the configuration's force-exclude
        quiet: bool = False,
        exit_zero: bool = False,
        output_file: Path | None = None,
        show_fixes: bool = False,
        watch: bool = False,
        focus_keyword: str | None = None,
        stdin_filename: str | None = None,
        jobs: int | None = None,  # None or 0: all cores for many files
        no_cache: bool = False,
        no_gitignore: bool = False,
        fix: bool = False,
        diff: bool = False,
    ) -> None:
        given = locals()
        for name in ("paths", "rules_dir"):
            given[name] = tuple(given[name])
        for name in ("select", "ignore", "extend_select", "extend_ignore"):
            given[name] = tuple(n.strip() for f in given[name] for n in f.split(",") if n.strip())
        for name in self.__slots__:
            object.__setattr__(self, name, given[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"CheckOptions is read-only: use replace({name}=...)")

    def __getstate__(self) -> tuple:  # pickled for a worker process started by spawn
        return self._values()

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)

    def replace(self, **changes: Any) -> CheckOptions:
        """A copy with some options changed."""
        return CheckOptions(**{**{n: getattr(self, n) for n in self.__slots__}, **changes})

    def overrides(self) -> dict[str, Any]:
        """The settings given on the command line that change a configuration's: rule names
        and the focus keyword."""
        out: dict[str, Any] = {}
        for name in ("select", "ignore", "extend_select", "extend_ignore"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.focus_keyword:
            out["focus_keyword"] = self.focus_keyword
        return out
