"""The keyboard alone, in Chromium, on every page kind of two sites, on a phone and on a desktop.

What a keyboard user must get (issue 11, "Keyboard"):

* the first Tab stop is a skip link, shown when focused, and following it puts focus in
  the page's main content, on every page kind (Material draws one only on pages with a
  table of contents);
* every Tab stop, through the whole page, is something the reader can see (a box with a
  size, in the viewport once the browser has scrolled to it, not under ``visibility:
  hidden``, ``inert``, zero opacity or an ``overflow`` that clips it away) and has an
  accessible name: no stop in the closed navigation drawer, in the closed search, or on
  an empty scroll container;
* the drawer opens from the keyboard (its header button), its links are then reachable,
  Escape closes it and gives focus back; on a desktop its links are ordinary Tab stops;
* the search opens with "/" and from its header button on a phone, Escape closes it, and
  focus that leaves an open panel closes it rather than hiding behind its overlay.

The two sites are the sample (``mkdocs.yml``) and a bare config (``theme: material``,
``plugins: [search, briefings]``, a timezone) given one hand-written docs page; each is
served under the path of its ``site_url``, as GitHub Pages would serve it. Accessible
names are Chromium's own (the DevTools protocol's accessibility tree), not a guess.
"""

from __future__ import annotations

import re
import textwrap
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, CDPSession, Locator, Page, expect
from test_bare_config import write_bare_site

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
#: Between Material's 60em and 76.25em: the search box is in the header, the navigation is a drawer.
TABLET = {"width": 1024, "height": 768}
#: The two screens of the page-kind matrix (issue 11); the drawer is also tried on a tablet.
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
#: ``open_page(site, kind, screen)``: a page of that site and kind at that screen size (the fixture below).
OpenPage = Callable[[str, str, str], Page]
#: Enough for every page kind of both sites (the sample's home page has about 60 stops).
MAX_STOPS = 150
KINDS = ["home", "briefing", "article", "topics", "topic", "tags", "tag", "archive", "search", "docs", "404"]
#: Material's English "action.skip"; both sites are in English.
SKIP_LABEL = "Skip to content"

