"""``briefings import``: file naming, options, duplicates, dry run, bad files and the summary line."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, SEED, assert_loads_cleanly, import_site

from briefings.importers import read_input
from briefings.importers.write import choose_topic, normalise_url, slug_for
from briefings.model import Topic

SEED_FILE = "content/2024/11/2024-11-25-western-nations-revive-debate-over-sending-troops-to-ukraine-says-le-monde.md"


@pytest.fixture
def site(tmp_path):
    return import_site(tmp_path / "site")


def write_article(site, relative: str, **fields: str) -> None:
    path = site.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "".join(f"{key}: {value}\n" for key, value in fields.items())
    path.write_text(f"---\n{header}---\n\nHand-written body.\n", encoding="utf-8")


def test_seed_article_imports_with_source_le_monde(site):
    result = site.run_import(SEED, "--date", "2024-11-25")
    assert result.exit_code == 0, result.output
    assert site.relative_files() == [SEED_FILE]
    assert f"wrote {SEED_FILE}" in result.output
    assert result.output.endswith("1 imported, 0 skipped as duplicates, 0 failed\n")
    post = site.post(site.root / SEED_FILE)
    assert list(post.metadata) == ["title", "date", "topic", "source"]  # no empty "tags: []"
    assert post["title"] == "Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde"
    assert post["date"] == dt.date(2024, 11, 25)
    assert post["source"] == "Le Monde"
    assert post["topic"] == "defence"  # troops, NATO, missiles…
    assert post.content.startswith("Some Western countries are once again discussing")
    [article] = assert_loads_cleanly(site).articles
    assert (
        article.url == "articles/2024/11/25/western-nations-revive-debate-over-sending-troops-to-ukraine-says-le-monde/"
    )


def test_text_without_a_full_date_asks_for_date(site):
    result = site.run_import(SEED)
    assert result.exit_code == 1
    assert f"{SEED}: error: no full date (with a year) found in the text: pass --date" in result.output
    assert "Traceback" not in result.output
    assert site.files() == []


def test_second_import_adds_nothing_and_says_skipped(site):
    assert site.run_import(SEED, "--date", "2024-11-25").exit_code == 0
    before = (site.root / SEED_FILE).read_bytes()
    again = site.run_import(SEED, "--date", "2024-11-25")
    assert again.exit_code == 0
    assert f"{SEED}: skipped (duplicate of {SEED_FILE}: same title on 2024-11-25)" in again.output
    assert again.output.endswith("0 imported, 1 skipped as duplicates, 0 failed\n")
    assert site.relative_files() == [SEED_FILE]
    assert (site.root / SEED_FILE).read_bytes() == before


def test_duplicate_within_one_run(site):
    result = site.run_import(SEED, SEED, "--date", "2024-11-25")
    assert result.exit_code == 0
    assert "1 imported, 1 skipped as duplicates, 0 failed" in result.output
    assert len(site.files()) == 1


def test_same_title_same_paris_day_is_a_duplicate_even_as_a_draft(site):
    write_article(
        site,
        "content/drafts/x.md",
        title="'western nations revive debate over sending troops to ukraine, says le monde'",
        date="2024-11-25T22:00:00+00:00",
        topic="defence",
        draft="true",
    )  # 23:00 in Paris
    result = site.run_import(SEED, "--date", "2024-11-25")
    assert "skipped (duplicate of content/drafts/x.md: same title on 2024-11-25)" in result.output
    assert site.relative_files() == ["content/drafts/x.md"]


def test_same_title_on_another_day_is_not_a_duplicate(site):
    assert site.run_import(SEED, "--date", "2024-11-25").exit_code == 0
    result = site.run_import(SEED, "--date", "2024-11-26")
    assert "1 imported, 0 skipped" in result.output
    assert len(site.files()) == 2


def test_same_source_url_without_tracking_parameters_is_a_duplicate(site):
    write_article(
        site,
        "content/old.md",
        title="Sanctions agreed",
        date="2024-12-10",
        topic="economy",
        source_url="'https://www.brusselstimes.example/world/eu-sanctions-package?fbclid=abc#comments'",
    )
    result = site.run_import(FIXTURES / "news-page.html")
    assert result.exit_code == 0
    assert "skipped (duplicate of content/old.md: same source URL)" in result.output
    assert site.relative_files() == ["content/old.md"]


def test_dry_run_writes_nothing_and_shows_what_would_be_written(site):
    result = site.run_import(
        SEED, FIXTURES / "world-feed.rss", "--date", "2024-11-25", "--topic", "politics", "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert site.files() == []
    assert not (site.content / "2024").exists()
    assert f"would write {SEED_FILE}" in result.output
    assert "    source: Le Monde" in result.output
    assert "    date: 2024-11-25\n" in result.output
    assert "dry run: nothing was written" in result.output
    # the feed's first entry and the seed share the day but not the title; the feed entries all get --date
    assert result.output.endswith("6 would be imported, 0 would be skipped as duplicates, 0 failed\n")


def test_bad_files_fail_by_name_and_good_files_still_import(site, tmp_path):
    missing = tmp_path / "missing.txt"
    empty_folder = tmp_path / "nothing-here"
    empty_folder.mkdir()
    result = site.run_import(
        FIXTURES / "empty.txt",
        SEED,
        FIXTURES / "image.png",
        missing,
        FIXTURES / "broken-feed.xml",
        empty_folder,
        "--date",
        "2024-11-25",
    )
    assert result.exit_code == 1
    out = result.output
    assert f"{FIXTURES / 'empty.txt'}: error: the file is empty" in out
    assert f"{FIXTURES / 'image.png'}: error: not a text file (binary data)" in out
    assert f"{missing}: error: no such file" in out
    assert f"{FIXTURES / 'broken-feed.xml'}: error: not a valid RSS or Atom feed" in out
    assert f"{empty_folder}: error: the folder holds no file to import" in out
    assert "Traceback" not in out
    assert out.endswith("1 imported, 0 skipped as duplicates, 5 failed\n")
    assert site.relative_files() == [SEED_FILE]


def test_non_utf8_text_fails(site, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Un titre assez long ici\nLe théâtre a rouvert ses portes.".encode("latin-1"))
    result = site.run_import(path, "--date", "2024-11-25", "--topic", "politics")
    assert result.exit_code == 1
    assert f"{path}: error: not UTF-8 text" in result.output


def test_source_option_is_the_fallback_when_the_file_names_none(site):
    result = site.run_import(
        FIXTURES / "published-line.txt", FIXTURES / "reuters-kyiv.txt", "--source", "Interfax", "--date", "2024-11-28"
    )
    assert result.exit_code == 0, result.output
    sources = {site.post(p)["title"]: site.post(p).get("source") for p in site.files()}
    assert sources == {
        "Talks on Ceasefire Resume in Doha, Says Kremlin": "Interfax",
        "Ukraine Says Power Grid Hit by Massive Russian Missile Attack": "Reuters",
    }


def test_date_in_the_text_and_time_option(site):
    result = site.run_import(FIXTURES / "published-line.txt", FIXTURES / "afp-francfort.txt")
    assert result.exit_code == 0, result.output
    assert site.relative_files() == [
        "content/2024/12/2024-12-03-talks-on-ceasefire-resume-in-doha-says-kremlin.md",
        "content/2024/12/2024-12-12-la-bce-abaisse-ses-taux-pour-la-quatrieme-fois-cette-annee.md",
    ]
    talks, bce = (site.post(p) for p in site.files())
    assert (
        talks["date"] == "2024-12-03T07:45:00+01:00"
        and talks["author"] == "Maria Kowalska"
        and talks["topic"] == "politics"
    )
    assert bce["date"] == dt.date(2024, 12, 12) and bce["source"] == "AFP" and bce["topic"] == "economy"
    assert_loads_cleanly(site)
    other = import_site(site.root.parent / "other")
    assert other.run_import(FIXTURES / "reuters-kyiv.txt", "--date", "2024-11-28 08:30").exit_code == 0
    assert other.post(other.files()[0])["date"] == "2024-11-28T08:30:00+01:00"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--topic", "defense"], "unknown topic 'defense' (did you mean 'defence'?)"),
        (["--date", "25/11/2024"], "expected a date like 2024-11-25"),
    ],
)
def test_bad_options_are_usage_errors(site, args, message):
    result = site.run_import(SEED, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert site.files() == []


def test_missing_configuration_file(tmp_path):
    site = import_site(tmp_path / "site")
    site.config.unlink()
    result = site.run_import(SEED, "--date", "2024-11-25")
    assert result.exit_code == 1
    assert "no such configuration file" in result.output


def test_discovered_topics_need_the_topic_option(tmp_path):
    site = import_site(tmp_path / "site", topics={})
    failed = site.run_import(SEED, "--date", "2024-11-25")
    assert failed.exit_code == 1 and "pass --topic" in failed.output
    ok = site.run_import(SEED, "--date", "2024-11-25", "--topic", "ukraine-war")
    assert ok.exit_code == 0
    assert site.post(site.files()[0])["topic"] == "ukraine-war"
    assert_loads_cleanly(site)


def test_existing_file_is_never_overwritten_and_the_slug_gets_a_number(site):
    write_article(site, SEED_FILE, title="Something else entirely", date="2024-11-25", topic="politics")
    before = (site.root / SEED_FILE).read_bytes()
    result = site.run_import(SEED, "--date", "2024-11-25")
    assert result.exit_code == 0
    assert (site.root / SEED_FILE).read_bytes() == before
    numbered = SEED_FILE.replace(".md", "-2.md")
    assert set(site.relative_files()) == {SEED_FILE, numbered}
    assert_loads_cleanly(site)


def test_same_slug_same_day_in_another_folder_gets_a_number_to_keep_urls_unique(site):
    write_article(
        site,
        "content/hand/western-nations-revive-debate-over-sending-troops-to-ukraine-says-le-monde.md",
        title="Other",
        date="2024-11-25 09:00",
        topic="politics",
    )
    assert site.run_import(SEED, "--date", "2024-11-25").exit_code == 0
    assert SEED_FILE.replace(".md", "-2.md") in site.relative_files()
    assert_loads_cleanly(site)  # no two articles with the same URL


def test_titles_with_the_same_slug_in_one_run(site, tmp_path):
    (tmp_path / "a.txt").write_text("Troops on alert in the north!\nFirst story.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Troops: on alert in the north\nSecond story.", encoding="utf-8")
    result = site.run_import(tmp_path / "a.txt", tmp_path / "b.txt", "--date", "2024-11-25")
    assert result.exit_code == 0, result.output
    assert [p.name for p in site.files()] == [
        "2024-11-25-troops-on-alert-in-the-north-2.md",
        "2024-11-25-troops-on-alert-in-the-north.md",
    ]
    assert_loads_cleanly(site)


def test_no_progress_bar_when_stdout_is_not_a_terminal(site, tmp_path):
    paths = []
    for number in range(12):
        path = tmp_path / f"story-{number}.txt"
        path.write_text(f"Troops move to the border number {number}\nBody {number}.", encoding="utf-8")
        paths.append(path)
    result = site.run_import(*paths, "--date", "2024-11-25")
    assert result.exit_code == 0
    assert "━" not in result.output and "\r" not in result.output
    assert result.output.count("wrote content/") == 12


def test_choose_topic_counts_whole_words_case_insensitively():
    topics = (
        Topic("defence", "D", keywords=("NATO", "troops")),
        Topic("politics", "P", keywords=("vote", "parliament")),
    )
    assert choose_topic("nato troops and a vote", topics) == "defence"
    assert choose_topic("Parliament vote; NATO", topics) == "politics"
    assert choose_topic("NATOs troopships voted", topics) is None  # no whole-word match
    assert choose_topic("NATO vote", topics) == "defence"  # tie: configured order


def test_normalise_url():
    assert normalise_url("HTTPS://Example.org/a?utm_source=x&id=3&fbclid=y&gclid=z#top") == "https://example.org/a?id=3"
    assert normalise_url("https://example.org") == normalise_url("https://example.org/")


def test_slug_for_long_and_empty_titles():
    slug = slug_for("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("word-word")
    assert slug_for("!!!") == "article"


# --- the report: every decision, with where it came from, in both modes ---------------------

CLIPPING_PUBLISHED = """\
World
Europe
Finance Ministers Agree on Budget Rules After Long Talks
Published: 21 November 2026 14:05 +0100
By Anna Berg

