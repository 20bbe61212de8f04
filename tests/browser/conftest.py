"""Real-browser tests: build a site once, serve it on loopback, drive Debian's Chromium.

Never ``playwright install``: the browser is ``/usr/bin/chromium`` (installed by
``.ci/run``). Every request that leaves 127.0.0.1 is aborted, so the pages are
hermetic. See /work/shared/TESTING.md for the measured recipes.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The sample site's configuration; another one can be tried with BRIEFINGS_BROWSER_CONFIG.
SAMPLE_CONFIG = Path(os.environ.get("BRIEFINGS_BROWSER_CONFIG", ROOT / "mkdocs.yml")).resolve()
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "tests" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder is a browser test, whether or not a module says so."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


# --- building and serving -------------------------------------------------------


def run_build(config_file: Path, site_dir: Path, *, site_url: str | None = None) -> Path:
    """Build a site with the ``briefings`` command; ``site_url`` reaches configs that read ``!ENV SITE_URL``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "briefings", "build", "-f", str(config_file), "-d", str(site_dir)]
    done = subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"building {config_file} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)
    assert (site_dir / "index.html").is_file(), f"no index.html in {site_dir}:\n{done.stdout}\n{done.stderr}"
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; ``prefix`` (e.g. ``/repo``) makes it appear under a sub-path only.

    With ``not_found_page`` a missing path is answered with the folder's ``404.html`` and
    status 404, as GitHub Pages does, so a test can land on a missing address at any depth.
    """

    prefix = ""
    not_found_page = False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        if self.prefix:
            bare = urllib.parse.urlsplit(path).path
            if bare != self.prefix and not bare.startswith(self.prefix + "/"):
                return os.path.join(self.directory, "\0not-under-prefix")  # -> 404
            path = path[len(self.prefix) :] or "/"
        return super().translate_path(path)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.not_found_page or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(directory: Path, prefix: str = "", *, not_found_page: bool = False) -> tuple[str, Callable[[], None]]:
    """Serve ``directory`` on 127.0.0.1 (free port) in a daemon thread: ``(base URL, stop)``.

    ``not_found_page``: answer a missing path with ``404.html`` (status 404), as a static host does.
    """
    attributes = {"prefix": prefix.rstrip("/"), "not_found_page": not_found_page}
    handler = type("Handler", (_QuietHandler,), attributes)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    host, port = server.server_address[:2]

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://{host}:{port}{prefix.rstrip('/')}/", stop


@pytest.fixture(scope="session")
def sample_config() -> Path:
    return SAMPLE_CONFIG


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (repo root ``mkdocs.yml``), built once per test session (per xdist worker)."""
    return run_build(SAMPLE_CONFIG, tmp_path_factory.mktemp("sample-site") / "site")


@pytest.fixture(scope="session")
def base_url(sample_site: Path) -> Iterator[str]:
    """pytest-playwright's ``base_url``: the sample site served on loopback, so ``page.goto("/")`` works."""
    url, stop = serve(sample_site)
    yield url
    stop()


@pytest.fixture(scope="session")
def sample_settings():
    """The sample site's settings, as the core reads them (for expected URLs and articles)."""
    from briefings.app.site import open_site
    from briefings.request import BuildRequest

    return open_site(BuildRequest(SAMPLE_CONFIG)).settings


@pytest.fixture(scope="session")
def sample_articles(sample_settings):
    from briefings.load import load_articles

    result = load_articles(sample_settings)
    assert result.articles, "the sample site has no articles"
    return result.articles


@pytest.fixture(scope="session")
def page_paths(sample_site: Path, sample_articles) -> dict[str, str]:
    """One URL path of every page kind of the sample site, found in the built output."""

    def first(pattern: str, *, last: bool = False, exclude: str = "/page/") -> str:
        found = sorted(p.parent for p in sample_site.glob(pattern) if exclude not in p.as_posix())
        assert found, f"no page matches {pattern} in the built sample site"
        return "/" + (found[-1] if last else found[0]).relative_to(sample_site).as_posix() + "/"

    latest_day = max(a.day for a in sample_articles)
    latest = sorted((a for a in sample_articles if a.day == latest_day), key=lambda a: a.sort_key)
    return {
        "home": "/",
        "briefing": first("briefings/[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/index.html", last=True),
        "article": "/" + latest[0].url,
        "topics": "/topics/",
        "topic": first("topics/*/index.html"),
        "tags": "/tags/",
        "tag": first("tags/*/index.html"),
        "archive": "/archive/",
    }


# --- the browser ------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium, never a downloaded one; the tests skip where it is not installed."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is not installed (CI installs it: apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


#: Every URL that does not go to this machine (matched by the browser itself, so loopback
#: requests are never intercepted and stay fast).
NOT_LOOPBACK = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$)|data:|blob:|about:)")


def keep_offline(context, blocked: list[str] | None = None) -> None:
    """Abort every request that would leave the machine (and note its URL in ``blocked``)."""

    def handle(route) -> None:
        if blocked is not None:
            blocked.append(route.request.url)
        route.abort()

    context.route(NOT_LOOPBACK, handle)


@pytest.fixture(scope="session")
def make_offline() -> Callable[..., None]:
    """``keep_offline(context, blocked=None)``, for contexts a module or session fixture creates itself."""
    return keep_offline


@pytest.fixture(autouse=True)
def new_context(new_context):
    """pytest-playwright's context factory (and so ``context`` and ``page``), always offline."""

    def factory(**kwargs):
        context = new_context(**kwargs)
        keep_offline(context)
        return context

    return factory


@pytest.fixture
def offline_browser(browser) -> Iterator[Callable[..., object]]:
    """``browser.new_context`` for contexts with their own ``base_url``, offline and closed after the test.

    ``offline_browser.blocked`` lists the URLs that were aborted.
    """
    contexts = []

    def factory(**kwargs):
        context = browser.new_context(**kwargs)
        keep_offline(context, factory.blocked)
        contexts.append(context)
        return context

    factory.blocked = []
    yield factory
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site_builder() -> Callable[..., Path]:
    """``run_build(config_file, site_dir, site_url=None)`` for tests that build their own site."""
    return run_build


@pytest.fixture(scope="session")
def site_server() -> Iterator[Callable[..., str]]:
    """``serve(directory, prefix="", not_found_page=False)`` -> base URL; every server is stopped at the end."""
    stops: list[Callable[[], None]] = []

    def start(directory: Path, prefix: str = "", *, not_found_page: bool = False) -> str:
        url, stop = serve(directory, prefix, not_found_page=not_found_page)
        stops.append(stop)
        return url

    yield start
    for stop in stops:
        stop()


@pytest.fixture
def page_errors(page) -> list[str]:
    """Uncaught JavaScript errors of ``page`` (a test asserts the list stays empty)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """``tests/screenshots/`` (git-ignored): full-page screenshots for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from ``npm ci`` (package.json at the repo root); the accessibility tests skip without it."""
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.skip(f"{path.relative_to(ROOT)} is missing: run `npm ci` at the repo root")
    return path
