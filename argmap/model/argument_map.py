"""The argument map: the one mutable document that builds, holds and reads its records.

Builder methods take objects or ids wherever they take a reference, return the new record,
check references at once and cost O(1) each; the map is read by id, through its registries,
or as a saved :class:`~argmap.model.MapDocument`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from pydantic import (
    JsonValue,
)

from argmap._gc import collector_paused
from argmap.errors import (
    AmbiguousQuoteError,
    ArgmapError,
    DuplicateIdError,
    QuoteNotFoundError,
    StructureError,
    UnknownIdError,
)
from argmap.model import queries as _queries
from argmap.model.records import (
    _ATTACK_SORTS,
    _MODALITIES,
    _POLARITIES,
    _STANCES,
    SCHEMA_VERSION,
    Agent,
    Attack,
    AttackSort,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Modality,
    Polarity,
    Quote,
    Ref,
    Source,
    Stance,
    Support,
    _Item,
    _ref_id,
)
from argmap.model.registries import (
    _R,
    _T,
    _Registries,
)

__all__ = ["ArgumentMap"]

# The keyword options shared by the statement and relation builders, in their declared order:
# by, stance, reported_by, quote, tags, reconstructed, data.
_BuilderOptions = tuple[
    Ref | None,
    Stance,
    Ref | None,
    Quote | None,
    Iterable[str],
    bool,
    Mapping[str, JsonValue] | None,
]


class ArgumentMap(_Registries):
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
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return self.to_document() == other.to_document()

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
        """Return a derived value cached on the map until the map next changes.

        Used by derived views (networkx graphs); the value must not be mutated by callers. A
        value with a method ``follow(added, removed) -> bool`` is offered each later change
        (the records it added and removed) and stays cached when it returns True, so a view
        that can update itself edit by edit is not rebuilt.
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

        Everything added inside the block (agents, sources, statements, relations, attributions,
        opposite pairs) is removed again when an exception leaves the block, and the next
        generated ids are the ones the map would have given before; the exception then goes on.
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
        mark = self._mark()
        try:
            with collector_paused():
                yield self
        except BaseException:
            # KeyboardInterrupt too: a half-built map is worse than a lost block of edits.
            self._undo_to(mark)
            raise

    def add(self, item: _Item) -> _Item:
        """Add a ready-made record (agent, source, statement or relation), checking its references.

        Readers use this; the builder methods are friendlier by hand.

        Raises:
            DuplicateIdError: The id is taken.
            UnknownIdError: A reference names no record of the right kind.
            StructureError: A relation of the wrong shape.

        Examples:
            >>> m = ArgumentMap()
            >>> m.add(Claim(id="p", text="It rains")).id
            'p'
        """
        return self._add(item, generated_id=False)

    def _add(self, item: _Item, *, generated_id: bool) -> _Item:
        registry = self._registry_for.get(type(item))
        if registry is None:
            raise TypeError(f"cannot add a {type(item).__name__} to an ArgumentMap")
        if registry is self._relations:
            self._check_relation(item)  # type: ignore[arg-type]
        # _new_id has just checked a generated id; a second look into every registry would
        # cost a cache miss per registry on large maps.
        if not generated_id and self._taken(item.id):
            raise DuplicateIdError(item.id, self[item.id].kind)
        # Opposites are linked last among the checks: linking changes the map, and a failed
        # call must leave no trace.
        if type(item) is Factor and item.opposite is not None:
            self._link_opposites(item)
        registry[item.id] = item
        self._changed(added=(item,))
        return item

    def add_attribution(self, attribution: Attribution) -> Attribution:
        """Add a ready-made attribution, checking its target, agents and quote.

        Raises:
            UnknownIdError: The target, agent, reporter or quoted source is not in the map.
            SpanError: The quote's span lies outside its source's text.
        """
        self._require_statement_or_relation(attribution.target)
        if attribution.agent is not None:
            self._require(attribution.agent, self._agents, "agent")
        if attribution.reported_by is not None:
            self._require(attribution.reported_by, self._agents, "agent")
        if attribution.quote is not None:
            self._check_quote(attribution.quote)
        self._attributions.append(attribution)
        self._by_target.setdefault(attribution.target, []).append(attribution)
        self._changed(added=(attribution,))
        return attribution

    def agent(
        self,
        name: str,
        *,
        id: str | None = None,
        role: str | None = None,
        aliases: Iterable[str] = (),
        data: Mapping[str, JsonValue] | None = None,
    ) -> Agent:
        """Add a speaker or actor; its id is a slug of the name when not given.

        Examples:
            >>> ArgumentMap().agent("Nicolás Maduro", role="President of Venezuela").id
            'nicolas-maduro'
        """
        item = self._build(
            Agent,
            {
                "id": id if id is not None else self._new_id("agent", name),
                "name": name,
                "role": role,
                "aliases": tuple(aliases),
                "data": dict(data) if data else None,
            },
        )
        self._add(item, generated_id=id is None)
        return item

    def source(
        self,
        title: str,
        *,
        id: str | None = None,
        text: str | None = None,
        path: str | None = None,
        url: str | None = None,
        published: str | None = None,
        type: str | None = None,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Source:
        """Add a document that statements are quoted from; its id is a slug of the title.

        Examples:
            >>> ArgumentMap().source("News article", text="...").id
            'news-article'
        """
        item = self._build(
            Source,
            {
                "id": id if id is not None else self._new_id("source", title),
                "title": title,
                "text": text,
                "path": path,
                "url": url,
                "published": published,
                "type": type,
                "data": dict(data) if data else None,
            },
        )
        self._add(item, generated_id=id is None)
        return item

    def claim(
        self,
        text: str,
        *,
        id: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Claim:
        """Add a claim, and attribute it when ``by``, ``reported_by`` or ``quote`` is given.

        Args:
            text: The proposition in words.
            id: Its id; ``c1``, ``c2``... when not given.
            by: The agent who takes ``stance`` on it.
            stance: ``asserts``, ``denies`` or ``questions``.
            reported_by: The agent who reports that ``by`` took the stance.
            quote: The words in a source (see :meth:`quote`).
            tags: Free labels.
            reconstructed: True when nobody said it and an analyst reconstructed it.
            data: Free-form data for other formats.

        Returns:
            The new claim.

        Raises:
            DuplicateIdError: The id is taken.
            UnknownIdError: ``by``, ``reported_by`` or the quote's source is not in the map.

        Examples:
            >>> m = ArgumentMap()
            >>> m.claim("Migrants are not criminals", tags=["migration"]).tags
            ('migration',)
        """
        return self._add_with_options(
            Claim,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("claim"),
                "text": text,
            },
        )

    def factor(
        self,
        label: str,
        *,
        id: str | None = None,
        opposite: Ref | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Factor:
        """Add a factor, a variable of a causal story; ``opposite`` names its opposite factor.

        Examples:
            >>> m = ArgumentMap()
            >>> m.factor("emigration of young Venezuelans").id
            'f1'
        """
        return self._add_with_options(
            Factor,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("factor"),
                "label": label,
                "opposite": None if opposite is None else _ref_id(opposite),
            },
        )

    def support(
        self,
        premises: Ref | Iterable[Ref],
        conclusion: Ref,
        *,
        id: str | None = None,
        scheme: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Support:
        """Add a support from one premise, or several linked premises, to a conclusion.

        Raises:
            StructureError: No premise, a premise twice, or the conclusion among the premises.
            UnknownIdError: A premise or the conclusion is not in the map.

        Examples:
            >>> m = ArgumentMap()
            >>> a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
            >>> m.support([a, b], c, scheme="cause to effect").premises
            ('c1', 'c2')
        """
        if isinstance(premises, str | _Item):
            refs: tuple[str, ...] = (_ref_id(premises),)
        else:
            refs = tuple(_ref_id(p) for p in premises)
        if not refs:
            raise StructureError("a support needs at least one premise")
        return self._add_with_options(
            Support,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("support"),
                "premises": refs,
                "conclusion": conclusion if isinstance(conclusion, str) else _ref_id(conclusion),
                "scheme": scheme,
            },
        )

    def attack(
        self,
        attacker: Ref,
        target: Ref,
        *,
        sort: AttackSort = "rebut",
        id: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Attack:
        """Add an attack of ``sort`` rebut, undermine, undercut (on a relation) or contradict.

        Raises:
            StructureError: An unknown sort, or an undercut whose target is not a relation.
            UnknownIdError: The attacker or target is not in the map.

        Examples:
            >>> m = ArgumentMap()
            >>> strong = m.claim("The blockade strengthened the gang")
            >>> beaten = m.claim("The gang was defeated")
            >>> m.attack(beaten, strong, sort="contradict").sort
            'contradict'
        """
        if sort not in _ATTACK_SORTS:
            raise StructureError(
                f"unknown attack sort {sort!r}; expected one of {sorted(_ATTACK_SORTS)}"
            )
        return self._add_with_options(
            Attack,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("attack"),
                "attacker": attacker if isinstance(attacker, str) else _ref_id(attacker),
                "target": target if isinstance(target, str) else _ref_id(target),
                "sort": sort,
            },
        )

    def rebut(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add an attack on a conclusion: ``attack(attacker, target, sort="rebut")``."""
        return self.attack(attacker, target, sort="rebut", **options)

    def undermine(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add an attack on a premise: ``attack(attacker, target, sort="undermine")``."""
        return self.attack(attacker, target, sort="undermine", **options)

    def undercut(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add an attack on an inference (a relation): ``attack(..., sort="undercut")``.

        Examples:
            >>> m = ArgumentMap()
            >>> s = m.support(m.claim("Fumigation"), m.claim("The mafia ends"))
            >>> m.undercut(m.claim("Bosses were hugged in clubs"), s).target
            's1'
        """
        return self.attack(attacker, target, sort="undercut", **options)

    def contradict(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add a symmetric attack, p against not-p: ``attack(..., sort="contradict")``."""
        return self.attack(attacker, target, sort="contradict", **options)

    def causes(
        self,
        cause: Ref,
        effect: Ref,
        *,
        polarity: Polarity = "+",
        modality: Modality = "actual",
        mechanism: str | None = None,
        delay: str | None = None,
        id: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> CausalLink:
        """Add a causal link from ``cause`` to ``effect`` with a polarity and a modality.

        Raises:
            StructureError: An unknown polarity or modality.
            UnknownIdError: The cause or effect is not in the map.

        Examples:
            >>> m = ArgumentMap()
            >>> land = m.factor("landlessness of farmers")
            >>> violence = m.factor("violence")
            >>> m.causes(land, violence, modality="general").polarity
            '+'
        """
        if polarity not in _POLARITIES:
            raise StructureError(
                f"unknown polarity {polarity!r}; expected one of {sorted(_POLARITIES)}"
            )
        if modality not in _MODALITIES:
            raise StructureError(
                f"unknown modality {modality!r}; expected one of {sorted(_MODALITIES)}"
            )
        return self._add_with_options(
            CausalLink,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("causal"),
                "cause": cause if isinstance(cause, str) else _ref_id(cause),
                "effect": effect if isinstance(effect, str) else _ref_id(effect),
                "polarity": polarity,
                "modality": modality,
                "mechanism": mechanism,
                "delay": delay,
            },
        )

    def attribute(
        self,
        target: Ref,
        *,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
    ) -> Attribution:
        """Record that an agent takes a stance on a statement or relation.

        Examples:
            >>> m = ArgumentMap()
            >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
            >>> friends = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem)
            >>> m.attribute(friends, by=petro, stance="denies").stance
            'denies'
            >>> [(a.agent, a.stance, a.reported_by) for a in m.attributions_of(friends)]
            [('petro', 'asserts', 'noem'), ('petro', 'denies', None)]
        """
        if stance not in _STANCES:
            raise StructureError(f"unknown stance {stance!r}; expected one of {sorted(_STANCES)}")
        item = self._build(
            Attribution,
            {
                "target": _ref_id(target),
                "agent": None if by is None else _ref_id(by),
                "stance": stance,
                "reported_by": None if reported_by is None else _ref_id(reported_by),
                "quote": quote,
            },
        )
        return self.add_attribution(item)

    def _add_with_options(
        self,
        cls: type[_R],
        generated_id: bool,
        options: _BuilderOptions,
        fields: dict[str, Any],
    ) -> _R:
        # The options every statement and relation builder takes, turned into record fields and
        # an attribution in one place. ``fields`` (id first) keep the builder's own order and
        # the shared ones follow, so the record and its shared fields-set are what the builders
        # made one by one. A plain dict, filled in place, spares the hot path a second copy.
        by, stance, reported_by, quote, tags, reconstructed, data = options
        fields["tags"] = tags if isinstance(tags, tuple) else tuple(tags)
        fields["reconstructed"] = reconstructed
        fields["data"] = dict(data) if data else None
        item = self._build(cls, fields)
        return self._add_attributed(item, generated_id, by, stance, reported_by, quote)

    def _add_attributed(
        self,
        item: _R,
        generated_id: bool,
        by: Ref | None,
        stance: Stance,
        reported_by: Ref | None,
        quote: Quote | None,
    ) -> _R:
        # Check the attribution's parts before adding the item, so a bad agent leaves no trace.
        wants_attribution = by is not None or reported_by is not None or quote is not None
        if wants_attribution:
            if stance not in _STANCES:
                raise StructureError(
                    f"unknown stance {stance!r}; expected one of {sorted(_STANCES)}"
                )
            for ref in (by, reported_by):
                if ref is not None:
                    self._require(ref, self._agents, "agent")
            if quote is not None:
                self._check_quote(quote)
        self._add(item, generated_id=generated_id)
        if wants_attribution:
            self.attribute(item, by=by, stance=stance, reported_by=reported_by, quote=quote)
        return item

    def quote(self, source: Ref, text: str, *, occurrence: int | None = None) -> Quote:
        """Find ``text`` in a source's text and return a :class:`Quote` with its span.

        Args:
            source: The source (or its id) to quote from; it must hold its text.
            text: The exact words.
            occurrence: Which occurrence to take, 1 for the first, when the words occur more
                than once.

        Returns:
            The quote, its span in code points, end-exclusive.

        Raises:
            QuoteNotFoundError: The words are not in the source; the message shows the closest
                passage.
            AmbiguousQuoteError: The words occur more than once and ``occurrence`` is not given.

        Examples:
            >>> m = ArgumentMap()
            >>> _ = m.source("Post", id="post", text="Love ends violence. Love ends violence.")
            >>> q = m.quote("post", "ends violence", occurrence=2)
            >>> q.start, q.end
            (25, 38)
            >>> m.quote("post", "Love end violence")
            Traceback (most recent call last):
            ...
            argmap.errors.QuoteNotFoundError: 'Love end violence' is not in source 'post'; ...
        """
        sid = self._require(source, self._sources, "source")
        body = self._sources[sid].text
        if body is None:
            raise QuoteNotFoundError(f"source {sid!r} holds no text to quote from")
        if not text:
            raise QuoteNotFoundError("cannot quote empty text")
        starts: list[int] = []
        at = body.find(text)
        while at != -1:
            starts.append(at)
            at = body.find(text, at + 1)
        if not starts:
            closest = _closest(body, text)
            raise QuoteNotFoundError(
                f"{text!r} is not in source {sid!r}; "
                + (
                    "no word of it occurs there"
                    if closest is None
                    else f"closest passage: {closest!r}"
                )
            )
        if occurrence is None:
            if len(starts) > 1:
                raise AmbiguousQuoteError(
                    f"{text!r} occurs {len(starts)} times in source {sid!r} (at "
                    + ", ".join(str(s) for s in starts[:5])
                    + "); pass occurrence=1.."
                    + str(len(starts))
                )
            start = starts[0]
        else:
            if not 1 <= occurrence <= len(starts):
                raise AmbiguousQuoteError(
                    f"occurrence={occurrence} but {text!r} occurs {len(starts)} time(s) in {sid!r}"
                )
            start = starts[occurrence - 1]
        return Quote(source=sid, text=text, start=start, end=start + len(text))

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


# The pieces a missed quote is matched by: words and runs of punctuation, a long word (or a
# script written without spaces) cut every few characters. Only the first few count: each piece
# may cost a scan of the source.
_PIECE = re.compile(r"\w+|[^\w\s]+")
_PIECE_CHARS = 8
_MOST_PIECES = 16


def _closest(body: str, text: str) -> str | None:
    """The passage of ``body`` most like ``text``, widened to whole words, for error messages.

    "Most like" is where the longest run of the quote's consecutive pieces (words, punctuation)
    occurs, with what lies between them; ``None`` when no piece occurs at all. Each step of the
    search is one ``str.find`` and there are at most twice as many as pieces, so a miss costs a
    few scans of the source (a character-by-character matcher took seconds on 5 MB).

    Examples:
        >>> _closest("Love ends violence, they said.", "Love end violence")
        'Love ends violence'
        >>> _closest("Love ends violence, they said.", "zzz") is None
        True
    """
    width = len(text)
    if width >= len(body):
        return body
    spans: list[tuple[int, int]] = []
    for hit in _PIECE.finditer(text):
        spans.extend(
            (at, min(at + _PIECE_CHARS, hit.end()))
            for at in range(hit.start(), hit.end(), _PIECE_CHARS)
        )
    del spans[_MOST_PIECES:]
    # Two pointers: pieces i..j-1 are known to occur together; try to add piece j, and when it
    # does not fit, drop piece i. Every find either moves j or i on.
    best_length, best_at, best_offset = 0, -1, 0
    j = 0
    for i, (first, _) in enumerate(spans):
        j = max(j, i)
        while j < len(spans):
            at = body.find(text[first : spans[j][1]])
            if at < 0:
                break
            j += 1
            if spans[j - 1][1] - first > best_length:
                best_length, best_at, best_offset = spans[j - 1][1] - first, at, first
    if best_at < 0:
        return None
    # Align the quote on that run, then widen to whole words.
    start = max(0, min(best_at - best_offset, len(body) - width))
    end = start + width
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    return body[start:end].strip()
