"""Rule pages (docs/rules/), rule URLs in SARIF, and ``seolint explain``'s options."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SEED, assert_one_line_error, run_seolint

from seolint.rules import docs as ruledocs
from seolint.rules.load import load_folder
from seolint.rules.locate import RULE_URL, builtin_dir

DOCS = ROOT / "docs" / "rules"

HOUSE = """\
category: house
url: "https://wiki.example.org/style/{id}"
rules:
  - id: no-amidst
    kind: substitution
    severity: info
    message: "\\"{match}\\": write \\"{replacement}\\""
    description: |
      House style prefers the shorter word.
      Bad:  "amidst the talks"
      Good: "amid the talks"
    swap: {amidst: amid, "whilst": "while"}
  - id: short-intro
    kind: metric
    metric: paragraph-words
    max: 40
    sources: {max: "the house style guide, section 3"}
    message: "Paragraph of {value} words (limit {limit})"
    description: Intros are short.
"""


def test_committed_pages_match_the_rule_packs():
    """Change a rule's YAML, then run `python -m seolint.rules.docs` and commit docs/rules/."""
    assert ruledocs.stale(DOCS, ruledocs.pages([builtin_dir()])) == []
    from seolint.rules.kinds import KINDS

    kinds = (DOCS / "kinds.md").read_text(encoding="utf-8")
    for name, kind in KINDS.items():
        assert f"## {name}\n" in kinds and all(f"| `{o}` |" in kinds for o in kind.options)


def test_every_builtin_rule_has_examples_and_sources_for_its_thresholds():
    for rule in load_folder(builtin_dir()):
        why, examples = ruledocs.split_description(rule)
        labels = [label for label, _ in examples]
        assert "Bad" in labels and "Good" in labels, rule.id
        numbers = {
            name
            for name, value in rule.options.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool)
        }
        assert numbers <= set(rule.sources), (rule.id, numbers - set(rule.sources))
        assert rule.url == RULE_URL.replace("{id}", rule.id)
        page = (DOCS / f"{rule.id}.md").read_text(encoding="utf-8")
        for source in rule.sources.values():
            assert source.replace("|", "\\|") in page, (rule.id, source)
        assert why.split()[0] in page and "## Options" in page


def test_a_new_rule_pack_gets_pages(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "house.yaml").write_text(HOUSE, encoding="utf-8")
    out = tmp_path / "pages"
    out.mkdir()
    (out / "notes.md").write_text("not made here\n", encoding="utf-8")
    args = ["--rules-dir", str(pack), "--out", str(out)]
    assert ruledocs.main([*args, "--check"]) == 1
    assert ruledocs.main(args) == 0
    assert ruledocs.main([*args, "--check"]) == 0
    page = (out / "no-amidst.md").read_text(encoding="utf-8")
    assert '- **Bad**: "amidst the talks"' in page and "| `whilst` | `while` |" in page
    assert "### swap" in page and "## Phrases and lists" in page
    assert "House style prefers the shorter word." in page
    short = (out / "short-intro.md").read_text(encoding="utf-8")
    assert "| `max` | 40 | (none) |" in short and "the house style guide, section 3" in short
    assert "short-intro: {max: 40, severity: warning}" in short  # paragraph-words options only
    assert "(none given)" in short  # no examples in its description: the page says so
    (pack / "house.yaml").write_text(HOUSE.split("  - id: short-intro")[0], encoding="utf-8")
    assert ruledocs.main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md",
        "kinds.md",
        "no-amidst.md",
        "notes.md",
    ]
    rules = {r.id: r for r in load_folder(pack)}
    assert rules["no-amidst"].url == "https://wiki.example.org/style/no-amidst"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('url: "https://wiki.example.org/style"\n', "'url' must be text with {id}"),
        ("", "'sources' maps option names"),
    ],
)
def test_bad_url_or_sources_is_a_one_line_error(tmp_path, extra, message):
    text = "category: house\n" + extra + "rules:\n  - id: x\n    kind: metric\n"
    text += "    metric: word-count\n    min: 3\n    message: m\n"
    if not extra:
        text += "    sources: {minimum: somewhere}\n"
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text("# T\n\nText.\n", encoding="utf-8")
    proc = run_seolint("check", "--rules-dir", "house", "a.md", cwd=tmp_path)
    assert_one_line_error(proc, message)
    assert "house/house.yaml:" in proc.stderr


def test_explain_shows_options_defaults_sources_and_the_page():
    proc = run_seolint("explain", "keyword-density")
    assert proc.returncode == 0
    out = proc.stdout
    assert "  min: 0.5  (default: (none))  the lowest density, in %" in out
    assert "  until: 4  (default: (none))" in out
    assert "      source: Yoast: keyphrase density above 3 % is too high" in out
    assert f"Documentation: {RULE_URL.replace('{id}', 'keyword-density')}" in out


def test_sarif_rules_carry_their_help_uri(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(HOUSE, encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_seolint("check", "--format", "sarif", "--rules-dir", "house", "a.md", cwd=tmp_path)
    rules = json.loads(proc.stdout)["runs"][0]["tool"]["driver"]["rules"]
    uris = {r["id"]: r.get("helpUri") for r in rules}
    assert uris["no-amidst"] == "https://wiki.example.org/style/no-amidst"
    assert uris["cliche"] == RULE_URL.replace("{id}", "cliche")
    assert all(uris.values()) and len(uris) > 40
