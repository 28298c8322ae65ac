"""Compare two maps: what was added, removed and changed, field by field, and replay it.

:func:`diff` returns a :class:`MapDiff`, an immutable record of every difference between two
maps: the map's own fields (title, description, data), agents, sources, statements, relations
and attributions. It prints like a changelog (:meth:`MapDiff.to_text`), serialises to JSON
(:meth:`MapDiff.to_json`), and :meth:`MapDiff.apply` turns the first map into the second.

Records with an id are matched by id: the same id with other fields is a change, listed field by
field; the same id with another kind (a claim that became a factor) is a removal and an addition.
Attributions have no id. Equal attributions are matched first (as many times as each occurs);
of those left over, an attribution of ``a`` and one of ``b`` with the same target, agent and
reporter are one attribution changed (its stance or quote), paired in the order they come; the
rest are removals and additions. The order of records is part of a map (two maps are equal only
when their records come in the same order), so a diff also records a new order where the
second map's order is not what applying the changes in place gives.

Examples:
    >>> from argmap import ArgumentMap
    >>> a = ArgumentMap(title="Demo")
    >>> _ = a.claim("The gang was defeated", id="defeated")
    >>> b = ArgumentMap(title="Demo")
    >>> _ = b.claim("The gang was beaten", id="defeated")
    >>> _ = b.claim("It grew", id="grew")
    >>> d = diff(a, b)
    >>> print(d.to_text())
    1 added, 1 changed
    Added
      claim grew: 'It grew'
    Changed
      claim defeated: text 'The gang was defeated' → 'The gang was beaten'
    >>> d.apply(a) == b, bool(diff(b, b))
    (True, False)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeAlias, cast

from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from pydantic_core import from_json, to_json, to_jsonable_python

from argmap._gc import collector_paused
from argmap.errors import ArgmapError, FormatError, StructureError
from argmap.model.argument_map import ArgumentMap
from argmap.model.records import (
    Agent,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Quote,
    Source,
    Support,
    _Item,
)

__all__ = ["Change", "FieldChange", "MapDiff", "diff"]

Record: TypeAlias = _Item | Attribution
"""Anything a map holds: an agent, source, statement, relation or attribution."""
Collection = Literal["agents", "sources", "statements", "relations"]

# The document's collections of records with ids, in the order a diff lists them.
_COLLECTIONS: tuple[Collection, ...] = ("agents", "sources", "statements", "relations")
_COLLECTION_OF: dict[str, Collection] = {
    "agent": "agents",
    "source": "sources",
    "claim": "statements",
    "factor": "statements",
    "support": "relations",
    "attack": "relations",
    "causal": "relations",
}
# The map's own fields that a diff compares, besides its records.
_MAP_FIELDS: tuple[str, ...] = ("title", "description", "data")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: its name, the value in the first map and in the second."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Change:
    """One record present in both maps with other contents: the record before and after.

    For a record with an id, ``old.id == new.id`` and the kinds agree; for an attribution, the
    target, agent and reporter agree (it is the stance or quote that changed).
    """

    old: Record
    new: Record

    @property
    def kind(self) -> str:
        """The record's kind (``claim``, ``support``, ``attribution``...)."""
        return self.new.kind

    @property
    def id(self) -> str | None:
        """The record's id; None for an attribution, which has none."""
        return getattr(self.new, "id", None)

    @property
    def fields(self) -> tuple[FieldChange, ...]:
        """The fields that differ, in the record's field order."""
        return tuple(
            FieldChange(name, getattr(self.old, name), getattr(self.new, name))
            for name in type(self.new).model_fields
            if getattr(self.old, name) != getattr(self.new, name)
        )


