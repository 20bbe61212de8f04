"""The interface language: Briefings' own words (labels, headings, counts) in the site's language (no MkDocs).

Every interface string is written in English in the templates (``{{ _("Archive") }}``,
``ngettext(…)``) and in Python (:meth:`Messages.gettext`, :meth:`Messages.ngettext`,
:func:`N_` for constants); English is the source language, so it needs no catalogue.
The other languages are gettext catalogues, ``briefings/locale/<lang>/LC_MESSAGES/briefings.po``,
kept up to date by ``scripts/update-catalogues`` (pybabel extract + update).

The ``.po`` files are compiled when a build first asks for them: Babel reads the
catalogue and writes the ``.mo`` into memory (a few milliseconds, once per process).
So there is no compiled file to forget to regenerate, and the wheel carries the ``.po``
files only. Fuzzy entries are left out, as ``msgfmt`` does: a string whose translation
is only a guess is shown in English.

``theme.language`` picks the catalogue: ``fr``, ``fr-CA`` and ``fr_CA`` use French; a
language without a catalogue (``pt``, ``pt_BR``, ``ja``) and a code that is no language
at all get the English interface, and :func:`untranslated_warning` says so once a build.
"""

from __future__ import annotations

import gettext
import logging
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.core import Locale, UnknownLocaleError, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "briefings"
#: The language the msgids are written in: it has no catalogue of its own.
SOURCE_LANGUAGE = "en"

#: Not under MkDocs' ``mkdocs`` logger: MkDocs' ``--strict`` counts every warning there, and a
#: language without a catalogue is no mistake in the site (see :func:`untranslated_warning`).
log = logging.getLogger("briefings.i18n")


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name, which pybabel extracts by default
    """Mark a constant (a navigation label…) for extraction; it is translated where it is shown."""
    return message


