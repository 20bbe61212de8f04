"""``briefings init DIR``: create a new, working briefing site from ``briefings/scaffold/``.

The scaffold folder is the one source of every file a new site gets (the GitHub
Pages workflow included: the repository's own ``.github/workflows/publish.yml`` is
a copy, and a test keeps them identical). Files ending in ``.tmpl`` are filled in
with :class:`string.Template` (``${site_name}``…) and lose the suffix; ``gitignore``
becomes ``.gitignore`` (a real ``.gitignore`` inside the package would apply to the
package itself); the example article is written under ``content/YYYY/MM/``, dated now
in the site's time zone.

The new ``mkdocs.yml`` has ``site_url: !ENV [SITE_URL, https://example.github.io/<dir>/]``:
a real URL, so ``briefings build --strict`` works at once and the feeds exist; the
publish workflow sets ``SITE_URL`` to the real GitHub Pages address.

``requirements.txt`` says where the workflow gets Briefings from. Briefings is on no
package index, so a bare ``briefings==0.1.0`` would fail on the first push: the line
comes from ``--briefings-requirement`` or from how this copy of Briefings was
installed (PEP 610's ``direct_url.json``); see :class:`BriefingsRequirement`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from . import __version__
from .errors import InitRefused
from .render import markdown_text
from .settings import ConfigError, parse_timezone
from .text import slugify

SCAFFOLD = "scaffold"
#: The host of the placeholder ``site_url`` a new site gets; ``deploy`` refuses to publish with it.
PLACEHOLDER_SITE_HOST = "example.github.io"
EXAMPLE_ARTICLE = "content/example.md.tmpl"
RENAMED = {"gitignore": ".gitignore"}


@dataclass(frozen=True)
class NewSite:
    """What ``init`` needs to know about the site it creates."""

    folder: Path
    site_name: str
    timezone: ZoneInfo
    now: dt.datetime  # aware, in ``timezone``

    @property
    def slug(self) -> str:
        return slugify(self.folder.name) or "briefing"

    @property
    def site_url(self) -> str:
        return f"https://{PLACEHOLDER_SITE_HOST}/{self.slug}/"

    @property
    def article_path(self) -> str:
        """``content/2024/11/2024-11-25-welcome.md``: where ``briefings import`` would put it."""
        return f"content/{self.now:%Y/%m}/{self.now:%Y-%m-%d}-welcome.md"

    def values(self) -> dict[str, str]:
        """The ``${…}`` values of the templates; ``*_yaml`` ones are quoted for YAML (JSON strings are YAML)."""
        description = f"{self.site_name}: a daily briefing of curated news, grouped by topic."
        summary = (
            f"How {self.site_name} works: one Markdown file per article, one page per day, published with one command."
        )
        return {
            "site_name": self.site_name,
            # Markdown pages show the name as text: HTML and Markdown syntax in it are escaped.
            "site_name_markdown": str(markdown_text(self.site_name)),
            "site_name_yaml": json.dumps(self.site_name, ensure_ascii=False),
            "site_description_yaml": json.dumps(description, ensure_ascii=False),
            "site_url_yaml": json.dumps(self.site_url),
            "timezone": json.dumps(self.timezone.key),
            "date": self.now.strftime("%Y-%m-%d %H:%M"),
            "article_title_yaml": json.dumps(f"Welcome to {self.site_name}", ensure_ascii=False),
            "summary_yaml": json.dumps(summary, ensure_ascii=False),
        }


# --- requirements.txt: where GitHub gets Briefings from ----------------------------------

#: What ``requirements.txt`` holds when no usable origin is known: an address on the
#: reserved ``.invalid`` domain (RFC 2606), so pip can never fetch something else in its
#: place; the workflow looks for it and stops with a message naming the file.
PLACEHOLDER_REQUIREMENT = "briefings @ https://replace-me.invalid/where-github-gets-briefings"
EXAMPLE_REQUIREMENT = f"git+https://github.com/OWNER/briefings@v{__version__}"
REACHABLE_SCHEMES = ("https", "http")  # what a GitHub runner fetches without credentials
_URL_START = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_NAMED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(@|[=<>!~]|;|$)")


@dataclass(frozen=True)
class BriefingsRequirement:
    """The line of ``requirements.txt`` that installs Briefings on GitHub, and why it is that line.

    ``problem`` is set when no line GitHub can install is known (Briefings runs from a
    local folder or file): ``line`` is then :data:`PLACEHOLDER_REQUIREMENT` and ``init``
    warns, instead of writing a requirement that fails on the first push.
    """

    line: str  # e.g. "briefings @ git+https://github.com/o/briefings@<commit>"
    origin: str  # for the comment above it: where the line comes from
    problem: str | None = None

    def text(self) -> str:
        """The comment and requirement lines of ``requirements.txt`` (after its header)."""
        if self.problem is None:
            return f"# {self.origin}\n{self.line}"
        return (
            f"# TO DO: {self.problem}.\n"
            "# Replace the placeholder line below with a requirement GitHub can install, e.g. a tag\n"
            "# or commit of the repository you got Briefings from:\n"
            f"#   briefings @ {EXAMPLE_REQUIREMENT}\n"
            '# Until then the workflow stops at its "Install Briefings" step, naming this file.\n'
            f"{self.line}"
        )

    def warning(self) -> str | None:
        """What ``init`` prints when the line is the placeholder: the problem and the two ways out."""
        if self.problem is None:
            return None
        return (
            f"requirements.txt: {self.problem}, so the publish workflow cannot install it yet. "
            f"Replace its placeholder line with a requirement GitHub can install, e.g. "
            f"'briefings @ {EXAMPLE_REQUIREMENT}' (a tag or commit of the repository Briefings comes from; "
            "'briefings init --briefings-requirement' writes it for you)."
        )


def _placeholder(problem: str) -> BriefingsRequirement:
    return BriefingsRequirement(PLACEHOLDER_REQUIREMENT, "placeholder", problem)


def _without_credentials(url: str) -> str:
    """``https://user:token@host/…`` → ``https://host/…``: requirements.txt is committed, often in public."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def requirement_from_direct_url(direct_url: Mapping[str, Any] | None, version: str) -> BriefingsRequirement:
    """The requirement that reinstalls this copy of Briefings elsewhere, from its PEP 610 record.

    No record: installed from a package index, so ``briefings==VERSION``. A VCS
    checkout or an archive at an http(s) address: that address, pinned to the
    installed commit (or the archive's hash). A local folder, editable or not, a
    ``file:`` archive or an ssh VCS address: GitHub's runner cannot reach it, so the
    placeholder, and the problem says why.
    """
    if direct_url is None:
        return BriefingsRequirement(f"briefings=={version}", f"Briefings {version}, from the package index")
    url = str(direct_url.get("url", ""))
    scheme = urlsplit(url).scheme
    vcs_info = direct_url.get("vcs_info")
    archive_info = direct_url.get("archive_info")
    if isinstance(vcs_info, Mapping):
        vcs = str(vcs_info.get("vcs", "git"))
        commit = str(vcs_info.get("commit_id", ""))
        requested = vcs_info.get("requested_revision")
        address = f"{vcs}+{_without_credentials(url)}"
        if scheme not in REACHABLE_SCHEMES or not commit:
            return _placeholder(f"Briefings was installed from {address}, which GitHub cannot fetch")
        asked = f"@{requested}" if requested else ""
        return BriefingsRequirement(
            f"briefings @ {address}@{commit}",
            f"Briefings {version}, from {address}{asked} (the commit `briefings init` ran with)",
        )
    if isinstance(archive_info, Mapping):
        if scheme not in REACHABLE_SCHEMES:
            return _placeholder("Briefings was installed from a file on this computer, which GitHub cannot fetch")
        hashes = archive_info.get("hashes")
        sha256 = hashes.get("sha256") if isinstance(hashes, Mapping) else None
        legacy = str(archive_info.get("hash", ""))  # PEP 610's older "sha256=<hex>" form
        fragment = f"#sha256={sha256}" if sha256 else (f"#{legacy}" if legacy.startswith("sha256=") else "")
        address = _without_credentials(url)
        return BriefingsRequirement(f"briefings @ {address}{fragment}", f"Briefings {version}, from {address}")
    if isinstance(direct_url.get("dir_info"), Mapping):
        return _placeholder("Briefings is installed from a folder on this computer, which GitHub cannot install from")
    return _placeholder("where Briefings was installed from is not known")


