"""Feeds (SPEC §4): RSS 2.0, Atom, JSON Feed and one RSS per topic, checked after a real build."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from helpers import FixtureSite, write_site

from briefings.feeds import clean

SITE_URL = "https://example.github.io/world/"
TRICKY = "Tanks & <missiles> \"quoted\" 'single'"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
    r" \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


# --- a fixture site, written and built by these tests themselves -----------------------


def write_feed_site(root: Path, site_url: str | None = SITE_URL) -> FixtureSite:
    return write_site(
        root,
        site_name="World & <Co> Briefing",
        site_url=site_url,
        topics={"defence": "Defence & Security", "politics": "Politics", "economy": "Economy"},
        extra_config={"site_description": 'News "curated" & sorted'},
    )


def days() -> list[dt.date]:
    """31 briefing days, 31 October to 30 November 2024 (all in Paris winter time, +01:00)."""
    return [dt.date(2024, 10, 31) + dt.timedelta(days=i) for i in range(31)]


def write_corpus(site: FixtureSite) -> None:
    """31 days of politics (one a day), 55 economy articles, and one tricky top story on the newest day."""
    for i, day in enumerate(days()):
        site.write_article(
            f"p/{day}-politics.md",
            title=f"Politics of {day}",
            date=f"{day} 08:00",
            topic="politics",
            tags=["Vote"],
        )
        site.write_article(f"e/{day}-economy-a.md", title=f"Markets of {day}", date=f"{day} 09:00", topic="economy")
        if i < 24:
            site.write_article(f"e/{day}-economy-b.md", title=f"Banks of {day}", date=f"{day} 11:00", topic="economy")
    site.write_article(
        "d/tricky.md",
        "Body.",
        title=TRICKY,
        date="2024-11-30 18:45",
        topic="defence",
        priority=1,
        source="Wire & Co",
        source_url="https://wire.example.com/a?x=1&y=2",
        tags=["NATO", "R&D"],
        summary="A summary with <b>tags</b> & ampersands.",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built twice (``first/`` and ``second/``)."""
    site = write_feed_site(tmp_path_factory.mktemp("feeds"))
    write_corpus(site)
    for target in ("first", "second"):
        result = site.briefings("build", "--strict", "-d", target)
        assert result.exit_code == 0, result.output
    return site.root


@pytest.fixture(scope="module")
def site(built: Path) -> Path:
    return built / "first"


