"""File slugs of imported and new articles: python-slugify's own cut gives the slugs the hand-written cut gave.

The hand-written cut (kept here as :func:`hand_written_cut`, the reference) took
python-slugify's slug and cut it at the last ``-`` at or before 80 characters
(a single word longer than that: its first 80 characters). python-slugify does the
same with ``max_length``, ``word_boundary`` and ``save_order``; the properties
below compare the two over many titles, the examples pin the expected slugs.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from slugify import slugify as library_slugify

from briefings.importers.write import SLUG_MAX_LENGTH, slug_for
from briefings.text import slugify

PROPERTY_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def hand_written_cut(title: str) -> str:
    """The cut ``slug_for`` made by hand before python-slugify's options replaced it."""
    slug = library_slugify(title)
    if len(slug) > SLUG_MAX_LENGTH:
        cut = slug[: SLUG_MAX_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX_LENGTH]
    return slug.strip("-") or "article"


words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéßжΩ0123456789"), min_size=1, max_size=30)
separators = st.sampled_from([" ", "  ", " - ", ", ", ": ", "'", "’", " & ", "/", "—", "!"])
titles = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts, seps, strict=False)),
    st.lists(words, min_size=1, max_size=25),
    st.lists(separators, min_size=25, max_size=25),
)


@PROPERTY_SETTINGS
@given(titles)
@example("word " * 40)
@example("x" * 79 + " yz")
@example("x" * 80 + " yz")
@example("x" * 81 + " yz")
@example("ab " + "x" * 78)
@example("ab " + "x" * 77)
@example("!!!")
@example("")
def test_library_cut_equals_the_hand_written_cut_on_word_titles(title: str) -> None:
    assert slug_for(title) == hand_written_cut(title)


@PROPERTY_SETTINGS
@given(st.text(max_size=200))
def test_library_cut_equals_the_hand_written_cut_on_any_text(title: str) -> None:
    assert slug_for(title) == hand_written_cut(title)


@PROPERTY_SETTINGS
@given(titles)
def test_slugs_are_plain_and_at_most_80_characters(title: str) -> None:
    slug = slug_for(title)
    assert len(slug) <= SLUG_MAX_LENGTH
    assert slug == slugify(slug)  # a plain slug: no leading, trailing or doubled hyphen


def test_expected_slugs_on_examples() -> None:
    long_title = (
        "Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde, "
        "as Ministers Meet in Brussels for Talks on Air Defence"
    )
    assert slug_for(long_title) == (
        "western-nations-revive-debate-over-sending-troops-to-ukraine-says-le-monde-as"
    )  # 77 characters: "-ministers" would pass 80
    assert slug_for("Straße der Einheit: Grüße aus Köln") == "strasse-der-einheit-grusse-aus-koln"
    assert slug_for("Москва и Киев") == "moskva-i-kiev"
    assert slug_for("x" * 100) == "x" * 80  # one long word: cut inside it
    assert slug_for("x" * 80 + " more") == "x" * 80  # a word ending exactly at 80 is kept whole
    assert slug_for("!!!") == "article"


def test_the_text_helper_cuts_only_when_asked() -> None:
    title = "word " * 40
    assert slugify(title) == "-".join(["word"] * 40)
    assert slugify(title, max_length=SLUG_MAX_LENGTH) == "-".join(["word"] * 16)  # 79 characters
    assert slugify("already-a-slug", max_length=SLUG_MAX_LENGTH) == "already-a-slug"
