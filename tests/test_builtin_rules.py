"""Every built-in rule fires on a small article written to break it (in process, but the
rules across files, which need a run over several files)."""

from __future__ import annotations

import pytest
from conftest import findings, run_seolint
from rule_tester import lint, rule_ids

HEAD = "# Central bank holds interest rates steady\n\n"
SAID = "The governor said rates would stay at 4%, according to a statement.\n\n"

# rule id -> (file name, article text, line of the expected finding)
CASES = {
    "source-link-line": ("a.md", HEAD + SAID + "Source link\n", 5),
    "read-more-line": ("a.md", HEAD + SAID + "Read more\n", 5),
    "appeared-first-on": (
        "a.md",
        HEAD + SAID + "The post Rates hold appeared first on Daily Coin.\n",
        5,
    ),
    "automation-notice": (
        "a.md",
        HEAD + SAID + "*Automated curation. Verify details with the original source.*\n",
        5,
    ),
    "prompt-leftover": ("a.md", HEAD + "Here's the news brief: rates held, the bank said.\n", 3),
    "mojibake": ("a.md", HEAD + "The bankâ€™s governor said rates held.\n", 3),
    "vague-attribution": (
        "a.md",
        HEAD + "Analysts have suggested rates may fall, the bank said.\n",
        3,
    ),
    "no-source": ("a.md", HEAD + "Rates held at 4%. Markets were calm.\n", 1),
    "template-heading": (
        "a.md",
        HEAD + SAID + "## Key Takeaways\n\nRates held, the bank said.\n",
        5,
    ),
    "recap-paragraph": ("a.md", HEAD + SAID + "In summary, rates held, the bank said.\n", 5),
    "cliche": ("a.md", HEAD + "It is a game changer, the governor said.\n", 3),
    "generated-phrase": ("a.md", HEAD + "Only time will tell, the governor said.\n", 3),
    "dangling-lede": ("a.md", HEAD + "However, rates held, the bank said.\n", 3),
    "cut-off-start": ("a.md", HEAD + "and rates held, the bank said.\n", 3),
    "cut-off-end": ("a.md", HEAD + "Rates held, the bank said. It will meet again in the\n", 3),
    "stock-transition": ("a.md", HEAD + "Moving forward, rates will stay put, the bank said.\n", 3),
    "filler-phrase": ("a.md", HEAD + SAID + "Stay tuned for more.\n", 5),
    "seo-keywords-section": ("a.md", HEAD + SAID + "## Keywords\n\nrates, bank\n", 5),
    "seo-talk": ("a.md", HEAD + SAID + "This article uses the focus keyword rates.\n", 5),
    "keyword-density": (
        "k.md",
        "---\ntitle: Rates hold\nfocus_keyword: inflation\n---\n\n"
        + "Rates held, the bank said. " * 40
        + "\n",
        2,
    ),
    "keyword-stuffing": (
        "k.md",
        "---\ntitle: Rates hold\nfocus_keyword: rates\n---\n\n"
        + "Rates held, the bank said. " * 40
        + "\n",
        6,
    ),
    "keyword-in-title": (
        "k.md",
        "---\ntitle: Bank decision\nfocus_keyword: rates\n---\n\nRates held, the bank said.\n",
        2,
    ),
    "keyword-in-first-paragraph": (
        "k.md",
        "---\ntitle: Rates hold\nfocus_keyword: rates\n---\n\nThe bank said no.\n\nRates held.\n",
        6,
    ),
    "keyword-in-subheading": (
        "k.md",
        "---\ntitle: Rates hold\nfocus_keyword: rates\n---\n\nRates held, it said.\n\n## Reaction\n\nCalm.\n",
        8,
    ),
    "keyword-in-description": (
        "k.md",
        "---\ntitle: Rates hold\ndescription: The bank decided.\nfocus_keyword: rates\n---\n\nRates held, it said.\n",
        3,
    ),
    "keyword-description-repeated": (
        "k.md",
        "---\ntitle: Rates hold\ndescription: Rates held. Rates rose. Rates fell.\nfocus_keyword: rates\n---\n\nRates held.\n",
        3,
    ),
    "keyphrase-length": (
        "k.md",
        "---\nfocus_keyword: bank rates held steady today\n---\n\nRates held.\n",
        2,
    ),
    "keyword-in-slug": (
        "k.md",
        "---\nslug: story-1\nfocus_keyword: rates\n---\n\nRates held.\n",
        2,
    ),
    "keyword-in-alt": (
        "k.md",
        "---\nfocus_keyword: rates\n---\n\n![The governor](g.jpg)\n\nRates held.\n",
        5,
    ),
    "competing-link": (
        "k.md",
        "---\nfocus_keyword: rates\n---\n\nSee [rates](https://a.org/r).\n",
        5,
    ),
    "subheading-distribution": ("a.md", HEAD + "Rates held, it said. " * 160 + "\n", 1),
    "author-missing": ("m.md", "---\ntitle: Rates hold\n---\n\nRates held.\n", 1),
    "author-implausible": ("m.md", "---\nauthor: admin\n---\n\nRates held.\n", 2),
    "date-missing": ("m.md", "---\ntitle: Rates hold\n---\n\nRates held.\n", 1),
    "date-invalid": ("m.md", "---\ndate: 'May 5'\n---\n\nRates held.\n", 2),
    "date-timezone": ("m.md", "---\ndate: '2024-05-05'\n---\n\nRates held.\n", 2),
    "date-in-future": ("m.md", "---\ndate: 2999-05-05T00:00:00Z\n---\n\nRates held.\n", 2),
    "updated-before-published": (
        "m.md",
        "---\ndate: 2024-05-05T00:00:00Z\nupdated: 2024-05-04T00:00:00Z\n---\n\nRates held.\n",
        3,
    ),
    "lead-image-missing": ("m.md", "---\ntitle: Rates hold\n---\n\nRates held.\n", 1),
    "lead-image-too-narrow": (
        "m.md",
        "---\nimage: a.jpg\nimage_width: 640\n---\n\nRates held.\n",
        3,
    ),
    "lead-image-format": ("m.md", "---\nimage: /img/chart.svg\n---\n\nRates held.\n", 2),
    "image-alt-missing": ("a.md", HEAD + SAID + "![](a.jpg)\n", 5),
    "image-alt-length": ("a.md", HEAD + SAID + "![Map](a.jpg)\n", 5),
    "image-alt-repeated": ("a.md", HEAD + SAID + "![A map](a.jpg)\n\n![A map](b.jpg)\n", 7),
    "no-outbound-link": ("m.md", "---\ntitle: Rates hold\n---\n\nRates held.\n", 2),
    "vague-link-text": ("a.md", HEAD + "Rates held, [here](https://a.org/r).\n", 3),
    "meta-description-length": (
        "d.md",
        "---\ntitle: Rates hold steady again\ndescription: Too short.\n---\n\nRates held, it said.\n",
        3,
    ),
    "meta-description-missing": (
        "d.md",
        "---\ntitle: Rates hold steady again\n---\n\nRates held, it said.\n",
        1,
    ),
    "front-matter-invalid": ("d.md", "---\ntitle: [Rates\n---\n\nRates held, it said.\n", 3),
    "title-length": ("a.md", "# Rates\n\n" + SAID, 1),
    "thin-content": ("a.md", HEAD + SAID, 1),
    "fragment": ("a.md", HEAD + SAID, 1),
    "missing-headline": (
        "a.txt",
        "Rates held at 4% on Tuesday, the bank said.\nMarkets were calm.\n",
        1,
    ),
    "first-heading-level": ("a.md", "Rates held, the bank said.\n\n### Reaction\n\nCalm.\n", 3),
    "skipped-heading-level": ("a.md", HEAD + SAID + "#### Reaction\n\nCalm.\n", 5),
    "multiple-h1": ("a.md", HEAD + SAID + "# Reaction\n\nCalm.\n", 5),
    "duplicate-heading": (
        "a.md",
        HEAD + "## Reaction\n\nCalm, it said.\n\n## Reaction\n\nCalm.\n",
        7,
    ),
    "empty-section": ("a.md", HEAD + SAID + "## Reaction\n\n## Outlook\n\nCalm.\n", 5),
    "heading-too-long": ("a.md", HEAD + SAID + "## " + "Reaction " * 10 + "\n\nCalm.\n", 5),
    "heading-punctuation": ("a.md", HEAD + SAID + "## Reaction.\n\nCalm.\n", 5),
    "flesch-reading-ease": (
        "a.md",
        HEAD
        + "Notwithstanding considerable institutional uncertainty, the governor emphasised macroeconomic considerations, the organisation said. "
        * 20  # 200 words: shorter articles are not scored
        + "\n",
        1,
    ),
    "long-sentences": (
        "a.md",
        HEAD
        + (
            "The governor said that rates would stay where they are for now because inflation is still well above the target the bank set itself two years ago. "
            * 8
        )
        + "\n",
        1,
    ),
    "sentence-too-long": ("a.md", HEAD + "The governor said " + "and rates " * 30 + "held.\n", 3),
    "paragraph-too-long": ("a.md", HEAD + "The governor said rates held. " * 60 + "\n", 3),
    "repeated-opener": ("a.md", HEAD + "Rates held, it said. Rates rose. Rates fell.\n", 3),
    "overused-word": (
        "a.md",
        HEAD + "Prices rose, the bank said. " + "Food prices and fuel prices rose. " * 5 + "\n",
        3,
    ),
    "wordy-phrase": ("a.md", HEAD + "Amidst the noise, rates held, the bank said.\n", 3),
    "anonymous-source": ("a.md", HEAD + "Experts warn rates may rise. Insiders say so.\n", 3),
    "placeholder-source": (
        "a.md",
        HEAD + '"Rates will hold," said Jane Doe, a bank spokesperson.\n',
        3,
    ),
    "recap-close": ("a.md", HEAD + SAID + "Overall, rates held.\n", 5),
    "sermonising": ("a.md", HEAD + SAID + "It is essential for savers to stay calm.\n", 5),
    "speculation": ("a.md", HEAD + SAID + "It seems that savers are calm.\n", 5),
    "template-label": ("a.md", HEAD + "Date: 5 May\n\n" + SAID, 3),
    "page-furniture": ("a.md", HEAD + "Image copyright Getty Images\n\n" + SAID, 3),
    "ai-vocabulary": (
        "a.md",
        HEAD
        + "This crucial and comprehensive plan underscores the evolving landscape. " * 3
        + "The council met on Tuesday and voted on the road budget for next year. " * 8
        + "\n",
        3,
    ),
    "puffery": (
        "a.md",
        HEAD
        + "The iconic, beloved governor gave a truly heartfelt speech. " * 3
        + "The council met on Tuesday and voted on the road budget for next year. " * 8
        + "\n",
        3,
    ),
    # The score alone sees only its measures: paragraphs and sentences of one length.
    "content-farm-score": (
        "a.md",
        HEAD
        + "The bank held its rates on Tuesday after a long meeting. " * 3 * 1
        + ("\n\n" + "The bank held its rates on Tuesday after a long meeting. " * 3) * 5
        + "\n",
        1,
    ),
}


