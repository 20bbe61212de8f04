"""Raw text articles (copied from a news site) → drafts.

The layout this understands (``seed-article.txt`` is an example)::

    - Category                            navigation lines before the title are dropped
    - Latest news
    Title, Says Le Monde                  the first substantial line: the title, kept as written
    The standfirst…                       kept: the first paragraph of the body
    By Jane Doe, Brussels correspondent   header lines: read, then dropped
    Published: 21 Nov 2026 at 14:05 CET
    Share this article · 5 min read
    KYIV, Nov 28 (Reuters) - First…       a dateline: read, then dropped from the paragraph
    Second paragraph…                     every line is a paragraph
    Advertisement / Read more: …          boilerplate, anywhere: dropped
    Related articles                      a heading followed only by links: cut with them
    © 2026 … All rights reserved.

Header lines (English, French, German, Spanish) are recognised by what every part
of the line is — a byline, a labelled or bare date, a relative time ("2 hours
ago"), a reading time, a place, a role, an outlet — so that a line is dropped only
when nothing in it is prose. Bylines must be short lists of names ("By the end of
the year, …" is prose); a byline naming only an agency ("By Reuters") gives the
source, not an author. The date is a ``Published`` line's, else a date stated alone
in the header, else a dateline's, else an ``Updated`` line's.

Source rule (documented in :func:`outlet_in_title` and :func:`is_outlet`): an
outlet named after ``Says``/``Reports``/``According to``… or after a dash at the
end of the title, or in the parentheses of a dateline, or in a byline. A name
counts as an outlet in a title only if it is a known outlet or looks like one (a
press word such as *Times*, *Post*, *Zeitung*), and never when it names a person's
role or an institution (*Chief*, *Minister*, *Kremlin*…): ``…, Says Kremlin`` and
``…, Says Macron`` give no source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import dateparser

from ..dates import DateValue, read_iso_date
from .write import Draft, ImportFailure, plain_to_markdown


def _words(text: str) -> frozenset[str]:
    """The words of a space-separated list, as a set (long word lists stay readable)."""
    return frozenset(text.split())


LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "pt"]

#: Outlets recognised by name (compared case-insensitively), in titles, datelines and bylines.
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
_LETTER = r"[^\W\d_]"
#: ``Brussels CNN —``: the words before a spaced dash at the start of a paragraph (checked by the caller).
_DATELINE_BARE_OUTLET = re.compile(r"^(?P<head>[^()\n–—-]{2,60}?)\s+[-–—]+(?:\s+|$)")
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

# --- header lines: labels, times, bylines ------------------------------------------------------

#: Labels of the moment an article was published…
_PUBLISHED_LABELS = (
    r"first\s+published|published|posted|publication|date|publiée?|mis\s+en\s+ligne|paru|"
    r"veröffentlicht|erschienen|publicad[oa]|fecha\s+de\s+publicación|pubblicato"
)
#: …or last changed: only a fallback, since the article belongs to the day it was published.
_UPDATED_LABELS = (
    r"last\s+updated|updated|last\s+modified|modified|mis\s+à\s+jour|mise\s+à\s+jour|modifiée?|actualisée?|"
    r"zuletzt\s+aktualisiert|aktualisiert|geändert|stand|actualizad[oa]|última\s+actualización|act\.|aggiornato"
)
_DATE_LABEL = re.compile(
    rf"(?<!{_LETTER})(?:(?P<published>{_PUBLISHED_LABELS})|(?P<updated>{_UPDATED_LABELS}))(?!{_LETTER})"
    r"(?:\s+(?:on|at|le|la|am|um|el|il|the))?\s*[:：]?\s*",
    re.IGNORECASE,
)
#: What separates the parts of a header line: ``By Jane Doe | Reuters``, ``Madrid - 21 nov 2026 - 14:05 CET``,
#: ``By Jane Doe on 21 November 2026``.
_PART_SEPARATOR = re.compile(r"\s*[|·•]\s*|\s+[-–—]+\s+|\s+/\s+|\s+(?:on|le|am|el)\s+(?=\d)", re.IGNORECASE)
_RELATIVE_TIME = re.compile(
    r"^(?:(?:about|around|il\s+y\s+a|vor|hace)\s+)?(?:\d+|an?|one|une?|einer?|una?)\s*"
    r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|months?|heures?|jours?|semaines?|mois|"
    r"sekunden|minuten|stunden?|tagen?|wochen?|monaten?|segundos?|minutos?|horas?|días?|semanas?|meses?)"
    r"(?:\s+ago)?$"
    r"|^(?:just\s+now|yesterday|today|hier|aujourd'hui|à\s+l'instant|gestern|heute|gerade\s+eben|ayer|hoy|ahora)"
    r"(?:\s*,?\s*(?:at|à|um|a\s+las)?\s*\d{1,2}(?:\s*[:h.]\s*\d{2})?\s*(?:uhr|h|[ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)
#: A time without a day: ``14:05 CET``, ``2:05 PM EST``, ``à 19h``, ``14.05 Uhr``.
_TIME_ONLY = re.compile(
    r"^(?:(?:at|à|um|a\s+las|alle|om)\s+)?"
    r"\d{1,2}(?:\s*[:.h]\s*\d{2}\s*(?:h|uhr|[ap]\.?m\.?)?|\s*(?:h|uhr|[ap]\.?m\.?))"
    r"(?:\s*\(?[a-z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?\.?$",
    re.IGNORECASE,
)
_MINUTES = r"(?:min(?:ute)?s?|minuten|minutos|minuti|mn)\.?"
_READING_TIME = re.compile(
    r"^(?:(?:estimated\s+)?read(?:ing)?\s+time|temps\s+de\s+lecture|durée\s+de\s+lecture|lecture|lesezeit|lesedauer|"
    r"tiempo\s+de\s+lectura|lectura|tempo\s+di\s+lettura)\s*[:：]?\s*(?:about|environ|ca\.?|approx\.?|unos|circa)?\s*"
    rf"\d+(?:\s*[-–]\s*\d+)?\s*{_MINUTES}$"
    rf"|^\d+(?:\s*[-–]\s*\d+)?\s*-?\s*{_MINUTES}\s+(?:read|de\s+lecture|lesezeit|lesedauer|de\s+lectura|di\s+lettura)$",
    re.IGNORECASE,
)
_BYLINE_START = re.compile(
    r"^(?:(?P<lead>written|reported|words|text|story|analysis|commentary|opinion|interview|column|report|texte|"
    r"un\s+article|une\s+analyse|une\s+tribune|ein\s+kommentar|eine\s+analyse|ein\s+bericht|ein\s+gastbeitrag|"
    r"eine\s+reportage|un\s+análisis|una\s+crónica|análisis|opinión|crónica)\s+)?"
    r"(?P<word>by|par|von|por|de|di)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_WITH_AGENCIES = re.compile(
    r"\s+(?:with|avec|mit|con)\s+(?:l['’])?(?:afp|reuters|ap|dpa|efe|ansa|agences|agencies|agenturen|agencias|wires)\b.*$",
    re.IGNORECASE,
)
_NAME_LIST = re.compile(r"\s*,\s*|\s+(?:and|&|et|und|y|e)\s+", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&|et|und|y|e)\s+", re.IGNORECASE)
_STAFF = re.compile(
    r"\s+(?:staff(?:\s+(?:writers?|reporters?))?|newsroom|news\s+desk|desk|team|rédaction|redaktion|redacción)$",
    re.IGNORECASE,
)
_NAME_IN_PLACE = re.compile(r"^(?P<name>.+?)\s+(?:in|à|en|aus|in)\s+(?P<place>[^,.]+)$")
_AGENCIES_WORDS = frozenset(("agencies", "agences", "agenturen", "agencias", "wires", "staff", "news agencies"))
_POSSESSIVE = re.compile(r"^(?P<outlet>.+?)['’]s\s+(?P<name>.+)$")
_ROLE = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|journalist|columnist|contributor|analyst|producer|bureau|"
    r"correspondant|correspondante|envoyée?\s+spéciale?|rédact(?:eur|rice)|journaliste|chroniqueu(?:r|se)|"
    r"korrespondent(?:in)?|redakteur(?:in)?|reporterin|autor(?:in)?|[\w-]*studio|"
    r"corresponsal|redactora?|periodista|enviad[oa]\s+especial|cronista)\b",
    re.IGNORECASE,
)
#: Lowercase words that belong inside names (*Ursula von der Leyen*, *Charles de Gaulle*).
_NAME_PARTICLES = _words(
    "de da das do dos del della delle der den di du des la le lo van von zu zum zur ten ter bin ibn al el af av"
)
#: Capitalised words that start sentences after *By*/*Par*/*Von*/*Por* but no names (first word only).
_NOT_NAME_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march july "
    "september october november december lundi mardi mercredi jeudi vendredi samedi dimanche "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre montag dienstag "
    "mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli oktober dezember lunes "
    "martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre the this that these those then now contrast comparison order "
    "law far way all some most many early late next last midday noon midnight tonight today tomorrow "
    "yesterday christmas easter night morning evening afternoon end year years day week month default "
    "design chance accident nature definition extension means force hand air sea land road rail train "
    "plane phone email mail our their his her its ailleurs exemple contre conséquent suite rapport anfang "
    "seiten ello tanto ejemplo otra otro parte"
)
_SENTENCE_END = re.compile(r"[.!?…]['’\"”»)]*$")
#: The greatest number of words in a line read as a header line (bylines and dates are short).
HEADER_LINE_MAX_WORDS = 30
#: The header (byline, dates) is looked for in the first lines after the title, until this many paragraphs of prose.
HEADER_LINES = 15
HEADER_PROSE_PARAGRAPHS = 3  # a standfirst and a caption may come before the byline
_PROSE_WORDS = 12

# --- boilerplate: share, follow, newsletter, advertising, credits, related links ---------------

_SOCIAL_ANCHORS = _words(
    "share sharing partager partagez teilen compartir comparte condividi tweet facebook twitter linkedin "
    "whatsapp telegram reddit bluesky flipboard pinterest messenger mastodon xing instagram email e-mail "
    "print imprimer drucken imprimir save gift offrir merken guardar copy copier kopieren copiar"
)
_SOCIAL_WORDS = _SOCIAL_ANCHORS | _words(
    "x mail link lien enlace on sur auf en via per this the full article story page post cet cette "
    "l'article artikel den diesen dieses este esta artículo la noticia el to clipboard copied copié "
    "kopiert copiado saved opens new tab in a an et and und y or ou oder send envoyer senden enviar le il"
)
_NETWORKS = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|bluesky|flipboard|pinterest|mastodon|instagram|"
    r"threads|tiktok|youtube|google\s+news|apple\s+news"
)
_FOLLOW = re.compile(
    r"^(?:follow|suivez|suivre|folgen|folge|síguenos|sigue|seguir|segui)\b"
    rf"(?:.*\b(?:{_NETWORKS})$|.*(?:\bus\b|-?nous\b|\buns\b|nos\b)|.*\bhttps?://\S+$|\s*\w*$)"
)
_NEWSLETTER = re.compile(r"\b(?:newsletters?|infolettre|lettre\s+d'information|boletín|e-?mail\s+alerts?)\b")
_SIGN_UP = re.compile(
    r"^(?:sign\s*up|subscribe|get|receive|register|join|inscrivez|abonnez|recevez|inscris|s'inscrire|s'abonner|"
    r"newsletter|abonnieren|bestellen|melden|jetzt|suscríbete|suscribirse|recibe|apúntate|regístrate|iscriviti)\b"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))")
_RIGHTS_RESERVED = re.compile(
    r"all\s+rights\s+reserved|tous\s+droits\s+réservés|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|"
    r"tutti\s+i\s+diritti\s+riservati|reproduction\s+interdite|may\s+not\s+be\s+(?:published|reproduced|redistributed)"
)
_CREDIT_START = re.compile(
    r"^(?:photo(?:graph)?s?|picture|images?|credits?|crédits?(?:\s+photos?)?|photo\s+credit|fotos?|fotografía|"
    r"bild(?:quelle)?|quelle|illustration|video|vidéo|caption|légende)\s*[:：]\s*\S"
    r"|^(?:media\s+caption|image\s+caption|image\s+source)\s*[:：,]?\s*\S"
    r"|^\((?:photo|foto|picture|image|crédit|credit|bild)\b[^()]*\)$"
)
_PHOTO_AGENCIES = (
    r"afp|ap|reuters|epa(?:-efe)?|getty\s+images|dpa|efe|bloomberg|pool|picture\s+alliance|anadolu|sipa|"
    r"shutterstock|keystone|imago|ansa|xinhua|tass|ap\s+photo"
)
#: A caption ending with its credit: ``… in Brussels. Photograph: Olivier Hoslet/EPA``, ``… REUTERS/Yves Herman``.
_CREDIT_TAIL = re.compile(
    r"(?:^|[.!?»”\")]\s+|\s[|–—-]\s*)(?i:photo(?:graph)?|foto|bild|image|picture|credit|crédit(?:\s+photo)?)\s*[:：]"
    r"\s*[^.!?:]{2,80}$"
    r"|\((?i:photo|foto|crédit|credit|bild|image)\b[^()]{0,80}\)$"
    rf"|[{_UPPER}][\w.'’-]+(?:\s[{_UPPER}][\w.'’-]+){{0,3}}\s*/\s*(?i:{_PHOTO_AGENCIES})(?i:\s+via\s+getty\s+images)?\)?$"
    rf"|\b(?:REUTERS|AFP|AP Photo|EPA|EFE|DPA)\s*/\s*[{_UPPER}][\w.'’-]+(?:\s[{_UPPER}][\w.'’-]+){{0,3}}\)?$"
    r"|(?i:credit)(?:\s*\.{2,}|\s*…)\s*\S.{0,100}$"
    r"|\b(?i:via\s+(?:getty\s+images|shutterstock|reuters|afp|ap|epa))\)?$"
)
#: Lines that hold no word: separators (``___``, ``* * *``) and media player times (``00:00/02:41``).
_NO_WORDS = re.compile(r"^[\W_]+$|^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$")
_BARE_CREDIT = re.compile(
    rf"^(?:\((?:{_PHOTO_AGENCIES})\)|getty\s+images|epa|keystone|imago|picture\s+alliance|shutterstock)$"
)
_WIRE_CREDITS = re.compile(
    r"^skip\s+to\b"
    r"|^(?:[\w' ]{1,30}\s+)?staff\s+and\s+agencies$"
    r"|^reporting\s+from\s+[\w ,.'-]{2,60}$"
    r"|^.{0,80}\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report(?:ing)?|story|article)$"
    r"|^(?:[a-zäöü]{1,5}/)+(?:dpa|afp|reuters|ap|epa|efe|kna|epd|sid|rtr|apa|sda|ansa|dpa-afx)(?:/[a-zäöü-]{1,8})*$"
    r"|^(?:dpa|afp|reuters|ap|epa|efe|kna|epd|sid|rtr|apa|sda|ansa)(?:/[a-zäöü-]{1,8})+$"
    r"|^\(?(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|reported|research|graphics|contributing)\s+by\b"
    r"|^our\s+standards\b"
    r"|^\(?(?:avec|with|mit|con)\s+(?:l')?(?:afp|reuters|ap|dpa|efe|ansa|agences|agencies|agenturen|agencias)\)?$"
    r"|^\(?mit\s+material\s+von\b|^\(?con\s+información\s+de\b"
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|commentaires?|kommentare?|comentarios?|commenti|réactions?)$"
    r"|^(?:show|view|read|see|voir|lire|afficher|ver|leer)\s+(?:all\s+|les\s+|los\s+)?(?:\d+\s+)?"
    r"(?:comments|commentaires|comentarios)$|^kommentare\s+(?:anzeigen|lesen)$|^join\s+the\s+conversation$|^réagir$"
    r"|^(?:go\s+to|jump\s+to|aller\s+aux|ir\s+a\s+los|zu\s+den)\s+(?:comments|commentaires|comentarios|kommentaren)$"
)
_LISTEN = frozenset(
    (
        "listen",
        "listen to this article",
        "listen to the article",
        "listen to this story",
        "écouter",
        "écouter cet article",
        "écouter l'article",
        "artikel anhören",
        "anhören",
        "artikel vorlesen lassen",
        "vorlesen",
        "escuchar",
        "escuchar este artículo",
        "escuchar el artículo",
        "escuchar la noticia",
        "ascolta",
        "ascolta l'articolo",
        "artikel zum hören",
        "zum hören",
        "hören",
        "audio",
    )
)
#: What follows "Listen to this article" on a player: its length, "Learn more".
_PLAYER_TAIL = re.compile(
    r"(?:[\s·•|:,–-]*(?:\d+(?:[:.]\d+)?\s*(?:min(?:ute)?s?|minuten|minutos|mn|sec(?:onds?)?|s)?\.?"
    r"|learn\s+more|en\s+savoir\s+plus|mehr\s+erfahren|más\s+información))+$"
)
#: Whole lines that are a page's furniture, compared lower-case without end punctuation.
_FURNITURE = frozenset(
    (
        # advertising
        "advertisement",
        "advertisements",
        "advertising",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "paid content",
        "paid post",
        "skip advertisement",
        "skip ad",
        "story continues below advertisement",
        "article continues below advertisement",
        "article continues below",
        "story continues below",
        "continue reading below",
        "continue reading",
        "continue reading the main story",
        "scroll to continue",
        "scroll to continue reading",
        "publicité",
        "pub",
        "la suite après la publicité",
        "la suite après cette publicité",
        "contenu sponsorisé",
        "contenu partenaire",
        "anzeige",
        "werbung",
        "weiter nach der anzeige",
        "weiterlesen nach der anzeige",
        "artikel wird nach der anzeige fortgesetzt",
        "publicidad",
        "contenido patrocinado",
        "continúa leyendo",
        "sigue leyendo",
        "pubblicità",
        # subscriptions and accounts
        "subscribe",
        "subscribe now",
        "subscribers only",
        "for subscribers",
        "subscriber exclusive",
        "sign in",
        "log in",
        "sign up",
        "register",
        "create an account",
        "already a subscriber? sign in",
        "already have an account? log in",
        "get unlimited access",
        "abonnez-vous",
        "s'abonner",
        "se connecter",
        "déjà abonné ? connectez-vous",
        "article réservé aux abonnés",
        "réservé aux abonnés",
        "abonné",
        "offrir cet article",
        "offrir l'article",
        "lire plus tard",
        "ajouter à vos sélections",
        "sauvegarder",
        "jetzt abonnieren",
        "abonnieren",
        "anmelden",
        "einloggen",
        "nur für abonnenten",
        "exklusiv für abonnenten",
        "suscríbete",
        "suscribirse",
        "iniciar sesión",
        "regístrate",
        "exclusivo para suscriptores",
        "contenido exclusivo para suscriptores",
        # sharing and page tools
        "share full article",
        "gift this article",
        "gift article",
        "link copied",
        "lien copié",
        "link kopiert",
        "enlace copiado",
        "opens new tab",
        "newsletter",
        "newsletters",
        "follow",
        "following",
        "follow topic",
        "reuse this content",
        "this article has been updated",
        "this story has been updated",
        "this article was updated",
        "cet article a été mis à jour",
        "dieser artikel wurde aktualisiert",
        "este artículo ha sido actualizado",
        "back to top",
        "retour en haut",
        "nach oben",
        "zur startseite",
        "volver arriba",
        "print subscriptions",
        "comments",
        "most viewed",
    )
)
#: Link lines to other articles: ``Read more: …``, ``Lire aussi | …``, ``Lesen Sie auch: …``, ``Leer más: …``.
_LINK_LINE = re.compile(
    r"^(?:read\s+more|read\s+also|also\s+read|related|see\s+also|recommended|more\s+on\s+this|"
    r"lesen\s+sie\s+auch|lesen\s+sie\s+mehr|mehr\s+zum\s+thema|auch\s+interessant|siehe\s+auch|"
    r"leer\s+más|lea\s+también|lee\s+también|más\s+información|te\s+puede\s+interesar|ver\s+también|leggi\s+anche)"
    r"\s*[:|›»>–—]\s*\S"
    r"|^(?:(?:à\s+)?lire\s+(?:aussi|également)|(?:à\s+)?voir\s+aussi)(?:\s+[\w'-]+){0,3}\s*[:|›»>–—]\s*\S"
)
_TOPICS_LINE = re.compile(
    r"^(?:tags|topics|related\s+topics|themen|schlagwörter|sujets|mots-clés|thèmes|temas|etiquetas|archivado\s+en|"
    r"archived\s+in|see\s+more\s+on|more\s+on)\s*[:：]\s*\S"
)
#: Headings of the related-links and topic lists at the end of a page.
_RELATED_HEADINGS = frozenset(
    (
        "related",
        "related articles",
        "related stories",
        "related content",
        "related coverage",
        "related links",
        "related topics",
        "related news",
        "more on this story",
        "more on this topic",
        "more stories",
        "more news",
        "read more",
        "read next",
        "recommended",
        "recommended for you",
        "recommended stories",
        "you may also like",
        "you might also like",
        "you may be interested in",
        "most read",
        "most popular",
        "most viewed",
        "trending",
        "top stories",
        "latest stories",
        "see also",
        "also read",
        "further reading",
        "explore more on these topics",
        "sur le même sujet",
        "à lire aussi",
        "lire aussi",
        "à lire également",
        "les plus lus",
        "les plus partagés",
        "dans la même rubrique",
        "voir aussi",
        "à voir aussi",
        "nos articles",
        "mehr zum thema",
        "das könnte sie auch interessieren",
        "das könnte sie interessieren",
        "meistgelesen",
        "meistgelesene artikel",
        "weitere artikel",
        "auch interessant",
        "lesen sie auch",
        "lesen sie mehr",
        "mehr dazu",
        "top-themen",
        "te puede interesar",
        "también te puede interesar",
        "más información",
        "lo más visto",
        "lo más leído",
        "noticias relacionadas",
        "leer más",
        "lee también",
        "más noticias",
        "archivado en",
        "archived in",
        "tags",
        "topics",
        "themen",
        "sujets",
        "temas",
        "etiquetas",
        "schlagwörter",
        "mots-clés",
        "about the author",
        "about the authors",
        "sobre la firma",
        "sobre el autor",
        "à propos de l'auteur",
        "über den autor",
        "über die autorin",
        "zum autor",
        "zur autorin",
    )
)
_MORE_FROM_HEADING = re.compile(r"^(?:more\s+(?:from|on|about)|plus\s+de|mehr\s+(?:aus|von|zu)|más\s+de)\s+\S.{0,40}$")
#: At most this many words in a line taken for a link to another article, in a list after a related heading.
_LINK_MAX_WORDS = 25
_SHORT_LINE_WORDS = 8


@dataclass
class Dateline:
    """What a dateline at the start of the first paragraph says, and the text after it."""

    outlet: str | None
    date: DateValue | None
    rest: str


@dataclass
class Byline:
    """What a byline names: the people who wrote the article, and the outlet when it names one.

    An agency-only byline (``By Reuters``) names no person: ``authors`` is empty
    and ``outlet`` holds the agency, which is a source, not an author.
    """

    authors: list[str]
    outlet: str | None = None


@dataclass
class LineFacts:
    """What the parts of a header line state; a line is a header line only when every part is understood.

    ``tells_time`` is True when a part is a date, a time or a relative time ("2
    hours ago"), even one that gives no full date. Places, names without *By* and
    reading times state nothing kept; ``roles`` counts role parts ("Brussels
    correspondent"), which make the line under a name a byline.
    """

    published: DateValue | None = None
    stated: DateValue | None = None  # a date without a label: "21 November 2026", "Madrid - 21 nov 2026 - 14:05"
    updated: DateValue | None = None
    tells_time: bool = False
    bylines: list[Byline] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    roles: int = 0

    @property
    def authors(self) -> list[str]:
        """The names of the bylines in this line, in order."""
        return [name for byline in self.bylines for name in byline.authors]

    @property
    def outlet(self) -> str | None:
        """The first outlet the line names (in a byline or on its own)."""
        return next((b.outlet for b in self.bylines if b.outlet), None) or next(iter(self.outlets), None)

    def merge(self, other: LineFacts) -> None:
        """Add what another part of the same line states."""
        self.published = self.published or other.published
        self.stated = self.stated or other.stated
        self.updated = self.updated or other.updated
        self.tells_time = self.tells_time or other.tells_time
        self.bylines += other.bylines
        self.outlets += other.outlets
        self.roles += other.roles


@dataclass
class _Found:
    """A value read from the text, with the line that stated it (for the import report)."""

    value: DateValue
    origin: str


@dataclass
class _Header:
    """What the header and footer lines of a clipping said, first statement first."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: _Found | None = None
    stated: _Found | None = None
    updated: _Found | None = None

    def take(self, facts: LineFacts, number: int, line: str) -> None:
        """Keep what ``facts`` (from line ``number``) adds; earlier lines win."""
        origin = _line_origin(number, line)
        if facts.published is not None and self.published is None:
            self.published = _Found(facts.published, origin)
        if facts.stated is not None and self.stated is None:
            self.stated = _Found(facts.stated, origin)
        if facts.updated is not None and self.updated is None:
            self.updated = _Found(facts.updated, origin)
        self.authors = self.authors or facts.authors
        self.outlet = self.outlet or facts.outlet


def parse_text(text: str) -> Draft:
    """Return the draft of a raw text article; its ``date`` is None when the text states no full date.

    Header lines (byline, Published/Updated, share and reading-time lines) and
    boilerplate anywhere (advertising, "Read more: …", credits, copyright, a
    related-links list at the end) are left out of the body; what they state
    gives ``author``, ``source`` and ``date``, and ``date_origin`` says which line.

    Raises :class:`ImportFailure` when there is no title.
    """
    numbered = [
        (number, line.strip())
        for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1)
    ]
    header = _Header()
    title_index = _find_title(numbered, header)
    title = re.sub(r"^#+\s+", "", numbered[title_index][1]).strip()
    rest = [(n, line) for n, line in numbered[title_index + 1 :] if line]
    rest = rest[: footer_start([line for _, line in rest])]

    body: list[tuple[int, str]] = []
    prose_seen = 0
    next_index = 0
    for index, (number, line) in enumerate(rest):
        if index < next_index:
            continue  # part of a byline block read with an earlier line
        in_header = index < HEADER_LINES and prose_seen < HEADER_PROSE_PARAGRAPHS
        if is_boilerplate(line):
            continue
        facts = read_header_line(line, labelled_only=not in_header)
        if facts is not None:
            header.take(facts, number, line)
            continue
        block = _byline_block(rest, index) if in_header else 0
        if block:
            for taken in range(index, index + block):
                facts = _byline_block_facts(rest[taken][1], first=taken == index)
                header.take(facts, *rest[taken])
            next_index = index + block
            continue
        body.append((number, line))
        if len(line.split()) >= _PROSE_WORDS:
            prose_seen += 1
    names = {" ".join(name.split()).casefold() for name in header.authors}
    body = [(n, line) for n, line in body if " ".join(line.split()).casefold() not in names]  # "LORNE COOK" above a bio

    dateline_found: _Found | None = None
    dateline_outlet: str | None = None
    for position in range(min(2, len(body))):  # the dateline opens the story, after a standfirst at most
        number, paragraph = body[position]
        dateline = parse_dateline(paragraph)
        if dateline is None:
            continue
        dateline_outlet = dateline.outlet
        if dateline.date is not None:
            dateline_found = _Found(dateline.date, _line_origin(number, paragraph))
        if dateline.rest:
            body[position] = (number, dateline.rest)
        else:
            body.pop(position)
        break

    found = header.published or header.stated or dateline_found or header.updated
    source = outlet_in_title(title) or dateline_outlet or header.outlet
    return Draft(
        title=title,
        date=found.value if found else None,
        body=plain_to_markdown(line for _, line in body),
        source=source,
        author=", ".join(header.authors) or None,
        date_origin=found.origin if found else None,
    )


def _find_title(numbered: list[tuple[int, str]], header: _Header) -> int:
    """Index of the title: the first substantial line that is no boilerplate and no header line.

    Header lines before the title (a date above the headline) are read into ``header``.
    """
    for index, (number, line) in enumerate(numbered):
        if not line or is_navigation(line) or is_boilerplate(line):
            continue
        facts = read_header_line(line)
        if facts is not None:
            header.take(facts, number, line)
            continue
        if is_substantial(line):
            return index
    raise ImportFailure("no title found: expected a line of at least three words after any navigation lines")


def _byline_block(rest: list[tuple[int, str]], index: int) -> int:
    """How many lines from ``index`` make a byline without *By*, or 0.

    ``Jane Doe`` over a role or outlet line (``Europe correspondent``, ``BBC News,
    Brussels``), and then a line naming only a place; ``Jane Doe`` or ``Jennifer
    Rankin in Brussels`` over a date line. A name alone is not enough: it might
    be a caption or a place.
    """
    line = rest[index][1]
    following = [text for _, text in rest[index + 1 : index + 3]]
    if _is_name_line(line) and following and _role_line(following[0]) is not None:
        place_after = len(following) > 1 and len(following[1].split()) <= 3 and _is_place_or_name(following[1])
        return 3 if place_after and _role_line(following[1]) is None else 2
    if _is_name_line(line) and following:
        date_line = read_header_line(following[0])  # "Bernardo de Miguel" over "Bruselas - 21 nov 2026 - 14:05 CET"
        if date_line is not None and date_line.tells_time and not date_line.bylines:
            return 1
    in_place = _NAME_IN_PLACE.match(line)
    if in_place and _names_in(in_place.group("name")) and _is_place_or_name(in_place.group("place")):
        date_line = read_header_line(following[0]) if following else None
        if date_line is not None and date_line.tells_time:
            return 1
    return 0


def _byline_block_facts(line: str, first: bool) -> LineFacts:
    """What a line of a byline block states: the name (first line), else its role, outlet or place."""
    if first:
        in_place = _NAME_IN_PLACE.match(line)
        names = _names_in(in_place.group("name")) if in_place and not _is_name_line(line) else [line]
        return LineFacts(bylines=[Byline([_display_name(name) for name in names])])
    return _role_line(line) or LineFacts()


def _names_in(text: str) -> list[str]:
    """``Jennifer Rankin`` or ``Jennifer Rankin and Jakub Krupa`` → the names; [] unless every part is a name."""
    names = [name.strip() for name in _NAME_LIST.split(text) if name.strip()]
    return names if names and all(is_person_name(name) for name in names) else []


def _line_origin(number: int, line: str) -> str:
    """``line 4: "Published: 21 November 2026 14:05"``, as the import report shows where a date came from."""
    shown = line if len(line) <= 70 else line[:69].rstrip() + "…"
    return f'line {number}: "{shown}"'


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


# --- boilerplate ---------------------------------------------------------------------------------


def _core(line: str) -> str:
    """The line as compared with boilerplate: lower-case, no bullet, no end punctuation, single spaces."""
    text = _BULLET.sub("", line.strip().replace("’", "'").replace("\u00a0", " "))
    return " ".join(text.split()).strip(" .,:;!?…-–—|·•>»›*").casefold()


def is_boilerplate(line: str) -> bool:
    """Return True for a line of page furniture rather than of the story, wherever it stands.

    Share, follow, newsletter, sign-in and advertising lines, "Listen to this
    article", reading times, "Read more: …" links to other articles, photo credits
    and captions that end with one, wire credits ("Reporting by …"), comment
    counters, copyright and rights lines, topic lists, related-links headings; in
    English, French, German and Spanish. Each rule matches a whole short line, so
    a sentence that merely starts with such a word ("Share prices fell…") is prose.
    """
    if _NO_WORDS.match(line.strip()):
        return True
    core = _core(line)
    if not core:
        return False
    words = core.split()
    if core in _FURNITURE or core in _NAVIGATION_PHRASES or core in _RELATED_HEADINGS:
        return True
    if _READING_TIME.match(core) or _COMMENTS.match(core) or _BARE_CREDIT.match(core):
        return True
    if _PLAYER_TAIL.sub("", core).strip(" .,:;-–—|·•") in _LISTEN:
        return True
    if len(words) <= 12 and _is_social_line(core):
        return True
    if len(words) <= 12 and _FOLLOW.match(core):
        return True
    if len(words) <= 20 and _NEWSLETTER.search(core) and _SIGN_UP.match(core):
        return True
    if len(words) <= 30 and (_COPYRIGHT.match(core) or _RIGHTS_RESERVED.search(core)):
        return True
    if len(words) <= 30 and (_LINK_LINE.match(core) or _TOPICS_LINE.match(core)):
        return True
    if len(words) <= 50 and _WIRE_CREDITS.match(core):
        return True
    return len(words) <= 60 and (bool(_CREDIT_START.match(core)) or bool(_CREDIT_TAIL.search(line.strip())))


def _is_social_line(core: str) -> bool:
    """``Share``, ``Share on Facebook``, ``Facebook Twitter LinkedIn Email``, ``Compartir en X``, ``Copy link``."""
    tokens = [t for t in re.split(r"[\s,;|·•/()]+", core) if t]
    return bool(tokens) and all(t in _SOCIAL_WORDS for t in tokens) and any(t in _SOCIAL_ANCHORS for t in tokens)


def is_related_heading(line: str) -> bool:
    """Return True for the heading of a list of links at the end of a page ("Related articles", "Lire aussi")."""
    core = _core(line)
    return core in _RELATED_HEADINGS or bool(_MORE_FROM_HEADING.match(core))


def footer_start(lines: list[str]) -> int:
    """Index of the first line of a page's footer (a related heading followed only by links), else ``len(lines)``.

    A related heading counts only when nothing after it reads like a paragraph of
    the story, so a "Read more" in the middle of an article cuts nothing.
    """
    only_links_after = [True] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        only_links_after[index] = only_links_after[index + 1] and _is_link_like(lines[index])
    for index, line in enumerate(lines):
        if index > 0 and is_related_heading(line) and only_links_after[index + 1]:
            return index
    return len(lines)


def _is_link_like(line: str) -> bool:
    """A line of a related-links list: a headline (short, no final full stop), a heading or boilerplate."""
    words = len(line.split())
    if words <= _SHORT_LINE_WORDS or is_boilerplate(line) or is_related_heading(line):
        return True
    return words <= _LINK_MAX_WORDS and not _SENTENCE_END.search(line.strip())


# --- header lines: bylines and dates -------------------------------------------------------------


def read_header_line(line: str, labelled_only: bool = False) -> LineFacts | None:
    """What a byline or date line states, or None when any part of it is not understood (prose).

    A line is split at its date labels (``Published``, ``modifié le``,
    ``Aktualisiert``, ``Actualizado``…), then each part at ``|``, ``·`` and spaced
    dashes; every piece must be a date, a time, a relative time, a reading time,
    a byline, an outlet, a place or a role. Places, roles and names without *By*
    count only beside a date or a byline; a known outlet alone counts. With
    ``labelled_only`` (past the header) the line must start with a date label.
    """
    stripped = _BULLET.sub("", line.strip())
    if not stripped or len(stripped.split()) > HEADER_LINE_MAX_WORDS:
        return None
    if labelled_only and _DATE_LABEL.match(stripped) is None:
        return None  # the common case in a long story: one regex, no dateparser
    labels = list(_DATE_LABEL.finditer(stripped))
    if labelled_only and (not labels or labels[0].start() != 0):
        return None
    parts: list[tuple[str | None, str]] = []
    head = stripped[: labels[0].start()] if labels else stripped
    if head.strip(" ,;:-–—|·•"):
        parts.append((None, head))
    for position, label in enumerate(labels):
        end = labels[position + 1].start() if position + 1 < len(labels) else len(stripped)
        parts.append(("published" if label.group("published") else "updated", stripped[label.end() : end]))
    facts = LineFacts()
    for kind, part in parts:
        part_facts = _read_part(part)
        if part_facts is None or (kind is not None and not part_facts.tells_time):
            return None  # "Updated" must say when; "The date of the vote…" is prose
        if kind is not None:
            date = part_facts.stated
            part_facts.stated = None
            if kind == "published":
                part_facts.published = date
            else:
                part_facts.updated = date
        facts.merge(part_facts)
    if facts.tells_time or facts.bylines:
        return facts
    if facts.outlets and all(_is_known_outlet(outlet) for outlet in facts.outlets):
        return facts  # "Reuters", "BBC News, Brussels"; not "Breaking News"
    return None


def _read_part(text: str) -> LineFacts | None:
    """What one part of a header line states (see :func:`read_header_line`), or None."""
    text = text.strip(" \t,;:–—-|·•")
    if not text:
        return LineFacts()
    if _mentions_year(text):
        date = parse_full_date(text)  # "3:45 PM EST, Thu November 21, 2026" holds commas and spaces
        if date is not None:
            return LineFacts(stated=date, tells_time=True)
    pieces = [piece.strip(" ,;:") for piece in _PART_SEPARATOR.split(text)]
    pieces = [piece for piece in pieces if piece]
    if len(pieces) == 1:
        return _read_piece(text) or _read_comma_pieces(text)
    return _read_pieces(pieces, split_commas=True)


def _read_comma_pieces(text: str) -> LineFacts | None:
    """``BBC News, Brussels``, ``Europe correspondent, Brussels``, ``9:14 AM GMT+1, November 21, 2026``."""
    if "," not in text:
        return None
    first, _, rest = text.partition(",")
    for pieces in ([first, rest], text.split(",")):
        facts = _read_pieces([piece.strip() for piece in pieces if piece.strip()], split_commas=False)
        if facts is not None and not facts.bylines:  # a byline reads its own commas
            return facts
    return None


def _read_pieces(pieces: list[str], split_commas: bool) -> LineFacts | None:
    """What the pieces of a line state together, or None when one is not understood.

    A date and a separate time (``21 nov 2026 - 14:05 CET``, ``9:14 AM GMT+1,
    November 21, 2026``) are read together as one moment.
    """
    facts = LineFacts()
    date_piece: str | None = None
    time_piece: str | None = None
    for piece in pieces:
        piece_facts = _read_piece(piece) or (_read_comma_pieces(piece) if split_commas else None)
        if piece_facts is None:
            return None
        if piece_facts.stated is not None and date_piece is None:
            date_piece = piece
        elif _TIME_ONLY.match(piece) and time_piece is None:
            time_piece = piece
        facts.merge(piece_facts)
    if date_piece is not None and time_piece is not None and not isinstance(facts.stated, dt.datetime):
        facts.stated = parse_full_date(f"{date_piece} {time_piece}") or facts.stated
    return facts


def _read_piece(piece: str) -> LineFacts | None:
    """One piece of a header line: a date, a time, a byline, an outlet, a role, a place; None for prose."""
    core = _core(piece)
    if _READING_TIME.match(core) or is_boilerplate(piece):
        return LineFacts()
    if _RELATIVE_TIME.match(core) or _TIME_ONLY.match(piece):
        return LineFacts(tells_time=True)
    if _mentions_year(piece):
        date = parse_full_date(piece)
        return LineFacts(stated=date, tells_time=True) if date is not None else None
    byline = parse_byline(piece)
    if byline is not None:
        return LineFacts(bylines=[byline])
    outlet = _outlet_name(piece)
    if outlet is not None:
        return LineFacts(outlets=[outlet])
    if (
        _ROLE.search(piece)
        and len(piece.split()) <= 8
        and not re.search(r"\d", piece)
        and not _SENTENCE_END.search(piece)
    ):
        return LineFacts(roles=1)
    if _is_place_or_name(piece):
        return LineFacts()
    return None


def _mentions_year(text: str) -> bool:
    """True when the text holds a year, also one glued to a time (``20265:05 PM``)."""
    return bool(_YEAR.search(text) or _GLUED_YEAR_TIME.search(text))


def _role_line(line: str) -> LineFacts | None:
    """What a line under a name says when it is a role or an outlet (``Europe correspondent, Brussels``), else None."""
    stripped = line.strip()
    if len(stripped.split()) > 10:
        return None
    facts = _read_piece(stripped) or _read_comma_pieces(stripped)
    if facts is None or facts.bylines or facts.tells_time or not (facts.roles or facts.outlets):
        return None
    facts.roles = 0
    return facts


def _is_place_or_name(piece: str) -> bool:
    """``Brussels``, ``New York``, ``Rio de Janeiro``, ``Jane Doe``: one to four capitalised words, no digits."""
    tokens = piece.split()
    if not 1 <= len(tokens) <= 4:
        return False
    for position, token in enumerate(tokens):
        if position > 0 and token.casefold() in _NAME_PARTICLES | {"am", "sur", "upon", "on", "del", "de"}:
            continue
        if not _is_name_token(token):
            return False
    return True


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() and all(c.isalpha() or c in "'’.-" for c in token) and token.strip("'’.-") != ""


def is_person_name(text: str) -> bool:
    """Return True for a person's name: two to five capitalised words (particles such as *von der* allowed).

    A name does not start with a weekday, a month or a word that opens sentences
    (*Tuesday*, *Contrast*, *Order*), so ``By Tuesday Evening, …`` stays prose while
    *Theresa May* and *Jude Law* are names; months that are first names (*April*,
    *June*) are allowed.
    """
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for position, token in enumerate(tokens):
        if 0 < position < len(tokens) - 1 and token in _NAME_PARTICLES:
            continue
        if not _is_name_token(token) or (position == 0 and token.strip(".'’").casefold() in _NOT_NAME_WORDS):
            return False
        capitalised += 1
    return capitalised >= 2


def _is_name_line(line: str) -> bool:
    return len(line.split()) <= 4 and is_person_name(line) and not _SENTENCE_END.search(line)


def _display_name(name: str) -> str:
    """The name as written, except ``JANE DOE`` → ``Jane Doe``."""
    name = " ".join(name.split())
    return name.title() if name.isupper() and len(name) > 3 else name


def _outlet_name(text: str) -> str | None:
    """The text, trimmed, when it names a news outlet (a known one, or one with a press word), else None."""
    name = text.strip(" .,;:")
    if not name or len(name.split()) > 6 or re.search(r"[\d,;:|]", name):
        return None
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if name.casefold() in KNOWN_OUTLETS or bare.casefold() in KNOWN_OUTLETS:
        return name
    return name if is_outlet(name) else None


def parse_byline(text: str) -> Byline | None:
    """Return the names (and outlet) of a byline, or None when the text is not one.

    ``By Maria Schmidt, Brussels correspondent`` → Maria Schmidt (a role or place
    after the comma is dropped); ``By A and B``, ``By A, B and C``, ``Par A et B``;
    ``By Jane Doe, CNN`` and ``By CNN's Jane Doe`` also give the outlet;
    ``By Reuters``, ``Par AFP``, ``Von dpa`` give only the outlet. Every name must
    look like a person's (:func:`is_person_name`), so ``By the end of the year, …``
    and ``Par ailleurs, …`` are not bylines.
    """
    match = _BYLINE_START.match(" ".join(text.split()))
    if match is None or (match.group("word").casefold() in ("de", "di") and not match.group("lead")):
        return None
    rest = match.group("rest").strip()
    if len(rest.split()) > 14 or (_SENTENCE_END.search(rest) and not re.search(r"\b[A-Z]\.$", rest)):
        return None
    outlet: str | None = None
    for inner in _PARENTHESES.findall(rest):
        outlet = outlet or _outlet_name(inner)
    rest = " ".join(_PARENTHESES.sub(" ", rest).split())
    rest = _WITH_AGENCIES.sub("", rest).strip(" ,")
    chunks = [chunk.strip() for chunk in rest.split(",") if chunk.strip()]
    if not chunks:
        return None
    names_text, tail = chunks[0], chunks[1:]
    if tail and _AND.search(tail[-1]):  # "By A, B and C": every part a name
        listed = [*tail[:-1], *_AND.split(tail[-1])]
        if all(is_person_name(name) for name in listed):
            names_text, tail = ", ".join(chunks), []
    authors: list[str] = []
    for raw_name in _NAME_LIST.split(names_text):
        name = _STAFF.sub("", raw_name.strip()).strip()
        if not name or name.casefold() in _AGENCIES_WORDS:
            continue  # "By Jane Doe and agencies"
        known = _outlet_name(name)
        possessive = _POSSESSIVE.match(name)
        if known is not None and (not is_person_name(name) or _is_known_outlet(name)):
            outlet = outlet or known
        elif possessive and _outlet_name(possessive.group("outlet")) and is_person_name(possessive.group("name")):
            outlet = outlet or possessive.group("outlet")
            authors.append(_display_name(possessive.group("name")))
        elif is_person_name(name):
            authors.append(_display_name(name))
        else:
            return None
    for part in tail:
        named = _outlet_name(part)
        if named is not None:
            outlet = outlet or named
        elif len(part.split()) > 6:
            return None  # a role or a place is short; more is a sentence
    if not authors and outlet is None:
        return None
    return Byline(authors, outlet)


def _is_known_outlet(name: str) -> bool:
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return name.strip().casefold() in KNOWN_OUTLETS or bare.casefold() in KNOWN_OUTLETS


# --- outlets, datelines, dates ---------------------------------------------------------------------


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
    """Return the dateline at the start of a paragraph (outlet, date if it has a year, rest), or None.

    The outlet in the parentheses must be a known one or start with a capital
    (``(Reuters)``, ``(dpa)``), so ``The EU (which meets today) - agreed…`` is prose.
    """
    match = _DATELINE.match(paragraph)
    if match:
        outlet = match.group("outlet").strip()
        if len(outlet.split()) > 4 or not re.match(r"\w", outlet):
            return None
        if not (outlet[:1].isupper() or _is_known_outlet(outlet)):
            return None
        when = match.group("when")
        return Dateline(outlet, parse_full_date(when) if when else None, paragraph[match.end() :].strip())
    match = _DATELINE_NO_OUTLET.match(paragraph)
    if match:
        date = parse_full_date(match.group("when"))
        if date is not None:
            return Dateline(None, date, paragraph[match.end() :].strip())
    return _dateline_without_parentheses(paragraph)


def _dateline_without_parentheses(paragraph: str) -> Dateline | None:
    """``Brussels CNN — The European Union…``: a place, then a known outlet, then a dash."""
    match = _DATELINE_BARE_OUTLET.match(paragraph)
    if match is None:
        return None
    words = match.group("head").split()
    for size in range(1, min(4, len(words) - 1) + 1):
        outlet, place = " ".join(words[-size:]), " ".join(words[:-size]).rstrip(",")
        if _is_known_outlet(outlet) and _is_place_or_name(place):
            return Dateline(outlet, None, paragraph[match.end() :].strip())
    return None


_LEADING_PREPOSITION = re.compile(r"^(?:on|the|le|la|am|um|el|il|den|del|vom|op)\s+(?=\w)", re.IGNORECASE)
_SPACED_HOURS = re.compile(r"\b(\d{1,2})\s+h\s*(\d{2})\b")
_GLUED_YEAR_TIME = re.compile(r"(\b(?:19|20)\d\d)(\d{1,2}:\d{2})")
_DOTTED_TIME = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")


def _normalise_date_text(text: str) -> str:
    """Rewrite spellings dateparser misreads.

    ``le 21 …`` → ``21 …``, ``18 h 42`` → ``18h42``, ``14.05`` after the year →
    ``14:05``, and ``November 21, 20265:05 PM`` (a year and a time glued together
    when a page is copied) → ``2026 5:05 PM``.
    """
    text = _LEADING_PREPOSITION.sub("", " ".join(text.split()))
    text = _SPACED_HOURS.sub(r"\1h\2", text)
    text = _GLUED_YEAR_TIME.sub(r"\1 \2", text)
    year = _YEAR.search(text)
    if year is not None:
        text = text[: year.end()] + _DOTTED_TIME.sub(r"\1:\2", text[year.end() :])
    return text


def parse_full_date(text: str) -> DateValue | None:
    """Return the date in ``text`` (English, French, German…) if it has a day, month and year, else None.

    An ISO 8601 string is read by the one ISO reader (:func:`briefings.dates.read_iso_date`),
    keeping its offset and fractions. Free text is read with dateparser: a datetime
    (aware when the text gives an offset or zone, else naive) when a time is
    stated, else a date.
    """
    iso = read_iso_date(text)
    if iso is not None:
        return iso
    cleaned = _normalise_date_text(text)
    if not _YEAR.search(cleaned):
        return None
    found = dateparser.parse(
        cleaned,
        languages=LANGUAGES,
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["custom-formats", "absolute-time"],  # "2024. A year" is no date a year from now
        },
    )
    if found is None or str(found.year) not in cleaned:
        return None
    if _TIME.search(cleaned):
        return found.replace(microsecond=0)
    return dt.date(found.year, found.month, found.day)
