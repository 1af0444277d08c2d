"""Draw the annotation samples: fixed seeds, so anyone can draw the same files again.

Usage: python bench/annotations/sample.py [--corpora ../shared/corpora]
Prints one line per file: sample name, corpus-relative path.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SAMPLES = {"dev": 14, "holdout": 1414, "test8": 8080}  # test8: drawn in round 8, after its tuning
PER_SET = 20


def _pool(corpora: Path) -> dict[str, list[str]]:
    llm = sorted(
        p.relative_to(corpora).as_posix()
        for p in (corpora / "llmfake_open_models").glob("*/*open_ended_generation/*.txt")
    )
    bbc = sorted(
        p.relative_to(corpora).as_posix() for p in (corpora / "bbc_news_human").glob("*.txt")
    )
    return {"llm": llm, "bbc": bbc}


def draw(corpora: Path) -> dict[str, list[str]]:
    """Return {sample: [paths]}: PER_SET open-ended LLM texts and PER_SET BBC articles each."""
    pool = _pool(corpora)
    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    for name, seed in SAMPLES.items():
        rng = random.Random(seed)
        files: list[str] = []
        for key in ("llm", "bbc"):
            choices = [p for p in pool[key] if p not in taken]
            files += rng.sample(choices, PER_SET)
        taken.update(files)
        out[name] = files
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    here = Path(__file__).resolve().parents[2]
    parser.add_argument("--corpora", type=Path, default=here.parent / "shared" / "corpora")
    args = parser.parse_args()
    for name, files in draw(args.corpora).items():
        for f in files:
            print(name, f)


if __name__ == "__main__":
    main()
