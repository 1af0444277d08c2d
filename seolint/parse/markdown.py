"""Parse an article into the document model with markdown-it-py."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from seolint.match.casefold import lowered_in_place
from seolint.model.document import Comment, Document, Heading, Paragraph, Section, Title
from seolint.parse import frontmatter, plain, prose, sentences
from seolint.read.source import Source

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A control comment's opening; its end is the next "-->" (looked for with str.find: a regex
# searching for it lazily from every opening of an unclosed comment takes quadratic time).
_CONTROL = re.compile(
    r"<!--\s*seolint-(disable-next-line|disable-line|disable-file|disable|enable)\b"
)
_TERMINAL = re.compile(r"[.!?:…][\"'”’)\]*_]*\s*$")
# Block-quote and list markers (and indentation) before a heading's text on its line.
_CONTAINERS = r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*"
_LEAD = re.compile(_CONTAINERS)
_ATX = re.compile(_CONTAINERS + r"#{1,6}[ \t]*")
_BLANK = re.compile(r"[^\n]")
_TIMESTAMP = re.compile(
    r"(?:published|updated|last updated|page last updated|posted|first published)\b"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b",
    re.IGNORECASE,
)
# How many of a block's lines (but its last) must end a sentence for each line to be a
# paragraph of its own, once it has this many: a few lines that do not (a photo credit, a
# "Read: ..." link, an e-mail footer) do not make the whole file one paragraph.
_MOSTLY = 0.75
_TOLERANT_FROM = 4
MAX_TITLE_WORDS = 20


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """The shared markdown-it parser (CommonMark plus tables), created on first use.

    Only block tokens are read (``seolint.parse.prose`` reads inline markup itself), so the inline
    pass, which would parse every paragraph's text a second time, is switched off.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def parse(source: Source) -> Document:
    """Build a Document from a Source."""
    text = source.text
    doc = Document(source.path, text)
    body = text
    block = frontmatter.find(text)
    read = frontmatter.parse
    if block is None and text.startswith("+++"):
        block, read = frontmatter.find_toml(text), frontmatter.parse_toml
    if block:
        content_start, content_end, block_end = block
        doc.front_matter, doc.front_matter_error = read(text, content_start, content_end)
        frontmatter.add_aliases(doc.front_matter)
        doc.body_start = block_end
        title = doc.front_matter.get("title")
        if title is not None and doc.field_text("title"):
            doc.title = Title(
                title.value.strip(), title.start, title.end, "front-matter", title.exact
            )
        body = _BLANK.sub(" ", text[:block_end]) + text[block_end:]
    tokens = plain.scan(body)  # a plain text's blocks, without loading markdown-it-py
    _Builder(doc).build(_markdown().parse(body) if tokens is None else tokens)
    return doc


def _one_per_line(lines: list[str]) -> bool:
    """Whether a block's lines are paragraphs of their own: every line but the last ends a
    sentence or, in a block of ``_TOLERANT_FROM`` such lines or more, most of them do."""
    ends = sum(1 for line in lines[:-1] if _TERMINAL.search(line))
    others = len(lines) - 1
    return ends == others or (others >= _TOLERANT_FROM and ends >= _MOSTLY * others)


