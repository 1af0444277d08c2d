"""The rules in force for a configuration: built-ins plus extra folders, selected and tuned."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from seolint.errors import ConfigError
from seolint.match.phrases import NeedleIndex
from seolint.model.config import Config
from seolint.model.diagnostics import SEVERITIES
from seolint.rules.kinds.options import OptionError
from seolint.rules.load import Rule, compile_rule
from seolint.rules.locate import builtin_dir
from seolint.suggest import did_you_mean

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.cache.sealed_files import CacheFolder

UNKNOWN_RULE = "unknown-rule-name"
ENGINE_NAMES = (UNKNOWN_RULE, "seolint")  # the engine's own finding and its category


class RuleSet:
    """Rules after select/ignore and per-rule settings; answers which apply to a file."""

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.all = {r.id: r for r in rules}
        self.categories = {r.category for r in rules}
        # One needle index for every phrase rule: one scan of a document's words serves all.
        NeedleIndex(m for r in rules for m in r.checker.matchers())
        self.reselect()

    def reselect(self) -> None:
        """Apply the configuration's select and ignore lists (again, after they change)."""
        self.rules = [r for r in self.all.values() if r.enabled and self._selected(r)]

    def known(self, name: str) -> bool:
        """Whether a name is a rule id or a category ("all" and the engine's own included)."""
        return name == "all" or name in self.all or name in self.categories or name in ENGINE_NAMES

    def unknown(self, name: str) -> str:
        """The message for a name that is neither a rule nor a category."""
        names = [*self.all, *self.categories, *ENGINE_NAMES, "all"]
        return f"unknown rule or category {name!r}{did_you_mean(name, names)}"

    def reports_unknown_names(self, path: str) -> bool:
        """Whether ``unknown-rule-name`` is on for a file: always, unless ignored by id or
        category (``ignore`` or ``per-file-ignores``)."""
        return not set(ENGINE_NAMES) & {*self.config.ignore, *self._file_ignores(path)}

    def matches(self, rule: Rule, names: list[str] | tuple[str, ...]) -> bool:
        return "all" in names or rule.id in names or rule.category in names

    def _selected(self, rule: Rule) -> bool:
        c = self.config
        return self.matches(rule, c.select) and not (c.ignore and self.matches(rule, c.ignore))

    def for_file(self, path: str) -> list[Rule]:
        """Rules that apply to a path, after per-file ignores."""
        ignored = self._file_ignores(path)
        if not ignored:
            return self.rules
        return [r for r in self.rules if not self.matches(r, ignored)]

    def _file_ignores(self, path: str) -> list[str]:
        """The names ``per-file-ignores`` switches off for a path."""
        if not self.config.per_file_ignores:
            return []
        ignored: list[str] = []
        relative = self.config.relative(path)
        for pattern, ids in self.config.per_file_ignores.items():
            if fnmatch(relative, pattern) or fnmatch(Path(path).name, pattern):
                ignored.extend(ids)
        return ignored


def build(
    config: Config, extra_dirs: list[Path] | None = None, cache_dir: CacheFolder | None = None
) -> RuleSet:
    """Load built-in and extra rules (from ``cache_dir`` when given and current), apply the
    configuration, and check its rule names."""
    from seolint.cache import rules as rule_cache

    rules: list[Rule] = []
    for folder in [builtin_dir(), *config.rule_dirs, *(extra_dirs or [])]:
        rules.extend(rule_cache.load(folder, cache_dir))
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            raise ConfigError(
                rule.path,
                f"rule id {rule.id!r} already defined in {first.path}:{first.line}",
                rule.line,
            )
        seen[rule.id] = rule
    rules = [_tune(rule, config) for rule in rules]
    ruleset = RuleSet(rules, config)
    _check_names(ruleset, config)
    return ruleset


def _tune(rule: Rule, config: Config) -> Rule:
    settings = config.rules.get(rule.id)
    if not settings:
        return rule
    path = config.path or "configuration"
    line = config.line_of("rules")
    settings = dict(settings)
    severity = settings.pop("severity", rule.severity)
    if severity not in SEVERITIES:
        raise ConfigError(
            path, f"rules.{rule.id}.severity must be one of {', '.join(SEVERITIES)}", line
        )
    enabled = settings.pop("enabled", rule.enabled)
    if not isinstance(enabled, bool):
        raise ConfigError(path, f"rules.{rule.id}.enabled must be true or false", line)
    message = settings.pop("message", rule.message)
    tuned = rule.replace(severity=severity, enabled=enabled, message=message)
    if "scope" in settings:
        tuned.scope = settings.pop("scope")
    options = {**rule.options, **settings}
    unknown = [k for k in settings if k not in type(rule.checker).options_for()]
    if unknown:
        raise ConfigError(
            path, f"rules.{rule.id}: unknown option {unknown[0]!r} for kind {rule.kind}", line
        )
    try:
        tuned.checker = compile_rule(tuned, options)
    except OptionError as exc:
        raise ConfigError(path, f"rules.{rule.id}: {exc}", line) from None
    tuned.options = options
    return tuned


def _check_names(ruleset: RuleSet, config: Config) -> None:
    path = config.path or "configuration"
    named = [
        ("select", config.select),
        ("ignore", config.ignore),
        ("rules", list(config.rules)),
        ("per-file-ignores", [i for ids in config.per_file_ignores.values() for i in ids]),
    ]
    for key, names in named:
        for name in names:
            if not ruleset.known(name):
                raise ConfigError(path, f"{key}: {ruleset.unknown(name)}", config.line_of(key))
