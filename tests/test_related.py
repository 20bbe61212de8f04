"""Related articles (briefings.related): scored on plain dataclasses, no build.

The scoring: shared tags weighted by rarity, shared significant title/summary words,
the same topic while close in time, all discounted with distance in time; only real
relations are listed, best first, with deterministic ties.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from briefings.group import group_articles
from briefings.model import Article, SiteSettings, Topic
from briefings.related import RELATED_LIMIT, related_articles, stop_words
from briefings.text import slugify

PARIS = ZoneInfo("Europe/Paris")
START = dt.datetime(2024, 11, 1, 9, 0, tzinfo=PARIS)
TOPICS = tuple(Topic(key, key.title()) for key in ("climate", "economy", "politics", "defence", "technology"))


def article(
    title: str,
    days: float,
    topic: str = "politics",
    tags: tuple[str, ...] = (),
    summary: str = "",
    draft: bool = False,
) -> Article:
    """An article ``days`` after the 1st of November 2024, 09:00 in Paris."""
    slug = slugify(title)
    return Article(
        path=f"content/{slug}.md",
        source_path=Path(f"content/{slug}.md"),
        title=title,
        published=START + dt.timedelta(days=days),
        has_time=True,
        topic=topic,
        summary=summary,
        body="",
        slug=slug,
        tags=tags,
        draft=draft,
    )


def background(count: int = 40) -> list[Article]:
    """Everyday news over a month: every one tagged EU (a tag on most of the site), in rotating topics."""
    topics = ("economy", "politics", "defence", "technology")
    return [
        article(f"Background story number {n}", n * 0.75, topic=topics[n % 4], tags=("EU", f"thread {n % 10}"))
        for n in range(count)
    ]


def related_titles(articles: list[Article], of: Article) -> list[str]:
    return [a.title for a in related_articles(articles, slugify, stop_words("en"))[of.url]]


def test_a_wetland_story_relates_to_the_water_story_not_to_stories_sharing_only_a_common_tag() -> None:
    wetland = article("Brittany wetland restoration wins funding", 10.2, "climate", ("France", "EU", "Wetlands"))
    river = article("Loire floodplain meadows rewetted", 12, "climate", ("Wetlands", "EU"))
    smelters = article("Smelters warn of cheap metal imports", 10.1, "economy", ("Trade", "EU"))
    enlargement = article("Ministers discuss enlargement timetable", 10.3, "politics", ("EU", "Enlargement"))
    corpus = [*background(), wetland, river, smelters, enlargement]

    assert related_titles(corpus, wetland) == [river.title]
    assert wetland.title not in related_titles(corpus, smelters)


def test_a_rare_tag_relates_stories_months_apart_but_the_same_topic_alone_only_close_in_time() -> None:
    ceasefire = article("Ceasefire talks open", 20, "defence", ("Ceasefire talks",))
    months_later = article("Ceasefire talks resume", 200, "defence", ("Ceasefire talks",))
    same_day = article("Frigates leave port", 20.1, "defence")
    three_weeks = article("Tank order signed", 41, "defence")
    others = [article(f"Market report {n}", n, "economy", (f"market {n}",)) for n in range(30)]
    corpus = [*others, ceasefire, months_later, same_day, three_weeks]

    titles = related_titles(corpus, ceasefire)
    assert months_later.title in titles and same_day.title in titles
    assert three_weeks.title not in titles


def test_the_nearer_in_time_of_two_equally_related_stories_comes_first() -> None:
    subject = article("Grid operator outage report", 50, "technology", ("Grid", "Outage"))
    far = article("Substation fire inquiry", 30, "technology", ("Grid", "Outage"))
    near = article("Blackout compensation plan", 53, "technology", ("Grid", "Outage"))
    corpus = [*background(), far, subject, near]

    assert related_titles(corpus, subject) == [near.title, far.title]


def test_closeness_in_time_weighs_less_than_rarity_of_what_is_shared() -> None:
    """Two rare tags shared a month away beat one common-ish tag and the topic on the same day."""
    subject = article("Grid operator outage report", 50, "economy", ("Grid", "Outage"))
    month_away = article("Substation fire inquiry", 20, "technology", ("Grid", "Outage"))
    same_day = article("Power prices climb", 50.1, "economy", ("EU",))
    corpus = [*background(), subject, month_away, same_day]

    assert related_titles(corpus, subject)[0] == month_away.title


def test_ties_go_to_the_nearer_then_the_newer_then_the_url_whatever_the_input_order() -> None:
    subject = article("Summit opens", 50, "politics", ("Summit",))
    before = article("Summit agenda leaked", 49, "politics", ("Summit",))
    after = article("Summit closes", 51, "politics", ("Summit",))
    twin_a = article("A summit side event", 47, "politics", ("Summit",))
    twin_b = article("B summit side event", 47, "politics", ("Summit",))
    corpus = [*background(), subject, before, after, twin_a, twin_b]
    expected = [after.title, before.title, twin_a.title, twin_b.title]

    assert related_titles(corpus, subject) == expected
    shuffled = corpus[:]
    random.Random(3).shuffle(shuffled)
    assert related_titles(shuffled, subject) == expected


def test_at_most_the_limit_and_never_the_article_itself() -> None:
    stories = [article(f"Heatwave day {n}", 10 + n / 10, "climate", ("Heatwave",)) for n in range(12)]
    corpus = [*background(), *stories]
    titles = related_titles(corpus, stories[5])

    assert len(titles) == RELATED_LIMIT == 5
    # Nearest first; at the same distance (2 and 8 are 0.3 days away) the newer.
    assert titles == [stories[n].title for n in (6, 4, 7, 3, 8)]


def test_an_article_without_a_real_relation_lists_none() -> None:
    loner = article("Lighthouse keeper retires", 15, "climate", ("EU",))
    corpus = [*background(), loner]

    assert related_titles(corpus, loner) == []


def test_two_rare_shared_title_words_relate_untagged_stories_one_word_or_stop_words_do_not() -> None:
    quillwort = article("Quillwort returns to Brittany ponds", 10, "climate", summary="A rare fern is back.")
    again = article("Brittany ponds: the quillwort census", 25, "technology", summary="Botanists count ferns.")
    one_word = article("Brittany ferries cancel sailings", 10.5, "economy")
    function_words = article("Why the other ones would have been there", 10.1, "politics")
    also_function = article("What the other ones have been saying there", 10.2, "defence")
    corpus = [*background(), quillwort, again, one_word, function_words, also_function]

    assert related_titles(corpus, quillwort) == [again.title]
    assert related_titles(corpus, function_words) == []


def test_tag_spellings_that_share_a_slug_are_one_tag() -> None:
    subject = article("Rate decision", 30, "economy", ("Central banks",))
    other = article("Bond yields fall", 32, "economy", ("central-banks",))
    corpus = [*background(), subject, other]

    assert related_titles(corpus, subject) == [other.title]


def settings() -> SiteSettings:
    return SiteSettings(root=Path("."), content_dir=Path("content"), timezone=PARIS, topics=TOPICS)


def test_drafts_are_related_only_in_a_preview_that_builds_them() -> None:
    """The published model never sees a draft; a preview (``--drafts``) relates to it, as it shows it."""
    subject = article("Wetland bill passes", 20, "climate", ("Wetlands",))
    draft = article("Wetland bill: what changes", 20.5, "climate", ("Wetlands",), draft=True)
    public = [*background(), subject]

    assert group_articles(public, settings()).related[subject.url] == []
    preview = group_articles([*public, draft], settings())
    assert [a.title for a in preview.related[subject.url]] == [draft.title]


def test_group_articles_uses_the_site_languages_stop_words() -> None:
    """Titles sharing only French function words relate on an English site, not on a French one."""
    first = article("Des pompiers dans une nuit sans repos", 10, "politics")
    second = article("Une école sans chauffage dans des villages", 10.4, "economy")  # des, dans, une, sans
    corpus = [*background(), first, second]

    def related_on(language: str) -> list[str]:
        site = SiteSettings(Path("."), Path("content"), timezone=PARIS, topics=TOPICS, language=language)
        return [a.title for a in group_articles(corpus, site).related[first.url]]

    assert related_on("en") == [second.title]
    assert related_on("fr") == []
    assert "les" in stop_words("fr-CA") and "the" in stop_words("en-GB")
    assert stop_words("xx") == frozenset()


def test_on_a_small_site_the_same_topic_the_same_day_with_a_shared_tag_is_a_relation() -> None:
    """Six articles: NATO is on half of them, defence too, yet the drill belongs with the troop talks."""
    troops = article("Troop talks resume", 10, "defence", ("NATO", "Ukraine"))
    drill = article("Naval drill ends", 9.95, "defence", ("NATO",))
    note = article("Minor note", 10.1, "defence")
    budget = article("Budget vote delayed", 10.05, "politics", ("France",))
    rates = article("Rates on hold", 9, "economy", ("Inflation",))
    summit = article("Late night summit", 8.6, "politics", ("NATO",))
    corpus = [troops, drill, note, budget, rates, summit]

    assert related_titles(corpus, troops) == [drill.title]
    # The same articles all in one topic: the topic tells nothing, and NATO alone is too common.
    one_topic = [article(a.title, (a.published - START).total_seconds() / 86400, "news", a.tags) for a in corpus]
    assert related_titles(one_topic, one_topic[0]) == []


def test_a_days_new_articles_change_only_the_lists_they_join() -> None:
    """Rarity is counted as of each article, so the site's growth does not reshuffle older lists.

    Every list that changes is one a new article entered: the other pages stay in the build cache.
    """
    rng = random.Random(7)
    tags = [f"tag {n}" for n in range(15)]
    topics = ("economy", "politics", "defence", "technology", "climate")

    def story(n: int, days: float) -> Article:
        return article(f"Story {n}", days, rng.choice(topics), tuple(rng.sample(tags, rng.randint(1, 3))))

    site = [story(n, n / 8) for n in range(1500)]
    new = [story(1500 + n, 1500 / 8 + 1 + n / 8) for n in range(8)]
    before = related_articles(site, slugify)
    after = related_articles(site + new, slugify)
    new_urls = {a.url for a in new}
    changed = [url for url in before if [a.url for a in before[url]] != [a.url for a in after[url]]]

    assert changed, "the new articles join some lists"
    assert all(any(a.url in new_urls for a in after[url]) for url in changed)


def test_the_last_lists_are_reused_only_while_what_the_scoring_reads_is_unchanged() -> None:
    """``serve`` groups the articles after every save: a body edit reuses the scoring, anything else redoes it."""
    from dataclasses import replace

    from briefings.related import _LastRelated

    wetland = article("Brittany wetland restoration wins funding", 10.2, "climate", ("Wetlands", "EU"))
    river = article("Loire floodplain meadows rewetted", 12, "climate", ("Wetlands", "EU"))
    corpus = [*background(), wetland, river]
    assert related_titles(corpus, wetland) == [river.title]
    kept = _LastRelated.kept

    # A body edit: the same lists, of the articles as loaded now (never the objects of the last call).
    edited = [replace(a, body=f"{a.body} fixed") for a in corpus]
    found = related_articles(edited, slugify, stop_words("en"))
    assert _LastRelated.kept is kept
    assert [a.body for a in found[edited[-2].url]] == [" fixed"]
    assert found[edited[-2].url][0] is edited[-1]

    # Moved to another topic and untagged: scored again, and no longer related.
    retagged = [*edited[:-1], replace(edited[-1], tags=("EU",), topic="economy")]
    assert related_titles(retagged, retagged[-2]) == []
    assert _LastRelated.kept is not kept

    # Every field the scoring reads starts a new scoring: a stale list is worse than a slow one.
    last = retagged[-1]
    for changed in (
        replace(last, title="Wetland"),
        replace(last, summary="Wetland"),
        replace(last, topic="economy"),
        replace(last, slug="another-slug"),  # the URL
        replace(last, published=last.published + dt.timedelta(minutes=1)),
    ):
        before = _LastRelated.kept
        related_articles([*retagged[:-1], changed], slugify, stop_words("en"))
        assert _LastRelated.kept is not before, changed
