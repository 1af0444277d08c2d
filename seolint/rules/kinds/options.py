"""A rule kind's options: how each is declared, and the error a wrong value raises."""

from __future__ import annotations

from seolint.model.record import Record

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import Any

REQUIRED = object()


class OptionError(ValueError):
    """A rule option with a wrong value; ``key`` names the option for the error's line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class Option(Record):
    """One option of a rule kind: its type, default and, optionally, the allowed values."""

    __slots__ = ("type", "default", "choices", "help")

    def __init__(
        self,
        type: type | tuple[type, ...],
        default: Any = REQUIRED,
        choices: Collection[str] | None = None,
        help: str = "",
    ) -> None:
        self.type = type
        self.default = default
        self.choices = choices
        self.help = help
