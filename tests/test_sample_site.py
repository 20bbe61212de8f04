"""The bundled sample site: builds strictly with MkDocs itself, includes the imported seed, fills every page kind."""

from __future__ import annotations

from helpers import REPO, SampleBuild

from briefings.app.site import open_site
from briefings.load import load_articles
from briefings.request import BuildRequest

SEED = REPO / "content/2024/11/2024-11-25-western-nations-revive-debate-over-sending-troops-to-ukraine-says-le-monde.md"


def test_sample_builds_with_mkdocs_strict_and_no_warning(sample_build: SampleBuild) -> None:
    result = sample_build.result
    output = result.output
    assert result.exit_code == 0, output
    assert "WARNING" not in output and "ERROR" not in output
    assert (sample_build.site / "feed.xml").is_file()
    assert not list(REPO.glob("content/**/*.html")), "nothing generated may land in content/"


def test_sample_content_meets_the_issue_minimums() -> None:
    loaded = load_articles(open_site(BuildRequest(REPO / "mkdocs.yml")).settings)
    assert not loaded.problems
    articles = loaded.articles
    assert len(articles) >= 25
    assert len({a.day for a in articles}) >= 6
    assert len({a.topic for a in articles}) >= 4
    assert any(a.priority == 1 for a in articles)
    tag_days: dict[str, set] = {}
    for article in articles:
        for tag in article.tags:
            tag_days.setdefault(tag.casefold(), set()).add(article.day)
    assert any(len(days) > 1 for days in tag_days.values()), "tags must be shared across days"
    others = [a for a in articles if a.source_path != SEED]
    assert all(a.source == "Example Wire" and (a.source_url or "").startswith("https://example.org/") for a in others)


def test_seed_article_was_imported_with_its_outlet_and_title() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert "title: Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde" in text
    assert "source: Le Monde" in text and "date: 2024-11-25" in text
    assert "- Category" not in text and "- Latest news" not in text