@dataclass(frozen=True, slots=True, repr=False)
class MapDiff:
    """The differences between two maps; false when there are none. Immutable.

    Examples:
        >>> from argmap import ArgumentMap
        >>> a, b = ArgumentMap(title="Draft"), ArgumentMap(title="Final")
        >>> d = diff(a, b)
        >>> bool(d), d.map_fields[0].new
        (True, 'Final')
        >>> d.as_dict()["map"]
        [{'field': 'title', 'old': 'Draft', 'new': 'Final'}]
    """

    map_fields: tuple[FieldChange, ...] = ()
    """The map's own fields that differ (title, description, data)."""
    added: tuple[Record, ...] = ()
    """Records in the second map only: agents, sources, statements, relations, then
    attributions, each in the second map's order."""
    removed: tuple[Record, ...] = ()
    """Records in the first map only, in the first map's order."""
    changed: tuple[Change, ...] = ()
    """Records in both maps with other contents, in the second map's order."""
    order: tuple[tuple[Collection, tuple[str, ...]], ...] = ()
    """For each collection whose order differs from what the changes alone give, the second
    map's ids in order."""
    attribution_order: tuple[int, ...] | None = field(default=None)
    """The same for attributions: positions in the list that the changes alone give, read in
    the second map's order; None when that list is already in order."""

    def __bool__(self) -> bool:
        return bool(
            self.map_fields
            or self.added
            or self.removed
            or self.changed
            or self.order
            or self.attribution_order is not None
        )

    def __len__(self) -> int:
        """How many differences: fields of the map, records added, removed and changed."""
        reordered = len(self.order) + (self.attribution_order is not None)
        return (
            len(self.map_fields) + len(self.added) + len(self.removed) + len(self.changed)
        ) + reordered

    # ------------------------------------------------------------------ printing
    def to_text(self) -> str:
        """The differences as a changelog: a count, then Map, Added, Changed, Removed, Reordered.

        One line a record (one a field for a change), records in collection order (agents,
        sources, statements, relations, attributions) and within each in map order. Values
        are written as Python literals, so a newline or a control character in a text shows
        as ``\\n`` or ``\\x1b`` and never breaks or colours the line.

        Examples:
            >>> from argmap import ArgumentMap
            >>> a = ArgumentMap()
            >>> print(diff(a, a).to_text())
            no differences
        """
        if not self:
            return "no differences"
        counts = [
            f"{n} {word}"
            for n, word in (
                (len(self.added), "added"),
                (len(self.changed), "changed"),
                (len(self.removed), "removed"),
            )
            if n
        ]
        if self.map_fields:
            counts.insert(0, f"{len(self.map_fields)} map field{'s' * (len(self.map_fields) > 1)}")
        if self.order or self.attribution_order is not None:
            counts.append("reordered")
        lines = [", ".join(counts)]
        if self.map_fields:
            lines.append("Map")
            lines.extend(f"  {c.field}: {_value(c.old)} → {_value(c.new)}" for c in self.map_fields)
        if self.added:
            lines.append("Added")
            lines.extend(f"  {_describe(r)}" for r in self.added)
        if self.changed:
            lines.append("Changed")
            for change in self.changed:
                label = _label(change.new)
                lines.extend(
                    f"  {label}: {c.field} {_value(c.old)} → {_value(c.new)}" for c in change.fields
                )
        if self.removed:
            lines.append("Removed")
            lines.extend(f"  {_describe(r)}" for r in self.removed)
        if self.order or self.attribution_order is not None:
            lines.append("Reordered")
            lines.extend(f"  {name}" for name, _ in self.order)
            if self.attribution_order is not None:
                lines.append("  attributions")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<MapDiff: {self.to_text().splitlines()[0]}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython and Jupyter show the changelog, not the fields."""
        printer.text(self.to_text())

    def as_dict(self) -> dict[str, Any]:
        """The differences as plain JSON-ready data (dicts, lists, strings, numbers, None).

        ``{"equal": bool, "map": [...], "added": [...], "changed": [...], "removed": [...],
        "order": {...}, "attribution_order": [...] | None}``: records as in argmap's JSON
        files; a change as its kind, its id (records with one), the fields that differ with
        their old and new values, and the whole record after the change (``new``), so that
        :meth:`from_dict` gives the same diff back.
        """

        def change(c: Change) -> dict[str, Any]:
            entry: dict[str, Any] = {"kind": c.kind}
            if c.id is not None:
                entry["id"] = c.id
            entry["fields"] = [_field_dict(f) for f in c.fields]
            entry["new"] = _record_dict(c.new)
            return entry

        return {
            "equal": not self,
            "map": [_field_dict(f) for f in self.map_fields],
            "added": [_record_dict(r) for r in self.added],
            "changed": [change(c) for c in self.changed],
            "removed": [_record_dict(r) for r in self.removed],
            "order": {name: list(ids) for name, ids in self.order},
            "attribution_order": (
                None if self.attribution_order is None else list(self.attribution_order)
            ),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`as_dict` as JSON text (UTF-8 characters written as they are).

        Examples:
            >>> from argmap import ArgumentMap
            >>> print(diff(ArgumentMap(), ArgumentMap(title="T")).to_json(indent=None))
            {"equal":false,"map":[{"field":"title","old":null,"new":"T"}],"added":[],"changed":[],"removed":[],"order":{},"attribution_order":null}
        """
        return to_json(self.as_dict(), indent=indent).decode("utf-8")

    @classmethod
    def from_dict(cls, data: Any, *, origin: str | None = None) -> MapDiff:
        """Read a diff back from :meth:`as_dict`'s data: ``MapDiff.from_dict(d.as_dict()) == d``.

        Args:
            data: What :meth:`as_dict` returned, or its JSON parsed.
            origin: The file it came from, named in error messages.

        Raises:
            FormatError: The data is not a diff; the message gives the JSON path of the fault.

        Examples:
            >>> from argmap import ArgumentMap
            >>> a, b = ArgumentMap(), ArgumentMap()
            >>> _ = b.claim("It grew", id="grew")
            >>> d = diff(a, b)
            >>> MapDiff.from_dict(d.as_dict()) == d
            True
        """
        return _from_dict(data, origin)

    @classmethod
    def from_json(cls, text: str | bytes, *, origin: str | None = None) -> MapDiff:
        """Read a diff back from :meth:`to_json`'s text.

        Raises:
            FormatError: The text is not JSON, or not a diff.

        Examples:
            >>> from argmap import ArgumentMap
            >>> d = diff(ArgumentMap(), ArgumentMap(title="T"))
            >>> MapDiff.from_json(d.to_json()).apply(ArgumentMap()).title
            'T'
        """
        try:
            data = from_json(text)
        except ValueError as err:
            raise FormatError(f"not JSON: {err}", file=origin) from None
        return _from_dict(data, origin)

    # ------------------------------------------------------------------ applying
    def apply(self, m: ArgumentMap) -> ArgumentMap:
        """Return a new map: ``m`` with these differences made; ``m`` itself is not changed.

        The diff must fit ``m``: every removed or changed record must be in ``m`` as it was in
        the first map, no added id may be taken, and the map fields must hold their old values.
        ``diff(a, b).apply(a) == b`` always.

        Raises:
            StructureError: The diff does not fit ``m``; the message names the first record
                that does not.

        Examples:
            >>> from argmap import ArgumentMap
            >>> a, b = ArgumentMap(), ArgumentMap()
            >>> _ = b.claim("It grew", id="grew")
            >>> diff(a, b).apply(b)
            Traceback (most recent call last):
            ...
            argmap.errors.StructureError: the diff does not fit this map: it adds claim grew, ...
        """
        with collector_paused():
            return self._apply(m.to_document())

    def _apply(self, doc: MapDocument) -> ArgumentMap:
        updates: dict[str, Any] = {}
        for change in self.map_fields:
            if getattr(doc, change.field) != change.old:
                raise _misfit(
                    f"it changes the map's {change.field} from {_value(change.old)}, but the "
                    f"map's {change.field} is {_value(getattr(doc, change.field))}"
                )
            updates[change.field] = change.new
        registries = {name: {r.id: r for r in getattr(doc, name)} for name in _COLLECTIONS}
        _patch_records(registries, self.removed, self.changed, self.added, strict=True)
        for name, ids in self.order:
            records = registries[name]
            if len(ids) != len(records) or set(ids) != records.keys():
                raise _misfit(f"the {name} it puts in order are not the map's")
            registries[name] = {i: records[i] for i in ids}
        attributions = _patch_attributions(
            doc.attributions, self.removed, self.changed, self.added, strict=True
        )
        if self.attribution_order is not None:
            if sorted(self.attribution_order) != list(range(len(attributions))):
                raise _misfit("the attributions it puts in order are not the map's")
            attributions = [attributions[i] for i in self.attribution_order]
        for name in _COLLECTIONS:
            updates[name] = tuple(registries[name].values())
        updates["attributions"] = tuple(attributions)
        new_doc = MapDocument.model_construct(**{**_document_fields(doc), **updates})
        try:
            return ArgumentMap.from_document(new_doc)
        except ArgmapError as err:  # a dangling reference or a quote outside its source
            message = getattr(err, "message", str(err))
            raise _misfit(f"the result is not a valid map: {message}") from None


