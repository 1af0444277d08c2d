"""What a team coming from ruff, markdownlint-cli2 and Vale expects of the command line:
include/exclude on named files (force-exclude), the usual flags, 'did you mean', pipes."""

from __future__ import annotations

import importlib.metadata
import json
import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED, default_sigint, findings, run_seolint
from rule_tester import lint

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

STORY = """\
# Markets rally as rates hold

Reports indicate that shares rose on Tuesday, the exchange said.

Looking ahead, the world is watching closely, a trader said.
"""
# The adoption report's configuration: drafts, the README and pip files are not articles.
EXCLUDING = 'exclude: ["drafts/*", "README.md", "requirements.txt"]\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def checked(proc) -> set[str]:
    return {f["path"] for f in findings(proc)}


@pytest.fixture
def newsroom(tmp_path) -> Path:
    """A repository with articles, drafts, a README and a pip requirements file."""
    write(tmp_path / "news" / "a.md", STORY)
    write(tmp_path / "drafts" / "b.md", STORY)
    write(tmp_path / "README.md", STORY)
    write(tmp_path / "requirements.txt", "pyyaml>=6\n")
    return tmp_path


NAMED = ("news/a.md", "drafts/b.md", "README.md", "requirements.txt")


# --- include, exclude and force-exclude -------------------------------------------------------


def test_force_exclude_applies_exclude_to_named_files(seolint, newsroom):
    write(newsroom / ".seolint.yaml", EXCLUDING)
    named = seolint("check", "--format", "json", *NAMED)
    assert checked(named) == set(NAMED)  # named files are checked, as before
    forced = seolint("check", "--format", "json", "--force-exclude", *NAMED)
    assert checked(forced) == {"news/a.md"}
    assert "in 1 file" in forced.stderr
    assert "missing-headline" not in forced.stdout  # requirements.txt is not linted


def test_force_exclude_setting_and_its_flag(seolint, newsroom):
    write(newsroom / ".seolint.yaml", EXCLUDING + "force-exclude: true\n")
    assert checked(seolint("check", "--format", "json", *NAMED)) == {"news/a.md"}
    off = seolint("check", "--format", "json", "--no-force-exclude", *NAMED)
    assert checked(off) == set(NAMED)


def test_an_excluded_folder_excludes_named_files_inside_it(seolint, newsroom):
    write(newsroom / ".seolint.yaml", 'exclude: ["drafts"]\n')
    proc = seolint("check", "--format", "json", "--force-exclude", "drafts/b.md", "news/a.md")
    assert checked(proc) == {"news/a.md"}


def test_include_globs_choose_the_articles(seolint, newsroom):
    write(newsroom / ".seolint.yaml", 'include: ["news/*.md", "drafts/*.md"]\n')
    assert checked(seolint("check", "--format", "json", ".")) == {"news/a.md", "drafts/b.md"}
    forced = seolint("check", "--format", "json", "--force-exclude", *NAMED)
    assert checked(forced) == {"news/a.md", "drafts/b.md"}  # README.md left out by pattern


def test_include_can_add_a_suffix_a_walk_skips(seolint, tmp_path):
    write(tmp_path / ".seolint.yaml", 'include: ["*.text"]\n')
    write(tmp_path / "story.text", STORY)
    write(tmp_path / "story.md", STORY)
    assert checked(seolint("check", "--format", "json", ".")) == {"story.text"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("force-exclude: yes please\n", "setting 'force-exclude' must be a bool"),
        ("include: news\n", "setting 'include' must be a list"),
        ("includes: [news]\n", "unknown setting 'includes' (did you mean 'include'?)"),
    ],
)
def test_bad_include_settings_are_one_line_errors(seolint, newsroom, text, expected):
    write(newsroom / ".seolint.yaml", text)
    proc = seolint("check", "news/a.md")
    assert proc.returncode == 2 and expected in proc.stderr and "Traceback" not in proc.stderr


