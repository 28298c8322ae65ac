"""Helpers the checks share: text normalisation, derived graphs, bounded cycle search.

Derived values are cached on the map (:meth:`ArgumentMap.cached`) so that several checks in one
run compute them once. Graph work is networkx; every traversal here is iterative, so a
100,000-long support chain cannot overflow the stack.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from argmap.model import ArgumentMap, Attack, Attribution, Claim, Factor, Support
from argmap.model.registries import newest

__all__ = [
    "CYCLE_LENGTH_BOUND",
    "CYCLE_LIMIT",
    "ENUMERATION_NODE_LIMIT",
    "Cycle",
    "CycleSearch",
    "attack_graph",
    "attack_pairs",
    "attacks_on",
    "bounded_cycles",
    "ids_text",
    "normalise",
    "normalised_texts",
    "quoted_attributions",
    "support_graph",
]

CYCLE_LENGTH_BOUND = 12
"""Cycles longer than this many nodes are not enumerated one by one."""
CYCLE_LIMIT = 50
"""At most this many cycles are reported by one check on one map."""
ENUMERATION_NODE_LIMIT = 2000
"""Strongly connected components larger than this are reported by one shortest cycle only,
because enumerating cycles in them can take time that grows faster than the map."""

_PUNCT_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)
_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII_FOLD = bytes(c if c in _ALNUM else 32 for c in range(256)).lower()


def normalise(text: str) -> str:
    """Fold case, accents, punctuation and runs of white space, for comparing labels.

    Examples:
        >>> normalise("  Exclusion   only leads to MORE violence! ")
        'exclusion only leads to more violence'
        >>> normalise("Nicolás Maduro") == normalise("nicolas maduro")
        True
    """
    if text.isascii():
        # One table lookup a byte: letters lowered, digits kept, everything else a space.
        return " ".join(text.encode().translate(_ASCII_FOLD).decode().split())
    # Compatibility forms first ("℠" -> "SM"), then case, then again: folding case can produce
    # characters that decompose further; accents (combining marks) go last.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _PUNCT_OR_SPACE.sub(" ", folded).strip()


def ids_text(ids: Iterable[str], *, arrow: str = " -> ", limit: int = 8) -> str:
    """Join ids for a message, eliding the middle of long lists.

    Examples:
        >>> ids_text(["c1", "c2", "c1"])
        'c1 -> c2 -> c1'
        >>> ids_text([f"c{i}" for i in range(20)], arrow=", ", limit=4)
        'c0, c1, ..., c18, c19 (20 in all)'
    """
    items = list(ids)
    if len(items) <= limit:
        return arrow.join(items)
    half = limit // 2
    return arrow.join([*items[:half], "...", *items[-half:]]) + f" ({len(items)} in all)"


class _Folded(dict[str, str]):
    """Folded texts by statement id, following the map's changes (no statement is folded twice)."""

    statements: Mapping[str, Claim | Factor]  # the map's registry, for its order

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        came: dict[str, Claim | Factor] = {}
        for r in added:
            if type(r) is Claim or type(r) is Factor:
                came[r.id] = r
        gone = [
            r.id for r in removed if (type(r) is Claim or type(r) is Factor) and r.id not in came
        ]
        if gone and any(sid not in self for sid in came):
            # A rename: the new id takes the old one's place in the map's order. The texts are
            # put in the map's order again, folding only the new ones (no statement twice).
            fresh_ids = [sid for sid in came if sid not in self]
            if len(gone) == 1 and len(fresh_ids) == 1 and gone[0] in self:
                # One id for another in its place, as a rename: in C but for one text.
                keys, values = list(self), list(self.values())
                at = keys.index(gone[0])
                keys[at] = fresh_ids[0]
                if keys == list(self.statements):
                    values[at] = normalise(came[fresh_ids[0]].text)
                    self.clear()
                    self.update(zip(keys, values, strict=True))
                    for sid, stmt in came.items():
                        if sid != fresh_ids[0]:
                            self[sid] = normalise(stmt.text)
                    return True
            for sid in gone:
                self.pop(sid, None)
            kept = dict(self)
            self.clear()
            for sid, stmt in self.statements.items():
                text = None if sid in came else kept.get(sid)
                self[sid] = normalise(stmt.text) if text is None else text
            return True
        fresh = [r for sid, r in came.items() if sid not in self]
        if not newest(self.statements, fresh):
            return False  # put back in its old place, as by an undone removal
        for sid in gone:
            self.pop(sid, None)
        for sid, stmt in came.items():
            # A replaced statement keeps its place: assigning to a key keeps its position.
            self[sid] = normalise(stmt.text)
        return True


