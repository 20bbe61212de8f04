"""A ``briefings serve`` session without the server, for tests: one preview build per ``build`` line on stdin.

    python tests/preview_session.py SITE_ROOT PREVIEW_DIR [WORDS_PER_BUNDLE]

Builds the way ``mkdocs serve`` does (the configuration read again for each build,
one plugin object across builds, ``site_url`` set to the dev server's address) into
PREVIEW_DIR, waits for the search index (written after each build, in the background),
and answers ``built`` (or ``failed: …``). A process of its own: the plugin object
MkDocs keeps for ``serve`` must not be reused by the other tests' builds.
"""

from __future__ import annotations

import os
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

from briefings import search

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    root, preview = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        search.WORDS_PER_BUNDLE = int(sys.argv[3])  # several search bundles, as on a large site
    os.chdir(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file="mkdocs.yml", site_dir=preview)
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["briefings"]
    for line in sys.stdin:
        if line.strip() != "build":
            break
        config = load_config(config_file="mkdocs.yml", site_dir=preview)
        config.site_url = SERVE_URL
        try:
            build(config, serve_url=SERVE_URL)
            plugin._finish_indexing()  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - reported to the test
            print(f"failed: {type(exc).__name__}: {exc}", flush=True)
        else:
            print("built", flush=True)
    config.plugins.on_shutdown()


if __name__ == "__main__":
    main()
