"""The public Python API, used as a CMS would: many articles in one process, compared with the
real command line's ``--format json`` and ``--fix`` output."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, findings, run_seolint

import seolint
from seolint.rules import select as ruleset_module

PUBLIC = {
    "Finding",
    "FixResult",
    "Linter",
    "Location",
    "SeolintError",
    "find_articles",
    "fix_text",
    "lint_file",
    "lint_text",
}


def articles(folder, count: int = 40) -> list:
    """A newsroom's worth of varied articles: the seed cut and changed in several ways."""
    seed = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n") if p.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        body = "\n\n".join(paragraphs[i % 5 : i % 5 + 4 + i % 7])
        if i % 4 == 0:
            text = f"---\ntitle: Story {i} about North Korea and Russia\nfocus_keyword: North Korea\n---\n\n{body}\n"
        elif i % 4 == 1:
            text = f"# Kim meets Patrushev, story {i}\n\n{body}\n\nRead more: https://example.com/{i}\n"
        elif i % 4 == 2:
            text = body.replace("\n", "\r\n") + "\r\nSource link\r\n"
        else:
            text = f"Headline {i}\n\n{body}\n\n## Summary\n\nIn conclusion, at this point in time it is what it is.\n"
            text += "\nExperts say the talks failed. A source close to the talks said so too.\n"
        path = folder / f"story-{i:03}.{'md' if i % 3 else 'txt'}"
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def test_import_is_cheap_and_the_api_is_listed():
    code = "import seolint, sys; print(sorted(m for m in sys.modules if m.startswith('seolint') or m in ('dataclasses', 'yaml')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert json.loads(out.stdout.replace("'", '"')) == ["seolint"]
    assert set(dir(seolint)) >= PUBLIC and set(seolint.__all__) >= PUBLIC
    for name in PUBLIC:
        assert getattr(seolint, name) is getattr(seolint.api, name)
    with pytest.raises(AttributeError):
        seolint.no_such_thing  # noqa: B018


def test_many_articles_in_one_process_equal_check_json(tmp_path):
    folder = tmp_path / "articles"
    articles(folder)
    (tmp_path / ".seolint.yaml").write_text(
        "per-file-ignores:\n  'story-00*.md': [thin-content]\nrules:\n  sentence-too-long: {max: 40}\n",
        encoding="utf-8",
    )
    # Site checks compare the files of one run; the API lints one article at a time.
    run = ("check", "--no-cache", "--format", "json", "--extend-ignore", "site", "articles")
    cli = findings(run_seolint(*run, cwd=tmp_path))
    assert len(cli) > 200
    assert any("score" in d for d in cli)  # a rule's data field, as JSON shows it
    linter = seolint.Linter(tmp_path / ".seolint.yaml")
    got = [
        f.to_dict()
        for path in linter.find_articles(tmp_path / "articles")
        for f in linter.lint_file(path)
    ]
    prefix = str(tmp_path) + "/"
    assert [{**d, "path": d["path"].removeprefix(prefix)} for d in got] == cli
    texts = [
        f.to_dict()
        for path in linter.find_articles(folder)
        for f in linter.lint_text(Path(path).read_bytes().decode("utf-8"), path)
    ]
    assert texts == got


