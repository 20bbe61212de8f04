"""A site built from a bare ``mkdocs.yml``, in a real browser: no third-party request, light and dark, contrast.

The config says no more than ``theme: {name: material}``, ``plugins: [search,
briefings]`` and a timezone: no ``font: false``, no palette. Every request that
would leave the machine is aborted *and recorded*, so the test sees what a
reader's browser would have asked a third party for (Google Fonts, above all).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

PAGES = (
    "",
    "briefings/2026/11/24/",
    "articles/2026/11/24/wetlands/",
    "archive/",
    "topics/",
    "topics/environment/",
    "tags/",
    "tags/water/",
    "404.html",  # what a host serves for a missing page
)
CONTRAST_RUN = """async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}}))
  .violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary))"""


def write_bare_site(root: Path) -> Path:
    """``mkdocs.yml`` as a newcomer writes it, and two days of articles; the config file."""
    (root / "docs").mkdir(parents=True)
    config = {
        "site_name": "Morning Wire",
        "site_url": "https://news.example.org/",
        "theme": {"name": "material"},
        "plugins": ["search", {"briefings": {"timezone": "Europe/Paris"}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
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
    for name, text in articles.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def bare_url(tmp_path_factory: pytest.TempPathFactory, site_builder, site_server) -> str:
    root = tmp_path_factory.mktemp("bare-config")
    return site_server(site_builder(write_bare_site(root), root / "site"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bare_site_makes_no_third_party_request(offline_browser, bare_url: str, scheme: str) -> None:
    page = offline_browser(color_scheme=scheme).new_page()
    for path in PAGES:
        page.goto(bare_url + path, wait_until="networkidle")
    assert offline_browser.blocked == []


@pytest.mark.parametrize(("scheme", "expected"), [("light", "default"), ("dark", "slate")])
def test_bare_site_follows_the_system_colour_scheme(offline_browser, bare_url: str, scheme: str, expected: str) -> None:
    page = offline_browser(color_scheme=scheme).new_page()
    page.goto(bare_url)
    page.wait_for_function(f"document.body.dataset.mdColorScheme === {expected!r}")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 33, 41)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bare_site_text_contrast_passes_axe(offline_browser, bare_url: str, axe_script: Path, scheme: str) -> None:
    page = offline_browser(color_scheme=scheme).new_page()
    failures: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(bare_url + path, wait_until="networkidle")
        page.wait_for_function("document.body.dataset.mdColorScheme !== undefined")
        page.add_script_tag(path=str(axe_script))
        found = page.evaluate(CONTRAST_RUN)
        if found:
            failures[path or "/"] = found
    assert failures == {}
