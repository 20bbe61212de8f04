"""Front matter and ``mkdocs.yml`` text are text, never markup: hostile values show literally and run nothing."""

from __future__ import annotations

import json
import textwrap

import pytest
from helpers import HOSTILE_SUMMARY, HOSTILE_TAG, HOSTILE_TITLE
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

TITLE, SUMMARY, TAG = HOSTILE_TITLE, HOSTILE_SUMMARY, HOSTILE_TAG  # shared with the email tests


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, site_builder, site_server) -> str:
    """A one-article site whose title, summary and tag are HTML, Markdown and a javascript: link."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "docs").mkdir()
    (root / "content").mkdir()
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: Hostile
            site_url: https://example.org/hostile/
            theme: {name: material, font: false}
            plugins:
              - search
              - briefings:
                  content_dir: content
                  timezone: UTC
                  topics:
                    world: {title: World}
            """
        ),
        encoding="utf-8",
    )
    (root / "content" / "2024-11-25-hostile.md").write_text(
        "---\n"
        f"title: {json.dumps(TITLE)}\ndate: 2024-11-25 09:00\ntopic: world\n"
        f"summary: {json.dumps(SUMMARY)}\ntags: [{json.dumps(TAG)}]\n"
        "---\n\nAn ordinary body.\n",
        encoding="utf-8",
    )
    return site_server(site_builder(root / "mkdocs.yml", root / "site"))


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def test_hostile_front_matter_shows_literally_everywhere(page: Page, hostile_site: str, dialogs: list[str]) -> None:
    page.goto(hostile_site)
    item = page.locator(".bf-item__title a")
    expect(item).to_have_count(1)
    expect(item).to_have_text(TITLE)
    expect(page.locator(".bf-item__summary")).to_have_text(SUMMARY)
    expect(page.locator(".bf-tag")).to_have_text(TAG)
    # Nothing became an element or a javascript: link.
    assert page.locator("article script, article img, article b, article em").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0

    item.click()
    page.wait_for_url("**/articles/2024/11/25/hostile/")
    expect(page.locator("article h1")).to_have_text(TITLE)
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert "alert(1)" in page.title() and "<script>" in page.title(), (
        f"page title lost the literal text: {page.title()!r}"
    )

    page.locator(".bf-back a", has_text="Back to the briefing").click()
    page.wait_for_url("**/briefings/2024/11/25/")
    expect(page.locator(".bf-item__title a")).to_have_text(TITLE)
    page.locator(".bf-tag").first.click()
    expect(page.locator("article h1")).to_have_text(TAG)
    expect(page.locator("article").get_by_role("link", name=TITLE, exact=True)).to_have_count(1)
    assert dialogs == []


def test_hostile_title_in_search_results_runs_nothing(page: Page, hostile_site: str, dialogs: list[str]) -> None:
    page.goto(hostile_site)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("ordinary", delay=20)
    expect(page.locator("[data-bf-search-list]")).not_to_have_attribute("aria-busy", "true", timeout=10_000)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    expect(page.locator(".md-search-result__item .bf-result__title").first).to_have_text(TITLE)
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    assert page.locator(".md-search-result a[href^='javascript:' i]").count() == 0
    # Excerpts keep Pagefind's <mark> and nothing else: the body's raw HTML arrives as text.
    assert page.locator(".md-search-result .bf-result__excerpt *:not(mark)").count() == 0
    page.wait_for_timeout(200)  # an onerror handler would have fired by now
    assert dialogs == []


#: mkdocs.yml text, each payload with its own number: a dialog names the field that ran.
CONFIG_TEXT = {
    "site_name": "<img src=x onerror=alert(11)> & News",
    "site_description": '"><img src=x onerror=alert(12)>',
    "copyright": "<img src=x onerror=alert(13)>",
}
TOPIC = {"title": "<svg onload=alert(14)>", "description": "<img src=x onerror=alert(15)>"}


@pytest.fixture(scope="module")
def hostile_config_site(tmp_path_factory: pytest.TempPathFactory, site_builder, site_server) -> str:
    """A site whose name, description, copyright and topic are HTML: Material prints config text unescaped."""
    root = tmp_path_factory.mktemp("hostile-config")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n\nA hand-written page.\n", encoding="utf-8")
    (root / "content").mkdir()
    config = {
        **CONFIG_TEXT,
        "site_url": "https://example.org/hostile/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"briefings": {"timezone": "UTC", "topics": {"world": TOPIC}}}],
    }
    (root / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    (root / "content" / "story.md").write_text(
        "---\ntitle: An ordinary story\ndate: 2024-11-25 09:00\ntopic: world\n---\n\nAn ordinary body.\n",
        encoding="utf-8",
    )
    return site_server(site_builder(root / "mkdocs.yml", root / "site"))


@pytest.mark.parametrize("path", ["", "about/", "404.html", "topics/world/", "search/", "articles/2024/11/25/story/"])
def test_hostile_config_text_shows_literally_and_runs_nothing(
    page: Page, hostile_config_site: str, dialogs: list[str], path: str
) -> None:
    page.goto(hostile_config_site + path)
    expect(page.locator(".md-header__topic").first).to_have_text(CONFIG_TEXT["site_name"])
    expect(page.locator(".md-copyright__highlight")).to_have_text(CONFIG_TEXT["copyright"])
    assert page.title().endswith(CONFIG_TEXT["site_name"]), page.title()
    if path in ("about/", "404.html"):  # pages without a description of their own show the site's
        expect(page.locator("meta[name='description']")).to_have_attribute("content", CONFIG_TEXT["site_description"])
    if path == "topics/world/":
        expect(page.locator(".bf-head h1")).to_have_text(TOPIC["title"])
        expect(page.locator(".bf-head .bf-lead")).to_have_text(TOPIC["description"])
    assert page.locator("img[onerror], svg[onload]").count() == 0
    page.wait_for_timeout(200)  # an onerror or onload handler would have fired by now
    assert dialogs == []
