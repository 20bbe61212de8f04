"""The email edition in Chromium: fits 375 and 600 px, readable light and dark, front matter inert.

The HTML files come from ``briefings email`` (the sample site, and a site of hostile front
matter with a logo); they are loaded with ``set_content``, offline. Screenshots go to
``tests/screenshots/email-*.png`` for a human to look at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import HOSTILE_SUMMARY, HOSTILE_TITLE, SAMPLE_CONFIG, FixtureSite, run_cli, write_site
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WIDTHS = [375, 600]
SCHEMES = ["light", "dark"]
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänskajütentürschlossschlüssel" * 2

#: The WCAG contrast of every element showing its own text, against the first opaque background behind it.
CONTRASTS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const v = rgb(c).slice(0, 3).map(x => x / 255)
      .map(x => x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const background = el => { for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor, a = rgb(c)[3];
      if (a === undefined || a > 0) return c; } return 'rgb(255, 255, 255)'; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0 || getComputedStyle(el).display === 'none') continue;
    const [f, b] = [lum(getComputedStyle(el).color), lum(background(el))];
    out.push({text: el.textContent.trim().slice(0, 40), tag: el.tagName, color: getComputedStyle(el).color,
              ratio: (Math.max(f, b) + 0.05) / (Math.min(f, b) + 0.05)});
  }
  return out;
}"""


def email_html(site: Path | FixtureSite, out: Path) -> str:
    """``briefings email latest`` for a config file or a fixture site; the HTML it wrote."""
    config = site.config if isinstance(site, FixtureSite) else site
    result = run_cli("email", "latest", "-f", config, "-o", out)
    assert result.exit_code == 0, result.output
    (html,) = out.glob("*.html")
    return html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The HTML of the sample's latest edition and of a hostile one (logo, UTM, a very long word)."""
    root = tmp_path_factory.mktemp("email")
    hostile = write_site(
        root / "hostile",
        timezone="UTC",
        extra_plugin={
            "email": {
                "logo": {"src": "assets/logo.png", "width": 160, "height": 40},
                "utm": {"source": "newsletter", "medium": "email", "campaign": "briefing-{date}"},
            }
        },
    )
    hostile.write_article(
        "hostile.md", title=HOSTILE_TITLE, date="2024-11-25 09:00", topic="defence", summary=HOSTILE_SUMMARY
    )
    hostile.write_article(
        "long.md",
        title=f"A headline with {LONG_WORD}",
        date="2024-11-25 10:00",
        topic="economy",
        priority=1,
        source_url=f"https://example.org/{LONG_WORD}",
        summary=f"A summary with {LONG_WORD} in it.",
    )
    return {"sample": email_html(SAMPLE_CONFIG, root / "sample-out"), "hostile": email_html(hostile, root / "out")}


@pytest.fixture
def show(page: Page, editions: dict[str, str]) -> Callable[[str, int, str], Page]:
    """``show(edition, width, scheme)``: the edition in ``page`` at that width and colour scheme."""

    def load(name: str, width: int, scheme: str) -> Page:
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.set_content(editions[name], wait_until="domcontentloaded")
        return page

    return load


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_fits_the_width_without_horizontal_scroll(
    show, screenshot_dir: Path, name: str, width: int, scheme: str
) -> None:
    page = show(name, width, scheme)
    page.screenshot(path=str(screenshot_dir / f"email-{name}-{width}-{scheme}.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} at {width} px ({scheme}) scrolls sideways: {scroll_width} px wide"
    card = page.locator("table.card").bounding_box()
    assert card is not None and card["width"] <= min(width, 602)  # 600 px and its 1 px border


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_card_is_at_most_600_px_on_a_wide_screen(show, screenshot_dir: Path, scheme: str) -> None:
    page = show("sample", 1280, scheme)
    page.screenshot(path=str(screenshot_dir / f"email-sample-1280-{scheme}.png"), full_page=True)
    card = page.locator("table.card").bounding_box()
    assert card is not None and 590 <= card["width"] <= 602


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_every_text_has_4_5_to_1_contrast(show, name: str, scheme: str) -> None:
    page = show(name, 600, scheme)
    measured = page.evaluate(CONTRASTS)
    assert len(measured) > 10, measured  # the headlines, summaries, meta lines, masthead and footer
    poor = [m for m in measured if m["ratio"] < 4.5]
    assert not poor, f"{scheme}: below 4.5:1: {poor}"
    colours = {m["color"] for m in measured}
    if scheme == "dark":  # the dark palette applies: no text keeps the light palette's near-black
        assert "rgb(31, 35, 40)" not in colours, colours


def test_the_preheader_is_hidden_and_the_rest_is_shown(show) -> None:
    page = show("sample", 600, "light")
    expect(page.locator(".preheader")).to_be_hidden()
    expect(page.locator("h3.headline a").first).to_be_visible()
    expect(page.get_by_role("link", name="View in your browser")).to_be_visible()
    expect(page.get_by_role("link", name="Unsubscribe")).to_be_visible()


def test_hostile_front_matter_shows_literally_and_runs_nothing(show) -> None:
    dialogs: list[str] = []
    page = show("hostile", 600, "light")
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content(page.content(), wait_until="load")  # again, now that dialogs are watched
    expect(page.locator("h3.headline a", has_text="alert(1)")).to_have_text(HOSTILE_TITLE)
    expect(page.locator(".summary", has_text="stars")).to_have_text(HOSTILE_SUMMARY)
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 1  # the logo; the summary's <img> is text
    assert page.locator("a[href^='javascript:' i]").count() == 0
    page.wait_for_timeout(200)  # an onerror handler would have fired by now
    assert dialogs == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_a_or_aa_violation(show, axe_script: Path, scheme: str) -> None:
    page = show("sample", 600, scheme)
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))"
        ".violations.map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3))"
    )
    assert found == [], found
