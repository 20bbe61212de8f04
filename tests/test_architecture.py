"""The module map the README promises: a core free of MkDocs and click, dependencies one way, no cycles.

Read from the source (every ``import``, function-level ones included), so a
shortcut import anywhere fails here rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefings"
#: The core: plain Python over dataclasses; another engine could drive it.
CORE = {
    "briefings.model",
    "briefings.settings",
    "briefings.fields",
    "briefings.dates",
    "briefings.text",
    "briefings.reader",
    "briefings.validate",
    "briefings.load",
    "briefings.group",
    "briefings.related",
    "briefings.urls",
    "briefings.render",
    "briefings.feeds",
    "briefings.newsletter",
    "briefings.search",
    "briefings.request",
    "briefings.cache",
    "briefings.sitemap",
    "briefings.sanitize",
    "briefings.limits",
    "briefings.scaffold",
    "briefings.assets",
    "briefings.redirects",
    "briefings.config_lines",
}
#: Layers, outermost first: a module may import its own layer and those after it, never one before.
LAYERS = [("briefings.cli", "briefings.__main__"), ("briefings.app",), ("briefings.plugin",)]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names; ``from x import y`` counts ``x`` and ``x.y``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def test_the_core_imports_neither_mkdocs_nor_click_nor_the_outer_layers() -> None:
    for name, path in ((module_name(p), p) for p in PACKAGE.rglob("*.py")):
        if name not in CORE and not name.startswith("briefings.importers"):
            continue
        outside = {m for m in imports_of(path) if m.split(".")[0] in ("mkdocs", "material", "click")}
        outer = {m for m in imports_of(path) if m.startswith(("briefings.app", "briefings.plugin", "briefings.cli"))}
        assert not outside and not outer, f"{name} imports {sorted(outside | outer)}"


def test_dependencies_point_from_the_commands_to_the_core() -> None:
    def layer(name: str) -> int | None:
        for index, prefixes in enumerate(LAYERS):
            if name.startswith(prefixes):
                return index
        return None

    for name, targets in graph().items():
        mine = layer(name)
        for target in targets:
            theirs = layer(target)
            if theirs is not None:
                assert mine is not None and theirs >= mine, f"{name} imports the outer {target}"


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(edges[node]):
            # A package and its own modules import each other by design (``__init__`` re-exports).
            if target.startswith(node + ".") or node.startswith(target + "."):
                continue
            if state.get(target) == "open":
                raise AssertionError("import cycle: " + " -> ".join([*trail, node, target]))
            if target not in state:
                visit(target, [*trail, node])
        state[node] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
