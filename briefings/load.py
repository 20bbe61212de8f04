"""Load every article below the content directory: files → validated articles + problems.

The loader never stops at the first problem, and never raises for bad input:
an unexpected exception while reading one file becomes an error for that file.
It reads nothing from outside the site: a symbolic link is followed only when it
leads inside the site root (:func:`_walk_articles` has the rule).

With an :class:`~briefings.cache.ArticleCache`, a file whose bytes (and path)
are those of an earlier load is not parsed again: YAML and validation are most
of the loading time, reading the bytes is a small part of it.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .assets import resolve_links
from .cache import CACHE_DIR, ArticleCache, code_digest, digest
from .model import Article, Problem, Severity, SiteSettings, Topic
from .reader import has_errors, read_article_text
from .redirects import alias_collisions
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
    #: Articles dated after the build's moment, drafts excluded, soonest first (published or not: ``--future``).
    scheduled: list[Article] = field(default_factory=list)
    #: The content folder's files that articles link to: site path (``media/…``) → file.
    media: dict[str, Path] = field(default_factory=dict)

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


def article_files(content_dir: Path, root: Path | None = None) -> list[Path]:
    """Every ``*.md`` file below ``content_dir``, in a stable order; other files are ignored.

    Symbolic links are followed as :func:`load_articles` follows them, inside ``root``
    (default: ``content_dir``); the ones it refuses are left out.
    """
    return [source_path for source_path, _ in _walk_articles(content_dir, "", root)[0]]


#: Why a symbolic link is not followed, or a file not read (each message follows the path it is about).
LINK_OUTSIDE_FILE = "this is a symbolic link to a file outside the site: it is not read"
LINK_OUTSIDE_FOLDER = "this is a symbolic link to a folder outside the site: its articles are not read"
LINK_NOWHERE = "this is a symbolic link that leads nowhere (a missing file, or a loop of links): it is not read"
LINK_LOOP = "this is a symbolic link to a folder that holds the content folder (a loop): it is not followed"
FILE_OUTSIDE = "this file is outside the site: it is not read"
NOT_REGULAR = "this is not a regular file (a pipe, a socket or a device): it is not read"


def _walk_articles(
    content_dir: Path, prefix: str, root: Path | None = None
) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """``(file, its path for messages)`` for every article, and a problem for each link not followed.

    Message paths are ``prefix`` + the walk's folders: building them from the walk avoids
    resolving 20,000 paths one by one. ``os.scandir`` tells which entries are symbolic
    links without a system call, so only links are resolved.

    The one rule for links, to a file or a folder, at any depth: followed only when the
    real path is inside the site ``root`` (or the content folder itself), decided before
    anything is opened. An article must never be a way to publish, or print into CI
    logs, a file from elsewhere on the machine (``/proc/self/environ``). A folder is
    walked once, whatever leads to it, and a file that a link leads to is read once: a
    loop of links ends, and no article is published twice.
    """
    walk = _ContentWalk(content_dir, root)
    walk.run(prefix)
    return walk.found, walk.problems


class _ContentWalk:
    """One walk of the content folder (:func:`_walk_articles`): what it found, what it refused, where it has been."""

    def __init__(self, content_dir: Path, root: Path | None) -> None:
        self.top = os.fspath(content_dir)
        self.real_content = os.path.realpath(content_dir)
        real_root = os.path.realpath(root) if root is not None else self.real_content
        self.allowed = tuple(os.path.join(p, "") for p in {real_root, self.real_content})  # ending in a separator
        self.found: list[tuple[Path, str]] = []
        self.found_real: list[str] = []  # the real path of each file found, for the links that lead to one
        self.problems: list[Problem] = []
        self.walked: dict[str, str] = {}  # real path of each folder walked → its path for messages
        self.links: list[tuple[str, str]] = []  # every link met, in order: (its path, its path for messages)

    def run(self, prefix: str) -> None:
        """Walk the content folder, then the folders links lead to, then the files links lead to.

        File links come last so that a file read under its own path is not read again
        through a link, whichever name sorts first.
        """
        self._walk(self.top, self.real_content, prefix)
        file_links: list[tuple[str, str, str, int]] = []
        position = 0
        while position < len(self.links):  # walking a linked folder may append more links
            link, shown = self.links[position]
            position += 1
            target = self._target(link, shown)
            if target is None:
                continue
            real, mode = target
            if stat.S_ISDIR(mode):
                self._follow_folder(link, shown, real)
            else:
                file_links.append((link, shown, real, mode))
        if file_links:
            read = dict(zip(self.found_real, (shown for _, shown in self.found), strict=True))
            for link, shown, real, mode in file_links:
                if not stat.S_ISREG(mode):
                    self._problem(shown, "error", NOT_REGULAR)
                elif real in read:
                    self._problem(
                        shown,
                        "warning",
                        f"this is a symbolic link to {read[real]}, which is read already: it is not read twice",
                    )
                else:
                    read[real] = shown
                    self.found.append((Path(link), shown))

    def _walk(self, top: str, real_top: str, top_shown: str) -> None:
        """Every article below ``top``, in ``os.walk``'s order; links are only noted, in ``self.links``."""
        stack = [(top, real_top, top_shown)]
        while stack:
            folder, real, base = stack.pop()
            if real in self.walked:  # reached through a link already: its articles are read
                continue
            self.walked[real] = base
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as exc:
                self._problem(base.rstrip("/") or ".", "error", f"could not read this folder: {exc.strerror or exc}")
                continue
            subfolders: list[tuple[str, str, str]] = []
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_symlink():
                    self.links.append((entry.path, base + name))
                elif entry.is_dir(follow_symlinks=False):
                    subfolders.append((entry.path, os.path.join(real, name), f"{base}{name}/"))
                elif not name.endswith(".md"):
                    continue
                elif entry.is_file(follow_symlinks=False):
                    self.found.append((Path(entry.path), base + name))
                    self.found_real.append(os.path.join(real, name))
                else:
                    self._problem(base + name, "error", NOT_REGULAR)
            stack.extend(reversed(subfolders))

    def _target(self, link: str, shown: str) -> tuple[str, int] | None:
        """The real path and file type of what ``link`` leads to, or None when it is not followed.

        Only ``stat`` and ``realpath`` touch the target: nothing is opened before the
        rule has let it through. A link that is not an article (a name not ending in
        ``.md`` that leads to a file) is ignored, like any such file.
        """
        is_article = shown.endswith(".md")
        try:
            mode = os.stat(link).st_mode
        except OSError:
            if is_article:
                self._problem(shown, "error", LINK_NOWHERE)
            return None
        is_folder = stat.S_ISDIR(mode)
        if not is_folder and not is_article:
            return None
        real = os.path.realpath(link)
        if not self._inside(real):
            self._problem(shown, "error", LINK_OUTSIDE_FOLDER if is_folder else LINK_OUTSIDE_FILE)
            return None
        return real, mode

    def _follow_folder(self, link: str, shown: str, real: str) -> None:
        if real in self.walked:
            where = self.walked[real].rstrip("/") or "the content folder"
            message = f"this is a symbolic link to {where}, a folder read already: its articles are not read twice"
            self._problem(shown, "warning", message)
        elif os.path.join(self.real_content, "").startswith(os.path.join(real, "")):
            self._problem(shown, "warning", LINK_LOOP)
        else:
            self._walk(link, real, shown + "/")

    def _inside(self, real: str) -> bool:
        """Whether ``real`` (a resolved path) is the site root, the content folder, or below one of them."""
        return os.path.join(real, "").startswith(self.allowed)

    def _problem(self, path: str, severity: Severity, message: str) -> None:
        self.problems.append(Problem(path, None, severity, message))


