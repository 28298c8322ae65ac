"""What a drawing shows: a view of the map, narrowed to a focus, a path or a speaker.

A *view* decides which statements and relations belong in a picture: ``"argument"`` (claims, and
the factors that supports and attacks touch, with supports and attacks, and the causal links
that a support or attack targets, drawn as notes), ``"causal"`` (factors and everything causal
links touch, with the links) and ``"speakers"`` (the statements and relations that someone takes
a stance on; a relation is drawn as a note that says in words what it joins, so its ends come
only if someone takes a stance on them too). A *selection* narrows a view:
``focus=ID, depth=K`` keeps what lies within K relations of a statement or relation,
``path=(A, B)`` keeps the statements and relations on the ways from A to B, and ``speaker=ID``
keeps an agent's statements and relations and what they touch. networkx does the walking, on
the map's ``"aif"`` graph (relations as nodes, so an undercut leads to the premises of the support
it attacks). Views and graphs are named apart: both vocabularies live in :mod:`argmap.names`.

A selection that is too large for a readable layout raises :class:`MapTooLargeError` rather than
returning nothing, and one that is empty raises :class:`ViewError`, both saying what to try.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> a, b, c = m.claim("A", id="a"), m.claim("B", id="b"), m.claim("C", id="c")
    >>> _ = m.support(a, b), m.support(b, c)
    >>> sorted(select(m, "argument", focus="a", depth=1).statements)
    ['a', 'b']
    >>> sorted(select(m, "argument", path=("a", "c")).relations)
    ['s1', 's2']
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import networkx as nx

from argmap.errors import MapTooLargeError, UnknownIdError, ViewError
from argmap.graph import to_networkx
from argmap.model import ArgumentMap, CausalLink, Claim, relation_ends
from argmap.names import LEGENDS, VIEWS, LegendPlace, ViewName

__all__ = [
    "VIEWS",
    "Selection",
    "ViewName",
    "select",
]


@dataclass(frozen=True)
class Selection:
    """The statements and relations a drawing shows, in the map's order.

    Attributes:
        view: The view's name.
        statements: Ids of the statements shown.
        relations: Ids of the relations shown (their statement ends are all shown too).
    """

    view: str
    statements: tuple[str, ...]
    relations: tuple[str, ...]


def select(
    m: ArgumentMap,
    view: str = "argument",
    *,
    focus: str | None = None,
    depth: int = 1,
    path: Sequence[str] | None = None,
    speaker: str | None = None,
    max_nodes: int | None = None,
) -> Selection:
    """Return the statements and relations a drawing of ``view`` shows, narrowed as asked.

    Args:
        m: The map.
        view: ``"argument"``, ``"causal"`` or ``"speakers"``.
        focus: A statement or relation id: keep what lies within ``depth`` relations of it.
        depth: How many relations away from ``focus`` to reach.
        path: Two statement ids: keep the statements and relations on the ways between them.
        speaker: An agent id: keep what the agent takes a stance on or reports, and what that
            touches.
        max_nodes: Raise when more statements than this remain; ``None`` for no limit.

    Returns:
        The selection, in the map's order.

    Raises:
        ViewError: An unknown view, a negative depth, a path with no way between its ends, or a
            speaker with nothing in the view.
        UnknownIdError: ``focus``, ``path`` or ``speaker`` names nothing in the map.
        MapTooLargeError: More than ``max_nodes`` statements remain.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y = m.factor("blockade", id="x"), m.factor("migration", id="y")
        >>> _ = m.causes(x, y)
        >>> select(m, "causal")
        Selection(view='causal', statements=('x', 'y'), relations=('l1',))
        >>> select(m, "causal", max_nodes=1)
        Traceback (most recent call last):
        ...
        argmap.errors.MapTooLargeError: the causal view holds 2 statements, ...
    """
    if view not in VIEWS:
        raise ViewError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if depth < 0:
        raise ViewError(f"depth={depth}: expected 0 or more relations")
    statements, relations = _view(m, view)
    if focus is not None:
        keep = _focus(m, statements, relations, focus, depth)
        statements = {s for s in statements if s in keep}
        relations = {r for r in relations if r in keep}
    if path is not None:
        statements, relations = _path(m, statements, relations, path)
    if speaker is not None:
        statements, relations = _speaker(m, statements, relations, speaker)
    relations = _drawable(m, statements, relations, view)
    if max_nodes is not None and len(statements) > max_nodes:
        raise MapTooLargeError(len(statements), max_nodes, view)
    return Selection(
        view,
        tuple(s for s in m.statements if s in statements),
        tuple(r for r in m.relations if r in relations),
    )


def _view(m: ArgumentMap, view: str) -> tuple[set[str], set[str]]:
    """The statements and candidate relations of a whole view."""
    if view == "causal":
        links = {rid for rid, r in m.relations.items() if isinstance(r, CausalLink)}
        statements = {sid for sid, s in m.statements.items() if not isinstance(s, Claim)}
        for rid in links:
            link = m.relations[rid]
            assert isinstance(link, CausalLink)
            statements.update((link.cause, link.effect))
        return statements, links
    if view == "speakers":
        # What someone takes a stance on; a relation is a note of its own, described in words.
        said = {a.target for a in m.attributions}
        return said.intersection(m.statements), said.intersection(m.relations)
    # argument: claims, plus the factors that argument relations touch. Causal links are
    # candidates too; _drawable keeps only those an argument relation points at. The `kind`
    # tag, not isinstance (a pydantic metaclass call), keeps this pass cheap on big maps.
    all_statements = m.statements
    statements = {sid for sid, s in all_statements.items() if s.kind == "claim"}
    for rel in m.relations.values():
        if rel.kind == "support":
            statements.update(rel.premises)
            conclusion = rel.conclusion
            if conclusion in all_statements:
                statements.add(conclusion)
        elif rel.kind == "attack":
            statements.add(rel.attacker)
            target = rel.target
            if target in all_statements:
                statements.add(target)
    return statements, set(m.relations)


def _ends(m: ArgumentMap, rid: str, *, statements_only: bool = False) -> list[str]:
    """The ids a relation joins: premises and conclusion, attacker and target, cause and effect."""
    ends = relation_ends(m.relations[rid])
    if statements_only:
        return [e for e in ends if e in m.statements]
    return list(ends)


def _drawable(m: ArgumentMap, statements: set[str], relations: set[str], view: str) -> set[str]:
    """Keep the relations whose ends are all shown; a relation's end may be another relation.

    Worklist, linear in the number of relations: a relation waits for the relations it points
    at, and is settled when the last of them is. The speakers view draws a relation as a note
    of its own, described in words, and so does the argument view a causal link (which only
    comes when a support or attack targets it): those need none of their ends.
    """
    if view == "speakers":
        return set(relations)
    keep: set[str] = set()
    waiting: dict[str, list[str]] = {}
    pending: dict[str, int] = {}
    ready: list[str] = []
    links: list[str] = []  # causal links among the candidates
    all_relations = m.relations
    # In the map's order, not the set's: the records then sit in memory in the order they are
    # read, which made this loop four times faster on a 100,000-claim map.
    for rid, rel in all_relations.items():
        if rid not in relations:
            continue
        if rel.kind == "support":
            ends: tuple[str, ...] = (*rel.premises, rel.conclusion)
        elif rel.kind == "attack":
            ends = (rel.attacker, rel.target)
        else:
            ends = (rel.cause, rel.effect) if view == "causal" else ()
            links.append(rid)
        # One id namespace: an end that is neither a shown statement nor a candidate relation
        # is a statement left out of the view, or a relation that cannot be drawn.
        missing: list[str] = []
        for end in ends:
            if end in statements:
                continue
            if end not in relations:
                break
            missing.append(end)
        else:
            if not missing:
                ready.append(rid)
            else:
                pending[rid] = len(missing)
                for end in missing:
                    waiting.setdefault(end, []).append(rid)
    while ready:
        rid = ready.pop()
        keep.add(rid)
        for other in waiting.pop(rid, ()):
            pending[other] -= 1
            if pending[other] == 0:
                ready.append(other)
    if view != "causal" and links:
        # The argument view draws a causal link only as the target of a support or attack.
        shown_links = keep.intersection(links)
        targeted: set[str] = set()
        for rid, rel in all_relations.items():
            if rid not in keep:
                continue
            if rel.kind == "support" and rel.conclusion in shown_links:
                targeted.add(rel.conclusion)
            elif rel.kind == "attack" and rel.target in shown_links:
                targeted.add(rel.target)
        keep -= shown_links - targeted
    return keep


def _graph(
    m: ArgumentMap, statements: Collection[str], relations: Collection[str]
) -> nx.MultiDiGraph[str]:
    """The map's AIF graph (relations as nodes) restricted to what the view shows."""
    aif = to_networkx(m, graph="aif")
    return aif.subgraph([*statements, *relations])


