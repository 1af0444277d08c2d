"""What every rule kind shares: option specs, the per-file context, the article's anchor.

Finding phrases is the phrase matcher's job (``seolint.match.phrases``), and the pieces of a
document a rule looks at are its scopes (``seolint.match.scopes``).
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.match.rule_regex import PatternError
from seolint.model.diagnostics import Finding
from seolint.model.document import Document
from seolint.model.record import Record
from seolint.rules.kinds.options import Option, OptionError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any, ClassVar

    from seolint.match.phrases import Matcher
    from seolint.rules.kinds.checks import Check


class Context(Record):
    """Per-file inputs that are not in the document: the configured focus keyword and the
    site's address (``site-url``); for the rules that run last (``Kind.aggregate``), how many
    findings each rule made, and the article's score once a score rule has run."""

    __slots__ = ("focus_keyword", "site_url", "counts", "score")

    def __init__(self, focus_keyword: str | None = None, site_url: str | None = None) -> None:
        self.focus_keyword = focus_keyword
        self.site_url = site_url
        self.counts: dict[str, int] = {}
        self.score = 0.0


class Kind:
    """Base of rule kinds. Subclasses declare options and implement ``check``, or declare
    named checks (``seolint.rules.kinds.checks``), one of which each rule picks. The class
    docstring's first paragraph is the kind's line in docs/rules/kinds.md."""

    name: ClassVar[str]
    options: ClassVar[dict[str, Option]] = {}
    # The named checks, by the value of the option ``check_option`` that picks one.
    checks: ClassVar[dict[str, Check]] = {}
    check_option: ClassVar[str] = "check"
    # What ``compile`` sets on the rule, by field, with its type: all the rule cache stores
    # besides the message, scope, fix and options (see seolint.cache.rules).
    compiled: ClassVar[dict[str, Any]] = {}
    placeholders: ClassVar[frozenset[str]] = frozenset()
    scopes: ClassVar[tuple[str, ...]] = ()
    default_scope: ClassVar[str | None] = None
    fixes: ClassVar[tuple[str, ...]] = ()
    aggregate: ClassVar[bool] = False  # runs after the other rules, on their findings

    def __init__(self, message: str, scope: str | None, fix: str | None, opts: dict[str, Any]):
        self.message = message
        self.scope = scope
        self.fix = fix
        self.opts = opts
        try:
            self.compile()
        except PatternError as exc:  # from a phrase matcher: a pattern RE2 cannot run
            raise OptionError(exc.option or "patterns", str(exc)) from None

    def compile(self) -> None:
        """Prepare matchers; raise OptionError for a bad option value."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """The findings in a document: by default, those of the named check the rule picks."""
        return self.checks[self.opts[self.check_option]].run(self, doc, ctx)

    @classmethod
    def options_for(cls, values: Mapping[str, Any] | None = None) -> dict[str, Option]:
        """The options of a rule with these option values: the kind's own and those of the
        check they pick. Without values: every option some rule of the kind may take."""
        if not cls.checks:
            return cls.options
        if values is None:
            found = dict(cls.options)
            for check in cls.checks.values():
                found.update(check.options)
            return found
        picked = values.get(cls.check_option)
        check = cls.checks.get(picked) if isinstance(picked, str) else None
        return cls.options if check is None else {**cls.options, **check.options}

    def matchers(self) -> Iterable[Matcher]:
        """The phrase matchers the kind searches with: a rule set files their needles in one
        index (``seolint.match.phrases.NeedleIndex``)."""
        return ()

    def say(self, **values: Any) -> str:
        """The rule's message with placeholders filled in."""
        return self.message.format_map(values)


def document_anchor(doc: Document) -> tuple[int, int]:
    """Where to report a finding about the whole article: an empty span at the start of the
    headline, else of the first line (a point, not a span: nothing in it is at fault)."""
    if doc.title is not None:
        return doc.title.start, doc.title.start
    start = doc.body_start
    text = doc.text
    while start < len(text) and text[start] in " \t\n":
        start += 1
    return start, start
