"""Plumbing shared by the interchange readers (AIF, SADFace, node-link, microtexts).

Foreign files are checked field by field as they are read, so that a fault names the file, the JSON
path (``$.nodes[3].nodeID``) or the line and column, and what was expected. Records are then built
with the model's own validation and handed to :meth:`ArgumentMap.from_document`, which allows
forward references (an undercut listed before its target) and checks every reference once all ids
are known; its complaints are translated back to the place in the input that caused them.

Examples:
    >>> reader = JsonInput("map.json")
    >>> reader.load('{"nodes": [1, }')
    Traceback (most recent call last):
    ...
    argmap.errors.FormatError: map.json:1:15: invalid JSON: Expecting value
    >>> reader.mapping([], "$.nodes[0]", "a node")
    Traceback (most recent call last):
    ...
    argmap.errors.FormatError: map.json: $.nodes[0]: expected a node (a JSON object), got an array
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from argmap._text import slug
from argmap.errors import FormatError
from argmap.model import (
    Agent,
    ArgumentMap,
    Attribution,
    Claim,
    Factor,
    MapDocument,
    Source,
)
from argmap.readwrite._yaml import long_json_number

__all__ = [
    "JSON_TYPE_NAMES",
    "JsonInput",
    "MapParts",
    "is_valid_id",
    "json_type",
    "make_id",
    "slug",
]

JSON_TYPE_NAMES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}

_SPACE = re.compile(r"\s+")
_M = TypeVar("_M", bound=BaseModel)


def json_type(value: object) -> str:
    """Name a JSON value's type the way an error message should.

    Examples:
        >>> json_type([1]), json_type(None), json_type(True)
        ('an array', 'null', 'a boolean')
    """
    return JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def is_valid_id(value: str) -> bool:
    """True when ``value`` can be an argmap id as it is: 1 to 200 characters, no whitespace.

    Examples:
        >>> is_valid_id("29045"), is_valid_id("two words"), is_valid_id("")
        (True, False, False)
    """
    return 0 < len(value) <= 200 and _SPACE.search(value) is None


def make_id(raw: str, taken: set[str], fallback: str) -> str:
    """Return an id for ``raw`` that is valid and not in ``taken``, and add it to ``taken``.

    Whitespace becomes ``_``, an empty or over-long id is replaced by ``fallback``; a clash gets a
    ``-2``, ``-3``... suffix.

    Examples:
        >>> taken = {"a"}
        >>> make_id("a", taken, "x"), make_id("b c", taken, "x"), make_id("", taken, "x")
        ('a-2', 'b_c', 'x')
    """
    base = _SPACE.sub("_", raw)
    if not base or len(base) > 180:
        base = fallback
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


class JsonInput:
    """Checks values of a decoded JSON document and raises :class:`FormatError` with their path.

    Args:
        origin: The file name to show in messages (``None`` for a string).
    """

    def __init__(self, origin: str | None) -> None:
        self.origin = origin

    def fail(self, message: str, path: str | None = None, *, line: int | None = None) -> NoReturn:
        """Raise a :class:`FormatError` at ``path``."""
        raise FormatError(message, file=self.origin, path=path, line=line)

    def load(self, text: str | bytes) -> Any:
        """Decode JSON text; invalid JSON raises with its line and column.

        Raises:
            FormatError: Invalid JSON, JSON nested too deep, or a number too long to read.
        """
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError as err:
                self.fail(f"not valid UTF-8 (byte {err.start}); expected UTF-8 JSON text", "$")
        elif text.startswith("\ufeff"):
            text = text[1:]
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise FormatError(
                f"invalid JSON: {err.msg}", file=self.origin, line=err.lineno, column=err.colno
            ) from None
        except RecursionError:
            self.fail("invalid JSON: nested too deeply to read; expected at most ~900 levels", "$")
        except ValueError:  # an integer with more digits than Python converts
            found = long_json_number(text, len(text), self.origin)
            if found is None:  # pragma: no cover - json raises ValueError only for long integers
                self.fail("invalid JSON: a number argmap cannot read", "$")
            raise found from None

    def mapping(self, value: object, path: str, what: str) -> dict[str, Any]:
        """Return ``value`` if it is a JSON object, else raise naming ``what`` was expected."""
        if not isinstance(value, dict):
            self.fail(f"expected {what} (a JSON object), got {json_type(value)}", path)
        return value

    def array(self, value: object, path: str, what: str) -> list[Any]:
        """Return ``value`` if it is a JSON array, else raise."""
        if not isinstance(value, list):
            self.fail(f"expected {what} (a JSON array), got {json_type(value)}", path)
        return value

    def string(self, value: object, path: str, what: str) -> str:
        """Return ``value`` if it is a string, else raise."""
        if not isinstance(value, str):
            self.fail(f"expected {what} (a string), got {json_type(value)}", path)
        return value

    def optional_string(self, value: object, path: str, what: str) -> str | None:
        """Return ``value`` if it is a string or null, else raise."""
        if value is None:
            return None
        return self.string(value, path, what)

    def ident(self, value: object, path: str, what: str) -> str:
        """Return an identifier given as a string or an integer, as a string."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(f"expected {what} (a string or an integer), got {json_type(value)}", path)
        return str(value)

    def require(self, obj: Mapping[str, Any], key: str, path: str, what: str) -> Any:
        """Return ``obj[key]``, or raise naming the missing field."""
        if key not in obj:
            self.fail(f"missing field {key!r}: expected {what}", path)
        return obj[key]

    def build(
        self,
        cls: type[_M],
        fields: dict[str, Any],
        path: str,
        where: Mapping[str, str] | None = None,
    ) -> _M:
        """Validate a model from ``fields``; a bad field raises at the path ``where`` gives it.

        Args:
            cls: The model class.
            fields: Its fields.
            path: The input path of the record.
            where: For each field, the path (relative to ``path``) it came from in the input;
                fields not listed are shown under ``path`` itself.
        """
        if "data" in fields and fields["data"] == {}:
            fields["data"] = None  # the model's form of "no data"
        try:
            return cls(**fields)
        except ValidationError as err:
            first = err.errors()[0]
            loc = [str(p) for p in first["loc"]]
            sub = (where or {}).get(loc[0], "") if loc else ""
            rest = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in loc[1:])
            message = "missing field" if first["type"] == "missing" else str(first["msg"])
            field = ".".join(loc)
            what = f"{cls.__name__.lower()} field {field!r}" if field else cls.__name__.lower()
            raise FormatError(
                f"{message}; expected a valid {what}",
                file=self.origin,
                path=path + sub + (rest if sub else ""),
            ) from None


