"""The detection rules of issue 14, in process: fixture articles and the findings they must
(and must not) give with the built-in rules and default settings."""

from __future__ import annotations

import json
import textwrap

import pytest

from seolint.lint.engine import lint
from seolint.model.diagnostics import Diagnostic
from seolint.model.results import FileResult
from seolint.parse.markdown import parse
from seolint.read.source import decode
from seolint.rules.select import build
from seolint.run.config import Config

RULES = build(Config())


def check(text: str, rule: str | None = None, name: str = "story.txt") -> list[Diagnostic]:
    """The built-in rules' findings for an article, or one rule's."""
    doc = parse(decode(name, textwrap.dedent(text).encode()))
    found = lint(doc, RULES, RULES.for_file(name))
    return [d for d in found if rule is None or d.rule == rule]


FARM = """\
    Star's surprise split sparks speculation

    In a shocking turn of events, the couple have announced their split. Experts warn that
    the news could affect the star's upcoming tour, and insiders say the pair had been
    arguing for months. According to sources close to the couple, the decision was mutual.

    The announcement sparked outrage among fans, with many calling for an explanation. While
    some have praised the pair for their honesty, others have questioned the timing of the
    announcement, which came just days before the tour began in earnest across the country.

    The split is a testament to the pressures of fame, and it is important to remember that
    celebrities are people too. Fans took to social media to share their support for both
    of them, and the hashtag was trending within an hour of the statement being released.

    Overall, it remains to be seen how the split will affect the tour. Only time will tell
    whether the couple can remain friends as they navigate this difficult new chapter.
    """

NEWS = """\
    Bank holds interest rates at 4.75%

    The Bank of England has held interest rates at 4.75%, as expected by most analysts.

    The decision by the Monetary Policy Committee was unanimous, the bank said in a statement
    on Thursday. Governor Mervyn King said inflation was "close to target".

    Analysts said the decision had been widely expected. "There is no case for a cut yet,"
    said Ross Walker, an economist at Royal Bank of Scotland.

    The committee will publish the minutes of the meeting in two weeks.
    """


def test_farm_copy_gives_each_new_signal_at_its_line():
    found = check(FARM)
    by_rule = {(d.rule, d.line) for d in found if d.severity != "info"}
    assert ("generated-phrase", 3) in by_rule  # "In a shocking turn of events"
    assert ("anonymous-source", 3) in by_rule  # "Experts warn"
    assert ("anonymous-source", 5) in by_rule  # "According to sources close to"
    assert ("anonymous-source", 7) in by_rule  # "with many calling"
    assert ("sermonising", 11) in by_rule  # "it is important to remember"
    assert ("recap-close", 15) in by_rule  # "Overall," in the last paragraph
    score = [d for d in found if d.rule == "content-farm-score"]
    assert len(score) == 1 and score[0].severity == "warning"
    assert score[0].data["score"] >= 6


def test_named_sources_and_plain_news_stay_quiet():
    found = check(NEWS)
    assert [d for d in found if d.severity != "info"] == []


def test_a_single_signal_in_clean_copy_is_info_not_warning():
    text = NEWS.replace("in two weeks.", "in two weeks, a game changer for markets.")
    found = check(text, "cliche")
    assert [d.severity for d in found] == ["info"]


def test_anonymous_source_needs_repetition_or_no_named_source():
    one = """\
        Council approves new budget

        The council approved its budget on Monday, Councillor Jane Mills said. Insiders say
        the vote was close. The plan will cut spending on roads by 3% over two years.
        """
    assert check(one, "anonymous-source") == []
    unnamed = """\
        Council approves new budget

        The council approved its budget on Monday. Insiders say the vote was close, and the
        plan will cut spending on roads by 3% over two years, the largest cut in a decade.
        """
    assert [d.line for d in check(unnamed, "anonymous-source")] == [3]


@pytest.mark.parametrize(
    "phrase",
    [
        "according to analysts at Gartner",
        "according to reports from the news agency Interfax",
    ],
)
def test_anonymous_phrase_that_names_its_source_is_not_reported(phrase):
    text = f"""\
        Sales fall again

        Sales fell in May, {phrase}. Experts say the fall will continue, and experts warn
        prices may rise. The company did not comment on the figures on Tuesday.
        """
    found = [d.message for d in check(text, "anonymous-source")]
    assert found and not any(phrase.split()[2] in m.split('"')[1] for m in found), found


