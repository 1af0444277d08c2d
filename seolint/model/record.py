"""Plain records: the model's data classes, written out instead of made by ``dataclasses``.

Importing ``dataclasses`` (and the ``inspect`` module it needs) and generating every class's
methods costs a one-file run a fifth of its start-up. A record lists its fields in
``__slots__`` and sets them in ``__init__``; ``Record`` compares, shows and copies it by them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Self


class Record:
    """Base of plain records: equality, hash, repr and ``replace`` by the ``__slots__``."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: object) -> Self:
        """A copy with some fields changed."""
        copy = object.__new__(type(self))
        for name in self.__slots__:
            setattr(copy, name, changes.pop(name, getattr(self, name)))
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(changes))!r}")
        return copy
