"""Where one ``briefings build`` spends its time, step by step (wall seconds).

    python benchmarks/bench_steps.py benchmarks/corpus/site-10000 [build options…]

Runs ``briefings build`` in-process in the given site folder with timers around each
step of the pipeline (load, group, render, MkDocs' plugin events, page restore, search
bundles, feeds, sitemap, the swap into place) and prints them. Run it twice to see a
rebuild: the first run fills the build cache. One run, no repetition: use it to see
where a rebuild goes, and ``bench_scale.py`` for figures against Hugo.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from typing import Any

STARTED = time.perf_counter()

import briefings.app.build as app_build  # noqa: E402 - timed from the first import on
import briefings.cache as cache  # noqa: E402
import briefings.plugin.plugin as plugin  # noqa: E402
from briefings.cli import main  # noqa: E402


def timed(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` by a wrapper that prints how long each call took."""
    function: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            print(f"  {label:34s} {time.perf_counter() - started:6.2f} s", file=sys.stderr)

    setattr(owner, name, wrapper)


def render_timed() -> None:
    """``Renderer.pages`` is a generator: time it to exhaustion."""
    pages = plugin.Renderer.pages

    def wrapper(self: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        rendered = list(pages(self, **kwargs))
        print(f"  {'render Markdown (Renderer.pages)':34s} {time.perf_counter() - started:6.2f} s", file=sys.stderr)
        return iter(rendered)

    plugin.Renderer.pages = wrapper  # type: ignore[method-assign]


def run(site: str, options: list[str]) -> None:
    timed(app_build, "load_articles", "load articles (command)")
    timed(app_build, "mkdocs_build", "MkDocs build, in all")
    timed(app_build, "_swap_in", "swap the new site in")
    timed(plugin, "group_articles", "group")
    timed(plugin, "write_sitemap", "sitemap")
    timed(plugin, "write_feeds", "feeds")
    timed(plugin.SearchIndexing, "result", "wait for the search bundles")
    timed(cache.PageCache, "restore_all", "restore cached pages")
    timed(cache.PageCache, "prune", "prune the page cache")
    # on_config is a CombinedEvent of two methods: its main part is _on_config.
    for event, label in (("_on_config", "on_config"), ("on_files", "on_files"), ("on_post_build", "on_post_build")):
        timed(plugin.BriefingsPlugin, event, f"plugin {label}")
    plugin.BriefingsPlugin.on_config = plugin.CombinedEvent(  # type: ignore[method-assign]
        plugin.BriefingsPlugin._on_config_material_language, plugin.BriefingsPlugin._on_config
    )
    render_timed()
    os.chdir(site)
    print(f"  {'start (imports)':34s} {time.perf_counter() - STARTED:6.2f} s", file=sys.stderr)
    try:
        main(["build", *options], standalone_mode=False)
    finally:
        print(f"  {'TOTAL':34s} {time.perf_counter() - STARTED:6.2f} s", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    run(sys.argv[1], sys.argv[2:])
