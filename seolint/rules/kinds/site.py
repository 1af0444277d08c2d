"""Checks across a site: a title, meta description, slug or focus keyphrase that another
article checked in the same run has too.

A file alone cannot see its siblings, so ``check`` finds nothing (a one-file run, the
language server). ``key`` gives what the run compares; ``seolint.lint.site`` compares it after
every file is checked, in the order the files were found, so the findings are the same for
any ``--jobs`` and whether or not a file's own findings came from the cache.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context, Kind, Option
from seolint.rules.kinds.keyphrase import KEYWORD_FIELDS, content_forms, slug_words

SITE_CHECKS = ("title", "description", "slug", "keyphrase")


class Duplicate(Kind):
    """A front-matter value (title, description, slug, keyphrase) that repeats across files."""

    name = "duplicate"
    summary = "a title, description, slug or focus keyphrase repeated across the checked files"
    options = {"check": Option(str, choices=SITE_CHECKS)}
    placeholders = frozenset({"field", "value", "other"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        return iter(())  # compared across files by seolint.lint.site

    def key(self, doc: Document) -> tuple[str, str, int, int] | None:
        """(what is compared, the value as written, start, end) for this file, if it has one."""
        check = self.opts["check"]
        if check == "title":
            title = doc.title
            if title is None or title.origin != "front-matter":
                return None
            return " ".join(title.text.lower().split()), title.text, title.start, title.end
        names = {"description": ("description",), "slug": ("slug",)}.get(check, KEYWORD_FIELDS)
        for name in names:
            item = doc.front_matter.get(name)
            if item is None or not isinstance(item.value, str) or not item.value.strip():
                continue
            value = item.value.strip()
            if check == "slug":
                key = "-".join(w.lower() for w in slug_words(value))
            elif check == "keyphrase":
                key = " ".join(sorted(content_forms(value)))
            else:
                key = " ".join(value.lower().split())
            return (key, value, item.start, item.end) if key else None
        return None
