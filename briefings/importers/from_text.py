"""Raw text articles (copied from a news site) → drafts.

The layout this understands (``seed-article.txt`` is an example)::

    - Category                 navigation lines before the title are dropped
    - Latest news
    Title, Says Le Monde       the first substantial line: the title, kept as written
    Published: 25 Nov 2024     optional metadata lines (dropped from the body)
    By Jane Doe
    KYIV, Nov 28 (Reuters) - First paragraph…   a dateline (dropped from the body)
    Second paragraph…          every line is a paragraph

Source rule (documented in :func:`outlet_in_title` and :func:`is_outlet`): an
outlet named after ``Says``/``Reports``/``According to``… or after a dash at the
end of the title, or in the parentheses of a dateline. A name counts as an outlet
in a title only if it is a known outlet or looks like one (a press word such as
*Times*, *Post*, *Zeitung*), and never when it names a person's
role or an institution (*Chief*, *Minister*, *Kremlin*…): ``…, Says Kremlin`` and
``…, Says Macron`` give no source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

from ..dates import DateValue
from .write import Draft, ImportFailure, plain_to_markdown

LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "pt"]

#: Outlets recognised by name (compared case-insensitively), in titles and datelines.
KNOWN_OUTLETS: frozenset[str] = frozenset(
    name.casefold()
    for name in (
        "Reuters",
        "AP",
        "Associated Press",
        "AFP",
        "Agence France-Presse",
        "dpa",
        "ANSA",
        "EFE",
        "Bloomberg",
        "BBC",
        "BBC News",
        "CNN",
        "NBC News",
        "CBS News",
        "ABC News",
        "Fox News",
        "NPR",
        "Sky News",
        "ITV News",
        "Le Monde",
        "Le Figaro",
        "Libération",
        "Les Échos",
        "Le Parisien",
        "L'Express",
        "Mediapart",
        "France 24",
        "RFI",
        "Euronews",
        "Politico",
        "Politico Europe",
        "Axios",
        "Semafor",
        "The Economist",
        "Economist",
        "Der Spiegel",
        "Spiegel",
        "Die Zeit",
        "FAZ",
        "Süddeutsche Zeitung",
        "Handelsblatt",
        "Bild",
        "Die Welt",
        "Deutsche Welle",
        "DW",
        "ZDF",
        "ARD",
        "El País",
        "El Mundo",
        "La Vanguardia",
        "Corriere della Sera",
        "La Repubblica",
        "La Stampa",
        "NRC",
        "De Telegraaf",
        "Le Soir",
        "Neue Zürcher Zeitung",
        "NZZ",
        "Financial Times",
        "FT",
        "The Guardian",
        "Guardian",
        "The Times",
        "The Telegraph",
        "The Independent",
        "New York Times",
        "The New York Times",
        "NYT",
        "Washington Post",
        "The Washington Post",
        "Wall Street Journal",
        "The Wall Street Journal",
        "WSJ",
        "Los Angeles Times",
        "USA Today",
        "The Atlantic",
        "The Hill",
        "Al Jazeera",
        "Haaretz",
        "Times of Israel",
        "Nikkei",
        "Nikkei Asia",
        "Kyodo",
        "Yonhap",
        "Xinhua",
        "TASS",
        "RIA Novosti",
        "Interfax",
        "Kommersant",
        "Meduza",
        "Izvestia",
        "Ukrainska Pravda",
        "Kyiv Independent",
        "Kyiv Post",
        "Ukrinform",
        "Gazeta Wyborcza",
        "Rzeczpospolita",
        "South China Morning Post",
        "SCMP",
        "Asahi Shimbun",
        "Yomiuri Shimbun",
        "The Hindu",
        "Times of India",
        "Al Arabiya",
        "Anadolu",
        "Daily Mail",
        "The Sun",
        "Mirror",
        "Sueddeutsche Zeitung",
        "Le Point",
        "L'Obs",
        "Le Temps",
        "La Croix",
        "Ouest-France",
        "Le Devoir",
        "Der Standard",
        "Die Presse",
        "Tagesschau",
    )
)
#: Words that make a name look like a news outlet.
_PRESS_WORDS = re.compile(
    r"\b(times|post|news|journal|herald|tribune|gazette|gazeta|telegraph|guardian|press|presse|daily|radio|tv|"
    r"television|broadcasting|magazine|observer|express|mirror|chronicle|dispatch|courier|"
    r"review|wire|newspaper|zeitung|allgemeine|rundschau|spiegel|monde|figaro|pravda|shimbun|corriere|"
    r"repubblica|diario|periódico|independent|standard|bulletin|weekly|insider)\b",
    re.IGNORECASE,
)
#: Words that name people, roles or institutions that speak: never an outlet.
_NOT_OUTLET_WORDS = re.compile(
    r"\b(chief|minister|ministry|president|prime|premier|chancellor|secretary|spokesman|spokeswoman|spokesperson|"
    r"official|officials|government|kremlin|pentagon|white house|house|senate|congress|parliament|army|military|"
    r"police|commander|general|envoy|ambassador|source|sources|analyst|analysts|expert|experts|report|study|"
    r"survey|office|department|agency chief|head|leader|king|queen|pope|court|judge|mayor|governor|ceo|"
    r"intelligence|nato|un|eu|who|imf)\b",
    re.IGNORECASE,
)

_SAYS_SUFFIX = re.compile(
    r",\s*(?:says|said|reports|reported|writes|claims|tells|reveals|according\s+to|per|selon|rapporte|affirme|"
    r"écrit|indique|berichtet|meldet|schreibt|según|informa|secondo)\s+(?P<who>[^,]+?)\s*[.!]?$",
    re.IGNORECASE,
)
_REPORTS_SUFFIX = re.compile(r",\s*(?P<who>[^,]+?)\s+(?:says|reports|writes|reveals)\s*[.!]?$", re.IGNORECASE)
_DASH_SUFFIX = re.compile(r"\s+[-–—|]\s+(?P<who>[^-–—|]+?)\s*$")
_PAREN_SUFFIX = re.compile(r"\((?P<who>[^()]+)\)\s*$")

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
#: ``KYIV, Nov 28 (Reuters) -`` / ``WASHINGTON (AP) —`` / ``FRANCFORT, 12 déc 2024 (AFP) -``
_DATELINE = re.compile(
    rf"^(?P<place>[{_UPPER}][{_UPPER}a-zà-ÿ'’.\- ]{{1,40}}?)(?:\s*,\s*(?P<when>[^()\n]{{3,40}}?))?\s*"
    rf"\((?P<outlet>[^()\n]{{2,40}})\)\s*[-–—]+\s*"
)
#: ``PARIS, 12 décembre 2024 -`` (no outlet): the place in capitals, a date with a year.
_DATELINE_NO_OUTLET = re.compile(
    rf"^(?P<place>[{_UPPER}][{_UPPER}'’.\- ]{{1,40}}?)\s*,\s*"
    rf"(?P<when>[^()\n]{{3,40}}?\b(?:19|20)\d\d\b[^()\n]{{0,12}}?)\s*[-–—]+\s*"
)
_PUBLISHED = re.compile(
    r"^(?:published|posted|date|publié|publiée|publication|veröffentlicht|publicado|pubblicato)"
    r"(?:\s+(?:on|le|am|el|il))?\s*[:\-–]?\s*(?P<when>.{6,60})$",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"^(?:updated|last updated|mis à jour|modifié|aktualisiert|actualizado)(?:\s+(?:on|le|am))?\s*[:\-–]?\s*.{6,60}$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|par|von|por|di)\s+(?P<name>[^\d,:;]{3,60}?)\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^[-*•·▸›»>]\s+")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:›|»|>|/|\||→)\s*")
_NAVIGATION_PHRASES = frozenset(
    p.casefold()
    for p in (
        "skip to content",
        "skip to main content",
        "menu",
        "home",
        "search",
        "sign in",
        "log in",
        "subscribe",
        "share",
        "share this article",
        "advertisement",
        "listen to this article",
        "read more",
        "latest news",
        "accueil",
        "à la une",
        "startseite",
        "inicio",
        "newsletter",
    )
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}\s*(?::|h)\s*\d{2}\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)


@dataclass
class Dateline:
    """What a dateline at the start of the first paragraph says, and the text after it."""

    outlet: str | None
    date: DateValue | None
    rest: str


def parse_text(text: str) -> Draft:
    """Return the draft of a raw text article; its ``date`` is None when the text states no full date.

    Raises :class:`ImportFailure` when there is no title.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    position = 0
    while position < len(lines) and not is_substantial(lines[position]):
        position += 1
    if position == len(lines):
        raise ImportFailure("no title found: expected a line of at least three words after any navigation lines")
    title = re.sub(r"^#+\s+", "", lines[position]).strip()
    rest = [line for line in lines[position + 1 :] if line]

    date: DateValue | None = None
    author: str | None = None
    body: list[str] = []
    for index, line in enumerate(rest):
        in_header = index < 4 and not body
        if in_header and (published := _PUBLISHED.match(line)):
            date = date or parse_full_date(published.group("when"))  # "Published: 2 hours ago" gives no date
            continue
        if in_header and _UPDATED.match(line):
            continue
        if in_header and (byline := _BYLINE.match(line)) and len(line.split()) <= 6:
            author = byline.group("name").strip()
            continue
        body.append(line)

    outlet: str | None = None
    if body:
        dateline = parse_dateline(body[0])
        if dateline is not None:
            outlet = dateline.outlet
            date = date or dateline.date
            body[0] = dateline.rest
            if not body[0]:
                body.pop(0)
    source = outlet_in_title(title) or outlet
    return Draft(title=title, date=date, body=plain_to_markdown(body), source=source, author=author)


