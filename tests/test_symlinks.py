"""Symbolic links in ``content/``: followed only into the site, refused by name otherwise, never looping.

The rule (``briefings.load._walk_articles``): a link to a file or a folder, at any
depth, is followed only when its real path is inside the site root (or the content
folder); otherwise it is an error naming the link, decided before anything is
opened. These tests hold both halves of it, plus the loops and duplicates that
following links makes possible.
"""

from __future__ import annotations

import builtins
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import yaml
from helpers import FixtureSite, read_page

from briefings.load import load_articles, load_file
from briefings.model import SiteSettings, Topic

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX symbolic links")

OUTSIDE_FILE = "content/x/leak.md: error: this is a symbolic link to a file outside the site: it is not read"
OUTSIDE_FOLDER = (
    "content/elsewhere: error: this is a symbolic link to a folder outside the site: its articles are not read"
)


def article_text(title: str, body: str = "Some text.", date: str = "2024-11-25") -> str:
    front = yaml.safe_dump({"title": title, "date": date, "topic": "politics"}, sort_keys=False)
    return f"---\n{front}---\n{body}\n"


def settings_of(site: FixtureSite) -> SiteSettings:
    return SiteSettings(root=site.root, content_dir=site.content, topics=(Topic("politics", "Politics"),))


def lines_about(output: str, path: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:")]


class Hung(Exception):
    """Not an ``OSError`` (as ``TimeoutError`` is): the loader turns those into messages and goes on."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the test run) if the block takes longer than ``seconds``; again every second after."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still running after {seconds} s: the walk does not end, or a read blocks")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- outside the site: refused by name, never opened ---------------------------------------


def test_a_link_to_a_file_outside_the_site_is_refused_and_its_content_never_shown(
    make_site: Callable[..., FixtureSite], tmp_path: Path
) -> None:
    site = make_site()
    site.write_article("good.md", title="Good", date="2024-11-25", topic="politics")
    outside = tmp_path / "private" / "notes.md"
    outside.parent.mkdir()
    outside.write_text(article_text("Leaked Headline", "CONFIDENTIAL-BODY-TEXT"), encoding="utf-8")
    (site.content / "x").mkdir()
    (site.content / "x" / "leak.md").symlink_to(outside)

    check = site.briefings("check")
    assert check.exit_code == 1
    assert lines_about(check.output, "content/x/leak.md") == [OUTSIDE_FILE]
    assert "1 article, 1 error, 0 warnings" in check.output

    build = site.briefings("build")
    assert build.exit_code != 0
    assert OUTSIDE_FILE in build.output
    for output in (check.output, build.output):
        assert "Leaked Headline" not in output and "CONFIDENTIAL" not in output
    assert not (site.root / "site").exists()


def test_the_outside_file_is_never_opened(
    make_site: Callable[..., FixtureSite], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decided before opening: the loader opens no path whose real path is the outside file."""
    site = make_site()
    outside = tmp_path / "outside.md"
    outside.write_text(article_text("Outside"), encoding="utf-8")
    (site.content / "leak.md").symlink_to(outside)
    (site.content / "nested").mkdir()
    (site.content / "nested" / "deeper.md").symlink_to(tmp_path / "outside.md")
    opened: list[str] = []
    real_open = builtins.open

    def spying_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)):
            opened.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spying_open)
    result = load_articles(settings_of(site))
    article, problems = load_file(site.content / "leak.md", settings_of(site), "content/leak.md")
    monkeypatch.undo()

    assert str(outside.resolve()) not in opened
    assert [p.format() for p in result.problems] == [
        "content/leak.md: error: this is a symbolic link to a file outside the site: it is not read",
        "content/nested/deeper.md: error: this is a symbolic link to a file outside the site: it is not read",
    ]
    assert article is None and [p.message for p in problems] == [
        "this is a symbolic link to a file outside the site: it is not read"
    ]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="Linux /proc")
