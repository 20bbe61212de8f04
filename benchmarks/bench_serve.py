"""`briefings serve`: how long from saving an article to the browser's reload.

    python benchmarks/bench_serve.py benchmarks/corpus/site-10000            # 3 saves
    python benchmarks/bench_serve.py benchmarks/corpus/site-10000 --saves 5

Starts ``briefings serve`` (the command next to ``sys.executable``) in the given site
folder on a free port, waits for its first build, then appends one word to the middle
article (by file name) several times, each time measuring from the write to MkDocs'
"Reloading browsers" line, with a pause between saves for the search index, which is
rewritten after the reload. The article's bytes and modification time are put back at
the end. Wall seconds on a shared machine vary; run it beside ``bench_scale.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Log:
    """The server's output lines, with the time each arrived."""

    def __init__(self, stream) -> None:
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append((time.time(), line.rstrip()))

    def wait_for(self, pattern: str, after: float, timeout: float = 900) -> float:
        deadline = time.time() + timeout
        while time.time() < deadline:
            for at, line in list(self.lines):
                if at >= after and re.search(pattern, line):
                    return at
            time.sleep(0.02)
        tail = "\n".join(line for _, line in self.lines[-20:])
        sys.exit(f"timed out waiting for {pattern!r}; the server said:\n{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the folder holding mkdocs.yml and content/")
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--pause", type=float, default=15, help="seconds between saves (default 15)")
    args = parser.parse_args(argv)
    briefings = Path(sys.executable).with_name("briefings")
    articles = sorted((args.site / "content").rglob("*.md"))
    if not articles:
        sys.exit(f"no articles in {args.site / 'content'}")
    article = articles[len(articles) // 2]
    original, stat = article.read_bytes(), article.stat()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.time()
    server = subprocess.Popen(
        [str(briefings), "serve", "-a", f"127.0.0.1:{free_port()}"],
        cwd=args.site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    log = Log(server.stdout)
    try:
        ready = log.wait_for(r"Serving on", started)
        print(f"first build: {ready - started:.1f} s; edited article: {article.relative_to(args.site)}")
        time.sleep(args.pause)
        for n in range(args.saves):
            saved = time.time()
            with article.open("a", encoding="utf-8") as stream:
                stream.write(f" benchword{n}")
            reloaded = log.wait_for(r"Reloading browsers", saved)
            print(f"save {n + 1}: reloaded {reloaded - saved:.1f} s after the save")
            time.sleep(args.pause)
    finally:
        server.terminate()
        server.wait(timeout=30)
        article.write_bytes(original)
        os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