def _check_cluster_by(cluster_by: object) -> None:
    """Refuse a grouping that no drawing knows; every renderer takes the same three."""
    if cluster_by not in (None, "speaker", "tag"):
        raise ViewError(f"unknown cluster_by {cluster_by!r}; expected 'speaker', 'tag' or None")


def _check_legend(legend: object) -> LegendPlace:
    """``True``/``False`` (the old switch) as ``"side"``/``"none"``; refuse any other place."""
    if legend is True:
        return "side"
    if legend is False:
        return "none"
    for place in LEGENDS:
        if legend == place:
            return place
    raise ViewError(f"unknown legend {legend!r}; expected 'side' or 'none'")


RANKDIRS = ("TB", "LR", "BT", "RL")
"""Directions a drawing can run: top to bottom, left to right, bottom to top, right to left."""


def _check_rankdir(rankdir: object) -> str | None:
    """``None`` (the view's own direction) or one of :data:`RANKDIRS`, any case."""
    if rankdir is None:
        return None
    if isinstance(rankdir, str) and rankdir.upper() in RANKDIRS:
        return rankdir.upper()
    raise ViewError(f"unknown rankdir {rankdir!r}; expected one of {', '.join(RANKDIRS)}")


def _check_node(m: ArgumentMap, ref: str, what: str) -> None:
    if ref not in m.statements and ref not in m.relations:
        raise UnknownIdError(ref, [*m.statements, *m.relations], expected=what)


