"""Build the site with MkDocs into a temporary folder and swap it in only on success.

A failed build (bad article, strict warning, template error) leaves the previous
site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build

from .load import LoadResult
from .plugin.plugin import DRAFTS_ENV
from .site import Site


class BuildFailed(Exception):
    """The build did not finish; the previous site is untouched. The message says why."""


@contextmanager
def drafts_enabled(enabled: bool) -> Iterator[None]:
    """Tell the plugin (also under ``mkdocs serve``'s own config loading) to publish drafts."""
    previous = os.environ.get(DRAFTS_ENV)
    if enabled:
        os.environ[DRAFTS_ENV] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(DRAFTS_ENV, None)
        else:
            os.environ[DRAFTS_ENV] = previous


@contextmanager
def mkdocs_logging(verbose: bool = False) -> Iterator[None]:
    """Show MkDocs' warnings (and its progress with ``verbose``) the way ``mkdocs build`` does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def build_site_dir(site: Site, site_dir: Path, *, strict: bool, loaded: LoadResult | None = None) -> Path:
    """Build ``site`` into ``site_dir`` atomically; return the final folder.

    ``loaded`` is the result of the check that just ran, so the plugin does not
    read every article a second time.
    """
    final = site_dir.resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    staging = final.parent / f".briefings-build-{token}"
    config = site.config
    config["site_dir"] = str(staging)
    config["strict"] = strict
    site.plugin.preloaded = loaded
    try:
        mkdocs_build(config)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise BuildFailed(f"the build failed: {exc}; the previous site was left as it was") from None
    finally:
        site.plugin.preloaded = None
    if final.exists():
        retired = final.parent / f".briefings-old-{token}"
        final.rename(retired)
        staging.rename(final)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(final)
    return final
