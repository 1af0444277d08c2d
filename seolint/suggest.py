"""'Did you mean ...?' for a mistyped rule, category, setting, flag or command."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    from difflib import get_close_matches  # only when a name is wrong

    found = get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean {found[0]!r}?)" if found else ""
