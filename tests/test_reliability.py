"""Reliability (issue 13): line endings, values PyYAML converts, bad configurations and rule
packs. Each reproducer from the issue is a test here."""

from __future__ import annotations

import os

import pytest
from conftest import assert_one_line_error, findings
from rule_tester import lint

from seolint.read.source import decode

HUGE = "9" * 5000
GOOD = "# Markets rally as rates hold\n\nReports indicate shares rose, the exchange said.\n"


def write(folder, name: str, data: bytes | str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1, 2), proc.stderr


# 1. A lone CR is a line ending (as in CommonMark), in the model, positions and --fix.


@pytest.mark.parametrize("data", [b"\rq", b"Title\r\rText here.\r"])
def test_a_lone_cr_does_not_crash_and_later_files_are_checked(seolint, tmp_path, data):
    write(tmp_path, "a.md", data)
    write(tmp_path, "b.md", "# Markets rally as rates hold\n\nShares rose, the exchange said.\n")
    proc = seolint("check", "--no-cache", "--format", "json", "a.md", "b.md")
    no_traceback(proc)
    assert proc.returncode in (0, 1)  # checked: findings (or none at the failing level)
    assert {f["path"] for f in findings(proc)} == {"a.md", "b.md"}


def test_cr_lf_and_crlf_are_each_one_line_ending():
    source = decode("a.md", b"a\rb\r\nc\nd")
    assert source.text == "a\nb\nc\nd"
    assert source.mixed_newlines
    only_cr = decode("a.md", b"a\r\rb\r")
    assert (only_cr.text, only_cr.newline, only_cr.mixed_newlines) == ("a\n\nb\n", "\r", False)


def test_positions_count_a_lone_cr_as_a_line_break():
    text = "# Markets rally as rates hold\n\nReports indicate shares rose, the exchange said.\n"
    got = lint(text.replace("\n", "\r"), "vague-attribution", path="s.md")
    assert [(f.line, f.column, f.end_column) for f in got] == [(3, 1, 17)]


def test_fix_keeps_lone_cr_line_endings(seolint, tmp_path):
    text = "Headline\n\nIt rained amidst the talks.\n\nSource link\n"
    path = write(tmp_path, "a.md", text.replace("\n", "\r"))
    proc = seolint("check", "--fix", "--select", "wordy-phrase", "a.md")
    no_traceback(proc)
    assert path.read_bytes() == b"Headline\r\rIt rained amid the talks.\r\rSource link\r"


# 2. Front-matter values that PyYAML converts and cannot: a finding at the field's line.


@pytest.mark.parametrize(
    "value",
    ["2024-13-45", "2024-02-30", "!!int abc", "!!bool maybe", "!!timestamp yesterday", HUGE],
)
def test_front_matter_values_that_do_not_convert_are_a_finding_at_the_field(value):
    text = f"---\ntitle: Markets rally as rates hold steady\ndate: {value}\n---\n\nText.\n"
    got = [f for f in lint(text, path="a.md") if f.rule == "front-matter-invalid"]
    assert [(f.line, f.column) for f in got] == [(3, 7)]
    assert "'date'" in got[0].message


def test_a_top_level_value_that_does_not_convert_is_a_finding():
    found = lint("---\n!!int abc\n---\n\nText.\n", path="a.md")
    assert [f.line for f in found if f.rule == "front-matter-invalid"] == [2]


# 3. The same in .seolint.yaml and pyproject.toml: one line naming file and line, exit 2.


@pytest.mark.parametrize(
    "config, line",
    [
        ("fail-on: 2024-13-45\n", 1),
        ("select: [all]\nfocus-keyword: !!int abc\n", 2),
        ("rules:\n  wordy-phrase:\n    enabled: !!bool maybe\n", 3),
        (f"select: [all]\nfail-on: {HUGE}\n", 2),
        ("ignore: !!timestamp yesterday\n", 1),
    ],
)
def test_yaml_config_values_that_do_not_convert_are_errors(seolint, tmp_path, config, line):
    write(tmp_path, ".seolint.yaml", config)
    write(tmp_path, "a.md", "Text.\n")
    assert_one_line_error(seolint("check", "a.md"), f".seolint.yaml:{line}: ")


