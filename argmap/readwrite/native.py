"""argmap's own formats: JSON and YAML, both validated by the same pydantic models.

A file holds one :class:`~argmap.model.MapDocument` (``schema_version``, ``title``,
``agents``, ``sources``, ``statements``, ``relations``, ``attributions``). ``read_*`` and
``write_*`` take a path or an open file; ``from_*`` and ``to_*`` work on strings. Writes are
atomic. A faulty file raises :class:`~argmap.errors.FormatError` naming the file, the JSON
path of the field (and for YAML the line) and what was expected. A quote whose text does not
match its span still loads: that is a finding of :func:`argmap.check`, not a structural error.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> _ = m.claim("Love ends violence", id="love")
    >>> text = to_json(m)
    >>> from_json(text) == m
    True
    >>> from_yaml(to_yaml(m))["love"].text
    'Love ends violence'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from typing import Any

import yaml
from pydantic import ValidationError

from argmap._gc import collector_paused
from argmap._io import PathOrFile, atomic_write, read_text
from argmap.errors import FormatError, _NoFastPath
from argmap.model import SCHEMA_VERSION, ArgumentMap, MapDocument
from argmap.readwrite._yaml import (
    check_depth,
    guard_scalars,
    long_json_number,
)

__all__ = [
    "from_json",
    "from_yaml",
    "json_schema",
    "read_json",
    "read_yaml",
    "to_json",
    "to_yaml",
    "write_json",
    "write_yaml",
]


#: The JSON Schema dialect pydantic's generator writes.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: A stable identifier for version 1 of argmap's file format. A URN, not a web address: argmap
#: has no site to host the schema, and an ``$id`` must never point at a page that does not exist.
SCHEMA_ID = f"urn:argmap:schema:map:v{SCHEMA_VERSION}"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of argmap's JSON and YAML files.

    The schema names its dialect (``$schema``) and carries a stable ``$id`` for the file format's
    version, so validators and editors can cache and reference it.

    Examples:
        >>> schema = json_schema()
        >>> schema["title"], schema["$id"]
        ('MapDocument', 'urn:argmap:schema:map:v1')
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
    """
    schema = MapDocument.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **schema}


def _json_path(loc: tuple[int | str, ...]) -> str:
    path = "$"
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in ("claim", "factor", "support", "attack", "causal") and path.endswith("]"):
            continue  # pydantic names the union member tried; the reader wants the field path
        else:
            path += f".{part}"
    return path


