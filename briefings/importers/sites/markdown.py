"""Markdown written for another engine, made to read the same in Briefings (Python-Markdown).

Jekyll renders posts with kramdown (GFM input), Hugo with goldmark (CommonMark),
Material for MkDocs with Python-Markdown and the extensions its ``mkdocs.yml``
lists. Briefings renders with Python-Markdown and the extensions of the new
site's ``mkdocs.yml``. What reads differently is converted where there is an
obvious equivalent, and reported with its line where there is not:

* lists: a nested list indented by two spaces, or a list right after a
  paragraph line, is flattened or swallowed by Python-Markdown; re-indented to
  four spaces and set off by a blank line (kramdown and goldmark sources);
* code fences with options Python-Markdown's ``fenced_code`` does not read
  (```` ```go {linenos=table} ````, ```` ``` py title="x.py" ````) lose the options;
* admonitions (``!!! note``), collapsible blocks (``??? note``) and content tabs
  (``=== "Tab"``) become quotes and headed sections when the new site lacks the extension;
* ``~~strike~~`` (GFM) becomes ``<del>``; ``==mark==``, ``^^ins^^``, ``++ctrl+c++``
  their HTML; kramdown's ``{:toc}`` becomes ``[TOC]``; footnotes without the
  ``footnotes`` extension and math are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .common import PostWarning

#: Extensions every MkDocs site has, whatever its ``markdown_extensions`` says.
MKDOCS_DEFAULT_EXTENSIONS = frozenset({"toc", "tables", "fenced_code"})

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
#: What Python-Markdown's ``fenced_code`` reads after the fence: a language (optionally with
#: ``hl_lines``) or an attribute list in braces.
_FENCED_CODE_INFO = re.compile(r"""[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=(["'])[^\n]*?\1[ ]*)?)""")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<space>[ \t]+|$)")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|\||<|`{3}|~{3}|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$)")


@dataclass(frozen=True)
class Conversion:
    """A body after a conversion step, and what the step reports (lines are the body's, from 1)."""

    text: str
    warnings: tuple[PostWarning, ...] = ()


def fence_roles(lines: list[str]) -> list[str | None]:
    """For each line: ``"open"`` or ``"close"`` (a fence line), ``"code"`` (inside a fenced block) or None."""
    roles: list[str | None] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            match = _FENCE.match(line)
            if match:
                fence = match.group("fence")
                roles.append("open")
            else:
                roles.append(None)
        else:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
                roles.append("close")
            else:
                roles.append("code")
    return roles


def fence_ranges(lines: list[str]) -> list[bool]:
    """For each line: is it inside a fenced code block (the fence lines included)?"""
    return [role is not None for role in fence_roles(lines)]


# --- lists -----------------------------------------------------------------------------------


def normalise_lists(body: str, indented_code: bool = False) -> str:
    """Lists as kramdown (GFM) and goldmark read them, written so Python-Markdown reads them the same.

    A list right after a paragraph line gets a blank line before it; nested
    items indented by fewer than four spaces per level (and their continuation
    lines and code blocks) are re-indented to four. An item is nested when it
    starts at or after the content column of the item above (CommonMark's rule).
    """
    lines = body.split("\n")
    roles = fence_roles(lines)
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # open items: (new indent, original content column)
    code_shift = 0
    as_indented = False  # a fenced block in a list item, written as an indented code block
    previous = ""
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        role = roles[index]
        if role is not None:
            if role == "open":  # does the block belong to a list item?
                if stack and not previous.strip() and indent < stack[0][1]:
                    stack.clear()
                code_shift = _shift_for(indent, stack)
                as_indented = indented_code and bool(stack) and indent >= stack[0][1]
            if as_indented:  # fenced_code reads no fence inside a list: an indented block, 4 spaces further in
                out.append(_reindent(line, code_shift + 4) if role == "code" else "")
            else:
                out.append(_reindent(line, code_shift))
            if role == "close":
                code_shift = 0
                as_indented = False
            previous = line
            continue
        code_shift = 0
        item = _LIST_ITEM.match(line)
        if not line.strip():
            out.append(line)
        elif item and not _is_rule(line):
            while stack and indent < stack[-1][1]:
                stack.pop()
            if not stack and _is_paragraph_line(previous) and _interrupts(item.group("marker")):
                out.append("")
            new_indent = stack[-1][0] + 4 if stack else 0
            content = indent + len(item.group("marker")) + max(1, len(item.group("space").expandtabs(4)))
            stack.append((new_indent, content))
            out.append(" " * new_indent + line[indent:])
        elif stack and indent > 0:
            out.append(_reindent(line, _shift_for(indent, stack)))
        else:
            if not previous.strip():
                stack.clear()
            out.append(line)
        previous = line
    return "\n".join(out)


