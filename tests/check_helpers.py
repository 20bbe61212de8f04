"""Helpers for the loading and ``briefings check`` tests: valid article text, tiny sites, one problem."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from helpers import CliResult, FixtureSite, run_cli, write_site

from briefings.load import LoadResult, load_articles
from briefings.model import Problem, SiteSettings, Topic

TOPICS: tuple[Topic, ...] = (
    Topic("politics", "Politics"),
    Topic("defence", "Defence & Security", keywords=("nato",)),
    Topic("economy", "Economy"),
)
#: The same topics, as written in ``mkdocs.yml``.
CONFIG_TOPICS = {
    "politics": "Politics",
    "defence": {"title": "Defence & Security", "keywords": ["nato"]},
    "economy": "Economy",
}


def article(
    title: str = "Parliament passes the budget",
    date: str = "2024-11-25",
    topic: str = "politics",
    body: str = "Body text.",
    **fields: str,
) -> str:
    """The text of a valid article; extra ``fields`` are written as ``name: value`` lines after topic."""
    lines = ["---", f"title: {title}", f"date: {date}", f"topic: {topic}"]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def settings_for(
    root: Path,
    *,
    timezone: str = "Europe/Paris",
    topics: tuple[Topic, ...] = TOPICS,
    drafts: bool = False,
    future: bool = False,
) -> SiteSettings:
    """Settings of a site rooted at ``root`` with its articles in ``root/content``."""
    return SiteSettings(
        root=root,
        content_dir=root / "content",
        timezone=ZoneInfo(timezone),
        topics=topics,
        drafts=drafts,
        future=future,
    )


def load(root: Path, files: Mapping[str, str | bytes], **settings: object) -> LoadResult:
    """Write ``files`` into ``root/content`` and load them."""
    FixtureSite(root).write_files(files)
    return load_articles(settings_for(root, **settings))  # type: ignore[arg-type]


def only_problem(result: LoadResult, path: str) -> Problem:
    """The single problem reported for ``path`` (fails the test when there are none or several)."""
    found = [p for p in result.problems if p.path == path]
    assert len(found) == 1, f"expected one problem for {path}, got {found}"
    return found[0]


def check_site(root: Path, files: Mapping[str, str | bytes], config: str | None = None) -> FixtureSite:
    """A site with the :data:`TOPICS`, no ``site_url`` and ``files`` in ``content/``.

    ``config``, when given, is written as the whole ``mkdocs.yml`` instead.
    """
    site = write_site(root, site_name="Test Briefing", topics=CONFIG_TOPICS, site_url=None, search=False)
    if config is not None:
        site.config.write_text(config, encoding="utf-8")
    site.write_files(files)
    return site


def run_check(config_file: Path, *extra: str, cwd: Path | None = None) -> CliResult:
    """``briefings check -f CONFIG`` in-process."""
    return run_cli("check", "-f", config_file, *extra, cwd=cwd)
