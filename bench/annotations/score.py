"""Line-level recall and precision of seolint against the blind annotations.

Usage: python bench/annotations/score.py [dev|holdout|test8 ...] [--corpora ../shared/corpora]
       [--severity warning] [--no-related] [--misses]

An annotated line is a line an editor marked with at least one defect category. A line is
flagged when a finding at or above ``--severity`` covers it (from its line to its end line),
or, unless ``--no-related``, when it holds one of a finding's related locations. Recall is the
share of annotated lines that are flagged; precision the share of flagged lines that are
annotated. The rules left out of corpus_eval's detection table are left out here too.
Figures are given for all files and for the LLM and BBC halves.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from corpus_eval import BBC_IGNORE, NO_HEADLINE, run  # noqa: E402

RANK = {"info": 0, "warning": 1, "error": 2}


def flagged_lines(findings: list[dict], severity: str, related: bool) -> dict[str, set[int]]:
    """Lines each file's findings at or above a severity cover, leaving out the rules that the
    data's format forces (as ``corpus_eval --detection`` does)."""
    out: dict[str, set[int]] = {}
    for f in findings:
        ignore = BBC_IGNORE if "bbc_news_human" in f["path"] else NO_HEADLINE
        if RANK[f["severity"]] < RANK[severity] or f["rule"] in ignore:
            continue
        lines = out.setdefault(f["path"], set())
        lines.update(range(f["line"], f["end_line"] + 1))
        if related:
            for r in f.get("related", []):
                lines.update(range(r["line"], r["end_line"] + 1))
    return out


def score(sample: str, corpora: Path, severity: str, related: bool, misses: bool) -> None:
    data = json.loads((HERE / f"{sample}.json").read_text(encoding="utf-8"))
    files = {str((corpora / p).resolve()): p for p in data["files"]}
    findings, _ = run(list(files))
    flagged = flagged_lines(findings, severity, related)
    totals = {k: [0, 0, 0] for k in ("all", "llm", "bbc")}  # hits, annotated, flagged
    for path, rel in files.items():
        marked = {int(n) for n in data["files"][rel]["lines"]}
        got = flagged.get(path, set())
        for key in ("all", "llm" if rel.startswith("llmfake") else "bbc"):
            totals[key][0] += len(marked & got)
            totals[key][1] += len(marked)
            totals[key][2] += len(got)
        if misses and (marked - got or got - marked):
            print(f"  {rel}: missed {sorted(marked - got)} extra {sorted(got - marked)}")
    for key, (hits, marked, got) in totals.items():
        recall = 100 * hits / marked if marked else 0.0
        precision = 100 * hits / got if got else 100.0
        print(
            f"{sample} {key:<4} recall {recall:5.1f}% ({hits}/{marked})  "
            f"precision {precision:5.1f}% ({hits}/{got})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="*", default=["dev"])
    parser.add_argument("--corpora", type=Path, default=HERE.parents[2] / "shared" / "corpora")
    parser.add_argument("--severity", default="warning", choices=list(RANK))
    parser.add_argument("--no-related", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list each file's misses")
    args = parser.parse_args()
    for sample in args.samples:
        score(sample, args.corpora, args.severity, not args.no_related, args.misses)


if __name__ == "__main__":
    main()