@pytest.mark.parametrize(
    "body, line",
    [
        (f'fail-on = "error"\nlimit = {HUGE}\n', 3),
        ('fail-on = "error"\nwhen = 2024-13-45\n', 3),
    ],
)
def test_pyproject_values_that_do_not_convert_are_errors(seolint, tmp_path, body, line):
    write(tmp_path, "pyproject.toml", "[tool.seolint]\n" + body)
    write(tmp_path, "a.md", "Text.\n")
    assert_one_line_error(seolint("check", "a.md"), f"pyproject.toml:{line}: invalid TOML")


def test_pyproject_in_utf16_is_an_error(seolint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.seolint]\nfail-on = "error"\n'.encode("utf-16"))
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "--config", "pyproject.toml", "a.md")
    assert_one_line_error(proc, "pyproject.toml:1: UTF-16")


@pytest.mark.parametrize("toml", ["tool = 3\n", "[tool]\nseolint = 3\n"])
def test_pyproject_tool_tables_of_the_wrong_type(seolint, tmp_path, toml):
    write(tmp_path, "pyproject.toml", toml)
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "--config", "pyproject.toml", "a.md")
    no_traceback(proc)
    if "seolint = 3" in toml:
        assert_one_line_error(proc, "pyproject.toml: [tool.seolint] must be a table")


# 14. Duplicate keys, enabled: "no", unknown keys in a rule pack.


def test_duplicate_keys_in_the_configuration_are_errors(seolint, tmp_path):
    write(tmp_path, ".seolint.yaml", "fail-on: error\nselect: [all]\nfail-on: info\n")
    write(tmp_path, "a.md", "Text.\n")
    assert_one_line_error(seolint("check", "a.md"), ".seolint.yaml:3: duplicate key 'fail-on'")


def test_duplicate_keys_in_a_rule_pack_are_errors(seolint, tmp_path):
    pack = (
        "rules:\n  - id: no-foo\n    kind: existence\n    tokens: [foo]\n"
        "    message: no foo\n    message: no bar\n"
    )
    write(tmp_path, "house/p.yaml", pack)
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "--rules-dir", "house", "a.md")
    assert_one_line_error(proc, "p.yaml:6: duplicate key 'message'")


@pytest.mark.parametrize("value", ['"no"', '"false"', "0", "off-ish"])
def test_enabled_must_be_true_or_false_in_the_configuration(seolint, tmp_path, value):
    write(tmp_path, ".seolint.yaml", f"rules:\n  wordy-phrase:\n    enabled: {value}\n")
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "a.md")
    assert_one_line_error(proc, "rules.wordy-phrase.enabled must be true or false")


def test_enabled_must_be_true_or_false_in_a_rule_pack(seolint, tmp_path):
    pack = 'rules:\n  - id: no-foo\n    kind: existence\n    tokens: [foo]\n    message: no foo\n    enabled: "no"\n'
    write(tmp_path, "house/p.yaml", pack)
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "--rules-dir", "house", "a.md")
    assert_one_line_error(proc, "p.yaml:6: rule no-foo: 'enabled' must be true or false")


def test_unknown_top_level_keys_in_a_rule_pack_are_errors(seolint, tmp_path):
    pack = "category: house\nruels: []\nrules:\n  - id: no-foo\n    kind: existence\n    tokens: [foo]\n    message: no foo\n"
    write(tmp_path, "house/p.yaml", pack)
    write(tmp_path, "a.md", "Text.\n")
    proc = seolint("check", "--rules-dir", "house", "a.md")
    assert_one_line_error(proc, "p.yaml:2: unknown key 'ruels' in a rule pack")