#: The focused element, once the browser has finished scrolling to it and any transition on it
#: (the skip link fades in) has ended: where it is and why it could not be seen, if it cannot.
FOCUSED = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  // Wait while something that can hide or move the element is in transition on it or around it
  // (the skip link fades in, a panel slides); colour transitions do not matter.
  const MOVES = /^(opacity|transform|translate|visibility|width|height|max-height|top|left|right|bottom)$/;
  const moving = () => document.getAnimations().some((a) => a.playState === "running"
    && MOVES.test(a.transitionProperty || "") && a.effect && a.effect.target && a.effect.target.contains
    && (a.effect.target.contains(el) || (el.nextElementSibling === a.effect.target)));
  for (let i = 0; i < 60 && moving(); i++) await frame();
  const describe = (n) => n.tagName.toLowerCase() + (n.id ? "#" + n.id : "")
    + [...n.classList].filter((c) => c !== "focus-visible").map((c) => "." + c).join("");
  const path = [];
  for (let n = el; n && n !== document.body && path.length < 4; n = n.parentElement) path.unshift(describe(n));
  // Material's option inputs (the palette toggle) are 0×0: the label next to them shows them.
  let shown = el;
  const r0 = el.getBoundingClientRect();
  if ((r0.width === 0 || r0.height === 0) && el.nextElementSibling && el.nextElementSibling.tagName === "LABEL") {
    shown = el.nextElementSibling;
  }
  const r = shown.getBoundingClientRect();
  const problems = [];
  if (!(r.width > 0 && r.height > 0)) problems.push(`no size (${r.width}×${r.height})`);
  if (!(r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth)) {
    problems.push(`outside the viewport (${Math.round(r.left)}, ${Math.round(r.top)})`);
  }
  if (!shown.checkVisibility({visibilityProperty: true, opacityProperty: true})) {
    problems.push("hidden (visibility, opacity or display)");
  }
  if (el.closest("[inert]")) problems.push("inside an inert element");
  for (let n = shown.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
    if (getComputedStyle(n).overflow === "visible") continue;
    const c = n.getBoundingClientRect();
    if (r.right <= c.left || r.left >= c.right || r.bottom <= c.top || r.top >= c.bottom) {
      problems.push("clipped away by " + describe(n));
      break;
    }
  }
  const region = el.closest(".md-sidebar--primary") ? "drawer" : el.closest(".md-search") ? "search"
    : el.closest(".md-sidebar--secondary") ? "toc" : el.closest("[data-md-component=content]") ? "content"
    : el.closest(".md-header") ? "header" : el.closest(".md-footer") ? "footer" : "page";
  return {where: path.join(" > "), region, problems};
}"""


@dataclass(frozen=True)
class Stop:
    """One Tab stop: where it is, what Chromium calls it, and why it could not be seen (if it cannot)."""

    where: str
    region: str  # drawer, search, toc, content, header, footer or page
    role: str
    name: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        why = f": {', '.join(self.problems)}" if self.problems else ""
        return f"{self.region}: {self.where} [{self.role} {self.name!r}]{why}"


@dataclass(frozen=True)
class SiteUnderTest:
    """A built site, served under the path of its ``site_url``, with one path of each page kind."""

    name: str
    url: str
    paths: dict[str, str] = field(default_factory=dict)

    def address(self, kind: str) -> str:
        return self.url + self.paths[kind]


# --- the sites ----------------------------------------------------------------------------------

BARE_DOCS_PAGE = """\
    # Reading this site

    Each morning's briefing gathers the stories of the day. Write to
    [the editors](mailto:desk@news.example.org) about a correction.

    ## Topics

    Stories are grouped by topic.

    ## Feeds

    Every briefing is also in the [RSS feed](https://news.example.org/feed.xml).
    """


def site_url_path(config_file: Path) -> str:
    """The path of the config's ``site_url`` (``/world-briefing/``): where the host serves the site."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    return urllib.parse.urlsplit(config["site_url"] or "/").path or "/"


def page_paths(site_dir: Path, docs_page: str) -> dict[str, str]:
    """One path (relative to the site root) of every page kind, found in the built output."""

    def folders(pattern: str) -> list[str]:
        found = sorted(p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.glob(pattern))
        found = [f for f in found if "/page/" not in f]
        assert found, f"no {pattern} in {site_dir}"
        return found

    article = folders("articles/**/index.html")[0]
    title = re.search(r"<title>(.*?)</title>", (site_dir / article / "index.html").read_text(encoding="utf-8"), re.S)
    assert title, f"{article} has no <title>"
    word = max(re.findall(r"[^\W\d_]{4,}", title.group(1)), key=len)
    return {
        "home": "",
        "briefing": [b for b in folders("briefings/**/index.html") if b.count("/") > 2][-1],
        "article": article,
        "topics": "topics/",
        "topic": folders("topics/*/index.html")[0],
        "tags": "tags/",
        "tag": folders("tags/*/index.html")[0],
        "archive": "archive/",
        "search": "search/?q=" + urllib.parse.quote(word),
        "docs": docs_page,
        "404": "404.html",  # the page a host sends for a missing address; its links are absolute
    }


@pytest.fixture(scope="module")
def sites(
    sample_config: Path,
    sample_site: Path,
    tmp_path_factory: pytest.TempPathFactory,
    site_builder: Callable[..., Path],
    site_server: Callable[..., str],
) -> dict[str, SiteUnderTest]:
    """The sample site and a bare-config site (plus one docs page), each served under its ``site_url`` path."""
    bare_root = tmp_path_factory.mktemp("keyboard-bare")
    bare_config = write_bare_site(bare_root)
    (bare_root / "docs" / "reading.md").write_text(textwrap.dedent(BARE_DOCS_PAGE), encoding="utf-8")
    bare_site = site_builder(bare_config, bare_root / "site")
    found = {}
    for name, config_file, site_dir, docs_page in (
        ("sample", sample_config, sample_site, "about/"),
        ("bare", bare_config, bare_site, "reading/"),
    ):
        url = site_server(site_dir, site_url_path(config_file))
        found[name] = SiteUnderTest(name, url, page_paths(site_dir, docs_page))
    return found


@pytest.fixture(scope="module")
def screen_contexts(
    make_offline_context: Callable[..., BrowserContext],
) -> Iterator[Callable[[str], BrowserContext]]:
    """One offline browser context per screen size, shared by the cases of that size."""
    contexts: dict[str, BrowserContext] = {}

    def context_for(screen: str) -> BrowserContext:
        if screen not in contexts:
            contexts[screen] = make_offline_context(viewport={**SCREENS, "tablet": TABLET}[screen])
        return contexts[screen]

    yield context_for
    for context in contexts.values():
        context.close()


#: Any URL that is not this machine's: aborted, so the pages are hermetic (as conftest's keep_offline).
NOT_LOOPBACK = re.compile(r"^(?!(?:https?)://(?:127\.0\.0\.1|localhost)(?:[:/]|$)|data:|blob:|about:)")


@pytest.fixture(scope="module")
def make_offline_context(browser: Browser) -> Callable[..., BrowserContext]:
    """``browser.new_context`` whose requests never leave the machine."""

    def make(**kwargs: object) -> BrowserContext:
        context = browser.new_context(**kwargs)
        context.route(NOT_LOOPBACK, lambda route: route.abort())
        return context

    return make


@pytest.fixture
def open_page(screen_contexts: Callable[[str], BrowserContext], sites: dict[str, SiteUnderTest]) -> Iterator[OpenPage]:
    """``open_page(site, kind, screen)``: a new page showing that page kind, ready for keys; closed after the test."""
    pages: list[Page] = []

    def open_(site_name: str, kind: str, screen: str) -> Page:
        page = screen_contexts(screen).new_page()
        pages.append(page)
        page.goto(sites[site_name].address(kind))
        if kind == "search":  # the results are drawn by search.js: walk the page once they are there
            expect(page.locator(".bf-sp__results .bf-result__title a").first).to_be_visible(timeout=10_000)
        expect(page.locator("html")).to_have_class(re.compile(r"\bbf-keys\b"))  # focus.js has run
        return page

    yield open_
    for page in pages:
        page.close()


# --- reading focus ------------------------------------------------------------------------------


def focused(page: Page, cdp: CDPSession) -> Stop | None:
    """The focused element as a :class:`Stop` (None when focus is on the document itself)."""
    found = page.evaluate(FOCUSED)
    if found is None:
        return None
    handle = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]["objectId"]
    node = cdp.send("Accessibility.getPartialAXTree", {"objectId": handle, "fetchRelatives": False})["nodes"][0]
    name = str(node.get("name", {}).get("value", "")).strip()
    role = str(node.get("role", {}).get("value", ""))
    return Stop(found["where"], found["region"], role, name, tuple(found["problems"]))


