"""The plain data that flows through the pipeline.

Nothing here knows about MkDocs: ``load`` produces :class:`Article` values,
``group`` turns them into a :class:`SiteModel`, ``render`` and ``feeds`` read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from . import urls
from .urls import Period

Severity = Literal["error", "warning"]

#: The front matter fields an article may set (SPEC §2); anything else is kept as ``extra``.
KNOWN_FIELDS: tuple[str, ...] = (
    "title",
    "date",
    "topic",
    "summary",
    "source",
    "source_url",
    "tags",
    "priority",
    "author",
    "slug",
    "draft",
    "image",
    "image_alt",
    "aliases",
)
REQUIRED_FIELDS: tuple[str, ...] = ("title", "date", "topic")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, found while loading or checking.

    Problems are values: they are collected, sorted and printed once, never
    raised through the core. ``path`` is relative to the site root, with ``/``.
    """

    path: str
    line: int | None
    severity: Severity
    message: str
    field: str | None = None

    def format(self) -> str:
        """Render as ``path:line: error: message`` (``path: error: message`` without a line)."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Topic:
    """A section of every briefing, in configured order."""

    key: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()


#: What the sending service replaces with each reader's unsubscribe link (``email: unsubscribe:``).
UNSUBSCRIBE_PRESETS: dict[str, str] = {
    "listmonk": "{{ UnsubscribeURL }}",
    "buttondown": "{{ unsubscribe_url }}",
    "mailchimp": "*|UNSUB|*",
    "ses": "{{amazonSESUnsubscribeUrl}}",
}


@dataclass(frozen=True)
class EmailLogo:
    """The image at the top of the email edition; ``src`` is site-relative or an absolute http(s) URL."""

    src: str
    width: int
    height: int
    alt: str = ""  # empty: the site name


@dataclass(frozen=True)
class EmailSettings:
    """The ``email:`` options: how :mod:`briefings.newsletter` makes a briefing's email edition."""

    unsubscribe: str = UNSUBSCRIBE_PRESETS["listmonk"]  # the link target the sending service fills in
    sender: str = ""  # the From of the .eml; empty: the site name at a placeholder address
    #: (parameter, value) pairs added to every link into the site; ``{date}`` is the briefing's first day.
    utm: tuple[tuple[str, str], ...] = ()
    logo: EmailLogo | None = None
    publish_html: bool = False  # write email.html next to each briefing page


@dataclass(frozen=True)
class SiteSettings:
    """Everything the core needs to know about a site, already validated.

    Built from ``mkdocs.yml`` by :func:`briefings.plugin.config.settings_from_config`
    (the MkDocs adapter), or directly in tests.
    """

    root: Path
    content_dir: Path
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    period: Period = "day"
    topics: tuple[Topic, ...] = ()
    site_name: str = "Briefings"
    site_url: str | None = None
    site_description: str = ""
    language: str = "en"
    drafts: bool = False
    email: EmailSettings = field(default_factory=EmailSettings)
    #: The site trusts the raw HTML of its bodies: they are published as written, not sanitised.
    trust_html: bool = False
    future: bool = False  # publish scheduled articles (dated after ``now``) as well, for a preview
    #: Front matter fields the site declares for its own templates: kept, and not warned about.
    extra_fields: tuple[str, ...] = ()
    #: The moment that separates published from scheduled articles; None: the time of loading.
    #: Left out of ``repr``: the settings' repr is part of every page's input digest.
    now: dt.datetime | None = field(default=None, repr=False, compare=False)

    @property
    def discovers_topics(self) -> bool:
        """An empty ``topics:`` means topics come from the articles themselves."""
        return not self.topics

    def relative(self, path: Path) -> str:
        """The path as users see it in messages: relative to the site root, with ``/``."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Article:
    """One validated article, with everything derived from its front matter."""

    path: str  # relative to the site root, for messages
    source_path: Path
    title: str
    published: dt.datetime  # aware, in the site timezone
    has_time: bool  # False for a date without a time: no time is shown
    topic: str
    summary: str
    body: str
    slug: str
    source: str | None = None
    source_url: str | None = None
    tags: tuple[str, ...] = ()  # as written, duplicates (case-insensitive) dropped
    priority: int = 2
    author: str | None = None
    draft: bool = False
    image: str | None = None  # a path relative to the content directory, or an https URL
    image_alt: str | None = None
    aliases: tuple[str, ...] = ()  # old URL paths (relative to the site root) that redirect here
    summary_is_derived: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    line: int = 1  # line of the opening ``---``, for messages about the whole article
    field_lines: dict[str, int] = field(default_factory=dict)  # where each field was written
    body_line: int = 1  # the line of the body's first line, for messages about links in it
    #: Dated after the build's moment (:attr:`SiteSettings.now`): only built with ``--future``.
    #: Set by :func:`briefings.load.load_articles` on every load, never taken from the cache.
    scheduled: bool = False
    #: Where the body's links to content files (and a local ``image``) go in the built site:
    #: link as written → site path. Set by :func:`briefings.assets.resolve_links` on every load.
    links: dict[str, str] = field(default_factory=dict)

    @property
    def is_preview(self) -> bool:
        """A draft or a scheduled article: shown with a badge in a preview, never in feeds or the sitemap."""
        return self.draft or self.scheduled

    @cached_property
    def day(self) -> dt.date:
        """The briefing day: the date in the site timezone."""
        return self.published.date()

    @cached_property
    def url(self) -> str:
        """The article page URL (SPEC §4), relative to the site root, ending in ``/``."""
        return urls.article_url(self.day, self.slug)

    @cached_property
    def sort_key(self) -> tuple[int, float, str]:
        """Order within a section: priority, then newest first, then title."""
        return (self.priority, -self.published.timestamp(), self.title.casefold())
