"""The rule kinds, by name."""

from __future__ import annotations

from seolint.rules.kinds.attribution import Attribution
from seolint.rules.kinds.base import Kind
from seolint.rules.kinds.keyphrase import Keyword
from seolint.rules.kinds.lexicon import LexiconRate
from seolint.rules.kinds.links import Links
from seolint.rules.kinds.measures import Metric, Repetition
from seolint.rules.kinds.metadata import Metadata
from seolint.rules.kinds.phrases import Existence, Occurrence, Substitution
from seolint.rules.kinds.score import Score
from seolint.rules.kinds.site import Duplicate
from seolint.rules.kinds.structure import Boilerplate, FrontMatter, Headings, Sections

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (
        Existence,
        Substitution,
        Occurrence,
        Headings,
        Sections,
        Boilerplate,
        FrontMatter,
        Metric,
        Repetition,
        Keyword,
        Attribution,
        LexiconRate,
        Score,
        Metadata,
        Links,
        Duplicate,
    )
}