def load_file(
    source_path: Path, settings: SiteSettings, path: str | None = None
) -> tuple[Article | None, list[Problem]]:
    """Read and validate one file; any unexpected failure becomes an error for that file.

    ``path`` is the file as messages name it (relative to the site root); computed when not given.
    """
    if path is None:
        path = settings.relative(source_path)
    refusal = _refusal(source_path, settings)
    if refusal is not None:
        return None, [Problem(path, None, "error", refusal)]
    return _read_file(source_path, settings, path)


def _refusal(source_path: Path, settings: SiteSettings) -> str | None:
    """Why a file given on its own is not read: the rule of :func:`_walk_articles` for links, decided before opening."""
    real = os.path.realpath(source_path)
    inside = tuple(os.path.join(os.path.realpath(p), "") for p in (settings.root, settings.content_dir))
    if not os.path.join(real, "").startswith(inside):
        return LINK_OUTSIDE_FILE if os.path.islink(source_path) else FILE_OUTSIDE
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return None  # reading it gives the usual message
    return None if stat.S_ISREG(mode) else NOT_REGULAR


def _read_file(source_path: Path, settings: SiteSettings, path: str) -> tuple[Article | None, list[Problem]]:
    """:func:`load_file` for a file the walk has let through already: no path is resolved again."""
    data = _read_bytes(source_path, path)
    return _load_data(data, source_path, path, settings) if isinstance(data, bytes) else (None, [data])


