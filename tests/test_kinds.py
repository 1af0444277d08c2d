"""Each rule kind, exercised in process through the Python API with a small rule pack of its
own (as `seolint check --rules-dir` loads one)."""

from __future__ import annotations

import textwrap

import pytest

import seolint


def lint(
    tmp_path, rules_yaml: str, article: str, name: str = "story.md", focus_keyword: str = ""
) -> list[dict]:
    """Only a one-pack rule folder's rules over an article, through the Python API (as
    `check --rules-dir house --select house` would); the findings as JSON objects. Each call
    writes a new folder: the API builds a folder's rules once per process."""
    folder = tmp_path / f"house{len(list(tmp_path.glob('house*')))}"
    folder.mkdir()
    (folder / "house.yaml").write_text(textwrap.dedent(rules_yaml), encoding="utf-8")
    linter = seolint.Linter(rule_dirs=[folder], select=["house"], focus_keyword=focus_keyword)
    return [f.to_dict() for f in linter.lint_text(textwrap.dedent(article), tmp_path / name)]


ARTICLE = """\
    # Markets rally as rates hold

    Shares rose on Tuesday, the exchange said. Traders were cheerful.

    ## Oil prices

    Oil fell amidst talk of a deal. "It is a game changer," one trader said.
    """


def test_existence_finds_phrase_at_exact_column(tmp_path):
    rules = """\
        rules:
          - id: no-cheer
            kind: existence
            message: "Found {match}"
            tokens: [were cheerful]
        """
    got = lint(tmp_path, rules, ARTICLE)
    assert [(f["line"], f["column"], f["end_column"], f["message"]) for f in got] == [
        (3, 52, 65, "Found were cheerful")
    ]


def test_existence_skips_quotes_when_asked(tmp_path):
    rules = """\
        rules:
          - id: no-game
            kind: existence
            message: "{match}"
            in_quotes: {in_quotes}
            tokens: [game changer]
        """
    inside = lint(tmp_path, rules.replace("{in_quotes}", "true"), ARTICLE)
    outside = lint(tmp_path, rules.replace("{in_quotes}", "false"), ARTICLE)
    assert len(inside) == 1 and outside == []


def test_block_quotes_and_quoted_speech_are_quotes(tmp_path):
    rules = """\
        rules:
          - {id: no-game, kind: existence, message: "{match}", in_quotes: false, tokens: [game changer]}
        """
    article = """\
        A game changer, the firm says.

        > A game changer, the minister wrote.

        She called it "a real game changer" and left.

        - a game changer in a list
        """
    got = lint(tmp_path, rules, article)
    assert [f["line"] for f in got] == [1, 7]


@pytest.mark.parametrize(
    ("scope", "expected_lines"),
    [
        ("heading", [1, 5]),
        ("title", [1]),
        ("paragraph", [3, 7]),
        ("first-paragraph", [3]),
        ("last-paragraph", [7]),
    ],
)
def test_existence_scopes(tmp_path, scope, expected_lines):
    rules = f"""\
        rules:
          - id: any-word
            kind: existence
            scope: {scope}
            message: "{{match}}"
            patterns: ["\\\\b(?:Markets|Oil|Shares)\\\\b"]
        """
    got = lint(tmp_path, rules, ARTICLE)
    assert sorted({f["line"] for f in got}) == expected_lines


def test_substitution_suggests_and_keeps_case(tmp_path):
    rules = """\
        rules:
          - id: amid
            kind: substitution
            message: "use {replacement} for {match}"
            swap: {amidst: amid}
        """
    got = lint(tmp_path, rules, ARTICLE + "    Amidst it all, nothing moved.\n")
    assert [(f["line"], f["message"], f["fixable"]) for f in got] == [
        (7, "use amid for amidst", True),
        (8, "use Amid for Amidst", True),
    ]


def test_occurrence_min_and_max(tmp_path):
    rules = """\
        rules:
          - id: needs-data
            kind: occurrence
            message: "{count} of at least {limit}"
            min: 1
            tokens: [per cent]
          - id: too-many-said
            kind: occurrence
            message: "{count} over {limit}"
            max: 1
            tokens: [said]
        """
    got = lint(tmp_path, rules, ARTICLE)
    messages = {f["rule"]: (f["line"], f["message"]) for f in got}
    assert messages["needs-data"] == (1, "0 of at least 1")
    assert messages["too-many-said"] == (7, "2 over 1")


