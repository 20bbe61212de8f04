"""The email edition (``briefings email``): three files, a valid MIME message, inert front matter, stable bytes."""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path

import lxml.html
import pytest
from helpers import HOSTILE_SUMMARY, HOSTILE_TAG, HOSTILE_TITLE, SAMPLE_CONFIG, FixtureSite, run_cli

from briefings import urls
from briefings.model import UNSUBSCRIBE_PRESETS

SITE_URL = "https://example.org/news/"
UTM = {"source": "newsletter", "medium": "email", "campaign": "briefing-{date}"}

MakeSite = Callable[..., FixtureSite]


def corpus_site(make_site: MakeSite, name: str = "site", **options: object) -> FixtureSite:
    """Two days of news: 24 November (one article) and 25 November (a top story, two sections, a hostile one)."""
    site = make_site(name, **options)
    site.write_article("old.md", title="Yesterday's vote", date="2024-11-24 18:00", topic="politics", source="Wire")
    site.write_article(
        "lead.md",
        title="Parliament passes the budget",
        date="2024-11-25 08:30",
        topic="politics",
        priority=1,
        source="Le Monde",
        source_url="https://www.lemonde.fr/budget",
        summary="The lead story's summary, shown as the preheader.",
    )
    site.write_article("troops.md", title="Troops & tanks", date="2024-11-25 09:00", topic="defence", source="Wire")
    site.write_article(
        "hostile.md",
        title=HOSTILE_TITLE,
        date="2024-11-25 10:00",
        topic="economy",
        summary=HOSTILE_SUMMARY,
        tags=[HOSTILE_TAG],
        source_url="https://example.net/x",
    )
    return site


def emailed(site: FixtureSite, *args: str, out: str = "out") -> dict[str, bytes]:
    """``briefings email ARGS -o out`` in the site; the files written, by suffix."""
    result = site.briefings("email", *args, "-o", out)
    assert result.exit_code == 0, result.output
    written = sorted((site.root / out).iterdir())
    assert sorted(line.strip() for line in result.lines) == [str(Path(out) / p.name) for p in written]
    return {p.suffix: p.read_bytes() for p in written}


def headlines(html: bytes) -> list[tuple[str, str]]:
    """(text, href) of every headline link of the HTML version, in order."""
    tree = lxml.html.fromstring(html)
    return [(a.text_content(), a.get("href")) for a in tree.xpath("//h3[@class='headline']/a")]


# --- the three files and the message ----------------------------------------------------


