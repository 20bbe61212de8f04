"""The ``briefings`` plugin options in ``mkdocs.yml`` (SPEC §3), as a typed MkDocs config class."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..settings import SettingError, parse_timezone, parse_topics


class _Validated(c.BaseConfigOption[Any]):
    """Runs one of the core's ``parse_*`` functions, turning its error into a MkDocs one."""

    def __init__(self, parse: Any, default: Any) -> None:
        super().__init__()
        self.parse = parse
        self.default = default

    def run_validation(self, value: object) -> Any:
        try:
            return self.parse(value)
        except SettingError as exc:
            raise base.ValidationError(str(exc)) from None


class BriefingsConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder of the articles, relative to ``mkdocs.yml``."""
    period = c.Choice(("day", "week", "month"), default="day")
    """How much news one briefing gathers: a day, an ISO week (Monday first) or a month."""
    timezone = _Validated(parse_timezone, default="UTC")
    """IANA zone of the briefing days; dates without an offset are in this zone."""
    topics = _Validated(parse_topics, default=None)
    """Ordered topics; empty means discovered from the articles."""
    drafts = c.Type(bool, default=False)
    """Publish articles marked ``draft: true`` (``briefings build --drafts`` sets it)."""
