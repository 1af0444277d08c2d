"""Shared test helpers: run the real CLI in a subprocess, find the shared corpora."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fe45aa818bf3099d.txt"
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


def run_seolint(
    *args: str,
    cwd: Path | str | None = None,
    input: bytes | str | None = None,
    env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run ``python -m seolint ARGS`` as a user would, capturing text output."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    if isinstance(input, str):
        input = input.encode()
    proc = subprocess.run(
        [sys.executable, "-m", "seolint", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=full_env,
        timeout=300,
    )
    proc.stdout = proc.stdout.decode("utf-8")
    proc.stderr = proc.stderr.decode("utf-8")
    return proc


@pytest.fixture
def seolint(tmp_path):
    """Run seolint with the working directory in a fresh temporary folder."""

    def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
        return run_seolint(*args, cwd=cwd or tmp_path, **kwargs)

    return run


def findings(proc: subprocess.CompletedProcess) -> list[dict]:
    """Parse ``--format json`` output."""
    return json.loads(proc.stdout)


def corpus(name: str) -> Path:
    """A shared corpus folder, or skip the test when it is not on this machine."""
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"shared corpus {name} not available")
    return path
