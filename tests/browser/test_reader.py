"""The sample site as a reader sees it in Chromium (SPEC §4 and §7)."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from colours import TEXT_COLOURS, contrast, luminance
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

SEED_TITLE = "Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde"
LATEST_HEADLINE = "Monday 25 November 2024"
PLANTED_WORD = "quillwort"  # the content writer puts it in exactly one article body
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
PAGE_KINDS = ["home", "briefing", "article", "topics", "topic", "tags", "tag", "archive"]


def path_of(page: Page, href: str) -> str:
    """The URL path a link leads to, relative to the page it is on."""
    return urllib.parse.urlsplit(urllib.parse.urljoin(page.url, href)).path


def search(page: Page, word: str) -> list[str]:
    """Type ``word`` into the header search box (key by key: Material ignores fill()); the result paths."""
    box = page.locator(".md-search__input")
    if not box.is_visible():  # phone layout: the magnifier label opens the search overlay
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.press_sequentially(word, delay=20)
    return search_result_paths(page)


def search_result_paths(page: Page) -> list[str]:
    """The paths the header search lists once they are those of what the box says (at least one)."""
    # A slow machine may search a prefix between two keys ("qu" finds "quickly"): the list
    # is busy until its results are those of the whole word.
    expect(page.locator("[data-bf-search-list]")).not_to_have_attribute("aria-busy", "true", timeout=10_000)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    return [path_of(page, href) for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


# --- home, briefing, article --------------------------------------------------------


def test_home_shows_the_latest_briefing_in_full(page: Page, sample_articles, page_errors) -> None:
    latest_day = max(a.day for a in sample_articles)
    latest = [a for a in sample_articles if a.day == latest_day]
    page.goto("/")
    headline = page.locator(".bf-head--home h1 a")
    expect(headline).to_have_text(LATEST_HEADLINE)
    assert path_of(page, headline.get_attribute("href")) == f"/briefings/{latest_day:%Y/%m/%d}/"
    titles = page.locator(".bf-item__title a").all_inner_texts()
    assert SEED_TITLE in titles
    # The latest briefing in full: each of its articles exactly once (top stories are not repeated).
    assert sorted(titles) == sorted(a.title for a in latest)
    links = page.locator(".bf-item__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(path_of(page, href) for href in links) == sorted("/" + a.url for a in latest)
    assert page_errors == []


def test_briefing_to_article_and_back(page: Page, page_paths) -> None:
    briefing = page_paths["briefing"]
    page.goto(briefing)
    first = page.locator(".bf-item__title a").first
    title = first.inner_text()
    expected_article = path_of(page, first.get_attribute("href"))
    assert re.fullmatch(r"/articles/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/", expected_article), expected_article
    first.click()
    page.wait_for_url(lambda url: urllib.parse.urlsplit(url).path == expected_article)
    expect(page.locator("article h1")).to_have_text(title)
    back = page.locator(".bf-back a", has_text="Back to the briefing")
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(lambda url: urllib.parse.urlsplit(url).path == briefing)
    expect(page.locator(".bf-item__title a", has_text=title)).to_have_count(1)


def test_search_finds_the_one_article_whose_body_has_the_word(page: Page, sample_settings) -> None:
    from briefings.load import load_file

    content = sample_settings.content_dir
    files = sorted(p for p in content.rglob("*.md") if PLANTED_WORD in p.read_text(encoding="utf-8").lower())
    assert len(files) == 1, f"{PLANTED_WORD!r} should occur in exactly one article of {content}, found {files}"
    article, problems = load_file(files[0], sample_settings)
    assert article is not None, problems
    assert PLANTED_WORD in article.body.lower(), f"{files[0]} has {PLANTED_WORD!r} outside its body"
    assert PLANTED_WORD not in (article.title + " " + article.summary).lower()

    page.goto("/")
    found = search(page, PLANTED_WORD)
    assert set(found) == {"/" + article.url}, found


def search_a_prefix(page: Page) -> tuple[Locator, set[str]]:
    """Type the planted word's first two letters into the header box; the box and their results."""
    page.goto("/")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(PLANTED_WORD[:2], delay=20)
    prefix_results = set(search_result_paths(page))
    assert len(prefix_results) > 1, prefix_results  # "qu" is in more articles than the planted word
    return box, prefix_results


