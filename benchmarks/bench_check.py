"""Time ``briefings check`` against the bare python-frontmatter parse of the same files.

    .venv/bin/python benchmarks/bench_check.py            # 20,000 articles, best of 3
    .venv/bin/python benchmarks/bench_check.py 5000 --repeat 5 --dir /tmp/corpus

Measured in one run, on one corpus (made by ``generate.py`` unless ``--dir``
already holds one of the right size):

* ``frontmatter.load`` of every article file: the floor any YAML front matter
  tool pays (read + split + PyYAML with libyaml);
* ``load_articles``: what ``briefings check`` does in-process (read, YAML with
  field lines, validation, slugs, summaries, URL collisions);
* the ``briefings check`` command as a subprocess, once (adds interpreter, MkDocs
  and theme start-up).

The goal (issue 2) is ``load_articles`` ≤ 2× the bare parse at 20,000 articles.
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import frontmatter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_site  # noqa: E402

from briefings.app.site import open_site  # noqa: E402
from briefings.load import article_files, load_articles  # noqa: E402
from briefings.request import BuildRequest  # noqa: E402


def best_of(repeat: int, action: Callable[[], object]) -> tuple[float, float]:
    """The fastest of ``repeat`` runs: ``(wall seconds, CPU seconds)``, the garbage collector settled first.

    CPU time is reported beside wall time because it hardly moves when other
    programs share the machine.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def corpus(n: int, folder: Path, seed: int) -> Path:
    """The corpus of ``n`` articles in ``folder``, generated when missing or of another size."""
    content = folder / "content"
    if not (folder / "mkdocs.yml").is_file() or not content.is_dir() or len(article_files(content)) != n:
        print(f"generating {n} articles in {folder} …", flush=True)
        generate_site(n, folder, seed)
    return folder / "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark briefings check against python-frontmatter.")
    parser.add_argument("n", type=int, nargs="?", default=20000, help="number of articles (default 20000)")
    parser.add_argument("--dir", type=Path, default=None, help="corpus folder (default /tmp/briefings-bench-N)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="best of how many runs (default 3)")
    args = parser.parse_args(argv)

    config_file = corpus(args.n, args.dir or Path(f"/tmp/briefings-bench-{args.n}"), args.seed)
    settings = open_site(BuildRequest(config_file=config_file)).settings
    files = article_files(settings.content_dir)

    def bare_parse() -> None:
        posts = [frontmatter.load(path) for path in files]  # kept, as a loader keeps its articles
        assert len(posts) == args.n

    def check_in_process() -> None:
        result = load_articles(settings)
        assert len(result.articles) == args.n and not result.errors, result.problems[:3]

    # Warm the OS file cache once, so the first timed tool is not penalised.
    for path in files:
        path.read_bytes()
    bare, bare_cpu = best_of(args.repeat, bare_parse)
    loader, loader_cpu = best_of(args.repeat, check_in_process)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", "from briefings.cli import main; main()", "check", "-f", str(config_file)],
        capture_output=True,
        text=True,
    )
    command = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    command_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    if completed.returncode != 0:
        print(completed.stdout[-2000:], completed.stderr[-2000:], file=sys.stderr)
        return 1

    print(
        f"\n{args.n} articles, best of {args.repeat} (subprocess: once)"
        f"   [{completed.stdout.strip().splitlines()[-1]}]\n"
    )
    rows = [
        ("frontmatter.load (bare parse)", bare, bare_cpu),
        ("load_articles (briefings check, in-process)", loader, loader_cpu),
        ("briefings check (subprocess, once)", command, command_cpu),
    ]
    print(f"{'what':44} {'wall s':>7} {'× bare':>7} {'CPU s':>7} {'× bare':>7} {'ms/article':>10}")
    for name, wall, cpu in rows:
        print(f"{name:44} {wall:7.2f} {wall / bare:7.2f} {cpu:7.2f} {cpu / bare_cpu:7.2f} {1000 * wall / args.n:10.3f}")
    goal = loader / bare <= 2.0
    print(
        f"\ngoal load_articles ≤ 2× bare parse: {'met' if goal else 'NOT met'}"
        f" (wall {loader / bare:.2f}×, CPU {loader_cpu / bare_cpu:.2f}×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
