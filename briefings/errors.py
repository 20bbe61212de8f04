"""The one family of errors that reach the user: each prints itself and exits with status 1.

They are :class:`click.ClickException` subclasses, so a command only raises one
and click prints it (no traceback) and exits. Problems found in articles are not
exceptions: they are :class:`briefings.model.Problem` values, collected and
printed as ``path:line: error: message`` before any of these is raised.
"""

from __future__ import annotations

from typing import IO

import click


class BriefingsError(click.ClickException):
    """Something stopped a command; printed as ``error: <message>`` on standard error."""

    exit_code = 1

    def format_message(self) -> str:
        return f"error: {self.message}"

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class SiteError(BriefingsError):
    """The site cannot be opened (no ``mkdocs.yml``, a bad option…).

    The message already says where, as ``mkdocs.yml:LINE: error: …`` lines
    (``mkdocs.yml: error: …`` when the problem is in no particular line).
    """

    def format_message(self) -> str:
        return self.message


class ArticlesRejected(BriefingsError):
    """The check found errors (or warnings under ``--strict``): nothing was built or published."""

    def format_message(self) -> str:
        return self.message


class BuildFailed(BriefingsError):
    """The build did not finish; the previous site is untouched."""


class DeployRefused(BriefingsError):
    """Deploying now would publish something else than the repository holds, or could not run."""


class InitRefused(BriefingsError):
    """``briefings init`` cannot create a site in that folder."""
