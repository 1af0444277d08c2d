"""A cache of validated rule packs: a run need not read YAML or compile regexes it never uses.

Loading the built-in packs means importing PyYAML, parsing and validating every rule and
compiling every regular expression (and finding its needles, see ``seolint.match.needles``): about
half the time of a one-file run. After the first load, a folder's rules are stored as JSON
keyed by a hash of the pack files and of seolint itself; later runs restore them as they were
compiled, with each regex compiled only when a rule first needs it (the needles usually rule
the document out first). Entries carry a checksum: a damaged one is ignored and rebuilt.

What is stored of a rule's kind is its message, scope, fix and options, and the fields its
``compiled`` declares, by their declared types (``seolint.cache.typed_json``). A kind that
sets a field it does not declare, or one of a type the cache cannot store, is not stored:
the folder's rules are then read from YAML on every run, and tests/test_rule_cache_contract.py
fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from seolint.cache.findings import stamp
from seolint.cache.sealed_files import CacheFolder, read_sealed, write_sealed
from seolint.cache.typed_json import decode, encode
from seolint.match import phrases
from seolint.rules.kinds import KINDS
from seolint.rules.load import Rule, load_folder
from seolint.rules.locate import pack_files

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from seolint.cache.typed_json import Codec

_RULE_FIELDS = ("id", "category", "kind", "severity", "message", "description", "scope")
_RULE_FIELDS += ("fix", "options", "enabled", "corroborate", "path", "line", "sources", "url")
_KIND_FIELDS = ("message", "scope", "fix", "opts")  # stored as they are; the rest as declared


def _matcher(accepts: type[phrases.Matcher]) -> Codec:
    """A phrase matcher is stored as its ``state()``: nothing is compiled when it comes back."""
    return ((accepts,), lambda matcher: matcher.state(), phrases.restore)


# The classes from elsewhere a kind may declare, and how they are stored (see typed_json).
CODECS: dict[type, Codec] = {
    phrases.PhraseMatcher: _matcher(phrases.PhraseMatcher),
    phrases.WholeMatcher: _matcher(phrases.WholeMatcher),
}


def load(folder: Path, cache_dir: CacheFolder | None) -> list[Rule]:
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
    checker = rule.checker
    kind = type(checker)
    fields = vars(checker)
    undeclared = sorted(fields.keys() - _KIND_FIELDS - kind.compiled.keys())
    unset = sorted(kind.compiled.keys() - fields.keys())
    if undeclared or unset:
        name = (undeclared or unset)[0]
        raise TypeError(f"{kind.__name__}.{name} is set but not declared in 'compiled', or not set")
    state = {k: encode(fields[k], declared, CODECS) for k, declared in kind.compiled.items()}
    kept = {k: fields[k] for k in _KIND_FIELDS}
    if json.loads(json.dumps(kept)) != kept:  # a mapping option with keys that are not text
        raise TypeError(f"{kind.__name__}: options JSON would not give back as they are")
    return {**{k: getattr(rule, k) for k in _RULE_FIELDS}, "checker": kept, "state": state}


def _restore(item: dict[str, Any]) -> Rule:
    kind = KINDS[item["kind"]]
    checker = object.__new__(kind)
    vars(checker).update(item["checker"])
    state = item["state"]
    vars(checker).update({k: decode(state[k], t, CODECS) for k, t in kind.compiled.items()})
    return Rule(**{k: item[k] for k in _RULE_FIELDS}, checker=checker)
