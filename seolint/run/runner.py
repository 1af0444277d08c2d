"""Run ``seolint check``: find files, pick each one's settings, lint, and report."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from seolint.cache.findings import FOLDER_NAME, Cache, decode_findings, encode_findings, fingerprint
from seolint.cache.stat_index import signature
from seolint.errors import ConfigError, SeolintError, internal_error
from seolint.formats import load as load_format
from seolint.formats.base import FileResult, Reporter, use_color
from seolint.read.discover import discover
from seolint.read.source import Source, decode, display_path, read_bytes, read_source
from seolint.rules.locate import builtin_dir, pack_files
from seolint.run.config import Config, find_config, load_config
from seolint.run.progress import Progress

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.rules.load import Rule
    from seolint.rules.select import RuleSet

_settings: dict[tuple, tuple[Config, RuleSet]] = {}
_configs: dict[tuple, Config] = {}
_found: dict[Path, Path | None] = {}
_fingerprints: dict[int, str] = {}
POOL_FILES = 16  # with the default --jobs, fewer files than this are checked in one process


def settings_for(
    folder: Path,
    explicit: Path | None,
    extra_dirs: list[Path],
    overrides: dict | None = None,
    cache_dir: Path | None = None,
) -> tuple[Config, RuleSet]:
    """The configuration and rules for files in a folder (kept per configuration file; the
    rule packs come from ``cache_dir`` when given, see seolint.cache.rules)."""
    key = _settings_key(folder, explicit, extra_dirs, overrides)
    if key not in _settings:
        from seolint.rules.select import build  # a run answered from the cache never needs rules

        config = config_for(folder, explicit, extra_dirs, overrides)
        ruleset = build(config, [d.resolve() for d in extra_dirs], cache_dir)
        for name, value in sorted((overrides or {}).items(), key=lambda i: "extend" in i[0]):
            unknown = [v for v in value if not ruleset.known(v)] if name != "focus_keyword" else []
            if unknown:
                raise ConfigError(f"--{name.replace('_', '-')}", ruleset.unknown(unknown[0]))
            if name.startswith("extend_"):
                name = name[len("extend_") :]
                value = (*getattr(config, name), *value)
            setattr(config, name, value)
        ruleset.reselect()
        _settings[key] = (config, ruleset)
    return _settings[key]


def config_for(
    folder: Path, explicit: Path | None, extra_dirs: list[Path], overrides: dict | None = None
) -> Config:
    """The configuration for files in a folder, read without building its rules (a cache hit
    needs no rules)."""
    key = _settings_key(folder, explicit, extra_dirs, overrides)
    if key not in _configs:
        _configs[key] = load_config(key[0]) if key[0] else Config()
    return _configs[key]


def _settings_key(
    folder: Path, explicit: Path | None, extra_dirs: list[Path], overrides: dict | None
) -> tuple:
    if explicit is not None:
        config_path: Path | None = explicit
        if not explicit.is_file():
            raise ConfigError(str(explicit), "configuration file not found")
    else:
        if folder not in _found:
            _found[folder] = find_config(folder.resolve())
        config_path = _found[folder]
    return (config_path, tuple(extra_dirs), tuple(sorted((overrides or {}).items())))


def _overrides(args: argparse.Namespace) -> dict:
    """Settings given on the command line; repeated flags add up."""
    out: dict = {}
    for name in ("select", "ignore", "extend_select", "extend_ignore"):
        names = tuple(
            n.strip() for flag in getattr(args, name, None) or () for n in flag.split(",")
        )
        if any(names):
            out[name] = tuple(n for n in names if n)
    if args.focus_keyword:
        out["focus_keyword"] = args.focus_keyword
    return out


def lint_source(
    source: Source, args: argparse.Namespace, cache: Cache | None = None, key: str | None = None
) -> FileResult:
    """Lint one source with the settings of its folder; the findings are stored in the cache
    under ``key`` when both are given."""
    from seolint.lint.engine import lint
    from seolint.lint.site import facts_of
    from seolint.parse.markdown import parse

    config, ruleset = _settings_of(source.path, args)
    doc = parse(source)
    rules = ruleset.for_file(source.path)
    diagnostics = lint(doc, ruleset, rules)
    facts = facts_of(doc, rules)
    if key is not None and cache is not None:
        cache.put(key, diagnostics + facts)
    return FileResult(source.path, diagnostics, _fail_on(args, config), None, source, facts)


def look_up(path: str, args: argparse.Namespace, cache: Cache) -> tuple[str, FileResult | bytes]:
    """A file's cache key, and its cached result, or its bytes when it has none.

    A file unchanged since its last check is known, findings and all, by its stat signature
    alone (see seolint.cache.stat_index); any other file is read and keyed by its bytes, not yet
    decoded."""
    config = _config_of(path, args)
    fingerprint = _fingerprint(config, args)
    stats = cache.stats
    stamp = signature(path) if stats is not None else None
    known = stats.look(fingerprint, path, stamp) if stats and stamp else (None, None)
    key, items = known
    if key is not None and items is None:
        items = cache.read(key)
    stored = decode_findings(path, items) if items is not None else None
    if stored is None:
        data = read_bytes(path)
        key = cache.key(fingerprint, path, data)
        items = cache.read(key)
        stored = decode_findings(path, items) if items is not None else None
    found = items if stored is not None else None
    if stats is not None and stamp and (key, found) != known:
        stats.record(fingerprint, path, stamp, key, found)
    if stored is None:
        return key, data
    from seolint.lint.site import split_facts

    own, facts = split_facts(stored)
    return key, FileResult(path, own, _fail_on(args, config), facts=facts)


def _settings_of(path: str, args: argparse.Namespace) -> tuple[Config, RuleSet]:
    folder = Path(path).parent if path != "-" else Path.cwd()
    cache_dir = cache_in_use(args)
    return settings_for(folder, args.config, args.rules_dir, _overrides(args), cache_dir)


def _fail_on(args: argparse.Namespace, config: Config) -> str:
    return args.fail_on or config.fail_on or "warning"


def _fingerprint(config: Config, args: argparse.Namespace) -> str:
    """The cache fingerprint of one configuration's settings, computed once."""
    if id(config) not in _fingerprints:
        folders = [builtin_dir(), *config.rule_dirs, *(d.resolve() for d in args.rules_dir)]
        files = [path for folder in folders for path in pack_files(folder)]
        config_path = Path(config.path) if config.path else None
        _fingerprints[id(config)] = fingerprint(
            config_path, files, sorted(_overrides(args).items())
        )
    return _fingerprints[id(config)]


