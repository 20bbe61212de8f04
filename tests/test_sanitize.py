"""Article bodies are sanitised by one policy (``briefings.sanitize``): the build, ``check`` and the importers.

Every payload carries the marker ``bfxss`` so that what comes from content is told
apart from the theme's own scripts. Pages, feeds and the email edition are parsed
with lxml and searched for what could run: a script from content, an ``on…``
attribute, a ``javascript:``/``data:``/``vbscript:`` URL.
"""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import lxml.html
import markdown
import pytest
from helpers import FixtureSite, read_page, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings import sanitize
from briefings.app.site import open_site
from briefings.importers.write import plain_to_markdown
from briefings.load import load_articles
from briefings.render import FRAGMENT_PARAGRAPH
from briefings.request import BuildRequest
from briefings.sanitize import (
    CHECK_EXTENSIONS,
    body_findings,
    is_allowed_url,
    may_need_sanitising,
    neutralise_markdown,
    sanitize_between,
    sanitize_html,
)

MakeSite = Callable[..., FixtureSite]
MARK = "bfxss"
DAY = "2024-11-25"
EXTENSIONS = {"markdown_extensions": ["attr_list", "footnotes", "tables"]}

#: Raw HTML in a body (OWASP XSS filter evasion cheat sheet style), one per line.
RAW_HTML_PAYLOADS = [
    f"<script>alert('{MARK}')</script>",
    f"<SCRIPT SRC=//example.com/{MARK}.js></SCRIPT>",
    f"<img src=x onerror=\"alert('{MARK}')\">",
    f"<svg onload=alert('{MARK}')></svg>",
    f"<body onload=alert('{MARK}')>",
    f"<details open ontoggle=alert('{MARK}')>toggle</details>",
    f"<p onmouseover=\"alert('{MARK}')\">hover</p>",
    f"<a href=\"javascript:alert('{MARK}')\">plain</a>",
    f"<a href=\" JaVaScRiPt:alert('{MARK}')\">mixed case</a>",
    f"<a href=\"jav&#x09;ascript:alert('{MARK}')\">tab entity</a>",
    f"<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('{MARK}')\">entities</a>",
    f"<a href=\"javascript&colon;alert('{MARK}')\">named colon</a>",
    f"<a href=\"vbscript:msgbox('{MARK}')\">vb</a>",
    f'<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">{MARK}',
    f"<iframe src=\"javascript:alert('{MARK}')\"></iframe>",
    f'<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">{MARK}</iframe>',
    f"<object data=\"javascript:alert('{MARK}')\"></object>",
    f"<embed src=\"javascript:alert('{MARK}')\">",
    f"<form action=\"javascript:alert('{MARK}')\"><input type=submit formaction=\"javascript:alert('{MARK}')\">"
    "<button>go</button></form>",
    f"<style>body {{ background: url('javascript:alert(\"{MARK}\")') }}</style>",
    f"<div style=\"background:url(javascript:alert('{MARK}'))\">styled</div>",
    f'<meta http-equiv="refresh" content="0;url=javascript:alert(\'{MARK}\')">',
    f"<base href=\"javascript:alert('{MARK}')//\">",
    f"<link rel=stylesheet href=\"javascript:alert('{MARK}')\">",
    f"<scr<script>ipt>alert('{MARK}')</script>",
    f"<noscript><p title=\"</noscript><img src=x onerror=alert('{MARK}')>\"></noscript>",
    f"<math><mtext><table><mglyph><style><img src=x onerror=alert('{MARK}')></style></mglyph></table></mtext></math>",
    # DOM clobbering: the search script reads the site's base URL (where it loads code from) from #__config.
    f'<p id="__config">{{"base": "https://evil.example/{MARK}/"}}</p>',
]

