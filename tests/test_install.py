"""README's Installation section: the distribution name it gives is the one pip builds from
this repository, and that name installs the `seolint` command and package."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, new_venv

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def distribution_name() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]


def readme_install_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Installation\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_name_is_not_the_unrelated_seolint():
    assert distribution_name() == "seolint-news"


@pytest.fixture(scope="module")
def git_pin_install(tmp_path_factory) -> Path:
    """README's `pip install "NAME @ git+URL@COMMIT"`, run for real against this repository's
    own commit (a file:// URL: tests stay offline but for the package registry) in a fresh
    virtual environment: the environment's folder of programs."""
    [command] = [
        c for c in readme_install_commands() if c.startswith("pip install") and "git+" in c
    ]
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if not head:
        pytest.skip("this checkout is not a git repository")
    requirement = re.search(r'"(.+)"', command).group(1)
    # file://localhost/...: the venv's own pip may be too old for a URL without a host
    url = f"git+file://localhost{ROOT.as_posix()}@{head}"
    requirement = re.sub(r"git\+https://\S+@COMMIT", url, requirement)
    venv = tmp_path_factory.mktemp("git-pin") / "venv"
    new_venv(venv)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    proc = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", requirement],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return bin_dir


def test_readme_names_the_distribution_pip_builds(git_pin_install):
    """Every `NAME @ URL` requirement in README names this distribution (pip refuses a
    requirement whose name differs from the package it builds), and pip builds and installs
    it from README's git pin: the `seolint` command, the package and its rule packs."""
    name = distribution_name()
    commands = readme_install_commands()
    assert {"pip", "pipx", "uv"} <= {c.split()[0] for c in commands}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = re.findall(r'"([A-Za-z0-9._-]+) @ git\+https://', readme)
    assert named and set(named) == {name}, named
    assert re.findall(r"(?:pip|pipx|uv tool) install (seolint-news)\b", readme)
    python = git_pin_install / "python"
    script = (
        "import importlib.metadata as m, json; d = m.distribution('seolint-news');"
        "print(json.dumps([d.metadata['Name'], d.read_text('entry_points.txt'),"
        " [str(f) for f in d.files]]))"
    )
    proc = subprocess.run([str(python), "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    installed, entry_points, files = json.loads(proc.stdout)
    assert installed == name
    assert "seolint = seolint.cli:main" in entry_points
    assert "seolint/__init__.py" in files and "seolint/_rules/seo.yaml" in files


def test_readme_git_pin_installs_the_command(git_pin_install):
    version = subprocess.run(
        [str(git_pin_install / "seolint"), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.stdout.startswith("seolint "), version.stderr
