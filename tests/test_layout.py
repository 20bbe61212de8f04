"""The briefing layout (issue 11, items 1 and 6): the rendered pages, read as HTML.

Most tests render with :class:`briefings.render.Renderer` directly (no MkDocs), so the
build's moment (``settings.now``), the time zone, the period and the language are
theirs to choose; one module-scoped build checks what MkDocs and Material make of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from helpers import read_page, write_site

from briefings.group import group_articles
from briefings.model import Article, SiteSettings, Topic
from briefings.render import RenderedPage, Renderer, zone_label

PARIS = ZoneInfo("Europe/Paris")
TOPICS = (Topic("defence", "Defence & Security"), Topic("politics", "Politics"), Topic("economy", "Economy"))
SEPARATOR = "·"


def settings(
    period: str = "day", zone: str = "Europe/Paris", now: str | None = None, language: str = "en", **more: object
) -> SiteSettings:
    moment = dt.datetime.fromisoformat(now) if now else None
    return SiteSettings(
        root=Path("."),
        content_dir=Path("content"),
        timezone=ZoneInfo(zone),
        period=period,  # type: ignore[arg-type]
        topics=TOPICS,
        language=language,
        now=moment.replace(tzinfo=moment.tzinfo or ZoneInfo(zone)) if moment else None,
        **more,  # type: ignore[arg-type]
    )


def article(
    title: str,
    when: str,
    *,
    zone: str = "Europe/Paris",
    topic: str = "defence",
    priority: int = 2,
    source: str | None = None,
    source_url: str | None = None,
    has_time: bool = True,
    tags: tuple[str, ...] = (),
    summary: str = "A summary.",
) -> Article:
    moment = dt.datetime.fromisoformat(when)
    tz = ZoneInfo(zone)
    moment = moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return Article(
        path=f"content/{slug}.md",
        source_path=Path(f"content/{slug}.md"),
        title=title,
        published=moment,
        has_time=has_time,
        topic=topic,
        summary=summary,
        body="Body.",
        slug=slug,
        source=source,
        source_url=source_url,
        priority=priority,
        tags=tags,
    )


def renderer(articles: list[Article], site: SiteSettings) -> Renderer:
    return Renderer(group_articles(articles, site))


def html_of(page: RenderedPage) -> lxml.html.HtmlElement:
    """The page's HTML fragments (every piece of a briefing is one) as one tree."""
    return lxml.html.fragment_fromstring("".join(page.fragments), create_parent="div")


