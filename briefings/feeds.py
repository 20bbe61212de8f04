"""The site's feeds (SPEC §4), from the site model to text (no MkDocs).

* ``feed.xml`` (RSS 2.0), ``atom.xml`` (Atom 1.0) and ``feed.json`` (JSON Feed 1.1):
  one entry per briefing, the newest :data:`BRIEFING_LIMIT`, newest first; an entry's
  content is the whole briefing as HTML (``templates/feed_entry.html``).
* ``topics/<key>/feed.xml`` (RSS 2.0): one entry per article of the topic, the newest
  :data:`TOPIC_LIMIT`.

Every URL is absolute (``site_url`` + the page URL) and every id is the absolute URL
of the page, so ids never change between builds. Dates come from the content only
(a briefing's date is its newest article's time), so two builds of the same input
give byte-identical feeds. XML is built with ElementTree, which escapes all text.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from email.utils import format_datetime
from pathlib import Path

from jinja2 import Template

from . import urls
from .group import Briefing, SiteModel, TopicView
from .model import Article
from .render import Renderer

BRIEFING_LIMIT = 30
TOPIC_LIMIT = 50
GENERATOR = "Briefings"

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ET.register_namespace("atom", ATOM_NS)
ET.register_namespace("content", CONTENT_NS)

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab/newline/CR, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def rfc822(moment: dt.datetime) -> str:
    """``Mon, 25 Nov 2024 08:30:00 +0100``: the RSS date, with the site's offset."""
    return format_datetime(moment.replace(microsecond=0))


def rfc3339(moment: dt.datetime) -> str:
    """``2024-11-25T08:30:00+01:00``: the Atom and JSON Feed date."""
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def clean(text: str) -> str:
    """Drop the characters XML cannot hold; everything else is escaped by the serialiser."""
    return _NOT_XML.sub("", text)


