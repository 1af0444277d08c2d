"""Newsroom metadata in the front matter: byline, publication dates and the lead image.

Following Google's article structured-data and byline guidance: an author that names a
person or organisation, dates in ISO 8601 with a time zone that are not in the future and
in order, and a lead image at least 1,200 pixels wide. Field names of Hugo, Jekyll,
Eleventy and Astro are read through ``seolint.parse.frontmatter.ALIASES``. Articles without front
matter (plain text) are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document, Field
from seolint.rules.kinds.base import Context, Kind
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.options import Option

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from datetime import datetime

# Names that stand for no one: a byline must name the person or organisation who wrote it.
GENERIC_AUTHORS = (
    "admin",
    "administrator",
    "anonymous",
    "author",
    "editor",
    "editors",
    "guest",
    "newsroom",
    "root",
    "staff",
    "team",
    "unknown",
    "user",
    "webmaster",
)
# ISO 8601 as site generators write it (compiled on first use: most articles have no date).
_ISO = (
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?[ ]?(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
# A byline ending in one of these names a group account ("Hash & Hedge Team", "Web Staff").
GENERIC_TAILS = frozenset(("team", "staff", "desk", "newsroom", "editors", "admin", "bot"))
DATE_FIELDS = ("date", "updated")
# Eleventy's words for a date it fills in from the file or git when it builds the site.
ELEVENTY_DATES = frozenset(("Last Modified", "Created", "git Last Modified", "git Created"))
# Where a mapping names its image file (Jekyll's `path`, Astro's `src`, PaperMod's `image`).
IMAGE_KEYS = ("src", "url", "path", "image", "file")


def image_file(value: object) -> str | None:
    """The lead image's file as declared: text, the first of a list, or a mapping's file key."""
    if isinstance(value, list):
        return image_file(value[0]) if value else None
    if isinstance(value, dict):
        return next((image_file(value[k]) for k in IMAGE_KEYS if k in value), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def file_format(path: str) -> str:
    """A file's ending in lower case ('svg' for '/img/a.SVG?v=2'), '' when it has none."""
    name = path.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def raw_value(doc: Document, item: Field) -> str:
    """A scalar field as written in the file (quotes removed), else its value as text."""
    if not isinstance(item.value, (list, dict)) and item.end > item.start:
        return doc.text[item.start : item.end].strip().strip("\"'")
    return str(item.value)


def parse_date(text: str) -> tuple[datetime | None, bool, str]:
    """(moment, has a time zone, problem): the moment is None when the text is not an ISO 8601
    date; naive moments are read as UTC."""
    from datetime import datetime, timedelta, timezone  # only for articles with a date

    match = re.fullmatch(_ISO, text.strip())
    if not match:
        return None, False, "not an ISO 8601 date (YYYY-MM-DDThh:mm:ss+hh:mm)"
    y, mo, d, h, mi, s, zone = match.groups()
    try:
        tz = timezone.utc
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            tz = timezone(sign * offset)
        moment = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), 0, tz)
    except ValueError as exc:
        return None, False, f"not a real date or time ({exc})"
    return moment, zone is not None, ""


def author_names(value: object) -> list[str]:
    """The names an author field gives: text, a list of them, or mappings with a name."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return author_names(value.get("name", value.get("title", "")))
    if isinstance(value, list):
        return [name for item in value for name in author_names(item)]
    return [] if value is None else [str(value)]


def site_name(site_url: str | None) -> str | None:
    """The site's name as a byline might spell it: its domain without www. and the ending."""
    if not site_url:
        return None
    host = re.sub(r"^[a-z]+://", "", site_url.strip().lower()).split("/")[0].split(":")[0]
    host = host.removeprefix("www.")
    return host.rsplit(".", 1)[0] if "." in host else host or None


def lead_image_width(doc: Document) -> tuple[Field, int] | None:
    """The lead image's declared width and the field that declares it, if it declares one."""
    item = doc.front_matter.get("image")
    if item is None:
        return None
    value = item.value[0] if isinstance(item.value, list) and item.value else item.value
    width: object = value.get("width") if isinstance(value, dict) else None
    field = item
    for name in ("image_width", "imageWidth", "image-width"):
        if width is None and name in doc.front_matter:
            field = doc.front_matter[name]
            width = field.value
    if isinstance(width, str) and width.strip().removesuffix("px").isdigit():
        width = int(width.strip().removesuffix("px"))
    return (field, width) if isinstance(width, int) and not isinstance(width, bool) else None


METADATA_CHECKS: dict[str, Check] = {}
metadata_check = registry(METADATA_CHECKS)