#: The same through Markdown syntax: inline links and images, reference links, attr_list.
MARKDOWN_PAYLOADS = [
    f"[inline](javascript:alert('{MARK}'))",
    f"[upper](JAVASCRIPT:alert('{MARK}'))",
    f"[angle](<javascript:alert('{MARK}')>)",
    f"[spaced]( javascript:alert('{MARK}') )",
    f"[titled](javascript:alert('{MARK}') \"title\")",
    f"[split](java\nscript:alert('{MARK}'))",
    f"[entity](&#106;avascript:alert('{MARK}'))",
    f"[vb](vbscript:msgbox('{MARK}'))",
    "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    f"[reference][evil1]\n\n[evil1]: javascript:alert('{MARK}')",
    f"[next line][evil2]\n\n[evil2]:\n    javascript:alert('{MARK}')",
    "[data ref][evil3]\n\n[evil3]: <data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
    f"[quoted ref][evil4]\n\n> [evil4]: vbscript:msgbox('{MARK}')",
    f'Attribute list paragraph.\n{{: onmouseover="alert(\'{MARK}\')" style="color: red" }}',
    f"## Heading with handlers {{: onclick=\"alert('{MARK}')\" }}",
    f"[safe link](https://example.org/){{: href=\"javascript:alert('{MARK}')\" onclick=\"alert('{MARK}')\" }}",
    f"*emphasis*{{ onfocus=alert('{MARK}') tabindex=1 }}",
    f'Posing as the theme\'s configuration: {{"base": "https://evil.example/{MARK}/"}}\n{{: #__config }}',
]

#: Everything a news article may use, which must come through the sanitiser unchanged in meaning.
NEWS_BODY = """\
The **budget** passed with *a narrow* majority, [says the report](https://example.org/report)
(see [the vote](#the-vote), [earlier coverage](../../24/rates/) and [the desk](mailto:desk@example.org)).
Line one<hard-break>
line two.

## The vote

1. First reading
2. Second reading

Two sides:

- Left
- Right

> "We will not give up," the minister said.

| Party | Seats |
|:------|------:|
| Left  | 120   |

<figure><img src="https://example.org/chamber.jpg" alt="The chamber" width="640" height="360">
<figcaption>The chamber on Monday.</figcaption></figure>

The <abbr title="European Central Bank">ECB</abbr> kept CO<sub>2</sub> rules at 10<sup>3</sup> units.

A lead paragraph with a class.
{: .lead #lead-paragraph }

    indented code with <script>alert('not run')</script>

Inline `<b>code</b>` and a footnote.[^1]

---

[^1]: The footnote's text.
""".replace("<hard-break>", "  ")  # Markdown's line break: two trailing spaces


# --- what could run -------------------------------------------------------------------------

_SCHEME_BLANKS = re.compile(r"[\x00-\x20]+")


_TEXT_ATTRIBUTES = {"alt", "title"}


