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
graphs are shared through the map's cache: treat them as read-only, or ``.copy()`` them. A
cached graph follows the map's changes in place, edit by edit, so that it equals a graph built
afresh (nodes, edges, their data and their order); a change it cannot follow exactly drops it,
and the next call builds it again. Keep a ``.copy()`` to hold on to the graph of one moment.

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

from collections.abc import Callable, Sequence
from itertools import islice
from typing import Any, cast

import networkx as nx

from argmap.errors import ViewError
from argmap.model import (
    Agent,
    ArgumentMap,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Source,
    Support,
)
from argmap.model.registries import newest
from argmap.names import GRAPHS, GraphName

__all__ = ["to_networkx"]


def to_networkx(m: ArgumentMap, graph: GraphName = "claims") -> nx.MultiDiGraph[str]:
    """Return a networkx graph of the map (see the module docs for the four graphs).

    The graph is cached on the map and follows its changes in place; do not mutate it.

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
    view = m.cached(("networkx", graph), lambda: _View(m, graph, builders[graph](m)))
    view.unread = 0
    return view.graph


def _add_statements(g: nx.MultiDiGraph[str], m: ArgumentMap) -> None:
    g.add_nodes_from((sid, _statement_node(s)) for sid, s in m.statements.items())


def _statement_node(s: Claim | Factor) -> dict[str, Any]:
    return {"kind": s.kind, "text": s.text, "relation": False}


def _relation_targets(m: ArgumentMap) -> dict[str, None]:
    # In the order of the first relation that targets each, so that the graph's node order
    # is the same from run to run (and a followed graph can keep it).
    relations = m.relations
    targets: dict[str, None] = {}
    for rel in relations.values():
        target = _targeted(rel)
        if target is not None and target in relations:
            targets[target] = None
    return targets


def _targeted(rel: Support | Attack | CausalLink) -> str | None:
    """What a relation points at that may be a relation: a conclusion or an attack's target."""
    if isinstance(rel, Support):
        return rel.conclusion
    if isinstance(rel, Attack):
        return rel.target
    return None


_Edge = tuple[str, str, str, dict[str, Any]]


def _claims_edges(rel: Support | Attack | CausalLink) -> list[_Edge]:
    """The claims graph's edges of one relation, in the order the graph holds them."""
    rid = rel.id
    if isinstance(rel, Support):
        linked = len(rel.premises) > 1
        return [
            (p, rel.conclusion, rid, {"kind": "support", "linked": linked}) for p in rel.premises
        ]
    if isinstance(rel, Attack):
        attrs = {"kind": "attack", "sort": rel.sort}
        edges = [(rel.attacker, rel.target, rid, attrs)]
        if rel.sort == "contradict" and rel.target != rel.attacker:
            edges.append((rel.target, rel.attacker, rid, dict(attrs)))
        return edges
    return [(rel.cause, rel.effect, rid, {"kind": "causal", "polarity": rel.polarity})]


def _claims_graph(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="claims", title=m.title)
    _add_statements(g, m)
    relations = m.relations
    for rid in _relation_targets(m):
        g.add_node(rid, kind=relations[rid].kind, relation=True)
    edges = [edge for rel in relations.values() for edge in _claims_edges(rel)]
    for u, v, key, attrs in edges:
        g.add_edge(u, v, key=key, **attrs)
    return g


def _aif_node(rel: Support | Attack | CausalLink) -> dict[str, Any]:
    if isinstance(rel, Support):
        return {"kind": "support", "relation": True, "scheme": rel.scheme}
    if isinstance(rel, Attack):
        return {"kind": "attack", "relation": True, "sort": rel.sort}
    return {"kind": "causal", "relation": True, "polarity": rel.polarity}


def _aif_edges(rel: Support | Attack | CausalLink) -> list[tuple[str, str, str]]:
    rid = rel.id
    if isinstance(rel, Support):
        return [*((p, rid, "premise") for p in rel.premises), (rid, rel.conclusion, "conclusion")]
    if isinstance(rel, Attack):
        return [(rel.attacker, rid, "attacker"), (rid, rel.target, "target")]
    return [(rel.cause, rid, "cause"), (rid, rel.effect, "effect")]