class _Builder:
    """Walks markdown-it's token stream once, filling the document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.pieces: list[str] = []
        self.cursor = 0
        self.code: list[tuple[int, int]] = []

    def build(self, tokens: list) -> None:
        doc = self.doc
        starts = doc.line_starts
        containers: list[str] = []
        first_block = True
        for i, token in enumerate(tokens):
            kind = token.type
            if kind in ("blockquote_open", "list_item_open"):
                containers.append(kind)
            elif kind in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif kind == "heading_open":
                self._heading(token, tokens[i + 1].content, first_block and not containers)
                first_block = False
            elif kind == "paragraph_open" and token.map:
                start = starts[token.map[0]]
                end = self._line_end(token.map[1] - 1)
                if "blockquote_open" in containers:
                    ptype = "quote"
                else:
                    ptype = "list" if containers else "paragraph"
                self._paragraph(start, end, ptype, first_block and not containers)
                first_block = False
            elif kind in ("fence", "code_block") and token.map:
                self.code.append((starts[token.map[0]], self._line_end(token.map[1] - 1)))
                first_block = False
            elif kind in ("table_open", "hr"):
                first_block = False
        self._comments()
        self._finish()

    def _line_end(self, line_index: int) -> int:
        return self.doc.line_span(line_index + 1)[1]

    def _emit(self, start: int, end: int, masked: str) -> None:
        text = self.doc.text
        if start < self.cursor:
            return
        gap = text[self.cursor : start]  # most often just newlines, which stay
        self.pieces.append(_BLANK.sub(" ", gap) if gap.strip("\n") else gap)
        self.pieces.append(masked)
        self.cursor = end

    def _heading(self, token, content: str, first_block: bool) -> None:
        doc = self.doc
        line_start, line_end = doc.line_span(token.map[0] + 1)
        line = doc.text[line_start:line_end]
        if token.markup.startswith("#"):
            lead = _ATX.match(line).end()
            text_end = line_start + atx_text_end(line, lead)
        else:  # setext: the text is on the first line(s), the underline below
            lead = _LEAD.match(line).end()
            line_end = self._line_end(token.map[1] - 1)
            text_end = line_start + len(line.rstrip())
        start = line_start + lead
        level = int(token.tag[1])
        heading = Heading(level, content.strip(), start, max(start, text_end), line_start, line_end)
        doc.headings.append(heading)
        masked = prose.to_prose(doc.text, start, heading.end, doc.links, doc.images, False)
        self._emit(start, heading.end, masked)
        if first_block and level == 1 and doc.title is None:
            doc.title = Title(heading.text, heading.start, heading.end, "h1")

    def _paragraph(self, start: int, end: int, kind: str, first_block: bool) -> None:
        doc = self.doc
        masked = prose.to_prose(doc.text, start, end, doc.links, doc.images, kind == "list")
        self._emit(start, end, masked)
        lines = masked.split("\n")
        if first_block and len(lines) == 1 and self._is_plain_headline(end, masked):
            doc.title = Title(masked.strip(), start, end, "first-line")
            return
        if len(lines) > 1 and _one_per_line(lines):
            # One paragraph per line, as content farms write: each line is its own paragraph.
            offset = start
            for line in lines:
                doc.paragraphs.append(Paragraph(offset, offset + len(line), kind))
                offset += len(line) + 1
        else:
            doc.paragraphs.append(Paragraph(start, end, kind))

    def _is_plain_headline(self, end: int, masked: str) -> bool:
        """A short first line without closing punctuation, followed by a blank line."""
        doc = self.doc
        stripped = masked.strip()
        closing = stripped.rstrip("\"'”’)")
        if "title" in doc.front_matter or not stripped or closing.endswith(":"):
            return False
        if _TIMESTAMP.match(stripped):
            return False  # "Published: ... Updated: ...", "Page last updated at ..."
        if closing.endswith(".") and not closing.endswith("..."):
            return False
        if len(sentences.words(stripped, 0, len(stripped))) > MAX_TITLE_WORDS:
            return False
        return doc.text.startswith("\n\n", end) or not doc.text[end:].strip()

    def _comments(self) -> None:
        doc = self.doc
        text = doc.text
        code_starts = [a for a, _ in self.code]  # in order, not overlapping
        match = _CONTROL.search(text) if "<!--" in text else None
        while match:
            close = text.find("-->", match.end())
            if close == -1:
                break  # no later comment is closed either
            index = bisect_right(code_starts, match.start()) - 1
            if index < 0 or match.start() >= self.code[index][1]:  # not inside code
                rules = tuple(text[match.end() : close].replace(",", " ").split())
                doc.comments.append(Comment(match.group(1), rules, match.start(), close + 3))
            match = _CONTROL.search(text, close + 3)

    def _finish(self) -> None:
        doc = self.doc
        text = doc.text
        self.pieces.append(_BLANK.sub(" ", text[self.cursor :]))
        doc.prose = "".join(self.pieces)
        # The prose is lower-cased once for every sentence's words, and for the rules (a
        # dotted capital I has two characters in lower case: then each sentence is); its word
        # text is made once for every paragraph's words.
        doc.lowered = lowered_in_place(doc.prose)
        spaced = None if doc.lowered is None else sentences.word_text(doc.lowered)
        doc.ascii_words = spaced is not None and spaced.replace("’", "").isascii()
        for para in doc.paragraphs:
            para.sentences = sentences.split(doc.prose, para.start, para.end, doc.lowered, spaced)
        self._sections()

    def _sections(self) -> None:
        doc = self.doc
        headings = doc.headings
        if not headings:
            return
        # A section ends where the next heading of its level or a higher one begins: the
        # sections still open form a stack of rising levels, so each is closed once.
        open_sections: list[Section] = []
        for index, heading in enumerate(headings):
            while open_sections and open_sections[-1].heading.level >= heading.level:
                open_sections.pop().end = heading.line_start
            if open_sections and index and open_sections[-1].index == index - 1:
                open_sections[-1].has_subsections = True
            section = Section(heading, index, len(doc.text))
            doc.sections.append(section)
            open_sections.append(section)
        starts = [h.line_start for h in headings]
        for para in doc.paragraphs:
            index = bisect_right(starts, para.start) - 1
            if index >= 0:
                doc.sections[index].paragraphs.append(para)


def atx_text_end(line: str, lead: int) -> int:
    """Where an ATX heading's text ends in its line (its text begins at ``lead``): before an
    optional closing run of ``#`` after a space or tab, and before trailing spaces and tabs.
    The same as searching ``[ \t]+#+[ \t]*$|[ \t]+$`` from ``lead``, in linear time (that
    search tries every space of a long run, each time to the end)."""
    end = len(line.rstrip(" \t"))
    hashes = len(line[:end].rstrip("#"))
    if lead < hashes < end:
        before = len(line[:hashes].rstrip(" \t"))
        if before < hashes:
            return max(before, lead)
    start = max(end, lead)
    return min(start, len(line))
