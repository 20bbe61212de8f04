"""Saved web page import: metadata from the page's tags, main text without boilerplate, offline."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, assert_loads_cleanly, import_site

from briefings.importers import detect_kind, read_input
from briefings.importers.from_html import escape_angle_brackets, is_byline_or_stamp, parse_html, strip_site_suffix
from briefings.importers.write import ImportFailure

PAGE = FIXTURES / "news-page.html"


@pytest.fixture(scope="module")
def draft():
    return parse_html(PAGE.read_text(encoding="utf-8"))


def test_metadata(draft):
    assert draft.title == "EU Agrees New Sanctions Package Against Russia"
    assert draft.source == "The Brussels Times"
    assert draft.author == "Helena Varga"
    assert draft.source_url == "https://www.brusselstimes.example/world/eu-sanctions-package"  # canonical, not og:url
    assert isinstance(draft.date, dt.datetime)
    assert draft.date.isoformat() == "2024-12-16T18:45:00+01:00"


def test_article_paragraphs_are_kept_as_markdown(draft):
    assert draft.body.startswith("European Union ambassadors on Monday approved a fifteenth package")
    assert "Hungary dropped its objection late on Sunday" in draft.body
    assert "## Pressure on the shadow fleet" in draft.body
    assert draft.body.rstrip().endswith("no effect on the Russian economy.")
    assert "\n\n" in draft.body


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookies",  # cookie banner
        "Accept all",
        "Subscribe now",  # navigation
        "ADVERTISEMENT",  # ads
        "Sponsored",
        "mortgage",
        "Sign up for our newsletter",  # newsletter prompt
        "Get the morning briefing",
        "Read more",  # related links
        "NATO leaders gather",
        "National rail strike",
        "All rights reserved",  # footer
        "Privacy policy",
        "Home",  # breadcrumb
        "window.dataLayer",  # scripts
    ],
)
def test_boilerplate_is_removed(draft, boilerplate):
    assert boilerplate.lower() not in draft.body.lower()


def test_title_does_not_repeat_as_first_heading(draft):
    assert not draft.body.startswith("#")
    assert draft.title not in draft.body


def test_minimal_page_uses_title_tag_time_element_and_json_ld():
    html = (
        """<html><head><title>Storm Darragh Cuts Power to Thousands | Coast News</title>
    <script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "x"},
      {"@type": "NewsArticle", "author": [{"name": "Ann Lee"}, {"name": "Bo Chen"}], "publisher": """
        """{"name": "Coast News"}}]}</script>
    </head><body><article><h1>Storm Darragh Cuts Power to Thousands</h1>
    <time datetime="2024-12-07T06:10:00Z">7 Dec</time>
    <p>Storm Darragh brought winds of up to 150 km/h to the west coast overnight, """
        """cutting power to thousands of homes.</p>
    <p>Forecasters issued a rare red warning for the region and advised people to stay indoors.</p>
    </article></body></html>"""
    )
    draft = parse_html(html)
    assert draft.title == "Storm Darragh Cuts Power to Thousands"
    assert draft.source == "Coast News"
    assert draft.author == "Ann Lee, Bo Chen"
    assert draft.date == dt.datetime(2024, 12, 7, 6, 10, tzinfo=dt.UTC)
    assert draft.source_url is None
    assert "red warning" in draft.body


def test_page_without_article_text_fails():
    with pytest.raises(ImportFailure, match="no article text"):
        parse_html(
            "<html><head><title>Empty page here</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
        )


@pytest.mark.parametrize(
    "title, site, expected",
    [
        ("EU Agrees Sanctions | The Brussels Times", None, "EU Agrees Sanctions"),
        ("EU Agrees Sanctions - The Brussels Times", "The Brussels Times", "EU Agrees Sanctions"),
        ("Budget Vote - What We Know", "The Brussels Times", "Budget Vote - What We Know"),
        ("Budget Vote - What We Know", None, "Budget Vote - What We Know"),
    ],
)
def test_strip_site_suffix(title, site, expected):
    assert strip_site_suffix(title, site) == expected


def test_kind_is_detected_from_content_not_only_the_extension(tmp_path):
    renamed = tmp_path / "page.txt"
    renamed.write_bytes(PAGE.read_bytes())
    assert detect_kind(renamed, renamed.read_bytes()) == "html"
    [item] = read_input(renamed)
    assert item.draft is not None and item.draft.title == "EU Agrees New Sanctions Package Against Russia"


def test_latin1_page_with_declared_charset(tmp_path):
    page = tmp_path / "latin1.html"
    html = (
        '<html><head><meta charset="iso-8859-1"><meta property="og:title" content="Grève générale à Paris">'
        '<meta property="article:published_time" content="2024-12-05T10:00:00+01:00"></head><body><article>'
        "<p>Les syndicats appellent à une grève générale jeudi contre la réforme, avec des perturbations attendues.</p>"
        "<p>Le trafic ferroviaire sera très perturbé selon la SNCF, qui recommande de reporter les déplacements.</p>"
        "</article></body></html>"
    )
    page.write_bytes(html.encode("iso-8859-1"))
    [item] = read_input(page)
    assert item.error is None
    assert item.draft is not None and item.draft.title == "Grève générale à Paris"
    assert "Les syndicats appellent à une grève" in item.draft.body


def test_imported_page_file_loads_without_problems(tmp_path):
    site = import_site(tmp_path / "site")
    result = site.run_import(PAGE)
    assert result.exit_code == 0, result.output
    assert site.relative_files() == ["content/2024/12/2024-12-16-eu-agrees-new-sanctions-package-against-russia.md"]
    post = site.post(site.files()[0])
    assert post["date"] == "2024-12-16T18:45:00+01:00"
    assert post["topic"] == "economy"  # "sanctions", "oil", "economy" in the text
    assert post["author"] == "Helena Varga"
    [article] = assert_loads_cleanly(site).articles
    assert article.source == "The Brussels Times"
    assert article.summary.startswith("European Union ambassadors")


# --- real news pages: links, images, tags, JSON-LD, trafilatura run once (issue 12, items 8 and 13) ---

LEDGER = FIXTURES / "ledger-grid-outage.html"  # JSON-LD @graph, relative canonical, cookie banner, comments
QUOTIDIEN = FIXTURES / "quotidien-greve-sncf.html"  # saved by a browser ("saved from url"), no canonical, French


@pytest.fixture(scope="module")
def ledger():
    return parse_html(LEDGER.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def quotidien():
    return parse_html(QUOTIDIEN.read_text(encoding="utf-8"))


def test_news_page_metadata_from_json_ld_and_open_graph(ledger):
    assert ledger.title == "Power Grid Operator Blames Cyberattack for Nationwide Outage"
    assert ledger.source == "The Northern Ledger"  # og:site_name, not the publisher's company name
    assert ledger.author == "Priya Raman, Tom Ashworth"  # JSON-LD persons; article:author is a profile URL
    assert ledger.date == dt.datetime(2025, 3, 14, 7, 42, 10, tzinfo=dt.UTC)  # not the masthead's date
    # a relative canonical link, resolved against og:url; og:url's own ?ref=share is not taken
    assert ledger.source_url == "https://www.northernledger.example/news/uk/2025/03/grid-outage-cyberattack"


def test_saved_page_metadata(quotidien):
    assert quotidien.title == "Grève à la SNCF : un TGV sur deux circulera mardi dans le Sud-Est"
    assert quotidien.source == "Le Quotidien du Sud"  # JSON-LD publisher
    assert quotidien.author == "Claire Dubois"  # JSON-LD author given as a string
    assert quotidien.date is not None and quotidien.date.isoformat() == "2025-02-03T18:42:00+01:00"
    # no canonical link: the address the browser wrote when it saved the page
    assert quotidien.source_url == "https://www.quotidiendusud.example/economie/2025/02/03/greve-sncf-trafic.html"


def test_links_keep_their_address_made_absolute(ledger, quotidien):
    body = ledger.body
    assert "[National Cyber Security Centre](https://www.ncsc.example/news/grid-incident)" in body
    assert "[Kirkby](https://www.northernledger.example/places/kirkby)" in body  # root-relative
    assert "[Hexham](https://www.northernledger.example/places/hexham)" in body  # path-relative
    assert "[secure drop](https://www.northernledger.example/securedrop)" in body  # protocol-relative
    assert "[tips@northernledger.example](mailto:tips@northernledger.example)" in body
    assert "[Marseille](https://www.quotidiendusud.example/regions/marseille.html)" in quotidien.body
    assert "[l'information trafic](https://www.ter-sud.example/info-trafic)" in quotidien.body


def test_links_that_cannot_work_elsewhere_become_text(ledger):
    assert "parliament on Monday" in ledger.body  # javascript: link
    assert "javascript" not in ledger.body and "openModal" not in ledger.body
    assert "](#" not in ledger.body  # in-page anchors (footnotes) point nowhere once the text is moved


def test_markup_characters_in_text(ledger):
    assert "CO<sub>2</sub>" in ledger.body  # trafilatura's own inline HTML for subscripts is kept
    assert "was &lt; 5% of the total" in ledger.body  # a literal '<' renders as itself, no stray backslash
    assert "\\&lt;" not in ledger.body and "\\<" not in ledger.body


@pytest.mark.parametrize(
    "boilerplate",
    [
        "842 partners",  # cookie banner
        "I Accept",
        "Support the Ledger",  # navigation
        "Sign up to First Edition",  # newsletter
        "gridwatcher77",  # comments
        "About time someone",
        "Most viewed",  # related-article lists
        "Ferry workers",
        "Share on Facebook",
        "Registered in England",  # footer
        "window.__LEDGER_STATE__",
    ],
)
def test_news_page_boilerplate_is_removed(ledger, boilerplate):
    assert boilerplate not in ledger.body


@pytest.mark.parametrize("boilerplate", ["Avec votre accord", "Encore une grève", "Budget 2025", "Mentions légales"])
def test_saved_page_boilerplate_is_removed(quotidien, boilerplate):
    assert boilerplate not in quotidien.body


def test_article_text_of_the_news_page(ledger, quotidien):
    assert ledger.body.startswith("The operator of Britain's electricity transmission network said on Friday")
    assert "## Hospitals switched to generators" in ledger.body
    assert "a deliberate and sophisticated attack" in ledger.body
    assert "La direction de la SNCF a annoncé lundi soir" in quotidien.body
    assert quotidien.body.rstrip().endswith("sans frais jusqu'à dimanche.")


def test_og_image_with_its_alt_upgraded_to_https(ledger):
    # the first og:image is the article's (the second is the outlet's card); http is upgraded
    assert ledger.image == "https://cdn.northernledger.example/images/2025/03/substation-1200x630.jpg"
    assert ledger.image_alt == "Engineers in hard hats inspect a transformer at the Kirkby substation"
    assert ledger.notes == []


def test_twitter_image_described_by_the_matching_picture_in_the_page(quotidien):
    assert quotidien.image == "https://img.quotidiendusud.example/2025/02/03/1600/quai-gare-saint-charles.jpg"
    assert quotidien.image_alt == "Des voyageurs attendent sur un quai de la gare Saint-Charles, à Marseille"


def test_tags_from_article_tags_keywords_and_section(ledger, quotidien):
    assert ledger.tags[:3] == ["Cybersecurity", "Energy", "National Grid"]
    assert "UK news" in ledger.tags
    # keywords, then the section "Économie > Transports" (its last part; "transports" is there already)
    assert quotidien.tags == ["grève", "SNCF", "transports", "Sud-Est"]


def page(head: str = "", body_extra: str = "", title: str = "Harbour Strike Enters Second Week") -> str:
    """A small article page: ``head`` goes into <head>, ``body_extra`` into the article."""
    return f"""<!DOCTYPE html><html><head><title>{title} | Coast News</title>{head}</head><body>
    <article><h1>{title}</h1>{body_extra}
    <p>Dock workers in the port extended their strike on Monday, leaving dozens of ships waiting at anchor
    outside the harbour, and the port authority warned of shortages.</p>
    <p>The union said talks with employers had broken down over pay and night shifts, and that no new
    meeting was planned before the end of the month.</p></article>
    <footer><p>© 2023 Coast News. All rights reserved.</p></footer></body></html>"""


def test_no_date_is_taken_from_the_copyright_line():
    assert parse_html(page()).date is None  # trafilatura's wide date search read "© 2023" as 2023-01-01


def test_date_stated_only_in_the_text_is_found():
    draft = parse_html(page(body_extra="<p class='dateline'>Published: 21 November 2025</p>"))
    assert draft.date == dt.date(2025, 11, 21)


def test_base_element_is_the_base_of_relative_links():
    draft = parse_html(
        page(
            head='<base href="https://coast.example/news/2025/"><link rel="canonical" href="https://coast.example/x">',
            body_extra='<p>Read the <a href="port/statement.pdf">port statement</a> and the union letter today.</p>',
        )
    )
    assert "[port statement](https://coast.example/news/2025/port/statement.pdf)" in draft.body


def test_relative_links_without_any_page_address_become_text():
    links = '<p>See <a href="/ports">our port coverage</a> and <a href="https://union.example/">the union</a>.</p>'
    draft = parse_html(page(body_extra=links))
    assert "See our port coverage and [the union](https://union.example/)." in draft.body


def test_link_addresses_with_spaces_and_parentheses_stay_one_link():
    draft = parse_html(
        page(
            head='<link rel="canonical" href="https://coast.example/strike">',
            body_extra='<p>The <a href="https://wiki.example/Strike (1926)">general strike</a> and '
            '<a href="/files/union letter.pdf?utm_source=x">the letter</a> are cited.</p>',
        )
    )
    assert "[general strike](https://wiki.example/Strike%20%281926%29)" in draft.body
    assert "[the letter](https://coast.example/files/union%20letter.pdf)" in draft.body  # tracking dropped


def test_json_ld_image_object_with_caption():
    draft = parse_html(
        page(
            head="""<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Harbour Strike Enters Second Week", "image": {"@type": "ImageObject",
            "url": "https://coast.example/img/strike.jpg", "caption": "Ships at anchor off the harbour"}}</script>"""
        )
    )
    assert draft.image == "https://coast.example/img/strike.jpg"
    assert draft.image_alt == "Ships at anchor off the harbour"


def test_image_without_any_description_takes_the_title_and_says_so():
    draft = parse_html(page(head='<meta property="og:image" content="https://coast.example/img/strike.jpg">'))
    assert draft.image == "https://coast.example/img/strike.jpg"
    assert draft.image_alt == "Harbour Strike Enters Second Week"
    assert draft.notes == ["image_alt: the page describes no image; the title is used"]


@pytest.mark.parametrize(
    "image",
    ["data:image/png;base64,iVBORw0KGgo=", "/img/strike.jpg", "ftp://coast.example/strike.jpg", "javascript:alert(1)"],
)
def test_image_that_cannot_be_published_is_left_out(image):
    draft = parse_html(page(head=f'<meta property="og:image" content="{image}">'))
    assert draft.image is None and draft.image_alt is None


def test_relative_og_image_is_resolved_against_the_page_address():
    draft = parse_html(
        page(
            head='<link rel="canonical" href="https://coast.example/2025/strike">'
            '<meta property="og:image" content="/img/strike.jpg"><meta property="og:image:alt" content="Dockers">'
        )
    )
    assert draft.image == "https://coast.example/img/strike.jpg"
    assert draft.image_alt == "Dockers"


def test_trafilatura_reads_the_page_once(monkeypatch):
    import trafilatura.core

    calls = {"extraction": 0, "metadata": 0}
    sequence, metadata = trafilatura.core.trafilatura_sequence, trafilatura.core.extract_metadata

    def counted_sequence(*args, **kwargs):
        calls["extraction"] += 1
        return sequence(*args, **kwargs)

    def counted_metadata(*args, **kwargs):
        calls["metadata"] += 1
        return metadata(*args, **kwargs)

    monkeypatch.setattr(trafilatura.core, "trafilatura_sequence", counted_sequence)
    monkeypatch.setattr(trafilatura.core, "extract_metadata", counted_metadata)
    parse_html(PAGE.read_text(encoding="utf-8"))
    assert calls == {"extraction": 1, "metadata": 1}


def test_imported_news_page_has_image_and_tags_and_loads_cleanly(tmp_path):
    site = import_site(tmp_path / "site")
    result = site.run_import(LEDGER, "--topic", "economy")
    assert result.exit_code == 0, result.output
    [path] = site.files()
    post = site.post(path)
    assert post["image"] == "https://cdn.northernledger.example/images/2025/03/substation-1200x630.jpg"
    assert post["image_alt"] == "Engineers in hard hats inspect a transformer at the Kirkby substation"
    assert post["tags"][:3] == ["Cybersecurity", "Energy", "National Grid"]
    assert "[Kirkby](https://www.northernledger.example/places/kirkby)" in post.content
    [article] = assert_loads_cleanly(site).articles
    assert article.image == post["image"]


def test_byline_and_publication_stamp_left_in_the_text_are_dropped(quotidien):
    assert "Par Claire Dubois" not in quotidien.body  # the author and date are fields already
    assert quotidien.body.startswith("Les syndicats de contrôleurs maintiennent leur préavis")


@pytest.mark.parametrize(
    "paragraph, dropped",
    [
        ("Par Claire Dubois · Publié le 3 février 2025 à 18h42", True),
        ("By Helena Varga · 16 December 2024, 18:45", True),
        ("By **Ann Lee** and **Bo Chen**", True),
        ("By Jean-Pierre O’Neill, Brussels correspondent", True),
        ("Von Anna Keller und Jonas Weber, 3. März 2025", True),
        ("Por María López", True),
        ("Updated 14 March 2025 at 11:05 GMT", True),
        ("Mis à jour le 3 février 2025 à 21h10", True),
        ("By the end of the week, the union said it would return to the table.", False),
        ("By 2030 the city wants half of its power from renewables.", False),
        ("Von Berlin aus betrachtet ist das anders.", False),
        ("Por la tarde, 3 de marzo de 2025, llegaron los primeros camiones.", False),
        ("Published figures show unemployment fell in the spring.", False),
    ],
)
def test_is_byline_or_stamp(paragraph, dropped):
    assert is_byline_or_stamp(paragraph) is dropped


def test_a_byline_further_down_is_text():
    draft = parse_html(
        page(body_extra="<p>One.</p><p>Two.</p><p>Three.</p><p>By Ann Lee</p>")  # a fourth paragraph: kept
    )
    assert "By Ann Lee" in draft.body


def test_anchor_without_address_is_plain_text():
    draft = parse_html(page(body_extra='<p>The <a name="strike">strike</a> began <a>on Monday</a> at dawn.</p>'))
    assert "The strike began on Monday at dawn." in draft.body
    assert "[" not in draft.body


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("a \\< b and c < d", "a &lt; b and c &lt; d"),
        ("\\<script>alert(1)\\</script>", "&lt;script>alert(1)&lt;/script>"),
        ("H<sub>2</sub>O and x<sup>2</sup>, <u>underlined</u>", "H<sub>2</sub>O and x<sup>2</sup>, <u>underlined</u>"),
        ("code `a < b` stays", "code `a < b` stays"),
        ("```\nif a < b:\n```\nthen a < b", "```\nif a < b:\n```\nthen a &lt; b"),
        ("a literal backslash \\\\\\< here", "a literal backslash \\\\&lt; here"),
    ],
)
def test_escape_angle_brackets(markdown, expected):
    assert escape_angle_brackets(markdown) == expected


def test_singlefile_page_gives_its_address():
    saved = "<!--\n Page saved with SingleFile \n url: https://coast.example/2025/03/strike \n saved date: …\n-->"
    draft = parse_html(saved + page(body_extra='<p>The <a href="/union">union</a> said so on the record.</p>'))
    assert draft.source_url == "https://coast.example/2025/03/strike"
    assert "[union](https://coast.example/union)" in draft.body


def test_date_in_a_meta_tag_written_as_rfc_822():
    draft = parse_html(page(head='<meta name="pubdate" content="Fri, 14 Mar 2025 07:42:10 +0100">'))
    assert draft.date is not None and draft.date.isoformat() == "2025-03-14T07:42:10+01:00"


def test_tag_links_and_author_link_are_read_by_trafilatura():
    # the anchors keep their rel attributes: trafilatura finds tags by rel="tag" and the byline by rel="author"
    draft = parse_html(
        page(
            head='<link rel="canonical" href="https://coast.example/2025/03/strike">',
            body_extra='<p class="byline">By <a rel="author" href="/staff/ann-lee">Ann Lee</a></p>'
            '<div class="tags"><a rel="tag" href="/tag/ports">Ports</a>'
            ' <a rel="tag" href="/tag/strikes">Strikes</a></div>',
        )
    )
    assert draft.tags == ["Ports", "Strikes"]
    assert draft.author == "Ann Lee"


def test_twitter_image_alt_describes_og_image_when_the_card_has_no_image_of_its_own():
    draft = parse_html(
        page(
            head='<meta property="og:image" content="https://coast.example/img/strike.jpg">'
            '<meta name="twitter:image:alt" content="Ships at anchor">'
        )
    )
    assert (draft.image, draft.image_alt) == ("https://coast.example/img/strike.jpg", "Ships at anchor")


def test_alt_of_the_same_picture_in_another_size_and_format():
    draft = parse_html(
        page(
            head='<meta property="og:image" content="https://cdn.coast.example/2025/03/harbour-1200x630.jpg">',
            body_extra='<figure><img src="https://cdn.coast.example/480/harbour.jpg.webp" alt="Cranes idle">'
            '<img src="/img/logo.png" alt="Coast News"></figure>',
        )
    )
    assert draft.image_alt == "Cranes idle"


def test_organisation_as_json_ld_author_is_no_byline_and_byline_components_are_no_text():
    draft = parse_html(
        page(
            head="""<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
            "author": {"@type": "Organization", "name": "Coast News"}}</script>""",
            body_extra='<div data-component="byline-block"><span>Ann Lee</span><span>Coast News</span></div>',
        )
    )
    assert draft.author is None
    assert "Ann Lee" not in draft.body