def rules_for(path: str, args: argparse.Namespace) -> list[Rule]:
    """The rules in force for a checked path: the metadata reporters describe."""
    return _settings_of(path, args)[1].for_file(path)


def make_reporter(args: argparse.Namespace, stream) -> Reporter:
    """The reporter for ``--statistics`` or ``--format`` (default: text on a terminal)."""
    name = args.format or ("text" if stream.isatty() else "concise")
    if args.statistics:
        from seolint.formats.statistics import Statistics, StatisticsJson

        if name not in ("text", "concise", "json"):
            raise SeolintError("--statistics", f"prints a table or JSON, not --format {name}")
        cls: type[Reporter] = StatisticsJson if name == "json" else Statistics
    else:
        cls = load_format(name)
    return cls(stream, color=use_color(args.color, stream), rules=lambda p: rules_for(p, args))


def lint_path(path: str, args: argparse.Namespace, cache: Cache | None = None) -> FileResult:
    """Read and lint one path ('-' is stdin); input errors become the result's error."""
    try:
        if path == "-":  # standard input is never cached
            return lint_source(decode(args.stdin_filename or "-", sys.stdin.buffer.read()), args)
        shown = display_path(path)
        if cache is None:
            return lint_source(read_source(shown), args)
        key, hit = look_up(shown, args, cache)
        if isinstance(hit, FileResult):
            return hit
        return lint_source(decode(shown, hit), args, cache, key)
    except ConfigError:
        raise
    except SeolintError as exc:
        return FileResult(display_path(path), error=str(exc))
    except Exception as exc:  # a bug: this file is reported, the run goes on
        return FileResult(display_path(path), error=f"{display_path(path)}: {internal_error(exc)}")


def article_paths(args: argparse.Namespace) -> Iterator[str]:
    """The paths to check, in the order they are found (see seolint.read.discover.discover)."""
    return discover(
        args.paths,
        lambda found: excluded(found, args),
        gitignore=not getattr(args, "no_gitignore", False),
        wanted=lambda path, walked: wanted(path, walked, args),
    )


