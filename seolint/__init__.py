"""seolint: a linter for news articles.

The public API (``Linter``, ``lint_text``, ``lint_file``, ``fix_text``, ``find_articles``,
``Finding``, ``Location``, ``FixResult``, ``SeolintError``) is imported on first use, so that
``import seolint`` and the command line stay cheap. See docs/api.md.
"""

__all__ = [
    "Finding",
    "FixResult",
    "Linter",
    "Location",
    "SeolintError",
    "__version__",
    "find_articles",
    "fix_text",
    "lint_file",
    "lint_text",
]


def __getattr__(name: str):
    if name == "__version__":  # written in seolint/version.py
        from seolint.version import __version__

        return __version__
    if name in __all__:
        from seolint import api

        return getattr(api, name)
    raise AttributeError(f"module 'seolint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
