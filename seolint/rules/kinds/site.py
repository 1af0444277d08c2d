"""Checks across a site: a title, meta description, slug or focus keyphrase that another
article checked in the same run has too.

A file alone cannot see its siblings, so ``check`` finds nothing (a one-file run, the
language server). ``key`` gives what the run compares, by the rule's named check;
``seolint.lint.site`` compares it after every file is checked, in the order the files were
found, so the findings are the same for any ``--jobs`` and whether or not a file's own
findings came from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context, Kind
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.keyphrase import KEYWORD_FIELDS, content_forms, slug_words
from seolint.rules.kinds.options import Option

DUPLICATE_CHECKS: dict[str, Check] = {}
duplicate_check = registry(DUPLICATE_CHECKS)
# What a check gives for a file: (what is compared, the value as written, start, end).
Key = tuple[str, str, int, int]


class Duplicate(Kind):
    """A front-matter value (title, description, slug, keyphrase) that repeats across files."""

    name = "duplicate"
    checks = DUPLICATE_CHECKS
    options = {"check": Option(str, choices=DUPLICATE_CHECKS)}
    placeholders = frozenset({"field", "value", "other"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        return iter(())  # compared across files by seolint.lint.site

    def key(self, doc: Document) -> Key | None:
        """What this file's value is compared by, if it has one (see ``Key``)."""
        return DUPLICATE_CHECKS[self.opts["check"]].run(doc)


@duplicate_check("title")
def title(doc: Document) -> Key | None:
    """The title in the front matter, ignoring case and spacing."""
    found = doc.title
    if found is None or found.origin != "front-matter":
        return None
    return " ".join(found.text.lower().split()), found.text, found.start, found.end


@duplicate_check("description")
def description(doc: Document) -> Key | None:
    """The meta description, ignoring case and spacing."""
    return _field_key(doc, ("description",), lambda value: " ".join(value.lower().split()))


@duplicate_check("slug")
def slug(doc: Document) -> Key | None:
    """The slug's words, ignoring case."""
    return _field_key(doc, ("slug",), lambda value: "-".join(w.lower() for w in slug_words(value)))


@duplicate_check("keyphrase")
def keyphrase(doc: Document) -> Key | None:
    """The focus keyphrase's content words, in any order and form."""
    return _field_key(doc, KEYWORD_FIELDS, lambda value: " ".join(sorted(content_forms(value))))


def _field_key(doc: Document, names: tuple[str, ...], compared: Callable[[str], str]) -> Key | None:
    """The key of the first of these fields that holds text (None if its key is empty)."""
    for name in names:
        item = doc.front_matter.get(name)
        if item is None or not isinstance(item.value, str) or not item.value.strip():
            continue
        value = item.value.strip()
        key = compared(value)
        return (key, value, item.start, item.end) if key else None
    return None
