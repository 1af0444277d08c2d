"""seolint: a linter for news articles."""

__version__ = "0.1.0"
