"""networkx views of an argument map, derived from the model and cached on it until it changes.

Three views, each a :class:`networkx.MultiDiGraph` whose nodes and edges carry ``kind`` and ids:

``"claims"``
    Statements are nodes; relations are edges keyed by the relation's id. A support with linked
    premises fans in: one edge per premise to the conclusion, all with the same key. A
    contradiction is symmetric and gives an edge each way. A relation that is itself the target
    of an undercut (or of a backing support) also appears as a node, with ``relation=True``, so
    the attack has somewhere to point.
``"aif"``
    Bipartite, as the Argument Interchange Format has it: every relation is a node
    (``relation=True``) between its ends: premise → support → conclusion, attacker → attack →
    target, cause → causal link → effect.
``"causal"``
    Causal links only: every factor, and every claim that a causal link touches, as nodes; one
    edge per causal link keyed by its id with its ``polarity``.

Node counts and edge counts follow from the model (a property test holds them to it). The
graphs are shared through the map's cache: treat them as read-only, or ``.copy()`` them.

Examples:
    >>> from argmap import ArgumentMap, to_networkx
    >>> m = ArgumentMap()
    >>> a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
    >>> s = m.support([a, b], c)
    >>> g = to_networkx(m, view="claims")
    >>> sorted(g.edges(keys=True))
    [('c1', 'c3', 's1'), ('c2', 'c3', 's1')]
    >>> to_networkx(m, view="aif").number_of_nodes()
    4
"""

from __future__ import annotations

from typing import Any, Literal

import networkx as nx

from argmap.model import ArgumentMap, Attack, CausalLink, Factor, Support

__all__ = ["View", "to_networkx"]

View = Literal["claims", "aif", "causal"]
_VIEWS = ("claims", "aif", "causal")


def to_networkx(m: ArgumentMap, view: View = "claims") -> nx.MultiDiGraph[str]:
    """Return a networkx view of the map (see the module docs for the three views).

    The graph is cached on the map and rebuilt after the map changes; do not mutate it.

    Args:
        m: The map.
        view: ``"claims"``, ``"aif"`` or ``"causal"``.

    Returns:
        A MultiDiGraph with ``kind`` on every node and edge; edges are keyed by relation id.

    Raises:
        ValueError: An unknown view.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y = m.factor("blockade", id="x"), m.factor("migration", id="y")
        >>> _ = m.causes(x, y, polarity="+")
        >>> list(to_networkx(m, view="causal").edges(keys=True, data="polarity"))
        [('x', 'y', 'l1', '+')]
    """
    if view not in _VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(_VIEWS)}")
    builders = {"claims": _claims_view, "aif": _aif_view, "causal": _causal_view}
    return m.cached(("networkx", view), lambda: builders[view](m))


def _add_statements(g: nx.MultiDiGraph[str], m: ArgumentMap) -> None:
    g.add_nodes_from(
        (sid, {"kind": s.kind, "text": s.text, "relation": False})
        for sid, s in m.statements.items()
    )


def _relation_targets(m: ArgumentMap) -> set[str]:
    relations = m.relations
    targets = set()
    for rel in relations.values():
        if isinstance(rel, Attack) and rel.target in relations:
            targets.add(rel.target)
        elif isinstance(rel, Support) and rel.conclusion in relations:
            targets.add(rel.conclusion)
    return targets


def _claims_view(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(view="claims", title=m.title)
    _add_statements(g, m)
    relations = m.relations
    for rid in _relation_targets(m):
        g.add_node(rid, kind=relations[rid].kind, relation=True)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for rid, rel in relations.items():
        if isinstance(rel, Support):
            linked = len(rel.premises) > 1
            edges.extend(
                (p, rel.conclusion, rid, {"kind": "support", "linked": linked})
                for p in rel.premises
            )
        elif isinstance(rel, Attack):
            edges.append((rel.attacker, rel.target, rid, {"kind": "attack", "type": rel.type}))
            if rel.type == "contradict" and rel.target != rel.attacker:
                edges.append((rel.target, rel.attacker, rid, {"kind": "attack", "type": rel.type}))
        else:
            edges.append((rel.cause, rel.effect, rid, {"kind": "causal", "polarity": rel.polarity}))
    for u, v, key, attrs in edges:
        g.add_edge(u, v, key=key, **attrs)
    return g


def _aif_view(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(view="aif", title=m.title)
    _add_statements(g, m)
    edges: list[tuple[str, str, str]] = []
    for rid, rel in m.relations.items():
        if isinstance(rel, Support):
            g.add_node(rid, kind="support", relation=True, scheme=rel.scheme)
            edges.extend((p, rid, "premise") for p in rel.premises)
            edges.append((rid, rel.conclusion, "conclusion"))
        elif isinstance(rel, Attack):
            g.add_node(rid, kind="attack", relation=True, type=rel.type)
            edges.append((rel.attacker, rid, "attacker"))
            edges.append((rid, rel.target, "target"))
        else:
            g.add_node(rid, kind="causal", relation=True, polarity=rel.polarity)
            edges.append((rel.cause, rid, "cause"))
            edges.append((rid, rel.effect, "effect"))
    for u, v, role in edges:
        g.add_edge(u, v, key=role, kind=role)
    return g


def _causal_view(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(view="causal", title=m.title)
    statements = m.statements
    g.add_nodes_from(
        (sid, {"kind": "factor", "text": s.text, "opposite": m.opposite_of(sid)})
        for sid, s in statements.items()
        if isinstance(s, Factor)
    )
    for rid, rel in m.relations.items():
        if not isinstance(rel, CausalLink):
            continue
        for end in (rel.cause, rel.effect):
            if end not in g:
                g.add_node(end, kind=statements[end].kind, text=statements[end].text)
        g.add_edge(
            rel.cause,
            rel.effect,
            key=rid,
            kind="causal",
            polarity=rel.polarity,
            modality=rel.modality,
        )
    return g
