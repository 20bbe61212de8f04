"""The ``briefings`` MkDocs plugin: a thin adapter from MkDocs events to the core pipeline.

* ``on_config``: load and validate the articles, group them and render every
  page to Markdown, before MkDocs empties ``site_dir`` — a bad article never
  wipes the last good site.
* ``on_files``: add the rendered pages as in-memory files (``File.generated``);
  nothing is written into ``content/``.
* ``on_pre_page``: give each page a content-derived date, so the sitemap is
  byte-identical between two builds of the same input.
* ``on_post_build``: write the feeds (RSS, Atom, JSON Feed, one RSS per topic)
  into ``site_dir``; they need ``site_url`` (a warning without it, an error
  under ``--strict``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import urls
from ..feeds import write_feeds
from ..group import SiteModel, build_site
from ..load import LoadResult, load_articles
from ..model import SiteSettings
from ..render import RenderedPage, Renderer
from .config import BriefingsConfig

log = logging.getLogger("mkdocs.plugins.briefings")

#: ``briefings build --drafts`` and ``briefings serve --drafts`` set this for the plugin.
DRAFTS_ENV = "BRIEFINGS_DRAFTS"
THEME_DIR = Path(__file__).parent / "theme"
#: Pages in the navigation, in order; every other generated page is reached by links and search.
NAV_PAGES = (("Today", urls.HOME), ("Archive", urls.ARCHIVE), ("Topics", urls.TOPICS), ("Tags", urls.TAGS))


def site_settings(config: MkDocsConfig, options: BriefingsConfig) -> SiteSettings:
    """The core's view of ``mkdocs.yml``: paths resolved next to the config file."""
    root = Path(config.config_file_path or ".").resolve().parent
    language = (config.theme.get("language") if config.theme else None) or "en"
    return SiteSettings(
        root=root,
        content_dir=(root / options.content_dir).resolve(),
        timezone=options.timezone,
        period=options.period,
        topics=options.topics,
        site_name=config.site_name,
        site_url=config.site_url or None,
        site_description=config.site_description or "",
        language=str(language),
        drafts=options.drafts or os.environ.get(DRAFTS_ENV) == "1",
    )


