"""The interface language (``theme.language``): catalogues, fallbacks, and sites with no English left.

* The catalogues: every string extracted from the templates and the Python code
  (``scripts/update-catalogues``, as ``babel.cfg`` says) is in the French, German and
  Spanish ``.po`` files, translated, not fuzzy, with the same placeholders; the script
  would change nothing (it is idempotent and has been run).
* A site in French, German or Spanish: the visible text of every page kind (and of
  the email page and the feeds) holds no English msgid whose translation differs.
  The articles are written in the site's language, so nothing English in the pages can
  come from the content.
* ``fr_CA`` uses French (and Material's French); ``pt`` and ``xx`` build in English
  with exactly one warning, which does not fail ``--strict``.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import logging
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import lxml.html
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from helpers import REPO, FixtureSite, read_page, write_site

from briefings import i18n
from briefings.group import group_articles
from briefings.i18n import (
    InterfaceLanguage,
    browser_strings,
    interface_language,
    material_language,
    messages_for,
    translations_for,
    untranslated_warning,
)
from briefings.model import SiteSettings
from briefings.render import Renderer

SHIPPED = ("de", "es", "fr")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


def load_script() -> ModuleType:
    """``scripts/update-catalogues`` (a file without ``.py``) as a module."""
    path = REPO / "scripts" / "update-catalogues"
    loader = importlib.machinery.SourceFileLoader("update_catalogues", str(path))
    spec = importlib.util.spec_from_loader("update_catalogues", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def template(script: ModuleType) -> Catalog:
    return script.extract()


def catalogue(language: str) -> Catalog:
    with (i18n.LOCALE_DIR / language / "LC_MESSAGES" / "briefings.po").open("rb") as po:
        return read_po(po, locale=language, domain="briefings")


def forms(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def key(message: Message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


# --- the catalogues ------------------------------------------------------------------------


def test_the_extraction_finds_the_strings_of_templates_python_and_theme(template: Catalog) -> None:
    ids = {key(m)[1] for m in template if m.id}
    assert {"Archive", "Latest", "Switch to dark mode"} <= ids  # Python: render.py, plugin.py (N_)
    assert {"Page not found", "Search this site"} <= ids  # the plugin's theme (404.html)
    assert {"%(num)d tag", "Unsubscribe", "Read on %(site)s"} <= ids  # page, email and feed templates
    assert {"{n} result", "Sort by"} <= ids  # the search UI's strings (briefings.i18n.browser_strings)
    assert "Today" not in ids  # the nav label that pointed at a briefing days old


@pytest.mark.parametrize("language", SHIPPED)
def test_every_string_is_translated_in_each_catalogue(language: str, template: Catalog) -> None:
    translated = catalogue(language)
    missing, empty = [], []
    for message in template:
        if not message.id:
            continue
        found = translated.get(message.id, message.context)
        if found is None:
            missing.append(key(message))
        elif not all(forms(found.string)) or found.fuzzy:
            empty.append(key(message))
    assert not missing, f"{language}: not in the catalogue (run scripts/update-catalogues): {missing}"
    assert not empty, f"{language}: untranslated or fuzzy: {empty}"


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_the_placeholders_and_the_markup(language: str) -> None:
    translated = catalogue(language)
    assert [problem for problem in translated.check()] == []  # Babel: python-format placeholders, plural forms
    for message in translated:
        if not message.id:
            continue
        source = forms(message.id)
        for form in forms(message.string):
            # {n} / {q} (filled in by search.js) and %(name)s, all of them in the plural form at least
            assert set(PLACEHOLDER.findall(form)) <= set(PLACEHOLDER.findall(source[-1])), (message.id, form)
            assert len(TAG.findall(form)) == len(TAG.findall(source[0])), (message.id, form)
        assert set(PLACEHOLDER.findall(forms(message.string)[-1])) == set(PLACEHOLDER.findall(source[-1]))


def test_the_catalogues_are_up_to_date_and_the_script_is_idempotent(script: ModuleType, template: Catalog) -> None:
    for language in SHIPPED:
        updated = script.update(language, template)
        assert not updated.changed, f"run scripts/update-catalogues: {language} is behind the templates"
        assert updated.untranslated == []
    assert script.main(["--check"]) == 0


def test_a_fuzzy_translation_is_shown_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As msgfmt does: a guess marked fuzzy is no translation."""
    po = tmp_path / "fr" / "LC_MESSAGES" / "briefings.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Archive"\nmsgstr "Archives"\n\n#, fuzzy\nmsgid "Topics"\nmsgstr "Thèmes"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.interface_language.cache_clear()
    i18n._compiled.cache_clear()
    try:
        translations = translations_for("fr")
        assert translations.gettext("Archive") == "Archives"
        assert translations.gettext("Topics") == "Topics"
    finally:
        i18n.interface_language.cache_clear()
        i18n._compiled.cache_clear()


