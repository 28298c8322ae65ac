"""networkx graphs of an argument map, derived from the model and cached on it until it changes.

Four graphs, each a :class:`networkx.MultiDiGraph` whose nodes and edges carry ``kind`` and ids,
named by ``graph=`` (the names are in :mod:`argmap.names`, apart from a drawing's views):

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
``"causal-links"``
    Causal links only: every factor, and every claim that a causal link touches, as nodes; one
    edge per causal link keyed by its id with its ``polarity``.
``"agents"``
    Who answers whom, for analysts (the speakers view draws it): agents as nodes (``name``,
    ``role``, and ``narrator=True`` on the source's own voice); one edge per pair and kind,
    keyed by the kind: ``supports``, ``attacks``, ``denies``, ``questions`` or ``reports``,
    with ``count`` and ``targets`` (the statements and relations behind it).

Node counts and edge counts follow from the model (a property test holds them to it). The
graphs are shared through the map's cache: treat them as read-only, or ``.copy()`` them.

Examples:
    >>> from argmap import ArgumentMap, to_networkx
    >>> m = ArgumentMap()
    >>> a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
    >>> s = m.support([a, b], c)
    >>> g = to_networkx(m, graph="claims")
    >>> sorted(g.edges(keys=True))
    [('c1', 'c3', 's1'), ('c2', 'c3', 's1')]
    >>> to_networkx(m, graph="aif").number_of_nodes()
    4
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from argmap.errors import ViewError
from argmap.model import ArgumentMap, Attack, CausalLink, Factor, Support
from argmap.names import GRAPHS, GraphName

__all__ = ["to_networkx"]


def to_networkx(m: ArgumentMap, graph: GraphName = "claims") -> nx.MultiDiGraph[str]:
    """Return a networkx graph of the map (see the module docs for the four graphs).

    The graph is cached on the map and rebuilt after the map changes; do not mutate it.

    Args:
        m: The map.
        graph: ``"claims"``, ``"aif"``, ``"causal-links"`` or ``"agents"`` (who answers
            whom: agents as nodes, edges keyed by the kind of exchange).

    Returns:
        A MultiDiGraph with ``kind`` on every node and edge; edges are keyed by relation id;
        its ``name`` is the graph's name.

    Raises:
        ViewError: An unknown graph name (also a ``ValueError``).

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y = m.factor("blockade", id="x"), m.factor("migration", id="y")
        >>> _ = m.causes(x, y, polarity="+")
        >>> list(to_networkx(m, graph="causal-links").edges(keys=True, data="polarity"))
        [('x', 'y', 'l1', '+')]

        Who answers whom:

        >>> p, n = m.agent("Petro", id="p"), m.agent("Noem", id="n")
        >>> _ = m.rebut(m.claim("no", id="no", by=p), m.claim("yes", id="yes", by=n))
        >>> list(to_networkx(m, graph="agents").edges(keys=True, data="count"))
        [('p', 'n', 'attacks', 1)]
    """
    if graph not in GRAPHS:
        raise ViewError(f"unknown graph {graph!r}; expected one of {', '.join(GRAPHS)}")
    builders = {
        "claims": _claims_graph,
        "aif": _aif_graph,
        "causal-links": _causal_graph,
        "agents": _agents_graph,
    }
    return m.cached(("networkx", graph), lambda: builders[graph](m))


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


def _claims_graph(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="claims", title=m.title)
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
            edges.append((rel.attacker, rel.target, rid, {"kind": "attack", "sort": rel.sort}))
            if rel.sort == "contradict" and rel.target != rel.attacker:
                edges.append((rel.target, rel.attacker, rid, {"kind": "attack", "sort": rel.sort}))
        else:
            edges.append((rel.cause, rel.effect, rid, {"kind": "causal", "polarity": rel.polarity}))
    for u, v, key, attrs in edges:
        g.add_edge(u, v, key=key, **attrs)
    return g


def _aif_graph(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="aif", title=m.title)
    _add_statements(g, m)
    edges: list[tuple[str, str, str]] = []
    for rid, rel in m.relations.items():
        if isinstance(rel, Support):
            g.add_node(rid, kind="support", relation=True, scheme=rel.scheme)
            edges.extend((p, rid, "premise") for p in rel.premises)
            edges.append((rid, rel.conclusion, "conclusion"))
        elif isinstance(rel, Attack):
            g.add_node(rid, kind="attack", relation=True, sort=rel.sort)
            edges.append((rel.attacker, rid, "attacker"))
            edges.append((rid, rel.target, "target"))
        else:
            g.add_node(rid, kind="causal", relation=True, polarity=rel.polarity)
            edges.append((rel.cause, rid, "cause"))
            edges.append((rid, rel.effect, "effect"))
    for u, v, role in edges:
        g.add_edge(u, v, key=role, kind=role)
    return g


def _causal_graph(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="causal-links", title=m.title)
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


# --------------------------------------------------------------------------- agents
# Who answers whom. Kept apart from the three statement graphs: its nodes are agents.


def _narrator(m: ArgumentMap) -> str | None:
    """The source's own voice: the agent who reports the most other speakers (at least two,
    and more than any other agent), as a news article's author reports everyone it quotes."""
    reported: dict[str, set[str]] = {}
    for a in m.attributions:
        if a.reported_by is not None and a.agent is not None and a.agent != a.reported_by:
            reported.setdefault(a.reported_by, set()).add(a.agent)
    counts = sorted(((len(v), k) for k, v in reported.items()), reverse=True)
    if not counts or counts[0][0] < 2 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1]