def _expected(error: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "union_tag_invalid":
        return message.replace("Input tag", "kind").replace("expected tags", "expected one of")
    if error["type"] == "extra_forbidden":
        return "unknown field; expected only the fields of the schema (see `argmap schema`)"
    if error["type"] == "missing":
        return "missing field"
    return message


def _validation_error(
    err: ValidationError, origin: str | None, lines: dict[str, int] | None = None
) -> FormatError:
    first = err.errors()[0]
    path = _json_path(tuple(first["loc"]))
    more = len(err.errors()) - 1
    message = _expected(first) + (f" (and {more} more problem(s))" if more else "")
    line = None
    if lines:
        # A missing field has no line of its own: name the line of the record that lacks it.
        probe = path
        while line is None and probe:
            line = lines.get(probe)
            probe = probe[: max(probe.rfind("."), probe.rfind("["), 0)]
    return FormatError(message, file=origin, line=line, path=path)


def from_json(text: str | bytes, *, origin: str | None = None) -> ArgumentMap:
    """Read a map from JSON text.

    Args:
        text: The JSON document.
        origin: A file name to show in error messages.

    Raises:
        FormatError: Invalid JSON (with line and column), a field that does not fit the schema
            (with its JSON path), or a structural fault such as a dangling reference.

    Examples:
        >>> from_json('{"schema_version": 1, "statements": [{"kind": "claim", "id": "p"}]}')
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>: $.statements[0].text: missing field
    """
    # Parsing makes every record at once and none of them can form a cycle; automatic
    # collections meanwhile would walk all records made so far, again and again.
    with collector_paused():
        return _map_from_json(text, origin)


def _map_from_json(text: str | bytes, origin: str | None) -> ArgumentMap:
    try:
        doc = MapDocument.model_validate_json(text)
    except ValidationError as err:
        if err.errors()[0]["type"] == "json_invalid":
            raise _json_syntax_error(text, origin, str(err.errors()[0]["msg"])) from None
        raise _validation_error(err, origin) from None
    return ArgumentMap.from_document(doc, origin=origin)


def _json_syntax_error(text: str | bytes, origin: str | None, fallback: str) -> FormatError:
    """Locate what pydantic-core's JSON parser refused: bad syntax or a number too long."""
    # Numbers are not converted: json would raise a bare ValueError at a long integer.
    keep = str
    try:
        json.loads(text, parse_int=keep, parse_float=keep, parse_constant=keep)
        end = None
    except json.JSONDecodeError as bad:
        end = bad.pos
        error = FormatError(
            f"invalid JSON: {bad.msg}", file=origin, line=bad.lineno, column=bad.colno
        )
    except (UnicodeDecodeError, RecursionError):
        return FormatError(f"invalid JSON: {fallback}", file=origin)
    if isinstance(text, bytes):
        try:
            text = text.decode(json.detect_encoding(text))
        except UnicodeDecodeError:  # pragma: no cover - json.loads decoded it above
            text = ""
    # pydantic-core reads left to right: a long number before the bad syntax is what it met.
    found = long_json_number(text, len(text) if end is None else end, origin)
    if found is not None:
        return found
    if end is not None:
        return error
    return FormatError(f"invalid JSON: {fallback}", file=origin)


def to_json(m: ArgumentMap, *, indent: int | None = 2) -> str:
    """Return the map as JSON text (fields that are ``None`` are left out).

    Examples:
        >>> from argmap import ArgumentMap
        >>> print(to_json(ArgumentMap(title="Empty"), indent=None))
        {"schema_version":1,"title":"Empty","agents":[],"sources":[],"statements":[],"relations":[],"attributions":[],"data":{}}
    """
    return m.to_document().model_dump_json(indent=indent, exclude_none=True)


def read_json(path_or_file: PathOrFile) -> ArgumentMap:
    """Read a map from a JSON file (a path or an open file).

    Raises:
        FormatError: The file is missing, unreadable or invalid; the message names it.
    """
    text, name = read_text(path_or_file)
    return from_json(text, origin=name)


def write_json(m: ArgumentMap, path_or_file: PathOrFile, *, indent: int | None = 2) -> None:
    """Write a map as JSON to a path (atomically) or an open file."""
    atomic_write(path_or_file, to_json(m, indent=indent) + "\n")


class _MapLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, with scalars that fail to convert raising located errors."""


guard_scalars(_MapLoader)
_SafeLoader: Any = _MapLoader
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _yaml_lines(text: str) -> dict[str, int]:
    """Map each JSON path in a YAML document to its 1-based line, iteratively."""
    lines: dict[str, int] = {}
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError:
        return lines
    stack: list[tuple[str, Any]] = [("$", root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}"
                lines[child] = key.start_mark.line + 1
                stack.append((child, value))
                lines[child] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(node.value))
    return lines


def from_yaml(text: str, *, origin: str | None = None) -> ArgumentMap:
    """Read a map from YAML text.

    Raises:
        FormatError: Invalid YAML (with line and column), or a field that does not fit the
            schema (with its path and line), or a structural fault.

    Examples:
        >>> bad = "schema_version: 1\\nstatements:\\n  - kind: claim\\n    id: p\\n    txt: A\\n"
        >>> from_yaml(bad)
        Traceback (most recent call last):
        ...
        argmap.errors.FormatError: <string>:3: $.statements[0].text: missing field (and 1 more ...
    """
    with collector_paused():  # as in from_json
        return _map_from_yaml(text, origin)


def _map_from_yaml(text: str, origin: str | None) -> ArgumentMap:
    try:
        check_depth(text, _SafeLoader)
        raw = yaml.load(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        raise FormatError(
            f"invalid YAML: {err.problem}",
            file=origin,
            line=None if mark is None else mark.line + 1,
            column=None if mark is None else mark.column + 1,
        ) from None
    except (yaml.YAMLError, RecursionError) as err:
        raise FormatError(f"invalid YAML: {err}", file=origin) from None
    if not isinstance(raw, dict):
        raise FormatError(
            f"expected a mapping with schema_version, statements, ...; got {type(raw).__name__}",
            file=origin,
            path="$",
        )
    try:
        doc = MapDocument.model_validate(raw)
    except ValidationError as err:
        raise _validation_error(err, origin, _yaml_lines(text)) from None
    return ArgumentMap.from_document(doc, origin=origin)


def to_yaml(m: ArgumentMap) -> str:
    """Return the map as YAML text, in the same layout as the JSON form.

    Examples:
        >>> from argmap import ArgumentMap
        >>> print(to_yaml(ArgumentMap(title="Empty")).splitlines()[:2])
        ['schema_version: 1', 'title: Empty']
    """
    with collector_paused():  # many small objects, no cycles (see argmap._gc)
        data = m.to_document().model_dump(mode="json", exclude_none=True)
        return _dump_yaml(data)


_YAML_OPTIONS: dict[str, Any] = {"allow_unicode": True, "width": 100}
_STR = "tag:yaml.org,2002:str"
_RESOLVE: Any = yaml.resolver.Resolver().resolve
_RESOLVED_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)
"""First characters of the strings PyYAML's resolver might read as non-strings (``1``, ``no``)."""
_FLOAT_REPR = yaml.representer.SafeRepresenter()


def _dump_yaml(data: Any) -> str:
    """``yaml.dump(data, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=100)``.

    The same bytes, about five times faster: PyYAML's representer builds a node for every
    scalar and resolves each one twice, which made a 100,000-claim map take over 20 s. This
    feeds the emitter the events directly, from an explicit stack (no recursion, however deep
    the data). Anything but JSON data, or a container met twice (which PyYAML would anchor),
    goes to PyYAML as before.
    """
    try:
        events = list(_yaml_events(data))
    except _NoFastPath:
        dumped: str = yaml.dump(data, Dumper=_SafeDumper, sort_keys=False, **_YAML_OPTIONS)
        return dumped
    emitted: str = yaml.emit(events, Dumper=_SafeDumper, **_YAML_OPTIONS)
    return emitted


def _scalar_event(value: Any) -> yaml.ScalarEvent:
    kind = type(value)
    if kind is str:
        plain = (
            _RESOLVE(yaml.ScalarNode, value, (True, False)) == _STR
            if not value or value[0] in _RESOLVED_FIRST
            else True
        )
        return yaml.ScalarEvent(None, _STR, (plain, True), value)
    if kind is bool:
        text, tag = ("true" if value else "false"), "tag:yaml.org,2002:bool"
    elif kind is int:
        text, tag = str(value), "tag:yaml.org,2002:int"
    elif kind is float:
        text, tag = _FLOAT_REPR.represent_float(value).value, "tag:yaml.org,2002:float"
    elif value is None:
        text, tag = "null", "tag:yaml.org,2002:null"
    else:
        raise _NoFastPath
    implicit = _RESOLVE(yaml.ScalarNode, text, (True, False)) == tag
    return yaml.ScalarEvent(None, tag, (implicit, False), text)


def _yaml_events(data: Any) -> Iterator[yaml.Event]:
    """The events PyYAML's serializer makes for ``data``, block style, no anchors."""
    yield yaml.StreamStartEvent()
    yield yaml.DocumentStartEvent(explicit=False)
    seen: set[int] = set()
    stack: list[tuple[Iterator[Any], type[yaml.Event] | None]] = [(iter((data,)), None)]
    while stack:
        items, end = stack[-1]
        for value in items:
            kind = type(value)
            if kind is dict or kind is list:
                if id(value) in seen:
                    raise _NoFastPath
                seen.add(id(value))
                if kind is dict:
                    yield yaml.MappingStartEvent(
                        None, "tag:yaml.org,2002:map", True, flow_style=False
                    )
                    stack.append((chain.from_iterable(value.items()), yaml.MappingEndEvent))
                else:
                    yield yaml.SequenceStartEvent(
                        None, "tag:yaml.org,2002:seq", True, flow_style=False
                    )
                    stack.append((iter(value), yaml.SequenceEndEvent))
                break
            yield _scalar_event(value)
        else:
            stack.pop()
            if end is not None:
                yield end()
    yield yaml.DocumentEndEvent(explicit=False)
    yield yaml.StreamEndEvent()


def read_yaml(path_or_file: PathOrFile) -> ArgumentMap:
    """Read a map from a YAML file (a path or an open file)."""
    text, name = read_text(path_or_file)
    return from_yaml(text, origin=name)


def write_yaml(m: ArgumentMap, path_or_file: PathOrFile) -> None:
    """Write a map as YAML to a path (atomically) or an open file."""
    atomic_write(path_or_file, to_yaml(m))
