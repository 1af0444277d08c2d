"""A cache of validated rule packs: a run need not read YAML or compile regexes it never uses.

Loading the built-in packs means importing PyYAML, parsing and validating every rule and
compiling every regular expression (and finding its needles, see ``seolint.match.needles``): about
half the time of a one-file run. After the first load, a folder's rules are stored as JSON
keyed by a hash of the pack files and of seolint itself; later runs restore them as they were
compiled, with each regex compiled only when a rule first needs it (the needles usually rule
the document out first). Entries carry a checksum: a damaged one is ignored and rebuilt.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from seolint.cache.findings import stamp
from seolint.cache.sealed_files import read_sealed, write_sealed
from seolint.match import phrases
from seolint.rules.kinds import KINDS
from seolint.rules.load import Rule, load_folder
from seolint.rules.locate import pack_files

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

_RULE_FIELDS = ("id", "category", "kind", "severity", "message", "description", "scope")
_RULE_FIELDS += ("fix", "options", "enabled", "corroborate", "path", "line", "sources", "url")
_KIND_FIELDS = ("message", "scope", "fix", "opts")


def load(folder: Path, cache_dir: Path | None) -> list[Rule]:
    """A folder's rules, from the cache when its entry matches the pack files."""
    if cache_dir is None:
        return load_folder(folder)
    files = pack_files(folder)
    entry = os.path.join(cache_dir, "rules", f"{stamp(files)}.json")
    payload = read_sealed(entry)
    try:
        if payload is not None:
            return [_restore(item) for item in json.loads(payload)]
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    rules = load_folder(folder)
    try:
        data = json.dumps([_dump(rule) for rule in rules], ensure_ascii=False).encode()
    except (TypeError, ValueError):
        return rules  # a rule that cannot be stored: it is loaded each time
    write_sealed(entry, data, cache_dir)
    return rules


def _dump(rule: Rule) -> dict[str, Any]:
    state = {k: _encode(v) for k, v in vars(rule.checker).items() if k not in _KIND_FIELDS}
    checker = {k: getattr(rule.checker, k) for k in _KIND_FIELDS}
    return {**{k: getattr(rule, k) for k in _RULE_FIELDS}, "checker": checker, "state": state}


def _encode(value: Any) -> Any:
    if isinstance(value, phrases.Matcher):
        return {"matcher": value.state()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        return phrases.restore(value["matcher"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _restore(item: dict[str, Any]) -> Rule:
    kind = KINDS[item["kind"]]
    checker = object.__new__(kind)
    vars(checker).update(item["checker"])
    vars(checker).update({k: _decode(v) for k, v in item["state"].items()})
    return Rule(**{k: item[k] for k in _RULE_FIELDS}, checker=checker)
