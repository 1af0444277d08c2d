"""The pre-commit hook, run by the real pre-commit framework against this repository.

``pre-commit try-repo`` clones this repository (with uncommitted changes to tracked files,
through a temporary commit), pip-installs seolint into its own environment and runs the
hook from ``.pre-commit-hooks.yaml``. It uses a fresh store each time, so each run installs:
one test runs it as README shows. The others run ``pre-commit run`` with a configuration
naming what try-repo would clone (this repository at HEAD, or, with uncommitted changes, a
commit of them in a copy, made as try-repo makes it) and share one store, so the hook's
environment is installed once for them all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

GOOD = """\
---
title: City council approves bike lanes on Main Street
description: The city council voted 7-2 on Tuesday to build protected bike lanes on Main Street, with work to start in May and to finish before the end of the year.
---

The city council voted 7-2 on Tuesday to build protected bike lanes along two miles of Main Street.

Work starts in May and should end by December, the transport department said. The lanes will cost $4.2 million, paid for by a state grant.

"People asked for safer streets, and this is what safer streets look like," council member Ana Ruiz said after the vote.

## Parking

Shop owners on Main Street said they feared losing trade. The plan removes 40 of the street's 310 parking spaces, according to the [council's report](https://example.org/council/bike-lanes).

"Most of our customers drive in from the suburbs," said Tom Becker, who runs a hardware store near the station. He said he would ask the council to add spaces on side streets.

## Safety

Police recorded 23 crashes involving cyclists on Main Street last year, up from 15 the year before. Two riders were badly hurt.

The transport department said it would count bikes and cars before and after the work, and publish the figures online each month.
"""


def _pre_commit() -> str:
    """The pre-commit executable next to this Python, or on PATH; skip when absent."""
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if found is None:
        pytest.skip("pre-commit is not installed")
    return found


def _committed(path: str) -> bool:
    proc = subprocess.run(
        ["git", "ls-files", "--error-unmatch", path], cwd=ROOT, capture_output=True
    )
    return proc.returncode == 0


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """A git repository holding a bad article (the seed) and a good one."""
    if not (ROOT / ".git").exists() or not _committed(".pre-commit-hooks.yaml"):
        pytest.skip("try-repo needs this repository in git with .pre-commit-hooks.yaml committed")
    repo = tmp_path_factory.mktemp("articles")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "bad.md").write_bytes(SEED.read_bytes())
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    subprocess.run(["git", "add", "bad.md", "good.md"], cwd=repo, check=True)
    return repo


def try_repo(repo: Path, *files: str) -> subprocess.CompletedProcess:
    """``pre-commit try-repo ROOT seolint --files FILES`` in the articles repository."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the hook's own install
    return subprocess.run(
        [_pre_commit(), "try-repo", str(ROOT), "seolint", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _git(*args: str, cwd: Path, env: dict | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory) -> tuple[str, str]:
    """The repository and commit try-repo would use: this one at HEAD or, with uncommitted
    changes to tracked files, a copy with them committed (as try-repo's shadow repository)."""
    head = _git("rev-parse", "HEAD", cwd=ROOT)
    if subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT).returncode == 0:
        return str(ROOT), head
    shadow = tmp_path_factory.mktemp("shadow") / "repo"
    _git("clone", "-q", "--no-checkout", str(ROOT), str(shadow), cwd=ROOT)
    _git("checkout", "-q", head, "-b", "uncommitted", cwd=shadow)
    git_dir = shadow / ".git"
    env = {**os.environ, "GIT_INDEX_FILE": str(git_dir / "index")}
    env["GIT_OBJECT_DIRECTORY"] = str(git_dir / "objects")
    _git("add", "-u", cwd=ROOT, env=env)  # the tracked files as they are, into the copy
    who = ("-c", "user.name=seolint tests", "-c", "user.email=tests@invalid")
    _git(*who, "commit", "-q", "--no-verify", "-m", "uncommitted changes", cwd=shadow)
    return str(shadow), _git("rev-parse", "HEAD", cwd=shadow)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One pre-commit store (PRE_COMMIT_HOME) for the module's `pre-commit run`s."""
    return tmp_path_factory.mktemp("pre-commit-store")


def run_hook(repo: Path, store: Path, source: tuple[str, str], *args: str):
    """``pre-commit run ARGS`` in an articles repository whose configuration uses the hook
    from ``source`` (a repository and a commit), with the shared store."""
    config = (
        f"repos:\n  - repo: {source[0]}\n    rev: {source[1]}\n    hooks:\n      - id: seolint\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the hook's own install
    env["PRE_COMMIT_HOME"] = str(store)
    try:
        return subprocess.run(
            [_pre_commit(), "run", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        (repo / ".pre-commit-config.yaml").unlink()


def test_hook_fails_on_a_bad_article(articles):
    proc = try_repo(articles, "bad.md")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "seolint" in proc.stdout and "Failed" in proc.stdout
    assert "bad.md:18:1: error seo-keywords-section" in proc.stdout


def test_hook_passes_on_a_good_article(articles, store, hook_source):
    proc = run_hook(articles, store, hook_source, "--files", "good.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


# --- force-exclude, one run, and README's configuration -------------------------------------

SUMMARY = re.compile(r"^\d+ findings? \(.*\) in (\d+) files?$", re.M)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    """A repository whose .seolint.yaml excludes drafts, the README and pip files, as in the
    adoption report, with a dozen good articles beside them."""
    if not (ROOT / ".git").exists() or not _committed(".pre-commit-hooks.yaml"):
        pytest.skip("try-repo needs this repository in git with .pre-commit-hooks.yaml committed")
    repo = tmp_path_factory.mktemp("newsroom")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".seolint.yaml").write_text(
        'exclude: ["drafts/*", "README.md", "requirements.txt"]\n', encoding="utf-8"
    )
    (repo / "drafts").mkdir()
    for name in ("README.md", "drafts/todo.md"):
        (repo / name).write_bytes(SEED.read_bytes())  # would fail the hook if checked
    (repo / "requirements.txt").write_text("pyyaml>=6\n", encoding="utf-8")
    for n in range(12):
        (repo / f"story{n:02}.md").write_text(GOOD, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def test_hook_leaves_out_excluded_files_in_one_run(newsroom, store, hook_source):
    files = sorted(
        str(p.relative_to(newsroom)) for p in newsroom.rglob("*.*") if ".git" not in p.parts
    )
    proc = run_hook(newsroom, store, hook_source, "--files", *files, "--verbose")
    out = proc.stdout + proc.stderr
    assert "- hook id: seolint" in out, out
    for left_out in ("README.md:", "drafts/todo.md:", "requirements.txt:"):
        assert left_out not in out, out
    assert "missing-headline" not in out and "seo-keywords-section" not in out
    # require_serial: one process for all the files, so one closing count (without it,
    # pre-commit splits the twelve files into a batch per core)
    assert SUMMARY.findall(out) == ["12"], out


def test_hooks_file_asks_for_one_run_with_force_exclude():
    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["require_serial"] is True
    assert "--force-exclude" in hook["entry"].split()


def readme_pre_commit_config() -> str:
    """The first YAML block of README's pre-commit section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_readme_config_pins_a_commit_and_runs(articles, store, tmp_path):
    """README's configuration is valid for pre-commit without a mutable-rev warning, and, with
    this repository's path and its current commit filled in, runs the hook."""
    text = readme_pre_commit_config()
    (tmp_path / "readme.yaml").write_text(text, encoding="utf-8")
    check = subprocess.run(
        [_pre_commit(), "validate-config", str(tmp_path / "readme.yaml")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr, check
    assert re.search(r"^\s+rev: [0-9a-f]{40}\b", text, re.M), text
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = re.sub(r"(?m)^(\s+- repo: )\S+", rf"\g<1>{ROOT}", text)
    config = re.sub(r"(?m)^(\s+rev: )[0-9a-f]{40}", rf"\g<1>{head}", config)
    (articles / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PRE_COMMIT_HOME"] = str(store)  # shared: the same repository and commit in CI
    proc = subprocess.run(
        [_pre_commit(), "run", "--files", "good.md", "bad.md"],
        cwd=articles,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    (articles / ".pre-commit-config.yaml").unlink()
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bad.md:18:1: error seo-keywords-section" in proc.stdout
