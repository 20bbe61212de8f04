"""Render the site model into Markdown pages with Jinja2 (no MkDocs).

Each page kind has a template in ``briefings/templates/``; a site can override
any of them from ``<custom_dir>/briefings/``. Front matter text is escaped
everywhere: the environment autoescapes HTML, and the ``md`` filter also
escapes Markdown syntax where text lands in Markdown rather than HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import imagesize
from babel.dates import format_date
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import urls
from .assets import image_url, published_body
from .cache import code_digest, digest
from .group import HOME_RECENT_BRIEFINGS, Briefing, SiteModel, Tag, TopicPage, TopicView
from .model import Article
from .text import plural

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")

#: A paragraph made of this token stands for an HTML fragment of the page (see ``RenderedPage``).
FRAGMENT_TOKEN = "briefingsfragment{}end"
FRAGMENT_PARAGRAPH = re.compile(r"<p>briefingsfragment(\d+)end</p>")


@dataclass
class RenderedPage:
    """One generated page: its URL, its Markdown, and metadata for the theme (title, description, …)."""

    url: str
    title: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)
    updated: dt.datetime | None = None  # for the sitemap: the newest content shown
    #: HTML kept out of the Markdown: ``markdown`` holds a token paragraph for each.
    #: Python-Markdown's raw-HTML parser costs about 1 ms per KB, and most of a
    #: generated page is HTML already escaped by Jinja, so it skips Markdown entirely.
    fragments: list[str] = field(default_factory=list)
    #: Digest of everything the page is rendered from (article pages with the built-in templates), else None.
    inputs: str | None = None
    #: Set when rendering was put off because the build cache knew ``inputs``: makes the page.
    deferred: Callable[[], RenderedPage] | None = None

    @property
    def source_file(self) -> str:
        return urls.source_file(self.url)

    def source_digest(self, source: str) -> str:
        """SHA-256 of what MkDocs turns into this page's HTML: ``source`` (front matter, Markdown) and fragments."""
        hasher = hashlib.sha256(source.encode("utf-8"))
        for fragment in self.fragments:
            hasher.update(b"\0" + fragment.encode("utf-8"))
        return hasher.hexdigest()

    def insert_fragments(self, html: str) -> str:
        """Put the fragments back into the HTML Markdown made of :attr:`markdown`."""
        return FRAGMENT_PARAGRAPH.sub(lambda match: self.fragments[int(match.group(1))], html)


@dataclass(frozen=True)
class ArticleImage:
    """An article's picture: its link from the site root (or https URL), absolute URL (None without site_url)."""

    url: str
    absolute: str | None
    alt: str
    width: int | None
    height: int | None


def image_size(path: Path) -> tuple[int | None, int | None]:
    """Width and height in pixels, read from the file's header; (None, None) if it cannot be read.

    ``imagesize`` reads PNG, JPEG, GIF, WebP, TIFF and SVG headers without decoding
    the picture (microseconds a file, nothing to compile).
    """
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None, None
    return (int(width), int(height)) if width > 0 and height > 0 else (None, None)


@pass_context
def html_fragment(context: Context, html: str) -> Markup:
    """``{% filter fragment %}…{% endfilter %}``: set HTML aside, leave a token paragraph."""
    fragments: list[str] = context["fragments"]
    fragments.append(str(html).strip())
    return Markup("\n\n" + FRAGMENT_TOKEN.format(len(fragments) - 1) + "\n\n")


def defuse_tokens(body: str) -> str:
    """An article body that cannot pass for a fragment token: a zero-width space splits the word.

    Without it, a body paragraph ``briefingsfragment0end`` would be replaced by
    the page's own first fragment (or fail the build with a number out of range).
    The character is invisible, also in code blocks.
    """
    return body.replace("briefingsfragment", "briefings\u200bfragment")


def upper_first(text: str) -> str:
    """``mardi 26 novembre`` → ``Mardi 26 novembre`` (unlike ``str.capitalize``, keeps the rest)."""
    return text[:1].upper() + text[1:]


def markdown_text(value: object) -> Markup:
    """Text for a Markdown context: HTML-escaped, then Markdown syntax backslash-escaped."""
    # Quotes need no escaping in Markdown text, and the "#" of "&#34;" would otherwise be
    # backslash-escaped, which leaves "&#34;" in heading anchors and the table of contents.
    text = str(escape(value)).replace("&#34;", '"').replace("&#39;", "'")
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", text))