def diff(a: ArgumentMap, b: ArgumentMap) -> MapDiff:
    """Return the differences that turn map ``a`` into map ``b``.

    Args:
        a: The first map (the old version).
        b: The second map (the new version).

    Returns:
        A :class:`MapDiff`, false when the maps are equal; ``diff(a, b).apply(a) == b``.

    Examples:
        >>> from argmap import ArgumentMap
        >>> a = ArgumentMap()
        >>> petro = a.agent("Gustavo Petro", id="petro")
        >>> c = a.claim("The blockade strengthened the gang", id="strengthened", by=petro)
        >>> b = a.copy()
        >>> _ = b.attribute(c, by=petro, stance="denies")
        >>> print(diff(a, b))
        1 added
        Added
          attribution: petro denies strengthened
    """
    # Dicts and lists of every record, none in a reference cycle: a collection midway would
    # only walk the maps' records again.
    with collector_paused():
        return _diff(a.to_document(), b.to_document())


def _diff(doc_a: MapDocument, doc_b: MapDocument) -> MapDiff:
    map_fields = tuple(
        FieldChange(name, getattr(doc_a, name), getattr(doc_b, name))
        for name in _MAP_FIELDS
        if getattr(doc_a, name) != getattr(doc_b, name)
    )
    added: list[Record] = []
    removed: list[Record] = []
    changed: list[Change] = []
    order: list[tuple[Collection, tuple[str, ...]]] = []
    for name in _COLLECTIONS:
        old = {r.id: r for r in getattr(doc_a, name)}
        new = {r.id: r for r in getattr(doc_b, name)}
        # An id that moved to another collection (a claim that became a support) is removed
        # from one collection and added to the other; apply() removes before it adds.
        gone: set[str] = set()
        for i, record in old.items():
            after = new.get(i)
            if after is None or (after is not record and after.kind != record.kind):
                gone.add(i)
                removed.append(record)
        came: list[str] = []
        for i, record in new.items():
            before = old.get(i)
            if before is record:  # a copy of a map shares its records: nothing to compare
                continue
            if before is None or before.kind != record.kind:
                came.append(i)
                added.append(record)
            elif before != record:
                changed.append(Change(before, record))
        # The order apply() gives (removals dropped, changes in place, additions at the end)
        # against the second map's: a diff records the second only when they differ.
        given = [i for i in old if i not in gone] + came if gone or came else list(old)
        if given != list(new):
            order.append((name, tuple(new)))
    a_removed, a_changed, a_added = _match_attributions(doc_a.attributions, doc_b.attributions)
    removed.extend(a_removed)
    changed.extend(a_changed)
    added.extend(a_added)
    if a_removed or a_changed:
        attributions = _patch_attributions(
            doc_a.attributions, a_removed, a_changed, a_added, strict=False
        )
    else:  # nothing to find by value (hashing every attribution is the slow part)
        attributions = [*doc_a.attributions, *a_added]
    attribution_order = None
    if attributions != list(doc_b.attributions):
        attribution_order = _permutation(attributions, doc_b.attributions)
    return MapDiff(
        map_fields=map_fields,
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        order=tuple(order),
        attribution_order=attribution_order,
    )


