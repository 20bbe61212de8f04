"""Good defaults for any config (issue 11): no third-party request, light and dark mode, readable contrast.

The sites here are written by hand, not with :func:`helpers.write_site`, which
turns Material's fonts off itself: the point is what a bare ``mkdocs.yml``
(``theme: {name: material}``, ``plugins: [search, briefings]``) gives a reader.
"""

from __future__ import annotations

import colorsys
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from helpers import REPO, FixtureSite

SITE_URL = "https://news.example.org/daily/"
CSS = REPO / "briefings" / "plugin" / "theme" / "assets" / "briefings" / "briefings.css"
GOOGLE_FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")
SYSTEM_MEDIA = ("(prefers-color-scheme: light)", "(prefers-color-scheme: dark)")


def bare_site(root: Path, *, theme: dict[str, Any] | None = None, **plugin_options: object) -> FixtureSite:
    """A site whose ``mkdocs.yml`` says no more than a newcomer's would, with three articles."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    config = {
        "site_name": "Morning Wire",
        "site_url": SITE_URL,
        "theme": {"name": "material", **(theme or {})},
        "plugins": ["search", {"briefings": {"timezone": "Europe/Paris", **plugin_options}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = FixtureSite(root)
    site.write_article(
        "2026/11/2026-11-24-wetlands.md",
        "The assembly passed the wetlands bill by 312 votes to 198.\n\nFarmers' unions had opposed it.",
        title="Wetlands protection bill clears the assembly",
        date="2026-11-24 07:30",
        topic="environment",
        tags=["water", "farming"],
        priority=1,
        summary="A vote after two years of negotiation.",
    )
    site.write_article(
        "2026/11/2026-11-24-smelter.md",
        "The aluminium smelter at Dunkirk will cut a third of its output.",
        title="Dunkirk smelter cuts output as power prices climb",
        date="2026-11-24 09:10",
        topic="economy",
        tags=["energy", "industry"],
    )
    site.write_article(
        "2026/11/2026-11-23-rail.md",
        "Night trains return between Paris and Berlin in December.",
        title="Paris–Berlin night train returns",
        date="2026-11-23 18:45",
        topic="transport",
        tags=["rail"],
    )
    return site


def build(site: FixtureSite) -> Path:
    """``briefings build`` in the site folder; the built ``site/`` folder."""
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    return site.root / "site"


# --- what a page asks the network for ---------------------------------------------------------


@dataclass(frozen=True)
class Fetch:
    """A URL a page makes the browser load: a stylesheet, a script, a preconnect, an ``@import``."""

    page: str
    what: str
    url: str


#: ``<link rel>`` values that only name a page (not fetched when the page loads).
NOT_FETCHED_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "me"}
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""")


def fetches(site_dir: Path) -> Iterator[Fetch]:
    """Every URL the HTML pages and the stylesheets of a built site load, resolved against ``SITE_URL``."""
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        base = urllib.parse.urljoin(SITE_URL, page)
        tree = lxml.html.fromstring(path.read_bytes())
        for link in tree.iter("link"):
            rels = set((link.get("rel") or "").lower().split())
            if link.get("href") and not rels <= NOT_FETCHED_RELS:
                yield Fetch(page, f"<link rel={' '.join(sorted(rels))}>", urllib.parse.urljoin(base, link.get("href")))
        for element in tree.xpath("//script[@src] | //img[@src] | //iframe[@src] | //source[@src]"):
            yield Fetch(page, f"<{element.tag}>", urllib.parse.urljoin(base, element.get("src")))
        for style in tree.iter("style"):
            for match in CSS_URL.finditer(style.text or ""):
                yield Fetch(page, "<style> url", urllib.parse.urljoin(base, match.group(1) or match.group(2)))
    for path in sorted(site_dir.rglob("*.css")):
        page = path.relative_to(site_dir).as_posix()
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if not url.startswith("data:"):
                yield Fetch(page, "css url", urllib.parse.urljoin(urllib.parse.urljoin(SITE_URL, page), url))


