"""The email edition of a briefing (no MkDocs): inlined-CSS HTML, plain text and a MIME message.

* :class:`EditionWriter` renders a briefing with ``templates/email.html`` (autoescaped,
  then its CSS inlined by css-inline; only the media queries stay in a ``<style>``) and
  ``templates/email.txt`` (no escaping: the text stays literal). Both walk the same
  :class:`Block` list, so the headlines come in the same order.
* :func:`build_message` makes the ``multipart/alternative`` message (UTF-8) of an edition.

Every link into the site is absolute (``site_url``) and carries the configured UTM
parameters. The unsubscribe link is a placeholder that the sending service fills in
(``email: unsubscribe:``). Nothing is sent. Dates, the Message-ID and the MIME boundary
come from the content, so two runs write byte-identical files.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import css_inline
from jinja2 import Environment, StrictUndefined

from . import urls
from .compiled import COMPILED_TEMPLATES
from .group import Briefing, SiteModel
from .model import Article
from .render import Renderer

#: The To of a message handed to a sending service, which addresses each reader itself.
UNDISCLOSED_RECIPIENTS = "undisclosed-recipients:;"
PLACEHOLDER_DOMAIN = "example.com"
TEXT_WIDTH = 72
#: After the preheader: invisible characters, so that mail apps show no other text in the preview line.
PREHEADER_PADDING = "\u034f\u00a0" * 60


@dataclass(frozen=True)
class Entry:
    """One headline of the edition, with everything both versions show."""

    article: Article
    url: str  # absolute, with the UTM parameters
    source: str  # outlet name, or the host of source_url, or ""
    topic: str  # topic title
    time: str  # ``08:30``, or "" for an article without a time


@dataclass(frozen=True)
class Block:
    """A heading and its headlines: "Top stories", then one per topic."""

    title: str
    entries: list[Entry]


@dataclass(frozen=True)
class EmailEdition:
    """A briefing as an email: subject, preheader (the lead story's summary), HTML and plain text."""

    briefing: Briefing
    subject: str
    preheader: str
    html: str
    text: str
    url: str  # the briefing page, absolute, without UTM parameters

    @property
    def stem(self) -> str:
        """``briefing-2024-11-25``: the file name of each version, after the briefing's first day."""
        return edition_stem(self.briefing)


def edition_stem(briefing: Briefing) -> str:
    """``briefing-YYYY-MM-DD`` for the briefing's first day."""
    return f"briefing-{briefing.start.isoformat()}"


def wrap(text: str, indent: str = "", width: int = TEXT_WIDTH) -> str:
    """Plain text wrapped at ``width`` with ``indent`` on every line; words and URLs are never broken."""
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


class EditionWriter:
    """Renders the email edition of any briefing of one site model; needs ``settings.site_url``."""

    def __init__(self, model: SiteModel, template_dirs: Sequence[Path] = ()) -> None:
        if not model.settings.site_url:
            raise ValueError("the email edition needs an absolute site_url")
        self.model = model
        self.settings = model.settings
        self.options = model.settings.email
        self.site_url = model.settings.site_url
        self.renderer = Renderer(model, template_dirs)
        self.html_env = self.renderer.env  # autoescaped; site overrides from <custom_dir>/briefings/ apply
        self.text_env = Environment(
            loader=self.html_env.loader,
            autoescape=False,  # plain text: front matter stays literal, never HTML-escaped
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=COMPILED_TEMPLATES,
        )
        self.text_env.install_gettext_translations(self.renderer.messages.translations, newstyle=True)  # type: ignore[attr-defined]
        self.text_env.filters["wrap"] = wrap
        # No network, ever: nothing links an external stylesheet, and none would be fetched.
        self.inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)

    # --- what both versions show -------------------------------------------------

    def utm(self, briefing: Briefing) -> list[tuple[str, str]]:
        """The configured UTM parameters, ``{date}`` replaced by the briefing's first day."""
        day = briefing.start.isoformat()
        return [(name, value.format(date=day)) for name, value in self.options.utm]

    def link(self, url: str, params: Sequence[tuple[str, str]]) -> str:
        """A site-relative URL → absolute under ``site_url``, with ``params`` (the UTM parameters) added."""
        return urls.with_query(urls.absolute(self.site_url, url), params)

    def blocks(self, briefing: Briefing, params: Sequence[tuple[str, str]] = ()) -> list[Block]:
        """Top stories, then one block per topic: the order of the briefing page; links carry ``params``."""
        titles = self.model.topic_titles

        def entry(article: Article) -> Entry:
            source = article.source or (urls.host_of(article.source_url) if article.source_url else "")
            topic = titles.get(article.topic, article.topic)
            time = self.renderer.clock(article)
            return Entry(article, self.link(article.url, params), source, topic, time)

        top = self.renderer.messages.gettext("Top stories")
        blocks = [Block(top, [entry(a) for a in briefing.top_stories])] if briefing.top_stories else []
        blocks.extend(Block(s.topic.title, [entry(a) for a in s.articles]) for s in briefing.sections)
        return blocks

    def subject(self, briefing: Briefing) -> str:
        """``World Briefing: Monday 25 November 2024``."""
        return f"{self.settings.site_name}: {self.renderer.briefing_title(briefing)}"

    @staticmethod
    def preheader(briefing: Briefing) -> str:
        """The lead story's summary (its title when it has none): the preview line of mail apps."""
        lead = briefing.top_stories[0] if briefing.top_stories else briefing.articles[0]
        return lead.summary or lead.title

    # --- the edition -------------------------------------------------------------

    def edition(self, briefing: Briefing, *, web: bool = False) -> EmailEdition:
        """The email edition of ``briefing``; ``web`` is the copy published as ``email.html`` (no unsubscribe link)."""
        logo = self.options.logo
        params = [] if web else self.utm(briefing)  # the copy on the site is no email campaign
        subject, preheader = self.subject(briefing), self.preheader(briefing)
        context = {
            "briefing": briefing,
            "title": self.renderer.briefing_title(briefing),
            "subject": subject,
            "preheader": preheader,
            "padding": PREHEADER_PADDING,
            "count": self.renderer.messages.ngettext("%(num)d article", "%(num)d articles", len(briefing.articles)),
            "blocks": self.blocks(briefing, params),
            "view_url": self.link(briefing.url, params),
            "home_url": self.link(urls.HOME, params),
            "logo_src": urls.absolute(self.site_url, logo.src) if logo else None,
            "logo": logo,
            "unsubscribe": None if web else self.options.unsubscribe,
            "settings": self.settings,
            "web": web,
        }
        html = self.html_env.get_template("email.html").render(context)
        text = self.text_env.get_template("email.txt").render(context)
        return EmailEdition(
            briefing=briefing,
            subject=subject,
            preheader=preheader,
            html=self.inliner.inline(html).rstrip("\n") + "\n",
            text=text.rstrip("\n") + "\n",
            url=urls.absolute(self.site_url, briefing.url),
        )

    def web_pages(self) -> Iterator[tuple[str, str]]:
        """``(briefings/…/email.html, HTML)`` for every briefing: the email look, published with the site."""
        for briefing in self.model.briefings:
            yield urls.email_page_url(briefing.url), self.edition(briefing, web=True).html


