"""Kinds about an article's shape: headings, sections, boilerplate lines, front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.match.phrases import Matcher, WholeMatcher
from seolint.model.diagnostics import Edit, Finding
from seolint.model.document import Document, Heading
from seolint.rules.kinds.base import Context, Kind, document_anchor
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.options import Option, OptionError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

# A heading that ends in an HTML entity ("&copy;") or an emoji shortcode (":tada:") ends in a
# symbol, not in a semicolon or colon.
_SYMBOL_END = re.compile(
    r"&(?:#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]{1,31});$|:[a-z\d_+-]*[a-z][a-z\d_+-]*:$"
)

HEADING_CHECKS: dict[str, Check] = {}
heading_check = registry(HEADING_CHECKS)


class Headings(Kind):
    """Heading structure: headline present, levels in order, no duplicates or empty sections."""

    name = "heading"
    checks = HEADING_CHECKS
    options = {"check": Option(str, choices=HEADING_CHECKS)}
    placeholders = frozenset(
        {"level", "expected", "heading", "line", "length", "limit", "char", "words"}
    )


@heading_check("missing-headline")
def missing_headline(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """An article without a headline (a title in the front matter or a level-1 heading)."""
    if doc.title is None:
        start, end = document_anchor(doc)
        yield Finding(start, end, rule.say())


def _subheadings(doc: Document) -> list[Heading]:
    title = doc.title
    return [
        h for h in doc.headings if not (title and title.origin == "h1" and h.start == title.start)
    ]


@heading_check(
    "first-level", level=Option(int, 2, help="the deepest level the first subheading may have")
)
def first_level(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A first subheading deeper than ``level``."""
    subs = _subheadings(doc)
    if not subs:
        return
    limit = rule.opts["level"]
    first = subs[0]
    if first.level > limit:
        yield Finding(first.line_start, first.end, rule.say(level=first.level, expected=limit))


