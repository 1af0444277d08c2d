"""A Markdown page per rule, made from the rule packs: ``python -m seolint.rules.docs``.

Writes ``docs/rules/<id>.md`` for every built-in rule (or the rules of ``--rules-dir``
folders) and an index, ``README.md``; ``--check`` only reports pages that are out of date.
Pages hold what the YAML says: why (the description), the bad and good examples, the message,
every option of the rule's kind with this rule's value, the kind's default and the source of
each threshold, and the phrase lists.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from seolint.rules.kinds.options import REQUIRED, Option
from seolint.rules.load import Rule, load_pack
from seolint.rules.locate import builtin_dir, pack_files

MADE = "<!-- Made by `python -m seolint.rules.docs` from "
EXAMPLE_LABELS = ("Bad:", "Good:")


def split_description(rule: Rule) -> tuple[str, list[tuple[str, str]]]:
    """The description without its examples, and the examples as (label, text) pairs."""
    why: list[str] = []
    examples: list[tuple[str, str]] = []
    for line in rule.description.strip().splitlines():
        label = next((x for x in EXAMPLE_LABELS if line.lstrip().startswith(x)), None)
        if label:
            examples.append((label[:-1], line.lstrip()[len(label) :].strip()))
        elif examples and line.strip():
            examples[-1] = (examples[-1][0], f"{examples[-1][1]} {line.strip()}")
        else:
            why.append(line)
    return "\n".join(why).strip() or rule.message, examples


def _first_sentence(text: str) -> str:
    first = " ".join(text.split()).split(". ", 1)[0]
    return first if first.endswith((".", "?", "!")) else first + "."


def options(rule: Rule) -> list[tuple[str, object, object, str, str]]:
    """Each option of the rule's kind: name, this rule's value, the kind's default, what it
    does and where the value comes from."""
    rows = []
    for name, spec in type(rule.checker).options_for(rule.options).items():
        value = rule.options.get(name, spec.default)
        source = rule.sources.get(name, "")
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not source and number and name not in rule.options:
            source = "the kind's default"
        rows.append((name, value, spec.default, spec.help, source))
    return rows


def option_lines(rule: Rule) -> list[str]:
    """The options for ``seolint explain``: value, default, what it does, its source."""
    out = ["", "Options (this rule's value; the kind's default):"]
    for name, value, default, help_text, source in options(rule):
        line = f"  {name}: {shown(value, True)}  (default: {shown(default, True)})"
        out.append(line + (f"  {help_text}" if help_text else ""))
        if source:
            out.append(f"      source: {source}")
    return out if len(out) > 2 else []


def shown(value: object, whole: bool = False) -> str:
    """An option value as YAML-like text; a list or mapping as a count, unless ``whole``."""
    if value is REQUIRED:
        return "(required)"
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)) and not (whole and len(value) <= 3):
        return f"{len(value)} entries" + ("" if whole else " (below)") if value else "(empty)"
    return str(value)


def code(text: str) -> str:
    """Text as an inline code span, whatever backticks it holds."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def page(rule: Rule, source: str) -> str:
    """The Markdown page of one rule; ``source`` names its pack file."""
    why, examples = split_description(rule)
    kind = rule.kind + (f" ({rule.options['check']})" if "check" in rule.options else "")
    fixable = f"yes ({rule.checker.fix})" if rule.checker.fix else "no"
    lines = [
        f"{MADE}{source}: edit the YAML, not this page. -->",
        "",
        f"# {rule.id}",
        "",
        _first_sentence(why),
        "",
        "| category | severity | kind | scope | fixable |",
        "|---|---|---|---|---|",
        f"| {rule.category} | {rule.severity} | {cell(kind)} | {rule.checker.scope or 'document'} | {fixable} |",
        "",
        "## Why",
        "",
        why,
        "",
        "## Examples",
        "",
    ]
    for label, text in examples or [("Bad", "(none given)"), ("Good", "(none given)")]:
        lines.append(f"- **{label}**: {text}")
    lines += ["", "## Message", "", code(rule.message), ""]
    rows = options(rule)
    if rows:
        lines += [
            "## Options",
            "",
            "| option | this rule | default | what it does | source of the value |",
            "|---|---|---|---|---|",
        ]
        for name, value, default, help_text, where in rows:
            lines.append(
                f"| `{name}` | {cell(shown(value))} | {cell(shown(default))} | {cell(help_text)} | {cell(where)} |"
            )
        lines.append("")
    lines += _phrases(rule)
    settable = [n for n, v, *_ in rows if isinstance(v, (int, float)) and not isinstance(v, bool)]
    example = ", ".join(f"{n}: {rule.options.get(n, v)}" for n, v, *_ in rows if n in settable)
    lines += [
        "## Configuration",
        "",
        "```yaml",
        "# .seolint.yaml",
        "rules:",
        f"  {rule.id}: {{{example + ', ' if example else ''}severity: {rule.severity}}}",
        "```",
        "",
        f"These are the rule's own values. To turn it off: `ignore: [{rule.id}]` in the",
        f"configuration, `--ignore {rule.id}` on the command line, or",
        f"`<!-- seolint-disable-next-line {rule.id} -->` above a line. Defined in `{source}`.",
        "",
    ]
    return "\n".join(lines)


def _phrases(rule: Rule) -> list[str]:
    """The rule's lists and mappings (phrases, patterns, replacements, weights...), in full."""
    out: list[str] = []
    for name in type(rule.checker).options_for(rule.options):
        values = rule.options.get(name)
        if isinstance(values, list) and values:
            out += [f"### {name}", ""] + [f"- {code(str(v))}" for v in values] + [""]
        elif isinstance(values, dict) and values:
            out += [f"### {name}", "", "| entry | value |", "|---|---|"]
            out += [f"| {cell(code(str(k)))} | {cell(code(str(v)))} |" for k, v in values.items()]
            out.append("")
    return ["## Phrases and lists", "", *out] if out else []