def test_placeholder_person_quoted_is_an_error_but_not_a_mere_mention():
    quoted = """\
        Survey finds gloom

        "People are frustrated," said Dr. Jane Smith, a sociologist at XYZ University.
        """
    found = check(quoted, "placeholder-source")
    assert [(d.line, d.severity) for d in found] == [(3, "error"), (3, "error")]
    mention = """\
        Labour history

        John Smith led the party until 1994. His successor won three elections.
        """
    assert check(mention, "placeholder-source") == []


def test_template_labels_prompt_echo_and_page_furniture():
    text = """\
        Title: Ten tips go viral

        Here is the news piece:

        Image copyright Getty Images

        Social media posts with ten tips have been shared widely this week.
        """
    rules = {(d.rule, d.line) for d in check(text)}
    assert ("template-label", 1) in rules
    assert ("prompt-leftover", 3) in rules
    assert ("page-furniture", 5) in rules


def test_first_and_last_sentence_scopes():
    text = """\
        Stars split

        However, the couple say they remain friends. The split was announced on Monday.

        Overall, fans were surprised. The couple's next film opens in May.
        """
    assert [d.line for d in check(text, "dangling-lede")] == [3]
    assert [d.line for d in check(text, "recap-close")] == [5]


@pytest.mark.parametrize(
    ("start", "reported"),
    [
        ("and the band will tour Europe in the spring.", True),
        (", which the band announced on Monday.", True),
        ("however, the band will tour Europe in the spring.", True),
        ("eBay shares rose 5% on Monday, the company said.", False),
        ("The band will tour Europe in the spring.", False),
        ("However, the band will tour Europe in the spring.", False),  # dangling-lede's
    ],
)
def test_an_article_that_starts_mid_sentence(start, reported):
    text = f"Band tour\n\n{start} Tickets go on sale on Friday, the promoter said.\n"
    assert [d.line for d in check(text, "cut-off-start")] == ([3] if reported else [])


@pytest.mark.parametrize(
    ("end", "reported"),
    [
        ("The couple, who met in 2015, are expected to", True),
        ("Fans who bought tickets for the cancelled show will be refunded by the", True),
        ("The statement ended there,", True),
        ("The couple are expected to marry next year.", False),
        ("Substitutes: Smith, Jones, Brown", False),
        ('"We will be back," she said.', False),
    ],
)
def test_an_article_that_stops_mid_sentence(end, reported):
    text = f"Stars to wed\n\nThe couple announced their engagement, a spokesman said.\n\n{end}\n"
    found = check(text, "cut-off-end")
    assert [d.line for d in found] == ([5] if reported else [])


def test_the_prompt_echoed_back_and_citation_marks():
    text = """\
        Virus claim

        Here is the sentence: gargling salt water kills the virus.

        Please note: the news piece should be around 200 words.

        Doctors have said there is no evidence for the claim.[2] It spread on 12 March.

        The claim was shared in [a post][1] on Monday, the agency said.

        [1]: https://example.com/post
        """
    found = {(d.rule, d.line) for d in check(text)}
    assert ("prompt-leftover", 3) in found
    assert ("prompt-leftover", 5) in found
    assert [d.line for d in check(text, "page-furniture")] == [7]  # not the link at 9


def test_unnamed_readers_and_the_source_count_as_anonymous():
    text = """\
        Stars split

        The couple have split after five years, a source close to the pair said on Monday.

        "They remain friends," the source added. One fan tweeted that the news was a shock.
        """
    found = check(text, "anonymous-source")
    assert [d.line for d in found] == [3, 5, 5]
    assert "3 unnamed" in found[0].message


