"""The settings of every folder a run meets, found and built once: the one home of the
run layer's caches.

A ``Workspace`` holds one set of ``CheckOptions`` and remembers, for the life of a run:
which configuration file governs each folder (found by walking up), each configuration
as read, the rules built for it with the command line's overrides, its cache fingerprint,
and the cache folder in use. ``seolint check``, the language server and the Python API
each keep one; a worker process gets its own (see ``__reduce__``); ``--watch`` starts a
new one for every check (``renewed``). Nothing is kept at module level.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from seolint.errors import ConfigError
from seolint.model.config import Config
from seolint.run.config import find_config, load_config
from seolint.run.options import CheckOptions

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.cache.sealed_files import CacheFolder
    from seolint.rules.load import Rule
    from seolint.rules.select import RuleSet


class Workspace:
    """Per-folder settings for one set of options.

    ``fresh`` (the language server, whose files change under it): the configuration file is
    looked for on every call, and its rules are built again when it, or a rule folder it
    names, has changed since they were built."""

    def __init__(self, options: CheckOptions | None = None, fresh: bool = False) -> None:
        self.options = CheckOptions() if options is None else options
        self.fresh = fresh
        self.overrides = self.options.overrides()
        self.rule_dirs = [d.resolve() for d in self.options.rules_dir]
        self._found: dict[Path, Path | None] = {}  # folder as asked -> its configuration file
        self._walked: dict[Path, Path | None] = {}  # resolved folder -> its configuration file
        self._configs: dict[Path | None, Config] = {}  # configuration file -> as read
        self._settings: dict[Path | None, tuple[Config, RuleSet]] = {}
        self._stamps: dict[Path | None, tuple] = {}  # fresh: what the settings were built from
        self._fingerprints: dict[str | None, str] = {}  # configuration file -> fingerprint
        self._folder_configs: dict[str, Config] = {}  # folder name -> its configuration
        self._explicit_checked = False
        self._cache: CacheFolder | None = None  # the cache folder in use
        self._cache_chosen = False
        self._told: set[str] = set()  # notices already printed (kept by ``renewed``)

    def __reduce__(self) -> tuple:
        """A worker process started without fork builds its own Workspace from the options
        (a forked one has a copy of this one, rules loaded)."""
        return (Workspace, (self.options, self.fresh))

    def renewed(self) -> Workspace:
        """A new Workspace with the same options, reading everything afresh (``--watch``);
        a notice printed once is not printed again."""
        renewed = Workspace(self.options, self.fresh)
        renewed._told = self._told
        return renewed

    # --- configuration files -----------------------------------------------------------

    def config_file(self, folder: Path) -> Path | None:
        """The configuration file in force for a folder: ``--config``, else the nearest
        one at or above it (each folder's walk is done once)."""
        explicit = self.options.config
        if explicit is not None:
            if not self._explicit_checked:
                if not explicit.is_file():
                    raise ConfigError(str(explicit), "configuration file not found")
                self._explicit_checked = True
            return explicit
        if self.fresh:
            return find_config(folder.resolve())
        if folder not in self._found:
            resolved = folder.resolve()
            if resolved not in self._walked:
                self._walked[resolved] = find_config(resolved)
            self._found[folder] = self._walked[resolved]
        return self._found[folder]

    def config_at(self, config_file: Path | None) -> Config:
        """A configuration file as read (the defaults for None), read once."""
        config = self._configs.get(config_file)
        if config is None:
            config = load_config(config_file) if config_file else Config()
            self._configs[config_file] = config
        return config

    def config_of(self, path: str) -> Config:
        """The configuration for a path's folder, as read (no rules built: a file answered
        from the cache needs none); remembered per folder name."""
        folder = os.path.dirname(path)
        found = self._folder_configs.get(folder)
        if found is None:
            found = self.config_at(self.config_file(Path(folder or ".")))
            self._folder_configs[folder] = found
        return found

    def configs_in_force(self) -> list[Path]:
        """The configuration files read so far."""
        return [Path(c.path) for c in self._configs.values() if c.path]

    # --- rules -------------------------------------------------------------------------

    def settings(self, folder: Path) -> tuple[Config, RuleSet]:
        """The configuration (with the command line's overrides) and rules for files in a
        folder, built once per configuration file."""
        config_file = self.config_file(folder)
        found = self._settings.get(config_file)
        if self.fresh and (
            found is None or self._stamps[config_file] != _stamp(config_file, found[0].rule_dirs)
        ):
            self._configs.pop(config_file, None)  # read again, as it may have changed
            found = None
        if found is None:
            found = self._settings[config_file] = self._build(config_file)
            if self.fresh:
                self._stamps[config_file] = _stamp(config_file, found[0].rule_dirs)
        return found

    def settings_of(self, path: str) -> tuple[Config, RuleSet]:
        """``settings`` for a checked path's folder ('-', standard input: the working one)."""
        return self.settings(Path(path).parent if path != "-" else Path.cwd())

    def rules_for(self, path: str) -> list[Rule]:
        """The rules in force for a checked path: the metadata reporters describe."""
        return self.settings_of(path)[1].for_file(path)

    def _build(self, config_file: Path | None) -> tuple[Config, RuleSet]:
        from seolint.rules.select import build  # a run answered from the cache never needs rules

        # The overrides go on a copy: the configuration as read is never changed.
        config = self.config_at(config_file).replace()
        ruleset = build(config, self.rule_dirs, self.cache_in_use())
        for name, value in sorted(self.overrides.items(), key=lambda i: "extend" in i[0]):
            unknown = [v for v in value if not ruleset.known(v)] if name != "focus_keyword" else []
            if unknown:
                raise ConfigError(f"--{name.replace('_', '-')}", ruleset.unknown(unknown[0]))
            if name.startswith("extend_"):
                name = name[len("extend_") :]
                value = (*getattr(config, name), *value)
            setattr(config, name, value)
        ruleset.reselect()
        return config, ruleset

    # --- the findings cache ------------------------------------------------------------

    def fingerprint(self, config: Config) -> str:
        """The cache fingerprint of a configuration's settings (see seolint.cache.findings),
        computed once per configuration file."""
        found = self._fingerprints.get(config.path)
        if found is None:
            from seolint.cache.findings import fingerprint
            from seolint.rules.locate import builtin_dir, pack_files

            folders = [builtin_dir(), *config.rule_dirs, *self.rule_dirs]
            files = [path for folder in folders for path in pack_files(folder)]
            config_path = Path(config.path) if config.path else None
            found = fingerprint(config_path, files, sorted(self.overrides.items()))
            self._fingerprints[config.path] = found
        return found

    def cache_folder(self) -> Path:
        """``.seolint_cache`` beside the configuration in force here, else in the working
        folder (``SEOLINT_CACHE_DIR`` names another)."""
        from seolint.cache.findings import FOLDER_NAME

        if os.environ.get("SEOLINT_CACHE_DIR"):
            return Path(os.environ["SEOLINT_CACHE_DIR"])
        config = self.options.config or self.config_file(Path.cwd())
        return (config.parent if config else Path.cwd()) / FOLDER_NAME

    def cache_in_use(self) -> CacheFolder | None:
        """The cache folder this run reads and writes; None with --no-cache, or when the
        folder is refused (a symbolic link: said once on stderr, and the run goes on
        without it)."""
        if not self._cache_chosen:
            self._cache_chosen = True
            if not self.options.no_cache:
                from seolint.cache.sealed_files import CacheFolder

                folder = CacheFolder(self.cache_folder())
                reason = folder.refusal()
                if reason is None:
                    self._cache = folder
                else:
                    from seolint.read.source import display_path

                    self.tell(f"{display_path(str(folder.path))}: {reason}; not used as a cache")
        return self._cache

    def tell(self, notice: str) -> None:
        """Print a notice on stderr, once."""
        if notice not in self._told:
            self._told.add(notice)
            print(f"seolint: {notice}", file=sys.stderr)


def _stamp(config_path: Path | None, rule_dirs: list[Path]) -> tuple:
    """Modification times and sizes of a configuration file, its rule folders and their files."""
    paths = [p for p in (config_path, *rule_dirs) if p is not None]
    for folder in rule_dirs:
        if folder.is_dir():
            paths.extend(sorted(folder.iterdir()))
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append((path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((path, None, None))
    return tuple(stamps)