def test_occurrence_in_the_document_counts_hits_in_every_paragraph(tmp_path):
    """Without a maximum, paragraphs are searched in order until ``min`` hits are found (the
    first few as they are, the rest where the needles are): hits spread over paragraphs add
    up, and needles without a match (a short quotation's quotation marks) do not count."""
    rules = """\
        rules:
          - id: two-sources
            kind: occurrence
            message: "{count} of at least {limit}"
            min: 2
            tokens: [said]
          - id: long-quote
            kind: occurrence
            message: "{count} of at least {limit}"
            min: 1
            patterns: ['"[^"\\n]{20,}"']
        """
    article = """\
        Shares rose on Monday.

        "Up," one trader said.

        Bonds were flat.

        Gold was flat.

        Copper was flat.

        Oil fell, the minister said.
        """
    got = lint(tmp_path, rules, article, "story.txt")
    assert [(f["rule"], f["message"]) for f in got] == [("long-quote", "0 of at least 1")]
    one = article.replace("the minister said", "the minister added")
    got = lint(tmp_path, rules, one, "story.txt")
    assert [(f["rule"], f["message"]) for f in got] == [
        ("long-quote", "0 of at least 1"),
        ("two-sources", "1 of at least 2"),
    ]


def test_occurrence_per_paragraph_counts_paragraphs_without_the_phrase(tmp_path):
    """Paragraphs that cannot hold the phrase are not searched, but they are still counted:
    each one without it is reported, and each one with too many at its extra hit."""
    rules = """\
        rules:
          - id: cite-each
            kind: occurrence
            scope: paragraph
            message: "{count} of at least {limit}"
            min: 1
            tokens: [said]
          - id: one-quote-each
            kind: occurrence
            scope: paragraph
            message: "{count} over {limit}"
            max: 1
            patterns: ['"[^"]+"']
        """
    article = """\
        Shares rose, the exchange said.

        Traders were cheerful.

        "Up," one said. "Way up," said another.

        Oil fell.
        """
    got = lint(tmp_path, rules, article, "story.txt")
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in got] == [
        ("cite-each", 3, 1, "0 of at least 1"),
        ("one-quote-each", 5, 17, "2 over 1"),
        ("cite-each", 7, 1, "0 of at least 1"),
    ]


def test_heading_checks(tmp_path):
    rules = """\
        rules:
          - {id: h-skip, kind: heading, check: skipped-level, message: "skip to {level}"}
          - {id: h-dup, kind: heading, check: duplicate, message: "dup of {line}"}
          - {id: h-empty, kind: heading, check: empty-section, message: "empty {heading}"}
          - {id: h-many, kind: heading, check: multiple-h1, message: "extra {heading}"}
          - {id: h-first, kind: heading, check: first-level, message: "first {level}"}
          - {id: h-len, kind: heading, check: length, max: 10, message: "{length}>{limit}"}
          - {id: h-punct, kind: heading, check: trailing-punctuation, message: "ends {char}"}
          - {id: h-none, kind: heading, check: missing-headline, message: "no headline"}
        """
    article = """\
        # Title of the story

        Intro said text.

        #### Deep

        Text.

        ## Reaction

        ## Reaction

        More text.

        # Second top.
        """
    got = {(f["rule"], f["line"], f["message"]) for f in lint(tmp_path, rules, article)}
    assert ("h-skip", 5, "skip to 4") in got
    assert ("h-first", 5, "first 4") in got
    assert ("h-empty", 9, "empty Reaction") in got
    assert ("h-dup", 11, "dup of 9") in got
    assert ("h-many", 15, "extra Second top.") in got
    assert ("h-punct", 15, "ends .") in got
    assert ("h-len", 15, "11>10") in got
    assert not any(rule == "h-none" for rule, _, _ in got)


def test_missing_headline_plain_text(tmp_path):
    rules = """\
        rules:
          - {id: h-none, kind: heading, check: missing-headline, message: "no headline"}
        """
    titled = lint(tmp_path, rules, "Short headline here\n\nBody text said.\n", "a.txt")
    untitled = lint(tmp_path, rules, "A long first paragraph ends.\nNext.\n", "b.txt")
    assert titled == [] and [f["line"] for f in untitled] == [1]


def test_section_forbidden_last(tmp_path):
    rules = """\
        rules:
          - id: kw-section
            kind: section
            headings: ["SEO Keywords?"]
            position: last
            fix: remove
            message: "section {heading}"
          - id: needs-background
            kind: section
            headings: [Background]
            required: true
            message: "no background"
        """
    article = ARTICLE + "\n    ## SEO Keywords\n\n    markets, oil\n"
    got = {(f["rule"], f["line"], f["fixable"]) for f in lint(tmp_path, rules, article)}
    assert got == {("kw-section", 9, True), ("needs-background", 1, False)}


