"""The article model as users see it: sentence, paragraph and headline boundaries in findings."""

from __future__ import annotations

import textwrap

import pytest
from conftest import SEED

import seolint

SPANS = """\
category: probe
rules:
  - {id: each-sentence, kind: metric, metric: sentence-words, max: 0, message: "{value}"}
  - {id: each-paragraph, kind: metric, metric: paragraph-words, max: 0, message: "{value}"}
  - {id: headline, kind: metric, metric: title-length, max: 0, message: "{value}"}
"""


def probe(tmp_path, text: str, name: str = "a.md") -> dict[str, list[str]]:
    """The text of every sentence, paragraph and headline seolint sees (in process, through
    the Python API with a probe rule pack)."""
    folder = tmp_path / f"probe{len(list(tmp_path.glob('probe*')))}"
    folder.mkdir()
    (folder / "probe.yaml").write_text(SPANS, encoding="utf-8")
    linter = seolint.Linter(rule_dirs=[folder], select=["probe"])
    found = [f.to_dict() for f in linter.lint_text(text, tmp_path / name)]
    lines = text.splitlines()
    out: dict[str, list[str]] = {"each-sentence": [], "each-paragraph": [], "headline": []}
    for f in found:
        if f["line"] == f["end_line"]:
            span = lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
        else:
            span = "\n".join(lines[f["line"] - 1 : f["end_line"]])
        out[f["rule"]].append(span)
    return out


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The U.S. economy grew 3.5% in Jan. last year. Mr. Smith said so.",
            ["The U.S. economy grew 3.5% in Jan. last year.", "Mr. Smith said so."],
        ),
        (
            "Shares rose in the U.S. The dollar fell.",
            ["Shares rose in the U.S.", "The dollar fell."],
        ),
        (
            "J. K. Rowling spoke. Dr. No left at 5 p.m. yesterday.",
            ["J. K. Rowling spoke.", "Dr. No left at 5 p.m. yesterday."],
        ),
        (
            '"We won," he said. "It was hard." Then he left!',
            ['"We won," he said.', '"It was hard."', "Then he left!"],
        ),
        (
            "Prices rose by 1.25 points. Is that bad? Nobody knows...",
            ["Prices rose by 1.25 points.", "Is that bad?", "Nobody knows..."],
        ),
    ],
)
def test_sentence_splitting_survives_news_text(tmp_path, text, sentences):
    got = probe(tmp_path, f"Headline for the test\n\n{text}\n", "a.txt")
    assert got["each-sentence"] == sentences


def test_seed_one_paragraph_per_line(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    got = probe(tmp_path, text, "seed.txt")
    body_lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert got["each-paragraph"] == body_lines
    assert got["headline"] == []


def test_hard_wrapped_markdown_paragraph_stays_one(tmp_path):
    text = "# A headline for it\n\nThe minister said the plan would\ncost more than expected. It is late.\n"
    got = probe(tmp_path, text)
    assert got["each-paragraph"] == [
        "The minister said the plan would\ncost more than expected. It is late."
    ]
    assert got["headline"] == ["A headline for it"]


def test_plain_text_headline_first_line(tmp_path):
    got = probe(tmp_path, "Could rivalry overshadow election?\n\nTony Blair said no.\n", "a.txt")
    assert got["headline"] == ["Could rivalry overshadow election?"]
    assert got["each-paragraph"] == ["Tony Blair said no."]


def test_front_matter_title_and_markup_is_not_prose(tmp_path):
    text = textwrap.dedent(
        """\
        ---
        title: "Oil slides again"
        ---

        Oil fell `code here` and [the report](https://example.org/x.y) said so.

        ```
        Not. Prose. At. All.
        ```

        <!-- a comment. With sentences. -->
        """
    )
    got = probe(tmp_path, text)
    assert got["headline"] == ["Oil slides again"]
    assert got["each-sentence"] == [
        "Oil fell `code here` and [the report](https://example.org/x.y) said so."
    ]
    assert len(got["each-paragraph"]) == 1


def test_quotes_and_lists_are_paragraphs(tmp_path):
    text = (
        "# Head line here\n\n> He said it was over.\n\n- First point made.\n- Second point made.\n"
    )
    got = probe(tmp_path, text)
    assert len(got["each-paragraph"]) == 3
    assert got["each-sentence"][0] == "He said it was over."


def test_heading_inside_a_quote_is_not_the_headline(tmp_path):
    got = probe(tmp_path, "> # Quoted heading\n\nBody text said here.\n")
    assert got["headline"] == []
