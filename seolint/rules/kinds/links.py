"""Images and links in the body: alt text, link text, and links out to sources."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.model.diagnostics import Finding
from seolint.model.document import Document, Link
from seolint.rules.kinds.base import Context, Kind, Option, document_anchor

LINK_CHECKS = ("alt-missing", "alt-length", "alt-repeated", "outbound", "link-text")
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


class Links(Kind):
    """Alt text of images, link text, and at least one link out to a source."""

    name = "links"
    summary = "image alt text, link text and outbound links"
    options = {
        "check": Option(str, choices=LINK_CHECKS),
        "max": Option(int, 125, help="alt-length: the most characters an alt text may have"),
        "min": Option(int, 5, help="alt-length: the fewest characters an alt text may have"),
        "tokens": Option(list, list(VAGUE_LINK_TEXT), help="link-text: link texts to report"),
    }
    placeholders = frozenset({"alt", "length", "limit", "text", "line"})

    def compile(self) -> None:
        self.vague = sorted({_plain(t) for t in self.opts["tokens"]})  # a list: rulecache stores it

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        return getattr(self, "_" + self.opts["check"].replace("-", "_"))(doc, ctx)

    def _alt_missing(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for image in doc.images:
            if not image.text.strip():
                yield Finding(image.start, image.end, self.say(alt="", length=0, limit=0))

    def _alt_length(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        low, high = self.opts["min"], self.opts["max"]
        for image in doc.images:
            alt = " ".join(image.text.split())
            if alt and (len(alt) < low or len(alt) > high):
                limit = low if len(alt) < low else high
                yield Finding(
                    image.start, image.end, self.say(alt=alt, length=len(alt), limit=limit)
                )

    def _alt_repeated(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for image in doc.images:
            key = _plain(image.text)
            if not key:
                continue
            if key in seen:
                alt = " ".join(image.text.split())
                yield Finding(image.start, image.end, self.say(alt=alt, line=seen[key]))
            else:
                seen[key] = doc.position(image.start)[0]

    def _outbound(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not doc.body_start or not doc.paragraphs:
            return  # plain text without front matter is not a page with links
        if not any(outbound(link, ctx.site_url) for link in doc.links):
            start, end = document_anchor(doc)
            yield Finding(start, end, self.say())

    def _link_text(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for link in doc.links:
            if link.text != link.url and _plain(link.text) in self.vague:
                text = " ".join(link.text.split())
                yield Finding(link.start, link.end, self.say(text=text))
