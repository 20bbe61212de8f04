"""Related articles: the few other articles a reader of one article would want next (no MkDocs).

How a candidate is scored against an article (the README explains it to editors):

* **Shared tags.** Each tag both carry adds its *rarity*, ``ln(N / n)`` for a tag on
  ``n`` of ``N`` articles: a tag on half the site adds 0.7, one on one article in a
  hundred adds 4.6. A tag everyone uses says little; a rare one says a lot. The counts
  are those of the site as the article was published (the articles up to it; the
  site's first 1,000 share the counts of those 1,000): a new day's articles then leave
  older articles' lists, and their cached pages, as they were.
* **Shared words.** When their titles and summaries have at least two significant
  words in common, each adds half its rarity (one common word is a coincidence).
  Significant: at least 3 letters, not a number, not a common word of the site's
  language (jusText's stop lists, about 100 languages), and used by at most one
  article in twenty.
* Those lasting relations are discounted with distance in time, down to half:
  ``× (1 + closeness) / 2``; a rare shared tag still relates stories months apart.
* **Same topic** adds the topic's rarity ``× closeness``: a topic is a broad
  category, so it only relates stories of the same days. On a site with several
  topics it counts at least ``ln 4`` (a topic of a site with four equal topics): on a
  small site a big topic still means something; on a one-topic site it means nothing.
* ``closeness = 2 ** -(days apart / 7)``: 1 at the same moment, ½ a week apart,
  ¼ two weeks apart.

A candidate is listed only if it scores at least ``ln 6`` (what one shared tag
carried by one article in six scores on the same day), best first, at most
:data:`RELATED_LIMIT`; ties go to the nearer in time, then the newer, then the URL.
Fewer good ones beat five arbitrary ones: an article with no real relation lists none.

The cost stays linear in the number of articles (0.7 s of CPU for the 10,000-article
benchmark corpus, 1.6 s for 20,000): every tag, topic and word has a list of its
articles in time order (an inverted index), and an article only looks at its nearest
neighbours in each list (12 on each side for a tag, 8 for its topic, 6 for a word),
never at all pairs. So a key relates two articles only when few others carrying it
were published between them: a rare key's whole list is within reach and always
counts; only a common key, worth little, is left out between articles far apart.
An article looks up its 6 rarest tags and 8 rarest words.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from babel import Locale, UnknownLocaleError

from .model import Article

RELATED_LIMIT = 5

_WORD = re.compile(r"\w{3,}")
_UNIT = 1_000_000  # weights are whole millionths (see _rarity)


@dataclass(frozen=True)
class RelatedScoring:
    """The constants of the scoring (see the module docstring); one place to read and tune them."""

    limit: int = RELATED_LIMIT
    #: The least score listed: one shared tag on one article in six, the same day.
    min_score: float = math.log(6)
    #: Rarity is counted among the articles up to each one, so that a new day's articles leave older
    #: lists (and cached pages) as they were; the site's first this many share their counts.
    rarity_base: int = 1000
    #: The least rarity of a topic when the articles have several (see the module docstring).
    min_topic_rarity: float = math.log(4)
    #: Days after which closeness in time halves.
    half_life_days: float = 7.0
    #: A shared significant word counts this fraction of a tag of the same rarity…
    word_weight: float = 0.5
    #: …and words count only when at least this many are shared.
    min_shared_words: int = 2
    #: Words used by more than this share of the articles are not significant…
    max_word_share: float = 0.05
    #: …except on small sites, where a word in this many articles still counts.
    min_word_cap: int = 3
    #: An article looks up only its rarest tags and significant words (names, places): bounded work.
    tags_per_article: int = 6
    words_per_article: int = 8
    #: How many neighbours on each side in a tag's, topic's or word's time-ordered list are looked at.
    tag_window: int = 12
    topic_window: int = 8
    word_window: int = 6


DEFAULT_SCORING = RelatedScoring()


@dataclass
class _Posting:
    """One key (tag, topic or word) of one article: the key's articles in time order and where this one is."""

    members: list[int]
    position: int
    weight: int  # in _UNIT units

    def neighbours(self, window: int) -> list[int]:
        """The key's articles at most ``window`` places before or after this one (this one included)."""
        return self.members[max(0, self.position - window) : self.position + window + 1]


@dataclass
class _Keys:
    """What one article is looked up by: its tags, its rarest significant words, its topic."""

    tags: list[_Posting]
    words: list[_Posting]
    topic: _Posting


