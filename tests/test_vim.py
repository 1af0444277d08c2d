"""README's Vim set-up, run by the real Vim: `:make` fills the quickfix list with the findings
and nothing else (the closing count on stderr is not an entry)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, findings, run_seolint


def readme_vim_lines() -> list[str]:
    """The ex commands of README's Vim block (comments left out)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```vim\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith('"')]


def test_readme_errorformat_fills_quickfix_with_the_findings_only(tmp_path):
    vim = shutil.which("vim") or shutil.which("vim.tiny")
    if vim is None:
        pytest.skip("vim is not installed (apt-get install vim-tiny)")
    article = tmp_path / "story.txt"
    article.write_bytes(SEED.read_bytes())
    commands = [*readme_vim_lines(), "silent make!"]
    commands.append('call writefile([json_encode(getqflist())], "qf.json")')
    args = [vim, "-Nu", "NONE", "-i", "NONE", "-n", "-es"]
    for command in [*commands, "qa!"]:
        args += ["-c", command]
    # `seolint` on PATH as installed, this checkout on the import path
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    subprocess.run(
        [*args, "story.txt"], cwd=tmp_path, env=env, capture_output=True, timeout=120, check=True
    )
    entries = json.loads((tmp_path / "qf.json").read_text(encoding="utf-8"))
    expected = findings(run_seolint("check", "--format", "json", "story.txt", cwd=tmp_path))
    assert len(expected) > 10
    assert [e["text"] for e in entries if not e["valid"]] == []  # no junk entry
    assert [(e["lnum"], e["col"], e["type"]) for e in entries] == [
        (f["line"], f["column"], f["severity"][0]) for f in expected
    ]
    assert all(e["text"].split()[0] == f["rule"] for e, f in zip(entries, expected, strict=True))
