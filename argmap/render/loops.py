"""Feedback loops of a causal view, for labelling them R1, B1... in a drawing.

This is the renderer's only dependency on loop finding, kept behind :func:`feedback_loops` so that
it can be pointed at :mod:`argmap.causal` once that lands. Until then it asks networkx for the
simple cycles of the causal graph, bounded in length and number (a dense map has exponentially
many), and classifies each by the product of its links' signs: ``+`` reinforcing, ``-``
balancing, and undetermined when a link is ``0`` or ``?``.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> gang, fear = m.factor("gang strength", id="gang"), m.factor("fear", id="fear")
    >>> _ = m.causes(gang, fear), m.causes(fear, gang)
    >>> [(loop.label, loop.kind, loop.statements) for loop in feedback_loops(m)]
    [('R1', 'reinforcing', ('gang', 'fear'))]
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from argmap.model import ArgumentMap, CausalLink

__all__ = ["Loop", "LoopKind", "feedback_loops"]

LoopKind = Literal["reinforcing", "balancing", "undetermined"]
_LETTER: dict[str, str] = {"reinforcing": "R", "balancing": "B", "undetermined": "U"}


@dataclass(frozen=True)
class Loop:
    """One feedback loop: its label, kind, statements (in cycle order) and causal links.

    Attributes:
        label: ``R1``, ``B2``, ``U1``...: a letter for the kind, numbered per kind.
        kind: ``reinforcing``, ``balancing`` or ``undetermined``.
        statements: The statements around the loop, starting from the earliest in the map.
        links: The causal links around the loop, in the same order.
    """

    label: str
    kind: LoopKind
    statements: tuple[str, ...]
    links: tuple[str, ...]


def feedback_loops(
    m: ArgumentMap,
    *,
    statements: Collection[str] | None = None,
    links: Collection[str] | None = None,
    max_length: int = 12,
    limit: int = 100,
) -> list[Loop]:
    """Return the feedback loops among causal links, labelled R1.., B1.., U1.. in a stable order.

    Args:
        m: The map.
        statements: Only loops through these statements (all when ``None``).
        links: Only loops made of these causal links (all when ``None``).
        max_length: Longest loop looked for, in links.
        limit: Most loops returned; the shortest come first.

    Returns:
        The loops, shortest first, then in the order of the map's statements.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> a, b = m.factor("a", id="a"), m.factor("b", id="b")
        >>> _ = m.causes(a, b, polarity="-"), m.causes(b, a)
        >>> feedback_loops(m)[0].label
        'B1'
    """
    order = {sid: i for i, sid in enumerate(m.statements)}
    g: nx.DiGraph[str] = nx.DiGraph()
    parallel: dict[tuple[str, str], list[CausalLink]] = {}
    for rid, rel in m.relations.items():
        if not isinstance(rel, CausalLink):
            continue
        if links is not None and rid not in links:
            continue
        if statements is not None and (rel.cause not in statements or rel.effect not in statements):
            continue
        g.add_edge(rel.cause, rel.effect)
        parallel.setdefault((rel.cause, rel.effect), []).append(rel)
    found: list[tuple[tuple[str, ...], tuple[CausalLink, ...]]] = []
    # Shortest loops first: one length at a time, so a dense map stops as soon as `limit`
    # loops are known instead of walking its exponentially many long ones.
    for length in range(1, max_length + 1):
        for cycle in nx.simple_cycles(g, length_bound=length):
            if len(cycle) != length:
                continue
            # Start each loop at its earliest statement so the same loop always reads the same.
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            nodes = tuple(cycle[first:] + cycle[:first])
            pairs = [(nodes[i], nodes[(i + 1) % len(nodes)]) for i in range(len(nodes))]
            # Parallel links between two statements make distinct loops.
            combos = itertools.islice(itertools.product(*(parallel[p] for p in pairs)), limit)
            found.extend((nodes, combo) for combo in combos)
            if len(found) >= limit:
                break
        if len(found) >= limit:
            break
    found.sort(key=lambda item: (len(item[0]), [order[s] for s in item[0]]))
    counters: dict[str, int] = {}
    loops: list[Loop] = []
    for nodes, combo in found[:limit]:
        kind = _kind(link.polarity for link in combo)
        letter = _LETTER[kind]
        counters[letter] = counters.get(letter, 0) + 1
        loops.append(Loop(f"{letter}{counters[letter]}", kind, nodes, tuple(c.id for c in combo)))
    return loops


def _kind(polarities: Iterable[str]) -> LoopKind:
    sign = 1
    for p in polarities:
        if p in ("0", "?"):
            return "undetermined"
        if p == "-":
            sign = -sign
    return "reinforcing" if sign > 0 else "balancing"
