"""The Python API's speed: articles a second in one process, and what importing costs.

Usage: python bench/api.py [--files N] [--runs N] [--shared DIR]

Lints bench/perf.py's corpus (N seed-sized articles made of the BBC articles in
../shared/corpora) with one ``seolint.Linter``, as a CMS would, text by text; prints the
median articles a second over the runs (the first run, which builds the rules, apart), the
cold cost of ``import seolint`` and of the API's first use, each in a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import perf  # noqa: E402
from perf import ENV, REPO  # noqa: E402


def fresh(code: str, runs: int) -> float:
    """Median milliseconds of ``python -c code`` less those of ``python -c pass``."""

    def timed(text: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", text], env=ENV, cwd=REPO, check=True)
        return time.perf_counter() - start

    base = statistics.median(timed("pass") for _ in range(runs))
    return 1000 * (statistics.median(timed(code) for _ in range(runs)) - base)


def import_cost(runs: int) -> float:
    """Median milliseconds ``import seolint`` takes, by ``python -X importtime``."""
    costs = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import seolint"],
            env=ENV,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(x for x in proc.stderr.splitlines() if x.endswith("| seolint"))
        costs.append(int(line.split("|")[1]) / 1000)
    return statistics.median(costs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shared", type=Path, help="the shared folder (default: ../shared)")
    args = parser.parse_args()
    if args.shared:
        perf.BBC = args.shared / "corpora" / "bbc_news_human"
    sys.path.insert(0, str(REPO))
    import seolint

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        perf.build_corpus(folder, args.files)
        texts = [(str(p), p.read_text("utf-8")) for p in sorted(folder.iterdir())]
        linter = seolint.Linter()
        start = time.perf_counter()
        linter.lint_text(*reversed(texts[0]))
        first = time.perf_counter() - start
        rates = []
        for _ in range(args.runs):
            start = time.perf_counter()
            found = sum(len(linter.lint_text(text, path)) for path, text in texts)
            rates.append(len(texts) / (time.perf_counter() - start))
    print(f"articles: {len(texts)}, findings a run: {found}")
    print(f"first call (builds the rules): {1000 * first:.0f} ms")
    print(
        f"throughput, one process: {statistics.median(rates):,.0f} articles/s (runs: "
        + ", ".join(f"{r:,.0f}" for r in rates)
        + ")"
    )
    print(f"import seolint: {import_cost(5):.1f} ms (-X importtime, cumulative)")
    print(
        f"import seolint and use the API once: "
        f"{fresh('import seolint; seolint.lint_text(chr(120))', 5):.0f} ms over python -c pass"
    )


if __name__ == "__main__":
    main()