# 8. FIFOs and other non-regular files are skipped and reported, never opened for reading.


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("named", [True, False], ids=["named", "in-a-folder"])
def test_a_fifo_is_skipped_and_reported_not_waited_on(seolint, tmp_path, named):
    write(tmp_path, "desk/a.md", GOOD)
    os.mkfifo(tmp_path / "desk" / "b.md")
    args = ["desk/a.md", "desk/b.md"] if named else ["desk"]
    proc = seolint("check", "--format", "json", "--select", "vague-attribution", *args)
    assert proc.returncode == 2
    assert "desk/b.md: skipped: not a regular file (a FIFO)" in proc.stderr
    assert [f["path"] for f in findings(proc)] == ["desk/a.md"]


# 14. NUL anywhere means binary; a folder that cannot be listed is reported.


def test_a_nul_byte_after_8_kib_is_binary(seolint, tmp_path):
    write(tmp_path, "a.md", GOOD + "x" * 9000 + "\0\n")
    proc = seolint("check", "a.md")
    assert proc.returncode == 2
    assert "seolint: a.md: binary file (contains NUL bytes)" in proc.stderr


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    write(tmp_path, "desk/a.md", GOOD)
    write(tmp_path, "desk/locked/b.md", GOOD)
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    from seolint.read.discover import discover

    found = list(discover([str(tmp_path / "desk")], gitignore=False))
    assert found == [str(tmp_path / "desk" / "a.md"), str(tmp_path / "desk" / "locked")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_an_error_for_the_run(seolint, tmp_path):
    write(tmp_path, "desk/a.md", GOOD)
    locked = tmp_path / "desk" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        proc = seolint("check", "--select", "vague-attribution", "desk")
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 2
    assert "desk/locked: permission denied (cannot read folder)" in proc.stderr


# 4. A crash while checking one file is reported for that file, and the run goes on.


@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_a_crash_in_one_file_is_an_internal_error_and_the_run_goes_on(
    tmp_path, monkeypatch, capsys, fix
):
    import seolint.fix.apply
    import seolint.parse.markdown
    from seolint.cli import main

    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "boom.md", GOOD)
    write(tmp_path, "c.md", GOOD)
    real = seolint.parse.markdown.parse

    def parse(source):
        if source.path.endswith("boom.md") and (not fix or "rose" not in source.text):
            raise IndexError("list index out of range")
        return real(source)

    monkeypatch.setattr(seolint.parse.markdown, "parse", parse)
    if fix:  # the first check passes; a fix pass meets the bug
        real_fix = seolint.fix.apply.fix_until_stable

        def fix_until_stable(source, lint):
            return real_fix(source.replace(text=source.text.replace("rose", "fell")), lint)

        monkeypatch.setattr(seolint.fix.apply, "fix_until_stable", fix_until_stable)
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-cache", "-j", "1", "--select", "vague-attribution"]
    code = main([*args, *(["--fix"] if fix else []), "a.md", "boom.md", "c.md"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "boom.md: internal error (IndexError: list index out of range" in err
    assert "this is a bug in seolint, please report it" in err
    assert "Traceback" not in err
    assert [line.split(":")[0] for line in out.splitlines()] == ["a.md", "c.md"]


# 10. --fix changes only what the first check reported as fixable.

CASCADE = (
    "# Markets rally as rates hold\n\nShares rose, the exchange said.\n\n"
    "## Keywords\n\nmarkets, rates\n\nThe editor's note: this paragraph stays.\n\n"
    "## Tags\n\nmarkets\n"
)


def removed_outside(old: str, new: str, spans: list[tuple[int, int]]) -> list[str]:
    """The pieces of ``old`` outside the spans that ``new`` does not keep, in order, with
    anything between them (empty when only the spans changed)."""
    if not spans:
        return [] if new == old else [old]
    kept, at = [], 0
    for a, b in sorted(spans):
        kept.append(old[at : max(a, at)])
        at = max(at, b)
    kept.append(old[at:])
    first, *middle, last = kept
    if len(first) + len(last) > len(new) or not new.startswith(first) or not new.endswith(last):
        return [first, last]
    missing, at = [], len(first)
    for piece in middle:  # the earliest place of each leaves the most room for the rest
        found = new.find(piece, at, len(new) - len(last))
        if found == -1:
            missing.append(piece)
        else:
            at = found + len(piece)
    return missing


def test_a_fix_pass_applies_only_fixes_the_first_check_reported(seolint, tmp_path):
    from seolint.fix.apply import fix_until_stable
    from seolint.read.source import Source
    from seolint.run.runner import lint_source

    args = build_args(tmp_path)
    source = Source(str(tmp_path / "a.md"), CASCADE)
    first = lint_source(source, args).diagnostics
    spans = [(e.start, e.end) for d in first if d.fix for e in d.fix]
    assert spans == [(CASCADE.index("\n\n## Tags") + 1, len(CASCADE))]
    outcome = fix_until_stable(source, lambda s: lint_source(s, args).diagnostics)
    assert "The editor's note: this paragraph stays." in outcome.source.text
    assert removed_outside(CASCADE, outcome.source.text, spans) == []
    # What became fixable is reported as such; a second --fix fixes it, as asked.
    assert any(d.fix and d.rule == "seo-keywords-section" for d in outcome.diagnostics)


def test_fix_on_disk_keeps_the_section_it_did_not_report_fixable(seolint, tmp_path):
    path = write(tmp_path, "a.md", CASCADE)
    proc = seolint("check", "--fix", "--select", "seo-keywords-section", "a.md")
    no_traceback(proc)
    assert path.read_text() == CASCADE[: CASCADE.index("\n\n## Tags") + 1]


def build_args(folder):
    from seolint.cli import build_parser, check_options
    from seolint.run.workspace import Workspace

    options = ["check", "--no-cache", "--select", "seo-keywords-section", str(folder)]
    return Workspace(check_options(build_parser().parse_args(options)))


# 11. Temporary files: hidden, named *.tmp, removed on errors and signals.

_INTERRUPT = """
import os, signal, sys
import seolint.fix.atomic_write as w
real = os.replace
def replace(src, dst):
    assert os.path.basename(src).startswith(".a.md.seolint-") and src.endswith(".tmp")
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    real(src, dst)
w.os.replace = replace
from seolint.cli import main
sys.exit(main(["check", "--fix", "--no-cache", "--select", "wordy-phrase", "a.md"]))
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("name, code", [("SIGTERM", -15), ("SIGHUP", -1), ("SIGINT", 130)])
def test_a_signal_during_fix_leaves_no_temporary_file(tmp_path, name, code):
    import subprocess
    import sys

    from conftest import ROOT, default_sigint

    text = "Headline\n\nIt rained amidst the talks.\n\nSource link\n"
    path = write(tmp_path, "a.md", text)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _INTERRUPT, name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        preexec_fn=default_sigint,
    )
    assert proc.returncode == code, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert path.read_text() == text


def test_temporary_files_are_hidden_and_skipped_by_the_walk(seolint, tmp_path):
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, ".a.md.seolint-x1y2.tmp", GOOD)
    proc = seolint("check", "--format", "json", "--select", "vague-attribution", ".")
    assert [f["path"] for f in findings(proc)] == ["a.md"]


# 12. --fix keeps owner, group and hard links.


def test_fix_edits_a_hard_linked_file_in_place(seolint, tmp_path):
    text = "Headline\n\nIt rained amidst the talks.\n\nSource link\n"
    path = write(tmp_path, "a.md", text)
    os.link(path, tmp_path / "b.txt")
    inode = path.stat().st_ino
    seolint("check", "--fix", "--select", "wordy-phrase", "a.md")
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert (tmp_path / "b.txt").read_text() == text.replace("amidst", "amid")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_fix_as_root_keeps_owner_and_group(seolint, tmp_path):
    text = "Headline\n\nIt rained amidst the talks.\n\nSource link\n"
    path = write(tmp_path, "a.md", text)
    os.chown(path, 12345, 23456)
    seolint("check", "--fix", "--select", "wordy-phrase", "a.md")
    assert path.read_text() == text.replace("amidst", "amid")
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)
