"""RSS and Atom import: one article per entry, plain text, links or permalink guids, dates with their offsets."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, assert_loads_cleanly, import_site

from briefings.importers import read_input
from briefings.importers.from_feed import html_to_paragraphs, parse_feed, parse_feed_date

RSS = FIXTURES / "world-feed.rss"
ATOM = FIXTURES / "science-feed.atom"


@pytest.fixture(scope="module")
def rss():
    title, entries = parse_feed(RSS.read_bytes())
    assert all(e.error is None for e in entries)
    return title, [e.draft for e in entries]


def test_feed_title_is_the_source_with_entities_decoded(rss):
    title, drafts = rss
    assert title == "Global Desk & Wire"
    assert {d.source for d in drafts} == {"Global Desk & Wire"}
    assert len(drafts) == 5


def test_entities_in_titles_and_summaries_become_plain_text(rss):
    first = rss[1][0]
    assert first.title == "NATO & EU Ministers Meet Over Baltic Cable Damage"
    assert (
        first.body
        == "Defence ministers discussed sabotage of undersea cables — the second incident this month & a growing worry."
    )
    assert first.author == "Anna Lindqvist"


def test_cdata_html_is_plain_text_and_content_wins_over_description(rss):
    second = rss[1][1]
    assert second.title == 'Troops "on alert" as Talks Stall'
    assert second.body.split("\n\n") == [
        "Military commanders placed troops on alert late on Monday.",
        "Negotiators said talks would resume & continue on Wednesday.",
        "A missile test was postponed.",
    ]
    assert "<" not in second.body and "alert(1)" not in second.body
    assert second.summary is None  # the description is the start of the content: nothing to add


def test_links_and_permalink_guid(rss):
    drafts = rss[1]
    assert drafts[0].source_url == "https://globaldesk.example/world/baltic-cables?utm_source=rss&utm_medium=feed"
    assert drafts[2].source_url == "https://globaldesk.example/politics/budget-passes"  # <guid> without <link>


def test_guid_that_is_not_a_permalink_gives_no_source_url():
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>Quiet entry with no link</title><guid isPermaLink="false">https://x.example/not-a-page</guid>
    <pubDate>Mon, 02 Dec 2024 10:00:00 +0000</pubDate></item></channel></rss>"""
    _, [entry] = parse_feed(feed)
    assert entry.draft is not None and entry.draft.source_url is None


def test_dates_keep_their_offset(rss):
    dates = [d.date.isoformat() for d in rss[1]]
    assert dates == [
        "2024-11-25T09:15:00+01:00",
        "2024-11-25T23:30:00-05:00",
        "2024-11-26T06:05:00+00:00",
        "2024-11-26T14:00:00+03:00",
        "2024-11-26T17:40:00+01:00",
    ]


def test_non_ascii_titles(rss):
    assert rss[1][3].title == "Заседание Совета Безопасности ООН по Украине"
    assert rss[1][4].title == "Économie : la Bourse de Paris recule, l’euro chute"


def test_atom_entries():
    title, entries = parse_feed(ATOM.read_bytes())
    assert title == "Orbit Weekly"
    first, second = (e.draft for e in entries)
    assert first.title == "Japan's H3 Rocket Launches Navigation Satellite"
    assert first.date.isoformat() == "2024-12-03T07:20:00+09:00"  # published, not updated
    assert first.author == "Kenji Mori"
    assert first.source_url == "https://orbitweekly.example/2024/12/h3-launch"
    assert (
        first.body == "The H3 rocket lifted off from Tanegashima carrying the Michibiki 6 satellite.\n\n"
        "JAXA said the launch went as planned."
    )
    assert second.date == dt.datetime(2024, 12, 2, 16, 45, tzinfo=dt.UTC)  # only <updated>
    assert second.body == "The European Space Agency will launch the probe in March."


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("Mon, 25 Nov 2024 23:30:00 -0500", "2024-11-25T23:30:00-05:00"),
        ("Tue, 26 Nov 2024 06:05:00 GMT", "2024-11-26T06:05:00+00:00"),
        ("2024-12-03T07:20:00+09:00", "2024-12-03T07:20:00+09:00"),
        ("2024-12-02T16:45:00Z", "2024-12-02T16:45:00+00:00"),
        ("2024-12-02", "2024-12-02"),
    ],
)
def test_parse_feed_date(raw, iso):
    assert parse_feed_date(raw).isoformat() == iso


def test_html_to_paragraphs():
    assert html_to_paragraphs("<p>One &amp; <b>two</b></p><ul><li>three</li></ul>four<br>five") == [
        "One & two",
        "three",
        "four",
        "five",
    ]
    assert html_to_paragraphs("no tags &amp; entities") == ["no tags & entities"]
    assert html_to_paragraphs("") == []


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.xml", (FIXTURES / "broken-feed.xml").read_bytes(), "not a valid RSS or Atom feed"),
        (
            "empty.rss",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
            "no entries",
        ),
    ],
)
def test_bad_feeds_fail_with_a_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    [item] = read_input(path, name)
    assert item.draft is None and message in (item.error or "")


def test_entry_without_title_fails_alone():
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><description>No title here</description><link>https://x.example/1</link></item>
    <item><title>A titled entry</title><link>https://x.example/2</link></item></channel></rss>"""
    _, entries = parse_feed(feed)
    assert entries[0].draft is None and entries[0].error == "the entry has no title"
    assert entries[1].draft is not None


def test_import_feed_cross_midnight_goes_to_the_next_paris_day(tmp_path):
    site = import_site(tmp_path / "site")
    imported = site.run_import(RSS, "--topic", "defence")
    assert imported.exit_code == 0, imported.output
    assert imported.output.endswith("5 imported, 0 skipped as duplicates, 0 failed\n")
    assert site.relative_files() == [
        "content/2024/11/2024-11-25-nato-eu-ministers-meet-over-baltic-cable-damage.md",
        "content/2024/11/2024-11-26-economie-la-bourse-de-paris-recule-leuro-chute.md",
        "content/2024/11/2024-11-26-parliament-passes-budget-after-all-night-session.md",
        "content/2024/11/2024-11-26-troops-on-alert-as-talks-stall.md",  # 23:30 -05:00 is 05:30 in Paris
        "content/2024/11/2024-11-26-zasedanie-soveta-bezopasnosti-oon-po-ukraine.md",
    ]
    troops = site.post(site.content / "2024/11/2024-11-26-troops-on-alert-as-talks-stall.md")
    assert troops["date"] == "2024-11-25T23:30:00-05:00"
    nato = site.post(site.files()[0])
    assert nato["source_url"] == "https://globaldesk.example/world/baltic-cables"  # tracking parameters dropped
    by_title = {a.title: a for a in assert_loads_cleanly(site).articles}
    assert by_title['Troops "on alert" as Talks Stall'].day == dt.date(2024, 11, 26)
    assert by_title["NATO & EU Ministers Meet Over Baltic Cable Damage"].day == dt.date(2024, 11, 25)


def test_import_atom_with_keyword_topic_failure_and_topic_option(tmp_path):
    site = import_site(tmp_path / "site")
    failed = site.run_import(ATOM)
    assert failed.exit_code == 1
    assert "science-feed.atom (entry 1): error: no topic keyword found in the text: pass --topic" in failed.output
    assert site.files() == []
    ok = site.run_import(ATOM, "--topic", "economy")
    assert ok.exit_code == 0, ok.output
    assert len(assert_loads_cleanly(site).articles) == 2
