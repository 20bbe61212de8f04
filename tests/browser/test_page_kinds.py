"""Every page kind of two sites, light and dark, in Chromium: axe-core, no third-party request, no sideways scroll.

Issue 11's check matrix: {the sample site, a bare-config site} × {home, briefing,
article, topics, topic (and its page 2), tags, tag, archive, search results, docs page,
404} × {light, dark}. Each case is one test, so a failure names its site, page kind and
scheme, and lists every problem of that page at once:

* axe-core with the tags wcag2a, wcag2aa, wcag21a and wcag21aa finds nothing, at 375×667
  (phone layout) and again at 1280×800 (desktop: the sidebars a phone hides);
* every request the page makes goes to the local server (a third-party request is
  recorded, then aborted);
* at 375 px nothing scrolls sideways;
* the colour scheme really is the one asked for (``data-md-color-scheme`` on the body and
  a light or dark background), so a dark run cannot silently check light twice.

Each site is served under the path of its ``site_url`` (the sample lives at
``/world-briefing/``), the way GitHub Pages serves a project, and a missing address is
answered with the site's ``404.html``, so the 404 kind is a reader landing on a dead
link deep in the site. Both sites get their scheme from ``prefers-color-scheme``: the
sample's palette has one ``media`` query per scheme, and the plugin gives a bare config
the same. The at-least-three-headlines check lives in test_layout_in_browser.py.

Set ``BRIEFINGS_SHOTS_DIR`` to a folder to also save, for each case, the first screen
and the whole page at 375×667 and at 1280×800 (``<site>-<kind>-<scheme>-<width>.png``
and ``…-<width>-full.png``), for a person to look at.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from test_bare_config import write_bare_site

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 375, "height": 667}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Every violation with every node (up to 8): what fails, where, and axe's own explanation.
AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
  .map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 8).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
      summary: n.failureSummary.replace(/\\s+/g, ' ')}))}))"""
#: The elements that stick out past the right edge of the viewport (why a page scrolls sideways).
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 6).map(el => el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join(''))"""
#: True once no finite CSS transition or animation runs: resizing from phone to desktop fades the
#: header search box from white to translucent, and axe (or a screenshot) must not catch it halfway.
#: (Reading offsetWidth first applies the new styles, so a transition just triggered is listed.)
SETTLED = """() => document.body.offsetWidth >= 0 && document.getAnimations().every(a => a.playState !== 'running'
  || a.effect === null || a.effect.getComputedTiming().endTime === Infinity)"""
Scheme = Literal["light", "dark"]
#: Material's names for the two schemes.
SCHEMES: dict[Scheme, str] = {"light": "default", "dark": "slate"}
#: A dead address deep in the site: what a reader meets after following a stale link.
MISSING = "articles/2001/01/01/no-such-story/"
SHOTS_DIR = os.environ.get("BRIEFINGS_SHOTS_DIR")

SITES = ["sample", "bare"]
KINDS = [
    "home",
    "briefing",
    "article",
    "topics",
    "topic",
    "topic-page-2",
    "tags",
    "tag",
    "archive",
    "search",
    "docs",
    "404",
]


@dataclass(frozen=True)
class SiteUnderTest:
    """A built site as the matrix visits it: where it is served and the path of each page kind it has."""

    name: str
    url: str  # the served root, ending in "/" (the path of site_url)
    paths: dict[str, str] = field(default_factory=dict)  # kind -> path relative to url, query included

    def address(self, kind: str) -> str:
        if kind not in self.paths:
            pytest.skip(f"the {self.name} site has no {kind} page")
        return self.url + self.paths[kind]


def site_url_path(config_file: Path) -> str:
    """The path part of the config's ``site_url`` (``/world-briefing/``), where a host would serve the site."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    return urllib.parse.urlsplit(config["site_url"] or "/").path or "/"