def live_payloads(root: lxml.html.HtmlElement) -> list[str]:
    """Everything in ``root`` that could run code from content: never relies on briefings.sanitize itself."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script" and (MARK in (element.text or "") or MARK in (element.get("src") or "")):
            found.append(f"<script> {element.text or element.get('src')}")
        if element.get("id") in ("__config", "__search") and tag not in ("script", "input"):
            found.append(f"<{tag} id={element.get('id')!r}>")  # clobbers what the theme's scripts look up
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if name.lower() in _TEXT_ATTRIBUTES or name.lower().startswith("aria-"):
                continue  # shown as text, never fetched or run: alt="data:" is harmless
            if _SCHEME_BLANKS.sub("", value).lower().startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"<{tag} {name}={value!r}>")
            if tag == "meta" and name.lower() == "content" and element.get("http-equiv"):
                found.append(f"<{tag} {name}={value!r}>")
    return found


#: Elements a sanitised body never holds (the theme has forms and scripts of its own, outside the article).
FORBIDDEN_IN_CONTENT = ("script", "style", "iframe", "object", "embed", "form", "input", "button", "meta", "base")


def article_content(page_html: str) -> lxml.html.HtmlElement:
    """The ``<article>`` of a built page: our header fragment, the body, our related and back links."""
    [content] = lxml.html.fromstring(page_html).xpath("//article[contains(@class, 'md-content__inner')]")
    return content


def hostile_site(make_site: MakeSite, **options: object) -> FixtureSite:
    """A site with one article of raw HTML payloads, one of Markdown payloads, one of ordinary news."""
    site = make_site(extra_config=EXTENSIONS, **options)
    raw_body = "Lead paragraph.\n\n" + "\n\n".join(RAW_HTML_PAYLOADS) + "\n\nThe end of the raw article."
    markdown_body = (
        f"Lead <img src=x onerror=\"alert('{MARK}')\"> and [x](javascript:alert('{MARK}')).\n\n"
        + "\n\n".join(MARKDOWN_PAYLOADS)
        + "\n\nThe end of the Markdown article."
    )
    common = {"date": f"{DAY} 09:00", "source_url": "https://example.org/source"}
    site.write_article("raw.md", raw_body, title="Raw HTML", topic="politics", **common)
    site.write_article("markdown.md", markdown_body, title="Markdown links", topic="defence", **common)
    site.write_article("news.md", NEWS_BODY, title="Budget passes", topic="economy", date=f"{DAY} 10:00")
    return site


def article_page(site: FixtureSite, slug: str) -> str:
    return read_page(site.root / "site", f"/articles/2024/11/25/{slug}/")


# --- the build ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """The hostile site, built once (with feeds: it has a site_url) and its email edition written."""
    folder = tmp_path_factory.mktemp("hostile")
    site = hostile_site(lambda name="site", **options: write_site(folder / name, **options))
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    emailed = site.briefings("email", DAY, "-o", "email")
    assert emailed.exit_code == 0, emailed.output
    return site


@pytest.mark.parametrize("slug", ["raw", "markdown"])
def test_built_article_pages_hold_nothing_that_runs(built: FixtureSite, slug: str) -> None:
    page = article_page(built, slug)
    assert live_payloads(lxml.html.fromstring(page)) == []
    assert [e.tag for e in lxml.html.fromstring(page).xpath("//*[@id='__config']")] == ["script"]  # Material's
    content = article_content(page)
    assert [e.tag for e in content.iter(*FORBIDDEN_IN_CONTENT)] == []
    styled = [e for e in content.iter() if e.get("style") is not None and e.tag not in ("td", "th")]
    assert styled == []
    # The body around the payloads is still there, and so is our own HTML before it.
    text = content.text_content()
    assert "Lead" in text and f"The end of the {'raw' if slug == 'raw' else 'Markdown'} article." in text
    assert content.xpath("string(.//h1)") in ("Raw HTML", "Markdown links")
    if slug == "markdown":  # (an unclosed raw HTML block, as in the raw payloads, takes the page's tail with it)
        assert content.xpath(".//nav[contains(@class, 'bf-back')]//a")
        assert content.xpath(".//p[contains(@class, 'bf-read-source')]/a/@href") == ["https://example.org/source"]


def test_markdown_payloads_lose_their_urls_and_handlers_but_keep_their_text(built: FixtureSite) -> None:
    content = article_content(article_page(built, "markdown"))
    text = content.text_content()
    for label in ("inline", "upper", "angle", "reference", "next line", "safe link", "emphasis"):
        assert label in text
    assert content.xpath(".//a[text()='safe link']/@href") == []  # attr_list replaced it; the policy dropped it
    heading = content.xpath(".//h2[contains(., 'Heading with handlers')]")
    assert heading and heading[0].get("onclick") is None


def test_ordinary_news_markup_survives(built: FixtureSite) -> None:
    content = article_content(article_page(built, "news"))
    hrefs = content.xpath(".//a/@href")
    for href in ("https://example.org/report", "#the-vote", "../../24/rates/", "mailto:desk@example.org", "#fn:1"):
        assert href in hrefs
    assert content.xpath(".//h2[@id='the-vote']")
    assert content.xpath(".//strong[text()='budget']") and content.xpath(".//em[text()='a narrow']")
    assert len(content.xpath(".//ol/li")) >= 2 and len(content.xpath(".//ul/li")) >= 2
    assert content.xpath(".//blockquote/p")
    assert content.xpath(".//table//td[text()='120']") and content.xpath(".//table//th")
    assert "text-align:right" in content.xpath("string(.//th[text()='Seats']/@style)").replace(" ", "")
    assert content.xpath(".//figure/img[@src='https://example.org/chamber.jpg'][@alt='The chamber'][@width='640']")
    assert content.xpath(".//figure/figcaption[text()='The chamber on Monday.']")
    assert content.xpath(".//abbr[@title='European Central Bank']")
    assert content.xpath(".//sub[text()='2']") and content.xpath(".//sup[text()='3']")
    assert content.xpath(".//p[@class='lead'][@id='lead-paragraph']")
    assert content.xpath(".//br") and content.xpath(".//hr")
    assert "<script>alert('not run')</script>" in content.xpath("string(.//pre/code)")
    assert content.xpath(".//code[text()='<b>code</b>']")
    assert content.xpath(".//sup[@id='fnref:1']/a[@class='footnote-ref'][@href='#fn:1']")
    assert content.xpath(".//div[@class='footnote']//li[@id='fn:1']")


def test_feeds_hold_nothing_that_runs(built: FixtureSite) -> None:
    site_dir = built.root / "site"
    fragments = []
    rss = ET.parse(site_dir / "feed.xml").getroot()
    fragments += [e.text or "" for e in rss.iter("{http://purl.org/rss/1.0/modules/content/}encoded")]
    fragments += [e.text or "" for e in rss.iter("description")]
    atom = ET.parse(site_dir / "atom.xml").getroot()
    fragments += [e.text or "" for e in atom.iter("{http://www.w3.org/2005/Atom}content")]
    fragments += [item["content_html"] for item in json.loads((site_dir / "feed.json").read_text())["items"]]
    for topic_feed in (site_dir / "topics").glob("*/feed.xml"):
        fragments += [e.text or "" for e in ET.parse(topic_feed).getroot().iter("description")]
    assert len(fragments) > 6
    assert any("Markdown links" in f for f in fragments)
    for fragment in fragments:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        assert live_payloads(root) == []
        assert root.xpath(".//script|.//iframe|.//object|.//embed|.//form") == []


def test_the_email_edition_holds_nothing_that_runs(built: FixtureSite) -> None:
    [html_file] = (built.root / "email").glob("*.html")
    tree = lxml.html.fromstring(html_file.read_bytes())
    assert live_payloads(tree) == []
    assert tree.xpath("//script|//iframe|//object|//embed|//form") == []
    assert "Markdown links" in tree.text_content()


def test_trust_html_publishes_the_raw_html(make_site: MakeSite) -> None:
    site = hostile_site(make_site, extra_plugin={"trust_html": True})
    check = site.briefings("check")
    assert check.exit_code == 0, check.output
    assert "the body has" not in check.output
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    content = article_content(article_page(site, "raw"))
    assert [e.text for e in content.iter("script") if MARK in (e.text or "")]
    assert content.xpath(".//iframe") and content.xpath(".//*[@onerror]")


def test_switching_trust_html_changes_the_built_page(make_site: MakeSite) -> None:
    """Page and article caches are keyed on the option: a rebuild never serves the other setting's HTML."""
    site = make_site()
    site.write_article("a.md", f"<p onclick=\"alert('{MARK}')\">Hello</p>", title="A", topic="politics", date=DAY)
    assert site.briefings("build").exit_code == 0
    assert 'onclick="' not in article_page(site, "a")
    assert "the body has an onclick attribute" in site.briefings("check").output
    site.config.write_text(site.config.read_text().replace("briefings:\n", "briefings:\n    trust_html: true\n"))
    assert site.briefings("build").exit_code == 0
    assert 'onclick="' in article_page(site, "a")
    assert "the body has" not in site.briefings("check").output


