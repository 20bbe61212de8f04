"""Every URL of a Briefings site (SPEC §4), built in this one place.

URLs are relative to the site root, without a leading ``/`` and with a trailing
``/`` for pages (``""`` is the home page), the way MkDocs' ``use_directory_urls``
writes them. The page templates get these functions as globals
(:class:`briefings.render.Renderer`), so no template glues URL strings together.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from typing import Literal
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

#: How much news one briefing gathers; it decides the shape of briefing URLs.
Period = Literal["day", "week", "month"]

HOME = ""
ARCHIVE = "archive/"
TAGS = "tags/"
TOPICS = "topics/"
SEARCH = "search/"  # the results page; ?q=…&topic=… in its address
#: The site-wide feeds, next to the home page.
RSS_FEED = "feed.xml"
ATOM_FEED = "atom.xml"
JSON_FEED = "feed.json"


def period_start(day: dt.date, period: Period) -> dt.date:
    """The first day of the period holding ``day`` (ISO weeks start on Monday)."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def briefing_url(start: dt.date, period: Period) -> str:
    """``briefings/2024/11/25/``, ``briefings/2024/w48/`` (ISO week-year) or ``briefings/2024/11/``."""
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"briefings/{year}/w{week:02d}/"
    if period == "month":
        return f"briefings/{start:%Y/%m}/"
    return f"briefings/{start:%Y/%m/%d}/"


def article_url(day: dt.date, slug: str) -> str:
    """``articles/2024/11/25/<slug>/``: the day is the article's briefing day."""
    return f"articles/{day:%Y/%m/%d}/{slug}/"


def topic_url(key: str, page: int = 1) -> str:
    """``topics/<key>/``, then ``topics/<key>/page/2/``…"""
    return f"topics/{key}/" if page == 1 else f"topics/{key}/page/{page}/"


def topic_feed_url(key: str) -> str:
    """``topics/<key>/feed.xml``, next to the topic's page."""
    return f"{topic_url(key)}feed.xml"


def tag_url(slug: str) -> str:
    return f"tags/{slug}/"


def email_page_url(briefing_url: str) -> str:
    """``briefings/2024/11/25/email.html``: the email look of a briefing, next to its page (``email.publish_html``)."""
    return f"{briefing_url}email.html"


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL (``briefings/2024/11/25/``) → an absolute one under ``site_url``.

    ``site_url`` may lack its trailing ``/``; an already absolute ``url`` is returned as it is.
    """
    base = site_url.rstrip("/") + "/"
    # A page URL (``2024/11/25/slug/``) is appended as it is: urljoin parses both strings, and
    # the sitemap and feeds ask this for every article. Anything urljoin would treat specially
    # (a scheme, a query, a fragment, a leading ``/``, dot segments) goes through it.
    if _PLAIN_PATH.fullmatch(url) and _PLAIN_BASE.fullmatch(base) and not _SPECIAL.search(f"/{url}"):
        return base + url
    return urljoin(base, url)


#: Characters of a plain relative page path; ``:``, ``?``, ``#``, ``\`` and the rest are left to urljoin.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_\-.~/%]*")
#: ``http(s)://host/path/`` (urljoin leaves other schemes alone): no query, fragment, dot or empty segment.
_PLAIN_BASE = re.compile(r"https?://[^/?#]+(/[^/?#.][^/?#]*|/\.[^/?#.][^/?#]*)*/")
#: What urljoin rewrites in a path: a dot segment (``.``, ``..``) or an empty one (``//``).
_SPECIAL = re.compile(r"//|/\.\.?(/|$)")


def with_query(url: str, params: Sequence[tuple[str, str]]) -> str:
    """``url`` with ``params`` appended to its query, in the order given (UTM parameters of the email edition)."""
    if not params:
        return url
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(list(params))) if q)
    return urlunsplit(parts._replace(query=query))


def source_file(url: str) -> str:
    """The in-memory Markdown file MkDocs turns into ``url`` (``a/b/`` → ``a/b/index.md``)."""
    return f"{url}index.md"


def docs_page_url(src_uri: str) -> str:
    """The URL MkDocs (with directory URLs) gives a Markdown page of ``docs_dir``."""
    stem, _ = os.path.splitext(src_uri)
    parent, name = os.path.split(stem)
    if name.lower() in ("index", "readme"):
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def host_of(url: str) -> str:
    """``https://www.lemonde.fr/a/b`` → ``www.lemonde.fr``: how a link to a source without a name reads."""
    return urlsplit(url).netloc or url


def relative(target: str, current: str) -> str:
    """A link from page ``current`` to ``target`` that works under any sub-path.

    Both are site-relative (``a/b/`` pages, or ``a/feed.xml`` files). Called for
    every link of every page, so it compares path segments instead of using
    ``os.path.relpath`` (which touches the file system's notion of the cwd).
    """
    if target == current:
        return "./"
    target_dirs, _, target_file = target.rpartition("/")
    target_parts = target_dirs.split("/") if target_dirs else []
    current_parts = current.rstrip("/").split("/") if current else []
    common = 0
    for mine, theirs in zip(target_parts, current_parts, strict=False):  # unequal lengths: compare the shared prefix
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(current_parts) - common) + target_parts[common:]
    path = "/".join(parts)
    if target_file:
        return f"{path}/{target_file}" if path else target_file
    return f"{path}/" if path else "./"