def normalised_texts(m: ArgumentMap) -> dict[str, str]:
    """Every statement's text through :func:`normalise`, by id, cached on the map."""
    statements = m.statements

    def build() -> _Folded:
        folded = _Folded((sid, normalise(s.text)) for sid, s in statements.items())
        folded.statements = statements
        return folded

    return m.cached(("checks", "normalised"), build)


def _relation_graphs(m: ArgumentMap) -> tuple[nx.DiGraph[str], nx.DiGraph[str]]:
    """The support and attack graphs, built in one pass over the relations."""
    relations = m.relations
    supports: list[tuple[str, str]] = []
    attacks: list[tuple[str, str]] = []
    backed: set[str] = set()
    for rel in relations.values():
        if isinstance(rel, Support):
            conclusion = rel.conclusion
            supports.extend((p, conclusion) for p in rel.premises)
            if conclusion in relations:
                backed.add(conclusion)
        elif isinstance(rel, Attack) and rel.sort != "undercut":
            attacks.append((rel.attacker, rel.target))
            if rel.sort == "contradict":
                attacks.append((rel.target, rel.attacker))
    for rid in backed:
        backed_rel = relations[rid]
        if isinstance(backed_rel, Support):
            supports.append((rid, backed_rel.conclusion))
    support_g: nx.DiGraph[str] = nx.DiGraph()
    support_g.add_edges_from(supports)
    attack_g: nx.DiGraph[str] = nx.DiGraph()
    attack_g.add_edges_from(attacks)
    return support_g, attack_g


def support_graph(m: ArgumentMap) -> nx.DiGraph[str]:
    """Premise -> conclusion for every support, cached on the map.

    A support that backs another support (its conclusion is a relation) points at that
    relation's node, and the backed support's node points on to its own conclusion, so that
    circular backing shows as a cycle too. Statements in no support are not nodes.
    """
    return m.cached(("checks", "relation_graphs"), lambda: _relation_graphs(m))[0]


def attack_graph(m: ArgumentMap) -> nx.DiGraph[str]:
    """Attacker -> target between statements (a contradiction both ways), cached on the map.

    Undercuts, which attack relations rather than statements, are left out: the graph is the
    abstract argumentation framework over statements. Unattacking statements are not nodes.
    """
    return m.cached(("checks", "relation_graphs"), lambda: _relation_graphs(m))[1]


def attack_pairs(m: ArgumentMap) -> dict[tuple[str, str], list[str]]:
    """Attack ids by (attacker, target), a contradiction under both orders, cached on the map."""

    def build() -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = {}
        for rid, rel in m.relations.items():
            if isinstance(rel, Attack):
                index.setdefault((rel.attacker, rel.target), []).append(rid)
                if rel.sort == "contradict" and rel.attacker != rel.target:
                    index.setdefault((rel.target, rel.attacker), []).append(rid)
        return index

    return m.cached(("checks", "attack_pairs"), build)


def quoted_attributions(m: ArgumentMap) -> list[Attribution]:
    """The attributions that carry a quote, in the order they were added."""
    return m.cached(
        ("checks", "quoted"), lambda: [a for a in m.attributions if a.quote is not None]
    )


@dataclass(frozen=True, slots=True)
class Cycle:
    """A cycle found by :func:`bounded_cycles`.

    Attributes:
        nodes: The nodes in order; the cycle closes from the last back to the first. When
            ``whole_component`` is set, the members of the component instead, sorted.
        component: Size of the strongly connected component it lies in.
        enumerated: False when the component was too large to enumerate or had no wanted cycle
            within the length bound, so this stands for the whole component.
        whole_component: True when no wanted cycle could be pinned down and ``nodes`` lists the
            component (odd cycles in a large component).
    """

    nodes: tuple[str, ...]
    component: int
    enumerated: bool = True
    whole_component: bool = False


@dataclass(slots=True)
class CycleSearch:
    """The result of :func:`bounded_cycles`: cycles found and whether the search stopped early."""

    cycles: list[Cycle]
    stopped: bool
    limit: int
    length_bound: int

    def note(self) -> str:
        """A clause for a finding that says where the search stopped, or ``""``."""
        if not self.stopped:
            return ""
        return (
            f" (search stopped at {self.limit} cycles of at most {self.length_bound} "
            "nodes; more may exist)"
        )


def _shortest_cycle_through(g: nx.DiGraph[str], start: str) -> list[str]:
    """A shortest cycle through ``start`` by breadth-first search (iterative)."""
    parents: dict[str, str] = {}
    for parent, child in nx.bfs_edges(g, start):
        parents[child] = parent
        if g.has_edge(child, start):
            path = [child]
            while path[-1] != start:
                path.append(parents[path[-1]])
            path.reverse()
            return path
    return [start]  # only for a component of one node, which callers skip