def test_a_wrong_trust_html_is_an_error_naming_the_option(make_site: MakeSite) -> None:
    site = make_site(extra_plugin={"trust_html": "sometimes"})
    site.write_article("a.md", title="A", topic="politics", date=DAY)
    result = site.briefings("check")
    assert result.exit_code == 1
    assert "trust_html" in result.output and "Traceback" not in result.output


# --- briefings check ------------------------------------------------------------------------


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_check_warns_with_file_line_and_field_for_what_the_build_removes(make_site: MakeSite) -> None:
    site = make_site(extra_config=EXTENSIONS)
    body = f"""\
First paragraph.

<script>alert('{MARK}')</script>

A [bad link](javascript:alert('{MARK}')) in a sentence.

A paragraph with handlers.
{{: onmouseover="alert('{MARK}')" }}

<iframe src="https://example.org/embed"></iframe>

<p style="color: red">Red.</p>

A paragraph posing as the theme's configuration.
{{: #__config }}
"""
    path = site.write_article("x.md", body, title="X", topic="politics", date=DAY)
    result = site.briefings("check")
    assert result.exit_code == 0, result.output  # warnings only
    hint = "which is removed when the site is built (set trust_html: true in mkdocs.yml to publish raw HTML)"
    expected = [
        (line_of(path, "<script>"), "a <script> element"),
        (line_of(path, "javascript:"), "a javascript: URL"),
        (line_of(path, "onmouseover"), "an onmouseover attribute"),
        (line_of(path, "<iframe"), "an <iframe> element"),
        (line_of(path, "style="), "a style attribute"),
        (line_of(path, "#__config"), 'an id "__config" (reserved for the theme)'),
    ]
    for line, what in expected:
        assert f"content/x.md:{line}: warning: the body has {what}, {hint}" in result.output
    problems = load_articles(open_site(BuildRequest(site.config)).settings).problems
    assert {p.field for p in problems if "the body has" in p.message} == {"body"}
    assert all(p.severity == "warning" for p in problems)


