"""A site built from a bare ``mkdocs.yml``: the writer other browser tests import, and its colour scheme.

The config says no more than ``theme: {name: material}``, ``plugins: [search,
briefings]`` and a timezone: no ``font: false``, no palette. ``write_bare_site`` is
imported by test_page_kinds.py, whose matrix checks every page kind of this site in
light and dark (axe-core, no third-party request, no sideways scroll); what is left
here is the exact background Material paints for each system scheme.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

#: A picture for the article with an image (imagesize reads an SVG's width and height).
WETLAND_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#7fa37a"/>
  <rect y="380" width="1200" height="250" fill="#3f6f8f"/>
  <circle cx="960" cy="140" r="70" fill="#f2d16b"/>
</svg>
"""


def older_environment_articles(count: int) -> dict[str, str]:
    """``count`` short environment stories on earlier days, so the topic needs a second page (20 a page).

    Their fields vary the way a real feed's do: some have a source and link, an author or
    a summary, some have none, so every item shape shows up on the topic and tag pages.
    """
    rivers = ["Loire", "Rhône", "Seine", "Garonne", "Dordogne", "Meuse", "Moselle"]
    articles = {}
    for number in range(count):
        day = f"2026-10-{number + 1:02d}"
        river = rivers[number % len(rivers)]
        lines = [
            "---",
            f"title: {river} gauge {number + 1} reports the lowest October level in a decade",
            f"date: {day} {6 + number % 12:02d}:15",
            "topic: environment",
            f"tags: [water{', drought' if number % 2 else ''}]",
        ]
        if number % 3 == 0:
            lines += ["source: Agence Hydro", f"source_url: https://hydro.example.org/{river.lower()}/{number}"]
        if number % 4 == 1:
            lines.append("author: Camille Roux")
        if number % 5 == 2:
            lines.append(f"summary: The {river} is down to a trickle at the station.")
        lines += ["---", f"Hydrologists measured the {river} at station {number + 1} on {day}.", ""]
        articles[f"{day}-{river.lower()}-gauge-{number + 1}.md"] = "\n".join(lines)
    return articles


def write_bare_config(root: Path) -> Path:
    """``mkdocs.yml`` as a newcomer writes it (no palette, no fonts, no nav), and an empty ``docs/``."""
    (root / "docs").mkdir(parents=True)
    config = {
        "site_name": "Morning Wire",
        "site_url": "https://news.example.org/",
        "theme": {"name": "material"},
        "plugins": ["search", {"briefings": {"timezone": "Europe/Paris"}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def write_bare_site(root: Path, *, every_page_kind: bool = False) -> Path:
    """``mkdocs.yml`` as a newcomer writes it, and two days of articles; the config file.

    ``every_page_kind`` adds what a site grows into, so each page kind exists: an article
    with a picture (``image``, a local SVG) and 21 older environment stories, so
    ``/topics/environment/page/2/`` exists. Still no docs page: a bare site has none.
    """
    write_bare_config(root)
    articles = {
        "2026-11-24-wetlands.md": """\
            ---
            title: Wetlands protection bill clears the assembly
            date: 2026-11-24 07:30
            topic: environment
            tags: [water, farming]
            priority: 1
            summary: A vote after two years of negotiation.
            ---
            The assembly passed the wetlands bill by 312 votes to 198.
            """,
        "2026-11-24-smelter.md": """\
            ---
            title: Dunkirk smelter cuts output as power prices climb
            date: 2026-11-24 09:10
            topic: economy
            tags: [energy]
            ---
            The aluminium smelter will cut a third of its output.
            """,
        "2026-11-23-rail.md": """\
            ---
            title: Paris–Berlin night train returns
            date: 2026-11-23 18:45
            topic: transport
            tags: [rail, water]
            ---
            Night trains return in December.
            """,
    }
    if every_page_kind:
        articles["2026-11-24-heron.md"] = """\
            ---
            title: Herons return to the restored Camargue marshes
            date: 2026-11-24 10:05
            topic: environment
            tags: [water, birds]
            source: Nature Desk
            author: Inès Marchal
            image: images/wetland.svg
            image_alt: A green marsh under a pale sun, with open water in the foreground
            ---
            Ornithologists counted 340 grey herons this autumn, three times last year's number.

            The marshes were reflooded in 2024 after a decade of drainage.
            """
        articles.update(older_environment_articles(21))
        (root / "content" / "images").mkdir(parents=True, exist_ok=True)
        (root / "content" / "images" / "wetland.svg").write_text(WETLAND_SVG, encoding="utf-8")
    for name, text in articles.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def bare_url(
    tmp_path_factory: pytest.TempPathFactory, site_builder: Callable[..., Path], site_server: Callable[..., str]
) -> str:
    root = tmp_path_factory.mktemp("bare-config")
    return site_server(site_builder(write_bare_site(root), root / "site"))


@pytest.mark.parametrize(("scheme", "expected"), [("light", "default"), ("dark", "slate")])
def test_bare_site_follows_the_system_colour_scheme(
    offline_browser: Callable[..., BrowserContext], bare_url: str, scheme: str, expected: str
) -> None:
    page = offline_browser(color_scheme=scheme).new_page()
    page.goto(bare_url)
    page.wait_for_function(f"document.body.dataset.mdColorScheme === {expected!r}")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 33, 41)")
