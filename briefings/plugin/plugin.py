"""The ``briefings`` MkDocs plugin: a thin adapter from MkDocs events to the core pipeline.

* ``on_config``: load and validate the articles, group them and render every
  page to Markdown, before MkDocs empties ``site_dir`` — a bad article never
  wipes the last good site.
* ``on_env``: give the theme templates the feed URLs; every page's Markdown has
  been read by now, so the search index is started here, in a thread: Pagefind
  indexes in its own process while MkDocs renders the pages (:class:`SearchIndexing`).
* ``on_files``: add the rendered pages as in-memory files (``File.generated``);
  nothing is written into ``content/``. A page whose HTML the page cache holds
  (same source, same site-wide inputs: :mod:`.incremental`) is added as
  ``EXCLUDED``: links to it still resolve, but MkDocs neither reads nor renders it.
* ``on_page_content``: put back the HTML fragments the Markdown left as tokens.
* ``on_pre_page``: give each page a content-derived date for the sitemap.
* ``on_post_page``: keep each rendered generated page's HTML in the page cache.
* ``on_post_build``: wait for the cached pages, put into ``site_dir`` by a thread
  since ``on_files`` (in ``serve`` most are still there: :mod:`.preview`); write the sitemap
  (all pages, rendered or restored: :mod:`briefings.sitemap`), the feeds (RSS,
  Atom, JSON Feed, one RSS per topic) — they need ``site_url`` (a warning
  without it, an error under ``--strict``) —, each briefing's ``email.html``
  with ``email: publish_html`` (:mod:`briefings.newsletter`), and the Pagefind
  search bundle (:mod:`briefings.search`).

Site search is Pagefind: Material's own search plugin stays listed (its header
search box is where ours lives) but its indexing events are taken out, so no
``search_index.json`` is written (:func:`_take_over_search`).

``briefings build`` and ``serve`` hand the plugin their :class:`BuildRequest`
with :meth:`BriefingsPlugin.handling`; a plain ``mkdocs build`` uses the options
of ``mkdocs.yml`` alone.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import urls
from ..cache import CACHE_DIR, ArticleCache, BuildCache, PageCache, remove_in_background
from ..compiled import COMPILED_TEMPLATES
from ..feeds import write_feeds
from ..group import SiteModel, group_articles, preview_only_urls
from ..i18n import N_, Messages, browser_strings, material_language, messages_for, warn_if_untranslated
from ..i18n import log as language_log
from ..load import LoadResult, cache_context, load_articles, open_article_cache
from ..model import SiteSettings
from ..newsletter import write_email_pages
from ..redirects import alias_file, redirect_pages, write_redirects
from ..render import FRAGMENT_PARAGRAPH, RenderedPage, Renderer
from ..request import DEFAULT_REQUEST, BuildRequest
from ..sanitize import sanitize_between
from ..search import (
    SearchIndexError,
    SearchIndexReport,
    SearchRecord,
    article_records,
    page_record,
    write_bundles,
)
from ..sitemap import SitemapEntry, write_sitemap
from .config import BriefingsConfig, escape_config_text, settings_from_config
from .incremental import page_key, site_variant
from .preview import KeptFolders

log = logging.getLogger("mkdocs.plugins.briefings")
T = TypeVar("T")


class _ToStderr(logging.StreamHandler):
    """Writes to the ``sys.stderr`` of the moment (as MkDocs' own handler does), in MkDocs' format."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


#: The interface-language warning is logged outside MkDocs' logger, so that --strict does not count it
#: (see briefings.i18n.untranslated_warning); it is shown like MkDocs' warnings all the same.
if not language_log.handlers:
    language_log.addHandler(_ToStderr())

THEME_DIR = Path(__file__).parent / "theme"
#: Pages in the navigation, in order; every other generated page is reached by links and search.
#: "Latest", not "Today": the home page shows the latest briefing, which may be days old.
#: The labels are translated (:mod:`briefings.i18n`) when the navigation is made.
NAV_PAGES = (
    (N_("Latest"), urls.HOME),
    (N_("Archive"), urls.ARCHIVE),
    (N_("Topics"), urls.TOPICS),
    (N_("Tags"), urls.TAGS),
)
#: The search box's words in the site's language (briefings.i18n.browser_strings), loaded by every page.
SEARCH_STRINGS_FILE = "assets/briefings/search-strings.js"
#: The site-wide feeds, for the autodiscovery links of every page: (MIME type, label, path).
FEED_LINKS = (
    ("application/rss+xml", "RSS", urls.RSS_FEED),
    ("application/atom+xml", "Atom", urls.ATOM_FEED),
    ("application/feed+json", "JSON Feed", urls.JSON_FEED),
)
NO_SITE_URL = (
    "site_url is not set in mkdocs.yml: no feeds (RSS, Atom, JSON Feed) and no canonical links are made;"
    " set it to the address the site is published at, e.g. https://USER.github.io/REPO/"
)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Adds the generated briefing pages to a MkDocs build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.request: BuildRequest = DEFAULT_REQUEST
        #: Articles the command line has just loaded and reported, used by the next build only.
        self.checked: LoadResult | None = None
        self.settings: SiteSettings | None = None
        self.model: SiteModel | None = None
        self.pages: list[RenderedPage] = []
        self.pages_by_file: dict[str, RenderedPage] = {}
        self.page_dates: dict[str, str] = {}
        self.newest_date: str | None = None
        self.template_dirs: list[Path] = []
        self.renderer: Renderer | None = None
        self.docs_records: list[SearchRecord] = []
        #: ``mkdocs build --dirty`` writes into existing files: cached pages are then copied, not linked.
        self.dirty = False
        #: ``serve`` reloads the browser without waiting for the search index.
        self.serving = False
        #: Kept across ``serve`` rebuilds: an unchanged article file is not parsed again.
        self.article_cache: ArticleCache | None = None
        self.page_cache: PageCache | None = None
        #: Generated pages MkDocs renders in this build, by source file: the cache key of each.
        self.rendering: dict[str, str] = {}
        #: Generated pages restored from the cache instead: (cache key, file in site_dir).
        self.restoring: list[tuple[str, str]] = []
        #: Puts them into site_dir while MkDocs renders the others (on_files → on_post_build).
        self.restorer: InBackground | None = None
        #: Every generated page of this build: file in site_dir → page cache key.
        self.written: dict[str, str] = {}
        #: In ``serve``: the last preview's page folders, kept for the next build (:mod:`.preview`).
        self.kept = KeptFolders()
        #: Generated pages' HTML between MkDocs' two passes, zlib-compressed (on_page_content → on_page_context).
        self.parked: dict[str, bytes] = {}
        self.files: Files | None = None
        self.indexing: SearchIndexing | None = None
        #: In ``serve``: starts the search indexing once the pages are written (on_post_build).
        self.start_indexing: Callable[[], SearchIndexing] | None = None
        #: In ``serve``: the previous preview, moved aside in on_pre_build, to delete after the build.
        self.retired: list[Path] = []
        #: The model of what is published for good: drafts and scheduled articles of a preview left out.
        #: The feeds are made from it, and the sitemap leaves out the pages only a preview has.
        self.public_model: SiteModel | None = None
        self.preview_urls: set[str] = set()
        #: Old URLs (``aliases:``) → the redirect page written there.
        self.redirects: dict[str, str] = {}
        #: The interface strings in the site's language (``theme.language``), for the theme and the nav.
        self.messages: Messages = messages_for("en")

    @contextmanager
    def handling(self, request: BuildRequest, checked: LoadResult | None = None) -> Iterator[BriefingsPlugin]:
        """Build (or serve) for ``request``; ``checked`` saves the next build reading every article again.

        MkDocs keeps one plugin object per process (it has ``on_startup``), also
        across ``mkdocs serve`` rebuilds, so the request applies to every build
        inside the ``with`` block and is forgotten after it.
        """
        self.request, self.checked = request, checked
        try:
            yield self
        finally:
            self.request, self.checked = DEFAULT_REQUEST, None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also makes MkDocs keep one plugin object across ``mkdocs serve`` rebuilds."""
        self.dirty = dirty
        self.serving = command == "serve"

    # --- on_config: everything that can fail runs before MkDocs empties site_dir -------------

    @event_priority(100)  # before Material's search plugin, whose on_config reads Material's language file
    def _on_config_material_language(self, config: MkDocsConfig) -> MkDocsConfig:
        """A ``theme.language`` Material has no file for (``fr_CA``, ``de-AT``, ``xx``) must not fail the build.

        Material's search plugin looks up its defaults (stemming language, word separator)
        in ``partials/languages/<theme.language>.html``. Briefings' search is Pagefind, so
        those defaults are never used: they are set here and the file is not read. The
        theme templates get the nearest language Material has in :meth:`on_env`.
        """
        if not _material_has_language(config):
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search, "config"):
                for name, unused in (("lang", ["en"]), ("separator", r"[\s\-]+"), ("pipeline", [])):
                    if not search.config.get(name):  # what the site set is kept
                        search.config[name] = unused
        return config

    def _on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = self.settings = settings_from_config(config, self.config, self.request)
        self.messages = messages_for(settings.language)
        warn_if_untranslated(settings.language)  # once a build; it does not fail --strict (see briefings.i18n)
        escape_config_text(config)  # themes print config text unescaped; the core keeps the raw text (settings)
        self._require_site_url(config)
        loaded = self._load(settings)
        refusal = loaded.refusal(config.strict)
        if refusal:
            raise PluginError(f"{refusal}: the site was not built and the previous one is untouched")
        self._render(config, settings, loaded)
        docs_pages = sorted(Path(config.docs_dir).rglob("*.md"))
        self._refuse_docs_collisions(config, docs_pages)
        self._refuse_redirect_collisions(loaded)
        self._extend_theme_and_nav(config, docs_pages)
        _reader_friendly_theme(config, google_fonts=self.config.google_fonts, messages=self.messages)
        _take_over_search(config)
        # Briefings writes the sitemap itself: MkDocs' lists only the pages rendered in this build.
        config.theme.static_templates.discard("sitemap.xml")
        self.docs_records = []
        return config

    on_config = CombinedEvent(_on_config_material_language, _on_config)

    def _render(self, config: MkDocsConfig, settings: SiteSettings, loaded: LoadResult) -> None:
        """Group the articles and render every page to Markdown, each with its content date.

        Article pages whose render inputs the page cache knows are deferred: most
        of them will be restored as HTML, and need no Markdown at all.
        """
        self.model = group_articles(loaded.articles, settings, loaded.topics, loaded.media)
        public = [a for a in loaded.articles if not a.is_preview]
        self.public_model = (
            self.model if len(public) == len(loaded.articles) else group_articles(public, settings, loaded.topics)
        )
        self.preview_urls = preview_only_urls(self.model, self.public_model)
        self.redirects = redirect_pages(loaded.articles, settings.site_url, settings.language)
        self.template_dirs = site_template_dirs(config)
        self.renderer = Renderer(self.model, self.template_dirs)
        cache = self.page_cache = PageCache(settings.root / CACHE_DIR, reuse=not self.request.clean, copy=self.dirty)
        self.pages = list(self.renderer.pages(known=lambda inputs: cache.source_of(inputs) is not None))
        self.pages_by_file = {page.source_file: page for page in self.pages}
        self.page_dates = {p.source_file: p.updated.date().isoformat() for p in self.pages if p.updated}
        self.newest_date = max(self.page_dates.values(), default=None)

    def _refuse_redirect_collisions(self, loaded: LoadResult) -> None:
        """An old URL (``aliases:``) must not take the place of a generated page."""
        pages = {f"{p.url}index.html": p for p in self.pages}
        clashes = [
            f"{article.path}:{article.field_lines.get('aliases', article.line)}: error: field 'aliases':"
            f" the old URL {alias!r} is the address of the generated page '{pages[alias_file(alias)].title}'"
            for article in loaded.articles
            for alias in article.aliases
            if alias_file(alias) in pages
        ]
        for message in clashes:
            log.error(message)
        if clashes:
            raise PluginError(f"{len(clashes)} old URL(s) collide with generated pages: the site was not built")

    def _extend_theme_and_nav(self, config: MkDocsConfig, docs_pages: list[Path]) -> None:
        """Our templates (main.html, CSS) right after the site's own overrides; a small nav unless the site has one."""
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if config.nav is None:
            config.nav = _navigation(config, docs_pages, self.messages)

    def _require_site_url(self, config: MkDocsConfig) -> None:
        if config.site_url:
            return
        if config.strict:
            raise PluginError(f"{NO_SITE_URL} (an error under --strict)")
        log.warning(NO_SITE_URL)

    def _load(self, settings: SiteSettings) -> LoadResult:
        """The articles: as the command line just checked them, else loaded and reported here."""
        if self.checked is not None:
            loaded, self.checked = self.checked, None  # already reported; a later rebuild reads the files again
            return loaded
        cache = self.article_cache
        if cache is None or cache.context != cache_context(settings) or self.request.clean:
            cache = self.article_cache = open_article_cache(settings, reuse=not self.request.clean)
        loaded = load_articles(settings, cache)
        # serve's first load writes the file (every article parsed); a save's load re-reads a few:
        # their entries are written when serve stops.
        cache.write_later = self.serving
        for problem in loaded.problems:
            (log.error if problem.is_error else log.warning)(problem.format())
        return loaded

    def _refuse_docs_collisions(self, config: MkDocsConfig, docs_pages: list[Path]) -> None:
        generated = {p.url: p for p in self.pages}
        docs_dir = Path(config.docs_dir)
        root = self.settings.root if self.settings else Path(".")
        clashes = []
        for path in docs_pages:
            page = generated.get(urls.docs_page_url(path.relative_to(docs_dir).as_posix()))
            if page is not None:
                shown = Path(os.path.relpath(path, root)).as_posix()
                clashes.append(
                    f"{shown}: error: this page has the URL /{page.url} of the generated page '{page.title}': "
                    "rename or move it"
                )
        for message in clashes:
            log.error(message)
        if clashes:
            raise PluginError(
                f"{len(clashes)} page(s) in docs_dir collide with generated pages: the site was not built"
            )

    # --- the other events --------------------------------------------------------------------

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The feed links every page announces (``briefings-main.html``); none without ``site_url``.

        Also the interface language: ``_()`` and ``ngettext()`` in the theme templates
        (404.html, briefings-main.html…) and the search box's strings (``assets/briefings/search-strings.js``,
        written in :meth:`on_post_build`) come from the catalogue of ``theme.language``.
        """
        self.files = files
        env.bytecode_cache = COMPILED_TEMPLATES  # serve's next build compiles none of the theme's templates again
        _install_interface_language(env, config, self.messages)
        env.globals["briefings_feeds"] = (
            [{"type": t, "label": label, "path": path} for t, label, path in FEED_LINKS] if config.site_url else []
        )
        if self.model is not None and self.renderer is not None:
            model, renderer, docs = self.model, self.renderer, list(self.docs_records)

            def records() -> list[SearchRecord]:
                # Newest first: the first bundle is the newest. Made in the indexing thread (~0.5 s
                # at 10,000 articles), from this build's model: the next serve rebuild makes its own.
                return [*docs, *article_records(model, renderer.short_date)]

            cache = BuildCache(model.settings.root / CACHE_DIR, "search", reuse=not self.request.clean)
            site_dir, language = Path(config.site_dir), model.settings.language
            if self.serving:  # a preview reloads first: the indexer must not take a core from the pages
                self.start_indexing = lambda: SearchIndexing(records, site_dir, language, cache)
            else:
                self.indexing = SearchIndexing(records, site_dir, language, cache)
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page: to be rendered, or (unchanged and cached) restored by a thread started here."""
        cache = self.page_cache
        assert cache is not None
        variant = site_variant(config)
        cache.use_variant(variant)
        in_nav = {urls.source_file(url) for _, url in NAV_PAGES}
        self.rendering, self.restoring, self.parked, self.written = {}, [], {}, {}
        for number, page in enumerate(self.pages):
            if page.deferred is not None and page.inputs is not None:
                source_digest = cache.source_of(page.inputs) or ""
                key = page_key(variant, page.url, source_digest)
                if cache.has(key):
                    cache.remember(page.inputs, source_digest)
                    file = File.generated(config, page.source_file, content="", inclusion=InclusionLevel.EXCLUDED)
                    self.restoring.append((key, file.dest_uri))
                    self.written[file.dest_uri] = key
                    files.append(file)
                    continue
                page = self.pages[number] = self.pages_by_file[page.source_file] = page.deferred()
            source = _page_source(page)
            source_digest = page.source_digest(source)
            key = page_key(variant, page.url, source_digest)
            if page.inputs is not None:
                cache.remember(page.inputs, source_digest)
            if page.source_file in in_nav:  # never restored: taking one out would change every page's nav
                file = File.generated(config, page.source_file, content=source, inclusion=InclusionLevel.INCLUDED)
            elif cache.has(key):
                file = File.generated(config, page.source_file, content="", inclusion=InclusionLevel.EXCLUDED)
                self.restoring.append((key, file.dest_uri))
                self.written[file.dest_uri] = key
                files.append(file)
                continue
            else:
                file = File.generated(config, page.source_file, content=source, inclusion=InclusionLevel.NOT_IN_NAV)
            self.rendering[page.source_file] = key
            self.written[file.dest_uri] = key
            files.append(file)
            page.markdown = ""  # the File holds the source now; memory stays bounded on large sites
        log.info(f"Generated pages: {len(self.rendering)} rendered, {len(self.restoring)} from the cache")
        # MkDocs has emptied site_dir: in serve the last preview's page folders come back (see
        # .preview), then the cached pages not there yet go in while MkDocs renders the others
        # (the thread waits on the file system, which MkDocs hardly uses until it writes).
        site_dir = Path(config.site_dir)
        missing = self.kept.bring_back(site_dir, self.restoring, self.written)
        cache.mark_used(key for key, _ in self.restoring)
        pairs = [(key, f"{site_dir}/{dest}") for key, dest in missing]
        self.restorer = InBackground(partial(cache.restore_all, pairs), "briefings-restore")
        if self.model is not None:
            for site_path, media_file in self.model.media.items():  # pictures and files the articles link to
                if files.get_file_from_path(site_path) is None:
                    files.append(File.generated(config, site_path, abs_src_path=str(media_file)))
        return files

    @event_priority(100)  # before other plugins (search, …) read the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitise an article's body (unless ``trust_html``), then put back the HTML fragments left as tokens."""
        rendered = self.pages_by_file.get(page.file.src_uri)
        if rendered is None:  # a hand-written docs/ page: searchable as it is
            self.docs_records.append(page_record(page.url, page.title or "", _html_text(html)))
            return html
        page.file.content_string = ""  # MkDocs has read it into page.markdown: one copy is enough
        # Only article pages embed a body; the tokens stand for Briefings' own, already escaped HTML.
        if rendered.meta.get("briefings_kind") == "article" and not (self.settings and self.settings.trust_html):
            html = sanitize_between(html, FRAGMENT_PARAGRAPH)
        if rendered.fragments:
            html, rendered.fragments = rendered.insert_fragments(html), []
        # MkDocs converts every page before it renders the first template: until then, a
        # generated page waits compressed, without its Markdown (the theme never reads it).
        # At 20,000 articles that is ~100 MB less at the build's peak; on_page_context unpacks it.
        self.parked[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = None
        return ""

    @event_priority(100)  # before other plugins read page.content
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's HTML, parked compressed since :meth:`on_page_content`, back for its template."""
        packed = self.parked.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        return context

    @event_priority(-100)  # after other plugins, so nothing resets the date
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        date = self.page_dates.get(page.file.src_uri) or self.newest_date
        if date:
            page.update_date = date
        return page

    @event_priority(-100)  # after other plugins: the cache holds the HTML exactly as written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        key = self.rendering.get(page.file.src_uri)
        if key is not None:
            if self.page_cache is not None:
                self.page_cache.store(key, output.encode("utf-8"))
            # MkDocs keeps every page until the build ends: let a generated page's text go now.
            page.content, page.markdown, page.file.content_string = None, None, ""
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the cached pages; write the sitemap, the feeds (with ``site_url``) and the search bundle."""
        if self.model is None or self.renderer is None:
            self._remove_retired()
            return
        site_dir = Path(config.site_dir)
        if self.restorer is not None:
            restorer, self.restorer = self.restorer, None
            restorer.result()
        if self.page_cache is not None:
            self.page_cache.prune()
        write_sitemap(site_dir, self._sitemap_entries(), config.site_url)
        write_redirects(site_dir, self.redirects)
        strings = json.dumps(browser_strings(self.messages), ensure_ascii=False, sort_keys=True)
        strings_file = site_dir / SEARCH_STRINGS_FILE
        strings_file.parent.mkdir(parents=True, exist_ok=True)
        strings_file.write_text(f"window.bfSearchStrings = {strings};\n", encoding="utf-8")
        if self.model.settings.site_url and self.public_model is not None:
            write_feeds(self.public_model, Path(config.site_dir), self.template_dirs)
            if self.model.settings.email.publish_html:  # email.html next to each briefing page
                write_email_pages(self.public_model, Path(config.site_dir), self.template_dirs)
        if self.indexing is not None and not self.serving:
            indexing, self.indexing = self.indexing, None
            log.info(indexing.result().describe())
        elif self.start_indexing is not None:
            # A preview reloads as soon as the pages are written; search follows a few seconds later.
            self.indexing, self.start_indexing = self.start_indexing(), None
            log.info("Search index: being written in the background")
        if self.serving and not self.dirty:
            self.kept.remember(site_dir, self.written)
        self._remove_retired()
        log.info(f"Peak memory of this process: {_peak_memory_mb():.0f} MB (the search indexer's is above)")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In ``serve``, the previous build's search index must be finished before MkDocs empties site_dir.

        MkDocs then deletes the previous preview file by file (~2 s for 10,000 articles).
        The generated pages' folders are kept for this build instead (:mod:`.preview`), and
        the other entries moved aside and deleted by another process after the build.
        """
        self._finish_indexing()
        site_dir = Path(config.site_dir)
        if not self.serving or self.dirty or not site_dir.is_dir():
            return
        self.kept.set_aside(site_dir)  # the generated pages' folders, back in on_files
        entries = list(site_dir.iterdir())
        if entries:
            retired = site_dir.with_name(f"{site_dir.name}.old-{uuid.uuid4().hex[:8]}")
            retired.mkdir()
            for entry in entries:
                entry.rename(retired / entry.name)
            # Deleted once the new pages are in place: deleting 10,000 folders while restoring
            # as many into the same file system made the restore take twice as long.
            self.retired.append(retired)

    def on_shutdown(self) -> None:
        self._finish_indexing()
        if self.article_cache is not None:
            self.article_cache.write()
        self.kept.forget()
        self._remove_retired()

    def _finish_indexing(self) -> None:
        if self.indexing is not None:
            indexing, self.indexing = self.indexing, None
            try:
                log.info(indexing.result().describe())
            except PluginError as exc:  # the build it belonged to is over: say so, do not fail this one
                log.warning(str(exc))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build still waits for the search index, so nothing writes into a removed folder."""
        self.start_indexing = None
        if self.indexing is not None:
            indexing, self.indexing = self.indexing, None
            indexing.wait()
        if self.restorer is not None:
            restorer, self.restorer = self.restorer, None
            restorer.wait()
        aside = self.kept.forget()  # what a failed build left in site_dir is not known: the next starts afresh
        if aside is not None:
            self.retired.append(aside)
        self._remove_retired()

    def _remove_retired(self) -> None:
        retired, self.retired = self.retired, []
        remove_in_background(retired)

    def _sitemap_entries(self) -> list[SitemapEntry]:
        """The hand-written pages (as MkDocs lists them), then every generated page."""
        generated = self.pages_by_file
        docs = [
            SitemapEntry(f.url, str(f.page.update_date) if f.page and f.page.update_date else None)
            for f in (self.files.documentation_pages() if self.files is not None else [])
            if f.src_uri not in generated
        ]
        return [
            *docs,
            *(
                SitemapEntry(p.url, self.page_dates.get(p.source_file))
                for p in self.pages
                if p.url not in self.preview_urls
            ),
        ]

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when an article or the site's own theme folder (``custom_dir``) changes."""
        if self.settings is not None:
            server.watch(str(self.settings.content_dir))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        return server


class InBackground(Generic[T]):
    """``work()`` in a thread; :meth:`result` waits for it and returns or raises what it did, in the caller's thread."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._value = work()
        except BaseException as exc:  # noqa: BLE001 - raised again by result(), in the build's thread
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when work() returned


class SearchIndexing(InBackground[SearchIndexReport]):
    """:func:`write_bundles` in a thread, started before MkDocs renders the pages and awaited after.

    Pagefind does the indexing in its own process, so on a machine with two
    cores the search index costs a cold build little more than the pages do.
    In ``serve`` it starts once the pages are written instead, and the browser
    reloads without waiting for it: the preview's pages get both cores.
    """

    def __init__(
        self, records: Callable[[], list[SearchRecord]], site_dir: Path, language: str, cache: BuildCache
    ) -> None:
        super().__init__(lambda: write_bundles(records(), site_dir, language, cache), "briefings-search")

    def result(self) -> SearchIndexReport:
        """Wait for the index; raises :class:`PluginError` if it could not be written."""
        try:
            return super().result()
        except SearchIndexError as exc:
            raise PluginError(f"the search index could not be written: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - any failure of the indexing thread fails the build
            raise PluginError(f"the search index could not be written: {type(exc).__name__}: {exc}") from None


def _peak_memory_mb() -> float:
    """This process's peak resident memory so far (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB elsewhere


def _take_over_search(config: MkDocsConfig) -> None:
    """Keep Material's search plugin listed (its header box hosts our search) but stop its indexing.

    A site whose ``plugins:`` leave search out gets it added, so every Briefings
    site has the header search box. Taking the plugin's event handlers out of
    MkDocs' event lists means no ``search_index.json`` is built or written.
    """
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None:
        from material.plugins.search.plugin import SearchPlugin

        search = SearchPlugin()
        search.load_config({})
        config.plugins["material/search"] = search
    for event, methods in config.plugins.events.items():
        # MkDocs is iterating the "config" list right now (this runs in on_config): taking an
        # earlier entry out of it would skip the plugin after ours. Search's on_config is harmless.
        if event not in ("startup", "config"):
            methods[:] = [m for m in methods if getattr(m, "__self__", None) is not search]


#: Material's palette when the site sets none: light or dark as the reader's system prefers, with a toggle.
#: The dark scheme's accent is amber: Material's default indigo accent is 3.78:1 on slate (AA needs 4.5).
FOLLOW_SYSTEM_PALETTE: tuple[dict[str, Any], ...] = (
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "indigo",
        "accent": "indigo",
        "toggle": {"icon": "material/brightness-7", "name": N_("Switch to dark mode")},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "indigo",
        "accent": "amber",
        "toggle": {"icon": "material/brightness-4", "name": N_("Switch to light mode")},
    },
)


