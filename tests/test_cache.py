"""The build cache (``.cache/briefings/``): unchanged search bundles are reused byte for byte, never stale ones."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from check_helpers import article, settings_for
from helpers import FixtureSite
from mkdocs.config import load_config

from briefings import cache as cache_module
from briefings import load as load_module
from briefings import search
from briefings.load import load_articles, open_article_cache
from briefings.plugin import incremental


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(site: FixtureSite, target: str, *options: str) -> str:
    """Build into ``target`` with progress messages; return what it printed."""
    result = site.briefings("build", "-v", "-d", target, *options)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def site(make_site: Callable[..., FixtureSite], monkeypatch: pytest.MonkeyPatch) -> FixtureSite:
    monkeypatch.setattr(search, "WORDS_PER_BUNDLE", 12)  # each article of 10 words gets a bundle of its own
    site = make_site()
    for day in (20, 21, 22):
        words = " ".join(f"word{day}x{i}" for i in range(10))
        site.write_article(f"{day}.md", words, title=f"Story {day}", date=f"2024-11-{day} 09:00", topic="politics")
    return site


def test_a_rebuild_reuses_every_unchanged_bundle_byte_for_byte(site: FixtureSite) -> None:
    first = build(site, "one")
    assert "(0 from the cache)" in first
    second = build(site, "two")
    bundles = json.loads((site.root / "two/pagefind/bundles.json").read_text(encoding="utf-8"))["bundles"]
    assert len(bundles) >= 3 and f"({len(bundles)} from the cache)" in second
    # Pagefind's own output varies between runs; a reused bundle is the earlier one exactly.
    assert digest_tree(site.root / "one/pagefind") == digest_tree(site.root / "two/pagefind")


def indexed_text(site_dir: Path) -> str:
    """The text of every indexed page, from the fragments of every bundle."""
    texts = []
    for path in sorted((site_dir / "pagefind").rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        texts.append(json.loads(data[data.index(b"{") :])["content"])
    return "\n".join(texts)


def test_an_edited_article_reindexes_only_its_bundle_and_is_found_with_its_new_text(site: FixtureSite) -> None:
    build(site, "one")
    bundles = len(json.loads((site.root / "one/pagefind/bundles.json").read_text(encoding="utf-8"))["bundles"])
    words = "a freshly edited quillwort sentence with ten words in it"
    site.write_article("20.md", words, title="Story 20", date="2024-11-20 09:00", topic="politics")
    output = build(site, "two")
    assert f"({bundles - 1} from the cache)" in output
    assert "quillwort" in indexed_text(site.root / "two") and "word20x1" not in indexed_text(site.root / "two")
    cold = build(site, "cold", "--clean")
    assert "(0 from the cache)" in cold
    assert indexed_text(site.root / "two") == indexed_text(site.root / "cold")


def test_a_new_article_reindexes_only_the_newest_bundle(site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> None:
    # 30 words: the two oldest articles fill a bundle of half of 40 words, the newest one is the last bundle.
    monkeypatch.setattr(search, "WORDS_PER_BUNDLE", 40)
    build(site, "one")
    assert json.loads((site.root / "one/pagefind/bundles.json").read_text(encoding="utf-8"))["bundles"] == [
        "",
        "part-2/",
    ]
    site.write_article("23.md", "brand new words", title="Story 23", date="2024-11-23 09:00", topic="politics")
    output = build(site, "two")
    assert "2 bundle(s) (1 from the cache)" in output


def test_clean_ignores_the_cache_and_refills_it_for_the_next_build(site: FixtureSite) -> None:
    build(site, "one")
    assert "(0 from the cache)" in build(site, "two", "--clean")
    bundles = len(json.loads((site.root / "two/pagefind/bundles.json").read_text(encoding="utf-8"))["bundles"])
    assert f"({bundles} from the cache)" in build(site, "three")
    assert digest_tree(site.root / "two/pagefind") == digest_tree(site.root / "three/pagefind")


def test_a_half_written_entry_is_never_trusted(site: FixtureSite) -> None:
    build(site, "one")
    entries = sorted((site.root / ".cache/briefings/search").iterdir())
    (entries[0] / ".complete").unlink()  # as if the build that wrote it had been killed
    output = build(site, "two")
    assert "incomplete cache entry" in output
    assert f"({len(entries) - 1} from the cache)" in output
    assert (entries[0] / ".complete").is_file()  # written again


def test_a_foreign_cache_is_ignored_with_a_warning(site: FixtureSite) -> None:
    cache = site.root / ".cache/briefings"
    (cache / "search" / ("0" * 64)).mkdir(parents=True)
    (cache / "cache.json").write_text('{"format": 999}', encoding="utf-8")
    output = build(site, "one")
    assert "is not a cache of this version of Briefings" in output and "(0 from the cache)" in output
    assert json.loads((cache / "cache.json").read_text(encoding="utf-8")) == {"format": cache_module.FORMAT}


def test_entries_a_build_did_not_use_are_removed(site: FixtureSite) -> None:
    build(site, "one")
    before = {p.name for p in (site.root / ".cache/briefings/search").iterdir()}
    words = " ".join(f"other{i}" for i in range(10))  # as many words: the bundles keep their bounds
    site.write_article("22.md", words, title="Story 22", date="2024-11-22 09:00", topic="politics")
    build(site, "two")
    after = {p.name for p in (site.root / ".cache/briefings/search").iterdir()}
    assert len(after) == len(before) and after != before


def _loaded_titles(root: Path, article_cache: cache_module.ArticleCache) -> list[str]:
    return sorted(a.title for a in load_articles(settings_for(root), article_cache).articles)


def _article_text(title: str) -> str:
    return article(title=title, date="2024-11-25 08:00")


def test_serve_rereads_only_the_files_a_save_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between two loads of one process (``serve``), a file whose metadata is unchanged is not read again."""
    (tmp_path / "content").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "content" / f"{name}.md").write_text(_article_text(f"Story {name}"), encoding="utf-8")
    monkeypatch.setattr(cache_module.ArticleCache, "RACY_SECONDS", 0.0)  # the files were written just now
    article_cache = open_article_cache(settings_for(tmp_path))
    read: list[str] = []
    real_read = load_module._read_bytes
    monkeypatch.setattr(load_module, "_read_bytes", lambda path, shown: read.append(shown) or real_read(path, shown))

    assert _loaded_titles(tmp_path, article_cache) == ["Story a", "Story b", "Story c"]
    assert len(read) == 3
    read.clear()
    assert _loaded_titles(tmp_path, article_cache) == ["Story a", "Story b", "Story c"]
    assert read == []

    # The same size and the modification time put back: the change time still tells.
    edited = tmp_path / "content" / "b.md"
    before = edited.stat()
    edited.write_text(_article_text("Story B"), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert edited.stat().st_size == before.st_size
    assert _loaded_titles(tmp_path, article_cache) == ["Story B", "Story a", "Story c"]
    assert read == ["content/b.md"]


def test_a_file_changed_just_before_a_load_is_always_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Racy files, as git calls them: a second write in the same timestamp tick must not go unseen."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(_article_text("Story a"), encoding="utf-8")
    article_cache = open_article_cache(settings_for(tmp_path))
    read: list[str] = []
    real_read = load_module._read_bytes
    monkeypatch.setattr(load_module, "_read_bytes", lambda path, shown: read.append(shown) or real_read(path, shown))
    for _ in range(2):
        assert _loaded_titles(tmp_path, article_cache) == ["Story a"]
    assert read == ["content/a.md", "content/a.md"]


def test_serve_writes_the_article_cache_when_it_stops(tmp_path: Path) -> None:
    """``write_later``: each load keeps its entries in memory; the file is written once, by ``write()``."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(_article_text("Story a"), encoding="utf-8")
    settings = settings_for(tmp_path)
    article_cache = open_article_cache(settings)
    article_cache.write_later = True
    assert _loaded_titles(tmp_path, article_cache) == ["Story a"]
    assert not article_cache.path.exists()

    article_cache.write()
    reopened = open_article_cache(settings)
    assert len(reopened.saved) == 1
    assert next(iter(reopened.saved.values()))[0].title == "Story a"


def _bundle(folder: Path, text: str) -> Path:
    (folder / "fragment").mkdir(parents=True)
    (folder / "pagefind-entry.json").write_text(text, encoding="utf-8")
    (folder / "fragment" / "a.pf_fragment").write_text(text, encoding="utf-8")
    return folder


def test_builds_of_one_site_at_once_never_spoil_each_others_search_entries(tmp_path: Path) -> None:
    """``serve`` and ``build`` (or parallel tests) share ``.cache/briefings``: what one writes, the other keeps."""
    first, second = (cache_module.BuildCache(tmp_path / "cache", "search") for _ in range(2))
    first.store("k" * 64, _bundle(tmp_path / "one", "first"))
    entry = tmp_path / "cache" / "search" / ("k" * 64)
    copying = entry / "fragment" / "a.pf_fragment"
    # The other build stores the same key meanwhile: the entry is replaced whole, and a build
    # still copying the replaced one finds its files gone (restore() then says so), never half an entry.
    with copying.open(encoding="utf-8") as still_open:
        second.store("k" * 64, _bundle(tmp_path / "two", "second"))
        assert still_open.read() == "first"
    assert sorted(p.name for p in entry.iterdir()) == [".complete", "fragment", "pagefind-entry.json"]
    assert copying.read_text(encoding="utf-8") == "second"
    assert not [p for p in entry.parent.iterdir() if p.name.startswith(".tmp-")]

    # Its prune leaves alone a temporary entry another build is writing now; one left by a killed build goes.
    writing = entry.parent / ".tmp-running"
    writing.mkdir()
    killed = entry.parent / ".tmp-killed"
    killed.mkdir()
    os.utime(killed, (time.time() - 7200, time.time() - 7200))
    second.prune()
    assert writing.is_dir() and not killed.exists()

    # An entry removed while it is being copied (by a build that did not need it) is made again.
    assert first.restore("k" * 64, tmp_path / "site") is True
    with mock.patch.object(cache_module.shutil, "copytree", side_effect=FileNotFoundError("removed meanwhile")):
        assert cache_module.BuildCache(tmp_path / "cache", "search").restore("k" * 64, tmp_path / "other") is False


def test_a_site_moved_to_another_folder_keeps_its_cache(site: FixtureSite, tmp_path: Path) -> None:
    """Nothing in a page depends on where the site folder is: a moved or renamed checkout renders no page again."""
    first = build(site, "one")
    assert "0 from the cache" in first
    moved = FixtureSite(tmp_path / "elsewhere" / "renamed")
    shutil.copytree(site.root, moved.root, symlinks=True)
    shutil.rmtree(moved.root / "one")
    output = build(moved, "one")
    rendered, cached = map(int, re.search(r"Generated pages: (\d+) rendered, (\d+) from the cache", output).groups())
    bundles = len(json.loads((moved.root / "one/pagefind/bundles.json").read_text(encoding="utf-8"))["bundles"])
    assert rendered <= 4 and cached > 0, output  # the navigation pages (Latest, Archive, Topics, Tags) only
    assert f"({bundles} from the cache)" in output
    assert digest_tree(moved.root / "one") == digest_tree(site.root / "one")


def test_only_paths_inside_a_named_folder_are_renamed() -> None:
    places = [("/srv/site/.venv/lib/site-packages", "<installed>"), ("/srv/site", "<site>")]
    text = json.dumps(
        ["/srv/site", "/srv/site/docs", "/srv/site-2/docs", "/srv/sites", "/srv/site/.venv/lib/site-packages/x"]
    )
    assert json.loads(incremental._portable(text, places)) == [
        "<site>",
        "<site>/docs",
        "/srv/site-2/docs",  # another folder that starts with the same letters
        "/srv/sites",
        "<installed>/x",  # the longest folder first
    ]


def test_a_package_found_twice_on_the_path_counts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source checkout on PYTHONPATH (its egg-info) beside the installed copy gives the same variant."""

    def dist(name: str, version: str) -> mock.Mock:
        return mock.Mock(metadata={"Name": name}, version=version)

    installed = [dist("mkdocs", "1.6.1"), dist("Briefings", "0.1.0")]
    listed = mock.Mock(return_value=installed)
    monkeypatch.setattr(incremental.metadata, "distributions", listed)
    alone = incremental._installed_versions.__wrapped__()
    listed.return_value = [dist("briefings", "0.1.0"), *installed]  # the checkout first, as on sys.path
    assert incremental._installed_versions.__wrapped__() == alone
    listed.return_value = [dist("briefings", "0.0.9"), *installed]  # another version: the one import finds
    assert incremental._installed_versions.__wrapped__() == alone.replace("briefings==0.1.0", "briefings==0.0.9")
    listed.return_value = [*installed, dist("pip", "25.0")]
    assert incremental._installed_versions.__wrapped__() == alone


def test_the_site_wide_inputs_name_the_python_version_but_not_where_things_are(
    make_site: Callable[..., FixtureSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    def variant(site: FixtureSite) -> str:
        return incremental.site_variant(load_config(config_file=str(site.config)))

    here, there = make_site("here"), make_site("there")
    before = variant(here)
    assert before == variant(there)  # the same site in another folder
    monkeypatch.setattr(sys, "version_info", SimpleNamespace(major=3, minor=99))
    assert variant(here) != before
