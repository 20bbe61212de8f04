"""Files next to articles (pictures, documents, other articles), the ``image`` field, and old URLs (``aliases``)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from helpers import FixtureSite, read_page, write_site

from briefings.assets import link_targets, published_body
from briefings.fields import aliases
from briefings.model import Article
from briefings.redirects import alias_file

# A 3×2 PNG: enough for the header reader to find its size.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAwMDAwMAAABLiAv4eUcfgAAAAAElFTkSuQmCC"
)
DAY = "2024-11-25 08:00"


def media_site(root: Path) -> FixtureSite:
    site = write_site(root)
    site.write_files({"2024/11/images/flood.png": PNG, "2024/11/report.pdf": b"%PDF-1.4 fake", "shared/logo.png": PNG})
    site.write_article(
        "2024/11/dam.md",
        title="Dam breaks",
        date=DAY,
        topic="politics",
        image="images/flood.png",
        image_alt="Flooded fields below the dam",
        body="""
        ![Flooded fields](images/flood.png "The valley")

        Read [the report](report.pdf#page=2) and [the follow-up](follow-up.md), see the
        <img src="../../shared/logo.png" alt="logo">, or [a site](https://example.com/x.png).

        ```
        ![not a link](missing-in-code.png)
        ```
        """,
    )
    site.write_article("2024/11/follow-up.md", title="Repairs start", date="2024-11-26 09:00", topic="politics")
    return site


def test_content_files_are_published_and_links_rewritten(tmp_path: Path) -> None:
    site = media_site(tmp_path / "site")
    built = site.briefings("build", "--strict")
    assert built.exit_code == 0, built.output
    out = site.root / "site"
    assert (out / "media/2024/11/images/flood.png").read_bytes() == PNG
    assert (out / "media/2024/11/report.pdf").exists() and (out / "media/shared/logo.png").exists()
    page = read_page(out, "/articles/2024/11/25/dam/")
    assert 'src="../../../../../media/2024/11/images/flood.png"' in page
    assert 'href="../../../../../media/2024/11/report.pdf#page=2"' in page
    assert 'href="../../26/follow-up/"' in page
    assert 'src="../../../../../media/shared/logo.png"' in page
    assert 'href="https://example.com/x.png"' in page
    assert "missing-in-code.png" in page  # code is shown as written, not checked

    # The picture: above the text with its size, and in the link previews.
    assert re.search(r'<figure class="bf-image"><img src="[./]*media/2024/11/images/flood.png"', page)
    assert 'alt="Flooded fields below the dam" width="3" height="2"' in page
    assert '<meta property="og:image" content="https://example.org/news/media/2024/11/images/flood.png">' in page
    assert '<meta property="og:image:width" content="3">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta name="twitter:card" content="summary">' in read_page(out, "/articles/2024/11/26/follow-up/")


def test_a_missing_image_is_an_error_and_a_broken_link_a_warning(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    site.write_article(
        "a.md", title="A", date=DAY, topic="politics", image="nope.jpg", image_alt="x", body="\n\n[x](gone.pdf)"
    )
    site.write_article("b.md", title="B", date=DAY, topic="politics", image="https://example.com/b.jpg")
    site.write_article("c.md", title="C", date=DAY, topic="politics", image="http://example.com/c.jpg", image_alt="c")
    site.write_article(
        "d.md",
        title="D",
        date=DAY,
        topic="politics",
        body="[up](../../etc/hosts.txt) [page](../../24/rates/) [p](other-page)",
    )
    result = site.briefings("check")
    assert result.exit_code == 1
    lines = result.output
    assert "content/a.md:5: error: field 'image': 'nope.jpg' is not a file in the content folder" in lines
    assert "content/a.md:10: warning: a link leads nowhere: 'gone.pdf' is not a file in the content folder" in lines
    assert "content/b.md:5: error: field 'image' needs 'image_alt'" in lines
    assert "content/c.md:5: error: field 'image': expected an https:// URL or a path below the content folder" in lines
    assert "content/d.md:6: warning: a link leads nowhere: '../../etc/hosts.txt' is outside the content folder" in lines
    assert "'../../24/rates/'" not in lines and "other-page" not in lines  # addresses of pages: left as written


def test_old_urls_redirect_to_the_article(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    site.write_article(
        "moved.md",
        title='Old post "moved" & <kept>',
        date=DAY,
        topic="politics",
        aliases=["/2019/03/05/old-post.html", "blog/old-post/", "old-post"],
    )
    built = site.briefings("build", "--strict")
    assert built.exit_code == 0, built.output
    out = site.root / "site"
    stub = (out / "2019/03/05/old-post.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../../articles/2024/11/25/moved/">' in stub
    assert '<link rel="canonical" href="https://example.org/news/articles/2024/11/25/moved/">' in stub
    assert "<title>Old post &quot;moved&quot; &amp; &lt;kept&gt;</title>" in stub
    assert '<meta name="robots" content="noindex">' in stub
    assert 'url=../../articles/2024/11/25/moved/"' in (out / "blog/old-post/index.html").read_text(encoding="utf-8")
    assert 'url=articles/2024/11/25/moved/"' in (out / "old-post.html").read_text(encoding="utf-8")
    assert "old-post" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_old_urls_that_collide_are_errors(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    site.write_article("a.md", title="A", date=DAY, topic="politics", aliases=["old/"])
    site.write_article("b.md", title="B", date=DAY, topic="politics", aliases=["old/index.html"])
    site.write_article("c.md", title="C", date=DAY, topic="politics", aliases="articles/2024/11/25/a/")
    site.write_article("d.md", title="D", date=DAY, topic="politics", aliases=["javascript:alert(1)", "../x"])
    result = site.briefings("check")
    assert result.exit_code == 1
    assert (
        "content/a.md:5: error: field 'aliases': the old URL for /old/index.html is also claimed by content/b.md"
        in (result.output)
    )
    assert "content/c.md:5: error: field 'aliases': the old URL for /articles/2024/11/25/a/index.html" in result.output
    assert "content/d.md:5: error: field 'aliases': 'javascript:alert(1)': write the path only" in result.output

    listing = write_site(tmp_path / "listing")
    listing.write_article("a.md", title="A", date=DAY, topic="politics", aliases=["tags/"])
    built = listing.briefings("build")
    assert built.exit_code == 1
    assert "content/a.md:5: error: field 'aliases': the old URL 'tags/' is the address of the generated page" in (
        built.output
    )


def test_alias_rules() -> None:
    assert alias_file("blog/x/") == "blog/x/index.html"
    assert alias_file("2019/x.html") == "2019/x.html"
    assert alias_file("x") == "x.html"
    assert alias_file("a.b/x") == "a.b/x.html"
    assert aliases(["/a/", "a/", "b"]) == (("a/", "b"), [])
    assert alias_file("transport%20news/2019/x.html") == "transport news/2019/x.html"  # as a static host looks it up
    for escape in ("%2e%2e/x", "a/%2E%2E/b", "a%2F..%2Fb", "x%00y", "a%5C..%5Cb"):
        assert aliases([escape])[0] == (), escape


def test_footnotes_are_not_links() -> None:
    body = "Text.[^1]\n\n[^1]:\n    We said so.\n\n[ref]:\n  docs/r.pdf\n"
    assert [t.text for t in link_targets(body)] == ["docs/r.pdf"]


def test_link_targets_and_rewriting() -> None:
    body = (
        "[a](x.png) [b](<y z.pdf>)\n\n[ref]: docs/r.pdf\n\n<a href='q.html'>q</a>\n~~~\n[c](code.png)\n~~~\n[d](w.png)"
    )
    assert [(t.text, t.line) for t in link_targets(body)] == [
        ("x.png", 1),
        ("y z.pdf", 1),
        ("docs/r.pdf", 3),
        ("q.html", 5),
        ("w.png", 9),
    ]
    article = Article(
        path="content/a.md",
        source_path=Path("content/a.md"),
        title="A",
        published=None,  # type: ignore[arg-type]
        has_time=False,
        topic="t",
        summary="",
        body=body,
        slug="a",
        links={"y z.pdf": "media/y z.pdf", "w.png": "media/w.png"},
    )
    article.__dict__["url"] = "articles/2024/11/25/a/"
    rewritten = published_body(article)
    assert "[b](<../../../../../media/y%20z.pdf>)" in rewritten
    assert "[d](../../../../../media/w.png)" in rewritten
    assert "[a](x.png)" in rewritten and "[c](code.png)" in rewritten
