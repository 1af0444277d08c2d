"""Each rule's documented examples (the `Bad:` and `Good:` lines of its description, shown by
`seolint explain` and on docs/rules/) run as tests: a Bad example must trigger its rule, a
Good one must not.

How an example becomes an article:

- Text in double quotes is the article's text: each quoted part a paragraph (or heading), in
  order, under a neutral headline unless the example brings its own level-1 heading.
- A `field: value` in backticks is a front-matter field; two values of one field are two
  alternatives, each checked on its own (`author: admin`, `author: By Jane Smith`).
- Some examples describe the article in words: "focus keyphrase "North Korea", headline
  "..."", "front matter with `title` and `date` but no `author`". ``READINGS`` builds the
  article they describe, from the example's own quoted parts.
- Examples too vague to build ("an article made only of summary and commentary") or that are
  advice ("(delete)") are listed in ``DESCRIBED`` with the reason; the test checks that the
  list holds exactly the examples that cannot be read, so none is skipped silently.
- ``CANNOT_HOLD`` lists the examples that are read as written but do not behave as the page
  says, with why: they run as strict expected failures, so that fixing the rule or the
  example shows up here.

Two things an example needs that its line does not say: a one-line example without a closing
full stop, alone in a file, is that file's headline (a plain-text article's first line), so
examples are put under a headline; and the measures of a whole article (Flesch, the
generated-copy vocabulary and puffery rates) skip articles under their ``min_words``, so a one-sentence
example of them is repeated to that length.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest
from conftest import findings, run_seolint
from rule_tester import documented_examples, lint

HEADLINE = "# Talks resume in the capital\n\n"
BACKTICK = re.compile(r"`([^`]+)`")
QUOTED = re.compile(r'"([^"]+)"')
PLAIN = "The minister said the talks would go on for a second day in the capital. "


# About 300 words of varied news copy: no content word is used often enough to be over-used.
VARIED = """\
The city council approved its budget for next year on Tuesday evening after a debate that
lasted almost four hours. Councillors voted seven to two in favour of the plan, which raises
spending on roads, libraries and parks. The mayor, Ana Ruiz, told reporters outside the
chamber that the vote was a relief. Two members of the opposition said the package borrowed
too much and would leave future residents with large debts. Local businesses had asked for
lower fees on market stalls, and the final version cuts those charges by a tenth. Teachers
welcomed extra money for school repairs, although their union said it fell short of what
crumbling classrooms need. Work on the eastern ring road should begin in spring, according
to the transport department, and last about eighteen months. Cyclists will get a protected
lane along the river, a change campaigners have sought for a decade. The finance director
warned that interest payments could rise if inflation stays high. A public meeting about the
library hours is planned for March at the town hall. Residents can read the full document
online or ask for a printed copy at any branch. The next council session takes place in
January, when members will review how the first quarter went. Officials expect higher
revenue from parking as a new garage opens near the station. Shopkeepers on the high street
hope more visitors will follow. Police said traffic would be diverted during construction.
The fire service asked that emergency routes stay clear at all times. A spokesperson for the
hospital said ambulances had been consulted about the detours. Bus timetables will change on
two routes from April, the operator confirmed in a statement on Wednesday."""
SLOTS = [  # twelve sentences, each with a word of an example (and no other word twice)
    "{} was on the agenda.",
    "Officials raised {}.",
    "The mayor spoke about {}.",
    "Police discussed {}.",
    "Costs of {} rose.",
    "A report on {} came out.",
    "Residents asked about {}.",
    "Councillors debated {}.",
    "Funding for {} grew.",
    "Critics questioned {}.",
    "Teachers mentioned {}.",
    "Shops worried about {}.",
]
STRUNG = (  # 70 words, joined by "and" and "which"
    "The council, which met in the town hall on Tuesday evening, approved the budget for next "
    "year and the mayor said the vote was a relief and two opposition members, which had "
    "argued for less borrowing, said the plan would leave residents with debts and the finance "
    "director warned that interest payments could rise and work on the ring road, which is "
    "already very late, starts in the early spring."
)
UNIFORM = "the plan, which the council passed on Tuesday after a long and bitter debate,"


def repeated(text: str, words: int) -> str:
    """The text repeated until it has at least ``words`` words."""
    count = len(text.split())
    return " ".join([text] * -(-words // count))


# rule id -> how its examples are read: from the example's text, the articles it stands for
# (alternatives, each checked on its own; for a rule across files, checked together by
# `seolint check`), or None for the usual reading.
Reading = Callable[[str], "list[str] | None"]
FIELDS = {"title": "Kim meets Shoigu in Pyongyang", "date": "2024-03-05T08:30:00+01:00"}
FIELDS |= {"author": "Jane Smith", "description": "Kim met Shoigu to discuss arms, KCNA said."}
KEY = "focus_keyword: North Korea"  # the keyphrase of the seo pack's examples


def front_matter(*fields: str, body: str = "North Korea's leader met Shoigu, KCNA said.\n") -> str:
    return "---\n" + "".join(f"{f}\n" for f in fields) + "---\n\n" + body


def quotes(text: str) -> list[str]:
    """The double-quoted parts of an example, outside backticks."""
    return QUOTED.findall(BACKTICK.sub(" ", text))


def fields_but(text: str) -> list[str]:
    """ "front matter with `title` and `date` but no `author`": the fields named before "but
    no"; its Good example, a field with its value, goes into front matter with a title."""
    if " but no " not in text:
        return [front_matter(f"title: {FIELDS['title']}", *BACKTICK.findall(text))]
    named = BACKTICK.findall(text.split(" but no ")[0])
    return [front_matter(*(f"{name}: {FIELDS[name]}" for name in named))]