def test_a_link_to_the_process_environment_is_refused_without_printing_it(
    make_site: Callable[..., FixtureSite],
) -> None:
    site = make_site()
    (site.content / "x").mkdir()
    (site.content / "x" / "env.md").symlink_to("/proc/self/environ")
    result = site.briefings("check")
    assert result.exit_code == 1
    assert lines_about(result.output, "content/x/env.md") == [
        "content/x/env.md: error: this is a symbolic link to a file outside the site: it is not read"
    ]
    environment = Path("/proc/self/environ").read_bytes().split(b"\0")
    shown = [v.decode(errors="replace") for v in environment if len(v) > 8]
    assert shown and not any(value in result.output for value in shown)


def test_a_link_to_a_folder_outside_the_site_is_refused_not_skipped(
    make_site: Callable[..., FixtureSite], tmp_path: Path
) -> None:
    site = make_site()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.md").write_text(article_text("From Elsewhere"), encoding="utf-8")
    (site.content / "elsewhere").symlink_to(elsewhere, target_is_directory=True)
    result = site.briefings("check")
    assert result.exit_code == 1
    assert lines_about(result.output, "content/elsewhere") == [OUTSIDE_FOLDER]
    assert "From Elsewhere" not in result.output and "content/elsewhere/a.md" not in result.output


def test_a_link_leaving_the_site_through_a_link_inside_it_is_refused(
    make_site: Callable[..., FixtureSite], tmp_path: Path
) -> None:
    """What counts is the real path: a chain of links that ends outside is outside."""
    site = make_site()
    (tmp_path / "secret.md").write_text(article_text("Secret"), encoding="utf-8")
    (site.root / "hop.md").symlink_to(tmp_path / "secret.md")
    (site.content / "via-hop.md").symlink_to(Path("..") / "hop.md")
    result = site.briefings("check")
    assert lines_about(result.output, "content/via-hop.md") == [
        "content/via-hop.md: error: this is a symbolic link to a file outside the site: it is not read"
    ]
    assert "Secret" not in result.output


# --- inside the site: followed, once ---------------------------------------------------------


def test_a_link_to_a_file_inside_the_site_is_published_under_the_links_name(
    make_site: Callable[..., FixtureSite],
) -> None:
    site = make_site()
    shared = site.root / "shared"
    shared.mkdir()
    (shared / "budget.md").write_text(article_text("Budget Passes"), encoding="utf-8")
    (site.content / "budget-vote.md").symlink_to(Path("..") / "shared" / "budget.md")
    check = site.briefings("check")
    assert check.exit_code == 0, check.output
    assert "1 article, 0 errors, 0 warnings" in check.output
    build = site.briefings("build")
    assert build.exit_code == 0, build.output
    assert "Budget Passes" in read_page(site.root / "site", "/articles/2024/11/25/budget-vote/")


