"""The gate on publishable news with SEO front matter (bench/quiet_corpus.py); the content
farm's posts at the gate are in test_corpora.py, which shares their run. Skipped when the
shared corpora are not on this machine."""

from __future__ import annotations

import json
from collections import defaultdict

from conftest import bench_module, corpus, findings

# The packs of this issue: their findings must not fail good journalism at the gate.
SEO_PACKS = {"seo", "metadata", "links", "site"}


def _failing(found: list[dict]) -> dict[str, set[str]]:
    """Each file that fails the default gate, with the categories of its failing findings."""
    failing: dict[str, set[str]] = defaultdict(set)
    for f in found:
        if f["severity"] != "info":
            failing[f["path"]].add(f["category"])
    return failing


def test_quiet_corpus_passes_the_gate(seolint, tmp_path):
    made = bench_module("quiet_corpus").build(corpus("bbc_news_human"), tmp_path / "quiet")
    assert made > 1700
    proc = seolint("check", "--format", "json", "--no-cache", "quiet")  # the cache: elsewhere
    failing = _failing(findings(proc))
    ours = [path for path, categories in failing.items() if categories & SEO_PACKS]
    assert len(ours) <= made // 100, sorted(ours)[:10]  # at most 1 % fail on these packs
    # Issue 15: at least 95 % pass with every rule (95.0 % today: 86 of 1,734 fail, on
    # readability and detection rules).
    assert len(failing) <= made * 5 // 100, len(failing)


def test_the_quiet_corpus_is_made_by_rule():
    module = bench_module("quiet_corpus")
    text = "Oil giant Shell cuts jobs\n\nShell will cut 400 jobs, the firm said. More follows.\n\nShell said the cuts were needed.\n"
    made = module.article(text)
    head = made.split("---")[1]
    assert 'title: "Oil giant Shell cuts jobs"' in head
    assert 'description: "Shell will cut 400 jobs, the firm said. More follows."' in head
    assert 'focus_keyword: "Shell"' in head
    assert 'slug: "oil-giant-shell-cuts-jobs"' in head
    long = "A " + "very " * 60 + "long lede."
    assert module.description(long).endswith("...") and len(module.description(long)) <= 156
    assert json.dumps(module.slug("Blair's 'new' plan")) == '"blairs-new-plan"'
