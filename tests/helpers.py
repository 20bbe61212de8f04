"""What the tests share, importable as ``from helpers import …``: the command line run in-process, a site factory.

* :func:`run_cli` runs ``briefings …`` (or ``mkdocs …`` with :func:`run_mkdocs`) in
  this process with click's ``CliRunner``: no interpreter start-up per call, output captured.
* :class:`FixtureSite` / :func:`write_site`: a small site on disk (``mkdocs.yml``,
  ``docs/``, ``content/``) with helpers to write articles and run commands in it.

The fixtures built on these (``make_site``, ``sample_build``) are in ``conftest.py``.
This is a module of its own because ``tests/browser/conftest.py`` takes the module
name ``conftest`` once it is collected, so ``from conftest import …`` would break.
"""

from __future__ import annotations

import logging
import os
import textwrap
from collections.abc import Mapping
from contextlib import chdir, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml
from click.testing import CliRunner

from briefings.cli import main

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONFIG = REPO / "mkdocs.yml"

#: Front matter that is HTML, Markdown and javascript: links: every output must show it as text.
HOSTILE_TITLE = "<script>alert(1)</script> & [x](javascript:alert(1))"
HOSTILE_SUMMARY = '<img src=x onerror="alert(2)"> and *stars* & [y](javascript:alert(3))'
HOSTILE_TAG = "<b>bold</b>"

DEFAULT_TOPICS: dict[str, Any] = {
    "defence": {"title": "Defence & Security", "description": "Armies and alliances.", "keywords": ["troops"]},
    "politics": "Politics",
    "economy": "Economy",
}


# --- the command line, in-process ----------------------------------------------------------


@dataclass
class CliResult:
    """What a command did: its exit status and what it printed."""

    exit_code: int
    stdout: str
    stderr: str
    output: str  # both streams, interleaved in the order written (as on a terminal)

    @property
    def lines(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.strip()]


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    command: click.Command = main,
) -> CliResult:
    """``briefings ARGS`` (or another click ``command``) in this process, in ``cwd``, with ``env`` changes.

    An ``env`` value of None removes that variable for the call. ``SITE_URL`` is
    removed unless given, so a site's default ``site_url`` applies. Unexpected
    exceptions are raised, not hidden: a traceback fails the test.
    """
    changes: dict[str, str | None] = {"SITE_URL": None, **(env or {})}
    mkdocs_log = logging.getLogger("mkdocs")
    handlers, level, propagate = list(mkdocs_log.handlers), mkdocs_log.level, mkdocs_log.propagate
    try:
        with chdir(cwd) if cwd is not None else nullcontext():
            result = CliRunner(env=changes).invoke(command, [str(a) for a in args], catch_exceptions=False)
    finally:  # `mkdocs` adds a log handler per call and turns propagation off
        mkdocs_log.handlers[:] = handlers
        mkdocs_log.setLevel(level)
        mkdocs_log.propagate = propagate
    return CliResult(result.exit_code, result.stdout, result.stderr, result.output)


def run_mkdocs(*args: str | Path, cwd: Path | None = None, env: Mapping[str, str | None] | None = None) -> CliResult:
    """``mkdocs ARGS`` in this process (the plugin is found through its entry point, as in a real run)."""
    from mkdocs.__main__ import cli as mkdocs_cli

    return run_cli(*args, cwd=cwd, env=env, command=mkdocs_cli)


# --- a small site on disk ------------------------------------------------------------------


@dataclass
class FixtureSite:
    """A site folder: ``mkdocs.yml`` with the briefings plugin, ``docs/about.md`` and ``content/``."""

    root: Path
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write_article(self, name: str, body: str = "Some text.", **fields: object) -> Path:
        """Write ``content/<name>`` with the given front matter fields (YAML-dumped) and body."""
        path = self.content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
        path.write_text(f"---\n{front}---\n{textwrap.dedent(body)}\n", encoding="utf-8")
        return path

    def write_files(self, files: Mapping[str, str | bytes]) -> None:
        """Write ``{path below content/: text or bytes}`` as they are."""
        for name, data in files.items():
            target = self.content / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                target.write_bytes(data)
            else:
                target.write_text(textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8")

    def briefings(self, *args: str | Path, env: Mapping[str, str | None] | None = None) -> CliResult:
        """``briefings ARGS`` run in the site folder."""
        return run_cli(*args, cwd=self.root, env=env)

    def mkdocs(self, *args: str | Path) -> CliResult:
        """``mkdocs ARGS`` run in the site folder."""
        return run_mkdocs(*args, cwd=self.root)


def write_site(
    root: Path,
    *,
    topics: object = None,
    period: str = "day",
    timezone: str = "Europe/Paris",
    site_url: str | None = "https://example.org/news/",
    site_name: str = "Fixture Briefing",
    extra_plugin: Mapping[str, Any] | None = None,
    extra_config: Mapping[str, Any] | None = None,
    search: bool = True,
) -> FixtureSite:
    """Write a minimal site into ``root`` (``mkdocs.yml``, ``docs/about.md``, ``content/``)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nA fixture site.\n", encoding="utf-8")
    options: dict[str, Any] = {
        "timezone": timezone,
        "period": period,
        "topics": DEFAULT_TOPICS if topics is None else topics,
    }
    options.update(extra_plugin or {})
    config: dict[str, Any] = {"site_name": site_name, "theme": {"name": "material", "font": False}}
    config["plugins"] = [*(["search"] if search else []), {"briefings": options}]
    if site_url:
        config["site_url"] = site_url
    config.update(extra_config or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return FixtureSite(root, options)


def read_page(site: Path, url: str) -> str:
    """The HTML of the page at ``url`` (``/briefings/2024/11/25/``) in a built site folder."""
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


# --- the sample site, built once -----------------------------------------------------------


@dataclass(frozen=True)
class SampleBuild:
    """The sample site built by ``mkdocs build --strict``, and what the build printed."""

    site: Path
    result: CliResult