def _aif_graph(m: ArgumentMap) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="aif", title=m.title)
    _add_statements(g, m)
    edges: list[tuple[str, str, str]] = []
    for rid, rel in m.relations.items():
        g.add_node(rid, **_aif_node(rel))
        edges.extend(_aif_edges(rel))
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
        g.add_edge(rel.cause, rel.effect, key=rid, **_causal_edge(rel))
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


def _causal_edge(rel: CausalLink) -> dict[str, Any]:
    return {"kind": "causal", "polarity": rel.polarity, "modality": rel.modality}


# ----------------------------------------------------------------------------- following
# A cached graph is kept as a _View, which the map offers every change (ArgumentMap.cached).
# Each graph has a follower that applies the change to the graph in place, keeping exactly the
# nodes, edges, data and order a fresh build would give; where that is not cheap to keep (a
# rare reordering), it raises _Cannot and the view is dropped, to be built again on demand.

_Statement = Claim | Factor
_Relation = Support | Attack | CausalLink
# Records no statement graph shows: a change of them alone leaves those graphs as they are.
# (The agents graph shows them; it has no follower and is built again after any change.)
_UNSHOWN: frozenset[type] = frozenset({Agent, Source, Attribution})
_STATEMENT_TYPES: frozenset[type] = frozenset({Claim, Factor})
_RELATION_TYPES: frozenset[type] = frozenset({Support, Attack, CausalLink})


# Raised inside a follower when a change cannot be followed exactly, and caught in _View.follow
# (so it never leaves this module); argmap's own view error rather than a class of its own, as
# exception classes live in argmap.errors.
_Cannot = ViewError


class _Delta:
    """One change sorted for the followers: what left, what came, what was replaced."""

    __slots__ = (
        "relations_changed",
        "relations_in",
        "relations_out",
        "renamed",
        "statements_changed",
        "statements_in",
        "statements_out",
    )

    def __init__(self, added: Sequence[object], removed: Sequence[object]) -> None:
        # type() rather than isinstance(): on pydantic models the latter runs Python code.
        old_statements: dict[str, _Statement] = {}
        old_relations: dict[str, _Relation] = {}
        for record in removed:
            kind = type(record)
            if kind in _STATEMENT_TYPES:
                old_statements[cast(_Statement, record).id] = cast(_Statement, record)
            elif kind in _RELATION_TYPES:
                old_relations[cast(_Relation, record).id] = cast(_Relation, record)
            elif kind not in _UNSHOWN:
                raise _Cannot
        self.statements_in: list[_Statement] = []
        self.relations_in: list[_Relation] = []
        self.statements_changed: list[tuple[_Statement, _Statement]] = []
        self.relations_changed: list[tuple[_Relation, _Relation]] = []
        for record in added:
            kind = type(record)
            if kind in _STATEMENT_TYPES:
                stmt = cast(_Statement, record)
                old = old_statements.pop(stmt.id, None)
                if old is None:
                    self.statements_in.append(stmt)
                elif type(old) is not kind:
                    raise _Cannot  # a claim turned factor moves in the causal graph
                else:
                    self.statements_changed.append((old, stmt))
            elif kind in _RELATION_TYPES:
                rel = cast(_Relation, record)
                old_rel = old_relations.pop(rel.id, None)
                if old_rel is None:
                    self.relations_in.append(rel)
                elif type(old_rel) is not kind:
                    raise _Cannot
                else:
                    self.relations_changed.append((old_rel, rel))
            elif kind not in _UNSHOWN:
                raise _Cannot
        self.statements_out = list(old_statements.values())
        self.relations_out = list(old_relations.values())
        # One statement out and one in that differ by their id alone: a rename (or what looks
        # like one; the view checks that the new id stands where the old one stood).
        self.renamed: dict[str, str] = {}
        if len(self.statements_in) == 1 and len(self.statements_out) == 1:
            old_s, new_s = self.statements_out[0], self.statements_in[0]
            if type(old_s) is type(new_s) and _same_but_id(old_s, new_s):
                self.renamed[old_s.id] = new_s.id
                self.statements_changed.append((old_s, new_s))
                self.statements_in, self.statements_out = [], []
        if (self.statements_in and self.statements_out) or (
            self.relations_in and self.relations_out
        ):
            # Records in and others out at once, as a rename: the newcomers may take the
            # leavers' places in the map's order, which a view cannot see from here.
            raise _Cannot

    def ends(self, edges: list[_Edge]) -> list[tuple[str, str, str]]:
        """The (u, v, key) of edges, with renamed ids under their new names."""
        renamed = self.renamed
        return [(renamed.get(u, u), renamed.get(v, v), k) for u, v, k, _ in edges]

    def empty(self) -> bool:
        return not (
            self.statements_in
            or self.statements_out
            or self.statements_changed
            or self.relations_in
            or self.relations_out
            or self.relations_changed
        )


