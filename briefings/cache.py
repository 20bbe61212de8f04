"""The build cache, ``.cache/briefings/`` next to ``mkdocs.yml``: outputs of earlier builds by input hash.

An entry is a folder named by the SHA-256 of everything that made it, so a
changed input can never find a stale entry: it finds none. Entries are written
to a temporary folder and renamed into place with a ``.complete`` marker last, so
a build killed halfway leaves no half entry that a later build would trust. A
cache written by another format of this code is ignored with a warning and
replaced; entries a build did not use are removed at its end, so the cache holds
one build's worth of outputs.

It holds three kinds of output, each keyed so that it can only be found by
exactly the inputs that made it:

* ``articles.pickle`` (:class:`ArticleCache`): each article file as the loader
  validated it (the article and its problems), keyed by the file's bytes, its
  path, the settings validation reads, and the Briefings code. A pickle, like
  Sphinx's ``environment.pickle``: the cache is as trusted as the site's own files.
* ``pages/<variant>/`` (:class:`PageCache`): the finished HTML of generated
  pages, keyed by everything that makes a page (see :mod:`briefings.plugin.incremental`).
* ``search/`` (:class:`BuildCache`): the Pagefind search bundles.

``briefings build --clean`` restores nothing from it (and refills it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.briefings")

#: Below the folder of ``mkdocs.yml``; keep it between runs (the publish workflow does).
CACHE_DIR = ".cache/briefings"
#: Bumped whenever what an entry holds, or how its key is made, changes.
FORMAT = 2
_MARKER = ".complete"
_STAMP = "cache.json"


def digest(*parts: object) -> str:
    """The key of an entry: SHA-256 of its inputs as canonical JSON."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of the Briefings package itself (code, templates, theme): any change to it invalidates every entry.

    Content, not the version number, so that an edited checkout never reuses
    what the previous code made; about 100 small files, read once per process.
    """
    package = Path(__file__).parent
    hasher = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


def open_root(root: Path) -> None:
    """Create the cache folder; a cache of another format (or not a cache at all) is emptied, with a warning."""
    stamp = root / _STAMP
    try:
        found = json.loads(stamp.read_text(encoding="utf-8"))["format"] if stamp.exists() else None
    except (OSError, ValueError, KeyError, TypeError):
        found = "unreadable"
    if found == FORMAT:
        return
    if found is not None or (root.exists() and any(root.iterdir())):
        log.warning(f"{root} is not a cache of this version of Briefings ({found!r}): it is ignored and rebuilt")
        shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"format": FORMAT}) + "\n", encoding="utf-8")


class BuildCache:
    """One kind of cached output made of folders (``search``…) below a cache folder."""

    def __init__(self, root: Path, kind: str, *, reuse: bool = True) -> None:
        """``reuse=False`` (``--clean``): nothing is restored, but what the build makes is kept for the next one."""
        self.folder = root / kind
        self.reuse = reuse
        self.used: set[str] = set()
        open_root(root)

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
        try:
            shutil.copytree(entry, target, dirs_exist_ok=True, copy_function=_link_or_copy, ignore=_ignore_marker)
        except (OSError, shutil.Error):  # removed meanwhile by a build that did not need it: made again
            return False
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
        self.used.add(key)
        # Another build of the same site (serve and build at once, parallel tests) may be
        # copying the entry this one replaces: entries are swapped whole, by renames, never
        # emptied in place (that left a copy without some files, marker included).
        replaced = self.folder / f".tmp-{uuid.uuid4().hex[:8]}"
        with suppress(OSError):  # when there is one
            entry.rename(replaced)
        try:
            temporary.rename(entry)
        except OSError:  # another build's came first: the same key, as good
            shutil.rmtree(temporary, ignore_errors=True)
        shutil.rmtree(replaced, ignore_errors=True)

    def prune(self) -> None:
        """Remove the entries this build did not use, and temporary folders of killed builds."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self.used and not _in_progress(entry):
                shutil.rmtree(entry, ignore_errors=True)