def test_three_files_named_after_the_day_and_a_multipart_message_that_parses(make_site: MakeSite) -> None:
    site = corpus_site(make_site)
    files = emailed(site, "latest")
    assert set(files) == {".html", ".txt", ".eml"}
    assert sorted(p.name for p in (site.root / "out").iterdir())[0] == "briefing-2024-11-25.eml"
    message = email.message_from_bytes(files[".eml"], policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert [p.get_content_charset() for p in parts] == ["utf-8", "utf-8"]
    # The .eml has the CRLF line ends of SMTP, which the parsed parts keep.
    assert parts[0].get_content().replace("\r\n", "\n") == files[".txt"].decode("utf-8")
    assert parts[1].get_content().replace("\r\n", "\n") == files[".html"].decode("utf-8")
    assert b"\n" not in files[".eml"].replace(b"\r\n", b"")
    assert message["Subject"] == "Fixture Briefing: Monday 25 November 2024"
    assert message["Date"] == "Mon, 25 Nov 2024 10:00:00 +0100"  # the newest article, Paris time
    assert re.fullmatch(r"<briefing-2024-11-25\.[0-9a-f]{24}@example\.org>", message["Message-ID"])
    assert message["From"].addresses[0].addr_spec == "newsletter@example.com"
    assert not message.defects and not any(p.defects for p in parts)


def test_the_preheader_is_the_lead_summary_hidden_first_in_the_body(make_site: MakeSite) -> None:
    html = emailed(corpus_site(make_site))[".html"].decode("utf-8")
    body = lxml.html.fromstring(html).body
    preheader = body[0]
    assert preheader.get("class") == "preheader" and "display: none" in preheader.get("style")
    assert preheader.text_content().startswith("The lead story's summary, shown as the preheader.")


def test_after_inlining_no_script_no_stylesheet_and_only_media_queries_in_style(make_site: MakeSite) -> None:
    html = emailed(corpus_site(make_site))[".html"].decode("utf-8")
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//script") and not tree.xpath("//link")
    styles = [s.text_content() for s in tree.xpath("//style")]
    assert styles, "the media queries (dark mode, small screens) stay in a <style>"
    for css in styles:
        assert "@media (prefers-color-scheme: dark)" in css
        rest = css
        while "@media" in rest:  # drop each @media block (its nested braces included)
            start = rest.index("@media")
            depth, i = 0, rest.index("{", start)
            while True:
                depth += {"{": 1, "}": -1}.get(rest[i], 0)
                i += 1
                if depth == 0:
                    break
            rest = rest[:start] + rest[i:]
        assert rest.strip() == "", f"CSS outside media queries: {rest.strip()[:200]}"
    card = tree.xpath("//table[@class='card']")[0]
    assert card.get("width") == "600" and "max-width: 600px" in card.get("style")
    assert "color: #1f2328" in tree.xpath("//p[@class='summary']")[0].get("style")  # inlined, not left to <style>


def test_front_matter_is_escaped_in_html_and_literal_in_text(make_site: MakeSite) -> None:
    files = emailed(corpus_site(make_site))
    html, text = files[".html"].decode("utf-8"), files[".txt"].decode("utf-8")
    tree = lxml.html.fromstring(html)
    assert HOSTILE_TITLE in [t for t, _ in headlines(files[".html"])]
    assert HOSTILE_SUMMARY in [p.text_content() for p in tree.xpath("//p[@class='summary']")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "<img" not in html and "<b>" not in html
    assert not [a for a in tree.iter("a") if a.get("href", "").strip().lower().startswith("javascript:")]
    assert f"* {HOSTILE_TITLE}\n" in text  # plain text: exactly as written, no entities
    assert "&lt;" not in text and "&amp;" not in text
    assert "Troops & tanks" in text


def test_the_text_holds_every_headline_source_and_url_in_the_order_of_the_html(make_site: MakeSite) -> None:
    files = emailed(corpus_site(make_site))
    text = files[".txt"].decode("utf-8")
    found = headlines(files[".html"])
    assert [t for t, _ in found] == ["Parliament passes the budget", "Troops & tanks", HOSTILE_TITLE]
    positions = [text.index(f"* {title}\n") for title, _ in found]
    assert positions == sorted(positions)
    for title, href in found:
        assert href.startswith(SITE_URL + "articles/2024/11/25/")
        entry = text[text.index(f"* {title}\n") :].split("\n\n")[0]
        assert f"Read: {href}" in entry
    assert "Le Monde" in text and "Source: https://www.lemonde.fr/budget" in text and "example.net" in text
    assert "Yesterday's vote" not in text  # another day's briefing


def test_the_sample_text_has_every_headline_and_url_of_its_latest_briefing(tmp_path: Path) -> None:
    result = run_cli("email", "-f", SAMPLE_CONFIG, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "briefing-2024-11-25.html").read_bytes()
    text = (tmp_path / "briefing-2024-11-25.txt").read_text(encoding="utf-8")
    found = headlines(html)
    assert len(found) == 5
    assert [text.index(title) for title, _ in found] == sorted(text.index(title) for title, _ in found)
    assert all(f"Read: {href}\n" in text for _, href in found)


def test_two_runs_write_byte_identical_files(make_site: MakeSite) -> None:
    site = corpus_site(make_site, extra_plugin={"email": {"utm": UTM}})
    first, second = emailed(site, out="one"), emailed(site, out="two")
    assert first == second
    assert b"boundary=" in first[".eml"]


# --- links, presets, options ------------------------------------------------------------


def test_site_links_are_absolute_with_utm_and_source_links_are_left_alone(make_site: MakeSite) -> None:
    files = emailed(corpus_site(make_site, extra_plugin={"email": {"utm": UTM}}))
    tree = lxml.html.fromstring(files[".html"])
    query = "utm_source=newsletter&utm_medium=email&utm_campaign=briefing-2024-11-25"
    for _, href in headlines(files[".html"]):
        assert href.startswith(SITE_URL) and href.endswith("/?" + query)
    view = tree.xpath("//a[normalize-space()='View in your browser']")[0]
    assert view.get("href") == f"{SITE_URL}briefings/2024/11/25/?{query}"
    assert tree.xpath("//a[normalize-space()='Le Monde']")[0].get("href") == "https://www.lemonde.fr/budget"
    assert f"{SITE_URL}briefings/2024/11/25/?{query}" in files[".txt"].decode("utf-8")


@pytest.mark.parametrize("preset", sorted(UNSUBSCRIBE_PRESETS))
def test_unsubscribe_presets_put_the_services_placeholder_in_both_versions(make_site: MakeSite, preset: str) -> None:
    files = emailed(corpus_site(make_site, extra_plugin={"email": {"unsubscribe": preset}}))
    placeholder = UNSUBSCRIBE_PRESETS[preset]
    link = lxml.html.fromstring(files[".html"]).xpath("//a[normalize-space()='Unsubscribe']")[0]
    assert link.get("href") == placeholder
    assert f"Unsubscribe: {placeholder}\n" in files[".txt"].decode("utf-8")


def test_a_custom_unsubscribe_placeholder_and_sender(make_site: MakeSite) -> None:
    options = {"unsubscribe": "[unsubscribe]", "sender": "Fixture News <news@example.org>"}
    files = emailed(corpus_site(make_site, extra_plugin={"email": options}))
    assert b'href="[unsubscribe]"' in files[".html"]
    message = email.message_from_bytes(files[".eml"], policy=policy.default)
    assert str(message["From"]) == "Fixture News <news@example.org>"


def test_the_logo_has_alt_width_height_and_an_absolute_source(make_site: MakeSite) -> None:
    logo = {"src": "assets/logo.png", "width": 160, "height": 40}
    files = emailed(corpus_site(make_site, extra_plugin={"email": {"logo": logo}}))
    images = lxml.html.fromstring(files[".html"]).xpath("//img")
    assert len(images) == 1
    assert images[0].attrib == {
        "class": "logo",
        "src": f"{SITE_URL}assets/logo.png",
        "alt": "Fixture Briefing",
        "width": "160",
        "height": "40",
        "style": images[0].get("style"),
    }


BAD_EMAIL_OPTIONS = {
    "preset": ({"unsubscribe": "listmonck"}, "did you mean 'listmonk'"),
    "unknown-key": ({"unsubscibe": "ses"}, "unknown key 'unsubscibe'"),
    "utm-placeholder": ({"utm": {"campaign": "x-{day}"}}, "unknown placeholder {day}"),
    "utm-key": ({"utm": {"sauce": "x"}}, "unknown key 'sauce'"),
    "sender": ({"sender": "nobody"}, "expected an address"),
    "logo-size": ({"logo": {"src": "a.png", "width": 0, "height": 10}}, "from 1 to 600"),
    "logo-src": ({"logo": {"src": "javascript:x", "width": 10, "height": 10}}, "image path"),
}


@pytest.mark.parametrize("case", BAD_EMAIL_OPTIONS.values(), ids=BAD_EMAIL_OPTIONS.keys())
def test_a_bad_email_option_is_an_error_naming_the_key(make_site: MakeSite, case: tuple[dict, str]) -> None:
    options, message = case
    result = corpus_site(make_site, extra_plugin={"email": options}).briefings("email")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "'email'" in result.output and message in result.output, result.output


# --- choosing the briefing, refusing ----------------------------------------------------


def test_a_day_picks_its_briefing_and_a_week_day_its_week(make_site: MakeSite) -> None:
    site = corpus_site(make_site)
    assert emailed(site, "2024-11-24", out="day")[".txt"].count(b"\n* ") == 1
    weekly = corpus_site(make_site, "weekly", period="week")
    files = emailed(weekly, "2024-11-27", out="week")  # a Wednesday: the week of Monday 25 November
    assert (weekly.root / "week" / "briefing-2024-11-25.html").is_file()
    assert b"Yesterday's vote" not in files[".txt"]  # Sunday 24 November is the previous ISO week


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2024-12-01", "no briefing holds 2024-12-01; the nearest: 2024-11-24, 2024-11-25"),
        ("2024-13-01", "DAY must be 'latest' or a date such as 2024-11-25, found '2024-13-01'"),
        ("yesterday", "DAY must be 'latest' or a date such as 2024-11-25, found 'yesterday'"),
    ],
)
def test_a_bad_or_unknown_day_is_a_clear_error(make_site: MakeSite, day: str, message: str) -> None:
    site = corpus_site(make_site)
    result = site.briefings("email", day, "-o", "out")
    assert result.exit_code == 1 and f"error: {message}" in result.output, result.output
    assert not (site.root / "out").exists()