def _is_paragraph_line(line: str) -> bool:
    return bool(line.strip()) and not _LIST_ITEM.match(line) and not _BLOCK_START.match(line)


def _interrupts(marker: str) -> bool:
    """Whether a list item with this marker may interrupt a paragraph (CommonMark: bullets, and ordered from 1)."""
    return not marker[:-1].isdigit() or int(marker[:-1]) == 1


def _is_rule(line: str) -> bool:
    return re.fullmatch(r" {0,3}(?:[-*_][ \t]*){3,}", line) is not None


def _shift_for(indent: int, stack: list[tuple[int, int]]) -> int:
    """How far to move a line indented by ``indent``: to the new content column of the deepest item it is in."""
    for new, content in reversed(stack):
        if indent >= content:
            return new + 4 - content
    return 0


def _reindent(line: str, shift: int) -> str:
    if shift == 0 or not line.strip():
        return line
    indent = len(line) - len(line.lstrip(" "))
    return " " * max(0, indent + shift) + line[indent:]


# --- code fences ------------------------------------------------------------------------------


def normalise_fences(body: str, extensions: frozenset[str]) -> Conversion:
    """Fence info strings Python-Markdown's ``fenced_code`` cannot read, cut to the language.

    With ``pymdownx.superfences`` in the new site, everything is kept. A code
    block's title (``title="setup.py"``) is reported, since it is lost.
    """
    if "pymdownx.superfences" in extensions:
        return Conversion(body)
    lines = body.split("\n")
    warnings: list[PostWarning] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if not match:
            continue
        fence = match.group("fence")
        info = match.group("info")
        if _FENCED_CODE_INFO.fullmatch(info):
            continue
        language = re.search(r"[\w#+-][\w#.+-]*", info.replace("language-", ""))
        lang = language.group(0) if language and not info.lstrip().startswith(("{", "title=", "linenums")) else ""
        if info.lstrip().startswith("{"):
            found = re.search(r"\.([\w#+-][\w#.+-]*)", info)
            lang = found.group(1) if found else ""
        title = re.search(r"""title=(["'])(.*?)\1""", info)
        if title:
            warnings.append(
                PostWarning(index + 1, f"code block title {title.group(2)!r} dropped (no pymdownx.superfences)")
            )
        lines[index] = f"{match.group('indent')}{fence}{lang}"
    return Conversion("\n".join(lines), tuple(warnings))


def code_fence(language: str, code: str, starts_line: bool) -> str:
    """``code`` fenced, the fence longer than any backtick run in it; on a new line unless ``starts_line``."""
    code = code.strip("\n")
    longest = max((len(m.group(0)) for m in re.finditer(r"`{3,}", code)), default=2)
    fence = "`" * max(3, longest + 1)
    return ("" if starts_line else "\n") + f"{fence}{language}\n{code}\n{fence}"


# --- admonitions, details, tabs ----------------------------------------------------------------


def admonition(kind: str, title: str | None, content: str, extensions: frozenset[str], collapsible: str = "") -> str:
    """An admonition as the new site renders one: ``!!! kind "title"`` with the extension, else a quote.

    ``collapsible`` is ``???`` or ``???+`` for a collapsible block (kept with
    ``pymdownx.details``). Without a title the kind is the heading, as Material shows it.
    """
    kind = re.sub(r"[^\w-]", "", kind.lower()) or "note"
    shown = kind.replace("-", " ").capitalize() if title is None else title
    if collapsible and "pymdownx.details" in extensions:
        header = f'{collapsible} {kind} "{shown}"'
    elif "admonition" in extensions:
        header = f'!!! {kind} "{shown}"' if title is not None else f"!!! {kind}"
    else:
        inner = content.strip("\n").split("\n")
        head = [f"> **{shown}**", ">"] if shown else []
        return "\n".join([*head, *(f"> {line}".rstrip() for line in inner)])
    inner = content.strip("\n").split("\n")
    return "\n".join([header, *(f"    {line}".rstrip() for line in inner)])


