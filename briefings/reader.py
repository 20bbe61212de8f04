"""Read one article file into raw front matter fields, with the line of each field.

This is the only place that touches bytes and YAML. It never raises for bad
input: every problem comes back as a :class:`~briefings.model.Problem`.

Line numbers come from the YAML nodes (PyYAML's marks), so a message can point
at the very line of a bad field instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import Problem

try:  # libyaml is ~10x faster; PyYAML falls back to pure Python without it.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_FENCE = "---"


@dataclass
class RawArticle:
    """Front matter as YAML gave it, before any validation."""

    fields: dict[str, Any]
    field_lines: dict[str, int]
    body: str
    opening_line: int = 1
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, name: str) -> int:
        """The line of a field, or of the opening ``---`` when the field is missing."""
        return self.field_lines.get(name, self.opening_line)


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (with or without a BOM); report the line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, Problem(
            path,
            line,
            "error",
            f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
            " cannot be decoded (save the file as UTF-8)",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def split_front_matter(text: str, path: str) -> tuple[str, str, Problem | None]:
    """Split ``---``-delimited front matter from the body.

    Returns ``(front_matter, body, problem)``; the front matter starts on line 2.
    """
    if not text.strip():
        return "", "", Problem(path, 1, "error", "the file is empty: expected front matter between '---' lines")
    first_line, _, rest = text.partition("\n")
    if first_line.rstrip() != _FENCE:
        return "", text, Problem(
            path,
            1,
            "error",
            "missing front matter: the file must start with a '---' line, then YAML fields"
            f" (title, date, topic), then '---'; found {first_line.strip()[:40]!r}",
        )
    # The closing fence is the first line that is exactly '---' or '...'.
    offset = 0
    for line in rest.splitlines(keepends=True):
        if line.rstrip() in (_FENCE, "..."):
            return rest[:offset], rest[offset + len(line) :], None
        offset += len(line)
    return "", "", Problem(
        path, 1, "error", "unclosed front matter: the '---' on line 1 has no closing '---' line"
    )


def parse_yaml(front_matter: str, path: str, first_line: int = 2) -> RawArticle:
    """Parse the YAML block, keeping each top-level field's line number."""
    raw = RawArticle(fields={}, field_lines={}, body="", opening_line=first_line - 1)
    loader = _Loader(front_matter)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else raw.opening_line
        column = f", column {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        raw.problems.append(
            Problem(path, line, "error", f"malformed YAML in front matter{column}: {what}")
        )
        return raw
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no problem_mark
        raw.problems.append(Problem(path, raw.opening_line, "error", f"malformed YAML in front matter: {exc}"))
        return raw
    finally:
        loader.dispose()

    if data is None:
        raw.problems.append(
            Problem(path, raw.opening_line, "error", "the front matter is empty: expected fields title, date and topic")
        )
        return raw
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raw.problems.append(
            Problem(
                path,
                raw.opening_line,
                "error",
                f"the front matter must be a mapping of 'field: value' lines, found {type(data).__name__}",
            )
        )
        return raw
    for key_node, _value_node in node.value:
        raw.field_lines.setdefault(str(key_node.value), key_node.start_mark.line + first_line)
    raw.fields = {str(key): value for key, value in data.items()}
    return raw


def read_article_text(data: bytes, path: str) -> RawArticle:
    """Bytes of one file → :class:`RawArticle` (with problems when it cannot be read)."""
    text, problem = decode(data, path)
    if problem is not None or text is None:
        return RawArticle({}, {}, "", problems=[problem] if problem else [])
    front_matter, body, problem = split_front_matter(text, path)
    if problem is not None:
        return RawArticle({}, {}, body, problems=[problem])
    raw = parse_yaml(front_matter, path)
    raw.body = body
    return raw
