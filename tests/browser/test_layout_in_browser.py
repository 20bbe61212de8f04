"""The briefing layout in Chromium (issue 11, items 1 and 6): density on a phone, the jump bar, freshness.

Two sites: the sample, and one built from a bare ``mkdocs.yml`` (only ``theme: {name:
material}``, the plugins and a timezone), whose latest briefing is a realistic day:
a lead story and six more across five topics, summaries of newswire length.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from colours import TEXT_COLOURS, contrast
from playwright.sync_api import Page, expect
from test_bare_config import write_bare_config

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
SAMPLE_LATEST = dt.date(2024, 11, 25)  # the sample site's latest briefing (Europe/Paris)

#: Bounding-box tops of the story headlines, after load.
HEADLINE_TOPS = "() => [...document.querySelectorAll('.bf-item__title')].map(e => e.getBoundingClientRect().top)"

BARE_STORIES = [
    ("wetlands", "Wetlands protection bill clears the assembly after two years of talks", "environment", 1, "07:30"),
    ("smelter", "Dunkirk smelter cuts output by a third as power prices climb", "economy", 2, "09:10"),
    ("rail", "Paris–Berlin night train returns in December with new sleeper cars", "transport", 2, "10:45"),
    ("budget", "Senate committee rejects the pension clause of the social budget", "politics", 2, "11:20"),
    ("drought", "Spain extends drought measures in Catalonia into the new year", "environment", 2, "12:05"),
    ("ports", "Le Havre dockers vote to end the week-long strike", "economy", 2, "14:40"),
    ("satellite", "Toulouse satellite maker completes ground tests for weather probe", "science", 2, "16:00"),
]
SUMMARY = (
    "Lawmakers, unions and industry groups spent the day weighing the consequences, and several ministers "
    "said further measures would follow before the end of the month if the figures do not improve."
)


def write_bare_site(root: Path) -> Path:
    """A newcomer's ``mkdocs.yml`` and a full day of news (plus the day before); the config file."""
    write_bare_config(root)
    content = root / "content"
    content.mkdir()
    for slug, title, topic, priority, time in BARE_STORIES:
        (content / f"2026-11-24-{slug}.md").write_text(
            textwrap.dedent(f"""\
                ---
                title: {title}
                date: 2026-11-24 {time}
                topic: {topic}
                priority: {priority}
                source: Wire Service
                source_url: https://wire.example.org/{slug}
                tags: [{topic}, france]
                summary: {SUMMARY}
                ---
                {SUMMARY}
                """),
            encoding="utf-8",
        )
    (content / "2026-11-23-earlier.md").write_text(
        "---\ntitle: An earlier day\ndate: 2026-11-23 08:00\ntopic: politics\n---\nText.\n", encoding="utf-8"
    )
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def bare_url(tmp_path_factory: pytest.TempPathFactory, site_builder, site_server) -> str:
    root = tmp_path_factory.mktemp("bare-layout")
    return site_server(site_builder(write_bare_site(root), root / "site"))


@pytest.fixture
def open_site(new_context, base_url: str, bare_url: str) -> Callable[..., Page]:
    """A page of the sample or the bare site, in a given viewport and colour scheme."""

    def opener(which: str, path: str = "", *, viewport: dict = PHONE, scheme: str = "light") -> Page:
        root = base_url if which == "sample" else bare_url
        page = new_context(viewport=viewport, color_scheme=scheme).new_page()
        page.goto(root.rstrip("/") + "/" + path)
        expect(page.locator("article h1").first).to_be_visible()
        return page

    return opener


# --- density ----------------------------------------------------------------------------------------


#: The pages that list stories: home, the latest briefing, a topic (sample: 6 stories, bare: 2).
STORY_PAGES = {
    "sample": ("", "briefings/2024/11/25/", "topics/politics/"),
    "bare": ("", "briefings/2026/11/24/", "topics/environment/"),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("which", "path"), [(which, path) for which, paths in STORY_PAGES.items() for path in paths])
def test_three_headlines_fit_the_first_screen_of_a_phone(open_site, which: str, path: str, scheme: str) -> None:
    page = open_site(which, path, scheme=scheme)
    tops = page.evaluate(HEADLINE_TOPS)
    above = [top for top in tops if top < PHONE["height"]]
    wanted = min(3, len(tops))  # a topic with two stories shows both
    assert len(tops) >= 2 and len(above) >= wanted, f"{which}/{path}/{scheme}: headline tops {[round(t) for t in tops]}"
    assert page.evaluate("() => document.documentElement.scrollWidth") == PHONE["width"]


