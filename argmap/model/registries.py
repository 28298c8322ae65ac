"""The state behind an :class:`~argmap.model.ArgumentMap`: its registries and their bookkeeping.

Storage of every registry, generated ids, reference checks, validation of new records and the
undo frames of :meth:`~argmap.model.ArgumentMap.batch`. The public methods that read and build
a map live on :class:`~argmap.model.ArgumentMap`, which inherits this state.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Mapping, Reversible, Sequence
from typing import Any, TypeAlias, TypeVar, cast

from pydantic import (
    JsonValue,
    ValidationError,
)

from argmap._text import slug
from argmap.errors import (
    SpanError,
    StructureError,
    UnknownIdError,
)
from argmap.model.records import (
    Agent,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Quote,
    Ref,
    Source,
    Support,
    _Item,
    _ref_id,
)

__all__: list[str] = []

_PREFIX = {"claim": "c", "factor": "f", "support": "s", "attack": "a", "causal": "l"}
_T = TypeVar("_T")
_FIELD_SETS: dict[tuple[Any, ...], set[str]] = {}
_EMPTY: tuple[()] = ()
_R = TypeVar("_R", Claim, Factor, Support, Attack, CausalLink)
# What a change names as added or removed: any record a map holds, attributions included.
_Change: TypeAlias = _Item | Attribution
# The registries as they were: agents, sources, statements, relations, attributions.
_Snapshot: TypeAlias = tuple[
    dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any], list[Attribution]
]


class _Frame:
    """What a transaction (a batch) remembers to undo itself.

    The sizes of the registries and the id counters at its start, and, from the first change
    that does more than add, a snapshot of the registries (shared by the frames open then).
    """

    __slots__ = ("attribution_count", "counters", "sizes", "snapshot")

    def __init__(self, registries: _Registries) -> None:
        self.sizes = tuple(len(registry) for registry in registries._growing())
        self.attribution_count = len(registries._attributions)
        self.counters = dict(registries._counters)
        self.snapshot: _Snapshot | None = None


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _a(kind: str) -> str:
    """A record's kind in words, with its indefinite article: "an agent", "a causal link"."""
    noun = "causal link" if kind == "causal" else kind
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def newest(registry: Mapping[str, object], records: Sequence[Any]) -> bool:
    """Whether ``records`` are the last entries of ``registry``, in this order.

    What follows a map change by change (a graph view, an index) appends a newcomer last, which
    keeps the map's order only when the newcomer is the newest record of its registry, not one
    put back in its old place by an undone batch.
    """
    if not records:
        return True
    tail = list(itertools.islice(reversed(cast(Reversible[str], registry)), len(records)))
    tail.reverse()
    return tail == [r.id for r in records]