class _View:
    """A cached graph, how many statement nodes lead its node order, and relation kinds.

    The kinds (for the claims graph, whose relation nodes carry one) are kept here rather than
    read from the map: a view that held the map would tie the two in a reference cycle.
    """

    __slots__ = ("graph", "head", "kinds", "name", "relations", "statements", "unread")

    def __init__(self, m: ArgumentMap, name: str, graph: nx.MultiDiGraph[str]) -> None:
        self.name = name
        self.graph = graph
        # The map's read-only registries (they hold the registries, not the map): where a
        # newcomer stands in the map's order, which a view keeps, is read there.
        self.statements = m.statements
        self.relations = m.relations
        # Records changed since the graph was last asked for: a view nobody reads while the
        # map grows by a tenth stops following, as building it again then costs less.
        self.unread = 0
        self.kinds: dict[str, str] = {}
        if name == "claims":
            self.kinds = {rid: rel.kind for rid, rel in m.relations.items()}
        if name == "causal-links":
            self.head = sum(1 for s in m.statements.values() if type(s) is Factor)
        else:
            self.head = len(m.statements)

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        """Apply a change to the graph in place; False when the graph must be built again."""
        follower = _FOLLOWERS.get(self.name)
        if follower is None:
            return False
        self.unread += len(added) + len(removed)
        if self.unread > 1000 + len(self.graph) // 10:
            return False
        try:
            delta = _Delta(added, removed)
            if delta.empty():
                return True
            # A newcomer is followed only as the newest of its registry, where a view appends
            # it; one put back in its old place (a batch undoing a removal) is built again.
            if not newest(self.statements, delta.statements_in) or not newest(
                self.relations, delta.relations_in
            ):
                return False
            for old, new in delta.renamed.items():
                _relabel(self, old, new)
            follower(self, delta)
        except _Cannot:
            return False
        return True


def _same_but_id(a: _Statement, b: _Statement) -> bool:
    fields_a = {k: v for k, v in a.__dict__.items() if k != "id"}
    fields_b = {k: v for k, v in b.__dict__.items() if k != "id"}
    return fields_a == fields_b


def _relabel(view: _View, old: str, new: str) -> None:
    """Give a node a new name in place: it keeps its place among the nodes and its edges
    theirs among each neighbour's, as a fresh build of the renamed map has them."""
    g = view.graph
    if old not in g:
        return
    if new in g:
        raise _Cannot

    def rekey(store: dict[str, Any]) -> None:
        # In C but for one assignment: these may hold every node of a large map.
        keys = list(store)
        keys[keys.index(old)] = new
        values = list(store.values())
        store.clear()
        store.update(zip(keys, values, strict=True))

    succ: dict[str, dict[str, Any]] = g._succ  # type: ignore[attr-defined]
    pred: dict[str, dict[str, Any]] = g._pred  # type: ignore[attr-defined]
    # Both sets first: a link from the node to itself is in both, under the old name.
    heads, tails = set(succ[old]), set(pred[old])
    for neighbour in heads:
        rekey(pred[neighbour])
    for neighbour in tails:
        rekey(succ[neighbour])
    for store in (g._node, succ, pred):  # type: ignore[attr-defined]
        rekey(store)
    nx.utils.misc._clear_cache(g)
    # The statements lead the node order in the map's order (factors alone in the causal
    # view, whose claims follow in order of first mention): check the new id stands where the
    # old one stood, which an undone removal, not a rename, would not give.
    if view.name == "causal-links":
        data = g.nodes[new]
        if data["kind"] != "factor":
            raise _Cannot  # a claim's place is that of its first mention
        # The partner's data names the factor (whichever of the two names the other).
        partner = data["opposite"]
        if partner is not None and partner in g and g.nodes[partner].get("opposite") == old:
            g.nodes[partner]["opposite"] = new
        expected = [sid for sid, s in view.statements.items() if type(s) is Factor]
    else:
        expected = list(view.statements)
    if list(islice(g, view.head)) != expected:
        raise _Cannot