@pytest.mark.parametrize("which", ["sample", "bare"])
def test_section_headings_never_outrank_the_headlines(open_site, which: str) -> None:
    page = open_site(which, viewport=DESKTOP)
    sizes = page.evaluate(
        """() => {
          const sizes = (selector) => [...document.querySelectorAll(selector)]
            .map(e => parseFloat(getComputedStyle(e).fontSize));
          return {
            section: Math.max(...sizes('h2.bf-section__title')),
            lead: Math.min(...sizes('.bf-items--top .bf-item__title')),
            item: Math.min(...sizes('.bf-item__title')),
            meta: Math.min(...sizes('.bf-item__meta')),
          };
        }"""
    )
    assert sizes["section"] <= sizes["item"] < sizes["lead"]  # top stories stand out by size
    assert sizes["meta"] >= 14  # not the old 12.5 px


# --- contrast of the meta line and the new pieces ------------------------------------------------------

LAYOUT_TEXT = [
    ".bf-item__meta",
    ".bf-item__meta time",
    ".bf-item__meta .bf-source",
    ".bf-item__topic",
    ".bf-tags--quiet .bf-tag",
    "h2.bf-section__title",
    ".bf-jump__link",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["sample", "bare"])
def test_meta_lines_and_labels_are_readable(open_site, which: str, scheme: str) -> None:
    page = open_site(which, scheme=scheme)
    poor = []
    for selector in LAYOUT_TEXT:
        pairs = page.evaluate(TEXT_COLOURS, [selector, True])  # the visible ones
        assert pairs, f"nothing matches {selector}"
        poor += [f"{selector}: {f} on {b}" for f, b in {tuple(p) for p in pairs} if contrast(f, b) < 4.5]
    assert not poor, f"{which}/{scheme}: below 4.5:1\n" + "\n".join(poor)


# --- the jump bar -------------------------------------------------------------------------------------------


def test_jump_bar_scrolls_inside_itself_on_a_phone_and_takes_the_reader_to_the_section(open_site) -> None:
    page = open_site("sample")
    bar = page.locator("nav.bf-jump")
    expect(bar).to_have_attribute("aria-label", re.compile(r"\w"))
    widths = page.evaluate(
        """() => { const list = document.querySelector('.bf-jump__list');
                   return [list.scrollWidth, list.clientWidth, document.documentElement.scrollWidth]; }"""
    )
    assert widths[0] > widths[1], "the sample's five sections do not fit one phone row: the bar scrolls"
    assert widths[2] == PHONE["width"]  # the page itself does not
    last = bar.locator("a").last
    target = last.get_attribute("href")
    assert target and target.startswith("#")
    last.click()  # Playwright scrolls the bar to it first, as a finger would
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    heading = page.locator(f"h2{target}")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert header <= top < PHONE["height"] / 2, f"{target} is at {top}px (header ends at {header}px)"
    # Keyboard: the links are in the tab order, in section order.
    hrefs = bar.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ids = page.locator("h2.bf-section__title").evaluate_all("hs => hs.map(h => '#' + h.id)")
    assert hrefs == ids[: len(hrefs)]


def test_jump_bar_wraps_on_a_wide_screen(open_site) -> None:
    page = open_site("sample", viewport=DESKTOP)
    scroll, client = page.evaluate(
        "() => { const l = document.querySelector('.bf-jump__list'); return [l.scrollWidth, l.clientWidth]; }"
    )
    assert scroll <= client
    assert page.locator(".md-sidebar--secondary").first.is_hidden()  # no docs-style table of contents


# --- freshness ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2024-11-25T20:00:00+00:00", None),  # 21:00 in Paris: still the briefing's day
        ("2024-11-25T23:30:00+00:00", "yesterday"),  # 00:30 on the 26th in Paris, the site's zone
        ("2024-11-28T12:00:00+00:00", "3 days ago"),
        ("2025-01-04T12:00:00+00:00", "1 month ago"),  # 40 days: the largest whole unit, as the build says it
        ("2024-12-09T12:00:00+00:00", "2 weeks ago"),
    ],
)
def test_freshness_is_recounted_in_the_readers_browser(new_context, base_url: str, moment: str, expected) -> None:
    context = new_context(viewport=PHONE)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(moment))
    page.goto(base_url)
    note = page.locator("[data-bf-freshness]")
    if expected is None:
        expect(note).to_be_hidden()
    else:
        expect(note).to_be_visible()
        expect(note.locator("time")).to_have_text(expected)
        expect(note).to_contain_text("Published")
        assert note.locator("time").get_attribute("datetime") == SAMPLE_LATEST.isoformat()