class _Registries:
    """The registries of a map and the private steps every change goes through."""

    __slots__ = (
        "_agents",
        "_attributions",
        "_by_target",
        "_cache",
        "_counters",
        "_data",
        "_frames",
        "_opposites",
        "_registry_for",
        "_relations",
        "_sources",
        "_statements",
        "_version",
        "description",
        "title",
    )

    def __init__(self, title: str | None = None, *, description: str | None = None) -> None:
        self.title = title
        self.description = description
        self._agents: dict[str, Agent] = {}
        self._sources: dict[str, Source] = {}
        self._statements: dict[str, Claim | Factor] = {}
        self._relations: dict[str, Support | Attack | CausalLink] = {}
        self._attributions: list[Attribution] = []
        self._by_target: dict[str, list[Attribution]] = {}
        self._opposites: dict[str, str] = {}
        self._counters: dict[str, int] = {}
        self._cache: dict[Any, Any] = {}
        self._data: dict[str, JsonValue] = {}
        self._version = 0
        self._frames: list[_Frame] = []
        self._registry_for: dict[type, dict[str, Any]] = {
            Agent: self._agents,
            Source: self._sources,
            Claim: self._statements,
            Factor: self._statements,
            Support: self._relations,
            Attack: self._relations,
            CausalLink: self._relations,
        }

    def _find(self, id: str) -> _Item | None:
        # One namespace over four registries; statements first, as they are looked up most.
        item: _Item | None = self._statements.get(id)
        if item is None:
            item = self._relations.get(id) or self._agents.get(id) or self._sources.get(id)
        return item

    def _taken(self, id: str) -> bool:
        return (
            id in self._statements
            or id in self._relations
            or id in self._agents
            or id in self._sources
        )

    def _all_ids(self) -> list[str]:
        return [*self._statements, *self._relations, *self._agents, *self._sources]

    def _changed(
        self,
        *,
        added: Sequence[_Change] = (),
        removed: Sequence[_Change] = (),
    ) -> None:
        # Every change of content ends here, naming the records it added and removed (a
        # replacement is both). A cached value that can follow the change itself says so by
        # having ``follow(added, removed) -> bool``; it is kept when it returns True. Anything
        # else in the cache is dropped and recomputed on demand.
        self._version += 1
        cache = self._cache
        if not cache:
            return
        for key, value in list(cache.items()):
            follow = getattr(value, "follow", None)
            if follow is None or not follow(added, removed):
                del cache[key]

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # All or nothing: if the block raises, the map goes back to its state at the start.
        frame = _Frame(self)
        self._frames.append(frame)
        try:
            yield
        except BaseException:
            # KeyboardInterrupt too: a half-built map is worse than a lost block of edits.
            self._undo_to(frame)
            raise
        finally:
            self._frames.pop()

    def _before_edit(self) -> None:
        # Called by every change that does more than add (remove, replace, rename) before it
        # changes anything. Growth alone is undone by popping the newest entries, which costs
        # a plain build nothing; anything else needs the state as it was, so the open
        # transactions that have none take one snapshot now (O(n), once per transaction).
        # Frames without a snapshot are always the innermost ones.
        frames = self._frames
        if not frames or frames[-1].snapshot is not None:
            return
        snapshot = (
            dict(self._agents),
            dict(self._sources),
            dict(self._statements),
            dict(self._relations),
            list(self._attributions),
        )
        for frame in reversed(frames):
            if frame.snapshot is not None:
                break
            frame.snapshot = snapshot

    def _undo_to(self, frame: _Frame) -> None:
        self._counters = dict(frame.counters)
        if frame.snapshot is not None:
            self._restore(frame)
            return
        # Only growth since the frame began, and dicts keep insertion order: undoing is
        # popping the newest entries until everything is back to its size at the start.
        attributions = self._attributions
        removed: list[_Change] = []
        while len(attributions) > frame.attribution_count:
            attribution = attributions.pop()
            removed.append(attribution)
            # Attributions were appended to both lists in the same order, so the newest of
            # the whole map is also the newest of its target.
            same_target = self._by_target[attribution.target]
            same_target.pop()
            if not same_target:
                del self._by_target[attribution.target]
        for registry, size in zip(self._growing(), frame.sizes, strict=True):
            while len(registry) > size:
                _, value = registry.popitem()
                if registry is not self._opposites:
                    removed.append(value)
        if removed:
            self._changed(removed=removed)

    def _growing(self) -> tuple[dict[str, Any], ...]:
        # The dicts a plain build only appends to, in the order a frame records their sizes.
        return (self._agents, self._sources, self._statements, self._relations, self._opposites)

    def _restore(self, frame: _Frame) -> None:
        # Between the frame's start and its snapshot the map only grew, so the state at the
        # start is the first ``size`` entries of each snapshotted registry.
        assert frame.snapshot is not None
        *registries, attributions = frame.snapshot
        added: list[_Change] = []
        removed: list[_Change] = []
        # zip stops before the opposite pairs, which _reindex derives again.
        for registry, saved, size in zip(self._growing(), registries, frame.sizes, strict=False):
            target = dict(itertools.islice(saved.items(), size))
            removed.extend(v for k, v in registry.items() if target.get(k) is not v)
            added.extend(v for k, v in target.items() if registry.get(k) is not v)
            # In place: the read-only views handed out and _registry_for hold these dicts.
            registry.clear()
            registry.update(target)
        kept = attributions[: frame.attribution_count]
        before = {id(a) for a in self._attributions}
        after = {id(a) for a in kept}
        removed.extend(a for a in self._attributions if id(a) not in after)
        added.extend(a for a in kept if id(a) not in before)
        self._attributions[:] = kept
        self._reindex()
        self._changed(added=added, removed=removed)

    def _reindex(self) -> None:
        # The indexes derived from the records: attributions by target, and opposite pairs.
        by_target: dict[str, list[Attribution]] = {}
        for attribution in self._attributions:
            by_target.setdefault(attribution.target, []).append(attribution)
        self._by_target.clear()
        self._by_target.update(by_target)
        opposites = self._opposites
        opposites.clear()
        for statement in self._statements.values():
            if statement.kind == "factor" and statement.opposite is not None:
                opposites[statement.opposite] = statement.id
                opposites[statement.id] = statement.opposite

    def _new_id(self, kind: str, text: str | None = None) -> str:
        if text is not None:
            base = slug(text) or kind
            candidate, n = base, 1
            while self._taken(candidate):
                n += 1
                candidate = f"{base}-{n}"
            return candidate
        prefix = _PREFIX[kind]
        n = self._counters.get(prefix, 0)
        while True:
            n += 1
            candidate = f"{prefix}{n}"
            if not self._taken(candidate):
                self._counters[prefix] = n
                return candidate

    def _require(self, ref: Ref, registry: Mapping[str, Any], expected: str) -> str:
        rid = _ref_id(ref)
        if rid not in registry:
            other = self._find(rid)
            if other is not None:
                raise StructureError(f"{rid!r} is {_a(other.kind)}, expected {_a(expected)}")
            raise UnknownIdError(rid, registry, expected=expected)
        return rid

    def _require_node(self, ref: Ref) -> str:
        return self._require(ref, self._statements, "statement")

    def _require_statement_or_relation(self, ref: Ref) -> str:
        rid = _ref_id(ref)
        if rid in self._statements or rid in self._relations:
            return rid
        other = self._find(rid)
        if other is not None:
            raise StructureError(f"{rid!r} is {_a(other.kind)}, expected a statement or a relation")
        known = list(self._statements) + list(self._relations)
        raise UnknownIdError(rid, known, expected="statement or relation")

    def _build(self, cls: type[_T], fields: Mapping[str, Any]) -> _T:
        # Leaving out fields at their defaults halves validation work on large builds and keeps
        # the records' fields-set small; None, () and False are every optional field's default.
        # The empty tuple is a singleton, so identity finds it without a slow str != tuple.
        given = {
            k: v for k, v in fields.items() if v is not None and v is not False and v is not _EMPTY
        }
        try:
            item: _T = cls.__pydantic_validator__.validate_python(given)  # type: ignore[attr-defined]
        except ValidationError as err:
            raise StructureError(f"invalid {cls.__name__}: {_first_error(err)}") from None
        # Records are frozen, so the set of fields given never changes: share one set per shape
        # instead of keeping a set per record (less memory, fewer objects for the collector).
        key = (cls, *given)
        shared = _FIELD_SETS.get(key)
        if shared is None:
            shared = _FIELD_SETS[key] = item.__pydantic_fields_set__  # type: ignore[attr-defined]
        else:
            object.__setattr__(item, "__pydantic_fields_set__", shared)
        return item

    def _check_quote(self, quote: Quote) -> None:
        source = self._sources.get(quote.source)
        if source is None:
            self._require(quote.source, self._sources, "source")
            return
        if source.text is not None and quote.end > len(source.text):
            raise SpanError(
                f"quote span {quote.start}:{quote.end} lies outside source {quote.source!r}, "
                f"whose text has {len(source.text)} characters"
            )

    def _link_opposites(self, factor: Factor) -> None:
        other_id = factor.opposite
        assert other_id is not None
        if other_id == factor.id:
            raise StructureError(f"factor {factor.id!r} names itself as its opposite")
        other = self._require(other_id, self._statements, "factor")
        if not isinstance(self._statements[other], Factor):
            raise StructureError(
                f"opposite {other!r} of {factor.id!r} is a claim, expected a factor"
            )
        taken = self._opposites.get(other)
        if taken is not None and taken != factor.id:
            raise StructureError(f"factor {other!r} already has the opposite {taken!r}")
        self._opposites[other] = factor.id
        self._opposites[factor.id] = other

    def _check_relation(self, rel: Support | Attack | CausalLink) -> None:
        # Dispatch on the kind tag: isinstance() on pydantic models runs Python code per call.
        kind = rel.kind
        if kind == "support":
            rel = cast(Support, rel)
            premises = rel.premises
            if len(premises) > 1 and len(set(premises)) != len(premises):
                raise StructureError(f"support {rel.id!r} lists a premise twice")
            if rel.conclusion in premises:
                raise StructureError(f"support {rel.id!r} has its conclusion among its premises")
            statements = self._statements
            for premise in premises:
                if premise not in statements:
                    self._require_node(premise)  # raises the right error
            if rel.conclusion == rel.id:
                raise StructureError(f"support {rel.id!r} supports itself")
            if rel.conclusion not in statements:
                self._require_statement_or_relation(rel.conclusion)
        elif kind == "attack":
            rel = cast(Attack, rel)
            if rel.attacker not in self._statements:
                self._require_node(rel.attacker)
            if rel.target == rel.id:
                raise StructureError(f"attack {rel.id!r} attacks itself")
            if rel.sort == "undercut":
                target = _ref_id(rel.target)
                if target not in self._relations:
                    other = self._find(target)
                    if other is not None:
                        raise StructureError(
                            f"undercut {rel.id!r} targets {target!r}, a "
                            f"{other.kind}; an undercut attacks a relation"
                        )
                    raise UnknownIdError(target, self._relations, expected="relation")
            elif rel.target not in self._statements:
                self._require_node(rel.target)
        else:
            rel = cast(CausalLink, rel)
            statements = self._statements
            if rel.cause not in statements:
                self._require_node(rel.cause)
            if rel.effect not in statements:
                self._require_node(rel.effect)
