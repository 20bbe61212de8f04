"""Read one article file into raw front matter fields, with the line of each field.

This is the only place that touches bytes and YAML. It never raises for bad
input: every problem comes back as a :class:`~briefings.model.Problem`.

Line numbers come from the YAML nodes (PyYAML's marks), so a message can point
at the very line of a bad field instead of guessing.
"""

from __future__ import annotations

import dataclasses
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
_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG + "str"
_MERGE_TAG = _YAML_TAG + "merge"
_TIMESTAMP_TAG = _YAML_TAG + "timestamp"
_NULL_TAG = _YAML_TAG + "null"
_SEQ_TAG = _YAML_TAG + "seq"
_VALUE_TAG = _YAML_TAG + "value"  # what YAML 1.1 makes of a bare '='; PyYAML cannot construct it
#: The tags PyYAML's safe constructor knows, by the kind of node each may tag.
_SCALAR_TAGS = frozenset(_YAML_TAG + name for name in ("null", "bool", "int", "float", "binary", "timestamp", "str"))
_SEQUENCE_TAGS = frozenset(_YAML_TAG + name for name in ("seq", "omap", "pairs"))
_MAPPING_TAGS = frozenset(_YAML_TAG + name for name in ("map", "set"))
#: How YAML 1.1 spells null; PyYAML would turn ``!!null 'anything'`` into None without a word.
_NULL_SPELLINGS = frozenset(("", "~", "null", "Null", "NULL"))
#: What PyYAML's scalar constructors raise for a value that does not fit an explicit tag
#: (``!!timestamp 'nope'`` fails inside PyYAML with an AttributeError, ``!!int ''`` with an IndexError).
_CONSTRUCTION_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError, yaml.YAMLError)


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
    body_line: int = 1  # the line the body starts on, so a problem in the body can name its line

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


#: Line breaks as PyYAML counts them; NEL, LS and PS are breaks to it but not to an editor.
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def parse_yaml(front_matter: str, path: str, first_line: int = 2) -> RawArticle:
    """Parse the YAML block, keeping each top-level field's line number.

    Syntax errors are reported at the line and column PyYAML gives; a field
    written twice is a warning (YAML keeps the last value, and so do we).
    Lines are the file's: where the block holds a break only YAML counts
    (U+0085, U+2028, U+2029), PyYAML's line numbers are mapped back.
    """
    raw = _parse_yaml(front_matter, path, first_line)
    if any(character in front_matter for character in _YAML_ONLY_BREAKS):
        real = [0]
        for match in _YAML_BREAKS.finditer(front_matter):
            real.append(real[-1] + (match.group() not in _YAML_ONLY_BREAKS))

        def file_line(line: int | None) -> int | None:
            index = None if line is None else line - first_line
            return line if index is None or not 0 <= index < len(real) else real[index] + first_line

        raw.field_lines = {name: file_line(line) or line for name, line in raw.field_lines.items()}
        raw.problems = [dataclasses.replace(p, line=file_line(p.line)) for p in raw.problems]
    return raw


def _parse_yaml(front_matter: str, path: str, first_line: int) -> RawArticle:
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
        if node is not None:
            tag_problems = _tag_problems(loader, node, path, first_line)
            if tag_problems:  # PyYAML would stop at the first one, some with a bare AttributeError
                raw.problems.extend(tag_problems)
                raw.field_lines = {}
                return raw
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
    other tags, a value that does not fit its explicit tag…), which then goes
    through the full path: there :func:`_tag_problems` reports every bad tag, so
    both paths refuse the same documents with the same messages.
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
                value = _flat_scalar(loader, constructors, value_node)
                if value is _UNFIT:
                    return None
            else:
                return None
        elif value_type is yaml.SequenceNode and value_node.tag == _SEQ_TAG:  # not !!omap, !!pairs…
            value = []
            for item in value_node.value:
                if type(item) is not yaml.ScalarNode:
                    return None
                if item.tag == _STR_TAG:
                    value.append(item.value)
                elif item.tag in _FLAT_SCALAR_TAGS:
                    scalar = _flat_scalar(loader, constructors, item)
                    if scalar is _UNFIT:
                        return None
                    value.append(scalar)
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


#: What :func:`_flat_scalar` gives for a value that does not fit its tag.
_UNFIT = object()


