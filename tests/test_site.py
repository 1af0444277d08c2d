"""Checks across files: the same title, description, slug or keyphrase in two articles,
through the real CLI (a run sees its files; one file alone has no siblings)."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED, findings

# The CLI runs in this process (conftest.run_in_process): these tests are of what it does.
CLI_IN_PROCESS = True

ARTICLES = {
    "a.md": "---\ntitle: Oil prices fall\nslug: oil-prices\n---\n\nOil fell.\n",
    "b.md": "---\ndescription: Crude fell.\ntitle: oil  PRICES fall\n---\n\nOil fell.\n",
    "c.md": "---\ntitle: Gold rises\nslug: /news/oil-prices/\n---\n\nGold rose.\n",
    "d.md": "Oil prices fall\n\nA plain text with the same first line.\n",
}


@pytest.fixture
def site(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(seolint, *args: str, input: str | None = None) -> list[dict]:
    proc = seolint("check", "--format", "json", "--select", "site", *args, input=input)
    assert proc.returncode in (0, 1), proc.stderr
    return findings(proc)


def test_each_finding_names_the_other_file_at_its_line(seolint, site):
    got = run(seolint, "a.md", "b.md", "c.md", "d.md")
    short = [(f["rule"], f["path"], f["line"], f["message"]) for f in got]
    assert short == [
        ("duplicate-title", "a.md", 2, 'Title "Oil prices fall" is also the title of b.md:3'),
        ("duplicate-slug", "a.md", 3, 'Slug "oil-prices" is also the slug of c.md:3'),
        ("duplicate-title", "b.md", 3, 'Title "oil  PRICES fall" is also the title of a.md:2'),
        ("duplicate-slug", "c.md", 3, 'Slug "/news/oil-prices/" is also the slug of a.md:3'),
    ]
    assert got[0]["related"] == [
        {
            "path": "b.md",
            "line": 3,
            "column": 8,
            "end_line": 3,
            "end_column": 24,
            "message": "the same title in b.md",
        }
    ]


def test_a_file_alone_has_no_siblings(seolint, site):
    assert run(seolint, "a.md") == []
    # As an editor sends it: the text on stdin, named as a file beside its siblings.
    text = ARTICLES["a.md"]
    assert run(seolint, "-", "--stdin-filename", "a.md", input=text) == []


def test_same_findings_for_any_job_count_and_from_the_cache(seolint, site):
    names = list(ARTICLES)
    serial = run(seolint, "--jobs", "1", "--no-cache", *names)
    parallel = run(seolint, "--jobs", "2", "--no-cache", *names)
    cold = run(seolint, "--jobs", "2", *names)
    warm = run(seolint, "--jobs", "2", *names)
    assert serial == parallel == cold == warm and len(serial) == 4


def test_inline_control_silences_one_file(seolint, site):
    text = (
        "---\ntitle: Oil prices fall\n---\n<!-- seolint-disable-file duplicate-title -->\n\nOil.\n"
    )
    (site / "b.md").write_text(text, encoding="utf-8")
    got = run(seolint, "a.md", "b.md")
    assert [(f["rule"], f["path"]) for f in got] == [("duplicate-title", "a.md")]


def test_exit_code_follows_the_gate(seolint, site):
    assert seolint("check", "--select", "duplicate-title", "a.md", "b.md").returncode == 1
    info = seolint("check", "--select", "keyphrase-cannibalisation", "a.md", "b.md")
    assert info.returncode == 0


def test_sarif_related_locations_are_valid(seolint, site):
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    proc = seolint("check", "--format", "sarif", "--select", "site", "a.md", "b.md")
    log = json.loads(proc.stdout)
    result = log["runs"][0]["results"][0]
    related = result["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "b.md"
    assert related["physicalLocation"]["region"]["startLine"] == 3
    if not schema_path.is_file():
        pytest.skip("SARIF schema not available")
    import jsonschema

    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))


def test_site_url_setting_tells_internal_links(seolint, tmp_path):
    (tmp_path / ".seolint.yaml").write_text("site-url: https://news.example.com\n", "utf-8")
    text = "---\ntitle: Oil prices fall\n---\n\nSee [our story](https://news.example.com/a).\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    proc = seolint("check", "--format", "json", "--select", "no-outbound-link", "a.md")
    assert [f["rule"] for f in findings(proc)] == ["no-outbound-link"]
    (tmp_path / ".seolint.yaml").write_text("site-url: https://other.example.org\n", "utf-8")
    proc = seolint("check", "--format", "json", "--select", "no-outbound-link", "a.md")
    assert findings(proc) == []
    (tmp_path / ".seolint.yaml").write_text("site-url: [1]\n", "utf-8")
    proc = seolint("check", "a.md")
    assert proc.returncode == 2 and "site-url" in proc.stderr
