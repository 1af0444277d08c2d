"""Record the JSON findings for every corpus and the seeds, or compare them with a record.

    python bench/findings_snapshot.py --record DIR    # before a change
    python bench/findings_snapshot.py --compare DIR   # after it: byte for byte, or exit 1

A refactor that claims "no change in behaviour" proves it with this script: the JSON output
of ``seolint check`` over each folder of ``../shared/corpora`` and over the seeds, with the
cache off and the default rules, must be the same bytes before and after.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def targets(shared: Path) -> dict[str, Path]:
    """Each corpus folder and the seeds, by a file-safe name."""
    corpora = shared / "corpora"
    if not corpora.is_dir():
        raise SystemExit(f"{corpora}: not found (give --shared)")
    return {"seeds": ROOT / "seeds", **{p.name: p for p in sorted(corpora.iterdir()) if p.is_dir()}}


def findings(folder: Path) -> bytes:
    """``seolint check --format json`` over one folder, uncached, as bytes."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "seolint",
            "check",
            "--no-cache",
            "--format",
            "json",
            "--exit-zero",
            "--quiet",
            str(folder),
        ],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"{folder}: seolint exited {done.returncode}: {done.stderr.decode()[:300]}"
        )
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", type=Path, help="save the findings in this folder")
    mode.add_argument("--compare", type=Path, help="compare with findings saved here")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    options = parser.parse_args()
    differ = 0
    for name, folder in targets(options.shared).items():
        out = findings(folder)
        if options.record:
            options.record.mkdir(parents=True, exist_ok=True)
            (options.record / f"{name}.json").write_bytes(out)
            print(f"{name}: recorded {len(out):,} bytes")
            continue
        before = (options.compare / f"{name}.json").read_bytes()
        same = before == out
        differ += not same
        print(f"{name}: {'identical' if same else 'DIFFERENT'} ({len(out):,} bytes)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
