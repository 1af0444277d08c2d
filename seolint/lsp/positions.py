"""Positions between seolint and an editor: LF text and code points vs. LSP lines and units.

seolint reads a document with its byte-order mark removed and CRLF and a lone CR made LF
(see seolint.read.source), and places
findings by 1-based line and code-point column. LSP counts 0-based lines, split at LF, CRLF
and a lone CR, and columns in the negotiated code units (UTF-16 unless agreed otherwise).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from seolint.read.source import BOM

_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = "utf-16") -> int:
    """The length of a text in an LSP position encoding's code units."""
    if encoding == "utf-32":
        return len(text)
    codec = "utf-8" if encoding == "utf-8" else "utf-16-le"
    size = len(text.encode(codec, "surrogatepass"))
    return size if encoding == "utf-8" else size // 2


class Positions:
    """Maps places in seolint's text (``Source.text``) to LSP positions in the editor's text."""

    def __init__(self, editor_text: str, text: str, encoding: str = "utf-16") -> None:
        self.editor_text = editor_text
        self.encoding = encoding
        self.skip = 1 if editor_text.startswith(BOM) and not text.startswith(BOM) else 0
        # Offsets in ``text`` of each LF that stands for a CRLF in the editor's text.
        self.crlf = [
            m.start() - self.skip - i for i, m in enumerate(re.finditer("\r\n", editor_text))
        ]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.editor_starts = [0] + [m.end() for m in _BREAK.finditer(editor_text)]

    def offset(self, line: int, column: int) -> int:
        """The offset in seolint's text of a 1-based line and code-point column."""
        return self.line_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP (line, character) of an offset in seolint's text."""
        at = offset + self.skip + bisect_left(self.crlf, offset)
        line = bisect_right(self.editor_starts, at) - 1
        start = self.editor_starts[line]
        return line, units(self.editor_text[start:at], self.encoding)

    def at(self, line: int, column: int) -> tuple[int, int]:
        """The LSP (line, character) of seolint's 1-based line and code-point column."""
        return self.position(self.offset(line, column))