def quoted(count: int, make: Reading) -> Reading:
    """A reading for examples with at least ``count`` quoted parts (others: None)."""
    return lambda text: make(text) if len(quotes(text)) >= count else None


def with_keyphrase(text: str, make: Callable[[list[str]], str]) -> list[str]:
    """An article made from the quoted parts; for the Bad examples that name the keyphrase
    first ("keyphrase "North Korea", description "..."), the first part is the keyphrase."""
    parts = quotes(text)
    named = "keyphrase" in text.split('"')[0]
    key = f"focus_keyword: {parts.pop(0)}" if named else KEY
    return [make([key, *parts])]


def twice_or_both(text: str) -> list[str]:
    """The two values of a rule across files: the one value twice, or the two given."""
    parts = quotes(text) or BACKTICK.findall(text)
    return parts * 2 if len(parts) == 1 else parts


def every_sentence(parts: list[str]) -> str:
    """ "North Korea" in every sentence (Bad), or the other names the Good example gives."""
    key, *names = parts
    if names == ["North Korea"]:
        return front_matter(key, body=f"{names[0]} held talks, KCNA said. " * 30 + "\n")
    body = " ".join(f"{n} held talks." for n in names) + " " + repeated(PLAIN, 200)
    return front_matter(key, body=body + "\n")


