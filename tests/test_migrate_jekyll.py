"""``briefings import --from jekyll``: a Jekyll site's posts become articles whose old URLs redirect.

The fixture (``tests/fixtures/migrate/jekyll/``) is a small Jekyll 4 site with the
odd cases real ones have: a post without front matter, one with empty front
matter, categories as a list, a string and a folder (``economy/_posts/``), a
nested post folder, dates with an offset, as text in the site's time zone and as
an unquoted YAML timestamp (UTC to Jekyll), front matter defaults, a per-post
permalink, drafts (``published: false`` and ``_drafts/``), an HTML post, a
Textile post, Liquid tags, pictures and links to other posts.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import frontmatter
import pytest
import yaml
from import_helpers import ImportSite, import_site

from briefings.importers.sites.slugs import jekyll_slugify, titleize_slug
from briefings.redirects import alias_file

FIXTURE = Path(__file__).parent / "fixtures" / "migrate" / "jekyll"
COUNCIL = "content/2019/03/2019-03-05-council-delays-the-budget-vote-what-happens-next.md"


@pytest.fixture
def site(tmp_path: Path) -> ImportSite:
    return import_site(tmp_path / "site")


def migrate(site: ImportSite, folder: Path = FIXTURE, *args: str):
    return site.run_import("--from", "jekyll", folder, "--topic", "politics", *args)


def by_old_url(site: ImportSite) -> dict[str, frontmatter.Post]:
    """Every written article, by its first old URL (drafts from _drafts/ have none: by title)."""
    found: dict[str, frontmatter.Post] = {}
    for path in site.files():
        post = site.post(path)
        key = post["aliases"][0] if post.get("aliases") else post["title"]
        found[key] = post
    return found


def copy_fixture(tmp_path: Path, config_changes: dict[str, object] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """The fixture in a folder of its own, with ``_config.yml`` changed (None removes a key)."""
    folder = tmp_path / "old-site"
    shutil.copytree(FIXTURE, folder)
    config = yaml.safe_load((folder / "_config.yml").read_text(encoding="utf-8"))
    for key, value in (config_changes or {}).items():
        if value is None:
            config.pop(key, None)
        else:
            config[key] = value
    for name in drop:
        config.pop(name, None)
    (folder / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder


def test_every_post_is_imported_or_skipped_with_its_title_date_and_old_url(site):
    result = migrate(site)
    assert result.exit_code == 0, result.output
    posts = by_old_url(site)
    assert sorted(posts) == [
        "2019/03/01/first-week-at-the-harbour.html",
        "2019/03/08/empty-front-matter.html",
        "2019/04/15/brief-harbour-crane.html",
        "Ideas for the harbour festival",
        "economy/markets/2019/04/01/port-fees-rise.html",
        "politics/2019/03/05/council-delays-budget-vote.html",
        "politics/2019/03/20/what-the-plugins-did.html",
        "politics/2019/06/01/unpublished-interview.html",
        "politics/2019/07/04/fireworks-on-the-quay.html",
        "rates-and-the-fleet/",
        "transport%20news/2019/03/10/Ferry-Timetable-Changes.html",
    ]
    # no front matter at all: the title is Jekyll's, from the file name; the date is the file name's
    first = posts["2019/03/01/first-week-at-the-harbour.html"]
    assert (first["title"], first["date"], first["topic"]) == (
        "First Week At The Harbour",
        dt.date(2019, 3, 1),
        "politics",
    )
    assert posts["2019/03/08/empty-front-matter.html"]["title"] == "Empty Front Matter"
    # a date with its own offset is kept; the URL has its day in the site's time zone (New York)
    council = posts["politics/2019/03/05/council-delays-budget-vote.html"]
    assert council["date"] == "2019-03-05T22:30:00+01:00"
    assert (council["author"], council["tags"]) == ("María López", ["budget", "council"])
    assert council["summary"] == (
        "The town council postponed Tuesday's budget vote after a six-hour session."
        " Councillors could not agree on the harbour maintenance fund."
    )
    # an unquoted YAML timestamp is UTC to Jekyll: 01:30 UTC is the evening before in New York
    fees = posts["economy/markets/2019/04/01/port-fees-rise.html"]
    assert fees["date"] == "2019-04-02T01:30:00+00:00"
    assert (fees["topic"], fees["tags"]) == ("economy", ["markets"])  # a category string split at spaces
    # text without an offset is in the site's timezone: -04:00 on 10 March 2019 (DST began that night)
    ferry = posts["transport%20news/2019/03/10/Ferry-Timetable-Changes.html"]
    assert (ferry["title"], ferry["date"]) == ("Ferry Timetable Changes", "2019-03-10T09:15:00-04:00")
    assert ferry["tags"] == ["Transport News"]  # the singular `category`, not split
    # front matter defaults: the _posts/briefs/ scope gives the author
    assert posts["2019/04/15/brief-harbour-crane.html"]["author"] == "The Harbour Desk"
    # the category folder economy/_posts/ and a per-post permalink
    rates = posts["rates-and-the-fleet/"]
    assert (rates["topic"], rates["tags"]) == ("economy", ["loans", "fishing fleet"])
    # drafts: published: false keeps its old URL; a _drafts/ post never had one
    assert posts["politics/2019/06/01/unpublished-interview.html"]["draft"] is True
    festival = posts["Ideas for the harbour festival"]
    assert festival["draft"] is True and "aliases" not in festival
    # skipped, with their reasons
    output = result.output
    assert f"{FIXTURE}/_posts/2018-12-24-winter-notes.textile: skipped (Textile is not converted" in output
    assert (
        f"{FIXTURE}/_posts/README.md: skipped (not a post to Jekyll: the file name does not start with a date" in output
    )
    first_post = f"{FIXTURE}/_posts/2019-03-01-first-week-at-the-harbour.markdown"
    assert f"{first_post}:1: warning: no title: 'First Week At The Harbour'" in output
    assert result.lines[-1].startswith("11 imported, 2 skipped (1 format not converted, 1 not a post), ")


def test_the_written_articles_pass_briefings_check(site):
    assert migrate(site).exit_code == 0
    check = site.briefings("check")
    assert check.exit_code == 0, check.output
    assert check.lines[-1] == "9 articles, 0 errors, 0 warnings"  # 11 written, 2 of them drafts
    built = {a.title: a for a in site.load().all_articles}
    assert built["Council delays the budget vote: what happens next?"].aliases == (
        "politics/2019/03/05/council-delays-budget-vote.html",
    )


def test_liquid_is_converted_or_reported_with_its_line(site):
    result = migrate(site)
    body = site.post(site.root / "content/2019/03/2019-03-20-what-the-plugins-did.md").content
    assert "[TOC]" in body and "{:toc}" not in body  # kramdown's table of contents
    assert "[Video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert "Liquid looks like {{ page.title }} and stays as written here." in body  # {% raw %}
    assert "mayor" not in body  # {% comment %} is dropped
    assert "- the harbour budget\n    - maintenance\n    - dredging\n- the ferry contract" in body  # 2 spaces → 4
    assert "points:\n\n- the harbour budget" in body  # a list right after a paragraph line
    assert "<del>Cancelled</del> postponed" in body
    assert "Posted on Harbour Town Field Notes." in body  # {{ site.title }}
    assert '{% include callout.html text="Polls close at 8pm" %}' in body  # kept as written…
    line = f"{FIXTURE}/_posts/2019-03-20-what-the-plugins-did.md:14: warning: Liquid {{% include callout.html"
    assert line in result.output  # …and reported at its line
    council = site.post(site.root / COUNCIL).content
    assert (
        '```python\nseats = {"harbour": 5, "green": 3}\nprint(sum(seats.values()))\n```' in council
    )  # {% highlight %}


def test_pictures_and_files_are_copied_and_links_rewritten(site):
    result = migrate(site)
    folder = site.root / COUNCIL.removesuffix(".md")
    for name in ("council-chart.png", "budget-2019.pdf", "ferry.png"):
        original = next(FIXTURE.rglob(name))
        assert (folder / name).read_bytes() == original.read_bytes()
    council = site.post(site.root / COUNCIL)
    stem = folder.name
    assert f"![Council seats by party]({stem}/council-chart.png)" in council.content  # {{ site.baseurl }}/…
    assert f"[full draft budget]({stem}/budget-2019.pdf)" in council.content  # {{ '…' | relative_url }}
    assert "[first notes](2019-03-01-first-week-at-the-harbour.md)" in council.content  # {% post_url %}
    assert (council["image"], council["image_alt"]) == (f"{stem}/ferry.png", council["title"])
    # a missing picture is kept as written and reported with its line
    assert "![map](/assets/img/missing-map.png)" in council.content
    missing = (
        f"{FIXTURE}/_posts/2019-03-05-council-delays-budget-vote.md:26: warning: links to /assets/img/missing-map.png"
    )
    assert missing in result.output
    # a page of the old site that is not a post: a link to it on the old site, said
    assert "More [about this site](https://notes.example.org/field-notes/about/) and the" in council.content
    assert "[newsroom](https://notes.example.org/field-notes/newsroom.html)" in council.content
    about = (
        f"{FIXTURE}/_posts/2019-03-05-council-delays-budget-vote.md:28: warning: links to /about/, a page of the old"
    )
    assert f"{about} site that is not imported: now https://notes.example.org/field-notes/about/" in result.output
    # a link to another post's old URL (with the old baseurl) now leads to its new file
    rates = site.post(site.root / "content/2019/05/2019-05-10-interest-rates-and-the-fishing-fleet.md")
    assert "[port fees story](../04/2019-04-02-port-fees-rise-for-the-first-time-in-ten-years.md)" in rates.content
    # an HTML post keeps its HTML, with its picture copied
    fireworks = site.post(site.root / "content/2019/07/2019-07-05-fireworks-on-the-quay.md")
    assert '<img src="2019-07-05-fireworks-on-the-quay/ferry.png" alt="The ferry lit up">' in fireworks.content
    # the build finds every file the articles link to
    assert [p.format() for p in site.load().problems] == []


def test_dry_run_reports_everything_and_writes_nothing(site):
    result = migrate(site, FIXTURE, "--dry-run")
    assert result.exit_code == 0, result.output
    assert site.files() == [] and list(site.content.iterdir()) == []
    assert f"{FIXTURE}/_posts/2019-03-05-council-delays-budget-vote.md: would be imported → {COUNCIL}" in result.output
    assert "3 files to copy" in result.output
    assert "dry run: nothing was written" in result.output
    assert result.lines[-1].startswith("11 would be imported, 2 skipped")


def test_a_second_run_skips_every_post_as_a_duplicate_and_changes_nothing(site):
    assert migrate(site).exit_code == 0
    before = {p: p.read_bytes() for p in site.content.rglob("*") if p.is_file()}
    again = migrate(site)
    assert again.exit_code == 0, again.output
    assert again.lines[-1] == "0 imported, 13 skipped (11 duplicates, 1 format not converted, 1 not a post), 0 warnings"
    assert f"skipped (duplicate of {COUNCIL})" in again.output
    assert {p: p.read_bytes() for p in site.content.rglob("*") if p.is_file()} == before


def test_nothing_is_overwritten_an_existing_file_and_picture_keep_their_bytes(site):
    taken = site.root / COUNCIL
    taken.parent.mkdir(parents=True)
    taken.write_text("---\ntitle: Another story\ndate: 2019-03-05\ntopic: politics\n---\nMine.\n", encoding="utf-8")
    picture = site.root / COUNCIL.removesuffix(".md") / "council-chart.png"
    picture.parent.mkdir()
    picture.write_bytes(b"someone else's chart")
    assert migrate(site).exit_code == 0
    assert taken.read_text(encoding="utf-8").endswith("Mine.\n") and picture.read_bytes() == b"someone else's chart"
    moved = site.post(site.root / COUNCIL.replace(".md", "-2.md"))
    assert moved["title"] == "Council delays the budget vote: what happens next?"
    assert "2019-03-05-council-delays-the-budget-vote-what-happens-next-2/council-chart.png" in moved.content


@pytest.mark.parametrize(
    ("permalink", "council", "fees"),
    [
        ("pretty", "politics/2019/03/05/council-delays-budget-vote/", "economy/markets/2019/04/01/port-fees-rise/"),
        (
            "ordinal",
            "politics/2019/064/council-delays-budget-vote.html",
            "economy/markets/2019/091/port-fees-rise.html",
        ),
        (
            "weekdate",
            "politics/2019/W10/Tue/council-delays-budget-vote.html",
            "economy/markets/2019/W14/Mon/port-fees-rise.html",
        ),
        ("none", "politics/council-delays-budget-vote.html", "economy/markets/port-fees-rise.html"),
        (
            "/:year/:i_month/:i_day/:short_year/:hour:minute:second/:slug",
            "2019/3/5/19/163000/council-delays-budget-vote",
            "2019/4/1/19/213000/port-fees-rise",
        ),
        (
            "/blog/:slugified_categories/:name:output_ext",
            "blog/politics/2019-03-05-council-delays-budget-vote.html",
            None,
        ),
    ],
)
def test_permalink_styles_and_patterns_give_jekylls_urls(site, tmp_path, permalink, council, fees):
    folder = copy_fixture(tmp_path, {"permalink": permalink})
    assert migrate(site, folder).exit_code == 0
    posts = by_old_url(site)
    assert council in posts
    if fees is not None:
        assert fees in posts


def test_without_a_timezone_the_site_was_built_in_utc(site, tmp_path):
    folder = copy_fixture(tmp_path, {"timezone": None})
    result = migrate(site, folder)
    assert "note: no timezone in _config.yml: the site is taken to have been built in UTC" in result.output
    posts = by_old_url(site)
    assert posts["economy/markets/2019/04/02/port-fees-rise.html"]["date"] == "2019-04-02T01:30:00+00:00"
    # text without an offset stays in the new site's time zone (Europe/Paris), as the old site showed it
    assert posts["transport%20news/2019/03/10/Ferry-Timetable-Changes.html"]["date"] == "2019-03-10T09:15:00+01:00"


def test_the_posts_collection_permalink_and_baseurl_are_used(site, tmp_path):
    folder = copy_fixture(tmp_path, {"collections": {"posts": {"permalink": "/news/:year/:month/:day/:title/"}}})
    assert migrate(site, folder).exit_code == 0
    assert "news/2019/03/05/council-delays-budget-vote/" in by_old_url(site)


def test_a_folder_with_a_jekyll_site_is_recognised_without_from(site):
    result = site.run_import(FIXTURE, "--topic", "politics", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.lines[0] == f"{FIXTURE}: a Jekyll site"
    assert result.lines[-1].startswith("11 would be imported")


def test_a_post_without_a_topic_fails_and_says_how_to_give_one(site):
    result = site.run_import("--from", "jekyll", FIXTURE, "--dry-run")
    assert result.exit_code == 1
    expected = (
        f"{FIXTURE}/_posts/briefs/2019-04-15-brief-harbour-crane.md: error: would be skipped (no topic:"
        " pass --topic KEY or --topic-map CATEGORY=KEY; topics: defence, politics, economy)"
    )
    assert expected in result.output
    ferry = "2019-03-10-Ferry-Timetable-Changes.md: error: would be skipped (no topic (its categories: Transport News)"
    assert ferry in result.output
    # a post whose text has a topic's keywords gets that topic ("budget" is one of politics')
    assert (
        "2019-03-08-empty-front-matter.md: would be imported → content/2019/03/2019-03-08-empty-front-matter.md"
        in result.output
    )
    assert result.lines[-1].startswith("9 would be imported, 4 skipped (2 no topic,")
    assert "Traceback" not in result.output


def test_topic_map_sends_a_category_to_a_topic_and_keeps_the_rest_as_tags(site):
    result = site.run_import(
        "--from",
        "jekyll",
        FIXTURE,
        "--topic-map",
        "transport news=economy",
        "--topic-map",
        "Politics=defence",
        "--topic",
        "politics",
    )
    assert result.exit_code == 0, result.output
    posts = by_old_url(site)
    assert posts["transport%20news/2019/03/10/Ferry-Timetable-Changes.html"]["topic"] == "economy"
    assert posts["politics/2019/03/05/council-delays-budget-vote.html"]["topic"] == "defence"
    assert "topic defence, from --topic-map Politics" in result.output


def test_categories_become_topics_when_the_site_discovers_them(tmp_path):
    site = import_site(tmp_path / "site", topics={})
    result = site.run_import("--from", "jekyll", FIXTURE, "--topic", "notes")
    assert result.exit_code == 0, result.output
    posts = by_old_url(site)
    assert posts["politics/2019/03/05/council-delays-budget-vote.html"]["topic"] == "politics"
    assert posts["transport%20news/2019/03/10/Ferry-Timetable-Changes.html"]["topic"] == "transport-news"
    assert posts["2019/03/08/empty-front-matter.html"]["topic"] == "notes"  # no category: --topic


def test_a_broken_front_matter_fails_with_its_line_and_the_rest_is_imported(site, tmp_path):
    folder = copy_fixture(tmp_path)
    (folder / "_posts" / "2019-05-01-broken.md").write_text(
        "---\ntitle: Broken\ndate: [2019\n---\nText.\n", encoding="utf-8"
    )
    result = migrate(site, folder)
    assert result.exit_code == 1
    assert (
        f"{folder}/_posts/2019-05-01-broken.md: error: skipped (line 4: the YAML front matter does not parse"
        in result.output
    )
    assert result.lines[-1].startswith("11 imported, 3 skipped (1 format not converted, 1 not a post, 1 unreadable)")


def test_jekyll_slugify_and_titleize_follow_jekyll():
    assert jekyll_slugify("The _config.yml file") == "the-config-yml-file"
    assert jekyll_slugify("The _config.yml file", "pretty") == "the-_config.yml-file"
    assert jekyll_slugify("The _config.yml file", "pretty", cased=True) == "The-_config.yml-file"
    assert jekyll_slugify("Café déjà vu!", "ascii") == "caf-d-j-vu"
    assert jekyll_slugify("Café déjà vu!", "latin") == "cafe-deja-vu"
    assert jekyll_slugify("Café  déjà vu!", "raw") == "café-déjà-vu!"
    assert jekyll_slugify("Привет, мир") == "привет-мир"
    assert titleize_slug("iOS-tips-for-2019") == "Ios Tips For 2019"


def test_the_built_site_redirects_every_old_url_and_publishes_the_pictures(site):
    assert migrate(site).exit_code == 0
    built = site.briefings("build")
    assert built.exit_code == 0, built.output
    out = site.root / "site"
    articles = {a.title: a for a in site.load().articles}
    council = articles["Council delays the budget vote: what happens next?"]
    stub = (out / "politics/2019/03/05/council-delays-budget-vote.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../../../../{council.url}">' in stub
    assert (out / "rates-and-the-fleet/index.html").is_file()
    for article in articles.values():
        for alias in article.aliases:
            assert (out / alias_file(alias)).is_file(), alias
    page = (out / council.url / "index.html").read_text(encoding="utf-8")
    assert (
        'src="../../../../../media/2019/03/2019-03-05-council-delays-the-budget-vote-what-happens-next/council-chart.png"'
        in page
    )
    assert (
        out / "media/2019/03/2019-03-05-council-delays-the-budget-vote-what-happens-next/council-chart.png"
    ).is_file()