def _drop_edge(g: nx.MultiDiGraph[str], u: str, v: str, key: str) -> None:
    keys = g.succ[u].get(v) if u in g else None
    if keys is None or key not in keys:
        raise _Cannot
    if len(keys) > 1 and next(iter(keys)) == key:
        # A fresh build would place v among u's neighbours by the next parallel edge's
        # relation; finding where costs a pass over the relations.
        raise _Cannot
    g.remove_edge(u, v, key=key)


def _drop_node(g: nx.MultiDiGraph[str], node: str) -> None:
    if node not in g:
        return
    if g.succ[node] or g.pred[node]:
        raise _Cannot  # the change left an edge to it: not a change a valid map makes
    g.remove_node(node)


def _insert_nodes(view: _View, nodes: list[tuple[str, dict[str, Any]]]) -> None:
    """Add statement nodes after the statement nodes already there, as a fresh build has them."""
    if not nodes:
        return
    g = view.graph
    tail = list(g)[view.head :] if len(g) > view.head else []
    g.add_nodes_from(nodes)
    # Move the nodes that came after the statements behind the new ones, in the graph's own
    # dicts (its views hold them): popping and re-inserting keeps each one's data.
    stores: tuple[dict[str, Any], ...] = (g._node, g._succ, g._pred)  # type: ignore[attr-defined]
    for store in stores:
        for node in tail:
            store[node] = store.pop(node)
    view.head += len(nodes)


def _update(data: dict[str, Any], new: dict[str, Any]) -> None:
    if list(data) != list(new):
        raise _Cannot
    data.update(new)


def _follow_claims(view: _View, d: _Delta) -> None:
    g, kinds = view.graph, view.kinds
    # Every edge first, then the nodes: a relation and an undercut of it can leave together.
    for rel in d.relations_out:
        for u, v, key, _ in _claims_edges(rel):
            _drop_edge(g, u, v, key)
        del kinds[rel.id]
    for rel in d.relations_out:
        target = _targeted(rel)
        if target is not None and target in g and g.nodes[target]["relation"]:
            if g.pred[target]:
                raise _Cannot  # another relation still targets it: it may move
            g.remove_node(target)
        _drop_node(g, rel.id)
    for old, new in d.relations_changed:
        _replace_edges(g, _claims_edges(old), _claims_edges(new), d)
    _follow_statements(view, d)
    for rel in d.relations_in:
        kinds[rel.id] = rel.kind
    for rel in d.relations_in:
        target = _targeted(rel)
        if target is not None and target not in g:
            kind = kinds.get(target)
            if kind is None:
                raise _Cannot  # not a relation this view knows: build again
            g.add_node(target, kind=kind, relation=True)
        for u, v, key, attrs in _claims_edges(rel):
            g.add_edge(u, v, key=key, **attrs)


def _follow_statements(view: _View, d: _Delta) -> None:
    """Statements out, changed and in, for the views that show every statement (claims, AIF)."""
    g = view.graph
    for s in d.statements_out:
        _drop_node(g, s.id)
        view.head -= 1
    for _, s in d.statements_changed:
        _update(g.nodes[s.id], _statement_node(s))
    _insert_nodes(view, [(s.id, _statement_node(s)) for s in d.statements_in])


