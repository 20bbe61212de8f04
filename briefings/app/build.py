"""``check``, ``build`` and ``serve``: load and report the articles, then let MkDocs build.

``build`` writes into a staging folder next to the target and swaps it in only on
success: a failed build (bad article, strict warning, template error) leaves the
previous site exactly as it was. Each staging folder has a lock file naming its
process; the next build removes the folders of builds that were killed (SIGKILL,
a power cut), never one whose build still runs. SIGTERM cleans up like Ctrl-C.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from mkdocs.commands.build import build as mkdocs_build

from ..cache import remove_in_background
from ..errors import ArticlesRejected, BriefingsError, BuildFailed
from ..load import LoadResult, load_articles, open_article_cache
from ..request import BuildRequest
from ..text import plural
from .site import Site, open_site

#: Shows the problems of a check (``path:line: error: …``) before anything is built.
Report = Callable[[LoadResult], None]

#: A build's staging folder is ``.briefings-build-<token>``; its lock file, holding the pid, adds ``.pid``.
STAGING_PREFIX = ".briefings-build-"
LOCK_SUFFIX = ".pid"
#: The previous site after a swap, deleted in the background (and by the next build if that was killed).
RETIRED_PREFIX = ".briefings-old-"

#: Below MkDocs' logger, so :func:`mkdocs_logging` shows these messages as it shows MkDocs' own.
log = logging.getLogger("mkdocs.briefings.build")


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
    with mkdocs_logging(request.verbose):
        remove_leftovers(final)
    with _staging_lock(final.parent) as token:
        staging = final.parent / f"{STAGING_PREFIX}{token}"
        staged = open_site(request, site_dir=str(staging), strict=request.strict)
        try:
            with mkdocs_logging(request.verbose), staged.plugin.handling(request, checked=result), _sigterm_exits():
                mkdocs_build(staged.config)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise BuildFailed(f"the build failed: {exc}; the previous site was left as it was") from None
        _swap_in(staging, final, token)
    return Built(final, len(result.articles))


def remove_leftovers(final: Path) -> int:
    """Remove the staging folders that killed builds left next to ``final``; log how many (one line).

    A build killed by SIGKILL (or a power cut, an out-of-memory kill) cannot clean up,
    and its folder holds a whole site. A folder is a leftover when no process holds
    the lock of its ``.pid`` file: the kernel releases a lock when its process ends,
    however it ends, so a build running now (in another process, for another site
    next to this one) keeps its folder, and a reused pid cannot make a leftover look
    alive. A folder without a ``.pid`` file comes from a Briefings that made none.
    Where there is no ``flock`` (Windows), nothing is removed: no owner can be told.
    """
    if sys.platform == "win32":
        return 0
    parent = final.parent
    tokens = {
        entry.name.removeprefix(STAGING_PREFIX).removesuffix(LOCK_SUFFIX) for entry in parent.glob(f"{STAGING_PREFIX}*")
    }
    removed = 0
    for token in sorted(tokens):
        folder = parent / f"{STAGING_PREFIX}{token}"
        lock = parent / f"{STAGING_PREFIX}{token}{LOCK_SUFFIX}"
        try:
            fd: int | None = os.open(lock, os.O_RDONLY)
        except FileNotFoundError:
            fd = None
        except OSError:
            continue  # not ours to judge (another user's build, perhaps)
        try:
            if fd is not None and not _try_lock(fd):
                continue  # its build is running
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed += not folder.exists()
            with suppress(OSError):  # while holding its lock: no build can take it in between
                lock.unlink(missing_ok=True)
        finally:
            if fd is not None:
                os.close(fd)
    if removed:
        shown = os.path.relpath(final)
        log.warning(f"removed {plural(removed, 'folder')} left by interrupted builds next to {shown}/")
    return removed


@contextmanager
def _staging_lock(parent: Path) -> Iterator[str]:
    """A token for this build's staging folder, whose ``.pid`` file stays locked until the build ends.

    The ``.pid`` file is created (and locked) before the folder exists, and removed
    after the folder is swapped in or deleted. If :func:`remove_leftovers` in another
    process took the new file for a leftover in the instant before it was locked, it
    has removed it: this build then takes another token.
    """
    while True:
        token = uuid.uuid4().hex[:8]
        lock = parent / f"{STAGING_PREFIX}{token}{LOCK_SUFFIX}"
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        if sys.platform == "win32" or (_try_lock(fd) and os.fstat(fd).st_nlink > 0):
            break
        os.close(fd)
    try:
        os.write(fd, f"{os.getpid()}\n".encode())  # for people: which process builds into the folder
        yield token
    finally:  # the folder is gone (swapped in or deleted): the file may be unlocked first
        os.close(fd)
        with suppress(OSError):
            lock.unlink(missing_ok=True)


def _try_lock(fd: int) -> bool:
    """Lock ``fd`` exclusively without waiting; False when another open file holds the lock."""
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """SIGTERM ends the build as Ctrl-C does, so the staging folder is removed (exit status 143).

    Python's default for SIGTERM (what ``kill``, CI timeouts and container stops
    send) ends the process on the spot, leaving a staging folder of tens of MB.
    Only the main thread may set a handler: elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back until the block ends: between the two renames of a swap there is no site."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap_in(staging: Path, final: Path, token: str) -> None:
    """Replace ``final`` by ``staging`` with two renames; the old site is deleted last, in the background.

    Deleting 10,000 page folders takes about a second, and nothing waits for it:
    a separate process does it while the command returns. A deletion that was
    killed leaves a ``.briefings-old-*`` folder, which the next deletion takes along.
    """
    retired = final.parent / f"{RETIRED_PREFIX}{token}"
    if final.exists():
        with _signals_held():
            final.rename(retired)
            staging.rename(final)
    else:
        staging.rename(final)
    remove_in_background(final.parent.glob(f"{RETIRED_PREFIX}*"))


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
