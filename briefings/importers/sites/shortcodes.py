"""Hugo shortcodes in a post body: the common ones converted, the rest kept and reported with their line.

Hugo expands ``{{< name … >}}`` and ``{{% name … %}}`` before Markdown; Briefings
does not, so a shortcode left in a body would show as text. Converted:

* ``figure`` → a Markdown image (linked when it had ``link``), its caption in italics below;
* ``highlight`` → a fenced code block; ``ref``/``relref`` → the target post's old
  URL, which the migration turns into a link to the new article;
* ``youtube``, ``vimeo``, ``x``/``tweet``, ``gist``, ``instagram`` → a link;
* ``details`` and the theme callouts (``notice``, ``note``, ``tip``, ``warning``,
  ``alert``, ``callout``, ``admonition``, ``hint``…) → an admonition, or a quote
  when the new site has no ``admonition`` extension;
* ``param`` → the site parameter's value; ``comment`` → nothing;
  ``rawhtml``/``html`` → its HTML; ``{{</* x */>}}`` (an escaped shortcode) → the text ``{{< x >}}``.

Any other shortcode is kept as written and reported: Briefings has no template for it.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .common import PostWarning
from .markdown import admonition, code_fence

_ESCAPED = re.compile(r"\{\{([<%])\s*/\*(.*?)\*/\s*([>%])\}\}", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{([<%])-?\s*(/?)\s*([\w./-]+)(.*?)\s*(/?)-?\s*([>%])\}\}", re.DOTALL)
_CALLOUTS = frozenset(
    {"notice", "note", "tip", "warning", "alert", "callout", "admonition", "hint", "info", "caution", "important"}
    | {"danger", "error", "success", "attention", "box"}
)
_EMBEDS = {
    "youtube": ("Video on YouTube", "https://www.youtube.com/watch?v={id}"),
    "vimeo": ("Video on Vimeo", "https://vimeo.com/{id}"),
    "instagram": ("Post on Instagram", "https://www.instagram.com/p/{id}/"),
}


@dataclass
class ShortcodeContext:
    """What a post's shortcodes may refer to: the site's params, other posts, the new site's extensions."""

    params: dict[str, Any]
    ref: Callable[[str], str | None]  # a ref/relref argument → the old URL path of that post
    extensions: frozenset[str]
    warnings: list[PostWarning] = field(default_factory=list)


@dataclass
class _Call:
    name: str
    positional: list[str]
    named: dict[str, str]
    inner: str | None  # the content between the opening and closing tags, if paired
    markdown: bool  # {{% %}}: the content is Markdown


def convert_shortcodes(text: str, context: ShortcodeContext, first_line: int = 1) -> str:
    """The body with its shortcodes converted where there is an equivalent; ``context.warnings`` gets the rest."""
    escaped: list[str] = []

    def stash(match: re.Match[str]) -> str:
        escaped.append(f"{{{{{match.group(1)} {match.group(2).strip()} {match.group(3)}}}}}")
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPED.sub(stash, text)
    converted = _convert(text, context, first_line)
    return re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m.group(1))], converted)


def _convert(text: str, context: ShortcodeContext, first_line: int) -> str:
    out: list[str] = []
    position = 0
    while True:
        match = _SHORTCODE.search(text, position)
        if match is None:
            out.append(text[position:])
            return "".join(out)
        out.append(text[position : match.start()])
        line = first_line + text.count("\n", 0, match.start())
        name = match.group(3)
        if match.group(2):  # a closing tag without an opening one
            context.warnings.append(
                PostWarning(line, f"shortcode closing tag {{{{< /{name} >}}}} without an opening one")
            )
            out.append(match.group(0))
            position = match.end()
            continue
        positional, named = _arguments(match.group(4))
        inner: str | None = None
        end = match.end()
        closing = None if match.group(5) else _closing(text, name, match.end())  # paired, unless self-closing
        if closing is not None:
            inner, end = text[match.end() : closing.start()], closing.end()
        call = _Call(name, positional, named, inner, match.group(1) == "%")
        if inner is not None:
            inner_line = first_line + text.count("\n", 0, match.end())
            call.inner = _convert(inner, context, inner_line)
        result = _shortcode(call, context, line, starts_line=not "".join(out[-1:]) or "".join(out).endswith("\n"))
        if result is None:
            context.warnings.append(
                PostWarning(line, f"Hugo shortcode {{{{< {name} >}}}} kept as text: Briefings has no template for it")
            )
            out.append(match.group(0) if closing is None else match.group(0) + (call.inner or "") + closing.group(0))
        else:
            out.append(result)
        position = end