class Hrefs(HTMLParser):
    """Every ``href`` and the visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k == "href" and v]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(fragment: str) -> Hrefs:
    parser = Hrefs()
    parser.feed(fragment)
    return parser


# --- tests ------------------------------------------------------------------------------


def test_every_feed_is_written_and_parses_without_errors(site: Path) -> None:
    paths = ["feed.xml", "atom.xml", "topics/defence/feed.xml", "topics/politics/feed.xml", "topics/economy/feed.xml"]
    for path in paths:
        parsed = feedparser.parse(str(site / path))
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
    assert json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]


def test_two_builds_give_byte_identical_feeds(built: Path) -> None:
    for path in ["feed.xml", "atom.xml", "feed.json", "topics/economy/feed.xml", "topics/defence/feed.xml"]:
        assert (built / "first" / path).read_bytes() == (built / "second" / path).read_bytes(), path


def test_rss_has_required_channel_and_item_elements(site: Path) -> None:
    channel = ET.parse(site / "feed.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext("title") == "World & <Co> Briefing"
    assert channel.findtext("link") == SITE_URL
    # An RSS description is HTML: the text arrives HTML-escaped, and shows as the text itself.
    assert "".join(parse_html(channel.findtext("description") or "").text) == 'News "curated" & sorted'
    assert channel.findtext("language") == "en"
    assert channel.find(f"{ATOM}link").attrib == {
        "href": SITE_URL + "feed.xml",
        "rel": "self",
        "type": "application/rss+xml",
    }
    items = channel.findall("item")
    for item in items:
        for name in ("title", "link", "guid", "pubDate", "description", CONTENT):
            assert (item.findtext(name) or "").strip(), name
        assert item.find("guid").get("isPermaLink") == "true"
        assert item.findtext("guid") == item.findtext("link")


def test_rss_dates_are_rfc822_with_the_paris_offset(site: Path) -> None:
    channel = ET.parse(site / "feed.xml").getroot().find("channel")
    dates = [channel.findtext("lastBuildDate")] + [item.findtext("pubDate") for item in channel.findall("item")]
    for value in dates:
        assert RFC822.match(value), value
        assert value.endswith(" +0100"), value
    # A briefing's date is its newest article's time: the tricky story at 18:45 on 30 November.
    assert dates[1] == "Sat, 30 Nov 2024 18:45:00 +0100"
    assert parsedate_to_datetime(dates[2]) == dt.datetime(2024, 11, 29, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_thirty_newest_briefings_newest_first(site: Path) -> None:
    rss = feedparser.parse(str(site / "feed.xml"))
    atom = feedparser.parse(str(site / "atom.xml"))
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    expected = [f"{SITE_URL}briefings/{day:%Y/%m/%d}/" for day in reversed(days())][:30]
    assert [e.link for e in rss.entries] == expected
    assert [e.id for e in atom.entries] == expected
    assert [item["id"] for item in feed["items"]] == expected
    assert expected[-1].endswith("/2024/11/01/")  # 31 October, the 31st briefing, is left out
    assert rss.entries[0].title == "Saturday 30 November 2024"


def test_atom_has_required_elements_and_rfc3339_dates(site: Path) -> None:
    root = ET.parse(site / "atom.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == SITE_URL
    assert root.findtext(f"{ATOM}title") == "World & <Co> Briefing"
    assert root.findtext(f"{ATOM}updated") == "2024-11-30T18:45:00+01:00"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": SITE_URL, "self": SITE_URL + "atom.xml"}
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published", "summary", "content"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        for name in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{name}")
            assert RFC3339.match(value) and value.endswith("+01:00"), value
            dt.datetime.fromisoformat(value)
        assert entry.find(f"{ATOM}content").get("type") == "html"


def test_json_feed_items_carry_the_required_fields(site: Path) -> None:
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "World & <Co> Briefing"
    assert feed["home_page_url"] == SITE_URL and feed["feed_url"] == SITE_URL + "feed.json"
    assert feed["language"] == "en"
    assert len(feed["items"]) == 30
    for item in feed["items"]:
        assert {"id", "url", "title", "content_html", "date_published"} <= item.keys()
        assert item["id"] == item["url"]
        assert RFC3339.match(item["date_published"]), item["date_published"]
    assert feed["items"][0]["date_published"] == "2024-11-30T18:45:00+01:00"


def test_every_link_is_absolute(site: Path) -> None:
    """Feed links and ids are under site_url; links inside entry HTML too, or the article's source."""
    rss = ET.parse(site / "feed.xml").getroot()
    atom = ET.parse(site / "atom.xml").getroot()
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    urls = [e.text for e in rss.iter() if e.tag in ("link", "guid")] + [e.get("href") for e in rss.iter(f"{ATOM}link")]
    urls += [e.text for e in atom.iter(f"{ATOM}id")] + [e.get("href") for e in atom.iter(f"{ATOM}link")]
    urls += [item[k] for item in feed["items"] for k in ("id", "url")]
    assert urls and all(u.startswith(SITE_URL) for u in urls), [u for u in urls if not u.startswith(SITE_URL)]
    fragments = (
        [e.text for e in rss.iter(CONTENT)]
        + [e.text for e in atom.iter(f"{ATOM}content")]
        + [item["content_html"] for item in feed["items"]]
    )
    for path in (site / "topics").glob("*/feed.xml"):
        fragments += [e.text for e in ET.parse(path).getroot().iter("description")]
    hrefs = [h for fragment in fragments for h in parse_html(fragment).hrefs]
    assert any(h.startswith(SITE_URL + "articles/") for h in hrefs)
    assert all(h.startswith((SITE_URL, "https://wire.example.com/")) for h in hrefs), [
        h for h in hrefs if not h.startswith(SITE_URL)
    ]


