"""Editing a map in place: remove, replace, rename and merge records, keeping references valid.

Each edit is checked in full before it changes anything, so a failed edit leaves no trace, and it
ends in one change event naming every record it removed and added (a replaced record is both).
Inside :meth:`~argmap.model.ArgumentMap.batch` a failing block undoes edits as it undoes
additions. The methods live on :class:`_Editing`, which :class:`~argmap.model.ArgumentMap`
inherits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from argmap.errors import DuplicateIdError, OptionError, SpanError, StructureError, UnknownIdError
from argmap.model.builders import _Builders
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
    relation_ends,
)
from argmap.model.registries import _Change, _Registries, newest

__all__: list[str] = []

OnConflict = Literal["error", "keep", "replace", "rename"]
_ON_CONFLICT = ("error", "keep", "replace", "rename")
# The fields of each record that hold one id, or (premises) several.
_REF_FIELDS: dict[str, tuple[str, ...]] = {
    "factor": ("opposite",),
    "support": ("conclusion",),
    "attack": ("attacker", "target"),
    "causal": ("cause", "effect"),
}
# How many dependents an error message lists before it counts the rest.
_LISTED = 10


def _refs(item: _Item) -> tuple[str, ...]:
    """The ids a record names (not its own): a relation's ends, a factor's opposite."""
    if item.kind in ("support", "attack", "causal"):
        return relation_ends(item)
    opposite = getattr(item, "opposite", None)
    return () if opposite is None else (opposite,)


def _renamed(item: _Item, mapping: Mapping[str, str]) -> _Item:
    """The record with every id it names (its own too) looked up in ``mapping``."""
    update: dict[str, Any] = {}
    if item.id in mapping:
        update["id"] = mapping[item.id]
    for name in _REF_FIELDS.get(item.kind, ()):
        ref = getattr(item, name)
        if ref is not None and ref in mapping:
            update[name] = mapping[ref]
    if item.kind == "support" and any(p in mapping for p in item.premises):
        update["premises"] = tuple(mapping.get(p, p) for p in item.premises)
    # model_copy keeps the fields-set, so the record saves exactly as before but for the ids.
    return item.model_copy(update=update) if update else item


def _renamed_attribution(attribution: Attribution, mapping: Mapping[str, str]) -> Attribution:
    update: dict[str, Any] = {}
    for name in ("target", "agent", "reported_by"):
        ref = getattr(attribution, name)
        if ref is not None and ref in mapping:
            update[name] = mapping[ref]
    quote = attribution.quote
    if quote is not None and quote.source in mapping:
        update["quote"] = quote.model_copy(update={"source": mapping[quote.source]})
    return attribution.model_copy(update=update) if update else attribution


def _describe(change: _Change) -> str:
    if isinstance(change, Attribution):
        by = f" by {change.agent!r}" if change.agent is not None else ""
        return f"attribution of {change.target!r}{by}"
    return f"{change.kind} {change.id!r}"


def _listing(changes: list[_Change]) -> str:
    shown = ", ".join(_describe(c) for c in changes[:_LISTED])
    more = len(changes) - _LISTED
    return shown + (f" and {more} more" if more > 0 else "")


class _Editing(_Builders):
    """The editing methods of :class:`~argmap.model.ArgumentMap`."""

    __slots__ = ()

    # ------------------------------------------------------------------ remove
    def remove(self, item: Ref | Attribution, *, cascade: bool = False) -> list[_Change]:
        """Remove a record (agent, source, statement, relation) or one attribution.

        A record that others depend on is removed only with ``cascade=True``, which removes
        them too, and whatever depends on those, in one step. The dependents of a statement are
        the relations that name it and the factor that names it as its opposite; of a relation,
        the undercuts that target it and the supports that back it; of an agent, the
        attributions naming it as speaker or reporter; of a source, the attributions quoting it;
        and of a statement or relation, its attributions. To unlink two opposite factors
        without removing either, :meth:`replace` the one that names the other with
        ``opposite=None``.

        Args:
            item: The record or its id, or an attribution of the map.
            cascade: Remove the dependents too.

        Returns:
            Everything removed, records and attributions, in an order in which
            :meth:`add` and :meth:`add_attribution` can add them back.

        Raises:
            UnknownIdError: The id names no record.
            StructureError: Others depend on the record and ``cascade`` is false; the message
                lists them.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> a, b = m.claim("A", id="a"), m.claim("B", id="b")
            >>> _ = m.support(a, b, id="s")
            >>> m.remove("a")
            Traceback (most recent call last):
            ...
            argmap.errors.StructureError: cannot remove claim 'a': support 's' depends on it; ...
            >>> [r.id for r in m.remove("a", cascade=True)]
            ['a', 's']
            >>> sorted(m.statements), len(m.relations)
            (['b'], 0)
        """
        if isinstance(item, Attribution):
            index = self._attribution_index(item)
            found = self._attributions[index]
            self._before_edit()
            self._drop(set(), {id(found)})
            self._changed(removed=(found,))
            return [found]
        root = self._find(_ref_id(item))
        if root is None:
            raise UnknownIdError(_ref_id(item), self._all_ids())
        records, attributions = self._closure(root, cascade=cascade)
        self._before_edit()
        removed = self._ordered(records) + [a for a in self._attributions if id(a) in attributions]
        self._drop({r.id for r in records}, attributions)
        self._changed(removed=removed)
        return removed

    def _closure(self, root: _Item, *, cascade: bool) -> tuple[list[_Item], set[int]]:
        # Breadth first: each round is one pass over the relations and factors for those that
        # name an id found in the round before. Chains of relations on relations are short,
        # so a few passes of cheap membership tests beat building an index of the whole map.
        records: dict[str, _Item] = {root.id: root}
        frontier = {root.id}
        while frontier:
            found = [r for r in self._naming(frontier) if r.id not in records]
            records.update((r.id, r) for r in found)
            frontier = {r.id for r in found} if cascade else set()
        gone = set(records)
        if any(r.kind in ("agent", "source") for r in records.values()):
            attributions = {
                id(a): a
                for a in self._attributions
                if a.target in gone
                or a.agent in gone
                or a.reported_by in gone
                or (a.quote is not None and a.quote.source in gone)
            }
        else:
            # Only statements and relations go: their attributions are found by target, in
            # the map's order, without a pass over every attribution.
            on = [a for rid in gone for a in self._by_target.get(rid, ())]
            if len({a.target for a in on}) > 1:
                keep = {id(a) for a in on}
                on = [a for a in self._attributions if id(a) in keep]
            attributions = {id(a): a for a in on}
        if not cascade and (len(records) > 1 or attributions):
            dependents: list[_Change] = [r for r in records.values() if r is not root]
            dependents.extend(attributions.values())
            verb = "depends" if len(dependents) == 1 else "depend"
            raise StructureError(
                f"cannot remove {_describe(root)}: {_listing(dependents)} {verb} on it; "
                "remove them first, or pass cascade=True to remove them too"
            )
        return list(records.values()), set(attributions)

    def _naming(self, ids: set[str]) -> list[_Item]:
        """The relations and factors that name one of ``ids``: relations first, each group in
        the map's order when ``ids`` is one id."""
        index = references(self)
        relations, statements = self._relations, self._statements
        found: dict[str, _Item] = {}
        for ref in ids:
            for rid in index.relations.get(ref, ()):
                found.setdefault(rid, relations[rid])
        for ref in ids:
            for fid in index.factors.get(ref, ()):
                found.setdefault(fid, statements[fid])
        return list(found.values())

    def _ordered(self, records: list[_Item]) -> list[_Item]:
        """Records in an order they can be added back in: registries first, referents first."""
        wanted = {r.id for r in records}
        ordered: list[_Item] = []
        for registry in (self._agents, self._sources, self._statements, self._relations):
            group = [r for r in registry.values() if r.id in wanted]
            ordered.extend(_referents_first(group))
        return ordered

    def _drop(self, ids: set[str], attributions: set[int]) -> None:
        # Removes without checking: the caller has found every dependent.
        for rid in ids:
            item = self._find(rid)
            assert item is not None
            del self._registry_for[type(item)][rid]
            other = self._opposites.pop(rid, None)
            if other is not None and self._opposites.get(other) == rid:
                del self._opposites[other]
        if attributions:
            targets = {a.target for a in self._attributions if id(a) in attributions}
            self._attributions[:] = [a for a in self._attributions if id(a) not in attributions]
            for target in targets:
                left = [a for a in self._by_target[target] if id(a) not in attributions]
                if left:
                    self._by_target[target] = left
                else:
                    del self._by_target[target]

    def _attribution_index(self, attribution: Attribution) -> int:
        for i, other in enumerate(self._attributions):
            if other is attribution:
                return i
        for i, other in enumerate(self._attributions):
            if other == attribution:
                return i
        raise UnknownIdError(
            f"attribution of {attribution.target!r}",
            (),
            expected="attribution",
        )

    # ----------------------------------------------------------------- replace
    def replace(self, item: Ref, **changes: Any) -> _Item:
        """Replace a record by a copy with some fields changed; its id and kind stay.

        The new record is checked as the builder would check it: its references, the shape of
        a relation, a factor's opposite, and for a source whose text changes, every quote of it
        (each must still be the same words at the same place). Fields take objects or ids
        wherever the builders do. An attribution has no id of its own; change one with
        :meth:`replace_attribution`.

        Args:
            item: The record or its id.
            **changes: New values of the record's fields, by name.

        Returns:
            The new record.

        Raises:
            UnknownIdError: The id, or an id named in a change, names no record.
            StructureError: A field the record does not have, or a value that is not valid
                for it; the message names the field.
            SpanError: A source's new text no longer holds one of its quotes.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> a, b = m.factor("rain", id="rain"), m.factor("floods", id="floods")
            >>> link = m.causes(a, b, polarity="-")
            >>> m.replace(link, polarity="+").polarity
            '+'
            >>> m.replace("rain", colour="grey")
            Traceback (most recent call last):
            ...
            argmap.errors.StructureError: factor 'rain' has no field 'colour'; ...
        """
        rid = _ref_id(item)
        old = self._find(rid)
        if old is None:
            raise UnknownIdError(rid, self._all_ids())
        cls = type(old)
        fields = {k: v for k, v in old.__dict__.items() if k in old.model_fields_set}
        for name, value in changes.items():
            if name in ("id", "kind") or name not in cls.model_fields:
                hint = " (use rename to change an id)" if name == "id" else ""
                settable = sorted(set(cls.model_fields) - {"id", "kind"})
                raise StructureError(
                    f"{old.kind} {rid!r} has no field {name!r}{hint}; its fields are "
                    + ", ".join(settable)
                )
            fields[name] = _normalised(name, value)
        new = self._build(cls, fields)
        self._check_replacement(old, new)
        self._before_edit()
        if isinstance(old, Factor) and isinstance(new, Factor):
            self._relink(old, new)
        self._registry_for[cls][rid] = new
        self._changed(removed=(old,), added=(new,))
        return new

    def _check_replacement(self, old: _Item, new: _Item) -> None:
        if isinstance(new, Support | Attack | CausalLink):
            self._check_relation(new)
        elif isinstance(new, Factor) and isinstance(old, Factor):
            other = new.opposite
            partner = self._statements.get(old.opposite) if old.opposite is not None else None
            if (
                other is not None
                and other != old.opposite
                and isinstance(partner, Factor)
                and partner.opposite == old.id
            ):
                raise StructureError(
                    f"factor {partner.id!r} names {old.id!r} as its opposite; unlink it first"
                )
            if other is not None and other != old.opposite:
                if other == new.id:
                    raise StructureError(f"factor {new.id!r} names itself as its opposite")
                self._require(other, self._statements, "factor")
                if self._statements[other].kind != "factor":
                    raise StructureError(
                        f"opposite {other!r} of {new.id!r} is a claim, expected a factor"
                    )
                taken = self._opposites.get(other)
                if taken is not None and taken != new.id:
                    raise StructureError(f"factor {other!r} already has the opposite {taken!r}")
                mine = self._opposites.get(new.id)
                if mine is not None and mine not in (old.opposite, other):
                    raise StructureError(
                        f"factor {new.id!r} already has the opposite {mine!r}, which names it"
                    )
        elif isinstance(new, Source) and isinstance(old, Source) and new.text != old.text:
            text = new.text or ""
            for attribution in self._attributions if new.text is not None else ():
                quote = attribution.quote
                if (
                    quote is not None
                    and quote.source == new.id
                    and text[quote.start : quote.end] != quote.text
                ):
                    raise SpanError(
                        f"source {new.id!r}'s new text no longer holds the quote "
                        f"{quote.text!r} at {quote.start}:{quote.end} of the "
                        f"{_describe(attribution)}"
                    )

    def _relink(self, old: Factor, new: Factor) -> None:
        if old.opposite == new.opposite:
            return
        opposites = self._opposites
        if old.opposite is not None:
            # Two factors may name each other (a file can say so); the pair then stays.
            partner = self._statements.get(old.opposite)
            if not (isinstance(partner, Factor) and partner.opposite == old.id):
                opposites.pop(old.opposite, None)
                opposites.pop(old.id, None)
        if new.opposite is not None:
            opposites[new.opposite] = new.id
            opposites[new.id] = new.opposite

    def replace_attribution(self, attribution: Attribution, **changes: Any) -> Attribution:
        """Replace one attribution by a copy with some fields changed, in the same place.

        Attributions have no id, so this method takes the attribution itself (as
        :meth:`attributions_of` returns it; an equal one will do) rather than sharing
        :meth:`replace`, whose fields depend on the kind of record an id names. The fields are
        the attribution's own: ``target``, ``agent``, ``stance``, ``reported_by`` and
        ``quote``, checked as :meth:`attribute` checks them.

        Args:
            attribution: An attribution of this map.
            **changes: New values of its fields, by name; references as objects or ids.

        Returns:
            The new attribution.

        Raises:
            UnknownIdError: The attribution is not in the map, or a change names no record.
            StructureError: A field attributions do not have, or a value not valid for it.
            SpanError: The new quote's span lies outside its source's text.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> petro = m.agent("Petro", id="petro")
            >>> c = m.claim("Gang members are my friends", by=petro)
            >>> first = m.attributions_of(c)[0]
            >>> m.replace_attribution(first, stance="denies").stance
            'denies'
            >>> [a.stance for a in m.attributions_of(c)]
            ['denies']
        """
        index = self._attribution_index(attribution)
        old = self._attributions[index]
        fields = {k: v for k, v in old.__dict__.items() if k in old.model_fields_set}
        for name, value in changes.items():
            if name == "kind" or name not in Attribution.model_fields:
                settable = sorted(set(Attribution.model_fields) - {"kind"})
                raise StructureError(
                    f"an attribution has no field {name!r}; its fields are " + ", ".join(settable)
                )
            fields[name] = None if value is None else _normalised(name, value)
        new = self._build(Attribution, fields)
        self._require_statement_or_relation(new.target)
        for ref in (new.agent, new.reported_by):
            if ref is not None:
                self._require(ref, self._agents, "agent")
        if new.quote is not None:
            self._check_quote(new.quote)
        self._before_edit()
        self._attributions[index] = new
        self._swap_in_target(old, new)
        self._changed(removed=(old,), added=(new,))
        return new

    def _swap_in_target(self, old: Attribution, new: Attribution) -> None:
        # Keeps each target's list in the map's order of attributions.
        same = self._by_target[old.target]
        if old.target == new.target:
            same[next(i for i, a in enumerate(same) if a is old)] = new
            return
        same.remove(old)  # by equality is fine: equal attributions are interchangeable
        if not same:
            del self._by_target[old.target]
        self._by_target[new.target] = [a for a in self._attributions if a.target == new.target]

    # ------------------------------------------------------------------ rename
    def rename(self, old_id: Ref, new_id: str) -> _Item:
        """Give a record a new id; every reference to it follows.

        Relations, opposite factors, attributions (target, agent, reporter) and quotes (their
        source) that name the old id are replaced by copies naming the new one. Each record
        keeps its place in the map.

        Args:
            old_id: The record or its id.
            new_id: The new id.

        Returns:
            The renamed record.

        Raises:
            UnknownIdError: ``old_id`` names no record.
            DuplicateIdError: ``new_id`` is taken.
            StructureError: ``new_id`` is not a valid id (empty, spaces, over 200 characters).

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> petro = m.agent("Gustavo Petro")
            >>> c = m.claim("Exclusion leads to violence", by=petro)
            >>> m.rename(petro, "petro").id
            'petro'
            >>> m.attributions_of(c)[0].agent
            'petro'
        """
        rid = _ref_id(old_id)
        old = self._find(rid)
        if old is None:
            raise UnknownIdError(rid, self._all_ids())
        if new_id == rid:
            return old
        if self._taken(new_id):
            existing = self._find(new_id)
            assert existing is not None
            raise DuplicateIdError(new_id, existing.kind)
        fields = {k: v for k, v in old.__dict__.items() if k in old.model_fields_set}
        fields["id"] = new_id
        renamed = self._build(type(old), fields)  # checks the new id's form
        mapping = {rid: new_id}
        self._before_edit()
        removed: list[_Change] = [old]
        added: list[_Change] = [renamed]
        # The record itself keeps its place: rebuild its registry's order with the new key.
        registry = self._registry_for[type(old)]
        # Every step here loops in C, and no tuple is kept per record: a Python loop, or a list
        # of 100,000 new (key, value) tuples (which sets off the cyclic collector), costs more
        # than the rest of a rename.
        keys, values = list(registry), list(registry.values())
        at = keys.index(rid)
        keys[at], values[at] = new_id, renamed
        registry.clear()
        registry.update(zip(keys, values, strict=True))
        for holder in self._naming({rid}):
            copy = _renamed(holder, mapping)
            self._registry_for[type(holder)][holder.id] = copy
            removed.append(holder)
            added.append(copy)
        if rid in self._opposites:
            other = self._opposites.pop(rid)
            self._opposites[new_id] = other
            self._opposites[other] = new_id
        touched: set[str] = set()
        for i, attribution in enumerate(self._attributions):
            if (
                attribution.target == rid
                or attribution.agent == rid
                or attribution.reported_by == rid
                or (attribution.quote is not None and attribution.quote.source == rid)
            ):
                copy_a = _renamed_attribution(attribution, mapping)
                self._attributions[i] = copy_a
                removed.append(attribution)
                added.append(copy_a)
                touched.update((attribution.target, copy_a.target))
        for target in touched:
            self._by_target.pop(target, None)
        for attribution in self._attributions:
            if attribution.target in touched:
                self._by_target.setdefault(attribution.target, []).append(attribution)
        self._changed(removed=removed, added=added)
        return renamed

    # ------------------------------------------------------------------- merge
    def merge(self, other: _Editing, *, on_conflict: OnConflict = "error") -> dict[str, str]:
        """Add another map of the same text to this one; what both hold is kept once.

        Agents with the same name are one agent and sources with the same text are one source,
        whatever their ids (the one of the same id first, then the first of that name or
        text); a record with the same id and the same content (after that) is one
        record, and an attribution this map already holds is not added again. A record of
        ``other`` whose id this map gives to a different record is a conflict, settled by
        ``on_conflict``: ``"error"`` raises, ``"keep"`` keeps this map's record (references
        to it in ``other`` then mean this map's), ``"replace"`` replaces it by ``other``'s
        (both of one kind), ``"rename"`` adds ``other``'s under a fresh id (``id-2``...).
        The title, description and data stay this map's. All or nothing: if anything fails, the
        map is left as it was.

        Args:
            other: The map to merge in; it is not changed.
            on_conflict: ``"error"``, ``"keep"``, ``"replace"`` or ``"rename"``.

        Returns:
            Each id of ``other``'s records and the id it has in this map.

        Raises:
            OptionError: An unknown ``on_conflict``.
            StructureError: Conflicts and ``on_conflict="error"``, the message naming their ids;
                or a replacement of a record by one of another kind.

        Examples:
            >>> from argmap import ArgumentMap
            >>> mine, yours = ArgumentMap(), ArgumentMap()
            >>> _ = mine.agent("Gustavo Petro", id="petro")
            >>> _ = yours.agent("Gustavo Petro", id="gp")
            >>> _ = yours.claim("Exclusion leads to violence", id="c1", by="gp")
            >>> _ = mine.claim("Love ends violence", id="c1")
            >>> mine.merge(yours, on_conflict="rename")
            {'gp': 'petro', 'c1': 'c1-2'}
            >>> mine.attributions_of("c1-2")[0].agent
            'petro'
        """
        if on_conflict not in _ON_CONFLICT:
            raise OptionError(
                f"unknown on_conflict {on_conflict!r}; expected one of {', '.join(_ON_CONFLICT)}"
            )
        # Lists, not views: merging a map into itself must not iterate what it changes.
        agents = list(other._agents.values())
        sources = list(other._sources.values())
        statements = _referents_first(list(other._statements.values()))
        relations = _referents_first(list(other._relations.values()))
        attributions = list(other._attributions)
        incoming = {r.id for r in (*agents, *sources, *statements, *relations)}
        mapping: dict[str, str] = {}
        conflicts: list[_Change] = []
        with self._transaction():
            names: dict[str, str] = {}
            for agent in self._agents.values():
                names.setdefault(agent.name, agent.id)
            texts: dict[str, str] = {}
            for source in self._sources.values():
                if source.text is not None:
                    texts.setdefault(source.text, source.id)
            # The agent (source) of the same id comes first when it is the same person (text):
            # a map that holds two agents of one name merges with its copy unchanged.
            for agent in agents:
                mine = self._agents.get(agent.id)
                same = agent.id if mine is not None and mine.name == agent.name else None
                same = same or names.get(agent.name)
                if same is not None:
                    mapping[agent.id] = same
                else:
                    self._merge_one(agent, mapping, incoming, on_conflict, conflicts)
            for source in sources:
                mine_s = self._sources.get(source.id)
                same = None
                if source.text is not None:
                    same = source.id if mine_s is not None and mine_s.text == source.text else None
                    same = same or texts.get(source.text)
                if same is not None:
                    mapping[source.id] = same
                else:
                    self._merge_one(source, mapping, incoming, on_conflict, conflicts)
            for record in (*statements, *relations):
                self._merge_one(record, mapping, incoming, on_conflict, conflicts)
            if conflicts:
                # Every conflict at once, so that one look settles them all.
                raise StructureError(
                    f"merge conflict on {len(conflicts)} id(s): {_listing(conflicts)}; this map "
                    "holds a different record under each; pass on_conflict='keep', 'replace' "
                    "or 'rename'"
                )
            held = Counter(self._attributions)
            for attribution in attributions:
                copy = _renamed_attribution(attribution, mapping)
                if held[copy] > 0:
                    held[copy] -= 1
                else:
                    self.add_attribution(copy)
        return mapping

    def _merge_one(
        self,
        record: _Item,
        mapping: dict[str, str],
        incoming: set[str],
        on_conflict: str,
        conflicts: list[_Change],
    ) -> None:
        copy = _renamed(record, mapping)
        existing = self._find(copy.id)
        if existing is None:
            self.add(copy)
        elif existing != copy:
            if on_conflict == "error":
                conflicts.append(existing)  # goes on as "keep", to find the others
            elif on_conflict == "replace":
                if type(existing) is not type(copy):
                    raise StructureError(
                        f"merge cannot replace {existing.kind} {copy.id!r} by a {copy.kind}"
                    )
                changes = {
                    k: getattr(copy, k) for k in type(copy).model_fields if k not in ("id", "kind")
                }
                self.replace(copy.id, **changes)
            elif on_conflict == "rename":
                fresh, n = copy.id, 1
                while self._taken(fresh) or fresh in incoming:
                    n += 1
                    fresh = f"{copy.id}-{n}"
                copy = copy.model_copy(update={"id": fresh})
                self.add(copy)
        mapping[record.id] = copy.id