def _flat_scalar(loader: Any, constructors: dict[Any, Any], node: yaml.ScalarNode) -> Any:
    """PyYAML's value for a null, bool, int, float or timestamp node, or :data:`_UNFIT` when it has none.

    A plain scalar always fits the tag YAML resolved for it; only an explicit tag
    (``!!int 'x'``, ``!!null 'x'``) or a number too long for Python (over 4,300
    digits) can fail here, and such a document goes through :func:`_tag_problems`.
    """
    if node.tag == _NULL_TAG and node.value not in _NULL_SPELLINGS:
        return _UNFIT
    try:
        return constructors[node.tag](loader, node)
    except _CONSTRUCTION_ERRORS:
        return _UNFIT


def _tag_problems(loader: Any, root: yaml.Node, path: str, first_line: int) -> list[Problem]:
    """An error for every node whose tag PyYAML's safe constructor cannot honour, before it tries.

    Unknown and unsafe tags (``!custom``, ``!!python/object:…``), a tag on the
    wrong kind of node (``!!str [a]``) and a value that does not fit its tag
    (``!!timestamp 'nope'``, ``!!int 'x'``, ``!!null 'x'``) each get the line of
    the value and the top-level field it is in. Without this, PyYAML stops at the
    first one, and several fail inside PyYAML with no line (``AttributeError``).
    Nodes shared through YAML aliases are looked at once; the walk is a loop, so
    deep nesting cannot exhaust the stack.
    """
    problems: list[Problem] = []
    todo: list[tuple[yaml.Node, str | None, bool]] = [(root, None, False)]
    seen: set[int] = set()
    while todo:
        node, name, is_key = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        message = _tag_problem(loader, node, is_key)
        if message is not None:
            line = node.start_mark.line + first_line
            where = f"field {name!r}: " if name is not None else ""
            problems.append(Problem(path, line, "error", where + message, name))
        children: list[tuple[yaml.Node, str | None, bool]] = []
        if isinstance(node, yaml.SequenceNode):
            children = [(item, name, False) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                # The top-level keys are the field names; deeper ones belong to their field.
                field_name = name
                if node is root:
                    field_name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                children += ((key_node, field_name, True), (value_node, field_name, False))
        todo.extend(reversed(children))  # popped in document order: a shared node counts for its first field
    problems.sort(key=lambda problem: problem.line or 0)
    return problems


def _tag_problem(loader: Any, node: yaml.Node, is_key: bool) -> str | None:
    """What is wrong with the tag of one node, or None."""
    tag = node.tag
    shown = _tag_name(tag)
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR_TAG or (tag == _MERGE_TAG and is_key):
            return None
        if tag == _VALUE_TAG and node.value == "=":
            return "a bare '=' is a special value in YAML: write it in quotes ('=') to mean the text"
        if tag in _SCALAR_TAGS:
            if _flat_scalar(loader, loader.yaml_constructors, node) is not _UNFIT:
                return None
            if not node.style and len(node.value) > 1000:  # a plain number, too long for Python's int()
                return f"the number {_short_value(node.value)} is too long to read: write it in quotes if it is text"
            return f"{_short_value(node.value)} is not a valid {shown}"
        kind, known = "a single value", _SEQUENCE_TAGS | _MAPPING_TAGS
    elif isinstance(node, yaml.SequenceNode):
        if tag in _SEQUENCE_TAGS:
            return None
        kind, known = "a list", _SCALAR_TAGS | _MAPPING_TAGS
    else:
        if tag in _MAPPING_TAGS:
            return None
        kind, known = "a mapping", _SCALAR_TAGS | _SEQUENCE_TAGS
    if tag in known:
        return f"the YAML tag {shown} cannot be used on {kind}"
    return (
        f"the YAML tag {shown} is not supported: front matter holds plain values"
        " (text, numbers, dates, true/false, lists); remove the tag"
    )


def _tag_name(tag: str) -> str:
    """A tag as it is usually written: ``!!int`` for YAML's own, else as written (``!custom``)."""
    shown = "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag
    if not shown.isprintable():  # a %-escaped line break or terminal escape stays escaped
        shown = repr(shown)[1:-1]
    return shown if len(shown) <= 60 else shown[:60] + "…"


def _short_value(text: str) -> str:
    """A scalar as written, quoted, cut at 60 characters (a 5,000-digit number included)."""
    return repr(text) if len(text) <= 60 else repr(text[:60]) + f"… ({len(text)} characters)"


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
    raw.body_line = 3 + front_matter.count("\n")  # after '---', the front matter and the closing '---'
    return raw


def has_errors(problems: list[Problem]) -> bool:
    """True when any of ``problems`` is an error (warnings alone leave the article usable)."""
    return any(p.severity == "error" for p in problems)