def test_entry_content_is_the_briefing_top_stories_then_sections(site: Path) -> None:
    newest = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"][0]["content_html"]
    parsed = parse_html(newest)
    text = "".join(parsed.text)
    assert (
        text.index("Top stories")
        < text.index(TRICKY)
        < text.index("Politics")
        < text.index("Politics of 2024-11-30")
        < text.index("Economy")
    )
    assert "Wire & Co" in text and "A summary with <b>tags</b> & ampersands." in text  # summaries and sources, as text
    assert "https://wire.example.com/a?x=1&y=2" in parsed.hrefs
    assert f"{SITE_URL}articles/2024/11/30/tricky/" in parsed.hrefs


def test_special_characters_survive_every_format(site: Path) -> None:
    topic = feedparser.parse(str(site / "topics/defence/feed.xml"))
    assert topic.entries[0].title == TRICKY
    assert topic.feed.title == "Defence & Security — World & <Co> Briefing"
    rss = feedparser.parse(str(site / "feed.xml"))
    assert rss.feed.title == "World & <Co> Briefing"
    assert TRICKY in "".join(parse_html(rss.entries[0].content[0].value).text)
    atom = ET.parse(site / "atom.xml").getroot()
    assert TRICKY in "".join(parse_html(atom.find(f"{ATOM}entry/{ATOM}content").text).text)
    description = ET.parse(site / "feed.xml").getroot().findtext("channel/item/description") or ""
    assert TRICKY in "".join(parse_html(description).text)


def test_topic_feeds_hold_the_newest_fifty_articles(site: Path) -> None:
    economy = feedparser.parse(str(site / "topics/economy/feed.xml"))
    assert len(economy.entries) == 50  # of 55
    links = [e.link for e in economy.entries]
    assert links[0] == f"{SITE_URL}articles/2024/11/30/economy-a/"
    published = [parsedate_to_datetime(e.published) for e in economy.entries]
    assert published == sorted(published, reverse=True)
    assert len(feedparser.parse(str(site / "topics/politics/feed.xml")).entries) == 31
    channel = ET.parse(site / "topics/economy/feed.xml").getroot().find("channel")
    assert channel.findtext("link") == f"{SITE_URL}topics/economy/"
    assert channel.find(f"{ATOM}link").get("href") == f"{SITE_URL}topics/economy/feed.xml"
    for item in channel.findall("item"):
        assert RFC822.match(item.findtext("pubDate")) and item.findtext("pubDate").endswith("+0100")
    tricky = ET.parse(site / "topics/defence/feed.xml").getroot().find("channel/item")
    assert [c.text for c in tricky.findall("category")] == ["Defence & Security", "NATO", "R&D"]


def test_without_site_url_a_warning_and_no_feeds(tmp_path: Path) -> None:
    fixture = write_feed_site(tmp_path, site_url=None)
    fixture.write_article("a.md", title="A", date="2024-11-25 10:00", topic="politics")
    result = fixture.briefings("build")
    assert result.exit_code == 0, result.output
    assert "site_url is not set" in result.stderr
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    assert not list(site.rglob("feed.xml")) and not (site / "atom.xml").exists() and not (site / "feed.json").exists()
    assert "application/rss+xml" not in (site / "index.html").read_text(encoding="utf-8")


def test_without_site_url_strict_fails(tmp_path: Path) -> None:
    site = write_feed_site(tmp_path, site_url=None)
    site.write_article("a.md", title="A", date="2024-11-25 10:00", topic="politics")
    result = site.briefings("build", "--strict")
    assert result.exit_code == 1
    assert "site_url is not set" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_characters_xml_cannot_hold_are_dropped() -> None:
    assert clean("a\x00b\x0bc\x1fd\te\nf\ufffe") == "abcd\te\nf"
