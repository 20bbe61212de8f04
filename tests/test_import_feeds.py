"""RSS and Atom import: one article per entry, plain text, links or permalink guids, dates with their offsets."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, assert_loads_cleanly, import_site

from briefings.importers import read_input
from briefings.importers.from_feed import clean_tags, html_to_paragraphs, parse_feed, parse_feed_date

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


# --- categories, images and the entry text of real-world feeds (issue 12, item 8) ---------------

MEDIA_RSS = FIXTURES / "harbour-media-feed.rss"  # a newspaper's feed: categories with domains, Media RSS
WORDPRESS = FIXTURES / "wordpress-feed.rss"  # WordPress: CDATA categories, images only in the content
OBSERVATORY = FIXTURES / "observatory-feed.atom"  # Atom: category term/label, an image enclosure link


def drafts_of(path):
    _, entries = parse_feed(path.read_bytes())
    assert [e.error for e in entries] == [None] * len(entries)
    return [e.draft for e in entries]


@pytest.fixture(scope="module")
def media_rss():
    return drafts_of(MEDIA_RSS)


@pytest.fixture(scope="module")
def wordpress():
    return drafts_of(WORDPRESS)


def test_categories_become_tags_without_duplicates(media_rss):
    assert media_rss[0].tags == ["Politics and Government", "Humanitarian Aid", "Qatar"]
    assert media_rss[2].tags == ["Interest Rates"]


def test_hierarchical_categories_keep_their_most_specific_part(media_rss):
    assert media_rss[1].tags == ["Europe", "Italy", "Floods", "Extreme weather"]


def test_wordpress_categories_are_cleaned(wordpress):
    # "Uncategorized" says there is no category; "  Infrastructure  " and "infrastructure" are one tag;
    # "#RiverWend" is a hashtag; the 79-character one is over the 60-character limit of a tag
    assert wordpress[0].tags == ["Local Politics", "Infrastructure", "RiverWend"]


def test_at_most_fifteen_tags_are_kept(wordpress):
    assert wordpress[1].tags == ["Education", *(f"Tag{n:02d}" for n in range(1, 15))]


def test_atom_category_label_else_term_and_no_uri_terms():
    [entry] = drafts_of(OBSERVATORY)
    assert entry.tags == ["Astronomie", "Kometen"]


def test_dc_subject_and_media_keywords_are_tags():
    feed = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
      xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
      <item><title>Gas prices fall</title><link>https://x.example/1</link><dc:subject>Energy</dc:subject>
      <media:keywords>gas, pipelines , Baltic Sea, energy</media:keywords></item></channel></rss>"""
    _, [entry] = parse_feed(feed)
    assert entry.draft is not None and entry.draft.tags == ["Energy", "gas", "pipelines", "Baltic Sea"]


@pytest.mark.parametrize(
    "written, kept",
    [
        (["World/Europe"], ["Europe"]),
        (["News > Politics", "politics"], ["Politics"]),
        (["Arts » Cinema"], ["Cinema"]),
        (["9/11"], ["9/11"]),  # no words on both sides: not a path
        (["  Climate\n  change "], ["Climate change"]),
        (["Uncategorised", "Non classé", "Allgemein"], []),
        (["<b>Bold</b>", "---", "", "#"], ["Bold"]),  # markup is no part of a name; no letters: dropped
        (["Politics>Europe"], ["Politics>Europe"]),  # a path's '>' has spaces around it
        (["x" * 61, "y" * 60], ["y" * 60]),
        (["Café", "CAFÉ", "cafe"], ["Café", "cafe"]),  # compared as the site compares tags: case-insensitively
    ],
)
def test_clean_tags(written, kept):
    assert clean_tags(written) == kept


def test_media_description_is_the_image_alt_not_the_body(media_rss):
    # feedparser reads <media:description> as the entry's content (kurtmckee/feedparser#53):
    # the photo caption replaced the article text
    doha = media_rss[0]
    assert doha.body.startswith("Negotiators from both sides arrived in Qatar on Wednesday for a new round")
    assert doha.summary is None
    assert doha.image == "https://static.harbourtimes.example/images/2025/03/12/multimedia/12doha-talks-superJumbo.jpg"
    assert doha.image_alt == "Trucks carrying flour and medical supplies lined up near the crossing on Tuesday."
    assert doha.notes == []


def test_widest_media_image_with_its_own_description(media_rss):
    floods = media_rss[1]
    assert floods.body == "Rivers burst their banks after three days of heavy rain in Emilia-Romagna."
    # the widest picture: not the thumbnail, not the video
    assert floods.image == "https://static.harbourtimes.example/images/2025/03/11/italy-floods-large.jpg"
    assert floods.image_alt == "Residents were evacuated by boat from a flooded street in Faenza on Monday."


def test_image_enclosure_is_upgraded_to_https_and_described_by_the_title(media_rss):
    bank = media_rss[2]
    assert bank.image == "https://static.harbourtimes.example/images/2025/03/10/bank-facade.jpg"
    assert bank.image_alt == "Central Bank Holds Rates, Signals Cuts Later in the Year"
    assert bank.notes == ["image_alt: the feed describes no image; the title is used"]


def test_audio_enclosure_is_no_image_but_the_thumbnail_is(media_rss):
    podcast = media_rss[3]
    assert podcast.image == "https://static.harbourtimes.example/images/2025/03/09/podcast-tile.jpg"


