"""Grouping articles into briefings, topics, tags and the archive — plain Python, no build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from briefings.group import TOPIC_PAGE_SIZE, group_articles
from briefings.model import Article, SiteSettings, Topic

PARIS = ZoneInfo("Europe/Paris")
TOPICS = (Topic("defence", "Defence"), Topic("politics", "Politics"), Topic("economy", "Economy"))


def settings(period: str = "day") -> SiteSettings:
    return SiteSettings(root=Path("."), content_dir=Path("content"), timezone=PARIS, period=period, topics=TOPICS)  # type: ignore[arg-type]


def article(
    title: str,
    when: str,
    topic: str = "defence",
    priority: int = 2,
    tags: tuple[str, ...] = (),
    slug: str | None = None,
) -> Article:
    moment = dt.datetime.fromisoformat(when)
    moment = moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)
    return Article(
        path=f"content/{title}.md",
        source_path=Path(f"content/{title}.md"),
        title=title,
        published=moment,
        has_time=True,
        topic=topic,
        summary="",
        body="",
        slug=slug or title.lower().replace(" ", "-"),
        priority=priority,
        tags=tags,
    )


def test_articles_are_grouped_into_one_briefing_per_day_newest_briefing_first() -> None:
    model = group_articles(
        [article("a", "2024-11-24 10:00"), article("b", "2024-11-25 09:00"), article("c", "2024-11-25 18:00")],
        settings(),
    )
    assert [b.url for b in model.briefings] == ["briefings/2024/11/25/", "briefings/2024/11/24/"]
    assert {a.title for a in model.briefings[0].articles} == {"b", "c"}


def test_briefing_day_is_the_date_in_the_site_timezone() -> None:
    late = article("late", "2024-11-25T23:30:00+00:00")  # 00:30 on the 26th in Paris
    model = group_articles([late], settings())
    assert model.briefings[0].url == "briefings/2024/11/26/"
    assert late.url == "articles/2024/11/26/late/"


def test_top_stories_come_first_in_topic_order_then_newest_and_are_not_repeated_in_sections() -> None:
    items = [
        article("pol top", "2024-11-25 12:00", "politics", priority=1),
        article("def top old", "2024-11-25 08:00", "defence", priority=1),
        article("def top new", "2024-11-25 11:00", "defence", priority=1),
        article("def normal", "2024-11-25 09:00", "defence"),
    ]
    briefing = group_articles(items, settings()).briefings[0]
    assert [a.title for a in briefing.top_stories] == ["def top new", "def top old", "pol top"]
    section_titles = [a.title for s in briefing.sections for a in s.articles]
    assert section_titles == ["def normal"]
    assert [s.topic.key for s in briefing.sections] == ["defence"]  # empty sections are left out


def test_sections_follow_configured_topic_order_and_sort_by_priority_then_newest_then_title() -> None:
    items = [
        article("econ", "2024-11-25 10:00", "economy"),
        article("brief", "2024-11-25 12:00", "defence", priority=3),
        article("Beta", "2024-11-25 09:00", "defence"),
        article("alpha", "2024-11-25 09:00", "defence"),
        article("newest", "2024-11-25 11:00", "defence"),
        article("pol", "2024-11-25 10:00", "politics"),
    ]
    briefing = group_articles(items, settings()).briefings[0]
    assert [s.topic.key for s in briefing.sections] == ["defence", "politics", "economy"]
    assert [a.title for a in briefing.sections[0].articles] == ["newest", "alpha", "Beta", "brief"]


def test_week_briefings_use_the_iso_week_year() -> None:
    model = group_articles(
        [article("a", "2024-12-30 10:00"), article("b", "2025-01-05 10:00"), article("c", "2024-11-25 10:00")],
        settings("week"),
    )
    assert [b.url for b in model.briefings] == ["briefings/2025/w01/", "briefings/2024/w48/"]
    assert len(model.briefings[0].articles) == 2
    assert model.briefings[0].start == dt.date(2024, 12, 30)


def test_month_briefings_gather_a_calendar_month() -> None:
    model = group_articles(
        [article("a", "2024-11-01 10:00"), article("b", "2024-11-30 22:00"), article("c", "2024-12-01 10:00")],
        settings("month"),
    )
    assert [b.url for b in model.briefings] == ["briefings/2024/12/", "briefings/2024/11/"]
    assert model.briefings[1].end == dt.date(2024, 11, 30)


def test_previous_and_next_link_neighbouring_briefings() -> None:
    model = group_articles([article(str(d), f"2024-11-{d:02d} 10:00") for d in (20, 22, 23)], settings())
    newest, middle, oldest = model.briefings
    assert middle.previous is oldest and middle.next is newest
    assert oldest.previous is None and newest.next is None


def test_topic_pages_hold_twenty_articles_newest_first_grouped_by_day() -> None:
    items = [article(f"a{i:02d}", f"2024-11-{1 + i // 2:02d} {10 + i % 2}:00") for i in range(45)]
    view = group_articles(items, settings()).topics[0]
    assert [p.url for p in view.pages] == ["topics/defence/", "topics/defence/page/2/", "topics/defence/page/3/"]
    first = view.pages[0]
    shown = [a for day in first.days for a in day.articles]
    assert len(shown) == TOPIC_PAGE_SIZE
    assert shown[0].title == "a44" and shown == sorted(shown, key=lambda a: a.published, reverse=True)
    assert all(len({a.day for a in day.articles}) == 1 for day in first.days)
    assert first.next_url == "topics/defence/page/2/" and view.pages[2].next_url is None


def test_tag_display_spelling_is_the_most_used_and_ties_go_alphabetically() -> None:
    items = [
        article("a", "2024-11-25 10:00", tags=("NATO",)),
        article("b", "2024-11-25 11:00", tags=("nato",)),
        article("c", "2024-11-25 12:00", tags=("Nato",)),
        article("d", "2024-11-25 13:00", tags=("nato", "EU")),
        article("e", "2024-11-25 14:00", tags=("eu",)),
    ]
    tags = {t.slug: t for t in group_articles(items, settings()).tags}
    assert tags["nato"].name == "nato" and len(tags["nato"].articles) == 4
    assert tags["eu"].name == "EU"  # one each: 'EU' sorts before 'eu'


def test_archive_lists_briefings_by_month_with_article_counts() -> None:
    items = [article("a", "2024-10-31 10:00"), article("b", "2024-11-01 10:00"), article("c", "2024-11-01 11:00")]
    archive = group_articles(items, settings()).archive
    assert [(m.year, m.month, m.article_count) for m in archive] == [(2024, 11, 2), (2024, 10, 1)]


def test_related_articles_share_tags_and_exclude_the_article_itself() -> None:
    items = [
        article("x", "2024-11-25 10:00", tags=("nato", "ukraine")),
        article("both", "2024-11-20 10:00", tags=("nato", "ukraine")),
        article("one", "2024-11-24 10:00", tags=("nato",)),
        article("none", "2024-11-24 11:00", tags=("eu",)),
    ]
    # Other news, so that the shared tags are rare enough to mean something (see tests/test_related.py).
    others = [article(f"market {n}", f"2024-11-{10 + n} 09:00", topic="economy", tags=("markets",)) for n in range(10)]
    model = group_articles(items + others, settings())
    related = [a.title for a in model.related[items[0].url]]
    assert related == ["both", "one"]
