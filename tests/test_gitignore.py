"""Folder walks leave out what git ignores: the real CLI against git itself, on a real repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_seolint

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

IGNORE = "\n".join(
    [
        "# build output and drafts",
        "/public/",
        "drafts/",
        "*.tmp.md",
        "!keep.tmp.md",
        "**/archive/**/old-*.md",
        "notes/*.txt",
        "docs/**/private.md",
        "\\#hash.md",
        "trailing.md   ",
        "[Ss]cratch*.md",
        "[!a-m]ix.md",
        "data?.txt",
        "deep/**",
        "cache",
        "\\!bang.md",
        "y/b.md",
        "*.MD",
        "solo.md/",
        "",
    ]
)
NESTED = "local.md\n!/sub/back.md\nsub/*.md\n"  # blog/.gitignore: anchored to blog/
FILES = [
    "story.md",
    "public/index.md",
    "blog/public/kept.md",
    "drafts/one.md",
    "blog/drafts/two.md",
    "a.tmp.md",
    "keep.tmp.md",
    "x/archive/2019/old-a.md",
    "x/archive/2019/new-a.md",
    "archive/old-b.md",
    "notes/n.txt",
    "notes/sub/n.txt",
    "docs/private.md",
    "docs/a/b/private.md",
    "#hash.md",
    "trailing.md",
    "Scratch1.md",
    "scratch.md",
    "nix.md",
    "bix.md",
    "data1.txt",
    "data12.txt",
    "deep/a/b.md",
    "blog/local.md",
    "local.md",
    "blog/sub/back.md",
    "blog/sub/gone.md",
    "blog/other/sub/stay.md",
    "x/cache/c.md",
    "cache/d.md",
    "!bang.md",
    "y/b.md",
    "z/y/b.md",
    "upper.MD",
    "lower.md",
    "solo.md",
    "w/solo.md/inside.md",
]


def checked(root: Path, *args: str) -> set[str]:
    """The files a run checked: each article is too short, so each has a thin-content note."""
    proc = run_seolint("check", "--no-cache", "--select", "thin-content", *args, cwd=root)
    assert proc.returncode in (0, 1), proc.stderr
    return {line.split(":", 1)[0] for line in proc.stdout.splitlines()}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Too short to be news.\n", "utf-8")
    (root / ".gitignore").write_text(IGNORE, "utf-8")
    (root / "blog" / ".gitignore").write_text(NESTED, "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("local.md\n", "utf-8")
    return root


def git_sees(root: Path) -> set[str]:
    """The articles git does not ignore, by git's own reckoning."""
    out = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {p for p in out.splitlines() if p.endswith((".md", ".txt"))}


def test_a_walk_skips_exactly_what_git_ignores(repo: Path) -> None:
    expected = git_sees(repo)
    assert 5 < len(expected) < len(FILES)  # the patterns both keep and drop files
    assert checked(repo, ".") == expected
    assert checked(repo / "blog", ".") == {
        p.removeprefix("blog/") for p in expected if p.startswith("blog/")
    }


def test_no_gitignore_and_named_files_check_everything(repo: Path) -> None:
    assert checked(repo, "--no-gitignore", ".") == set(FILES)
    assert checked(repo, "drafts/one.md", "a.tmp.md") == {"drafts/one.md", "a.tmp.md"}


def test_outside_a_repository_gitignore_files_are_not_read(repo: Path) -> None:
    shutil.rmtree(repo / ".git")
    assert checked(repo, ".") == set(FILES)