@lru_cache(maxsize=65536)
def _format_date(day: dt.date, pattern: str, locale: str) -> str:
    """Babel is slow (~0.1 ms a call) and the same few hundred days recur on every page."""
    return format_date(day, pattern, locale=locale)


def escape_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """HTML-escape every text in page metadata.

    MkDocs' theme templates do not autoescape, and Material prints
    ``page.meta.title`` and ``page.meta.description`` as they are, so the
    metadata we hand over must already be safe HTML text.
    """

    def safe(value: Any) -> Any:
        if isinstance(value, str):
            return str(escape(value))
        if isinstance(value, list):
            return [safe(v) for v in value]
        return value

    return {key: safe(value) for key, value in meta.items()}


class Renderer:
    """Holds one Jinja2 environment and renders every page kind."""

    def __init__(self, model: SiteModel, template_dirs: Sequence[Path] = ()) -> None:
        self.model = model
        # A site's own templates may read anything in the model, so only the built-in
        # ones get input digests (see article_inputs).
        self.tracks_inputs = not template_dirs
        self._fingerprints: dict[str, str] = {}
        self._images: dict[str, ArticleImage | None] = {}  # article URL → its picture (see image_of)
        self._static_inputs = digest(
            "article-page", code_digest(), repr(model.settings), sorted(model.topic_titles.items())
        )
        self.locale = model.settings.language.replace("-", "_")
        loaders = [FileSystemLoader([str(d) for d in template_dirs])] if template_dirs else []
        self.env = Environment(
            loader=ChoiceLoader([*loaders, PackageLoader("briefings", "templates")]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Interface strings are written `_("…")` / `ngettext(…)` (newstyle gettext: autoescaped,
            # `%(name)s` placeholders); the catalogue of settings.language is installed below.
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        self.env.filters.update(
            fragment=html_fragment,
            defuse_tokens=defuse_tokens,
            md=markdown_text,
            upper_first=upper_first,
            longdate=self.long_date,
            shortdate=self.short_date,
            clock=self.clock,
            monthname=self.month_name,
        )
        self.env.filters["plural"] = plural
        self.env.globals.update(
            site=model,
            settings=model.settings,
            topic_titles=model.topic_titles,
            tag_of=model.tag_of,
            published_body=published_body,
            image_of=self.image_of,
        )
        # URLs come from briefings.urls only; templates never glue URL strings together.
        self.env.globals.update(
            topic_url=urls.topic_url,
            tag_url=urls.tag_url,
            email_page_url=urls.email_page_url,
            host_of=urls.host_of,
            archive_url=urls.ARCHIVE,
            tags_url=urls.TAGS,
        )

    # --- formatting helpers, available as filters --------------------------------

    def long_date(self, day: dt.date) -> str:
        return _format_date(day, "EEEE d MMMM y", self.locale)

    def short_date(self, day: dt.date) -> str:
        return _format_date(day, "d MMM y", self.locale)

    def month_name(self, day: dt.date) -> str:
        return _format_date(day, "LLLL y", self.locale)

    def clock(self, article: Article) -> str:
        return f"{article.published:%H:%M}" if article.has_time else ""

    def briefing_title(self, briefing: Briefing) -> str:
        """The headline of a briefing: its date, week or month."""
        if briefing.period == "week":
            year, week, _ = briefing.start.isocalendar()
            return f"Week {week}, {year}: {self.short_date(briefing.start)} – {self.short_date(briefing.end)}"
        if briefing.period == "month":
            return upper_first(self.month_name(briefing.start))
        return upper_first(self.long_date(briefing.start))

    # --- pages -------------------------------------------------------------------

    def _page(
        self, template: str, url: str, title: str, meta: dict[str, Any], updated: dt.datetime | None, **context: Any
    ) -> RenderedPage:
        link = partial(urls.relative, current=url)
        fragments: list[str] = []
        markdown = self.env.get_template(template).render(
            page_url=url, link=link, briefing_title=self.briefing_title, fragments=fragments, **context
        )
        return RenderedPage(url, title, markdown, escape_meta({"title": title, **meta}), updated, fragments)

    def home(self) -> RenderedPage:
        latest = self.model.latest
        recent = self.model.briefings[1 : 1 + HOME_RECENT_BRIEFINGS]
        # Material appends " - site name" to every title, so the home page names its briefing instead.
        title = f"Latest briefing: {self.briefing_title(latest)}" if latest else "Latest briefing"
        description = self.model.settings.site_description or (
            f"The briefing of {self.briefing_title(latest)}" if latest else ""
        )
        return self._page(
            "home.md",
            urls.HOME,
            title,
            {"description": description, "briefings_kind": "home", "og_title": self.model.settings.site_name},
            latest.updated if latest else None,
            briefing=latest,
            recent=recent,
        )

    def briefing(self, briefing: Briefing) -> RenderedPage:
        title = self.briefing_title(briefing)
        lead = briefing.top_stories[0] if briefing.top_stories else briefing.articles[0]
        description = f"{len(briefing.articles)} articles. " + (lead.summary or lead.title)
        return self._page(
            "briefing.md",
            briefing.url,
            title,
            {"description": description, "briefings_kind": "briefing"},
            briefing.updated,
            briefing=briefing,
        )

    def article_inputs(self, article: Article) -> str | None:
        """Digest of everything the built-in article template shows; None with a site's own templates.

        The article (every field), its briefing's link and title, its tags' links,
        its related articles (every field) and the site-wide settings and topic
        titles: the property test of the build cache checks that nothing else shows.
        """
        if not self.tracks_inputs:
            return None
        briefing = self.model.briefing_of[article.url]
        tags = [(name, self.model.tag_of[name.casefold()].url) for name in article.tags]
        related = [self._fingerprint(r) for r in self.model.related.get(article.url, [])]
        return digest(
            self._static_inputs,
            self._fingerprint(article),
            briefing.url,
            self.briefing_title(briefing),
            tags,
            related,
            self.image_of(article),  # the picture's size is read from its file, which may change alone
        )

    def listing_inputs(self, kind: str, *parts: object, articles: Sequence[Article]) -> str | None:
        """Digest of a listing page (briefing, topic page, tag): ``parts`` and every field of ``articles``.

        The tags' links of the listed articles are included, as the item cards show them.
        """
        if not self.tracks_inputs:
            return None
        tags = [self.model.tag_of[name.casefold()].url for article in articles for name in article.tags]
        return digest(self._static_inputs, kind, parts, [self._fingerprint(a) for a in articles], tags)

    def _fingerprint(self, article: Article) -> str:
        found = self._fingerprints.get(article.url)
        if found is None:
            found = self._fingerprints[article.url] = hashlib.sha256(repr(article).encode("utf-8")).hexdigest()
        return found

    def image_of(self, article: Article) -> ArticleImage | None:
        """The article's picture: where it is, its description and (for a file in content/) its size.

        Asked for by the input digest, the page meta and the template: the file's header is read once.
        """
        if article.url in self._images:
            return self._images[article.url]
        url = image_url(article)
        image = None
        if url is not None:
            source = self.model.media.get(url)
            width, height = image_size(source) if source is not None else (None, None)
            site_url = self.model.settings.site_url
            absolute = url if "://" in url else (urls.absolute(site_url, url) if site_url else None)
            image = ArticleImage(url, absolute, article.image_alt or "", width, height)
        self._images[article.url] = image
        return image

    def article(self, article: Article) -> RenderedPage:
        meta: dict[str, Any] = {
            "description": article.summary or article.title,
            "briefings_kind": "article",
            "published_time": article.published.isoformat(),
            "section": self.model.topic_titles.get(article.topic, article.topic),
            "article_tags": list(article.tags),
        }
        image = self.image_of(article)
        if image is not None and image.absolute:
            meta.update(image=image.absolute, image_alt=image.alt)
            if image.width and image.height:
                meta.update(image_width=image.width, image_height=image.height)
        return self._page(
            "article.md",
            article.url,
            article.title,
            meta,
            article.published,
            article=article,
            briefing=self.model.briefing_of[article.url],
            related=self.model.related.get(article.url, []),
        )

    @staticmethod
    def _topic_page_title(view: TopicView, page: TopicPage) -> str:
        return view.topic.title if page.number == 1 else f"{view.topic.title} (page {page.number})"

    @staticmethod
    def _topic_page_updated(page: TopicPage) -> dt.datetime | None:
        return page.days[0].articles[0].published if page.days else None

    @staticmethod
    def _tag_title(tag: Tag) -> str:
        return f"Tag: {tag.name}"

    def topic_page(self, view: TopicView, page: TopicPage) -> RenderedPage:
        title = self._topic_page_title(view, page)
        description = view.topic.description or f"Every article on {view.topic.title}, newest first."
        updated = self._topic_page_updated(page)
        return self._page(
            "topic.md",
            page.url,
            title,
            {"description": description, "briefings_kind": "topic", "topic_feed": urls.topic_feed_url(view.topic.key)},
            updated,
            view=view,
            page=page,
        )

    def tags_index(self) -> RenderedPage:
        newest = max((t.articles[0].published for t in self.model.tags), default=None)
        return self._page(
            "tags.md",
            urls.TAGS,
            "Tags",
            {"description": f"All {len(self.model.tags)} tags of {self.model.settings.site_name}."},
            newest,
            tags=self.model.tags,
        )

    def tag(self, tag: Tag) -> RenderedPage:
        return self._page(
            "tag.md",
            tag.url,
            self._tag_title(tag),
            {"description": f"{len(tag.articles)} articles tagged {tag.name}."},
            tag.articles[0].published,
            tag=tag,
        )

    def archive(self) -> RenderedPage:
        latest = self.model.latest
        return self._page(
            "archive.md",
            urls.ARCHIVE,
            "Archive",
            {"description": f"Every briefing of {self.model.settings.site_name}, by month."},
            latest.updated if latest else None,
            months=self.model.archive,
        )

    def topics_index(self) -> RenderedPage:
        latest = self.model.latest
        return self._page(
            "topics.md",
            urls.TOPICS,
            "Topics",
            {"description": "Every topic, with its latest articles."},
            latest.updated if latest else None,
            topics=self.model.topics,
        )

    def search_page(self) -> RenderedPage:
        """``/search/``: the browser fills it with results and filters (the query is in its address)."""
        return self._page(
            "search.md",
            urls.SEARCH,
            "Search",
            {"description": f"Search {self.model.settings.site_name}.", "briefings_kind": "search"},
            None,
        )

    def _maybe_deferred(
        self,
        inputs: str | None,
        known: Callable[[str], bool],
        make: Callable[[], RenderedPage],
        head: tuple[str, str, dt.datetime | None],
    ) -> RenderedPage:
        """``make()``, or a page not rendered yet when the build cache knows ``inputs``.

        A deferred page has its URL, title and date (``head``) now, the rest when
        ``deferred`` is called; the plugin calls it only if the HTML is not cached.
        """

        def render() -> RenderedPage:
            page = make()
            page.inputs = inputs
            return page

        if inputs is not None and known(inputs):
            url, title, updated = head
            return RenderedPage(url, title, "", {}, updated, inputs=inputs, deferred=render)
        return render()

    def pages(self, known: Callable[[str], bool] = lambda inputs: False) -> Iterator[RenderedPage]:
        """Every generated page, in a stable order.

        An article, briefing, topic or tag page whose input digest is ``known``
        (the build cache holds what it renders to) comes deferred: rendering
        most of a large site's pages is skipped on a rebuild.
        """
        yield self.home()
        yield self.archive()
        yield self.search_page()
        yield self.topics_index()
        yield self.tags_index()
        for view in self.model.topics:
            for page in view.pages:
                inputs = self.listing_inputs(
                    "topic", repr(view.topic), len(view.articles), page.number, page.page_count,
                    [str(group.day) for group in page.days], articles=[a for g in page.days for a in g.articles],
                )  # fmt: skip
                head = (page.url, self._topic_page_title(view, page), self._topic_page_updated(page))
                yield self._maybe_deferred(inputs, known, partial(self.topic_page, view, page), head)
        for tag in self.model.tags:
            inputs = self.listing_inputs("tag", tag.name, tag.slug, articles=tag.articles)
            head = (tag.url, self._tag_title(tag), tag.articles[0].published)
            yield self._maybe_deferred(inputs, known, partial(self.tag, tag), head)
        for briefing in self.model.briefings:
            neighbours = [(b.url, self.briefing_title(b)) if b else None for b in (briefing.previous, briefing.next)]
            sections = [(s.topic.key, s.topic.title, [a.url for a in s.articles]) for s in briefing.sections]
            inputs = self.listing_inputs(
                "briefing", briefing.url, self.briefing_title(briefing), neighbours, sections,
                [a.url for a in briefing.top_stories], articles=briefing.articles,
            )  # fmt: skip
            head = (briefing.url, self.briefing_title(briefing), briefing.updated)
            yield self._maybe_deferred(inputs, known, partial(self.briefing, briefing), head)
            for article in briefing.articles:
                head = (article.url, article.title, article.published)
                yield self._maybe_deferred(self.article_inputs(article), known, partial(self.article, article), head)
