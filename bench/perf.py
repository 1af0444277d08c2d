"""Speed benchmark: throughput, per-file cost, cold start, memory, cache, --jobs, scale, peers.

Usage: python bench/perf.py [--runs N] [--files N] [--scale N] [--peers] [--instructions]
                            [--record DIR | --compare DIR]

It builds its corpus in a temporary folder from the real articles in ../shared/corpora:
``--files`` (default 1,000) seed-sized articles, each a BBC article followed by paragraphs of
the next ones until it is as long as the seed. It runs the real CLI (``python -m seolint``,
this checkout) and prints figures; nothing here is a pass/fail test except the checks that
findings do not change: between --jobs 1 and all cores, between a cached and an uncached run,
and (``--record``/``--compare``) against JSON recorded earlier for the BBC folder and the seed.

``--scale N`` adds a run over N articles (the corpus replicated; 100,000 takes minutes).
``--peers`` installs markdownlint-cli2 (npm) and proselint (pip) into a temporary prefix and
times them on the same folder; a peer that does not install is skipped.
``--instructions`` counts CPU instructions per file with valgrind (seolint against a bare
markdown-it-py parse): a figure that, unlike times, does not move with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
BBC = CORPORA / "bbc_news_human"
SEED = REPO / "seeds" / "000_fe45aa818bf3099d.txt"
# Bytecode is written and used, as in an installed package.
ENV = {**os.environ, "PYTHONPATH": str(REPO), "SEOLINT_CACHE_DIR": ""}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def seolint(*args: str, env: dict | None = None, cwd: Path | None = None) -> tuple[float, str]:
    """Run the CLI; (wall seconds, stdout)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "seolint", "check", *args],
        capture_output=True,
        text=True,
        env={**ENV, **(env or {})},
        cwd=cwd,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"seolint failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, proc.stdout


def median_time(runs: int, *args: str, env: dict | None = None) -> float:
    return statistics.median(seolint(*args, env=env)[0] for _ in range(runs))


