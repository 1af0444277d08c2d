"""Rules: load YAML rule packs, validate them with file:line errors, and compile their kinds."""

from __future__ import annotations

import os
from pathlib import Path

from seolint.errors import ConfigError
from seolint.model.diagnostics import SEVERITIES
from seolint.model.record import Record
from seolint.rules.kinds import KINDS
from seolint.rules.kinds.base import Kind
from seolint.rules.kinds.options import REQUIRED, Option, OptionError
from seolint.rules.locate import RULE_URL, builtin_dir, pack_files

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

PACK_KEYS = ("category", "url", "rules")
COMMON_KEYS = ("id", "kind", "severity", "message", "description", "scope", "fix", "enabled")
COMMON_KEYS += ("corroborate", "sources")


class Rule(Record):
    """One rule: identity and documentation, plus its compiled kind (``checker``)."""

    __slots__ = (
        "id",
        "category",
        "kind",
        "severity",
        "message",
        "description",
        "scope",
        "fix",
        "options",
        "enabled",
        "corroborate",
        "path",
        "line",
        "checker",
        "sources",
        "url",
    )

    def __init__(
        self,
        id: str,
        category: str,
        kind: str,
        severity: str,
        message: str,
        description: str,
        scope: str | None,
        fix: str | None,
        options: dict[str, Any],
        enabled: bool,
        path: str,
        line: int,
        checker: Kind,
        corroborate: bool = False,
        sources: dict[str, str] | None = None,
        url: str | None = None,
    ) -> None:
        self.id = id
        self.category = category
        self.kind = kind
        self.severity = severity
        self.message = message
        self.description = description
        self.scope = scope
        self.fix = fix
        self.options = options
        self.enabled = enabled
        self.corroborate = corroborate
        self.path = path
        self.line = line
        self.checker = checker
        self.sources = {} if sources is None else sources  # option -> where its value comes from
        self.url = url  # the rule's documentation page

    @property
    def summary(self) -> str:
        """The description's first sentence, for one-line listings."""
        text = " ".join(self.description.split())
        first = text.split(". ", 1)[0].rstrip(".") if text else self.message
        return first if len(first) <= 100 else first[:99].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def load_folder(folder: Path) -> list[Rule]:
    """All rules of a folder's packs."""
    rules: list[Rule] = []
    for path in pack_files(folder):
        rules.extend(load_pack(path))
    return rules


def load_pack(path: Path) -> list[Rule]:
    """Rules of one pack file: ``category`` (default: the file name), a list ``rules`` and,
    optionally, ``url``: each rule's documentation, with ``{id}`` for the rule id (the
    built-in rules link to their pages under docs/rules/)."""
    from seolint.parse import yamlfile  # PyYAML only when a pack is read (see seolint.cache.rules)

    shown = _shown(path)
    data = yamlfile.read(str(path))
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(
            shown, "a rule pack is a mapping with a list 'rules'", getattr(data, "line", 1)
        )
    unknown = [key for key in data if key not in PACK_KEYS]
    if unknown:
        message = f"unknown key {unknown[0]!r} in a rule pack (keys: {', '.join(PACK_KEYS)})"
        raise ConfigError(shown, message, data.line_of(unknown[0]))
    category = str(data.get("category", path.stem))
    url = RULE_URL if path.parent == builtin_dir() else data.get("url")
    if url is not None and (not isinstance(url, str) or "{id}" not in url):
        raise ConfigError(
            shown, "'url' must be text with {id} for the rule id", data.line_of("url")
        )
    return [_rule(item, category, shown, url) for item in data["rules"]]


