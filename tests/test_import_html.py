"""Saved web page import: metadata from the page's tags, main text without boilerplate, offline."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, assert_loads_cleanly, import_site

from briefings.importers import detect_kind, read_input
from briefings.importers.from_html import parse_html, strip_site_suffix
from briefings.importers.write import ImportFailure

PAGE = FIXTURES / "news-page.html"


@pytest.fixture(scope="module")
def draft():
    return parse_html(PAGE.read_text(encoding="utf-8"))


def test_metadata(draft):
    assert draft.title == "EU Agrees New Sanctions Package Against Russia"
    assert draft.source == "The Brussels Times"
    assert draft.author == "Helena Varga"
    assert draft.source_url == "https://www.brusselstimes.example/world/eu-sanctions-package"  # canonical, not og:url
    assert isinstance(draft.date, dt.datetime)
    assert draft.date.isoformat() == "2024-12-16T18:45:00+01:00"


def test_article_paragraphs_are_kept_as_markdown(draft):
    assert draft.body.startswith("European Union ambassadors on Monday approved a fifteenth package")
    assert "Hungary dropped its objection late on Sunday" in draft.body
    assert "## Pressure on the shadow fleet" in draft.body
    assert draft.body.rstrip().endswith("no effect on the Russian economy.")
    assert "\n\n" in draft.body


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookies",  # cookie banner
        "Accept all",
        "Subscribe now",  # navigation
        "ADVERTISEMENT",  # ads
        "Sponsored",
        "mortgage",
        "Sign up for our newsletter",  # newsletter prompt
        "Get the morning briefing",
        "Read more",  # related links
        "NATO leaders gather",
        "National rail strike",
        "All rights reserved",  # footer
        "Privacy policy",
        "Home",  # breadcrumb
        "window.dataLayer",  # scripts
    ],
)
def test_boilerplate_is_removed(draft, boilerplate):
    assert boilerplate.lower() not in draft.body.lower()


def test_title_does_not_repeat_as_first_heading(draft):
    assert not draft.body.startswith("#")
    assert draft.title not in draft.body


def test_minimal_page_uses_title_tag_time_element_and_json_ld():
    html = (
        """<html><head><title>Storm Darragh Cuts Power to Thousands | Coast News</title>
    <script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "x"},
      {"@type": "NewsArticle", "author": [{"name": "Ann Lee"}, {"name": "Bo Chen"}], "publisher": """
        """{"name": "Coast News"}}]}</script>
    </head><body><article><h1>Storm Darragh Cuts Power to Thousands</h1>
    <time datetime="2024-12-07T06:10:00Z">7 Dec</time>
    <p>Storm Darragh brought winds of up to 150 km/h to the west coast overnight, """
        """cutting power to thousands of homes.</p>
    <p>Forecasters issued a rare red warning for the region and advised people to stay indoors.</p>
    </article></body></html>"""
    )
    draft = parse_html(html)
    assert draft.title == "Storm Darragh Cuts Power to Thousands"
    assert draft.source == "Coast News"
    assert draft.author == "Ann Lee, Bo Chen"
    assert draft.date == dt.datetime(2024, 12, 7, 6, 10, tzinfo=dt.UTC)
    assert draft.source_url is None
    assert "red warning" in draft.body


def test_page_without_article_text_fails():
    with pytest.raises(ImportFailure, match="no article text"):
        parse_html(
            "<html><head><title>Empty page here</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
        )


@pytest.mark.parametrize(
    "title, site, expected",
    [
        ("EU Agrees Sanctions | The Brussels Times", None, "EU Agrees Sanctions"),
        ("EU Agrees Sanctions - The Brussels Times", "The Brussels Times", "EU Agrees Sanctions"),
        ("Budget Vote - What We Know", "The Brussels Times", "Budget Vote - What We Know"),
        ("Budget Vote - What We Know", None, "Budget Vote - What We Know"),
    ],
)
def test_strip_site_suffix(title, site, expected):
    assert strip_site_suffix(title, site) == expected


def test_kind_is_detected_from_content_not_only_the_extension(tmp_path):
    renamed = tmp_path / "page.txt"
    renamed.write_bytes(PAGE.read_bytes())
    assert detect_kind(renamed, renamed.read_bytes()) == "html"
    [item] = read_input(renamed)
    assert item.draft is not None and item.draft.title == "EU Agrees New Sanctions Package Against Russia"


def test_latin1_page_with_declared_charset(tmp_path):
    page = tmp_path / "latin1.html"
    html = (
        '<html><head><meta charset="iso-8859-1"><meta property="og:title" content="Grève générale à Paris">'
        '<meta property="article:published_time" content="2024-12-05T10:00:00+01:00"></head><body><article>'
        "<p>Les syndicats appellent à une grève générale jeudi contre la réforme, avec des perturbations attendues.</p>"
        "<p>Le trafic ferroviaire sera très perturbé selon la SNCF, qui recommande de reporter les déplacements.</p>"
        "</article></body></html>"
    )
    page.write_bytes(html.encode("iso-8859-1"))
    [item] = read_input(page)
    assert item.error is None
    assert item.draft is not None and item.draft.title == "Grève générale à Paris"
    assert "Les syndicats appellent à une grève" in item.draft.body


def test_imported_page_file_loads_without_problems(tmp_path):
    site = import_site(tmp_path / "site")
    result = site.run_import(PAGE)
    assert result.exit_code == 0, result.output
    assert site.relative_files() == ["content/2024/12/2024-12-16-eu-agrees-new-sanctions-package-against-russia.md"]
    post = site.post(site.files()[0])
    assert post["date"] == "2024-12-16T18:45:00+01:00"
    assert post["topic"] == "economy"  # "sanctions", "oil", "economy" in the text
    assert post["author"] == "Helena Varga"
    [article] = assert_loads_cleanly(site).articles
    assert article.source == "The Brussels Times"
    assert article.summary.startswith("European Union ambassadors")
