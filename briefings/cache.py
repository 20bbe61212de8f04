"""The build cache, ``.cache/briefings/`` next to ``mkdocs.yml``: outputs of earlier builds by input hash.

An entry is a folder named by the SHA-256 of everything that made it, so a
changed input can never find a stale entry: it finds none. Entries are written
to a temporary folder and renamed into place with a ``.complete`` marker last, so
a build killed halfway leaves no half entry that a later build would trust. A
cache written by another format of this code is ignored with a warning and
replaced; entries a build did not use are removed at its end, so the cache holds
one build's worth of outputs.

Today it holds the search bundles (the slowest step of a rebuild: Pagefind
re-indexes every word); ``briefings build --clean`` ignores it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.briefings")

#: Below the folder of ``mkdocs.yml``; keep it between runs (the publish workflow does).
CACHE_DIR = ".cache/briefings"
#: Bumped whenever what an entry holds, or how its key is made, changes.
FORMAT = 1
_MARKER = ".complete"
_STAMP = "cache.json"


def digest(*parts: object) -> str:
    """The key of an entry: SHA-256 of its inputs as canonical JSON."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class BuildCache:
    """One kind of cached output (``search``…) below a cache folder."""

    def __init__(self, root: Path, kind: str, *, reuse: bool = True) -> None:
        """``reuse=False`` (``--clean``): nothing is restored, but what the build makes is kept for the next one."""
        self.folder = root / kind
        self.reuse = reuse
        self.used: set[str] = set()
        self._check_stamp(root)

    def _check_stamp(self, root: Path) -> None:
        stamp = root / _STAMP
        try:
            found = json.loads(stamp.read_text(encoding="utf-8"))["format"] if stamp.exists() else None
        except (OSError, ValueError, KeyError, TypeError):
            found = "unreadable"
        if found not in (None, FORMAT) or (found is None and root.exists() and any(root.iterdir())):
            log.warning(f"{root} is not a cache of this version of Briefings ({found!r}): it is ignored and rebuilt")
            shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps({"format": FORMAT}) + "\n", encoding="utf-8")

    def restore(self, key: str, target: Path) -> bool:
        """Copy entry ``key`` into ``target`` (hard links where possible); False when there is none."""
        entry = self.folder / key
        if not self.reuse:
            return False
        if not (entry / _MARKER).is_file():
            if entry.exists():  # a half-written entry: never trusted
                log.warning(f"incomplete cache entry {entry} is ignored")
                shutil.rmtree(entry, ignore_errors=True)
            return False
        shutil.copytree(entry, target, dirs_exist_ok=True, copy_function=_link_or_copy, ignore=_ignore_marker)
        self.used.add(key)
        return True

    def store(self, key: str, source: Path, leave_out: Iterable[str] = ()) -> None:
        """Keep a copy of ``source`` (except the top-level names ``leave_out``) as entry ``key``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        skipped = set(leave_out)
        temporary = self.folder / f".tmp-{uuid.uuid4().hex[:8]}"
        shutil.copytree(
            source,
            temporary,
            copy_function=_link_or_copy,
            ignore=lambda folder, names: [n for n in names if Path(folder) == source and n in skipped],
        )
        (temporary / _MARKER).touch()
        entry = self.folder / key
        shutil.rmtree(entry, ignore_errors=True)
        temporary.rename(entry)
        self.used.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use, and temporary folders of killed builds."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self.used:
                shutil.rmtree(entry, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    """Hard-link a file (nothing is ever modified in place), or copy it across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _ignore_marker(folder: str, names: list[str]) -> list[str]:
    return [_MARKER] if _MARKER in names else []