class PageCache:
    """Finished HTML pages by key, one file each: ``pages/<variant>/<key[:2]>/<key>.html``.

    It also remembers, in ``pages/inputs.json``, which page source each set of
    render inputs gave (:meth:`source_of`), so that a page whose inputs are
    unchanged need not even be rendered to Markdown to be found.

    A *variant* is one combination of site-wide inputs (theme, ``mkdocs.yml``,
    ``docs/``, versions, ``site_url``): ``briefings build`` and ``briefings serve``
    (whose ``site_url`` is the local address) each keep theirs, and only the two
    most recently used variants are kept. An entry is written under a temporary
    name and renamed, so a killed build never leaves half a page under a key.
    Entries are read-only files, and are put into the site as hard links
    (copies with ``copy=True``, or across file systems).
    """

    #: How many variants stay in the cache (the newest by use).
    VARIANTS_KEPT = 2
    INPUTS = "inputs.json"

    def __init__(self, root: Path, *, reuse: bool = True, copy: bool = False) -> None:
        """Open the cache; :meth:`use_variant` must be called before pages are looked up or stored."""
        self.base = root / "pages"
        self.folder = self.base / "unset"
        self.reuse = reuse
        self.copy = copy
        self.used: set[str] = set()
        open_root(root)
        self.base.mkdir(parents=True, exist_ok=True)
        self.sources: dict[str, str] = self._read_inputs() if reuse else {}
        self.sources_used: dict[str, str] = {}
        #: The keys of the variant's entries, listed on the first :meth:`has`.
        self._present: set[str] | None = None

    def _read_inputs(self) -> dict[str, str]:
        path = self.base / self.INPUTS
        if not path.is_file():
            return {}
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            found = exc
        if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
            log.warning(f"{path} could not be read: it is ignored and rebuilt (every page is rendered again)")
            return {}
        return found

    def use_variant(self, variant: str) -> None:
        self.folder = self.base / variant
        self.folder.mkdir(parents=True, exist_ok=True)
        os.utime(self.folder)  # the variant's last use, for pruning
        self._present = None

    def source_of(self, inputs: str) -> str | None:
        """The source digest that render inputs ``inputs`` gave in an earlier build, if any."""
        return self.sources.get(inputs)

    def remember(self, inputs: str, source: str) -> None:
        self.sources_used[inputs] = source

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def has(self, key: str) -> bool:
        """Whether the page ``key`` can be restored."""
        if not self.reuse:
            return False
        if self._present is None:  # one listing of the variant's 256 shards, not a stat for every page
            self._present = {
                entry.name.removesuffix(".html")
                for shard in os.scandir(self.folder)
                if shard.is_dir()
                for entry in os.scandir(shard.path)
                if entry.name.endswith(".html") and not entry.name.startswith(".")
            }
        return key in self._present

    def restore_all(self, pages: Iterable[tuple[str, str | Path]]) -> None:
        """Put each entry ``key`` at ``target`` (which must not exist yet).

        On plain strings, and each folder made once: this runs for every page of a rebuild.
        """
        folder = os.fspath(self.folder)
        made: set[str] = set()
        for key, target in pages:
            source, destination = f"{folder}/{key[:2]}/{key}.html", os.fspath(target)
            parent = os.path.dirname(destination)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            if self.copy:
                shutil.copyfile(source, destination)
            else:
                _link_or_copy(source, destination)
            self.used.add(key)

    def mark_used(self, keys: Iterable[str]) -> None:
        """Keep these entries at :meth:`prune`: pages that are in the site already (``serve`` keeps them)."""
        self.used.update(keys)

    def store(self, key: str, html: bytes) -> None:
        """Keep ``html`` as entry ``key``."""
        path = self._path(key)
        self.used.add(key)
        if path.is_file():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".tmp-{uuid.uuid4().hex[:8]}")
        with open(temporary, "wb") as file:
            file.write(html)
        # Read-only: a site file is a hard link to it, and a tool writing into that file
        # in place would otherwise change the cached page too.
        os.chmod(temporary, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(temporary, path)
        if self._present is not None:
            self._present.add(key)

    def prune(self) -> None:
        """Remove this variant's entries the build did not use, and the variants least recently used.

        ``inputs.json`` keeps this build's entries, and as many earlier ones (the
        other variant's, ``serve``'s or ``build``'s) as room allows.
        """
        kept = dict(self.sources_used)
        for inputs, source in self.sources.items():
            if len(kept) >= 2 * len(self.sources_used) + 100:
                break
            kept.setdefault(inputs, source)
        temporary = self.base / f".tmp-{uuid.uuid4().hex[:8]}.json"
        temporary.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(temporary, self.base / self.INPUTS)
        for shard in self.folder.iterdir():
            for path in shard.iterdir() if shard.is_dir() else ():
                if (path.stem not in self.used or path.name.startswith(".tmp-")) and not _in_progress(path):
                    path.unlink(missing_ok=True)
        variants = sorted((p for p in self.base.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in [v for v in variants if v != self.folder][self.VARIANTS_KEPT - 1 :]:
            shutil.rmtree(stale, ignore_errors=True)


class ArticleCache:
    """What the loader made of each article file: ``(article or None, problems)`` by the file's bytes.

    ``context`` names everything else validation reads (the settings it uses,
    the Briefings code); a cache saved under another context is not used. Only
    the entries looked up or added since opening are saved, so deleted and
    edited files drop out.
    """

    FILE = "articles.pickle"
    #: A file changed this recently before a load may change again within the same timestamp
    #: (1–2 s on some file systems): its key is not remembered by its metadata (see :meth:`key_by_stat`).
    RACY_SECONDS = 2.0

    def __init__(self, root: Path, context: str, *, reuse: bool = True) -> None:
        self.path = root / self.FILE
        self.context = context
        self.root = root
        self.saved: dict[str, Any] = self._read() if reuse else {}
        self.current: dict[str, Any] = {}
        #: In memory only (``serve`` keeps the cache between builds): path → (file metadata, key).
        self._by_stat: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        self._load_started = time.time()
        #: ``serve`` writes the file after its first load and when it stops (:meth:`write`), not after
        #: every save: pickling 10,000 articles takes 0.15–0.35 s, and a file left unwritten (serve
        #: killed) only means re-reading the files saved since.
        self.write_later = False
        self._unwritten = False

    def _read(self) -> dict[str, Any]:
        if not self.path.is_file():
            return {}
        try:
            with open(self.path, "rb") as file:
                context, entries = pickle.load(file)
        except Exception as exc:  # noqa: BLE001 - any unreadable cache is ignored, never trusted
            log.warning(f"{self.path} could not be read ({type(exc).__name__}): it is ignored and rebuilt")
            return {}
        return entries if context == self.context and isinstance(entries, dict) else {}

    @staticmethod
    def key(path: str, data: bytes) -> str:
        return f"{path}\0{hashlib.sha256(data).hexdigest()}"

    def start_load(self) -> None:
        """A load begins: files changed from now on are racy for :meth:`remember_stat`."""
        self._load_started = time.time()

    def key_by_stat(self, path: str, info: os.stat_result) -> str | None:
        """The key of ``path`` as an earlier load of this process read it, if its metadata is unchanged.

        ``serve`` loads every article after each save; this spares reading and hashing the
        files no save touched. Metadata means inode, size, modification and change times: any
        write changes the change time, which no tool can set back. As git does for its index,
        a file changed shortly before the load that read it is never trusted by its metadata.
        """
        known = self._by_stat.get(path)
        return known[1] if known is not None and known[0] == _signature(info) else None

    def remember_stat(self, path: str, info: os.stat_result, key: str) -> None:
        changed = max(info.st_mtime_ns, info.st_ctime_ns) / 1e9
        if changed < self._load_started - self.RACY_SECONDS:
            self._by_stat[path] = (_signature(info), key)
        else:
            self._by_stat.pop(path, None)

    def get(self, key: str) -> Any | None:
        """The entry saved for ``key`` by an earlier load, or None."""
        entry = self.saved.get(key)
        if entry is not None:
            self.current[key] = entry
        return entry

    def put(self, key: str, entry: Any) -> None:
        self.current[key] = entry

    def save(self) -> None:
        """Write the entries of this load (atomically), and start the next load from them.

        A cache that cannot be written only makes the next build slower.
        """
        current, self.current = self.current, {}
        if current.keys() == self.saved.keys():
            return  # nothing was added or dropped: the file on disk holds this already
        self.saved = current
        self._unwritten = True
        if not self.write_later:
            self.write()

    def write(self) -> None:
        """Write what the last :meth:`save` kept in memory, if it is not on disk yet."""
        if not self._unwritten:
            return
        self._unwritten = False
        temporary = self.path.with_name(f".tmp-{uuid.uuid4().hex[:8]}")
        try:
            open_root(self.root)
            with open(temporary, "wb") as file:
                pickle.dump((self.context, self.saved), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except (OSError, RecursionError, pickle.PicklingError) as exc:
            temporary.unlink(missing_ok=True)
            log.warning(f"the article cache {self.path} could not be written ({type(exc).__name__}: {exc})")


#: A temporary entry younger than this may belong to a build still running (of the same site, in
#: another process): pruning it would leave that build a partial entry. Older ones were killed.
_IN_PROGRESS_SECONDS = 3600


def _in_progress(path: Path) -> bool:
    """A ``.tmp-`` entry that another build may still be writing."""
    if not path.name.startswith(".tmp-"):
        return False
    try:
        return time.time() - path.stat().st_mtime < _IN_PROGRESS_SECONDS
    except OSError:
        return True  # gone already


def _signature(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _link_or_copy(source: str, target: str) -> None:
    """Hard-link a file (nothing is ever modified in place), or copy it across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _ignore_marker(folder: str, names: list[str]) -> list[str]:
    return [_MARKER] if _MARKER in names else []


_REMOVE_FOLDERS = "import shutil, sys; [shutil.rmtree(p, ignore_errors=True) for p in sys.argv[1:]]"


def remove_in_background(paths: Iterable[Path]) -> None:
    """Delete folders in a separate process that outlives the caller; here and now if it cannot start.

    Deleting the 10,000 page folders of a large site takes a second or two that
    nothing needs to wait for.
    """
    doomed = [str(path) for path in paths]
    if not doomed:
        return
    try:
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _REMOVE_FOLDERS,
                *doomed,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        for path in doomed:
            shutil.rmtree(path, ignore_errors=True)