def test_boilerplate_whole_line_only(tmp_path):
    rules = """\
        rules:
          - id: src
            kind: boilerplate
            tokens: [Source link]
            fix: remove
            message: "bare {match}"
        """
    article = ARTICLE + "\n    Source link\n\n    The Source link in the text is fine.\n"
    got = lint(tmp_path, rules, article)
    assert [(f["line"], f["message"], f["fixable"]) for f in got] == [(9, "bare Source link", True)]


def test_front_matter_kind(tmp_path):
    rules = """\
        rules:
          - {id: fm-valid, kind: front-matter, check: valid, message: "{error}"}
          - {id: fm-desc, kind: front-matter, check: required, field: description, message: "no {field}"}
        """
    good = lint(tmp_path, rules, "---\ntitle: A story\n---\n\nText said.\n", "a.md")
    broken = lint(tmp_path, rules, "---\ntitle: [oops\n---\n\nText.\n", "b.md")
    plain = lint(tmp_path, rules, "Headline\n\nText said.\n", "c.md")
    assert [f["rule"] for f in good] == ["fm-desc"]
    assert [(f["rule"], f["line"]) for f in broken] == [("fm-valid", 3)]
    assert "not valid YAML" in broken[0]["message"]
    assert plain == []


def test_metrics(tmp_path):
    rules = """\
        rules:
          - {id: m-sent, kind: metric, metric: sentence-words, max: 5, message: "{value}>{limit}"}
          - {id: m-par, kind: metric, metric: paragraph-words, max: 12, message: "{value}>{limit}"}
          - {id: m-words, kind: metric, metric: word-count, min: 500, message: "{value}<{limit}"}
          - {id: m-title, kind: metric, metric: title-length, max: 20, message: "{value}>{limit}"}
          - {id: m-desc, kind: metric, metric: description-length, min: 120, message: "{value}<{limit}"}
          - {id: m-flesch, kind: metric, metric: flesch, min: 90, message: "{value}<{limit}"}
          - {id: m-long, kind: metric, metric: long-sentences, long: 5, max: 10, message: "{value}>{limit}"}
        """
    article = """\
        ---
        title: Markets rally as central bank holds rates
        description: Shares rose.
        ---

        Shares rose on Tuesday after the central bank held interest rates, the exchange said.

        Oil fell.
        """
    got = {f["rule"]: (f["line"], f["message"]) for f in lint(tmp_path, rules, article)}
    assert got["m-sent"] == (6, "14>5")
    assert got["m-par"] == (6, "14>12")
    assert got["m-words"][1] == "16<500"
    assert got["m-title"] == (2, "41>20")
    assert got["m-desc"] == (3, "12<120")
    assert "m-flesch" in got and "m-long" in got
    assert got["m-long"][1] == "50>10"


def test_repetition(tmp_path):
    rules = """\
        rules:
          - {id: r-open, kind: repetition, check: openers, run: 3, message: "{word} x{count}"}
          - {id: r-over, kind: repetition, check: overuse, min_count: 3, max_share: 5, message: "{word} {count}"}
        """
    article = """\
        Headline for the piece

        Markets fell. Markets rose. Markets wobbled. Volatility volatility volatility remains.
        """
    got = {f["rule"]: f["message"] for f in lint(tmp_path, rules, article)}
    assert got == {"r-open": "Markets x3", "r-over": "volatility 3"}


def test_keyword_checks(tmp_path):
    rules = """\
        rules:
          - {id: k-title, kind: keyword, check: title, message: "title lacks {keyword}"}
          - {id: k-first, kind: keyword, check: first-paragraph, message: "intro lacks {keyword}"}
          - {id: k-sub, kind: keyword, check: subheading, message: "subs lack {keyword}"}
          - {id: k-desc, kind: keyword, check: description, message: "desc lacks {keyword}"}
          - {id: k-dense, kind: keyword, check: density, min_words: 10, max: 3, message: "{value}% > {limit}%"}
        """
    article = """\
        ---
        title: Oil slides again
        description: Crude prices fall for a third day.
        focus_keyword: oil prices
        ---

        Oil prices fell again. Oil prices are low. Traders said oil prices may stay low.

        ## Outlook

        Analysts said oil prices could recover.
        """
    got = {f["rule"]: f["message"] for f in lint(tmp_path, rules, article)}
    assert got["k-title"] == "title lacks oil prices"
    assert got["k-sub"] == "subs lack oil prices"
    assert got["k-desc"] == "desc lacks oil prices"
    assert "k-first" not in got
    assert got["k-dense"].endswith("% > 3%")


