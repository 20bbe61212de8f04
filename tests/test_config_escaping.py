"""Text from ``mkdocs.yml`` is text, never markup: on every page (Material's own included) and in every feed.

MkDocs renders theme templates without autoescape, and Material prints
``config.site_name``, ``config.copyright``… as they are; the plugin escapes them
once in ``on_config`` (:func:`briefings.plugin.config.escape_config_text`). RSS
descriptions are HTML to a feed reader, so their text is HTML-escaped before the
XML serialiser escapes it again (:func:`briefings.feeds.html_text`).

Each hostile site is compared with a benign site of the same shape: a payload
that became markup would add an element, so the element counts of every page
must be equal, and no ``on*`` attribute, ``javascript:`` URL or script holding
the payload may exist at all.
"""

from __future__ import annotations

import email
import json
from collections import Counter
from collections.abc import Callable
from email import policy
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from helpers import FixtureSite, write_site
from markupsafe import Markup
from mkdocs.config import load_config

from briefings.plugin.config import escape_config_text, settings_from_config
from briefings.request import DEFAULT_REQUEST

#: OWASP-style payloads (XSS filter evasion cheat sheet): elements, event handlers, attribute and
#: tag break-outs, javascript: URLs, entities that must stay literal, and template syntax.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<style>*{background:url('javascript:alert(1)')}</style>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "]]><script>alert(1)</script><![CDATA[",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;",
    "{{ 7*7 }} {% if true %}x{% endif %} [y](javascript:alert(1))",
]
BENIGN = "Plain words"
DAY = "2024-11-25"
#: Every page kind, with the hand-written page, Material's 404 and the published email edition.
PAGES = [
    "index.html",
    f"briefings/{DAY.replace('-', '/')}/index.html",
    f"briefings/{DAY.replace('-', '/')}/email.html",
    f"articles/{DAY.replace('-', '/')}/story/index.html",
    "topics/index.html",
    "topics/world/index.html",
    "tags/index.html",
    "tags/nato/index.html",
    "archive/index.html",
    "search/index.html",
    "about/index.html",
    "404.html",
]
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")


def hostile_site(root: Path, text: str) -> FixtureSite:
    """A one-article site with ``text`` as every text of ``mkdocs.yml``, and as the article's title."""
    site = write_site(
        root,
        site_name=text,
        topics={"world": {"title": text, "description": text}},
        extra_plugin={"email": {"publish_html": True}},
        extra_config={"site_description": text, "copyright": text},
    )
    site.write_article("story.md", "An ordinary body.", title=text, date=f"{DAY} 08:30", topic="world", tags=["NATO"])
    return site


