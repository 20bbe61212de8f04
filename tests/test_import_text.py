"""Raw text import: navigation lines, title, paragraphs, source rules and their traps, dates in English and French."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, SEED

from briefings.importers import read_input
from briefings.importers.from_text import (
    is_navigation,
    is_outlet,
    outlet_in_title,
    parse_dateline,
    parse_full_date,
    parse_text,
)
from briefings.importers.write import ImportFailure


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
