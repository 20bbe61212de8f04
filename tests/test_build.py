"""Integration: build fixture sites with the real command line and MkDocs, then read the HTML."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from helpers import FixtureSite, read_page, write_site


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def text_of(html: str) -> str:
    """The visible text of the page's main content, entities decoded."""
    start = html.index('<article class="md-content__inner')
    main = html[start : html.index("</article>", start)]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A three-day site with every page kind filled, built once for the module."""
    site = write_site(tmp_path_factory.mktemp("news"))
    site.write_article(
        "2024/11/2024-11-25-troops.md",
        "Troop **talks** resume.\n\nSecond paragraph.",
        title="Troops talks resume",
        date="2024-11-25 08:30",
        topic="defence",
        priority=1,
        tags=["NATO", "Ukraine"],
        source="Example Wire",
        source_url="https://example.org/troops",
    )
    site.write_article(
        "2024/11/2024-11-25-budget.md",
        title="Budget vote delayed",
        date="2024-11-25 10:00",
        topic="politics",
        tags=["France"],
    )
    site.write_article(
        "2024/11/2024-11-25-drill.md",
        title="Naval drill ends",
        date="2024-11-25 07:00",
        topic="defence",
        tags=["nato"],
    )
    site.write_article(
        "2024/11/2024-11-25-minor.md", title="Minor note", date="2024-11-25 12:00", topic="defence", priority=3
    )
    site.write_article(
        "2024/11/2024-11-24-rates.md",
        title="Rates on hold",
        date="2024-11-24",
        topic="economy",
        tags=["Inflation"],
    )
    site.write_article(
        "2024/11/2024-11-23-late.md",
        title="Late night summit",
        date="2024-11-23T23:30:00+00:00",
        topic="politics",
        tags=["NATO"],
    )
    site.write_article("2024/11/draft.md", title="Secret draft", date="2024-11-25 09:00", topic="defence", draft=True)
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    return site.root


def test_every_generated_page_kind_exists_at_its_spec_url(news_site: Path) -> None:
    site = news_site / "site"
    for url in [
        "/",
        "/briefings/2024/11/25/",
        "/briefings/2024/11/24/",
        "/articles/2024/11/25/troops/",
        "/topics/defence/",
        "/tags/",
        "/tags/nato/",
        "/archive/",
        "/topics/",
    ]:
        assert (site / url.strip("/") / "index.html").is_file(), url


def test_late_utc_article_lands_on_the_next_paris_day(news_site: Path) -> None:
    assert (news_site / "site/articles/2024/11/24/late/index.html").is_file()
    assert "Late night summit" in read_page(news_site / "site", "/briefings/2024/11/24/")


def test_briefing_shows_top_stories_then_sections_in_order(news_site: Path) -> None:
    html = read_page(news_site / "site", "/briefings/2024/11/25/")
    text = text_of(re.sub(r'<nav class="bf-jump".*?</nav>', "", html, flags=re.S))  # the jump bar names every section
    assert text.index("Top stories") < text.index("Troops talks resume") < text.index("Defence & Security")
    assert (
        text.index("Defence & Security")
        < text.index("Naval drill ends")
        < text.index("Minor note")
        < text.index("Politics")
        < text.index("Budget vote delayed")
    )
    assert text.count("Troops talks resume") == 1  # a top story is not repeated in its section
    assert 'href="../../../../articles/2024/11/25/troops/"' in html
    assert 'href="https://example.org/troops"' in html and "Example Wire" in html
    assert "08:30" in text
    assert "Secret draft" not in html


def test_each_article_appears_on_its_topic_and_tag_pages(news_site: Path) -> None:
    site = news_site / "site"
    assert "Troops talks resume" in read_page(site, "/topics/defence/")
    assert "Budget vote delayed" not in read_page(site, "/topics/defence/")
    nato = read_page(site, "/tags/nato/")
    assert all(t in nato for t in ("Troops talks resume", "Naval drill ends", "Late night summit"))
    assert "Budget vote delayed" not in nato
    tags = text_of(read_page(site, "/tags/"))
    assert re.search(r"NATO 3", tags)


def test_article_page_links_back_to_briefing_and_topic_and_related(news_site: Path) -> None:
    html = read_page(news_site / "site", "/articles/2024/11/25/troops/")
    assert "<strong>talks</strong>" in html
    assert 'href="../../../../../briefings/2024/11/25/"' in html
    assert 'href="../../../../../topics/defence/"' in html
    assert "Related articles" in html and "Naval drill ends" in html


def test_home_shows_latest_briefing_and_links_to_earlier_ones_and_topics(news_site: Path) -> None:
    html = read_page(news_site / "site", "/")
    assert "Monday 25 November 2024" in html
    assert "Troops talks resume" in html
    assert 'href="briefings/2024/11/24/"' in html
    assert 'href="topics/economy/"' in html


def test_archive_counts_articles_per_month(news_site: Path) -> None:
    text = text_of(read_page(news_site / "site", "/archive/"))
    assert "November 2024 6 articles" in text


def test_navigation_stays_small_and_lists_no_article(news_site: Path) -> None:
    html = read_page(news_site / "site", "/articles/2024/11/25/troops/")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "articles/" not in nav and "briefings/2024" not in nav
    assert all(title in nav for title in ("Latest", "Archive", "Topics", "Tags", "About"))


def test_nothing_generated_is_written_into_content(news_site: Path) -> None:
    files = sorted(p.name for p in (news_site / "content").rglob("*") if p.is_file())
    assert all(name.endswith(".md") for name in files) and len(files) == 7


def test_drafts_are_published_only_with_the_drafts_flag(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    site.write_article("a.md", title="Public", date="2024-11-25", topic="politics")
    site.write_article(
        "b.md", title="Unfinished", date="2024-11-25", topic="politics", draft=True, slug="a"
    )  # collides only if published
    assert site.briefings("build").exit_code == 0
    assert "Unfinished" not in read_page(site.root / "site", "/")
    result = site.briefings("build", "--drafts")
    assert result.exit_code == 1 and "same URL" in result.stdout


def test_front_matter_text_is_escaped_everywhere(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site(topics={"politics": "Politics <b>&</b>"})
    site.write_article(
        "x.md",
        "Body.",
        title="<script>alert(1)</script> [x](javascript:alert(1))",
        date="2024-11-25",
        topic="politics",
        source="<i>Wire</i>",
        tags=["<b>tag</b>"],
        summary="**not bold** <img src=x onerror=alert(1)>",
    )
    assert site.briefings("build").exit_code == 0
    for url in ["/", "/briefings/2024/11/25/", "/articles/2024/11/25/x/", "/topics/politics/", "/tags/b-tag-b/"]:
        html = read_page(site.root / "site", url)
        assert "<script>alert(1)</script>" not in html, url
        assert 'href="javascript:' not in html and "<img src=x" not in html and "<i>Wire</i>" not in html, url
    article = read_page(site.root / "site", "/articles/2024/11/25/x/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))" in article
    assert "**not bold**" in article
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) - Fixture Briefing</title>" in article
    assert 'content="**not bold** &lt;img src=x onerror=alert(1)&gt;"' in article


def test_two_builds_are_byte_identical(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    site.write_article("a.md", title="One", date="2024-11-25 10:00", topic="politics", tags=["EU"])
    site.write_article("b.md", title="Two", date="2024-11-20", topic="economy")
    assert site.briefings("build", "-d", "first").exit_code == 0
    assert site.briefings("build", "-d", "second").exit_code == 0
    first, second = tree_digest(site.root / "first"), tree_digest(site.root / "second")
    # Pagefind writes its filter and metadata indexes in hash-map order (its own issue #638), so
    # those file names vary; the pages, feeds, sitemap and the search fragments must not.
    unstable = ("pagefind/filter/", "pagefind/pagefind-entry.json", "pagefind/pagefind.en_")
    assert {k: v for k, v in first.items() if not k.startswith(unstable)} == {
        k: v for k, v in second.items() if not k.startswith(unstable)
    }
    assert any(k.startswith("pagefind/fragment/") for k in first)
    sitemap = (site.root / "first" / "sitemap.xml").read_text()
    assert "<lastmod>2024-11-25</lastmod>" in sitemap and "<lastmod>2024-11-20</lastmod>" in sitemap


@pytest.mark.parametrize("command", ["briefings", "mkdocs"])
def test_bad_article_fails_the_build_and_keeps_previous_site_and_content(
    make_site: Callable[..., FixtureSite], command: str
) -> None:
    site = make_site()
    site.write_article("good.md", title="Good", date="2024-11-25", topic="politics")
    assert site.briefings("build").exit_code == 0
    before = tree_digest(site.root / "site")
    bad = site.content / "bad.md"
    bad.write_text("---\ntitle: Bad\ndate: someday\ntopic: politics\n---\n", encoding="utf-8")
    content_before = tree_digest(site.content)
    result = site.briefings("build") if command == "briefings" else site.mkdocs("build")
    assert result.exit_code != 0
    assert "content/bad.md:3: error:" in result.output
    assert "Traceback" not in result.output
    assert tree_digest(site.root / "site") == before
    assert tree_digest(site.content) == content_before
    assert not list(site.root.glob(".briefings-*"))


@pytest.mark.parametrize("command", ["briefings", "mkdocs"])
def test_strict_build_fails_on_an_unknown_field_warning(make_site: Callable[..., FixtureSite], command: str) -> None:
    site = make_site()
    site.write_article("a.md", title="A", date="2024-11-25", topic="politics", titel="typo")
    run = site.briefings if command == "briefings" else site.mkdocs
    assert run("build").exit_code == 0
    result = run("build", "--strict", "-d", "strict-site")
    assert result.exit_code != 0
    assert "unknown field 'titel'" in result.output
    assert not (site.root / "strict-site").exists()


def test_docs_page_colliding_with_a_generated_page_is_an_error_naming_both(
    make_site: Callable[..., FixtureSite],
) -> None:
    site = make_site()
    site.write_article("a.md", title="A", date="2024-11-25", topic="politics")
    (site.root / "docs" / "archive.md").write_text("# My archive\n", encoding="utf-8")
    result = site.briefings("build")
    assert result.exit_code != 0
    output = result.output
    assert "docs/archive.md" in output and "/archive/" in output and "Archive" in output


def test_week_period_builds_iso_week_urls(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site(period="week")
    site.write_article("a.md", title="Year end", date="2024-12-30 10:00", topic="politics")
    site.write_article("b.md", title="Late November", date="2024-11-25 10:00", topic="politics")
    assert site.briefings("build").exit_code == 0
    assert "Year end" in read_page(site.root / "site", "/briefings/2025/w01/")
    assert "Late November" in read_page(site.root / "site", "/briefings/2024/w48/")
