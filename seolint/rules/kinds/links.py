"""Images and links in the body: alt text, link text, and links out to sources."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document, Link
from seolint.rules.kinds.base import Context, Kind, document_anchor
from seolint.rules.kinds.checks import Check, registry
from seolint.rules.kinds.options import Option

# Link text that says nothing about where the link goes (compared in lower case, without
# punctuation around it).
VAGUE_LINK_TEXT = (
    "click here",
    "click",
    "here",
    "link",
    "this link",
    "this",
    "more",
    "read more",
    "learn more",
    "this page",
    "this article",
    "go",
)


def host(url: str) -> str | None:
    """The host of an absolute http(s) or protocol-relative URL, without www.; else None."""
    low = url.strip().lower()
    for prefix in ("https://", "http://", "//"):
        if low.startswith(prefix):
            name = low[len(prefix) :].split("/")[0].split("?")[0].split("#")[0]
            return name.rsplit("@", 1)[-1].split(":")[0].removeprefix("www.") or None
    return None


def outbound(link: Link, site_url: str | None) -> bool:
    """Whether a link leaves the site: an absolute web address on another host (any absolute
    web address when the site's address is not set)."""
    target = host(link.url)
    if target is None:
        return False
    own = host(site_url) if site_url else None
    if own is None and site_url:
        own = host("https://" + site_url)
    return own is None or (target != own and not target.endswith("." + own))


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


LINK_CHECKS: dict[str, Check] = {}
link_check = registry(LINK_CHECKS)


class Links(Kind):
    """Alt text of images, link text, and at least one link out to a source."""

    name = "links"
    checks = LINK_CHECKS
    options = {"check": Option(str, choices=LINK_CHECKS)}
    placeholders = frozenset({"alt", "length", "limit", "text", "line"})
    compiled = {"vague": frozenset[str]}

    def compile(self) -> None:
        self.vague = frozenset(_plain(t) for t in self.opts.get("tokens", ()))


@link_check("alt-missing")
def alt_missing(rule: Links, doc: Document, ctx: Context) -> Iterator[Finding]:
    """An image without alt text."""
    for image in doc.images:
        if not image.text.strip():
            yield Finding(image.start, image.end, rule.say(alt="", length=0, limit=0))


@link_check(
    "alt-length",
    max=Option(int, 125, help="the most characters an alt text may have"),
    min=Option(int, 5, help="the fewest characters an alt text may have"),
)
def alt_length(rule: Links, doc: Document, ctx: Context) -> Iterator[Finding]:
    """An alt text shorter than ``min`` or longer than ``max`` characters."""
    low, high = rule.opts["min"], rule.opts["max"]
    for image in doc.images:
        alt = " ".join(image.text.split())
        if alt and (len(alt) < low or len(alt) > high):
            limit = low if len(alt) < low else high
            yield Finding(image.start, image.end, rule.say(alt=alt, length=len(alt), limit=limit))


@link_check("alt-repeated")
def alt_repeated(rule: Links, doc: Document, ctx: Context) -> Iterator[Finding]:
    """An alt text that an earlier image has too."""
    seen: dict[str, int] = {}
    for image in doc.images:
        key = _plain(image.text)
        if not key:
            continue
        if key in seen:
            alt = " ".join(image.text.split())
            yield Finding(image.start, image.end, rule.say(alt=alt, line=seen[key]))
        else:
            seen[key] = doc.position(image.start)[0]


@link_check("outbound")
def outbound_link(rule: Links, doc: Document, ctx: Context) -> Iterator[Finding]:
    """An article with front matter and text but no link out of the site."""
    if not doc.body_start or not doc.paragraphs:
        return  # plain text without front matter is not a page with links
    if not any(outbound(link, ctx.site_url) for link in doc.links):
        start, end = document_anchor(doc)
        yield Finding(start, end, rule.say())


@link_check(
    "link-text", tokens=Option(list, list(VAGUE_LINK_TEXT), help="the link texts to report")
)
def link_text(rule: Links, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A link whose text is one of ``tokens`` (ignoring case and punctuation)."""
    for link in doc.links:
        if link.text != link.url and _plain(link.text) in rule.vague:
            text = " ".join(link.text.split())
            yield Finding(link.start, link.end, rule.say(text=text))