def test_the_language_server_and_the_hook_agree(newsroom):
    """The server leaves out what `check --force-exclude` (the pre-commit hook) leaves out."""
    pytest.importorskip("pygls")
    from test_server import Session, run

    write(newsroom / ".seolint.yaml", EXCLUDING + 'include: ["news/*", "drafts/*", "*.md"]\n')
    cli = checked(run_seolint("check", "--format", "json", "--force-exclude", *NAMED, cwd=newsroom))

    served: set[str] = set()

    async def scenario():
        async with Session(newsroom) as session:
            for name in ("news/a.md", "drafts/b.md", "README.md"):
                uri = session.open(newsroom / name, STORY)
                if await session.diagnostics(uri):
                    served.add(name)

    run(scenario())
    assert served == cli == {"news/a.md"}


# --- flags ----------------------------------------------------------------------------------


def test_quiet_prints_findings_only(seolint, seed_report):
    proc = seolint("check", "--quiet", "--format", "concise", str(SEED))
    assert proc.returncode == 1 and proc.stderr == ""
    assert proc.stdout == seed_report("concise").stdout


def test_exit_zero_but_errors_still_exit_2(seolint, tmp_path):
    proc = seolint("check", "--exit-zero", str(SEED))
    assert proc.returncode == 0 and proc.stdout
    write(tmp_path / "bad.md", "")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00bad")
    assert seolint("check", "--exit-zero", "bad.md", str(SEED)).returncode == 2


def test_output_file_takes_the_report(seolint, seed_report, tmp_path):
    proc = seolint("check", "-o", "report.json", "--format", "json", str(SEED))
    assert proc.returncode == 1 and proc.stdout == ""
    assert "findings" in proc.stderr  # the summary stays on stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report == findings(seed_report("json"))
    default = seolint("check", "--output-file", "report.txt", str(SEED))
    assert default.returncode == 1
    concise = seed_report("concise").stdout  # a file is not a terminal: concise, no colour
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == concise
    missing = seolint("check", "-o", "no/such/folder/r.txt", str(SEED))
    assert missing.returncode == 2 and "cannot write the report" in missing.stderr


def rules_found(proc) -> set[str]:
    return {f["rule"] for f in findings(proc)}


def test_repeated_select_adds_up(seolint):
    both = seolint(
        "check", "--format", "json", "--select", "cliche", "--select", "seo-talk", str(SEED)
    )
    assert rules_found(both) == {"cliche", "seo-talk"}


def test_extend_select_and_extend_ignore_keep_the_configuration(seolint, tmp_path):
    write(tmp_path / ".seolint.yaml", "select: [cliche]\nignore: [seo-talk]\n")
    write(tmp_path / "a.txt", SEED.read_text(encoding="utf-8"))
    assert rules_found(seolint("check", "--format", "json", "a.txt")) == {"cliche"}
    extended = seolint(
        "check", "--format", "json", "--extend-select", "seo,stock-transition", "a.txt"
    )
    assert rules_found(extended) == {"cliche", "stock-transition", "seo-keywords-section"}
    assert "seo-talk" not in rules_found(extended)  # still ignored by the configuration
    fewer = seolint(
        "check", "--format", "json", "--extend-select", "seo", "--extend-ignore", "cliche", "a.txt"
    )
    assert rules_found(fewer) == {"seo-keywords-section"}


def test_show_fixes_lists_what_was_fixed(seolint, tmp_path):
    write(tmp_path / "a.txt", SEED.read_text(encoding="utf-8"))
    before = seolint("check", "--show-fixes", "a.txt")
    assert "; 3 fixable with --fix" in before.stderr.splitlines()[-1]
    proc = seolint("check", "--diff", "--show-fixes", "a.txt")
    listing = proc.stderr.splitlines()
    at = listing.index("a.txt:")
    assert listing[at + 1 : at + 4] == [
        "  1 × seo-keywords-section",
        "  1 × source-link-line",
        "  1 × wordy-phrase",
    ]
    assert listing[-1] == "would fix 3 findings in 1 file"


