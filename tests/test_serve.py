"""`briefings serve` previews the site and rebuilds when an article is added."""

from __future__ import annotations

import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from helpers import FixtureSite, write_site
from preview_session import SERVE_URL
from test_rebuild import ACTIONS, cold_build, edit, search_records, site_to_edit, tree_digest

from briefings import search


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


@contextmanager
def serving(site_root: Path, log: Path | None = None) -> Iterator[str]:
    """``briefings serve`` in ``site_root`` on a free port (output to ``log``); yields its base URL."""
    port = free_port()
    with open(log or os.devnull, "w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", "from briefings.cli import main; main()", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=site_root,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_the_site_and_picks_up_a_new_article(tmp_path: Path) -> None:
    site = write_site(tmp_path, site_url="http://127.0.0.1/")
    site.write_article("a.md", title="First story", date="2024-11-25 08:00", topic="politics")
    with serving(tmp_path) as home:
        assert wait_for(home, "First story"), "the preview never served the home page"
        site.write_article("b.md", title="Breaking addition", date="2024-11-26 09:00", topic="politics")
        assert wait_for(home, "Breaking addition"), "the preview did not rebuild after a new article"


def test_serve_rebuilds_only_what_an_edit_changes(tmp_path: Path) -> None:
    site = write_site(tmp_path, site_url="http://127.0.0.1/")
    for day in range(20, 26):
        site.write_article(f"{day}.md", f"Report {day}.", title=f"Story {day}", date=f"2024-11-{day}", topic="politics")
    log = tmp_path / "serve.log"
    with serving(tmp_path, log) as base:
        page = f"{base}articles/2024/11/22/22/"
        assert wait_for(page, "Report 22."), "the preview never served the article"
        site.write_article("22.md", "Report 22, corrected.", title="Story 22", date="2024-11-22", topic="politics")
        assert wait_for(page, "Report 22, corrected."), "the preview did not rebuild after the edit"
        # The page reloads before the search index is rewritten (in the background); it follows.
        bundles = f"{base}pagefind/bundles.json"
        assert wait_for(bundles, '"bundles"'), "the search index never came back after the rebuild"
    counts = [line for line in log.read_text(encoding="utf-8").splitlines() if "Generated pages:" in line]
    first, last = (tuple(int(n) for n in re.findall(r"\d+", line)[:2]) for line in (counts[0], counts[-1]))
    assert first[1] == 0 and last[1] > 0, counts  # the rebuild reused pages from the first build
    assert last[0] < first[0] / 2, counts  # and rendered only the edited article and pages listing it


def test_serve_rebuilds_when_the_site_theme_changes(tmp_path: Path) -> None:
    site = write_site(
        tmp_path, site_url="http://127.0.0.1/", extra_config={"theme": {"name": "material", "custom_dir": "theme"}}
    )
    (tmp_path / "theme").mkdir()
    main_html = tmp_path / "theme" / "main.html"
    main_html.write_text('{% extends "briefings-main.html" %}\n', encoding="utf-8")
    site.write_article("a.md", title="First story", date="2024-11-25 08:00", topic="politics")
    with serving(tmp_path) as home:
        assert wait_for(home, "First story"), "the preview never served the home page"
        main_html.write_text(
            '{% extends "briefings-main.html" %}\n{% block announce %}Theme edited{% endblock %}\n', encoding="utf-8"
        )
        assert wait_for(home, "Theme edited"), "the preview did not rebuild after a theme change"


def test_serve_drops_the_pages_of_a_deleted_article(tmp_path: Path) -> None:
    """A deleted article's page leaves the preview (its folder is kept for the others: briefings.plugin.preview)."""
    site = write_site(tmp_path, site_url="http://127.0.0.1/")
    site.write_article("a.md", title="First story", date="2024-11-25 08:00", topic="politics")
    site.write_article("b.md", title="Second story", date="2024-11-26 08:00", topic="politics")
    with serving(tmp_path) as base:
        page = f"{base}articles/2024/11/26/b/"
        assert wait_for(page, "Second story"), "the preview never served the article"
        (tmp_path / "content" / "b.md").unlink()
        deadline = time.monotonic() + 40
        while fetch(page) is not None and time.monotonic() < deadline:
            time.sleep(0.3)
        assert fetch(page) is None, "the deleted article's page is still served"
        assert wait_for(base, "First story")


@pytest.mark.parametrize("seed", [4])
def test_the_preview_after_any_edits_equals_a_fresh_build(
    make_site: Callable[..., FixtureSite], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """``serve`` keeps the last preview's page folders and changes only what an edit changes (briefings.plugin.preview).

    After every kind of edit the preview must hold exactly the files a fresh build makes.
    """
    site = site_to_edit(make_site, site_url=SERVE_URL)
    monkeypatch.setattr(search, "WORDS_PER_BUNDLE", 40)  # as in the session: several search bundles
    preview = tmp_path / "preview"
    session = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("preview_session.py")), str(site.root), str(preview), "40"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert session.stdin is not None and session.stdout is not None

    def rebuild() -> None:
        session.stdin.write("build\n")
        session.stdin.flush()
        assert session.stdout.readline().strip() == "built"

    rng = random.Random(seed)
    try:
        rebuild()
        history = []
        for action in [*rng.sample(ACTIONS, len(ACTIONS)), *rng.choices(ACTIONS, k=3)]:  # each kind at least once
            history.append(edit(site, rng, action))
            rebuild()
            fresh = cold_build(site, tmp_path / "fresh")
            assert tree_digest(preview) == tree_digest(fresh), f"after: {history}"
            assert search_records(preview) == search_records(fresh), f"after: {history}"
        # A redirect among the kept pages (an old URL under articles/), then another: the first must go.
        story = next(site.content.glob("*.md"))
        front, body = story.read_text(encoding="utf-8").split("---\n")[1:3]
        for alias in ("articles/old-name/", "articles/older-name/"):
            site.write_article(story.name, body, **{**yaml.safe_load(front), "aliases": [alias]})
            rebuild()
            assert (preview / alias / "index.html").is_file()
            assert tree_digest(preview) == tree_digest(cold_build(site, tmp_path / "fresh")), alias
        deadline = time.monotonic() + 30  # the old previews are deleted by other processes
        while list(tmp_path.glob("preview.*")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not list(tmp_path.glob("preview.*")), "a folder was left next to the preview"
    finally:
        session.stdin.close()
        session.wait(timeout=60)
