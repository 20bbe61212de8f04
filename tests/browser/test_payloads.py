"""End to end: OWASP-style payloads through every input of a site, and nothing runs anywhere.

Two sites are built, each with one article per payload, and served on loopback:

* **site A** (configured topics): every payload as an article's title, summary
  (its ``window.__pwned`` variant), source, author, tags, ``source_url`` (the
  URL-shaped ones) and an unknown field, and in its body (raw HTML, inline HTML,
  headings, ``[x](javascript:…)``, reference links, ``attr_list`` attributes);
  every payload as a topic title and description; ``site_name``,
  ``site_description``, ``site_author`` and ``copyright`` are payloads too.
* **site B** (discovered topics): the ``__pwned`` variants in titles and authors,
  payloads as sources and comma-separated tags, summaries derived from hostile
  bodies, topics discovered from the articles, other config payloads, and what
  ``briefings import`` made of a text clipping, a saved HTML page and an RSS feed
  that carry payloads.

Slugs and topic keys cannot carry a payload: ``briefings check`` refuses them
(:func:`test_payload_slugs_and_topic_keys_are_refused`).

Chromium then opens every page of both sites (home, briefings, articles, topics,
tags, archive, the search page with a query that finds payload articles, 404 and
a hand-written page), sends pointer and focus events to every element of the
main column, moves the mouse over and clicks every link of the main content and
the table of contents (each distinct link once per site; one link per target
page kind is really followed, the others' http(s) navigation is held back, and
hosts other than loopback are aborted by the context's route), and fails on any
dialog or any write to ``window.__pwned`` (a setter installed before the page's
own scripts reports it, even from a frame or just before a navigation). A
control page proves the watch sees payloads that do run. The built HTML and
every feed are also checked statically.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest
import yaml
from helpers import FixtureSite, read_page, run_cli, write_site
from playwright.sync_api import Dialog, Frame, Locator, Page
from playwright.sync_api import Error as PlaywrightError
from test_config_escaping import PAYLOADS as OWASP_PAYLOADS

from briefings.fields import FieldError, web_url
from briefings.limits import SOURCE_MAX, TAG_MAX, TOPIC_MAX
from briefings.text import is_plain_slug, slugify

pytestmark = pytest.mark.browser

# --- the payloads ---------------------------------------------------------------------------

#: What a payload runs instead of ``alert(1)``: sets the flag the browser watches, from a frame too,
#: and yields ``undefined`` so that a ``javascript:`` URL does not replace the document.
PWN = "void(top.__pwned=1)"

#: More of the OWASP cheat sheet than ``test_config_escaping`` needs: case, entities, schemes, frames.
MORE_PAYLOADS = [
    "javascript:alert(1)",
    "${alert(1)}",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror=&#116;&#111;&#112;.__pwned=1>",
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<svg><a xlink:href="javascript:alert(1)"><text x="9" y="9">svg link</text></a></svg>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<scr<script>ipt>alert(1)</script>",
    '<p id="__config">{"base": "https://evil.example/"}</p>',
]
#: The shared list (``tests/test_config_escaping.py``) and the additions above.
PAYLOADS = [*OWASP_PAYLOADS, *MORE_PAYLOADS]


def pwned(payload: str) -> str:
    """The payload with ``alert(1)`` replaced by a write to ``window.__pwned`` (the browser's flag)."""
    return payload.replace("alert(1)", PWN)


#: Every distinct payload text, both forms.
ALL_PAYLOADS = list(dict.fromkeys([*PAYLOADS, *(pwned(p) for p in PAYLOADS)]))

#: Valid ``source_url`` values (http(s), a host, no quotes, spaces or angle brackets) that still carry payloads.
URL_PAYLOADS = [
    "https://example.org/javascript:alert(1)",
    "HTTPS://Example.ORG/%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    f"https://example.org/?x=&quot;onmouseover={PWN}//",
    "https://example.org/#{{7*7}}",
    "https://example.org/${alert(1)}",
    "https://example.org/&lt;svg%20onload=alert(1)&gt;",
    "https://example.org/?next=javascript:alert(1)&u=data:text/html,x",
    *(f"https://example.org/q?p={quote(pwned(p), safe='')}" for p in PAYLOADS),
]


def markdown_payloads(i: int) -> list[str]:
    """Payloads written in Markdown syntax (links, reference links, autolinks, attr_list), labels unique per article."""
    return [
        f"[inline {i}](javascript:{PWN})",
        f"[upper {i}](JAVASCRIPT:{PWN})",
        f"[angle {i}](<javascript:{PWN}>)",
        f"[entity {i}](&#106;avascript:{PWN})",
        f'[titled {i}](javascript:{PWN} "title")',
        f"[data {i}](data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0xPC9zY3JpcHQ+)",
        f"[vb {i}](vbscript:msgbox(1))",
        f"![image {i}](javascript:{PWN})",
        f"<javascript:{PWN}>",
        f"[reference {i}][r{i}]\n\n[r{i}]: javascript:{PWN}",
        f'[reference upper {i}][u{i}]\n\n[u{i}]: JaVaScRiPt:{PWN} "title"',
        f"[reference data {i}][d{i}]\n\n[d{i}]: <data:text/html,<script>{PWN}</script>>",
        f"[reference next line {i}][n{i}]\n\n[n{i}]:\n    javascript:{PWN}",
        f'Attribute list paragraph {i}.\n{{: onmouseover="{PWN}" onclick="{PWN}" style="color: red" }}',
        f'## Attribute list heading {i} {{: onmouseover="{PWN}" }}',
        f'[attr_list href {i}](https://example.org/attr/{i}){{: href="javascript:{PWN}" onclick="{PWN}" }}',
        f'*emphasis {i}*{{: onmouseover="{PWN}" tabindex=1 }}',
        f"Posing as the theme's configuration {i}\n{{: #__config }}",
    ]


MARKDOWN_COUNT = len(markdown_payloads(0))


def body_a(i: int, payload: str) -> str:
    """A body with Markdown payloads first, then the payload inline, in a heading and as raw HTML blocks.

    Raw HTML comes last: an unclosed ``<style>`` or ``<noscript>`` may swallow what follows.
    """
    markdown = markdown_payloads(i)
    parts = [
        f"Story {i} begins with an ordinary paragraph.",
        f'[A safe link {i}](https://example.org/safe/{i}){{: onmouseover="{PWN}" onclick="{PWN}" }}',
        markdown[i % MARKDOWN_COUNT],
        markdown[(i + 7) % MARKDOWN_COUNT],
        markdown[(i + 13) % MARKDOWN_COUNT],
        f"## Heading {i}: &lt;img src=x onerror={PWN}&gt; entities",
        f'Closing paragraph {i}.\n{{: onmouseover="{PWN}" }}',
        f"## {payload}",
        f"Inline {i}: {payload} in the middle of a sentence.",
        payload,
        pwned(payload),
    ]
    return "\n\n".join(parts)


def body_b(i: int, payload: str) -> str:
    """A body that opens with the payload (its derived summary), then a reference link and raw HTML."""
    return "\n\n".join(
        [
            f"{pwned(payload)} opens story {i}, and the summary is derived from this paragraph.",
            f"[Reference {i}][x{i}] and [inline {i}](javascript:{PWN}).",
            f"[x{i}]: javascript:{PWN}",
            pwned(payload),
        ]
    )


def tag_ok(tag: str) -> bool:
    text = " ".join(tag.split())
    return 0 < len(text) <= TAG_MAX and bool(slugify(text)) and "," not in text


DAYS = ["2024-11-24", "2024-11-25", "2024-11-26"]


# --- what the importers read ----------------------------------------------------------------

CLIPPING = f"""\
- World
- Latest news
Parliament <script>{PWN}</script> Vote Ends in Uproar, Says Le Monde
Published: 26 Nov 2024
By <img src=x onerror={PWN}> Jane Doe
PARIS, Nov 26 (Reuters) - Lawmakers <svg onload={PWN}> voted late on Tuesday after a long debate about\
 [the budget](javascript:{PWN}) and its consequences for the regions.
A second paragraph with <a href="javascript:{PWN}">a link</a> and {{: onclick="{PWN}" }} attributes,\
 and more words to make it an article.
[ref]: javascript:{PWN}
&lt;script&gt;{PWN}&lt;/script&gt; was written as text, and {{{{7*7}}}} and ${{alert(1)}} too.
"""

SAVED_PAGE = f"""\
<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Budget &lt;img src=x onerror={PWN}&gt; talks collapse | Example News</title>
<meta property="og:title" content="Budget &lt;img src=x onerror={PWN}&gt; talks collapse">
<meta property="og:site_name" content="&quot;&gt;&lt;svg onload={PWN}&gt;">
<meta name="author" content="&lt;script&gt;{PWN}&lt;/script&gt;">
<meta property="article:published_time" content="2024-11-26T09:00:00+01:00">
<link rel="canonical" href="https://news.example/budget?x=%3Cscript%3E">
<script>top.__pwned = 1</script>
</head><body onload="{PWN}">
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Budget &lt;img src=x onerror={PWN}&gt; talks collapse</h1>
<p>Finance ministers <img src=x onerror="{PWN}"> walked out of the budget talks on Tuesday evening after
a day of negotiations that ended without agreement on spending.</p>
<p>The opposition <a href="javascript:{PWN}" onclick="{PWN}">called</a> the failure predictable,
and [its leader](javascript:{PWN}) said so in a statement {{: onclick="{PWN}" }} to reporters.</p>
<p>&lt;script&gt;{PWN}&lt;/script&gt; appeared in the minutes as text, and so did {{{{7*7}}}}.</p>
<details open ontoggle="{PWN}"><summary>More</summary><p>Talks may resume next week, officials said.</p></details>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""

FEED = f"""\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Wire &lt;script&gt;{PWN}&lt;/script&gt; Desk</title>
<link>https://wire.example/</link>
<description>World news &lt;img src=x onerror={PWN}&gt;</description>
<item>
<title>&lt;img src=x onerror={PWN}&gt; Summit opens in Vienna</title>
<link>https://wire.example/summit?q=%3Csvg%3E</link>
<pubDate>Tue, 26 Nov 2024 10:15:00 +0100</pubDate>
<dc:creator>&lt;svg onload={PWN}&gt;</dc:creator>
<description>&lt;p&gt;Leaders met &lt;script&gt;{PWN}&lt;/script&gt; in Vienna on Tuesday
&lt;a href="javascript:{PWN}"&gt;to talk&lt;/a&gt; about trade.&lt;/p&gt;</description>
</item>
<item>
<title><![CDATA[<svg onload={PWN}> Talks stall over tariffs]]></title>
<link>javascript:{PWN}</link>
<pubDate>Tue, 26 Nov 2024 11:00:00 +0100</pubDate>
<description><![CDATA[<p onmouseover="{PWN}">Negotiators <b>paused</b> the tariff talks.</p>]]></description>
<content:encoded><![CDATA[<p>Negotiators paused the tariff talks <img src=x onerror="{PWN}">.</p>
<p><a href="javascript:{PWN}">More</a> and [a link](javascript:{PWN}) and {{: onclick="{PWN}" }}.</p>
<iframe src="javascript:{PWN}"></iframe><script>{PWN}</script>]]></content:encoded>
</item>
<item>
<title>"&gt;&lt;script&gt;{PWN}&lt;/script&gt; Ministers resign</title>
<link>https://wire.example/resign</link>
<pubDate>Tue, 26 Nov 2024 12:00:00 +0100</pubDate>
<description>Two ministers resigned [today](javascript:{PWN}) {{{{7*7}}}} ${{alert(1)}} &amp;lt;b&amp;gt;.</description>
</item>
</channel>
</rss>
"""


# --- the sites ------------------------------------------------------------------------------


@dataclass
class BuiltSite:
    """A built and served site, and what its pages must show literally."""

    name: str
    root: Path
    out: Path
    url: str
    #: Article URL (``articles/…/``) → its title as written.
    titles: dict[str, str] = field(default_factory=dict)
    #: Every tag as written (a tag page shows one spelling of its slug).
    tags: set[str] = field(default_factory=set)
    #: Topic key → (title, description) for configured topics.
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)
    site_name: str = ""
    copyright: str = ""
    #: Link keys already hovered and clicked, and the page kinds a click has really navigated to.
    clicked: set[str] = field(default_factory=set)
    followed: set[str] = field(default_factory=set)


def write_site_a(root: Path) -> tuple[FixtureSite, dict[str, str], set[str], dict[str, tuple[str, str]]]:
    topics = {f"t{i:02d}": (p, pwned(p)) for i, p in enumerate(PAYLOADS)}
    site = write_site(
        root,
        site_name=pwned("</title><script>alert(1)</script>"),
        topics={key: {"title": title, "description": description} for key, (title, description) in topics.items()},
        timezone="UTC",
        extra_config={
            "site_description": pwned('"><script>alert(1)</script>'),
            "site_author": pwned('" onmouseover="alert(1)'),
            "copyright": pwned("<img src=x onerror=alert(1)>"),
            "markdown_extensions": ["attr_list", "footnotes", "tables"],
        },
    )
    titles: dict[str, str] = {}
    tags: set[str] = set()
    for i, p in enumerate(PAYLOADS):
        tag_list = [t for t in (p, pwned(p)) if tag_ok(t)]
        fields: dict[str, object] = {
            "title": p,
            "date": f"{DAYS[i % 3]} {8 + i % 10:02d}:{i % 60:02d}",
            "topic": f"t{i:02d}",
            "priority": 1 + i % 3,
            "summary": pwned(p),
            "author": PAYLOADS[(i + 2) % len(PAYLOADS)],
            "tags": tag_list,
        }
        if i % 4 != 2:  # without a source, the link shows the URL's host
            fields["source"] = pwned(PAYLOADS[(i + 1) % len(PAYLOADS)])[:SOURCE_MAX]
        if i % 4 != 3:  # without a URL, the source is plain text
            fields["source_url"] = URL_PAYLOADS[i % len(URL_PAYLOADS)]
        if i % 5 == 0:
            fields["note"] = pwned(p)  # an unknown field: kept (with a warning), never shown
        site.write_article(f"a{i:02d}.md", body_a(i, p), **fields)
        titles[f"articles/{DAYS[i % 3].replace('-', '/')}/a{i:02d}/"] = p
        tags.update(" ".join(t.split()) for t in tag_list)
    return site, titles, tags, topics


def write_site_b(root: Path) -> tuple[FixtureSite, dict[str, str], set[str]]:
    site = write_site(
        root,
        site_name=pwned("<svg onload=alert(1)>") + " & News",
        topics={},  # discovered from the articles
        timezone="UTC",
        extra_config={
            "site_description": pwned("' autofocus onfocus='alert(1)"),
            "copyright": pwned("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
            "markdown_extensions": ["attr_list"],
        },
    )
    titles: dict[str, str] = {}
    tags: set[str] = set()
    for i, p in enumerate(PAYLOADS):
        topic = slugify(p)[:TOPIC_MAX].strip("-") or "misc"
        assert is_plain_slug(topic), topic
        fields: dict[str, object] = {
            "title": pwned(p),
            "date": f"{DAYS[i % 3]} {8 + i % 10:02d}:30",
            "topic": topic,
            "priority": 1 + (i + 1) % 3,
            "source": p[:SOURCE_MAX],
            "author": pwned(p),
            "tags": ", ".join(t for t in (p, f"extra {i % 3}") if tag_ok(t)),  # the comma-separated form
        }
        if i % 3 == 0:
            fields["source_url"] = URL_PAYLOADS[(i + 3) % len(URL_PAYLOADS)]
        site.write_article(f"b{i:02d}.md", body_b(i, p), **fields)
        titles[f"articles/{DAYS[i % 3].replace('-', '/')}/b{i:02d}/"] = pwned(p)
        tags.update(" ".join(t.split()) for t in str(fields["tags"]).split(",") if t.strip())
    inputs = root / "inputs"
    inputs.mkdir()
    (inputs / "clipping.txt").write_text(CLIPPING, encoding="utf-8")
    (inputs / "saved-page.html").write_text(SAVED_PAGE, encoding="utf-8")
    (inputs / "wire.rss").write_text(FEED, encoding="utf-8")
    result = run_cli(
        "import", *sorted(inputs.iterdir()), "--topic", "imported", "-f", site.config, env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    assert "5 imported, 0 skipped as duplicates, 0 failed" in result.output, result.output
    return site, titles, tags


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory,
    site_builder: Callable[[Path, Path], Path],
    site_server: Callable[[Path], str],
) -> dict[str, BuiltSite]:
    """Both sites, built with ``briefings build`` and served on loopback."""
    built: dict[str, BuiltSite] = {}
    base = tmp_path_factory.mktemp("payloads")
    site_a, titles_a, tags_a, topics_a = write_site_a(base / "a")
    site_b, titles_b, tags_b = write_site_b(base / "b")
    for name, site, titles, tags, topics in [
        ("a", site_a, titles_a, tags_a, topics_a),
        ("b", site_b, titles_b, tags_b, {}),
    ]:
        out = site_builder(site.config, site.root / "site")
        config = yaml.safe_load(site.config.read_text(encoding="utf-8"))
        built[name] = BuiltSite(
            name,
            site.root,
            out,
            site_server(out),
            titles=titles,
            tags=tags,
            topics=topics,
            site_name=config["site_name"],
            copyright=config["copyright"],
        )
    return built


# --- page kinds -----------------------------------------------------------------------------

KINDS = ["home", "briefing", "article", "topics", "topic", "tags", "tag", "archive", "search", "404", "docs"]


def page_kind(relative: str) -> str:
    """The kind of a built page from its path below the site folder."""
    parts = relative.split("/")
    if relative == "404.html":
        return "404"
    if relative == "index.html":
        return "home"
    if parts[0] in ("briefings", "articles", "search", "archive") and parts[-1] == "index.html":
        return {"briefings": "briefing", "articles": "article"}.get(parts[0], parts[0])
    if parts[0] in ("topics", "tags") and parts[-1] == "index.html":
        return parts[0] if len(parts) == 2 else parts[0][:-1]
    return "docs"


def pages_by_kind(out: Path) -> dict[str, list[str]]:
    """Every HTML page of a built site (URL path below its root), by kind."""
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for path in sorted(out.rglob("*.html")):
        relative = path.relative_to(out).as_posix()
        if relative.startswith(("assets/", "pagefind/")):
            continue
        url = relative if relative == "404.html" else relative.removesuffix("index.html")
        found[page_kind(relative)].append(url)
    return found


# --- what could run, in static HTML --------------------------------------------------------

_BLANKS = re.compile(r"[\x00-\x20]+")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def live_markup(root: lxml.html.HtmlElement, *, in_content: bool = False) -> list[str]:
    """What could run, or pass for the theme's own, in ``root``: handlers, script URLs, refreshes, payload scripts."""
    found = []
    for element in root.iter(lxml.etree.Element):
        tag = str(element.tag).lower()
        text = element.text or ""
        if tag == "script" and ("__pwned" in text or "alert(" in text or "pwned" in (element.get("src") or "")):
            found.append(f"<script>{text[:80]}")
        if tag == "base" or (tag == "meta" and element.get("http-equiv", "").lower() == "refresh"):
            found.append(lxml.html.tostring(element, encoding="unicode")[:120])
        if element.get("id") in ("__config", "__search") and tag not in ("script", "input"):
            found.append(f"<{tag} id={element.get('id')!r}>")
        if in_content and tag in ("script", "style", "iframe", "object", "embed", "form", "input", "button", "meta"):
            found.append(f"<{tag}> in content")
        for name, value in element.attrib.items():
            name = str(name).lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and _BLANKS.sub("", value).lower().startswith(BAD_SCHEMES):
                found.append(f"<{tag} {name}={value!r}>")
    return found


def file_of(out: Path, url: str) -> Path:
    """The file of the page at ``url`` (``articles/…/``, ``404.html``, ``""``) in a built site."""
    return out / url if url.endswith(".html") else out / url / "index.html"


def fragment(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def squash(text: str) -> str:
    return " ".join(text.split())


# --- the static checks ----------------------------------------------------------------------


def test_payload_slugs_and_topic_keys_are_refused(tmp_path: Path) -> None:
    """A slug or a discovered topic key is a plain key: ``check`` refuses every payload there, naming the field."""
    site = write_site(tmp_path / "site", topics={})
    for i, p in enumerate(PAYLOADS):
        site.write_article(f"slug{i:02d}.md", title=f"Slug {i}", date="2024-11-25", topic="world", slug=p)
        site.write_article(f"topic{i:02d}.md", title=f"Topic {i}", date="2024-11-25", topic=p)
    result = site.briefings("check")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.lines if ": error: " in line]
    for i in range(len(PAYLOADS)):  # one error per file, naming the field (too long, or not a plain key)
        [slug] = [line for line in errors if line.startswith(f"content/slug{i:02d}.md:")]
        [topic] = [line for line in errors if line.startswith(f"content/topic{i:02d}.md:")]
        assert "field 'slug'" in slug, slug
        assert "field 'topic'" in topic or "is not a plain key" in topic, topic
    assert not (site.root / "site").exists()
    for url in URL_PAYLOADS:  # and every URL payload is a valid source_url (else site A would not build)
        try:
            web_url(url)
        except FieldError as exc:
            pytest.fail(f"{url}: {exc}")


@pytest.mark.parametrize("name", ["a", "b"])
def test_built_pages_hold_nothing_that_could_run(sites: dict[str, BuiltSite], name: str) -> None:
    """Every HTML file: no handler, script URL, refresh, clobbered id or payload script; titles and tags literal."""
    site = sites[name]
    problems: list[str] = []
    kinds = pages_by_kind(site.out)
    assert all(kinds[kind] for kind in KINDS), {kind: len(urls) for kind, urls in kinds.items()}
    for url in [u for urls in kinds.values() for u in urls]:
        page = lxml.html.document_fromstring(file_of(site.out, url).read_bytes())
        problems += [f"{url}: {p}" for p in live_markup(page)]
        for content in page.xpath("//article[contains(@class, 'md-content__inner')]"):
            # The 404 page's content is Briefings' own template (a search form), with no text from the site.
            problems += [f"{url} (content): {p}" for p in live_markup(content, in_content=url != "404.html")]
        if url in site.titles:
            [h1] = page.xpath("//div[contains(@class, 'bf-head')]/h1")
            if squash(h1.text_content()) != squash(site.titles[url]):
                problems.append(f"{url}: h1 {h1.text_content()!r} is not the title {site.titles[url]!r}")
            title = page.findtext(".//title") or ""
            if not title.startswith(squash(site.titles[url])):
                problems.append(f"{url}: <title> {title!r} does not start with the title")
        if page_kind(url + "index.html") == "tag":
            [h1] = page.xpath("//div[contains(@class, 'bf-head')]/h1")
            if squash(h1.text_content()) not in site.tags:
                problems.append(f"{url}: tag page h1 {h1.text_content()!r} is no tag as written")
        header = page.xpath("//div[contains(@class, 'md-header__topic')]/span[contains(@class, 'md-ellipsis')]")
        if header and squash(header[0].text_content()) != squash(site.site_name):
            problems.append(f"{url}: header site name {header[0].text_content()!r}")
        copyright = page.xpath("//div[contains(@class, 'md-copyright__highlight')]")
        if not copyright or squash(copyright[0].text_content()) != squash(site.copyright):
            problems.append(f"{url}: copyright {[c.text_content() for c in copyright]!r}")
    for key, (title, description) in site.topics.items():
        page = lxml.html.document_fromstring((site.out / "topics" / key / "index.html").read_bytes())
        assert squash(page.xpath("//div[contains(@class, 'bf-head')]/h1")[0].text_content()) == squash(title)
        assert squash(
            page.xpath("//div[contains(@class, 'bf-head')]/p[contains(@class, 'bf-lead')]")[0].text_content()
        ) == squash(description)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("name", ["a", "b"])
def test_feeds_are_well_formed_and_descriptions_hold_no_markup(sites: dict[str, BuiltSite], name: str) -> None:
    site = sites[name]
    problems: list[str] = []
    topic_feeds = sorted(site.out.glob("topics/*/feed.xml"))
    assert topic_feeds
    for path in [site.out / "feed.xml", site.out / "atom.xml", *topic_feeds]:
        parsed = feedparser.parse(path.read_bytes())
        relative = path.relative_to(site.out).as_posix()
        if parsed.bozo:
            problems.append(f"{relative}: not well-formed: {parsed.get('bozo_exception')}")
        if not parsed.entries:
            problems.append(f"{relative}: no entries")
    for path in [site.out / "feed.xml", *topic_feeds]:
        relative = path.relative_to(site.out).as_posix()
        rss = lxml.etree.parse(str(path)).getroot()
        descriptions = [rss.findtext("channel/description") or ""]
        if path.name == "feed.xml" and path.parent == site.out:
            descriptions += [d.text or "" for d in rss.iterfind("channel/item/description")]
        for description in descriptions:  # text to a feed reader: no element at all
            elements = [str(e.tag) for e in fragment(description).iterdescendants()]
            if elements:
                problems.append(f"{relative}: description {description[:80]!r} makes elements {elements}")
        # An article's description in a topic feed is HTML by design (the template's <p> and <a>): nothing else.
        for item in rss.iterfind("channel/item") if path.parent != site.out else []:
            html = item.findtext("description") or ""
            tags = Counter(str(e.tag) for e in fragment(html).iterdescendants())
            if set(tags) - {"p", "a"} or tags["p"] > 3 or tags["a"] > 2:
                problems.append(f"{relative}: article description makes {dict(tags)}: {html[:120]!r}")
            hrefs = [e.get("href") or "" for e in fragment(html).iter("a")]
            if not all(h.lower().startswith(("http://", "https://")) for h in hrefs):
                problems.append(f"{relative}: article description links {hrefs}")
            problems += [f"{relative}: {p}" for p in live_markup(fragment(html))]
        for content in rss.iterfind("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded"):
            problems += [f"{relative} content: {p}" for p in live_markup(fragment(content.text or ""), in_content=True)]
    atom = lxml.etree.parse(str(site.out / "atom.xml")).getroot()
    for content in atom.iterfind("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content"):
        problems += [f"atom.xml content: {p}" for p in live_markup(fragment(content.text or ""), in_content=True)]
    feed = json.loads((site.out / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["items"]
    assert feed["title"] == site.site_name
    for item in feed["items"]:
        problems += [
            f"feed.json content_html: {p}" for p in live_markup(fragment(item["content_html"]), in_content=True)
        ]
        if not all(isinstance(item[k], str) for k in ("id", "url", "title", "summary", "content_html")):
            problems.append(f"feed.json item {item['id']}: a field that is not text")
    assert problems == [], "\n".join(problems[:40])


# --- the browser ----------------------------------------------------------------------------

#: Runs before any script of every document and frame: ``window.__pwned`` reports every write to
#: the test (so a payload that then navigates away is still seen), and a capture-phase listener can
#: hold back the navigation of an http(s) link (``javascript:``, ``data:``… links are never held).
WATCH = """
(() => {
  let value;
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get() { return value; },
    set(v) { value = v; try { window.__bfReport(`window.__pwned = ${String(v)} at ${location.href}`); } catch (e) {} },
  });
  window.addEventListener("click", (event) => {
    if (!window.__bfHold) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && /^(https?|mailto):$/.test(link.protocol)) event.preventDefault();
  }, true);
})();
"""

#: The same checks as :func:`live_markup`, on the live DOM (after the theme's and search's scripts ran).
LIVE_DOM = """
() => {
  const found = [];
  const urlAttributes = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"]);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\x00-\\x20]+/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`<${el.localName} ${name}=${attr.value}>`);
      if (urlAttributes.has(name) && /^(javascript|vbscript|data):/.test(value)) {
        found.push(`<${el.localName} ${name}=${attr.value}>`);
      }
    }
  }
  for (const el of document.querySelectorAll("base, meta[http-equiv='refresh' i]")) found.push(el.outerHTML);
  if (document.querySelectorAll("#__config").length > 1) found.push("#__config twice");
  for (const s of document.querySelectorAll("script")) {
    if (/__pwned|alert\\(/.test(s.textContent)) found.push(s.outerHTML.slice(0, 100));
  }
  return found;
}
"""

#: Links that come from content: the main column (article bodies, item lists, search results) and the table of contents.
CONTENT_LINKS = "article.md-content__inner a, nav.md-nav--secondary a"

#: Per link: a key (what it is: target, attributes, content), its resolved URL and its scheme.
LINK_KEYS = """
(links) => links.map((a) => [
  [
    a.href,
    [...a.attributes].filter((x) => x.name !== "href" && x.name !== "id").map((x) => `${x.name}=${x.value}`).join(" "),
    a.innerHTML,
  ].join("|"),
  a.href,
  a.href ? a.protocol : "",
])
"""

#: Scrolls a link into view, sets whether its navigation is held, and returns the point to click at, or
#: null when the link is hidden or something else is on top of it there.
AIM = """
(a, hold) => {
  window.__bfHold = hold;
  a.scrollIntoView({block: "center", inline: "center"});
  const rects = [...a.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (!rects.length) return null;
  const r = rects[0];
  const x = r.left + Math.min(r.width / 2, 4), y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return hit && (hit === a || a.contains(hit)) ? [x, y] : null;
}
"""

#: Synthetic pointer and focus events on every element of the main column (inline handlers would run on them).
SWEEP = """
() => {
  for (const el of document.querySelectorAll("article.md-content__inner *")) {
    for (const type of ["mouseover", "mouseenter", "mousemove"]) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    }
    el.dispatchEvent(new FocusEvent("focus"));
    el.dispatchEvent(new Event("toggle"));
  }
}
"""


class Visitor:
    """Drives one page through a site: visits, hovers and clicks, and collects what ran."""

    def __init__(self, page: Page, site: BuiltSite) -> None:
        self.page = page
        self.site = site
        self.ran: list[str] = []  # dialogs and __pwned writes, with where
        self.problems: list[str] = []
        self.errors: list[str] = []
        self.pages = 0
        self.links = 0
        self.navigations = 0
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.context.on("page", self._popup)
        page.expose_function("__bfReport", lambda message: self.ran.append(message))
        page.add_init_script(WATCH)

    def _dialog(self, dialog: Dialog) -> None:
        self.ran.append(f"{dialog.type}({dialog.message!r}) on {self.page.url}")
        dialog.dismiss()

    def _popup(self, popup: Page) -> None:
        self.problems.append(f"a link opened a new page: {popup.url}")
        popup.close()

    def check(self, where: str, *, settle: int = 40, dom: bool = True) -> None:
        """Nothing ran, the flag is unset and (``dom``) the live DOM holds nothing that could run."""
        if settle:
            self.page.wait_for_timeout(settle)  # onerror, ontoggle and autofocus fire within a task or two
        try:
            flag = self.page.evaluate("() => window.__pwned")  # also a round trip: reports sent before are in
            # Chromium's own error page (a blocked link to another host) echoes the URL: not the site's DOM.
            live = self.page.evaluate(LIVE_DOM) if dom and self.page.url.startswith(self.site.url) else []
        except PlaywrightError as exc:  # navigated away in the meantime
            flag, live = None, [f"page changed under the check: {exc.message.splitlines()[0]}"]
        if self.ran:
            self.problems += [f"{where}: RAN {event}" for event in self.ran]
            self.ran.clear()
        if flag is not None:
            self.problems.append(f"{where}: window.__pwned = {flag!r}")
        self.problems += [f"{where}: live DOM {item}" for item in live]

    def visit(self, path: str, *, ready: str | None = None) -> None:
        """Open ``path`` (below the site URL), check it, sweep the content with events, hover and click its links."""
        url = self.site.url + path
        path = f"/{path}"
        self.page.goto(url)
        if ready:
            self.page.locator(ready).first.wait_for(timeout=15_000)
        self.pages += 1
        if self.page.url != url:
            self.problems.append(f"{path}: went to {self.page.url}")
        self.check(path, settle=60, dom=False)
        self.page.evaluate(SWEEP)
        self.check(path)
        self.exercise(path, url, ready=ready)

    def exercise(self, path: str, url: str, selector: str = CONTENT_LINKS, *, ready: str | None = None) -> None:
        """Hover and click (with the mouse) each link not clicked before on this site; follow one per target kind."""
        here = url.split("#")[0]
        keys = self.page.locator(selector).evaluate_all(LINK_KEYS)
        for index, (link_key, href, protocol) in enumerate(keys):
            key = f"{selector} {link_key}"  # search results are drawn by a script of their own: apart
            if key in self.site.clicked:
                continue
            self.site.clicked.add(key)
            target = href.split("#")[0]
            leaves = protocol in ("http:", "https:") and target != here
            host = urlsplit(href).hostname if leaves else None
            kind = (
                page_kind(urlsplit(target).path.removeprefix("/").removesuffix("/") + "/index.html")
                if host == "127.0.0.1"
                else "elsewhere"
            )
            follow = leaves and kind not in self.site.followed
            self.links += 1
            where = f"{path} link {index} {link_key[:100]!r}"
            link = self.page.locator(selector).nth(index)
            if follow:
                self.site.followed.add(kind)
                self.navigations += 1
                # A link to another host ends on Chromium's error page: the route aborted the request.
                expected = "chrome-error:" if kind == "elsewhere" else target

                def arrived(frame: Frame, expected: str = expected) -> bool:
                    return frame.url.split("#")[0] == expected or frame.url.startswith(expected + "/")

                try:
                    with self.page.expect_event("framenavigated", arrived, timeout=5_000):
                        self._hover_and_click(link, hold=False)
                    self.page.wait_for_load_state()
                except PlaywrightError:
                    self.problems.append(f"{where}: the click did not navigate")
                self.check(f"{where} -> {self.page.url}")
                self.page.goto(url)
                if ready:
                    self.page.locator(ready).first.wait_for(timeout=15_000)
                continue
            self._hover_and_click(link, hold=True)
            # A javascript: URL runs in a task of its own, which the next click's navigation can cancel:
            # give it time to run (or not) before moving on. Other held clicks run their handlers at once.
            self.check(where, settle=300 if protocol == "javascript:" else 0, dom=False)
            if self.page.url.split("#")[0] != here:
                self.problems.append(f"{where}: a held click navigated to {self.page.url}")
                self.page.goto(url)
        self.check(f"{path} after {len(keys)} links")

    def _hover_and_click(self, link: Locator, *, hold: bool) -> None:
        """The mouse over the link, then a click; a hidden or covered link gets the DOM's events instead."""
        point = link.evaluate(AIM, hold)
        if point is None:
            link.evaluate("(a) => { a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); a.click(); }")
        else:
            self.page.mouse.move(point[0], point[1])
            self.page.mouse.click(point[0], point[1])

    def finish(self) -> None:
        self.check("end")
        assert self.problems == [], "\n".join(self.problems[:40])
        assert self.errors == [], "\n".join(self.errors[:20])


@pytest.fixture
def visitor(page: Page) -> Iterator[Callable[[BuiltSite], Visitor]]:
    made: list[Visitor] = []

    def make(site: BuiltSite) -> Visitor:
        made.append(Visitor(page, site))
        return made[-1]

    yield make


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["a", "b"])
def test_no_payload_runs_in_chromium(
    sites: dict[str, BuiltSite], visitor: Callable[[BuiltSite], Visitor], name: str, kind: str
) -> None:
    """Every page of this kind: no dialog, ``window.__pwned`` never written, after load, events, hovers and clicks."""
    site = sites[name]
    v = visitor(site)
    started = time.monotonic()
    paths = pages_by_kind(site.out)[kind]
    assert paths, f"site {name} has no {kind} page"
    if kind == "search":
        search_page(v)
    else:
        for path in paths:
            v.visit(path)
        if kind == "home":  # the header box: type-ahead results for a payload word
            header_search(v)
    v.finish()
    took = time.monotonic() - started
    print(f"site {name}, {kind}: {v.pages} pages, {v.links} links, {v.navigations} followed, {took:.1f}s")


def search_page(v: Visitor) -> None:
    """The results page for a word of the payloads, "Show more", every facet, a few filters, and payload filters."""
    page = v.page
    v.visit("search/?q=alert", ready=".bf-sp__results li")
    titles = [squash(t) for t in page.locator(".bf-result__title").all_inner_texts()]
    assert any(t in {squash(x) for x in v.site.titles.values()} for t in titles), titles
    while page.locator(".bf-sp__more").is_visible():
        count = page.locator(".bf-sp__results li").count()
        page.locator(".bf-sp__more").click()
        page.wait_for_function(f"() => document.querySelectorAll('.bf-sp__results li').length > {count}")
    v.check("search: every result shown")
    v.exercise("search/?q=alert", page.url, ".bf-sp__results a")
    if page.locator(".bf-sp__filters-toggle").get_attribute("aria-expanded") != "true":
        page.locator(".bf-sp__filters-toggle").click()
    page.locator(".bf-sp__option").first.wait_for(timeout=15_000)
    closed = page.locator(".bf-sp__toggle[aria-expanded='false']")
    while closed.count():  # every facet re-renders when one opens
        closed.first.click()
    v.check("search: every facet value shown")
    for facet in ("topic", "source", "tag"):  # one value at a time: its chip shows the payload
        box = page.locator(f".bf-sp__facet--{facet} input").first
        box.check()
        page.locator(".bf-sp__chip").first.wait_for(timeout=10_000)
        v.check(f"search: filtered by {facet}")
        page.locator(".bf-sp__chip").first.click()  # removes the filter again
        page.locator(".bf-sp__chips").wait_for(state="hidden", timeout=10_000)
    # Filters from the address: payloads as facet values become chips (text) and match nothing.
    hostile = "&".join(
        f"{facet}={quote(pwned(p), safe='')}" for facet, p in zip(("topic", "source", "tag"), PAYLOADS[:3], strict=True)
    )
    page.goto(f"{v.site.url}search/?q=alert&{hostile}")
    page.locator(".bf-sp__chip").first.wait_for(timeout=15_000)
    page.locator(".bf-sp__status").filter(has_text=re.compile(r"\S")).wait_for(timeout=15_000)
    v.pages += 1
    v.check("search: payloads as filters")


def header_search(v: Visitor) -> None:
    """The header's type-ahead box, on the home page: payload titles in its results run nothing."""
    page = v.page
    page.goto(v.site.url)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("alert", delay=10)
    page.locator(".md-search-result__item a").first.wait_for(timeout=15_000)
    v.check("header search")
    v.exercise("header search", page.url, ".md-search-result__item a")


#: A page where payloads do run, one per way the watch must see: on load, in a frame, as a dialog,
#: on hover and on click of a link (under the hold of http(s) navigation).
CONTROL_LOAD = """<!doctype html><html><head><title>control</title></head><body>
<article class="md-content__inner"><p>Loaded.</p>
<img src="missing.png" onerror="top.__pwned = 'onerror'">
<iframe srcdoc="<script>top.__pwned = 'frame'</script>"></iframe>
<script>alert("dialog")</script></article></body></html>"""
CONTROL_LINKS = """<!doctype html><html><head><title>control</title></head><body>
<article class="md-content__inner"><p onmouseover="top.__pwned = 'sweep'">Hover.</p>
<a href="javascript:void(top.__pwned = 'javascript link')">a javascript: link</a>
<a href="load.html" onmouseover="alert('hover')" onclick="top.__pwned = 'onclick'">an on-site link</a>
</article></body></html>"""


def test_the_watch_sees_payloads_that_run(page: Page, tmp_path: Path, site_server: Callable[[Path], str]) -> None:
    """The control: the same visitor reports every way a payload can run, so its silence above means something."""
    (tmp_path / "load.html").write_text(CONTROL_LOAD, encoding="utf-8")
    (tmp_path / "links.html").write_text(CONTROL_LINKS, encoding="utf-8")
    control = BuiltSite("control", tmp_path, tmp_path, site_server(tmp_path))
    v = Visitor(page, control)
    v.visit("load.html")
    v.visit("links.html")
    report = "\n".join(v.problems)
    for seen in [
        "RAN window.__pwned = onerror",
        "RAN window.__pwned = frame",
        "RAN alert('dialog')",
        "RAN window.__pwned = sweep",
        "RAN window.__pwned = javascript link",
        "RAN alert('hover')",
        "RAN window.__pwned = onclick",
        "live DOM <img onerror=",
        "live DOM <a href=javascript:",
    ]:
        assert seen in report, f"{seen!r} not reported:\n{report}"
    assert v.navigations == 1  # the on-site link was followed (and its onclick ran first)


def test_a_body_cannot_forge_the_page_fragment_tokens(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    site.write_article(
        "forged.md",
        "Intro.\n\nbriefingsfragment0end\n\nbriefingsfragment999end\n\nEnd.",
        title="Forged tokens",
        date="2024-11-25 09:00",
        topic="politics",
    )
    assert site.briefings("check").exit_code == 0
    result = site.briefings("build")
    assert result.exit_code == 0, result.output
    page = lxml.html.document_fromstring(read_page(site.root / "site", "/articles/2024/11/25/forged/"))
    assert len(page.xpath("//div[contains(@class, 'bf-head--article')]")) == 1  # the header, once
    # The body's text as written (a zero-width space, invisible, splits the token word).
    assert "briefingsfragment0end" in page.text_content().replace("\u200b", "")