def docs_pages(config_file: Path) -> list[str]:
    """The URL paths of the hand-written pages in the config's ``docs_dir`` (``about.md`` -> ``about/``)."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    docs = Path(config["docs_dir"])
    pages = []
    for source in sorted(docs.rglob("*.md")):
        relative = source.relative_to(docs).with_suffix("")
        if relative.name in ("index", "README"):
            relative = relative.parent
        if relative.parts:
            pages.append(relative.as_posix() + "/")
    return pages


def search_word(title: str) -> str:
    """A word of a title that full-text search will find: its longest word (ties: the first)."""
    words = re.findall(r"[^\W\d_]{4,}", title)
    assert words, f"no searchable word in the title {title!r}"
    return max(words, key=len)


def page_kinds(config_file: Path, site_dir: Path) -> dict[str, str]:
    """One path of every page kind the built site has, found from its articles and its output.

    The article is one with a picture when the site has one (the richest article page);
    the briefing is the one before the latest when there are two (it has both previous and
    next links); the topic is one with a second page when there is one.
    """
    from briefings.app.site import open_site
    from briefings.load import load_articles
    from briefings.request import BuildRequest

    articles = load_articles(open_site(BuildRequest(config_file)).settings).articles
    assert articles, f"{config_file} builds no article"
    latest_day = max(a.day for a in articles)
    newest_first = sorted(articles, key=lambda a: (a.day != latest_day, a.sort_key))
    article = next((a for a in newest_first if a.image), newest_first[0])

    def folders(pattern: str) -> list[str]:
        return sorted(p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.glob(pattern))

    briefings = [p for p in folders("briefings/**/index.html") if p.count("/") > 2]
    topics = [p for p in folders("topics/*/index.html") if "/page/" not in p]
    second_pages = folders("topics/*/page/2/index.html")
    tags = folders("tags/*/index.html")
    assert briefings and topics and tags, f"{site_dir} lacks briefings, topics or tags"
    kinds = {
        "home": "",
        "briefing": briefings[-2] if len(briefings) > 1 else briefings[-1],
        "article": article.url,
        "topics": "topics/",
        "topic": second_pages[0].split("page/")[0] if second_pages else topics[0],
        "tags": "tags/",
        "tag": tags[0],
        "archive": "archive/",
        "search": "search/?q=" + urllib.parse.quote(search_word(article.title)),
        "404": MISSING,
    }
    if second_pages:
        kinds["topic-page-2"] = second_pages[0]
    docs = docs_pages(config_file)
    if docs:
        kinds["docs"] = docs[0]
    return kinds


@pytest.fixture(scope="module")
def sites(
    sample_config: Path,
    sample_site: Path,
    tmp_path_factory: pytest.TempPathFactory,
    site_builder: Callable[..., Path],
    site_server: Callable[..., str],
) -> dict[str, SiteUnderTest]:
    """Both sites, each built once, served under their ``site_url`` path with a real 404 page."""
    bare_root = tmp_path_factory.mktemp("matrix-bare")
    bare_config = write_bare_site(bare_root, every_page_kind=True)
    bare_site = site_builder(bare_config, bare_root / "site")
    built = {"sample": (sample_config, sample_site), "bare": (bare_config, bare_site)}
    found: dict[str, SiteUnderTest] = {}
    for name, (config_file, site_dir) in built.items():
        url = site_server(site_dir, site_url_path(config_file), not_found_page=True)
        found[name] = SiteUnderTest(name, url, page_kinds(config_file, site_dir))
    return found


@pytest.fixture(scope="module")
def scheme_contexts(
    browser: Browser, make_offline: Callable[[BrowserContext], None]
) -> Iterator[Callable[[Scheme], BrowserContext]]:
    """One offline browser context per colour scheme, shared by every case of that scheme."""
    contexts: dict[Scheme, BrowserContext] = {}

    def context_for(scheme: Scheme) -> BrowserContext:
        if scheme not in contexts:
            contexts[scheme] = browser.new_context(viewport=PHONE, color_scheme=scheme)
            make_offline(contexts[scheme])
        return contexts[scheme]

    yield context_for
    for context in contexts.values():
        context.close()


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an ``rgb()`` colour."""
    channels = (float(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3])
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def axe_problems(page: Page, where: str) -> list[str]:
    """axe-core's violations on the page as it is now (axe already injected), one readable block per rule."""
    problems = []
    for violation in page.evaluate(AXE_RUN, AXE_TAGS):
        nodes = "".join(
            f"\n      {node['target']}\n        {node['html']}\n        {node['summary']}"
            for node in violation["nodes"]
        )
        problems.append(
            f"axe {where}: {violation['id']} ({violation['impact']}, {violation['count']} element(s)): "
            f"{violation['help']}{nodes}"
        )
    return problems


def wait_until_settled(page: Page, kind: str, console: list[str]) -> None:
    """Until the page shows what a reader came for: search results on the search page, fonts loaded."""
    if kind == "search":
        results = page.locator(".bf-sp__results .bf-result__title a")
        expect(page.locator("[data-bf-search-page]")).not_to_have_attribute("aria-busy", "true", timeout=10_000)
        try:
            expect(results.first).to_be_visible(timeout=10_000)
        except AssertionError:
            status = page.locator(".bf-sp__status").inner_text()
            pytest.fail(f"{page.url}: no search result; status {status!r}; console errors: {console}", pytrace=False)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function(SETTLED, timeout=5_000)


def save_screenshots(page: Page, stem: Path, viewport: ViewportSize) -> None:
    """``<stem>.png``, the first screen, and ``<stem>-full.png``, the whole page, both after transitions end.

    Not ``full_page=True``: it resizes the viewport while capturing, which restarts
    Material's header transitions and photographs them halfway (a white search box).
    """
    stem.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{stem}.png")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.wait_for_function(SETTLED, timeout=5_000)
    page.screenshot(path=f"{stem}-full.png")
    page.set_viewport_size(viewport)
    page.wait_for_function(SETTLED, timeout=5_000)


