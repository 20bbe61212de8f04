"""Site search (Pagefind) in Chromium: the header box, the /search/ page, sub-paths, several bundles, axe-core.

Each site here is small and written by this module (``mkdocs.yml`` and articles with
planted words), built once per module and served on loopback by the fixtures of
``conftest.py``. The multi-bundle site is built with a tiny ``WORDS_PER_BUNDLE`` so
that its eight articles are split over four Pagefind bundles.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
RESULT_STATUS = re.compile(r"\d+ results?|No matching")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' '))}))"""

TOPICS = {
    "defence": {"title": "Defence & Security", "description": "Armies and alliances.", "keywords": ["troops"]},
    "politics": {"title": "Politics", "description": "Governments and elections.", "keywords": ["election"]},
    "economy": {"title": "Economy", "description": "Markets and trade.", "keywords": ["trade"]},
}
PALETTE = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "indigo",
        "accent": "deep orange",
        "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "indigo",
        "accent": "amber",
        "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
    },
]


@dataclass(frozen=True)
class Story:
    """One fixture article; its URL follows from its date and file slug."""

    slug: str
    day: str  # "2024-05-06"
    title: str
    topic: str
    body: str
    source: str = "Example Wire"
    author: str = "Desk Editor"
    tags: tuple[str, ...] = ("Europe",)

    @property
    def path(self) -> str:
        return "/articles/{}/{}/".format(self.day.replace("-", "/"), self.slug)


# Each planted word occurs in exactly one article, in the place the test names.
BODY_WORD = "quillfeather"  # body only
QUOTED_WORD = "zorblaxian"  # body only, inside quotes
ACCENTED = ("Noel", "Noël")  # typed without the accent; the article has only the accented form
TAG = "Glaciology"  # tags only
SOURCE = "Fjordline Courier"  # source only
AUTHOR = "Tamsin Okonkwo"  # author only
TOPIC_WORD = "council"  # several articles in several topics
MAIN_STORIES = [
    Story(
        "harbour-cranes-modernised",
        "2024-05-06",
        "Harbour Cranes Modernised",
        "economy",
        f"The port replaced its cranes. Engineers praised the {BODY_WORD} design of the new booms.\n\n"
        f"The city {TOPIC_WORD} approved the budget.",
        source="Port Gazette",
        author="Mira Lindqvist",
        tags=("Shipping",),
    ),
    Story(
        "minister-mocks-rival-plan",
        "2024-05-06",
        "Minister Mocks Rival Plan",
        "politics",
        f'The minister called the opposition plan "{QUOTED_WORD}" in a speech on Monday.\n\n'
        f"The {TOPIC_WORD} met again in the evening.",
    ),
    Story(
        "winter-market-returns",
        "2024-05-07",
        "Winter Market Returns",
        "politics",
        f"The {ACCENTED[1]} market opens in the old square with forty stalls.\n\n"
        f"The regional {TOPIC_WORD} voted to extend its hours.",
    ),
    Story(
        "ice-cores-drilled",
        "2024-05-07",
        "Ice Cores Drilled in the Alps",
        "economy",
        "Researchers drilled three cores from a shrinking glacier to study past summers.",
        tags=("Science", TAG),
    ),
    Story(
        "ferry-timetable-changes",
        "2024-05-08",
        "Ferry Timetable Changes",
        "politics",
        f"Ferries will sail every hour from June, the operator said. The {TOPIC_WORD} welcomed it.",
        source=SOURCE,
    ),
    Story(
        "patrol-boats-ordered",
        "2024-05-08",
        "Patrol Boats Ordered",
        "defence",
        f"The navy ordered six patrol boats. The defence {TOPIC_WORD} must still approve the contract.",
        author=AUTHOR,
    ),
    Story(
        "border-talks-resume",
        "2024-05-09",
        "Border Talks Resume",
        "politics",
        f"Negotiators resumed talks on the border crossing. A {TOPIC_WORD} spokesperson declined to comment.",
    ),
]

# The multi-bundle site: eight articles on eight days, ~20 words each, 50 words per bundle.
COMMON_WORD = "marmalade"
MULTI_STORIES = [
    Story(
        f"bulletin-{i}",
        f"2024-03-{i:02d}",
        f"Bulletin Number {i}",
        ("politics", "economy")[i % 2],
        " ".join([COMMON_WORD, f"uniqword{i}"] + [f"filler{i}x{j}" for j in range(16)]),
    )
    for i in range(1, 9)
]
MULTI_WORDS_PER_BUNDLE = 50


