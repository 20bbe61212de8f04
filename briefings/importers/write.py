"""Shared by every importer and by ``briefings new``: drafts → article files.

A :class:`Draft` is an article about to be written. This module turns it into
front matter and a body, chooses its topic from the configured keywords,
recognises duplicates of existing articles, names its file
(``<content_dir>/YYYY/MM/YYYY-MM-DD-<slug>.md``) and writes it without ever
overwriting anything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import yaml

from .. import urls
from ..dates import DateValue, parse_article_date
from ..fields import is_web_url
from ..model import Article, Topic
from ..sanitize import neutralise_markdown
from ..text import slugify

SLUG_MAX_LENGTH = 80
_TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid)$", re.IGNORECASE)


class ImportFailure(Exception):
    """A problem with one input (file or feed entry); the message is shown as ``path: error: message``."""


@dataclass
class Draft:
    """An article about to be written: everything that goes into its front matter and body."""

    title: str
    date: DateValue | None
    body: str = ""
    topic: str | None = None
    source: str | None = None
    source_url: str | None = None
    author: str | None = None
    summary: str | None = None
    image: str | None = None  # an https URL (importers) or a path below the content folder
    image_alt: str | None = None  # required with ``image``: what the picture shows
    tags: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)  # e.g. priority/draft for ``new``
    #: What an importer guessed rather than read (e.g. "image_alt: the title, the page describes no image"),
    #: for the import report; never written to the file.
    notes: list[str] = field(default_factory=list)
    #: Where the date was found, for the import report ("the feed entry", 'line 3: "Published: …"').
    date_origin: str | None = None

    def text_for_keywords(self) -> str:
        """Return the text searched for topic keywords: the title and the body."""
        return f"{self.title}\n{self.body}"


# --- dates -----------------------------------------------------------------


def format_date(value: DateValue) -> str | dt.date:
    """Return the front matter value of a date: ``2024-11-25`` (a date) or an ISO string with its offset.

    A naive datetime (``briefings new``: local time in the site timezone) is written
    without an offset, ``2024-11-25 08:30``, so it keeps its hour if the site's
    timezone changes.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return f"{value:%Y-%m-%d %H:%M}" if value.second == 0 else f"{value:%Y-%m-%d %H:%M:%S}"
        return value.isoformat(timespec="seconds")
    return value


def briefing_day(value: DateValue, zone: ZoneInfo) -> dt.date:
    """Return the briefing day of a date: the day in the site timezone, by the loader's own rule."""
    return parse_article_date(value, zone)[0].date()


# --- front matter ----------------------------------------------------------


def front_matter(draft: Draft) -> dict[str, object]:
    """Return the front matter of a draft as an ordered mapping.

    Unknown values are left out (no empty ``source: ''``, no ``tags: []``): the
    file holds what is known.
    """
    if draft.date is None or not draft.topic:
        raise ValueError("a draft needs a date and a topic before it is written")
    data: dict[str, object] = {"title": draft.title, "date": format_date(draft.date), "topic": draft.topic}
    for name in ("source", "source_url", "author", "summary", "image", "image_alt"):
        value = getattr(draft, name)
        if value:
            data[name] = strip_tracking(value) if name == "source_url" else value
    if draft.tags:
        data["tags"] = list(draft.tags)
    data.update(draft.extra)
    return data


def render(draft: Draft) -> str:
    """Return the complete file text: YAML front matter between ``---`` lines, then the body."""
    header = yaml.safe_dump(
        front_matter(draft), allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )
    body = draft.body.strip()
    return f"---\n{header}---\n\n{body}\n" if body else f"---\n{header}---\n"


# --- topics ----------------------------------------------------------------


def keyword_counts(text: str, topics: Sequence[Topic]) -> dict[str, int]:
    """Return how often each topic's keywords occur in ``text`` (case-insensitive, whole words)."""
    counts: dict[str, int] = {}
    for topic in topics:
        total = 0
        for keyword in topic.keywords:
            pattern = re.compile(r"(?<!\w)" + re.escape(keyword.strip()) + r"(?!\w)", re.IGNORECASE)
            total += len(pattern.findall(text))
        counts[topic.key] = total
    return counts


def choose_topic(text: str, topics: Sequence[Topic]) -> str | None:
    """Return the key of the topic whose keywords occur most in ``text`` (ties: configured order), or None."""
    return topic_with_most(keyword_counts(text, topics), topics)


def topic_with_most(counts: dict[str, int], topics: Sequence[Topic]) -> str | None:
    """Return the key of the topic with the highest of :func:`keyword_counts` (ties: configured order), or None."""
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    return next(topic.key for topic in topics if counts[topic.key] == best)


# --- duplicates ------------------------------------------------------------


