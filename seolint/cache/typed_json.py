"""Values of a declared type as JSON data, and back: how the rule cache stores what a rule
kind declares in ``Kind.compiled``.

A type is ``str``, ``int``, ``float`` or ``bool`` (exactly: an int is no float, a bool no int),
``list[T]``, ``tuple[T, ...]`` or ``tuple[A, B]``, ``dict[str, T]``, ``set[T]`` or
``frozenset[T]``, a union with ``None`` (``T | None``), or a class: one of ``codecs`` (a class
from elsewhere, with the classes it accepts and its two functions) or one with ``state()`` and
a class method ``restore(state)`` (``Needles``). A union of classes is allowed when they are
stored alike (``PhraseMatcher | None``). Anything else, or a value not of its type, is a
``TypeError``: the value is not stored rather than stored wrong.
"""

from __future__ import annotations

from types import GenericAlias, NoneType, UnionType

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    # A class stored by functions from outside it: the classes it accepts, encode, decode.
    Codec = tuple[tuple[type, ...], Callable[[Any], Any], Callable[[Any], Any]]

_SCALARS = (str, int, float, bool)
_CONTAINERS = (list, tuple, set, frozenset, dict)


def encode(value: Any, declared: Any, codecs: dict[type, Codec]) -> Any:
    """``value`` as JSON data; TypeError when it is not of the declared type."""
    if isinstance(declared, UnionType):
        if value is None and NoneType in declared.__args__:
            return None
        return encode(value, _stored_as(declared, value, codecs), codecs)
    if isinstance(declared, GenericAlias):
        origin, args = declared.__origin__, declared.__args__
        _check(origin in _CONTAINERS and type(value) is origin, value, declared)
        if origin is dict:
            _check(args[0] is str and all(type(k) is str for k in value), value, declared)
            return {k: encode(v, args[1], codecs) for k, v in value.items()}
        return [
            encode(v, t, codecs) for v, t in zip(value, _item_types(value, declared), strict=True)
        ]
    if declared in _SCALARS:
        _check(type(value) is declared, value, declared)
        return value
    if declared in codecs:
        accepts, encoder, _ = codecs[declared]
        _check(isinstance(value, accepts), value, declared)
        return encoder(value)
    if isinstance(declared, type) and hasattr(declared, "state") and hasattr(declared, "restore"):
        _check(isinstance(value, declared), value, declared)
        return value.state()
    raise TypeError(f"the rule cache cannot store a {declared!r}")


def decode(data: Any, declared: Any, codecs: dict[type, Codec]) -> Any:
    """The value ``encode`` gave ``data`` for."""
    if data is None:
        return None  # only a union with None stores None
    if isinstance(declared, UnionType):
        return decode(data, _stored_as(declared, data, codecs), codecs)
    if isinstance(declared, GenericAlias):
        origin, args = declared.__origin__, declared.__args__
        if origin is dict:
            return {k: decode(v, args[1], codecs) for k, v in data.items()}
        items = [
            decode(v, t, codecs) for v, t in zip(data, _item_types(data, declared), strict=True)
        ]
        return items if origin is list else origin(items)
    if declared in _SCALARS:
        return data
    if declared in codecs:
        return codecs[declared][2](data)
    return declared.restore(data)


def _stored_as(declared: UnionType, value: Any, codecs: dict[type, Codec]) -> Any:
    """The member of a union (None aside) a value is stored as: its own type among scalars,
    else the first, when every member is stored alike."""
    members = [t for t in declared.__args__ if t is not NoneType]
    if all(t in _SCALARS for t in members):
        return type(value) if type(value) in members else members[0]
    first = members[0]
    if all(t is first or (t in codecs and codecs[t] == codecs.get(first)) for t in members):
        return first
    raise TypeError(f"the rule cache cannot tell apart the members of {declared}")


def _item_types(items: Any, declared: GenericAlias) -> list[Any]:
    """The declared type of each item of a list, tuple or set."""
    args = declared.__args__
    if declared.__origin__ is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        if len(items) != len(args):
            raise TypeError(f"{len(items)} items where {declared} is declared")
        return list(args)
    return [args[0]] * len(items)


def _check(ok: bool, value: Any, declared: Any) -> None:
    if not ok:
        raise TypeError(f"a {type(value).__name__} where {declared} is declared")
