"""``email``: write the email edition of one briefing (HTML, plain text, .eml) for a sending service.

Nothing is sent: the files are handed to listmonk, Buttondown, Mailchimp or Amazon SES
by the user (see the README). The articles are checked first, as for a build.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import ArticlesRejected, BriefingsError
from ..group import Briefing, SiteModel, group_articles
from ..load import load_articles
from ..newsletter import EditionWriter, build_message, write_edition
from ..plugin.plugin import site_template_dirs
from ..request import BuildRequest
from .build import Report
from .site import open_site

LATEST = "latest"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
NEAREST_SHOWN = 3


def write_email(request: BuildRequest, day: str | None, out_dir: Path, report: Report) -> list[Path]:
    """Check the articles, pick the briefing of ``day`` (``latest`` or ``YYYY-MM-DD``), write its three files.

    Returns the paths written: ``briefing-YYYY-MM-DD.html``, ``.txt`` and ``.eml``.
    """
    site = open_site(request)
    settings = site.settings
    if not settings.site_url:
        raise BriefingsError(
            f"{site.config_file.name}: site_url is not set: the email edition links to the site with absolute URLs"
        )
    loaded = load_articles(settings)
    if loaded.problems:
        report(loaded)
    refusal = loaded.refusal(request.strict)
    if refusal:
        raise ArticlesRejected(f"No email was written because of {refusal}.")
    model = group_articles(loaded.articles, settings, loaded.topics)
    briefing = pick_briefing(model, day)
    writer = EditionWriter(model, site_template_dirs(site.config))
    edition = writer.edition(briefing)
    message = build_message(edition, sender=settings.email.sender, site_name=settings.site_name)
    return write_edition(edition, message, out_dir)


def pick_briefing(model: SiteModel, day: str | None) -> Briefing:
    """The latest briefing, or the one holding ``day`` (for week and month periods, any of its days).

    Raises :class:`BriefingsError` for a malformed day, or a day without a briefing (naming the nearest ones).
    """
    if not model.briefings:
        raise BriefingsError("there is no briefing to send: the site has no published articles")
    text = (day or LATEST).strip()
    if text.lower() == LATEST:
        return model.briefings[0]
    wanted = _parse_day(text)
    for briefing in model.briefings:
        if briefing.start <= wanted <= briefing.end:
            return briefing
    nearest = sorted(model.briefings, key=lambda b: (abs((b.start - wanted).days), b.start))[:NEAREST_SHOWN]
    shown = ", ".join(b.start.isoformat() for b in sorted(nearest, key=lambda b: b.start))
    raise BriefingsError(f"no briefing holds {wanted.isoformat()}; the nearest: {shown} (or 'latest')")


def _parse_day(text: str) -> dt.date:
    if _DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise BriefingsError(f"DAY must be 'latest' or a date such as 2024-11-25, found {text!r}")