# ---------------------------------------------------------------------- matching and patching
def _attribution_key(x: Attribution) -> tuple[str, str | None, str | None]:
    """What makes two attributions one attribution changed: target, agent and reporter."""
    return (x.target, x.agent, x.reported_by)


def _match_attributions(
    old: Sequence[Attribution], new: Sequence[Attribution]
) -> tuple[list[Attribution], list[Change], list[Attribution]]:
    """(removed, changed, added) attributions, as the module docstring describes."""
    # The common start of both lists matches itself; only what follows needs hashing, which
    # is what costs on a large map (most revisions add at the end or change little).
    same = 0
    for x, y in zip(old, new, strict=False):
        if x is not y and x != y:
            break
        same += 1
    old, new = old[same:], new[same:]
    in_new: dict[Attribution, int] = {}
    for x in new:
        in_new[x] = in_new.get(x, 0) + 1
    in_old: dict[Attribution, int] = {}
    for x in old:
        in_old[x] = in_old.get(x, 0) + 1
    left_old: list[Attribution] = []
    for x in old:
        if in_new.get(x, 0):
            in_new[x] -= 1
        else:
            left_old.append(x)
    left_new: list[Attribution] = []
    for x in new:
        if in_old.get(x, 0):
            in_old[x] -= 1
        else:
            left_new.append(x)
    waiting: dict[tuple[str, str | None, str | None], deque[int]] = {}
    for i, x in enumerate(left_new):
        waiting.setdefault(_attribution_key(x), deque()).append(i)
    paired: dict[int, Attribution] = {}  # position in left_new -> the old one it changes
    removed: list[Attribution] = []
    for x in left_old:
        slots = waiting.get(_attribution_key(x))
        if slots:
            paired[slots.popleft()] = x
        else:
            removed.append(x)
    changed = [Change(paired[i], x) for i, x in enumerate(left_new) if i in paired]
    added = [x for i, x in enumerate(left_new) if i not in paired]
    return removed, changed, added


