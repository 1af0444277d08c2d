"""What git ignores, so that a folder walk inside a repository skips it, as git and ruff do.

Inside a git repository (a folder with ``.git`` at or above the walk), the walk reads the
repository's ``.git/info/exclude`` and every ``.gitignore`` from the repository's top down to
each folder it enters. Patterns follow gitignore(5): ``#`` comments, ``!`` to re-include,
a trailing ``/`` for folders only, a ``/`` at the start or in the middle to anchor a pattern
to its file's folder (otherwise it matches a name at any depth), ``*``, ``?``, ``[...]`` and
``**``. The last pattern that matches a path decides, and a deeper file's patterns come after
its parents'. A folder that is ignored is not entered, so nothing in it can be re-included.
"""

from __future__ import annotations

import os
import re

# A rule: the folder its file is in (relative to the repository, "" at the top, else ending
# in "/"), its regex, whether it re-includes, and whether it matches folders only.
Rule = tuple[str, re.Pattern[str], bool, bool]


def repository(folder: str) -> str | None:
    """The top folder of the git repository that holds ``folder``, if any."""
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


class Ignores:
    """The rules in force in the folders of one repository, worked out once per folder."""

    def __init__(self, top: str) -> None:
        self.top = top
        self._exclude = tuple(_read(os.path.join(top, ".git", "info", "exclude"), ""))
        self._rules: dict[str, tuple[Rule, ...]] = {}

    def relative(self, path: str) -> str:
        """A path inside the repository as its rules see it: relative to the top, with "/"."""
        relative = os.path.relpath(os.path.abspath(path), self.top)
        return "" if relative == "." else relative.replace(os.sep, "/")

    def ignored(self, relative: str, is_folder: bool) -> bool:
        """Whether git ignores a file or folder (given by its ``relative`` path)."""
        folder = relative.rpartition("/")[0]
        for base, regex, include, folders_only in reversed(self._folder(folder)):
            if folders_only and not is_folder:
                continue
            if relative.startswith(base) and regex.fullmatch(relative, len(base)):
                return not include
        return False

    def _folder(self, folder: str) -> tuple[Rule, ...]:
        """The rules for paths in a folder (relative to the top): its parents' and its own."""
        found = self._rules.get(folder)
        if found is None:
            parent = self._folder(folder.rpartition("/")[0]) if folder else self._exclude
            base = f"{folder}/" if folder else ""
            own = _read(os.path.join(self.top, *folder.split("/"), ".gitignore"), base)
            found = self._rules[folder] = parent + tuple(own)
        return found


def _read(path: str, base: str) -> list[Rule]:
    if not os.path.isfile(path):  # none, or a FIFO that would block
        return []
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    rules = []
    for line in lines:
        rule = _rule(line, base)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(line: str, base: str) -> Rule | None:
    """One line of a .gitignore file as a rule (None for blank lines and comments)."""
    if line.startswith("#"):
        return None
    while line.endswith(" ") and not line.endswith("\\ "):
        line = line[:-1]
    include = line.startswith("!")
    if include:
        line = line[1:]
    folders_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    line = line.lstrip("/")
    body = _translate(line)
    if not anchored:
        body = "(?:.*/)?" + body
    try:
        return base, re.compile(body, re.DOTALL), include, folders_only
    except re.error:
        return None  # git ignores a pattern it cannot read


def _translate(pattern: str) -> str:
    """A gitignore glob (without its leading slash) as a regular expression."""
    out = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "*" and pattern.startswith("**", i):
            before = i == 0 or pattern[i - 1] == "/"
            after = i + 2 == n or pattern[i + 2] == "/"
            if before and after:
                if i + 2 == n:  # "a/**": everything inside
                    out.append(".*")
                else:  # "**/b", "a/**/b": any number of folders, none included
                    out.append("(?:.*/)?")
                    i += 1  # the slash is part of it
                i += 2
                continue
            out.append("[^/]*")  # other runs of stars are single stars
            while i < n and pattern[i] == "*":
                i += 1
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        elif char == "[":
            end = _class_end(pattern, i)
            if end is None:
                out.append(re.escape(char))
            else:
                inner = pattern[i + 1 : end]
                negate = inner[:1] in ("!", "^")
                inner = inner[1:] if negate else inner
                inner = inner.replace("\\", "\\\\").replace("[", "\\[")
                out.append(f"[^/{inner}]" if negate else f"[{inner}]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int | None:
    """Where the bracket expression opened at ``start`` closes (a ``]`` first inside is
    literal); None when it does not."""
    i = start + 1
    if i < len(pattern) and pattern[i] in "!^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    end = pattern.find("]", i)
    return None if end == -1 else end
