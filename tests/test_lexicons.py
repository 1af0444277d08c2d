"""Every entry of the detection lists is earned by the counts in bench/lexicons (see its
README), and the committed table lists exactly the entries the rules have."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from phrase_counts import entries  # noqa: E402

from seolint.rules.load import load_folder  # noqa: E402
from seolint.rules.locate import builtin_dir  # noqa: E402

LEXICONS = ROOT / "bench" / "lexicons"
SIZES = {"bbc": 1824, "llm": 1498, "posts": 173, "briefs": 2352}
EARNED = (
    "anonymous-source",
    "placeholder-source",
    "recap-close",
    "sermonising",
    "dangling-lede",
    "cut-off-start",
    "cut-off-end",
    "prompt-leftover",
    "template-label",
    "page-furniture",
    "speculation",
)
STRICT = ("generated-phrase",)
# Entries kept unearned because the seed was made to show them (the design card's vague
# attribution); corroborated, so alone in journalism they are info. Each must hold in the seed.
SEED_KEPT = {
    ("vague-attribution", r"\breports (?:indicate|suggest|show|claim)\b"),
    ("vague-attribution", r"\b(?:is|are) (?:widely |generally )?believed to\b"),
    (
        "vague-attribution",
        r"\b(?:observers|commentators|analysts|experts) are (?:keenly |well |acutely "
        r"|increasingly )?(?:aware|concerned|watching)\b",
    ),
}


def _table() -> dict[tuple[str, str], dict[str, int]]:
    lines = (LEXICONS / "phrases.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[1].split("\t")
    table = {}
    for line in lines[2:]:
        cells = line.split("\t")
        counts = dict(zip(header[2:-1], map(int, cells[2:-1]), strict=True))
        table[(cells[0], cells[-1])] = counts
    return table


def _rate(counts: dict[str, int]) -> tuple[int, float]:
    generated = counts["llm"] + counts["posts"] + counts["briefs"]
    best = max(counts[k] / SIZES[k] for k in ("llm", "posts", "briefs"))
    return generated, best / max(counts["bbc"] / SIZES["bbc"], 1e-9)


def _rule_entries() -> dict[str, list[str]]:
    import yaml

    out = {}
    for pack in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"]:
            out[rule["id"]] = [pattern for _, pattern in entries(rule)]
    return out


def test_the_table_lists_exactly_the_rules_entries():
    table = _table()
    rules = _rule_entries()
    assert {(r, p) for r, ps in rules.items() for p in ps} == set(table)
    assert {r.id for r in load_folder(builtin_dir())} >= set(EARNED + STRICT)


def test_each_detection_entry_is_earned_by_its_counts():
    table = _table()
    for rule, patterns in _rule_entries().items():
        if rule not in EARNED + STRICT:
            continue
        for pattern in patterns:
            if (rule, pattern) in SEED_KEPT:
                assert table[(rule, pattern)]["seed"] == 1, pattern
                continue
            generated, ratio = _rate(table[(rule, pattern)])
            need = (15, 20.0) if rule in STRICT else (3, 3.0)
            assert generated >= need[0] and ratio >= need[1], (rule, pattern, generated, ratio)


def test_each_lexicon_word_is_earned_by_its_log_odds():
    """The words of every lexicon-rate family (ai-vocabulary, puffery)."""
    rows = (LEXICONS / "log-odds.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    table = {row.split("\t")[0]: dict(zip(header, row.split("\t"), strict=True)) for row in rows}
    families = [r for r in load_folder(builtin_dir()) if r.kind == "lexicon-rate"]
    assert {r.id for r in families} >= {"ai-vocabulary", "puffery"}
    for rule in families:
        for word in rule.options["words"]:
            row = table[word]
            bbc = float(row["bbc_rate"])
            assert any(
                float(row[f"z_{s}"]) >= 3 and float(row[f"rate_{s}"]) >= 3 * bbc
                for s in ("llm", "briefs")
            ), (rule.id, word, row)
