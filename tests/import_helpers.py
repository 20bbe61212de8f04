"""Helpers for the importer and ``briefings new`` tests: a throw-away site and a way to run the commands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frontmatter
from click.testing import CliRunner, Result

from briefings.app.site import open_site
from briefings.cli import main
from briefings.load import LoadResult, load_articles
from briefings.request import BuildRequest

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = FIXTURES / "seed-article.txt"  # a copy of ../shared/seed-article.txt

TOPICS_YAML = """\
      topics:
        defence: {title: Defence & Security, keywords: [troops, NATO, missile, military, drone]}
        politics: {title: Politics, keywords: [parliament, budget, election, ceasefire, talks]}
        economy: {title: Economy, keywords: [sanctions, economy, bourse, taux, oil]}
"""


@dataclass
class TmpSite:
    """A minimal site on disk: ``mkdocs.yml`` with the briefings plugin, ``docs/`` and ``content/``."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

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

    def run_import(self, *args: str | Path) -> Result:
        return CliRunner().invoke(main, ["import", *map(str, args), "-f", str(self.config)])

    def run_new(self, *args: str) -> Result:
        return CliRunner().invoke(main, ["new", *args, "-f", str(self.config)])


def make_site(root: Path, topics_yaml: str = TOPICS_YAML, timezone: str = "Europe/Paris") -> TmpSite:
    """Write a site into ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Test Briefing\n"
        "site_url: https://example.org/briefing/\n"
        "theme:\n  name: material\n"
        "plugins:\n  - briefings:\n"
        f"      timezone: {timezone}\n" + topics_yaml,
        encoding="utf-8",
    )
    return TmpSite(root)


def assert_loads_cleanly(site: TmpSite) -> LoadResult:
    """Load the site and fail on any error or warning; return the result."""
    result = site.load()
    assert [p.format() for p in result.problems] == []
    return result