@pytest.mark.parametrize("args", [["--version"], ["check", "--version"]])
def test_version_is_the_installed_distributions(args):
    proc = run_seolint(*args)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"seolint {importlib.metadata.version('seolint-news')}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "--exitzero", "x"],
            "unrecognized arguments: --exitzero (did you mean '--exit-zero'?)",
        ),
        (["chek"], "(did you mean 'check'?)"),
        (["check", "--format", "jsn"], "(did you mean 'json'?)"),
        (["check", "--select", "clichee", str(SEED)], "'clichee' (did you mean 'cliche'?)"),
        (["check", "--extend-ignore", "readabilty", str(SEED)], "(did you mean 'readability'?)"),
        (["explain", "vague-atribution"], "(did you mean 'vague-attribution'?)"),
    ],
)
def test_did_you_mean(seolint, args, expected):
    proc = seolint(*args)
    assert proc.returncode == 2, proc.stderr
    assert expected in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_unknown_rule_name_can_be_explained_and_ignored(seolint, tmp_path):
    write(tmp_path / "story.md", STORY + "\n<!-- seolint-disable clichee -->\n")
    proc = seolint("check", "--format", "json", "story.md")
    [unknown] = [f for f in findings(proc) if f["rule"] == "unknown-rule-name"]
    assert "(did you mean 'cliche'?)" in unknown["message"]
    explained = seolint("explain", "unknown-rule-name")
    assert explained.returncode == 0 and "seolint comment" in explained.stdout
    for way in (["--ignore", "unknown-rule-name"], ["--extend-ignore", "seolint"]):
        quiet = seolint("check", "--format", "json", *way, "story.md")
        assert "unknown-rule-name" not in rules_found(quiet), way
    for config in ("ignore: [unknown-rule-name]\n", 'per-file-ignores: {"story.md": [seolint]}\n'):
        write(tmp_path / ".seolint.yaml", config)
        found = rules_found(seolint("check", "--format", "json", "story.md"))
        assert "unknown-rule-name" not in found and "cliche" in found, config


def test_unknown_pyproject_setting_names_its_line(seolint, tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "desk"\n\n[tool.seolint]\nselect = ["cliche"]\nexlude = ["x"]\n',
    )
    write(tmp_path / "story.md", STORY)
    proc = seolint("check", "story.md")
    assert proc.returncode == 2
    assert "pyproject.toml:6: unknown setting 'exlude' (did you mean 'exclude'?)" in proc.stderr


# --- pipes ----------------------------------------------------------------------------------


def test_broken_pipe_ends_quietly_with_141(tmp_path):
    for n in range(40):  # far more output than a pipe holds
        (tmp_path / f"{n:02}.txt").write_bytes(SEED.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [
            "bash",
            "-c",
            f"set -o pipefail; {sys.executable} -m seolint check --exit-zero . | head -1",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 141, proc.stderr
    assert proc.stderr == ""  # no traceback, no 'Exception ignored'
    assert proc.stdout.startswith("00.txt:")


# --- watch ----------------------------------------------------------------------------------


def test_watch_checks_again_when_a_file_changes(tmp_path):
    story = write(tmp_path / "story.md", STORY)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "seolint", "check", "--watch", "--format", "concise", "."],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stderr], daemon=True).start()
    try:
        _until(lines, "watching for changes")  # the first check is done
        time.sleep(0.05)  # a later modification time than the first check saw
        story.write_text(STORY + "\nThe talks were held amidst the storm.\n", encoding="utf-8")
        seen = _until(lines, "watching for changes")
        assert any("change detected" in line for line in seen)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        out = proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert out.count("vague-attribution") == 2  # the story was checked twice
    assert "wordy-phrase" in out  # the edit was seen


