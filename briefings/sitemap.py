"""``sitemap.xml`` and ``sitemap.xml.gz`` for every page of the site, written by Briefings.

MkDocs makes its sitemap from the pages it rendered in this build; with the page
cache most pages are restored rather than rendered, so the plugin lists them all
itself. The format is MkDocs' own (``<loc>``, ``<lastmod>``); ``lastmod`` is
the date of the newest content a page shows, so two builds of the same input
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import urls


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its URL relative to the site root (``2024/11/25/``) and its content date (``2024-11-25``)."""

    url: str
    lastmod: str | None = None


def sitemap_xml(entries: Iterable[SitemapEntry], site_url: str | None) -> str:
    """The sitemap: absolute URLs with ``site_url``, else paths from the site root (as MkDocs does)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in entries:
        location = urls.absolute(site_url, entry.url) if site_url else "/" + entry.url
        lines.append("    <url>")
        lines.append(f"         <loc>{escape(location)}</loc>")
        if entry.lastmod:
            lines.append(f"         <lastmod>{escape(entry.lastmod)}</lastmod>")
        lines.append("    </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, entries: list[SitemapEntry], site_url: str | None) -> None:
    """Write ``sitemap.xml`` and its gzip twin; the gzip header's time is the newest ``lastmod``."""
    data = sitemap_xml(entries, site_url).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(data)
    newest = max((e.lastmod for e in entries if e.lastmod), default=None)
    # The gzip header holds a time from 1970 on; an archive of older news gets 0 (unknown) there.
    stamp = max(0, int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())) if newest else 0
    with (
        open(site_dir / "sitemap.xml.gz", "wb") as file,
        gzip.GzipFile(fileobj=file, filename="sitemap.xml.gz", mode="wb", mtime=stamp) as compressed,
    ):
        compressed.write(data)