def test_refuses_without_site_url_and_with_article_errors(make_site: MakeSite) -> None:
    bare = corpus_site(make_site, "bare", site_url=None)
    result = bare.briefings("email")
    assert result.exit_code == 1 and "site_url is not set" in result.output
    broken = corpus_site(make_site, "broken")
    broken.write_article("bad.md", title="No topic", date="2024-11-25")
    result = broken.briefings("email")
    assert result.exit_code == 1 and "No email was written because of 1 error" in result.output
    assert "bad.md" in result.output and not (broken.root / "email").exists()


def test_the_default_output_folder_is_email(make_site: MakeSite) -> None:
    site = corpus_site(make_site)
    result = site.briefings("email")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (site.root / "email").iterdir()) == [
        "briefing-2024-11-25.eml",
        "briefing-2024-11-25.html",
        "briefing-2024-11-25.txt",
    ]


# --- email.html in the built site -------------------------------------------------------


def test_publish_html_writes_email_html_next_to_each_briefing_page(make_site: MakeSite) -> None:
    site = corpus_site(make_site, extra_plugin={"email": {"publish_html": True, "utm": UTM}})
    assert site.briefings("build", "-d", "site").exit_code == 0
    pages = sorted(p.relative_to(site.root / "site").as_posix() for p in (site.root / "site").rglob("email.html"))
    assert pages == [urls.email_page_url(f"briefings/2024/11/{d}/") for d in (24, 25)]
    tree = lxml.html.fromstring((site.root / "site" / pages[1]).read_bytes())
    assert not tree.xpath("//a[normalize-space()='Unsubscribe']")  # no placeholder on the web
    assert all("utm_" not in href for _, href in headlines((site.root / "site" / pages[1]).read_bytes()))
    assert HOSTILE_TITLE in [t for t, _ in headlines((site.root / "site" / pages[1]).read_bytes())]
    page = (site.root / "site" / "briefings/2024/11/25/index.html").read_text(encoding="utf-8")
    assert '<a href="email.html">Read it as an email</a>' in page
    plain = corpus_site(make_site, "plain")
    assert plain.briefings("build", "-d", "site").exit_code == 0
    assert not list((plain.root / "site").rglob("email.html"))
    assert "Read it as an email" not in (plain.root / "site" / "briefings/2024/11/25/index.html").read_text("utf-8")


def test_absolute_and_with_query() -> None:
    assert urls.absolute("https://x.org/a", "b/c/") == "https://x.org/a/b/c/"
    assert urls.absolute("https://x.org/a/", "https://cdn.org/l.png") == "https://cdn.org/l.png"
    assert urls.with_query("https://x.org/a/", [("utm_source", "n l"), ("b", "&")]) == (
        "https://x.org/a/?utm_source=n+l&b=%26"
    )
    assert urls.with_query("https://x.org/a/?q=1", [("b", "2")]) == "https://x.org/a/?q=1&b=2"
    assert urls.with_query("https://x.org/a/", []) == "https://x.org/a/"
