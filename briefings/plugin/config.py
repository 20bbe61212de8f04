"""The ``briefings`` plugin options in ``mkdocs.yml`` (SPEC §3), and the core's settings made from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..model import EmailLogo, EmailSettings, Period, SiteSettings
from ..request import BuildRequest
from ..settings import (
    ConfigError,
    parse_extra_fields,
    parse_image_src,
    parse_pixels,
    parse_sender,
    parse_timezone,
    parse_topics,
    parse_unsubscribe,
    parse_utm_value,
)
from ..text import did_you_mean
from .config_errors import plugin_errors_with_lines


class _Parsed(c.BaseConfigOption[Any]):
    """Runs one of the core's ``parse_*`` functions, turning its error into a MkDocs one."""

    def __init__(self, parse: Any, default: Any) -> None:
        super().__init__()
        self.parse = parse
        self.default = default

    def run_validation(self, value: object) -> Any:
        try:
            return self.parse(value)
        except ConfigError as exc:
            raise base.ValidationError(str(exc)) from None


class _Strict(c.SubConfig):
    """A sub-mapping checked by its own small config class; unknown keys are errors naming the key.

    MkDocs' ``SubConfig`` only warns about unknown keys; ``optional`` makes an absent mapping ``None``.
    """

    def __init__(self, config_class: type[base.Config], *, optional: bool = False) -> None:
        super().__init__()
        self.config_class = config_class
        self.optional = optional
        if optional:
            self.default = None

    def run_validation(self, value: object) -> Any:
        if value is None and self.optional:
            return None
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"expected a mapping, found {type(value).__name__}")
        known = [name for name, _ in self.config_class._schema]
        for key in value:
            if key not in known:
                raise base.ValidationError(
                    f"unknown key '{key}'{did_you_mean(str(key), known)}; expected one of {', '.join(known)}"
                )
        return super().run_validation(value)


class UtmConfig(base.Config):
    """``email: utm:``: query parameters added to every link into the site (``{date}``: the briefing's day)."""

    source = _Parsed(parse_utm_value, default=None)
    medium = _Parsed(parse_utm_value, default=None)
    campaign = _Parsed(parse_utm_value, default=None)
    term = _Parsed(parse_utm_value, default=None)
    content = _Parsed(parse_utm_value, default=None)


class LogoConfig(base.Config):
    """``email: logo:``: the image at the top of the email; every image carries alt, width and height."""

    src = _Parsed(parse_image_src, default=None)
    width = _Parsed(parse_pixels, default=None)
    height = _Parsed(parse_pixels, default=None)
    alt = c.Type(str, default="")


class EmailConfig(base.Config):
    """``email:``: the email edition of each briefing (``briefings email``)."""

    unsubscribe = _Parsed(parse_unsubscribe, default="listmonk")
    """A preset (listmonk, buttondown, mailchimp, ses) or the sending service's own unsubscribe placeholder."""
    sender = _Parsed(parse_sender, default="")
    """The From of the .eml (``Name <address>``); the sending service usually sets its own."""
    utm = _Strict(UtmConfig)
    logo = _Strict(LogoConfig, optional=True)
    publish_html = c.Type(bool, default=False)
    """Also write ``email.html`` next to each briefing page of the site."""


class BriefingsConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of the articles, relative to ``mkdocs.yml``."""
    period = c.Choice(("day", "week", "month"), default="day")
    """How much news one briefing gathers: a day, an ISO week (Monday first) or a month."""
    timezone = _Parsed(parse_timezone, default="UTC")
    """IANA zone of the briefing days; dates without an offset are in this zone."""
    topics = _Parsed(parse_topics, default=None)
    """Ordered topics; empty means discovered from the articles."""
    drafts = c.Type(bool, default=False)
    """Publish articles marked ``draft: true`` (as ``briefings build --drafts`` does)."""
    future = c.Type(bool, default=False)
    """Publish scheduled articles, dated in the future, at once (as ``briefings build --future`` does)."""
    extra_fields = _Parsed(parse_extra_fields, default=[])
    """Front matter fields the site's own templates use: not warned about as unknown."""
    email = _Strict(EmailConfig)
    """The email edition: unsubscribe placeholder, sender, UTM parameters, logo, ``email.html`` pages."""
    trust_html = c.Type(bool, default=False)
    """Publish article bodies' raw HTML as written; by default it is sanitised (:mod:`briefings.sanitize`)."""
    google_fonts = c.Type(bool, default=False)
    """Let Material load its fonts from Google Fonts; by default no page asks a third party for anything."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """MkDocs' checks; unknown options are errors too (SPEC §3), each error prefixed by ``mkdocs.yml:LINE:``."""
        errors, warnings = super().validate()
        return plugin_errors_with_lines(self, "briefings", errors, warnings)


def settings_from_config(config: MkDocsConfig, options: BriefingsConfig, request: BuildRequest) -> SiteSettings:
    """The core's view of ``mkdocs.yml`` and of the request: paths resolved next to the config file."""
    root = Path(config.config_file_path or ".").resolve().parent
    language = (config.theme.get("language") if config.theme else None) or "en"
    return SiteSettings(
        root=root,
        content_dir=(root / options.content_dir).resolve(),
        timezone=options.timezone,
        period=cast(Period, options.period),  # one of the Choice above
        topics=options.topics,
        site_name=raw_text(config.site_name),
        site_url=config.site_url or None,
        site_description=raw_text(config.site_description or ""),
        language=str(language),
        drafts=options.drafts or request.drafts,
        future=options.future or request.future,
        extra_fields=options.extra_fields,
        email=email_settings(options.email),
        trust_html=options.trust_html,
    )


#: ``mkdocs.yml`` values that are plain text, and that themes print into every page's HTML.
CONFIG_TEXT = ("site_name", "site_description", "site_author", "copyright", "repo_name")


def escape_config_text(config: MkDocsConfig) -> None:
    """Replace the plain-text values of ``mkdocs.yml`` (:data:`CONFIG_TEXT`) by their HTML-escaped text.

    MkDocs renders theme templates without autoescape, and Material prints
    ``config.site_name``, ``config.copyright``… as they are: a site name holding
    ``<script>`` would run on every page, 404 and hand-written pages included.
    Escaped here, once, every template (Material's, ours, a site's own) prints
    safe text. The values become :class:`~markupsafe.Markup`, so they are never
    escaped twice: ``| e`` (which Material applies in a few places) leaves them
    as they are, and so does a second call. Run it after
    :func:`settings_from_config`: the core works on the raw text and escapes it
    for each format itself (HTML, XML, JSON, email headers).
    """
    for name in CONFIG_TEXT:
        value = config.get(name)
        if isinstance(value, str) and value:
            config[name] = escape(value)


def raw_text(value: str | None) -> str:
    """The text as written in ``mkdocs.yml``, also from a value :func:`escape_config_text` has escaped.

    MkDocs hands a config object to every build; should one be configured twice,
    the core still gets the text itself, not its HTML.
    """
    if isinstance(value, Markup):
        return str(value.unescape())
    return value or ""


def email_settings(options: EmailConfig) -> EmailSettings:
    """The core's view of ``email:``, with the UTM parameters in their conventional order."""
    utm = tuple(
        (f"utm_{name}", value)
        for name in ("source", "medium", "campaign", "term", "content")
        if (value := options.utm[name]) is not None
    )
    logo = options.logo
    return EmailSettings(
        unsubscribe=options.unsubscribe,
        sender=options.sender,
        utm=utm,
        logo=EmailLogo(logo.src, logo.width, logo.height, logo.alt.strip()) if logo is not None else None,
        publish_html=options.publish_html,
    )