def build_message(
    edition: EmailEdition, *, sender: str = "", site_name: str = "Briefings", to: str = UNDISCLOSED_RECIPIENTS
) -> EmailMessage:
    """The edition as a ``multipart/alternative`` message (plain text, then HTML, both UTF-8).

    ``sender`` empty means ``site_name`` at a placeholder address: the sending
    service sets the real From. Date (the newest article's time), Message-ID
    (from the briefing's URL) and boundary (from the content) are deterministic.
    """
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = edition.subject
    message["From"] = sender or Address(site_name, "newsletter", PLACEHOLDER_DOMAIN)
    message["To"] = to
    message["Date"] = format_datetime(edition.briefing.updated.replace(microsecond=0))
    digest = hashlib.sha256(edition.url.encode("utf-8")).hexdigest()[:24]
    message["Message-ID"] = f"<{edition.stem}.{digest}@{urls.host_of(edition.url) or PLACEHOLDER_DOMAIN}>"
    message.set_content(edition.text, subtype="plain", charset="utf-8")
    message.add_alternative(edition.html, subtype="html", charset="utf-8")
    content = (edition.text + edition.html).encode("utf-8")
    message.set_boundary("==briefings-" + hashlib.sha256(content).hexdigest()[:32])
    return message


def write_edition(edition: EmailEdition, message: EmailMessage, out_dir: Path) -> list[Path]:
    """Write ``<stem>.html``, ``<stem>.txt`` and ``<stem>.eml`` into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        ".html": edition.html.encode("utf-8"),
        ".txt": edition.text.encode("utf-8"),
        ".eml": message.as_bytes(policy=policy.SMTP),
    }
    written = []
    for suffix, data in files.items():
        path = out_dir / f"{edition.stem}{suffix}"
        path.write_bytes(data)
        written.append(path)
    return written


def write_email_pages(model: SiteModel, site_dir: Path, template_dirs: Sequence[Path] = ()) -> list[Path]:
    """``email.html`` next to every briefing page (``email: publish_html: true``); return the paths written."""
    if not model.settings.site_url:
        return []
    written = []
    for relative, html in EditionWriter(model, template_dirs).web_pages():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(html.encode("utf-8"))
        written.append(path)
    return written
