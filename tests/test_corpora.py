"""The two promises, measured on real articles: quiet on journalism, loud on a content farm.

Skipped when the shared corpora are not on this machine.
"""

from __future__ import annotations

import importlib.util

from conftest import ROOT, corpus


def _evaluate(folder):
    spec = importlib.util.spec_from_file_location("corpus_eval", ROOT / "bench" / "corpus_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate(str(folder))


def test_bbc_news_stays_quiet():
    result = _evaluate(corpus("bbc_news_human"))
    assert result["files"] == 1824
    assert result["clean_pct"] >= 90.0, result
    assert result["mean_findings"] < 2.0, result


def test_content_farm_is_loud():
    folder = corpus("hashnhedge_ai_contentfarm") / "posts"
    result = _evaluate(folder)
    assert result["files"] >= 170
    assert result["loud_pct"] >= 90.0, result
