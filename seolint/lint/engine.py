"""Lint one document: run the rules, place findings, honour inline controls."""

from __future__ import annotations

from collections import Counter

from seolint.lint.controls import Controls, unknown_names
from seolint.model.diagnostics import Diagnostic, Finding
from seolint.model.document import Document
from seolint.rules.kinds.base import Context
from seolint.rules.load import Rule
from seolint.rules.select import UNKNOWN_RULE, RuleSet

UNKNOWN_RULE_DOC = """\
A seolint comment (<!-- seolint-disable ... --> and the like) names something that is
neither a rule id nor a category, so it switches nothing off: usually a typo, or a rule
that was renamed or removed. Correct the name (see 'seolint rules'). The finding is always
on; ignore it with `ignore: [unknown-rule-name]` or --ignore unknown-rule-name, or with
<!-- seolint-disable-file unknown-rule-name -->."""


def lint(doc: Document, ruleset: RuleSet, rules: list[Rule]) -> list[Diagnostic]:
    """Diagnostics for a document, sorted by position."""
    config = ruleset.config
    ctx = Context(focus_keyword=config.focus_keyword, site_url=config.site_url)
    controls = Controls(doc)
    out: list[Diagnostic] = []
    # Rules that score the article run last, on the other rules' finding counts.
    first = [r for r in rules if not r.checker.aggregate]
    scoring = [r for r in rules if r.checker.aggregate] if len(first) < len(rules) else []
    for rule in first:
        for finding in rule.checker.check(doc, ctx):
            _keep(out, doc, rule, finding, controls)
    for rule in scoring:
        ctx.counts = dict(Counter(d.rule for d in out))
        for finding in rule.checker.check(doc, ctx):
            _keep(out, doc, rule, finding, controls)
    out = _corroborated(out, rules, scoring, ctx)
    for comment, name in unknown_names(doc, ruleset.known):
        line, col = doc.position(comment.start)
        if not ruleset.reports_unknown_names(doc.path) or controls.suppressed(
            UNKNOWN_RULE, "seolint", line
        ):
            continue
        end_line, end_col = doc.position(comment.end)
        message = f"{ruleset.unknown(name)} in a seolint comment"
        out.append(
            Diagnostic(
                doc.path, line, col, end_line, end_col, UNKNOWN_RULE, "seolint", "warning", message
            )
        )
    out.sort(key=lambda d: d.sort_key)
    return out


def _keep(
    out: list[Diagnostic], doc: Document, rule: Rule, finding: Finding, controls: Controls
) -> None:
    """Place a finding and keep it, unless a control comment switches it off."""
    diag = _place(doc, rule, finding)
    if not controls.suppressed(rule.id, rule.category, diag.line):
        out.append(diag)


def _corroborated(
    out: list[Diagnostic], rules: list[Rule], scoring: list[Rule], ctx: Context
) -> list[Diagnostic]:
    """Findings of 'corroborate' rules as info when the article's score is under the score
    rules' (``scoring``) ``corroborate`` level: alone, such a signal is a note; with others, a
    warning. Without a score rule in force, every rule keeps its severity."""
    levels = [r.checker.opts["corroborate"] for r in scoring]
    if not out or not levels or ctx.score >= min(levels):
        return out
    alone = {r.id for r in rules if r.corroborate}
    if not alone:
        return out
    return [d.replace(severity="info") if d.rule in alone else d for d in out]


def _place(doc: Document, rule: Rule, finding: Finding) -> Diagnostic:
    line, col = doc.position(finding.start)
    end_line, end_col = doc.position(max(finding.end, finding.start))
    related = tuple((*doc.position(a), *doc.position(max(a, b))) for a, b in finding.related)
    return Diagnostic(
        doc.path,
        line,
        col,
        end_line,
        end_col,
        rule.id,
        rule.category,
        rule.severity,
        finding.message,
        finding.fix,
        related,
        finding.data,
    )