def test_atom_image_enclosure_with_its_title_as_alt():
    [entry] = drafts_of(OBSERVATORY)
    assert entry.image == "https://sternwarte.example/bilder/komet.jpg"  # the enclosure, not the small thumbnail
    assert entry.image_alt == "Der Komet über dem Observatorium"


def test_image_inside_the_content_and_no_tracking_pixel(wordpress):
    bridge, school = wordpress
    assert bridge.image == "https://valleycourier.example/wp-content/uploads/2025/03/wend-bridge-1024x576.jpg"
    assert bridge.image_alt == "An artist’s impression of the new bridge over the Wend"
    # a relative src is resolved against the entry's link; alt="" describes nothing: the title is used
    assert school.image == "https://valleycourier.example/wp-content/uploads/2025/03/school-roof.jpg"
    assert school.image_alt == "School Reopens After Storm Repairs"


def test_entry_without_any_image_has_none(rss):
    assert {d.image for d in rss[1]} == {None}
    assert {d.image_alt for d in rss[1]} == {None}


def test_wordpress_excerpt_is_no_summary_and_the_post_appeared_line_is_dropped():
    feed = b"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
      <channel><title>Valley Courier</title><item><title>Library Extends Opening Hours</title>
      <link>https://valleycourier.example/2025/03/library/</link>
      <description><![CDATA[The town library will open until 9pm on weekdays from April,
      the council said. [&#8230;]]]></description>
      <content:encoded><![CDATA[<p>The town library will open until 9pm on weekdays from April,
      the council said on Monday.</p>
      <p>Saturday hours are unchanged.</p>
      <p>The post <a href="https://valleycourier.example/2025/03/library/">Library Extends Opening Hours</a>
      appeared first on <a href="https://valleycourier.example">Valley Courier</a>.</p>]]></content:encoded>
      </item></channel></rss>"""
    _, [entry] = parse_feed(feed)
    assert entry.draft is not None
    assert entry.draft.summary is None
    assert entry.draft.body.split("\n\n") == [
        "The town library will open until 9pm on weekdays from April, the council said on Monday.",
        "Saturday hours are unchanged.",
    ]


def test_feed_title_with_a_section_gives_the_outlet_as_source():
    title, _ = parse_feed(MEDIA_RSS.read_bytes())
    assert title == "The Harbour Times"


def test_feed_that_is_not_well_formed_xml_still_gives_tags_and_images():
    # feedparser's lenient parser reads it; the Media RSS elements cannot be read apart from it
    feed = b"""<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
      <title>Loose &amp; Co</title><item><title>Bridge reopens & traffic returns</title>
      <link>https://loose.example/bridge</link><category>Transport</category>
      <media:content url="https://loose.example/bridge.jpg" medium="image"/>
      <description>The bridge reopened on Monday.</description></item></channel></rss>"""
    _, [entry] = parse_feed(feed)
    assert entry.draft is not None
    assert entry.draft.tags == ["Transport"]
    assert entry.draft.image == "https://loose.example/bridge.jpg"
    assert entry.draft.image_alt == "Bridge reopens & traffic returns"


def test_imported_feed_writes_tags_and_image(tmp_path):
    site = import_site(tmp_path / "site")
    result = site.run_import(MEDIA_RSS, "--topic", "politics")
    assert result.exit_code == 0, result.output
    floods_path = site.content / "2025/03/2025-03-11-flooding-forces-thousands-from-their-homes-in-northern-italy.md"
    floods = site.post(floods_path)
    assert floods["tags"] == ["Europe", "Italy", "Floods", "Extreme weather"]
    assert floods["image"] == "https://static.harbourtimes.example/images/2025/03/11/italy-floods-large.jpg"
    assert floods["image_alt"] == "Residents were evacuated by boat from a flooded street in Faenza on Monday."
    assert floods["source"] == "The Harbour Times"
    text = floods_path.read_text(encoding="utf-8")
    assert text.index("source_url:") < text.index("image:") < text.index("image_alt:") < text.index("tags:")
    by_title = {a.title: a for a in assert_loads_cleanly(site).articles}
    assert by_title["Central Bank Holds Rates, Signals Cuts Later in the Year"].image == (
        "https://static.harbourtimes.example/images/2025/03/10/bank-facade.jpg"
    )


def test_entry_whose_only_text_is_its_media_description_keeps_it_as_text():
    # some outlets put the entry's summary in an item-level <media:description>, with no <description>
    feed = """<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
      <title>Diario Sur</title><item><title>El Gobierno aprueba el presupuesto</title>
      <link>https://diariosur.example/2025/03/presupuesto</link>
      <media:description type="plain">El Consejo de Ministros aprobó el martes el proyecto de presupuestos.
      </media:description>
      <media:content url="https://diariosur.example/img/consejo.jpg" medium="image"/></item></channel></rss>"""
    _, [entry] = parse_feed(feed.encode())
    assert entry.draft is not None
    assert entry.draft.body == "El Consejo de Ministros aprobó el martes el proyecto de presupuestos."
    assert entry.draft.image == "https://diariosur.example/img/consejo.jpg"
    assert entry.draft.image_alt == "El Gobierno aprueba el presupuesto"  # the description was the text, not the alt


def test_photo_title_is_not_the_entry_title():
    feed = b"""<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
      <title>T</title><item><link>https://x.example/1</link>
      <media:content url="https://x.example/p.jpg" medium="image">
      <media:title>DSC_0042.jpg</media:title></media:content>
      <description>Some text.</description></item></channel></rss>"""
    _, [entry] = parse_feed(feed)
    assert entry.draft is None and entry.error == "the entry has no title"