def catalogue_languages() -> tuple[str, ...]:
    """The languages with a catalogue (``de``, ``es``, ``fr``…), from the files shipped in the package."""
    return tuple(sorted(path.parents[1].name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@dataclass(frozen=True)
class InterfaceLanguage:
    """What ``theme.language`` asked for and the catalogue that serves it."""

    requested: str  # as written in mkdocs.yml: ``fr_CA``, ``de``, ``pt``…
    catalogue: str  # ``fr``, ``de``, ``es``… or :data:`SOURCE_LANGUAGE` (no catalogue: the msgids)
    #: The Babel locale for dates and numbers: ``requested`` when Babel knows it, else English.
    locale: str

    @property
    def falls_back(self) -> bool:
        """True when the site asked for a language the interface does not speak (it is then English)."""
        asked = primary_language(self.requested)
        return self.catalogue == SOURCE_LANGUAGE and asked not in ("", SOURCE_LANGUAGE)


def primary_language(language: str) -> str:
    """``fr_CA`` / ``fr-CA`` / ``FR`` → ``fr``."""
    return language.strip().replace("-", "_").split("_")[0].lower()


def babel_locale(language: str) -> str | None:
    """``fr-CA`` → ``fr_CA``, as Babel spells it; None for a code Babel does not know (``xx``, ``francais``)."""
    try:
        return str(Locale.parse(language.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@cache
def interface_language(language: str) -> InterfaceLanguage:
    """The catalogue for ``language``: the same language and region, else the same language, else English."""
    catalogue = nearest_language(language, list(catalogue_languages())) or SOURCE_LANGUAGE
    if primary_language(language) == SOURCE_LANGUAGE:  # en_GB, en-US: the msgids themselves
        catalogue = SOURCE_LANGUAGE
    return InterfaceLanguage(language, catalogue, babel_locale(language) or SOURCE_LANGUAGE)


@cache
def _compiled(catalogue: str) -> Translations:
    """The catalogue's ``.po`` compiled in memory (Babel's ``read_po`` → ``write_mo``), once per process."""
    path = LOCALE_DIR / catalogue / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        messages = read_po(po, locale=catalogue, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, messages, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translations_for(language: str) -> gettext.NullTranslations:
    """gettext translations (``gettext``, ``ngettext``) for ``theme.language``; the msgids for English."""
    catalogue = interface_language(language).catalogue
    return NullTranslations() if catalogue == SOURCE_LANGUAGE else _compiled(catalogue)


@dataclass(frozen=True)
class Messages:
    """The interface strings of Python code, in one language; what templates get as ``_`` and ``ngettext``.

    The placeholders are Python's named ones, as in the templates (Jinja's newstyle
    gettext): ``gettext("Tag: %(name)s", name=tag)``; ``ngettext`` also gives ``num``.
    The method names are the ones pybabel extracts, whatever object they are called on.
    """

    translations: gettext.NullTranslations

    def gettext(self, message: str, **values: object) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        return self.translations.ngettext(singular, plural, count) % {"num": count, **values}

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """A word that needs two translations in one language: ``pgettext("button", "Search")`` (Suchen, not Suche)."""
        text = self.translations.pgettext(context, message)
        return text % values if values else text


def messages_for(language: str) -> Messages:
    """:class:`Messages` for ``theme.language`` (English when it has no catalogue)."""
    return Messages(translations_for(language))


def nearest_language(language: str, offered: list[str], separator: str = "_") -> str | None:
    """The entry of ``offered`` for ``language``: same language and region, else same language; None if neither.

    ``fr-CA`` in ``[fr, de]`` → ``fr``; ``pt_br`` in ``[pt, pt-BR]`` (``separator="-"``) → ``pt-BR``.
    Babel's :func:`~babel.core.negotiate_locale` matches case-insensitively; the entry is
    returned as ``offered`` spells it.
    """
    wanted = language.strip().replace("-", "_").replace("_", separator)
    by_lower = {code.lower(): code for code in offered}
    matched = negotiate_locale([wanted], list(by_lower), sep=separator) if wanted else None
    return by_lower.get(matched.lower()) if matched else None


def material_language(language: str, offered: list[str]) -> str:
    """Which of Material's language files (``fr``, ``pt-BR``, ``zh-Hant``…) serves ``theme.language``; else ``en``."""
    return nearest_language(language, offered, separator="-") or SOURCE_LANGUAGE


def browser_strings(messages: Messages) -> dict[str, object]:
    """The search box's and search page's words, for ``search.js`` (``assets/briefings/search-strings.js``).

    ``{n}`` and ``{q}`` are filled in by the script. Counts have the two forms of
    ``Intl.PluralRules``' ``one`` and ``other``, which every shipped language needs
    (French counts 0 as singular in both gettext and Intl).
    """
    gettext, ngettext = messages.gettext, messages.ngettext
    return {
        "searching": gettext("Searching…"),
        "placeholder": gettext("Type to start searching"),
        "none": gettext("No matching articles"),
        "count": {
            "one": ngettext("{n} result", "{n} results", 1),
            "other": ngettext("{n} result", "{n} results", 2),
        },
        "countFor": {
            "one": ngettext("{n} result for “{q}”", "{n} results for “{q}”", 1),
            "other": ngettext("{n} result for “{q}”", "{n} results for “{q}”", 2),
        },
        "seeAll": gettext("See all results"),
        "error": gettext("Search is unavailable right now."),
        "label": gettext("Search articles"),
        "submit": messages.pgettext("button", "Search"),
        "results": gettext("Search results"),
        "filters": gettext("Filters"),
        "clear": gettext("Clear filters"),
        "activeFilters": gettext("Active filters"),
        "removeFilter": gettext("Remove filter"),
        "facets": {
            "topic": gettext("Topic"),
            "source": gettext("Source"),
            "tag": gettext("Tag"),
            "month": gettext("Month"),
        },
        "sortBy": gettext("Sort by"),
        "relevance": gettext("Relevance"),
        "newest": gettext("Newest first"),
        "more": gettext("Show more results"),
        "showAll": gettext("Show all ({n})"),
        "showFewer": gettext("Show fewer"),
        "page": gettext("Page"),  # a hand-written page (About…) among the results
        "prompt": gettext("Type a search term, or choose a filter."),
    }


def untranslated_warning(language: str) -> str | None:
    """The warning for a language without a catalogue, or None: the build logs it once.

    It does not fail ``--strict`` (it goes to the ``briefings.i18n`` logger, not MkDocs'):
    the site is not wrong, it only has an English interface, and nothing in it
    could be fixed. The publish workflow of ``briefings init`` builds with ``--strict``:
    counted, this warning would stop every Portuguese or Italian site from publishing,
    or push it to drop ``--strict`` and lose the protection against real mistakes.
    """
    chosen = interface_language(language)
    if not chosen.falls_back:
        return None
    known = ", ".join(sorted((*catalogue_languages(), SOURCE_LANGUAGE)))
    return (
        f"theme.language {language!r}: Briefings has no interface catalogue for this language, so its own"
        f" labels (headings, navigation, counts) are in English; languages with a catalogue: {known}"
    )


def warn_if_untranslated(language: str) -> None:
    """Log :func:`untranslated_warning` (called once per build, by the plugin's ``on_config``)."""
    message = untranslated_warning(language)
    if message is not None:
        log.warning(message)