def test_rules_are_built_once_and_reused(tmp_path, monkeypatch):
    calls = []
    real = ruleset_module.build
    monkeypatch.setattr(ruleset_module, "build", lambda *a, **k: calls.append(1) or real(*a, **k))
    (tmp_path / ".seolint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    linter = seolint.Linter(tmp_path / ".seolint.yaml", ignore=["readability"])
    seed = SEED.read_text(encoding="utf-8")
    for i in range(50):
        found = linter.lint_text(seed + f"\n\nParagraph {i}.\n", f"story-{i}.txt")
        assert found and not any(f.category == "readability" for f in found)
    assert len(calls) == 1


def test_finding_is_a_frozen_typed_record_with_the_json_fields():
    found = seolint.lint_text("x\n", "a.md")
    assert found
    finding = found[0]
    assert isinstance(finding, seolint.Finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 3  # type: ignore[misc]
    fields = [f.name for f in dataclasses.fields(seolint.Finding)][:-2]  # related, data
    cli = findings(
        run_seolint("check", "--format", "json", "-", "--stdin-filename", "a.md", input="x\n")
    )
    assert cli and list(cli[0]) == fields
    assert [f.to_dict() for f in found] == cli


def test_related_locations_and_data_are_kept_as_json_shows_them():
    from seolint.api import _finding
    from seolint.model.diagnostics import Diagnostic

    related = ((3, 1, 3, 9), (7, 2, 7, 5))
    diagnostic = Diagnostic("a.md", 1, 1, 1, 4, "r", "c", "info", "m", None, related, {"n": 2})
    finding = _finding(diagnostic)
    assert finding.related == (seolint.Location(3, 1, 3, 9), seolint.Location(7, 2, 7, 5))
    assert finding.data == {"n": 2} and finding.to_dict() == diagnostic.to_dict()
    assert hash(finding) == hash(_finding(diagnostic))


def test_configuration_is_found_from_the_path_or_given(tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    (house / ".seolint.yaml").write_text("select: [boilerplate]\n", encoding="utf-8")
    text = SEED.read_text(encoding="utf-8")
    linter = seolint.Linter()
    in_house = linter.lint_text(text, house / "story.txt")
    elsewhere = linter.lint_text(text, tmp_path / "story.txt")
    assert {f.category for f in in_house} == {"boilerplate"}
    assert len({f.category for f in elsewhere}) > 3
    given = seolint.Linter(house / ".seolint.yaml").lint_text(text, tmp_path / "story.txt")
    assert [f.rule for f in given] == [f.rule for f in in_house]
    selected = seolint.Linter(select="cliche, mojibake").lint_text(text)
    assert {f.rule for f in selected} == {"cliche"}


def test_mistakes_raise_seolint_error_naming_the_file(tmp_path):
    with pytest.raises(seolint.SeolintError, match="unknown rule or category 'clichee'"):
        seolint.Linter(select=["clichee"]).lint_text("text")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Title\n\nCaf\xe9\n")
    with pytest.raises(seolint.SeolintError) as caught:
        seolint.lint_file(bad)
    assert str(caught.value).startswith(f"{bad}:3:4: invalid UTF-8")
    config = tmp_path / "broken" / ".seolint.yaml"
    config.parent.mkdir()
    config.write_text("select: [all]\nfail-on: sometimes\n", encoding="utf-8")
    with pytest.raises(seolint.SeolintError, match=r"\.seolint\.yaml:2: 'fail-on'"):
        seolint.Linter().lint_text("text", config.parent / "a.md")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_text_equals_the_cli_fix(newline):
    text = SEED.read_text(encoding="utf-8").replace("\n", newline)
    result = seolint.fix_text(text, "story.txt")
    proc = run_seolint("check", "--fix", "-", "--stdin-filename", "story.txt", input=text)
    assert result.text == proc.stdout.replace("\r\n", "\n").replace("\n", newline)
    assert f"fixed {result.fixed} findings in 1 file" in proc.stderr and result.fixed > 1
    assert result.not_fixed is None
    assert result.text.count("\r\n") == (result.text.count("\n") if newline == "\r\n" else 0)
    remaining = run_seolint(
        "check", "--format", "json", "-", "--stdin-filename", "story.txt", input=result.text
    )
    assert [f.to_dict() for f in result.findings] == findings(remaining)


def test_fix_text_leaves_broken_front_matter_alone():
    text = "---\ntitle: Kim: a profile\n---\n\nSource link\n"
    result = seolint.fix_text(text, "a.md")
    assert result == seolint.FixResult(text, 0, result.findings, "front matter is not valid YAML")
    assert "front-matter-invalid" in {f.rule for f in result.findings}


def test_find_articles_leaves_out_excluded_files(tmp_path):
    articles(tmp_path / "news", 3)
    (tmp_path / "news" / "drafts").mkdir()
    (tmp_path / "news" / "drafts" / "wip.md").write_text("# Draft\n", encoding="utf-8")
    (tmp_path / ".seolint.yaml").write_text("exclude: ['drafts']\n", encoding="utf-8")
    found = seolint.Linter().find_articles(tmp_path / "news")
    assert [p.rsplit("/", 1)[1] for p in found] == ["story-000.txt", "story-001.md", "story-002.md"]
