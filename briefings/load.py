"""Load every article below the content directory: files → validated articles + problems.

The loader never stops at the first problem, and never raises for bad input:
an unexpected exception while reading one file becomes an error for that file.

With an :class:`~briefings.cache.ArticleCache`, a file whose bytes (and path)
are those of an earlier load is not parsed again: YAML and validation are most
of the loading time, reading the bytes is a small part of it.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .cache import CACHE_DIR, ArticleCache, code_digest, digest
from .model import Article, Problem, SiteSettings, Topic
from .reader import has_errors, read_article_text
from .settings import default_topic_title
from .text import plural
from .validate import validate_article


@dataclass
class LoadResult:
    """What loading found: the articles to publish, every problem, and the topics in order."""

    articles: list[Article]
    problems: list[Problem]
    topics: tuple[Topic, ...]
    files_read: int = 0
    drafts_skipped: int = 0
    all_articles: list[Article] = field(default_factory=list)  # drafts included, for tools like import

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def refusal(self, strict: bool) -> str | None:
        """Why nothing may be built from these articles, or None when the build may go on.

        The one rule, used by every command and by the plugin: any error stops a
        build, and so does any warning under ``--strict``.
        """
        if self.errors:
            return f"{plural(len(self.errors), 'error')} in the articles"
        if strict and self.warnings:
            return f"{plural(len(self.warnings), 'warning')} in the articles and --strict is on"
        return None


def article_files(content_dir: Path) -> list[Path]:
    """Every ``*.md`` file below ``content_dir``, in a stable order; other files are ignored."""
    return [source_path for source_path, _ in _walk_articles(content_dir, "")]


def _walk_articles(content_dir: Path, prefix: str) -> list[tuple[Path, str]]:
    """``(file, its path for messages)`` for every article, the path built as ``prefix`` + the walk's folders.

    Building message paths from the walk avoids resolving 20,000 paths one by one.
    """
    found: list[tuple[Path, str]] = []
    root = os.fspath(content_dir)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        inside = os.path.relpath(folder, root).replace(os.sep, "/")
        base = prefix if inside == "." else f"{prefix}{inside}/"
        found.extend(
            (Path(folder, name), base + name)
            for name in sorted(files)
            if name.endswith(".md") and not name.startswith(".")
        )
    return found


def load_file(
    source_path: Path, settings: SiteSettings, path: str | None = None
) -> tuple[Article | None, list[Problem]]:
    """Read and validate one file; any unexpected failure becomes an error for that file.

    ``path`` is the file as messages name it (relative to the site root); computed when not given.
    """
    if path is None:
        path = settings.relative(source_path)
    try:
        with open(source_path, "rb") as file:
            data = file.read()
    except OSError as exc:
        return None, [Problem(path, None, "error", f"could not read this article: {type(exc).__name__}: {exc}")]
    return _load_data(data, source_path, path, settings)


def _load_data(
    data: bytes, source_path: Path, path: str, settings: SiteSettings
) -> tuple[Article | None, list[Problem]]:
    try:
        raw = read_article_text(data, path)
        if has_errors(raw.problems):
            return None, raw.problems
        return validate_article(raw, source_path, path, settings)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return None, [Problem(path, None, "error", f"could not read this article: {type(exc).__name__}: {exc}")]


def cache_context(settings: SiteSettings) -> str:
    """What validation reads besides a file's bytes: an :class:`ArticleCache` made under another context is not used."""
    return digest(
        "articles", code_digest(), str(settings.root), str(settings.content_dir), settings.timezone.key, settings.topics
    )


def open_article_cache(settings: SiteSettings, *, reuse: bool = True) -> ArticleCache:
    """The site's article cache (``.cache/briefings/articles.pickle``); ``reuse=False`` starts it afresh."""
    return ArticleCache(settings.root / CACHE_DIR, cache_context(settings), reuse=reuse)


def load_articles(settings: SiteSettings, cache: ArticleCache | None = None) -> LoadResult:
    """Load and validate every article; drafts are left out unless ``settings.drafts``.

    With ``cache``, unchanged files are taken from it and the cache is saved afterwards.
    """
    problems: list[Problem] = []
    content_dir = settings.content_dir
    if not content_dir.is_dir():
        problems.append(
            Problem(
                settings.relative(content_dir),
                None,
                "error",
                "the content directory does not exist (plugin option 'content_dir')",
            )
        )
        return LoadResult([], problems, settings.topics)

    content_path = settings.relative(content_dir)
    files = _walk_articles(content_dir, "" if content_path in ("", ".") else content_path.rstrip("/") + "/")
    loaded: list[Article] = []
    for source_path, path in files:
        if cache is None:
            article, file_problems = load_file(source_path, settings, path)
        else:
            article, file_problems = _load_cached(cache, source_path, path, settings)
        problems.extend(file_problems)
        if article is not None:
            loaded.append(article)
    if cache is not None:
        cache.save()

    published = [a for a in loaded if settings.drafts or not a.draft]
    problems.extend(url_collisions(published))
    topics = settings.topics or discover_topics(published)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity, p.message))
    return LoadResult(
        articles=published,
        problems=problems,
        topics=topics,
        files_read=len(files),
        drafts_skipped=len(loaded) - len(published),
        all_articles=loaded,
    )


def _load_cached(
    cache: ArticleCache, source_path: Path, path: str, settings: SiteSettings
) -> tuple[Article | None, list[Problem]]:
    try:
        with open(source_path, "rb") as file:
            data = file.read()
    except OSError:
        return load_file(source_path, settings, path)  # the same message as without a cache
    key = ArticleCache.key(path, data)
    entry = cache.get(key)
    if entry is None:
        entry = _load_data(data, source_path, path, settings)
        cache.put(key, entry)
    article, problems = entry
    return article, list(problems)


def url_collisions(articles: list[Article]) -> list[Problem]:
    """Two articles that would get the same URL: an error for each, naming the other(s)."""
    by_url: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_url[article.url].append(article)
    problems: list[Problem] = []
    for url, clashing in by_url.items():
        if len(clashing) < 2:
            continue
        for article in clashing:
            others = ", ".join(o.path for o in clashing if o is not article)
            problems.append(
                Problem(
                    article.path,
                    article.field_lines.get("slug", article.line),
                    "error",
                    f"this article would have the same URL /{url} as {others}: give one of them another 'slug'",
                    "slug",
                )
            )
    return problems


def discover_topics(articles: list[Article]) -> tuple[Topic, ...]:
    """Topics from the articles themselves, alphabetically, titled from their keys."""
    keys = sorted({a.topic for a in articles})
    return tuple(Topic(key=key, title=default_topic_title(key)) for key in keys)
