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
import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .cache import BuildCache, digest
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
#: bundles of 1.2 million words stay near 800 MB. Each further bundle costs the browser
#: ~20 KB more on the first query (Pagefind's mergeIndex).
WORDS_PER_BUNDLE = 1_200_000
_BLOCK_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)")
_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})")


@dataclass(frozen=True)
class SearchRecord:
    """One searchable page: its root-relative URL, its text, and the fields results and filters use."""

    url: str  # "/articles/2024/11/25/slug/"
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


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
    return SearchRecord("/" + article.url, content, meta, filters, {"date": article.published.isoformat()})


def page_record(url: str, title: str, text: str) -> SearchRecord:
    """The record of a hand-written ``docs/`` page (``url`` site-relative, as MkDocs gives it)."""
    return SearchRecord("/" + url, text or title, {"title": title, "kind": "page"})


def split_into_bundles(
    records: Sequence[SearchRecord], words_per_bundle: int | None = None
) -> list[list[SearchRecord]]:
    """Runs of ``records`` (newest first) of at most ``words_per_bundle`` words, newest bundle first.

    Bundles are cut from the oldest record on, so the newest bundle is the
    remainder: new articles change only that one, and an edited article only its
    own, which is what lets the build cache reuse the others. A search sorted by
    date reads the bundles in order.
    """
    limit = words_per_bundle or WORDS_PER_BUNDLE
    bundles: list[list[SearchRecord]] = [[]]
    words = 0
    for record in reversed(records):
        count = len(record.content.split())
        if bundles[-1] and words + count > limit:
            bundles.append([])
            words = 0
        bundles[-1].append(record)
        words += count
    return [bundle[::-1] for bundle in reversed(bundles)]


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
    ``pagefind/bundles.json`` lists them for the browser, which searches them all.
    With a ``cache``, a bundle whose records are unchanged is copied from an
    earlier build instead (byte for byte: Pagefind's own output varies from run to
    run). Raises :class:`SearchIndexError`.
    """
    code = language.replace("_", "-").split("-")[0].lower() or "en"  # Pagefind wants ISO 639-1: "fr", not "fr_CA"
    started = time.perf_counter()
    paths, reused = [], 0
    service: PagefindService | None = None
    try:
        for number, bundle in enumerate(split_into_bundles(records), start=1):
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
    manifest = {"bundles": [p.removeprefix(f"{BUNDLE_DIR}/") for p in paths]}
    (site_dir / BUNDLE_DIR / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    peak = service.peak_rss_kb / 1024 if service is not None else 0.0
    return SearchIndexReport(len(records), paths, reused, time.perf_counter() - started, peak)


def _bundle_key(bundle: Sequence[SearchRecord], language: str) -> str:
    """Everything a bundle's files depend on: Pagefind's version, the language and every record."""
    rows = [(r.url, r.content, r.meta, r.filters, r.sort) for r in bundle]
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
        "sort": record.sort,
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
