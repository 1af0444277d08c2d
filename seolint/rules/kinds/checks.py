"""Named checks: the function a rule runs, picked by its ``check:`` (or ``metric:``) value.

A kind whose rules each run one of several checks (``kind: heading`` with ``check:
skipped-level``) keeps them in a registry: a dict from the name the YAML gives to a ``Check``,
the function and the options that only this check takes. Each family's module makes its
decorator with ``registry`` and files every check where it is defined:

    HEADING_CHECKS: dict[str, Check] = {}
    heading_check = registry(HEADING_CHECKS)

    @heading_check("length", max=Option(int, 70, help="the most characters a heading may have"))
    def length(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
        \"\"\"A heading longer than ``max`` characters.\"\"\"

The kind names the registry (``checks = HEADING_CHECKS``) and offers its names as the
choices of its ``check`` option; ``Kind.options_for`` adds the picked check's options.
"""

from __future__ import annotations

from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    from seolint.rules.kinds.options import Option

    F = TypeVar("F", bound=Callable[..., Any])


class Check(Record):
    """One named check: its name in the YAML, its function and the options only it takes."""

    __slots__ = ("name", "run", "options")

    def __init__(self, name: str, run: Callable[..., Any], options: dict[str, Option]) -> None:
        self.name = name
        self.run = run
        self.options = options


def registry(table: dict[str, Check]) -> Callable[..., Callable[[F], F]]:
    """A decorator that files a function in ``table`` under a check's name, with the options
    it takes (``@heading_check("length", max=Option(int, 70))``)."""

    def check(name: str, /, **options: Option) -> Callable[[F], F]:
        def register(run: F) -> F:
            if name in table:
                raise ValueError(f"two checks are named {name!r}")
            table[name] = Check(name, run, options)
            return run

        return register

    return check
