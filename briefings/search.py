"""The site's search index: articles and hand-written pages → Pagefind records → ``pagefind/``.

Records are made from the core model, not from the built HTML: no page is parsed
again, and each record carries exactly what a result shows (title, date, source,
topic) and what the filters need (topic, source, tags, month). Listing pages
(home, briefings, topics, tags, archive) are not indexed: a result is an article
or a hand-written page. Pagefind (the ``pagefind`` package, whose wheel ships the
indexer binary) writes the bundle the browser loads piece by piece, so the first
query downloads a few hundred kilobytes whatever the size of the archive.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .cache import BuildCache, digest
from .group import SiteModel
from .model import Article
from .text import plain_text

#: Where the bundles go, below the site root; the browser reads ``pagefind/bundles.json`` first.
BUNDLE_DIR = "pagefind"
MANIFEST = "bundles.json"
#: Files Pagefind writes into every bundle for its ready-made UIs, which Briefings does not use (~480 KB).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: Measured with pagefind 1.5.2 on 2 cores: writing an index peaks at ~120 MB plus 450–550
#: bytes per indexed word (10,000 articles, 1.3M words: 782 MB; 1.5M words: 991 MB), so
#: bundles of 1.2 million words stay near 800 MB. Each further bundle costs the browser one
#: more index chunk per query word (20–70 KB), so old articles go in bundles this large.
WORDS_PER_BUNDLE = 1_200_000
#: What is left after the full bundles is cut into at most one bundle of half of
#: :data:`WORDS_PER_BUNDLE` (for each divisor here), and the newest records go in a last
#: bundle of about half at most. The browser searches that newest bundle on its own first and
#: shows its results while it searches the others: Pagefind takes ~40 µs for each page that
#: matches a query (a word found in nearly every article: ~350 ms for a full bundle of
#: ~8,000 articles), so the first results wait for half of that at most. A further level
#: (a quarter) would halve it again but costs every query one more index chunk per word.
SMALLER_BUNDLES = (2,)
#: Within the newest bundle, its newest records up to 1/16 of :data:`WORDS_PER_BUNDLE`
#: (75,000 words: a few days of news) carry the synthetic filter :data:`RECENT_FILTER` =
#: "1", the others "0", and ``bundles.json`` says so: the browser searches those first (a
#: word found in every article: ~60 ms), then the rest. That bundle is rewritten every day
#: anyway; the filter costs the first query ~4 KB.
RECENT_SHARE = 16
RECENT_FILTER = "bf_recent"
_BLOCK_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)")
_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})")


@dataclass(frozen=True)
class SearchRecord:
    """One searchable page: its root-relative URL, its text, and the fields results and filters use."""

    url: str  # "/articles/2024/11/25/slug/"
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def dated(self) -> bool:
        """An article (it has a date), not a hand-written page."""
        return "date" in self.meta

    @cached_property
    def words(self) -> int:
        """How many words the indexer gets: what bundles are measured in."""
        return len(self.content.split())


def markdown_text(body: str) -> str:
    """An article body as plain text for the index: block markers and inline markup dropped, code kept."""
    lines: list[str] = []
    for line in body.splitlines():
        if _FENCE.match(line):
            continue
        text = plain_text(_BLOCK_MARKERS.sub("", line).replace("|", " "))
        if text:
            lines.append(text)
    return "\n".join(lines)


def article_record(article: Article, topic_title: str, date_label: str) -> SearchRecord:
    """The record of one article.

    Its text is the body (and a summary written in front matter, which the body
    does not repeat); title, source, author, topic and tags are meta fields,
    which Pagefind searches too (the title with extra weight) without indexing
    them twice. Every indexed word costs the indexer memory, so nothing is repeated.
    """
    parts = [article.summary if not article.summary_is_derived else "", markdown_text(article.body)]
    meta = {
        "title": article.title,
        "date": article.published.isoformat() if article.has_time else article.day.isoformat(),
        "date_label": date_label,
        "topic": topic_title,
        "kind": "article",
    }
    if article.source:
        meta["source"] = article.source
    if article.author:
        meta["author"] = article.author
    if article.tags:
        meta["tags"] = ", ".join(article.tags)
    filters = {"topic": [topic_title], "month": [f"{article.day:%Y-%m}"]}
    if article.source:
        filters["source"] = [article.source]
    if article.tags:
        filters["tag"] = list(article.tags)
    content = "\n".join(part for part in parts if part) or article.title
    return SearchRecord("/" + article.url, content, meta, filters)


def article_records(model: SiteModel, short_date: Callable[[dt.date], str]) -> list[SearchRecord]:
    """Every article's record, strictly newest first; ``short_date`` labels each result's day.

    Pagefind numbers the pages in this order, which is the browser's "newest first"
    (search.js, inPageOrder); a briefing lists its articles by priority instead.
    """
    titles = model.topic_titles
    articles = sorted(
        (a for briefing in model.briefings for a in briefing.articles), key=lambda a: a.published, reverse=True
    )
    return [article_record(a, titles.get(a.topic, a.topic), short_date(a.day)) for a in articles]


def page_record(url: str, title: str, text: str) -> SearchRecord:
    """The record of a hand-written ``docs/`` page (``url`` site-relative, as MkDocs gives it)."""
    return SearchRecord("/" + url, text or title, {"title": title, "kind": "page"})


def split_into_bundles(
    records: Sequence[SearchRecord], words_per_bundle: int | None = None
) -> list[list[SearchRecord]]:
    """``records`` (newest first) in runs of whole records, newest bundle first.

    Bundles are cut from the oldest record on: full ones of at most
    ``words_per_bundle`` words (default :data:`WORDS_PER_BUNDLE`) while more than
    that is left; of the rest, one bundle of at most half that size, if more than
    that is left (:data:`SMALLER_BUNDLES`); the newest records are the last bundle.
    A cut depends only on the records older than it, so new articles change only
    the newest bundle (and, when the newest records grow past a half or a whole,
    the bundle they become), and an edited article only its own bundle: the build
    cache reuses the others.
    A search sorted by date reads the bundles in order.
    """
    limit = words_per_bundle or WORDS_PER_BUNDLE
    oldest_first = list(reversed(records))
    counts = [record.words for record in oldest_first]
    left = sum(counts)
    bundles: list[list[SearchRecord]] = []
    start = 0
    for size in [limit] + [max(1, limit // d) for d in SMALLER_BUNDLES]:
        while left > size:  # more than a bundle of this size is left: cut one, greedily from the oldest
            end, words = start + 1, counts[start]  # a record longer than the limit is a bundle on its own
            while end < len(counts) and words + counts[end] <= size:
                words += counts[end]
                end += 1
            bundles.append(oldest_first[start:end])
            start, left = end, left - words
            if size != limit:
                break  # at most one bundle of each smaller size
    if start < len(oldest_first) or not bundles:
        bundles.append(oldest_first[start:])
    return [bundle[::-1] for bundle in reversed(bundles)]


def mark_recent(bundle: Sequence[SearchRecord], words: int | None = None) -> list[SearchRecord] | None:
    """``bundle`` (newest first) with its newest records of up to ``words`` words marked "recent".

    Each record gets the filter :data:`RECENT_FILTER`: "1" for the newest ones (at least
    one), "0" for the others. None when the whole bundle is within ``words`` (default:
    :data:`WORDS_PER_BUNDLE` / :data:`RECENT_SHARE`): searching it in one go is as fast.
    """
    limit = words or max(1, WORDS_PER_BUNDLE // RECENT_SHARE)
    counts = [record.words for record in bundle]
    if sum(counts) <= limit:
        return None
    recent, total = 1, counts[0]
    while recent < len(bundle) and total + counts[recent] <= limit:
        total += counts[recent]
        recent += 1
    return [
        replace(record, filters={**record.filters, RECENT_FILTER: ["1" if i < recent else "0"]})
        for i, record in enumerate(bundle)
    ]


def bundle_path(number: int) -> str:
    """Where bundle ``number`` (from 1) goes below the site root: ``pagefind/``, ``pagefind/part-2/``…"""
    return f"{BUNDLE_DIR}/" if number == 1 else f"{BUNDLE_DIR}/part-{number}/"


@dataclass(frozen=True)
class SearchIndexReport:
    """What indexing did: pages, bundles, time, and the indexer's peak memory (for the build log)."""

    pages: int
    bundles: list[str]
    reused: int  # bundles copied from the build cache
    seconds: float
    indexer_peak_mb: float  # 0 when every bundle came from the cache

    def describe(self) -> str:
        return (
            f"Search index: {self.pages} pages in {len(self.bundles)} bundle(s) ({self.reused} from the cache),"
            f" {self.seconds:.1f} s, indexer peak {self.indexer_peak_mb:.0f} MB"
        )