_ADMONITION_START = re.compile(
    r"^(?P<indent>[ ]*)(?P<mark>!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+[\w-]+)*"
    r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
)
_TAB_START = re.compile(r'^(?P<indent>[ ]*)===(?P<open>!?)[ \t]+"(?P<title>[^"]*)"[ \t]*$')


def convert_blocks(body: str, extensions: frozenset[str]) -> Conversion:
    """Admonitions, collapsible blocks and content tabs, converted where the new site lacks their extension."""
    keep_admonitions = "admonition" in extensions
    keep_details = "pymdownx.details" in extensions
    keep_tabs = "pymdownx.tabbed" in extensions
    if keep_admonitions and keep_details and keep_tabs:
        return Conversion(body)
    lines = body.split("\n")
    in_code = fence_ranges(lines)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if in_code[index]:
            out.append(line)
            index += 1
            continue
        admonition_start = _ADMONITION_START.match(line)
        tab_start = _TAB_START.match(line)
        start = admonition_start or tab_start
        if start is None:
            out.append(line)
            index += 1
            continue
        is_details = admonition_start is not None and admonition_start.group("mark").startswith("?")
        if (tab_start and keep_tabs) or (admonition_start and (keep_details if is_details else keep_admonitions)):
            out.append(line)
            index += 1
            continue
        indent = len(start.group("indent"))
        end = index + 1
        block: list[str] = []
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" " * (indent + 4))):
            block.append(lines[end][indent + 4 :] if lines[end].strip() else "")
            end += 1
        while block and not block[-1].strip():
            block.pop()
            end -= 1
        inner = convert_blocks("\n".join(block), extensions).text
        if tab_start:
            converted = f"**{tab_start.group('title')}**\n\n{inner}"
        else:
            assert admonition_start is not None
            converted = admonition(
                admonition_start.group("kind"),
                admonition_start.group("title"),
                inner,
                extensions,
                admonition_start.group("mark") if is_details else "",
            )
        out.extend(" " * indent + part if part else part for part in converted.split("\n"))
        index = end
    return Conversion("\n".join(out))


# --- inline syntax ----------------------------------------------------------------------------

_STRIKE = re.compile(r"(?<![~\\])~~(?=\S)(.+?)(?<=\S)~~(?!~)")
_MARK = re.compile(r"(?<![=\\])==(?=\S)(.+?)(?<=\S)==(?!=)")
_INSERT = re.compile(r"(?<![\^\\])\^\^(?=\S)(.+?)(?<=\S)\^\^(?!\^)")
_KEYS = re.compile(r"(?<![+\\])\+\+([\w-]+(?:\+[\w-]+)*)\+\+(?!\+)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def _outside_code(body: str, convert: Callable[[str], str]) -> str:
    """Apply ``convert`` to the text of ``body`` outside fenced code blocks and code spans."""
    lines = body.split("\n")
    in_code = fence_ranges(lines)
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            text = "\n".join(chunk)
            pieces: list[str] = []
            last = 0
            for span in _CODE_SPAN.finditer(text):
                pieces.append(convert(text[last : span.start()]))
                pieces.append(span.group(0))
                last = span.end()
            pieces.append(convert(text[last:]))
            out.append("".join(pieces))
            chunk.clear()

    for line, code in zip(lines, in_code, strict=True):
        if code:
            flush()
            out.append(line)
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)