def results(args: argparse.Namespace) -> Iterator[FileResult]:
    """Results for every path, streamed in the order the paths were found, whatever --jobs.

    Many files are checked in worker processes (all cores unless --jobs says otherwise);
    one file, or --jobs 1, in this process. A progress bar goes to stderr on a terminal.
    """
    paths: Iterable[str] = article_paths(args)
    progress = None
    if sys.stderr.isatty() and not getattr(args, "quiet", False):
        paths = list(paths)  # the bar needs the total
        progress = Progress.for_stream(sys.stderr, len(paths))
    cache_dir = cache_in_use(args)
    cache = Cache(cache_dir) if cache_dir is not None else None
    asked = getattr(args, "jobs", None)
    jobs = asked or os.cpu_count() or 1
    enough = 2 if asked else POOL_FILES  # a pool costs a little: worth it for many files
    paths = iter(paths)
    first = list(islice(paths, enough))
    if jobs > 1 and len(first) >= enough:
        from seolint.run.parallel import ordered_map

        found = ordered_map(
            _work,
            chain(first, paths),
            jobs,
            _start_worker,
            (args, cache.without_stats() if cache else None),
            here=lambda path: _at_hand(path, args, cache),
        )
    else:
        found = (lint_path(path, args, cache) for path in chain(first, paths))
    stats = cache.stats if cache is not None else None
    try:
        for result in found:
            if stats is not None and result.error is None and stats.waiting(result.path):
                stats.attach(result.path, encode_findings(result.diagnostics + result.facts))
            if progress and (result.diagnostics or result.error):
                progress.erase()
            yield result
            if progress:
                progress.advance()
    finally:
        if stats is not None:
            stats.save()
        if cache is not None:
            from seolint.cache.prune import prune_if_due

            prune_if_due(cache.folder.parent, cache.folder.name)
    if progress:
        progress.erase()


def cache_in_use(args: argparse.Namespace) -> Path | None:
    """The cache folder this run reads and writes; None with --no-cache, or when the folder
    is refused (a symbolic link: said once on stderr, and the run goes on without it)."""
    if getattr(args, "no_cache", False):
        return None
    folder = cache_folder(args)
    from seolint.cache.sealed_files import refused

    reason = refused(folder)
    if reason is None:
        return folder
    if folder not in _refusals:
        _refusals.add(folder)
        from seolint.read.source import display_path

        shown = display_path(str(folder))
        print(f"seolint: {shown}: {reason}; not used as a cache", file=sys.stderr)
    return None


_refusals: set[Path] = set()


def cache_folder(args: argparse.Namespace) -> Path:
    """``.seolint_cache`` beside the configuration in force here, else in the working folder."""
    if os.environ.get("SEOLINT_CACHE_DIR"):
        return Path(os.environ["SEOLINT_CACHE_DIR"])
    config = args.config or _found.setdefault(Path.cwd(), find_config(Path.cwd()))
    return (config.parent if config else Path.cwd()) / FOLDER_NAME


def _at_hand(path: str, args: argparse.Namespace, cache: Cache | None) -> list[FileResult] | None:
    """A result this process has at hand: standard input's, or a file's from the cache.

    For a file left to the workers, its folder's rules are loaded here first, so that a
    configuration error stops the run here (after the results before it) and the workers,
    started later, begin with the rules loaded."""
    if path == "-":
        return [lint_path(path, args, cache)]
    if cache is not None:
        try:
            shown = display_path(path)
            hit = look_up(shown, args, cache)[1]
        except ConfigError:
            raise
        except SeolintError:
            hit = None  # a worker reports it
        if isinstance(hit, FileResult):
            return [hit]
    _settings_of(display_path(path), args)
    return None


_worker: dict[str, object] = {}


def _start_worker(args: argparse.Namespace, cache: Cache | None) -> None:
    """Set up a worker process: the options and cache it checks with."""
    _worker["args"] = args
    _worker["cache"] = cache


def _work(paths: list[str]) -> list[FileResult]:
    """Check paths in a worker; the source text stays behind (consumers read it again)."""
    args, cache = _worker["args"], _worker["cache"]
    out = []
    for path in paths:
        result = lint_path(path, args, cache)  # type: ignore[arg-type]
        result.source = None
        out.append(result)
    return out


def excluded(path: str, args: argparse.Namespace) -> bool:
    """Whether a file or folder found in a walk matches its configuration's ``exclude``."""
    return _config_of(path, args).is_excluded(path)


def wanted(path: str, walked: bool, args: argparse.Namespace) -> bool:
    """Whether to check a file found in a walk, or a named path (then only force-exclude
    filters: standard input by its --stdin-filename, a folder by exclude alone)."""
    if path == "-":
        if not args.stdin_filename:
            return True
        path = args.stdin_filename
    config = _config_of(path, args)
    force = getattr(args, "force_exclude", None)
    if not walked and not (config.force_exclude if force is None else force):
        return True
    return config.selects(path, walked, folder=not walked and os.path.isdir(path))


_folder_configs: dict[str, Config] = {}