def is_navigation(line: str) -> bool:
    """Return True for a navigation line (breadcrumb, menu item) as found before a title."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped.casefold() in _NAVIGATION_PHRASES:
        return True
    if _BULLET.match(stripped) and len(stripped.split()) <= 6:
        return True
    segments = [s for s in _BREADCRUMB_SEPARATORS.split(stripped) if s]
    if len(segments) > 1 and all(len(s.split()) <= 3 for s in segments):
        return True
    return len(stripped.split()) <= 2 and not re.search(r"[.!?:]$", stripped)


def is_substantial(line: str) -> bool:
    """Return True for a line that can be a title: not navigation, at least three words."""
    return not is_navigation(line) and len(line.split()) >= 3


def is_outlet(name: str) -> bool:
    """Return True when ``name`` names a news outlet rather than a person, role or institution.

    Known outlets always count; otherwise the name must contain a press word
    (*Times*, *Post*, *News*, *Zeitung*…) and no word naming a role or an
    institution (so *Pentagon Chief*, *Kremlin*, *Le Pen* are not outlets).
    """
    name = name.strip(" .!?\"'“”")
    if not name or len(name.split()) > 6:
        return False
    if name.casefold() in KNOWN_OUTLETS:
        return True
    if _NOT_OUTLET_WORDS.search(name):
        return False
    return bool(_PRESS_WORDS.search(name))


def outlet_in_title(title: str) -> str | None:
    """Return the outlet named at the end of a title (``…, Says Le Monde``, ``… – Nikkei``), or None."""
    for pattern in (_SAYS_SUFFIX, _REPORTS_SUFFIX, _DASH_SUFFIX, _PAREN_SUFFIX):
        match = pattern.search(title)
        if match:
            who = match.group("who").strip(" .!?\"'“”")
            if is_outlet(who):
                return who
    return None


def parse_dateline(paragraph: str) -> Dateline | None:
    """Return the dateline at the start of a paragraph (outlet, date if it has a year, rest), or None."""
    match = _DATELINE.match(paragraph)
    if match:
        outlet = match.group("outlet").strip()
        if len(outlet.split()) > 4 or not re.match(r"\w", outlet):
            return None
        when = match.group("when")
        return Dateline(outlet, parse_full_date(when) if when else None, paragraph[match.end() :].strip())
    match = _DATELINE_NO_OUTLET.match(paragraph)
    if match:
        date = parse_full_date(match.group("when"))
        if date is not None:
            return Dateline(None, date, paragraph[match.end() :].strip())
    return None


def parse_full_date(text: str) -> DateValue | None:
    """Return the date in ``text`` (English, French, German…) if it has a day, month and year, else None.

    A datetime (aware when the text gives an offset, else naive) when a time is
    stated, else a date.
    """
    if not _YEAR.search(text):
        return None
    found = dateparser.parse(
        text.strip(),
        languages=LANGUAGES,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    if found is None:
        return None
    if _TIME.search(text):
        return found.replace(microsecond=0)
    return dt.date(found.year, found.month, found.day)
