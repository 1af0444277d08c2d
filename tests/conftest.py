"""Shared test helpers: run the real CLI in a subprocess (or its entry point in this process),
find the shared corpora."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.register_assert_rewrite("rule_tester")  # its asserts explain a failing case

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fe45aa818bf3099d.txt"
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


def new_venv(path: Path) -> None:
    """A fresh virtual environment of this Python, with pip, for a test to install into: made
    by virtualenv (pre-commit's dependency, a test extra), which seeds pip from its own cache
    in a fifth of the time ``python -m venv`` takes to run ensurepip; by venv without it."""
    import importlib.util

    maker = "virtualenv" if importlib.util.find_spec("virtualenv") else "venv"
    options = ["-q", "--no-periodic-update"] if maker == "virtualenv" else []
    subprocess.run([sys.executable, "-m", maker, *options, str(path)], check=True, timeout=300)


def ambient_env() -> dict[str, str]:
    """This process's environment without what the terminal (or pytest-xdist, which sets
    COLUMNS=80 in its workers) would change in seolint's output: a test sets the width it
    wants, else seolint's own default applies."""
    return ambient_env_of(os.environ)


def ambient_env_of(environ: dict[str, str] | os._Environ) -> dict[str, str]:
    """``environ`` without COLUMNS and LINES (see ``ambient_env``)."""
    return {k: v for k, v in environ.items() if k not in ("COLUMNS", "LINES")}