READINGS: dict[str, Reading] = {
    "author-missing": fields_but,
    "date-missing": fields_but,
    "meta-description-missing": fields_but,
    # "front matter with no `image` field"
    "lead-image-missing": lambda t: (
        [front_matter(f"title: {FIELDS['title']}")] if "with no" in t else None
    ),
    # a measure of the whole article, over articles of min_words words or more: the example
    # sentence stands for the article's style, repeated to the rule's floor
    "flesch-reading-ease": quoted(1, lambda t: [HEADLINE + repeated(quotes(t)[0], 200) + "\n"]),
    "ai-vocabulary": quoted(1, lambda t: [HEADLINE + repeated(quotes(t)[0], 100) + "\n"]),
    "puffery": quoted(1, lambda t: [HEADLINE + repeated(quotes(t)[0], 100) + "\n"]),
    # ""security" 12 times in a 300-word article"; its Good: each word where it is meant
    "overused-word": lambda t: [
        HEADLINE
        + " ".join(slot.format(w) for slot, w in zip(SLOTS, quotes(t) * 12, strict=False))
        + " "
        + VARIED
        + "\n"
    ],
    # "one 70-word sentence that strings the who, what, when, where and why together with
    # "and" and "which""
    "sentence-too-long": lambda t: [HEADLINE + STRUNG + "\n"] if "one 70-word" in t else None,
    # "a 60-word article that stops after the intro: "More to follow.""
    "thin-content": quoted(1, lambda t: [HEADLINE + repeated(PLAIN, 50) + quotes(t)[0] + "\n"]),
    # "... as the first heading of an untitled article"
    "first-heading-level": lambda t: (
        [f"{PLAIN.strip()}\n\n{quotes(t)[0]}\n\nText.\n"] if "untitled" in t else None
    ),
    # the headline itself
    "title-length": lambda t: [f"# {quotes(t)[0]}\n\n{PLAIN}\n"],
    # "the file opens straight into the first paragraph"
    "missing-headline": lambda t: [f"{PLAIN}\n"] if not quotes(t) else None,
    # ""## Reaction" twice"
    "duplicate-heading": lambda t: (
        [HEADLINE + f"{quotes(t)[0]}\n\nText.\n\n" * 2] if "twice" in t else None
    ),
    # a line of front matter, and a field's value
    "front-matter-invalid": lambda t: [front_matter(quotes(t)[0])],
    "meta-description-length": quoted(1, lambda t: [front_matter(f"description: {quotes(t)[0]}")]),
    # the seo pack's keyphrase rules, with the keyphrase "North Korea" where none is named
    "keyword-stuffing": lambda t: with_keyphrase(t, every_sentence),
    "keyword-in-title": lambda t: with_keyphrase(t, lambda p: front_matter(p[0], f"title: {p[1]}")),
    "keyword-in-first-paragraph": lambda t: with_keyphrase(
        t,
        lambda p: (
            front_matter(p[0], body=f"The leaders of {p[1]} met, KCNA said.\n\nKim hosted.\n")
            if p[1] == "the two countries"
            else front_matter(p[0], body=f"{p[1]}\n")
        ),
    ),
    "keyword-in-subheading": lambda t: with_keyphrase(
        t,
        lambda p: (
            front_matter(
                p[0],
                body=PLAIN
                + "\n\n"
                + "".join(f"## {h}\n\nText.\n\n" for h in p[1:] or ["Reaction"]),
            )
            + ("## Reaction\n\nText.\n" if len(p) == 2 else "")
        ),
    ),
    "keyword-in-description": lambda t: with_keyphrase(
        t, lambda p: front_matter(p[0], f'description: "{p[1]}"')
    ),
    "keyword-description-repeated": lambda t: with_keyphrase(
        t, lambda p: front_matter(p[0], f'description: "{p[1]}"')
    ),
    "keyphrase-length": lambda t: [front_matter(f"focus_keyword: {quotes(t)[0]}")],
    # "slug "story-12345" for keyphrase "North Korea""
    "keyword-in-slug": lambda t: [
        front_matter(f"slug: {quotes(t)[0]}", f"focus_keyword: {(quotes(t) + ['North Korea'])[1]}")
    ],
    # "keyphrase "North Korea", the only image's alt text "Kim at the airport""
    "keyword-in-alt": lambda t: with_keyphrase(
        t,
        lambda p: front_matter(
            p[0], body=(f"![{p[1]}](kim.jpg)" if "alt text" in t else p[1]) + "\n"
        ),
    ),
    "competing-link": lambda t: with_keyphrase(
        t, lambda p: front_matter(p[0], body=f"Kim went to Moscow in 2023 ({p[1]}).\n")
    ),
    # "a 900-word story whose last 500 words run on under one subheading", and the Good: "the
    # same 500 words split where the story turns, under "### How Seoul responded""
    "subheading-distribution": lambda t: [
        HEADLINE
        + repeated(PLAIN, 200)
        + "\n\n## The talks\n\n"
        + repeated(PLAIN, 200)
        + "\n\n## Reaction\n\n"
        + (
            repeated(PLAIN, 250) + f"\n\n{quotes(t)[0]}\n\n" + repeated(PLAIN, 250)
            if quotes(t)
            else repeated(PLAIN, 500)
        )
        + "\n"
    ],
    # "an article with uniform paragraphs, "experts warn", "sparked outrage" and a closing
    # "Overall, ..." paragraph": the score adds up the other rules' findings (every rule runs)
    "content-farm-score": quoted(
        3,
        lambda t: [
            HEADLINE
            + f"{quotes(t)[0].capitalize()} that {UNIFORM} {quotes(t)[1]} in the town.\n\n" * 5
            + f"{quotes(t)[2].rstrip('. ')} {UNIFORM} {quotes(t)[1]} in the town.\n"
        ],
    ),
    # the site rules: two articles, checked together
    "duplicate-title": lambda t: [front_matter(f"title: {x}") for x in twice_or_both(t)],
    # "Monday's and Tuesday's stories on the visit with one `description`"
    "duplicate-description": lambda t: (
        [front_matter(f"description: {FIELDS['description']}") for _ in range(2)]
        if "with one `description`" in t
        else None
    ),
    "duplicate-slug": lambda t: [
        front_matter(x if ":" in x else f"slug: {x}") for x in twice_or_both(t)
    ],
    "keyphrase-cannibalisation": lambda t: [
        front_matter(f"focus_keyword: {x}") for x in twice_or_both(t)
    ],
}
ACROSS_FILES = {"duplicate-title", "duplicate-description", "duplicate-slug"}
ACROSS_FILES |= {"keyphrase-cannibalisation"}
RUN_WITH_EVERY_RULE = {"content-farm-score"}