# Rules across files: (front-matter field, value) that two files share, line of the field.
SITE_CASES = {
    "duplicate-title": ("title", "Rates hold steady", 2),
    "duplicate-description": ("description", "The bank held its rates.", 2),
    "duplicate-slug": ("slug", "rates-hold", 2),
    "keyphrase-cannibalisation": ("focus_keyword", "interest rates", 2),
}


def test_every_builtin_rule_has_a_case():
    assert set(rule_ids()) == set(CASES) | set(SITE_CASES)


@pytest.fixture(scope="module")
def site_findings(tmp_path_factory) -> list[dict]:
    """One `seolint check --select site` over a folder per site rule, in which two files
    share the rule's field (the other site rules have nothing to compare there)."""
    top = tmp_path_factory.mktemp("site")
    for rule, (field, value, _line) in SITE_CASES.items():
        for name in ("a.md", "b.md"):
            path = top / rule / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"---\n{field}: {value}\n---\n\nRates held.\n", "utf-8")
    proc = run_seolint("check", "--format", "json", "--select", "site", *SITE_CASES, cwd=top)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    return findings(proc)


@pytest.mark.parametrize("rule", sorted(SITE_CASES))
def test_builtin_site_rule_fires(site_findings, rule):
    line = SITE_CASES[rule][2]
    got = [(f["rule"], f["path"], f["line"]) for f in site_findings if f["path"].startswith(rule)]
    assert got == [(rule, f"{rule}/a.md", line), (rule, f"{rule}/b.md", line)], site_findings


@pytest.mark.parametrize("rule", sorted(CASES))
def test_builtin_rule_fires(rule):
    name, text, line = CASES[rule]
    got = [(f.rule, f.line) for f in lint(text, rule, path=name)]
    assert (rule, line) in got, got