def _shown(path: Path) -> str:
    """A rule file's name for messages: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _rule(item: Any, category: str, path: str, url: str | None = None) -> Rule:
    if not isinstance(item, dict):
        raise ConfigError(path, "each rule must be a mapping of keys", getattr(item, "line", None))
    line = getattr(item, "line", 0)

    def fail(key: str, message: str) -> ConfigError:
        where = item.line_of(key) if hasattr(item, "line_of") else line
        return ConfigError(path, f"rule {item.get('id', '?')!s}: {message}", where)

    for key in ("id", "kind", "message"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise fail(key, f"'{key}' is required and must be text")
    kind = KINDS.get(item["kind"])
    if kind is None:
        raise fail("kind", f"unknown kind {item['kind']!r} (kinds: {', '.join(sorted(KINDS))})")
    severity = item.get("severity", "warning")
    if severity not in SEVERITIES:
        raise fail("severity", f"severity must be one of {', '.join(SEVERITIES)}")
    if not isinstance(item.get("enabled", True), bool):
        raise fail("enabled", "'enabled' must be true or false")
    every = kind.options_for()
    unknown = [k for k in item if k not in COMMON_KEYS and k not in every]
    if unknown:
        allowed = ", ".join([*COMMON_KEYS, *every])
        raise fail(unknown[0], f"unknown key {unknown[0]!r} for kind {kind.name} (keys: {allowed})")
    options = {k: v for k, v in item.items() if k in every}
    sources = item.get("sources", {})
    if not isinstance(sources, dict) or not all(
        k in every and isinstance(v, str) for k, v in sources.items()
    ):
        raise fail("sources", "'sources' maps option names to where their values come from")
    rule = Rule(
        id=item["id"],
        category=category,
        kind=kind.name,
        severity=severity,
        message=item["message"],
        description=str(item.get("description", "")),
        scope=item.get("scope"),
        fix=item.get("fix"),
        options=options,
        enabled=item.get("enabled", True),
        corroborate=item.get("corroborate", False) is True,
        path=path,
        line=line,
        checker=None,  # type: ignore[arg-type]
        sources=dict(sources),
        url=url.replace("{id}", item["id"]) if url else None,
    )
    try:
        rule.checker = compile_rule(rule, options)
    except OptionError as exc:
        raise fail(exc.key, str(exc)) from None
    return rule


def compile_rule(rule: Rule, options: dict[str, Any]) -> Kind:
    """Validate options, scope, fix and message placeholders; build the kind's checker."""
    kind = KINDS[rule.kind]
    specs = kind.options_for(options)  # the kind's own and its check's: the rule's values
    values = {}
    for name, spec in specs.items():
        values[name] = _option(name, spec, options.get(name, spec.default), name in options)
    every = kind.options_for()
    for name in [name for name in options if name not in specs]:
        # An option of another of the kind's checks: checked as before, then not used.
        _option(name, every[name], options[name], True)
    if rule.scope is not None and rule.scope not in kind.scopes:
        allowed = ", ".join(kind.scopes) or "none"
        raise OptionError("scope", f"scope {rule.scope!r} is not one of: {allowed}")
    fix = rule.fix
    if fix is not None and fix is not False and fix not in kind.fixes:
        allowed = ", ".join(kind.fixes) or "none (this kind has no fix)"
        raise OptionError("fix", f"fix {fix!r} is not one of: {allowed}")
    fix_name = kind.fixes[0] if kind.fixes and fix is None and kind.name == "substitution" else fix
    import string  # only when rules are built from YAML: it compiles a regex on import

    for _, name, _, _ in string.Formatter().parse(rule.message):
        if name is not None and name not in kind.placeholders:
            known = ", ".join("{" + p + "}" for p in sorted(kind.placeholders)) or "none"
            raise OptionError("message", f"unknown placeholder {{{name}}} (placeholders: {known})")
    return kind(rule.message, rule.scope or kind.default_scope, fix_name or None, values)


def _option(name: str, spec: Option, value: Any, given: bool) -> Any:
    if value is REQUIRED:
        raise OptionError(name, f"option {name!r} is required")
    if value is None and not given:
        return None
    types = spec.type if isinstance(spec.type, tuple) else (spec.type,)
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    if float in types and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if not ok:
        wanted = " or ".join(t.__name__ for t in types)
        raise OptionError(name, f"option {name!r} must be {wanted}, not {type(value).__name__}")
    if spec.choices and value not in spec.choices:
        from seolint.suggest import did_you_mean  # only when a value is wrong

        hint = did_you_mean(value, spec.choices) if isinstance(value, str) else ""
        raise OptionError(name, f"option {name!r} must be one of: {', '.join(spec.choices)}{hint}")
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        raise OptionError(name, f"option {name!r} must be a list of text")
    return value
