"""The argument map: the one mutable document that builds, holds and reads its records.

Builder methods take objects or ids wherever they take a reference, return the new record,
check references at once and cost O(1) each; the map is read by id, through its registries,
or as a saved :class:`~argmap.model.MapDocument`.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from pydantic import (
    JsonValue,
)

from argmap._gc import collector_paused
from argmap.errors import (
    ArgmapError,
    UnknownIdError,
)
from argmap.model import queries as _queries
from argmap.model.editing import _Editing
from argmap.model.records import (
    SCHEMA_VERSION,
    Agent,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Source,
    Support,
    _Item,
)
from argmap.model.registries import _T

__all__ = ["ArgumentMap"]


class ArgumentMap(_Editing):
    """A map of arguments: registries of agents and sources, statements, relations, attributions.

    Build it with the builder methods, which take objects or ids wherever they take a reference,
    return the new record, check references at once and cost O(1) each. Read it by id
    (``m["petro"]``), through the registries (``m.statements``, ``m.relations``...), or as a saved
    :class:`MapDocument`.

    Threads: a map is not safe to change while another thread reads it. Reading from several
    threads at once is fine as long as none changes the map (a derived view may then be built
    twice); a change during a read can make the reader raise ``RuntimeError`` ("dictionary
    changed size during iteration") or see half of the change. Either guard every use of the
    map, reads included, with one lock, or hand each reader a snapshot: :meth:`copy` (records
    are immutable and shared, so it is cheap) taken by the writing thread, or under the lock.

    Args:
        title: The map's title.
        description: What the map covers.

    Examples:
        >>> m = ArgumentMap(title="Demo")
        >>> p = m.claim("Exclusion only leads to more violence")
        >>> q = m.claim("Youth inclusion reduced violence in Colombia")
        >>> s = m.support(q, p)
        >>> s.premises, s.conclusion
        (('c2',), 'c1')
        >>> m["c1"].text
        'Exclusion only leads to more violence'
        >>> m == m.copy()
        True
    """

    # The state and its slots live in _Registries; none are added here.
    __slots__ = ()

    # ----------------------------------------------------------------- reading
    @property
    def agents(self) -> Mapping[str, Agent]:
        """Agents by id, in the order they were added."""
        return MappingProxyType(self._agents)

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id, in the order they were added."""
        return MappingProxyType(self._sources)

    @property
    def statements(self) -> Mapping[str, Claim | Factor]:
        """Claims and factors by id, in the order they were added."""
        return MappingProxyType(self._statements)

    @property
    def relations(self) -> Mapping[str, Support | Attack | CausalLink]:
        """Supports, attacks and causal links by id, in the order they were added."""
        return MappingProxyType(self._relations)

    @property
    def attributions(self) -> Sequence[Attribution]:
        """Every attribution, in the order it was added."""
        return tuple(self._attributions)

    @property
    def data(self) -> Mapping[str, JsonValue]:
        """Free-form data of the map, kept for other formats."""
        return MappingProxyType(self._data)

    @property
    def version(self) -> int:
        """A counter that grows on every change; derived views compare it to stay fresh."""
        return self._version

    def claims(self) -> list[Claim]:
        """The claims, in the order they were added."""
        return [s for s in self._statements.values() if isinstance(s, Claim)]

    def factors(self) -> list[Factor]:
        """The factors, in the order they were added."""
        return [s for s in self._statements.values() if isinstance(s, Factor)]

    def supports(self) -> list[Support]:
        """The supports, in the order they were added."""
        return [r for r in self._relations.values() if isinstance(r, Support)]

    def attacks(self) -> list[Attack]:
        """The attacks, in the order they were added."""
        return [r for r in self._relations.values() if isinstance(r, Attack)]

    def causal_links(self) -> list[CausalLink]:
        """The causal links, in the order they were added."""
        return [r for r in self._relations.values() if isinstance(r, CausalLink)]

    def __getitem__(self, id: str) -> _Item:
        item = self._find(id)
        if item is None:
            raise UnknownIdError(id, self._all_ids())
        return item

    def get(self, id: str, default: _T | None = None) -> _Item | _T | None:
        """Return the record with this id, or ``default``."""
        item = self._find(id)
        return default if item is None else item

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return self._find(item) is not None
        item_id = getattr(item, "id", None)
        return isinstance(item_id, str) and self._find(item_id) == item

    def __iter__(self) -> Iterator[Claim | Factor]:
        """Iterate over the statements, the map's nodes."""
        return iter(self._statements.values())

    def __len__(self) -> int:
        """Number of statements, the map's nodes."""
        return len(self._statements)

    def __eq__(self, other: object) -> bool:
        # Two maps are equal when they hold the same records, whatever order they were added
        # in, as two dicts with the same items are: removing a record and adding it back gives
        # an equal map. Order still reaches files and drawings, and diff() reports it.
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return (
            self.title == other.title
            and self.description == other.description
            and self._data == other._data
            and self._agents == other._agents
            and self._sources == other._sources
            and self._statements == other._statements
            and self._relations == other._relations
            and len(self._attributions) == len(other._attributions)
            and Counter(self._attributions) == Counter(other._attributions)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable container

    def __repr__(self) -> str:
        return (
            f"ArgumentMap(title={self.title!r}, statements={len(self._statements)}, "
            f"relations={len(self._relations)}, agents={len(self._agents)}, "
            f"sources={len(self._sources)})"
        )

    def summary(self) -> str:
        """A few lines that say what the map holds; the plain-text view of a map.

        Examples:
            >>> m = ArgumentMap(title="Demo")
            >>> _ = m.claim("A")
            >>> print(m.summary())
            Demo: 1 statement (1 claim, 0 factors), 0 relations, 0 agents, 0 sources
        """

        def plural(n: int, word: str) -> str:
            return f"{n} {word}" + ("" if n == 1 else "s")

        claims = sum(1 for s in self._statements.values() if isinstance(s, Claim))
        factors = len(self._statements) - claims
        head = self.title or "Untitled map"
        return (
            f"{head}: {plural(len(self._statements), 'statement')} "
            f"({plural(claims, 'claim')}, {plural(factors, 'factor')}), "
            f"{plural(len(self._relations), 'relation')}, {plural(len(self._agents), 'agent')}, "
            f"{plural(len(self._sources), 'source')}"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display: the map as SVG, or its summary and a hint; never raises."""
        try:
            # Imported here, at display time, so the model never loads graphviz at import.
            from argmap.rendering.notebook import mimebundle

            return mimebundle(self, include=include, exclude=exclude)
        except Exception:  # a notebook's repr must never break the cell
            return {"text/plain": self.summary()}

    def cached(self, key: Any, compute: Callable[[], _T]) -> _T:
        """Return a derived value cached on the map, dropped when the map changes unless it follows.

        Used by derived views (networkx graphs, check results); the value must not be mutated
        by callers. A value with a method ``follow(added, removed) -> bool`` is offered each
        later change (the records it added and removed) and stays cached when it returns True,
        so a view that can update itself edit by edit is not rebuilt.
        """
        try:
            value: _T = self._cache[key]
            return value
        except KeyError:
            value = self._cache[key] = compute()
            return value

    # ----------------------------------------------------------------- changes
    @contextlib.contextmanager
    def batch(self) -> Iterator[ArgumentMap]:
        """Group changes into one unit: if the block raises, the map is left as it was before it.

        When an exception leaves the block, everything added inside it (agents, sources,
        statements, relations, attributions, opposite pairs) is removed again, everything
        removed, replaced or renamed inside it comes back as it was, in its place, and the next
        generated ids are the ones the map would have given before; the exception then goes on.
        A block that only adds is undone by popping what it added; the first edit that does more
        (:meth:`remove`, :meth:`replace`, :meth:`rename`...) takes one snapshot of the map.
        Batches nest: a failing inner block undoes only its own changes. The title and
        description are plain attributes and are not undone.

        Large builds are faster in a batch: Python's cyclic garbage collector is paused for the
        block (for the whole process, as :func:`gc.disable` does; it is switched back on at the
        end only if it was on at the start). Records hold only strings, numbers and tuples, so
        they form no reference cycles and nothing is lost by waiting; without the pause, each
        automatic full collection walks every record already in the map, which costs about a
        sixth of a 100,000-claim build (``python benchmarks/bench_core.py``). Objects that the
        block's own code leaves in reference cycles are collected after the block.

        Yields:
            The map itself.

        Examples:
            >>> m = ArgumentMap()
            >>> with m.batch():
            ...     a, b = m.claim("Fumigation works"), m.claim("The mafia ends")
            ...     _ = m.support(a, b)
            >>> len(m), len(m.relations)
            (2, 1)
            >>> try:
            ...     with m.batch():
            ...         c = m.claim("Bosses were hugged in clubs")
            ...         m.support(c, "no-such-claim")
            ... except UnknownIdError as err:
            ...     print(err)
            unknown statement or relation id 'no-such-claim'
            >>> len(m), m.claim("Next").id
            (2, 'c3')
        """
        with self._transaction(), collector_paused():
            yield self

    # ----------------------------------------------------------- whole documents
    def to_document(self) -> MapDocument:
        """Return the map as a frozen :class:`MapDocument`, the form JSON and YAML files hold."""
        return MapDocument.model_construct(
            schema_version=SCHEMA_VERSION,
            title=self.title,
            description=self.description,
            agents=tuple(self._agents.values()),
            sources=tuple(self._sources.values()),
            statements=tuple(self._statements.values()),
            relations=tuple(self._relations.values()),
            attributions=tuple(self._attributions),
            data=dict(self._data),
        )

    @classmethod
    def from_document(cls, doc: MapDocument, *, origin: str | None = None) -> ArgumentMap:
        """Build a map from a validated document, checking every reference.

        Relations may name relations listed after them (an undercut of a later support), so
        references are checked once every id is known.

        Args:
            doc: The document.
            origin: The file it came from, named in error messages.

        Raises:
            FormatError: A duplicate id, a dangling reference or a span outside its source,
                with the file and the JSON path of the faulty record.
        """
        from argmap.errors import FormatError

        m = cls(doc.title, description=doc.description)
        m._data = dict(doc.data)
        groups: tuple[tuple[str, Sequence[Any]], ...] = (
            ("agents", doc.agents),
            ("sources", doc.sources),
            ("statements", doc.statements),
            ("relations", doc.relations),
        )
        for field, records in groups:
            for i, record in enumerate(records):
                existing = m._find(record.id)
                if existing is not None:
                    raise FormatError(
                        f"duplicate id {record.id!r}: the map already holds a {existing.kind} "
                        "with it; expected unique ids",
                        file=origin,
                        path=f"$.{field}[{i}].id",
                    )
                if field == "agents":
                    m._agents[record.id] = record
                elif field == "sources":
                    m._sources[record.id] = record
                elif field == "statements":
                    m._statements[record.id] = record
                else:
                    m._relations[record.id] = record
        # The index is complete: check references in place, without re-registering.
        try_field = ""
        try:
            for i, stmt in enumerate(doc.statements):
                try_field = f"$.statements[{i}]"
                if isinstance(stmt, Factor) and stmt.opposite is not None:
                    m._link_opposites(stmt)
            for i, rel in enumerate(doc.relations):
                try_field = f"$.relations[{i}]"
                m._check_relation(rel)
            for i, attribution in enumerate(doc.attributions):
                try_field = f"$.attributions[{i}]"
                m.add_attribution(attribution)
        except ArgmapError as err:
            raise FormatError(str(err), file=origin, path=try_field) from None
        m._version = 0
        m._cache.clear()
        return m

    def copy(self) -> ArgumentMap:
        """Return an independent map with the same content (records are immutable and shared)."""
        return ArgumentMap.from_document(self.to_document())

    # ----------------------------------------------------------- queries (model/queries.py)
    # The functions themselves, as methods: their docstrings and signatures are the methods'.
    attributions_of = _queries.attributions_of
    opposite_of = _queries.opposite_of
    subset = _queries.subset
    find = _queries.find
    by = _queries.by