def assert_the_word_is_found(page: Page, prefix_results: set[str]) -> None:
    found = set(search_result_paths(page))
    assert len(found) == 1 and found != prefix_results, found


def test_results_of_a_prefix_are_busy_until_the_whole_word_is_searched(page: Page) -> None:
    """A reader who pauses after "qu" sees its results; typing on marks them busy, then replaces them."""
    box, prefix_results = search_a_prefix(page)
    # Record each change of aria-busy with the results on screen at that moment.
    page.evaluate(
        """() => {
          const list = document.querySelector('[data-bf-search-list]');
          window.busyLog = [];
          new MutationObserver(() => window.busyLog.push([list.getAttribute('aria-busy'),
              [...list.querySelectorAll('a')].map(a => a.pathname)]))
            .observe(list, {attributes: true, attributeFilter: ['aria-busy']});
        }"""
    )
    box.press_sequentially(PLANTED_WORD[2:], delay=20)
    assert_the_word_is_found(page, prefix_results)
    log = page.evaluate("window.busyLog")
    # Busy first while the prefix's results were still shown, not busy at the end.
    assert log[0][0] == "true" and set(log[0][1]) == prefix_results, log
    assert log[-1][0] is None, log


def test_search_closed_before_it_ran_shows_the_typed_word_on_reopening(page: Page) -> None:
    box, prefix_results = search_a_prefix(page)
    box.press_sequentially(PLANTED_WORD[2:], delay=0)
    box.press("Escape")  # closes the search before its debounce ran
    expect(box).not_to_be_focused()
    box.click()
    assert_the_word_is_found(page, prefix_results)


# --- phone, dark mode, screenshots ------------------------------------------------------


@pytest.mark.browser_context_args(viewport=PHONE)
def test_no_page_scrolls_sideways_on_a_phone(page: Page, page_paths) -> None:
    too_wide = []
    for kind in PAGE_KINDS:
        page.goto(page_paths[kind])
        expect(page.locator("article h1").first).to_be_visible()
        scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert inner_width == PHONE["width"]
        if scroll_width > PHONE["width"]:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                     .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                     .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))"""
            )
            too_wide.append(f"{kind} {page_paths[kind]}: {scroll_width}px, too wide: {culprits}")
    assert not too_wide, f"pages wider than a {PHONE['width']}px phone:\n" + "\n".join(too_wide)


#: Text that briefings.css colours itself: cards, chips, muted counts, kicker, bylines.
OWN_TEXT = [
    ".bf-kicker",
    ".bf-head__count",
    ".bf-items--top .bf-item__title a",
    ".bf-items--top .bf-item__summary",
    ".bf-item__meta",
    ".bf-tag",
    ".bf-chip",
    ".bf-count",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_follows_the_system_and_text_stays_readable(new_context, page_paths, scheme: str) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto("/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    if scheme == "dark":
        assert luminance(background) < 0.05, background
    else:
        assert luminance(background) > 0.9, background
    poor = []
    for selector in OWN_TEXT:
        pairs = page.evaluate(TEXT_COLOURS, [selector, False])
        assert pairs, f"nothing matches {selector} on the home page"
        for foreground, back in {tuple(p) for p in pairs}:
            if contrast(foreground, back) < 4.5:
                poor.append(f"{selector}: {foreground} on {back} = {contrast(foreground, back):.2f}")
    assert not poor, f"text below WCAG AA contrast (4.5) in {scheme} mode:\n" + "\n".join(poor)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_screenshots_of_every_page_kind(new_context, page_paths, screenshot_dir, screen: str, scheme: str) -> None:
    """Full-page screenshots for a human to look at; also: no JavaScript error, the stylesheet applied."""
    viewport = DESKTOP if screen == "desktop" else PHONE
    page = new_context(viewport=viewport, color_scheme=scheme).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for kind in PAGE_KINDS:
        path = page_paths[kind]
        response = page.goto(path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        expect(page.locator("article h1").first).to_be_visible()
        # briefings.css is applied: h2 sections get their rule (Material alone draws none).
        if page.locator(".md-typeset h2").count():
            assert page.locator(".md-typeset h2").first.evaluate("h => getComputedStyle(h).borderTopStyle") == "solid"
        page.screenshot(path=str(screenshot_dir / f"{kind}-{screen}-{scheme}.png"), full_page=True)
    assert errors == []
