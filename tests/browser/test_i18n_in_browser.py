"""The search UI speaks the site's language in Chromium: search.js takes its words from the build.

The build writes them (``assets/briefings/search-strings.js``, from the catalogue of
``theme.language``); the script no longer carries a dictionary of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_build, serve
from helpers import write_site
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = write_site(
        tmp_path_factory.mktemp("de") / "site",
        topics={"verteidigung": "Verteidigung", "politik": "Politik"},
        site_url=None,
        extra_config={"theme": {"name": "material", "font": False, "language": "de"}},
    )
    site.write_article(
        "truppen.md",
        "Die Truppen überqueren am Morgen die Grenze.",
        title="Truppen überqueren die Grenze",
        date="2024-11-25 08:30",
        topic="verteidigung",
        source="Tagesschau",
        tags=["nato"],
    )
    site.write_article(
        "haushalt.md",
        "Der Bundestag stimmt über den Haushalt ab.",
        title="Abstimmung über den Haushalt",
        date="2024-11-25 09:30",
        topic="politik",
    )
    out = run_build(site.config, site.root / "out")
    base, stop = serve(Path(out))
    yield base
    stop()


def test_the_search_page_is_in_german(page: Page, german_site: str) -> None:
    page.goto(german_site + "search/?q=Truppen")
    expect(page.locator(".bf-sp__label")).to_have_text("Artikel durchsuchen")
    expect(page.locator(".bf-sp__submit")).to_have_text("Suchen")
    expect(page.locator(".bf-sp__status")).to_have_text("1 Ergebnis für „Truppen“")
    expect(page.locator(".bf-sp__filters-toggle")).to_contain_text("Filter")
    expect(page.locator("label[for=bf-sp-sort]")).to_have_text("Sortieren nach")
    expect(page.locator(".bf-result__title a")).to_have_text("Truppen überqueren die Grenze")


def test_the_header_search_counts_in_german(page: Page, german_site: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(german_site)
    box = page.locator("[data-bf-search-input]")
    box.click()
    box.press_sequentially("Haushalt", delay=20)
    expect(page.locator("[data-bf-search-status]")).to_have_text("1 Ergebnis")
    expect(page.locator("[data-bf-search-all]")).to_have_text("Alle Ergebnisse anzeigen")
