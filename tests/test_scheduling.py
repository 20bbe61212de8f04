"""Scheduled articles and drafts (issue 12, items 4 and 5), and fields a site declares (item 3).

A future-dated article is held back until its time unless ``--future``; drafts and
scheduled articles shown in a preview carry a badge, and never reach the feeds or
the sitemap.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
from helpers import FixtureSite, read_page, write_site

FUTURE = "2099-06-01 09:30"  # far enough ahead for any run of these tests
PAST = "2024-11-25 08:00"


def scheduled_site(root: Path) -> FixtureSite:
    site = write_site(root, extra_plugin={"email": {"publish_html": True}})
    site.write_article("past.md", title="Budget passes", date=PAST, topic="politics", tags=["budget"])
    site.write_article("later.md", title="Summit opens", date=FUTURE, topic="politics", tags=["summit"])
    site.write_article("draft.md", title="Unfinished piece", date=PAST, topic="economy", draft=True, tags=["wip"])
    return site


def sitemap_urls(site_dir: Path) -> set[str]:
    text = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    return {line.strip()[5:-6] for line in text.splitlines() if line.strip().startswith("<loc>")}


def test_future_articles_are_held_back_and_check_reports_them(tmp_path: Path) -> None:
    site = scheduled_site(tmp_path / "site")
    checked = site.briefings("check")
    assert checked.exit_code == 0, checked.output
    assert "1 article, 0 errors, 0 warnings" in checked.output
    assert "1 scheduled article; the next, content/later.md, is published at 2099-06-01 09:30 CEST" in checked.output
    built = site.briefings("build", "--strict")
    assert built.exit_code == 0, built.output
    out = site.root / "site"
    assert not (out / "articles/2099/06/01/later").exists()
    assert "Summit opens" not in read_page(out, "/")
    assert not (out / "tags/summit").exists()


def test_future_builds_them_with_a_badge_kept_out_of_feeds_and_sitemap(tmp_path: Path) -> None:
    site = scheduled_site(tmp_path / "site")
    built = site.briefings("build", "--future", "--drafts")
    assert built.exit_code == 0, built.output
    out = site.root / "site"
    later = read_page(out, "/articles/2099/06/01/later/")
    assert 'class="bf-badge bf-badge--scheduled">Scheduled: <time datetime="2099-06-01T09:30:00+02:00">' in later
    draft = read_page(out, "/articles/2024/11/25/draft/")
    assert '<span class="bf-badge bf-badge--draft">Draft</span>' in draft
    home = read_page(out, "/")  # the latest briefing is the scheduled one, marked as such
    assert "Summit opens" in home and "bf-badge--scheduled" in home
    briefing = read_page(out, "/briefings/2024/11/25/")
    assert "Unfinished piece" in briefing and "bf-badge--draft" in briefing
    assert "bf-badge" not in read_page(out, "/articles/2024/11/25/past/")

    urls = sitemap_urls(out)
    assert "https://example.org/news/articles/2024/11/25/past/" in urls
    for hidden in ("articles/2099/06/01/later/", "articles/2024/11/25/draft/", "briefings/2099/06/01/", "tags/wip/"):
        assert f"https://example.org/news/{hidden}" not in urls, hidden
    for feed in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((out / feed).read_text(encoding="utf-8"))
        assert parsed.bozo == 0
        text = json.dumps(parsed.entries)
        assert "Budget passes" in text
        assert "Summit opens" not in text and "Unfinished piece" not in text, feed
    json_feed = (out / "feed.json").read_text(encoding="utf-8")
    assert "Summit opens" not in json_feed and "Unfinished piece" not in json_feed
    assert not (out / "briefings/2099/06/01/email.html").exists()
    email_page = (out / "briefings/2024/11/25/email.html").read_text(encoding="utf-8")
    assert "Budget passes" in email_page and "Unfinished piece" not in email_page
    topic_feed = (out / "topics/politics/feed.xml").read_text(encoding="utf-8")
    assert "Summit opens" not in topic_feed and "Budget passes" in topic_feed


def test_a_scheduled_article_appears_once_its_time_has_come(tmp_path: Path) -> None:
    """The same file, loaded before and after its date: the rebuild (with the cache) publishes it."""
    from briefings.load import load_articles
    from briefings.model import SiteSettings

    site = write_site(tmp_path / "site")
    site.write_article("soon.md", title="Vote at noon", date="2030-01-01 12:00", topic="politics")
    settings = SiteSettings(root=site.root, content_dir=site.content, timezone=ZoneInfo("Europe/Paris"))
    before = load_articles(replace(settings, now=dt.datetime(2030, 1, 1, 10, 59, tzinfo=dt.UTC)))
    after = load_articles(replace(settings, now=dt.datetime(2030, 1, 1, 11, 0, tzinfo=dt.UTC)))  # 12:00 in Paris
    assert [a.title for a in before.articles] == [] and [a.title for a in before.scheduled] == ["Vote at noon"]
    assert [a.title for a in after.articles] == ["Vote at noon"] and after.scheduled == []


def test_extra_fields_are_declared_and_not_warned(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", extra_plugin={"extra_fields": ["region", "subtitle"]})
    site.write_article("a.md", title="A", date=PAST, topic="politics", region="Sahel", subtitle="x", mood="calm")
    checked = site.briefings("check")
    assert checked.exit_code == 0
    assert "unknown field 'mood'" in checked.output
    assert "'region'" not in checked.output and "'subtitle'" not in checked.output
    assert site.briefings("build", "--strict").exit_code == 1  # mood is still unknown

    bad = write_site(tmp_path / "bad", extra_plugin={"extra_fields": ["title"]})
    result = bad.briefings("check")
    assert result.exit_code == 1
    assert "extra_fields" in result.output and "'title' is one of Briefings' own fields" in result.output


def test_the_archive_of_monthly_briefings_names_each_month_once(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", period="month")
    site.write_article("a.md", title="A", date="2024-12-02 08:00", topic="politics")
    site.write_article("b.md", title="B", date="2024-11-05 08:00", topic="politics")
    site.write_article("c.md", title="C", date="2024-11-20 08:00", topic="economy")
    assert site.briefings("build", "--strict").exit_code == 0
    archive = read_page(site.root / "site", "/archive/")
    main = archive[archive.index("<h1") :]
    assert main.count("December 2024") == 1 and main.count("November 2024") == 1
    assert '<a href="../briefings/2024/11/">November 2024</a> <span class="bf-count">2 articles</span>' in main
