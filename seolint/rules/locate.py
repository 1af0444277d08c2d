"""Where rule packs live: the built-in folder and the YAML files of any rule folder.

Kept apart from seolint.rules.load so that a run answered from the cache can fingerprint the
packs without importing the rule kinds.
"""

from __future__ import annotations

from pathlib import Path

from seolint.errors import ConfigError

RULE_URL = "https://github.com/OWNER/seolint/blob/main/docs/rules/{id}.md"
"""Where the built-in rules' pages (docs/rules/, made by ``seolint docs``) are published."""


def builtin_dir() -> Path:
    """The built-in rule packs: inside the wheel, or ``rules/`` in a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the package root
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def pack_files(folder: Path) -> list[Path]:
    """The YAML files of a rule folder, sorted."""
    if not folder.is_dir():
        raise ConfigError(str(folder), "rule folder not found")
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
