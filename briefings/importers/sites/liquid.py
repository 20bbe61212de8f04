"""Jekyll's Liquid in a post body: the common tags converted, the rest kept and reported with its line.

Jekyll runs Liquid over a post before Markdown; Briefings runs none, so a tag left
in a body would show as text. Converted, because the equivalent is obvious:

* ``{% highlight ruby %}…{% endhighlight %}`` and Octopress' ``{% codeblock %}`` → a fenced code block;
* ``{% raw %}…{% endraw %}`` → its text; ``{% comment %}…{% endcomment %}`` → nothing;
* ``{% post_url 2019-03-05-name %}``, ``{% link path %}`` → the old URL or file, which
  the migration turns into a link to the new article or the copied file;
* ``{{ site.baseurl }}``, ``{{ '/x.png' | relative_url }}`` (``absolute_url``,
  ``prepend: site.baseurl``) → the site-absolute path; ``{{ site.title }}`` and
  other plain ``site.``/``page.`` values → their text;
* embeds (``{% youtube %}``, ``{% vimeo %}``, ``{% gist %}``, ``{% twitter %}``,
  ``{% include video id=… provider=youtube %}``) → a link to the video or gist;
  Octopress' ``{% img %}`` and an ``{% include …%}`` of a picture → a Markdown image;
  ``{% blockquote %}`` → a quote.

Anything else (``{% include note.html %}``, ``{% assign %}``, loops, filters) is
kept as written and reported: its template is not run.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .common import PostWarning
from .markdown import code_fence

_TOKEN = re.compile(r"\{%-?\s*(?P<tag>\w+)(?P<args>.*?)-?%\}|\{\{-?(?P<output>.*?)-?\}\}", re.DOTALL)
_IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".tif", ".tiff")
_BLOCK_TAGS = frozenset({"if", "unless", "for", "case", "capture", "tablerow"})


@dataclass
class LiquidContext:
    """What a post's Liquid may refer to: the site config, the post's front matter, and other posts."""

    site: dict[str, Any]
    page: dict[str, Any]
    #: ``post_url`` argument (``2019-03-05-name``, or ``folder/2019-03-05-name``) → the post's old URL path.
    post_url: Callable[[str], str | None]
    #: ``link`` argument (a path from the site's source folder) → the URL path it was published at.
    link: Callable[[str], str | None]
    warnings: list[PostWarning] = field(default_factory=list)


def convert_liquid(text: str, context: LiquidContext, first_line: int = 1) -> str:
    """The body with its Liquid converted where there is an equivalent; ``context.warnings`` gets the rest."""
    out: list[str] = []
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            out.append(text[position:])
            break
        out.append(text[position : match.start()])
        line = first_line + text.count("\n", 0, match.start())
        if match.group("output") is not None:
            out.append(_output(match, text, context, line))
            position = match.end()
            continue
        tag = match.group("tag")
        args = match.group("args").strip()
        end = _end_tag(text, tag, match.end())
        if tag in ("raw", "comment", "highlight", "codeblock", "blockquote", "pullquote"):
            if end is None:
                context.warnings.append(PostWarning(line, f"{{% {tag} %}} has no {{% end{tag} %}}: kept as written"))
                out.append(match.group(0))
                position = match.end()
                continue
            inner = text[match.end() : end.start()]
            out.append(_block(tag, args, inner, context, line, ends_line=not out or "".join(out[-1:]).endswith("\n")))
            position = end.end()
            continue
        if tag in _BLOCK_TAGS and end is not None:  # a loop or condition: kept whole, said once
            last = first_line + text.count("\n", 0, end.start())
            span = f"lines {line}–{last}" if last != line else f"line {line}"
            context.warnings.append(
                PostWarning(
                    line, f"Liquid {{% {tag} %}}…{{% end{tag} %}} ({span}) kept as text: Briefings does not run Liquid"
                )
            )
            out.append(text[match.start() : end.end()])
            position = end.end()
            continue
        converted = _simple_tag(tag, args, context, line)
        if converted is None:
            what = f"{{% {tag} %}}" if tag in _BLOCK_TAGS or tag.startswith("end") else match.group(0).strip()
            context.warnings.append(
                PostWarning(line, f"Liquid {_short(what)} kept as text: Briefings does not run Jekyll's Liquid")
            )
            out.append(match.group(0))
        else:
            out.append(converted)
        position = match.end()
    return "".join(out)


def _end_tag(text: str, tag: str, start: int) -> re.Match[str] | None:
    """The matching ``{% endtag %}`` (nested blocks of the same tag counted)."""
    pattern = re.compile(r"\{%-?\s*(" + re.escape(tag) + r"|end" + re.escape(tag) + r")\b.*?-?%\}", re.DOTALL)
    depth = 1
    for match in pattern.finditer(text, start):
        depth += 1 if match.group(1) == tag else -1
        if depth == 0:
            return match
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "…"


def _block(tag: str, args: str, inner: str, context: LiquidContext, line: int, ends_line: bool) -> str:
    if tag == "raw":
        return inner
    if tag == "comment":
        return ""
    if tag == "highlight":
        language = args.split()[0] if args.split() else ""
        return code_fence(re.sub(r"[^\w#.+-]", "", language), inner, ends_line)
    if tag == "codeblock":  # Octopress: {% codeblock [title] [lang:language] [url] [link text] %}
        found = re.search(r"lang:(\S+)", args)
        language = found.group(1) if found else ""
        if not language:
            name = re.search(r"\S+\.(\w+)\b", args)
            language = name.group(1) if name else ""
        return code_fence(re.sub(r"[^\w#.+-]", "", language), inner, ends_line)
    if tag == "pullquote":
        return re.sub(r"\{\"\s*(.*?)\s*\"\}", r"\1", inner, flags=re.DOTALL)
    # blockquote (Octopress): {% blockquote [author[, source]] [link] [source_link_title] %}
    quote = [f"> {row}".rstrip() for row in inner.strip("\n").split("\n")]
    attribution = re.sub(r"\s*https?://\S+.*$", "", args).strip()
    link = re.search(r"https?://\S+", args)
    if attribution or link:
        who = attribution or (link.group(0) if link else "")
        credit = f"[{who}]({link.group(0)})" if link else who
        quote += [">", f"> — {credit}"]
    return ("" if ends_line else "\n") + "\n".join(quote)


def _arguments(args: str) -> tuple[list[str], dict[str, str]]:
    """``a "b c" key="v" k2=v2`` → positional ``[a, b c]`` and named ``{key: v, k2: v2}``."""
    try:
        words = shlex.split(args, posix=True)
    except ValueError:
        words = args.split()
    positional: list[str] = []
    named: dict[str, str] = {}
    for word in words:
        key, equals, value = word.partition("=")
        if equals and re.fullmatch(r"[\w-]+", key):
            named[key] = value
        else:
            positional.append(word)
    return positional, named


def _simple_tag(tag: str, args: str, context: LiquidContext, line: int) -> str | None:
    """A tag without a body, converted; None when it is kept (and reported)."""
    positional, named = _arguments(args)
    first = positional[0] if positional else ""
    if tag == "post_url" and first:
        found = context.post_url(first)
        if found is None:
            context.warnings.append(PostWarning(line, f"{{% post_url {first} %}}: no such post in the old site"))
            return f"{{% post_url {first} %}}"
        return found
    if tag == "link" and first:
        found = context.link(first) if "{{" not in first else None
        if found is None:
            context.warnings.append(PostWarning(line, f"{{% link {first} %}}: no such file in the old site"))
            return f"{{% link {first} %}}"
        return found
    if tag in ("youtube", "vimeo", "gist", "twitter", "tweet", "instagram") and first:
        return _embed_link(tag, first, positional[1:])
    if tag == "img":
        return _octopress_image(args)
    if tag in ("include", "include_cached") and first:
        return _include(first, named)
    return None


def _embed_link(kind: str, value: str, rest: list[str]) -> str | None:
    """A link to what an embed tag showed (a video, a gist, a post)."""
    if kind == "youtube":
        video = re.search(r"(?:v=|youtu\.be/|embed/)([\w-]{6,})", value)
        identifier = video.group(1) if video else value
        return f"[Video on YouTube](https://www.youtube.com/watch?v={identifier})"
    if kind == "vimeo":
        identifier = value.rstrip("/").rsplit("/", 1)[-1]
        return f"[Video on Vimeo](https://vimeo.com/{identifier})"
    if kind == "gist":
        address = value if value.startswith("http") else f"https://gist.github.com/{value}"
        shown = f"Gist {value}" + (f" ({rest[0]})" if rest else "")
        return f"[{shown}]({address})"
    if value.startswith("http"):
        return f"[Post on {kind.capitalize() if kind != 'tweet' else 'Twitter'}]({value})"
    return None


def _octopress_image(args: str) -> str | None:
    """``{% img [class] /path.png [width] [height] ["title" ["alt"]] %}`` → ``![alt](path "title")``."""
    match = re.match(
        r"""(?P<classes>(?:[^\s/'"]+\s+)*?)(?P<src>(?:https?://|/|\S+\.\w+)\S*)(?:\s+(?P<width>\d+%?))?(?:\s+(?P<height>\d+%?))?(?:\s+(?P<rest>.*))?$""",
        args.strip(),
    )
    if match is None:
        return None
    rest = (match.group("rest") or "").strip()
    quoted = re.findall(r"""["']([^"']*)["']""", rest)
    title = quoted[0] if quoted else rest or ""
    alt = quoted[1] if len(quoted) > 1 else title
    title_part = f' "{title}"' if title and title != alt else ""
    return f"![{alt}]({match.group('src')}{title_part})"


def _include(name: str, named: dict[str, str]) -> str | None:
    """An include that shows a picture or a video, as its Markdown equivalent; None for any other include."""
    provider = named.get("provider", "").lower()
    if name.startswith("video") and named.get("id") and provider in ("youtube", "vimeo"):
        return _embed_link(provider, named["id"], [])
    if name.startswith(("youtube", "youtube.html")) and (named.get("id") or named.get("video_id")):
        return _embed_link("youtube", named.get("id") or named["video_id"], [])
    for key in ("url", "src", "image", "image_path", "file", "path", "img"):
        value = named.get(key, "")
        if value.lower().split("?")[0].endswith(_IMAGE_EXTENSIONS):
            alt = named.get("alt") or named.get("description") or named.get("caption") or named.get("title") or ""
            picture = f"![{alt}]({value})"
            caption = named.get("caption")
            return picture + (f"\n\n*{caption}*" if caption and caption != alt else "")
    return None


# --- {{ output }} -----------------------------------------------------------------------------

_STRING = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)')\s*$""")
_PATH_FILTERS = ("relative_url", "absolute_url")


def _output(match: re.Match[str], text: str, context: LiquidContext, line: int) -> str:
    expression = match.group("output").strip()
    value = _evaluate(expression, context, text[match.end() : match.end() + 2])
    if value is None:
        context.warnings.append(
            PostWarning(line, f"Liquid {_short(match.group(0))} kept as text: Briefings does not run Jekyll's Liquid")
        )
        return match.group(0)
    return value


def _evaluate(expression: str, context: LiquidContext, after: str) -> str | None:
    """The value of ``{{ expression }}`` when it is a path or a plain value; None when it cannot be known."""
    parts = [p.strip() for p in _split_filters(expression)]
    value = _value_of(parts[0], context, after)
    if value is None:
        return None
    for part in parts[1:]:
        name, _, argument = part.partition(":")
        name = name.strip()
        argument = argument.strip()
        if name in _PATH_FILTERS:
            value = value if value.startswith(("/", "http://", "https://", "#")) else "/" + value
        elif name in ("prepend", "append"):
            extra = _value_of(argument, context, "/") if argument else ""
            if extra is None:
                return None
            value = extra + value if name == "prepend" else value + extra
        elif name in ("escape", "xml_escape", "strip", "smartify", "markdownify"):
            value = value.strip() if name == "strip" else value
        elif name in ("downcase", "upcase"):
            value = value.lower() if name == "downcase" else value.upper()
        else:
            return None
    return value


def _split_filters(expression: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for character in expression:
        if quote:
            current.append(character)
            quote = "" if character == quote else quote
        elif character in "\"'":
            quote = character
            current.append(character)
        elif character == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def _value_of(expression: str, context: LiquidContext, after: str = "") -> str | None:
    """A string literal, ``site.x`` or ``page.x`` as text; ``site.baseurl`` is empty (paths are site-absolute)."""
    expression = expression.strip()
    literal = _STRING.match(expression)
    if literal:
        return literal.group(1) if literal.group(1) is not None else literal.group(2)
    if expression in ("site.baseurl", "site.base_url", "site.github.baseurl"):
        return ""
    if expression in ("site.url", "site.github.url"):
        url = context.site.get("url")
        # {{ site.url }}{{ site.baseurl }}/x or {{ site.url }}/x: a link into the site, written site-absolute
        return "" if after.startswith(("/", "{{")) or not isinstance(url, str) else url
    scope, _, path = expression.partition(".")
    if scope not in ("site", "page") or not path:
        return None
    value: Any = context.site if scope == "site" else context.page
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return None
    return str(value)
