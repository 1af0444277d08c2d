"""Run ``seolint check``: find files, pick each one's settings, lint, and report."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from seolint.cache.findings import Cache, decode_findings, encode_findings
from seolint.cache.stat_index import signature
from seolint.errors import ConfigError, SeolintError, internal_error
from seolint.formats import load as load_format
from seolint.formats.base import Reporter, use_color
from seolint.model.results import FileResult
from seolint.read.discover import discover
from seolint.read.source import Source, decode, display_path, read_bytes, read_source
from seolint.run.exits import exit_code, run_status
from seolint.run.progress import Progress
from seolint.run.workspace import Workspace

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from seolint.model.config import Config
    from seolint.run.options import CheckOptions

POOL_FILES = 16  # with the default --jobs, fewer files than this are checked in one process


def lint_source(
    source: Source, workspace: Workspace, cache: Cache | None = None, key: str | None = None
) -> FileResult:
    """Lint one source with the settings of its folder; the findings are stored in the cache
    under ``key`` when both are given."""
    from seolint.lint.engine import lint
    from seolint.lint.site import facts_of
    from seolint.parse.markdown import parse

    config, ruleset = workspace.settings_of(source.path)
    doc = parse(source)
    rules = ruleset.for_file(source.path)
    diagnostics = lint(doc, ruleset, rules)
    facts = facts_of(doc, rules)
    if key is not None and cache is not None:
        cache.put(key, diagnostics + facts)
    return FileResult(source.path, diagnostics, _fail_on(workspace, config), None, source, facts)


def look_up(path: str, workspace: Workspace, cache: Cache) -> tuple[str, FileResult | bytes]:
    """A file's cache key, and its cached result, or its bytes when it has none.

    A file unchanged since its last check is known, findings and all, by its stat signature
    alone (see seolint.cache.stat_index); any other file is read and keyed by its bytes, not yet
    decoded."""
    config = workspace.config_of(path)
    fingerprint = workspace.fingerprint(config)
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
    return key, FileResult(path, own, _fail_on(workspace, config), facts=facts)


def _fail_on(workspace: Workspace, config: Config) -> str:
    return workspace.options.fail_on or config.fail_on or "warning"


def make_reporter(workspace: Workspace, stream) -> Reporter:
    """The reporter for ``--statistics`` or ``--format`` (default: text on a terminal)."""
    options = workspace.options
    name = options.format or ("text" if stream.isatty() else "concise")
    if options.statistics:
        from seolint.formats.statistics import Statistics, StatisticsJson

        if name not in ("text", "concise", "json"):
            raise SeolintError("--statistics", f"prints a table or JSON, not --format {name}")
        cls: type[Reporter] = StatisticsJson if name == "json" else Statistics
    else:
        cls = load_format(name)
    return cls(stream, color=use_color(options.color, stream), rules=workspace.rules_for)


def lint_path(path: str, workspace: Workspace, cache: Cache | None = None) -> FileResult:
    """Read and lint one path ('-' is stdin); input errors become the result's error."""
    try:
        if path == "-":  # standard input is never cached
            name = workspace.options.stdin_filename or "-"
            return lint_source(decode(name, sys.stdin.buffer.read()), workspace)
        shown = display_path(path)
        if cache is None:
            return lint_source(read_source(shown), workspace)
        key, hit = look_up(shown, workspace, cache)
        if isinstance(hit, FileResult):
            return hit
        return lint_source(decode(shown, hit), workspace, cache, key)
    except ConfigError:
        raise
    except SeolintError as exc:
        return FileResult(display_path(path), error=str(exc))
    except Exception as exc:  # a bug: this file is reported, the run goes on
        return FileResult(display_path(path), error=f"{display_path(path)}: {internal_error(exc)}")


def article_paths(workspace: Workspace, paths: Iterable[str] | None = None) -> Iterator[str]:
    """The paths to check (those named, else the options'), in the order they are found
    (see seolint.read.discover.discover)."""
    return discover(
        list(workspace.options.paths if paths is None else paths),
        lambda found: excluded(found, workspace),
        gitignore=not workspace.options.no_gitignore,
        wanted=lambda path, walked: wanted(path, walked, workspace),
    )


def results(workspace: Workspace) -> Iterator[FileResult]:
    """Results for every path, streamed in the order the paths were found, whatever --jobs.

    Many files are checked in worker processes (all cores unless --jobs says otherwise);
    one file, or --jobs 1, in this process. A progress bar goes to stderr on a terminal.
    """
    paths: Iterable[str] = article_paths(workspace)
    progress = None
    if sys.stderr.isatty() and not workspace.options.quiet:
        paths = list(paths)  # the bar needs the total
        progress = Progress.for_stream(sys.stderr, len(paths))
    cache_dir = workspace.cache_in_use()
    cache = Cache(cache_dir) if cache_dir is not None else None
    asked = workspace.options.jobs
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
            (workspace, cache.without_stats() if cache else None),
            here=lambda path: _at_hand(path, workspace, cache),
        )
    else:
        found = (lint_path(path, workspace, cache) for path in chain(first, paths))
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

            prune_if_due(cache.root, cache.folder.name)
    if progress:
        progress.erase()