def write_site(root: Path, stories: list[Story], *, site_url: str) -> Path:
    """``mkdocs.yml`` (Material with light and dark palettes, the briefings plugin), ``docs/``, ``content/``."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nA fixture site for search.\n", encoding="utf-8")
    config = {
        "site_name": "Search Fixture",
        "site_url": site_url,
        "theme": {"name": "material", "font": False, "language": "en", "palette": PALETTE},
        "plugins": ["search", {"briefings": {"timezone": "UTC", "period": "day", "topics": TOPICS}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for story in stories:
        front = {
            "title": story.title,
            "date": f"{story.day} 09:00",
            "topic": story.topic,
            "source": story.source,
            "author": story.author,
            "tags": list(story.tags),
        }
        path = root / "content" / story.day[:4] / f"{story.day}-{story.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\n{yaml.safe_dump(front, sort_keys=False, allow_unicode=True)}---\n\n{story.body}\n", "utf-8"
        )
    return root / "mkdocs.yml"


def check_built(site: Path, stories: list[Story]) -> Path:
    missing = [s.path for s in stories if not (site / s.path.strip("/") / "index.html").is_file()]
    assert not missing, f"articles not at the expected URLs: {missing}"
    assert (site / "search" / "index.html").is_file()
    return site


@pytest.fixture(scope="module")
def main_site(tmp_path_factory: pytest.TempPathFactory, site_builder) -> Path:
    root = tmp_path_factory.mktemp("search-main")
    config = write_site(root, MAIN_STORIES, site_url="https://example.org/")
    return check_built(site_builder(config, root / "site"), MAIN_STORIES)


@pytest.fixture(scope="module")
def main_url(main_site: Path, site_server) -> str:
    return site_server(main_site)


@pytest.fixture(scope="module")
def repo_url(tmp_path_factory: pytest.TempPathFactory, site_builder, site_server) -> str:
    """The same site built for https://example.org/repo/ and served under /repo/ only."""
    root = tmp_path_factory.mktemp("search-repo")
    config = write_site(root, MAIN_STORIES, site_url="https://example.org/repo/")
    site = check_built(site_builder(config, root / "site"), MAIN_STORIES)
    return site_server(site, prefix="/repo")