# --- which catalogue a language gets ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "catalogue_language", "locale", "falls_back"),
    [
        ("fr", "fr", "fr", False),
        ("fr_CA", "fr", "fr_CA", False),
        ("fr-CA", "fr", "fr_CA", False),
        ("FR", "fr", "fr", False),
        ("de-AT", "de", "de_AT", False),
        ("es_MX", "es", "es_MX", False),
        ("en", "en", "en", False),
        ("en_GB", "en", "en_GB", False),
        ("pt", "en", "pt", True),
        ("pt_BR", "en", "pt_BR", True),
        ("xx", "en", "en", True),  # no language at all: English dates too (Babel would fail)
    ],
)
def test_a_language_gets_its_catalogue_or_english(
    language: str, catalogue_language: str, locale: str, falls_back: bool
) -> None:
    assert interface_language(language) == InterfaceLanguage(language, catalogue_language, locale)
    assert interface_language(language).falls_back is falls_back
    assert (untranslated_warning(language) is not None) is falls_back


def test_the_warning_names_the_language_and_the_languages_there_are() -> None:
    message = untranslated_warning("pt_BR")
    assert message is not None
    assert "'pt_BR'" in message and "English" in message
    assert "de, en, es, fr" in message


def test_python_strings_are_translated_with_their_placeholders() -> None:
    french = messages_for("fr_CA")
    assert french.gettext("Tag: %(name)s", name="otan") == "Mot-clé\u00a0: otan"
    assert french.ngettext("%(num)d briefing", "%(num)d briefings", 1) == "1 revue de presse"
    assert french.ngettext("%(num)d briefing", "%(num)d briefings", 0) == "0 revue de presse"  # French: 0 is singular
    assert french.pgettext("button", "Search") == "Rechercher"
    assert french.gettext("Search") == "Recherche"
    german = messages_for("de")
    assert german.ngettext("%(num)d tag", "%(num)d tags", 3) == "3 Schlagwörter"
    assert messages_for("pt").gettext("Tags") == "Tags"


def test_material_gets_the_nearest_language_it_has() -> None:
    offered = ["en", "fr", "de", "pt", "pt-BR", "zh-Hant"]
    assert material_language("fr_CA", offered) == "fr"
    assert material_language("pt_br", offered) == "pt-BR"
    assert material_language("de-AT", offered) == "de"
    assert material_language("xx", offered) == "en"


def test_the_search_strings_come_from_the_catalogue_not_from_search_js() -> None:
    strings = browser_strings(messages_for("de"))
    assert strings["submit"] == "Suchen" and strings["facets"] == {
        "topic": "Thema",
        "source": "Quelle",
        "tag": "Schlagwort",
        "month": "Monat",
    }
    assert strings["count"] == {"one": "{n} Ergebnis", "other": "{n} Ergebnisse"}
    script = (REPO / "briefings" / "plugin" / "theme" / "assets" / "briefings" / "search.js").read_text("utf-8")
    assert "window.bfSearchStrings" in script
    for translated in ("Rechercher", "Suchen", "Buscar", "Ergebnisse"):  # no dictionary per language any more
        assert translated not in script


def test_a_site_template_s_plural_filter_is_translated_for_the_known_words(tmp_path: Path) -> None:
    for language, expected in (("fr", "2 revues de presse"), ("de", "2 Presseschauen"), ("en", "2 briefings")):
        settings = SiteSettings(root=tmp_path, content_dir=tmp_path, language=language)
        renderer = Renderer(group_articles([], settings))
        assert renderer.plural(2, "briefing") == expected
        assert renderer.plural(2, "widget") == "2 widgets"  # a word the catalogue does not have stays English


# --- sites in French, German and Spanish ------------------------------------------------------

