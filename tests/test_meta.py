"""Link previews, canonical links, feed autodiscovery, and a site served under a sub-path."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from helpers import FixtureSite, write_site

SITE_URL = "https://user.github.io/repo/"
TITLE = 'Tanks & <missiles> "quoted"'


def write_meta_site(root: Path, site_url: str | None = SITE_URL) -> FixtureSite:
    """A small site: two days, three topics, tags, a docs page."""
    site = write_site(
        root,
        site_name="Sub & Path",
        site_url=site_url,
        topics={"defence": "Defence & Security", "politics": "Politics"},
    )
    (root / "docs" / "about.md").write_text(
        "# About\n\nSee the [archive](archive/index.md) and [home](index.md).\n", encoding="utf-8"
    )
    site.write_article(
        "a.md",
        "Body text.",
        title=TITLE,
        date="2024-11-25 08:30",
        topic="defence",
        priority=1,
        tags=["NATO", "R&D"],
        summary='A "summary" & more',
        source="Wire",
        source_url="https://wire.example.com/a",
    )
    site.write_article(
        "b.md", "Body text.", title="Budget vote", date="2024-11-25 10:00", topic="politics", tags=["France"]
    )
    site.write_article("c.md", "Body text.", title="Older news", date="2024-11-24", topic="politics", tags=["NATO"])
    return site


class Head(HTMLParser):
    """The ``<meta>`` and ``<link>`` tags of a page (attribute values decoded), and every href/src."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self.meta.append(values)
        if tag == "link":
            self.links.append(values)
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append(values[name])

    def props(self, name: str) -> list[str]:
        return [m["content"] for m in self.meta if m.get("property") == name or m.get("name") == name]

    def rel(self, rel: str) -> list[dict[str, str]]:
        return [link for link in self.links if link.get("rel") == rel]


