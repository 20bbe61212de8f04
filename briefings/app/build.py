"""``check``, ``build`` and ``serve``: load and report the articles, then let MkDocs build.

``build`` writes into a staging folder next to the target and swaps it in only on
success: a failed build (bad article, strict warning, template error) leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build

from ..errors import ArticlesRejected, BriefingsError, BuildFailed
from ..load import LoadResult, load_articles, open_article_cache
from ..request import BuildRequest
from .site import Site, open_site

#: Shows the problems of a check (``path:line: error: …``) before anything is built.
Report = Callable[[LoadResult], None]


@dataclass(frozen=True)
class Built:
    """A finished build: where the site is, and what went into it."""

    site_dir: Path
    articles: int


def check(request: BuildRequest) -> LoadResult:
    """Validate every article and the configuration (``briefings check``)."""
    settings = open_site(request).settings
    with mkdocs_logging(request.verbose):  # a cache warning is shown like MkDocs' own
        return load_articles(settings, open_article_cache(settings))


def checked_site(request: BuildRequest, report: Report, action: str) -> tuple[Site, LoadResult]:
    """Open the site and load its articles; report the problems; refuse on errors (or warnings with ``--strict``)."""
    site = open_site(request)
    with mkdocs_logging(request.verbose):
        result = load_articles(site.settings, open_article_cache(site.settings, reuse=not request.clean))
    if result.problems:
        report(result)
    refusal = result.refusal(request.strict)
    if refusal:
        raise ArticlesRejected(f"Not {action} because of {refusal}: the previous site is untouched.")
    return site, result


def build(request: BuildRequest, report: Report) -> Built:
    """Check, then build the site into ``request.site_dir`` (default: ``site_dir`` of mkdocs.yml) atomically."""
    site, result = checked_site(request, report, "built")
    final = (request.site_dir or Path(site.config.site_dir)).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    staging = final.parent / f".briefings-build-{token}"
    staged = open_site(request, site_dir=str(staging), strict=request.strict)
    try:
        with mkdocs_logging(request.verbose), staged.plugin.handling(request, checked=result):
            mkdocs_build(staged.config)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise BuildFailed(f"the build failed: {exc}; the previous site was left as it was") from None
    _swap_in(staging, final, token)
    return Built(final, len(result.articles))


def _swap_in(staging: Path, final: Path, token: str) -> None:
    """Replace ``final`` by ``staging`` with two renames; the old site is deleted last, in the background.

    Deleting 10,000 page folders takes about a second, and nothing waits for it:
    a separate process does it while the command returns. One that was killed
    leaves a ``.briefings-old-*`` folder, which the next build deletes.
    """
    for leftover in final.parent.glob(".briefings-old-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    if not final.exists():
        staging.rename(final)
        return
    retired = final.parent / f".briefings-old-{token}"
    final.rename(retired)
    staging.rename(final)
    try:
        subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(retired)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(retired, ignore_errors=True)


def serve(request: BuildRequest, dev_addr: str) -> None:
    """Live preview with MkDocs' dev server, rebuilding when articles, docs or the theme change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    site = open_site(request)
    with mkdocs_logging(verbose=True), site.plugin.handling(request):
        try:
            mkdocs_serve(config_file=str(site.config_file), dev_addr=dev_addr, livereload=True)
        except Exception as exc:  # noqa: BLE001 - MkDocs' own errors, shown without a traceback
            raise BriefingsError(str(exc)) from None


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
