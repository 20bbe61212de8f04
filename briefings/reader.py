"""Read one article file into raw front matter fields, with the line of each field.

This is the only place that touches bytes and YAML. It never raises for bad
input: every problem comes back as a :class:`~briefings.model.Problem`.

Line numbers come from the YAML nodes (PyYAML's marks), so a message can point
at the very line of a bad field instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import Problem

try:  # libyaml is ~10x faster; PyYAML falls back to pure Python without it.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader

_FENCE = "---"
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):
    """PyYAML's safe loader, except that an impossible timestamp stays text.

    PyYAML turns ``2024-02-30`` or ``2024-13-01`` into a ``ValueError`` that is
    not a YAML error; kept as a string, the value reaches the ``date`` check,
    which reports it on the field's own line.
    """


def _timestamp_or_text(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor(_TIMESTAMP_TAG, _timestamp_or_text)


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
    if first_line.rstrip(" \t") != _FENCE:
        return (
            "",
            text,
            Problem(
                path,
                1,
                "error",
                "missing front matter: the file must start with a '---' line, then YAML fields"
                f" (title, date, topic), then '---'; found {first_line.strip()[:40]!r}",
            ),
        )
    # The closing fence is the first line that is exactly '---' or '...' (trailing blanks allowed).
    closing = _CLOSING_FENCE.search(rest)
    if closing is not None:
        return rest[: closing.start()], rest[closing.end() + 1 :], None
    return "", "", Problem(path, 1, "error", "unclosed front matter: the '---' on line 1 has no closing '---' line")


def parse_yaml(front_matter: str, path: str, first_line: int = 2) -> RawArticle:
    """Parse the YAML block, keeping each top-level field's line number.

    Syntax errors are reported at the line and column PyYAML gives; a field
    written twice is a warning (YAML keeps the last value, and so do we).
    """
    raw = RawArticle(fields={}, field_lines={}, body="", opening_line=first_line - 1)
    loader = _Loader(front_matter)
    try:
        node = loader.get_single_node()
        data = _construct_flat(loader, raw, node, path, first_line) if type(node) is yaml.MappingNode else None
        if data is not None:
            raw.fields = data
            return raw
        if isinstance(node, yaml.MappingNode):
            _warn_duplicate_fields(raw, node, path, first_line)
        data = loader.construct_document(node) if node is not None else None
        if isinstance(data, dict) and isinstance(node, yaml.MappingNode):
            # construct_document merged any '<<' keys into node.value: the last pair wins, as in ``data``.
            field_lines = raw.field_lines
            for key_node, _value_node in node.value:
                name = key_node.value if key_node.tag == _STR_TAG else _key_name(loader, key_node)
                field_lines[name] = key_node.start_mark.line + first_line
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else raw.opening_line
        column = f", column {mark.column + 1}" if mark else ""
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raw.problems.append(Problem(path, line, "error", f"malformed YAML in front matter{column}: {what}"))
        return raw
    except yaml.reader.ReaderError as exc:  # a control character or other unreadable text
        line = front_matter.count("\n", 0, max(0, min(exc.position, len(front_matter)))) + first_line
        raw.problems.append(
            Problem(
                path,
                line,
                "error",
                f"malformed YAML in front matter: character #x{exc.character:04x} is not allowed: {exc.reason}",
            )
            if isinstance(exc.character, int)
            else Problem(path, line, "error", f"malformed YAML in front matter: {exc.reason}")
        )
        return raw
    except yaml.YAMLError as exc:
        raw.problems.append(
            Problem(path, raw.opening_line, "error", f"malformed YAML in front matter: {' '.join(str(exc).split())}")
        )
        return raw
    except RecursionError:
        raw.problems.append(
            Problem(path, raw.opening_line, "error", "malformed YAML in front matter: values are nested too deeply")
        )
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
                f"the front matter must be a mapping of 'field: value' lines, found {_yaml_kind(data)}",
            )
        )
        raw.field_lines = {}
        return raw
    raw.fields = data if all(type(key) is str for key in data) else {str(key): value for key, value in data.items()}
    return raw


#: Scalar tags whose PyYAML constructor needs nothing but the node (no anchors, no nesting).
_FLAT_SCALAR_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float", "timestamp"))


def _construct_flat(
    loader: Any, raw: RawArticle, node: yaml.MappingNode, path: str, first_line: int
) -> dict[str, Any] | None:
    """Construct the usual front matter in one pass: text keys, scalar values or lists of scalars.

    Gives exactly what PyYAML's safe constructor gives for such a mapping, and
    the line of each field and the fields written twice on the way; returns
    None (nothing recorded) for anything else (merge keys, nested mappings,
    other tags…), which then goes through the full constructor.
    """
    constructors = loader.yaml_constructors
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    twice: list[tuple[str, int, int]] = []
    for key_node, value_node in node.value:
        if key_node.tag != _STR_TAG or type(key_node) is not yaml.ScalarNode:
            return None
        value_type = type(value_node)
        if value_type is yaml.ScalarNode:
            tag = value_node.tag
            if tag == _STR_TAG:
                value: Any = value_node.value
            elif tag in _FLAT_SCALAR_TAGS:
                value = constructors[tag](loader, value_node)
            else:
                return None
        elif value_type is yaml.SequenceNode:
            value = []
            for item in value_node.value:
                if type(item) is not yaml.ScalarNode:
                    return None
                if item.tag == _STR_TAG:
                    value.append(item.value)
                elif item.tag in _FLAT_SCALAR_TAGS:
                    value.append(constructors[item.tag](loader, item))
                else:
                    return None
        else:
            return None
        name = key_node.value
        line = key_node.start_mark.line + first_line
        if name in lines:
            twice.append((name, lines[name], line))
        fields[name] = value
        lines[name] = line
    raw.field_lines = lines
    for name, first, second in twice:
        raw.problems.append(
            Problem(
                path,
                second,
                "warning",
                f"field {name!r} is written twice (lines {first} and {second}): the last one is used",
                name,
            )
        )
    return fields


def _key_name(loader: Any, key_node: yaml.Node) -> str:
    """The field name a key node becomes in ``RawArticle.fields`` (``str`` of the YAML key)."""
    if key_node.tag == _STR_TAG:
        return str(key_node.value)
    return str(loader.construct_object(key_node, deep=True))


def _warn_duplicate_fields(raw: RawArticle, node: yaml.MappingNode, path: str, first_line: int) -> None:
    """A field written twice in the document itself (merges aside): a warning at the second one."""
    seen: dict[str, int] = {}
    for key_node, _value_node in node.value:
        if key_node.tag != _STR_TAG or not isinstance(key_node, yaml.ScalarNode):
            continue
        line = key_node.start_mark.line + first_line
        name = key_node.value
        if name in seen:
            raw.problems.append(
                Problem(
                    path,
                    line,
                    "warning",
                    f"field {name!r} is written twice (lines {seen[name]} and {line}): the last one is used",
                    name,
                )
            )
        seen[name] = line


def _yaml_kind(value: object) -> str:
    return {list: "a list", str: "a single text value", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


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


def has_errors(problems: list[Problem]) -> bool:
    """True when any of ``problems`` is an error (warnings alone leave the article usable)."""
    return any(p.severity == "error" for p in problems)
