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
from babel.dates import format_date, format_skeleton, format_timedelta
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
from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique as toc_unique
from markupsafe import Markup, escape

from . import urls
from .assets import image_url, published_body
from .cache import code_digest, digest
from .compiled import COMPILED_TEMPLATES
from .group import HOME_RECENT_BRIEFINGS, Briefing, SiteModel, Tag, TopicPage, TopicView
from .i18n import interface_language, messages_for
from .model import Article
from .text import slugify

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")

#: Between the parts of an item's meta line; hidden from screen readers, which pause between the parts anyway.
_META_SEPARATOR = ' <span class="bf-sep" aria-hidden="true">·</span> '

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


#: Reading speed for the article page's "4 min read": 220 words a minute, the middle of the
#: usual 200–250 for news prose read on a screen; Chinese and Japanese text, written without
#: spaces between words, is counted in characters (about 500 a minute).
WORDS_PER_MINUTE = 220
CJK_CHARACTERS_PER_MINUTE = 500
_CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def reading_minutes(body: str) -> int:
    """Minutes to read an article body: its words at :data:`WORDS_PER_MINUTE`, rounded, at least 1.

    Counted on the Markdown source (a link's address is part of a word, so it adds
    nothing): ``str.split`` is about 15 µs for a 3,000-character body, and the count
    runs once per article page a cold build renders.
    """
    minutes = len(body.split()) / WORDS_PER_MINUTE
    if not body.isascii():
        minutes += len(_CJK_CHARACTER.findall(body)) / CJK_CHARACTERS_PER_MINUTE
    return max(1, int(minutes + 0.5))


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


@lru_cache(maxsize=65536)
def _format_skeleton(day: dt.date, skeleton: str, locale: str) -> str:
    """A localised day shaped by a CLDR skeleton (``E`` → ``Mon``, ``lun.``), memoised like :func:`_format_date`."""
    return format_skeleton(skeleton, day, locale=locale)