def _closing(text: str, name: str, start: int) -> re.Match[str] | None:
    pattern = re.compile(r"\{\{([<%])-?\s*(/?)\s*" + re.escape(name) + r"\b.*?-?\s*(/?)\s*([>%])\}\}", re.DOTALL)
    depth = 1
    for match in pattern.finditer(text, start):
        if match.group(2):
            depth -= 1
            if depth == 0:
                return match
        elif not match.group(3):
            depth += 1
    return None


def _arguments(raw: str) -> tuple[list[str], dict[str, str]]:
    raw = raw.strip()
    try:
        lexer = shlex.shlex(raw.replace("`", '"'), posix=True)
        lexer.whitespace_split = True
        lexer.commenters = ""
        words = list(lexer)
    except ValueError:
        words = raw.split()
    positional: list[str] = []
    named: dict[str, str] = {}
    for word in words:
        key, equals, value = word.partition("=")
        if equals and re.fullmatch(r"[\w-]+", key):
            named[key.lower()] = value
        else:
            positional.append(word)
    return positional, named


def _shortcode(call: _Call, context: ShortcodeContext, line: int, starts_line: bool) -> str | None:
    """The Markdown a shortcode stands for, or None when it is kept as written."""
    name = call.name.lower()
    first = call.positional[0] if call.positional else ""
    if name == "figure":
        return _figure(call.named or dict(zip(("src",), call.positional, strict=False)))
    if name == "highlight" and call.inner is not None:
        return code_fence(re.sub(r"[^\w#.+-]", "", first), call.inner, starts_line)
    if name in ("ref", "relref") and (first or call.named.get("path")):
        target = first or call.named["path"]
        found = context.ref(target)
        if found is None:
            context.warnings.append(PostWarning(line, f"{{{{< {name} {target!r} >}}}}: no such post in the old site"))
            return None
        return found
    if name in _EMBEDS and (first or call.named.get("id")):
        label, address = _EMBEDS[name]
        return f"[{label}]({address.format(id=first or call.named['id'])})"
    if name in ("tweet", "x", "twitter") and (call.named.get("id") or first):
        user = call.named.get("user", "i")
        identifier = call.named.get("id") or (call.positional[-1] if call.positional else first)
        return f"[Post on X](https://x.com/{user}/status/{identifier})"
    if name == "gist" and call.positional:
        address = "https://gist.github.com/" + "/".join(call.positional[:2])
        return f"[Gist {'/'.join(call.positional[:2])}]({address})"
    if name == "param" and first:
        value: Any = context.params
        for key in first.lower().split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    if name == "comment":
        return ""
    if name in ("rawhtml", "html", "raw") and call.inner is not None:
        return call.inner
    if name == "details" and call.inner is not None:
        summary = call.named.get("summary") or first or "Details"
        mark = "???+" if call.named.get("open", "").lower() == "true" else "???"
        return admonition("note", summary, call.inner, context.extensions, mark)
    if name in _CALLOUTS and call.inner is not None:
        kind = call.named.get("type") or call.named.get("style") or call.named.get("theme") or first or name
        title = call.named.get("title") or (call.positional[1] if len(call.positional) > 1 else None)
        if kind == name and name in ("notice", "callout", "admonition", "alert", "box"):
            kind = "note"
        return admonition(kind, title, call.inner.strip("\n"), context.extensions)
    return None


def _figure(named: dict[str, str]) -> str | None:
    source = named.get("src")
    if not source:
        return None
    alt = named.get("alt") or named.get("caption") or named.get("title") or ""
    alt = re.sub(r"<[^>]+>", "", alt).replace("[", "").replace("]", "")
    title = named.get("title")
    image = f"![{alt}]({source}" + (f' "{title}"' if title and title != alt else "") + ")"
    if named.get("link"):
        image = f"[{image}]({named['link']})"
    caption = named.get("caption")
    return image + (f"\n\n*{caption.strip()}*" if caption and caption.strip() and caption != alt else "")