def third_party(site_dir: Path) -> list[Fetch]:
    """The fetches that leave the site's own host."""
    own = urllib.parse.urlsplit(SITE_URL).netloc
    return [
        fetch
        for fetch in fetches(site_dir)
        if urllib.parse.urlsplit(fetch.url).scheme in ("http", "https")
        and urllib.parse.urlsplit(fetch.url).netloc != own
    ]


@pytest.fixture(scope="module")
def bare_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(bare_site(tmp_path_factory.mktemp("bare")))


def test_bare_config_pages_make_no_third_party_request(bare_build: Path) -> None:
    pages = sorted(p.relative_to(bare_build).as_posix() for p in bare_build.rglob("*.html"))
    assert {"index.html", "404.html", "archive/index.html", "tags/index.html"} <= set(pages)
    assert len([f for f in fetches(bare_build) if f.page == "index.html"]) >= 3  # the check sees the page's assets
    assert third_party(bare_build) == []
    for path in bare_build.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not any(host in html for host in GOOGLE_FONT_HOSTS), path


def test_a_site_font_without_the_opt_in_is_not_fetched_from_google(tmp_path: Path) -> None:
    site_dir = build(bare_site(tmp_path, theme={"font": {"text": "Inter", "code": "JetBrains Mono"}}))
    assert third_party(site_dir) == []


def test_google_fonts_opt_in_brings_the_font_link_back(tmp_path: Path) -> None:
    site_dir = build(bare_site(tmp_path, theme={"font": {"text": "Merriweather"}}, google_fonts=True))
    tree = lxml.html.fromstring((site_dir / "index.html").read_bytes())
    stylesheets = [link.get("href") for link in tree.iter("link") if link.get("rel") == "stylesheet"]
    fonts = [href for href in stylesheets if href.startswith("https://fonts.googleapis.com/css?family=Merriweather:")]
    assert len(fonts) == 1, stylesheets
    assert {urllib.parse.urlsplit(f.url).netloc for f in third_party(site_dir)} == set(GOOGLE_FONT_HOSTS)


def test_google_fonts_must_be_true_or_false(tmp_path: Path) -> None:
    site = bare_site(tmp_path, google_fonts="sometimes")
    result = site.briefings("build")
    assert result.exit_code != 0
    assert "google_fonts" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


# --- light and dark -------------------------------------------------------------------------


def palette_inputs(site_dir: Path, page: str = "index.html") -> list[dict[str, str]]:
    """The colour scheme choices Material renders into the header (``partials/palette.html``)."""
    tree = lxml.html.fromstring((site_dir / page).read_bytes())
    return [dict(element.attrib) for element in tree.xpath('//form[@data-md-component="palette"]/input')]


def body_attributes(site_dir: Path, page: str = "index.html") -> dict[str, str]:
    return dict(lxml.html.fromstring((site_dir / page).read_bytes()).body.attrib)


def test_without_a_palette_light_and_dark_follow_the_system(bare_build: Path) -> None:
    for page in ("index.html", "404.html", "tags/index.html"):
        schemes = palette_inputs(bare_build, page)
        assert [(s["data-md-color-media"], s["data-md-color-scheme"]) for s in schemes] == [
            (SYSTEM_MEDIA[0], "default"),
            (SYSTEM_MEDIA[1], "slate"),
        ], page
        assert all(s.get("aria-label", "").startswith("Switch to") for s in schemes)  # each has a toggle
    assert body_attributes(bare_build)["data-md-color-scheme"] == "default"  # before the script has run


