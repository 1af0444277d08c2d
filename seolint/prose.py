"""Turn a block's Markdown source into prose: markup blanked to spaces, offsets unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.document import Link

_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[([^\]\n]*)\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s<>()\]]+[^\s<>()\].,;:!?'\"”’]")
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|~~")
_ESCAPE = re.compile(r"\\(?=[^\w\s])")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?", re.M)
_BLOCKQUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*", re.M)


_LIST_MARKER = re.compile(r"[-+0-9]")
_NOT_NEWLINE = re.compile(r"[^\n]")
# Text each pattern needs to match at all: blocks without it skip the pattern.
_NEEDS = {
    _CODE: ("`",),
    _COMMENT: ("<!--",),
    _IMAGE: ("![",),
    _LINK: ("](",),
    _REF_LINK: ("][",),
    _AUTOLINK: ("<",),
    _BARE_URL: ("http",),
    _TAG: ("<",),
    _EMPHASIS: ("*", "_", "~~"),
    _ESCAPE: ("\\",),
}


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, skipped when the text lacks what the pattern needs."""
    needs = _NEEDS.get(pattern)
    if needs is None or any(n in text for n in needs):
        yield from pattern.finditer(text)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of the spans, except newlines, turned into spaces."""
    if not spans:
        return text
    pieces = []
    done = 0
    for a, b in sorted(spans):
        a = max(a, done)
        if b <= a:
            continue
        piece = text[a:b]
        pieces += (text[done:a], _NOT_NEWLINE.sub(" ", piece) if "\n" in piece else " " * (b - a))
        done = b
    pieces.append(text[done:])
    return "".join(pieces)


def _plain(block: str, list_item: bool) -> bool:
    """Whether a block has no markup: nothing the patterns below would blank but spaces."""
    for char in "`<[*_~\\>\t":
        if char in block:
            return False
    if "http" in block:
        return False
    return not list_item or not _LIST_MARKER.search(block)


def to_prose(
    text: str, start: int, end: int, links: list[Link], images: list[Link], list_item: bool
) -> str:
    """Prose of ``text[start:end]``: same length, markup replaced by spaces; links collected."""
    block = text[start:end]
    if _plain(block, list_item):
        return block
    prefix = _LINE_PREFIX if list_item else _BLOCKQUOTE_PREFIX
    spans = [m.span() for pattern in (prefix, _CODE, _COMMENT) for m in _matches(pattern, block)]
    masked = _blanked(block, spans)
    spans = []
    for m in _matches(_IMAGE, masked):
        images.append(Link(start + m.start(), start + m.end(), m.group(1), m.group(2)))
        spans.append(m.span())
    masked = _blanked(masked, spans)
    for pattern in (_LINK, _REF_LINK):
        spans = []
        for m in _matches(pattern, masked):
            url = m.group(2) if pattern is _LINK else ""
            links.append(Link(start + m.start(), start + m.end(), m.group(1), url))
            spans += ((m.start(), m.start(1)), (m.end(1), m.end()))
        masked = _blanked(masked, spans)
    for pattern in (_AUTOLINK, _BARE_URL):
        spans = []
        for m in _matches(pattern, masked):
            url = m.group(1) if pattern is _AUTOLINK else m.group()
            links.append(Link(start + m.start(), start + m.end(), url, url))
            spans.append(m.span())
        masked = _blanked(masked, spans)
    spans = [m.span() for pattern in (_TAG, _EMPHASIS, _ESCAPE) for m in _matches(pattern, masked)]
    return _blanked(masked, spans)


_QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def quotations(prose: str, base: int) -> list[tuple[int, int]]:
    """Spans of quoted speech in a paragraph's prose (straight or curly double quotes)."""
    if '"' not in prose and "“" not in prose:
        return []
    return [(base + m.start(), base + m.end()) for m in _QUOTE.finditer(prose)]