def _normalised(name: str, value: Any) -> Any:
    """A field's new value in the form the builders give it: ids for objects, tuples."""
    if name in ("tags", "aliases"):
        return tuple(value)
    if name == "premises":
        if isinstance(value, str | Agent | Source | Claim | Factor | Support | Attack | CausalLink):
            return (_ref_id(value),)
        return tuple(_ref_id(p) for p in value)
    if name in ("conclusion", "attacker", "target", "cause", "effect", "opposite", "agent"):
        return None if value is None else _ref_id(value)
    if name == "reported_by":
        return None if value is None else _ref_id(value)
    if name == "data":
        return dict(value) if value else None
    if name == "quote" and value is not None and not isinstance(value, Quote):
        raise StructureError(f"quote must be a Quote (see ArgumentMap.quote), got {value!r}")
    return value


def _referents_first(records: Iterable[_Item]) -> list[_Item]:
    """Records in their order, except that a record comes after those of the group it names.

    A map read from a file may name a later record (an undercut of a later support, a factor
    whose opposite follows it); adding one by one needs the named one first. Iterative, so a
    long chain cannot reach the recursion limit.
    """
    group = {r.id: r for r in records}
    placed: set[str] = set()
    # Entered but not yet placed: a cycle of references (possible in a file) is cut there.
    entered: set[str] = set()
    ordered: list[_Item] = []
    for record in group.values():
        if record.id in placed:
            continue
        stack: list[tuple[_Item, bool]] = [(record, False)]
        while stack:
            item, expanded = stack.pop()
            if item.id in placed:
                continue
            if expanded:
                placed.add(item.id)
                ordered.append(item)
                continue
            if item.id in entered:
                continue
            entered.add(item.id)
            stack.append((item, True))
            for ref in _refs(item):
                named = group.get(ref)
                if named is not None and ref not in placed and named is not item:
                    stack.append((named, False))
    return ordered


