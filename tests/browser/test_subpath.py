"""The sample site published under a sub-path, as GitHub project pages do (https://user.github.io/repo/)."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SITE_URL = "https://user.github.io/repo/"


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory: pytest.TempPathFactory, sample_config, site_builder, site_server) -> str:
    site = site_builder(sample_config, tmp_path_factory.mktemp("subpath") / "site", site_url=SITE_URL)
    canonical = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}"' in canonical, "the build did not use the sub-path site_url"
    return site_server(site, prefix="/repo")


def test_site_works_under_a_sub_path(offline_browser, subpath_url: str) -> None:
    assert urllib.parse.urlsplit(subpath_url).path == "/repo/"
    page = offline_browser().new_page()
    responses: dict[str, int] = {}
    page.on("response", lambda r: responses.__setitem__(r.url, r.status))

    page.goto(subpath_url)
    # Every stylesheet and script came from under /repo/, and all of them loaded.
    assets = {url: status for url, status in responses.items() if url.endswith((".css", ".js"))}
    assert any(url.endswith("/assets/briefings/briefings.css") for url in assets), sorted(assets)
    assert all(status == 200 and url.startswith(subpath_url) for url, status in assets.items()), assets
    # ...and they apply: Material's sticky header, Briefings' grid of item cards with bold titles.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator(".bf-items").first.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator(".bf-item__title").first.evaluate("e => getComputedStyle(e).fontWeight") == "700"

    link = page.locator(".bf-item__title a").first
    title = link.inner_text()
    link.click()
    page.wait_for_url(subpath_url + "articles/**")
    expect(page.locator("article h1")).to_have_text(title)
    assert all(status < 400 for url, status in responses.items() if url.startswith(subpath_url)), {
        u: s for u, s in responses.items() if s >= 400
    }

    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("troops", delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(subpath_url) for href in hrefs), hrefs
    results.first.click()
    page.wait_for_url(subpath_url + "**")
    assert responses[page.url.split("#")[0]] == 200


def test_offline_requests_are_aborted(offline_browser, base_url: str) -> None:
    """The hermetic routing works: a request to another host never leaves the machine."""
    page = offline_browser(base_url=base_url).new_page()
    page.goto("/")
    outcome = page.evaluate(
        "async () => { try { await fetch('https://example.org/'); return 'fetched'; } catch (e) { return 'blocked'; } }"
    )
    assert outcome == "blocked"
    assert "https://example.org/" in offline_browser.blocked
    assert page.evaluate("async () => (await fetch('sitemap.xml')).status") == 200