def related_articles(
    articles: Sequence[Article],
    tag_key: Callable[[str], str],
    stop_words: frozenset[str] = frozenset(),
    scoring: RelatedScoring = DEFAULT_SCORING,
) -> dict[str, list[Article]]:
    """Article URL → its related articles, best first (see the module docstring for the scoring).

    ``tag_key`` gives the key two spellings of a tag share (the tag slug);
    ``stop_words`` (casefolded) are never significant words. Only ``articles`` are
    candidates: the caller passes the published ones, or with drafts in a preview.

    The last result is kept (:class:`_LastRelated`): ``briefings serve`` groups the
    articles again after every save, and a save that leaves every title, summary, tag,
    topic and time as they were (a fixed typo in a body) gets the same lists, of the
    articles as they are now, without the ~0.9 s of scoring 10,000 articles.
    """
    ordered = sorted(articles, key=lambda a: (a.published.timestamp(), a.url))  # each key's list in time order
    inputs = _LastRelated.inputs_of(articles, tag_key, stop_words, scoring)
    last = _LastRelated.kept
    if last is None or last.inputs != inputs:
        last = _LastRelated.kept = _LastRelated(inputs, _related_positions(ordered, tag_key, stop_words, scoring))
    # Same inputs, same order: positions in `ordered` name the same articles, as loaded this time.
    return {ordered[index].url: [ordered[other] for other in found] for index, found in enumerate(last.positions)}


@dataclass(frozen=True)
class _LastRelated:
    """The last result of :func:`related_articles`, as positions in time order, and what it was computed from."""

    #: Everything the scoring reads: each article's URL, time, title, summary, tags and topic, in
    #: the order given (equal inputs then sort the same), with the tag key, stop words and constants.
    inputs: tuple[object, ...]
    #: For each article in time order, its related articles' positions in time order, best first.
    positions: list[list[int]]

    kept: ClassVar[_LastRelated | None] = None

    @staticmethod
    def inputs_of(
        articles: Sequence[Article],
        tag_key: Callable[[str], str],
        stop_words: frozenset[str],
        scoring: RelatedScoring,
    ) -> tuple[object, ...]:
        read = tuple((a.url, a.published.timestamp(), a.title, a.summary, a.tags, a.topic) for a in articles)
        return (tag_key, stop_words, scoring, read)


def _related_positions(
    ordered: list[Article], tag_key: Callable[[str], str], stop_words: frozenset[str], scoring: RelatedScoring
) -> list[list[int]]:
    """For each article of ``ordered`` (time order), its related articles' positions, best first."""
    if len(ordered) < 2:
        return [[] for _ in ordered]
    keys = _index(ordered, tag_key, stop_words, scoring)
    moments = [a.published.timestamp() for a in ordered]
    # Tie-breaks after score and distance: the newer first, then the URL (A to Z).
    precedence = [0] * len(ordered)
    for rank, index in enumerate(sorted(range(len(ordered)), key=lambda i: (-moments[i], ordered[i].url))):
        precedence[index] = rank
    decay = math.log(2) / (scoring.half_life_days * 86400.0)
    bar = scoring.min_score * _UNIT
    related: list[list[int]] = []
    for index in range(len(ordered)):
        mine = keys[index]
        lasting: dict[int, int] = {}
        for posting in mine.tags:
            weight = posting.weight
            for other in posting.neighbours(scoring.tag_window):
                lasting[other] = lasting.get(other, 0) + weight
        if mine.words:
            by_words: dict[int, int] = {}
            shared_words: dict[int, int] = {}
            for posting in mine.words:
                weight = posting.weight
                for other in posting.neighbours(scoring.word_window):
                    by_words[other] = by_words.get(other, 0) + weight
                    shared_words[other] = shared_words.get(other, 0) + 1
            for other, count in shared_words.items():
                if count >= scoring.min_shared_words:
                    lasting[other] = lasting.get(other, 0) + by_words[other]
        topic_weight = mine.topic.weight
        same_topic = set(mine.topic.neighbours(scoring.topic_window))
        moment = moments[index]
        ranked: list[tuple[float, float, int, int]] = []
        for other in lasting.keys() | same_topic:
            topical = topic_weight if other in same_topic else 0
            shared = lasting.get(other, 0)
            if shared + topical < bar or other == index:  # closeness ≤ 1: it cannot reach the bar
                continue
            distance = abs(moments[other] - moment)
            closeness = math.exp(-decay * distance)
            score = shared * (1.0 + closeness) / 2.0 + topical * closeness
            if score >= bar:
                ranked.append((-score, distance, precedence[other], other))  # best first, then the tie-breaks
        related.append([entry[3] for entry in heapq.nsmallest(scoring.limit, ranked)])
    return related