def _at_hand(path: str, workspace: Workspace, cache: Cache | None) -> list[FileResult] | None:
    """A result this process has at hand: standard input's, or a file's from the cache.

    For a file left to the workers, its folder's rules are loaded here first, so that a
    configuration error stops the run here (after the results before it) and the workers,
    started later, begin with the rules loaded."""
    if path == "-":
        return [lint_path(path, workspace, cache)]
    if cache is not None:
        try:
            shown = display_path(path)
            hit = look_up(shown, workspace, cache)[1]
        except ConfigError:
            raise
        except SeolintError:
            hit = None  # a worker reports it
        if isinstance(hit, FileResult):
            return [hit]
    workspace.settings_of(display_path(path))
    return None


_worker: dict[str, object] = {}  # a worker process's Workspace and cache (see _start_worker)


def _start_worker(workspace: Workspace, cache: Cache | None) -> None:
    """Set up a worker process: the Workspace and cache it checks with (forked, a copy of
    the main process's, its rules loaded; else built anew from the options)."""
    _worker["workspace"] = workspace
    _worker["cache"] = cache


def _work(paths: list[str]) -> list[FileResult]:
    """Check paths in a worker; the source text stays behind (consumers read it again)."""
    workspace, cache = _worker["workspace"], _worker["cache"]
    out = []
    for path in paths:
        result = lint_path(path, workspace, cache)  # type: ignore[arg-type]
        result.source = None
        out.append(result)
    return out


def excluded(path: str, workspace: Workspace) -> bool:
    """Whether a file or folder found in a walk matches its configuration's ``exclude``."""
    return workspace.config_of(path).is_excluded(path)


def wanted(path: str, walked: bool, workspace: Workspace) -> bool:
    """Whether to check a file found in a walk, or a named path (then only force-exclude
    filters: standard input by its --stdin-filename, a folder by exclude alone)."""
    if path == "-":
        if not workspace.options.stdin_filename:
            return True
        path = workspace.options.stdin_filename
    config = workspace.config_of(path)
    force = workspace.options.force_exclude
    if not walked and not (config.force_exclude if force is None else force):
        return True
    return config.selects(path, walked, folder=not walked and os.path.isdir(path))


def run_check(options: CheckOptions) -> int:
    """Check every path (again after every change, with --watch); report findings; return
    the exit code."""
    workspace = Workspace(options)
    if options.watch:
        from seolint.run.watch import watch

        return watch(workspace, check, article_paths)
    return check(workspace)


def check(workspace: Workspace) -> int:
    """One check of every path, the report going to --output-file when given."""
    path = workspace.options.output_file
    output = open_output(path) if path is not None else None
    try:
        return _check(workspace, output)
    finally:
        if output is not None:
            output.close()


def open_output(path: Path):
    """``--output-file``: the file the report is written to."""
    try:
        return open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by check)
    except OSError as exc:
        raise SeolintError(str(path), f"cannot write the report: {exc.strerror or exc}") from None


def _check(workspace: Workspace, output=None) -> int:
    """One run: check, report to ``output`` (default stdout), summarise on stderr."""
    options = workspace.options
    # --fix/--diff re-lint with lint_source directly, bypassing any cache of results, so
    # that every diagnostic still carries its Diagnostic.fix edits.
    fixer = None
    if options.fix or options.diff:
        from seolint.fix.apply import Fixer  # only a fixing run pays for importing it

        fixer = Fixer(options.paths, options.diff, lambda s: lint_source(s, workspace).diagnostics)
    reporter = make_reporter(workspace, output or (fixer.report_stream if fixer else sys.stdout))
    failed = False
    errors = 0
    counts: Counter[str] = Counter()
    fixable = 0
    files = 0
    site = _site_index(workspace)
    for result in results(workspace):
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
    if not options.quiet:
        line = summary(counts, files, errors)
        if options.show_fixes and not fixer:
            line += f"; {fixable} fixable with --fix"
        print(line, file=sys.stderr)
    if fixer and options.show_fixes and fixer.listing():
        print(fixer.listing(), file=sys.stderr)
    if fixer and not options.quiet:
        print(fixer.summary(), file=sys.stderr)
    if fixer and fixer.stdin and not fixer.diff and not files and not errors:
        sys.stdout.buffer.write(sys.stdin.buffer.read())  # left out: the text passes unchanged
    diff_files = fixer.files if fixer and fixer.diff else None
    return run_status(errors, failed, options.exit_zero, diff_files)


def _site_index(workspace: Workspace):
    """The collector of findings across files, unless fixing (a fix run fixes each file)."""
    if workspace.options.fix or workspace.options.diff:
        return None
    from seolint.lint.site import SiteIndex

    return SiteIndex(workspace.rules_for)


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