def _reader_friendly_theme(config: MkDocsConfig, *, google_fonts: bool, messages: Messages) -> None:
    """Defaults that hold whatever the site's ``theme:`` says: no third-party request, a dark mode.

    Material loads Roboto from Google Fonts unless ``theme.font`` is false: a
    render-blocking request to a third party on every page, which tells Google
    who reads what (a GDPR problem in the EU). It is turned off unless the site
    opts in with ``google_fonts: true``; the pages then use the system font stack.
    A site with no ``theme.palette`` gets one that follows ``prefers-color-scheme``
    (and a toggle); a site's own palette is left exactly as written.
    """
    if not google_fonts:
        config.theme["font"] = False
    if not config.theme.get("palette"):
        palette = []
        for scheme in FOLLOW_SYSTEM_PALETTE:
            toggle = dict(scheme["toggle"])
            label = toggle["name"]  # a variable: pybabel would read string keys in the call as a message
            palette.append({**scheme, "toggle": {**toggle, "name": messages.gettext(label)}})
        config.theme["palette"] = palette


def _html_text(html: str) -> str:
    """The text of a page's HTML, for the search index."""
    import lxml.html

    return " ".join(lxml.html.fromstring(f"<div>{html}</div>").text_content().split()) if html.strip() else ""


def site_template_dirs(config: MkDocsConfig) -> list[Path]:
    """``<custom_dir>/briefings/``, where a site overrides our page templates, if it has one."""
    custom_dir = config.theme.custom_dir
    overrides = Path(custom_dir) / "briefings" if custom_dir else None
    return [overrides] if overrides is not None and overrides.is_dir() else []