TOPICS = {
    "defense": {"title": "Défense", "description": "Armées et alliances."},
    "politique": "Politique",
    "economie": "Économie",
}
#: Enough short articles in one topic for a second topic page (20 a page) and several briefings.
SHORT_ITEMS = 22


def write_site_in(root: Path, language: str, **options: object) -> FixtureSite:
    """A site whose every article, topic, tag and page is written in French: English can come only from Briefings."""
    site = write_site(
        root,
        topics=TOPICS,
        site_name="Presse Test",
        extra_config={"theme": {"name": "material", "font": False, "language": language}},
        extra_plugin={"email": {"publish_html": True}},
        **options,  # type: ignore[arg-type]
    )
    (site.root / "docs" / "about.md").write_text("# À propos\n\nUn site d’essai.\n", encoding="utf-8")
    site.write_article(
        "2024/troupes.md",
        "Les troupes franchissent la frontière au petit matin.\n\n## Réactions\n\nLes alliés se concertent.",
        title="Les troupes franchissent la frontière",
        date="2024-11-25 08:30",
        topic="defense",
        priority=1,
        source="Le Monde",
        source_url="https://www.lemonde.fr/international/troupes",
        tags=["otan", "frontière"],
        author="Jeanne Martin",
        aliases=["ancien/troupes/"],  # a redirect page is written there
    )
    site.write_article(
        "2024/vote.md",
        "L’Assemblée adopte le texte en première lecture.",
        title="Vote du budget à l’Assemblée",
        date="2024-11-25 09:30",
        topic="politique",
        tags=["otan", "finances"],
        source="Ouest-France",
    )
    for number in range(1, SHORT_ITEMS + 1):
        site.write_article(
            f"2024/breve-{number}.md",
            "Les marchés progressent légèrement.",
            title=f"Brève économique numéro {number}",
            date=f"2024-10-{number:02d}",
            topic="economie",
            tags=["marchés"],
        )
    return site


@dataclass(frozen=True)
class BuiltSite:
    language: str
    site: FixtureSite
    out: Path
    output: str
    warnings: list[str]


def build(site: FixtureSite, caplog: pytest.LogCaptureFixture | None = None, *args: str) -> tuple[str, list[str]]:
    """``briefings build --strict`` into ``out/``: its output and the interface-language warnings it logged."""
    if caplog is not None:
        caplog.clear()
    result = site.briefings("build", "--strict", "-d", "out", *args)
    assert result.exit_code == 0, result.output
    warnings = [
        r.getMessage()
        for r in (caplog.records if caplog is not None else [])
        if r.name == "briefings.i18n" and r.levelno == logging.WARNING
    ]
    return result.output, warnings


@pytest.fixture(scope="module", params=SHIPPED)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    language = request.param
    site = write_site_in(tmp_path_factory.mktemp(f"site-{language}") / "site", language)
    output, _ = build(site)
    return BuiltSite(language, site, site.root / "out", output, [])


def visible_text(html: str) -> str:
    """What a reader sees or hears: the text, the title, and the labels of controls and images.

    Link previews' titles and descriptions are included (they are read in feed readers and
    search results). Scripts, styles and icons are not text.
    """
    document = lxml.html.fromstring(html)
    parts = [document.findtext(".//title") or ""]
    for element in document.xpath("//*[@aria-label or @title or @placeholder or @alt]"):
        parts.extend(element.get(name) or "" for name in ("aria-label", "title", "placeholder", "alt"))
    parts.extend(m.get("content") or "" for m in document.xpath("//meta[@name='description' or @property='og:title']"))
    for hidden in document.xpath("//script|//style|//svg|//head"):
        hidden.drop_tree()
    parts.extend(document.itertext())  # piece by piece: adjacent blocks' words must not run together
    return " ".join(" ".join(parts).split())


def page_kinds(out: Path) -> Iterator[tuple[str, str]]:
    """(name, visible text) of every kind of page of the built site, and of the email page and the feeds."""
    urls = {
        "home": "/",
        "briefing": "/briefings/2024/11/25/",
        "article": "/articles/2024/11/25/troupes/",
        "topics": "/topics/",
        "topic": "/topics/defense/",
        "topic page 2": "/topics/economie/page/2/",
        "tags": "/tags/",
        "tag": "/tags/otan/",
        "archive": "/archive/",
        "search": "/search/",
    }
    for name, url in urls.items():
        yield name, visible_text(read_page(out, url))
    yield "404", visible_text((out / "404.html").read_text("utf-8"))
    yield "email page", visible_text((out / "briefings/2024/11/25/email.html").read_text("utf-8"))
    yield "redirect page", visible_text(read_page(out, "/ancien/troupes/"))
    for feed in ("feed.xml", "topics/defense/feed.xml"):
        yield feed, feed_text(out / feed)