@lru_cache(maxsize=1024)
def zone_label(abbreviation: str | None, offset: dt.timedelta | None) -> str:
    """The time zone after a time: the tz database's abbreviation (CET, CEST, EST, GMT), else ``UTC+3``.

    Where the tz database has only a number (``+03`` for Europe/Istanbul, ``-0330``…),
    a bare ``07:30 +03`` reads like arithmetic: the offset is written ``UTC+3`` /
    ``UTC-3:30`` instead, and a zero offset is ``UTC``. Memoised on (abbreviation,
    offset): a site has a handful of them, and every item of every page shows one.
    """
    if abbreviation and abbreviation.isascii() and abbreviation.isalpha():
        return abbreviation
    if offset is None:
        return abbreviation or ""
    minutes = round(offset.total_seconds() / 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


class HeadingIds:
    """The ``id`` of each heading of one page, as Python-Markdown's ``toc`` extension makes them.

    Briefing sections are HTML (so the jump bar knows their targets before the page is
    converted); their ids stay what they were as Markdown headings (``defence-security``,
    ``top-stories``; ``_1`` after a repeat) because readers link to them. A title that
    toc's ASCII slug empties (Cyrillic, Greek, CJK) is transliterated by python-slugify
    instead of becoming ``_1``.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __call__(self, title: str) -> str:
        return toc_unique(toc_slugify(title, "-") or slugify(title), self._taken)


@dataclass(frozen=True)
class BriefingSection:
    """One block of a briefing page: Top stories or a topic, with its heading's id (a jump-bar target)."""

    id: str
    title: str
    articles: list[Article]
    is_top: bool = False


@dataclass(frozen=True)
class Freshness:
    """How old the latest briefing is on the home page, as of the build; the reader's browser recomputes it.

    A briefing stays today's until its period ends (a week briefing all week); after
    that, its age is counted from the day of its newest article.
    """

    newest_day: dt.date
    period_end: dt.date
    age_days: int  # 0 while the briefing is today's (or scheduled, in a preview)
    age_text: str  # "3 days ago", "il y a 3 jours" (Babel); "" while the briefing is today's
    timezone: str  # IANA name: the browser counts days in the site's time zone, as the build did

    @property
    def is_stale(self) -> bool:
        return self.age_days > 0


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        language = interface_language(model.settings.language)
        self.locale = language.locale  # Babel's spelling (fr_CA); English for a code Babel does not know
        self._english = self.locale.split("_")[0] == "en"
        #: Python's interface strings (page titles, descriptions), in the catalogue the templates use.
        self.messages = messages_for(model.settings.language)
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
            bytecode_cache=COMPILED_TEMPLATES,  # serve's next build compiles none of them again
        )
        self.env.install_gettext_translations(self.messages.translations, newstyle=True)  # type: ignore[attr-defined]
        self.env.filters.update(
            fragment=html_fragment,
            defuse_tokens=defuse_tokens,
            md=markdown_text,
            upper_first=upper_first,
            longdate=self.long_date,
            shortdate=self.short_date,
            clock=self.clock,
            item_time=self.item_time,
            monthname=self.month_name,
        )
        self.env.filters["plural"] = self.plural
        self.env.globals.update(
            site=model,
            settings=model.settings,
            topic_titles=model.topic_titles,
            tag_of=model.tag_of,
            published_body=published_body,
            image_of=self.image_of,
            briefing_sections=self.briefing_sections,
            item_meta_html=self.item_meta,
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

    # English keeps the day-first order news desks use ("Monday 25 November 2024"); other
    # languages take their own CLDR order and punctuation ("Montag, 25. November 2024",
    # "lunes, 25 de noviembre de 2024"), which fixed patterns would get wrong.

    def long_date(self, day: dt.date) -> str:
        if self._english:
            return _format_date(day, "EEEE d MMMM y", self.locale)
        return _format_date(day, "full", self.locale)

    def short_date(self, day: dt.date) -> str:
        if self._english:
            return _format_date(day, "d MMM y", self.locale)
        return _format_skeleton(day, "yMMMd", self.locale)

    def month_name(self, day: dt.date) -> str:
        if self._english:
            return _format_date(day, "LLLL y", self.locale)
        return _format_skeleton(day, "yMMMM", self.locale)

    def plural(self, count: int, word: str, plural_form: str | None = None) -> str:
        """``|plural("article")`` → ``3 articles``: kept for sites' own templates; ours use ``ngettext``.

        Translated when the catalogue has the count (``%(num)d article``): the words
        of the built-in templates (article, briefing, section, tag, topic) are.
        """
        return self.messages.ngettext(f"%(num)d {word}", f"%(num)d {plural_form or word + 's'}", count)

    def clock(self, article: Article) -> str:
        """``07:30 CET``: the time and zone abbreviation in the site timezone; "" for a date without a time.

        Runs for every item of every listing: the zone label is memoised (:func:`zone_label`).
        """
        if not article.has_time:
            return ""
        moment = article.published
        return f"{moment:%H:%M} {zone_label(moment.tzname(), moment.utcoffset())}"

    def item_meta(
        self, article: Article, show_date: bool = False, show_topic: bool = False, period: str | None = None
    ) -> Markup:
        """The one line under a headline, as HTML: source · time · topic, or nothing when none is known.

        Missing fields leave no separator and no empty element: the line has fewer parts.
        Written here rather than as a template macro: it runs for every item of every
        listing (tens of thousands on a large site), where a macro cost twice the time.
        """
        # f-strings and escape(): Markup.format runs string.Formatter, ten times slower here.
        parts: list[str] = []
        if article.priority == 3:
            # Priority 3 items are set smaller; the label says why (SPEC: "in brief").
            label = self.messages.gettext("In brief")
            parts.append(f'<span class="bf-item__brief">{escape(label)}</span>')
        if article.source_url:
            name = article.source or urls.host_of(article.source_url)
            parts.append(f'<a class="bf-source" href="{escape(article.source_url)}" rel="noopener">{escape(name)}</a>')
        elif article.source:
            parts.append(f'<span class="bf-source">{escape(article.source)}</span>')
        if show_date:
            when = self.short_date(article.day) + (f", {self.clock(article)}" if article.has_time else "")
        else:
            when = self.item_time(article, period)
        if when:
            parts.append(f'<time datetime="{article.published.isoformat()}">{escape(when)}</time>')
        if show_topic:
            topic = self.model.topic_titles.get(article.topic, article.topic)
            parts.append(f'<span class="bf-item__topic">{escape(topic)}</span>')
        return Markup(f'<p class="bf-item__meta">{_META_SEPARATOR.join(parts)}</p>' if parts else "")

    def item_time(self, article: Article, period: str | None = None) -> str:
        """When an item was published, as its briefing needs it: ``07:30 CET`` in a day's briefing.

        A week's briefing adds the weekday (``Mon 07:30 CET``); a month's, the day too
        (``Mon, Nov 25 07:30 CET``), since every weekday recurs four times in a month.
        Localised with Babel; a date without a time keeps just the day part.
        """
        clock = self.clock(article)
        if period == "week":
            day = _format_skeleton(article.day, "E", self.locale)
        elif period == "month":
            day = _format_skeleton(article.day, "MMMEd", self.locale)
        else:
            return clock
        return f"{day} {clock}" if clock else day

    def briefing_title(self, briefing: Briefing) -> str:
        """The headline of a briefing: its date, week or month."""
        if briefing.period == "week":
            year, week, _ = briefing.start.isocalendar()
            return self.messages.gettext(
                "Week %(week)d, %(year)d: %(start)s – %(end)s",
                week=week,
                year=year,
                start=self.short_date(briefing.start),
                end=self.short_date(briefing.end),
            )
        if briefing.period == "month":
            return upper_first(self.month_name(briefing.start))
        return upper_first(self.long_date(briefing.start))

    @staticmethod
    def briefing_sections(briefing: Briefing, top_title: str, heading_id: HeadingIds) -> list[BriefingSection]:
        """Top stories (titled ``top_title``, the template's translation), then the topics: one id each.

        The jump bar and the headings both come from this list, so they cannot disagree.
        """
        sections = []
        if briefing.top_stories:  # ids are taken in page order, as toc would: only for headings that show
            sections.append(BriefingSection(heading_id(top_title), top_title, briefing.top_stories, is_top=True))
        sections += [BriefingSection(heading_id(s.topic.title), s.topic.title, s.articles) for s in briefing.sections]
        return sections

    def today(self) -> dt.date:
        """The build's day in the site timezone (``settings.now`` in tests, else the clock)."""
        now = self.model.settings.now or dt.datetime.now(dt.UTC)
        return now.astimezone(self.model.settings.timezone).date()

    def freshness(self, briefing: Briefing) -> Freshness:
        """How old ``briefing`` is today (see :class:`Freshness`); the home page says so when it is not today's."""
        newest_day, today = briefing.updated.date(), self.today()
        age = (today - newest_day).days if today > briefing.end else 0
        text = ""
        if age > 0:
            # The largest whole unit ("3 days", "2 weeks", "4 months", "2 years ago"): Babel's
            # units (a month is 30 days, a year 365) and rounding, which freshness.js repeats
            # with Intl.RelativeTimeFormat in the reader's browser.
            text = format_timedelta(dt.timedelta(days=-age), threshold=1, add_direction=True, locale=self.locale)
        return Freshness(newest_day, briefing.end, age, text, self.model.settings.timezone.key)

    # --- pages -------------------------------------------------------------------

    def _page(
        self, template: str, url: str, title: str, meta: dict[str, Any], updated: dt.datetime | None, **context: Any
    ) -> RenderedPage:
        link = partial(urls.relative, current=url)
        fragments: list[str] = []
        markdown = self.env.get_template(template).render(
            page_url=url,
            link=link,
            briefing_title=self.briefing_title,
            fragments=fragments,
            heading_id=HeadingIds(),
            **context,
        )
        # Generated pages are news listings, not documentation: no table-of-contents panel
        # (briefing and home pages have their jump bar instead).
        meta = {"hide": ["toc"], **meta}
        return RenderedPage(url, title, markdown, escape_meta({"title": title, **meta}), updated, fragments)

    def home(self) -> RenderedPage:
        latest = self.model.latest
        recent = self.model.briefings[1 : 1 + HOME_RECENT_BRIEFINGS]
        # Material appends " - site name" to every title, so the home page names its briefing instead.
        gettext = self.messages.gettext
        title = (
            gettext("Latest briefing: %(title)s", title=self.briefing_title(latest))
            if latest
            else gettext("Latest briefing")
        )
        description = self.model.settings.site_description or (
            gettext("The briefing of %(title)s", title=self.briefing_title(latest)) if latest else ""
        )
        return self._page(
            "home.md",
            urls.HOME,
            title,
            {
                "description": description,
                "briefings_kind": "home",
                "og_title": self.model.settings.site_name,
            },
            latest.updated if latest else None,
            briefing=latest,
            recent=recent,
            # Today's day is in the page's source, so the page cache (keyed on the source) renews it daily.
            freshness=self.freshness(latest) if latest else None,
        )

    def briefing(self, briefing: Briefing) -> RenderedPage:
        title = self.briefing_title(briefing)
        lead = briefing.top_stories[0] if briefing.top_stories else briefing.articles[0]
        count = self.messages.ngettext("%(num)d article", "%(num)d articles", len(briefing.articles))
        description = f"{count}. {lead.summary or lead.title}"
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
        return digest(
            self._static_inputs,
            self._fingerprint(article),
            briefing.url,
            self.briefing_title(briefing),
            tags,
            self._fingerprints_of(self.model.related.get(article.url, [])),
            self.image_of(article),  # the picture's size is read from its file, which may change alone
        )

    def listing_inputs(self, kind: str, *parts: object, articles: Sequence[Article]) -> str | None:
        """Digest of a listing page (briefing, topic page, tag): ``parts`` and every field of ``articles``.

        The tags' links of the listed articles are included, as the item cards show them.
        """
        if not self.tracks_inputs:
            return None
        tags = "\n".join(self.model.tag_of[name.casefold()].url for article in articles for name in article.tags)
        return digest(self._static_inputs, kind, parts, self._fingerprints_of(articles), _sha256(tags))

    def _fingerprints_of(self, articles: Sequence[Article]) -> str:
        """One digest for the fingerprints of ``articles``, in order.

        Hashed here rather than listed in the inputs: a tag page lists hundreds of
        articles, and JSON-encoding ~100,000 fingerprints took 0.4 s of every rebuild.
        """
        return _sha256("\n".join(self._fingerprint(a) for a in articles))

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
        if article.author:
            meta["author"] = article.author  # Material's <meta name="author">
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
            reading_minutes=reading_minutes(article.body),
        )

    def _topic_page_title(self, view: TopicView, page: TopicPage) -> str:
        if page.number == 1:
            return view.topic.title
        return self.messages.gettext("%(topic)s (page %(number)d)", topic=view.topic.title, number=page.number)

    @staticmethod
    def _topic_page_updated(page: TopicPage) -> dt.datetime | None:
        return page.days[0].articles[0].published if page.days else None

    def _tag_title(self, tag: Tag) -> str:
        return self.messages.gettext("Tag: %(name)s", name=tag.name)

    def topic_description(self, title: str) -> str:
        """A topic's description when the config gives none (its page and its feed)."""
        return self.messages.gettext("Every article on %(topic)s, newest first.", topic=title)

    def topic_page(self, view: TopicView, page: TopicPage) -> RenderedPage:
        title = self._topic_page_title(view, page)
        description = view.topic.description or self.topic_description(view.topic.title)
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
            self.messages.gettext("Tags"),
            {
                "description": self.messages.ngettext(
                    "All %(num)d tag of %(site)s.",
                    "All %(num)d tags of %(site)s.",
                    len(self.model.tags),
                    site=self.model.settings.site_name,
                )
            },
            newest,
            tags=self.model.tags,
        )

    def tag(self, tag: Tag) -> RenderedPage:
        return self._page(
            "tag.md",
            tag.url,
            self._tag_title(tag),
            {
                "description": self.messages.ngettext(
                    "%(num)d article tagged %(tag)s.",
                    "%(num)d articles tagged %(tag)s.",
                    len(tag.articles),
                    tag=tag.name,
                )
            },
            tag.articles[0].published,
            tag=tag,
        )

    def archive(self) -> RenderedPage:
        latest = self.model.latest
        return self._page(
            "archive.md",
            urls.ARCHIVE,
            self.messages.gettext("Archive"),
            {
                "description": self.messages.gettext(
                    "Every briefing of %(site)s, by month.", site=self.model.settings.site_name
                )
            },
            latest.updated if latest else None,
            months=self.model.archive,
        )

    def topics_index(self) -> RenderedPage:
        latest = self.model.latest
        return self._page(
            "topics.md",
            urls.TOPICS,
            self.messages.gettext("Topics"),
            {"description": self.messages.gettext("Every topic, with its latest articles.")},
            latest.updated if latest else None,
            topics=self.model.topics,
        )

    def search_page(self) -> RenderedPage:
        """``/search/``: the browser fills it with results and filters (the query is in its address)."""
        return self._page(
            "search.md",
            urls.SEARCH,
            self.messages.gettext("Search"),
            {
                "description": self.messages.gettext("Search %(site)s.", site=self.model.settings.site_name),
                "briefings_kind": "search",
            },
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
