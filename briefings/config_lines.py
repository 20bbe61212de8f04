"""Where a key of ``mkdocs.yml`` is written: file and line, for configuration errors (issue 12, item 11).

MkDocs validates the config as plain Python values, so its errors say *which*
key is wrong (``Config value 'plugins': Plugin 'briefings' option 'timezone':
…``) but not *where*. The YAML nodes know: this module composes ``mkdocs.yml``
into nodes (no constructors run, so ``!ENV``, ``!relative`` and
``!!python/name:`` need nothing), merges its ``INHERIT:`` parents the way MkDocs
does (mappings merged key by key, anything else replaced by the child's value),
and follows a key path to the line that holds it. Every node remembers its own
file, so a key that comes from a parent file is reported in that file.

The path comes from the error's structure (the option, its sub-options); the
rest of the message may then name keys or values further down (``topic 'a':
unknown key 'titel'``), which :func:`locate` follows as hints. No MkDocs here:
this is YAML only, and the adapters (:mod:`briefings.plugin.config_errors`)
turn MkDocs' messages into paths.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

#: The key of ``mkdocs.yml`` that names a parent config file (MkDocs' ``INHERIT``).
INHERIT = "INHERIT"
#: How deep ``INHERIT`` chains are followed; a longer chain is surely a loop MkDocs refuses too.
MAX_INHERIT_DEPTH = 20
_MERGE_TAG = "tag:yaml.org,2002:merge"

#: Where a message starts to show the value it was given rather than the key it is about.
_FOUND = re.compile(r"\b(?:found|received)\b", re.IGNORECASE)
#: A name quoted in a message: ``'titel'`` or ``"search"``, not the apostrophe of ``isn't``.
_QUOTED = re.compile(r"""(?<![\w'"])(?:'([^'\n]+)'|"([^"\n]+)")(?!\w)""")


@dataclass(frozen=True)
class ConfigLocation:
    """A place in a config file: the file as found on disk and a 1-based line."""

    file: Path
    line: int

    def shown(self, main_config: Path) -> str:
        """``mkdocs.yml:7``; a parent file (``INHERIT``) relative to the folder of the main config."""
        return f"{shown_config_path(self.file, main_config)}:{self.line}"


def shown_config_path(file: Path, main_config: Path) -> str:
    """How a config file is named in messages: the main one by its name, a parent relative to the main one."""
    main = main_config.resolve()
    file = file.resolve()
    if file == main:
        return main_config.name
    return Path(os.path.relpath(file, main.parent)).as_posix()


def compose_config(config_file: Path) -> yaml.Node | None:
    """``mkdocs.yml`` and its ``INHERIT`` parents as one tree of YAML nodes, merged as MkDocs merges them.

    None when the file cannot be read or parsed: then no error gets a line, and
    MkDocs' own message (which says what is wrong with the YAML) stands alone.
    """
    try:
        return _compose_with_parents(config_file.resolve(), depth=0)
    except (OSError, yaml.YAMLError, RecursionError):
        return None


def _compose_with_parents(path: Path, depth: int) -> yaml.Node | None:
    with path.open("rb") as stream:  # bytes, as MkDocs reads it: the same encoding detection, and marks name the file
        node = yaml.compose(stream, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode) or depth >= MAX_INHERIT_DEPTH:
        return node
    parent_name = None
    own_pairs = []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == INHERIT:
            parent_name = value.value if isinstance(value, yaml.ScalarNode) else None
        else:
            own_pairs.append((key, value))
    if parent_name is None:
        return node
    parent = _compose_with_parents((path.parent / parent_name).resolve(), depth + 1)
    child = yaml.MappingNode(node.tag, own_pairs, node.start_mark, node.end_mark, node.flow_style)
    return merge_nodes(parent, child)


@dataclass(frozen=True)
class BrokenInherit:
    """An ``INHERIT:`` that MkDocs cannot follow: where it is written, and why."""

    location: ConfigLocation
    message: str


def broken_inherit(config_file: Path) -> BrokenInherit | None:
    """The first ``INHERIT:`` along the chain from ``config_file`` that names a missing file or makes a loop.

    MkDocs logs nothing for either: it raises with the missing path, or recurses
    until Python stops it (``maximum recursion depth exceeded``).
    """
    path = config_file.resolve()
    chain = [path]
    for _ in range(MAX_INHERIT_DEPTH):
        try:
            with path.open("rb") as stream:
                node = yaml.compose(stream, Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            return None
        step = _child(node, INHERIT) if isinstance(node, yaml.MappingNode) else None
        if step is None or not isinstance(step[1], yaml.ScalarNode):
            return None
        key, value = step
        location = _location(key)
        parent = (path.parent / value.value).resolve()
        if location is None:
            return None
        if not parent.is_file():
            return BrokenInherit(location, f"INHERIT: the file {value.value!r} does not exist ({parent})")
        if parent in chain:
            return BrokenInherit(
                location,
                f"INHERIT: {value.value!r} leads back to {shown_config_path(parent, config_file)}: "
                "the inherited files make a loop",
            )
        chain.append(parent)
        path = parent
    return None


def merge_nodes(parent: yaml.Node | None, child: yaml.Node) -> yaml.Node:
    """``child`` over ``parent``, as ``mergedeep.merge`` does for MkDocs' ``INHERIT``: mappings key by key."""
    if not isinstance(parent, yaml.MappingNode) or not isinstance(child, yaml.MappingNode):
        return child
    child_values = {_key_text(key): value for key, value in child.value}
    pairs = [(key, value) for key, value in parent.value if _key_text(key) not in child_values]
    parent_values = {_key_text(key): value for key, value in parent.value}
    for key, value in child.value:
        inherited = parent_values.get(_key_text(key))
        pairs.append((key, merge_nodes(inherited, value) if inherited is not None else value))
    return yaml.MappingNode(child.tag, pairs, child.start_mark, child.end_mark, child.flow_style)


def locate(root: yaml.Node | None, path: Sequence[str], message: str = "") -> ConfigLocation | None:
    """The line of the key at ``path`` (``('plugins', 'briefings', 'timezone')``), refined by ``message``.

    A plugin name is found in a list of plugins (``- briefings`` or
    ``- briefings: {…}``) as in a mapping of them. When the whole path is found,
    names quoted in ``message`` lead further down, in the order they are quoted:
    a key (``topic 'a': unknown key 'titel'`` → the ``titel:`` line of topic
    ``a``), a list item (``Failed to load extension 'foo'``) or a value
    (``Unrecognised theme name: 'materiall'`` → the ``name:`` line); failing
    that, a key of the mapping written as a plain word (``custom_dir``). What
    follows ``found`` or ``received`` is the value given, not a key to follow. When
    only the start of the path is written (the value is a default, or comes from
    the command line), the deepest key found is given; None when not even the
    first key is in the file.
    """
    if root is None or not path:
        return None
    node: yaml.Node = root
    anchor: yaml.Node | None = None
    try:
        for name in path:
            step = _child(node, name)
            if step is None:
                return _location(anchor)
            anchor, node = step
        return _location(_follow_hints(anchor, node, message))
    except RecursionError:  # merge keys that merge themselves through aliases: no line rather than no message
        return _location(anchor)


def quoted_names(message: str) -> list[str]:
    """The names quoted in a message, in order: ``topic 'a': unknown key 'titel'`` → ``['a', 'titel']``."""
    return [single or double for single, double in _QUOTED.findall(message)]


def _follow_hints(anchor: yaml.Node | None, node: yaml.Node, message: str) -> yaml.Node | None:
    message = _FOUND.split(message, maxsplit=1)[0]  # "…, found ['a', 3]" shows the value, it names no key
    names = quoted_names(message)
    while names:
        for index, name in enumerate(names):
            step = _child(node, name)
            if step is not None:
                anchor, node = step
                names = names[index + 1 :]
                break
            holder = _key_of_value(node, name)
            if holder is not None:
                return holder
        else:
            break
    return _key_named_in_words(node, message) or anchor


def _child(node: yaml.Node, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """(the node to point at, the node to descend into) for ``name`` under ``node``, or None."""
    names = _plugin_name_forms(name)
    if isinstance(node, yaml.MappingNode):
        for key, value in reversed(list(_pairs(node))):  # PyYAML keeps the last of duplicate keys
            if _key_text(key) in names:
                return key, value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value in names:
                return item, item
            if isinstance(item, yaml.MappingNode):
                for key, value in _pairs(item):
                    if _key_text(key) in names:
                        return key, value
    return None


def _plugin_name_forms(name: str) -> set[str]:
    """A name as it may be written: MkDocs says ``material/search`` for a ``search`` a theme provides."""
    forms = {name, name.lstrip("/")}
    if "/" in name.strip("/"):
        forms.add(name.rsplit("/", 1)[1])
    return forms


def _key_of_value(node: yaml.Node, text: str) -> yaml.Node | None:
    """The key whose scalar value is ``text`` (``name: materiall``), in a mapping."""
    if isinstance(node, yaml.MappingNode):
        for key, value in _pairs(node):
            if isinstance(value, yaml.ScalarNode) and value.value == text:
                return key
    return None


def _key_named_in_words(node: yaml.Node, message: str) -> yaml.Node | None:
    """The key of a mapping that a message names as a plain word (``The path set in custom_dir …``)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    found: list[tuple[int, yaml.Node]] = []
    for key, _value in _pairs(node):
        text = _key_text(key)
        match = re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", message) if text else None
        if match:
            found.append((match.start(), key))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """The key–value pairs of a mapping, those of ``<<:`` merge keys first (the mapping's own win)."""
    for key, value in node.value:
        if key.tag == _MERGE_TAG:
            merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in merged:
                if isinstance(source, yaml.MappingNode):
                    yield from _pairs(source)
    for key, value in node.value:
        if key.tag != _MERGE_TAG:
            yield key, value


def _key_text(key: yaml.Node) -> str:
    return str(key.value) if isinstance(key, yaml.ScalarNode) else ""


def _location(node: yaml.Node | None) -> ConfigLocation | None:
    if node is None:
        return None
    mark = node.start_mark
    if not mark.name or mark.name.startswith("<"):  # a stream without a file: no place to name
        return None
    return ConfigLocation(Path(mark.name), mark.line + 1)


# --- YAML that does not load ----------------------------------------------------------------------


@dataclass(frozen=True)
class YamlProblem:
    """Why a config file's YAML does not load, and where (when the parser knows)."""

    location: ConfigLocation | None
    message: str


def yaml_problem(error: yaml.YAMLError, config_file: Path) -> YamlProblem:
    """A YAML error → ``malformed YAML, column 8: …`` at its file and line (the file: the mark's, or ``config_file``).

    The column goes into the message, as for articles' front matter; the
    parser's context (``while parsing a flow sequence`` that began earlier) is
    kept with its own line and column, for an unclosed bracket is found lines
    after it was opened.
    """
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        what = "cannot load this value" if isinstance(error, yaml.constructor.ConstructorError) else "malformed YAML"
        if mark is None:
            return YamlProblem(None, f"{what}: {problem}")
        context = ""
        where = error.context_mark
        if (
            error.context
            and error.problem
            and where is not None
            and (where.line, where.column) != (mark.line, mark.column)
        ):
            same_line = where.line == mark.line
            at = f"column {where.column + 1}" if same_line else f"line {where.line + 1}, column {where.column + 1}"
            context = f" ({' '.join(error.context.split())} at {at})"
        return YamlProblem(_mark_location(mark, config_file), f"{what}, column {mark.column + 1}: {problem}{context}")
    if isinstance(error, yaml.reader.ReaderError):
        decoded = error.encoding == "unicode"  # PyYAML's word for "in the decoded text", else bytes did not decode
        if isinstance(error.character, int):
            what = f"character #x{error.character:04x}" if decoded else f"byte #x{error.character:02x}"
            text = f"{what} is not allowed: {error.reason}"
        else:
            text = str(error.reason)
        return YamlProblem(_reader_location(error, config_file, decoded), f"malformed YAML: {text}")
    return YamlProblem(None, f"malformed YAML: {' '.join(str(error).split())}")


def _mark_location(mark: yaml.Mark, config_file: Path) -> ConfigLocation:
    name = mark.name
    file = Path(name) if name and not name.startswith("<") else config_file
    return ConfigLocation(file, mark.line + 1)


def _reader_location(error: yaml.reader.ReaderError, config_file: Path, decoded: bool) -> ConfigLocation | None:
    """The line of what the reader refused: its position counts characters of the text, or bytes of the file."""
    file = Path(error.name) if error.name and not str(error.name).startswith("<") else config_file
    try:
        data = file.read_bytes()
    except OSError:
        return None
    position = max(0, error.position)
    if decoded:
        return ConfigLocation(file, data.decode("utf-8", errors="replace").count("\n", 0, position) + 1)
    return ConfigLocation(file, data.count(b"\n", 0, position) + 1)
