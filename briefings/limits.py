"""How large each part of an article may be: whatever passes ``briefings check`` builds.

Without bounds one file could cost the build anything: a 1,000,000-character title
with 1,000 tags passed ``check`` and then took 34 s and 5 GB to build (the title is
repeated on every tag page), a tag of 300 characters made a folder name the file
system refuses, a date in 2107 overflowed the gzip header of the sitemap.

Each limit is generous for real news (measured against headlines, outlet names,
bylines and long reads), and together they keep the worst article within a few
times the cost of an ordinary one: at every limit at once, one article page, at
most :data:`TAGS_MAX` tag pages and a few hundred KB of output. The validator
reports a value over a limit as an error naming the file, line, field and limit;
``briefings new`` and ``import`` apply the same rules through
:mod:`briefings.fields`. The README's "Articles" section has the same table.
"""

from __future__ import annotations

import reprlib

#: A headline: the longest real ones are around 150 characters; 300 also fits a
#: headline with its dek pasted in. The title is repeated on the briefing, topic and
#: every tag page, in each feed and in the search index.
TITLE_MAX = 300

#: A written summary: two or three sentences (a derived one is cut near 300).
#: Shown on the briefing, topic and tag pages, in feeds, search results and email.
SUMMARY_MAX = 1000

#: An outlet name ("The Wall Street Journal", "Frankfurter Allgemeine Zeitung");
#: it is also a search filter, listed once per source on the results page.
SOURCE_MAX = 120

#: A byline, possibly several names ("Anna Keller, Jean Dupont and Maria Rossi").
AUTHOR_MAX = 200

#: A topic key; with discovered topics it is a URL path segment and a section title.
TOPIC_MAX = 60

#: Tags per article: real articles carry 3 to 8; each new tag makes a page of its
#: own, and the article is listed on every one, so the count bounds the article's cost.
TAGS_MAX = 15

#: One tag as written ("Russia-Ukraine war", "European Central Bank").
TAG_MAX = 60

#: The slug of a tag or an article is a folder name in the built site, and file
#: systems refuse names over 255 bytes. Slugs are ASCII (python-slugify
#: transliterates), but one character can become several (``中`` → ``zhong``), so
#: the slug itself is bounded, well under 255; ``briefings import`` makes
#: file-name slugs of at most 80 characters.
SLUG_MAX = 150

#: The de facto limit of a URL (the sitemap protocol's, and what browsers and
#: CDNs reliably accept): 2,048 characters.
SOURCE_URL_MAX = 2048

#: The Markdown text of one article: about 15,000 words, longer than nearly any
#: news feature. Markdown rendering and the search index grow with it, so this
#: bounds the one page it makes (tens of milliseconds, ~150 KB of HTML).
BODY_MAX = 100_000

#: Fields Briefings does not use are kept with the article (in the build cache and
#: in the digest that decides when a page is rendered again): all of them together,
#: counted as written out, YAML aliases expanded, may hold this many characters.
UNUSED_FIELDS_MAX = 20_000
#: ... and be nested this deep at most: the cache's pickle and Python's ``repr``
#: recurse into them, and real metadata (an image with a caption, a list of links)
#: is two or three levels deep.
UNUSED_FIELDS_DEPTH = 20

#: Briefing days Briefings accepts, by year (in the site timezone): a century of
#: archives back, and forward as far as file formats with 32-bit times allow (gzip's
#: header, which the sitemap uses, ends in 2106; before 1970 it gets 0, "no time").
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

#: The limit of each text field, by name (as the validator reads them).
TEXT_LIMITS: dict[str, int] = {
    "title": TITLE_MAX,
    "summary": SUMMARY_MAX,
    "source": SOURCE_MAX,
    "author": AUTHOR_MAX,
    "topic": TOPIC_MAX,
    "source_url": SOURCE_URL_MAX,
    "image": SOURCE_URL_MAX,
    "image_alt": SUMMARY_MAX,
}

#: ``aliases:``: at most this many old URLs per article, each at most :data:`ALIAS_MAX` characters.
ALIASES_MAX = 20
ALIAS_MAX = 300


#: An integer longer than this many bits (about 3,000 digits) is refused, and shown in
#: messages by its size: ``str()`` of one over 4,300 digits raises in Python 3.11+.
INT_BITS_MAX = 10_000


def approximate_digits(number: int) -> int:
    """How many decimal digits ``number`` has, without ``str()`` (which refuses very long ones)."""
    return int(abs(number).bit_length() * 0.30103) + 1


class BoundedRepr(reprlib.Repr):
    """``reprlib.Repr`` that never fails: a very long integer is shown by its size.

    Messages quote what was found with it, so a hostile value (a 5,000-digit hex
    number in the front matter) gets an error naming its field, not a traceback.
    """

    def __init__(self, length: int = 60, items: int = 6) -> None:
        super().__init__()
        self.maxstring = self.maxother = length
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = self.maxdict = items
        self.maxlevel = 2

    def repr_int(self, x: int, level: int) -> str:
        """The number, or ``<a number of about N digits>`` when it is too long to write out."""
        if x.bit_length() > INT_BITS_MAX:
            return f"<a number of about {approximate_digits(x)} digits>"
        return super().repr_int(x, level)