def test_check_is_quiet_about_bodies_the_policy_keeps_whole(make_site: MakeSite) -> None:
    site = make_site(extra_config=EXTENSIONS)
    site.write_article("news.md", NEWS_BODY, title="News", topic="politics", date=DAY)
    code = (
        "Code: `<script>alert(1)</script>` and\n\n```html\n<p onclick=x>[x](javascript:alert(1))</p>\n```\n\n"
        "Data: 3% growth, in <https://example.org/data>."
    )
    site.write_article("code.md", code, title="Code", topic="politics", date=DAY)
    result = site.briefings("check")
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.output


def test_check_converts_only_bodies_with_a_trigger(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most bodies cost one scan for a few characters: Python-Markdown is never started for them."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an ordinary body was converted")

    monkeypatch.setattr(markdown, "Markdown", refuse)
    monkeypatch.setattr(sanitize, "_converters", type(sanitize._converters)())
    ordinary = (
        "The minister said: talks go on.\n\n## Next steps\n\n- [Report](https://example.org/r) and [more](../x/)\n"
        "- 3 < 4, a *mail* to [us](mailto:a@example.org), {braces} and a=b\n\n> Quote [^1]\n\n[^1]: Note."
    )
    assert not may_need_sanitising(ordinary)
    assert body_findings(ordinary) == []
    triggers = ("<b>", "<!-- x -->", "JavaScript:", "vbscript:", "DATA:", "{: .x }", "{ #__config }", " onclick=")
    for trigger in (*triggers, "&#106;", "tel:"):
        assert may_need_sanitising(f"text {trigger} text" if trigger != "tel:" else "[x](tel:+331)"), trigger


# --- the importers --------------------------------------------------------------------------

CLIPPING = f"""\
Parliament Passes The Budget After A Long Night
Published: 25 November 2024

The vote ended at dawn, [click here](javascript:alert('{MARK}')) for the record.

[reference link][evil]

[evil]: javascript:alert('{MARK}')

A paragraph with handlers {{: onclick="alert('{MARK}')" }}

<img src=x onerror="alert('{MARK}')"> stayed text, and so did ![pixel](data:image/png;base64,AAAA).

A [fine link](https://example.org/budget) stays a link.
"""

