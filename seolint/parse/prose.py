"""Turn a block's Markdown source into prose: markup blanked to spaces, offsets unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.model.document import Link

_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[([^\]\n]*)\]")
_AUTOLINK_START = re.compile(r"<(?:https?|mailto):")
_AUTOLINK_STOP = re.compile(r"[>\s]")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s<>()\]]+[^\s<>()\].,;:!?'\"”’]")
_TAG_START = re.compile(r"</?[A-Za-z]")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|~~")
_ESCAPE = re.compile(r"\\(?=[^\w\s])")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?", re.M)
_BLOCKQUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*", re.M)


_LIST_MARKER = re.compile(r"[-+0-9]")
_NOT_NEWLINE = re.compile(r"[^\n]")
# Text each pattern needs to match at all: blocks without it skip the pattern.
_NEEDS = {
    _CODE: ("`",),
    _IMAGE: ("![",),
    _LINK: ("](",),
    _REF_LINK: ("][",),
    _BARE_URL: ("http",),
    _EMPHASIS: ("*", "_", "~~"),
    _ESCAPE: ("\\",),
}


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, skipped when the text lacks what the pattern needs."""
    needs = _NEEDS.get(pattern)
    if needs is None or any(n in text for n in needs):
        yield from pattern.finditer(text)


# Comments, tags and autolinks are found with a regex for their opening and str.find for
# their end: one regex for the whole would, from every opening of an unclosed "<!--", "<a"
# or "<http:", search on to the end of the text or line, in quadratic time. When one
# opening finds no end, no later opening before that place can either.


def _comments(text: str) -> list[tuple[int, int]]:
    """Spans of HTML comments (``<!--`` to the next ``-->``)."""
    spans = []
    at = text.find("<!--")
    while at != -1:
        close = text.find("-->", at + 4)
        if close == -1:
            break
        spans.append((at, close + 3))
        at = text.find("<!--", close + 3)
    return spans


def _tags(text: str) -> list[tuple[int, int]]:
    """Spans of HTML tags: ``<`` or ``</``, a letter, and the next ``>`` on the same line."""
    spans = []
    search = _TAG_START.search
    found = search(text) if "<" in text else None
    while found:
        line_end = text.find("\n", found.end())
        if line_end == -1:
            line_end = len(text)
        close = text.find(">", found.end(), line_end)
        if close == -1:
            found = search(text, line_end)  # no tag opened before line_end closes on its line
            continue
        spans.append((found.start(), close + 1))
        found = search(text, close + 1)
    return spans


def _autolinks(text: str) -> list[tuple[int, int]]:
    """Spans of autolinks: ``<http:``, ``<https:`` or ``<mailto:``, at least one character
    that is neither ``>`` nor a space, and ``>``."""
    spans = []
    search = _AUTOLINK_START.search
    found = search(text) if "<" in text else None
    while found:
        stop = _AUTOLINK_STOP.search(text, found.end())
        if stop is None:
            break
        if text[stop.start()] == ">" and stop.start() > found.end():
            spans.append((found.start(), stop.end()))
            found = search(text, stop.end())
        else:  # every opening before this stop meets it too
            found = search(text, max(stop.start(), found.end()))
    return spans


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
    spans = [m.span() for pattern in (prefix, _CODE) for m in _matches(pattern, block)]
    spans += _comments(block)
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
    spans = _autolinks(masked)
    for a, b in spans:
        links.append(Link(start + a, start + b, masked[a + 1 : b - 1], masked[a + 1 : b - 1]))
    masked = _blanked(masked, spans)
    spans = []
    for m in _matches(_BARE_URL, masked):
        links.append(Link(start + m.start(), start + m.end(), m.group(), m.group()))
        spans.append(m.span())
    masked = _blanked(masked, spans)
    spans = _tags(masked)
    spans += [m.span() for pattern in (_EMPHASIS, _ESCAPE) for m in _matches(pattern, masked)]
    return _blanked(masked, spans)


_QUOTE_MARK = re.compile('[“"]')


def quotations(prose: str, base: int) -> list[tuple[int, int]]:
    """Spans of quoted speech in a paragraph's prose: from "“" to the next "”", or between
    straight double quotes on one line (as ``“[^”]*”|"[^"\n]*"`` finds them, but in linear
    time: that regex searches on to the end from every unclosed "“")."""
    if '"' not in prose and "“" not in prose:
        return []
    spans = []
    last_close = prose.rfind("”")
    straight = True  # whether a straight quote may still close
    found = _QUOTE_MARK.search(prose)
    while found:
        at = found.start()
        close = -1
        if prose[at] == "“":
            close = prose.find("”", at + 1) if at < last_close else -1
        elif straight:
            close = prose.find('"', at + 1)
            straight = close != -1
            if "\n" in prose[at + 1 : close]:
                close = -1
        if close == -1:
            found = _QUOTE_MARK.search(prose, at + 1)
            continue
        spans.append((base + at, base + close + 1))
        found = _QUOTE_MARK.search(prose, close + 1)
    return spans