class MapParts:
    """The records of a map being read, each with the input path it came from.

    :meth:`finish` builds the map through :meth:`ArgumentMap.from_document` (so references may
    point forward) and reports a dangling reference at the input path of the faulty record.
    """

    def __init__(self, origin: str | None) -> None:
        self.origin = origin
        self.agents: list[Agent] = []
        self.sources: list[Source] = []
        self.statements: list[Claim | Factor] = []
        self.relations: list[Any] = []
        self.attributions: list[Attribution] = []
        self.paths: dict[str, list[str | int]] = {
            "agents": [],
            "sources": [],
            "statements": [],
            "relations": [],
            "attributions": [],
        }

    def add(self, group: str, record: Any, path: str | int) -> None:
        """Add a record to ``group`` (``agents``, ``sources``, ``statements``, ``relations``,
        ``attributions``) with the place to blame for it: a JSON path, or a line number."""
        getattr(self, group).append(record)
        self.paths[group].append(path)

    def finish(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> ArgumentMap:
        """Build the map; a dangling reference or duplicate id raises at its input path.

        Raises:
            FormatError: A reference names no record of the right kind, ids clash, or a quote
                lies outside its source.
        """
        doc = MapDocument.model_construct(
            schema_version=1,
            title=title,
            description=description,
            agents=tuple(self.agents),
            sources=tuple(self.sources),
            statements=tuple(self.statements),
            relations=tuple(self.relations),
            attributions=tuple(self.attributions),
            data=dict(data or {}),
        )
        try:
            return ArgumentMap.from_document(doc)
        except FormatError as err:
            path = err.path or ""
            found = re.match(r"^\$\.(\w+)\[(\d+)\]", path)
            where: str | int | None = None
            if found and found.group(1) in self.paths:
                index = int(found.group(2))
                paths = self.paths[found.group(1)]
                if index < len(paths):
                    where = paths[index]
            if isinstance(where, int):
                raise FormatError(err.message, file=self.origin, line=where) from None
            raise FormatError(err.message, file=self.origin, path=where or "$") from None