def _misfit(message: str) -> StructureError:
    return StructureError(f"the diff does not fit this map: {message}")


def _patch_records(
    registries: dict[Collection, dict[str, Any]],
    removed: Iterable[Record],
    changed: Iterable[Change],
    added: Iterable[Record],
    *,
    strict: bool,
) -> None:
    """Remove, change in place and append records with ids; check each fits when ``strict``."""
    for record in removed:
        if isinstance(record, Attribution):
            continue
        records = registries[_COLLECTION_OF[record.kind]]
        if strict and records.get(record.id) != record:
            raise _misfit(f"it removes {_label(record)}, {_not_as_in(records, record.id)}")
        del records[record.id]
    for change in changed:
        if isinstance(change.new, Attribution):
            continue
        old, new = change.old, change.new
        assert not isinstance(old, Attribution)
        records = registries[_COLLECTION_OF[new.kind]]
        if strict and records.get(old.id) != old:
            raise _misfit(f"it changes {_label(old)}, {_not_as_in(records, old.id)}")
        records[new.id] = new
    for record in added:
        if isinstance(record, Attribution):
            continue
        if strict and any(record.id in r for r in registries.values()):
            raise _misfit(
                f"it adds {_label(record)}, but the map already holds an id {record.id!r}"
            )
        registries[_COLLECTION_OF[record.kind]][record.id] = record


def _not_as_in(records: dict[str, Any], id: str) -> str:
    return "which the map does not hold" if id not in records else "which differs in the map"


def _patch_attributions(
    attributions: Sequence[Attribution],
    removed: Iterable[Record],
    changed: Iterable[Change],
    added: Iterable[Record],
    *,
    strict: bool,
) -> list[Attribution]:
    """Remove, change in place and append attributions, each found by its value."""
    slots: list[Attribution | None] = list(attributions)
    where: dict[Attribution, deque[int]] = {}
    for i, x in enumerate(attributions):
        where.setdefault(x, deque()).append(i)

    def take(x: Attribution, verb: str) -> int:
        positions = where.get(x)
        if not positions:
            if strict:
                raise _misfit(f"it {verb} {_describe(x)}, which the map does not hold")
            raise AssertionError("diff() matched an attribution that is not there")
        return positions.popleft()

    for record in removed:
        if isinstance(record, Attribution):
            slots[take(record, "removes")] = None
    for change in changed:
        if isinstance(change.old, Attribution) and isinstance(change.new, Attribution):
            slots[take(change.old, "changes")] = change.new
    kept = [x for x in slots if x is not None]
    kept.extend(r for r in added if isinstance(r, Attribution))
    return kept


def _permutation(have: Sequence[Attribution], want: Sequence[Attribution]) -> tuple[int, ...]:
    """Positions in ``have`` that, read in this order, give ``want`` (equal multisets)."""
    where: dict[Attribution, deque[int]] = {}
    for i, x in enumerate(have):
        where.setdefault(x, deque()).append(i)
    return tuple(where[x].popleft() for x in want)


def _document_fields(doc: MapDocument) -> dict[str, Any]:
    return {name: getattr(doc, name) for name in type(doc).model_fields}


# ---------------------------------------------------------------------- words
def _value(value: Any) -> str:
    """A field's value as a Python literal: quoted, with control characters escaped."""
    if isinstance(value, Quote):
        return f"{value.source}[{value.start}:{value.end}] {value.text!r}"
    if isinstance(value, BaseModel):
        return repr(value.model_dump(mode="json"))
    return repr(value)


def _label(record: Record) -> str:
    """How a changelog names one record: ``claim c3``, ``attribution petro on c3``."""
    if isinstance(record, Attribution):
        who = record.agent or "someone"
        by = f" reported by {record.reported_by}" if record.reported_by else ""
        return f"attribution {who} on {record.target}{by}"
    return f"{record.kind} {record.id}"


_SUMMARY: dict[type, Callable[[Any], str]] = {
    Agent: lambda r: repr(r.name),
    Source: lambda r: repr(r.title),
    Claim: lambda r: repr(r.text),
    Factor: lambda r: repr(r.label),
    Support: lambda r: f"{' + '.join(r.premises)} → {r.conclusion}",
    Attack: lambda r: f"{r.attacker} {r.sort}s {r.target}",
    CausalLink: lambda r: f"{r.cause} → ({r.polarity}) {r.effect}",
}


