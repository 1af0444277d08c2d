"""The two promises, measured on real articles: quiet on journalism, loud on a content farm.

Skipped when the shared corpora are not on this machine.
"""

from __future__ import annotations

from conftest import bench_module, corpus
from test_quiet_corpus import _failing


def evaluate(folder, corpus_findings) -> dict:
    """bench/corpus_eval.py's summary of a folder (its run shared with other tests)."""
    return bench_module("corpus_eval").summarise(str(folder), *corpus_findings(folder))


def test_bbc_news_stays_quiet(corpus_findings):
    result = evaluate(corpus("bbc_news_human"), corpus_findings)
    assert result["files"] == 1824
    assert result["clean_pct"] >= 90.0, result
    assert result["mean_findings"] < 2.0, result


def test_content_farm_is_loud(corpus_findings):
    folder = corpus("hashnhedge_ai_contentfarm") / "posts"
    result = evaluate(folder, corpus_findings)
    assert result["files"] >= 170
    assert result["loud_pct"] >= 90.0, result


def test_farm_posts_with_front_matter_still_fail(corpus_findings):
    folder = corpus("hashnhedge_ai_contentfarm") / "posts"
    failing = _failing(corpus_findings(folder)[0])  # the run summarised above
    posts = list(folder.glob("*.md"))
    # 98.3 % failed before issue 15; three stubs whose description is Hugo's `summary` fail
    # on their vector lead image (lead-image-format), one short opinion post passes.
    assert len(failing) >= len(posts) * 98 // 100, sorted(set(map(str, posts)) - set(failing))
