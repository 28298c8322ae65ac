"""Queries of a map: find statements by their words, list what an agent says, cut out a part.

:class:`~argmap.model.ArgumentMap` delegates :meth:`~argmap.model.ArgumentMap.find`,
:meth:`~argmap.model.ArgumentMap.by` and :meth:`~argmap.model.ArgumentMap.subset` here;
:func:`perspective` is the map as one speaker tells it. A part of a map is itself a valid map
(built through :meth:`~argmap.model.ArgumentMap.from_document`, which checks every reference),
so every analysis and view runs on it unchanged.

Two words name who stands behind a record, and they differ on purpose:

- an agent **takes a stance** on a record when an attribution names the agent as its ``agent``,
  whether the agent said it directly or someone reports it (:meth:`~argmap.model.ArgumentMap.by`);
- an agent **tells** a record when an attribution names the agent as its ``agent`` or as its
  ``reported_by``: what one takes a stance on, and what one reports others saying. A speaker's
  part of the map (``subset(speakers=...)``, :func:`perspective`, ``--speaker`` on the command
  line) is what the speaker tells.

Examples:
    >>> from argmap import ArgumentMap, perspective
    >>> m = ArgumentMap()
    >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
    >>> friends = m.claim("Gang members are Petro's friends", id="friends", by=petro,
    ...                   reported_by=noem)
    >>> never = m.claim("Petro never met a gang member", id="never", by=petro)
    >>> _ = m.undermine(never, friends, by=petro)
    >>> sorted(perspective(m, "noem").statements)  # but she tells of it
    ['friends']
    >>> sorted(perspective(m, "petro").statements)
    ['friends', 'never']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from argmap.errors import OptionError, UnknownIdError
from argmap.model.records import (
    Agent,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Ref,
    Source,
    Support,
)

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap

__all__ = ["perspective"]

_Relation: TypeAlias = Support | Attack | CausalLink
_Record: TypeAlias = Claim | Factor | Support | Attack | CausalLink


# --------------------------------------------------------------------------- arguments
def _as_list(value: Iterable[Any] | str | Any, what: str) -> list[Any]:
    """One id (or record) or several, as a list; a lone string is one id, not its letters."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        return [value]
    items = list(value)
    if not items:
        raise OptionError(f"{what}= is empty; pass None to leave it out")
    return items


def _require_statements(m: ArgumentMap, refs: Iterable[Ref]) -> list[str]:
    return [m._require_node(ref) for ref in refs]


def _require_agents(m: ArgumentMap, refs: Iterable[Ref]) -> list[str]:
    return [m._require(ref, m._agents, "agent") for ref in refs]


def _require_tags(m: ArgumentMap, tags: Iterable[str]) -> list[str]:
    known: set[str] = set()
    for record in (*m._statements.values(), *m._relations.values()):
        known.update(record.tags)
    wanted = list(tags)
    for tag in wanted:
        if not isinstance(tag, str):
            raise TypeError(f"expected a tag (a string), got {type(tag).__name__}")
        if tag not in known:
            raise UnknownIdError(tag, sorted(known), expected="tag")
    return wanted


def _ends(rel: _Relation) -> tuple[str, ...]:
    """The ids a relation names: statements, and for undercuts and backings a relation."""
    kind = rel.kind
    if kind == "support":
        assert isinstance(rel, Support)
        return (*rel.premises, rel.conclusion)
    if kind == "attack":
        assert isinstance(rel, Attack)
        return (rel.attacker, rel.target)
    assert isinstance(rel, CausalLink)
    return (rel.cause, rel.effect)


def _tells(attribution: Attribution, speakers: set[str]) -> bool:
    return attribution.agent in speakers or attribution.reported_by in speakers