def third_party(requested: list[str], local_origin: str) -> list[str]:
    """The requested URLs that go to any host but the local server (``data:`` and ``blob:`` go nowhere)."""
    return sorted(
        {
            url
            for url in requested
            if not url.startswith(("data:", "blob:", "about:")) and not url.startswith(local_origin)
        }
    )


def check_page(
    page: Page, site_url: str, address: str, kind: str, scheme: Scheme, axe_script: Path, shots: str | None = None
) -> list[str]:
    """Every problem a reader would meet on ``address`` (``page`` fresh, at the phone viewport), readably.

    Fails outright when the page is not what the case is about: a wrong HTTP status, no
    search result on the search page, or a colour scheme other than the one asked for.
    ``shots`` is a file stem prefix: screenshots go to ``<shots>-<width>.png`` (and ``-full``).
    """
    requested: list[str] = []
    errors: list[str] = []  # uncaught JavaScript errors: a problem
    console: list[str] = []  # console errors: context for whoever reads a failure
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    response = page.goto(address, wait_until="networkidle")
    assert response is not None, address
    assert response.status == (404 if kind == "404" else 200), f"{address}: HTTP {response.status}"
    wait_until_settled(page, kind, console)

    # The scheme asked for is really applied: Material's attribute and the background it paints.
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (luminance(background) < 0.2) == (scheme == "dark"), f"{address}: {scheme} asked, background {background}"

    problems = []
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert inner_width == PHONE["width"]
    if scroll_width > inner_width:
        problems.append(f"scrolls sideways at {inner_width}px: {scroll_width}px wide, {page.evaluate(TOO_WIDE)}")
    page.add_script_tag(path=str(axe_script))
    problems += axe_problems(page, f"{PHONE['width']}×{PHONE['height']}")
    if shots:
        save_screenshots(page, Path(f"{shots}-{PHONE['width']}"), PHONE)

    page.set_viewport_size(DESKTOP)
    page.wait_for_function(f"innerWidth === {DESKTOP['width']}")
    page.wait_for_function(SETTLED, timeout=5_000)
    problems += axe_problems(page, f"{DESKTOP['width']}×{DESKTOP['height']}")
    if shots:
        save_screenshots(page, Path(f"{shots}-{DESKTOP['width']}"), DESKTOP)

    origin = "{0.scheme}://{0.netloc}/".format(urllib.parse.urlsplit(site_url))
    problems += [f"third-party request: {url}" for url in third_party(requested, origin)]
    problems += [f"uncaught JavaScript error: {error}" for error in errors]
    return problems


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site_name", SITES)
def test_page_kind(
    sites: dict[str, SiteUnderTest],
    scheme_contexts: Callable[[Scheme], BrowserContext],
    axe_script: Path,
    site_name: str,
    kind: str,
    scheme: Scheme,
) -> None:
    site = sites[site_name]
    address = site.address(kind)
    shots = str(Path(SHOTS_DIR) / f"{site_name}-{kind}-{scheme}") if SHOTS_DIR else None
    page = scheme_contexts(scheme).new_page()
    try:
        problems = check_page(page, site.url, address, kind, scheme, axe_script, shots)
    finally:
        page.close()
    assert not problems, f"{site_name} {kind} ({scheme}) {address}:\n" + "\n".join(problems)


#: What the canary site adds to the bare config: each line is a fault one check must report.
CANARY_CSS = """\
.md-typeset * { color: #c4c4c4 !important; }  /* 1.7:1 on white: axe's color-contrast */
.md-content { min-width: 30rem; }             /* wider than a phone: sideways scroll */
"""


def test_the_checks_catch_what_they_are_for(
    tmp_path: Path,
    site_builder: Callable[..., Path],
    site_server: Callable[..., str],
    scheme_contexts: Callable[[Scheme], BrowserContext],
    axe_script: Path,
) -> None:
    """A site with one fault per check (Google Fonts on, pale grey text, a too-wide column) fails each of them.

    Without this, a check that silently stopped working (requests no longer recorded, a
    misspelt axe tag, a scroll width read before layout) would leave the matrix green.
    """
    config_file = write_bare_site(tmp_path)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = ["search", {"briefings": {"timezone": "Europe/Paris", "google_fonts": True}}]
    config["extra_css"] = ["canary.css"]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (tmp_path / "docs" / "canary.css").write_text(CANARY_CSS, encoding="utf-8")
    url = site_server(site_builder(config_file, tmp_path / "site"), site_url_path(config_file), not_found_page=True)
    page = scheme_contexts("light").new_page()
    try:
        problems = check_page(page, url, url, "home", "light", axe_script)
    finally:
        page.close()
    found = "\n".join(problems)
    assert any(p.startswith("scrolls sideways at 375px") for p in problems), found
    assert any(p.startswith("axe 375×667: color-contrast") for p in problems), found
    assert any(p.startswith("axe 1280×800: color-contrast") for p in problems), found
    assert any(p.startswith("third-party request: https://fonts.googleapis.com/") for p in problems), found
