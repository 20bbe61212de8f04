"""Time ``briefings build`` at several corpus sizes beside a bare MkDocs + Material peer.

    python benchmarks/bench_build.py            # 1,000 and 5,000 articles
    python benchmarks/bench_build.py 1000 2000  # other sizes

For each N it generates (once, seeded) a Briefings site of N articles and a peer
site: the same N article bodies as plain MkDocs pages, Material theme, search, a
one-page navigation — what MkDocs costs anyway. Both are built in the same run;
it reports wall and CPU milliseconds per article, the ratio to the peer, and how
the cost per article grows from the smallest N to the largest (goal: at most
1.15x, and at most 8 ms per article at 5,000 with every page kind included).
CPU time (user + system of the build process) is the figure to trust on a busy
machine; wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import generate_site  # noqa: E402

CORPUS = HERE / "corpus"
PEER_YML = """site_name: Peer
site_url: https://example.org/peer/
theme: {name: material, font: false}
plugins: [search]
nav: [index.md]
not_in_nav: |
  /articles/
"""


def make_peer(site: Path, peer: Path) -> int:
    """The same article bodies as plain MkDocs pages under docs/articles/; returns the page count."""
    if peer.exists():
        shutil.rmtree(peer)
    docs = peer / "docs" / "articles"
    docs.mkdir(parents=True)
    (peer / "docs" / "index.md").write_text("# Peer\n", encoding="utf-8")
    (peer / "mkdocs.yml").write_text(PEER_YML, encoding="utf-8")
    count = 0
    for path in sorted((site / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, _, body = text[4:].partition("\n---\n")
        title = next((line[7:] for line in front.splitlines() if line.startswith("title: ")), path.stem)
        (docs / path.name).write_text(f"# {title}\n\n{body}", encoding="utf-8")
        count += 1
    return count


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(n: int, repeat: int) -> dict[str, float]:
    site, peer = CORPUS / f"site-{n}", CORPUS / f"peer-{n}"
    if not (site / "mkdocs.yml").exists():
        generate_site(n, site, seed=1)
    make_peer(site, peer)
    bin_dir = Path(sys.executable).parent
    best = {"wall": float("inf"), "cpu": float("inf"), "peer_wall": float("inf"), "peer_cpu": float("inf")}
    for _ in range(repeat):
        shutil.rmtree(site / "site", ignore_errors=True)
        wall, cpu = timed([str(bin_dir / "briefings"), "build"], site)
        best["wall"], best["cpu"] = min(best["wall"], wall), min(best["cpu"], cpu)
        shutil.rmtree(peer / "site", ignore_errors=True)
        wall, cpu = timed([str(bin_dir / "mkdocs"), "build", "-q"], peer)
        best["peer_wall"], best["peer_cpu"] = min(best["peer_wall"], wall), min(best["peer_cpu"], cpu)
    best["pages"] = sum(1 for _ in (site / "site").rglob("index.html"))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best is kept")
    args = parser.parse_args(argv)
    rows = {n: measure(n, args.repeat) for n in args.sizes}
    print(
        f"{'N':>6} {'pages':>6} {'build s':>8} {'ms/art wall':>11} {'ms/art cpu':>10}"
        f" {'peer ms/art cpu':>15} {'ratio cpu':>9}"
    )
    for n, row in rows.items():
        print(
            f"{n:>6} {int(row['pages']):>6} {row['wall']:>8.1f} {row['wall'] / n * 1000:>11.2f}"
            f" {row['cpu'] / n * 1000:>10.2f}"
            f" {row['peer_cpu'] / n * 1000:>15.2f} {row['cpu'] / row['peer_cpu']:>9.2f}"
        )
    small, large = min(rows), max(rows)
    if small != large:
        growth_cpu = (rows[large]["cpu"] / large) / (rows[small]["cpu"] / small)
        growth_peer = (rows[large]["peer_cpu"] / large) / (rows[small]["peer_cpu"] / small)
        print(f"cost per article, {large} vs {small}: x{growth_cpu:.2f} (peer x{growth_peer:.2f}); goal <= 1.15")
    return 0


if __name__ == "__main__":
    sys.exit(main())
