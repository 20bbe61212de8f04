"""Group articles into the site model: briefings per period, topics, tags, archive (no MkDocs)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from . import urls
from .model import Article, Period, SiteSettings, Topic
from .related import related_articles, stop_words
from .text import slugify

_tag_slug = lru_cache(maxsize=None)(slugify)  # the same few hundred tags recur on thousands of articles

TOPIC_PAGE_SIZE = 20
HOME_RECENT_BRIEFINGS = 7


@dataclass
class Section:
    """One topic's articles within a briefing, in section order."""

    topic: Topic
    articles: list[Article]


@dataclass
class Briefing:
    """One period's news: top stories, then one section per topic."""

    start: dt.date
    period: Period
    articles: list[Article]
    top_stories: list[Article]
    sections: list[Section]
    previous: Briefing | None = field(default=None, repr=False)  # older
    next: Briefing | None = field(default=None, repr=False)  # newer

    @property
    def url(self) -> str:
        return urls.briefing_url(self.start, self.period)

    @property
    def end(self) -> dt.date:
        if self.period == "week":
            return self.start + dt.timedelta(days=6)
        if self.period == "month":
            next_month = (self.start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return next_month - dt.timedelta(days=1)
        return self.start

    @property
    def updated(self) -> dt.datetime:
        """The newest article's time: the briefing's publication time in feeds and sitemaps."""
        return max(a.published for a in self.articles)


@dataclass
class DayGroup:
    day: dt.date
    articles: list[Article]


@dataclass
class TopicPage:
    """One page (20 articles) of a topic's archive, grouped by day."""

    topic: Topic
    number: int
    page_count: int
    days: list[DayGroup]

    @property
    def url(self) -> str:
        return urls.topic_url(self.topic.key, self.number)

    @property
    def previous_url(self) -> str | None:
        return urls.topic_url(self.topic.key, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return urls.topic_url(self.topic.key, self.number + 1) if self.number < self.page_count else None


@dataclass
class TopicView:
    topic: Topic
    articles: list[Article]  # newest first
    pages: list[TopicPage]

    @property
    def url(self) -> str:
        return urls.topic_url(self.topic.key)


@dataclass
class Tag:
    name: str  # display spelling: the one most articles use
    slug: str
    articles: list[Article]  # newest first

    @property
    def url(self) -> str:
        return urls.tag_url(self.slug)


@dataclass
class ArchiveMonth:
    year: int
    month: int
    briefings: list[Briefing]  # newest first

    @property
    def article_count(self) -> int:
        return sum(len(b.articles) for b in self.briefings)


@dataclass
class SiteModel:
    """Everything the renderers need, computed once."""

    settings: SiteSettings
    topics: list[TopicView]
    briefings: list[Briefing]  # newest first
    tags: list[Tag]  # alphabetical
    archive: list[ArchiveMonth]  # newest first
    briefing_of: dict[str, Briefing]  # article URL → its briefing
    topic_titles: dict[str, str]
    tag_of: dict[str, Tag]  # casefolded spelling → tag
    related: dict[str, list[Article]]  # article URL → related articles
    #: The content folder's files that articles link to: site path (``media/…``) → file.
    media: dict[str, Path] = field(default_factory=dict)

    @property
    def latest(self) -> Briefing | None:
        return self.briefings[0] if self.briefings else None


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.published.timestamp(), a.title.casefold(), a.url))


def build_briefing(start: dt.date, period: Period, articles: list[Article], topics: tuple[Topic, ...]) -> Briefing:
    """Top stories (priority 1, topic order, newest first), then one section per topic."""
    order = {t.key: i for i, t in enumerate(topics)}
    ordered = sorted(articles, key=lambda a: (order.get(a.topic, len(order)), a.sort_key))
    top = sorted(
        (a for a in ordered if a.priority == 1),
        key=lambda a: (order.get(a.topic, len(order)), -a.published.timestamp(), a.title.casefold()),
    )
    sections = [Section(topic, [a for a in ordered if a.topic == topic.key and a.priority != 1]) for topic in topics]
    return Briefing(start, period, ordered, top, [s for s in sections if s.articles])