@pytest.mark.parametrize(
    "palette",
    [
        {"scheme": "slate", "primary": "teal", "accent": "lime"},
        [{"scheme": "default", "primary": "deep orange", "toggle": {"icon": "material/lightbulb", "name": "Dim"}}],
    ],
    ids=["mapping", "one-scheme-list"],
)
def test_a_site_palette_is_left_as_written(tmp_path: Path, palette: dict[str, Any] | list[dict[str, Any]]) -> None:
    site_dir = build(bare_site(tmp_path, theme={"palette": palette}))
    first = palette if isinstance(palette, dict) else palette[0]
    body = body_attributes(site_dir)
    assert body["data-md-color-scheme"] == first["scheme"]
    assert body["data-md-color-primary"] == first["primary"].replace(" ", "-")
    assert not any(s.get("data-md-color-media") in SYSTEM_MEDIA for s in palette_inputs(site_dir))
    if isinstance(palette, list):
        assert len(palette_inputs(site_dir)) == 1


# --- contrast --------------------------------------------------------------------------------

#: Material 9's backgrounds: page and card (``--md-code-bg-color``), light and slate (hue 225°).
LIGHT_BACKGROUNDS = {"page": (255.0, 255.0, 255.0), "card": (245.0, 245.0, 245.0)}


def hsl(hue: float, saturation: float, lightness: float) -> tuple[float, float, float]:
    red, green, blue = colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    return red * 255, green * 255, blue * 255


SLATE_BACKGROUNDS = {"page": hsl(225, 15, 14), "card": hsl(225, 15, 18)}


def parse_colour(text: str) -> tuple[tuple[float, float, float], float]:
    """``rgba(…)``/``hsla(…)`` (the forms the stylesheet uses) as sRGB 0–255 and alpha."""
    match = re.fullmatch(r"(rgba?|hsla?)\(\s*([^)]*)\)", text.strip())
    assert match, f"not a literal colour: {text!r}"
    parts = [p.strip() for p in re.split(r"[,\s/]+", match.group(2)) if p.strip()]
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    if match.group(1).startswith("rgb"):
        return (float(parts[0]), float(parts[1]), float(parts[2])), alpha
    return hsl(float(parts[0].removesuffix("deg")), float(parts[1].rstrip("%")), float(parts[2].rstrip("%"))), alpha


def contrast(colour: tuple[tuple[float, float, float], float], background: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of a (translucent) text colour over an opaque background."""
    (rgb, alpha) = colour
    shown = [c * alpha + b * (1 - alpha) for c, b in zip(rgb, background, strict=True)]

    def luminance(values: list[float] | tuple[float, float, float]) -> float:
        linear = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(shown), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def last_declaration(css: str, property_name: str, selector_matches: Any) -> str:
    """The value the last rule whose selector list passes ``selector_matches`` gives ``property_name``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = ""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        names = [s.strip() for s in selectors.split(",")]
        for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", body):
            if name == property_name and selector_matches(names):
                found = value.strip()
    return found


def test_muted_text_reaches_aa_contrast_in_light_without_any_palette() -> None:
    css = CSS.read_text(encoding="utf-8")
    muted = parse_colour(last_declaration(css, "--bf-muted", lambda names: ":root" in names))  # no scheme attribute
    for where, background in LIGHT_BACKGROUNDS.items():
        assert contrast(muted, background) >= 4.5, where


def test_muted_text_reaches_aa_contrast_in_light_and_slate_schemes() -> None:
    css = CSS.read_text(encoding="utf-8")
    for scheme, backgrounds in (("default", LIGHT_BACKGROUNDS), ("slate", SLATE_BACKGROUNDS)):
        value = last_declaration(css, "--bf-muted", lambda names, s=scheme: f'[data-md-color-scheme="{s}"]' in names)
        for where, background in backgrounds.items():
            assert contrast(parse_colour(value), background) >= 4.5, (scheme, where)


def test_the_contrast_check_catches_materials_own_grey() -> None:
    """Material's .54 grey on the light card is the 4.47:1 the audit found: the check must refuse it."""
    assert contrast(((0.0, 0.0, 0.0), 0.54), LIGHT_BACKGROUNDS["card"]) < 4.5
