"""A quiet corpus: publishable news articles with SEO front matter, made from the BBC sample.

Usage: python bench/quiet_corpus.py OUT [--source DIR] [--keep-duplicates] [--check]

Each BBC story (``../shared/corpora/bbc_news_human``: headline on line 1, paragraphs after)
becomes ``OUT/NAME.md`` with front matter a newsroom's CMS would fill in, made by rule, not
by hand:

- ``title``: line 1, as it is;
- ``description``: the lede (first paragraph), whole sentences while they fit in 156
  characters; a first sentence longer than that is cut at a word and ends with "...";
- ``focus_keyword``: the story's main subject, chosen automatically: the name (a run of
  capitalised words) or, failing that, the word of the headline used most in the story;
- ``slug``: the headline's words in lower case, joined by hyphens.

The sample holds some stories twice (``duplicates.tsv`` lists the exact copies; others
differ by a word); a site publishes a story once, so a story whose headline, lede or lede's
first sentence repeats an earlier one's is left out unless ``--keep-duplicates`` is given.

``--check`` then runs seolint with its defaults over OUT (all files in one run, so the checks
across files take part) and prints the share of articles that pass the default gate
(``--fail-on warning``: no warning and no error) and the findings per rule.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "corpora" / "bbc_news_human"
MAX_DESCRIPTION = 156
# Words that start a capitalised run without being part of a name.
NOT_NAMES = frozenset(
    """a an the and or but if in on at to for of by with from as is are was were be it its
    he she they we i you his her their our this that these those there here when where what
    who why how mr mrs ms dr sir lord but however after before while since during also yet
    so not no one two three new last next first monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december""".split()
)
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def paragraphs(text: str) -> tuple[str, list[str]]:
    """A BBC file's headline and its paragraphs (as written)."""
    lines = text.replace("\r\n", "\n").split("\n")
    title = lines[0].strip()
    body = "\n".join(lines[1:])
    return title, [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def description(lede: str) -> str:
    """Whole sentences of the lede while they fit, else its first words and '...'."""
    out = ""
    for sentence in _SENTENCE.split(lede):
        joined = f"{out} {sentence}".strip()
        if len(joined) > MAX_DESCRIPTION:
            break
        out = joined
    if out:
        return out
    cut = lede[: MAX_DESCRIPTION - 3].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "..."


def _clean_name(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and words[0].lower().strip(".'") in NOT_NAMES:
        words = words[1:]
    while words and words[-1].lower().strip(".'") in NOT_NAMES:
        words = words[:-1]
    words = [w.removesuffix("'s").rstrip(".,'") for w in words]
    return " ".join(w for w in words if w)


def subject(title: str, paras: list[str]) -> str:
    """The story's main subject: the name used most in the story among those in the
    headline or lede; else the headline's content word used most in the story."""
    text = " ".join(paras)
    names = Counter(
        n for n in (_clean_name(m.group()) for m in _NAME.finditer(text)) if n and len(n) > 2
    )
    lead = title + " " + (paras[0] if paras else "")
    candidates = [(count, name) for name, count in names.items() if name in lead and count > 1]
    if candidates:
        return max(candidates, key=lambda c: (c[0], len(c[1])))[1]
    words = Counter(w.lower() for w in _WORD.findall(text))
    title_words = [w.lower() for w in _WORD.findall(title) if w.lower() not in NOT_NAMES]
    if not title_words:
        return title
    return max(title_words, key=lambda w: (words[w], len(w)))


def slug(title: str) -> str:
    return "-".join(w.lower().replace("'", "").replace("’", "") for w in _WORD.findall(title))


def quote(value: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def article(text: str) -> str | None:
    title, paras = paragraphs(text)
    if not title or not paras:
        return None
    fields = {
        "title": title,
        "description": description(" ".join(paras[0].split())),
        "focus_keyword": subject(title, paras),
        "slug": slug(title),
    }
    front = "".join(f"{k}: {quote(v)}\n" for k, v in fields.items())
    return f"---\n{front}---\n\n" + "\n\n".join(paras) + "\n"


def duplicates(source: Path) -> set[str]:
    """The second file of each pair the dataset lists as the same story twice."""
    listed = source / "duplicates.tsv"
    if not listed.is_file():
        return set()
    seconds = set()
    for line in listed.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            seconds.add(parts[1].strip())
    return seconds


def build(source: Path, out: Path, keep_duplicates: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    skip = set() if keep_duplicates else duplicates(source)
    seen: set[str] = set()
    made = 0
    for path in sorted(source.glob("*.txt")):
        if path.name in skip or path.name.startswith("README"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        title, paras = paragraphs(text)
        # The same story again (its headline, its lede or the lede's first sentence, as the
        # sample holds some stories twice with small edits): a site publishes it once.
        lede = " ".join(paras[0].split()) if paras else ""
        keys = {_key(title), _key(lede), _key(_SENTENCE.split(lede)[0])} - {""}
        if not keep_duplicates and keys & seen:
            continue
        seen |= keys
        made_text = article(text)
        if made_text is not None:
            (out / (path.stem + ".md")).write_text(made_text, encoding="utf-8")
            made += 1
    return made


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--keep-duplicates", action="store_true")
    parser.add_argument("--check", action="store_true", help="run seolint and print the figures")
    args = parser.parse_args()
    if not args.source.is_dir():
        raise SystemExit(f"no corpus at {args.source}")
    made = build(args.source, args.out, args.keep_duplicates)
    print(f"{made} articles written to {args.out}")
    if args.check:
        sys.path.insert(0, str(REPO / "bench"))
        from corpus_eval import evaluate

        r = evaluate(str(args.out))
        print(f"pass the default gate (no warning/error): {r['clean_pct']:.1f}% of {r['files']}")
        for rule, c in sorted(r["rules"].items(), key=lambda kv: -kv[1]["files"]):
            print(f"    {rule:<28} files {c['files']:>5}  findings {c['findings']:>5}")


if __name__ == "__main__":
    main()
