"""The seed article: every defect it was created to show is found at its line and column."""

from __future__ import annotations

from conftest import SEED, findings

# (line, column, rule) for each defect the seed shows; see seeds/ and issue 2.
EXPECTED = {
    (1, 1, "missing-headline"),
    (1, 1, "no-source"),
    (2, 1, "first-heading-level"),
    (5, 60, "vague-attribution"),  # Reports indicate
    (6, 26, "vague-attribution"),  # is believed to
    (6, 160, "vague-attribution"),  # various media sources
    (7, 5, "cliche"),  # A New Chapter (heading)
    (8, 262, "vague-attribution"),  # Analysts have suggested
    (10, 190, "vague-attribution"),  # Observers are keenly aware
    (11, 62, "cliche"),  # watching closely
    (15, 5, "template-heading"),  # Future Projections
    (16, 1, "stock-transition"),  # Looking ahead
    (17, 1, "recap-paragraph"),  # In conclusion
    (17, 97, "cliche"),  # a new chapter
    (17, 310, "cliche"),  # the world watches
    (18, 1, "seo-keywords-section"),
    (19, 49, "seo-talk"),  # focus keyword
    (19, 80, "seo-talk"),  # optimize for search engines
    (20, 1, "source-link-line"),
}


def test_seed_has_every_expected_finding(seed_report):
    proc = seed_report("json")
    assert proc.returncode == 1, proc.stderr
    got = {(f["line"], f["column"], f["rule"]) for f in findings(proc)}
    missing = EXPECTED - got
    assert not missing, f"missing findings: {sorted(missing)}"


def test_seed_matches_are_the_phrases(seed_report):
    proc = seed_report("json")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    spans = {
        (f["line"], f["rule"]): lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
        for f in findings(proc)
        if f["line"] == f["end_line"]
    }
    assert spans[(5, "vague-attribution")] == "Reports indicate"
    assert spans[(11, "cliche")] == "watching closely"
    assert spans[(15, "template-heading")] == "Future Projections"
    assert spans[(20, "source-link-line")] == "Source link"


def test_seed_concise_output_is_gnu_style(seed_report):
    proc = seed_report(None)
    first = proc.stdout.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert path.endswith("000_fe45aa818bf3099d.txt")
    assert line.isdigit() and col.isdigit()
    severity, rule, message = rest.strip().split(" ", 2)
    assert severity in {"error", "warning", "info"} and rule and message
    assert "findings" in proc.stderr.splitlines()[-1]
