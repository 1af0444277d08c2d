"""How many documents each phrase pattern of the built-in rules matches, per corpus.

Usage: python bench/phrase_counts.py [--corpora ../shared/corpora] [--out FILE] [RULE ...]

Every entry of a phrase list (``patterns``, ``tokens``, ``anonymous``, ``placeholders``,
``words`` and the keys of ``swap``) is counted on its own, case-insensitively unless its rule
says ``ignorecase: false``, in the part of
each article its rule looks at (the first sentence for ``scope: first-sentence``, the last
paragraph's sentences for ``closing-sentences``...; the whole prose otherwise, as seolint's
parser reads it): the documents of BBC news (journalism), of the LLM texts written freely, of
the content farm's posts and briefs, and the seed, that hold it. The table is the evidence that earns each entry its place
(bench/lexicons/README.md gives the criterion); ``tests/test_lexicons.py`` checks it is current.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LISTS = ("patterns", "tokens", "anonymous", "placeholders", "words")


def entries(rule: dict) -> list[tuple[str, str]]:
    """(list name, pattern) for every entry of a rule's phrase lists."""
    out = []
    for key in LISTS:
        for item in rule.get(key) or []:
            if key in ("tokens", "placeholders", "words"):
                body = re.escape(str(item)).replace(r"\ ", r"\s+")
                out.append((key, rf"(?<![\w-]){body}(?![\w-])"))
            else:
                out.append((key, str(item)))
    for key in rule.get("swap") or {}:
        out.append(("swap", rf"(?<![\w-]){key}(?![\w-])"))
    return out


SCOPED = ("first-sentence", "last-sentence", "closing-sentences", "first-paragraph")
SCOPED += ("last-paragraph", "heading", "title")


def corpora_docs(root: Path) -> dict[str, list]:
    """Each corpus's articles, parsed by seolint (the prose it checks, with its scopes)."""
    sys.path.insert(0, str(HERE.parent))
    from seolint.parse.markdown import parse
    from seolint.read.source import decode

    sets = {
        "bbc": sorted(root.glob("bbc_news_human/*.txt")),
        "llm": sorted(root.glob("llmfake_open_models/*/*_open_ended_generation/*.txt")),
        "posts": sorted(root.glob("hashnhedge_ai_contentfarm/posts/*.md")),
        "briefs": sorted(root.glob("hashnhedge_ai_contentfarm/briefs/*.md")),
        "seed": sorted((root.parent / "seeds").glob("*.txt")),
    }
    return {k: [parse(decode(str(p), p.read_bytes())) for p in v] for k, v in sets.items()}


def scope_texts(doc, scope: str | None) -> list[str]:
    """The texts a rule of this scope looks at in a document."""
    from seolint.match.scopes import segments

    if scope in SCOPED:
        pieces = segments(doc, scope)
        return [pieces[i].text for i in range(len(pieces))]
    return [doc.prose]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="*", help="rule ids (default: every phrase rule)")
    parser.add_argument("--corpora", type=Path, default=HERE.parent.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=HERE / "lexicons" / "phrases.tsv")
    args = parser.parse_args()
    docs = corpora_docs(args.corpora)
    sizes = {k: len(v) for k, v in docs.items()}
    rows = []
    for pack in sorted((HERE.parent / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"]:
            if args.rules and rule["id"] not in args.rules:
                continue
            scope = rule.get("scope")
            texts = {k: [scope_texts(d, scope) for d in v] for k, v in docs.items()}
            for key, pattern in entries(rule):
                case = re.IGNORECASE if rule.get("ignorecase", True) else 0
                regex = re.compile(pattern, case | re.MULTILINE)
                counts = {
                    k: sum(1 for parts in v if any(regex.search(t) for t in parts))
                    for k, v in texts.items()
                }
                rows.append((rule["id"], key, pattern, counts))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        names = list(docs)
        out.write("# documents matched; corpus sizes: ")
        out.write(", ".join(f"{k} {sizes[k]}" for k in names) + "\n")
        out.write("rule\tlist\t" + "\t".join(names) + "\tpattern\n")
        for rule_id, key, pattern, counts in rows:
            nums = "\t".join(str(counts[k]) for k in names)
            out.write(f"{rule_id}\t{key}\t{nums}\t{pattern}\n")
    print(f"wrote {len(rows)} entries to {args.out}")


if __name__ == "__main__":
    main()
