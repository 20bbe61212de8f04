"""``briefings init DIR``: create a new, working briefing site from ``briefings/scaffold/``.

The scaffold folder is the one source of every file a new site gets (the GitHub
Pages workflow included: the repository's own ``.github/workflows/publish.yml`` is
a copy, and a test keeps them identical). Files ending in ``.tmpl`` are filled in
with :class:`string.Template` (``${site_name}``…) and lose the suffix; ``gitignore``
becomes ``.gitignore`` (a real ``.gitignore`` inside the package would apply to the
package itself); the example article is written under ``content/YYYY/MM/``, dated now
in the site's time zone.

The new ``mkdocs.yml`` has ``site_url: !ENV [SITE_URL, https://example.github.io/<dir>/]``:
a real URL, so ``briefings build --strict`` works at once and the feeds exist; the
publish workflow sets ``SITE_URL`` to the real GitHub Pages address.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template
from zoneinfo import ZoneInfo

from . import __version__
from .errors import InitRefused
from .render import markdown_text
from .settings import ConfigError, parse_timezone
from .text import slugify

SCAFFOLD = "scaffold"
EXAMPLE_ARTICLE = "content/example.md.tmpl"
RENAMED = {"gitignore": ".gitignore"}


@dataclass(frozen=True)
class NewSite:
    """What ``init`` needs to know about the site it creates."""

    folder: Path
    site_name: str
    timezone: ZoneInfo
    now: dt.datetime  # aware, in ``timezone``

    @property
    def slug(self) -> str:
        return slugify(self.folder.name) or "briefing"

    @property
    def site_url(self) -> str:
        return f"https://example.github.io/{self.slug}/"

    @property
    def article_path(self) -> str:
        """``content/2024/11/2024-11-25-welcome.md``: where ``briefings import`` would put it."""
        return f"content/{self.now:%Y/%m}/{self.now:%Y-%m-%d}-welcome.md"

    def values(self) -> dict[str, str]:
        """The ``${…}`` values of the templates; ``*_yaml`` ones are quoted for YAML (JSON strings are YAML)."""
        description = f"{self.site_name}: a daily briefing of curated news, grouped by topic."
        summary = (
            f"How {self.site_name} works: one Markdown file per article, one page per day, published with one command."
        )
        return {
            "site_name": self.site_name,
            # Markdown pages show the name as text: HTML and Markdown syntax in it are escaped.
            "site_name_markdown": str(markdown_text(self.site_name)),
            "site_name_yaml": json.dumps(self.site_name, ensure_ascii=False),
            "site_description_yaml": json.dumps(description, ensure_ascii=False),
            "site_url_yaml": json.dumps(self.site_url),
            "timezone": json.dumps(self.timezone.key),
            "date": self.now.strftime("%Y-%m-%d %H:%M"),
            "article_title_yaml": json.dumps(f"Welcome to {self.site_name}", ensure_ascii=False),
            "summary_yaml": json.dumps(summary, ensure_ascii=False),
            "version": __version__,
        }


def site_name_from(folder: Path) -> str:
    """``my-world_briefing`` → ``My World Briefing`` (the rest of each word kept as written)."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Briefing"


def scaffold_files(root: Traversable | None = None, prefix: str = "") -> list[tuple[str, Traversable]]:
    """Every file of the scaffold, as ``(path inside the scaffold, resource)``, sorted."""
    root = root if root is not None else resources.files("briefings").joinpath(SCAFFOLD)
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        path = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(scaffold_files(entry, f"{path}/"))
        else:
            found.append((path, entry))
    return found


def target_path(source: str, site: NewSite) -> str:
    """Where a scaffold file lands in the new site."""
    if source == EXAMPLE_ARTICLE:
        return site.article_path
    folder, _, name = source.rpartition("/")
    name = RENAMED.get(name, name.removesuffix(".tmpl"))
    return f"{folder}/{name}" if folder else name


def create_site(
    folder: Path, *, timezone: str = "UTC", site_name: str | None = None, now: dt.datetime | None = None
) -> list[Path]:
    """Write a new site into ``folder`` (missing or empty); return the files written."""
    if folder.exists() and not folder.is_dir():
        raise InitRefused(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitRefused(f"{folder} is not empty: choose a new or empty folder (nothing was written)")
    try:
        zone = parse_timezone(timezone)
    except ConfigError as exc:
        raise InitRefused(f"--timezone: {exc}") from None
    moment = (now or dt.datetime.now(zone)).astimezone(zone).replace(second=0, microsecond=0)
    site = NewSite(folder, site_name or site_name_from(folder), zone, moment)
    values = site.values()
    written = []
    for source, resource in scaffold_files():
        path = folder / target_path(source, site)
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.endswith(".tmpl"):
            path.write_text(Template(resource.read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
        else:
            path.write_bytes(resource.read_bytes())
        written.append(path)
    return written