def installed_requirement() -> BriefingsRequirement:
    """:func:`requirement_from_direct_url` for the Briefings that is running.

    Several ``briefings`` distributions can be visible (a leftover ``briefings.egg-info``
    of a source folder on ``sys.path``, next to the installed one): the first that has a
    PEP 610 record is the installed one; if none has, it came from a package index.
    """
    found = list(metadata.distributions(name="briefings"))
    if not found:
        return _placeholder("Briefings is not installed as a package (it runs from its source folder)")
    for distribution in found:
        record = distribution.read_text("direct_url.json")
        if record is None:
            continue
        try:
            direct_url = json.loads(record)
        except ValueError:
            direct_url = None
        if not isinstance(direct_url, dict):
            return _placeholder("where Briefings was installed from is not known (its direct_url.json is unreadable)")
        return requirement_from_direct_url(direct_url, distribution.version)
    return requirement_from_direct_url(None, found[0].version)


def _looks_like_a_path(text: str) -> bool:
    """``../briefings``, ``dist/briefings-0.1.0-py3-none-any.whl``, ``C:\\src``: a file, not a project name."""
    return "/" in text or "\\" in text or text.startswith((".", "~")) or text.endswith((".whl", ".tar.gz", ".zip"))


def requirement_from_option(text: str) -> BriefingsRequirement:
    """``--briefings-requirement``: a requirement or a bare address; :class:`InitRefused` if GitHub cannot use it.

    A bare address (``git+https://…@v0.1.0``) is written as ``briefings @ <address>``
    (PEP 508). Refused: several lines, pip options (``-e …``), local paths and
    ``file:`` addresses (the runner has none of this computer's files), and a
    requirement naming another project.
    """
    given = text.strip()
    option = "--briefings-requirement"
    if not given or "\n" in given or "\r" in given:
        raise InitRefused(f"{option}: give one requirement on one line, e.g. '{EXAMPLE_REQUIREMENT}'")
    if given.startswith("-"):
        raise InitRefused(f"{option}: '{given}' is a pip option; give a requirement, e.g. '{EXAMPLE_REQUIREMENT}'")
    local = InitRefused(
        f"{option}: '{given}' is on this computer, which GitHub cannot install from; "
        f"give an address it can reach, e.g. '{EXAMPLE_REQUIREMENT}'"
    )
    if _URL_START.match(given):
        line, address = f"briefings @ {given}", given
    else:
        named = _NAMED.match(given)
        name = re.sub(r"[-_.]+", "-", named.group(1)).lower() if named else None
        if named is None or (name != "briefings" and _looks_like_a_path(given)):
            raise local
        if name != "briefings":
            raise InitRefused(f"{option}: '{given}' names the project '{named.group(1)}', not briefings")
        line = given
        address = given.partition("@")[2].strip() if named.group(2) == "@" else ""
    if address and urlsplit(address.split(";")[0].strip()).scheme.rpartition("+")[2] == "file":
        raise local
    return BriefingsRequirement(line, "Briefings, as given to `briefings init --briefings-requirement`")


