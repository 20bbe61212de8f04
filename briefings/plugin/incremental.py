"""What a generated page's HTML depends on, as keys for the page cache (:class:`briefings.cache.PageCache`).

A generated page is turned into HTML by MkDocs and Material from two things:

* **its own source**: the Markdown, front matter and HTML fragments that
  :mod:`briefings.render` made for it. Everything the page shows of other
  articles (its briefing, related articles, the lists of a topic or tag page)
  is already written into that source, so a change anywhere it looks changes
  the source, and so the key. Hashing the output of the core instead of
  tracking its inputs means no dependency can be forgotten;
* **the site-wide inputs** (:func:`site_variant`): ``mkdocs.yml`` as MkDocs
  resolved it, the theme files, the ``docs/`` pages (they are in the
  navigation of every page), the Briefings code, and the versions of Python
  and of the installed packages (MkDocs, Material, Markdown extensions,
  plugins). A change to any of them changes every key.

Not covered: a plugin or template that reads something else at build time (the
clock, git history, environment variables). Such a site builds with
``briefings build --clean``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import sysconfig
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..cache import FORMAT, code_digest

#: Config entries that do not change a page: where the site is written, how it is served.
_NOT_IN_PAGES = frozenset({"site_dir", "config_file_path", "dev_addr", "watch", "strict", "plugins", "theme"})
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def site_variant(config: MkDocsConfig) -> str:
    """SHA-256 of every site-wide input of the generated pages' HTML.

    Where things are is not an input: a page reads no absolute path, so the site
    folder, the Python environment and Briefings itself are named by what they are
    (:func:`_portable`), and a moved or renamed checkout keeps its cache.
    """
    places = _places(config)
    hasher = hashlib.sha256()
    for part in (
        f"format {FORMAT}",
        f"python {sys.version_info.major}.{sys.version_info.minor}",  # its standard library renders too (html, re…)
        code_digest(),
        _portable(_config_text(config), places),
        _files_digest(Path(config.docs_dir), places),
        *(_files_digest(Path(folder), places) for folder in config.theme.dirs if not _is_installed(Path(folder))),
        _installed_versions(),
    ):
        hasher.update(part.encode("utf-8") + b"\0")
    return hasher.hexdigest()


def page_key(variant: str, url: str, source_digest: str) -> str:
    """The key of one page's HTML: site variant, URL and source (:meth:`RenderedPage.source_digest`)."""
    return hashlib.sha256(f"{variant}\0{url}\0{source_digest}".encode()).hexdigest()


def _config_text(config: MkDocsConfig) -> str:
    """``mkdocs.yml`` as MkDocs resolved it (``!ENV``, defaults, serve's ``site_url``), plugins and theme included."""
    values = {key: value for key, value in config.items() if key not in _NOT_IN_PAGES}
    values["plugins"] = {name: _plugin_text(plugin) for name, plugin in config.plugins.items()}
    values["theme"] = {"name": config.theme.name, "dirs": config.theme.dirs, **dict(config.theme.items())}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=_stable_text)


def _plugin_text(plugin: Any) -> Any:
    """A plugin's options; for a hook module (``hooks:`` in mkdocs.yml), the digest of its code."""
    if hasattr(plugin, "config"):
        return dict(plugin.config)
    source = getattr(plugin, "__file__", None)
    return hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else _stable_text(plugin)


def _stable_text(value: Any) -> str:
    """A value JSON cannot hold, as text that is the same in every process (no memory addresses)."""
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if isinstance(value, (set, frozenset)):
        return repr(sorted(map(repr, value)))
    return _ADDRESS.sub("", repr(value))


def _files_digest(folder: Path, places: list[tuple[str, str]]) -> str:
    """SHA-256 of every file below ``folder`` (names and bytes): contents, not times, so a fresh checkout matches."""
    hasher = hashlib.sha256(_portable(json.dumps(str(folder)), places).encode())
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                hasher.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _places(config: MkDocsConfig) -> list[tuple[str, str]]:
    """The folders a config's paths start with, each with a name that is the same wherever it is, longest first.

    The site folder (where ``mkdocs.yml`` is), the installed packages (Material's and
    MkDocs' templates: their versions are an input of their own) and the Briefings
    package (its code digest is one), as written and with symbolic links resolved.
    """
    named = [(Path(config.config_file_path).parent, "<site>")] if config.config_file_path else []
    named += [(folder, "<installed>") for folder in _site_packages()]
    named.append((_BRIEFINGS, "<briefings>"))
    places = {
        str(path): name
        for folder, name in named
        for path in (folder.absolute(), folder.resolve())
        if len(path.parts) > 1  # never the file system's root: every path would start with it
    }
    return sorted(places.items(), key=lambda place: len(place[0]), reverse=True)


def _portable(text: str, places: list[tuple[str, str]]) -> str:
    """JSON ``text`` with every path below one of ``places`` starting with that place's name instead."""
    for folder, name in places:
        written = json.dumps(folder)[1:-1]  # as it appears inside a JSON string (backslashes doubled)
        text = re.sub(re.escape(written) + r'(?=[/\\"])', name, text)  # names hold no backslash
    return text


#: The Briefings package (its theme folder is inside).
_BRIEFINGS = Path(__file__).parent.parent


def _site_packages() -> list[Path]:
    """Where this Python installs packages (pure and platform-specific)."""
    return [Path(sysconfig.get_paths()[kind]) for kind in ("purelib", "platlib")]


def _is_installed(folder: Path) -> bool:
    """A theme folder inside an installed package (Material's, ours): its version (or code digest) stands for it."""
    installed = {path.resolve() for path in _site_packages()}
    installed.add(_BRIEFINGS.resolve())  # code_digest() covers it
    resolved = folder.resolve()
    return any(resolved.is_relative_to(base) for base in installed)


#: Installers, not part of any page: a CI job that upgrades pip keeps its cache.
_TOOLING = frozenset({"pip", "setuptools", "wheel"})


@lru_cache(maxsize=1)
def _installed_versions() -> str:
    """Every installed distribution and its version (MkDocs, Material, Markdown, extensions, plugins…).

    One per name, the first on ``sys.path`` (the one ``import`` finds): a source checkout
    on ``PYTHONPATH`` (its ``*.egg-info``) beside the installed copy is not another input.
    """
    versions: dict[str, str] = {}
    for dist in metadata.distributions():
        name = str(dist.metadata["Name"] or "").lower()
        if name and name not in _TOOLING:
            versions.setdefault(name, f"{name}=={dist.version}")
    return ";".join(sorted(versions.values()))