# (rule, label) -> why the example is not an article that can be checked
DESCRIBED = {
    ("no-source", "Bad"): "describes a kind of article (summary and commentary) in words",
    ("placeholder-source", "Good"): "advice: a real person and institution, or no quote",
    ("appeared-first-on", "Good"): "the Good version is the line removed",
    ("automation-notice", "Good"): "advice: verify and cite in the text",
    ("prompt-leftover", "Good"): "advice: the headline in the title field",
    ("page-furniture", "Good"): "advice: the caption and credit in their fields",
    ("filler-phrase", "Good"): "the Good version is the sentence deleted",
    ("ai-vocabulary", "Good"): "advice: say what changed",
    ("no-outbound-link", "Bad"): "describes links to the site's own pages without giving any",
    ("long-sentences", "Bad"): "describes a 400-word article by its sentence lengths",
    ("long-sentences", "Good"): "describes sentence lengths in words",
    ("sentence-too-long", "Good"): "describes the same facts split, without giving them",
    ("paragraph-too-long", "Bad"): "describes a 300-word paragraph without giving it",
    ("paragraph-too-long", "Good"): "describes the paragraphs without giving them",
    ("repeated-opener", "Good"): "advice: vary the subject",
    ("content-farm-score", "Good"): "describes good reporting in words",
    ("seo-talk", "Good"): "the Good version is the sentence deleted",
    ("keyword-density", "Bad"): "describes a 600-word story by its keyphrase count",
    ("keyword-density", "Good"): "describes where the subject goes, without an article",
    ("meta-description-length", "Good"): "describes the summary's length, without one",
    ("thin-content", "Good"): "describes a 200-word brief without giving it",
    ("fragment", "Good"): "describes a complete brief without giving it",
    ("duplicate-description", "Good"): "advice: each description says what its story reports",
    ("empty-section", "Good"): "advice: remove the heading or write the section",
}

# (rule, label) -> why the example, read as written, does not behave as its page says
CANNOT_HOLD: dict[tuple[str, str], str] = {}


def articles(rule: str, text: str) -> list[str] | None:
    """The articles an example stands for (alternatives), or None when it gives none."""
    reading = READINGS.get(rule)
    made = reading(text) if reading is not None else None
    if made is not None:
        return made
    fields, parts = BACKTICK.findall(text), quotes(text)
    if (not fields and not parts) or any(":" not in f for f in fields):
        return None  # words, or field names without values: a description
    by_name: dict[str, list[str]] = {}
    for field in fields:
        by_name.setdefault(field.split(":", 1)[0], []).append(field)
    body = "\n\n".join(parts)
    if not body.startswith("# "):
        body = HEADLINE + body if body else PLAIN.strip()
    combos = itertools.product(*by_name.values())
    return [front_matter(*c, body=body + "\n") if c else body + "\n" for c in combos]


EXAMPLES = documented_examples()


def test_the_examples_that_are_not_run_are_the_described_ones():
    unreadable = {(rule, label) for rule, label, text in EXAMPLES if articles(rule, text) is None}
    assert unreadable == set(DESCRIBED)
    assert set(CANNOT_HOLD) <= {(rule, label) for rule, label, _ in EXAMPLES}


def fired(rule: str, text: str, tmp_path) -> list[bool]:
    """For each article the example stands for, whether the rule reports it."""
    made = articles(rule, text)
    assert made is not None
    if rule in ACROSS_FILES:
        for n, article in enumerate(made):
            (tmp_path / f"{n}.md").write_text(article, encoding="utf-8")
        proc = run_seolint(
            "check", "--format", "json", "--no-cache", "--select", rule, ".", cwd=tmp_path
        )
        assert proc.returncode in (0, 1), proc.stderr
        return [bool(findings(proc))]
    selected = "all" if rule in RUN_WITH_EVERY_RULE else rule
    return [any(f.rule == rule for f in lint(article, selected)) for article in made]


RUNNABLE = [
    pytest.param(
        rule,
        label,
        text,
        id=f"{rule}-{label}",
        marks=[pytest.mark.xfail(strict=True, reason=CANNOT_HOLD[(rule, label)])]
        if (rule, label) in CANNOT_HOLD
        else [],
    )
    for rule, label, text in EXAMPLES
    if (rule, label) not in DESCRIBED
]


@pytest.mark.parametrize(("rule", "label", "text"), RUNNABLE)
def test_documented_example(rule, label, text, tmp_path):
    got = fired(rule, text, tmp_path)
    assert got == [label == "Bad"] * len(got), (articles(rule, text), got)
