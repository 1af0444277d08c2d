"""The rule kinds, by name."""

from __future__ import annotations

from seolint.kinds.attribution import Attribution
from seolint.kinds.base import Kind
from seolint.kinds.keyphrase import Keyword
from seolint.kinds.lexicon import LexiconRate
from seolint.kinds.links import Links
from seolint.kinds.measures import Metric, Repetition
from seolint.kinds.metadata import Metadata
from seolint.kinds.phrases import Existence, Occurrence, Substitution
from seolint.kinds.score import Score
from seolint.kinds.site import Duplicate
from seolint.kinds.structure import Boilerplate, FrontMatter, Headings, Sections

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