def _describe(record: Record) -> str:
    """One line of a changelog for a record added or removed."""
    if isinstance(record, Attribution):
        who = record.agent or "someone"
        line = f"attribution: {who} {record.stance} {record.target}"
        if record.reported_by:
            line += f", reported by {record.reported_by}"
        if record.quote is not None:
            line += f", quoting {_value(record.quote)}"
        return line
    return f"{_label(record)}: {_SUMMARY[type(record)](record)}"


def _record_dict(record: Record) -> dict[str, Any]:
    dumped: dict[str, Any] = record.model_dump(mode="json")
    return dumped


def _field_dict(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": to_jsonable_python(change.old),
        "new": to_jsonable_python(change.new),
    }


# ---------------------------------------------------------------------- reading back
_RECORD: TypeAdapter[Record] = TypeAdapter(
    Annotated[
        Agent | Source | Claim | Factor | Support | Attack | CausalLink | Attribution,
        Field(discriminator="kind"),
    ]
)


def _from_dict(data: Any, origin: str | None) -> MapDiff:
    """Build a :class:`MapDiff` from :meth:`MapDiff.as_dict`'s layout, or say where it is not."""
    path = "$"

    def fail(message: str) -> FormatError:
        return FormatError(message, file=origin, path=path)

    def record(value: Any) -> Record:
        try:
            return _RECORD.validate_python(value)
        except ValidationError as err:
            first = err.errors()[0]
            loc = first["loc"]
            if loc and isinstance(value, dict) and loc[0] == value.get("kind"):
                loc = loc[1:]  # pydantic names the union's member first: not a JSON key
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
            raise FormatError(first["msg"], file=origin, path=path + where) from None

    def part(key: str, kind: type) -> Any:
        nonlocal path
        path = f"$.{key}"
        value = data.get(key, kind())
        if not isinstance(value, kind):
            raise fail(f"expected a JSON {'array' if kind is list else 'object'}")
        return value

    if not isinstance(data, dict):
        raise fail("expected a JSON object with the keys of MapDiff.as_dict()")
    map_fields = []
    for i, entry in enumerate(part("map", list)):
        path = f"$.map[{i}]"
        if not isinstance(entry, dict) or entry.get("field") not in _MAP_FIELDS:
            raise fail(f"expected {{'field': one of {list(_MAP_FIELDS)}, 'old': ..., 'new': ...}}")
        map_fields.append(FieldChange(entry["field"], entry.get("old"), entry.get("new")))
    lists: dict[str, list[Record]] = {}
    for key in ("added", "removed"):
        items = part(key, list)
        found = []
        for i, item in enumerate(items):
            path = f"$.{key}[{i}]"
            found.append(record(item))
        lists[key] = found
    changed = []
    for i, entry in enumerate(part("changed", list)):
        path = f"$.changed[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("fields"), list):
            raise fail("expected {'kind': ..., 'fields': [...], 'new': {...}}")
        path = f"$.changed[{i}].new"
        new = record(entry.get("new"))
        before: dict[str, Any] = new.model_dump(mode="json")
        for j, f in enumerate(entry["fields"]):
            path = f"$.changed[{i}].fields[{j}]"
            if not isinstance(f, dict) or f.get("field") not in type(new).model_fields:
                raise fail(f"expected {{'field': a field of {new.kind}, 'old': ..., 'new': ...}}")
            before[f["field"]] = f.get("old")
        path = f"$.changed[{i}].fields"
        changed.append(Change(record(before), new))
    order = []
    for name, ids in part("order", dict).items():
        path = f"$.order.{name}"
        if name not in _COLLECTIONS or not (
            isinstance(ids, list) and all(isinstance(x, str) for x in ids)
        ):
            raise fail(f"expected one of {list(_COLLECTIONS)} with a list of ids")
        order.append((cast(Collection, name), tuple(ids)))
    path = "$.attribution_order"
    positions = data.get("attribution_order")
    if positions is not None and not (
        isinstance(positions, list) and all(type(x) is int for x in positions)
    ):
        raise fail("expected null or a list of positions")
    return MapDiff(
        map_fields=tuple(map_fields),
        added=tuple(lists["added"]),
        removed=tuple(lists["removed"]),
        changed=tuple(changed),
        order=tuple(sorted(order, key=lambda pair: _COLLECTIONS.index(pair[0]))),
        attribution_order=None if positions is None else tuple(positions),
    )
