"""The ``briefings`` plugin options in ``mkdocs.yml`` (SPEC §3), and the core's settings made from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..model import Period, SiteSettings
from ..request import BuildRequest
from ..settings import ConfigError, parse_timezone, parse_topics


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
        site_name=config.site_name,
        site_url=config.site_url or None,
        site_description=config.site_description or "",
        language=str(language),
        drafts=options.drafts or request.drafts,
    )