def write_bundles(
    records: Sequence[SearchRecord], site_dir: Path, language: str, cache: BuildCache | None = None
) -> SearchIndexReport:
    """Index ``records`` with Pagefind into one or more bundles below ``site_dir``.

    Pagefind builds a whole index in memory when it writes it, so the records are
    cut into bundles of at most :data:`WORDS_PER_BUNDLE` words, written one after
    the other: memory stays bounded however large the archive grows.
    ``pagefind/bundles.json`` lists them for the browser, which searches them all,
    the newest first (and its newest records before the others: :func:`mark_recent`).
    With a ``cache``, a bundle whose records are unchanged is copied from an
    earlier build instead (byte for byte: Pagefind's own output varies from run to
    run). Raises :class:`SearchIndexError`.
    """
    code = language.replace("_", "-").split("-")[0].lower() or "en"  # Pagefind wants ISO 639-1: "fr", not "fr_CA"
    started = time.perf_counter()
    paths, reused = [], 0
    service: PagefindService | None = None
    bundles = split_into_bundles(records)
    undated = 0
    if bundles:
        # Hand-written pages go in the newest bundle (a docs edit re-indexes only that one),
        # after its articles: Pagefind numbers pages in the order they are added, and that
        # order is "newest first" for the browser (see below).
        undated = sum(not r.dated for r in bundles[0])
        bundles[0] = [r for r in bundles[0] if r.dated] + [r for r in bundles[0] if not r.dated]
    marked = mark_recent(bundles[0]) if bundles and bundles[0] else None
    if marked is not None:
        bundles[0] = marked
    try:
        for number, bundle in enumerate(bundles, start=1):
            path = bundle_path(number)
            target = site_dir / path
            key = _bundle_key(bundle, code)
            paths.append(path)
            if cache is not None and cache.restore(key, target):
                reused += 1
                continue
            service = service or PagefindService()
            index_id = service.call({"type": "NewIndex", "config": {"force_language": code}})["index_id"]
            service.call_all(_add_record(index_id, record, code) for record in bundle)
            service.call({"type": "WriteFiles", "index_id": index_id, "output_path": str(target)})
            service.call({"type": "DeleteIndex", "index_id": index_id})  # frees its memory before the next one
            for name in UNUSED_FILES:  # Pagefind's own UIs: the site has its own (search.js)
                (target / name).unlink(missing_ok=True)
            if cache is not None:  # the first bundle's folder also holds the others: only its own files
                others = [n.name for n in target.iterdir() if n.name.startswith("part-") or n.name == MANIFEST]
                cache.store(key, target, leave_out=others)
    finally:
        if service is not None:
            service.close()
    if cache is not None:
        cache.prune()
    manifest: dict[str, Any] = {"bundles": [p.removeprefix(f"{BUNDLE_DIR}/") for p in paths]}
    if marked is not None:
        manifest["recent"] = RECENT_FILTER  # bundle 1 is searched in two steps: "1", then "0"
    if undated:
        manifest["undated"] = undated  # the last pages of bundle 1, left out of "newest first"
    (site_dir / BUNDLE_DIR / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    peak = service.peak_rss_kb / 1024 if service is not None else 0.0
    return SearchIndexReport(len(records), paths, reused, time.perf_counter() - started, peak)


def _bundle_key(bundle: Sequence[SearchRecord], language: str) -> str:
    """Everything a bundle's files depend on: Pagefind's version, the language and every record."""
    rows = [(r.url, r.content, r.meta, r.filters) for r in bundle]
    return digest("search-bundle", version("pagefind"), language, rows)


def _add_record(index_id: int, record: SearchRecord, language: str) -> dict[str, Any]:
    return {
        "type": "AddRecord",
        "index_id": index_id,
        "url": record.url,
        "content": record.content,
        "language": language,
        "meta": record.meta,
        "filters": record.filters,
    }


class SearchIndexError(RuntimeError):
    """The Pagefind indexer failed; the message says how."""


class PagefindService:
    """A client of ``pagefind --service``, the indexer the ``pagefind`` package ships.

    It speaks the protocol of the package's own Python API (base64 JSON messages,
    each followed by a comma, on stdin and stdout) without that client's 0.1 s
    pause before reading each response, which makes 10,000 records take 17
    minutes: here every request is written at once while a thread reads the
    answers.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable  # the binary inside the pagefind-bin wheel

        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind indexer is not installed (pip install 'pagefind[bin]')")
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._responses: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        self._next_id = 0
        self._peak_rss_kb = 0
        self._reader_done = False
        self._reader = threading.Thread(target=self._read, name="pagefind responses", daemon=True)
        self._reader.start()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """End the indexer (it exits at the end of its input) and record its peak memory."""
        if self._process.returncode is not None:
            return
        if self._process.stdin:
            self._process.stdin.close()  # the indexer exits at the end of its input
        self._reader.join(timeout=30)
        if self._reader.is_alive():
            self._process.kill()
        self._reap()

    @property
    def peak_rss_kb(self) -> int:
        """The indexer's peak resident memory, once it has exited (0 before)."""
        return self._peak_rss_kb

    def _reap(self) -> None:
        """Wait for the indexer with ``wait4``, which also tells its peak memory."""
        _, status, usage = os.wait4(self._process.pid, 0)
        self._process.returncode = os.waitstatus_to_exitcode(status)
        self._peak_rss_kb = usage.ru_maxrss

    def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and return its response payload."""
        return self.call_all([payload])[0]

    def call_all(self, payloads: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send every request, then wait for every response (in request order)."""
        stdin = self._process.stdin
        if stdin is None:
            raise SearchIndexError("the Pagefind indexer is not running")
        ids = []
        try:
            for payload in payloads:
                self._next_id += 1
                ids.append(self._next_id)
                message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
                stdin.write(base64.b64encode(message) + b",")
            stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError("the Pagefind indexer stopped unexpectedly") from None
        with self._arrived:
            self._arrived.wait_for(lambda: all(i in self._responses for i in ids) or self._reader_done)
            missing = [i for i in ids if i not in self._responses]
            if missing:
                raise SearchIndexError("the Pagefind indexer stopped before answering every request")
            answers = [self._responses.pop(i) for i in ids]
        for answer in answers:
            if answer.get("type") == "Error":
                raise SearchIndexError(f"Pagefind: {answer.get('message')}")
        return answers

    def _read(self) -> None:
        stdout = self._process.stdout
        buffer = b""
        while stdout is not None and (chunk := os.read(stdout.fileno(), 1 << 16)):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            decoded = [json.loads(base64.b64decode(m)) for m in messages if m.strip()]
            with self._arrived:
                for response in decoded:
                    if response and response.get("message_id") is not None:
                        self._responses[response["message_id"]] = response["payload"]
                self._arrived.notify_all()
        with self._arrived:
            self._reader_done = True
            self._arrived.notify_all()
