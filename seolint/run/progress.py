"""A progress bar on stderr for long runs, drawn only when stderr is a terminal."""

from __future__ import annotations

import time

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import TextIO

DELAY = 0.5  # seconds before a run counts as long enough to show progress
INTERVAL = 0.1  # seconds between redraws
WIDTH = 30


class Progress:
    """``[#####.....] 120/1000 files`` on one line, erased whenever findings are printed."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.visible = False

    @classmethod
    def for_stream(cls, stream: TextIO, total: int) -> Progress | None:
        """A bar on ``stream`` when it is a terminal, else None."""
        isatty = getattr(stream, "isatty", None)
        return cls(stream, total) if isatty is not None and isatty() else None

    def advance(self) -> None:
        """Count one file; redraw when due (or at once, when the bar was just erased)."""
        self.done += 1
        now = time.monotonic()
        if now - self.started >= DELAY and now - self.drawn_at >= INTERVAL:
            self._draw(now)

    def erase(self) -> None:
        """Take the bar off the line so that other output starts at column 1."""
        if self.visible:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.visible = False
            self.drawn_at = 0.0  # redraw on the next file

    def _draw(self, now: float) -> None:
        filled = WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "." * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files")
        self.stream.flush()
        self.visible = True
        self.drawn_at = now