def _replace_edges(
    g: nx.MultiDiGraph[str], old: list[_Edge], new: list[_Edge], d: _Delta | None = None
) -> None:
    """Update a replaced relation's edges in place when its ends are the same (or renamed)."""
    old_ends = d.ends(old) if d is not None else [(u, v, k) for u, v, k, _ in old]
    if old_ends != [(u, v, k) for u, v, k, _ in new]:
        raise _Cannot  # new ends: the edges would move in the order
    for u, v, key, attrs in new:
        _update(g.succ[u][v][key], attrs)


def _follow_aif(view: _View, d: _Delta) -> None:
    g = view.graph
    for rel in d.relations_out:
        for u, v, role in _aif_edges(rel):
            _drop_edge(g, u, v, role)
    for rel in d.relations_out:
        _drop_node(g, rel.id)
    for old, new in d.relations_changed:
        old_edges = [(u, v, role, {"kind": role}) for u, v, role in _aif_edges(old)]
        new_edges = [(u, v, role, {"kind": role}) for u, v, role in _aif_edges(new)]
        _replace_edges(g, old_edges, new_edges, d)
        _update(g.nodes[new.id], _aif_node(new))
    _follow_statements(view, d)
    for rel in d.relations_in:
        g.add_node(rel.id, **_aif_node(rel))
        for u, v, role in _aif_edges(rel):
            g.add_edge(u, v, key=role, kind=role)


def _follow_causal(view: _View, d: _Delta) -> None:
    g = view.graph
    for rel in d.relations_out:
        if not isinstance(rel, CausalLink):
            continue
        _drop_edge(g, rel.cause, rel.effect, rel.id)
        for end in (rel.cause, rel.effect):
            if end in g and g.nodes[end]["kind"] != "factor":
                if g.succ[end] or g.pred[end]:
                    raise _Cannot  # a claim still linked may move to a later first mention
                g.remove_node(end)
    for old, new in d.relations_changed:
        if isinstance(old, CausalLink) and isinstance(new, CausalLink):
            old_edge = [(old.cause, old.effect, old.id, _causal_edge(old))]
            new_edge = [(new.cause, new.effect, new.id, _causal_edge(new))]
            _replace_edges(g, old_edge, new_edge, d)
    for stmt in d.statements_out:
        if type(stmt) is Factor:
            partner = g.nodes[stmt.id]["opposite"]
            if partner in g and g.nodes[partner].get("opposite") == stmt.id:
                g.nodes[partner]["opposite"] = None
            _drop_node(g, stmt.id)
            view.head -= 1
        else:
            _drop_node(g, stmt.id)
    for old_stmt, stmt in d.statements_changed:
        if stmt.id not in g:
            continue
        data = g.nodes[stmt.id]
        if type(stmt) is Factor:
            if old_stmt.opposite != stmt.opposite:  # type: ignore[union-attr]
                raise _Cannot  # who pairs with whom then depends on the other factor too
            _update(data, {"kind": "factor", "text": stmt.text, "opposite": data["opposite"]})
        else:
            _update(data, {"kind": stmt.kind, "text": stmt.text})
    factors: list[tuple[str, dict[str, Any]]] = []
    for stmt in d.statements_in:
        if type(stmt) is Factor:
            factors.append(
                (stmt.id, {"kind": "factor", "text": stmt.text, "opposite": stmt.opposite})
            )
    _insert_nodes(view, factors)
    for stmt in d.statements_in:
        if type(stmt) is Factor and stmt.opposite is not None and stmt.opposite in g:
            g.nodes[stmt.opposite]["opposite"] = stmt.id
    for rel in d.relations_in:
        if not isinstance(rel, CausalLink):
            continue
        for end in (rel.cause, rel.effect):
            if end not in g:
                raise _Cannot  # a claim's text is not in the change: build again
        g.add_edge(rel.cause, rel.effect, key=rel.id, **_causal_edge(rel))


_FOLLOWERS: dict[str, Callable[[_View, _Delta], None]] = {
    "claims": _follow_claims,
    "aif": _follow_aif,
    "causal-links": _follow_causal,
}