class FeedWriter:
    """Renders every feed of one site model; needs ``settings.site_url``."""

    def __init__(self, model: SiteModel, template_dirs: Sequence[Path] = ()) -> None:
        if not model.settings.site_url:
            raise ValueError("feeds need an absolute site_url")
        self.model = model
        self.settings = model.settings
        self.base = model.settings.site_url.rstrip("/") + "/"
        self.renderer = Renderer(model, template_dirs)
        self.renderer.env.globals.update(absolute=self.absolute)
        self.briefings = model.briefings[:BRIEFING_LIMIT]
        self._article_template: Template | None = None

    # --- helpers ----------------------------------------------------------------

    def absolute(self, url: str) -> str:
        """A site-relative URL (``briefings/2024/11/25/``) → an absolute one under ``site_url``."""
        return urls.absolute(self.base, url)

    @property
    def updated(self) -> dt.datetime:
        """The newest briefing's time: the feed's last change (content-derived, deterministic)."""
        return self.briefings[0].updated if self.briefings else _EPOCH.astimezone(self.settings.timezone)

    @property
    def description(self) -> str:
        return self.settings.site_description or self.renderer.messages.gettext(
            "The latest briefings of %(site)s.", site=self.settings.site_name
        )

    def title(self, briefing: Briefing) -> str:
        return self.renderer.briefing_title(briefing)

    def summary(self, briefing: Briefing) -> str:
        """A short plain-text summary: the count and the lead story."""
        lead = briefing.top_stories[0] if briefing.top_stories else briefing.articles[0]
        count = self.renderer.messages.ngettext("%(num)d article", "%(num)d articles", len(briefing.articles))
        return f"{count}. {lead.title}"

    def content(self, briefing: Briefing) -> str:
        """The briefing as HTML with absolute links: top stories, then one section per topic."""
        return self.renderer.env.get_template("feed_entry.html").render(briefing=briefing).strip()

    def article_content(self, article: Article) -> str:
        """An article's entry in a topic feed: summary, source and tags, as HTML."""
        if self._article_template is None:  # compiled once: a topic feed renders it 50 times
            self._article_template = self.renderer.env.get_template("feed_article.html")
        return self._article_template.render(a=article).strip()

    # --- RSS 2.0 ----------------------------------------------------------------

    def _rss_channel(
        self, title: str, link: str, description: str, self_url: str, updated: dt.datetime
    ) -> tuple[ET.Element, ET.Element]:
        rss = ET.Element("rss", {"version": "2.0"})
        channel = ET.SubElement(rss, "channel")
        _text(channel, "title", title)
        _text(channel, "link", link)
        _text(channel, "description", html_text(description))
        _text(channel, "language", self.settings.language)
        _text(channel, "generator", GENERATOR)
        _text(channel, "lastBuildDate", rfc822(updated))
        ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": self_url, "rel": "self", "type": "application/rss+xml"})
        return rss, channel

    def rss(self) -> str:
        """``feed.xml``: the newest briefings as RSS 2.0."""
        rss, channel = self._rss_channel(
            self.settings.site_name, self.base, self.description, self.absolute(urls.RSS_FEED), self.updated
        )
        for briefing in self.briefings:
            url = self.absolute(briefing.url)
            item = ET.SubElement(channel, "item")
            _text(item, "title", self.title(briefing))
            _text(item, "link", url)
            _text(item, "guid", url, isPermaLink="true")
            _text(item, "pubDate", rfc822(briefing.updated))
            _text(item, "description", html_text(self.summary(briefing)))
            _text(item, f"{{{CONTENT_NS}}}encoded", self.content(briefing))
        return _xml(rss)

    def topic_rss(self, view: TopicView) -> str:
        """``topics/<key>/feed.xml``: the topic's newest articles, one item each."""
        articles = view.articles[:TOPIC_LIMIT]
        updated = articles[0].published if articles else self.updated
        description = view.topic.description or self.renderer.topic_description(view.topic.title)
        rss, channel = self._rss_channel(
            f"{view.topic.title} — {self.settings.site_name}",
            self.absolute(view.url),
            description,
            self.absolute(urls.topic_feed_url(view.topic.key)),
            updated,
        )
        for article in articles:
            url = self.absolute(article.url)
            item = ET.SubElement(channel, "item")
            _text(item, "title", article.title)
            _text(item, "link", url)
            _text(item, "guid", url, isPermaLink="true")
            _text(item, "pubDate", rfc822(article.published))
            _text(item, "description", self.article_content(article))
            _text(item, "category", view.topic.title)
            for tag in article.tags:
                _text(item, "category", tag)
        return _xml(rss)

    # --- Atom 1.0 ---------------------------------------------------------------

    def atom(self) -> str:
        """``atom.xml``: the newest briefings as Atom 1.0."""
        a = f"{{{ATOM_NS}}}"
        feed = ET.Element(f"{a}feed", {"{http://www.w3.org/XML/1998/namespace}lang": self.settings.language})
        _text(feed, f"{a}title", self.settings.site_name)
        _text(feed, f"{a}subtitle", self.description)
        _text(feed, f"{a}id", self.base)
        _text(feed, f"{a}updated", rfc3339(self.updated))
        ET.SubElement(feed, f"{a}link", {"rel": "alternate", "type": "text/html", "href": self.base})
        ET.SubElement(
            feed, f"{a}link", {"rel": "self", "type": "application/atom+xml", "href": self.absolute(urls.ATOM_FEED)}
        )
        author = ET.SubElement(feed, f"{a}author")
        _text(author, f"{a}name", self.settings.site_name)
        _text(feed, f"{a}generator", GENERATOR)
        for briefing in self.briefings:
            url = self.absolute(briefing.url)
            entry = ET.SubElement(feed, f"{a}entry")
            _text(entry, f"{a}title", self.title(briefing))
            _text(entry, f"{a}id", url)
            ET.SubElement(entry, f"{a}link", {"rel": "alternate", "type": "text/html", "href": url})
            _text(entry, f"{a}published", rfc3339(briefing.updated))
            _text(entry, f"{a}updated", rfc3339(briefing.updated))
            _text(entry, f"{a}summary", self.summary(briefing), type="text")
            _text(entry, f"{a}content", self.content(briefing), type="html")
        return _xml(feed)

    # --- JSON Feed 1.1 ----------------------------------------------------------

    def json_feed(self) -> str:
        """``feed.json``: the newest briefings as JSON Feed 1.1."""
        items = []
        for briefing in self.briefings:
            url = self.absolute(briefing.url)
            items.append(
                {
                    "id": url,
                    "url": url,
                    "title": self.title(briefing),
                    "summary": self.summary(briefing),
                    "content_html": self.content(briefing),
                    "date_published": rfc3339(briefing.updated),
                    "date_modified": rfc3339(briefing.updated),
                    "tags": sorted({self.model.topic_titles.get(a.topic, a.topic) for a in briefing.articles}),
                }
            )
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.settings.site_name,
            "home_page_url": self.base,
            "feed_url": self.absolute(urls.JSON_FEED),
            "description": self.description,
            "language": self.settings.language,
            "authors": [{"name": self.settings.site_name, "url": self.base}],
            "items": items,
        }
        return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"

    # --- all of them ------------------------------------------------------------

    def files(self) -> dict[str, str]:
        """Every feed: path relative to the site root → text, in a stable order."""
        out = {urls.RSS_FEED: self.rss(), urls.ATOM_FEED: self.atom(), urls.JSON_FEED: self.json_feed()}
        for view in self.model.topics:
            out[urls.topic_feed_url(view.topic.key)] = self.topic_rss(view)
        return out


def feed_files(model: SiteModel, template_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Every feed of the site (path → text); empty without ``site_url``, which absolute URLs need."""
    if not model.settings.site_url:
        return {}
    return FeedWriter(model, template_dirs).files()


def write_feeds(model: SiteModel, site_dir: Path, template_dirs: Sequence[Path] = ()) -> list[Path]:
    """Write every feed into ``site_dir`` (UTF-8, ``\\n`` line ends); return the paths written."""
    written = []
    for relative, text in feed_files(model, template_dirs).items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def html_text(text: str) -> str:
    """Plain text as the HTML source that shows it: what an RSS ``<description>`` must hold.

    Feed readers take an RSS description as HTML (RSS 2.0 says it may be "entity-encoded
    HTML"). XML escaping alone only gets the text through the XML parser: a title
    ``<img src=x onerror=…>`` would reach the reader as markup. Escaped here first, it
    reaches the reader as ``&lt;img…&gt;`` and shows as the literal text. (Atom says
    ``type="text"`` and JSON Feed has a plain-text ``summary``: they carry the text itself.)
    """
    return html.escape(text, quote=False)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = clean(text)
    return element


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