def _components(g: nx.DiGraph[str]) -> list[set[str]]:
    # Sorted so that the same map gives the same cycles in the same order.
    comps = [c for c in nx.strongly_connected_components(g) if len(c) > 1]
    comps.sort(key=min)
    return comps


def _rotate(cycle: list[str]) -> tuple[str, ...]:
    """Start a cycle at its smallest node so that equal cycles print alike."""
    at = cycle.index(min(cycle))
    return tuple(cycle[at:] + cycle[:at])


def bounded_cycles(
    g: nx.DiGraph[str],
    *,
    length_bound: int = CYCLE_LENGTH_BOUND,
    limit: int = CYCLE_LIMIT,
    odd_only: bool = False,
) -> CycleSearch:
    """Find cycles of ``g`` (self-loops left out), bounded in count and length, deterministically.

    Cycles are enumerated per strongly connected component with
    ``nx.simple_cycles(length_bound=...)``. A component with no cycle within the bound, or too
    large to enumerate (:data:`ENUMERATION_NODE_LIMIT` nodes), is reported by one shortest
    cycle found by breadth-first search, with ``enumerated=False``.

    Args:
        g: The graph.
        length_bound: Longest cycle, in nodes, to enumerate.
        limit: Most cycles to return; ``stopped`` is set when more may exist. At most
            ``20 * limit`` cycles are looked at in all, kept or not.
        odd_only: Keep only cycles with an odd number of nodes. A component whose undirected
            form is bipartite has no odd directed cycle and is skipped at once; a strongly
            connected one that is not bipartite has one, and when none is found within the
            bounds the component itself is reported (``whole_component``).

    Returns:
        The cycles and whether the search stopped early.

    Examples:
        >>> import networkx as nx
        >>> g = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")])
        >>> [c.nodes for c in bounded_cycles(g).cycles]
        [('a', 'b'), ('a', 'b', 'c')]
        >>> [c.nodes for c in bounded_cycles(g, odd_only=True).cycles]
        [('a', 'b', 'c')]
        >>> bounded_cycles(g, limit=1).stopped
        True
    """
    cycles: list[Cycle] = []
    if nx.is_directed_acyclic_graph(g):  # the usual case, and cheaper than finding components
        return CycleSearch(cycles, False, limit, length_bound)
    scan_cap = 20 * limit
    scanned = 0
    stopped = False
    for comp in _components(g):
        if len(cycles) >= limit or scanned >= scan_cap:
            stopped = True
            break
        sub = g.subgraph(comp)
        if odd_only:
            undirected: nx.Graph[str] = nx.Graph(sub)
            undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
            if nx.is_bipartite(undirected):
                continue
        found_here = False
        if len(comp) <= ENUMERATION_NODE_LIMIT:
            for raw in nx.simple_cycles(sub, length_bound=length_bound):
                if len(raw) < 2:
                    continue
                scanned += 1
                if not odd_only or len(raw) % 2 == 1:
                    cycles.append(Cycle(_rotate(raw), len(comp)))
                    found_here = True
                if len(cycles) >= limit or scanned >= scan_cap:
                    stopped = True
                    break
        if found_here:
            continue
        path = _shortest_cycle_through(sub, min(comp))
        if not odd_only or len(path) % 2 == 1:
            cycles.append(Cycle(_rotate(path), len(comp), enumerated=False))
        else:
            cycles.append(
                Cycle(tuple(sorted(comp)), len(comp), enumerated=False, whole_component=True)
            )
    cycles.sort(key=lambda c: (c.whole_component, len(c.nodes), c.nodes))
    return CycleSearch(cycles, stopped, limit, length_bound)


def attacks_on(m: ArgumentMap) -> dict[str, list[Attack]]:
    """Attacks by target id (a contradiction is filed under both ends), cached on the map."""

    def build() -> dict[str, list[Attack]]:
        index = _AttacksOn()
        for rel in m.relations.values():
            if isinstance(rel, Attack):
                index.file(rel)
        return index

    return m.cached(("checks", "attacks_on"), build)


class _AttacksOn(dict[str, list[Attack]]):
    """Attacks by target id; follows changes (a list's order is not relied on)."""

    def file(self, rel: Attack) -> None:
        self.setdefault(rel.target, []).append(rel)
        if rel.sort == "contradict":
            self.setdefault(rel.attacker, []).append(rel)

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        for r in removed:
            if type(r) is Attack:
                for end in (r.target, r.attacker) if r.sort == "contradict" else (r.target,):
                    held = self.get(end)
                    if held is None:
                        return False
                    held[:] = [a for a in held if a is not r]
                    if not held:
                        del self[end]
        for r in added:
            if type(r) is Attack:
                self.file(r)
        return True
