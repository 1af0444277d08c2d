"""docs/api.md's Dask example, run as written on a local cluster of worker processes: its
findings must be those of ``seolint check --format json`` on the same folder."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, findings, run_seolint
from test_api import articles

# The example runs in its own process: this one only needs to know that Dask is installed
# (importing dask.distributed here would cost every pytest-xdist worker 0.3 s at collection).
if not all(importlib.util.find_spec(name) for name in ("dask", "distributed")):
    pytest.skip("dask[distributed] is not installed", allow_module_level=True)

MARK = "<!-- dask-example"


def example() -> str:
    """The Python block that follows the marker in docs/api.md."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    after = text[text.index(MARK) :]
    start = after.index("```python\n") + len("```python\n")
    return after[start : after.index("```\n", start)]


def test_dask_bag_over_a_folder_equals_check_json(tmp_path):
    articles(tmp_path / "articles", 120)
    (tmp_path / ".seolint.yaml").write_text(
        "exclude: ['story-01*']\ninclude: ['*.md']\nrules:\n  paragraph-too-long: {max: 90}\n",
        encoding="utf-8",
    )
    script = tmp_path / "lint_archive.py"
    script.write_text(example(), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, str(script), "articles"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    expected = findings(
        run_seolint(
            "check",
            "--no-cache",
            "--format",
            "json",
            "--extend-ignore",
            "site",
            "articles",
            cwd=tmp_path,
        )
    )
    assert len(expected) > 500
    assert not any(f["path"].startswith("articles/story-01") for f in expected)
    assert not any(f["path"].endswith(".txt") for f in expected)  # include: only .md
    assert json.loads(proc.stdout) == expected