def test_a_linked_folder_inside_the_site_is_walked(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    archive = site.root / "archive" / "2023"
    archive.mkdir(parents=True)
    (archive / "old.md").write_text(article_text("Old News", date="2023-05-02"), encoding="utf-8")
    (archive / "older.md").write_text(article_text("Older News", date="2023-05-01"), encoding="utf-8")
    (site.content / "archive").symlink_to(site.root / "archive", target_is_directory=True)
    site.write_article("new.md", title="New", date="2024-11-25", topic="politics")

    result = load_articles(settings_of(site))
    assert result.problems == []
    assert sorted(a.path for a in result.articles) == [
        "content/archive/2023/old.md",
        "content/archive/2023/older.md",
        "content/new.md",
    ]
    build = site.briefings("build")
    assert build.exit_code == 0, build.output
    assert "Old News" in read_page(site.root / "site", "/articles/2023/05/02/old/")


def test_a_file_reached_twice_is_read_once_with_a_warning(make_site: Callable[..., FixtureSite]) -> None:
    """Whichever name sorts first, the file's own path wins over a link to it."""
    site = make_site()
    site.write_article("zebra.md", title="Zebra", date="2024-11-25", topic="politics")
    (site.content / "alias.md").symlink_to("zebra.md")
    (site.content / "again").symlink_to(site.content, target_is_directory=True)
    result = load_articles(settings_of(site))
    assert [a.path for a in result.articles] == ["content/zebra.md"]
    assert [p.format() for p in result.problems] == [
        "content/again: warning: this is a symbolic link to content, a folder read already: "
        "its articles are not read twice",
        "content/alias.md: warning: this is a symbolic link to content/zebra.md, which is read already: "
        "it is not read twice",
    ]


# --- loops, dead ends, pipes ----------------------------------------------------------------


def test_loops_of_links_end_with_a_message(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    site.write_article("a/one.md", title="One", date="2024-11-25", topic="politics")
    a = site.content / "a"
    (a / "back").symlink_to("..", target_is_directory=True)  # content/a/back → content
    (a / "self").symlink_to(".", target_is_directory=True)  # content/a/self → content/a
    (a / "top").symlink_to(site.root, target_is_directory=True)  # the folder holding content/
    (a / "ping.md").symlink_to("pong.md")
    (a / "pong.md").symlink_to("ping.md")
    with deadline(30):
        result = load_articles(settings_of(site))
    assert [article.path for article in result.articles] == ["content/a/one.md"]
    assert [p.format() for p in result.problems] == [
        "content/a/back: warning: this is a symbolic link to content, a folder read already: "
        "its articles are not read twice",
        "content/a/ping.md: error: this is a symbolic link that leads nowhere (a missing file, or a loop of links): "
        "it is not read",
        "content/a/pong.md: error: this is a symbolic link that leads nowhere (a missing file, or a loop of links): "
        "it is not read",
        "content/a/self: warning: this is a symbolic link to content/a, a folder read already: "
        "its articles are not read twice",
        "content/a/top: warning: this is a symbolic link to a folder that holds the content folder (a loop): "
        "it is not followed",
    ]


def test_two_links_to_one_folder_walk_it_once(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    shared = site.root / "shared"
    shared.mkdir()
    (shared / "s.md").write_text(article_text("Shared"), encoding="utf-8")
    (shared / "loop").symlink_to(site.content, target_is_directory=True)
    (site.content / "first").symlink_to(shared, target_is_directory=True)
    (site.content / "second").symlink_to(shared, target_is_directory=True)
    with deadline(30):
        result = load_articles(settings_of(site))
    assert [a.path for a in result.articles] == ["content/first/s.md"]
    assert [p.format() for p in result.problems] == [
        "content/first/loop: warning: this is a symbolic link to content, a folder read already: "
        "its articles are not read twice",
        "content/second: warning: this is a symbolic link to content/first, a folder read already: "
        "its articles are not read twice",
    ]


def test_a_named_pipe_is_refused_instead_of_blocking_the_build(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site()
    site.write_article("good.md", title="Good", date="2024-11-25", topic="politics")
    os.mkfifo(site.content / "pipe.md")
    (site.content / "to-pipe.md").symlink_to("pipe.md")
    with deadline(30):
        result = site.briefings("check")
    assert result.exit_code == 1
    assert lines_about(result.output, "content/pipe.md") == [
        "content/pipe.md: error: this is not a regular file (a pipe, a socket or a device): it is not read"
    ]
    assert lines_about(result.output, "content/to-pipe.md") == [
        "content/to-pipe.md: error: this is not a regular file (a pipe, a socket or a device): it is not read"
    ]


def test_a_walk_without_links_resolves_no_path(
    make_site: Callable[..., FixtureSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk runs over 20,000 files: only links cost a ``realpath``, plain files and folders none."""
    site = make_site()
    for n in range(30):
        site.write_article(f"{2020 + n % 3}/{n % 5}/a{n}.md", title=f"A{n}", date="2024-11-25", topic="politics")
    calls: list[str] = []
    real_realpath = os.path.realpath

    def counting_realpath(path: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(os.fspath(path))
        return real_realpath(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", counting_realpath)
    result = load_articles(settings_of(site))
    assert len(result.articles) == 30
    assert set(calls) <= {str(site.root), str(site.content)}, calls  # never a folder or a file of the walk
