"""Run ``seolint check``: find files, pick each one's settings, lint, and report."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from seolint.config import Config, find_config, load_config
from seolint.engine import lint
from seolint.errors import ConfigError, SeolintError
from seolint.files import discover
from seolint.fixer import Fixer
from seolint.formats import load as load_format
from seolint.formats.base import FileResult, Reporter, use_color
from seolint.parser import parse
from seolint.rules import Rule
from seolint.ruleset import RuleSet, build
from seolint.source import Source, decode, display_path, read_source

_settings: dict[tuple, tuple[Config, RuleSet]] = {}
_found: dict[Path, Path | None] = {}


def settings_for(
    folder: Path, explicit: Path | None, extra_dirs: list[Path], overrides: dict | None = None
) -> tuple[Config, RuleSet]:
    """The configuration and rules for files in a folder (cached per configuration file)."""
    if explicit is not None:
        config_path: Path | None = explicit
        if not explicit.is_file():
            raise ConfigError(str(explicit), "configuration file not found")
    else:
        folder = folder.resolve()
        if folder not in _found:
            _found[folder] = find_config(folder)
        config_path = _found[folder]
    key = (config_path, tuple(extra_dirs), tuple(sorted((overrides or {}).items())))
    if key not in _settings:
        config = load_config(config_path) if config_path else Config()
        ruleset = build(config, [d.resolve() for d in extra_dirs])
        for name, value in (overrides or {}).items():
            unknown = [v for v in value if not ruleset.known(v)] if name != "focus_keyword" else []
            if unknown:
                raise ConfigError(f"--{name}", f"unknown rule or category {unknown[0]!r}")
            setattr(config, name, value)
        ruleset.reselect()
        _settings[key] = (config, ruleset)
    return _settings[key]


def _overrides(args: argparse.Namespace) -> dict:
    out: dict = {}
    if args.select:
        out["select"] = tuple(s.strip() for s in args.select.split(",") if s.strip())
    if args.ignore:
        out["ignore"] = tuple(s.strip() for s in args.ignore.split(",") if s.strip())
    if args.focus_keyword:
        out["focus_keyword"] = args.focus_keyword
    return out


def lint_source(source: Source, args: argparse.Namespace) -> FileResult:
    """Lint one source with the settings of its folder."""
    folder = Path(source.path).parent if source.path != "-" else Path.cwd()
    config, ruleset = settings_for(folder, args.config, args.rules_dir, _overrides(args))
    doc = parse(source)
    diagnostics = lint(doc, ruleset, ruleset.for_file(source.path))
    return FileResult(
        source.path, diagnostics, args.fail_on or config.fail_on or "warning", None, source
    )


def rules_for(path: str, args: argparse.Namespace) -> list[Rule]:
    """The rules in force for a checked path: the metadata reporters describe."""
    folder = Path(path).parent if path != "-" else Path.cwd()
    _config, ruleset = settings_for(folder, args.config, args.rules_dir, _overrides(args))
    return ruleset.for_file(path)


def make_reporter(args: argparse.Namespace, stream) -> Reporter:
    """The reporter for ``--statistics`` or ``--format`` (default: text on a terminal)."""
    name = args.format or ("text" if sys.stdout.isatty() else "concise")
    if args.statistics:
        from seolint.formats.statistics import Statistics, StatisticsJson

        if name not in ("text", "concise", "json"):
            raise SeolintError("--statistics", f"prints a table or JSON, not --format {name}")
        cls: type[Reporter] = StatisticsJson if name == "json" else Statistics
    else:
        cls = load_format(name)
    return cls(stream, color=use_color(args.color, stream), rules=lambda p: rules_for(p, args))


def lint_path(path: str, args: argparse.Namespace) -> FileResult:
    """Read and lint one path ('-' is stdin); input errors become the result's error."""
    try:
        if path == "-":
            source = decode(args.stdin_filename or "-", sys.stdin.buffer.read())
        else:
            source = read_source(display_path(path))
        return lint_source(source, args)
    except ConfigError:
        raise
    except SeolintError as exc:
        return FileResult(display_path(path), error=str(exc))


def results(args: argparse.Namespace) -> Iterator[FileResult]:
    """Results for every path, in the order the paths were found."""
    for path in discover(args.paths, lambda found: excluded(found, args)):
        yield lint_path(path, args)


def excluded(path: str, args: argparse.Namespace) -> bool:
    """Whether a file or folder found in a walk matches its configuration's ``exclude``."""
    config, _ruleset = settings_for(Path(path).parent, args.config, args.rules_dir, _overrides(args))
    return config.is_excluded(path)


def run_check(args: argparse.Namespace) -> int:
    """Check every path; report findings; return the exit code."""
    from seolint.cli import EXIT_ERROR, exit_code

    if args.stdin_filename and "-" not in args.paths:
        args.paths = ["-"]
    # --fix/--diff re-lint with lint_source directly, bypassing any cache of results, so
    # that every diagnostic still carries its Diagnostic.fix edits.
    fixer = (
        Fixer(args, lambda s: lint_source(s, args).diagnostics) if args.fix or args.diff else None
    )
    reporter = make_reporter(args, fixer.report_stream if fixer else sys.stdout)
    failed = False
    errors = 0
    counts: Counter[str] = Counter()
    files = 0
    for result in results(args):
        if fixer:
            result = fixer.process(result)
        if result.error:
            print(f"seolint: {result.error}", file=sys.stderr)
            errors += 1
            continue
        files += 1
        counts.update(d.severity for d in result.diagnostics)
        failed = failed or exit_code(result.diagnostics, result.fail_on) != 0
        reporter.file(result)
    reporter.finish()
    sys.stdout.flush()
    print(summary(counts, files, errors), file=sys.stderr)
    if fixer:
        print(fixer.summary(), file=sys.stderr)
    if errors:
        return EXIT_ERROR
    if fixer and fixer.diff:
        return 1 if fixer.files else 0
    return 1 if failed else 0


def summary(counts: Counter[str], files: int, errors: int) -> str:
    """The closing line on stderr."""
    total = sum(counts.values())
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
        for s in ("error", "warning", "info")
    ]
    line = f"{total} findings ({', '.join(parts)}) in {files} {'file' if files == 1 else 'files'}"
    if errors:
        line += f"; {errors} could not be checked"
    return line
