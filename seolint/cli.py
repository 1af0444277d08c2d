"""The ``seolint`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from seolint.errors import SeolintError
from seolint.formats import FORMATS
from seolint.model.diagnostics import SEVERITIES
from seolint.run.exits import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK
from seolint.run.options import CheckOptions
from seolint.version import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, like every other error
        self.exit(EXIT_ERROR, f"seolint: {message}{_suggestion(message)} (see 'seolint --help')\n")


def _suggestion(message: str) -> str:
    """'Did you mean ...?' for an unknown flag, command or choice in an argparse message."""
    from seolint.suggest import did_you_mean

    if message.startswith("unrecognized arguments: "):
        word = message.split(": ", 1)[1].split()[0]
        if word.startswith("-"):
            parsers = [build_parser()]
            parsers += [
                p for a in parsers[0]._subparsers._group_actions for p in a.choices.values()
            ]  # type: ignore[union-attr]
            flags = [o for p in parsers for a in p._actions for o in a.option_strings]
            word = word.split("=")[0]
            return did_you_mean(word, [f for f in flags if f != word])
    elif "invalid choice: " in message:
        word, _, rest = message.split("invalid choice: ", 1)[1][1:].partition("'")
        return did_you_mean(word, rest.split("'")[1::2])
    return ""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="seolint", description="Lint news articles for SEO and editorial defects."
    )
    parser.add_argument("--version", action="version", version=f"seolint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check articles (files, folders or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--version", action="version", version=f"seolint {__version__}")
    check.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="output format (default: text on a terminal, else concise)",
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output (auto: on a terminal, unless NO_COLOR is set)",
    )
    check.add_argument(
        "--statistics", action="store_true", help="print counts per rule instead of findings"
    )
    check.add_argument(
        "--fail-on", choices=SEVERITIES, help="lowest severity that fails (default: warning)"
    )
    check.add_argument("--config", type=Path, help="use this configuration file")
    check.add_argument(
        "--rules-dir", type=Path, action="append", default=[], help="extra rule folder"
    )
    check.add_argument(
        "--select",
        action="append",
        help="comma-separated rule ids or categories to run, instead of the configuration's "
        "(repeat to add more)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        help="comma-separated rule ids or categories to skip, instead of the configuration's",
    )
    check.add_argument(
        "--extend-select",
        action="append",
        metavar="NAMES",
        help="rule ids or categories to run on top of the configuration's select",
    )
    check.add_argument(
        "--extend-ignore",
        action="append",
        metavar="NAMES",
        help="rule ids or categories to skip on top of the configuration's ignore",
    )
    check.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        help="apply exclude and include to files named on the command line too "
        "(default: the force-exclude setting, else off)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="print findings only: no summary on stderr"
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings fail the run (errors still exit 2)",
    )
    check.add_argument(
        "--output-file", "-o", type=Path, metavar="FILE", help="write the report to FILE"
    )
    check.add_argument(
        "--show-fixes",
        action="store_true",
        help="list what --fix fixed (or --diff would), per file and rule; "
        "without them, count the fixable findings",
    )
    check.add_argument(
        "--watch", "-w", action="store_true", help="check again whenever a checked file changes"
    )
    check.add_argument("--focus-keyword", help="the focus keyword (front matter wins)")
    check.add_argument("--stdin-filename", help="file name to report for stdin (-)")
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        help="worker processes (default: all cores for many files; 1: one process)",
    )
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write .seolint_cache"
    )
    check.add_argument(
        "--no-gitignore",
        action="store_true",
        help="in folders, also check the files git ignores (.gitignore)",
    )
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the safe fixes to the files")
    fixing.add_argument(
        "--diff", action="store_true", help="print the safe fixes as a diff; change nothing"
    )

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--config", type=Path)
    rules.add_argument("--rules-dir", type=Path, action="append", default=[])

    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule")
    explain.add_argument("--config", type=Path)
    explain.add_argument("--rules-dir", type=Path, action="append", default=[])

    sub.add_parser("server", help="run the language server (LSP on stdin and stdout)")

    clean = sub.add_parser("clean", help="remove the findings cache (.seolint_cache)")
    clean.add_argument("--config", type=Path, help="the cache beside this configuration file")
    return parser


def _jobs(text: str) -> int:
    """--jobs: a positive number of processes (0 means all cores)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return value