def squash(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def items(tree: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    """Each item of the page by its headline."""
    return {squash(item.find_class("bf-item__title")[0]): item for item in tree.find_class("bf-item")}


def meta_line(item: lxml.html.HtmlElement) -> str | None:
    found = item.find_class("bf-item__meta")
    return squash(found[0]) if found else None


# --- one meta line, the same shape whatever is missing ---------------------------------------


def test_meta_line_is_source_time_topic_and_missing_parts_leave_nothing_behind() -> None:
    day = "2024-11-25"
    site = renderer(
        [
            article(
                "Full top",
                f"{day} 07:30",
                topic="economy",
                priority=1,
                source="Le Monde",
                source_url="https://lemonde.fr/a",
            ),
            article("Top without source or time", day, topic="politics", priority=1, has_time=False),
            article("Source link only", f"{day} 09:00", source_url="https://www.example.org/x", tags=("Water",)),
            article("Source name only", f"{day} 10:00", source="Reuters", summary=""),
            article("Time only", f"{day} 11:15"),
            article("Nothing at all", day, has_time=False, topic="politics"),
        ],
        settings(),
    )
    tree = html_of(site.briefing(site.model.briefings[0]))
    found = {title: meta_line(item) for title, item in items(tree).items()}
    assert found == {
        "Full top": "Le Monde · 07:30 CET · Economy",  # out of its section (top stories): the topic is named
        "Top without source or time": "Politics",
        "Source link only": "www.example.org · 09:00 CET",  # the link's host stands for a missing name
        "Source name only": "Reuters · 10:00 CET",
        "Time only": "11:15 CET",
        "Nothing at all": None,  # no empty line
    }
    shape = ["bf-item__title", "bf-item__meta", "bf-item__summary", "bf-tags"]
    for item in tree.find_class("bf-item"):
        for meta in item.find_class("bf-item__meta"):
            children = list(meta)
            assert all(squash(child) for child in children), lxml.html.tostring(meta)  # no empty element
            kinds = ["sep" if "bf-sep" in (child.get("class") or "") else "part" for child in children]
            assert kinds[0] == kinds[-1] == "part" and "sep,sep" not in ",".join(kinds)  # no dangling separator
            assert kinds == ["part", "sep"] * (len(kinds) // 2) + ["part"]
        # Every item has the same order whatever it lacks: headline, meta, summary, tags last.
        order = [child.get("class").split()[0] for child in item]
        assert order == sorted(order, key=shape.index) and order[0] == "bf-item__title"
    tags = tree.find_class("bf-tags")
    assert len(tags) == 1 and "bf-tags--quiet" in tags[0].get("class")  # discreet, at the end of the item


@pytest.mark.parametrize(("language", "label"), [("en", "In brief"), ("fr", "En bref"), ("de", "Kurz gemeldet")])
def test_an_in_brief_item_says_so_first_in_its_meta_line(language: str, label: str) -> None:
    """Priority 3 items are set smaller; without a word that looks like a rendering fault."""
    day = "2024-11-25"
    site = renderer(
        [
            article("Brief", f"{day} 07:30", priority=3, source="AFP"),
            article("Normal", f"{day} 08:30", source="AFP"),
        ],
        settings(language=language),
    )
    found = {title: meta_line(item) for title, item in items(html_of(site.briefing(site.model.briefings[0]))).items()}
    assert found["Brief"] == f"{label} · AFP · 07:30 CET"
    assert found["Normal"] == "AFP · 08:30 CET"


def test_time_element_holds_the_zone_abbreviation_and_the_exact_moment() -> None:
    site = renderer([article("Vote", "2024-11-25 07:30", source="AFP")], settings())
    [time] = html_of(site.briefing(site.model.briefings[0])).iter("time")
    assert time.text == "07:30 CET"
    assert time.get("datetime") == "2024-11-25T07:30:00+01:00"


# --- time zone abbreviations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "when", "expected"),
    [
        ("Europe/Paris", "2024-01-15 08:00", "08:00 CET"),
        ("Europe/Paris", "2024-07-15 08:00", "08:00 CEST"),
        ("Europe/Paris", "2024-03-31 01:30", "01:30 CET"),  # the night clocks go forward: before…
        ("Europe/Paris", "2024-03-31 03:30", "03:30 CEST"),  # …and after
        ("America/New_York", "2024-01-15 08:00", "08:00 EST"),
        ("America/New_York", "2024-07-15 08:00", "08:00 EDT"),
        ("Europe/London", "2024-01-15 08:00", "08:00 GMT"),
        ("Europe/London", "2024-07-15 08:00", "08:00 BST"),
        ("UTC", "2024-07-15 08:00", "08:00 UTC"),
        ("Asia/Kolkata", "2024-07-15 08:00", "08:00 IST"),
        ("Europe/Istanbul", "2024-07-15 08:00", "08:00 UTC+3"),  # the tz database says only "+03"
        ("America/Sao_Paulo", "2024-07-15 08:00", "08:00 UTC-3"),  # "-03"
        ("Asia/Kathmandu", "2024-07-15 08:00", "08:00 UTC+5:45"),  # "+0545"
        ("America/St_Johns", "2024-01-15 08:00", "08:00 NST"),
    ],
)
def test_clock_shows_the_zone_abbreviation_of_that_instant(zone: str, when: str, expected: str) -> None:
    item = article("Item", when, zone=zone)
    assert renderer([item], settings(zone=zone)).clock(item) == expected


def test_zone_label_for_offsets_the_tz_database_cannot_name() -> None:
    assert zone_label("+03", dt.timedelta(hours=3)) == "UTC+3"
    assert zone_label("-0330", dt.timedelta(hours=-3, minutes=-30)) == "UTC-3:30"
    assert zone_label("+00", dt.timedelta(0)) == "UTC"
    assert zone_label("UTC+01:00", dt.timedelta(hours=1)) == "UTC+1"  # datetime.timezone's own name


def test_clock_of_a_date_without_time_is_empty_and_zone_labels_are_memoised() -> None:
    zone_label.cache_clear()
    items_ = [article(f"Item {i}", f"2024-11-{10 + i % 10} 0{i % 10}:00") for i in range(40)]
    site = renderer(items_, settings())
    for item in items_:
        site.clock(item)
    info = zone_label.cache_info()
    assert info.misses == 1 and info.hits == 39  # one label per (abbreviation, offset), not per item
    assert site.clock(article("Dateless", "2024-11-25", has_time=False)) == ""


# --- weekdays in week and month briefings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "language", "expected", "dateless"),
    [
        ("day", "en", "07:30 CET", None),
        ("week", "en", "Mon 07:30 CET", "Wed"),
        ("month", "en", "Mon, Nov 25 07:30 CET", "Wed, Nov 27"),
        ("week", "fr", "lun. 07:30 CET", "mer."),
        ("month", "de", "Mo., 25. Nov. 07:30 CET", "Mi., 27. Nov."),
    ],
)
def test_week_and_month_briefings_show_the_weekday_with_the_time(
    period: str, language: str, expected: str, dateless: str | None
) -> None:
    site = renderer(
        [
            article("Timed", "2024-11-25 07:30"),
            # In a day's briefing, a date without a time has no meta line; in a week or month, its day.
            article("Dateless", "2024-11-25" if period == "day" else "2024-11-27", has_time=False, topic="politics"),
        ],
        settings(period=period, language=language),
    )
    found = {title: meta_line(item) for title, item in items(html_of(site.briefing(site.model.briefings[0]))).items()}
    assert found == {"Timed": expected, "Dateless": dateless}


def test_topic_pages_keep_the_plain_time() -> None:
    site = renderer([article("Timed", "2024-11-25 07:30")], settings(period="week"))
    view = site.model.topics[0]
    assert meta_line(items(html_of(site.topic_page(view, view.pages[0])))["Timed"]) == "07:30 CET"


# --- the archive in every period mode -------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (
            "day",
            {
                "briefings/2026/12/01/": 2,
                "briefings/2026/11/30/": 1,
                "briefings/2026/11/02/": 1,
                "briefings/2025/12/31/": 1,
            },
        ),
        # Monday 30 November 2026 starts ISO week 49; 31 December 2025 is in week 1 of 2026.
        ("week", {"briefings/2026/w49/": 3, "briefings/2026/w45/": 1, "briefings/2026/w01/": 1}),
        ("month", {"briefings/2026/12/": 2, "briefings/2026/11/": 2, "briefings/2025/12/": 1}),
    ],
)
def test_archive_lists_each_briefing_once_with_its_count(period: str, expected: dict[str, int]) -> None:
    site = renderer(
        [
            article("A", "2026-12-01 08:00"),
            article("B", "2026-12-01 09:00", topic="politics"),
            article("C", "2026-11-30 08:00"),
            article("D", "2026-11-02 08:00"),
            article("E", "2025-12-31 08:00"),
        ],
        settings(period=period),
    )
    page = site.archive()
    tree = html_of(page)
    links = {}
    for li in tree.xpath("//ul[contains(@class, 'bf-list--briefings')]/li"):
        [anchor] = li.xpath("a")
        links.setdefault(anchor.get("href"), []).append(squash(li.find_class("bf-count")[0]))
    assert {href: len(counts) for href, counts in links.items()} == dict.fromkeys(links, 1)  # each once
    assert {href.removeprefix("../"): int(c[0].split()[0]) for href, c in links.items()} == expected
    months = [squash(h3) for h3 in tree.xpath("//div[contains(@class, 'bf-archive-month')]/h3")]
    if period == "month":
        assert months == []  # a monthly briefing is its month: no heading over a list of one
    else:
        assert len(months) == len(set(months))
    years = re.findall(r"^## (\d{4})$", page.markdown, flags=re.M)
    assert years == ["2026", "2025"]


