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

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..config_lines import broken_inherit, compose_config, locate, yaml_problem
from ..errors import SiteError
from ..model import SiteSettings
from ..plugin import BriefingsPlugin
from ..plugin.config import settings_from_config
from ..plugin.config_errors import ConfigMessage, Severity, read_config_messages
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
    ``mkdocs build`` takes them from its own options. Raises :class:`SiteError`,
    whose lines say where each problem is written (``mkdocs.yml:7: error: …``).
    """
    path = request.config_file
    if not path.is_file():
        raise SiteError(
            f"{path}: error: no such configuration file (run in the site folder or pass -f path/to/mkdocs.yml)"
        )
    with _mkdocs_messages() as logged:
        try:
            config = load_config(config_file=str(path), **overrides)
        except Exception as exc:  # noqa: BLE001 - a bad option, a YAML error, a missing theme, an !ENV tag…
            try:
                message = load_failure(path, exc, logged, strict=bool(overrides.get("strict")))
            except Exception:  # noqa: BLE001 - the line is a courtesy: never a traceback instead of the message
                message = "\n".join(f"{path.name}: error: {text}" for _, text in logged) or f"{path.name}: error: {exc}"
            raise SiteError(message) from None
    plugin = config.plugins.get("briefings")
    if not isinstance(plugin, BriefingsPlugin):
        place = locate(compose_config(path), ("plugins",))
        where = place.shown(path) if place else path.name
        raise SiteError(f"{where}: error: the 'briefings' plugin is not enabled: add it under 'plugins:'")
    return Site(
        config_file=path.resolve(), config=config, settings=settings_from_config(config, plugin.config, request)
    )


def load_failure(
    config_file: Path, error: BaseException, logged: list[tuple[Severity, str]], *, strict: bool = False
) -> str:
    """Why MkDocs could not load ``config_file``, as ``mkdocs.yml:LINE: error: …`` lines.

    A YAML error is read from PyYAML's own exception (MkDocs rewords it without
    its line in the first place). Otherwise the problems are what MkDocs logged
    while validating; with ``strict`` its warnings stopped the load, so they are
    errors. When MkDocs logged nothing, its exception is the message.
    """
    name = config_file.name
    yaml_error = _yaml_cause(error)
    if yaml_error is not None:
        problem = yaml_problem(yaml_error, config_file)
        return f"{problem.location.shown(config_file) if problem.location else name}: error: {problem.message}"
    messages = read_config_messages([("error" if strict else severity, text) for severity, text in logged], config_file)
    if not any(message.severity == "error" for message in messages):
        inherit = broken_inherit(config_file)  # MkDocs logs nothing for a missing INHERIT file, or a loop
        if inherit is not None:
            messages.append(ConfigMessage("error", (), inherit.message, inherit.location.shown(config_file)))
        else:
            messages.append(ConfigMessage("error", (), " ".join(str(error).split()) or type(error).__name__, None))
    return "\n".join(message.format(name) for message in messages)


def _yaml_cause(error: BaseException) -> yaml.YAMLError | None:
    """The PyYAML error behind MkDocs' ``ConfigurationError`` (raised while handling it), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, yaml.YAMLError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


@contextmanager
def _mkdocs_messages() -> Iterator[list[tuple[Severity, str]]]:
    """Collect what MkDocs logs while loading a config: its option errors and warnings come as log records."""
    messages: list[tuple[Severity, str]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(("error" if record.levelno >= logging.ERROR else "warning", record.getMessage()))

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
