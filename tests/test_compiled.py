"""Compiled templates kept for the next build (briefings.compiled): reused only when nothing that compiles differs."""

from __future__ import annotations

from unittest import mock

from jinja2 import DictLoader, Environment

from briefings.compiled import CompiledTemplates


def environment(cache: CompiledTemplates, templates: dict[str, str], **options: object) -> Environment:
    return Environment(loader=DictLoader(templates), bytecode_cache=cache, **options)  # type: ignore[arg-type]


def compiles(env: Environment, name: str, **values: object) -> tuple[str, int]:
    """The template rendered, and how many times Jinja compiled source code for it."""
    with mock.patch.object(Environment, "compile", autospec=True, side_effect=Environment.compile) as compile_:
        text = env.get_template(name).render(**values)
    return text, compile_.call_count


def test_a_new_environment_reuses_the_compiled_template() -> None:
    cache = CompiledTemplates()
    templates = {"page.html": "<h1>{{ title }}</h1>"}
    assert compiles(environment(cache, templates), "page.html", title="One") == ("<h1>One</h1>", 1)
    assert compiles(environment(cache, templates), "page.html", title="Two") == ("<h1>Two</h1>", 0)


def test_a_changed_template_is_compiled_again() -> None:
    cache = CompiledTemplates()
    compiles(environment(cache, {"page.html": "<h1>{{ title }}</h1>"}), "page.html", title="x")
    assert compiles(environment(cache, {"page.html": "<h2>{{ title }}</h2>"}), "page.html", title="x") == (
        "<h2>x</h2>",
        1,
    )


def test_environments_that_compile_differently_never_share_code() -> None:
    """Autoescaping, whitespace control and extensions are compiled in: each gets its own code."""
    cache = CompiledTemplates()
    templates = {"page.html": "{% if true %}\n{{ title }}\n{% endif %}\n"}
    plain = environment(cache, templates)
    escaping = environment(cache, templates, autoescape=True)
    trimmed = environment(cache, templates, trim_blocks=True)
    with_i18n = environment(cache, templates, extensions=["jinja2.ext.i18n"])

    assert compiles(plain, "page.html", title="<b>") == ("\n<b>\n", 1)
    assert compiles(escaping, "page.html", title="<b>") == ("\n&lt;b&gt;\n", 1)
    assert compiles(trimmed, "page.html", title="<b>") == ("<b>\n", 1)
    assert compiles(with_i18n, "page.html", title="<b>")[1] == 1
    assert compiles(environment(cache, templates, autoescape=True), "page.html", title="<b>") == ("\n&lt;b&gt;\n", 0)
