"""What the user asked of a build: one typed value handed from the command line to the plugin.

The command line builds a :class:`BuildRequest` from its options; the application
layer (:mod:`briefings.app`) opens the site with it and hands it to the MkDocs
plugin explicitly (:meth:`briefings.plugin.BriefingsPlugin.handling`). A plain
``mkdocs build`` has no request: the plugin then uses :data:`DEFAULT_REQUEST`
and its own options from ``mkdocs.yml``. No environment variable is involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildRequest:
    """The options of ``briefings check``, ``build``, ``serve`` and ``deploy``."""

    config_file: Path = Path("mkdocs.yml")
    site_dir: Path | None = None  # None: ``site_dir`` of mkdocs.yml
    strict: bool = False  # fail on warnings too
    drafts: bool = False  # publish articles marked ``draft: true``
    future: bool = False  # publish scheduled articles (dated in the future) as well
    verbose: bool = False  # show MkDocs' progress messages
    clean: bool = False  # ignore the build cache (.cache/briefings/)


DEFAULT_REQUEST = BuildRequest()