def check_options(args: argparse.Namespace) -> CheckOptions:
    """The options of ``seolint check``, from its parsed arguments (--stdin-filename alone
    means standard input is the one path)."""
    paths = args.paths
    if args.stdin_filename and "-" not in paths:
        paths = ["-"]
    return CheckOptions(
        paths=paths,
        format=args.format,
        color=args.color,
        statistics=args.statistics,
        fail_on=args.fail_on,
        config=args.config,
        rules_dir=args.rules_dir,
        force_exclude=args.force_exclude,
        quiet=args.quiet,
        exit_zero=args.exit_zero,
        output_file=args.output_file,
        show_fixes=args.show_fixes,
        watch=args.watch,
        focus_keyword=args.focus_keyword,
        stdin_filename=args.stdin_filename,
        jobs=args.jobs,
        no_cache=args.no_cache,
        no_gitignore=args.no_gitignore,
        fix=args.fix,
        diff=args.diff,
        select=args.select or (),
        ignore=args.ignore or (),
        extend_select=args.extend_select or (),
        extend_ignore=args.extend_ignore or (),
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            from seolint.run.runner import run_check

            return run_check(check_options(args))
        if args.command == "clean":
            return _clean(args)
        if args.command == "server":
            from seolint.lsp.server import serve

            return serve()
        return _rules_command(args)
    except SeolintError as exc:
        print(f"seolint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader left (`| head`): stop quietly, as if killed by SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _clean(args: argparse.Namespace) -> int:
    from seolint.cache.sealed_files import remove_cache
    from seolint.read.source import display_path
    from seolint.run.workspace import Workspace

    folder = Workspace(CheckOptions(config=args.config)).cache_folder()
    shown = display_path(str(folder))
    print(f"removed {shown}" if remove_cache(folder) else f"no cache at {shown}")
    return EXIT_OK


def _rules_command(args: argparse.Namespace) -> int:
    from seolint.run.workspace import Workspace

    options = CheckOptions(config=args.config, rules_dir=args.rules_dir, no_cache=True)
    _config, ruleset = Workspace(options).settings(Path.cwd())
    rules = sorted(ruleset.all.values(), key=lambda r: (r.category, r.id))
    if args.command == "explain":
        from seolint.lint.engine import UNKNOWN_RULE, UNKNOWN_RULE_DOC
        from seolint.suggest import did_you_mean

        rule = ruleset.all.get(args.rule)
        if args.rule == UNKNOWN_RULE:
            print(f"{UNKNOWN_RULE} (seolint)\n\nSeverity: warning\n\n{UNKNOWN_RULE_DOC}")
            return EXIT_OK
        if rule is None:
            hint = did_you_mean(args.rule, [*ruleset.all, UNKNOWN_RULE])
            raise SeolintError(args.rule, f"unknown rule id{hint} (see 'seolint rules')")
        print(explain(rule))
        return EXIT_OK
    if args.format == "json":
        import json

        data = [
            {
                "id": r.id,
                "category": r.category,
                "kind": r.kind,
                "severity": r.severity,
                "fixable": r.checker.fix is not None,
                "summary": r.summary,
            }
            for r in rules
        ]
        print(json.dumps(data, indent=2))
        return EXIT_OK
    width = max(len(r.id) for r in rules)
    for r in rules:
        mark = "fix" if r.checker.fix else "   "
        print(f"{r.id:<{width}}  {r.category:<12} {r.severity:<7} {mark}  {r.summary}")
    return EXIT_OK


def explain(rule) -> str:
    """A rule's documentation page."""
    lines = [
        f"{rule.id} ({rule.category})",
        "",
        f"Kind: {rule.kind}    Severity: {rule.severity}    Fixable: {'yes' if rule.checker.fix else 'no'}",
        f"Scope: {rule.checker.scope or 'document'}    Defined in: {rule.path}:{rule.line}",
        "",
        rule.description.strip() or rule.message,
    ]
    from seolint.rules.docs import option_lines

    lines += option_lines(rule)
    if rule.url:
        lines += ["", f"Documentation: {rule.url}"]
    return "\n".join(lines)