def hover(rule: Rule) -> str:
    """A rule's explanation in Markdown, for an editor's hover over one of its findings."""
    why, examples = split_description(rule)
    lines = [f"**{rule.id}** ({rule.category}, {rule.severity})", "", why]
    if examples:
        lines += ["", *(f"- **{label}**: {text}" for label, text in examples)]
    if rule.url:
        lines += ["", f"[Rule page]({rule.url}) · `seolint explain {rule.id}`"]
    return "\n".join(lines)


def index(rules: list[tuple[Rule, str]]) -> str:
    """The rules reference: one row per rule, by category."""
    lines = [
        f"{MADE}the rule packs: edit the YAML, not this page. -->",
        "",
        "# Rules",
        "",
        "One page per rule, made from its YAML. `seolint rules` lists the rules in force and",
        "`seolint explain ID` prints a rule's page in the terminal. The kinds rules are made of,",
        "with their options and defaults: [kinds.md](kinds.md).",
        "",
        "| rule | category | severity | fixable | summary |",
        "|---|---|---|---|---|",
    ]
    for rule, _ in sorted(rules, key=lambda item: (item[0].category, item[0].id)):
        fix = "yes" if rule.checker.fix else ""
        lines.append(
            f"| [{rule.id}]({rule.id}.md) | {rule.category} | {rule.severity} | {fix} | {cell(rule.summary)} |"
        )
    return "\n".join(lines) + "\n"


def kinds_page() -> str:
    """Every rule kind: what it checks, its options with defaults, scopes, fixes and
    placeholders, and its named checks with theirs (from the kinds' own declarations and
    docstrings, so a new kind or check is listed as it lands)."""
    from seolint.rules.kinds import KINDS

    lines = [
        f"{MADE}seolint/kinds: edit the kinds, not this page. -->",
        "",
        "# Rule kinds",
        "",
        "A rule's `kind` decides what it checks and which options it takes; see",
        "[docs/writing-rules.md](../writing-rules.md) for the pack format.",
        "",
    ]
    for name in sorted(KINDS):
        kind = KINDS[name]
        lines += [f"## {name}", "", summary(kind), ""]
        lines += _option_table(kind.options)
        facts = [
            ("Scopes", kind.scopes, kind.default_scope),
            ("Fixes", kind.fixes, None),
            ("Placeholders", tuple("{" + p + "}" for p in sorted(kind.placeholders)), None),
        ]
        for label, values, default in facts:
            if values:
                text = ", ".join(f"`{v}`" for v in values)
                lines.append(f"- {label}: {text}" + (f" (default `{default}`)" if default else ""))
        lines.append("")
        for check in kind.checks.values():
            lines += [f"### {name} `{kind.check_option}: {check.name}`", "", summary(check.run), ""]
            lines += _option_table(check.options)
    return "\n".join(lines)


def summary(thing: object) -> str:
    """The first paragraph of a kind's or a check's docstring, as one line."""
    text = " ".join((thing.__doc__ or "").split("\n\n")[0].split())
    return text[:1].upper() + text[1:]


def _option_table(specs: dict[str, Option]) -> list[str]:
    if not specs:
        return []
    lines = ["| option | default | allowed | what it does |", "|---|---|---|---|"]
    for option, spec in specs.items():
        allowed = ", ".join(spec.choices) if spec.choices else ""
        lines.append(
            f"| `{option}` | {cell(shown(spec.default, True))} | {cell(allowed)} | {cell(spec.help)} |"
        )
    return [*lines, ""]


def pages(folders: list[Path]) -> dict[str, str]:
    """File name -> Markdown for every rule of the folders' packs, and the index."""
    rules: list[tuple[Rule, str]] = []
    for folder in folders:
        for path in pack_files(folder):
            source = (
                f"{folder.name}/{path.name}" if folder != builtin_dir() else f"rules/{path.name}"
            )
            rules.extend((rule, source) for rule in load_pack(path))
    out = {f"{rule.id}.md": page(rule, source) for rule, source in rules}
    out["README.md"] = index(rules)
    out["kinds.md"] = kinds_page()
    return out


def stale(folder: Path, wanted: dict[str, str]) -> list[str]:
    """Pages in a folder that differ from what they should be, are missing, or were made
    here for a rule that is gone (other files are left alone)."""
    have = {p.name for p in folder.glob("*.md") if _made(p)} if folder.is_dir() else set()
    wrong = [
        name
        for name, text in wanted.items()
        if name not in have or (folder / name).read_text(encoding="utf-8") != text
    ]
    return sorted(wrong + [name for name in have if name not in wanted])


def _made(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.read(len(MADE)) == MADE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seolint.rules.docs", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/rules"), help="the pages' folder")
    parser.add_argument(
        "--rules-dir", type=Path, action="append", help="rule folder (default: the built-ins)"
    )
    parser.add_argument("--check", action="store_true", help="only list out-of-date pages")
    args = parser.parse_args(argv)
    from seolint.errors import SeolintError

    try:
        wanted = pages(args.rules_dir or [builtin_dir()])
    except SeolintError as exc:
        print(f"seolint: {exc}", file=sys.stderr)
        return 2
    wrong = stale(args.out, wanted)
    if args.check:
        for name in wrong:
            print(f"{args.out / name}: out of date (run python -m seolint.rules.docs)")
        return 1 if wrong else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in wrong:
        if name in wanted:
            (args.out / name).write_text(wanted[name], encoding="utf-8")
        else:
            (args.out / name).unlink()
    print(f"{len(wrong)} of {len(wanted)} pages written or removed in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
