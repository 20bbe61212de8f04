"""``briefings import``: file naming, options, duplicates, dry run, bad files and the summary line."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import FIXTURES, SEED, assert_loads_cleanly, import_site

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
    assert list(post.metadata) == ["title", "date", "topic", "source", "tags"]
    assert post["title"] == "Western Nations Revive Debate Over Sending Troops to Ukraine, Says Le Monde"
    assert post["date"] == dt.date(2024, 11, 25)
    assert post["source"] == "Le Monde"
    assert post["topic"] == "defence"  # troops, NATO, missiles…
    assert post["tags"] == []
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
    assert f"{SEED}: skipped (duplicate of {SEED_FILE})" in again.output
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
    assert "skipped (duplicate of content/drafts/x.md)" in result.output
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
    assert "skipped (duplicate of content/old.md)" in result.output
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
    assert result.output.endswith("6 imported, 0 skipped as duplicates, 0 failed\n")


def test_bad_files_fail_by_name_and_good_files_still_import(site, tmp_path):
    missing = tmp_path / "missing.txt"
    result = site.run_import(
        FIXTURES / "empty.txt",
        SEED,
        FIXTURES / "image.png",
        missing,
        FIXTURES / "broken-feed.xml",
        tmp_path,
        "--date",
        "2024-11-25",
    )
    assert result.exit_code == 1
    out = result.output
    assert f"{FIXTURES / 'empty.txt'}: error: the file is empty" in out
    assert f"{FIXTURES / 'image.png'}: error: not a text file (binary data)" in out
    assert f"{missing}: error: no such file" in out
    assert f"{FIXTURES / 'broken-feed.xml'}: error: not a valid RSS or Atom feed" in out
    assert f"{tmp_path}: error: is a folder, not a file" in out
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