def group_articles(
    articles: list[Article],
    settings: SiteSettings,
    topics: tuple[Topic, ...] | None = None,
    media: dict[str, Path] | None = None,
) -> SiteModel:
    """Articles → :class:`SiteModel`. ``topics`` defaults to the configured ones; ``media`` as loaded."""
    topics = topics if topics is not None else settings.topics
    by_period: dict[dt.date, list[Article]] = defaultdict(list)
    for article in articles:
        by_period[urls.period_start(article.day, settings.period)].append(article)
    briefings = [build_briefing(start, settings.period, by_period[start], topics) for start in sorted(by_period)]
    for older, newer in itertools.pairwise(briefings):
        older.next, newer.previous = newer, older
    briefings.reverse()

    briefing_of = {a.url: b for b in briefings for a in b.articles}
    by_topic: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_topic[article.topic].append(article)
    topic_views = [_topic_view(topic, newest_first(by_topic.get(topic.key, []))) for topic in topics]
    tags = _tags(articles)
    tag_of = {
        spelling.casefold(): tag
        for tag in tags
        for a in tag.articles
        for spelling in a.tags
        if _tag_slug(spelling) == tag.slug
    }
    return SiteModel(
        settings=settings,
        topics=topic_views,
        briefings=briefings,
        tags=tags,
        archive=_archive(briefings),
        briefing_of=briefing_of,
        topic_titles={t.key: t.title for t in topics},
        tag_of=tag_of,
        # Ranked by shared tags and words, same topic and closeness in time: see briefings.related.
        related=related_articles(articles, _tag_slug, stop_words(settings.language)),
        media=media or {},
    )


def _topic_view(topic: Topic, articles: list[Article]) -> TopicView:
    chunks = [articles[i : i + TOPIC_PAGE_SIZE] for i in range(0, len(articles), TOPIC_PAGE_SIZE)] or [[]]
    pages = [
        TopicPage(
            topic,
            number,
            len(chunks),
            [DayGroup(day, list(group)) for day, group in groupby(chunk, key=lambda a: a.day)],
        )
        for number, chunk in enumerate(chunks, start=1)
    ]
    return TopicView(topic, articles, pages)


def _tags(articles: list[Article]) -> list[Tag]:
    """Tags grouped by slug; the display spelling is the most used one (ties: alphabetical)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    tagged: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        seen: set[str] = set()
        for spelling in article.tags:
            slug = _tag_slug(spelling)
            if slug and slug not in seen:
                seen.add(slug)
                spellings[slug][spelling] += 1
                tagged[slug].append(article)
    tags = []
    for slug, counts in spellings.items():
        name = min(counts, key=lambda s: (-counts[s], s))
        tags.append(Tag(name, slug, newest_first(tagged[slug])))
    return sorted(tags, key=lambda t: (t.name.casefold(), t.slug))


def _archive(briefings: list[Briefing]) -> list[ArchiveMonth]:
    months: list[ArchiveMonth] = []
    for (year, month), group in groupby(briefings, key=lambda b: (b.start.year, b.start.month)):
        months.append(ArchiveMonth(year, month, list(group)))
    return months


def page_urls(model: SiteModel) -> set[str]:
    """The URLs of the pages that depend on which articles there are: articles, briefings, topic pages, tags."""
    return (
        {a.url for b in model.briefings for a in b.articles}
        | {b.url for b in model.briefings}
        | {page.url for view in model.topics for page in view.pages}
        | {tag.url for tag in model.tags}
    )


def preview_only_urls(model: SiteModel, public: SiteModel) -> set[str]:
    """Pages a preview (``--drafts``, ``--future``) has that the published site would not: kept out of the sitemap."""
    return set() if model is public else page_urls(model) - page_urls(public)