def docs_page_url(src_uri: str) -> str:
    """The URL MkDocs (with directory URLs) gives a Markdown page of ``docs_dir``."""
    stem, _ = os.path.splitext(src_uri)
    parent, name = os.path.split(stem)
    if name.lower() in ("index", "readme"):
        return f"{parent}/" if parent else ""
    return f"{stem}/"


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Adds the generated briefing pages to a MkDocs build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: SiteSettings | None = None
        self.loaded: LoadResult | None = None
        self.model: SiteModel | None = None
        self.pages: list[RenderedPage] = []
        self.pages_by_file: dict[str, RenderedPage] = {}
        self.page_dates: dict[str, str] = {}
        self.newest_date: str | None = None
        #: Set by ``briefings build``, which has just loaded the articles to check them.
        self.preloaded: LoadResult | None = None
        self.template_dirs: list[Path] = []

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):  # type: ignore[override]
        # MkDocs only warns about unknown plugin options; SPEC §3 makes them errors naming the key.
        errors, warnings = super().load_config(options, config_file_path)
        unknown = [(key, msg) for key, msg in warnings if "Unrecognised configuration name" in str(msg)]
        if unknown:
            errors = [*errors, *((key, ValidationError(f"unknown option '{key}' of the briefings plugin")) for key, _ in unknown)]
            warnings = [w for w in warnings if w not in unknown]
        return errors, warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so MkDocs keeps one plugin object across ``mkdocs serve`` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = self.settings = site_settings(config, self.config)
        if not settings.site_url:
            message = "site_url is not set in mkdocs.yml: no feeds (RSS, Atom, JSON Feed) and no canonical links are made; set it to the address the site is published at, e.g. https://USER.github.io/REPO/"
            if config.strict:
                raise PluginError(f"{message} (an error under --strict)")
            log.warning(message)
        if self.preloaded is not None:
            loaded = self.loaded = self.preloaded  # already checked and reported by the command line
        else:
            loaded = self.loaded = load_articles(settings)
            for problem in loaded.problems:
                (log.error if problem.is_error else log.warning)(problem.format())
        if loaded.errors:
            raise PluginError(f"{len(loaded.errors)} error(s) in the articles: the site was not built and the previous one is untouched")
        if loaded.warnings and config.strict:
            raise PluginError(f"{len(loaded.warnings)} warning(s) in the articles and --strict is on: the site was not built")

        self.model = build_site(loaded.articles, settings, loaded.topics)
        custom_dir = config.theme.custom_dir
        template_dirs = self.template_dirs = [Path(custom_dir) / "briefings"] if custom_dir and (Path(custom_dir) / "briefings").is_dir() else []
        self.pages = list(Renderer(self.model, template_dirs).pages())
        self.pages_by_file = {page.source_file: page for page in self.pages}
        docs_pages = sorted(Path(config.docs_dir).rglob("*.md"))
        self._check_docs_collisions(config, docs_pages)

        self.page_dates = {p.source_file: p.updated.date().isoformat() for p in self.pages if p.updated}
        self.newest_date = max(self.page_dates.values(), default=None)

        # Our templates (main.html, CSS) sit right after the site's own overrides.
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if custom_dir else 0, str(THEME_DIR))
        if config.nav is None:
            config.nav = self._navigation(config, docs_pages)
        return config

    def _check_docs_collisions(self, config: MkDocsConfig, docs_pages: list[Path]) -> None:
        generated = {p.url: p for p in self.pages}
        docs_dir = Path(config.docs_dir)
        clashes = []
        for path in docs_pages:
            src_uri = path.relative_to(docs_dir).as_posix()
            page = generated.get(docs_page_url(src_uri))
            if page is not None:
                shown = Path(os.path.relpath(path, self.settings.root if self.settings else ".")).as_posix()
                clashes.append(f"{shown}: error: this page has the URL /{page.url} of the generated page '{page.title}': rename or move it")
        for message in clashes:
            log.error(message)
        if clashes:
            raise PluginError(f"{len(clashes)} page(s) in docs_dir collide with generated pages: the site was not built")

    def _navigation(self, config: MkDocsConfig, docs_pages: list[Path]) -> list[Any]:
        """A small navigation: the generated index pages, then the hand-written ``docs/`` pages."""
        nav: list[Any] = [{title: urls.source_file(url)} for title, url in NAV_PAGES]
        docs_dir = Path(config.docs_dir)
        for path in docs_pages:
            nav.append(path.relative_to(docs_dir).as_posix())
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        in_nav = {urls.source_file(url) for _, url in NAV_PAGES}
        for page in self.pages:
            inclusion = InclusionLevel.INCLUDED if page.source_file in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.source_file, content=_page_source(page), inclusion=inclusion))
        return files

    @event_priority(100)  # before other plugins (search, …) read the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put back the HTML fragments that the generated Markdown left as tokens."""
        rendered = self.pages_by_file.get(page.file.src_uri)
        return rendered.insert_fragments(html) if rendered is not None and rendered.fragments else html

    @event_priority(-100)  # after other plugins, so nothing resets the date
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        date = self.page_dates.get(page.file.src_uri) or self.newest_date
        if date:
            page.update_date = date
        return page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds next to the pages (nothing without ``site_url``: on_config warned)."""
        if self.model is not None and self.model.settings.site_url:
            write_feeds(self.model, Path(config.site_dir), self.template_dirs)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.settings is not None:
            server.watch(str(self.settings.content_dir))
        return server


def _page_source(page: RenderedPage) -> str:
    """Front matter (as JSON, which is valid YAML and needs no escaping rules of its own) + Markdown."""
    meta = json.dumps(page.meta, ensure_ascii=False)
    return f"---\n{meta}\n---\n\n{page.markdown}"