def convert_inline(body: str, extensions: frozenset[str], old_extensions: frozenset[str] | None = None) -> str:
    """Strike-through, and pymdownx's mark, insert and keys, as HTML when the new site does not read them.

    ``old_extensions`` (a MkDocs source) limits the conversion to what the old
    site read: ``==x==`` is text there without ``pymdownx.mark``. None: GFM's
    ``~~strike~~`` only (kramdown, goldmark).
    """

    def convert(text: str) -> str:
        if "pymdownx.tilde" not in extensions and (old_extensions is None or "pymdownx.tilde" in old_extensions):
            text = _STRIKE.sub(r"<del>\1</del>", text)
        if old_extensions is None:
            return text
        if "pymdownx.mark" in old_extensions and "pymdownx.mark" not in extensions:
            text = _MARK.sub(r"<mark>\1</mark>", text)
        if "pymdownx.caret" in old_extensions and "pymdownx.caret" not in extensions:
            text = _INSERT.sub(r"<ins>\1</ins>", text)
        if "pymdownx.keys" in old_extensions and "pymdownx.keys" not in extensions:
            text = _KEYS.sub(lambda m: "+".join(f"<kbd>{k.capitalize()}</kbd>" for k in m.group(1).split("+")), text)
        return text

    return _outside_code(body, convert)


def tidy_blank_lines(body: str) -> str:
    """At most one blank line between blocks outside code (removed tags and comments leave runs of them)."""
    lines = body.split("\n")
    roles = fence_roles(lines)
    out: list[str] = []
    for line, role in zip(lines, roles, strict=True):
        if role is None and not line.strip() and out and not out[-1].strip():
            continue
        out.append("" if role is None and not line.strip() else line)
    return "\n".join(out)


def convert_dialect(
    body: str, dialect: str, extensions: frozenset[str], old_extensions: frozenset[str] | None = None
) -> Conversion:
    """Every conversion above for a body written for ``dialect`` (``kramdown``, ``goldmark``, ``python-markdown``).

    The warnings' lines are the lines of ``body`` as given: they are found
    before any step that moves lines (fences first, then what is only reported).
    """
    fences = normalise_fences(body, extensions)
    warnings = [*fences.warnings, *report_unsupported(body, extensions, old_extensions)]
    text = fences.text
    if dialect != "python-markdown":
        text = normalise_lists(text, indented_code="pymdownx.superfences" not in extensions)
    text = convert_blocks(text, extensions).text
    text = convert_inline(text, extensions, old_extensions)
    return Conversion(text, tuple(sorted(warnings, key=lambda w: w.line or 0)))


# --- things reported, not converted ---------------------------------------------------------------

_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_MATH = re.compile(r"(?<![\\$])\$\$.+?\$\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)
_EMOJI_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:")
_SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}", re.MULTILINE)
_CRITIC = re.compile(r"\{(?:\+\+|--|~~|==|>>).+?(?:\+\+|--|~~|==|<<)\}", re.DOTALL)


def report_unsupported(
    body: str, extensions: frozenset[str], old_extensions: frozenset[str] | None = None
) -> list[PostWarning]:
    """Syntax the new site renders as text: footnotes, math, icons, snippets, critic marks; once each, first line."""
    lines = body.split("\n")
    in_code = fence_ranges(lines)
    text = "\n".join("" if code else _CODE_SPAN.sub("", line) for line, code in zip(lines, in_code, strict=True))
    found: list[PostWarning] = []

    def first(pattern: re.Pattern[str], message: str) -> None:
        match = pattern.search(text)
        if match:
            found.append(PostWarning(text.count("\n", 0, match.start()) + 1, message))

    if "footnotes" not in extensions:
        first(_FOOTNOTE, "footnotes ([^1]) need the 'footnotes' Markdown extension in the new site's mkdocs.yml")
    if "pymdownx.arithmatex" not in extensions:
        first(_MATH, "math ($$…$$, \\(…\\)) is shown as text: the new site has no math extension (pymdownx.arithmatex)")
    if old_extensions is not None:
        if "pymdownx.emoji" in old_extensions and "pymdownx.emoji" not in extensions:
            first(_EMOJI_ICON, "icon shortcodes (:material-…:) are shown as text: the new site has no pymdownx.emoji")
        if "pymdownx.snippets" in old_extensions and "pymdownx.snippets" not in extensions:
            first(_SNIPPET, "a snippet include (--8<--) is not run: the included file's text is not in the article")
        if "pymdownx.critic" in old_extensions and "pymdownx.critic" not in extensions:
            first(_CRITIC, "critic marks ({++ ++}, {-- --}) are shown as text: the new site has no pymdownx.critic")
    return found