Finance ministers agreed on Thursday on new budget rules after talks that lasted through the night.

The parliament must still vote on the text.
"""
CLIPPING_DATELINE = """\
Accueil › Monde
Les ministres des Finances s'accordent sur le budget européen
BRUXELLES, 19 novembre 2026 (AFP) - Les ministres des Finances de l'Union européenne se sont accordés mardi soir.
Le texte doit encore être voté au Parlement européen au printemps.
"""
PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Oil Sanctions Tightened Again | The Harbour Ledger</title>
<meta property="og:title" content="Oil Sanctions Tightened Again">
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="article:published_time" content="2026-11-20T08:00:00+00:00">
<link rel="canonical" href="https://ledger.example/world/oil-sanctions">
</head><body><article><h1>Oil Sanctions Tightened Again</h1>
<p>Governments agreed on Friday to tighten sanctions on oil shipments once more, the third package this year.</p>
<p>Shipping companies said the new sanctions would raise costs across the region within weeks.</p>
</article></body></html>
"""
FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title><link>https://wire.example/</link>
<description>News</description>
<item><title>Drone Sightings Close Two Airports</title><link>https://wire.example/a/drones</link>
<pubDate>Sat, 21 Nov 2026 06:30:00 +0100</pubDate>
<description>Military police investigated drone sightings near two airports overnight.</description></item>
<item><title>Election Date Set for March</title><link>https://wire.example/a/election</link>
<pubDate>Sat, 21 Nov 2026 09:00:00 +0100</pubDate>
<description>The election will take place in March, the government said.</description></item>
</channel></rss>
"""


def write_inputs(folder, **files: str):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("dry_run", [False, True])
def test_every_decision_is_reported_with_where_it_came_from(site, tmp_path, dry_run):
    clips = write_inputs(
        tmp_path / "clips", published__txt=CLIPPING_PUBLISHED, dateline__txt=CLIPPING_DATELINE, page__html=PAGE
    )
    args = [clips / "published.txt", clips / "dateline.txt", clips / "page.html", *(["--dry-run"] if dry_run else [])]
    result = site.run_import(*args)
    assert result.exit_code == 0, result.output
    verb = "would write" if dry_run else "wrote"
    published = [
        f"{clips / 'published.txt'}: {verb} content/2026/11/"
        "2026-11-21-finance-ministers-agree-on-budget-rules-after-long-talks.md",
        '    date 2026-11-21T14:05:00+01:00, from line 4: "Published: 21 November 2026 14:05 +0100"',
        "    topic politics, guessed from keywords: budget ×2, talks ×2, parliament ×1",
        "    no source: the file names no outlet (--source sets one)",
    ]
    dateline = [
        '    date 2026-11-19, from line 3: "BRUXELLES, 19 novembre 2026 (AFP) - Les ministres des Finances de l\'U…"',
        "    topic politics, guessed from keywords: budget ×1",
        "    source AFP, from the file",
    ]
    page = [
        "    date 2026-11-20T08:00:00+00:00, from the page's",  # metadata (the reader may name which)
        "    topic economy, guessed from keywords: sanctions ×3, oil ×2",
        "    source The Harbour Ledger, from the file",
    ]
    lines = result.output.splitlines()
    for expected in (published, dateline, page):
        start = next(number for number, line in enumerate(lines) if line.startswith(expected[0]))
        assert lines[start + 1 : start + len(expected)] == expected[1:]
    summary = "3 would be imported, 0 would be skipped as duplicates" if dry_run else "3 imported, 0 skipped"
    assert summary in lines[-1]
    assert (site.files() == []) is dry_run


def test_options_are_reported_as_the_origin_of_what_they_set(site, tmp_path):
    clips = write_inputs(tmp_path / "clips", feed__xml=FEED)
    result = site.run_import(clips / "feed.xml", "--topic", "defence", "--tags", "airports")
    assert result.exit_code == 0, result.output
    assert "    date 2026-11-21T06:30:00+01:00, from the feed entry" in result.output
    assert "    topic defence, from --topic" in result.output
    assert "    source Harbour Wire, from the file" in result.output
    assert result.output.count("    tags airports, with --tags") == 2
    other = import_site(tmp_path / "other")
    result = other.run_import(clips / "feed.xml", "--date", "2026-11-22", "--source", "Ignored When Named")
    assert "    date 2026-11-22, from --date" in result.output
    assert "    topic defence, guessed from keywords: drone ×2, military ×1" in result.output
    assert "    topic politics, guessed from keywords: election ×2" in result.output


def test_a_source_option_is_reported_when_it_is_used(site, tmp_path):
    clips = write_inputs(tmp_path / "clips", published__txt=CLIPPING_PUBLISHED)
    result = site.run_import(clips / "published.txt", "--source", "Interfax")
    assert result.exit_code == 0, result.output
    assert "    source Interfax, from --source" in result.output


def test_a_tie_between_topics_is_explained(site, tmp_path):
    clips = write_inputs(tmp_path / "clips", tie__txt="Ministers Discuss the Oil Budget\nNothing else to say here.\n")
    result = site.run_import(clips / "tie.txt", "--date", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert (
        "    topic politics, guessed from keywords: budget ×1 (as many as economy: the first in mkdocs.yml wins)"
        in result.output
    )


def test_a_skipped_duplicate_names_the_file_and_the_reason(site, tmp_path):
    clips = write_inputs(tmp_path / "clips", page__html=PAGE, copy__html=PAGE.replace("Again", "Once More"))
    result = site.run_import(clips / "page.html", clips / "copy.html")
    assert result.exit_code == 0, result.output
    written = "content/2026/11/2026-11-20-oil-sanctions-tightened-again.md"
    assert f"{clips / 'copy.html'}: skipped (duplicate of {written}: same source URL)" in result.output
    dry = site.run_import(clips / "page.html", "--dry-run")
    assert f"{clips / 'page.html'}: would be skipped (duplicate of {written}: same source URL)" in dry.output
    assert dry.output.endswith("0 would be imported, 1 would be skipped as duplicates, 0 failed\n")


# --- folders -------------------------------------------------------------------------------


def test_a_folder_is_imported_recursively_in_sorted_order(site, tmp_path):
    clips = tmp_path / "clips"
    write_inputs(clips / "2026-11" / "week-47", published__txt=CLIPPING_PUBLISHED)
    write_inputs(clips / "2026-11", dateline__txt=CLIPPING_DATELINE, feed__rss=FEED)
    write_inputs(clips, Page__html=PAGE, notes__md="Notes on the week ahead for the desk\nCheck the drone story.\n")
    write_inputs(clips / ".git", HEAD="ref: refs/heads/main\n")  # hidden: left out, not even said
    write_inputs(clips / "Page_files", style__css="body {}", tracker__js="x()")  # the saved page's resources
    (clips / ".DS_Store").write_bytes(b"\x00\x01binary")
    (clips / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    result = site.run_import(clips, "--date", "2026-11-21")
    assert result.exit_code == 0, result.output
    reported = [line.split(": ")[0] for line in result.output.splitlines() if not line.startswith(" ")][:-1]
    assert reported == [
        f"{clips}/2026-11/dateline.txt",
        f"{clips}/2026-11/feed.rss (entry 1)",
        f"{clips}/2026-11/feed.rss (entry 2)",
        f"{clips}/2026-11/week-47/published.txt",
        f"{clips}/Page.html",
        f"{clips}/Page_files",
        f"{clips}/notes.md",
        f"{clips}/photo.jpg",
    ]
    assert f"{clips}/Page_files: ignored (the images and scripts saved with Page.html)" in result.output
    assert (
        f"{clips}/photo.jpg: ignored (a .jpg file: import reads text files, saved web pages and RSS/Atom feeds)"
        in result.output
    )
    assert ".git" not in result.output and ".DS_Store" not in result.output
    assert result.output.endswith("6 imported, 0 skipped as duplicates, 0 failed, 2 files ignored\n")
    assert len(site.files()) == 6
    assert_loads_cleanly(site)


def test_a_folder_label_is_the_argument_as_typed(site, tmp_path, monkeypatch):
    write_inputs(tmp_path / "clips" / "sub", published__txt=CLIPPING_PUBLISHED)
    monkeypatch.chdir(tmp_path)
    result = site.run_import("clips/", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("clips/sub/published.txt: would write content/2026/11/")


def test_a_folder_with_nothing_to_import_is_an_error(site, tmp_path):
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = site.run_import(pictures, "--date", "2026-11-21")
    assert result.exit_code == 1
    assert f"{pictures}/chart.png: ignored (a .png file" in result.output
    assert f"{pictures}: error: the folder holds no file to import" in result.output
    assert result.output.endswith("0 imported, 0 skipped as duplicates, 1 failed, 1 file ignored\n")


def test_read_input_reads_a_folder_too(tmp_path):
    clips = write_inputs(tmp_path / "clips", a__txt=CLIPPING_PUBLISHED, b__css="body {}")
    write_inputs(clips / "deeper", feed__xml=FEED)
    items = read_input(clips, "clips")
    assert [item.label for item in items] == [
        "clips/a.txt",
        "clips/deeper/feed.xml (entry 1)",
        "clips/deeper/feed.xml (entry 2)",
    ]
    assert all(item.draft is not None and item.draft.date_origin for item in items)


# --- --url and --tags ----------------------------------------------------------------------


def test_url_option_sets_the_source_url_of_the_one_article(site, tmp_path):
    clips = write_inputs(tmp_path / "clips", published__txt=CLIPPING_PUBLISHED, page__html=PAGE)
    url = "https://news.example/finance-ministers-budget-rules?utm_source=newsletter"
    result = site.run_import(clips / "published.txt", "--url", url)
    assert result.exit_code == 0, result.output
    assert f"    source_url {url}, from --url" in result.output
    [path] = site.files()
    assert site.post(path)["source_url"] == "https://news.example/finance-ministers-budget-rules"
    # it replaces the page's own address, and duplicates are found by it
    again = site.run_import(clips / "page.html", "--url", "https://news.example/finance-ministers-budget-rules")
    assert f"skipped (duplicate of {site.relative_files()[0]}: same source URL)" in again.output
    assert len(site.files()) == 1


@pytest.mark.parametrize("inputs", [["published.txt", "page.html"], ["."], ["feed.xml"]])
def test_url_option_is_refused_for_several_articles_and_nothing_is_written(site, tmp_path, inputs):
    clips = write_inputs(tmp_path / "clips", published__txt=CLIPPING_PUBLISHED, page__html=PAGE, feed__xml=FEED)
    result = site.run_import(*[clips / name for name in inputs], "--url", "https://news.example/one")
    assert result.exit_code == 2
    assert "--url gives the address of one article" in result.output
    assert site.files() == []


def test_bad_url_option_is_a_usage_error(site):
    result = site.run_import(SEED, "--date", "2024-11-25", "--url", "javascript:alert(1)")
    assert result.exit_code == 2
    assert "expected an absolute http:// or https:// URL" in result.output
    assert site.files() == []


def test_tags_option_adds_tags_to_every_article(site, tmp_path):
    clips = write_inputs(tmp_path / "clips", feed__xml=FEED)
    result = site.run_import(clips / "feed.xml", "--tags", "Harbour Wire, weekend,harbour wire")
    assert result.exit_code == 0, result.output
    assert [site.post(path)["tags"] for path in site.files()] == [["Harbour Wire", "weekend"]] * 2
    assert_loads_cleanly(site)


@pytest.mark.parametrize(
    "tags, message",
    [("ok,???", "tag '???' has no letters or digits"), (",".join(f"t{n}" for n in range(16)), "the limit is 15")],
)
def test_bad_tags_option_is_a_usage_error(site, tags, message):
    result = site.run_import(SEED, "--date", "2024-11-25", "--tags", tags)
    assert result.exit_code == 2
    assert message in result.output
    assert site.files() == []


def test_markdown_articles_in_a_folder_are_passed_over_but_markdown_clippings_are_read(site, tmp_path):
    clips = write_inputs(
        tmp_path / "clips",
        clipping__md="# Parliament Votes on the Budget Tonight\n\nThe parliament votes on the budget tonight.\n",
        post__md="---\ntitle: An article of another site\ndate: 2026-11-20\n---\n\nAlready an article.\n",
    )
    result = site.run_import(clips, "--date", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert f"{clips}/post.md: ignored (a Markdown file with front matter, already an article" in result.output
    [path] = site.files()
    assert site.post(path)["title"] == "Parliament Votes on the Budget Tonight"
