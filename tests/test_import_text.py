"""Raw text import: navigation lines, title, paragraphs, source rules and their traps, dates in English and French."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, SEED, import_site

from briefings.importers import read_input
from briefings.importers.from_text import (
    Dateline,
    is_boilerplate,
    is_navigation,
    is_outlet,
    outlet_in_title,
    parse_dateline,
    parse_full_date,
    parse_text,
)
from briefings.importers.write import ImportFailure
from briefings.text import derive_summary


def test_seed_article_title_source_body_and_no_date():
    draft = parse_text(SEED.read_text(encoding="utf-8"))
    assert draft.title == "Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde"
    assert draft.source == "Le Monde"
    assert draft.date is None  # "November 25" has no year: the command asks for --date
    paragraphs = draft.body.split("\n\n")
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Some Western countries are once again discussing")
    assert paragraphs[-1].endswith("escalating nuclear threats from Russia.")
    assert "Category" not in draft.body and "Latest news" not in draft.body


@pytest.mark.parametrize(
    "title, outlet",
    [
        ("Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde", "Le Monde"),
        ("Germany Prepares Bunker Plan, Reports Der Spiegel", "Der Spiegel"),
        ("Toyota to Cut Output in China – Nikkei", "Nikkei"),
        ("Fed Officials Split on December Cut, According to The Wall Street Journal", "The Wall Street Journal"),
        ("Oil Tanker Seized in Gulf, Says Kyiv Post", "Kyiv Post"),
        ("Strike Closes Ports, Says Hamburger Abendblatt Zeitung", "Hamburger Abendblatt Zeitung"),
        ("Ministers Resign Over Budget (Reuters)", "Reuters"),
        ("Parliament Votes Tonight, Le Figaro Reports", "Le Figaro"),
        ("Le gouvernement prépare un remaniement, selon Le Parisien", "Le Parisien"),
    ],
)
def test_outlet_named_in_title_is_the_source(title, outlet):
    assert outlet_in_title(title) == outlet


@pytest.mark.parametrize(
    "title",
    [
        "Western Troops Not Needed in Ukraine, Says Kremlin",
        "Europe Must Prepare for War, Says Macron",
        "More Air Defence on the Way, Says Pentagon Chief",
        "Sanctions Will Stay, Says White House",
        "Immigration Bill Is Unconstitutional, Says Le Pen",
        "Russia Gained Ground in November, Says NATO Chief",
        "Ceasefire Talks Collapse – Live Updates",
        "Budget Vote – What We Know",
        "Inflation Slows More Than Expected, Says Report",
        "Prices Will Fall, Says Post Office Chief",
    ],
)
def test_people_governments_and_generic_suffixes_are_not_outlets(title):
    assert outlet_in_title(title) is None


def test_is_outlet_known_names_and_press_words():
    assert is_outlet("Reuters") and is_outlet("reuters") and is_outlet("The Guardian")
    assert is_outlet("Sydney Morning Herald")
    assert not is_outlet("Zelensky") and not is_outlet("Defence Ministry") and not is_outlet("")


@pytest.mark.parametrize(
    "paragraph, outlet, date, rest",
    [
        ("KYIV, Nov 28 (Reuters) - Russia launched an attack.", "Reuters", None, "Russia launched an attack."),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "AP", None, "The Senate voted on Tuesday."),
        (
            "FRANCFORT, 12 déc 2024 (AFP) - La BCE a baissé ses taux.",
            "AFP",
            dt.date(2024, 12, 12),
            "La BCE a baissé ses taux.",
        ),
        ("LONDON, Dec 3, 2024 (Reuters) -- Shares fell.", "Reuters", dt.date(2024, 12, 3), "Shares fell."),
        (
            "PARIS, 25 novembre 2024 - Le Sénat a adopté le texte.",
            None,
            dt.date(2024, 11, 25),
            "Le Sénat a adopté le texte.",
        ),
    ],
)
def test_datelines_give_outlet_and_date_and_leave_the_body(paragraph, outlet, date, rest):
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.outlet, dateline.date, dateline.rest) == (outlet, date, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The minister (who spoke on condition of anonymity) - said nothing.",
        "Some Western countries are once again discussing the possibility of sending troops.",
        "NATO, the alliance - founded in 1949 - met again.",
    ],
)
def test_ordinary_sentences_are_not_datelines(paragraph):
    assert parse_dateline(paragraph) is None


def test_french_dateline_fixture_gives_afp_and_date_and_drops_breadcrumbs():
    [item] = read_input(FIXTURES / "afp-francfort.txt")
    draft = item.draft
    assert draft is not None
    assert draft.title == "La BCE abaisse ses taux pour la quatrième fois cette année"
    assert draft.source == "AFP"
    assert draft.date == dt.date(2024, 12, 12)
    assert draft.body.startswith("La Banque centrale européenne a abaissé jeudi")
    assert "FRANCFORT" not in draft.body and "Accueil" not in draft.body
    assert draft.body.count("\n\n") == 2  # three paragraphs


def test_reuters_dateline_without_year_gives_source_but_no_date():
    [item] = read_input(FIXTURES / "reuters-kyiv.txt")
    assert item.draft is not None
    assert item.draft.source == "Reuters"
    assert item.draft.date is None
    assert item.draft.body.startswith("Russia launched a massive missile")
    assert "KYIV" not in item.draft.body


def test_published_line_and_byline_are_metadata_and_kremlin_is_no_source():
    [item] = read_input(FIXTURES / "published-line.txt")
    draft = item.draft
    assert draft is not None
    assert draft.title == "Talks on Ceasefire Resume in Doha, Says Kremlin"
    assert draft.source is None
    assert isinstance(draft.date, dt.datetime)
    assert draft.date.isoformat() == "2024-12-03T07:45:00+01:00"
    assert draft.author == "Maria Kowalska"
    assert "Published" not in draft.body and "Maria" not in draft.body
    assert draft.body.startswith("Negotiators returned to Doha")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Published: November 25, 2024", dt.date(2024, 11, 25)),
        ("Publié le 25 novembre 2024 à 08h30", dt.datetime(2024, 11, 25, 8, 30)),
        ("Publié le lundi 2 décembre 2024", dt.date(2024, 12, 2)),
        ("Veröffentlicht am 3. Dezember 2024", dt.date(2024, 12, 3)),
    ],
)
def test_published_lines_in_several_languages(text, expected):
    draft = parse_text(f"A Title With Words\n{text}\nFirst paragraph here.")
    assert draft.date == expected
    assert draft.body == "First paragraph here."


def test_dates_need_a_year():
    assert parse_full_date("November 25") is None
    assert parse_full_date("25 novembre") is None
    assert parse_full_date("25 novembre 2024") == dt.date(2024, 11, 25)


@pytest.mark.parametrize(
    "line",
    ["- Category", "- Latest news", "- World", "- Économie", "Home › World › Europe", "Latest news", "Économie", ""],
)
def test_navigation_lines(line):
    assert is_navigation(line)


@pytest.mark.parametrize("line", ["Western Nations Revive Debate Over Sending Troops", "La BCE abaisse ses taux"])
def test_titles_are_not_navigation(line):
    assert not is_navigation(line)


def test_body_lines_become_paragraphs_and_markdown_syntax_is_escaped():
    draft = parse_text(
        "Nav\nA Proper Title Here\nline one\n\n\nline two <script>x</script>\n# not a heading\n2024. A year"
    )
    assert draft.body == "line one\n\nline two &lt;script>x&lt;/script>\n\n\\# not a heading\n\n2024\\. A year"


def test_text_without_a_title_fails():
    with pytest.raises(ImportFailure, match="no title"):
        parse_text("- Home\n- News\n\n")


def test_crlf_and_bom_are_accepted(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeff- Menu\r\nTitle Of The Story\r\nFirst line.\r\nSecond line.\r\n".encode())
    [item] = read_input(path)
    assert item.draft is not None
    assert item.draft.title == "Title Of The Story"
    assert item.draft.body == "First line.\n\nSecond line."


def test_published_line_without_a_full_date_is_dropped_but_gives_no_date():
    draft = parse_text("A Title With Words\nPublished: 2 hours ago\nFirst paragraph here.")
    assert draft.date is None
    assert draft.body == "First paragraph here."


# --- clippings as copied from news pages: header and footer lines (issue 12, item 7) ---------------

PARIS = dt.timezone(dt.timedelta(hours=1))


def clipping(name: str):
    [item] = read_input(FIXTURES / name)
    assert item.draft is not None, item.error
    return item.draft


def paragraphs(draft) -> list[str]:
    return draft.body.split("\n\n")


def test_english_clipping_comma_byline_published_line_and_footer():
    draft = clipping("clipping-en-brussels.txt")
    assert draft.title == "EU Agrees New Sanctions Package Targeting Russia's Shadow Fleet"
    assert draft.author == "Maria Schmidt"  # "Brussels correspondent" is a role, not a name
    assert isinstance(draft.date, dt.datetime)
    assert draft.date.isoformat() == "2026-11-21T14:05:00+01:00"  # the Published line, not the Updated one
    assert draft.source is None
    body = paragraphs(draft)
    assert body[0] == "Ambassadors also backed a review of the oil price cap as winter demand climbs."
    assert body[1].startswith("European Union ambassadors agreed on Friday")
    assert body[-1].startswith("Diplomats said the talks had been difficult")
    assert any(p.startswith("By the end of the year, the Commission expects") for p in body)  # prose, not a byline
    assert len(body) == 6
    for line in ("Maria Schmidt", "Published", "Updated", "Share this", "Listen", "Advertisement", "Read more"):
        assert line not in draft.body
    for line in ("Photograph", "Related articles", "How the shadow fleet", "©", "All rights reserved"):
        assert line not in draft.body
    assert derive_summary(draft.body).startswith("Ambassadors also backed")  # not the byline


def test_french_clipping_long_published_line_with_modified_part():
    draft = clipping("clipping-fr-lemonde.txt")
    assert draft.title == "Les Européens s’accordent sur un nouveau paquet de sanctions contre la Russie"
    assert draft.author == "Jean Dupont"
    assert draft.date == dt.datetime(2026, 11, 19, 18, 42)  # "Publié le …", not "modifié le …"
    body = paragraphs(draft)
    assert body[0].startswith("Les ambassadeurs des Vingt-Sept ont validé")
    assert body[1].startswith("Les Vingt-Sept ont fini par s’entendre.")
    assert body[-1].startswith("Par ailleurs, la Commission prépare")  # "Par ailleurs" is prose
    assert len(body) == 4
    for line in ("Publié", "Lecture", "Partager", "abonnés", "Offrir", "Lire aussi", "Photo", "même sujet", "droits"):
        assert line not in draft.body


def test_german_clipping_stand_line_two_authors_and_footer():
    draft = clipping("clipping-de-tagesschau.txt")
    assert draft.title == "EU einigt sich auf neues Sanktionspaket gegen Russland"
    assert draft.author == "Anna Müller, Jan Peters"
    assert draft.date == dt.datetime(2026, 11, 21, 14, 5)  # "Stand:" is the only date given
    body = paragraphs(draft)
    assert body[0].startswith("Die EU-Staaten haben sich auf ein weiteres Sanktionspaket")
    assert "Von Anfang an war klar, dass die Verhandlungen schwierig werden würden, sagten Diplomaten." in body
    assert body[-1] == "Mit dem neuen Paket stehen mehr als 200 Schiffe auf der Liste."
    assert len(body) == 4
    for line in (
        "Stand:",
        "Lesezeit",
        "teilen",
        "Anzeige",
        "Lesen Sie auch",
        "Mehr zum Thema",
        "Ungarn gibt",
        "Rechte",
    ):
        assert line not in draft.body


def test_spanish_clipping_byline_with_place_and_published_line():
    draft = clipping("clipping-es-elpais.txt")
    assert draft.title == "La UE aprueba un nuevo paquete de sanciones contra Rusia"
    assert draft.author == "María García Bermejo"
    assert isinstance(draft.date, dt.datetime)
    assert (draft.date.replace(tzinfo=None), draft.date.utcoffset()) == (
        dt.datetime(2026, 11, 21, 14, 5),
        dt.timedelta(hours=1),
    )
    body = paragraphs(draft)
    assert body[0].startswith("Los Veintisiete apuntan a la flota fantasma")
    assert body[-1].startswith("Por su parte, la Comisión Europea")
    assert len(body) == 3
    for line in ("Publicado", "Actualizado", "Compartir", "Copiar", "Leer más", "Publicidad", "Más información"):
        assert line not in draft.body
    assert "derechos" not in draft.body and "Hungría levanta su veto" not in draft.body


def test_wire_clipping_glued_timestamp_two_authors_and_credit_lines():
    draft = clipping("clipping-reuters-wire.txt")
    assert draft.author == "Tom Balmforth, Olena Harmash"
    assert draft.source == "Reuters"
    assert isinstance(draft.date, dt.datetime)
    assert draft.date.isoformat() == "2026-11-21T17:05:00+01:00"  # "November 21, 20265:05 PM GMT+1Updated …"
    assert paragraphs(draft) == [
        "Russian drones struck energy facilities in three Ukrainian regions overnight, officials said on Friday,"
        " causing power cuts for tens of thousands of households.",
        "Air defences shot down most of the drones, the air force said.",
    ]


def test_import_writes_author_and_date_and_leaves_header_lines_out(tmp_path):
    site = import_site(tmp_path / "site")
    result = site.run_import(FIXTURES / "clipping-en-brussels.txt", "--topic", "economy")
    assert result.exit_code == 0, result.output
    [path] = site.files()
    post = site.post(path)
    assert post["author"] == "Maria Schmidt"
    assert post["date"] == "2026-11-21T14:05:00+01:00"
    assert "summary" not in post.metadata  # derived from the first paragraph, which is the standfirst
    assert post.content.startswith("Ambassadors also backed a review of the oil price cap")
    assert "Share this article" not in post.content and "All rights reserved" not in post.content


ARTICLE_START = "European Union ambassadors agreed on Friday to a new package of sanctions."


def with_header(*lines: str) -> str:
    return "\n".join(["EU Agrees New Sanctions Package", *lines, ARTICLE_START])


@pytest.mark.parametrize(
    "line, author, source",
    [
        ("By Maria Schmidt, Brussels correspondent", "Maria Schmidt", None),
        ("By Jane Doe and John Smith", "Jane Doe, John Smith", None),
        ("By Jane Doe, John Smith and Ana Ruiz", "Jane Doe, John Smith, Ana Ruiz", None),
        ("By Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("By Jane Doe, CNN", "Jane Doe", "CNN"),
        ("By CNN's Jane Doe", "Jane Doe", "CNN"),
        ("By Reuters", None, "Reuters"),
        ("By Reuters Staff", None, "Reuters"),
        ("By The Associated Press", None, "The Associated Press"),
        ("BY JANE DOE", "Jane Doe", None),
        ("Analysis by Jane Doe", "Jane Doe", None),
        ("By Ursula von der Leyen", "Ursula von der Leyen", None),
        ("By Jean-Noël Barrot", "Jean-Noël Barrot", None),
        ("By J. R. Smith", "J. R. Smith", None),
        ("By Theresa May", "Theresa May", None),  # a month in a surname
        ("By April Rubin", "April Rubin", None),  # a month as a first name
        ("Par Jean Dupont (Bruxelles, bureau européen)", "Jean Dupont", None),
        ("Par Jean Dupont et Marie Durand", "Jean Dupont, Marie Durand", None),
        ("Par Le Monde avec AFP", None, "Le Monde"),
        ("Par AFP", None, "AFP"),
        ("Von Anna Müller, Berlin", "Anna Müller", None),
        ("Von dpa", None, "dpa"),
        ("Por María García | Madrid", "María García", None),
        ("Por EFE", None, "EFE"),
        ("By Jane Doe · 5 min read · November 21, 2026", "Jane Doe", None),
    ],
)
def test_bylines_give_the_author_or_the_source_and_leave_the_body(line, author, source):
    draft = parse_text(with_header(line))
    assert (draft.author, draft.source) == (author, source)
    assert draft.body == ARTICLE_START


@pytest.mark.parametrize(
    "paragraph",
    [
        "By the end of the year, the Commission expects to propose a further package.",
        "By Tuesday, ministers had agreed on the text.",
        "By Tuesday Evening",
        "By Christmas Eve",
        "By contrast, Germany abstained.",
        "By March 2027 the fleet will be replaced.",
        "By Order of the President",
        "Par ailleurs, le gouvernement prépare un remaniement.",
        "Par exemple",
        "Von Anfang an war klar, dass es schwierig wird.",
        "Von Berlin aus",
        "Por su parte, el ministro no quiso comentar.",
        "Por ello",
    ],
)
def test_prose_that_starts_like_a_byline_stays_in_the_body(paragraph):
    draft = parse_text(with_header(paragraph))
    assert draft.author is None and draft.source is None
    assert draft.body == f"{paragraph}\n\n{ARTICLE_START}"


@pytest.mark.parametrize(
    "line, date",
    [
        ("Published: November 21, 2026 at 14:05 CET", dt.datetime(2026, 11, 21, 14, 5, tzinfo=PARIS)),
        ("Publié le 19 novembre 2026 à 18h42, modifié le 20 novembre 2026 à 09h10", dt.datetime(2026, 11, 19, 18, 42)),
        ("Publié le 19 novembre 2026 à 18 h 42", dt.datetime(2026, 11, 19, 18, 42)),
        ("Veröffentlicht am 21.11.2026, 14.05 Uhr", dt.datetime(2026, 11, 21, 14, 5)),
        ("Veröffentlicht am 21. November 2026, 14:05 Uhr", dt.datetime(2026, 11, 21, 14, 5)),
        ("Publicado el 21/11/2026 a las 14:05", dt.datetime(2026, 11, 21, 14, 5)),
        ("Published 2026-11-21T13:05:00Z", dt.datetime(2026, 11, 21, 13, 5, tzinfo=dt.UTC)),
        ("Thu 21 Nov 2026 14.05 CET", dt.datetime(2026, 11, 21, 14, 5, tzinfo=PARIS)),
        ("Madrid - 21 nov 2026 - 14:05 CET", dt.datetime(2026, 11, 21, 14, 5, tzinfo=PARIS)),
        ("21 November 2026", dt.date(2026, 11, 21)),
        ("November 21, 2026 5:05 PM GMT+1 Updated 2 hours ago", dt.datetime(2026, 11, 21, 17, 5, tzinfo=PARIS)),
        ("Stand: 21.11.2026 14:05 Uhr", dt.datetime(2026, 11, 21, 14, 5)),
        ("Updated 3:45 PM EST, Thu November 21, 2026", dt.datetime(2026, 11, 21, 20, 45, tzinfo=dt.UTC)),
        ("Mis à jour le 20 novembre 2026 à 09h10", dt.datetime(2026, 11, 20, 9, 10)),
        ("Aktualisiert am 21.11.2026 um 16:30 Uhr", dt.datetime(2026, 11, 21, 16, 30)),
        ("Actualizado: 21 nov 2026 - 16:30 CET", dt.datetime(2026, 11, 21, 16, 30, tzinfo=PARIS)),
    ],
)
def test_published_and_updated_lines_give_the_date_and_leave_the_body(line, date):
    draft = parse_text(with_header("By Maria Schmidt, Brussels correspondent", line))
    assert draft.date == date
    assert type(draft.date) is type(date)
    assert draft.author == "Maria Schmidt"
    assert draft.body == ARTICLE_START


def test_published_line_wins_over_updated_line_and_dateline():
    text = with_header(
        "Updated: November 22, 2026 at 09:00 CET",
        "Published: November 21, 2026 at 14:05 CET",
    ).replace(ARTICLE_START, "BRUSSELS, Nov 20, 2026 (Reuters) - " + ARTICLE_START)
    draft = parse_text(text)
    assert draft.date == dt.datetime(2026, 11, 21, 14, 5, tzinfo=PARIS)
    assert draft.source == "Reuters"
    assert draft.body == ARTICLE_START


def test_updated_line_is_only_a_fallback():
    draft = parse_text(with_header("Updated: November 22, 2026"))
    assert draft.date == dt.date(2026, 11, 22)
    dated = parse_text(
        with_header("Updated: November 22, 2026").replace(ARTICLE_START, "PARIS, 20 novembre 2026 - Texte.")
    )
    assert dated.date == dt.date(2026, 11, 20)  # a dateline with a year comes before an update


def test_a_published_line_further_down_is_read_and_dropped():
    text = with_header("Second paragraph of the story, long enough to be prose for sure.", "Published: 21/11/2026")
    draft = parse_text(text)
    assert draft.date == dt.date(2026, 11, 21)
    assert "Published" not in draft.body


def test_a_date_line_in_the_middle_of_the_story_is_prose():
    story = [f"Paragraph {n} of the story, long enough to count as prose in a clipping." for n in range(1, 5)]
    draft = parse_text(with_header(*story, "21 November 2026", "The talks then resumed."))
    assert draft.date is None
    assert "21 November 2026" in draft.body


def test_name_line_followed_by_a_role_line_is_the_byline():
    draft = parse_text(with_header("Jane Doe", "Europe correspondent, Brussels", "21 November 2026"))
    assert (draft.author, draft.date, draft.body) == ("Jane Doe", dt.date(2026, 11, 21), ARTICLE_START)


def test_outlet_line_in_the_header_is_the_source():
    draft = parse_text(with_header("BBC News, Brussels", "21 November 2026"))
    assert (draft.source, draft.body) == ("BBC News", ARTICLE_START)


def test_lines_before_the_title_that_are_dates_or_boilerplate_are_not_the_title():
    draft = parse_text(
        "Sign up for our morning newsletter\nAdvertisement\nNovember 21, 2026\nEU Agrees New Sanctions Package\n"
        + ARTICLE_START
    )
    assert draft.title == "EU Agrees New Sanctions Package"
    assert draft.date == dt.date(2026, 11, 21)
    assert draft.body == ARTICLE_START


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share",
        "Share on Facebook",
        "Facebook Twitter LinkedIn Email",
        "Copy link",
        "Gift this article",
        "Partager sur Facebook",
        "Artikel teilen",
        "Compartir en X",
        "Listen to this article",
        "Listen to this article · 5:12 min",
        "Écouter cet article",
        "Artikel anhören",
        "5 min read",
        "5-minute read",
        "Reading time: 4 minutes",
        "Lecture 3 min",
        "Temps de lecture : 3 min.",
        "Lesezeit: 3 Min.",
        "3 Min. Lesezeit",
        "Tiempo de lectura: 4 min",
        "Advertisement",
        "Skip advertisement",
        "Story continues below advertisement",
        "Publicité",
        "Anzeige",
        "Publicidad",
        "Sign up for our morning newsletter",
        "Inscrivez-vous à notre newsletter",
        "Suscríbete a nuestra newsletter",
        "Follow us on Instagram",
        "Suivez-nous sur X",
        "Folgen Sie uns auf Instagram",
        "Síguenos en Twitter",
        "Read more: EU ministers split over frozen assets",
        "READ MORE: EU ministers split over frozen assets",
        "Lire aussi | Sanctions : la Hongrie lève son veto",
        "Lire aussi l’analyse : Sanctions, la Hongrie lève son veto",
        "Lesen Sie auch: Streit um eingefrorene Vermögen",
        "Leer más: Los activos rusos congelados",
        "Más información: Qué es la flota fantasma",
        "© 2026 Example Media Ltd. All rights reserved.",
        "Copyright 2026 The Associated Press. All rights reserved.",
        "Tous droits réservés.",
        "Alle Rechte vorbehalten.",
        "Todos los derechos reservados.",
        "Photo: Jane Doe/AFP",
        "Photo : John Thys/AFP",
        "Foto: dpa",
        "(AFP)",
        "Image source, Getty Images",
        "Image caption, Ms Kallas said the package was ready",
        "A European Commission official holds the list in Brussels. Photograph: Olivier Hoslet/EPA",
        "Ursula von der Leyen in Strasbourg on Wednesday. REUTERS/Yves Herman",
        "Reporting by Tom Balmforth; Editing by Alex Richardson",
        "Article réservé aux abonnés",
        "Offrir cet article",
        "24 comments",
    ],
)
def test_header_and_footer_boilerplate_lines(line):
    assert is_boilerplate(line)
    assert parse_text(with_header(line)).body == ARTICLE_START


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Friday after the announcement.",
        "Follow the money, the prosecutor told the court.",
        "He said the newsletter had 10,000 readers and would now close.",
        "Photographs of the meeting were published on Friday by the commission.",
        "The report was read more than a million times in its first week.",
        "Advertising revenue fell by a third, the company said.",
        "Listen carefully, she told the delegates.",
        "Copyright law will change next year, the minister said.",
        "Ministers said the reading of the text would take three days.",
        "Die Anzeige wurde am Freitag erstattet.",
        "Lire la suite du rapport prendra du temps, a-t-il dit.",
    ],
)
def test_prose_with_boilerplate_words_is_not_boilerplate(line):
    assert not is_boilerplate(line)
    assert parse_text(with_header(line)).body == f"{line}\n\n{ARTICLE_START}"


def test_related_links_at_the_end_are_cut_but_a_heading_before_prose_is_only_that_line():
    related = [
        "EU Agrees New Sanctions Package",
        ARTICLE_START,
        "The second paragraph continues the story.",
        "Related",
        "EU ministers split over frozen assets",
        "How the shadow fleet keeps Russian oil flowing",
        "2 hours ago",
    ]
    assert parse_text("\n".join(related)).body == f"{ARTICLE_START}\n\nThe second paragraph continues the story."
    text = [
        "EU Agrees New Sanctions Package",
        ARTICLE_START,
        "Read more",
        "The story goes on after the link, in full sentences.",
    ]
    assert (
        parse_text("\n".join(text)).body == f"{ARTICLE_START}\n\nThe story goes on after the link, in full sentences."
    )


def test_the_draft_says_which_line_gave_the_date():
    draft = clipping("clipping-fr-lemonde.txt")
    assert draft.date_origin == 'line 6: "Publié le 19 novembre 2026 à 18h42, modifié le 20 novembre 2026 à 09h…"'  # 70
    wire = clipping("clipping-reuters-wire.txt")
    assert wire.date_origin == 'line 4: "November 21, 20265:05 PM GMT+1Updated 2 hours ago"'
    dateline = clipping("afp-francfort.txt")
    assert dateline.date_origin is not None and dateline.date_origin.startswith('line 5: "FRANCFORT, 12 déc 2024 (AFP)')


def test_a_dateline_after_the_standfirst_is_read():
    draft = parse_text(
        with_header("Ministers met again after weeks of talks over the fleet of tankers.").replace(
            ARTICLE_START, "BRUSSELS, Nov 21 (Reuters) - " + ARTICLE_START
        )
    )
    assert draft.source == "Reuters"
    assert draft.body.endswith(f"\n\n{ARTICLE_START}")


@pytest.mark.parametrize(
    "paragraph",
    ["The EU (which meets today) - agreed on the text.", "Ministers (most of them) - not all - agreed."],
)
def test_a_parenthesis_in_lower_case_is_no_dateline_outlet(paragraph):
    assert parse_dateline(paragraph) is None


def test_byline_in_place_over_a_date_line():
    draft = parse_text(with_header("Jennifer Rankin in Brussels", "Fri 21 Nov 2026 14.05 CET", "Share"))
    assert (draft.author, draft.body) == ("Jennifer Rankin", ARTICLE_START)
    caption = parse_text(with_header("Emmanuel Macron in Brussels"))  # no date below: a caption, kept
    assert caption.author is None and caption.body.startswith("Emmanuel Macron in Brussels")


def test_name_role_and_place_lines_are_one_byline():
    draft = parse_text(
        with_header("MARÍA PÉREZ", "Corresponsal", "Bruselas", "Actualizado Viernes, 21 noviembre 2026 - 14:05")
    )
    assert (draft.author, draft.date, draft.body) == ("María Pérez", dt.datetime(2026, 11, 21, 14, 5), ARTICLE_START)


def test_time_before_the_day_is_read_with_it():
    draft = parse_text(with_header("By LORNE COOK", "Updated 9:14 AM GMT+1, November 21, 2026"))
    assert draft.author == "Lorne Cook"
    assert draft.date == dt.datetime(2026, 11, 21, 9, 14, tzinfo=PARIS)


def test_lines_without_words_and_the_author_name_in_the_footer_are_dropped():
    text = (
        with_header("By LORNE COOK", "00:00/02:41")
        + "\n___\nThe bloc acted after Hungary lifted its objections.\nLORNE COOK"
    )
    draft = parse_text(text)
    assert draft.body == f"{ARTICLE_START}\n\nThe bloc acted after Hungary lifted its objections."


def test_glued_skip_links_before_the_title_are_not_the_title():
    draft = parse_text("Skip to main contentSkip to navigation\nPrint subscriptions\n" + with_header())
    assert draft.title == "EU Agrees New Sanctions Package"


@pytest.mark.parametrize(
    "line",
    [
        "Follow AP’s coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine",
        "ene/dpa/Reuters",
        "Artikel zum Hören • 3 Min",
        "* * *",
    ],
)
def test_more_page_furniture(line):
    assert parse_text(with_header(line)).body == ARTICLE_START


def test_two_names_in_place_and_agencies_lines():
    draft = parse_text(with_header("Jennifer Rankin and Jakub Krupa in Brussels", "Fri 21 Nov 2026 14.05 CET"))
    assert (draft.author, draft.body) == ("Jennifer Rankin, Jakub Krupa", ARTICLE_START)
    assert parse_text(with_header("By Jane Doe and agencies")).author == "Jane Doe"
    assert parse_text(with_header("Guardian staff and agencies")).body == ARTICLE_START


def test_newspaper_clipping_with_caption_player_and_reporting_from_lines():
    draft = clipping("clipping-en-newspaper.txt")
    assert draft.title == "E.U. Agrees on New Sanctions Against Russia’s Shadow Fleet"
    assert draft.author == "Claire Dumont, Peter Haldane"  # the byline comes after a standfirst and a caption
    assert draft.date == dt.date(2026, 11, 21)  # "Updated 10:32 a.m. ET" gives a time but no day
    assert paragraphs(draft) == [
        "The package, the bloc’s 19th since the invasion of Ukraine, targets tankers that help Moscow evade"
        " an oil price cap.",
        "The European Union agreed on Friday to impose new sanctions on Russia, targeting dozens of tankers.",
        "The deal came after Hungary dropped its objections.",
        "Claire Dumont is the Brussels bureau chief for The Times.",
    ]


def test_dateline_with_an_outlet_and_no_parentheses():
    draft = parse_text(with_header("By Sophie Tanno", "Brussels CNN —") + "\nCNN’s Jane Doe contributed reporting.")
    assert (draft.author, draft.source, draft.body) == ("Sophie Tanno", "CNN", ARTICLE_START)
    assert parse_dateline("Brussels CNN — The vote passed.") == Dateline("CNN", None, "The vote passed.")
    assert parse_dateline("Talks went on — and on.") is None


def test_name_over_a_place_and_date_line_and_an_about_the_author_footer():
    text = with_header("Bernardo de Miguel", "Bruselas - 21 nov 2026 - 14:05 CET", "Ir a los comentarios")
    text += "\nSobre la firma\nBernardo de Miguel\nCorresponsal en Bruselas"
    draft = parse_text(text)
    assert (draft.author, draft.body) == ("Bernardo de Miguel", ARTICLE_START)
    assert draft.date == dt.datetime(2026, 11, 21, 14, 5, tzinfo=PARIS)


@pytest.mark.parametrize(
    "line",
    [
        "Listen to this article · 5:12 min Learn more",
        "This article has been updated.",
        "Reporting from Brussels",
        "European Union flags in Brussels.Credit...Olivier Hoslet/EPA, via Shutterstock",
        "See more on: European Union, Russia",
        "Zur Startseite",
    ],
)
def test_page_furniture_of_newspapers(line):
    assert is_boilerplate(line)