def build_corpus(folder: Path, count: int) -> None:
    """``count`` seed-sized articles made of real BBC articles."""
    articles = [p.read_text("utf-8") for p in sorted(BBC.glob("*.txt"))]
    size = len(SEED.read_text("utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = articles[n % len(articles)].rstrip("\n")
        k = n + 1
        while len(text) < size:
            paragraphs = articles[k % len(articles)].strip().split("\n\n")[1:]  # no headline
            text += "\n\n" + "\n\n".join(paragraphs)
            k += 1
        (folder / f"article_{n:06}.txt").write_text(text + "\n", "utf-8")


def replicate(source: Path, folder: Path, count: int) -> None:
    """``count`` files copied round-robin from ``source``, 1,000 to a subfolder."""
    files = sorted(source.iterdir())
    for n in range(count):
        sub = folder / f"part_{n // 1000:04}"
        if n % 1000 == 0:
            sub.mkdir(parents=True)
        os.link(files[n % len(files)], sub / f"a{n:06}.txt")


def peak_rss(*args: str, env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process) for one run."""
    command = [sys.executable, "-m", "seolint", "check", *args]
    full_env = {**ENV, **(env or {})}
    start = time.perf_counter()
    if Path("/usr/bin/time").exists():
        proc = subprocess.run(
            ["/usr/bin/time", "-v", *command], capture_output=True, text=True, env=full_env
        )
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        return time.perf_counter() - start, int(found.group(1)) / 1024 if found else float("nan")
    import resource

    subprocess.run(command, capture_output=True, env=full_env)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bare_parse_ms(folder: Path) -> tuple[float, float]:
    """(markdown-it-py parse, seolint parse + all rules) in ms per file, in one process."""
    sys.path.insert(0, str(REPO))
    from markdown_it import MarkdownIt

    from seolint.lint.engine import lint
    from seolint.parse.markdown import parse
    from seolint.read.source import read_source
    from seolint.run.options import CheckOptions
    from seolint.run.workspace import Workspace

    paths = sorted(str(p) for p in folder.iterdir())
    sources = [read_source(p) for p in paths]
    md = MarkdownIt("commonmark").enable("table")
    _config, ruleset = Workspace(CheckOptions(no_cache=True)).settings(folder)
    for source in sources[:50]:  # warm up: lazy imports, the syllable table
        lint(parse(source), ruleset, ruleset.rules)
    best_md, best_lint = float("inf"), float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for source in sources:
            md.parse(source.text)
        best_md = min(best_md, time.perf_counter() - start)
        start = time.perf_counter()
        for source in sources:
            lint(parse(source), ruleset, ruleset.rules)
        best_lint = min(best_lint, time.perf_counter() - start)
    return 1000 * best_md / len(sources), 1000 * best_lint / len(sources)


def findings_check(folder: Path, record: Path | None, compare: Path | None) -> None:
    """Findings must not depend on --jobs or the cache, nor change from a recorded run."""
    _, serial = seolint("--no-cache", "--jobs", "1", "--format", "json", str(folder))
    _, parallel = seolint("--no-cache", "--format", "json", str(folder))
    with tempfile.TemporaryDirectory() as cache:
        env = {"SEOLINT_CACHE_DIR": cache}
        seolint("--format", "json", str(folder), env=env)
        _, cached = seolint("--format", "json", str(folder), env=env)
    same = serial == parallel == cached
    print(f"findings identical with --jobs 1, all cores and the cache: {'yes' if same else 'NO'}")
    outputs = {
        "bbc.json": seolint("--no-cache", "--format", "json", str(BBC))[1],
        "seed.json": seolint("--no-cache", "--format", "json", str(SEED))[1],
    }
    if record:
        record.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (record / name).write_text(text, "utf-8")
        print(f"recorded the BBC folder's and the seed's findings in {record}")
    if compare:
        for name, text in outputs.items():
            before = (compare / name).read_text("utf-8")
            print(f"{name}: {'same as recorded' if before == text else 'DIFFERENT from recorded'}")
    if not same:
        raise SystemExit(1)


def peers(folder: Path, ours: float, count: int, runs: int) -> None:
    """Time markdownlint-cli2 and proselint on the same folder, where they install."""
    with tempfile.TemporaryDirectory() as prefix:
        tools: dict[str, list[str]] = {}
        if shutil.which("npm"):
            npm = subprocess.run(
                ["npm", "install", "--prefix", prefix, "markdownlint-cli2"], capture_output=True
            )
            binary = Path(prefix) / "node_modules" / ".bin" / "markdownlint-cli2"
            if npm.returncode == 0 and binary.exists():
                tools["markdownlint-cli2"] = [str(binary), f"{folder}/*.txt"]
        target = Path(prefix) / "py"
        pip = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "proselint"],
            capture_output=True,
        )
        if pip.returncode == 0:
            tools["proselint"] = [sys.executable, "-m", "proselint", "check", str(folder)]
        if not tools:
            print("peers: none installed (no registry access?)")
        for name, command in tools.items():
            env = {**os.environ, "PYTHONPATH": str(target)}
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                proc = subprocess.run(command, capture_output=True, env=env, cwd=prefix)
                times.append(time.perf_counter() - start)
                if proc.returncode not in (0, 1):  # 1: it found something, as it should
                    break
            if proc.returncode not in (0, 1):
                print(f"peer {name}: failed ({proc.returncode}), skipped")
                continue
            rate = count / statistics.median(times)
            print(f"peer {name}: {rate:,.0f} files/s; seolint is {ours / rate:.1f}x as fast")


def cold_start(runs: int) -> None:
    """One fresh process on the seed: with nothing cached, as after an edit (the rule packs
    cached, the article new), and with the article's findings cached too."""
    nothing = statistics.median(seolint("--no-cache", str(SEED))[0] for _ in range(runs))
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as work:
        env = {"SEOLINT_CACHE_DIR": cache}
        seolint(str(SEED), env=env)  # the rule packs are cached from here on
        edited = []
        for n in range(runs):
            article = Path(work) / f"edit{n}.txt"
            article.write_text(SEED.read_text("utf-8") + f"\nEdit {n}.\n", "utf-8")
            edited.append(seolint(str(article), env=env)[0])
        unchanged = statistics.median(seolint(str(SEED), env=env)[0] for _ in range(runs))
    python = statistics.median(_wall([sys.executable, "-c", "pass"]) for _ in range(runs))
    markdown = statistics.median(
        _wall([sys.executable, "-c", "import markdown_it"]) for _ in range(runs)
    )
    print(f"cold start, seed, fresh process (median of {runs}):")
    print(
        f"  for scale, same minutes: python -c pass {1000 * python:.0f} ms, "
        f"python -c 'import markdown_it' {1000 * markdown:.0f} ms"
    )
    print(f"  nothing cached (--no-cache): {1000 * nothing:.0f} ms")
    print(f"  edited article, rule packs cached: {1000 * statistics.median(edited):.0f} ms")
    print(f"  unchanged article (findings cached): {1000 * unchanged:.0f} ms")


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, env=ENV)
    return time.perf_counter() - start


INSTRUCTIONS = """
import sys
from pathlib import Path
sys.path.insert(0, {repo!r})
paths = sorted(Path({folder!r}).iterdir())[:60]
texts = [p.read_text("utf-8") for p in paths]
if sys.argv[1] == "markdown-it":
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark").enable("table")
    work = md.parse
else:
    from seolint.lint.engine import lint
    from seolint.parse.markdown import parse
    from seolint.run.options import CheckOptions
    from seolint.run.workspace import Workspace
    from seolint.read.source import Source
    _config, ruleset = Workspace(CheckOptions(no_cache=True)).settings(Path({folder!r}))
    def work(text):
        lint(parse(Source("a.txt", text)), ruleset, ruleset.rules)
for text in texts[:20]:  # warm up: lazy imports, regexes, the syllable table
    work(text)
for text in texts[20 : 20 + int(sys.argv[2])]:
    work(text)
"""


def instructions(folder: Path) -> None:
    """Per-file cost in CPU instructions (valgrind's callgrind: the same count however busy
    the machine is), seolint's parse and rules against a bare markdown-it-py parse."""
    if not shutil.which("valgrind"):
        print("instructions: valgrind not installed, skipped")
        return
    with tempfile.TemporaryDirectory() as work:
        script = Path(work) / "count.py"
        script.write_text(INSTRUCTIONS.format(repo=str(REPO), folder=str(folder)), "utf-8")

        def count(tool: str, files: int) -> int:
            proc = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--callgrind-out-file=/dev/null",
                    sys.executable,
                    str(script),
                    tool,
                    str(files),
                ],
                capture_output=True,
                text=True,
                env=ENV,
            )
            found = re.search(r"Collected : (\d+)", proc.stderr)
            if not found:
                raise SystemExit(f"valgrind failed: {proc.stderr[-300:]}")
            return int(found.group(1))

        per_file = {
            tool: (count(tool, 40) - count(tool, 0)) / 40 for tool in ("markdown-it", "seolint")
        }
    ours, bare = per_file["seolint"], per_file["markdown-it"]
    print(
        f"per file, instructions: seolint {ours / 1e6:.1f} M, markdown-it-py parse "
        f"{bare / 1e6:.1f} M ({ours / bare:.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--files", type=int, default=1000, help="seed-sized articles")
    parser.add_argument("--scale", type=int, default=0, help="also run over this many articles")
    parser.add_argument("--peers", action="store_true", help="install and time peer tools")
    parser.add_argument(
        "--instructions", action="store_true", help="count CPU instructions per file (valgrind)"
    )
    parser.add_argument("--record", type=Path, help="save the BBC and seed findings here")
    parser.add_argument("--compare", type=Path, help="compare with findings saved here")
    options = parser.parse_args()
    if not BBC.is_dir():
        raise SystemExit(f"corpus not found: {BBC}")
    runs, count = options.runs, options.files
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "seolint")], env=ENV)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "articles"
        build_corpus(folder, count)
        print(f"corpus: {count} seed-sized BBC articles; {os.cpu_count()} cores")
        findings_check(folder, options.record, options.compare)

        md_ms, lint_ms = bare_parse_ms(folder)
        print(
            f"per file, one process: markdown-it-py parse {md_ms:.2f} ms, seolint {lint_ms:.2f} ms"
        )
        print(f"  ({lint_ms / md_ms:.1f}x a bare markdown-it-py parse)")

        rates = {}
        for jobs in sorted({1, 2, os.cpu_count() or 1}):
            seconds = median_time(runs, "--no-cache", "--jobs", str(jobs), str(folder))
            rates[jobs] = count / seconds
            print(f"throughput --jobs {jobs}: {rates[jobs]:,.0f} files/s")
        default = count / median_time(runs, "--no-cache", str(folder))
        print(f"throughput, default jobs: {default:,.0f} files/s")
        with tempfile.TemporaryDirectory() as cache:
            env = {"SEOLINT_CACHE_DIR": cache}
            seolint(str(SEED), env=env)  # the rule packs are cached from here on
            first = []
            for n in range(runs):  # a fresh copy each time: no findings cached
                copy = Path(temporary) / f"copy{n}"
                shutil.copytree(folder, copy)
                first.append(seolint(str(copy), env=env)[0])
                shutil.rmtree(copy)
        print(
            f"throughput, default jobs, rule packs cached, articles new (findings written): "
            f"{count / statistics.median(first):,.0f} files/s"
        )
        bbc_files = len(list(BBC.glob("*.txt")))
        bbc = bbc_files / median_time(runs, "--no-cache", str(BBC))
        print(f"throughput over the BBC folder as is ({bbc_files} files): {bbc:,.0f} files/s")

        cold_start(max(runs, 10))

        with tempfile.TemporaryDirectory() as cache:
            env = {"SEOLINT_CACHE_DIR": cache}
            filled = seolint(str(folder), env=env)[0]
            hit = median_time(runs, str(folder), env=env)
        print(f"cache: first run {filled:.2f} s, second run {hit:.2f} s")
        print(f"  ({count / default / hit:.1f}x faster than an uncached run)")

        seconds, rss = peak_rss("--no-cache", str(folder))
        print(f"peak RSS, {count} files, default jobs: {rss:.0f} MB (largest process)")

        if options.scale:
            big = Path(temporary) / "scale"
            replicate(folder, big, options.scale)
            seconds, rss = peak_rss("--no-cache", str(big))
            print(
                f"scale: {options.scale:,} articles in {seconds:.0f} s, "
                f"{options.scale / seconds:,.0f} files/s, peak RSS {rss:.0f} MB (largest process)"
            )
        if options.instructions:
            instructions(folder)
        if options.peers:
            peers(folder, default, count, runs)


if __name__ == "__main__":
    main()
