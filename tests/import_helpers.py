"""Helpers for the importer and ``briefings new`` tests: a throw-away site and a way to run the commands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frontmatter
from helpers import CliResult, FixtureSite, run_cli, write_site

from briefings.app.site import open_site
from briefings.load import LoadResult, load_articles
from briefings.request import BuildRequest

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = FIXTURES / "seed-article.txt"  # a copy of ../shared/seed-article.txt

IMPORT_TOPICS = {
    "defence": {"title": "Defence & Security", "keywords": ["troops", "NATO", "missile", "military", "drone"]},
    "politics": {"title": "Politics", "keywords": ["parliament", "budget", "election", "ceasefire", "talks"]},
    "economy": {"title": "Economy", "keywords": ["sanctions", "economy", "bourse", "taux", "oil"]},
}


@dataclass
class ImportSite(FixtureSite):
    """A :class:`FixtureSite` that lists, loads and imports its articles."""

    def files(self) -> list[Path]:
        """Every article file, sorted."""
        return sorted(self.content.rglob("*.md"))

    def relative_files(self) -> list[str]:
        return [p.relative_to(self.root).as_posix() for p in self.files()]

    def load(self) -> LoadResult:
        """Load the site the way ``briefings check`` does (drafts included)."""
        return load_articles(open_site(BuildRequest(self.config)).settings)

    def post(self, path: Path) -> frontmatter.Post:
        return frontmatter.load(path)

    def run_import(self, *args: str | Path) -> CliResult:
        return run_cli("import", *args, "-f", self.config)

    def run_new(self, *args: str) -> CliResult:
        return run_cli("new", *args, "-f", self.config)


def import_site(root: Path, topics: object = IMPORT_TOPICS, timezone: str = "Europe/Paris") -> ImportSite:
    """Write a site into ``root`` (topics with keywords; ``{}`` for discovered topics) and return it."""
    site = write_site(
        root,
        topics=topics,
        timezone=timezone,
        site_name="Test Briefing",
        site_url="https://example.org/briefing/",
        search=False,
    )
    return ImportSite(site.root, site.options)


def assert_loads_cleanly(site: ImportSite) -> LoadResult:
    """Load the site and fail on any error or warning; return the result."""
    result = site.load()
    assert [p.format() for p in result.problems] == []
    return result