@pytest.fixture(scope="module")
def multi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight articles in five bundles: the build runs with ``briefings.search.WORDS_PER_BUNDLE`` = 50.

    Oldest first: three full bundles of two articles (36 words), one of half the size
    (one article), and the newest, holding the newest article and the About page; there
    the newest article is marked "recent" (``RECENT_SHARE``: 50 // 16 words), the page is last.
    """
    root = tmp_path_factory.mktemp("search-multi")
    config = write_site(root, MULTI_STORIES, site_url="https://example.org/")
    script = (
        "import sys, briefings.search as s; from briefings.cli import main\n"
        f"s.WORDS_PER_BUNDLE = {MULTI_WORDS_PER_BUNDLE}\n"
        "main(['build', '-f', sys.argv[1], '-d', sys.argv[2]], standalone_mode=False)\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script, str(config), str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    site = check_built(root / "site", MULTI_STORIES)
    manifest = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert manifest == {
        "bundles": ["", "part-2/", "part-3/", "part-4/", "part-5/"],
        "recent": "bf_recent",
        "undated": 1,
    }, manifest
    return site


@pytest.fixture(scope="module")
def multi_url(multi_site: Path, site_server) -> str:
    return site_server(multi_site)


# --- helpers ---------------------------------------------------------------------------------


def path_of(page: Page, href: str) -> str:
    return urllib.parse.urlsplit(urllib.parse.urljoin(page.url, href)).path


def header_search(page: Page, word: str) -> list[str]:
    """Type ``word`` key by key into the header box; the paths of the options once the status shows a count."""
    box = page.locator("[data-bf-search-input]")
    box.click()
    box.press_sequentially(word, delay=20)
    wait_for_header_results(page, word)
    hrefs = page.locator("#bf-search-list [role=option]").evaluate_all("os => os.map(o => o.getAttribute('href'))")
    return [path_of(page, href) for href in hrefs]


def wait_for_header_results(page: Page, word: str) -> None:
    """Until the dropdown shows the results of ``word`` itself, not of a prefix typed before (a slow key)."""
    query = re.escape(urllib.parse.quote_plus(word))
    all_link = page.locator("[data-bf-search-all]")  # run() points it at the query whose results it shows
    expect(all_link).to_have_attribute("href", re.compile(rf"[?&]q={query}$"), timeout=10_000)
    expect(page.locator("[data-bf-search-status]")).to_have_text(RESULT_STATUS, timeout=10_000)


def page_results(page: Page) -> list[str]:
    """The result paths of the /search/ page once it has settled (status shows a count, not busy)."""
    expect(page.locator(".bf-sp__status")).to_have_text(RESULT_STATUS, timeout=10_000)
    expect(page.locator("[data-bf-search-page]")).not_to_have_attribute("aria-busy", "true")
    hrefs = page.locator(".bf-sp__results .bf-result__title a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    return [path_of(page, href) for href in hrefs]


def open_filters(page: Page) -> None:
    toggle = page.locator(".bf-sp__filters-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(page.locator(".bf-sp__facet--topic")).to_be_visible(timeout=10_000)


def count_of(label_text: str) -> int:
    found = re.search(r"\((\d[\d,]*)\)\s*$", label_text)
    assert found, label_text
    return int(found.group(1).replace(",", ""))


def status_count(page: Page) -> int:
    return int(re.match(r"(\d+)", page.locator(".bf-sp__status").inner_text()).group(1))


# --- the header box ----------------------------------------------------------------------------


def by_path(path: str) -> Story:
    return next(s for s in MAIN_STORIES if s.path == path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(BODY_WORD, "harbour-cranes-modernised", id="body-word"),
        pytest.param(QUOTED_WORD, "minister-mocks-rival-plan", id="quoted-word"),
        pytest.param(ACCENTED[0], "winter-market-returns", id="accent-folded"),
        pytest.param(TAG.lower(), "ice-cores-drilled", id="tag"),
        pytest.param(SOURCE.split()[0], "ferry-timetable-changes", id="source"),
        pytest.param(AUTHOR.split()[1], "patrol-boats-ordered", id="author"),
    ],
)
def test_header_box_finds_the_one_article(
    page: Page, main_url: str, main_site: Path, query: str, expected: str, page_errors
) -> None:
    story = next(s for s in MAIN_STORIES if s.slug == expected)
    # The word is where the test says, and nowhere else in the other articles' Markdown.
    others = [p for p in (main_site.parent / "content").rglob("*.md") if story.slug not in p.name]
    assert all(query.lower() not in p.read_text(encoding="utf-8").lower() for p in others)
    page.goto(main_url + MAIN_STORIES[-1].path.lstrip("/"))
    assert header_search(page, query) == [story.path]
    assert page_errors == []


# --- the results page ------------------------------------------------------------------------------


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_topic_filter_narrows_results_and_its_count_is_right(page: Page, main_url: str) -> None:
    page.goto(main_url + f"search/?q={TOPIC_WORD}")
    everything = page_results(page)
    assert len(everything) == status_count(page) == sum(TOPIC_WORD in s.body for s in MAIN_STORIES) == 6
    open_filters(page)
    option = page.locator(".bf-sp__facet--topic .bf-sp__option", has_text="Politics")
    shown = count_of(option.locator("label").inner_text())
    option.locator("input").check()
    expect(page).to_have_url(re.compile(r"[?&]topic=Politics(&|$)"))
    narrowed = page_results(page)
    politics = {s.path for s in MAIN_STORIES if s.topic == "politics" and TOPIC_WORD in s.body}
    assert set(narrowed) == politics
    assert shown == len(narrowed) == status_count(page) == 4 < len(everything)


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_results_url_round_trips(context, main_url: str) -> None:
    page = context.new_page()
    page.goto(main_url + "search/")
    box = page.locator("#bf-sp-q")
    box.click()
    box.press_sequentially(TOPIC_WORD, delay=20)
    expect(page).to_have_url(re.compile(rf"[?&]q={TOPIC_WORD}(&|$)"))
    page_results(page)
    open_filters(page)
    page.locator(".bf-sp__facet--topic .bf-sp__option", has_text="Politics").locator("input").check()
    expect(page).to_have_url(re.compile(r"[?&]topic=Politics(&|$)"))
    page_results(page)
    page.locator("#bf-sp-sort").select_option("newest")
    expect(page).to_have_url(re.compile(r"[?&]sort=newest(&|$)"))
    before = page_results(page)
    newest_first = sorted(
        (s for s in MAIN_STORIES if s.topic == "politics" and TOPIC_WORD in s.body), key=lambda s: s.day, reverse=True
    )
    assert [by_path(p).day for p in before] == [s.day for s in newest_first]
    url = page.url

    again = context.new_page()
    again.goto(url)
    after = page_results(again)
    expect(again.locator("#bf-sp-q")).to_have_value(TOPIC_WORD)
    expect(again.locator("#bf-sp-sort")).to_have_value("newest")
    open_filters(again)
    expect(again.locator(".bf-sp__facet--topic input[value='Politics']")).to_be_checked()
    expect(again.locator(".bf-sp__facet--topic input:checked")).to_have_count(1)
    assert after == before
    assert again.url == url


# --- a sub-path -------------------------------------------------------------------------------------


def test_search_works_under_a_sub_path(page: Page, repo_url: str) -> None:
    assert urllib.parse.urlsplit(repo_url).path == "/repo/"
    statuses: dict[str, int] = {}
    page.on("response", lambda r: statuses.__setitem__(r.url, r.status))
    story = MAIN_STORIES[0]
    page.goto(repo_url + MAIN_STORIES[-1].path.lstrip("/"))
    assert header_search(page, BODY_WORD) == ["/repo" + story.path]
    option = page.locator("#bf-search-list [role=option]").first
    assert option.evaluate("a => a.href") == repo_url + story.path.lstrip("/")
    pagefind_requests = [u for u in statuses if "/pagefind/" in u]
    assert pagefind_requests and all(u.startswith(repo_url + "pagefind/") for u in pagefind_requests)
    assert all(s < 400 for u, s in statuses.items() if u.startswith(repo_url) and not u.endswith("bundles.json"))
    option.click()
    page.wait_for_url(repo_url + story.path.lstrip("/"))
    expect(page.locator("article h1")).to_have_text(story.title)

    page.goto(repo_url + f"search/?q={TOPIC_WORD}")
    links = page.locator(".bf-sp__results .bf-result__title a")
    page_results(page)
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == 6 and all(h.startswith(repo_url + "articles/") for h in hrefs), hrefs


# --- the keyboard alone ---------------------------------------------------------------------------


def test_search_from_the_keyboard_alone(page: Page, main_url: str) -> None:
    target = MAIN_STORIES[0]
    page.goto(main_url + MAIN_STORIES[-1].path.lstrip("/"))
    box = page.locator("[data-bf-search-input]")
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(box).to_have_value("")  # the "/" opened the box; it was not typed into it
    page.keyboard.type(BODY_WORD, delay=20)
    wait_for_header_results(page, BODY_WORD)
    option = page.locator("#bf-search-list [role=option]")
    expect(option).to_have_count(1, timeout=10_000)
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Enter")
    page.wait_for_url(main_url + target.path.lstrip("/"))
    expect(page.locator("article h1")).to_have_text(target.title)

    # Escape closes the box again (the first Escape only leaves a selected option).
    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.type(TOPIC_WORD, delay=20)
    wait_for_header_results(page, TOPIC_WORD)
    expect(page.locator("#bf-search-list [role=option]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(box).not_to_be_focused()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert page.locator("#__search").is_checked() is False
    expect(page.locator("#bf-search-list")).not_to_be_visible()


# --- several bundles ----------------------------------------------------------------------------------


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_every_bundle_is_searched_and_newest_first_is_in_date_order(
    page: Page, multi_url: str, multi_site: Path, page_errors
) -> None:
    # Bundle 1 holds the newest articles, bundle 5 the oldest.
    oldest, newest = MULTI_STORIES[0], MULTI_STORIES[-1]
    assert list((multi_site / "pagefind" / "part-5" / "fragment").iterdir())
    page.goto(multi_url)
    assert header_search(page, "uniqword1") == [oldest.path]
    page.goto(multi_url)
    assert header_search(page, "uniqword8") == [newest.path]

    page.goto(multi_url + f"search/?q={COMMON_WORD}")
    relevance = page_results(page)
    assert status_count(page) == len(MULTI_STORIES)
    open_filters(page)
    topic_counts = [count_of(t) for t in page.locator(".bf-sp__facet--topic label").all_inner_texts()]
    assert sum(topic_counts) == len(MULTI_STORIES), topic_counts  # counts summed across the bundles

    page.locator("#bf-sp-sort").select_option("newest")
    expect(page).to_have_url(re.compile(r"[?&]sort=newest(&|$)"))
    newest_first = page_results(page)
    assert set(newest_first) == set(relevance) == {s.path for s in MULTI_STORIES}
    assert newest_first == [s.path for s in sorted(MULTI_STORIES, key=lambda s: s.day, reverse=True)]
    dates = page.locator(".bf-sp__results time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) and len(dates) == len(MULTI_STORIES)
    assert sum(count_of(t) for t in page.locator(".bf-sp__facet--topic label").all_inner_texts()) == len(MULTI_STORIES)

    # Only filters, no query: newest first as well, across bundles.
    page.goto(multi_url + "search/?topic=Politics")
    politics = [s for s in sorted(MULTI_STORIES, key=lambda s: s.day, reverse=True) if s.topic == "politics"]
    assert page_results(page) == [s.path for s in politics]
    assert page_errors == []


# Every change of the dropdown, in order: [status text, number of options, first option's href].
RECORD_DROPDOWN = """() => {
  const status = document.querySelector('[data-bf-search-status]');
  const list = document.querySelector('[data-bf-search-list]');
  window.__dropdown = [];
  const note = () => {
    const options = list.querySelectorAll('[role=option]');
    const first = options.length ? options[0].getAttribute('href') : null;
    window.__dropdown.push([status.textContent.trim(), options.length, first]);
  };
  new MutationObserver(note).observe(status, {childList: true, characterData: true, subtree: true});
  new MutationObserver(note).observe(list, {childList: true});
}"""


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_the_newest_matches_are_shown_while_the_older_bundles_are_searched(
    page: Page, multi_url: str, page_errors
) -> None:
    newest = max(MULTI_STORIES, key=lambda s: s.day)
    page.goto(multi_url)
    page.evaluate(RECORD_DROPDOWN)
    assert len(header_search(page, COMMON_WORD)) == len(MULTI_STORIES)  # all eight, every bundle searched
    changes = page.evaluate("() => window.__dropdown")
    # First the newest article alone (the "recent" part of bundle 1), "Searching…" while the
    # other bundles are searched; then every result and their count.
    partial = ["Searching…", 1, path_of(page, newest.path)]
    assert any([status, n, href and path_of(page, href)] == partial for status, n, href in changes), changes
    first_partial = next(i for i, c in enumerate(changes) if c[0] == "Searching…" and c[1] == 1)
    final = next(i for i, c in enumerate(changes) if c[0] == f"{len(MULTI_STORIES)} results")
    assert first_partial < final, changes
    assert page_errors == []


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_one_letter_is_searched_on_enter_not_as_you_type(page: Page, main_url: str, page_errors) -> None:
    page.goto(main_url)
    box = page.locator("[data-bf-search-input]")
    box.click()
    box.press_sequentially("m")
    page.wait_for_timeout(500)  # well past the debounce
    expect(page.locator("[data-bf-search-status]")).to_have_text("Type to start searching")
    expect(page.locator("#bf-search-list [role=option]")).to_have_count(0)
    box.press("Enter")  # Enter searches anything: the results page
    expect(page).to_have_url(re.compile(r"/search/\?q=m$"))
    expect(page.locator(".bf-sp__status")).to_have_text(RESULT_STATUS, timeout=10_000)
    assert page_errors == []


# --- accessibility ---------------------------------------------------------------------------------------


def axe_violations(page: Page, axe_script: Path, where: str) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    return [
        f"{where}: {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in page.evaluate(AXE_RUN, AXE_TAGS)
    ]


def set_scheme(page: Page, scheme: str) -> None:
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_wcag_violations_with_results_open(new_context, main_url: str, axe_script: Path, scheme: str) -> None:
    context = new_context(viewport=DESKTOP, color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    found = []

    page.goto(main_url + MAIN_STORIES[-1].path.lstrip("/"))
    set_scheme(page, scheme)
    assert len(header_search(page, TOPIC_WORD)) == 6
    page.keyboard.press("ArrowDown")  # a selected option too
    found += axe_violations(page, axe_script, "header results")

    page.goto(main_url + f"search/?q={TOPIC_WORD}")
    set_scheme(page, scheme)
    assert len(page_results(page)) == 6
    open_filters(page)
    page.locator(".bf-sp__facet--topic input[value='Politics']").check()
    expect(page.locator(".bf-sp__chip")).to_have_count(1)
    page_results(page)
    found += axe_violations(page, axe_script, "/search/")
    assert not found, f"axe-core, {scheme}:\n" + "\n".join(found)