# --------------------------------------------------------------------------- subset
def subset(
    m: ArgumentMap,
    *,
    statements: Iterable[Ref] | Ref | None = None,
    speakers: Iterable[Ref] | Ref | None = None,
    tags: Iterable[str] | str | None = None,
    reconstructed: bool = True,
    depth: int = 0,
) -> ArgumentMap:
    """Return a new, valid map holding only the part of ``m`` asked for, and what it needs.

    Each selector given picks statements and relations; what every given selector picks is
    kept (several values of one selector are alternatives: ``speakers=["petro", "noem"]``
    keeps what either tells, ``speakers="petro", tags="economy"`` what Petro tells on the
    economy). With no selector, everything is kept.

    - ``statements``: these statements, and the relations among the statements kept.
    - ``speakers``: the statements and relations the speakers *tell*: those an attribution
      names one of them as its agent (said directly or reported by someone) or as its reporter
      (what they report others saying). Only relations they tell are kept, and of the
      attributions only those they tell.
    - ``tags``: statements and relations with one of these tags, and the relations among the
      statements kept.
    - ``reconstructed=False`` drops what the analyst reconstructed (statements and relations
      marked ``reconstructed``) and every relation that needs one of them.
    - ``depth``: also keep what lies within this many relations of what was picked, reached
      through any relation (told by anyone) that survives ``reconstructed``.

    What the kept records need comes along: the ends of every relation (the statements it
    joins, the relation an undercut or a backing aims at), the agents and reporters named by
    the attributions kept, and the sources their quotes cite. A factor keeps its opposite
    only when the opposite is kept too; otherwise the pairing is left out of the copy. The
    title, description and data of the map are kept. Records are shared, never copied (they
    are immutable); the result is independent of ``m``.

    Args:
        m: The map.
        statements: A statement (or its id), or several.
        speakers: An agent (or its id), or several.
        tags: A tag, or several; each must be used by some statement or relation.
        reconstructed: Keep what the analyst reconstructed (the default).
        depth: How many relations away from the picked records to widen the part (0: none).

    Returns:
        A new map; with no selector and ``reconstructed=True`` it equals ``m``.

    Raises:
        UnknownIdError: A statement, agent or tag that the map does not hold; the message
            names the closest ids.
        StructureError: An id of the wrong kind (an agent among ``statements``).
        OptionError: A negative ``depth``, or an empty list for a selector.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro = m.agent("Petro", id="petro")
        >>> blockade = m.factor("blockade", id="blockade", tags=["economy"])
        >>> gang = m.factor("gang strength", id="gang")
        >>> link = m.causes(blockade, gang, by=petro)
        >>> other = m.claim("The gang was defeated", id="defeated")
        >>> part = m.subset(statements=["gang"], depth=1)
        >>> sorted(part.statements), sorted(part.relations)
        (['blockade', 'gang'], ['l1'])
        >>> sorted(m.subset(speakers="petro").statements)  # the link's ends come along
        ['blockade', 'gang']
        >>> sorted(m.subset(tags="economy").statements)
        ['blockade']
        >>> m.subset(speakers="petr")
        Traceback (most recent call last):
        ...
        argmap.errors.UnknownIdError: unknown agent id 'petr' (did you mean 'petro'?)
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise OptionError(f"depth={depth!r}: expected a whole number >= 0")
    wanted: set[str] | None = None
    if statements is not None:
        wanted = set(_require_statements(m, _as_list(statements, "statements")))
    speaker_ids: set[str] | None = None
    if speakers is not None:
        speaker_ids = set(_require_agents(m, _as_list(speakers, "speakers")))
    tag_set: set[str] | None = None
    if tags is not None:
        tag_set = set(_require_tags(m, _as_list(tags, "tags")))
    everything = wanted is None and speaker_ids is None and tag_set is None

    told: set[str] | None = None
    if speaker_ids is not None:
        told = {a.target for a in m._attributions if _tells(a, speaker_ids)}

    def allowed(record: _Record) -> bool:
        return reconstructed or not record.reconstructed

    # 1. What the selectors pick. Relations are picked by speakers and tags, never by
    # ``statements`` (those come in below, as relations among the statements kept).
    keep_s: set[str] = set()
    for sid, statement in m._statements.items():
        if (
            allowed(statement)
            and (wanted is None or sid in wanted)
            and (told is None or sid in told)
            and (tag_set is None or not tag_set.isdisjoint(statement.tags))
        ):
            keep_s.add(sid)
    keep_r: set[str] = set()
    if wanted is None:
        for rid, rel in m._relations.items():
            if (
                allowed(rel)
                and (told is None or rid in told)
                and (tag_set is None or not tag_set.isdisjoint(rel.tags))
            ):
                keep_r.add(rid)

    # 2. Widen by ``depth`` relations, through any relation that survives ``reconstructed``:
    # a breadth-first walk over an index of the relations that name each id.
    touching: dict[str, list[str]] = {}
    for rid, rel in m._relations.items():
        ends = _ends(rel)
        # A relation with a dropped end is no way through: it could not be kept.
        if allowed(rel) and all(e in m._relations or allowed(m._statements[e]) for e in ends):
            for end in ends:
                touching.setdefault(end, []).append(rid)
    frontier = keep_s | keep_r
    for _ in range(depth):
        reached: set[str] = set()
        for node in frontier:
            for rid in touching.get(node, ()):
                if rid not in keep_r:
                    keep_r.add(rid)
                    reached.add(rid)
                    for end in _ends(m._relations[rid]):
                        if end in m._statements and end not in keep_s:
                            keep_s.add(end)
                            reached.add(end)
        if not reached:
            break
        frontier = reached

    # 3. What the relations kept need: their ends, relations included (an undercut's target,
    # a backing's inference), and theirs in turn. A relation that needs a dropped record is
    # dropped with everything that needs it.
    keep_r, needed = _viable(m, keep_r, allowed)
    keep_s |= needed

    # 4. Relations among the statements kept, where no speaker says otherwise.
    if not everything:
        keep_r |= _among(m, keep_s, keep_r, allowed, told)

    return _build(m, keep_s, keep_r, speaker_ids, everything)


def _viable(m: ArgumentMap, relations: set[str], allowed: Any) -> tuple[set[str], set[str]]:
    """(the relations that can be kept with everything they need, the statements they need).

    A worklist, not recursion, so that a long chain of undercuts of undercuts cannot hit the
    recursion limit; relations may even name each other in a cycle (an undercut of a backing
    of the undercut), which a worklist settles too.
    """
    rels, stmts = m._relations, m._statements
    closure: set[str] = set()
    stack = list(relations)
    while stack:
        rid = stack.pop()
        if rid not in closure:
            closure.add(rid)
            stack.extend(end for end in _ends(rels[rid]) if end in rels)
    needed_by: dict[str, list[str]] = {}
    dropped: list[str] = []
    for rid in closure:
        rel = rels[rid]
        ok = allowed(rel)
        for end in _ends(rel):
            if end in rels:
                needed_by.setdefault(end, []).append(rid)
            elif not allowed(stmts[end]):
                ok = False
        if not ok:
            dropped.append(rid)
    while dropped:
        rid = dropped.pop()
        if rid in closure:
            closure.discard(rid)
            dropped.extend(needed_by.get(rid, ()))
    needed = {end for rid in closure for end in _ends(rels[rid]) if end in stmts}
    return closure, needed


def _among(
    m: ArgumentMap,
    keep_s: set[str],
    keep_r: set[str],
    allowed: Any,
    told: set[str] | None,
) -> set[str]:
    """The relations, not yet kept, whose every end is kept (and, for speakers, that they tell).

    An undercut of a relation found here is found on the next pass; the passes stop when one
    finds nothing.
    """
    added: set[str] = set()
    kept = keep_r
    while True:
        found = {
            rid
            for rid, rel in m._relations.items()
            if rid not in kept
            and rid not in added
            and allowed(rel)
            and (told is None or rid in told)
            and all(end in keep_s or end in kept or end in added for end in _ends(rel))
        }
        if not found:
            return added
        added |= found


def _build(
    m: ArgumentMap,
    keep_s: set[str],
    keep_r: set[str],
    speakers: set[str] | None,
    everything: bool,
) -> ArgumentMap:
    """The new map of the records kept, in the order of ``m``, checked by ``from_document``."""
    kept_statements: list[Claim | Factor] = []
    for sid, statement in m._statements.items():
        if sid not in keep_s:
            continue
        if (
            type(statement) is Factor
            and statement.opposite is not None
            and statement.opposite not in keep_s
        ):
            fields = statement.model_dump(exclude_unset=True, exclude={"opposite"})
            statement = Factor.model_validate(fields)
        kept_statements.append(statement)
    kept_relations = [rel for rid, rel in m._relations.items() if rid in keep_r]
    attributions = [
        a
        for a in m._attributions
        if (a.target in keep_s or a.target in keep_r) and (speakers is None or _tells(a, speakers))
    ]
    agents: list[Agent]
    sources: list[Source]
    if everything:
        agents, sources = list(m._agents.values()), list(m._sources.values())
    else:
        named = set(speakers or ())
        cited: set[str] = set()
        for a in attributions:
            named.update(x for x in (a.agent, a.reported_by) if x is not None)
            if a.quote is not None:
                cited.add(a.quote.source)
        agents = [agent for aid, agent in m._agents.items() if aid in named]
        sources = [source for sid, source in m._sources.items() if sid in cited]
    doc = MapDocument.model_construct(
        schema_version=1,
        title=m.title,
        description=m.description,
        agents=tuple(agents),
        sources=tuple(sources),
        statements=tuple(kept_statements),
        relations=tuple(kept_relations),
        attributions=tuple(attributions),
        data=dict(m._data),
    )
    return type(m).from_document(doc)


# --------------------------------------------------------------------------- perspective
def perspective(
    m: ArgumentMap, agent: Ref, *, reconstructed: bool = True, depth: int = 0
) -> ArgumentMap:
    """Return the map as one speaker tells it: a valid map on which every analysis runs.

    It holds what the speaker *tells*: every statement and relation on which an attribution
    names the speaker as its agent (asserted, denied or questioned, said directly or reported
    by someone else) or as its reporter (what the speaker reports others saying), with only
    those attributions; and what these records need to stand: the statements a relation of
    theirs joins (a link from a cause no one names to an effect they name brings its cause)
    and the relation an undercut or a backing of theirs aims at, with its own ends. So every
    statement of a perspective is the speaker's: one they tell, or one that a relation they
    tell names. Relations that others draw, or that no one is recorded as drawing, are left
    out, even between the speaker's own statements. It is
    ``m.subset(speakers=agent, reconstructed=reconstructed, depth=depth)``, titled after the
    speaker.

    Args:
        m: The map.
        agent: The speaker (or its id).
        reconstructed: Keep what the analyst reconstructed; False drops it and what needs it.
        depth: Also keep what lies this many relations away from the speaker's records,
            whoever draws those relations (0: the speaker's own story only).

    Returns:
        A new map, titled "TITLE, as NAME tells it".

    Raises:
        UnknownIdError: No agent has this id; the message names the closest ids.
        StructureError: The id is a statement, relation or source, not an agent.

    Examples:
        >>> from argmap import ArgumentMap, perspective
        >>> m = ArgumentMap(title="Bogota")
        >>> noem, petro = m.agent("Kristi Noem", id="noem"), m.agent("Gustavo Petro", id="petro")
        >>> crit = m.claim("Petro criticised the US government", id="criticised", by=noem)
        >>> m.attribute(crit, by=petro, stance="denies").stance
        'denies'
        >>> own = perspective(m, "petro")
        >>> own.title, sorted(own.statements)
        ('Bogota, as Gustavo Petro tells it', ['criticised'])
        >>> [(a.agent, a.stance) for a in own.attributions]  # Noem's stance is not his
        [('petro', 'denies')]
    """
    aid = m._require(agent, m._agents, "agent")
    part = subset(m, speakers=[aid], reconstructed=reconstructed, depth=depth)
    part.title = f"{m.title or 'Untitled map'}, as {m._agents[aid].name} tells it"
    return part
