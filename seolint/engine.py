"""Lint one document: run the rules, place findings, honour inline controls."""

from __future__ import annotations

from seolint.controls import Controls, unknown_names
from seolint.diagnostics import Diagnostic, Finding
from seolint.document import Document
from seolint.kinds.base import Context
from seolint.rules import Rule
from seolint.ruleset import RuleSet

UNKNOWN_RULE = "unknown-rule-name"


def lint(doc: Document, ruleset: RuleSet, rules: list[Rule]) -> list[Diagnostic]:
    """Diagnostics for a document, sorted by position."""
    config = ruleset.config
    ctx = Context(focus_keyword=config.focus_keyword, site_url=config.site_url)
    controls = Controls(doc)
    out: list[Diagnostic] = []
    for rule in rules:
        for finding in rule.checker.check(doc, ctx):
            diag = _place(doc, rule, finding)
            if not controls.suppressed(rule.id, rule.category, diag.line):
                out.append(diag)
    for comment, name in unknown_names(doc, ruleset.known):
        line, col = doc.position(comment.start)
        end_line, end_col = doc.position(comment.end)
        message = f"unknown rule or category {name!r} in a seolint comment"
        out.append(
            Diagnostic(
                doc.path, line, col, end_line, end_col, UNKNOWN_RULE, "seolint", "warning", message
            )
        )
    out.sort(key=lambda d: d.sort_key)
    return out


def _place(doc: Document, rule: Rule, finding: Finding) -> Diagnostic:
    line, col = doc.position(finding.start)
    end_line, end_col = doc.position(max(finding.end, finding.start))
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
    )
