"""``check --fix`` and ``--diff`` through the real CLI: safe, exact, stable, atomic."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
import rule_tester
from conftest import SEED, findings

from seolint.fix.apply import apply_fixes
from seolint.model.diagnostics import Edit

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
# What --fix does to the seed: "amidst" becomes "amid"; the trailing "SEO Keywords" section,
# with the "Source link" line inside it, goes. Nothing else changes.
SEED_FIXED = SEED_TEXT[: SEED_TEXT.index("### SEO Keywords")].replace("amidst", "amid", 1)


def write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_seed_before_and_after_fix(seolint, tmp_path):
    path = write(tmp_path, "article.txt", SEED_BYTES)
    before = {f["rule"] for f in findings(seolint("check", "--format", "json", "article.txt"))}
    assert {"seo-keywords-section", "source-link-line", "wordy-phrase"} <= before

    proc = seolint("check", "--fix", "article.txt")
    assert proc.returncode == 1, proc.stderr  # other findings remain
    # three findings fixed: the source-link line goes with the keywords section around it
    assert "fixed 3 findings in 1 file" in proc.stderr
    assert path.read_text(encoding="utf-8") == SEED_FIXED
    assert "article.txt:17:97: warning cliche" in proc.stdout  # the remaining findings
    for gone in ("seo-keywords-section", "source-link-line", "wordy-phrase", "seo-talk"):
        assert gone not in proc.stdout

    again = seolint("check", "--fix", "article.txt")
    assert path.read_text(encoding="utf-8") == SEED_FIXED
    assert "fixed 0 findings in 0 files" in again.stderr
    assert again.stdout == proc.stdout


def test_diff_prints_a_patch_and_changes_nothing(seolint, tmp_path):
    path = write(tmp_path, "article.txt", SEED_BYTES)
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    proc = seolint("check", "--diff", "article.txt")
    assert proc.returncode == 1  # something would change
    assert path.read_bytes() == SEED_BYTES
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)
    lines = proc.stdout.splitlines()
    assert lines[:2] == ["--- a/article.txt", "+++ b/article.txt"]
    assert "-### SEO Keywords" in lines and "-Source link" in lines
    assert any(line.startswith("+") and " amid ongoing" in line for line in lines)
    assert "would fix 3 findings in 1 file" in proc.stderr
    # The diff is a real patch: git apply turns the file into what --fix writes.
    subprocess.run(["git", "apply", "-"], input=proc.stdout.encode(), cwd=tmp_path, check=True)
    assert path.read_text(encoding="utf-8") == SEED_FIXED
    clean = seolint("check", "--diff", "article.txt")
    assert (clean.returncode, clean.stdout) == (0, "")


def test_crlf_stays_crlf(seolint, tmp_path):
    text = "Headline\n\nTalks went on amidst protests, officials said.\n\nRead more\n\nMore text.\n"
    path = write(tmp_path, "a.md", text.replace("\n", "\r\n"))
    seolint("check", "--fix", "a.md")
    want = "Headline\n\nTalks went on amid protests, officials said.\n\nMore text.\n"
    assert path.read_bytes() == want.replace("\n", "\r\n").encode()


def test_bom_is_kept(seolint, tmp_path):
    path = write(tmp_path, "a.md", "\ufeffHeadline\n\nIt rained amidst the talks.\n\nSource link\n")
    seolint("check", "--fix", "a.md")
    assert path.read_bytes() == "\ufeffHeadline\n\nIt rained amid the talks.\n".encode()


def test_substitution_fix_keeps_case_and_skips_quotes(seolint, tmp_path):
    text = (
        "Headline\n\nAmidst the noise, the mayor spoke. She left due to the fact that it rained. "
        '"We met amidst chaos," she said.\n'
    )
    path = write(tmp_path, "a.md", text)
    proc = seolint("check", "--fix", "a.md")
    assert "fixed 2 findings in 1 file" in proc.stderr
    assert path.read_text(encoding="utf-8") == (
        "Headline\n\nAmid the noise, the mayor spoke. She left because it rained. "
        '"We met amidst chaos," she said.\n'
    )


def test_broken_front_matter_is_not_touched(seolint, tmp_path):
    data = b"---\ntitle: [unclosed\n---\n\nIt rained amidst the talks.\n\nSource link\n"
    path = write(tmp_path, "a.md", data)
    proc = seolint("check", "--fix", "a.md")
    assert path.read_bytes() == data
    assert "a.md: not fixed: front matter is not valid YAML" in proc.stderr
    assert "front-matter-invalid" in proc.stdout and "source-link-line" in proc.stdout
    assert "fixed 0 findings in 0 files" in proc.stderr


def test_a_fix_that_would_break_the_front_matter_is_not_written(seolint, tmp_path):
    write(
        tmp_path,
        "house/house.yaml",
        "category: house\nrules:\n  - id: colon-swap\n    kind: substitution\n"
        "    severity: info\n    message: x\n    scope: title\n"
        '    swap: {amidst: "amid: the"}\n',
    )
    data = b"---\ntitle: Talks amidst war\n---\n\nIt rained amidst the talks.\n"
    path = write(tmp_path, "a.md", data)
    proc = seolint("check", "--fix", "--rules-dir", "house", "a.md")
    assert path.read_bytes() == data
    assert "a.md: not fixed: the fixes would break the front matter" in proc.stderr


def test_mixed_line_endings_are_not_touched(seolint, tmp_path):
    data = b"Headline\r\n\r\nIt rained amidst the talks.\n\nSource link\n"
    path = write(tmp_path, "a.md", data)
    proc = seolint("check", "--fix", "a.md")
    assert path.read_bytes() == data
    assert "a.md: not fixed: mixed line endings" in proc.stderr


def test_disable_comment_stops_a_fix(seolint, tmp_path):
    text = (
        "Headline\n\nIt rained amidst the talks.\n\n"
        "<!-- seolint-disable-next-line source-link-line -->\nSource link\n\nRead more\n"
    )
    path = write(tmp_path, "a.md", text)
    seolint("check", "--fix", "a.md")
    assert path.read_text(encoding="utf-8") == (
        "Headline\n\nIt rained amid the talks.\n\n"
        "<!-- seolint-disable-next-line source-link-line -->\nSource link\n"
    )


def test_write_is_atomic_and_keeps_permissions(seolint, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    path = write(folder, "a.md", "Headline\n\nIt rained amidst the talks.\n")
    path.chmod(0o640)
    inode = path.stat().st_ino
    link = tmp_path / "link.md"
    link.symlink_to(path)
    proc = seolint("check", "--fix", "link.md")
    assert "fixed 1 finding in 1 file" in proc.stderr
    assert path.read_text(encoding="utf-8") == "Headline\n\nIt rained amid the talks.\n"
    assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert link.is_symlink() and os.listdir(folder) == ["a.md"]  # no temporary file left


def test_fix_removes_exactly_the_fixed_spans(seolint, tmp_path):
    # (text, removed by --fix?) pieces: the result must be the kept pieces, byte for byte.
    pieces = [
        ("---\ntitle: Storm closes schools across the county\n---\n\n", False),
        ("Schools closed on Monday as the storm hit, officials said.\n", False),
        ("\nRead more\n", True),
        ("\nRead more about it in the [county report](https://example.org/r).\n\n", False),
        ("```\nSource link\n```\n", False),
        ("\nThe post Storm hits appeared first on Daily Weather.\n", True),
        (
            "\n## Keywords\n\nA section that is not last stays.\n\n## Roads\n\nRoads are shut.\n",
            False,
        ),
        ("\n## SEO keywords\n\nstorm, schools, county\n\nSource link\n", True),
    ]
    path = write(tmp_path, "a.md", "".join(text for text, _ in pieces))
    proc = seolint("check", "--fix", "a.md")
    assert path.read_text(encoding="utf-8") == "".join(t for t, gone in pieces if not gone)
    assert "seo-keywords-section" in proc.stdout  # the middle section: reported, not fixed


def test_stdin_fix_prints_the_fixed_text(seolint):
    text = "Headline\r\n\r\nIt rained amidst the talks.\r\n\r\nSource link\r\n"
    proc = seolint("check", "--fix", "-", "--stdin-filename", "story.md", input=text)
    assert proc.stdout == "Headline\r\n\r\nIt rained amid the talks.\r\n"
    assert "fixed 2 findings in 1 file" in proc.stderr


def test_stdin_with_other_paths_is_refused(seolint, tmp_path):
    write(tmp_path, "a.md", "Headline\n\nIt rained amidst the talks.\n")
    proc = seolint("check", "--fix", "-", "a.md", input="x")
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("seolint: -: --fix and --diff read stdin only")
    assert "amidst" in (tmp_path / "a.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args", [("--fix", "--diff", "a.md"), ("--fix", "missing.md"), ("--fix", "bin.md")]
)
def test_bad_input_is_one_line_and_exit_2(seolint, tmp_path, args):
    write(tmp_path, "bin.md", b"\0\x01binary")
    proc = seolint("check", *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("seolint: ")
    assert (tmp_path / "bin.md").read_bytes() == b"\0\x01binary"


def test_overlapping_fixes_apply_in_position_order_and_whole():
    text = "".join(chr(ord("a") + i % 26) for i in range(40))
    first = (Edit(5, 6, "A"), Edit(28, 32, "B"))  # starts first: taken
    section = (Edit(10, 30, ""),)  # overlaps the first fix's second edit: skipped
    line = (Edit(20, 25, ""),)
    late = (Edit(35, 36, "X"), Edit(22, 23, "Y"))  # one edit overlaps the line: skipped whole
    new, applied = apply_fixes(text, [late, section, line, first])
    assert applied == 2
    assert new == text[:5] + "A" + text[6:20] + text[25:28] + "B" + text[32:]


def test_a_linked_boilerplate_line_is_reported_but_not_removed():
    """ "[Source](url)" names no source, but removing it would drop the only link to it."""
    text = (
        "# Rates held\n\nThe bank held rates, the governor said.\n\n"
        "[Source](https://example.com/story)\n\nSource link\n"
    )
    found = [(f.rule, f.line, f.fixable) for f in rule_tester.lint(text, "boilerplate")]
    assert found == [("source-link-line", 5, False), ("source-link-line", 7, True)]
    assert rule_tester.fix(text, "boilerplate") == text.removesuffix("\nSource link\n")