# The key of the references index in the map's cache (see _References).
_REFERENCES = ("editing", "references")


def references(m: _Registries) -> _References:
    """The map's index of who names each id, built on first use and then kept up to date."""
    index: _References | None = m._cache.get(_REFERENCES)
    if index is None:
        index = m._cache[_REFERENCES] = _References(m._statements, m._relations)
    return index


class _References:
    """Which relations and which factors name each id, kept up to date change by change.

    ``remove`` and ``rename`` ask who names an id; a pass over every relation costs about
    50 ms on a 100,000-claim map, so the answer is indexed once and then follows each change
    (the map offers it every change, see :meth:`ArgumentMap.cached`). Each id's entries keep
    the map's order; a change that would break that order (a record put back in its old place
    by an undone batch, a relation renamed, an end moved onto an id already named) drops the
    index, to be built again when next asked.
    """

    __slots__ = ("factors", "registry", "relations", "statements")

    def __init__(self, statements: dict[str, Any], relations: dict[str, Any]) -> None:
        # The map's registries, not the map: a cached value that held the map would tie the
        # two in a reference cycle.
        self.statements = statements
        self.registry = relations
        self.relations: dict[str, dict[str, None]] = {}
        self.factors: dict[str, dict[str, None]] = {}
        for rel in relations.values():
            self._file(self.relations, rel.id, _refs(rel))
        for stmt in statements.values():
            if stmt.kind == "factor" and stmt.opposite is not None:
                self._file(self.factors, stmt.id, (stmt.opposite,))

    @staticmethod
    def _file(index: dict[str, dict[str, None]], rid: str, refs: Iterable[str]) -> None:
        for ref in refs:
            index.setdefault(ref, {})[rid] = None

    @staticmethod
    def _unfile(index: dict[str, dict[str, None]], rid: str, refs: Iterable[str]) -> None:
        for ref in refs:
            entries = index.get(ref)
            if entries is not None:
                entries.pop(rid, None)
                if not entries:
                    del index[ref]

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        """Apply a change; False when the index must be built again."""
        new = {r.id: r for r in added if isinstance(r, _INDEXED)}
        old = {r.id: r for r in removed if isinstance(r, _INDEXED)}
        appended: list[str] = []
        # Ids first named in this change (per index): their entries come in the change's order.
        fresh: set[tuple[int, str]] = set()
        for rid, record in new.items():
            before = old.pop(rid, None)
            index = self.relations if record.kind in _RELATION_KINDS else self.factors
            if before is None:
                appended.append(rid)
                self._file(index, rid, _refs(record))
                continue
            # Replaced in place: entries it keeps keep their place; one it gains must be the
            # first entry of its id, or the map's order is lost.
            was, now = _refs(before), _refs(record)
            self._unfile(index, rid, [ref for ref in was if ref not in now])
            for ref in now:
                if ref not in was:
                    if ref in index and (id(index), ref) not in fresh:
                        return False
                    fresh.add((id(index), ref))
                    index.setdefault(ref, {})[rid] = None
        for rid, record in old.items():
            index = self.relations if record.kind in _RELATION_KINDS else self.factors
            self._unfile(index, rid, _refs(record))
        # A newcomer is filed last under each id it names, which is the map's order only if
        # it is among the newest records of its registry.
        return all(
            newest(registry, [registry[rid] for rid in appended if rid in registry])
            for registry in (self.registry, self.statements)
        )


_RELATION_KINDS = frozenset({"support", "attack", "causal"})
_INDEXED = (Support, Attack, CausalLink, Factor)
