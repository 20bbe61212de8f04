"""MkDocs' configuration messages → ``mkdocs.yml:LINE: error: …`` (issue 12, item 11).

MkDocs reports a bad option as nested prefixes (``Config value 'plugins':
Plugin 'briefings' option 'email': Sub-option 'utm': unknown key 'sauce'``).
Those prefixes are the key path, which :mod:`briefings.config_lines` follows in
the YAML nodes to a file and line. Two callers:

* the plugin's own options (:func:`plugin_errors_with_lines`, from
  ``BriefingsConfig.validate``): each error is prefixed with ``mkdocs.yml:LINE:``,
  so a plain ``mkdocs build`` shows it too, inside MkDocs' own prefixes;
* the command line (:func:`read_config_messages`, from :func:`briefings.app.site.open_site`):
  every message MkDocs logged while loading the config becomes one
  ``mkdocs.yml:LINE: error: …`` line, MkDocs' prefixes turned into a short subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mkdocs.config import base
from mkdocs.config.base import ValidationError

from ..config_lines import compose_config, locate
from ..text import did_you_mean

Severity = Literal["error", "warning"]

_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^'\n]+)': ")
_PLUGIN = re.compile(r"Plugin '(?P<plugin>[^'\n]+)'(?: option '(?P<option>[^'\n]+)')?: ")
_SUB_OPTION = re.compile(r"Sub-option '(?P<key>[^'\n]+)': ")
#: The ``mkdocs.yml:7: `` that :func:`plugin_errors_with_lines` puts before a plugin option's message.
_WHERE = re.compile(r"(?P<where>[^\s:'\"][^\n:]*:\d+): ")
_UNRECOGNISED = re.compile(r"Unrecognised configuration name: (?P<key>.+)")


@dataclass(frozen=True)
class ConfigMessage:
    """One problem of ``mkdocs.yml``: the key path MkDocs named, what is wrong, and where it is written."""

    severity: Severity
    path: tuple[str, ...]
    """Keys from the top of the config: ``('plugins', 'briefings', 'email', 'utm')``; empty when none is named."""
    text: str
    """What is wrong, without MkDocs' ``Config value …`` prefixes."""
    where: str | None
    """``mkdocs.yml:7`` (or ``base.yml:3`` for a key an ``INHERIT`` parent holds); None when not written."""

    def format(self, config_name: str) -> str:
        """``mkdocs.yml:7: error: plugin 'briefings', option 'timezone': unknown time zone …``."""
        return f"{self.where or config_name}: {self.severity}: {self.subject()}{self.text}"

    def subject(self) -> str:
        """``plugin 'briefings', option 'email', sub-option 'utm': ``; an option the text names itself is left out."""
        owner: list[str] = []
        options = list(self.path)
        if self.path[:1] == ("plugins",) and len(self.path) >= 2:
            owner, options = [f"plugin '{self.path[1]}'"], options[2:]
        if len(options) == 1 and f"option '{options[0]}'" in self.text:  # "unknown option 'x' …"
            options = []
        parts = owner + [f"option '{name}'" for name in options[:1]] + [f"sub-option '{name}'" for name in options[1:]]
        return f"{', '.join(parts)}: " if parts else ""


def unknown_option(key: str, known: Sequence[str], *, list_known: bool = True) -> str:
    """The message for an option no schema has: the closest known one, and all of them (``list_known``)."""
    listed = f"; expected one of {', '.join(known)}" if list_known else ""
    return f"unknown option '{key}'{did_you_mean(key, known)}{listed}"


def split_sub_options(text: str) -> tuple[tuple[str, ...], str]:
    """``Sub-option 'utm': Sub-option 'x': msg`` → ``(('utm', 'x'), 'msg')``: MkDocs' prefixes of nested options."""
    names: list[str] = []
    while match := _SUB_OPTION.match(text):
        names.append(match["key"])
        text = text[match.end() :]
    return tuple(names), text


# --- the plugin's own options (``mkdocs build`` and the command line) -----------------------------