def strip_tracking(url: str) -> str:
    """Return the URL without tracking query parameters (``utm_*``, ``fbclid``, ``gclid``…), otherwise unchanged."""
    parts = urlsplit(url.strip())
    if not parts.query:
        return url.strip()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def normalise_url(url: str) -> str:
    """Return the URL compared for duplicates: no tracking parameters (``utm_*``, ``fbclid``…), no fragment."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def title_key(title: str) -> str:
    """Return the title compared for duplicates: case-folded, whitespace collapsed."""
    return " ".join(title.casefold().split())


@dataclass
class Duplicates:
    """The articles already known (on disk and earlier in this run), to recognise duplicates."""

    zone: ZoneInfo
    by_url: dict[str, str] = field(default_factory=dict)
    by_title_day: dict[tuple[str, dt.date], str] = field(default_factory=dict)
    urls_taken: set[str] = field(default_factory=set)  # article page URLs in use

    @classmethod
    def from_articles(cls, articles: Iterable[Article], zone: ZoneInfo) -> Duplicates:
        """Return the index of existing articles (drafts included by the caller)."""
        known = cls(zone)
        for article in articles:
            known.add(article.path, article.title, article.published, article.source_url, article.slug)
        return known

    def add(self, path: str, title: str, date: DateValue, source_url: str | None, slug: str) -> None:
        """Remember one article so that later drafts with the same URL or title and day are duplicates."""
        day = briefing_day(date, self.zone)
        if source_url:
            self.by_url.setdefault(normalise_url(source_url), path)
        self.by_title_day.setdefault((title_key(title), day), path)
        self.urls_taken.add(urls.article_url(day, slug))

    def find(self, draft: Draft) -> str | None:
        """Return the path of the article the draft duplicates, or None."""
        if draft.source_url:
            found = self.by_url.get(normalise_url(draft.source_url))
            if found:
                return found
        if draft.date is None:
            return None
        return self.by_title_day.get((title_key(draft.title), briefing_day(draft.date, self.zone)))


# --- files -----------------------------------------------------------------


def slug_for(title: str) -> str:
    """Return the file slug of a title: python-slugify, cut by the library at a word boundary near 80 characters."""
    return slugify(title, max_length=SLUG_MAX_LENGTH) or "article"


def target_path(
    content_dir: Path, draft: Draft, zone: ZoneInfo, known: Duplicates, planned: set[Path]
) -> tuple[Path, str]:
    """Return a free file path for the draft and its slug, adding ``-2``, ``-3``… on a clash.

    A clash is an existing file, a path planned earlier in this run, or an article
    page URL (same day and slug) already used by another article.
    """
    if draft.date is None:
        raise ValueError("a draft needs a date before it gets a file name")
    day = briefing_day(draft.date, zone)
    base = slug_for(draft.title)
    folder = content_dir / f"{day:%Y}" / f"{day:%m}"
    number = 1
    while True:
        slug = base if number == 1 else f"{base}-{number}"
        path = folder / f"{day:%Y-%m-%d}-{slug}.md"
        if not path.exists() and path not in planned and urls.article_url(day, slug) not in known.urls_taken:
            return path, slug
        number += 1


def write_new_file(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; raise :class:`FileExistsError` rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def web_url(value: str | None) -> str | None:
    """Return the value, trimmed, if it is an absolute http(s) URL, else None."""
    return value.strip() if value is not None and is_web_url(value) else None


# --- text ------------------------------------------------------------------

_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?:\s|$)|>|=+\s*$|(?:[-*_]\s*){3,}$|\+\s|(\d+)([.)])\s)")
_ENTITY = re.compile(r"&(?=#\d+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def escape_plain(line: str) -> str:
    """Return a line of plain text that Markdown renders as that text (no HTML, no accidental heading or list)."""
    line = _ENTITY.sub("&amp;", line).replace("<", "&lt;")
    match = _BLOCK_START.match(line)
    if match:
        if match.group(3):  # "2024. A year…" is not an ordered list
            line = f"{match.group(1)}{match.group(3)}\\{match.group(4)}{line[match.end(4) :]}"
        else:
            line = match.group(1) + "\\" + line[len(match.group(1)) :]
    return line


def plain_to_markdown(paragraphs: Iterable[str]) -> str:
    """Return plain-text paragraphs as a Markdown body: each one escaped, separated by blank lines.

    Link, reference and attribute-list syntax that would run code (``[x](javascript:…)``,
    ``{: onclick=… }``) is written as the text it is, by the site's one policy.
    """
    return neutralise_markdown("\n\n".join(escape_plain(" ".join(p.split())) for p in paragraphs if p.strip()))


def localise(value: DateValue, zone: ZoneInfo) -> DateValue:
    """Return the value with the site timezone attached when it is a naive datetime; dates unchanged."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value
