"""The "page not found" page (``site/404.html``): a way onward that works from any depth.

Hosts serve 404.html for a missing address at any depth (GitHub Pages: under
``/repo/articles/2024/11/25/gone/``), so its links must be absolute paths that start
with the path of ``site_url`` (``/repo/``), or with ``/`` when there is no ``site_url``.
These tests read the built file: which links it has, and that every one of them
reaches a file of the built site when the site is served under that path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from helpers import FixtureSite, write_site

from briefings import urls


@dataclass(frozen=True)
class NotFoundPage:
    """A built site's 404.html, parsed, and the path the site is served under."""

    site: Path
    root_path: str  # "/repo/" or "/"
    document: lxml.html.HtmlElement

    def content_links(self) -> dict[str, str]:
        """``{link text: href}`` of the links in the page's main content (not the header, nav or footer)."""
        return {a.text_content().strip(): a.get("href") for a in self.document.xpath("//article//a")}

    def internal_references(self) -> list[str]:
        """Every href, src and form action that stays on this site (no scheme, no host)."""
        found = []
        for element in self.document.iter():
            for attribute in ("href", "src", "action"):
                value = element.get(attribute)
                if value is not None and not urlsplit(value).scheme and not urlsplit(value).netloc:
                    found.append(value)
        return found

    def resolves(self, reference: str) -> bool:
        """Whether ``reference`` reaches an element of this page (``#id``) or a file of the built site."""
        parts = urlsplit(reference)
        if not parts.path:
            return not parts.fragment or bool(self.document.get_element_by_id(parts.fragment, None) is not None)
        if not parts.path.startswith(self.root_path):
            return False
        target = self.site / parts.path[len(self.root_path) :]
        if target.is_dir():
            target = target / "index.html"
        return target.is_file()


def build_not_found_page(root: Path, site_url: str | None, **site_options: object) -> NotFoundPage:
    """Build a one-article site and parse its 404.html."""
    fixture: FixtureSite = write_site(root, site_url=site_url, **site_options)  # type: ignore[arg-type]
    fixture.write_article(
        "2024-11-25-troops-cross-the-border.md",
        title="Troops cross the border",
        date="2024-11-25T07:30:00",
        topic="defence",
        tags=["nato"],
        summary="Columns were seen at dawn.",
    )
    result = fixture.briefings("build")
    assert result.exit_code == 0, result.output
    site = root / "site"
    root_path = urlsplit(site_url).path if site_url else "/"
    return NotFoundPage(site, root_path, lxml.html.fromstring((site / "404.html").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def subpath_page(tmp_path_factory: pytest.TempPathFactory) -> NotFoundPage:
    """A site published under a sub-path, as GitHub project pages are."""
    return build_not_found_page(tmp_path_factory.mktemp("subpath"), "https://user.github.io/repo/")


@pytest.fixture(scope="module")
def root_page(tmp_path_factory: pytest.TempPathFactory) -> NotFoundPage:
    """A site without site_url: MkDocs then assumes it is served from the root of its host."""
    return build_not_found_page(tmp_path_factory.mktemp("root"), None)


def test_links_onward_with_the_sub_path(subpath_page: NotFoundPage) -> None:
    assert subpath_page.content_links() == {
        "Latest briefing": "/repo/" + urls.HOME,
        "Archive": "/repo/" + urls.ARCHIVE,
        "Topics": "/repo/" + urls.TOPICS,
        "Search": "/repo/" + urls.SEARCH,
    }


def test_says_what_happened(subpath_page: NotFoundPage) -> None:
    headings = subpath_page.document.xpath("//article//h1")
    assert [h.text_content().strip() for h in headings] == ["Page not found"]
    assert subpath_page.document.findtext(".//title") == "Page not found - Fixture Briefing"
    assert "404 - Not found" not in lxml.html.tostring(subpath_page.document, encoding="unicode")


def test_search_form_goes_to_the_search_page(subpath_page: NotFoundPage) -> None:
    """A plain GET form: it works without JavaScript, and the search page reads ``?q=``."""
    (form,) = subpath_page.document.xpath("//article//form[@role='search']")
    assert form.get("action") == "/repo/" + urls.SEARCH
    assert form.get("method") == "get"
    (field,) = form.xpath(".//input[@name='q']")
    (label,) = form.xpath(".//label[@for=$id]", id=field.get("id"))
    assert label.text_content().strip() == "Search this site"
    # The header's search box is there too, and its form also goes to the search page.
    assert subpath_page.document.xpath("//form[@data-bf-search-form][@action=$action]", action="/repo/" + urls.SEARCH)


def test_skip_link_is_the_first_link_and_reaches_the_heading(subpath_page: NotFoundPage) -> None:
    first_link = subpath_page.document.xpath("//body//a[@href]")[0]
    assert "bf-skip" in first_link.classes
    assert len(subpath_page.document.xpath("//a[contains(@class, 'md-skip')]")) == 1  # one skip link
    target = subpath_page.document.get_element_by_id(first_link.get("href").removeprefix("#"))
    assert target.tag == "article"
    assert target.xpath(".//h1")[0].text_content().strip() == "Page not found"


@pytest.mark.parametrize("which", ["subpath_page", "root_page"])
def test_no_relative_or_broken_internal_reference(which: str, request: pytest.FixtureRequest) -> None:
    """Every link, asset and form target is absolute (or ``#…``) and reaches a built file."""
    page: NotFoundPage = request.getfixturevalue(which)
    references = page.internal_references()
    assert len(references) > 10, references  # stylesheets, scripts, the nav and the page's own links
    relative = [r for r in references if not r.startswith(("/", "#"))]
    assert not relative, f"relative references break below the root: {relative}"
    broken = [r for r in references if not page.resolves(r)]
    assert not broken, f"references that reach no file under {page.root_path}: {broken}"


def test_without_site_url_links_start_at_the_host_root(root_page: NotFoundPage) -> None:
    assert root_page.content_links() == {
        "Latest briefing": "/",
        "Archive": "/" + urls.ARCHIVE,
        "Topics": "/" + urls.TOPICS,
        "Search": "/" + urls.SEARCH,
    }


def test_a_sites_own_404_page_wins(tmp_path: Path) -> None:
    """theme.custom_dir comes before the plugin's theme folder."""
    overrides = tmp_path / "theme"
    overrides.mkdir(parents=True)
    (overrides / "404.html").write_text(
        '{% extends "main.html" %}\n{% block content %}<h1>Lost at sea</h1>{% endblock %}\n', encoding="utf-8"
    )
    page = build_not_found_page(
        tmp_path,
        "https://example.org/news/",
        extra_config={"theme": {"name": "material", "font": False, "custom_dir": "theme"}},
    )
    assert [h.text_content() for h in page.document.xpath("//article//h1")] == ["Lost at sea"]
    assert "Page not found" not in lxml.html.tostring(page.document, encoding="unicode")