def _voices(m: ArgumentMap, narrator: str | None) -> dict[str, str]:
    """Statement or relation id -> the agent on record for it: who asserts it in person, else
    who reports someone asserting it, unless that is the source's own voice (which reports
    faithfully: the speaker it quotes is on record). An allegation sits with its reporter."""
    voice: dict[str, str] = {}
    reported: dict[str, str] = {}
    for a in m.attributions:
        if a.stance != "asserts" or a.agent is None:
            continue
        if a.reported_by is None:
            voice.setdefault(a.target, a.agent)
        else:
            on_record = a.agent if a.reported_by == narrator else a.reported_by
            reported.setdefault(a.target, on_record)
    for target, agent in reported.items():
        voice.setdefault(target, agent)
    return voice


def _agents_graph(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    """Agents as nodes; one edge per (agent, agent, kind) saying who answers whom.

    Kinds: ``supports`` and ``attacks`` (a relation between the two agents' statements, from
    the one on record for the premise or attacker, or for the relation itself, to the one on
    record for the conclusion or target), ``denies`` and ``questions`` (a stance on a
    statement the other is on record for) and ``reports`` (the first reports the second's
    stance). The agent on record for a statement is who asserts it in person, else its
    reporter, unless the reporter is the source's own voice (``narrator=True`` on its node).
    Edges carry ``count`` and ``targets``, the ids of the statements and relations behind them,
    in the map's order; an agent answering itself is left out.
    """
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="agents", title=m.title)
    narrator = _narrator(m)
    for aid, agent in m.agents.items():
        g.add_node(aid, kind="agent", name=agent.name, role=agent.role, narrator=aid == narrator)
    voice = _voices(m, narrator)
    found: dict[tuple[str, str, str], list[str]] = {}

    def add(a: str | None, b: str | None, kind: str, target: str) -> None:
        if a is not None and b is not None and a != b:
            targets = found.setdefault((a, b, kind), [])
            if target not in targets:
                targets.append(target)

    for rid, rel in m.relations.items():
        if isinstance(rel, Support):
            for premise in rel.premises:
                add(voice.get(rid, voice.get(premise)), voice.get(rel.conclusion), "supports", rid)
        elif isinstance(rel, Attack):
            add(voice.get(rid, voice.get(rel.attacker)), voice.get(rel.target), "attacks", rid)
    for a in m.attributions:
        if a.agent is not None and a.stance in ("denies", "questions"):
            add(a.agent, voice.get(a.target), a.stance, a.target)
        if a.reported_by is not None and a.agent is not None:
            add(a.reported_by, a.agent, "reports", a.target)
    for (teller, answered, kind), targets in found.items():
        g.add_edge(teller, answered, key=kind, kind=kind, count=len(targets), targets=targets)
    return g
