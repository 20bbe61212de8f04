"""Build small fixture sites for integration tests: write mkdocs.yml and articles, run the CLI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

DEFAULT_TOPICS = {
    "defence": {"title": "Defence & Security", "description": "Armies and alliances.", "keywords": ["troops"]},
    "politics": "Politics",
    "economy": "Economy",
}


def write_site(
    root: Path,
    *,
    topics: object = None,
    period: str = "day",
    site_url: str | None = "https://example.org/news/",
    extra_plugin: dict | None = None,
) -> Path:
    """Write a minimal site (mkdocs.yml, docs/, content/) and return its mkdocs.yml."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nA fixture site.\n", encoding="utf-8")
    options = {"timezone": "Europe/Paris", "period": period, "topics": DEFAULT_TOPICS if topics is None else topics}
    options.update(extra_plugin or {})
    config = {
        "site_name": "Fixture Briefing",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"briefings": options}],
    }
    if site_url:
        config["site_url"] = site_url
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_article(root: Path, name: str, body: str = "Some text.", **fields: object) -> Path:
    """Write ``content/<name>`` with the given front matter fields (YAML-dumped) and body."""
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front}---\n{textwrap.dedent(body)}\n", encoding="utf-8")
    return path


def briefings(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the ``briefings`` command line in ``cwd`` and capture its output."""
    return subprocess.run(
        [sys.executable, "-c", "from briefings.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True, text=True, check=False)


def read_page(site: Path, url: str) -> str:
    """The HTML of the page at ``url`` (``/briefings/2024/11/25/``)."""
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
