"""--jobs, the findings cache and the progress bar, through the real CLI (no timing)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_seolint

from seolint.cache.stat_index import QUIET_NS
from seolint.run import progress

ARTICLE = """# Council approves new library

The council approved the plan on Monday, the mayor said.

Reports indicate that work will start in spring. It is worth noting that the budget is tight.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A project with a dozen articles, two of them in a subfolder."""
    root = tmp_path / "project"
    (root / "news").mkdir(parents=True)
    shutil.copy(SEED, root / "seed.txt")
    for n in range(10):
        (root / f"story{n:02}.md").write_text(ARTICLE.replace("Monday", f"day {n}"), "utf-8")
    (root / "news" / "a.md").write_text(ARTICLE, "utf-8")
    (root / "news" / "b.md").write_text("Short\n\nThe amidst text.\n", "utf-8")
    return root


def check(root: Path, *args: str, env: dict | None = None):
    return run_seolint("check", *args, cwd=root, env=env)


def entries(root: Path) -> dict[Path, int]:
    """Cache entry files and their modification times (the stat index aside)."""
    cache = root / ".seolint_cache"
    return {
        p: p.stat().st_mtime_ns
        for p in cache.rglob("*")
        if p.is_file() and p.parent != cache and p.parent.name != "stat"
    }


# Installed as sitecustomize in the runs that come "later": the clock reads LATER_NS ahead,
# as if the run started that long after the files were written (a file's change time cannot be
# set back, so the clock is set forward instead of sleeping); with OPEN_LOG set, every file the
# process opens goes to OPEN_LOG.
_SITECUSTOMIZE = """import os, sys, time
_ahead = int(os.environ["LATER_NS"])
_time_ns, _time = time.time_ns, time.time
time.time_ns = lambda: _time_ns() + _ahead
time.time = lambda: _time() + _ahead / 1e9
if "OPEN_LOG" in os.environ:
    _log = os.open(os.environ["OPEN_LOG"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    def _opened(event, args):
        if event == "open" and isinstance(args[0], str):
            os.write(_log, os.path.abspath(args[0]).encode() + b"\\n")
    sys.addaudithook(_opened)
"""


def later(root: Path, tmp_path: Path, *args: str, log: Path | None = None):
    """A check run past the stat index's quiet window: one whose files were all written long
    enough before it for the index to vouch for them (see seolint.cache.stat_index)."""
    (tmp_path / "later").mkdir(exist_ok=True)
    (tmp_path / "later" / "sitecustomize.py").write_text(_SITECUSTOMIZE, "utf-8")
    path = os.pathsep.join([str(tmp_path / "later"), str(ROOT)])
    env = {"PYTHONPATH": path, "LATER_NS": str(QUIET_NS + 1_000_000_000)}
    return check(root, *args, env={**env, "OPEN_LOG": str(log)} if log else env)


def traced_check(root: Path, tmp_path: Path, *args: str):
    """A check run (past the quiet window), and the set of files it opened."""
    log = tmp_path / "opened.log"
    log.unlink(missing_ok=True)
    proc = later(root, tmp_path, *args, log=log)
    return proc, set(log.read_text("utf-8").splitlines())


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_jobs_do_not_change_the_output(folder: Path, fmt: str) -> None:
    serial = check(folder, "--no-cache", "--jobs", "1", "--format", fmt, ".")
    for jobs in ("2", "3"):
        parallel = check(folder, "--no-cache", "--jobs", jobs, "--format", fmt, ".")
        assert parallel.stdout == serial.stdout
        assert parallel.stderr == serial.stderr
        assert parallel.returncode == serial.returncode == 1


def test_jobs_keep_stdin_and_errors_in_place(folder: Path) -> None:
    args = ["--no-cache", "--stdin-filename", "in.md", "seed.txt", "-", "missing.md", "news"]
    serial = run_seolint("check", "--jobs", "1", *args, cwd=folder, input=ARTICLE)
    parallel = run_seolint("check", "--jobs", "2", *args, cwd=folder, input=ARTICLE)
    assert "in.md:" in serial.stdout and "missing.md" in serial.stderr
    assert (parallel.stdout, parallel.stderr) == (serial.stdout, serial.stderr)
    assert parallel.returncode == serial.returncode == 2


def test_bad_jobs_value_is_a_usage_error(folder: Path) -> None:
    proc = check(folder, "--jobs", "-1", ".")
    assert proc.returncode == 2 and "--jobs" in proc.stderr


def test_second_run_reads_the_cache(folder: Path) -> None:
    first = check(folder, "--format", "json", ".")
    stored = entries(folder)
    assert len(stored) == 13 + 1  # one entry per file, and the built-in rule packs
    second = check(folder, "--format", "json", ".")
    assert (second.stdout, second.stderr, second.returncode) == (
        first.stdout,
        first.stderr,
        first.returncode,
    )
    assert entries(folder) == stored  # every file was a hit: nothing written again


def test_unchanged_files_are_not_read_again(folder: Path, tmp_path: Path) -> None:
    first = later(folder, tmp_path, "--jobs", "2", "--format", "json", ".")  # findings from workers
    second, opened = traced_check(folder, tmp_path, "--format", "json", ".")
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    articles = {str(p) for p in folder.rglob("*") if p.suffix in (".md", ".txt")}
    assert len(articles) == 13 and not articles & opened
    cached = [p for p in opened if "/.seolint_cache/" in p]
    assert cached and all("/stat/" in p for p in cached)  # the stat index alone answered
    for index in (folder / ".seolint_cache").rglob("stat/*"):
        index.write_bytes(index.read_bytes()[:-9])  # damaged: never trusted
    third, opened = traced_check(folder, tmp_path, "--format", "json", ".")
    assert third.stdout == first.stdout and articles <= opened


def test_the_stat_index_of_many_folders_is_kept_whole(tmp_path: Path) -> None:
    """Only the shards of the last folders walked stay in memory; the others are written and
    let go, and a record whose findings come back from a worker later reads its shard back:
    every file must still be known in the next run."""
    root = tmp_path / "archive"
    for year in range(2019, 2025):
        for n in range(4):
            story = root / str(year) / f"story{n}.md"
            story.parent.mkdir(parents=True, exist_ok=True)
            story.write_text(ARTICLE.replace("Monday", f"day {n} of {year}"), "utf-8")
    first = later(root, tmp_path, "--jobs", "2", "--format", "json", ".")
    second, opened = traced_check(root, tmp_path, "--format", "json", ".")
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    entries = [p for p in opened if "/.seolint_cache/" in p and "/stat/" not in p]
    assert not entries and not [p for p in opened if p.endswith(".md")]


def test_rewrite_keeping_size_and_time_is_seen(folder: Path, tmp_path: Path) -> None:
    assert "story03.md:5:1: info vague-attribution" in later(folder, tmp_path, ".").stdout
    story = folder / "story03.md"
    before = story.stat()
    story.write_text(story.read_text("utf-8").replace("Reports", "Doctors"), "utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = story.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert after.st_ctime_ns != before.st_ctime_ns  # only the change time tells
    proc, opened = traced_check(folder, tmp_path, ".")
    assert str(story) in opened and str(folder / "story04.md") not in opened
    assert "story03.md:5:1: info vague-attribution" not in proc.stdout
    assert "story04.md:5:1: info vague-attribution" in proc.stdout


def test_cache_matches_an_uncached_run(folder: Path) -> None:
    check(folder, ".")
    cached = check(folder, "--format", "json", ".")
    fresh = check(folder, "--no-cache", "--format", "json", ".")
    assert cached.stdout == fresh.stdout


def test_changed_file_is_checked_again(folder: Path) -> None:
    check(folder, ".")
    story = folder / "story03.md"
    story.write_text(story.read_text("utf-8") + "\nObservers are keenly aware of it.\n", "utf-8")
    proc = check(folder, "story03.md")
    assert "story03.md:7:1: info vague-attribution" in proc.stdout


def test_changed_config_is_applied(folder: Path) -> None:
    before = check(folder, ".")
    assert "vague-attribution" in before.stdout
    (folder / ".seolint.yaml").write_text("ignore: [vague-attribution]\n", "utf-8")
    after = check(folder, ".")
    assert "vague-attribution" not in after.stdout


def test_changed_rule_file_is_applied(folder: Path) -> None:
    rules = folder / "house"
    rules.mkdir()
    pack = rules / "house.yaml"
    rule = "category: house\nrules:\n  - id: no-council\n    kind: existence\n"
    pack.write_text(rule + "    message: 'first {match}'\n    tokens: [council]\n", "utf-8")
    assert "first council" in check(folder, "--rules-dir", "house", "news").stdout
    pack.write_text(rule + "    message: 'second {match}'\n    tokens: [council]\n", "utf-8")
    proc = check(folder, "--rules-dir", "house", "news")
    assert "second council" in proc.stdout and "first council" not in proc.stdout


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"garbage",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.replace(b'"warning"', b'"error"'),  # valid JSON, wrong checksum
    ],
)
def test_corrupt_cache_is_rebuilt(folder: Path, damage) -> None:
    first = check(folder, "--format", "json", ".")
    stored = entries(folder)
    for path in stored:
        path.write_bytes(damage(path.read_bytes()))
    second = check(folder, "--format", "json", ".")
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    third = check(folder, "--format", "json", ".")
    assert third.stdout == first.stdout
    assert set(entries(folder)) == set(stored)  # the same entries, sound again


def test_no_cache_writes_nothing(folder: Path) -> None:
    check(folder, "--no-cache", ".")
    assert not (folder / ".seolint_cache").exists()


def test_clean_removes_the_cache_and_nothing_else(folder: Path) -> None:
    check(folder, ".")
    removed = run_seolint("clean", cwd=folder)
    assert (removed.returncode, removed.stdout) == (0, "removed .seolint_cache\n")
    assert not (folder / ".seolint_cache").exists() and (folder / "seed.txt").is_file()
    again = run_seolint("clean", cwd=folder)
    assert (again.returncode, again.stdout) == (0, "no cache at .seolint_cache\n")
    (folder / "news" / "keep.txt").write_text("mine", "utf-8")
    refused = run_seolint("clean", cwd=folder, env={"SEOLINT_CACHE_DIR": str(folder / "news")})
    assert refused.returncode == 2 and "not a seolint cache" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1 and (folder / "news" / "keep.txt").is_file()


def test_cache_lives_beside_the_configuration(folder: Path) -> None:
    (folder / ".seolint.yaml").write_text("fail-on: error\n", "utf-8")
    check(folder / "news", "a.md")
    assert (folder / ".seolint_cache").is_dir()
    assert not (folder / "news" / ".seolint_cache").exists()


def test_fix_after_a_cached_run(folder: Path) -> None:
    check(folder, ".")
    proc = check(folder, "--diff", "news/b.md")
    assert "+The amid text." in proc.stdout


def test_no_progress_bar_when_stderr_is_not_a_terminal(folder: Path) -> None:
    proc = check(folder, "--jobs", "2", ".")
    assert proc.stderr.splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith(tuple("0123456789")) and "\r" not in proc.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_and_erases_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr(progress, "INTERVAL", 0)
    assert progress.Progress.for_stream(io.StringIO(), 4) is None
    stream = _Terminal()
    bar = progress.Progress.for_stream(stream, 4)
    bar.advance()
    bar.advance()
    assert stream.getvalue().endswith("] 2/4 files")
    bar.erase()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_cached_rules_never_hide_a_broken_rule_file(folder: Path) -> None:
    house = folder / "house"
    house.mkdir()
    pack = house / "house.yaml"
    pack.write_text(
        "rules:\n  - {id: no-mayor, kind: existence, message: '{match}', patterns: [mayor]}\n",
        "utf-8",
    )
    good = check(folder, "--rules-dir", "house", "--select", "no-mayor", "story01.md")
    assert "no-mayor" in good.stdout and (folder / ".seolint_cache" / "rules").is_dir()
    pack.write_text(pack.read_text("utf-8").replace("[mayor]", "['(mayor']"), "utf-8")
    broken = check(folder, "--rules-dir", "house", "--select", "no-mayor", "story01.md")
    assert (
        broken.returncode == 2
        and "house.yaml:2: rule no-mayor: bad regular expression" in broken.stderr
    )