# --- the jump bar and the section ids ---------------------------------------------------------------


def jump_targets(tree: lxml.html.HtmlElement) -> list[str]:
    [nav] = tree.find_class("bf-jump")
    assert nav.tag == "nav" and nav.get("aria-label")
    return [a.get("href") for a in nav.iter("a")]


def test_jump_bar_links_to_top_stories_and_every_section_by_their_ids() -> None:
    site = renderer(
        [
            article("Lead", "2024-11-25 07:00", priority=1, topic="economy"),
            article("Troops", "2024-11-25 08:00"),
            article("Vote", "2024-11-25 09:00", topic="politics"),
            article("Rates", "2024-11-25 10:00", topic="economy"),
        ],
        settings(),
    )
    for page in (site.home(), site.briefing(site.model.briefings[0])):
        tree = html_of(page)
        headings = tree.xpath("//h2[contains(@class, 'bf-section__title')]")
        ids = [h.get("id") for h in headings]
        sections = ids[: len(jump_targets(tree))]
        # The ids Python-Markdown's toc extension gave these headings before: links to them keep working.
        assert sections == ["top-stories", "defence-security", "politics", "economy"]
        assert jump_targets(tree) == [f"#{i}" for i in sections]
        assert [squash(a) for a in tree.find_class("bf-jump")[0].iter("a")] == [squash(h) for h in headings[:4]]
        assert len(set(ids)) == len(ids)
    home_ids = [h.get("id") for h in html_of(site.home()).xpath("//h2")]
    assert home_ids[-1] == "topics"