def _index(
    ordered: list[Article], tag_key: Callable[[str], str], stop_words: frozenset[str], scoring: RelatedScoring
) -> list[_Keys]:
    """The inverted indexes (tag, word, topic → its articles in time order), as each article's postings.

    Rarity is counted as of each article (see :attr:`RelatedScoring.rarity_base`): the
    articles up to it, or the site's first ``rarity_base`` ones for those among them.
    """
    count = len(ordered)
    base = min(count, scoring.rarity_base)
    tag_keys = [tuple(dict.fromkeys(key for key in map(tag_key, a.tags) if key)) for a in ordered]
    words = [_words(a, stop_words) for a in ordered]
    word_counts = Counter(word for found in words for word in found)
    base_tags = Counter(key for found in tag_keys[:base] for key in found)
    base_words = Counter(word for found in words[:base] for word in found)
    base_topics = Counter(a.topic for a in ordered[:base])
    several_topics = len({a.topic for a in ordered}) > 1
    least_topic_weight = round(scoring.min_topic_rarity * _UNIT) if several_topics else 0

    tag_members: dict[str, list[int]] = defaultdict(list)
    word_members: dict[str, list[int]] = defaultdict(list)
    topic_members: dict[str, list[int]] = defaultdict(list)
    keys: list[_Keys] = []
    for index, article in enumerate(ordered):
        early = index < base
        seen = base if early else index + 1  # N, as of this article
        # Rarest first, then alphabetical: the keys looked up, and a fixed order of addition.
        rarest_tags = sorted((_carried(tag_members, base_tags, key, early), key) for key in tag_keys[index])
        tags = [_posting(tag_members[key], index, _rarity(seen, n)) for n, key in rarest_tags]
        cap = max(scoring.min_word_cap, int(seen * scoring.max_word_share))
        # A word is significant if another article has it (earlier or later) and it is not common (yet).
        rarest_words = sorted(
            (_carried(word_members, base_words, word, early), word) for word in words[index] if word_counts[word] >= 2
        )
        looked_up = [
            _posting(word_members[word], index, _rarity(seen, n, scoring.word_weight))
            for n, word in rarest_words
            if n <= cap
        ]
        for n, word in rarest_words:
            if n > cap:
                word_members[word].append(index)  # found by other articles, not looked up by this one
        topic_carried = _carried(topic_members, base_topics, article.topic, early)
        topic_weight = max(least_topic_weight, _rarity(seen, topic_carried))
        topic = _posting(topic_members[article.topic], index, topic_weight)
        keys.append(_Keys(tags[: scoring.tags_per_article], looked_up[: scoring.words_per_article], topic))
    return keys


def _carried(members: dict[str, list[int]], base_counts: Counter[str], key: str, early: bool) -> int:
    """``n`` as of the article being indexed: how many up to it (itself included) carry ``key``.

    ``members`` holds the articles before it; one of the site's first ``rarity_base``
    (``early``) uses their shared counts.
    """
    return base_counts[key] if early else len(members[key]) + 1


def _posting(members: list[int], index: int, weight: int) -> _Posting:
    """Add article ``index`` to a key's list (articles come in time order) and say where it is."""
    members.append(index)
    return _Posting(members, len(members) - 1, weight)


def _rarity(count: int, carried_by: int, share: float = 1.0) -> int:
    """``ln(N / n)``: how much sharing a key carried by ``n`` of ``N`` articles tells, in :data:`_UNIT` units.

    Whole numbers, so that sums are exact in any order: equal scores stay equal,
    and ties are broken by the rules, never by rounding.
    """
    return round(share * math.log(count / carried_by) * _UNIT)


def _words(article: Article, stop_words: frozenset[str]) -> set[str]:
    """The title's and summary's candidate words: casefolded, 3 letters or more, no numbers, no stop words."""
    found = set(_WORD.findall(f"{article.title} {article.summary}".casefold()))
    found -= stop_words
    return {word for word in found if not word.isdigit()}


#: Languages whose jusText stop list has another name than Babel's English name for them.
_STOP_LIST_ALIASES = {"no": "nb"}


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    """The common words of ``language`` (``fr``, ``pt-BR``…), casefolded; empty when none is known.

    jusText (a dependency; trafilatura, which the importers use, needs it too) ships lists of
    the most frequent words of about 100 languages, named in English.
    """
    import justext  # only builds need it: importing it (and lxml) costs ~70 ms

    try:
        code = Locale.parse(language.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return frozenset()
    english = Locale.parse(_STOP_LIST_ALIASES.get(code, code)).english_name or ""
    name = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode().replace(" ", "_")
    try:
        return frozenset(word.casefold() for word in justext.get_stoplist(name))
    except ValueError:
        return frozenset()
