"""Every generated page's URL (SPEC §4), in one place.

URLs are relative to the site root, without a leading ``/`` and with a trailing
``/`` (``""`` is the home page), the way MkDocs' ``use_directory_urls`` writes them.
"""

from __future__ import annotations

import datetime as dt

from .model import Period

HOME = ""
ARCHIVE = "archive/"
TAGS = "tags/"
TOPICS = "topics/"


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


def topic_url(key: str, page: int = 1) -> str:
    return f"topics/{key}/" if page == 1 else f"topics/{key}/page/{page}/"


def tag_url(slug: str) -> str:
    return f"tags/{slug}/"


def source_file(url: str) -> str:
    """The in-memory Markdown file MkDocs turns into ``url`` (``a/b/`` → ``a/b/index.md``)."""
    return f"{url}index.md"


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
    for mine, theirs in zip(target_parts, current_parts):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(current_parts) - common) + target_parts[common:]
    path = "/".join(parts)
    if target_file:
        return f"{path}/{target_file}" if path else target_file
    return f"{path}/" if path else "./"