@heading_check("skipped-level")
def skipped_level(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A heading more than one level deeper than the heading before it."""
    previous = None
    for h in doc.headings:
        if previous is not None and h.level > previous + 1:
            yield Finding(h.line_start, h.end, rule.say(level=h.level, expected=previous + 1))
        previous = h.level


@heading_check("multiple-h1")
def multiple_h1(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A second level-1 heading (the first, when the front matter gives the title)."""
    ones = [h for h in doc.headings if h.level == 1]
    has_title = doc.title is not None and doc.title.origin == "front-matter"
    for h in ones[0 if has_title else 1 :]:
        yield Finding(h.line_start, h.end, rule.say(heading=h.text))


@heading_check("duplicate")
def duplicate(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A heading with the same text as an earlier one (ignoring case and spacing)."""
    seen: dict[str, int] = {}
    for h in doc.headings:
        key = " ".join(h.text.lower().split())
        if key in seen:
            yield Finding(h.start, h.end, rule.say(heading=h.text, line=seen[key]))
        else:
            seen[key] = doc.position(h.start)[0]


@heading_check("empty-section")
def empty_section(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A heading with nothing under it before the next heading."""
    for section in doc.sections:
        h = section.heading
        if section.paragraphs or section.has_subsections:
            continue
        body = doc.text[h.line_end : section.end]
        if body.strip():  # a list-free table, code or image still counts as content
            continue
        yield Finding(h.start, h.end, rule.say(heading=h.text))


@heading_check("length", max=Option(int, 70, help="the most characters a heading may have"))
def length(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A heading longer than ``max`` characters."""
    for h in doc.headings:
        if len(h.text) > rule.opts["max"]:
            yield Finding(h.start, h.end, rule.say(length=len(h.text), limit=rule.opts["max"]))


@heading_check(
    "trailing-punctuation", punctuation=Option(str, ".,;:!", help="the characters to report")
)
def trailing_punctuation(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A heading that ends in one of ``punctuation`` (an ellipsis, entity or emoji aside)."""
    for h in doc.headings:
        text = h.text
        if (
            text
            and text[-1] in rule.opts["punctuation"]
            and not text.endswith("...")
            and not _SYMBOL_END.search(text)
        ):
            yield Finding(h.end - 1, h.end, rule.say(char=text[-1], heading=text))


@heading_check(
    "distribution",
    max_words=Option(int, 350, help="the most words of text under one subheading"),
    free_words=Option(int, 300, help="the most words a text may have without subheadings"),
)
def distribution(rule: Headings, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Text too long without a subheading: before the first, or under any one."""
    subs = _subheadings(doc)
    if not subs:
        total, limit = doc.word_count, rule.opts["free_words"]
        if total > limit:
            start, end = document_anchor(doc)
            yield Finding(start, end, rule.say(words=total, limit=limit, heading=""))
        return
    limit = rule.opts["max_words"]
    first = subs[0].line_start
    before = sum(p.word_count for p in doc.paragraphs if p.start < first)
    if before > limit:
        start, end = doc.paragraphs[0].start, doc.paragraphs[0].end
        yield Finding(start, end, rule.say(words=before, limit=limit, heading=""))
    for index, h in enumerate(subs):
        end = subs[index + 1].line_start if index + 1 < len(subs) else len(doc.text)
        words = sum(p.word_count for p in doc.paragraphs if h.end <= p.start < end)
        if words > limit:
            yield Finding(h.start, h.end, rule.say(words=words, limit=limit, heading=h.text))


class Sections(Kind):
    """Sections that must not appear (or must) by heading text and position."""

    name = "section"
    compiled = {"matcher": WholeMatcher}
    options = {
        "headings": Option(list, help="regular expressions matched against the whole heading"),
        "position": Option(str, "any", choices=("any", "first", "last")),
        "required": Option(bool, False, help="report when no such section exists"),
    }
    placeholders = frozenset({"heading"})
    fixes = ("remove",)

    def compile(self) -> None:
        self.matcher = WholeMatcher.lines([], self.opts["headings"], True, "headings", False)
        if self.fix and self.opts["required"]:
            raise OptionError("fix", "a required section cannot be fixed by removal")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        matches = [s for s in doc.sections if self.matcher.fullmatch(s.heading.text.strip())]
        position = self.opts["position"]
        if position == "last":
            matches = [s for s in matches if s.end == len(doc.text)]
        elif position == "first":
            matches = [s for s in matches if s.index == 0]
        if self.opts["required"]:
            if not matches:
                start, end = document_anchor(doc)
                yield Finding(start, end, self.say(heading=""))
            return
        for section in matches:
            h = section.heading
            fix = None
            if self.fix and section.end == len(doc.text):
                fix = (Edit(_trim_start(doc.text, h.line_start), section.end, ""),)
            yield Finding(h.line_start, h.end, self.say(heading=h.text), fix)


def _trim_start(text: str, start: int) -> int:
    """Extend a removal backwards over the blank lines before it."""
    while start > 0 and text[start - 1] == "\n" and (start < 2 or text[start - 2] == "\n"):
        start -= 1
    return start


class Boilerplate(Kind):
    """A whole line or paragraph of boilerplate ("Source link", "Read more"); fixable by removal."""

    name = "boilerplate"
    compiled = {"matcher": WholeMatcher}
    options = {
        "tokens": Option(list, [], help="literal lines, compared ignoring case and punctuation"),
        "patterns": Option(list, [], help="regular expressions matched against the whole line"),
    }
    placeholders = frozenset({"match"})
    fixes = ("remove",)

    def compile(self) -> None:
        o = self.opts
        self.matcher = WholeMatcher.lines(o["tokens"], o["patterns"], True, "tokens", True)

    def matchers(self) -> Iterable[Matcher]:
        return (self.matcher,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for para, body in self.matcher.whole_segments(doc, "body"):
            fix = None
            # A line that links somewhere is reported, but not removed: the address would go.
            linked = any(para.start <= link.start < para.end for link in doc.links)
            if self.fix and not linked and _whole_lines(text, para.start, para.end):
                fix = (Edit(*_line_removal(text, para.start, para.end), ""),)
            yield Finding(para.start, para.end, self.say(match=body), fix)


def _whole_lines(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and (end == len(text) or text[end] == "\n")


def _line_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The span that removes lines ``start..end``, keeping the file's blank-line rhythm."""
    start = text.rfind("\n", 0, start) + 1
    if end < len(text):
        end += 1  # the line's own newline
    elif start > 0:
        start -= 1  # last line without a newline: take the newline before it instead
    if (
        start > 0
        and text[start - 1 : start] == "\n"
        and text[start - 2 : start] == "\n\n"
        and (end >= len(text) or text[end] == "\n")
    ):
        start -= 1  # a blank line before and after: drop one of them too
    return start, end


FRONT_MATTER_CHECKS: dict[str, Check] = {}
front_matter_check = registry(FRONT_MATTER_CHECKS)


class FrontMatter(Kind):
    """Front matter that is not valid YAML, or that lacks a field SEO needs."""

    name = "front-matter"
    checks = FRONT_MATTER_CHECKS
    options = {"check": Option(str, choices=FRONT_MATTER_CHECKS)}
    placeholders = frozenset({"error", "field"})


@front_matter_check("valid")
def valid(rule: FrontMatter, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Front matter that is not valid YAML, or not a mapping."""
    if doc.front_matter_error:
        offset, error = doc.front_matter_error
        end = doc.text.find("\n", offset)
        yield Finding(offset, len(doc.text) if end == -1 else end, rule.say(error=error))


@front_matter_check(
    "required", field=Option(str, "", help="the field that must be present and non-empty")
)
def required(rule: FrontMatter, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Front matter without the field ``field``, or with it empty."""
    name = rule.opts["field"]
    if doc.body_start and not doc.front_matter_error and not doc.field_text(name):
        item = doc.front_matter.get(name)
        start, end = (item.start, item.end) if item else (0, 3)
        yield Finding(start, end, rule.say(field=name))