def plugin_errors_with_lines(
    config: base.Config, plugin: str, errors: base.ConfigErrors, warnings: base.ConfigWarnings
) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
    """A plugin config's validation, with unknown options made errors and every error prefixed by its line.

    MkDocs only warns about an option no schema has; SPEC §3 makes it an error
    naming the key, with the closest known option. The prefix (``mkdocs.yml:7: ``)
    is part of the message, so ``mkdocs build`` shows it as well; the command line
    takes it back out (:func:`read_config_messages`).
    """
    known = [name for name, _ in config._schema]
    unknown = {str(key) for key, message in warnings if _UNRECOGNISED.fullmatch(str(message))}
    if unknown:
        in_order = [key for key in config if key in unknown]  # as written, not in a set's order
        warnings = [(key, message) for key, message in warnings if str(key) not in unknown]
        errors = [*errors, *((key, ValidationError(unknown_option(key, known))) for key in in_order)]
    if not errors or not config.config_file_path:
        return errors, warnings
    main = Path(config.config_file_path)
    try:
        tree = compose_config(main)
        located: base.ConfigErrors = []
        for key, error in errors:
            sub_options, rest = split_sub_options(str(error))
            place = locate(tree, ("plugins", plugin, key, *sub_options), rest)
            located.append((key, ValidationError(f"{place.shown(main)}: {error}")) if place else (key, error))
    except Exception:  # noqa: BLE001 - the line is a courtesy: the errors go out without it rather than not at all
        return errors, warnings
    return located, warnings


# --- what MkDocs logged while loading the config (the command line) ------------------------------


def read_config_messages(logged: Sequence[tuple[Severity, str]], config_file: Path) -> list[ConfigMessage]:
    """MkDocs' log messages → one :class:`ConfigMessage` per problem, each located in the YAML when possible.

    A plugin's errors come as one message of several ``Plugin '…' option '…':``
    lines; each becomes a message of its own. The file is read again only when
    a message needs a line, and only once.
    """
    tree_read = False
    tree = None
    messages: list[ConfigMessage] = []
    for severity, logged_text in logged:
        for part in _split_message(logged_text):
            text = _reworded(part.path, part.text)
            where = part.where
            if where is None and part.path:
                if not tree_read:
                    tree, tree_read = compose_config(config_file), True
                place = locate(tree, part.path, text)
                where = place.shown(config_file) if place else None
            messages.append(ConfigMessage(severity, part.path, text, where))
    return messages


@dataclass
class _MessagePart:
    """One problem of a logged message, before it is located: its key path, its text, a line already given."""

    path: tuple[str, ...]
    text: str
    where: str | None = None


def _split_message(text: str) -> list[_MessagePart]:
    """``Config value 'k': Plugin 'p' option 'o': [mkdocs.yml:7: ]Sub-option 's': msg`` → path, msg, line."""
    match = _CONFIG_VALUE.match(text)
    if match is None:
        return [_MessagePart((), text)]
    key, rest = match["key"], text[match.end() :]
    if key != "plugins" or not _PLUGIN.match(rest):
        sub_options, rest = split_sub_options(rest)
        return [_MessagePart((key, *sub_options), rest)]
    parts: list[_MessagePart] = []
    for line in re.split(r"\n(?=Plugin ')", rest):
        plugin = _PLUGIN.match(line)
        if plugin is None:  # the first line matches: this one continues the previous plugin's message
            parts[-1].text += f"\n{line}"
            continue
        body = line[plugin.end() :]
        path: tuple[str, ...] = ("plugins", plugin["plugin"])
        where = None
        if plugin["option"]:
            path = (*path, plugin["option"])
            located = _WHERE.match(body)
            if located:
                where, body = located["where"], body[located.end() :]
        sub_options, body = split_sub_options(body)
        parts.append(_MessagePart((*path, *sub_options), body, where))
    return parts


def _reworded(path: tuple[str, ...], text: str) -> str:
    """MkDocs' ``Unrecognised configuration name: x`` as ``unknown option 'x'`` with the closest known option."""
    match = _UNRECOGNISED.fullmatch(text)
    if match is None:
        return text
    known = _known_options(path[:-1]) if path and path[-1] == match["key"] else None
    if known is None:
        return f"unknown option '{match['key']}'"
    return unknown_option(match["key"], known, list_known=len(path) > 1)  # MkDocs' own 30-odd: too many to list


def _known_options(owner: tuple[str, ...]) -> list[str] | None:
    """The option names of the top level of ``mkdocs.yml``, or of an installed plugin; None for anything else."""
    if not owner:
        from mkdocs.config.defaults import MkDocsConfig

        return [name for name, _ in MkDocsConfig._schema if name != "config_file_path"]
    if len(owner) == 2 and owner[0] == "plugins":
        from mkdocs.plugins import get_plugins

        entry = get_plugins().get(owner[1])
        try:
            plugin_class = entry.load() if entry is not None else None
        except Exception:  # noqa: BLE001 - a plugin that does not import: no suggestion, the message stands
            return None
        return [name for name, _ in getattr(plugin_class, "config_scheme", ())] or None
    return None