class Metadata(Kind):
    """Byline, dates and lead image in the front matter (Google's article guidance)."""

    name = "metadata"
    checks = METADATA_CHECKS
    options = {"check": Option(str, choices=METADATA_CHECKS)}
    placeholders = frozenset({"field", "value", "problem", "limit", "other"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not doc.body_start or doc.front_matter_error:
            return iter(())
        return METADATA_CHECKS[self.opts["check"]].run(self, doc, ctx)

    def at(self, item: Field | None, **values: object) -> Finding:
        """A finding on a field (on the front matter's opening line without one)."""
        start, end = (item.start, item.end) if item is not None else (0, 3)
        if item is not None and end <= start:  # a table or list: its key's line
            start, end = start, start
        values.setdefault("field", item.name if item is not None else "")
        values.setdefault("value", "")
        values.setdefault("problem", "")
        values.setdefault("limit", "")
        values.setdefault("other", "")
        return Finding(start, end, self.say(**values))


@metadata_check("author-missing")
def author_missing(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Front matter without an author."""
    if "author" not in doc.front_matter:
        yield rule.at(None, field="author")


@metadata_check(
    "author", names=Option(list, list(GENERIC_AUTHORS), help="names that are no byline")
)
def author(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A byline that names no one: empty, one of ``names``, the site, an address, "By ..."."""
    item = doc.front_matter.get("author")
    if item is None:
        return
    names = author_names(item.value)
    generic = {n.lower() for n in rule.opts["names"]}
    site = site_name(ctx.site_url)
    if not names or not any(n.strip() for n in names):
        yield rule.at(item, value="", problem="it is empty")
    for name in names:
        plain = " ".join(name.split())
        low = plain.lower()
        if not plain:
            continue
        if low.startswith("by "):
            problem = 'it starts with "By ": give the name alone'
        elif low in generic or low.split()[-1] in GENERIC_TAILS:
            problem = "it names no person or organisation"
        elif site and low.replace(" ", "") in (site, site.replace("-", "")):
            problem = "it is the site's name, not the writer's"
        elif "@" in plain or "://" in plain:
            problem = "it is an address, not a name"
        else:
            continue
        yield rule.at(item, value=plain, problem=problem)


@metadata_check("date-missing")
def date_missing(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Front matter without a publication date."""
    if "date" not in doc.front_matter:
        yield rule.at(None, field="date")


def _dates(doc: Document) -> Iterator[tuple[Field, str, datetime | None, bool, str]]:
    """Each date field as (field, text, moment, has a time zone, problem)."""
    for name in DATE_FIELDS:
        item = doc.front_matter.get(name)
        if item is not None and item.value is not None:
            text = raw_value(doc, item)
            if text not in ELEVENTY_DATES:
                yield (item, text, *parse_date(text))


@metadata_check("date")
def date(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date that is not an ISO 8601 date, or not a real day and time."""
    for item, text, moment, _, problem in _dates(doc):
        if moment is None:
            yield rule.at(item, value=text, problem=problem)


@metadata_check("date-timezone")
def date_timezone(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date without a time zone."""
    for item, text, moment, zoned, _ in _dates(doc):
        if moment is not None and not zoned:
            yield rule.at(item, value=text)


@metadata_check("date-future")
def date_future(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date in the future."""
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc)
    for item, text, moment, zoned, _ in _dates(doc):
        # Without a time zone the moment may be up to 14 hours off.
        if moment is not None and moment > now + timedelta(hours=0 if zoned else 14):
            yield rule.at(item, value=text)


@metadata_check("date-order")
def date_order(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """An update date before the publication date."""
    found = {item.name: (item, text, moment) for item, text, moment, _, _ in _dates(doc)}
    published = doc.front_matter.get("date")
    updated = doc.front_matter.get("updated")
    if published is None or updated is None:
        return
    _, first_text, first = found.get(published.name, (None, "", None))
    _, text, last = found.get(updated.name, (None, "", None))
    if first is not None and last is not None and last < first:
        yield rule.at(updated, value=text, other=first_text)


@metadata_check("image-missing")
def image_missing(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Front matter without a lead image, or with an empty one."""
    item = doc.front_matter.get("image")
    if item is None or item.value in (None, "", [], {}):
        yield rule.at(item, field="image")


@metadata_check(
    "image-width", min_width=Option(int, 1200, help="the narrowest lead image in pixels")
)
def image_width(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A lead image declared narrower than ``min_width`` pixels."""
    found = lead_image_width(doc)
    if found is not None and found[1] < rule.opts["min_width"]:
        item, width = found
        at = doc.text.find("width", item.start, item.end)  # a mapping's own width line
        if at != -1:
            line_end = doc.text.find("\n", at, item.end)
            item = item.replace(start=at, end=item.end if line_end == -1 else line_end)
        yield rule.at(item, value=width, limit=rule.opts["min_width"])


@metadata_check(
    "image-format",
    formats=Option(list, ["svg", "svgz"], help="the lead image file endings reported"),
)
def image_format(rule: Metadata, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A lead image in a format that cards and Google cannot size (a vector image)."""
    item = doc.front_matter.get("image")
    path = image_file(item.value) if item is not None else None
    ending = file_format(path) if path else ""
    if ending and ending in {f.lower().lstrip(".") for f in rule.opts["formats"]}:
        at = doc.text.find(path, item.start, item.end)  # a list's or mapping's own line
        if at != -1:
            item = item.replace(start=at, end=at + len(path))
        yield rule.at(item, value=path, limit=ending)