def test_lexicon_rate_lists_every_use_as_related_location():
    text = "AI words\n\n" + " ".join(
        ["This crucial and comprehensive plan underscores the evolving landscape."] * 3
        + ["The council met on Tuesday and voted on the road budget for next year."] * 8
    )
    found = check(text, "ai-vocabulary")
    assert len(found) == 1
    assert len(found[0].related) == 15 and found[0].data["count"] == 15
    data = found[0].to_dict()
    assert data["related"][0] == {"line": 3, "column": 6, "end_line": 3, "end_column": 13}
    # The related locations survive the findings cache and the SARIF output.
    from seolint.cache.findings import decode_findings, encode_findings

    assert decode_findings(found[0].path, encode_findings(found)) == found
    from io import StringIO

    from seolint.formats.sarif import Sarif

    out = StringIO()
    reporter = Sarif(out)
    reporter.file(FileResult(found[0].path, found))
    reporter.finish()
    result = json.loads(out.getvalue())["runs"][0]["results"][0]
    assert len(result["relatedLocations"]) == 15
    assert result["properties"] == {"rate": found[0].data["rate"], "count": 15}


def test_a_few_lines_without_a_full_stop_keep_one_paragraph_per_line():
    lines = [f"Sentence number {n} of the story is here, the agency said." for n in range(8)]
    lines.insert(4, "Photo: Getty Images")
    doc = parse(decode("s.txt", ("Headline here\n\n" + "\n".join(lines) + "\n").encode()))
    assert len(doc.paragraphs) == 9
    # A hard-wrapped paragraph is still one paragraph.
    wrapped = "Headline here\n\nThe agency said on Monday that it\nwould cut jobs across the\nregion next year.\n"
    assert len(parse(decode("w.txt", wrapped.encode())).paragraphs) == 1


@pytest.mark.parametrize(
    "first", ["Published: 5 May 2005 10:02 Updated: 5 May 2005 11:00", "Page last updated at 10:02"]
)
def test_a_timestamp_first_line_is_not_the_headline(first):
    doc = parse(decode("s.txt", f"{first}\n\nThe bank held rates, it said.\n".encode()))
    assert doc.title is None


def test_overused_word_spares_the_headline_topic():
    text = "Tsunami aid reaches islands\n\n" + " ".join(
        ["The tsunami relief effort grew as tsunami aid arrived, officials said."] * 4
    )
    assert check(text, "overused-word") == []
    assert check(text.replace("Tsunami aid", "Relief"), "overused-word")


def test_flesch_skips_short_briefs():
    brief = "Brief\n\n" + "The Organisation for Economic Co-operation and Development said. " * 15
    assert check(brief, "flesch-reading-ease") == []


def test_no_source_is_info_alone_and_a_warning_with_other_signals():
    alone = """\
        Rates hold

        The bank held its rates at 4% on Tuesday. Markets were calm after the decision.
        """
    assert [d.severity for d in check(alone, "no-source")] == ["info"]
    farm = """\
        Star's tour is off

        In a shocking turn of events, the star has called off the tour. The news sparked
        outrage among fans across the country, and ticket sites crashed within minutes.

        It is important to remember that stars are people too. Fans took to social media in
        their thousands, and the hashtag trended for most of the day on Monday.

        Overall, the cancellation is a testament to the pressures of fame. Fans will be
        watching to see what the star does next, and when the tour might come back.
        """
    assert [d.severity for d in check(farm, "no-source")] == ["warning"]


def test_lexicon_rate_word_count_bound_gives_the_plain_findings(monkeypatch):
    import random

    from seolint.rules.kinds import lexicon

    rng = random.Random(14)
    family = ["crucial", "landscape", "Landscape's", "Foster", "robust", "“crucial”", "foster"]
    plain = ["the", "council", "met", "on", "Tuesday", "and", "voted", "for", "roads"]
    texts = []
    for _ in range(60):
        share = rng.choice([0.0, 0.01, 0.02, 0.04, 0.08])
        words = [rng.choice(family if rng.random() < share else plain) for _ in range(160)]
        sentences = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, 160, 12)]
        texts.append("Headline here\n\n" + " ".join(sentences) + "\n")
    fast = [[d.to_dict() for d in check(t, "ai-vocabulary")] for t in texts]
    monkeypatch.setattr(lexicon, "_at_most", lambda doc, family: float("inf"))
    slow = [[d.to_dict() for d in check(t, "ai-vocabulary")] for t in texts]
    assert fast == slow and any(fast) and not all(fast)
