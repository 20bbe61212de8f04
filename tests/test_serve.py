"""`briefings serve` previews the site and rebuilds when an article is added."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import write_site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def test_serve_shows_the_site_and_picks_up_a_new_article(tmp_path: Path) -> None:
    site = write_site(tmp_path, site_url="http://127.0.0.1/")
    site.write_article("a.md", title="First story", date="2024-11-25 08:00", topic="politics")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from briefings.cli import main; main()", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        home = f"http://127.0.0.1:{port}/"
        assert wait_for(home, "First story"), "the preview never served the home page"
        site.write_article("b.md", title="Breaking addition", date="2024-11-26 09:00", topic="politics")
        assert wait_for(home, "Breaking addition"), "the preview did not rebuild after a new article"
    finally:
        server.terminate()
        server.wait(timeout=10)