def tab_through(page: Page, *, limit: int = MAX_STOPS) -> list[Stop]:
    """Every Tab stop from the top of the page, in order, until focus leaves the page or comes round again."""
    cdp = page.context.new_cdp_session(page)
    try:
        stops: list[Stop] = []
        for _ in range(limit):
            page.keyboard.press("Tab")
            stop = focused(page, cdp)
            if stop is None or (stops and stop.where == stops[0].where and stop.name == stops[0].name):
                break
            stops.append(stop)
        return stops
    finally:
        cdp.detach()


def focus_is_in_main_content(page: Page) -> bool:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return !!el && el !== document.body && !!el.closest("[data-md-component=content]"); }"""
    )


def focus_is_in_or_after_main_content(page: Page) -> bool:
    """In the content, or past its end (a page whose content has no link goes on to the footer)."""
    return page.evaluate(
        """() => { const el = document.activeElement, content = document.querySelector("[data-md-component=content]");
                   return !!el && el !== document.body && !!content && (content.contains(el)
                     || !!(content.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)); }"""
    )


# --- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site_name", ["sample", "bare"])
def test_every_tab_stop_is_visible_and_named(open_page: OpenPage, site_name: str, kind: str, screen: str) -> None:
    page = open_page(site_name, kind, screen)
    stops = tab_through(page)
    assert stops, "no Tab stop at all"
    first = stops[0]
    assert first.role == "link" and first.name == SKIP_LABEL, f"the first Tab stop is {first}, not the skip link"
    assert [s.name for s in stops].count(SKIP_LABEL) == 1, "more than one skip link: " + ", ".join(map(str, stops))
    assert len(stops) < MAX_STOPS, f"focus never came round after {MAX_STOPS} stops: a trap?"
    unseen = [str(s) for s in stops if s.problems]
    unnamed = [str(s) for s in stops if not s.name]
    assert not unseen, "Tab stops a reader cannot see:\n" + "\n".join(unseen)
    assert not unnamed, "Tab stops without an accessible name:\n" + "\n".join(unnamed)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site_name", ["sample", "bare"])
def test_the_skip_link_moves_focus_to_the_main_content(
    open_page: OpenPage, site_name: str, kind: str, screen: str
) -> None:
    page = open_page(site_name, kind, screen)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip:focus")
    expect(skip).to_have_count(1)
    expect(skip).to_have_text(SKIP_LABEL)
    expect(skip).to_have_css("opacity", "1")  # shown once focused (Material fades it in)
    box = skip.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.closest('[data-md-component=content]')")
    assert focus_is_in_main_content(page)
    # The next Tab goes on from there: to the content's first link, past the header and navigation.
    page.keyboard.press("Tab")
    assert focus_is_in_or_after_main_content(page), page.evaluate("document.activeElement.outerHTML.slice(0, 200)")


def drawer_links(page: Page) -> Locator:
    """The top-level links of the navigation (the drawer on a phone or tablet, the left sidebar on a desktop)."""
    return page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")


def settle(page: Page) -> None:
    """Until no transition runs on the page (a panel has finished sliding in or out)."""
    page.wait_for_function(
        """() => new Promise((done) => {
             const running = () => document.getAnimations().some((a) => a.playState === "running");
             const wait = () => (running() ? requestAnimationFrame(wait) : done(true));
             wait();
           })"""
    )


def can_focus(page: Page, selector: str) -> bool:
    """Whether ``element.focus()`` moves focus there (it does not to a hidden or inert element).

    A closing panel stays visible, and so focusable, while it slides away (0.25-0.3 s):
    the check waits for the end of the panel's transitions (focusing the search box
    while it fades out would open it again).
    """
    settle(page)
    return page.locator(selector).first.evaluate(
        """el => { el.focus();
                   const focused = document.activeElement === el;
                   if (focused) el.blur();
                   return focused; }"""
    )


@pytest.mark.parametrize(("site_name", "screen"), [("sample", "phone"), ("bare", "phone"), ("sample", "tablet")])
def test_drawer_opens_from_the_keyboard_and_gives_focus_back(open_page: OpenPage, site_name: str, screen: str) -> None:
    page = open_page(site_name, "article", screen)
    links = drawer_links(page)
    names = [name.strip() for name in links.all_text_contents()]
    assert len(names) >= 4, names  # Latest (or Today), Archive, Topics, Tags, docs pages
    stops = tab_through(page)
    assert not {s.name for s in stops if s.region == "drawer"}, "closed drawer links take Tab stops"
    assert not can_focus(page, ".md-sidebar--primary a.md-nav__link")

    page.goto(page.url)  # from the top again
    button = page.locator(".md-header label.md-header__button[for=__drawer]")
    expect(button).to_have_attribute("role", "button")
    expect(button).to_have_attribute("aria-expanded", "false")
    for _ in range(5):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).to_be_checked()
    expect(button).to_have_attribute("aria-expanded", "true")
    cdp = page.context.new_cdp_session(page)
    reached = []
    for _ in range(len(names) + 10):
        stop = focused(page, cdp)
        assert stop is not None and not stop.problems, f"focus in the open drawer: {stop}"
        if stop.region != "drawer":
            break
        reached.append(stop.name)
        page.keyboard.press("Tab")
    assert set(names) <= set(reached), f"drawer links {names}, reached by Tab {reached}"
    # Tab past the last link left the drawer: it closed rather than cover what has focus now.
    expect(page.locator("#__drawer")).not_to_be_checked()

    # Escape closes it from inside and gives focus back to the menu button.
    button.focus()
    page.keyboard.press("Space")
    expect(page.locator("#__drawer")).to_be_checked()
    expect(page.locator(".md-sidebar--primary :focus")).to_have_count(1)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")


def test_drawer_links_follow_the_breakpoint(open_page: OpenPage) -> None:
    """On a desktop the sidebar is on screen and its links are Tab stops; narrowed to a phone, they are not."""
    page = open_page("sample", "tags", "desktop")
    stops = tab_through(page)
    nav = [s.name for s in stops if s.region == "drawer"]
    assert {name.strip() for name in drawer_links(page).all_text_contents()} <= set(nav), nav
    try:
        for narrower in (TABLET, PHONE):  # the drawer: with the search in the header, then without
            page.set_viewport_size(narrower)
            page.wait_for_function(f"innerWidth === {narrower['width']}")
            assert not can_focus(page, ".md-sidebar--primary a.md-nav__link"), narrower
        page.set_viewport_size(DESKTOP)
        page.wait_for_function(f"innerWidth === {DESKTOP['width']}")
        assert can_focus(page, ".md-sidebar--primary a.md-nav__link")
    finally:
        page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_search_opens_with_slash_and_closes_with_escape(open_page: OpenPage, screen: str) -> None:
    page = open_page("sample", "article", screen)
    box = page.locator("[data-bf-search-input]")
    toggle = page.locator("#__search")
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(box).to_be_visible()
    expect(box).to_have_value("")
    page.keyboard.type("climate", delay=20)
    expect(page.locator("#bf-search-list [role=option]").first).to_be_visible(timeout=10_000)
    cdp = page.context.new_cdp_session(page)
    # Tab from the box: the results' "see all" link, a visible, named stop (no empty scroll area)...
    page.keyboard.press("Tab")
    stop = focused(page, cdp)
    assert stop is not None and "bf-search-result__all" in stop.where and stop.name and not stop.problems, stop
    # ...then out of the search, which closes rather than stay open over what has focus.
    page.keyboard.press("Tab")
    expect(toggle).not_to_be_checked()
    stop = focused(page, cdp)
    assert stop is not None and not stop.problems and stop.region != "search", stop
    assert not can_focus(page, "[data-bf-search-all]")

    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).not_to_be_checked()
    if screen == "phone":  # the box is gone with its panel: focus goes back to the search button
        expect(page.locator(".md-header label.md-header__button[for=__search]")).to_be_focused()
        assert not can_focus(page, "[data-bf-search-input]")
    else:  # the box stays in the header, focusable
        expect(box).not_to_be_focused()
        assert can_focus(page, "[data-bf-search-input]")


def test_phone_search_button_opens_the_search(open_page: OpenPage) -> None:
    page = open_page("bare", "home", "phone")
    button = page.locator(".md-header label.md-header__button[for=__search]")
    expect(button).to_have_attribute("role", "button")
    expect(button).to_have_accessible_name("Search")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#__search")).to_be_checked()
    box = page.locator("[data-bf-search-input]")
    expect(box).to_be_focused()
    expect(box).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    # Opened and left empty, the search has no stop but its box: Tab leaves it (and closes it) for a
    # visible, named stop, not for an empty results area.
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    settle(page)
    page.keyboard.press("Tab")
    expect(page.locator("#__search")).not_to_be_checked()
    cdp = page.context.new_cdp_session(page)
    stop = focused(page, cdp)
    assert stop is not None and stop.region != "search" and stop.name and not stop.problems, stop


def test_skip_link_without_its_target_still_reaches_the_content(open_page: OpenPage) -> None:
    """A site template that replaces Material's container (no #bf-main): the content's <article> takes focus."""
    page = open_page("bare", "tags", "phone")
    page.evaluate("document.getElementById('bf-main').removeAttribute('id')")
    page.keyboard.press("Tab")
    expect(page.locator("a.bf-skip")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.matches('article.md-content__inner')")
    page.keyboard.press("Tab")
    assert focus_is_in_or_after_main_content(page)