def default_sigint() -> None:
    """In a child, before it runs: Ctrl-C's default handling. A test run started in the
    background by a shell without job control ignores SIGINT, and children inherit that, so
    a test that sends SIGINT would otherwise see it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_seolint(
    *args: str,
    cwd: Path | str | None = None,
    input: bytes | str | None = None,
    env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run ``python -m seolint ARGS`` as a user would, capturing text output."""
    full_env = {**ambient_env(), "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    if isinstance(input, str):
        input = input.encode()
    proc = subprocess.run(
        [sys.executable, "-m", "seolint", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=full_env,
        timeout=300,
    )
    proc.stdout = proc.stdout.decode("utf-8")
    proc.stderr = proc.stderr.decode("utf-8")
    return proc


def run_in_process(
    *args: str,
    cwd: Path | str | None = None,
    input: bytes | str | None = None,
    env: dict | None = None,
) -> subprocess.CompletedProcess:
    """``seolint ARGS`` through ``seolint.cli.main`` in this process, as ``run_seolint`` runs
    it in a new one: the same environment, working directory, standard streams (UTF-8, not a
    terminal) and exit code; an exception that would end the process is its traceback on
    stderr and exit 1. For tests of what the command does, not of the process around it."""
    import io
    import traceback

    from seolint.cli import main

    if isinstance(input, str):
        input = input.encode()
    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update({**ambient_env_of(saved_env), "NO_COLOR": "1", **(env or {})})
    wrappers = (
        io.TextIOWrapper(io.BytesIO(input or b""), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = wrappers
    try:
        os.chdir(cwd or saved_cwd)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, a bad option
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
        except Exception:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for wrapper in wrappers:
            wrapper.detach()  # the byte buffers stay open to be read
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(
        ["seolint", *args], code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    )


def _asks_for_workers(args: tuple[str, ...]) -> bool:
    """Whether command-line arguments ask for more than one job (``--jobs 2``, ``-j 0``)."""
    for flag, value in zip(args, args[1:], strict=False):
        if flag in ("--jobs", "-j") and value != "1":
            return True
    return any(a.startswith("--jobs=") and a != "--jobs=1" for a in args)


@pytest.fixture(scope="session")
def compiled_rules(tmp_path_factory) -> Path:
    """A cache folder as ``seolint check`` leaves it, keeping only the built-in rule packs as
    it compiled them (``rules/``; its tag and .gitignore kept too, no findings): made once
    for the session."""
    folder = tmp_path_factory.mktemp("compiled-rules")
    (folder / "a.md").write_text("# A headline\n\nA paragraph.\n", encoding="utf-8")
    proc = run_seolint("check", "a.md", cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    cache = folder / ".seolint_cache"
    for entry in cache.iterdir():
        if entry.name not in ("CACHEDIR.TAG", ".gitignore", "rules"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    assert len(list((cache / "rules").iterdir())) == 1
    return cache


@pytest.fixture
def seolint(tmp_path, compiled_rules, request):
    """Run seolint with the working directory in a fresh temporary folder. Before the first
    run that would make a cache there, the session's compiled rule packs are put in it, as
    a second run finds them: the packs are compiled once, not once per test (75 ms each
    time). What a first run in a folder does is tested where it matters (test_speed_features,
    test_cache_trust, and every run with --no-cache, which compiles them).

    A test module that sets ``CLI_IN_PROCESS = True`` tests what the command does, not the
    process: its runs go through ``run_in_process`` (a tenth of the time). The modules that
    test processes, signals, the cache's files and the installed entry point do not."""
    in_process = getattr(request.module, "CLI_IN_PROCESS", False)

    def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
        cache = tmp_path / ".seolint_cache"
        fresh = cwd is None and "--no-cache" not in args and "--config" not in args
        if fresh and "SEOLINT_CACHE_DIR" not in (kwargs.get("env") or {}) and not cache.exists():
            shutil.copytree(compiled_rules, cache)
        # Worker processes are forked from the run's process: not from a test worker's.
        runner = run_in_process if in_process and not _asks_for_workers(args) else run_seolint
        return runner(*args, cwd=cwd or tmp_path, **kwargs)

    return run


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """``seolint check --format FORMAT SEED`` (``None``: the default format), run once per
    format for the session: many tests compare their own run's output with it."""
    cwd = tmp_path_factory.mktemp("seed-report")
    done: dict[str | None, subprocess.CompletedProcess] = {}

    def report(format: str | None = "json") -> subprocess.CompletedProcess:
        if format not in done:
            chosen = ("--format", format) if format else ()
            done[format] = run_seolint("check", *chosen, str(SEED), cwd=cwd)
        return done[format]

    return report


def assert_one_line_error(proc: subprocess.CompletedProcess, expected: str) -> None:
    """Exit 2 with a single line on stderr that contains ``expected``, and no traceback."""
    assert proc.returncode == 2, (expected, proc.stderr)
    assert expected in proc.stderr, (expected, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr


def findings(proc: subprocess.CompletedProcess) -> list[dict]:
    """Parse ``--format json`` output."""
    return json.loads(proc.stdout)


def bench_module(name: str):
    """A script of bench/ (say ``corpus_eval``), imported."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus_findings():
    """``seolint check --format json`` over a shared corpus folder (bench/corpus_eval.py's
    run: no cache, no configuration), once per folder for the session: (findings, files)."""
    done: dict[Path, tuple[list[dict], int]] = {}

    def run(folder: Path) -> tuple[list[dict], int]:
        if folder not in done:
            done[folder] = bench_module("corpus_eval").run([str(folder)])
        return done[folder]

    return run


def corpus(name: str) -> Path:
    """A shared corpus folder, or skip the test when it is not on this machine."""
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"shared corpus {name} not available")
    return path


@pytest.fixture(autouse=True, scope="session")
def _cache_key_home(tmp_path_factory):
    """seolint's cache key (see seolint.cache.key) in the test run's own folder, not the
    user's cache directory; runs started by tests inherit it."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if saved is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(autouse=True)
def _earlier_objects_out_of_gc_sight():
    """What earlier tests left alive (rule sets, parsed corpora, hypothesis's caches) is
    moved out of the cyclic garbage collector's sight (``gc.freeze``) before each test.
    Otherwise a test that makes many objects pays for full collections that walk all of
    them: the command-line fuzz test, which restores the rule cache on every run, took
    5 s of CPU on its own and 13 s after a dozen other files in the same process. What the
    test itself makes is collected as usual."""
    gc.freeze()
