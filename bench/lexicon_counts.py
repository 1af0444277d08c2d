"""Which words and phrases generated news over-uses against BBC journalism, by counts.

Usage: python bench/lexicon_counts.py [--corpora ../shared/corpora] [--top 400] [--out FILE]

Method: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi and Quinn
2008), over document frequencies (how many documents use a term at least once, so one
repetitive document cannot make a term), for 1- to 3-word terms. Three independent generated
sources are compared with BBC one by one: the LLM texts written freely (llmfake open-ended,
Llama-2 and Vicuna), the content farm's posts, and its briefs. A term is listed with its z-score
against BBC in each source and its document rate per 1,000 documents in each. The lexicon
families in rules/ keep a term only when the counts in bench/lexicons/*.tsv earn it: see
bench/lexicons/README.md for the criterion.
"""

from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from pathlib import Path

WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")
HERE = Path(__file__).resolve().parent


def terms(text: str) -> set[str]:
    """The distinct 1-, 2- and 3-word terms of a text, in lower case, within sentences."""
    found: set[str] = set()
    for sentence in re.split(r"[.!?;:\n]+", text.lower()):
        words = WORD.findall(sentence.replace("’", "'"))
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                found.add(" ".join(words[i : i + n]))
    return found


def doc_freq(files: list[Path]) -> tuple[Counter, int]:
    counts: Counter = Counter()
    for path in files:
        counts.update(terms(path.read_text(encoding="utf-8", errors="replace")))
    return counts, len(files)


def log_odds(a: Counter, na: int, b: Counter, nb: int, prior: Counter, nprior: int) -> dict:
    """z-scores of each term's document rate in a against b, with the pooled rates as prior."""
    scale = 50.0 / max(nprior, 1)  # a prior worth about 50 documents' evidence per term rate
    out = {}
    for term, ya in a.items():
        yb = b.get(term, 0)
        alpha = prior[term] * scale + 0.01
        a0 = nprior * scale
        # Each document either uses the term or not: two outcomes, one pseudo-count each.
        la = math.log((ya + alpha) / (na - ya + a0 - alpha + 0.01))
        lb = math.log((yb + alpha) / (nb - yb + a0 - alpha + 0.01))
        var = 1 / (ya + alpha) + 1 / (yb + alpha)
        out[term] = (la - lb) / math.sqrt(var)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=HERE.parent.parent / "shared" / "corpora")
    parser.add_argument("--top", type=int, default=400)
    parser.add_argument("--min-docs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "lexicons" / "log-odds.tsv")
    args = parser.parse_args()
    c = args.corpora
    sources = {
        "llm": sorted(c.glob("llmfake_open_models/*/*_open_ended_generation/*.txt")),
        "posts": sorted(c.glob("hashnhedge_ai_contentfarm/posts/*.md")),
        "briefs": sorted(c.glob("hashnhedge_ai_contentfarm/briefs/*.md")),
    }
    bbc, nbbc = doc_freq(sorted(c.glob("bbc_news_human/*.txt")))
    rows: dict[str, dict] = {}
    for name, files in sources.items():
        counts, n = doc_freq(files)
        prior = counts + bbc
        z = log_odds(counts, n, bbc, nbbc, prior, n + nbbc)
        for term, score in z.items():
            row = rows.setdefault(term, {"bbc": 1000 * bbc.get(term, 0) / nbbc})
            row[f"z_{name}"] = score
            row[f"rate_{name}"] = 1000 * counts[term] / n
            row[f"docs_{name}"] = counts[term]
    names = list(sources)
    keep = [
        (t, r)
        for t, r in rows.items()
        if sum(r.get(f"docs_{s}", 0) for s in names) >= args.min_docs
    ]

    # Ranked by the smaller of the two strongest sources' z: a term one source alone over-uses
    # (a topic, a template) ranks low.
    def rank(row: dict) -> float:
        zs = sorted((row.get(f"z_{s}", -99.0) for s in names), reverse=True)
        return zs[1]

    keep.sort(key=lambda tr: -rank(tr[1]))
    # The words of the built-in lexicon-rate rules are always listed, whatever their rank.
    listed = _lexicon_words()
    top = keep[: args.top]
    shown = {t for t, _ in top}
    top += [(t, r) for t, r in keep[args.top :] if t in listed and t not in shown]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        cols = [f"{k}_{s}" for s in names for k in ("z", "rate")]
        out.write("term\trank_z\tbbc_rate\t" + "\t".join(cols) + "\n")
        for term, row in top:
            vals = [f"{row.get(col, 0.0):.1f}" for col in cols]
            out.write(f"{term}\t{rank(row):.1f}\t{row['bbc']:.1f}\t" + "\t".join(vals) + "\n")
    print(f"wrote {len(top)} terms to {args.out}")


def _lexicon_words() -> set[str]:
    """The words of the built-in rules of kind lexicon-rate."""
    import yaml

    words: set[str] = set()
    for pack in (HERE.parent / "rules").glob("*.yaml"):
        for rule in yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"]:
            if rule.get("kind") == "lexicon-rate":
                words.update(w.lower() for w in rule["words"])
    return words


if __name__ == "__main__":
    main()