def _read_bytes(source_path: Path, path: str) -> bytes | Problem:
    """The file's bytes, or the error that says why it could not be read."""
    try:
        with open(source_path, "rb") as file:
            return file.read()
    except OSError as exc:
        return Problem(path, None, "error", f"could not read this article: {type(exc).__name__}: {exc}")


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
        "articles",
        code_digest(),
        str(settings.root),
        str(settings.content_dir),
        settings.timezone.key,
        settings.topics,
        settings.trust_html,  # the body warnings of briefings.sanitize
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
    prefix = "" if content_path in ("", ".") else content_path.rstrip("/") + "/"
    files, walk_problems = _walk_articles(content_dir, prefix, settings.root)
    problems.extend(walk_problems)
    loaded: list[Article] = []
    if cache is not None:
        cache.start_load()
    for source_path, path in files:
        if cache is None:
            article, file_problems = _read_file(source_path, settings, path)
        else:
            article, file_problems = _load_cached(cache, source_path, path, settings)
        problems.extend(file_problems)
        if article is not None:
            loaded.append(article)
    if cache is not None:
        cache.save()

    now = settings.now or dt.datetime.now(dt.UTC)
    for article in loaded:  # never taken from the cache: the same file is scheduled today, published tomorrow
        article.scheduled = article.published > now
    published = [a for a in loaded if (settings.drafts or not a.draft) and (settings.future or not a.scheduled)]
    problems.extend(url_collisions(published))
    problems.extend(alias_collisions(published))
    link_problems, media = resolve_links(published, settings)
    problems.extend(link_problems)
    topics = settings.topics or discover_topics(published)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity, p.message))
    return LoadResult(
        articles=published,
        problems=problems,
        topics=topics,
        files_read=len(files),
        drafts_skipped=sum(1 for a in loaded if a.draft and not settings.drafts),
        all_articles=loaded,
        scheduled=sorted((a for a in loaded if a.scheduled and not a.draft), key=lambda a: a.published),
        media=media,
    )


def _load_cached(
    cache: ArticleCache, source_path: Path, path: str, settings: SiteSettings
) -> tuple[Article | None, list[Problem]]:
    try:
        info: os.stat_result | None = os.stat(source_path)
    except OSError:
        info = None  # reading it says why
    known = cache.key_by_stat(path, info) if info is not None else None
    entry = cache.get(known) if known is not None else None
    if entry is None:  # not seen unchanged by an earlier load of this process: read and hash it
        data = _read_bytes(source_path, path)
        if not isinstance(data, bytes):
            return None, [data]
        key = ArticleCache.key(path, data)
        if info is not None:
            cache.remember_stat(path, info, key)
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
    """Topics from the articles themselves, titled from their keys, the biggest beats first.

    Order: most articles first (a briefing opens with the section a desk files most
    to, as a newspaper's front sections do); ties go to the topic with the newest
    article, then to the key.
    """
    counts: dict[str, int] = defaultdict(int)
    newest: dict[str, float] = {}
    for article in articles:
        counts[article.topic] += 1
        stamp = article.published.timestamp()
        newest[article.topic] = max(stamp, newest.get(article.topic, stamp))
    keys = sorted(counts, key=lambda key: (-counts[key], -newest[key], key))
    return tuple(Topic(key=key, title=default_topic_title(key)) for key in keys)
