"""Open a site the way MkDocs does: ``mkdocs.yml`` → MkDocs config + the core's settings.

Used by every command; the MkDocs plugin gets the same objects from MkDocs itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from ..errors import SiteError
from ..model import SiteSettings
from ..plugin import BriefingsPlugin
from ..plugin.config import settings_from_config
from ..request import BuildRequest


@dataclass
class Site:
    """An opened site: its config file, MkDocs' config, and the core's settings."""

    config_file: Path
    config: MkDocsConfig
    settings: SiteSettings

    @property
    def plugin(self) -> BriefingsPlugin:
        return self.config.plugins["briefings"]  # type: ignore[return-value]


def open_site(request: BuildRequest, **overrides: Any) -> Site:
    """Load ``mkdocs.yml`` with MkDocs (``!ENV``, ``!!python/name`` and all) and the plugin options.

    ``overrides`` are top-level config values (``site_dir=…``, ``strict=…``), as
    ``mkdocs build`` takes them from its own options. Raises :class:`SiteError`.
    """
    path = request.config_file
    if not path.is_file():
        raise SiteError(
            f"{path}: error: no such configuration file (run in the site folder or pass -f path/to/mkdocs.yml)"
        )
    with _mkdocs_warnings() as messages:
        try:
            config = load_config(config_file=str(path), **overrides)
        except (ConfigurationError, Abort) as exc:
            raise SiteError(
                "\n".join(f"{path.name}: error: {m}" for m in messages) or f"{path.name}: error: {exc}"
            ) from None
        except Exception as exc:  # noqa: BLE001 - a YAML error in mkdocs.yml, a missing theme…
            raise SiteError(f"{path.name}: error: {exc}") from None
    plugin = config.plugins.get("briefings")
    if not isinstance(plugin, BriefingsPlugin):
        raise SiteError(f"{path.name}: error: the 'briefings' plugin is not enabled: add it under 'plugins:'")
    return Site(
        config_file=path.resolve(), config=config, settings=settings_from_config(config, plugin.config, request)
    )


@contextmanager
def _mkdocs_warnings() -> Iterator[list[str]]:
    """Collect what MkDocs logs while loading a config: its option errors come as log records."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