def head_of(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_meta_site(tmp_path_factory.mktemp("meta"))
    result = site.briefings("build", "--strict")
    assert result.exit_code == 0, result.output
    return site.root / "site"


PAGES = {
    "home": "index.html",
    "briefing": "briefings/2024/11/25/index.html",
    "article": "articles/2024/11/25/a/index.html",
    "topic": "topics/defence/index.html",
    "topics": "topics/index.html",
    "tags": "tags/index.html",
    "tag": "tags/nato/index.html",
    "archive": "archive/index.html",
    "docs": "about/index.html",
    "404": "404.html",
}


def test_article_page_has_open_graph_article_tags(site: Path) -> None:
    head = head_of(site / PAGES["article"])
    assert head.props("og:type") == ["article"]
    assert head.props("og:title") == [TITLE]
    assert head.props("og:description") == ['A "summary" & more']
    assert head.props("og:url") == [f"{SITE_URL}articles/2024/11/25/a/"]
    assert head.props("og:site_name") == ["Sub & Path"]
    assert head.props("article:published_time") == ["2024-11-25T08:30:00+01:00"]
    assert head.props("article:section") == ["Defence & Security"]
    assert head.props("article:tag") == ["NATO", "R&D"]
    assert head.props("twitter:card") == ["summary"]
    assert head.props("twitter:title") == [TITLE]
    assert head.props("twitter:description") == ['A "summary" & more']
    assert head.props("description") == ['A "summary" & more']  # Material's own, from page.meta


def test_home_and_other_pages_are_websites(site: Path) -> None:
    home = head_of(site / PAGES["home"])
    assert home.props("og:type") == ["website"]
    assert home.props("og:url") == [SITE_URL]
    assert home.props("og:title") == ["Sub & Path"]
    for kind in ("briefing", "topic", "tag", "archive", "docs"):
        head = head_of(site / PAGES[kind])
        assert head.props("og:type") == ["website"], kind
        assert not head.props("article:section"), kind


def test_one_canonical_link_per_page_equal_to_og_url(site: Path) -> None:
    for kind, path in PAGES.items():
        if kind == "404":
            continue
        head = head_of(site / path)
        canonical = head.rel("canonical")
        assert len(canonical) == 1, kind
        assert canonical[0]["href"] == head.props("og:url")[0] == SITE_URL + path.removesuffix("index.html"), kind
        assert len(head.props("description")) == (0 if kind == "docs" else 1), kind  # about.md sets none


def test_feed_autodiscovery_on_every_page_kind(site: Path) -> None:
    for kind, path in PAGES.items():
        head = head_of(site / path)
        alternates = {link["type"]: link for link in head.rel("alternate") if link.get("type")}
        assert set(alternates) == {"application/rss+xml", "application/atom+xml", "application/feed+json"}, kind
        feeds = [link for link in head.rel("alternate") if link.get("type")]
        page_url = "https://host/repo/" + path.removesuffix("index.html")
        targets = sorted(urljoin(page_url, link["href"]) for link in feeds)
        expected = ["https://host/repo/atom.xml", "https://host/repo/feed.json", "https://host/repo/feed.xml"]
        if kind == "topic":
            expected.append("https://host/repo/topics/defence/feed.xml")
        assert targets == sorted(expected), kind
        for target in targets:
            assert (site / target.removeprefix("https://host/repo/")).is_file(), (kind, target)
        assert all(link.get("title") for link in feeds), kind


def test_no_feed_links_without_site_url(tmp_path: Path) -> None:
    assert write_meta_site(tmp_path, site_url=None).briefings("build").exit_code == 0
    head = head_of(tmp_path / "site" / PAGES["article"])
    assert not [link for link in head.rel("alternate") if link.get("type")]
    assert not head.rel("canonical") and not head.props("og:url")
    assert head.props("og:type") == ["article"]


# --- a sub-path site, served under /repo/ and crawled --------------------------------------


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder at ``/repo/`` only (404 elsewhere), like GitHub project pages."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith("/repo/"):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path(clean.removeprefix("/repo"))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(SubPathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/repo/"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_sub_path_site_has_no_broken_internal_link(served: str, site: Path) -> None:
    """Crawl from every HTML page: each internal href/src resolves to an existing file under /repo/."""
    origin = served.removesuffix("repo/")
    pages = [served + p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]
    checked: dict[str, int] = {}
    broken: list[tuple[str, str]] = []
    for page in pages:
        status, body, _ = fetch(page)
        assert status == 200, page
        parser = Head()
        parser.feed(body.decode("utf-8"))
        for ref in parser.refs:
            if ref.startswith(("mailto:", "data:", "javascript:", "#")):
                continue
            target = urldefrag(urljoin(page, ref))[0]
            if not target.startswith(origin):
                continue  # external: sources, Material's links
            if not target.startswith(served):
                broken.append((page, ref))  # escapes the sub-path
                continue
            if target not in checked:
                checked[target] = fetch(target)[0]
            if checked[target] != 200:
                broken.append((page, ref))
    assert not broken, broken[:10]
    assert len(checked) > 20
    for needed in (
        "feed.xml",
        "atom.xml",
        "feed.json",
        "topics/defence/feed.xml",
        "articles/2024/11/25/a/",
        "assets/briefings/briefings.css",
    ):
        assert served + needed in checked, needed


def test_sub_path_search_bundle_is_reachable(served: str) -> None:
    """The search box loads pagefind/ from the site root, which under a sub-path is below /news/."""
    status, body, _ = fetch(served + "pagefind/bundles.json")
    assert status == 200 and json.loads(body)["bundles"] == [""]
    for path in ("pagefind/pagefind.js", "pagefind/pagefind-entry.json", "search/"):
        assert fetch(served + path)[0] == 200, path
    status, body, _ = fetch(served + "articles/2024/11/25/a/")
    assert b'action="../../../../../search/"' in body  # the header search form, relative to the page