def test_keyword_from_command_line(tmp_path):
    rules = """\
        rules:
          - {id: k-title, kind: keyword, check: title, message: "title lacks {keyword}"}
        """
    article = "Oil slides again\n\nCrude fell, traders said.\n"
    none = lint(tmp_path, rules, article, "a.txt")
    given = lint(tmp_path, rules, article, "a.txt", focus_keyword="crude")
    assert none == [] and [f["message"] for f in given] == ["title lacks crude"]


def test_overuse_matches_a_plain_reading_of_its_definition():
    """Random texts with names, case variants and ties: the fast counting reports the words
    a plain count of lower-cased words reports, at the same places."""
    import random

    from seolint.parse.markdown import parse
    from seolint.parse.sentences import word_spans
    from seolint.read.source import Source
    from seolint.rules.kinds.base import Context
    from seolint.rules.kinds.measures import STOPWORDS, Repetition

    opts = {n: o.default for n, o in Repetition.options_for({"check": "overuse"}).items()}
    opts.update(check="overuse", min_count=3, max_share=5.0)
    kind = Repetition("{word} {count} {share}", None, None, opts)

    def expected(doc):
        lowered, first, capitals = {}, {}, {}
        prose = doc.prose
        spans = [span for s in doc.sentences for span in word_spans(prose, s.start, s.end)]
        for a, b in spans:
            word = prose[a:b]
            low = word.lower()
            lowered[low] = lowered.get(low, 0) + 1
            first.setdefault(low, a)
            capitals[low] = capitals.get(low, 0) + word[0].isupper()
        frequent = sorted(
            (w for w, n in lowered.items() if n >= 3 and len(w) >= 4 and w not in STOPWORDS),
            key=lambda w: -lowered[w],  # stable: ties in order of first use
        )
        frequent = [w for w in frequent if not w.isdigit()]
        out, kept = [], 0
        for word in frequent:
            if capitals[word] * 2 > lowered[word]:
                continue
            kept += 1
            share = 100 * lowered[word] / len(spans)
            if share > 5.0:
                out.append((first[word], f"{word} {lowered[word]} {share:.1f}"))
            if kept == 3:
                break
        return out

    vocabulary = (
        "Rates rates RATES Bank bank Smith Prices prices oil Oil 2024 growth Growth the".split()
    )
    rng = random.Random(5)
    for _ in range(400):
        sentences = [
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 8))) + "."
            for _ in range(rng.randint(1, 6))
        ]
        doc = parse(Source("a.txt", "Head line\n\n" + " ".join(sentences) + "\n"))
        got = [(f.start, f.message) for f in kind.check(doc, Context())]
        assert got == expected(doc), doc.text


@pytest.mark.parametrize("run", [1, 2, 3, 4])
def test_openers_match_a_plain_reading_of_their_definition(run):
    """Random runs of sentence openers (stopwords, pronouns, repeats): the quick test for a
    streak rules out no article in which a plain reading finds one."""
    import random

    from seolint.parse.markdown import parse
    from seolint.read.source import Source
    from seolint.rules.kinds.base import Context
    from seolint.rules.kinds.measures import PRONOUNS, STOPWORDS, Repetition

    opts = {n: o.default for n, o in Repetition.options_for({"check": "openers"}).items()}
    opts.update(check="openers", run=run)
    kind = Repetition("{word} x{count}", None, None, opts)

    def expected(doc):
        out, streak = [], []
        for s in doc.sentences:
            word = s.words[0]
            if word in STOPWORDS or word in PRONOUNS:
                streak = []
                continue
            streak = [*streak, s] if streak and streak[0].words[0] == word else [s]
            if len(streak) == run:
                out.append((s.start, s.end))
        return out

    openers = "Markets Markets Markets The They Prices prices Oil It".split()
    rng = random.Random(run)
    reported = 0
    for _ in range(600):
        sentences = [f"{rng.choice(openers)} moved again." for _ in range(rng.randint(1, 12))]
        doc = parse(Source("a.txt", "Head line\n\n" + " ".join(sentences) + "\n"))
        got = [(f.start, f.end) for f in kind.check(doc, Context())]
        assert got == expected(doc), doc.text
        reported += len(got)
    assert reported > 10