def test_section_ids_stay_unique_and_readable_for_any_topic_title() -> None:
    topics = (Topic("a", "Top stories"), Topic("b", "Topics"), Topic("c", "Экономика"), Topic("d", "!!!"))
    site = Renderer(
        group_articles(
            [
                article("Lead", "2024-11-25 07:00", priority=1, topic="a"),
                article("One", "2024-11-25 08:00", topic="a"),
                article("Two", "2024-11-25 08:00", topic="b"),
                article("Three", "2024-11-25 08:00", topic="c"),
                article("Four", "2024-11-25 08:00", topic="d"),
            ],
            replace(settings(), topics=topics),
        )
    )
    tree = html_of(site.home())
    ids = [h.get("id") for h in tree.xpath("//h2")]
    assert ids == ["top-stories", "top-stories_1", "topics", "ekonomika", "_1", "topics_1"]
    assert jump_targets(tree) == ["#" + i for i in ids[:5]]


def test_no_jump_bar_for_a_single_section() -> None:
    site = renderer([article("Alone", "2024-11-25 08:00")], settings())
    assert html_of(site.briefing(site.model.briefings[0])).find_class("bf-jump") == []


def test_generated_pages_hide_materials_table_of_contents() -> None:
    """News pages, not documentation: no TOC panel on any generated page (docs/ pages keep theirs)."""
    site = renderer([article("Alone", "2024-11-25 08:00", tags=("Water",))], settings())
    assert site.home().meta["hide"] == ["toc"]
    assert site.briefing(site.model.briefings[0]).meta["hide"] == ["toc"]
    assert site.article(site.model.briefings[0].articles[0]).meta["hide"] == ["toc"]
    assert site.archive().meta["hide"] == ["toc"] and site.tags_index().meta["hide"] == ["toc"]
    assert site.topics_index().meta["hide"] == ["toc"] and site.search_page().meta["hide"] == ["toc"]
    assert all(page.meta["hide"] == ["toc"] for page in site.pages())


# --- freshness ----------------------------------------------------------------------------------------


def freshness(site: Renderer) -> lxml.html.HtmlElement:
    [note] = html_of(site.home()).xpath("//*[@data-bf-freshness]")
    return note


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        ("2024-11-25 06:00", None),  # the briefing's own day: nothing
        ("2024-11-25 23:59", None),
        ("2024-11-26T00:30:00+01:00", "Published yesterday"),
        ("2024-11-25T23:30:00+00:00", "Published yesterday"),  # 00:30 on the 26th in Paris, the site's zone
        ("2024-11-28 12:00", "Published 3 days ago"),
        ("2024-12-09 12:00", "Published 2 weeks ago"),  # the largest whole unit, as the reader's browser says it
        ("2026-11-28 12:00", "Published 2 years ago"),
    ],
)
def test_home_says_how_old_the_latest_briefing_is(now: str, shown: str | None) -> None:
    site = renderer([article("News", "2024-11-25 08:00")], settings(now=now))
    note = freshness(site)
    if shown is None:
        assert note.get("hidden") is not None and squash(note.xpath(".//time")[0]) == ""
    else:
        assert note.get("hidden") is None
        assert squash(note).endswith(shown)
    # What the browser's script recounts from: the day, the period's end, the site's zone.
    assert (note.get("data-bf-newest"), note.get("data-bf-end"), note.get("data-bf-timezone")) == (
        "2024-11-25",
        "2024-11-25",
        "Europe/Paris",
    )
    assert note.xpath(".//time/@datetime") == ["2024-11-25"]


