"""The run layer in process: CheckOptions, the Workspace that holds every folder's settings
(check, --watch, the workers, the language server), and the exit policy."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

from seolint.cli import main
from seolint.model.diagnostics import Diagnostic
from seolint.run import runner, workspace
from seolint.run.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exit_code, run_status
from seolint.run.options import CheckOptions
from seolint.run.workspace import Workspace

STORY = "# Talks\n\nThey met amidst protests, the world is watching closely.\n"


def test_options_are_read_only_and_split_rule_names():
    options = CheckOptions(select=["cliche, wordy-phrase", "", " seo "], paths=["a.md"])
    assert options.select == ("cliche", "wordy-phrase", "seo") and options.paths == ("a.md",)
    with pytest.raises(AttributeError):
        options.select = ("all",)  # type: ignore[misc]
    assert options.replace(select=["all"]).select == ("all",) and options.select[0] == "cliche"
    assert CheckOptions(ignore=[" , "]).overrides() == {}  # given empty: not given


def test_a_run_walks_up_from_each_folder_once(tmp_path, monkeypatch):
    """Five files and the cache beside the configuration: one walk, where there were seven."""
    (tmp_path / ".seolint.yaml").write_text("select: [all]\n", encoding="utf-8")
    for n in range(5):
        (tmp_path / f"a{n}.md").write_text(STORY, encoding="utf-8")
    walks: list[Path] = []
    real = workspace.find_config
    monkeypatch.setattr(workspace, "find_config", lambda start: walks.append(start) or real(start))
    monkeypatch.delenv("SEOLINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", "-j", "1", *(f"a{n}.md" for n in range(5))]) != EXIT_ERROR
    assert walks == [tmp_path.resolve()]
    assert (tmp_path / ".seolint_cache").is_dir()


def test_overrides_go_on_a_copy_of_the_configuration(tmp_path):
    config = tmp_path / ".seolint.yaml"
    config.write_text("select: [filler]\nfail-on: error\n", encoding="utf-8")
    work = Workspace(CheckOptions(extend_select=["cliche"], no_cache=True))
    with_overrides, ruleset = work.settings(tmp_path)
    as_read = work.config_of(str(tmp_path / "a.md"))
    assert with_overrides.select == ("filler", "cliche") and as_read.select == ["filler"]
    assert as_read is work.config_at(config) and ruleset.config is with_overrides
    assert with_overrides.fail_on == as_read.fail_on == "error"


def test_a_renewed_workspace_reads_the_configuration_again(tmp_path, capsys):
    config = tmp_path / ".seolint.yaml"
    config.write_text("ignore: [cliche]\n", encoding="utf-8")
    first = Workspace(CheckOptions(no_cache=True))
    assert first.rules_for(str(tmp_path / "a.md")) == first.rules_for(str(tmp_path / "b.md"))
    config.write_text("ignore: [wordy-phrase]\n", encoding="utf-8")
    renewed = first.renewed()
    old = {r.id for r in first.rules_for(str(tmp_path / "a.md"))}
    new = {r.id for r in renewed.rules_for(str(tmp_path / "a.md"))}
    assert "cliche" not in old and "wordy-phrase" in old  # a run keeps what it read
    assert "cliche" in new and "wordy-phrase" not in new
    first.tell("said once")
    renewed.tell("said once")
    assert capsys.readouterr().err == "seolint: said once\n"


def test_a_fresh_workspace_notices_a_changed_configuration(tmp_path):
    """The language server's: no renewal needed."""
    config = tmp_path / ".seolint.yaml"
    config.write_text("ignore: [cliche]\n", encoding="utf-8")
    work = Workspace(CheckOptions(no_cache=True), fresh=True)
    assert "cliche" not in {r.id for r in work.settings(tmp_path)[1].rules}
    config.write_text("ignore: [wordy-phrase]  # another size\n", encoding="utf-8")
    assert "cliche" in {r.id for r in work.settings(tmp_path)[1].rules}
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".seolint.yaml").write_text("select: [cliche]\n", encoding="utf-8")
    assert [r.id for r in work.settings(tmp_path / "sub")[1].rules] == ["cliche"]


def test_a_workspace_pickles_as_its_options(tmp_path):
    options = CheckOptions(select=["cliche"], rules_dir=[tmp_path], no_cache=True)
    work = Workspace(options)
    work.settings(tmp_path)
    copy = pickle.loads(pickle.dumps(work))
    assert copy.options == options and copy.rule_dirs == work.rule_dirs
    assert copy._settings == {}  # built again where it is needed


def test_workers_started_by_spawn_find_what_one_process_finds(tmp_path, monkeypatch):
    """Without fork, each worker builds its own Workspace from the options it is sent."""
    for n in range(20):
        (tmp_path / f"a{n:02}.md").write_text(STORY + f"\nLine {n}, amidst it all.\n", "utf-8")

    def found(jobs: int) -> list[list[Diagnostic]]:
        options = CheckOptions(paths=[str(tmp_path)], jobs=jobs, no_cache=True)
        return [r.diagnostics for r in runner.results(Workspace(options))]

    serial = found(1)
    spawn = multiprocessing.get_context("spawn")
    started: list[str] = []

    def context(method: str | None = None):
        started.append(str(method))
        return spawn

    monkeypatch.setattr(multiprocessing, "get_context", context)
    assert found(2) == serial and all(serial)
    assert started  # the pool was made, with spawn


@pytest.mark.parametrize(
    ("errors", "failed", "exit_zero", "diff_files", "status"),
    [
        (0, False, False, None, EXIT_OK),
        (0, True, False, None, EXIT_FINDINGS),
        (1, False, True, None, EXIT_ERROR),  # --exit-zero never hides an error
        (0, True, True, None, EXIT_OK),
        (0, True, False, 0, EXIT_OK),  # --diff: only a change to make fails
        (0, False, False, 2, EXIT_FINDINGS),
    ],
)
def test_the_exit_policy(errors, failed, exit_zero, diff_files, status):
    assert run_status(errors, failed, exit_zero, diff_files) == status


def test_a_finding_fails_at_or_above_fail_on():
    info = Diagnostic("a.md", 1, 1, 1, 2, "r", "c", "info", "m")
    assert exit_code([info], "info") == EXIT_FINDINGS and exit_code([info], "warning") == EXIT_OK
