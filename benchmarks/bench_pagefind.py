"""What Pagefind costs to (re)index one search bundle, by bundle size (wall seconds, indexer memory).

    python benchmarks/bench_pagefind.py benchmarks/corpus/site-10000
    python benchmarks/bench_pagefind.py benchmarks/corpus/site-10000 --shares 1 0.5 0.25 0.125 --repeat 2

Pagefind has no incremental update: a changed record means its whole bundle is indexed
again. An edited old article therefore costs a rebuild at least the time to index the
oldest (full) bundle of the site. This script measures that floor on a site's own
search records, as the build makes them (``search.article_records`` over the loaded
articles, cut by ``search.split_into_bundles``): it takes the site's largest bundle,
and for each ``--shares`` fraction of its records (the newest ones of it), indexes them
with the same Pagefind service client the build uses and reports

* ``add``: sending every record (``AddRecord``) until Pagefind has answered them all;
* ``write``: ``WriteFiles`` into a fresh folder (index chunks, filter files, one
  fragment per record, metadata);
* the indexer's peak memory (``wait4``), and the number of files written.

It does not build the site and leaves nothing behind (the bundles go to a temporary
folder). What smaller bundles would cost the reader instead is ``bench_search.py``'s
"first query" column; both sides are in ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.app.site import open_site  # noqa: E402
from briefings.group import group_articles  # noqa: E402
from briefings.load import load_articles  # noqa: E402
from briefings.render import Renderer  # noqa: E402
from briefings.request import BuildRequest  # noqa: E402
from briefings.search import (  # noqa: E402
    WORDS_PER_BUNDLE,
    PagefindService,
    SearchRecord,
    _add_record,
    article_records,
    split_into_bundles,
)


@dataclass(frozen=True)
class Indexed:
    """One measured bundle: its size, the two phases' wall seconds, the indexer's peak and output."""

    records: int
    words: int
    add_seconds: float
    write_seconds: float
    peak_mb: float
    files: int

    @property
    def total(self) -> float:
        return self.add_seconds + self.write_seconds


def site_records(site: Path) -> list[SearchRecord]:
    """The site's article records, newest first, as ``briefings build`` makes them."""
    opened = open_site(BuildRequest(config_file=site / "mkdocs.yml"))
    loaded = load_articles(opened.settings)
    model = group_articles(loaded.articles, opened.settings, loaded.topics, loaded.media)
    return article_records(model, Renderer(model).short_date)


def index_once(records: list[SearchRecord], folder: Path) -> Indexed:
    """Index ``records`` as one bundle into ``folder``, the way ``search.write_bundles`` does."""
    service = PagefindService()
    try:
        started = time.perf_counter()
        index_id = service.call({"type": "NewIndex", "config": {"force_language": "en"}})["index_id"]
        service.call_all(_add_record(index_id, record, "en") for record in records)
        added = time.perf_counter()
        service.call({"type": "WriteFiles", "index_id": index_id, "output_path": str(folder)})
        written = time.perf_counter()
    finally:
        service.close()
    files = sum(1 for path in folder.rglob("*") if path.is_file())
    words = sum(record.words for record in records)
    return Indexed(len(records), words, added - started, written - added, service.peak_rss_kb / 1024, files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site folder (holding mkdocs.yml), e.g. benchmarks/corpus/site-10000")
    parser.add_argument(
        "--shares",
        type=float,
        nargs="+",
        default=[1.0, 0.5, 0.25, 0.125],
        help="fractions of the largest bundle's records to index (default: 1 0.5 0.25 0.125)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best is shown (default 1)")
    options = parser.parse_args(argv)

    started = time.perf_counter()
    records = site_records(options.site.resolve())
    bundles = split_into_bundles(records)
    largest = max(bundles, key=lambda bundle: sum(r.words for r in bundle))
    print(
        f"{options.site}: {len(records):,} article records, {sum(r.words for r in records):,} words,"
        f" {len(bundles)} bundle(s) of at most {WORDS_PER_BUNDLE:,} words; largest: {len(largest):,} records"
        f" (loaded in {time.perf_counter() - started:.1f} s)\n"
    )
    print("| share of the largest bundle | records | words | add s | write s | add + write s | indexer MB | files |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-pagefind-") as scratch:
        for run, share in enumerate(options.shares):
            part = largest[: max(1, round(len(largest) * share))]
            tries = [index_once(part, Path(scratch) / f"{run}-{attempt}") for attempt in range(options.repeat)]
            best = min(tries, key=lambda indexed: indexed.total)
            print(
                f"| {share:g} | {best.records:,} | {best.words:,} | {best.add_seconds:.2f} | {best.write_seconds:.2f}"
                f" | **{best.total:.2f}** | {best.peak_mb:.0f} | {best.files:,} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