def test_a_week_briefing_is_fresh_all_week_then_ages_from_its_newest_day() -> None:
    items_ = [article("Monday", "2024-11-25 08:00"), article("Wednesday", "2024-11-27 08:00")]
    assert freshness(renderer(items_, settings(period="week", now="2024-12-01 20:00"))).get("hidden") is not None
    stale = freshness(renderer(items_, settings(period="week", now="2024-12-02 09:00")))
    assert stale.get("hidden") is None and squash(stale).endswith("5 days ago")
    assert stale.get("data-bf-end") == "2024-12-01" and stale.get("data-bf-newest") == "2024-11-27"


def test_freshness_is_in_the_site_language() -> None:
    note = freshness(renderer([article("News", "2024-11-25 08:00")], settings(now="2024-11-28 12:00", language="fr")))
    assert note.xpath(".//time")[0].text == "il y a 3 jours"


def test_home_page_source_changes_with_the_day_so_the_page_cache_renews_it() -> None:
    """The plugin caches a page's HTML by its source: the build's day must be in the home page's source."""
    items_ = [article("News", "2024-11-25 08:00")]
    sources = {
        now: renderer(items_, settings(now=now)).home().source_digest("")
        for now in ("2024-11-26 08:00", "2024-11-26 22:00", "2024-11-27 08:00")
    }
    assert sources["2024-11-26 08:00"] == sources["2024-11-26 22:00"] != sources["2024-11-27 08:00"]


# --- a built site: what MkDocs and Material make of it --------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose latest briefing is three days old today (in its zone, Asia/Tokyo)."""
    site = write_site(tmp_path_factory.mktemp("layout"), timezone="Asia/Tokyo")
    today = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    old = today - dt.timedelta(days=3)
    site.write_article("lead.md", title="Lead story", date=f"{old} 07:30", topic="economy", priority=1, source="Nikkei")
    site.write_article("troops.md", title="Troops", date=f"{old} 08:00", topic="defence", tags=["NATO"])
    site.write_article("vote.md", title="Vote", date=f"{old}", topic="politics")
    result = site.briefings("build", "--strict")
    assert result.exit_code == 0, result.output
    return site.root / "site"


def test_built_pages_have_no_table_of_contents_and_keep_section_ids(built: Path) -> None:
    day = (dt.datetime.now(ZoneInfo("Asia/Tokyo")).date() - dt.timedelta(days=3)).strftime("%Y/%m/%d")
    for url in ("/", f"/briefings/{day}/", f"/articles/{day}/troops/"):
        page = lxml.html.fromstring(read_page(built, url))
        [toc] = page.xpath("//div[@data-md-type='toc']")
        assert toc.get("hidden") is not None, url
    home = lxml.html.fromstring(read_page(built, "/"))
    ids = [h.get("id") for h in home.xpath("//article//h2")]
    assert ids == ["top-stories", "defence-security", "politics", "topics"]  # toc's ids, as before
    hrefs = home.xpath("//nav[contains(@class, 'bf-jump')]//a/@href")
    assert hrefs == ["#top-stories", "#defence-security", "#politics"]
    assert all(home.xpath(f"//*[@id='{href[1:]}']") for href in hrefs)
    [lead] = [item for item in home.find_class("bf-item") if "Lead story" in item.text_content()]
    assert squash(lead.find_class("bf-item__meta")[0]) == "Nikkei · 07:30 JST · Economy"


def test_built_home_page_says_the_briefing_is_three_days_old(built: Path) -> None:
    home = lxml.html.fromstring(read_page(built, "/"))
    [note] = home.xpath("//*[@data-bf-freshness]")
    assert note.get("hidden") is None
    assert squash(note).endswith("Published 3 days ago")
    assert note.get("data-bf-timezone") == "Asia/Tokyo"


def test_freshness_script_is_a_file_loaded_by_the_home_page_only(built: Path) -> None:
    """No inline script in the page content (a Content-Security-Policy may forbid them): one small asset."""
    day = (dt.datetime.now(ZoneInfo("Asia/Tokyo")).date() - dt.timedelta(days=3)).strftime("%Y/%m/%d")
    home = lxml.html.fromstring(read_page(built, "/"))
    assert home.xpath("//article//script") == []
    assert len(home.xpath("//script[contains(@src, 'assets/briefings/freshness.js')]")) == 1
    briefing = lxml.html.fromstring(read_page(built, f"/briefings/{day}/"))
    assert briefing.xpath("//script[contains(@src, 'freshness.js')]") == []
    assert (built / "assets" / "briefings" / "freshness.js").is_file()
