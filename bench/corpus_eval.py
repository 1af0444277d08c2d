"""Corpus evaluation: how quiet seolint is on real journalism and how loud on a content farm.

Usage: python bench/corpus_eval.py FOLDER [FOLDER ...] [--rules]

For each folder it runs ``seolint check --format json`` over every article (default settings,
no configuration) and prints: files checked, the share with no warning or error, the share
with at least one warning or error, the mean number of findings of any severity, and with
``--rules`` the findings per rule (files hit and total).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def evaluate(folder: str) -> dict:
    """Run the real CLI over a folder (from an empty working directory: built-in defaults)."""
    env = {**os.environ, "PYTHONPATH": REPO + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory() as empty:
        proc = subprocess.run(
            [sys.executable, "-m", "seolint", "check", "--format", "json", os.path.abspath(folder)],
            capture_output=True,
            text=True,
            cwd=empty,
            env=env,
        )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"seolint failed on {folder}: {proc.stderr.strip()}")
    findings = json.loads(proc.stdout or "[]")
    by_file: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        by_file[f["path"]].append(f)
    checked = _count_files(proc.stderr)
    loud = sum(1 for items in by_file.values() if any(f["severity"] != "info" for f in items))
    rules: dict[str, Counter] = defaultdict(Counter)
    for _path, items in by_file.items():
        for rule, n in Counter(f["rule"] for f in items).items():
            rules[rule]["files"] += 1
            rules[rule]["findings"] += n
    return {
        "folder": folder,
        "files": checked,
        "clean_pct": 100 * (checked - loud) / checked if checked else 0.0,
        "loud_pct": 100 * loud / checked if checked else 0.0,
        "mean_findings": len(findings) / checked if checked else 0.0,
        "rules": rules,
    }


def _count_files(stderr: str) -> int:
    for line in stderr.splitlines():
        if " in " in line and "findings" in line:
            return int(line.rsplit(" in ", 1)[1].split()[0])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--rules", action="store_true", help="findings per rule")
    args = parser.parse_args()
    for folder in args.folders:
        r = evaluate(folder)
        print(
            f"{r['folder']}: {r['files']} files; no warning/error: {r['clean_pct']:.1f}%; "
            f"at least one warning/error: {r['loud_pct']:.1f}%; mean findings: {r['mean_findings']:.2f}"
        )
        if args.rules:
            for rule, c in sorted(r["rules"].items(), key=lambda kv: -kv[1]["files"]):
                print(f"    {rule:<28} files {c['files']:>5}  findings {c['findings']:>5}")


if __name__ == "__main__":
    main()