FEED = f"""\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://example.org/</link><description>d</description>
<item><title>Budget vote delayed again in parliament</title><link>https://example.org/vote</link>
<pubDate>Mon, 25 Nov 2024 09:00:00 +0100</pubDate>
<description>&lt;p&gt;Lead &lt;a href="javascript:alert('{MARK}')" onclick="alert('{MARK}')"&gt;link&lt;/a&gt;
&lt;img src=x onerror="alert('{MARK}')"&gt;&lt;/p&gt;
&lt;p&gt;Plain [md link](javascript:alert('{MARK}')) and [ref][evil]&lt;/p&gt;
&lt;p&gt;[evil]: vbscript:msgbox('{MARK}')&lt;/p&gt;
&lt;p&gt;Attrs {{: onmouseover="alert('{MARK}')" }}&lt;/p&gt;
&lt;script&gt;alert('{MARK}')&lt;/script&gt;</description></item>
</channel></rss>
"""

PAGE = f"""\
<!doctype html><html><head><title>Ceasefire talks resume in Geneva | Example News</title>
<meta property="og:title" content="Ceasefire talks resume in Geneva">
<meta property="article:published_time" content="2024-11-25T08:00:00+01:00"></head>
<body><article><h1>Ceasefire talks resume in Geneva</h1>
<p>Delegations met again on Monday morning in Geneva for a new round of ceasefire talks, officials said.</p>
<p>Read the statement [statement](javascript:alert('{MARK}')) as it was posted by the delegation today.</p>
<p>The mediators wrote {{: onclick="alert('{MARK}')" }} in their notes, according to several diplomats here.</p>
<p>[notes]: vbscript:msgbox('{MARK}') was the last line of the leaked document seen by reporters.</p>
</article></body></html>
"""


def test_importers_write_no_live_markdown_payloads(make_site: MakeSite) -> None:
    """Built with ``trust_html: true``, so only the importers' own neutralising protects the page."""
    site = make_site(extra_config=EXTENSIONS, extra_plugin={"trust_html": True})
    inputs = {"clipping.txt": CLIPPING, "feed.xml": FEED, "page.html": PAGE}
    for name, text in inputs.items():
        (site.root / name).write_text(text, encoding="utf-8")
    result = site.briefings("import", *inputs, "--topic", "politics", "--date", DAY)
    assert result.exit_code == 0, result.output
    written = sorted(site.content.rglob("*.md"))
    assert len(written) == 3
    for path in written:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert MARK in body  # the payloads are kept, as text
        assert body_findings(body) == [], path.name
    built = site.briefings("build")
    assert built.exit_code == 0, built.output
    for path in written:
        slug = path.stem.removeprefix(f"{DAY}-")
        page = article_page(site, slug)
        assert live_payloads(lxml.html.fromstring(page)) == [], slug
        assert [e.tag for e in article_content(page).iter(*FORBIDDEN_IN_CONTENT)] == [], slug
        assert f"javascript:alert('{MARK}')" in article_content(page).text_content(), slug  # shown as text
    clipping_page = article_content(article_page(site, "parliament-passes-the-budget-after-a-long-night"))
    assert clipping_page.xpath(".//a[@href='https://example.org/budget'][text()='fine link']")


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_neutralised_markdown_renders_nothing_that_runs(payload: str) -> None:
    neutral = neutralise_markdown(payload)
    assert neutral != payload
    rendered = markdown.markdown(neutral, extensions=list(CHECK_EXTENSIONS))
    assert live_payloads(lxml.html.fragment_fromstring(rendered, create_parent="div")) == []
    assert body_findings(neutral) == []
    assert neutralise_markdown(neutral) == neutral  # importing twice changes nothing more
    # and without neutralising, the same Markdown is live: the payload list tests something
    raw = markdown.markdown(payload, extensions=list(CHECK_EXTENSIONS))
    assert live_payloads(lxml.html.fragment_fromstring(raw, create_parent="div"))


def test_neutralising_leaves_safe_markdown_alone() -> None:
    safe = (
        "[a](https://example.org/a_(b)) [b](../x/ 'title') [c](#anchor) [d](mailto:x@example.org) ![e](/img.png)\n\n"
        "[ref][r]\n\n[r]: https://example.org/r\n\nParagraph\n{: .lead #intro }\n\n# Title {: #title }"
    )
    assert neutralise_markdown(safe) == safe


# --- the policy itself ----------------------------------------------------------------------


