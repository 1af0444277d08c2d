"""README's Installation section: the distribution name it gives is the one pip builds from
this repository, and that name installs the `seolint` command and package."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

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


def test_readme_names_the_distribution_pip_builds(tmp_path):
    """Every `NAME @ URL` requirement in README names this distribution (pip refuses a
    requirement whose name differs from the package it builds), and pip builds it."""
    name = distribution_name()
    commands = readme_install_commands()
    assert {"pip", "pipx", "uv"} <= {c.split()[0] for c in commands}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = re.findall(r'"([A-Za-z0-9._-]+) @ git\+https://', readme)
    assert named and set(named) == {name}, named
    assert re.findall(r"(?:pip|pipx|uv tool) install (seolint-news)\b", readme)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            f"{name} @ {ROOT.as_uri()}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    [wheel] = tmp_path.glob("*.whl")
    assert wheel.name.startswith("seolint_news-")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "seolint = seolint.cli:main" in archive.read(entry_points).decode()
    assert "seolint/__init__.py" in names and "seolint/_rules/seo.yaml" in names


def test_readme_git_pin_installs_the_command(tmp_path):
    """README's `pip install "NAME @ git+URL@COMMIT"`, run for real against this repository's
    own commit (a file:// URL: tests stay offline but for the package registry)."""
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
    venv = tmp_path / "venv"
    new_venv(venv)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    proc = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", requirement],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    version = subprocess.run(
        [str(bin_dir / "seolint"), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.stdout.startswith("seolint "), version.stderr