def feed_text(path: Path) -> str:
    """A feed's titles and descriptions, as a feed reader shows them (the HTML ones as text)."""
    root = ET.parse(path).getroot()
    texts = []
    for element in root.iter():
        name = element.tag.rpartition("}")[2]
        if name in ("title", "description", "encoded") and element.text:
            texts.extend(lxml.html.fromstring(f"<div>{element.text}</div>").itertext())
    return " ".join(" ".join(texts).split())


def english_fragments(template: Catalog, language: str) -> list[tuple[str, str]]:
    """(msgid, English words) for every msgid whose translation differs from it.

    A msgid with placeholders or markup gives the words between them (``Tag: %(name)s`` →
    ``Tag:``); words that the translation itself contains are left out (``page`` in
    ``page %(number)d sur %(count)d``), and so is a fragment without a letter.
    """
    translated = catalogue(language)
    fragments = []
    for message in template:
        if not message.id:
            continue
        found = translated.get(message.id, message.context)
        assert found is not None
        for source, target in zip(forms(message.id), forms(found.string), strict=False):
            if source == target:
                continue
            for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>", source):
                piece = piece.strip(" .,:;()–-“”\u00a0")
                if re.search(r"[A-Za-z]{2}", piece) and not contains(forms(found.string), piece):
                    fragments.append((key(message)[1], piece))
    return fragments


def contains(texts: list[str], words: str) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])")
    return any(pattern.search(text) for text in texts)


def test_a_site_in_another_language_shows_no_english_interface_string(built: BuiltSite, template: Catalog) -> None:
    fragments = english_fragments(template, built.language)
    assert len(fragments) > 50  # the comparison is against the whole catalogue
    found = [
        f"{page}: {words!r} (from {msgid!r})"
        for page, text in page_kinds(built.out)
        for msgid, words in fragments
        if contains([text], words)
    ]
    assert found == []


def test_the_interface_is_really_in_the_site_language(built: BuiltSite) -> None:
    """The other side of the comparison: the translations are on the pages (nav, headings, counts, 404, email)."""
    messages = messages_for(built.language)
    home = visible_text(read_page(built.out, "/"))
    for label in ("Latest", "Archive", "Topics", "Tags"):
        assert messages.gettext(label) in home
    topic = visible_text(read_page(built.out, "/topics/economie/page/2/"))
    assert messages.gettext("page %(number)d of %(count)d", number=2, count=2) in topic
    assert messages.gettext("Newer articles") in topic
    assert messages.gettext("Page not found") in visible_text((built.out / "404.html").read_text("utf-8"))
    email = visible_text((built.out / "briefings/2024/11/25/email.html").read_text("utf-8"))
    assert messages.gettext("The email edition of %(site)s", site="Presse Test") in email
    # The search box's words: one script for every page, in the site's language, loaded before search.js.
    scripts = [s.get("src") for s in lxml.html.fromstring(read_page(built.out, "/search/")).iter("script")]
    loaded = [src for src in scripts if src and "assets/briefings/" in src]
    assert [src.rsplit("/", 1)[-1] for src in loaded][:2] == ["search-strings.js", "search.js"]
    text = (built.out / "assets" / "briefings" / "search-strings.js").read_text("utf-8")
    assert text.startswith("window.bfSearchStrings = ") and text.endswith(";\n")
    assert json.loads(text.removeprefix("window.bfSearchStrings = ").removesuffix(";\n")) == browser_strings(messages)


def test_the_french_briefing_title_and_dates_are_french(make_site: object, tmp_path: Path) -> None:
    site = write_site_in(tmp_path / "fr", "fr")
    build(site)
    briefing = lxml.html.fromstring(read_page(site.root / "out", "/briefings/2024/11/25/"))
    assert briefing.findtext(".//h1").strip() == "Lundi 25 novembre 2024"
    assert briefing.findtext(".//title").startswith("Lundi 25 novembre 2024")
    assert "Week" not in (site.root / "out" / "feed.xml").read_text("utf-8")