def test_the_url_rule() -> None:
    for url in ("https://a.example/x", "HTTP://A", "mailto:a@b.c", "../x/", "#fn:1", "/a/b", "?q=1", "x.html"):
        assert is_allowed_url(url), url
    for url in ("javascript:alert(1)", " JavaScript:x", "java\tscript:x", "&#106;avascript:x", "data:,x", "vbscript:x"):
        assert not is_allowed_url(url), url


@pytest.mark.parametrize("payload", RAW_HTML_PAYLOADS)
def test_sanitize_html_defuses_each_raw_payload(payload: str) -> None:
    cleaned = sanitize_html(f"<p>before</p>{payload}<p>after</p>")
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    assert live_payloads(root) == []
    assert [e.tag for e in root.iter(*FORBIDDEN_IN_CONTENT)] == []
    assert root.xpath("string(./p[1])") == "before"


@pytest.mark.parametrize("opener", ["<script>alert(1)", "<table><tr><td>cell", "<textarea>", "<div><p>open", "<!--"])
def test_sanitising_around_the_fragment_tokens_keeps_every_token(opener: str) -> None:
    """An unclosed element in a body never swallows or moves the HTML Briefings adds around it."""
    page = f"<p>briefingsfragment0end</p>\n<p>Body.</p>\n{opener}\n<p>briefingsfragment1end</p>\n<p>Tail.</p>"
    cleaned = sanitize_between(page, FRAGMENT_PARAGRAPH)
    assert [m.group(1) for m in FRAGMENT_PARAGRAPH.finditer(cleaned)] == ["0", "1"]
    assert cleaned.startswith("<p>briefingsfragment0end</p>")
    assert "alert" not in cleaned and "<textarea" not in cleaned


def test_the_policy_module_imports_no_mkdocs() -> None:
    tree = ast.parse(Path(sanitize.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in ("mkdocs", "material", "click")}


#: Pieces of Markdown link, reference and attr_list syntax, and of dangerous URLs, for random bodies.
_SYNTAX_PIECES = [
    *("[", "]", "(", ")", "<", ">", "{", "}", "{:", "]:", "![", "](", "\\", "#", ".", "=", '"', "'", "&", "#__config"),
    *("javascript:", "JaVaScRiPt", "java", "script:", "data:", "vbscript:", "&#106;", "&colon;", "alert(1)"),
    *("onclick", "href", "style", "https://example.org/", "x", " ", "  ", "\n", "\n\n", "\t", "> ", "    "),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SYNTAX_PIECES), max_size=40).map("".join))
def test_nothing_an_importer_writes_renders_live(text: str) -> None:
    """Whatever a clipping says, the Markdown the importers write renders nothing the policy would remove."""
    body = plain_to_markdown(text.split("\n\n"))
    rendered = markdown.markdown(body, extensions=list(CHECK_EXTENSIONS))
    if rendered.strip():
        root = lxml.html.fragment_fromstring(rendered, create_parent="div")
        assert live_payloads(root) == []
        assert [e.tag for e in root.iter(*FORBIDDEN_IN_CONTENT)] == []
    assert body_findings(body) == []


_HTML_PIECES = [
    *_SYNTAX_PIECES,
    *("<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=", "<p ", "<div>", "</div>", "<svg", "<!--"),
    *("<iframe", "<style>", "<table><tr><td>", "<textarea>", "<noscript>", "</noscript>", " onload=", "<math>"),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=40).map("".join))
def test_no_body_an_editor_writes_comes_out_of_the_build_live(text: str) -> None:
    """Raw HTML and Markdown mixed at random: what the build publishes of it runs nothing."""
    page = f"<p>briefingsfragment0end</p>\n{markdown.markdown(text, extensions=list(CHECK_EXTENSIONS))}\n"
    cleaned = sanitize_between(page + "<p>briefingsfragment1end</p>", FRAGMENT_PARAGRAPH)
    assert [m.group(1) for m in FRAGMENT_PARAGRAPH.finditer(cleaned)][:1] == ["0"]
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    assert live_payloads(root) == []
    assert [e.tag for e in root.iter(*FORBIDDEN_IN_CONTENT)] == []
