"""``serve``: the previous preview's page folders are kept for the next build, not made again.

MkDocs empties ``site_dir`` before every build. On a site of 10,000 articles the
cached pages then went back into ~11,000 new folders, and making those folders
was the slowest step of a rebuild in ``serve`` (0.5–1 s here, nearly all of it
``mkdir``). Instead, the top-level folders that hold generated pages
(``articles/``, ``briefings/``, ``tags/``…) are moved out of ``site_dir`` before
MkDocs empties it, and back right after (:meth:`KeptFolders.set_aside`,
:meth:`KeptFolders.bring_back`). Then only what changed is touched:

* every other file the previous build left in those folders (an email edition, a
  topic feed, a redirect, another plugin's file), found by listing the folders
  after that build (:meth:`KeptFolders.remember`), is deleted: whatever made it
  makes it again;
* every generated page of the previous build that is now rendered, changed or
  gone is deleted, before MkDocs writes anything: a restored page is a hard link
  into the page cache, and must never be written into;
* only the cached pages that were not already there, under the same cache key,
  are linked in.

So the preview is what a fresh build makes (a test compares every file after
each kind of edit). After a failed build nothing is kept: the next one starts
from an empty folder, as MkDocs would.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class _LastPreview:
    """What the last build left in the folders it kept."""

    #: Every generated page it wrote (file in site_dir → its page cache key).
    pages: dict[str, str]
    #: The top-level folders holding them.
    folders: frozenset[str]
    #: The other files in those folders, listed after the build.
    others: list[str]


class KeptFolders:
    """The generated pages' folders of the last ``serve`` build, kept for the next one."""

    def __init__(self) -> None:
        self._last: _LastPreview | None = None
        self._listing: threading.Thread | None = None
        #: Where the folders wait while MkDocs empties site_dir (set_aside → bring_back).
        self._aside: Path | None = None

    def remember(self, site_dir: Path, pages: dict[str, str]) -> None:
        """After a build: the generated pages it wrote; the rest of their folders is listed in a thread.

        The thread runs while the browser reloads; the next build waits for it.
        """
        self.forget()
        folders = frozenset(dest.split("/", 1)[0] for dest in pages if "/" in dest)
        others: list[str] = []

        def list_others() -> None:
            for folder in folders:
                for parent, _, names in os.walk(site_dir / folder):
                    relative = os.path.relpath(parent, site_dir).replace(os.sep, "/")
                    others.extend(f"{relative}/{name}" for name in names if f"{relative}/{name}" not in pages)
            self._last = _LastPreview(pages, folders, others)

        self._listing = threading.Thread(target=list_others, name="briefings-preview-listing", daemon=True)
        self._listing.start()

    def forget(self) -> Path | None:
        """Keep nothing (a build failed); returns the folder still set aside, for the caller to delete."""
        self._wait_for_listing()
        self._last = None
        aside, self._aside = self._aside, None
        return aside

    def set_aside(self, site_dir: Path) -> None:
        """Before MkDocs empties ``site_dir``: move the kept folders next to it."""
        self._wait_for_listing()
        last = self._last
        if last is None:
            return
        aside = site_dir.with_name(f"{site_dir.name}.kept-{uuid.uuid4().hex[:8]}")
        aside.mkdir()
        for name in sorted(last.folders):
            folder = site_dir / name
            if folder.is_dir() and not folder.is_symlink():
                folder.rename(aside / name)
        self._aside = aside

    def _wait_for_listing(self) -> None:
        if self._listing is not None:
            self._listing.join()
            self._listing = None

    def bring_back(
        self, site_dir: Path, restoring: list[tuple[str, str]], generated: Container[str]
    ) -> list[tuple[str, str]]:
        """After MkDocs emptied ``site_dir``: put the folders back and delete what is stale.

        ``restoring`` are this build's cached pages (key, file in site_dir), ``generated``
        the files of all its generated pages. Returns the cached pages still to link.
        """
        aside, last = self._aside, self._last
        self._aside, self._last = None, None
        if aside is None or last is None:
            return restoring
        back = set()
        for entry in aside.iterdir():
            entry.rename(site_dir / entry.name)
            back.add(entry.name)
        aside.rmdir()
        for other in last.others:
            if other.split("/", 1)[0] in back:
                _remove(site_dir, other)
        wanted = {dest: key for key, dest in restoring}
        kept = set()
        for dest, key in last.pages.items():
            if dest.split("/", 1)[0] not in back:
                continue
            if wanted.get(dest) == key:
                kept.add(dest)
            else:  # rendered in this build (MkDocs writes it), changed, or gone
                _remove(site_dir, dest, empty_folders=dest not in generated)
        return [(key, dest) for key, dest in restoring if dest not in kept]


def _remove(site_dir: Path, file: str, *, empty_folders: bool = True) -> None:
    """Delete ``file`` (relative to ``site_dir``) and, unless told not to, the folders it leaves empty."""
    path = site_dir / file
    path.unlink(missing_ok=True)
    if not empty_folders:
        return
    parent = path.parent
    while parent != site_dir:
        try:
            parent.rmdir()
        except OSError:  # not empty
            return
        parent = parent.parent