def test_a_week_briefing_title_is_translated(tmp_path: Path) -> None:
    site = write_site_in(tmp_path / "de", "de", period="week")
    build(site)
    feed = (site.root / "out" / "feed.xml").read_text("utf-8")
    assert "<title>KW 48/2024: 25. Nov. 2024 – 1. Dez. 2024</title>" in feed


def test_the_email_edition_in_french(tmp_path: Path) -> None:
    """The plain-text version is rendered by its own environment: it is translated too."""
    site = write_site_in(tmp_path / "fr", "fr")
    result = site.briefings("email", "2024-11-25", "-o", "mail")
    assert result.exit_code == 0, result.output
    text = (site.root / "mail" / "briefing-2024-11-25.txt").read_text("utf-8")
    html = (site.root / "mail" / "briefing-2024-11-25.html").read_text("utf-8")
    assert "Lire\u00a0: https://example.org/news/articles/2024/11/25/troupes/" in text
    assert "Source\u00a0: https://www.lemonde.fr/" in text
    assert "À LA UNE" in text and "Top stories" not in text
    assert "2 articles" in text and "Afficher dans le navigateur" in text
    assert "Se désabonner\u00a0: {{ UnsubscribeURL }}" in text  # the sending service's placeholder
    assert "Afficher dans le navigateur" in html and "Vous recevez cet e-mail car vous êtes abonné à" in html


# --- other languages and regions ---------------------------------------------------------------


def test_a_regional_variant_uses_its_language_and_material_s(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Material has no fr_CA file (it would fail the build): it gets its French one, Briefings its French catalogue."""
    site = write_site_in(tmp_path / "fr_CA", "fr_CA")
    _, warnings = build(site, caplog)
    assert warnings == []
    out = site.root / "out"
    home = visible_text(read_page(out, "/"))
    assert "Dernière édition" in home and "Latest" not in home
    assert "Aller au contenu" in home  # Material's own skip link, from its French file
    assert "Lundi 25 novembre 2024" in visible_text(read_page(out, "/briefings/2024/11/25/"))
    assert "Page introuvable" in visible_text((out / "404.html").read_text("utf-8"))


@pytest.mark.parametrize("language", ["pt", "xx"])
def test_a_language_without_a_catalogue_builds_in_english_with_one_warning(
    language: str, tmp_path: Path, caplog: pytest.LogCaptureFixture, template: Catalog
) -> None:
    """``pt``: Material speaks it, Briefings does not. ``xx``: nobody does (Material gets English).

    ``--strict`` still builds: the warning says the interface is English, which no
    change to the site's content could fix (see briefings.i18n.untranslated_warning).
    """
    caplog.set_level(logging.INFO)
    site = write_site_in(tmp_path / language, language)
    output, warnings = build(site, caplog)
    assert len(warnings) == 1 and f"theme.language {language!r}" in warnings[0]
    assert output.count(f"WARNING -  theme.language {language!r}") == 1  # shown as MkDocs shows its warnings
    out = site.root / "out"
    home = visible_text(read_page(out, "/"))
    assert "Latest" in home and "Archive" in home and "Top stories" in home
    assert "Page not found" in visible_text((out / "404.html").read_text("utf-8"))
    # The comparison the French site passes finds English on every page kind of this one.
    french = english_fragments(template, "fr")
    english_pages = {page for page, text in page_kinds(out) if any(contains([text], w) for _, w in french)}
    assert english_pages == {page for page, _ in page_kinds(out)}
    # a rebuild warns again (once per build), not twice in one build
    _, again = build(site, caplog)
    assert len(again) == 1


def test_changing_the_language_rebuilds_every_page(tmp_path: Path) -> None:
    """The build cache keys on the language: a rebuild in German shows no French page left over."""
    site = write_site_in(tmp_path / "site", "fr")
    build(site)
    config = site.config.read_text("utf-8")
    site.config.write_text(config.replace("language: fr", "language: de"), encoding="utf-8")
    build(site)
    out = site.root / "out"
    for url in ("/", "/articles/2024/11/25/troupes/", "/tags/otan/", "/archive/"):
        text = visible_text(read_page(out, url))
        assert "Neueste Ausgabe" in text and "Dernière édition" not in text, url
