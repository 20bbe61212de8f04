"""Files an article points to: pictures and documents next to it in ``content/``, and other articles.

An editor writes links as any Markdown previewer (GitHub, an editor) resolves
them: relative to the article's own file. ``![Flood](images/flood.jpg)`` in
``content/2024/11/dam.md`` is ``content/2024/11/images/flood.jpg``, and
``[earlier](dam-report.md)`` is that other article. The ``image`` field may also
be written from the content folder (``images/flood.jpg`` when the article sits
in a sub-folder), as the importers of other generators do.

:func:`resolve_links` finds those links once per load (not cached: a picture may
appear or disappear without the article changing), and records on each article
where each one goes in the built site (:attr:`Article.links`):

* a file that is not an article is published at ``media/<its path below content/>``;
* an article's ``.md`` file becomes the URL of its page.

Links that lead nowhere are warnings naming the file and line; an ``image`` that
is not there is an error (it feeds every link preview of the article). Web
addresses, ``mailto:``, fragments, site-absolute paths and addresses of pages
(a path ending in ``/`` or without a file extension) are left as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from .fields import URL_SCHEME
from .model import Article, Problem, SiteSettings

MEDIA = "media/"  # where the content folder's files are published, below the site root

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Link targets in Markdown: inline links and images, reference definitions, and raw HTML attributes.
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)  # not [^1]: notes
_ATTRIBUTE = re.compile(r"""\b(?:src|href)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')""", re.IGNORECASE)


@dataclass(frozen=True)
class LinkTarget:
    """One link target as written in a body, and the line it is on (1 = the body's first line)."""

    start: int
    end: int
    text: str
    line: int


def link_targets(body: str) -> Iterator[LinkTarget]:
    """Every link target of a Markdown body, outside fenced code blocks, in order."""
    if "](" not in body and "]:" not in body and "=" not in body:
        return  # most bodies of a large archive: nothing to look at (this runs for every article, every build)
    if "```" not in body and "~~~" not in body:
        yield from _targets(body, 0, 1)
        return
    offset = 0
    fence: str | None = None
    chunks: list[tuple[int, int, str]] = []  # (offset, first line, text) of the parts outside code fences
    start, start_line = 0, 1
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        opening = _FENCE.match(line)
        if fence is None and opening:
            chunks.append((start, start_line, body[start:offset]))
            fence = opening.group(1)[0] * len(opening.group(1))
        elif fence is not None and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
            start, start_line = offset + len(line), number + 1
        offset += len(line)
    if fence is None:
        chunks.append((start, start_line, body[start:]))
    for base, first_line, text in chunks:
        yield from _targets(text, base, first_line)


def _targets(text: str, base: int, first_line: int) -> Iterator[LinkTarget]:
    """The link targets of ``text`` (no code fences in it), which starts at ``base`` on line ``first_line``."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(text):
            target = match.group(1)
            inner = 1 if target.startswith("<") else 0
            found.append((match.start(1) + inner, match.end(1) - inner, target[inner : len(target) - inner]))
    for match in _ATTRIBUTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        found.append((match.start(group), match.end(group), match.group(group)))
    for begin, end, target in sorted(found):
        yield LinkTarget(base + begin, base + end, target, first_line + text.count("\n", 0, begin))


def is_local(target: str) -> bool:
    """A relative link to a file: not a web address, a ``mailto:``, a fragment or a site-absolute path."""
    return bool(target) and not (URL_SCHEME.match(target) or target.startswith(("/", "#", "?")))


def _split(target: str) -> tuple[str, str]:
    """``images/a%20b.jpg#x`` → (``images/a b.jpg``, ``#x``)."""
    cut = min((i for i in (target.find("#"), target.find("?")) if i >= 0), default=len(target))
    return unquote(target[:cut]), target[cut:]


def resolve_links(articles: list[Article], settings: SiteSettings) -> tuple[list[Problem], dict[str, Path]]:
    """Set :attr:`Article.links` on every article; return the problems and the files to publish.

    The files are ``{"media/2024/11/images/flood.jpg": Path(...)}``: what the site
    serves at each ``media/`` address.
    """
    content = settings.content_dir.resolve()
    by_file: dict[Path, Article] = {}  # filled on the first link to an article: resolving 20,000 paths costs

    problems: list[Problem] = []
    media: dict[str, Path] = {}

    def locate(article: Article, path: str) -> tuple[str | None, str | None]:
        """(site path, None) for a file below content/, else (None, why not)."""
        folder = article.source_path.resolve().parent
        candidates = [folder / path]
        if article.image == path or path.startswith("content/"):
            candidates += [content / path, settings.root / path]
        for candidate in candidates:
            try:
                real = candidate.resolve()
                inside = real.relative_to(content)
            except (ValueError, OSError):
                continue
            if real.is_file():
                if real.suffix.lower() == ".md":
                    if not by_file:
                        by_file.update((a.source_path.resolve(), a) for a in articles)
                    linked = by_file.get(real)
                    if linked is None:
                        return None, f"'{path}' is not a published article"
                    return linked.url, None
                site_path = MEDIA + inside.as_posix()
                media[site_path] = real
                return site_path, None
        if any(_outside(c, content) for c in candidates[:1]):
            return None, f"'{path}' is outside the content folder: it is not published"
        return None, f"'{path}' is not a file in the content folder"

    for article in articles:
        links: dict[str, str] = {}
        if article.image and not URL_SCHEME.match(article.image):
            site_path, why = locate(article, article.image)
            if site_path is None:
                line = article.field_lines.get("image", article.line)
                problems.append(Problem(article.path, line, "error", f"field 'image': {why}", "image"))
            else:
                links[article.image] = site_path
        for target in link_targets(article.body):
            if not is_local(target.text) or target.text in links:
                continue
            path, _ = _split(target.text)
            if not path or path.endswith("/") or not posixpath.splitext(path)[1]:
                continue  # a page's address (``../../24/rates/``), not a file: left as written
            site_path, why = locate(article, path)
            if site_path is None:
                line = article.body_line + target.line - 1
                problems.append(Problem(article.path, line, "warning", f"a link leads nowhere: {why}", "body"))
            else:
                links[target.text] = site_path
        article.links = links
    return problems, media


def _outside(path: Path, content: Path) -> bool:
    try:
        path.resolve().relative_to(content)
    except ValueError:
        return True
    except OSError:
        return False
    return False


def published_body(article: Article) -> str:
    """The body with its links to content files rewritten to where the built site has them."""
    if not article.links:
        return article.body
    parts: list[str] = []
    last = 0
    for target in link_targets(article.body):
        site_path = article.links.get(target.text)
        if site_path is None:
            continue
        _, rest = _split(target.text)
        parts.append(article.body[last : target.start])
        parts.append(quote(relative_link(site_path, article.url), safe="/#?.-_~") + rest)
        last = target.end
    parts.append(article.body[last:])
    return "".join(parts)


def relative_link(site_path: str, page_url: str) -> str:
    """A link from the page at ``page_url`` (``articles/…/slug/``) to ``site_path``, working under any sub-path."""
    return posixpath.relpath(site_path, page_url.rstrip("/") or ".") + ("/" if site_path.endswith("/") else "")


def image_url(article: Article) -> str | None:
    """Where the article's picture is: its https URL, or its ``media/`` path from the site root."""
    if not article.image:
        return None
    return article.links.get(article.image, article.image)
