"""The ``briefings`` MkDocs plugin: a thin adapter from MkDocs events to the core pipeline.

Load and validate in ``on_config`` (before MkDocs empties ``site_dir``), so a
bad article never wipes the last good site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from ..load import LoadResult, load_articles
from ..model import SiteSettings
from .config import BriefingsConfig

log = logging.getLogger("mkdocs.plugins.briefings")

#: ``briefings build --drafts`` and ``briefings serve --drafts`` set this for the plugin.
DRAFTS_ENV = "BRIEFINGS_DRAFTS"


def site_settings(config: MkDocsConfig, options: BriefingsConfig) -> SiteSettings:
    """The core's view of ``mkdocs.yml``: paths resolved next to the config file."""
    root = Path(config.config_file_path or ".").resolve().parent
    return SiteSettings(
        root=root,
        content_dir=(root / options.content_dir).resolve(),
        timezone=options.timezone,
        period=options.period,
        topics=options.topics,
        site_name=config.site_name,
        site_url=config.site_url or None,
        site_description=config.site_description or "",
        language=_language(config),
        drafts=options.drafts or os.environ.get(DRAFTS_ENV) == "1",
    )


def _language(config: MkDocsConfig) -> str:
    theme_language = config.theme.get("language") if config.theme else None
    return str(theme_language or "en")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Adds the generated briefing pages to a MkDocs build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: SiteSettings | None = None
        self.loaded: LoadResult | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):  # type: ignore[override]
        # MkDocs only warns about unknown plugin options; SPEC §3 makes them errors naming the key.
        errors, warnings = super().load_config(options, config_file_path)
        unknown = [(key, msg) for key, msg in warnings if "Unrecognised configuration name" in str(msg)]
        if unknown:
            from mkdocs.config.base import ValidationError

            errors = [*errors, *((key, ValidationError(f"unknown option '{key}' of the briefings plugin")) for key, _ in unknown)]
            warnings = [w for w in warnings if w not in unknown]
        return errors, warnings

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = site_settings(config, self.config)
        self.loaded = load_articles(self.settings)
        for problem in self.loaded.problems:
            (log.error if problem.is_error else log.warning)(problem.format())
        if self.loaded.errors:
            raise PluginError(f"{len(self.loaded.errors)} error(s) in the articles: the site was not built (fix them, then run 'briefings check')")
        if self.loaded.warnings and config.strict:
            raise PluginError(f"{len(self.loaded.warnings)} warning(s) in the articles and --strict is on: the site was not built")
        return config
