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
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from argmap._text import slug
from argmap.errors import DataLossWarning, FormatError
from argmap.model import (
    Agent,
    ArgumentMap,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Source,
    Support,
)
from argmap.readwrite._yaml import long_json_number

__all__ = [
    "CAUSAL_FIELDS",
    "JSON_TYPE_NAMES",
    "EdgeIds",
    "JsonInput",
    "MapParts",
    "causal_ext",
    "common_ext",
    "document_ext",
    "edges_to_keep",
    "is_valid_id",
    "json_type",
    "keep_edges",
    "linked_attackers",
    "make_id",
    "record_fields",
    "slug",
    "spread_reasons",
    "where_fields",
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

CAUSAL_FIELDS = ("polarity", "modality", "mechanism", "delay")
"""The fields of a causal link that only argmap's extension holds, in the interchange formats."""

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

    def member(self, obj: Mapping[str, Any], key: str, path: str, what: str) -> dict[str, Any]:
        """A copy of ``obj[key]`` if it is a JSON object, ``{}`` if it is absent or null."""
        value = obj.get(key)
        if value is None:
            return {}
        return dict(self.mapping(value, f"{path}.{key}", what))

    def heading(self, obj: Mapping[str, Any], path: str) -> tuple[str | None, str | None]:
        """The ``title`` and ``description`` of ``obj``, each a string or null."""
        title = self.optional_string(obj.get("title"), f"{path}.title", "a title")
        text = self.optional_string(obj.get("description"), f"{path}.description", "a description")
        return title, text

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

    def ends(
        self,
        edge: Mapping[str, Any],
        path: str,
        keys: tuple[str, str],
        nodes: Mapping[str, Any],
        expected: str = "the id of a node in $.nodes",
    ) -> tuple[str, str]:
        """The ids of an edge's two ends (``keys`` names their fields), each a node in ``nodes``
        (``expected`` says what an end must be, for the message).

        Raises:
            FormatError: An end is missing, not an id, or names no node (at the end's path).
        """
        found = []
        for key in keys:
            nid = self.ident(
                self.require(edge, key, path, "a node id"), f"{path}.{key}", "a node id"
            )
            if nid not in nodes:
                self.fail(f"unknown node {nid!r}; expected {expected}", f"{path}.{key}")
            found.append(nid)
        return found[0], found[1]

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

    def read_group(
        self, j: JsonInput, value: object, path: str, model: type[_M], what: str
    ) -> list[_M]:
        """Build and add every record of the JSON array ``value`` at ``path`` (whose last part
        names the group: ``$.argmap.sources``) from argmap's own fields; a bad one raises there.

        Returns:
            The records, so that the caller can note their ids.
        """
        group = path.rpartition(".")[2]
        records = []
        for i, raw in enumerate(j.array(value, path, group)):
            p = f"{path}[{i}]"
            fields = dict(j.mapping(raw, p, what))
            record = j.build(model, fields, p, {k: f".{k}" for k in fields})
            self.add(group, record, p)
            records.append(record)
        return records


def record_fields(rid: str, ext: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The fields every statement and relation read has: its id, its data (the caller may still
    add to it), and the tags and reconstructed flag of argmap's extension ``ext``.

    Examples:
        >>> record_fields("c1", {"tags": ["t"]}, {})
        {'id': 'c1', 'data': {}, 'tags': ['t'], 'reconstructed': False}
    """
    fields = {"id": rid, "data": data}
    if ext:  # fields left out take the model's defaults, which is quicker than passing them
        fields["tags"] = ext.get("tags", ())
        fields["reconstructed"] = ext.get("reconstructed", False)
    return fields


def where_fields(ext: str, **native: str) -> dict[str, str]:
    """Where each field of a statement or relation comes from in its node, for
    :meth:`JsonInput.build`: the ``native`` places given, else argmap's extension at ``ext``.

    Examples:
        >>> where = where_fields(".argmap", id=".nodeID")
        >>> where["id"], where["tags"], where["polarity"]
        ('.nodeID', '.argmap.tags', '.argmap.polarity')
    """
    fields = ("tags", "reconstructed", "data", "opposite", "type", *CAUSAL_FIELDS)
    return {k: f"{ext}.{k}" for k in fields} | native


def spread_reasons(reasons: dict[str, str], waiting: Mapping[str, list[str]]) -> None:
    """Mark as unmapped every scheme node whose conclusion is an unmapped scheme node.

    ``reasons`` holds why each unmapped node is so; ``waiting`` names, for each scheme node, the
    scheme nodes that conclude in it. Failures spread along chains iteratively (no recursion).

    Examples:
        >>> reasons = {"a": "no premise"}
        >>> spread_reasons(reasons, {"a": ["b"], "b": ["c"]})
        >>> reasons["c"]
        "its conclusion 'b' is not mapped"
    """
    bad = list(reasons)
    while bad:
        culprit = bad.pop()
        for nid in waiting.get(culprit, ()):
            if nid not in reasons:
                reasons[nid] = f"its conclusion {culprit!r} is not mapped"
                bad.append(nid)


# --------------------------------------------------------------------------- writing
def common_ext(
    record: Claim | Factor | Support | Attack | CausalLink, data: Mapping[str, Any]
) -> dict[str, Any]:
    """The fields of argmap's extension every statement and relation may carry.

    Examples:
        >>> common_ext(Claim(id="c", text="Vigilance saves lives", tags=("t",)), {"x": 1})
        {'tags': ['t'], 'data': {'x': 1}}
    """
    ext: dict[str, Any] = {}
    if record.tags:
        ext["tags"] = list(record.tags)
    if record.reconstructed:
        ext["reconstructed"] = True
    if data:
        ext["data"] = dict(data)
    return ext


def statement_ext(statement: Claim | Factor, data: Mapping[str, Any]) -> dict[str, Any]:
    """argmap's extension for a statement: a factor's kind and opposite, then the common fields.

    Examples:
        >>> statement_ext(Factor(id="jobs", label="Jobs", opposite="no-jobs"), {})
        {'kind': 'factor', 'opposite': 'no-jobs'}
        >>> statement_ext(Claim(id="c", text="Vigilance saves lives"), {"x": 1})
        {'data': {'x': 1}}
    """
    ext: dict[str, Any] = {}
    if isinstance(statement, Factor):
        ext["kind"] = "factor"
        if statement.opposite is not None:
            ext["opposite"] = statement.opposite
    return ext | common_ext(statement, data)


def causal_ext(link: CausalLink) -> dict[str, Any]:
    """argmap's extension for a causal link, which the interchange formats cannot say.

    Examples:
        >>> causal_ext(CausalLink(id="k", cause="a", effect="b", polarity="-"))
        {'kind': 'causal', 'polarity': '-', 'modality': 'actual'}
    """
    ext: dict[str, Any] = {"kind": "causal", "polarity": link.polarity, "modality": link.modality}
    if link.mechanism is not None:
        ext["mechanism"] = link.mechanism
    if link.delay is not None:
        ext["delay"] = link.delay
    return ext


def document_ext(m: ArgumentMap) -> dict[str, Any]:
    """argmap's extension for the document: schema version, title, description and data.

    Examples:
        >>> document_ext(ArgumentMap(title="Hang back"))
        {'schema_version': 1, 'title': 'Hang back'}
    """
    ext: dict[str, Any] = {"schema_version": 1}
    if m.title is not None:
        ext["title"] = m.title
    if m.description is not None:
        ext["description"] = m.description
    if m.data:
        ext["data"] = dict(m.data)
    return ext


def linked_attackers(
    data: dict[str, Any], statements: Mapping[str, Any], attacker: str
) -> list[str]:
    """Take an attack's ``data["linked_attackers"]`` out of ``data`` if the writer can draw them.

    They can be drawn as further edges into the conflict node when they are distinct statements
    other than the attacker; otherwise they stay in ``data``, which the writer keeps.

    Examples:
        >>> data = {"linked_attackers": ["b"]}
        >>> linked_attackers(data, {"a": 1, "b": 2}, "a"), data
        (['b'], {})
        >>> linked_attackers({"linked_attackers": ["a"]}, {"a": 1}, "a")
        []
    """
    linked = data.get("linked_attackers")
    if (
        isinstance(linked, list)
        and linked
        and all(isinstance(x, str) and x in statements for x in linked)
        and len(set(linked)) == len(linked)
        and attacker not in linked
    ):
        del data["linked_attackers"]
        return [str(x) for x in linked]
    return []


def edges_to_keep(
    j: JsonInput, own: bool, ext: Mapping[str, Any], path: str, id_key: str
) -> set[str] | None:
    """The ids of the edges a relation node keeps: None for all of them (a foreign file's), or
    those argmap's writer listed in the node's ``keep_edges`` (ids it wrote as they were kept).

    Examples:
        >>> sorted(edges_to_keep(JsonInput(None), True, {"keep_edges": [7, "x"]}, "$", "edgeID"))
        ['7', 'x']
    """
    if not own:
        return None
    listed = j.array(ext.get("keep_edges", []), path + ".keep_edges", "the ids of kept edges")
    return {str(x) for x in listed}


def keep_edges(data: dict[str, Any], namespace: str, edges: list[dict[str, Any]]) -> bool:
    """Keep a relation's edges, as they were in its file, in ``data[namespace]["edges"]``.

    Returns:
        False when ``data[namespace]`` already holds something else there (a node field of that
        name, say): the caller then keeps the edges elsewhere.

    Examples:
        >>> data = {"aif": {"timestamp": "2016"}}
        >>> keep_edges(data, "aif", [{"edgeID": 7, "fromID": "a", "toID": "s"}]), data["aif"]
        (True, {'timestamp': '2016', 'edges': [{'edgeID': 7, 'fromID': 'a', 'toID': 's'}]})
    """
    current = data.get(namespace, {})
    if not isinstance(current, dict) or "edges" in current:
        return False
    data[namespace] = {**current, "edges": edges}
    return True


class EdgeIds:
    """The edges a writer draws, with the ids their relations kept from the file they came from.

    A relation read from a file keeps its edges in ``data[namespace]["edges"]`` (see
    :func:`keep_edges`). The writer takes them out with :meth:`split` and draws each edge with
    :meth:`add`: an edge the relation still has, whose id no other edge took, is written as it was
    (other fields too); every other edge gets a fresh id in :meth:`finish`. Kept edges that could
    not be used (their edge is gone, or their id clashes) are named by one
    :class:`~argmap.errors.DataLossWarning` from :meth:`dump`.

    Args:
        fmt: The format's name, for the warning.
        keys: The names of an edge's id and of its two ends, e.g. ``("edgeID", "fromID", "toID")``.
        fresh: The n-th candidate for a fresh id (n = 1, 2...).
        avoid: Ids fresh ones must not take (compared as strings).

    Examples:
        >>> ids = EdgeIds("AIF", ("edgeID", "fromID", "toID"), lambda n: n)
        >>> data, kept = ids.split({"aif": {"edges": [{"edgeID": 1, "fromID": "a", "toID": "s"},
        ...                                           {"edgeID": 9, "fromID": "s", "toID": "b"}]}},
        ...                        "aif")
        >>> ids.add("a", "s", kept)
        >>> ids.add("s", "c", kept)  # the relation's conclusion changed: 9 no longer fits
        >>> ids.finish(kept)
        [1]
        >>> [e["edgeID"] for e in ids.number()], data
        ([1, 2], {})
        >>> ids.losses
        ['9 (s → b)']
    """

    def __init__(
        self,
        fmt: str,
        keys: tuple[str, str, str],
        fresh: Callable[[int], str | int],
        avoid: Iterable[str] = (),
    ) -> None:
        self.fmt = fmt
        self.keys = keys
        self.fresh = fresh
        self.avoid = set(avoid)
        self.edges: list[dict[str, Any]] = []
        self.losses: list[str] = []
        self._claimed: set[str] = set()
        self._waiting: list[dict[str, Any]] = []
        self._kept_now: list[str | int] = []

    def split(
        self, data: Mapping[str, Any] | None, namespace: str
    ) -> tuple[dict[str, Any], dict[tuple[str, str], dict[str, Any]] | None]:
        """A relation's data without its kept edges, and those edges by their ends.

        The edges are None when ``data[namespace]["edges"]`` is absent or not a list of edges
        (id, and both ends as strings); it then stays in the data, which the writer keeps.
        """
        rest = dict(data or {})
        space = rest.get(namespace)
        listed = space.get("edges") if isinstance(space, dict) else None
        if not isinstance(listed, list) or not listed:
            return rest, None
        key, start, end = self.keys
        for edge in listed:
            if not (
                isinstance(edge, dict)
                and isinstance(edge.get(key), str | int)
                and not isinstance(edge.get(key), bool)
                and isinstance(edge.get(start), str)
                and isinstance(edge.get(end), str)
            ):
                return rest, None
        assert isinstance(space, dict)
        others = {k: v for k, v in space.items() if k != "edges"}
        if others:
            rest[namespace] = others
        else:
            del rest[namespace]
        kept: dict[tuple[str, str], dict[str, Any]] = {}
        for edge in listed:
            ends = (edge[start], edge[end])
            if ends in kept:
                self.lose(edge)
            else:
                kept[ends] = edge
        return rest, kept

    def add(self, a: str, b: str, kept: dict[tuple[str, str], dict[str, Any]] | None) -> None:
        """Draw the edge ``a`` → ``b``, as kept if it was and its id is free."""
        key, start, end = self.keys
        edge = kept.pop((a, b), None) if kept else None
        if edge is not None:
            ident = str(edge[key])
            if ident not in self._claimed:
                self._claimed.add(ident)
                self.edges.append(dict(edge))
                self._kept_now.append(edge[key])
                return
            self.lose(edge)
        new: dict[str, Any] = {key: None, start: a, end: b}
        self.edges.append(new)
        self._waiting.append(new)

    def lose(self, edge: Mapping[str, Any]) -> None:
        key, start, end = self.keys
        self.losses.append(f"{edge[key]} ({edge[start]} → {edge[end]})")

    def finish(self, kept: Mapping[tuple[str, str], Mapping[str, Any]] | None) -> list[str | int]:
        """Note the kept edges a relation no longer has (call once it drew all its edges).

        Returns:
            The ids of the relation's edges written as kept, for argmap's ``keep_edges`` member
            of its node: reading the file back keeps those, and only those, again.
        """
        for edge in (kept or {}).values():
            self.lose(edge)
        ids, self._kept_now = self._kept_now, []
        return ids

    def number(self) -> list[dict[str, Any]]:
        """Give every edge without a kept id a fresh one that no edge or avoided id has."""
        key = self.keys[0]
        if not self._claimed and not self.avoid:  # nothing to skip: number them in order
            for n, edge in enumerate(self._waiting, 1):
                edge[key] = self.fresh(n)
            self._waiting.clear()
            return self.edges
        n = 0
        taken = self._claimed | self.avoid
        for edge in self._waiting:
            while True:
                n += 1
                candidate = self.fresh(n)
                if str(candidate) not in taken:
                    break
            taken.add(str(candidate))
            edge[key] = candidate
        self._waiting.clear()
        return self.edges

    def dump(self, document: Any, indent: int | None, stacklevel: int) -> str:
        """The document as JSON text, after one warning naming the kept edge ids that could not
        be written, if any (``stacklevel`` counts from the caller, as for ``warnings.warn``)."""
        if self.losses:
            n = len(self.losses)
            some = ", ".join(self.losses[:3]) + (", ..." if n > 3 else "")
            warnings.warn(
                f"{self.fmt} cannot hold edge ids that clash or whose edge is gone; dropped "
                f"{n} edge id{'s' if n != 1 else ''} ({some})",
                DataLossWarning,
                stacklevel=stacklevel + 1,
            )
        return json.dumps(document, ensure_ascii=False, indent=indent)
