"""Site search is Pagefind: what the build indexes, how, and what it no longer writes.

The browser side (typing, filters, keyboard) is tested in ``tests/browser/test_search.py``;
these tests read the bundle the build writes: each indexed page has a fragment
(gzipped JSON: url, content, meta, filters) in ``pagefind/fragment/``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FixtureSite

from briefings import search
from briefings.search import RECENT_FILTER, SearchRecord, mark_recent, markdown_text, split_into_bundles


def fragments(site: Path) -> dict[str, dict[str, object]]:
    """Every indexed page of a built site, by URL, read from every bundle of ``pagefind/bundles.json``."""
    manifest = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    found: dict[str, dict[str, object]] = {}
    for bundle in manifest["bundles"]:
        for path in sorted((site / "pagefind" / bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            fragment = json.loads(data[data.index(b"{") :])
            found[fragment["url"]] = fragment
    return found


@pytest.fixture()
def news_site(make_site: Callable[..., FixtureSite]) -> FixtureSite:
    site = make_site()
    site.write_article(
        "a.md",
        'Officials called the plan "zorblaxian" at the Noël market in Ukraine, where talks resumed.',
        title="Talks resume in Kyiv",
        date="2024-11-25 08:30",
        topic="politics",
        source="Le Monde",
        author="Ana Ruiz",
        tags=["Ukraine", "Diplomacy"],
    )
    site.write_article(
        "b.md", "## Markets\n\n- Bond yields *rose* sharply.", title="Yields rise", date="2024-11-24", topic="economy"
    )
    return site


def test_articles_and_docs_pages_are_indexed_and_listing_pages_are_not(news_site: FixtureSite) -> None:
    result = news_site.briefings("build", "--strict")
    assert result.exit_code == 0, result.output
    indexed = fragments(news_site.root / "site")
    assert set(indexed) == {
        "/articles/2024/11/25/a/",
        "/articles/2024/11/24/b/",
        "/about/",
    }


def test_an_article_record_carries_its_text_meta_and_filters(news_site: FixtureSite) -> None:
    assert news_site.briefings("build").exit_code == 0
    record = fragments(news_site.root / "site")["/articles/2024/11/25/a/"]
    content = str(record["content"])
    for words in ('"zorblaxian"', "Noël", "Ukraine,"):
        assert words in content
    # Title, source, author, topic and tags are meta fields (searched by Pagefind), not repeated in the text.
    assert "Le Monde" not in content and "Talks resume in Kyiv" not in content
    assert record["meta"] == {
        "title": "Talks resume in Kyiv",
        "date": "2024-11-25T08:30:00+01:00",
        "date_label": "25 Nov 2024",
        "topic": "Politics",
        "kind": "article",
        "source": "Le Monde",
        "author": "Ana Ruiz",
        "tags": "Ukraine, Diplomacy",
    }
    assert record["filters"] == {
        "topic": ["Politics"],
        "month": ["2024-11"],
        "source": ["Le Monde"],
        "tag": ["Ukraine", "Diplomacy"],
    }


def test_markdown_syntax_is_left_out_of_the_indexed_text(news_site: FixtureSite) -> None:
    assert news_site.briefings("build").exit_code == 0
    content = str(fragments(news_site.root / "site")["/articles/2024/11/24/b/"]["content"])
    assert "Bond yields rose sharply." in content
    assert "##" not in content and "*rose*" not in content
    assert (
        markdown_text("> quoted [link](https://x.org) and `code`\n```\nfenced\n```") == "quoted link and code\nfenced"
    )


def test_material_search_index_is_no_longer_written_but_the_header_search_stays(news_site: FixtureSite) -> None:
    assert news_site.briefings("build").exit_code == 0
    site = news_site.root / "site"
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "search" / "index.html").is_file()  # the results page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in home  # Material's header search toggle is still there


def test_a_config_without_the_search_plugin_still_gets_search(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site(search=False)
    site.write_article("a.md", "Body words.", title="A story", date="2024-11-25", topic="politics")
    result = site.briefings("build", "--strict")
    assert result.exit_code == 0, result.output
    assert "/articles/2024/11/25/a/" in fragments(site.root / "site")
    assert 'for="__search"' in (site.root / "site" / "index.html").read_text(encoding="utf-8")


def record(words: int, url: str = "/a/") -> SearchRecord:
    return SearchRecord(url, " ".join(["word"] * words), {"title": url})


def test_records_are_cut_into_full_and_half_bundles_from_the_oldest() -> None:
    records = [record(10, f"/{i}/") for i in reversed(range(26))]  # newest first, as the plugin gives them
    bundles = split_into_bundles(records, words_per_bundle=100)
    # Oldest first: two full bundles of 100 words; of the 60 left, one bundle of a half (50);
    # the newest record alone is the last bundle, listed first (and searched first).
    assert [[r.url for r in b] for b in bundles] == [
        ["/25/"],
        [f"/{i}/" for i in reversed(range(20, 25))],
        [f"/{i}/" for i in reversed(range(10, 20))],
        [f"/{i}/" for i in reversed(range(0, 10))],
    ]
    assert split_into_bundles([record(500)], words_per_bundle=100) == [[record(500)]]  # never an empty bundle
    assert split_into_bundles([record(10)], words_per_bundle=100) == [[record(10)]]


def test_a_new_article_changes_only_the_newest_bundles_and_never_a_full_one() -> None:
    """What lets the build cache reuse the index of old articles when new ones come every day."""
    previous = split_into_bundles([record(10, "/0/")], words_per_bundle=100)
    only_the_newest = 0
    for n in range(2, 80):
        records = [record(10, f"/{i}/") for i in reversed(range(n))]
        bundles = split_into_bundles(records, words_per_bundle=100)
        assert [r for b in bundles for r in b] == records  # every record once, newest first
        changed = [b for b in bundles if b not in previous]
        # The newest bundle, and when the newest records grow into a half or a full
        # bundle, that one too; the older bundles keep exactly their records.
        assert len(changed) <= 2 and bundles[0] in changed
        assert all(b in bundles for b in previous if sum(r.words for r in b) == 100)
        assert sum(r.words for r in bundles[0]) <= 60  # the first searched: about half at most
        only_the_newest += len(changed) == 1
        previous = bundles
    assert only_the_newest >= 60


def test_the_newest_records_of_the_newest_bundle_are_marked_to_be_searched_first() -> None:
    bundle = [record(10, f"/{i}/") for i in range(6)]  # newest first
    marked = mark_recent(bundle, words=25)
    assert marked is not None and [r.url for r in marked] == [r.url for r in bundle]
    assert [r.filters[RECENT_FILTER] for r in marked] == [["1"], ["1"]] + [["0"]] * 4
    assert mark_recent(bundle, words=60) is None  # the whole bundle is small: one step
    assert [r.filters[RECENT_FILTER] for r in mark_recent([record(40), record(5)], words=25) or []] == [["1"], ["0"]]


def test_a_large_archive_is_written_as_several_bundles_that_the_manifest_lists(
    news_site: FixtureSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "WORDS_PER_BUNDLE", 8)
    assert news_site.briefings("build").exit_code == 0
    site = news_site.root / "site"
    manifest = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert manifest["bundles"][0] == "" and len(manifest["bundles"]) >= 2
    assert all((site / "pagefind" / bundle / "pagefind.js").is_file() for bundle in manifest["bundles"])
    assert not list(site.rglob("pagefind-ui.js"))  # Pagefind's own UI is not shipped: the site has its own
    assert len(fragments(site)) == 3  # every page is in exactly one bundle


def test_taking_over_search_skips_no_plugin_listed_after_briefings() -> None:
    """It runs inside MkDocs' loop over the on_config handlers: every later plugin must still run."""
    from types import SimpleNamespace

    from mkdocs.plugins import BasePlugin, PluginCollection

    from briefings.plugin.plugin import _take_over_search

    ran: list[str] = []

    class Search(BasePlugin):  # type: ignore[type-arg]
        def on_config(self, config: object) -> None:
            ran.append("search")

        def on_post_build(self, *, config: object) -> None:
            ran.append("search indexes")

    class Briefings(BasePlugin):  # type: ignore[type-arg]
        def on_config(self, config: object) -> None:
            ran.append("briefings")
            _take_over_search(config)  # type: ignore[arg-type]

    class Later(BasePlugin):  # type: ignore[type-arg]
        def on_config(self, config: object) -> None:
            ran.append("later")

    plugins = PluginCollection()
    config = SimpleNamespace(plugins=plugins)
    plugins["material/search"], plugins["briefings"], plugins["later"] = Search(), Briefings(), Later()
    plugins.run_event("config", config)
    plugins.run_event("post_build", config=config)
    assert ran == ["search", "briefings", "later"]  # and search's indexing no longer runs