def built(site: FixtureSite) -> Path:
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    return site.root / "site"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site with harmless text: the elements every page should have."""
    return built(hostile_site(tmp_path_factory.mktemp("benign"), BENIGN))


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes())


def css(name: str) -> str:
    """An XPath test for the CSS class ``name`` (lxml's cssselect needs a package of its own)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


HEADER_NAME = f"//div[{css('md-header__topic')}]/span[{css('md-ellipsis')}]"  # Material's site name, in the header
COPYRIGHT = f"//div[{css('md-copyright__highlight')}]"


def first(page: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    found = page.xpath(xpath)
    assert found, f"nothing matches {xpath}"
    return found[0]


def meta(page: lxml.html.HtmlElement, attribute: str, value: str) -> str:
    """The content of the page's first ``<meta {attribute}="{value}">``."""
    return str(first(page, f"//meta[@{attribute}='{value}']").get("content"))


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def injected(page: lxml.html.HtmlElement) -> list[str]:
    """What no page may hold whatever its config: event handlers, javascript: URLs, scripts with the payload."""
    found = []
    for element in page.iter(lxml.etree.Element):
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}=…>")
            if name.lower() in URL_ATTRIBUTES and "javascript:" in "".join(value.split()).lower():
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append(f"<meta http-equiv=refresh content={element.get('content')!r}>")
        if element.tag in ("script", "style") and "alert" in (element.text or ""):
            found.append(f"<{element.tag}>{element.text}")
    return found


def element_counts(page: lxml.html.HtmlElement) -> Counter[str]:
    return Counter(str(e.tag) for e in page.iter(lxml.etree.Element))


def fragment_elements(html: str) -> list[str]:
    """The elements an HTML reader would make of ``html``."""
    return [str(e.tag) for e in lxml.html.fragment_fromstring(html, create_parent="div").iterdescendants()]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_config_text_is_text_on_every_page(payload: str, reference: Path, tmp_path: Path) -> None:
    site = built(hostile_site(tmp_path / "site", payload))
    for page_path in PAGES:
        page, benign = parse(site / page_path), parse(reference / page_path)
        assert injected(page) == [], page_path
        extra = element_counts(page) - element_counts(benign)
        missing = element_counts(benign) - element_counts(page)
        assert not extra and not missing, f"{page_path}: elements added {dict(extra)}, lost {dict(missing)}"
        if page_path.endswith("email.html"):
            assert text_of(first(page, f"//p[{css('kicker')}]/a")) == " ".join(payload.split())
            continue
        # The text itself is shown: site name (header, <title>), copyright (footer), description (meta).
        assert text_of(first(page, HEADER_NAME)) == payload, page_path
        assert (page.findtext(".//title") or "").endswith(payload), page_path
        assert text_of(first(page, COPYRIGHT)) == payload, page_path
        assert meta(page, "property", "og:site_name") == payload, page_path
        if page_path in ("about/index.html", "404.html"):  # pages without a description of their own
            assert meta(page, "name", "description") == payload, page_path
    topic = parse(site / "topics/world/index.html")
    assert text_of(first(topic, f"//div[{css('bf-head')}]/h1")) == payload  # the topic title
    assert text_of(first(topic, f"//div[{css('bf-head')}]/p[{css('bf-lead')}]")) == payload  # its description


@pytest.mark.parametrize("payload", PAYLOADS)
def test_feeds_carry_config_and_titles_as_text(payload: str, tmp_path: Path) -> None:
    site = built(hostile_site(tmp_path / "site", payload))
    for feed in ("feed.xml", "atom.xml", "topics/world/feed.xml"):
        parsed = feedparser.parse(str(site / feed))
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
    rss = lxml.etree.parse(str(site / "feed.xml")).getroot()
    topic_rss = lxml.etree.parse(str(site / "topics/world/feed.xml")).getroot()
    # Channel and briefing descriptions are text: an HTML reader makes no element of them, and shows the text.
    for description, expected in [
        (rss.findtext("channel/description"), payload),
        (topic_rss.findtext("channel/description"), payload),
        (rss.findtext("channel/item/description"), f"1 article. {payload}"),
    ]:
        assert description is not None
        assert fragment_elements(description) == []
        assert lxml.html.fragment_fromstring(description, create_parent="div").text_content() == expected
    # An article's description in a topic feed is HTML by design: its own paragraphs and links only.
    article = topic_rss.findtext("channel/item/description") or ""
    assert set(fragment_elements(article)) <= {"p", "a"}
    assert payload in lxml.html.fragment_fromstring(article, create_parent="div").text_content()
    links = lxml.html.fragment_fromstring(article, create_parent="div").iterlinks()
    assert all(link.startswith("https://") for _, _, link, _ in links)
    # Atom and JSON Feed say which fields are text: they carry the text itself.
    atom = lxml.etree.parse(str(site / "atom.xml")).getroot()
    assert atom.findtext(f"{ATOM}title") == payload and atom.findtext(f"{ATOM}subtitle") == payload
    assert atom.findtext(f"{ATOM}entry/{ATOM}summary") == f"1 article. {payload}"
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert (feed["title"], feed["description"]) == (payload, payload)
    assert feed["items"][0]["summary"] == f"1 article. {payload}"
    # The HTML fields (whole briefings) hold the payload as text too.
    for content in (
        rss.findtext(f"channel/item/{CONTENT}"),
        atom.findtext(f"{ATOM}entry/{ATOM}content"),
        feed["items"][0]["content_html"],
    ):
        fragment = lxml.html.fragment_fromstring(content or "", create_parent="div")
        assert injected(fragment) == [] and payload in text_of(fragment)


def test_an_ampersand_in_the_site_name_is_escaped_once(make_site: Callable[..., FixtureSite]) -> None:
    site = make_site(
        site_name="News & Views",
        extra_config={"site_description": "Facts & figures", "copyright": "© News & Views"},
    )
    site.write_article("story.md", title="Budget vote", date=f"{DAY} 08:30", topic="politics")
    out = built(site)
    for page_path in ("index.html", "about/index.html", "404.html", "topics/index.html"):
        source = (out / page_path).read_text(encoding="utf-8")
        assert "News &amp; Views" in source, page_path
        assert "&amp;amp;" not in source, page_path
        page = parse(out / page_path)
        assert text_of(first(page, HEADER_NAME)) == "News & Views"
        assert text_of(first(page, COPYRIGHT)) == "© News & Views"
        assert meta(page, "property", "og:site_name") == "News & Views"
        assert [link.get("title") for link in page.xpath("//link[@rel='alternate']")][:1] == ["News & Views (RSS)"]
    assert meta(parse(out / "about/index.html"), "name", "description") == "Facts & figures"
    # The core works on the raw text: feeds, and the email edition, escape it for their own format.
    rss = lxml.etree.parse(str(out / "feed.xml")).getroot()
    assert rss.findtext("channel/title") == "News & Views"
    assert rss.findtext("channel/description") == "Facts &amp; figures"  # HTML source of "Facts & figures"
    assert json.loads((out / "feed.json").read_text(encoding="utf-8"))["title"] == "News & Views"
    result = site.briefings("email", "latest", "-o", "mail")
    assert result.exit_code == 0, result.output
    [eml] = (site.root / "mail").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert str(message["Subject"]).startswith("News & Views: ")


def test_config_text_is_escaped_once_and_the_settings_keep_the_raw_text(
    make_site: Callable[..., FixtureSite],
) -> None:
    raw = '<b>News</b> & "Views"'
    site = make_site(site_name=raw, extra_config={"site_description": raw, "copyright": raw, "site_author": raw})
    config = load_config(config_file=str(site.config))
    options = config.plugins["briefings"].config
    before = settings_from_config(config, options, DEFAULT_REQUEST)
    escape_config_text(config)
    escape_config_text(config)  # a config object configured twice is still escaped once
    escaped = "&lt;b&gt;News&lt;/b&gt; &amp; &#34;Views&#34;"
    for name in ("site_name", "site_description", "copyright", "site_author"):
        assert config[name] == escaped and isinstance(config[name], Markup), name
    assert (before.site_name, before.site_description) == (raw, raw)
    assert settings_from_config(config, options, DEFAULT_REQUEST) == before
