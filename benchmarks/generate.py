"""Generate a synthetic Briefings site of N articles, deterministically for a seed.

Used by the benchmarks (``bench_check.py``, and later ``bench_build.py``)::

    python benchmarks/generate.py 20000 /tmp/corpus --seed 1

or from Python::

    from benchmarks.generate import generate_site
    root = generate_site(20000, Path("/tmp/corpus"), seed=1)   # → the folder holding mkdocs.yml

The site has a ``mkdocs.yml`` using the ``briefings`` plugin with several topics,
and ``content/YYYY/MM/YYYY-MM-DD-<slug>.md`` articles spread over many days, with
tags, priorities, sources and a body of a few realistic paragraphs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

TOPICS: dict[str, str] = {
    "politics": "Politics",
    "economy": "Economy & Markets",
    "defence": "Defence & Security",
    "climate": "Climate & Energy",
    "technology": "Technology",
    "health": "Health",
    "culture": "Culture",
}
SOURCES = ["Le Monde", "Reuters", "The Guardian", "Der Spiegel", "El País", "AP", "BBC News", "Nikkei Asia"]
TAGS = [
    "EU",
    "NATO",
    "Ukraine",
    "elections",
    "inflation",
    "AI",
    "energy",
    "China",
    "budget",
    "trade",
    "Middle East",
    "COP29",
    "vaccines",
    "Africa",
    "interest rates",
    "chips",
    "migration",
]
AUTHORS = ["Ana Ruiz", "Jonas Weber", "Claire Martin", "Kenji Sato", None]
SUBJECTS = [
    "Ministers",
    "The central bank",
    "Parliament",
    "Negotiators",
    "Analysts",
    "The commission",
    "Officials",
    "Investors",
    "Researchers",
    "Regional leaders",
]
VERBS = ["agreed on", "rejected", "debated", "postponed", "announced", "warned about", "welcomed", "questioned"]
OBJECTS = [
    "a new budget framework",
    "tighter export controls",
    "the energy price cap",
    "a ceasefire proposal",
    "the climate finance target",
    "an emergency aid package",
    "interest rate cuts",
    "data protection rules",
    "the migration pact",
    "a long-delayed infrastructure plan",
]
CLAUSES = [
    "after weeks of talks",
    "despite strong opposition",
    "according to people familiar with the matter",
    "in a late-night session",
    "as markets reacted cautiously",
    "ahead of next month's summit",
    "citing rising costs",
    "amid growing public pressure",
]
WORDS = [
    "government",
    "policy",
    "market",
    "report",
    "week",
    "growth",
    "vote",
    "region",
    "security",
    "energy",
    "price",
    "deal",
    "court",
    "agency",
    "reform",
    "plan",
    "talks",
    "crisis",
    "support",
    "trade",
    "data",
]

MKDOCS_YML = """\
site_name: Benchmark Briefing
site_url: https://example.org/bench/
theme:
  name: material
plugins:
  - search
  - briefings:
      content_dir: content
      period: day
      timezone: Europe/Paris
      topics:
{topics}
"""


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _title(rng: random.Random, number: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {words} ({number})"


def article_text(rng: random.Random, number: int, when: dt.datetime) -> tuple[str, str]:
    """One synthetic article: ``(file stem, file text)``."""
    title = _title(rng, number)
    topic = rng.choice(list(TOPICS))
    tags = rng.sample(TAGS, rng.randint(0, 4))
    lines = [
        "---",
        f"title: {title}",
        f"date: {when:%Y-%m-%d %H:%M}" if rng.random() < 0.8 else f"date: {when:%Y-%m-%d}",
        f"topic: {topic}",
        f"source: {rng.choice(SOURCES)}",
        f"source_url: https://news.example.com/{when:%Y/%m/%d}/story-{number}",
    ]
    if tags:
        lines.append("tags: [" + ", ".join(tags) + "]" if rng.random() < 0.7 else "tags: " + ", ".join(tags))
    priority = rng.choices((1, 2, 3), weights=(1, 6, 3))[0]
    if priority != 2:
        lines.append(f"priority: {priority}")
    author = rng.choice(AUTHORS)
    if author:
        lines.append(f"author: {author}")
    if rng.random() < 0.3:
        lines.append(f"summary: {_sentence(rng)}")
    lines.append("---")
    body = ["", _paragraph(rng), ""]
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.2:
            body += [f"## {rng.choice(OBJECTS).capitalize()}", ""]
        if rng.random() < 0.15:
            body += [f"- {_sentence(rng)}" for _ in range(3)] + [""]
        body += [_paragraph(rng), ""]
    stem = f"{when:%Y-%m-%d}-story-{number}-" + "-".join(title.split()[:3]).lower()
    return stem, "\n".join(lines + body)


def generate_site(n: int, outdir: Path, seed: int = 1, *, days: int | None = None) -> Path:
    """Write a site of ``n`` articles into ``outdir`` (emptied first); return ``outdir``.

    Articles are spread over ``days`` days (default: about 25 articles a day, at
    least 30 days) ending on 2024-11-30. The same ``n`` and ``seed`` always give
    byte-identical files.
    """
    rng = random.Random(seed)
    outdir = Path(outdir)
    content = outdir / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (outdir / "docs").mkdir(exist_ok=True)
    topics = "\n".join(f"        {key}: {title}" for key, title in TOPICS.items())
    (outdir / "mkdocs.yml").write_text(MKDOCS_YML.format(topics=topics), encoding="utf-8")
    span = days or max(30, n // 25)
    end = dt.datetime(2024, 11, 30, 23, 0)
    for number in range(1, n + 1):
        when = end - dt.timedelta(days=rng.randrange(span), minutes=rng.randrange(0, 24 * 60, 5))
        stem, text = article_text(rng, number, when)
        folder = content / f"{when:%Y}" / f"{when:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.md").write_text(text, encoding="utf-8")
    return outdir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path, help="folder to write (mkdocs.yml and content/)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    root = generate_site(args.n, args.outdir, args.seed)
    print(f"wrote {args.n} articles to {root / 'content'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