def site_name_from(folder: Path) -> str:
    """``my-world_briefing`` → ``My World Briefing`` (the rest of each word kept as written)."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Briefing"


def scaffold_files(root: Traversable | None = None, prefix: str = "") -> list[tuple[str, Traversable]]:
    """Every file of the scaffold, as ``(path inside the scaffold, resource)``, sorted."""
    root = root if root is not None else resources.files("briefings").joinpath(SCAFFOLD)
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        path = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(scaffold_files(entry, f"{path}/"))
        else:
            found.append((path, entry))
    return found


def target_path(source: str, site: NewSite) -> str:
    """Where a scaffold file lands in the new site."""
    if source == EXAMPLE_ARTICLE:
        return site.article_path
    folder, _, name = source.rpartition("/")
    name = RENAMED.get(name, name.removesuffix(".tmpl"))
    return f"{folder}/{name}" if folder else name


def create_site(
    folder: Path,
    *,
    timezone: str = "UTC",
    site_name: str | None = None,
    now: dt.datetime | None = None,
    requirement: BriefingsRequirement | None = None,
) -> list[Path]:
    """Write a new site into ``folder`` (missing or empty); return the files written.

    ``requirement``: what ``requirements.txt`` installs Briefings with (default:
    :func:`installed_requirement`).
    """
    if folder.exists() and not folder.is_dir():
        raise InitRefused(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitRefused(f"{folder} is not empty: choose a new or empty folder (nothing was written)")
    try:
        zone = parse_timezone(timezone)
    except ConfigError as exc:
        raise InitRefused(f"--timezone: {exc}") from None
    moment = (now or dt.datetime.now(zone)).astimezone(zone).replace(second=0, microsecond=0)
    site = NewSite(folder, site_name or site_name_from(folder), zone, moment)
    values = {**site.values(), "briefings_requirement": (requirement or installed_requirement()).text()}
    written = []
    for source, resource in scaffold_files():
        path = folder / target_path(source, site)
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.endswith(".tmpl"):
            path.write_text(Template(resource.read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
        else:
            path.write_bytes(resource.read_bytes())
        written.append(path)
    return written
