"""Helpers for the loading and ``briefings check`` tests: tiny sites written into a tmp folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from briefings.cli import main
from briefings.load import LoadResult, load_articles
from briefings.model import Problem, SiteSettings, Topic

TOPICS: tuple[Topic, ...] = (
    Topic("politics", "Politics"),
    Topic("defence", "Defence & Security", keywords=("nato",)),
    Topic("economy", "Economy"),
)

MKDOCS_YML = """\
site_name: Test Briefing
theme:
  name: material
plugins:
  - briefings:
      timezone: Europe/Paris
      topics:
        politics: Politics
        defence: {title: Defence & Security, keywords: [nato]}
        economy: Economy
"""


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


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``{relative path: text or bytes}`` below ``folder``, creating sub-folders."""
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")


def settings_for(
    root: Path, *, timezone: str = "Europe/Paris", topics: tuple[Topic, ...] = TOPICS, drafts: bool = False
) -> SiteSettings:
    """Settings of a site rooted at ``root`` with its articles in ``root/content``."""
    return SiteSettings(
        root=root, content_dir=root / "content", timezone=ZoneInfo(timezone), topics=topics, drafts=drafts
    )


def load(root: Path, files: Mapping[str, str | bytes], **settings: object) -> LoadResult:
    """Write ``files`` into ``root/content`` and load them."""
    write_files(root / "content", files)
    return load_articles(settings_for(root, **settings))  # type: ignore[arg-type]


def only_problem(result: LoadResult, path: str) -> Problem:
    """The single problem reported for ``path`` (fails the test when there are none or several)."""
    found = [p for p in result.problems if p.path == path]
    assert len(found) == 1, f"expected one problem for {path}, got {found}"
    return found[0]


def make_site(root: Path, files: Mapping[str, str | bytes], config: str = MKDOCS_YML) -> Path:
    """A complete site folder (``mkdocs.yml``, ``docs/``, ``content/``); returns the config file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_files(root / "content", files)
    return root / "mkdocs.yml"


@dataclass
class CheckRun:
    exit_code: int
    output: str  # stdout and stderr together

    @property
    def lines(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.strip()]


def run_check(config_file: Path, *extra: str) -> CheckRun:
    """``briefings check -f CONFIG`` in-process (Click's runner)."""
    result = CliRunner().invoke(main, ["check", "-f", str(config_file), *extra], catch_exceptions=False)
    return CheckRun(result.exit_code, result.output)


def run_check_subprocess(config_file: Path, cwd: Path) -> CheckRun:
    """``briefings check -f CONFIG`` as a real process started in ``cwd``."""
    completed = subprocess.run(
        [sys.executable, "-c", "from briefings.cli import main; main()", "check", "-f", str(config_file)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return CheckRun(completed.returncode, completed.stdout + completed.stderr)
