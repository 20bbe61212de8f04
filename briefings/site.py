"""Open a site the way MkDocs does: ``mkdocs.yml`` → MkDocs config + the core's settings.

Used by the command line; the MkDocs plugin gets the same objects from MkDocs itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from .model import SiteSettings
from .plugin.config import BriefingsConfig
from .plugin.plugin import BriefingsPlugin, site_settings


class SiteError(Exception):
    """The site cannot be opened; the message says why and what to do."""


@dataclass
class Site:
    config_file: Path
    config: MkDocsConfig
    settings: SiteSettings

    @property
    def plugin(self) -> BriefingsPlugin:
        return self.config.plugins["briefings"]  # type: ignore[return-value]

    @property
    def options(self) -> BriefingsConfig:
        return self.plugin.config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def open_site(config_file: str | Path = "mkdocs.yml", **overrides: object) -> Site:
    """Load ``mkdocs.yml`` with MkDocs (``!ENV``, ``!!python/name`` and all) and the plugin options."""
    path = Path(config_file)
    if not path.is_file():
        raise SiteError(f"{path}: error: no such configuration file (run in the site folder or pass -f path/to/mkdocs.yml)")
    collector = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    try:
        config = load_config(config_file=str(path), **overrides)
    except (ConfigurationError, Abort) as exc:
        details = "\n".join(f"{path.name}: error: {m}" for m in collector.messages) or f"{path.name}: error: {exc}"
        raise SiteError(details) from None
    except Exception as exc:  # noqa: BLE001 - a YAML error in mkdocs.yml, a missing theme…
        raise SiteError(f"{path.name}: error: {exc}") from None
    finally:
        mkdocs_log.removeHandler(collector)
    plugin = config.plugins.get("briefings")
    if not isinstance(plugin, BriefingsPlugin):
        raise SiteError(f"{path.name}: error: the 'briefings' plugin is not enabled: add it under 'plugins:'")
    return Site(config_file=path.resolve(), config=config, settings=site_settings(config, plugin.config))