def _until(lines: queue.Queue[str], text: str, timeout: float = 60) -> list[str]:
    """Lines taken from the queue up to one containing ``text`` (fails after ``timeout``)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while not seen or text not in seen[-1]:
        try:
            seen.append(lines.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            raise AssertionError(f"no {text!r} in {seen}") from None
        assert "Traceback" not in seen[-1], seen
    return seen


# --- text output ----------------------------------------------------------------------------


def test_one_finding_one_character(seolint, tmp_path):
    write(tmp_path / "a.md", "---\ntitle: A\ndescription: B\n---\n\nText.\n")
    proc = seolint("check", "--select", "title-length,meta-description-length", "a.md")
    assert "Headline is 1 character long; make it at least 15" in proc.stdout
    assert "Meta description is 1 character long; make it at least 121" in proc.stdout
    one = seolint("check", "--select", "title-length", "a.md")
    assert one.stderr.splitlines()[-1] == "1 finding (0 errors, 0 warnings, 1 info) in 1 file"


def test_headline_length_says_which_way():
    long_title = "A headline that goes on and on about the council vote far past what fits"
    short = lint("---\ntitle: Vote held\n---\n\nText.\n", "title-length")
    long = lint(f"---\ntitle: {long_title}\n---\n\nText.\n", "title-length")
    assert short[0].message.startswith("Headline is 9 characters long; make it at least 15")
    assert long[0].message.startswith(
        f"Headline is {len(long_title)} characters long; make it at most 70"
    )


def hints(stdout: str) -> list[str]:
    return [line.split("hint: ", 1)[1] for line in stdout.splitlines() if "= hint: " in line]


def test_text_hint_once_per_rule(seolint, tmp_path):
    write(tmp_path / "a.md", STORY)
    write(tmp_path / "b.md", STORY)
    proc = seolint("check", "--format", "text", "--select", "vague-attribution,cliche", ".")
    assert proc.stdout.count("warning vague-attribution") == 2
    shown = hints(proc.stdout)
    assert len(shown) == len(set(shown)) == 2  # one hint per rule for the whole run


LONG_FIRST_SENTENCE = (
    "Newsroom style guides everywhere ask reporters to avoid this particular phrase because "
    "readers find it tiresome and vague. Second sentence."
)


def test_long_rule_summary_is_cut_at_a_word(seolint, tmp_path):
    write(
        tmp_path / "pack" / "house.yaml",
        f"""\
        category: house
        rules:
          - id: house-phrase
            kind: existence
            severity: info
            message: "House style: {{match}}"
            patterns: ["tiresome"]
            description: "{LONG_FIRST_SENTENCE}"
        """,
    )
    rules = json.loads(seolint("rules", "--format", "json", "--rules-dir", "pack").stdout)
    [summary] = [r["summary"] for r in rules if r["id"] == "house-phrase"]
    assert len(summary) <= 100 and summary.endswith("…")
    kept = summary[:-1]
    assert LONG_FIRST_SENTENCE.startswith(kept)
    assert LONG_FIRST_SENTENCE[len(kept)] == " ", summary  # not inside a word


def test_document_level_findings_point_at_the_headline(seolint, tmp_path):
    write(tmp_path / "a.md", "# Council votes on bike lanes\n\nThe council voted.\n")
    proc = seolint("check", "--format", "text", "--select", "thin-content,no-source", "a.md")
    carets = [line for line in proc.stdout.splitlines() if line.startswith("   | ")]
    assert carets and all(line == "   |   ^" for line in carets), proc.stdout


def test_force_exclude_leaves_out_a_named_folder_and_stdin(seolint, newsroom):
    write(newsroom / ".seolint.yaml", EXCLUDING.replace('"drafts/*"', '"drafts"'))
    folder = seolint("check", "--format", "json", "--force-exclude", "drafts", "news")
    assert checked(folder) == {"news/a.md"}
    assert checked(seolint("check", "--format", "json", "drafts")) == {"drafts/b.md"}
    piped = ("check", "--force-exclude", "-", "--stdin-filename")
    assert seolint(*piped, "README.md", input=STORY).stdout == ""
    assert "vague-attribution" in seolint(*piped, "news/c.md", input=STORY).stdout
    # an editor's format command gets its text back unchanged, never an empty buffer
    text = STORY + "\nIt rained amidst the talks.\n"
    fixed = seolint("check", "--fix", *piped[1:], "README.md", input=text)
    assert fixed.returncode == 0 and fixed.stdout == text


def test_a_fix_inside_an_applied_fix_counts_as_fixed():
    from seolint.fix.apply import apply_fixes, choose
    from seolint.model.diagnostics import Edit

    text = "Headline\n\n## SEO keywords\n\nSource link\n\nEnd.\n"
    end = text.index("End")
    section = (Edit(10, end, ""),)
    line = (Edit(text.index("Source"), end, ""),)  # inside the section: settled by it
    elsewhere = (Edit(0, 1, "h"),)
    partly = (Edit(text.index("Source"), end + 2, ""),)  # reaches past the section: not fixed
    taken, settled = choose([line, section, elsewhere, partly])
    assert settled == [0, 1, 2]
    assert apply_fixes(text, [line, section, elsewhere, partly]) == ("headline\n\nEnd.\n", 3)
