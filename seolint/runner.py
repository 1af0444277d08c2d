"""Run ``seolint check``: find files, pick each one's settings, lint, and report."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from seolint.config import Config, find_config, load_config
from seolint.diagnostics import Diagnostic
from seolint.engine import lint
from seolint.errors import SeolintError
from seolint.files import discover
from seolint.parser import parse
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
            raise SeolintError(str(explicit), "configuration file not found")
    else:
        folder = folder.resolve()
        if folder not in _found:
            _found[folder] = find_config(folder)
        config_path = _found[folder]
    key = (config_path, tuple(extra_dirs), tuple(sorted((overrides or {}).items())))
    if key not in _settings:
        config = load_config(config_path) if config_path else Config()
        for name, value in (overrides or {}).items():
            setattr(config, name, value)
        _settings[key] = (config, build(config, [d.resolve() for d in extra_dirs]))
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


def check_source(source: Source, args: argparse.Namespace) -> tuple[list[Diagnostic], str]:
    """Lint one source; returns its diagnostics and the fail-on level that applies to it."""
    folder = Path(source.path).parent if source.path != "-" else Path.cwd()
    config, ruleset = settings_for(folder, args.config, args.rules_dir, _overrides(args))
    doc = parse(source)
    diagnostics = lint(doc, ruleset, ruleset.for_file(source.path))
    return diagnostics, args.fail_on or config.fail_on or "warning"


def _sources(args: argparse.Namespace):
    for path in discover(args.paths):
        if path == "-":
            name = args.stdin_filename or "-"
            yield name, lambda name=name: decode(name, sys.stdin.buffer.read())
        else:
            shown = display_path(path)
            yield shown, lambda shown=shown: read_source(shown)


def run_check(args: argparse.Namespace) -> int:
    """Check every path; print findings; return the exit code."""
    from seolint.cli import EXIT_ERROR, exit_code

    if args.stdin_filename and "-" not in args.paths:
        args.paths = ["-"]
    failed = False
    errors = 0
    files = 0
    collected: list[Diagnostic] = []
    out = sys.stdout
    for shown, load in _sources(args):
        try:
            diagnostics, fail_on = check_source(load(), args)
        except SeolintError as exc:
            print(f"seolint: {exc}", file=sys.stderr)
            errors += 1
            continue
        files += 1
        failed = failed or exit_code(diagnostics, fail_on) != 0
        if args.format == "json":
            collected.extend(diagnostics)
        else:
            for d in diagnostics:
                out.write(f"{d.path}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}\n")
            collected.extend(diagnostics)
    if args.format == "json":
        json.dump([d.to_dict() for d in collected], out, indent=2, ensure_ascii=False)
        out.write("\n")
    out.flush()
    _summary(collected, files, errors)
    if errors:
        return EXIT_ERROR
    return 1 if failed else 0


def _summary(diagnostics: list[Diagnostic], files: int, errors: int) -> None:
    counts = Counter(d.severity for d in diagnostics)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info")]
    noun = "file" if files == 1 else "files"
    line = f"{len(diagnostics)} findings ({', '.join(parts)}) in {files} {noun}"
    if errors:
        line += f"; {errors} could not be checked"
    print(line, file=sys.stderr)