def _navigation(config: MkDocsConfig, docs_pages: list[Path], messages: Messages) -> list[Any]:
    """A small navigation: the generated index pages (labels in the site's language), then the ``docs/`` pages."""
    nav: list[Any] = [{messages.gettext(title): urls.source_file(url)} for title, url in NAV_PAGES]
    docs_dir = Path(config.docs_dir)
    nav.extend(path.relative_to(docs_dir).as_posix() for path in docs_pages)
    return nav


def _install_interface_language(env: Environment, config: MkDocsConfig, messages: Messages) -> None:
    """Theme templates get ``_()``/``ngettext()`` in the site's language, and Material a language it has.

    MkDocs' environment already has Jinja's i18n extension (with null, old-style
    translations): ours replace them, newstyle as in :class:`~briefings.render.Renderer`.
    Material imports ``partials/languages/<theme.language>.html`` and fails the whole
    build when it has no such file (``fr_CA``, ``de-AT``, ``xx``): it is then given the
    nearest language it has (``fr``, ``de``), else English, under the name it asks for.
    """
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(messages.translations, newstyle=True)  # type: ignore[attr-defined]
    # The search box's words go into one small script every page loads (and the browser
    # caches), not into each page: ~0.9 KB less per page, 9 MB on a 10,000-article site.
    env.globals["briefings_search_strings"] = SEARCH_STRINGS_FILE
    loader = env.loader
    if loader is None or _material_has_language(config):
        return
    language = str(config.theme.get("language") or "en")
    offered = [name[len(MATERIAL_LANGUAGES) : -len(".html")] for name in env.list_templates(filter_func=_is_language)]
    source, _, _ = loader.get_source(env, f"{MATERIAL_LANGUAGES}{material_language(language, offered)}.html")
    env.loader = ChoiceLoader([loader, DictLoader({f"{MATERIAL_LANGUAGES}{language}.html": source})])


#: Where Material keeps a language's labels: ``partials/languages/fr.html``.
MATERIAL_LANGUAGES = "partials/languages/"


def _is_language(template: str) -> bool:
    return template.startswith(MATERIAL_LANGUAGES) and template.endswith(".html")


def _material_has_language(config: MkDocsConfig) -> bool:
    """Whether a theme folder (Material's, the site's custom_dir…) has the file of ``theme.language``."""
    language = str(config.theme.get("language") or "en")
    return any((Path(folder) / MATERIAL_LANGUAGES / f"{language}.html").is_file() for folder in config.theme.dirs)


def _page_source(page: RenderedPage) -> str:
    """Front matter (as JSON, which is valid YAML and needs no escaping rules of its own) + Markdown."""
    meta = json.dumps(page.meta, ensure_ascii=False)
    return f"---\n{meta}\n---\n\n{page.markdown}"
