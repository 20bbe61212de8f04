"""The article page's header: one meta line (source · day, time and zone · reading time · curator).

Rendered with the Renderer directly (no MkDocs), except one build that checks the
page's ``<meta name="author">``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import FixtureSite, read_page

from briefings.group import group_articles
from briefings.model import Article, SiteSettings, Topic
from briefings.render import RenderedPage, Renderer, reading_minutes

PARIS = ZoneInfo("Europe/Paris")
SEPARATOR = '&nbsp;<span class="bf-sep" aria-hidden="true">·</span> '


def article(
    body: str = "Short text.",
    author: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
    has_time: bool = True,
) -> Article:
    return Article(
        path="content/a.md",
        source_path=Path("content/a.md"),
        title="Wetland restored",
        published=dt.datetime(2024, 11, 22, 13, 30, tzinfo=PARIS),
        has_time=has_time,
        topic="climate",
        summary="",
        body=body,
        slug="wetland-restored",
        source=source,
        source_url=source_url,
        author=author,
    )


def render(item: Article, renderer_setup: Callable[[Renderer], None] | None = None) -> RenderedPage:
    settings = SiteSettings(
        root=Path("."), content_dir=Path("content"), timezone=PARIS, topics=(Topic("climate", "Climate"),)
    )
    renderer = Renderer(group_articles([item], settings))
    if renderer_setup is not None:
        renderer_setup(renderer)
    return renderer.article(item)


def byline(page: RenderedPage) -> str:
    """The inner HTML of the header's meta line."""
    found = re.search(r'<p class="bf-byline">(.*?)</p>', page.fragments[0], re.DOTALL)
    assert found, page.fragments[0]
    return found.group(1)


def words(count: int) -> str:
    return " ".join(["word"] * count)


@pytest.mark.parametrize(
    ("body", "minutes"),
    [
        ("", 1),  # at least a minute
        (words(100), 1),
        (words(329), 1),  # 1.495 minutes at 220 words a minute: rounded down
        (words(330), 2),  # 1.5: rounded up
        (words(880), 4),
        ("水" * 1000, 2),  # Chinese, no spaces: 500 characters a minute
        (words(440) + " " + "日本語" * 250, 4),  # mixed: 2 minutes of words, 750 characters
    ],
)
def test_reading_time_is_words_at_220_a_minute_rounded_and_at_least_one(body: str, minutes: int) -> None:
    assert reading_minutes(body) == minutes


def test_the_meta_line_shows_source_day_time_with_zone_reading_time_and_curator_in_that_order() -> None:
    page = render(article(words(880), author="Anna Keller", source="Example Wire", source_url="https://example.org/a"))
    parts = byline(page).split(SEPARATOR)

    assert len(parts) == 4
    assert parts[0] == '<a class="bf-source" href="https://example.org/a" rel="noopener">Example Wire</a>'
    assert parts[1] == '<time datetime="2024-11-22T13:30:00+01:00">Friday 22 November 2024, 13:30 CET</time>'
    assert parts[2] == '<span class="bf-reading-time">4 min read</span>'
    assert parts[3] == '<span class="bf-author">Curated by Anna Keller</span>'
    assert page.meta["author"] == "Anna Keller"


def test_missing_fields_leave_no_empty_part_and_no_stray_separator() -> None:
    page = render(article(has_time=False))
    line = byline(page)

    assert line.split(SEPARATOR) == [
        '<time datetime="2024-11-22T13:30:00+01:00">Friday 22 November 2024</time>',  # a date without a time
        '<span class="bf-reading-time">1 min read</span>',
    ]
    assert "bf-author" not in page.fragments[0] and "Curated by" not in page.fragments[0]
    assert "author" not in page.meta


def test_the_curator_is_text_in_the_line_and_in_the_page_meta() -> None:
    page = render(article(author='<b>Eve</b> & "Co"'))
    line = byline(page)

    assert "<b>" not in line
    assert "Curated by &lt;b&gt;Eve&lt;/b&gt; &amp; &#34;Co&#34;" in line
    assert page.meta["author"] == "&lt;b&gt;Eve&lt;/b&gt; &amp; &#34;Co&#34;"  # Material prints meta as it is


class Forms:
    """A catalogue whose singular and plural differ, as in most languages other than English."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        if singular == "%(num)d min read":
            return "%(num)d minute" if count == 1 else "%(num)d minutes"
        return singular if count == 1 else plural


def install_forms(renderer: Renderer) -> None:
    renderer.env.install_gettext_translations(Forms(), newstyle=True)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("body", "expected"), [(words(200), "1 minute"), (words(700), "3 minutes")])
def test_the_reading_time_goes_through_the_catalogue_with_its_plural(body: str, expected: str) -> None:
    page = render(article(body), install_forms)
    assert f'<span class="bf-reading-time">{expected}</span>' in byline(page)


def test_a_built_article_page_names_its_curator_in_meta_author_and_its_related_articles(
    make_site: Callable[..., FixtureSite],
) -> None:
    site = make_site(topics={"climate": "Climate", "economy": "Economy"})
    site.write_article(
        "wetland.md", words(500), title="Wetland restored", date="2024-11-22 13:30", topic="climate",
        tags=["Wetlands"], author="Anna Keller",
    )  # fmt: skip
    site.write_article(
        "river.md", "Text.", title="River meadows rewetted", date="2024-11-24 09:00", topic="climate",
        tags=["Wetlands"],
    )  # fmt: skip
    for n in range(8):
        site.write_article(f"m{n}.md", "Text.", title=f"Markets day {n}", date=f"2024-11-1{n} 09:00", topic="economy")
    result = site.briefings("build", "-d", "out")
    assert result.exit_code == 0, result.output

    html = read_page(site.root / "out", "articles/2024/11/22/wetland/")
    assert '<meta name="author" content="Anna Keller">' in html
    assert '<span class="bf-reading-time">2 min read</span>' in html
    related = html[html.index('id="related-articles"') :]
    assert "River meadows rewetted" in related and "Markets day" not in related
