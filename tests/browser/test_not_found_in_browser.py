"""The 404 page in Chromium, served the way GitHub Pages serves it: for a missing address at any depth.

A small site is published under ``/repo/`` (``site_url: https://user.github.io/repo/``)
by a loopback server that answers every missing path with ``404.html`` and status 404.
A reader lands deep in the site on an address that does not exist and must find the
way onward: the skip link, the archive link, the search form (prefilled from the
address), with no WCAG A/AA violation and no request to another host.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve
from helpers import write_site
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SITE_URL = "https://user.github.io/repo/"
PREFIX = "/repo"
MISSING = "articles/2024/11/25/troops-gone-missing/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
  .map(v => v.id + ': ' + v.help + ' :: ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""


@pytest.fixture(scope="module")
def repo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A two-article site built with the sub-path site_url, served under /repo/ with a 404 page."""
    site = write_site(tmp_path_factory.mktemp("not-found"), site_url=SITE_URL)
    site.write_article(
        "2024-11-25-troops-cross-the-border.md",
        title="Troops cross the border",
        date="2024-11-25T07:30:00",
        topic="defence",
        summary="Columns were seen at dawn.",
    )
    site.write_article(
        "2024-11-24-budget-vote.md",
        title="Budget vote delayed",
        date="2024-11-24T18:00:00",
        topic="politics",
        summary="The vote moves to next week.",
    )
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    url, stop = serve(site.root / "site", PREFIX, not_found_page=True)  # as GitHub Pages answers
    yield url
    stop()


def open_missing(page: Page, repo_url: str) -> None:
    response = page.goto(repo_url + MISSING)
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("Page not found")


def test_a_missing_page_deep_in_the_site_leads_to_the_archive(offline_browser, repo_url: str) -> None:
    page = offline_browser().new_page()
    statuses: dict[str, int] = {}
    page.on("response", lambda r: statuses.__setitem__(r.url, r.status))
    open_missing(page, repo_url)
    # The site's stylesheets loaded from under /repo/ although the address is five levels deep.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assets = {u: s for u, s in statuses.items() if u.endswith((".css", ".js"))}
    assert assets and all(s == 200 and u.startswith(repo_url) for u, s in assets.items()), assets

    page.get_by_role("link", name="Archive", exact=True).last.click()
    page.wait_for_url(repo_url + "archive/")
    assert statuses[repo_url + "archive/"] == 200
    expect(page.locator("article h1")).to_have_text("Archive")
    assert not offline_browser.blocked, offline_browser.blocked


def test_latest_briefing_link_reaches_the_home_page(offline_browser, repo_url: str) -> None:
    page = offline_browser().new_page()
    open_missing(page, repo_url)
    page.locator("article").get_by_role("link", name="Latest briefing").click()
    page.wait_for_url(repo_url)
    expect(page.locator(".bf-item__title a").first).to_be_visible()


def test_skip_link_is_the_first_tab_stop(offline_browser, repo_url: str) -> None:
    page = offline_browser().new_page()
    open_missing(page, repo_url)
    page.keyboard.press("Tab")
    skip = page.locator("a.bf-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(page.locator("a.md-skip, a.bf-skip")).to_have_count(1)  # one "Skip to content", not two
    page.keyboard.press("Enter")
    expect(page.locator("article#bf-main")).to_be_focused()
    expect(page.locator("article#bf-main h1")).to_have_text("Page not found")


def test_search_form_is_prefilled_from_the_address_and_opens_the_search_page(offline_browser, repo_url: str) -> None:
    page = offline_browser().new_page()
    open_missing(page, repo_url)
    box = page.get_by_label("Search this site")
    expect(box).to_have_value("troops gone missing")
    box.fill("troops")
    box.press("Enter")
    page.wait_for_url(repo_url + "search/?q=troops")
    results = page.locator(".bf-sp__results .bf-result__title a")
    expect(results.first).to_have_text("Troops cross the border", timeout=10_000)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_wcag_violations_in_light_and_dark(offline_browser, repo_url: str, axe_script: Path, scheme: str) -> None:
    page = offline_browser(viewport={"width": 375, "height": 667}).new_page()
    open_missing(page, repo_url)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll on a phone
    page.add_script_tag(path=str(axe_script))
    assert page.evaluate(AXE_RUN, AXE_TAGS) == []