def _focus(
    m: ArgumentMap, statements: set[str], relations: set[str], focus: str, depth: int
) -> set[str]:
    _check_node(m, focus, "statement or relation")
    if focus not in statements and focus not in relations:
        raise ViewError(f"{focus!r} is not drawn in this view; try another view")
    g = _graph(m, statements, relations).to_undirected(as_view=True)
    # statement -> relation -> statement is two steps in the AIF graph; a relation focus is
    # already half-way, so it reaches its own ends at depth 0.
    radius = 2 * depth + (1 if focus in m.relations else 0)
    reached = nx.single_source_shortest_path_length(g, focus, cutoff=radius)
    keep = set(reached)
    # Keep every end of a relation reached, so linked premises are not cut in half.
    for node in list(keep):
        if node in m.relations:
            keep.update(_ends(m, node))
    return keep


def _path(
    m: ArgumentMap, statements: set[str], relations: set[str], path: Sequence[str]
) -> tuple[set[str], set[str]]:
    if len(path) != 2:
        raise ViewError(f"path= takes two statement ids, got {len(path)}")
    a, b = path
    for end in (a, b):
        _check_node(m, end, "statement")
        if end not in statements:
            raise ViewError(f"{end!r} is not drawn in this view; try another view")
    g = _graph(m, statements, relations)
    between: set[str] = set()
    for src, dst in ((a, b), (b, a)):
        down = nx.descendants(g, src) | {src}
        up = nx.ancestors(g, dst) | {dst}
        if dst in down:
            between |= down & up
    if not between:
        # No directed way: fall back on the shortest ways ignoring direction (a contradiction
        # or two attacks on one claim join statements without a directed path).
        ug = g.to_undirected(as_view=True)
        try:
            for way in nx.all_shortest_paths(ug, a, b):
                between.update(way)
        except nx.NetworkXNoPath:
            raise ViewError(
                f"no relation joins {a!r} and {b!r} in this view; try focus= on one of them"
            ) from None
    keep_rel = {r for r in relations if r in between}
    keep_stmt = {s for s in statements if s in between}
    for rid in keep_rel:
        keep_stmt.update(e for e in _ends(m, rid, statements_only=True) if e in statements)
    return keep_stmt, keep_rel


def _speaker(
    m: ArgumentMap, statements: set[str], relations: set[str], speaker: str
) -> tuple[set[str], set[str]]:
    if speaker not in m.agents:
        raise UnknownIdError(speaker, m.agents, expected="agent")
    said = {a.target for a in m.attributions if speaker in (a.agent, a.reported_by)}
    seeds = [t for t in said if t in statements or t in relations]
    if not seeds:
        others = sorted({a.agent for a in m.attributions if a.agent is not None} - {speaker})
        hint = f"; agents with stances: {', '.join(others)}" if others else ""
        raise ViewError(f"agent {speaker!r} takes no stance on anything in this view{hint}")
    g = _graph(m, statements, relations).to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        # A statement's neighbourhood to one relation; a relation's own ends.
        cutoff = 1 if seed in m.relations else 2
        keep.update(nx.single_source_shortest_path_length(g, seed, cutoff=cutoff))
    for node in list(keep):
        if node in m.relations:
            keep.update(_ends(m, node))
    return {s for s in statements if s in keep}, {r for r in relations if r in keep}