def forget_settings() -> None:
    """Read configurations and rules afresh on the next check (``--watch``)."""
    for remembered in (_settings, _configs, _found, _folder_configs, _fingerprints):
        remembered.clear()


def configs_in_force() -> list[Path]:
    """The configuration files read so far in this run."""
    return [Path(c.path) for c in _configs.values() if c.path]


def _config_of(path: str, args: argparse.Namespace) -> Config:
    """The configuration for a path's folder, remembered per folder name for the run."""
    folder = os.path.dirname(path)
    found = _folder_configs.get(folder)
    if found is None:
        found = config_for(Path(folder or "."), args.config, args.rules_dir, _overrides(args))
        _folder_configs[folder] = found
    return found


def run_check(args: argparse.Namespace) -> int:
    """Check every path; report findings; return the exit code."""
    if getattr(args, "watch", False):
        from seolint.run.watch import watch

        return watch(args, _check)
    output = open_output(args.output_file) if getattr(args, "output_file", None) else None
    try:
        return _check(args, output)
    finally:
        if output is not None:
            output.close()


def open_output(path: Path):
    """``--output-file``: the file the report is written to."""
    try:
        return open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by run_check)
    except OSError as exc:
        raise SeolintError(str(path), f"cannot write the report: {exc.strerror or exc}") from None


def _check(args: argparse.Namespace, output=None) -> int:
    """One run: check, report to ``output`` (default stdout), summarise on stderr."""
    from seolint.cli import EXIT_ERROR, exit_code

    if args.stdin_filename and "-" not in args.paths:
        args.paths = ["-"]
    # --fix/--diff re-lint with lint_source directly, bypassing any cache of results, so
    # that every diagnostic still carries its Diagnostic.fix edits.
    fixer = None
    if args.fix or args.diff:
        from seolint.fix.apply import Fixer  # only a fixing run pays for importing it

        fixer = Fixer(args, lambda s: lint_source(s, args).diagnostics)
    reporter = make_reporter(args, output or (fixer.report_stream if fixer else sys.stdout))
    failed = False
    errors = 0
    counts: Counter[str] = Counter()
    fixable = 0
    files = 0
    site = _site_index(args)
    for result in results(args):
        if fixer:
            result = fixer.process(result)
        if result.error:
            print(f"seolint: {result.error}", file=sys.stderr)
            errors += 1
            continue
        files += 1
        counts.update(d.severity for d in result.diagnostics)
        fixable += sum(d.fix is not None for d in result.diagnostics)
        failed = failed or exit_code(result.diagnostics, result.fail_on) != 0
        reporter.file(result)
        if site is not None:
            site.add(result)
    if site is not None and files > 1:
        # Findings across files come after every file's own (see seolint.lint.site).
        for path, fail_on, diagnostics in site.results():
            counts.update(d.severity for d in diagnostics)
            failed = failed or exit_code(diagnostics, fail_on) != 0
            reporter.file(FileResult(path, diagnostics, fail_on))
    reporter.finish()
    (output or sys.stdout).flush()
    quiet = getattr(args, "quiet", False)
    if not quiet:
        line = summary(counts, files, errors)
        if getattr(args, "show_fixes", False) and not fixer:
            line += f"; {fixable} fixable with --fix"
        print(line, file=sys.stderr)
    if fixer and getattr(args, "show_fixes", False) and fixer.listing():
        print(fixer.listing(), file=sys.stderr)
    if fixer and not quiet:
        print(fixer.summary(), file=sys.stderr)
    if fixer and fixer.stdin and not fixer.diff and not files and not errors:
        sys.stdout.buffer.write(sys.stdin.buffer.read())  # left out: the text passes unchanged
    if errors:
        return EXIT_ERROR
    if getattr(args, "exit_zero", False):
        return 0
    if fixer and fixer.diff:
        return 1 if fixer.files else 0
    return 1 if failed else 0


def _site_index(args: argparse.Namespace):
    """The collector of findings across files, unless fixing (a fix run fixes each file)."""
    if args.fix or args.diff:
        return None
    from seolint.lint.site import SiteIndex

    return SiteIndex(lambda path: rules_for(path, args))


def summary(counts: Counter[str], files: int, errors: int) -> str:
    """The closing line on stderr."""
    total = sum(counts.values())
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in ("error", "warning", "info")
    ]
    line = (
        f"{total} {'finding' if total == 1 else 'findings'} ({', '.join(parts)}) "
        f"in {files} {'file' if files == 1 else 'files'}"
    )
    if errors:
        line += f"; {errors} could not be checked"
    return line
